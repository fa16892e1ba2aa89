use super::*;
use crate::matching::{parse_listings, to_json};
use crate::vocab::Severity;
use proptest::prelude::*;

const PAGE: &str = include_str!("../../../../tests/fixtures/matching/materiaalitori/page.json");
const UNKNOWN: &str =
    include_str!("../../../../tests/fixtures/matching/materiaalitori/unknown-codes.json");
const BROKEN: &str = include_str!("../../../../tests/fixtures/matching/materiaalitori/broken.json");
const OURS: &str = include_str!("../../../../tests/fixtures/matching/listings.json");

fn find<'a>(ls: &'a [Listing], id: &str) -> &'a Listing {
    ls.iter()
        .find(|l| l.id == id)
        .unwrap_or_else(|| panic!("no listing `{id}`"))
}

fn has(diags: &[Diagnostic], row: usize, field: &str, needle: &str) -> bool {
    diags
        .iter()
        .any(|d| d.row == row && d.field == field && d.message.contains(needle))
}

fn id(n: u8) -> String {
    format!("3f2b8c1e-0a41-4d6e-9b7a-1c2d3e4f5a{n:02}")
}

#[test]
fn page_maps_every_field_of_a_waste_offer() {
    let (ls, _) = parse_materiaalitori(PAGE).into_parts();
    let l = find(&ls, &id(1));
    assert_eq!(l.kind, ListingKind::Offer);
    assert_eq!(l.title, "Purkupuuta rakennustyömaalta");
    assert_eq!(l.category, "wood");
    assert_eq!(l.ewc.as_deref(), Some("170201"));
    assert!(!l.hazardous);
    assert_eq!(l.recurrence, Recurrence::OneOff);
    assert_eq!(
        l.quantity,
        Quantity {
            amount: 12.5,
            unit: Unit::Tonne
        }
    );
    assert_eq!(l.municipality, "Tampere");
    assert_eq!(
        l.coordinates,
        Some(Coordinates {
            lat: 61.4981,
            lon: 23.7610
        })
    );
    assert_eq!(l.available_from.as_deref(), Some("2026-11-02"));
    // 22:00 UTC in December is midnight in Finland: the listing is open through the 20th.
    assert_eq!(l.available_until.as_deref(), Some("2026-12-20"));
    assert_eq!(l.organisation.as_deref(), Some("Rakennus Oy Esimerkki"));
    assert_eq!(l.status, Status::Open);
    assert!(l.description.starts_with("Kyllästämätöntä purkupuuta"));
    assert!(l.description.ends_with("Noin kaksi vaihtolavallista."));
}

#[test]
fn page_imports_all_material_listings_and_skips_the_service() {
    let (ls, diags) = parse_materiaalitori(PAGE).into_parts();
    let ids: Vec<&str> = ls.iter().map(|l| l.id.as_str()).collect();
    // 10 listings: one service skipped, two with two materials each.
    assert_eq!(ls.len(), 11, "{ids:?}");
    assert!(!ids.contains(&id(6).as_str()));
    assert!(has(&diags, 6, "rfoType", "waste service"));
    assert!(
        diags.iter().all(|d| d.severity == Severity::Warning),
        "{diags:#?}"
    );
    // Everything we produce passes our own listing reader unchanged.
    let json = to_json(&ls);
    let (back, ours) = parse_listings(&json).into_parts();
    assert_eq!(back, ls);
    assert!(
        ours.iter().all(|d| d.severity == Severity::Warning),
        "{ours:#?}"
    );
}

#[test]
fn hazardous_waste_keeps_its_hazard_code_and_recurrence() {
    let (ls, _) = parse_materiaalitori(PAGE).into_parts();
    let l = find(&ls, &id(2));
    assert!(l.hazardous);
    assert_eq!(l.ewc.as_deref(), Some("130205"));
    assert_eq!(l.recurrence, Recurrence::PerYear);
    assert_eq!(l.municipality, "Helsinki");
    assert_eq!(
        l.quantity,
        Quantity {
            amount: 800.0,
            unit: Unit::Kg
        }
    );
}

