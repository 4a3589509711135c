use super::*;

/// A run of text, each character one em wide (Latin half).
fn item(text: &str, x: f64, y: f64, size: f64) -> TextItem {
    let width = text
        .chars()
        .map(|c| if lines::is_cjk(c) { size } else { size / 2.0 })
        .sum();
    TextItem {
        text: text.to_string(),
        x,
        y,
        width,
        height: size,
        font_size: size,
    }
}

fn hline(page: &mut PdfPage, y: f64, x0: f64, x1: f64) {
    page.segments.push(Segment {
        x0,
        y0: y,
        x1,
        y1: y,
    });
}

fn vline(page: &mut PdfPage, x: f64, y0: f64, y1: f64) {
    page.segments.push(Segment {
        x0: x,
        y0,
        x1: x,
        y1,
    });
}

/// A ruled table: a header spanning two columns, a label wrapped over two
/// lines, a blank cell; under it a paragraph; a page number at the bottom.
fn ruled_page(top: f64, page_no: usize) -> PdfPage {
    let mut p = PdfPage {
        width: 595.0,
        height: 842.0,
        ..PdfPage::default()
    };
    p.items
        .push(item("第二十条第（一）项", 72.0, top + 20.0, 12.0));
    // Borders: columns at 72, 200, 300, 400; rows at top, top-30, top-70, top-100.
    let (a, b, c, d) = (top, top - 30.0, top - 70.0, top - 100.0);
    for y in [a, b, c, d] {
        hline(&mut p, y, 72.0, 400.0);
    }
    vline(&mut p, 72.0, d, a);
    vline(&mut p, 200.0, d, a);
    vline(&mut p, 300.0, d, b);
    vline(&mut p, 400.0, d, a);
    p.items.push(item("信息内容", 80.0, a - 20.0, 10.5));
    p.items.push(item("件数", 280.0, a - 20.0, 10.5));
    p.items.push(item("行政规范性", 80.0, b - 15.0, 10.5));
    p.items.push(item("文件", 80.0, b - 30.0, 10.5));
    p.items.push(item("2", 240.0, b - 25.0, 10.5));
    p.items.push(item("5", 340.0, b - 25.0, 10.5));
    p.items.push(item("规章", 80.0, c - 20.0, 10.5));
    p.items.push(item("0", 340.0, c - 20.0, 10.5));
    p.items
        .push(item("本年度未收取信息处理费。", 72.0, d - 30.0, 12.0));
    p.items
        .push(item(&format!("- {page_no} -"), 290.0, 40.0, 10.5));
    p
}

#[test]
fn ruled_table_cells() {
    let text = pages_to_text(&[ruled_page(700.0, 1)]);
    assert_eq!(
        text,
        "第二十条第（一）项\n信息内容\t件数\t\n行政规范性文件\t2\t5\n规章\t\t0\n本年度未收取信息处理费。\n"
    );
}

#[test]
fn table_continued_on_the_next_page() {
    let text = pages_to_text(&[ruled_page(300.0, 1), ruled_page(780.0, 2)]);
    let rows: Vec<&str> = text.lines().filter(|l| l.starts_with("信息内容")).collect();
    // The second page's title line sits between the tables, so its header stays.
    assert_eq!(rows.len(), 2, "{text}");
    assert!(!text.contains("- 1 -") && !text.contains("- 2 -"), "{text}");

    // A table going on at the top of the next page loses its repeated header.
    let mut first = ruled_page(300.0, 1);
    first.items.remove(9);
    let mut second = ruled_page(780.0, 2);
    second.items.remove(0);
    let text = pages_to_text(&[first, second]);
    assert_eq!(text.matches("信息内容").count(), 1, "{text}");
    assert_eq!(text.matches("规章\t\t0").count(), 2, "{text}");
}

