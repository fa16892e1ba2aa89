//! Share links (answers in a URL fragment) and the versioned storage format for saved answers.

use super::answer::{Given, SCALE_MAX, interpret};
use super::model::{Answer, Answers, Choice, Question, QuestionKind, Questionnaire};
use super::score::QuestionnaireRef;
use crate::Code;
use crate::vocab::Diagnostic;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;
use thiserror::Error;

/// Why a share link could not be used at all (saved data recovers per answer instead).
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum ShareError {
    #[error("not a kiertokit share link")]
    /// The text is not a share link of this tool.
    NotAShareLink,
    #[error("share link is longer than {max} characters")]
    /// The link is longer than any this tool writes.
    TooLong {
        /// The longest link accepted, in characters.
        max: usize,
    },
    #[error("share link is for questionnaire `{found}`, not `{expected}`")]
    /// The link is for another questionnaire.
    WrongQuestionnaire {
        /// This questionnaire's id.
        expected: String,
        /// The id in the link.
        found: String,
    },
    #[error("share link is for version {found} of the questionnaire, this is version {expected}")]
    /// The link is for another version of this questionnaire.
    WrongVersion {
        /// This questionnaire's version.
        expected: u32,
        /// The version in the link, as written.
        found: String,
    },
    #[error("share link is damaged: {reason}")]
    /// The link's data cannot be decoded.
    Damaged {
        /// What is wrong with it, in English.
        reason: String,
    },
}

/// Answers read from a share link, with what had to be skipped.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SharedAnswers {
    /// The answers that could be read.
    pub answers: Answers,
    /// What was skipped, and why.
    pub diagnostics: Vec<Diagnostic>,
}

/// Version of the share-link layout; the first field of every link.
const SHARE_FORMAT: &str = "1";
/// Longest link `decode_share` reads, so a hostile URL cannot make it allocate much.
const SHARE_MAX: usize = 8192;

const TAG_NONE: u8 = 0;
const TAG_DONT_KNOW: u8 = 1;
const TAG_YES: u8 = 2;
const TAG_NO: u8 = 3;
const TAG_OPTION: u8 = 4;
const TAG_OPTIONS: u8 = 5;
const TAG_SCALE: u8 = 6;
const TAG_NUMBER: u8 = 7;
const TAG_NOT_APPLICABLE: u8 = 8;

/// Encodes `answers` as `1.<id>.<version>.<base64url>`, safe in a URL fragment.
///
/// The payload holds one tagged entry per question in questionnaire order (trailing unanswered
/// questions omitted) and a 16-bit checksum. Answers that do not fit their question are left out.
/// The default questionnaire fully answered stays far below 2,000 characters.
pub fn encode_share(q: &Questionnaire, answers: &Answers) -> String {
    let mut bytes = Vec::new();
    let mut last_used = 0;
    for question in &q.questions {
        let given = answers
            .get(&question.id)
            .and_then(|a| interpret(question, a).ok());
        let used = given.is_some();
        match given {
            None => bytes.push(TAG_NONE),
            Some(Given::DontKnow) => bytes.push(TAG_DONT_KNOW),
            Some(Given::NotApplicable) => bytes.push(TAG_NOT_APPLICABLE),
            Some(Given::Yes) => bytes.push(TAG_YES),
            Some(Given::No) => bytes.push(TAG_NO),
            Some(Given::Option(i)) => {
                bytes.push(TAG_OPTION);
                push_varint(&mut bytes, i);
            }
            Some(Given::Options(ix)) => {
                bytes.push(TAG_OPTIONS);
                let mut mask = vec![0u8; question.options.len().div_ceil(8)];
                for i in ix {
                    if let Some(b) = mask.get_mut(i / 8) {
                        *b |= 1 << (i % 8);
                    }
                }
                bytes.extend(mask);
            }
            Some(Given::Scale(v)) => bytes.extend([TAG_SCALE, v]),
            Some(Given::Number(v)) => {
                bytes.push(TAG_NUMBER);
                bytes.extend(v.to_le_bytes());
            }
        }
        if used {
            last_used = bytes.len();
        }
    }
    bytes.truncate(last_used);
    let sum = checksum(&q.id, q.version, &bytes);
    bytes.extend(sum.to_le_bytes());
    format!(
        "{SHARE_FORMAT}.{}.{}.{}",
        q.id,
        q.version,
        base64url(&bytes)
    )
}

