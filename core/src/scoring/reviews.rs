//! Reviewer scores: import with diagnostics, per-reviewer standardisation, aggregation.

use super::programme::Programme;
use crate::Code;
use crate::vocab::{Diagnostic, Parsed, parse_decimal};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// One reviewer's score of one application on one criterion; `None` means "not applicable".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Review {
    /// The reviewer's id.
    pub reviewer: String,
    /// The application's id.
    pub application: String,
    /// The criterion's id in the programme.
    pub criterion: String,
    #[serde(deserialize_with = "score_or_na")]
    /// The score on the criterion's scale; `None` for "not applicable".
    pub score: Option<f64>,
    /// Source row, for diagnostics raised after import.
    #[serde(default, skip_serializing)]
    pub row: usize,
}

fn is_na(s: &str) -> bool {
    matches!(
        crate::strict::fold_case(s.trim()).as_str(),
        "n/a" | "na" | "-" | "ei sovellu" | "e/s" | "es" | "ej tillämplig" | "not applicable"
    )
}

fn score_or_na<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    use serde::de::Error;
    match serde_json::Value::deserialize(d)? {
        serde_json::Value::Null => Ok(None),
        serde_json::Value::Number(n) => n
            .as_f64()
            .map(Some)
            .ok_or_else(|| D::Error::custom("score is not a number")),
        serde_json::Value::String(s) if is_na(&s) => Ok(None),
        serde_json::Value::String(s) => parse_decimal(&s)
            .map(Some)
            .ok_or_else(|| D::Error::custom(format!("score `{s}` is neither a number nor n/a"))),
        _ => Err(D::Error::custom("score must be a number, null or \"n/a\"")),
    }
}

/// Parses reviews from CSV (`reviewer, application, criterion, score`, Finnish headers accepted).
pub fn parse_reviews_csv(text: &str) -> Parsed<Vec<Review>> {
    let table = crate::csv::parse(text);
    let mut diags = table.diagnostics.clone();
    const NAMES: [(&str, &[&str]); 4] = [
        ("reviewer", &["reviewer", "arvioija", "bedömare"]),
        (
            "application",
            &["application", "hakemus", "ansökan", "application_id"],
        ),
        ("criterion", &["criterion", "kriteeri", "kriterium"]),
        ("score", &["score", "pisteet", "arvosana", "poäng"]),
    ];
    let cols = NAMES.map(|(name, aliases)| (name, table.column(aliases)));
    // The applicant's name on a reviewer's sheet is for the reader; it is not part of a review.
    const INFORMATIONAL: [&str; 3] = ["applicant", "hakija", "sökande"];
    let aliases: Vec<&str> = NAMES
        .iter()
        .flat_map(|(_, a)| a.iter().copied())
        .chain(INFORMATIONAL)
        .collect();
    for (_, header) in table.unknown_headers(&aliases) {
        diags.push(crate::strict::unknown_column(
            table.header_line,
            header,
            &aliases,
        ));
    }
    let missing: Vec<&str> = cols
        .iter()
        .filter(|(_, c)| c.is_none())
        .map(|(n, _)| *n)
        .collect();
    if !missing.is_empty() {
        diags.push(
            Diagnostic::error(
                1,
                "",
                Code::Missing,
                format!("missing columns: {}", missing.join(", ")),
            )
            .with_value(missing.join(", ")),
        );
        return Parsed::new(Vec::new(), diags);
    }
    let mut out = Vec::new();
    for rec in &table.rows {
        let get = |i: usize| rec.get(cols[i].1).to_owned();
        let (reviewer, application, criterion, raw) = (get(0), get(1), get(2), get(3));
        let mut ok = true;
        for (name, v) in [
            ("reviewer", &reviewer),
            ("application", &application),
            ("criterion", &criterion),
        ] {
            if v.is_empty() {
                diags.push(Diagnostic::error(
                    rec.line,
                    name,
                    Code::Missing,
                    format!("{name} is empty"),
                ));
                ok = false;
            }
        }
        let score = if is_na(&raw) {
            None
        } else if raw.is_empty() {
            diags.push(Diagnostic::error(
                rec.line,
                "score",
                Code::Missing,
                "score is empty (write n/a for not applicable)",
            ));
            continue;
        } else if let Some(x) = parse_decimal(&raw) {
            Some(x)
        } else {
            diags.push(
                Diagnostic::error(
                    rec.line,
                    "score",
                    Code::NotNumber,
                    format!("score `{raw}` is neither a number nor n/a"),
                )
                .with_value(raw),
            );
            continue;
        };
        if ok {
            out.push(Review {
                reviewer,
                application,
                criterion,
                score,
                row: rec.line,
            });
        }
    }
    Parsed::new(out, diags)
}

