//! `newsmill refine`: the main job. Raw news in; clean, deduplicated, attributed articles,
//! rejects with reasons, and a run report out.

use crate::exit::{Exit, Failure, Outcome, UsageError};
use newsmill_pipeline::{Config, Format, Report, RunError, RunOptions, Step};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

/// Drop reasons the run summary names.
const SUMMARY_REASONS: usize = 5;

const EXAMPLES: &str = "Examples:
  newsmill refine crawl.warc.gz -o out/                  # every stage, all cores
  newsmill refine crawls/ -o out/ --format both          # a folder; JSONL and Parquet
  zcat dump.jsonl.gz | newsmill refine - -o out/         # stdin
  newsmill refine in/ -o out/ -c run.toml --stages normalize,clean,quality
  newsmill refine in/ -o out/ --resume                   # after a killed run, same arguments

Exit codes: 0 ok, 1 incomplete (nothing read, a failure on the way), 2 bad arguments, config or
named input (nothing run), 3 --strict stop, 4 accounting check failed.";

/// A count flag: at least 1 (`-j 0` would run nothing).
fn at_least_one(s: &str) -> std::result::Result<usize, String> {
    match s.parse::<usize>() {
        Ok(0) => Err("must be at least 1".into()),
        Ok(n) => Ok(n),
        Err(e) => Err(e.to_string()),
    }
}

/// Arguments of `newsmill refine`.
#[derive(clap::Args, Debug)]
#[command(after_help = EXAMPLES)]
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
    #[arg(short = 'j', long, value_parser = at_least_one)]
    pub threads: Option<usize>,
    /// Tasks per phase (default: one per input file, at most 64).
    #[arg(long, value_parser = at_least_one)]
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
    /// No progress bar and no warnings on stderr (errors are still printed).
    #[arg(short, long)]
    pub quiet: bool,
    /// Print every stage's counts on stderr at the end.
    #[arg(long)]
    pub stage_report: bool,
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

/// The config a run uses: the file's (or the defaults), with `--stages` applied.
fn load_config(args: &Args) -> Result<(Config, String), Failure> {
    let (mut config, text) = match &args.config {
        Some(path) => (
            Config::from_file(path)?,
            std::fs::read_to_string(path).unwrap_or_default(),
        ),
        None => (Config::default(), String::new()),
    };
    if let Some(list) = &args.stages {
        config.select_stages(list)?;
    }
    Ok((config, text))
}

fn options(args: &Args) -> Result<RunOptions, Failure> {
    let (config, config_text) = load_config(args)?;
    let threads = args.threads.unwrap_or_else(|| {
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    });
    Ok(RunOptions {
        inputs: args.inputs.clone(),
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
    })
}

/// The one step `--step` asks for.
fn step_of(args: &Args, step: StepArg) -> Result<Step, UsageError> {
    let rank = || -> Result<usize, UsageError> {
        let rank = args
            .rank
            .ok_or_else(|| UsageError("--step process|final needs --rank".into()))?;
        match args.tasks {
            Some(tasks) if rank >= tasks => Err(UsageError(format!(
                "--rank {rank} is out of range: --tasks {tasks} has ranks 0..{}",
                tasks - 1
            ))),
            _ => Ok(rank),
        }
    };
    Ok(match step {
        StepArg::Process => Step::Process(rank()?),
        StepArg::Dedup => Step::Dedup,
        StepArg::Final => Step::Final(rank()?),
        StepArg::Merge => Step::Merge,
    })
}

/// Runs the command.
pub fn run(args: Args) -> Outcome {
    let opts = options(&args)?;
    let result = match args.step {
        None => newsmill_pipeline::run(&opts).map(Some),
        Some(step) => newsmill_pipeline::run_step(&opts, step_of(&args, step)?),
    };
    match result {
        Ok(None) => Ok(Exit::Ok),
        Ok(Some(report)) => {
            if !args.quiet {
                print_summary(&report, &args.out);
            }
            if args.stage_report {
                eprintln!("{}", serde_json::to_string_pretty(&report.stages)?);
            }
            Ok(Exit::Ok)
        }
        Err(RunError::Strict(e)) => {
            eprintln!("newsmill: error: {e}");
            eprintln!("newsmill: stopped (--strict); rerun with --resume after fixing, or without --strict");
            Ok(Exit::Strict)
        }
        Err(RunError::Accounting(m)) => {
            eprintln!("newsmill: error: accounting check failed: {m}");
            Ok(Exit::Accounting)
        }
        Err(e @ RunError::NothingRead(_)) => {
            eprintln!("newsmill: error: {e}");
            Ok(Exit::Incomplete)
        }
        Err(e) => Err(e.into()),
    }
}

/// Thousands separated by commas, as people read counts.
fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The run in a few lines on stderr: counts, time, the top drop reasons, where the report is.
fn print_summary(report: &Report, out: &Path) {
    eprintln!(
        "newsmill: {} records -> {} articles, {} rejects, {} input errors in {:.1}s ({:.1} MB/s)",
        grouped(report.accounting.records_in),
        grouped(report.accounting.articles),
        grouped(report.accounting.rejects),
        grouped(report.errors.count),
        report.totals.seconds,
        report.totals.mb_per_second,
    );
    let reasons = report.drop_reasons();
    if !reasons.is_empty() {
        let top: Vec<String> = reasons
            .iter()
            .take(SUMMARY_REASONS)
            .map(|(r, n)| format!("{r} {}", grouped(*n)))
            .collect();
        let more = reasons.len().saturating_sub(SUMMARY_REASONS);
        let tail = if more > 0 {
            format!(", and {more} more")
        } else {
            String::new()
        };
        eprintln!("newsmill: dropped: {}{tail}", top.join(", "));
    }
    let reused = &report.duplicate_ids;
    if let Some(first) = reused.first.first() {
        eprintln!(
            "newsmill: warning: {} records reuse an id an earlier record has (first: {:?} at {} record {}); see duplicate_ids in report.json",
            reused.count, first.id, first.path, first.record
        );
    }
    eprintln!("newsmill: report: {}", out.join("report.json").display());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_grouped_by_thousands() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(6750), "6,750");
        assert_eq!(grouped(1234567), "1,234,567");
    }

    #[test]
    fn zero_threads_or_tasks_is_refused() {
        assert!(at_least_one("0").is_err());
        assert!(at_least_one("x").is_err());
        assert_eq!(at_least_one("3"), Ok(3));
    }
}
