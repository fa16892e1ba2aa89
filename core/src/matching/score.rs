//! Matching offers with seeks: hard constraints first, then a weighted score in [0, 1] from
//! material fit, distance, quantity, time window and recurrence, each factor explained.

use super::listing::{ListingKind, Recurrence};
use super::search::{Doc, Index, round};
use super::taxonomy::category;
use crate::vocab::{Quantity, Unit};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

const EARTH_RADIUS_KM: f64 = 6371.0;

/// Relative weights of the scored factors; normalised by their sum.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Weights {
    pub material: f64,
    pub distance: f64,
    pub quantity: f64,
    pub time: f64,
    pub recurrence: f64,
}

impl Default for Weights {
    fn default() -> Weights {
        Weights {
            material: 0.45,
            distance: 0.2,
            quantity: 0.15,
            time: 0.1,
            recurrence: 0.1,
        }
    }
}

/// Matching knobs. `Default`: no expiry check, score ≥ 0.3, every pair, 300 km radius.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MatchOptions {
    /// Today (`YYYY-MM-DD`): windows ending before it are expired. No clock is read.
    pub today: Option<String>,
    /// Pairs scoring below this are dropped.
    pub min_score: f64,
    /// At most this many matches per listing (per seek in [`Index::all_matches`]).
    pub per_listing: Option<usize>,
    /// Radius over which the distance factor decays when neither side gives a maximum.
    pub default_radius_km: f64,
    pub weights: Weights,
}

impl Default for MatchOptions {
    fn default() -> MatchOptions {
        MatchOptions {
            today: None,
            min_score: 0.3,
            per_listing: None,
            default_radius_km: 300.0,
            weights: Weights::default(),
        }
    }
}

/// One factor of a match explanation, as the widget shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Factor {
    /// `material`, `distance`, `quantity`, `time`, `recurrence` or `hazard` (weight 0).
    pub name: String,
    /// Sub-score in [0, 1].
    pub value: f64,
    /// Normalised weight; the score is the weighted sum of values.
    pub weight: f64,
    pub met: bool,
    /// The values compared, in plain words (`"42 km of 100 km allowed"`).
    pub detail: String,
}

/// An offer–seek pair that passed every hard constraint, with its explanation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Match {
    pub offer: String,
    pub seek: String,
    /// Positions in the index's listings.
    pub offer_index: usize,
    pub seek_index: usize,
    /// In [0, 1].
    pub score: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub distance_km: Option<f64>,
    pub factors: Vec<Factor>,
}

