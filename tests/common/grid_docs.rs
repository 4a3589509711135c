//! Reports built as grids of cells with their spans (示例县教育局, made-up
//! numbers), in the layouts Word and web tables take in real reports, and
//! written as web pages and Word documents (`tests/grid.rs`).
#![allow(dead_code)]

use std::fmt::Write as _;
use std::io::Write as _;

// ---- the grid model ----------------------------------------------------------

#[derive(Clone, Debug)]
pub struct C {
    pub text: String,
    pub cs: usize,
    pub rs: usize,
}

pub fn span(t: &impl ToString, cs: usize, rs: usize) -> C {
    C {
        text: t.to_string(),
        cs,
        rs,
    }
}

pub fn c(t: &impl ToString) -> C {
    span(t, 1, 1)
}

pub type Grid = Vec<Vec<C>>;

pub enum Part {
    P(String),
    /// A table, and the width of each grid column in Word (twips).
    T(Grid, u32),
}

// ---- the known values ----------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Debug)]
pub enum Format {
    F2019,
    F2021,
}

pub struct Known {
    pub active: Vec<(&'static str, Vec<i64>)>,
    pub apps: Vec<(&'static str, Vec<i64>)>,
    pub review: Vec<i64>,
}

pub const T2_KEYS_2019: [&str; 23] = [
    "new",
    "carried_over",
    "granted",
    "partial",
    "denied.1",
    "denied.2",
    "denied.3",
    "denied.4",
    "denied.5",
    "denied.6",
    "denied.7",
    "denied.8",
    "unable.1",
    "unable.2",
    "unable.3",
    "not_processed.1",
    "not_processed.2",
    "not_processed.3",
    "not_processed.4",
    "not_processed.5",
    "other",
    "total",
    "carried_forward",
];

pub fn t2_keys(f: Format) -> Vec<&'static str> {
    let mut keys: Vec<&'static str> = T2_KEYS_2019.to_vec();
    if f == Format::F2021 {
        let at = keys.iter().position(|k| *k == "other").unwrap();
        keys.splice(at..=at, ["other.1", "other.2", "other.3"]);
    }
    keys
}

pub fn known(f: Format) -> Known {
    let active = match f {
        Format::F2019 => vec![
            ("regulations", vec![1, 2, 3]),
            ("normative_documents", vec![4, 5, 6]),
            ("licensing", vec![7, 1, 8]),
            ("other_services", vec![9, 0, 10]),
            ("penalty", vec![11, 2, 12]),
            ("enforcement", vec![13, 0, 14]),
            ("fees", vec![15, 1]),
            ("procurement", vec![16, 17]),
        ],
        Format::F2021 => vec![
            ("regulations", vec![1, 2, 3]),
            ("normative_documents", vec![4, 5, 6]),
            ("licensing", vec![7]),
            ("penalty", vec![8]),
            ("enforcement", vec![9]),
            ("fees", vec![10]),
        ],
    };
    // Distinct neighbours, so that a value moved by a column shows.
    let apps = t2_keys(f)
        .into_iter()
        .enumerate()
        .map(|(i, k)| {
            let i = i as i64;
            let six = [
                (i * 3 + 1) % 10,
                i % 3,
                (i + 2) % 4,
                i % 2,
                (i + 1) % 3,
                (i * 7) % 5 + 1,
            ];
            let mut v = six.to_vec();
            // Every third row's total is off by one (an arithmetic error
            // the checker reports): its cells cannot be placed by the sum.
            v.push(six.iter().sum::<i64>() + i64::from(i % 3 == 2));
            (k, v)
        })
        .collect();
    Known {
        active,
        apps,
        review: vec![1, 2, 0, 1, 4, 0, 1, 1, 0, 2, 1, 0, 0, 1, 2],
    }
}

// ---- the reports ----------------------------------------------------------------

/// How the tables are laid out.
#[derive(Clone, Copy, PartialEq, Debug)]
pub enum Variant {
    /// The official template's merges.
    Template,
    /// `自然人` spans two grid columns (rowspan 2), values span both.
    NaturalTwo,
    /// `自然人` spans two grid columns over an empty cell; each value sits
    /// in the first of two cells, the second empty.
    NaturalTwoCells,
    /// Labels in cells of their own followed by empty label sub-columns.
    EmptyLabelColumns,
    /// `三、本年度办理结果` spans two rows too few; the rows after it have
    /// no cell in its place.
    GroupTooShort,
    /// Same, with an empty cell where the group label would be.
    GroupTooShortPadded,
    /// `三、本年度办理结果` spans one row too many (over 四、结转…).
    GroupTooLong,
    /// Table 2 split in two before `（四）无法提供`, the header only in the
    /// first part, the same grid in both.
    Split,
    /// Same, the second part on a grid of other widths.
    SplitOtherGrid,
    /// `自然人` over two cells, and one row with a number in both.
    Ambiguous,
    /// Table 2's header a table of its own, its rows the next table (a page
    /// break in Word), the same grid in both; `自然人` over two cells, each
    /// value in the first of two cells (as `NaturalTwoCells`).
    HeaderApart,
    /// Same, the rows on a grid of other widths.
    HeaderApartOtherGrid,
    /// Table 2's columns in two tables: the applicant columns in the first,
    /// `总计` in the second, with the row labels again.
    ColumnsApart,
    /// Same, the second table without row labels.
    ColumnsApartNoLabels,
    /// Same as `ColumnsApart`, the second table one row short.
    ColumnsApartMismatch,
}

pub const T2_NOTE: &str = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";

pub fn values(v: &[i64], var: Variant, row: usize) -> Vec<C> {
    let mut out: Vec<C> = Vec::new();
    for (j, x) in v.iter().enumerate() {
        if j == 0 {
            match var {
                Variant::NaturalTwo => {
                    out.push(span(&x, 2, 1));
                    continue;
                }
                Variant::NaturalTwoCells | Variant::HeaderApart | Variant::HeaderApartOtherGrid => {
                    out.push(c(&x));
                    out.push(c(&""));
                    continue;
                }
                Variant::Ambiguous => {
                    out.push(c(&x));
                    // The fourth row has a second number under 自然人.
                    out.push(c(&if row == 3 { "5" } else { "" }));
                    continue;
                }
                _ => {}
            }
        }
        out.push(c(&x));
    }
    out
}

/// A label over `n` label columns: one cell spanning them, or (empty
/// label sub-columns) a cell and `n - 1` empty cells.
pub fn label(t: &str, n: usize, var: Variant) -> Vec<C> {
    if var == Variant::EmptyLabelColumns && n > 1 {
        let mut v = vec![c(&t)];
        v.extend((1..n).map(|_| c(&"")));
        v
    } else {
        vec![span(&t, n, 1)]
    }
}

pub fn t1(f: Format, var: Variant, k: &Known) -> Grid {
    let wide = var == Variant::EmptyLabelColumns;
    let lw = if wide { 2 } else { 1 };
    let width = lw + 3;
    let mut g: Grid = Vec::new();
    let head = |cols: &[&str]| -> Vec<C> {
        let mut r = label("信息内容", lw, Variant::Template);
        for (j, t) in cols.iter().enumerate() {
            // The last header spans what is left of the grid.
            let left = 3 - j;
            r.push(span(&t, if j + 1 == cols.len() { left } else { 1 }, 1));
        }
        r
    };
    let row = |name: &str, key: &str| -> Vec<C> {
        let v = &k.active.iter().find(|(n, _)| *n == key).unwrap().1;
        let mut r = label(name, lw, var);
        for (j, x) in v.iter().enumerate() {
            let left = 3 - j;
            r.push(span(&x, if j + 1 == v.len() { left } else { 1 }, 1));
        }
        r
    };
    let caption = |t: &str| vec![span(&t, width, 1)];
    match f {
        Format::F2019 => {
            g.push(caption("第二十条第（一）项"));
            g.push(head(&[
                "本年新制作数量",
                "本年新公开数量",
                "对外公开总数量",
            ]));
            g.push(row("规章", "regulations"));
            g.push(row("规范性文件", "normative_documents"));
            g.push(caption("第二十条第（五）项"));
            g.push(head(&["上一年项目数量", "本年增/减", "处理决定数量"]));
            g.push(row("行政许可", "licensing"));
            g.push(row("其他对外管理服务事项", "other_services"));
            g.push(caption("第二十条第（六）项"));
            g.push(head(&["上一年项目数量", "本年增/减", "处理决定数量"]));
            g.push(row("行政处罚", "penalty"));
            g.push(row("行政强制", "enforcement"));
            g.push(caption("第二十条第（八）项"));
            g.push(head(&["上一年项目数量", "本年增/减"]));
            g.push(row("行政事业性收费", "fees"));
            g.push(caption("第二十条第（九）项"));
            g.push(head(&["采购项目数量", "采购总金额"]));
            g.push(row("政府集中采购", "procurement"));
        }
        Format::F2021 => {
            g.push(caption("第二十条第（一）项"));
            g.push(head(&["本年制发件数", "本年废止件数", "现行有效件数"]));
            g.push(row("规章", "regulations"));
            g.push(row("行政规范性文件", "normative_documents"));
            g.push(caption("第二十条第（五）项"));
            g.push(head(&["本年处理决定数量"]));
            g.push(row("行政许可", "licensing"));
            g.push(caption("第二十条第（六）项"));
            g.push(head(&["本年处理决定数量"]));
            g.push(row("行政处罚", "penalty"));
            g.push(row("行政强制", "enforcement"));
            g.push(caption("第二十条第（八）项"));
            g.push(head(&["本年收费金额（单位：万元）"]));
            g.push(row("行政事业性收费", "fees"));
        }
    }
    g
}

/// Table 2's rows: (group label, sub-group label, label) by row.
pub type T2Label = (
    Option<&'static str>,
    Option<(&'static str, usize)>,
    &'static str,
);

pub fn t2_labels(f: Format) -> Vec<T2Label> {
    let mut v = vec![
        (None, None, "一、本年新收政府信息公开申请数量"),
        (None, None, "二、上年结转政府信息公开申请数量"),
        (Some("三、本年度办理结果"), None, "（一）予以公开"),
        (
            None,
            None,
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        ),
    ];
    let denied = [
        "1.属于国家秘密",
        "2.其他法律行政法规禁止公开",
        "3.危及“三安全一稳定”",
        "4.保护第三方合法权益",
        "5.属于三类内部事务信息",
        "6.属于四类过程性信息",
        "7.属于行政执法案卷",
        "8.属于行政查询事项",
    ];
    let unable = [
        "1.本机关不掌握相关政府信息",
        "2.没有现成信息需要另行制作",
        "3.补正后申请内容仍不明确",
    ];
    let not_processed = [
        "1.信访举报投诉类申请",
        "2.重复申请",
        "3.要求提供公开出版物",
        "4.无正当理由大量反复申请",
        "5.要求行政机关确认或重新出具已获取信息",
    ];
    let other = [
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "3.其他",
    ];
    for (group, items) in [
        ("（三）不予公开", &denied[..]),
        ("（四）无法提供", &unable[..]),
        ("（五）不予处理", &not_processed[..]),
    ] {
        for (i, l) in items.iter().enumerate() {
            v.push((None, (i == 0).then_some((group, items.len())), *l));
        }
    }
    match f {
        Format::F2019 => v.push((None, None, "（六）其他处理")),
        Format::F2021 => {
            for (i, l) in other.iter().enumerate() {
                v.push((None, (i == 0).then_some(("（六）其他处理", 3)), *l));
            }
        }
    }
    v.push((None, None, "（七）总计"));
    v.push((None, None, "四、结转下年度继续办理"));
    v
}

/// Table 2's columns in two tables (`ColumnsApart…`): `总计` taken out of
/// the template's grid into a table of its own.
fn columns_apart(f: Format, var: Variant, k: &Known) -> Vec<Grid> {
    let mut g = t2(f, Variant::Template, k).remove(0);
    g[0][1].cs -= 1;
    g[1].pop();
    let labels = var != Variant::ColumnsApartNoLabels;
    let mut second: Grid = vec![if labels {
        vec![span(&"项目", 3, 1), c(&"总计")]
    } else {
        vec![c(&"总计")]
    }];
    for row in g.iter_mut().skip(3) {
        let total = row.pop().unwrap();
        let mut r: Vec<C> = Vec::new();
        if labels {
            r.extend(row[..row.len() - 6].iter().cloned());
        }
        r.push(total);
        second.push(r);
    }
    if var == Variant::ColumnsApartMismatch {
        second.pop();
    }
    vec![g, second]
}

/// Table 2, as one grid or (split variants) two.
pub fn t2(f: Format, var: Variant, k: &Known) -> Vec<Grid> {
    if matches!(
        var,
        Variant::ColumnsApart | Variant::ColumnsApartNoLabels | Variant::ColumnsApartMismatch
    ) {
        return columns_apart(f, var, k);
    }
    let nat = matches!(
        var,
        Variant::NaturalTwo
            | Variant::NaturalTwoCells
            | Variant::Ambiguous
            | Variant::HeaderApart
            | Variant::HeaderApartOtherGrid
    );
    let nat_cols = if nat { 2 } else { 1 };
    let mut g: Grid = vec![
        vec![span(&T2_NOTE, 3, 3), span(&"申请人情况", 6 + nat_cols, 1)],
        if var == Variant::NaturalTwo || var == Variant::Template || !nat {
            vec![
                span(&"自然人", nat_cols, 2),
                span(&"法人或其他组织", 5, 1),
                span(&"总计", 1, 2),
            ]
        } else {
            vec![
                span(&"自然人", 2, 1),
                span(&"法人或其他组织", 5, 1),
                span(&"总计", 1, 2),
            ]
        },
        Vec::new(),
    ];
    if nat && var != Variant::NaturalTwo {
        g[2].push(span(&"", 2, 1));
    }
    g[2].extend(
        [
            "商业企业",
            "科研机构",
            "社会公益组织",
            "法律服务机构",
            "其他",
        ]
        .iter()
        .map(c),
    );
    let labels = t2_labels(f);
    let group_rows = labels.len() - 3; // 三、 covers all but 一、 二、 四、
    let mut parts = Vec::new();
    let split_at = labels
        .iter()
        .position(|l| l.1.is_some_and(|(g, _)| g == "（四）无法提供"))
        .unwrap();
    let split = matches!(var, Variant::Split | Variant::SplitOtherGrid);
    let apart = matches!(var, Variant::HeaderApart | Variant::HeaderApartOtherGrid);
    for (i, (group, sub, name)) in labels.iter().enumerate() {
        if apart && i == 0 {
            parts.push(std::mem::take(&mut g));
        }
        if split && i == split_at {
            parts.push(std::mem::take(&mut g));
            // The group label goes on as an empty merged cell.
            g.push(vec![span(&"", 1, labels.len() - 1 - i)]);
        }
        let mut r: Vec<C> = Vec::new();
        let in_group = (2..2 + group_rows).contains(&i);
        if let Some(t) = group {
            let rows = match var {
                Variant::GroupTooShort | Variant::GroupTooShortPadded => group_rows - 2,
                Variant::GroupTooLong => group_rows + 1,
                _ if split => split_at - 2,
                _ => group_rows,
            };
            r.push(span(t, 1, rows));
        } else if in_group && var == Variant::GroupTooShortPadded && i >= group_rows {
            r.push(c(&""));
        }
        let sub_covered = labels[..i]
            .iter()
            .enumerate()
            .any(|(j, l)| l.1.is_some_and(|(_, n)| j < i && i < j + n));
        if let Some((t, n)) = sub {
            r.push(span(t, 1, *n));
            r.push(c(name));
        } else if sub_covered {
            r.push(c(name));
        } else if in_group {
            r.extend(label(name, 2, var));
        } else {
            r.extend(label(name, 3, var));
        }
        r.extend(values(&k.apps[i].1, var, i));
        if split && i == split_at {
            // After the merged group cell.
            let first = g.last_mut().unwrap();
            first.extend(r);
        } else {
            g.push(r);
        }
    }
    parts.push(g);
    parts
}

pub fn t3(k: &Known) -> Grid {
    let mut g: Grid = vec![
        vec![span(&"行政复议", 5, 1), span(&"行政诉讼", 10, 1)],
        Vec::new(),
        Vec::new(),
    ];
    for t in ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] {
        g[1].push(span(&t, 1, 2));
    }
    g[1].push(span(&"未经复议直接起诉", 5, 1));
    g[1].push(span(&"复议后起诉", 5, 1));
    for _ in 0..2 {
        for t in ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] {
            g[2].push(c(&t));
        }
    }
    g.push(k.review.iter().map(c).collect());
    g
}

