//! The search index: an inverted index over stems, compound parts and taxonomy terms, with
//! prefix and typo expansion, filters and facet counts.

use super::geo::{Municipality, find_municipality, haversine_km};
use super::listing::{Listing, ListingKind, day_number};
use super::text::{
    base_candidates, collapse, edit_distance, fold, is_stop, split_points, stem, synonyms, words,
};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// Field weights: a title hit counts most, place names least.
const W_TITLE: f32 = 1.0;
const W_DESCRIPTION: f32 = 0.7;
const W_PLACE: f32 = 0.6;
const W_TAXONOMY: f32 = 0.5;
/// Factors for the ways a query word can meet an index term.
/// A compound query word meeting only its head (`jäte` of `biojäte`) or only a modifier.
const F_HEAD: f32 = 0.4;
const F_MODIFIER: f32 = 0.25;
const F_SYNONYM: f32 = 0.8;
const F_PREFIX: f32 = 0.6;
const F_TYPO: f32 = 0.6;
const F_CATEGORY: f32 = 0.45;
/// Most index terms one prefix or typo may expand to, so short prefixes stay fast.
const MAX_EXPANSIONS: usize = 64;

/// A search request. `Default` gives an unfiltered text search over open listings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Query {
    /// Free text in any of fi/sv/en; empty lists every listing that passes the filters.
    pub text: String,
    /// Offers or seeks only; `None` for both.
    pub kind: Option<ListingKind>,
    /// Category id.
    pub category: Option<String>,
    /// EWC code prefix (2, 4 or 6 digits; spaces allowed).
    pub ewc_prefix: Option<String>,
    /// Municipality name (fi/sv) or code.
    pub municipality: Option<String>,
    /// Region (maakunta/landskap) name in Finnish or Swedish.
    pub region: Option<String>,
    /// Centre of a radius filter: municipality name or code.
    pub near: Option<String>,
    /// Radius around `near`, in km.
    pub radius_km: Option<f64>,
    /// Coordinators see closed and expired listings too.
    pub include_closed: bool,
    /// Only listings available on this `YYYY-MM-DD` day.
    pub date: Option<String>,
    /// Today (`YYYY-MM-DD`), to drop expired listings; no clock is read.
    pub today: Option<String>,
    /// Treat the last word as a prefix (type-ahead).
    pub prefix: bool,
    /// Hits per page.
    pub limit: usize,
    /// Hits skipped before the page (paging).
    pub offset: usize,
}

impl Default for Query {
    fn default() -> Query {
        Query {
            text: String::new(),
            kind: None,
            category: None,
            ewc_prefix: None,
            municipality: None,
            region: None,
            near: None,
            radius_km: None,
            include_closed: false,
            date: None,
            today: None,
            prefix: true,
            limit: 20,
            offset: 0,
        }
    }
}

impl Query {
    /// A text query with default filters.
    pub fn text(text: &str) -> Query {
        Query {
            text: text.to_owned(),
            ..Query::default()
        }
    }
}

/// One ranked result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    /// The listing's id.
    pub id: String,
    /// Position of the listing in the vector the index was built from.
    pub index: usize,
    /// Relevance in [0, 1].
    pub score: f64,
    /// Distance from the `near` municipality, when asked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub distance_km: Option<f64>,
}

/// Counts over every hit that passed the filters (not only the returned page).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Facets {
    /// Hits per listing kind (`offer`, `seek`).
    pub kind: BTreeMap<String, usize>,
    /// Hits per category id.
    pub category: BTreeMap<String, usize>,
    /// Hits per region (Finnish name).
    pub region: BTreeMap<String, usize>,
}

/// Hits of one page, the total count and facets.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SearchResults {
    /// Hits that passed the filters, across every page.
    pub total: usize,
    /// The hits of the requested page, best first.
    pub hits: Vec<Hit>,
    /// Counts over every hit that passed the filters.
    pub facets: Facets,
}

/// What the index knows about one listing besides its terms; shared with matching.
#[derive(Debug, Clone)]
pub(crate) struct Doc {
    pub kind: ListingKind,
    pub category: String,
    pub ewc: Option<String>,
    pub hazardous: bool,
    pub municipality: Option<&'static Municipality>,
    /// Latitude and longitude: the listing's own, else its municipality's.
    pub coords: Option<(f64, f64)>,
    pub open: bool,
    pub from: Option<i64>,
    pub until: Option<i64>,
    /// Sorted unique term ids of title and description, for text similarity.
    pub material: Vec<u32>,
    /// Position in `Index::facet_names` of the category and the region.
    pub category_ix: u32,
    pub region_ix: Option<u32>,
}

/// An inverted index over a set of listings, built once and queried many times.
#[derive(Debug, Clone)]
pub struct Index {
    listings: Vec<Listing>,
    pub(crate) docs: Vec<Doc>,
    vocab: Vec<String>,
    postings: Vec<Vec<(u32, f32)>>,
    /// Per term: its idf and the largest field weight in its postings, so a query knows how
    /// much a term can add before reading its postings.
    term_stats: Vec<(f32, f32)>,
    /// Single-letter deletions of every term of five or more letters (typo lookup).
    /// Built on the first query that needs it: widgets show results sooner.
    deletions: std::sync::OnceLock<HashMap<String, Vec<u32>>>,
    /// Category id and the stems of its names and one-word synonyms.
    category_stems: Vec<(String, Vec<String>)>,
    /// Rank of each listing in id order: integer tie-breaks instead of string compares.
    pub(crate) id_rank: Vec<u32>,
    /// The listings' positions in id order. Postings, `lite` and the search's per-listing
    /// buffers number listings by this rank, so every posting list runs in tie-break order.
    by_id: Vec<u32>,
    /// Category ids and region names, indexed by `Doc::category_ix` / `Doc::region_ix`.
    facet_names: Vec<String>,
    /// What an unfiltered search reads per hit, packed: `Doc` is large, and touching it for
    /// every hit of a common word at 100k listings is mostly cache misses. In rank order.
    lite: Vec<Lite>,
}

