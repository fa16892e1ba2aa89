use super::*;
use crate::date::{day_number, format_day};
use crate::impact::{Factors, Pathway, Vehicle};
use crate::matching::{Listing, ListingKind, Recurrence};
use crate::vocab::{Quantity, Severity, Unit};
use proptest::prelude::*;

fn factors() -> &'static Factors {
    Factors::builtin().expect("built-in factors")
}

fn listing(
    id: &str,
    kind: ListingKind,
    category: &str,
    municipality: &str,
    event: &str,
) -> WorkspaceListing {
    let mut l = Listing::new(
        id,
        kind,
        &format!("{category} {id}"),
        category,
        Quantity {
            amount: 12.0,
            unit: Unit::Tonne,
        },
        municipality,
    );
    l.recurrence = Recurrence::PerYear;
    WorkspaceListing {
        listing: l,
        event: Some(event.to_owned()),
        company: None,
        updated: None,
    }
}

fn step(status: SynergyStatus, date: &str) -> StatusChange {
    StatusChange {
        status,
        date: date.to_owned(),
        reason: (status == SynergyStatus::Dropped).then_some(DropReason::Price),
        note: String::new(),
    }
}

fn synergy(id: &str, offer: &str, seek: &str, history: Vec<StatusChange>) -> Synergy {
    Synergy {
        id: id.to_owned(),
        offer: offer.to_owned(),
        seek: seek.to_owned(),
        score: 0.8,
        explanation: Vec::new(),
        history,
    }
}

fn exchange(
    id: &str,
    synergy: &str,
    start: &str,
    end: Option<&str>,
    r: Recurrence,
    amount: f64,
    unit: Unit,
) -> Exchange {
    Exchange {
        id: id.to_owned(),
        synergy: synergy.to_owned(),
        start: start.to_owned(),
        end: end.map(str::to_owned),
        material: "wood".to_owned(),
        quantity: Quantity { amount, unit },
        recurrence: r,
        baseline: Pathway::Landfill,
        alternative: Pathway::Recycling,
        distance_km: 20.0,
        vehicle: Vehicle::FullTrailer,
        prices: None,
        logistics_eur: None,
        updated: None,
    }
}

fn small() -> Workspace {
    Workspace {
        version: 1,
        name: "Testiverkosto".into(),
        listings: vec![
            listing("o1", ListingKind::Offer, "wood", "Tampere", "e1"),
            listing("s1", ListingKind::Seek, "wood", "Vaasa", "e1"),
        ],
        synergies: vec![synergy(
            "y1",
            "o1",
            "s1",
            vec![
                step(SynergyStatus::Identified, "2025-02-10"),
                step(SynergyStatus::Realised, "2025-05-01"),
            ],
        )],
        exchanges: vec![exchange(
            "x1",
            "y1",
            "2025-05-15",
            Some("2026-02-10"),
            Recurrence::PerMonth,
            2.0,
            Unit::Tonne,
        )],
        ..Workspace::default()
    }
}

#[test]
fn a_workspace_round_trips_through_its_reader() {
    let ws = small();
    let (back, diags) = parse_workspace(&to_json(&ws)).expect("reads").into_parts();
    assert_eq!(back, ws);
    assert!(
        diags.iter().all(|d| d.severity != Severity::Error),
        "{diags:?}"
    );
}

