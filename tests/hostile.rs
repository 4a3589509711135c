//! Hostile inputs: huge, long-lined, binary, mis-encoded, invisible-character
//! and repeated texts. Each gets a clear result or a clear error, never a
//! panic; every span stays valid; and the time taken grows linearly with the
//! size of the input.
//!
//! Linear time is asserted by scaling, never by a wall-clock limit: the same
//! input is built at size n and 4n and the time ratio must stay under
//! [`MAX_RATIO`] (4 for linear work, 16 for quadratic). Memory is bounded by
//! asserting that the report's JSON grows no faster than the input.
//!
//! The reports are the project's own fixtures (fictional agencies, made-up
//! numbers) or text written here.

use std::time::{Duration, Instant};
use xxgk::{check, decode, DecodeError, Options, Report, Span};

/// Largest accepted ratio of the times for 4n and n. Linear work gives about
/// 4; quadratic work gives 16.
const MAX_RATIO: f64 = 10.0;

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}.txt", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn options(utf16: bool) -> Options {
    Options {
        source: "-".to_string(),
        utf16,
    }
}

/// Inputs and results at size n and 4n.
struct Scaled<T, R> {
    small: R,
    large_input: T,
    large: R,
}

/// Time this thread has spent running, when the system tells it (Linux),
/// so that other tests and processes on the machine do not count.
fn thread_time() -> Option<Duration> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = s.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

/// Time to run `f`: this thread's running time where known, wall-clock
/// time otherwise.
fn timed<R>(f: impl FnOnce() -> R) -> (Duration, R) {
    let (t0, w0) = (thread_time(), Instant::now());
    let r = f();
    let wall = w0.elapsed();
    match (t0, thread_time()) {
        (Some(a), Some(b)) if b > a => (b.checked_sub(a).unwrap(), r),
        _ => (wall, r),
    }
}

/// Assert that `run` takes time linear in the size: `make(n)` and
/// `make(4 * n)` are timed (best of `reps`) and their ratio must be below
/// [`MAX_RATIO`]. Returns the results, for the test to look at.
fn assert_linear<T, R>(
    name: &str,
    n: usize,
    reps: usize,
    make: impl Fn(usize) -> T,
    run: impl Fn(&T) -> R,
) -> Scaled<T, R> {
    let best = |input: &T| {
        let mut best = Duration::MAX;
        let mut out = None;
        for _ in 0..reps.max(1) {
            drop(out.take());
            let (t, r) = timed(|| run(input));
            best = best.min(t);
            out = Some(r);
        }
        (best, out.expect("at least one run"))
    };
    let small_input = make(n);
    let (ts, small) = best(&small_input);
    drop(small_input);
    let large_input = make(4 * n);
    let (tl, large) = best(&large_input);
    // Below a millisecond the clock and the allocator are all one measures.
    let ratio = tl.as_secs_f64() / ts.as_secs_f64().max(1e-3);
    eprintln!("{name}: n={n}: {ts:?}, 4n: {tl:?}, ratio {ratio:.2}");
    assert!(
        ratio < MAX_RATIO,
        "{name}: 4× the input took {ratio:.1}× the time ({ts:?} → {tl:?}): not linear"
    );
    Scaled {
        small,
        large_input,
        large,
    }
}

/// Check `text` at size n and 4n (UTF-16 spans at 4n when `utf16`): linear
/// time, valid spans, and a JSON report that grows no faster than the text.
/// Returns the text and report at 4n.
fn check_scaled(
    name: &str,
    n: usize,
    utf16: bool,
    make: impl Fn(usize) -> String,
) -> (String, Report) {
    let s = assert_linear(name, n, 1, make, |t| check(t, &options(utf16)));
    check_spans(&s.large_input, &s.large, utf16);
    let (js, jl) = (s.small.to_json().len(), s.large.to_json().len());
    assert!(
        jl <= js * 9 / 2 + (64 << 10),
        "{name}: JSON grew from {js} to {jl} bytes for 4× the text"
    );
    (s.large_input, s.large)
}

