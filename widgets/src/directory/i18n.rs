//! User-interface strings of the directory in Finnish, Swedish and English.

use kiertokit::Lang;

pub struct Strings {
    pub locale: &'static str,
    pub heading_experts: &'static str,
    pub heading_funding: &'static str,
    pub heading_companies: &'static str,
    pub search_label: &'static str,
    pub hint_experts: &'static str,
    pub hint_funding: &'static str,
    pub hint_companies: &'static str,
    pub loading: &'static str,
    pub none: &'static str,
    /// The noun after a number of entries: (singular, plural).
    pub entries: (&'static str, &'static str),
    pub load_failed: &'static str,
    pub retry: &'static str,
    pub skipped_rows: &'static str,
    pub data_notes: &'static str,
    pub filters: &'static str,
    pub all: &'static str,
    pub clear_filters: &'static str,
    pub show_more: &'static str,
    pub open: &'static str,
    pub back: &'static str,
    pub fictitious: &'static str,
    pub example_call: &'static str,
    pub facet_category: &'static str,
    pub facet_skill: &'static str,
    pub facet_region: &'static str,
    pub facet_language: &'static str,
    pub facet_state: &'static str,
    pub facet_funder: &'static str,
    pub facet_topic: &'static str,
    pub facet_organisation_type: &'static str,
    pub facet_model: &'static str,
    pub facet_municipality: &'static str,
    pub facet_sector: &'static str,
    pub whole_country: &'static str,
    pub organisation: &'static str,
    pub contact: &'static str,
    pub ewc_chapters: &'static str,
    pub based_in: &'static str,
    pub programme: &'static str,
    pub amount: &'static str,
    pub funding_rate: &'static str,
    pub opens: &'static str,
    pub deadline: &'static str,
    pub continuous: &'static str,
    /// `{left}`: a duration such as "3 päivää ja 4 tuntia".
    pub time_left: &'static str,
    pub call_page: &'static str,
    pub source: &'static str,
    /// `{date}`: the day the facts were checked.
    pub checked: &'static str,
    pub add_to_calendar: &'static str,
    pub calendar_hint: &'static str,
    pub who_may_apply: &'static str,
    pub not_restricted: &'static str,
    pub website: &'static str,
    pub precheck_heading: &'static str,
    pub precheck_intro: &'static str,
    pub precheck_place_hint: &'static str,
    pub precheck_eligible: &'static str,
    pub precheck_failed: &'static str,
    pub precheck_unanswered: &'static str,
    pub precheck_none: &'static str,
    pub need_heading: &'static str,
    pub need_intro: &'static str,
    pub need_material: &'static str,
    pub need_place: &'static str,
    pub need_language: &'static str,
    pub need_skill: &'static str,
    pub any: &'static str,
    pub need_results: &'static str,
    pub need_empty: &'static str,
    pub need_nothing: &'static str,
    pub unknown_municipality: &'static str,
    pub day: (&'static str, &'static str),
    pub hour: (&'static str, &'static str),
    pub minute: (&'static str, &'static str),
    pub and: &'static str,
    pub map_label: &'static str,
    pub map_caption: &'static str,
}