#[test]
fn damaged_rows_are_reported_and_kept_and_unknown_keys_named() {
    let text = r#"{"version": 1, "nmae": "x",
      "events": [{"id": "e1", "kind": "workshop", "name": "W", "date": "2025-13-01", "municipality": "Oulu"},
                 {"id": "e2", "kind": "party"}],
      "synergies": [{"id": "y1", "offer": "o", "seek": "s", "histroy": [],
                     "history": [{"status": "realised", "date": "2025-05-01"},
                                 {"status": "identified", "date": "2025-01-01"}]},
                    {"id": "y1", "offer": "o", "seek": "s", "history": []}]}"#;
    let (ws, diags) = parse_workspace(text).expect("a workspace").into_parts();
    let has = |field: &str, row: usize, sev: Severity| {
        diags
            .iter()
            .any(|d| d.field == field && d.row == row && d.severity == sev)
    };
    assert!(
        diags
            .iter()
            .any(|d| d.field == "nmae" && d.suggestion.as_deref() == Some("name")),
        "{diags:?}"
    );
    assert!(has("events.date", 1, Severity::Error), "{diags:?}");
    assert!(has("events", 2, Severity::Error), "{diags:?}");
    assert!(
        diags
            .iter()
            .any(|d| d.field == "synergies.histroy" && d.suggestion.as_deref() == Some("history")),
        "{diags:?}"
    );
    assert!(has("synergies.history", 1, Severity::Error), "{diags:?}");
    assert!(has("synergies.id", 2, Severity::Error), "{diags:?}");
    // Nothing is lost: the bad event and the repeated synergy are kept, the history sorted.
    assert_eq!(ws.unreadable.len(), 2);
    assert_eq!(ws.synergies.len(), 1);
    assert_eq!(ws.synergies[0].status(), SynergyStatus::Realised);
    let (again, _) = parse_workspace(&to_json(&ws)).expect("reads").into_parts();
    assert_eq!(again.unreadable, ws.unreadable);
}

#[test]
fn other_documents_are_refused() {
    assert!(matches!(
        parse_workspace("[]"),
        Err(WorkspaceError::NotJson(_))
    ));
    assert!(matches!(
        parse_workspace("{\"version\": 2}"),
        Err(WorkspaceError::Version(_))
    ));
    assert!(matches!(
        parse_workspace("{"),
        Err(WorkspaceError::NotJson(_))
    ));
}

#[test]
fn status_changes_never_go_back_in_time() {
    let mut ws = small();
    let err = set_status(&mut ws, "y1", step(SynergyStatus::Dropped, "2025-04-30"));
    assert!(matches!(err, Err(WorkspaceError::BeforeLastStep { .. })));
    assert!(set_status(&mut ws, "y1", step(SynergyStatus::Dropped, "2025-05-01")).is_ok());
    assert!(matches!(
        set_status(&mut ws, "nope", step(SynergyStatus::Dropped, "2025-06-01")),
        Err(WorkspaceError::UnknownId(_))
    ));
    assert!(matches!(
        set_status(&mut ws, "y1", step(SynergyStatus::Dropped, "1.6.2025")),
        Err(WorkspaceError::Date(_))
    ));
}

#[test]
fn continuous_exchanges_count_their_active_months() {
    let x = exchange(
        "x",
        "y",
        "2025-05-15",
        Some("2026-02-10"),
        Recurrence::PerMonth,
        2.0,
        Unit::Tonne,
    );
    let d = |s: &str| day_number(s).expect("date");
    // May–Dec 2025 (8 months) and Jan–Feb 2026 (2 months).
    assert_eq!(
        aggregate::exchange_slices(&x, d("2025-01-01"), d("2026-12-31")),
        vec![(2025, 8.0), (2026, 2.0)]
    );
    // A month belongs to the period that holds its first day: May is not in a period from 05-02.
    assert_eq!(
        aggregate::exchange_slices(&x, d("2025-05-02"), d("2025-07-31")),
        vec![(2025, 2.0)]
    );
    let once = exchange(
        "x",
        "y",
        "2025-05-15",
        None,
        Recurrence::OneOff,
        2.0,
        Unit::Tonne,
    );
    assert_eq!(
        aggregate::exchange_slices(&once, d("2025-05-15"), d("2025-05-15")),
        vec![(2025, 1.0)]
    );
    assert!(aggregate::exchange_slices(&once, d("2025-05-16"), d("2025-12-31")).is_empty());
    let weekly = exchange(
        "x",
        "y",
        "2025-01-01",
        Some("2025-12-31"),
        Recurrence::PerWeek,
        1.0,
        Unit::Tonne,
    );
    let s = aggregate::exchange_slices(&weekly, d("2025-01-01"), d("2025-12-31"));
    assert_eq!(s.len(), 1);
    assert!((s[0].1 - 52.0).abs() < 1e-9);
}

