//! Document structure: title (agency, year), the statistical-period
//! sentence, the six section headings and the signature date (spec §1, §8.1).

use crate::headings::heading_of;
use crate::layout::TextLine;
use crate::range::{ByteRange, LineRange};
use crate::text::find_year;
use crate::text::{cn_digit, cn_numeral, contains, fold, is_han, is_space, key, trim};

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub y: i32,
    pub m: u32,
    pub d: u32,
}

impl Date {
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.y, self.m, self.d)
    }

    fn valid(self) -> bool {
        let dim = match self.m {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if (self.y % 4 == 0 && self.y % 100 != 0) || self.y % 400 == 0 => 29,
            2 => 28,
            _ => return false,
        };
        (1900..=2200).contains(&self.y) && self.d >= 1 && self.d <= dim
    }
}

/// A date found in a line, with its byte range.
#[derive(Debug, Clone, Copy)]
pub struct DateHit {
    pub date: Date,
    pub start: usize,
    pub end: usize,
}

impl DateHit {
    pub fn range(self) -> ByteRange {
        ByteRange::new(self.start, self.end)
    }
}

/// A section heading.
#[derive(Debug, Clone)]
pub struct Heading {
    pub number: u8,
    /// Index into the line list.
    pub line: usize,
    /// Byte range of the heading text (trimmed).
    pub start: usize,
    pub end: usize,
    /// The title after the numeral (`总体情况`).
    pub title: String,
    /// The heading ends with （无）.
    pub none: bool,
}

/// What the structure pass found.
#[derive(Debug, Default)]
pub struct Structure {
    pub title_line: Option<usize>,
    pub agency: Option<String>,
    pub year: Option<i32>,
    /// Byte range of the year in the title.
    pub year_span: Option<ByteRange>,
    /// The statistical period: first and last day, and where it is written.
    pub period: Option<(Date, Date, ByteRange)>,
    /// Headings in document order (at most one per number).
    pub headings: Vec<Heading>,
    pub date: Option<DateHit>,
}

impl Heading {
    /// The heading's bytes in the text.
    pub fn range(&self) -> ByteRange {
        ByteRange::new(self.start, self.end)
    }
}

impl Structure {
    pub fn heading(&self, n: u8) -> Option<&Heading> {
        self.headings.iter().find(|h| h.number == n)
    }

    /// Line range (exclusive of the heading) of section `n`: up to the next
    /// heading in document order, or the end.
    pub fn region(&self, n: u8, nlines: usize) -> Option<LineRange> {
        let h = self.heading(n)?;
        let end = self
            .headings
            .iter()
            .filter(|o| o.line > h.line)
            .map(|o| o.line)
            .min()
            .unwrap_or(nlines);
        Some(LineRange::new(h.line + 1, end))
    }
}

/// Read the structure of a text.
pub fn read(text: &str, lines: &[TextLine]) -> Structure {
    let mut s = Structure {
        headings: find_headings(text, lines),
        ..Structure::default()
    };
    let first_heading = s.headings.first().map_or(lines.len(), |h| h.line);
    find_title(text, lines, first_heading.min(40), &mut s);
    s.period = find_period(text, lines);
    if s.year.is_none() {
        s.year = s.period.map(|p| p.0.y);
    }
    s.date = find_signature_date(text, lines, &s);
    if s.agency.is_none() {
        s.agency = find_signature_agency(text, lines, &s);
    }
    s
}

fn line_str<'a>(text: &'a str, l: &TextLine) -> &'a str {
    &text[l.start..l.end]
}

// ---- headings --------------------------------------------------------------

