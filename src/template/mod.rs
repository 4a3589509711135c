//! The two official forms as data: the 2019 trial format (国办公开办函〔2019〕60号)
//! and the 2021 format (国办公开办函〔2021〕30号).
//!
//! Labels, columns, what each column holds, units, the relations' rows and
//! the row keys of the JSON contract live here and nowhere else; the reader,
//! the rules, the CLI and the web page (through [`describe`]) take them from
//! here. This module knows nothing of the checker above it.

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

mod row;
pub mod sections;
pub mod table1;
pub mod table2;
pub mod table3;

pub use row::{Row, RowName};

/// One of the two official formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Format {
    /// 国办公开办函〔2019〕60号 trial format (2019 and 2020 reports).
    #[serde(rename = "2019")]
    F2019,
    /// 国办公开办函〔2021〕30号 format (2021 reports on).
    #[serde(rename = "2021")]
    F2021,
}

impl Format {
    /// `2019` or `2021`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Format::F2019 => "2019",
            Format::F2021 => "2021",
        }
    }
}

/// A data row: JSON key, template label, comparison keys.
#[derive(Debug)]
pub struct RowDef {
    /// The row (its key in the JSON contract is [`Row::key`]).
    pub key: Row,
    /// The label as the template prints it.
    pub label: &'static str,
    /// Comparison keys (folded, only ideographs, letters and digits), without
    /// the enumerator.
    pub keys: &'static [&'static str],
}

/// Display names of the report's template decision, by its JSON value.
pub const TEMPLATE_NAMES: [(&str, &str); 5] = [
    ("2019", "2019 试行版（国办公开办函〔2019〕60号）"),
    ("2021", "2021 版（国办公开办函〔2021〕30号）"),
    ("hybrid", "混用 2019 试行版与 2021 版"),
    ("pre2019", "2018 年及以前的旧格式（统计表未核对）"),
    ("unknown", "未能判断"),
];

/// Display names of the severities, by their JSON value.
pub const SEVERITY_NAMES: [(&str, &str); 3] =
    [("error", "错误"), ("warning", "警告"), ("info", "提示")];

/// The display name for a JSON value in one of the name tables.
#[must_use]
pub fn name_of(names: &[(&'static str, &'static str)], value: &str) -> &'static str {
    names
        .iter()
        .find(|(k, _)| *k == value)
        .map_or("", |(_, n)| n)
}

// ---- the description for the web page ------------------------------------------

/// What [`describe`] returns: everything the page needs to draw the tables.
///
/// JSON shape:
/// `{formats: {"2019": Form, "2021": Form}, templates: {value: name},
/// severities: {value: name}, tables: {id: {name, title}}}` where a `Form` is
/// `{active: [{item, columns, rows: [{key, label}]}], applications: {columns,
/// rows: [{key, path, optional}]}, review: {groups: [{label, columns}]}}`.
#[derive(Debug, Serialize)]
pub struct Description {
    /// The two forms.
    pub formats: Formats,
    /// Display names of the [`crate::model::Template`] values.
    pub templates: Names,
    /// Display names of the [`crate::model::Severity`] values.
    pub severities: Names,
    /// The three tables' names and section titles.
    pub tables: Tables,
}

/// The 2019 and 2021 forms, serialised under the keys `"2019"` and `"2021"`.
#[derive(Debug, Serialize)]
pub struct Formats {
    /// The 2019 trial form.
    #[serde(rename = "2019")]
    pub f2019: FormDescription,
    /// The 2021 form.
    #[serde(rename = "2021")]
    pub f2021: FormDescription,
}

/// One form: its three tables' columns and rows.
#[derive(Debug, Serialize)]
pub struct FormDescription {
    /// Display name of the format.
    pub name: &'static str,
    /// Table 1's blocks, in template order.
    pub active: Vec<BlockDescription>,
    /// Table 2.
    pub applications: ApplicationsDescription,
    /// Table 3.
    pub review: ReviewDescription,
}

/// One block of table 1 (第二十条第（一）项 …).
#[derive(Debug, Serialize)]
pub struct BlockDescription {
    /// The block's item, e.g. `（一）`.
    pub item: &'static str,
    /// The value columns' headings.
    pub columns: Vec<String>,
    /// The rows, in template order.
    pub rows: Vec<RowLabel>,
}

/// A row of table 1.
#[derive(Debug, Serialize)]
pub struct RowLabel {
    /// The row key used in reports (`regulations`, `licensing` …).
    pub key: &'static str,
    /// The row's label as printed in the form.
    pub label: &'static str,
}

