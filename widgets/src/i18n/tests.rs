//! Every widget's texts, read from its `i18n.rs` source so that a widget added later is
//! checked without registering it: each `const FI/SV/EN: Strings` and each three-language
//! table (`["fi", "sv", "en"]` or `("fi", "sv", "en")`) is a template to check.

use super::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The numbers every template must survive.
const NUMBERS: [u64; 5] = [0, 1, 2, 21, 1_000_000];

/// Words that may follow a number in any template: they do not agree with it.
const AFTER_NUMBER: [&str; 12] = [
    "%", "km", "kg", "t", "€", "av", "of", "ja", "och", "and", "–", "/",
];

#[derive(Debug, Clone, PartialEq)]
enum Value {
    One(String),
    /// (singular, plural): chosen by the number, as the widgets do.
    Pair(String, String),
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    Str(String),
    Punct(char),
}

fn tokens(src: &str) -> Vec<Tok> {
    let c: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < c.len() {
        let ch = c[i];
        if ch.is_whitespace() {
            i += 1;
        } else if ch == '/' && c.get(i + 1) == Some(&'/') {
            while i < c.len() && c[i] != '\n' {
                i += 1;
            }
        } else if ch == '\'' {
            // A char literal ('x', '\u{a0}') or a lifetime ('static): skip either.
            let end = (i + 1..c.len().min(i + 12)).find(|&j| c[j] == '\'');
            match end {
                Some(j) if j > i + 1 && (j == i + 2 || c[i + 1] == '\\') => i = j + 1,
                _ => i += 1,
            }
        } else if ch == '"' {
            let mut s = String::new();
            i += 1;
            while i < c.len() && c[i] != '"' {
                if c[i] == '\\' {
                    i += 1;
                    match c.get(i) {
                        Some('n') => s.push('\n'),
                        Some('u') => {
                            let end = (i..c.len()).find(|&j| c[j] == '}').unwrap_or(i);
                            let hex: String = c[i + 2..end].iter().collect();
                            s.extend(u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32));
                            i = end;
                        }
                        Some('\n') => {
                            while c.get(i + 1).is_some_and(|x| x.is_whitespace()) {
                                i += 1;
                            }
                        }
                        Some(&x) => s.push(x),
                        None => {}
                    }
                } else {
                    s.push(c[i]);
                }
                i += 1;
            }
            i += 1;
            out.push(Tok::Str(s));
        } else if ch.is_alphanumeric() || ch == '_' {
            let start = i;
            while i < c.len() && (c[i].is_alphanumeric() || c[i] == '_') {
                i += 1;
            }
            out.push(Tok::Ident(c[start..i].iter().collect()));
        } else {
            out.push(Tok::Punct(ch));
            i += 1;
        }
    }
    out
}

/// `field: value` pairs of `const <LANG>: Strings = Strings { … };`.
fn strings_const(t: &[Tok], lang: &str) -> Option<BTreeMap<String, Value>> {
    let at = t.windows(3).position(|w| {
        w[0] == Tok::Ident("const".into())
            && w[1] == Tok::Ident(lang.into())
            && w[2] == Tok::Punct(':')
    })?;
    let open = (at..t.len()).find(|&i| t[i] == Tok::Punct('{'))?;
    let mut fields = BTreeMap::new();
    let mut i = open + 1;
    while i + 2 < t.len() && t[i] != Tok::Punct('}') {
        let (Tok::Ident(name), Tok::Punct(':')) = (&t[i], &t[i + 1]) else {
            panic!("unexpected token in {lang} Strings: {:?}", t[i]);
        };
        let (value, next) = match (&t[i + 2], t.get(i + 3), t.get(i + 4), t.get(i + 5)) {
            (Tok::Str(s), ..) => (Value::One(s.clone()), i + 3),
            (Tok::Punct('('), Some(Tok::Str(a)), Some(Tok::Punct(',')), Some(Tok::Str(b))) => {
                let close = (i..t.len()).find(|&j| t[j] == Tok::Punct(')')).expect(")");
                (Value::Pair(a.clone(), b.clone()), close + 1)
            }
            other => panic!("{lang}.{name}: not a string or a (singular, plural) pair: {other:?}"),
        };
        fields.insert(name.clone(), value);
        i = next;
        if t.get(i) == Some(&Tok::Punct(',')) {
            i += 1;
        }
    }
    Some(fields)
}

