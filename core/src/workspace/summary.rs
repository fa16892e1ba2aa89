//! The public summary: the situational picture a network publishes, with figures and their
//! ranges by year, region and category, and the factor sources. It holds no company, person,
//! listing, event or exchange data: counts and sums only.

use super::aggregate::{Aggregate, Figure, Figures, SynergyCounts};
use crate::Code;
use crate::impact::Factors;
use crate::strict;
use crate::vocab::{Diagnostic, Parsed, Text};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// A sum with its range, and how many exchanges are behind it and unknown in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublicValue {
    /// The central estimate, summed over the exchanges whose value is known.
    pub value: f64,
    /// The sum of the low ends of their ranges.
    pub low: f64,
    /// The sum of the high ends of their ranges.
    pub high: f64,
    /// Exchanges behind the figure.
    pub exchanges: usize,
    /// Exchanges whose value is unknown (not included in `value`).
    pub unknown: usize,
}

/// The figures of one group (the whole period, a year, a region or a material category).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublicFigures {
    /// Synergies identified, in progress, realised and dropped (with reasons) in the period.
    pub synergies: SynergyCounts,
    /// Realised exchanges active in the period.
    pub exchanges: usize,
    /// Material kept in use, tonnes.
    pub tonnes: PublicValue,
    /// CO2e avoided, kilograms.
    pub co2e_avoided_kg: PublicValue,
    /// Virgin material saved, tonnes.
    pub virgin_saved_t: PublicValue,
    /// Euros saved by the parties.
    pub euros_saved: PublicValue,
}

/// Where a factor behind the figures comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    /// The factor's id (`warm15.wood.recycling`).
    pub factor: String,
    /// The publication it comes from.
    pub source: String,
    /// The version of that publication.
    pub version: String,
    /// The year its figure is for.
    pub year: u16,
    /// Its licence.
    pub licence: String,
}

/// The public summary JSON (`situational-picture` reads it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublicSummary {
    /// Always `kiertokit-situational-picture`.
    pub format: String,
    /// Format version, 1.
    pub version: u32,
    /// The network or region the workspace belongs to.
    pub name: String,
    /// Date of the data, passed in (the core reads no clock).
    pub generated: String,
    /// First day of the period (`YYYY-MM-DD`).
    pub from: String,
    /// Last day of the period.
    pub to: String,
    /// The whole period.
    pub total: PublicFigures,
    /// By calendar year.
    pub by_year: BTreeMap<String, PublicFigures>,
    /// By region (`unknown` where the place is not known).
    pub by_region: BTreeMap<String, PublicFigures>,
    /// By material category.
    pub by_category: BTreeMap<String, PublicFigures>,
    /// Each factor behind the figures with its source.
    pub sources: Vec<Source>,
    /// National indicators as the partner publishing the page supplies them (never computed
    /// here); only [`parse_summary`] reads them, one series at a time.
    #[serde(default, skip_serializing_if = "Vec::is_empty", skip_deserializing)]
    pub indicators: Vec<Indicator>,
}

/// A national indicator series (the circular material use rate, resource productivity …) as a
/// partner supplies it: each value with its year, the series with its source. Kiertokit ships
/// no such figures; a series without a source is not shown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Indicator {
    /// The series' id, unique in the summary.
    pub id: String,
    /// The indicator's name in fi/sv/en (at least one).
    pub name: Text,
    /// The unit of every value and of the target, e.g. `%` or `€/kg`.
    pub unit: String,
    /// The publication the values come from, e.g. "Tilastokeskus, Kiertotalouden indikaattorit".
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// Where the publication is (shown as a link only for an `http(s)` address).
    pub url: Option<String>,
    /// The publication's licence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub licence: Option<String>,
    /// The values, one per year.
    pub values: Vec<IndicatorValue>,
    /// A target to read the values against, with its own source (e.g. a government resolution).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<IndicatorTarget>,
}

/// One value of an indicator series.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndicatorValue {
    /// The year it is for (1950–2100).
    pub year: u16,
    /// The value, in the series' unit.
    pub value: f64,
}

