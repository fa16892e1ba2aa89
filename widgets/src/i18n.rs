//! Text shared by every widget: core diagnostics in the UI language. The tests at the bottom
//! check every widget's `i18n.rs` (glossary and rules: `docs/glossary.md`).

use kiertokit::vocab::Text;
use kiertokit::{Code, Diagnostic, Lang};
use leptos::either::Either;
use leptos::prelude::*;

/// The frame of a diagnostic: where it is and what it says. `{row}`, `{field}`, `{value}` and
/// `{suggestion}` are the diagnostic's parameters; the kind of problem comes from [`code_text`].
struct Strings {
    /// `{row}`: the line of the partner's data a problem is on.
    row: &'static str,
    /// `{field}`: the field's name in the UI language.
    field: &'static str,
    /// `{value}`: the offending value as written in the data.
    value: &'static str,
    /// `{suggestion}`: what the data probably meant.
    suggestion: &'static str,
}

const FI: Strings = Strings {
    row: "Rivi {row}",
    field: "kenttä ”{field}”",
    value: "arvo ”{value}”",
    suggestion: "tarkoitettiinko ”{suggestion}”?",
};

const SV: Strings = Strings {
    row: "Rad {row}",
    field: "fältet ”{field}”",
    value: "värdet ”{value}”",
    suggestion: "avsågs ”{suggestion}”?",
};

const EN: Strings = Strings {
    row: "Row {row}",
    field: "field “{field}”",
    value: "value “{value}”",
    suggestion: "did you mean “{suggestion}”?",
};

fn strings(lang: Lang) -> &'static Strings {
    match lang {
        Lang::Fi => &FI,
        Lang::Sv => &SV,
        Lang::En => &EN,
    }
}