/// Parses reviews from a JSON array (or `{"reviews": [...]}`); bad entries are reported and skipped.
pub fn parse_reviews_json(json: &str) -> Parsed<Vec<Review>> {
    let json = json.strip_prefix('\u{feff}').unwrap_or(json);
    let items = match serde_json::from_str::<serde_json::Value>(json) {
        Ok(serde_json::Value::Array(a)) => a,
        Ok(serde_json::Value::Object(mut o)) => match o.remove("reviews") {
            Some(serde_json::Value::Array(a)) => a,
            _ => {
                return Parsed::new(
                    Vec::new(),
                    vec![Diagnostic::error(
                        0,
                        "reviews",
                        Code::WrongShape,
                        "expected an array of reviews",
                    )],
                );
            }
        },
        Ok(_) => {
            return Parsed::new(
                Vec::new(),
                vec![Diagnostic::error(
                    0,
                    "",
                    Code::WrongShape,
                    "expected an array of reviews",
                )],
            );
        }
        Err(e) => {
            return Parsed::new(
                Vec::new(),
                vec![Diagnostic::error(
                    0,
                    "",
                    Code::NotJson,
                    format!("not JSON: {e}"),
                )],
            );
        }
    };
    let mut out = Vec::new();
    let mut diags = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        match crate::strict::from_value::<Review>(&item) {
            Ok((mut r, unknown)) => {
                let known = crate::strict::fields_of::<Review>();
                for u in unknown {
                    diags.push(crate::strict::unknown_key(
                        i + 1,
                        &u.field(),
                        u.key(),
                        known,
                    ));
                }
                r.row = i + 1;
                out.push(r);
            }
            Err(e) => diags.push(Diagnostic::error(
                i + 1,
                "",
                Code::RowUnreadable,
                format!("not a review: {e}"),
            )),
        }
    }
    Parsed::new(out, diags)
}

/// Parses JSON when the text starts with `[` or `{`, CSV otherwise.
pub fn parse_reviews(text: &str) -> Parsed<Vec<Review>> {
    let t = text.strip_prefix('\u{feff}').unwrap_or(text).trim_start();
    if t.starts_with('[') || t.starts_with('{') {
        parse_reviews_json(t)
    } else {
        parse_reviews_csv(text)
    }
}

/// Drops reviews that do not fit the programme (unknown criterion or application, score outside
/// 0–5, n/a where not allowed, repeats) with one diagnostic each.
pub fn validate_reviews(
    programme: &Programme,
    application_ids: &BTreeSet<&str>,
    reviews: Vec<Review>,
) -> Parsed<Vec<Review>> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    let mut d = Vec::new();
    for r in reviews {
        let Some(c) = programme.criterion(&r.criterion) else {
            d.push(
                Diagnostic::error(
                    r.row,
                    "criterion",
                    Code::UnknownValue,
                    format!("unknown criterion `{}`", r.criterion),
                )
                .with_value(&r.criterion),
            );
            continue;
        };
        if !application_ids.contains(r.application.as_str()) {
            d.push(
                Diagnostic::error(
                    r.row,
                    "application",
                    Code::UnknownValue,
                    format!("unknown application `{}`", r.application),
                )
                .with_value(&r.application),
            );
            continue;
        }
        match r.score {
            None if !c.allow_na => {
                d.push(Diagnostic::error(
                    r.row,
                    "score",
                    Code::NotAllowed,
                    format!("criterion `{}` does not allow n/a", c.id),
                ));
                continue;
            }
            Some(x) if !(0.0..=5.0).contains(&x) => {
                d.push(
                    Diagnostic::error(
                        r.row,
                        "score",
                        Code::OutOfRange,
                        format!("score {x} is outside 0–5"),
                    )
                    .with_value(x),
                );
                continue;
            }
            _ => {}
        }
        if !seen.insert((
            r.reviewer.clone(),
            r.application.clone(),
            r.criterion.clone(),
        )) {
            d.push(Diagnostic::error(
                r.row,
                "",
                Code::AlreadyScored,
                format!(
                    "{} already scored {} on {}; the first score is kept",
                    r.reviewer, r.application, r.criterion
                ),
            ));
            continue;
        }
        out.push(r);
    }
    Parsed::new(out, d)
}

