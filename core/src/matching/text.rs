//! Text analysis for Finnish, Swedish and English listings: folding, a light stemmer with
//! consonant-gradation normalisation, compound splitting on material head-words, and a small
//! cross-language thesaurus.
//!
//! One language-independent pipeline is applied to listings and queries alike: listings are
//! often mixed-language and their `lang` is unreliable, and the same analysis on both sides is
//! what makes terms meet. A hand-written stripper is used instead of Snowball because Snowball
//! Finnish is inconsistent across inflections (`jätteet`→`jät`, `jäte`→`jäte`) and would add
//! every Snowball language to the wasm module.

use rustc_hash::FxBuildHasher as FxBuild;
use std::collections::{HashMap, HashSet};

/// The word sets [`stem`] and the compound splitter look words up in, per letter of every
/// query and listing word: FxHash, as SipHash dominated those lookups.
type FxSet = HashSet<String, FxBuild>;
use std::sync::OnceLock;

/// Lower-cases and folds diacritics (`ä`→`a`, `ö`→`o`, `å`→`a`); anything not alphanumeric
/// becomes a space, so the result splits cleanly on whitespace.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        // ASCII skips the Unicode case and class tables: most listing text is ASCII.
        if ch.is_ascii() {
            out.push(if ch.is_ascii_alphanumeric() {
                ch.to_ascii_lowercase()
            } else {
                ' '
            });
            continue;
        }
        for c in ch.to_lowercase() {
            out.push(fold_char(c));
        }
    }
    out
}

fn fold_char(c: char) -> char {
    match c {
        'ä' | 'å' | 'á' | 'à' | 'â' | 'ã' | 'æ' => 'a',
        'ö' | 'ø' | 'ó' | 'ò' | 'ô' | 'õ' => 'o',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'ü' | 'ú' | 'ù' | 'û' => 'u',
        'í' | 'ì' | 'î' | 'ï' => 'i',
        'š' => 's',
        'ž' => 'z',
        'ç' => 'c',
        'ñ' => 'n',
        c if c.is_alphanumeric() => c,
        _ => ' ',
    }
}

/// The folded words of `text`. Digit groups that look like a split EWC code (`17 01 01`) are
/// joined so the code survives as one token.
pub fn words(text: &str) -> Vec<String> {
    let folded = fold(text);
    let mut out: Vec<String> = Vec::new();
    for w in folded.split_whitespace() {
        let joinable = w.len() == 2 && w.bytes().all(|b| b.is_ascii_digit());
        if let Some(last) = out.last_mut()
            && joinable
            && last.bytes().all(|b| b.is_ascii_digit())
            && (last.len() == 2 || last.len() == 4)
        {
            last.push_str(w);
            continue;
        }
        out.push(w.to_owned());
    }
    out
}

/// Inflectional endings (folded) stripped by [`stem`]; the longest one that leaves enough
/// letters wins (the first listed among equals).
const SUFFIXES: &[&str] = &[
    // Finnish plural + case; `-kse-` and `-isiin` before the bare case endings they end in
    "itten", "iden", "iksi", "isiin", "ista", "issa", "illa", "ilta", "ille", "ihin", "ina", "ita",
    "iin", "ien", "jen", "ja", "ia", // Finnish cases
    "kseen", "seen", "ksi", "ssa", "sta", "lla", "lta", "lle", "tta", "hin", "han", "hen", "hon",
    "hun", "na", "ta", "en", "in", // Swedish (and English -ets)
    "ornas", "arnas", "ernas", "orna", "arna", "erna", "heten", "het", "ande", "ende", "ets", "ar",
    "er", "or", "et", // English
    "ings", "ing", "ies", "ed", "es", // single letters last: genitive, partitive, plurals
    "n", "a", "t", "s",
];

/// Endings after which a base form's own single-letter strip (`glas`→`gla`, `plast`→`plas`)
/// is repeated, so `glaset` and `plasten` meet their base forms.
/// Not `-or`, which follows `-a` words (`hylsa`, `hylsor`), nor the `-s` genitive handled apart.
const ARTICLES: &[&str] = &[
    "arnas", "ernas", "arna", "erna", "ets", "ar", "er", "et", "en",
];

/// Reduces a folded word to a stem shared by its inflected forms: strip one ending (a
/// Swedish article once more), fold the `-ks-`/`-kse-` stem of `-us`/`-as` words to the
/// nominative's, collapse doubled letters, normalise consonant gradation and drop a final vowel.
pub fn stem(word: &str) -> String {
    if word.bytes().any(|b| b.is_ascii_digit()) {
        return word.to_owned();
    }
    if word.chars().count() <= 3 {
        return collapse(word);
    }
    // A known nominative keeps its ending letters: `lauta`, `massa` and `ikkuna` end like the
    // partitive `-ta`, the inessive `-ssa` and the essive `-na` but are not inflected.
    let (mut w, ending) = if is_base_form(word) {
        (word.to_owned(), "")
    } else {
        strip_ending(word)
    };
    let n = w.chars().count();
    if n > 5 && w.ends_with("kse") {
        w.truncate(w.len() - 3);
    } else if n > 4 && w.ends_with("ks") {
        w.truncate(w.len() - 2);
    } else if (ARTICLES.contains(&ending) || ending == "s" && !w.ends_with('s'))
        && n >= 4
        && w.ends_with(['n', 't', 's'])
    {
        // The genitive `skrot|s` as the article: `skrot` itself is stemmed to `skr`.
        w.pop();
    } else if matches!(ending, "n" | "en" | "et") && n >= 5 && w.ends_with("er") {
        // pappern, papperet: the article of an `-er` noun, whose base form loses `-er`.
        w.truncate(w.len() - 2);
    } else if ARTICLES.contains(&ending) && n >= 6 && w.ends_with("ing") {
        // isoleringen, mässingen: the Swedish `-ing` noun's stem, as its base form strips it.
        w.truncate(w.len() - 3);
    }
    let mut w = normalise_grades(&collapse(&w));
    if w.chars().count() > 3 && w.ends_with(['a', 'e', 'i', 'o', 'u', 'y']) {
        w.pop();
    }
    w
}

