//! Loading and validating a questionnaire: every problem becomes a diagnostic, never a panic.

use super::answer::SCALE_MAX;
use super::model::{
    AnswerRecommendation, BusinessModel, DONT_KNOW, LevelDef, NOT_APPLICABLE, ProfileKeys,
    Question, QuestionKind, Questionnaire, SideStreamKeys, Test, Theme,
};
use super::services::Services;
use crate::Code;
use crate::vocab::{Diagnostic, Parsed, Text};
use serde::Deserialize;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// The default KIERTO-kartoitus questionnaire shipped with the crate.
const BUILTIN: &str = include_str!("../../data/questionnaire.json");

impl Questionnaire {
    /// The built-in questionnaire (fi/sv/en, 8 themes).
    pub fn default_builtin() -> Questionnaire {
        // The file is checked by a unit test, so this fallback is never expected to show.
        Questionnaire::from_json(BUILTIN)
            .value
            .unwrap_or_else(|| Questionnaire {
                id: "empty".into(),
                version: 0,
                title: Text::default(),
                intro: Text::default(),
                levels: default_levels(),
                themes: Vec::new(),
                questions: Vec::new(),
                links: BTreeMap::new(),
                profile: None,
                zero_theme_red_flags: true,
                business_models: Vec::new(),
                side_stream: None,
            })
    }

    /// Parses and validates a partner questionnaire.
    ///
    /// Themes and questions with errors are dropped and reported; the questionnaire comes back
    /// when at least one theme and one question survive. Missing translations are warnings.
    pub fn from_json(text: &str) -> Parsed<Option<Questionnaire>> {
        let mut diags = Vec::new();
        let value: Value = match serde_json::from_str(text) {
            Ok(v) => v,
            Err(e) => {
                diags.push(Diagnostic::error(
                    0,
                    "",
                    Code::NotJson,
                    format!("questionnaire is not valid JSON: {e}"),
                ));
                return Parsed::new(None, diags);
            }
        };
        let Value::Object(root) = value else {
            diags.push(Diagnostic::error(
                0,
                "",
                Code::WrongShape,
                "questionnaire must be a JSON object",
            ));
            return Parsed::new(None, diags);
        };
        let id = match root.get("id").and_then(Value::as_str) {
            Some(id) if is_token(id) => id.to_owned(),
            Some(id) => {
                diags.push(
                    Diagnostic::error(
                        0,
                        "id",
                        Code::InvalidId,
                        format!("id `{id}` may only hold letters, digits, `-` and `_` (1–64)"),
                    )
                    .with_value(id),
                );
                return Parsed::new(None, diags);
            }
            None => {
                diags.push(Diagnostic::error(
                    0,
                    "id",
                    Code::Missing,
                    "questionnaire has no id",
                ));
                return Parsed::new(None, diags);
            }
        };
        let Some(version) = root
            .get("version")
            .and_then(Value::as_u64)
            .and_then(|v| u32::try_from(v).ok())
        else {
            diags.push(Diagnostic::error(
                0,
                "version",
                Code::OutOfRange,
                "version must be a whole number ≥ 0",
            ));
            return Parsed::new(None, diags);
        };
        // The keys read below; anything else is reported so that a misspelt key is seen.
        let root_keys = [
            "$schema",
            "namesChecked",
            "id",
            "version",
            "title",
            "intro",
            "links",
            "levels",
            "themes",
            "questions",
            "profile",
            "zeroThemeRedFlags",
            "businessModels",
            "sideStream",
        ];
        for key in root.keys().filter(|k| !root_keys.contains(&k.as_str())) {
            diags.push(crate::strict::unknown_key(0, key, key, &root_keys));
        }
        // Only a day is kept there: when the authority names in the texts were last checked.
        if let Some(day) = root.get("namesChecked") {
            let text = day.as_str().unwrap_or_default();
            if !(text.len() == 10 && crate::scoring::parse_date(text).is_some()) {
                diags.push(
                    Diagnostic::warning(
                        0,
                        "namesChecked",
                        Code::NotDate,
                        format!("`{text}` is not a date written YYYY-MM-DD"),
                    )
                    .with_value(text),
                );
            }
        }
        let title = text_field(&root, "title", &mut diags);
        translations(&title, 0, "title", &mut diags);
        let intro = text_field(&root, "intro", &mut diags);
        let links = links(&root, &mut diags);
        let levels = levels(&root, &mut diags);
        let themes = themes(&root, &levels, &mut diags);
        // Link keys resolve through the partner's map, the questionnaire's, or the registry.
        // Sets here are filled by insertion: `collect` would add a copy of the standard sort.
        let mut link_keys = BTreeSet::new();
        link_keys.extend(links.keys().cloned());
        link_keys.extend(Services::builtin().services.into_iter().map(|s| s.id));
        let mut questions = questions(&root, &themes, &link_keys, &mut diags);
        let profile: Option<ProfileKeys> = optional(&root, "profile", &mut diags);
        let zero_theme_red_flags = root
            .get("zeroThemeRedFlags")
            .and_then(Value::as_bool)
            .unwrap_or(true);
        let business_models: Vec<BusinessModel> =
            optional(&root, "businessModels", &mut diags).unwrap_or_default();
        let side_stream: Option<SideStreamKeys> = optional(&root, "sideStream", &mut diags)
            .filter(|k| side_stream_ok(&questions, k, &mut diags));
        let mut levels = levels;
        refs(
            &mut questions,
            &mut levels,
            profile.as_ref(),
            &business_models,
            &mut diags,
        );
        for t in &themes {
            if !questions.iter().any(|q| q.theme == t.id) {
                diags.push(Diagnostic::warning(
                    0,
                    format!("themes/{}", t.id),
                    Code::Empty,
                    "theme has no questions",
                ));
            }
        }
        if themes.is_empty() || questions.is_empty() {
            diags.push(Diagnostic::error(
                0,
                "",
                Code::Empty,
                "questionnaire has no usable themes or questions",
            ));
            return Parsed::new(None, diags);
        }
        let q = Questionnaire {
            id,
            version,
            title,
            intro,
            levels,
            themes,
            questions,
            links,
            profile,
            zero_theme_red_flags,
            business_models,
            side_stream,
        };
        Parsed::new(Some(q), diags)
    }
}

