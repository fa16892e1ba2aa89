//! The workspace document: events, companies, listings, synergies with a dated status history,
//! realised exchanges, survey answers and notes; read strictly, row by row.

use super::WorkspaceError;
use super::survey::SurveyAnswer;
use crate::Code;
use crate::date::day_number;
use crate::impact::{Pathway, Prices, Vehicle};
use crate::matching::{Factor, Listing, Recurrence};
use crate::strict;
use crate::vocab::{Diagnostic, Lang, Parsed, Quantity};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeSet;

/// The format version written and read.
pub const WORKSPACE_VERSION: u32 = 1;

/// A coordinator's workspace (`{"version": 1, ...}`), the unit that is saved, merged and reported.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Workspace {
    /// The format version ([`WORKSPACE_VERSION`]).
    pub version: u32,
    /// The network's or region's name for the workspace.
    #[serde(default)]
    pub name: String,
    /// Workshops and company visits.
    #[serde(default)]
    pub events: Vec<Event>,
    /// Companies taking part.
    #[serde(default)]
    pub companies: Vec<Company>,
    /// Listings collected, with their event and company.
    #[serde(default)]
    pub listings: Vec<WorkspaceListing>,
    /// Offer–seek pairs followed up.
    #[serde(default)]
    pub synergies: Vec<Synergy>,
    /// Exchanges that took place.
    #[serde(default)]
    pub exchanges: Vec<Exchange>,
    /// Closing-survey answers applied to the workspace.
    #[serde(default)]
    pub surveys: Vec<SurveyAnswer>,
    /// Free, dated notes.
    #[serde(default)]
    pub notes: Vec<Note>,
    /// Rows the reader could not use, kept verbatim so that saving never drops them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unreadable: Vec<Unreadable>,
}

/// A workshop or a company visit where listings were collected.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Stable id, unique among events.
    pub id: String,
    /// Workshop or company visit.
    pub kind: EventKind,
    /// The event's name as the coordinator writes it.
    pub name: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// Where it took place (a municipality's name).
    pub municipality: String,
    /// Date of the last change, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<String>,
}

/// What kind of event collected the listings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// A workshop with several companies.
    Workshop,
    /// A visit to one company.
    CompanyVisit,
}

/// A company taking part; its name, business id and contact never leave the workspace's own
/// reports (the public summary has none of them).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Company {
    /// Stable id, unique among companies.
    pub id: String,
    /// The company's name.
    pub name: String,
    /// Finnish business id (Y-tunnus), e.g. `1234567-8`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub business_id: Option<String>,
    /// Where the company is (a municipality's name).
    pub municipality: String,
    /// Whom to write to about its listings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<Contact>,
    /// Date of the last change, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<String>,
}

/// A person to write to at a company.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    /// The person's name.
    pub name: String,
    /// E-mail address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Telephone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// The language to write to this contact in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<Lang>,
}

/// A listing (the matching engine's format) with the event and company it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkspaceListing {
    /// The listing itself.
    pub listing: Listing,
    /// The id of the event it came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<String>,
    /// The id of the company that listed it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    /// Date of the last change, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<String>,
}

/// Where a synergy stands. The order is the usual path; a change may skip steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SynergyStatus {
    /// Found by matching or by the coordinator.
    Identified,
    /// The parties have been contacted.
    Contacted,
    /// The parties are negotiating.
    Negotiating,
    /// The exchange takes place.
    Realised,
    /// Given up, with a [`DropReason`].
    Dropped,
}

impl SynergyStatus {
    /// Every status in the usual order.
    pub const ALL: [SynergyStatus; 5] = [
        SynergyStatus::Identified,
        SynergyStatus::Contacted,
        SynergyStatus::Negotiating,
        SynergyStatus::Realised,
        SynergyStatus::Dropped,
    ];