/// Every span of a report, with what it belongs to.
fn all_spans(report: &Report) -> Vec<(&'static str, Span)> {
    let mut spans = Vec::new();
    if let Some(p) = &report.period {
        spans.push(("period", p.span));
    }
    for s in &report.sections {
        spans.push(("section", s.span));
    }
    let t = &report.tables;
    for rows in [&t.active, &t.applications].into_iter().flatten() {
        for (key, cells) in &rows.0 {
            spans.extend(cells.iter().map(|c| (*key, c.span)));
        }
    }
    spans.extend(t.review.iter().flatten().map(|c| ("review", c.span)));
    for d in &report.diagnostics {
        spans.extend(d.span.map(|s| (d.code, s)));
        spans.extend(d.related.iter().map(|r| (d.code, r.span)));
    }
    spans
}

/// Check every span against the text in one pass over it (the texts here
/// are too large to count from the start for each span).
fn check_spans(text: &str, report: &Report, utf16: bool) {
    let mut spans = all_spans(report);
    spans.sort_by_key(|(_, s)| s.start);
    let bytes = text.as_bytes();
    // Position reached: byte offset, line, column, UTF-16 offset.
    let (mut pos, mut line, mut col, mut u16) = (0usize, 1usize, 1usize, 0usize);
    for (name, s) in spans {
        assert!(
            s.start <= s.end && s.end <= text.len(),
            "{name}: {s:?} out of range (len {})",
            text.len()
        );
        assert!(
            text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
            "{name}: {s:?} not on char boundaries"
        );
        for (i, c) in text[pos..s.start].char_indices() {
            u16 += c.len_utf16();
            // Lines end at `\n`, `\r\n` or a lone `\r`.
            if c == '\n' || (c == '\r' && bytes.get(pos + i + 1) != Some(&b'\n')) {
                line += 1;
                col = 1;
            } else {
                col += 1;
            }
        }
        pos = s.start;
        assert_eq!((s.line, s.column), (line, col), "{name}: {s:?} line/column");
        if utf16 {
            let u = s.utf16.unwrap_or_else(|| panic!("{name}: utf16 missing"));
            let len = text[s.start..s.end].encode_utf16().count();
            assert_eq!((u.start, u.end), (u16, u16 + len), "{name}: {s:?} utf16");
        } else {
            assert!(s.utf16.is_none(), "{name}: utf16 not asked for");
        }
    }
    for rows in [&report.tables.active, &report.tables.applications]
        .into_iter()
        .flatten()
    {
        for (key, cells) in &rows.0 {
            for c in cells {
                assert_eq!(c.text, &text[c.span.start..c.span.end], "{key}: cell text");
            }
        }
    }
}

/// Check, validate the spans, and return the report.
fn checked(text: &str, utf16: bool) -> Report {
    let report = check(text, &options(utf16));
    check_spans(text, &report, utf16);
    report
}

/// (row, values) of table 1 and 2, and table 3's values: what was read,
/// without where.
type Values = Vec<(String, Vec<Option<String>>)>;

fn values(report: &Report) -> Values {
    let t = &report.tables;
    let mut out = Vec::new();
    for (name, rows) in [("active", &t.active), ("applications", &t.applications)] {
        for (key, cells) in rows.iter().flat_map(|r| r.0.iter()) {
            out.push((
                format!("{name}.{key}"),
                cells
                    .iter()
                    .map(|c| c.value.map(|v| v.to_string()))
                    .collect(),
            ));
        }
    }
    if let Some(cells) = &t.review {
        out.push((
            "review".to_string(),
            cells
                .iter()
                .map(|c| c.value.map(|v| v.to_string()))
                .collect(),
        ));
    }
    out
}

fn codes(report: &Report) -> Vec<&'static str> {
    let mut c: Vec<_> = report.diagnostics.iter().map(|d| d.code).collect();
    c.sort_unstable();
    c
}

/// A tiny deterministic random generator (xorshift), so no test depends on
/// a seed from the environment.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next() as u8).collect()
    }
}

/// A report's head: title, period sentence, section 一.
const HEAD: &str = "示例县教育局2021年政府信息公开工作年度报告\n\
    本报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止。\n\
    一、总体情况\n\
    2021年，示例县教育局共收到政府信息公开申请3件。\n";

/// A report's tail: sections 五 and 六 and the signature.
const TAIL: &str = "五、存在的主要问题及改进情况\n\
    栏目更新不够及时。\n\
    六、其他需要报告的事项\n\
    本年度未收取信息处理费。\n\
    示例县教育局\n\
    2022年1月20日\n";

// ---- size ------------------------------------------------------------------

