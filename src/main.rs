//! The `xxgk` command: check report files, list and explain the rules.
//!
//! Exit codes: 0 no errors found; 1 some report has an error-severity
//! finding; 2 an input could not be read or the command line is wrong.

use std::ffi::OsString;
use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use xxgk::{render, rules, Options, Report, Severity};

const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Files larger than this are refused without reading them.
const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

const HELP: &str = "\
xxgk — 政府信息公开工作年度报告检查工具

用法：
  xxgk check [选项] 文件|目录|- …   检查报告（.txt、.html、.docx；目录：递归检查其中这些文件；- 表示标准输入）
  xxgk rules [--format text|json|markdown]
                                    列出全部检查规则
  xxgk rule 代码                    说明一条规则，如 xxgk rule T2-SUM
  xxgk help                         显示本帮助
  xxgk --version                    显示版本

check 的选项：
  -f, --format text|json|jsonl      输出格式（默认 text）。json：只给一个文件时输出一个对象，
                                    给多个文件或目录时输出数组；jsonl：每行一个报告
  -q, --quiet                       text 格式只输出每个文件的汇总行
      --color auto|always|never     是否彩色输出（默认 auto：终端中彩色，设置 NO_COLOR 时不彩色）

文件可为 UTF-8、UTF-16 或 GB18030/GBK 编码的纯文本。
退出码：0 未发现错误；1 发现错误；2 文件无法读取或命令用法有误。
";

/// A failure that ends the program with exit code 2.
struct Usage(String);

fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    match run(&args) {
        Ok(code) => ExitCode::from(code),
        Err(Usage(message)) => {
            complain(&message);
            complain("用法见 xxgk --help");
            ExitCode::from(2)
        }
    }
}

fn run(args: &[OsString]) -> Result<u8, Usage> {
    let Some(command) = args.first() else {
        let _ = io::stderr().lock().write_all(HELP.as_bytes());
        return Ok(2);
    };
    let rest = &args[1..];
    // Only `check` takes paths, which may be any bytes; everything else is text.
    let strings = || -> Result<Vec<String>, Usage> {
        rest.iter()
            .map(|a| {
                a.to_str().map(str::to_string).ok_or_else(|| {
                    Usage(format!("参数 {} 含有无法识别的字符", a.to_string_lossy()))
                })
            })
            .collect()
    };
    match command.to_string_lossy().as_ref() {
        "-h" | "--help" | "help" => {
            print_out(HELP);
            Ok(0)
        }
        "-V" | "--version" | "version" => {
            print_out(&format!("xxgk {VERSION}\n"));
            Ok(0)
        }
        "check" => {
            let mut opts = CheckOptions::default();
            let mut inputs = Vec::new();
            let mut iter = rest.iter().cloned();
            while let Some(arg) = iter.next() {
                if !opts.only_inputs && (arg == "-h" || arg == "--help") {
                    print_out(HELP);
                    return Ok(0);
                }
                parse_check_arg(arg, &mut iter, &mut opts, &mut inputs)?;
            }
            check_command(opts, inputs)
        }
        "rules" => rules_command(&strings()?),
        "rule" => rule_command(&strings()?),
        other if other.starts_with('-') => Err(Usage(format!("未知选项 {other}"))),
        other => Err(Usage(format!(
            "未知命令 {other}（检查文件请用 xxgk check {other}）"
        ))),
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Text,
    Json,
    Jsonl,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Color {
    Auto,
    Always,
    Never,
}

struct CheckOptions {
    format: Format,
    quiet: bool,
    color: Color,
    /// After `--`, every argument is an input.
    only_inputs: bool,
    /// A directory was given: JSON output is always an array.
    saw_directory: bool,
}

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions {
            format: Format::Text,
            quiet: false,
            color: Color::Auto,
            only_inputs: false,
            saw_directory: false,
        }
    }
}

/// Split `--name=value` into its parts.
fn split_value(arg: &str) -> (&str, Option<&str>) {
    match arg.split_once('=') {
        Some((name, value)) if name.starts_with("--") => (name, Some(value)),
        _ => (arg, None),
    }
}

/// The value of an option: after `=`, or the next argument.
fn option_value<A: Into<OsString>>(
    name: &str,
    inline: Option<&str>,
    rest: &mut dyn Iterator<Item = A>,
) -> Result<String, Usage> {
    match inline {
        Some(value) => Ok(value.to_string()),
        None => rest
            .next()
            .ok_or_else(|| Usage(format!("选项 {name} 需要一个值")))?
            .into()
            .into_string()
            .map_err(|v| Usage(format!("选项 {name} 的值 {} 无法识别", v.to_string_lossy()))),
    }
}