#[test]
fn unknown_classification_falls_back_to_the_ewc_category() {
    let (ls, diags) = parse_materiaalitori(PAGE).into_parts();
    // `muu_jate` is not in the code list; 13 02 05 is a chemicals entry.
    assert_eq!(find(&ls, &id(2)).category, "chemicals");
    assert!(has(&diags, 2, "materials[0].classification", "muu_jate"));
}

#[test]
fn several_materials_become_numbered_listings() {
    let (ls, _) = parse_materiaalitori(PAGE).into_parts();
    let first = find(&ls, &id(3));
    let second = find(&ls, &format!("{}-2", id(3)));
    assert_eq!(
        (first.category.as_str(), second.category.as_str()),
        ("wood", "paper")
    );
    assert_eq!(first.quantity.unit, Unit::Piece);
    assert_eq!(second.quantity.amount, 3.0);
    assert_eq!(first.title, second.title);
    assert_eq!(first.municipality, "Vantaa");
    let seeks = (find(&ls, &id(10)), find(&ls, &format!("{}-2", id(10))));
    assert_eq!(
        (seeks.0.category.as_str(), seeks.1.category.as_str()),
        ("plastics", "plastics")
    );
    assert_eq!(seeks.1.municipality, "Kemi");
}

#[test]
fn seeks_take_their_first_target_area() {
    let (ls, diags) = parse_materiaalitori(PAGE).into_parts();
    let s = find(&ls, &id(4));
    assert_eq!(s.kind, ListingKind::Seek);
    assert_eq!(s.category, "construction");
    assert_eq!(s.municipality, "Tampere");
    assert_eq!(s.quantity.amount, 0.0);
    assert_eq!(s.available_until.as_deref(), Some("2027-03-31"));
    assert!(has(&diags, 4, "regions", "also listed: Pirkanmaa"));
    assert!(has(&diags, 0, "quantity", "4 sought material(s)"));
    let r = find(&ls, &id(5));
    assert_eq!(r.municipality, "Pohjois-Pohjanmaa");
    assert_eq!(
        r.coordinates,
        Some(Coordinates {
            lat: 64.95752,
            lon: 26.76917
        })
    );
    assert!(has(&diags, 5, "regions", "approximate"));
}

#[test]
fn closed_listings_stay_closed_and_furniture_is_other() {
    let (ls, diags) = parse_materiaalitori(PAGE).into_parts();
    let glass = find(&ls, &id(7));
    assert_eq!(glass.status, Status::Closed);
    assert_eq!(glass.quantity.unit, Unit::CubicMetre);
    assert_eq!(glass.municipality, "Riihimäki");
    let furniture = find(&ls, &id(8));
    assert_eq!(furniture.category, "other");
    assert!(!diags.iter().any(|d| d.row == 8));
    assert_eq!(find(&ls, &id(9)).category, "ash");
}

