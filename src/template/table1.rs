//! Table 1 (二、主动公开政府信息情况): its rows, blocks (第二十条第（一）（五）（六）（八）（九）项)
//! and, for each format, the value columns of a block and what they hold.

use super::{Format, Row, RowDef};

/// What a table 1 cell holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A non-negative count.
    Count,
    /// A signed count (2019 本年增/减).
    Signed,
    /// A non-negative amount of money.
    Money,
}

/// The rows of table 1 in template order.
pub const ROWS: &[RowDef] = &[
    RowDef {
        key: Row::Regulations,
        label: "规章",
        keys: &["规章"],
    },
    RowDef {
        key: Row::NormativeDocuments,
        label: "规范性文件",
        keys: &["行政规范性文件", "规范性文件"],
    },
    RowDef {
        key: Row::Licensing,
        label: "行政许可",
        keys: &["行政许可"],
    },
    RowDef {
        key: Row::OtherServices,
        label: "其他对外管理服务事项",
        keys: &["其他对外管理服务事项"],
    },
    RowDef {
        key: Row::Penalty,
        label: "行政处罚",
        keys: &["行政处罚"],
    },
    RowDef {
        key: Row::Enforcement,
        label: "行政强制",
        keys: &["行政强制"],
    },
    RowDef {
        key: Row::Fees,
        label: "行政事业性收费",
        keys: &["行政事业性收费"],
    },
    RowDef {
        key: Row::Procurement,
        label: "政府集中采购",
        keys: &["政府集中采购"],
    },
];

/// The value columns of a block in one format.
#[derive(Debug)]
pub struct Form {
    /// The columns' headings.
    pub columns: &'static [&'static str],
    /// What each column holds.
    pub kinds: &'static [Kind],
    /// The unit the template prints in the money column's header.
    pub unit: Option<&'static str>,
}

/// A block of table 1: one item of 第二十条.
#[derive(Debug)]
pub struct Block {
    /// `（一）` …
    pub item: &'static str,
    /// The item's number in 第二十条第（X）项.
    pub number: u32,
    /// Row keys in template order (for each format, see [`Block::rows_in`]).
    pub rows: &'static [Row],
    /// The columns in the 2019 trial format.
    pub f2019: Form,
    /// The columns in the 2021 format.
    pub f2021: Form,
    /// The 2021 format dropped this block (its rows are still read with the 2019 columns).
    pub only_2019: bool,
}

impl Block {
    /// The block's columns in format `f`.
    #[must_use]
    pub fn form(&self, f: Format) -> &Form {
        match f {
            Format::F2019 => &self.f2019,
            Format::F2021 => &self.f2021,
        }
    }

    /// Whether the format has this block at all.
    #[must_use]
    pub fn in_format(&self, f: Format) -> bool {
        f == Format::F2019 || !self.only_2019
    }

    /// The block's rows in a format.
    pub fn rows_in(&self, f: Format) -> impl Iterator<Item = Row> + '_ {
        self.rows
            .iter()
            .copied()
            .filter(move |k| f == Format::F2019 || !ONLY_2019_ROWS.contains(k))
    }
}

/// Rows the 2021 format removed.
pub const ONLY_2019_ROWS: &[Row] = &[Row::OtherServices, Row::Procurement];

const DOCS_2019: Form = Form {
    columns: &["本年新制作数量", "本年新公开数量", "对外公开总数量"],
    kinds: &[Kind::Count, Kind::Count, Kind::Count],
    unit: None,
};
const DOCS_2021: Form = Form {
    columns: &["本年制发件数", "本年废止件数", "现行有效件数"],
    kinds: &[Kind::Count, Kind::Count, Kind::Count],
    unit: None,
};
const ITEMS_2019: Form = Form {
    columns: &["上一年项目数量", "本年增/减", "处理决定数量"],
    kinds: &[Kind::Count, Kind::Signed, Kind::Count],
    unit: None,
};
const DECISIONS_2021: Form = Form {
    columns: &["本年处理决定数量"],
    kinds: &[Kind::Count],
    unit: None,
};
const PROCUREMENT: Form = Form {
    columns: &["采购项目数量", "采购总金额"],
    kinds: &[Kind::Count, Kind::Money],
    unit: None,
};