/// Numbers behind one pair, before any strings are built.
#[derive(Debug, Clone, Copy)]
struct Eval {
    score: f64,
    material: Material,
    distance: Option<(f64, f64)>,
    quantity: Option<(f64, f64, &'static str)>,
    time: f64,
    recurrence: f64,
}

#[derive(Debug, Clone, Copy)]
struct Material {
    value: f64,
    code: f64,
    text: f64,
}

/// Material similarity of two listings in [0, 1], symmetric: EWC agreement (entry 1.0,
/// sub-chapter 0.75, chapter 0.4) or same category (0.7), blended with text overlap.
pub fn material_similarity(index: &Index, a: usize, b: usize) -> f64 {
    match (index.docs.get(a), index.docs.get(b)) {
        (Some(x), Some(y)) => material(x, y).value,
        _ => 0.0,
    }
}

fn material(a: &Doc, b: &Doc) -> Material {
    let ewc: Option<f64> = match (&a.ewc, &b.ewc) {
        (Some(x), Some(y)) => Some(if x == y {
            1.0
        } else if x.get(..4) == y.get(..4) {
            0.75
        } else if x.get(..2) == y.get(..2) {
            0.4
        } else {
            0.0
        }),
        _ => None,
    };
    let same_category = a.category == b.category && a.category != "other";
    let cat: f64 = match (same_category, ewc) {
        // Same category but EWC codes from different chapters: weaker evidence.
        (true, Some(0.0)) => 0.35,
        (true, _) => 0.7,
        (false, _) => 0.0,
    };
    let code = ewc.unwrap_or(0.0).max(cat);
    let text = (2.0 * dice(&a.material, &b.material)).min(1.0);
    Material {
        value: (0.75 * code + 0.25 * text).clamp(0.0, 1.0),
        code,
        text,
    }
}

/// Dice coefficient of two sorted id lists.
fn dice(a: &[u32], b: &[u32]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        match x.cmp(y) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * common as f64 / (a.len() + b.len()) as f64
}

/// Per-listing numbers precomputed once per matching run.
struct Prepared {
    /// Unit vector on the sphere, for a cheap chord distance.
    xyz: Option<[f64; 3]>,
    max_km: Option<f64>,
    /// Annual amount in a comparable dimension (`t`, `m³`, `m²`, `m`, `kpl`).
    amount: Option<(f64, &'static str)>,
    /// Mass in tonnes through the category density, when the unit is m³.
    tonnes: Option<f64>,
    recurrence: Recurrence,
    live: bool,
}

fn prepare(index: &Index, today: Option<i64>) -> Vec<Prepared> {
    index
        .listings()
        .iter()
        .zip(&index.docs)
        .map(|(l, d)| {
            let xyz = d.coords.map(|(lat, lon)| {
                let (lat, lon) = (lat.to_radians(), lon.to_radians());
                [
                    libm::cos(lat) * libm::cos(lon),
                    libm::cos(lat) * libm::sin(lon),
                    libm::sin(lat),
                ]
            });
            let per_year = l.recurrence.per_year();
            let density = category(&d.category).and_then(|c| c.density_t_per_m3);
            let (amount, tonnes) = annual(l.quantity, per_year, density);
            let expired = matches!((today, d.until), (Some(t), Some(u)) if u < t);
            Prepared {
                xyz,
                max_km: l.max_distance_km.filter(|k| k.is_finite() && *k >= 0.0),
                amount,
                tonnes,
                recurrence: l.recurrence,
                live: d.open && !expired,
            }
        })
        .collect()
}

fn annual(
    q: Quantity,
    per_year: f64,
    density: Option<f64>,
) -> (Option<(f64, &'static str)>, Option<f64>) {
    if !(q.amount.is_finite() && q.amount >= 0.0) {
        return (None, None);
    }
    let a = q.amount * per_year;
    match q.unit {
        Unit::Kg => (Some((a / 1000.0, "t")), Some(a / 1000.0)),
        Unit::Tonne => (Some((a, "t")), Some(a)),
        Unit::CubicMetre => (Some((a, "m³")), density.map(|d| a * d)),
        Unit::SquareMetre => (Some((a, "m²")), None),
        Unit::Metre => (Some((a, "m")), None),
        Unit::Piece => (Some((a, "kpl")), None),
    }
}

/// Offered and sought amounts in a shared unit, if the two can be compared.
fn comparable(o: &Prepared, s: &Prepared) -> Option<(f64, f64, &'static str)> {
    match (o.amount, s.amount) {
        (Some((a, ua)), Some((b, ub))) if ua == ub => Some((a, b, ua)),
        _ => match (o.tonnes, s.tonnes) {
            (Some(a), Some(b)) => Some((a, b, "t")),
            _ => None,
        },
    }
}

fn evaluate(
    index: &Index,
    prep: &[Prepared],
    oi: usize,
    si: usize,
    opts: &MatchOptions,
) -> Option<Eval> {
    let (o, s) = (index.docs.get(oi)?, index.docs.get(si)?);
    let (po, ps) = (prep.get(oi)?, prep.get(si)?);
    if o.kind != ListingKind::Offer || s.kind != ListingKind::Seek || !po.live || !ps.live {
        return None;
    }
    let seeker_permit = index.listings().get(si).is_some_and(|l| l.hazardous_permit);
    if o.hazardous && !seeker_permit {
        return None;
    }
    let distance = match (po.xyz, ps.xyz) {
        (Some(a), Some(b)) => {
            let chord =
                libm::sqrt((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2) + (a[2] - b[2]).powi(2));
            let km = 2.0 * EARTH_RADIUS_KM * libm::asin((chord / 2.0).min(1.0));
            let limit = match (po.max_km, ps.max_km) {
                (Some(x), Some(y)) => Some(x.min(y)),
                (x, y) => x.or(y),
            };
            if limit.is_some_and(|l| km > l) {
                return None;
            }
            Some((km, limit.unwrap_or(opts.default_radius_km).max(1.0)))
        }
        _ => None,
    };
    let time = window_fit(o.from, o.until, s.from, s.until)?;
    let material = material(o, s);
    let quantity = comparable(po, ps);
    let recurrence = match (po.recurrence, ps.recurrence) {
        (a, b) if a == b => 1.0,
        (Recurrence::OneOff, _) | (_, Recurrence::OneOff) => 0.5,
        _ => 0.8,
    };
    let w = opts.weights;
    let total = w.material + w.distance + w.quantity + w.time + w.recurrence;
    let values = [
        (w.material, material.value),
        (
            w.distance,
            distance.map_or(0.5, |(km, r)| (1.0 - km / r).clamp(0.0, 1.0)),
        ),
        (w.quantity, quantity.map_or(0.5, |(a, b, _)| ratio(a, b))),
        (w.time, time),
        (w.recurrence, recurrence),
    ];
    let score = if total > 0.0 {
        values.iter().map(|(w, v)| w * v).sum::<f64>() / total
    } else {
        0.0
    };
    Some(Eval {
        score: round(score.clamp(0.0, 1.0)),
        material,
        distance,
        quantity,
        time,
        recurrence,
    })
}

fn ratio(a: f64, b: f64) -> f64 {
    if a <= 0.0 && b <= 0.0 {
        1.0
    } else if a <= 0.0 || b <= 0.0 {
        0.0
    } else {
        (a.min(b) / a.max(b)).clamp(0.0, 1.0)
    }
}

/// Share of the shorter bounded window covered by the overlap; `None` when the windows do not
/// overlap at all (a hard exclusion). Open ends count as unbounded.
fn window_fit(af: Option<i64>, au: Option<i64>, bf: Option<i64>, bu: Option<i64>) -> Option<f64> {
    let start = af.max(bf);
    let end = match (au, bu) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, y) => x.or(y),
    };
    if let (Some(s), Some(e)) = (start, end)
        && e < s
    {
        return None;
    }
    let len = |f: Option<i64>, u: Option<i64>| match (f, u) {
        (Some(f), Some(u)) => Some(u - f + 1),
        _ => None,
    };
    let shorter = match (len(af, au), len(bf, bu)) {
        (Some(x), Some(y)) => x.min(y),
        _ => return Some(1.0),
    };
    let overlap = match (start, end) {
        (Some(s), Some(e)) => e - s + 1,
        _ => shorter,
    };
    Some((overlap as f64 / shorter.max(1) as f64).clamp(0.0, 1.0))
}

fn explain(index: &Index, oi: usize, si: usize, e: &Eval, opts: &MatchOptions) -> Match {
    let w = opts.weights;
    let total = (w.material + w.distance + w.quantity + w.time + w.recurrence).max(f64::EPSILON);
    let f = |name: &str, weight: f64, value: f64, met: bool, detail: String| Factor {
        name: name.to_owned(),
        value: round(value),
        weight: round(weight / total),
        met,
        detail,
    };
    let listings = index.listings();
    let (o, s) = (listings.get(oi), listings.get(si));
    let (od, sd) = (index.docs.get(oi), index.docs.get(si));
    let code = |d: Option<&Doc>| {
        d.and_then(|d| d.ewc.clone())
            .unwrap_or_else(|| d.map_or(String::new(), |d| d.category.clone()))
    };
    let mut factors = vec![f(
        "material",
        w.material,
        e.material.value,
        e.material.value >= 0.5,
        format!(
            "{} vs {}: code {:.2}, text {:.2}",
            code(od),
            code(sd),
            e.material.code,
            e.material.text
        ),
    )];
    factors.push(match e.distance {
        Some((km, r)) => f(
            "distance",
            w.distance,
            (1.0 - km / r).clamp(0.0, 1.0),
            km <= r,
            format!("{:.0} km of {:.0} km", km, r),
        ),
        None => f(
            "distance",
            w.distance,
            0.5,
            false,
            "location unknown".into(),
        ),
    });
    factors.push(match e.quantity {
        Some((a, b, unit)) => f(
            "quantity",
            w.quantity,
            ratio(a, b),
            ratio(a, b) >= 0.5,
            format!(
                "offered {} {unit}/yr, sought {} {unit}/yr",
                round3(a),
                round3(b)
            ),
        ),
        None => f(
            "quantity",
            w.quantity,
            0.5,
            false,
            format!(
                "{} vs {}: units not comparable",
                o.map_or(String::new(), |l| l.quantity.to_string()),
                s.map_or(String::new(), |l| l.quantity.to_string())
            ),
        ),
    });
    let window = |l: Option<&super::listing::Listing>| {
        l.map_or(String::new(), |l| {
            format!(
                "{}–{}",
                l.available_from.as_deref().unwrap_or("…"),
                l.available_until.as_deref().unwrap_or("…")
            )
        })
    };
    factors.push(f(
        "time",
        w.time,
        e.time,
        e.time > 0.0,
        format!("{} vs {}", window(o), window(s)),
    ));
    let rec = |l: Option<&super::listing::Listing>| {
        l.map_or("", |l| match l.recurrence {
            Recurrence::OneOff => "one-off",
            Recurrence::PerYear => "per year",
            Recurrence::PerMonth => "per month",
            Recurrence::PerWeek => "per week",
        })
    };
    factors.push(f(
        "recurrence",
        w.recurrence,
        e.recurrence,
        e.recurrence >= 0.8,
        format!("{} vs {}", rec(o), rec(s)),
    ));
    if od.is_some_and(|d| d.hazardous) {
        factors.push(Factor {
            name: "hazard".into(),
            value: 1.0,
            weight: 0.0,
            met: true,
            detail: "hazardous waste; the seeker has a permit".into(),
        });
    }
    Match {
        offer: o.map_or(String::new(), |l| l.id.clone()),
        seek: s.map_or(String::new(), |l| l.id.clone()),
        offer_index: oi,
        seek_index: si,
        score: e.score,
        distance_km: e.distance.map(|(km, _)| libm::round(km * 10.0) / 10.0),
        factors,
    }
}

fn round3(x: f64) -> f64 {
    libm::round(x * 1000.0) / 1000.0
}

/// Listing positions grouped by a key (category id or EWC chapter).
type Blocks<'a> = BTreeMap<&'a str, Vec<usize>>;

/// Candidate blocks: listings sharing a category or an EWC chapter.
fn blocks(index: &Index) -> (Blocks<'_>, Blocks<'_>) {
    let mut by_category: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    let mut by_chapter: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, d) in index.docs.iter().enumerate() {
        by_category.entry(d.category.as_str()).or_default().push(i);
        if let Some(ch) = d.ewc.as_deref().and_then(|e| e.get(..2)) {
            by_chapter.entry(ch).or_default().push(i);
        }
    }
    (by_category, by_chapter)
}

