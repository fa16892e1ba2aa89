//! The European List of Waste (EWC/LoW): 20 chapters, 111 sub-chapters and 842 entries with
//! hazardous flags, labelled in English for all rows and in Finnish and Swedish for every
//! chapter, sub-chapter and the entries the material categories use (see `data/README.md`).

use super::MatchingError;
use crate::Code;
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
    /// The entry's name in fi/sv/en, as the official list words it.
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

/// The six-digit entries' codes in list order, without the labels.
pub(crate) fn entry_codes() -> impl Iterator<Item = &'static str> {
    code_rows()
        .map(|(code, _)| code)
        .filter(|code| code.len() == 6)
}

/// Code → hazardous.
fn codes() -> &'static HashMap<&'static str, bool> {
    static CODES: OnceLock<HashMap<&'static str, bool>> = OnceLock::new();
    CODES.get_or_init(|| code_rows().collect())
}

type LabelRow = (String, Option<String>, Option<String>, Option<String>);

/// The list's labels in fi/sv/en by code, read from the text of `ewc-labels.json` (rows
/// `[code, fi, sv, en]`). Native programs use the embedded copy ([`ewc_labels`]); a wasm widget
/// builds one from the file it fetched, so its module does not carry the labels.
#[derive(Debug, Clone, Default)]
pub struct EwcLabels {
    by_code: HashMap<String, Text>,
}

impl EwcLabels {
    /// Reads the rows; rows whose code is not in the list are left out. `None` when the text is
    /// not an array of such rows.
    pub fn from_json(text: &str) -> Option<EwcLabels> {
        let rows = serde_json::from_str::<Vec<LabelRow>>(text).ok()?;
        let by_code = rows
            .into_iter()
            .filter(|(code, ..)| codes().contains_key(code.as_str()))
            .map(|(code, fi, sv, en)| (code, Text { fi, sv, en }))
            .collect();
        Some(EwcLabels { by_code })
    }

    /// The label of a chapter, sub-chapter or entry; `None` when the file has none for it.
    pub fn get(&self, code: EwcCode) -> Option<&Text> {
        self.by_code.get(code.as_str())
    }
}

/// The labels embedded in the crate; linked into a program only when it reads labels.
pub fn ewc_labels() -> &'static EwcLabels {
    static LABELS: OnceLock<EwcLabels> = OnceLock::new();
    // Embedded data is checked by the tests; a broken file degrades to unlabelled codes.
    LABELS.get_or_init(|| EwcLabels::from_json(EWC_LABELS_JSON).unwrap_or_default())
}

struct Table {
    entries: Vec<EwcEntry>,
    by_code: HashMap<String, usize>,
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let labels = ewc_labels();
        let entries: Vec<EwcEntry> = code_rows()
            .map(|(code, hazardous)| EwcEntry {
                level: (code.len() / 2) as u8,
                code: code.to_owned(),
                label: labels.by_code.get(code).cloned().unwrap_or_default(),
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

/// A code of the European List of Waste that exists in the shipped list: a chapter (2 digits),
/// sub-chapter (4) or entry (6). The one reader of EWC codes for matching, impact and every
/// file reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EwcCode {
    digits: [u8; 6],
    len: u8,
}

/// A code as written: the code and whether it carried the hazard mark `*`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WrittenEwc {
    /// The code, without the star.
    pub code: EwcCode,
    /// Whether the text ended in the hazard mark `*`.
    pub starred: bool,
}

impl EwcCode {
    /// Reads `170201`, `17 02 01`, `17.02.01`, `17-02-01` (with or without a trailing `*`) and
    /// checks the code against the shipped list.
    pub fn parse(text: &str) -> Result<WrittenEwc, MatchingError> {
        let written = EwcCode::parse_shape(text)?;
        if codes().contains_key(written.code.as_str()) {
            Ok(written)
        } else {
            Err(MatchingError::EwcNotInList)
        }
    }

