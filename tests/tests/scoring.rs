//! Application scoring through the CLI, in-process: golden outputs for both built-in programmes
//! and the published TOPSIS vectors. Set `UPDATE_GOLDEN=1` to rewrite the golden files.

use kiertokit::scoring::{Now, SelfCheckRequest, builtin, parse_applications, self_check};
mod common;

use serde_json::Value;

fn fixture(name: &str) -> String {
    common::fixture_arg(&format!("scoring/{name}"))
}

fn run(args: &[&str]) -> (i32, Value, String) {
    let (code, out, err) = common::cli(args);
    (code, serde_json::from_str(&out).unwrap_or(Value::Null), err)
}

fn golden(name: &str, actual: &Value) {
    common::golden_json(&format!("scoring/golden/{name}"), actual);
}

fn explanation<'a>(report: &'a Value, id: &str) -> &'a Value {
    report["explanations"]
        .as_array()
        .and_then(|a| a.iter().find(|e| e["application"] == id))
        .expect("explanation present")
}

fn codes(e: &Value) -> Vec<&str> {
    e["failed"]
        .as_array()
        .map(|a| a.iter().filter_map(|f| f["code"].as_str()).collect())
        .unwrap_or_default()
}

#[test]
fn fair_circular_economy_2021_scores_and_selects_at_most_ten() {
    let (code, report, err) = run(&[
        "score",
        "--programme",
        "reilu-kiertotalous-2021",
        "--applications",
        &fixture("reilu-2021-applications.json"),
        "--reviews",
        &fixture("reilu-2021-reviews.csv"),
    ]);
    assert_eq!(code, 0, "{err}");
    let selected = report["selection"]["selected"].as_array().expect("list");
    assert_eq!(selected.len(), 10);
    assert_eq!(codes(explanation(&report, "rk13")), ["org-type"]);
    // A company as implementation partner is what the call allows, not a reason to reject.
    assert_eq!(explanation(&report, "rk17")["eligible"], true);
    assert_eq!(codes(explanation(&report, "rk08")), ["results-by"]);
    assert_eq!(codes(explanation(&report, "rk07")), ["required-fields"]);
    assert_eq!(codes(explanation(&report, "rk12")), ["deadline"]);
    // 14:15 UTC is exactly 16:15 in Helsinki winter time: on time.
    assert_eq!(explanation(&report, "rk14")["eligible"], true);
    for e in report["explanations"].as_array().expect("list") {
        assert!(e["eligible"] == true || e["selected"] == false);
    }
    // Bad CSV rows: an unreadable score (line 110), then programme mismatches.
    assert!(err.contains("row 110, score"), "{err}");
    assert!(err.contains("unknown application `rk99`"), "{err}");
    assert!(err.contains("does not allow n/a"), "{err}");
    assert!(err.contains("unknown criterion `vaikuttavuus`"), "{err}");
    assert!(
        report["disagreements"]
            .as_array()
            .expect("list")
            .iter()
            .any(|d| d["application"] == "rk16")
    );
    golden("reilu-2021.json", &report);
}

#[test]
fn quotas_cap_regional_actors_and_bring_in_lapland() {
    let (code, report, err) = run(&[
        "score",
        "--programme",
        &fixture("reilu-2021-quotas-programme.json"),
        "--applications",
        &fixture("reilu-2021-applications.json"),
        "--reviews",
        &fixture("reilu-2021-reviews.csv"),
        "--max",
        "5",
    ]);
    assert_eq!(code, 0, "{err}");
    let selected: Vec<&str> = report["selection"]["selected"]
        .as_array()
        .expect("list")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(selected.len(), 5);
    let regional = ["rk10", "rk15", "rk17"]
        .iter()
        .filter(|id| selected.contains(id))
        .count();
    assert!(regional <= 1);
    assert!(
        selected.iter().any(|id| *id == "rk11" || *id == "rk18"),
        "{selected:?}"
    );
    assert!(
        report["selection"]["scoreGivenUp"]
            .as_f64()
            .expect("number")
            > 0.0
    );
    golden("reilu-2021-quotas.json", &report);
}

