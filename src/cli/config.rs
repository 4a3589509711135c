//! The rule configuration of `xxgk check`: the file `xxgk.toml` (given with
//! `--config`, else the nearest one in the report's directory or above it)
//! and the options `--select`, `--ignore` and `--severity` on top of it.
//!
//! ```toml
//! # xxgk.toml
//! select = ["all"]                  # codes, groups or all (default: all)
//! ignore = ["DOC-FEE"]              # codes or groups
//! [severity]
//! T1-REGS = "info"                  # code or group = error | warning | info
//! ```

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use xxgk::Config;

/// The configuration file's name, looked for next to each report.
pub const FILE_NAME: &str = "xxgk.toml";

/// The settings of `xxgk.toml`.
struct File {
    select: Vec<String>,
    ignore: Vec<String>,
    severity: Vec<(String, String)>,
}

/// The keys of `xxgk.toml`; any other key is an error.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    select: Vec<String>,
    #[serde(default)]
    ignore: Vec<String>,
    #[serde(default)]
    severity: toml::Table,
}

/// Reads a configuration file; the error is a Chinese message naming it.
pub fn read_file(path: &Path) -> Result<Config, String> {
    let name = path.display();
    let text =
        std::fs::read_to_string(path).map_err(|e| format!("{name}: 无法读取配置文件：{e}"))?;
    let raw: RawFile =
        toml::from_str(&text).map_err(|e| format!("{name}: 配置文件有误：{}", e.message()))?;
    let mut file = File {
        select: raw.select,
        ignore: raw.ignore,
        severity: Vec::new(),
    };
    for (key, value) in raw.severity {
        let Some(level) = value.as_str() else {
            return Err(format!(
                "{name}: severity 中 {key} 的值应为 \"error\"、\"warning\" 或 \"info\""
            ));
        };
        file.severity.push((key, level.to_string()));
    }
    Config::new(&file.select, &file.ignore, &file.severity).map_err(|e| format!("{name}: {e}"))
}

/// The options `--select`, `--ignore` and `--severity CODE=LEVEL`.
pub fn from_flags(
    select: &[String],
    ignore: &[String],
    severity: &[String],
) -> Result<Config, String> {
    let mut pairs = Vec::new();
    for s in severity {
        let Some((code, level)) = s.split_once('=') else {
            return Err(format!(
                "--severity 的值 {s} 应写成 代码=严重程度，如 --severity DOC-FEE=info"
            ));
        };
        pairs.push((code.trim().to_string(), level.trim().to_string()));
    }
    Config::new(select, ignore, &pairs).map_err(|e| e.to_string())
}

/// The configuration of each input: `--config`'s file, else the nearest
/// `xxgk.toml` above the input (each directory looked at once), with the
/// options on top.
pub struct Configs {
    flags: Config,
    /// `--no-config`: no file at all.
    none: bool,
    explicit: Option<Config>,
    found: HashMap<PathBuf, Option<PathBuf>>,
    read: HashMap<PathBuf, Result<Config, String>>,
}

impl Configs {
    /// With `--config FILE` (read now) or discovery, and the options.
    pub fn new(file: Option<&Path>, none: bool, flags: Config) -> Result<Configs, String> {
        let explicit = file.map(read_file).transpose()?;
        Ok(Configs {
            flags,
            none,
            explicit,
            found: HashMap::new(),
            read: HashMap::new(),
        })
    }

    /// The configuration for a report at `path` (`None`: standard input,
    /// looked up from the working directory).
    pub fn for_input(&mut self, path: Option<&Path>) -> Result<Config, String> {
        let base = match &self.explicit {
            Some(config) => config.clone(),
            None if self.none => Config::default(),
            None => match self.nearest(path) {
                None => Config::default(),
                Some(file) => self
                    .read
                    .entry(file.clone())
                    .or_insert_with(|| read_file(&file))
                    .clone()?,
            },
        };
        Ok(base.overridden_by(self.flags.clone()))
    }

    /// The nearest `xxgk.toml` in the input's directory or above it.
    fn nearest(&mut self, path: Option<&Path>) -> Option<PathBuf> {
        let cwd = std::env::current_dir().ok()?;
        let dir = match path {
            Some(p) => cwd.join(p).parent()?.to_path_buf(),
            None => cwd,
        };
        let mut walked = Vec::new();
        let mut found = None;
        for d in dir.ancestors() {
            if let Some(known) = self.found.get(d) {
                found.clone_from(known);
                break;
            }
            walked.push(d.to_path_buf());
            let candidate = d.join(FILE_NAME);
            if candidate.is_file() {
                found = Some(candidate);
                break;
            }
        }
        for d in walked {
            self.found.insert(d, found.clone());
        }
        found
    }
}
