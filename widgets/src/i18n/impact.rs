//! Words of the impact engine said in fi/sv/en: pathways, vehicles, and why an estimate is
//! unknown or does not apply. The impact calculator and the finder's impact panel both use it.

use kiertokit::Lang;
use kiertokit::impact::{Estimate, Inapplicable, Missing, Pathway, Vehicle};

pub fn pathway(p: Pathway, lang: Lang) -> &'static str {
    match (p, lang) {
        (Pathway::Landfill, Lang::Fi) => "Kaatopaikka",
        (Pathway::Landfill, Lang::Sv) => "Deponi",
        (Pathway::Landfill, Lang::En) => "Landfill",
        (Pathway::Incineration, Lang::Fi) => "Energiahyötykäyttö (poltto)",
        (Pathway::Incineration, Lang::Sv) => "Energiåtervinning (förbränning)",
        (Pathway::Incineration, Lang::En) => "Incineration with energy recovery",
        (Pathway::Recycling, Lang::Fi) => "Kierrätys tai hyötykäyttö materiaalina",
        (Pathway::Recycling, Lang::Sv) => "Materialåtervinning eller användning som material",
        (Pathway::Recycling, Lang::En) => "Recycling or use as a secondary material",
        (Pathway::Composting, Lang::Fi) => "Kompostointi",
        (Pathway::Composting, Lang::Sv) => "Kompostering",
        (Pathway::Composting, Lang::En) => "Composting",
        (Pathway::AnaerobicDigestion, Lang::Fi) => "Mädätys (biokaasu)",
        (Pathway::AnaerobicDigestion, Lang::Sv) => "Rötning (biogas)",
        (Pathway::AnaerobicDigestion, Lang::En) => "Anaerobic digestion (biogas)",
    }
}

pub fn vehicle(v: Vehicle, lang: Lang) -> &'static str {
    match (v, lang) {
        (Vehicle::FullTrailer, Lang::Fi) => "Täysperävaunuyhdistelmä",
        (Vehicle::FullTrailer, Lang::Sv) => "Lastbil med släpvagn",
        (Vehicle::FullTrailer, Lang::En) => "Full trailer combination",
        (Vehicle::DistributionTruck, Lang::Fi) => "Jakeluauto",
        (Vehicle::DistributionTruck, Lang::Sv) => "Distributionsbil",
        (Vehicle::DistributionTruck, Lang::En) => "Distribution truck",
    }
}

/// A pathway as the Finnish genitive, and as the Swedish and English object of "for".
fn pathway_object(p: Pathway, lang: Lang) -> &'static str {
    match (p, lang) {
        (Pathway::Landfill, Lang::Fi) => "kaatopaikkasijoituksen",
        (Pathway::Landfill, Lang::Sv) => "deponering",
        (Pathway::Landfill, Lang::En) => "landfill",
        (Pathway::Incineration, Lang::Fi) => "energiahyötykäytön",
        (Pathway::Incineration, Lang::Sv) => "energiåtervinning",
        (Pathway::Incineration, Lang::En) => "incineration with energy recovery",
        (Pathway::Recycling, Lang::Fi) => "kierrätyksen",
        (Pathway::Recycling, Lang::Sv) => "materialåtervinning",
        (Pathway::Recycling, Lang::En) => "recycling",
        (Pathway::Composting, Lang::Fi) => "kompostoinnin",
        (Pathway::Composting, Lang::Sv) => "kompostering",
        (Pathway::Composting, Lang::En) => "composting",
        (Pathway::AnaerobicDigestion, Lang::Fi) => "mädätyksen",
        (Pathway::AnaerobicDigestion, Lang::Sv) => "rötning",
        (Pathway::AnaerobicDigestion, Lang::En) => "anaerobic digestion",
    }
}

/// The vehicle name with a lower-case first letter, for use inside a sentence.
fn vehicle_in_text(v: Vehicle, lang: Lang) -> String {
    let name = vehicle(v, lang);
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => {
            kiertokit::strict::fold_case(first.encode_utf8(&mut [0; 4])) + chars.as_str()
        }
        None => String::new(),
    }
}

