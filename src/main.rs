//! The `xxgk` command: check report files, list and explain the rules.
//!
//! Exit codes: 0 no errors found; 1 some report has an error-severity
//! finding; 2 an input could not be read or the command line is wrong.

#[cfg(not(target_arch = "wasm32"))]
mod cli;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

/// The command line is native only; for wasm32 (the page's target) this
/// binary is an empty shell, built only because the integration tests ask
/// for every binary.
#[cfg(target_arch = "wasm32")]
fn main() {}
