//! Documents between pipeline phases: zstd-compressed JSONL, one `Doc` per line, written under a
//! temporary name and renamed when complete, so a crashed task never leaves a shard that looks
//! finished.

use newsmill_core::{AtomicFile, Doc, Error, IoContext, Result};
use std::fs::File;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

/// Writes a shard of documents through an [`AtomicFile`] (a temporary name, renamed on
/// [`finish`]). Dropped without `finish`, it deletes the temporary file.
///
/// [`finish`]: DocShardWriter::finish
pub struct DocShardWriter {
    path: PathBuf,
    enc: Option<zstd::Encoder<'static, AtomicFile>>,
    count: u64,
    line: Vec<u8>,
}

impl DocShardWriter {
    /// Starts a shard at zstd level 3 (fast to write, about 4x smaller than JSON for news text).
    pub fn create(path: impl AsRef<Path>) -> Result<Self> {
        Self::with_level(path, 3)
    }

    /// Starts a shard at a chosen zstd level (1 fastest, 19 smallest). Creates missing parent
    /// folders.
    pub fn with_level(path: impl AsRef<Path>, level: i32) -> Result<Self> {
        let path = path.as_ref().to_path_buf();
        let file = AtomicFile::create(&path).at("creating", &path)?;
        let enc = zstd::Encoder::new(file, level).at("starting zstd for", &path)?;
        Ok(DocShardWriter {
            path,
            enc: Some(enc),
            count: 0,
            line: Vec::with_capacity(64 << 10),
        })
    }

    /// Appends one document. A document still holding raw HTML is refused: `Doc.html` is not
    /// serialized, so writing it would silently lose the page.
    pub fn write(&mut self, doc: &Doc) -> Result<()> {
        if doc.html.is_some() {
            return Err(Error::Order(format!(
                "document {} still holds raw HTML, which shards do not store; extract it first",
                doc.id
            )));
        }
        let Some(enc) = self.enc.as_mut() else {
            return Err(Error::Order(format!(
                "shard {} is already finished",
                self.path.display()
            )));
        };
        self.line.clear();
        serde_json::to_writer(&mut self.line, doc)?;
        self.line.push(b'\n');
        enc.write_all(&self.line).at("writing", &self.path)?;
        self.count += 1;
        Ok(())
    }

    /// Documents written so far.
    pub fn count(&self) -> u64 {
        self.count
    }

    /// Completes the zstd frame, syncs, and renames the shard into place. Returns the number of
    /// documents.
    pub fn finish(mut self) -> Result<u64> {
        let Some(enc) = self.enc.take() else {
            return Err(Error::Order(format!(
                "shard {} is already finished",
                self.path.display()
            )));
        };
        let file = enc.finish().at("finishing", &self.path)?;
        file.commit().at("committing", &self.path)?;
        Ok(self.count)
    }
}

/// Streams the documents of a shard written by [`DocShardWriter`]. Errors name the file and
/// line; after an error (corrupt or truncated shard) the iterator ends.
pub fn read_doc_shard(path: impl AsRef<Path>) -> impl Iterator<Item = Result<Doc>> {
    let path = path.as_ref().to_path_buf();
    let opened = File::open(&path)
        .at("opening shard", &path)
        .and_then(|f| zstd::Decoder::new(f).at("reading shard", &path))
        .map(|d| BufReader::with_capacity(1 << 20, d));
    let (reader, first_err) = match opened {
        Ok(r) => (Some(r), None),
        Err(e) => (None, Some(e)),
    };
    ShardIter {
        path,
        reader,
        first_err,
        line_no: 0,
        buf: Vec::new(),
    }
}

struct ShardIter<R> {
    path: PathBuf,
    reader: Option<R>,
    first_err: Option<Error>,
    line_no: u64,
    buf: Vec<u8>,
}

impl<R: BufRead> Iterator for ShardIter<R> {
    type Item = Result<Doc>;

    fn next(&mut self) -> Option<Result<Doc>> {
        if let Some(e) = self.first_err.take() {
            return Some(Err(e));
        }
        let reader = self.reader.as_mut()?;
        self.buf.clear();
        self.line_no += 1;
        let result = match reader.read_until(b'\n', &mut self.buf) {
            Ok(0) => {
                self.reader = None;
                return None;
            }
            Ok(_) => serde_json::from_slice::<Doc>(&self.buf)
                .map_err(|e| Error::corrupt(&self.path, format!("line {}: {e}", self.line_no))),
            Err(e) => Err(e).at("reading shard", &self.path),
        };
        if result.is_err() {
            self.reader = None;
        }
        Some(result)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_atomic_rename() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/shard-0.jsonl.zst");
        let mut w = DocShardWriter::create(&path).unwrap();
        let mut docs = Vec::new();
        for i in 0..100u64 {
            let mut d = Doc::new(format!("d{i}"), format!("Text {i}\nline"));
            d.pos.record = i;
            d.extra.insert("k".into(), serde_json::json!(i));
            w.write(&d).unwrap();
            docs.push(d);
        }
        assert!(!path.exists());
        assert_eq!(w.finish().unwrap(), 100);
        assert!(path.exists());
        let back: Vec<Doc> = read_doc_shard(&path).map(|d| d.unwrap()).collect();
        assert_eq!(back, docs);
    }

    #[test]
    fn refuses_html_and_cleans_up_unfinished() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.jsonl.zst");
        let mut w = DocShardWriter::create(&path).unwrap();
        let mut d = Doc::new("a", "");
        d.html = Some(newsmill_core::Html::default());
        assert!(w.write(&d).is_err());
        drop(w);
        assert!(!path.exists());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn missing_and_corrupt_shards_error_with_path() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("none.zst");
        let errs: Vec<_> = read_doc_shard(&missing).collect();
        assert_eq!(errs.len(), 1);
        assert!(format!("{:#}", errs[0].as_ref().unwrap_err()).contains("none.zst"));
        let bad = dir.path().join("bad.zst");
        std::fs::write(
            &bad,
            zstd::encode_all(&b"{\"id\":\"a\",\"text\":\"x\"}\nnot json\n"[..], 1).unwrap(),
        )
        .unwrap();
        let got: Vec<_> = read_doc_shard(&bad).collect();
        assert_eq!(got.len(), 2);
        assert!(got[0].is_ok());
        assert!(format!("{:#}", got[1].as_ref().unwrap_err()).contains("line 2"));
    }
}