#[test]
fn fifty_megabytes_of_text() {
    let report = fixture("clean_2021_tabs");
    let make = |bytes: usize| {
        let mut t = String::with_capacity(bytes + report.len());
        while t.len() < bytes {
            t.push_str(&report);
        }
        t
    };
    let (text, r) = check_scaled("50 MB", 50 << 20 >> 2, false, make);
    assert!(text.len() >= 50 << 20);
    // The first copy is the report; the rest is read past, not multiplied.
    let single = check(&report, &options(false));
    assert_eq!(values(&r), values(&single));
    assert_eq!(r.sections.len(), 6);
    assert!(r.to_json().len() < 64 << 10, "JSON of 50 MB stays small");
}

#[test]
fn a_million_short_lines() {
    // Short lines of every kind a table region holds, inside section 二 so
    // that the table reader goes through all of them.
    const SHORT: &[&str] = &[
        "规章",
        "0",
        "",
        "\t",
        "一",
        "1 2",
        "信息内容",
        "—",
        "第二十条第（一）项",
        "行政许可\t1",
        "x",
        "减 1",
        "（无）",
        "3.其他",
        "|",
        "-- 2 --",
    ];
    let make = |n: usize| {
        let mut t = String::from(HEAD);
        t.push_str("二、主动公开政府信息情况\n");
        for i in 0..n {
            t.push_str(SHORT[i % SHORT.len()]);
            t.push('\n');
        }
        t.push_str(TAIL);
        t
    };
    let (text, r) = check_scaled("short lines", 250_000, true, make);
    assert_eq!(text.lines().count(), 1_000_000 + 11);
    assert!(r.tables.active.is_some());
}

/// One line of at least `n` bytes made by repeating `unit`, as the only
/// content of section `section`.
fn long_line(section: &str, unit: &str, n: usize) -> String {
    let mut t = String::from(HEAD);
    t.push_str(section);
    t.push('\n');
    let from = t.len();
    while t.len() < from + n {
        t.push_str(unit);
    }
    t.push('\n');
    t.push_str(TAIL);
    t
}

#[test]
fn one_ten_megabyte_line() {
    const TEN_MB: usize = 10 << 20;
    // (section, what the line repeats, whether at full size: the others are
    // 2 MB, to keep the test quick in the debug build)
    for (section, unit, full) in [
        // A table row that never ends: a label, then cells of every kind,
        // with short unknown labels between them.
        (
            "二、主动公开政府信息情况",
            "行政许可\t1\t中文字\t约5\t\t",
            true,
        ),
        ("二、主动公开政府信息情况", "规章 1 2 3 ", false),
        (
            "三、收到和处理政府信息公开申请情况",
            "（一）予以公开\t0\t0\t1\t0\t0\t0\t1\t",
            false,
        ),
        ("三、收到和处理政府信息公开申请情况", "中文字\t0\t", false),
        // Short words that are no label of the template.
        ("三、收到和处理政府信息公开申请情况", "中文字\t", true),
        (
            "四、政府信息公开行政复议、行政诉讼情况",
            "结果维持\t0\t1 2 3\t",
            false,
        ),
        // Narrative: one clause, and many clauses.
        ("一、总体情况", "收到政府信息公开申请的数量", false),
        (
            "一、总体情况",
            "收到申请3件，行政复议1件，2021年将继续。",
            true,
        ),
        ("五、存在的主要问题及改进情况", "2021年将继续2021", false),
    ] {
        let size = if full { TEN_MB } else { TEN_MB / 5 };
        let name = format!("{} MB line of {unit:?}", size >> 20);
        let (text, r) = check_scaled(&name, size / 4, true, |n| long_line(section, unit, n));
        assert!(text.len() > size);
        assert!(r.sections.len() >= 3, "{unit:?}");
    }
}

// ---- bytes -------------------------------------------------------------------

#[test]
fn random_binary_is_a_decode_error() {
    for seed in 1..=8u64 {
        let bytes = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15)).bytes(1 << 20);
        let err = decode(&bytes).expect_err("random bytes are not text");
        assert!(
            matches!(err, DecodeError::Binary | DecodeError::ControlCharacters),
            "{err:?}"
        );
        assert!(!err.to_string().is_empty());
    }
    // Random bytes of 0x80 and above (no NUL, no control byte): neither
    // UTF-8 nor GB18030 (somewhere a byte can neither lead nor end a
    // character).
    let high = |n: usize| -> Vec<u8> {
        let mut rng = Rng(11);
        (0..n).map(|_| 0x80 | rng.next() as u8).collect()
    };
    assert_eq!(decode(&high(1 << 20)), Err(DecodeError::UnknownEncoding));
    assert_linear("random high bytes", 1 << 20, 3, high, |b| {
        let _ = decode(b);
    });
    assert_linear(
        "random binary",
        1 << 20,
        3,
        |n| Rng(7).bytes(n),
        |b| {
            let _ = decode(b);
        },
    );
}

