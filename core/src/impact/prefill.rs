//! The impact calculator's pre-fill: a URL fragment another page links to (the
//! self-assessment's hand-off), `#kt-impact:material=wood&quantity=12.5&unit=t&baseline=landfill`.
//! The fragment comes from any link, so it is read like untrusted input: unknown keys and bad
//! values become diagnostics and leave their field unset; reading never fails.

use super::factors::{Factors, Pathway};
use crate::Code;
use crate::strict::{closest, unknown_key};
use crate::vocab::{Diagnostic, Parsed, Unit, parse_decimal};
use serde::{Deserialize, Serialize};

/// What starts a pre-fill fragment; any other fragment belongs to someone else.
pub const PREFILL_PREFIX: &str = "#kt-impact:";
/// Longest fragment read; a longer one is refused whole (no one links that much by hand).
pub const PREFILL_MAX_LEN: usize = 2_000;
/// The keys a pre-fill may carry.
pub const PREFILL_KEYS: [&str; 5] = ["material", "quantity", "unit", "baseline", "alternative"];

/// Values for the calculator's fields; `None` leaves the field as it was.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefill {
    /// A material or category id of the factor set (`wood`, `desktop_computers`, …).
    pub material: Option<String>,
    /// A quantity ≥ 0 in `unit`.
    pub quantity: Option<f64>,
    /// `t` or `kg`: the calculator takes masses only.
    pub unit: Option<Unit>,
    /// The current pathway.
    pub baseline: Option<Pathway>,
    /// The pathway to compare with.
    pub alternative: Option<Pathway>,
}

impl Prefill {
    /// The fragment that carries these values, `#kt-impact:` followed by `key=value` pairs
    /// joined with `&` in [`PREFILL_KEYS`] order; values are ids and plain numbers.
    pub fn to_fragment(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        if let Some(m) = &self.material {
            parts.push(format!("material={m}"));
        }
        if let Some(q) = self.quantity.filter(|q| q.is_finite() && *q >= 0.0) {
            parts.push(format!("quantity={q}"));
        }
        if let Some(u) = self.unit {
            parts.push(format!("unit={}", u.symbol()));
        }
        if let Some(p) = self.baseline {
            parts.push(format!("baseline={}", p.id()));
        }
        if let Some(p) = self.alternative {
            parts.push(format!("alternative={}", p.id()));
        }
        format!("{PREFILL_PREFIX}{}", parts.join("&"))
    }

    /// Whether nothing would be filled in.
    pub fn is_empty(&self) -> bool {
        *self == Prefill::default()
    }
}

/// Reads a pre-fill fragment (with or without the leading `#`). `None` when the fragment is not
/// a pre-fill; otherwise the values that passed and a diagnostic (row 0, field = the key) for
/// each one that did not. Materials are checked against `factors`.
pub fn read_prefill(fragment: &str, factors: &Factors) -> Option<Parsed<Prefill>> {
    let body = fragment
        .strip_prefix(PREFILL_PREFIX)
        .or_else(|| fragment.strip_prefix(&PREFILL_PREFIX[1..]))?;
    let mut out = Prefill::default();
    let mut diags = Vec::new();
    if fragment.len() > PREFILL_MAX_LEN {
        diags.push(Diagnostic::error(
            0,
            "",
            Code::ValueUnreadable,
            format!(
                "pre-fill is {} characters long, more than {PREFILL_MAX_LEN}; nothing was filled in",
                fragment.len()
            ),
        ));
        return Some(Parsed::new(out, diags));
    }
    let known_materials = materials(factors);
    let mut seen: Vec<&str> = Vec::new();
    for pair in body.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        if !PREFILL_KEYS.contains(&key) {
            diags.push(unknown_key(0, key, key, &PREFILL_KEYS));
            continue;
        }
        if seen.contains(&key) {
            diags.push(
                Diagnostic::warning(
                    0,
                    key,
                    Code::Duplicate,
                    format!("`{key}` given twice; the first value was kept"),
                )
                .with_value(key),
            );
            continue;
        }
        seen.push(key);
        // Ids and numbers only: anything else (markup, escapes) is refused, never shown raw.
        let plain = !value.is_empty()
            && value.len() <= 64
            && value
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | ','));
        if !plain {
            diags.push(
                Diagnostic::error(
                    0,
                    key,
                    Code::ValueUnreadable,
                    format!("`{key}` needs a plain value (letters, digits, `_`, `-`, `.`, `,`)"),
                )
                .with_value(value),
            );
            continue;
        }
        match key {
            "material" => {
                if known_materials.iter().any(|m| m == value) {
                    out.material = Some(value.to_owned());
                } else {
                    let names: Vec<&str> = known_materials.iter().map(String::as_str).collect();
                    let d = Diagnostic::error(
                        0,
                        key,
                        Code::UnknownValue,
                        format!("unknown material `{value}`; the calculator has no factors for it"),
                    )
                    .with_value(value);
                    diags.push(match closest(value, &names) {
                        Some(best) => d.with_suggestion(best),
                        None => d,
                    });
                }
            }
            "quantity" => match parse_decimal(value).filter(|v| v.is_finite()) {
                Some(v) if v >= 0.0 => out.quantity = Some(v),
                Some(_) => diags.push(
                    Diagnostic::error(0, key, Code::OutOfRange, "quantity must not be negative")
                        .with_value(value),
                ),
                None => diags.push(
                    Diagnostic::error(
                        0,
                        key,
                        Code::NotNumber,
                        format!("`{value}` is not a number"),
                    )
                    .with_value(value),
                ),
            },
            "unit" => match Unit::parse(value) {
                Some(u @ (Unit::Tonne | Unit::Kg)) => out.unit = Some(u),
                Some(_) => diags.push(
                    Diagnostic::error(
                        0,
                        key,
                        Code::NotAllowed,
                        format!("unit `{value}` is not a mass; the calculator takes t or kg"),
                    )
                    .with_value(value)
                    .with_suggestion("t"),
                ),
                None => diags.push(
                    Diagnostic::error(
                        0,
                        key,
                        Code::UnknownValue,
                        format!("unknown unit `{value}`"),
                    )
                    .with_value(value)
                    .with_suggestion("t"),
                ),
            },
            _ => {
                let ids: Vec<&str> = Pathway::ALL.iter().map(|p| p.id()).collect();
                match Pathway::ALL.into_iter().find(|p| p.id() == value) {
                    Some(p) if key == "baseline" => out.baseline = Some(p),
                    Some(p) => out.alternative = Some(p),
                    None => {
                        let d = Diagnostic::error(
                            0,
                            key,
                            Code::UnknownValue,
                            format!("unknown pathway `{value}`"),
                        )
                        .with_value(value);
                        diags.push(match closest(value, &ids) {
                            Some(best) => d.with_suggestion(best),
                            None => d,
                        });
                    }
                }
            }
        }
    }
    if out.baseline.is_some() && out.baseline == out.alternative {
        out.alternative = None;
        diags.push(Diagnostic::warning(
            0,
            "alternative",
            Code::NotAllowed,
            "the alternative is the same pathway as the baseline; it was left out",
        ));
    }
    Some(Parsed::new(out, diags))
}

