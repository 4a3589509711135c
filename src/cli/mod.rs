//! The `xxgk` command: its command line (parsed in [`args`]), `check` (in
//! [`check`]), `rules` and `rule`.

pub mod args;
pub mod check;
pub mod compare;
pub mod config;
pub use xxgk::summary;

use std::ffi::OsString;
use std::io::{self, Write};
use std::process::ExitCode;

use xxgk::{render, rules};

use args::{Command, Parsed, RuleArgs, RulesArgs, RulesFormat};

const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The help text, for `xxgk --help`, `xxgk help` and `-h` after any command.
pub const HELP: &str = "\
xxgk — 政府信息公开工作年度报告检查工具

用法：
  xxgk check [选项] 文件|目录|- …   检查报告（.txt、.html、.docx；目录：递归检查其中这些文件；- 表示标准输入）
  xxgk rules [--format text|json|markdown]
                                    列出全部检查规则
  xxgk rule 代码                    说明一条规则，如 xxgk rule T2-SUM
  xxgk compare [选项] 上年报告 本年报告
                                    跨年比较同一机关相邻两年的报告（-f text|json）
  xxgk help                         显示本帮助
  xxgk --version                    显示版本

check 的选项：
  -f, --format text|json|jsonl      输出格式（默认 text）。json：只给一个文件时输出一个对象，
                                    给多个文件或目录时输出数组；jsonl：每行一个报告
  -q, --quiet                       text 格式只输出每个文件的汇总行
      --color auto|always|never     是否彩色输出（默认 auto：终端中彩色，设置 NO_COLOR 时不彩色）
      --annotate 输出.docx           把检查出的问题作为批注写回 Word 文档（只能检查一个 .docx 文件）
      --summary csv|xlsx|json       不输出各报告，改为每个报告一行的汇总（xlsx 另含问题和各表）
  -o, --output 文件                 输出写入文件（--summary xlsx 输出到终端时必须给出）
      --compare                     另按机关和相邻年度配对，输出跨年比较的问题
  -j, --jobs N                      同时检查的报告数（默认为处理器核数）
      --select 规则,…               只运行这些规则：规则代码、分组或 all（代替配置文件的 select）
      --ignore 规则,…               不运行这些规则：规则代码或分组（加到配置文件的 ignore 上）
      --severity 规则=严重程度      改变规则的严重程度（error、warning、info），可重复
      --config 文件                 使用这个配置文件（默认：报告所在目录或其上级目录中最近的 xxgk.toml）
      --no-config                   不使用配置文件

规则分组：active（表一）、applications（表二）、review（表三）、table（各表通用）、
document（全文）；all 表示全部规则。配置文件 xxgk.toml 的写法：
  select = [\"all\"]
  ignore = [\"DOC-FEE\"]
  [severity]
  T1-REGS = \"info\"
规则代码或分组写错时报错（退出码 2），不会被忽略。

文件可为 UTF-8、UTF-16 或 GB18030/GBK 编码的纯文本。
退出码：0 未发现错误（按规则配置之后，可以发布）；1 发现错误；
2 文件无法读取、配置有误或命令用法有误。
";

/// Run the command with the process's arguments.
pub fn main() -> ExitCode {
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
    let cli = match args::parse(args) {
        Parsed::Run(cli) => cli,
        Parsed::Help => {
            print_out(HELP);
            return Ok(0);
        }
        Parsed::Version => {
            print_out(&format!("xxgk {VERSION}\n"));
            return Ok(0);
        }
        Parsed::Usage(message) => return Err(Usage(message)),
    };
    match cli.command {
        None => {
            let _ = io::stderr().lock().write_all(HELP.as_bytes());
            Ok(2)
        }
        Some(Command::Help(_)) => {
            print_out(HELP);
            Ok(0)
        }
        Some(Command::Version(_)) => {
            print_out(&format!("xxgk {VERSION}\n"));
            Ok(0)
        }
        Some(Command::Check(check)) => check::run(check),
        Some(Command::Rules(rules)) => rules_command(&rules),
        Some(Command::Rule(rule)) => rule_command(rule),
        Some(Command::Compare(args)) => compare::run(&args),
    }
}

fn rules_command(args: &RulesArgs) -> Result<u8, Usage> {
    let output = match args.format.unwrap_or(RulesFormat::Text) {
        RulesFormat::Text => render::rules_text(),
        RulesFormat::Markdown => render::rules_markdown(),
        RulesFormat::Json => {
            let mut json = serde_json::to_string_pretty(rules::RULES)
                .map_err(|e| Usage(format!("无法输出规则：{e}")))?;
            json.push('\n');
            json
        }
    };
    print_out(&output);
    Ok(0)
}

fn rule_command(args: RuleArgs) -> Result<u8, Usage> {
    let Some(code) = args.code else {
        return Err(Usage("缺少规则代码，如 xxgk rule T2-SUM".to_string()));
    };
    match rules::rule(&code) {
        Some(rule) => {
            print_out(&render::render_rule(rule));
            Ok(0)
        }
        None => Err(Usage(format!(
            "没有代码为 {code} 的规则（xxgk rules 列出全部规则）"
        ))),
    }
}

/// A failure that ends the program with exit code 2.
pub struct Usage(pub String);

/// Write to stdout; a closed pipe is not an error worth a message.
pub fn print_out(text: &str) {
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
}

/// Write one line to stderr, ignoring failures (`eprintln!` would panic).
pub fn complain(message: &str) {
    let _ = writeln!(io::stderr().lock(), "xxgk: {message}");
}
