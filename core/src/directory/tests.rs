//! Directory tests: readers, search parity with the finder's index, facets, call timing across
//! summer time, the pre-check against the scoring rules, `.ics` and expert matching.

use super::*;
use crate::matching::{Index, Listing, ListingKind, Query};
use crate::scoring::{Application, passes, region_of};
use crate::vocab::{Lang, Quantity, Severity, Unit};
use proptest::prelude::*;

const EXPERTS: &str = include_str!("../../data/directory/experts.json");
const FUNDING: &str = include_str!("../../data/directory/funding.json");
const COMPANIES: &str = include_str!("../../data/directory/companies.json");

/// UTC seconds of a Helsinki wall-clock time.
fn hki(s: &str) -> i64 {
    crate::scoring::parse_helsinki(s).expect("a valid Helsinki time")
}

fn errors(diags: &[crate::Diagnostic]) -> Vec<&crate::Diagnostic> {
    diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect()
}

fn calls() -> Vec<FundingCall> {
    match parse_directory(FUNDING, Kind::Funding).value {
        Entries::Funding(v) => v,
        other => panic!("not funding: {other:?}"),
    }
}

fn experts() -> Vec<Expert> {
    match parse_directory(EXPERTS, Kind::Experts).value {
        Entries::Experts(v) => v,
        other => panic!("not experts: {other:?}"),
    }
}

#[test]
fn the_shipped_samples_read_without_diagnostics_and_are_labelled() {
    for (text, kind, n) in [
        (EXPERTS, Kind::Experts, 6),
        (FUNDING, Kind::Funding, 6),
        (COMPANIES, Kind::Companies, 8),
    ] {
        let (entries, diags) = parse_directory(text, kind).into_parts();
        assert!(diags.is_empty(), "{kind:?}: {diags:?}");
        assert_eq!((entries.kind(), entries.len()), (kind, n));
    }
    assert!(experts().iter().all(|e| e.fictitious));
    if let Entries::Companies(v) = parse_directory(COMPANIES, Kind::Companies).value {
        assert!(v.iter().all(|c| c.fictitious));
    }
    // Real calls name their source and the day it was checked; invented ones say so.
    for c in calls() {
        assert!(c.example, "{}", c.id);
        assert!(
            c.fictitious || (c.source.is_some() && c.checked.is_some()),
            "{}",
            c.id
        );
    }
}

#[test]
fn unknown_keys_warn_with_a_suggestion_and_bad_rows_are_skipped_alone() {
    let text = r#"{"version": 1, "kind": "experts", "entires": 1, "entries": [
        {"id": "a", "name": "A", "langauges": ["fi"], "description": {"fi": "x", "se": "y"}},
        {"id": "b", "name": "B", "skills": ["juggling"]},
        {"id": "c", "name": "", "languages": ["sv"]},
        {"id": "a", "name": "A again"},
        {"id": "d", "name": "D", "contact": "javascript:alert(1)", "categories": ["plastic"],
         "regions": ["Atlantis", "Pirkanmaa"], "ewc_chapters": ["17 02", "99"]}
    ]}"#;
    let (entries, diags) = parse_json(text, None).into_parts();
    let Entries::Experts(v) = entries else {
        panic!("experts")
    };
    assert_eq!(
        v.iter().map(|e| e.id.as_str()).collect::<Vec<_>>(),
        ["a", "d"]
    );
    let find = |row: usize, field: &str| {
        diags
            .iter()
            .find(|d| d.row == row && d.field == field)
            .unwrap_or_else(|| panic!("no diagnostic at {row} {field}: {diags:?}"))
    };
    assert_eq!(find(0, "entires").suggestion.as_deref(), Some("entries"));
    assert_eq!(
        find(1, "langauges").suggestion.as_deref(),
        Some("languages")
    );
    assert_eq!(find(1, "description.se").severity, Severity::Warning);
    assert_eq!(find(2, "").severity, Severity::Error);
    assert_eq!(find(3, "name").severity, Severity::Error);
    assert!(find(4, "id").message.contains("repeated"));
    assert_eq!(find(5, "contact").severity, Severity::Warning);
    assert_eq!(
        find(5, "categories").suggestion.as_deref(),
        Some("plastics")
    );
    let d = &v[1];
    assert_eq!(d.contact, None);
    assert!(d.categories.is_empty());
    assert_eq!(d.regions, ["Pirkanmaa"]);
    assert_eq!(d.ewc_chapters, ["17"]);
}

