//! Text shared by every widget: core diagnostics in the UI language. The tests at the bottom
//! check every widget's `i18n.rs` (glossary and rules: `docs/glossary.md`).

use kiertokit::{Diagnostic, Lang, Severity};

struct Strings {
    /// `{row}`: the line of the partner's data a problem is on.
    row: &'static str,
    /// `{field}`: the field's name in the UI language.
    field: &'static str,
    invalid_value: &'static str,
    check_value: &'static str,
    unreadable: &'static str,
    /// Introduces the core's technical message, which stays English.
    in_english: &'static str,
    /// A key or column the reader does not know: `{key}`, and `{suggestion}` the known one.
    unknown_key: &'static str,
    unknown_key_suggestion: &'static str,
}

const FI: Strings = Strings {
    row: "Rivi {row}",
    field: "kenttä ”{field}”",
    invalid_value: "virheellinen tai puuttuva arvo",
    check_value: "tarkista arvo",
    unreadable: "Aineistoa ei voitu lukea",
    in_english: "englanniksi",
    unknown_key: "tuntematon kenttä ”{key}” ohitettiin",
    unknown_key_suggestion: "tuntematon kenttä ”{key}” ohitettiin – tarkoitettiinko ”{suggestion}”?",
};

const SV: Strings = Strings {
    row: "Rad {row}",
    field: "fältet ”{field}”",
    invalid_value: "felaktigt eller saknat värde",
    check_value: "kontrollera värdet",
    unreadable: "Underlaget kunde inte läsas",
    in_english: "på engelska",
    unknown_key: "det okända fältet ”{key}” hoppades över",
    unknown_key_suggestion: "det okända fältet ”{key}” hoppades över – avsågs ”{suggestion}”?",
};

const EN: Strings = Strings {
    row: "Row {row}",
    field: "field “{field}”",
    invalid_value: "invalid or missing value",
    check_value: "check the value",
    unreadable: "The data could not be read",
    in_english: "in English",
    unknown_key: "unknown field “{key}” was ignored",
    unknown_key_suggestion: "unknown field “{key}” was ignored – did you mean “{suggestion}”?",
};

fn strings(lang: Lang) -> &'static Strings {
    match lang {
        Lang::Fi => &FI,
        Lang::Sv => &SV,
        Lang::En => &EN,
    }
}

/// A field the core names in a diagnostic (listings, applications, reviews), in the UI language.
pub fn field_name(field: &str, lang: Lang) -> Option<&'static str> {
    let t: [&str; 3] = match field {
        "id" => ["tunniste", "id", "identifier"],
        "title" => ["otsikko", "rubrik", "title"],
        "description" => ["kuvaus", "beskrivning", "description"],
        "kind" => ["ilmoituksen tyyppi", "typ av annons", "listing type"],
        "category" => ["materiaaliluokka", "materialkategori", "material category"],
        "ewc" => [
            "jätenimike (EWC-koodi)",
            "avfallskod (EWC)",
            "waste code (EWC)",
        ],
        "quantity" | "amount" => ["määrä", "mängd", "quantity"],
        "material" => ["materiaali", "material", "material"],
        "baseline" => [
            "nykyinen käsittely",
            "nuvarande behandling",
            "treatment today",
        ],
        "alternative" => [
            "vaihtoehtoinen käsittely",
            "alternativ behandling",
            "alternative treatment",
        ],
        "region" => ["maakunta", "landskap", "region"],
        "unit" => ["yksikkö", "enhet", "unit"],
        "municipality" => ["kunta", "kommun", "municipality"],
        "coordinates" => ["koordinaatit", "koordinater", "coordinates"],
        "max_distance_km" => ["enimmäisetäisyys", "största avstånd", "maximum distance"],
        "available_from" => ["saatavilla alkaen", "tillgänglig från", "available from"],
        "available_until" => ["saatavilla asti", "tillgänglig till", "available until"],
        "hazardous" => ["vaarallinen jäte", "farligt avfall", "hazardous waste"],
        "hazardous_permit" => [
            "vaarallisen jätteen lupa",
            "tillstånd för farligt avfall",
            "hazardous waste permit",
        ],
        "recurrence" => ["toistuvuus", "frekvens", "recurrence"],
        "quality" => ["laatu", "kvalitet", "quality"],
        "organisation" => ["organisaatio", "organisation", "organisation"],
        "status" => ["tila", "status", "status"],
        "version" | "format" => ["tiedoston muoto", "filformat", "file format"],
        "listings" => ["ilmoitukset", "annonser", "listings"],
        "application" | "applications" => ["hakemus", "ansökan", "application"],
        "reviews" => ["arviot", "bedömningar", "reviews"],
        "reviewer" => ["arvioija", "bedömare", "reviewer"],
        "criterion" | "criteria" => ["kriteeri", "kriterium", "criterion"],
        "score" => ["pisteet", "poäng", "score"],
        "submittedAt" => ["jättöaika", "inlämningstid", "submission time"],
        "deadline" => ["määräaika", "sista ansökningsdag", "deadline"],
        "weights" => ["painoarvot", "vikter", "weights"],
        "maxSelected" => [
            "valittavien enimmäismäärä",
            "högst antal som väljs",
            "maximum selected",
        ],
        "quotas" => ["kiintiöt", "kvoter", "quotas"],
        _ => return None,
    };
    Some(match lang {
        Lang::Fi => t[0],
        Lang::Sv => t[1],
        Lang::En => t[2],
    })
}

