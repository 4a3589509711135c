use super::super::lines::{group_lines, Glyph};
use super::super::unruled::parts;
use super::*;

fn put(out: &mut Vec<Glyph>, s: &str, x: f64, y: f64) {
    let mut x = x;
    for c in s.chars() {
        let w = if is_cjk(c) { 10.0 } else { 5.0 };
        out.push(Glyph {
            c,
            x0: x,
            x1: x + w,
            y,
            size: 10.0,
        });
        x += w;
    }
}

fn read_all(g: Vec<Glyph>) -> Vec<Stacked> {
    let lines = group_lines(g);
    let split: Vec<Vec<Word>> = lines.iter().map(parts).collect();
    tables(&lines, &split)
}

#[test]
fn wrapped_labels_centred_and_at_the_top() {
    let mut g = Vec::new();
    // Centred: the numbers at the label's middle line.
    put(&mut g, "一、本年新", 0.0, 500.0);
    put(&mut g, "收申请数量", 0.0, 486.0);
    put(&mut g, "4", 100.0, 486.0);
    put(&mut g, "0", 140.0, 486.0);
    put(&mut g, "1", 180.0, 486.0);
    put(&mut g, "5", 220.0, 486.0);
    put(&mut g, "办理", 0.0, 472.0);
    // At the top: the numbers beside the first line.
    put(&mut g, "二、上年结", 0.0, 445.0);
    put(&mut g, "0", 100.0, 445.0);
    put(&mut g, "2", 140.0, 445.0);
    put(&mut g, "0", 180.0, 445.0);
    put(&mut g, "2", 220.0, 445.0);
    put(&mut g, "转数量", 0.0, 431.0);
    // A blank cell: the numbers under the full rows' columns.
    put(&mut g, "三、结转", 0.0, 404.0);
    put(&mut g, "1", 100.0, 404.0);
    put(&mut g, "1", 220.0, 404.0);
    let t = read_all(g);
    assert_eq!(t.len(), 1);
    assert_eq!(
        t[0].rows,
        [
            "一、本年新收申请数量办理\t4\t0\t1\t5",
            "二、上年结转数量\t0\t2\t0\t2",
            "三、结转\t1\t\t\t1"
        ]
    );
}

#[test]
fn a_number_between_columns_or_a_label_not_clear_is_not_placed() {
    let mut g = Vec::new();
    for (label, y) in [("第一项", 500.0), ("第二项", 470.0)] {
        put(&mut g, label, 0.0, y);
        for x in [100.0, 140.0, 180.0, 220.0] {
            put(&mut g, "3", x, y);
        }
    }
    // Between two columns.
    put(&mut g, "其他", 0.0, 440.0);
    put(&mut g, "7", 120.0, 440.0);
    // No label aligned with the numbers: two lines above, one below.
    put(&mut g, "甲乙", 0.0, 414.0);
    put(&mut g, "丙丁", 0.0, 400.0);
    put(&mut g, "8", 100.0, 393.0);
    put(&mut g, "8", 140.0, 393.0);
    put(&mut g, "8", 180.0, 393.0);
    put(&mut g, "8", 220.0, 393.0);
    put(&mut g, "戊", 0.0, 386.0);
    let t = read_all(g);
    assert_eq!(t.len(), 1);
    assert_eq!(
        t[0].rows,
        [
            "第一项\t3\t3\t3\t3",
            "第二项\t3\t3\t3\t3",
            "其他 7",
            "8 8 8 8"
        ]
    );
}

#[test]
fn a_group_label_spanning_rows_is_left_out() {
    let mut g = Vec::new();
    put(&mut g, "（三）不予", 0.0, 520.0);
    put(&mut g, "1.秘密", 60.0, 520.0);
    put(&mut g, "公开", 0.0, 506.0);
    for (k, y) in [(1, 520.0), (2, 492.0)] {
        if k == 2 {
            put(&mut g, "2.禁止", 60.0, y);
        }
        for x in [100.0, 140.0, 180.0, 220.0] {
            put(&mut g, "0", x, y);
        }
    }
    let t = read_all(g);
    assert_eq!(t.len(), 1);
    assert_eq!(t[0].rows, ["1.秘密\t0\t0\t0\t0", "2.禁止\t0\t0\t0\t0"]);
}

#[test]
fn labels_of_rows_set_close_are_split_at_each_row() {
    // Cells aligned at the top, rows a line apart: each row's label starts
    // on its numbers' line.
    let mut g = Vec::new();
    put(&mut g, "行政规范性", 0.0, 500.0);
    put(&mut g, "文件", 0.0, 486.0);
    put(&mut g, "规章", 0.0, 472.0);
    for (y, v) in [(500.0, "2"), (472.0, "0")] {
        for x in [100.0, 140.0, 180.0, 220.0] {
            put(&mut g, v, x, y);
        }
    }
    let t = read_all(g);
    assert_eq!(t.len(), 1);
    assert_eq!(
        t[0].rows,
        ["行政规范性文件\t2\t2\t2\t2", "规章\t0\t0\t0\t0"]
    );

    // Centred, set close: the label over two rows is no row's label.
    let mut g = Vec::new();
    put(&mut g, "规章", 0.0, 500.0);
    put(&mut g, "规范性文件", 0.0, 486.0);
    put(&mut g, "其他", 0.0, 472.0);
    for (y, v) in [(486.0, "3"), (472.0, "4")] {
        for x in [100.0, 140.0, 180.0, 220.0] {
            put(&mut g, v, x, y);
        }
    }
    assert!(read_all(g)
        .iter()
        .all(|t| t.placed == 0 || !t.rows[0].contains('\t')));
}

#[test]
fn a_label_at_the_foot_of_the_page_and_its_rest() {
    let mut g = Vec::new();
    put(&mut g, "一、本年新收", 0.0, 100.0);
    put(&mut g, "二、上年结", 0.0, 70.0);
    for y in [100.0, 70.0] {
        for x in [100.0, 140.0, 180.0, 220.0] {
            put(&mut g, "1", x, y);
        }
    }
    let t = read_all(g);
    assert_eq!(t[0].tail.map(|(a, _)| a), Some(0.0));
    let mut g = Vec::new();
    put(&mut g, "转数量", 0.0, 800.0);
    put(&mut g, "三、办理", 0.0, 770.0);
    put(&mut g, "四、结转", 0.0, 740.0);
    for y in [770.0, 740.0] {
        for x in [100.0, 140.0, 180.0, 220.0] {
            put(&mut g, "2", x, y);
        }
    }
    let t = read_all(g);
    assert_eq!(t[0].start, 0);
    assert_eq!(t[0].lead.as_ref().map(|l| l.0.as_str()), Some("转数量"));
}
