//! FIX-CELL: when a table's relations fail, the smallest set of cells whose
//! correction makes every relation of that table hold, with the corrected
//! values.
//!
//! The relations are the ones the table's checks look at (T2-ROW, T2-SUM,
//! T2-BAL, T2-GROUP; T3-REV, T3-LIT1, T3-LIT2), over the same cells: a blank
//! cell counts as 0 and may be the one to correct; a cell that could not be
//! read is unknown, never blamed, and the relations through it are left
//! out, as the checks leave them out. The search itself is
//! [`crate::solve::culprits`].

use std::fmt::Write as _;

use super::cells::arith;
use super::sink::Sink;
use super::{Code, Context};
use crate::model::{CellRef, Severity, TableId, Template};
use crate::range::ByteRange;
use crate::solve::{culprits, Change, CulpritOptions, Culprits, Fix, Relation};
use crate::tables::{RawCell, RawReview, RawTable};
use crate::template::{table2, table3, Format, Row};
use crate::value::Val;

/// The most equally small fixes a tie reports (each listed); with more, the
/// relation findings say all there is.
const MAX_LISTED: usize = 4;

/// One cell of a table's system of relations.
struct Var {
    cell: CellRef,
    /// What [`Var::name`] is made of, kept until a message needs it.
    name: Name,
    span: ByteRange,
    blank: bool,
}

/// The cell a variable stands for, for its name in a message.
#[derive(Clone, Copy)]
enum Name {
    /// Table 2: the row and the column.
    T2(Row, usize),
    /// Table 3: the column.
    T3(usize),
}

impl Var {
    /// `表二「（一）予以公开」·总计`, `表三行政复议·结果维持`.
    fn name(&self) -> String {
        match self.name {
            Name::T2(row, i) => format!(
                "表二「{}」·{}",
                table2::label(row),
                table2::COLUMNS.get(i).unwrap_or(&"?")
            ),
            Name::T3(i) => format!("表三{}", table3::COLUMNS.get(i).unwrap_or(&"?")),
        }
    }
}

/// A relation, with the code and cell of the finding its check reports.
struct Rel {
    code: Code,
    cell: CellRef,
    relation: Relation,
}

/// The cells (with their values; `None`: unknown) and relations of a table.
#[derive(Default)]
struct System {
    vars: Vec<Var>,
    values: Vec<Option<i64>>,
    rels: Vec<Rel>,
}

/// A term of a relation: a cell, a cell known to be 0 that is not one of the
/// system's (a row with another number of cells, all 0), or a cell that
/// cannot be known (the relation is then not checked).
#[derive(Clone, Copy)]
enum Term {
    Var(usize),
    Zero,
    Unknown,
}

impl System {
    fn add_var(&mut self, cell: CellRef, name: Name, c: &RawCell) -> usize {
        self.vars.push(Var {
            cell,
            name,
            span: c.range(),
            blank: c.blank(),
        });
        self.values.push(arith(c));
        self.vars.len() - 1
    }

    /// Adds `Σ left = Σ right` unless one of its terms cannot be known.
    fn add_rel(&mut self, code: Code, cell: CellRef, left: &[Term], right: &[Term]) {
        let sides = left
            .iter()
            .map(|t| (t, 1))
            .chain(right.iter().map(|t| (t, -1)));
        let mut terms: Vec<(usize, i64)> = Vec::with_capacity(left.len() + right.len());
        for (t, coeff) in sides {
            match t {
                Term::Var(v) => terms.push((*v, coeff)),
                Term::Zero => {}
                Term::Unknown => return,
            }
        }
        self.rels.push(Rel {
            code,
            cell,
            relation: Relation::new(&terms),
        });
    }

    /// Whether a relation over known cells is broken (its sum is not 0).
    fn any_broken(&self) -> bool {
        self.rels.iter().any(|r| {
            r.relation
                .residual(&self.values)
                .is_some_and(|residual| residual != 0)
        })
    }
}

/// FIX-CELL for table 2; `start` is where its findings begin in the sink.
pub(super) fn table2(cx: &Context, t: &RawTable, start: usize, f: &mut Sink) {
    let version = t.version.unwrap_or(match cx.tables.template {
        Template::F2021 => Format::F2021,
        _ => Format::F2019,
    });
    report(&system2(t, &table2::expected(version)), "表二", start, f);
}

/// FIX-CELL for table 3; `start` is where its findings begin in the sink.
pub(super) fn table3(t: &RawReview, start: usize, f: &mut Sink) {
    if t.cells.len() != table3::CELLS || t.unplaced {
        return;
    }
    let mut sys = System::default();
    for (i, c) in t.cells.iter().enumerate() {
        let cell = CellRef {
            table: TableId::Review,
            row: None,
            column: i,
        };
        sys.add_var(cell, Name::T3(i), c);
    }
    let codes = [Code::T3Rev, Code::T3Lit1, Code::T3Lit2];
    for (code, total) in codes.into_iter().zip(table3::TOTALS) {
        let parts: Vec<Term> = (total - 4..total).map(Term::Var).collect();
        let cell = sys.vars[total].cell.clone();
        sys.add_rel(code, cell, &[Term::Var(total)], &parts);
    }
    report(&sys, "表三", start, f);
}

