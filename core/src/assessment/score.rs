//! Scoring: theme and overall scores, maturity levels, completeness, red flags, weakest themes,
//! recommendations, what-if and comparison.

use super::answer::{Given, earned, interpret, max_points, passes};
use super::model::{Answer, Answers, Question, QuestionKind, Questionnaire, ThemeKind};
use super::services::{ServiceRef, Services, region_name};
use crate::Code;
use crate::vocab::{Diagnostic, Text};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Knobs of [`score_with`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ScoreOptions {
    /// Link targets by link key; override the questionnaire's own `links`.
    pub links: BTreeMap<String, String>,
    /// How many weakest themes to report.
    pub weakest: usize,
    /// Highest overall level while any theme has a red flag, so an average cannot hide a zero.
    pub red_flag_level_cap: u8,
    /// The respondent's region (maakunta in Finnish), for services that serve one region.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// How many actions the plan lists.
    pub actions: usize,
}

impl Default for ScoreOptions {
    fn default() -> Self {
        ScoreOptions {
            links: BTreeMap::new(),
            weakest: 3,
            red_flag_level_cap: 3,
            region: None,
            actions: 3,
        }
    }
}

/// Which questionnaire a result or a saved set of answers belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct QuestionnaireRef {
    /// The questionnaire's id.
    pub id: String,
    /// Its version.
    pub version: u32,
}

/// A maturity level and its name.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Level {
    /// The level, 1–5.
    pub level: u8,
    /// Its name in fi/sv/en.
    pub name: Text,
}

/// The result of one self-assessment. Scores are 0–100 rounded to 0.1; `None` when nothing
/// scored was answered.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Assessment {
    /// The questionnaire the result is for.
    pub questionnaire: QuestionnaireRef,
    /// Overall score, 0–100.
    pub overall: Option<f64>,
    /// The maturity level reached (after the gates and red flags).
    pub level: Option<Level>,
    /// True when red flags lowered `level` below what `overall` alone would give.
    pub level_capped: bool,
    /// How much was answered.
    pub completeness: Completeness,
    /// Each theme's result, in questionnaire order.
    pub themes: Vec<ThemeResult>,
    /// Ids of the red flags: bad practices (`practiceFlags`) and, where the questionnaire
    /// keeps the version-1 rule, themes that score zero on real answers.
    pub red_flags: Vec<String>,
    /// The weakest themes and what would raise them.
    pub weakest: Vec<Weakness>,
    /// Advice by theme level and by answer, with resolved links.
    pub recommendations: Vec<Recommendation>,
    /// Answers that were ignored (unknown question, unknown option, wrong type).
    pub diagnostics: Vec<Diagnostic>,
    /// Mean of the enabler themes (strategy, people, measurement); `None` without any.
    pub enabler_score: Option<f64>,
    /// Mean of the outcome themes (material flows, product life, circular revenue).
    pub outcome_score: Option<f64>,
    /// Why the level is below what the score alone reaches; `None` when nothing held it back.
    pub level_gate: Option<GateReport>,
    /// Specific bad practices found in the answers.
    pub practice_flags: Vec<PracticeFlag>,
    /// "Don't know" answers: figures to find out, not inaction.
    pub data_gaps: Vec<DataGap>,
    /// True when at least half of the answers are "don't know": the result says little yet.
    pub insufficient_data: bool,
    /// True while visible questions are unanswered (e.g. after the quick check).
    pub provisional: bool,
    /// The answers to the profile questions.
    pub profile: Profile,
    /// The circular business models and how far each has got, closest first.
    pub business_models: Vec<ModelFit>,
    /// The changes that would raise the level (then the score) the most, best first.
    pub actions: Vec<Action>,
}

/// The respondent's profile as answered (option ids of the profile questions).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Profile {
    /// The sector code answered.
    pub sector: Option<String>,
    /// The size code answered.
    pub size: Option<String>,
    /// The region services were picked for (maakunta in Finnish), when one is known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Where `region` came from: `profile` (the respondent's answer) or `page` (the partner's
    /// `ScoreOptions.region`, e.g. `data-kt-region`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region_source: Option<String>,
}

/// What kept the level below the score's own level.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct GateReport {
    /// The level the overall score alone reaches.
    pub score_level: u8,
    /// The first level whose gate failed.
    pub blocked_level: u8,
    /// The conditions that failed.
    pub reasons: Vec<GateReason>,
}

/// One unmet condition of a level.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct GateReason {
    /// `outcomeScore`, `measured` or `answer`.
    pub kind: String,
    /// What the condition needs.
    pub needed: Option<f64>,
    /// What the answers give.
    pub actual: Option<f64>,
    /// The question of an `answer` condition.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
}

/// A bad practice found in an answer.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PracticeFlag {
    /// The flag's id.
    pub id: String,
    /// The question whose answer raised it.
    pub question: String,
    /// That question's theme.
    pub theme: String,
    /// What the flag says, in fi/sv/en.
    pub text: Text,
    /// The link target's address, when the flag has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The registry entry behind the link.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service: Option<ServiceRef>,
}