#[test]
fn a_call_with_an_unknown_region_or_impossible_times_is_refused() {
    let text = r#"{"version": 1, "kind": "funding", "entries": [
        {"id": "a", "funder": "F", "title": {"fi": "A"}, "regions": ["Narnia"]},
        {"id": "b", "funder": "F", "title": {"fi": "B"}, "deadline": "2026-03-29T03:30"},
        {"id": "c", "funder": "F", "title": {"fi": "C"}, "opens": "2026-05-01T00:00",
         "deadline": "2026-04-01T00:00"},
        {"id": "d", "funder": "F", "title": {}, "funding_rate": 120},
        {"id": "e", "funder": "F", "title": {"sv": "E"}, "amount_min": 10, "amount_max": 5},
        {"id": "ok", "funder": "F", "title": {"en": "OK"}, "regions": ["Nyland", "Tampere"]}
    ]}"#;
    let (entries, diags) = parse_json(text, None).into_parts();
    assert_eq!(entries.len(), 1, "{diags:?}");
    assert_eq!(entries.id(0), Some("ok"));
    for row in 1..=5 {
        assert!(
            errors(&diags).iter().any(|d| d.row == row),
            "row {row}: {diags:?}"
        );
    }
}

#[test]
fn envelopes_of_other_versions_or_kinds_are_refused() {
    let (e, d) =
        parse_json(r#"{"version": 2, "kind": "experts", "entries": []}"#, None).into_parts();
    assert!(e.is_empty() && d[0].field == "version");
    let (e, d) =
        parse_json(r#"{"version": 1, "kind": "expers", "entries": []}"#, None).into_parts();
    assert!(e.is_empty());
    assert_eq!(d[0].suggestion.as_deref(), Some("experts"));
    let (e, d) = parse_directory(FUNDING, Kind::Companies).into_parts();
    assert!(e.is_empty() && e.kind() == Kind::Companies);
    assert!(d.iter().any(|d| d.field == "kind"));
    let (_, d) = parse_json("{", None).into_parts();
    assert_eq!(d[0].severity, Severity::Error);
}

#[test]
fn csv_reads_the_same_entries_as_json() {
    let csv = "id;name;organisation;categories;skills;regions;languages;description_fi;description_sv;fictitious;colour\n\
               a;Aino;Org;wood|plastics;LCA, luvat;Pirkanmaa;suomi,svenska;Puu;Trä;kyllä;red\n\
               b;Bo;;;;;;;;maybe;\n\
               ;;;;;;;;;;\n\
               c;Cia;;;design;*;en;;;0;\n";
    let (entries, diags) = parse_csv(csv, Kind::Experts).into_parts();
    let Entries::Experts(v) = entries else {
        panic!("experts")
    };
    assert_eq!(v.len(), 2, "{diags:?}");
    let json = r#"{"version": 1, "kind": "experts", "entries": [
        {"id": "a", "name": "Aino", "organisation": "Org", "categories": ["wood", "plastics"],
         "skills": ["lca", "permits-and-law"], "regions": ["Pirkanmaa"], "languages": ["fi", "sv"],
         "description": {"fi": "Puu", "sv": "Trä"}, "fictitious": true},
        {"id": "c", "name": "Cia", "skills": ["design"], "regions": ["*"], "languages": ["en"]}]}"#;
    let (Entries::Experts(from_json), none) = parse_json(json, None).into_parts() else {
        panic!("experts")
    };
    assert!(none.is_empty(), "{none:?}");
    assert_eq!(v, from_json);
    assert!(
        diags
            .iter()
            .any(|d| d.field == "colour" && d.severity == Severity::Warning)
    );
    assert!(
        diags
            .iter()
            .any(|d| d.row == 3 && d.field == "fictitious" && d.severity == Severity::Error)
    );
}

