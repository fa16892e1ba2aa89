//! User-interface strings of the impact calculator in Finnish, Swedish and English.

use kiertokit::Lang;

pub struct Strings {
    pub heading: &'static str,
    pub intro: &'static str,
    pub material_legend: &'static str,
    pub material_label: &'static str,
    /// `{c}` is replaced by the category name: the option for the whole category.
    pub category_general: &'static str,
    pub quantity_label: &'static str,
    pub quantity_hint: &'static str,
    pub unit_label: &'static str,
    pub unit_t: &'static str,
    pub unit_kg: &'static str,
    pub pathways_legend: &'static str,
    pub baseline_label: &'static str,
    pub alternative_label: &'static str,
    /// Shown when a material lacks emission factors for some of the offered treatments.
    pub partial_factors: &'static str,
    pub transport_legend: &'static str,
    pub distance_label: &'static str,
    pub distance_hint: &'static str,
    pub vehicle_label: &'static str,
    pub err_number: &'static str,
    pub err_negative: &'static str,
    pub err_same_pathway: &'static str,
    pub err_calculation: &'static str,
    pub results_heading: &'static str,
    pub co2e_avoided: &'static str,
    pub virgin_saved: &'static str,
    pub euros_saved: &'static str,
    pub unknown: &'static str,
    pub not_applicable: &'static str,
    pub range: &'static str,
    pub chart_title: &'static str,
    /// `{b}`, `{a}`, `{t}`: formatted baseline, alternative and transport emissions.
    pub chart_desc: &'static str,
    pub table_caption: &'static str,
    pub col_item: &'static str,
    pub col_value: &'static str,
    pub col_range: &'static str,
    pub row_baseline: &'static str,
    pub row_alternative: &'static str,
    pub row_transport: &'static str,
    pub row_substitution: &'static str,
    pub row_net: &'static str,
    pub sources: &'static str,
    pub licence: &'static str,
    pub overrides_failed: &'static str,
    /// The link's pre-fill was applied (values from the self-assessment).
    pub prefilled: &'static str,
    /// Some pre-fill values were left out; the list follows.
    pub prefill_problems: &'static str,
    /// A pre-filled pathway the chosen material does not offer: `{p}`.
    pub prefill_pathway: &'static str,
    pub invalid_status: &'static str,
    pub negative_note: &'static str,
}

const FI: Strings = Strings {
    heading: "Vaikutuslaskuri: mitä materiaalin kierrättäminen säästää?",
    intro: "Laskuri arvioi materiaalin, määrän sekä nykyisen ja uuden käsittelytavan perusteella vältetyt kasvihuonekaasupäästöt, säästetyn neitseellisen materiaalin ja euromääräisen säästön.",
    material_legend: "Materiaali ja määrä",
    material_label: "Materiaali",
    category_general: "{c} (yleinen)",
    quantity_label: "Määrä",
    quantity_hint: "Esimerkiksi 12,5",
    unit_label: "Yksikkö",
    unit_t: "tonnia (t)",
    unit_kg: "kilogrammaa (kg)",
    pathways_legend: "Käsittelytapa",
    baseline_label: "Nykyinen käsittely",
    alternative_label: "Vaihtoehtoinen käsittely",
    partial_factors: "Tälle materiaalille ei vielä ole päästökertoimia kaikille käsittelytavoille. Tulokset kertovat, mitä tietoja puuttuu. Säästö euroina arvioidaan silti.",
    transport_legend: "Kuljetus",
    distance_label: "Kuljetusmatka (km)",
    distance_hint: "Matka kuormattuna vastaanottajalle, esimerkiksi 35",
    vehicle_label: "Ajoneuvo",
    err_number: "Anna luku, esimerkiksi 12,5.",
    err_negative: "Luku ei voi olla negatiivinen.",
    err_same_pathway: "Valitse eri käsittelytapa kuin nykyinen.",
    err_calculation: "Laskenta epäonnistui",
    results_heading: "Tulokset",
    co2e_avoided: "Vältetyt päästöt",
    virgin_saved: "Säästetty neitseellinen materiaali",
    euros_saved: "Säästö euroina",
    unknown: "ei tiedossa",
    not_applicable: "ei sovellu",
    range: "vaihteluväli",
    chart_title: "Päästöt käsittelytavoittain",
    chart_desc: "Nykyinen käsittely {b}, vaihtoehtoinen käsittely {a}, kuljetus {t}.",
    table_caption: "Päästöt eriteltyinä",
    col_item: "Osatekijä",
    col_value: "Arvio",
    col_range: "Vaihteluväli",
    row_baseline: "Nykyinen käsittely",
    row_alternative: "Vaihtoehtoinen käsittely",
    row_transport: "Kuljetus",
    row_substitution: "Korvattu neitseellinen tuotanto",
    row_net: "Vältetyt päästöt yhteensä",
    sources: "Lähteet ja kertoimet",
    licence: "lisenssi",
    overrides_failed: "Kumppanin omia kertoimia ei voitu käyttää, joten laskuri käyttää oletuskertoimia.",
    prefilled: "Lomakkeeseen on täytetty linkin tuomat arvot (esimerkiksi itsearvioinnista). Tarkistakaa ne.",
    prefill_problems: "Kaikkia linkin arvoja ei voitu käyttää:",
    prefill_pathway: "Käsittelyä ”{p}” ei voi valita tälle materiaalille.",
    invalid_status: "Tarkista lomakkeen tiedot.",
    negative_note: "Negatiivinen päästö tarkoittaa hyvitystä, esimerkiksi korvattua neitseellistä tuotantoa.",
};

