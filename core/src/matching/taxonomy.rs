//! Material categories: stable ids, fi/sv/en names, listing synonyms, the EWC codes that
//! belong to each and a typical bulk density for converting m³ to tonnes.

use crate::vocab::Text;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::OnceLock;

/// Category definitions with density notes; sources in `data/README.md`.
const CATEGORIES_JSON: &str = include_str!("../../data/categories.json");

/// A material category (`wood`, `plastics`, …) as used by listings and matching.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Category {
    /// Stable id, never translated.
    pub id: String,
    /// The category's name in fi/sv/en, as shown to users.
    pub name: Text,
    /// Words typical of listings in Finnish, Swedish and English (base and common forms).
    pub synonyms: Vec<String>,
    /// EWC entries (6 digits) and sub-chapters (4 digits) that belong here, digits only.
    pub ewc: Vec<String>,
    /// Typical loose bulk density for m³ ↔ t; `None` where the category is too mixed.
    pub density_t_per_m3: Option<f64>,
}

struct Table {
    all: Vec<Category>,
    by_ewc: HashMap<String, usize>,
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        // Embedded data is checked by the tests; a broken file degrades to no categories.
        let all: Vec<Category> = serde_json::from_str(CATEGORIES_JSON).unwrap_or_default();
        let mut by_ewc = HashMap::new();
        for (i, c) in all.iter().enumerate() {
            for code in &c.ewc {
                // First category wins; the tests ensure no code is listed twice.
                by_ewc.entry(code.clone()).or_insert(i);
            }
        }
        Table { all, by_ewc }
    })
}

/// All 13 categories in display order (`other` last).
pub fn categories() -> &'static [Category] {
    &table().all
}

/// The category with this id (`"wood"`, `"Wood"`); `None` if unknown.
pub fn category(id: &str) -> Option<&'static Category> {
    let id = id.trim();
    categories().iter().find(|c| c.id.eq_ignore_ascii_case(id))
}

/// The name of the category with this id (`"wood"`, `"Wood"`) in `lang`; `None` if unknown.
/// The same name as [`category`] gives, from a table without the synonyms and EWC lists, so a
/// module that only shows names does not carry the taxonomy and its reader.
pub fn category_name(id: &str, lang: crate::vocab::Lang) -> Option<&'static str> {
    let id = id.trim();
    let &(_, fi, sv, en) = super::names::CATEGORY_NAMES
        .iter()
        .find(|c| c.0.eq_ignore_ascii_case(id))?;
    Some(match lang {
        crate::vocab::Lang::Fi => fi,
        crate::vocab::Lang::Sv => sv,
        crate::vocab::Lang::En => en,
    })
}

/// The category an EWC code belongs to, most specific match first: the entry itself, then its
/// sub-chapter, then its chapter. Accepts any form `EwcCode::parse` accepts.
pub fn category_for_ewc(code: &str) -> Option<&'static Category> {
    let t = table();
    let code = super::ewc::EwcCode::parse(code).ok()?.code;
    [6, 4, 2]
        .into_iter()
        .filter_map(|n| code.as_str().get(..n))
        .find_map(|prefix| t.by_ewc.get(prefix))
        .and_then(|&i| t.all.get(i))
}