/// Parse one argument of `check`.
fn parse_check_arg(
    arg: OsString,
    rest: &mut dyn Iterator<Item = OsString>,
    opts: &mut CheckOptions,
    inputs: &mut Vec<PathBuf>,
) -> Result<(), Usage> {
    let text = match arg.to_str() {
        Some(text) if !opts.only_inputs && text != "-" && text.starts_with('-') => text,
        _ => {
            inputs.push(PathBuf::from(arg));
            return Ok(());
        }
    };
    let (name, inline) = split_value(text);
    match name {
        "--" => opts.only_inputs = true,
        "-q" | "--quiet" if inline.is_none() => opts.quiet = true,
        "-f" | "--format" => {
            opts.format = match option_value(name, inline, rest)?.as_str() {
                "text" => Format::Text,
                "json" => Format::Json,
                "jsonl" => Format::Jsonl,
                other => {
                    return Err(Usage(format!(
                        "未知的输出格式 {other}（可选 text、json、jsonl）"
                    )))
                }
            };
        }
        "--color" | "--colour" => {
            opts.color = match option_value(name, inline, rest)?.as_str() {
                "auto" => Color::Auto,
                "always" => Color::Always,
                "never" => Color::Never,
                other => {
                    return Err(Usage(format!(
                        "未知的 --color 取值 {other}（可选 auto、always、never）"
                    )))
                }
            };
        }
        _ => return Err(Usage(format!("check 不认识选项 {text}"))),
    }
    Ok(())
}

/// One input to check, as found on the command line or in a directory.
struct Input {
    /// The name shown in the output (the path as given, or `-`).
    name: String,
    path: Option<PathBuf>,
}

fn check_command(mut opts: CheckOptions, args: Vec<PathBuf>) -> Result<u8, Usage> {
    if args.is_empty() {
        return Err(Usage(
            "缺少要检查的文件（用 - 表示从标准输入读取）".to_string(),
        ));
    }
    let mut status = 0u8;
    let mut inputs = Vec::new();
    for arg in &args {
        if arg.as_os_str() == "-" {
            inputs.push(Input {
                name: "-".to_string(),
                path: None,
            });
            continue;
        }
        if arg.is_dir() {
            opts.saw_directory = true;
            let mut files = Vec::new();
            let mut errors = Vec::new();
            walk(arg, &mut files, &mut errors);
            for (path, error) in errors {
                complain(&format!("{}: 无法读取目录：{error}", path.display()));
                status = 2;
            }
            if files.is_empty() {
                complain(&format!(
                    "{}: 目录中没有 .txt、.html 或 .docx 文件",
                    arg.display()
                ));
                status = 2;
            }
            files.sort();
            inputs.extend(files.into_iter().map(|path| Input {
                name: path.display().to_string(),
                path: Some(path),
            }));
        } else {
            inputs.push(Input {
                name: arg.display().to_string(),
                path: Some(arg.clone()),
            });
        }
    }

    let color = match opts.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let as_array = args.len() > 1 || opts.saw_directory;

    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut written = 0usize;
    let mut totals = [0usize; 3];
    let mut checked = 0usize;

    let result = (|| -> io::Result<()> {
        if opts.format == Format::Json && as_array {
            out.write_all(b"[")?;
        }
        for input in &inputs {
            let text = match read_input(input) {
                Ok(text) => text,
                Err(message) => {
                    out.flush()?;
                    complain(&format!("{}: {message}", input.name));
                    status = 2;
                    continue;
                }
            };
            let report = xxgk::check(
                &text,
                &Options {
                    source: input.name.clone(),
                    utf16: false,
                },
            );
            checked += 1;
            if report.count(Severity::Error) > 0 {
                status = status.max(1);
            }
            totals[0] += report.count(Severity::Error);
            totals[1] += report.count(Severity::Warning);
            totals[2] += report.count(Severity::Info);
            write_report(&mut out, &report, &text, &opts, color, as_array, written)?;
            written += 1;
        }
        if opts.format == Format::Json && as_array {
            out.write_all(if written > 0 { b"\n]\n" } else { b"]\n" })?;
        }
        if opts.format == Format::Text && checked > 1 {
            let line = format!(
                "共检查 {checked} 个文件：{} 个错误，{} 个警告，{} 条提示",
                totals[0], totals[1], totals[2]
            );
            writeln!(out, "\n{line}")?;
        }
        out.flush()
    })();

    match result {
        Ok(()) => Ok(status),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(status),
        Err(e) => {
            complain(&format!("写入输出失败：{e}"));
            Ok(2)
        }
    }
}

fn write_report(
    out: &mut impl Write,
    report: &Report,
    text: &str,
    opts: &CheckOptions,
    color: bool,
    as_array: bool,
    written: usize,
) -> io::Result<()> {
    match opts.format {
        Format::Json if as_array => {
            out.write_all(if written == 0 { b"\n" } else { b",\n" })?;
            out.write_all(report.to_json().as_bytes())
        }
        Format::Json | Format::Jsonl => {
            out.write_all(report.to_json().as_bytes())?;
            out.write_all(b"\n")
        }
        Format::Text if opts.quiet => {
            writeln!(out, "{}", render::render_summary(report, color))
        }
        Format::Text => {
            if written > 0 {
                out.write_all(b"\n")?;
            }
            out.write_all(render::render_text(report, text, color).as_bytes())
        }
    }
}

