//! Programme definitions: eligibility rules, deadline, criteria with rubrics, selection limits.

use super::time;
use crate::Code;
use crate::vocab::{Diagnostic, Parsed, Text};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// The definition format this code reads; other versions are rejected with a diagnostic.
pub const FORMAT: &str = "kiertokit.programme/1";

/// A call for applications, as data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Programme {
    /// Always [`FORMAT`].
    pub format: String,
    /// Stable id (`reilu-kiertotalous-2021`).
    pub id: String,
    /// Edition of this definition, e.g. `2021.1`; reported with every result.
    pub version: String,
    /// The call's name in fi/sv/en.
    pub name: Text,
    /// What the call is for.
    #[serde(default)]
    pub description: Text,
    /// When applications close.
    pub deadline: Deadline,
    /// Eligibility rules, checked before scoring.
    #[serde(default)]
    pub rules: Vec<Rule>,
    /// The scored criteria.
    pub criteria: Vec<Criterion>,
    /// How many applications may be selected.
    pub max_selected: usize,
    /// Whether the call states the maximum or the programme staff chose it.
    #[serde(default)]
    pub max_selected_basis: Option<Basis>,
    /// Caps and floors on the selection by region, theme or organisation type.
    #[serde(default)]
    pub quotas: Vec<Quota>,
    /// Where the published call text is, so each rule's quote can be checked against it.
    #[serde(default)]
    pub source: Option<String>,
    /// Application fields hidden from reviewers until staff unblind them: `organisation`,
    /// `businessId`, `email`, `partners`, `team`, `region` or an `answers` key.
    #[serde(default)]
    pub blind: Vec<String>,
}

/// Who set a rule, criterion, weight or limit: the published call, or the programme staff.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Basis {
    /// The call's text states it; `quote` on the rule gives the sentence.
    Call,
    /// The call does not state it: the programme staff's setting, shown as such.
    Staff,
}

/// Closing time as Helsinki wall-clock time; summer time is resolved in code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Deadline {
    /// `YYYY-MM-DDTHH:MM` in `time_zone`.
    pub local: String,
    /// The time zone of `local`; only `Europe/Helsinki` is supported.
    #[serde(default = "helsinki")]
    pub time_zone: String,
    /// What must be done by then, e.g. "application and a booked discussion".
    #[serde(default)]
    pub note: Text,
}

fn helsinki() -> String {
    "Europe/Helsinki".into()
}

impl Deadline {
    /// The deadline as a UTC timestamp.
    pub fn utc(&self) -> Result<i64, super::ScoringError> {
        if self.time_zone != "Europe/Helsinki" {
            return Err(super::ScoringError::Time(format!(
                "time zone `{}` is not supported (only Europe/Helsinki)",
                self.time_zone
            )));
        }
        time::parse_helsinki(&self.local)
    }
}

/// One eligibility rule: what is checked, its reason code and the text shown when it fails.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Rule {
    /// Stable reason code stored with decisions, e.g. `org-type`.
    pub code: String,
    /// Why the application fails this rule.
    pub text: Text,
    /// The question an applicant answers (for the applicant-side check).
    #[serde(default)]
    pub question: Text,
    /// Whether the call states this rule or the programme staff added it; `None` for own definitions.
    #[serde(default)]
    pub basis: Option<Basis>,
    /// The call's sentence this rule implements, in the call's language.
    #[serde(default)]
    pub quote: Option<String>,
    /// Where `quote` was read word for word; `None`: not yet checked against the published call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote_source: Option<QuoteSource>,
    /// What the rule checks.
    #[serde(flatten)]
    pub check: Check,
}

/// The page a rule's quote was read from and the day it was read (`YYYY-MM-DD`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QuoteSource {
    /// The page's address.
    pub url: String,
    /// The day it was read, `YYYY-MM-DD`.
    pub read: String,
}