/// Reads a share link made by [`encode_share`] for the same questionnaire and version.
///
/// A leading `#` is ignored. Wrong questionnaire or version, bad characters or a failed checksum
/// are errors; entries that do not fit (unknown option, value out of range) are skipped and
/// reported in `diagnostics`.
pub fn decode_share(q: &Questionnaire, link: &str) -> Result<SharedAnswers, ShareError> {
    let link = link.trim().trim_start_matches('#');
    if link.len() > SHARE_MAX {
        return Err(ShareError::TooLong { max: SHARE_MAX });
    }
    let parts: Vec<&str> = link.split('.').collect();
    let [format, id, version, payload] = parts.as_slice() else {
        return Err(ShareError::NotAShareLink);
    };
    if *format != SHARE_FORMAT {
        return Err(ShareError::NotAShareLink);
    }
    if *id != q.id {
        return Err(ShareError::WrongQuestionnaire {
            expected: q.id.clone(),
            found: clip(id),
        });
    }
    let wrong_version = || ShareError::WrongVersion {
        expected: q.version,
        found: clip(version),
    };
    let made_for = version.parse::<u32>().map_err(|_| wrong_version())?;
    // A link of an earlier version is read with that version's layout, then migrated.
    let past = if made_for == q.version {
        None
    } else {
        Some(past_layout(&q.id, made_for).ok_or_else(wrong_version)?)
    };
    let damaged = |reason: &str| ShareError::Damaged {
        reason: reason.to_owned(),
    };
    let mut bytes = unbase64url(payload).ok_or_else(|| damaged("characters outside base64url"))?;
    if bytes.len() < 2 {
        return Err(damaged("too short"));
    }
    let tail = bytes.split_off(bytes.len() - 2);
    let stored = u16::from_le_bytes([tail[0], tail[1]]);
    if stored != checksum(&q.id, made_for, &bytes) {
        return Err(damaged("checksum does not match"));
    }
    Ok(match past {
        None => read_entries(&q.questions, &bytes),
        Some(layout) => migrate(q, made_for, read_entries(&layout, &bytes)),
    })
}

/// Question layouts of earlier versions of the built-in questionnaire, for their share links.
const PAST_LAYOUTS: &str = include_str!("../../data/questionnaire-layouts.txt");

/// The questions (id, kind, option ids, whether "not applicable" was accepted) of `version` of
/// questionnaire `id`, when it is an earlier version of the built-in one.
pub(crate) fn past_layout(id: &str, version: u32) -> Option<Vec<Question>> {
    let header = format!("version {id} {version}");
    let mut lines = PAST_LAYOUTS.lines().skip_while(|l| *l != header).skip(1);
    let mut questions = Vec::new();
    for line in lines.by_ref().take_while(|l| !l.starts_with("version ")) {
        let mut f = line.split_whitespace();
        let (Some(qid), Some(kind), Some(options)) = (f.next(), f.next(), f.next()) else {
            continue;
        };
        let kind = serde_json::from_value(Value::String(kind.to_owned())).ok()?;
        let options = options
            .split(',')
            .filter(|o| *o != "-")
            .map(|o| Choice {
                id: o.to_owned(),
                text: Default::default(),
                points: 0.0,
            })
            .collect();
        questions.push(past_question(qid, kind, options, f.next() == Some("na")));
    }
    (!questions.is_empty()).then_some(questions)
}

fn past_question(id: &str, kind: QuestionKind, options: Vec<Choice>, na: bool) -> Question {
    Question {
        id: id.to_owned(),
        theme: String::new(),
        kind,
        text: Default::default(),
        help: Default::default(),
        weight: 1.0,
        options,
        max_points: None,
        scale_labels: Vec::new(),
        points: None,
        unit: None,
        bands: Vec::new(),
        show_if: None,
        dont_know: true,
        recommendations: Vec::new(),
        not_applicable: na,
        quick: false,
        measured: false,
        find_out: Default::default(),
        action: Default::default(),
        red_flags: Vec::new(),
    }
}

