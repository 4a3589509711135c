//! Table 2 (三、收到和处理政府信息公开申请情况): seven columns of applicants and the
//! rows of the two formats (the 2021 format splits （六）其他处理 into three rows).

use super::{Format, RowDef};

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
        key: "new",
        label: "一、本年新收政府信息公开申请数量",
        keys: &["本年新收政府信息公开申请数量"],
    },
    RowDef {
        key: "carried_over",
        label: "二、上年结转政府信息公开申请数量",
        keys: &["上年结转政府信息公开申请数量"],
    },
    RowDef {
        key: "granted",
        label: "（一）予以公开",
        keys: &["予以公开"],
    },
    RowDef {
        key: "partial",
        label: "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        keys: &["部分公开区分处理的只计这一情形不计其他情形", "部分公开"],
    },
    RowDef {
        key: "denied.1",
        label: "1.属于国家秘密",
        keys: &["属于国家秘密"],
    },
    RowDef {
        key: "denied.2",
        label: "2.其他法律行政法规禁止公开",
        keys: &["其他法律行政法规禁止公开"],
    },
    RowDef {
        key: "denied.3",
        label: "3.危及“三安全一稳定”",
        keys: &["危及三安全一稳定"],
    },
    RowDef {
        key: "denied.4",
        label: "4.保护第三方合法权益",
        keys: &["保护第三方合法权益"],
    },
    RowDef {
        key: "denied.5",
        label: "5.属于三类内部事务信息",
        keys: &["属于三类内部事务信息"],
    },
    RowDef {
        key: "denied.6",
        label: "6.属于四类过程性信息",
        keys: &["属于四类过程性信息"],
    },
    RowDef {
        key: "denied.7",
        label: "7.属于行政执法案卷",
        keys: &["属于行政执法案卷"],
    },
    RowDef {
        key: "denied.8",
        label: "8.属于行政查询事项",
        keys: &["属于行政查询事项"],
    },
    RowDef {
        key: "unable.1",
        label: "1.本机关不掌握相关政府信息",
        keys: &["本机关不掌握相关政府信息"],
    },
    RowDef {
        key: "unable.2",
        label: "2.没有现成信息需要另行制作",
        keys: &["没有现成信息需要另行制作"],
    },
    RowDef {
        key: "unable.3",
        label: "3.补正后申请内容仍不明确",
        keys: &["补正后申请内容仍不明确"],
    },
    RowDef {
        key: "not_processed.1",
        label: "1.信访举报投诉类申请",
        keys: &["信访举报投诉类申请"],
    },
    RowDef {
        key: "not_processed.2",
        label: "2.重复申请",
        keys: &["重复申请"],
    },
    RowDef {
        key: "not_processed.3",
        label: "3.要求提供公开出版物",
        keys: &["要求提供公开出版物"],
    },
    RowDef {
        key: "not_processed.4",
        label: "4.无正当理由大量反复申请",
        keys: &["无正当理由大量反复申请"],
    },
    RowDef {
        key: "not_processed.5",
        label: "5.要求行政机关确认或重新出具已获取信息",
        keys: &["要求行政机关确认或重新出具已获取信息"],
    },
    RowDef {
        key: "other",
        label: "（六）其他处理",
        keys: &["其他处理"],
    },
    RowDef {
        key: "other.1",
        label: "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        keys: &["申请人无正当理由逾期不补正行政机关不再处理其政府信息公开申请"],
    },
    RowDef {
        key: "other.2",
        label: "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        keys: &["申请人逾期未按收费通知要求缴纳费用行政机关不再处理其政府信息公开申请"],
    },
    RowDef {
        key: "other.3",
        label: "3.其他",
        keys: &[],
    },
    RowDef {
        key: "total",
        label: "（七）总计",
        keys: &[],
    },
    RowDef {
        key: "carried_forward",
        label: "四、结转下年度继续办理",
        keys: &["结转下年度继续办理"],
    },
];

/// Group labels (no numbers of their own): comparison key, row key a subtotal
/// written next to them gets, and the label printed in the template.
pub const GROUPS: &[(&str, &str, &str)] = &[
    ("本年度办理结果", "results", "三、本年度办理结果"),
    ("不予公开", "denied", "（三）不予公开"),
    ("无法提供", "unable", "（四）无法提供"),
    ("不予处理", "not_processed", "（五）不予处理"),
];

/// The label of the page's optional subtotal rows (the template has none).
pub const SUBTOTAL_LABEL: &str = "小计（模板无此行）";

/// Row-key prefixes of the outcomes that add up to （七）总计.
pub const OUTCOMES: &[&str] = &[
    "granted",
    "partial",
    "denied",
    "unable",
    "not_processed",
    "other",
];

/// The rows of the balance 一 + 二 = 三（七） + 四.
pub const BALANCE: [&str; 4] = ["new", "carried_over", "total", "carried_forward"];

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

/// Row keys in template order for a format.
pub fn expected(f: Format) -> Vec<&'static str> {
    ROWS.iter()
        .map(|r| r.key)
        .filter(|k| match f {
            Format::F2019 => !k.starts_with("other."),
            Format::F2021 => *k != "other",
        })
        .collect()
}

/// Whether a row is one of the outcomes summed in （七）总计.
pub fn is_outcome(key: &str) -> bool {
    OUTCOMES.contains(&key.split('.').next().unwrap_or(""))
}

/// The label of a row or of a group (for subtotal rows).
pub fn label(key: &str) -> &'static str {
    if let Some(g) = GROUPS.iter().find(|g| g.1 == key) {
        return g.2;
    }
    ROWS.iter().find(|r| r.key == key).map_or("", |r| r.label)
}

/// Where a row (or a group's subtotal row) goes in template order.
pub fn order(key: &str) -> usize {
    let first = |k: &str| ROWS.iter().position(|r| r.key == k).unwrap_or(0) * 2;
    match key {
        "results" => first("granted") - 1,
        "denied" => first("denied.1") - 1,
        "unable" => first("unable.1") - 1,
        "not_processed" => first("not_processed.1") - 1,
        k => first(k),
    }
}

/// The labels above a row, outermost first, ending with its own
/// (`三、本年度办理结果` › `（三）不予公开` › `1.属于国家秘密`).
pub fn path(key: &str, f: Format) -> Vec<&'static str> {
    let results = GROUPS[0].2;
    let own = label(key);
    let group = key.split_once('.').map(|(g, _)| g);
    match (key, group) {
        ("new" | "carried_over" | "carried_forward", _) => vec![own],
        (_, Some(g)) => vec![results, group_label(g, f), own],
        _ => vec![results, own],
    }
}

/// The printed label of a group of rows (`other` in 2021).
pub fn group_label(group: &str, _f: Format) -> &'static str {
    if group == "other" {
        return label("other");
    }
    label(group)
}