/// A question answered "don't know" and how to find the figure.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DataGap {
    /// The question answered "don't know".
    pub question: String,
    /// Its theme.
    pub theme: String,
    /// The question in fi/sv/en.
    pub text: Text,
    /// Where to find the figure.
    pub find_out: Text,
}

/// A circular business model and its stage 0–4 (`None`: not answered or not applicable).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ModelFit {
    /// The model's id.
    pub id: String,
    /// Sitra's name for it in fi/sv/en.
    pub name: Text,
    /// Languages whose `name` is our translation, not Sitra's own name.
    #[serde(rename = "ourTranslation", skip_serializing_if = "Vec::is_empty")]
    pub our_translation: Vec<crate::vocab::Lang>,
    /// How far the company has got, 0–4.
    pub stage: Option<u8>,
    /// The model(s) furthest along (stage 1 or more).
    pub closest: bool,
}

/// One step of the action plan: the best answer to one question and what it would do.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Action {
    /// The question to change.
    pub question: String,
    /// Its theme.
    pub theme: String,
    /// The action in the imperative (the question text when the questionnaire has none).
    pub text: Text,
    /// The answer the what-if assumed.
    pub answer: Option<Answer>,
    /// The overall score with that answer.
    pub overall_after: Option<f64>,
    /// The level with that answer.
    pub level_after: Option<Level>,
    /// Overall score points gained.
    pub gain: f64,
    /// Advice and service for this step, when the questionnaire has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recommendation: Option<Recommendation>,
}

/// How much of the visible questionnaire has been answered.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Completeness {
    /// Questions shown for these answers.
    pub visible: usize,
    /// Real answers, "don't know" excluded.
    pub answered: usize,
    /// "Don't know" answers.
    pub dont_know: usize,
    /// Visible questions without an answer.
    pub unanswered: usize,
    /// "Not applicable" answers: out of the score, counted as done for progress.
    pub not_applicable: usize,
    /// `answered / visible`, 0–1.
    pub share: f64,
    /// `dontKnow / visible`, 0–1.
    pub dont_know_share: f64,
    /// `(answered + dontKnow + notApplicable) / visible`, for a progress bar.
    pub progress: f64,
}

/// One theme's result.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ThemeResult {
    /// The theme's id.
    pub id: String,
    /// Its title in fi/sv/en.
    pub title: Text,
    /// Its weight in the overall score.
    pub weight: f64,
    /// Its score, 0–100 (`None` when nothing scored was answered).
    pub score: Option<f64>,
    /// The level the score reaches.
    pub level: Option<Level>,
    /// Questions shown.
    pub visible: usize,
    /// Real answers ("don't know" excluded).
    pub answered: usize,
    /// "Don't know" answers.
    pub dont_know: usize,
    /// Questions without an answer.
    pub unanswered: usize,
    /// "Not applicable" answers.
    pub not_applicable: usize,
    /// Whether the theme raised a red flag.
    pub red_flag: bool,
}

/// A weak theme and what to do next.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Weakness {
    /// The theme's id.
    pub theme: String,
    /// Its title in fi/sv/en.
    pub title: Text,
    /// Its score, 0–100.
    pub score: f64,
    /// Its level.
    pub level: Level,
    /// The next level up, if any.
    pub next_level: Option<Level>,
    /// Score points still missing to reach `nextLevel`.
    pub points_to_next_level: Option<f64>,
    /// The advice for the theme's level.
    pub next_step: Option<Recommendation>,
    /// The visible question whose best answer would raise this theme the most.
    pub biggest_gain: Option<Gain>,
}

/// What the best answer to one question would add to its theme's score.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Gain {
    /// The question.
    pub question: String,
    /// The question in fi/sv/en.
    pub text: Text,
    /// Theme score points gained.
    pub gain: f64,
}

/// Where a recommendation came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Source {
    /// Advice for the level a theme reaches.
    #[default]
    ThemeLevel,
    /// Advice for one answer.
    Answer,
}

/// A piece of advice with its resolved link.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Recommendation {
    /// The advice's id.
    pub id: String,
    /// The theme it belongs to.
    pub theme: String,
    /// Whether it came from a theme level or an answer.
    pub source: Source,
    /// The question, for advice given on an answer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
    /// The advice in fi/sv/en.
    pub text: Text,
    /// Key into the link-target map.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    /// The link's address (the partner's, the questionnaire's or the registry's).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The registry entry behind `link`, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service: Option<ServiceRef>,
}

/// A before/after pair of numbers.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Delta {
    /// The earlier value.
    pub before: Option<f64>,
    /// The later value.
    pub after: Option<f64>,
    /// Later minus earlier, when both exist.
    pub delta: Option<f64>,
}

/// One theme in a comparison.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ThemeDelta {
    /// The theme's id.
    pub theme: String,
    /// Its title in fi/sv/en.
    pub title: Text,
    /// Earlier score.
    pub before: Option<f64>,
    /// Later score.
    pub after: Option<f64>,
    /// Later minus earlier.
    pub delta: Option<f64>,
    /// Earlier level.
    pub level_before: Option<u8>,
    /// Later level.
    pub level_after: Option<u8>,
}

