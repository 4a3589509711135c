//! Table 2 (三、收到和处理政府信息公开申请情况): seven columns of applicants and the
//! rows of the two formats (the 2021 format splits （六）其他处理 into three rows).

use super::{Format, Row, RowDef};

/// The columns: the applicant kinds, then the total.
pub const COLUMNS: [&str; 7] = [
    "自然人",
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "其他",
    "总计",
];

/// The column of the row total.
pub const TOTAL_COLUMN: usize = 6;

/// Every data row of either format, in template order.
pub const ROWS: &[RowDef] = &[
    RowDef {
        key: Row::New,
        label: "一、本年新收政府信息公开申请数量",
        keys: &["本年新收政府信息公开申请数量"],
    },
    RowDef {
        key: Row::CarriedOver,
        label: "二、上年结转政府信息公开申请数量",
        keys: &["上年结转政府信息公开申请数量"],
    },
    RowDef {
        key: Row::Granted,
        label: "（一）予以公开",
        keys: &["予以公开"],
    },
    RowDef {
        key: Row::Partial,
        label: "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        keys: &["部分公开区分处理的只计这一情形不计其他情形", "部分公开"],
    },
    RowDef {
        key: Row::Denied1,
        label: "1.属于国家秘密",
        keys: &["属于国家秘密"],
    },
    RowDef {
        key: Row::Denied2,
        label: "2.其他法律行政法规禁止公开",
        keys: &["其他法律行政法规禁止公开"],
    },
    RowDef {
        key: Row::Denied3,
        label: "3.危及“三安全一稳定”",
        keys: &["危及三安全一稳定"],
    },
    RowDef {
        key: Row::Denied4,
        label: "4.保护第三方合法权益",
        keys: &["保护第三方合法权益"],
    },
    RowDef {
        key: Row::Denied5,
        label: "5.属于三类内部事务信息",
        keys: &["属于三类内部事务信息"],
    },
    RowDef {
        key: Row::Denied6,
        label: "6.属于四类过程性信息",
        keys: &["属于四类过程性信息"],
    },
    RowDef {
        key: Row::Denied7,
        label: "7.属于行政执法案卷",
        keys: &["属于行政执法案卷"],
    },
    RowDef {
        key: Row::Denied8,
        label: "8.属于行政查询事项",
        keys: &["属于行政查询事项"],
    },
    RowDef {
        key: Row::Unable1,
        label: "1.本机关不掌握相关政府信息",
        keys: &["本机关不掌握相关政府信息"],
    },
    RowDef {
        key: Row::Unable2,
        label: "2.没有现成信息需要另行制作",
        keys: &["没有现成信息需要另行制作"],
    },
    RowDef {
        key: Row::Unable3,
        label: "3.补正后申请内容仍不明确",
        keys: &["补正后申请内容仍不明确"],
    },
    RowDef {
        key: Row::NotProcessed1,
        label: "1.信访举报投诉类申请",
        keys: &["信访举报投诉类申请"],
    },
    RowDef {
        key: Row::NotProcessed2,
        label: "2.重复申请",
        keys: &["重复申请"],
    },
    RowDef {
        key: Row::NotProcessed3,
        label: "3.要求提供公开出版物",
        keys: &["要求提供公开出版物"],
    },
    RowDef {
        key: Row::NotProcessed4,
        label: "4.无正当理由大量反复申请",
        keys: &["无正当理由大量反复申请"],
    },
    RowDef {
        key: Row::NotProcessed5,
        label: "5.要求行政机关确认或重新出具已获取信息",
        keys: &["要求行政机关确认或重新出具已获取信息"],
    },
    RowDef {
        key: Row::Other,
        label: "（六）其他处理",
        keys: &["其他处理"],
    },
    RowDef {
        key: Row::Other1,
        label: "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        keys: &["申请人无正当理由逾期不补正行政机关不再处理其政府信息公开申请"],
    },
    RowDef {
        key: Row::Other2,
        label: "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        keys: &["申请人逾期未按收费通知要求缴纳费用行政机关不再处理其政府信息公开申请"],
    },
    RowDef {
        key: Row::Other3,
        label: "3.其他",
        keys: &[],
    },
    RowDef {
        key: Row::Total,
        label: "（七）总计",
        keys: &[],
    },
    RowDef {
        key: Row::CarriedForward,
        label: "四、结转下年度继续办理",
        keys: &["结转下年度继续办理"],
    },
];

