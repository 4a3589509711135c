//! `xxgk check DIR --summary csv|xlsx|json`, `--compare` and `xxgk compare`
//! on the year-over-year fixtures (tests/compare/).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use calamine::{open_workbook, Data, Reader, Xlsx};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/compare")
}

fn xxgk(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .args(args)
        .output()
        .expect("xxgk runs")
}

/// A minimal CSV reader: quoted fields with doubled quotes, CRLF lines.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for line in text.split("\r\n").filter(|l| !l.is_empty()) {
        let mut fields = Vec::new();
        let mut field = String::new();
        let (mut quoted, mut chars) = (false, line.chars().peekable());
        while let Some(c) = chars.next() {
            match c {
                '"' if quoted && chars.peek() == Some(&'"') => {
                    field.push('"');
                    chars.next();
                }
                '"' => quoted = !quoted,
                ',' if !quoted => fields.push(std::mem::take(&mut field)),
                c => field.push(c),
            }
        }
        fields.push(field);
        rows.push(fields);
    }
    rows
}

#[test]
fn csv_summary_has_a_row_per_report() {
    let d = dir();
    let out = xxgk(&["check", "--summary", "csv", d.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let body = text.strip_prefix('\u{feff}').expect("BOM");
    let rows = parse_csv(body);
    assert_eq!(rows.len(), 7);
    assert_eq!(rows[0][0], "文件");
    assert_eq!(rows[0][7], "本年新收");
    let health = rows
        .iter()
        .find(|r| r[0].ends_with("health_2022.txt"))
        .unwrap();
    assert_eq!(health[1], "示例县卫生健康委员会");
    assert_eq!(health[2], "2022");
    assert_eq!(health[3], "2021");
    assert_eq!(health[7], "12"); // 本年新收
    assert_eq!(health[8], "1"); // 上年结转
    assert_eq!(health[10], "1"); // 结转下年度
    assert_eq!(health[11], "1"); // 行政复议总计
}

#[test]
fn csv_cells_are_safe_for_spreadsheets() {
    let tmp = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(dir().join("edu_2019.txt")).unwrap();
    let path = tmp.path().join("=cmd.txt");
    std::fs::write(&path, text).unwrap();
    let out = xxgk(&["check", "--summary", "csv", path.to_str().unwrap()]);
    let text = String::from_utf8(out.stdout).unwrap();
    let rows = parse_csv(text.trim_start_matches('\u{feff}'));
    assert!(rows[1][0].contains("=cmd.txt"));
    assert!(!rows[1][0].starts_with('='));
}

#[test]
fn json_summary_with_comparisons() {
    let d = dir();
    let out = xxgk(&[
        "check",
        "--summary",
        "json",
        "--compare",
        d.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = v.as_array().unwrap();
    assert_eq!(rows.len(), 6);
    let h22 = rows
        .iter()
        .find(|r| r["source"].as_str().unwrap().ends_with("health_2022.txt"))
        .unwrap();
    assert_eq!(h22["compare_findings"], 3);
    assert_eq!(h22["new"], 12.0);
}

#[test]
fn xlsx_summary_reads_back() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("summary.xlsx");
    let d = dir();
    let out = xxgk(&[
        "check",
        "--summary",
        "xlsx",
        "--compare",
        "-o",
        file.to_str().unwrap(),
        d.to_str().unwrap(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut wb: Xlsx<_> = open_workbook(&file).expect("a workbook");
    assert_eq!(wb.sheet_names(), ["汇总", "问题", "表一", "表二", "表三"]);
    let summary = wb.worksheet_range("汇总").unwrap();
    assert_eq!(summary.height(), 7);
    assert_eq!(summary.get((0, 1)), Some(&Data::String("机关".into())));
    let row = (1..7)
        .find(|&r| matches!(summary.get((r, 0)), Some(Data::String(s)) if s.ends_with("health_2023.txt")))
        .unwrap();
    assert_eq!(summary.get((row, 7)), Some(&Data::Float(10.0)));
    let problems = wb.worksheet_range("问题").unwrap();
    let codes: Vec<String> = (1..problems.height())
        .filter_map(|r| match problems.get((r, 1)) {
            Some(Data::String(s)) => Some(s.clone()),
            _ => None,
        })
        .collect();
    for code in ["T2-XYR", "T1-21-STOCK", "XYR-COPY", "XYR-STALE", "DOC-NARR"] {
        assert!(codes.iter().any(|c| c == code), "{code} in {codes:?}");
    }
    let t2 = wb.worksheet_range("表二").unwrap();
    assert_eq!(t2.height(), 7);
    assert_eq!(
        t2.get((0, 7)),
        Some(&Data::String(
            "一、本年新收政府信息公开申请数量｜总计".into()
        ))
    );
    let t3 = wb.worksheet_range("表三").unwrap();
    assert_eq!(t3.width(), 16);
}

#[test]
fn compare_command() {
    let d = dir();
    let a = d.join("health_2021.txt");
    let b = d.join("health_2022.txt");
    let out = xxgk(&["compare", a.to_str().unwrap(), b.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("T2-XYR"), "{text}");
    let out = xxgk(&[
        "compare",
        "-f",
        "json",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
    ]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["paired"], true);
    let out = xxgk(&["compare", a.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let e = d.join("edu_2020.txt");
    let out = xxgk(&[
        "compare",
        e.to_str().unwrap(),
        d.join("edu_2021.txt").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn check_compare_json_and_parallel_order() {
    let d = dir();
    let out = xxgk(&[
        "check",
        "-f",
        "json",
        "--compare",
        "-j",
        "3",
        d.to_str().unwrap(),
    ]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let reports = v["reports"].as_array().unwrap();
    let sources: Vec<&str> = reports
        .iter()
        .map(|r| r["source"].as_str().unwrap())
        .collect();
    let mut sorted = sources.clone();
    sorted.sort_unstable();
    assert_eq!(sources, sorted);
    assert_eq!(v["comparisons"].as_array().unwrap().len(), 4);
    // Without --compare the output is unchanged: an array of reports.
    let out = xxgk(&["check", "-f", "json", "-j", "2", d.to_str().unwrap()]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 6);
}
