//! Funding calls: open, closing soon or closed at a given instant; the eligibility pre-check
//! through the scoring engine's rules; an `.ics` calendar entry for the deadline.

use super::entry::{CallStatus, FundingCall};
use crate::scoring::{
    Application, Deadline, FailedRule, ORG_TYPE, Programme, REGION, Rule, TOPIC, parse_helsinki,
    passes, standard_text,
};
use crate::vocab::{Lang, Text};
use serde::{Deserialize, Serialize};

const DAY: i64 = 86_400;

/// Where a call stands at an instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CallState {
    /// Not open yet.
    Upcoming,
    /// Open, with more than the given number of days left (or continuous).
    Open,
    /// Open, and the deadline is within the given number of days.
    ClosingSoon,
    /// Past the deadline, or suspended by the funder.
    Closed,
}

impl CallState {
    /// The id used in files and facets (`closing-soon`).
    pub fn as_str(self) -> &'static str {
        match self {
            CallState::Upcoming => "upcoming",
            CallState::Open => "open",
            CallState::ClosingSoon => "closing-soon",
            CallState::Closed => "closed",
        }
    }
}

/// A call's state and times at one instant, all in UTC seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CallTiming {
    /// Where the call stands at the instant.
    pub state: CallState,
    /// When the call opens, UTC seconds; `None` when no opening time is given.
    pub opens_utc: Option<i64>,
    /// The deadline, UTC seconds; `None` for a continuous call.
    pub deadline_utc: Option<i64>,
    /// Until the deadline while the call is not closed (0 after it); `None` when continuous.
    pub seconds_left: Option<i64>,
}

/// The state of `call` at `now` (UTC seconds): upcoming before `opens`, closed after the
/// deadline or when the funder suspended it, closing soon when at most `within_days` days are
/// left, open otherwise. Applications are accepted up to and including the deadline minute.
pub fn call_timing(call: &FundingCall, now: i64, within_days: u32) -> CallTiming {
    let opens_utc = call.opens.as_deref().and_then(|s| parse_helsinki(s).ok());
    let deadline_utc = call
        .deadline
        .as_deref()
        .and_then(|s| parse_helsinki(s).ok());
    let seconds_left = deadline_utc.map(|d| (d - now).max(0));
    let state = if call.status == CallStatus::Suspended || deadline_utc.is_some_and(|d| now > d) {
        CallState::Closed
    } else if opens_utc.is_some_and(|o| now < o) {
        CallState::Upcoming
    } else if deadline_utc.is_some_and(|d| d - now <= i64::from(within_days) * DAY) {
        CallState::ClosingSoon
    } else {
        CallState::Open
    };
    CallTiming {
        state,
        opens_utc,
        deadline_utc,
        seconds_left,
    }
}

/// What an applicant tells the pre-check; `None` or empty means not answered yet.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Applicant {
    /// An organisation type id (`company`, `municipality`, …).
    pub organisation_type: Option<String>,
    /// Where the applicant is: a municipality or a region, Finnish or Swedish.
    pub place: Option<String>,
    /// Topic ids of the applicant's project.
    pub topics: Vec<String>,
}

/// The pre-check's answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Precheck {
    /// Every rule is answered and passed.
    pub eligible: bool,
    /// Answered rules that fail, with the scoring engine's reason codes and texts.
    pub failed: Vec<FailedRule>,
    /// Reason codes of the rules not answered yet.
    pub unanswered: Vec<String>,
}

fn question(code: &str) -> Text {
    match code {
        ORG_TYPE => Text::new(
            "Millainen organisaatio hakija on?",
            "Vilken typ av organisation är sökanden?",
            "What kind of organisation is the applicant?",
        ),
        REGION => Text::new(
            "Missä kunnassa tai maakunnassa hakija toimii?",
            "I vilken kommun eller vilket landskap är sökanden verksam?",
            "In which municipality or region is the applicant?",
        ),
        _ => Text::new(
            "Mitä aiheita hanke koskee?",
            "Vilka teman gäller projektet?",
            "Which topics does the project cover?",
        ),
    }
}

/// The call's eligibility as scoring rules: organisation type, region and topic, each only
/// when the call restricts it.
pub fn call_rules(call: &FundingCall) -> Vec<Rule> {
    let mut rules = Vec::new();
    let mut add = |code: &str, check: crate::scoring::Check| {
        rules.push(Rule {
            code: code.to_owned(),
            text: standard_text(code).unwrap_or_default(),
            question: question(code),
            basis: None,
            quote: None,
            quote_source: None,
            check,
        });
    };
    if !call.organisation_types.is_empty() {
        add(
            ORG_TYPE,
            crate::scoring::Check::OrganisationType {
                allowed: call.organisation_types.clone(),
                implementation_allowed: None,
            },
        );
    }
    if !call.regions.is_empty() {
        add(
            REGION,
            crate::scoring::Check::Region {
                allowed: call.regions.clone(),
            },
        );
    }
    if !call.topics.is_empty() {
        add(
            TOPIC,
            crate::scoring::Check::Topic {
                allowed: call.topics.clone(),
            },
        );
    }
    rules
}

