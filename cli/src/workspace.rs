//! `kiertokit workspace report|summary|merge|candidates|survey`: the coordinator's workspace
//! (docs/coordinator.md). JSON on stdout, except Markdown and HTML reports.

use crate::args::{Args, read_file};
use crate::{Failure, Outcome, Output, Report, json};
use kiertokit::Lang;
use kiertokit::impact::Factors;
use kiertokit::scoring::Method;
use kiertokit::workspace::{
    self, CandidateOptions, Period, PriorityWeights, ReportFormat, Workspace,
};
use std::io::Write;

const USAGE: &str = "usage:
  kiertokit workspace report     --workspace FILE [--from DATE] [--to DATE] [--format md|html|json] [--lang fi|sv|en]
  kiertokit workspace summary    --workspace FILE [--from DATE] [--to DATE] [--date DATE]
                                 [--indicators FILE]   (national series with their sources)
  kiertokit workspace merge      A.json B.json
  kiertokit workspace candidates --workspace FILE [--top K] [--method wsm|topsis]
                                 [--weights co2e=W,tonnes=W,score=W,distance=W] [--min-score X]
                                 [--today DATE] [--new-only]
  kiertokit workspace survey     --workspace FILE --answer FILE   (the workspace with the answer applied)";

pub fn run(args: &[String], stdout: &mut dyn Write, report: &mut Report) -> Outcome {
    let Some((sub, rest)) = args.split_first() else {
        return Err(Failure::Usage(USAGE.to_owned()));
    };
    match sub.as_str() {
        "report" => report_cmd(rest, stdout, report),
        "summary" => summary_cmd(rest, report),
        "merge" => merge_cmd(rest, report),
        "candidates" => candidates_cmd(rest, report),
        "survey" => survey_cmd(rest, report),
        other => Err(Failure::Usage(format!(
            "unknown workspace command `{other}`\n{USAGE}"
        ))),
    }
}

/// Reads a workspace file, reporting its diagnostics; only an unusable file fails.
fn load(path: &str, report: &mut Report) -> Result<Workspace, Failure> {
    let text = read_file(path)?;
    let (ws, diags) = workspace::parse_workspace(&text)
        .map_err(|e| Failure::Input(format!("{path}: {e}")))?
        .into_parts();
    report.diagnostics(path, &diags);
    Ok(ws)
}

fn factors() -> Result<&'static Factors, Failure> {
    Factors::builtin().map_err(|e| Failure::Input(e.to_string()))
}

fn date_option(args: &Args, name: &str) -> Result<Option<String>, Failure> {
    match args.get(name) {
        None => Ok(None),
        Some(d) if kiertokit::date::day_number(d).is_some() => Ok(Some(d.to_owned())),
        Some(d) => Err(Failure::Usage(format!(
            "`--{name}` must be a date written YYYY-MM-DD, not `{d}`"
        ))),
    }
}

fn period(args: &Args) -> Result<Period, Failure> {
    let p = Period {
        from: date_option(args, "from")?,
        to: date_option(args, "to")?,
    };
    if let (Some(f), Some(t)) = (&p.from, &p.to)
        && t < f
    {
        return Err(Failure::Usage(format!("`--to` {t} is before `--from` {f}")));
    }
    Ok(p)
}

fn aggregate(ws: &Workspace, p: &Period) -> Result<workspace::Aggregate, Failure> {
    workspace::aggregate(ws, factors()?, p).map_err(|e| match e {
        workspace::WorkspaceError::PeriodTooLong { .. } => Failure::Input(e.to_string()),
        e => Failure::Usage(e.to_string()),
    })
}

fn report_cmd(args: &[String], stdout: &mut dyn Write, report: &mut Report) -> Outcome {
    let a = Args::parse(args, &[], &["workspace", "from", "to", "format", "lang"])?;
    let format = match a.get("format").unwrap_or("md") {
        "md" | "markdown" => ReportFormat::Markdown,
        "html" => ReportFormat::Html,
        "json" => ReportFormat::Json,
        other => {
            return Err(Failure::Usage(format!(
                "`--format` must be md, html or json, not `{other}`"
            )));
        }
    };
    let lang = match a.get("lang") {
        None => Lang::Fi,
        Some(tag) => Lang::from_tag(tag)
            .ok_or_else(|| Failure::Usage(format!("`--lang` must be fi, sv or en, not `{tag}`")))?,
    };
    let path = a.require("workspace")?;
    let ws = load(path, report)?;
    let agg = aggregate(&ws, &period(&a)?)?;
    report.diagnostics(path, &agg.diagnostics);
    let text = workspace::render(&ws, &agg, factors()?, format, lang);
    let _ = writeln!(stdout, "{}", text.trim_end());
    Ok(Output::Streamed)
}

