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
//!    and `colspan` expanded to empty cells (as [`crate::docx`] does); nested
//!    tables and page-layout tables are written cell by cell.
//! 4. **Find the report** in a saved page with the site around it: the
//!    smallest element that holds both the title (a line with 信息公开 or
//!    政务公开 and 报告, nearest above the first section heading) and the
//!    last heading or table row; lines before the title go, and so do
//!    menus, breadcrumbs, share bars and footers inside that element
//!    (`<nav>`, `<footer>`, classes like `nav`, `crumb`, `share`) unless they
//!    hold part of the report. A page without a title or headings is kept
//!    whole: the checker ignores narrative.

use std::fmt;

use crate::doc::{find_year, heading_of};
use crate::grid::{self, GridCell, GridRow, Line, LineKind};
use crate::text::{is_han, key};

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
        budget: 4 * src.len() + 100_000,
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
    MARKS
        .iter()
        .any(|m| lower.windows(m.len()).any(|w| w == *m))
}

// ---- decoding -----------------------------------------------------------------

fn decode(bytes: &[u8]) -> String {
    use crate::encoding::{gb18030, gb18030_lossy, utf16_lossy};
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
fn declares_utf8(head: &[u8]) -> bool {
    let squeezed: Vec<u8> = head
        .iter()
        .filter(|b| !matches!(b, b' ' | b'"' | b'\''))
        .map(u8::to_ascii_lowercase)
        .collect();
    [&b"charset=utf"[..], b"encoding=utf"]
        .iter()
        .any(|m| find_bytes(&squeezed, m).is_some())
}

fn find_bytes(hay: &[u8], needle: &[u8]) -> Option<usize> {
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
fn named_entity(name: &str) -> Option<char> {
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
fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let (text, used) = entity(rest);
        match text {
            Some(t) => {
                out.push_str(&t);
                rest = &rest[used..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The reference at the start of `s` (which starts with `&`): its text and
/// its length in bytes.
fn entity(s: &str) -> (Option<String>, usize) {
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
            .unwrap_or(0x110000);
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
    let name = &s[1..1 + name_len];
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

// ---- parsing --------------------------------------------------------------------

/// Elements deeper than this are read as part of their parent.
const MAX_DEPTH: usize = 200;

#[derive(Debug)]
enum Child {
    Text(String),
    Node(usize),
}

#[derive(Debug)]
struct Node {
    name: String,
    parent: usize,
    children: Vec<Child>,
    rowspan: usize,
    colspan: usize,
    hidden: bool,
    /// Looks like site navigation, a share bar, a footer …
    chrome: bool,
    /// [`tag_flags`] of the name.
    flags: u8,
}

/// An element without content (`<br>`).
const VOID: u8 = 1;
/// An element whose content is not page text (`<script>`).
const DROPPED: u8 = 2;
/// A block: it starts and ends a line.
const BLOCK: u8 = 4;
/// A start tag that closes an open `<p>`.
const CLOSES_P: u8 = 8;

/// Tag names by kind, each between spaces (a string search is smaller in
/// the WebAssembly build than a `match`).
const TAG_KINDS: [(&str, u8); 5] = [
    (
        " br img input meta link col area base embed param source track wbr basefont bgsound \
         keygen ",
        VOID,
    ),
    (" hr ", VOID | CLOSES_P),
    (
        " script style noscript template title textarea iframe noembed noframes xmp svg math \
         object select ",
        DROPPED,
    ),
    (" tr td th thead tbody tfoot caption option ", BLOCK),
    (
        " table address article aside blockquote body center dd details dialog dir div dl dt \
         fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup legend li main \
         menu nav ol p pre section summary ul ",
        CLOSES_P,
    ),
];

/// What kind of element a (lower-case) tag name is.
fn tag_flags(name: &str) -> u8 {
    if name.is_empty() || name.contains(' ') {
        return 0;
    }
    for (k, (names, flags)) in TAG_KINDS.iter().enumerate() {
        let found = names.match_indices(name).any(|(i, _)| {
            names.as_bytes()[i - 1] == b' ' && names.as_bytes().get(i + name.len()) == Some(&b' ')
        });
        if found {
            // Every element that closes a `<p>`, but `<table>`, is a block.
            return if k == 4 && name != "table" {
                flags | BLOCK
            } else {
                *flags
            };
        }
    }
    0
}

/// Class, id and role words of site furniture. Matched inside the value.
const CHROME_PARTS: &[&str] = &[
    "nav",
    "menu",
    "crumb",
    "bread",
    "footer",
    "sidebar",
    "share",
    "pager",
    "pagination",
    "copyright",
    "friendlink",
    "toolbar",
    "dqwz",
];
/// Class, id and role words of site furniture. Matched as whole words.
const CHROME_WORDS: &[&str] = &[
    "foot", "side", "top", "header", "head", "position", "location", "weizhi", "links", "related",
    "xgxx", "xgwz", "search", "banner", "login", "print", "fx", "bdshare",
];

fn is_chrome(name: &str, words: &str) -> bool {
    if matches!(
        name,
        "nav" | "footer" | "aside" | "menu" | "header" | "button"
    ) {
        return true;
    }
    let words = words.to_ascii_lowercase();
    CHROME_PARTS.iter().any(|p| words.contains(p))
        || words
            .split(|c: char| !c.is_ascii_alphanumeric())
            .any(|w| CHROME_WORDS.contains(&w))
}

/// Attributes of a start tag that matter here.
#[derive(Default)]
struct Attrs {
    rowspan: Option<usize>,
    colspan: Option<usize>,
    hidden: bool,
    words: String,
}

fn parse_span(v: &str) -> Option<usize> {
    let digits: String = v
        .trim()
        .chars()
        .take_while(char::is_ascii_digit)
        .take(6)
        .collect();
    digits.parse().ok()
}

/// Parse a start tag beginning at `<` (at `at`): its lower-case name, its
/// attributes, whether it ends with `/>`, and the index after its `>`.
fn start_tag(src: &str, at: usize) -> (String, Attrs, bool, usize) {
    let b = src.as_bytes();
    let mut i = at + 1;
    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' && b[i] != b'/' {
        i += 1;
    }
    let name = src[at + 1..i].to_ascii_lowercase();
    let mut attrs = Attrs::default();
    let mut self_closing = false;
    loop {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            self_closing = b[i] == b'/';
            i += 1;
        }
        if i >= b.len() {
            return (name, attrs, self_closing, i);
        }
        if b[i] == b'>' {
            return (name, attrs, self_closing, i + 1);
        }
        self_closing = false;
        let ns = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        let aname = src[ns..i].to_ascii_lowercase();
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = "";
        if i < b.len() && b[i] == b'=' {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                let q = b[i];
                let vs = i + 1;
                let ve = b[vs..]
                    .iter()
                    .position(|&c| c == q)
                    .map_or(b.len(), |p| vs + p);
                value = &src[vs..ve];
                i = (ve + 1).min(b.len());
            } else {
                let vs = i;
                while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                    i += 1;
                }
                value = &src[vs..i];
            }
        }
        match aname.as_str() {
            "rowspan" => attrs.rowspan = parse_span(value),
            "colspan" => attrs.colspan = parse_span(value),
            "hidden" => attrs.hidden = true,
            "style" => {
                let v: String = value
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect::<String>()
                    .to_ascii_lowercase();
                if v.contains("display:none") || v.contains("mso-hide:all") {
                    attrs.hidden = true;
                }
            }
            "class" | "id" | "role" => {
                attrs.words.push(' ');
                attrs.words.push_str(value);
            }
            _ => {}
        }
    }
}

struct Parser {
    nodes: Vec<Node>,
    stack: Vec<usize>,
}

impl Parser {
    fn top(&self) -> usize {
        *self.stack.last().expect("the root stays open")
    }

    fn name(&self, id: usize) -> &str {
        &self.nodes[id].name
    }

    fn text(&mut self, s: &str) {
        if s.is_empty() {
            return;
        }
        let top = self.top();
        let s = decode_entities(s);
        if let Some(Child::Text(t)) = self.nodes[top].children.last_mut() {
            t.push_str(&s);
        } else {
            self.nodes[top].children.push(Child::Text(s));
        }
    }

    /// Index in the stack of the nearest open element named in `targets`,
    /// not looking past any element named in `stops`.
    fn open_index(&self, targets: &[&str], stops: &[&str]) -> Option<usize> {
        for (k, &id) in self.stack.iter().enumerate().skip(1).rev() {
            let n = self.name(id);
            if targets.contains(&n) {
                return Some(k);
            }
            if stops.contains(&n) {
                return None;
            }
        }
        None
    }

    fn close_at(&mut self, k: Option<usize>) {
        if let Some(k) = k {
            self.stack.truncate(k);
        }
    }

    fn start(&mut self, name: &str, attrs: Attrs, self_closing: bool) {
        if matches!(name, "html" | "head" | "body") {
            return;
        }
        const TABLE: &[&str] = &["table"];
        const CELL_STOPS: &[&str] = &["table", "td", "th", "caption", "button"];
        let flags = tag_flags(name);
        if flags & CLOSES_P != 0 {
            let k = self.open_index(&["p"], CELL_STOPS);
            self.close_at(k);
        }
        match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
                if matches!(
                    self.name(self.top()),
                    "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
                ) =>
            {
                self.stack.pop();
            }
            "li" => {
                let k = self.open_index(&["li"], &["ul", "ol", "table", "td", "th"]);
                self.close_at(k);
            }
            "dt" | "dd" => {
                let k = self.open_index(&["dt", "dd"], &["dl", "table", "td", "th"]);
                self.close_at(k);
            }
            "tr" => {
                let k = self.open_index(&["tr"], &["table", "thead", "tbody", "tfoot"]);
                self.close_at(k);
            }
            "td" | "th" => {
                let k = self.open_index(&["td", "th"], &["tr", "table"]);
                self.close_at(k);
            }
            "thead" | "tbody" | "tfoot" => {
                let k = self.open_index(&["thead", "tbody", "tfoot"], TABLE);
                self.close_at(k);
            }
            "option" if self.name(self.top()) == "option" => {
                self.stack.pop();
            }
            _ => {}
        }
        let parent = self.top();
        let id = self.nodes.len();
        let hidden = attrs.hidden;
        let chrome = is_chrome(name, &attrs.words);
        self.nodes.push(Node {
            name: name.to_string(),
            parent,
            children: Vec::new(),
            rowspan: attrs.rowspan.unwrap_or(1),
            colspan: attrs.colspan.unwrap_or(1).max(1),
            hidden,
            chrome,
            flags,
        });
        self.nodes[parent].children.push(Child::Node(id));
        if flags & VOID == 0 && !self_closing && self.stack.len() < MAX_DEPTH {
            self.stack.push(id);
        }
    }

    fn end(&mut self, name: &str) {
        match name {
            "html" | "head" | "body" => {}
            "br" => self.start("br", Attrs::default(), true),
            "table" => {
                let k = self.open_index(&["table"], &[]);
                self.close_at(k);
            }
            "td" | "th" | "tr" | "thead" | "tbody" | "tfoot" | "caption" => {
                let k = self.open_index(&[name], &["table"]);
                self.close_at(k);
            }
            "p" => match self.open_index(&["p"], &["table", "td", "th", "caption", "button"]) {
                Some(k) => self.stack.truncate(k),
                // `</p>` with no open `<p>` is an empty paragraph.
                None => self.start("br", Attrs::default(), true),
            },
            _ => {
                let k = self.open_index(&[name], &["table", "td", "th", "caption"]);
                self.close_at(k);
            }
        }
    }
}

fn parse(src: &str) -> Vec<Node> {
    let mut p = Parser {
        nodes: vec![Node {
            name: "#root".to_string(),
            parent: 0,
            children: Vec::new(),
            rowspan: 1,
            colspan: 1,
            hidden: false,
            chrome: false,
            flags: 0,
        }],
        stack: vec![0],
    };
    let b = src.as_bytes();
    let mut i = 0;
    let mut text_from = 0;
    while let Some(off) = b[i..].iter().position(|&c| c == b'<') {
        let lt = i + off;
        let next = b.get(lt + 1).copied().unwrap_or(0);
        let skip_to = |from: usize, pat: &[u8]| -> usize {
            find_bytes(&b[from.min(b.len())..], pat).map_or(b.len(), |e| from + e + pat.len())
        };
        let after = if b[lt..].starts_with(b"<!--") {
            Some(skip_to(lt + 4, b"-->"))
        } else if next == b'!' || next == b'?' {
            Some(skip_to(lt + 2, b">"))
        } else if next == b'/' && b.get(lt + 2).is_some_and(u8::is_ascii_alphabetic) {
            let e = skip_to(lt + 2, b">");
            let name: String = src[lt + 2..e]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == ':' || *c == '-')
                .collect::<String>()
                .to_ascii_lowercase();
            p.text(&src[text_from..lt]);
            text_from = e;
            p.end(&name);
            i = e;
            continue;
        } else if next.is_ascii_alphabetic() {
            let (name, attrs, self_closing, e) = start_tag(src, lt);
            p.text(&src[text_from..lt]);
            let mut end = e;
            if tag_flags(&name) & DROPPED != 0 {
                if !self_closing {
                    // Skip to the matching end tag.
                    let close = format!("</{name}");
                    let lower_find = |from: usize| -> Option<usize> {
                        b[from..]
                            .windows(close.len())
                            .position(|w| w.eq_ignore_ascii_case(close.as_bytes()))
                            .map(|x| from + x)
                    };
                    end = match lower_find(e.min(b.len())) {
                        Some(c) => skip_to(c, b">"),
                        None => b.len(),
                    };
                }
            } else {
                p.start(&name, attrs, self_closing);
            }
            text_from = end;
            i = end;
            continue;
        } else {
            None
        };
        match after {
            Some(e) => {
                p.text(&src[text_from..lt]);
                text_from = e;
                i = e;
            }
            None => i = lt + 1,
        }
    }
    p.text(&src[text_from.min(b.len())..]);
    p.nodes
}

// ---- lines ----------------------------------------------------------------------

struct Renderer<'a> {
    nodes: &'a [Node],
    out: Vec<Line>,
    cur: String,
    /// The innermost block element the current line is in.
    cur_node: usize,
    pre: usize,
    /// Depth inside `<a>`.
    links: usize,
    /// Characters of the current line inside and outside links.
    link_chars: usize,
    other_chars: usize,
    /// Tables written so far (to tell a cell that holds one).
    tables: usize,
    budget: usize,
}