/// Whether `word` (folded) is a vowel-final base form the taxonomy or thesaurus lists, or a
/// compound ending in one of four or more letters (`valurauta`, `kasvualusta`).
fn is_base_form(word: &str) -> bool {
    let bases = base_forms();
    if !word.is_ascii() || !word.ends_with(['a', 'e', 'i', 'o', 'u', 'y']) {
        return false;
    }
    (0..=word.len().saturating_sub(4))
        .filter(|&i| i == 0 || i >= MIN_LEFT)
        .any(|i| word.get(i..).is_some_and(|tail| bases.contains(tail)))
}

/// The vowel-final words of four or more letters of the thesaurus and the category names and
/// synonyms (folded): the nominatives the stemmer must not read as inflected.
fn base_forms() -> &'static FxSet {
    static BASES: OnceLock<FxSet> = OnceLock::new();
    BASES.get_or_init(|| {
        let mut texts: Vec<&str> = THESAURUS.iter().flat_map(|g| g.iter().copied()).collect();
        for c in super::taxonomy::categories() {
            texts.extend(c.synonyms.iter().map(String::as_str));
            texts.extend(
                [&c.name.fi, &c.name.sv, &c.name.en]
                    .into_iter()
                    .flatten()
                    .map(String::as_str),
            );
        }
        texts
            .iter()
            .flat_map(|t| {
                fold(t)
                    .split_whitespace()
                    .map(str::to_owned)
                    .collect::<Vec<_>>()
            })
            .filter(|w| w.len() >= 4 && w.ends_with(['a', 'e', 'i', 'o', 'u', 'y']) && !is_stop(w))
            .collect()
    })
}

/// Every folded word of the category names and synonyms and the thesaurus, as written (no
/// stems): the lemmas whose own endings a second strip may remove (`dator|arna` → `dat`).
fn lemmas() -> &'static FxSet {
    static LEMMAS: OnceLock<FxSet> = OnceLock::new();
    LEMMAS.get_or_init(|| {
        let mut texts: Vec<&str> = THESAURUS.iter().flat_map(|g| g.iter().copied()).collect();
        for c in super::taxonomy::categories() {
            texts.extend(c.synonyms.iter().map(String::as_str));
            texts.extend(
                [&c.name.fi, &c.name.sv, &c.name.en]
                    .into_iter()
                    .flatten()
                    .map(String::as_str),
            );
        }
        texts
            .iter()
            .flat_map(|t| {
                fold(t)
                    .split_whitespace()
                    .map(str::to_owned)
                    .collect::<Vec<_>>()
            })
            .filter(|w| w.len() >= 3 && !is_stop(w))
            .collect()
    })
}

