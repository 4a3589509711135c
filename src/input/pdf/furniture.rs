//! Running headers and footers: page numbers, a browser's date line and
//! address, and any line that recurs at the top or bottom of the pages.

use super::lines::Line;
use super::Block;

/// The share of the page's height, at its top and at its bottom, where
/// headers and footers are looked for.
const MARGIN: f64 = 0.1;

/// Which margin a line lies in, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Zone {
    Top,
    Bottom,
}

fn zone(block: &Block, height: f64) -> Option<Zone> {
    let Block::Line(l) = block else {
        return None;
    };
    line_zone(l, height)
}

fn line_zone(l: &Line, height: f64) -> Option<Zone> {
    if height <= 0.0 {
        return None;
    }
    if l.bottom >= height * (1.0 - MARGIN) {
        Some(Zone::Top)
    } else if l.top <= height * MARGIN {
        Some(Zone::Bottom)
    } else {
        None
    }
}

/// A line's shape: spaces dropped, each run of digits as `#`, lower case.
fn shape(text: &str) -> String {
    let mut out = String::new();
    let mut digit = false;
    for c in text.chars() {
        if c.is_ascii_digit() {
            if !digit {
                out.push('#');
            }
        } else if !c.is_whitespace() {
            out.extend(c.to_lowercase());
        }
        digit = c.is_ascii_digit();
    }
    out
}

/// A page number in one of the usual forms: `4`, `- 4 -`, `第 4 页`,
/// `第4页 共6页`, `4/6`, `Page 4 of 6`.
pub(crate) fn is_page_number(text: &str) -> bool {
    let s: String = shape(text)
        .chars()
        .filter(|c| !matches!(c, '-' | '—' | '–' | '－' | '·' | '|' | ',' | '，' | '、'))
        .collect();
    matches!(
        s.as_str(),
        "#" | "第#页"
            | "第#页共#页"
            | "第#页/共#页"
            | "共#页第#页"
            | "#/#"
            | "page#"
            | "page#of#"
            | "#of#"
    )
}

/// A browser's header or footer: the date and time it was printed, or the
/// page's address.
fn is_browser_line(text: &str) -> bool {
    let s = shape(text);
    s.contains("file://")
        || s.contains("http://")
        || s.contains("https://")
        || s.starts_with("#/#/##:#")
        || s.starts_with("#-#-##:#")
        || s.starts_with("#/#/#,#:#")
}

/// A number alone (`4`, `- 4 -`, `—3—`): its value. In a margin it may be
/// a page number or a table's cell carried over to the page's edge.
fn bare_number(text: &str) -> Option<u32> {
    let s: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '—' | '–' | '－'))
        .collect();
    if s.is_empty() || s.len() > 6 || !s.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// The numbers alone in the margins that number the pages, as the tops of
/// their lines, for each page: in a document of one page, every one; in a
/// longer one, those that another page's number in the same margin goes on
/// from (page 5's is two more than page 3's). A number alone that does not
/// is a cell of a table running over the page's edge, and stays.
pub(super) fn page_numbers(pages: &[Vec<Line>], heights: &[f64]) -> Vec<Vec<f64>> {
    let mut found: Vec<(usize, Zone, i64, f64)> = Vec::new();
    for (p, lines) in pages.iter().enumerate() {
        let h = heights.get(p).copied().unwrap_or(0.0);
        for l in lines {
            if let (Some(z), Some(v)) = (line_zone(l, h), bare_number(&l.text())) {
                found.push((p, z, i64::from(v), l.top));
            }
        }
    }
    // A page's number less its index: the same on two pages of one margin.
    let offset = |p: usize, v: i64| v - i64::try_from(p).unwrap_or(i64::MAX);
    let mut pages_of: std::collections::HashMap<(bool, i64), Vec<usize>> =
        std::collections::HashMap::new();
    for &(p, z, v, _) in &found {
        let seen = pages_of.entry((z == Zone::Top, offset(p, v))).or_default();
        if !seen.contains(&p) && seen.len() < 2 {
            seen.push(p);
        }
    }
    let mut out = vec![Vec::new(); pages.len()];
    for &(p, z, v, top) in &found {
        let numbered = pages.len() == 1
            || pages_of
                .get(&(z == Zone::Top, offset(p, v)))
                .is_some_and(|ps| ps.iter().any(|&q| q != p));
        if numbered {
            out[p].push(top);
        }
    }
    out
}

/// A line in the top or bottom margin that is a page number or a browser's
/// date line or address, whatever the other pages hold (a number alone
/// only when [`page_numbers`] finds it: `numbered`, the tops of its lines).
pub(super) fn is_margin_mark(line: &Line, height: f64, numbered: &[f64]) -> bool {
    if line_zone(line, height).is_none() {
        return false;
    }
    let text = line.text();
    if bare_number(&text).is_some() {
        return numbered.iter().any(|t| (t - line.top).abs() < 0.5);
    }
    is_page_number(&text) || is_browser_line(&text)
}

/// Drop the running headers and footers from every page.
pub(super) fn drop_furniture(pages: &mut [Vec<Block>], heights: &[f64]) {
    let mut seen: Vec<(Zone, String, usize)> = Vec::new();
    for (p, blocks) in pages.iter().enumerate() {
        let h = heights.get(p).copied().unwrap_or(0.0);
        for b in blocks {
            if let (Some(z), Block::Line(l)) = (zone(b, h), b) {
                if bare_number(&l.text()).is_some() {
                    continue;
                }
                let s = shape(&l.text());
                match seen.iter_mut().find(|(zz, ss, _)| *zz == z && *ss == s) {
                    Some(e) => e.2 += 1,
                    None => seen.push((z, s, 1)),
                }
            }
        }
    }
    for (p, blocks) in pages.iter_mut().enumerate() {
        let h = heights.get(p).copied().unwrap_or(0.0);
        blocks.retain(|b| {
            let (Some(z), Block::Line(l)) = (zone(b, h), b) else {
                return true;
            };
            let text = l.text();
            // Page numbers are gone already; a number alone left is a cell.
            if bare_number(&text).is_some() {
                return true;
            }
            let s = shape(&text);
            let recurs = seen
                .iter()
                .any(|(zz, ss, n)| *zz == z && *ss == s && *n >= 2);
            !(recurs || is_page_number(&text) || is_browser_line(&text))
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers() {
        for s in [
            "- 4 -",
            "第 4 页",
            "第4页 共6页",
            "4/6",
            "4 / 6",
            "12",
            "—3—",
            "Page 2 of 5",
        ] {
            assert!(is_page_number(s), "{s}");
        }
        for s in ["一、总体情况", "2021年", "行政许可 12", "3.其他"] {
            assert!(!is_page_number(s), "{s}");
        }
        assert!(is_browser_line("2026/11/30 22:00 报告"));
        assert!(is_browser_line("file:///tmp/a.html"));
        assert!(is_browser_line("12/1/26, 12:21 AM 年度报告"));
        assert!(!is_browser_line("2022年1月20日"));
    }
}
