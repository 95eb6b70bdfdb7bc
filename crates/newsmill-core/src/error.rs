use serde::{Deserialize, Serialize};
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

/// Where in the input something happened, as precisely as the reader knows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    /// The input file (`-` for stdin).
    pub path: String,
    /// 1-based line number, for line-oriented inputs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    /// Byte offset in the (decompressed) stream.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offset: Option<u64>,
    /// Byte offset of the record in the file as stored, when that differs from `offset`: in a
    /// `.warc.gz` the start of the record's gzip member, as CDX indexes give it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stored_offset: Option<u64>,
    /// 0-based record ordinal inside the file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record: Option<u64>,
    /// The record's own id (`WARC-Record-ID`), when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_id: Option<String>,
    /// The record's URL (`WARC-Target-URI`, the ARC URL, a JSON `url`), when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path)?;
        if let Some(l) = self.line {
            write!(f, ":{l}")?;
        }
        if let Some(o) = self.offset {
            write!(f, " (byte {o})")?;
        }
        if let Some(o) = self.stored_offset {
            write!(f, " (stored byte {o})")?;
        }
        if let Some(r) = self.record {
            write!(f, " (record {r})")?;
        }
        if let Some(id) = &self.record_id {
            write!(f, " {id}")?;
        }
        if let Some(u) = &self.url {
            write!(f, " {u}")?;
        }
        Ok(())
    }
}

/// What went wrong with an input record or file. The tag (`truncated_gzip`) is what reports and
/// rejects show, so these names are part of the output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InputErrorKind {
    /// The file or folder cannot be opened or read.
    Unreadable,
    /// A chain of symlinks that never reaches a file, or a link back to a folder being walked.
    SymlinkLoop,
    /// Compressed with a method newsmill does not read (bzip2, xz, lz4, zip).
    UnsupportedCompression,
    /// An input that holds no text at all.
    EmptyFile,
    /// A JSONL line that is not a JSON object.
    InvalidJson,
    /// A WARC record whose header or framing is broken.
    BadWarcRecord,
    /// A WARC record cut short by the end of the stream.
    TruncatedWarcRecord,
    /// A gzip stream cut short.
    TruncatedGzip,
    /// A gzip stream or member that does not decode.
    CorruptGzip,
    /// A zstd stream cut short.
    TruncatedZstd,
    /// A zstd stream that does not decode.
    CorruptZstd,
    /// Any other read failure of the operating system.
    ReadError,
    /// A record larger than the configured `max_doc_bytes`.
    DocTooLarge,
    /// A record with no text (no non-blank `text` or `html`, or an empty HTTP body).
    NoText,
    /// Bytes that are not text.
    BinaryContent,
    /// A WARC response whose HTTP message does not parse.
    BadHttpResponse,
    /// An HTTP body whose `Content-Encoding` is unknown and which is not readable as it is.
    BadContentEncoding,
    /// A brotli stream that does not decode.
    CorruptBrotli,
    /// An input named by a scheme newsmill does not read (`s3://`, `http://`).
    UnsupportedScheme,
    /// An ARC record whose header line or length is broken.
    BadArcRecord,
    /// An ARC record cut short by the end of the stream.
    TruncatedArcRecord,
    /// A record kept although the stream ended inside it (what was decoded is a page's worth).
    TruncatedRecord,
}

impl InputErrorKind {
    /// The stable tag, as reports and rejects show it.
    pub fn as_str(self) -> &'static str {
        use InputErrorKind::*;
        match self {
            Unreadable => "unreadable",
            SymlinkLoop => "symlink_loop",
            UnsupportedCompression => "unsupported_compression",
            EmptyFile => "empty_file",
            InvalidJson => "invalid_json",
            BadWarcRecord => "bad_warc_record",
            TruncatedWarcRecord => "truncated_warc_record",
            TruncatedGzip => "truncated_gzip",
            CorruptGzip => "corrupt_gzip",
            TruncatedZstd => "truncated_zstd",
            CorruptZstd => "corrupt_zstd",
            ReadError => "read_error",
            DocTooLarge => "doc_too_large",
            NoText => "no_text",
            BinaryContent => "binary_content",
            BadHttpResponse => "bad_http_response",
            BadContentEncoding => "bad_content_encoding",
            CorruptBrotli => "corrupt_brotli",
            UnsupportedScheme => "unsupported_scheme",
            BadArcRecord => "bad_arc_record",
            TruncatedArcRecord => "truncated_arc_record",
            TruncatedRecord => "truncated_record",
        }
    }
}