/// An optional top-level field; a malformed one is an error and is ignored.
fn optional<T: serde::de::DeserializeOwned>(
    root: &serde_json::Map<String, Value>,
    key: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<T> {
    match root.get(key) {
        None | Some(Value::Null) => None,
        // Read from the borrowed value: no clone, and no second copy of serde_json's reader.
        Some(v) => T::deserialize(v)
            .map_err(|e| {
                diags.push(Diagnostic::error(
                    0,
                    key,
                    Code::ValueUnreadable,
                    format!("ignored: {e}"),
                ));
            })
            .ok(),
    }
}

/// Whether the side-stream keys name questions of the right kinds; if not, the hand-off is off.
fn side_stream_ok(questions: &[Question], k: &SideStreamKeys, diags: &mut Vec<Diagnostic>) -> bool {
    let kind_of = |id: &str| questions.iter().find(|q| q.id == id).map(|q| q.kind);
    let wanted = [
        (Some(&k.material), QuestionKind::Single),
        (k.quantity.as_ref(), QuestionKind::Number),
        (k.pathway.as_ref(), QuestionKind::Single),
    ];
    let mut ok = true;
    for (id, kind) in wanted {
        if let Some(id) = id
            && kind_of(id) != Some(kind)
        {
            ok = false;
            diags.push(
                Diagnostic::error(
                    0,
                    "sideStream",
                    Code::InvalidSetting,
                    format!("side-stream question `{id}` is missing or not a {kind:?} question; the hand-off is off"),
                )
                .with_value(id),
            );
        }
    }
    ok
}

/// Checks what refers to questions by id (profile, business models, level gates, red flags);
/// broken references are dropped with an error.
fn refs(
    questions: &mut [Question],
    levels: &mut [LevelDef],
    profile: Option<&ProfileKeys>,
    models: &[BusinessModel],
    diags: &mut Vec<Diagnostic>,
) {
    let find = |id: &str| questions.iter().find(|q| q.id == id);
    if let Some(p) = profile {
        for id in std::iter::once(&p.sector)
            .chain(p.size.as_ref())
            .chain(p.region.as_ref())
        {
            if !find(id).is_some_and(|q| q.kind == QuestionKind::Single) {
                diags.push(
                    Diagnostic::error(
                        0,
                        "profile",
                        Code::InvalidSetting,
                        format!("profile question `{id}` is not a single-choice question"),
                    )
                    .with_value(id),
                );
            }
        }
    }
    for m in models {
        if find(&m.question).is_none() {
            diags.push(
                Diagnostic::error(
                    0,
                    format!("businessModels/{}", m.id),
                    Code::UnknownQuestion,
                    format!("unknown question `{}`", m.question),
                )
                .with_value(&m.question),
            );
        }
        translations(&m.name, 0, &format!("businessModels/{}", m.id), diags);
    }
    for l in levels.iter_mut() {
        let Some(gate) = l.requires.as_mut() else {
            continue;
        };
        gate.answers.retain(|c| {
            let errors = match questions.iter().find(|q| q.id == c.question) {
                Some(target) => test_errors(target, &c.test, "level gate"),
                None => vec![format!(
                    "level gate refers to unknown question `{}`",
                    c.question
                )],
            };
            for e in &errors {
                diags.push(Diagnostic::error(
                    0,
                    format!("levels/{}", l.level),
                    Code::InvalidSetting,
                    e.clone(),
                ));
            }
            errors.is_empty()
        });
    }
    for q in questions.iter_mut() {
        let target = q.clone();
        q.red_flags.retain(|f| {
            let errors = test_errors(&target, &f.when, &format!("red flag `{}`", f.id));
            for e in &errors {
                diags.push(Diagnostic::error(
                    0,
                    format!("questions/{}", target.id),
                    Code::InvalidSetting,
                    e.clone(),
                ));
            }
            translations(
                &f.text,
                0,
                &format!("questions/{}/redFlags/{}", target.id, f.id),
                diags,
            );
            errors.is_empty()
        });
    }
}

/// Levels 1–5 at 0, 20, 40, 60 and 80 points.
pub fn default_levels() -> Vec<LevelDef> {
    let names = [
        ("Alkuvaihe", "Början", "Starting"),
        ("Kehittyvä", "Under utveckling", "Developing"),
        ("Vakiintuva", "Etablerad", "Established"),
        ("Edistynyt", "Avancerad", "Advanced"),
        ("Edelläkävijä", "Föregångare", "Leading"),
    ];
    names
        .iter()
        .zip(1u8..)
        .map(|((fi, sv, en), level)| LevelDef {
            level,
            min_score: f64::from(level - 1) * 20.0,
            name: Text::new(fi, sv, en),
            description: Text::default(),
            requires: None,
        })
        .collect()
}

fn is_token(s: &str) -> bool {
    (1..=64).contains(&s.len())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

fn text_field(
    root: &serde_json::Map<String, Value>,
    key: &str,
    diags: &mut Vec<Diagnostic>,
) -> Text {
    match root.get(key) {
        None | Some(Value::Null) => Text::default(),
        Some(v) => Text::deserialize(v).unwrap_or_else(|e| {
            diags.push(Diagnostic::warning(
                0,
                key,
                Code::ValueUnreadable,
                format!("ignored, not a fi/sv/en text: {e}"),
            ));
            Text::default()
        }),
    }
}

/// Warns for each of fi/sv/en that `text` lacks.
fn translations(text: &Text, row: usize, field: &str, diags: &mut Vec<Diagnostic>) {
    let missing: Vec<&str> = [("fi", &text.fi), ("sv", &text.sv), ("en", &text.en)]
        .iter()
        .filter(|(_, t)| t.as_deref().is_none_or(|s| s.trim().is_empty()))
        .map(|(l, _)| *l)
        .collect();
    if !missing.is_empty() {
        diags.push(
            Diagnostic::warning(
                row,
                field,
                Code::MissingTranslation,
                format!("missing translation: {}", missing.join(", ")),
            )
            .with_value(missing.join(", ")),
        );
    }
}

fn links(
    root: &serde_json::Map<String, Value>,
    diags: &mut Vec<Diagnostic>,
) -> BTreeMap<String, String> {
    match root.get("links") {
        None | Some(Value::Null) => BTreeMap::new(),
        Some(v) => BTreeMap::deserialize(v).unwrap_or_else(|e| {
            diags.push(Diagnostic::error(
                0,
                "links",
                Code::ValueUnreadable,
                format!("ignored, not a map of key to URL: {e}"),
            ));
            BTreeMap::new()
        }),
    }
}

fn array<'a>(
    root: &'a serde_json::Map<String, Value>,
    key: &str,
    diags: &mut Vec<Diagnostic>,
) -> &'a [Value] {
    match root.get(key) {
        Some(Value::Array(items)) => items,
        Some(_) => {
            diags.push(Diagnostic::error(
                0,
                key,
                Code::WrongShape,
                format!("`{key}` must be an array"),
            ));
            &[]
        }
        None => &[],
    }
}