/// Eight bytes per listing; facet positions fit a byte (checked before this path is used).
#[derive(Debug, Clone, Copy)]
struct Lite {
    open: bool,
    seek: bool,
    category_ix: u8,
    /// `u8::MAX` when the municipality is unknown.
    region_ix: u8,
    /// Last available day; `i32::MAX` when open-ended.
    until: i32,
}

mod build;

impl Index {
    fn deletions(&self) -> &HashMap<String, Vec<u32>> {
        self.deletions.get_or_init(|| {
            let mut deletions: HashMap<String, Vec<u32>> = HashMap::new();
            for (id, term) in self.vocab.iter().enumerate() {
                if term.chars().count() >= 5 && term.chars().all(char::is_alphabetic) {
                    for d in single_deletions(term) {
                        deletions
                            .entry(d)
                            .or_default()
                            .push(u32::try_from(id).unwrap_or(u32::MAX));
                    }
                }
            }
            deletions
        })
    }

    /// The listings the index was built from, in their original order.
    pub fn listings(&self) -> &[Listing] {
        &self.listings
    }

    /// How many listings the index holds.
    pub fn len(&self) -> usize {
        self.listings.len()
    }

    /// True when the index holds no listings.
    pub fn is_empty(&self) -> bool {
        self.listings.is_empty()
    }

    /// The position in [`Index::listings`] of the listing at `rank` in id order.
    fn position(&self, rank: u32) -> usize {
        self.by_id
            .get(rank as usize)
            .map_or(usize::MAX, |&p| p as usize)
    }

    /// Number of distinct index terms.
    pub(crate) fn vocab_len(&self) -> usize {
        self.vocab.len()
    }

    fn term_id(&self, term: &str) -> Option<usize> {
        self.vocab.binary_search_by(|t| t.as_str().cmp(term)).ok()
    }

    fn idf(&self, term: usize) -> f32 {
        self.term_stats.get(term).map_or_else(
            || libm::log(1.0 + (self.docs.len() as f64 + 0.5) / 0.5) as f32,
            |s| s.0,
        )
    }

    /// The ways one query word meets the vocabulary: (term id, factor), best factor per term.
    /// Besides the word's own stem, the stems of its other readings ([`base_candidates`]) that
    /// the index or the taxonomy knows count as the word itself, so an inflected form finds
    /// what its base form finds even where the stemmer alone cannot tell them apart.
    fn alternatives(&self, word: &str, is_last: bool, prefix: bool) -> Vec<(usize, f32)> {
        let mut alts: BTreeMap<usize, f32> = BTreeMap::new();
        if is_stop(word) {
            return Vec::new();
        }
        let full = stem(word);
        // Type-ahead on a short stem only while the word is still being typed (nothing was
        // stripped from it): `vaatteita` must not expand to every `vat…` term.
        let short_prefix = is_last && prefix && full == collapse(word);
        let known = self.term_id(&full);
        self.stem_alternatives(&full, known.is_none(), short_prefix, &mut alts);
        for candidate in base_candidates(word) {
            if candidate != full && candidate.len() >= 3 && self.is_known(&candidate) {
                // Typos as for the base form itself: only when it is not an index term.
                let typos = self.term_id(&candidate).is_none();
                self.stem_alternatives(&candidate, typos, false, &mut alts);
            }
        }
        // A compound's parts rank below the whole: its head (the last part) above its
        // modifiers, and a modifier never adds more than the head could.
        let points = split_points(word);
        if let Some(&last) = points.last() {
            let head = word.get(last..).unwrap_or_default();
            let heads = self.part_terms(head);
            // The head's thesaurus synonyms, of any of its readings (`työ|vaatteita` →
            // `kläder`), are the head too.
            let mut head_synonyms: Vec<usize> = std::iter::once(stem(head))
                .chain(base_candidates(head).into_iter().filter(|c| c.len() >= 3))
                .flat_map(|c| synonyms(&c).iter())
                .filter_map(|s| self.term_id(s))
                .collect();
            head_synonyms.sort_unstable();
            head_synonyms.dedup();
            let head_idf = heads
                .iter()
                .chain(&head_synonyms)
                .map(|&id| self.idf(id))
                .fold(0f32, f32::max);
            for &id in &heads {
                put(&mut alts, id, F_HEAD);
            }
            for &id in &head_synonyms {
                put(&mut alts, id, F_HEAD * F_SYNONYM);
            }
            // Neither the word nor its head is indexed (`plast|rören`): the modifier is what
            // the word can still find, read as a word of its own.
            if heads.is_empty() && head_synonyms.is_empty() && known.is_none() {
                for &at in &points {
                    if let Some(left) = word.get(..at) {
                        self.stem_alternatives(&stem(left), false, false, &mut alts);
                    }
                }
            }
            for &at in &points {
                let parts = [word.get(..at), word.get(at..).filter(|_| at != last)];
                for part in parts.into_iter().flatten() {
                    for id in self.part_terms(part) {
                        let idf = self.idf(id);
                        let cap = if idf > 0.0 {
                            (head_idf / idf).min(1.0)
                        } else {
                            1.0
                        };
                        put(&mut alts, id, F_MODIFIER * cap);
                    }
                }
            }
        }
        alts.into_iter().collect()
    }

    /// The index terms of a compound's part: its stem, or else its other readings the index
    /// holds (`katto|huovan` → `huopa`); only then, as they cost a query microseconds.
    fn part_terms(&self, part: &str) -> Vec<usize> {
        let mut ids: Vec<usize> = self.term_id(&stem(part)).into_iter().collect();
        if !ids.is_empty() {
            return ids;
        }
        for c in base_candidates(part).into_iter().filter(|c| c.len() >= 3) {
            if let Some(id) = self.term_id(&c)
                && !ids.contains(&id)
            {
                ids.push(id);
            }
        }
        ids
    }

    /// Whether the index or the taxonomy knows the stem `s` (an index term, a thesaurus
    /// entry or a category name or synonym).
    fn is_known(&self, s: &str) -> bool {
        self.term_id(s).is_some()
            || !synonyms(s).is_empty()
            || self
                .category_stems
                .iter()
                .any(|(_, stems)| stems.iter().any(|t| t == s))
    }

