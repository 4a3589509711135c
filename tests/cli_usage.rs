//! The `xxgk` command line's own words: each mistake is named in Chinese, as
//! typed, with exit code 2; short options take their value attached.

use std::process::{Command, Stdio};

fn run(args: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .args(args)
        .env_remove("NO_COLOR")
        .stdin(Stdio::null())
        .output()
        .expect("run xxgk");
    let stderr = String::from_utf8(output.stderr).expect("stderr is UTF-8");
    assert!(!stderr.contains("panicked"), "{stderr}");
    (
        output.status.code().expect("exit code"),
        String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr,
    )
}

#[test]
fn mistakes_are_named_as_typed() {
    let cases: &[(&[&str], &str)] = &[
        (
            &["frobnicate"],
            "未知命令 frobnicate（检查文件请用 xxgk check frobnicate）",
        ),
        (&["--frobnicate"], "未知选项 --frobnicate"),
        (&["--", "check"], "未知选项 --"),
        (&["check"], "缺少要检查的文件（用 - 表示从标准输入读取）"),
        (
            &["check", "--format", "xml", "x.txt"],
            "未知的输出格式 xml（可选 text、json、jsonl）",
        ),
        (&["check", "-f"], "选项 -f 需要一个值"),
        (&["check", "--colour"], "选项 --colour 需要一个值"),
        (&["check", "--bogus", "x.txt"], "check 不认识选项 --bogus"),
        (
            &["check", "--quiet=yes", "x.txt"],
            "check 不认识选项 --quiet=yes",
        ),
        (&["check", "-q.txt"], "check 不认识选项 -q.txt"),
        (
            &["check", "--color=sometimes", "x.txt"],
            "未知的 --color 取值 sometimes（可选 auto、always、never）",
        ),
        (
            &["rules", "--format", "yaml"],
            "未知的输出格式 yaml（可选 text、json、markdown）",
        ),
        (&["rules", "extra"], "rules 不认识参数 extra"),
        (&["rule"], "缺少规则代码，如 xxgk rule T2-SUM"),
        (&["rule", "T2-SUM", "T2-BAL"], "rule 只接受一个规则代码"),
        (
            &["rule", "-x"],
            "没有代码为 -x 的规则（xxgk rules 列出全部规则）",
        ),
    ];
    for (args, message) in cases {
        let (code, stdout, stderr) = run(args);
        assert_eq!(code, 2, "{args:?}");
        assert!(stdout.is_empty(), "{args:?}: {stdout}");
        assert_eq!(
            stderr,
            format!("xxgk: {message}\nxxgk: 用法见 xxgk --help\n"),
            "{args:?}"
        );
    }
}

#[test]
fn no_arguments_print_the_help_to_stderr() {
    let (code, stdout, stderr) = run(&[]);
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    assert!(stderr.starts_with("xxgk — "), "{stderr}");
}

#[test]
fn help_wherever_it_is_asked_for() {
    let (_, help, _) = run(&["--help"]);
    for args in [
        &["-h"][..],
        &["help", "anything", "--at-all"],
        &["--help", "junk"],
        &["check", "x.txt", "--help"],
        &["rules", "-h"],
        &["rule", "-h"],
    ] {
        let (code, stdout, stderr) = run(args);
        assert_eq!(code, 0, "{args:?}: {stderr}");
        assert_eq!(stdout, help, "{args:?}");
    }
    let (code, version, _) = run(&["version"]);
    assert_eq!(code, 0);
    assert_eq!(version, format!("xxgk {}\n", env!("CARGO_PKG_VERSION")));
    assert_eq!(run(&["-V"]).1, version);
}

#[test]
fn an_empty_argument_is_a_missing_file() {
    let (code, _, stderr) = run(&["check", ""]);
    assert_eq!(code, 2);
    assert_eq!(stderr, "xxgk: : 文件不存在\n");
}

#[test]
fn short_options_take_attached_values() {
    let (code, stdout, _) = run(&["rules", "-fjson"]);
    assert_eq!(code, 0);
    assert!(stdout.starts_with('['), "{stdout}");
    let (code, stdout, _) = run(&["rules", "-f", "md"]);
    assert_eq!(code, 0);
    assert!(stdout.starts_with("# xxgk"), "{stdout}");
}
