//! Building the search index: analyse each listing's fields into postings, then sort the
//! vocabulary and derive the per-term, per-facet and per-listing tables queries read.

use super::{Doc, Index, Lite, W_DESCRIPTION, W_PLACE, W_TAXONOMY, W_TITLE};
use crate::matching::geo::{Municipality, find_municipality};
use crate::matching::listing::{Listing, ListingKind, Status, day_number};
use crate::matching::taxonomy::{categories, category, category_for_ewc};
use crate::matching::text::{fold, is_stop, stem, synonyms, word_terms, words};
use rustc_hash::FxBuildHasher as FxBuild;
use std::collections::HashMap;

/// Terms while an index is built: provisional ids in order of first use (sorting the
/// vocabulary renumbers them), their postings, and each word's analysed term ids.
#[derive(Default)]
struct Terms {
    ids: HashMap<String, u32, FxBuild>,
    /// Documents are added in increasing order, so a posting list only ever grows at its end.
    raw: Vec<(String, Vec<(u32, f32)>)>,
    /// Listings repeat words heavily; compound splitting is the costly step, so memoise it.
    words: HashMap<String, Vec<u32>, FxBuild>,
    /// Each term's material id: its thesaurus concept, so `renkaita` and `däcken` agree.
    concepts: HashMap<u32, u32, FxBuild>,
}

impl Terms {
    fn intern(&mut self, term: String) -> u32 {
        if let Some(&id) = self.ids.get(&term) {
            return id;
        }
        let id = u32::try_from(self.raw.len()).unwrap_or(u32::MAX);
        self.ids.insert(term.clone(), id);
        self.raw.push((term, Vec::new()));
        id
    }

    /// Appends the term ids of every word of `text`.
    fn analyse(&mut self, text: &str, out: &mut Vec<u32>) {
        for word in words(text) {
            if let Some(ids) = self.words.get(&word) {
                out.extend_from_slice(ids);
                continue;
            }
            let mut found = Vec::new();
            word_terms(&word, &mut found);
            let ids: Vec<u32> = found.into_iter().map(|t| self.intern(t)).collect();
            out.extend_from_slice(&ids);
            self.words.insert(word, ids);
        }
    }

    /// The id a material word compares by: a concept term (`~` + the group's least stem) for a
    /// stem in the thesaurus, else the term itself. Never posted, so search is unchanged.
    fn concept(&mut self, id: u32) -> u32 {
        if let Some(&c) = self.concepts.get(&id) {
            return c;
        }
        let concept = self.raw.get(id as usize).and_then(|(term, _)| {
            let others = synonyms(term);
            let least = others.iter().min().filter(|o| *o < term).unwrap_or(term);
            (!others.is_empty()).then(|| format!("~{least}"))
        });
        let c = concept.map_or(id, |c| self.intern(c));
        self.concepts.insert(id, c);
        c
    }

    fn post(&mut self, id: u32, doc: u32, w: f32) {
        if let Some((_, list)) = self.raw.get_mut(id as usize) {
            match list.last_mut() {
                Some(last) if last.0 == doc => last.1 = last.1.max(w),
                _ => list.push((doc, w)),
            }
        }
    }
}

/// The first pass: postings of every field, and per listing its `Doc` and material terms
/// (provisional ids until the vocabulary is sorted).
#[derive(Default)]
struct Pass {
    terms: Terms,
    docs: Vec<Doc>,
    material_terms: Vec<Vec<u32>>,
    /// Every listing of a category shares its names' terms: analysed once.
    category_terms: HashMap<String, Vec<u32>, FxBuild>,
    /// The same for a municipality's names.
    place_terms: HashMap<String, Vec<u32>, FxBuild>,
    /// Scratch buffer reused across fields.
    found: Vec<u32>,
}

impl Pass {
    fn add(&mut self, doc: u32, l: &Listing) {
        let material = self.text_terms(doc, l);
        let ewc = l.ewc_code().map(|c| c.as_str().to_owned());
        self.taxonomy_terms(doc, l, ewc.as_deref());
        let municipality = find_municipality(&l.municipality);
        self.place_terms(doc, l, municipality);
        self.docs.push(new_doc(l, ewc, municipality));
        self.material_terms.push(material);
    }

    /// Title and description; returns their term ids (the listing's material words).
    fn text_terms(&mut self, doc: u32, l: &Listing) -> Vec<u32> {
        let mut material = Vec::new();
        for (text, w) in [(&l.title, W_TITLE), (&l.description, W_DESCRIPTION)] {
            self.found.clear();
            self.terms.analyse(text, &mut self.found);
            for &id in &self.found {
                self.terms.post(id, doc, w);
                material.push(self.terms.concept(id));
            }
        }
        material
    }

