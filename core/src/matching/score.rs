//! Matching offers with seeks: hard constraints first, then a weighted score in [0, 1] from
//! material fit, distance, quantity, time window and recurrence, each factor explained.

use super::listing::{Listing, ListingKind, Recurrence};
use super::search::{Doc, Index, round};
use super::taxonomy::{category, is_catch_all};
use crate::vocab::{Quantity, Unit};
use serde::{Deserialize, Serialize};

use super::geo::EARTH_RADIUS_KM;

/// Relative weights of the scored factors; normalised by their sum.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Weights {
    /// Material fit (EWC code and text similarity).
    pub material: f64,
    /// Closeness, against the farthest distance either side accepts.
    pub distance: f64,
    /// How well the offered and sought yearly amounts agree.
    pub quantity: f64,
    /// Overlap of the availability windows.
    pub time: f64,
    /// Agreement of one-off versus recurring supply and demand.
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
    /// Relative weights of the factors.
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
    /// Whether the factor is good enough to count as a strength in the explanation.
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
        /// The offer's code or category.
        offer_code: String,
        /// The seek's code or category.
        seek_code: String,
        /// EWC code similarity in [0, 1].
        code: f64,
        /// Text similarity of titles and descriptions in [0, 1].
        text: f64,
    },
    /// How far apart the two sites are, against the limit.
    Distance {
        /// Distance between the two sites, in km.
        km: f64,
        /// Km at which the distance factor reaches 0 (the sides' maximum or the default radius).
        limit_km: f64,
    },
    /// One or both sites could not be placed; the distance factor is neutral.
    LocationUnknown,
    /// Yearly amounts in a common unit.
    Quantity {
        /// The offered amount per year.
        offered: f64,
        /// The sought amount per year.
        sought: f64,
        /// The common unit (`t`, `m³`, …).
        unit: String,
    },
    /// The two amounts have units that do not convert to one another.
    UnitsNotComparable {
        /// The offer's quantity as listed.
        offered: Quantity,
        /// The seek's quantity as listed.
        sought: Quantity,
    },
    /// Availability windows as ISO dates; `None` is open-ended.
    Time {
        /// First day of the offer, when given.
        offer_from: Option<String>,
        /// Last day of the offer, when given.
        offer_until: Option<String>,
        /// First day the seek needs the material, when given.
        seek_from: Option<String>,
        /// Last day the seek needs the material, when given.
        seek_until: Option<String>,
    },
    /// How often each side's quantity recurs.
    Recurrence {
        /// The offer's recurrence.
        offer: Recurrence,
        /// The seek's recurrence.
        seek: Recurrence,
    },
    /// Hazardous waste to a seek that declares a permit for it.
    HazardPermit,
    /// Hazardous waste to a seek for hazardous material that declares no permit: a receiver
    /// seeking it plausibly holds one, and the explanation says to check it.
    HazardPermitUnchecked,
}

/// An offer–seek pair that passed every hard constraint, with its explanation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Match {
    /// The offer's listing id.
    pub offer: String,
    /// The seek's listing id.
    pub seek: String,
    /// Positions in the index's listings.
    pub offer_index: usize,
    /// Position of the seek in the index's listings.
    pub seek_index: usize,
    /// In [0, 1].
    pub score: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// Distance between the two sites in km, when both could be placed.
    pub distance_km: Option<f64>,
    /// Every factor with its value, weight and words, the score's explanation.
    pub factors: Vec<Factor>,
}