/// `word` without the longest listed ending that leaves enough letters (three; two for the
/// plural endings in `i`, which follow monosyllables such as `puita`), and that ending.
fn strip_ending(word: &str) -> (String, &'static str) {
    let mut best: Option<(&str, &'static str)> = None;
    let last = word.as_bytes().last();
    for s in SUFFIXES {
        // Most endings differ in their last letter: skip them before comparing the rest.
        if s.as_bytes().last() != last {
            continue;
        }
        let min = if s.starts_with('i') && s.len() >= 3 {
            2
        } else {
            3
        };
        if let Some(r) = word.strip_suffix(s).filter(|r| r.chars().count() >= min)
            && best.is_none_or(|(_, b)| s.len() > b.len())
        {
            best = Some((r, s));
        }
    }
    best.map_or_else(|| (word.to_owned(), ""), |(r, s)| (r.to_owned(), s))
}

/// Stems of the other base forms `word` (folded) may be an inflection of, for the readings
/// the single stem misses: another ending stripped (`biomassaa`), the `k` that weak grade
/// drops restored (`ruoan`→`ruoka`), the `e` Swedish drops before `l`/`r`/`n` (`teglet`).
/// Callers keep only the candidates a lexicon knows.
pub fn base_candidates(word: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    // A listed base form is read as itself: `lauta` is not `lau|ta` (→ `laku`).
    if word.len() < 4
        || !word.is_ascii()
        || word.bytes().any(|b| b.is_ascii_digit())
        || is_base_form(word)
    {
        return out;
    }
    let vowel = |b: u8| matches!(b, b'a' | b'e' | b'i' | b'o' | b'u' | b'y');
    let mut add = |s: String| {
        if !out.contains(&s) {
            out.push(s);
        }
    };
    // The stem of a constructed base form, unless it is a fragment: a second ending stripped
    // down to under four letters from a word that is no lemma (`fortun|en` → `for`).
    let reading = |w: &str| -> String {
        let s = stem(w);
        let fragment = s.len() < 4
            && !is_base_form(w)
            && !lemmas().contains(w)
            && !strip_ending(w).1.is_empty();
        if fragment { String::new() } else { s }
    };
    // puinen → puu, lasinen → lasi, rautainen → rauta: the word a material adjective is made of.
    if let Some(body) = word
        .strip_suffix("nen")
        .filter(|b| b.len() >= 3 && b.ends_with('i'))
    {
        let b = body.as_bytes();
        let before = b[b.len() - 2];
        if vowel(before) && b.len() == 3 {
            // A one-syllable noun's long vowel: pu|i|nen → puu, su|i|nen (not `sui`).
            add(reading(&format!("{}{}", &body[..2], before as char)));
        }
        add(reading(body));
        if let Some(base) = body.strip_suffix('i').filter(|x| x.len() >= 3) {
            add(reading(base));
        }
    }
    for suffix in SUFFIXES {
        let Some(rest) = word.strip_suffix(suffix).filter(|r| r.len() >= 2) else {
            continue;
        };
        // `plas|t` is not `pla|s|t` (plåt), `polyet|en` not `pol|yet|en` (poltto).
        add(reading(rest));
        let b = rest.as_bytes();
        let n = b.len();
        // ruoa|n → ruoka: a `k` between the last two vowels of the stem.
        if n >= 3 && vowel(b[n - 1]) && (vowel(b[n - 2]) || matches!(b[n - 2], b'l' | b'r' | b'h'))
        {
            let mut k = rest.to_owned();
            k.insert(n - 1, 'k');
            add(reading(&k));
        }
        // huova|n → huopa, olji|n → olki, kurje|n → kurki: v/j are weak grades of p/k.
        for (weak, strong) in [("v", "p"), ("lj", "lk"), ("rj", "rk")] {
            // Only between vowels (or after `l`/`r`): the `v` of `svinn` is no weak `p`.
            let voiced = |at: usize| {
                weak != "v" || at > 0 && (vowel(b[at - 1]) || matches!(b[at - 1], b'l' | b'r'))
            };
            if let Some(at) = rest
                .rfind(weak)
                .filter(|&at| at + weak.len() + 2 >= n && voiced(at))
            {
                let mut g = rest.to_owned();
                g.replace_range(at..at + weak.len(), strong);
                add(reading(&g));
            }
        }
        // ove|ja → ovi, betone|ja → betoni: the plural stem's `e` is the nominative's `i`.
        if let Some(body) = rest.strip_suffix('e') {
            add(reading(&format!("{body}i")));
        }
        // lasis|en, lasise|sta → lasinen, and the word it is made of (lasi, villa|is|en → villa).
        for s_stem in ["se", "s"] {
            // `lasis|t` is no form (the plural is `lasise|t`): not `plas|t` → `planen`.
            if s_stem == "s" && suffix.len() == 1 {
                continue;
            }
            if let Some(body) = rest.strip_suffix(s_stem).filter(|b| b.len() >= 3) {
                // Productive (`puinen` → `pui`): its short stem is no fragment.
                add(stem(&format!("{body}nen")));
                // Only an `-inen` adjective's `i` marks the word it is made of (not `pla|s|t`).
                if body.len() >= 4 && body.ends_with('i') {
                    add(reading(body));
                    if let Some(base) = body.strip_suffix('i').filter(|b| b.len() >= 3) {
                        add(reading(base));
                    }
                }
            }
        }
        // ved|en, vete|en, ve|ttä, varr|en → vesi, varsi: the `-si` word's t/d stem (a closed
        // class: `läd|er` is not `lasi`).
        for (t_stem, si) in [
            ("de", "si"),
            ("te", "si"),
            ("d", "si"),
            ("t", "si"),
            ("", "si"),
            ("rre", "rsi"),
            ("rr", "rsi"),
            ("rte", "rsi"),
            ("nne", "nsi"),
            ("nn", "nsi"),
            ("nte", "nsi"),
        ] {
            if let Some(body) = rest.strip_suffix(t_stem).filter(|b| b.len() >= 2) {
                let base = format!("{body}{si}");
                if SI_WORDS.iter().any(|w| base.ends_with(w)) {
                    add(reading(&base));
                }
            }
        }
        // puhaltime|en, puhaltim|ia → puhallin (stem() folds the grade).
        for m_stem in ["ime", "im"] {
            if let Some(body) = rest.strip_suffix(m_stem).filter(|b| b.len() >= 3) {
                add(reading(&format!("{body}in")));
            }
        }
        // hajuttoma|n, hajuttom|ia → hajuton.
        for m_stem in ["ttomaa", "ttoma", "ttom"] {
            if let Some(body) = rest.strip_suffix(m_stem).filter(|b| b.len() >= 2) {
                add(reading(&format!("{body}ton")));
            }
        }
        // foli|ar, pås|arna → folie, påse: the Swedish `-e` word's plural.
        if matches!(*suffix, "ar" | "arna" | "er" | "erna") {
            add(reading(&format!("{rest}e")));
        }
        // tegl|et → tegel, pappr|et → papper.
        if n >= 3 && matches!(b[n - 1], b'l' | b'r' | b'n') && !vowel(b[n - 2]) {
            let mut e = rest.to_owned();
            e.insert(n - 1, 'e');
            add(reading(&e));
        }
    }
    out.retain(|s| !s.is_empty());
    out
}

/// Finnish `-si` words inflected on a `t`/`d` stem (folded; vesi → veden, vettä), a closed
/// class: other `-si` words (`kuusi`, `lasi`) keep their `s`.
pub(crate) const SI_WORDS: &[&str] = &[
    "vesi", "kasi", "uusi", "vuosi", "susi", "kausi", "mesi", "varsi", "kansi", "hirsi", "reisi",
    "liesi", "virsi", "orsi",
];

/// Collapses runs of the same letter (`kk`→`k`, `uu`→`u`), which also folds quantity
/// gradation (`jätteen`/`jäte`).
pub fn collapse(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut prev = None;
    for c in word.chars() {
        if prev != Some(c) {
            out.push(c);
        }
        prev = Some(c);
    }
    out
}

/// Folds qualitative consonant gradation to one grade (nt/nn, mp/mm, lt/ll, rt/rr, nk/ng, t/d);
/// run after [`collapse`], so `nn`, `mm`, `ll` and `rr` are already single letters.
fn normalise_grades(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut chars = word.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek()) {
            ('n' | 'm' | 'l' | 'r', Some('t' | 'p')) => {
                out.push(c);
                chars.next();
            }
            ('n', Some('k')) => {
                out.push_str("ng");
                chars.next();
            }
            ('d', _) => out.push('t'),
            _ => out.push(c),
        }
    }
    collapse(&out)
}

