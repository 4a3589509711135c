use std::fmt::Write as _;

use super::*;
use crate::layout::lines;

fn t2(text: &str) -> RawTable {
    let ls = lines(text);
    read_applications(text, &ls, 0, ls.len()).expect("table")
}

fn vals(r: &RawRow) -> Vec<Option<i64>> {
    r.cells
        .iter()
        .map(|c| match c.parsed.val {
            Val::Int(v) => Some(v),
            _ => None,
        })
        .collect()
}

#[test]
fn group_label_shares_a_line() {
    let t = t2("（三）不予公开\t1.属于国家秘密\t0 0 0 0 0 0 1\n");
    assert_eq!(t.rows[0].key, "denied.1");
    assert_eq!(
        vals(&t.rows[0]),
        [
            Some(0),
            Some(0),
            Some(0),
            Some(0),
            Some(0),
            Some(0),
            Some(1)
        ]
    );
}

#[test]
fn one_cell_per_line() {
    let mut s = String::from("\t\n\t（一）予以公开\n");
    for v in [1, 0, 0, 0, 0, 0, 1] {
        writeln!(s, "\t{v}").unwrap();
    }
    s += "\n\t\n\t（二）部分公开\n";
    for _ in 0..7 {
        s += "\t0\n";
    }
    let t = t2(&s);
    assert_eq!(t.rows.len(), 2);
    assert_eq!(t.rows[0].cells.len(), 7);
    assert_eq!(t.rows[1].key, "partial");
    assert_eq!(t.rows[1].cells.len(), 7);
}

#[test]
fn short_row_is_kept_as_found() {
    let t = t2("\t四、结转下年度继续办理\t\t\t0\t0\t0\t0\t0\t0\n");
    assert_eq!(t.rows[0].cells.len(), 6);
    let t = t2("\t（七）总计\t3\t0\t0\t0\t0\t\t3\t\t\n");
    assert_eq!(t.rows[0].key, "total");
    assert_eq!(
        vals(&t.rows[0]),
        [Some(3), Some(0), Some(0), Some(0), Some(0), None, Some(3)]
    );
}

#[test]
fn vertical_fragments_and_continued_labels() {
    let t = t2("三、 本 年 度 办\t(一) 予以公开\t5\t0\t0\t0\t0\t0\t5\n\t\t2.其他法律行政法规禁止\t0\t0\t0\t0\t0\t0\t0\n理 结 果\t公开\t公开\t\t\t\n");
    assert_eq!(t.rows[0].key, "granted");
    assert_eq!(t.rows[1].key, "denied.2");
    assert_eq!(t.rows[1].cells.len(), 7);
}

#[test]
fn typo_is_a_variant() {
    let t = t2("2.其他法律法规禁止公开\t0\t0\t0\t0\t0\t0\t0\n");
    assert_eq!(t.rows[0].key, "denied.2");
    assert!(t.rows[0].variant.is_some());
}

#[test]
fn table1_blocks() {
    let text = "第二十条第（五）项\n信息内容\t本年处理决定数量\t\t\n行政许可\t588\t\t\n第二十条第（一）项\n信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量\n规章555\n";
    let ls = lines(text);
    let t = read_active(text, &ls, 0, ls.len()).unwrap();
    assert_eq!(t.blocks[1], Some(Format::F2021));
    assert_eq!(t.blocks[0], Some(Format::F2019));
    let lic = t.row("licensing").unwrap();
    assert_eq!(lic.cells.len(), 1);
    assert!(t.row("regulations").unwrap().merged.is_some());
}

#[test]
fn review_table() {
    let text = "行政复议\t\t\t\t\t行政诉讼\n结果维持\t结果纠正\t其他结果\t尚未审结\t总计\n0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\n";
    let ls = lines(text);
    let r = read_review(text, &ls, 0, ls.len()).unwrap();
    assert_eq!(r.cells.len(), 16);
}
