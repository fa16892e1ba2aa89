//! Property test of search over Swedish inflection: every one-word Swedish entry of the shipped
//! taxonomy and the Swedish words of the demo listings, put by rule into its definite singular,
//! plural and definite plural forms, retrieves every listing its base form does.
//!
//! Gender and plural class are lexical in Swedish (`plasten`/`plaster` but `däcket`/`däck`),
//! so for a consonant-final word both the en and the ett forms and both the `-ar` and `-er`
//! plurals are generated: a search must not depend on knowing which one a word takes.

use super::import::sample_listings;
use super::listing::{Listing, ListingKind};
use super::search::{Index, Query};
use super::taxonomy::categories;
use super::text::{fold, is_stop, stem};
use crate::vocab::{Lang, Quantity, Unit};
use std::collections::{BTreeMap, BTreeSet};

/// Where each category's synonym list (fi, then sv, then en) turns Swedish and then English:
/// the first Swedish and the first English entry.
const BLOCKS: &[(&str, &str, &str)] = &[
    ("construction", "byggavfall", "construction waste"),
    ("soil", "jord", "soil"),
    ("wood", "trä", "plywood"),
    ("plastics", "plast", "plastic"),
    ("textiles", "textil", "textile"),
    ("food", "mat", "food"),
    ("electronics", "elektronik", "electronics"),
    ("metals", "metall", "metal"),
    ("paper", "papper", "paper"),
    ("glass", "glas", "glass"),
    ("ash", "aska", "ash"),
    ("chemicals", "kemikalie", "chemical"),
    ("other", "övrigt", "other"),
];

/// The Swedish word types the generator knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Class {
    /// flaska, lampa, planka: flaskan, flaskor, flaskorna
    A,
    /// påse, stubbe, linne: påsen, påsar, påsarna; linnet, linnen
    E,
    /// trä, sko, bly: träet, trän, skon, skor, skorna
    OtherVowel,
    /// skrivare, container-like agent nouns: skrivaren, skrivarna
    Are,
    /// tegel, papper, fönster, fiber, kabel: teglet, pappret, fibrer, kablar
    ElEr,
    /// plast, däck, glas, pall, isolering: plasten, däcket, plaster, pallar, glasen
    Consonant,
}

fn classify(w: &str) -> Option<Class> {
    let last = w.chars().last()?;
    Some(if w.ends_with("are") && w.len() >= 6 {
        Class::Are
    } else if last == 'a' {
        Class::A
    } else if last == 'e' {
        Class::E
    } else if "iouyåäö".contains(last) {
        Class::OtherVowel
    } else if (w.ends_with("el") || w.ends_with("er")) && w.len() >= 5 {
        Class::ElEr
    } else {
        Class::Consonant
    })
}

/// The definite singular, plural and definite plural forms of a folded Swedish base form.
fn inflect(w: &str) -> Vec<String> {
    let Some(class) = classify(w) else {
        return Vec::new();
    };
    let Some(last) = w.chars().last() else {
        return Vec::new();
    };
    let body = &w[..w.len() - last.len_utf8()];
    // The genitive `-s` too, except after an `s` (glas → glas).
    let consonant = |stem: &str| -> Vec<String> {
        ["en", "et", "ar", "er", "arna", "erna", "s"]
            .iter()
            .filter(|e| **e != "s" || !stem.ends_with('s'))
            .map(|e| format!("{stem}{e}"))
            .collect()
    };
    match class {
        Class::A => vec![format!("{w}n"), format!("{body}or"), format!("{body}orna")],
        Class::E => vec![
            format!("{w}n"),
            format!("{w}t"),
            format!("{body}ar"),
            format!("{body}arna"),
            format!("{w}na"),
        ],
        Class::OtherVowel => {
            // batteri → batterier, bly → blyet; sko → skor; trä → trän
            let plural = match last {
                'i' | 'y' => "er",
                'o' | 'u' => "r",
                _ => "n",
            };
            let mut out = vec![
                format!("{w}n"),
                format!("{w}t"),
                format!("{w}et"),
                format!("{w}{plural}"),
                format!("{w}na"),
            ];
            if plural != "n" {
                out.push(format!("{w}{plural}na"));
            }
            out
        }
        Class::Are => vec![format!("{w}n"), format!("{body}na")],
        Class::ElEr => {
            // tegel → tegl-, papper → pappr-: the unstressed `e` drops before an ending.
            let syncope = format!("{}{last}", &w[..w.len() - 2]);
            let mut out = vec![format!("{w}n"), format!("{w}et")];
            out.extend(consonant(&syncope));
            out
        }
        Class::Consonant => consonant(w),
    }
}

/// The lower-case words of `text`, diacritics kept (the generator needs `trä`, not `tra`).
fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Swedish-looking one-word entries: letters only, not a stop word, and not itself a plural
/// or definite form of another listed word (`pallar`, `metaller`, `textilier`).
fn swedish_shaped(w: &str, listed: &BTreeSet<String>) -> bool {
    let inflected = ["ar", "or", "er", "na", "en", "et", "r"].iter().any(|e| {
        w.strip_suffix(e).is_some_and(|stem| {
            listed.contains(stem)
                || listed.contains(&format!("{stem}a"))
                || listed.contains(&format!("{stem}e"))
        })
    });
    w.chars().count() >= 3
        && w.chars().all(|c| c.is_alphabetic() && c.is_lowercase())
        && !is_stop(&fold(w))
        && !inflected
        && !w.ends_with("ier")
        // plurals listed on their own (förpackningar, pallar)
        && !(w.chars().count() >= 6 && (w.ends_with("ar") || w.ends_with("or")))
}

