use super::super::tests::rows;
use super::super::{render_table_in, GridState};
use super::is_number;

fn render(state: &mut GridState, widths: &[u32], spec: &[&[(&str, usize, usize)]]) -> Vec<String> {
    let mut out = Vec::new();
    render_table_in(rows(spec), widths, state, &mut out);
    out.into_iter().map(|l| l.text).collect()
}

/// A header of three columns over four grid columns (`甲` spans two).
const HEAD: &[(&str, usize, usize)] = &[("项目", 1, 1), ("甲", 2, 1), ("乙", 1, 1), ("丙", 1, 1)];

#[test]
fn numbers_go_one_per_header_column() {
    let mut st = GridState::new(1000);
    let got = render(
        &mut st,
        &[],
        &[
            HEAD,
            &[("规章", 1, 1), ("1", 2, 1), ("2", 1, 1), ("3", 1, 1)],
            &[
                ("行政许可", 1, 1),
                ("4", 1, 1),
                ("", 1, 1),
                ("5", 1, 1),
                ("6", 1, 1),
            ],
            &[
                ("行政处罚", 1, 1),
                ("", 1, 1),
                ("7", 1, 1),
                ("8", 1, 1),
                ("9", 1, 1),
            ],
        ],
    );
    assert_eq!(
        got,
        [
            "项目\t甲\t\t乙\t丙",
            "规章\t1\t2\t3",
            "行政许可\t4\t5\t6",
            "行政处罚\t7\t8\t9"
        ]
    );
}

#[test]
fn uncertain_rows_are_written_without_tabs() {
    let mut st = GridState::new(1000);
    let got = render(
        &mut st,
        &[],
        &[
            HEAD,
            // Two numbers under 甲.
            &[
                ("规章", 1, 1),
                ("1", 1, 1),
                ("2", 1, 1),
                ("3", 1, 1),
                ("4", 1, 1),
            ],
            // A number over 乙 and 丙.
            &[("行政许可", 1, 1), ("4", 2, 1), ("5", 2, 1)],
            &[("行政处罚", 1, 1), ("7", 2, 1), ("8", 1, 1), ("9", 1, 1)],
        ],
    );
    assert_eq!(got[1], "规章 1 2 3 4");
    assert_eq!(got[2], "行政许可 4 5");
    assert_eq!(got[3], "行政处罚\t7\t8\t9");
}

#[test]
fn rows_shifted_by_a_rowspan_fit_one_alignment() {
    let mut st = GridState::new(1000);
    let got = render(
        &mut st,
        &[],
        &[
            &[("说明", 2, 1), ("甲", 1, 1), ("乙", 1, 1)],
            // 组 spans one row too many: the last row is pushed right.
            &[("组", 1, 3), ("一", 1, 1), ("1", 1, 1), ("2", 1, 1)],
            &[("二", 1, 1), ("3", 1, 1), ("4", 1, 1)],
            &[("三、合计", 2, 1), ("5", 1, 1), ("6", 1, 1)],
        ],
    );
    assert_eq!(got[1], "组\t一\t1\t2");
    assert_eq!(got[2], "\t二\t3\t4");
    assert_eq!(got[3], "三、合计\t5\t6");
}

#[test]
fn a_continued_table_uses_the_first_part_columns() {
    let mut st = GridState::new(1000);
    render(
        &mut st,
        &[900, 900, 900, 900, 900],
        &[
            HEAD,
            &[("规章", 1, 1), ("1", 2, 1), ("2", 1, 1), ("3", 1, 1)],
        ],
    );
    let same = render(
        &mut st,
        &[900, 900, 900, 900, 910],
        &[&[
            ("行政许可", 1, 1),
            ("", 1, 1),
            ("4", 1, 1),
            ("5", 1, 1),
            ("6", 1, 1),
        ]],
    );
    assert_eq!(same, ["行政许可\t4\t5\t6"]);
    // Other widths: a row with a value under every column fits one way only.
    let other = render(
        &mut st,
        &[1200, 1200, 1200, 1200, 1200],
        &[
            &[("行政处罚", 1, 1), ("7", 2, 1), ("8", 1, 1), ("9", 1, 1)],
            &[("行政强制", 1, 1), ("7", 2, 1), ("8", 1, 1)],
        ],
    );
    assert_eq!(other, ["行政处罚\t7\t8\t9", "行政强制 7 8"]);
    // No earlier header: as it is.
    let mut fresh = GridState::new(1000);
    let got = render(
        &mut fresh,
        &[],
        &[&[("行政强制", 1, 1), ("7", 2, 1), ("8", 1, 1)]],
    );
    assert_eq!(got, ["行政强制\t7\t\t8"]);
}

#[test]
fn numbers_and_labels() {
    for n in ["0", "12", "增 1", "减少2", "-8", "12.5万元", "约1", "１２"] {
        assert!(is_number(n), "{n}");
    }
    for l in [
        "3.其他",
        "1.属于国家秘密",
        "（一）予以公开",
        "总计",
        "",
        "第二十条第（一）项",
    ] {
        assert!(!is_number(l), "{l}");
    }
}

#[test]
fn a_row_of_one_cell_across_keeps_the_columns() {
    let mut st = GridState::new(1000);
    let got = render(
        &mut st,
        &[],
        &[
            HEAD,
            &[("规章", 1, 1), ("1", 2, 1), ("2", 1, 1), ("3", 1, 1)],
            &[("三、本年度办理结果", 5, 1)],
            &[
                ("行政许可", 1, 1),
                ("4", 1, 1),
                ("", 1, 1),
                ("5", 1, 1),
                ("6", 1, 1),
            ],
        ],
    );
    assert_eq!(got[2], "三、本年度办理结果\t\t\t\t");
    assert_eq!(got[3], "行政许可\t4\t5\t6");
}