pub fn report(f: Format, var: Variant) -> (Vec<Part>, Known) {
    let k = known(f);
    let year = if f == Format::F2019 { 2020 } else { 2022 };
    let p = |s: String| Part::P(s);
    let mut parts = vec![
        p(format!("示例县教育局{year}年政府信息公开工作年度报告")),
        p(format!(
            "本报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"
        )),
        p("一、总体情况".into()),
        p(format!(
            "{year}年，示例县教育局做好学校招生、经费使用等信息的主动公开。"
        )),
        p("二、主动公开政府信息情况".into()),
        Part::T(t1(f, var, &k), 900),
        p("三、收到和处理政府信息公开申请情况".into()),
    ];
    for (i, g) in t2(f, var, &k).into_iter().enumerate() {
        let other = matches!(var, Variant::SplitOtherGrid | Variant::HeaderApartOtherGrid);
        let w = if i > 0 && other { 1200 } else { 900 };
        parts.push(Part::T(g, w));
    }
    parts.extend([
        p("四、政府信息公开行政复议、行政诉讼情况".into()),
        Part::T(t3(&k), 600),
        p("五、存在的主要问题及改进情况".into()),
        p("个别栏目更新不够及时。下一年将加强信息发布审核。".into()),
        p("六、其他需要报告的事项".into()),
        p("本年度未收取信息处理费。".into()),
        p("示例县教育局".into()),
        p(format!("{}年1月20日", year + 1)),
    ]);
    (parts, k)
}

