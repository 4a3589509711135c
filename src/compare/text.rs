//! The prose of two reports: copied sentences (`XYR-COPY`) and last year's
//! figures in this year's text (`XYR-STALE`).

use std::collections::HashMap;

use super::{Copied, Finding, Repeat};
use crate::model::{Number, Report, TableId};
use crate::range::ByteRange;
use crate::rules::narrative::{narrative_claims, Claim};
use crate::rules::Code;
use crate::template::{table2, table3, Row};
use crate::text::{fold, LineIndex};

/// A sentence counts when it keeps at least this many characters (letters
/// and digits, years included) once whitespace and punctuation are dropped.
pub const COPY_MIN_CHARS: usize = 10;
/// `XYR-COPY` needs at least this many counted sentences in this year's prose.
pub const COPY_MIN_SENTENCES: usize = 3;
/// `XYR-COPY` fires when at least this share of this year's counted
/// sentences is also in last year's prose.
pub const COPY_SHARE: f64 = 0.5;

/// The sections whose bodies are prose: 一 总体情况, 五 问题和改进, 六 其他事项.
const PROSE_SECTIONS: [u8; 3] = [1, 5, 6];

/// One sentence: where it is and its comparison form.
struct Sentence {
    at: ByteRange,
    norm: String,
}

/// The byte ranges of the prose sections' bodies: from the end of each
/// heading to the start of the next heading (or the end of the text).
fn prose_ranges(report: &Report, text: &str, sections: &[u8]) -> Vec<ByteRange> {
    let mut starts: Vec<(usize, usize, u8)> = report
        .sections
        .iter()
        .map(|s| (s.span.start, s.span.end, s.number))
        .collect();
    starts.sort_unstable();
    let mut out = Vec::new();
    for (i, &(_, end, number)) in starts.iter().enumerate() {
        if !sections.contains(&number) {
            continue;
        }
        let stop = starts.get(i + 1).map_or(text.len(), |s| s.0);
        if end <= stop
            && stop <= text.len()
            && text.is_char_boundary(end)
            && text.is_char_boundary(stop)
        {
            out.push(ByteRange::new(end, stop));
        }
    }
    out
}

/// `s` folded, with letters and digits only; each run of ASCII digits is
/// handed to `number` with the characters after it, which writes what stands
/// for it into the output and returns how many of those characters to drop.
pub(super) fn alphanumeric_key(
    s: &str,
    mut number: impl FnMut(&str, &[char], &mut String) -> usize,
) -> String {
    let kept: Vec<char> = s
        .chars()
        .map(fold)
        .filter(|c| c.is_alphanumeric())
        .collect();
    let mut out = String::with_capacity(s.len());
    let mut run = String::new();
    let mut i = 0;
    while i < kept.len() {
        if kept[i].is_ascii_digit() {
            let mut j = i;
            while j < kept.len() && kept[j].is_ascii_digit() {
                j += 1;
            }
            run.clear();
            run.extend(&kept[i..j]);
            i = j + number(&run, &kept[j..], &mut out);
        } else {
            out.push(kept[i]);
            i += 1;
        }
    }
    out
}

/// The comparison form of a sentence: letters and digits only (folded), and
/// every four-digit year (19xx, 20xx) as `#`.
fn normalise(s: &str) -> String {
    alphanumeric_key(s, |run, _, out| {
        if run.len() == 4 && (run.starts_with("19") || run.starts_with("20")) {
            out.push('#');
        } else {
            out.push_str(run);
        }
        0
    })
}

/// The sentences of the prose sections, cut at 。！？；, their ASCII forms
/// and line ends, trimmed.
fn sentences(report: &Report, text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    for r in prose_ranges(report, text, &PROSE_SECTIONS) {
        let body = r.of(text);
        let mut start = 0;
        for (i, c) in body
            .char_indices()
            .chain(std::iter::once((body.len(), '\n')))
        {
            if !matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';' | '\n') {
                continue;
            }
            let s = &body[start..i];
            let lead = s.len() - s.trim_start().len();
            let trimmed = s.trim();
            if !trimmed.is_empty() {
                let at = r.start + start + lead;
                out.push(Sentence {
                    at: ByteRange::new(at, at + trimmed.len()),
                    norm: normalise(trimmed),
                });
            }
            start = i + c.len_utf8();
        }
    }
    out
}

/// Whether a normalised sentence states a figure other than a year: digits
/// followed by 件, 条, 项, 次, 个, 人 or 元 (万元 included).
fn has_figure(norm: &str) -> bool {
    let chars: Vec<char> = norm.chars().collect();
    chars.windows(2).any(|w| {
        w[0].is_ascii_digit()
            && matches!(w[1], '件' | '条' | '项' | '次' | '个' | '人' | '元' | '万')
    })
}