/// What a diagnostic code says, as [fi, sv, en]: one table for every widget. The match has no
/// catch-all, so a new code in the core does not compile until it has its three texts.
pub fn code_text(code: Code, lang: Lang) -> &'static str {
    let t: [&str; 3] = match code {
        Code::FileUnreadable => [
            "tiedostoa ei voitu lukea tekstinä",
            "filen kunde inte läsas som text",
            "the file could not be read as text",
        ],
        Code::NotJson => [
            "tiedosto ei ole kelvollista JSONia",
            "filen är inte giltig JSON",
            "the file is not valid JSON",
        ],
        Code::WrongShape => [
            "aineiston rakenne on väärä",
            "underlaget har fel struktur",
            "the data does not have the expected structure",
        ],
        Code::UnterminatedQuote => [
            "lainausmerkki jäi sulkematta, joten rivi ohitettiin",
            "ett citattecken avslutades inte, så raden hoppades över",
            "a quotation mark was not closed, so the row was skipped",
        ],
        Code::RowUnreadable => [
            "riviä ei voitu lukea, joten se ohitettiin",
            "raden kunde inte läsas och hoppades över",
            "the row could not be read and was skipped",
        ],
        Code::ValueUnreadable => [
            "arvoa ei voitu lukea, joten se ohitettiin",
            "värdet kunde inte läsas och hoppades över",
            "the value could not be read and was ignored",
        ],
        Code::UnknownKey => [
            "tuntematon kenttä ohitettiin",
            "det okända fältet hoppades över",
            "the unknown field was ignored",
        ],
        Code::Missing => [
            "puuttuu tai on tyhjä",
            "saknas eller är tomt",
            "missing or empty",
        ],
        Code::Empty => [
            "ei sisällä yhtään kohtaa",
            "innehåller inga poster",
            "contains no items",
        ],
        Code::NotNumber => ["ei ole luku", "är inte ett tal", "not a number"],
        Code::OutOfRange => [
            "arvo on sallitun välin ulkopuolella",
            "värdet ligger utanför det tillåtna intervallet",
            "the value is outside the allowed range",
        ],
        Code::NotDate => [
            "ei ole päivämäärä muodossa VVVV-KK-PP",
            "är inte ett datum i formen ÅÅÅÅ-MM-DD",
            "not a date in the form YYYY-MM-DD",
        ],
        Code::DateOrder => [
            "päivämäärät ovat väärässä järjestyksessä (loppu ennen alkua)",
            "datumen är i fel ordning (slutet före början)",
            "the dates are in the wrong order (the end before the start)",
        ],
        Code::NotYesNo => [
            "ei ole kyllä tai ei",
            "är inte ja eller nej",
            "not yes or no",
        ],
        Code::UnknownValue => ["tuntematon arvo", "okänt värde", "unknown value"],
        Code::UnknownMunicipality => [
            "ei ole Suomen kunta tai maakunta, joten sijaintia ei tunneta",
            "är inte en finländsk kommun eller ett landskap, så platsen är okänd",
            "not a Finnish municipality or region, so the location is unknown",
        ],
        Code::UnknownQuestion => [
            "viittaa kysymykseen, jota ei ole",
            "hänvisar till en fråga som inte finns",
            "refers to a question that does not exist",
        ],
        Code::Duplicate => [
            "tunniste on jo käytössä aiemmalla rivillä",
            "beteckningen används redan på en tidigare rad",
            "the identifier is already used by an earlier row",
        ],
        Code::InvalidId => [
            "tunnisteessa saa olla vain kirjaimia, numeroita, - ja _",
            "beteckningen får bara innehålla bokstäver, siffror, - och _",
            "an identifier may only hold letters, digits, - and _",
        ],
        Code::UnsupportedVersion => [
            "tiedostomuodon versiota ei tueta",
            "filformatets version stöds inte",
            "this version of the file format is not supported",
        ],
        Code::OtherVersion => [
            "tallennettu toiselle versiolle; sopivat vastaukset säilytettiin",
            "sparat för en annan version; de svar som passar behölls",
            "saved for another version; the answers that fit were kept",
        ],
        Code::NotEwcEntry => [
            "ei ole jäteluettelon jätenimike (EWC-koodi)",
            "är inte en post i avfallsförteckningen (EWC)",
            "not an entry of the European List of Waste",
        ],
        Code::EwcHeading => [
            "on jäteluettelon otsikko eikä jätenimike, joten koodi jätettiin pois",
            "är en rubrik i avfallsförteckningen och inte en post, så koden utelämnades",
            "a heading of the List of Waste, not an entry, so the code was left out",
        ],
        Code::EwcHazardMark => [
            "on merkitty vaaralliseksi (*), vaikka jäteluettelon nimike ei ole vaarallinen; tieto säilytettiin vaarallisena",
            "är märkt som farligt (*) fast posten i förteckningen inte är farlig; uppgiften behölls som farlig",
            "marked hazardous (*) although the list’s entry is not; kept as hazardous",
        ],
        Code::NotLink => [
            "ei ole verkko- tai sähköpostilinkki, joten se jätettiin pois",
            "är inte en webb- eller e-postlänk och utelämnades",
            "not a web or e-mail link, so it was left out",
        ],
        Code::MissingTranslation => [
            "käännös puuttuu",
            "översättning saknas",
            "a translation is missing",
        ],
        Code::InvalidSetting => [
            "asetus on ristiriitainen tai virheellinen",
            "inställningen är motstridig eller felaktig",
            "the setting is inconsistent or invalid",
        ],
        Code::NotAllowed => [
            "arvo ei ole sallittu tässä",
            "värdet är inte tillåtet här",
            "the value is not allowed here",
        ],
        Code::NoQuantity => [
            "haetuilta materiaaleilta puuttuu määrä, joten määräksi merkittiin 0 t",
            "efterfrågade material saknar mängd, så mängden sattes till 0 t",
            "sought materials have no quantity, so they were imported as 0 t",
        ],
        Code::ExtraEntries => [
            "linkissä on enemmän vastauksia kuin kyselyssä on kysymyksiä; ylimääräiset ohitettiin",
            "länken har fler svar än enkäten har frågor; de överskjutande hoppades över",
            "the link holds more answers than the questionnaire has questions; the extra ones were ignored",
        ],
        Code::AnswerSetAside => [
            "vastaus ei sovi kysymykseen, joten se jätettiin sivuun",
            "svaret passar inte frågan och lades åt sidan",
            "the answer does not fit the question and was set aside",
        ],
        Code::SavedDamaged => [
            "tallennetut tiedot ovat vioittuneet; luettavissa olevat vastaukset säilytettiin",
            "de sparade uppgifterna är skadade; de läsbara svaren behölls",
            "the saved data is damaged; the readable answers were kept",
        ],
        Code::TooLarge => [
            "luku on liian suuri laskettavaksi, joten kohta jätettiin pois",
            "talet är för stort för att beräknas, så posten utelämnades",
            "the number is too large to compute, so the item was left out",
        ],
        Code::NotCounted => [
            "vaihtoa ei voitu laskea mukaan",
            "utbytet kunde inte räknas med",
            "the exchange could not be counted",
        ],
        Code::ImpactUnknown => [
            "vaikutusta ei voida laskea",
            "effekten kan inte beräknas",
            "the impact cannot be computed",
        ],
        Code::QuotaUnreachable => [
            "kiintiön vähimmäismäärää ei voida täyttää",
            "kvotens minimiantal kan inte uppfyllas",
            "a quota’s minimum cannot be met",
        ],
        Code::AlreadyScored => [
            "arvioija on jo pisteyttänyt tämän kriteerin tälle hakemukselle; ensimmäinen arvio säilytettiin",
            "bedömaren har redan poängsatt kriteriet för den här ansökan; den första bedömningen behölls",
            "the reviewer already scored this criterion for this application; the first score was kept",
        ],
        Code::ReviewersShort => [
            "arvioijia saatiin vähemmän kuin pyydettiin",
            "färre bedömare än begärt kunde tilldelas",
            "fewer reviewers than asked for could be assigned",
        ],
        Code::Approximate => [
            "sijainniksi arvioitiin maakunnan keskipiste, joten etäisyydet ovat likimääräisiä",
            "platsen uppskattades till landskapets mittpunkt, så avstånden är ungefärliga",
            "the place was approximated by the region’s centre, so distances are approximate",
        ],
        Code::OnlyFirstKept => [
            "vain ensimmäinen arvo säilytettiin",
            "bara det första värdet behölls",
            "only the first value was kept",
        ],
        Code::MunicipalityMerged => [
            "kunta on liitetty toiseen kuntaan, ja uutta kuntaa käytetään",
            "kommunen har gått samman med en annan, och den nya kommunen används",
            "the municipality has merged into another, and the new one is used",
        ],
        Code::UnitMismatch => [
            "yksikkö ei sovi tähän: määrä annetaan tonneina tai kiloina, kerroin omassa yksikössään",
            "enheten passar inte här: mängden anges i ton eller kilogram, en faktor i sin egen enhet",
            "the unit does not fit here: a quantity is given in tonnes or kilograms, a factor in its own unit",
        ],
        Code::UnknownMaterial => [
            "ei ole tunnettu materiaaliluokka, materiaali tai jätenimike (EWC-koodi)",
            "är inte en känd materialkategori, ett känt material eller en känd avfallskod (EWC)",
            "is not a known material category, material or waste code (EWC)",
        ],
        Code::UnknownFactor => [
            "kerroinaineistossa ei ole kerrointa tällä tunnisteella",
            "faktorunderlaget har ingen faktor med den här identifieraren",
            "the factor set has no factor with this identifier",
        ],
        Code::NotComputable => [
            "tulos olisi liian suuri tai pieni laskettavaksi, joten sitä ei laskettu",
            "resultatet skulle bli för stort eller för litet för att beräknas, så det räknades inte ut",
            "the result would be too large or too small to compute, so it was not calculated",
        ],
        Code::Invalid => ["virheellinen arvo", "felaktigt värde", "invalid value"],
    };
    match lang {
        Lang::Fi => t[0],
        Lang::Sv => t[1],
        Lang::En => t[2],
    }
}