/// Differences between an earlier and a later assessment.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Comparison {
    /// False when the two results come from different questionnaires or versions.
    pub same_questionnaire: bool,
    /// Overall score before and after.
    pub overall: Delta,
    /// Earlier level.
    pub level_before: Option<u8>,
    /// Later level.
    pub level_after: Option<u8>,
    /// Change in `completeness.share`, in percentage points.
    pub completeness: Delta,
    /// Each theme's change.
    pub themes: Vec<ThemeDelta>,
    /// Red flags in the earlier result that are gone.
    pub red_flags_resolved: Vec<String>,
    /// Red flags that are new.
    pub red_flags_new: Vec<String>,
}

/// The result of changing one answer.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct WhatIf {
    /// The assessment with the changed answer.
    pub assessment: Assessment,
    /// Its differences from the assessment before.
    pub deltas: Comparison,
}

/// Answers checked and visibility decided, in question order.
pub(crate) struct Evaluated {
    pub(crate) given: Vec<Option<Given>>,
    pub(crate) visible: Vec<bool>,
    pub(crate) diagnostics: Vec<Diagnostic>,
}

pub(crate) fn evaluate(q: &Questionnaire, answers: &Answers) -> Evaluated {
    let mut diagnostics = Vec::new();
    for id in answers.keys() {
        if !q.questions.iter().any(|x| &x.id == id) {
            diagnostics.push(
                Diagnostic::warning(
                    0,
                    id.clone(),
                    Code::UnknownQuestion,
                    format!("answer to unknown question `{id}` ignored"),
                )
                .with_value(id),
            );
        }
    }
    let mut given = Vec::with_capacity(q.questions.len());
    let mut visible = Vec::with_capacity(q.questions.len());
    for (i, question) in q.questions.iter().enumerate() {
        let g = answers
            .get(&question.id)
            .and_then(|a| match interpret(question, a) {
                Ok(g) => Some(g),
                Err(e) => {
                    diagnostics.push(Diagnostic::warning(
                        i + 1,
                        question.id.clone(),
                        Code::AnswerSetAside,
                        format!("answer ignored: {e}"),
                    ));
                    None
                }
            });
        // Conditions only look back, so the target's visibility is already known.
        let shown = question.show_if.as_ref().is_none_or(|c| {
            q.questions[..i]
                .iter()
                .position(|t| t.id == c.question)
                .is_some_and(|t| {
                    visible[t]
                        && given
                            .get(t)
                            .and_then(Option::as_ref)
                            .is_some_and(|g| passes(&q.questions[t], g, &c.test))
                })
        });
        given.push(g);
        visible.push(shown);
    }
    Evaluated {
        given,
        visible,
        diagnostics,
    }
}

/// The questions to show for `answers`, in order; hidden conditional questions are left out.
pub fn visible_questions<'q>(q: &'q Questionnaire, answers: &Answers) -> Vec<&'q Question> {
    let e = evaluate(q, answers);
    q.questions
        .iter()
        .zip(e.visible)
        .filter(|(_, v)| *v)
        .map(|(x, _)| x)
        .collect()
}

/// Scores `answers` with the questionnaire's own link targets.
pub fn score(q: &Questionnaire, answers: &Answers) -> Assessment {
    score_with(q, answers, &ScoreOptions::default())
}

/// One scored line of a theme: weight and the share of points earned (`None`: unanswered).
#[derive(Clone, Copy)]
struct Line {
    index: usize,
    weight: f64,
    share: Option<f64>,
}

fn theme_score(lines: &[Line]) -> Option<f64> {
    let (mut sum, mut weights) = (0.0, 0.0);
    for l in lines {
        if let Some(s) = l.share {
            sum += l.weight * s;
            weights += l.weight;
        }
    }
    (weights > 0.0).then(|| clamp100(100.0 * sum / weights))
}

fn clamp100(x: f64) -> f64 {
    if x.is_finite() {
        x.clamp(0.0, 100.0)
    } else {
        0.0
    }
}

/// Rounds to 0.1 so that results and deltas read cleanly.
fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        // One division by a power of ten gives the shortest decimal (0.0488, not 0.04879…).
        (10_000.0 * part as f64 / whole as f64).round() / 10_000.0
    }
}

fn level_for(q: &Questionnaire, score: f64) -> Option<Level> {
    q.levels
        .iter()
        .rev()
        .find(|l| score >= l.min_score)
        .map(|l| Level {
            level: l.level,
            name: l.name.clone(),
        })
}

/// Scores `answers`: hidden conditional questions and invalid answers never count.
///
/// Theme score = Σ weight·earned/max ÷ Σ weight over visible, scored questions that have an
/// answer ("don't know" earns 0, "not applicable" leaves the denominator); overall =
/// theme-weighted mean of the themes that have a score. The level is the highest whose
/// `minScore` the overall reaches and whose gate (and every lower gate) holds; red flags cap it.
pub fn score_with(q: &Questionnaire, answers: &Answers, options: &ScoreOptions) -> Assessment {
    let services = Services::builtin();
    let mut a = score_core(q, answers, options, &services);
    a.actions = actions(q, answers, options, &services, &a);
    a
}