#[test]
fn procurement_academy_2023_checks_every_rule_and_handles_na() {
    let (code, report, err) = run(&[
        "score",
        "--programme",
        "hankinta-akatemia-2023",
        "--applications",
        &fixture("akatemia-2023-applications.json"),
        "--reviews",
        &fixture("akatemia-2023-reviews.json"),
        "--method",
        "topsis",
        "--normalisation",
        "vector",
        "--standardise",
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(codes(explanation(&report, "ha12")), ["org-type"]);
    assert_eq!(codes(explanation(&report, "ha13")), ["team"]);
    assert_eq!(codes(explanation(&report, "ha14")), ["discussion"]);
    assert_eq!(codes(explanation(&report, "ha15")), ["prior-work"]);
    assert_eq!(codes(explanation(&report, "ha16")), ["management"]);
    // Free-form prior groundwork counts (the call says "for example KEINO or TOIMI").
    assert_eq!(explanation(&report, "ha05")["eligible"], true);
    let sharing = &explanation(&report, "ha03")["criterionScores"][3];
    assert_eq!(sharing["criterion"], "sharing");
    assert_eq!(sharing["score"], Value::Null);
    assert!(err.contains("score 7 is outside 0–5"), "{err}");
    assert!(
        report["selection"]["selected"]
            .as_array()
            .expect("list")
            .len()
            <= 8
    );
    golden("akatemia-2023.json", &report);
}

#[test]
fn rank_reproduces_tzeng_and_huang_2011_in_input_order() {
    let (code, out, err) = run(&["rank", "--matrix", &fixture("matrix-tzeng-huang-2011.json")]);
    assert_eq!(code, 0, "{err}");
    let scores: Vec<f64> = out["scores"]
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|s| s["score"].as_f64())
        .collect();
    for (got, want) in scores.iter().zip([0.5037, 0.6581, 0.7482, 0.3340]) {
        assert!((got - want).abs() < 5e-5, "{scores:?}");
    }
    golden("matrix-tzeng-huang-2011.json", &out);
}

#[test]
fn rank_reproduces_opricovic_and_tzeng_2004_min_max() {
    let (code, out, err) = run(&[
        "rank",
        "--matrix",
        &fixture("matrix-opricovic-tzeng-2004.json"),
    ]);
    assert_eq!(code, 0, "{err}");
    let scores: Vec<f64> = out["scores"]
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|s| s["score"].as_f64())
        .collect();
    for (got, want) in scores.iter().zip([0.500, 0.617, 0.500]) {
        assert!((got - want).abs() < 5e-4, "{scores:?}");
    }
    assert_eq!(out["scores"][0]["rank"], 2);
    assert_eq!(out["scores"][1]["rank"], 1);
}

#[test]
fn unusable_inputs_fail_with_a_message_not_a_panic() {
    let (code, _, err) = run(&[
        "score",
        "--programme",
        "no-such-programme",
        "--applications",
        "x",
        "--reviews",
        "y",
    ]);
    assert_eq!(code, 1);
    assert!(
        err.contains("built-in programmes: reilu-kiertotalous-2021"),
        "{err}"
    );
    let (code, _, err) = run(&["rank", "--matrix", &fixture("reilu-2021-reviews.csv")]);
    assert_eq!(code, 1);
    assert!(err.contains("not a decision matrix"), "{err}");
    let (code, _, _) = run(&["score", "--programme", "reilu-kiertotalous-2021"]);
    assert_eq!(code, 2, "missing options are a usage error");
}