/// The five blocks in template order.
pub const BLOCKS: [Block; 5] = [
    Block {
        item: "（一）",
        number: 1,
        rows: &[Row::Regulations, Row::NormativeDocuments],
        f2019: DOCS_2019,
        f2021: DOCS_2021,
        only_2019: false,
    },
    Block {
        item: "（五）",
        number: 5,
        rows: &[Row::Licensing, Row::OtherServices],
        f2019: ITEMS_2019,
        f2021: DECISIONS_2021,
        only_2019: false,
    },
    Block {
        item: "（六）",
        number: 6,
        rows: &[Row::Penalty, Row::Enforcement],
        f2019: ITEMS_2019,
        f2021: DECISIONS_2021,
        only_2019: false,
    },
    Block {
        item: "（八）",
        number: 8,
        rows: &[Row::Fees],
        f2019: Form {
            columns: &["上一年项目数量", "本年增/减"],
            kinds: &[Kind::Count, Kind::Signed],
            unit: None,
        },
        f2021: Form {
            columns: &["本年收费金额"],
            kinds: &[Kind::Money],
            unit: Some("万元"),
        },
        only_2019: false,
    },
    Block {
        item: "（九）",
        number: 9,
        rows: &[Row::Procurement],
        f2019: PROCUREMENT,
        f2021: PROCUREMENT,
        only_2019: true,
    },
];

/// Header words that mark the 2019 format.
pub const HEADERS_2019: &[&str] = &[
    "本年新制作数量",
    "本年新公开数量",
    "对外公开总数量",
    "上一年项目数量",
    "本年增减",
    "采购项目数量",
    "采购总金额",
];
/// Header words that mark the 2021 format.
pub const HEADERS_2021: &[&str] = &[
    "本年制发件数",
    "本年废止件数",
    "现行有效件数",
    "本年处理决定数量",
    "本年收费金额",
];

/// The block (index into [`BLOCKS`]) a row belongs to.
#[must_use]
pub fn block_of(key: Row) -> usize {
    BLOCKS
        .iter()
        .position(|b| b.rows.contains(&key))
        .unwrap_or(BLOCKS.len() - 1)
}

/// The block index of 第二十条第（`number`）项.
#[must_use]
pub fn block_numbered(number: u32) -> Option<usize> {
    BLOCKS.iter().position(|b| b.number == number)
}

/// The form of a row's block in a format.
#[must_use]
pub fn form(key: Row, f: Format) -> &'static Form {
    BLOCKS[block_of(key)].form(f)
}

/// Value cells of a row in a format.
#[must_use]
pub fn count(key: Row, f: Format) -> usize {
    form(key, f).columns.len()
}

/// What column `col` of a row holds (extra cells count as counts).
#[must_use]
pub fn kind(key: Row, f: Format, col: usize) -> Kind {
    form(key, f).kinds.get(col).copied().unwrap_or(Kind::Count)
}

/// The unit a row's money column has by the template, if any.
#[must_use]
pub fn template_unit(key: Row, f: Format) -> Option<&'static str> {
    form(key, f).unit
}

/// Rows in template order for a format.
#[must_use]
pub fn expected(f: Format) -> Vec<Row> {
    ROWS.iter()
        .map(|r| r.key)
        .filter(|k| f == Format::F2019 || !ONLY_2019_ROWS.contains(k))
        .collect()
}

/// A row's label (2021 calls 规范性文件 行政规范性文件).
#[must_use]
pub fn label(key: Row, f: Option<Format>) -> &'static str {
    if key == Row::NormativeDocuments && f == Some(Format::F2021) {
        return "行政规范性文件";
    }
    ROWS.iter().find(|r| r.key == key).map_or("", |r| r.label)
}

/// The value columns' names of a row in a format.
#[must_use]
pub fn columns(key: Row, f: Format) -> &'static [&'static str] {
    form(key, f).columns
}