/// Weighted mean of the themes of `kind` that have a score.
fn kind_score(q: &Questionnaire, raw: &[Option<f64>], kind: ThemeKind) -> Option<f64> {
    let (mut sum, mut weights) = (0.0, 0.0);
    for (t, s) in q.themes.iter().zip(raw) {
        if let (Some(s), Some(k)) = (s, t.kind)
            && k == kind
        {
            sum += t.weight * s;
            weights += t.weight;
        }
    }
    (weights > 0.0).then(|| clamp100(sum / weights))
}

/// The option id chosen for a single-choice question, if answered.
fn chosen(q: &Questionnaire, e: &Evaluated, id: &str) -> Option<String> {
    let i = q.questions.iter().position(|x| x.id == id)?;
    match e.given[i].as_ref()? {
        Given::Option(o) => q.questions[i].options.get(*o).map(|c| c.id.clone()),
        _ => None,
    }
}

fn score_core(
    q: &Questionnaire,
    answers: &Answers,
    options: &ScoreOptions,
    services: &Services,
) -> Assessment {
    let mut e = evaluate(q, answers);
    let answered_region = q
        .profile
        .as_ref()
        .and_then(|p| p.region.as_deref())
        .and_then(|id| chosen(q, &e, id))
        .and_then(|r| region_name(&r));
    let page_region = options.region.as_deref().filter(|r| !r.trim().is_empty());
    let page_known = page_region.and_then(region_name);
    if let (Some(r), None) = (page_region, &page_known) {
        let names: Vec<String> = crate::matching::regions()
            .into_iter()
            .map(|(fi, _)| fi)
            .collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        e.diagnostics.push(match crate::strict::closest(r, &names) {
            Some(best) => Diagnostic::warning(
                0,
                "region",
                Code::UnknownMunicipality,
                format!("unknown region `{r}`; did you mean `{best}`? Services for the whole country are named"),
            )
            .with_value(r)
            .with_suggestion(best),
            None => Diagnostic::warning(
                0,
                "region",
                Code::UnknownMunicipality,
                format!("unknown region `{r}`; services for the whole country are named"),
            )
            .with_value(r),
        });
    }
    let (region, region_source) = match (answered_region, page_known) {
        (Some(r), _) => (Some(r), Some("profile".to_owned())),
        (None, Some(r)) => (Some(r), Some("page".to_owned())),
        (None, None) => (None, None),
    };
    let profile = Profile {
        sector: q.profile.as_ref().and_then(|p| chosen(q, &e, &p.sector)),
        size: q
            .profile
            .as_ref()
            .and_then(|p| p.size.as_deref())
            .and_then(|id| chosen(q, &e, id)),
        region,
        region_source,
    };
    let links = Links {
        q,
        options,
        services,
        profile: &profile,
    };
    let mut themes = Vec::new();
    let mut raw_scores: Vec<Option<f64>> = Vec::new();
    let mut lines_by_theme: Vec<Vec<Line>> = Vec::new();
    let mut total = Completeness::default();
    for theme in &q.themes {
        let mut t = ThemeResult {
            id: theme.id.clone(),
            title: theme.title.clone(),
            weight: theme.weight,
            ..ThemeResult::default()
        };
        let mut lines = Vec::new();
        for (i, question) in q.questions.iter().enumerate() {
            if question.theme != theme.id || !e.visible[i] {
                continue;
            }
            t.visible += 1;
            match &e.given[i] {
                Some(Given::DontKnow) => t.dont_know += 1,
                Some(Given::NotApplicable) => t.not_applicable += 1,
                Some(_) => t.answered += 1,
                None => t.unanswered += 1,
            }
            let max = max_points(question);
            if max > 0.0 && question.weight > 0.0 && e.given[i] != Some(Given::NotApplicable) {
                let share = e.given[i].as_ref().map(|g| earned(question, g) / max);
                lines.push(Line {
                    index: i,
                    weight: question.weight,
                    share,
                });
            }
        }
        let raw = theme_score(&lines);
        t.score = raw.map(round1);
        t.level = raw.and_then(|s| level_for(q, s));
        // "Don't know" alone is a data gap, not a zero: only real answers can flag a theme.
        t.red_flag = q.zero_theme_red_flags && t.answered > 0 && raw.is_some_and(|s| s <= 0.0);
        total.visible += t.visible;
        total.answered += t.answered;
        total.dont_know += t.dont_know;
        total.unanswered += t.unanswered;
        total.not_applicable += t.not_applicable;
        raw_scores.push(raw);
        lines_by_theme.push(lines);
        themes.push(t);
    }
    total.share = share(total.answered, total.visible);
    total.dont_know_share = share(total.dont_know, total.visible);
    total.progress = share(
        total.answered + total.dont_know + total.not_applicable,
        total.visible,
    );

    let (mut sum, mut weights) = (0.0, 0.0);
    for (t, raw) in q.themes.iter().zip(&raw_scores) {
        if let Some(s) = raw {
            sum += t.weight * s;
            weights += t.weight;
        }
    }
    let overall_raw = (weights > 0.0).then(|| clamp100(sum / weights));
    let enabler = kind_score(q, &raw_scores, ThemeKind::Enabler);
    let outcome = kind_score(q, &raw_scores, ThemeKind::Outcome);
    let practice_flags = practice_flags(q, &e, &links);
    let mut red_flags: Vec<String> = themes
        .iter()
        .filter(|t| t.red_flag)
        .map(|t| t.id.clone())
        .collect();
    red_flags.extend(practice_flags.iter().map(|f| f.id.clone()));
    let measured = q
        .questions
        .iter()
        .enumerate()
        .filter(|(i, x)| {
            x.measured
                && e.visible[*i]
                && e.given[*i]
                    .as_ref()
                    .is_some_and(|g| !matches!(g, Given::DontKnow | Given::NotApplicable))
        })
        .count();
    let (mut level, level_gate) = match overall_raw {
        Some(s) => gated_level(q, &e, s, outcome, measured),
        None => (None, None),
    };
    let mut level_capped = false;
    // A cap outside the defined levels leaves the level as it is.
    let cap = q
        .levels
        .iter()
        .find(|d| d.level == options.red_flag_level_cap);
    if !red_flags.is_empty()
        && let (Some(l), Some(cap)) = (&level, cap)
        && l.level > cap.level
    {
        level = Some(Level {
            level: cap.level,
            name: cap.name.clone(),
        });
        level_capped = true;
    }

    let recommendations = recommendations(q, &e, &themes, &raw_scores, &links);
    let weakest = weakest(
        q,
        &themes,
        &raw_scores,
        &lines_by_theme,
        &recommendations,
        options,
    );
    let data_gaps = q
        .questions
        .iter()
        .enumerate()
        .filter(|(i, _)| e.visible[*i] && e.given[*i] == Some(Given::DontKnow))
        .map(|(_, x)| DataGap {
            question: x.id.clone(),
            theme: x.theme.clone(),
            text: x.text.clone(),
            find_out: x.find_out.clone(),
        })
        .collect();
    let given_any = total.answered + total.dont_know;
    Assessment {
        questionnaire: QuestionnaireRef {
            id: q.id.clone(),
            version: q.version,
        },
        overall: overall_raw.map(round1),
        level,
        level_capped,
        completeness: total.clone(),
        themes,
        red_flags,
        weakest,
        recommendations,
        diagnostics: e.diagnostics.clone(),
        enabler_score: enabler.map(round1),
        outcome_score: outcome.map(round1),
        level_gate,
        practice_flags,
        data_gaps,
        insufficient_data: total.dont_know > 0 && 2 * total.dont_know >= given_any,
        provisional: total.unanswered > 0,
        profile,
        business_models: business_models(q, &e),
        actions: Vec::new(),
    }
}