const SV: Strings = Strings {
    heading: "Effektkalkylator: vad sparar materialåtervinning?",
    intro: "Utifrån material, mängd samt nuvarande och ny behandling uppskattar kalkylatorn undvikna växthusgasutsläpp, sparat jungfruligt material och besparingen i euro.",
    material_legend: "Material och mängd",
    material_label: "Material",
    category_general: "{c} (allmänt)",
    quantity_label: "Mängd",
    quantity_hint: "Till exempel 12,5",
    unit_label: "Enhet",
    unit_t: "ton (t)",
    unit_kg: "kilogram (kg)",
    pathways_legend: "Behandling",
    baseline_label: "Nuvarande behandling",
    alternative_label: "Alternativ behandling",
    partial_factors: "Det finns ännu inte utsläppsfaktorer för alla behandlingsmetoder för det här materialet. Resultaten visar vilka uppgifter som saknas. Besparingen i euro uppskattas ändå.",
    transport_legend: "Transport",
    distance_label: "Transportsträcka (km)",
    distance_hint: "Lastad sträcka till mottagaren, till exempel 35",
    vehicle_label: "Fordon",
    err_number: "Ange ett tal, till exempel 12,5.",
    err_negative: "Talet kan inte vara negativt.",
    err_same_pathway: "Välj en annan behandling än den nuvarande.",
    err_calculation: "Beräkningen misslyckades",
    results_heading: "Resultat",
    co2e_avoided: "Undvikna utsläpp",
    virgin_saved: "Sparat jungfruligt material",
    euros_saved: "Besparing i euro",
    unknown: "okänd",
    not_applicable: "ej tillämplig",
    range: "intervall",
    chart_title: "Utsläpp per behandlingsmetod",
    chart_desc: "Nuvarande behandling {b}, alternativ behandling {a}, transport {t}.",
    table_caption: "Utsläppen specificerade",
    col_item: "Post",
    col_value: "Uppskattning",
    col_range: "Intervall",
    row_baseline: "Nuvarande behandling",
    row_alternative: "Alternativ behandling",
    row_transport: "Transport",
    row_substitution: "Ersatt jungfrulig produktion",
    row_net: "Undvikna utsläpp totalt",
    sources: "Källor och faktorer",
    licence: "licens",
    overrides_failed: "Partnerns egna faktorer kunde inte användas, så kalkylatorn använder standardfaktorerna.",
    prefilled: "Formuläret har fyllts i med värden från länken (till exempel från självbedömningen). Kontrollera dem.",
    prefill_problems: "Alla värden i länken kunde inte användas:",
    prefill_pathway: "Behandlingen ”{p}” kan inte väljas för det här materialet.",
    invalid_status: "Kontrollera uppgifterna i formuläret.",
    negative_note: "Ett negativt utsläpp är en kreditering, till exempel för ersatt jungfrulig produktion.",
};

