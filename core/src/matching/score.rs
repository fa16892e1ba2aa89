//! Matching offers with seeks: hard constraints first, then a weighted score in [0, 1] from
//! material fit, distance, quantity, time window and recurrence, each factor explained.

use super::listing::{Listing, ListingKind, Recurrence};
use super::search::{Doc, Index, round};
use super::taxonomy::{category, is_catch_all};
use crate::vocab::{Quantity, Unit};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use super::geo::EARTH_RADIUS_KM;

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
    /// The values compared, in plain English words (`"42 km of 100 km"`).
    pub detail: String,
    /// The same values as data, so a user interface can say them in its own language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub facts: Option<Facts>,
}

/// What a factor compared, as values (the `detail` text says the same in English).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum Facts {
    /// EWC codes (or categories) of both sides and the code and text similarities in [0, 1].
    Material {
        offer_code: String,
        seek_code: String,
        code: f64,
        text: f64,
    },
    Distance {
        km: f64,
        limit_km: f64,
    },
    LocationUnknown,
    /// Yearly amounts in a common unit.
    Quantity {
        offered: f64,
        sought: f64,
        unit: String,
    },
    UnitsNotComparable {
        offered: Quantity,
        sought: Quantity,
    },
    /// Availability windows as ISO dates; `None` is open-ended.
    Time {
        offer_from: Option<String>,
        offer_until: Option<String>,
        seek_from: Option<String>,
        seek_until: Option<String>,
    },
    Recurrence {
        offer: Recurrence,
        seek: Recurrence,
    },
    HazardPermit,
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
        // Different entries of a catch-all sub-chapter: the category and the text decide.
        (Some(x), Some(y)) if x != y && (is_catch_all(x) || is_catch_all(y)) => None,
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
    let code = code_fit(ewc, same_category);
    let text = (2.0 * dice(&a.material, &b.material)).min(1.0);
    material_value(code, text)
}

/// Code agreement: the EWC level reached, or the category (weaker when EWC chapters differ).
fn code_fit(ewc: Option<f64>, same_category: bool) -> f64 {
    let cat: f64 = match (same_category, ewc) {
        // Same category but EWC codes from different chapters: weaker evidence.
        (true, Some(0.0)) => 0.35,
        (true, _) => 0.7,
        (false, _) => 0.0,
    };
    ewc.unwrap_or(0.0).max(cat)
}

fn material_value(code: f64, text: f64) -> Material {
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
        .map(|(l, d)| prepared(l, d, today))
        .collect()
}