/// The score's level lowered to the highest level whose gate, and every gate below it, holds.
fn gated_level(
    q: &Questionnaire,
    e: &Evaluated,
    score: f64,
    outcome: Option<f64>,
    measured: usize,
) -> (Option<Level>, Option<GateReport>) {
    let Some(by_score) = level_for(q, score) else {
        return (None, None);
    };
    let mut reached: Option<&super::model::LevelDef> = None;
    for def in q.levels.iter().filter(|d| d.level <= by_score.level) {
        let reasons = def
            .requires
            .as_ref()
            .map(|g| gate_failures(q, e, g, outcome, measured))
            .unwrap_or_default();
        if !reasons.is_empty() && reached.is_some() {
            let report = GateReport {
                score_level: by_score.level,
                blocked_level: def.level,
                reasons,
            };
            let l = reached.map(|d| Level {
                level: d.level,
                name: d.name.clone(),
            });
            return (l, Some(report));
        }
        reached = Some(def);
    }
    (Some(by_score), None)
}

fn gate_failures(
    q: &Questionnaire,
    e: &Evaluated,
    gate: &super::model::LevelGate,
    outcome: Option<f64>,
    measured: usize,
) -> Vec<GateReason> {
    let mut out = Vec::new();
    if let Some(min) = gate.min_outcome_score
        && outcome.is_none_or(|o| o < min)
    {
        out.push(GateReason {
            kind: "outcomeScore".into(),
            needed: Some(min),
            actual: outcome.map(round1),
            question: None,
        });
    }
    if let Some(min) = gate.min_measured
        && measured < min
    {
        out.push(GateReason {
            kind: "measured".into(),
            needed: Some(min as f64),
            actual: Some(measured as f64),
            question: None,
        });
    }
    for c in &gate.answers {
        let holds = q
            .questions
            .iter()
            .position(|x| x.id == c.question)
            .is_some_and(|i| {
                e.visible[i]
                    && e.given[i]
                        .as_ref()
                        .is_some_and(|g| passes(&q.questions[i], g, &c.test))
            });
        if !holds {
            out.push(GateReason {
                kind: "answer".into(),
                needed: c.test.at_least,
                actual: None,
                question: Some(c.question.clone()),
            });
        }
    }
    out
}

