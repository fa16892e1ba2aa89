//! Figures of a workspace for a period, by year, region, category and event: synergies by
//! status (drop reasons counted), and the tonnes, CO2e, euros and virgin material of realised
//! exchanges, each with its range, the exchanges left unknown, and the count behind it.
//!
//! Counting rules (docs/coordinator.md):
//! - A one-off exchange counts on its `start` day.
//! - A continuous exchange counts for each calendar month it was active on at least one day;
//!   a month belongs to the period holding its first day, so periods that split the calendar
//!   never count a month twice. Each month brings quantity × occurrences a year ÷ 12.
//! - An ongoing exchange (no `end`) runs to the end of the period.
//! - Synergies: identified, realised and dropped count once per synergy, in the period holding
//!   the first day it reached that status (a synergy dropped and later realised counts in both);
//!   in progress is the number contacted or negotiating at the period's end (a stock: the
//!   years of a period do not add up to it).

use super::WorkspaceError;
use super::model::{Exchange, Synergy, SynergyStatus, Workspace, WorkspaceListing, latest_day};
use crate::Code;
use crate::date::{civil_from_days, day_number, days_from_civil, format_day};
use crate::impact::{self, Estimate, ExchangeInput, Factors, Missing, Total};
use crate::matching::{Recurrence, find_municipality};
use crate::vocab::Diagnostic;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The key of figures whose region, category or event is not known.
pub const UNKNOWN: &str = "unknown";

/// The longest period a report covers, in calendar years: a longer one is refused rather than
/// computed year by year (a mistyped year such as 0205 in the workspace shows up this way).
pub const MAX_YEARS: i64 = 100;

/// Inclusive report period, `YYYY-MM-DD`; open ends default to the workspace's first and
/// last dates.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Period {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// First day, `YYYY-MM-DD`; `None`: the workspace's first date.
    pub from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// Last day, `YYYY-MM-DD`; `None`: the workspace's last date.
    pub to: Option<String>,
}

/// A sum over exchanges: known values with their low–high range, the exchanges whose value is
/// unknown, and how many exchanges it is about.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Figure {
    #[serde(flatten)]
    /// The known values, their range and the exchanges whose value is unknown.
    pub total: Total,
    /// Exchanges behind the figure (known, not applicable or unknown).
    pub exchanges: usize,
    /// Position of the last exchange added: an exchange's slices are added one after another.
    #[serde(skip)]
    last: Option<usize>,
}

impl Figure {
    fn add(&mut self, position: usize, id: &str, e: &Estimate) {
        if self.last == Some(position) && e.is_unknown() {
            return;
        }
        self.total.add(id, e);
        if self.last != Some(position) {
            self.last = Some(position);
            self.exchanges += 1;
        }
    }
}

/// Synergies by status within a period.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SynergyCounts {
    /// Synergies first identified within the period.
    pub identified: usize,
    /// Contacted or negotiating at the end of the period.
    pub in_progress: usize,
    /// Synergies realised within the period.
    pub realised: usize,
    /// Synergies dropped within the period.
    pub dropped: usize,
    /// Dropped synergies by reason code (`unspecified` when none was given).
    pub drop_reasons: BTreeMap<String, usize>,
}

/// Everything counted for one group.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Figures {
    /// Synergies by the status they reached within the period.
    pub synergies: SynergyCounts,
    /// Realised exchanges with an amount in the period.
    pub exchanges: usize,
    /// Tonnes kept in use.
    pub tonnes: Figure,
    /// Greenhouse gas emissions avoided, kg CO2e.
    pub co2e_avoided_kg: Figure,
    /// Virgin material saved, tonnes.
    pub virgin_saved_t: Figure,
    /// Money saved, euros.
    pub euros_saved: Figure,
}