#[test]
fn finnish_and_swedish_headers_read_as_the_field_names() {
    let english = "id;name;municipality;models;sector_fi;description_sv;fictitious\n\
                   k1;Kierto Oy;Tampere;circular-supply;Teollisuus;Tillverkning;true\n";
    let finnish = "Tunnus;Nimi;Kunta;Liiketoimintamallit;Toimiala_fi;Kuvaus_sv;Keksitty\n\
                   k1;Kierto Oy;Tampere;circular-supply;Teollisuus;Tillverkning;kyllä\n";
    let swedish = "beteckning;namn;kommun;affärsmodeller;bransch_fi;beskrivning_sv;fiktiv\n\
                   k1;Kierto Oy;Tampere;circular-supply;Teollisuus;Tillverkning;ja\n";
    let (base, none) = parse_csv(english, Kind::Companies).into_parts();
    assert!(none.is_empty(), "{none:?}");
    for csv in [finnish, swedish] {
        let (entries, diags) = parse_csv(csv, Kind::Companies).into_parts();
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(entries, base);
    }
    // A misspelt Finnish header is reported with the header it was probably meant to be.
    let (_, diags) = parse_csv("tunnus;nimii\nk1;X\n", Kind::Companies).into_parts();
    assert!(
        diags
            .iter()
            .any(|d| d.field == "nimii" && d.severity == Severity::Warning),
        "{diags:?}"
    );
}

#[test]
fn csv_numbers_take_a_decimal_comma_and_bad_ones_skip_the_row() {
    let csv = "id,funder,title_fi,amount_max,funding_rate,deadline\n\
               a,F,Haku,\"70 000\",\"42,5\",2026-12-18T16:15\n\
               b,F,Haku,lots,50,\n";
    let (Entries::Funding(v), diags) = parse_csv(csv, Kind::Funding).into_parts() else {
        panic!("funding")
    };
    assert_eq!(v.len(), 1);
    assert_eq!(
        (v[0].amount_max, v[0].funding_rate),
        (Some(70000.0), Some(42.5))
    );
    assert!(diags.iter().any(|d| d.row == 3 && d.field == "amount_max"));
    let (e, d) = parse_csv("name\nx\n", Kind::Companies).into_parts();
    assert!(e.is_empty() && d.iter().any(|d| d.field == "id"));
}

#[test]
fn json_round_trips() {
    let (entries, _) = parse_directory(FUNDING, Kind::Funding).into_parts();
    let (again, diags) = parse_json(&to_json(&entries), None).into_parts();
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(again, entries);
}

/// The directory ranks entries exactly as the finder's index ranks listings with the same text.
#[test]
fn search_ranks_as_the_finder_index_does_on_the_same_text() {
    let list = experts();
    let dir = Directory::new(Entries::Experts(list.clone()));
    let listings: Vec<Listing> = list
        .iter()
        .map(|e| {
            let mut l = Listing::new(
                &e.id,
                ListingKind::Offer,
                &e.name,
                e.categories.first().map_or("", String::as_str),
                Quantity {
                    amount: 1.0,
                    unit: Unit::Piece,
                },
                e.municipality.as_deref().unwrap_or(""),
            );
            let mut d = vec![super::entry::all_langs(&e.description)];
            d.extend(e.skills.iter().map(|s| super::entry::all_langs(&s.name())));
            d.extend(
                e.categories
                    .iter()
                    .skip(1)
                    .filter_map(|c| crate::matching::category(c))
                    .map(|c| super::entry::all_langs(&c.name)),
            );
            l.description = d.join(" ");
            l.organisation = e.organisation.clone();
            l
        })
        .collect();
    let finder = Index::new(listings);
    for text in [
        "muovi",
        "puujätteen",
        "ympäristölupa",
        "plast",
        "kierrätysmuovin laatu",
        "logistiikkaa",
        "Kuopio",
        "mädätys",
        "",
    ] {
        let ours: Vec<(String, f64)> = dir
            .search(&DirectoryQuery {
                text: text.into(),
                ..DirectoryQuery::default()
            })
            .hits
            .into_iter()
            .map(|h| (h.id, h.score))
            .collect();
        let theirs: Vec<(String, f64)> = finder
            .search(&Query {
                limit: 0,
                ..Query::text(text)
            })
            .hits
            .into_iter()
            .map(|h| (h.id, h.score))
            .collect();
        assert_eq!(ours, theirs, "{text}");
    }
    // Finnish inflection and Swedish both reach the expert on plastics.
    for q in ["muoveja", "plasten", "kierrätysmuovia"] {
        let hits = dir.search(&DirectoryQuery {
            text: q.into(),
            ..DirectoryQuery::default()
        });
        assert_eq!(
            hits.hits.first().map(|h| h.id.as_str()),
            Some("esim-erik-lindqvist"),
            "{q}"
        );
    }
}

