//! One entry per fuzz target: the parser it drives and the invariants it asserts.
//!
//! Shared by the cargo-fuzz targets in `fuzz/` and the native regression test
//! `tests/tests/fuzz_regressions.rs`, so a crash found by the fuzzer is replayed by the same
//! code in `cargo test`. Every entry must not panic on any input; a failed invariant panics.

use kiertokit::assessment::{self, Questionnaire};
use kiertokit::impact::{self, CtiInput, Estimate, ExchangeInput, Factors, MciInput};
use kiertokit::{Diagnostic, Parsed};
use kiertokit::{csv, matching, scoring};
use std::sync::OnceLock;

/// A fuzz entry: takes the raw input bytes, panics only when an invariant fails.
pub type Entry = fn(&[u8]);

/// Target name (the `fuzz/fuzz_targets/<name>.rs` file and `fuzz/corpus/<name>/`) → entry.
pub const TARGETS: &[(&str, Entry)] = &[
    ("listings", listings),
    ("csv", csv_table),
    ("reviews", reviews),
    ("applications", applications),
    ("programme", programme),
    ("questionnaire", questionnaire),
    ("answers", answers),
    ("share", share),
    ("impact", impact_inputs),
    ("factors", factors),
    ("ewc", ewc),
    ("dates", dates),
    ("materiaalitori", materiaalitori),
    ("directory", directory),
    ("workspace", workspace),
];

/// The entry for `target`, if there is one.
pub fn entry(target: &str) -> Option<Entry> {
    TARGETS.iter().find(|(n, _)| *n == target).map(|(_, e)| *e)
}

/// Inputs are bytes; readers take text, so invalid UTF-8 is replaced as a browser would.
fn text(data: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(data)
}

/// A diagnostic's row is a line number or an element index + 1: never beyond the input.
fn rows_in_range(input: &str, diags: &[Diagnostic]) {
    let bound = input.len() + 1;
    for d in diags {
        assert!(
            d.row <= bound,
            "diagnostic row {} beyond input: {d:?}",
            d.row
        );
    }
}

pub fn listings(data: &[u8]) {
    let s = text(data);
    let (listings, diags) = matching::parse_listings(&s).into_parts();
    rows_in_range(&s, &diags);
    for l in &listings {
        assert!(!l.id.trim().is_empty(), "listing with empty id: {l:?}");
        assert!(
            !l.title.trim().is_empty(),
            "listing with empty title: {l:?}"
        );
        assert!(l.quantity.amount.is_finite() && l.quantity.amount >= 0.0);
        // A kept EWC code is an entry of the list, and a hazardous entry is never lost.
        if let Some(code) = &l.ewc {
            let entry = l.ewc_code();
            assert!(entry.is_some(), "kept EWC `{code}` is not an entry");
            assert!(
                entry.is_none_or(|c| !c.hazardous() || l.hazardous),
                "hazard lost: {l:?}"
            );
        }
    }
}

/// Materiaalitori's listing JSON through the reader partners' scheduled jobs use.
pub fn materiaalitori(data: &[u8]) {
    let s = text(data);
    let _ = matching::looks_like_materiaalitori(&s);
    let (listings, diags) = matching::from_materiaalitori(&s).into_parts();
    rows_in_range(&s, &diags);
    for l in &listings {
        assert!(!l.id.trim().is_empty(), "listing with empty id: {l:?}");
        assert!(l.quantity.amount.is_finite() && l.quantity.amount >= 0.0);
    }
}

pub fn csv_table(data: &[u8]) {
    let s = text(data);
    let table = csv::parse(&s);
    let lines = s.matches('\n').count() + 1;
    let mut last = 0;
    for r in &table.rows {
        assert!(
            r.line > last && r.line <= lines,
            "record line {} out of order/range",
            r.line
        );
        last = r.line;
    }
}

pub fn reviews(data: &[u8]) {
    let s = text(data);
    let (reviews, diags) = scoring::parse_reviews(&s).into_parts();
    rows_in_range(&s, &diags);
    for r in &reviews {
        assert!(
            r.score.is_none_or(f64::is_finite),
            "non-finite score: {r:?}"
        );
    }
}

pub fn applications(data: &[u8]) {
    let s = text(data);
    let (apps, diags) = scoring::parse_applications(&s).into_parts();
    rows_in_range(&s, &diags);
    for a in &apps {
        assert!(!a.id.trim().is_empty(), "application with empty id");
    }
}

pub fn programme(data: &[u8]) {
    let s = text(data);
    let (_, diags) = scoring::parse_programme(&s).into_parts();
    rows_in_range(&s, &diags);
}

pub fn questionnaire(data: &[u8]) {
    let s = text(data);
    let (q, diags) = Questionnaire::from_json(&s).into_parts();
    rows_in_range(&s, &diags);
    // A questionnaire the loader accepts must be scorable without answers.
    if let Some(q) = q {
        let a = assessment::score(&q, &assessment::Answers::new());
        assert!(a.overall.is_none_or(f64::is_finite));
    }
}

