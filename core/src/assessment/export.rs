//! Exports of a result: JSON for machines, CSV for spreadsheets.

use super::score::Assessment;
use crate::vocab::Lang;

/// The result as pretty JSON (the same shape the CLI prints).
pub fn to_json(assessment: &Assessment) -> String {
    serde_json::to_string_pretty(assessment).unwrap_or_default()
}

/// The result as CSV (comma-separated, RFC 4180 quoting, texts in `lang`): one overall row,
/// one row per theme, then one row per recommendation.
pub fn to_csv(assessment: &Assessment, lang: Lang) -> String {
    let mut out = String::from(
        "row,id,title,score,level,level_name,answered,dont_know,unanswered,red_flag,link\r\n",
    );
    let num = |x: Option<f64>| x.map(|v| v.to_string()).unwrap_or_default();
    let c = &assessment.completeness;
    let level = assessment.level.as_ref();
    push(
        &mut out,
        &[
            "overall",
            &assessment.questionnaire.id,
            "",
            &num(assessment.overall),
            &level.map(|l| l.level.to_string()).unwrap_or_default(),
            level.map(|l| l.name.get(lang)).unwrap_or_default(),
            &c.answered.to_string(),
            &c.dont_know.to_string(),
            &c.unanswered.to_string(),
            &(!assessment.red_flags.is_empty()).to_string(),
            "",
        ],
    );
    for t in &assessment.themes {
        let level = t.level.as_ref();
        push(
            &mut out,
            &[
                "theme",
                &t.id,
                t.title.get(lang),
                &num(t.score),
                &level.map(|l| l.level.to_string()).unwrap_or_default(),
                level.map(|l| l.name.get(lang)).unwrap_or_default(),
                &t.answered.to_string(),
                &t.dont_know.to_string(),
                &t.unanswered.to_string(),
                &t.red_flag.to_string(),
                "",
            ],
        );
    }
    for r in &assessment.recommendations {
        push(
            &mut out,
            &[
                "recommendation",
                &r.id,
                r.text.get(lang),
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                r.url.as_deref().or(r.link.as_deref()).unwrap_or_default(),
            ],
        );
    }
    out
}

/// One row through the core's one CSV writer (formula-safe cells, RFC 4180 quoting).
fn push(out: &mut String, fields: &[&str]) {
    crate::csv::write_row(out, fields, ',');
}
