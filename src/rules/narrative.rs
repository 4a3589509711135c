//! The prose: plans for the report year in section 五, and the numbers
//! section 一 states about applications and reconsiderations.

use super::sink::Sink;
use super::table2::t2_value;
use super::{Code, Context};
use crate::model::{CellRef, TableId};
use crate::range::ByteRange;
use crate::template::{table2, table3, Row};
use crate::text::{contains, find, fold};
use crate::value::Val;

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
            .filter(|t| t.cells.len() == table3::CELLS && !t.all_blank)
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
    const MARKS: &[&str] = &[
        "将进一步",
        "将继续",
        "将更加",
        "将持续",
        "将不断",
        "将加强",
        "将着力",
        "将努力",
        "将认真",
        "将全面",
        "将切实",
        "将深入",
        "将严格",
        "将重点",
        "将从",
        "将围绕",
        "将按照",
        "将坚持",
        "将积极",
        "将加大",
        "将强化",
        "将完善",
        "将推进",
        "将做好",
        "计划",
        "拟",
        "力争",
        "打算",
    ];
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
        if let Some(m) = MARKS
            .iter()
            .filter_map(|m| find(&clause, m).map(|i| i + m.len()))
            .min()
        {
            let end = line.len() - rest.len() + m.min(rest.len());
            return Some(ByteRange::new(p, end));
        }
    }
    None
}

#[derive(Debug, PartialEq)]
pub(super) enum Claim {
    Applications,
    Review,
}

pub(super) struct NarrClaim {
    pub kind: Claim,
    pub value: i64,
    /// Where the claim is, within the line.
    pub at: ByteRange,
}

/// Statements in section 一 about how many applications or reconsiderations
/// there were.
pub(super) fn narrative_claims(line: &str) -> Vec<NarrClaim> {
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

/// The first `N件` (also 个, 条, 起, 宗, 次) in a clause: value and byte range.
fn number_with_unit(s: &str) -> Option<(i64, ByteRange)> {
    let cs: Vec<(usize, char)> = s.char_indices().collect();
    let mut i = 0;
    while i < cs.len() {
        if fold(cs[i].1).is_ascii_digit() {
            let mut j = i;
            let mut v: i64 = 0;
            while j < cs.len() && fold(cs[j].1).is_ascii_digit() && j - i < 9 {
                v = v * 10 + i64::from(fold(cs[j].1).to_digit(10).unwrap_or(0));
                j += 1;
            }
            if j < cs.len() && fold(cs[j].1).is_ascii_digit() {
                // More than 9 digits: no count is read out of part of them.
                while j < cs.len() && fold(cs[j].1).is_ascii_digit() {
                    j += 1;
                }
                i = j;
                continue;
            }
            let mut k = j;
            while k < cs.len() && crate::text::is_space(cs[k].1) {
                k += 1;
            }
            if k < cs.len() && matches!(cs[k].1, '件' | '个' | '条' | '起' | '宗' | '次' | '份')
            {
                let end = cs.get(k + 1).map_or(s.len(), |x| x.0);
                return Some((v, ByteRange::new(cs[i].0, end)));
            }
            i = j;
        } else {
            i += 1;
        }
    }
    None
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
