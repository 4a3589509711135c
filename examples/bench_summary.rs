//! Print a Markdown table of how fast `xxgk::check` is, for the README.
//!
//! ```text
//! cargo run --release --example bench_summary        # the shipped build (opt-level "z")
//! cargo run --profile bench --example bench_summary  # opt-level 3, as `cargo bench`
//! ```
//!
//! Inputs are the same as `benches/check.rs`: every `tests/fixtures/*.txt`,
//! `benches/inputs/*.txt`
//! and, when the folder exists, every `../shared/seeds/*.txt`. For each it
//! times `check` and, for comparison, merely splitting the text into lines;
//! it reports the median of several samples. No criterion, so it runs in a
//! few seconds.

#[path = "../benches/support/inputs.rs"]
mod inputs;
use inputs::txt_files;
use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

/// Samples per measurement; the median is reported.
const SAMPLES: usize = 15;
/// Rough length of one sample.
const SAMPLE_TIME: Duration = Duration::from_millis(8);

/// Median time of one call of `f`, in microseconds.
fn median_micros(mut f: impl FnMut()) -> f64 {
    // Warm up, and find how many calls fill one sample.
    let start = Instant::now();
    let mut calls: u32 = 0;
    while start.elapsed() < SAMPLE_TIME || calls == 0 {
        f();
        calls += 1;
    }
    let mut samples: Vec<f64> = (0..SAMPLES)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..calls {
                f();
            }
            start.elapsed().as_secs_f64() * 1e6 / f64::from(calls)
        })
        .collect();
    samples.sort_by(f64::total_cmp);
    samples[SAMPLES / 2]
}

fn main() {
    if cfg!(debug_assertions) {
        eprintln!("note: a debug build; run with --release for meaningful numbers");
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let options = xxgk::Options::default();
    let mut rows = Vec::new();
    for (label, dir) in [
        ("fixtures", root.join("tests/fixtures")),
        ("inputs", root.join("benches/inputs")),
        ("seeds", root.join("../shared/seeds")),
    ] {
        for path in txt_files(&dir) {
            let name = format!(
                "{label}/{}",
                path.file_name().unwrap_or_default().to_string_lossy()
            );
            let text = match std::fs::read(&path).map(|b| xxgk::decode(&b)) {
                Ok(Ok(text)) => text,
                Ok(Err(e)) => {
                    eprintln!("{name}: {e}");
                    continue;
                }
                Err(e) => {
                    eprintln!("{name}: {e}");
                    continue;
                }
            };
            let check = median_micros(|| {
                black_box(xxgk::check(black_box(&text), &options));
            });
            let lines = median_micros(|| {
                black_box(black_box(text.as_str()).lines().count());
            });
            rows.push((name, text.len(), check, lines));
        }
    }
    if rows.is_empty() {
        println!("No inputs: neither tests/fixtures/*.txt nor ../shared/seeds/*.txt found.");
        return;
    }
    println!("| file | KB | check µs (median) | MB/s | split into lines µs | ratio |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: |");
    for (name, len, check, lines) in rows {
        let kb = len as f64 / 1024.0;
        let mb_per_s = len as f64 / check; // bytes per µs = MB/s
        let ratio = check / lines.max(1e-3);
        println!("| {name} | {kb:.1} | {check:.1} | {mb_per_s:.1} | {lines:.2} | {ratio:.0}× |");
    }
}
