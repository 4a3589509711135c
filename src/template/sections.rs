//! The six sections of a report and the headings that open them (spec §1).

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
#[must_use]
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

/// Whether `key` (a heading's title as a comparison key: ideographs, letters
/// and digits only) names section `n` (1–6) in one of the wordings reports use.
#[must_use]
pub fn title_matches(n: u8, key: &str) -> bool {
    let k = key;
    match n {
        1 => k.contains("总体情况") || k.contains("概述") || k.contains("总体") || k == "基本情况",
        2 => k.contains("主动公开"),
        3 => k.contains("申请") && !k.contains("数量"),
        4 => k.contains("复议") || k.contains("诉讼"),
        5 => k.contains("问题") || k.contains("改进") || k.contains("不足"),
        6 => k.contains("其他") && (k.contains("报告") || k.contains("事项") || k.contains("说明")),
        _ => false,
    }
}
