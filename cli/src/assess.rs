//! `kiertokit assess`: score a self-assessment from a questionnaire and answers.

use crate::Outcome;
use crate::args::{Args, read_file};
use kiertokit::assessment::{
    Answers, Assessment, Questionnaire, RecoveryStatus, ScoreOptions, compare, decode_share,
    recover_storage, score_with,
};
use kiertokit::{Diagnostic, Severity};
use std::collections::BTreeMap;
use std::io::Write;

/// `--questionnaire FILE|default --answers FILE [--links FILE] [--compare FILE]`.
///
/// The answers file may be an answers map, saved storage JSON, or a share link. Diagnostics go
/// to stderr; the result (or, with `--compare`, the result and the comparison) to stdout.
pub fn run(args: &[String], stderr: &mut dyn Write) -> Outcome {
    let args = Args::parse(args, &[])?;
    let q = questionnaire(args.require("questionnaire")?, stderr)?;
    let answers = answers(&q, &read_file(args.require("answers")?)?, stderr)?;
    let mut options = ScoreOptions::default();
    if let Some(path) = args.get("links") {
        let links: BTreeMap<String, String> = serde_json::from_str(&read_file(path)?)
            .map_err(|e| format!("links must be a JSON object of key to URL: {e}"))?;
        options.links = links;
    }
    let result = score_with(&q, &answers, &options);
    report(&result.diagnostics, stderr);
    let Some(path) = args.get("compare") else {
        return serde_json::to_value(&result).map_err(|e| e.to_string());
    };
    let earlier: Assessment = serde_json::from_str(&read_file(path)?)
        .map_err(|e| format!("earlier result is not an assessment JSON: {e}"))?;
    let comparison = compare(&earlier, &result);
    Ok(serde_json::json!({ "assessment": result, "comparison": comparison }))
}

fn questionnaire(source: &str, stderr: &mut dyn Write) -> Result<Questionnaire, String> {
    if source == "default" {
        return Ok(Questionnaire::default_builtin());
    }
    let (q, diags) = Questionnaire::from_json(&read_file(source)?);
    report(&diags, stderr);
    q.ok_or_else(|| format!("{source} is not a usable questionnaire"))
}

fn answers(q: &Questionnaire, text: &str, stderr: &mut dyn Write) -> Result<Answers, String> {
    let trimmed = text.trim();
    if !trimmed.starts_with('{') {
        let shared = decode_share(q, trimmed).map_err(|e| e.to_string())?;
        report(&shared.diagnostics, stderr);
        return Ok(shared.answers);
    }
    let recovered = recover_storage(q, trimmed);
    report(&recovered.dropped, stderr);
    match recovered.status {
        RecoveryStatus::Unreadable => Err("answers are not readable".into()),
        _ => Ok(recovered.answers),
    }
}

fn report(diags: &[Diagnostic], stderr: &mut dyn Write) {
    for d in diags {
        let _ = writeln!(stderr, "{d}");
    }
    let errors = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    if errors > 0 {
        let _ = writeln!(
            stderr,
            "{errors} error(s); the affected items were left out"
        );
    }
}
