//! The questionnaire as data and the answers a respondent gives.

use crate::vocab::{Lang, Text};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A versioned self-assessment questionnaire. Build it with [`Questionnaire::from_json`] or
/// [`Questionnaire::default_builtin`] so that it has been validated.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Questionnaire {
    /// Letters, digits, `-` and `_` only: the id travels in share links.
    pub id: String,
    /// Bumped when questions, options or their order change (share links carry answers by position).
    pub version: u32,
    /// The questionnaire's title in fi/sv/en.
    pub title: Text,
    /// What the respondent reads before the first step.
    #[serde(default)]
    pub intro: Text,
    /// Maturity levels 1–5 with the lowest score of each; defaults to steps of 20.
    pub levels: Vec<LevelDef>,
    /// The themes, one step each.
    pub themes: Vec<Theme>,
    /// The questions, in the order they are asked.
    pub questions: Vec<Question>,
    /// Default link targets by link key; a partner overrides them in [`super::ScoreOptions`].
    #[serde(default)]
    pub links: BTreeMap<String, String>,
    /// Which questions hold the respondent's sector and size, for routing services.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<ProfileKeys>,
    /// Whether a theme scoring zero on real answers is a red flag (the version-1 rule).
    #[serde(default = "yes")]
    pub zero_theme_red_flags: bool,
    /// Circular business models and the question that tells how far each one has got.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub business_models: Vec<BusinessModel>,
    /// Which questions describe the respondent's main side stream, for the hand-off to the
    /// impact calculator and a listing draft.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub side_stream: Option<SideStreamKeys>,
}

/// The side-stream questions: `material` is a single choice whose option ids are taxonomy
/// categories, `quantity` a number in t/a, `pathway` a single choice whose option ids are
/// impact pathways (`landfill`, `incineration`, `recycling`, `composting`, `anaerobic_digestion`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SideStreamKeys {
    /// The single choice whose option ids are material categories.
    pub material: String,
    /// The number question holding the amount, t/a.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity: Option<String>,
    /// The single choice whose option ids are pathways.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pathway: Option<String>,
}

/// The profile questions: their option ids are the sector and size codes services match on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProfileKeys {
    /// The single choice whose option ids are sector codes.
    pub sector: String,
    /// The single choice whose option ids are size codes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<String>,
    /// A single choice whose option ids are regions (maakunta names in Finnish).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
}

/// A circular business model (Sitra's five) and its stage question (a 0–4 scale).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BusinessModel {
    /// Stable id (`sharing`, `product-as-a-service`, …).
    pub id: String,
    /// Sitra's own name in each language it has one.
    pub name: Text,
    /// The id of the 0–4 scale question that tells how far the company has got.
    pub question: String,
    /// Languages (`sv`, …) whose name is our translation because Sitra has none of its own.
    #[serde(
        default,
        rename = "ourTranslation",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub our_translation: Vec<Lang>,
    /// Where the names were checked.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
}

/// Whether a theme describes enablers (strategy, people, measurement) or outcomes (flows).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ThemeKind {
    /// Strategy, people, measurement: what makes results possible.
    Enabler,
    /// Material flows and revenue: the results themselves.
    Outcome,
}

/// What a level needs besides its score: measured outcomes, not declarations.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct LevelGate {
    /// Lowest outcome score (mean of outcome themes).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_outcome_score: Option<f64>,
    /// How many `measured` questions need a real answer (a figure, not "don't know").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_measured: Option<usize>,
    /// Answers that must hold, e.g. circular revenue at least 25 %.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub answers: Vec<Condition>,
}

/// A specific bad practice: flagged when the answer passes `when`, whatever the averages say.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RedFlagDef {
    /// Stable id, reported with the result.
    pub id: String,
    /// The answer that makes it a red flag.
    pub when: Test,
    /// What the flag says, in fi/sv/en.
    pub text: Text,
    /// Key into the link-target map.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
}

/// One maturity level and the lowest theme or overall score that reaches it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LevelDef {
    /// The level, 1–5.
    pub level: u8,
    /// The lowest score (0–100) that reaches it.
    pub min_score: f64,
    /// The level's name in fi/sv/en.
    pub name: Text,
    /// What the level means.
    #[serde(default)]
    pub description: Text,
    /// Conditions besides the score; a level whose gate fails is not reached.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requires: Option<LevelGate>,
}

