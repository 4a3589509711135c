//! The reporting agency named in the text when the title does not name it.
//!
//! In this order of trust: the title (or a line of its own above it, see
//! [`super::read`]), the signature, then what the text says of itself:
//!
//! 1. the contact sentence (`如对本报告有任何疑问，请与示例县教育局办公室联系`,
//!    `联系单位：示例县教育局`, `本报告由示例县教育局编制`);
//! 2. the preamble (`本报告是根据…要求，由示例县教育局…编制`, or the report's
//!    name in a sentence before the first heading:
//!    `现公布示例县教育局2022年政府信息公开工作年度报告`);
//! 3. the statistical-period sentence with the agency before it
//!    (`示例县教育局本报告中所列数据的统计期限自…`).
//!
//! A name is taken only where the sentence's form bounds it on both sides and
//! it [`looks_like_agency`]: nothing is guessed from a sentence that merely
//! mentions an agency.

use crate::layout::TextLine;
use crate::text::{find_year, is_han, key, trim};

use super::{find_dates, line_str, Structure};

/// The characters an agency's name ends with (局, 委员会, 人民政府, 街道, …).
const AGENCY_END: &[char] = &[
    '局', '委', '会', '室', '厅', '办', '府', '院', '部', '署', '心', '处', '所', '站', '队', '馆',
    '镇', '乡', '道', '司', '团', '校', '区', '县', '市', '省', '盟', '旗',
];

/// Whether a key (see [`key`]) is an agency's name and nothing else:
/// 3 to 30 Chinese characters ending as an agency's name does
/// (`示例县教育局`), not a report's name, not a road (`人民大道`).
pub(crate) fn looks_like_agency(k: &str) -> bool {
    let n = k.chars().count();
    (3..=30).contains(&n)
        && k.chars().all(is_han)
        && k.chars().last().is_some_and(|c| AGENCY_END.contains(&c))
        && !k.contains("报告")
        && !k.ends_with("大道")
}

/// Lines longer than this (in bytes) are not sentences looked into.
const MAX_LINE: usize = 4000;

/// The agency from the contact sentence, the preamble or the period
/// sentence, in that order.
pub(super) fn find_text_agency(text: &str, lines: &[TextLine], s: &Structure) -> Option<String> {
    let short = || {
        lines
            .iter()
            .map(|l| line_str(text, l))
            .filter(|t| t.len() <= MAX_LINE)
    };
    let first_heading = s.headings.first().map_or(lines.len(), |h| h.line);
    let preamble = || {
        lines
            .iter()
            .enumerate()
            .take(first_heading.min(40))
            .filter(|(i, _)| Some(*i) != s.title_line)
            .map(|(_, l)| line_str(text, l))
            .filter(|t| t.len() <= MAX_LINE)
    };
    short()
        .find_map(contact_agency)
        .or_else(|| short().find_map(compiled_by))
        .or_else(|| preamble().find_map(named_report))
        .or_else(|| {
            let (_, _, at) = s.period?;
            let l = lines
                .iter()
                .find(|l| l.start <= at.start && at.start < l.end)?;
            period_agency(&text[l.start..at.start])
        })
}

/// Sentence ends and the punctuation between clauses.
fn is_break(c: char) -> bool {
    matches!(
        c,
        '。' | '，'
            | '；'
            | '：'
            | '！'
            | '？'
            | '、'
            | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | '《'
            | '》'
            | '“'
            | '”'
            | '"'
            | '（'
            | '）'
            | '('
            | ')'
            | '.'
            | '．'
    )
}

/// Bytes looked at around a sentence's marker (`联系`, `由`): an agency's
/// name (at most 30 characters) and the words that bound it.
const WINDOW: usize = 160;

/// At most the last `n` bytes of `s`, from a character's start.
fn tail(s: &str, n: usize) -> &str {
    let mut i = s.len().saturating_sub(n);
    while !s.is_char_boundary(i) {
        i += 1;
    }
    &s[i..]
}