#[test]
fn browser_print_header_above_a_continued_table() {
    // Chromium's print header: the date and time at the left, the page's
    // title far to the right; its page number `n/m` at the bottom right.
    let header = |p: &mut PdfPage, n: usize| {
        p.items.push(item("12/1/26, 12:21 AM", 20.0, 825.0, 8.0));
        p.items.push(item("年度报告", 400.0, 825.0, 8.0));
        p.items.push(item(&format!("{n}/2"), 560.0, 20.0, 8.0));
    };
    let mut first = ruled_page(300.0, 1);
    first.items.remove(9);
    header(&mut first, 1);
    let mut second = ruled_page(770.0, 2);
    second.items.remove(0);
    header(&mut second, 2);
    // The rest of a row broken by the page, above the table's first rule.
    second.items.push(item("合法权益", 80.0, 790.0, 10.5));
    second.items.push(item("1", 240.0, 790.0, 10.5));
    second.items.push(item("0", 340.0, 790.0, 10.5));
    let text = pages_to_text(&[first, second]);
    assert!(!text.contains("AM") && !text.contains("年度报告"), "{text}");
    assert!(!text.contains("2/2"), "{text}");
}

#[test]
fn running_text_and_furniture() {
    let mut pages = Vec::new();
    for n in 1..=3 {
        let mut p = PdfPage {
            width: 595.0,
            height: 842.0,
            ..PdfPage::default()
        };
        p.items.push(item("2026/11/30 22:00", 20.0, 825.0, 8.0));
        p.items.push(item("示例县教育局报告", 250.0, 825.0, 8.0));
        p.items.push(item(&format!("第{n}页"), 280.0, 20.0, 9.0));
        p.items.push(item("一、总体情况", 72.0, 700.0, 12.0));
        p.items.push(item("共收到申请", 72.0, 680.0, 12.0));
        p.items.push(item("3", 132.5, 680.0, 12.0));
        p.items.push(item("件。", 139.0, 680.0, 12.0));
        p.items
            .push(item("file:///tmp/report.html", 20.0, 20.0, 8.0));
        pages.push(p);
    }
    let text = pages_to_text(&pages);
    assert_eq!(text, "一、总体情况\n共收到申请3件。\n".repeat(3));
}

#[test]
fn hostile_input_does_not_panic() {
    let mut p = PdfPage::default();
    p.items.push(TextItem {
        text: "甲".into(),
        x: f64::NAN,
        y: 1.0,
        width: f64::INFINITY,
        height: 0.0,
        font_size: 0.0,
    });
    p.items.push(item("", 0.0, 0.0, 0.0));
    p.items.push(item("乙", 0.0, 0.0, -3.0));
    p.segments.push(Segment {
        x0: 0.0,
        y0: 0.0,
        x1: 0.0,
        y1: 0.0,
    });
    hline(&mut p, 5.0, f64::MAX, f64::MIN);
    let _ = pages_to_text(&[p, PdfPage::default()]);
    assert_eq!(pages_to_text(&[]), "");
}

#[test]
fn a_number_alone_at_the_page_edge_is_a_cell_unless_the_pages_count_on() {
    let page = |lines: &[(&str, f64, f64)]| {
        let mut p = PdfPage {
            width: 595.0,
            height: 842.0,
            ..PdfPage::default()
        };
        for &(t, x, y) in lines {
            p.items.push(item(t, x, y, 12.0));
        }
        p
    };
    // One value per line, running over the page's edge.
    let text = pages_to_text(&[
        page(&[("二、上年结转", 72.0, 400.0), ("0", 160.0, 40.0)]),
        page(&[("0", 160.0, 800.0), ("三、本年度", 72.0, 700.0)]),
    ]);
    assert_eq!(text, "二、上年结转\n0\n0\n三、本年度\n");
    // Page numbers count on from page to page.
    let text = pages_to_text(&[
        page(&[("一、总体情况", 72.0, 400.0), ("- 1 -", 290.0, 40.0)]),
        page(&[("二、主动公开", 72.0, 700.0), ("- 2 -", 290.0, 40.0)]),
    ]);
    assert_eq!(text, "一、总体情况\n二、主动公开\n");
}

