//! Characters into lines: by vertical overlap, and into words by the gaps
//! between them relative to the font size (Chinese has no spaces).

/// One character placed on the page (PDF user space: y grows upwards).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Glyph {
    pub c: char,
    /// Left and right edges.
    pub x0: f64,
    pub x1: f64,
    /// The baseline.
    pub y: f64,
    /// The font size (at least a small positive number).
    pub size: f64,
}

impl Glyph {
    /// The vertical middle of the character's body.
    pub fn mid_y(&self) -> f64 {
        self.y + 0.3 * self.size
    }

    /// The horizontal middle.
    pub fn mid_x(&self) -> f64 {
        f64::midpoint(self.x0, self.x1)
    }
}

/// A line of text: its glyphs left to right, and where it lies.
#[derive(Debug, Clone)]
pub(crate) struct Line {
    pub glyphs: Vec<Glyph>,
    /// The top of the line (largest y).
    pub top: f64,
    pub bottom: f64,
}

impl Line {
    /// The text, with a space where the gap between two characters is a
    /// word space.
    pub fn text(&self) -> String {
        words(&self.glyphs)
            .iter()
            .map(|w| w.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// A run of characters without a wide gap.
#[derive(Debug, Clone)]
pub(crate) struct Word {
    pub text: String,
    pub x0: f64,
    pub x1: f64,
}

/// Whether a character is written without spaces around it (CJK ideographs,
/// kana, full-width forms and punctuation).
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF | 0x20000..=0x2FFFF)
}

/// A full-width digit (`０`–`９`).
fn is_wide_digit(c: char) -> bool {
    ('０'..='９').contains(&c)
}

/// Split glyphs (one line, sorted by x) into words: a space drawn, or a gap
/// wider than a word space, separates, except that between two Chinese
/// characters only a gap of a whole character does (justified Chinese text
/// has gaps without meaning).
pub(crate) fn words(glyphs: &[Glyph]) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    let mut prev: Option<&Glyph> = None;
    let mut spaced = false;
    for g in glyphs {
        if g.c.is_whitespace() {
            // A space drawn: the next character starts a word.
            spaced = true;
            continue;
        }
        let split = spaced
            || match prev {
                None => true,
                Some(p) => {
                    let gap = g.x0 - p.x1;
                    let size = p.size.max(g.size);
                    // Writers space Chinese from Latin letters and digits a
                    // little (a fifth of a character) without a space.
                    // Full-width digits half a character apart are two
                    // numbers (cells close together), not one spread out.
                    let digits = is_wide_digit(p.c) && is_wide_digit(g.c);
                    let limit = match (is_cjk(p.c), is_cjk(g.c)) {
                        (true, true) if digits => 0.5,
                        (true, true) => 1.0,
                        (false, false) => 0.2,
                        _ => 0.5,
                    };
                    gap > limit * size
                }
            };
        spaced = false;
        match out.last_mut() {
            Some(w) if !split => {
                w.text.push(g.c);
                w.x1 = w.x1.max(g.x1);
            }
            _ => out.push(Word {
                text: g.c.to_string(),
                x0: g.x0,
                x1: g.x1,
            }),
        }
        prev = Some(g);
    }
    for w in &mut out {
        w.text = w.text.trim().to_string();
    }
    out.retain(|w| !w.text.is_empty());
    out
}

/// Group glyphs into lines, top to bottom, each left to right. Two glyphs
/// share a line when their middles are within half a font size of each
/// other. A glyph drawn again over itself (fake bold, shadows) is kept once.
pub(crate) fn group_lines(mut glyphs: Vec<Glyph>) -> Vec<Line> {
    glyphs.sort_by(|a, b| b.mid_y().total_cmp(&a.mid_y()).then(a.x0.total_cmp(&b.x0)));
    let mut lines: Vec<(f64, Vec<Glyph>)> = Vec::new();
    for g in glyphs {
        match lines.last_mut() {
            Some((mid, gs)) if (*mid - g.mid_y()).abs() <= 0.5 * g.size.max(1.0) => gs.push(g),
            _ => lines.push((g.mid_y(), vec![g])),
        }
    }
    lines
        .into_iter()
        .map(|(_, mut gs)| {
            gs.sort_by(|a, b| a.x0.total_cmp(&b.x0));
            let mut kept: Vec<Glyph> = Vec::with_capacity(gs.len());
            for g in gs {
                let again = kept.iter().rev().take(3).any(|k| {
                    k.c == g.c
                        && (k.x0 - g.x0).abs() < 0.3 * g.size
                        && (k.y - g.y).abs() < 0.3 * g.size
                });
                if !again {
                    kept.push(g);
                }
            }
            let top = kept
                .iter()
                .map(|g| g.y + 0.8 * g.size)
                .fold(f64::MIN, f64::max);
            let bottom = kept
                .iter()
                .map(|g| g.y - 0.2 * g.size)
                .fold(f64::MAX, f64::min);
            Line {
                glyphs: kept,
                top,
                bottom,
            }
        })
        .collect()
}

/// Join a cell's lines into one text: a label broken over lines needs no
/// space between its Chinese parts, but two words or numbers stay apart.
pub(crate) fn join_lines(lines: &[Line]) -> String {
    let mut out = String::new();
    for line in lines {
        let t = line.text();
        if t.is_empty() {
            continue;
        }
        let after = out.chars().last().is_some_and(|c| !is_cjk(c));
        let before = t.chars().next().is_some_and(|c| !is_cjk(c));
        if !out.is_empty() && after && before {
            out.push(' ');
        }
        out.push_str(&t);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str, x: f64, y: f64, size: f64) -> Vec<Glyph> {
        s.chars()
            .enumerate()
            .map(|(i, c)| {
                let w = if is_cjk(c) { size } else { size / 2.0 };
                Glyph {
                    c,
                    x0: x + i as f64 * w,
                    x1: x + (i + 1) as f64 * w,
                    y,
                    size,
                }
            })
            .collect()
    }

    #[test]
    fn lines_and_spaces() {
        let mut g = run("一、总体情况", 100.0, 700.0, 12.0);
        g.extend(run("abc", 100.0, 680.0, 12.0));
        g.extend(run("def", 122.0, 680.5, 12.0));
        let lines = group_lines(g);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].text(), "一、总体情况");
        assert_eq!(lines[1].text(), "abc def");
        assert_eq!(join_lines(&lines), "一、总体情况abc def");
    }

    #[test]
    fn fake_bold_is_read_once() {
        let mut g = run("公开", 100.0, 700.0, 12.0);
        g.extend(run("公开", 100.3, 700.0, 12.0));
        assert_eq!(group_lines(g)[0].text(), "公开");
    }
}
