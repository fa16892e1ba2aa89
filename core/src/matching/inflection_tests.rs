//! Property tests of search over Finnish inflection: every word of the shipped taxonomy and a
//! sample of indexed words, put by rule into its partitive, genitive, elative, illative and
//! plural forms (consonant gradation included), retrieves every listing its base form does.

use super::import::sample_listings;
use super::listing::{Listing, ListingKind};
use super::search::{Index, Query};
use super::taxonomy::categories;
use super::text::{SI_WORDS, fold, is_stop, words};
use crate::vocab::{Quantity, Unit};
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

/// The Finnish word types the generator knows, each with its own stem rules. The property
/// test covers every class that occurs in the taxonomy, the indexed demo listings or the class
/// fixtures below; loans ending in another consonant (`pallet`) are not Finnish-inflected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Class {
    /// puu, maa: puuta, puun, puuhun, puita
    LongVowel,
    /// lava, kuitu, pullo, levy: lavaa, lavan, lavoja
    Vowel,
    /// betoni, paperi (newer words): betonia, betonin, betoneja
    NewI,
    /// kivi, lehti, olki (old e-stems): kiveä, kiven, kiviä
    EStemI,
    /// tiili, hiili, suuri, sieni, kuusi (e-stems after l/r/n/s): tiiltä, tiilen
    EStemIShort,
    /// vesi, käsi, uusi, varsi (t-stems): vettä, veden, veteen, vesiä
    Si,
    /// jäte, tiiviste, liete: jätettä, jätteen, jätteitä
    E,
    /// lasinen, muovinen, metallinen: lasista, lasisen, lasisia
    Nen,
    /// kierrätys, pakkaus, liitos, aines: kierrätystä, kierrätyksen, kierrätyksiä
    Ks,
    /// rengas, kangas, hammas: rengasta, renkaan, renkaita
    As,
    /// puhallin, suodatin, puhelin: puhallinta, puhaltimen, puhaltimia
    In,
    /// arvoton, lyijytön, hajuton: arvotonta, arvottoman, arvottomia
    Ton,
}

/// Old `-i` words inflected on an `e` stem (folded); everything else in `-i` is a newer word.
const E_STEM_I: &[&str] = &[
    "kivi", "tiili", "hiili", "lehti", "jarvi", "olki", "ovi", "pilvi", "suuri", "meri", "tuli",
    "tuuli", "niemi", "sieni", "kieli", "nimi", "aani", "lohi", "joki", "hirvi", "saari", "maki",
    "veri", "suoli", "kuusi", "lahti", "kaski", "sarvi", "hiiri", "vuori", "pieni",
];

/// Newer `-i` words that end like an old one (`muo|vi`, `teks|tiili`, `pap|eri`).
const NEW_I_LOOKALIKES: &[&str] = &["muovi", "tiili", "paperi", "tekstiili"];

/// Whether `w` is `word` or a compound ending in it (a modifier of three or more letters),
/// and not a newer word that only ends like it.
fn ends_in_word(w: &str, list: &[&str]) -> bool {
    let lookalike = |word: &str| {
        NEW_I_LOOKALIKES
            .iter()
            .any(|l| l.len() > word.len() && l.ends_with(word) && w.ends_with(l))
    };
    list.iter().any(|word| {
        !lookalike(word)
            && w.strip_suffix(word)
                .is_some_and(|left| left.is_empty() || left.len() >= 3)
    })
}

/// Finnish phonotactics: no `b`, `f` or `g` (but `ng`), no three consonants in a row.
fn native_letters(w: &str) -> bool {
    let b = w.as_bytes();
    let consonant = |c: u8| !is_vowel(c as char);
    b.iter().enumerate().all(|(i, &c)| match c {
        b'b' | b'f' => false,
        b'g' => i > 0 && b[i - 1] == b'n',
        _ => true,
    }) && !b.windows(3).any(|t| t.iter().all(|&c| consonant(c)))
}

