//! What the hostile-input tests share: fixtures, timing by scaling, span
//! checks, and the values and codes of a report.

use std::time::{Duration, Instant};
use xxgk::{check, Options, Report, Span};

/// Largest accepted ratio of the times for 4n and n. Linear work gives about
/// 4; quadratic work gives 16.
pub(crate) const MAX_RATIO: f64 = 10.0;

pub(crate) fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}.txt", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

pub(crate) fn options(utf16: bool) -> Options {
    Options {
        source: "-".to_string(),
        utf16,
    }
}

/// Inputs and results at size n and 4n.
pub(crate) struct Scaled<T, R> {
    pub(crate) small: R,
    pub(crate) large_input: T,
    pub(crate) large: R,
}

/// Time this thread has spent running, when the system tells it (Linux),
/// so that other tests and processes on the machine do not count.
pub(crate) fn thread_time() -> Option<Duration> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = s.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

/// Time to run `f`: this thread's running time where known, wall-clock
/// time otherwise.
pub(crate) fn timed<R>(f: impl FnOnce() -> R) -> (Duration, R) {
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
pub(crate) fn assert_linear<T, R>(
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
pub(crate) fn check_scaled(
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
pub(crate) fn all_spans(report: &Report) -> Vec<(&'static str, Span)> {
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
pub(crate) fn check_spans(text: &str, report: &Report, utf16: bool) {
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
pub(crate) fn checked(text: &str, utf16: bool) -> Report {
    let report = check(text, &options(utf16));
    check_spans(text, &report, utf16);
    report
}

/// (row, values) of table 1 and 2, and table 3's values: what was read,
/// without where.
type Values = Vec<(String, Vec<Option<String>>)>;

pub(crate) fn values(report: &Report) -> Values {
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

pub(crate) fn codes(report: &Report) -> Vec<&'static str> {
    let mut c: Vec<_> = report.diagnostics.iter().map(|d| d.code).collect();
    c.sort_unstable();
    c
}

/// A tiny deterministic random generator (xorshift), so no test depends on
/// a seed from the environment.
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub(crate) fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next() as u8).collect()
    }
}

/// A report's head: title, period sentence, section 一.
pub(crate) const HEAD: &str = "示例县教育局2021年政府信息公开工作年度报告\n\
    本报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止。\n\
    一、总体情况\n\
    2021年，示例县教育局共收到政府信息公开申请3件。\n";

/// A report's tail: sections 五 and 六 and the signature.
pub(crate) const TAIL: &str = "五、存在的主要问题及改进情况\n\
    栏目更新不够及时。\n\
    六、其他需要报告的事项\n\
    本年度未收取信息处理费。\n\
    示例县教育局\n\
    2022年1月20日\n";

/// One line of at least `n` bytes made by repeating `unit`, as the only
/// content of section `section`.
pub(crate) fn long_line(section: &str, unit: &str, n: usize) -> String {
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