fn levels(root: &serde_json::Map<String, Value>, diags: &mut Vec<Diagnostic>) -> Vec<LevelDef> {
    let items = array(root, "levels", diags);
    if items.is_empty() {
        return default_levels();
    }
    let parsed: Result<Vec<LevelDef>, _> = items.iter().map(LevelDef::deserialize).collect();
    let levels = match parsed {
        Ok(l) => l,
        Err(e) => {
            diags.push(Diagnostic::error(
                0,
                "levels",
                Code::InvalidSetting,
                format!("levels ignored, using defaults: {e}"),
            ));
            return default_levels();
        }
    };
    // Levels must be exactly 1..=5 with rising thresholds starting at 0, or scores cannot map.
    let numbered = levels.iter().zip(1u8..).all(|(l, n)| l.level == n) && levels.len() == 5;
    let rising = levels.windows(2).all(|w| w[0].min_score < w[1].min_score)
        && levels.first().is_some_and(|l| l.min_score == 0.0)
        && levels.iter().all(|l| (0.0..=100.0).contains(&l.min_score));
    if !numbered || !rising {
        diags.push(Diagnostic::error(
            0,
            "levels",
            Code::InvalidSetting,
            "levels must be 1–5 with minScore rising from 0 to at most 100; using defaults",
        ));
        return default_levels();
    }
    for (i, l) in levels.iter().enumerate() {
        translations(&l.name, i + 1, "levels/name", diags);
    }
    levels
}

