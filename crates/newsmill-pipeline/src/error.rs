//! Why a run stopped, as the CLI's exit codes tell it apart.

use newsmill_core::InputError;
use std::path::PathBuf;

/// A config that cannot be used: unreadable, not TOML, an unknown key or stage, a value out of
/// range. The message names the file, key or stage.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The config file could not be read.
    #[error("reading config {}: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
    /// The text is not TOML, or has a key no section knows.
    #[error("{}{source}", in_file(path))]
    Toml {
        /// The file, when the text came from one.
        path: Option<PathBuf>,
        /// What the TOML parser said.
        #[source]
        source: toml::de::Error,
    },
    /// A stage name the catalogue does not have.
    #[error("unknown stage `{name}`; known stages: {known}")]
    UnknownStage {
        /// The name given.
        name: String,
        /// Every stage the catalogue has, comma separated.
        known: String,
    },
    /// A value out of range or settings that contradict each other.
    #[error("{0}")]
    Invalid(String),
}

fn in_file(path: &Option<PathBuf>) -> String {
    path.as_ref()
        .map(|p| format!("in config {}: ", p.display()))
        .unwrap_or_default()
}

impl From<newsmill_core::Error> for ConfigError {
    fn from(e: newsmill_core::Error) -> Self {
        ConfigError::Invalid(e.to_string())
    }
}

/// Why a run stopped early.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// `--strict` and an input error.
    #[error("input error (--strict): {0}")]
    Strict(Box<InputError>),
    /// Articles + rejects do not add up to the input records.
    #[error("accounting check failed: {0}")]
    Accounting(String),
    /// The config or arguments cannot work.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// The work folder or an output file failed (I/O, a corrupt file between steps, steps run
    /// out of order, a resume that does not match).
    #[error(transparent)]
    Work(#[from] newsmill_core::Error),
    /// `articles.parquet` could not be written.
    #[error("{0}")]
    Output(String),
    /// Inputs named on the command line that cannot be read at all (missing, unreadable, a
    /// scheme newsmill does not read); nothing was run.
    #[error("{}", inputs_message(.0))]
    Inputs(Vec<InputError>),
    /// A run that would be unsafe or unsound: an output folder that holds or is an input, a
    /// resume that cannot check its inputs.
    #[error("{0}")]
    Refused(String),
    /// The output folder or its work folder cannot be set up (cannot be created, a resume that
    /// does not match): nothing was run.
    #[error(transparent)]
    Setup(newsmill_core::Error),
    /// The run completed but read no input record.
    #[error("read no input records from {0} file(s); nothing to refine")]
    NothingRead(u64),
}

fn inputs_message(errors: &[InputError]) -> String {
    let lines: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
    format!("cannot read the named inputs:\n  {}", lines.join("\n  "))
}

/// `Result` with [`RunError`].
pub type Result<T, E = RunError> = std::result::Result<T, E>;
