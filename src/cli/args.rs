//! The command line, parsed with clap, and its mistakes told in Chinese.
//!
//! clap's own help, version and error texts are not used: `-h`/`--help`
//! print [`HELP`](super::HELP), and a parse error becomes one Chinese line (see
//! [`usage_message`]).

use std::error::Error as _;
use std::ffi::OsString;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{ArgAction, Args, Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "xxgk",
    version,
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true,
    args_override_self = true
)]
pub struct Cli {
    #[arg(short = 'h', long = "help", action = ArgAction::Help)]
    help: Option<bool>,
    #[arg(short = 'V', long = "version", action = ArgAction::Version)]
    version: Option<bool>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand)]
pub enum Command {
    /// Check report files, directories or standard input.
    Check(CheckArgs),
    /// List every rule.
    Rules(RulesArgs),
    /// Explain one rule.
    Rule(RuleArgs),
    /// Compare last year's report with this year's.
    Compare(CompareArgs),
    /// Print the help (whatever follows).
    Help(Ignored),
    /// Print the version (whatever follows).
    Version(Ignored),
}

#[derive(Args)]
#[command(disable_help_flag = true, args_override_self = true)]
pub struct CheckArgs {
    /// Output format (text by default).
    #[arg(short = 'f', long, value_parser = parse_format)]
    pub format: Option<Format>,
    /// Text output: only each file's summary line.
    #[arg(short = 'q', long)]
    pub quiet: bool,
    /// Colour: auto (a terminal without `NO_COLOR`), always or never.
    #[arg(long, alias = "colour", value_parser = parse_color)]
    pub color: Option<Color>,
    /// Rules to run: codes, groups or `all`, comma-separated (replaces the
    /// configuration file's `select`).
    #[arg(long, value_delimiter = ',', action = ArgAction::Append)]
    pub select: Vec<String>,
    /// Rules not to run: codes or groups, comma-separated (added to the
    /// configuration file's `ignore`).
    #[arg(long, value_delimiter = ',', action = ArgAction::Append)]
    pub ignore: Vec<String>,
    /// `CODE=LEVEL` (a code or a group; error, warning or info).
    #[arg(long, value_delimiter = ',', action = ArgAction::Append)]
    pub severity: Vec<String>,
    /// The configuration file (instead of the nearest `xxgk.toml`).
    #[arg(long, value_parser = clap::value_parser!(OsString))]
    pub config: Option<OsString>,
    /// Use no configuration file.
    #[arg(long)]
    pub no_config: bool,
    /// Instead of the reports, one summary row per report.
    #[arg(long, value_parser = parse_summary)]
    pub summary: Option<Summary>,
    /// Write the output to this file instead of standard output.
    #[arg(short = 'o', long, value_parser = clap::value_parser!(OsString))]
    pub output: Option<OsString>,
    /// Also compare the reports of one agency and consecutive years.
    #[arg(long)]
    pub compare: bool,
    /// Number of reports checked at once (default: every core).
    #[arg(short = 'j', long, value_parser = parse_jobs)]
    pub jobs: Option<usize>,
    /// Write the Word document back with each finding as a comment (one
    /// `.docx` input only).
    #[arg(long, value_parser = clap::value_parser!(OsString))]
    pub annotate: Option<OsString>,
    #[arg(short = 'h', long = "help", action = ArgAction::Help)]
    help: Option<bool>,
    /// Files, directories, or `-` for standard input. Any bytes, even none
    /// (clap's `PathBuf` parser would refuse an empty argument before it is
    /// reported as a missing file).
    #[arg(value_parser = clap::value_parser!(OsString))]
    pub inputs: Vec<OsString>,
}

#[derive(Args)]
#[command(disable_help_flag = true, args_override_self = true)]
pub struct CompareArgs {
    /// Output format (text by default; jsonl is json on one line).
    #[arg(short = 'f', long, value_parser = parse_format)]
    pub format: Option<Format>,
    #[arg(short = 'h', long = "help", action = ArgAction::Help)]
    help: Option<bool>,
    /// Last year's report, then this year's.
    #[arg(value_parser = clap::value_parser!(OsString))]
    pub inputs: Vec<OsString>,
}