fn prepared(l: &Listing, d: &Doc, today: Option<i64>) -> Prepared {
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
    let (amount, mut tonnes) = annual(l.quantity, per_year, density);
    // Pieces of something with a documented typical mass (pallets) compare with tonnes too.
    if l.quantity.unit == Unit::Piece
        && let Some((pieces, _)) = amount
        && let Some(m) = super::exchange::piece_mass(&l.title)
    {
        tonnes = Some(pieces * m.kg / 1000.0);
    }
    let expired = matches!((today, d.until), (Some(t), Some(u)) if u < t);
    Prepared {
        xyz,
        max_km: l.max_distance_km.filter(|k| k.is_finite() && *k >= 0.0),
        amount,
        tonnes,
        recurrence: l.recurrence,
        live: d.open && !expired,
    }
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
    (po, ps): (&Prepared, &Prepared),
    oi: usize,
    si: usize,
    opts: &MatchOptions,
) -> Option<Eval> {
    let (o, s) = (index.docs.get(oi)?, index.docs.get(si)?);
    if o.kind != ListingKind::Offer || s.kind != ListingKind::Seek || !po.live || !ps.live {
        return None;
    }
    let seeker_permit = index.listings().get(si).is_some_and(|l| l.hazardous_permit);
    if o.hazardous && !seeker_permit {
        return None;
    }
    let distance = match (po.xyz, ps.xyz) {
        (Some(a), Some(b)) => {
            let km = arc_km(chord(a, b));
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
    let recurrence = recurrence_fit(po.recurrence, ps.recurrence);
    let score = combine(
        &opts.weights,
        material.value,
        distance.map_or(0.5, |(km, r)| (1.0 - km / r).clamp(0.0, 1.0)),
        quantity.map_or(0.5, |(a, b, _)| ratio(a, b)),
        time,
        recurrence,
    );
    Some(Eval {
        score,
        material,
        distance,
        quantity,
        time,
        recurrence,
    })
}

/// Straight-line distance of two unit vectors (offer first, seek second, as everywhere).
fn chord(a: [f64; 3], b: [f64; 3]) -> f64 {
    libm::sqrt((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2) + (a[2] - b[2]).powi(2))
}

/// Great-circle kilometres for a chord on the unit sphere.
fn arc_km(chord: f64) -> f64 {
    2.0 * EARTH_RADIUS_KM * libm::asin((chord / 2.0).min(1.0))
}

/// The rounded weighted mean of the factor values; the one formula both evaluation paths use.
fn combine(w: &Weights, material: f64, distance: f64, quantity: f64, time: f64, rec: f64) -> f64 {
    let total = w.material + w.distance + w.quantity + w.time + w.recurrence;
    let values = [
        (w.material, material),
        (w.distance, distance),
        (w.quantity, quantity),
        (w.time, time),
        (w.recurrence, rec),
    ];
    let score = if total > 0.0 {
        values.iter().map(|(w, v)| w * v).sum::<f64>() / total
    } else {
        0.0
    };
    round(score.clamp(0.0, 1.0))
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

/// Explanation text of one listing, built once per listing instead of once per pair.
struct Side {
    /// EWC entry, else the category id.
    code: String,
    /// Availability window, `from–until` with `…` for an open end.
    window: String,
    quantity: String,
}

fn side(index: &Index, i: usize) -> Side {
    let (l, d) = (index.listings().get(i), index.docs.get(i));
    Side {
        code: d
            .and_then(|d| d.ewc.clone())
            .unwrap_or_else(|| d.map_or(String::new(), |d| d.category.clone())),
        window: l.map_or(String::new(), |l| {
            format!(
                "{}–{}",
                l.available_from.as_deref().unwrap_or("…"),
                l.available_until.as_deref().unwrap_or("…")
            )
        }),
        quantity: l.map_or(String::new(), |l| l.quantity.to_string()),
    }
}

/// Builds explanations for the pairs of one matching run, filling per-listing text on demand.
struct Explainer<'a> {
    index: &'a Index,
    sides: Vec<Option<Side>>,
    /// `{:.2}` renderings by bit pattern: the same few code and text values recur in most pairs.
    two: BTreeMap<u64, String>,
}

impl<'a> Explainer<'a> {
    fn new(index: &'a Index) -> Explainer<'a> {
        Explainer {
            index,
            sides: std::iter::repeat_with(|| None).take(index.len()).collect(),
            two: BTreeMap::new(),
        }
    }

    fn fill(&mut self, i: usize) {
        if let Some(slot) = self.sides.get_mut(i)
            && slot.is_none()
        {
            *slot = Some(side(self.index, i));
        }
    }

    fn explain(&mut self, oi: usize, si: usize, e: &Eval, opts: &MatchOptions) -> Match {
        self.fill(oi);
        self.fill(si);
        let Explainer { index, sides, two } = self;
        let empty = Side {
            code: String::new(),
            window: String::new(),
            quantity: String::new(),
        };
        let os = sides.get(oi).and_then(Option::as_ref).unwrap_or(&empty);
        let ss = sides.get(si).and_then(Option::as_ref).unwrap_or(&empty);
        explain(index, oi, si, e, opts, (os, ss), two)
    }
}

/// Appends `x` as `{:.2}` would, through the cache.
fn push_two(out: &mut String, two: &mut BTreeMap<u64, String>, x: f64) {
    out.push_str(two.entry(x.to_bits()).or_insert_with(|| format!("{x:.2}")));
}

/// Appends `x` as `{:.0}` would: integer formatting when rounding has no tie to break.
fn push_whole(out: &mut String, x: f64) {
    use std::fmt::Write;
    let whole = libm::round(x);
    // Below 2^53 every integer is exact; `{:.0}` and `round` differ only on exact halves.
    if x.is_sign_positive() && x < 9.0e15 && x - libm::floor(x) != 0.5 {
        let _ = write!(out, "{}", whole as u64);
    } else {
        let _ = write!(out, "{x:.0}");
    }
}

/// Appends `x` as `{}` would, with integer formatting for whole numbers (most amounts).
fn push_shortest(out: &mut String, x: f64) {
    use std::fmt::Write;
    if x.is_sign_positive() && x < 9.0e15 && x == libm::floor(x) {
        let _ = write!(out, "{}", x as u64);
    } else {
        let _ = write!(out, "{x}");
    }
}

/// `a`, then `sep`, then `b`, in one allocation.
fn join(a: &str, sep: &str, b: &str) -> String {
    let mut s = String::with_capacity(a.len() + sep.len() + b.len());
    s.push_str(a);
    s.push_str(sep);
    s.push_str(b);
    s
}

fn explain(
    index: &Index,
    oi: usize,
    si: usize,
    e: &Eval,
    opts: &MatchOptions,
    (os, ss): (&Side, &Side),
    two: &mut BTreeMap<u64, String>,
) -> Match {
    let w = opts.weights;
    let total = (w.material + w.distance + w.quantity + w.time + w.recurrence).max(f64::EPSILON);
    let f =
        |name: &str, weight: f64, value: f64, met: bool, detail: String, facts: Option<Facts>| {
            Factor {
                name: name.to_owned(),
                value: round(value),
                weight: round(weight / total),
                met,
                detail,
                facts,
            }
        };
    let listings = index.listings();
    let (o, s) = (listings.get(oi), listings.get(si));
    let hazardous = index.docs.get(oi).is_some_and(|d| d.hazardous);
    let mut factors = Vec::with_capacity(if hazardous { 6 } else { 5 });
    let mut detail = String::with_capacity(os.code.len() + ss.code.len() + 28);
    detail.push_str(&os.code);
    detail.push_str(" vs ");
    detail.push_str(&ss.code);
    detail.push_str(": code ");
    push_two(&mut detail, two, e.material.code);
    detail.push_str(", text ");
    push_two(&mut detail, two, e.material.text);
    factors.push(f(
        "material",
        w.material,
        e.material.value,
        e.material.value >= 0.5,
        detail,
        Some(Facts::Material {
            offer_code: os.code.clone(),
            seek_code: ss.code.clone(),
            code: round(e.material.code),
            text: round(e.material.text),
        }),
    ));
    factors.push(match e.distance {
        Some((km, r)) => f(
            "distance",
            w.distance,
            (1.0 - km / r).clamp(0.0, 1.0),
            km <= r,
            {
                let mut d = String::with_capacity(24);
                push_whole(&mut d, km);
                d.push_str(" km of ");
                push_whole(&mut d, r);
                d.push_str(" km");
                d
            },
            Some(Facts::Distance {
                km: libm::round(km),
                limit_km: libm::round(r),
            }),
        ),
        None => f(
            "distance",
            w.distance,
            0.5,
            false,
            "location unknown".into(),
            Some(Facts::LocationUnknown),
        ),
    });
    factors.push(match e.quantity {
        Some((a, b, unit)) => f(
            "quantity",
            w.quantity,
            ratio(a, b),
            ratio(a, b) >= 0.5,
            {
                let mut d = String::with_capacity(40);
                d.push_str("offered ");
                push_shortest(&mut d, round3(a));
                d.push(' ');
                d.push_str(unit);
                d.push_str("/yr, sought ");
                push_shortest(&mut d, round3(b));
                d.push(' ');
                d.push_str(unit);
                d.push_str("/yr");
                d
            },
            Some(Facts::Quantity {
                offered: round3(a),
                sought: round3(b),
                unit: unit.to_owned(),
            }),
        ),
        None => f(
            "quantity",
            w.quantity,
            0.5,
            false,
            {
                let mut d = join(&os.quantity, " vs ", &ss.quantity);
                d.push_str(": units not comparable");
                d
            },
            o.zip(s).map(|(o, s)| Facts::UnitsNotComparable {
                offered: o.quantity,
                sought: s.quantity,
            }),
        ),
    });
    factors.push(f(
        "time",
        w.time,
        e.time,
        e.time > 0.0,
        join(&os.window, " vs ", &ss.window),
        o.zip(s).map(|(o, s)| Facts::Time {
            offer_from: o.available_from.clone(),
            offer_until: o.available_until.clone(),
            seek_from: s.available_from.clone(),
            seek_until: s.available_until.clone(),
        }),
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
        join(rec(o), " vs ", rec(s)),
        o.zip(s).map(|(o, s)| Facts::Recurrence {
            offer: o.recurrence,
            seek: s.recurrence,
        }),
    ));
    if hazardous {
        factors.push(Factor {
            name: "hazard".into(),
            value: 1.0,
            weight: 0.0,
            met: true,
            detail: "hazardous waste; the seeker has a permit".into(),
            facts: Some(Facts::HazardPermit),
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
        let listings = self.listings();
        // Only the listing and its candidates are prepared: one listing's matches read a
        // category's worth of listings, not the whole index.
        let prep_at = |i: usize| {
            listings
                .get(i)
                .zip(self.docs.get(i))
                .map(|(l, d)| prepared(l, d, today))
        };
        let (Some(me), Some(mine)) = (self.docs.get(position), prep_at(position)) else {
            return Vec::new();
        };
        // Candidates share the category or the EWC chapter (blocking).
        let chapter = me.ewc.as_deref().and_then(|e| e.get(..2));
        let mut found: Vec<(f64, usize, usize, Eval)> = Vec::new();
        for (other, d) in self.docs.iter().enumerate() {
            let candidate = d.category == me.category
                || (chapter.is_some() && d.ewc.as_deref().and_then(|e| e.get(..2)) == chapter);
            if !candidate || d.kind == me.kind {
                continue;
            }
            let Some(theirs) = prep_at(other) else {
                continue;
            };
            let (oi, si, pair) = match me.kind {
                ListingKind::Offer => (position, other, (&mine, &theirs)),
                ListingKind::Seek => (other, position, (&theirs, &mine)),
            };
            if let Some(e) = evaluate(self, pair, oi, si, opts)
                && e.score >= opts.min_score
            {
                found.push((e.score, oi, si, e));
            }
        }
        crate::sort::sort_by(&mut found, |a, b| {
            order(&(a.0, a.1, a.2), &(b.0, b.1, b.2), self)
        });
        if let Some(k) = opts.per_listing {
            found.truncate(k);
        }
        let mut explainer = Explainer::new(self);
        found
            .iter()
            .map(|(_, oi, si, e)| explainer.explain(*oi, *si, e, opts))
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
        self.all_matches_with(opts, MAX_PLACES)
    }

    /// [`Index::all_matches`] with the distance table used up to `max_places` places.
    fn all_matches_with(&self, opts: &MatchOptions, max_places: usize) -> Vec<Match> {
        let mut out = Vec::new();
        self.ranked_matches(opts, max_places, |m| out.push(m));
        out
    }

    /// [`Index::all_matches`] handed over one at a time, best first: memory holds the scores
    /// of the kept pairs (at most `per_listing` per seek), never all explanations at once.
    pub fn for_each_match(&self, opts: &MatchOptions, f: impl FnMut(Match)) {
        self.ranked_matches(opts, MAX_PLACES, f);
    }

    fn ranked_matches(&self, opts: &MatchOptions, max_places: usize, mut f: impl FnMut(Match)) {
        let today = opts.today.as_deref().and_then(super::listing::day_number);
        let prep = prepare(self, today);
        let mut all: Vec<(f64, usize, usize)> = Vec::new();
        self.scan(opts, max_places, &prep, |si, mine| {
            all.extend(mine.iter().map(|&(score, oi)| (score, oi, si)));
        });
        all.sort_by(|a, b| order(a, b, self));
        let mut explainer = Explainer::new(self);
        for &(score, oi, si) in &all {
            let pair = prep.get(oi).zip(prep.get(si));
            if let Some(e) = pair.and_then(|pair| evaluate(self, pair, oi, si, opts)) {
                debug_assert_eq!(e.score, score, "fast and explained scores agree");
                f(explainer.explain(oi, si, &e, opts));
            }
        }
    }

    /// Seek by seek in listing order, each seek's pairs best first, handed over as soon as
    /// the seek is scored. Without `per_listing` this streams every admissible pair while
    /// holding only one seek's pairs.
    pub fn for_each_match_by_seek(&self, opts: &MatchOptions, mut f: impl FnMut(Match)) {
        let today = opts.today.as_deref().and_then(super::listing::day_number);
        let prep = prepare(self, today);
        let mut explainer = Explainer::new(self);
        let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
        self.scan(opts, MAX_PLACES, &prep, |si, mine| {
            pairs.clear();
            pairs.extend(mine.iter().map(|&(score, oi)| (score, oi, si)));
            pairs.sort_by(|a, b| order(a, b, self));
            for &(_, oi, si) in &pairs {
                let pair = prep.get(oi).zip(prep.get(si));
                if let Some(e) = pair.and_then(|pair| evaluate(self, pair, oi, si, opts)) {
                    f(explainer.explain(oi, si, &e, opts));
                }
            }
        });
    }

    /// The all-pairs loop: for each live seek, the offers that pass every hard constraint and
    /// `min_score`, at most `per_listing` of them (the best), as (score, offer position).
    fn scan(
        &self,
        opts: &MatchOptions,
        max_places: usize,
        prep: &[Prepared],
        mut on_seek: impl FnMut(usize, &[(f64, usize)]),
    ) {
        // Term ids of all listings in one array in listing order: the hot loop walks offers in
        // increasing position, so their terms are read front to back instead of from scattered
        // heap blocks.
        let arena: Vec<u32> = self
            .docs
            .iter()
            .flat_map(|d| d.material.iter().copied())
            .collect();
        let mut compact = compact(self, prep, &arena);
        let places = places(&mut compact, max_places);
        // `places` returned early: do not leave some listings numbered and others not.
        if places.is_none() {
            for c in &mut compact {
                c.loc = u32::MAX;
            }
        }
        // Blocks hold copies of live offers (sequential memory in the hot loop), by exact EWC
        // entry, category and EWC chapter.
        let mut by_category: Vec<Vec<Compact>> = Vec::new();
        let mut by_chapter: Vec<Vec<Compact>> = vec![Vec::new(); 100];
        // Same-entry offers go first: they score highest, so the top-k bar rises early.
        let mut by_entry: std::collections::HashMap<u32, Vec<Compact>> =
            std::collections::HashMap::new();
        for c in compact.iter().filter(|c| c.live && c.offer) {
            let cat = c.category as usize;
            if by_category.len() <= cat {
                by_category.resize(cat + 1, Vec::new());
            }
            by_category[cat].push(*c);
            if c.ewc != 0 {
                by_entry.entry(c.ewc).or_default().push(*c);
                if let Some(list) = by_chapter.get_mut((c.ewc / 10_000) as usize) {
                    list.push(*c);
                }
            }
        }
        // Non-hazardous offers first: a seek without a permit reads only that prefix.
        let safe: Vec<usize> = by_category
            .iter_mut()
            .map(|block| {
                block.sort_by_key(|c| c.hazardous);
                block.iter().filter(|c| !c.hazardous).count()
            })
            .collect();
        // By category, so a seek skips the run of its own category (read in its category block).
        for block in &mut by_chapter {
            block.sort_by_key(|c| c.category);
        }
        let k = opts.per_listing.unwrap_or(usize::MAX);
        let rank = |i: usize| self.id_rank.get(i).copied().unwrap_or(u32::MAX);
        let weights = Bound::new(opts);
        let mut seen = vec![u32::MAX; self.docs.len()];
        // Per term: the seek whose terms are marked (text overlap by lookup).
        let mut marks = vec![u32::MAX; self.vocab_len()];
        let mut mine: Vec<(f64, usize)> = Vec::new();
        let empty: &[Compact] = &[];
        for s in &compact {
            if !s.live || s.offer || k == 0 {
                continue;
            }
            let (si, mark) = (s.pos as usize, s.pos);
            let entry = if s.ewc == 0 {
                None
            } else {
                by_entry.get(&s.ewc)
            };
            let chapter = if s.ewc == 0 {
                empty
            } else {
                by_chapter
                    .get((s.ewc / 10_000) as usize)
                    .map_or(empty, Vec::as_slice)
            };
            let own = chapter.partition_point(|c| c.category < s.category)
                ..chapter.partition_point(|c| c.category <= s.category);
            let category = by_category
                .get(s.category as usize)
                .map_or(empty, Vec::as_slice);
            let category = if s.permit {
                category
            } else {
                category
                    .get(..safe.get(s.category as usize).copied().unwrap_or(0))
                    .unwrap_or(category)
            };
            for &t in s.material {
                if let Some(m) = marks.get_mut(t as usize) {
                    *m = mark;
                }
            }
            let row = places.as_ref().and_then(|p| {
                let start = (s.loc as usize).checked_mul(p.count)?;
                p.km.get(start..start.checked_add(p.count)?)
            });
            mine.clear();
            // Lowest (score, rank) kept so far once `k` are held: the bar a new pair must pass.
            let mut worst: Option<(f64, usize)> = None;
            let mut bar = opts.min_score;
            for o in entry
                .map_or(empty, Vec::as_slice)
                .iter()
                .chain(category)
                .chain(chapter.get(..own.start).unwrap_or(empty))
                .chain(chapter.get(own.end..).unwrap_or(empty))
            {
                let oi = o.pos as usize;
                let Some(slot) = seen.get_mut(oi) else {
                    continue;
                };
                if *slot == mark {
                    continue;
                }
                *slot = mark;
                let Some(score) = fast_score(o, s, opts, &weights, bar, &marks, row) else {
                    continue;
                };
                if score < opts.min_score {
                    continue;
                }
                if mine.len() < k {
                    mine.push((score, oi));
                    if mine.len() == k {
                        worst = lowest(&mine, &rank);
                    }
                } else if let Some((ws, wi)) = worst
                    && (score > ws || (score == ws && rank(oi) < rank(wi)))
                {
                    if let Some(p) = mine.iter().position(|m| m.1 == wi) {
                        mine[p] = (score, oi);
                    }
                    worst = lowest(&mine, &rank);
                }
                if let Some((ws, _)) = worst {
                    bar = ws.max(opts.min_score);
                }
            }
            on_seek(si, &mine);
        }
    }
}

/// The kept pair that ranks last (lowest score, then highest id rank).
fn lowest(mine: &[(f64, usize)], rank: &impl Fn(usize) -> u32) -> Option<(f64, usize)> {
    mine.iter()
        .copied()
        .min_by(|a, b| a.0.total_cmp(&b.0).then_with(|| rank(b.1).cmp(&rank(a.1))))
}

/// Normalised weights for upper bounds; bounds are only used when every weight is ≥ 0.
struct Bound {
    w: [f64; 5],
    usable: bool,
    /// `code_fit` by (both have EWC codes, EWC digits shared: 0, 2, 4 or 6, same category).
    codes: [f64; 16],
    /// Recurrence fit by the two positions in [`RECURRENCES`].
    recurrence: [f64; 16],
    /// `1 / radius` when neither side gives a maximum.
    inv_default: f64,
}

const RECURRENCES: [Recurrence; 4] = [
    Recurrence::OneOff,
    Recurrence::PerYear,
    Recurrence::PerMonth,
    Recurrence::PerWeek,
];

fn recurrence_fit(a: Recurrence, b: Recurrence) -> f64 {
    match (a, b) {
        (a, b) if a == b => 1.0,
        (Recurrence::OneOff, _) | (_, Recurrence::OneOff) => 0.5,
        _ => 0.8,
    }
}

impl Bound {
    fn new(opts: &MatchOptions) -> Bound {
        let w = opts.weights;
        let raw = [w.material, w.distance, w.quantity, w.time, w.recurrence];
        let total: f64 = raw.iter().sum();
        let mut codes = [0.0; 16];
        let mut recurrence = [0.0; 16];
        for (i, c) in codes.iter_mut().enumerate() {
            let ewc = (i >= 8).then(|| [0.0, 0.4, 0.75, 1.0][(i / 2) % 4]);
            *c = code_fit(ewc, i % 2 == 1);
        }
        for (i, r) in recurrence.iter_mut().enumerate() {
            *r = recurrence_fit(RECURRENCES[i / 4], RECURRENCES[i % 4]);
        }
        Bound {
            w: raw.map(|x| x / total),
            usable: total > 0.0 && raw.iter().all(|x| *x >= 0.0),
            codes,
            recurrence,
            inv_default: 1.0 / opts.default_radius_km.max(1.0),
        }
    }

    /// Whether a pair with at most these factor values stays under `bar` (a rounded score);
    /// the margin covers rounding (5e-7) and float noise.
    fn below(&self, bar: f64, v: [f64; 5]) -> bool {
        let w = &self.w;
        self.usable
            && w[0] * v[0] + w[1] * v[1] + w[2] * v[2] + w[3] * v[3] + w[4] * v[4] + 1e-5 < bar
    }
}

/// One listing flattened for the all-pairs loop: small, integers instead of strings and
/// options, copied into the candidate blocks so the hot loop reads memory in order.
#[derive(Clone, Copy)]
struct Compact<'a> {
    pos: u32,
    offer: bool,
    live: bool,
    hazardous: bool,
    permit: bool,
    is_other: bool,
    located: bool,
    /// Position of the category id among the distinct ids.
    category: u16,
    /// The six EWC digits as a number; 0 when there is none.
    ewc: u32,
    /// The entry is in a catch-all sub-chapter ([`is_catch_all`]).
    catch_all: bool,
    /// `ewc` without its last two and last four digits (sub-chapter, chapter).
    ewc4: u32,
    ewc2: u32,
    /// Position of the recurrence in [`RECURRENCES`].
    recurrence: u8,
    /// Unit of `amount` as a small code (0: unknown).
    unit: u8,
    xyz: [f64; 3],
    /// Position of `xyz` among the distinct locations ([`Places`]).
    loc: u32,
    /// Infinity when the lister gives no maximum.
    max_km: f64,
    /// `1 / max(max_km, 1)`, 0 without a maximum: the largest of two is `1 / radius`.
    inv_km: f64,
    amount: f64,
    /// NaN when the amount has no mass equivalent.
    tonnes: f64,
    /// Reciprocals of `amount` and `tonnes`, for the quantity bound without a division.
    inv_amount: f64,
    inv_tonnes: f64,
    from: Option<i64>,
    until: Option<i64>,
    material: &'a [u32],
}

fn unit_code(unit: &str) -> u8 {
    ["t", "m³", "m²", "m", "kpl"]
        .iter()
        .position(|u| *u == unit)
        .and_then(|p| u8::try_from(p + 1).ok())
        .unwrap_or(u8::MAX)
}

fn compact<'a>(index: &Index, prep: &[Prepared], arena: &'a [u32]) -> Vec<Compact<'a>> {
    let mut ids: Vec<&str> = index.docs.iter().map(|d| d.category.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    let mut start = 0;
    index
        .docs
        .iter()
        .zip(prep)
        .enumerate()
        .map(|(i, (d, p))| {
            let end = start + d.material.len();
            let material = arena.get(start..end).unwrap_or(&[]);
            start = end;
            (i, d, p, material)
        })
        .map(|(i, d, p, material)| Compact {
            pos: u32::try_from(i).unwrap_or(u32::MAX),
            offer: d.kind == ListingKind::Offer,
            live: p.live,
            hazardous: d.hazardous,
            permit: index.listings().get(i).is_some_and(|l| l.hazardous_permit),
            is_other: d.category == "other",
            located: p.xyz.is_some(),
            category: ids
                .binary_search(&d.category.as_str())
                .ok()
                .and_then(|c| u16::try_from(c).ok())
                .unwrap_or(u16::MAX),
            ewc: d.ewc.as_deref().and_then(|e| e.parse().ok()).unwrap_or(0),
            catch_all: d.ewc.as_deref().is_some_and(is_catch_all),
            ewc4: d
                .ewc
                .as_deref()
                .and_then(|e| e.parse::<u32>().ok())
                .map_or(0, |e| e / 100),
            ewc2: d
                .ewc
                .as_deref()
                .and_then(|e| e.parse::<u32>().ok())
                .map_or(0, |e| e / 10_000),
            recurrence: RECURRENCES
                .iter()
                .position(|r| *r == p.recurrence)
                .and_then(|r| u8::try_from(r).ok())
                .unwrap_or(0),
            unit: p.amount.map_or(0, |(_, u)| unit_code(u)),
            xyz: p.xyz.unwrap_or([0.0; 3]),
            loc: u32::MAX,
            max_km: p.max_km.unwrap_or(f64::INFINITY),
            inv_km: p.max_km.map_or(0.0, |k| 1.0 / k.max(1.0)),
            amount: p.amount.map_or(0.0, |(a, _)| a),
            tonnes: p.tonnes.unwrap_or(f64::NAN),
            inv_amount: p.amount.map_or(0.0, |(a, _)| 1.0 / a),
            inv_tonnes: p.tonnes.map_or(f64::NAN, |t| 1.0 / t),
            from: d.from,
            until: d.until,
            material,
        })
        .collect()
}

/// The radius the distance factor decays over, for the smaller of the two maxima (`limit`).
fn radius(limit: f64, opts: &MatchOptions) -> f64 {
    if limit.is_finite() {
        limit
    } else {
        opts.default_radius_km
    }
    .max(1.0)
}

/// Kilometres between every two distinct listing locations. Locations mostly come from
/// municipality centres, so a few hundred places cover thousands of listings and each pair
/// reads its distance from a row instead of computing a square root and an arcsine.
struct Places {
    count: usize,
    /// Row per seek location, column per offer location.
    km: Vec<f64>,
}

/// Above this many distinct locations the table costs more than it saves.
const MAX_PLACES: usize = 1024;

/// Numbers the located listings' places in `compact` and tabulates their distances, or `None`
/// when there are too many places.
fn places(compact: &mut [Compact], max_places: usize) -> Option<Places> {
    let mut ids: BTreeMap<[u64; 3], u32> = BTreeMap::new();
    let mut points: Vec<[f64; 3]> = Vec::new();
    for c in compact.iter_mut().filter(|c| c.located) {
        let key = c.xyz.map(f64::to_bits);
        let next = u32::try_from(points.len()).ok()?;
        c.loc = *ids.entry(key).or_insert_with(|| {
            points.push(c.xyz);
            next
        });
        if points.len() > max_places {
            return None;
        }
    }
    let km = points
        .iter()
        .flat_map(|s| points.iter().map(|o| arc_km(chord(*o, *s))))
        .collect();
    Some(Places {
        count: points.len(),
        km,
    })
}

/// The score `evaluate` would give, or `None` when a hard constraint fails or the pair cannot
/// reach `bar` (checked with optimistic factor values before the costly ones are computed).
fn fast_score(
    o: &Compact,
    s: &Compact,
    opts: &MatchOptions,
    b: &Bound,
    bar: f64,
    marks: &[u32],
    row: Option<&[f64]>,
) -> Option<f64> {
    if o.hazardous && !s.permit {
        return None;
    }
    // Table lookups instead of branches: which way these go is unpredictable pair to pair.
    let both = o.ewc != 0 && s.ewc != 0 && (o.ewc == s.ewc || !(o.catch_all || s.catch_all));
    let level =
        usize::from(o.ewc == s.ewc) + usize::from(o.ewc4 == s.ewc4) + usize::from(o.ewc2 == s.ewc2);
    let same = o.category == s.category && !o.is_other;
    let code = b.codes[usize::from(both) * 8 + level * 2 + usize::from(same)];
    let recurrence = b.recurrence[usize::from(o.recurrence) * 4 + usize::from(s.recurrence)];
    let (la, lb) = (o.material.len(), s.material.len());
    let text_max = if la == 0 || lb == 0 {
        0.0
    } else if 4 * la.min(lb) >= la + lb {
        // The quotient below would be ≥ 1: skip the division.
        1.0
    } else {
        (4.0 * la.min(lb) as f64 / (la + lb) as f64).min(1.0)
    };
    let optimistic = material_value(code, text_max).value;
    let located = o.located && s.located;
    // Quantity and distance are first bounded with multiplications by precomputed reciprocals
    // (within a few ulps; the 1e-9 covers them); the exact quotients only for pairs that pass.
    let same_unit = o.unit == s.unit && o.unit != 0;
    let (qa, qb, ia, ib) = if same_unit {
        (o.amount, s.amount, o.inv_amount, s.inv_amount)
    } else {
        (o.tonnes, s.tonnes, o.inv_tonnes, s.inv_tonnes)
    };
    let comparable = same_unit || !(qa.is_nan() || qb.is_nan());
    let quantity_max = if !comparable {
        0.5
    } else if qa <= 0.0 || qb <= 0.0 {
        ratio(qa, qb)
    } else if qa < qb {
        qa * ib + 1e-9
    } else {
        qb * ia + 1e-9
    };
    let (distance_max, arc) = if located {
        let limit = o.max_km.min(s.max_km);
        let km = match row.and_then(|r| r.get(o.loc as usize)) {
            Some(km) => *km,
            None => {
                let radius = radius(limit, opts);
                if b.below(bar, [optimistic, 1.0, quantity_max, 1.0, recurrence]) {
                    return None;
                }
                let chord = chord(o.xyz, s.xyz);
                // The chord never exceeds the arc: a cheap bound before the arcsine.
                let near_max = (1.0 - chord * EARTH_RADIUS_KM / radius).clamp(0.0, 1.0) + 1e-9;
                if b.below(bar, [optimistic, near_max, quantity_max, 1.0, recurrence]) {
                    return None;
                }
                arc_km(chord)
            }
        };
        if km > limit {
            return None;
        }
        let inv = o.inv_km.max(s.inv_km);
        let inv = if inv > 0.0 { inv } else { b.inv_default };
        ((1.0 - km * inv).clamp(0.0, 1.0) + 1e-9, Some((km, limit)))
    } else {
        (0.5, None)
    };
    // Most pairs fail here, on distance, quantity and recurrence, before the window is read.
    if b.below(
        bar,
        [optimistic, distance_max, quantity_max, 1.0, recurrence],
    ) {
        return None;
    }
    let quantity = if comparable { ratio(qa, qb) } else { 0.5 };
    let distance = match arc {
        Some((km, limit)) => (1.0 - km / radius(limit, opts)).clamp(0.0, 1.0),
        None => 0.5,
    };
    let time = window_fit(o.from, o.until, s.from, s.until)?;
    if b.below(bar, [optimistic, distance, quantity, time, recurrence]) {
        return None;
    }
    // Dice through the seek's marked terms: one lookup per offer term instead of a merge.
    let common = o
        .material
        .iter()
        .filter(|&&t| marks.get(t as usize) == Some(&s.pos))
        .count();
    let text = if la == 0 || lb == 0 {
        0.0
    } else {
        (2.0 * (2.0 * common as f64 / (la + lb) as f64)).min(1.0)
    };
    let material = material_value(code, text).value;
    Some(combine(
        &opts.weights,
        material,
        distance,
        quantity,
        time,
        recurrence,
    ))
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
    fn distances_from_the_place_table_and_computed_per_pair_agree() {
        let mut listings = crate::matching::sample_listings();
        listings.extend(listings.clone().into_iter().map(|mut l| {
            l.id.push_str("-b");
            l.max_distance_km = Some(150.0);
            l
        }));
        let index = Index::new(listings);
        let opts = MatchOptions {
            min_score: 0.0,
            per_listing: Some(3),
            ..MatchOptions::default()
        };
        let table = index.all_matches_with(&opts, MAX_PLACES);
        assert!(!table.is_empty());
        assert_eq!(table, index.all_matches_with(&opts, 0));
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
