//! How fast `xxgk::check` reads a report, next to the time it takes merely to
//! split the same text into lines (a floor no parser can beat).
//!
//! Inputs: every `tests/fixtures/*.txt`, `tests/fixtures/flattened/*.txt`
//! (reports whose tables lost their cell boundaries) and
//! `benches/inputs/*.txt`, and every `../shared/seeds/*.txt` when that folder
//! exists. Run with `cargo bench`; for a Markdown table
//! without criterion, `cargo run --release --example bench_summary`.

#[path = "support/inputs.rs"]
mod inputs;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use inputs::txt_files;
use std::hint::black_box;
use std::path::Path;

/// (name, text) of every input that decodes.
fn inputs() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for (label, dir) in [
        ("fixtures", root.join("tests/fixtures")),
        // Reports whose tables lost their cell boundaries (split by the relations).
        ("flattened", root.join("tests/fixtures/flattened")),
        ("inputs", root.join("benches/inputs")),
        ("seeds", root.join("../shared/seeds")),
    ] {
        for path in txt_files(&dir) {
            let Ok(bytes) = std::fs::read(&path) else {
                continue;
            };
            let Ok(text) = xxgk::decode(&bytes) else {
                continue;
            };
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            out.push((format!("{label}/{name}"), text));
        }
    }
    out
}

fn bench_check(c: &mut Criterion) {
    let inputs = inputs();
    if inputs.is_empty() {
        eprintln!("no inputs: neither tests/fixtures/*.txt nor ../shared/seeds/*.txt found");
        return;
    }
    let options = xxgk::Options::default();
    for (name, text) in &inputs {
        let mut group = c.benchmark_group(name.as_str());
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter("check"), text, |b, text| {
            b.iter(|| xxgk::check(black_box(text), &options));
        });
        group.bench_with_input(BenchmarkId::from_parameter("lines"), text, |b, text| {
            b.iter(|| black_box(text.as_str()).lines().count());
        });
        group.finish();
    }
}

// `criterion_group!` defines a public function without docs.
#[allow(missing_docs)]
mod group {
    use super::{bench_check, criterion_group};
    criterion_group!(benches, bench_check);
}
use group::benches;
criterion_main!(benches);
