//! User-interface strings of the applicant-side check in Finnish, Swedish and English.

use kiertokit::Lang;

pub struct Strings {
    pub locale: &'static str,
    pub heading: &'static str,
    pub intro: &'static str,
    pub programme_label: &'static str,
    pub eligibility_heading: &'static str,
    pub rating_heading: &'static str,
    pub rating_hint: &'static str,
    pub organisation_name: &'static str,
    pub alone: &'static str,
    pub jointly: &'static str,
    /// `{n}`: partner number.
    pub partner: &'static str,
    pub partner_name: &'static str,
    pub partner_type: &'static str,
    pub add_partner: &'static str,
    pub partner_role: &'static str,
    pub date_hint: &'static str,
    pub co_applicant: &'static str,
    pub implementation_partner: &'static str,
    /// Alone, with implementation partners: `{n}` partner number.
    pub solo_partner: &'static str,
    pub solo_partners_hint: &'static str,
    pub add_solo_partner: &'static str,
    /// Shown under a rule the call itself does not state.
    pub staff_rule: &'static str,
    /// Summary of the call's own sentence behind a rule (the sentence stays Finnish).
    pub call_quote: &'static str,
    /// `{day}`: the day the sentence was read from the call's page.
    pub quote_checked: &'static str,
    pub quote_unverified: &'static str,
    /// Appended to a weight the call does not state.
    pub staff_setting: &'static str,
    /// `{n}`: team member number.
    pub member: &'static str,
    pub member_name: &'static str,
    pub member_role: &'static str,
    pub responsible: &'static str,
    pub add_member: &'static str,
    /// `{n}`: minimum team size.
    pub team_hint: &'static str,
    pub remove: &'static str,
    pub choose: &'static str,
    pub other_work: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub not_applicable: &'static str,
    /// `{w}`: weight in percent.
    pub weight: &'static str,
    pub results_heading: &'static str,
    pub eligible_yes: &'static str,
    pub eligible_no: &'static str,
    pub weak_heading: &'static str,
    pub weak_none: &'static str,
    pub aim_for: &'static str,
    pub na_not_allowed: &'static str,
    pub unrated: &'static str,
    pub self_score: &'static str,
    pub deadline_heading: &'static str,
    /// `{left}` time left, `{date}` the deadline.
    pub deadline_open: &'static str,
    /// `{date}` the deadline.
    pub deadline_closed: &'static str,
    pub status_ok: &'static str,
    /// `{n}`: number of unmet rules.
    pub status_failed: &'static str,
    /// `{n}`: number of weak criteria.
    pub status_weak: &'static str,
    pub status_closed: &'static str,
    pub export_heading: &'static str,
    pub export_hint: &'static str,
    pub export_md: &'static str,
    pub export_json: &'static str,
    pub exported: &'static str,
    pub created: &'static str,
    pub organisation: &'static str,
    pub draft_hint: &'static str,
    pub clear: &'static str,
    pub cleared: &'static str,
    pub load_failed: &'static str,
    pub and: &'static str,
    pub day: (&'static str, &'static str),
    pub hour: (&'static str, &'static str),
    pub minute: (&'static str, &'static str),
}

