//! `kiertokit assess`: score a self-assessment from a questionnaire and answers.

use crate::args::{Args, read_file};
use crate::{Failure, Outcome, Report, json};
use kiertokit::assessment::{
    Answers, Assessment, Questionnaire, RecoveryStatus, ScoreOptions, compare, decode_share,
    recover_storage, score_with,
};
use kiertokit::strict;
use std::collections::BTreeMap;

/// `--questionnaire FILE|default --answers FILE [--links FILE] [--region NAME] [--compare FILE]`.
///
/// The answers file may be an answers map, saved storage JSON, or a share link. Diagnostics go
/// to stderr; the result (or, with `--compare`, the result and the comparison) to stdout.
pub fn run(args: &[String], report: &mut Report) -> Outcome {
    let args = Args::parse(
        args,
        &[],
        &["questionnaire", "answers", "links", "region", "compare"],
    )?;
    let q = questionnaire(args.require("questionnaire")?, report)?;
    let answers_path = args.require("answers")?;
    let answers = answers(&q, answers_path, &read_file(answers_path)?, report)?;
    let mut options = ScoreOptions::default();
    if let Some(path) = args.get("links") {
        let links: BTreeMap<String, String> =
            serde_json::from_str(&read_file(path)?).map_err(|e| {
                Failure::Input(format!(
                    "{path}: links must be a JSON object of key to URL: {e}"
                ))
            })?;
        options.links = links;
    }
    // The partner's region (maakunta, fi or sv) picks regional services; unknown ones are reported.
    options.region = args.get("region").map(str::to_owned);
    let result = score_with(&q, &answers, &options);
    report.diagnostics(answers_path, &result.diagnostics);
    let Some(path) = args.get("compare") else {
        return json(&result);
    };
    let earlier = earlier(path, &read_file(path)?, report)?;
    let comparison = compare(&earlier, &result);
    json(serde_json::json!({ "assessment": result, "comparison": comparison }))
}

/// An earlier result as `assess` printed it; anything else (an answers file, `{}`) is refused.
fn earlier(path: &str, text: &str, report: &mut Report) -> Result<Assessment, Failure> {
    let refuse = |why: String| {
        Failure::Input(format!(
            "{path} is not an earlier result of `kiertokit assess` ({why})"
        ))
    };
    let (earlier, unknown): (Assessment, _) =
        strict::from_str(text.trim_start_matches('\u{feff}')).map_err(|e| refuse(e.to_string()))?;
    let known = strict::fields_of::<Assessment>();
    let diags: Vec<_> = unknown
        .iter()
        .map(|u| strict::unknown_key(0, &u.dotted(), u.key(), known))
        .collect();
    report.diagnostics(path, &diags);
    if earlier.questionnaire.id.is_empty() {
        return Err(refuse("it names no questionnaire".into()));
    }
    if unknown.iter().any(|u| u.path.len() == 1) {
        return Err(refuse("it has keys a result does not have".into()));
    }
    Ok(earlier)
}

fn questionnaire(source: &str, report: &mut Report) -> Result<Questionnaire, Failure> {
    if source == "default" {
        return Ok(Questionnaire::default_builtin());
    }
    let (q, diags) = Questionnaire::from_json(&read_file(source)?).into_parts();
    report.diagnostics(source, &diags);
    q.ok_or_else(|| Failure::Input(format!("{source} is not a usable questionnaire")))
}

fn answers(
    q: &Questionnaire,
    path: &str,
    text: &str,
    report: &mut Report,
) -> Result<Answers, Failure> {
    let trimmed = text.trim();
    if !trimmed.starts_with('{') {
        let shared =
            decode_share(q, trimmed).map_err(|e| Failure::Input(format!("{path}: {e}")))?;
        report.diagnostics(path, &shared.diagnostics);
        return Ok(shared.answers);
    }
    let recovered = recover_storage(q, trimmed);
    report.diagnostics(path, &recovered.dropped);
    match recovered.status {
        RecoveryStatus::Unreadable => {
            Err(Failure::Input(format!("{path}: answers are not readable")))
        }
        _ => Ok(recovered.answers),
    }
}