/// Read and decode one input; the error is a Chinese message.
fn read_input(input: &Input) -> Result<String, String> {
    let bytes = match &input.path {
        None => {
            let mut bytes = Vec::new();
            io::stdin()
                .lock()
                .take(MAX_FILE_BYTES + 1)
                .read_to_end(&mut bytes)
                .map_err(|e| format!("无法读取标准输入：{e}"))?;
            if bytes.len() as u64 > MAX_FILE_BYTES {
                return Err(too_large());
            }
            bytes
        }
        Some(path) => {
            let metadata = std::fs::metadata(path).map_err(|e| io_message(&e))?;
            if metadata.is_dir() {
                return Err("是目录".to_string());
            }
            if metadata.len() > MAX_FILE_BYTES {
                return Err(too_large());
            }
            std::fs::read(path).map_err(|e| io_message(&e))?
        }
    };
    let name = input
        .path
        .as_deref()
        .and_then(|p| p.file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    xxgk::read_document(&bytes, &name)
        .map(|d| d.text)
        .map_err(|e| e.to_string())
}

fn too_large() -> String {
    format!(
        "文件超过 {} MB，不像年度报告，未检查",
        MAX_FILE_BYTES / 1024 / 1024
    )
}

fn io_message(error: &io::Error) -> String {
    match error.kind() {
        io::ErrorKind::NotFound => "文件不存在".to_string(),
        io::ErrorKind::PermissionDenied => "没有读取权限".to_string(),
        _ => format!("无法读取：{error}"),
    }
}

/// File kinds a directory walk takes: text, web pages and Word documents.
const READ_EXTENSIONS: &[&str] = &["txt", "text", "htm", "html", "docx"];

/// Collect the report files under `dir` (see [`READ_EXTENSIONS`]), recursively. Symbolic links to
/// directories are not followed (no loops).
fn walk(dir: &Path, files: &mut Vec<PathBuf>, errors: &mut Vec<(PathBuf, io::Error)>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            errors.push((dir.to_path_buf(), e));
            return;
        }
    };
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                errors.push((dir.to_path_buf(), e));
                continue;
            }
        };
        let path = entry.path();
        let Ok(file_type) = entry.file_type() else {
            continue;
        };
        if file_type.is_dir() {
            walk(&path, files, errors);
        } else if (file_type.is_file() || (file_type.is_symlink() && path.is_file()))
            && path
                .extension()
                .is_some_and(|e| READ_EXTENSIONS.iter().any(|x| e.eq_ignore_ascii_case(x)))
        {
            files.push(path);
        }
    }
}

fn rules_command(args: &[String]) -> Result<u8, Usage> {
    let mut format = "text".to_string();
    let mut iter = args.iter().cloned();
    while let Some(arg) = iter.next() {
        let (name, inline) = split_value(&arg);
        match name {
            "-f" | "--format" => format = option_value(name, inline, &mut iter)?,
            "-h" | "--help" => {
                print_out(HELP);
                return Ok(0);
            }
            _ => return Err(Usage(format!("rules 不认识参数 {arg}"))),
        }
    }
    let output = match format.as_str() {
        "text" => render::rules_text(),
        "markdown" | "md" => render::rules_markdown(),
        "json" => {
            let mut json = serde_json::to_string_pretty(rules::RULES)
                .map_err(|e| Usage(format!("无法输出规则：{e}")))?;
            json.push('\n');
            json
        }
        other => {
            return Err(Usage(format!(
                "未知的输出格式 {other}（可选 text、json、markdown）"
            )))
        }
    };
    print_out(&output);
    Ok(0)
}

fn rule_command(args: &[String]) -> Result<u8, Usage> {
    match args {
        [flag] if flag == "-h" || flag == "--help" => {
            print_out(HELP);
            Ok(0)
        }
        [code] => match rules::rule(code) {
            Some(rule) => {
                print_out(&render::render_rule(rule));
                Ok(0)
            }
            None => Err(Usage(format!(
                "没有代码为 {code} 的规则（xxgk rules 列出全部规则）"
            ))),
        },
        [] => Err(Usage("缺少规则代码，如 xxgk rule T2-SUM".to_string())),
        _ => Err(Usage("rule 只接受一个规则代码".to_string())),
    }
}

/// Write to stdout; a closed pipe is not an error worth a message.
fn print_out(text: &str) {
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
}

/// Write one line to stderr, ignoring failures (`eprintln!` would panic).
fn complain(message: &str) {
    let _ = writeln!(io::stderr().lock(), "xxgk: {message}");
}
