//! Searching a directory: the finder's Finnish-aware [`Index`] over each entry's text (no
//! second search engine), then facet filters and counts per kind.

use super::entry::{Entries, all_langs};
use super::funding::{CallState, call_timing};
use crate::matching::{Index, Listing, ListingKind, Query, find_municipality};
use crate::scoring::region_of;
use crate::vocab::{Lang, Quantity, Unit};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A directory search. Filters: facet name → accepted values (any of them); names of other
/// kinds are ignored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DirectoryQuery {
    /// Free text in any of fi/sv/en; empty lists every entry that passes the filters.
    pub text: String,
    /// Facet name → accepted values.
    pub filters: BTreeMap<String, Vec<String>>,
    /// UTC seconds, for the funding `state` facet; no clock is read.
    pub now: Option<i64>,
    /// "Closing soon" means within this many days.
    pub closing_within_days: u32,
    /// Page size; 0 returns every hit.
    pub limit: usize,
    /// Hits skipped before the page.
    pub offset: usize,
}

impl Default for DirectoryQuery {
    fn default() -> DirectoryQuery {
        DirectoryQuery {
            text: String::new(),
            filters: BTreeMap::new(),
            now: None,
            closing_within_days: 14,
            limit: 0,
            offset: 0,
        }
    }
}

/// One ranked entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DirectoryHit {
    /// The entry's id.
    pub id: String,
    /// Position in the entries the directory was built from.
    pub index: usize,
    /// Text relevance in [0, 1]; 0 when the query has no words.
    pub score: f64,
}

/// Hits of one page, the total and, per facet, the count of each value.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct DirectoryResults {
    /// Entries that pass the query, across every page.
    pub total: usize,
    /// The hits of the page, best first.
    pub hits: Vec<DirectoryHit>,
    /// Counted over the hits that pass every filter except the facet's own, so choosing a
    /// value does not hide its alternatives.
    pub facets: BTreeMap<String, BTreeMap<String, usize>>,
}

/// The value of a region facet for an entry that serves all of Finland; it passes every
/// region filter.
pub const WHOLE_COUNTRY: &str = "*";

/// Entries and their search index.
#[derive(Debug, Clone)]
pub struct Directory {
    entries: Entries,
    index: Index,
}

impl Directory {
    /// Entries with their search index built.
    pub fn new(entries: Entries) -> Directory {
        let listings = (0..entries.len())
            .map(|i| as_listing(&entries, i))
            .collect();
        Directory {
            index: Index::new(listings),
            entries,
        }
    }

    /// The entries, as given.
    pub fn entries(&self) -> &Entries {
        &self.entries
    }

    /// Facet name and values of entry `i` (state needs `now`).
    pub fn facet_values(&self, i: usize, query: &DirectoryQuery) -> Vec<(&'static str, String)> {
        facet_values(&self.entries, i, query)
    }

    /// The entries that match the text and pass the filters, one page, with facet counts.
    pub fn search(&self, query: &DirectoryQuery) -> DirectoryResults {
        let q = Query {
            text: query.text.clone(),
            include_closed: true,
            limit: 0,
            offset: 0,
            ..Query::default()
        };
        let hits = self.index.search(&q).hits;
        let mut facets: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
        let mut kept = Vec::new();
        for h in hits {
            let values = facet_values(&self.entries, h.index, query);
            // Facets the entry fails, by name: none → kept; one → counts for that facet only.
            let failing: Vec<&str> = query
                .filters
                .iter()
                .filter(|(_, accepted)| !accepted.is_empty())
                .filter(|(name, accepted)| !passes(&values, name, accepted))
                .map(|(name, _)| name.as_str())
                .collect();
            for (name, value) in &values {
                if failing.is_empty() || (failing.len() == 1 && failing[0] == *name) {
                    *facets
                        .entry((*name).to_owned())
                        .or_default()
                        .entry(value.clone())
                        .or_default() += 1;
                }
            }
            if failing.is_empty() {
                kept.push(DirectoryHit {
                    id: h.id,
                    index: h.index,
                    score: h.score,
                });
            }
        }
        let total = kept.len();
        let end = if query.limit == 0 {
            kept.len()
        } else {
            query.offset.saturating_add(query.limit).min(kept.len())
        };
        let hits = kept.into_iter().take(end).skip(query.offset).collect();
        DirectoryResults {
            total,
            hits,
            facets,
        }
    }
}

