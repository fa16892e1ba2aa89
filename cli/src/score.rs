//! `score` (programme + applications + reviews → ranking, selection, explanations) and `rank`
//! (plain decision matrix → scores in input order).

use crate::args::{Args, read_file};
use crate::{Failure, Outcome, Report, json};
use kiertokit::scoring::{
    Aggregation, Application, AssignmentOptions, Conflict, DecisionMatrix, Method, Normalisation,
    Programme, ScoreOptions, assign, builtin, builtin_names, evaluate, find_conflicts,
    parse_applications, parse_declarations, parse_programme, parse_reviewers, parse_reviews,
    rank_matrix, reviewer_sheet, stability,
};

fn load_programme(spec: &str, report: &mut Report) -> Result<Programme, Failure> {
    if let Some(p) = builtin(spec) {
        return Ok(p);
    }
    let text = read_file(spec).map_err(|e| match e {
        Failure::Input(m) | Failure::Usage(m) => Failure::Input(format!(
            "{m} (built-in programmes: {})",
            builtin_names().join(", ")
        )),
    })?;
    let (p, diags) = parse_programme(&text).into_parts();
    report.diagnostics(spec, &diags);
    p.ok_or_else(|| Failure::Input(format!("{spec} is not a usable programme definition")))
}

fn parse_method(s: &str) -> Result<Method, Failure> {
    match s {
        "weighted-sum" | "weightedSum" => Ok(Method::WeightedSum),
        "topsis" => Ok(Method::Topsis),
        _ => Err(Failure::Usage(format!(
            "`--method` must be weighted-sum or topsis, not `{s}`"
        ))),
    }
}

fn parse_normalisation(s: &str) -> Result<Normalisation, Failure> {
    match s {
        "vector" => Ok(Normalisation::Vector),
        "min-max" | "minMax" => Ok(Normalisation::MinMax),
        "linear" | "max" => Ok(Normalisation::Linear),
        _ => Err(Failure::Usage(format!(
            "`--normalisation` must be vector, min-max or linear, not `{s}`"
        ))),
    }
}

fn parse_aggregation(s: &str) -> Result<Aggregation, Failure> {
    match s.split_once(':') {
        None if s == "mean" => Ok(Aggregation::Mean),
        None if s == "median" => Ok(Aggregation::Median),
        None if s == "trimmed" => Ok(Aggregation::TrimmedMean { trim: 0.2 }),
        Some(("trimmed", t)) => match t.parse::<f64>() {
            Ok(trim) if (0.0..0.5).contains(&trim) => Ok(Aggregation::TrimmedMean { trim }),
            _ => Err(Failure::Usage(format!(
                "trim `{t}` must be a number in [0, 0.5)"
            ))),
        },
        _ => Err(Failure::Usage(format!(
            "`--aggregation` must be mean, median or trimmed[:FRACTION], not `{s}`"
        ))),
    }
}

/// `kiertokit score --programme FILE|NAME --applications FILE --reviews FILE [options]`.
pub fn score(args: &[String], report: &mut Report) -> Outcome {
    let a = Args::parse(
        args,
        &["standardise", "stability"],
        &[
            "programme",
            "applications",
            "reviews",
            "method",
            "normalisation",
            "aggregation",
            "seed",
            "max",
            "reviewers",
            "declarations",
        ],
    )?;
    let programme = load_programme(a.require("programme")?, report)?;
    let apps_path = a.require("applications")?;
    let reviews_path = a.require("reviews")?;
    let (apps, app_diags) = parse_applications(&read_file(apps_path)?).into_parts();
    report.diagnostics(apps_path, &app_diags);
    // An empty ranking from a file that could not be read would look like a real result.
    if apps.is_empty() && Report::has_errors(&app_diags) {
        return Err(Failure::Input(format!(
            "{apps_path}: no usable applications"
        )));
    }
    let (reviews, review_diags) = parse_reviews(&read_file(reviews_path)?).into_parts();
    report.diagnostics(reviews_path, &review_diags);
    if reviews.is_empty() && Report::has_errors(&review_diags) {
        return Err(Failure::Input(format!("{reviews_path}: no usable reviews")));
    }
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
            .map_err(|_| Failure::Usage(format!("`--seed` must be a whole number, not `{s}`")))?;
    }
    if a.get("max").is_some() {
        options.max_selected = Some(a.number("max", programme.max_selected)?);
    }
    if a.get("reviewers").is_some() {
        options.conflicts = conflicts_of(&a, &apps, report)?.0;
    }
    let stable = a
        .flag("stability")
        .then(|| stability(&programme, &apps, &reviews, &options));
    let result = evaluate(&programme, &apps, reviews, &options);
    report.diagnostics(reviews_path, &result.diagnostics);
    let mut json = serde_json::to_value(&result)
        .map_err(|e| Failure::Input(format!("cannot write the result: {e}")))?;
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
    Ok(crate::Output::Json(json))
}

