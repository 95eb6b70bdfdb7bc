use serde::{Deserialize, Serialize};
use std::fmt;

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
    /// 0-based record ordinal inside the file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record: Option<u64>,
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
        if let Some(r) = self.record {
            write!(f, " (record {r})")?;
        }
        Ok(())
    }
}

/// A problem with the input that skips a record or the rest of a file but not the run
/// (unless `--strict`). Always names the file and position.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputError {
    /// Where it happened.
    pub location: Location,
    /// Short stable kind (`truncated_gzip`, `invalid_json`, `bad_warc_record`, `unreadable`).
    pub kind: String,
    /// Human-readable detail.
    pub message: String,
}

impl InputError {
    /// An error at a location.
    pub fn new(location: Location, kind: impl Into<String>, message: impl Into<String>) -> Self {
        InputError {
            location,
            kind: kind.into(),
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
                record: None,
            },
            "invalid_json",
            "expected value",
        );
        assert_eq!(
            e.to_string(),
            "a.jsonl:3 (byte 120): invalid_json: expected value"
        );
    }
}