#[test]
fn the_report_counts_months_and_statuses() {
    let ws = small();
    let period = Period {
        from: Some("2025-01-01".into()),
        to: Some("2025-12-31".into()),
    };
    let a = aggregate(&ws, factors(), &period).expect("aggregates");
    assert_eq!(a.total.synergies.identified, 1);
    assert_eq!(a.total.synergies.realised, 1);
    assert_eq!(a.total.exchanges, 1);
    assert!(
        (a.total.tonnes.total.known - 16.0).abs() < 1e-9,
        "8 months × 2 t"
    );
    assert!(a.total.co2e_avoided_kg.total.known > 0.0);
    assert_eq!(a.by_region.keys().collect::<Vec<_>>(), ["Pirkanmaa"]);
    assert_eq!(a.by_event.keys().collect::<Vec<_>>(), ["e1"]);
}

#[test]
fn a_missing_factor_or_a_volume_is_unknown_never_zero() {
    let mut ws = small();
    ws.exchanges[0].quantity.unit = Unit::CubicMetre;
    ws.exchanges.push(Exchange {
        material: "no-such-material".into(),
        ..exchange(
            "x2",
            "y1",
            "2025-06-01",
            None,
            Recurrence::OneOff,
            3.0,
            Unit::Tonne,
        )
    });
    let a = aggregate(&ws, factors(), &Period::default()).expect("aggregates");
    assert_eq!(a.total.tonnes.total.unknown, ["x1"]);
    assert!((a.total.tonnes.total.known - 3.0).abs() < 1e-9);
    assert_eq!(a.total.co2e_avoided_kg.total.unknown, ["x1", "x2"]);
    assert_eq!(a.total.co2e_avoided_kg.total.known, 0.0);
    assert_eq!(a.total.co2e_avoided_kg.exchanges, 2);
    assert!(!a.diagnostics.is_empty());
}

#[test]
fn candidates_carry_impact_and_the_ranking_engines_priority() {
    let mut ws = small();
    ws.synergies.clear();
    ws.listings
        .push(listing("o2", ListingKind::Offer, "wood", "Tampere", "e1"));
    ws.listings[2].listing.quantity.amount = 1.0;
    let opts = CandidateOptions::default();
    let c = candidates(&ws, factors(), &opts).expect("ranks");
    assert_eq!(c.len(), 2);
    assert_eq!(
        c[0].offer, "o1",
        "more tonnes and CO2e at the same distance rank first"
    );
    assert!(c[0].priority >= c[1].priority);
    assert_eq!(c[0].tonnes_per_year, Some(12.0));
    assert!(c[0].co2e_avoided_kg.value().is_some());
    // The same ranking as the scoring engine's WSM on the same matrix.
    let values: Vec<Vec<f64>> = c
        .iter()
        .map(|x| {
            vec![
                x.co2e_avoided_kg.value().unwrap_or(0.0),
                x.tonnes_per_year.unwrap_or(0.0),
                x.score,
                x.distance_km.unwrap_or(300.0),
            ]
        })
        .collect();
    let w = opts.weights;
    let wsm = crate::scoring::weighted_sum(
        &values,
        &[w.co2e, w.tonnes, w.score, w.distance],
        &[true, true, true, false],
        opts.normalisation,
    )
    .expect("valid");
    for (x, s) in c.iter().zip(&wsm) {
        assert!((x.priority - s).abs() < 1e-12);
    }
    let topsis = CandidateOptions {
        method: crate::scoring::Method::Topsis,
        top: Some(1),
        ..CandidateOptions::default()
    };
    assert_eq!(candidates(&ws, factors(), &topsis).expect("ranks").len(), 1);
    let bad = CandidateOptions {
        weights: PriorityWeights {
            co2e: -1.0,
            ..PriorityWeights::default()
        },
        ..CandidateOptions::default()
    };
    assert!(candidates(&ws, factors(), &bad).is_err());
    // Within one company there is no synergy.
    for l in &mut ws.listings[..2] {
        l.company = Some("c1".into());
    }
    let c = candidates(&ws, factors(), &opts).expect("ranks");
    assert_eq!(c.len(), 1);
    assert_eq!(c[0].offer, "o2");
}