#[test]
fn unknown_codes_are_reported_and_mapped_conservatively() {
    let (ls, diags) = parse_materiaalitori(UNKNOWN).into_parts();
    let e = find(&ls, "mt-unknown-1");
    assert_eq!(e.category, "electronics");
    assert!(has(
        &diags,
        1,
        "materials[0].classification",
        "sahko_ja_elektroniikka"
    ));
    assert!(has(&diags, 1, "listingColour", "unknown field"));
    assert!(has(
        &diags,
        1,
        "materials[0].quantity.precision",
        "unknown field"
    ));
    assert!(has(&diags, 1, "materials[0].type", "not known"));
    assert!(has(&diags, 1, "materials[0].continuity", "sometimes"));
    assert_eq!(e.municipality, "Kankaanpää");
    assert!(has(
        &diags,
        1,
        "materials[0].location",
        "Honkajoki (M_37) merged"
    ));

    let u = find(&ls, "mt-unknown-2");
    assert_eq!(u.category, "other");
    assert_eq!(u.quantity.amount, 2.5);
    assert_eq!(u.municipality, "Atlantis");
    assert_eq!(u.available_from.as_deref(), Some("2026-11-02"));
    assert_eq!(u.available_until, None);
    assert!(has(&diags, 2, "expires", "not a date"));
    assert!(has(&diags, 2, "status", "archived"));
    assert!(has(&diags, 2, "materials[0].location.city", "Atlantis"));

    assert!(!ls.iter().any(|l| l.id == "mt-unknown-3"));
    assert!(diags.iter().any(|d| d.row == 3
        && d.severity == Severity::Error
        && d.field == "materials[0].quantity.unitOfMeasure"
        && d.message.contains("lavaa")));
    assert!(has(&diags, 4, "rfoType", "requestingMagic"));

    let m = find(&ls, "mt-unknown-5");
    assert_eq!(m.municipality, "Varsinais-Suomi");
    assert!(has(&diags, 5, "regions[2].id", "X_1"));
    assert!(has(&diags, 5, "regions", "also listed: Espoo"));
}

#[test]
fn broken_items_become_diagnostics_and_good_ones_import() {
    let (ls, diags) = parse_materiaalitori(BROKEN).into_parts();
    let ids: Vec<&str> = ls.iter().map(|l| l.id.as_str()).collect();
    assert_eq!(ids, ["mt-broken-10-2", "mt-broken-11"]);
    let err = |row: usize, field: &str| {
        diags
            .iter()
            .any(|d| d.row == row && d.field == field && d.severity == Severity::Error)
    };
    for row in 1..=3 {
        assert!(err(row, ""), "row {row}: {diags:#?}");
    }
    assert!(err(4, "id") && err(5, "id"));
    assert!(err(6, "materials[0].quantity"));
    assert!(err(7, "materials[0].quantity"));
    assert!(err(8, "materials"));
    assert!(err(9, "rfoType"));
    assert!(err(10, "materials[0]"));
    assert!(err(12, "id"));
    let good = find(&ls, "mt-broken-11");
    assert_eq!(
        (good.category.as_str(), good.municipality.as_str()),
        ("metals", "Helsinki")
    );
}

#[test]
fn not_materiaalitori_at_all_is_one_error() {
    for text in ["", "nonsense", "{\"a\":1}", "3", "{\"version\":1}"] {
        let (ls, diags) = parse_materiaalitori(text).into_parts();
        assert!(ls.is_empty());
        assert_eq!(diags.len(), 1, "{text}: {diags:?}");
        assert_eq!((diags[0].row, diags[0].severity), (0, Severity::Error));
    }
}