/// What a rule checks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Check {
    /// The applicant's and every co-applicant's organisation type is in `allowed`. When the call
    /// lets others take part in the implementation, `implementation_allowed` lists their types
    /// (`*` accepts any); without it every partner counts as a co-applicant.
    #[serde(rename_all = "camelCase")]
    OrganisationType {
        /// Organisation types that may apply (`*` accepts any).
        allowed: Vec<String>,
        /// Organisation types that may take part in the implementation only.
        #[serde(default)]
        implementation_allowed: Option<Vec<String>>,
    },
    /// `answers[field]` is a date (`YYYY-MM-DD` or `D.M.YYYY`) no later than `latest`.
    #[serde(rename_all = "camelCase")]
    DateBy {
        /// The answer holding the date.
        field: String,
        /// The last date allowed, `YYYY-MM-DD`.
        latest: String,
    },
    /// Each field is answered (non-empty) in `answers`, or is a filled top-level field.
    #[serde(rename_all = "camelCase")]
    RequiredFields {
        /// The fields that must be filled.
        fields: Vec<String>,
    },
    /// At least `min_members` named members, and a named responsible person when required.
    #[serde(rename_all = "camelCase")]
    Team {
        /// Named members needed, at least.
        min_members: usize,
        /// Whether a named responsible person is needed.
        #[serde(default)]
        require_responsible: bool,
    },
    /// At least one piece of prior work from `accepted` (or any, when `allow_other`).
    #[serde(rename_all = "camelCase")]
    PriorWork {
        /// Kinds of prior work that count.
        accepted: Vec<String>,
        /// Whether any other prior work counts too.
        #[serde(default)]
        allow_other: bool,
    },
    /// Whether joint applications are allowed and how many partners they may have.
    #[serde(rename_all = "camelCase")]
    Joint {
        /// Whether joint applications are allowed.
        allowed: bool,
        /// Most partners a joint application may have.
        #[serde(default)]
        max_partners: Option<usize>,
    },
    /// A yes/no confirmation in `answers[field]` must be true.
    #[serde(rename_all = "camelCase")]
    Confirmed {
        /// The answer holding the confirmation.
        field: String,
    },
    /// The applicant's `region` (a region or a municipality, in Finnish or Swedish) lies in one
    /// of the `allowed` regions (`*` accepts any).
    #[serde(rename_all = "camelCase")]
    Region {
        /// Region names (Finnish or Swedish), or `*`.
        allowed: Vec<String>,
    },
    /// At least one of the applicant's `themes` is among the `allowed` topics (`*` accepts any).
    #[serde(rename_all = "camelCase")]
    Topic {
        /// Topic ids, or `*`.
        allowed: Vec<String>,
    },
}

/// A scored criterion with its rubric.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Criterion {
    /// Stable id, unique in the programme.
    pub id: String,
    /// The criterion's name in fi/sv/en.
    pub name: Text,
    /// What reviewers look at.
    #[serde(default)]
    pub description: Text,
    /// Relative weight in the total.
    pub weight: f64,
    /// Whether reviewers may mark the criterion "not applicable".
    #[serde(default)]
    pub allow_na: bool,
    /// Whether the call names this criterion; `None` for own definitions.
    #[serde(default)]
    pub basis: Option<Basis>,
    /// Whether the call states the weight; `None` for own definitions.
    #[serde(default)]
    pub weight_basis: Option<Basis>,
    /// Levels 0–5, each with a descriptor.
    pub levels: Vec<Level>,
}

/// One rubric level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Level {
    /// The score, 0–5.
    pub score: u8,
    /// What an application at this level looks like.
    pub descriptor: Text,
}

/// A cap and/or floor on how many selected applications share one attribute value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Quota {
    /// Stable id (said in the selection's explanation).
    pub id: String,
    /// The attribute counted.
    pub dimension: QuotaDimension,
    /// The attribute's value the quota is for.
    pub value: String,
    /// At least this many selected with the value.
    #[serde(default)]
    pub min: Option<usize>,
    /// At most this many selected with the value.
    #[serde(default)]
    pub max: Option<usize>,
    /// The quota as the call or staff state it.
    #[serde(default)]
    pub text: Text,
}

/// The application attribute a quota counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum QuotaDimension {
    /// The applicant's region.
    Region,
    /// One of the application's themes.
    Theme,
    /// The applicant's organisation type.
    OrganisationType,
}

impl Programme {
    /// The criterion with `id`.
    pub fn criterion(&self, id: &str) -> Option<&Criterion> {
        self.criteria.iter().find(|c| c.id == id)
    }

    /// Criterion indices by descending weight (definition order breaks ties): the tie-break order.
    pub fn criteria_by_weight(&self) -> Vec<usize> {
        let mut idx: Vec<usize> = (0..self.criteria.len()).collect();
        crate::sort::sort_by(&mut idx, |&a, &b| {
            self.criteria[b].weight.total_cmp(&self.criteria[a].weight)
        });
        idx
    }