/// Every `["fi", "sv", "en"]` and `("fi", "sv", "en")` in the file: term tables.
fn triples(t: &[Tok]) -> Vec<[String; 3]> {
    t.windows(7)
        .filter_map(|w| match w {
            [
                Tok::Punct(o),
                Tok::Str(a),
                Tok::Punct(','),
                Tok::Str(b),
                Tok::Punct(','),
                Tok::Str(c),
                Tok::Punct(e),
            ] if (*o == '[' && *e == ']') || (*o == '(' && *e == ')') => {
                Some([a.clone(), b.clone(), c.clone()])
            }
            _ => None,
        })
        .collect()
}

fn i18n_files() -> Vec<PathBuf> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&src)
        .expect("src")
        .filter_map(Result::ok)
        .map(|e| e.path().join("i18n.rs"))
        .filter(|p| p.is_file())
        .collect();
    files.push(src.join("i18n.rs"));
    // Shared texts several widgets use, where kept as `Strings` tables (i18n/experts.rs).
    files.extend(
        std::fs::read_dir(src.join("i18n"))
            .expect("src/i18n")
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| !p.ends_with("tests.rs"))
            .filter(|p| std::fs::read_to_string(p).is_ok_and(|t| t.contains("const FI: Strings"))),
    );
    files.sort();
    files
}

/// `{name}` placeholders in order of appearance.
fn placeholders(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(a) = rest.find('{') {
        let Some(b) = rest[a..].find('}') else { break };
        out.push(rest[a + 1..a + b].to_owned());
        rest = &rest[a + b + 1..];
    }
    out
}

fn group(n: u64, lang: usize) -> String {
    let digits = n.to_string();
    let sep = if lang == 2 { "," } else { "\u{a0}" };
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(sep);
        }
        out.push(ch);
    }
    out
}

fn render(template: &str, n: u64, lang: usize) -> String {
    let mut out = template.to_owned();
    for p in placeholders(template) {
        out = out.replace(&format!("{{{p}}}"), &group(n, lang));
    }
    out
}

/// Problems of one template: a placeholder directly followed by a word that would have to
/// agree with a number ("{n} hakemusta", "1 ansökningar") or by a case ending ("{v}:stä").
fn number_agreement(template: &str) -> Vec<String> {
    let mut problems = Vec::new();
    for p in placeholders(template) {
        let marker = format!("{{{p}}}");
        for (at, _) in template.match_indices(&marker) {
            let after = &template[at + marker.len()..];
            if after.starts_with(':') && after[1..].starts_with(|c: char| c.is_alphabetic()) {
                problems.push(format!("{marker} takes a case ending"));
                continue;
            }
            let Some(rest) = after.strip_prefix([' ', '\u{a0}']) else {
                continue;
            };
            let word: String = rest
                .chars()
                .take_while(|c| !c.is_whitespace() && !",.;:)".contains(*c))
                .collect();
            if word.starts_with(|c: char| c.is_alphabetic() || c == '%' || c == '€')
                && !AFTER_NUMBER.contains(&word.as_str())
                && !word.starts_with('{')
            {
                problems.push(format!("{marker} is followed by “{word}”"));
            }
        }
    }
    problems
}

/// Values that are the same word in Finnish or Swedish as in English (names, symbols).
const SAME_AS_ENGLISH: &[&str] = &[
    "TOPSIS",
    "–",
    "Transport",
    "Export",
    "Partner {n}",
    "Material",
    "material",
    "Aluminium",
    "status",
    "organisation",
    "id",
    "Alfa, ordinal",
    "intervall",
    "Status",
    "koordinater",
    // A Swedish loanword (SAOL), as in the fixture's "Sidoströmsworkshop".
    "Workshop",
];

