//! Scoring: theme and overall scores, maturity levels, completeness, red flags, weakest themes,
//! recommendations, what-if and comparison.

use super::answer::{Given, earned, interpret, max_points, passes};
use super::model::{Answer, Answers, Question, Questionnaire};
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
}

impl Default for ScoreOptions {
    fn default() -> Self {
        ScoreOptions {
            links: BTreeMap::new(),
            weakest: 3,
            red_flag_level_cap: 3,
        }
    }
}

/// Which questionnaire a result or a saved set of answers belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct QuestionnaireRef {
    pub id: String,
    pub version: u32,
}

/// A maturity level and its name.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Level {
    pub level: u8,
    pub name: Text,
}

/// The result of one self-assessment. Scores are 0–100 rounded to 0.1; `None` when nothing
/// scored was answered.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Assessment {
    pub questionnaire: QuestionnaireRef,
    pub overall: Option<f64>,
    pub level: Option<Level>,
    /// True when red flags lowered `level` below what `overall` alone would give.
    pub level_capped: bool,
    pub completeness: Completeness,
    pub themes: Vec<ThemeResult>,
    /// Ids of themes that score zero.
    pub red_flags: Vec<String>,
    pub weakest: Vec<Weakness>,
    pub recommendations: Vec<Recommendation>,
    /// Answers that were ignored (unknown question, unknown option, wrong type).
    pub diagnostics: Vec<Diagnostic>,
}

/// How much of the visible questionnaire has been answered.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Completeness {
    pub visible: usize,
    /// Real answers, "don't know" excluded.
    pub answered: usize,
    pub dont_know: usize,
    pub unanswered: usize,
    /// `answered / visible`, 0–1.
    pub share: f64,
    /// `dontKnow / visible`, 0–1.
    pub dont_know_share: f64,
    /// `(answered + dontKnow) / visible`, for a progress bar.
    pub progress: f64,
}

/// One theme's result.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ThemeResult {
    pub id: String,
    pub title: Text,
    pub weight: f64,
    pub score: Option<f64>,
    pub level: Option<Level>,
    pub visible: usize,
    pub answered: usize,
    pub dont_know: usize,
    pub unanswered: usize,
    pub red_flag: bool,
}

/// A weak theme and what to do next.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Weakness {
    pub theme: String,
    pub title: Text,
    pub score: f64,
    pub level: Level,
    pub next_level: Option<Level>,
    /// Score points still missing to reach `nextLevel`.
    pub points_to_next_level: Option<f64>,
    pub next_step: Option<Recommendation>,
    /// The visible question whose best answer would raise this theme the most.
    pub biggest_gain: Option<Gain>,
}

/// What the best answer to one question would add to its theme's score.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Gain {
    pub question: String,
    pub text: Text,
    pub gain: f64,
}

/// Where a recommendation came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Source {
    #[default]
    ThemeLevel,
    Answer,
}

/// A piece of advice with its resolved link.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Recommendation {
    pub id: String,
    pub theme: String,
    pub source: Source,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
    pub text: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// A before/after pair of numbers.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Delta {
    pub before: Option<f64>,
    pub after: Option<f64>,
    pub delta: Option<f64>,
}

/// One theme in a comparison.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ThemeDelta {
    pub theme: String,
    pub title: Text,
    pub before: Option<f64>,
    pub after: Option<f64>,
    pub delta: Option<f64>,
    pub level_before: Option<u8>,
    pub level_after: Option<u8>,
}

/// Differences between an earlier and a later assessment.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Comparison {
    /// False when the two results come from different questionnaires or versions.
    pub same_questionnaire: bool,
    pub overall: Delta,
    pub level_before: Option<u8>,
    pub level_after: Option<u8>,
    /// Change in `completeness.share`, in percentage points.
    pub completeness: Delta,
    pub themes: Vec<ThemeDelta>,
    pub red_flags_resolved: Vec<String>,
    pub red_flags_new: Vec<String>,
}

/// The result of changing one answer.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct WhatIf {
    pub assessment: Assessment,
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
            diagnostics.push(Diagnostic::warning(
                0,
                id.clone(),
                format!("answer to unknown question `{id}` ignored"),
            ));
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
        round1(1000.0 * part as f64 / whole as f64) / 1000.0
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
/// answer ("don't know" earns 0); overall = theme-weighted mean of the themes that have a score.
pub fn score_with(q: &Questionnaire, answers: &Answers, options: &ScoreOptions) -> Assessment {
    let e = evaluate(q, answers);
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
                Some(_) => t.answered += 1,
                None => t.unanswered += 1,
            }
            let max = max_points(question);
            if max > 0.0 && question.weight > 0.0 {
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
        t.red_flag = raw.is_some_and(|s| s <= 0.0);
        total.visible += t.visible;
        total.answered += t.answered;
        total.dont_know += t.dont_know;
        total.unanswered += t.unanswered;
        raw_scores.push(raw);
        lines_by_theme.push(lines);
        themes.push(t);
    }
    total.share = share(total.answered, total.visible);
    total.dont_know_share = share(total.dont_know, total.visible);
    total.progress = share(total.answered + total.dont_know, total.visible);

    let (mut sum, mut weights) = (0.0, 0.0);
    for (t, raw) in q.themes.iter().zip(&raw_scores) {
        if let Some(s) = raw {
            sum += t.weight * s;
            weights += t.weight;
        }
    }
    let overall_raw = (weights > 0.0).then(|| clamp100(sum / weights));
    let red_flags: Vec<String> = themes
        .iter()
        .filter(|t| t.red_flag)
        .map(|t| t.id.clone())
        .collect();
    let mut level = overall_raw.and_then(|s| level_for(q, s));
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

    let recommendations = recommendations(q, &e, &themes, &raw_scores, options);
    let weakest = weakest(
        q,
        &themes,
        &raw_scores,
        &lines_by_theme,
        &recommendations,
        options,
    );
    Assessment {
        questionnaire: QuestionnaireRef {
            id: q.id.clone(),
            version: q.version,
        },
        overall: overall_raw.map(round1),
        level,
        level_capped,
        completeness: total,
        themes,
        red_flags,
        weakest,
        recommendations,
        diagnostics: e.diagnostics,
    }
}

/// Theme indices from most to least urgent: red flags, then rising score; unscored last.
fn priority(raw_scores: &[Option<f64>]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..raw_scores.len()).collect();
    order.sort_by(|a, b| {
        let key = |i: &usize| raw_scores[*i].unwrap_or(f64::INFINITY);
        key(a).total_cmp(&key(b)).then(a.cmp(b))
    });
    order
}

fn resolve(link: &Option<String>, q: &Questionnaire, options: &ScoreOptions) -> Option<String> {
    let key = link.as_ref()?;
    options.links.get(key).or_else(|| q.links.get(key)).cloned()
}

fn recommendations(
    q: &Questionnaire,
    e: &Evaluated,
    themes: &[ThemeResult],
    raw_scores: &[Option<f64>],
    options: &ScoreOptions,
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
                    out.push(Recommendation {
                        id: r.id.clone(),
                        theme: theme.id.clone(),
                        source: Source::ThemeLevel,
                        question: None,
                        text: r.text.clone(),
                        link: r.link.clone(),
                        url: resolve(&r.link, q, options),
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
                    out.push(Recommendation {
                        id: r.id.clone(),
                        theme: theme.id.clone(),
                        source: Source::Answer,
                        question: Some(question.id.clone()),
                        text: r.text.clone(),
                        link: r.link.clone(),
                        url: resolve(&r.link, q, options),
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