fn practice_flags(q: &Questionnaire, e: &Evaluated, links: &Links<'_>) -> Vec<PracticeFlag> {
    let mut out: Vec<PracticeFlag> = Vec::new();
    for (i, x) in q.questions.iter().enumerate() {
        let Some(g) = e.given[i].as_ref().filter(|_| e.visible[i]) else {
            continue;
        };
        for f in x.red_flags.iter().filter(|f| passes(x, g, &f.when)) {
            if out.iter().any(|o| o.id == f.id) {
                continue;
            }
            let (url, service) = links.resolve(&f.link);
            out.push(PracticeFlag {
                id: f.id.clone(),
                question: x.id.clone(),
                theme: x.theme.clone(),
                text: f.text.clone(),
                url,
                service,
            });
        }
    }
    out
}

fn business_models(q: &Questionnaire, e: &Evaluated) -> Vec<ModelFit> {
    let mut fits: Vec<ModelFit> = q
        .business_models
        .iter()
        .map(|m| {
            let stage = q
                .questions
                .iter()
                .position(|x| x.id == m.question)
                .filter(|i| e.visible[*i])
                .and_then(|i| match e.given[i].as_ref()? {
                    Given::Scale(v) => Some(*v),
                    Given::Option(o) => q.questions[i]
                        .options
                        .get(*o)
                        .map(|c| c.points.clamp(0.0, 4.0) as u8),
                    _ => None,
                });
            ModelFit {
                id: m.id.clone(),
                name: m.name.clone(),
                our_translation: m.our_translation.clone(),
                stage,
                closest: false,
            }
        })
        .collect();
    let best = fits.iter().filter_map(|f| f.stage).max().unwrap_or(0);
    for f in &mut fits {
        f.closest = best > 0 && f.stage == Some(best);
    }
    // Stable: closest first, then by stage, then questionnaire order.
    crate::sort::sort_by(&mut fits, |a, b| {
        b.stage.unwrap_or(0).cmp(&a.stage.unwrap_or(0))
    });
    fits
}

/// The answer worth the most points to `x`, for the action plan's what-ifs.
pub(crate) fn best_answer(x: &Question) -> Option<Answer> {
    match x.kind {
        QuestionKind::Single => x
            .options
            .iter()
            .filter(|o| o.points.is_finite())
            .max_by(|a, b| a.points.total_cmp(&b.points))
            .map(|o| Answer::option(&o.id)),
        QuestionKind::Multiple => {
            // Highest-point options first until the cap is reached.
            let mut opts: Vec<&super::model::Choice> =
                x.options.iter().filter(|o| o.points > 0.0).collect();
            crate::sort::sort_by(&mut opts, |a, b| b.points.total_cmp(&a.points));
            let cap = max_points(x);
            let (mut ids, mut sum) = (Vec::new(), 0.0);
            for o in opts {
                if sum >= cap {
                    break;
                }
                sum += o.points;
                ids.push(o.id.clone());
            }
            Some(Answer::List(ids))
        }
        QuestionKind::Scale => Some(Answer::number(4.0)),
        QuestionKind::YesNo => {
            let (y, n) = x.points.map_or((1.0, 0.0), |p| (p.yes, p.no));
            Some(if y >= n { Answer::yes() } else { Answer::no() })
        }
        QuestionKind::Number => x
            .bands
            .iter()
            .filter(|b| b.points.is_finite())
            .max_by(|a, b| a.points.total_cmp(&b.points))
            .map(|b| {
                Answer::number(match (b.min, b.max) {
                    (Some(min), _) => min,
                    (None, Some(max)) => max - 1.0,
                    (None, None) => 0.0,
                })
            }),
    }
}