    /// The alternatives one stem brings: itself, an EWC code, thesaurus synonyms, categories,
    /// index terms it is a prefix of, and (when `typos`) terms one edit away.
    fn stem_alternatives(
        &self,
        full: &str,
        typos: bool,
        short_prefix: bool,
        alts: &mut BTreeMap<usize, f32>,
    ) {
        if let Some(id) = self.term_id(full) {
            put(alts, id, 1.0);
        }
        if (full.len() == 2 || full.len() == 4 || full.len() == 6)
            && full.bytes().all(|b| b.is_ascii_digit())
            && let Some(id) = self.term_id(&format!("ewc:{full}"))
        {
            put(alts, id, 1.0);
        }
        for syn in synonyms(full) {
            if let Some(id) = self.term_id(syn) {
                put(alts, id, F_SYNONYM);
            }
        }
        for (cat, stems) in &self.category_stems {
            if stems.iter().any(|s| s == full)
                && let Some(id) = self.term_id(&format!("cat:{cat}"))
            {
                put(alts, id, F_CATEGORY);
            }
        }
        let min_prefix = if short_prefix { 3 } else { 4 };
        if full.chars().count() >= min_prefix && full.chars().all(char::is_alphabetic) {
            let start = self.vocab.partition_point(|t| t.as_str() < full);
            for (offset, t) in self
                .vocab
                .iter()
                .skip(start)
                .take(MAX_EXPANSIONS)
                .enumerate()
            {
                if !t.starts_with(full) {
                    break;
                }
                put(alts, start + offset, F_PREFIX);
            }
        }
        if typos && full.chars().count() >= 5 && full.chars().all(char::is_alphabetic) {
            let mut candidates: Vec<u32> = Vec::new();
            for key in std::iter::once(full.to_owned()).chain(single_deletions(full)) {
                if let Some(ids) = self.deletions().get(&key) {
                    candidates.extend(ids);
                }
                if let Some(id) = self.term_id(&key) {
                    candidates.extend(u32::try_from(id).ok());
                }
            }
            candidates.sort_unstable();
            candidates.dedup();
            for id in candidates.into_iter().take(MAX_EXPANSIONS) {
                let id = id as usize;
                if let Some(t) = self.vocab.get(id)
                    && edit_distance(t, full, 1) <= 1
                {
                    put(alts, id, F_TYPO);
                }
            }
        }
    }

    /// Relevance of every listing for `text` as (rank in id order, score in [0, 1]); listings
    /// with no matching word are left out.
    pub(crate) fn text_scores(&self, text: &str, prefix: bool) -> Vec<(u32, f32)> {
        SCRATCH.with(|cell| {
            let mut scratch = cell.take();
            let out = self.text_scores_in(text, prefix, &mut scratch);
            cell.set(scratch);
            out
        })
    }

    /// [`Index::text_scores`] on reusable per-document buffers, which are left zeroed again.
    fn text_scores_in(&self, text: &str, prefix: bool, scratch: &mut Scratch) -> Vec<(u32, f32)> {
        let qwords = words(text);
        let n = self.docs.len();
        for buf in [&mut scratch.total, &mut scratch.best] {
            if buf.len() < n {
                buf.resize(n, 0.0);
            }
        }
        if scratch.covered.len() < n {
            scratch.covered.resize(n, 0);
        }
        let Scratch {
            total,
            covered,
            best,
            ..
        } = scratch;
        let mut touched: Vec<u32> = Vec::new();
        let mut all_touched: Vec<u32> = Vec::new();
        let mut ideal = 0f32;
        let count = qwords.len();
        for (i, word) in qwords.iter().enumerate() {
            let alts = self.alternatives(word, i + 1 == count, prefix);
            let word_ideal = alts
                .iter()
                .map(|&(id, _)| self.idf(id))
                .fold(0f32, f32::max);
            ideal += word_ideal.max(f32::EPSILON);
            for &(id, factor) in &alts {
                let idf = self.idf(id);
                for &(doc, w) in self.postings.get(id).map_or(&[][..], Vec::as_slice) {
                    let d = doc as usize;
                    if let Some(slot) = best.get_mut(d) {
                        if *slot == 0.0 {
                            touched.push(doc);
                        }
                        *slot = slot.max(factor * w * idf);
                    }
                }
            }
            for &doc in &touched {
                let d = doc as usize;
                if let (Some(b), Some(t), Some(c)) =
                    (best.get_mut(d), total.get_mut(d), covered.get_mut(d))
                {
                    if *c == 0 && *t == 0.0 {
                        all_touched.push(doc);
                    }
                    *t += *b;
                    *c += 1;
                    *b = 0.0;
                }
            }
            touched.clear();
        }
        let count = count.max(1) as f32;
        all_touched
            .into_iter()
            .filter_map(|doc| {
                let d = doc as usize;
                let t = std::mem::take(total.get_mut(d)?);
                let coverage = f32::from(std::mem::take(covered.get_mut(d)?)) / count;
                let score = (t / ideal).clamp(0.0, 1.0) * coverage * coverage;
                Some((doc, score))
            })
            .collect()
    }

    /// Text scores, or every listing at 0 when the query has no words (filters alone decide).
    fn scored(&self, query: &Query, no_words: bool) -> Vec<(u32, f32)> {
        if query.text.trim().is_empty() || no_words {
            (0..self.docs.len())
                .filter_map(|d| u32::try_from(d).ok())
                .map(|d| (d, 0.0))
                .collect()
        } else {
            self.text_scores(&query.text, query.prefix)
        }
    }