const FI: Strings = Strings {
    locale: "fi-FI",
    heading: "Hakemuksen esitarkistus",
    intro: "Vastatkaa kysymyksiin ja arvioikaa hakemustanne arviointikriteerien mukaan. Näette heti, täyttääkö hakemus hakuehdot ja missä se on vielä heikko. Tiedot eivät lähde selaimesta.",
    programme_label: "Haku",
    eligibility_heading: "Hakuehdot",
    rating_heading: "Itsearviointi",
    rating_hint: "Arvioikaa hakemustanne asteikolla 0–5. Tasokuvaukset kertovat, mitä kukin arvosana tarkoittaa.",
    organisation_name: "Hakijaorganisaation nimi",
    alone: "Haemme yksin",
    jointly: "Haemme yhdessä muiden organisaatioiden kanssa",
    partner: "Kumppani {n}",
    partner_name: "Kumppanin nimi",
    partner_type: "Kumppanin organisaatiotyyppi",
    add_partner: "Lisää kumppani",
    partner_role: "Kumppanin rooli",
    date_hint: "Muoto pp.kk.vvvv, esimerkiksi 30.4.2022.",
    co_applicant: "Kanssahakija",
    implementation_partner: "Osallistuu toteutukseen, ei hae",
    solo_partner: "Toteutuskumppani {n}",
    solo_partners_hint: "Toteutukseen voi osallistua myös organisaatioita, jotka eivät ole hakijoita, esimerkiksi yrityksiä ja yhdistyksiä. Lisätkää ne tähän, jos niitä on.",
    add_solo_partner: "Lisää toteutuskumppani",
    staff_rule: "Tämä ehto on haun järjestäjän oma asetus; haun tekstissä sitä ei mainita.",
    call_quote: "Haun teksti",
    quote_checked: "Tarkistettu haun sivulta {day}",
    quote_unverified: "Lainausta ei ole vielä tarkistettu julkaistusta hausta.",
    staff_setting: "järjestäjän asetus, ei haun tekstissä",
    member: "Tiimin jäsen {n}",
    member_name: "Nimi",
    member_role: "Rooli",
    responsible: "Vastuuhenkilö",
    add_member: "Lisää tiimin jäsen",
    team_hint: "Tiimin vähimmäiskoko: {n}. Yksi jäsenistä nimetään vastuuhenkilöksi.",
    remove: "Poista",
    choose: "Valitse",
    other_work: "Muu pohjatyö, mikä?",
    yes: "Kyllä",
    no: "Ei",
    not_applicable: "Ei sovellu",
    weight: "painoarvo {w}\u{a0}%",
    results_heading: "Hakemuksen tilanne",
    eligible_yes: "Hakemus täyttää hakuehdot.",
    eligible_no: "Hakemus ei vielä täytä hakuehtoja:",
    weak_heading: "Heikot kohdat",
    weak_none: "Ei heikkoja kohtia: jokainen arvio on vähintään 3.",
    aim_for: "Tavoitetaso:",
    na_not_allowed: "”Ei sovellu” ei käy tähän kriteeriin.",
    unrated: "Arvioimatta:",
    self_score: "Oma kokonaisarvio:",
    deadline_heading: "Määräaika",
    deadline_open: "Aikaa on jäljellä {left}. Haku päättyy {date}.",
    deadline_closed: "Haku on päättynyt {date}. Hakemuksia ei voi enää jättää.",
    status_ok: "Hakuehdot täyttyvät.",
    status_failed: "Puutteita hakuehdoissa: {n}.",
    status_weak: "Heikkoja kohtia: {n}.",
    status_closed: "Haku on päättynyt.",
    export_heading: "Yhteenveto hakemuksen liitteeksi",
    export_hint: "Tiedosto luodaan tässä selaimessa, eikä mitään lähetetä minnekään.",
    export_md: "Lataa yhteenveto (Markdown)",
    export_json: "Lataa yhteenveto (JSON)",
    exported: "Yhteenveto on ladattu.",
    created: "Luotu",
    organisation: "Hakija",
    draft_hint: "Vastaukset tallentuvat vain tähän selaimeen.",
    clear: "Tyhjennä vastaukset",
    cleared: "Vastaukset on tyhjennetty.",
    load_failed: "Haun tietoja ei voitu ladata.",
    and: "ja",
    day: ("päivä", "päivää"),
    hour: ("tunti", "tuntia"),
    minute: ("minuutti", "minuuttia"),
};