impl fmt::Display for InputErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<&str> for InputErrorKind {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// A problem with the input that skips a record or the rest of a file but not the run
/// (unless `--strict`). Always names the file and position.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputError {
    /// Where it happened.
    pub location: Location,
    /// What kind of problem.
    pub kind: InputErrorKind,
    /// Human-readable detail.
    pub message: String,
}

impl InputError {
    /// An error at a location.
    pub fn new(location: Location, kind: InputErrorKind, message: impl Into<String>) -> Self {
        InputError {
            location,
            kind,
            message: message.into(),
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.location, self.kind, self.message)
    }
}

impl std::error::Error for InputError {}

/// What can go wrong with the files a run keeps between its steps and writes as output: every
/// variant names the file, so a message is enough to find the problem.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or folder could not be created, read, written or renamed.
    #[error("{action} {}: {source}", path.display())]
    Io {
        /// What was being done (`reading`, `renaming into`).
        action: &'static str,
        /// The file or folder.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: io::Error,
    },
    /// A file between steps does not hold what its writer wrote: corrupt, truncated, or from
    /// another version of newsmill.
    #[error("{}: {detail}", path.display())]
    Corrupt {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        detail: String,
    },
    /// A step asked for before the steps it depends on, or work that does not fit the run.
    #[error("{0}")]
    Order(String),
    /// Settings that cannot work (out of range, inconsistent).
    #[error("{0}")]
    Config(String),
    /// An I/O failure of a stream whose file its own errors name (a buffered [`crate::AtomicFile`]
    /// write, a decoder).
    #[error("{0}")]
    Stream(#[from] io::Error),
    /// A value that does not serialize or a line that does not parse as the JSON its writer wrote.
    #[error("{0}")]
    Json(#[from] serde_json::Error),
}

impl Error {
    /// A corrupt-file error.
    pub fn corrupt(path: impl Into<PathBuf>, detail: impl Into<String>) -> Self {
        Error::Corrupt {
            path: path.into(),
            detail: detail.into(),
        }
    }
}

/// `Result` with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Names the file an I/O result was about: `fs::read(p).at("reading", p)?`.
pub trait IoContext<T> {
    /// Turns an `io::Error` into [`Error::Io`] with the action and path.
    fn at(self, action: &'static str, path: &Path) -> Result<T>;
}

impl<T> IoContext<T> for io::Result<T> {
    fn at(self, action: &'static str, path: &Path) -> Result<T> {
        self.map_err(|source| Error::Io {
            action,
            path: path.to_path_buf(),
            source,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_file_and_position() {
        let e = InputError::new(
            Location {
                path: "a.jsonl".into(),
                line: Some(3),
                offset: Some(120),
                ..Location::default()
            },
            InputErrorKind::InvalidJson,
            "expected value",
        );
        assert_eq!(
            e.to_string(),
            "a.jsonl:3 (byte 120): invalid_json: expected value"
        );
        assert_eq!(
            serde_json::to_value(InputErrorKind::TruncatedGzip).unwrap(),
            serde_json::json!("truncated_gzip")
        );
    }

    #[test]
    fn kinds_serialize_as_their_tags() {
        use InputErrorKind::*;
        for k in [
            Unreadable,
            SymlinkLoop,
            UnsupportedCompression,
            EmptyFile,
            InvalidJson,
            BadWarcRecord,
            TruncatedWarcRecord,
            TruncatedGzip,
            CorruptGzip,
            TruncatedZstd,
            CorruptZstd,
            ReadError,
            DocTooLarge,
            NoText,
            BinaryContent,
            BadHttpResponse,
            BadContentEncoding,
            CorruptBrotli,
            UnsupportedScheme,
            BadArcRecord,
            TruncatedArcRecord,
            TruncatedRecord,
        ] {
            assert_eq!(serde_json::to_value(k).unwrap(), k.as_str());
        }
    }

    #[test]
    fn io_errors_name_their_file() {
        let r: io::Result<()> = Err(io::Error::new(io::ErrorKind::NotFound, "gone"));
        let e = r.at("reading", Path::new("/x/y.json")).unwrap_err();
        assert_eq!(e.to_string(), "reading /x/y.json: gone");
    }
}
