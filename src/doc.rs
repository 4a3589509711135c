//! Document structure: title (agency, year), the statistical-period
//! sentence, the six section headings, the signature date (spec §1, §8.1)
//! and the agency where the title does not name it ([`agency`]).

use crate::headings::heading_of;
use crate::layout::TextLine;
use crate::range::{ByteRange, LineRange};
use crate::text::find_year;
use crate::text::{cn_digit, cn_numeral, contains, fold, is_space, key, trim};

mod agency;
pub(crate) use agency::looks_like_agency;

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
    if s.agency.is_none() {
        s.agency = agency::find_text_agency(text, lines, &s);
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

fn find_title(text: &str, lines: &[TextLine], limit: usize, s: &mut Structure) {
    let mut seen = Vec::new();
    for (i, l) in lines.iter().enumerate().take(limit) {
        let line = line_str(text, l);
        let t = trim(line);
        if t.is_empty() {
            continue;
        }
        // A page crawled onto one line starts with its title: the words up
        // to the first `报告`.
        let line = match line.find("报告") {
            Some(p) if line.len() > 600 && p < 300 => &line[..p + "报告".len()],
            _ => line,
        };
        let k = key(trim(line));
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

use crate::pattern::{
    cn_digit, cn_numeral, compile, digit, digit_before, not_digit, space, NextMatch, Starts,
};
use crate::pattern::{Captures, Regex};
use std::sync::LazyLock;

/// A year of four digits (`2021`, `二〇二一`), then spaces.
macro_rules! year {
    () => {
        concat!(
            "(?P<y>",
            digit!(),
            "{4}|",
            cn_digit!(),
            "{4})",
            space!(),
            "*"
        )
    };
}

/// A month or a day: one or two digits, or a Chinese numeral (`十二`).
macro_rules! number {
    ($name:literal) => {
        concat!(
            "(?P<",
            $name,
            ">",
            digit!(),
            "{1,2}|",
            cn_numeral!(),
            "{1,3})"
        )
    };
}

/// `Y-M-D` with one separator (the same one twice); the day's digits end
/// there.
macro_rules! separated {
    ($sep:literal) => {
        concat!(
            year!(),
            $sep,
            space!(),
            "*",
            number!("m"),
            space!(),
            "*",
            $sep,
            space!(),
            "*(?:(?P<d>",
            digit!(),
            "{1,2})(?:",
            not_digit!(),
            "|$)|(?P<dc>",
            cn_numeral!(),
            "{1,3}))"
        )
    };
}

/// `M月D日` (or `号`).
macro_rules! month_day {
    () => {
        concat!(
            number!("m"),
            space!(),
            "*月",
            space!(),
            "*",
            number!("d"),
            space!(),
            "*[日号]"
        )
    };
}

/// The forms of a full date, each a pattern with the groups `y`, `m` and `d`
/// (or `dc`, a Chinese day): `2021年1月26日`, `2021-01-26`, `2021.1.26`,
/// `2021/1/26`; and the characters one of which a line must have for the
/// form to be worth looking for.
static FULL_DATES: LazyLock<[(Regex, &[char]); 4]> = LazyLock::new(|| {
    [
        (
            compile(concat!(year!(), "年", space!(), "*", month_day!())),
            &['月'],
        ),
        // `-`, and the dashes that fold to it.
        (
            compile(separated!(r"[\-－‒–−﹣]")),
            &['-', '－', '‒', '–', '−', '﹣'],
        ),
        (compile(separated!(r"[.．]")), &['.', '．']),
        (compile(separated!(r"[/／∕]")), &['/', '／', '∕']),
    ]
});

/// A digit, ASCII or full-width (as `digit!`).
fn is_digit(c: char) -> bool {
    matches!(c, '0'..='9' | '０'..='９')
}

/// A Chinese digit of a year (as `cn_digit!`).
fn is_cn_digit(c: char) -> bool {
    matches!(
        c,
        '〇' | '○'
            | '零'
            | '\u{41e}'
            | 'o'
            | 'O'
            | 'Ｏ'
            | 'ｏ'
            | '一'
            | '二'
            | '三'
            | '四'
            | '五'
            | '六'
            | '七'
            | '八'
            | '九'
    )
}

/// A character of a Chinese numeral (as `cn_numeral!`).
fn is_cn_numeral(c: char) -> bool {
    c == '十' || is_cn_digit(c)
}

/// A kind of character a number is written with, and the fewest and most
/// characters of that kind the number has.
type Kind = (fn(char) -> bool, usize, usize);

/// The first place at or after byte `from` where a number may start: the
/// last characters of a run of one kind (as many as the number may have),
/// followed, after spaces, by one of `then`.
fn number_before(line: &str, from: usize, kinds: &[Kind], then: &[char]) -> Option<usize> {
    let s = line.get(from..)?;
    let mut kind: Option<usize> = None;
    let mut len = 0;
    // The byte offsets of the run's last four characters.
    let mut last = [0usize; 4];
    for (i, c) in s.char_indices() {
        let k = kinds.iter().position(|(is, _, _)| is(c));
        if k.is_some() && k == kind {
            last[len % 4] = i;
            len += 1;
            continue;
        }
        if let Some((_, min, max)) = kind.map(|j| kinds[j]) {
            let next = s[i..].chars().find(|&c| !crate::text::is_space(c));
            if len >= min && next.is_some_and(|c| then.contains(&c)) {
                return Some(from + last[(len - len.min(max)) % 4]);
            }
        }
        kind = k;
        len = usize::from(k.is_some());
        last[0] = i;
    }
    None
}

/// Four digits of a year, or four Chinese digits.
const YEAR: [Kind; 2] = [(is_digit, 4, 4), (is_cn_digit, 4, 4)];

/// Where the forms of [`FULL_DATES`] and [`MONTH_DAY`] may start.
const STARTS: [Starts; 5] = [
    Starts {
        next: |l, from| number_before(l, from, &YEAR, &['年']),
        width: Some(13),
    },
    Starts {
        next: |l, from| number_before(l, from, &YEAR, &['-', '－', '‒', '–', '−', '﹣']),
        width: None,
    },
    Starts {
        next: |l, from| number_before(l, from, &YEAR, &['.', '．']),
        width: None,
    },
    Starts {
        next: |l, from| number_before(l, from, &YEAR, &['/', '／', '∕']),
        width: None,
    },
    Starts {
        next: |l, from| number_before(l, from, &[(is_digit, 1, 2), (is_cn_numeral, 1, 3)], &['月']),
        width: Some(8),
    },
];

/// A month and day without a year, `12月31日`.
static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| compile(month_day!()));

/// The value of a captured number: digits (`01`, `１２`), or a Chinese numeral
/// (`二十六`), or a year of Chinese digits (`二〇二一`).
fn number_value(s: &str, year: bool) -> Option<u32> {
    let folded: String = s.chars().map(fold).collect();
    if folded.starts_with(|c: char| c.is_ascii_digit()) {
        folded.parse().ok()
    } else if year {
        folded
            .chars()
            .try_fold(0, |v, c| Some(v * 10 + cn_digit(c)?))
    } else {
        cn_numeral(&folded)
    }
}

/// The date a match stands for (`year` for a month and day alone), with its
/// byte range: up to the end of the match, or of the day for the separated
/// forms (whose match takes the character after the day's digits too).
fn date_of(c: &Captures, year: Option<i32>, ends_at_day: bool) -> Option<DateHit> {
    let y = match year {
        Some(y) => y,
        None => i32::try_from(number_value(c.name("y")?.as_str(), true)?).ok()?,
    };
    if !(1900..=2200).contains(&y) {
        return None;
    }
    let d = c.name("d").or_else(|| c.name("dc"))?;
    let date = Date {
        y,
        m: number_value(c.name("m")?.as_str(), false)?,
        d: number_value(d.as_str(), false)?,
    };
    let whole = c.get(0)?;
    let end = if ends_at_day { d.end() } else { whole.end() };
    date.valid().then_some(DateHit {
        date,
        start: whole.start(),
        end,
    })
}

/// Every date in a line (`2021年1月26日`, `二〇二一年一月二十六日`,
/// `2021-01-26`, `2021.1.26`); a month-day without a year (`12月31日`) takes
/// the year of the date before it.
///
/// A date starts at the leftmost place where a form matches and gives a valid
/// date, not right after a digit; a full date is preferred to a month-day
/// starting at the same place.
pub fn find_dates(line: &str) -> Vec<DateHit> {
    let mut out: Vec<DateHit> = Vec::new();
    // Every form has 月 or a separator: most lines have neither.
    if !line.contains(|c| {
        matches!(
            c,
            '月' | '-' | '－' | '‒' | '–' | '−' | '﹣' | '.' | '．' | '/' | '／' | '∕'
        )
    }) {
        return out;
    }
    let mut i = 0;
    let mut full = FULL_DATES.each_ref().map(|(re, needs)| {
        i += 1;
        NextMatch::new(re, line.contains(*needs)).starting(STARTS[i - 1])
    });
    let mut month_day = NextMatch::new(&MONTH_DAY, line.contains('月')).starting(STARTS[4]);
    let mut from = 0;
    loop {
        let prev = out.last().map(|h| h.date.y);
        let start = |c: Option<&Captures>| c.and_then(|c| c.get(0)).map(|m| m.start());
        let mut p = full
            .iter_mut()
            .filter_map(|f| start(f.at(line, from)))
            .min();
        if prev.is_some() {
            p = p.into_iter().chain(start(month_day.at(line, from))).min();
        }
        let Some(p) = p else {
            break;
        };
        let hit = if digit_before(line, p) {
            None
        } else {
            let starts_at_p = |c: &&Captures| c.get(0).is_some_and(|m| m.start() == p);
            full.iter_mut()
                .enumerate()
                .filter_map(|(i, f)| Some((i, f.at(line, from).filter(starts_at_p)?)))
                .find_map(|(i, c)| date_of(c, None, i > 0))
                .or_else(|| {
                    let c = month_day.at(line, from).filter(|_| prev.is_some())?;
                    starts_at_p(&c).then(|| date_of(c, prev, false)).flatten()
                })
        };
        match hit {
            Some(h) => {
                from = h.end;
                out.push(h);
            }
            None => from = p + line[p..].chars().next().map_or(1, char::len_utf8),
        }
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
        // Each form, and where it ends: the separated forms at the day.
        for (line, iso, end) in [
            ("2021.1.26", "2021-01-26", 9),
            ("2021／1／26", "2021-01-26", 13),
            ("2021-01-26日", "2021-01-26", 10),
            ("２０２１ 年 １ 月 ２６ 号", "2021-01-26", 35),
        ] {
            let d = find_dates(line);
            assert_eq!(
                (d[0].date.iso().as_str(), d[0].start, d[0].end),
                (iso, 0, end)
            );
        }
        // Not inside a longer number; not two different separators.
        assert!(find_dates("12021-01-26").is_empty());
        assert!(find_dates("2021-01.26").is_empty());
        assert!(find_dates("2021-01-265").is_empty());
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

    /// Every match (with its groups) of a pattern, searched from 0 and then
    /// from just after each match's start.
    fn matches(re: &Regex, starts: Option<Starts>, line: &str) -> Vec<Vec<Option<(usize, usize)>>> {
        let mut out = Vec::new();
        let mut from = 0;
        while from <= line.len() {
            let mut m = NextMatch::new(re, true);
            if let Some(s) = starts {
                m = m.starting(s);
            }
            let Some(c) = m.at(line, from) else { break };
            out.push(
                (0..c.len())
                    .map(|i| c.get(i).map(|g| (g.start(), g.end())))
                    .collect(),
            );
            let Some(s) = c.get(0).map(|g| g.start()) else {
                break;
            };
            from = s + line[s..].chars().next().map_or(1, char::len_utf8);
        }
        out
    }

    #[test]
    fn date_starts_find_what_the_patterns_find() {
        let mut lines: Vec<String> = [
            "统计期限自2020年1月1日起至12月31日止",
            "12020年1月1日 二〇二一年一月二十六日 2021 年 1 月 2 号",
            "２０２１年１２月３１日、2021-01-26、2021.1.26、2021/1/26、2021－1－2",
            "20211年十二月三十一日 〇〇〇〇〇年 oooo年1月1日 О2021年123月4日",
            "2020年度 2021 - 1 - 26 2021..1.2 2021/1/265 2021-01-",
        ]
        .map(String::from)
        .to_vec();
        for dir in ["tests/fixtures", "benches/inputs"] {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
            for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                if let Ok(t) = std::fs::read_to_string(e.path()) {
                    lines.extend(t.lines().map(String::from));
                }
            }
        }
        let forms = FULL_DATES.iter().map(|(re, _)| re).chain([&*MONTH_DAY]);
        for (re, starts) in forms.zip(STARTS) {
            for line in &lines {
                assert_eq!(
                    matches(re, Some(starts), line),
                    matches(re, None, line),
                    "{line}"
                );
            }
        }
    }
}