#[test]
fn merge_joins_histories_and_lists_conflicts() {
    let a = small();
    let mut b = small();
    b.synergies[0]
        .history
        .push(step(SynergyStatus::Dropped, "2026-03-01"));
    b.exchanges[0].distance_km = 35.0;
    b.exchanges[0].updated = Some("2026-01-05".into());
    b.notes.push(Note {
        id: "n1".into(),
        date: "2026-01-01".into(),
        about: Some("y1".into()),
        text: "Soitettu".into(),
    });
    let m = merge(&a, &b);
    assert_eq!(m.workspace.synergies[0].history.len(), 3);
    assert_eq!(m.workspace.notes.len(), 1);
    assert_eq!(m.conflicts.len(), 1);
    assert_eq!(m.conflicts[0].collection, "exchanges");
    assert_eq!(
        m.workspace.exchanges[0].distance_km, 35.0,
        "the later change is kept"
    );
    assert_eq!(m.conflicts[0].other["distance_km"], 20.0);
    assert_eq!(merge(&b, &a).conflicts, m.conflicts);
}

#[test]
fn a_merge_resolves_to_either_version_and_knows_whose_it_kept() {
    let a = small();
    let mut b = small();
    b.name = "Toinen".into();
    b.exchanges[0].distance_km = 35.0;
    b.exchanges[0].updated = Some("2026-01-05".into());
    b.synergies[0].score = 0.5;
    b.synergies[0]
        .history
        .push(step(SynergyStatus::Dropped, "2026-03-01"));
    let m = merge(&a, &b);
    assert_eq!(m.conflicts.len(), 3, "{:?}", m.conflicts);
    let mine: Vec<bool> = m
        .conflicts
        .iter()
        .map(|c| Merged::kept_is_mine(c, &a))
        .collect();
    let theirs: Vec<bool> = m
        .conflicts
        .iter()
        .map(|c| Merged::kept_is_mine(c, &b))
        .collect();
    for (x, y) in mine.iter().zip(&theirs) {
        assert_ne!(x, y, "each kept version is exactly one side's");
    }
    // Taking the version the merge did not keep, conflict by conflict, gives the other side's rows.
    let (kept_all, refused) = m.resolve(&[]);
    assert!(refused.is_empty());
    assert_eq!(kept_all, m.workspace);
    let (mine_all, refused) = m.resolve(&theirs);
    assert!(refused.is_empty());
    assert_eq!(mine_all.name, a.name);
    assert_eq!(mine_all.exchanges[0], a.exchanges[0]);
    assert_eq!(mine_all.synergies[0].score, a.synergies[0].score);
    assert_eq!(
        mine_all.synergies[0].history.len(),
        3,
        "joined history stays"
    );
    let (theirs_all, _) = m.resolve(&mine);
    assert_eq!(theirs_all.name, "Toinen");
    assert_eq!(theirs_all.exchanges[0], b.exchanges[0]);
    assert_eq!(theirs_all.synergies[0].score, 0.5);
}