/// A core diagnostic's place and kind in the UI language, e.g. "Rivi 3, kenttä ”määrä”:
/// virheellinen tai puuttuva arvo". The core's own message is English; show it with
/// [`in_english`] inside an element with `lang="en"`.
pub fn diagnostic(d: &Diagnostic, lang: Lang) -> String {
    let s = strings(lang);
    let kind = match d.severity {
        Severity::Error => s.invalid_value,
        Severity::Warning => s.check_value,
    };
    let row = s.row.replace("{row}", &d.row.to_string());
    // A misspelt key: say which, and what it was probably meant to be (the core's own words).
    if d.message.starts_with("unknown field") || d.message.starts_with("unknown column") {
        let key = d.field.rsplit('.').next().unwrap_or(&d.field);
        let said = match &d.suggestion {
            Some(sug) => s
                .unknown_key_suggestion
                .replace("{key}", key)
                .replace("{suggestion}", sug),
            None => s.unknown_key.replace("{key}", key),
        };
        return match d.row {
            0 => upper_first(&said),
            _ => format!("{row}: {said}"),
        };
    }
    let field = field_name(&d.field, lang).map(|f| s.field.replace("{field}", f));
    match (d.row, field) {
        (0, None) => s.unreadable.to_owned(),
        (0, Some(f)) => format!("{}: {kind}", upper_first(&f)),
        (_, None) => format!("{row}: {kind}"),
        (_, Some(f)) => format!("{row}, {f}: {kind}"),
    }
}

/// "englanniksi: " / "på engelska: " before the core's English message; nothing in English.
pub fn in_english(lang: Lang) -> String {
    match lang {
        Lang::En => String::new(),
        _ => format!("{}: ", strings(lang).in_english),
    }
}

/// A unit written in data the Finnish way ("kpl") in the UI language; symbols (%, t, kg) as is.
pub fn unit(unit: &str, lang: Lang) -> &str {
    match (unit, lang) {
        ("kpl" | "st" | "pcs", Lang::Fi) => "kpl",
        ("kpl" | "st" | "pcs", Lang::Sv) => "st",
        ("kpl" | "st" | "pcs", Lang::En) => "pcs",
        (u, _) => u,
    }
}

/// `t` in the quotation marks of `lang`: ”…” in Finnish and Swedish, “…” in English.
pub fn quoted(t: &str, lang: Lang) -> String {
    match lang {
        Lang::Fi | Lang::Sv => format!("”{t}”"),
        Lang::En => format!("“{t}”"),
    }
}

/// A sort key in Finnish and Swedish alphabetical order: case-blind, w as v, ü as y, and
/// å, ä, ö (æ, ø) after z, where code-point order would put Ä before Å and capitals first.
pub fn collation_key(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'w' => 'v',
            'ü' | 'ű' => 'y',
            'á' | 'à' | 'â' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'š' => 's',
            'ž' => 'z',
            'å' => '\u{7b}',
            'ä' | 'æ' => '\u{7c}',
            'ö' | 'ø' | 'õ' => '\u{7d}',
            c => c,
        })
        .collect()
}

/// Sorts `v` by `name` in Finnish/Swedish alphabetical order (ties: by the name as written).
pub fn sort_by_name<T>(v: &mut [T], name: impl Fn(&T) -> &str) {
    kiertokit::sort::sort_by(v, |a, b| {
        let (a, b) = (name(a), name(b));
        collation_key(a)
            .cmp(&collation_key(b))
            .then_with(|| a.cmp(b))
    });
}

fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

pub mod experts;
pub mod impact;

#[cfg(test)]
mod tests;
