//! A driver for instruction counts (`valgrind --tool=callgrind`): checks one
//! file N times, or merely splits it into lines N times, and nothing else.
//!
//! ```text
//! cargo build --release --example count_check
//! valgrind --tool=callgrind target/release/examples/count_check check 11 FILE
//! valgrind --tool=callgrind target/release/examples/count_check check 1 FILE
//! ```
//!
//! The difference between two counts of N and M calls, divided by N − M, is
//! the cost of one call without the start-up and the patterns compiled once.

use std::hint::black_box;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [mode, n, file] = args.as_slice() else {
        eprintln!("usage: count_check check|split N FILE");
        std::process::exit(2);
    };
    let n: usize = n.parse().unwrap_or(1);
    let bytes = std::fs::read(file).unwrap_or_default();
    let Ok(text) = xxgk::decode(&bytes) else {
        eprintln!("cannot decode {file}");
        std::process::exit(1);
    };
    let options = xxgk::Options::default();
    for _ in 0..n {
        if mode == "split" {
            black_box(black_box(text.as_str()).lines().count());
        } else {
            black_box(xxgk::check(black_box(&text), &options));
        }
    }
}
