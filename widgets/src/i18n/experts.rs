//! An expert's fit to a need, said in fi/sv/en: the directory's "find an expert" form and the
//! finder's listing view show the same words.

use kiertokit::Lang;
use kiertokit::matching::Factor;

pub struct Strings {
    /// `{p}`: the fit in percent.
    pub score: &'static str,
    pub met: &'static str,
    pub not_met: &'static str,
    pub contact: &'static str,
    pub material_met: &'static str,
    pub material_not_met: &'static str,
    pub place_met: &'static str,
    pub place_near: &'static str,
    pub place_not_met: &'static str,
    pub language_met: &'static str,
    pub language_not_met: &'static str,
    pub skill_met: &'static str,
    pub skill_not_met: &'static str,
}

const FI: Strings = Strings {
    score: "Sopivuus: {p}\u{a0}%",
    met: "täyttyy",
    not_met: "ei täyty",
    contact: "Yhteystiedot",
    material_met: "Tuntee materiaalin",
    material_not_met: "Ei tunne tätä materiaalia",
    place_met: "Palvelee aluetta",
    place_near: "Toimii lähellä",
    place_not_met: "Ei palvele aluetta",
    language_met: "Puhuu kieltä",
    language_not_met: "Ei puhu kieltä",
    skill_met: "Tarjoaa osaamista",
    skill_not_met: "Ei tarjoa tätä osaamista",
};

const SV: Strings = Strings {
    score: "Matchning: {p}\u{a0}%",
    met: "uppfylls",
    not_met: "uppfylls inte",
    contact: "Kontaktuppgifter",
    material_met: "Känner till materialet",
    material_not_met: "Känner inte till det här materialet",
    place_met: "Betjänar området",
    place_near: "Verkar i närheten",
    place_not_met: "Betjänar inte området",
    language_met: "Talar språket",
    language_not_met: "Talar inte språket",
    skill_met: "Erbjuder kompetensen",
    skill_not_met: "Erbjuder inte den här kompetensen",
};

const EN: Strings = Strings {
    score: "Match: {p}%",
    met: "met",
    not_met: "not met",
    contact: "Contact",
    material_met: "Knows the material",
    material_not_met: "Does not know this material",
    place_met: "Serves the region",
    place_near: "Based nearby",
    place_not_met: "Does not serve the region",
    language_met: "Speaks the language",
    language_not_met: "Does not speak the language",
    skill_met: "Offers the expertise",
    skill_not_met: "Does not offer this expertise",
};

pub fn strings(lang: Lang) -> &'static Strings {
    match lang {
        Lang::Fi => &FI,
        Lang::Sv => &SV,
        Lang::En => &EN,
    }
}

/// What one factor of `directory::match_experts` says about the expert.
pub fn factor_text(f: &Factor, lang: Lang) -> &'static str {
    let s = strings(lang);
    match (f.name.as_str(), f.value) {
        ("material", v) if v >= 1.0 => s.material_met,
        ("material", _) => s.material_not_met,
        ("place", v) if v >= 1.0 => s.place_met,
        ("place", v) if v > 0.0 => s.place_near,
        ("place", _) => s.place_not_met,
        ("language", v) if v > 0.0 => s.language_met,
        ("language", _) => s.language_not_met,
        ("skill", v) if v > 0.0 => s.skill_met,
        _ => s.skill_not_met,
    }
}