#[test]
fn invalid_utf8_is_gb18030_or_a_clear_error() {
    let report = fixture("clean_2019_tabs");
    // GBK bytes are read as GB18030, the same text.
    let (gbk, _, bad) = encoding_rs::GBK.encode(&report);
    assert!(!bad);
    assert_eq!(decode(&gbk).as_deref(), Ok(report.as_str()));
    // UTF-8 damaged in each way after a long valid stretch: an error that
    // names the line.
    let mid = (0..=report.len() / 2)
        .rev()
        .find(|&i| report.is_char_boundary(i))
        .unwrap();
    let at = report[..mid].rfind('\n').unwrap() + 1;
    let line = 1 + report[..at].matches('\n').count();
    for damage in [
        &b"\xFF"[..],
        b"\x80",
        b"\xE4\xB8",
        b"\xC0\x80",
        b"\xED\xA0\x80",
        b"\xF4\x90\x80\x80",
        b"\xF8\x88\x80\x80\x80",
    ] {
        let mut bytes = report.as_bytes().to_vec();
        bytes.splice(at..at, damage.iter().copied());
        let err = decode(&bytes).expect_err("damaged UTF-8");
        assert_eq!(err, DecodeError::InvalidUtf8 { line }, "{damage:?}");
        assert!(err.to_string().contains(&line.to_string()), "{err}");
        // Cut in the middle of a character at the very end.
        let mut cut = report.as_bytes().to_vec();
        cut.extend_from_slice("示".as_bytes().split_at(2).0);
        assert!(matches!(decode(&cut), Err(DecodeError::InvalidUtf8 { .. })));
    }
    // Short invalid input: GB18030 or an error, never a panic.
    for bytes in [
        &b"\x80"[..],
        b"\xFF\xFF\xFF",
        b"a\xC3",
        b"\xE4\xB8\xAD\xFF\x30",
    ] {
        match decode(bytes) {
            Ok(t) => assert!(!t.trim().is_empty()),
            Err(e) => assert!(!e.to_string().is_empty()),
        }
    }
    assert_linear(
        "GBK",
        4 << 20,
        2,
        |n| gbk.repeat(n / gbk.len() + 1),
        |b| {
            decode(b).unwrap();
        },
    );
}

fn utf16_bytes(text: &str, big_endian: bool) -> Vec<u8> {
    text.encode_utf16()
        .flat_map(|u| {
            if big_endian {
                u.to_be_bytes()
            } else {
                u.to_le_bytes()
            }
        })
        .collect()
}

/// A decoded text that is not the report: `check` must not read tables out
/// of it, and must say it is not a report.
fn assert_not_read_as_report(what: &str, text: &str) {
    let r = checked(text, true);
    assert!(
        values(&r)
            .iter()
            .all(|(_, v)| v.iter().all(Option::is_none)),
        "{what}: numbers read out of mis-decoded text"
    );
    assert!(
        codes(&r).contains(&"DOC-NOT-REPORT"),
        "{what}: {:?}",
        codes(&r)
    );
}

