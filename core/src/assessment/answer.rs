//! Reading an [`Answer`] against its question: validity, points and condition tests.

use super::model::{Answer, DONT_KNOW, NO, NOT_APPLICABLE, Question, QuestionKind, Test, YES};

/// An answer checked against its question.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Given {
    DontKnow,
    /// Leaves the question out of its theme's denominator.
    NotApplicable,
    Option(usize),
    /// Sorted, without duplicates.
    Options(Vec<usize>),
    Scale(u8),
    Yes,
    No,
    Number(f64),
}

/// Highest scale value.
pub(crate) const SCALE_MAX: u8 = 4;

/// Checks `answer` against `q`; the error says why it cannot be used.
pub(crate) fn interpret(q: &Question, answer: &Answer) -> Result<Given, String> {
    if matches!(answer, Answer::Text(t) if t == DONT_KNOW) {
        return Ok(Given::DontKnow);
    }
    if matches!(answer, Answer::Text(t) if t == NOT_APPLICABLE) {
        return if q.not_applicable {
            Ok(Given::NotApplicable)
        } else {
            Err(format!("`{}` does not accept \"not applicable\"", q.id))
        };
    }
    let option_index = |id: &str| {
        q.options
            .iter()
            .position(|o| o.id == id)
            .ok_or_else(|| format!("`{id}` is not an option of `{}`", q.id))
    };
    match (q.kind, answer) {
        (QuestionKind::Single, Answer::Text(id)) => option_index(id).map(Given::Option),
        (QuestionKind::Multiple, Answer::List(ids)) => {
            let mut picked = ids
                .iter()
                .map(|id| option_index(id))
                .collect::<Result<Vec<_>, _>>()?;
            crate::sort::sort(&mut picked);
            picked.dedup();
            Ok(Given::Options(picked))
        }
        (QuestionKind::Scale, Answer::Number(v)) => {
            // Whole numbers 0–4 only: a scale is not a slider.
            if v.fract() == 0.0 && (0.0..=f64::from(SCALE_MAX)).contains(v) {
                Ok(Given::Scale(*v as u8))
            } else {
                Err(format!("`{}` needs a whole number 0–4, not {v}", q.id))
            }
        }
        (QuestionKind::YesNo, Answer::Text(t)) if t == YES => Ok(Given::Yes),
        (QuestionKind::YesNo, Answer::Text(t)) if t == NO => Ok(Given::No),
        (QuestionKind::Number, Answer::Number(v)) if v.is_finite() => Ok(Given::Number(*v)),
        _ => Err(format!(
            "answer {} does not fit {} question `{}`",
            short(answer),
            kind_name(q.kind),
            q.id
        )),
    }
}

fn short(answer: &Answer) -> String {
    let text = serde_json::to_string(answer).unwrap_or_default();
    text.chars().take(40).collect()
}

pub(crate) fn kind_name(kind: QuestionKind) -> &'static str {
    match kind {
        QuestionKind::Single => "a single-choice",
        QuestionKind::Multiple => "a multiple-choice",
        QuestionKind::Scale => "a 0–4 scale",
        QuestionKind::YesNo => "a yes/no",
        QuestionKind::Number => "a numeric",
    }
}

fn yes_no(q: &Question) -> (f64, f64) {
    q.points.map_or((1.0, 0.0), |p| (p.yes, p.no))
}

/// The most points `q` can give; 0 means the question is informational and not scored.
pub(crate) fn max_points(q: &Question) -> f64 {
    let m = match q.kind {
        QuestionKind::Single => q.options.iter().map(|o| o.points).fold(0.0, f64::max),
        QuestionKind::Multiple => {
            let sum: f64 = q.options.iter().map(|o| o.points).sum();
            q.max_points.map_or(sum, |cap| cap.min(sum))
        }
        QuestionKind::Scale => f64::from(SCALE_MAX),
        QuestionKind::YesNo => {
            let (y, n) = yes_no(q);
            y.max(n)
        }
        QuestionKind::Number => q.bands.iter().map(|b| b.points).fold(0.0, f64::max),
    };
    if m.is_finite() && m > 0.0 { m } else { 0.0 }
}

/// Points earned by `given`, never above [`max_points`].
pub(crate) fn earned(q: &Question, given: &Given) -> f64 {
    let raw = match given {
        Given::DontKnow | Given::NotApplicable => 0.0,
        Given::Option(i) => q.options.get(*i).map_or(0.0, |o| o.points),
        Given::Options(ix) => ix
            .iter()
            .filter_map(|i| q.options.get(*i))
            .map(|o| o.points)
            .sum(),
        Given::Scale(v) => f64::from(*v),
        Given::Yes => yes_no(q).0,
        Given::No => yes_no(q).1,
        Given::Number(v) => band_points(q, *v),
    };
    if raw.is_finite() {
        raw.clamp(0.0, max_points(q))
    } else {
        0.0
    }
}

fn band_points(q: &Question, v: f64) -> f64 {
    q.band_of(v)
        .and_then(|i| q.bands.get(i))
        .map_or(0.0, |b| b.points)
}

/// The number a `atLeast`/`atMost` test compares.
fn numeric(q: &Question, given: &Given) -> Option<f64> {
    match given {
        Given::DontKnow | Given::NotApplicable => None,
        Given::Scale(v) => Some(f64::from(*v)),
        Given::Number(v) => Some(*v),
        other => Some(earned(q, other)),
    }
}

fn equals(q: &Question, given: &Given, want: &str) -> bool {
    let option_is = |i: &usize| q.options.get(*i).is_some_and(|o| o.id == want);
    match given {
        Given::DontKnow => want == DONT_KNOW,
        Given::NotApplicable => want == NOT_APPLICABLE,
        Given::Option(i) => option_is(i),
        Given::Options(ix) => ix.iter().any(option_is),
        Given::Scale(v) => want.trim().parse::<f64>().is_ok_and(|w| w == f64::from(*v)),
        Given::Yes => want == YES,
        Given::No => want == NO,
        Given::Number(v) => want.trim().parse::<f64>().is_ok_and(|w| w == *v),
    }
}

/// Whether `given` passes every part of `test`; an empty test never passes.
pub(crate) fn passes(q: &Question, given: &Given, test: &Test) -> bool {
    if test.is_empty() {
        return false;
    }
    let eq = test.equals.as_deref().is_none_or(|w| equals(q, given, w));
    let within = test
        .in_
        .as_ref()
        .is_none_or(|ws| ws.iter().any(|w| equals(q, given, w)));
    let value = numeric(q, given);
    let low = test
        .at_least
        .is_none_or(|min| value.is_some_and(|v| v >= min));
    let high = test
        .at_most
        .is_none_or(|max| value.is_some_and(|v| v <= max));
    eq && within && low && high
}
