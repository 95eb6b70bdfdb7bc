//! Log lines on stderr through `tracing`: `-v` info, `-vv` debug, `-vvv` trace; `RUST_LOG`
//! overrides. Off (warnings only) by default, so a run's own summary stays the only output.

use std::io::IsTerminal;
use tracing_subscriber::EnvFilter;

/// The filter for a count of `-v` flags.
fn level(verbose: u8) -> &'static str {
    match verbose {
        0 => "warn",
        1 => "info",
        2 => "debug",
        _ => "trace",
    }
}

/// Installs the stderr logger once, at start.
pub fn init(verbose: u8) {
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(level(verbose)));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .with_target(true)
        .try_init();
}

#[cfg(test)]
mod tests {
    #[test]
    fn more_flags_more_lines() {
        assert_eq!(super::level(0), "warn");
        assert_eq!(super::level(2), "debug");
        assert_eq!(super::level(9), "trace");
    }
}