fn find_headings(text: &str, lines: &[TextLine]) -> Vec<Heading> {
    let mut cands: Vec<Heading> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let s = line_str(text, l);
        if s.len() > 240 {
            continue;
        }
        if let Some((number, title, none)) = heading_of(s) {
            let t = trim(s);
            let start = l.start + (s.len() - s.trim_start_matches(is_space).len());
            cands.push(Heading {
                number,
                line: i,
                start,
                end: start + t.len(),
                title,
                none,
            });
        }
    }
    // A preamble that lists the sections (three or more headings on
    // consecutive non-empty lines) is a table of contents when the same
    // numbers come again later.
    let mut drop = vec![false; cands.len()];
    // Index of the last candidate of each number.
    let mut last_of = [None::<usize>; 7];
    for (i, c) in cands.iter().enumerate() {
        last_of[c.number as usize] = Some(i);
    }
    let mut i = 0;
    while i < cands.len() {
        let mut j = i;
        while j + 1 < cands.len()
            && cands[j + 1].number > cands[j].number
            && nonempty_between(text, lines, cands[j].line, cands[j + 1].line) == 0
        {
            j += 1;
        }
        if j - i >= 2 {
            let later = cands[i..=j]
                .iter()
                .filter(|c| last_of[c.number as usize].is_some_and(|l| l > j))
                .count();
            if later >= 2 {
                drop[i..=j].iter_mut().for_each(|d| *d = true);
            }
        }
        i = j + 1;
    }
    let mut out: Vec<Heading> = Vec::new();
    for (c, d) in cands.into_iter().zip(drop) {
        if !d && !out.iter().any(|o| o.number == c.number) {
            out.push(c);
        }
    }
    out
}

fn nonempty_between(text: &str, lines: &[TextLine], a: usize, b: usize) -> usize {
    lines[a + 1..b]
        .iter()
        .filter(|l| !trim(line_str(text, l)).is_empty())
        .count()
}

// ---- title, agency, year -----------------------------------------------------

const AGENCY_END: &[char] = &[
    '局', '委', '会', '室', '厅', '办', '府', '院', '部', '署', '心', '处', '所', '站', '队', '馆',
    '镇', '乡', '道', '司', '团', '校', '区', '县', '市', '省', '盟', '旗',
];

fn looks_like_agency(k: &str) -> bool {
    let n = k.chars().count();
    (3..=30).contains(&n)
        && k.chars().all(is_han)
        && k.chars().last().is_some_and(|c| AGENCY_END.contains(&c))
        && !k.contains("报告")
}

fn find_title(text: &str, lines: &[TextLine], limit: usize, s: &mut Structure) {
    let mut seen = Vec::new();
    for (i, l) in lines.iter().enumerate().take(limit) {
        let line = line_str(text, l);
        let t = trim(line);
        if t.is_empty() {
            continue;
        }
        let k = key(t);
        if k.contains("报告")
            && (k.contains("信息公开") || k.contains("政务公开"))
            && k.chars().count() <= 80
        {
            s.title_line = Some(i);
            if let Some((y, ys, ye)) = find_year(line) {
                s.year = Some(y);
                s.year_span = Some(ByteRange::new(ys, ye).shift(l.start));
                s.agency = agency_from_title(line, ys, ye);
            }
            break;
        }
        seen.push(k);
        if seen.len() > 6 {
            break;
        }
    }
    // A line of its own above the title naming the agency in full.
    if let Some(a) = seen.iter().find(|k| looks_like_agency(k)) {
        s.agency = Some(a.clone());
    }
}

fn agency_from_title(line: &str, ys: usize, ye: usize) -> Option<String> {
    let mut prefix = key(&line[..ys]);
    for p in ["关于", "公布"] {
        if let Some(x) = prefix.strip_suffix(p) {
            prefix = x.to_string();
        }
    }
    if prefix.chars().count() >= 2 {
        return Some(prefix);
    }
    // 2020年示例县教育局政府信息公开工作年度报告
    let after = key(&line[ye..]);
    let after = after.strip_prefix('年').unwrap_or(&after);
    let after = after.strip_prefix('度').unwrap_or(after);
    // The agency ends where the report's name starts (the earliest of these).
    let p = ["政府信息公开", "政务公开", "信息公开"]
        .iter()
        .filter_map(|stop| after.find(stop))
        .min()?;
    let a = &after[..p];
    (a.chars().count() >= 2).then(|| a.to_string())
}

// ---- dates -------------------------------------------------------------------