    /// Runs `query`: text relevance, then filters, facets and the requested page.
    pub fn search(&self, query: &Query) -> SearchResults {
        let filter = Filter::new(query);
        let scored = self.scored(query, words(&query.text).is_empty());
        let mut kinds = [0usize; 2];
        let mut cats = vec![0usize; self.facet_names.len()];
        let mut regions = vec![0usize; self.facet_names.len()];
        let mut kept: Vec<(u32, f32, Option<f64>)> = Vec::with_capacity(scored.len());
        let simple = self.packed(&filter);
        for (doc, score) in scored {
            if simple {
                let Some(d) = self.lite.get(doc as usize) else {
                    continue;
                };
                let until = (d.until != i32::MAX).then_some(i64::from(d.until));
                if !filter.open_enough(d.open, until) {
                    continue;
                }
                kinds[usize::from(d.seek)] += 1;
                if let Some(c) = cats.get_mut(usize::from(d.category_ix)) {
                    *c += 1;
                }
                if d.region_ix != u8::MAX
                    && let Some(r) = regions.get_mut(usize::from(d.region_ix))
                {
                    *r += 1;
                }
                kept.push((doc, score, None));
                continue;
            }
            let Some(d) = self.docs.get(self.position(doc)) else {
                continue;
            };
            let Some(distance) = filter.accepts(d) else {
                continue;
            };
            kinds[usize::from(d.kind == ListingKind::Seek)] += 1;
            if let Some(c) = cats.get_mut(d.category_ix as usize) {
                *c += 1;
            }
            if let Some(r) = d.region_ix.and_then(|r| regions.get_mut(r as usize)) {
                *r += 1;
            }
            kept.push((doc, score, distance));
        }
        // Inserted one by one: collecting into a BTreeMap would add a sort to the wasm module.
        let counted = |pairs: &mut dyn Iterator<Item = (&String, usize)>| {
            let mut map = BTreeMap::new();
            for (name, count) in pairs.filter(|(_, c)| *c > 0) {
                map.insert(name.clone(), count);
            }
            map
        };
        let named = |counts: Vec<usize>| counted(&mut self.facet_names.iter().zip(counts));
        let kind_names = ["offer".to_owned(), "seek".to_owned()];
        let kind = counted(&mut kind_names.iter().zip(kinds));
        let facets = Facets {
            kind,
            category: named(cats),
            region: named(regions),
        };
        let total = kept.len();
        let id = |doc: u32| {
            self.listings
                .get(self.position(doc))
                .map_or("", |l| l.id.as_str())
        };
        // Listings are numbered in id order, the tie-break.
        let order = |a: &(u32, f32, Option<f64>), b: &(u32, f32, Option<f64>)| {
            b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0))
        };
        let want = query.offset.saturating_add(query.limit).min(kept.len());
        if want > 0 && want < kept.len() {
            kept.select_nth_unstable_by(want - 1, order);
            kept.truncate(want);
        }
        kept.sort_unstable_by(order);
        let hits = kept
            .into_iter()
            .skip(query.offset)
            .map(|(doc, score, distance_km)| Hit {
                id: id(doc).to_owned(),
                index: self.position(doc),
                score: round(f64::from(score)),
                distance_km: distance_km.map(|d| libm::round(d * 10.0) / 10.0),
            })
            .collect();
        SearchResults {
            total,
            hits,
            facets,
        }
    }

    /// The page [`Index::search`] returns (same hits, same order), without the total and the
    /// facets. Queries of up to four words read their index terms best-first and stop as soon
    /// as the page can no longer change, so the long postings of common words are often skipped.
    pub fn search_hits(&self, query: &Query) -> Vec<Hit> {
        let want = query.offset.saturating_add(query.limit);
        // `search` reads a zero limit without an offset as "every hit".
        if want == 0 {
            return self.search(query).hits;
        }
        let qwords = words(&query.text);
        // The page is tracked by linear scans, so only small pages take the pruned path.
        if (1..=MAX_WORDS).contains(&qwords.len()) && want <= MAX_TRACKED {
            return SCRATCH.with(|cell| {
                let mut scratch = cell.take();
                let hits = match qwords.as_slice() {
                    [word] => self.one_word_hits(word, query, want, &mut scratch),
                    _ => self.pruned_hits(&qwords, query, want, &mut scratch),
                };
                cell.set(scratch);
                hits
            });
        }
        let scored = self.scored(query, qwords.is_empty());
        self.page(&Filter::new(query), scored, query.offset, want)
    }

    /// Whether `doc` passes the filters; the packed [`Lite`] record suffices when `simple`.
    /// Whether `filter` can run on the packed per-listing data (`lite`), which needs facet
    /// positions below 255 and day numbers within i32.
    fn packed(&self, filter: &Filter) -> bool {
        filter.is_simple() && self.facet_names.len() < 255
    }

    fn passes(&self, filter: &Filter, simple: bool, doc: u32) -> bool {
        if simple {
            self.lite.get(doc as usize).is_some_and(|d| {
                let until = (d.until != i32::MAX).then_some(i64::from(d.until));
                filter.open_enough(d.open, until)
            })
        } else {
            self.docs
                .get(self.position(doc))
                .is_some_and(|d| filter.accepts(d).is_some())
        }
    }

    /// The hits `offset..want` of the scored listings that pass `filter`, in `search`'s order.
    fn page(
        &self,
        filter: &Filter,
        scored: impl IntoIterator<Item = (u32, f32)>,
        offset: usize,
        want: usize,
    ) -> Vec<Hit> {
        let simple = self.packed(filter);
        // Score bits then rank in one integer: scores are non-negative, so bits order like
        // the numbers, and the sort needs no lookups.
        let mut keys: Vec<(u64, u32)> = scored
            .into_iter()
            .filter(|&(doc, _)| self.passes(filter, simple, doc))
            .map(|(doc, s)| ((u64::from(!s.to_bits()) << 32) | u64::from(doc), doc))
            .collect();
        if want > 0 && want < keys.len() {
            keys.select_nth_unstable(want - 1);
            keys.truncate(want);
        }
        keys.sort_unstable();
        keys.into_iter()
            .skip(offset)
            .filter_map(|(key, doc)| {
                let s = f32::from_bits(!((key >> 32) as u32));
                let at = self.position(doc);
                let distance = self.docs.get(at).and_then(|d| filter.accepts(d)).flatten();
                Some(Hit {
                    id: self.listings.get(at)?.id.clone(),
                    index: at,
                    score: round(f64::from(s)),
                    distance_km: distance.map(|d| libm::round(d * 10.0) / 10.0),
                })
            })
            .collect()
    }

    /// [`Index::search_hits`] for one word: like [`Index::pruned_hits`], but raw term scores
    /// decide alone (no coverage), which keeps the per-posting work to a compare.
    fn one_word_hits(
        &self,
        word: &str,
        query: &Query,
        want: usize,
        scratch: &mut Scratch,
    ) -> Vec<Hit> {
        let filter = Filter::new(query);
        let simple = self.packed(&filter);
        let passes = |doc: u32| self.passes(&filter, simple, doc);
        let n = self.docs.len();
        if scratch.best.len() < n {
            scratch.best.resize(n, 0.0);
        }
        let best = &mut scratch.best;
        let mut alts: Vec<(usize, f32, f32, f32)> = self
            .alternatives(word, true, query.prefix)
            .into_iter()
            .map(|(id, factor)| {
                let (idf, max_w) = self.term_stats.get(id).copied().unwrap_or((0.0, 0.0));
                (id, factor, idf, factor * max_w * idf)
            })
            .collect();
        // As `text_scores_in` computes it for one word (coverage 1): scores stay bit-identical.
        let ideal = alts
            .iter()
            .map(|a| a.2)
            .fold(0f32, f32::max)
            .max(f32::EPSILON);
        let score = |b: f32| (b / ideal).clamp(0.0, 1.0);
        alts.sort_unstable_by(|a, b| b.3.total_cmp(&a.3).then(a.0.cmp(&b.0)));
        let mut touched: Vec<u32> = Vec::new();
        let mut page = Page::new(want);
        for &(id, factor, idf, bound) in &alts {
            let bound = score(bound);
            // Later terms add at most `bound`: if that cannot reach the page, nothing can change.
            if page.closed_to(bound) {
                break;
            }
            let mut limit = page.limit(bound);
            for &(doc, w) in self.postings.get(id).map_or(&[][..], Vec::as_slice) {
                // The list runs in tie-break order: from here on a listing can at most tie the
                // page's lowest entry and lose the tie.
                if doc >= limit {
                    break;
                }
                let Some(slot) = best.get_mut(doc as usize) else {
                    continue;
                };
                let s = factor * w * idf;
                if s <= *slot {
                    continue;
                }
                if *slot == 0.0 {
                    touched.push(doc);
                }
                *slot = s;
                if page.offer(doc, score(s), passes) {
                    limit = page.limit(bound);
                }
            }
        }
        // Every listing that may still be on the page (its own entries and filtered-out ties).
        let mut candidates: Vec<(u32, f32)> = Vec::new();
        for &doc in &touched {
            if let Some(slot) = best.get_mut(doc as usize) {
                let s = score(std::mem::take(slot));
                if page.keeps(doc, s) {
                    candidates.push((doc, s));
                }
            }
        }
        self.page(&filter, candidates, query.offset, want)
    }

    /// [`Index::search_hits`] with max-score pruning: the index terms of all query words are
    /// read in order of the most they can add, until no unseen listing can reach the page (whose
    /// listings are completed with the unread terms before each list, to raise its floor); the
    /// seen listings that still could are then completed one by one, in rank order.
    fn pruned_hits(
        &self,
        qwords: &[String],
        query: &Query,
        want: usize,
        scratch: &mut Scratch,
    ) -> Vec<Hit> {
        let filter = Filter::new(query);
        let simple = self.packed(&filter);
        let m = qwords.len();
        let n = self.docs.len();
        let size = n.saturating_mul(m);
        if scratch.parts.len() < size {
            scratch.parts.resize(size, 0.0);
        }
        let parts = &mut scratch.parts;
        // (word, term id, factor, idf, most the term adds), and the ideal as `text_scores_in`
        // sums it, so scores stay bit-identical.
        let mut alts: Vec<Alt> = Vec::new();
        let mut ideal = 0f32;
        for (i, word) in qwords.iter().enumerate() {
            let word_alts = self.alternatives(word, i + 1 == m, query.prefix);
            let word_ideal = word_alts
                .iter()
                .map(|&(id, _)| self.idf(id))
                .fold(0f32, f32::max);
            ideal += word_ideal.max(f32::EPSILON);
            for (id, factor) in word_alts {
                let (idf, max_w) = self.term_stats.get(id).copied().unwrap_or((0.0, 0.0));
                alts.push((i, id, factor, idf, factor * max_w * idf));
            }
        }
        let count = m as f32;
        // Monotone in every word's contribution, so upper bounds map to upper bounds.
        let score = |bests: &[f32]| {
            let (mut total, mut covered) = (0f32, 0u16);
            for &b in bests {
                if b > 0.0 {
                    total += b;
                    covered += 1;
                }
            }
            let coverage = f32::from(covered) / count;
            (total / ideal).clamp(0.0, 1.0) * coverage * coverage
        };
        alts.sort_unstable_by(|a, b| b.4.total_cmp(&a.4).then((a.0, a.1).cmp(&(b.0, b.1))));
        // rest[p][i]: the most word i can still add once alts[..p] are read.
        let mut rest = vec![[0f32; MAX_WORDS]; alts.len() + 1];
        let mut most = [0f32; MAX_WORDS];
        for (p, a) in alts.iter().enumerate().rev() {
            if let Some(slot) = most.get_mut(a.0) {
                *slot = slot.max(a.4);
            }
            if let Some(out) = rest.get_mut(p) {
                *out = most;
            }
        }
        let mut touched: Vec<u32> = Vec::new();
        // The best `want` passing listings seen so far and the lowest score among them; scores
        // only grow as terms are read, so the floor is a lower bound of the final page.
        let mut page: Vec<PageEntry> = Vec::with_capacity(want);
        let mut floor = 0f32;
        let mut read = alts.len();
        for (p, &(i, id, factor, idf, _)) in alts.iter().enumerate() {
            // The most a listing not seen yet can score.
            let unseen = score(rest.get(p).map_or(&[][..], |r| r.get(..m).unwrap_or(&[])));
            if page.len() == want && unseen >= floor {
                // Before reading on, the page's own listings get their final scores from the
                // unread terms: a floor of partial scores (one word of two read) would let
                // every list be read, while the final ones often close the page here.
                let unread = alts.get(p..).unwrap_or(&[]);
                floor = self.complete_page(&mut page, unread, parts, m, &score);
            }
            if page.len() == want && unseen < floor {
                read = p;
                break;
            }
            for &(doc, w) in self.postings.get(id).map_or(&[][..], Vec::as_slice) {
                let at = doc as usize * m;
                let Some(bests) = parts.get_mut(at..at + m) else {
                    continue;
                };
                let s = factor * w * idf;
                if !bests.get(i).is_some_and(|&b| s > b) {
                    continue;
                }
                if bests.iter().all(|&b| b == 0.0) {
                    touched.push(doc);
                }
                if let Some(slot) = bests.get_mut(i) {
                    *slot = s;
                }
                let now = score(bests);
                offer_to_page(&mut page, want, &mut floor, (doc, now), |d| {
                    self.passes(&filter, simple, d)
                });
            }
        }
        let unread = alts.get(read..).unwrap_or(&[]);
        if page.len() == want {
            // Final scores on the page prune more of the listings left open below.
            floor = self.complete_page(&mut page, unread, parts, m, &score);
        }
        let left = rest.get(read).copied().unwrap_or_default();
        // Whether even the best of every unread term would not bring `bests` to the page.
        let out_of_reach = |bests: &[f32], floor: f32| {
            let mut reach = [0f32; MAX_WORDS];
            for (r, (&b, &l)) in reach.iter_mut().zip(bests.iter().zip(&left)) {
                *r = b.max(l);
            }
            score(reach.get(..m).unwrap_or(&[])) < floor
        };
        let mut open: Vec<u32> = Vec::new();
        let mut candidates: Vec<(u32, f32)> = Vec::new();
        for &doc in &touched {
            let at = doc as usize * m;
            let Some(bests) = parts.get_mut(at..at + m) else {
                continue;
            };
            if out_of_reach(bests, floor) {
                bests.fill(0.0);
            } else {
                open.push(doc);
            }
        }
        // The open listings are completed one by one in rank order, merged with the unread
        // lists, and each final score goes on the page: the rising floor closes the rest.
        open.sort_unstable();
        let mut from = vec![0usize; unread.len()];
        for &doc in &open {
            let at = doc as usize * m;
            let Some(bests) = parts.get_mut(at..at + m) else {
                continue;
            };
            if out_of_reach(bests, floor) {
                bests.fill(0.0);
                continue;
            }
            self.complete(doc, bests, unread, &mut from);
            let s = score(bests);
            bests.fill(0.0);
            if s >= floor {
                candidates.push((doc, s));
                offer_to_page(&mut page, want, &mut floor, (doc, s), |d| {
                    self.passes(&filter, simple, d)
                });
            }
        }
        self.page(&filter, candidates, query.offset, want)
    }

    /// Adds what the `unread` terms give listing `doc` to its per-word `bests`. Listings are
    /// completed in rank order, so each list is searched from where the last one was found
    /// (`from`, one position per term).
    fn complete(&self, doc: u32, bests: &mut [f32], unread: &[Alt], from: &mut [usize]) {
        for (&(i, id, factor, idf, most), from) in unread.iter().zip(from) {
            // A synonym read before may already give this word more than the term can.
            if bests.get(i).is_some_and(|&b| b >= most) {
                continue;
            }
            let list = self.postings.get(id).map_or(&[][..], Vec::as_slice);
            *from = seek(list, *from, doc);
            if let Some(&(d, w)) = list.get(*from)
                && d == doc
                && let Some(slot) = bests.get_mut(i)
            {
                *slot = slot.max(factor * w * idf);
            }
        }
    }

    /// Gives the entries of the full multi-word `page` not yet complete their final scores
    /// (`unread` being every term not yet read); returns the page's new floor.
    fn complete_page(
        &self,
        page: &mut [PageEntry],
        unread: &[Alt],
        parts: &mut [f32],
        m: usize,
        score: &dyn Fn(&[f32]) -> f32,
    ) -> f32 {
        page.sort_unstable_by_key(|e| e.0);
        let mut from = vec![0usize; unread.len()];
        for entry in page.iter_mut().filter(|e| !e.2) {
            let at = entry.0 as usize * m;
            if let Some(bests) = parts.get_mut(at..at + m) {
                self.complete(entry.0, bests, unread, &mut from);
                entry.1 = score(bests);
            }
            entry.2 = true;
        }
        page.iter().map(|e| e.1).fold(f32::INFINITY, f32::min)
    }
}