/// The action plan: for every visible, answered, scored question below full marks, the
/// what-if of its best answer; ranked by level gained, then score gained, then question order.
fn actions(
    q: &Questionnaire,
    answers: &Answers,
    options: &ScoreOptions,
    services: &Services,
    now: &Assessment,
) -> Vec<Action> {
    if options.actions == 0 {
        return Vec::new();
    }
    let e = evaluate(q, answers);
    // Stale answers to hidden questions must not surface in a what-if that reveals them.
    let base: Answers = q
        .questions
        .iter()
        .zip(&e.visible)
        .filter(|(_, v)| **v)
        .filter_map(|(x, _)| answers.get(&x.id).map(|a| (x.id.clone(), a.clone())))
        .collect();
    let level_now = now.level.as_ref().map_or(0, |l| l.level);
    let overall_now = now.overall.unwrap_or(0.0);
    let mut found: Vec<(u8, f64, usize, Action)> = Vec::new();
    for (i, x) in q.questions.iter().enumerate() {
        let Some(g) = e.given[i].as_ref().filter(|_| e.visible[i]) else {
            continue;
        };
        let max = max_points(x);
        if matches!(g, Given::NotApplicable) || max <= 0.0 || x.weight <= 0.0 {
            continue;
        }
        let flagged = now.practice_flags.iter().any(|f| f.question == x.id);
        if earned(x, g) >= max && !flagged {
            continue;
        }
        let Some(best) = best_answer(x) else { continue };
        let mut changed = base.clone();
        changed.insert(x.id.clone(), best.clone());
        let after = score_core(q, &changed, options, services);
        let level_after = after.level.as_ref().map_or(0, |l| l.level);
        let gain = after.overall.unwrap_or(0.0) - overall_now;
        if level_after <= level_now && gain <= 0.0 {
            continue;
        }
        let recommendation = now
            .recommendations
            .iter()
            .find(|r| r.question.as_deref() == Some(x.id.as_str()))
            .or_else(|| {
                now.recommendations
                    .iter()
                    .find(|r| r.theme == x.theme && r.source == Source::ThemeLevel)
            })
            .cloned();
        let text = if x.action.fi.is_some() || x.action.en.is_some() {
            x.action.clone()
        } else {
            x.text.clone()
        };
        found.push((
            level_after.saturating_sub(level_now),
            gain,
            i,
            Action {
                question: x.id.clone(),
                theme: x.theme.clone(),
                text,
                answer: Some(best),
                overall_after: after.overall,
                level_after: after.level,
                gain: round1(gain),
                recommendation,
            },
        ));
    }
    crate::sort::sort_by(&mut found, |a, b| {
        b.0.cmp(&a.0).then(b.1.total_cmp(&a.1)).then(a.2.cmp(&b.2))
    });
    found
        .into_iter()
        .take(options.actions)
        .map(|(_, _, _, a)| a)
        .collect()
}

/// Resolves link keys: the partner's `data-kt-links`, then the questionnaire's own `links`,
/// then the services registry when its entry fits the respondent's profile and region.
struct Links<'a> {
    q: &'a Questionnaire,
    options: &'a ScoreOptions,
    services: &'a Services,
    profile: &'a Profile,
}

impl Links<'_> {
    fn resolve(&self, link: &Option<String>) -> (Option<String>, Option<ServiceRef>) {
        let Some(key) = link.as_ref() else {
            return (None, None);
        };
        let region = self.profile.region.as_deref();
        let picked = self.services.pick(
            key,
            self.profile.sector.as_deref(),
            self.profile.size.as_deref(),
            region,
        );
        let service = picked
            .or_else(|| self.services.get(key))
            .map(|s| ServiceRef {
                id: s.id.clone(),
                kind: s.kind,
                name: s.name.clone(),
                serves: s.serves.clone(),
                region: region
                    .filter(|r| s.regions.iter().any(|x| x.eq_ignore_ascii_case(r)))
                    .map(str::to_owned),
            });
        if let Some(url) = self
            .options
            .links
            .get(key)
            .or_else(|| self.q.links.get(key))
        {
            return (Some(url.clone()), service);
        }
        match picked {
            Some(s) => (Some(s.url.clone()), service),
            None => (None, None),
        }
    }
}

/// Theme indices from most to least urgent: red flags, then rising score; unscored last.
fn priority(raw_scores: &[Option<f64>]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..raw_scores.len()).collect();
    crate::sort::sort_by(&mut order, |a, b| {
        let key = |i: &usize| raw_scores[*i].unwrap_or(f64::INFINITY);
        key(a).total_cmp(&key(b)).then(a.cmp(b))
    });
    order
}

fn recommendations(
    q: &Questionnaire,
    e: &Evaluated,
    themes: &[ThemeResult],
    raw_scores: &[Option<f64>],
    links: &Links<'_>,
) -> Vec<Recommendation> {
    let mut out: Vec<Recommendation> = Vec::new();
    let mut seen = BTreeSet::new();
    for ti in priority(raw_scores) {
        let theme = &q.themes[ti];
        if let Some(level) = &themes[ti].level {
            for r in theme
                .recommendations
                .iter()
                .filter(|r| r.levels.contains(&level.level))
            {
                if seen.insert(r.id.clone()) {
                    let (url, service) = links.resolve(&r.link);
                    out.push(Recommendation {
                        id: r.id.clone(),
                        theme: theme.id.clone(),
                        source: Source::ThemeLevel,
                        question: None,
                        text: r.text.clone(),
                        link: r.link.clone(),
                        url,
                        service,
                    });
                }
            }
        }
        for (i, question) in q.questions.iter().enumerate() {
            let Some(g) = e.given[i]
                .as_ref()
                .filter(|_| e.visible[i] && question.theme == theme.id)
            else {
                continue;
            };
            for r in question
                .recommendations
                .iter()
                .filter(|r| passes(question, g, &r.when))
            {
                if seen.insert(r.id.clone()) {
                    let (url, service) = links.resolve(&r.link);
                    out.push(Recommendation {
                        id: r.id.clone(),
                        theme: theme.id.clone(),
                        source: Source::Answer,
                        question: Some(question.id.clone()),
                        text: r.text.clone(),
                        link: r.link.clone(),
                        url,
                        service,
                    });
                }
            }
        }
    }
    out
}

