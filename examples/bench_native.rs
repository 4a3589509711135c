//! Median time of one native `xxgk::check` for each file given, as JSON —
//! the native side of `scripts/bench-web`, which times the same files in the
//! browser.
//!
//! ```text
//! cargo run --release --example bench_native -- [--runs N] FILE…
//! {"tests/fixtures/a.txt": {"bytes": 4521, "runs": 50, "median_us": 61.2, "split_us": 0.52}, …}
//! ```
//!
//! Each file is decoded as the CLI decodes it; a leading byte-order mark is
//! not part of the text. One warm-up call, then `--runs` (default 50) timed
//! calls; the median is printed in microseconds, next to the median time to
//! merely split the same text into lines (the floor any reader pays).

use std::hint::black_box;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let mut runs = 50_usize;
    let mut files = Vec::new();
    while let Some(arg) = args.next() {
        if arg == "--runs" {
            runs = args
                .next()
                .and_then(|n| n.parse().ok())
                .filter(|&n| n > 0)
                .unwrap_or(runs);
        } else {
            files.push(arg);
        }
    }
    let options = xxgk::Options::default();
    let mut out = Vec::new();
    for file in &files {
        let Ok(bytes) = std::fs::read(file) else {
            eprintln!("cannot read {file}");
            continue;
        };
        let Ok(text) = xxgk::decode(&bytes) else {
            eprintln!("cannot decode {file}");
            continue;
        };
        black_box(xxgk::check(black_box(&text), &options));
        let mut times: Vec<f64> = (0..runs)
            .map(|_| {
                let start = Instant::now();
                black_box(xxgk::check(black_box(&text), &options));
                start.elapsed().as_secs_f64() * 1e6
            })
            .collect();
        times.sort_by(f64::total_cmp);
        let median = times[runs / 2];
        // The floor: merely splitting the same text into lines.
        let mut split: Vec<f64> = (0..runs.max(200))
            .map(|_| {
                let start = Instant::now();
                black_box(black_box(&text).lines().count());
                start.elapsed().as_secs_f64() * 1e6
            })
            .collect();
        split.sort_by(f64::total_cmp);
        let split_median = split[split.len() / 2];
        out.push(format!(
            "{}: {{\"bytes\": {}, \"runs\": {runs}, \"median_us\": {median:.1}, \"split_us\": {split_median:.2}}}",
            serde_json::to_string(file).unwrap_or_default(),
            text.len()
        ));
    }
    println!("{{{}}}", out.join(", "));
}