#[test]
fn encoding_that_lies() {
    let report = fixture("clean_2021_tabs");
    let utf8 = report.as_bytes();
    let (gbk, _, _) = encoding_rs::GBK.encode(&report);

    // UTF-16 byte-order marks on UTF-8 text: an error, or text that is not
    // read as a report.
    for bom in [&b"\xFF\xFE"[..], b"\xFE\xFF"] {
        let mut bytes = bom.to_vec();
        bytes.extend_from_slice(utf8);
        if bytes.len() % 2 == 1 {
            bytes.push(b'\n');
        }
        match decode(&bytes) {
            Err(e) => assert_eq!(e, DecodeError::InvalidUtf16),
            Ok(t) => assert_not_read_as_report("UTF-16 BOM on UTF-8", &t),
        }
        // An odd number of bytes after the mark cannot be UTF-16.
        let mut odd = bom.to_vec();
        odd.extend_from_slice(b"abc");
        assert_eq!(decode(&odd), Err(DecodeError::InvalidUtf16));
    }
    // A UTF-8 byte-order mark on GBK bytes: invalid UTF-8 on line 1.
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(&gbk);
    assert_eq!(decode(&bytes), Err(DecodeError::InvalidUtf8 { line: 1 }));
    // The wrong UTF-16 byte order: an error or text that is not a report.
    for (bom, big_endian) in [(&b"\xFF\xFE"[..], true), (b"\xFE\xFF", false)] {
        let mut bytes = bom.to_vec();
        bytes.extend_from_slice(&utf16_bytes(&report, big_endian));
        match decode(&bytes) {
            Err(e) => assert_eq!(e, DecodeError::InvalidUtf16),
            Ok(t) => assert_not_read_as_report("UTF-16 in the other byte order", &t),
        }
    }
    // UTF-16 without a mark is recognised in either byte order.
    for big_endian in [false, true] {
        assert_eq!(
            decode(&utf16_bytes(&report, big_endian)).as_deref(),
            Ok(report.as_str())
        );
    }
    // A UTF-8 mark on UTF-16 bytes: the NULs make it invalid UTF-8 or
    // control characters; never a report.
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(&utf16_bytes(&report, false));
    match decode(&bytes) {
        Err(e) => assert!(!e.to_string().is_empty()),
        Ok(t) => assert_not_read_as_report("UTF-8 BOM on UTF-16", &t),
    }
    assert_linear(
        "UTF-16 BOM on UTF-8",
        2 << 20,
        2,
        |n| {
            let mut b = b"\xFF\xFE".to_vec();
            b.extend_from_slice(report.repeat(n / report.len() + 1).as_bytes());
            b.truncate(b.len() & !1);
            b
        },
        |b| {
            if let Ok(t) = decode(b) {
                let _ = check(&t, &options(false));
            }
        },
    );
}

// ---- text --------------------------------------------------------------------

/// Zero-width, bidi-control and other invisible characters.
const INVISIBLE: &[char] = &[
    '\u{200B}', '\u{200C}', '\u{200D}', '\u{200E}', '\u{200F}', '\u{202A}', '\u{202B}', '\u{202C}',
    '\u{202D}', '\u{202E}', '\u{2060}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}', '\u{FEFF}',
    '\u{00AD}',
];

/// The text with `k` invisible characters after every CJK character: in
/// every line (labels, headings, sentences), or only in table rows (lines
/// with a tab).
fn with_invisible(text: &str, k: usize, only_rows: bool) -> String {
    let mut out = String::with_capacity(text.len() * (1 + k));
    let mut n = 0;
    for line in text.split_inclusive('\n') {
        if only_rows && !line.contains('\t') {
            out.push_str(line);
            continue;
        }
        for c in line.chars() {
            out.push(c);
            if is_han(c) {
                for _ in 0..k {
                    out.push(INVISIBLE[n % INVISIBLE.len()]);
                    n += 1;
                }
            }
        }
    }
    out
}

fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

#[test]
fn invisible_characters_inside_labels() {
    for name in [
        "clean_2021_tabs",
        "clean_2019_tabs",
        "clean_2021_pipe_gov",
        "clean_2019_one_cell_per_line",
        "clean_2019_pdf_spaces",
    ] {
        let clean = fixture(name);
        let clean_report = checked(&clean, false);
        assert!(!values(&clean_report).is_empty(), "{name}: tables read");
        for k in [1, 3] {
            let dirty = with_invisible(&clean, k, false);
            assert!(dirty.len() > clean.len() + 300, "{name}: inserted");
            let r = checked(&dirty, true);
            assert_eq!(
                values(&r),
                values(&clean_report),
                "{name}, {k} per character"
            );
            assert_eq!(codes(&r), codes(&clean_report), "{name}, {k} per character");
        }
    }
    // Linear in the number of invisible characters, and the tables are still
    // read the same with 64 after every character of their labels.
    let clean = fixture("clean_2021_tabs");
    let s = assert_linear(
        "invisible characters",
        16,
        3,
        |k| with_invisible(&clean, k, true),
        |t| check(t, &options(false)),
    );
    assert_eq!(values(&s.large), values(&check(&clean, &options(false))));
}

