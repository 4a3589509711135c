//! Table 1 (主动公开): counts, the 2019 items' arithmetic, money units and
//! decimals, and 规章 of agencies that may not make them.

use super::cells::{check_blanks, check_rows_shape, int, not_checked, Unread};
use super::sink::Sink;
use super::{Code, Context};
use crate::model::{CellRef, TableId, Template};
use crate::range::ByteRange;
use crate::tables::{RawRow, RawTable};
use crate::template::table1::{self, Kind};
use crate::template::{Format, Row};
use crate::value::Val;

/// Whether the agency may make 规章; `None` when the name does not tell.
fn may_make_rules(agency: &str) -> Option<bool> {
    let a = agency.replace("自治区", "省");
    let government = ["人民政府", "人民政府办公厅", "人民政府办公室"]
        .iter()
        .any(|s| a.ends_with(s));
    let local_marks = ['县', '旗', '镇', '乡'];
    if government {
        let low = a.contains(local_marks)
            || a.contains("街道")
            || a.trim_end_matches("人民政府").ends_with('区');
        return Some(!low);
    }
    let local =
        a.contains(['省', '市', '县', '区', '州', '盟', '旗', '镇', '乡']) || a.contains("街道");
    if local {
        return Some(false);
    }
    // A central body (部, 委员会, 总局, 署 …) may.
    if a.ends_with(['部', '会', '局', '署', '院', '行']) {
        return Some(true);
    }
    None
}

pub(super) fn check(cx: &Context, t: &RawTable, f: &mut Sink) {
    let (text, template, st) = (cx.text, cx.tables.template, cx.doc);
    let name = "表一";
    check_rows_shape(text, t, TableId::Active, name, f);
    integers(t, f);
    let blank = blanks(t, name, f);
    missing_rows(t, template, f);
    if blank {
        return;
    }
    for r in &t.rows {
        let Some(v) = r.version else { continue };
        not_read(r, v, f);
        if r.cells.len() != r.expected || r.unplaced {
            continue;
        }
        arithmetic(r, v, f);
        money(text, t, r, v, f);
    }
    regulations(t, st.agency.as_deref(), f);
}

/// A cell of table 1.
fn cref(row: Row, column: usize) -> CellRef {
    CellRef {
        table: TableId::Active,
        row: Some(row.key()),
        column,
    }
}

/// T1-INT: counts are non-negative integers, amounts non-negative.
fn integers(t: &RawTable, f: &mut Sink) {
    for r in t.rows.iter().filter(|r| !r.unplaced) {
        let v = r.version.unwrap_or(Format::F2019);
        let cols = table1::columns(r.key, v);
        for (i, c) in r.cells.iter().enumerate() {
            let kind = table1::kind(r.key, v, i);
            let col = cols.get(i).unwrap_or(&"多出的单元格");
            let bad = match (c.parsed.val, kind) {
                (Val::Dec(..), Kind::Count | Kind::Signed) => Some("不是整数"),
                (Val::Int(x), Kind::Count) if x < 0 => Some("是负数，数量不能为负"),
                (Val::Int(x), Kind::Money) if x < 0 => Some("是负数，金额不能为负"),
                (Val::Dec(x), Kind::Money) if x.is_negative() => Some("是负数，金额不能为负"),
                _ => None,
            };
            if let Some(what) = bad {
                f.add(
                    Code::T1Int,
                    format!(
                        "表一「{}」·{col}的数值{what}",
                        table1::label(r.key, r.version)
                    ),
                )
                .at(c.range())
                .cell(cref(r.key, i));
            }
        }
    }
}

/// Blank cells; true when any was reported (the arithmetic is then not
/// checked).
fn blanks(t: &RawTable, name: &str, f: &mut Sink) -> bool {
    check_blanks(
        t.rows.iter().filter(|r| !r.unplaced).flat_map(|r| {
            r.cells
                .iter()
                .enumerate()
                .map(move |(i, c)| (cref(r.key, i), Some(r.key), c))
        }),
        |row, column| {
            let Some(key) = row else {
                return "表一".to_string();
            };
            let v = t.row(key).and_then(|r| r.version);
            format!(
                "表一「{}」·{}",
                table1::label(key, v),
                table1::columns(key, v.unwrap_or(Format::F2019))
                    .get(column)
                    .unwrap_or(&"多出的单元格")
            )
        },
        name,
        t.anchor,
        f,
    )
}