fn mean(xs: &[f64]) -> f64 {
    xs.iter().sum::<f64>() / xs.len() as f64
}

fn sd(xs: &[f64]) -> f64 {
    let m = mean(xs);
    libm::sqrt(xs.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / xs.len() as f64)
}

/// Per-reviewer standardisation: each reviewer's scores become z-scores, rescaled to the pooled
/// mean and standard deviation and clamped to 0–5. Reviewers with fewer than two scores or no
/// spread are only shifted to the pooled mean (a z-score needs a spread).
pub fn standardise(reviews: &[Review]) -> Vec<Review> {
    let all: Vec<f64> = reviews.iter().filter_map(|r| r.score).collect();
    if all.is_empty() {
        return reviews.to_vec();
    }
    let (gm, gsd) = (mean(&all), sd(&all));
    let mut by: BTreeMap<&str, Vec<f64>> = BTreeMap::new();
    for r in reviews {
        if let Some(x) = r.score {
            by.entry(r.reviewer.as_str()).or_default().push(x);
        }
    }
    let stats: BTreeMap<&str, (f64, f64)> =
        by.iter().map(|(k, v)| (*k, (mean(v), sd(v)))).collect();
    reviews
        .iter()
        .map(|r| {
            let score = r.score.map(|x| {
                let (m, s) = stats.get(r.reviewer.as_str()).copied().unwrap_or((gm, 0.0));
                let y = if s > 1e-12 {
                    gm + (x - m) / s * gsd
                } else {
                    x - m + gm
                };
                y.clamp(0.0, 5.0)
            });
            Review { score, ..r.clone() }
        })
        .collect()
}

/// How reviewer scores of one application and criterion are combined.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum Aggregation {
    #[default]
    /// The arithmetic mean (the default).
    Mean,
    /// The middle score (the mean of the two middle ones for an even count).
    Median,
    /// Drops `floor(n × trim)` scores at each end, then averages (trim in [0, 0.5)).
    TrimmedMean {
        /// Share of scores dropped at each end, in [0, 0.5).
        trim: f64,
    },
}

/// Combines scores (n/a already removed); `None` when there are none.
pub fn aggregate(scores: &[f64], how: Aggregation) -> Option<f64> {
    if scores.is_empty() {
        return None;
    }
    let mut s = scores.to_vec();
    s.sort_by(f64::total_cmp);
    let n = s.len();
    Some(match how {
        Aggregation::Mean => mean(&s),
        Aggregation::Median if n % 2 == 1 => s[n / 2],
        Aggregation::Median => (s[n / 2 - 1] + s[n / 2]) / 2.0,
        Aggregation::TrimmedMean { trim } => {
            let t = if trim.is_finite() {
                trim.clamp(0.0, 0.49)
            } else {
                0.0
            };
            let k = (n as f64 * t) as usize;
            mean(&s[k..n - k])
        }
    })
}

/// Reviewers disagree on one application and criterion: the spread of their scores.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DisagreementFlag {
    /// The application's id.
    pub application: String,
    /// The criterion's id.
    pub criterion: String,
    /// The lowest score given.
    pub min: f64,
    /// The highest score given.
    pub max: f64,
}