/// A group of questions scored together.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Theme {
    /// Stable id.
    pub id: String,
    /// The theme's title in fi/sv/en.
    pub title: Text,
    /// What the theme covers.
    #[serde(default)]
    pub description: Text,
    /// Relative weight in the overall score.
    #[serde(default = "one")]
    pub weight: f64,
    /// Advice by the level the theme reaches.
    #[serde(default)]
    pub recommendations: Vec<ThemeRecommendation>,
    /// Enabler or outcome; a theme without one counts in the overall score only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<ThemeKind>,
}

/// Advice shown when a theme sits at one of `levels`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ThemeRecommendation {
    /// Stable id.
    pub id: String,
    /// The theme levels (1–5) it is shown at.
    pub levels: Vec<u8>,
    /// The advice in fi/sv/en.
    pub text: Text,
    /// Key into the link-target map (e.g. `materiaalitori`, `motiva-audit`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
}

/// How a question is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum QuestionKind {
    /// One option id.
    Single,
    /// Any number of option ids; points add up to `maxPoints`.
    Multiple,
    /// 0–4; the value is the points.
    Scale,
    /// `yes` / `no` (and `dontKnow`, like every kind).
    YesNo,
    /// A number with a unit, scored by bands.
    Number,
}

/// One question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Question {
    /// Stable id: answers, share links and saves refer to it.
    pub id: String,
    /// The id of the theme it belongs to.
    pub theme: String,
    /// How it is answered.
    pub kind: QuestionKind,
    /// The question in fi/sv/en.
    pub text: Text,
    /// Help shown under the question.
    #[serde(default, skip_serializing_if = "is_blank")]
    pub help: Text,
    /// Relative weight within its theme.
    #[serde(default = "one")]
    pub weight: f64,
    /// Choices of `single` and `multiple` questions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<Choice>,
    /// Cap for `multiple`; defaults to the sum of the option points.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_points: Option<f64>,
    /// Labels for scale values 0–4 (five, or none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scale_labels: Vec<Text>,
    /// Points of `yesNo` answers; defaults to yes 1, no 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub points: Option<YesNoPoints>,
    /// Unit of a `number` question, e.g. `%` or `MWh/a`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Scoring bands of a `number` question; the first that holds the value counts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bands: Vec<Band>,
    /// Shown only when an earlier answer meets this condition.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub show_if: Option<Condition>,
    /// Whether the widget offers "don't know" (always accepted by the engine).
    #[serde(default = "yes")]
    pub dont_know: bool,
    /// Advice by answer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub recommendations: Vec<AnswerRecommendation>,
    /// Whether "not applicable" is accepted; it takes the question out of the denominator.
    #[serde(default, skip_serializing_if = "is_false")]
    pub not_applicable: bool,
    /// Part of the quick check (about five minutes) that gives a provisional result.
    #[serde(default, skip_serializing_if = "is_false")]
    pub quick: bool,
    /// A measured result (a figure): counts towards a level's `minMeasured`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub measured: bool,
    /// Where to find the figure when the answer is "don't know".
    #[serde(default, skip_serializing_if = "is_blank")]
    pub find_out: Text,
    /// The action, in the imperative, that the best answer to this question stands for.
    #[serde(default, skip_serializing_if = "is_blank")]
    pub action: Text,
    /// Bad practices the answer may reveal.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub red_flags: Vec<RedFlagDef>,
}

/// An option of a choice question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Choice {
    /// Stable id, what answers carry.
    pub id: String,
    /// The option's text in fi/sv/en.
    pub text: Text,
    /// NaN when missing in the JSON, so loading can report it instead of failing the question.
    #[serde(default = "missing")]
    pub points: f64,
}

/// Points of the two answers of a yes/no question.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct YesNoPoints {
    /// Points for yes.
    pub yes: f64,
    /// Points for no.
    pub no: f64,
}

/// A scoring band `min <= value < max` of a numeric question (open ends when absent).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Band {
    /// Lowest value in the band (inclusive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    /// Highest value (exclusive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// Points for a value in the band.
    #[serde(default = "missing")]
    pub points: f64,
    /// The band's name where the generated range ("5–15 %") would not say it.
    #[serde(default, skip_serializing_if = "is_blank")]
    pub label: Text,
}

impl Band {
    /// Whether `v` is in the band.
    pub fn contains(&self, v: f64) -> bool {
        self.min.is_none_or(|m| v >= m) && self.max.is_none_or(|m| v < m)
    }