impl Renderer<'_> {
    fn flush(&mut self) {
        let t = self.cur.trim();
        if !t.is_empty() {
            self.out.push(Line {
                text: t.to_string(),
                node: self.cur_node,
                kind: LineKind::Text,
                link: self.other_chars == 0,
            });
        }
        self.cur.clear();
        self.link_chars = 0;
        self.other_chars = 0;
    }

    fn text(&mut self, s: &str) {
        let visible = s.chars().filter(|c| !c.is_whitespace()).count();
        if self.links > 0 {
            self.link_chars += visible;
        } else {
            self.other_chars += visible;
        }
        if self.pre > 0 {
            for (k, part) in s.split('\n').enumerate() {
                if k > 0 {
                    self.flush();
                }
                self.cur
                    .push_str(&part.replace(['\u{a0}', '\t', '\r'], " "));
            }
            return;
        }
        for c in s.chars() {
            if matches!(c, '\u{ad}' | '\u{200b}'..='\u{200d}' | '\u{feff}') {
                continue;
            }
            if matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c' | '\u{a0}') {
                if !self.cur.is_empty() && !self.cur.ends_with(' ') {
                    self.cur.push(' ');
                }
            } else {
                self.cur.push(c);
            }
        }
    }

    fn children(&mut self, id: usize) {
        let nodes = self.nodes;
        for child in &nodes[id].children {
            match child {
                Child::Text(s) => self.text(s),
                Child::Node(c) => self.walk(*c),
            }
        }
    }

    fn walk(&mut self, id: usize) {
        let nodes = self.nodes;
        let n = &nodes[id];
        if n.hidden {
            return;
        }
        match n.name.as_str() {
            "br" | "hr" => {
                self.flush();
                return;
            }
            "table" => {
                self.table(id);
                return;
            }
            _ => {}
        }
        let block = n.flags & BLOCK != 0;
        let pre = n.name == "pre";
        let link = n.name == "a";
        let saved = self.cur_node;
        if block {
            self.flush();
            self.cur_node = id;
        }
        self.pre += usize::from(pre);
        self.links += usize::from(link);
        self.children(id);
        self.pre -= usize::from(pre);
        self.links -= usize::from(link);
        if block {
            self.flush();
            self.cur_node = saved;
        }
    }

    fn table(&mut self, id: usize) {
        self.flush();
        self.tables += 1;
        let saved = self.cur_node;
        self.cur_node = id;
        let mut rows: Vec<(usize, Vec<usize>)> = Vec::new();
        self.collect_rows(id, id, &mut rows);
        let grid_rows = rows
            .into_iter()
            .map(|(node, cells)| GridRow {
                cells: cells.into_iter().map(|c| self.cell(c)).collect(),
                node,
            })
            .collect();
        let mut budget = self.budget;
        grid::render_table(grid_rows, &mut budget, &mut self.out);
        self.budget = budget;
        self.cur_node = saved;
    }

    /// The rows of a table, in order, looking through `thead`/`tbody`/`tfoot`
    /// and any wrapper; captions and stray text are written at once.
    fn collect_rows(&mut self, id: usize, table: usize, rows: &mut Vec<(usize, Vec<usize>)>) {
        let nodes = self.nodes;
        for child in &nodes[id].children {
            match child {
                Child::Text(s) => {
                    if !s.trim().is_empty() {
                        self.text(s);
                        self.flush();
                    }
                }
                Child::Node(c) => {
                    let c = *c;
                    if nodes[c].hidden {
                        continue;
                    }
                    match nodes[c].name.as_str() {
                        "tr" => {
                            let mut cells = Vec::new();
                            collect_cells(nodes, c, &mut cells);
                            rows.push((c, cells));
                        }
                        "td" | "th" => match rows.last_mut() {
                            Some((node, cells)) if *node == table => cells.push(c),
                            _ => rows.push((table, vec![c])),
                        },
                        "caption" | "table" => self.walk(c),
                        _ => self.collect_rows(c, table, rows),
                    }
                }
            }
        }
    }

    fn cell(&mut self, id: usize) -> GridCell {
        let saved_out = std::mem::take(&mut self.out);
        let saved_cur = std::mem::take(&mut self.cur);
        let saved_counts = (self.link_chars, self.other_chars);
        (self.link_chars, self.other_chars) = (0, 0);
        let saved_node = self.cur_node;
        let tables = self.tables;
        self.cur_node = id;
        self.children(id);
        self.flush();
        let lines = std::mem::replace(&mut self.out, saved_out);
        self.cur = saved_cur;
        (self.link_chars, self.other_chars) = saved_counts;
        self.cur_node = saved_node;
        GridCell {
            lines,
            nested: self.tables > tables,
            colspan: self.nodes[id].colspan,
            rowspan: self.nodes[id].rowspan,
        }
    }
}

