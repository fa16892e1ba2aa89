//! Property tests of search over Finnish inflection: every word of the shipped taxonomy and a
//! sample of indexed words, put by rule into its partitive, genitive, elative, illative and
//! plural forms (consonant gradation included), retrieves every listing its base form does.

use super::listing::sample_listings;
use super::search::{Index, Query};
use super::taxonomy::categories;
use super::text::{fold, is_stop, words};
use std::collections::BTreeSet;

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
}

/// Strong grade → weak grade of the consonants before the last vowel (`kk`→`k`, `nt`→`nn`,
/// `t`→`d`, `k`→∅ …), for the closed-syllable forms of vowel-final words (`lanta`→`lanna-`).
fn weaken(stem: &str) -> String {
    const PAIRS: &[(&str, &str)] = &[
        ("kk", "k"),
        ("pp", "p"),
        ("tt", "t"),
        ("nt", "nn"),
        ("mp", "mm"),
        ("lt", "ll"),
        ("rt", "rr"),
        ("nk", "ng"),
        ("ht", "hd"),
        ("lk", "lj"),
    ];
    let Some(last) = stem.chars().last() else {
        return stem.to_owned();
    };
    let body = &stem[..stem.len() - last.len_utf8()];
    for (strong, weak) in PAIRS {
        if let Some(head) = body.strip_suffix(strong) {
            return format!("{head}{weak}{last}");
        }
    }
    let b = body.as_bytes();
    match (b.last(), b.len().checked_sub(2).and_then(|i| b.get(i))) {
        (Some(b't'), Some(&v)) if is_vowel(v as char) => {
            format!("{}d{last}", &body[..body.len() - 1])
        }
        (Some(b'k'), Some(&v)) if is_vowel(v as char) => {
            format!("{}{last}", &body[..body.len() - 1])
        }
        (Some(b'p'), Some(&v)) if is_vowel(v as char) => {
            format!("{}v{last}", &body[..body.len() - 1])
        }
        _ => stem.to_owned(),
    }
}

/// Weak grade → strong grade, for `-e` and `-as` words whose inflected stem is strong
/// (`jäte`→`jättee-`, `rengas`→`renkaa-`).
fn strengthen(body: &str) -> String {
    const PAIRS: &[(&str, &str)] = &[
        ("ng", "nk"),
        ("nn", "nt"),
        ("mm", "mp"),
        ("ll", "lt"),
        ("rr", "rt"),
        ("hd", "ht"),
    ];
    for (weak, strong) in PAIRS {
        if let Some(head) = body.strip_suffix(weak) {
            return format!("{head}{strong}");
        }
    }
    let b = body.as_bytes();
    let before_vowel = b.len() >= 2 && is_vowel(b[b.len() - 2] as char);
    match b.last() {
        Some(b't' | b'k' | b'p') if before_vowel => {
            let c = b[b.len() - 1] as char;
            format!("{body}{c}")
        }
        Some(b'd') => format!("{}t", &body[..body.len() - 1]),
        Some(b'v') if before_vowel => format!("{}p", &body[..body.len() - 1]),
        _ => body.to_owned(),
    }
}

/// Partitive, genitive, elative, illative, nominative plural and partitive plural of a folded
/// base form, by the rules of its word type.
pub(crate) fn inflect(w: &str) -> Vec<String> {
    let Some(last) = w.chars().last() else {
        return Vec::new();
    };
    let body = &w[..w.len() - last.len_utf8()];
    let long_end = body.ends_with(last) && is_vowel(last);
    if long_end {
        // puu, maa: puuta, puun, puusta, puuhun, puut, puita
        let short = body;
        return vec![
            format!("{w}ta"),
            format!("{w}n"),
            format!("{w}sta"),
            format!("{w}h{last}n"),
            format!("{w}t"),
            format!("{short}ita"),
        ];
    }
    match last {
        'e' => {
            // jäte: jätettä, jätteen, jätteestä, jätteeseen, jätteet, jätteitä
            let strong = strengthen(body);
            vec![
                format!("{w}tta"),
                format!("{strong}een"),
                format!("{strong}eesta"),
                format!("{strong}eeseen"),
                format!("{strong}eet"),
                format!("{strong}eita"),
            ]
        }
        'i' => {
            // betoni: betonia, betonin, betonista, betoniin, betonit, betoneja
            let weak = weaken(w);
            vec![
                format!("{w}a"),
                format!("{weak}n"),
                format!("{weak}sta"),
                format!("{w}in"),
                format!("{weak}t"),
                format!("{body}eja"),
            ]
        }
        'a' | 'o' | 'u' | 'y' => {
            // lava: lavaa, lavan, lavasta, lavaan, lavat, lavoja (sora: soria)
            let weak = weaken(w);
            let plural = if last == 'a' {
                // Two-syllable words with a round first vowel take -ia (sora → soria).
                let syllables = w
                    .chars()
                    .zip(w.chars().skip(1).chain(std::iter::once(' ')))
                    .filter(|(c, next)| is_vowel(*c) && !is_vowel(*next))
                    .count();
                let first = w.chars().find(|c| is_vowel(*c));
                if syllables == 2 && matches!(first, Some('o' | 'u')) {
                    format!("{body}ia")
                } else {
                    format!("{body}oja")
                }
            } else {
                format!("{w}ja")
            };
            vec![
                format!("{w}a"),
                format!("{weak}n"),
                format!("{weak}sta"),
                format!("{w}{last}n"),
                format!("{weak}t"),
                plural,
            ]
        }
        's' if body.ends_with('a') => {
            // rengas: rengasta, renkaan, renkaasta, renkaaseen, renkaat, renkaita
            let strong = format!("{}a", strengthen(&body[..body.len() - 1]));
            vec![
                format!("{w}ta"),
                format!("{strong}an"),
                format!("{strong}asta"),
                format!("{strong}aseen"),
                format!("{strong}at"),
                format!("{strong}ita"),
            ]
        }
        's' => {
            // pakkaus: pakkausta, pakkauksen, pakkauksesta, pakkaukseen, pakkaukset, pakkauksia
            vec![
                format!("{w}ta"),
                format!("{body}ksen"),
                format!("{body}ksesta"),
                format!("{body}kseen"),
                format!("{body}kset"),
                format!("{body}ksia"),
            ]
        }
        _ => {
            // Loans ending in a consonant take an `i`: pallet → palletia, palletin, …
            vec![
                format!("{w}ia"),
                format!("{w}in"),
                format!("{w}ista"),
                format!("{w}iin"),
                format!("{w}it"),
                format!("{w}eja"),
            ]
        }
    }
}

