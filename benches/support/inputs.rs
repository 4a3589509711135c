//! The inputs of the benchmarks: the project's fixtures and, when the folder
//! exists, the real reports in ../shared/seeds/. Shared by benches/check.rs
//! and `examples/bench_summary.rs` (`#[path]` module).

use std::path::{Path, PathBuf};

/// The `.txt` files of a folder, sorted; none when it does not exist.
pub fn txt_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e.eq_ignore_ascii_case("txt")))
        .collect();
    files.sort();
    files
}
