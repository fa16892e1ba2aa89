//! Closing-survey answers ("did this listing lead to an exchange?"): read strictly, stored in
//! the workspace as they came, and applied to the synergy they name.

use super::WorkspaceError;
use super::model::{DropReason, StatusChange, SynergyStatus, Workspace};
use crate::Code;
use crate::date::day_number;
use crate::matching::{Recurrence, Status};
use crate::strict;
use crate::vocab::{Diagnostic, Lang, Parsed, Quantity};
use serde::{Deserialize, Serialize};

/// Did the listing lead to an exchange?
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SurveyOutcome {
    /// The listing led to an exchange.
    Yes,
    /// It led to an exchange of part of the amount.
    Partly,
    /// It led to no exchange.
    No,
}

/// One answer, as the `closing-survey` widget emits it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SurveyAnswer {
    /// The answer's id; the same answer read twice changes nothing.
    pub id: String,
    /// The listing being closed.
    pub listing: String,
    /// The synergy it answers for, when the partner's page knows it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub synergy: Option<String>,
    /// Whether the listing led to an exchange.
    pub outcome: SurveyOutcome,
    /// With whom: the other listing's id or the other company's name, as the lister wrote it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partner: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// How much was exchanged, when the lister says.
    pub quantity: Option<Quantity>,
    #[serde(default)]
    /// Once or per year, month or week, for `quantity`.
    pub recurrence: Recurrence,
    /// Why not (outcome `no`, or what limited a `partly`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<DropReason>,
    /// The lister may be contacted about the answer.
    #[serde(default)]
    pub contact_permission: bool,
    /// `YYYY-MM-DD` of the answer.
    pub date: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    /// Anything else the lister wrote.
    pub comment: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// The language the lister answered in.
    pub lang: Option<Lang>,
}

/// Reads one answer (JSON object), with unknown keys as warnings.
pub fn parse_survey(text: &str) -> Result<Parsed<SurveyAnswer>, WorkspaceError> {
    let (answer, unknown) = strict::from_str::<SurveyAnswer>(text.trim_start_matches('\u{feff}'))
        .map_err(|e| WorkspaceError::NotJson(e.to_string()))?;
    let known = strict::known(&[
        strict::fields_of::<SurveyAnswer>(),
        strict::fields_of::<Quantity>(),
    ]);
    let mut diags: Vec<Diagnostic> = unknown.iter().map(|u| u.diagnostic(&known)).collect();
    if day_number(&answer.date).is_none() {
        return Err(WorkspaceError::Date(answer.date));
    }
    if answer.outcome == SurveyOutcome::No && answer.reason.is_none() {
        diags.push(Diagnostic::warning(
            0,
            "reason",
            Code::Missing,
            "no reason given for `no`; it is recorded as `other`",
        ));
    }
    Ok(Parsed::new(answer, diags))
}

/// What applying an answer did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Applied {
    /// The synergy whose status changed, if one did.
    pub synergy: Option<String>,
    /// The status the synergy moved to, if it changed.
    pub status: Option<SynergyStatus>,
    /// Why no synergy was updated, when none was (the answer is stored all the same).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unresolved: Option<String>,
    /// The answer was already in the workspace (same id and content): nothing changed.
    pub duplicate: bool,
}

/// Stores `answer` in the workspace, closes its listing and moves the synergy it names:
/// `yes` and `partly` → realised, `no` → dropped with its reason. The synergy is the one the
/// answer names, else the only open synergy of the listing, else the one whose other listing
/// or company the `partner` names. The answer is always kept, even when no synergy is found.
pub fn apply_survey(ws: &mut Workspace, answer: SurveyAnswer) -> Result<Applied, WorkspaceError> {
    if day_number(&answer.date).is_none() {
        return Err(WorkspaceError::Date(answer.date));
    }
    if let Some(old) = ws.surveys.iter().find(|s| s.id == answer.id) {
        if *old == answer {
            return Ok(Applied {
                synergy: None,
                status: None,
                unresolved: None,
                duplicate: true,
            });
        }
        return Err(WorkspaceError::AnswerIdTaken(answer.id));
    }
    for l in ws
        .listings
        .iter_mut()
        .filter(|l| l.listing.id == answer.listing)
    {
        l.listing.status = Status::Closed;
        l.updated = Some(answer.date.clone());
    }
    let target = resolve(ws, &answer);
    let status = match answer.outcome {
        SurveyOutcome::Yes | SurveyOutcome::Partly => SynergyStatus::Realised,
        SurveyOutcome::No => SynergyStatus::Dropped,
    };
    let mut applied = Applied {
        synergy: None,
        status: None,
        unresolved: None,
        duplicate: false,
    };
    match target {
        Ok(id) => {
            let change = StatusChange {
                status,
                date: answer.date.clone(),
                reason: (status == SynergyStatus::Dropped)
                    .then(|| answer.reason.unwrap_or(DropReason::Other)),
                note: note(&answer),
            };
            match super::model::set_status(ws, &id, change) {
                Ok(()) => {
                    applied.synergy = Some(id);
                    applied.status = Some(status);
                }
                Err(e) => applied.unresolved = Some(e.to_string()),
            }
        }
        Err(why) => applied.unresolved = Some(why),
    }
    ws.surveys.push(answer);
    Ok(applied)
}

/// The history note: where the step came from, and the amount for a partial exchange.
fn note(a: &SurveyAnswer) -> String {
    let mut n = format!("closing survey {}", a.id);
    if a.outcome == SurveyOutcome::Partly {
        n.push_str(" (partly)");
    }
    if let Some(q) = a.quantity {
        n.push_str(&format!(": {q}"));
    }
    n
}

fn resolve(ws: &Workspace, a: &SurveyAnswer) -> Result<String, String> {
    if let Some(id) = &a.synergy {
        return ws
            .synergies
            .iter()
            .find(|s| &s.id == id)
            .map(|s| s.id.clone())
            .ok_or_else(|| format!("no synergy with id `{id}`"));
    }
    let of_listing: Vec<_> = ws
        .synergies
        .iter()
        .filter(|s| s.offer == a.listing || s.seek == a.listing)
        .collect();
    let open: Vec<_> = of_listing
        .iter()
        .filter(|s| !matches!(s.status(), SynergyStatus::Realised | SynergyStatus::Dropped))
        .collect();
    if let [only] = open.as_slice() {
        return Ok(only.id.clone());
    }
    if let Some(p) = a
        .partner
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let folded = crate::matching::text::fold(p);
        let names = |listing_id: &str| {
            let l = ws.listings.iter().find(|l| l.listing.id == listing_id);
            let company = l
                .and_then(|l| l.company.as_deref())
                .and_then(|c| ws.companies.iter().find(|x| x.id == c))
                .map(|c| crate::matching::text::fold(&c.name));
            listing_id == p || company.is_some_and(|c| c == folded)
        };
        let named: Vec<_> = of_listing
            .iter()
            .filter(|s| {
                let other = if s.offer == a.listing {
                    &s.seek
                } else {
                    &s.offer
                };
                names(other)
            })
            .collect();
        if let [only] = named.as_slice() {
            return Ok(only.id.clone());
        }
    }
    Err(match of_listing.len() {
        0 => format!("no synergy has listing `{}`", a.listing),
        n => format!(
            "listing `{}` has {n} synergies and the answer does not say which",
            a.listing
        ),
    })
}
