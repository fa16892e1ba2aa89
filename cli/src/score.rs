//! `score` (programme + applications + reviews → ranking, selection, explanations) and `rank`
//! (plain decision matrix → scores in input order).

use crate::Outcome;
use crate::args::{Args, read_file};
use kiertokit::Diagnostic;
use kiertokit::scoring::{
    Aggregation, Application, AssignmentOptions, Conflict, DecisionMatrix, Method, Normalisation,
    Programme, ScoreOptions, assign, builtin, builtin_names, evaluate, find_conflicts,
    parse_applications, parse_declarations, parse_programme, parse_reviewers, parse_reviews,
    rank_matrix, reviewer_sheet, stability,
};
use std::io::Write;

fn report(stderr: &mut dyn Write, what: &str, diags: &[Diagnostic]) {
    for d in diags {
        let _ = writeln!(stderr, "{what}: {d}");
    }
}

fn load_programme(spec: &str, stderr: &mut dyn Write) -> Result<Programme, String> {
    if let Some(p) = builtin(spec) {
        return Ok(p);
    }
    let text = read_file(spec)
        .map_err(|e| format!("{e} (built-in programmes: {})", builtin_names().join(", ")))?;
    let (p, diags) = parse_programme(&text);
    report(stderr, spec, &diags);
    p.ok_or_else(|| format!("{spec} is not a usable programme definition"))
}

fn parse_method(s: &str) -> Result<Method, String> {
    match s {
        "weighted-sum" | "weightedSum" => Ok(Method::WeightedSum),
        "topsis" => Ok(Method::Topsis),
        _ => Err(format!(
            "`--method` must be weighted-sum or topsis, not `{s}`"
        )),
    }
}

fn parse_normalisation(s: &str) -> Result<Normalisation, String> {
    match s {
        "vector" => Ok(Normalisation::Vector),
        "min-max" | "minMax" => Ok(Normalisation::MinMax),
        "linear" | "max" => Ok(Normalisation::Linear),
        _ => Err(format!(
            "`--normalisation` must be vector, min-max or linear, not `{s}`"
        )),
    }
}

fn parse_aggregation(s: &str) -> Result<Aggregation, String> {
    match s.split_once(':') {
        None if s == "mean" => Ok(Aggregation::Mean),
        None if s == "median" => Ok(Aggregation::Median),
        None if s == "trimmed" => Ok(Aggregation::TrimmedMean { trim: 0.2 }),
        Some(("trimmed", t)) => match t.parse::<f64>() {
            Ok(trim) if (0.0..0.5).contains(&trim) => Ok(Aggregation::TrimmedMean { trim }),
            _ => Err(format!("trim `{t}` must be a number in [0, 0.5)")),
        },
        _ => Err(format!(
            "`--aggregation` must be mean, median or trimmed[:FRACTION], not `{s}`"
        )),
    }
}

/// `kiertokit score --programme FILE|NAME --applications FILE --reviews FILE [options]`.
pub fn score(args: &[String], stderr: &mut dyn Write) -> Outcome {
    let a = Args::parse(args, &["standardise", "stability"])?;
    let programme = load_programme(a.require("programme")?, stderr)?;
    let apps_path = a.require("applications")?;
    let (apps, app_diags) = parse_applications(&read_file(apps_path)?);
    report(stderr, apps_path, &app_diags);
    let reviews_path = a.require("reviews")?;
    let (reviews, review_diags) = parse_reviews(&read_file(reviews_path)?);
    report(stderr, reviews_path, &review_diags);
    let mut options = ScoreOptions {
        standardise: a.flag("standardise"),
        ..ScoreOptions::default()
    };
    if let Some(m) = a.get("method") {
        options.method = parse_method(m)?;
    }
    if let Some(n) = a.get("normalisation") {
        options.normalisation = parse_normalisation(n)?;
    }
    if let Some(g) = a.get("aggregation") {
        options.aggregation = parse_aggregation(g)?;
    }
    if let Some(s) = a.get("seed") {
        options.seed = s
            .parse()
            .map_err(|_| format!("`--seed` must be a whole number, not `{s}`"))?;
    }
    if a.get("max").is_some() {
        options.max_selected = Some(a.number("max", programme.max_selected)?);
    }
    if a.get("reviewers").is_some() {
        options.conflicts = conflicts_of(&a, &apps, stderr)?.0;
    }
    let stable = a
        .flag("stability")
        .then(|| stability(&programme, &apps, &reviews, &options));
    let result = evaluate(&programme, &apps, reviews, &options);
    report(stderr, reviews_path, &result.diagnostics);
    let mut json =
        serde_json::to_value(&result).map_err(|e| format!("cannot write the result: {e}"))?;
    // Import diagnostics belong to the output too, so a board sees every dropped row.
    if let Some(obj) = json.as_object_mut() {
        obj.insert(
            "importDiagnostics".into(),
            serde_json::json!({ "applications": app_diags, "reviews": review_diags }),
        );
        if let Some(s) = stable {
            obj.insert("stability".into(), serde_json::json!(s));
        }
    }
    Ok(json)
}

