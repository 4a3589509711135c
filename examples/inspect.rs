//! Print what the checker read from a file: template, year, sections, every
//! table row with its cells, and every finding. For developing the parser:
//! `cargo run --example inspect -- FILE`.

use xxgk::{check, Options};

fn main() {
    for path in std::env::args().skip(1) {
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{path}: {e}");
                continue;
            }
        };
        let text = match xxgk::decode(&bytes) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("{path}: {e:?}");
                continue;
            }
        };
        let r = check(&text, &Options::default());
        println!(
            "== {path}: template {} year {:?} agency {:?} date {:?} period {:?}",
            r.template.as_str(),
            r.year,
            r.agency,
            r.date,
            r.period.as_ref().map(|p| (&p.start, &p.end))
        );
        let secs: Vec<String> = r
            .sections
            .iter()
            .map(|s| format!("{}:{}@{}", s.number, s.title, s.span.line))
            .collect();
        println!("   sections: {}", secs.join(" | "));
        let show = |cells: &[xxgk::Cell]| -> String {
            cells
                .iter()
                .map(|c| match (&c.value, c.text.is_empty()) {
                    (Some(v), _) => format!("{v}{}", c.unit.as_deref().unwrap_or("")),
                    (None, true) => "_".into(),
                    (None, false) => format!("?{}", c.text),
                })
                .collect::<Vec<_>>()
                .join(" ")
        };
        if let Some(t) = &r.tables.active {
            for (k, cells) in &t.0 {
                println!("   T1 {k:22} {}", show(cells));
            }
        }
        if let Some(t) = &r.tables.applications {
            for (k, cells) in &t.0 {
                println!("   T2 {k:22} {}", show(cells));
            }
        }
        if let Some(t) = &r.tables.review {
            println!("   T3 {}", show(t));
        }
        for d in &r.diagnostics {
            let at = d
                .span
                .map(|s| format!("{}:{}", s.line, s.column))
                .unwrap_or_default();
            let cell = d
                .cell
                .as_ref()
                .map(|c| format!(" [{:?} {} {}]", c.table, c.row.unwrap_or("-"), c.column))
                .unwrap_or_default();
            println!(
                "   {:7} {:14} {at:8}{cell} {}",
                d.severity.as_str(),
                d.code,
                d.message
            );
        }
    }
}