/// Numbers behind one pair, before any strings are built.
#[derive(Debug, Clone, Copy)]
pub(super) struct Eval {
    pub(super) score: f64,
    pub(super) material: Material,
    pub(super) distance: Option<(f64, f64)>,
    pub(super) quantity: Option<(f64, f64, &'static str)>,
    pub(super) time: f64,
    pub(super) recurrence: f64,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Material {
    pub(super) value: f64,
    pub(super) code: f64,
    pub(super) text: f64,
}

/// Material similarity of two listings in [0, 1], symmetric: EWC agreement (entry 1.0,
/// sub-chapter 0.75, chapter 0.4) or same category (0.7), blended with text overlap.
pub fn material_similarity(index: &Index, a: usize, b: usize) -> f64 {
    match (index.docs.get(a), index.docs.get(b)) {
        (Some(x), Some(y)) => material(x, y).value,
        _ => 0.0,
    }
}

pub(super) fn material(a: &Doc, b: &Doc) -> Material {
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
    material_value(code, text, ewc.is_some())
}

/// Code agreement: the EWC level reached, or the category (weaker when EWC chapters differ).
pub(super) fn code_fit(ewc: Option<f64>, same_category: bool) -> f64 {
    let cat: f64 = match (same_category, ewc) {
        // Same category but EWC codes from different chapters: weaker evidence.
        (true, Some(0.0)) => 0.35,
        (true, _) => 0.7,
        (false, _) => 0.0,
    };
    ewc.unwrap_or(0.0).max(cat)
}

/// Where the EWC codes decide (`by_code`), the code weighs three times the text; where they
/// cannot (a side without a code, or a catch-all sub-chapter), the category and text weigh alike.
pub(super) fn material_value(code: f64, text: f64, by_code: bool) -> Material {
    let c = if by_code { 0.75 } else { 0.5 };
    Material {
        value: (c * code + (1.0 - c) * text).clamp(0.0, 1.0),
        code,
        text,
    }
}

/// Dice coefficient of two sorted id lists.
pub(super) fn dice(a: &[u32], b: &[u32]) -> f64 {
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
pub(super) struct Prepared {
    /// Unit vector on the sphere, for a cheap chord distance.
    pub(super) xyz: Option<[f64; 3]>,
    pub(super) max_km: Option<f64>,
    /// Annual amount in a comparable dimension (`t`, `m³`, `m²`, `m`, `kpl`).
    pub(super) amount: Option<(f64, &'static str)>,
    /// Mass in tonnes through the category density, when the unit is m³.
    pub(super) tonnes: Option<f64>,
    pub(super) recurrence: Recurrence,
    pub(super) live: bool,
}

pub(super) fn prepare(index: &Index, today: Option<i64>) -> Vec<Prepared> {
    index
        .listings()
        .iter()
        .zip(&index.docs)
        .map(|(l, d)| prepared(l, d, today))
        .collect()
}

pub(super) fn prepared(l: &Listing, d: &Doc, today: Option<i64>) -> Prepared {
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

pub(super) fn annual(
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
pub(super) fn comparable(o: &Prepared, s: &Prepared) -> Option<(f64, f64, &'static str)> {
    match (o.amount, s.amount) {
        (Some((a, ua)), Some((b, ub))) if ua == ub => Some((a, b, ua)),
        _ => match (o.tonnes, s.tonnes) {
            (Some(a), Some(b)) => Some((a, b, "t")),
            _ => None,
        },
    }
}

/// A seek may receive hazardous waste when it declares a permit or itself asks for hazardous
/// material (flag or hazardous EWC entry); in the second case the explanation asks to check it.
pub(super) fn may_receive_hazardous(index: &Index, si: usize) -> bool {
    index.listings().get(si).is_some_and(|l| l.hazardous_permit)
        || index.docs.get(si).is_some_and(|d| d.hazardous)
}

pub(super) fn evaluate(
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
    if o.hazardous && !may_receive_hazardous(index, si) {
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
pub(super) fn chord(a: [f64; 3], b: [f64; 3]) -> f64 {
    libm::sqrt((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2) + (a[2] - b[2]).powi(2))
}

/// Great-circle kilometres for a chord on the unit sphere.
pub(super) fn arc_km(chord: f64) -> f64 {
    2.0 * EARTH_RADIUS_KM * libm::asin((chord / 2.0).min(1.0))
}

/// The rounded weighted mean of the factor values; the one formula both evaluation paths use.
pub(super) fn combine(
    w: &Weights,
    material: f64,
    distance: f64,
    quantity: f64,
    time: f64,
    rec: f64,
) -> f64 {
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

pub(super) fn ratio(a: f64, b: f64) -> f64 {
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
pub(super) fn window_fit(
    af: Option<i64>,
    au: Option<i64>,
    bf: Option<i64>,
    bu: Option<i64>,
) -> Option<f64> {
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

pub(super) const RECURRENCES: [Recurrence; 4] = [
    Recurrence::OneOff,
    Recurrence::PerYear,
    Recurrence::PerMonth,
    Recurrence::PerWeek,
];

pub(super) fn recurrence_fit(a: Recurrence, b: Recurrence) -> f64 {
    match (a, b) {
        (a, b) if a == b => 1.0,
        (Recurrence::OneOff, _) | (_, Recurrence::OneOff) => 0.5,
        _ => 0.8,
    }
}

#[cfg(test)]
mod tests {
    use super::super::pairs::*;
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

    fn titled(id: &str, kind: ListingKind, title: &str, ewc: &str, town: &str) -> Listing {
        let mut x = l(id, kind, "plastics", 10.0, Unit::Tonne, town);
        x.title = title.into();
        x.ewc = Some(ewc.into());
        x
    }

    fn material_of(index: &Index, offer: usize, seek: usize) -> Material {
        material(&index.docs[offer], &index.docs[seek])
    }

    #[test]
    fn material_words_agree_across_languages() {
        // Finnish tyres offered, Swedish tyres sought: the thesaurus makes the words agree.
        let index = Index::new(vec![
            titled(
                "fi",
                ListingKind::Offer,
                "Käytettyjä renkaita",
                "160103",
                "Vaasa",
            ),
            titled(
                "sv",
                ListingKind::Seek,
                "Däcken tas emot",
                "160103",
                "Vaasa",
            ),
            titled(
                "en",
                ListingKind::Seek,
                "Used tyres wanted",
                "160103",
                "Vaasa",
            ),
            titled(
                "no",
                ListingKind::Seek,
                "Kalvoa ja säkkejä",
                "160103",
                "Vaasa",
            ),
        ]);
        let sv = material_of(&index, 0, 1);
        let en = material_of(&index, 0, 2);
        assert!(sv.text > 0.0, "{sv:?}");
        assert!(en.text > 0.0, "{en:?}");
        assert_eq!(material_of(&index, 0, 3).text, 0.0);
    }

    #[test]
    fn where_codes_cannot_decide_the_text_weighs_as_much_as_the_category() {
        // A catch-all packaging code against tyres: the shared category alone is half the way.
        let index = Index::new(vec![
            titled(
                "film",
                ListingKind::Offer,
                "Plastfilmen från lagret",
                "150102",
                "Vaasa",
            ),
            titled(
                "tyres",
                ListingKind::Offer,
                "Käytettyjä renkaita",
                "160103",
                "Vaasa",
            ),
            titled(
                "seek",
                ListingKind::Seek,
                "Däcken tas emot",
                "160103",
                "Vaasa",
            ),
        ]);
        let film = material_of(&index, 0, 2);
        let tyres = material_of(&index, 1, 2);
        assert!((film.value - 0.5 * film.code).abs() < 1e-9, "{film:?}");
        assert!(tyres.value > film.value + 0.3, "{tyres:?} vs {film:?}");
        let m = index.matches_for(2, &MatchOptions::default());
        assert_eq!(m.first().map(|m| m.offer.as_str()), Some("tyres"));
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
        // A seek for hazardous material (its EWC entry is hazardous) without a declared permit.
        let mut asks_hazardous = seeker.clone();
        asks_hazardous.id = "q".into();
        asks_hazardous.ewc = Some("13 02 05*".into());
        let index = Index::new(vec![
            hazardous,
            seeker,
            permitted,
            closed,
            far,
            expired,
            asks_hazardous,
        ]);
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
        assert_eq!(
            pairs,
            vec![
                ("h".to_owned(), "p".to_owned()),
                ("h".to_owned(), "q".to_owned())
            ]
        );
        let facts = |seek: &str| {
            index
                .all_matches(&opts)
                .into_iter()
                .find(|m| m.seek == seek)
                .and_then(|m| m.factors.into_iter().find(|f| f.name == "hazard"))
                .map(|f| (f.met, f.facts))
        };
        assert_eq!(facts("p"), Some((true, Some(Facts::HazardPermit))));
        assert_eq!(
            facts("q"),
            Some((false, Some(Facts::HazardPermitUnchecked)))
        );
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