    /// The status as written in the file (`identified`, …).
    pub fn id(self) -> &'static str {
        match self {
            SynergyStatus::Identified => "identified",
            SynergyStatus::Contacted => "contacted",
            SynergyStatus::Negotiating => "negotiating",
            SynergyStatus::Realised => "realised",
            SynergyStatus::Dropped => "dropped",
        }
    }

    /// Contacted or negotiating: started, without an outcome yet.
    pub fn in_progress(self) -> bool {
        matches!(self, SynergyStatus::Contacted | SynergyStatus::Negotiating)
    }
}

/// Why a synergy was dropped (the same codes in the closing survey).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DropReason {
    /// The price did not suit.
    Price,
    /// The quality did not suit.
    Quality,
    /// Transport or storage did not work out.
    Logistics,
    /// A permit was missing or too slow to get.
    Permits,
    /// The timing did not suit.
    Timing,
    /// A party did not answer.
    NoResponse,
    /// Another reason (say it in the step's note).
    Other,
}

impl DropReason {
    /// Every reason in the order the forms list them.
    pub const ALL: [DropReason; 7] = [
        DropReason::Price,
        DropReason::Quality,
        DropReason::Logistics,
        DropReason::Permits,
        DropReason::Timing,
        DropReason::NoResponse,
        DropReason::Other,
    ];

    /// The reason as written in the file (`price`, …, `no_response`).
    pub fn id(self) -> &'static str {
        match self {
            DropReason::Price => "price",
            DropReason::Quality => "quality",
            DropReason::Logistics => "logistics",
            DropReason::Permits => "permits",
            DropReason::Timing => "timing",
            DropReason::NoResponse => "no_response",
            DropReason::Other => "other",
        }
    }
}

/// One dated step of a synergy's history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatusChange {
    /// The status from this day on.
    pub status: SynergyStatus,
    /// `YYYY-MM-DD`; never earlier than the step before.
    pub date: String,
    /// Why it was dropped (only with `dropped`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<DropReason>,
    /// The coordinator's note on the step.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// An offer–seek pair the coordinator follows up, with the match as it was scored then.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Synergy {
    /// Stable id, unique among synergies.
    pub id: String,
    /// Listing ids.
    pub offer: String,
    /// The seek's listing id.
    pub seek: String,
    /// Match score in [0, 1] when the synergy was identified.
    #[serde(default)]
    pub score: f64,
    /// The matching engine's explanation at that time.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub explanation: Vec<Factor>,
    /// Dated status changes, oldest first; the first is normally `identified`.
    pub history: Vec<StatusChange>,
}

impl Synergy {
    /// The latest status (identified when the history is empty).
    pub fn status(&self) -> SynergyStatus {
        self.history
            .last()
            .map_or(SynergyStatus::Identified, |c| c.status)
    }

    /// Status at the end of `day` (`None` before the first step).
    pub fn status_on(&self, day: i64) -> Option<SynergyStatus> {
        self.history
            .iter()
            .take_while(|c| day_number(&c.date).is_some_and(|d| d <= day))
            .last()
            .map(|c| c.status)
    }

    /// Day of the first step (when it was identified).
    pub fn identified_day(&self) -> Option<i64> {
        self.history.first().and_then(|c| day_number(&c.date))
    }

    /// Day of the last step.
    pub fn last_day(&self) -> Option<i64> {
        self.history.last().and_then(|c| day_number(&c.date))
    }
}

