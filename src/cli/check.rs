//! `xxgk check`: read each input (a file, every report file under a
//! directory, or standard input), check it and write the reports.

use std::collections::BTreeMap;
use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use xxgk::compare::Comparison;
use xxgk::{render, Options, Report, Severity};

use super::args::{CheckArgs, Color, Format, Summary};
use super::config::{self, Configs};
use super::{complain, summary, Usage};

/// Files larger than this are refused without reading them.
const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// One input to check, as found on the command line or in a directory.
pub struct Input {
    /// The name shown in the output (the path as given, or `-`).
    pub name: String,
    path: Option<PathBuf>,
    /// Found by walking a directory (not named on the command line).
    walked: bool,
}

impl Input {
    /// A file named on the command line.
    pub fn file(path: PathBuf) -> Input {
        Input {
            name: path.display().to_string(),
            path: Some(path),
            walked: false,
        }
    }
}

/// How the reports are written.
struct Output {
    format: Format,
    quiet: bool,
    color: bool,
}

/// Batches at least this long show a progress bar (on a terminal).
const PROGRESS_FROM: usize = 20;

/// What a batch keeps for the summary and the comparisons.
#[derive(Default)]
struct Kept {
    rows: Vec<summary::Row>,
    problems: Vec<summary::Problem>,
    tables: Vec<summary::TableRows>,
    /// Each checked report with its text (only with `--compare`).
    checked: Vec<(String, Report)>,
}

