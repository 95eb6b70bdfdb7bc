//! Opening one input and streaming its records as [`ReadEvent`]s.

use crate::arc::ArcState;
use crate::event::{Ctx, ReadEvent, ReadOptions};
use crate::fields::FieldMap;
use crate::json::JsonState;
use crate::list::InputFile;
use crate::single::read_single;
use crate::sniff::{sniff_format, Compression, Format, SNIFF_BYTES};
use crate::source::{decompress, Peeked, RawRead, ReadStats, Src};
use crate::warc::WarcState;
use newsmill_core::{InputError, InputErrorKind};
use std::io;
use std::sync::atomic::Ordering;
use std::sync::Arc;

enum State {
    Unopened,
    Failed(InputError),
    Json(JsonState),
    Warc(WarcState),
    Arc(ArcState),
    Single(Format),
    Done,
}

/// Streams the records of one input as [`ReadEvent`]s, with bounded memory. Opening happens on the
/// first `next()`, so an unreadable file is an event like any other.
pub struct InputReader {
    file: InputFile,
    ctx: Ctx,
    src: Option<Src>,
    state: State,
    buf: Vec<u8>,
}

/// Opens one listed input for reading. `file_index` is its position in the run's listing; it goes
/// into every `doc.pos`.
pub fn open_input(file: &InputFile, file_index: u32, opts: &ReadOptions) -> InputReader {
    let stats = Arc::new(ReadStats::new(opts.digest));
    InputReader {
        ctx: Ctx {
            path: file.display(),
            id_prefix: file.id_prefix.clone(),
            file_index,
            opts: opts.clone(),
            stats,
            compression: Compression::None,
        },
        file: file.clone(),
        src: None,
        state: State::Unopened,
        buf: Vec::new(),
    }
}

/// Reads an in-memory input (tests, fuzzing, embedding): the same sniffing and readers as files.
/// `name` is used as path in locations and as id prefix.
pub fn read_bytes(bytes: Vec<u8>, name: &str, opts: &ReadOptions) -> InputReader {
    read_stream(Box::new(io::Cursor::new(bytes)), name, opts)
}

/// Reads any byte stream (an object-store body, a pipe from another tool) like a file:
/// compression and format sniffed, memory bounded. `name` is used as path in locations and as id
/// prefix; the file index is 0.
pub fn read_stream(
    stream: Box<dyn io::Read + Send>,
    name: &str,
    opts: &ReadOptions,
) -> InputReader {
    let file = InputFile {
        path: name.into(),
        size: None,
        id_prefix: name.to_owned(),
    };
    let mut r = open_input(&file, 0, opts);
    r.start(stream);
    r
}

/// The file name without its compression suffixes, lowercased.
fn base_name(path: &str) -> String {
    let mut name = path.to_ascii_lowercase();
    for ext in [".gz", ".zst", ".zstd", ".br"] {
        if let Some(s) = name.strip_suffix(ext) {
            name = s.to_owned();
        }
    }
    name
}

/// Brotli has no magic bytes: a `.br` name is the only sign of it.
fn compression_hint(path: &str) -> Option<Compression> {
    path.to_ascii_lowercase()
        .ends_with(".br")
        .then_some(Compression::Brotli)
}

impl InputReader {
    /// Byte counters of this input, live while reading (share them with a progress thread).
    pub fn stats(&self) -> Arc<ReadStats> {
        self.ctx.stats.clone()
    }

    /// The format the input was read as, once the first event has been taken.
    pub fn format(&self) -> Option<Format> {
        match self.state {
            State::Json(_) => Some(Format::Jsonl),
            State::Warc(_) => Some(Format::Warc),
            State::Arc(_) => Some(Format::Arc),
            State::Single(f) => Some(f),
            State::Unopened | State::Failed(_) | State::Done => None,
        }
    }

    fn open(&mut self) {
        let raw: RawRead = if self.file.is_stdin() {
            Box::new(io::stdin())
        } else {
            match std::fs::File::open(&self.file.path) {
                Ok(f) => Box::new(f),
                Err(e) => {
                    let loc = self.ctx.loc(None, None, None);
                    let err = InputError::new(loc, InputErrorKind::Unreadable, e.to_string());
                    self.state = State::Failed(err);
                    return;
                }
            }
        };
        self.start(raw);
    }

