//! Development aid: prints the per-block scores and the chosen subtree for one page, then the text.
//! Usage: `cargo run --example debug -- PAGE.html[.gz] [URL]`

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: debug PAGE [URL]");
        std::process::exit(2);
    };
    let bytes = std::fs::read(path)
        .and_then(|b| newsmill_io::decompress_bytes(b, usize::MAX))
        .unwrap_or_default();
    newsmill_extract::set_debug(true);
    let x = newsmill_extract::extract(&bytes, None, args.get(2).map(String::as_str));
    println!("{x:#?}");
}