fn themes(
    root: &serde_json::Map<String, Value>,
    levels: &[LevelDef],
    diags: &mut Vec<Diagnostic>,
) -> Vec<Theme> {
    let mut out: Vec<Theme> = Vec::new();
    for (i, v) in array(root, "themes", diags).iter().enumerate() {
        let row = i + 1;
        let theme: Theme = match crate::strict::from_value(v) {
            Ok((t, unknown)) => {
                let known = crate::strict::fields_of::<Theme>();
                for u in unknown {
                    let field = format!("themes.{}", u.field());
                    diags.push(crate::strict::unknown_key(row, &field, u.key(), known));
                }
                t
            }
            Err(e) => {
                diags.push(Diagnostic::error(
                    row,
                    "themes",
                    Code::RowUnreadable,
                    format!("theme dropped: {e}"),
                ));
                continue;
            }
        };
        let field = format!("themes/{}", theme.id);
        if !is_token(&theme.id) {
            diags.push(Diagnostic::error(
                row,
                field,
                Code::InvalidId,
                "theme dropped: id may only hold letters, digits, `-` and `_`",
            ));
            continue;
        }
        if out.iter().any(|t| t.id == theme.id) {
            diags.push(
                Diagnostic::error(
                    row,
                    field,
                    Code::Duplicate,
                    format!("theme dropped: duplicate id `{}`", theme.id),
                )
                .with_value(&theme.id),
            );
            continue;
        }
        if !(theme.weight.is_finite() && theme.weight >= 0.0) {
            diags.push(Diagnostic::error(
                row,
                field,
                Code::OutOfRange,
                "theme dropped: weight must be a number ≥ 0",
            ));
            continue;
        }
        translations(&theme.title, row, &format!("{field}/title"), diags);
        for r in &theme.recommendations {
            let rf = format!("{field}/recommendations/{}", r.id);
            translations(&r.text, row, &rf, diags);
            if r.levels
                .iter()
                .any(|l| !levels.iter().any(|d| d.level == *l))
            {
                diags.push(Diagnostic::warning(
                    row,
                    rf,
                    Code::OutOfRange,
                    "recommendation names a level outside 1–5",
                ));
            }
        }
        out.push(theme);
    }
    out
}