    /// Reads the shape only (digits in pairs, separators, `*`), without asking the list.
    pub fn parse_shape(text: &str) -> Result<WrittenEwc, MatchingError> {
        let trimmed = text.trim();
        let (body, starred) = match trimmed.strip_suffix('*') {
            Some(body) => (body.trim_end(), true),
            None => (trimmed, false),
        };
        let mut digits = [b'0'; 6];
        let mut len = 0usize;
        let mut separators = 0usize;
        for c in body.chars() {
            match c {
                '0'..='9' if len < 6 => {
                    digits[len] = c as u8;
                    len += 1;
                }
                // Separators only between digit pairs, so `1 70201` is not read as a code.
                ' ' | '.' | '-' | '\u{a0}' if len.is_multiple_of(2) && len > 0 && len < 6 => {
                    separators += 1;
                }
                _ => return Err(MatchingError::MalformedEwc),
            }
        }
        if !matches!(len, 2 | 4 | 6) || separators > 4 {
            return Err(MatchingError::MalformedEwc);
        }
        Ok(WrittenEwc {
            code: EwcCode {
                digits,
                len: len as u8,
            },
            starred,
        })
    }

    /// The digits, e.g. `"170201"`.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(self.digits.get(..usize::from(self.len)).unwrap_or(&[])).unwrap_or("")
    }

    /// 1 = chapter, 2 = sub-chapter, 3 = entry.
    pub fn level(&self) -> u8 {
        self.len / 2
    }

    /// The digits as a number (`170201`), 0-padded on the right for headings (`1702` → 170200).
    pub fn number(&self) -> u32 {
        self.digits
            .iter()
            .fold(0, |n, d| n * 10 + u32::from(d.saturating_sub(b'0')))
    }

    /// The chapter (`17`) or sub-chapter (`1702`) this code belongs to.
    pub fn prefix(&self, len: usize) -> &str {
        self.as_str().get(..len).unwrap_or(self.as_str())
    }

    /// Whether the list marks this entry hazardous (`*`); headings never are.
    pub fn hazardous(&self) -> bool {
        codes().get(self.as_str()).copied().unwrap_or(false)
    }

    /// The written form with spaces and the hazard mark: `17 06 05*`.
    pub fn spaced(&self) -> String {
        let s = self.as_str();
        let mut out = String::with_capacity(9);
        for (i, c) in s.chars().enumerate() {
            if i > 0 && i % 2 == 0 {
                out.push(' ');
            }
            out.push(c);
        }
        if self.hazardous() {
            out.push('*');
        }
        out
    }

    /// The list's row for this code, with labels.
    pub fn entry(&self) -> Option<&'static EwcEntry> {
        let t = table();
        t.by_code.get(self.as_str()).and_then(|&i| t.entries.get(i))
    }
}

impl std::fmt::Display for EwcCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Looks up a chapter, sub-chapter or entry; accepts every form [`EwcCode::parse`] accepts.
pub fn ewc(code: &str) -> Option<&'static EwcEntry> {
    EwcCode::parse(code).ok()?.code.entry()
}

/// Whether this chapter, sub-chapter or entry is hazardous (marked `*`); `None` if it does not
/// exist. Reads only the codes, so a program using it alone does not carry the labels.
pub fn ewc_hazardous(code: &str) -> Option<bool> {
    EwcCode::parse(code).ok().map(|w| w.code.hazardous())
}

/// Digits only (2, 4 or 6 of them) of a code in the list; `None` when malformed or unknown.
pub fn normalize_ewc(code: &str) -> Option<String> {
    EwcCode::parse(code)
        .ok()
        .map(|w| w.code.as_str().to_owned())
}

/// What a reader does with an EWC code written in a listing or an input file.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckedEwc {
    /// The entry, when the text is a six-digit entry of the list.
    pub code: Option<EwcCode>,
    /// Hazardous by the star, the list or the caller's own flag: never lost.
    pub hazardous: bool,
    /// What was wrong with the code or its hazard mark, one diagnostic each.
    pub diagnostics: Vec<crate::vocab::Diagnostic>,
}

