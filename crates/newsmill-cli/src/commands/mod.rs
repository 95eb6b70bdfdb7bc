//! One module per subcommand.

pub mod completions;
pub mod config;
pub mod extract;
pub mod quotes;
pub mod refine;
pub mod stages;