fn questions(
    root: &serde_json::Map<String, Value>,
    themes: &[Theme],
    links: &BTreeSet<String>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Question> {
    let items = array(root, "questions", diags);
    let mut all_ids: BTreeSet<&str> = BTreeSet::new();
    all_ids.extend(
        items
            .iter()
            .filter_map(|v| v.get("id").and_then(Value::as_str)),
    );
    // Questions that drive branching or the profile may rightly give no points.
    let mut informational: BTreeSet<String> = BTreeSet::new();
    informational.extend(
        items
            .iter()
            .filter_map(|v| v.pointer("/showIf/question").and_then(Value::as_str))
            .map(str::to_owned),
    );
    for key in ["profile", "sideStream"] {
        if let Some(Value::Object(p)) = root.get(key) {
            informational.extend(p.values().filter_map(Value::as_str).map(str::to_owned));
        }
    }
    let mut out: Vec<Question> = Vec::new();
    let mut rec_ids: BTreeSet<String> = BTreeSet::new();
    rec_ids.extend(
        themes
            .iter()
            .flat_map(|t| t.recommendations.iter().map(|r| r.id.clone())),
    );
    for (i, v) in items.iter().enumerate() {
        let row = i + 1;
        let q: Question = match crate::strict::from_value(v) {
            Ok((q, unknown)) => {
                let known = crate::strict::known(&[
                    crate::strict::fields_of::<Question>(),
                    crate::strict::fields_of::<super::model::Choice>(),
                    crate::strict::fields_of::<super::model::Band>(),
                ]);
                for u in unknown {
                    let field = format!("questions.{}", u.field());
                    diags.push(crate::strict::unknown_key(row, &field, u.key(), &known));
                }
                q
            }
            Err(e) => {
                diags.push(Diagnostic::error(
                    row,
                    "questions",
                    Code::RowUnreadable,
                    format!("question dropped: {e}"),
                ));
                continue;
            }
        };
        let field = format!("questions/{}", q.id);
        let mut errors = Vec::new();
        if !is_token(&q.id) {
            errors.push("id may only hold letters, digits, `-` and `_`".to_owned());
        }
        if out.iter().any(|o| o.id == q.id) {
            errors.push(format!("duplicate id `{}`", q.id));
        }
        if !themes.iter().any(|t| t.id == q.theme) {
            errors.push(format!("unknown theme `{}`", q.theme));
        }
        if !(q.weight.is_finite() && q.weight >= 0.0) {
            errors.push("weight must be a number ≥ 0".into());
        }
        errors.extend(kind_errors(&q));
        if let Some(c) = &q.show_if {
            match out.iter().find(|o| o.id == c.question) {
                Some(target) => errors.extend(test_errors(target, &c.test, "condition")),
                None if all_ids.contains(c.question.as_str()) => errors.push(format!(
                    "condition refers to `{}`, which is not an earlier valid question",
                    c.question
                )),
                None => errors.push(format!(
                    "condition refers to unknown question `{}`",
                    c.question
                )),
            }
        }
        for r in &q.recommendations {
            errors.extend(test_errors(
                &q,
                &r.when,
                &format!("recommendation `{}`", r.id),
            ));
        }
        if !errors.is_empty() {
            for e in errors {
                diags.push(Diagnostic::error(
                    row,
                    field.clone(),
                    Code::RowUnreadable,
                    format!("question dropped: {e}"),
                ));
            }
            continue;
        }
        warnings(&q, row, &field, links, &informational, &mut rec_ids, diags);
        out.push(q);
    }
    out
}

fn kind_errors(q: &Question) -> Vec<String> {
    let mut errors = Vec::new();
    let choice = matches!(q.kind, QuestionKind::Single | QuestionKind::Multiple);
    if choice {
        if q.options.is_empty() {
            errors.push("a choice question needs options".into());
        }
        let mut seen = BTreeSet::new();
        for o in &q.options {
            if !seen.insert(o.id.as_str()) {
                errors.push(format!("duplicate option `{}`", o.id));
            }
            if o.id == DONT_KNOW || o.id.is_empty() {
                errors.push(format!("option id `{}` is empty or reserved", o.id));
            }
            if o.points.is_nan() {
                errors.push(format!("option `{}` has no points", o.id));
            } else if !(o.points.is_finite() && o.points >= 0.0) {
                errors.push(format!("option `{}` must have points ≥ 0", o.id));
            }
        }
    } else if !q.options.is_empty() {
        errors.push("only single and multiple choice questions have options".into());
    }
    if let Some(cap) = q.max_points
        && !(cap.is_finite() && cap > 0.0)
    {
        errors.push("maxPoints must be a number > 0".into());
    }
    if let Some(p) = q.points
        && ![p.yes, p.no].iter().all(|x| x.is_finite() && *x >= 0.0)
    {
        errors.push("yes/no points must be numbers ≥ 0".into());
    }
    if q.kind == QuestionKind::Number {
        if q.bands.is_empty() {
            errors.push("a numeric question needs scoring bands".into());
        }
        for (i, b) in q.bands.iter().enumerate() {
            if b.points.is_nan() {
                errors.push(format!("band {} has no points", i + 1));
            } else if !(b.points.is_finite() && b.points >= 0.0) {
                errors.push(format!("band {} must have points ≥ 0", i + 1));
            }
            if let (Some(lo), Some(hi)) = (b.min, b.max)
                && lo >= hi
            {
                errors.push(format!("band {} has min ≥ max", i + 1));
            }
        }
    }
    errors
}

/// Errors in a test on `target`'s answer.
fn test_errors(target: &Question, test: &Test, what: &str) -> Vec<String> {
    let mut errors = Vec::new();
    if test.is_empty() {
        errors.push(format!(
            "{what} needs `equals`, `in`, `atLeast` or `atMost`"
        ));
    }
    let choice = matches!(target.kind, QuestionKind::Single | QuestionKind::Multiple);
    let named = test.equals.iter().chain(test.in_.iter().flatten());
    for want in named {
        let known = match target.kind {
            _ if want == DONT_KNOW => true,
            _ if want == NOT_APPLICABLE => target.not_applicable,
            QuestionKind::YesNo => want == "yes" || want == "no",
            QuestionKind::Scale => want.parse::<u8>().is_ok_and(|v| v <= SCALE_MAX),
            QuestionKind::Number => want.parse::<f64>().is_ok(),
            _ if choice => target.options.iter().any(|o| &o.id == want),
            _ => false,
        };
        if !known {
            errors.push(format!(
                "{what} tests `{want}`, which `{}` cannot answer",
                target.id
            ));
        }
    }
    errors
}

fn warnings(
    q: &Question,
    row: usize,
    field: &str,
    links: &BTreeSet<String>,
    informational: &BTreeSet<String>,
    rec_ids: &mut BTreeSet<String>,
    diags: &mut Vec<Diagnostic>,
) {
    translations(&q.text, row, &format!("{field}/text"), diags);
    if q.help.fi.is_some() || q.help.sv.is_some() || q.help.en.is_some() {
        translations(&q.help, row, &format!("{field}/help"), diags);
    }
    for o in &q.options {
        translations(&o.text, row, &format!("{field}/options/{}", o.id), diags);
    }
    if !q.scale_labels.is_empty() && q.scale_labels.len() != usize::from(SCALE_MAX) + 1 {
        diags.push(Diagnostic::warning(
            row,
            field,
            Code::InvalidSetting,
            "a scale needs five labels (0–4) or none",
        ));
    }
    if q.kind == QuestionKind::Number && q.unit.is_none() {
        diags.push(Diagnostic::warning(
            row,
            field,
            Code::InvalidSetting,
            "numeric question has no unit",
        ));
    }
    if super::answer::max_points(q) == 0.0 && !informational.contains(&q.id) {
        diags.push(Diagnostic::warning(
            row,
            field,
            Code::InvalidSetting,
            "question gives no points and is not scored",
        ));
    }
    for r in &q.recommendations {
        rec_warnings(r, row, field, links, rec_ids, diags);
    }
    for f in &q.red_flags {
        if let Some(link) = &f.link
            && !links.contains(link)
        {
            diags.push(
                Diagnostic::warning(
                    row,
                    format!("{field}/redFlags/{}", f.id),
                    Code::InvalidSetting,
                    format!("link `{link}` has no default target"),
                )
                .with_value(link),
            );
        }
    }
    for (what, text) in [("findOut", &q.find_out), ("action", &q.action)] {
        if text.fi.is_some() || text.sv.is_some() || text.en.is_some() {
            translations(text, row, &format!("{field}/{what}"), diags);
        }
    }
}

fn rec_warnings(
    r: &AnswerRecommendation,
    row: usize,
    field: &str,
    links: &BTreeSet<String>,
    rec_ids: &mut BTreeSet<String>,
    diags: &mut Vec<Diagnostic>,
) {
    let rf = format!("{field}/recommendations/{}", r.id);
    translations(&r.text, row, &rf, diags);
    if !rec_ids.insert(r.id.clone()) {
        diags.push(Diagnostic::warning(
            row,
            rf.clone(),
            Code::Duplicate,
            "duplicate recommendation id",
        ));
    }
    if let Some(link) = &r.link
        && !links.contains(link)
    {
        diags.push(
            Diagnostic::warning(
                row,
                rf,
                Code::InvalidSetting,
                format!("link `{link}` has no default target"),
            )
            .with_value(link),
        );
    }
}