/// A field the core names in a diagnostic (listings, applications, reviews), in the UI language.
pub fn field_name(field: &str, lang: Lang) -> Option<&'static str> {
    let t: [&str; 3] = match field {
        "id" => ["tunniste", "id", "identifier"],
        "title" => ["otsikko", "rubrik", "title"],
        "description" => ["kuvaus", "beskrivning", "description"],
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
        "name" => ["nimi", "namn", "name"],
        "funder" => ["rahoittaja", "finansiär", "funder"],
        "opens" => ["haku avautuu", "utlysningen öppnar", "opens"],
        "regions" => ["maakunnat", "landskap", "regions"],
        "categories" => [
            "materiaaliluokat",
            "materialkategorier",
            "material categories",
        ],
        "ewc_chapters" => [
            "jäteluettelon luvut (EWC)",
            "kapitel i avfallsförteckningen (EWC)",
            "List of Waste chapters (EWC)",
        ],
        "checked" => ["tarkistettu", "kontrollerad", "checked"],
        "amount_min" => ["vähimmäissumma", "minimibelopp", "minimum amount"],
        "amount_max" => ["enimmäissumma", "maximibelopp", "maximum amount"],
        "funding_rate" => ["tukiprosentti", "stödprocent", "funding rate"],
        "contact" => ["yhteystieto", "kontaktuppgift", "contact"],
        "link" => ["linkki", "länk", "link"],
        "source" => ["lähde", "källa", "source"],
        "entries" => ["rivit", "rader", "entries"],
        "kind" | "rfoType" => ["tyyppi", "typ", "type"],
        _ => return None,
    };
    Some(match lang {
        Lang::Fi => t[0],
        Lang::Sv => t[1],
        Lang::En => t[2],
    })
}