#[test]
fn facet_counts_ignore_their_own_filter_and_whole_country_entries_pass_any_region() {
    let dir = Directory::new(Entries::Experts(experts()));
    let all = dir.search(&DirectoryQuery::default());
    assert_eq!(all.total, 6);
    assert_eq!(all.facets["language"]["fi"], 6);
    assert_eq!(all.facets["language"]["sv"], 2);
    let mut q = DirectoryQuery::default();
    q.filters.insert("region".into(), vec!["Pirkanmaa".into()]);
    q.filters.insert("language".into(), vec!["fi".into()]);
    let r = dir.search(&q);
    let ids: Vec<&str> = r.hits.iter().map(|h| h.id.as_str()).collect();
    // Aino serves Pirkanmaa; Sanna serves all of Finland.
    assert_eq!(ids, ["esim-aino-virta", "esim-sanna-koivisto"]);
    // Region counts are taken as if no region were chosen (the language filter still holds).
    let regions = &r.facets["region"];
    assert_eq!(regions.get("Pohjois-Pohjanmaa"), Some(&1));
    // The same counts as a brute-force filter over every entry.
    for (name, counts) in &r.facets {
        for (value, &n) in counts {
            let mut only = q.clone();
            only.filters.insert(name.clone(), vec![value.clone()]);
            let hits = dir.search(&only).hits;
            let exact = hits.iter().filter(|h| {
                dir.facet_values(h.index, &only)
                    .iter()
                    .any(|(f, v)| f == name && v == value)
            });
            assert_eq!(exact.count(), n, "{name}={value}");
        }
    }
    let mut page = DirectoryQuery {
        limit: 2,
        offset: 4,
        ..DirectoryQuery::default()
    };
    assert_eq!(dir.search(&page).hits.len(), 2);
    page.offset = 10;
    assert!(dir.search(&page).hits.is_empty());
}

#[test]
fn call_states_follow_helsinki_time_across_summer_time() {
    let call = |opens: Option<&str>, deadline: Option<&str>| FundingCall {
        id: "x".into(),
        funder: "F".into(),
        programme: Default::default(),
        title: crate::vocab::Text::new("X", "X", "X"),
        description: Default::default(),
        organisation_types: vec![],
        regions: vec![],
        topics: vec![],
        amount_min: None,
        amount_max: None,
        funding_rate: None,
        opens: opens.map(str::to_owned),
        deadline: deadline.map(str::to_owned),
        link: None,
        source: None,
        checked: None,
        status: CallStatus::Active,
        example: false,
        fictitious: false,
    };
    // 16:15 in Helsinki is 13:15 UTC in summer and 14:15 UTC in winter.
    let summer = call(Some("2027-01-10T09:00"), Some("2027-03-31T16:15"));
    let d = call_timing(&summer, 0, 14).deadline_utc.expect("deadline");
    assert_eq!(crate::scoring::format_utc(d), "2027-03-31T13:15:00Z");
    let winter = call(None, Some("2026-12-18T16:15"));
    let d2 = call_timing(&winter, 0, 14).deadline_utc.expect("deadline");
    assert_eq!(crate::scoring::format_utc(d2), "2026-12-18T14:15:00Z");
    // The spring change (28 March 2027) lies between "now" and the deadline, so the same
    // wall-clock time 14 days earlier is only 14 days minus an hour before it: days are
    // counted by instants, and "closing soon" starts at 15:15 winter time.
    let now = hki("2027-03-17T16:15");
    assert_eq!(call_timing(&summer, now, 14).state, CallState::ClosingSoon);
    assert_eq!(
        call_timing(&summer, now, 14).seconds_left,
        Some(14 * 86_400 - 3600)
    );
    assert_eq!(
        call_timing(&summer, hki("2027-03-17T15:15"), 14).state,
        CallState::ClosingSoon
    );
    assert_eq!(
        call_timing(&summer, hki("2027-03-17T15:14"), 14).state,
        CallState::Open
    );
    assert_eq!(call_timing(&summer, d, 14).state, CallState::ClosingSoon);
    assert_eq!(call_timing(&summer, d + 1, 14).state, CallState::Closed);
    assert_eq!(call_timing(&summer, d + 1, 14).seconds_left, Some(0));
    assert_eq!(
        call_timing(&summer, hki("2027-01-10T08:59"), 14).state,
        CallState::Upcoming
    );
    // The autumn change: 03:30 happens twice; the reader takes the earlier (summer) instant.
    let autumn = call(None, Some("2026-10-25T03:30"));
    let d3 = call_timing(&autumn, 0, 0).deadline_utc.expect("deadline");
    assert_eq!(crate::scoring::format_utc(d3), "2026-10-25T00:30:00Z");
    let continuous = call(None, None);
    assert_eq!(call_timing(&continuous, d3, 14).state, CallState::Open);
    let mut suspended = call(None, None);
    suspended.status = CallStatus::Suspended;
    assert_eq!(call_timing(&suspended, 0, 14).state, CallState::Closed);
}

