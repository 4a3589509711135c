//! Recognising a section heading of the report in a line of text.
//!
//! Used by the structure phase ([`crate::doc`]) and by the web-page reader
//! ([`crate::input::html`], which finds the report inside a site's page by its
//! headings); the headings' wording is template data
//! ([`crate::template::sections`]).

use crate::template::sections;
use crate::text::{cn_numeral, fold, is_space, key, trim};

/// If the line is one of the six section headings (`一、概述`, `## 二、主动公开政府信息情况`,
/// `第三部分 …`), its number 1–6, its title as written, and whether the title
/// ends in （无） (a section declared empty).
pub fn heading_of(line: &str) -> Option<(u8, String, bool)> {
    // Markdown or rich-text markers around a heading (`## 一、…`, `**一、…**`).
    let line = line
        .trim_start_matches(|c: char| is_space(c) || matches!(c, '#' | '*' | '>' | '【'))
        .trim_end_matches(|c: char| is_space(c) || matches!(c, '#' | '*' | '】'));
    // Quick rejection: a heading starts with 一…六 or 第.
    let c = line.chars().find(|&c| !is_space(c))?;
    if !matches!(fold(c), '一' | '二' | '三' | '四' | '五' | '六' | '第') {
        return None;
    }
    // A heading is one cell: a table row like `一、\t本年新收…` is not.
    if line.split('\t').filter(|c| !trim(c).is_empty()).count() != 1 {
        return None;
    }
    let t = trim(line);
    let mut chars = t.char_indices();
    let (_, c0) = chars.next()?;
    let (n, rest) = if fold(c0) == '第' {
        // 第一部分 / 第一章
        let (i, c1) = chars.next()?;
        let n = cn_numeral(c1.encode_utf8(&mut [0; 4]))?;
        let after = &t[i + c1.len_utf8()..];
        let after = after
            .strip_prefix("部分")
            .or_else(|| after.strip_prefix('章'))
            .or_else(|| after.strip_prefix('节'))?;
        (n, after)
    } else {
        let n = cn_numeral(c0.encode_utf8(&mut [0; 4]))?;
        let (i, sep) = chars.next()?;
        if !matches!(fold(sep), '、' | '.' | ',' | '，') && !is_space(sep) {
            return None;
        }
        (n, &t[i + sep.len_utf8()..])
    };
    if !(1..=6).contains(&n) {
        return None;
    }
    let k = key(rest);
    if k.chars().count() > 40 || k.is_empty() {
        return None;
    }
    let ok = sections::title_matches(n as u8, &k);
    if !ok {
        return None;
    }
    let title = trim(rest).to_string();
    let none = k.ends_with('无') && {
        let f: Vec<char> = trim(rest).chars().map(fold).collect();
        f.ends_with(&['(', '无', ')']) || f.ends_with(&['【', '无', '】'])
    };
    Some((n as u8, title, none))
}
