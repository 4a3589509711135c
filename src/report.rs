//! Findings and tables → the [`Report`]: cells with their text, values and
//! units, diagnostics with their rule's severity and spans, sorted by place.

use crate::doc::Structure;
#[allow(clippy::wildcard_imports)] // the report is assembled from most of the model
use crate::model::*;
use crate::range::ByteRange;
use crate::rules::sink::Sink;
use crate::tables::{RawCell, RawRow, RawTable, Read};
use crate::template::table1::{self, Kind};
use crate::template::{table2, Format};
use crate::text::LineIndex;
use crate::value::Val;
use crate::Options;

/// The report of a text: its structure, the tables as read and the findings,
/// every byte range resolved to a [`Span`].
#[allow(clippy::too_many_lines)] // the report's fields in their order, one after the other
pub(crate) fn build(text: &str, options: &Options, st: &Structure, read: Read, f: Sink) -> Report {
    let layout = layout_of(&read);
    let Read {
        active: t1,
        applications: t2,
        review: t3,
        template,
        inferred,
        deferred,
        ..
    } = read;
    // The first inferred entry of each cell, indexed once: a report with
    // many inferred cells is not searched through for each of its cells.
    let mut first_inferred: std::collections::HashMap<(u8, Option<&'static str>, usize), usize> =
        std::collections::HashMap::with_capacity(inferred.len());
    for (n, i) in inferred.iter().enumerate() {
        first_inferred
            .entry((
                i.table as u8,
                i.row.map(crate::template::Row::key),
                i.column,
            ))
            .or_insert(n);
    }
    let inferred_at = |table: TableId, row: Option<&'static str>, column: usize| -> Vec<String> {
        if inferred.is_empty() {
            return Vec::new();
        }
        first_inferred
            .get(&(table as u8, row, column))
            .map(|&n| {
                inferred[n]
                    .relations
                    .iter()
                    .map(|r| (*r).to_string())
                    .collect()
            })
            .unwrap_or_default()
    };
    let idx = LineIndex::new(text, options.utf16);
    let sp = |r: ByteRange| idx.span_of(r);
    let cell = |c: &RawCell, unit: Option<&'static str>| Cell {
        text: text[c.start..c.end].to_string(),
        value: match c.parsed.val {
            Val::Int(v) => Some(Number::Int(v)),
            Val::Dec(v) => Some(Number::Dec(v.to_f64())),
            _ => None,
        },
        unit: unit.map(str::to_string),
        span: idx.span_of(c.range()),
        inferred: Vec::new(),
    };

    let mut unplaced = Vec::new();
    for (table, t) in [(TableId::Active, &t1), (TableId::Applications, &t2)] {
        let Some(t) = t else { continue };
        for r in t.rows.iter().filter(|r| r.unplaced) {
            unplaced.push(Unplaced {
                table,
                row: Some(r.key.key()),
                cells: r.cells.iter().map(|c| cell(c, None)).collect(),
            });
        }
    }
    if let Some(r) = t3.as_ref().filter(|r| r.unplaced) {
        unplaced.push(Unplaced {
            table: TableId::Review,
            row: None,
            cells: r.cells.iter().map(|c| cell(c, None)).collect(),
        });
    }
    let active = t1.map(|t| {
        let mut rows = Vec::new();
        for def in table1::ROWS {
            if let Some(r) = t.row(def.key).filter(|r| !r.unplaced) {
                let v = r.version.unwrap_or(Format::F2019);
                let cells = r
                    .cells
                    .iter()
                    .enumerate()
                    .map(|(i, c)| Cell {
                        inferred: inferred_at(TableId::Active, Some(r.key.key()), i),
                        ..cell(c, money_unit(&t, r, v, i, c))
                    })
                    .collect();
                rows.push((def.key.key(), cells));
            }
        }
        Rows(rows)
    });
    let applications = t2.map(|t| {
        let mut order: Vec<(usize, &RawRow)> = t
            .rows
            .iter()
            .filter(|r| !r.unplaced)
            .map(|r| (table2::order(r.key), r))
            .collect();
        crate::sort::sort_by_key(&mut order, |(i, _)| *i);
        Rows(
            order
                .into_iter()
                .map(|(_, r)| {
                    let cells = r.cells.iter().enumerate().map(|(i, c)| Cell {
                        inferred: inferred_at(TableId::Applications, Some(r.key.key()), i),
                        ..cell(c, None)
                    });
                    (r.key.key(), cells.collect())
                })
                .collect(),
        )
    });
    let review = t3.filter(|r| !r.unplaced).map(|r| {
        let cells = r.cells.iter().enumerate().map(|(i, c)| Cell {
            inferred: inferred_at(TableId::Review, None, i),
            ..cell(c, None)
        });
        cells.collect()
    });

    let mut explains: Vec<Vec<usize>> = Vec::with_capacity(f.0.len());
    let mut diagnostics: Vec<(usize, Diagnostic)> =
        f.0.into_iter()
            .enumerate()
            .map(|(i, d)| {
                let rule = d.code.rule();
                explains.push(d.explains);
                let diagnostic = Diagnostic {
                    code: rule.code,
                    severity: d.severity.unwrap_or(rule.severity),
                    message: d.message,
                    spec: rule.spec,
                    cell: d.cell,
                    expected: d.expected,
                    actual: d.actual,
                    span: d.span.map(sp),
                    origin: rule.origin,
                    related: d
                        .related
                        .into_iter()
                        .map(|(cell, s)| Related { cell, span: sp(s) })
                        .collect(),
                    caused_by: None,
                    explains: Vec::new(),
                };
                (i, diagnostic)
            })
            .collect();
    crate::sort::sort_by(&mut diagnostics, |(_, a), (_, b)| {
        let ka = a.span.map_or(usize::MAX, |s| s.start);
        let kb = b.span.map_or(usize::MAX, |s| s.start);
        ka.cmp(&kb)
            .then(a.severity.cmp(&b.severity))
            .then(a.code.cmp(b.code))
            .then(
                a.cell
                    .as_ref()
                    .map(|c| c.column)
                    .cmp(&b.cell.as_ref().map(|c| c.column)),
            )
    });
    let diagnostics = link(diagnostics, &explains);

    Report {
        schema_version: SCHEMA_VERSION,
        source: options.source.clone(),
        template,
        year: st.year,
        agency: st.agency.clone(),
        date: st.date.map(|d| d.date.iso()),
        period: st.period.map(|(a, b, r)| Period {
            start: a.iso(),
            end: b.iso(),
            span: idx.span_of(r),
        }),
        sections: st
            .headings
            .iter()
            .map(|h| Section {
                number: h.number,
                title: h.title.clone(),
                span: idx.span_of(h.range()),
            })
            .collect(),
        tables: Tables {
            active,
            applications,
            review,
            unplaced,
            layout,
        },
        diagnostics,
        deferred_runs: deferred,
    }
}