/// One index term of a multi-word query: (word, term id, factor, idf, most the term adds).
type Alt = (usize, usize, f32, f32, f32);

/// A listing on the multi-word path's page: (rank, score so far, whether the score is final).
type PageEntry = (u32, f32, bool);

/// First position at or after `from` whose document is not below `doc` (galloping search:
/// cheap for the short steps of a merge with a sparse list).
fn seek(list: &[(u32, f32)], from: usize, doc: u32) -> usize {
    let (mut lo, mut hi, mut step) = (from, from, 1);
    while list.get(hi).is_some_and(|e| e.0 < doc) {
        lo = hi + 1;
        hi = hi.saturating_add(step);
        step = step.saturating_mul(2);
    }
    let hi = hi.min(list.len());
    lo + list
        .get(lo..hi)
        .map_or(0, |s| s.partition_point(|e| e.0 < doc))
}

/// Largest page (`offset + limit`) [`Index::search_hits`] tracks itself.
const MAX_TRACKED: usize = 100;
/// Most query words [`Index::search_hits`] prunes; longer queries are scored in full.
const MAX_WORDS: usize = 4;

/// Per-document accumulators reused across queries, so a search at 100k listings does not
/// allocate and zero megabytes each time.
#[derive(Default)]
struct Scratch {
    total: Vec<f32>,
    covered: Vec<u16>,
    best: Vec<f32>,
    /// Best contribution of each query word per listing (stride: the number of query words).
    parts: Vec<f32>,
}