/// Head-words (folded, several grades) that end Finnish and Swedish material compounds.
const HEADS: &[&str] = &[
    "jate", "jatt", "romu", "mursk", "tuhk", "pakkau", "muovi", "muove", "puu", "pui", "lasi",
    "lase", "kuitu", "kuidu", "liete", "liett", "lava", "lavo", "kalvo", "metall", "betoni",
    "betone", "tiili", "tiile", "kivi", "kive", "pahvi", "pahve", "paperi", "papere", "kartonk",
    "kartong", "hiekk", "sora", "kuona", "kipsi", "kipse", "villa", "eriste", "hake", "hakke",
    "puru", "rengas", "villo", "kuono", "oljo", "asko", "renkaa", "akku", "oljy", "kumi", "asfalt",
    "lanta", "lanna", "tekstiil", "kangas", "kankaa", "pullo", "tolkk", "levy", "levyj", "massa",
    "masso", "aines", "ainek", "avfall", "skrot", "pall", "plast", "glas", "spill", "virke",
    "aska", "slam", "papper", "forpack", "folie", "jord", "betong", "tegel", "gips", "flis",
    "span", "dack", "olja", "textil", "ylijaam", "pappr", "tegl", "ror", "vaate", "vaatte",
    "klader", "kladr",
];

/// The index terms of one folded word: its stem, and for compounds the stems of the parts
/// at every guarded split point ([`split_points`]). Stop words have none.
pub fn word_terms(word: &str, out: &mut Vec<String>) {
    if is_stop(word) {
        return;
    }
    out.push(stem(word));
    if let Some(lemma) = inen_lemma(word) {
        out.push(stem(&lemma));
    }
    for at in split_points(word) {
        if let (Some(left), Some(right)) = (word.get(..at), word.get(at..)) {
            out.push(stem(left));
            out.push(stem(right));
        }
    }
}

/// The `-inen` nominative an inflected form on the `-is-` stem may be (`puisia` → `puinen`,
/// `lasisten` → `lasinen`), so every form of a material adjective meets its nominative.
fn inen_lemma(word: &str) -> Option<String> {
    if !word.is_ascii() || word.len() < 6 {
        return None;
    }
    let (rest, ending) = strip_ending(word);
    if ending.is_empty() {
        return None;
    }
    // The genitive plural `-is|ten` leaves the `t` of its ending on the stem.
    let rest = match ending {
        "en" => rest.strip_suffix('t').unwrap_or(&rest),
        _ => &rest,
    };
    let body = rest.strip_suffix("is").filter(|b| b.len() >= 2)?;
    Some(format!("{body}inen"))
}

/// Shortest modifier a compound is split off (`bio`, `puu`, `trä`).
const MIN_LEFT: usize = 3;

/// Byte positions where `word` splits into a modifier and a part starting with a head-word;
/// the modifier must be a word in its own right (`is_modifier`), never a fragment such as
/// the `teks` of `tekstiili`.
pub fn split_points(word: &str) -> Vec<usize> {
    let mut points = Vec::new();
    if word.len() < 5 || !word.is_ascii() {
        return points;
    }
    // Byte comparison at each position: `str::find` builds a searcher per call, which dominated
    // index building.
    let bytes = word.as_bytes();
    for head in HEADS {
        let h = head.as_bytes();
        let mut at = MIN_LEFT;
        while at + h.len() <= bytes.len() {
            // The first letter alone rules out most positions before a full comparison.
            if bytes.get(at) != h.first() || !bytes.get(at..).is_some_and(|r| r.starts_with(h)) {
                at += 1;
                continue;
            }
            if word.get(..at).is_some_and(is_modifier) {
                points.push(at);
            }
            at += h.len();
        }
    }
    points.extend(tail_points(word));
    points
}

