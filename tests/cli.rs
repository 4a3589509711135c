//! The `xxgk` binary run as a process: exit codes, encodings, inputs that are
//! not text, directories, standard input, output formats and the rule
//! commands. Every report here is fictional (示例县教育局, made-up numbers).

use std::ffi::OsStr;
use std::fmt::Write as _;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

mod common;
use common::CLEAN_2021;

/// The same report with （七）总计 one short in columns 自然人 and 总计:
/// T2-SUM (and T2-BAL) must fail.
fn broken_2021() -> String {
    let broken = CLEAN_2021.replace(
        "（七）总计\t3\t0\t0\t0\t0\t0\t3",
        "（七）总计\t2\t0\t0\t0\t0\t0\t2",
    );
    assert_ne!(broken, CLEAN_2021);
    broken
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run_with(args: &[&OsStr], stdin: Option<&[u8]>, cwd: Option<&Path>) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_xxgk"));
    command
        .args(args)
        .env_remove("NO_COLOR")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(dir) = cwd {
        command.current_dir(dir);
    }
    let mut child = command.spawn().expect("run xxgk");
    if let Some(input) = stdin {
        let mut pipe = child.stdin.take().expect("stdin");
        pipe.write_all(input).expect("write stdin");
    }
    let Output {
        status,
        stdout,
        stderr,
    } = child.wait_with_output().expect("wait for xxgk");
    let run = Run {
        code: status.code().expect("exit code"),
        stdout: String::from_utf8(stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(stderr).expect("stderr is UTF-8"),
    };
    assert!(
        !run.stderr.contains("panicked"),
        "xxgk panicked: {}",
        run.stderr
    );
    run
}

fn run<S: AsRef<OsStr>>(args: &[S]) -> Run {
    let args: Vec<&OsStr> = args.iter().map(AsRef::as_ref).collect();
    run_with(&args, None, None)
}

fn temp() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("mkdir");
    }
    std::fs::write(&path, bytes).expect("write file");
    path
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut out = if big_endian {
        vec![0xFE, 0xFF]
    } else {
        vec![0xFF, 0xFE]
    };
    for unit in text.encode_utf16() {
        out.extend_from_slice(&if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        });
    }
    out
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

/// The report's JSON without its `source`, to compare one text in several
/// encodings.
fn without_source(mut report: Value) -> Value {
    report
        .as_object_mut()
        .expect("report is an object")
        .remove("source");
    report
}

// ---- exit codes ------------------------------------------------------------

#[test]
fn clean_report_exits_0() {
    let dir = temp();
    let path = write(dir.path(), "clean.txt", CLEAN_2021.as_bytes());
    let r = run(&[OsStr::new("check"), path.as_os_str()]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("示例县教育局"), "{}", r.stdout);
    assert!(r.stdout.contains("0 个错误"), "{}", r.stdout);
    assert!(r.stderr.is_empty(), "{}", r.stderr);
}

#[test]
fn broken_relation_exits_1_and_points_at_the_cell() {
    let dir = temp();
    let path = write(dir.path(), "bad.txt", broken_2021().as_bytes());
    let r = run(&[OsStr::new("check"), path.as_os_str()]);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("error[T2-SUM]"), "{}", r.stdout);
    assert!(r.stdout.contains("（七）总计"), "{}", r.stdout);
    assert!(r.stdout.contains("期望 3，实际 2"), "{}", r.stdout);
    assert!(!r.stdout.contains('\x1b'), "no colour into a pipe");
}

#[test]
fn json_of_a_broken_report_names_the_rule() {
    let dir = temp();
    let path = write(dir.path(), "bad.txt", broken_2021().as_bytes());
    let r = run(&[
        OsStr::new("check"),
        OsStr::new("--format=json"),
        path.as_os_str(),
    ]);
    assert_eq!(r.code, 1);
    let report = json(&r.stdout);
    let diagnostics = report["diagnostics"].as_array().expect("diagnostics");
    let sum = diagnostics
        .iter()
        .find(|d| d["code"] == "T2-SUM")
        .expect("a T2-SUM diagnostic");
    assert_eq!(sum["severity"], "error");
    assert_eq!(sum["expected"], 3);
    assert_eq!(sum["actual"], 2);
}