#[allow(clippy::too_many_lines)] // one batch, its output and its summary in order
pub fn run(cli: CheckArgs) -> Result<u8, Usage> {
    let args: Vec<PathBuf> = cli.inputs.into_iter().map(PathBuf::from).collect();
    if args.is_empty() {
        return Err(Usage(
            "缺少要检查的文件（用 - 表示从标准输入读取）".to_string(),
        ));
    }
    let flags = config::from_flags(&cli.select, &cli.ignore, &cli.severity).map_err(Usage)?;
    let file = cli.config.as_ref().map(PathBuf::from);
    if cli.no_config && file.is_some() {
        return Err(Usage("--config 与 --no-config 不能同时使用".to_string()));
    }
    let mut configs = Configs::new(file.as_deref(), cli.no_config, flags).map_err(Usage)?;
    if let Some(out) = &cli.annotate {
        let config = configs
            .for_input(
                args.first()
                    .filter(|p| p.as_os_str() != "-")
                    .map(PathBuf::as_path),
            )
            .map_err(Usage)?;
        return annotate(
            &args,
            Path::new(out),
            &config,
            cli.format.unwrap_or(Format::Text),
            cli.quiet,
        );
    }
    if cli.summary == Some(Summary::Xlsx) && cli.output.is_none() && io::stdout().is_terminal() {
        return Err(Usage(
            "xlsx 汇总不能输出到终端，请用 -o 指定文件".to_string(),
        ));
    }
    let mut status = 0u8;
    let (inputs, saw_directory) = collect_inputs(&args, &mut status);
    // Each report's configuration (its nearest xxgk.toml), found before the
    // reports are checked in parallel.
    let input_configs: Vec<Result<xxgk::Config, String>> = inputs
        .iter()
        .map(|input| configs.for_input(input.path.as_deref()))
        .collect();
    let opts = Output {
        format: cli.format.unwrap_or(Format::Text),
        quiet: cli.quiet,
        color: cli.output.is_none() && use_color(cli.color),
    };
    let as_array = args.len() > 1 || saw_directory;
    let jobs = cli
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from));
    let progress = (inputs.len() >= PROGRESS_FROM && io::stderr().is_terminal())
        .then(|| indicatif::ProgressBar::new(inputs.len() as u64));
    let say = |message: &str| match &progress {
        Some(bar) => bar.suspend(|| complain(message)),
        None => complain(message),
    };

    let sink: Box<dyn Write> = match &cli.output {
        Some(path) => match std::fs::File::create(path) {
            Ok(file) => Box::new(file),
            Err(e) => {
                complain(&format!("{}: 无法写入：{e}", Path::new(path).display()));
                return Ok(2);
            }
        },
        None => Box::new(io::stdout().lock()),
    };
    let mut out = io::BufWriter::new(sink);
    let mut written = 0usize;
    let mut totals = [0usize; 3];
    let mut checked = 0usize;
    let mut kept = Kept::default();
    let per_report = cli.summary.is_none();
    let json_object = per_report && cli.compare && opts.format == Format::Json;

    let result = (|| -> io::Result<()> {
        if json_object {
            out.write_all(b"{\"reports\":[")?;
        } else if per_report && opts.format == Format::Json && as_array {
            out.write_all(b"[")?;
        }
        let mut failure = None;
        check_each(&inputs, &input_configs, jobs, |i, result| {
            if let Some(bar) = &progress {
                bar.inc(1);
            }
            let input = &inputs[i];
            let config = match &input_configs[i] {
                Ok(config) => config,
                Err(message) => {
                    let _ = out.flush();
                    say(message);
                    status = 2;
                    return true;
                }
            };
            let (text, report) = match result {
                Ok(done) => done,
                // A PDF found in a directory that this program cannot parse
                // is passed over (the web page may read it), not an error.
                Err((message, true)) if input.walked => {
                    let _ = out.flush();
                    say(&format!("{}: 已跳过：{message}", input.name));
                    return true;
                }
                Err((message, _)) => {
                    let _ = out.flush();
                    say(&format!("{}: {message}", input.name));
                    status = 2;
                    return true;
                }
            };
            checked += 1;
            if report.count(Severity::Error) > 0 {
                status = status.max(1);
            }
            totals[0] += report.count(Severity::Error);
            totals[1] += report.count(Severity::Warning);
            totals[2] += report.count(Severity::Info);
            if per_report {
                let as_array = as_array || json_object;
                if let Err(e) =
                    write_report(&mut out, &report, config, &text, &opts, as_array, written)
                {
                    failure = Some(e);
                    return false;
                }
                written += 1;
            } else {
                kept.rows.push(summary::Row::of(&report));
                kept.problems.extend(summary::Problem::of_report(&report));
                if cli.summary == Some(Summary::Xlsx) {
                    kept.tables.push(summary::TableRows::of(&report));
                }
            }
            if cli.compare {
                kept.checked.push((text, report));
            }
            true
        });
        if let Some(bar) = &progress {
            bar.finish_and_clear();
        }
        if let Some(e) = failure {
            return Err(e);
        }
        if json_object {
            out.write_all(if written > 0 { b"\n]" } else { b"]" })?;
        } else if per_report && opts.format == Format::Json && as_array {
            out.write_all(if written > 0 { b"\n]\n" } else { b"]\n" })?;
        }
        let comparisons = if cli.compare {
            compare_all(&kept.checked)
        } else {
            Vec::new()
        };
        for c in &comparisons {
            totals[0] += c.count(Severity::Error);
            totals[1] += c.count(Severity::Warning);
            totals[2] += c.count(Severity::Info);
            if c.count(Severity::Error) > 0 {
                status = status.max(1);
            }
        }
        if per_report {
            write_comparisons(&mut out, &comparisons, opts.format, json_object)?;
        } else {
            let by_source: std::collections::HashMap<String, usize> = kept
                .rows
                .iter()
                .enumerate()
                .map(|(i, r)| (r.source.clone(), i))
                .collect();
            for c in &comparisons {
                if let Some(&i) = by_source.get(&c.this.source) {
                    kept.rows[i].compare_findings += c.findings.len();
                }
                kept.problems.extend(summary::Problem::of_comparison(c));
            }
            let bytes = match cli.summary {
                Some(Summary::Csv) => summary::csv(&kept.rows),
                Some(Summary::Json) => summary::json(&kept.rows),
                _ => summary::xlsx(&kept.rows, &kept.problems, &kept.tables)
                    .map_err(io::Error::other)?,
            };
            out.write_all(&bytes)?;
        }
        if per_report && opts.format == Format::Text && checked > 1 {
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

/// A checked input: its text and report, or the reason it could not be
/// read (and whether it is a PDF this program cannot parse).
type Checked = Result<(String, Report), (String, bool)>;

/// Read and check every input on `jobs` threads; `f` sees the results in
/// the order of `inputs` and returns `false` to stop.
fn check_each(
    inputs: &[Input],
    configs: &[Result<xxgk::Config, String>],
    jobs: usize,
    mut f: impl FnMut(usize, Checked) -> bool,
) {
    let next = AtomicUsize::new(0);
    let (tx, rx) = mpsc::channel::<(usize, Checked)>();
    std::thread::scope(|scope| {
        for _ in 0..jobs.clamp(1, inputs.len().max(1)) {
            let tx = tx.clone();
            let next = &next;
            scope.spawn(move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(input) = inputs.get(i) else { break };
                // A report whose configuration is wrong is not read: the
                // caller says why.
                let Some(Ok(config)) = configs.get(i) else {
                    if tx.send((i, Err((String::new(), false)))).is_err() {
                        break;
                    }
                    continue;
                };
                let result = read_input(input).map(|text| {
                    let report = xxgk::check_with(
                        &text,
                        &Options {
                            source: input.name.clone(),
                            utf16: false,
                        },
                        config,
                    );
                    (text, report)
                });
                if tx.send((i, result)).is_err() {
                    break;
                }
            });
        }
        drop(tx);
        let mut pending = BTreeMap::new();
        let mut want = 0;
        for (i, result) in rx {
            pending.insert(i, result);
            while let Some(result) = pending.remove(&want) {
                if !f(want, result) {
                    // Stop every worker: the next index is past the end.
                    next.store(inputs.len(), Ordering::Relaxed);
                    return;
                }
                want += 1;
            }
        }
    });
}

/// The comparisons of every pair of reports (one agency, consecutive years).
fn compare_all(checked: &[(String, Report)]) -> Vec<Comparison> {
    let reports: Vec<&Report> = checked.iter().map(|(_, r)| r).collect();
    xxgk::compare::pairs(&reports)
        .into_iter()
        .map(|(a, b)| {
            let ((last_text, last), (this_text, this)) = (&checked[a], &checked[b]);
            xxgk::compare(last, last_text, this, this_text)
        })
        .collect()
}

/// The comparisons after the reports: text sections, the `comparisons`
/// member of the JSON object, or one JSON line each.
fn write_comparisons(
    out: &mut impl Write,
    comparisons: &[Comparison],
    format: Format,
    json_object: bool,
) -> io::Result<()> {
    match format {
        Format::Text => {
            for c in comparisons {
                out.write_all(b"\n")?;
                out.write_all(super::compare::render(c).as_bytes())?;
            }
        }
        Format::Json if json_object => {
            out.write_all(b",\"comparisons\":[")?;
            for (i, c) in comparisons.iter().enumerate() {
                out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
                out.write_all(c.to_json().as_bytes())?;
            }
            out.write_all(if comparisons.is_empty() {
                b"]}\n"
            } else {
                b"\n]}\n"
            })?;
        }
        Format::Json | Format::Jsonl => {
            for c in comparisons {
                out.write_all(c.to_json().as_bytes())?;
                out.write_all(b"\n")?;
            }
        }
    }
    Ok(())
}

/// `xxgk check report.docx --annotate out.docx`: check one Word document,
/// print its report as usual and write it back with a comment per finding.
fn annotate(
    args: &[PathBuf],
    target: &Path,
    config: &xxgk::Config,
    format: Format,
    quiet: bool,
) -> Result<u8, Usage> {
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
    let report = xxgk::check_with(
        &text,
        &Options {
            source: name.clone(),
            utf16: false,
        },
        config,
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
    let _ = write_report(&mut out, &report, config, &text, &opts, false, 0);
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
    config: &xxgk::Config,
    text: &str,
    opts: &Output,
    as_array: bool,
    written: usize,
) -> io::Result<()> {
    match opts.format {
        Format::Json if as_array => {
            out.write_all(if written == 0 { b"\n" } else { b",\n" })?;
            out.write_all(report.to_json_with(config).as_bytes())
        }
        Format::Json | Format::Jsonl => {
            out.write_all(report.to_json_with(config).as_bytes())?;
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

/// Read and decode one file or standard input; the error is a Chinese message.
pub fn read_path(input: &Input) -> Result<String, String> {
    read_input(input).map_err(|(message, _)| message)
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
