//! The document as a whole: sections, the tables' presence, the format
//! against the year, the year, the signature date and the fee statement.

use super::cells::preview;
use super::sink::Sink;
use super::{narrative, Code, Context};
use crate::doc::Date;
use crate::model::{Severity, Template};
use crate::template::{sections, Format};

/// A text that is no report, or a report of 2018 or earlier, is checked no
/// further: true when one of them was reported.
pub(super) fn gate(cx: &Context, f: &mut Sink) -> bool {
    let (text, st, read) = (cx.text, cx.doc, cx.tables);
    let not_report = st.headings.is_empty()
        && read.active.is_none()
        && read.applications.is_none()
        && read.review.is_none();
    if not_report {
        let msg = if crate::text::trim(text).is_empty() {
            "文本为空：请粘贴或选择一份政府信息公开工作年度报告".to_string()
        } else {
            "未找到年度报告的章节标题（一、总体情况 … 六、其他需要报告的事项）和统计表，文本可能不是年度报告，或只粘贴了一部分"
                .to_string()
        };
        f.add(Code::DocNotReport, msg);
        return true;
    }
    if read.template == Template::Pre2019 {
        let y = st.year.unwrap_or(2018);
        let d = f.add(
            Code::DocPre2019,
            format!("这是{y}年度的报告：2019年以前的年度报告格式完全不同，统计表未核对"),
        );
        if let Some(sp) = st.year_span {
            d.at(sp);
        }
        return true;
    }
    false
}

/// DOC-TABLES: a table missing, or missing rows.
pub(super) fn incomplete(f: &mut Sink, message: String, span: Option<(usize, usize)>) {
    let d = f.add(Code::DocTables, message);
    if let Some(s) = span {
        d.at(s);
    }
}