thread_local! {
    static SCRATCH: std::cell::Cell<Scratch> = std::cell::Cell::new(Scratch::default());
}

/// Rounds to six decimals so scores print the same everywhere.
pub(crate) fn round(x: f64) -> f64 {
    libm::round(x * 1e6) / 1e6
}

/// The one-word path's page: the best `want` listings seen so far that pass the filters, in
/// the final page's order (score, then rank in id order), and its lowest entry once full.
struct Page {
    want: usize,
    entries: Vec<(u32, f32)>,
    /// The lowest entry's score and rank, once the page is full.
    floor: Option<(f32, u32)>,
    /// Position of the lowest entry in `entries`.
    low: usize,
}

impl Page {
    fn new(want: usize) -> Page {
        Page {
            want,
            entries: Vec::with_capacity(want),
            floor: None,
            low: 0,
        }
    }

    /// Whether `doc` scoring `s` may be on the final page: it ties or beats the lowest entry.
    fn keeps(&self, doc: u32, s: f32) -> bool {
        self.floor
            .is_none_or(|(fs, fd)| s > fs || (s == fs && doc <= fd))
    }

    /// Whether nothing scoring at most `bound` can enter any more.
    fn closed_to(&self, bound: f32) -> bool {
        self.floor.is_some_and(|(fs, _)| bound < fs)
    }