/// The Swedish one-word entries of every category (its sv name and its Swedish synonyms), and
/// the words of the Swedish demo listings that are such an entry or a part of one.
fn base_words() -> Vec<String> {
    let mut entries: BTreeSet<String> = BTreeSet::new();
    for c in categories() {
        let &(_, first_sv, first_en) = BLOCKS
            .iter()
            .find(|(id, ..)| *id == c.id)
            .unwrap_or_else(|| panic!("no Swedish block for category {}", c.id));
        let start = c.synonyms.iter().position(|s| s == first_sv);
        let end = c.synonyms.iter().position(|s| s == first_en);
        let (Some(start), Some(end)) = (start, end) else {
            panic!(
                "{}: the block words {first_sv:?}/{first_en:?} are not synonyms",
                c.id
            );
        };
        assert!(start < end, "{}: Swedish block after the English one", c.id);
        let texts = c.name.sv.iter().chain(c.synonyms[start..end].iter());
        for text in texts {
            if let [one] = words(text).as_slice() {
                entries.insert(one.clone());
            }
        }
    }
    let mut out: BTreeSet<String> = entries
        .iter()
        .filter(|w| swedish_shaped(w, &entries))
        .cloned()
        .collect();
    for l in sample_listings()
        .into_iter()
        .chain(class_listings())
        .filter(|l| l.lang == Some(Lang::Sv))
    {
        for w in words(&format!("{} {}", l.title, l.description)) {
            if swedish_shaped(&w, &entries) && entries.iter().any(|e| e.contains(w.as_str())) {
                out.insert(w);
            }
        }
    }
    out.into_iter().collect()
}

/// Swedish listings in base forms, one per word type, as a lister would title them.
fn class_listings() -> Vec<Listing> {
    [
        "Glasflaska, klar",
        "Plastpåse och säck",
        "Trä från rivning",
        "Skrivare, begagnad",
        "Tegel och kakel",
        "Papper från kontor",
        "Däck, personbil",
        "Plast, blandad",
        "Isolering, mineralull",
    ]
    .iter()
    .enumerate()
    .map(|(i, title)| {
        let mut l = Listing::new(
            &format!("sv-class-{i}"),
            ListingKind::Offer,
            title,
            "",
            Quantity {
                amount: 1.0,
                unit: Unit::Tonne,
            },
            "Vaasa",
        );
        l.lang = Some(Lang::Sv);
        l
    })
    .collect()
}

fn hits(index: &Index, text: &str, prefix: bool) -> BTreeSet<String> {
    let q = Query {
        limit: 0,
        prefix,
        ..Query::text(text)
    };
    index.search(&q).hits.into_iter().map(|h| h.id).collect()
}

#[test]
fn the_generator_makes_the_forms_of_every_word_type() {
    let has = |w: &str, forms: &[&str]| {
        let got = inflect(w);
        for f in forms {
            assert!(got.iter().any(|g| g == f), "{w}: {f} not in {got:?}");
        }
    };
    has("flaska", &["flaskan", "flaskor", "flaskorna"]);
    has("påse", &["påsen", "påsar", "påsarna"]);
    has("linne", &["linnet", "linnen"]);
    has("trä", &["träet", "trän"]);
    has("sko", &["skon", "skor", "skorna"]);
    has("skrivare", &["skrivaren", "skrivarna"]);
    has("tegel", &["teglet", "teglen"]);
    has("papper", &["pappret", "papperet"]);
    has("fiber", &["fibern", "fibrer", "fibrerna"]);
    has("kabel", &["kabeln", "kablar", "kablarna"]);
    has("plast", &["plasten", "plaster", "plasterna"]);
    has("däck", &["däcket", "däcken"]);
    has("pall", &["pallen", "pallar", "pallarna"]);
    has("glas", &["glaset", "glasen"]);
}

#[test]
fn every_swedish_form_retrieves_what_its_base_form_retrieves() {
    let mut listings = sample_listings();
    listings.extend(class_listings());
    let index = Index::new(listings);
    let bases = base_words();
    assert!(bases.len() > 150, "{}", bases.len());
    let mut classes: BTreeMap<Class, Vec<&str>> = BTreeMap::new();
    for base in &bases {
        if let Some(class) = classify(base) {
            classes.entry(class).or_default().push(base);
        }
    }
    for (class, words) in &classes {
        eprintln!(
            "{class:?}: {} words, e.g. {:?}",
            words.len(),
            &words[..words.len().min(4)]
        );
    }
    for class in [
        Class::A,
        Class::E,
        Class::OtherVowel,
        Class::Are,
        Class::ElEr,
        Class::Consonant,
    ] {
        assert!(classes.contains_key(&class), "no base word of {class:?}");
    }
    let mut failures = Vec::new();
    for base in &bases {
        for prefix in [false, true] {
            // Type-ahead widens a stem of three letters only while the word is being typed
            // (`kött` → every `kot…`), so that widening is not asked of its inflected forms.
            let widened = prefix && stem(&fold(base)).len() <= 3;
            let want = hits(&index, base, prefix && !widened);
            for form in inflect(base).into_iter().filter(|f| !is_stop(&fold(f))) {
                let got = hits(&index, &form, prefix);
                let missing: Vec<&String> = want.difference(&got).collect();
                if !missing.is_empty() {
                    failures.push(format!(
                        "{base} ({:?}) → {form} (prefix {prefix}) misses {missing:?}",
                        classify(base)
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