#[test]
fn state_facet_lists_closing_calls_as_open_too() {
    let dir = Directory::new(Entries::Funding(calls()));
    let q = DirectoryQuery {
        now: Some(hki("2026-12-07T12:00")),
        ..DirectoryQuery::default()
    };
    let r = dir.search(&q);
    assert_eq!(r.facets["state"]["closed"], 4);
    assert_eq!(r.facets["state"]["open"], 2);
    assert_eq!(r.facets["state"]["closing-soon"], 1);
}

#[test]
fn the_precheck_uses_the_scoring_rules_codes_and_texts() {
    let c = calls()
        .into_iter()
        .find(|c| c.id == "esimerkki-sivuvirtakokeilut-2027")
        .expect("sample call");
    let empty = precheck(&c, &Applicant::default());
    assert!(!empty.eligible);
    assert_eq!(empty.unanswered, ["org-type", "region", "topic"]);
    let ok = precheck(
        &c,
        &Applicant {
            organisation_type: Some("company".into()),
            place: Some("Hämeenlinna".into()),
            topics: vec!["side-streams".into()],
        },
    );
    assert!(ok.eligible, "{ok:?}");
    let wrong = precheck(
        &c,
        &Applicant {
            organisation_type: Some("municipality".into()),
            place: Some("Vasa".into()),
            topics: vec!["side-streams".into()],
        },
    );
    assert_eq!(
        wrong
            .failed
            .iter()
            .map(|f| f.code.as_str())
            .collect::<Vec<_>>(),
        ["org-type", "region"]
    );
    assert_eq!(
        Some(wrong.failed[1].text.clone()),
        crate::scoring::standard_text("region")
    );
    // Swedish names of a region and its municipalities are the same places.
    let sv = precheck(
        &c,
        &Applicant {
            organisation_type: Some("company".into()),
            place: Some("Egentliga Tavastland".into()),
            topics: vec!["side-streams".into()],
        },
    );
    assert!(sv.eligible, "{sv:?}");
}

const PLACES: &[&str] = &[
    "Tampere",
    "Tammerfors",
    "Pirkanmaa",
    "Birkaland",
    "Vaasa",
    "Pohjanmaa",
    "Helsinki",
    "Uusimaa",
    "Nyland",
    "Oulu",
    "*",
    "Atlantis",
    "",
];
const TYPES: &[&str] = &[
    "company",
    "municipality",
    "association",
    "*",
    "",
    "Company ",
];
const TOPICS: &[&str] = &["circular-economy", "climate", "side-streams", "*", ""];

fn pick(list: &'static [&'static str]) -> impl Strategy<Value = Vec<String>> {
    proptest::collection::vec(0..list.len(), 0..4)
        .prop_map(move |ix| ix.into_iter().map(|i| list[i].to_owned()).collect())
}