/// DOC-TABLES: rows of the template missing from the table.
fn missing_rows(t: &RawTable, template: Template, f: &mut Sink) {
    let expected: Vec<Row> = match template {
        Template::F2021 => table1::expected(Format::F2021),
        Template::Hybrid => {
            let mut e = table1::expected(Format::F2019);
            if t.blocks[1] == Some(Format::F2021) {
                e.retain(|k| *k != Row::OtherServices);
            }
            if t.blocks[4].is_none() && t.row(Row::Procurement).is_none() {
                e.retain(|k| *k != Row::Procurement);
            }
            e
        }
        _ => table1::expected(Format::F2019),
    };
    let missing: Vec<Row> = expected
        .iter()
        .filter(|k| t.row(**k).is_none())
        .copied()
        .collect();
    if !missing.is_empty() {
        let names: Vec<&str> = missing.iter().map(|k| table1::label(*k, None)).collect();
        let message = format!("表一缺少「{}」行", names.join("」「"));
        super::document::incomplete(f, message, Some(t.anchor));
    }
}

/// The items' arithmetic within a row of format `v`: T1-F19-ITEMS,
/// T1-F19-MISUSE, T1-F19-CUM, T1-F21-NEW.
fn arithmetic(r: &RawRow, v: Format, f: &mut Sink) {
    let get = |r: &RawRow, i: usize| r.cells.get(i).and_then(int);
    let label = table1::label(r.key, r.version);
    match (table1::block_of(r.key), v) {
        (1..=3, Format::F2019) => {
            if let (Some(prev), Some(change)) = (get(r, 0), get(r, 1)) {
                if prev + change < 0 {
                    let c = &r.cells[1];
                    f.add(
                        Code::T1F19Items,
                        format!("表一「{label}」上一年项目数量 {prev} 加本年增/减 {change} 小于零，本年项目数不可能为负"),
                    )
                    .at(c.range())
                    .cell(cref(r.key, 1))
                    .values(Some(0), Some(prev + change));
                }
                if let Some(dec) = get(r, 2) {
                    if table1::block_of(r.key) != 3
                        && dec != 0
                        && change != 0
                        && dec == prev + change
                    {
                        let c = &r.cells[2];
                        f.add(
                            Code::T1F19Misuse,
                            format!(
                                "表一「{label}」处理决定数量 {dec} 恰等于上一年项目数量 {prev} 加本年增/减 {change}，疑似填成了本年项目数；处理决定数量应为本年办件量"
                            ),
                        )
                        .at(c.range())
                        .cell(cref(r.key, 2));
                    }
                }
            }
        }
        (0, Format::F2019) => {
            if let (Some(new), Some(all)) = (get(r, 1), get(r, 2)) {
                if all < new {
                    let c = &r.cells[2];
                    f.add(
                        Code::T1F19Cum,
                        format!("表一「{label}」对外公开总数量 {all} 小于本年新公开数量 {new}；总数量应包含本年新公开的"),
                    )
                    .at(c.range())
                    .cell(cref(r.key, 2))
                    .values(Some(new), Some(all));
                }
            }
        }
        (0, Format::F2021) => {
            if let (Some(made), Some(valid)) = (get(r, 0), get(r, 2)) {
                if valid < made {
                    let c = &r.cells[2];
                    f.add(
                        Code::T1F21New,
                        format!("表一「{label}」现行有效件数 {valid} 小于本年制发件数 {made}；除非本年制发的又在本年废止，否则不会如此"),
                    )
                    .at(c.range())
                    .cell(cref(r.key, 2))
                    .values(Some(made), Some(valid));
                }
            }
        }
        _ => {}
    }
}

/// REL-NOT-CHECKED: the row's relation needs a cell that was not read
/// (unreadable, unplaced, or a row with the wrong count whose numbers are
/// not all 0).
fn not_read(r: &RawRow, v: Format, f: &mut Sink) {
    let (code, cols): (Code, &[usize]) = match (table1::block_of(r.key), v) {
        (1..=3, Format::F2019) => (Code::T1F19Items, &[0, 1]),
        (0, Format::F2019) => (Code::T1F19Cum, &[1, 2]),
        (0, Format::F2021) => (Code::T1F21New, &[0, 2]),
        _ => return,
    };
    if r.all_blank || r.merged.is_some() {
        return;
    }
    let shape = r.cells.len() != r.expected || r.unplaced;
    if shape && r.cells.iter().all(|c| c.blank() || int(c) == Some(0)) {
        return;
    }
    let label = table1::label(r.key, r.version);
    let names = table1::columns(r.key, v);
    let unread: Vec<Unread> = cols
        .iter()
        .filter(|&&i| shape || r.cells.get(i).is_some_and(|c| c.parsed.val == Val::Bad))
        .map(|&i| {
            let at = if shape {
                r.label_at
            } else {
                r.cells[i].range()
            };
            let col = names.get(i).unwrap_or(&"?");
            (cref(r.key, i), at, format!("「{label}」·{col}"))
        })
        .collect();
    let total = cols.last().copied().unwrap_or(0);
    not_checked(
        f,
        code.as_str(),
        &format!("表一「{label}」"),
        cref(r.key, total),
        unread,
    );
}

