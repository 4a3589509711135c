//! The fixtures (`tests/fixtures/*.txt`) as documents: the grid model of
//! their tables (header cells spanning columns, group labels spanning rows,
//! as the official template merges them) and web pages made from them.
//! Shared by `tests/documents.rs` (Word, web pages) and `tests/pdf.rs`.
#![allow(dead_code)]

use std::fmt::Write as _;
use std::path::Path;

// ---- fixtures ---------------------------------------------------------------

pub fn fixtures() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("tests/fixtures") {
        let path = entry.expect("entry").path();
        if path.extension().and_then(|e| e.to_str()) != Some("txt") {
            continue;
        }
        let name = path.file_stem().unwrap().to_str().unwrap().to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        out.push((name, text));
    }
    out.sort();
    assert!(out.len() >= 15, "fixtures in {}", dir.display());
    out
}

// ---- the grid model shared by the generators -----------------------------------

/// A block of the fixture: a narrative line, or a run of tab-separated lines.
pub enum Part {
    Line(String),
    Table(Vec<Vec<String>>),
}

pub fn parts(text: &str) -> Vec<Part> {
    let mut out = Vec::new();
    for line in text.lines() {
        if line.contains('\t') {
            let row = line.split('\t').map(str::to_string).collect();
            if let Some(Part::Table(rows)) = out.last_mut() {
                rows.push(row);
                continue;
            }
            out.push(Part::Table(vec![row]));
        } else {
            out.push(Part::Line(line.to_string()));
        }
    }
    out
}

/// How a grid position is written.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Pos {
    /// A cell of its own, spanning `cols` × `rows`.
    Anchor { cols: usize, rows: usize },
    /// Covered by a span from the left (same row).
    Left,
    /// Covered by a span from above; `cols` positions from here on.
    Above { cols: usize },
}

/// Merge the grid the way the official template does: a header cell
/// followed by empty cells spans them; a label whose next rows start with
/// empty cells spans those rows. Expanding the spans gives back the grid.
pub fn merges(rows: &[Vec<String>]) -> Vec<Vec<Pos>> {
    let numeric = |s: &str| !s.trim().is_empty() && s.trim().chars().all(|c| c.is_ascii_digit());
    let lead = |row: &[String]| {
        row.iter()
            .position(|c| !c.trim().is_empty())
            .unwrap_or(row.len())
    };
    let mut pos: Vec<Vec<Option<Pos>>> = rows.iter().map(|r| vec![None; r.len()]).collect();
    for r in 0..rows.len() {
        let header = !rows[r].iter().any(|c| numeric(c));
        for i in 0..rows[r].len() {
            if pos[r][i].is_some() {
                continue;
            }
            if rows[r][i].trim().is_empty() {
                pos[r][i] = Some(Pos::Anchor { cols: 1, rows: 1 });
                continue;
            }
            let mut cols = 1;
            if header {
                while i + cols < rows[r].len()
                    && rows[r][i + cols].trim().is_empty()
                    && pos[r][i + cols].is_none()
                {
                    cols += 1;
                }
            }
            let mut down = 1;
            while r + down < rows.len() {
                let below = &rows[r + down];
                let fits =
                    i + cols <= lead(below) && (i..i + cols).all(|k| pos[r + down][k].is_none());
                if !fits {
                    break;
                }
                down += 1;
            }
            pos[r][i] = Some(Pos::Anchor { cols, rows: down });
            for p in &mut pos[r][i + 1..i + cols] {
                *p = Some(Pos::Left);
            }
            for d in 1..down {
                pos[r + d][i] = Some(Pos::Above { cols });
                for p in &mut pos[r + d][i + 1..i + cols] {
                    *p = Some(Pos::Left);
                }
            }
        }
    }
    pos.into_iter()
        .map(|r| {
            r.into_iter()
                .map(|p| p.expect("every position set"))
                .collect()
        })
        .collect()
}

pub fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

// ---- .html ----------------------------------------------------------------------

pub fn html_text(s: &str) -> String {
    // Runs of spaces survive as &nbsp; the way browsers keep them.
    let mut out = String::new();
    let mut prev_space = false;
    for c in xml_escape(s).chars() {
        if c == ' ' && prev_space {
            out.push_str("&nbsp;");
        } else {
            out.push(c);
        }
        prev_space = c == ' ';
    }
    out
}

pub fn html_table(rows: &[Vec<String>]) -> String {
    let pos = merges(rows);
    let mut x = String::from("<table border=\"1\" cellspacing=\"0\">\n<tbody>\n");
    for (r, row) in rows.iter().enumerate() {
        x.push_str("<tr>");
        for (i, p) in pos[r].iter().enumerate() {
            if let Pos::Anchor { cols, rows } = *p {
                let mut attrs = String::new();
                if rows > 1 {
                    write!(attrs, " rowspan=\"{rows}\"").unwrap();
                }
                if cols > 1 {
                    write!(attrs, " colspan={cols}").unwrap();
                }
                let t = row[i].trim();
                let t = if t.is_empty() {
                    "&nbsp;".to_string()
                } else {
                    format!("<p align=\"center\"><span>{}</span></p>", html_text(t))
                };
                write!(x, "<td{attrs}>{t}</td>").unwrap();
            }
        }
        x.push_str("</tr>\n");
    }
    x.push_str("</tbody>\n</table>\n");
    x
}

pub fn html_body(text: &str) -> String {
    let mut body = String::new();
    for part in parts(text) {
        match part {
            Part::Line(l) if l.trim().is_empty() => body.push_str("<p>&nbsp;</p>\n"),
            Part::Line(l) => {
                writeln!(body, "<p style=\"text-indent:2em\">{}</p>", html_text(&l)).unwrap();
            }
            Part::Table(rows) => body.push_str(&html_table(&rows)),
        }
    }
    body
}

pub fn html_page(text: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>报告</title></head><body>\n{}</body></html>\n",
        html_body(text)
    )
}
