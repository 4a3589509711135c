//! The six sections of a report and the headings that open them (spec §1).

use crate::text::{cn_numeral, fold, is_space, key, trim};

/// The sections as the template names them, 一 to 六.
pub const NAMES: [&str; 6] = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
];

/// The name of section `n` (1–6).
pub fn name(n: u8) -> &'static str {
    NAMES
        .get((n as usize).wrapping_sub(1))
        .copied()
        .unwrap_or("")
}

/// A statistical table: its short name, and the section that holds it.
#[derive(Debug, Clone, Copy)]
pub struct TableDef {
    /// `active`, `applications`, `review` (the JSON keys).
    pub id: &'static str,
    /// `表一` …
    pub name: &'static str,
    /// The section (2, 3, 4) the table sits under.
    pub section: u8,
}

/// The three tables in order.
pub const TABLES: [TableDef; 3] = [
    TableDef {
        id: "active",
        name: "表一",
        section: 2,
    },
    TableDef {
        id: "applications",
        name: "表二",
        section: 3,
    },
    TableDef {
        id: "review",
        name: "表三",
        section: 4,
    },
];

/// If the line is a section heading, its number, the byte offset of its
/// title within the trimmed line, and the title.
pub fn heading_of(line: &str) -> Option<(u8, String, bool)> {
    // Markdown or rich-text markers around a heading (`## 一、…`, `**一、…**`).
    let line = line
        .trim_start_matches(|c: char| is_space(c) || matches!(c, '#' | '*' | '>' | '【'))
        .trim_end_matches(|c: char| is_space(c) || matches!(c, '#' | '*' | '】'));
    // Quick rejection: a heading starts with 一…六 or 第.
    let c = line.chars().find(|&c| !is_space(c))?;
    if !matches!(c, '一' | '二' | '三' | '四' | '五' | '六' | '第') {
        return None;
    }
    // A heading is one cell: a table row like `一、\t本年新收…` is not.
    if line.split('\t').filter(|c| !trim(c).is_empty()).count() != 1 {
        return None;
    }
    let t = trim(line);
    let mut chars = t.char_indices();
    let (_, c0) = chars.next()?;
    let (n, rest) = if c0 == '第' {
        // 第一部分 / 第一章
        let (i, c1) = chars.next()?;
        let n = cn_numeral(&c1.to_string())?;
        let after = &t[i + c1.len_utf8()..];
        let after = after
            .strip_prefix("部分")
            .or_else(|| after.strip_prefix('章'))
            .or_else(|| after.strip_prefix('节'))?;
        (n, after)
    } else {
        let n = cn_numeral(&c0.to_string())?;
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
    let ok = match n {
        1 => k.contains("总体情况") || k.contains("概述") || k.contains("总体") || k == "基本情况",
        2 => k.contains("主动公开"),
        3 => k.contains("申请") && !k.contains("数量"),
        4 => k.contains("复议") || k.contains("诉讼"),
        5 => k.contains("问题") || k.contains("改进") || k.contains("不足"),
        6 => k.contains("其他") && (k.contains("报告") || k.contains("事项") || k.contains("说明")),
        _ => false,
    };
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