#[derive(Args)]
#[command(disable_help_flag = true, args_override_self = true)]
pub struct RulesArgs {
    /// Output format (text by default).
    #[arg(short = 'f', long, value_parser = parse_rules_format)]
    pub format: Option<RulesFormat>,
    #[arg(short = 'h', long = "help", action = ArgAction::Help)]
    help: Option<bool>,
}

#[derive(Args)]
#[command(disable_help_flag = true, args_override_self = true)]
pub struct RuleArgs {
    /// A rule's code, such as T2-SUM (any case).
    #[arg(allow_hyphen_values = true)]
    pub code: Option<String>,
    #[arg(short = 'h', long = "help", action = ArgAction::Help)]
    help: Option<bool>,
}

/// Arguments that are accepted and not used.
#[derive(Args)]
#[command(disable_help_flag = true)]
pub struct Ignored {
    #[arg(num_args = 0.., trailing_var_arg = true, allow_hyphen_values = true)]
    rest: Vec<OsString>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Jsonl,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Summary {
    Csv,
    Xlsx,
    Json,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum RulesFormat {
    Text,
    Json,
    Markdown,
}

fn parse_format(value: &str) -> Result<Format, String> {
    match value {
        "text" => Ok(Format::Text),
        "json" => Ok(Format::Json),
        "jsonl" => Ok(Format::Jsonl),
        other => Err(format!("未知的输出格式 {other}（可选 text、json、jsonl）")),
    }
}

fn parse_color(value: &str) -> Result<Color, String> {
    match value {
        "auto" => Ok(Color::Auto),
        "always" => Ok(Color::Always),
        "never" => Ok(Color::Never),
        other => Err(format!(
            "未知的 --color 取值 {other}（可选 auto、always、never）"
        )),
    }
}

fn parse_summary(value: &str) -> Result<Summary, String> {
    match value {
        "csv" => Ok(Summary::Csv),
        "xlsx" => Ok(Summary::Xlsx),
        "json" => Ok(Summary::Json),
        other => Err(format!("未知的汇总格式 {other}（可选 csv、xlsx、json）")),
    }
}

fn parse_jobs(value: &str) -> Result<usize, String> {
    match value.parse::<usize>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(format!("--jobs 的值 {value} 不是正整数")),
    }
}

fn parse_rules_format(value: &str) -> Result<RulesFormat, String> {
    match value {
        "text" => Ok(RulesFormat::Text),
        "json" => Ok(RulesFormat::Json),
        "markdown" | "md" => Ok(RulesFormat::Markdown),
        other => Err(format!(
            "未知的输出格式 {other}（可选 text、json、markdown）"
        )),
    }
}

/// What to do with a command line.
pub enum Parsed {
    Run(Cli),
    Help,
    Version,
    /// A mistake, told in one Chinese sentence.
    Usage(String),
}

/// Parse the arguments (without the program's name).
pub fn parse(args: &[OsString]) -> Parsed {
    let words = std::iter::once(OsString::from("xxgk")).chain(args.iter().cloned());
    match Cli::try_parse_from(words) {
        Ok(cli) => Parsed::Run(cli),
        Err(err) => match err.kind() {
            ErrorKind::DisplayHelp => Parsed::Help,
            ErrorKind::DisplayVersion => Parsed::Version,
            _ => Parsed::Usage(usage_message(&err, args)),
        },
    }
}

/// The Chinese sentence for a command line clap refused.
fn usage_message(err: &clap::Error, args: &[OsString]) -> String {
    // No option comes before the command, so the first argument names it.
    let command = args
        .first()
        .and_then(|a| a.to_str())
        .filter(|c| ["check", "rules", "rule", "compare"].contains(c));
    let context = |kind| match err.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        _ => None,
    };
    // clap names an option by its long name (`--format <FORMAT>`); the
    // message names it as it was typed.
    let invalid_arg = || {
        let arg = context(ContextKind::InvalidArg).unwrap_or_default();
        let name = arg.split_whitespace().next().unwrap_or("").to_string();
        as_typed(&name, args).unwrap_or(name)
    };
    match err.kind() {
        // The parse_* functions above already said what is wrong.
        ErrorKind::ValueValidation => match err.source() {
            Some(source) => source.to_string(),
            None => fallback(err),
        },
        ErrorKind::InvalidUtf8 => not_utf8(command, args),
        ErrorKind::InvalidValue | ErrorKind::NoEquals => {
            format!("选项 {} 需要一个值", invalid_arg())
        }
        // Nothing but a command may come first.
        ErrorKind::InvalidSubcommand | ErrorKind::UnknownArgument
            if command.is_none()
                && args
                    .first()
                    .is_some_and(|a| a.to_string_lossy().starts_with('-')) =>
        {
            format!("未知选项 {}", args[0].to_string_lossy())
        }
        ErrorKind::InvalidSubcommand => {
            let name = context(ContextKind::InvalidSubcommand).unwrap_or_else(invalid_arg);
            unknown_command(&name)
        }
        ErrorKind::UnknownArgument | ErrorKind::TooManyValues => {
            let arg = invalid_arg();
            match command {
                _ if args.iter().any(|a| a.to_str().is_none()) => not_utf8(command, args),
                Some("check") => format!("check 不认识选项 {arg}"),
                Some("rules") => format!("rules 不认识参数 {arg}"),
                Some("compare") => format!("compare 不认识选项 {arg}"),
                Some(_) if !arg.starts_with('-') => "rule 只接受一个规则代码".to_string(),
                Some(_) => format!("rule 不认识选项 {arg}"),
                None => unknown_command(&arg),
            }
        }
        _ => fallback(err),
    }
}