const EN: Strings = Strings {
    heading: "Impact calculator: what does keeping material in use save?",
    intro: "Choose a material, the quantity, how it is handled today and the alternative. The calculator estimates the greenhouse gas emissions avoided, the virgin material saved and the money saved.",
    material_legend: "Material and quantity",
    material_label: "Material",
    category_general: "{c} (general)",
    quantity_label: "Quantity",
    quantity_hint: "For example 12.5",
    unit_label: "Unit",
    unit_t: "tonnes (t)",
    unit_kg: "kilograms (kg)",
    pathways_legend: "Treatment",
    baseline_label: "Treatment today",
    alternative_label: "Alternative treatment",
    partial_factors: "This material does not yet have emission factors for every treatment. The results say what is missing. The money saved is still estimated.",
    transport_legend: "Transport",
    distance_label: "Transport distance (km)",
    distance_hint: "Loaded distance to the receiver, for example 35",
    vehicle_label: "Vehicle",
    err_number: "Enter a number, for example 12.5.",
    err_negative: "The number cannot be negative.",
    err_same_pathway: "Choose a treatment other than today's.",
    err_calculation: "The calculation failed",
    results_heading: "Results",
    co2e_avoided: "Emissions avoided",
    virgin_saved: "Virgin material saved",
    euros_saved: "Money saved",
    unknown: "unknown",
    not_applicable: "not applicable",
    range: "range",
    chart_title: "Emissions by treatment",
    chart_desc: "Treatment today {b}, alternative treatment {a}, transport {t}.",
    table_caption: "Emissions itemised",
    col_item: "Item",
    col_value: "Estimate",
    col_range: "Range",
    row_baseline: "Treatment today",
    row_alternative: "Alternative treatment",
    row_transport: "Transport",
    row_substitution: "Displaced virgin production",
    row_net: "Total emissions avoided",
    sources: "Sources and factors",
    licence: "licence",
    overrides_failed: "The partner's own factors could not be used, so the calculator uses the default factors.",
    prefilled: "The form was filled in with values from the link (for example from the self-assessment). Check them.",
    prefill_problems: "Some values in the link could not be used:",
    prefill_pathway: "The treatment “{p}” cannot be chosen for this material.",
    invalid_status: "Check the form.",
    negative_note: "A negative emission is a credit, for example for displaced virgin production.",
};

pub fn strings(lang: Lang) -> &'static Strings {
    match lang {
        Lang::Fi => &FI,
        Lang::Sv => &SV,
        Lang::En => &EN,
    }
}