fn builtin_questionnaire() -> &'static Questionnaire {
    static Q: OnceLock<Questionnaire> = OnceLock::new();
    Q.get_or_init(Questionnaire::default_builtin)
}

pub fn answers(data: &[u8]) {
    let s = text(data);
    let q = builtin_questionnaire();
    let recovered = assessment::recover_storage(q, &s);
    rows_in_range(&s, &recovered.dropped);
    // Whatever was recovered is scorable.
    assessment::score(q, &recovered.answers);
}

pub fn share(data: &[u8]) {
    let s = text(data);
    let q = builtin_questionnaire();
    if let Ok(shared) = assessment::decode_share(q, &s) {
        // What a link decodes to survives encoding it again.
        let again = assessment::decode_share(q, &assessment::encode_share(q, &shared.answers))
            .expect("a re-encoded link decodes");
        assert_eq!(
            again.answers, shared.answers,
            "share link round trip changed answers"
        );
    }
}

fn known_finite(what: &str, e: &Estimate) {
    if let Estimate::Known { value, low, high } = e {
        assert!(
            value.is_finite() && low.is_finite() && high.is_finite(),
            "{what} is known but not finite: {e:?}"
        );
    }
}

pub fn impact_inputs(data: &[u8]) {
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(data) else {
        return;
    };
    // The CLI wraps an exchange as `{"exchange": …}`; the widgets send it bare.
    let exchange = value.get("exchange").unwrap_or(&value);
    if let Ok(input) = serde_json::from_value::<ExchangeInput>(exchange.clone())
        && let Ok(factors) = Factors::builtin()
        && let Ok(out) = impact::exchange(&input, factors)
    {
        known_finite("co2e_avoided_kg", &out.co2e_avoided_kg);
        known_finite("virgin_saved_t", &out.virgin_saved_t);
        known_finite("euros_saved", &out.euros_saved);
    }
    if let Ok(input) = serde_json::from_value::<MciInput>(value.clone())
        && let Ok(m) = impact::mci(&input)
    {
        let all = [
            m.virgin,
            m.waste,
            m.lfi,
            m.utility_x,
            m.utility_factor,
            m.mci,
        ];
        assert!(all.iter().all(|v| v.is_finite()), "MCI not finite: {m:?}");
    }
    if let Ok(input) = serde_json::from_value::<CtiInput>(value.clone())
        && let Ok(c) = impact::cti(&input)
    {
        let all = [
            c.inflow_mass,
            c.outflow_mass,
            c.circular_inflow,
            c.circular_outflow,
            c.material_circularity,
        ];
        assert!(all.iter().all(|v| v.is_finite()), "CTI not finite: {c:?}");
    }
}

pub fn factors(data: &[u8]) {
    let _ = Factors::from_json(&text(data));
}

pub fn ewc(data: &[u8]) {
    let s = text(data);
    if let Some(code) = matching::normalize_ewc(&s) {
        assert!(matches!(code.len(), 2 | 4 | 6) && code.bytes().all(|b| b.is_ascii_digit()));
        assert_eq!(
            matching::normalize_ewc(&code).as_deref(),
            Some(code.as_str())
        );
    }
    if matching::ewc(&s).is_some() {
        assert!(
            matching::normalize_ewc(&s).is_some(),
            "ewc() found an entry for an invalid code"
        );
    }
}

pub fn dates(data: &[u8]) {
    let s = text(data);
    if let Some(day) = matching::day_number(&s) {
        // Days from 1970-01-01 for years 1..=9999, and the day reads back as the same text.
        let (first, last) = (
            kiertokit::date::days_from_civil(1, 1, 1),
            kiertokit::date::days_from_civil(9999, 12, 31),
        );
        assert!(
            (first..=last).contains(&day),
            "day {day} out of range for {s:?}"
        );
        assert_eq!(kiertokit::date::format_day(day), s, "round trip");
    }
}