/// At most the first `n` bytes of `s`, up to a character's end.
fn head(s: &str, n: usize) -> &str {
    let mut i = n.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    &s[..i]
}

/// The words after the last break (see [`is_break`]) within the last `n`
/// bytes of `s`; `None` when no break is there and `s` is longer (where the
/// clause starts is not known).
fn last_clause(s: &str, n: usize) -> Option<&str> {
    let t = tail(s, n);
    match t.char_indices().rfind(|&(_, c)| is_break(c)) {
        Some((i, c)) => Some(&t[i + c.len_utf8()..]),
        None => (t.len() == s.len()).then_some(t),
    }
}

/// `示例县教育局办公室` names the agency's office: the agency is the rest
/// (but `示例县人民政府办公室` is an agency of its own).
fn without_office(k: String) -> String {
    match k.strip_suffix("办公室") {
        Some(rest) if looks_like_agency(rest) && !rest.ends_with('府') => rest.to_string(),
        _ => k,
    }
}

/// `…请与示例县教育局办公室联系`, `联系单位：示例县教育局`.
fn contact_agency(line: &str) -> Option<String> {
    if !line.contains("联系") {
        return None;
    }
    // 与 X 联系, within one clause, in a sentence that speaks to the reader,
    // not one about the work (`主动与档案馆联系`).
    let to_reader = ["本报告", "疑问", "咨询", "意见", "请与", "可与"];
    let pairs = if to_reader.iter().any(|w| line.contains(w)) {
        line.match_indices("联系").collect()
    } else {
        Vec::new()
    };
    for (p, _) in pairs {
        let Some(clause) = last_clause(&line[..p], WINDOW) else {
            continue;
        };
        if let Some(q) = clause.rfind('与') {
            let k = key(&clause[q + '与'.len_utf8()..]);
            if looks_like_agency(&k) {
                return Some(without_office(k));
            }
        }
    }
    // 联系单位：X (up to the clause's end or the first character that is not
    // Chinese: an address's number, a telephone number).
    for label in ["联系单位", "联系机关", "联系部门"] {
        if let Some(p) = line.find(label) {
            let rest = line[p + label.len()..].trim_start_matches(|c: char| {
                matches!(c, '：' | ':' | '为' | '是') || crate::text::is_space(c)
            });
            let end = rest.find(|c: char| !is_han(c)).unwrap_or(rest.len());
            let k = key(&rest[..end]);
            if looks_like_agency(&k) {
                return Some(without_office(k));
            }
        }
    }
    None
}

/// The words that end the agency's name after `由` in `由X编制`.
const COMPILED: &[&str] = &[
    "编制", "编写", "撰写", "起草", "制作", "发布", "负责", "汇总", "整理", "组织", "牵头", "会同",
    "根据", "依据", "按照", "综合", "统一", "结合",
];

/// `本报告由示例县教育局编制`, `本报告是根据…要求，由示例县教育局根据…编制`:
/// the clause after `由` up to the first word of [`COMPILED`], in a line that
/// speaks of 本报告.
fn compiled_by(line: &str) -> Option<String> {
    if !line.contains("本报告") || !line.contains('由') {
        return None;
    }
    for (p, _) in line.match_indices('由') {
        let rest = head(&line[p + '由'.len_utf8()..], WINDOW);
        let rest = &rest[..rest.find(is_break).unwrap_or(rest.len())];
        let Some(end) = COMPILED.iter().filter_map(|w| rest.find(w)).min() else {
            continue;
        };
        let k = key(&rest[..end]);
        if looks_like_agency(&k) {
            return Some(without_office(k));
        }
    }
    None
}

/// Words before the agency in a sentence naming the report
/// (`现公布示例县教育局2022年…报告`).
const LEAD: &[&str] = &[
    "公布",
    "发布",
    "印发",
    "现将",
    "本报告是",
    "本报告为",
    "这是",
];