/// Whether the EWC sub-chapter of `code` (digits, 4 or 6) is a catch-all: its entries
/// belong to more than one category (15 01 packaging of every material, 20 01 separately
/// collected fractions, 19 12 sorting residues, 17 02 wood, glass and plastic), or the
/// taxonomy files it under `other` as a whole (20 03 mixed municipal waste). Sharing such a
/// sub-chapter says nothing about the material.
pub fn is_catch_all(code: &str) -> bool {
    static CATCH_ALL: OnceLock<Vec<String>> = OnceLock::new();
    let set = CATCH_ALL.get_or_init(|| {
        let mut seen: HashMap<&str, Option<&str>> = HashMap::new();
        let mut mixed: Vec<String> = Vec::new();
        for code in super::ewc::entry_codes() {
            let (Some(sub), cat) = (code.get(..4), category_for_ewc(code)) else {
                continue;
            };
            let cat = cat.map(|c| c.id.as_str());
            match seen.get(sub) {
                None => {
                    seen.insert(sub, cat);
                }
                Some(prev) if *prev != cat => mixed.push(sub.to_owned()),
                Some(_) => {}
            }
        }
        if let Some(other) = category("other") {
            mixed.extend(other.ewc.iter().filter(|c| c.len() == 4).cloned());
        }
        crate::sort::sort(&mut mixed);
        mixed.dedup();
        mixed
    });
    code.get(..4)
        .is_some_and(|sub| set.binary_search_by(|s| s.as_str().cmp(sub)).is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::ewc::ewc;
    use crate::vocab::Lang;

    const IDS: [&str; 13] = [
        "construction",
        "soil",
        "wood",
        "plastics",
        "textiles",
        "food",
        "electronics",
        "metals",
        "paper",
        "glass",
        "ash",
        "chemicals",
        "other",
    ];

    #[test]
    fn the_thirteen_categories_have_stable_ids_in_order() {
        let ids: Vec<&str> = categories().iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, IDS);
        assert_eq!(category("Wood").map(|c| c.id.as_str()), Some("wood"));
        assert!(category("timber").is_none());
    }

    #[test]
    fn the_name_table_gives_the_taxonomy_names() {
        assert_eq!(
            super::super::names::CATEGORY_NAMES.len(),
            categories().len()
        );
        for c in categories() {
            for lang in [Lang::Fi, Lang::Sv, Lang::En] {
                assert_eq!(
                    category_name(&c.id, lang),
                    Some(c.name.get(lang)),
                    "{}",
                    c.id
                );
            }
        }
        assert_eq!(category_name(" Wood ", Lang::Sv), Some("Trä"));
        assert_eq!(category_name("timber", Lang::Fi), None);
    }

    #[test]
    fn every_category_has_names_and_synonyms_in_three_languages() {
        for c in categories() {
            for lang in [&c.name.fi, &c.name.sv, &c.name.en] {
                assert!(lang.as_deref().is_some_and(|s| !s.is_empty()), "{}", c.id);
            }
            assert!(c.synonyms.len() >= 40, "{} has {}", c.id, c.synonyms.len());
            assert!(c.synonyms.iter().all(|s| !s.trim().is_empty()));
        }
        assert_eq!(category("wood").map(|c| c.name.get(Lang::Sv)), Some("Trä"));
    }

    #[test]
    fn synonyms_cover_typical_listing_words_in_all_languages() {
        let has = |id: &str, word: &str| {
            category(id).is_some_and(|c| c.synonyms.iter().any(|s| s == word))
        };
        for w in [
            "puu",
            "puujäte",
            "kuormalava",
            "lava",
            "trä",
            "träpall",
            "spillvirke",
            "pallet",
            "timber",
        ] {
            assert!(has("wood", w), "{w}");
        }
        for w in [
            "betonimurske",
            "tiili",
            "purkujäte",
            "rivningsavfall",
            "concrete",
        ] {
            assert!(has("construction", w), "{w}");
        }
        assert!(
            has("ash", "lentotuhka")
                && has("textiles", "textilspill")
                && has("glass", "lasimurske")
        );
    }

    #[test]
    fn no_synonym_points_to_two_categories() {
        let mut seen = HashMap::new();
        for c in categories() {
            for s in &c.synonyms {
                let prev = seen.insert(s.to_lowercase(), c.id.as_str());
                assert!(
                    prev.is_none() || prev == Some(c.id.as_str()),
                    "{s}: {prev:?} and {}",
                    c.id
                );
            }
        }
    }

    #[test]
    fn every_category_ewc_code_exists_once_with_finnish_and_swedish_labels() {
        let mut seen = HashMap::new();
        for c in categories() {
            for code in &c.ewc {
                let e = ewc(code);
                assert!(e.is_some(), "{} lists unknown {code}", c.id);
                assert!(matches!(code.len(), 4 | 6), "{code}");
                assert!(
                    e.is_some_and(|e| e.label.fi.is_some() && e.label.sv.is_some()),
                    "{code}"
                );
                assert!(
                    seen.insert(code.as_str(), c.id.as_str()).is_none(),
                    "{code} twice"
                );
            }
            if c.id != "other" {
                assert!(!c.ewc.is_empty(), "{}", c.id);
            }
        }
    }

    #[test]
    fn category_for_ewc_prefers_the_entry_over_its_sub_chapter() {
        let id = |code: &str| category_for_ewc(code).map(|c| c.id.as_str());
        assert_eq!(id("17 02 01"), Some("wood"));
        assert_eq!(id("17 02 03"), Some("plastics"));
        assert_eq!(id("170202"), Some("glass"));
        assert_eq!(id("17 01 01"), Some("construction"));
        assert_eq!(id("1701"), Some("construction"));
        assert_eq!(id("17 06 05*"), Some("construction"));
        assert_eq!(id("03 03 01"), Some("wood"));
        assert_eq!(id("03 03 07"), Some("paper"));
        assert_eq!(id("12 01 05"), Some("plastics"));
        assert_eq!(id("12 01 01"), Some("metals"));
        assert_eq!(id("20 01 01"), Some("paper"));
        assert_eq!(id("20 02 02"), Some("soil"));
        assert_eq!(id("10 01 02"), Some("ash"));
        assert_eq!(id("13 02 05"), Some("chemicals"));
        assert_eq!(id("16 01 03"), Some("plastics"));
        assert_eq!(id("18 01 03"), None);
        assert_eq!(id("17"), None);
        assert_eq!(id("not a code"), None);
    }

    #[test]
    fn catch_all_sub_chapters_are_those_spanning_categories() {
        for code in [
            "150102", "1501", "200108", "200301", "191204", "170201", "160103",
        ] {
            assert!(is_catch_all(code), "{code}");
        }
        for code in ["170101", "1701", "100102", "170504", "130205"] {
            assert!(!is_catch_all(code), "{code}");
        }
    }

    #[test]
    fn densities_are_plausible_bulk_densities() {
        for c in categories() {
            match c.density_t_per_m3 {
                Some(d) => assert!((0.03..=2.5).contains(&d), "{}: {d}", c.id),
                None => assert_eq!(c.id, "other"),
            }
        }
        assert_eq!(category("soil").and_then(|c| c.density_t_per_m3), Some(1.6));
    }
}