/// Keeps the answers of an earlier version's link that fit `q`; the others are set aside with
/// the reason, as saved answers are.
fn migrate(q: &Questionnaire, made_for: u32, old: SharedAnswers) -> SharedAnswers {
    let mut out = SharedAnswers {
        answers: Answers::new(),
        diagnostics: old.diagnostics,
    };
    out.diagnostics.push(Diagnostic::warning(
        0,
        "version",
        Code::OtherVersion,
        format!(
            "share link made for version {made_for}, read as version {}",
            q.version
        ),
    ));
    for (id, answer) in old.answers {
        let why = match q.questions.iter().enumerate().find(|(_, x)| x.id == id) {
            Some((i, x)) => match interpret(x, &answer) {
                Ok(_) => {
                    out.answers.insert(id, answer);
                    continue;
                }
                Err(why) => (i + 1, why),
            },
            None => (0, format!("no such question in version {}", q.version)),
        };
        out.diagnostics.push(Diagnostic::warning(
            why.0,
            id,
            Code::AnswerSetAside,
            format!("answer set aside: {}", why.1),
        ));
    }
    out
}

fn clip(s: &str) -> String {
    s.chars().take(64).collect()
}

fn read_entries(questions: &[Question], bytes: &[u8]) -> SharedAnswers {
    let mut out = SharedAnswers::default();
    let mut r = Reader { bytes, pos: 0 };
    for (i, question) in questions.iter().enumerate() {
        let Some(tag) = r.byte() else { break };
        let row = i + 1;
        let skip = |out: &mut SharedAnswers, why: &str| {
            out.diagnostics.push(Diagnostic::warning(
                row,
                question.id.clone(),
                Code::AnswerSetAside,
                format!("answer skipped: {why}"),
            ));
        };
        let answer = match tag {
            TAG_NONE => None,
            TAG_DONT_KNOW => Some(Answer::dont_know()),
            TAG_NOT_APPLICABLE => Some(Answer::not_applicable()),
            TAG_YES => Some(Answer::yes()),
            TAG_NO => Some(Answer::no()),
            TAG_OPTION => match r.varint() {
                Some(ix) => question
                    .options
                    .get(ix)
                    .map(|o| Answer::option(&o.id))
                    .or_else(|| {
                        skip(&mut out, "unknown option");
                        None
                    }),
                None => {
                    skip(&mut out, "entry cut short");
                    break;
                }
            },
            TAG_OPTIONS => match options_entry(question, &mut r) {
                Ok(a) => Some(a),
                Err(why) => {
                    skip(&mut out, why);
                    if r.pos >= r.bytes.len() {
                        break;
                    }
                    None
                }
            },
            TAG_SCALE => match r.byte() {
                Some(v) if v <= SCALE_MAX => Some(Answer::number(f64::from(v))),
                Some(_) => {
                    skip(&mut out, "scale value out of range");
                    None
                }
                None => break,
            },
            TAG_NUMBER => match r.take(8).and_then(|b| <[u8; 8]>::try_from(b).ok()) {
                Some(raw) => {
                    let v = f64::from_le_bytes(raw);
                    v.is_finite().then_some(Answer::number(v)).or_else(|| {
                        skip(&mut out, "not a finite number");
                        None
                    })
                }
                None => break,
            },
            _ => {
                skip(&mut out, "unknown entry; the rest of the link was not read");
                break;
            }
        };
        // The kind check catches an entry that decodes but does not belong to this question.
        if let Some(a) = answer {
            match interpret(question, &a) {
                Ok(_) => {
                    out.answers.insert(question.id.clone(), a);
                }
                Err(e) => skip(&mut out, &e),
            }
        }
    }
    if r.pos < r.bytes.len() {
        out.diagnostics.push(Diagnostic::warning(
            0,
            "",
            Code::ExtraEntries,
            "share link has more entries than the questionnaire",
        ));
    }
    out
}

fn options_entry(question: &Question, r: &mut Reader<'_>) -> Result<Answer, &'static str> {
    if question.kind != QuestionKind::Multiple {
        // Length depends on the question, so a misplaced mask cannot be skipped reliably.
        return Err("not a multiple-choice question");
    }
    let mask = r
        .take(question.options.len().div_ceil(8))
        .ok_or("entry cut short")?;
    let mut ids = Vec::new();
    for (i, o) in question.options.iter().enumerate() {
        if mask.get(i / 8).is_some_and(|b| b & (1 << (i % 8)) != 0) {
            ids.push(o.id.clone());
        }
    }
    let spare = question.options.len() % 8;
    if spare != 0 && mask.last().is_some_and(|b| b >> spare != 0) {
        return Err("unknown option");
    }
    Ok(Answer::List(ids))
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn byte(&mut self) -> Option<u8> {
        let b = *self.bytes.get(self.pos)?;
        self.pos += 1;
        Some(b)
    }
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.pos.checked_add(n)?;
        let slice = self.bytes.get(self.pos..end)?;
        self.pos = end;
        Some(slice)
    }
    fn varint(&mut self) -> Option<usize> {
        let mut value: usize = 0;
        for shift in (0..28).step_by(7) {
            let b = self.byte()?;
            value |= usize::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Some(value);
            }
        }
        None
    }
}

