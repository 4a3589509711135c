//! The text of a Word document traced back to `word/document.xml`: for each
//! character of [`super::docx_to_text`]'s text, the bytes of the XML it comes
//! from and the run (`w:r`) it is in, so that a place in the text can be
//! marked in the document (comments, see [`crate::annotate`]).

use super::body::{blocks_text, parse_blocks, xml_string};
use super::xml::{w_name, Tok, Xml};
use super::zip::Zip;
use super::DocxError;

/// A character of the body as read, with the bytes of `word/document.xml`
/// it comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Traced {
    pub(crate) c: char,
    /// Byte range in the XML: the character itself in a `w:t` (a reference
    /// such as `&amp;` whole), or the whole element (`<w:tab/>`) it stands for.
    pub(crate) start: usize,
    pub(crate) end: usize,
    /// The run it is in (index in [`Body::runs`]), when the XML can be split
    /// there.
    pub(crate) run: Option<usize>,
    /// Inside the text of a `w:t`.
    pub(crate) in_t: bool,
}

/// A run (`w:r`) of the body.
#[derive(Clone, Debug)]
pub(crate) struct Run {
    /// The byte range of its start tag.
    pub(crate) open: (usize, usize),
    /// The byte range of its properties (`w:rPr`), if any.
    pub(crate) rpr: Option<(usize, usize)>,
    /// The prefix of its name, with the colon (`w:`), or empty.
    pub(crate) prefix: String,
}

/// The characters of the body in the order of the XML, gathered while the
/// body is read (see `body::Builder`).
#[derive(Default)]
pub(crate) struct Trace {
    pub(super) chars: Vec<Traced>,
    /// Automatic numbering written before a paragraph: where the paragraph
    /// starts in `chars`, and the label.
    pub(super) labels: Vec<(usize, String)>,
    /// The token being read: its byte range, where its decoded text starts
    /// (and ends, for a reference), the run it is in, whether it is an empty
    /// element.
    pub(super) here: (usize, usize),
    pub(super) text_at: usize,
    pub(super) ref_end: Option<usize>,
    pub(super) run: Option<usize>,
    pub(super) empty: bool,
    runs: Vec<Run>,
    /// Runs open: index in `runs` and the element depth of the run.
    open_runs: Vec<(usize, usize)>,
    depth: usize,
    rpr_start: Option<usize>,
}

impl Trace {
    /// Follow a token before the body's builder reads it.
    pub(super) fn token(&mut self, tok: &Tok, x: &Xml, xml: &str) {
        self.here = x.range;
        self.ref_end = None;
        let mut traceable = true;
        let in_run = |t: &Trace| t.open_runs.last().is_some_and(|&(_, d)| d + 1 == t.depth);
        match tok {
            Tok::Start(name, empty) => {
                self.empty = *empty;
                let w = w_name(name.as_bytes());
                if !empty {
                    self.depth += 1;
                }
                match w {
                    Some(b"r") if !empty => {
                        self.runs.push(Run {
                            open: x.range,
                            rpr: None,
                            prefix: name[..name.len() - 1].to_string(),
                        });
                        self.open_runs.push((self.runs.len() - 1, self.depth));
                    }
                    Some(b"rPr")
                        if *empty
                            && self.open_runs.last().is_some_and(|&(_, d)| d == self.depth) =>
                    {
                        let i = self.open_runs[self.open_runs.len() - 1].0;
                        self.runs[i].rpr = Some(x.range);
                    }
                    Some(b"rPr") if !empty && in_run(self) => self.rpr_start = Some(x.range.0),
                    _ => {}
                }
            }
            Tok::End(name) => {
                let w = w_name(name.as_bytes());
                if w == Some(b"rPr") && in_run(self) {
                    if let Some(s) = self.rpr_start.take() {
                        let i = self.open_runs[self.open_runs.len() - 1].0;
                        self.runs[i].rpr = Some((s, x.range.1));
                    }
                }
                if w == Some(b"r") && self.open_runs.last().is_some_and(|&(_, d)| d == self.depth) {
                    self.open_runs.pop();
                }
                self.depth = self.depth.saturating_sub(1);
            }
            Tok::Text(t) => {
                let raw = xml.get(x.range.0..x.range.1).unwrap_or("");
                if raw.starts_with("<![CDATA[") {
                    // A split would cut the section.
                    traceable = false;
                } else if raw.starts_with('&') {
                    self.text_at = x.range.0;
                    self.ref_end = Some(x.range.1);
                } else if let Some(at) = raw.find(t.as_str()) {
                    self.text_at = x.range.0 + at;
                } else {
                    // Not the bytes it was decoded from: its characters have
                    // no place to split at.
                    traceable = false;
                }
            }
            Tok::Eof => {}
        }
        self.run = self.open_runs.last().map(|&(i, _)| i).filter(|_| traceable);
    }
}

/// A Word document's body, its text and where each character comes from.
pub(crate) struct Body {
    /// The text, as [`super::docx_to_text`] gives it.
    pub(crate) text: String,
    /// `word/document.xml` (or the main part the package names) as text.
    pub(crate) xml: String,
    /// The main part's name in the archive.
    pub(crate) main: Vec<u8>,
    pub(crate) runs: Vec<Run>,
    /// Byte offset in `text` of each character found in the XML, with where
    /// it comes from, in order.
    pub(crate) map: Vec<(usize, Traced)>,
}

/// How far ahead a character of the text is looked for in the XML's
/// characters (text boxes are written after their paragraph; merged cells
/// are read once).
const WINDOW: usize = 512;

/// Read a Word document and trace its text back to its main part.
pub(crate) fn body(bytes: &[u8]) -> Result<(Zip<'_>, Body), DocxError> {
    let (zip, main, raw, numbering) = super::open(bytes)?;
    let xml = xml_string(&raw)?;
    let (blocks, trace) = parse_blocks(&xml, numbering, Some(Box::default()))?;
    let text = blocks_text(blocks, raw.len());
    if text.trim().is_empty() {
        return Err(DocxError::NoText);
    }
    let trace = trace.unwrap_or_default();
    // The characters of the XML in order, numbering labels in their place.
    let mut seq: Vec<(char, Option<usize>)> = Vec::with_capacity(trace.chars.len());
    let mut labels = trace.labels.iter().peekable();
    for i in 0..=trace.chars.len() {
        while let Some((_, label)) = labels.next_if(|(at, _)| *at <= i) {
            seq.extend(label.chars().map(|c| (c, None)));
        }
        if let Some(t) = trace.chars.get(i) {
            seq.push((t.c, Some(i)));
        }
    }
    let mut map = Vec::new();
    let mut cursor = 0;
    for (at, c) in text.char_indices() {
        if c.is_whitespace() {
            continue;
        }
        let end = seq.len().min(cursor + WINDOW);
        if let Some(j) = (cursor..end).find(|&j| seq[j].0 == c) {
            if let Some(i) = seq[j].1 {
                map.push((at, trace.chars[i]));
            }
            cursor = j + 1;
        }
    }
    Ok((
        zip,
        Body {
            text,
            xml,
            main,
            runs: trace.runs,
            map,
        },
    ))
}