/// One missing factor as a noun phrase, e.g. "kaatopaikkasijoituksen päästökerroin".
pub fn missing_item(m: &Missing, lang: Lang) -> String {
    match (m, lang) {
        (Missing::TreatmentFactor { pathway, .. }, Lang::Fi) => {
            format!("{} päästökerroin", pathway_object(*pathway, lang))
        }
        (Missing::TreatmentFactor { pathway, .. }, Lang::Sv) => {
            format!("utsläppsfaktor för {}", pathway_object(*pathway, lang))
        }
        (Missing::TreatmentFactor { pathway, .. }, Lang::En) => {
            format!("emission factor for {}", pathway_object(*pathway, lang))
        }
        (Missing::SubstitutionRatio { .. }, Lang::Fi) => {
            "neitseellisen materiaalin korvaussuhde".to_owned()
        }
        (Missing::SubstitutionRatio { .. }, Lang::Sv) => {
            "ersättningsgrad för jungfruligt material".to_owned()
        }
        (Missing::SubstitutionRatio { .. }, Lang::En) => {
            "substitution ratio for virgin material".to_owned()
        }
        (Missing::VirginFactor { .. }, Lang::Fi) => {
            "neitseellisen tuotannon päästökerroin".to_owned()
        }
        (Missing::VirginFactor { .. }, Lang::Sv) => {
            "utsläppsfaktor för jungfrulig produktion".to_owned()
        }
        (Missing::VirginFactor { .. }, Lang::En) => {
            "emission factor for virgin production".to_owned()
        }
        (Missing::SecondaryProcessingFactor { .. }, Lang::Fi) => {
            "kierrätysmateriaalin käsittelyn päästökerroin".to_owned()
        }
        (Missing::SecondaryProcessingFactor { .. }, Lang::Sv) => {
            "utsläppsfaktor för beredning av återvunnet material".to_owned()
        }
        (Missing::SecondaryProcessingFactor { .. }, Lang::En) => {
            "emission factor for preparing the secondary material".to_owned()
        }
        (Missing::TransportFactor { vehicle, .. }, Lang::Fi) => {
            format!(
                "kuljetuksen päästökerroin ({})",
                vehicle_in_text(*vehicle, lang)
            )
        }
        (Missing::TransportFactor { vehicle, .. }, Lang::Sv) => {
            format!(
                "utsläppsfaktor för transport ({})",
                vehicle_in_text(*vehicle, lang)
            )
        }
        (Missing::TransportFactor { vehicle, .. }, Lang::En) => {
            format!(
                "emission factor for transport ({})",
                vehicle_in_text(*vehicle, lang)
            )
        }
        (Missing::GateFee { pathway, .. }, Lang::Fi) => {
            format!("{} vastaanottomaksu", pathway_object(*pathway, lang))
        }
        (Missing::GateFee { pathway, .. }, Lang::Sv) => {
            format!("mottagningsavgift för {}", pathway_object(*pathway, lang))
        }
        (Missing::GateFee { pathway, .. }, Lang::En) => {
            format!("gate fee for {}", pathway_object(*pathway, lang))
        }
        (Missing::OutOfRange { .. }, Lang::Fi) => {
            "laskettavissa oleva tulos (luvut ovat liian suuria)".to_owned()
        }
        (Missing::OutOfRange { .. }, Lang::Sv) => {
            "ett beräkningsbart resultat (talen är för stora)".to_owned()
        }
        (Missing::OutOfRange { .. }, Lang::En) => {
            "a computable result (the numbers are too large)".to_owned()
        }
        (Missing::NotInTonnes { .. }, Lang::Fi) => "määrät tonneina".to_owned(),
        (Missing::NotInTonnes { .. }, Lang::Sv) => "mängderna i ton".to_owned(),
        (Missing::NotInTonnes { .. }, Lang::En) => "the quantities in tonnes".to_owned(),
        (Missing::InvalidInput { .. }, Lang::Fi) => "kelvolliset lähtötiedot".to_owned(),
        (Missing::InvalidInput { .. }, Lang::Sv) => "giltiga indata".to_owned(),
        (Missing::InvalidInput { .. }, Lang::En) => "valid inputs".to_owned(),
    }
}

/// "a, b ja c" / "a, b och c" / "a, b and c".
fn join_list(items: &[String], lang: Lang) -> String {
    let and = match lang {
        Lang::Fi => " ja ",
        Lang::Sv => " och ",
        Lang::En => " and ",
    };
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{}{and}{last}", rest.join(", ")),
    }
}

/// Text in a language, tagged so screen readers pronounce it right.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said {
    pub text: String,
    /// BCP 47 tag of `text`: the UI language, or `en` for engine text without a code.
    pub lang: &'static str,
}

