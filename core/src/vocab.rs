//! Shared vocabulary used by every engine: languages, quantities and diagnostics.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A user-interface and content language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    /// Finnish (`fi`), the default.
    Fi,
    /// Swedish (`sv`), Finland's second national language.
    Sv,
    /// English (`en`).
    En,
}

impl Lang {
    /// Parses a BCP 47 tag such as `sv-FI` or `en`; unknown tags give `None`.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "fi" => Some(Lang::Fi),
            "sv" => Some(Lang::Sv),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The BCP 47 primary tag: `fi`, `sv` or `en`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Fi => "fi",
            Lang::Sv => "sv",
            Lang::En => "en",
        }
    }
}

/// A text in Finnish, Swedish and English; any of them may be missing.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Text {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// The Finnish text.
    pub fi: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// The Swedish text.
    pub sv: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// The English text.
    pub en: Option<String>,
}

impl Text {
    /// A text with all three languages given.
    pub fn new(fi: &str, sv: &str, en: &str) -> Text {
        Text {
            fi: Some(fi.to_owned()),
            sv: Some(sv.to_owned()),
            en: Some(en.to_owned()),
        }
    }

    /// The text in `lang`, falling back to English, Finnish, Swedish, then "". A fallback is
    /// in another language than asked: use [`Text::resolve`] to know which and tag it.
    pub fn get(&self, lang: Lang) -> &str {
        self.resolve(lang).0
    }

    /// The text in `lang` or, when that is missing or blank, in the first of English, Finnish
    /// and Swedish that has one, with the language it is really in (so a Swedish page can mark
    /// an English fallback `lang="en"`). English comes first because official lists (the EU
    /// waste list) exist in it where our Swedish is missing. With no text anywhere: the text
    /// in `lang` as written (blank) or "", and `lang`.
    pub fn resolve(&self, lang: Lang) -> (&str, Lang) {
        let raw = |l: Lang| match l {
            Lang::Fi => self.fi.as_deref(),
            Lang::Sv => self.sv.as_deref(),
            Lang::En => self.en.as_deref(),
        };
        let of = |l: Lang| raw(l).filter(|t| !t.trim().is_empty()).map(|t| (t, l));
        of(lang)
            .or_else(|| of(Lang::En))
            .or_else(|| of(Lang::Fi))
            .or_else(|| of(Lang::Sv))
            .unwrap_or((raw(lang).unwrap_or(""), lang))
    }
}

/// Units of quantity accepted in listings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Unit {
    #[serde(rename = "kg")]
    /// Kilograms.
    Kg,
    #[serde(rename = "t")]
    /// Metric tonnes (1,000 kg), the unit impact is computed in.
    Tonne,
    #[serde(rename = "m3", alias = "m³")]
    /// Cubic metres (loose materials: soil, crushed concrete, chips).
    CubicMetre,
    #[serde(rename = "m2", alias = "m²")]
    /// Square metres (boards, panels, textiles by area).
    SquareMetre,
    #[serde(rename = "m")]
    /// Metres (running metres of profiles, pipes, cables).
    Metre,
    #[serde(rename = "pcs", alias = "kpl", alias = "st")]
    /// Pieces (pallets, furniture, devices).
    Piece,
}

impl Unit {
    /// Parses the written forms partners use (`kg`, `t`, `tn`, `m3`, `m³`, `kpl`, `st`, `pcs`).
    pub fn parse(s: &str) -> Option<Unit> {
        match crate::strict::fold_case(s.trim()).as_str() {
            "kg" => Some(Unit::Kg),
            "t" | "tn" | "tonni" | "tonnia" | "ton" | "tonne" | "tonnes" => Some(Unit::Tonne),
            "m3" | "m³" | "m^3" | "kuutio" | "kuutiota" => Some(Unit::CubicMetre),
            "m2" | "m²" | "m^2" => Some(Unit::SquareMetre),
            "m" | "jm" => Some(Unit::Metre),
            "pcs" | "kpl" | "st" | "pc" | "pieces" => Some(Unit::Piece),
            _ => None,
        }
    }