/// The word type of a folded base form, or `None` when Finnish case rules do not apply.
pub(crate) fn classify(w: &str) -> Option<Class> {
    let b = w.as_bytes();
    let n = b.len();
    let last = *b.last()?;
    let before = |i: usize| n.checked_sub(i).and_then(|j| b.get(j)).copied();
    let vowel_at = |i: usize| before(i).is_some_and(|c| is_vowel(c as char));
    Some(match last {
        b'a' | b'o' | b'u' | b'y' | b'e' | b'i' if before(2) == Some(last) => Class::LongVowel,
        b'a' | b'o' | b'u' | b'y' => Class::Vowel,
        b'e' => Class::E,
        b'i' if ends_in_word(w, SI_WORDS) => Class::Si,
        b'i' if ends_in_word(w, E_STEM_I) => {
            if matches!(before(2), Some(b'l' | b'r' | b'n' | b's')) {
                Class::EStemIShort
            } else {
                Class::EStemI
            }
        }
        b'i' => Class::NewI,
        b'n' if n >= 6 && w.ends_with("nen") && vowel_at(4) => Class::Nen,
        b'n' if n >= 6 && w.ends_with("ton") && vowel_at(4) => Class::Ton,
        // -tin/-lin after a vowel or `l` (puhallin, suodatin); loans such as `margin` are not.
        b'n' if n >= 6
            && before(2) == Some(b'i')
            && matches!(before(3), Some(b't' | b'l'))
            && (vowel_at(4) || before(4) == Some(b'l')) =>
        {
            Class::In
        }
        // Native -as words only: `planglas`, `biogas` and `fönsterglas` are Swedish.
        b's' if n >= 5 && before(2) == Some(b'a') && !native_letters(w) => return None,
        b's' if n >= 5 && before(2) == Some(b'a') => Class::As,
        // -es only after `n` (aines, vihannes): `bales` and `ashes` are English plurals.
        b's' if n >= 5 && before(2) == Some(b'e') && before(3) != Some(b'n') => return None,
        b's' if n >= 5 && vowel_at(2) => Class::Ks,
        _ => return None,
    })
}