/// The workspace's figures for a period.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Aggregate {
    /// The period actually used (empty when the workspace has no dates).
    pub from: String,
    /// Last day of the period used.
    pub to: String,
    /// The figures over the whole period.
    pub total: Figures,
    /// Figures per calendar year (`2025`).
    pub by_year: BTreeMap<String, Figures>,
    /// Figures per region (Finnish name).
    pub by_region: BTreeMap<String, Figures>,
    /// Figures per material category id.
    pub by_category: BTreeMap<String, Figures>,
    /// Figures per event id.
    pub by_event: BTreeMap<String, Figures>,
    /// Ids of the impact factors behind the figures.
    pub factors_used: Vec<String>,
    /// Exchanges left out or left unknown, and why (row = position in `exchanges`).
    pub diagnostics: Vec<Diagnostic>,
}

/// One exchange's amount in one year of the period: the year and the number of occurrences
/// (one-off: 1; continuous: months × occurrences a year ÷ 12).
pub fn exchange_slices(x: &Exchange, from: i64, to: i64) -> Vec<(i64, f64)> {
    twelfths(x, from, to)
        .into_iter()
        .map(|(y, t)| (y, t / 12.0))
        .collect()
}

/// [`exchange_slices`] in twelfths of an occurrence (months × occurrences a year), whole
/// numbers, so that quantities are scaled with one rounding: amount × twelfths ÷ 12.
fn twelfths(x: &Exchange, from: i64, to: i64) -> Vec<(i64, f64)> {
    let Some(start) = day_number(&x.start) else {
        return Vec::new();
    };
    if x.recurrence == Recurrence::OneOff {
        let year = civil_from_days(start).0;
        return if (from..=to).contains(&start) {
            vec![(year, 12.0)]
        } else {
            Vec::new()
        };
    }
    let month = |day: i64| {
        let (y, m, _) = civil_from_days(day);
        y * 12 + i64::from(m) - 1
    };
    // A month counts in the period that holds its first day.
    let first_counted = {
        let (_, _, d) = civil_from_days(from);
        month(from) + i64::from(d != 1)
    };
    let end = x
        .end
        .as_deref()
        .and_then(day_number)
        .map_or(to, |e| e.max(start));
    let lo = month(start).max(first_counted);
    let hi = month(end).min(month(to));
    let per_month = x.recurrence.per_year();
    let mut out = Vec::new();
    let mut m = lo;
    while m <= hi {
        let year = m.div_euclid(12);
        let last_of_year = (year * 12 + 11).min(hi);
        out.push((year, (last_of_year - m + 1) as f64 * per_month));
        m = last_of_year + 1;
    }
    out
}

/// An estimate times `twelfths` ÷ 12 (every term of an exchange's impact is linear in its mass).
fn scaled(e: &Estimate, twelfths: f64) -> Estimate {
    match e {
        Estimate::Known { value, low, high } => {
            let k = |x: f64| x * twelfths / 12.0;
            let (v, l, h) = (k(*value), k(*low), k(*high));
            if v.is_finite() && l.is_finite() && h.is_finite() {
                Estimate::Known {
                    value: v,
                    low: l,
                    high: h,
                }
            } else {
                Estimate::missing(Missing::OutOfRange {
                    category: String::new(),
                })
            }
        }
        other => other.clone(),
    }
}

/// Region, category and event of a synergy, from its offer (else its seek) listing.
struct Keys {
    region: String,
    category: String,
    event: String,
}

fn keys(listings: &BTreeMap<&str, &WorkspaceListing>, s: Option<&Synergy>) -> Keys {
    let listing = |id: &str| listings.get(id).copied();
    let sides: Vec<_> = s
        .into_iter()
        .flat_map(|s| [listing(&s.offer), listing(&s.seek)])
        .flatten()
        .collect();
    let region = sides
        .iter()
        .find_map(|l| find_municipality(&l.listing.municipality))
        .map_or_else(|| UNKNOWN.to_owned(), |m| m.region_fi.clone());
    let category = sides
        .first()
        .map(|l| l.listing.category.clone())
        .filter(|c| !c.trim().is_empty())
        .unwrap_or_else(|| UNKNOWN.to_owned());
    let event = sides
        .iter()
        .find_map(|l| l.event.clone())
        .unwrap_or_else(|| UNKNOWN.to_owned());
    Keys {
        region,
        category,
        event,
    }
}