    /// The symbol shown after an amount (`t`, `m³`, `kpl`).
    pub fn symbol(self) -> &'static str {
        match self {
            Unit::Kg => "kg",
            Unit::Tonne => "t",
            Unit::CubicMetre => "m³",
            Unit::SquareMetre => "m²",
            Unit::Metre => "m",
            Unit::Piece => "kpl",
        }
    }
}

/// An amount with its unit.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    /// How much, in `unit`.
    pub amount: f64,
    /// What the amount counts.
    pub unit: Unit,
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.amount, self.unit.symbol())
    }
}

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The row or value was not used.
    Error,
    /// The row or value was used, with something worth checking.
    Warning,
}

/// Declares [`Code`] with its stable ids and the list of all codes.
macro_rules! codes {
    ($($(#[doc = $doc:literal])+ $name:ident = $id:literal,)+) => {
        /// What kind of problem a [`Diagnostic`] reports, as data: user interfaces say it in
        /// their own language from this code (with the row, field, value and suggestion), so
        /// the English `message` is only for logs and the command line. The ids are stable.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum Code {
            $($(#[doc = $doc])+ #[serde(rename = $id)] $name,)+
        }

        impl Code {
            /// Every code, in declaration order.
            pub const ALL: &'static [Code] = &[$(Code::$name,)+];

            /// The stable id, e.g. `not-number`.
            pub fn id(self) -> &'static str {
                match self {
                    $(Code::$name => $id,)+
                }
            }
        }
    };
}

codes! {
    /// The chosen file could not be read as text.
    FileUnreadable = "file-unreadable",
    /// The file is not valid JSON.
    NotJson = "not-json",
    /// The file or a part of it is not the structure expected (an array, an object, a kind).
    WrongShape = "wrong-shape",
    /// A CSV quote was never closed; the row was skipped.
    UnterminatedQuote = "unterminated-quote",
    /// A row could not be read at all and was skipped or kept aside.
    RowUnreadable = "row-unreadable",
    /// A value could not be read and was ignored.
    ValueUnreadable = "value-unreadable",
    /// A key or column nobody reads; `value` is the key, `suggestion` the likely one.
    UnknownKey = "unknown-key",
    /// A required value or column is missing or empty.
    Missing = "missing",
    /// A list that needs items has none.
    Empty = "empty",
    /// `value` is not a number.
    NotNumber = "not-number",
    /// A number is outside its allowed range.
    OutOfRange = "out-of-range",
    /// `value` is not a date written YYYY-MM-DD.
    NotDate = "not-date",
    /// Two dates are in the wrong order (an end before its start).
    DateOrder = "date-order",
    /// `value` is not yes or no.
    NotYesNo = "not-yes-no",
    /// `value` is not one of the values this field allows.
    UnknownValue = "unknown-value",
    /// `value` is not a Finnish municipality (or region); distance or map point is unknown.
    UnknownMunicipality = "unknown-municipality",
    /// An answer or rule names a question that does not exist.
    UnknownQuestion = "unknown-question",
    /// `value`, an id, is used by an earlier row.
    Duplicate = "duplicate",
    /// An id holds characters other than letters, digits, `-` and `_`.
    InvalidId = "invalid-id",
    /// The file's format version is not one this reader reads.
    UnsupportedVersion = "unsupported-version",
    /// Saved data belongs to another version; what fits was kept.
    OtherVersion = "other-version",
    /// `value` is not an entry of the European List of Waste.
    NotEwcEntry = "not-ewc-entry",
    /// `value` is a chapter or sub-chapter heading of the list, not an entry.
    EwcHeading = "ewc-heading",
    /// `value` carries the hazard mark `*`, but the list's entry is not hazardous.
    EwcHazardMark = "ewc-hazard-mark",
    /// `value` is not a web (or e-mail) link.
    NotLink = "not-link",
    /// A text lacks one or more of fi/sv/en (`value` lists them).
    MissingTranslation = "missing-translation",
    /// A setting of a questionnaire, programme or factor set is inconsistent.
    InvalidSetting = "invalid-setting",
    /// The value is not allowed here (e.g. n/a where a criterion needs a score).
    NotAllowed = "not-allowed",
    /// Sought materials without a quantity were imported as 0 t.
    NoQuantity = "no-quantity",
    /// A share link has more answers than the questionnaire has questions.
    ExtraEntries = "extra-entries",
    /// An answer did not fit its question and was kept aside.
    AnswerSetAside = "answer-set-aside",
    /// Saved data is damaged; the readable part was kept.
    SavedDamaged = "saved-damaged",
    /// A figure would leave the range of computable numbers.
    TooLarge = "too-large",
    /// An item (an exchange) could not be counted.
    NotCounted = "not-counted",
    /// An item's (an exchange's) impact cannot be computed.
    ImpactUnknown = "impact-unknown",
    /// A quota's floor cannot be met.
    QuotaUnreachable = "quota-unreachable",
    /// The reviewer already scored this application on this criterion; the first is kept.
    AlreadyScored = "already-scored",
    /// Fewer reviewers could be assigned than asked for.
    ReviewersShort = "reviewers-short",
    /// A place was approximated (a region's centre stands for the site).
    Approximate = "approximate",
    /// Only the first of several values was kept.
    OnlyFirstKept = "only-first-kept",
    /// The municipality has merged into another; the new one is used.
    MunicipalityMerged = "municipality-merged",
    /// A unit does not fit where it is used (a quantity not in t or kg, an override in
    /// another unit than its factor's); `value` is the unit given.
    UnitMismatch = "unit-mismatch",
    /// `value` is neither a material category, a material nor a waste code the factors know.
    UnknownMaterial = "unknown-material",
    /// An override names a factor (`value`) the factor set does not have.
    UnknownFactor = "unknown-factor",
    /// The inputs make a result too large or too small to compute; nothing was computed.
    NotComputable = "not-computable",
    /// Any other invalid value.
    Invalid = "invalid",
}

/// A problem found in partner data: where it is and what is wrong. Good rows still import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// Whether the row or value was left out (error) or kept (warning).
    pub severity: Severity,
    /// 1-based row (CSV line or JSON array index + 1); 0 when the whole input is affected.
    pub row: usize,
    /// Field name, empty when the whole row is affected.
    pub field: String,
    /// What kind of problem it is; interfaces word it from this (see [`Code`]).
    pub code: Code,
    /// The English description, for logs and the command line.
    pub message: String,
    /// The offending value as written in the input, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// What the input probably meant (a known key, a valid code), when there is a likely one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<String>,
}

impl Diagnostic {
    /// A problem that left the row or value out.
    pub fn error(
        row: usize,
        field: impl Into<String>,
        code: Code,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            row,
            field: field.into(),
            code,
            message: message.into(),
            value: None,
            suggestion: None,
        }
    }

    /// The same diagnostic with what the input probably meant.
    #[must_use]
    pub fn with_suggestion(mut self, suggestion: impl Into<String>) -> Diagnostic {
        self.suggestion = Some(suggestion.into());
        self
    }

    /// The same diagnostic with the offending value as written.
    #[must_use]
    pub fn with_value(mut self, value: impl fmt::Display) -> Diagnostic {
        self.value = Some(value.to_string());
        self
    }

    /// A problem worth checking; the row or value was kept.
    pub fn warning(
        row: usize,
        field: impl Into<String>,
        code: Code,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(row, field, code, message)
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        match (self.row, self.field.is_empty()) {
            (0, _) => write!(f, "{level}: {}", self.message),
            (r, true) => write!(f, "{level}: row {r}: {}", self.message),
            (r, false) => write!(f, "{level}: row {r}, {}: {}", self.field, self.message),
        }
    }
}

