//! The prose: plans for the report year in section 五, and the numbers
//! section 一 states about applications and reconsiderations.

use super::sink::Sink;
use super::table2::t2_value;
use super::{Code, Context};
use crate::model::{CellRef, TableId};
use crate::pattern::Regex;
use crate::pattern::{compile, digit, not_digit, space};
use crate::range::ByteRange;
use crate::template::{table2, table3, Row};
use crate::text::{contains, find, fold};
use crate::value::Val;
use std::sync::LazyLock;

/// DOC-NARR: what section 一 says against tables 2 and 3.
pub(super) fn check(cx: &Context, f: &mut Sink) {
    let (text, lines, st) = (cx.text, cx.lines, cx.doc);
    let (t2, t3) = (&cx.tables.applications, &cx.tables.review);
    // DOC-NARR.
    if let Some(one) = st.region(1, lines.len()) {
        let new_total = t2
            .as_ref()
            .and_then(|t| t2_value(t, Row::New, table2::TOTAL_COLUMN))
            .map(|v| v.0);
        let old_total = t2
            .as_ref()
            .and_then(|t| t2_value(t, Row::CarriedOver, table2::TOTAL_COLUMN))
            .map(|v| v.0);
        let reviews = t3
            .as_ref()
            .filter(|t| t.cells.len() == table3::CELLS && !t.all_blank && !t.unplaced)
            .and_then(|t| match t.cells[table3::REVIEW_TOTAL].parsed.val {
                Val::Int(v) => Some(v),
                Val::Blank => Some(0),
                _ => None,
            });
        let t2_blank = t2
            .as_ref()
            .is_some_and(|t| t.rows.iter().all(|r| r.all_blank));
        for l in one.of(lines) {
            let s = l.range().of(text);
            for c in narrative_claims(s) {
                match c.kind {
                    Claim::Applications if !t2_blank => {
                        let Some(n) = new_total else { continue };
                        let both = n + old_total.unwrap_or(0);
                        if c.value != n && c.value != both {
                            narr_finding(f, &c, l.start, n);
                        }
                    }
                    Claim::Review => {
                        let Some(n) = reviews else { continue };
                        if c.value != n {
                            narr_finding(f, &c, l.start, n);
                        }
                    }
                    Claim::Applications => {}
                }
            }
        }
    }
}

/// DOC-NARR: a number claimed in a line starting at byte `line_start` is
/// not the table's `total`.
fn narr_finding(f: &mut Sink, c: &NarrClaim, line_start: usize, total: i64) {
    let (message, cell) = match c.kind {
        Claim::Applications => (
            format!(
                "正文说收到政府信息公开申请{}件，但表二「本年新收政府信息公开申请数量」总计为 {total}",
                c.value
            ),
            CellRef {
                table: TableId::Applications,
                row: Some(Row::New.key()),
                column: table2::TOTAL_COLUMN,
            },
        ),
        Claim::Review => (
            format!("正文说行政复议{}件，但表三行政复议总计为 {total}", c.value),
            CellRef {
                table: TableId::Review,
                row: None,
                column: table3::REVIEW_TOTAL,
            },
        ),
    };
    f.add(Code::DocNarr, message)
        .at(c.at.shift(line_start))
        .cell(cell)
        .values(Some(total), Some(c.value));
}

/// `2020年，我局将进一步…` in a 2020 report's section 五: the byte range of the
/// phrase.
pub(super) fn plan_for_year(line: &str, y: i32) -> Option<ByteRange> {
    // What a plan is said with (no one of these is part of another, so the
    // leftmost is also the one that ends first).
    static MARKS: LazyLock<Regex> = LazyLock::new(|| {
        compile(concat!(
            "将(?:",
            "进一步|继续|更加|持续|不断|加强|着力|努力|",
            "认真|全面|切实|深入|严格|重点|从|围绕|",
            "按照|坚持|积极|加大|强化|完善|推进|做好",
            ")|计划|拟|力争|打算"
        ))
    });
    let ys = format!("{y}");
    let mut from = 0;
    while let Some(p) = find(&line[from..], &ys) {
        let p = from + p;
        from = p + ys.len();
        let rest = &line[from..];
        let rest = rest.trim_start_matches(crate::text::is_space);
        if !rest.starts_with('年') {
            continue;
        }
        if line[..p].ends_with("截至") || line[..p].ends_with("截止") || line[..p].ends_with("自")
        {
            continue;
        }
        // The clause after the year, up to 16 characters.
        let clause: String = rest
            .chars()
            .take_while(|c| !matches!(c, '。' | '；' | ';' | '！' | '？'))
            .take(16)
            .collect();
        if let Some(m) = MARKS.find(&clause) {
            let end = line.len() - rest.len() + m.end().min(rest.len());
            return Some(ByteRange::new(p, end));
        }
    }
    None
}

