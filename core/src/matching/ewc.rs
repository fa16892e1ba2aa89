//! The European List of Waste (EWC/LoW): 20 chapters, 111 sub-chapters and 842 entries with
//! hazardous flags, labelled in English for all rows and in Finnish and Swedish for every
//! chapter, sub-chapter and the entries the material categories use (see `data/README.md`).

use crate::vocab::Text;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::OnceLock;

/// Every code, one a line, `*` after hazardous entries: all the finder needs, so it ships alone.
const EWC_CODES: &str = include_str!("../../data/ewc-codes.txt");
/// Rows `[code, fi, sv, en]`; linked into a program only when it reads labels.
const EWC_LABELS_JSON: &str = include_str!("../../data/ewc-labels.json");

/// One row of the list: a chapter (level 1, 2 digits), sub-chapter (level 2, 4 digits) or
/// entry (level 3, 6 digits).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EwcEntry {
    /// Digits only, e.g. `"170201"`.
    pub code: String,
    /// 1 = chapter, 2 = sub-chapter, 3 = entry.
    pub level: u8,
    pub label: Text,
    /// `true` for entries marked `*` in the official list; always `false` for headings.
    pub hazardous: bool,
}

/// `(code, hazardous)` in the order of the official list.
fn code_rows() -> impl Iterator<Item = (&'static str, bool)> {
    EWC_CODES
        .lines()
        .map(|line| line.trim())
        .map(|line| (line.trim_end_matches('*'), line.ends_with('*')))
        .filter(|(code, _)| matches!(code.len(), 2 | 4 | 6))
}

/// Code → hazardous.
fn codes() -> &'static HashMap<&'static str, bool> {
    static CODES: OnceLock<HashMap<&'static str, bool>> = OnceLock::new();
    CODES.get_or_init(|| code_rows().collect())
}

type LabelRow = (String, Option<String>, Option<String>, Option<String>);

struct Table {
    entries: Vec<EwcEntry>,
    by_code: HashMap<String, usize>,
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        // Embedded data is checked by the tests; a broken file degrades to unlabelled codes.
        let mut labels: HashMap<String, Text> =
            serde_json::from_str::<Vec<LabelRow>>(EWC_LABELS_JSON)
                .unwrap_or_default()
                .into_iter()
                .map(|(code, fi, sv, en)| (code, Text { fi, sv, en }))
                .collect();
        let entries: Vec<EwcEntry> = code_rows()
            .map(|(code, hazardous)| EwcEntry {
                level: (code.len() / 2) as u8,
                code: code.to_owned(),
                label: labels.remove(code).unwrap_or_default(),
                hazardous,
            })
            .collect();
        let by_code = entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.code.clone(), i))
            .collect();
        Table { entries, by_code }
    })
}

/// All 973 rows (chapters, sub-chapters and entries) in the order of the official list.
pub fn ewc_entries() -> &'static [EwcEntry] {
    &table().entries
}

/// Looks up a chapter, sub-chapter or entry; accepts `"17 02 01"`, `"170201"`, `"17 02 01*"`
/// and `"1702"`.
pub fn ewc(code: &str) -> Option<&'static EwcEntry> {
    let t = table();
    let code = normalize_ewc(code)?;
    t.by_code.get(&code).and_then(|&i| t.entries.get(i))
}

/// Whether this chapter, sub-chapter or entry is hazardous (marked `*`); `None` if it does not
/// exist. Reads only the codes, so a program using it alone does not carry the labels.
pub fn ewc_hazardous(code: &str) -> Option<bool> {
    codes().get(normalize_ewc(code)?.as_str()).copied()
}