/// Every date in a line (`2021年1月26日`, `二〇二一年一月二十六日`,
/// `2021-01-26`, `2021.1.26`); a month-day without a year (`12月31日`) takes
/// the year of the date before it.
#[allow(clippy::too_many_lines)] // one scan over the characters, every date form in it
pub fn find_dates(line: &str) -> Vec<DateHit> {
    let cs: Vec<(usize, char)> = line.char_indices().map(|(i, c)| (i, fold(c))).collect();
    let end_of = |k: usize| cs.get(k).map_or(line.len(), |x| x.0);
    let mut out: Vec<DateHit> = Vec::new();
    let mut i = 0;
    let skip_sp = |mut k: usize| {
        while k < cs.len() && is_space(cs[k].1) {
            k += 1;
        }
        k
    };
    // A number (Arabic or Chinese) at k: value and next index.
    let num = |k: usize, max: usize| -> Option<(u32, usize)> {
        let mut j = k;
        let mut v = 0u32;
        while j < cs.len() && cs[j].1.is_ascii_digit() && j - k < max {
            v = v * 10 + cs[j].1.to_digit(10).unwrap_or(0);
            j += 1;
        }
        if j > k && !(j < cs.len() && cs[j].1.is_ascii_digit()) {
            return Some((v, j));
        }
        // Chinese: up to 3 chars of 一二…十
        let mut j = k;
        while j < cs.len() && j - k < 3 && (cn_digit(cs[j].1).is_some() || cs[j].1 == '十') {
            j += 1;
        }
        if j > k {
            let s: String = cs[k..j].iter().map(|x| x.1).collect();
            return cn_numeral(&s).map(|v| (v, j));
        }
        None
    };
    while i < cs.len() {
        let before_ok = i == 0 || !cs[i - 1].1.is_ascii_digit();
        // Year.
        let year = if before_ok {
            if cs[i].1.is_ascii_digit() {
                num(i, 4).filter(|(v, j)| j - i == 4 && (1900..=2200).contains(v))
            } else if cn_digit(cs[i].1).is_some() && i + 4 <= cs.len() {
                let ds: Option<Vec<u32>> = cs[i..i + 4].iter().map(|x| cn_digit(x.1)).collect();
                ds.map(|d| (d.iter().fold(0, |a, &x| a * 10 + x), i + 4))
                    .filter(|(v, _)| (1900..=2200).contains(v))
            } else {
                None
            }
        } else {
            None
        };
        if let Some((y, j)) = year {
            let j = skip_sp(j);
            let sep = cs.get(j).map(|x| x.1);
            let chinese = sep == Some('年');
            if chinese || matches!(sep, Some('-' | '.' | '/')) {
                if let Some((m, k)) = num(skip_sp(j + 1), 2) {
                    let k = skip_sp(k);
                    let msep = cs.get(k).map(|x| x.1);
                    let mok = if chinese {
                        msep == Some('月')
                    } else {
                        msep == sep
                    };
                    if mok {
                        if let Some((d, e)) = num(skip_sp(k + 1), 2) {
                            let e2 = skip_sp(e);
                            let fin = if chinese {
                                matches!(cs.get(e2).map(|x| x.1), Some('日' | '号'))
                                    .then_some(e2 + 1)
                            } else {
                                Some(e)
                            };
                            if let Some(fin) = fin {
                                let date = Date { y: y as i32, m, d };
                                if date.valid() {
                                    out.push(DateHit {
                                        date,
                                        start: cs[i].0,
                                        end: end_of(fin),
                                    });
                                    i = fin;
                                    continue;
                                }
                            }
                        }
                    }
                }
            }
        }
        // Month-day without a year, after a full date.
        if let (Some(prev), true) = (out.last().copied(), before_ok) {
            if let Some((m, k)) = num(i, 2) {
                let k2 = skip_sp(k);
                if cs.get(k2).map(|x| x.1) == Some('月') {
                    if let Some((d, e)) = num(skip_sp(k2 + 1), 2) {
                        let e2 = skip_sp(e);
                        if matches!(cs.get(e2).map(|x| x.1), Some('日' | '号')) {
                            let date = Date {
                                y: prev.date.y,
                                m,
                                d,
                            };
                            if date.valid() {
                                out.push(DateHit {
                                    date,
                                    start: cs[i].0,
                                    end: end_of(e2 + 1),
                                });
                                i = e2 + 1;
                                continue;
                            }
                        }
                    }
                }
            }
        }
        i += 1;
    }
    out
}

fn find_period(text: &str, lines: &[TextLine]) -> Option<(Date, Date, ByteRange)> {
    for l in lines {
        let s = line_str(text, l);
        if s.len() > 4000 || !contains(s, "统计") {
            continue;
        }
        let ds = find_dates(s);
        if ds.len() >= 2 && ds[0].date < ds[1].date {
            return Some((
                ds[0].date,
                ds[1].date,
                ByteRange::new(ds[0].start, ds[1].end).shift(l.start),
            ));
        }
    }
    None
}