fn order(a: &(f64, usize, usize), b: &(f64, usize, usize), index: &Index) -> std::cmp::Ordering {
    let rank = |i: usize| index.id_rank.get(i).copied().unwrap_or(u32::MAX);
    b.0.total_cmp(&a.0)
        .then_with(|| rank(a.1).cmp(&rank(b.1)))
        .then_with(|| rank(a.2).cmp(&rank(b.2)))
}

impl Index {
    /// The ranked listings of the opposite kind that fit the listing at `position`.
    pub fn matches_for(&self, position: usize, opts: &MatchOptions) -> Vec<Match> {
        let today = opts.today.as_deref().and_then(super::listing::day_number);
        let prep = prepare(self, today);
        let Some(me) = self.docs.get(position) else {
            return Vec::new();
        };
        let (by_category, by_chapter) = blocks(self);
        let mut candidates: Vec<usize> = by_category
            .get(me.category.as_str())
            .into_iter()
            .flatten()
            .chain(
                me.ewc
                    .as_deref()
                    .and_then(|e| e.get(..2))
                    .and_then(|c| by_chapter.get(c))
                    .into_iter()
                    .flatten(),
            )
            .copied()
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let mut found: Vec<(f64, usize, usize, Eval)> = candidates
            .into_iter()
            .filter_map(|other| {
                let (oi, si) = match me.kind {
                    ListingKind::Offer => (position, other),
                    ListingKind::Seek => (other, position),
                };
                let e = evaluate(self, &prep, oi, si, opts)?;
                (e.score >= opts.min_score).then_some((e.score, oi, si, e))
            })
            .collect();
        found.sort_by(|a, b| order(&(a.0, a.1, a.2), &(b.0, b.1, b.2), self));
        if let Some(k) = opts.per_listing {
            found.truncate(k);
        }
        found
            .iter()
            .map(|(_, oi, si, e)| explain(self, *oi, *si, e, opts))
            .collect()
    }