/// A table: rows of `(text, colspan, rowspan)` cells.
type Spec<'a> = &'a [&'a [(&'a str, usize, usize)]];

/// Tables rendered one after the other into one output.
fn render_all(tables: &[Spec]) -> Vec<String> {
    let mut st = GridState::new(1000);
    let mut out = Vec::new();
    for t in tables {
        render_table_in(rows(t), &[], &mut st, &mut out);
    }
    out.into_iter().map(|l| l.text).collect()
}

/// The applicant columns of table 2, then `总计` in a table of its own.
const APPLICANTS: &[&[(&str, usize, usize)]] = &[
    &[("项目", 1, 2), ("自然人", 1, 2), ("法人或其他组织", 5, 1)],
    &[
        ("商业企业", 1, 1),
        ("科研机构", 1, 1),
        ("社会公益组织", 1, 1),
        ("法律服务机构", 1, 1),
        ("其他", 1, 1),
    ],
    &[
        ("一、本年新收", 1, 1),
        ("1", 1, 1),
        ("2", 1, 1),
        ("0", 1, 1),
        ("0", 1, 1),
        ("0", 1, 1),
        ("1", 1, 1),
    ],
    &[
        ("二、上年结转", 1, 1),
        ("3", 1, 1),
        ("0", 1, 1),
        ("0", 1, 1),
        ("0", 1, 1),
        ("0", 1, 1),
        ("", 1, 1),
    ],
];

#[test]
fn columns_split_over_two_tables_join_when_the_rows_match() {
    let joined = [
        "一、本年新收\t1\t2\t0\t0\t0\t1\t4",
        "二、上年结转\t3\t0\t0\t0\t0\t\t3",
    ];
    // The labels again.
    let got = render_all(&[
        APPLICANTS,
        &[
            &[("项目", 1, 1), ("总 计", 1, 1)],
            &[("一、本年新收", 1, 1), ("4", 1, 1)],
            &[("二、上年结转", 1, 1), ("3", 1, 1)],
        ],
    ]);
    assert_eq!(got[2..], joined);
    // No labels: by count and order.
    let got = render_all(&[
        APPLICANTS,
        &[&[("总计", 1, 1)], &[("4", 1, 1)], &[("3", 1, 1)]],
    ]);
    assert_eq!(got[2..], joined);
}

// Second parts whose rows do not match the first's.
const OTHER_ORDER: &[&[(&str, usize, usize)]] = &[
    &[("项目", 1, 1), ("总计", 1, 1)],
    &[("二、上年结转", 1, 1), ("3", 1, 1)],
    &[("一、本年新收", 1, 1), ("4", 1, 1)],
];
const FEWER: &[&[(&str, usize, usize)]] = &[&[("总计", 1, 1)], &[("4", 1, 1)]];
const MORE: &[&[(&str, usize, usize)]] = &[
    &[("总计", 1, 1)],
    &[("4", 1, 1)],
    &[("3", 1, 1)],
    &[("5", 1, 1)],
];

#[test]
fn columns_split_over_two_tables_stay_apart_when_not_certain() {
    let first = [
        "一、本年新收\t1\t2\t0\t0\t0\t1",
        "二、上年结转\t3\t0\t0\t0\t0\t",
    ];
    // Other labels, another order, another count: the numbers are unplaced.
    let seconds = [OTHER_ORDER, FEWER, MORE];
    for second in seconds {
        let got = render_all(&[APPLICANTS, second]);
        assert_eq!(got[2..4], first);
        assert!(
            got[4..].iter().skip(1).all(|l| !l.contains('\t')),
            "{got:?}"
        );
    }
    // A header naming columns the first part has: not a second part.
    let got = render_all(&[
        APPLICANTS,
        &[
            &[("项目", 1, 1), ("自然人", 1, 1)],
            &[("一、本年新收", 1, 1), ("4", 1, 1)],
        ],
    ]);
    assert_eq!(got[2..4], first);
    assert_eq!(got[5], "一、本年新收\t4");
}

#[test]
fn a_short_row_no_alignment_fits_is_unplaced() {
    // The label over two grid columns, two numbers for three columns:
    // neither alignment puts the label in the label column.
    let mut st = GridState::new(1000);
    let got = render(
        &mut st,
        &[],
        &[
            HEAD,
            &[("规章", 1, 1), ("1", 2, 1), ("2", 1, 1), ("3", 1, 1)],
            &[("规范性文件", 1, 1), ("6", 2, 1), ("7", 1, 1), ("8", 1, 1)],
            &[("行政许可", 2, 1), ("4", 1, 1), ("5", 1, 1)],
        ],
    );
    assert_eq!(got[3], "行政许可 4 5");
}

#[test]
fn a_relay_applies_only_to_lines_holding_both_parts() {
    use super::split::Relay;
    use crate::input::grid::{OutputKind, OutputLine};
    let line = |t: &str| OutputLine {
        text: t.to_string(),
        node: 0,
        kind: OutputKind::Row,
        link: false,
    };
    let relay = Relay {
        joined: vec![("甲\t1".into(), "甲\t1\t2".into())],
        second: vec!["甲 2".into()],
    };
    let mut lines = vec![line("甲\t1"), line("头"), line("甲 2")];
    assert!(relay.apply(&mut lines));
    let got: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(got, ["甲\t1\t2", "头"]);
    // The second part before the first, or missing: nothing changes.
    let mut lines = vec![line("甲 2"), line("甲\t1")];
    assert!(!relay.apply(&mut lines));
    assert_eq!(lines[1].text, "甲\t1");
}
