//! Reading the text of a web page (`.html`, `.htm`, a page saved from a
//! government site, or Word's "save as web page").
//!
//! [`html_to_text`] works in four steps:
//!
//! 1. **Decode.** A byte-order mark is trusted; then bytes that are valid
//!    UTF-8 with non-ASCII characters are UTF-8 (a saved page often keeps a
//!    `gb2312` declaration after being re-encoded, while GBK text is almost
//!    never valid UTF-8); then the charset declared by `<meta charset>`,
//!    `<meta http-equiv="Content-Type">` or `<?xml encoding?>`; then
//!    GB18030 (a superset of GBK and GB2312). A byte that is invalid in the
//!    chosen encoding becomes U+FFFD, which the checker never reads as a digit.
//! 2. **Parse** with a small tag-level scanner into an element tree, with the
//!    implied end tags that matter for text (`<p>`, `<li>`, `<td>`, `<tr>` …).
//!    `<script>`, `<style>`, `<noscript>`, `<template>`, `<title>`, comments,
//!    and elements hidden with `display:none` or `hidden` are dropped; entities
//!    are decoded (`&nbsp;` is a space, so a cell holding only `&nbsp;` is an
//!    empty cell).
//! 3. **Write lines**: block elements (`p`, `div`, `h1`–`h6`, `li`, `br` …)
//!    break lines; each `<table>` becomes tab-separated rows with `rowspan`
//!    and `colspan` expanded to empty cells (as [`crate::docx`] does), the
//!    values of rows with numbers one per column of the table's header
//!    (see `grid`); nested tables and page-layout tables are written cell by
//!    cell.
//! 4. **Find the report** in a saved page with the site around it: the
//!    smallest element that holds both the title (a line with 信息公开 or
//!    政务公开 and 报告, nearest above the first section heading) and the
//!    last heading or table row; lines before the title go, and so do
//!    menus, breadcrumbs, share bars and footers inside that element
//!    (`<nav>`, `<footer>`, classes like `nav`, `crumb`, `share`) unless they
//!    hold part of the report. A page without a title or headings is kept
//!    whole: the checker ignores narrative.

use std::fmt;

use crate::input::grid;

/// Why a web page gave no report text.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum HtmlError {
    /// The page holds no visible text.
    NoText,
}

impl fmt::Display for HtmlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HtmlError::NoText => write!(
                f,
                "网页文件中没有找到文字（正文可能由脚本加载，保存下来的网页里没有报告内容）；\
                 请在浏览器中打开报告页面，全选复制文字后粘贴到网页版检查"
            ),
        }
    }
}

impl std::error::Error for HtmlError {}

/// The text of a web page: the report's part of it, paragraphs as lines and
/// table rows as tab-separated lines (see the module documentation).
///
/// # Errors
///
/// [`HtmlError::NoText`] when the page holds no visible text.
///
/// ```
/// let html = "<p>一、总体情况</p><table><tr><td rowspan=2>甲</td><td>1</td></tr><tr><td>2</td></tr></table>";
/// assert_eq!(xxgk::html::html_to_text(html.as_bytes()).unwrap(), "一、总体情况\n甲\t1\n\t2\n");
/// ```
pub fn html_to_text(bytes: &[u8]) -> Result<String, HtmlError> {
    let src = decode(bytes);
    let nodes = parse(&src);
    let mut r = Renderer {
        nodes: &nodes,
        out: Vec::new(),
        cur: String::new(),
        cur_node: 0,
        pre: 0,
        links: 0,
        link_chars: 0,
        other_chars: 0,
        tables: 0,
        grid: grid::GridState::new(4 * src.len() + 100_000),
    };
    r.walk(0);
    r.flush();
    let lines = select(r.out, &nodes);
    if lines.iter().all(|l| l.text.trim().is_empty()) {
        return Err(HtmlError::NoText);
    }
    Ok(grid::join(&lines))
}

/// Whether bytes look like a web page: after a byte-order mark and blank
/// space they start with `<`, and the first 1 KiB opens a document or a
/// common element.
pub(crate) fn looks_like_html(bytes: &[u8]) -> bool {
    const MARKS: &[&[u8]] = &[
        b"<!doctype html",
        b"<html",
        b"<head",
        b"<body",
        b"<meta",
        b"<table",
        b"<div",
        b"<p>",
        b"<p ",
        b"<title",
        b"<h1",
        b"<!--",
    ];
    let head = &bytes[..bytes.len().min(4096)];
    let head: Vec<u8> = if head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF") {
        // UTF-16: ASCII survives as every other byte.
        head.iter().copied().filter(|&b| b != 0).skip(2).collect()
    } else {
        head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head).to_vec()
    };
    let start = head.iter().position(|b| !b.is_ascii_whitespace());
    if start.map(|s| head[s]) != Some(b'<') {
        return false;
    }
    let lower = head[..head.len().min(1024)].to_ascii_lowercase();
    MARKS
        .iter()
        .any(|m| lower.windows(m.len()).any(|w| w == *m))
}

// ---- decoding -----------------------------------------------------------------

