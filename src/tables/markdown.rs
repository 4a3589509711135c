//! Tables converted to markdown by OCR or conversion tools (spec §8.10):
//! the tool may replace a table's header by invented column names
//! (`| 项目 | 数据1 | 数据2 | … |`), which say nothing about the columns.

use crate::text::key;

/// Whether a header cell is a name a conversion tool made up: `数据1`,
/// `列2`, `字段3`, `项目`, `Column 4`, `col5`.
pub(super) fn invented(cell: &str) -> bool {
    let k = key(cell);
    let stem = k.trim_end_matches(|c: char| c.is_ascii_digit());
    let numbered = stem.len() < k.len();
    match stem.to_ascii_lowercase().as_str() {
        "数据" | "列" | "字段" | "column" | "col" => numbered,
        "项目" => !numbered,
        _ => false,
    }
}

/// Whether the cells of a line (at least two) are all invented names.
pub(super) fn invented_header<'a>(mut cells: impl Iterator<Item = &'a str>) -> bool {
    let mut n = 0;
    let all = cells.all(|c| {
        n += 1;
        invented(c)
    });
    all && n >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invented_names() {
        for c in [
            "数据1",
            "数据 12",
            "列3",
            "Column 4",
            "col5",
            "项目",
            "字段2",
        ] {
            assert!(invented(c), "{c}");
        }
        for c in ["数据", "项目1", "自然人", "总计", "12", "行政复议"] {
            assert!(!invented(c), "{c}");
        }
        assert!(invented_header(["数据1", "数据2"].into_iter()));
        assert!(!invented_header(["数据1"].into_iter()));
        assert!(!invented_header(["数据1", "总计"].into_iter()));
    }
}