#[test]
fn report_pasted_twice() {
    for name in [
        "clean_2021_tabs",
        "clean_2019_one_cell_per_line",
        "clean_2019_pdf_spaces",
    ] {
        let one = fixture(name);
        let single = checked(&one, false);
        let twice = format!("{one}\n{one}");
        let r = checked(&twice, true);
        // The first copy is read; the second adds no table and no section.
        assert_eq!(values(&r), values(&single), "{name}");
        assert_eq!(r.sections.len(), single.sections.len(), "{name}");
        assert_eq!((r.year, &r.agency), (single.year, &single.agency), "{name}");
        assert!(
            r.diagnostics.len() <= single.diagnostics.len() + 6,
            "{name}: {:?}",
            codes(&r)
        );
    }
    let one = fixture("clean_2021_tabs");
    assert_linear(
        "pasted n times",
        100,
        2,
        |n| one.repeat(n),
        |t| {
            let _ = check(t, &options(false));
        },
    );
}

/// Every section heading, each repeated `n` times: in order (一…六 n times
/// over), and each `n` times in a row.
fn repeated_headings(n: usize, in_a_row: bool) -> String {
    const HEADINGS: [&str; 6] = [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ];
    let mut t = String::from("示例县教育局2021年政府信息公开工作年度报告\n");
    if in_a_row {
        for h in HEADINGS {
            for _ in 0..n {
                t.push_str(h);
                t.push('\n');
            }
        }
    } else {
        for _ in 0..n {
            for h in HEADINGS {
                t.push_str(h);
                t.push('\n');
            }
        }
    }
    t
}

#[test]
fn section_headings_repeated_thousands_of_times() {
    for in_a_row in [false, true] {
        let text = repeated_headings(5000, in_a_row);
        let r = checked(&text, true);
        let numbers: Vec<u8> = r.sections.iter().map(|s| s.number).collect();
        assert_eq!(numbers, [1, 2, 3, 4, 5, 6], "in a row: {in_a_row}");
        assert!(r.to_json().len() < 64 << 10, "findings do not multiply");
        assert_linear(
            "repeated headings",
            1000,
            2,
            |n| repeated_headings(n, in_a_row),
            |t| {
                let _ = check(t, &options(false));
            },
        );
    }
    // A whole report whose every heading line is repeated 3000 times.
    let report = fixture("clean_2021_tabs");
    let repeat = |n: usize| {
        report
            .split_inclusive('\n')
            .map(|l| {
                let heading = ["一、", "二、", "三、", "四、", "五、", "六、"]
                    .iter()
                    .any(|h| l.starts_with(h))
                    && !l.contains('\t');
                if heading {
                    l.repeat(n)
                } else {
                    l.to_string()
                }
            })
            .collect::<String>()
    };
    let r = checked(&repeat(3000), false);
    assert_eq!(r.sections.len(), 6);
    assert_linear("repeated heading lines", 500, 2, repeat, |t| {
        let _ = check(t, &options(false));
    });
}