#[test]
fn survey_answers_move_the_synergy_they_name() {
    let mut ws = small();
    ws.synergies[0].history.truncate(1);
    let answer = SurveyAnswer {
        id: "q1".into(),
        listing: "o1".into(),
        synergy: None,
        outcome: SurveyOutcome::No,
        partner: None,
        quantity: None,
        recurrence: Recurrence::OneOff,
        reason: Some(DropReason::Logistics),
        contact_permission: true,
        date: "2025-09-01".into(),
        comment: String::new(),
        lang: None,
    };
    let applied = apply_survey(&mut ws, answer.clone()).expect("applies");
    assert_eq!(applied.synergy.as_deref(), Some("y1"));
    assert_eq!(ws.synergies[0].status(), SynergyStatus::Dropped);
    assert_eq!(
        ws.synergies[0].history[1].reason,
        Some(DropReason::Logistics)
    );
    assert_eq!(
        ws.listings[0].listing.status,
        crate::matching::Status::Closed
    );
    assert!(
        apply_survey(&mut ws, answer)
            .expect("same answer")
            .duplicate
    );
    // A listing with two open synergies: the answer is kept, the partner picks the synergy.
    ws.listings
        .push(listing("s2", ListingKind::Seek, "wood", "Oulu", "e1"));
    ws.synergies.push(synergy(
        "y2",
        "o1",
        "s1",
        vec![step(SynergyStatus::Identified, "2025-02-10")],
    ));
    ws.synergies.push(synergy(
        "y3",
        "o1",
        "s2",
        vec![step(SynergyStatus::Identified, "2025-02-10")],
    ));
    let mut again = SurveyAnswer {
        id: "q2".into(),
        outcome: SurveyOutcome::Yes,
        date: "2025-10-01".into(),
        ..apply_survey_fixture()
    };
    let a = apply_survey(&mut ws, again.clone()).expect("stored");
    assert!(a.synergy.is_none() && a.unresolved.is_some());
    assert_eq!(ws.surveys.len(), 2);
    again.id = "q3".into();
    again.partner = Some("s2".into());
    let a = apply_survey(&mut ws, again).expect("applies");
    assert_eq!(a.synergy.as_deref(), Some("y3"));
    assert!(
        parse_survey(r#"{"id":"a","listing":"o1","outcome":"maybe","date":"2025-01-01"}"#).is_err()
    );
    let (_, d) = parse_survey(
        r#"{"id":"a","listing":"o1","outcome":"no","date":"2025-01-01","reson":"price"}"#,
    )
    .expect("reads")
    .into_parts();
    assert_eq!(d.len(), 2, "{d:?}");
}

fn apply_survey_fixture() -> SurveyAnswer {
    SurveyAnswer {
        id: String::new(),
        listing: "o1".into(),
        synergy: None,
        outcome: SurveyOutcome::Yes,
        partner: None,
        quantity: Some(Quantity {
            amount: 5.0,
            unit: Unit::Tonne,
        }),
        recurrence: Recurrence::OneOff,
        reason: None,
        contact_permission: false,
        date: "2025-10-01".into(),
        comment: String::new(),
        lang: None,
    }
}

#[test]
fn the_public_summary_has_no_company_or_personal_data() {
    let mut ws = small();
    ws.companies.push(Company {
        id: "c1".into(),
        name: "Esimerkki Oy (kuvitteellinen)".into(),
        business_id: Some("1234567-8".into()),
        municipality: "Tampere".into(),
        contact: Some(Contact {
            name: "Maija Meikäläinen".into(),
            email: Some("maija@example.org".into()),
            phone: None,
            lang: None,
        }),
        updated: None,
    });
    ws.listings[0].company = Some("c1".into());
    let a = aggregate(&ws, factors(), &Period::default()).expect("aggregates");
    let s = serde_json::to_string(&summary(&ws.name, &a, factors(), "2026-01-01")).expect("json");
    for secret in [
        "Esimerkki",
        "1234567-8",
        "Maija",
        "example.org",
        "o1",
        "s1",
        "y1",
        "x1",
        "e1",
    ] {
        assert!(!s.contains(secret), "{secret} in {s}");
    }
    assert!(s.contains("Pirkanmaa"));
}

#[test]
fn reports_render_in_three_languages_and_escape_text() {
    let mut ws = small();
    ws.name = "<b>Verkosto</b> | A".into();
    let a = aggregate(&ws, factors(), &Period::default()).expect("aggregates");
    let html = render(&ws, &a, factors(), ReportFormat::Html, crate::Lang::Sv);
    assert!(html.contains("&lt;b&gt;Verkosto"));
    assert!(html.contains("<html lang=\"sv\">"));
    assert!(html.contains("Förverkligad"));
    let md = render(&ws, &a, factors(), ReportFormat::Markdown, crate::Lang::Fi);
    assert!(md.contains("\\| A"));
    assert!(md.contains("Toteutunut"));
    let json = render(&ws, &a, factors(), ReportFormat::Json, crate::Lang::En);
    assert!(serde_json::from_str::<serde_json::Value>(&json).is_ok());
}

// ---------------------------------------------------------------- properties

const PLACES: [&str; 4] = ["Tampere", "Vaasa", "Oulu", "Ei-kunta"];
const CATEGORIES: [&str; 3] = ["wood", "plastics", "metals"];

fn day_string() -> impl Strategy<Value = String> {
    (0i64..900).prop_map(|d| format_day(day_number("2024-01-01").expect("date") + d))
}

fn arb_workspace() -> impl Strategy<Value = Workspace> {
    let listings = proptest::collection::vec((0..4usize, 0..3usize, 0..3usize), 2..8);
    let synergies = proptest::collection::vec(
        (
            0..8usize,
            0..8usize,
            proptest::collection::vec((0..5usize, 0i64..300, 0..7usize), 0..4),
            0i64..400,
        ),
        0..6,
    );
    let exchanges = proptest::collection::vec(
        (
            0..6usize,
            day_string(),
            proptest::option::of(0i64..500),
            0..4usize,
            0.0f64..50.0,
            0..3usize,
        ),
        0..6,
    );
    (listings, synergies, exchanges).prop_map(|(ls, ss, xs)| {
        let mut ws = Workspace {
            version: 1,
            name: "p".into(),
            ..Workspace::default()
        };
        for (i, (place, cat, ev)) in ls.iter().enumerate() {
            let kind = if i % 2 == 0 {
                ListingKind::Offer
            } else {
                ListingKind::Seek
            };
            let mut l = listing(
                &format!("l{i}"),
                kind,
                CATEGORIES[*cat],
                PLACES[*place],
                &format!("e{ev}"),
            );
            if *ev == 2 {
                l.event = None;
            }
            ws.listings.push(l);
        }
        let n = ws.listings.len();
        for (i, (o, s, steps, start)) in ss.iter().enumerate() {
            let mut day = day_number("2024-01-01").expect("date") + start;
            let mut history = vec![step(SynergyStatus::Identified, &format_day(day))];
            for (st, gap, reason) in steps {
                day += gap;
                let mut c = step(SynergyStatus::ALL[*st], &format_day(day));
                if c.status == SynergyStatus::Dropped {
                    c.reason = (*reason < 6).then(|| DropReason::ALL[*reason]);
                }
                history.push(c);
            }
            ws.synergies.push(synergy(
                &format!("y{i}"),
                &format!("l{}", o % n),
                &format!("l{}", s % n),
                history,
            ));
        }
        for (i, (sy, start, len, rec, amount, unit)) in xs.into_iter().enumerate() {
            let rec = [
                Recurrence::OneOff,
                Recurrence::PerYear,
                Recurrence::PerMonth,
                Recurrence::PerWeek,
            ][rec];
            let end = len.map(|l| format_day(day_number(&start).expect("date") + l));
            let unit = [Unit::Tonne, Unit::Kg, Unit::CubicMetre][unit];
            let synergy_id = if ss.is_empty() {
                "none".to_owned()
            } else {
                format!("y{}", sy % ss.len())
            };
            ws.exchanges.push(exchange(
                &format!("x{i}"),
                &synergy_id,
                &start,
                end.as_deref(),
                rec,
                amount,
                unit,
            ));
        }
        ws
    })
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * (1.0 + a.abs().max(b.abs()))
}

fn sum_figure(parts: &[&Figure], whole: &Figure) -> bool {
    let s = |f: fn(&Figure) -> f64| parts.iter().map(|p| f(p)).sum::<f64>();
    close(s(|f| f.total.known), whole.total.known)
        && close(s(|f| f.total.low), whole.total.low)
        && close(s(|f| f.total.high), whole.total.high)
}

fn tonnes_of(x: &Figures) -> &Figure {
    &x.tonnes
}
fn co2e_of(x: &Figures) -> &Figure {
    &x.co2e_avoided_kg
}
fn virgin_of(x: &Figures) -> &Figure {
    &x.virgin_saved_t
}
fn euros_of(x: &Figures) -> &Figure {
    &x.euros_saved
}

fn figures_add_up(
    parts: &[&Figures],
    whole: &Figures,
    stocks_add_up: bool,
) -> Result<(), TestCaseError> {
    let c = |f: fn(&SynergyCounts) -> usize| parts.iter().map(|p| f(&p.synergies)).sum::<usize>();
    prop_assert_eq!(c(|s| s.identified), whole.synergies.identified);
    prop_assert_eq!(c(|s| s.realised), whole.synergies.realised);
    prop_assert_eq!(c(|s| s.dropped), whole.synergies.dropped);
    if stocks_add_up {
        prop_assert_eq!(c(|s| s.in_progress), whole.synergies.in_progress);
        prop_assert_eq!(
            parts.iter().map(|p| p.exchanges).sum::<usize>(),
            whole.exchanges
        );
    }
    let mut reasons = std::collections::BTreeMap::new();
    for p in parts {
        for (k, v) in &p.synergies.drop_reasons {
            *reasons.entry(k.clone()).or_insert(0) += v;
        }
    }
    prop_assert_eq!(&reasons, &whole.synergies.drop_reasons);
    for pick in [tonnes_of, co2e_of, virgin_of, euros_of] {
        let ps: Vec<&Figure> = parts.iter().map(|p| pick(p)).collect();
        prop_assert!(sum_figure(&ps, pick(whole)));
    }
    Ok(())
}

proptest! {
    #[test]
    fn aggregates_equal_the_sum_of_their_parts(ws in arb_workspace()) {
        let a = aggregate(&ws, factors(), &Period::default()).expect("aggregates");
        for (map, stocks) in [(&a.by_region, true), (&a.by_category, true), (&a.by_event, true), (&a.by_year, false)] {
            let parts: Vec<&Figures> = map.values().collect();
            figures_add_up(&parts, &a.total, stocks)?;
        }
    }

    #[test]
    fn no_exchange_is_counted_twice_across_periods(ws in arb_workspace(), cut in 1i64..900) {
        let start = day_number("2024-01-01").expect("date");
        let end = start + 1400;
        let whole = Period { from: Some(format_day(start)), to: Some(format_day(end)) };
        let first = Period { from: Some(format_day(start)), to: Some(format_day(start + cut - 1)) };
        let second = Period { from: Some(format_day(start + cut)), to: Some(format_day(end)) };
        let agg = |p: &Period| aggregate(&ws, factors(), p).expect("aggregates");
        let (w, a, b) = (agg(&whole), agg(&first), agg(&second));
        figures_add_up(&[&a.total, &b.total], &w.total, false)?;
    }

    #[test]
    fn merging_with_itself_changes_nothing(ws in arb_workspace()) {
        let m = merge(&ws, &ws);
        prop_assert_eq!(&m.workspace, &ws);
        prop_assert!(m.conflicts.is_empty());
    }

    #[test]
    fn merge_does_not_depend_on_the_order(a in arb_workspace(), b in arb_workspace()) {
        let canonical = |mut w: Workspace| {
            w.events.sort_by(|x, y| x.id.cmp(&y.id));
            w.listings.sort_by(|x, y| x.listing.id.cmp(&y.listing.id));
            w.synergies.sort_by(|x, y| x.id.cmp(&y.id));
            w.exchanges.sort_by(|x, y| x.id.cmp(&y.id));
            w.notes.sort_by(|x, y| x.id.cmp(&y.id));
            w.surveys.sort_by(|x, y| x.id.cmp(&y.id));
            w
        };
        let ab = merge(&a, &b);
        let ba = merge(&b, &a);
        prop_assert_eq!(canonical(ab.workspace.clone()), canonical(ba.workspace));
        // Nothing is lost: every id of either side is in the result.
        for x in a.exchanges.iter().chain(&b.exchanges) {
            prop_assert!(ab.workspace.exchanges.iter().any(|y| y.id == x.id));
        }
        for s in a.synergies.iter().chain(&b.synergies) {
            let merged = ab.workspace.synergies.iter().find(|y| y.id == s.id).expect("kept");
            for c in &s.history {
                prop_assert!(merged.history.contains(c));
            }
        }
    }

    #[test]
    fn status_history_stays_monotone(ws in arb_workspace(), moves in proptest::collection::vec((0..6usize, 0..5usize, day_string()), 0..20)) {
        let mut ws = ws;
        for (s, st, date) in moves {
            let Some(id) = ws.synergies.get(s).map(|s| s.id.clone()) else { continue };
            let _ = set_status(&mut ws, &id, step(SynergyStatus::ALL[st], &date));
        }
        for s in &ws.synergies {
            let days: Vec<i64> = s.history.iter().filter_map(|c| day_number(&c.date)).collect();
            prop_assert!(days.windows(2).all(|w| w[0] <= w[1]), "{:?}", days);
        }
    }
}

#[test]
fn partner_indicators_are_read_one_by_one_and_never_without_a_source() {
    let golden = include_str!("../../../tests/fixtures/workspace/workshop.summary.json");
    let (plain, diags) = parse_summary(golden)
        .expect("the golden summary reads")
        .into_parts();
    assert!(diags.is_empty(), "{diags:?}");
    assert!(
        plain.indicators.is_empty(),
        "nothing is shipped or invented"
    );
    let mut v: serde_json::Value = serde_json::from_str(golden).expect("json");
    v["indicators"] = serde_json::json!([
        {"id": "cmu", "name": {"fi": "Kiertoasteindikaattori"}, "unit": "%", "source": "Testilähde",
         "values": [{"year": 2022, "value": 2.0}, {"year": 2021, "value": 1.5},
                    {"year": 2022, "value": 9.0}, {"year": 1066, "value": 3.0}],
         "target": {"year": 2035, "value": 4.0, "source": "Testitavoite"}, "colour": "red"},
        {"id": "rp", "name": {"en": "Resource productivity"}, "unit": "€/kg", "source": " ",
         "values": [{"year": 2022, "value": 1.0}]},
        {"id": "cmu", "name": {"sv": "Dubblett"}, "unit": "%", "source": "X",
         "values": [{"year": 2022, "value": 1.0}]},
        {"id": "x", "name": {"fi": "Ei arvoja"}, "unit": "%", "source": "X", "values": []},
        {"id": "y", "unit": "%", "source": "X", "values": [{"year": 2022, "value": 1.0}]},
        {"id": "z", "name": {"fi": "Tavoite ilman lähdettä"}, "unit": "%", "source": "X",
         "values": [{"year": 2020, "value": 1.0}], "target": {"year": 2035, "value": 2.0, "source": ""}}
    ]);
    let (s, diags) = parse_summary(&v.to_string()).expect("reads").into_parts();
    let ids: Vec<&str> = s.indicators.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["cmu", "z"]);
    let years: Vec<u16> = s.indicators[0].values.iter().map(|v| v.year).collect();
    assert_eq!(
        years,
        [2021, 2022],
        "sorted, the repeated and impossible years dropped"
    );
    assert_eq!(
        s.indicators[0].values[1].value, 2.0,
        "the first of a repeated year is kept"
    );
    assert!(s.indicators[0].target.is_some());
    assert!(
        s.indicators[1].target.is_none(),
        "a target without a source is left out"
    );
    let rows: Vec<(usize, &str)> = diags.iter().map(|d| (d.row, d.field.as_str())).collect();
    assert_eq!(
        rows,
        [
            (1, "indicators"),
            (1, "values"),
            (1, "values"),
            (2, "indicators"),
            (3, "indicators"),
            (4, "indicators"),
            (5, "indicators"),
            (6, "target"),
        ],
        "{diags:?}"
    );
    assert!(diags[3].message.contains("source"));
    assert_eq!(
        diags[0].severity,
        Severity::Warning,
        "an unknown key is a warning"
    );
    // The rest of the summary is unchanged, and a broken `indicators` never hides it.
    assert_eq!(s.total, plain.total);
    v["indicators"] = serde_json::json!({"cmu": 1});
    let (s, diags) = parse_summary(&v.to_string()).expect("reads").into_parts();
    assert!(s.indicators.is_empty());
    assert_eq!(diags.len(), 1);
    assert!(parse_summary("[]").is_err());
    assert!(parse_summary(&golden.replace("kiertokit-situational-picture", "x")).is_err());
}

