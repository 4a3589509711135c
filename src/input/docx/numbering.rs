//! Word's automatic numbering: list definitions, list styles and counters.

use super::xml::{w_name, Tok, Xml};

// ---- automatic numbering ------------------------------------------------------

/// Styles and list definitions read at most.
pub(super) const MAX_DEFINITIONS: usize = 2000;

/// One level of a list definition (`w:lvl`).
#[derive(Clone)]
pub(super) struct Level {
    pub(super) start: u32,
    pub(super) format: String,
    pub(super) text: String,
}

/// A paragraph style (`w:style`): its list, list level and parent style.
pub(super) struct Style {
    pub(super) id: String,
    pub(super) num: Option<String>,
    pub(super) level: Option<usize>,
    pub(super) based_on: Option<String>,
}

/// Word's automatic numbering: list definitions (`word/numbering.xml`),
/// the paragraph styles that carry a list (`word/styles.xml`), and the
/// running counters. A heading typed as 一、 and turned into a list by
/// Word or WPS shows its number only through these.
#[derive(Default)]
pub(super) struct Numbering {
    /// `w:abstractNum`: id and levels.
    pub(super) abstracts: Vec<(String, Vec<Level>)>,
    /// `w:num`: id and the `w:abstractNumId` it uses.
    pub(super) nums: Vec<(String, String)>,
    pub(super) styles: Vec<Style>,
    /// Per list: each level's last number plus one (0: not started).
    pub(super) counters: Vec<(String, [u32; 9])>,
}