pub(super) fn decode(bytes: &[u8]) -> String {
    use crate::input::encoding::{gb18030, gb18030_lossy, utf16_lossy};
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return String::from_utf8_lossy(rest).into_owned();
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16_lossy(rest, false);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16_lossy(rest, true);
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return s.to_owned();
    }
    // Not UTF-8: whatever is declared, read GB18030 (pages in Latin or other
    // East Asian encodings are not government reports; their tables would
    // only add to the WebAssembly build). A declared UTF-8 that is not
    // valid is a GB page mislabelled, or damaged UTF-8.
    if let Some(s) = gb18030(bytes) {
        return s;
    }
    if declares_utf8(&bytes[..bytes.len().min(8192)]) {
        return String::from_utf8_lossy(bytes).into_owned();
    }
    gb18030_lossy(bytes)
}

/// Whether the first bytes of a page declare UTF-8: `<meta charset="utf-8">`,
/// `content="text/html; charset=utf-8"`, `<?xml … encoding="utf-8"?>`.
pub(super) fn declares_utf8(head: &[u8]) -> bool {
    let squeezed: Vec<u8> = head
        .iter()
        .filter(|b| !matches!(b, b' ' | b'"' | b'\''))
        .map(u8::to_ascii_lowercase)
        .collect();
    [&b"charset=utf"[..], b"encoding=utf"]
        .iter()
        .any(|m| find_bytes(&squeezed, m).is_some())
}

pub(super) fn find_bytes(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

// ---- entities -----------------------------------------------------------------

/// Named entities seen in Chinese government pages and Word's web pages:
/// each name followed by its character (names are letters and digits, the
/// characters are not).
const ENTITIES: &str = "nbsp\u{a0}amp&lt<gt>quot\"apos'ensp\u{2002}emsp\u{2003}thinsp\u{2009}\
     zwnj\u{200c}zwj\u{200d}shy\u{ad}ldquo“rdquo”lsquo‘rsquo’laquo«raquo»\
     mdash—ndash–minus−hellip…middot·bull•times×divide÷plusmn±le≤ge≥ne≠deg°\
     permil‰percnt%yen¥euro€cent¢pound£copy©reg®trade™sect§para¶sup1¹sup2²\
     sup3³frac12½frac14¼frac34¾larr←rarr→uarr↑darr↓hyphen-lpar(rpar)comma,\
     period.colon:semi;sol/num#";

/// The character of a named entity.
pub(super) fn named_entity(name: &str) -> Option<char> {
    let mut rest = ENTITIES;
    while !rest.is_empty() {
        let n = rest.find(|c: char| !c.is_ascii_alphanumeric())?;
        let c = rest[n..].chars().next()?;
        if &rest[..n] == name {
            return Some(c);
        }
        rest = &rest[n + c.len_utf8()..];
    }
    None
}

/// What browsers read for `&#128;` … `&#159;`: Windows-1252.
const WINDOWS_1252_C1: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

/// Entities that browsers also read without the closing `;`.
const LEGACY: &[&str] = &["nbsp", "amp", "lt", "gt", "quot", "copy", "reg"];

/// Decode character references in text.
pub(super) fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let (text, used) = entity(rest);
        if let Some(t) = text {
            out.push_str(&t);
            rest = &rest[used..];
        } else {
            out.push('&');
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
    out
}

/// The reference at the start of `s` (which starts with `&`): its text and
/// its length in bytes.
pub(super) fn entity(s: &str) -> (Option<String>, usize) {
    let b = s.as_bytes();
    if b.get(1) == Some(&b'#') {
        let hex = matches!(b.get(2), Some(b'x' | b'X'));
        let digits_from = if hex { 3 } else { 2 };
        let digits = b[digits_from..]
            .iter()
            .take_while(|c| {
                if hex {
                    c.is_ascii_hexdigit()
                } else {
                    c.is_ascii_digit()
                }
            })
            .count();
        if digits == 0 {
            return (None, 0);
        }
        let end = digits_from + digits;
        let num = &s[digits_from..end];
        let value = u32::from_str_radix(&num[..num.len().min(8)], if hex { 16 } else { 10 })
            .unwrap_or(0x0011_0000);
        let c = match value {
            // Windows-1252 numbers, as browsers read them.
            0x80..=0x9F => WINDOWS_1252_C1[(value - 0x80) as usize],
            0 => '\u{fffd}',
            v => char::from_u32(v).unwrap_or('\u{fffd}'),
        };
        let used = if b.get(end) == Some(&b';') {
            end + 1
        } else {
            end
        };
        return (Some(c.to_string()), used);
    }
    let name_len = b[1..]
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    let name = &s[1..=name_len];
    let semi = b.get(1 + name_len) == Some(&b';');
    if let Some(c) = named_entity(name) {
        if semi {
            return (Some(c.to_string()), name_len + 2);
        }
        if LEGACY.contains(&name) {
            return (Some(c.to_string()), name_len + 1);
        }
    }
    // `&nbspxyz` and the like: the legacy name at the start.
    for n in LEGACY {
        if name.starts_with(n) && !semi {
            return (named_entity(n).map(String::from), n.len() + 1);
        }
    }
    (None, 0)
}

mod lines;
mod parse;
mod report;

use self::lines::Renderer;
use self::parse::parse;
use self::report::select;

#[cfg(test)]
mod tests;
