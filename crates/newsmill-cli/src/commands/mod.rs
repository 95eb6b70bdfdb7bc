//! One module per subcommand.

pub mod extract;
pub mod quotes;
pub mod refine;
pub mod stages;
