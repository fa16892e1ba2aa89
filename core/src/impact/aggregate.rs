//! Totals over realised exchanges, by category and by region.

use super::exchange::{Estimate, ExchangeInput, exchange};
use super::factors::Factors;
use crate::Code;
use crate::vocab::Diagnostic;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// An exchange that took place, with where it is counted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RealisedExchange {
    /// The exchange's id, named when its value is unknown.
    pub id: String,
    /// Region it is reported under, e.g. a maakunta (`Pirkanmaa`).
    pub region: String,
    /// What moved and between which pathways.
    pub exchange: ExchangeInput,
}

/// A sum of estimates that keeps the unknown ones visible instead of counting them as 0.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Total {
    /// Sum of the known values.
    pub known: f64,
    /// Sum of the low ends of the known values' ranges.
    pub low: f64,
    /// Sum of the high ends of the known values' ranges.
    pub high: f64,
    /// Ids of exchanges whose value is unknown (not included in `known`).
    pub unknown: Vec<String>,
}

impl Total {
    /// Adds one estimate: known values to the sums, unknown ones to `unknown` by `id`.
    pub fn add(&mut self, id: &str, e: &Estimate) {
        match e {
            Estimate::Known { value, low, high } => {
                let sums = (self.known + value, self.low + low, self.high + high);
                if sums.0.is_finite() && sums.1.is_finite() && sums.2.is_finite() {
                    (self.known, self.low, self.high) = sums;
                } else {
                    // A sum past the computable range is unknown, not infinite.
                    self.unknown.push(id.to_owned());
                }
            }
            Estimate::Unknown { .. } => self.unknown.push(id.to_owned()),
            Estimate::NotApplicable { .. } => {}
        }
    }

    /// True when no exchange had an unknown value.
    pub fn complete(&self) -> bool {
        self.unknown.is_empty()
    }
}

/// Totals for one group of exchanges.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Group {
    /// Number of realised exchanges (synergies) counted.
    pub synergies: usize,
    /// Tonnes moved from the baseline to the alternative pathway.
    pub tonnes_diverted: f64,
    /// Greenhouse gas emissions avoided, kg CO2e.
    pub co2e_avoided_kg: Total,
    /// Virgin material saved, tonnes.
    pub virgin_saved_t: Total,
    /// Money saved, euros.
    pub euros_saved: Total,
}

impl Group {
    fn add(&mut self, id: &str, t: f64, co2e: &Estimate, virgin: &Estimate, eur: &Estimate) {
        self.synergies += 1;
        self.tonnes_diverted += t;
        self.co2e_avoided_kg.add(id, co2e);
        self.virgin_saved_t.add(id, virgin);
        self.euros_saved.add(id, eur);
    }
}

/// The situational picture over a set of realised exchanges.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct AggregateImpact {
    /// Totals over every counted exchange.
    pub total: Group,
    /// Totals per material category id.
    pub by_category: BTreeMap<String, Group>,
    /// Totals per region.
    pub by_region: BTreeMap<String, Group>,
    /// Exchanges left out because their input was invalid (row = position in the list).
    pub diagnostics: Vec<Diagnostic>,
}

/// Sums [`exchange`] over `exchanges`; bad rows are reported and the rest still count.
pub fn aggregate(exchanges: &[RealisedExchange], factors: &Factors) -> AggregateImpact {
    let mut out = AggregateImpact::default();
    for (i, r) in exchanges.iter().enumerate() {
        let impact = match exchange(&r.exchange, factors) {
            Ok(impact) => impact,
            Err(e) => {
                out.diagnostics.push(Diagnostic::error(
                    i + 1,
                    r.id.clone(),
                    Code::ImpactUnknown,
                    e.to_string(),
                ));
                continue;
            }
        };
        // The total holds every exchange, so it is the first sum to leave the computable range.
        if !(out.total.tonnes_diverted + impact.quantity_t).is_finite() {
            out.diagnostics.push(Diagnostic::error(
                i + 1,
                r.id.clone(),
                Code::TooLarge,
                "the tonnes diverted would exceed the computable range; exchange left out",
            ));
            continue;
        }
        let args = (
            impact.quantity_t,
            &impact.co2e_avoided_kg,
            &impact.virgin_saved_t,
            &impact.euros_saved,
        );
        for group in [
            &mut out.total,
            out.by_category.entry(impact.category.clone()).or_default(),
            out.by_region.entry(r.region.clone()).or_default(),
        ] {
            group.add(&r.id, args.0, args.1, args.2, args.3);
        }
    }
    out
}