/// XYR-COPY and XYR-STALE.
pub(super) fn prose(
    last: &Report,
    last_text: &str,
    this: &Report,
    this_text: &str,
    utf16: bool,
    out: &mut Vec<Finding>,
) -> Option<Copied> {
    let this_idx = LineIndex::new(this_text, utf16);
    let last_idx = LineIndex::new(last_text, utf16);
    let before: Vec<Sentence> = sentences(last, last_text);
    let mut seen: HashMap<&str, ByteRange> = HashMap::new();
    for s in &before {
        if s.norm.chars().count() >= COPY_MIN_CHARS {
            seen.entry(s.norm.as_str()).or_insert(s.at);
        }
    }
    let now: Vec<Sentence> = sentences(this, this_text)
        .into_iter()
        .filter(|s| s.norm.chars().count() >= COPY_MIN_CHARS)
        .collect();
    let mut repeated = Vec::new();
    for s in &now {
        if let Some(&at) = seen.get(s.norm.as_str()) {
            repeated.push((s, at));
        }
    }
    stale_claims(last, this, this_text, &this_idx, out);
    for (s, at) in &repeated {
        if has_figure(&s.norm) {
            let mut f = Finding::new(
                Code::XyrStale,
                format!(
                    "这句话连同其中的数字与上年报告一字不差：{}",
                    clip(s.at.of(this_text))
                ),
            );
            f.span = Some(this_idx.span_of(s.at));
            f.last_span = Some(last_idx.span_of(*at));
            out.push(f);
        }
    }
    if now.is_empty() {
        return None;
    }
    let copied = Copied {
        sentences: now.len(),
        repeated: repeated.len(),
        share: repeated.len() as f64 / now.len() as f64,
    };
    if now.len() >= COPY_MIN_SENTENCES && copied.share >= COPY_SHARE {
        let mut f = Finding::new(
            Code::XyrCopy,
            format!(
                "正文 {} 句中有 {} 句（{:.0}%）与上年报告相同（年份除外）",
                copied.sentences,
                copied.repeated,
                copied.share * 100.0
            ),
        );
        f.span = repeated.first().map(|(s, _)| this_idx.span_of(s.at));
        f.last_span = repeated.first().map(|(_, at)| last_idx.span_of(*at));
        f.repeated = repeated
            .iter()
            .map(|(s, at)| Repeat {
                this: this_idx.span_of(s.at),
                last: last_idx.span_of(*at),
            })
            .collect();
        out.push(f);
    }
    Some(copied)
}

/// At most 40 characters of a sentence, for a message.
fn clip(s: &str) -> String {
    let mut out: String = s.chars().take(40).collect();
    if s.chars().count() > 40 {
        out.push('…');
    }
    out
}

/// An integer cell of a report's table 2 or table 3 (blank counts as 0).
fn t2(report: &Report, row: Row) -> Option<i64> {
    let cells = report.tables.applications.as_ref()?.get(row.key())?;
    let c = cells.get(table2::TOTAL_COLUMN)?;
    super::count(c)
}

fn t3_total(report: &Report) -> Option<i64> {
    let cells = report.tables.review.as_ref()?;
    if cells.len() != table3::CELLS {
        return None;
    }
    super::count(&cells[table3::REVIEW_TOTAL])
}

/// XYR-STALE, first case: section 一 states a number of applications or
/// reconsiderations that is not this year's table but is last year's.
fn stale_claims(last: &Report, this: &Report, text: &str, idx: &LineIndex, out: &mut Vec<Finding>) {
    let apps = |r: &Report| {
        let new = t2(r, Row::New)?;
        Some((
            new,
            new.saturating_add(t2(r, Row::CarriedOver).unwrap_or(0)),
        ))
    };
    let (now_apps, last_apps) = (apps(this), apps(last));
    let (now_rev, last_rev) = (t3_total(this), t3_total(last));
    for r in prose_ranges(this, text, &[1]) {
        let body = r.of(text);
        let mut offset = r.start;
        for line in body.split_inclusive('\n') {
            for c in narrative_claims(line) {
                let (table, now, before, what) = match c.kind {
                    Claim::Applications => {
                        let (Some(n), Some(b)) = (now_apps, last_apps) else {
                            continue;
                        };
                        if c.value == n.0 || c.value == n.1 || (c.value != b.0 && c.value != b.1) {
                            continue;
                        }
                        (TableId::Applications, n.0, b.0, "申请")
                    }
                    Claim::Review => {
                        let (Some(n), Some(b)) = (now_rev, last_rev) else {
                            continue;
                        };
                        if c.value == n || c.value != b {
                            continue;
                        }
                        (TableId::Review, n, b, "行政复议")
                    }
                };
                let mut f = Finding::new(
                    Code::XyrStale,
                    format!(
                        "正文写{what} {} 件，本年统计表为 {now} 件，而上年报告为 {before} 件：疑似沿用了上年的数字",
                        c.value
                    ),
                );
                f.span = Some(idx.span_of(c.at.shift(offset)));
                f.expected = Some(Number::Int(now));
                f.actual = Some(Number::Int(c.value));
                f.cell = Some(crate::model::CellRef {
                    table,
                    row: (table == TableId::Applications).then_some(Row::New.key()),
                    column: if table == TableId::Applications {
                        table2::TOTAL_COLUMN
                    } else {
                        table3::REVIEW_TOTAL
                    },
                });
                out.push(f);
            }
            offset += line.len();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalised_sentences() {
        assert_eq!(
            normalise("2021年，我局 收到申请5件。"),
            "#年我局收到申请5件"
        );
        assert_eq!(normalise("２０２２年"), "#年");
        assert!(has_figure("#年共承办建议21件"));
        assert!(!has_figure("#年起每季度开展一次自查"));
    }
}