/// Names of the materials in the shipped factor set; unknown ids fall back to the dataset name.
pub fn material(id: &str, lang: Lang) -> Option<&'static str> {
    let (fi, sv, en) = match id {
        "concrete" => ("Betoni", "Betong", "Concrete"),
        "wood" => ("Puu", "Trä", "Wood"),
        "soil" => (
            "Puhtaat maa-ainekset ja kivet",
            "Ren jord och sten",
            "Clean soil and stones",
        ),
        "mixed_plastics" => ("Sekamuovi", "Blandad plast", "Mixed plastics"),
        "hdpe" => ("HDPE-muovi", "HDPE-plast", "HDPE plastic"),
        "pet" => ("PET-muovi", "PET-plast", "PET plastic"),
        "pp" => ("PP-muovi", "PP-plast", "PP plastic"),
        "food_waste" => ("Ruokajäte", "Matavfall", "Food waste"),
        "mixed_electronics" => (
            "Sähkö- ja elektroniikkalaitteet",
            "Elektrisk och elektronisk utrustning",
            "Electrical and electronic equipment",
        ),
        "desktop_computers" => (
            "Pöytätietokoneet",
            "Stationära datorer",
            "Desktop computers",
        ),
        "mixed_metals" => (
            "Sekametalli ja metallipakkaukset",
            "Blandad metall och metallförpackningar",
            "Mixed metals and metal packaging",
        ),
        "steel" => (
            "Rautametalli jätteen käsittelystä",
            "Järnmetall från avfallsbehandling",
            "Ferrous metal from waste treatment",
        ),
        "structural_steel" => (
            "Rauta ja teräs rakentamisesta",
            "Järn och stål från byggande",
            "Iron and steel from construction",
        ),
        "aluminium" => ("Alumiini", "Aluminium", "Aluminium"),
        "copper" => (
            "Kupari, pronssi, messinki ja kaapelit",
            "Koppar, brons, mässing och kablar",
            "Copper, bronze, brass and cables",
        ),
        "mixed_paper" => ("Sekapaperi", "Blandpapper", "Mixed paper"),
        "corrugated" => ("Aaltopahvi", "Wellpapp", "Corrugated cardboard"),
        "glass" => ("Lasi", "Glas", "Glass"),
        "ash" => (
            "Tuhka maarakentamisessa",
            "Aska i markbyggnad",
            "Ash used in earthworks",
        ),
        _ => return None,
    };
    Some(match lang {
        Lang::Fi => fi,
        Lang::Sv => sv,
        Lang::En => en,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::impact::{inapplicable_reason, missing_item, unknown_reason};
    use kiertokit::Quantity;
    use kiertokit::Unit;
    use kiertokit::impact::{Estimate, Inapplicable, Missing, Pathway, Vehicle};
    use kiertokit::impact::{ExchangeInput, Factors, exchange};

    fn chemicals() -> kiertokit::impact::ExchangeImpact {
        let factors = Factors::builtin().expect("shipped data");
        let input = ExchangeInput {
            material: "chemicals".into(),
            quantity: Quantity {
                amount: 5.0,
                unit: Unit::Tonne,
            },
            baseline: Pathway::Landfill,
            alternative: Pathway::Recycling,
            distance_km: 0.0,
            vehicle: Vehicle::FullTrailer,
            prices: None,
            logistics_eur: None,
        };
        exchange(&input, factors).expect("valid input")
    }

    #[test]
    fn every_shipped_material_has_a_name_in_each_language() {
        let factors = Factors::builtin().expect("shipped data");
        for m in &factors.data().materials {
            for lang in [Lang::Fi, Lang::Sv, Lang::En] {
                assert!(material(&m.id, lang).is_some(), "{} ({lang:?})", m.id);
            }
        }
    }

    #[test]
    fn unknown_reasons_are_said_in_each_language_without_english() {
        let r = chemicals();
        let fi =
            unknown_reason(&[&r.co2e_avoided_kg, &r.virgin_saved_t], Lang::Fi).expect("unknown");
        assert_eq!(fi.lang, "fi");
        assert_eq!(
            fi.text,
            "Puuttuvat tiedot (Kemikaalit ja öljyt): kaatopaikkasijoituksen päästökerroin, \
             kierrätyksen päästökerroin, neitseellisen materiaalin korvaussuhde ja \
             kierrätysmateriaalin käsittelyn päästökerroin."
        );
        let sv = unknown_reason(&[&r.co2e_avoided_kg], Lang::Sv).expect("unknown");
        assert!(
            sv.text.starts_with(
                "Uppgifter som saknas (Kemikalier och oljor): utsläppsfaktor för deponering, "
            ),
            "{}",
            sv.text
        );
        let en = unknown_reason(&[&r.virgin_saved_t], Lang::En).expect("unknown");
        assert_eq!(
            en.text,
            "Missing data (Chemicals & oils): substitution ratio for virgin material."
        );
        assert_eq!(unknown_reason(&[&r.euros_saved], Lang::Fi), None);
    }

    #[test]
    fn reasons_without_codes_stay_english_and_marked_so() {
        let e = Estimate::unknown("no factor in the partner's data");
        let said = unknown_reason(&[&e], Lang::Fi).expect("unknown");
        assert_eq!(said.lang, "en");
        assert_eq!(said.text, "no factor in the partner's data");
        let na = Estimate::not_applicable(Inapplicable::NoPrices);
        assert_eq!(
            inapplicable_reason(&na, Lang::Fi)
                .map(|s| s.text)
                .as_deref(),
            Some("Hintoja ei ole annettu.")
        );
        let transport = Missing::TransportFactor {
            category: "wood".into(),
            vehicle: Vehicle::DistributionTruck,
        };
        assert_eq!(
            missing_item(&transport, Lang::Fi),
            "kuljetuksen päästökerroin (jakeluauto)"
        );
    }
}
