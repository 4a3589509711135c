//! What the fuzz targets do with one input, shared by the targets
//! (`fuzz/fuzz_targets/*.rs`) and by the test that replays the inputs kept in
//! `tests/regressions/` (`tests/regressions.rs`), so that a kept input is
//! replayed exactly as the fuzzer ran it.
//!
//! Only `xxgk`'s public API and `std` are used here.

#![allow(dead_code)]

use xxgk::{Options, Report, Span};

/// The project's fixture reports, into which the `check` target splices.
pub const FIXTURES: &[&str] = &[
    include_str!("../tests/fixtures/bad_cells_2019.txt"),
    include_str!("../tests/fixtures/blank_cells_2022.txt"),
    include_str!("../tests/fixtures/blank_none_2019.txt"),
    include_str!("../tests/fixtures/checks_2022_t1_t3.txt"),
    include_str!("../tests/fixtures/clean_2019_one_cell_per_line.txt"),
    include_str!("../tests/fixtures/clean_2019_pdf_spaces.txt"),
    include_str!("../tests/fixtures/clean_2019_split_labels.txt"),
    include_str!("../tests/fixtures/clean_2019_tabs.txt"),
    include_str!("../tests/fixtures/clean_2021_fullwidth.txt"),
    include_str!("../tests/fixtures/clean_2021_pipe_gov.txt"),
    include_str!("../tests/fixtures/clean_2021_tabs.txt"),
    include_str!("../tests/fixtures/doc_period_fee_2022.txt"),
    include_str!("../tests/fixtures/doc_sections_gov_2020.txt"),
    include_str!("../tests/fixtures/doc_year_date_2021.txt"),
    include_str!("../tests/fixtures/f2019_in_2022.txt"),
    include_str!("../tests/fixtures/f2021_in_2020.txt"),
    include_str!("../tests/fixtures/hybrid_2021.txt"),
    include_str!("../tests/fixtures/labels_extra_2019.txt"),
    include_str!("../tests/fixtures/not_report.txt"),
    include_str!("../tests/fixtures/pre2019_2017.txt"),
    include_str!("../tests/fixtures/row_cells_2019.txt"),
    include_str!("../tests/fixtures/t1_heuristics_2019.txt"),
    include_str!("../tests/fixtures/t2_cut_off_2022.txt"),
    include_str!("../tests/fixtures/t2_group_2021.txt"),
    include_str!("../tests/fixtures/t2_relations_2019.txt"),
];

/// The text a `check` input stands for, and whether it asks for UTF-16 spans.
///
/// The first byte chooses how the rest is used:
/// * even: the rest, read as lossy UTF-8, is the whole text;
/// * odd: the rest is spliced into one of [`FIXTURES`] (byte 1: which one;
///   bytes 2–3: at which character; bytes 4–5: how many characters it
///   replaces, up to 511), so the fuzzer starts from reports the checker
///   reads in full.
///
/// Bit 1 of the first byte asks for UTF-16 spans.
pub fn text_of(data: &[u8]) -> (String, bool) {
    let Some((&mode, rest)) = data.split_first() else {
        return (String::new(), false);
    };
    let utf16 = mode & 2 != 0;
    if mode & 1 == 0 || rest.len() < 5 {
        return (String::from_utf8_lossy(rest).into_owned(), utf16);
    }
    let fixture = FIXTURES[rest[0] as usize % FIXTURES.len()];
    let at = u16::from_le_bytes([rest[1], rest[2]]) as usize;
    let cut = u16::from_le_bytes([rest[3], rest[4]]) as usize % 512;
    let piece = String::from_utf8_lossy(&rest[5..]);
    let bounds: Vec<usize> = fixture
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(fixture.len()))
        .collect();
    let a = at % bounds.len();
    let b = (a + cut).min(bounds.len() - 1);
    let mut text = String::with_capacity(fixture.len() + piece.len());
    text.push_str(&fixture[..bounds[a]]);
    text.push_str(&piece);
    text.push_str(&fixture[bounds[b]..]);
    (text, utf16)
}

/// Line, column and UTF-16 offset of every byte offset of a text (`None`
/// inside a character).
struct Truth {
    at: Vec<Option<(usize, usize, usize)>>,
}