const SV: Strings = Strings {
    locale: "sv-FI",
    heading: "Förhandskontroll av ansökan",
    intro: "Svara på frågorna och bedöm er ansökan enligt bedömningskriterierna. Ni ser direkt om ansökan uppfyller villkoren och var den ännu är svag. Uppgifterna lämnar inte webbläsaren.",
    programme_label: "Utlysning",
    eligibility_heading: "Villkor för att ansöka",
    rating_heading: "Självbedömning",
    rating_hint: "Bedöm er ansökan på skalan 0–5. Nivåbeskrivningarna visar vad varje betyg betyder.",
    organisation_name: "Den sökande organisationens namn",
    alone: "Vi ansöker ensamma",
    jointly: "Vi ansöker tillsammans med andra organisationer",
    partner: "Partner {n}",
    partner_name: "Partnerns namn",
    partner_type: "Partnerns organisationstyp",
    add_partner: "Lägg till partner",
    partner_role: "Partnerns roll",
    date_hint: "Format dd.mm.åååå, till exempel 30.4.2022.",
    co_applicant: "Medsökande",
    implementation_partner: "Deltar i genomförandet, söker inte",
    solo_partner: "Genomförandepartner {n}",
    solo_partners_hint: "Även organisationer som inte är sökande, till exempel företag och föreningar, kan delta i genomförandet. Lägg till dem här om det finns sådana.",
    add_solo_partner: "Lägg till en genomförandepartner",
    staff_rule: "Det här villkoret har arrangören själv ställt upp; det nämns inte i utlysningen.",
    call_quote: "Utlysningens text (på finska)",
    quote_checked: "Kontrollerad mot utlysningens sida {day}",
    quote_unverified: "Citatet har ännu inte kontrollerats mot den publicerade utlysningen.",
    staff_setting: "arrangörens inställning, inte i utlysningen",
    member: "Teammedlem {n}",
    member_name: "Namn",
    member_role: "Roll",
    responsible: "Ansvarsperson",
    add_member: "Lägg till teammedlem",
    team_hint: "Minsta teamstorlek: {n}. En av medlemmarna utses till ansvarsperson.",
    remove: "Ta bort",
    choose: "Välj",
    other_work: "Annat grundarbete, vilket?",
    yes: "Ja",
    no: "Nej",
    not_applicable: "Ej tillämplig",
    weight: "vikt {w}\u{a0}%",
    results_heading: "Ansökans läge",
    eligible_yes: "Ansökan uppfyller villkoren.",
    eligible_no: "Ansökan uppfyller ännu inte villkoren:",
    weak_heading: "Svaga punkter",
    weak_none: "Inga svaga punkter: alla betyg är minst 3.",
    aim_for: "Sikta på:",
    na_not_allowed: "”Ej tillämplig” går inte att välja för det här kriteriet.",
    unrated: "Ej bedömda:",
    self_score: "Egen helhetsbedömning:",
    deadline_heading: "Sista ansökningsdag",
    deadline_open: "Det återstår {left}. Ansökningstiden går ut den {date}.",
    deadline_closed: "Ansökningstiden gick ut den {date}. Det går inte längre att lämna in ansökningar.",
    status_ok: "Villkoren uppfylls.",
    status_failed: "Brister i villkoren: {n}.",
    status_weak: "Svaga punkter: {n}.",
    status_closed: "Ansökningstiden har gått ut.",
    export_heading: "Sammanfattning att bifoga ansökan",
    export_hint: "Filen skapas i den här webbläsaren och ingenting skickas någonstans.",
    export_md: "Ladda ned sammanfattningen (Markdown)",
    export_json: "Ladda ned sammanfattningen (JSON)",
    exported: "Sammanfattningen har laddats ned.",
    created: "Skapad",
    organisation: "Sökande",
    draft_hint: "Svaren sparas bara i den här webbläsaren.",
    clear: "Radera svaren",
    cleared: "Svaren har raderats.",
    load_failed: "Uppgifterna om utlysningen kunde inte laddas.",
    and: "och",
    day: ("dag", "dagar"),
    hour: ("timme", "timmar"),
    minute: ("minut", "minuter"),
};

const EN: Strings = Strings {
    locale: "en-GB",
    heading: "Check your application",
    intro: "Answer the questions and rate your application against the assessment criteria. You see at once whether it meets the eligibility rules and where it is still weak. Nothing leaves your browser.",
    programme_label: "Call",
    eligibility_heading: "Eligibility",
    rating_heading: "Self-assessment",
    rating_hint: "Rate your application from 0 to 5. The level descriptions say what each score means.",
    organisation_name: "Name of the applicant organisation",
    alone: "We are applying alone",
    jointly: "We are applying together with other organisations",
    partner: "Partner {n}",
    partner_name: "Partner's name",
    partner_type: "Partner's organisation type",
    add_partner: "Add a partner",
    partner_role: "Partner's role",
    date_hint: "Format dd.mm.yyyy, for example 30.4.2022.",
    co_applicant: "Co-applicant",
    implementation_partner: "Takes part in the implementation, does not apply",
    solo_partner: "Implementation partner {n}",
    solo_partners_hint: "Organisations that do not apply, such as companies and associations, may also take part in the implementation. Add them here if there are any.",
    add_solo_partner: "Add an implementation partner",
    staff_rule: "The organiser set this condition; the call's text does not state it.",
    call_quote: "The call's text (in Finnish)",
    quote_checked: "Checked against the call's page on {day}",
    quote_unverified: "This quote has not yet been checked against the published call.",
    staff_setting: "the organiser's setting, not in the call",
    member: "Team member {n}",
    member_name: "Name",
    member_role: "Role",
    responsible: "Responsible person",
    add_member: "Add a team member",
    team_hint: "Minimum team size: {n}. One member is named as the responsible person.",
    remove: "Remove",
    choose: "Choose",
    other_work: "Other groundwork, what?",
    yes: "Yes",
    no: "No",
    not_applicable: "Not applicable",
    weight: "weight {w}%",
    results_heading: "Where your application stands",
    eligible_yes: "The application meets the eligibility rules.",
    eligible_no: "The application does not yet meet the eligibility rules:",
    weak_heading: "Weak points",
    weak_none: "No weak points: every rating is at least 3.",
    aim_for: "Aim for:",
    na_not_allowed: "“Not applicable” cannot be chosen for this criterion.",
    unrated: "Not yet rated:",
    self_score: "Your overall self-rating:",
    deadline_heading: "Deadline",
    deadline_open: "Time left: {left}. The call closes on {date}.",
    deadline_closed: "The call closed on {date}. Applications can no longer be submitted.",
    status_ok: "Eligibility rules met.",
    status_failed: "Eligibility problems: {n}.",
    status_weak: "Weak points: {n}.",
    status_closed: "The call has closed.",
    export_heading: "Summary to attach to your application",
    export_hint: "The file is created in your browser; nothing is sent anywhere.",
    export_md: "Download the summary (Markdown)",
    export_json: "Download the summary (JSON)",
    exported: "The summary has been downloaded.",
    created: "Created",
    organisation: "Applicant",
    draft_hint: "Your answers are saved in this browser only.",
    clear: "Clear my answers",
    cleared: "Your answers have been cleared.",
    load_failed: "The call could not be loaded.",
    and: "and",
    day: ("day", "days"),
    hour: ("hour", "hours"),
    minute: ("minute", "minutes"),
};