/// Conflicts from `--reviewers FILE [--declarations FILE]`, with the reviewers read.
fn conflicts_of(
    a: &Args,
    apps: &[Application],
    stderr: &mut dyn Write,
) -> Result<(Vec<Conflict>, Vec<kiertokit::scoring::Reviewer>), String> {
    let path = a.require("reviewers")?;
    let (reviewers, diags) = parse_reviewers(&read_file(path)?);
    report(stderr, path, &diags);
    let declarations = match a.get("declarations") {
        Some(p) => {
            let (d, diags) = parse_declarations(&read_file(p)?);
            report(stderr, p, &diags);
            d
        }
        None => Vec::new(),
    };
    let (conflicts, diags) = find_conflicts(&reviewers, apps, &declarations);
    report(stderr, "declarations", &diags);
    Ok((conflicts, reviewers))
}

/// `kiertokit assign --programme FILE|NAME --applications FILE --reviewers FILE
/// [--declarations FILE] [--k N] [--max-load N]`: conflicts, the assignment, what is not
/// covered, and each reviewer's score sheet (rows that read back with `score --reviews`).
pub fn assign_reviewers(args: &[String], stderr: &mut dyn Write) -> Outcome {
    let a = Args::parse(args, &[])?;
    let programme = load_programme(a.require("programme")?, stderr)?;
    let apps_path = a.require("applications")?;
    let (apps, app_diags) = parse_applications(&read_file(apps_path)?);
    report(stderr, apps_path, &app_diags);
    let (conflicts, reviewers) = conflicts_of(&a, &apps, stderr)?;
    let options = AssignmentOptions {
        k: a.number("k", 2)?,
        default_max_load: match a.get("max-load") {
            Some(_) => Some(a.number("max-load", 0)?),
            None => None,
        },
    };
    let ids: Vec<String> = apps.iter().map(|x| x.id.clone()).collect();
    let result = assign(&reviewers, &ids, &conflicts, &options);
    for s in &result.shortfalls {
        let _ = writeln!(
            stderr,
            "{}: {} of {} reviewers assigned ({} free of conflicts)",
            s.application, s.assigned, result.k, s.without_conflict
        );
    }
    let sheets: serde_json::Map<String, serde_json::Value> = reviewers
        .iter()
        .map(|r| {
            (
                r.id.clone(),
                serde_json::json!(reviewer_sheet(&programme, &result, &r.id)),
            )
        })
        .collect();
    Ok(serde_json::json!({
        "programme": programme.id,
        "conflicts": conflicts,
        "assignment": result,
        "sheets": sheets,
    }))
}

/// `kiertokit rank --matrix FILE`.
pub fn rank(args: &[String], _stderr: &mut dyn Write) -> Outcome {
    let a = Args::parse(args, &[])?;
    let path = a.require("matrix")?;
    let text = read_file(path)?;
    let m: DecisionMatrix = serde_json::from_str(text.strip_prefix('\u{feff}').unwrap_or(&text))
        .map_err(|e| format!("{path} is not a decision matrix: {e}"))?;
    let scores = rank_matrix(&m).map_err(|e| format!("{path}: {e}"))?;
    serde_json::to_value(&scores).map_err(|e| format!("cannot write the result: {e}"))
}