#[test]
fn unreadable_input_exits_2_but_others_are_still_checked() {
    let dir = temp();
    let clean = write(dir.path(), "clean.txt", CLEAN_2021.as_bytes());
    let missing = dir.path().join("missing.txt");
    let r = run(&[OsStr::new("check"), missing.as_os_str(), clean.as_os_str()]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("missing.txt"), "{}", r.stderr);
    assert!(r.stderr.contains("文件不存在"), "{}", r.stderr);
    assert!(r.stdout.contains("clean.txt"), "{}", r.stdout);
}

#[test]
fn unreadable_input_wins_over_errors() {
    let dir = temp();
    let bad = write(dir.path(), "bad.txt", broken_2021().as_bytes());
    let empty = write(dir.path(), "empty.txt", b"");
    let r = run(&[OsStr::new("check"), bad.as_os_str(), empty.as_os_str()]);
    assert_eq!(r.code, 2);
    assert!(r.stdout.contains("error[T2-SUM]"), "{}", r.stdout);
}

// ---- encodings and inputs that are not text --------------------------------

fn check_json(path: &Path) -> Value {
    let r = run(&[
        OsStr::new("check"),
        OsStr::new("--format"),
        OsStr::new("json"),
        path.as_os_str(),
    ]);
    assert_eq!(r.code, 0, "{}: {}{}", path.display(), r.stdout, r.stderr);
    json(&r.stdout)
}

#[test]
fn gbk_file_reads_like_utf8() {
    let dir = temp();
    let (gbk, _, had_errors) = encoding_rs::GBK.encode(CLEAN_2021);
    assert!(!had_errors);
    let utf8 = write(dir.path(), "utf8.txt", CLEAN_2021.as_bytes());
    let gbk = write(dir.path(), "gbk.txt", &gbk);
    let expected = check_json(&utf8);
    let got = check_json(&gbk);
    assert_eq!(got["agency"], "示例县教育局");
    assert_eq!(without_source(got), without_source(expected));
}

#[test]
fn utf16_files_read_like_utf8() {
    let dir = temp();
    let utf8 = write(dir.path(), "utf8.txt", CLEAN_2021.as_bytes());
    let expected = without_source(check_json(&utf8));
    for (name, big_endian) in [("le.txt", false), ("be.txt", true)] {
        let path = write(dir.path(), name, &utf16(CLEAN_2021, big_endian));
        let got = check_json(&path);
        assert_eq!(got["year"], 2021, "{name}");
        assert_eq!(without_source(got), expected, "{name}");
    }
}

#[test]
fn utf8_bom_is_ignored() {
    let dir = temp();
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(CLEAN_2021.as_bytes());
    let plain = write(dir.path(), "plain.txt", CLEAN_2021.as_bytes());
    let bom = write(dir.path(), "bom.txt", &bytes);
    assert_eq!(
        without_source(check_json(&bom)),
        without_source(check_json(&plain))
    );
}

fn refused(name: &str, bytes: &[u8], message: &str) {
    let dir = temp();
    let path = write(dir.path(), name, bytes);
    let r = run(&[OsStr::new("check"), path.as_os_str()]);
    assert_eq!(r.code, 2, "{name}: {}", r.stdout);
    assert!(r.stderr.starts_with("xxgk: "), "{}", r.stderr);
    assert!(r.stderr.contains(name), "{}", r.stderr);
    assert!(r.stderr.contains(message), "{name}: {}", r.stderr);
    assert!(r.stdout.is_empty(), "{}", r.stdout);
}

#[test]
fn binary_file_is_refused() {
    refused(
        "data.txt",
        b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x03\x00",
        "二进制",
    );
}

#[test]
fn empty_file_is_refused() {
    refused("empty.txt", b"", "空");
    refused("blank.txt", b"  \n\t\n", "空");
}

#[test]
fn old_word_file_is_refused_with_advice() {
    refused(
        "report.doc",
        b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00\x00\x00",
        "另存为 .docx",
    );
}