#[test]
fn undoing_a_status_step_keeps_the_first_and_lets_a_corrected_one_follow() {
    let mut ws = small();
    let id = ws.synergies[0].id.clone();
    let before = ws.synergies[0].history.clone();
    assert!(before.len() >= 2, "the fixture has a second step");
    let taken = undo_status(&mut ws, &id).expect("a step to take back");
    assert_eq!(&taken, before.last().expect("a last step"));
    assert_eq!(ws.synergies[0].history, before[..before.len() - 1]);
    // The corrected step may be dated before the one taken back, not before the one left.
    let left = day_number(&before[before.len() - 2].date).expect("a date");
    let early = step(SynergyStatus::Dropped, &format_day(left - 1));
    assert!(set_status(&mut ws, &id, early).is_err());
    let corrected = step(SynergyStatus::Dropped, &format_day(left));
    set_status(&mut ws, &id, corrected).expect("same day as the step before is fine");
    while ws.synergies[0].history.len() > 1 {
        undo_status(&mut ws, &id).expect("undo");
    }
    assert_eq!(
        undo_status(&mut ws, &id),
        Err(WorkspaceError::OnlyStep(id.clone()))
    );
    assert_eq!(ws.synergies[0].history, before[..1]);
    assert!(matches!(
        undo_status(&mut ws, "no-such"),
        Err(WorkspaceError::UnknownId(_))
    ));
}