// ---- writing the documents -------------------------------------------------------

pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

pub fn html(parts: &[Part]) -> String {
    let mut x = String::from("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>\n");
    for part in parts {
        match part {
            Part::P(t) => writeln!(x, "<p>{}</p>", esc(t)).unwrap(),
            Part::T(g, _) => {
                x.push_str("<table border=\"1\">\n");
                for row in g {
                    x.push_str("<tr>");
                    for cell in row {
                        let mut attrs = String::new();
                        if cell.cs > 1 {
                            write!(attrs, " colspan=\"{}\"", cell.cs).unwrap();
                        }
                        if cell.rs > 1 {
                            write!(attrs, " rowspan=\"{}\"", cell.rs).unwrap();
                        }
                        let t = if cell.text.is_empty() {
                            "&nbsp;".to_string()
                        } else {
                            esc(&cell.text)
                        };
                        write!(x, "<td{attrs}>{t}</td>").unwrap();
                    }
                    x.push_str("</tr>\n");
                }
                x.push_str("</table>\n");
            }
        }
    }
    x.push_str("</body></html>\n");
    x
}

/// Where each cell sits in the grid (as a browser places it).
pub fn placed(g: &Grid) -> Vec<Vec<(usize, usize)>> {
    let mut taken: Vec<Vec<bool>> = vec![Vec::new(); g.len()];
    let mut out = Vec::new();
    for (r, row) in g.iter().enumerate() {
        let mut col = 0;
        let mut at = Vec::new();
        for (k, cell) in row.iter().enumerate() {
            while taken[r].get(col).copied().unwrap_or(false) {
                col += 1;
            }
            at.push((col, k));
            let end = (r + cell.rs).min(g.len());
            for below in &mut taken[r..end] {
                if below.len() < col + cell.cs {
                    below.resize(col + cell.cs, false);
                }
                for t in &mut below[col..col + cell.cs] {
                    *t = true;
                }
            }
            col += cell.cs;
        }
        out.push(at);
    }
    out
}

