use crate::vocab::{Lang, Quantity};
use serde::{Deserialize, Serialize};

/// Whether a listing offers a material or seeks one (ValueFlows: an Intent's provider/receiver).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ListingKind {
    /// The lister has the material (provider).
    Offer,
    /// The lister needs the material (receiver).
    Seek,
}

/// How often the quantity recurs: once, or continuously per year, month or week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Recurrence {
    #[default]
    /// Once: the quantity is the whole amount.
    OneOff,
    /// The quantity recurs every year.
    PerYear,
    /// The quantity recurs every month.
    PerMonth,
    /// The quantity recurs every week.
    PerWeek,
}

impl Recurrence {
    /// Occurrences in one year (a one-off counts once).
    pub fn per_year(self) -> f64 {
        match self {
            Recurrence::OneOff | Recurrence::PerYear => 1.0,
            Recurrence::PerMonth => 12.0,
            Recurrence::PerWeek => 52.0,
        }
    }

    /// Parses fi/sv/en words (`kertaerä`, `kuukausittain`, `per månad`, `weekly`, …).
    pub fn parse(s: &str) -> Option<Recurrence> {
        let f = super::text::fold(s);
        let f = f.split_whitespace().collect::<Vec<_>>().join(" ");
        let has = |keys: &[&str]| keys.iter().any(|k| f.contains(k));
        if f.is_empty() || has(&["one", "kerta", "engang", "single", "once"]) {
            Some(Recurrence::OneOff)
        } else if has(&["week", "viik", "vecka"]) {
            Some(Recurrence::PerWeek)
        } else if has(&["month", "kuuka", "manad", "kk"]) {
            Some(Recurrence::PerMonth)
        } else if has(&[
            "year",
            "vuo",
            "ar",
            "annual",
            "jatkuva",
            "kontinuerlig",
            "continuous",
        ]) {
            Some(Recurrence::PerYear)
        } else {
            None
        }
    }
}

/// Whether a listing is still open for matching.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    #[default]
    /// Searchable and matched.
    Open,
    /// Not matched; a search shows it only with `include_closed` (coordinators).
    Closed,
}

/// WGS84 coordinates in decimal degrees.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Coordinates {
    /// Latitude, north positive.
    pub lat: f64,
    /// Longitude, east positive.
    pub lon: f64,
}

/// One offered or sought material (a ValueFlows `Intent`: `available_from`/`available_until`
/// are its `hasBeginning`/`hasEnd`, the kind says whether the lister is provider or receiver).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Listing {
    /// The lister's id for the listing, unique within a file.
    pub id: String,
    /// Offer or seek.
    pub kind: ListingKind,
    /// What the material is, in the lister's words (any of fi/sv/en).
    pub title: String,
    #[serde(default)]
    /// More about the material, in any of fi/sv/en.
    pub description: String,
    /// Category id from the taxonomy (`wood`, `plastics`, …).
    pub category: String,
    /// How much is offered or sought, per `recurrence`.
    pub quantity: Quantity,
    /// Finnish or Swedish municipality name, or its official code.
    pub municipality: String,
    /// EWC entry, six digits (`17 02 01`, `17-02-01` and a trailing `*` are accepted on input;
    /// readers store the six digits and keep a code only when the list has it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ewc: Option<String>,
    /// The offered material is hazardous waste (also implied by a hazardous EWC entry).
    #[serde(default, skip_serializing_if = "is_false")]
    pub hazardous: bool,
    #[serde(default, skip_serializing_if = "is_default")]
    /// Once or per year, month or week; a recurring quantity is per occurrence.
    pub recurrence: Recurrence,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// A site point that overrides the municipality centre for distances.
    pub coordinates: Option<Coordinates>,
    /// Farthest the lister will transport or fetch, in km.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_distance_km: Option<f64>,
    /// First day available or needed, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub available_from: Option<String>,
    /// Last day available or needed, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub available_until: Option<String>,
    /// The seeker holds an environmental permit to receive hazardous waste.
    #[serde(default, skip_serializing_if = "is_false")]
    pub hazardous_permit: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// A quality class in the lister's terms (e.g. `BEM II` for crushed concrete).
    pub quality_class: Option<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    /// Anything else about the quality, free text.
    pub quality_notes: String,
    #[serde(default, skip_serializing_if = "is_default")]
    /// Open for matching, or closed.
    pub status: Status,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// The company or body behind the listing, when given.
    pub organisation: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// The language the listing is written in, when the lister says it.
    pub lang: Option<Lang>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

fn is_default<T: Default + PartialEq>(v: &T) -> bool {
    *v == T::default()
}

impl Listing {
    /// A minimal open listing; the remaining fields take their defaults.
    pub fn new(
        id: &str,
        kind: ListingKind,
        title: &str,
        category: &str,
        quantity: Quantity,
        municipality: &str,
    ) -> Listing {
        Listing {
            id: id.to_owned(),
            kind,
            title: title.to_owned(),
            description: String::new(),
            category: category.to_owned(),
            quantity,
            municipality: municipality.to_owned(),
            ewc: None,
            hazardous: false,
            recurrence: Recurrence::OneOff,
            coordinates: None,
            max_distance_km: None,
            available_from: None,
            available_until: None,
            hazardous_permit: false,
            quality_class: None,
            quality_notes: String::new(),
            status: Status::Open,
            organisation: None,
            lang: None,
        }
    }

    /// The EWC entry, if the listing has one of the list (readers keep only such codes).
    pub fn ewc_code(&self) -> Option<super::ewc::EwcCode> {
        let code = super::ewc::EwcCode::parse(self.ewc.as_deref()?).ok()?.code;
        (code.level() == 3).then_some(code)
    }
}

pub use crate::date::day_number;

/// Listings whose title, description, category or municipality contain `query`, ignoring case.
pub fn filter<'a>(listings: &'a [Listing], query: &str) -> Vec<&'a Listing> {
    let needle = query.trim().to_lowercase();
    listings
        .iter()
        .filter(|l| {
            needle.is_empty()
                || [&l.title, &l.description, &l.category, &l.municipality]
                    .iter()
                    .any(|field| field.to_lowercase().contains(&needle))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    // Test data only: production code in this file does not depend on the importer.
    use crate::matching::sample_listings;

    #[test]
    fn filter_ignores_case_and_matches_every_text_field() {
        let listings = sample_listings();
        assert!(listings.len() >= 10, "sample data must load");
        let hits = filter(&listings, "PUU");
        assert!(!hits.is_empty());
        assert!(hits.iter().all(|l| {
            let all = format!(
                "{} {} {} {}",
                l.title, l.description, l.category, l.municipality
            );
            all.to_lowercase().contains("puu")
        }));
    }

    #[test]
    fn empty_query_keeps_everything() {
        let listings = sample_listings();
        assert_eq!(filter(&listings, "  ").len(), listings.len());
        assert!(filter(&listings, "zzzz-no-such-thing").is_empty());
    }
}
