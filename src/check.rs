//! Orchestration: text → structure → tables → findings. (Being written.)

use crate::model::*;
use crate::Options;

/// Check one report text.
pub fn check(text: &str, options: &Options) -> Report {
    let _ = text;
    Report {
        schema_version: SCHEMA_VERSION,
        source: options.source.clone(),
        template: Template::Unknown,
        year: None,
        agency: None,
        date: None,
        period: None,
        sections: Vec::new(),
        tables: Tables::default(),
        diagnostics: Vec::new(),
    }
}