/// Table 2: the seven applicant columns and the rows.
#[derive(Debug, Serialize)]
pub struct ApplicationsDescription {
    /// The applicant columns' headings, 自然人 … 总计.
    pub columns: [&'static str; 7],
    /// The rows, in template order, with the optional subtotal rows.
    pub rows: Vec<RowPath>,
}

/// A row of table 2.
#[derive(Debug, Serialize)]
pub struct RowPath {
    /// The row key used in reports (`total`, `denied.3` …).
    pub key: &'static str,
    /// The labels above the row, outermost first, ending with its own.
    pub path: Vec<&'static str>,
    /// Drawn only when the report has it (a subtotal the template does not have).
    pub optional: bool,
}

/// Table 3: three groups of five result columns.
#[derive(Debug, Serialize)]
pub struct ReviewDescription {
    /// 行政复议, 未经复议直接起诉, 复议后起诉.
    pub groups: Vec<ReviewGroup>,
}

/// A group of table 3's columns.
#[derive(Debug, Serialize)]
pub struct ReviewGroup {
    /// The group's heading.
    pub label: &'static str,
    /// Its result columns, 结果维持 … 总计.
    pub columns: [&'static str; 5],
}

/// The names and titles of the three tables.
#[derive(Debug, Serialize)]
pub struct Tables {
    /// Table 1.
    pub active: TableTitle,
    /// Table 2.
    pub applications: TableTitle,
    /// Table 3.
    pub review: TableTitle,
}

/// A table's short name and the title of the section holding it.
#[derive(Debug, Serialize)]
pub struct TableTitle {
    /// `表一`, `表二`, `表三`.
    pub name: &'static str,
    /// The section's title, e.g. `主动公开政府信息情况`.
    pub title: &'static str,
}

/// A list of `(value, name)` pairs serialised as a JSON object in order.
#[derive(Debug)]
pub struct Names(pub &'static [(&'static str, &'static str)]);

impl Serialize for Names {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (k, v) in self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

fn form_description(f: Format) -> FormDescription {
    let active = table1::BLOCKS
        .iter()
        .filter(|b| b.in_format(f))
        .map(|b| {
            let form = b.form(f);
            let columns = form
                .columns
                .iter()
                .zip(form.kinds)
                .map(|(c, k)| match (k, form.unit) {
                    (table1::Kind::Money, Some(u)) => format!("{c}（单位：{u}）"),
                    _ => c.to_string(),
                })
                .collect();
            let rows = b
                .rows_in(f)
                .map(|key| RowLabel {
                    key: key.key(),
                    label: table1::label(key, Some(f)),
                })
                .collect();
            BlockDescription {
                item: b.item,
                columns,
                rows,
            }
        })
        .collect();
    let mut rows = Vec::new();
    for key in table2::expected(f) {
        // A group's optional subtotal row goes before its first item.
        if let Some(group) = key.group().filter(|_| key.first_of_group()) {
            rows.push(RowPath {
                key: group.key(),
                path: vec![
                    table2::GROUPS[0].2,
                    table2::group_label(group, f),
                    table2::SUBTOTAL_LABEL,
                ],
                optional: true,
            });
        }
        rows.push(RowPath {
            key: key.key(),
            path: table2::path(key, f),
            optional: false,
        });
    }
    FormDescription {
        name: name_of(&TEMPLATE_NAMES, f.as_str()),
        active,
        applications: ApplicationsDescription {
            columns: table2::COLUMNS,
            rows,
        },
        review: ReviewDescription {
            groups: table3::GROUPS
                .iter()
                .map(|&label| ReviewGroup {
                    label,
                    columns: table3::RESULTS,
                })
                .collect(),
        },
    }
}

/// The two forms, the display names and the tables' titles, for a page that
/// draws the tables from the library's own template (the wasm export
/// `template()` returns this as a JavaScript object).
#[must_use]
pub fn describe() -> Description {
    let title = |i: usize| TableTitle {
        name: sections::TABLES[i].name,
        title: sections::name(sections::TABLES[i].section),
    };
    Description {
        formats: Formats {
            f2019: form_description(Format::F2019),
            f2021: form_description(Format::F2021),
        },
        templates: Names(&TEMPLATE_NAMES),
        severities: Names(&SEVERITY_NAMES),
        tables: Tables {
            active: title(0),
            applications: title(1),
            review: title(2),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn description_has_the_page_shape() {
        let d = serde_json::to_value(describe()).expect("serialises");
        let f19 = &d["formats"]["2019"];
        assert_eq!(f19["active"].as_array().map(Vec::len), Some(5));
        assert_eq!(
            d["formats"]["2021"]["active"].as_array().map(Vec::len),
            Some(4)
        );
        assert_eq!(f19["active"][0]["item"], "（一）");
        assert_eq!(f19["active"][0]["rows"][1]["key"], "normative_documents");
        assert_eq!(
            d["formats"]["2021"]["active"][0]["rows"][1]["label"],
            "行政规范性文件"
        );
        assert_eq!(
            d["formats"]["2021"]["active"][3]["columns"][0],
            "本年收费金额（单位：万元）"
        );
        let rows = f19["applications"]["rows"].as_array().expect("rows");
        assert_eq!(rows[0]["key"], "new");
        assert_eq!(rows[0]["optional"], false);
        assert!(rows
            .iter()
            .any(|r| r["key"] == "denied" && r["optional"] == true));
        assert!(rows.iter().any(|r| r["key"] == "other"));
        let rows21 = d["formats"]["2021"]["applications"]["rows"]
            .as_array()
            .expect("rows");
        assert!(rows21
            .iter()
            .any(|r| r["key"] == "other" && r["optional"] == true));
        assert!(rows21.iter().any(|r| r["key"] == "other.3"));
        assert_eq!(d["severities"]["warning"], "警告");
        assert_eq!(d["templates"]["hybrid"], "混用 2019 试行版与 2021 版");
        assert_eq!(
            d["tables"]["review"]["title"],
            "四、政府信息公开行政复议、行政诉讼情况"
        );
        assert_eq!(f19["review"]["groups"][1]["label"], "未经复议直接起诉");
    }
}