#[test]
fn forty_digit_numbers_are_never_values() {
    const FORTY: &str = "1234567890123456789012345678901234567890";
    let report = fixture("clean_2021_tabs");
    // Every number of the report becomes 40 digits (also as a decimal, a
    // signed change, with separators and in full width).
    let forms = [
        FORTY.to_string(),
        format!("0.{FORTY}"),
        format!("{FORTY}.5"),
        format!("增 {FORTY}"),
        format!("-{FORTY}"),
        "1,234,567,890,123,456,789,012,345,678,901,234,567,890".to_string(),
        FORTY
            .chars()
            .map(|c| char::from_u32(c as u32 + 0xFEE0).unwrap())
            .collect(),
        format!("{FORTY}万元"),
    ];
    for form in &forms {
        let text: String = report
            .split_inclusive('\n')
            .map(|l| {
                if !l.contains('\t') {
                    return l.to_string();
                }
                l.split('\t')
                    .map(|cell| {
                        let t = cell.trim_end();
                        if !t.is_empty() && t.chars().all(|c| c.is_ascii_digit()) {
                            format!("{form}{}", &cell[t.len()..])
                        } else {
                            cell.to_string()
                        }
                    })
                    .collect::<Vec<_>>()
                    .join("\t")
            })
            .collect();
        let r = checked(&text, false);
        let vals = values(&r);
        assert!(!vals.is_empty(), "{form}: tables found");
        for (row, v) in &vals {
            assert!(v.iter().all(Option::is_none), "{form}: {row} read as {v:?}");
        }
        assert!(codes(&r).contains(&"CELL-UNREADABLE"), "{form}");
    }
    // In the narrative and the title: no claim, no year, no date from a
    // run of digits.
    let text = format!(
        "示例县教育局{FORTY}2021年政府信息公开工作年度报告\n\
         本报告中所列数据的统计期限自{FORTY}2021年1月1日起至2021年12月31日止。\n\
         一、总体情况\n\
         2021年，共收到政府信息公开申请{FORTY}件，行政复议{FORTY}件。\n"
    );
    let r = checked(&text, false);
    assert_eq!(r.year, None, "{:?}", r.year);
    assert!(r.period.is_none(), "{:?}", r.period);
    for d in &r.diagnostics {
        assert!(d.actual.is_none() && d.expected.is_none(), "{d:?}");
    }
    // A report whose section 一 claims 40-digit counts: no count is read out
    // of part of the digits, so nothing is compared with the tables.
    let text = report
        .replacen("申请5件", &format!("申请{FORTY}件"), 1)
        .replacen(
            "一、总体情况\n",
            &format!("一、总体情况\n本年度行政复议{FORTY}件。\n"),
            1,
        );
    assert_ne!(text, report);
    let r = checked(&text, false);
    assert!(!codes(&r).contains(&"DOC-NARR"), "{:?}", r.diagnostics);
    assert_eq!(codes(&r), codes(&check(&report, &options(false))));
    assert_linear(
        "long digit runs",
        1 << 20,
        1,
        |n| {
            long_line(
                "三、收到和处理政府信息公开申请情况",
                &format!("（一）予以公开\t{FORTY}\t"),
                n,
            )
        },
        |t| {
            let _ = check(t, &options(false));
        },
    );
}

/// A table with `n` rows after its real ones: repeated template rows, rows
/// the template does not have, rows of numbers alone (table 1), and
/// repeated rows of table 2.
fn long_table(n: usize, kind: usize) -> String {
    let mut t = String::from(HEAD);
    t.push_str("二、主动公开政府信息情况\n第二十条第（一）项\n");
    t.push_str("信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t0\t0\t0\n");
    if kind == 3 {
        t.push_str("三、收到和处理政府信息公开申请情况\n");
    }
    for i in 0..n {
        match kind {
            0 => t.push_str("规章\t1\t2\t3\n"),
            1 => t.extend(["示例事项", &i.to_string(), "号\t1\t2\t3\n"]),
            2 => t.push_str("1\t2\t3\n"),
            _ => t.push_str("（一）予以公开\t0\t0\t0\t0\t0\t0\t0\n"),
        }
    }
    t.push_str(TAIL);
    t
}

#[test]
fn a_table_of_100000_rows() {
    for kind in 0..4 {
        let (_, r) = check_scaled(
            &format!("100000 rows, kind {kind}"),
            25_000,
            kind % 2 == 0,
            |n| long_table(n, kind),
        );
        assert!(r.tables.active.is_some(), "kind {kind}");
        if kind == 3 {
            assert!(r.tables.applications.is_some());
        }
    }
}

#[test]
fn review_table_after_many_blank_rows() {
    // Table 3's header, then many rows holding only a tab, then the values.
    let make = |n: usize| {
        let mut t = String::from(HEAD);
        t.push_str("四、政府信息公开行政复议、行政诉讼情况\n行政复议\t行政诉讼\n");
        t.push_str("结果维持\t结果纠正\t其他结果\t尚未审结\t总计\n");
        t.push_str(&"\t\n".repeat(n));
        t.push_str("0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\n");
        t.push_str(TAIL);
        t
    };
    let (_, r) = check_scaled("blank rows before table 3", 25_000, false, make);
    let review = r.tables.review.as_ref().expect("table 3 read");
    assert!(!review.is_empty());
}

// ---- terminal output ----------------------------------------------------------

/// Rendering for the terminal (`xxgk check` text output) shows each finding's
/// source line, cut to a window around the span; many findings on one long
/// line (`行政许可\t约5\t` repeated) must still render in linear time.
#[test]
fn rendering_many_findings_on_one_long_line() {
    assert_linear(
        "render",
        4 << 10,
        1,
        |n| {
            let text = long_line("二、主动公开政府信息情况", "行政许可\t约5\t", n);
            let report = check(&text, &options(false));
            (text, report)
        },
        |(text, report)| xxgk::render::render_text(report, text, false).len(),
    );
}