/// The report's name in a sentence (`…，现公布示例县教育局2022年政府信息公开
/// 工作年度报告。`): the clause holding it is read as a title.
fn named_report(line: &str) -> Option<String> {
    let t = trim(line);
    if !t.contains("报告") || !t.contains('年') {
        return None;
    }
    for clause in t.split(is_break) {
        let k = key(clause);
        if !(k.contains("报告") && (k.contains("信息公开") || k.contains("政务公开"))) {
            continue;
        }
        let Some((_, ys, _)) = find_year(clause) else {
            continue;
        };
        // The name starts after the words that introduce it.
        let from = LEAD
            .iter()
            .filter_map(|w| clause[..ys].rfind(w).map(|p| p + w.len()))
            .max()
            .unwrap_or(0);
        let clause = &clause[from..];
        let Some((_, ys, ye)) = find_year(clause) else {
            continue;
        };
        match super::agency_from_title(clause, ys, ye) {
            Some(a) if looks_like_agency(&a) => return Some(a),
            _ => {}
        }
    }
    None
}

/// The period sentence's words before its first date
/// (`示例县教育局本报告中所列数据的统计期限自`): the agency is the clause's
/// start, up to the words that speak of the report or its data.
fn period_agency(before: &str) -> Option<String> {
    let clause = last_clause(before, WINDOW)?;
    // A date in the words before would be another sentence's.
    if !find_dates(clause).is_empty() {
        return None;
    }
    let end = find_year(clause).map(|(_, ys, _)| ys).into_iter();
    let end = [
        "本报告",
        "本年度",
        "报告中",
        "年度报告",
        "政府信息公开",
        "政务公开",
        "所列",
        "统计",
    ]
    .iter()
    .filter_map(|w| clause.find(w))
    .chain(end)
    .min()?;
    let k = key(&clause[..end]);
    looks_like_agency(&k).then_some(k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences() {
        assert_eq!(
            contact_agency(
                "如对本报告有任何疑问，请与示例县教育局办公室联系（电话：0000-1234567）。"
            )
            .as_deref(),
            Some("示例县教育局")
        );
        assert_eq!(
            contact_agency("请与样本市人民政府办公室联系").as_deref(),
            Some("样本市人民政府办公室")
        );
        assert_eq!(
            contact_agency("联系单位：样本区卫生健康局，联系电话：0000-7654321").as_deref(),
            Some("样本区卫生健康局")
        );
        // An address is not an agency; nor is a person.
        assert_eq!(contact_agency("联系地址：示例县人民大道1号"), None);
        assert_eq!(contact_agency("请与张三联系"), None);
        assert_eq!(
            compiled_by("本报告是根据条例要求，由示例县教育局根据各股室提供的情况编制。")
                .as_deref(),
            Some("示例县教育局")
        );
        assert_eq!(
            compiled_by("本报告由示例县教育局办公室编制").as_deref(),
            Some("示例县教育局")
        );
        assert_eq!(compiled_by("本报告由各股室提供材料"), None);
        assert_eq!(
            named_report("根据条例规定，现公布示例县教育局2022年政府信息公开工作年度报告。")
                .as_deref(),
            Some("示例县教育局")
        );
        assert_eq!(
            named_report("现将2022年示例县教育局政府信息公开工作年度报告公布如下").as_deref(),
            Some("示例县教育局")
        );
        assert_eq!(
            period_agency("示例县教育局本报告中所列数据的统计期限自").as_deref(),
            Some("示例县教育局")
        );
        assert_eq!(period_agency("本报告中所列数据的统计期限自"), None);
        // Where a long clause starts is not looked for: no part of a name.
        let long = format!(
            "{}示例县教育局本报告中所列数据的统计期限自",
            "很".repeat(60)
        );
        assert_eq!(period_agency(&long), None);
        let many = format!("本报告{}", "由".repeat(5000));
        assert_eq!(compiled_by(&many), None);
    }
}
