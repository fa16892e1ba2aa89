//! Matches over an index: one listing's ranked matches, all pairs with top K per seek, and the
//! streamed seek-by-seek scan, on the fast path (bounds before the full score, a place-distance
//! table) that the reference evaluation in `score.rs` checks.

use super::explain::*;
use super::geo::EARTH_RADIUS_KM;
use super::listing::ListingKind;
use super::score::*;
use super::search::Index;
use super::taxonomy::is_catch_all;
use std::collections::BTreeMap;

pub(super) fn order(
    a: &(f64, usize, usize),
    b: &(f64, usize, usize),
    index: &Index,
) -> std::cmp::Ordering {
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
    pub(super) fn all_matches_with(&self, opts: &MatchOptions, max_places: usize) -> Vec<Match> {
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
pub(super) fn lowest(mine: &[(f64, usize)], rank: &impl Fn(usize) -> u32) -> Option<(f64, usize)> {
    mine.iter()
        .copied()
        .min_by(|a, b| a.0.total_cmp(&b.0).then_with(|| rank(b.1).cmp(&rank(a.1))))
}

/// Normalised weights for upper bounds; bounds are only used when every weight is ≥ 0.
pub(super) struct Bound {
    pub(super) w: [f64; 5],
    pub(super) usable: bool,
    /// `code_fit` by (both have EWC codes, EWC digits shared: 0, 2, 4 or 6, same category).
    pub(super) codes: [f64; 16],
    /// Recurrence fit by the two positions in [`RECURRENCES`].
    pub(super) recurrence: [f64; 16],
    /// `1 / radius` when neither side gives a maximum.
    pub(super) inv_default: f64,
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
pub(super) struct Compact<'a> {
    pub(super) pos: u32,
    pub(super) offer: bool,
    pub(super) live: bool,
    pub(super) hazardous: bool,
    pub(super) permit: bool,
    pub(super) is_other: bool,
    pub(super) located: bool,
    /// Position of the category id among the distinct ids.
    pub(super) category: u16,
    /// The six EWC digits as a number; 0 when there is none.
    pub(super) ewc: u32,
    /// The entry is in a catch-all sub-chapter ([`is_catch_all`]).
    pub(super) catch_all: bool,
    /// `ewc` without its last two and last four digits (sub-chapter, chapter).
    pub(super) ewc4: u32,
    pub(super) ewc2: u32,
    /// Position of the recurrence in [`RECURRENCES`].
    pub(super) recurrence: u8,
    /// Unit of `amount` as a small code (0: unknown).
    pub(super) unit: u8,
    pub(super) xyz: [f64; 3],
    /// Position of `xyz` among the distinct locations ([`Places`]).
    pub(super) loc: u32,
    /// Infinity when the lister gives no maximum.
    pub(super) max_km: f64,
    /// `1 / max(max_km, 1)`, 0 without a maximum: the largest of two is `1 / radius`.
    pub(super) inv_km: f64,
    pub(super) amount: f64,
    /// NaN when the amount has no mass equivalent.
    pub(super) tonnes: f64,
    /// Reciprocals of `amount` and `tonnes`, for the quantity bound without a division.
    pub(super) inv_amount: f64,
    pub(super) inv_tonnes: f64,
    pub(super) from: Option<i64>,
    pub(super) until: Option<i64>,
    pub(super) material: &'a [u32],
}

pub(super) fn unit_code(unit: &str) -> u8 {
    ["t", "m³", "m²", "m", "kpl"]
        .iter()
        .position(|u| *u == unit)
        .and_then(|p| u8::try_from(p + 1).ok())
        .unwrap_or(u8::MAX)
}

pub(super) fn compact<'a>(index: &Index, prep: &[Prepared], arena: &'a [u32]) -> Vec<Compact<'a>> {
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
            permit: super::score::may_receive_hazardous(index, i),
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
pub(super) fn radius(limit: f64, opts: &MatchOptions) -> f64 {
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
pub(super) struct Places {
    pub(super) count: usize,
    /// Row per seek location, column per offer location.
    pub(super) km: Vec<f64>,
}

/// Above this many distinct locations the table costs more than it saves.
pub(super) const MAX_PLACES: usize = 1024;

/// Numbers the located listings' places in `compact` and tabulates their distances, or `None`
/// when there are too many places.
pub(super) fn places(compact: &mut [Compact], max_places: usize) -> Option<Places> {
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
pub(super) fn fast_score(
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
    let optimistic = material_value(code, text_max, both).value;
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
    let material = material_value(code, text, both).value;
    Some(combine(
        &opts.weights,
        material,
        distance,
        quantity,
        time,
        recurrence,
    ))
}
