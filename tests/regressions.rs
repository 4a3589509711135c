//! Replays the inputs kept in `tests/regressions/`: inputs the fuzz targets
//! crashed on (after the fix), and small hostile inputs found by
//! `tests/hostile.rs`. Each is run exactly as the fuzz target runs it (see
//! `fuzz/replay.rs`): no panic, and every span of the report valid.
//!
//! * `tests/regressions/check/*`: inputs of the `check` target (first byte:
//!   mode, see `replay::text_of`); a `*.txt` file is instead a whole text,
//!   checked with and without UTF-16 spans.
//! * `tests/regressions/decode/*`: inputs of the `decode` target.

#[path = "../fuzz/replay.rs"]
mod replay;

use std::path::{Path, PathBuf};

fn files(kind: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/regressions")
        .join(kind);
    let mut out: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.is_file() && p.file_name().is_some_and(|n| n != "README.md"))
        .collect();
    out.sort();
    out
}

/// Run `f` on every file of `kind`, naming the files that fail.
fn replay_all(kind: &str, f: impl Fn(&Path, &[u8]) + std::panic::RefUnwindSafe) {
    let mut failed = Vec::new();
    let all = files(kind);
    for path in &all {
        let bytes = std::fs::read(path).expect("readable");
        if std::panic::catch_unwind(|| f(path, &bytes)).is_err() {
            failed.push(path.display().to_string());
        }
    }
    assert!(failed.is_empty(), "{kind}: failed on {failed:#?}");
    eprintln!("{kind}: {} inputs replayed", all.len());
}

#[test]
fn check_regressions() {
    replay_all("check", |path, bytes| {
        if path.extension().is_some_and(|e| e == "txt") {
            // A whole text: mode 0 (plain) and 2 (plain, UTF-16 spans).
            for mode in [0u8, 2] {
                let mut data = vec![mode];
                data.extend_from_slice(bytes);
                replay::run_check(&data);
            }
        } else {
            replay::run_check(bytes);
        }
    });
}

#[test]
fn decode_regressions() {
    replay_all("decode", |_, bytes| replay::run_decode(bytes));
}
