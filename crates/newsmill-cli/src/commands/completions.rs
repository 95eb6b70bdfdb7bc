//! `newsmill completions <shell>` and `newsmill man`: made from the same clap definition as the
//! command itself, so they always match its flags.

use crate::exit::{Exit, Outcome};
use clap_complete::Shell;

/// Arguments of `newsmill completions`.
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  newsmill completions bash > ~/.local/share/bash-completion/completions/newsmill\n  \
                        newsmill completions zsh > ~/.zfunc/_newsmill\n  \
                        newsmill completions fish > ~/.config/fish/completions/newsmill.fish"
)]
pub struct Args {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: Shell,
}

/// Arguments of `newsmill man`.
#[derive(clap::Args, Debug)]
#[command(after_help = "Example:\n  newsmill man > newsmill.1 && man ./newsmill.1")]
pub struct ManArgs {}

/// Prints the completion script for `args.shell`.
pub fn run(args: Args, mut cmd: clap::Command) -> Outcome {
    clap_complete::generate(args.shell, &mut cmd, "newsmill", &mut std::io::stdout());
    Ok(Exit::Ok)
}

/// Prints the manual page, the subcommands' pages after the main one.
pub fn man(_args: ManArgs, cmd: clap::Command) -> Outcome {
    let mut out = std::io::stdout().lock();
    clap_mangen::Man::new(cmd.clone()).render(&mut out)?;
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        let name = format!("newsmill-{}", sub.get_name());
        clap_mangen::Man::new(sub.clone().name(name)).render(&mut out)?;
    }
    Ok(Exit::Ok)
}