/// Split points whose right part is, by its stem, a listed base form of four or more stem
/// letters that is not a head-word (`valu|rautaa`, `muotti|lautaa`); the left part must be a
/// modifier as for head-words.
fn tail_points(word: &str) -> Vec<usize> {
    type Stems = (FxSet, HashSet<[u8; 2], FxBuild>);
    static STEMS: OnceLock<Stems> = OnceLock::new();
    let (stems, starts) = STEMS.get_or_init(|| {
        let mut stems = FxSet::default();
        let mut starts = HashSet::default();
        for w in base_forms() {
            let s = stem(w);
            if s.len() >= 4 && !HEADS.iter().any(|h| s.starts_with(h)) {
                // The weak grade too (`huopa` → `huova-`), so `katto|huovan` splits as well.
                stems.insert(stem(&weak_grade(w)));
                stems.insert(s);
                // Inflection and gradation leave the first two letters: a cheap test first.
                starts.extend(w.as_bytes().first_chunk::<2>().copied());
            }
        }
        (stems, starts)
    });
    if !word.is_ascii() {
        return Vec::new();
    }
    (MIN_LEFT..word.len().saturating_sub(3))
        .filter(|&at| {
            word.as_bytes()
                .get(at..)
                .and_then(|t| t.first_chunk::<2>())
                .is_some_and(|start| starts.contains(start))
                && word
                    .get(at..)
                    .is_some_and(|tail| stems.contains(&stem(tail)))
                && word.get(..at).is_some_and(is_modifier)
        })
        .collect()
}

/// The weak grade of a vowel-final word's last consonant that [`stem`] does not fold itself:
/// `p`→`v`, `lk`/`rk`→`lj`/`rj`, a lone `k` dropped (`huopa`→`huova`, `ruoka`→`ruoa`).
fn weak_grade(w: &str) -> String {
    let b = w.as_bytes();
    let n = b.len();
    let vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y');
    if n < 4 || !w.is_ascii() || !vowel(b[n - 1]) {
        return w.to_owned();
    }
    let (c, before) = (b[n - 2], b[n - 3]);
    let (head, tail) = (&w[..n - 2], &w[n - 1..]);
    match c {
        b'p' if vowel(before) => format!("{head}v{tail}"),
        b'k' if matches!(before, b'l' | b'r') => format!("{head}j{tail}"),
        b'k' if vowel(before) => format!("{head}{tail}"),
        _ => w.to_owned(),
    }
}

/// Whether a compound's left part is a word: listed in the lexicon (taxonomy, thesaurus, EWC
/// labels) as it stands or by its stem, or shaped like a Finnish modifier — a vowel, and an
/// ending a Finnish word can have (a vowel, or one of `n s t l r` after a vowel, as in
/// `sahan`, `rakennus`), so `teks` and `klas` are not.
fn is_modifier(left: &str) -> bool {
    if left.len() < MIN_LEFT {
        return false;
    }
    let lex = lexicon();
    if lex.contains(left) || lex.contains(&stem(left)) {
        return true;
    }
    let vowel = |b: u8| matches!(b, b'a' | b'e' | b'i' | b'o' | b'u' | b'y');
    let b = left.as_bytes();
    let (Some(&last), Some(&before)) = (b.last(), b.get(b.len().wrapping_sub(2))) else {
        return false;
    };
    let finnish = b.iter().any(|&c| vowel(c))
        && (vowel(last) || (matches!(last, b'n' | b's' | b't' | b'l' | b'r') && vowel(before)));
    // A Swedish modifier with the linking `s` (`arbets|kläder`, `kontors|möbler`): five letters
    // before it, so `teks` (of `tekstiili`) and short stems stay fragments.
    let swedish = last == b's' && b.len() >= 6 && b[..b.len() - 1].iter().any(|&c| vowel(c));
    finnish || swedish
}

/// Folded words and their stems from the category names and synonyms, the thesaurus, the
/// head-words and the EWC labels: what counts as a word when a compound is split.
fn lexicon() -> &'static FxSet {
    static LEXICON: OnceLock<FxSet> = OnceLock::new();
    LEXICON.get_or_init(|| lexicon_of(&[super::names::EWC_LABEL_WORDS]))
}

/// [`lexicon`] with the EWC label texts given.
fn lexicon_of(ewc_labels: &[&str]) -> FxSet {
    let mut texts: Vec<String> = Vec::new();
    for c in super::taxonomy::categories() {
        texts.extend(
            [&c.name.fi, &c.name.sv, &c.name.en]
                .into_iter()
                .flatten()
                .cloned(),
        );
        texts.extend(c.synonyms.iter().cloned());
    }
    texts.extend(ewc_labels.iter().map(|t| (*t).to_owned()));
    texts.extend(
        THESAURUS
            .iter()
            .flat_map(|g| g.iter().map(|w| (*w).to_owned())),
    );
    texts.extend(HEADS.iter().map(|h| (*h).to_owned()));
    let mut lex = FxSet::default();
    for t in &texts {
        for w in fold(t).split_whitespace() {
            // Short words (`ja`, `of`, `och`) and stop words would make any fragment a word.
            if w.len() >= MIN_LEFT && !is_stop(w) && !w.bytes().any(|b| b.is_ascii_digit()) {
                lex.insert(stem(w));
                lex.insert(w.to_owned());
            }
        }
    }
    lex
}

