//! `xxgk compare LAST THIS`, and the year-over-year part of `xxgk check
//! --compare`: two reports of one agency, a year apart, against each other.

use std::fmt::Write as _;
use std::path::PathBuf;

use xxgk::compare::Comparison;
use xxgk::{Options, Severity};

use super::args::{CompareArgs, Format};
use super::check::{read_path, Input};
use super::{complain, print_out, Usage};

pub fn run(args: &CompareArgs) -> Result<u8, Usage> {
    let [last, this] = args.inputs.as_slice() else {
        return Err(Usage(
            "compare 需要两个文件：上年报告和本年报告".to_string(),
        ));
    };
    let read = |path: &std::ffi::OsString| {
        let input = Input::file(PathBuf::from(path));
        match read_path(&input) {
            Ok(text) => {
                let report = xxgk::check(
                    &text,
                    &Options {
                        source: input.name.clone(),
                        utf16: false,
                    },
                );
                Some((text, report))
            }
            Err(message) => {
                complain(&format!("{}: {message}", input.name));
                None
            }
        }
    };
    let (Some((last_text, last)), Some((this_text, this))) = (read(last), read(this)) else {
        return Ok(2);
    };
    let comparison = xxgk::compare(&last, &last_text, &this, &this_text);
    match args.format.unwrap_or(Format::Text) {
        Format::Text => print_out(&render(&comparison)),
        Format::Json | Format::Jsonl => print_out(&format!("{}\n", comparison.to_json())),
    }
    Ok(u8::from(comparison.count(Severity::Error) > 0))
}

/// A comparison for people: a heading, one line per finding, a total.
pub fn render(c: &Comparison) -> String {
    let mut out = String::new();
    let year = |y: Option<i32>| y.map_or_else(|| "年度不明".to_string(), |y| format!("{y} 年"));
    let _ = writeln!(
        out,
        "跨年比较：{}（{}）→ {}（{}）",
        c.last.source,
        year(c.last.year),
        c.this.source,
        year(c.this.year)
    );
    if let Some(agency) = c.this.agency.as_deref().filter(|_| c.paired) {
        let _ = writeln!(out, "机关：{agency}");
    }
    for f in &c.findings {
        let place = f
            .span
            .map(|s| format!("第 {} 行第 {} 列：", s.line, s.column))
            .unwrap_or_default();
        let last = f
            .last_span
            .map(|s| format!("（上年报告第 {} 行第 {} 列）", s.line, s.column))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "  {} {} {place}{}{last}",
            f.severity.display_name(),
            f.code,
            f.message
        );
        for r in &f.repeated {
            let _ = writeln!(
                out,
                "      本年第 {} 行 = 上年第 {} 行",
                r.this.line, r.last.line
            );
        }
    }
    if let Some(copied) = c.copied {
        let _ = writeln!(
            out,
            "正文与上年相同的句子：{} 句中 {} 句（{:.0}%）",
            copied.sentences,
            copied.repeated,
            copied.share * 100.0
        );
    }
    let _ = writeln!(
        out,
        "共 {} 个错误，{} 个警告，{} 条提示",
        c.count(Severity::Error),
        c.count(Severity::Warning),
        c.count(Severity::Info)
    );
    out
}