/// Adds a synergy's steps within `[a, b]` to `c`: each status counts once per synergy, on the
/// first day the synergy reached it, so any split of the calendar counts it once.
fn count_synergy(c: &mut SynergyCounts, s: &Synergy, a: i64, b: i64) {
    let within = |d: Option<i64>| d.is_some_and(|d| (a..=b).contains(&d));
    if within(s.identified_day()) {
        c.identified += 1;
    }
    let first = |status: SynergyStatus| s.history.iter().find(|h| h.status == status);
    if within(first(SynergyStatus::Realised).and_then(|h| day_number(&h.date))) {
        c.realised += 1;
    }
    if let Some(h) = first(SynergyStatus::Dropped).filter(|h| within(day_number(&h.date))) {
        c.dropped += 1;
        let reason = h.reason.map_or("unspecified", |r| r.id());
        *c.drop_reasons.entry(reason.to_owned()).or_default() += 1;
    }
    if s.status_on(b).is_some_and(SynergyStatus::in_progress) {
        c.in_progress += 1;
    }
}

fn year_bounds(year: i64, from: i64, to: i64) -> (i64, i64) {
    (
        days_from_civil(year, 1, 1).max(from),
        days_from_civil(year, 12, 31).min(to),
    )
}

fn earliest_day(ws: &Workspace) -> Option<i64> {
    let dates = ws
        .events
        .iter()
        .map(|e| e.date.as_str())
        .chain(
            ws.synergies
                .iter()
                .flat_map(|s| s.history.iter().map(|c| c.date.as_str())),
        )
        .chain(ws.exchanges.iter().map(|x| x.start.as_str()));
    dates.filter_map(day_number).min()
}