pub fn w_p(t: &str) -> String {
    if t.is_empty() {
        return "<w:p/>".into();
    }
    format!(
        "<w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
        esc(t)
    )
}

pub fn w_tbl(g: &Grid, width: u32) -> String {
    let pos = placed(g);
    let ncols = pos
        .iter()
        .zip(g)
        .flat_map(|(p, row)| p.iter().map(move |&(col, k)| col + row[k].cs))
        .max()
        .unwrap_or(0);
    let mut x = String::from("<w:tbl><w:tblPr/><w:tblGrid>");
    for _ in 0..ncols {
        write!(x, "<w:gridCol w:w=\"{width}\"/>").unwrap();
    }
    x.push_str("</w:tblGrid>");
    for r in 0..g.len() {
        // Anchors of this row, and cells from above continued here.
        let mut tcs: Vec<(usize, String)> = Vec::new();
        for &(col, k) in &pos[r] {
            let cell = &g[r][k];
            let merge = if cell.rs > 1 {
                "<w:vMerge w:val=\"restart\"/>"
            } else {
                ""
            };
            tcs.push((col, tc(cell.cs, merge, &cell.text)));
        }
        for (rr, prow) in pos.iter().enumerate().take(r) {
            for &(col, k) in prow {
                let cell = &g[rr][k];
                if rr + cell.rs > r {
                    tcs.push((col, tc(cell.cs, "<w:vMerge/>", "")));
                }
            }
        }
        tcs.sort_by_key(|t| t.0);
        x.push_str("<w:tr>");
        for (_, t) in tcs {
            x.push_str(&t);
        }
        x.push_str("</w:tr>");
    }
    x.push_str("</w:tbl>");
    x
}

pub fn tc(cs: usize, merge: &str, text: &str) -> String {
    let span = if cs > 1 {
        format!("<w:gridSpan w:val=\"{cs}\"/>")
    } else {
        String::new()
    };
    format!("<w:tc><w:tcPr>{span}{merge}</w:tcPr>{}</w:tc>", w_p(text))
}

pub fn docx(parts: &[Part]) -> Vec<u8> {
    let mut body = String::new();
    for part in parts {
        match part {
            Part::P(t) => body.push_str(&w_p(t)),
            Part::T(g, w) => {
                body.push_str(&w_tbl(g, *w));
                // Tables follow each other as after a page break.
                body.push_str("<w:p/>");
            }
        }
    }
    docx_body(&body)
}

/// A Word document of the body's XML.
pub fn docx_body(body: &str) -> Vec<u8> {
    let doc = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>"
    );
    let types = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;
    let rels = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, data) in [
            ("[Content_Types].xml", types.as_bytes()),
            ("_rels/.rels", rels.as_bytes()),
            ("word/document.xml", doc.as_bytes()),
        ] {
            z.start_file(name, opts).unwrap();
            z.write_all(data).unwrap();
        }
        z.finish().unwrap();
    }
    buf.into_inner()
}