/// Money cells of a row: unit against the header (T1-UNIT, T1-UNIT-MISSING)
/// and decimals (T1-DECIMALS).
fn money(text: &str, t: &RawTable, r: &RawRow, v: Format, f: &mut Sink) {
    let label = table1::label(r.key, r.version);
    for (i, c) in r.cells.iter().enumerate() {
        if table1::kind(r.key, v, i) != Kind::Money {
            continue;
        }
        let b = table1::block_of(r.key);
        let header = t.money_unit[b].or(table1::template_unit(r.key, v));
        let zero = matches!(c.parsed.val, Val::Int(0))
            || matches!(c.parsed.val, Val::Dec(x) if x.is_zero());
        match (c.parsed.unit, header) {
            (Some(cu), Some(hu)) if cu != hu => {
                f.add(
                    Code::T1Unit,
                    format!(
                        "表一「{label}」金额写作「{}」，单位是{cu}，但表头单位是{hu}",
                        &text[c.start..c.end]
                    ),
                )
                .at(c.range())
                .cell(cref(r.key, i));
            }
            (None, None) if !zero && !c.blank() && c.parsed.val != Val::Bad => {
                f.add(
                    Code::T1UnitMissing,
                    format!("表一「{label}」金额未注明单位（元还是万元），读者无法判断金额大小"),
                )
                .at(c.range())
                .cell(cref(r.key, i));
            }
            _ => {}
        }
        // Decimals written; a whole zero fits any number of decimals.
        let written = match c.parsed.val {
            Val::Dec(d) => Some(d.scale),
            Val::Int(x) if x != 0 => Some(0),
            _ => None,
        };
        if let (Some(want), Some(got)) = (t.money_decimals[b], written) {
            if got != want {
                decimals_finding(f, label, got, want, c.range(), cref(r.key, i));
            }
        }
    }
}

/// T1-REGS: 规章 reported by an agency that may not make them.
fn regulations(t: &RawTable, agency: Option<&str>, f: &mut Sink) {
    if let (Some(r), Some(agency)) = (t.row(Row::Regulations), agency) {
        if may_make_rules(agency) == Some(false) {
            let nonzero: Vec<(usize, i64)> = r
                .cells
                .iter()
                .enumerate()
                .filter_map(|(i, c)| int(c).filter(|v| *v > 0).map(|v| (i, v)))
                .collect();
            if let Some(&(i, v)) = nonzero.first() {
                let c = &r.cells[i];
                f.add(
                    Code::T1Regs,
                    format!("表一「规章」为 {v}，但{agency}不是有权制定规章的机关（只有国务院部门和省、设区的市、自治州人民政府可以制定规章），应填 0"),
                )
                .at(c.range())
                .cell(cref(Row::Regulations, 0))
                .values(Some(0), Some(v));
            }
        }
    }
}

/// T1-DECIMALS: a money cell written with `got` decimals where the header
/// asks for `want`.
fn decimals_finding(f: &mut Sink, label: &str, got: u8, want: u8, at: ByteRange, cell: CellRef) {
    let message = if got == 0 {
        format!("表一「{label}」金额没有小数，表头要求保留{want}位小数")
    } else {
        format!("表一「{label}」金额有{got}位小数，表头要求保留{want}位小数")
    };
    f.add(Code::T1Decimals, message).at(at).cell(cell);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_agencies() {
        assert_eq!(may_make_rules("示例县教育局"), Some(false));
        assert_eq!(may_make_rules("示例市人民政府"), Some(true));
        assert_eq!(may_make_rules("示例县人民政府"), Some(false));
        assert_eq!(may_make_rules("示例区人民政府"), Some(false));
        assert_eq!(may_make_rules("示例自治区人民政府"), Some(true));
        assert_eq!(may_make_rules("教育部"), Some(true));
    }
}