proptest! {
    /// Whatever the call and the answers, an applicant the scoring engine fails on any rule is
    /// never eligible, and an eligible one passes every rule of the call.
    #[test]
    fn the_precheck_never_passes_an_entry_whose_rules_fail(
        types in pick(TYPES),
        regions in pick(PLACES),
        topics in pick(TOPICS),
        a_type in proptest::option::of(0..TYPES.len()),
        a_place in proptest::option::of(0..PLACES.len()),
        a_topics in pick(TOPICS),
    ) {
        let mut call = calls().remove(0);
        call.organisation_types = types.into_iter().filter(|t| !t.trim().is_empty()).collect();
        call.regions = regions.into_iter().filter(|r| !r.trim().is_empty()).collect();
        call.topics = topics.into_iter().filter(|t| !t.trim().is_empty()).collect();
        let applicant = Applicant {
            organisation_type: a_type.map(|i| TYPES[i].to_owned()),
            place: a_place.map(|i| PLACES[i].to_owned()),
            topics: a_topics,
        };
        let result = precheck(&call, &applicant);
        let rules = call_rules(&call);
        let programme_rules_fail = {
            let app = Application {
                organisation_type: applicant.organisation_type.clone().unwrap_or_default(),
                region: applicant.place.clone(),
                themes: applicant.topics.clone(),
                ..Application::default()
            };
            let p: crate::scoring::Programme = serde_json::from_value(serde_json::json!({
                "format": crate::scoring::FORMAT, "id": "p", "version": "1",
                "name": {"fi": "p"}, "deadline": {"local": "2030-01-01T00:00"},
                "criteria": [], "maxSelected": 1, "rules": rules,
            })).expect("a programme");
            p.rules.iter().any(|r| !passes(&p, r, &app))
        };
        if programme_rules_fail {
            prop_assert!(!result.eligible);
        }
        if result.eligible {
            prop_assert!(!programme_rules_fail);
            prop_assert!(result.failed.is_empty() && result.unanswered.is_empty());
        }
        // Every failed code is one of the call's rules, with its standard text.
        for f in &result.failed {
            prop_assert!(rules.iter().any(|r| r.code == f.code && r.text == f.text));
        }
        // An applicant whose region is unknown never passes a region rule.
        if let Some(p) = &applicant.place
            && region_of(p).is_none() && !call.regions.is_empty()
            && !call.regions.iter().any(|r| r == "*" || r.trim().eq_ignore_ascii_case(p.trim()))
        {
            prop_assert!(!result.eligible);
        }
    }

    /// `.ics` lines never exceed 75 octets, end in CRLF, and unfold to the escaped summary.
    #[test]
    fn ics_lines_are_folded_and_escaped(title in "[a-zåäö ,;\\\\\n]{0,120}", stamp in 0i64..4_000_000_000) {
        let mut call = calls().remove(4);
        call.title = crate::vocab::Text::new(&title, &title, &title);
        let text = ics(&call, Lang::Fi, stamp).expect("a deadline");
        prop_assert!(text.ends_with("\r\n"));
        for line in text.split("\r\n") {
            prop_assert!(line.len() <= 75, "{line:?}");
            prop_assert!(!line.contains('\n') && !line.contains('\r'));
        }
        let unfolded = text.replace("\r\n ", "");
        let summary = unfolded.lines().find(|l| l.starts_with("SUMMARY:")).expect("summary");
        let expected = format!("Haku päättyy: {title}")
            .replace('\\', "\\\\").replace(';', "\\;").replace(',', "\\,").replace('\n', "\\n");
        prop_assert_eq!(summary.trim_end_matches('\r'), format!("SUMMARY:{expected}"));
    }
}

