//! Diagnostics on stderr: readable lines, or one JSON object a line for programs.

use crate::Failure;
use kiertokit::{Diagnostic, Severity};
use std::io::Write;

/// Where diagnostics and errors go, in the chosen form.
pub struct Report<'a> {
    out: &'a mut dyn Write,
    json: bool,
}

/// Removes `--diagnostics text|json` from anywhere in `args`; `true` for json.
pub(crate) fn take_mode(args: &[String]) -> Result<(Vec<String>, bool), String> {
    let mut rest = Vec::with_capacity(args.len());
    let mut json = false;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let value = match arg.strip_prefix("--diagnostics") {
            Some("") => it.next().map(String::as_str),
            Some(v) if v.starts_with('=') => v.get(1..),
            _ => {
                rest.push(arg.clone());
                continue;
            }
        };
        json = match value {
            Some("json") => true,
            Some("text") => false,
            other => {
                return Err(format!(
                    "`--diagnostics` must be text or json, not `{}`",
                    other.unwrap_or("")
                ));
            }
        };
    }
    Ok((rest, json))
}

impl<'a> Report<'a> {
    pub fn new(out: &'a mut dyn Write, json: bool) -> Report<'a> {
        Report { out, json }
    }

    /// Reports the diagnostics of reading `source`.
    pub fn diagnostics(&mut self, source: &str, diags: &[Diagnostic]) {
        for d in diags {
            let _ = if self.json {
                let mut line = serde_json::json!({
                    "source": source,
                    "severity": d.severity,
                    "row": d.row,
                    "field": d.field,
                    "message": d.message,
                });
                if let (Some(s), Some(obj)) = (&d.suggestion, line.as_object_mut()) {
                    obj.insert("suggestion".into(), s.clone().into());
                }
                writeln!(self.out, "{line}")
            } else {
                writeln!(self.out, "{source}: {d}")
            };
        }
    }

    /// Whether any of `diags` is an error.
    pub fn has_errors(diags: &[Diagnostic]) -> bool {
        diags.iter().any(|d| d.severity == Severity::Error)
    }

    pub(crate) fn failure(&mut self, failure: &Failure) {
        let (kind, message) = match failure {
            Failure::Usage(m) => ("usage", m),
            Failure::Input(m) => ("input", m),
        };
        let _ = if self.json {
            let line = serde_json::json!({"severity": "fatal", "kind": kind, "message": message});
            writeln!(self.out, "{line}")
        } else {
            writeln!(self.out, "error: {message}")
        };
    }

    pub(crate) fn usage(&mut self, text: &str) {
        let _ = write!(self.out, "{text}");
    }
}
