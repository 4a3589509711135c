//! `xxgk check` with a rule configuration: `--select`, `--ignore`,
//! `--severity`, `--config`, `--no-config` and the nearest `xxgk.toml` above
//! each report; the exit code after configuration (0: no error left, 1:
//! errors, 2: a configuration that names something unknown).

use std::path::Path;
use std::process::Command;

use serde_json::Value;

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn xxgk(args: &[&str], cwd: &Path) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .output()
        .expect("run xxgk");
    Run {
        code: out.status.code().expect("exit code"),
        stdout: String::from_utf8(out.stdout).expect("UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("UTF-8"),
    }
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/{name}.txt")),
    )
    .expect("fixture")
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `(code, severity)` of every finding of a one-report JSON output.
fn findings(stdout: &str) -> Vec<(String, String)> {
    let v: Value = serde_json::from_str(stdout).expect("JSON");
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["severity"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

const T3: &str = "tests/fixtures/checks_2022_t1_t3.txt";

#[test]
fn flags_turn_rules_off_and_change_severities() {
    let plain = xxgk(&["check", "-f", "json", T3], root());
    assert_eq!(plain.code, 1, "{}", plain.stderr);
    assert!(serde_json::from_str::<Value>(&plain.stdout)
        .unwrap()
        .get("config")
        .is_none());

    let r = xxgk(
        &["check", "-f", "json", "--ignore", "review,T1-DECIMALS", T3],
        root(),
    );
    assert_eq!(r.code, 0, "no error left: exit 0");
    assert_eq!(
        findings(&r.stdout),
        [("T1-21-NEW".to_string(), "warning".to_string())]
    );
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(
        v["config"]["ignore"],
        serde_json::json!(["review", "T1-DECIMALS"])
    );

    let r = xxgk(
        &["check", "-f", "json", "--severity", "review=warning", T3],
        root(),
    );
    assert_eq!(r.code, 0, "errors lowered to warnings: exit 0");
    assert!(findings(&r.stdout).contains(&("T3-REV".to_string(), "warning".to_string())));

    let r = xxgk(
        &[
            "check",
            "-q",
            "--select",
            "t3-rev",
            "--select",
            "T1-21-NEW",
            T3,
        ],
        root(),
    );
    assert_eq!(r.code, 1);
    assert!(
        r.stdout.contains("1 个错误，1 个警告，0 条提示"),
        "{}",
        r.stdout
    );
}

#[test]
fn unknown_codes_are_usage_errors() {
    for args in [
        &["check", "--ignore", "T9-NOPE", T3][..],
        &["check", "--select", "tables", T3],
        &["check", "--severity", "DOC-FEE=fatal", T3],
        &["check", "--severity", "DOC-FEE", T3],
    ] {
        let r = xxgk(args, root());
        assert_eq!(r.code, 2, "{args:?}");
        assert!(r.stdout.is_empty(), "{args:?}: nothing checked");
        assert!(r.stderr.starts_with("xxgk: "), "{}", r.stderr);
    }
    let r = xxgk(&["check", "--ignore", "T9-NOPE", T3], root());
    assert!(r.stderr.contains("T9-NOPE"), "{}", r.stderr);
}

#[test]
fn the_nearest_xxgk_toml_above_each_report_applies() {
    let dir = tempfile::tempdir().unwrap();
    let province = dir.path().join("province");
    let county = province.join("county");
    std::fs::create_dir_all(&county).unwrap();
    std::fs::write(
        province.join("xxgk.toml"),
        "# 本省不要求信息处理费的说明\nignore = [\"DOC-FEE\"]\n[severity]\nDOC-YEAR = \"info\"\n",
    )
    .unwrap();
    std::fs::write(county.join("report.txt"), fixture("doc_period_fee_2022")).unwrap();
    std::fs::write(dir.path().join("other.txt"), fixture("doc_period_fee_2022")).unwrap();

    // Found from the report's directory upward, whatever the working directory.
    let r = xxgk(
        &["check", "-f", "json", "province/county/report.txt"],
        dir.path(),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let got = findings(&r.stdout);
    assert!(!got.iter().any(|(c, _)| c == "DOC-FEE"), "{got:?}");
    assert!(got.contains(&("DOC-YEAR".to_string(), "info".to_string())));
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["config"]["ignore"], serde_json::json!(["DOC-FEE"]));

    // A report outside the province's folder: no file, no config.
    let r = xxgk(&["check", "-f", "json", "other.txt"], dir.path());
    assert!(findings(&r.stdout).iter().any(|(c, _)| c == "DOC-FEE"));
    assert!(serde_json::from_str::<Value>(&r.stdout)
        .unwrap()
        .get("config")
        .is_none());

    // Standard input: looked up from the working directory.
    let out = Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .args(["check", "-f", "json", "-"])
        .current_dir(&county)
        .stdin(std::fs::File::open(county.join("report.txt")).unwrap())
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(!findings(&stdout).iter().any(|(c, _)| c == "DOC-FEE"));

    // Flags on top of the file; --no-config leaves it out.
    let r = xxgk(
        &[
            "check",
            "-f",
            "json",
            "--severity",
            "DOC-YEAR=error",
            "province/county/report.txt",
        ],
        dir.path(),
    );
    assert_eq!(r.code, 1);
    assert!(findings(&r.stdout).contains(&("DOC-YEAR".to_string(), "error".to_string())));
    let r = xxgk(
        &[
            "check",
            "-f",
            "json",
            "--no-config",
            "province/county/report.txt",
        ],
        dir.path(),
    );
    assert!(findings(&r.stdout).iter().any(|(c, _)| c == "DOC-FEE"));

    // A directory: each file with its own nearest configuration.
    let r = xxgk(&["check", "-f", "json", "."], dir.path());
    let all: Vec<Value> = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(all.len(), 2);
    let with_config = all.iter().filter(|v| v.get("config").is_some()).count();
    assert_eq!(with_config, 1);
}

#[test]
fn an_explicit_config_file_and_its_mistakes() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("report.txt"), fixture("checks_2022_t1_t3")).unwrap();
    std::fs::write(
        dir.path().join("lenient.toml"),
        "select = [\"all\"]\nignore = [\"review\"]\n",
    )
    .unwrap();
    let r = xxgk(
        &["check", "-q", "--config", "lenient.toml", "report.txt"],
        dir.path(),
    );
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);

    std::fs::write(dir.path().join("typo.toml"), "ignore = [\"T9-NOPE\"]\n").unwrap();
    let r = xxgk(
        &["check", "--config", "typo.toml", "report.txt"],
        dir.path(),
    );
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("typo.toml") && r.stderr.contains("T9-NOPE"),
        "{}",
        r.stderr
    );

    std::fs::write(dir.path().join("key.toml"), "ignored = [\"DOC-FEE\"]\n").unwrap();
    let r = xxgk(&["check", "--config", "key.toml", "report.txt"], dir.path());
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("key.toml"), "{}", r.stderr);

    let r = xxgk(
        &["check", "--config", "missing.toml", "report.txt"],
        dir.path(),
    );
    assert_eq!(r.code, 2);
    let r = xxgk(
        &["check", "--config", "key.toml", "--no-config", "report.txt"],
        dir.path(),
    );
    assert_eq!(r.code, 2);

    // A broken xxgk.toml found next to a report: that report is not checked.
    std::fs::write(dir.path().join("xxgk.toml"), "select = \"all\"\n").unwrap();
    let r = xxgk(&["check", "-q", "report.txt"], dir.path());
    assert_eq!(r.code, 2);
    assert!(r.stdout.is_empty());
    assert!(r.stderr.contains("xxgk.toml"), "{}", r.stderr);
}