const FI: Strings = Strings {
    locale: "fi-FI",
    heading_experts: "Kiertotalouden asiantuntijat",
    heading_funding: "Kiertotalouden rahoitushaut",
    heading_companies: "Kiertotalousyritykset",
    search_label: "Hae",
    hint_experts: "Esimerkiksi muovi, ympäristölupa, elinkaariarviointi tai Tampere",
    hint_funding: "Esimerkiksi investointi, sivuvirta tai ympäristöministeriö",
    hint_companies: "Esimerkiksi korjaus, vuokraus, biokaasu tai Lahti",
    loading: "Ladataan tietoja…",
    none: "Ei hakutuloksia",
    entries: ("tulos", "tulosta"),
    load_failed: "Tietojen lataaminen epäonnistui",
    retry: "Yritä uudelleen",
    skipped_rows: "Osa riveistä ohitettiin virheellisinä",
    data_notes: "Huomioita aineiston tiedoista",
    filters: "Rajaa hakua",
    all: "Kaikki",
    clear_filters: "Tyhjennä rajaukset",
    show_more: "Näytä lisää",
    open: "Näytä tiedot",
    back: "Takaisin hakutuloksiin",
    fictitious: "Kuvitteellinen esimerkki",
    example_call: "Esimerkkihaku: tarkistakaa tiedot rahoittajan sivulta",
    facet_category: "Materiaaliluokka",
    facet_skill: "Osaaminen",
    facet_region: "Maakunta",
    facet_language: "Kieli",
    facet_state: "Haun tila",
    facet_funder: "Rahoittaja",
    facet_topic: "Aihe",
    facet_organisation_type: "Kuka voi hakea",
    facet_model: "Liiketoimintamalli",
    facet_municipality: "Kunta",
    facet_sector: "Toimiala",
    whole_country: "Koko Suomi",
    organisation: "Organisaatio",
    contact: "Yhteystiedot",
    ewc_chapters: "Jätenimikkeiden luvut (EWC)",
    based_in: "Kotipaikka",
    programme: "Ohjelma",
    amount: "Tuen määrä",
    funding_rate: "Tukiosuus",
    opens: "Haku alkaa",
    deadline: "Haku päättyy",
    continuous: "Jatkuva haku",
    time_left: "Aikaa jäljellä: {left}",
    call_page: "Haun sivu",
    source: "Lähde",
    checked: "Tiedot tarkistettu {date}",
    add_to_calendar: "Lisää kalenteriin (.ics)",
    calendar_hint: "Lataa tiedoston, jonka kalenteriohjelma avaa; muistutus päivää ennen.",
    who_may_apply: "Kuka voi hakea",
    not_restricted: "Ei rajattu",
    website: "Verkkosivu",
    precheck_heading: "Voiko organisaationne hakea?",
    precheck_intro: "Vastatkaa kysymyksiin. Vastauksia ei lähetetä minnekään.",
    precheck_place_hint: "Kunta tai maakunta, esimerkiksi Hämeenlinna tai Pirkanmaa",
    precheck_eligible: "Hakuehdot täyttyvät näiden tietojen perusteella.",
    precheck_failed: "Hakuehdot eivät täyty:",
    precheck_unanswered: "Vastaamatta:",
    precheck_none: "Haku ei rajaa hakijoita organisaation, alueen tai aiheen mukaan.",
    need_heading: "Etsikää asiantuntija tarpeeseenne",
    need_intro: "Valitkaa materiaali, paikka ja kieli; sopivimmat asiantuntijat näkyvät heti.",
    need_material: "Materiaali",
    need_place: "Kunta tai maakunta",
    need_language: "Kieli",
    need_skill: "Osaaminen",
    any: "Mikä tahansa",
    need_results: "Sopivimmat asiantuntijat",
    need_empty: "Valitkaa vähintään yksi tieto.",
    need_nothing: "Sopivaa asiantuntijaa ei löytynyt.",
    unknown_municipality: "Paikkaa ei tunnistettu",
    day: ("päivä", "päivää"),
    hour: ("tunti", "tuntia"),
    minute: ("minuutti", "minuuttia"),
    and: "ja",
    map_label: "Hakutulosten yritykset kartalla kunnittain",
    map_caption: "Pisteen koko kertoo yritysten määrän kunnassa. Pistettä napsauttamalla rajataan kuntaan; kunnan voi valita myös Kunta-valikosta.",
};

