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
//!
//! # The pipeline
//!
//! 1. **Decode / read** ([`decode()`], [`read_document`]): bytes of a text file,
//!    a Word document or a web page → text.
//! 2. **Lines and tokens** (`layout`, `text`, `value`): the text cut into
//!    lines, each line into text and value tokens, each value read as written
//!    (money as a decimal of digits and scale, never a float).
//! 3. **Structure** (`doc`): title, agency, year, statistical period, the six
//!    section headings ([`template::sections`]) and the signature date.
//! 4. **Tables** (`tables`): the three tables read against the forms of
//!    [`template`], and the decision which format the report follows.
//! 5. **Rules** ([`rules`]): every check of the registry, each in the file of
//!    the part it looks at, collecting findings.
//! 6. **Report** (`report`): tables and findings → [`Report`], every byte range
//!    resolved to a [`Span`]; [`render`] prints it for people.
//!
//! `check` (the private module) runs phases 2–6 in this order.
//!
//! [`compare()`] checks two reports of one agency, a year apart, against
//! each other (year-over-year rules, such as `T2-XYR`).
//!
//! Inside, a place in the text is a byte range (`range::ByteRange`), kept
//! apart from a run of lines (`range::LineRange`); rows of tables 1 and 2 are
//! [`template::Row`]s, whose JSON keys appear only in the report.

#![forbid(unsafe_code)]

pub mod compare;
pub mod input;
pub mod model;
pub mod render;
pub mod rules;
pub mod solve;
pub mod summary;
pub mod template;

#[cfg(all(target_arch = "wasm32", feature = "wasm-checker"))]
mod wasm;
#[cfg(all(target_arch = "wasm32", any(feature = "batch", feature = "xlsx")))]
mod wasm_batch;
#[cfg(all(target_arch = "wasm32", feature = "pdf-layout"))]
mod wasm_pdf;
#[cfg(all(target_arch = "wasm32", feature = "wasm-reader"))]
mod wasm_read;

pub mod annotate;
mod check;
mod decimal;
mod doc;
mod headings;
mod kangxi;
mod layout;
mod pattern;
mod range;
mod report;
mod sort;
mod tables;
mod text;
mod value;

pub use check::{check, check_with, check_without_solver};
pub use compare::{compare, Comparison};
pub use input::decode::{decode, DecodeError};
pub use input::{decode, docx, encoding, html};
pub use input::{read_document, DocKind, Document, InputError};
pub use model::*;
pub use rules::{Config, ConfigError};

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