#[test]
fn every_template_has_the_same_placeholders_and_survives_every_number_in_every_language() {
    let files = i18n_files();
    assert!(files.len() >= 6, "the widgets' i18n.rs files: {files:?}");
    let mut checked = 0;
    let mut problems = Vec::new();
    for file in &files {
        let src = std::fs::read_to_string(file).expect("readable");
        let t = tokens(&src);
        let name = file.display().to_string();
        let consts = ["FI", "SV", "EN"].map(|l| strings_const(&t, l));
        let mut templates: Vec<(String, [Value; 3])> = Vec::new();
        if let [Some(fi), Some(sv), Some(en)] = &consts {
            assert_eq!(
                fi.keys().collect::<Vec<_>>(),
                en.keys().collect::<Vec<_>>(),
                "{name}: fi and en have the same fields"
            );
            assert_eq!(sv.keys().collect::<Vec<_>>(), en.keys().collect::<Vec<_>>());
            for (k, v) in en {
                templates.push((k.clone(), [fi[k].clone(), sv[k].clone(), v.clone()]));
            }
        } else {
            assert!(
                consts.iter().all(Option::is_none),
                "{name}: FI, SV and EN all present"
            );
        }
        for (i, [fi, sv, en]) in triples(&t).into_iter().enumerate() {
            templates.push((
                format!("table entry {i}"),
                [Value::One(fi), Value::One(sv), Value::One(en)],
            ));
        }
        assert!(!templates.is_empty(), "{name}: found no texts");
        for (key, values) in &templates {
            let place = format!("{name}: {key}");
            // One placeholder set per template, the same in all three languages.
            let sets: Vec<BTreeSet<String>> = values
                .iter()
                .map(|v| match v {
                    Value::One(s) => placeholders(s).into_iter().collect(),
                    Value::Pair(a, b) => {
                        let (pa, pb): (BTreeSet<_>, BTreeSet<_>) = (
                            placeholders(a).into_iter().collect(),
                            placeholders(b).into_iter().collect(),
                        );
                        assert_eq!(pa, pb, "{place}: singular and plural differ");
                        pa
                    }
                })
                .collect();
            if sets[0] != sets[2] || sets[1] != sets[2] {
                problems.push(format!("{place}: placeholders differ: {sets:?}"));
            }
            for (lang, v) in values.iter().enumerate() {
                let text = match v {
                    Value::One(s) | Value::Pair(s, _) => s,
                };
                if text.trim().is_empty() && key != "no_value" {
                    problems.push(format!("{place}: empty in language {lang}"));
                }
                if lang < 2 {
                    let en = match &values[2] {
                        Value::One(s) | Value::Pair(s, _) => s,
                    };
                    if text == en
                        && text.chars().any(char::is_alphabetic)
                        && !SAME_AS_ENGLISH.contains(&text.as_str())
                        && key != "locale"
                    {
                        problems.push(format!("{place}: “{text}” is English in fi/sv"));
                    }
                }
                for n in NUMBERS {
                    let out = match v {
                        Value::One(s) => render(s, n, lang),
                        Value::Pair(one, many) => {
                            format!("{} {}", group(n, lang), if n == 1 { one } else { many })
                        }
                    };
                    assert!(
                        !out.contains(['{', '}']),
                        "{place}: unfilled placeholder in “{out}”"
                    );
                    if !sets[lang].is_empty() {
                        assert!(out.contains(&group(n, lang)), "{place}: “{out}” lost {n}");
                    }
                    checked += 1;
                }
                if let Value::One(s) = v {
                    for p in number_agreement(s) {
                        problems.push(format!("{place} (language {lang}, “{s}”): {p}"));
                    }
                }
            }
        }
    }
    assert!(checked > 2_000, "rendered {checked} texts");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_checker_catches_what_the_language_review_found() {
    assert!(!number_agreement("Vastasit {a} kysymykseen {v}:stä.").is_empty());
    assert!(!number_agreement("{p} pistettä seuraavalle tasolle ({name})").is_empty());
    assert!(!number_agreement("{a} ansökningar och {r} bedömningar").is_empty());
    assert!(number_agreement("Hakemuksia: {a}, arvioita: {r}.").is_empty());
    assert!(number_agreement("painoarvo {w} %").is_empty());
    assert!(number_agreement("Steg {i} av {n}").is_empty());
    let t = tokens(r#"const FI: Strings = Strings { a: "x {n}", b: ("päivä", "päivää"), };"#);
    let fi = strings_const(&t, "FI").expect("parsed");
    assert_eq!(fi["a"], Value::One("x {n}".into()));
    assert_eq!(fi["b"], Value::Pair("päivä".into(), "päivää".into()));
    assert_eq!(
        triples(&tokens(r#"["Kunta", "Kommun", "Municipality"]"#)).len(),
        1
    );
}

#[test]
fn swedish_and_finnish_lists_put_a_ring_before_a_and_o_with_dots_after_z() {
    let mut v = vec![
        "Österbotten",
        "Åland",
        "Ägg",
        "Zeta",
        "nyland",
        "Birkaland",
        "Vasa",
        "Wasa",
    ];
    sort_by_name(&mut v, |s| s);
    assert_eq!(
        v,
        [
            "Birkaland",
            "nyland",
            "Vasa",
            "Wasa",
            "Zeta",
            "Åland",
            "Ägg",
            "Österbotten"
        ]
    );
}

#[test]
fn diagnostics_are_said_in_the_ui_language_from_their_code() {
    let d = Diagnostic::error(4, "score", Code::NotNumber, "`kolme` is not a number")
        .with_value("kolme");
    assert_eq!(
        diagnostic(&d, Lang::Fi),
        "Rivi 4, kenttä ”pisteet”, arvo ”kolme”: ei ole luku"
    );
    assert_eq!(
        diagnostic(&d, Lang::Sv),
        "Rad 4, fältet ”poäng”, värdet ”kolme”: är inte ett tal"
    );
    let whole = Diagnostic::error(0, "", Code::NotJson, "not valid JSON: EOF at line 1");
    assert_eq!(diagnostic(&whole, Lang::Sv), "Filen är inte giltig JSON");
    // An internal path is no field name: it stays out rather than showing an id.
    let inner = Diagnostic::warning(2, "themes/t-1", Code::Empty, "theme has no questions");
    assert_eq!(
        diagnostic(&inner, Lang::Fi),
        "Rivi 2: ei sisällä yhtään kohtaa"
    );
    let key = Diagnostic::warning(3, "titel", Code::UnknownKey, "unknown field `titel`")
        .with_value("titel")
        .with_suggestion("title");
    assert_eq!(
        diagnostic(&key, Lang::Sv),
        "Rad 3, fältet ”titel”: det okända fältet hoppades över – avsågs ”title”?"
    );
    let long = "x".repeat(500);
    let clipped = diagnostic(
        &Diagnostic::error(1, "id", Code::Duplicate, "").with_value(&long),
        Lang::Fi,
    );
    assert!(clipped.chars().count() < 150, "{clipped}");
}

/// Every code the core can emit has a text in fi, sv and en; the Finnish and Swedish are not
/// the English; no code text carries a placeholder (the frame's are the same in all three),
/// and a diagnostic with every parameter renders with none left unfilled.
#[test]
fn every_diagnostic_code_has_its_three_texts_and_the_frames_agree() {
    assert!(Code::ALL.len() >= 40, "the core's list of codes shrank");
    let mut ids = BTreeSet::new();
    for &code in Code::ALL {
        assert!(ids.insert(code.id()), "{} twice", code.id());
        let [fi, sv, en] = [Lang::Fi, Lang::Sv, Lang::En].map(|l| code_text(code, l));
        for t in [fi, sv, en] {
            assert!(!t.trim().is_empty(), "{}: empty text", code.id());
            assert!(
                placeholders(t).is_empty(),
                "{}: placeholder in {t}",
                code.id()
            );
            assert!(!t.contains('`'), "{}: backtick in {t}", code.id());
        }
        assert_ne!(fi, en, "{}: Finnish is the English", code.id());
        assert_ne!(sv, en, "{}: Swedish is the English", code.id());
        assert_ne!(fi, sv, "{}: Finnish and Swedish are the same", code.id());
    }
    for (f, s, e) in [
        (FI.row, SV.row, EN.row),
        (FI.field, SV.field, EN.field),
        (FI.value, SV.value, EN.value),
        (FI.suggestion, SV.suggestion, EN.suggestion),
    ] {
        assert_eq!(placeholders(f), placeholders(e), "{f} / {e}");
        assert_eq!(placeholders(s), placeholders(e), "{s} / {e}");
        assert_eq!(placeholders(e).len(), 1, "{e}");
    }
    // What `upper_first` gets starts with one of these: its capitals are Unicode's there.
    for lang in [Lang::Fi, Lang::Sv, Lang::En] {
        let s = strings(lang);
        let firsts = Code::ALL.iter().map(|&c| code_text(c, lang));
        for t in firsts.chain([s.row, s.field, s.value]) {
            let mut c = t.chars();
            let unicode: String = c
                .next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default();
            assert_eq!(upper_first(t), unicode, "{t}");
        }
    }
    for &code in Code::ALL {
        for lang in [Lang::Fi, Lang::Sv, Lang::En] {
            let d = Diagnostic::warning(21, "quantity", code, "English detail")
                .with_value("1 000 000")
                .with_suggestion("t");
            let text = diagnostic(&d, lang);
            assert!(!text.contains('{') && !text.contains('}'), "{text}");
            assert!(!text.contains("English detail"), "{text}");
            assert!(text.contains("21") && text.contains("1 000 000"), "{text}");
        }
    }
}

#[test]
fn a_text_missing_in_swedish_is_tagged_with_the_language_shown() {
    let fi_only = Text {
        fi: Some("Kiertotalouden avustus".into()),
        ..Text::default()
    };
    assert_eq!(
        text_in(&fi_only, Lang::Sv),
        ("Kiertotalouden avustus".to_owned(), Some("fi"))
    );
    assert_eq!(
        text_in(&fi_only, Lang::Fi),
        ("Kiertotalouden avustus".to_owned(), None)
    );
    let all = Text::new("puu", "trä", "wood");
    assert_eq!(text_in(&all, Lang::Sv), ("trä".to_owned(), None));
}

#[test]
fn a_waste_code_reads_with_its_label_and_an_english_one_is_tagged() {
    let labels = Some(kiertokit::matching::ewc_labels());
    let (fi, tag) = ewc_with_label("0101", labels, Lang::Fi);
    assert_eq!(fi, "01 01 – mineraalien louhinnassa syntyvät jätteet");
    assert_eq!(tag, None);
    let (sv, tag) = ewc_with_label("01 01", labels, Lang::Sv);
    assert_eq!(sv, "01 01 – avfall från utvinning av mineral");
    assert_eq!(tag, None);
    // No Swedish label in the list for this entry: the English one, marked as English.
    let (sv, tag) = ewc_with_label("010101", labels, Lang::Sv);
    assert_eq!(
        sv,
        "01 01 01 – wastes from mineral metalliferous excavation"
    );
    assert_eq!(tag, Some("en"));
    assert_eq!(
        ewc_with_label("99 99 99", labels, Lang::Fi),
        ("99 99 99".to_owned(), None)
    );
    // Before the labels arrive (or when their fetch failed): the code alone, untagged.
    assert_eq!(
        ewc_with_label("17 06 05", None, Lang::Fi),
        ("17 06 05*".to_owned(), None)
    );
}

#[test]
fn an_exchange_whose_quantities_are_not_tonnes_is_unknown_in_swedish_not_english() {
    use kiertokit::impact::{Estimate, Missing};
    let e = Estimate::missing(Missing::NotInTonnes {
        category: String::new(),
    });
    let said = impact::unknown_reason(&[&e], Lang::Sv).expect("a reason");
    assert_eq!(said.lang, "sv");
    assert_eq!(
        said.text,
        "Mängderna kan inte räknas om till ton, så effekten kan inte beräknas."
    );
    let bad = Estimate::missing(Missing::InvalidInput {
        category: String::new(),
    });
    let said = impact::unknown_reason(&[&bad], Lang::Fi).expect("a reason");
    assert_eq!(said.lang, "fi");
    assert!(said.text.starts_with("Vaihdon tiedot"), "{}", said.text);
}

#[test]
fn impact_engine_errors_are_said_in_the_ui_language() {
    use kiertokit::impact::{ExchangeInput, Factors, Pathway, Vehicle, exchange};
    use kiertokit::vocab::{Quantity, Unit};
    let factors = Factors::builtin().expect("shipped data");
    let input = ExchangeInput {
        material: "soil".to_owned(),
        quantity: Quantity {
            amount: 10.0,
            unit: Unit::CubicMetre,
        },
        baseline: Pathway::Landfill,
        alternative: Pathway::Recycling,
        distance_km: 0.0,
        vehicle: Vehicle::FullTrailer,
        prices: None,
        logistics_eur: None,
    };
    let error = exchange(&input, factors).expect_err("a volume is refused");
    let said = |lang| {
        let d = error.diagnostics();
        d.iter().map(|d| diagnostic(d, lang)).collect::<Vec<_>>()
    };
    assert_eq!(
        said(Lang::Fi),
        [
            "Kenttä ”määrä”, arvo ”m³”: yksikkö ei sovi tähän: määrä annetaan tonneina tai kiloina, kerroin omassa yksikössään"
        ]
    );
    assert_eq!(
        said(Lang::Sv),
        [
            "Fältet ”mängd”, värdet ”m³”: enheten passar inte här: mängden anges i ton eller kilogram, en faktor i sin egen enhet"
        ]
    );
    let unknown = ExchangeInput {
        material: "unobtainium".to_owned(),
        quantity: Quantity {
            amount: 1.0,
            unit: Unit::Tonne,
        },
        ..input
    };
    let error = exchange(&unknown, factors).expect_err("an unknown material is refused");
    let fi = diagnostic(&error.diagnostics()[0], Lang::Fi);
    assert!(
        fi.contains("”unobtainium”") && fi.contains("materiaaliluokka"),
        "{fi}"
    );
    assert!(
        !fi.contains("unknown material"),
        "no English in Finnish: {fi}"
    );
}
