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

impl Exit {
    /// The code of an error a command returned: usage and config errors (and a run refused
    /// before it started) are 2, everything else 1.
    pub fn of_error(e: &anyhow::Error) -> Exit {
        if e.downcast_ref::<UsageError>().is_some() || e.downcast_ref::<ConfigError>().is_some() {
            return Exit::Usage;
        }
        match e.downcast_ref::<RunError>() {
            Some(
                RunError::Config(_)
                | RunError::Inputs(_)
                | RunError::Refused(_)
                | RunError::Setup(_),
            ) => Exit::Usage,
            Some(RunError::Strict(_)) => Exit::Strict,
            Some(RunError::Accounting(_)) => Exit::Accounting,
            _ => Exit::Incomplete,
        }
    }
}

/// Fails with a usage error (exit 2) when a named input does not exist or cannot be opened,
/// before anything is read: the same check, message and code in every subcommand.
pub fn check_inputs<'a>(
    paths: impl IntoIterator<Item = &'a std::path::Path>,
) -> anyhow::Result<()> {
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
            return Err(UsageError(format!("cannot read input {}: {e}", p.display())).into());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_map_to_their_codes() {
        let usage = anyhow::Error::new(UsageError("x".into()));
        assert_eq!(Exit::of_error(&usage), Exit::Usage);
        let config = anyhow::Error::new(ConfigError::Invalid("x".into()));
        assert_eq!(Exit::of_error(&config), Exit::Usage);
        let refused = anyhow::Error::new(RunError::Refused("x".into()));
        assert_eq!(Exit::of_error(&refused), Exit::Usage);
        let other = anyhow::anyhow!("disk full");
        assert_eq!(Exit::of_error(&other), Exit::Incomplete);
    }

    #[test]
    fn a_missing_input_is_a_usage_error() {
        let e = check_inputs([std::path::Path::new("/no/such/file.warc")]).unwrap_err();
        assert_eq!(Exit::of_error(&e), Exit::Usage);
        assert!(e.to_string().contains("/no/such/file.warc"));
        assert!(check_inputs([std::path::Path::new("-")]).is_ok());
    }
}