/// The cells of a row, looking through wrappers (`<form>`, `<font>` …).
fn collect_cells(nodes: &[Node], id: usize, cells: &mut Vec<usize>) {
    for child in &nodes[id].children {
        if let Child::Node(c) = child {
            let n = &nodes[*c];
            if n.hidden {
                continue;
            }
            match n.name.as_str() {
                "td" | "th" => cells.push(*c),
                "table" | "tr" => {}
                _ => collect_cells(nodes, *c, cells),
            }
        }
    }
}

// ---- finding the report --------------------------------------------------------

fn is_title(line: &str) -> bool {
    let k = key(line);
    k.contains("报告")
        && (k.contains("信息公开") || k.contains("政务公开"))
        && k.chars().count() <= 80
}

/// Short lines of page furniture after the report.
const CHROME_PHRASES: &[&str] = &[
    "打印本页",
    "【打印】",
    "[打印]",
    "关闭窗口",
    "【关闭】",
    "[关闭]",
    "分享到",
    "上一篇",
    "下一篇",
    "返回顶部",
    "扫一扫",
    "浏览次数",
    "【字体",
    "字号：",
];

fn is_under(nodes: &[Node], mut n: usize, ancestor: usize) -> bool {
    loop {
        if n == ancestor {
            return true;
        }
        if n == 0 {
            return false;
        }
        n = nodes[n].parent;
    }
}