/// A page without ruling lines: each `(text, x, y)` set in 10.5 pt.
fn plain_page(items: &[(&str, f64, f64)]) -> PdfPage {
    let mut p = PdfPage {
        width: 595.0,
        height: 842.0,
        ..PdfPage::default()
    };
    for &(t, x, y) in items {
        p.items.push(item(t, x, y, 10.5));
    }
    p
}

#[test]
fn unruled_columns_from_the_numbers_under_the_header() {
    let text = pages_to_text(&[plain_page(&[
        ("信息内容", 72.0, 700.0),
        ("本年制发件数", 200.0, 700.0),
        ("现行有效件数", 320.0, 700.0),
        ("规章", 72.0, 670.0),
        ("3", 230.0, 670.0),
        ("5", 350.0, 670.0),
        ("规范性文件", 72.0, 640.0),
        ("7", 350.0, 640.0),
        // Between the two columns, under no header: left out, the row
        // written as it reads.
        ("其他", 72.0, 610.0),
        ("12", 290.0, 610.0),
    ])]);
    assert_eq!(
        text,
        "信息内容\t本年制发件数\t现行有效件数\n规章\t3\t5\n规范性文件\t\t7\n其他 12\n"
    );
}

#[test]
fn unruled_header_over_several_lines_and_labels_wrapped() {
    // 表二's header over three lines (a part spanning the kinds under it),
    // a label wrapped in a narrow column, a group's label set in the middle
    // of its rows, and the table going on over the next page.
    let row = |label: Option<(&'static str, f64)>, y: f64, n: [&'static str; 4]| {
        let mut v = vec![("", 0.0, 0.0); 0];
        if let Some((l, x)) = label {
            v.push((l, x, y));
        }
        for (t, x) in n.into_iter().zip([240.0, 300.0, 360.0, 450.0]) {
            v.push((t, x, y));
        }
        v
    };
    let mut items = vec![
        ("申请人情况", 300.0, 700.0),
        ("自然人", 228.0, 680.0),
        ("法人或其他组织", 290.0, 680.0),
        ("总计", 445.0, 680.0),
        ("商业企业", 290.0, 665.0),
        ("科研机构", 345.0, 665.0),
        ("一、本年新", 72.0, 635.0),
        ("收申请数量", 72.0, 620.0),
        ("（三）不予", 72.0, 568.0),
        ("公开", 82.0, 553.0),
    ];
    items.extend(row(None, 627.0, ["4", "1", "0", "5"]));
    items.extend(row(
        Some(("1.属于秘密", 140.0)),
        590.0,
        ["0", "0", "0", "0"],
    ));
    items.extend(row(Some(("2.其他", 140.0)), 560.0, ["0", "1", "0", "1"]));
    items.extend(row(
        Some(("3.危及稳定", 140.0)),
        530.0,
        ["0", "0", "0", "0"],
    ));
    let mut first = plain_page(&items);
    first.items.push(item("- 1 -", 290.0, 40.0, 10.5));
    let mut second = plain_page(&row(
        Some(("（七）总计", 72.0)),
        790.0,
        ["4", "2", "0", "6"],
    ));
    second.items.push(item("- 2 -", 290.0, 40.0, 10.5));
    let text = pages_to_text(&[first, second]);
    assert_eq!(
        text.lines().collect::<Vec<_>>(),
        [
            "申请人情况",
            "自然人\t法人或其他组织\t总计",
            "商业企业\t科研机构",
            "一、本年新收申请数量\t\t4\t1\t0\t5",
            "（三）不予公开\t1.属于秘密\t0\t0\t0\t0",
            "\t2.其他\t0\t1\t0\t1",
            "\t3.危及稳定\t0\t0\t0\t0",
            "（七）总计\t\t4\t2\t0\t6",
        ],
        "{text}"
    );
}