    /// The rank from which nothing scoring at most `bound` can enter (ties lose to the lower
    /// rank); `u32::MAX` while anything can.
    fn limit(&self, bound: f32) -> u32 {
        match self.floor {
            Some((fs, _)) if bound < fs => 0,
            Some((fs, fd)) if bound == fs => fd,
            _ => u32::MAX,
        }
    }

    /// Puts `doc` on the page, or raises its score there (scores only grow); returns whether
    /// the page changed. `passes` (the filters) runs only for a listing new to the page.
    fn offer(&mut self, doc: u32, s: f32, passes: impl Fn(u32) -> bool) -> bool {
        if self
            .floor
            .is_some_and(|(fs, fd)| s < fs || (s == fs && doc >= fd))
        {
            return false;
        }
        if let Some(entry) = self.entries.iter_mut().find(|e| e.0 == doc) {
            entry.1 = s;
        } else if !passes(doc) {
            return false;
        } else if self.entries.len() < self.want {
            self.entries.push((doc, s));
        } else if let Some(entry) = self.entries.get_mut(self.low) {
            *entry = (doc, s);
        }
        if self.entries.len() == self.want {
            self.refloor();
        }
        true
    }

    /// Finds the lowest entry (least score, then highest rank) in one pass.
    fn refloor(&mut self) {
        let (mut low, mut fs, mut fd) = (0, f32::INFINITY, 0u32);
        for (k, &(d, s)) in self.entries.iter().enumerate() {
            if s < fs || (s == fs && d > fd) {
                (low, fs, fd) = (k, s, d);
            }
        }
        self.low = low;
        self.floor = Some((fs, fd));
    }
}

/// The multi-word path's page (ties left to the final sort): puts `hit` on the best-`want`
/// page or updates its score there; `floor` becomes the page's lowest score once it is full.
/// `passes` (the filters) runs only for a listing new to the page.
fn offer_to_page(
    page: &mut Vec<PageEntry>,
    want: usize,
    floor: &mut f32,
    (doc, s): (u32, f32),
    passes: impl Fn(u32) -> bool,
) {
    if page.len() == want && s <= *floor {
        return;
    }
    if let Some(entry) = page.iter_mut().find(|e| e.0 == doc) {
        entry.1 = s;
    } else if !passes(doc) {
        return;
    } else if page.len() < want {
        page.push((doc, s, false));
    } else if let Some(low) = page.iter_mut().min_by(|a, b| a.1.total_cmp(&b.1)) {
        *low = (doc, s, false);
    }
    if page.len() == want {
        *floor = page.iter().map(|e| e.1).fold(f32::INFINITY, f32::min);
    }
}

/// Keeps the best factor per term.
fn put(alts: &mut BTreeMap<usize, f32>, id: usize, f: f32) {
    let slot = alts.entry(id).or_insert(0.0);
    *slot = slot.max(f);
}

fn single_deletions(term: &str) -> Vec<String> {
    let chars: Vec<char> = term.chars().collect();
    (0..chars.len())
        .map(|skip| {
            chars
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != skip)
                .map(|(_, c)| c)
                .collect()
        })
        .collect()
}

/// The query's filters, resolved once.
struct Filter<'q> {
    query: &'q Query,
    ewc: Option<String>,
    municipality: Option<Option<&'static str>>,
    region: Option<String>,
    near: Option<Option<(f64, f64)>>,
    date: Option<Option<i64>>,
    today: Option<i64>,
}