/// Digits only (2, 4 or 6 of them) with a chapter that exists; `None` when invalid.
///
/// Spaces, dots and dashes between digit pairs and a trailing hazard mark `*` are dropped;
/// the entry itself need not exist (`"170299"` normalises, `ewc` then finds nothing).
pub fn normalize_ewc(code: &str) -> Option<String> {
    let trimmed = code.trim().trim_end_matches('*').trim_end();
    let mut digits = String::with_capacity(6);
    for c in trimmed.chars() {
        match c {
            '0'..='9' => digits.push(c),
            ' ' | '.' | '-' | '\u{a0}' => {}
            _ => return None,
        }
    }
    if !matches!(digits.len(), 2 | 4 | 6) {
        return None;
    }
    let chapter = digits.get(..2)?;
    let known = if codes().is_empty() {
        // Without data, fall back to the fixed chapter range 01–20.
        matches!(chapter.parse::<u8>(), Ok(1..=20))
    } else {
        codes().contains_key(chapter)
    };
    known.then_some(digits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::Lang;

    fn count(level: u8) -> usize {
        ewc_entries().iter().filter(|e| e.level == level).count()
    }

    #[test]
    fn the_list_has_20_chapters_111_sub_chapters_and_842_entries() {
        assert_eq!(count(1), 20);
        assert_eq!(count(2), 111);
        assert_eq!(count(3), 842);
        assert_eq!(ewc_entries().len(), 973);
    }

    #[test]
    fn codes_are_unique_digits_matching_their_level() {
        let mut seen = std::collections::HashSet::new();
        for e in ewc_entries() {
            assert!(seen.insert(e.code.as_str()), "duplicate {}", e.code);
            assert!(e.code.chars().all(|c| c.is_ascii_digit()));
            assert_eq!(e.code.len(), 2 * e.level as usize);
            if e.level > 1 {
                assert!(
                    ewc(&e.code[..e.code.len() - 2]).is_some(),
                    "orphan {}",
                    e.code
                );
            }
        }
    }

    #[test]
    fn every_row_has_an_english_label() {
        for e in ewc_entries() {
            assert!(
                e.label.en.as_deref().is_some_and(|s| !s.is_empty()),
                "{}",
                e.code
            );
        }
        assert_eq!(
            ewc("20 03 01").map(|e| e.label.get(Lang::En)),
            Some("mixed municipal waste")
        );
        assert!(ewc("1003").is_some_and(|e| e.label.get(Lang::En).contains("aluminium")));
    }

    #[test]
    fn every_chapter_and_sub_chapter_has_finnish_and_swedish_labels() {
        for e in ewc_entries().iter().filter(|e| e.level < 3) {
            assert!(
                e.label.fi.as_deref().is_some_and(|s| !s.is_empty()),
                "{}",
                e.code
            );
            assert!(
                e.label.sv.as_deref().is_some_and(|s| !s.is_empty()),
                "{}",
                e.code
            );
        }
        assert_eq!(
            ewc("1701").map(|e| e.label.get(Lang::Fi)),
            Some("betoni, tiilet, laatat ja keramiikka")
        );
        assert_eq!(ewc("170201").map(|e| e.label.get(Lang::Sv)), Some("trä"));
    }

    #[test]
    fn the_label_file_has_exactly_the_codes_in_the_same_order() {
        let rows: Vec<LabelRow> = serde_json::from_str(EWC_LABELS_JSON).expect("labels parse");
        let labelled: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
        let coded: Vec<&str> = code_rows().map(|(code, _)| code).collect();
        assert_eq!(labelled, coded);
    }

    #[test]
    fn hazardous_lookup_reads_the_codes_alone() {
        assert_eq!(ewc_hazardous("17 06 05*"), Some(true));
        assert_eq!(ewc_hazardous("170201"), Some(false));
        assert_eq!(ewc_hazardous("170299"), None);
        assert_eq!(ewc_hazardous("nonsense"), None);
        for e in ewc_entries() {
            assert_eq!(ewc_hazardous(&e.code), Some(e.hazardous), "{}", e.code);
        }
    }

    #[test]
    fn hazardous_flags_follow_the_official_asterisks() {
        assert_eq!(ewc("17 06 05*").map(|e| e.hazardous), Some(true));
        assert_eq!(ewc("17 02 01").map(|e| e.hazardous), Some(false));
        assert_eq!(ewc("03 02 05").map(|e| e.hazardous), Some(true));
        assert_eq!(ewc("20 01 36").map(|e| e.hazardous), Some(false));
        assert_eq!(ewc("13 02 05").map(|e| e.hazardous), Some(true));
        assert_eq!(ewc("17").map(|e| e.hazardous), Some(false));
    }

    #[test]
    fn lookups_accept_spaced_starred_and_short_codes() {
        for code in ["17 02 01", "170201", "17 02 01*", " 17.02.01 "] {
            assert_eq!(ewc(code).map(|e| e.code.as_str()), Some("170201"), "{code}");
        }
        assert_eq!(ewc("1702").map(|e| e.level), Some(2));
        assert_eq!(ewc("17").map(|e| e.level), Some(1));
        assert!(ewc("170299").is_none());
    }

    #[test]
    fn normalize_rejects_bad_codes() {
        assert_eq!(normalize_ewc("17 02 01*").as_deref(), Some("170201"));
        assert_eq!(normalize_ewc("1702").as_deref(), Some("1702"));
        for bad in [
            "",
            "*",
            "1",
            "170",
            "1702011",
            "21 01 01",
            "00",
            "17a201",
            "ä",
            "17 02 0１",
        ] {
            assert_eq!(normalize_ewc(bad), None, "{bad}");
        }
    }
}