#[derive(Debug, PartialEq)]
pub(crate) enum Claim {
    Applications,
    Review,
}

pub(crate) struct NarrClaim {
    pub kind: Claim,
    pub value: i64,
    /// Where the claim is, within the line.
    pub at: ByteRange,
}

/// Statements in section 一 about how many applications or reconsiderations
/// there were.
pub(crate) fn narrative_claims(line: &str) -> Vec<NarrClaim> {
    let mut out = Vec::new();
    // Most lines say nothing of applications or reconsideration.
    if !line.contains("申请") && !line.contains("复议") {
        return out;
    }
    for (cs, clause) in clauses(line) {
        // The key words are ideographs, which folding leaves alone.
        let k = clause;
        if !contains(k, "申请") && !contains(k, "复议") {
            continue;
        }
        let apps = contains(k, "申请")
            && (contains(k, "公开") || contains(k, "信息"))
            && !contains(k, "许可")
            && !contains(k, "复议")
            && !contains(k, "诉讼");
        let neg = [
            "未收到",
            "没有收到",
            "未接到",
            "没有接到",
            "未受理",
            "无依申请",
        ]
        .iter()
        .find_map(|n| find(clause, n));
        if apps {
            if let Some(p) = neg {
                if contains(&clause[p..], "申请") {
                    out.push(NarrClaim {
                        kind: Claim::Applications,
                        value: 0,
                        at: ByteRange::new(cs + p, cs + clause.len()),
                    });
                    continue;
                }
            }
            let verb = ["收到", "受理", "接到", "新收"]
                .iter()
                .find_map(|v| find(clause, v));
            if let Some(v) = verb {
                if let Some((n, at)) = number_with_unit(&clause[v..]) {
                    out.push(NarrClaim {
                        kind: Claim::Applications,
                        value: n,
                        at: at.shift(cs + v),
                    });
                }
            }
        } else if contains(k, "行政复议") && !contains(k, "诉讼") {
            let neg = ["未发生", "没有发生", "未收到", "没有收到", "无"]
                .iter()
                .find_map(|n| find(clause, n));
            let p = find(clause, "行政复议").unwrap_or(0);
            if neg.is_some_and(|n| n < p) {
                out.push(NarrClaim {
                    kind: Claim::Review,
                    value: 0,
                    at: ByteRange::new(cs + neg.unwrap_or(0), cs + clause.len()),
                });
            } else if let Some((n, at)) = number_with_unit(&clause[p..]) {
                out.push(NarrClaim {
                    kind: Claim::Review,
                    value: n,
                    at: at.shift(cs + p),
                });
            }
        }
    }
    out
}

/// Clauses of a line, split at Chinese sentence and clause punctuation.
/// (A character loop: on long lines it is several times faster than a
/// pattern, and no less clear.)
fn clauses(line: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut s = 0;
    for (i, c) in line.char_indices() {
        if matches!(c, '。' | '；' | ';' | '，' | ',' | '！' | '？' | '：') {
            if i > s {
                out.push((s, &line[s..i]));
            }
            s = i + c.len_utf8();
        }
    }
    if s < line.len() {
        out.push((s, &line[s..]));
    }
    out
}

/// The first `N件` (also 个, 条, 起, 宗, 次, 份) in a clause: value and byte
/// range. A number of more than nine digits is no count.
fn number_with_unit(s: &str) -> Option<(i64, ByteRange)> {
    static COUNT: LazyLock<Regex> = LazyLock::new(|| {
        compile(concat!(
            "(?:^|",
            not_digit!(),
            ")(?P<n>",
            digit!(),
            "{1,9})",
            space!(),
            "*[件个条起宗次份]"
        ))
    });
    if !s.contains(['件', '个', '条', '起', '宗', '次', '份']) {
        return None;
    }
    let c = COUNT.captures(s)?;
    let (n, whole) = (c.name("n")?, c.get(0)?);
    let v = n
        .as_str()
        .chars()
        .try_fold(0i64, |v, d| Some(v * 10 + i64::from(fold(d).to_digit(10)?)))?;
    Some((v, ByteRange::new(n.start(), whole.end())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plans() {
        assert!(plan_for_year("3.整改措施：2020年，我局将更加严格按照要求", 2020).is_some());
        assert!(plan_for_year(
            "2020年，我局在政府信息公开方面的各项工作均稳步有序开展",
            2020
        )
        .is_none());
        assert!(plan_for_year("2021年，我局将进一步加强", 2020).is_none());
    }

    #[test]
    fn claims() {
        let c = narrative_claims("本年度，通过当面申请受理依申请公开15件，均已当场答复。");
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].value, 15);
        let c = narrative_claims("2021年度，我局未接到政府信息公开申请");
        assert_eq!(c[0].value, 0);
        let c = narrative_claims("全年办理行政许可申请588件");
        assert!(c.is_empty());
    }
}