/// Sections, tables present, format against year, year, date, fee.
pub(super) fn check(cx: &Context, f: &mut Sink) {
    let (text, lines, st, template) = (cx.text, cx.lines, cx.doc, cx.tables.template);
    let (t1, t2, t3) = (
        &cx.tables.active,
        &cx.tables.applications,
        &cx.tables.review,
    );
    // DOC-SECTIONS.
    for n in 1..=6u8 {
        if st.heading(n).is_none() {
            f.add(
                Code::DocSections,
                format!("缺少第{n}部分「{}」", sections::name(n)),
            );
        }
    }
    for w in st.headings.windows(2) {
        if w[1].number < w[0].number {
            f.add(
                Code::DocSections,
                format!(
                    "章节顺序不对：「{}」出现在「{}」之后",
                    sections::name(w[1].number),
                    sections::name(w[0].number)
                ),
            )
            .at((w[1].start, w[1].end));
        }
    }
    // TABLE-NONE and DOC-TABLES (missing tables).
    for (n, name, found) in [
        (2u8, "表一", t1.is_some()),
        (3, "表二", t2.is_some()),
        (4, "表三", t3.is_some()),
    ] {
        let h = st.heading(n);
        if let Some(h) = h {
            if h.none {
                f.add(
                    Code::TableNone,
                    format!(
                        "「{}」标题注明（无），但模板要求照常列出{name}，没有发生的事项填 0",
                        h.title
                    ),
                )
                .at((h.start, h.end));
            }
        }
        if !found {
            incomplete(
                f,
                format!("未找到{name}：表格可能是图片、被粘贴丢失，或标签与模板相差太多无法识别"),
                h.map(|h| (h.start, h.end)),
            );
        }
    }
    // DOC-VERSION.
    let blocks_2019: Vec<&str> = t1
        .as_ref()
        .map(|t| {
            ["（一）", "（五）", "（六）", "（八）", "（九）"]
                .iter()
                .zip(t.blocks.iter())
                .filter(|(_, v)| **v == Some(Format::F2019))
                .map(|(n, _)| *n)
                .collect()
        })
        .unwrap_or_default();
    let anchor = t1
        .as_ref()
        .map(|t| t.anchor)
        .or(t2.as_ref().map(|t| t.anchor));
    if let Some(y) = st.year {
        let d = match template {
            Template::F2019 if y >= 2021 => Some((
                format!("{y}年度报告应使用2021年新格式（国办公开办函〔2021〕30号），但统计表仍是2019年试行格式"),
                Severity::Error,
            )),
            Template::Hybrid if y >= 2021 => Some((
                format!(
                    "{y}年度报告混用了新旧格式：表一第二十条{}项等仍是2019年试行格式，应全部改用2021年格式",
                    blocks_2019.join("")
                ),
                Severity::Error,
            )),
            Template::Hybrid => Some(("统计表混用了2019年试行格式和2021年格式".to_string(), Severity::Warning)),
            Template::F2021 if y <= 2020 => Some((
                format!("{y}年度报告使用了2021年才发布的新格式；请核对标题中的年度"),
                Severity::Warning,
            )),
            _ => None,
        };
        if let Some((msg, sev)) = d {
            let d = f.add(Code::DocVersion, msg);
            d.severity(sev);
            if let Some(a) = anchor {
                d.at(a);
            }
        }
    } else if template == Template::Hybrid {
        let d = f.add(
            Code::DocVersion,
            "统计表混用了2019年试行格式和2021年格式".to_string(),
        );
        d.severity(Severity::Warning);
        if let Some(a) = anchor {
            d.at(a);
        }
    }
    // DOC-YEAR: title vs statistical period.
    if let (Some(y), Some((a, b, s, e))) = (st.year, st.period) {
        if a.y != y || b.y != y {
            f.add(
                Code::DocYear,
                format!("标题年度为{y}年，但统计期限写的是{}至{}", a.iso(), b.iso()),
            )
            .at((s, e))
            .values(Some(y as i64), Some(a.y as i64));
        } else if (a.m, a.d, b.m, b.d) != (1, 1, 12, 31) {
            f.add(
                Code::DocYear,
                format!(
                    "统计期限{}至{}不是完整的{y}年度（应为1月1日至12月31日）",
                    a.iso(),
                    b.iso()
                ),
            )
            .at((s, e));
        }
    }
    // DOC-YEAR: plans in 五 for the report year itself.
    if let (Some(y), Some((from, to))) = (st.year, st.region(5, lines.len())) {
        for l in &lines[from..to] {
            let s = &text[l.start..l.end];
            if let Some((p, q)) = narrative::plan_for_year(s, y) {
                f.add(
                    Code::DocYear,
                    format!("第五部分把{y}年作为今后的改进计划（“{}”），{y}年度报告的改进措施应针对{}年；可能沿用了上一年的报告", preview(&s[p..q]), y + 1),
                )
                .at((l.start + p, l.start + q))
                .values(Some(y as i64 + 1), Some(y as i64));
            }
        }
    }
    // DOC-DATE.
    if let (Some(y), Some(d)) = (st.year, st.date) {
        let agency = st.agency.as_deref().unwrap_or("");
        let government = agency.contains("人民政府");
        let township = agency.contains(['镇', '乡']) || agency.contains("街道");
        let deadline = if township {
            None
        } else if government || agency.is_empty() {
            Some(Date {
                y: y + 1,
                m: 3,
                d: 31,
            })
        } else {
            Some(Date {
                y: y + 1,
                m: 1,
                d: 31,
            })
        };
        if d.date <= (Date { y, m: 12, d: 31 }) {
            f.add(
                Code::DocDate,
                format!(
                    "落款日期{}不晚于统计年度结束（{y}年12月31日），年度报告应在年度结束后发布",
                    d.date.iso()
                ),
            )
            .at((d.start, d.end));
        } else if let Some(dl) = deadline.filter(|dl| d.date > *dl) {
            let who = if government || agency.is_empty() {
                "县级以上人民政府"
            } else {
                "政府部门"
            };
            f.add(
                Code::DocDate,
                format!(
                    "落款日期{}晚于{who}年度报告的发布期限{}（《条例》第四十九条）",
                    d.date.iso(),
                    dl.iso()
                ),
            )
            .at((d.start, d.end));
        }
    }
    // DOC-FEE.
    if st.year.is_some_and(|y| y >= 2021) {
        let in6 = st.region(6, lines.len()).map(|(a, b)| {
            lines[a..b]
                .iter()
                .any(|l| crate::text::key(&text[l.start..l.end]).contains("处理费"))
        });
        let anywhere = text.contains("信息处理费");
        if in6 != Some(true) {
            let msg = if anywhere {
                "信息处理费的收取情况应在第六部分「其他需要报告的事项」中说明（没有收取也应写明）"
            } else {
                "未说明信息处理费的收取情况；2021年起应在第六部分说明，没有收取也应写明“未收取信息处理费”"
            };
            let d = f.add(Code::DocFee, msg.to_string());
            if let Some(h) = st.heading(6) {
                d.at((h.start, h.end));
            }
        }
    }
}