/// An exchange that took place: one delivery, or a continuous flow from `start` to `end`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Exchange {
    /// Stable id, unique among exchanges.
    pub id: String,
    /// The synergy it realises.
    pub synergy: String,
    /// `YYYY-MM-DD`: the delivery day of a one-off, the first day of a continuous exchange.
    pub start: String,
    /// Last day of a continuous exchange; absent while it goes on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
    /// Category id, material id or EWC code, as the impact engine reads it.
    pub material: String,
    /// Mass per occurrence (`recurrence`): per delivery, per year, month or week.
    pub quantity: Quantity,
    /// How often `quantity` recurs.
    #[serde(default)]
    pub recurrence: Recurrence,
    /// Today's pathway (before the exchange) and the new one.
    pub baseline: Pathway,
    /// The pathway the exchange brings.
    pub alternative: Pathway,
    /// Extra transport distance of the exchange, km.
    #[serde(default)]
    pub distance_km: f64,
    /// The vehicle of the extra transport.
    #[serde(default)]
    pub vehicle: Vehicle,
    /// Virgin and secondary material prices, EUR per tonne, for valuing the exchange.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prices: Option<Prices>,
    /// Extra logistics cost per occurrence, EUR.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logistics_eur: Option<f64>,
    /// Date of the last change, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<String>,
}

/// A free, dated note, optionally about an item (any id).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Note {
    /// Stable id, unique among notes.
    pub id: String,
    /// The day it was written, `YYYY-MM-DD`.
    pub date: String,
    /// The id of what it is about (a synergy, a listing, …), if anything.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub about: Option<String>,
    /// The note.
    pub text: String,
}

/// A row that could not be read, kept as it was.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Unreadable {
    /// The collection it was in (`synergies`, ...).
    pub collection: String,
    /// The row as it was in the file.
    pub value: Value,
}

/// Every key the format reads, for "did you mean" suggestions.
fn known_keys() -> Vec<&'static str> {
    strict::known(&[
        strict::fields_of::<Workspace>(),
        strict::fields_of::<Event>(),
        strict::fields_of::<Company>(),
        strict::fields_of::<Contact>(),
        strict::fields_of::<WorkspaceListing>(),
        strict::fields_of::<Listing>(),
        strict::fields_of::<Quantity>(),
        strict::fields_of::<Synergy>(),
        strict::fields_of::<StatusChange>(),
        strict::fields_of::<Factor>(),
        strict::fields_of::<Exchange>(),
        strict::fields_of::<Prices>(),
        strict::fields_of::<Note>(),
        strict::fields_of::<SurveyAnswer>(),
        strict::fields_of::<Unreadable>(),
    ])
}

/// Reads a workspace. A file that is not a version-1 workspace object is an error; inside it,
/// each row is read on its own: an unreadable row is reported and kept in `unreadable`, and
/// every other problem is a diagnostic (`row` counts within the collection named in `field`).
pub fn parse_workspace(text: &str) -> Result<Parsed<Workspace>, WorkspaceError> {
    let text = text.trim_start_matches('\u{feff}');
    let value: Value =
        serde_json::from_str(text).map_err(|e| WorkspaceError::NotJson(e.to_string()))?;
    let Value::Object(top) = value else {
        return Err(WorkspaceError::NotJson(
            "a workspace is a JSON object".into(),
        ));
    };
    match top.get("version").and_then(Value::as_u64) {
        Some(v) if v == u64::from(WORKSPACE_VERSION) => {}
        other => {
            return Err(WorkspaceError::Version(
                other.map_or_else(|| "none".to_owned(), |v| v.to_string()),
            ));
        }
    }
    let known = known_keys();
    let mut diags = Vec::new();
    let mut ws = Workspace {
        version: WORKSPACE_VERSION,
        ..Workspace::default()
    };
    let envelope = strict::fields_of::<Workspace>();
    for (key, v) in &top {
        match key.as_str() {
            "version" => {}
            "name" => match v.as_str() {
                Some(s) => ws.name = s.to_owned(),
                None => diags.push(Diagnostic::error(
                    0,
                    "name",
                    Code::WrongShape,
                    "name must be a string",
                )),
            },
            "events" => ws.events = rows(v, "events", &known, &mut ws.unreadable, &mut diags),
            "companies" => {
                ws.companies = rows(v, "companies", &known, &mut ws.unreadable, &mut diags);
            }
            "listings" => {
                ws.listings = rows(v, "listings", &known, &mut ws.unreadable, &mut diags);
            }
            "synergies" => {
                ws.synergies = rows(v, "synergies", &known, &mut ws.unreadable, &mut diags);
            }
            "exchanges" => {
                ws.exchanges = rows(v, "exchanges", &known, &mut ws.unreadable, &mut diags);
            }
            "surveys" => ws.surveys = rows(v, "surveys", &known, &mut ws.unreadable, &mut diags),
            "notes" => ws.notes = rows(v, "notes", &known, &mut ws.unreadable, &mut diags),
            "unreadable" => {
                ws.unreadable.extend(rows::<Unreadable>(
                    v,
                    "unreadable",
                    &known,
                    &mut Vec::new(),
                    &mut diags,
                ));
            }
            k if envelope.contains(&k) => {}
            k => diags.push(strict::unknown_key(0, k, k, &known)),
        }
    }
    check(&mut ws, &mut diags);
    Ok(Parsed::new(ws, diags))
}

