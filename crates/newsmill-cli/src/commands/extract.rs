//! `newsmill extract`: HTML pages in, article text (or JSON lines with metadata) out.

use crate::exit::{check_inputs, Exit, Outcome};
use anyhow::Context;
use std::io::{Read, Write};
use std::path::PathBuf;

/// Arguments of `newsmill extract`.
#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:
  newsmill extract page.html                    # the article text
  newsmill extract --json pages/*.html.gz       # one JSON line per page: text and metadata
  curl -s https://example.com/story | newsmill extract --url https://example.com/story -

Exit codes: 0 ok, 1 some page could not be read or decompressed, 2 bad arguments or a named page
missing (nothing run).")]
pub struct Args {
    /// HTML files (gzip/zstd accepted), or `-` for stdin.
    #[arg(required = true)]
    pub pages: Vec<PathBuf>,
    /// One JSON line per page: path, url, title, date, author, site, language, text.
    #[arg(long)]
    pub json: bool,
    /// The pages' URL, when known (helps dating pages whose markup has no date).
    #[arg(long)]
    pub url: Option<String>,
}

/// Largest page `extract` reads, decompressed (the refine default for one document).
const MAX_PAGE_BYTES: usize = 32 << 20;

fn read_page(path: &PathBuf) -> anyhow::Result<Vec<u8>> {
    let raw = if path.as_os_str() == "-" {
        let mut b = Vec::new();
        std::io::stdin()
            .lock()
            .read_to_end(&mut b)
            .context("reading stdin")?;
        b
    } else {
        std::fs::read(path).with_context(|| format!("reading {}", path.display()))?
    };
    newsmill_io::decompress_bytes(raw, MAX_PAGE_BYTES)
        .with_context(|| format!("decompressing {}", path.display()))
}

/// Runs the command: exit 1 when some page could not be decompressed.
pub fn run(args: Args) -> Outcome {
    check_inputs(args.pages.iter().map(PathBuf::as_path))?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = false;
    let many = args.pages.len() > 1;
    for (k, path) in args.pages.iter().enumerate() {
        let bytes = match read_page(path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("newsmill extract: {e:#}");
                failed = true;
                continue;
            }
        };
        let x = newsmill_extract::extract(&bytes, None, args.url.as_deref());
        if args.json {
            let line = serde_json::json!({
                "path": path.display().to_string(),
                "url": args.url.clone().or(x.canonical_url.clone()),
                "canonical_url": x.canonical_url,
                "title": x.title,
                "date": x.date,
                "author": x.author,
                "site": x.site,
                "language": x.language,
                "page_type": x.page_type,
                "charset": x.charset,
                "text": x.text,
            });
            writeln!(out, "{line}")?;
        } else {
            if many && k > 0 {
                writeln!(out)?;
            }
            if !x.text.is_empty() {
                writeln!(out, "{}", x.text)?;
            }
        }
    }
    out.flush()?;
    Ok(if failed { Exit::Incomplete } else { Exit::Ok })
}