/// What a reader of partner data returns: the value built from the good rows, plus one
/// [`Diagnostic`] per problem found on the way (nothing is dropped silently).
///
/// `#[must_use]`, so a caller cannot drop the diagnostics by accident; take them apart with
/// [`Parsed::into_parts`] or read the fields.
///
/// ```
/// use kiertokit::{Parsed, matching::parse_listings};
///
/// let csv = "id,kind,title,category,quantity,municipality\n\
///            o1,offer,Puulavoja,wood,12 t,Tampere\n\
///            o2,offer,Lautaa,wood,paljon,Tampere\n";
/// let parsed: Parsed<_> = parse_listings(csv);
/// assert!(!parsed.is_clean());
/// let (listings, diagnostics) = parsed.into_parts();
/// assert_eq!((listings.len(), diagnostics[0].row), (1, 3));
/// ```
#[must_use = "the diagnostics say which rows were skipped or changed; show or log them"]
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Parsed<T> {
    /// What could be read: the good rows, or `None`/empty when nothing could.
    pub value: T,
    /// Every problem found, in input order; empty when the input was clean.
    pub diagnostics: Vec<Diagnostic>,
}

impl<T> Parsed<T> {
    /// A value with the diagnostics found while reading it.
    pub fn new(value: T, diagnostics: Vec<Diagnostic>) -> Parsed<T> {
        Parsed { value, diagnostics }
    }