/// Why `estimates` are unknown, in the UI language: each missing factor once, grouped by
/// material category. None when none is unknown. Reasons without codes stay in English.
pub fn unknown_reason(estimates: &[&Estimate], lang: Lang) -> Option<Said> {
    let mut missing: Vec<&Missing> = Vec::new();
    let mut uncoded: Vec<&str> = Vec::new();
    for e in estimates {
        if let Estimate::Unknown { reason, missing: m } = e {
            if m.is_empty() {
                uncoded.push(reason);
            }
            for x in m {
                if !missing.contains(&x) {
                    missing.push(x);
                }
            }
        }
    }
    if !uncoded.is_empty() {
        return Some(Said {
            text: uncoded.join("; "),
            lang: "en",
        });
    }
    // Overflow is not a missing factor of a category: one plain sentence says it.
    if missing
        .iter()
        .any(|m| matches!(m, Missing::OutOfRange { .. }))
    {
        let text = match lang {
            Lang::Fi => "Luvut ovat liian suuria laskettaviksi. Tarkista syötetyt määrät.",
            Lang::Sv => {
                "Talen är för stora för att kunna beräknas. Kontrollera de angivna mängderna."
            }
            Lang::En => "The numbers are too large to compute. Check the amounts entered.",
        };
        return Some(Said {
            text: text.to_owned(),
            lang: lang.tag(),
        });
    }
    // Quantities that are not tonnes and invalid inputs concern the exchange, not a category.
    let whole = missing.iter().copied().find(|m| {
        matches!(
            m,
            Missing::NotInTonnes { .. } | Missing::InvalidInput { .. }
        )
    });
    if let Some(m) = whole {
        let text = match (m, lang) {
            (Missing::NotInTonnes { .. }, Lang::Fi) => {
                "Määriä ei voi muuntaa tonneiksi, joten vaikutusta ei voida laskea."
            }
            (Missing::NotInTonnes { .. }, Lang::Sv) => {
                "Mängderna kan inte räknas om till ton, så effekten kan inte beräknas."
            }
            (Missing::NotInTonnes { .. }, Lang::En) => {
                "The quantities do not convert to tonnes, so the impact cannot be computed."
            }
            (_, Lang::Fi) => "Vaihdon tiedot ovat virheelliset, joten vaikutusta ei voida laskea.",
            (_, Lang::Sv) => "Uppgifterna om utbytet är felaktiga, så effekten kan inte beräknas.",
            (_, Lang::En) => "The exchange's data are invalid, so the impact cannot be computed.",
        };
        return Some(Said {
            text: text.to_owned(),
            lang: lang.tag(),
        });
    }
    let mut categories: Vec<&str> = Vec::new();
    for m in &missing {
        if !categories.contains(&m.category()) {
            categories.push(m.category());
        }
    }
    let label = match lang {
        Lang::Fi => "Puuttuvat tiedot",
        Lang::Sv => "Uppgifter som saknas",
        Lang::En => "Missing data",
    };
    let sentences: Vec<String> = categories
        .iter()
        .map(|c| {
            let items: Vec<String> = missing
                .iter()
                .filter(|m| m.category() == *c)
                .map(|m| missing_item(m, lang))
                .collect();
            let name = kiertokit::matching::category_name(c, lang)
                .map_or_else(|| (*c).to_owned(), str::to_owned);
            format!("{label} ({name}): {}.", join_list(&items, lang))
        })
        .collect();
    (!sentences.is_empty()).then(|| Said {
        text: sentences.join(" "),
        lang: lang.tag(),
    })
}

/// Why a term does not apply, in the UI language; engine text without a code stays English.
pub fn inapplicable_reason(e: &Estimate, lang: Lang) -> Option<Said> {
    let Estimate::NotApplicable { reason, code } = e else {
        return None;
    };
    let Some(code) = code else {
        return Some(Said {
            text: reason.clone(),
            lang: "en",
        });
    };
    let text = match (code, lang) {
        (Inapplicable::NoRecoveryChange, Lang::Fi) => "Materiaalin hyödyntäminen ei muutu.",
        (Inapplicable::NoRecoveryChange, Lang::Sv) => "Återvinningen av materialet förändras inte.",
        (Inapplicable::NoRecoveryChange, Lang::En) => "Material recovery does not change.",
        (Inapplicable::NoPrices, Lang::Fi) => "Hintoja ei ole annettu.",
        (Inapplicable::NoPrices, Lang::Sv) => "Inga priser har angetts.",
        (Inapplicable::NoPrices, Lang::En) => "No prices were given.",
        (Inapplicable::NoLogisticsCost, Lang::Fi) => "Logistiikkakustannusta ei ole annettu.",
        (Inapplicable::NoLogisticsCost, Lang::Sv) => "Ingen logistikkostnad har angetts.",
        (Inapplicable::NoLogisticsCost, Lang::En) => "No logistics cost was given.",
        (Inapplicable::CreditedInRecyclingFactor, Lang::Fi) => {
            "Kierrätyksen päästökerroin sisältää jo korvatun neitseellisen tuotannon hyvityksen."
        }
        (Inapplicable::CreditedInRecyclingFactor, Lang::Sv) => {
            "Utsläppsfaktorn för materialåtervinning räknar redan med krediteringen för ersatt jungfrulig produktion."
        }
        (Inapplicable::CreditedInRecyclingFactor, Lang::En) => {
            "The recycling factor already credits the displaced virgin production."
        }
    };
    Some(Said {
        text: text.to_owned(),
        lang: lang.tag(),
    })
}