/// Finnish-looking base forms: native nominatives end in a vowel or `s` (the taxonomy's
/// synonym lists mix fi, sv and en, and Finnish case rules do not apply to `pallet`).
fn finnish_shaped(w: &str) -> bool {
    let b = w.as_bytes();
    let consonant_s = w.ends_with('s') && b.len() >= 2 && !is_vowel(b[b.len() - 2] as char);
    w.len() >= 3
        && w.bytes().all(|b| b.is_ascii_lowercase() && !b"cqwxz".contains(&b))
        && !is_stop(w)
        && w.ends_with(['a', 'e', 'i', 'o', 'u', 'y', 's'])
        && !(w.ends_with('s') && w.len() < 5)
        // Finnish three-letter nominals end in a long vowel or diphthong (puu, maa, suo).
        && (w.len() > 3 || b.get(1).is_some_and(|&c| is_vowel(c as char)))
        && !consonant_s
        && !w.ends_with("ies")
        && !w.ends_with("lle")
        && !w.ends_with("ve")
}

/// The base words: every one-word Finnish-shaped entry of the taxonomy (category names and
/// synonyms), and the words of the demo listings that are such an entry or a part of one
/// in nominative, e.g. `betoni` of `betonimurske`.
fn base_words() -> Vec<String> {
    let mut out = BTreeSet::new();
    for c in categories() {
        let names = [&c.name.fi, &c.name.sv, &c.name.en].into_iter().flatten();
        for text in names.chain(c.synonyms.iter()) {
            if let [one] = words(text).as_slice()
                && finnish_shaped(one)
            {
                out.insert(one.clone());
            }
        }
    }
    let taxonomy: Vec<String> = out.iter().cloned().collect();
    for l in sample_listings() {
        for w in words(&format!("{} {}", l.title, l.description)) {
            if finnish_shaped(&w) && taxonomy.iter().any(|t| t.contains(w.as_str())) {
                out.insert(w);
            }
        }
    }
    out.into_iter().collect()
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
fn the_generator_makes_the_textbook_forms() {
    assert_eq!(
        inflect(&fold("jäte")),
        [
            "jatetta",
            "jatteen",
            "jatteesta",
            "jatteeseen",
            "jatteet",
            "jatteita"
        ]
    );
    assert_eq!(
        inflect("betoni"),
        [
            "betonia",
            "betonin",
            "betonista",
            "betoniin",
            "betonit",
            "betoneja"
        ]
    );
    assert_eq!(inflect("lanta")[1], "lannan");
    assert_eq!(inflect("kuitu")[1], "kuidun");
    assert_eq!(inflect("rengas")[1], "renkaan");
    assert_eq!(inflect("pakkaus")[2], "pakkauksesta");
    assert_eq!(inflect("puu")[3], "puuhun");
    assert_eq!(inflect("ruoka")[1], "ruoan");
    assert_eq!(inflect("tolkki")[1], "tolkin");
}

#[test]
fn every_inflected_form_retrieves_what_its_base_form_retrieves() {
    let index = Index::new(sample_listings());
    let mut failures = Vec::new();
    let bases = base_words();
    assert!(bases.len() > 400, "{}", bases.len());
    for base in &bases {
        for prefix in [false, true] {
            let want = hits(&index, base, prefix);
            // A form that is a stop word (`noki` → `noin`, "about") is not a material query.
            for form in inflect(base).into_iter().filter(|f| !is_stop(f)) {
                let got = hits(&index, &form, prefix);
                let missing: Vec<&String> = want.difference(&got).collect();
                if !missing.is_empty() {
                    failures.push(format!(
                        "{base} → {form} (prefix {prefix}) misses {missing:?}"
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
