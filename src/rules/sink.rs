//! The sink that collects findings while the rules run.

use super::{Code, Config};
use crate::model::{CellRef, Number, Severity};
use crate::range::ByteRange;

/// A finding before spans are resolved.
pub(crate) struct Finding {
    pub code: Code,
    pub severity: Option<Severity>,
    pub message: String,
    pub cell: Option<CellRef>,
    pub expected: Option<Number>,
    pub actual: Option<Number>,
    pub span: Option<ByteRange>,
    pub related: Vec<(CellRef, ByteRange)>,
    /// Indices in the sink of the findings this one explains.
    pub explains: Vec<usize>,
}

#[derive(Default)]
pub(crate) struct Sink(pub Vec<Finding>);

impl Sink {
    pub fn add(&mut self, code: Code, message: String) -> &mut Finding {
        self.0.push(Finding {
            code,
            severity: None,
            message,
            cell: None,
            expected: None,
            actual: None,
            span: None,
            related: Vec::new(),
            explains: Vec::new(),
        });
        self.0.last_mut().expect("just pushed")
    }
}

impl Sink {
    /// Keeps the findings of the rules `config` selects, at the severity it
    /// gives them. Only the list of findings changes, never what was read.
    pub fn apply(&mut self, config: &Config) {
        if config.is_default() {
            return;
        }
        // Where each kept finding goes, so that `explains` keeps pointing at
        // the same findings (and forgets the ones dropped).
        let mut to = Vec::with_capacity(self.0.len());
        let mut kept = 0;
        for f in &self.0 {
            if config.enabled(f.code.rule()) {
                to.push(Some(kept));
                kept += 1;
            } else {
                to.push(None);
            }
        }
        self.0.retain(|f| config.enabled(f.code.rule()));
        for f in &mut self.0 {
            f.explains = f
                .explains
                .iter()
                .filter_map(|&i| to.get(i).copied().flatten())
                .collect();
            if let Some(s) = config.severity(f.code.rule()) {
                f.severity = Some(s);
            }
        }
    }
}

impl Finding {
    pub fn at(&mut self, span: ByteRange) -> &mut Self {
        self.span = Some(span);
        self
    }
    pub fn cell(&mut self, c: CellRef) -> &mut Self {
        self.cell = Some(c);
        self
    }
    pub fn values(&mut self, expected: Option<i64>, actual: Option<i64>) -> &mut Self {
        self.expected = expected.map(Number::Int);
        self.actual = actual.map(Number::Int);
        self
    }
    pub fn severity(&mut self, s: Severity) -> &mut Self {
        self.severity = Some(s);
        self
    }
}