    /// Checks the definition; errors make it unusable, warnings (missing translations) do not.
    pub fn validate(&self) -> Vec<Diagnostic> {
        let mut d = Vec::new();
        if self.format != FORMAT {
            d.push(Diagnostic::error(
                0,
                "format",
                Code::WrongShape,
                format!("expected `{FORMAT}`, found `{}`", self.format),
            ));
        }
        if self.id.trim().is_empty() {
            d.push(Diagnostic::error(
                0,
                "id",
                Code::Missing,
                "programme id is empty",
            ));
        }
        if self.version.trim().is_empty() {
            d.push(Diagnostic::error(
                0,
                "version",
                Code::Missing,
                "programme version is empty",
            ));
        }
        missing_langs(&mut d, "name", &self.name);
        if let Err(e) = self.deadline.utc() {
            d.push(Diagnostic::error(
                0,
                "deadline",
                Code::NotDate,
                e.to_string(),
            ));
        }
        if self.max_selected == 0 {
            d.push(Diagnostic::error(
                0,
                "maxSelected",
                Code::OutOfRange,
                "at least one application must be selectable",
            ));
        }
        let mut codes = BTreeSet::new();
        for (i, rule) in self.rules.iter().enumerate() {
            let field = format!("rules[{i}]");
            if rule.code.trim().is_empty() || !codes.insert(rule.code.as_str()) {
                d.push(
                    Diagnostic::error(
                        0,
                        &field,
                        Code::Duplicate,
                        format!("reason code `{}` is empty or repeated", rule.code),
                    )
                    .with_value(&rule.code),
                );
            }
            missing_langs(&mut d, &format!("{field}.text"), &rule.text);
            let empty = match &rule.check {
                Check::OrganisationType {
                    allowed,
                    implementation_allowed,
                } => {
                    allowed.is_empty() || implementation_allowed.as_ref().is_some_and(Vec::is_empty)
                }
                Check::DateBy { field, latest } => {
                    if super::eligibility::parse_date(latest).is_none() {
                        d.push(
                            Diagnostic::error(
                                0,
                                format!("{field}.latest"),
                                Code::NotDate,
                                format!("`{latest}` is not a date (YYYY-MM-DD)"),
                            )
                            .with_value(latest),
                        );
                    }
                    field.trim().is_empty()
                }
                Check::RequiredFields { fields } => fields.is_empty(),
                Check::PriorWork {
                    accepted,
                    allow_other,
                } => accepted.is_empty() && !allow_other,
                Check::Confirmed { field } => field.trim().is_empty(),
                Check::Region { allowed } | Check::Topic { allowed } => allowed.is_empty(),
                Check::Team { .. } | Check::Joint { .. } => false,
            };
            if empty {
                d.push(Diagnostic::error(
                    0,
                    &field,
                    Code::Empty,
                    "rule lists nothing to accept",
                ));
            }
        }
        if self.criteria.is_empty() {
            d.push(Diagnostic::error(
                0,
                "criteria",
                Code::Empty,
                "a programme needs at least one criterion",
            ));
        }
        let mut ids = BTreeSet::new();
        for (i, c) in self.criteria.iter().enumerate() {
            let field = format!("criteria[{i}]");
            if c.id.trim().is_empty() || !ids.insert(c.id.as_str()) {
                d.push(
                    Diagnostic::error(
                        0,
                        &field,
                        Code::Duplicate,
                        format!("criterion id `{}` is empty or repeated", c.id),
                    )
                    .with_value(&c.id),
                );
            }
            if !c.weight.is_finite() || c.weight <= 0.0 {
                d.push(Diagnostic::error(
                    0,
                    format!("{field}.weight"),
                    Code::OutOfRange,
                    "weight must be a positive number",
                ));
            }
            missing_langs(&mut d, &format!("{field}.name"), &c.name);
            let levels: BTreeSet<u8> = c.levels.iter().map(|l| l.score).collect();
            if levels != (0..=5).collect() || c.levels.len() != 6 {
                d.push(Diagnostic::error(
                    0,
                    format!("{field}.levels"),
                    Code::InvalidSetting,
                    "rubric needs levels 0, 1, 2, 3, 4 and 5 once each",
                ));
            }
            for l in &c.levels {
                missing_langs(
                    &mut d,
                    &format!("{field}.levels[{}]", l.score),
                    &l.descriptor,
                );
            }
        }
        let mut floors = 0;
        let mut quota_ids = BTreeSet::new();
        for (i, q) in self.quotas.iter().enumerate() {
            let field = format!("quotas[{i}]");
            if !quota_ids.insert(q.id.as_str()) {
                d.push(
                    Diagnostic::error(
                        0,
                        &field,
                        Code::Duplicate,
                        format!("quota id `{}` is repeated", q.id),
                    )
                    .with_value(&q.id),
                );
            }
            match (q.min, q.max) {
                (None, None) => d.push(Diagnostic::error(
                    0,
                    &field,
                    Code::InvalidSetting,
                    "quota needs a min, a max or both",
                )),
                (Some(lo), Some(hi)) if lo > hi => d.push(Diagnostic::error(
                    0,
                    &field,
                    Code::InvalidSetting,
                    "quota min is larger than its max",
                )),
                _ => {}
            }
            floors += q.min.unwrap_or(0);
        }
        if floors > self.max_selected {
            d.push(Diagnostic::warning(
                0,
                "quotas",
                Code::QuotaUnreachable,
                "floors add up to more than can be selected; some cannot be met",
            ));
        }
        d
    }
}