fn push_varint(out: &mut Vec<u8>, mut v: usize) {
    while v >= 0x80 {
        out.push((v as u8 & 0x7f) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// FNV-1a folded to 16 bits, over the questionnaire id, version and payload.
fn checksum(id: &str, version: u32, payload: &[u8]) -> u16 {
    let mut h: u32 = 0x811c_9dc5;
    let head = format!("{id}.{version}.");
    for b in head.bytes().chain(payload.iter().copied()) {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    ((h >> 16) ^ (h & 0xffff)) as u16
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

fn base64url(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for k in 0..=chunk.len() {
            out.push(char::from(ALPHABET[(n >> (18 - 6 * k)) as usize & 63]));
        }
    }
    out
}

fn unbase64url(text: &str) -> Option<Vec<u8>> {
    let values: Vec<u32> = text
        .bytes()
        .map(|c| ALPHABET.iter().position(|a| *a == c).map(|p| p as u32))
        .collect::<Option<_>>()?;
    if values.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(values.len() * 3 / 4);
    for chunk in values.chunks(4) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, v)| n | v << (18 - 6 * i));
        for k in 0..chunk.len() - 1 {
            out.push((n >> (16 - 8 * k)) as u8);
        }
    }
    Some(out)
}

/// Name of the storage format, so foreign data in the same storage key is recognised.
pub const STORAGE_FORMAT: &str = "kiertokit-assessment-answers";
/// Current storage format version.
pub const STORAGE_VERSION: u32 = 2;

/// Saved answers, as the widget keeps them in `localStorage`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Stored {
    /// The storage format's name ([`STORAGE_FORMAT`]).
    pub format: String,
    /// The storage format's version ([`STORAGE_VERSION`] when written now).
    pub format_version: u32,
    /// The questionnaire (id and version) the answers belong to.
    pub questionnaire: QuestionnaireRef,
    /// The answers, by question id.
    pub answers: Answers,
    /// Where the respondent was (e.g. a theme id), to resume there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step: Option<String>,
    /// Answers that fit no question of this version (removed or changed questions), kept as
    /// saved so that nothing a respondent entered is lost by a questionnaire update.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub set_aside: BTreeMap<String, Value>,
    /// The respondent chose the quick check (format 2; format 1 saves are the full assessment).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub quick: bool,
}

/// What [`recover_storage`] could make of saved data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum RecoveryStatus {
    /// Nothing saved.
    #[default]
    Empty,
    /// Current format, every answer kept.
    Intact,
    /// Older format or another questionnaire version, every answer kept.
    Migrated,
    /// Something was dropped or the data was damaged; the readable part was kept.
    Repaired,
    /// Nothing readable.
    Unreadable,
}

/// Answers recovered from storage and what was dropped on the way.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Recovered {
    /// How the recovery went.
    pub status: RecoveryStatus,
    /// The answers kept, by question id.
    pub answers: Answers,
    /// Where the respondent was, to resume there.
    pub step: Option<String>,
    /// What could not be used, and why (the answers themselves are in `set_aside`).
    pub dropped: Vec<Diagnostic>,
    /// Answers to unknown questions or that no longer fit, as saved; pass them back to
    /// [`to_storage_kept`] so that they survive the next save.
    #[serde(rename = "setAside")]
    pub set_aside: BTreeMap<String, Value>,
    /// Whether the quick check was chosen; false for saves from before the choice was kept.
    pub quick: bool,
}

/// The JSON text to save for `answers` (current format, questionnaire id and version).
pub fn to_storage(q: &Questionnaire, answers: &Answers, step: Option<&str>) -> String {
    to_storage_kept(q, answers, step, &BTreeMap::new(), false)
}