fn cref2(row: Row, column: usize) -> CellRef {
    CellRef {
        table: TableId::Applications,
        row: Some(row.key()),
        column,
    }
}

/// Table 2's cells and relations, as its checks see them.
fn system2(t: &RawTable, expected: &[Row]) -> System {
    // (Seven variables a row; a relation a row, two a column, a group's seven.)
    let n = 7 * t.rows.len();
    let mut sys = System {
        vars: Vec::with_capacity(n),
        values: Vec::with_capacity(n),
        rels: Vec::with_capacity(t.rows.len() + 2 * 7),
    };
    // The first variable of each row with seven cells.
    let mut first: Vec<Option<usize>> = Vec::with_capacity(t.rows.len());
    for r in &t.rows {
        if r.cells.len() != 7 {
            first.push(None);
            continue;
        }
        let mut base = None;
        for (i, c) in r.cells.iter().enumerate() {
            let v = sys.add_var(cref2(r.key, i), Name::T2(r.key, i), c);
            base.get_or_insert(v);
        }
        first.push(base);
    }
    // As `t2_value`: the first row with the key.
    let term = |key: Row, col: usize| -> Term {
        let Some(i) = t.rows.iter().position(|r| r.key == key) else {
            return Term::Unknown;
        };
        match first[i] {
            Some(base) => Term::Var(base + col),
            None if t.rows[i].cells.iter().all(|c| c.blank() || is_zero(c)) => Term::Zero,
            None => Term::Unknown,
        }
    };
    // T2-ROW.
    for (r, base) in t.rows.iter().zip(&first) {
        let Some(base) = *base else { continue };
        if r.all_blank {
            continue;
        }
        let parts: Vec<Term> = (0..6).map(|c| Term::Var(base + c)).collect();
        sys.add_rel(Code::T2Row, cref2(r.key, 6), &[Term::Var(base + 6)], &parts);
    }
    let outcomes: Vec<Row> = expected
        .iter()
        .copied()
        .filter(|k| table2::is_outcome(*k))
        .collect();
    for col in 0..7 {
        // T2-SUM.
        let parts: Vec<Term> = outcomes.iter().map(|k| term(*k, col)).collect();
        sys.add_rel(
            Code::T2Sum,
            cref2(Row::Total, col),
            &[term(Row::Total, col)],
            &parts,
        );
        // T2-BAL.
        sys.add_rel(
            Code::T2Bal,
            cref2(Row::Total, col),
            &[term(Row::New, col), term(Row::CarriedOver, col)],
            &[term(Row::Total, col), term(Row::CarriedForward, col)],
        );
    }
    // T2-GROUP.
    for (r, base) in t.rows.iter().zip(&first) {
        let Some(base) = *base else { continue };
        if !r.subtotal || r.key == Row::Results {
            continue;
        }
        let items: Vec<Row> = expected
            .iter()
            .copied()
            .filter(|k| k.group() == Some(r.key))
            .collect();
        if items.is_empty() {
            continue;
        }
        for col in 0..7 {
            let parts: Vec<Term> = items.iter().map(|k| term(*k, col)).collect();
            sys.add_rel(
                Code::T2Group,
                cref2(r.key, col),
                &[Term::Var(base + col)],
                &parts,
            );
        }
    }
    sys
}

fn is_zero(c: &RawCell) -> bool {
    c.parsed.val == Val::Int(0)
}

/// Runs the search over each independent part of a table's system (its
/// relations linked through shared cells: table 3's three groups are three
/// parts) and reports what it found.
fn report(sys: &System, table: &str, start: usize, f: &mut Sink) {
    // Every relation holds (or cannot be known): nothing to search for.
    if !sys.any_broken() {
        return;
    }
    // The table's relation findings, with the relation each reports.
    let findings: Vec<(usize, usize)> = (start..f.0.len())
        .filter_map(|i| {
            let d = &f.0[i];
            let r = sys
                .rels
                .iter()
                .position(|r| r.code == d.code && d.cell.as_ref() == Some(&r.cell))?;
            Some((i, r))
        })
        .collect();
    for part in parts(sys) {
        let relations: Vec<Relation> = part.iter().map(|&r| sys.rels[r].relation.clone()).collect();
        let Culprits::Fixes(fixes) = culprits(&sys.values, &relations, &CulpritOptions::default())
        else {
            continue;
        };
        let mine: Vec<(usize, usize)> = findings
            .iter()
            .copied()
            .filter(|(_, r)| part.contains(r))
            .collect();
        match fixes.as_slice() {
            [fix] => certain(sys, fix, table, &mine, f),
            // One broken relation that any one of its cells could mend: the
            // relation's own finding already says all a tie would.
            [fix, ..] if mine.len() == 1 && fix.changes.len() == 1 => {}
            // More equally small fixes than a message can list: naming some
            // of them would point at no cell in particular.
            _ if fixes.len() > MAX_LISTED => {}
            _ => tie(sys, &fixes, table, &mine, f),
        }
    }
}