/// The target a series is read against.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndicatorTarget {
    /// The year the target is for.
    pub year: u16,
    /// The target value, in the series' unit.
    pub value: f64,
    /// Where the target is set (a government resolution, say).
    pub source: String,
}

/// Years an indicator value or target may be for (a mistyped year is reported).
const INDICATOR_YEARS: std::ops::RangeInclusive<u16> = 1950..=2100;

/// Reads a public summary (`situational-picture`'s input). The summary itself must read, or
/// the reason is returned; its `indicators` are read one by one: a series that does not read,
/// repeats an id, lacks a name, unit or source, or has no usable value is left out with an
/// error diagnostic (row = its 1-based place), a value or target for an impossible or repeated
/// year is dropped with one, and unknown keys in a series are warnings naming the closest
/// known key.
pub fn parse_summary(text: &str) -> Result<Parsed<PublicSummary>, String> {
    /// Only the `indicators` of the summary, so that a bad series never stops the rest.
    #[derive(Deserialize)]
    struct Indicators {
        #[serde(default)]
        indicators: Value,
    }
    let text = text.trim_start_matches('\u{feff}');
    // Read like any summary (the one reader of its figures), then the series one by one.
    let mut summary: PublicSummary = serde_json::from_str(text).map_err(|e| e.to_string())?;
    if summary.format != "kiertokit-situational-picture" || summary.version != 1 {
        return Err(format!(
            "expected format kiertokit-situational-picture version 1, found {} version {}",
            summary.format, summary.version
        ));
    }
    let mut diags = Vec::new();
    let indicators = serde_json::from_str::<Indicators>(text)
        .map(|i| i.indicators)
        .unwrap_or(Value::Null);
    summary.indicators = indicators_in(indicators, &mut diags);
    Ok(Parsed::new(summary, diags))
}

/// Reads a partner's indicator file for `kiertokit workspace summary --indicators`: a bare
/// array of series or an object with `indicators` (a summary of its own, say), each series
/// checked as [`parse_summary`] checks them. Only text that is not JSON is an error.
pub fn parse_indicators(text: &str) -> Result<Parsed<Vec<Indicator>>, String> {
    let root: Value =
        serde_json::from_str(text.trim_start_matches('\u{feff}')).map_err(|e| e.to_string())?;
    let rows = match root {
        Value::Object(mut o) => o.remove("indicators").unwrap_or(Value::Null),
        other => other,
    };
    let mut diags = Vec::new();
    let indicators = indicators_in(rows, &mut diags);
    Ok(Parsed::new(indicators, diags))
}

/// The series of an `indicators` value: an array, or nothing with an error.
fn indicators_in(value: Value, diags: &mut Vec<Diagnostic>) -> Vec<Indicator> {
    match value {
        Value::Null => Vec::new(),
        Value::Array(rows) => indicators_of(&rows, diags),
        _ => {
            diags.push(Diagnostic::error(
                0,
                "indicators",
                Code::WrongShape,
                "`indicators` is not an array; no indicator is shown",
            ));
            Vec::new()
        }
    }
}