/// [`to_storage`] that also keeps the answers set aside by an earlier migration and the
/// quick-check choice.
pub fn to_storage_kept(
    q: &Questionnaire,
    answers: &Answers,
    step: Option<&str>,
    set_aside: &BTreeMap<String, Value>,
    quick: bool,
) -> String {
    // Filled by insertion: `collect` into a map would add a copy of the standard sort.
    let mut kept = BTreeMap::new();
    kept.extend(
        set_aside
            .iter()
            .filter(|(k, _)| !answers.contains_key(*k))
            .map(|(k, v)| (k.clone(), v.clone())),
    );
    let set_aside = kept;
    let stored = Stored {
        format: STORAGE_FORMAT.to_owned(),
        format_version: STORAGE_VERSION,
        questionnaire: QuestionnaireRef {
            id: q.id.clone(),
            version: q.version,
        },
        answers: answers.clone(),
        step: step.map(str::to_owned),
        set_aside,
        quick,
    };
    serde_json::to_string(&stored).unwrap_or_default()
}

/// Reads saved answers of any format version, keeping every answer that still fits `q`.
///
/// Accepts the current format, the bare answers map of format 0, and damaged JSON (answers up to
/// the damage are kept). Never fails: the worst case is `Unreadable` with no answers.
pub fn recover_storage(q: &Questionnaire, text: &str) -> Recovered {
    let mut out = Recovered::default();
    let text = text.trim();
    if text.is_empty() || text == "null" {
        return out;
    }
    let mut changed = false;
    let entries: Vec<(String, Value)> = match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(root)) => {
            if root.get("format").and_then(Value::as_str) == Some(STORAGE_FORMAT) {
                changed |= check_header(q, &root, &mut out.dropped);
                out.step = root.get("step").and_then(Value::as_str).map(clip);
                out.quick = root.get("quick").and_then(Value::as_bool).unwrap_or(false);
                // Set aside by an earlier migration: carried forward unchanged.
                if let Some(Value::Object(aside)) = root.get("setAside") {
                    for (k, v) in aside {
                        out.set_aside.insert(clip(k), v.clone());
                    }
                }
                match root.get("answers") {
                    Some(Value::Object(a)) => a.clone().into_iter().collect(),
                    _ => {
                        out.dropped.push(Diagnostic::warning(
                            0,
                            "answers",
                            Code::Missing,
                            "saved data has no answers",
                        ));
                        changed = true;
                        Vec::new()
                    }
                }
            } else if root.contains_key("format") {
                out.dropped.push(Diagnostic::error(
                    0,
                    "format",
                    Code::WrongShape,
                    "saved data is not kiertokit answers",
                ));
                out.status = RecoveryStatus::Unreadable;
                return out;
            } else {
                // Format 0 saved the answers map alone.
                changed = true;
                root.into_iter().collect()
            }
        }
        Ok(_) => {
            out.dropped.push(Diagnostic::error(
                0,
                "",
                Code::WrongShape,
                "saved data is not a JSON object",
            ));
            out.status = RecoveryStatus::Unreadable;
            return out;
        }
        Err(e) => {
            let kept = salvage(text);
            out.dropped.push(Diagnostic::warning(
                0,
                "",
                Code::SavedDamaged,
                format!(
                    "saved data is damaged ({e}); kept {} readable answers",
                    kept.len()
                ),
            ));
            changed = true;
            if kept.is_empty() {
                out.status = RecoveryStatus::Unreadable;
                return out;
            }
            kept
        }
    };
    let mut dropped_any = false;
    for (id, value) in entries {
        let Some((row, question)) = q.questions.iter().enumerate().find(|(_, x)| x.id == id) else {
            out.dropped.push(
                Diagnostic::warning(
                    0,
                    clip(&id),
                    Code::UnknownQuestion,
                    format!("answer to unknown question `{}` kept aside", clip(&id)),
                )
                .with_value(clip(&id)),
            );
            dropped_any = true;
            out.set_aside.insert(clip(&id), value);
            continue;
        };
        let checked = Answer::deserialize(&value)
            .map_err(|_| "not an answer".to_owned())
            .and_then(|a| interpret(question, &a).map(|_| a));
        match checked {
            Ok(a) => {
                out.set_aside.remove(&id);
                out.answers.insert(id, a);
            }
            Err(e) => {
                out.dropped.push(Diagnostic::warning(
                    row + 1,
                    id.clone(),
                    Code::AnswerSetAside,
                    format!("answer kept aside: {e}"),
                ));
                dropped_any = true;
                out.set_aside.insert(id, value);
            }
        }
    }
    out.status = if dropped_any || out.dropped.iter().any(|d| d.message.contains("damaged")) {
        RecoveryStatus::Repaired
    } else if changed {
        RecoveryStatus::Migrated
    } else {
        RecoveryStatus::Intact
    };
    out
}