pub fn strings(lang: Lang) -> &'static Strings {
    match lang {
        Lang::Fi => &FI,
        Lang::Sv => &SV,
        Lang::En => &EN,
    }
}

/// Names of organisation types, prior work and answer fields the built-in programmes use.
pub fn term(code: &str, lang: Lang) -> Option<&'static str> {
    let t: [&str; 3] = match code {
        "municipal-organisation" => [
            "Kuntaorganisaatio",
            "Kommunal organisation",
            "Municipal organisation",
        ],
        "municipality" => ["Kunta", "Kommun", "Municipality"],
        "joint-municipal-authority" => ["Kuntayhtymä", "Samkommun", "Joint municipal authority"],
        "wellbeing-services-county" => [
            "Hyvinvointialue",
            "Välfärdsområde",
            "Wellbeing services county",
        ],
        "regional-actor" => [
            "Alueellinen toimija, esimerkiksi maakunnan liitto",
            "Regional aktör, till exempel ett landskapsförbund",
            "Regional actor, such as a regional council",
        ],
        "state-agency" => [
            "Valtion virasto tai laitos",
            "Statlig myndighet eller inrättning",
            "State agency or institution",
        ],
        "parish" => ["Seurakunta", "Församling", "Parish"],
        "public-contracting-entity" => [
            "Muu julkinen hankintayksikkö",
            "Annan offentlig upphandlande enhet",
            "Other public contracting entity",
        ],
        "company" => ["Yritys", "Företag", "Company"],
        "civic-actor" => ["Kansalaistoimija", "Medborgaraktör", "Civic actor"],
        "association" => [
            "Yhdistys tai säätiö",
            "Förening eller stiftelse",
            "Association or foundation",
        ],
        "other" => ["Jokin muu", "Något annat", "Other"],
        "keino-academy" => ["KEINO-akatemia", "KEINO-akademin", "KEINO academy"],
        "toimi" => ["TOIMI-työkalut", "TOIMI-verktygen", "TOIMI tools"],
        "contactPerson" => ["Yhteyshenkilö", "Kontaktperson", "Contact person"],
        "description" => [
            "Kehittämistoimenpiteen kuvaus",
            "Beskrivning av utvecklingsåtgärden",
            "Description of the development measure",
        ],
        "procurementDescription" => [
            "Pilottihankinnan kuvaus",
            "Beskrivning av pilotupphandlingen",
            "Description of the pilot procurement",
        ],
        "sectorOrTheme" => ["Toimiala tai teema", "Sektor eller tema", "Sector or theme"],
        "region" => ["Maakunta", "Landskap", "Region"],
        _ => return None,
    };
    Some(match lang {
        Lang::Fi => t[0],
        Lang::Sv => t[1],
        Lang::En => t[2],
    })
}

impl Strings {
    /// "2 päivää, 4 tuntia ja 5 minuuttia"; under a minute shows "0 minuuttia".
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
    fn durations_read_naturally_in_each_language() {
        assert_eq!(
            strings(Lang::Fi).duration(2 * 86_400 + 4 * 3_600 + 300),
            "2 päivää ja 4 tuntia"
        );
        assert_eq!(
            strings(Lang::Sv).duration(3_600 + 60),
            "1 timme och 1 minut"
        );
        assert_eq!(strings(Lang::En).duration(30), "0 minutes");
        assert_eq!(strings(Lang::En).duration(-5), "0 minutes");
    }
}