/// Frequent verbs and function words (folded) of fi, sv and en: they carry no material and
/// their stems collide with material words (`vaatii` requires / `vaatteita` clothes).
pub(crate) const STOP_WORDS: &[&str] = &[
    // fi
    "ja",
    "tai",
    "sekä",
    "seka",
    "on",
    "ovat",
    "oli",
    "olla",
    "ole",
    "ei",
    "se",
    "ne",
    "joka",
    "jota",
    "jossa",
    "josta",
    "jonka",
    "joita",
    "myös",
    "myos",
    "kuin",
    "kun",
    "mutta",
    "niin",
    "vain",
    "noin",
    "n",
    "yli",
    "alle",
    "per",
    "kpl",
    "hyvin",
    "eri",
    "muu",
    "muut",
    "muuta",
    "vaatii",
    "vaativat",
    "vaatia",
    "vaaditaan",
    "vaadi",
    "tarvitaan",
    "tarvitsee",
    "tarvitsemme",
    "tarvitsevat",
    "tarvitaanko",
    "haetaan",
    // `hakee` (seeks) shares its stem with `hake` (wood chips).
    "hakee",
    "haemme",
    "hakevat",
    "etsitään",
    "etsitaan",
    "etsimme",
    "myydään",
    "myydaan",
    "annetaan",
    "luovutetaan",
    "saa",
    "saada",
    "voi",
    "voidaan",
    "voivat",
    "tulee",
    "tulevat",
    "sopii",
    "sopivat",
    "käy",
    "kay",
    "olemme",
    "meillä",
    "meilla",
    "meille",
    "teillä",
    "teilla",
    "jos",
    "kanssa",
    "ilman",
    "vielä",
    "viela",
    "esim",
    "esimerkiksi",
    "mm",
    "ym",
    "yms",
    "jne",
    "vuodessa",
    "kuukaudessa",
    "viikossa",
    "kerran",
    "heti",
    "noudettava",
    "noutaa",
    "toimitetaan",
    "toimittaa",
    // sv
    "och",
    "eller",
    "är",
    "ar",
    "att",
    "som",
    "för",
    "for",
    "med",
    "av",
    "till",
    "på",
    "pa",
    "i",
    "en",
    "ett",
    "det",
    "den",
    "de",
    "vi",
    "kan",
    "ska",
    "skall",
    "finns",
    "behöver",
    "behover",
    "söker",
    "soker",
    "säljes",
    "saljes",
    "ges",
    "bort",
    "krävs",
    "kravs",
    "kräver",
    "kraver",
    "om",
    "per",
    "st",
    "utan",
    "även",
    "aven",
    "också",
    "ocksa",
    // en
    "the",
    "a",
    "an",
    "and",
    "or",
    "of",
    "to",
    "in",
    "with",
    "is",
    "are",
    "be",
    "we",
    "our",
    "need",
    "needs",
    "needed",
    "wanted",
    "want",
    "requires",
    "required",
    "require",
    "available",
    "from",
    "by",
    "at",
    "as",
    "per",
    "pcs",
    "approx",
];

/// Whether `word` (folded) is a stop word.
pub fn is_stop(word: &str) -> bool {
    static SET: OnceLock<std::collections::HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| {
        STOP_WORDS
            .iter()
            .map(|w| fold(w).trim().to_owned())
            .collect()
    })
    .contains(word)
}

/// Every term of `text` (stems and compound parts), duplicates kept in order.
pub fn terms(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for w in words(text) {
        word_terms(&w, &mut out);
    }
    out
}

/// Cross-language concept groups (fi, sv, en): a query word in one group also finds the others.
const THESAURUS: &[&[&str]] = &[
    &[
        "kuormalava",
        "lava",
        "eurolava",
        "pall",
        "lastpall",
        "pallet",
        "palletti",
        "trapall",
    ],
    &[
        "puu",
        "puutavara",
        "tra",
        "virke",
        "wood",
        "timber",
        "lumber",
    ],
    &[
        "hukkapuu",
        "spillvirke",
        "puujate",
        "travfall",
        "waste wood",
        "offcuts",
    ],
    &["jate", "avfall", "waste", "rejekti"],
    &["romu", "skrot", "scrap"],
    &["muovi", "plast", "plastic"],
    &["pakkaus", "forpackning", "packaging", "emballage"],
    &[
        "kalvo",
        "kiristekalvo",
        "folie",
        "film",
        "strackfilm",
        "stretch",
    ],
    &["betoni", "betong", "concrete"],
    &[
        "murske",
        "kross",
        "crushed",
        "aggregate",
        "kiviaines",
        "ballast",
    ],
    &["tuhka", "aska", "ash", "lentotuhka", "flygaska"],
    &["lasi", "glas", "glass"],
    &["paperi", "papper", "paper"],
    &[
        "pahvi",
        "kartonki",
        "kartong",
        "cardboard",
        "wellpapp",
        "aaltopahvi",
    ],
    &["tekstiili", "textil", "textile", "kangas", "tyg", "fabric"],
    &["vaate", "klader", "clothes", "clothing", "vaatteet"],
    &[
        "maa",
        "maaaines",
        "maamassa",
        "jord",
        "jordmassa",
        "soil",
        "schaktmassa",
    ],
    &["hiekka", "sand"],
    &["sora", "grus", "gravel"],
    &["kivi", "sten", "stone", "louhe", "rock"],
    &["liete", "slam", "sludge"],
    &["kuitu", "fiber", "fibre"],
    &["metalli", "metall", "metal"],
    &["teras", "stal", "steel"],
    &["alumiini", "aluminium", "aluminum"],
    &["kupari", "koppar", "copper"],
    &["rauta", "jarn", "iron"],
    &[
        "elektroniikka",
        "elektronik",
        "electronics",
        "ser",
        "elektroniikkaromu",
        "weee",
    ],
    &[
        "ruoka",
        "ruokajate",
        "livsmedel",
        "mat",
        "food",
        "matavfall",
    ],
    &["biojate", "bioavfall", "biowaste", "biomassa", "biomass"],
    &["oljy", "olja", "oil", "jateoljy", "spillolja"],
    &["liuotin", "losningsmedel", "solvent"],
    &["tiili", "tegel", "brick"],
    &[
        "kipsi",
        "gips",
        "gypsum",
        "kipsilevy",
        "gipsskiva",
        "plasterboard",
    ],
    &[
        "eriste",
        "villa",
        "isolering",
        "insulation",
        "mineraalivilla",
        "mineralull",
    ],
    &["sahanpuru", "puru", "sagspan", "sawdust"],
    &["hake", "flis", "chips", "woodchips"],
    &["rengas", "dack", "tyre", "tire"],
    &["akku", "paristo", "batteri", "battery"],
    &["pullo", "flaska", "bottle"],
    &["asfaltti", "asfalt", "asphalt"],
    &["kumi", "gummi", "rubber"],
    &["lanta", "godsel", "manure"],
    &["ylijaama", "overskott", "surplus"],
    &["kuona", "slagg", "slag"],
];