/// Notes format-version and questionnaire differences; true when the data needed migrating.
fn check_header(
    q: &Questionnaire,
    root: &serde_json::Map<String, Value>,
    diags: &mut Vec<Diagnostic>,
) -> bool {
    let mut changed = false;
    let version = root.get("formatVersion").and_then(Value::as_u64);
    // Format 1 is format 2 without the quick-check choice: read as is, nothing to report.
    if version == Some(1) {
        changed = true;
    } else if version != Some(u64::from(STORAGE_VERSION)) {
        diags.push(Diagnostic::warning(
            0,
            "formatVersion",
            Code::OtherVersion,
            format!("saved in format {version:?}, read as format {STORAGE_VERSION}"),
        ));
        changed = true;
    }
    let saved: Option<QuestionnaireRef> = root
        .get("questionnaire")
        .and_then(|v| QuestionnaireRef::deserialize(v).ok());
    match saved {
        Some(r) if r.id == q.id && r.version == q.version => {}
        Some(r) => {
            diags.push(Diagnostic::warning(
                0,
                "questionnaire",
                Code::OtherVersion,
                format!(
                    "answers were saved for {} version {}; kept those that fit {} version {}",
                    clip(&r.id),
                    r.version,
                    q.id,
                    q.version
                ),
            ));
            changed = true;
        }
        None => {
            diags.push(Diagnostic::warning(
                0,
                "questionnaire",
                Code::Missing,
                "saved data does not name its questionnaire",
            ));
            changed = true;
        }
    }
    changed
}

/// Reads `"key": value` pairs of the answers object up to the first damage.
fn salvage(text: &str) -> Vec<(String, Value)> {
    let start = match text.find("\"answers\"") {
        Some(p) => text[p + 9..].find('{').map(|b| p + 9 + b),
        None => text.find('{'),
    };
    let Some(mut pos) = start.map(|p| p + 1) else {
        return Vec::new();
    };
    let skip_ws = |pos: &mut usize| {
        while text
            .as_bytes()
            .get(*pos)
            .is_some_and(u8::is_ascii_whitespace)
        {
            *pos += 1;
        }
    };
    let mut out = Vec::new();
    loop {
        skip_ws(&mut pos);
        let Some(rest) = text.get(pos..) else { break };
        let mut keys = serde_json::Deserializer::from_str(rest).into_iter::<String>();
        let Some(Ok(key)) = keys.next() else { break };
        pos += keys.byte_offset();
        skip_ws(&mut pos);
        if text.as_bytes().get(pos) != Some(&b':') {
            break;
        }
        pos += 1;
        let Some(rest) = text.get(pos..) else { break };
        let mut values = serde_json::Deserializer::from_str(rest).into_iter::<Value>();
        let Some(Ok(value)) = values.next() else {
            break;
        };
        pos += values.byte_offset();
        skip_ws(&mut pos);
        match text.as_bytes().get(pos) {
            Some(b',') => {
                out.push((key, value));
                pos += 1;
            }
            // A value right before the cut may itself be cut (`35` read as `3`): keep only
            // values that are followed by `,` or `}`.
            Some(b'}') => {
                out.push((key, value));
                break;
            }
            _ => break,
        }
    }
    out
}

#[cfg(test)]
pub(crate) mod tests_support {
    use super::{Questionnaire, SHARE_FORMAT, base64url, checksum};

    /// A link with a hand-made payload and a correct checksum.
    pub(crate) fn link(q: &Questionnaire, payload: &[u8]) -> String {
        let mut bytes = payload.to_vec();
        bytes.extend(checksum(&q.id, q.version, payload).to_le_bytes());
        format!(
            "{SHARE_FORMAT}.{}.{}.{}",
            q.id,
            q.version,
            base64url(&bytes)
        )
    }
}
