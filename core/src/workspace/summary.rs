//! The public summary: the situational picture a network publishes, with figures and their
//! ranges by year, region and category, and the factor sources. It holds no company, person,
//! listing, event or exchange data: counts and sums only.

use super::aggregate::{Aggregate, Figure, Figures, SynergyCounts};
use crate::impact::Factors;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A sum with its range, and how many exchanges are behind it and unknown in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublicValue {
    pub value: f64,
    pub low: f64,
    pub high: f64,
    pub exchanges: usize,
    /// Exchanges whose value is unknown (not included in `value`).
    pub unknown: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublicFigures {
    pub synergies: SynergyCounts,
    pub exchanges: usize,
    pub tonnes: PublicValue,
    pub co2e_avoided_kg: PublicValue,
    pub virgin_saved_t: PublicValue,
    pub euros_saved: PublicValue,
}

/// Where a factor behind the figures comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    pub factor: String,
    pub source: String,
    pub version: String,
    pub year: u16,
    pub licence: String,
}

/// The public summary JSON (`situational-picture` reads it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublicSummary {
    pub format: String,
    pub version: u32,
    /// The network or region the workspace belongs to.
    pub name: String,
    /// Date of the data, passed in (the core reads no clock).
    pub generated: String,
    pub from: String,
    pub to: String,
    pub total: PublicFigures,
    pub by_year: BTreeMap<String, PublicFigures>,
    pub by_region: BTreeMap<String, PublicFigures>,
    pub by_category: BTreeMap<String, PublicFigures>,
    pub sources: Vec<Source>,
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
    }
}