/// Checks the EWC `text` of a row that says `hazardous` itself: unknown or malformed codes are
/// reported and left out, a star the list does not back is reported, and hazardous is set by
/// the row's own flag, the star or the list (the format documents that a hazardous entry
/// implies it, so that alone is not reported).
pub fn check_entry(row: usize, field: &str, text: &str, hazardous: bool) -> CheckedEwc {
    use crate::vocab::Diagnostic;
    let mut diagnostics = Vec::new();
    let starred = text.trim_end().ends_with('*');
    let code = match EwcCode::parse(text) {
        Ok(w) if w.code.level() == 3 => Some(w.code),
        Ok(w) => {
            diagnostics.push(Diagnostic::warning(
                row,
                field,
                Code::EwcHeading, format!(
                    "`{text}` is a heading of the list ({}), not an entry; the code was left out",
                    w.code.spaced()
                ),
            ).with_value(text));
            None
        }
        Err(e) => {
            diagnostics.push(
                Diagnostic::warning(
                    row,
                    field,
                    Code::NotEwcEntry,
                    format!("`{text}` is {e}; the code was left out"),
                )
                .with_value(text),
            );
            None
        }
    };
    let listed = code.is_some_and(|c| c.hazardous());
    if let Some(c) = code
        && starred
        && !listed
    {
        diagnostics.push(
            Diagnostic::warning(
                row,
                field,
                Code::EwcHazardMark,
                format!(
                    "`{text}` carries the hazard mark `*` but the list's entry {} is not \
                 hazardous; kept as hazardous",
                    c.spaced()
                ),
            )
            .with_value(text),
        );
    }
    CheckedEwc {
        code,
        hazardous: hazardous || starred || listed,
        diagnostics,
    }
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
    fn labels_read_from_text_equal_the_embedded_ones() {
        let read = EwcLabels::from_json(EWC_LABELS_JSON).expect("labels parse");
        for e in ewc_entries() {
            let code = EwcCode::parse(&e.code).expect("listed").code;
            assert_eq!(read.get(code), Some(&e.label), "{}", e.code);
        }
        let partial =
            EwcLabels::from_json(r#"[["170201","puu",null,"wood"],["999999","x",null,null]]"#)
                .expect("rows");
        let wood = EwcCode::parse("170201").expect("listed").code;
        assert_eq!(partial.get(wood).map(|t| t.get(Lang::Fi)), Some("puu"));
        assert_eq!(
            partial.by_code.len(),
            1,
            "codes not in the list are left out"
        );
        for broken in ["", "{", "{}", "[[1,2]]", "<html>"] {
            assert!(EwcLabels::from_json(broken).is_none(), "{broken}");
        }
    }

    #[test]
    fn entry_codes_are_the_level_3_rows() {
        let listed: Vec<&str> = ewc_entries()
            .iter()
            .filter(|e| e.level == 3)
            .map(|e| e.code.as_str())
            .collect();
        assert_eq!(entry_codes().collect::<Vec<_>>(), listed);
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
        assert_eq!(normalize_ewc("17-02-01").as_deref(), Some("170201"));
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
            "999999",
            "00 00 00",
            "170299",
            "1 70201",
        ] {
            assert_eq!(normalize_ewc(bad), None, "{bad}");
        }
    }

    #[test]
    fn every_written_form_reads_as_one_code() {
        for form in [
            "170201",
            "17 02 01",
            "17.02.01",
            "17-02-01",
            " 17 02 01 ",
            "170201*",
        ] {
            let w = EwcCode::parse(form).expect(form);
            assert_eq!(w.code.as_str(), "170201", "{form}");
            assert_eq!(w.starred, form.ends_with('*'));
        }
        let w = EwcCode::parse("17 06 05*").expect("hazardous entry");
        assert!(w.code.hazardous() && w.starred);
        assert_eq!(w.code.spaced(), "17 06 05*");
        assert_eq!(w.code.number(), 170_605);
        assert_eq!(EwcCode::parse("999999"), Err(MatchingError::EwcNotInList));
        assert_eq!(EwcCode::parse("00 00 00"), Err(MatchingError::EwcNotInList));
        assert_eq!(EwcCode::parse("17/02/01"), Err(MatchingError::MalformedEwc));
    }

    #[test]
    fn readers_never_lose_the_hazard_and_say_what_they_changed() {
        let starred_safe = check_entry(3, "ewc", "17 02 01*", false);
        assert_eq!(
            starred_safe.code.map(|c| c.as_str().to_owned()).as_deref(),
            Some("170201")
        );
        assert!(starred_safe.hazardous, "a star is never dropped");
        assert_eq!(starred_safe.diagnostics.len(), 1);
        let listed = check_entry(3, "ewc", "170605", false);
        assert!(listed.hazardous && listed.diagnostics.is_empty());
        let agreeing = check_entry(3, "ewc", "17 06 05*", true);
        assert!(agreeing.hazardous && agreeing.diagnostics.is_empty());
        for unknown in ["999999", "00 00 00", "1702", "abc"] {
            let c = check_entry(4, "ewc", unknown, true);
            assert_eq!(c.code, None, "{unknown}");
            assert!(c.hazardous);
            assert_eq!(
                (c.diagnostics[0].row, c.diagnostics[0].field.as_str()),
                (4, "ewc")
            );
        }
        assert!(check_entry(4, "ewc", "999999*", false).hazardous);
    }
}