impl<'q> Filter<'q> {
    fn new(query: &'q Query) -> Filter<'q> {
        Filter {
            query,
            ewc: query
                .ewc_prefix
                .as_deref()
                .map(|p| p.chars().filter(char::is_ascii_digit).collect()),
            municipality: query
                .municipality
                .as_deref()
                .map(|m| find_municipality(m).map(|m| m.code.as_str())),
            region: query.region.as_deref().map(|r| fold(r).trim().to_owned()),
            near: query
                .near
                .as_deref()
                .map(|m| find_municipality(m).map(|m| (m.lat, m.lon))),
            date: query.date.as_deref().map(day_number),
            today: query.today.as_deref().and_then(day_number),
        }
    }

    /// Only the open/expired rule applies, so hits need no more than [`Lite`].
    fn is_simple(&self) -> bool {
        let q = self.query;
        q.kind.is_none()
            && q.category.is_none()
            && self.ewc.is_none()
            && self.municipality.is_none()
            && self.region.is_none()
            && self.date.is_none()
            && self.near.is_none()
    }

    /// Open and not expired, unless closed listings were asked for.
    fn open_enough(&self, open: bool, until: Option<i64>) -> bool {
        if self.query.include_closed {
            return true;
        }
        open && !matches!((self.today, until), (Some(today), Some(until)) if until < today)
    }

    /// `None` when `d` is filtered out, else the distance from `near` (if asked).
    fn accepts(&self, d: &Doc) -> Option<Option<f64>> {
        let q = self.query;
        if !self.open_enough(d.open, d.until) {
            return None;
        }
        if q.kind.is_some_and(|k| k != d.kind) {
            return None;
        }
        if q.category.as_deref().is_some_and(|c| c != d.category) {
            return None;
        }
        if let Some(prefix) = &self.ewc
            && !d
                .ewc
                .as_deref()
                .is_some_and(|e| e.starts_with(prefix.as_str()))
        {
            return None;
        }
        if let Some(code) = self.municipality
            && (d.municipality.map(|m| m.code.as_str()) != code || code.is_none())
        {
            return None;
        }
        if let Some(region) = &self.region {
            let m = d.municipality?;
            if fold(&m.region_fi).trim() != region && fold(&m.region_sv).trim() != region {
                return None;
            }
        }
        if let Some(date) = self.date {
            let date = date?;
            if d.from.is_some_and(|f| f > date) || d.until.is_some_and(|u| u < date) {
                return None;
            }
        }
        match self.near {
            Some(centre) => {
                let km = haversine_km(centre?, d.coords?);
                if q.radius_km.is_some_and(|r| km > r) {
                    return None;
                }
                Some(Some(km))
            }
            None => Some(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::Status;
    use crate::vocab::{Quantity, Unit};

    fn listing(id: &str, kind: ListingKind, title: &str, category: &str, town: &str) -> Listing {
        Listing::new(
            id,
            kind,
            title,
            category,
            Quantity {
                amount: 1.0,
                unit: Unit::Tonne,
            },
            town,
        )
    }

    fn ids(r: &SearchResults) -> Vec<&str> {
        r.hits.iter().map(|h| h.id.as_str()).collect()
    }

    fn fixture() -> Index {
        use ListingKind::*;
        Index::new(vec![
            listing("a", Offer, "Puujäte, lajiteltu", "wood", "Tampere"),
            listing("b", Offer, "Rakennusjätteet", "construction", "Espoo"),
            listing(
                "c",
                Offer,
                "Muovipakkauksia paaleina",
                "plastics",
                "Helsinki",
            ),
            listing("d", Seek, "Kuormalavat", "wood", "Nokia"),
            listing("e", Offer, "Träpallar", "wood", "Vaasa"),
            listing("f", Seek, "Pallets wanted", "wood", "Turku"),
            listing("g", Offer, "Lasimurske", "glass", "Lahti"),
        ])
    }

    #[test]
    fn jate_finds_compounds_and_inflections() {
        let r = fixture().search(&Query::text("jäte"));
        let found = ids(&r);
        assert!(found.contains(&"a") && found.contains(&"b"), "{found:?}");
    }

    #[test]
    fn pakkaus_finds_muovipakkauksia() {
        assert_eq!(
            ids(&fixture().search(&Query::text("pakkaus"))).first(),
            Some(&"c")
        );
    }

    #[test]
    fn pallets_cross_languages() {
        for q in ["träpallar", "kuormalavat", "pallets"] {
            let r = fixture().search(&Query::text(q));
            let found = ids(&r);
            for want in ["d", "e", "f"] {
                assert!(found.contains(&want), "{q}: {found:?}");
            }
        }
    }

    #[test]
    fn typos_missing_umlauts_and_prefixes_still_find() {
        let index = fixture();
        assert!(ids(&index.search(&Query::text("jatteet"))).contains(&"a"));
        assert!(ids(&index.search(&Query::text("muovipakkuksia"))).contains(&"c"));
        assert!(ids(&index.search(&Query::text("kuormal"))).contains(&"d"));
    }

    #[test]
    fn filters_and_facets_apply() {
        let index = fixture();
        let q = Query {
            kind: Some(ListingKind::Seek),
            ..Query::text("lava")
        };
        let r = index.search(&q);
        assert!(
            r.hits
                .iter()
                .all(|h| index.listings()[h.index].kind == ListingKind::Seek)
        );
        assert_eq!(r.facets.kind.get("seek"), Some(&r.total));
        let near = Query {
            near: Some("Tampere".into()),
            radius_km: Some(30.0),
            ..Query::default()
        };
        let found: Vec<String> = index.search(&near).hits.into_iter().map(|h| h.id).collect();
        assert_eq!(found, vec!["a", "d"]);
    }

    #[test]
    fn search_hits_returns_the_same_page_as_search() {
        use ListingKind::*;
        let titles = [
            "Puujäte",
            "Kuormalavat",
            "Träpallar",
            "Pallets",
            "Muovipakkauksia",
            "Lasimurske",
            "Betonimurske",
            "Rakennusjätteet",
            "Sahanpuru",
            "Avfall trä",
            "Metalliromu",
        ];
        let towns = ["Tampere", "Espoo", "Helsinki", "Vaasa", "Turku", "Nokia"];
        let cats = ["wood", "construction", "plastics", "glass", "metals"];
        let listings: Vec<Listing> = (0..240)
            .map(|i| {
                let kind = if i % 3 == 0 { Seek } else { Offer };
                let title = titles[i % titles.len()];
                let id = format!("id{:03}", (i * 37) % 240);
                let mut l = listing(&id, kind, title, cats[i % 5], towns[i % 6]);
                if i % 4 == 0 {
                    l.description = titles[(i / 4) % titles.len()].to_owned();
                }
                if i % 7 == 0 {
                    l.status = Status::Closed;
                }
                if i % 11 == 0 {
                    l.available_until = Some("2025-01-01".into());
                }
                l
            })
            .collect();
        let index = Index::new(listings);
        let texts = [
            "jäte",
            "puu",
            "lava",
            "pallets",
            "kuo",
            "avfall",
            "trä",
            "murske",
            "xyz",
            "lasi",
            "metall",
            "jatteet",
            "wood puu",
            "jäte muovi",
            "puu lava trä",
            "lasi murske avfall pall",
            "puu puu puu puu puu",
        ];
        for text in texts {
            for (limit, offset) in [(1, 0), (5, 0), (10, 3), (300, 0), (0, 0)] {
                let plain = Query {
                    limit,
                    offset,
                    today: Some("2025-06-01".into()),
                    ..Query::text(text)
                };
                let filtered = Query {
                    kind: Some(Seek),
                    near: Some("Tampere".into()),
                    include_closed: true,
                    ..plain.clone()
                };
                for q in [plain, filtered] {
                    assert_eq!(index.search_hits(&q), index.search(&q).hits, "{q:?}");
                }
            }
        }
    }

    #[test]
    fn scores_are_bounded_and_ties_break_by_id() {
        let r = fixture().search(&Query::text("wood puu trä"));
        assert!(r.hits.iter().all(|h| (0.0..=1.0).contains(&h.score)));
        assert!(r.hits.windows(2).all(|w| w[0].score > w[1].score || (w[0].score == w[1].score && w[0].id < w[1].id)));
    }
}
