//! Tests of the stop-word collision class: a material word and a frequent function word of
//! another language may share a stem (`tiili`, brick / `till`, Swedish "to" and English
//! glacial till); the function word must never bring listings or categories to the material.

use super::listing::{Listing, ListingKind};
use super::search::{Index, Query};
use super::taxonomy::categories;
use super::text::{STOP_WORDS, is_stop, stem, synonyms, words};
use crate::vocab::{Quantity, Unit};
use std::collections::BTreeSet;

/// (material word, stop word) pairs whose stems are equal: every one-word category name or
/// synonym that is not itself a stop word, against every stop word.
fn collisions() -> Vec<(String, String)> {
    let mut materials = BTreeSet::new();
    for c in categories() {
        let names = [&c.name.fi, &c.name.sv, &c.name.en].into_iter().flatten();
        for text in names.chain(c.synonyms.iter()) {
            if let [one] = words(text).as_slice()
                && !is_stop(one)
            {
                materials.insert(one.clone());
            }
        }
    }
    let mut out = Vec::new();
    for m in &materials {
        let s = stem(m);
        for stop in STOP_WORDS {
            if stem(stop) == s {
                out.push((m.clone(), (*stop).to_owned()));
            }
        }
    }
    out
}

fn listing(id: &str, title: &str, category: &str) -> Listing {
    Listing::new(
        id,
        ListingKind::Offer,
        title,
        category,
        Quantity {
            amount: 1.0,
            unit: Unit::Tonne,
        },
        "Tampere",
    )
}

fn hits(index: &Index, text: &str) -> BTreeSet<String> {
    let q = Query {
        limit: 0,
        ..Query::text(text)
    };
    index.search(&q).hits.into_iter().map(|h| h.id).collect()
}

/// The categories a material word reaches by right: those with a one-word name or synonym,
/// not a stop word, whose stem is the word's stem or a thesaurus synonym of it.
fn own_categories(m: &str) -> BTreeSet<String> {
    let s = stem(m);
    let mut wanted: Vec<String> = synonyms(&s).to_vec();
    wanted.push(s);
    categories()
        .iter()
        .filter(|c| {
            let names = [&c.name.fi, &c.name.sv, &c.name.en].into_iter().flatten();
            names
                .chain(c.synonyms.iter())
                .any(|t| match words(t).as_slice() {
                    [one] => !is_stop(one) && wanted.contains(&stem(one)),
                    _ => false,
                })
        })
        .map(|c| c.id.clone())
        .collect()
}

#[test]
fn the_collision_class_is_not_empty() {
    // The test below would pass vacuously without pairs; `tiili`/`till` is the known one.
    let pairs = collisions();
    assert!(
        pairs.iter().any(|(m, s)| m == "tiili" && s == "till"),
        "{pairs:?}"
    );
}

#[test]
fn a_stop_word_brings_a_material_word_no_listing_and_no_category() {
    // One listing per category with a title that matches nothing, and one listing per stop
    // word written as a lister would use it ("… till återvinning").
    let mut listings: Vec<Listing> = categories()
        .iter()
        .map(|c| listing(&format!("cat-{}", c.id), "Erä 1", &c.id))
        .collect();
    let pairs = collisions();
    for (i, (_, stop)) in pairs.iter().enumerate() {
        listings.push(listing(&format!("stop-{i}"), &format!("Erä {stop} 2"), ""));
    }
    let index = Index::new(listings);
    let mut failures = Vec::new();
    for (i, (m, stop)) in pairs.iter().enumerate() {
        let got = hits(&index, m);
        if got.contains(&format!("stop-{i}")) {
            failures.push(format!("{m} finds the listing with {stop:?}"));
        }
        let own = own_categories(m);
        for id in got.iter().filter_map(|h| h.strip_prefix("cat-")) {
            if !own.contains(id) {
                failures.push(format!("{m} reaches category {id} through {stop:?}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_compound_head_finds_its_synonyms_in_the_other_language_before_its_modifier() {
    // `työ|vaatteita` (work clothes) against Swedish `arbets|kläder` and a Finnish `työ|pöytiä`
    // (work desks): the head's synonym outranks the modifier's own word.
    let mut desks = listing("desks", "Toimistokalusteita", "other");
    desks.description = "Työpöytiä ja tuoleja, ehjiä.".into();
    let mut clothes = listing("clothes", "Arbetskläderna ska bort", "textiles");
    clothes.description = "Tvättade arbetskläder och overaller.".into();
    let index = Index::new(vec![desks, clothes]);
    let q = Query {
        limit: 0,
        ..Query::text("työvaatteita")
    };
    let ids: Vec<String> = index.search(&q).hits.into_iter().map(|h| h.id).collect();
    assert_eq!(ids.first().map(String::as_str), Some("clothes"), "{ids:?}");
}

#[test]
fn seeking_verbs_do_not_bring_wood_chips() {
    // `hakee` (seeks) and `hake` (wood chips) share a stem.
    let mut seek = listing("seek", "Tekstiilijätettä", "textiles");
    seek.description = "Kierrätyslaitos hakee puhdasta tekstiiliä.".into();
    let chips = listing("chips", "Haketta energiakäyttöön", "wood");
    let index = Index::new(vec![seek, chips]);
    assert_eq!(hits(&index, "hake"), BTreeSet::from(["chips".to_owned()]));
}