    /// The category id and names, and the EWC code with its chapter and sub-chapter.
    fn taxonomy_terms(&mut self, doc: u32, l: &Listing, ewc: Option<&str>) {
        let mut taxonomy = vec![self.terms.intern(format!("cat:{}", l.category))];
        if let Some(t) = self.category_terms.get(&l.category) {
            taxonomy.extend_from_slice(t);
        } else {
            let mut t = Vec::new();
            if let Some(c) = category(&l.category) {
                for name in [&c.name.fi, &c.name.sv, &c.name.en].into_iter().flatten() {
                    self.terms.analyse(name, &mut t);
                }
            }
            taxonomy.extend_from_slice(&t);
            self.category_terms.insert(l.category.clone(), t);
        }
        if let Some(code) = ewc {
            for n in [2, 4, 6] {
                if let Some(p) = code.get(..n) {
                    taxonomy.push(self.terms.intern(format!("ewc:{p}")));
                }
            }
            taxonomy.push(self.terms.intern(code.to_owned()));
        }
        for id in taxonomy {
            self.terms.post(id, doc, W_TAXONOMY);
        }
    }

    /// Words never span the joining space, so place terms are the municipality's (analysed
    /// once per name) followed by the organisation's.
    fn place_terms(&mut self, doc: u32, l: &Listing, municipality: Option<&Municipality>) {
        self.found.clear();
        match municipality {
            Some(m) => {
                if let Some(t) = self.place_terms.get(&m.code) {
                    self.found.extend_from_slice(t);
                } else {
                    let text = format!("{} {} {} {}", m.fi, m.sv, m.region_fi, m.region_sv);
                    self.terms.analyse(&text, &mut self.found);
                    self.place_terms.insert(m.code.clone(), self.found.clone());
                }
                if let Some(org) = &l.organisation {
                    self.terms.analyse(org, &mut self.found);
                }
            }
            // An unknown place may end in digits that join the organisation's (words()).
            None => {
                let mut text = l.municipality.clone();
                if let Some(org) = &l.organisation {
                    text.push(' ');
                    text.push_str(org);
                }
                self.terms.analyse(&text, &mut self.found);
            }
        }
        for &id in &self.found {
            self.terms.post(id, doc, W_PLACE);
        }
    }
}

/// What the index keeps of a listing besides its terms; facet positions are set later.
fn new_doc(l: &Listing, ewc: Option<String>, municipality: Option<&'static Municipality>) -> Doc {
    let hazardous = l.hazardous
        || ewc
            .as_deref()
            .and_then(crate::matching::ewc::ewc_hazardous)
            .unwrap_or(false);
    let coords = l
        .coordinates
        .map(|c| (c.lat, c.lon))
        .or(municipality.map(|m| (m.lat, m.lon)));
    Doc {
        kind: l.kind,
        category: category(&l.category)
            .or_else(|| ewc.as_deref().and_then(category_for_ewc))
            .map_or_else(|| l.category.clone(), |c| c.id.clone()),
        ewc,
        hazardous,
        municipality,
        coords,
        open: l.status == Status::Open,
        from: l.available_from.as_deref().and_then(day_number),
        until: l.available_until.as_deref().and_then(day_number),
        material: Vec::new(),
        category_ix: 0,
        region_ix: None,
    }
}

/// Per term, the documents it occurs in with the field weight.
type Postings = Vec<Vec<(u32, f32)>>;

/// Sorts the vocabulary; returns it, its postings, and rank[provisional id] = sorted position.
fn sort_vocabulary(terms: Terms) -> (Vec<String>, Postings, Vec<u32>) {
    let mut sorted: Vec<_> = terms.raw.into_iter().enumerate().collect();
    sorted.sort_unstable_by(|a, b| a.1.0.cmp(&b.1.0));
    let mut rank = vec![0u32; sorted.len()];
    for (pos, (id, _)) in sorted.iter().enumerate() {
        if let Some(r) = rank.get_mut(*id) {
            *r = u32::try_from(pos).unwrap_or(u32::MAX);
        }
    }
    let (vocab, postings) = sorted.into_iter().map(|(_, term)| term).unzip();
    (vocab, postings, rank)
}

/// Each category id with the stems of its one-word names and synonyms.
fn category_stems() -> Vec<(String, Vec<String>)> {
    categories()
        .iter()
        .map(|c| {
            let mut stems: Vec<String> = [&c.name.fi, &c.name.sv, &c.name.en]
                .into_iter()
                .flatten()
                .chain(c.synonyms.iter())
                .chain(std::iter::once(&c.id))
                .filter(|s| !s.contains(' ') && !s.contains('-'))
                // A stop word (`till`, glacial till / Swedish "to") is never searched for, and
                // its stem must not open the category to `tiili`.
                .filter(|s| !is_stop(fold(s).trim()))
                .map(|s| stem(fold(s).trim()))
                .collect();
            crate::sort::sort(&mut stems);
            stems.dedup();
            (c.id.clone(), stems)
        })
        .collect()
}

