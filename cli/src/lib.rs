//! The `kiertokit` command line: JSON on stdout, diagnostics on stderr, non-zero exit on
//! unusable input. `run` is a library function so the tests crate can call it in-process.

mod args;
mod assess;
mod impact;
mod score;
mod search;

use std::io::Write;

const USAGE: &str = "\
kiertokit — circular-economy tools for Finland

USAGE:
  kiertokit search   --listings FILE --query TEXT [--include-closed] [--top K]
  kiertokit match    --listings FILE [--top K]
  kiertokit allocate --listings FILE
  kiertokit impact   exchange|mci|cti|aggregate --input FILE
  kiertokit assess   --questionnaire FILE|default --answers FILE
  kiertokit score    --programme FILE|NAME --applications FILE --reviews FILE
                     [--reviewers FILE [--declarations FILE]] [--stability]
  kiertokit assign   --programme FILE|NAME --applications FILE --reviewers FILE
                     [--declarations FILE] [--k N] [--max-load N]
  kiertokit rank     --matrix FILE
";

/// Outcome of a subcommand: JSON for stdout, or an error message for stderr.
pub(crate) type Outcome = Result<serde_json::Value, String>;

/// Runs the command line `args` (without the program name) and returns the exit code.
pub fn run(args: &[String], stdout: &mut dyn Write, stderr: &mut dyn Write) -> i32 {
    let Some((command, rest)) = args.split_first() else {
        let _ = write!(stderr, "{USAGE}");
        return 2;
    };
    let outcome = match command.as_str() {
        "search" => search::search(rest, stderr),
        "match" => search::matches(rest, stderr),
        "allocate" => search::allocate(rest, stderr),
        "impact" => impact::run(rest, stderr),
        "assess" => assess::run(rest, stderr),
        "score" => score::score(rest, stderr),
        "rank" => score::rank(rest, stderr),
        "assign" => score::assign_reviewers(rest, stderr),
        "help" | "--help" | "-h" => {
            let _ = write!(stdout, "{USAGE}");
            return 0;
        }
        other => Err(format!("unknown command `{other}`\n\n{USAGE}")),
    };
    match outcome {
        Ok(json) => {
            let text = serde_json::to_string_pretty(&json).unwrap_or_default();
            let _ = writeln!(stdout, "{text}");
            0
        }
        Err(message) => {
            let _ = writeln!(stderr, "error: {message}");
            1
        }
    }
}