#[test]
fn applicant_self_check_reports_failed_rules_weak_criteria_and_time_left() {
    let programme = builtin("hankinta-akatemia-2023").expect("built in");
    let text =
        std::fs::read_to_string(fixture("akatemia-2023-applications.json")).expect("fixture");
    let (apps, _) = parse_applications(&text).into_parts();
    let mikkeli = apps
        .iter()
        .find(|a| a.id == "ha13")
        .expect("fixture has ha13")
        .clone();
    let req = SelfCheckRequest {
        application: mikkeli,
        ratings: [
            ("procurement".to_string(), Some(4.0)),
            ("groundwork".to_string(), Some(2.0)),
            ("sharing".to_string(), None),
        ]
        .into(),
        now: Now::Text("2023-05-30T20:59:00Z".into()),
        weak_below: None,
    };
    let r = self_check(&programme, &req).expect("valid now");
    assert!(!r.eligible);
    assert_eq!(r.failed[0].code, "team");
    assert_eq!(r.weak.len(), 1);
    assert_eq!(r.weak[0].criterion, "groundwork");
    assert!(r.weak[0].next_level.is_some());
    assert_eq!(r.unrated, ["commitment"]);
    // Deadline 31 May 23:59 EEST = 20:59 UTC: exactly one day left.
    assert_eq!(r.deadline.seconds_left, 86_400);
    assert_eq!(r.deadline.local, "2023-05-31T23:59:00+03:00");
    assert!(!r.deadline.closed);
}