/// The agency named in the signature, on the lines just above (or beside)
/// the date at the end.
fn find_signature_agency(text: &str, lines: &[TextLine], s: &Structure) -> Option<String> {
    let from = s.headings.last().map_or(0, |h| h.line + 1);
    let mut seen = 0;
    for l in lines[from.min(lines.len())..].iter().rev() {
        let t = trim(line_str(text, l));
        if t.is_empty() {
            continue;
        }
        seen += 1;
        if seen > 4 {
            break;
        }
        let mut k = key(t);
        // Drop a date written on the same line.
        if let Some(d) = find_dates(t).first() {
            k = key(&t[..d.start]);
        }
        if looks_like_agency(&k) {
            return Some(k);
        }
    }
    None
}

fn find_signature_date(text: &str, lines: &[TextLine], s: &Structure) -> Option<DateHit> {
    let from = s.headings.last().map_or(0, |h| h.line + 1);
    let mut seen = 0;
    for l in lines[from.min(lines.len())..].iter().rev() {
        let line = line_str(text, l);
        let t = trim(line);
        if t.is_empty() {
            continue;
        }
        seen += 1;
        if seen > 6 {
            break;
        }
        if t.chars().count() > 40 {
            continue;
        }
        if let Some(h) = find_dates(line).last() {
            return Some(DateHit {
                date: h.date,
                start: l.start + h.start,
                end: l.start + h.end,
            });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::lines;

    #[test]
    fn headings_and_rows() {
        assert_eq!(heading_of("一、总体情况").map(|h| h.0), Some(1));
        assert_eq!(
            heading_of("  三、收到和处理政府信息公开申请情况（无）").map(|h| (h.0, h.2)),
            Some((3, true))
        );
        assert_eq!(heading_of("五、主要问题和改进措施").map(|h| h.0), Some(5));
        assert_eq!(
            heading_of("四、因政府信息公开工作被申请行政复议和提起行政诉讼情况").map(|h| h.0),
            Some(4)
        );
        assert!(heading_of("三、本年度办理结果").is_none());
        assert!(heading_of("四、结转下年度继续办理").is_none());
        assert!(heading_of("一、本年新收政府信息公开申请数量").is_none());
        assert!(heading_of("二、\t上年结转政府信息公开申请数量\t0").is_none());
        assert!(heading_of("一是加强领导").is_none());
    }

    #[test]
    fn dates() {
        let d = find_dates("统计期限自2020年1月1日起至12月31日止");
        assert_eq!(d.len(), 2);
        assert_eq!(
            d[1].date,
            Date {
                y: 2020,
                m: 12,
                d: 31
            }
        );
        let d = find_dates("二〇二一年一月二十六日");
        assert_eq!(
            d[0].date,
            Date {
                y: 2021,
                m: 1,
                d: 26
            }
        );
        assert_eq!(find_dates("2021-01-26")[0].date.iso(), "2021-01-26");
        assert!(find_dates("2021年2月30日").is_empty());
    }

    #[test]
    fn title_agency_year() {
        for (t, agency, year) in [
            (
                "示例县教育局2020年度政府信息公开工作年度报告",
                "示例县教育局",
                2020,
            ),
            (
                "2021年示例市教育局 政府信息公开年度报告",
                "示例市教育局",
                2021,
            ),
            (
                "示例县教育局 2022 年度政府信息公开 工作年度报告",
                "示例县教育局",
                2022,
            ),
        ] {
            let text = format!("{t}\n一、总体情况\n");
            let s = read(&text, &lines(&text));
            assert_eq!(s.agency.as_deref(), Some(agency), "{t}");
            assert_eq!(s.year, Some(year));
        }
    }

    #[test]
    fn agency_from_signature() {
        let text = "2022年度政府信息公开工作年度报告\n一、总体情况\n正文\n六、其他需要报告的事项\n无\n示例县教育局\n2023年1月10日\n";
        let s = read(text, &lines(text));
        assert_eq!(s.agency.as_deref(), Some("示例县教育局"));
        assert_eq!(s.date.map(|d| d.date.iso()).as_deref(), Some("2023-01-10"));
    }

    #[test]
    fn preamble_list_is_not_the_sections() {
        let text = "示例县教育局2021年政府信息公开工作年度报告\n本报告包括：\n一、总体情况\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n\n一、总体情况\n正文\n二、主动公开政府信息情况\n表\n三、收到和处理政府信息公开申请情况\n表\n";
        let ls = lines(text);
        let s = read(text, &ls);
        assert_eq!(s.headings.len(), 3);
        assert_eq!(s.headings[0].line, 6);
    }
}
