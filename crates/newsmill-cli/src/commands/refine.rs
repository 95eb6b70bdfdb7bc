//! `newsmill refine`: the main job. Raw news in; clean, deduplicated, attributed articles,
//! rejects with reasons, and a run report out.

use anyhow::Result;
use newsmill_pipeline::{Config, Format, RunError, RunOptions, Step};
use std::io::IsTerminal;
use std::path::PathBuf;

/// Exit code when `--strict` stopped the run at an input error.
pub const EXIT_STRICT: u8 = 3;
/// Exit code when the accounting check failed (a record neither in articles nor in rejects).
pub const EXIT_ACCOUNTING: u8 = 4;
/// Exit code when the run read no input record at all.
pub const EXIT_NOTHING: u8 = 1;

/// Arguments of `newsmill refine`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Input files or folders (text, HTML, JSONL, WARC; gzip or zstd); `-` for stdin.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Output folder (articles.jsonl, rejects.jsonl, report.json).
    #[arg(short, long)]
    pub out: PathBuf,
    /// TOML config (stages and their settings); built-in defaults otherwise.
    #[arg(short, long)]
    pub config: Option<PathBuf>,
    /// Run only these stages, comma separated (see `newsmill stages`).
    #[arg(long)]
    pub stages: Option<String>,
    /// Worker threads (default: all cores).
    #[arg(short = 'j', long)]
    pub threads: Option<usize>,
    /// Tasks per phase (default: one per input file, at most 64).
    #[arg(long)]
    pub tasks: Option<usize>,
    /// Article output format.
    #[arg(long, value_enum, default_value = "jsonl")]
    pub format: FormatArg,
    /// Stop at the first input error with exit code 3.
    #[arg(long)]
    pub strict: bool,
    /// Resume an interrupted run with the same arguments, reusing finished tasks (inputs are
    /// checked by content; changed ones make the run start over).
    #[arg(long)]
    pub resume: bool,
    /// Keep the work folder (OUT/.work) after a successful run.
    #[arg(long)]
    pub keep_work: bool,
    /// No progress bar and no warnings on stderr.
    #[arg(short, long)]
    pub quiet: bool,
    /// Print the report summary on stderr at the end.
    #[arg(short, long)]
    pub verbose: bool,
    /// Run one step of the run only (for a cluster scheduler; see docs/distributed.md):
    /// `process` and `final` need `--rank`; steps go process (every rank), dedup, final
    /// (every rank), merge. Finished steps are skipped, so a step can be retried.
    #[arg(long, value_enum, requires = "tasks")]
    pub step: Option<StepArg>,
    /// The task this call runs, `0..tasks`, with `--step process|final`.
    #[arg(long)]
    pub rank: Option<usize>,
}

/// `--step` values.
#[derive(clap::ValueEnum, Clone, Copy, Debug)]
pub enum StepArg {
    /// Read inputs and run the document stages for `--rank`.
    Process,
    /// Cross-document dedup.
    Dedup,
    /// Dedup decisions and finalize stages for `--rank`.
    Final,
    /// Final outputs and report.
    Merge,
}

/// `--format` values.
#[derive(clap::ValueEnum, Clone, Copy, Debug)]
pub enum FormatArg {
    /// articles.jsonl
    Jsonl,
    /// articles.parquet
    Parquet,
    /// both
    Both,
}

/// Runs the command; returns the process exit code.
pub fn run(args: Args) -> Result<u8> {
    let (mut config, config_text) = match &args.config {
        Some(path) => (
            Config::from_file(path)?,
            std::fs::read_to_string(path).unwrap_or_default(),
        ),
        None => (Config::default(), String::new()),
    };
    if let Some(list) = &args.stages {
        config.select_stages(list)?;
    }
    let threads = args.threads.unwrap_or_else(|| {
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    });
    let opts = RunOptions {
        inputs: args.inputs,
        out_dir: args.out.clone(),
        config,
        config_text,
        threads,
        tasks: args.tasks,
        format: match args.format {
            FormatArg::Jsonl => Format::Jsonl,
            FormatArg::Parquet => Format::Parquet,
            FormatArg::Both => Format::Both,
        },
        strict: args.strict,
        resume: args.resume,
        progress: !args.quiet && std::io::stderr().is_terminal(),
        quiet: args.quiet,
        keep_work: args.keep_work || args.step.is_some(),
    };
    let result = match args.step {
        None => newsmill_pipeline::run(&opts).map(Some),
        Some(step) => {
            let rank = || {
                args.rank
                    .ok_or_else(|| anyhow::anyhow!("--step process|final needs --rank"))
            };
            let step = match step {
                StepArg::Process => Step::Process(rank()?),
                StepArg::Dedup => Step::Dedup,
                StepArg::Final => Step::Final(rank()?),
                StepArg::Merge => Step::Merge,
            };
            newsmill_pipeline::run_step(&opts, step)
        }
    };
    match result {
        Ok(None) => Ok(0),
        Ok(Some(report)) => {
            if !args.quiet {
                eprintln!(
                    "newsmill: {} records -> {} articles, {} rejects, {} input errors in {:.1}s ({:.1} MB/s); report: {}",
                    report.accounting.records_in,
                    report.accounting.articles,
                    report.accounting.rejects,
                    report.errors.count,
                    report.totals.seconds,
                    report.totals.mb_per_second,
                    args.out.join("report.json").display()
                );
            }
            let reused = &report.duplicate_ids;
            if let (false, Some(first)) = (args.quiet, reused.first.first()) {
                eprintln!(
                    "newsmill: warning: {} records reuse an id an earlier record has (first: {:?} at {} record {}); see duplicate_ids in report.json",
                    reused.count, first.id, first.path, first.record
                );
            }
            if args.verbose {
                eprintln!("{}", serde_json::to_string_pretty(&report.stages)?);
            }
            Ok(0)
        }
        Err(RunError::Strict(e)) => {
            eprintln!("newsmill: error: {e}");
            eprintln!("newsmill: stopped (--strict); rerun with --resume after fixing, or without --strict");
            Ok(EXIT_STRICT)
        }
        Err(RunError::Accounting(m)) => {
            eprintln!("newsmill: error: accounting check failed: {m}");
            Ok(EXIT_ACCOUNTING)
        }
        Err(e @ RunError::NothingRead(_)) => {
            eprintln!("newsmill: error: {e}");
            Ok(EXIT_NOTHING)
        }
        Err(e) => Err(e.into()),
    }
}