impl Numbering {
    /// Read `numbering.xml`, or `styles.xml` when `styles`.
    pub(super) fn read(&mut self, xml: &str, styles: bool) {
        let mut x = Xml::new(xml);
        let mut num: Option<String> = None;
        let mut level: Option<usize> = None;
        let mut skip = 0;
        while let Ok(tok) = x.next() {
            // No document needs more; a bound keeps the lookups cheap.
            if self.styles.len() + self.abstracts.len() + self.nums.len() > MAX_DEFINITIONS {
                break;
            }
            let (name, start, empty) = match tok {
                Tok::Start(n, e) => (n, true, e),
                Tok::End(n) => (n, false, false),
                Tok::Eof => break,
                Tok::Text(_) => continue,
            };
            let Some(w) = w_name(name.as_bytes()) else {
                continue;
            };
            if skip > 0 {
                skip = skip + usize::from(start && !empty) - usize::from(!start);
                continue;
            }
            if !start {
                match w {
                    b"lvl" => level = None,
                    b"num" | b"style" => num = None,
                    _ => {}
                }
                continue;
            }
            let val = || x.attr("val");
            match w {
                // Overrides and changes of a definition are not followed.
                b"lvlOverride" | b"pPrChange" | b"rPr" if !empty => skip = 1,
                b"style" if styles => {
                    self.styles.push(Style {
                        id: x.attr("styleId").unwrap_or_default(),
                        num: None,
                        level: None,
                        based_on: None,
                    });
                    num = Some(String::new());
                }
                b"basedOn" | b"numId" | b"ilvl" if styles && num.is_some() => {
                    if let Some(st) = self.styles.last_mut() {
                        match w {
                            b"basedOn" => st.based_on = val(),
                            b"numId" => st.num = val(),
                            _ => st.level = val().and_then(|v| v.parse().ok()),
                        }
                    }
                }
                _ if styles => {}
                b"abstractNum" => self
                    .abstracts
                    .push((x.attr("abstractNumId").unwrap_or_default(), Vec::new())),
                b"lvl" => {
                    let il: usize = x.attr("ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
                    if let Some((_, levels)) = self.abstracts.last_mut() {
                        if il < 9 && levels.len() <= il {
                            let blank = Level {
                                start: 1,
                                format: String::new(),
                                text: String::new(),
                            };
                            levels.resize(il + 1, blank);
                        }
                        level = (il < 9).then_some(il);
                    }
                }
                b"start" | b"numFmt" | b"lvlText" => {
                    let lv = level.and_then(|il| self.abstracts.last_mut()?.1.get_mut(il));
                    if let (Some(lv), Some(v)) = (lv, val()) {
                        match w {
                            b"start" => lv.start = v.parse().unwrap_or(1),
                            b"numFmt" => lv.format = v,
                            // A label is short; a long one is not read.
                            _ => lv.text = v.chars().take(32).collect(),
                        }
                    }
                }
                b"num" => num = x.attr("numId"),
                b"abstractNumId" => {
                    if let (Some(id), Some(v)) = (&num, val()) {
                        self.nums.push((id.clone(), v));
                    }
                }
                _ => {}
            }
        }
    }

    /// The number shown before a paragraph with the given style, list and
    /// level, counting it.
    pub(super) fn label(
        &mut self,
        style: Option<&String>,
        num: Option<&String>,
        level: Option<usize>,
    ) -> Option<String> {
        let (mut num, mut level) = (num.cloned(), level);
        let mut style = style.cloned();
        for _ in 0..8 {
            if num.is_some() {
                break;
            }
            let st = self.styles.iter().find(|s| Some(&s.id) == style.as_ref())?;
            num.clone_from(&st.num);
            level = level.or(st.level);
            style.clone_from(&st.based_on);
        }
        let num = num?;
        let abs = &self.nums.iter().find(|(n, _)| *n == num)?.1;
        let levels = &self.abstracts.iter().find(|(a, _)| a == abs)?.1;
        let il = level.unwrap_or(0).min(8);
        let lv = levels.get(il)?;
        let counters = if let Some(i) = self.counters.iter().position(|(n, _)| *n == num) {
            &mut self.counters[i].1
        } else {
            self.counters.push((num, [0; 9]));
            &mut self.counters.last_mut()?.1
        };
        counters[il] = if counters[il] == 0 {
            lv.start.saturating_add(1)
        } else {
            counters[il].saturating_add(1)
        };
        counters[il + 1..].fill(0);
        if lv.format == "bullet" {
            return None;
        }
        let mut out = String::new();
        let mut chars = lv.text.chars().peekable();
        while let Some(c) = chars.next() {
            let k = chars
                .peek()
                .and_then(|d| d.to_digit(10))
                .map(|d| d as usize);
            match k {
                Some(k @ 1..=9) if c == '%' => {
                    chars.next();
                    if let Some(l) = levels.get(k - 1) {
                        let n = match counters[k - 1] {
                            0 => l.start,
                            v => v - 1,
                        };
                        format_number(&mut out, n, &l.format);
                    }
                }
                _ => out.push(c),
            }
        }
        Some(out)
    }
}

/// Write a list number in a Word number format.
pub(super) fn format_number(out: &mut String, n: u32, format: &str) {
    const DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    let from = |base: u32, max: u32| {
        (1..=max)
            .contains(&n)
            .then(|| char::from_u32(base + n - 1))
            .flatten()
    };
    let c = match format {
        "chineseCounting"
        | "chineseCountingThousand"
        | "japaneseCounting"
        | "taiwaneseCounting"
        | "ideographDigital"
            if n < 100 =>
        {
            let (tens, ones) = ((n / 10) as usize, (n % 10) as usize);
            if n < 10 {
                out.push(DIGITS[ones]);
                return;
            }
            if tens > 1 {
                out.push(DIGITS[tens]);
            }
            out.push('十');
            if ones > 0 {
                out.push(DIGITS[ones]);
            }
            return;
        }
        "ideographTraditional" => (n as usize)
            .checked_sub(1)
            .and_then(|i| "甲乙丙丁戊己庚辛壬癸".chars().nth(i)),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" => from(0x2460, 20),
        "decimalEnclosedFullstop" => from(0x2488, 20),
        "decimalEnclosedParen" => from(0x2474, 20),
        "upperLetter" | "lowerLetter" if (1..=260).contains(&n) => {
            let base = if format == "upperLetter" { b'A' } else { b'a' };
            let c = char::from(base + ((n - 1) % 26) as u8);
            for _ in 0..=((n - 1) / 26) {
                out.push(c);
            }
            return;
        }
        "upperRoman" | "lowerRoman" if (1..4000).contains(&n) => {
            const ROMAN: [(u32, &str); 13] = [
                (1000, "M"),
                (900, "CM"),
                (500, "D"),
                (400, "CD"),
                (100, "C"),
                (90, "XC"),
                (50, "L"),
                (40, "XL"),
                (10, "X"),
                (9, "IX"),
                (5, "V"),
                (4, "IV"),
                (1, "I"),
            ];
            let mut v = n;
            for (value, s) in ROMAN {
                while v >= value {
                    if format == "upperRoman" {
                        out.push_str(s);
                    } else {
                        out.push_str(&s.to_ascii_lowercase());
                    }
                    v -= value;
                }
            }
            return;
        }
        "decimalFullWidth" | "decimalFullWidth2" => {
            for d in n.to_string().chars() {
                out.push(char::from_u32(d as u32 - '0' as u32 + 0xFF10).unwrap_or(d));
            }
            return;
        }
        "decimalZero" if n < 10 => {
            out.push('0');
            None
        }
        "none" => return,
        _ => None,
    };
    match c {
        Some(c) => out.push(c),
        None => out.push_str(&n.to_string()),
    }
}