const SV: Strings = Strings {
    locale: "sv-FI",
    heading_experts: "Experter på cirkulär ekonomi",
    heading_funding: "Utlysningar inom cirkulär ekonomi",
    heading_companies: "Företag inom cirkulär ekonomi",
    search_label: "Sök",
    hint_experts: "Till exempel plast, miljötillstånd, livscykelanalys eller Vasa",
    hint_funding: "Till exempel investering, sidoström eller miljöministeriet",
    hint_companies: "Till exempel reparation, uthyrning, biogas eller Lahtis",
    loading: "Uppgifterna laddas…",
    none: "Inga sökresultat",
    entries: ("träff", "träffar"),
    load_failed: "Uppgifterna kunde inte laddas",
    retry: "Försök igen",
    skipped_rows: "Några rader hoppades över som felaktiga",
    data_notes: "Anmärkningar om underlaget",
    filters: "Avgränsa sökningen",
    all: "Alla",
    clear_filters: "Rensa avgränsningarna",
    show_more: "Visa fler",
    open: "Visa uppgifter",
    back: "Tillbaka till sökresultaten",
    fictitious: "Påhittat exempel",
    example_call: "Exempelutlysning: kontrollera uppgifterna på finansiärens webbplats",
    facet_category: "Materialkategori",
    facet_skill: "Kompetens",
    facet_region: "Landskap",
    facet_language: "Språk",
    facet_state: "Utlysningens status",
    facet_funder: "Finansiär",
    facet_topic: "Tema",
    facet_organisation_type: "Vem kan söka",
    facet_model: "Affärsmodell",
    facet_municipality: "Kommun",
    facet_sector: "Bransch",
    whole_country: "Hela Finland",
    organisation: "Organisation",
    contact: "Kontaktuppgifter",
    ewc_chapters: "Kapitel i avfallsförteckningen (EWC)",
    based_in: "Hemort",
    programme: "Program",
    amount: "Stödbelopp",
    funding_rate: "Stödandel",
    opens: "Ansökningstiden börjar",
    deadline: "Ansökningstiden går ut",
    continuous: "Fortlöpande ansökan",
    time_left: "Tid kvar: {left}",
    call_page: "Utlysningens webbsida",
    source: "Källa",
    checked: "Uppgifterna kontrollerade den {date}",
    add_to_calendar: "Lägg till i kalendern (.ics)",
    calendar_hint: "Laddar ned en fil som kalenderprogrammet öppnar; påminnelse en dag före.",
    who_may_apply: "Vem kan söka",
    not_restricted: "Inte avgränsat",
    website: "Webbplats",
    precheck_heading: "Kan er organisation söka?",
    precheck_intro: "Svara på frågorna. Svaren skickas ingenstans.",
    precheck_place_hint: "Kommun eller landskap, till exempel Tavastehus eller Birkaland",
    precheck_eligible: "Villkoren för att söka uppfylls enligt de här uppgifterna.",
    precheck_failed: "Villkoren för att söka uppfylls inte:",
    precheck_unanswered: "Obesvarade:",
    precheck_none: "Utlysningen avgränsar inte sökande efter organisation, område eller tema.",
    need_heading: "Hitta en expert för ert behov",
    need_intro: "Välj material, plats och språk; de bäst lämpade experterna visas genast.",
    need_material: "Material",
    need_place: "Kommun eller landskap",
    need_language: "Språk",
    need_skill: "Kompetens",
    any: "Vilken som helst",
    need_results: "De bäst lämpade experterna",
    need_empty: "Välj minst en uppgift.",
    need_nothing: "Ingen lämplig expert hittades.",
    unknown_municipality: "Platsen kändes inte igen",
    day: ("dag", "dagar"),
    hour: ("timme", "timmar"),
    minute: ("minut", "minuter"),
    and: "och",
    map_label: "Företagen i sökresultaten på kartan, per kommun",
    map_caption: "Punktens storlek visar antalet företag i kommunen. Ett klick på en punkt avgränsar till kommunen; kommunen kan också väljas i menyn Kommun.",
};

