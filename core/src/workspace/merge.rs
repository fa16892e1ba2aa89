//! Merging two workspaces (two coordinators, or a coordinator and the national service) by
//! ids: what only one side has is taken, equal rows are kept once, synergy histories are
//! joined, and rows that differ become conflicts that name both versions.

use super::model::{StatusChange, Synergy, Workspace};
use crate::date::day_number;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// Two different versions of the row `id` in `collection`: `kept` is in the merged workspace,
/// `other` is not, and the coordinator decides.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Conflict {
    /// The collection the row is in (`synergies`, `companies`, …).
    pub collection: String,
    /// The row's id.
    pub id: String,
    /// The version in the merged workspace.
    pub kept: Value,
    /// The version left out, for the coordinator to choose instead.
    pub other: Value,
}

/// The merged workspace and the conflicts to resolve.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Merged {
    /// Both workspaces merged, conflicts resolved by the later change.
    pub workspace: Workspace,
    /// Rows whose two versions differ, for the coordinator to decide.
    pub conflicts: Vec<Conflict>,
}

/// Merges `b` into `a`. Rows keep `a`'s order, then `b`'s new rows in `b`'s order. Of two
/// differing versions the one changed later is kept (its `updated` date, or a synergy's last
/// step), and on a tie the one whose JSON sorts last, so the result does not depend on the
/// argument order; the other version is returned as a conflict. Synergy histories are joined
/// (every dated step of both, in date order) before their other fields are compared.
pub fn merge(a: &Workspace, b: &Workspace) -> Merged {
    let mut conflicts = Vec::new();
    let mut ws = Workspace {
        version: a.version.max(b.version),
        name: pick_name(&a.name, &b.name, &mut conflicts),
        ..Workspace::default()
    };
    ws.events = by_id(
        &a.events,
        &b.events,
        "events",
        |e| &e.id,
        |e| e.updated.clone(),
        &mut conflicts,
    );
    ws.companies = by_id(
        &a.companies,
        &b.companies,
        "companies",
        |c| &c.id,
        |c| c.updated.clone(),
        &mut conflicts,
    );
    ws.listings = by_id(
        &a.listings,
        &b.listings,
        "listings",
        |l| &l.listing.id,
        |l| l.updated.clone(),
        &mut conflicts,
    );
    let a_syn: BTreeMap<&str, &Synergy> = a.synergies.iter().map(|s| (s.id.as_str(), s)).collect();
    let b_syn: BTreeMap<&str, &Synergy> = b.synergies.iter().map(|s| (s.id.as_str(), s)).collect();
    let joined: Vec<Synergy> = b
        .synergies
        .iter()
        .map(|s| match a_syn.get(s.id.as_str()) {
            Some(x) => Synergy {
                history: join_history(&x.history, &s.history),
                ..s.clone()
            },
            None => s.clone(),
        })
        .collect();
    let a_joined: Vec<Synergy> = a
        .synergies
        .iter()
        .map(|s| match b_syn.get(s.id.as_str()) {
            Some(x) => Synergy {
                history: join_history(&s.history, &x.history),
                ..s.clone()
            },
            None => s.clone(),
        })
        .collect();
    ws.synergies = by_id(
        &a_joined,
        &joined,
        "synergies",
        |s| &s.id,
        |s| s.history.last().map(|c| c.date.clone()),
        &mut conflicts,
    );
    ws.exchanges = by_id(
        &a.exchanges,
        &b.exchanges,
        "exchanges",
        |x| &x.id,
        |x| x.updated.clone(),
        &mut conflicts,
    );
    ws.surveys = by_id(
        &a.surveys,
        &b.surveys,
        "surveys",
        |s| &s.id,
        |s| Some(s.date.clone()),
        &mut conflicts,
    );
    ws.notes = by_id(
        &a.notes,
        &b.notes,
        "notes",
        |n| &n.id,
        |n| Some(n.date.clone()),
        &mut conflicts,
    );
    ws.unreadable = a.unreadable.clone();
    for u in &b.unreadable {
        if !ws.unreadable.contains(u) {
            ws.unreadable.push(u.clone());
        }
    }
    Merged {
        workspace: ws,
        conflicts,
    }
}

impl Merged {
    /// Whether the version `conflict` kept is `mine`'s (the first workspace given to
    /// [`merge`]); synergy histories are joined on both sides, so they do not decide it.
    pub fn kept_is_mine(conflict: &Conflict, mine: &Workspace) -> bool {
        if conflict.collection == "workspace" {
            return conflict.kept.as_str() == Some(mine.name.as_str());
        }
        // Through the saved JSON text: no serializer per row type beyond the one saving uses.
        let Ok(ws) = serde_json::from_str::<Value>(&super::model::to_json(mine)) else {
            return false;
        };
        let row = ws
            .get(&conflict.collection)
            .and_then(Value::as_array)
            .and_then(|rows| {
                rows.iter()
                    .find(|r| row_id(r) == Some(conflict.id.as_str()))
            });
        row.is_some_and(|r| without_history(r) == without_history(&conflict.kept))
    }

