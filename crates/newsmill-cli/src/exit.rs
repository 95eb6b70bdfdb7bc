//! One table of exit codes for every subcommand, so that scripts can tell "fix your command"
//! from "the run had trouble" the same way whatever they ran.

use newsmill_pipeline::{ConfigError, RunError};

/// What a finished command tells its caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Everything asked for was done.
    Ok = 0,
    /// It ran, but not all of it: nothing was read, some input or record could not be used,
    /// or the run failed on the way (an output could not be written).
    Incomplete = 1,
    /// Nothing was run: a bad argument or config, an input named on the command line that
    /// does not exist or cannot be read, or an output folder that cannot be used.
    Usage = 2,
    /// `--strict` stopped the run at the first input error.
    Strict = 3,
    /// A record was lost between input and output (the accounting check failed).
    Accounting = 4,
}

/// The table, as `--help` and the README show it.
pub const TABLE: &str = "\
Exit codes (the same for every subcommand):
  0  success
  1  ran, but incomplete: nothing read, some input or record unusable, or a failure on the way
  2  nothing run: bad argument or config, a named input missing or unreadable, or an output
     folder that cannot be used (cannot be created; a --resume that does not match)
  3  --strict stopped at the first input error
  4  accounting check failed: a record neither in the articles nor in the rejects";

/// What the user asked for cannot be done (exit 2): the message says which argument or input.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// A command that failed, with the exit code its cause calls for: each error type the commands
/// meet converts into one (`?` picks the code), so nothing downcasts to decide it.
#[derive(Debug)]
pub struct Failure {
    /// The code the process exits with.
    pub exit: Exit,
    /// What went wrong, printed on stderr.
    pub error: anyhow::Error,
}

/// What every command returns.
pub type Outcome = Result<Exit, Failure>;

impl Failure {
    fn new(exit: Exit, error: impl Into<anyhow::Error>) -> Self {
        Failure {
            exit,
            error: error.into(),
        }
    }
}

impl From<UsageError> for Failure {
    fn from(e: UsageError) -> Self {
        Failure::new(Exit::Usage, e)
    }
}

impl From<ConfigError> for Failure {
    fn from(e: ConfigError) -> Self {
        Failure::new(Exit::Usage, e)
    }
}

impl From<RunError> for Failure {
    /// Refused before anything ran: 2; `--strict`: 3; lost records: 4; the rest: 1.
    fn from(e: RunError) -> Self {
        let exit = match &e {
            RunError::Config(_)
            | RunError::Inputs(_)
            | RunError::Refused(_)
            | RunError::Setup(_) => Exit::Usage,
            RunError::Strict(_) => Exit::Strict,
            RunError::Accounting(_) => Exit::Accounting,
            _ => Exit::Incomplete,
        };
        Failure::new(exit, e)
    }
}

impl From<anyhow::Error> for Failure {
    /// A failure on the way (reading, writing): 1.
    fn from(e: anyhow::Error) -> Self {
        Failure::new(Exit::Incomplete, e)
    }
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Self {
        Failure::new(Exit::Incomplete, e)
    }
}

impl From<serde_json::Error> for Failure {
    fn from(e: serde_json::Error) -> Self {
        Failure::new(Exit::Incomplete, e)
    }
}

/// Fails with a usage error (exit 2) when a named input does not exist or cannot be opened,
/// before anything is read: the same check, message and code in every subcommand.
pub fn check_inputs<'a>(
    paths: impl IntoIterator<Item = &'a std::path::Path>,
) -> Result<(), UsageError> {
    for p in paths {
        if p.as_os_str() == "-" {
            continue;
        }
        if let Err(e) = std::fs::metadata(p).and_then(|m| {
            if m.is_file() {
                std::fs::File::open(p).map(|_| ())
            } else {
                Ok(())
            }
        }) {
            return Err(UsageError(format!(
                "cannot read input {}: {e}",
                p.display()
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_map_to_their_codes() {
        assert_eq!(Failure::from(UsageError("x".into())).exit, Exit::Usage);
        assert_eq!(
            Failure::from(ConfigError::Invalid("x".into())).exit,
            Exit::Usage
        );
        assert_eq!(
            Failure::from(RunError::Refused("x".into())).exit,
            Exit::Usage
        );
        assert_eq!(
            Failure::from(RunError::NothingRead(1)).exit,
            Exit::Incomplete
        );
        assert_eq!(
            Failure::from(anyhow::anyhow!("disk full")).exit,
            Exit::Incomplete
        );
    }

    #[test]
    fn a_missing_input_is_a_usage_error() {
        let e = check_inputs([std::path::Path::new("/no/such/file.warc")]).unwrap_err();
        assert_eq!(Failure::from(UsageError(e.0.clone())).exit, Exit::Usage);
        assert!(e.to_string().contains("/no/such/file.warc"));
        assert!(check_inputs([std::path::Path::new("-")]).is_ok());
    }
}