/// The figures of `ws` over `period`.
pub fn aggregate(
    ws: &Workspace,
    factors: &Factors,
    period: &Period,
) -> Result<Aggregate, WorkspaceError> {
    let parse = |d: &Option<String>| match d {
        None => Ok(None),
        Some(s) => day_number(s)
            .map(Some)
            .ok_or_else(|| WorkspaceError::Date(s.clone())),
    };
    let (from, to) = (parse(&period.from)?, parse(&period.to)?);
    let to = to.or_else(|| latest_day(ws));
    let from = from.or_else(|| earliest_day(ws)).or(to);
    let mut out = Aggregate::default();
    let (Some(from), Some(to)) = (from, to) else {
        return Ok(out);
    };
    if to < from {
        return Err(WorkspaceError::EmptyPeriod);
    }
    let (first_year, last_year) = (civil_from_days(from).0, civil_from_days(to).0);
    if last_year - first_year >= MAX_YEARS {
        return Err(WorkspaceError::PeriodTooLong {
            from: format_day(from),
            to: format_day(to),
        });
    }
    (out.from, out.to) = (format_day(from), format_day(to));
    let listings: BTreeMap<&str, &WorkspaceListing> = ws
        .listings
        .iter()
        .map(|l| (l.listing.id.as_str(), l))
        .collect();
    let synergies: BTreeMap<&str, &Synergy> =
        ws.synergies.iter().map(|s| (s.id.as_str(), s)).collect();

    for s in &ws.synergies {
        let k = keys(&listings, Some(s));
        for group in [
            &mut out.total,
            out.by_region.entry(k.region.clone()).or_default(),
            out.by_category.entry(k.category.clone()).or_default(),
            out.by_event.entry(k.event.clone()).or_default(),
        ] {
            count_synergy(&mut group.synergies, s, from, to);
        }
        let Some(identified) = s.identified_day() else {
            continue;
        };
        let start_year = civil_from_days(identified).0.max(first_year);
        for year in start_year..=last_year {
            let (a, b) = year_bounds(year, from, to);
            let mut c = SynergyCounts::default();
            count_synergy(&mut c, s, a, b);
            if c != SynergyCounts::default() {
                let y = out.by_year.entry(year.to_string()).or_default();
                add_counts(&mut y.synergies, &c);
            }
        }
    }

    let mut used = BTreeSet::new();
    for (i, x) in ws.exchanges.iter().enumerate() {
        let row = i + 1;
        if day_number(&x.start).is_none() {
            out.diagnostics.push(
                Diagnostic::error(
                    row,
                    "start",
                    Code::NotCounted,
                    format!(
                        "exchange `{}` has no valid start date and is not counted",
                        x.id
                    ),
                )
                .with_value(&x.id),
            );
            continue;
        }
        let slices = twelfths(x, from, to);
        if slices.is_empty() {
            continue;
        }
        let k = keys(&listings, synergies.get(x.synergy.as_str()).copied());
        let once = ExchangeInput {
            material: x.material.clone(),
            quantity: x.quantity,
            baseline: x.baseline,
            alternative: x.alternative,
            distance_km: x.distance_km,
            vehicle: x.vehicle,
            prices: x.prices,
            logistics_eur: x.logistics_eur,
        };
        let tonnes_once = impact::tonnes(&x.quantity);
        let base = match impact::exchange(&once, factors) {
            Ok(r) => {
                used.extend(r.factors_used.iter().cloned());
                Some(r)
            }
            Err(e) => {
                out.diagnostics.push(
                    Diagnostic::warning(
                        row,
                        "exchanges",
                        Code::ImpactUnknown,
                        format!("exchange `{}`: {e}; its impact is unknown", x.id),
                    )
                    .with_value(&x.id),
                );
                None
            }
        };
        let unknown = Estimate::missing(Missing::InvalidInput {
            category: String::new(),
        });
        let estimates = |twelfths: f64| {
            let tonnes = match &tonnes_once {
                Ok(t) => scaled(&Estimate::exact(*t), twelfths),
                Err(_) => Estimate::missing(Missing::NotInTonnes {
                    category: String::new(),
                }),
            };
            let pick = |f: fn(&impact::ExchangeImpact) -> &Estimate| {
                base.as_ref()
                    .map_or_else(|| unknown.clone(), |r| scaled(f(r), twelfths))
            };
            [
                tonnes,
                pick(|r| &r.co2e_avoided_kg),
                pick(|r| &r.virgin_saved_t),
                pick(|r| &r.euros_saved),
            ]
        };
        let add = |group: &mut Figures, e: &[Estimate; 4]| {
            group.tonnes.add(i, &x.id, &e[0]);
            group.co2e_avoided_kg.add(i, &x.id, &e[1]);
            group.virgin_saved_t.add(i, &x.id, &e[2]);
            group.euros_saved.add(i, &x.id, &e[3]);
            group.exchanges = group.tonnes.exchanges;
        };
        let mut all_twelfths = 0.0;
        for (year, twelfths) in slices {
            all_twelfths += twelfths;
            add(
                out.by_year.entry(year.to_string()).or_default(),
                &estimates(twelfths),
            );
        }
        // Every term is linear in the mass, so the whole period is one estimate.
        let whole = estimates(all_twelfths);
        for group in [
            &mut out.total,
            out.by_region.entry(k.region.clone()).or_default(),
            out.by_category.entry(k.category.clone()).or_default(),
            out.by_event.entry(k.event.clone()).or_default(),
        ] {
            add(group, &whole);
        }
    }
    out.factors_used = used.into_iter().collect();
    for map in [&mut out.by_region, &mut out.by_category, &mut out.by_event] {
        map.retain(|_, f| *f != Figures::default());
    }
    Ok(out)
}

fn add_counts(into: &mut SynergyCounts, c: &SynergyCounts) {
    into.identified += c.identified;
    into.in_progress += c.in_progress;
    into.realised += c.realised;
    into.dropped += c.dropped;
    for (k, v) in &c.drop_reasons {
        *into.drop_reasons.entry(k.clone()).or_default() += v;
    }
}