const EN: Strings = Strings {
    locale: "en-GB",
    heading_experts: "Circular economy experts",
    heading_funding: "Circular economy funding calls",
    heading_companies: "Circular economy companies",
    search_label: "Search",
    hint_experts: "For example plastics, environmental permit, life cycle assessment or Tampere",
    hint_funding: "For example investment, side stream or Ministry of the Environment",
    hint_companies: "For example repair, rental, biogas or Lahti",
    loading: "Loading…",
    none: "No results",
    entries: ("result", "results"),
    load_failed: "The data could not be loaded",
    retry: "Try again",
    skipped_rows: "Some rows were skipped as invalid",
    data_notes: "Notes on the data",
    filters: "Narrow the search",
    all: "All",
    clear_filters: "Clear filters",
    show_more: "Show more",
    open: "Show details",
    back: "Back to the results",
    fictitious: "Fictitious example",
    example_call: "Example call: check the facts on the funder's page",
    facet_category: "Material category",
    facet_skill: "Expertise",
    facet_region: "Region",
    facet_language: "Language",
    facet_state: "Call status",
    facet_funder: "Funder",
    facet_topic: "Topic",
    facet_organisation_type: "Who may apply",
    facet_model: "Business model",
    facet_municipality: "Municipality",
    facet_sector: "Sector",
    whole_country: "All of Finland",
    organisation: "Employer or organisation",
    contact: "Contact",
    ewc_chapters: "Chapters of the List of Waste (EWC)",
    based_in: "Based in",
    programme: "Programme",
    amount: "Amount",
    funding_rate: "Funding rate",
    opens: "Call opens",
    deadline: "Call closes",
    continuous: "Continuous call",
    time_left: "Time left: {left}",
    call_page: "Call page",
    source: "Source",
    checked: "Facts checked on {date}",
    add_to_calendar: "Add to calendar (.ics)",
    calendar_hint: "Downloads a file your calendar opens; a reminder one day before.",
    who_may_apply: "Who may apply",
    not_restricted: "Not restricted",
    website: "Website",
    precheck_heading: "Can your organisation apply?",
    precheck_intro: "Answer the questions. Nothing is sent anywhere.",
    precheck_place_hint: "Municipality or region, for example Hämeenlinna or Pirkanmaa",
    precheck_eligible: "The eligibility rules are met on these answers.",
    precheck_failed: "The eligibility rules are not met:",
    precheck_unanswered: "Not answered yet:",
    precheck_none: "The call does not restrict applicants by organisation, region or topic.",
    need_heading: "Find an expert for your need",
    need_intro: "Choose a material, a place and a language; the best-fitting experts appear at once.",
    need_material: "Material",
    need_place: "Municipality or region",
    need_language: "Language",
    need_skill: "Expertise",
    any: "Any",
    need_results: "Best-fitting experts",
    need_empty: "Choose at least one thing.",
    need_nothing: "No fitting expert was found.",
    unknown_municipality: "The place was not recognised",
    day: ("day", "days"),
    hour: ("hour", "hours"),
    minute: ("minute", "minutes"),
    and: "and",
    map_label: "The companies in the results on a map, by municipality",
    map_caption: "The size of a point shows the number of companies in the municipality. Clicking a point narrows to the municipality; it can also be chosen in the Municipality menu.",
};

/// "None of these" among a call's organisation types.
pub const OTHER_ORG: [&str; 3] = [
    "Jokin muu organisaatio",
    "Någon annan organisation",
    "Another kind of organisation",
];

/// "None of these" among a call's topics.
pub const OTHER_TOPIC: [&str; 3] = ["Jokin muu aihe", "Något annat tema", "Another topic"];

pub fn strings(lang: Lang) -> &'static Strings {
    match lang {
        Lang::Fi => &FI,
        Lang::Sv => &SV,
        Lang::En => &EN,
    }
}

fn pick(lang: Lang, t: [&'static str; 3]) -> &'static str {
    match lang {
        Lang::Fi => t[0],
        Lang::Sv => t[1],
        Lang::En => t[2],
    }
}

/// A call state (`open`, `closing-soon`, …) in the UI language.
pub fn state(id: &str, lang: Lang) -> &'static str {
    pick(
        lang,
        match id {
            "upcoming" => ["Tulossa", "Kommande", "Upcoming"],
            "open" => ["Avoinna", "Öppen", "Open"],
            "closing-soon" => ["Päättyy pian", "Går snart ut", "Closing soon"],
            _ => ["Päättynyt", "Avslutad", "Closed"],
        },
    )
}

/// A language tag as its name in the UI language.
pub fn language(tag: &str, lang: Lang) -> &'static str {
    pick(
        lang,
        match tag {
            "fi" => ["suomi", "finska", "Finnish"],
            "sv" => ["ruotsi", "svenska", "Swedish"],
            _ => ["englanti", "engelska", "English"],
        },
    )
}

