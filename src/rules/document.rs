//! The document as a whole: sections, the tables' presence, the format
//! against the year, the year, the signature date and the fee statement.

use super::cells::preview;
use super::sink::Sink;
use super::{narrative, Code, Context};
use crate::doc::{Date, DateHit, Heading};
use crate::model::{Severity, Template};
use crate::range::ByteRange;
use crate::template::{sections, Format};

/// A text that is no report, or a report of 2018 or earlier, is checked no
/// further: true when one of them was reported.
pub(super) fn gate(cx: &Context, f: &mut Sink) -> bool {
    let (text, st, read) = (cx.text, cx.doc, cx.tables);
    let not_report = st.headings.is_empty()
        && read.active.is_none()
        && read.applications.is_none()
        && read.review.is_none()
        // (A report of 2018 or earlier crawled onto one line: its title, no
        // heading of the present sections.)
        && !(read.template == Template::Pre2019 && st.title_line.is_some());
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
pub(super) fn incomplete(f: &mut Sink, message: String, span: Option<ByteRange>) {
    let d = f.add(Code::DocTables, message);
    if let Some(s) = span {
        d.at(s);
    }
}

/// Sections, tables present, format against year, year, date, fee.
pub(super) fn check(cx: &Context, f: &mut Sink) {
    sections_order(cx, f);
    tables_present(cx, f);
    version(cx, f);
    year(cx, f);
    signature_date(cx, f);
    fee(cx, f);
}

/// DOC-SECTIONS: the six sections, present and in order.
fn sections_order(cx: &Context, f: &mut Sink) {
    let st = cx.doc;
    for n in 1..=6u8 {
        if st.heading(n).is_none() {
            sections_finding(f, SectionsCase::Missing(n));
        }
    }
    for w in st.headings.windows(2) {
        if w[1].number < w[0].number {
            sections_finding(
                f,
                SectionsCase::OutOfOrder {
                    later: &w[1],
                    earlier: &w[0],
                },
            );
        }
    }
}

/// TABLE-NONE and DOC-TABLES (missing tables).
fn tables_present(cx: &Context, f: &mut Sink) {
    let st = cx.doc;
    let (t1, t2, t3) = (
        &cx.tables.active,
        &cx.tables.applications,
        &cx.tables.review,
    );
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
                .at(h.range());
            }
        }
        if !found {
            incomplete(
                f,
                format!("未找到{name}：表格可能是图片、被粘贴丢失，或标签与模板相差太多无法识别"),
                h.map(super::super::doc::Heading::range),
            );
        }
    }
}

/// DOC-VERSION: the tables' format against the year.
fn version(cx: &Context, f: &mut Sink) {
    let (st, template) = (cx.doc, cx.tables.template);
    let (t1, t2) = (&cx.tables.active, &cx.tables.applications);
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
    let d = match (st.year, template) {
        (Some(y), Template::F2019) if y >= 2021 => Some((
            format!("{y}年度报告应使用2021年新格式（国办公开办函〔2021〕30号），但统计表仍是2019年试行格式"),
            Severity::Error,
        )),
        (Some(y), Template::Hybrid) if y >= 2021 => Some((
            format!(
                "{y}年度报告混用了新旧格式：表一第二十条{}项等仍是2019年试行格式，应全部改用2021年格式",
                blocks_2019.join("")
            ),
            Severity::Error,
        )),
        (_, Template::Hybrid) => Some(("统计表混用了2019年试行格式和2021年格式".to_string(), Severity::Warning)),
        (Some(y), Template::F2021) if y <= 2020 => Some((
            format!("{y}年度报告使用了2021年才发布的新格式；请核对标题中的年度"),
            Severity::Warning,
        )),
        _ => None,
    };
    if let Some((message, severity)) = d {
        version_finding(f, message, severity, anchor);
    }
}

/// DOC-YEAR: the title's year against the statistical period, and plans in
/// section 5 for the report year itself.
fn year(cx: &Context, f: &mut Sink) {
    let (text, lines, st) = (cx.text, cx.lines, cx.doc);
    if let (Some(y), Some((from, to, at))) = (st.year, st.period) {
        if from.y != y || to.y != y {
            year_finding(f, YearCase::PeriodOtherYear { y, from, to, at });
        } else if (from.m, from.d, to.m, to.d) != (1, 1, 12, 31) {
            year_finding(f, YearCase::PeriodNotWhole { y, from, to, at });
        }
    }
    if let (Some(y), Some(five)) = (st.year, st.region(5, lines.len())) {
        for l in five.of(lines) {
            let s = l.range().of(text);
            if let Some(p) = narrative::plan_for_year(s, y) {
                year_finding(
                    f,
                    YearCase::PlanForYear {
                        y,
                        phrase: p.of(s),
                        at: p.shift(l.start),
                    },
                );
            }
        }
    }
}

