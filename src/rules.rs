//! The registry of checks: one entry per stable code.
//!
//! Every diagnostic the checker emits uses a code from [`RULES`]; the CLI
//! (`xxgk rules`, `xxgk rule CODE`), the web page and `docs/rules.md` all read
//! their titles and explanations from here. Codes never change meaning; a
//! retired check keeps its code reserved.

use crate::model::{Origin, Severity};
use serde::Serialize;

/// One check.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Rule {
    /// Stable code, e.g. `T2-SUM`.
    pub code: &'static str,
    /// The id of the relation or check in the format specification, if the
    /// check implements one (most codes equal their spec id).
    pub spec: Option<&'static str>,
    /// Default severity. A few checks lower it for a case (documented in the
    /// explanation).
    pub severity: Severity,
    /// Whether a finding says the report is wrong or the text could not be read.
    pub origin: Origin,
    /// Which part of the report the check looks at.
    pub group: Group,
    /// One line, Chinese.
    pub title: &'static str,
    /// What the check looks at, why it matters and what to do (Chinese,
    /// paragraphs separated by blank lines).
    pub explanation: &'static str,
}

/// The part of the report a rule belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Group {
    /// Table 1, 主动公开.
    Active,
    /// Table 2, 依申请公开.
    Applications,
    /// Table 3, 行政复议、行政诉讼.
    Review,
    /// Any table (cells, rows).
    Table,
    /// The document as a whole.
    Document,
}

/// Look a rule up by its code.
pub fn rule(code: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.code.eq_ignore_ascii_case(code))
}

macro_rules! rules {
    ($( $code:literal, $spec:expr, $sev:ident, $origin:ident, $group:ident, $title:literal, $expl:expr; )*) => {
        /// Every check, in the order the documentation lists them.
        pub static RULES: &[Rule] = &[
            $( Rule {
                code: $code,
                spec: $spec,
                severity: Severity::$sev,
                origin: Origin::$origin,
                group: Group::$group,
                title: $title,
                explanation: $expl,
            }, )*
        ];
    };
}

rules! {
    // ---- Table 2 ---------------------------------------------------------
    "T2-BAL", Some("T2-BAL"), Error, Report, Applications,
        "表二收支不平衡：第一项加第二项之和不等于第三项加第四项之和",
        "";
    "T2-ROW", Some("T2-ROW"), Error, Report, Applications,
        "表二某行的总计不等于各类申请人之和",
        "";
    "T2-SUM", Some("T2-SUM"), Error, Report, Applications,
        "表二（七）总计不等于各项办理结果之和",
        "";
    "T2-INT", Some("T2-INT"), Error, Report, Applications,
        "表二单元格不是非负整数",
        "";
    "T2-GROUP", None, Error, Report, Applications,
        "表二自行添加的小计行不等于其下各项之和",
        "";
    // ---- Table 3 ---------------------------------------------------------
    "T3-REV", Some("T3-REV"), Error, Report, Review,
        "表三行政复议总计不等于各结果之和",
        "";
    "T3-LIT1", Some("T3-LIT1"), Error, Report, Review,
        "表三未经复议直接起诉总计不等于各结果之和",
        "";
    "T3-LIT2", Some("T3-LIT2"), Error, Report, Review,
        "表三复议后起诉总计不等于各结果之和",
        "";
    "T3-INT", Some("T3-INT"), Error, Report, Review,
        "表三单元格不是非负整数",
        "";
    // ---- Table 1 ---------------------------------------------------------
    "T1-INT", Some("T1-INT"), Error, Report, Active,
        "表一数量不是非负整数（本年增/减须为带符号整数）",
        "";
    "T1-19-ITEMS", Some("T1-19-ITEMS"), Warning, Report, Active,
        "表一上一年项目数量加本年增/减小于零",
        "";
    "T1-19-MISUSE", Some("T1-19-MISUSE"), Info, Report, Active,
        "表一处理决定数量恰等于上一年项目数量加本年增/减，疑似填成了本年项目数",
        "";
    "T1-19-CUM", Some("T1-19-CUM"), Warning, Report, Active,
        "表一对外公开总数量小于本年新公开数量",
        "";
    "T1-21-NEW", Some("T1-21-NEW"), Warning, Report, Active,
        "表一现行有效件数小于本年制发件数",
        "";
    "T1-REGS", Some("T1-REGS"), Warning, Report, Active,
        "表一规章数量不为零，但本机关不是有权制定规章的机关",
        "";
    "T1-UNIT", None, Warning, Report, Active,
        "表一金额的单位与表头单位矛盾",
        "";
    "T1-UNIT-MISSING", None, Info, Report, Active,
        "表一金额未注明单位",
        "";
    "T1-DECIMALS", None, Info, Report, Active,
        "表一金额的小数位数与表头要求不符",
        "";
    // ---- Any table -------------------------------------------------------
    "TABLE-BLANK", None, Error, Report, Table,
        "整张表格未填写任何数字",
        "";
    "TABLE-NONE", None, Warning, Report, Table,
        "章节标题注明（无），表格未按模板填写",
        "";
    "ROW-CELLS", None, Error, Report, Table,
        "表格行的单元格个数与模板不符",
        "";
    "ROW-EXTRA", None, Warning, Report, Table,
        "表格中有模板没有的行",
        "";
    "LABEL-VARIANT", None, Info, Report, Table,
        "表格标签与模板用字不同",
        "";
    "CELL-UNREADABLE", None, Error, Input, Table,
        "单元格内容无法读成数字",
        "";
    "CELL-MERGED", None, Error, Input, Table,
        "数字连在一起，无法分辨各单元格",
        "";
    // ---- The document ----------------------------------------------------
    "DOC-SECTIONS", Some("DOC-SECTIONS"), Error, Report, Document,
        "报告缺少规定的章节或章节顺序不对",
        "";
    "DOC-TABLES", Some("DOC-TABLES"), Error, Report, Document,
        "统计表缺失或不完整",
        "";
    "DOC-YEAR", Some("DOC-YEAR"), Warning, Report, Document,
        "报告年度前后不一致",
        "";
    "DOC-DATE", Some("DOC-DATE"), Warning, Report, Document,
        "落款日期不在规定的发布期限内",
        "";
    "DOC-VERSION", Some("DOC-VERSION"), Error, Report, Document,
        "统计表格式与报告年度不符",
        "";
    "DOC-FEE", Some("DOC-FEE"), Warning, Report, Document,
        "2021年及以后的报告未说明信息处理费收取情况",
        "";
    "DOC-NARR", Some("DOC-NARR"), Warning, Report, Document,
        "正文所述数字与统计表不一致",
        "";
    "DOC-BLANK", Some("DOC-BLANK"), Warning, Report, Table,
        "单元格为空，模板要求填写数字（没有请填0）",
        "";
    "DOC-PRE2019", None, Info, Report, Document,
        "2018年及以前的报告格式不同，统计表未核对",
        "";
    "DOC-NOT-REPORT", None, Error, Input, Document,
        "文本不像政府信息公开工作年度报告",
        "";
}