#[test]
fn conflicted_reviews_are_left_out_and_named_in_the_explanation() {
    let (code, report, err) = run(&[
        "score",
        "--programme",
        "reilu-kiertotalous-2021",
        "--applications",
        &fixture("reilu-2021-applications.json"),
        "--reviews",
        &fixture("reilu-2021-reviews.csv"),
        "--reviewers",
        &fixture("reilu-2021-reviewers.json"),
        "--declarations",
        &fixture("reilu-2021-declarations.json"),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("unknown reviewer `Nobody`"), "{err}");
    let excluded = |id: &str| -> Vec<(String, String)> {
        explanation(&report, id)["excludedReviews"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|x| {
                        (
                            x["reviewer"].as_str().unwrap_or_default().to_owned(),
                            x["reasons"][0]["kind"]
                                .as_str()
                                .unwrap_or_default()
                                .to_owned(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    assert_eq!(
        excluded("rk01"),
        [("Aalto".into(), "sameOrganisation".into())]
    );
    assert_eq!(
        excluded("rk09"),
        [("Berg".into(), "sameEmailDomain".into())]
    );
    assert_eq!(excluded("rk17"), [("Niemi".into(), "listedPartner".into())]);
    assert_eq!(excluded("rk05"), [("Berg".into(), "declared".into())]);
    assert!(
        excluded("rk02").is_empty(),
        "Niemi's gmail address blocks nothing"
    );
    // Left out of the scores: rk01's impact is now the mean of Berg (4) and Niemi (5) only.
    let rk01 = explanation(&report, "rk01");
    assert_eq!(rk01["criterionScores"][0]["score"], 4.5);
    assert_eq!(rk01["criterionScores"][0]["reviews"], 2);
    assert!(
        rk01["reason"]["fi"]
            .as_str()
            .is_some_and(|r| r.contains("Esteellisyyden vuoksi") && r.contains("Aalto"))
    );
}

#[test]
fn assign_gives_two_reviewers_each_around_conflicts_and_sheets_read_back() {
    let (code, out, err) = run(&[
        "assign",
        "--programme",
        "reilu-kiertotalous-2021",
        "--applications",
        &fixture("reilu-2021-applications.json"),
        "--reviewers",
        &fixture("reilu-2021-reviewers.json"),
        "--declarations",
        &fixture("reilu-2021-declarations.json"),
        "--k",
        "2",
    ]);
    assert_eq!(code, 0, "{err}");
    let of = &out["assignment"]["reviewersOf"];
    let apps = of.as_object().expect("map");
    assert_eq!(apps.len(), 18);
    for (app, rs) in apps {
        let rs: Vec<&str> = rs
            .as_array()
            .expect("list")
            .iter()
            .filter_map(Value::as_str)
            .collect();
        assert_eq!(rs.len(), 2, "{app}: {rs:?}");
        for c in out["conflicts"].as_array().expect("list") {
            assert!(
                !(c["application"] == app.as_str()
                    && rs.contains(&c["reviewer"].as_str().unwrap_or_default()))
            );
        }
    }
    assert!(
        out["assignment"]["shortfalls"]
            .as_array()
            .expect("list")
            .is_empty()
    );
    let loads = &out["assignment"]["loads"];
    assert!(
        loads["Aalto"].as_u64().expect("n") <= 12 && loads["Virtanen"].as_u64().expect("n") <= 10
    );
    // 36 reviews over four reviewers: 9 each.
    for r in ["Aalto", "Berg", "Niemi", "Virtanen"] {
        assert_eq!(loads[r], 9, "{loads}");
    }
    let sheet = out["sheets"]["Virtanen"].as_array().expect("rows");
    assert_eq!(sheet.len(), 1 + 9 * 2);
    assert_eq!(
        sheet[0],
        serde_json::json!(["reviewer", "application", "applicant", "criterion", "score"])
    );
    // The built-in call blinds nothing, so the reviewer sees whose application it is.
    assert!(
        sheet[1..]
            .iter()
            .all(|row| !row[2].as_str().expect("text").is_empty())
    );

    // Three reviewers with a load limit of 5 cannot cover 18 × 2: the rest is reported.
    let dir = std::env::temp_dir().join(format!("kiertokit-assign-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let few = dir.join("reviewers.json");
    std::fs::write(&few, r#"[{"id":"A"},{"id":"B"},{"id":"C"}]"#).expect("write");
    let (code, out, err) = run(&[
        "assign",
        "--programme",
        "reilu-kiertotalous-2021",
        "--applications",
        &fixture("reilu-2021-applications.json"),
        "--reviewers",
        &few.to_string_lossy(),
        "--max-load",
        "5",
    ]);
    assert_eq!(code, 0, "{err}");
    let missing: u64 = out["assignment"]["shortfalls"]
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|s| s["missing"].as_u64())
        .sum();
    assert_eq!(missing, 36 - 15);
    assert!(err.contains("of 2 reviewers assigned"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn stability_says_which_selections_are_robust_and_which_borderline() {
    let (code, report, err) = run(&[
        "score",
        "--programme",
        "reilu-kiertotalous-2021",
        "--applications",
        &fixture("reilu-2021-applications.json"),
        "--reviews",
        &fixture("reilu-2021-reviews.csv"),
        "--stability",
        "--max",
        "5",
    ]);
    assert_eq!(code, 0, "{err}");
    let s = &report["stability"];
    // Two criteria × ±20 %, three reviewers left out one at a time, TOPSIS: 8 scenarios.
    assert_eq!(s["scenarios"].as_array().map(Vec::len), Some(8));
    let apps = s["applications"].as_array().expect("list");
    let ranked = report["ranking"].as_array().expect("list").len();
    assert_eq!(apps.len(), ranked);
    for a in apps {
        let standing = a["standing"].as_str().unwrap_or_default();
        let flipped = a["flippedBy"].as_array().map_or(0, Vec::len);
        assert_eq!(standing.starts_with("robustly"), flipped == 0, "{a}");
        let selected = report["selection"]["selected"]
            .as_array()
            .expect("list")
            .contains(&a["application"]);
        assert_eq!(standing.ends_with("Selected"), selected, "{a}");
        let fi = a["text"]["fi"].as_str().unwrap_or_default();
        assert!(
            fi.starts_with("Vakaa valinta")
                || fi.starts_with("Rajatapaus")
                || fi.starts_with("Ei valittu missään"),
            "{fi}"
        );
    }
    // Five of fourteen: the cut falls among close scores, and the top one is beyond doubt.
    assert_eq!(apps[0]["standing"], "robustlySelected");
    assert!(
        apps.iter().any(|a| a["standing"]
            .as_str()
            .is_some_and(|x| x.starts_with("borderline"))),
        "{s}"
    );
}