/// A core diagnostic in the UI language from its code and parameters, e.g. "Rivi 3, kenttä
/// ”määrä”, arvo ”abc”: ei ole luku". The core's English message is never shown: fields the
/// table does not name and ids stay out, so no internal id reaches the reader.
pub fn diagnostic(d: &Diagnostic, lang: Lang) -> String {
    let s = strings(lang);
    let mut place: Vec<String> = Vec::new();
    if d.row > 0 {
        place.push(s.row.replace("{row}", &d.row.to_string()));
    }
    let value = d.value.as_deref().map(clip);
    // An unknown key is named by itself: its name is the point, and no table can know it.
    let field = match (d.code, &value) {
        (Code::UnknownKey, Some(key)) => Some(key.clone()),
        _ => field_name(&d.field, lang).map(str::to_owned),
    };
    if let Some(f) = field {
        place.push(s.field.replace("{field}", &f));
    }
    if let Some(v) = value.filter(|_| d.code != Code::UnknownKey) {
        place.push(s.value.replace("{value}", &v));
    }
    let what = code_text(d.code, lang);
    let mut out = match place.is_empty() {
        true => upper_first(what),
        false => format!("{}: {what}", upper_first(&place.join(", "))),
    };
    if let Some(sug) = &d.suggestion {
        out.push_str(" – ");
        out.push_str(&s.suggestion.replace("{suggestion}", &clip(sug)));
    }
    out
}

/// Introduces a technical detail that stays English (an engine's error text), tagged `lang="en"`.
pub fn in_english(lang: Lang) -> &'static str {
    match lang {
        Lang::Fi => "englanniksi",
        Lang::Sv => "på engelska",
        Lang::En => "in English",
    }
}

/// A value from partner data cut to a readable length (whole characters).
fn clip(v: &str) -> String {
    const MAX: usize = 60;
    match v.char_indices().nth(MAX) {
        Some((i, _)) => format!("{}…", &v[..i]),
        None => v.to_owned(),
    }
}

/// A text from data in the UI language, with the `lang` attribute its element needs when the
/// text is missing in that language and another one is shown (None when no fallback happened),
/// so screen readers switch voice: `<p lang=tag>{text}</p>` (Leptos leaves out a None).
pub fn text_in(t: &Text, lang: Lang) -> (String, Option<&'static str>) {
    let (text, shown) = t.resolve(lang);
    (text.to_owned(), (shown != lang).then(|| shown.tag()))
}

/// A text from data as a view: bare when it is in `lang`, else in a `<span lang=…>` of the
/// language shown, so a screen reader switches voice (questionnaire or programme without sv).
pub fn text_view(t: &Text, lang: Lang) -> impl IntoView + use<> {
    tagged(text_in(t, lang))
}

/// A text resolved by [`text_in`] (kept in a struct, say, or an id standing in for a missing
/// text with `None`) as [`text_view`] shows it. No type erasure: this is on many views' path.
pub fn tagged((text, tag): (String, Option<&'static str>)) -> impl IntoView + use<> {
    match tag {
        None => Either::Left(text),
        Some(tag) => Either::Right(view! { <span lang=tag>{text}</span> }),
    }
}

/// `template` with `key` replaced by a view (a [`text_view`], which a string cannot carry).
pub fn filled<V: IntoView>(template: &str, key: &str, value: V) -> impl IntoView + use<V> {
    let (before, value, after) = match template.split_once(key) {
        Some((before, after)) => (before, Some(value), after),
        None => (template, None, ""),
    };
    view! { {before.to_owned()} {value} {after.to_owned()} }
}

/// A waste code as written with its label in the UI language, e.g. "17 02 01 – Puu", and the
/// `lang` its element needs when the list has no label in that language (most entries have
/// only the English one: docs/glossary.md). The code alone when it is not in the list or the
/// labels are not (yet) at hand.
pub fn ewc_with_label(
    code: &str,
    labels: Option<&kiertokit::matching::EwcLabels>,
    lang: Lang,
) -> (String, Option<&'static str>) {
    let Ok(written) = kiertokit::matching::EwcCode::parse(code) else {
        return (code.to_owned(), None);
    };
    let spaced = written.code.spaced();
    match labels
        .and_then(|l| l.get(written.code))
        .map(|t| text_in(t, lang))
    {
        Some((label, tag)) if !label.is_empty() => (format!("{spaced} – {label}"), tag),
        _ => (spaced, None),
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

/// The opening and closing quotation marks of `lang`: ”…” in Finnish and Swedish, “…” in English.
pub fn quote_marks(lang: Lang) -> (&'static str, &'static str) {
    match lang {
        Lang::Fi | Lang::Sv => ("”", "”"),
        Lang::En => ("“", "”"),
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

/// The first letter in capitals. What reaches it starts with a word of our own tables, whose
/// first letters are ASCII or å, ä, ö (tested), so no module carries Unicode's case table.
fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    let Some(first) = c.next() else {
        return String::new();
    };
    let upper = match first {
        'å' => 'Å',
        'ä' => 'Ä',
        'ö' => 'Ö',
        f => f.to_ascii_uppercase(),
    };
    std::iter::once(upper).chain(c).collect()
}

pub mod experts;
pub mod impact;

#[cfg(test)]
mod tests;