/// Organisation type ids of calls and programmes; `None` for an id not known here.
pub fn organisation_type(id: &str, lang: Lang) -> Option<&'static str> {
    let t = match id {
        "company" => ["Yritys", "Företag", "Company"],
        "municipality" => ["Kunta", "Kommun", "Municipality"],
        "municipal-organisation" => [
            "Kuntaorganisaatio",
            "Kommunal organisation",
            "Municipal organisation",
        ],
        "joint-municipal-authority" => ["Kuntayhtymä", "Samkommun", "Joint municipal authority"],
        "regional-council" => ["Maakunnan liitto", "Landskapsförbund", "Regional council"],
        "municipal-company" => [
            "Kunnan enemmistöomisteinen yhtiö",
            "Kommunägt bolag",
            "Municipally owned company",
        ],
        "association" => ["Yhdistys", "Förening", "Association"],
        "foundation" => ["Säätiö", "Stiftelse", "Foundation"],
        "university" => ["Korkeakoulu", "Högskola", "University"],
        "research-institute" => ["Tutkimuslaitos", "Forskningsinstitut", "Research institute"],
        "wellbeing-services-county" => [
            "Hyvinvointialue",
            "Välfärdsområde",
            "Wellbeing services county",
        ],
        _ => return None,
    };
    Some(pick(lang, t))
}

/// Topic ids of calls; `None` for an id not known here.
pub fn topic(id: &str, lang: Lang) -> Option<&'static str> {
    let t = match id {
        "circular-economy" => ["Kiertotalous", "Cirkulär ekonomi", "Circular economy"],
        "climate" => ["Ilmasto", "Klimat", "Climate"],
        "investment" => ["Investoinnit", "Investeringar", "Investment"],
        "research" => ["Tutkimus", "Forskning", "Research"],
        "side-streams" => ["Sivuvirrat", "Sidoströmmar", "Side streams"],
        "product-life-extension" => [
            "Tuotteen käyttöiän pidentäminen",
            "Förlängd livslängd för produkter",
            "Product life extension",
        ],
        "recycling" => ["Kierrätys", "Materialåtervinning", "Recycling"],
        "procurement" => ["Hankinnat", "Upphandling", "Procurement"],
        _ => return None,
    };
    Some(pick(lang, t))
}

impl Strings {
    /// "12 tulosta" / "1 träff"; "Ei hakutuloksia" for none.
    pub fn count(&self, n: usize) -> String {
        let (one, many) = self.entries;
        match n {
            0 => self.none.to_owned(),
            1 => format!("1 {one}"),
            n => format!("{n} {many}"),
        }
    }

    /// A duration in days and hours (minutes under a day), e.g. "3 päivää ja 4 tuntia".
    pub fn duration(&self, seconds: i64) -> String {
        let s = seconds.max(0);
        let (d, h, m) = (s / 86_400, (s % 86_400) / 3_600, (s % 3_600) / 60);
        let unit =
            |n: i64, (one, many): (&str, &str)| format!("{n} {}", if n == 1 { one } else { many });
        let mut parts = Vec::new();
        if d > 0 {
            parts.push(unit(d, self.day));
        }
        if h > 0 {
            parts.push(unit(h, self.hour));
        }
        if d == 0 && (m > 0 || parts.is_empty()) {
            parts.push(unit(m, self.minute));
        }
        match parts.len() {
            0 | 1 => parts.concat(),
            _ => {
                let last = parts.pop().unwrap_or_default();
                format!("{} {} {last}", parts.join(", "), self.and)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_durations_agree_with_the_number() {
        assert_eq!(strings(Lang::Fi).count(1), "1 tulos");
        assert_eq!(strings(Lang::Sv).count(3), "3 träffar");
        assert_eq!(strings(Lang::En).count(0), "No results");
        assert_eq!(
            strings(Lang::Fi).duration(2 * 86_400 + 3_600),
            "2 päivää ja 1 tunti"
        );
        assert_eq!(strings(Lang::Sv).duration(59), "0 minuter");
    }

    #[test]
    fn every_known_id_has_a_name_in_each_language() {
        for lang in [Lang::Fi, Lang::Sv, Lang::En] {
            assert!(organisation_type("company", lang).is_some());
            assert!(topic("side-streams", lang).is_some());
            assert_ne!(state("closing-soon", lang), state("open", lang));
        }
        assert_eq!(organisation_type("guild", Lang::Fi), None);
    }
}