/// The argument as typed that clap reports as `name`: `--quiet` for
/// `--quiet=yes`, `-f` for `--format`, `-q.txt` for `-.`.
fn as_typed(name: &str, args: &[OsString]) -> Option<String> {
    let typed = |a: &&str| {
        if let Some(long) = name.strip_prefix("--") {
            let alias = if name == "--color" { "--colour" } else { name };
            *a == name
                || *a == alias
                || a.strip_prefix(alias).is_some_and(|v| v.starts_with('='))
                || a.strip_prefix(name).is_some_and(|v| v.starts_with('='))
                || (a.len() == 2 && a.starts_with('-') && long.starts_with(&a[1..]))
        } else if let Some(short) = name.strip_prefix('-') {
            !short.is_empty()
                && a.starts_with('-')
                && !a.starts_with("--")
                && a[1..].contains(short)
        } else {
            false
        }
    };
    args.iter()
        .skip(1)
        .filter_map(|a| a.to_str())
        .rev()
        .find(typed)
        .map(str::to_string)
}

/// An argument that is not UTF-8 where text is wanted: an option's value for
/// `check` (whose paths may be any bytes), else any argument.
fn not_utf8(command: Option<&str>, args: &[OsString]) -> String {
    let Some(i) = args.iter().position(|a| a.to_str().is_none()) else {
        return "参数含有无法识别的字符".to_string();
    };
    let arg = args[i].to_string_lossy();
    if command == Some("check") {
        if let Some((name, value)) = arg.split_once('=').filter(|(n, _)| n.starts_with("--")) {
            return format!("选项 {name} 的值 {value} 无法识别");
        }
        if let Some(name) = i.checked_sub(1).and_then(|p| args[p].to_str()) {
            if name.starts_with('-') {
                return format!("选项 {name} 的值 {arg} 无法识别");
            }
        }
    }
    format!("参数 {arg} 含有无法识别的字符")
}

fn unknown_command(name: &str) -> String {
    format!("未知命令 {name}（检查文件请用 xxgk check {name}）")
}

/// clap's own first line, for mistakes the cases above do not name.
fn fallback(err: &clap::Error) -> String {
    let text = err.to_string();
    let line = text.lines().next().unwrap_or("").trim();
    let line = line.strip_prefix("error: ").unwrap_or(line);
    format!("命令用法有误：{line}")
}