    /// Matches for the listing with `id`; empty when there is none.
    pub fn matches_for_id(&self, id: &str, opts: &MatchOptions) -> Vec<Match> {
        self.listings()
            .iter()
            .position(|l| l.id == id)
            .map_or_else(Vec::new, |p| self.matches_for(p, opts))
    }

    /// Every offer–seek pair passing the hard constraints and `min_score`, best first. Pairs
    /// are only considered within a category or an EWC chapter, which keeps 10k × 10k fast.
    pub fn all_matches(&self, opts: &MatchOptions) -> Vec<Match> {
        let today = opts.today.as_deref().and_then(super::listing::day_number);
        let prep = prepare(self, today);
        let (by_category, by_chapter) = blocks(self);
        let mut seen = vec![usize::MAX; self.docs.len()];
        let mut all: Vec<(f64, usize, usize, Eval)> = Vec::new();
        for (si, s) in self.docs.iter().enumerate() {
            if s.kind != ListingKind::Seek || !prep.get(si).is_some_and(|p| p.live) {
                continue;
            }
            let chapter = s
                .ewc
                .as_deref()
                .and_then(|e| e.get(..2))
                .and_then(|c| by_chapter.get(c));
            let mut mine: Vec<(f64, usize, usize, Eval)> = Vec::new();
            for &oi in by_category
                .get(s.category.as_str())
                .into_iter()
                .flatten()
                .chain(chapter.into_iter().flatten())
            {
                let Some(mark) = seen.get_mut(oi) else {
                    continue;
                };
                if *mark == si {
                    continue;
                }
                *mark = si;
                if let Some(e) = evaluate(self, &prep, oi, si, opts)
                    && e.score >= opts.min_score
                {
                    mine.push((e.score, oi, si, e));
                }
            }
            if let Some(k) = opts.per_listing
                && mine.len() > k
            {
                mine.sort_by(|a, b| order(&(a.0, a.1, a.2), &(b.0, b.1, b.2), self));
                mine.truncate(k);
            }
            all.extend(mine);
        }
        all.sort_by(|a, b| order(&(a.0, a.1, a.2), &(b.0, b.1, b.2), self));
        all.iter()
            .map(|(_, oi, si, e)| explain(self, *oi, *si, e, opts))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::{Listing, Status};

    fn l(id: &str, kind: ListingKind, cat: &str, amount: f64, unit: Unit, town: &str) -> Listing {
        Listing::new(id, kind, id, cat, Quantity { amount, unit }, town)
    }

    #[test]
    fn matching_offer_and_seek_pair_up_with_an_explanation() {
        let index = Index::new(vec![
            l(
                "o",
                ListingKind::Offer,
                "wood",
                10.0,
                Unit::Tonne,
                "Tampere",
            ),
            l("s", ListingKind::Seek, "wood", 8.0, Unit::Tonne, "Nokia"),
            l("x", ListingKind::Seek, "glass", 8.0, Unit::Tonne, "Nokia"),
        ]);
        let m = index.matches_for(0, &MatchOptions::default());
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].seek, "s");
        let names: Vec<&str> = m[0].factors.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(
            names,
            vec!["material", "distance", "quantity", "time", "recurrence"]
        );
        let sum: f64 = m[0].factors.iter().map(|f| f.weight * f.value).sum();
        assert!((sum - m[0].score).abs() < 1e-5);
    }

    #[test]
    fn hard_constraints_exclude_pairs() {
        let mut hazardous = l(
            "h",
            ListingKind::Offer,
            "chemicals",
            1.0,
            Unit::Tonne,
            "Espoo",
        );
        hazardous.hazardous = true;
        let seeker = l(
            "s",
            ListingKind::Seek,
            "chemicals",
            1.0,
            Unit::Tonne,
            "Espoo",
        );
        let mut permitted = seeker.clone();
        permitted.id = "p".into();
        permitted.hazardous_permit = true;
        let mut closed = l(
            "c",
            ListingKind::Offer,
            "chemicals",
            1.0,
            Unit::Tonne,
            "Espoo",
        );
        closed.status = Status::Closed;
        let mut far = l(
            "f",
            ListingKind::Offer,
            "chemicals",
            1.0,
            Unit::Tonne,
            "Rovaniemi",
        );
        far.max_distance_km = Some(100.0);
        let mut expired = l(
            "e",
            ListingKind::Offer,
            "chemicals",
            1.0,
            Unit::Tonne,
            "Espoo",
        );
        expired.available_until = Some("2024-01-31".into());
        let index = Index::new(vec![hazardous, seeker, permitted, closed, far, expired]);
        let opts = MatchOptions {
            today: Some("2025-01-01".into()),
            min_score: 0.0,
            ..MatchOptions::default()
        };
        let pairs: Vec<(String, String)> = index
            .all_matches(&opts)
            .into_iter()
            .map(|m| (m.offer, m.seek))
            .collect();
        assert_eq!(pairs, vec![("h".to_owned(), "p".to_owned())]);
    }

    #[test]
    fn cubic_metres_compare_with_tonnes_through_density() {
        let index = Index::new(vec![
            l(
                "o",
                ListingKind::Offer,
                "soil",
                100.0,
                Unit::CubicMetre,
                "Vantaa",
            ),
            l("s", ListingKind::Seek, "soil", 150.0, Unit::Tonne, "Vantaa"),
        ]);
        let m = index.matches_for(
            1,
            &MatchOptions {
                min_score: 0.0,
                ..MatchOptions::default()
            },
        );
        let q = m
            .first()
            .and_then(|m| m.factors.iter().find(|f| f.name == "quantity"))
            .cloned();
        assert!(q.is_some_and(|q| q.detail.contains(" t/yr")));
    }

    #[test]
    fn disjoint_windows_are_excluded_and_overlap_is_partial() {
        let d = |s: &str| super::super::listing::day_number(s);
        assert_eq!(
            window_fit(d("2025-01-01"), d("2025-01-31"), d("2025-03-01"), None),
            None
        );
        let half = window_fit(
            d("2025-01-01"),
            d("2025-01-10"),
            d("2025-01-06"),
            d("2025-01-20"),
        );
        assert_eq!(half, Some(0.5));
        assert_eq!(window_fit(None, None, None, None), Some(1.0));
    }
}