#[test]
fn pages_and_single_listings_are_read() {
    let one = r#"{"id":"x1","rfoType":"offeringMaterial","title":"Lasi","materials":[{"classification":"lasi","quantity":{"amount":1,"unitOfMeasure":"t"},"location":{"cityId":"M_1"}}]}"#;
    let (ls, d) = parse_materiaalitori(one).into_parts();
    assert_eq!(ls.len(), 1, "{d:?}");
    assert_eq!(ls[0].municipality, "Alajärvi");
    let page = format!(r#"{{"continuationToken":"abc","items":[{one}]}}"#);
    assert_eq!(parse_materiaalitori(&page).value, ls);
    assert!(looks_like_materiaalitori(one) && looks_like_materiaalitori(&page));
    // Stored documents spell keys in PascalCase.
    let pascal = r#"[{"Id":"p1","RfoType":"offeringWaste","Title":"Puu","Materials":[{"Classification":"puu","Quantity":{"Amount":20,"UnitOfMeasure":"t"},"Location":{"City":"Haapajärvi","CityId":"M_20"}}]}]"#;
    let (ls, d) = parse_materiaalitori(pascal).into_parts();
    assert_eq!(ls.len(), 1, "{d:?}");
    assert_eq!(ls[0].municipality, "Haapajärvi");
    assert!(d.is_empty(), "{d:?}");
}

#[test]
fn shape_detection() {
    assert!(looks_like_materiaalitori(PAGE));
    assert!(looks_like_materiaalitori(UNKNOWN));
    assert!(looks_like_materiaalitori(BROKEN));
    assert!(!looks_like_materiaalitori(OURS));
    let (ours, _) = parse_listings(OURS).into_parts();
    let bare = serde_json::to_string(&ours).unwrap_or_default();
    assert!(bare.starts_with('['));
    assert!(!looks_like_materiaalitori(&bare));
    assert!(!looks_like_materiaalitori(&to_json(&ours)));
    for text in [
        "",
        "[]",
        "{}",
        "[1,2]",
        "null",
        "{\"rfoType\":",
        "{\"version\":1,\"listings\":[{\"rfoType\":\"offeringWaste\"}]}",
    ] {
        assert!(!looks_like_materiaalitori(text), "{text}");
    }
}

#[test]
fn a_seek_with_materials_instead_of_materials_wanted_is_read() {
    let text = r#"[{"id":"s","rfoType":"receivingMaterial","title":"Lasia","materials":[{"classification":"lasi"}],"regions":[{"id":"M_12"}]}]"#;
    let (ls, _) = parse_materiaalitori(text).into_parts();
    assert_eq!(ls.len(), 1);
    assert_eq!(
        (ls[0].kind, ls[0].category.as_str()),
        (ListingKind::Seek, "glass")
    );
    assert_eq!(ls[0].municipality, "Espoo");
}

#[test]
fn escaped_keys_are_detected_too() {
    let escaped = r#"[{"id":"e","rfo\u0054ype":"offeringWaste"}]"#;
    assert!(looks_like_parsed(escaped));
    assert!(looks_like_materiaalitori(escaped));
    let sample = include_str!("../../../data/sample-listings.json");
    assert!(!looks_like_materiaalitori(sample) && !looks_like_parsed(sample));
}

#[test]
fn municipality_ids_follow_the_official_code_order() {
    // Anchors from Materiaalitori's own code list (ConnectedCircularity's mt-options.ts) and
    // from the client's tests (M_20 Haapajärvi, M_33 Helsinki, M_270 Tampere).
    for (id, code) in [
        ("M_1", "005"),
        ("M_7", "020"),
        ("M_20", "069"),
        ("M_33", "091"),
        ("M_37", "099"),
        ("M_42", "108"),
        ("M_171", "508"),
        ("M_192", "588"),
        ("M_270", "837"),
        ("M_292", "911"),
        ("M_311", "992"),
    ] {
        assert_eq!(mt_municipality_code(id), Some(code), "{id}");
    }
    for id in [
        "M_0",
        "M_312",
        "M_",
        "M_-1",
        "R_1",
        "M_99999999999999999999",
    ] {
        assert_eq!(mt_municipality_code(id), None, "{id}");
    }
    let codes: Vec<&str> = (1..=311)
        .filter_map(|n| mt_municipality_code(&format!("M_{n}")))
        .collect();
    assert_eq!(codes.len(), 311);
    assert!(codes.windows(2).all(|w| w[0] < w[1]));
    // Every code is a current municipality or one of the three merged since.
    for c in codes {
        assert!(
            find_municipality(c).is_some() || MERGED.iter().any(|m| m.0 == c),
            "{c}"
        );
    }
    assert_eq!(mt_region("R_5").map(|r| r.0), Some("Pirkanmaa"));
    assert_eq!(mt_region("R_19").map(|r| r.0), Some("Ahvenanmaa"));
    assert_eq!(mt_region("R_20"), None);
    assert_eq!(mt_region("R_0"), None);
}

#[test]
fn every_classification_maps_to_a_category_of_ours() {
    assert_eq!(CLASSIFICATIONS.len(), 19);
    for (mt, ours) in CLASSIFICATIONS {
        assert!(crate::matching::category(ours).is_some(), "{mt} → {ours}");
    }
}

#[test]
fn dates_are_finnish_local_days() {
    let cases = [
        ("2026-12-20T22:00:00Z", true, "2026-12-20"),
        ("2026-12-20T22:00:00Z", false, "2026-12-21"),
        ("2026-06-03T21:00:00Z", true, "2026-06-03"),
        ("2026-06-03T20:59:59Z", true, "2026-06-03"),
        ("2026-06-03T21:00:00.5Z", true, "2026-06-04"),
        ("2019-04-20T09:25:52.8411568Z", false, "2019-04-20"),
        ("2026-03-29T00:59:00Z", false, "2026-03-29"),
        ("2026-03-28T22:30:00Z", false, "2026-03-29"),
        ("2026-10-25T21:30:00Z", false, "2026-10-25"),
        ("2026-03-29T21:30:00Z", false, "2026-03-30"),
        ("2026-01-01T00:00:00+02:00", true, "2025-12-31"),
        ("2026-01-01T12:00", false, "2026-01-01"),
        ("2026-02-28", true, "2026-02-28"),
        ("2026-12-31T23:00:00-05:00", false, "2027-01-01"),
    ];
    for (s, end, want) in cases {
        assert_eq!(local_date(s, end).as_deref(), Some(want), "{s}");
    }
    for bad in [
        "2026-13-01",
        "2026-02-30",
        "+2026-01-01",
        "2026-1-01",
        "2026-01-01T25:00:00Z",
        "2026-01-01T12:00:00+2",
        "2026-01-01X",
        "2026-01-01T12:00:00Zjunk",
        "2026-01-01T12:00:00+1é1",
        "2026-01-01T12:00:00+é:1",
        "9999-12-31T23:00:00Z",
        "2026-01-01T12:00:00.5é",
        "tomorrow",
        "",
    ] {
        assert_eq!(local_date(bad, false), None, "{bad}");
    }
}

#[test]
fn civil_inverts_day_number() {
    for date in [
        "0001-01-01",
        "1970-01-01",
        "2000-02-29",
        "2026-12-31",
        "9999-12-31",
    ] {
        let d = day_number(date).unwrap_or_default();
        assert_eq!(format_day(d), date);
    }
    // 1970-01-01 was a Thursday, 2026-03-29 a Sunday.
    assert_eq!(
        crate::date::weekday(day_number("1970-01-01").unwrap_or_default()),
        4
    );
    assert_eq!(
        crate::date::weekday(day_number("2026-03-29").unwrap_or_default()),
        0
    );
}

#[test]
fn star_and_hazard_type_disagreeing_keep_the_hazard() {
    let text = r#"[{"id":"h","rfoType":"offeringWaste","title":"Öljy","materials":[{"classification":"puu","ewcCode":"13 02 05*","type":"nondangerous","quantity":{"amount":1,"unitOfMeasure":"t"},"location":{"cityId":"M_33"}}]}]"#;
    let (ls, diags) = parse_materiaalitori(text).into_parts();
    assert!(ls[0].hazardous);
    assert!(has(&diags, 1, "materials[0].type", "hazard star"));
    let bad = text.replace("13 02 05*", "012");
    let (ls, diags) = parse_materiaalitori(&bad).into_parts();
    assert_eq!(ls[0].ewc, None);
    assert!(has(&diags, 1, "materials[0].ewcCode", "`012`"));
}

fn json_ish() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("null".to_owned()),
        any::<bool>().prop_map(|b| b.to_string()),
        any::<f64>().prop_map(|x| if x.is_finite() {
            x.to_string()
        } else {
            "1e999".into()
        }),
        "[a-zA-Z0-9_ :.*+-]{0,12}".prop_map(|s| format!("{s:?}")),
        prop::sample::select(vec![
            "\"offeringWaste\"",
            "\"offeringMaterial\"",
            "\"receivingMaterial\"",
            "\"offeringServices\"",
            "\"M_270\"",
            "\"M_0\"",
            "\"R_5\"",
            "\"puu\"",
            "\"t\"",
            "\"dangerous\"",
            "\"continuous\"",
            "\"2026-03-29T01:00:00Z\"",
            "\"17 02 01*\"",
        ])
        .prop_map(str::to_owned),
    ];
    let keys = prop::sample::select(vec![
        "id",
        "rfoType",
        "title",
        "materials",
        "materialsWanted",
        "regions",
        "classification",
        "ewcCode",
        "type",
        "continuity",
        "quantity",
        "amount",
        "unitOfMeasure",
        "location",
        "cityId",
        "city",
        "regionId",
        "coordinates",
        "lat",
        "lon",
        "created",
        "expires",
        "status",
        "company",
        "name",
        "items",
        "other",
    ]);
    leaf.prop_recursive(5, 64, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(|v| format!("[{}]", v.join(","))),
            prop::collection::vec((keys.clone(), inner), 0..8).prop_map(|kv| {
                let body: Vec<String> = kv.iter().map(|(k, v)| format!("{k:?}:{v}")).collect();
                format!("{{{}}}", body.join(","))
            }),
        ]
    })
}

