//! Hostile texts: invisible characters inside labels, a report pasted twice,
//! headings repeated thousands of times, 40-digit numbers, huge tables; and
//! terminal output of many findings on one long line.

use super::support::*;
use xxgk::check;

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
    const HEADINGS: [&str; 6] = xxgk::template::sections::NAMES;
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
