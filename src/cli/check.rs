//! `xxgk check`: read each input (a file, every report file under a
//! directory, or standard input), check it and write the reports.

use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

use xxgk::{render, Options, Report, Severity};

use super::args::{CheckArgs, Color, Format};
use super::{complain, Usage};

/// Files larger than this are refused without reading them.
const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// One input to check, as found on the command line or in a directory.
struct Input {
    /// The name shown in the output (the path as given, or `-`).
    name: String,
    path: Option<PathBuf>,
    /// Found by walking a directory (not named on the command line).
    walked: bool,
}

/// How the reports are written.
struct Output {
    format: Format,
    quiet: bool,
    color: bool,
}

pub fn run(cli: CheckArgs) -> Result<u8, Usage> {
    let args: Vec<PathBuf> = cli.inputs.into_iter().map(PathBuf::from).collect();
    if args.is_empty() {
        return Err(Usage(
            "缺少要检查的文件（用 - 表示从标准输入读取）".to_string(),
        ));
    }
    if let Some(out) = &cli.annotate {
        return annotate(
            &args,
            Path::new(out),
            cli.format.unwrap_or(Format::Text),
            cli.quiet,
        );
    }
    let mut status = 0u8;
    let (inputs, saw_directory) = collect_inputs(&args, &mut status);
    let opts = Output {
        format: cli.format.unwrap_or(Format::Text),
        quiet: cli.quiet,
        color: use_color(cli.color),
    };
    let as_array = args.len() > 1 || saw_directory;

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
                // A PDF found in a directory that this program cannot parse
                // is passed over (the web page may read it), not an error.
                Err((message, true)) if input.walked => {
                    out.flush()?;
                    complain(&format!("{}: 已跳过：{message}", input.name));
                    continue;
                }
                Err((message, _)) => {
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
            write_report(&mut out, &report, &text, &opts, as_array, written)?;
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

/// `xxgk check report.docx --annotate out.docx`: check one Word document,
/// print its report as usual and write it back with a comment per finding.
fn annotate(args: &[PathBuf], target: &Path, format: Format, quiet: bool) -> Result<u8, Usage> {
    let [path] = args else {
        return Err(Usage(
            "--annotate 只能用于一个 Word 文档（.docx）".to_string(),
        ));
    };
    let name = path.display().to_string();
    let input = Input {
        name: name.clone(),
        path: (path.as_os_str() != "-").then(|| path.clone()),
        walked: false,
    };
    let bytes = match read_bytes(&input) {
        Ok((bytes, _)) => bytes,
        Err(message) => {
            complain(&format!("{name}: {message}"));
            return Ok(2);
        }
    };
    let text = match xxgk::docx::docx_to_text(&bytes) {
        Ok(text) => text,
        Err(e) => {
            complain(&format!("{name}: --annotate 需要 Word 文档（.docx）：{e}"));
            return Ok(2);
        }
    };
    let report = xxgk::check(
        &text,
        &Options {
            source: name.clone(),
            utf16: false,
        },
    );
    let notes = xxgk::annotate::notes(&report.diagnostics);
    let written = xxgk::annotate::annotate_docx(&bytes, &notes, "xxgk")
        .map_err(|e| e.to_string())
        .and_then(|docx| std::fs::write(target, docx).map_err(|e| e.to_string()));
    if let Err(message) = written {
        complain(&format!("{}: 无法写入批注版：{message}", target.display()));
        return Ok(2);
    }
    let opts = Output {
        format,
        quiet,
        color: false,
    };
    let mut out = io::stdout().lock();
    let _ = write_report(&mut out, &report, &text, &opts, false, 0);
    let _ = out.flush();
    Ok(u8::from(report.count(Severity::Error) > 0))
}

/// The inputs named on the command line, directories walked for their
/// report files; and whether a directory was named. Unreadable directories
/// and empty ones are told on standard error and set `status` to 2.
fn collect_inputs(args: &[PathBuf], status: &mut u8) -> (Vec<Input>, bool) {
    let mut saw_directory = false;
    let mut inputs = Vec::new();
    for arg in args {
        if arg.as_os_str() == "-" {
            inputs.push(Input {
                name: "-".to_string(),
                path: None,
                walked: false,
            });
            continue;
        }
        if arg.is_dir() {
            saw_directory = true;
            let mut files = Vec::new();
            let mut errors = Vec::new();
            walk(arg, &mut files, &mut errors);
            for (path, error) in errors {
                complain(&format!("{}: 无法读取目录：{error}", path.display()));
                *status = 2;
            }
            if files.is_empty() {
                complain(&format!(
                    "{}: 目录中没有 .txt、.html、.docx 或 .pdf 文件",
                    arg.display()
                ));
                *status = 2;
            }
            files.sort();
            inputs.extend(files.into_iter().map(|path| Input {
                name: path.display().to_string(),
                path: Some(path),
                walked: true,
            }));
        } else {
            inputs.push(Input {
                name: arg.display().to_string(),
                path: Some(arg.clone()),
                walked: false,
            });
        }
    }
    (inputs, saw_directory)
}

/// Whether to colour the text output.
fn use_color(color: Option<Color>) -> bool {
    match color.unwrap_or(Color::Auto) {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

fn write_report(
    out: &mut impl Write,
    report: &Report,
    text: &str,
    opts: &Output,
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
            writeln!(out, "{}", render::render_summary(report, opts.color))
        }
        Format::Text => {
            if written > 0 {
                out.write_all(b"\n")?;
            }
            out.write_all(render::render_text(report, text, opts.color).as_bytes())
        }
    }
}

/// Read and decode one input; the error is a Chinese message, and whether
/// the file is a PDF this program cannot parse.
fn read_input(input: &Input) -> Result<String, (String, bool)> {
    read_bytes(input)
        .map_err(|message| (message, false))
        .and_then(|(bytes, name)| {
            xxgk::read_document(&bytes, &name)
                .map(|d| d.text)
                .map_err(|e| (e.to_string(), e == xxgk::input::InputError::Pdf))
        })
}

/// An input's bytes and file name.
fn read_bytes(input: &Input) -> Result<(Vec<u8>, String), String> {
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
    Ok((bytes, name))
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

/// File kinds a directory walk takes: text, web pages, Word documents and PDFs.
const READ_EXTENSIONS: &[&str] = &["txt", "text", "htm", "html", "docx", "pdf"];

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