/// Partitive, genitive, elative, illative, nominative plural and partitive plural of a folded
/// base form, by the rules of its word type (empty when it has none).
pub(crate) fn inflect(w: &str) -> Vec<String> {
    let Some(class) = classify(w) else {
        return Vec::new();
    };
    let Some(last) = w.chars().last() else {
        return Vec::new();
    };
    let body = &w[..w.len() - last.len_utf8()];
    let cut = |k: usize| &w[..w.len() - k];
    match class {
        Class::LongVowel => {
            // puu, maa: puuta, puun, puusta, puuhun, puut, puita
            vec![
                format!("{w}ta"),
                format!("{w}n"),
                format!("{w}sta"),
                format!("{w}h{last}n"),
                format!("{w}t"),
                format!("{body}ita"),
            ]
        }
        Class::E => {
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
        Class::NewI => {
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
        Class::EStemI | Class::EStemIShort => {
            // kivi: kiveä, kiven, kivestä, kiveen, kivet, kiviä; tiili: tiiltä, tiilen, …
            let weak = weaken(&format!("{body}e"));
            let partitive = if class == Class::EStemI {
                format!("{body}ea")
            } else {
                format!("{body}ta")
            };
            vec![
                partitive,
                format!("{weak}n"),
                format!("{weak}sta"),
                format!("{body}een"),
                format!("{weak}t"),
                format!("{body}ia"),
            ]
        }
        Class::Si => {
            // vesi: vettä, veden, vedestä, veteen, vedet, vesiä; varsi: vartta, varren, …
            let stem = cut(2);
            let (strong, weak) = match stem.as_bytes().last() {
                Some(&c) if !is_vowel(c as char) => {
                    (format!("{stem}t"), format!("{stem}{}", c as char))
                }
                _ => (format!("{stem}t"), format!("{stem}d")),
            };
            vec![
                format!("{strong}ta"),
                format!("{weak}en"),
                format!("{weak}esta"),
                format!("{strong}een"),
                format!("{weak}et"),
                format!("{stem}sia"),
            ]
        }
        Class::Vowel => {
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
        Class::Nen => {
            // lasinen: lasista, lasisen, lasisesta, lasiseen, lasiset, lasisia
            let stem = cut(3);
            vec![
                format!("{stem}sta"),
                format!("{stem}sen"),
                format!("{stem}sesta"),
                format!("{stem}seen"),
                format!("{stem}set"),
                format!("{stem}sia"),
            ]
        }
        Class::As => {
            // rengas: rengasta, renkaan, renkaasta, renkaaseen, renkaat, renkaita
            let vowel = &body[body.len() - 1..];
            let strong = format!("{}{vowel}", strengthen(&body[..body.len() - 1]));
            vec![
                format!("{w}ta"),
                format!("{strong}{vowel}n"),
                format!("{strong}{vowel}sta"),
                format!("{strong}{vowel}seen"),
                format!("{strong}{vowel}t"),
                format!("{strong}ita"),
            ]
        }
        Class::Ks => {
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
        Class::In => {
            // puhallin: puhallinta, puhaltimen, puhaltimesta, puhaltimeen, puhaltimet, puhaltimia
            let strong = strengthen(cut(2));
            vec![
                format!("{w}ta"),
                format!("{strong}imen"),
                format!("{strong}imesta"),
                format!("{strong}imeen"),
                format!("{strong}imet"),
                format!("{strong}imia"),
            ]
        }
        Class::Ton => {
            // arvoton: arvotonta, arvottoman, arvottomasta, arvottomaan, arvottomat, arvottomia
            let stem = cut(3);
            vec![
                format!("{w}ta"),
                format!("{stem}ttoman"),
                format!("{stem}ttomasta"),
                format!("{stem}ttomaan"),
                format!("{stem}ttomat"),
                format!("{stem}ttomia"),
            ]
        }
    }
}

/// Finnish-looking base forms of a known word type, not stop words (the taxonomy's synonym
/// lists mix fi, sv and en, and Finnish case rules do not apply to `pallet` or `glass`).
fn finnish_shaped(w: &str) -> bool {
    let b = w.as_bytes();
    w.len() >= 3
        && w.bytes().all(|b| b.is_ascii_lowercase() && !b"cqwxz".contains(&b))
        && !is_stop(w)
        && classify(w).is_some()
        // Finnish three-letter nominals end in a long vowel or diphthong (puu, maa, suo).
        && (w.len() > 3 || b.get(1).is_some_and(|&c| is_vowel(c as char)))
        && !w.ends_with("ies")
        && !w.ends_with("lle")
        && !w.ends_with("ve")
}

/// Listings written in base forms for the word types the demo listings lack or have few of:
/// the property test's own indexed words (each title as a lister would write it).
const CLASS_LISTINGS: &[&str] = &[
    "Lasinen pullo, ehjä",
    "Muovinen kansi, 200 kpl",
    "Metallinen hyllykkö",
    "Puinen kuormalava",
    "Villainen huopa",
    "Jätevesi pesupaikalta",
    "Puhdas vesi, prosessista",
    "Luonnonkivi, harmaa graniitti",
    "Tiili, punainen",
    "Puuhiili säkeissä",
    "Olki paaleina",
    "Koivun lehti ja oksat",
    "Tiiviste EPDM",
    "Liete jätevedenpuhdistamolta",
    "Kierrätys ja lajittelu",
    "Liitos ja putki, kupari",
    "Puhallin, käytetty",
    "Suodatin ilmanvaihtoon",
    "Rengas 16 tuumaa",
    "Kangas, puuvilla",
    "Lyijytön juote",
    "Hajuton öljy",
    "Kuusi ja mänty, tukki",
    "Kansi ja varsi, teräs",
];

/// The base words: every one-word Finnish-shaped entry of the taxonomy (category names and
/// synonyms); the words of the demo listings that are such an entry or a part of one in
/// nominative (`betoni` of `betonimurske`), or of a word type other than the regular vowel
/// stems (`lasinen`, `kierrätys`); and the words of [`CLASS_LISTINGS`].
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
    let irregular = |w: &str| {
        !matches!(
            classify(w),
            Some(Class::Vowel | Class::NewI | Class::LongVowel) | None
        )
    };
    for l in sample_listings() {
        for w in words(&format!("{} {}", l.title, l.description)) {
            if finnish_shaped(&w)
                && (irregular(&w) || taxonomy.iter().any(|t| t.contains(w.as_str())))
            {
                out.insert(w);
            }
        }
    }
    for title in CLASS_LISTINGS {
        for w in words(title) {
            if finnish_shaped(&w)
                && (irregular(&w) || taxonomy.iter().any(|t| t.contains(w.as_str())))
            {
                out.insert(w);
            }
        }
    }
    out.into_iter().collect()
}

/// The demo listings and one seek per [`CLASS_LISTINGS`] title.
fn test_listings() -> Vec<Listing> {
    let mut listings = sample_listings();
    for (i, title) in CLASS_LISTINGS.iter().enumerate() {
        listings.push(Listing::new(
            &format!("class-{i}"),
            ListingKind::Offer,
            title,
            "",
            Quantity {
                amount: 1.0,
                unit: Unit::Tonne,
            },
            "Tampere",
        ));
    }
    listings
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
    let cases: &[(&str, Class, [&str; 6])] = &[
        (
            "puu",
            Class::LongVowel,
            ["puuta", "puun", "puusta", "puuhun", "puut", "puita"],
        ),
        (
            "lanta",
            Class::Vowel,
            [
                "lantaa", "lannan", "lannasta", "lantaan", "lannat", "lantoja",
            ],
        ),
        (
            "betoni",
            Class::NewI,
            [
                "betonia",
                "betonin",
                "betonista",
                "betoniin",
                "betonit",
                "betoneja",
            ],
        ),
        (
            "lehti",
            Class::EStemI,
            [
                "lehtea", "lehden", "lehdesta", "lehteen", "lehdet", "lehtia",
            ],
        ),
        (
            "tiili",
            Class::EStemIShort,
            [
                "tiilta", "tiilen", "tiilesta", "tiileen", "tiilet", "tiilia",
            ],
        ),
        (
            "vesi",
            Class::Si,
            ["vetta", "veden", "vedesta", "veteen", "vedet", "vesia"],
        ),
        (
            "varsi",
            Class::Si,
            [
                "vartta", "varren", "varresta", "varteen", "varret", "varsia",
            ],
        ),
        (
            "jate",
            Class::E,
            [
                "jatetta",
                "jatteen",
                "jatteesta",
                "jatteeseen",
                "jatteet",
                "jatteita",
            ],
        ),
        (
            "lasinen",
            Class::Nen,
            [
                "lasista",
                "lasisen",
                "lasisesta",
                "lasiseen",
                "lasiset",
                "lasisia",
            ],
        ),
        (
            "kierratys",
            Class::Ks,
            [
                "kierratysta",
                "kierratyksen",
                "kierratyksesta",
                "kierratykseen",
                "kierratykset",
                "kierratyksia",
            ],
        ),
        (
            "rengas",
            Class::As,
            [
                "rengasta",
                "renkaan",
                "renkaasta",
                "renkaaseen",
                "renkaat",
                "renkaita",
            ],
        ),
        (
            "puhallin",
            Class::In,
            [
                "puhallinta",
                "puhaltimen",
                "puhaltimesta",
                "puhaltimeen",
                "puhaltimet",
                "puhaltimia",
            ],
        ),
        (
            "lyijyton",
            Class::Ton,
            [
                "lyijytonta",
                "lyijyttoman",
                "lyijyttomasta",
                "lyijyttomaan",
                "lyijyttomat",
                "lyijyttomia",
            ],
        ),
    ];
    for (word, class, forms) in cases {
        assert_eq!(classify(word), Some(*class), "{word}");
        assert_eq!(inflect(word), forms, "{word}");
    }
    assert_eq!(inflect(&fold("jäte")), inflect("jate"));
    assert_eq!(inflect("kuitu")[1], "kuidun");
    assert_eq!(inflect("ruoka")[1], "ruoan");
    assert_eq!(inflect("tolkki")[1], "tolkin");
    assert_eq!(inflect("sora")[5], "soria");
    assert_eq!(inflect("suodatin")[1], "suodattimen");
    assert_eq!(inflect("jatevesi")[1], "jateveden");
    assert_eq!(classify("pallet"), None);
    assert_eq!(classify("carton"), None);
}

#[test]
fn every_inflected_form_retrieves_what_its_base_form_retrieves() {
    let index = Index::new(test_listings());
    let mut failures = Vec::new();
    let bases = base_words();
    assert!(bases.len() > 400, "{}", bases.len());
    // Every word type is exercised by at least one base word (the test says which, and how many).
    let mut classes: std::collections::BTreeMap<Class, Vec<&str>> = Default::default();
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
    let all = [
        Class::LongVowel,
        Class::Vowel,
        Class::NewI,
        Class::EStemI,
        Class::EStemIShort,
        Class::Si,
        Class::E,
        Class::Nen,
        Class::Ks,
        Class::As,
        Class::In,
        Class::Ton,
    ];
    for class in all {
        assert!(classes.contains_key(&class), "no base word of {class:?}");
    }
    for base in &bases {
        for prefix in [false, true] {
            let want = hits(&index, base, prefix);
            // A form that is a stop word (`noki` → `noin`, "about") is not a material query.
            for form in inflect(base).into_iter().filter(|f| !is_stop(f)) {
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