/// Group labels (no numbers of their own): comparison key, row key a subtotal
/// written next to them gets, and the label printed in the template.
pub const GROUPS: &[(&str, Row, &str)] = &[
    ("本年度办理结果", Row::Results, "三、本年度办理结果"),
    ("不予公开", Row::Denied, "（三）不予公开"),
    ("无法提供", Row::Unable, "（四）无法提供"),
    ("不予处理", Row::NotProcessed, "（五）不予处理"),
];

/// The label of the page's optional subtotal rows (the template has none).
pub const SUBTOTAL_LABEL: &str = "小计（模板无此行）";

/// The outcomes (rows or groups) that add up to （七）总计.
pub const OUTCOMES: &[Row] = &[
    Row::Granted,
    Row::Partial,
    Row::Denied,
    Row::Unable,
    Row::NotProcessed,
    Row::Other,
];

/// The rows of the balance 一 + 二 = 三（七） + 四.
pub const BALANCE: [Row; 4] = [Row::New, Row::CarriedOver, Row::Total, Row::CarriedForward];

/// Words of table 2's header (never row labels).
pub const HEADER_WORDS: &[&str] = &[
    "自然人",
    "法人或其他组织",
    "商业企业",
    "科研机构",
    "公益组织",
    "社会组织",
    "法律服务机构",
    "申请人情况",
    "勾稽关系",
    "第一项加第二项",
];

/// Rows in template order for a format.
#[must_use]
pub fn expected(f: Format) -> Vec<Row> {
    ROWS.iter()
        .map(|r| r.key)
        .filter(|k| match f {
            Format::F2019 => k.group() != Some(Row::Other),
            Format::F2021 => *k != Row::Other,
        })
        .collect()
}

/// The outcome a row counts towards in （七）总计: its group, or itself.
#[must_use]
pub fn outcome_of(key: Row) -> Row {
    key.group().unwrap_or(key)
}

/// Whether a row is one of the outcomes summed in （七）总计.
#[must_use]
pub fn is_outcome(key: Row) -> bool {
    OUTCOMES.contains(&outcome_of(key))
}

/// The label of a row or of a group (for subtotal rows).
#[must_use]
pub fn label(key: Row) -> &'static str {
    if let Some(g) = GROUPS.iter().find(|g| g.1 == key) {
        return g.2;
    }
    ROWS.iter().find(|r| r.key == key).map_or("", |r| r.label)
}

/// Where a row (or a group's subtotal row) goes in template order.
#[must_use]
pub fn order(key: Row) -> usize {
    let first = |k: Row| ROWS.iter().position(|r| r.key == k).unwrap_or(0) * 2;
    match key {
        Row::Results => first(Row::Granted) - 1,
        Row::Denied => first(Row::Denied1) - 1,
        Row::Unable => first(Row::Unable1) - 1,
        Row::NotProcessed => first(Row::NotProcessed1) - 1,
        k => first(k),
    }
}

/// The labels above a row, outermost first, ending with its own
/// (`三、本年度办理结果` › `（三）不予公开` › `1.属于国家秘密`).
#[must_use]
pub fn path(key: Row, f: Format) -> Vec<&'static str> {
    let results = GROUPS[0].2;
    let own = label(key);
    match (key, key.group()) {
        (Row::New | Row::CarriedOver | Row::CarriedForward, _) => vec![own],
        (_, Some(g)) => vec![results, group_label(g, f), own],
        _ => vec![results, own],
    }
}

/// The printed label of a group of rows (`other` in 2021).
#[must_use]
pub fn group_label(group: Row, _f: Format) -> &'static str {
    label(group)
}