/// The call as a programme holding only its rules: what [`passes`] reads.
fn as_programme(call: &FundingCall, rules: Vec<Rule>) -> Programme {
    Programme {
        format: crate::scoring::FORMAT.to_owned(),
        id: call.id.clone(),
        version: String::new(),
        name: call.title.clone(),
        description: Text::default(),
        deadline: Deadline {
            local: call.deadline.clone().unwrap_or_default(),
            time_zone: "Europe/Helsinki".to_owned(),
            note: Text::default(),
        },
        rules,
        criteria: Vec::new(),
        max_selected: 0,
        max_selected_basis: None,
        quotas: Vec::new(),
        source: call.source.clone(),
        blind: Vec::new(),
    }
}

/// Checks `applicant` against the call's rules with the scoring engine's [`passes`]; an
/// unanswered rule is listed as such and never counts as passed.
pub fn precheck(call: &FundingCall, applicant: &Applicant) -> Precheck {
    let programme = as_programme(call, call_rules(call));
    let app = Application {
        organisation_type: applicant.organisation_type.clone().unwrap_or_default(),
        region: applicant.place.clone(),
        themes: applicant.topics.clone(),
        ..Application::default()
    };
    let mut failed = Vec::new();
    let mut unanswered = Vec::new();
    for rule in &programme.rules {
        let answered = match rule.code.as_str() {
            ORG_TYPE => !app.organisation_type.trim().is_empty(),
            REGION => app.region.as_deref().is_some_and(|r| !r.trim().is_empty()),
            _ => app.themes.iter().any(|t| !t.trim().is_empty()),
        };
        if !answered {
            unanswered.push(rule.code.clone());
        } else if !passes(&programme, rule, &app) {
            failed.push(FailedRule {
                code: rule.code.clone(),
                text: rule.text.clone(),
            });
        }
    }
    Precheck {
        eligible: failed.is_empty() && unanswered.is_empty(),
        failed,
        unanswered,
    }
}

/// `YYYYMMDDTHHMMSSZ` of a UTC instant.
fn ics_utc(t: i64) -> String {
    let (y, m, d) = crate::date::civil_from_days(t.div_euclid(DAY));
    let s = t.rem_euclid(DAY);
    format!(
        "{y:04}{m:02}{d:02}T{:02}{:02}{:02}Z",
        s / 3600,
        s % 3600 / 60,
        s % 60
    )
}

/// RFC 5545 TEXT escaping: backslash, semicolon, comma and line breaks.
fn ics_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends one content line folded at 75 octets (never inside a UTF-8 character), CRLF-ended.
fn push_line(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
}

/// An iCalendar file with one event at the call's deadline (and a reminder a day before), in
/// `lang`; `stamp` is the UTC creation time. `None` for a continuous call or a bad deadline.
pub fn ics(call: &FundingCall, lang: Lang, stamp: i64) -> Option<String> {
    let deadline = parse_helsinki(call.deadline.as_deref()?).ok()?;
    let title = call.title.get(lang);
    let prefix = match lang {
        Lang::Fi => "Haku päättyy",
        Lang::Sv => "Ansökningstiden går ut",
        Lang::En => "Call closes",
    };
    let mut description = format!("{} — {}", call.funder, call.programme.get(lang));
    if let Some(link) = &call.link {
        description.push('\n');
        description.push_str(link);
    }
    let uid: String = call
        .id
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        .collect();
    let mut out = String::new();
    for line in [
        "BEGIN:VCALENDAR".to_owned(),
        "VERSION:2.0".to_owned(),
        "PRODID:-//Kiertokit//directory//EN".to_owned(),
        "CALSCALE:GREGORIAN".to_owned(),
        "METHOD:PUBLISH".to_owned(),
        "BEGIN:VEVENT".to_owned(),
        format!("UID:{uid}-deadline@kiertokit"),
        format!("DTSTAMP:{}", ics_utc(stamp)),
        format!("DTSTART:{}", ics_utc(deadline)),
        format!("DTEND:{}", ics_utc(deadline)),
        format!("SUMMARY:{}", ics_text(&format!("{prefix}: {title}"))),
        format!("DESCRIPTION:{}", ics_text(&description)),
    ] {
        push_line(&mut out, &line);
    }
    if let Some(link) = &call.link {
        push_line(&mut out, &format!("URL:{}", ics_text(link)));
    }
    for line in [
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        "TRIGGER:-P1D",
        &format!("DESCRIPTION:{}", ics_text(&format!("{prefix}: {title}"))),
        "END:VALARM",
        "END:VEVENT",
        "END:VCALENDAR",
    ] {
        push_line(&mut out, line);
    }
    Some(out)
}