    /// The value and the diagnostics, for `let (value, diagnostics) = …` at the call site.
    pub fn into_parts(self) -> (T, Vec<Diagnostic>) {
        (self.value, self.diagnostics)
    }

    /// The same diagnostics with the value transformed (for readers built on other readers).
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Parsed<U> {
        Parsed {
            value: f(self.value),
            diagnostics: self.diagnostics,
        }
    }

    /// True when nothing was reported: no errors and no warnings.
    #[must_use]
    pub fn is_clean(&self) -> bool {
        self.diagnostics.is_empty()
    }
}

impl<T> From<(T, Vec<Diagnostic>)> for Parsed<T> {
    fn from((value, diagnostics): (T, Vec<Diagnostic>)) -> Parsed<T> {
        Parsed { value, diagnostics }
    }
}

/// Parses a decimal written with a point or a Finnish/Swedish comma, ignoring spaces.
pub fn parse_decimal(s: &str) -> Option<f64> {
    let cleaned: String = s
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    let value: f64 = cleaned.parse().ok()?;
    value.is_finite().then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lang_tags_parse_with_regions() {
        assert_eq!(Lang::from_tag("sv-FI"), Some(Lang::Sv));
        assert_eq!(Lang::from_tag("EN_gb"), Some(Lang::En));
        assert_eq!(Lang::from_tag("de"), None);
        assert_eq!(Lang::from_tag(""), None);
    }

    #[test]
    fn text_falls_back_to_another_language() {
        let t = Text {
            sv: Some("trä".into()),
            ..Text::default()
        };
        assert_eq!(t.get(Lang::En), "trä");
        assert_eq!(Text::default().get(Lang::Fi), "");
    }

    #[test]
    fn a_fallback_says_which_language_it_is_in() {
        let fi_only = Text {
            fi: Some("puu".into()),
            sv: Some("  ".into()),
            ..Text::default()
        };
        // Swedish asked, Finnish given: marked, never passed off as Swedish.
        assert_eq!(fi_only.resolve(Lang::Sv), ("puu", Lang::Fi));
        assert_eq!(fi_only.resolve(Lang::En), ("puu", Lang::Fi));
        let en_only = Text {
            en: Some("wood".into()),
            ..Text::default()
        };
        assert_eq!(en_only.resolve(Lang::Sv), ("wood", Lang::En));
        // Both there: a Swedish reader gets the English, as for the EU's list of waste.
        let fi_en = Text {
            fi: Some("puu".into()),
            en: Some("wood".into()),
            ..Text::default()
        };
        assert_eq!(fi_en.resolve(Lang::Sv), ("wood", Lang::En));
        assert_eq!(fi_en.resolve(Lang::Fi), ("puu", Lang::Fi));
        let all = Text::new("puu", "trä", "wood");
        assert_eq!(all.resolve(Lang::Sv), ("trä", Lang::Sv));
        assert_eq!(Text::default().resolve(Lang::Sv), ("", Lang::Sv));
    }

    #[test]
    fn decimals_accept_comma_and_spaces() {
        assert_eq!(parse_decimal("1 234,5"), Some(1234.5));
        assert_eq!(parse_decimal("12.25"), Some(12.25));
        assert_eq!(parse_decimal("abc"), None);
        assert_eq!(parse_decimal("NaN"), None);
        assert_eq!(parse_decimal("inf"), None);
    }

    #[test]
    fn units_parse_finnish_and_swedish_forms() {
        assert_eq!(Unit::parse("kpl"), Some(Unit::Piece));
        assert_eq!(Unit::parse("St"), Some(Unit::Piece));
        assert_eq!(Unit::parse("m³"), Some(Unit::CubicMetre));
        assert_eq!(Unit::parse("litres"), None);
    }
}