fn indicators_of(rows: &[Value], diags: &mut Vec<Diagnostic>) -> Vec<Indicator> {
    let known = strict::fields_of::<Indicator>();
    let mut ids = BTreeSet::new();
    let mut out = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let n = i + 1;
        let left_out = |code: Code, why: &str| {
            Diagnostic::error(
                n,
                "indicators",
                code,
                format!("{why}; the indicator is left out"),
            )
        };
        let (mut ind, unknown) = match strict::from_value::<Indicator>(row) {
            Ok(x) => x,
            Err(e) => {
                diags.push(left_out(Code::RowUnreadable, &e.to_string()));
                continue;
            }
        };
        diags.extend(
            unknown
                .iter()
                .map(|u| strict::unknown_key(n, "indicators", u.key(), known)),
        );
        let blank = |t: &str| t.trim().is_empty();
        let missing = if blank(&ind.id) {
            Some("`id` is empty")
        } else if [&ind.name.fi, &ind.name.sv, &ind.name.en]
            .iter()
            .all(|t| t.as_deref().is_none_or(blank))
        {
            Some("`name` has no text in any language")
        } else if blank(&ind.unit) {
            Some("`unit` is empty")
        } else if blank(&ind.source) {
            Some("`source` is empty: an indicator is shown only with its source")
        } else {
            None
        };
        if let Some(why) = missing {
            diags.push(left_out(Code::Missing, why));
            continue;
        }
        if !ids.insert(ind.id.clone()) {
            diags.push(
                left_out(Code::Duplicate, &format!("id `{}` is repeated", ind.id))
                    .with_value(&ind.id),
            );
            continue;
        }
        let mut years = BTreeSet::new();
        ind.values.retain(|v| {
            let why = if !INDICATOR_YEARS.contains(&v.year) {
                Some((
                    Code::OutOfRange,
                    format!("the year {} is not between 1950 and 2100", v.year),
                ))
            } else if !years.insert(v.year) {
                Some((
                    Code::Duplicate,
                    format!(
                        "the year {} is given twice; the first value is kept",
                        v.year
                    ),
                ))
            } else {
                None
            };
            if let Some((code, why)) = &why {
                diags.push(
                    Diagnostic::error(
                        n,
                        "values",
                        *code,
                        format!("{why}; the value {} is left out", v.value),
                    )
                    .with_value(v.year),
                );
            }
            why.is_none()
        });
        ind.values.sort_by_key(|v| v.year);
        if ind.values.is_empty() {
            diags.push(left_out(Code::Empty, "no value with a year"));
            continue;
        }
        if let Some(t) = &ind.target {
            let why = if !INDICATOR_YEARS.contains(&t.year) {
                Some((
                    Code::OutOfRange,
                    format!("the target year {} is not between 1950 and 2100", t.year),
                ))
            } else if blank(&t.source) {
                Some((Code::Missing, "the target has no source".to_owned()))
            } else {
                None
            };
            if let Some((code, why)) = why {
                diags.push(Diagnostic::error(
                    n,
                    "target",
                    code,
                    format!("{why}; the target is left out"),
                ));
                ind.target = None;
            }
        }
        out.push(ind);
    }
    out
}

fn value(f: &Figure) -> PublicValue {
    PublicValue {
        value: f.total.known,
        low: f.total.low,
        high: f.total.high,
        exchanges: f.exchanges,
        unknown: f.total.unknown.len(),
    }
}

fn figures(f: &Figures) -> PublicFigures {
    PublicFigures {
        synergies: f.synergies.clone(),
        exchanges: f.exchanges,
        tonnes: value(&f.tonnes),
        co2e_avoided_kg: value(&f.co2e_avoided_kg),
        virgin_saved_t: value(&f.virgin_saved_t),
        euros_saved: value(&f.euros_saved),
    }
}

fn map(m: &BTreeMap<String, Figures>) -> BTreeMap<String, PublicFigures> {
    m.iter().map(|(k, v)| (k.clone(), figures(v))).collect()
}

/// The public summary of an aggregate (events are left out: their names may identify companies).
pub fn summary(name: &str, agg: &Aggregate, factors: &Factors, generated: &str) -> PublicSummary {
    PublicSummary {
        format: "kiertokit-situational-picture".into(),
        version: 1,
        name: name.to_owned(),
        generated: generated.to_owned(),
        from: agg.from.clone(),
        to: agg.to.clone(),
        total: figures(&agg.total),
        by_year: map(&agg.by_year),
        by_region: map(&agg.by_region),
        by_category: map(&agg.by_category),
        sources: agg
            .factors_used
            .iter()
            .filter_map(|id| factors.get(id))
            .map(|f| Source {
                factor: f.id.clone(),
                source: f.source.clone(),
                version: f.version.clone(),
                year: f.year,
                licence: f.licence.clone(),
            })
            .collect(),
        indicators: Vec::new(),
    }
}