fn missing_langs(d: &mut Vec<Diagnostic>, field: &str, t: &Text) {
    let missing: Vec<&str> = [("fi", &t.fi), ("sv", &t.sv), ("en", &t.en)]
        .into_iter()
        .filter(|(_, v)| v.as_deref().is_none_or(|s| s.trim().is_empty()))
        .map(|(l, _)| l)
        .collect();
    if !missing.is_empty() {
        d.push(
            Diagnostic::warning(
                0,
                field,
                Code::MissingTranslation,
                format!("text missing in {}", missing.join(", ")),
            )
            .with_value(missing.join(", ")),
        );
    }
}

/// Parses and validates a definition. `None` when it has errors; diagnostics list every problem.
pub fn parse_programme(json: &str) -> Parsed<Option<Programme>> {
    let json = json.strip_prefix('\u{feff}').unwrap_or(json);
    match crate::strict::from_str::<Programme>(json) {
        Err(e) => Parsed::new(
            None,
            vec![Diagnostic::error(
                e.line(),
                "",
                Code::WrongShape,
                format!("not a programme definition: {e}"),
            )],
        ),
        Ok((p, unknown)) => {
            let known = crate::strict::known(&[
                crate::strict::fields_of::<Programme>(),
                crate::strict::fields_of::<Deadline>(),
                crate::strict::fields_of::<Rule>(),
                crate::strict::fields_of::<Criterion>(),
                crate::strict::fields_of::<Level>(),
                crate::strict::fields_of::<Quota>(),
            ]);
            let mut d: Vec<Diagnostic> = unknown
                .iter()
                .map(|u| crate::strict::unknown_key(0, &u.dotted(), u.key(), &known))
                .collect();
            d.extend(p.validate());
            let ok = d
                .iter()
                .all(|x| x.severity != crate::vocab::Severity::Error);
            Parsed::new(ok.then_some(p), d)
        }
    }
}

const BUILTINS: [(&str, &str); 2] = [
    (
        "reilu-kiertotalous-2021",
        include_str!("../../data/programmes/reilu-kiertotalous-2021.json"),
    ),
    (
        "hankinta-akatemia-2023",
        include_str!("../../data/programmes/hankinta-akatemia-2023.json"),
    ),
];

/// Names of the built-in programmes.
pub fn builtin_names() -> Vec<&'static str> {
    BUILTINS.iter().map(|(n, _)| *n).collect()
}

/// A built-in programme by name; `None` for unknown names.
pub fn builtin(name: &str) -> Option<Programme> {
    let (_, json) = BUILTINS.iter().find(|(n, _)| *n == name)?;
    parse_programme(json).value
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_ins_parse_without_any_diagnostic() {
        for (name, json) in BUILTINS {
            let (p, d) = parse_programme(json).into_parts();
            assert!(d.is_empty(), "{name}: {d:?}");
            assert_eq!(p.map(|p| p.id), Some(name.to_owned()));
        }
        assert!(builtin("nope").is_none());
    }

    #[test]
    fn broken_definitions_give_diagnostics_not_panics() {
        let (p, d) = parse_programme("{\"format\": 3}").into_parts();
        assert!(p.is_none() && !d.is_empty());
        let mut bad = builtin("reilu-kiertotalous-2021").expect("built in");
        bad.criteria[0].weight = -1.0;
        bad.criteria[1].levels.pop();
        bad.max_selected = 0;
        bad.deadline.local = "2021-03-28T03:30".into();
        let d = bad.validate();
        for field in [
            "criteria[0].weight",
            "criteria[1].levels",
            "maxSelected",
            "deadline",
        ] {
            assert!(d.iter().any(|x| x.field == field), "{field}: {d:?}");
        }
    }
}