/// The diagnostics in their final order, with `caused_by` and `explains`
/// turned from indices in the sink (`explains[i]`: the findings the `i`-th
/// one explains) into indices in the sorted list. A finding is explained by
/// one root at most: the first that claims it.
fn link(sorted: Vec<(usize, Diagnostic)>, explains: &[Vec<usize>]) -> Vec<Diagnostic> {
    let mut position = vec![usize::MAX; sorted.len()];
    for (to, (from, _)) in sorted.iter().enumerate() {
        if let Some(p) = position.get_mut(*from) {
            *p = to;
        }
    }
    let mut links: Vec<(usize, usize)> = Vec::new();
    for (root, (from, _)) in sorted.iter().enumerate() {
        for &claimed in explains.get(*from).map_or(&[][..], Vec::as_slice) {
            match position.get(claimed) {
                Some(&to) if to != usize::MAX && to != root => links.push((root, to)),
                _ => {}
            }
        }
    }
    let mut out: Vec<Diagnostic> = sorted.into_iter().map(|(_, d)| d).collect();
    for (root, to) in links {
        if out[to].caused_by.is_none() && out[to].explains.is_empty() {
            out[to].caused_by = Some(root);
            out[root].explains.push(to);
        }
    }
    for d in &mut out {
        d.explains.sort_unstable();
    }
    out
}

/// The format decided for each table 1 block and for table 2.
fn layout_of(read: &Read) -> Layout {
    let main = read.main_format();
    let active = read.active.as_ref().map(|t| {
        table1::BLOCKS
            .iter()
            .enumerate()
            .filter_map(|(b, block)| {
                let format = t.blocks[b].or(main).or_else(|| {
                    // A block neither headed nor filled: the later format,
                    // except for the block only 2019 has.
                    (!block.only_2019).then_some(Format::F2021)
                })?;
                let present = block.rows.iter().any(|k| t.row(*k).is_some());
                (block.in_format(format) || present).then_some(BlockFormat {
                    item: block.item,
                    format,
                })
            })
            .collect()
    });
    let applications = read
        .applications
        .as_ref()
        .map(|t| t.version.or(main).unwrap_or(Format::F2021));
    Layout {
        active,
        applications,
    }
}

fn money_unit(
    t: &RawTable,
    r: &RawRow,
    v: Format,
    col: usize,
    c: &RawCell,
) -> Option<&'static str> {
    if table1::kind(r.key, v, col) != Kind::Money {
        return None;
    }
    c.parsed
        .unit
        .or(t.money_unit[table1::block_of(r.key)])
        .or(table1::template_unit(r.key, v))
}