/// Every id the calculator offers: categories with factors and their materials.
fn materials(factors: &Factors) -> Vec<String> {
    let mut ids: Vec<String> = factors
        .categories()
        .into_iter()
        .map(|c| c.category)
        .collect();
    for m in &factors.data().materials {
        if ids.contains(&m.category) && !ids.contains(&m.id) {
            ids.push(m.id.clone());
        }
    }
    ids
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::Severity;

    fn factors() -> &'static Factors {
        Factors::builtin().expect("shipped factors")
    }

    #[test]
    fn a_fragment_round_trips() {
        let p = Prefill {
            material: Some("wood".into()),
            quantity: Some(12.5),
            unit: Some(Unit::Tonne),
            baseline: Some(Pathway::Landfill),
            alternative: Some(Pathway::Recycling),
        };
        let f = p.to_fragment();
        assert_eq!(
            f,
            "#kt-impact:material=wood&quantity=12.5&unit=t&baseline=landfill&alternative=recycling"
        );
        assert_eq!(
            read_prefill(&f, factors()),
            Some(Parsed::new(p, Vec::new()))
        );
    }

    #[test]
    fn other_fragments_are_not_read() {
        assert_eq!(read_prefill("#kt-sa=1.x", factors()), None);
        assert_eq!(read_prefill("", factors()), None);
    }

    #[test]
    fn unknown_keys_and_bad_values_are_diagnostics_and_the_rest_is_kept() {
        let (p, d) = read_prefill(
            "#kt-impact:materail=wood&material=wod&quantity=-3&unit=m3&baseline=landfil&alternative=recycling&quantity=5",
            factors(),
        )
        .expect("a pre-fill").into_parts();
        assert_eq!(p.alternative, Some(Pathway::Recycling));
        assert_eq!(
            (p.material, p.quantity, p.unit, p.baseline),
            (None, None, None, None)
        );
        let fields: Vec<&str> = d.iter().map(|x| x.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "materail", "material", "quantity", "unit", "baseline", "quantity"
            ]
        );
        assert_eq!(d[0].suggestion.as_deref(), Some("material"));
        assert_eq!(d[1].suggestion.as_deref(), Some("wood"));
        assert_eq!(d[4].suggestion.as_deref(), Some("landfill"));
        assert!(d[2..5].iter().all(|x| x.severity == Severity::Error));
    }

    #[test]
    fn markup_and_overlong_fragments_fill_nothing() {
        let (p, d) = read_prefill("kt-impact:material=<script>&quantity=1,5", factors())
            .expect("a pre-fill without #")
            .into_parts();
        assert_eq!(p.material, None);
        assert_eq!(p.quantity, Some(1.5));
        assert_eq!(d.len(), 1);
        let long = format!("#kt-impact:material={}", "a".repeat(PREFILL_MAX_LEN));
        let (p, d) = read_prefill(&long, factors())
            .expect("a pre-fill")
            .into_parts();
        assert!(p.is_empty());
        assert_eq!(d.len(), 1);
    }

    #[test]
    fn the_same_pathway_twice_keeps_the_baseline() {
        let (p, d) = read_prefill(
            "#kt-impact:baseline=recycling&alternative=recycling",
            factors(),
        )
        .expect("a pre-fill")
        .into_parts();
        assert_eq!(
            (p.baseline, p.alternative),
            (Some(Pathway::Recycling), None)
        );
        assert_eq!(d.len(), 1);
    }
}
