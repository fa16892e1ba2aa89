//! The `kiertokit` command line: JSON on stdout, diagnostics on stderr (text, or JSON lines
//! with `--diagnostics json`). Exit codes: 0 success, 1 unusable input, 2 usage error.
//! `run` is a library function so the tests crate can call it in-process.

mod args;
mod assess;
mod impact;
mod report;
mod score;
mod search;
mod workspace;

pub use report::Report;
use std::io::Write;

const USAGE: &str = "\
kiertokit — circular-economy tools for Finland

USAGE:
  kiertokit search   --listings FILE --query TEXT [--include-closed] [--top K] [--today DATE]
  kiertokit match    --listings FILE [--top K | --all] [--format json|jsonl] [--min-score X] [--today DATE]
  kiertokit allocate --listings FILE [--top K | --all] [--min-score X] [--today DATE]
  kiertokit import   materiaalitori FILE   (Materiaalitori's listing JSON → our listings JSON)
  kiertokit impact   exchange|mci|cti|aggregate|cmu --input FILE
  kiertokit assess   --questionnaire FILE|default --answers FILE [--links FILE] [--region NAME] [--compare FILE]
  kiertokit score    --programme FILE|NAME --applications FILE --reviews FILE
                     [--reviewers FILE [--declarations FILE]] [--stability]
  kiertokit assign   --programme FILE|NAME --applications FILE --reviewers FILE
                     [--declarations FILE] [--k N] [--max-load N]
  kiertokit rank     --matrix FILE
  kiertokit workspace report|summary|merge|candidates|survey ...
                     (a coordinator's workspace; `kiertokit workspace` lists the options)

Every command takes --diagnostics text|json (json: one JSON object a line on stderr).
Exit codes: 0 success, 1 unusable input, 2 usage error.
";

/// Why a command failed, which decides its exit code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// The command line itself is wrong (exit 2).
    Usage(String),
    /// An input file cannot be used (exit 1).
    Input(String),
}

impl Failure {
    pub fn code(&self) -> i32 {
        match self {
            Failure::Usage(_) => 2,
            Failure::Input(_) => 1,
        }
    }
}

/// What a subcommand produced: a JSON value to print, or output it already streamed.
pub(crate) enum Output {
    Json(serde_json::Value),
    Streamed,
}

pub(crate) type Outcome = Result<Output, Failure>;

/// A result as JSON output.
pub(crate) fn json<T: serde::Serialize>(value: T) -> Outcome {
    serde_json::to_value(value)
        .map(Output::Json)
        .map_err(|e| Failure::Input(format!("cannot write the result as JSON: {e}")))
}

/// Runs the command line `args` (without the program name) and returns the exit code.
pub fn run(args: &[String], stdout: &mut dyn Write, stderr: &mut dyn Write) -> i32 {
    let (args, json_diagnostics) = match report::take_mode(args) {
        Ok(found) => found,
        Err(message) => {
            let _ = writeln!(stderr, "error: {message}");
            return 2;
        }
    };
    let mut report = Report::new(stderr, json_diagnostics);
    let Some((command, rest)) = args.split_first() else {
        report.usage(USAGE);
        return 2;
    };
    let outcome = match command.as_str() {
        "search" => search::search(rest, &mut report),
        "match" => search::matches(rest, stdout, &mut report),
        "allocate" => search::allocate(rest, &mut report),
        "import" => search::import(rest, &mut report),
        "impact" => impact::run(rest, &mut report),
        "assess" => assess::run(rest, &mut report),
        "score" => score::score(rest, &mut report),
        "rank" => score::rank(rest, &mut report),
        "assign" => score::assign_reviewers(rest, &mut report),
        "workspace" => workspace::run(rest, stdout, &mut report),
        "help" | "--help" | "-h" => {
            let _ = write!(stdout, "{USAGE}");
            return 0;
        }
        other => Err(Failure::Usage(format!(
            "unknown command `{other}`\n\n{USAGE}"
        ))),
    };
    match outcome {
        Ok(Output::Json(value)) => {
            let text = serde_json::to_string_pretty(&value).unwrap_or_default();
            let _ = writeln!(stdout, "{text}");
            0
        }
        Ok(Output::Streamed) => 0,
        Err(failure) => {
            report.failure(&failure);
            failure.code()
        }
    }
}