/// The sorted category ids and region names of `docs`; sets each doc's positions in it.
fn facet_names(docs: &mut [Doc]) -> Vec<String> {
    let mut names: Vec<String> = docs
        .iter()
        .map(|d| d.category.clone())
        .chain(
            docs.iter()
                .filter_map(|d| d.municipality.map(|m| m.region_fi.clone())),
        )
        .collect();
    crate::sort::sort(&mut names);
    names.dedup();
    let ix = |name: &str| {
        names
            .binary_search_by(|n| n.as_str().cmp(name))
            .ok()
            .and_then(|i| u32::try_from(i).ok())
    };
    for d in docs.iter_mut() {
        d.category_ix = ix(&d.category).unwrap_or(0);
        d.region_ix = d.municipality.and_then(|m| ix(&m.region_fi));
    }
    names
}

/// The listings' positions in id order (ties by position): the order postings are built in.
fn by_id(listings: &[Listing]) -> Vec<u32> {
    let mut by_id: Vec<u32> = (0..listings.len())
        .map(|i| u32::try_from(i).unwrap_or(u32::MAX))
        .collect();
    let id = |i: u32| listings.get(i as usize).map_or("", |l| l.id.as_str());
    crate::sort::sort_by(&mut by_id, |&a, &b| id(a).cmp(id(b)).then(a.cmp(&b)));
    by_id
}

/// The inverse of [`by_id`]: each listing's rank in id order.
fn id_rank(by_id: &[u32]) -> Vec<u32> {
    let mut id_rank = vec![0u32; by_id.len()];
    for (rank, &doc) in by_id.iter().enumerate() {
        if let Some(r) = id_rank.get_mut(doc as usize) {
            *r = u32::try_from(rank).unwrap_or(u32::MAX);
        }
    }
    id_rank
}

fn lite(d: &Doc) -> Lite {
    Lite {
        open: d.open,
        seek: d.kind == ListingKind::Seek,
        category_ix: u8::try_from(d.category_ix).unwrap_or(u8::MAX),
        region_ix: d
            .region_ix
            .and_then(|r| u8::try_from(r).ok())
            .unwrap_or(u8::MAX),
        until: d
            .until
            .map_or(i32::MAX, |u| i32::try_from(u).unwrap_or(i32::MAX)),
    }
}

/// Per term: BM25-style idf over `n` documents and the largest field weight of its postings.
fn term_stats(postings: &Postings, n: usize) -> Vec<(f32, f32)> {
    let n = n as f64;
    postings
        .iter()
        .map(|list| {
            let df = list.len() as f64;
            let idf = libm::log(1.0 + (n - df + 0.5) / (df + 0.5)) as f32;
            (idf, list.iter().fold(0f32, |m, &(_, w)| m.max(w)))
        })
        .collect()
}

impl Index {
    /// Builds the index; listings keep their positions for [`super::Hit::index`].
    pub fn new(listings: Vec<Listing>) -> Index {
        let mut pass = Pass {
            docs: Vec::with_capacity(listings.len()),
            material_terms: Vec::with_capacity(listings.len()),
            ..Pass::default()
        };
        // Listings are numbered by their rank in id order, the search's tie-break, so every
        // posting list is in tie-break order and a search can stop inside a list of ties.
        let by_id = by_id(&listings);
        for (rank, &at) in by_id.iter().enumerate() {
            if let Some(l) = listings.get(at as usize) {
                pass.add(u32::try_from(rank).unwrap_or(u32::MAX), l);
            }
        }
        let Pass {
            terms,
            docs,
            material_terms,
            ..
        } = pass;
        let (vocab, postings, rank) = sort_vocabulary(terms);
        let id_rank = id_rank(&by_id);
        // `docs` back in listing order (matching reads them by position); `lite` stays in rank
        // order, as search reads it per posting.
        let mut by_rank: Vec<Option<(Doc, Vec<u32>)>> =
            docs.into_iter().zip(material_terms).map(Some).collect();
        let mut docs: Vec<Doc> = Vec::with_capacity(by_rank.len());
        for &r in &id_rank {
            if let Some((mut doc, terms)) = by_rank.get_mut(r as usize).and_then(Option::take) {
                let mut ids: Vec<u32> = terms
                    .iter()
                    .filter_map(|&t| rank.get(t as usize).copied())
                    .collect();
                ids.sort_unstable();
                ids.dedup();
                doc.material = ids;
                docs.push(doc);
            }
        }
        let facet_names = facet_names(&mut docs);
        let lite = by_id
            .iter()
            .filter_map(|&at| docs.get(at as usize))
            .map(lite)
            .collect();
        Index {
            term_stats: term_stats(&postings, docs.len()),
            lite,
            id_rank,
            by_id,
            category_stems: category_stems(),
            facet_names,
            listings,
            docs,
            vocab,
            postings,
            deletions: std::sync::OnceLock::new(),
        }
    }
}