/// Inside an element that looks like site navigation.
fn in_chrome(nodes: &[Node], mut n: usize) -> bool {
    while n != 0 {
        if nodes[n].chrome {
            return true;
        }
        n = nodes[n].parent;
    }
    false
}

fn common_ancestor(nodes: &[Node], a: usize, b: usize) -> usize {
    let mut path = Vec::new();
    let mut n = a;
    loop {
        path.push(n);
        if n == 0 {
            break;
        }
        n = nodes[n].parent;
    }
    let mut m = b;
    loop {
        if path.contains(&m) {
            return m;
        }
        if m == 0 {
            return 0;
        }
        m = nodes[m].parent;
    }
}

fn select(mut lines: Vec<Line>, nodes: &[Node]) -> Vec<Line> {
    let keep = choose(&lines, nodes);
    let mut k = keep.iter();
    lines.retain(|_| k.next().copied().unwrap_or(true));
    lines
}

/// Which lines to keep (see the module documentation, step 4).
fn choose(lines: &[Line], nodes: &[Node]) -> Vec<bool> {
    let mut headings = Vec::new();
    let mut first_row = None;
    let mut last_row = None;
    let mut mark = vec![false; lines.len()];
    for (i, l) in lines.iter().enumerate() {
        if l.kind == LineKind::Row {
            first_row = first_row.or(Some(i));
            last_row = Some(i);
            mark[i] = true;
        }
        if l.text.len() <= 240 && heading_of(&l.text).is_some() {
            headings.push(i);
            mark[i] = true;
        }
    }
    let Some(first) = headings.first().copied().or(first_row) else {
        // Nothing of a report: the checker will say so. Leave out what is
        // plainly the site (its furniture and lines that are only links) so
        // that a menu entry is not taken for the title.
        return lines
            .iter()
            .map(|l| !l.link && !in_chrome(nodes, l.node))
            .collect();
    };
    // The title: the nearest line above the first heading that names the
    // report, preferring one with a year; not a link (a list of other
    // years' reports, a breadcrumb), not a sentence (a preamble).
    let mut title = None;
    for i in (0..first).rev() {
        let t = &lines[i].text;
        if !lines[i].link && is_title(t) && !t.contains(['。', '，', '；']) {
            if find_year(t).is_some() {
                title = Some(i);
                break;
            }
            title = title.or(Some(i));
        }
    }
    let end = headings.last().copied().max(last_row).unwrap_or(first);

    // Elements that hold part of the report are never dropped as furniture.
    let mut material = vec![false; nodes.len()];
    if let Some(t) = title {
        mark[t] = true;
    }
    for (l, _) in lines.iter().zip(&mark).filter(|(_, &m)| m) {
        let mut n = l.node;
        while !material[n] {
            material[n] = true;
            if n == 0 {
                break;
            }
            n = nodes[n].parent;
        }
    }
    // Furniture: inside an element that looks like site navigation and holds
    // no part of the report (looked for below `top`).
    let furniture = |mut n: usize, top: usize| -> bool {
        while n != top && n != 0 {
            if nodes[n].chrome && !material[n] {
                return true;
            }
            n = nodes[n].parent;
        }
        nodes[n].chrome && !material[n]
    };
    // Without a title there is no telling where the report starts: keep all
    // but the furniture.
    let Some(start) = title else {
        return lines.iter().map(|l| !furniture(l.node, 0)).collect();
    };
    let container = common_ancestor(nodes, lines[start].node, lines[end].node);
    // Lines of the title's own element before it (a title broken by <br>).
    let mut from = start;
    while from > 0 && lines[from - 1].node == lines[start].node {
        from -= 1;
    }
    // The agency's name on a line of its own just above the title (in a
    // heading of its own, outside the content).
    let agency = (0..from)
        .rev()
        .filter(|&i| !furniture(lines[i].node, 0))
        .take(4)
        .find(|&i| looks_like_agency(&lines[i].text));
    let last_heading = headings.last().copied().unwrap_or(end);
    let mut keep = vec![false; lines.len()];
    for (i, l) in lines.iter().enumerate().skip(from) {
        keep[i] = is_under(nodes, l.node, container)
            && !furniture(l.node, container)
            && !(i > last_heading
                && l.text.chars().count() <= 40
                && CHROME_PHRASES.iter().any(|p| l.text.contains(p)));
    }
    if let Some(a) = agency {
        keep[a] = true;
    }
    keep
}

