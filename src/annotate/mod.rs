//! Annotated copies of a report for the office that drafted it: the Word
//! document back with each finding as a Word comment at its text
//! ([`annotate_docx`]). (The web page also saves an annotated web page,
//! built in `www/annotate.js` from the report object.)

mod docx;
mod zip;

pub use docx::annotate_docx;

use crate::model::Diagnostic;
use crate::rules::rule;

/// One comment to attach: where in the text (byte offsets into the text the
/// document reads as), and its paragraphs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// Byte range in the document's text (`start..end`); `None` puts the
    /// comment at the start of the document.
    pub span: Option<(usize, usize)>,
    /// The comment's paragraphs.
    pub paragraphs: Vec<String>,
}

/// The paragraphs of the comment for one finding: severity, code and rule
/// title; the message; the rule's explanation.
#[must_use]
pub fn note_paragraphs(code: &str, severity: &str, message: &str) -> Vec<String> {
    let sev = match severity {
        "error" => "错误",
        "warning" => "警告",
        "info" => "提示",
        other => other,
    };
    let rule = rule(code);
    let title = rule.map_or("", |r| r.title);
    let mut out = vec![format!("【{sev}】{code} {title}").trim_end().to_string()];
    out.push(message.to_string());
    if let Some(r) = rule {
        out.extend(
            r.explanation
                .split("\n\n")
                .map(|p| p.trim().to_string())
                .filter(|p| !p.is_empty()),
        );
    }
    out
}

/// The comment of each finding, in the report's order.
#[must_use]
pub fn notes(diagnostics: &[Diagnostic]) -> Vec<Note> {
    diagnostics
        .iter()
        .map(|d| Note {
            span: d.span.as_ref().map(|s| (s.start, s.end)),
            paragraphs: note_paragraphs(d.code, d.severity.as_str(), &d.message),
        })
        .collect()
}