/// Reads the rows of one collection; a row that does not read is kept verbatim.
fn rows<T: DeserializeOwned>(
    value: &Value,
    collection: &str,
    known: &[&str],
    unreadable: &mut Vec<Unreadable>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<T> {
    let Some(items) = value.as_array() else {
        diags.push(Diagnostic::error(
            0,
            collection,
            Code::WrongShape,
            format!("`{collection}` must be an array; it was kept unread"),
        ));
        unreadable.push(Unreadable {
            collection: collection.to_owned(),
            value: value.clone(),
        });
        return Vec::new();
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        match strict::from_value::<T>(item) {
            Ok((row, unknown)) => {
                for u in unknown {
                    let field = format!("{collection}.{}", u.dotted());
                    diags.push(strict::unknown_key(i + 1, &field, u.key(), known));
                }
                out.push(row);
            }
            Err(e) => {
                diags.push(Diagnostic::error(
                    i + 1,
                    collection,
                    Code::RowUnreadable,
                    format!("row kept unread: {e}"),
                ));
                unreadable.push(Unreadable {
                    collection: collection.to_owned(),
                    value: item.clone(),
                });
            }
        }
    }
    out
}

fn bad_date(row: usize, field: String, date: &str) -> Diagnostic {
    Diagnostic::error(
        row,
        field,
        Code::NotDate,
        format!("`{date}` is not a date written YYYY-MM-DD"),
    )
    .with_value(date)
}

fn check_date(row: usize, field: &str, date: Option<&str>, diags: &mut Vec<Diagnostic>) {
    if let Some(d) = date
        && day_number(d).is_none()
    {
        diags.push(bad_date(row, field.to_owned(), d));
    }
}

/// Reports a repeated or empty id; the repeated row moves to `unreadable` so that ids stay
/// unique (merge and references rely on it) while nothing is lost.
fn unique<T: Serialize>(
    items: &mut Vec<T>,
    id: impl Fn(&T) -> &str,
    collection: &str,
    unreadable: &mut Vec<Unreadable>,
    diags: &mut Vec<Diagnostic>,
) {
    let mut seen = BTreeSet::new();
    let mut row = 0;
    items.retain(|item| {
        row += 1;
        let key = id(item).to_owned();
        if key.trim().is_empty() {
            diags.push(Diagnostic::error(
                row,
                format!("{collection}.id"),
                Code::Missing,
                "id is empty",
            ));
        }
        if seen.insert(key.clone()) {
            return true;
        }
        diags.push(
            Diagnostic::error(
                row,
                format!("{collection}.id"),
                Code::Duplicate,
                format!("id `{key}` is used by an earlier row; this row was kept unread"),
            )
            .with_value(key),
        );
        unreadable.push(Unreadable {
            collection: collection.to_owned(),
            value: serde_json::to_value(item).unwrap_or(Value::Null),
        });
        false
    });
}

/// Checks dates, ids, references and histories of a read workspace.
fn check(ws: &mut Workspace, diags: &mut Vec<Diagnostic>) {
    let un = &mut ws.unreadable;
    unique(&mut ws.events, |e| &e.id, "events", un, diags);
    unique(&mut ws.companies, |c| &c.id, "companies", un, diags);
    unique(&mut ws.listings, |l| &l.listing.id, "listings", un, diags);
    unique(&mut ws.synergies, |s| &s.id, "synergies", un, diags);
    unique(&mut ws.exchanges, |x| &x.id, "exchanges", un, diags);
    unique(&mut ws.surveys, |s| &s.id, "surveys", un, diags);
    unique(&mut ws.notes, |n| &n.id, "notes", un, diags);
    let events: BTreeSet<&str> = ws.events.iter().map(|e| e.id.as_str()).collect();
    let companies: BTreeSet<&str> = ws.companies.iter().map(|c| c.id.as_str()).collect();
    let listings: BTreeSet<&str> = ws.listings.iter().map(|l| l.listing.id.as_str()).collect();
    let synergies: BTreeSet<String> = ws.synergies.iter().map(|s| s.id.clone()).collect();
    let dangling = |row: usize, field: &str, what: &str, id: &str| {
        Diagnostic::warning(
            row,
            field,
            Code::UnknownValue,
            format!("no {what} with id `{id}` in the workspace"),
        )
        .with_value(id)
    };
    for (i, e) in ws.events.iter().enumerate() {
        check_date(i + 1, "events.date", Some(&e.date), diags);
        check_date(i + 1, "events.updated", e.updated.as_deref(), diags);
    }
    for (i, c) in ws.companies.iter().enumerate() {
        check_date(i + 1, "companies.updated", c.updated.as_deref(), diags);
    }
    for (i, l) in ws.listings.iter().enumerate() {
        for mut d in crate::matching::validate(i + 1, &l.listing) {
            d.field = format!("listings.listing.{}", d.field);
            diags.push(d);
        }
        check_date(i + 1, "listings.updated", l.updated.as_deref(), diags);
        if let Some(e) = l.event.as_deref().filter(|e| !events.contains(e)) {
            diags.push(dangling(i + 1, "listings.event", "event", e));
        }
        if let Some(c) = l.company.as_deref().filter(|c| !companies.contains(c)) {
            diags.push(dangling(i + 1, "listings.company", "company", c));
        }
    }
    for (i, s) in ws.synergies.iter_mut().enumerate() {
        let row = i + 1;
        for id in [&s.offer, &s.seek] {
            if !listings.contains(id.as_str()) {
                diags.push(dangling(row, "synergies", "listing", id));
            }
        }
        if !(s.score.is_finite() && (0.0..=1.0).contains(&s.score)) {
            diags.push(Diagnostic::error(
                row,
                "synergies.score",
                Code::OutOfRange,
                "score must be a number from 0 to 1; it was set to 0",
            ));
            s.score = 0.0;
        }
        if s.history.is_empty() {
            diags.push(Diagnostic::warning(
                row,
                "synergies.history",
                Code::Empty,
                "the history is empty; the synergy counts as identified with no date",
            ));
        }
        let mut monotone = true;
        let mut last = i64::MIN;
        for c in &s.history {
            match day_number(&c.date) {
                Some(d) if d < last => monotone = false,
                Some(d) => last = d,
                None => diags.push(bad_date(row, "synergies.history.date".into(), &c.date)),
            }
        }
        if !monotone {
            diags.push(Diagnostic::error(
                row,
                "synergies.history",
                Code::DateOrder,
                "the history goes back in time; its steps were put in date order",
            ));
            crate::sort::sort_by(&mut s.history, |a, b| {
                day_number(&a.date).cmp(&day_number(&b.date))
            });
        }
    }
    for (i, x) in ws.exchanges.iter().enumerate() {
        let row = i + 1;
        check_date(row, "exchanges.start", Some(&x.start), diags);
        check_date(row, "exchanges.end", x.end.as_deref(), diags);
        check_date(row, "exchanges.updated", x.updated.as_deref(), diags);
        if let (Some(s), Some(e)) = (day_number(&x.start), x.end.as_deref().and_then(day_number))
            && e < s
        {
            diags.push(Diagnostic::error(
                row,
                "exchanges.end",
                Code::DateOrder,
                "the exchange ends before it starts; it is counted from start to start",
            ));
        }
        if !synergies.contains(&x.synergy) {
            diags.push(dangling(row, "exchanges.synergy", "synergy", &x.synergy));
        }
        if !(x.quantity.amount.is_finite() && x.quantity.amount >= 0.0) {
            diags.push(Diagnostic::error(
                row,
                "exchanges.quantity",
                Code::OutOfRange,
                "amount must be a non-negative number; the exchange's figures are unknown",
            ));
        }
    }
    for (i, n) in ws.notes.iter().enumerate() {
        check_date(i + 1, "notes.date", Some(&n.date), diags);
    }
    for (i, s) in ws.surveys.iter().enumerate() {
        check_date(i + 1, "surveys.date", Some(&s.date), diags);
    }
}

/// The workspace as pretty JSON (the saved form).
pub fn to_json(ws: &Workspace) -> String {
    serde_json::to_string_pretty(ws).unwrap_or_default()
}

/// The latest date anywhere in the workspace (events, history, exchanges, answers, notes):
/// the default end of a report, so that reports need no clock.
pub fn latest_day(ws: &Workspace) -> Option<i64> {
    let dates = ws
        .events
        .iter()
        .map(|e| e.date.as_str())
        .chain(
            ws.synergies
                .iter()
                .flat_map(|s| s.history.iter().map(|c| c.date.as_str())),
        )
        .chain(
            ws.exchanges
                .iter()
                .flat_map(|x| std::iter::once(x.start.as_str()).chain(x.end.as_deref())),
        )
        .chain(ws.surveys.iter().map(|s| s.date.as_str()))
        .chain(ws.notes.iter().map(|n| n.date.as_str()));
    dates.filter_map(day_number).max()
}

/// Moves synergy `id` to a new status on `change.date`, which may not be earlier than its last
/// step (the history stays monotone in time). The date comes in: the core reads no clock.
pub fn set_status(
    ws: &mut Workspace,
    id: &str,
    change: StatusChange,
) -> Result<(), WorkspaceError> {
    let day = day_number(&change.date).ok_or_else(|| WorkspaceError::Date(change.date.clone()))?;
    let s = ws
        .synergies
        .iter_mut()
        .find(|s| s.id == id)
        .ok_or_else(|| WorkspaceError::UnknownId(id.to_owned()))?;
    if let Some(last) = s.last_day()
        && day < last
    {
        return Err(WorkspaceError::BeforeLastStep {
            id: id.to_owned(),
            date: change.date,
        });
    }
    s.history.push(change);
    Ok(())
}

/// Takes back synergy `id`'s last status step (a mistaken or mistyped one) and returns it; the
/// first step stays, so a history is never empty, and what is left stays monotone in time. A
/// merge with a copy that still has the step brings it back (merges join histories).
pub fn undo_status(ws: &mut Workspace, id: &str) -> Result<StatusChange, WorkspaceError> {
    let s = ws
        .synergies
        .iter_mut()
        .find(|s| s.id == id)
        .ok_or_else(|| WorkspaceError::UnknownId(id.to_owned()))?;
    if s.history.len() < 2 {
        return Err(WorkspaceError::OnlyStep(id.to_owned()));
    }
    s.history
        .pop()
        .ok_or_else(|| WorkspaceError::OnlyStep(id.to_owned()))
}
