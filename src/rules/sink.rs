//! The sink that collects findings while the rules run.

use super::Code;
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
