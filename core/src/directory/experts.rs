//! Matching experts to a need (a material, a place, a language, a skill), explained factor by
//! factor as the finder explains a listing's matches.

use super::entry::{Expert, Skill};
use crate::matching::{
    EwcCode, Factor, Listing, category, category_for_ewc, find_municipality, haversine_km,
};
use crate::scoring::region_of;
use crate::vocab::Lang;
use serde::{Deserialize, Serialize};

/// Factor weights before normalising over the factors a need states.
const W_MATERIAL: f64 = 0.45;
const W_PLACE: f64 = 0.25;
const W_LANGUAGE: f64 = 0.2;
const W_SKILL: f64 = 0.1;
/// An expert outside the need's region still helps somewhat when based this close (km).
const NEAR_KM: f64 = 150.0;

/// What a company needs help with; `None` fields are not asked about.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Need {
    /// Material category id.
    pub category: Option<String>,
    /// An EWC code (chapter, sub-chapter or entry).
    pub ewc: Option<String>,
    /// Municipality (fi/sv name or code) or region.
    pub place: Option<String>,
    /// The language the conversation should be in.
    pub language: Option<Lang>,
    /// A skill needed besides the material.
    pub skill: Option<Skill>,
}

impl Need {
    /// The need behind a listing: its material, place and language.
    pub fn from_listing(l: &Listing) -> Need {
        Need {
            category: Some(l.category.clone()).filter(|c| !c.trim().is_empty()),
            ewc: l.ewc.clone(),
            place: Some(l.municipality.clone()).filter(|m| !m.trim().is_empty()),
            language: l.lang,
            skill: None,
        }
    }
}

/// One expert's fit to a need.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExpertMatch {
    /// The expert's id.
    pub id: String,
    /// Position in the experts given.
    pub index: usize,
    /// Weighted sum of the factors, in [0, 1].
    pub score: f64,
    /// `material`, `place`, `language`, `skill`: the ones the need states.
    pub factors: Vec<Factor>,
}

fn factor(name: &str, value: f64, weight: f64, detail: String) -> Factor {
    Factor {
        name: name.to_owned(),
        value,
        weight,
        met: value >= 0.5,
        detail,
        facts: None,
    }
}

fn material(e: &Expert, need: &Need) -> Option<(f64, String)> {
    let code = need
        .ewc
        .as_deref()
        .and_then(|c| EwcCode::parse(c).ok())
        .map(|w| w.code);
    let need_cat = need
        .category
        .as_deref()
        .and_then(category)
        .or_else(|| code.and_then(|c| category_for_ewc(c.as_str())));
    if need_cat.is_none() && code.is_none() {
        return None;
    }
    let chapter = code.and_then(|c| c.as_str().get(..2).map(str::to_owned));
    if let Some(ch) = &chapter
        && e.ewc_chapters.contains(ch)
    {
        return Some((1.0, format!("knows EWC chapter {ch}")));
    }
    if let Some(c) = need_cat
        && e.categories.contains(&c.id)
    {
        return Some((1.0, format!("knows the category {}", c.id)));
    }
    let what = match (&chapter, need_cat) {
        (Some(ch), Some(c)) => format!("neither EWC chapter {ch} nor the category {}", c.id),
        (Some(ch), None) => format!("not EWC chapter {ch}"),
        (None, Some(c)) => format!("not the category {}", c.id),
        (None, None) => String::new(),
    };
    Some((0.0, what))
}

fn place(e: &Expert, need: &Need) -> Option<(f64, String)> {
    let p = need.place.as_deref().filter(|p| !p.trim().is_empty())?;
    let region = region_of(p);
    if e.regions.iter().any(|r| r.trim() == "*") {
        return Some((1.0, "serves all of Finland".to_owned()));
    }
    if let Some(r) = region
        && e.regions
            .iter()
            .any(|x| region_of(x) == Some(r) && find_municipality(x).is_none())
    {
        return Some((1.0, format!("serves {r}")));
    }
    let need_point = find_municipality(p).map(|m| (m.lat, m.lon));
    let base = e
        .municipality
        .as_deref()
        .and_then(find_municipality)
        .map(|m| (m.lat, m.lon));
    if let (Some(a), Some(b)) = (need_point, base) {
        let km = haversine_km(a, b);
        if km <= NEAR_KM {
            return Some((0.5, format!("based {} km away", libm::round(km))));
        }
        return Some((
            0.0,
            format!(
                "based {} km away, outside the regions served",
                libm::round(km)
            ),
        ));
    }
    Some((
        0.0,
        format!("does not serve {}", region.unwrap_or(p.trim())),
    ))
}

/// Experts that fit `need`, best first (ties by id); an expert meeting none of the stated
/// factors is left out. Weights are normalised over the factors the need states.
pub fn match_experts(experts: &[Expert], need: &Need) -> Vec<ExpertMatch> {
    let mut out = Vec::new();
    for (index, e) in experts.iter().enumerate() {
        let mut parts: Vec<(&str, f64, f64, String)> = Vec::new();
        if let Some((v, d)) = material(e, need) {
            parts.push(("material", v, W_MATERIAL, d));
        }
        if let Some((v, d)) = place(e, need) {
            parts.push(("place", v, W_PLACE, d));
        }
        if let Some(l) = need.language {
            let v = if e.languages.contains(&l) { 1.0 } else { 0.0 };
            let verb = if v > 0.0 { "speaks" } else { "does not speak" };
            parts.push(("language", v, W_LANGUAGE, format!("{verb} {}", l.tag())));
        }
        if let Some(s) = need.skill {
            let v = if e.skills.contains(&s) { 1.0 } else { 0.0 };
            let verb = if v > 0.0 { "offers" } else { "does not offer" };
            parts.push(("skill", v, W_SKILL, format!("{verb} {}", s.as_str())));
        }
        let total: f64 = parts.iter().map(|p| p.2).sum();
        if total <= 0.0 || parts.iter().all(|p| p.1 <= 0.0) {
            continue;
        }
        let factors: Vec<Factor> = parts
            .into_iter()
            .map(|(n, v, w, d)| factor(n, v, w / total, d))
            .collect();
        let score = factors
            .iter()
            .map(|f| f.value * f.weight)
            .sum::<f64>()
            .clamp(0.0, 1.0);
        out.push(ExpertMatch {
            id: e.id.clone(),
            index,
            score: libm::round(score * 1000.0) / 1000.0,
            factors,
        });
    }
    crate::sort::sort_by(&mut out, |a, b| {
        b.score.total_cmp(&a.score).then_with(|| a.id.cmp(&b.id))
    });
    out
}