proptest! {
    #[test]
    fn arbitrary_text_never_panics(s in "\\PC{0,200}") {
        let (ls, diags) = parse_materiaalitori(&s).into_parts();
        let _ = looks_like_materiaalitori(&s);
        prop_assert!(ls.is_empty() || !diags.iter().any(|d| d.row == 0 && d.field.is_empty()));
    }

    #[test]
    fn json_ish_never_panics_and_every_listing_is_valid(s in json_ish()) {
        let (ls, diags) = parse_materiaalitori(&s).into_parts();
        let _ = looks_like_materiaalitori(&s);
        for l in &ls {
            prop_assert!(!l.id.is_empty() && !l.title.is_empty());
            prop_assert!(l.quantity.amount.is_finite() && l.quantity.amount >= 0.0);
            prop_assert!(crate::matching::category(&l.category).is_some());
            prop_assert!(l.ewc.as_ref().is_none_or(|e| e.len() == 6));
            for d in [&l.available_from, &l.available_until].into_iter().flatten() {
                prop_assert!(day_number(d).is_some(), "{}", d);
            }
        }
        let ids: HashSet<&str> = ls.iter().map(|l| l.id.as_str()).collect();
        prop_assert_eq!(ids.len(), ls.len());
        let _ = diags;
    }

    #[test]
    fn date_like_garbage_never_panics(s in "[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9:.]{0,12}[Zz+é:0-9-]{0,7})?", t in "\\PC{0,30}", end: bool) {
        for text in [s.as_str(), t.as_str()] {
            if let Some(day) = local_date(text, end) {
                prop_assert!(day_number(&day).is_some(), "{} → {}", text, day);
            }
        }
    }

    #[test]
    fn detection_pre_check_agrees_with_the_full_parse(s in json_ish(), t in "\\PC{0,60}") {
        for text in [s.as_str(), t.as_str()] {
            prop_assert_eq!(looks_like_materiaalitori(text), looks_like_parsed(text), "{}", text);
        }
    }

    #[test]
    fn any_timestamp_gives_a_valid_day(y in 1i64..9999, mo in 1i64..13, d in 1i64..29, h in 0i64..24, mi in 0i64..60, end: bool) {
        let s = format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:00Z");
        let day = local_date(&s, end);
        prop_assert!(day.as_deref().and_then(day_number).is_some(), "{}", s);
    }
}