fn summary_cmd(args: &[String], report: &mut Report) -> Outcome {
    let a = Args::parse(
        args,
        &[],
        &["workspace", "from", "to", "date", "indicators"],
    )?;
    let path = a.require("workspace")?;
    let ws = load(path, report)?;
    let agg = aggregate(&ws, &period(&a)?)?;
    report.diagnostics(path, &agg.diagnostics);
    let date = date_option(&a, "date")?.unwrap_or_else(|| agg.to.clone());
    let mut summary = workspace::summary(&ws.name, &agg, factors()?, &date);
    if let Some(file) = a.get("indicators") {
        let (indicators, diags) = workspace::parse_indicators(&read_file(file)?)
            .map_err(|e| Failure::Input(format!("{file}: {e}")))?
            .into_parts();
        report.diagnostics(file, &diags);
        summary.indicators = indicators;
    }
    json(summary)
}

fn merge_cmd(args: &[String], report: &mut Report) -> Outcome {
    let [a, b] = args else {
        return Err(Failure::Usage(format!(
            "`workspace merge` takes two workspace files\n{USAGE}"
        )));
    };
    if let Some(option) = [a, b].into_iter().find(|f| f.starts_with("--")) {
        return Err(Failure::Usage(format!(
            "`workspace merge` takes no options, found `{option}`\n{USAGE}"
        )));
    }
    let (wa, wb) = (load(a, report)?, load(b, report)?);
    json(workspace::merge(&wa, &wb))
}

fn weights(text: &str) -> Result<PriorityWeights, Failure> {
    let mut w = PriorityWeights::default();
    for part in text.split(',').filter(|p| !p.trim().is_empty()) {
        let bad = || {
            Failure::Usage(format!(
                "`--weights` takes name=number pairs (co2e, tonnes, score, distance), not `{part}`"
            ))
        };
        let (name, value) = part.split_once('=').ok_or_else(bad)?;
        let value = kiertokit::vocab::parse_decimal(value)
            .filter(|v| *v >= 0.0)
            .ok_or_else(bad)?;
        match name.trim() {
            "co2e" => w.co2e = value,
            "tonnes" => w.tonnes = value,
            "score" => w.score = value,
            "distance" => w.distance = value,
            _ => return Err(bad()),
        }
    }
    Ok(w)
}

fn candidates_cmd(args: &[String], report: &mut Report) -> Outcome {
    let a = Args::parse(
        args,
        &["new-only"],
        &[
            "workspace",
            "top",
            "method",
            "weights",
            "min-score",
            "today",
        ],
    )?;
    let mut opts = CandidateOptions {
        top: Some(a.number("top", 20)?),
        skip_existing: a.flag("new-only"),
        ..CandidateOptions::default()
    };
    opts.matching.today = a.today()?;
    if let Some(v) = a.get("min-score") {
        opts.matching.min_score = kiertokit::vocab::parse_decimal(v)
            .filter(|x| (0.0..=1.0).contains(x))
            .ok_or_else(|| {
                Failure::Usage(format!(
                    "`--min-score` must be a number in [0, 1], not `{v}`"
                ))
            })?;
    }
    opts.method = match a.get("method").unwrap_or("wsm") {
        "wsm" => Method::WeightedSum,
        "topsis" => Method::Topsis,
        other => {
            return Err(Failure::Usage(format!(
                "`--method` must be wsm or topsis, not `{other}`"
            )));
        }
    };
    if let Some(w) = a.get("weights") {
        opts.weights = weights(w)?;
    }
    let path = a.require("workspace")?;
    let ws = load(path, report)?;
    let list = workspace::candidates(&ws, factors()?, &opts)
        .map_err(|e| Failure::Usage(format!("`--weights`: {e}")))?;
    json(serde_json::json!({
        "method": opts.method,
        "normalisation": opts.normalisation,
        "weights": opts.weights,
        "candidates": list,
    }))
}

fn survey_cmd(args: &[String], report: &mut Report) -> Outcome {
    let a = Args::parse(args, &[], &["workspace", "answer"])?;
    let path = a.require("workspace")?;
    let mut ws = load(path, report)?;
    let answer_path = a.require("answer")?;
    let (answer, diags) = workspace::parse_survey(&read_file(answer_path)?)
        .map_err(|e| Failure::Input(format!("{answer_path}: {e}")))?
        .into_parts();
    report.diagnostics(answer_path, &diags);
    let applied = workspace::apply_survey(&mut ws, answer)
        .map_err(|e| Failure::Input(format!("{answer_path}: {e}")))?;
    json(serde_json::json!({"applied": applied, "workspace": ws}))
}
