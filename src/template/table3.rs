//! Table 3 (四、政府信息公开行政复议、行政诉讼情况): fifteen cells in three groups.

/// The groups, left to right.
pub const GROUPS: [&str; 3] = ["行政复议", "未经复议直接起诉", "复议后起诉"];

/// The columns of each group; the last is the group's total.
pub const RESULTS: [&str; 5] = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];

/// Number of value cells.
pub const CELLS: usize = 15;

/// The column of each group's total (the four before it are its parts).
pub const TOTALS: [usize; 3] = [4, 9, 14];

/// The column of the reconsideration total.
pub const REVIEW_TOTAL: usize = 4;

/// Column names `行政复议·结果维持` … in cell order.
pub const COLUMNS: [&str; CELLS] = [
    "行政复议·结果维持",
    "行政复议·结果纠正",
    "行政复议·其他结果",
    "行政复议·尚未审结",
    "行政复议·总计",
    "未经复议直接起诉·结果维持",
    "未经复议直接起诉·结果纠正",
    "未经复议直接起诉·其他结果",
    "未经复议直接起诉·尚未审结",
    "未经复议直接起诉·总计",
    "复议后起诉·结果维持",
    "复议后起诉·结果纠正",
    "复议后起诉·其他结果",
    "复议后起诉·尚未审结",
    "复议后起诉·总计",
];

/// Words of the table's header rows.
pub const HEADER_WORDS: &[&str] = &[
    "复议",
    "诉讼",
    "结果",
    "维持",
    "纠正",
    "审结",
    "总计",
    "合计",
    "起诉",
    "申请人情况",
];