/// DOC-DATE: the signature date against the year and the deadline.
fn signature_date(cx: &Context, f: &mut Sink) {
    let st = cx.doc;
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
            date_finding(f, DateCase::NotAfterYear { y, signed: d });
        } else if let Some(deadline) = deadline.filter(|dl| d.date > *dl) {
            let who = if government || agency.is_empty() {
                "县级以上人民政府"
            } else {
                "政府部门"
            };
            date_finding(
                f,
                DateCase::Late {
                    signed: d,
                    deadline,
                    who,
                },
            );
        }
    }
}

/// DOC-FEE: the information processing fee stated in section 6.
fn fee(cx: &Context, f: &mut Sink) {
    let (text, lines, st) = (cx.text, cx.lines, cx.doc);
    if st.year.is_some_and(|y| y >= 2021) {
        let in6 = st.region(6, lines.len()).map(|six| {
            six.of(lines)
                .iter()
                .any(|l| crate::text::key(l.range().of(text)).contains("处理费"))
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
                d.at(h.range());
            }
        }
    }
}

/// DOC-SECTIONS: what is wrong with the sections.
#[derive(Clone, Copy)]
enum SectionsCase<'a> {
    /// Section `n` (1–6) is not found.
    Missing(u8),
    /// A heading comes after one with a higher number.
    OutOfOrder {
        later: &'a Heading,
        earlier: &'a Heading,
    },
}

fn sections_finding(f: &mut Sink, case: SectionsCase) {
    let (message, at) = match case {
        SectionsCase::Missing(n) => (format!("缺少第{n}部分「{}」", sections::name(n)), None),
        SectionsCase::OutOfOrder { later, earlier } => (
            format!(
                "章节顺序不对：「{}」出现在「{}」之后",
                sections::name(later.number),
                sections::name(earlier.number)
            ),
            Some(later.range()),
        ),
    };
    let d = f.add(Code::DocSections, message);
    if let Some(at) = at {
        d.at(at);
    }
}

/// DOC-VERSION: the tables' format does not fit the year.
fn version_finding(f: &mut Sink, message: String, severity: Severity, anchor: Option<ByteRange>) {
    let d = f.add(Code::DocVersion, message);
    d.severity(severity);
    if let Some(a) = anchor {
        d.at(a);
    }
}

/// DOC-YEAR: what does not fit the report's year.
#[derive(Clone, Copy)]
enum YearCase<'a> {
    /// The statistical period lies (partly) in another year.
    PeriodOtherYear {
        y: i32,
        from: Date,
        to: Date,
        at: ByteRange,
    },
    /// The statistical period is not the whole year.
    PeriodNotWhole {
        y: i32,
        from: Date,
        to: Date,
        at: ByteRange,
    },
    /// Section 五 plans improvements for the report year itself.
    PlanForYear {
        y: i32,
        phrase: &'a str,
        at: ByteRange,
    },
}

fn year_finding(f: &mut Sink, case: YearCase) {
    let (message, at, values) = match case {
        YearCase::PeriodOtherYear { y, from, to, at } => (
            format!("标题年度为{y}年，但统计期限写的是{}至{}", from.iso(), to.iso()),
            at,
            Some((i64::from(y), i64::from(from.y))),
        ),
        YearCase::PeriodNotWhole { y, from, to, at } => (
            format!(
                "统计期限{}至{}不是完整的{y}年度（应为1月1日至12月31日）",
                from.iso(),
                to.iso()
            ),
            at,
            None,
        ),
        YearCase::PlanForYear { y, phrase, at } => (
            format!("第五部分把{y}年作为今后的改进计划（“{}”），{y}年度报告的改进措施应针对{}年；可能沿用了上一年的报告", preview(phrase), y + 1),
            at,
            Some((i64::from(y) + 1, i64::from(y))),
        ),
    };
    let d = f.add(Code::DocYear, message);
    d.at(at);
    if let Some((expected, actual)) = values {
        d.values(Some(expected), Some(actual));
    }
}

/// DOC-DATE: the signature date against the year and the deadline.
#[derive(Clone, Copy)]
enum DateCase {
    /// Signed before the year ended.
    NotAfterYear { y: i32, signed: DateHit },
    /// Signed after the deadline for `who`.
    Late {
        signed: DateHit,
        deadline: Date,
        who: &'static str,
    },
}

fn date_finding(f: &mut Sink, case: DateCase) {
    let (message, at) = match case {
        DateCase::NotAfterYear { y, signed } => (
            format!(
                "落款日期{}不晚于统计年度结束（{y}年12月31日），年度报告应在年度结束后发布",
                signed.date.iso()
            ),
            signed.range(),
        ),
        DateCase::Late {
            signed,
            deadline,
            who,
        } => (
            format!(
                "落款日期{}晚于{who}年度报告的发布期限{}（《条例》第四十九条）",
                signed.date.iso(),
                deadline.iso()
            ),
            signed.range(),
        ),
    };
    f.add(Code::DocDate, message).at(at);
}