impl Truth {
    fn new(text: &str) -> Self {
        let mut at = vec![None; text.len() + 1];
        let (mut line, mut col, mut u16) = (1, 1, 0);
        let bytes = text.as_bytes();
        for (i, c) in text.char_indices() {
            at[i] = Some((line, col, u16));
            u16 += c.len_utf16();
            // Lines end at `\n`, `\r\n` or a lone `\r`.
            if c == '\n' || (c == '\r' && bytes.get(i + 1) != Some(&b'\n')) {
                line += 1;
                col = 1;
            } else {
                col += 1;
            }
        }
        at[text.len()] = Some((line, col, u16));
        Truth { at }
    }

    fn check(&self, text: &str, name: &str, s: &Span, utf16: bool) {
        assert!(
            s.start <= s.end && s.end <= text.len(),
            "{name}: {s:?} out of range (len {})",
            text.len()
        );
        let start =
            self.at[s.start].unwrap_or_else(|| panic!("{name}: {s:?} starts inside a character"));
        let end = self.at[s.end].unwrap_or_else(|| panic!("{name}: {s:?} ends inside a character"));
        assert_eq!(
            (s.line, s.column),
            (start.0, start.1),
            "{name}: {s:?} line/column"
        );
        if utf16 {
            let u = s.utf16.unwrap_or_else(|| panic!("{name}: utf16 missing"));
            assert_eq!((u.start, u.end), (start.2, end.2), "{name}: {s:?} utf16");
        } else {
            assert!(s.utf16.is_none(), "{name}: utf16 not asked for");
        }
    }
}

/// Assert that every span of the report (period, sections, every table
/// cell, every diagnostic and related span) lies inside the text on
/// character boundaries, with the line, column and UTF-16 offsets of the
/// text; and that a cell's text is the text of its span.
pub fn check_report(text: &str, r: &Report, utf16: bool) {
    let t = Truth::new(text);
    if let Some(p) = &r.period {
        t.check(text, "period", &p.span, utf16);
    }
    for s in &r.sections {
        t.check(text, "section", &s.span, utf16);
    }
    for rows in [&r.tables.active, &r.tables.applications]
        .into_iter()
        .flatten()
    {
        for (key, cells) in &rows.0 {
            for c in cells {
                t.check(text, key, &c.span, utf16);
                assert_eq!(c.text, &text[c.span.start..c.span.end], "{key}: cell text");
            }
        }
    }
    for c in r.tables.review.iter().flatten() {
        t.check(text, "review", &c.span, utf16);
        assert_eq!(c.text, &text[c.span.start..c.span.end], "review: cell text");
    }
    for d in &r.diagnostics {
        if let Some(s) = &d.span {
            t.check(text, d.code, s, utf16);
        }
        for rel in &d.related {
            t.check(text, d.code, &rel.span, utf16);
        }
    }
}

/// The `check` target: check the text, validate every span, serialise and
/// render.
pub fn run_check(data: &[u8]) {
    let (text, utf16) = text_of(data);
    let options = Options {
        source: "-".to_string(),
        utf16,
    };
    let report = xxgk::check(&text, &options);
    check_report(&text, &report, utf16);
    let _ = report.to_json();
    let _ = xxgk::render::render_text(&report, &text, false);
}

/// The `decode` target: any bytes give text or an error, the same through
/// both entry points; text is never blank, and checks.
pub fn run_decode(data: &[u8]) {
    let detailed = xxgk::decode::decode_detailed(data);
    let plain = xxgk::decode(data);
    match (&detailed, &plain) {
        (Ok(d), Ok(p)) => assert_eq!(&d.text, p),
        (Err(a), Err(b)) => assert_eq!(a, b),
        _ => panic!("decode and decode_detailed disagree"),
    }
    if let Ok(text) = plain {
        assert!(!text.trim().is_empty(), "decoded text is blank");
        let report = xxgk::check(&text, &Options::default());
        check_report(&text, &report, false);
    }
}

/// File names the `read_document` target gives its input (first byte).
pub const NAMES: &[&str] = &["report.txt", "report.docx", "report.html", "report"];

/// The `read_document` target: any file (first byte: its name, see
/// [`NAMES`]) gives a document or an error, never a panic; a document's text
/// checks with valid spans.
pub fn run_read_document(data: &[u8]) {
    let Some((&n, bytes)) = data.split_first() else {
        return;
    };
    let name = NAMES[n as usize % NAMES.len()];
    match xxgk::read_document(bytes, name) {
        Ok(doc) => {
            let report = xxgk::check(&doc.text, &Options::default());
            check_report(&doc.text, &report, false);
        }
        Err(e) => assert!(!e.to_string().is_empty(), "an error says what it is"),
    }
}