/// Stems of the other members of every thesaurus group containing the stem `term`.
pub fn synonyms(term: &str) -> &'static [String] {
    static TABLE: OnceLock<HashMap<String, Vec<String>>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut table: HashMap<String, Vec<String>> = HashMap::new();
        for group in THESAURUS {
            // Whole words only: the parts of `bioavfall` must not make `biojäte` mean `avfall`.
            let stems: Vec<String> = group
                .iter()
                .filter_map(|w| match words(w).as_slice() {
                    [one] if !is_stop(one) => Some(stem(one)),
                    _ => None,
                })
                .collect();
            for s in &stems {
                let entry = table.entry(s.clone()).or_default();
                entry.extend(stems.iter().filter(|o| *o != s).cloned());
            }
        }
        for v in table.values_mut() {
            crate::sort::sort(v);
            v.dedup();
        }
        table
    });
    table.get(term).map_or(&[], Vec::as_slice)
}

/// Damerau–Levenshtein distance capped at `max + 1` (cheap early exit for typo tolerance).
pub fn edit_distance(a: &str, b: &str, max: usize) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return max + 1;
    }
    let width = b.len() + 1;
    let mut prev2 = vec![0usize; width];
    let mut prev: Vec<usize> = (0..width).collect();
    let mut cur = vec![0usize; width];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(prev2[j - 2] + 1);
            }
            cur[j] = v;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()].min(max + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letter_prefilters_change_no_ending_and_no_split() {
        // The plain loops, without the first/last-letter checks.
        let plain_ending = |word: &str| {
            let mut best: Option<(&str, &str)> = None;
            for s in SUFFIXES {
                let min = if s.starts_with('i') && s.len() >= 3 {
                    2
                } else {
                    3
                };
                if let Some(r) = word.strip_suffix(s).filter(|r| r.chars().count() >= min)
                    && best.is_none_or(|(_, b)| s.len() > b.len())
                {
                    best = Some((r, s));
                }
            }
            best.map_or_else(|| (word.to_owned(), ""), |(r, s)| (r.to_owned(), s))
        };
        let plain_heads = |word: &str| {
            let mut points = Vec::new();
            if word.len() < 5 || !word.is_ascii() {
                return points;
            }
            for head in HEADS {
                let mut at = MIN_LEFT;
                while at + head.len() <= word.len() {
                    if !word.as_bytes()[at..].starts_with(head.as_bytes()) {
                        at += 1;
                        continue;
                    }
                    if word.get(..at).is_some_and(is_modifier) {
                        points.push(at);
                    }
                    at += head.len();
                }
            }
            points.extend(tail_points(word));
            points
        };
        let mut words: Vec<String> = THESAURUS
            .iter()
            .flat_map(|g| g.iter())
            .map(|w| fold(w))
            .collect();
        words.extend(HEADS.iter().map(|h| format!("muovi{h}")));
        let mut checked = 0;
        for w in words.iter().flat_map(|w| w.split_whitespace()) {
            for form in
                std::iter::once(w.to_owned()).chain(SUFFIXES.iter().map(|s| format!("{w}{s}")))
            {
                assert_eq!(strip_ending(&form), plain_ending(&form), "{form}");
                assert_eq!(split_points(&form), plain_heads(&form), "{form}");
                checked += 1;
            }
        }
        assert!(checked > 10_000, "{checked}");
    }

    /// The straightforward `str::find` split that `word_terms` replaced, as its oracle.
    fn word_terms_by_find(word: &str) -> Vec<String> {
        if is_stop(word) {
            return Vec::new();
        }
        let mut out = vec![stem(word)];
        out.extend(inen_lemma(word).map(|l| stem(&l)));
        if word.len() < 5 || !word.is_ascii() {
            return out;
        }
        for head in HEADS {
            let mut from = MIN_LEFT;
            while let Some(pos) = word.get(from..).and_then(|rest| rest.find(head)) {
                let at = from + pos;
                if is_modifier(&word[..at]) {
                    out.push(stem(&word[..at]));
                    out.push(stem(&word[at..]));
                }
                from = at + head.len();
            }
        }
        for at in tail_points(word) {
            out.push(stem(&word[..at]));
            out.push(stem(&word[at..]));
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn fold_equals_the_unicode_table_fold(text in "\\PC{0,40}") {
            let reference: String = text.chars().flat_map(char::to_lowercase).map(fold_char).collect();
            proptest::prop_assert_eq!(fold(&text), reference);
        }

        #[test]
        fn word_terms_equals_the_find_split(word in "[a-z]{0,6}(jate|puu|lava|muovi|pakkau|romu)?[a-z]{0,8}(jatteet|puu|lasi)?") {
            let mut out = Vec::new();
            word_terms(&word, &mut out);
            proptest::prop_assert_eq!(out, word_terms_by_find(&word));
        }
    }

    #[test]
    fn material_adjectives_meet_their_nominative_and_their_noun() {
        for (forms, noun) in [
            (&["puinen", "puisia", "puisten", "puiseen"][..], "puu"),
            (&["lasinen", "lasisia", "lasisten"][..], "lasi"),
            (&["villainen", "villaisia"][..], "villa"),
            (&["rautainen", "rautaisten"][..], "rauta"),
        ] {
            let nominative = stem(forms[0]);
            for form in forms {
                let mut terms = Vec::new();
                word_terms(form, &mut terms);
                assert!(
                    terms.contains(&nominative),
                    "{form}: {terms:?} lacks {nominative}"
                );
            }
            let mut cands = base_candidates(forms[0]);
            cands.push(nominative);
            assert!(
                cands.contains(&stem(noun)),
                "{}: {cands:?} lacks {noun}",
                forms[0]
            );
        }
    }

    fn same_stem(forms: &[&str]) {
        let stems: Vec<String> = forms.iter().map(|f| stem(&fold(f))).collect();
        assert!(
            stems.windows(2).all(|w| w[0] == w[1]),
            "{forms:?} -> {stems:?}"
        );
    }

    #[test]
    fn inflected_finnish_forms_share_a_stem() {
        same_stem(&[
            "jäte",
            "jätteet",
            "jätettä",
            "jätteen",
            "jätteitä",
            "jätteistä",
        ]);
        same_stem(&["pakkaus", "pakkauksia", "pakkauksen", "pakkauksista"]);
        same_stem(&["puu", "puun", "puuta", "puita"]);
        same_stem(&["lava", "lavat", "lavoja", "lavoille"]);
        same_stem(&["murske", "mursketta", "murskeen"]);
        same_stem(&["kuitu", "kuidun"]);
        same_stem(&["rengas", "renkaat"]);
    }

    #[test]
    fn swedish_and_english_plurals_share_a_stem() {
        same_stem(&["pall", "pallar", "pallarna"]);
        same_stem(&["pallet", "pallets"]);
        same_stem(&["plastic", "plastics"]);
    }

    #[test]
    fn the_lexicon_from_the_label_words_equals_the_one_from_the_labels() {
        let labels: Vec<&str> = super::super::ewc::ewc_entries()
            .iter()
            .flat_map(|e| [&e.label.fi, &e.label.sv, &e.label.en])
            .flatten()
            .map(String::as_str)
            .collect();
        let from_labels = lexicon_of(&labels);
        assert!(from_labels.contains("betoni") && from_labels.contains("metalliferous"));
        assert!(
            from_labels == *lexicon(),
            "build.rs's word list lost or added a word"
        );
    }

    #[test]
    fn compounds_split_on_head_words() {
        let t = terms("puujäte");
        assert!(t.contains(&stem("jate")), "{t:?}");
        let t = terms("muovipakkauksia");
        assert!(t.contains(&stem("pakkaus")), "{t:?}");
        let t = terms("träpallar");
        assert!(t.contains(&stem("pall")), "{t:?}");
        let t = terms("kuormalavat");
        assert!(t.contains(&stem("lava")), "{t:?}");
        // Swedish modifiers with the linking `s`; a short one stays a fragment.
        let t = terms("arbetskläderna");
        assert!(t.contains(&stem("kladerna")), "{t:?}");
        assert!(!is_modifier("teks") && !is_modifier("skogs"));
        assert!(is_modifier("kontors") && is_modifier("arbets"));
    }

    #[test]
    fn folding_makes_missing_umlauts_match() {
        assert_eq!(stem(&fold("jätteet")), stem(&fold("jatteet")));
        assert_eq!(fold("Träpallar, Å"), "trapallar  a");
    }

    #[test]
    fn split_ewc_codes_join_into_one_word() {
        assert_eq!(
            words("EWC 17 01 01 betoni"),
            vec!["ewc", "170101", "betoni"]
        );
    }

    #[test]
    fn thesaurus_links_languages() {
        let syn = synonyms(&stem("pallets"));
        assert!(syn.contains(&stem("kuormalava")), "{syn:?}");
        assert!(syn.contains(&stem("trapall")), "{syn:?}");
    }

    #[test]
    fn edit_distance_counts_transpositions_once() {
        assert_eq!(edit_distance("betoni", "betnoi", 2), 1);
        assert_eq!(edit_distance("abc", "abc", 1), 0);
        assert_eq!(edit_distance("abc", "xyz", 1), 2);
    }
}