#[test]
fn ics_puts_the_deadline_in_utc_and_skips_continuous_calls() {
    let list = calls();
    let c = list
        .iter()
        .find(|c| c.id == "esimerkki-sivuvirtakokeilut-2027")
        .expect("sample");
    let text = ics(c, Lang::Sv, hki("2026-12-07T12:00")).expect("a deadline");
    assert!(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
    assert!(text.contains("\r\nDTSTART:20270331T131500Z\r\n"), "{text}");
    assert!(text.contains("\r\nDTSTAMP:20261207T100000Z\r\n"));
    assert!(text.contains("SUMMARY:Ansökningstiden går ut: Försök med sidoströmmar"));
    assert!(text.contains("\r\nTRIGGER:-P1D\r\n"));
    let mut continuous = c.clone();
    continuous.deadline = None;
    assert_eq!(ics(&continuous, Lang::Fi, 0), None);
}

#[test]
fn experts_match_a_need_with_an_explanation() {
    let list = experts();
    let need = Need {
        category: None,
        ewc: Some("15 01 02".into()),
        place: Some("Seinäjoki".into()),
        language: Some(Lang::Sv),
        skill: None,
    };
    let found = match_experts(&list, &need);
    let first = found.first().expect("a match");
    assert_eq!(first.id, "esim-erik-lindqvist");
    assert_eq!(
        first
            .factors
            .iter()
            .map(|f| f.name.as_str())
            .collect::<Vec<_>>(),
        ["material", "place", "language"]
    );
    let weights: f64 = first.factors.iter().map(|f| f.weight).sum();
    assert!((weights - 1.0).abs() < 1e-9);
    assert!(first.factors[0].met && first.factors[2].met);
    // Scores are sorted and each is the weighted sum of its factors.
    for pair in found.windows(2) {
        assert!(pair[0].score >= pair[1].score);
    }
    for m in &found {
        let sum: f64 = m.factors.iter().map(|f| f.value * f.weight).sum();
        assert!((m.score - sum).abs() < 1e-3, "{m:?}");
        assert!(m.factors.iter().any(|f| f.value > 0.0));
    }
    // Sanna serves all of Finland in Finnish and Swedish, so she matches a permit question
    // anywhere; a need from a listing carries its material and place.
    let mut listing = Listing::new(
        "l",
        ListingKind::Offer,
        "Betonimurske",
        "construction",
        Quantity {
            amount: 10.0,
            unit: Unit::Tonne,
        },
        "Rovaniemi",
    );
    listing.lang = Some(Lang::Fi);
    let mut need = Need::from_listing(&listing);
    need.skill = Some(Skill::PermitsAndLaw);
    let found = match_experts(&list, &need);
    assert_eq!(found[0].id, "esim-sanna-koivisto");
    assert!(
        found
            .iter()
            .all(|m| m.id != "esim-erik-lindqvist" || m.score < 0.5)
    );
    assert!(match_experts(&list, &Need::default()).is_empty());
}

#[test]
fn names_of_skills_and_models_parse_in_every_language() {
    for s in Skill::ALL {
        for name in [s.name().fi, s.name().sv, s.name().en]
            .into_iter()
            .flatten()
        {
            assert_eq!(Skill::parse(&name), Some(s), "{name}");
        }
        assert_eq!(Skill::parse(s.as_str()), Some(s));
    }
    for m in BusinessModel::ALL {
        for name in [m.name().fi, m.name().sv, m.name().en]
            .into_iter()
            .flatten()
        {
            assert_eq!(BusinessModel::parse(&name), Some(m), "{name}");
        }
        assert_eq!(BusinessModel::parse(m.as_str()), Some(m));
    }
    assert_eq!(Kind::parse("Companies"), Some(Kind::Companies));
    assert_eq!(Kind::parse("people"), None);
}

#[test]
fn a_company_is_placed_at_its_municipality_in_either_language() {
    let Entries::Companies(v) = parse_directory(COMPANIES, Kind::Companies).value else {
        panic!("companies")
    };
    let vaasa = crate::matching::find_municipality("Vaasa").expect("Vaasa");
    let c = v
        .iter()
        .find(|c| c.municipality == "Vaasa")
        .expect("a company in Vaasa");
    assert_eq!(c.point(), Some((vaasa.lat, vaasa.lon)));
    let mut sv = c.clone();
    sv.municipality = "Vasa".into();
    assert_eq!(sv.point(), c.point());
    sv.municipality = "Atlantis".into();
    assert_eq!(sv.point(), None);
}