fn weakest(
    q: &Questionnaire,
    themes: &[ThemeResult],
    raw_scores: &[Option<f64>],
    lines_by_theme: &[Vec<Line>],
    recs: &[Recommendation],
    options: &ScoreOptions,
) -> Vec<Weakness> {
    priority(raw_scores)
        .into_iter()
        .filter_map(|ti| {
            let raw = raw_scores[ti]?;
            let t = &themes[ti];
            let level = t.level.clone()?;
            (raw < 100.0).then_some(())?;
            let next = q.levels.iter().find(|d| d.level == level.level + 1);
            let next_step = recs
                .iter()
                .find(|r| r.theme == t.id && r.source == Source::ThemeLevel)
                .or_else(|| recs.iter().find(|r| r.theme == t.id))
                .cloned();
            Some(Weakness {
                theme: t.id.clone(),
                title: t.title.clone(),
                score: round1(raw),
                level,
                next_level: next.map(|d| Level {
                    level: d.level,
                    name: d.name.clone(),
                }),
                points_to_next_level: next.map(|d| round1((d.min_score - raw).max(0.0))),
                next_step,
                biggest_gain: biggest_gain(q, &lines_by_theme[ti], raw),
            })
        })
        .take(options.weakest)
        .collect()
}

fn biggest_gain(q: &Questionnaire, lines: &[Line], current: f64) -> Option<Gain> {
    let mut best: Option<(usize, f64)> = None;
    for (k, line) in lines.iter().enumerate() {
        let mut changed = lines.to_vec();
        changed[k].share = Some(1.0);
        let gain = theme_score(&changed).unwrap_or(0.0) - current;
        if gain > 1e-9 && best.is_none_or(|(_, g)| gain > g) {
            best = Some((line.index, gain));
        }
    }
    best.and_then(|(i, gain)| {
        let question = q.questions.get(i)?;
        Some(Gain {
            question: question.id.clone(),
            text: question.text.clone(),
            gain: round1(gain),
        })
    })
}

/// Scores `answers` with one answer replaced (`None` removes it) and reports the change.
pub fn what_if(
    q: &Questionnaire,
    answers: &Answers,
    question_id: &str,
    answer: Option<Answer>,
) -> WhatIf {
    what_if_with(q, answers, question_id, answer, &ScoreOptions::default())
}

/// [`what_if`] with scoring options.
pub fn what_if_with(
    q: &Questionnaire,
    answers: &Answers,
    question_id: &str,
    answer: Option<Answer>,
    options: &ScoreOptions,
) -> WhatIf {
    let before = score_with(q, answers, options);
    let mut changed = answers.clone();
    match answer {
        Some(a) => changed.insert(question_id.to_owned(), a),
        None => changed.remove(question_id),
    };
    let after = score_with(q, &changed, options);
    let deltas = compare(&before, &after);
    WhatIf {
        assessment: after,
        deltas,
    }
}

fn delta(before: Option<f64>, after: Option<f64>) -> Delta {
    let d = match (before, after) {
        (Some(b), Some(a)) if b.is_finite() && a.is_finite() => Some(round1(a - b)),
        _ => None,
    };
    Delta {
        before,
        after,
        delta: d,
    }
}

/// Per-theme and overall changes from `earlier` to `now`; themes are matched by id, so an
/// earlier result of another questionnaire version still compares where themes agree.
pub fn compare(earlier: &Assessment, now: &Assessment) -> Comparison {
    let mut themes: Vec<ThemeDelta> = now
        .themes
        .iter()
        .map(|t| {
            let old = earlier.themes.iter().find(|o| o.id == t.id);
            let d = delta(old.and_then(|o| o.score), t.score);
            ThemeDelta {
                theme: t.id.clone(),
                title: t.title.clone(),
                before: d.before,
                after: d.after,
                delta: d.delta,
                level_before: old.and_then(|o| o.level.as_ref()).map(|l| l.level),
                level_after: t.level.as_ref().map(|l| l.level),
            }
        })
        .collect();
    for old in earlier
        .themes
        .iter()
        .filter(|o| !now.themes.iter().any(|t| t.id == o.id))
    {
        themes.push(ThemeDelta {
            theme: old.id.clone(),
            title: old.title.clone(),
            before: old.score,
            level_before: old.level.as_ref().map(|l| l.level),
            ..ThemeDelta::default()
        });
    }
    let pct = |a: &Assessment| Some(round1(100.0 * a.completeness.share));
    Comparison {
        same_questionnaire: earlier.questionnaire == now.questionnaire,
        overall: delta(earlier.overall, now.overall),
        level_before: earlier.level.as_ref().map(|l| l.level),
        level_after: now.level.as_ref().map(|l| l.level),
        completeness: delta(pct(earlier), pct(now)),
        themes,
        red_flags_resolved: earlier
            .red_flags
            .iter()
            .filter(|f| !now.red_flags.contains(f))
            .cloned()
            .collect(),
        red_flags_new: now
            .red_flags
            .iter()
            .filter(|f| !earlier.red_flags.contains(f))
            .cloned()
            .collect(),
    }
}