    fn start(&mut self, raw: RawRead) {
        let buffer = self.ctx.opts.buffer_bytes.max(4096);
        let hint = compression_hint(&self.ctx.path);
        let (stream, compression, members) = decompress(raw, self.ctx.stats.clone(), buffer, hint);
        self.ctx.compression = compression;
        if let Compression::Unsupported(name) = compression {
            self.state = State::Failed(InputError::new(
                self.ctx.loc(None, Some(0), None),
                InputErrorKind::UnsupportedCompression,
                format!("{name} compressed input is not supported; decompress it first"),
            ));
            return;
        }
        let peeked = Peeked::new(stream, SNIFF_BYTES);
        let sniffed = sniff_format(peeked.head());
        let format = self
            .ctx
            .opts
            .format
            .unwrap_or_else(|| refine_by_name(sniffed, &self.ctx.path));
        self.src = Some(Src::new(Box::new(peeked), buffer, members));
        self.state = match format {
            Format::Jsonl => State::Json(JsonState::new(FieldMap::new(&self.ctx.opts.fields))),
            Format::Warc => State::Warc(WarcState::default()),
            Format::Arc => State::Arc(ArcState::default()),
            f => State::Single(f),
        };
    }

    fn step(&mut self) -> Option<ReadEvent> {
        if let State::Unopened = self.state {
            self.open();
        }
        if let State::Failed(_) = self.state {
            if let State::Failed(e) = std::mem::replace(&mut self.state, State::Done) {
                return Some(ReadEvent::Error(e));
            }
        }
        let src = self.src.as_mut()?;
        let step = match &mut self.state {
            State::Unopened | State::Failed(_) | State::Done => return None,
            State::Json(j) => j.next_event(src, &self.ctx, &mut self.buf),
            State::Warc(w) => w.next_event(src, &self.ctx, &mut self.buf),
            State::Arc(a) => a.next_event(src, &self.ctx, &mut self.buf),
            State::Single(format) => {
                let format = *format;
                self.state = State::Done;
                return Some(read_single(src, &self.ctx, format, &mut self.buf));
            }
        };
        self.finish_step(step)
    }

    /// Ends the input after its last event or after a fatal one.
    fn finish_step(&mut self, step: Option<(ReadEvent, bool)>) -> Option<ReadEvent> {
        match step {
            None => {
                self.state = State::Done;
                None
            }
            Some((ev, fatal)) => {
                if fatal {
                    self.state = State::Done;
                }
                Some(ev)
            }
        }
    }
}

impl Iterator for InputReader {
    type Item = ReadEvent;

    fn next(&mut self) -> Option<ReadEvent> {
        let ev = self.step();
        if let Some(src) = &self.src {
            self.ctx
                .stats
                .decompressed_bytes
                .store(src.offset, Ordering::Relaxed);
        }
        if ev.is_none() {
            // Release buffers and the file as soon as the input is done.
            self.src = None;
            self.buf = Vec::new();
        }
        ev
    }
}

/// The name decides only when the content is not recognisable: a `.jsonl` file whose first line
/// is garbage is still read as JSON (so every bad line is reported), a `.warc` or `.arc` file
/// that does not start with a record header is read as one (so the broken header is reported),
/// and a `.html` file of plain words is a page.
fn refine_by_name(sniffed: Format, path: &str) -> Format {
    if sniffed != Format::Text && sniffed != Format::Binary {
        return sniffed;
    }
    let name = base_name(path);
    if name.ends_with(".jsonl") || name.ends_with(".ndjson") || name.ends_with(".json") {
        Format::Jsonl
    } else if name.ends_with(".warc") {
        Format::Warc
    } else if name.ends_with(".arc") {
        Format::Arc
    } else if sniffed == Format::Text && (name.ends_with(".html") || name.ends_with(".htm")) {
        Format::Html
    } else {
        sniffed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reader_moves_across_threads() {
        fn assert_send<T: Send + 'static>(_: &T) {}
        let r = read_bytes(b"{\"text\":\"a\"}\n".to_vec(), "t", &ReadOptions::default());
        assert_send(&r);
        let events = std::thread::spawn(move || r.count()).join().unwrap();
        assert_eq!(events, 1);
    }

    #[test]
    fn names_decide_only_unrecognised_content() {
        assert_eq!(refine_by_name(Format::Text, "a/b.JSONL.gz"), Format::Jsonl);
        assert_eq!(refine_by_name(Format::Binary, "x.warc.zst"), Format::Warc);
        assert_eq!(refine_by_name(Format::Text, "x.arc.gz"), Format::Arc);
        assert_eq!(refine_by_name(Format::Html, "x.jsonl"), Format::Html);
        assert_eq!(refine_by_name(Format::Text, "notes.txt"), Format::Text);
        assert_eq!(refine_by_name(Format::Text, "page.HTM"), Format::Html);
        assert_eq!(compression_hint("a.warc.br"), Some(Compression::Brotli));
    }
}
