//! xxgk — checks Chinese government information-disclosure annual reports
//! (政府信息公开工作年度报告) against the official templates.
//!
//! ```
//! let report = xxgk::check("示例县教育局2021年政府信息公开工作年度报告", &xxgk::Options::default());
//! assert_eq!(report.year, Some(2021));
//! ```
//!
//! [`check`] reads a pasted report (any layout: one cell per line, tab- or
//! pipe-separated rows, PDF text), finds its sections and its three tables,
//! and returns a [`Report`] with every cell it read and every finding, each
//! pointing at the exact characters of the text. It never panics and never
//! invents a number: what cannot be read is reported as unreadable.

#![forbid(unsafe_code)]

pub mod decode;
pub mod docx;
pub mod encoding;
pub mod html;
pub mod input;
pub mod model;
pub mod render;
pub mod rules;
pub mod solve;

#[cfg(target_arch = "wasm32")]
mod wasm;

mod check;
mod doc;
mod grid;
mod layout;
mod tables;
mod text;
mod value;

pub use check::check;
pub use decode::{decode, DecodeError};
pub use input::{read_document, DocKind, Document, InputError};
pub use model::*;

/// How to check.
#[derive(Debug, Clone)]
pub struct Options {
    /// Name shown as the report's source (a file name, or `-`).
    pub source: String,
    /// Also give every span in UTF-16 code units (for JavaScript callers).
    pub utf16: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            source: "-".to_string(),
            utf16: false,
        }
    }
}