/// Conflicts from `--reviewers FILE [--declarations FILE]`, with the reviewers read.
fn conflicts_of(
    a: &Args,
    apps: &[Application],
    report: &mut Report,
) -> Result<(Vec<Conflict>, Vec<kiertokit::scoring::Reviewer>), Failure> {
    let path = a.require("reviewers")?;
    let (reviewers, diags) = parse_reviewers(&read_file(path)?).into_parts();
    report.diagnostics(path, &diags);
    if reviewers.is_empty() && Report::has_errors(&diags) {
        return Err(Failure::Input(format!("{path}: no usable reviewers")));
    }
    let declarations = match a.get("declarations") {
        Some(p) => {
            let (d, diags) = parse_declarations(&read_file(p)?).into_parts();
            report.diagnostics(p, &diags);
            d
        }
        None => Vec::new(),
    };
    let (conflicts, diags) = find_conflicts(&reviewers, apps, &declarations).into_parts();
    report.diagnostics("declarations", &diags);
    Ok((conflicts, reviewers))
}

/// `kiertokit assign --programme FILE|NAME --applications FILE --reviewers FILE
/// [--declarations FILE] [--k N] [--max-load N]`: conflicts, the assignment, what is not
/// covered, and each reviewer's score sheet (rows that read back with `score --reviews`).
pub fn assign_reviewers(args: &[String], report: &mut Report) -> Outcome {
    let a = Args::parse(
        args,
        &[],
        &[
            "programme",
            "applications",
            "reviewers",
            "declarations",
            "k",
            "max-load",
        ],
    )?;
    let programme = load_programme(a.require("programme")?, report)?;
    let apps_path = a.require("applications")?;
    let (apps, app_diags) = parse_applications(&read_file(apps_path)?).into_parts();
    report.diagnostics(apps_path, &app_diags);
    if apps.is_empty() && Report::has_errors(&app_diags) {
        return Err(Failure::Input(format!(
            "{apps_path}: no usable applications"
        )));
    }
    let (conflicts, reviewers) = conflicts_of(&a, &apps, report)?;
    let options = AssignmentOptions {
        k: a.number("k", 2)?,
        default_max_load: match a.get("max-load") {
            Some(_) => Some(a.number("max-load", 0)?),
            None => None,
        },
    };
    let ids: Vec<String> = apps.iter().map(|x| x.id.clone()).collect();
    let result = assign(&reviewers, &ids, &conflicts, &options);
    let shortfalls: Vec<kiertokit::Diagnostic> = result
        .shortfalls
        .iter()
        .map(|s| {
            kiertokit::Diagnostic::warning(
                0,
                s.application.clone(),
                kiertokit::Code::ReviewersShort,
                format!(
                    "{} of {} reviewers assigned ({} free of conflicts)",
                    s.assigned, result.k, s.without_conflict
                ),
            )
        })
        .collect();
    report.diagnostics("assignment", &shortfalls);
    let sheets: serde_json::Map<String, serde_json::Value> = reviewers
        .iter()
        .map(|r| {
            (
                r.id.clone(),
                serde_json::json!(reviewer_sheet(&programme, &result, &r.id, &apps)),
            )
        })
        .collect();
    json(serde_json::json!({
        "programme": programme.id,
        "conflicts": conflicts,
        "assignment": result,
        "sheets": sheets,
    }))
}

/// `kiertokit rank --matrix FILE`.
pub fn rank(args: &[String], report: &mut Report) -> Outcome {
    let a = Args::parse(args, &[], &["matrix"])?;
    let path = a.require("matrix")?;
    let text = read_file(path)?;
    let (m, unknown): (DecisionMatrix, _) =
        kiertokit::strict::from_str(text.strip_prefix('\u{feff}').unwrap_or(&text))
            .map_err(|e| Failure::Input(format!("{path} is not a decision matrix: {e}")))?;
    let known = kiertokit::strict::fields_of::<DecisionMatrix>();
    let diags: Vec<_> = unknown
        .iter()
        .map(|u| kiertokit::strict::unknown_key(0, &u.dotted(), u.key(), known))
        .collect();
    report.diagnostics(path, &diags);
    let scores = rank_matrix(&m).map_err(|e| Failure::Input(format!("{path}: {e}")))?;
    json(scores)
}