/// A line that is only an agency's name (示例县教育局).
fn looks_like_agency(line: &str) -> bool {
    let t = line.trim();
    (3..=30).contains(&t.chars().count()) && t.chars().all(is_han) && !t.contains("报告")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(html: &str) -> String {
        html_to_text(html.as_bytes()).unwrap()
    }

    #[test]
    fn blocks_inline_and_whitespace() {
        assert_eq!(
            text("<div>一、<b>总体\n  情况</b></div><p>第一段<br>第二行<p>第二段</p><ul><li>甲<li>乙</ul>"),
            "一、总体 情况\n第一段\n第二行\n第二段\n甲\n乙\n"
        );
    }

    #[test]
    fn dropped_content() {
        let html = "<html><head><title>标题</title><style>p{}</style><script>var a='<p>x</p>';</script></head>\
                    <body><!-- <p>注释</p> --><noscript>请启用</noscript><p>正文</p><div style=\"display: none\">隐藏</div><p hidden>也隐藏</p></body></html>";
        assert_eq!(text(html), "正文\n");
    }

    #[test]
    fn entities() {
        assert_eq!(
            decode_entities("a&nbsp;b&amp;c&lt;&#20013;&#x56FD;&#150;&bogus;&amp&copy x&nbspy"),
            "a\u{a0}b&c<中国–&bogus;&© x\u{a0}y"
        );
        assert_eq!(
            text("<table><tr><td>&nbsp;</td><td>1&nbsp;</td></tr></table>"),
            "\t1\n"
        );
    }

    #[test]
    fn rowspan_colspan() {
        let html = "<table><tbody><tr><td rowspan=\"3\" colspan=\"3\">头</td><td colspan=7>申请人情况</td></tr>\
                    <tr><td rowspan=2>自然人</td><td colspan=5>法人</td><td rowspan=2>总计</td></tr>\
                    <tr><th>商业<th>科研</tr></tbody></table>";
        assert_eq!(
            text(html),
            "头\t\t\t申请人情况\t\t\t\t\t\t\n\t\t\t自然人\t法人\t\t\t\t\t总计\n\t\t\t\t商业\t科研\t\t\t\t\n"
        );
    }

    #[test]
    fn nested_and_layout_tables() {
        let html = "<table><tr><td>菜单</td><td><p>正文</p><table><tr><td>甲</td><td>1</td></tr></table></td></tr></table>";
        assert_eq!(text(html), "菜单\n正文\n甲\t1\n");
        let cell = "<td><p>一</p><p>二</p><p>三</p><p>四</p></td>";
        assert_eq!(
            text(&format!("<table><tr><td>左</td>{cell}</tr></table>")),
            "左\n一\n二\n三\n四\n"
        );
    }

    #[test]
    fn charsets() {
        let (gbk, _, _) = encoding_rs::GBK.encode("<meta charset=\"gbk\"><p>政府信息公开</p>");
        assert_eq!(text_bytes(&gbk), "政府信息公开\n");
        let (gbk, _, _) = encoding_rs::GBK.encode(
            "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"><p>年度报告</p>",
        );
        assert_eq!(text_bytes(&gbk), "年度报告\n");
        // No declaration: GB18030.
        let (gbk, _, _) = encoding_rs::GBK.encode("<p>年度报告</p>");
        assert_eq!(text_bytes(&gbk), "年度报告\n");
        // A gb2312 declaration left on a page saved as UTF-8.
        assert_eq!(
            text_bytes("<meta charset=gb2312><p>年度报告</p>".as_bytes()),
            "年度报告\n"
        );
        // UTF-16 with a byte-order mark.
        let mut u16 = vec![0xFF, 0xFE];
        u16.extend("<p>报告</p>".encode_utf16().flat_map(|u| u.to_le_bytes()));
        assert_eq!(text_bytes(&u16), "报告\n");
        assert!(declares_utf8(
            b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><html>"
        ));
        assert!(declares_utf8(
            b"<meta http-equiv=Content-Type content='text/html; charset = UTF-8'>"
        ));
        assert!(!declares_utf8(b"<meta charset=gb2312>"));
        // Declared UTF-8 but not valid: GB18030 when it decodes, else UTF-8
        // with U+FFFD for the bad bytes.
        let (gbk, _, _) = encoding_rs::GBK.encode("<meta charset=utf-8><p>年度报告</p>");
        assert_eq!(text_bytes(&gbk), "年度报告\n");
        assert_eq!(
            text_bytes(b"<meta charset=utf-8><p>\xE5\xB9\xB4\xFF</p>"),
            "年\u{fffd}\n"
        );
        // Neither UTF-8 nor GB18030: GB18030 with U+FFFD.
        assert_eq!(text_bytes(b"<p>\xD6\xD0\xFF\xCE\xC4</p>"), "中\u{fffd}文\n");
        assert_eq!(
            text_bytes(b"\xFF\xFE<\x00p\x00>\x00\x2D\x4E\x00"),
            "中\u{fffd}\n"
        );
    }

    fn text_bytes(b: &[u8]) -> String {
        html_to_text(b).unwrap()
    }

    #[test]
    fn no_text() {
        assert_eq!(
            html_to_text(b"<html><body><script>load()</script><div id=app></div></body></html>"),
            Err(HtmlError::NoText)
        );
    }

    #[test]
    fn malformed_markup_does_not_panic() {
        for s in [
            "<",
            "<p",
            "<td rowspan=",
            "</",
            "<!--",
            "<a href='x",
            "&#",
            "&#x110000;",
            "</p></td></tr>",
            "<table><td>1<td>2<tr><td>3",
            "<script>",
            "<p>a<table><p>b</table>",
            "<div><div><div></span></div>",
            "<tr><td>x</td></tr>",
        ] {
            let _ = html_to_text(s.as_bytes());
        }
        let deep = "<div>".repeat(5000) + "深" + &"</div>".repeat(5000);
        assert_eq!(text(&deep), "深\n");
        let wide = "<table>".to_string()
            + &"<tr><td rowspan=65534 colspan=1000>x</td></tr>".repeat(200)
            + "</table>";
        assert!(text(&wide).len() < 4 * wide.len() + 200_000);
    }

    #[test]
    fn report_found_in_a_site_page() {
        let html = "<html><body>\
            <div class=\"header\"><div class=\"logo\">示例县人民政府</div>\
              <ul class=\"nav\"><li><a>首页</a><li><a>政务公开</a><li><a>办事服务</a></ul></div>\
            <div class=\"crumb\">当前位置：首页 &gt; 政务公开 &gt; 政府信息公开年度报告</div>\
            <div class=\"main\"><div class=\"left\"><ul><li><a>2021年政府信息公开工作年度报告</a></ul></div>\
            <div class=\"article\"><h1>示例县教育局2022年政府信息公开工作年度报告</h1>\
              <div class=\"info\">发布时间：2023-01-16</div><div class=\"share\">分享到：微信 微博</div>\
              <div class=\"content\"><p>一、总体情况</p><p>正文。</p>\
              <table><tr><td>甲</td><td>1</td></tr></table>\
              <p>六、其他需要报告的事项</p><p>无。</p><p>示例县教育局</p><p>2023年1月16日</p></div>\
              <div class=\"pages\">【打印本页】【关闭窗口】</div></div></div>\
            <div class=\"footer\">版权所有：示例县人民政府 网站标识码 1234</div></body></html>";
        assert_eq!(
            text(html),
            "示例县教育局2022年政府信息公开工作年度报告\n发布时间：2023-01-16\n一、总体情况\n正文。\n甲\t1\n\
             六、其他需要报告的事项\n无。\n示例县教育局\n2023年1月16日\n"
        );
    }

    #[test]
    fn word_web_page() {
        // What Word writes for "save as web page": conditional comments,
        // list numbers shown only to old browsers, Office tags, spans.
        let html = "<html xmlns:o=\"urn:schemas-microsoft-com:office:office\"><head>\
            <!--[if gte mso 9]><xml><o:DocumentProperties><o:Author>x</o:Author></o:DocumentProperties></xml><![endif]-->\
            </head><body lang=ZH-CN><div class=WordSection1>\
            <p class=MsoListParagraph><![if !supportLists]><span lang=EN-US>一、<span style='font:7.0pt'>&nbsp;&nbsp; </span></span><![endif]>总体情况<o:p></o:p></p>\
            <table class=MsoNormalTable border=1><tr><td width=100 rowspan=2 style='border:solid'><p class=MsoNormal>\
            <span>（三）不予</span><span>公开</span></p></td><td><p class=MsoNormal>1.属于国家秘密</p></td><td><p>0<o:p></o:p></p></td></tr>\
            <tr><td><p>2.其他</p></td><td><p>&nbsp;</p></td></tr></table></div></body></html>";
        assert_eq!(
            text(html),
            "一、 总体情况\n（三）不予公开\t1.属于国家秘密\t0\n\t2.其他\t\n"
        );
    }

    #[test]
    fn tag_kinds() {
        assert_eq!(tag_flags("p"), BLOCK | CLOSES_P);
        assert_eq!(tag_flags("ul"), BLOCK | CLOSES_P);
        assert_eq!(tag_flags("table"), CLOSES_P);
        assert_eq!(tag_flags("td"), BLOCK);
        assert_eq!(tag_flags("hr"), VOID | CLOSES_P);
        assert_eq!(tag_flags("keygen"), VOID);
        assert_eq!(tag_flags("select"), DROPPED);
        for inline in ["b", "a", "span", "font", "o:p", "bod", "", "p p"] {
            assert_eq!(tag_flags(inline), 0, "{inline}");
        }
    }

    #[test]
    fn sniffing() {
        assert!(looks_like_html(b"\xEF\xBB\xBF  <!DOCTYPE html><html>"));
        assert!(looks_like_html(b"<table><tr><td>1</td></tr></table>"));
        assert!(!looks_like_html("示例<table>".as_bytes()));
        assert!(!looks_like_html(b"<<not markup"));
    }
}