/// Whether an entry with facet `values` has one of `accepted` under `name`; an entry for the
/// whole country passes any region.
fn passes(values: &[(&str, String)], name: &str, accepted: &[String]) -> bool {
    values.iter().any(|(n, v)| {
        *n == name && (accepted.contains(v) || (name == "region" && v == WHOLE_COUNTRY))
    })
}

/// Each entry as a listing, so that the finder's index analyses its words the same way:
/// the name or title is the title, every other text the description, the organisation or
/// funder the place field.
fn as_listing(entries: &Entries, i: usize) -> Listing {
    let one = Quantity {
        amount: 1.0,
        unit: Unit::Piece,
    };
    let mut l = match entries {
        Entries::Experts(v) => {
            let e = &v[i];
            let mut l = Listing::new(
                &e.id,
                ListingKind::Offer,
                &e.name,
                e.categories.first().map_or("", String::as_str),
                one,
                e.municipality.as_deref().unwrap_or(""),
            );
            let mut d = vec![all_langs(&e.description)];
            d.extend(e.skills.iter().map(|s| all_langs(&s.name())));
            d.extend(
                e.categories
                    .iter()
                    .skip(1)
                    .filter_map(|c| crate::matching::category(c))
                    .map(|c| all_langs(&c.name)),
            );
            l.description = d.join(" ");
            l.organisation = e.organisation.clone();
            l
        }
        Entries::Funding(v) => {
            let c = &v[i];
            let mut l = Listing::new(&c.id, ListingKind::Offer, &all_langs(&c.title), "", one, "");
            l.description = [all_langs(&c.programme), all_langs(&c.description)].join(" ");
            l.organisation = Some(c.funder.clone());
            l
        }
        Entries::Companies(v) => {
            let c = &v[i];
            let mut l = Listing::new(&c.id, ListingKind::Offer, &c.name, "", one, &c.municipality);
            let mut d = vec![all_langs(&c.description), all_langs(&c.sector)];
            d.extend(c.models.iter().map(|m| all_langs(&m.name())));
            l.description = d.join(" ");
            l
        }
    };
    l.status = crate::matching::Status::Open;
    l
}

fn region_value(r: &str) -> String {
    if r.trim() == WHOLE_COUNTRY {
        WHOLE_COUNTRY.to_owned()
    } else {
        region_of(r).map_or_else(|| r.trim().to_owned(), str::to_owned)
    }
}

fn facet_values(
    entries: &Entries,
    i: usize,
    query: &DirectoryQuery,
) -> Vec<(&'static str, String)> {
    let mut out: Vec<(&'static str, String)> = Vec::new();
    match entries {
        Entries::Experts(v) => {
            let Some(e) = v.get(i) else { return out };
            out.extend(e.categories.iter().map(|c| ("category", c.clone())));
            out.extend(e.skills.iter().map(|s| ("skill", s.as_str().to_owned())));
            out.extend(e.regions.iter().map(|r| ("region", region_value(r))));
            out.extend(e.languages.iter().map(|l| ("language", l.tag().to_owned())));
        }
        Entries::Funding(v) => {
            let Some(c) = v.get(i) else { return out };
            if let Some(now) = query.now {
                let state = call_timing(c, now, query.closing_within_days).state;
                out.push(("state", state.as_str().to_owned()));
                // A call closing soon is open too, so "open" lists it as well.
                if state == CallState::ClosingSoon {
                    out.push(("state", CallState::Open.as_str().to_owned()));
                }
            }
            out.push(("funder", c.funder.trim().to_owned()));
            out.extend(c.topics.iter().map(|t| ("topic", t.clone())));
            out.extend(
                c.organisation_types
                    .iter()
                    .map(|t| ("organisation_type", t.clone())),
            );
            if c.regions.is_empty() {
                out.push(("region", WHOLE_COUNTRY.to_owned()));
            }
            out.extend(c.regions.iter().map(|r| ("region", region_value(r))));
        }
        Entries::Companies(v) => {
            let Some(c) = v.get(i) else { return out };
            out.extend(c.models.iter().map(|m| ("model", m.as_str().to_owned())));
            if let Some(m) = find_municipality(&c.municipality) {
                out.push(("region", m.region_fi.clone()));
                out.push(("municipality", m.fi.clone()));
            }
            let sector = c.sector.get(Lang::Fi).trim();
            if !sector.is_empty() {
                out.push(("sector", sector.to_owned()));
            }
        }
    }
    crate::sort::sort(&mut out);
    out.dedup();
    out
}