    /// The merged workspace with the other version of every conflict `i` for which
    /// `take_other[i]` is true (missing entries keep what the merge kept), and the indices of
    /// the chosen conflicts whose other version could not be put in (left as merged).
    pub fn resolve(&self, take_other: &[bool]) -> (Workspace, Vec<usize>) {
        let mut refused = Vec::new();
        let chosen: Vec<usize> = (0..self.conflicts.len())
            .filter(|i| take_other.get(*i).copied().unwrap_or(false))
            .collect();
        if chosen.is_empty() {
            return (self.workspace.clone(), refused);
        }
        // Edited as JSON and read back with the workspace reader (its rules, its code).
        let Ok(mut ws) = serde_json::from_str::<Value>(&super::model::to_json(&self.workspace))
        else {
            return (self.workspace.clone(), chosen);
        };
        for &i in &chosen {
            let c = &self.conflicts[i];
            let slot = if c.collection == "workspace" {
                ws.get_mut("name")
            } else {
                ws.get_mut(&c.collection)
                    .and_then(Value::as_array_mut)
                    .and_then(|rows| rows.iter_mut().find(|r| row_id(r) == Some(c.id.as_str())))
            };
            match slot {
                Some(slot) => *slot = c.other.clone(),
                None => refused.push(i),
            }
        }
        match super::model::parse_workspace(&ws.to_string()) {
            Ok(read) => (read.value, refused),
            Err(_) => (self.workspace.clone(), chosen),
        }
    }
}

fn row_id(row: &Value) -> Option<&str> {
    row.get("id")
        .or_else(|| row.get("listing").and_then(|l| l.get("id")))
        .and_then(Value::as_str)
}

fn without_history(row: &Value) -> Value {
    let mut row = row.clone();
    if let Value::Object(m) = &mut row {
        m.remove("history");
    }
    row
}

fn pick_name(a: &str, b: &str, conflicts: &mut Vec<Conflict>) -> String {
    if a == b || b.is_empty() {
        return a.to_owned();
    }
    if a.is_empty() {
        return b.to_owned();
    }
    let (kept, other) = if a >= b { (a, b) } else { (b, a) };
    conflicts.push(Conflict {
        collection: "workspace".into(),
        id: "name".into(),
        kept: Value::from(kept),
        other: Value::from(other),
    });
    kept.to_owned()
}

/// Every step of both histories (a step both have is kept as often as the side with more of
/// it has it), in date order; same-day steps by status, then by their text, so that the result
/// does not depend on the argument order. Equal histories are returned as they are.
fn join_history(a: &[StatusChange], b: &[StatusChange]) -> Vec<StatusChange> {
    if a == b {
        return a.to_vec();
    }
    let text = |c: &StatusChange| serde_json::to_string(c).unwrap_or_default();
    let mut in_a: BTreeMap<String, usize> = BTreeMap::new();
    for c in a {
        *in_a.entry(text(c)).or_default() += 1;
    }
    let mut out = a.to_vec();
    let mut in_b: BTreeMap<String, usize> = BTreeMap::new();
    for c in b {
        let key = text(c);
        let seen = in_b.entry(key.clone()).or_default();
        *seen += 1;
        if in_a.get(&key).copied().unwrap_or(0) < *seen {
            out.push(c.clone());
        }
    }
    crate::sort::sort_by(&mut out, |x, y| {
        day_number(&x.date)
            .cmp(&day_number(&y.date))
            .then_with(|| x.status.cmp(&y.status))
            .then_with(|| text(x).cmp(&text(y)))
    });
    out
}

/// The later-changed version, by date then by JSON text; the same whichever side it is on.
fn later(x: &Value, dx: Option<String>, y: &Value, dy: Option<String>) -> bool {
    let (dx, dy) = (
        dx.as_deref().and_then(day_number),
        dy.as_deref().and_then(day_number),
    );
    match dx.cmp(&dy) {
        std::cmp::Ordering::Equal => text(x) >= text(y),
        o => o.is_gt(),
    }
}

fn by_id<T: Clone + PartialEq + Serialize + DeserializeOwned>(
    a: &[T],
    b: &[T],
    collection: &str,
    id: impl Fn(&T) -> &String,
    changed: impl Fn(&T) -> Option<String>,
    conflicts: &mut Vec<Conflict>,
) -> Vec<T> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let in_a: BTreeSet<&String> = a.iter().map(&id).collect();
    let in_b: BTreeMap<&String, &T> = b.iter().map(|y| (id(y), y)).collect();
    for x in a {
        match in_b.get(id(x)).copied() {
            Some(y) if y != x => {
                let (vx, vy) = (json(x), json(y));
                let (kept, kv, ov) = if later(&vx, changed(x), &vy, changed(y)) {
                    (x, vx, vy)
                } else {
                    (y, vy, vx)
                };
                conflicts.push(Conflict {
                    collection: collection.to_owned(),
                    id: id(x).clone(),
                    kept: kv,
                    other: ov,
                });
                out.push(kept.clone());
            }
            _ => out.push(x.clone()),
        }
    }
    for y in b {
        if !in_a.contains(id(y)) {
            out.push(y.clone());
        }
    }
    out
}

fn json<T: Serialize>(v: &T) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}

fn text(v: &Value) -> String {
    serde_json::to_string(v).unwrap_or_default()
}