/// The representative of `i`'s set in a union-find forest.
fn root(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

/// The relations over known cells, grouped into parts that share no cell.
fn parts(sys: &System) -> Vec<Vec<usize>> {
    let known = |r: &Rel| {
        r.relation
            .terms()
            .iter()
            .all(|&(v, _)| sys.values.get(v).is_some_and(Option::is_some))
    };
    // Union-find over the relations, joined through their cells.
    let mut parent: Vec<usize> = (0..sys.rels.len()).collect();
    let mut first_of: Vec<Option<usize>> = vec![None; sys.vars.len()];
    for (i, rel) in sys.rels.iter().enumerate() {
        if !known(rel) {
            continue;
        }
        for &(v, _) in rel.relation.terms() {
            match first_of[v] {
                None => first_of[v] = Some(i),
                Some(j) => {
                    let (a, b) = (root(&mut parent, i), root(&mut parent, j));
                    parent[a] = b;
                }
            }
        }
    }
    let mut out: Vec<Vec<usize>> = Vec::new();
    let mut index_of: Vec<Option<usize>> = vec![None; sys.rels.len()];
    for (i, rel) in sys.rels.iter().enumerate() {
        if !known(rel) {
            continue;
        }
        let r = root(&mut parent, i);
        if let Some(k) = index_of[r] {
            out[k].push(i);
        } else {
            index_of[r] = Some(out.len());
            out.push(vec![i]);
        }
    }
    out
}

/// `表二「（一）予以公开」·总计：0，应为 15`.
fn describe(sys: &System, change: &Change) -> String {
    let var = &sys.vars[change.var];
    let from = if var.blank {
        "空白".to_string()
    } else {
        change.from.to_string()
    };
    format!("{}：{from}，应为 {}", var.name(), change.to)
}

/// One FIX-CELL per changed cell, each explaining the findings of the
/// relations through it (a finding through two changed cells goes to the
/// first).
fn certain(sys: &System, fix: &Fix, table: &str, findings: &[(usize, usize)], f: &mut Sink) {
    let mut claimed = vec![false; findings.len()];
    for change in &fix.changes {
        let var = &sys.vars[change.var];
        let mut explains = Vec::new();
        for (k, &(index, rel)) in findings.iter().enumerate() {
            let through = sys.rels[rel]
                .relation
                .terms()
                .iter()
                .any(|&(v, _)| v == change.var);
            if through && !claimed[k] {
                claimed[k] = true;
                explains.push(index);
            }
        }
        let mut message = format!("最可能填错的是 {}", describe(sys, change));
        if fix.changes.len() > 1 {
            let others: Vec<String> = fix
                .changes
                .iter()
                .filter(|c| c.var != change.var)
                .map(|c| sys.vars[c.var].name())
                .collect();
            let _ = write!(
                message,
                "（与{}一起改正后，{table}中经过它们的勾稽关系全部成立）",
                others.join("、")
            );
        }
        let d = f
            .add(Code::FixCell, message)
            .at(var.span)
            .cell(var.cell.clone())
            .values(Some(change.to), (!var.blank).then_some(change.from));
        d.explains = explains;
    }
}

/// Several equally small fixes: one FIX-CELL, a warning without a cell,
/// listing them; it explains nothing. It stands at the first relation
/// finding it is about (after it: errors come first).
fn tie(sys: &System, fixes: &[Fix], table: &str, findings: &[(usize, usize)], f: &mut Sink) {
    let Some(first) = fixes.first().and_then(|fix| fix.changes.first()) else {
        return;
    };
    let size = fixes[0].changes.len();
    let listed: Vec<String> = fixes
        .iter()
        .map(|fix| {
            fix.changes
                .iter()
                .map(|c| describe(sys, c))
                .collect::<Vec<_>>()
                .join("、")
        })
        .collect();
    let message = format!(
        "无法确定是哪个单元格填错：{table}有 {} 种同样只改 {size} 个单元格的改法都能使勾稽关系全部成立：{}",
        fixes.len(),
        listed.join("；"),
    );
    let mut cells: Vec<usize> = fixes
        .iter()
        .flat_map(|fix| fix.changes.iter().map(|c| c.var))
        .collect();
    cells.sort_unstable();
    cells.dedup();
    let at = findings
        .iter()
        .find_map(|&(i, _)| f.0[i].span)
        .unwrap_or(sys.vars[first.var].span);
    let d = f
        .add(Code::FixCell, message)
        .at(at)
        .severity(Severity::Warning);
    d.related = cells
        .into_iter()
        .map(|v| (sys.vars[v].cell.clone(), sys.vars[v].span))
        .collect();
}