/// Flags every application × criterion whose score range is at least `threshold` points.
pub fn disagreements(reviews: &[Review], threshold: f64) -> Vec<DisagreementFlag> {
    let mut cells: BTreeMap<(&str, &str), Vec<f64>> = BTreeMap::new();
    for r in reviews {
        if let Some(x) = r.score {
            cells
                .entry((r.application.as_str(), r.criterion.as_str()))
                .or_default()
                .push(x);
        }
    }
    cells
        .into_iter()
        .filter_map(|((a, c), xs)| {
            let min = xs.iter().copied().fold(f64::INFINITY, f64::min);
            let max = xs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            (max - min >= threshold - 1e-9).then(|| DisagreementFlag {
                application: a.into(),
                criterion: c.into(),
                min,
                max,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_import_keeps_good_rows_and_reports_bad_ones() {
        let text = "\u{feff}Arvioija;Hakemus;Kriteeri;Pisteet\nR1;a;impact;4\nR1;a;x;ei sovellu\nR2;a;impact;kuusi\n;a;impact;3\nR2;a;impact;3,5\n";
        let (rows, d) = parse_reviews(text).into_parts();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[1].score, None);
        assert_eq!(rows[2].score, Some(3.5));
        assert_eq!(
            d.iter()
                .map(|x| (x.row, x.field.as_str()))
                .collect::<Vec<_>>(),
            [(4, "score"), (5, "reviewer")]
        );
    }

    #[test]
    fn json_import_accepts_null_and_na_and_reports_bad_entries() {
        let (rows, d) = parse_reviews(
            r#"[{"reviewer":"R","application":"a","criterion":"c","score":null},{"reviewer":"R","application":"a","criterion":"c","score":"n/a"},{"reviewer":"R","application":"a","criterion":"c","score":true}]"#,
        ).into_parts();
        assert_eq!(rows.len(), 2);
        assert_eq!(d[0].row, 3);
    }

    #[test]
    fn validation_drops_scores_that_do_not_fit_the_programme() {
        let p = crate::scoring::builtin("reilu-kiertotalous-2021").expect("built in");
        let ids: BTreeSet<&str> = ["a"].into();
        let r = |c: &str, app: &str, s: Option<f64>, row| Review {
            reviewer: "R".into(),
            application: app.into(),
            criterion: c.into(),
            score: s,
            row,
        };
        let (kept, d) = validate_reviews(
            &p,
            &ids,
            vec![
                r("impact", "a", Some(4.0), 2),
                r("impact", "a", Some(3.0), 3),
                r("impact", "b", Some(1.0), 4),
                r("impact", "a", Some(7.0), 5),
                r("nope", "a", Some(1.0), 6),
                r("cross-administrative", "a", None, 7),
            ],
        )
        .into_parts();
        assert_eq!(kept.len(), 1);
        assert_eq!(d.iter().map(|x| x.row).collect::<Vec<_>>(), [3, 4, 5, 6, 7]);
    }

    #[test]
    fn aggregations_handle_odd_even_and_trimming() {
        assert_eq!(aggregate(&[], Aggregation::Mean), None);
        assert_eq!(aggregate(&[1.0, 5.0, 3.0], Aggregation::Median), Some(3.0));
        assert_eq!(
            aggregate(&[1.0, 2.0, 3.0, 5.0], Aggregation::Median),
            Some(2.5)
        );
        assert_eq!(
            aggregate(
                &[0.0, 3.0, 3.0, 3.0, 5.0],
                Aggregation::TrimmedMean { trim: 0.2 }
            ),
            Some(3.0)
        );
    }

    #[test]
    fn standardisation_evens_out_a_harsh_reviewer() {
        let mk = |rev: &str, app: &str, s: f64| Review {
            reviewer: rev.into(),
            application: app.into(),
            criterion: "c".into(),
            score: Some(s),
            row: 0,
        };
        let rs = vec![
            mk("harsh", "a", 1.0),
            mk("harsh", "b", 2.0),
            mk("kind", "a", 4.0),
            mk("kind", "b", 5.0),
        ];
        let z = standardise(&rs);
        assert!((z[0].score.unwrap_or(0.0) - z[2].score.unwrap_or(9.0)).abs() < 1e-12);
        assert!(
            z.iter()
                .all(|r| r.score.is_some_and(|x| (0.0..=5.0).contains(&x)))
        );
    }

    #[test]
    fn a_range_of_three_points_is_flagged() {
        let mk = |s: f64| Review {
            reviewer: format!("R{s}"),
            application: "a".into(),
            criterion: "c".into(),
            score: Some(s),
            row: 0,
        };
        assert_eq!(disagreements(&[mk(1.0), mk(4.0)], 3.0).len(), 1);
        assert!(disagreements(&[mk(2.0), mk(4.0)], 3.0).is_empty());
    }
}
