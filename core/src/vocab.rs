//! Shared vocabulary used by every engine: languages, quantities and diagnostics.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A user-interface and content language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Fi,
    Sv,
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
    pub fi: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sv: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
}

impl Text {
    pub fn new(fi: &str, sv: &str, en: &str) -> Text {
        Text {
            fi: Some(fi.to_owned()),
            sv: Some(sv.to_owned()),
            en: Some(en.to_owned()),
        }
    }

    /// The text in `lang`, falling back to Finnish, Swedish, English, then "".
    pub fn get(&self, lang: Lang) -> &str {
        let wanted = match lang {
            Lang::Fi => &self.fi,
            Lang::Sv => &self.sv,
            Lang::En => &self.en,
        };
        wanted
            .as_deref()
            .or(self.fi.as_deref())
            .or(self.sv.as_deref())
            .or(self.en.as_deref())
            .unwrap_or("")
    }
}

/// Units of quantity accepted in listings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Unit {
    #[serde(rename = "kg")]
    Kg,
    #[serde(rename = "t")]
    Tonne,
    #[serde(rename = "m3", alias = "m³")]
    CubicMetre,
    #[serde(rename = "m2", alias = "m²")]
    SquareMetre,
    #[serde(rename = "m")]
    Metre,
    #[serde(rename = "pcs", alias = "kpl", alias = "st")]
    Piece,
}

impl Unit {
    /// Parses the written forms partners use (`kg`, `t`, `tn`, `m3`, `m³`, `kpl`, `st`, `pcs`).
    pub fn parse(s: &str) -> Option<Unit> {
        match s.trim().to_lowercase().as_str() {
            "kg" => Some(Unit::Kg),
            "t" | "tn" | "tonni" | "tonnia" | "ton" | "tonne" | "tonnes" => Some(Unit::Tonne),
            "m3" | "m³" | "m^3" | "kuutio" | "kuutiota" => Some(Unit::CubicMetre),
            "m2" | "m²" | "m^2" => Some(Unit::SquareMetre),
            "m" | "jm" => Some(Unit::Metre),
            "pcs" | "kpl" | "st" | "pc" | "pieces" => Some(Unit::Piece),
            _ => None,
        }
    }

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
    pub amount: f64,
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
    Error,
    Warning,
}

/// A problem found in partner data: where it is and what is wrong. Good rows still import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// 1-based row (CSV line or JSON array index + 1); 0 when the whole input is affected.
    pub row: usize,
    /// Field name, empty when the whole row is affected.
    pub field: String,
    pub message: String,
    /// What the input probably meant (a known key, a valid code), when there is a likely one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<String>,
}

impl Diagnostic {
    pub fn error(row: usize, field: impl Into<String>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            row,
            field: field.into(),
            message: message.into(),
            suggestion: None,
        }
    }

    /// The same diagnostic with what the input probably meant.
    #[must_use]
    pub fn with_suggestion(mut self, suggestion: impl Into<String>) -> Diagnostic {
        self.suggestion = Some(suggestion.into());
        self
    }

    pub fn warning(row: usize, field: impl Into<String>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(row, field, message)
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
