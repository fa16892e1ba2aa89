//! The hand-off from a self-assessment to the other tools: where the answers describe a side
//! stream (a material the company landfills, burns or sends away), a pre-fill for the impact
//! calculator and a listing draft for the finder or Materiaalitori. Built purely from the
//! answers; the widgets only link and render.

use super::answer::Given;
use super::model::{Answers, Questionnaire};
use super::score::evaluate;
use crate::impact::{Pathway, Prefill};
use crate::matching::{Listing, ListingKind, Recurrence, category_name};
use crate::vocab::{Lang, Quantity, Unit};
use serde::{Deserialize, Serialize};

/// The side stream as the answers describe it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct SideStream {
    /// Taxonomy category id (`wood`, `plastics`, …).
    pub category: String,
    /// Tonnes a year, when answered with a figure.
    pub tonnes_per_year: Option<f64>,
    /// Where it goes now, when answered.
    pub pathway: Option<Pathway>,
}

/// What the results page offers: the impact pre-fill and a listing draft.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Handoff {
    /// The side stream the answers describe.
    pub side_stream: SideStream,
    /// Values for the impact calculator; `impact.to_fragment()` is the link's fragment.
    pub impact: Prefill,
    /// A draft in the listing format the finder reads (`matching::parse_listings`).
    pub listing: Listing,
    /// Listing fields the respondent still has to fill in (`quantity`, `municipality`).
    pub missing: Vec<String>,
}

/// Where the hand-off's listing is written from.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct HandoffOptions {
    /// The respondent's municipality (the partner page may know it); empty when unknown.
    pub municipality: String,
    /// Language of the draft's title and description.
    pub lang: Lang,
}

/// The side stream the answers describe: the questionnaire's `sideStream` material question,
/// visible and answered with a category the taxonomy knows. "Don't know" or "not applicable"
/// describes none.
pub fn side_stream(q: &Questionnaire, answers: &Answers) -> Option<SideStream> {
    let keys = q.side_stream.as_ref()?;
    let e = evaluate(q, answers);
    let answered = |id: &str| {
        let i = q.questions.iter().position(|x| x.id == id)?;
        let g = e.given[i].clone().filter(|_| e.visible[i])?;
        Some((i, g))
    };
    let option_id = |id: &str| match answered(id)? {
        (i, Given::Option(o)) => q.questions[i].options.get(o).map(|c| c.id.clone()),
        _ => None,
    };
    let category_id = option_id(&keys.material).filter(|c| category_name(c, Lang::Fi).is_some())?;
    let tonnes_per_year = keys
        .quantity
        .as_deref()
        .and_then(answered)
        .and_then(|(_, g)| match g {
            Given::Number(v) if v.is_finite() && v >= 0.0 => Some(v),
            _ => None,
        });
    let pathway = keys
        .pathway
        .as_deref()
        .and_then(option_id)
        .and_then(|p| Pathway::ALL.into_iter().find(|x| x.id() == p));
    Some(SideStream {
        category: category_id,
        tonnes_per_year,
        pathway,
    })
}

/// The hand-off for `answers`, or `None` when they describe no side stream.
pub fn handoff(q: &Questionnaire, answers: &Answers, options: &HandoffOptions) -> Option<Handoff> {
    let stream = side_stream(q, answers)?;
    // Recycling is the usual better route; a stream already recycled is compared by the user.
    let alternative = match stream.pathway {
        Some(Pathway::Recycling) | None => None,
        Some(_) => Some(Pathway::Recycling),
    };
    let impact = Prefill {
        material: Some(stream.category.clone()),
        quantity: stream.tonnes_per_year,
        unit: stream.tonnes_per_year.map(|_| Unit::Tonne),
        baseline: stream.pathway,
        alternative,
    };
    let lang = options.lang;
    let name = category_name(&stream.category, lang)
        .map(str::to_owned)
        .unwrap_or_else(|| stream.category.clone());
    let (title, description) = match lang {
        Lang::Fi => (
            format!("Sivuvirta: {name}"),
            "Luonnos kiertotalouden itsearvioinnista. Tarkistakaa määrä, laatu ja kunta ennen julkaisemista.",
        ),
        Lang::Sv => (
            format!("Sidoström: {name}"),
            "Utkast från självbedömningen av cirkulär ekonomi. Kontrollera mängd, kvalitet och kommun innan ni publicerar.",
        ),
        Lang::En => (
            format!("Side stream: {name}"),
            "Draft from the circular economy self-assessment. Check the quantity, quality and municipality before publishing.",
        ),
    };
    let municipality = options.municipality.trim();
    let mut listing = Listing::new(
        &format!("self-assessment-{}", stream.category),
        ListingKind::Offer,
        &title,
        &stream.category,
        Quantity {
            amount: stream.tonnes_per_year.unwrap_or(0.0),
            unit: Unit::Tonne,
        },
        municipality,
    );
    listing.description = description.to_owned();
    listing.recurrence = Recurrence::PerYear;
    listing.lang = Some(lang);
    let mut missing = Vec::new();
    if stream.tonnes_per_year.is_none() {
        missing.push("quantity".to_owned());
    }
    if !crate::matching::is_municipality(municipality) {
        missing.push("municipality".to_owned());
    }
    Some(Handoff {
        side_stream: stream,
        impact,
        listing,
        missing,
    })
}