#[test]
fn docx_and_pdf_are_refused() {
    refused(
        "report.docx",
        b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00word/document.xml",
        "Word 文档",
    );
    refused("report.pdf", b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n", "PDF");
}

#[test]
fn text_in_no_known_encoding_is_refused() {
    refused("mixed.txt", b"abc \xFF\xFE\x80 def", "编码");
}

// ---- directories and standard input ----------------------------------------

#[test]
fn directory_is_walked_recursively_in_sorted_order() {
    let dir = temp();
    let root = dir.path().join("reports");
    write(&root, "b.txt", CLEAN_2021.as_bytes());
    write(&root, "a/c.txt", CLEAN_2021.as_bytes());
    write(&root, "a/d.TXT", broken_2021().as_bytes());
    write(&root, "notes.md", b"# not a report");
    write(&root, "a/e.pdf", b"%PDF-1.4");
    let r = run_with(
        &[
            OsStr::new("check"),
            OsStr::new("--format"),
            OsStr::new("jsonl"),
            OsStr::new("reports"),
        ],
        None,
        Some(dir.path()),
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    let sources: Vec<String> = r
        .stdout
        .lines()
        .map(|line| json(line)["source"].as_str().expect("source").to_string())
        .collect();
    let expected: Vec<String> = ["reports/a/c.txt", "reports/a/d.TXT", "reports/b.txt"]
        .iter()
        .map(|p| Path::new(p).display().to_string())
        .collect();
    assert_eq!(sources, expected);
}

#[test]
fn directory_gives_a_json_array_even_with_one_file() {
    let dir = temp();
    write(dir.path(), "only.txt", CLEAN_2021.as_bytes());
    let r = run(&[
        OsStr::new("check"),
        OsStr::new("-f"),
        OsStr::new("json"),
        dir.path().as_os_str(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let reports = json(&r.stdout);
    assert_eq!(reports.as_array().map(Vec::len), Some(1));
}

#[test]
fn directory_without_txt_files_exits_2() {
    let dir = temp();
    write(dir.path(), "notes.md", b"nothing");
    let r = run(&[OsStr::new("check"), dir.path().as_os_str()]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains(".txt"), "{}", r.stderr);
}

#[test]
fn stdin_is_read_with_dash() {
    let r = run_with(
        &[
            OsStr::new("check"),
            OsStr::new("--format=json"),
            OsStr::new("-"),
        ],
        Some(CLEAN_2021.as_bytes()),
        None,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let report = json(&r.stdout);
    assert_eq!(report["source"], "-");
    assert_eq!(report["agency"], "示例县教育局");
}

#[test]
fn stdin_in_gbk() {
    let (gbk, _, _) = encoding_rs::GBK.encode(CLEAN_2021);
    let r = run_with(&[OsStr::new("check"), OsStr::new("-")], Some(&gbk), None);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.starts_with("-："), "{}", r.stdout);
}

// ---- output formats ----------------------------------------------------------

#[test]
fn json_shapes() {
    let dir = temp();
    let a = write(dir.path(), "a.txt", CLEAN_2021.as_bytes());
    let b = write(dir.path(), "b.txt", broken_2021().as_bytes());

    let one = json(
        &run(&[
            OsStr::new("check"),
            OsStr::new("--format=json"),
            a.as_os_str(),
        ])
        .stdout,
    );
    assert_eq!(one["schema_version"], 1);
    assert_eq!(one["source"], a.display().to_string());
    for key in [
        "template",
        "year",
        "agency",
        "sections",
        "tables",
        "diagnostics",
    ] {
        assert!(one.get(key).is_some(), "missing {key}");
    }

    let r = run(&[
        OsStr::new("check"),
        OsStr::new("--format=json"),
        a.as_os_str(),
        b.as_os_str(),
    ]);
    assert_eq!(r.code, 1);
    let many = json(&r.stdout);
    let many = many.as_array().expect("an array for several inputs");
    assert_eq!(many.len(), 2);
    assert!(many.iter().all(|r| r["schema_version"] == 1));
    assert_eq!(many[1]["source"], b.display().to_string());

    let r = run(&[
        OsStr::new("check"),
        OsStr::new("--format=jsonl"),
        a.as_os_str(),
        b.as_os_str(),
    ]);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 2);
    for line in lines {
        assert_eq!(json(line)["schema_version"], 1);
    }
}

#[test]
fn json_array_is_empty_when_nothing_could_be_read() {
    let dir = temp();
    let empty = write(dir.path(), "empty.txt", b"");
    let missing = dir.path().join("missing.txt");
    let r = run(&[
        OsStr::new("check"),
        OsStr::new("--format=json"),
        empty.as_os_str(),
        missing.as_os_str(),
    ]);
    assert_eq!(r.code, 2);
    assert_eq!(json(&r.stdout), json("[]"));
}

#[test]
fn quiet_prints_only_summaries() {
    let dir = temp();
    let path = write(dir.path(), "bad.txt", broken_2021().as_bytes());
    let r = run(&[OsStr::new("check"), OsStr::new("-q"), path.as_os_str()]);
    assert_eq!(r.code, 1);
    assert_eq!(r.stdout.lines().count(), 1, "{}", r.stdout);
    assert!(r.stdout.contains("个错误"), "{}", r.stdout);
    assert!(!r.stdout.contains("error["), "{}", r.stdout);
}

#[test]
fn several_text_reports_end_with_a_total() {
    let dir = temp();
    let a = write(dir.path(), "a.txt", CLEAN_2021.as_bytes());
    let b = write(dir.path(), "b.txt", CLEAN_2021.as_bytes());
    let r = run(&[OsStr::new("check"), a.as_os_str(), b.as_os_str()]);
    assert_eq!(r.code, 0);
    assert!(
        r.stdout
            .trim_end()
            .ends_with("共检查 2 个文件：0 个错误，0 个警告，0 条提示"),
        "{}",
        r.stdout
    );
}

#[test]
fn colour_only_when_asked_for_a_pipe() {
    let dir = temp();
    let path = write(dir.path(), "bad.txt", broken_2021().as_bytes());
    let plain = run(&[OsStr::new("check"), path.as_os_str()]);
    assert!(!plain.stdout.contains('\x1b'));
    let coloured = run(&[
        OsStr::new("check"),
        OsStr::new("--color=always"),
        path.as_os_str(),
    ]);
    assert!(
        coloured.stdout.contains("\x1b[1;31m"),
        "{}",
        coloured.stdout
    );
}

#[test]
fn closed_stdout_does_not_panic() {
    let dir = temp();
    let path = write(dir.path(), "bad.txt", broken_2021().repeat(20).as_bytes());
    for args in [
        vec![OsStr::new("rules"), OsStr::new("--format=markdown")],
        vec![
            OsStr::new("check"),
            OsStr::new("--format=json"),
            path.as_os_str(),
        ],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_xxgk"))
            .args(&args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run xxgk");
        drop(child.stdout.take());
        let output = child.wait_with_output().expect("wait");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert_ne!(output.status.code(), Some(101), "{stderr}");
        assert!(output.status.code().is_some(), "killed by a signal");
    }
}

// ---- rules -------------------------------------------------------------------

#[test]
fn rules_lists_every_rule() {
    let r = run(&["rules"]);
    assert_eq!(r.code, 0);
    for rule in xxgk::rules::RULES {
        assert!(r.stdout.contains(rule.code), "missing {}", rule.code);
    }
    assert_eq!(r.stdout.lines().count(), xxgk::rules::RULES.len());

    let r = run(&["rules", "--format", "json"]);
    assert_eq!(r.code, 0);
    let rules = json(&r.stdout);
    let rules = rules.as_array().expect("array");
    assert_eq!(rules.len(), xxgk::rules::RULES.len());
    assert_eq!(rules[0]["code"], xxgk::rules::RULES[0].code);

    let r = run(&["rules", "--format=markdown"]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.starts_with("# xxgk"));
    assert!(r.stdout.contains("### T2-SUM"));
}

#[test]
fn rule_explains_one() {
    let r = run(&["rule", "T2-SUM"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let rule = xxgk::rules::rule("T2-SUM").expect("T2-SUM exists");
    assert!(r.stdout.starts_with("T2-SUM"), "{}", r.stdout);
    assert!(r.stdout.contains(rule.title));
    assert!(r.stdout.contains("错误"));
    // Codes are matched without regard to case.
    assert_eq!(run(&["rule", "t2-sum"]).stdout, r.stdout);
}

#[test]
fn unknown_rule_exits_2() {
    let r = run(&["rule", "NOPE"]);
    assert_eq!(r.code, 2);
    assert!(r.stdout.is_empty());
    assert!(r.stderr.contains("NOPE"), "{}", r.stderr);
}

// ---- usage -------------------------------------------------------------------

#[test]
fn help_and_version() {
    for flag in ["--help", "-h", "help"] {
        let r = run(&[flag]);
        assert_eq!(r.code, 0, "{flag}");
        assert!(r.stdout.contains("用法"), "{flag}: {}", r.stdout);
        assert!(r.stdout.contains("xxgk check"), "{flag}");
    }
    let r = run(&["check", "--help"]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("--format"));
    let r = run(&["--version"]);
    assert_eq!(r.code, 0);
    assert_eq!(
        r.stdout.trim(),
        format!("xxgk {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn usage_errors_exit_2() {
    let cases: &[&[&str]] = &[
        &[],
        &["frobnicate"],
        &["--frobnicate"],
        &["check"],
        &["check", "--format", "xml", "x.txt"],
        &["check", "--format"],
        &["check", "--bogus", "x.txt"],
        &["check", "--color=sometimes", "x.txt"],
        &["rules", "--format", "yaml"],
        &["rules", "extra"],
        &["rule"],
        &["rule", "T2-SUM", "T2-BAL"],
    ];
    for args in cases {
        let r = run(args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stdout);
        assert!(!r.stderr.is_empty(), "{args:?}: no message");
    }
}

#[test]
fn double_dash_ends_options() {
    let dir = temp();
    write(dir.path(), "-q.txt", CLEAN_2021.as_bytes());
    let r = run_with(
        &[OsStr::new("check"), OsStr::new("--"), OsStr::new("-q.txt")],
        None,
        Some(dir.path()),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("-q.txt："), "{}", r.stdout);
}

/// The report as a web page: narrative lines as paragraphs, each run of
/// tab-separated lines as a table.
fn as_html(text: &str) -> String {
    let mut out = String::from("<html><head><meta charset=\"utf-8\"></head><body>");
    let mut in_table = false;
    for line in text.lines() {
        let cells: Vec<&str> = line.split('\t').collect();
        if cells.len() > 1 {
            if !in_table {
                out.push_str("<table>");
                in_table = true;
            }
            out.push_str("<tr>");
            for c in cells {
                write!(out, "<td>{c}</td>").unwrap();
            }
            out.push_str("</tr>");
        } else {
            if in_table {
                out.push_str("</table>");
                in_table = false;
            }
            write!(out, "<p>{line}</p>").unwrap();
        }
    }
    if in_table {
        out.push_str("</table>");
    }
    out.push_str("</body></html>");
    out
}

#[test]
fn a_web_page_is_checked_like_its_text() {
    let dir = temp();
    write(dir.path(), "r.txt", broken_2021().as_bytes());
    write(dir.path(), "r.html", as_html(&broken_2021()).as_bytes());
    let run_one = |name: &str| {
        let r = run_with(
            &[
                OsStr::new("check"),
                OsStr::new("--format"),
                OsStr::new("json"),
                OsStr::new(name),
            ],
            None,
            Some(dir.path()),
        );
        assert_eq!(r.code, 1, "{}", r.stderr);
        let v = json(&r.stdout);
        let codes: Vec<String> = v["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .map(|d| format!("{} {}", d["code"], d["cell"]))
            .collect();
        (codes, v["tables"]["applications"]["total"].clone())
    };
    let (text_codes, text_total) = run_one("r.txt");
    let (html_codes, html_total) = run_one("r.html");
    assert!(!text_codes.is_empty());
    assert_eq!(text_codes, html_codes);
    let values = |t: &serde_json::Value| -> Vec<serde_json::Value> {
        t.as_array()
            .expect("row")
            .iter()
            .map(|c| c["value"].clone())
            .collect()
    };
    assert_eq!(values(&text_total), values(&html_total));
}