/// A directory file of each kind (JSON or CSV): kept entries are whole, links are safe, calls
/// keep every region restriction, and searching, timing, the pre-check and `.ics` never panic.
pub fn directory(data: &[u8]) {
    use kiertokit::directory::{
        Applicant, Directory, DirectoryQuery, Entries, Kind, call_timing, ics, parse_directory,
        precheck,
    };
    let s = text(data);
    let safe = |link: &Option<String>, mail: bool| {
        link.as_deref().is_none_or(|l| {
            let l = l.to_ascii_lowercase();
            l.starts_with("https://")
                || l.starts_with("http://")
                || (mail && l.starts_with("mailto:"))
        })
    };
    for kind in [Kind::Experts, Kind::Funding, Kind::Companies] {
        let (entries, diags) = parse_directory(&s, kind).into_parts();
        rows_in_range(&s, &diags);
        assert_eq!(entries.kind(), kind);
        match &entries {
            Entries::Experts(v) => {
                for e in v {
                    assert!(!e.id.trim().is_empty() && !e.name.trim().is_empty());
                    assert!(safe(&e.contact, true), "unsafe contact: {e:?}");
                }
            }
            Entries::Funding(v) => {
                for c in v {
                    assert!(!c.id.trim().is_empty() && !c.funder.trim().is_empty());
                    assert!(safe(&c.link, false) && safe(&c.source, false));
                    assert!(
                        c.regions
                            .iter()
                            .all(|r| r == "*" || scoring::region_of(r).is_some()),
                        "a region restriction was kept unresolved: {c:?}"
                    );
                    assert!(c.funding_rate.is_none_or(|r| (0.0..=100.0).contains(&r)));
                    for t in [0, 1_800_000_000] {
                        let _ = call_timing(c, t, 14);
                    }
                    let _ = ics(c, kiertokit::Lang::Sv, 0);
                    let p = precheck(c, &Applicant::default());
                    assert!(
                        !p.eligible
                            || (c.organisation_types.is_empty()
                                && c.regions.is_empty()
                                && c.topics.is_empty())
                    );
                }
            }
            Entries::Companies(v) => {
                for c in v {
                    assert!(!c.id.trim().is_empty() && !c.name.trim().is_empty());
                    assert!(safe(&c.link, false), "unsafe link: {c:?}");
                }
            }
        }
        let n = entries.len();
        let dir = Directory::new(entries);
        let word: String = s
            .split_whitespace()
            .next()
            .unwrap_or("")
            .chars()
            .take(40)
            .collect();
        let r = dir.search(&DirectoryQuery {
            text: word,
            now: Some(0),
            ..DirectoryQuery::default()
        });
        assert!(r.total <= n && r.hits.iter().all(|h| h.index < n));
    }
}

/// A coordinator's workspace file (a save from the browser or a colleague's file).
pub fn workspace(data: &[u8]) {
    use kiertokit::workspace::{self as ws_engine, Period, WorkspaceError};
    let s = text(data);
    let Ok((ws, diags)) = ws_engine::parse_workspace(&s).map(Parsed::into_parts) else {
        return;
    };
    rows_in_range(&s, &diags);
    // Never silent loss: every row of every collection is either read or kept unread.
    if let Ok(serde_json::Value::Object(top)) =
        serde_json::from_str::<serde_json::Value>(s.trim_start_matches('\u{feff}'))
    {
        let read = |name: &str| match name {
            "events" => ws.events.len(),
            "companies" => ws.companies.len(),
            "listings" => ws.listings.len(),
            "synergies" => ws.synergies.len(),
            "exchanges" => ws.exchanges.len(),
            "surveys" => ws.surveys.len(),
            "notes" => ws.notes.len(),
            _ => 0,
        };
        for name in [
            "events",
            "companies",
            "listings",
            "synergies",
            "exchanges",
            "surveys",
            "notes",
        ] {
            let Some(v) = top.get(name) else { continue };
            let given = v.as_array().map_or(1, Vec::len);
            let kept = ws
                .unreadable
                .iter()
                .filter(|u| u.collection == name)
                .count();
            assert_eq!(read(name) + kept, given, "rows of `{name}` lost");
        }
    }
    // Reading what was saved gives the same workspace, and histories are in date order.
    let (again, _) = ws_engine::parse_workspace(&ws_engine::to_json(&ws))
        .expect("a saved workspace reads")
        .into_parts();
    assert_eq!(again, ws, "save and read again changed the workspace");
    for syn in &ws.synergies {
        let days: Vec<i64> = syn
            .history
            .iter()
            .filter_map(|c| kiertokit::date::day_number(&c.date))
            .collect();
        assert!(
            days.windows(2).all(|w| w[0] <= w[1]),
            "history out of order: {syn:?}"
        );
    }
    let merged = ws_engine::merge(&ws, &ws);
    assert!(
        merged.conflicts.is_empty() && merged.workspace == ws,
        "merge(A, A) != A"
    );
    let Ok(factors) = Factors::builtin() else {
        return;
    };
    match ws_engine::aggregate(&ws, factors, &Period::default()) {
        Ok(a) => {
            for f in [
                &a.total.tonnes,
                &a.total.co2e_avoided_kg,
                &a.total.euros_saved,
                &a.total.virgin_saved_t,
            ] {
                assert!(
                    f.total.known.is_finite()
                        && f.total.low.is_finite()
                        && f.total.high.is_finite()
                );
            }
            let _ = ws_engine::summary(&ws.name, &a, factors, &a.to);
            let _ = ws_engine::render(
                &ws,
                &a,
                factors,
                ws_engine::ReportFormat::Html,
                kiertokit::Lang::Sv,
            );
        }
        Err(WorkspaceError::PeriodTooLong { .. } | WorkspaceError::EmptyPeriod) => {}
        Err(e) => panic!("the default period failed: {e}"),
    }
    let _ = ws_engine::candidates(&ws, factors, &ws_engine::CandidateOptions::default());
}