    /// The number an answer "in this band" stores when the band is chosen instead of typed:
    /// the middle of a closed band, the lower end of an open-topped one, half the upper end of
    /// one open below. Scoring reads only the band, so the score is the band's.
    pub fn representative(&self) -> f64 {
        match (self.min, self.max) {
            (Some(min), Some(max)) => min + (max - min) / 2.0,
            (Some(min), None) => min,
            (None, Some(max)) if max > 0.0 => max / 2.0,
            (None, Some(max)) => max - 1.0,
            (None, None) => 0.0,
        }
    }
}

impl Question {
    /// The first band that contains `v`, the one that scores it.
    pub fn band_of(&self, v: f64) -> Option<usize> {
        self.bands.iter().position(|b| b.contains(v))
    }

    /// Whether the figure is asked as a choice of its scoring bands (an estimate is enough and
    /// a range is quicker to pick than a figure to type): a numeric question with two or more
    /// bands, each of which scores its own representative.
    pub fn asked_as_ranges(&self) -> bool {
        self.kind == QuestionKind::Number
            && self.bands.len() >= 2
            && self.bands.iter().enumerate().all(|(i, b)| {
                let r = b.representative();
                r.is_finite() && self.band_of(r) == Some(i)
            })
    }
}

/// A test on one answer; every test that is present must hold.
///
/// `equals`: the option id (for `multiple`: one of the selected), `yes`/`no`/`dontKnow`, or the
/// number as text. `atLeast`/`atMost`: the scale value, the number, or the points of the choice.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Test {
    /// The option id, `yes`/`no`/`dontKnow`, or the number as text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub equals: Option<String>,
    /// One of these.
    #[serde(default, rename = "in", skip_serializing_if = "Option::is_none")]
    pub in_: Option<Vec<String>>,
    /// At least this value (scale value, number or the choice's points).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_least: Option<f64>,
    /// At most this value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_most: Option<f64>,
}

impl Test {
    pub(crate) fn is_empty(&self) -> bool {
        self.equals.is_none()
            && self.in_.is_none()
            && self.at_least.is_none()
            && self.at_most.is_none()
    }
}

/// Shows a question when an earlier question's answer passes `test`,
/// e.g. `{"question": "q3", "equals": "yes"}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Condition {
    /// The earlier question's id.
    pub question: String,
    /// What its answer must pass.
    #[serde(flatten)]
    pub test: Test,
}

/// Advice shown when this question's answer passes `when`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnswerRecommendation {
    /// Stable id, reported with the result.
    pub id: String,
    /// The answer that brings the advice.
    pub when: Test,
    /// The advice in fi/sv/en.
    pub text: Text,
    /// Key into the link-target map.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
}

/// One answer as JSON carries it: an option id, `yes`/`no`/`dontKnow`, a list of option ids, or a
/// number (scale value or numeric answer). Its meaning comes from the question's kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Answer {
    /// A scale value or a number.
    Number(f64),
    /// An option id, `yes`, `no`, `dontKnow` or `notApplicable`.
    Text(String),
    /// The option ids of a multiple choice.
    List(Vec<String>),
}

impl Answer {
    /// The answer choosing option `id`.
    pub fn option(id: &str) -> Answer {
        Answer::Text(id.to_owned())
    }
    /// The answer choosing these options of a multiple choice.
    pub fn options<S: AsRef<str>>(ids: &[S]) -> Answer {
        Answer::List(ids.iter().map(|s| s.as_ref().to_owned()).collect())
    }
    /// Yes.
    pub fn yes() -> Answer {
        Answer::Text(YES.to_owned())
    }
    /// No.
    pub fn no() -> Answer {
        Answer::Text(NO.to_owned())
    }
    /// Don't know: a data gap, never counted as inaction.
    pub fn dont_know() -> Answer {
        Answer::Text(DONT_KNOW.to_owned())
    }
    /// Not applicable: leaves the score's denominator.
    pub fn not_applicable() -> Answer {
        Answer::Text(NOT_APPLICABLE.to_owned())
    }
    /// A number (a scale value or a figure).
    pub fn number(value: f64) -> Answer {
        Answer::Number(value)
    }
}

/// Answers by question id; a `BTreeMap` so that output order is stable.
pub type Answers = BTreeMap<String, Answer>;

pub(crate) const YES: &str = "yes";
pub(crate) const NO: &str = "no";
pub(crate) const DONT_KNOW: &str = "dontKnow";
pub(crate) const NOT_APPLICABLE: &str = "notApplicable";

fn one() -> f64 {
    1.0
}
fn yes() -> bool {
    true
}
fn missing() -> f64 {
    f64::NAN
}
fn is_false(b: &bool) -> bool {
    !*b
}
fn is_blank(t: &Text) -> bool {
    t.fi.is_none() && t.sv.is_none() && t.en.is_none()
}
