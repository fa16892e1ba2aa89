//! The coordinator's workspace through the CLI: the workshop fixture (40 fictitious companies,
//! 120 listings in Finnish and Swedish, two workshops, synergies over 2025–2026), its golden
//! reports, the JSON Schema, the public summary's privacy, merge and the usage errors.
//!
//! Regenerate the goldens after a deliberate change: `UPDATE_GOLDEN=1 cargo test -p
//! kiertokit-tests --test workspace`, then review the diff. The fixture itself comes from
//! `tools/workshop-fixture.py`.

mod common;

use common::cli;
use kiertokit::Severity;
use kiertokit::workspace::{SynergyStatus, parse_workspace};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn fixtures() -> PathBuf {
    common::fixture("workspace")
}

fn workshop() -> String {
    fixtures()
        .join("workshop.json")
        .to_string_lossy()
        .into_owned()
}

fn golden(name: &str, actual: &str) {
    common::golden_text(&format!("workspace/{name}"), actual);
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

fn read(path: &Path) -> Value {
    json(&std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
}

#[test]
fn the_workshop_fixture_is_what_the_issue_describes() {
    let text = std::fs::read_to_string(workshop()).expect("fixture");
    let (ws, diags) = parse_workspace(&text).expect("a workspace").into_parts();
    assert!(
        diags.iter().all(|d| d.severity != Severity::Error),
        "{diags:?}"
    );
    assert!(ws.unreadable.is_empty());
    assert_eq!(ws.events.len(), 2);
    assert_eq!(ws.companies.len(), 40);
    assert_eq!(ws.listings.len(), 120);
    for c in &ws.companies {
        assert!(
            c.name.ends_with("(kuvitteellinen)") || c.name.ends_with("(fiktivt)"),
            "{} is not labelled fictitious",
            c.name
        );
    }
    let langs = |tag: &str| {
        ws.listings
            .iter()
            .filter(|l| l.listing.lang.map(|x| x.tag()) == Some(tag))
            .count()
    };
    assert!(langs("fi") >= 40 && langs("sv") >= 40, "fi and sv listings");
    let years_with = |status: SynergyStatus| {
        let mut years: Vec<&str> = ws
            .synergies
            .iter()
            .flat_map(|s| s.history.iter())
            .filter(|c| c.status == status)
            .map(|c| &c.date[..4])
            .collect();
        years.sort_unstable();
        years.dedup();
        years
    };
    assert_eq!(years_with(SynergyStatus::Realised), ["2025", "2026"]);
    assert_eq!(years_with(SynergyStatus::Dropped), ["2025", "2026"]);
    // No synergy pairs a company with itself.
    let company = |id: &str| {
        ws.listings
            .iter()
            .find(|l| l.listing.id == id)
            .and_then(|l| l.company.clone())
    };
    for s in &ws.synergies {
        assert_ne!(company(&s.offer), company(&s.seek), "{}", s.id);
    }
}

#[test]
fn the_fixture_and_the_schema_agree() {
    let schema = read(&root().join("core/data/workspace.schema.json"));
    let listing = read(&root().join("core/data/listing.schema.json"));
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .with_resource(
            "https://github.com/kiertokit/kiertokit/core/data/listing.schema.json",
            jsonschema::Resource::from_contents(listing).expect("a schema"),
        )
        .build(&schema)
        .expect("the workspace schema compiles");
    let fixture = read(Path::new(&workshop()));
    let errors: Vec<String> = validator
        .iter_errors(&fixture)
        .map(|e| format!("{}: {e}", e.instance_path))
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    // What the schema refuses, the reader reports on that row.
    for (what, pointer, bad) in [
        (
            "impossible day",
            "/exchanges/2/start",
            Value::from("2025-02-30"),
        ),
        (
            "unknown status",
            "/synergies/0/history/1/status",
            Value::from("done"),
        ),
        ("misspelt key", "/events/0/dat", Value::from("2025-03-12")),
    ] {
        let mut doc = fixture.clone();
        let (parent, key) = pointer.rsplit_once('/').expect("a pointer");
        doc.pointer_mut(parent)
            .and_then(Value::as_object_mut)
            .expect("an object")
            .insert(key.to_owned(), bad);
        assert!(!validator.is_valid(&doc), "{what}: the schema accepts it");
        let (_, diags) = parse_workspace(&doc.to_string())
            .expect("still a workspace")
            .into_parts();
        assert!(!diags.is_empty(), "{what}: the reader says nothing");
    }
}

#[test]
fn reports_match_their_goldens() {
    let w = workshop();
    for (format, lang, name) in [
        ("json", "fi", "workshop.report.json"),
        ("md", "fi", "workshop.report.fi.md"),
        ("md", "sv", "workshop.report.sv.md"),
        ("html", "en", "workshop.report.en.html"),
    ] {
        let (code, out, err) = cli(&[
            "workspace",
            "report",
            "--workspace",
            &w,
            "--format",
            format,
            "--lang",
            lang,
        ]);
        assert_eq!(code, 0, "{err}");
        assert!(
            err.contains("ex-09"),
            "the volume exchange is reported: {err}"
        );
        golden(name, &out);
    }
    let (code, out, err) = cli(&["workspace", "summary", "--workspace", &w]);
    assert_eq!(code, 0, "{err}");
    golden("workshop.summary.json", &out);
    // The situational-picture demo shows exactly this summary.
    let demo =
        std::fs::read_to_string(root().join("demo/situational-picture.json")).expect("demo data");
    assert_eq!(
        demo, out,
        "demo/situational-picture.json differs from the fixture's summary"
    );
    let (code, out, err) = cli(&["workspace", "candidates", "--workspace", &w, "--top", "10"]);
    assert_eq!(code, 0, "{err}");
    golden("workshop.candidates.json", &out);
}

#[test]
fn a_period_report_adds_up_by_year_and_splits_cleanly() {
    let w = workshop();
    let report = |from: &str, to: &str| {
        let (code, out, err) = cli(&[
            "workspace",
            "report",
            "--workspace",
            &w,
            "--format",
            "json",
            "--from",
            from,
            "--to",
            to,
        ]);
        assert_eq!(code, 0, "{err}");
        json(&out)["report"].clone()
    };
    let whole = report("2025-01-01", "2026-12-31");
    let (y25, y26) = (
        report("2025-01-01", "2025-12-31"),
        report("2026-01-01", "2026-12-31"),
    );
    let t = |v: &Value, p: &str| v.pointer(p).and_then(Value::as_f64).unwrap_or(f64::NAN);
    for p in [
        "/total/tonnes/known",
        "/total/co2e_avoided_kg/known",
        "/total/euros_saved/known",
        "/total/synergies/realised",
        "/total/synergies/dropped",
    ] {
        let (a, b, c) = (t(&y25, p), t(&y26, p), t(&whole, p));
        assert!(
            (a + b - c).abs() < 1e-6 * c.abs().max(1.0),
            "{p}: {a} + {b} != {c}"
        );
        let by_year = t(&whole, &p.replace("/total", "/by_year/2025"))
            + t(&whole, &p.replace("/total", "/by_year/2026"));
        assert!((by_year - c).abs() < 1e-6 * c.abs().max(1.0), "{p} by year");
    }
}

#[test]
fn the_public_summary_leaks_no_company_or_personal_data() {
    let (code, out, err) = cli(&["workspace", "summary", "--workspace", &workshop()]);
    assert_eq!(code, 0, "{err}");
    let fixture = read(Path::new(&workshop()));
    let mut secrets: Vec<String> = Vec::new();
    for c in fixture["companies"].as_array().expect("companies") {
        for p in [
            "/name",
            "/business_id",
            "/contact/name",
            "/contact/email",
            "/id",
        ] {
            if let Some(s) = c.pointer(p).and_then(Value::as_str) {
                secrets.push(s.to_owned());
            }
        }
    }
    for l in fixture["listings"].as_array().expect("listings") {
        secrets.push(l["listing"]["id"].as_str().unwrap_or_default().to_owned());
        secrets.push(
            l["listing"]["description"]
                .as_str()
                .unwrap_or_default()
                .to_owned(),
        );
    }
    for e in fixture["events"].as_array().expect("events") {
        secrets.push(e["name"].as_str().unwrap_or_default().to_owned());
    }
    secrets.retain(|s| s.len() > 3);
    assert!(secrets.len() > 300);
    for s in &secrets {
        assert!(!out.contains(s.as_str()), "`{s}` is in the public summary");
    }
    let summary = json(&out);
    assert_eq!(summary["format"], "kiertokit-situational-picture");
    assert!(summary["sources"].as_array().is_some_and(|s| !s.is_empty()));
}

#[test]
fn merge_of_a_workspace_with_itself_changes_nothing_and_conflicts_are_listed() {
    let w = workshop();
    let (code, out, err) = cli(&["workspace", "merge", &w, &w]);
    assert_eq!(code, 0, "{err}");
    let merged = json(&out);
    assert_eq!(merged["conflicts"], Value::Array(Vec::new()));
    let original = read(Path::new(&w));
    let (ws, _) = parse_workspace(&original.to_string())
        .expect("reads")
        .into_parts();
    assert_eq!(
        merged["workspace"],
        serde_json::to_value(&ws).expect("json"),
        "merge(A, A) == A"
    );
    // A second coordinator's copy: one changed exchange, one new status step, one new note.
    let mut other = original.clone();
    other["exchanges"][0]["distance_km"] = Value::from(40);
    other["exchanges"][0]["updated"] = Value::from("2026-05-01");
    other["synergies"][14]["history"]
        .as_array_mut()
        .expect("history")
        .push(serde_json::json!({"status": "realised", "date": "2026-05-02"}));
    other["notes"]
        .as_array_mut()
        .expect("notes")
        .push(serde_json::json!({"id": "note-99", "date": "2026-05-02", "text": "Sovittu."}));
    let dir = std::env::temp_dir().join(format!("kiertokit-ws-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let b = dir.join("other.json");
    std::fs::write(&b, other.to_string()).expect("write");
    let b = b.to_string_lossy().into_owned();
    let (code, out, err) = cli(&["workspace", "merge", &w, &b]);
    assert_eq!(code, 0, "{err}");
    let m = json(&out);
    let conflicts = m["conflicts"].as_array().expect("conflicts");
    assert_eq!(conflicts.len(), 1, "{conflicts:?}");
    assert_eq!(conflicts[0]["id"], "ex-01");
    assert_eq!(conflicts[0]["kept"]["distance_km"], 40.0);
    assert_eq!(conflicts[0]["other"]["distance_km"], 25.0);
    assert_eq!(
        m["workspace"]["synergies"][14]["history"]
            .as_array()
            .map(Vec::len),
        Some(4)
    );
    assert_eq!(m["workspace"]["notes"].as_array().map(Vec::len), Some(4));
    let (_, reverse, _) = cli(&["workspace", "merge", &b, &w]);
    assert_eq!(json(&reverse)["conflicts"], m["conflicts"]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_survey_answer_updates_the_synergy_it_names() {
    let dir = std::env::temp_dir().join(format!("kiertokit-survey-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let answer = dir.join("answer.json");
    std::fs::write(
        &answer,
        r#"{"id": "enkat-002", "listing": "c38-1", "outcome": "no", "reason": "logistics",
            "contact_permission": false, "date": "2026-05-04", "lang": "sv"}"#,
    )
    .expect("write");
    let (code, out, err) = cli(&[
        "workspace",
        "survey",
        "--workspace",
        &workshop(),
        "--answer",
        &answer.to_string_lossy(),
    ]);
    assert_eq!(code, 0, "{err}");
    let v = json(&out);
    assert_eq!(v["applied"]["synergy"], "syn-30");
    let history = v["workspace"]["synergies"][29]["history"]
        .as_array()
        .expect("history");
    assert_eq!(
        history.last().map(|c| c["status"].clone()),
        Some("dropped".into())
    );
    assert_eq!(
        history.last().map(|c| c["reason"].clone()),
        Some("logistics".into())
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn mistakes_are_usage_or_input_errors() {
    let w = workshop();
    for (args, code) in [
        (vec!["workspace"], 2),
        (vec!["workspace", "reprot", "--workspace", &w], 2),
        (
            vec!["workspace", "report", "--workspace", &w, "--format", "pdf"],
            2,
        ),
        (
            vec![
                "workspace",
                "report",
                "--workspace",
                &w,
                "--from",
                "1.1.2025",
            ],
            2,
        ),
        (
            vec![
                "workspace",
                "report",
                "--workspace",
                &w,
                "--from",
                "2026-01-01",
                "--to",
                "2025-01-01",
            ],
            2,
        ),
        (
            vec!["workspace", "report", "--workspace", &w, "--lang", "de"],
            2,
        ),
        (vec!["workspace", "merge", &w], 2),
        (vec!["workspace", "merge", &w, "--top"], 2),
        (
            vec![
                "workspace",
                "candidates",
                "--workspace",
                &w,
                "--method",
                "ahp",
            ],
            2,
        ),
        (
            vec![
                "workspace",
                "candidates",
                "--workspace",
                &w,
                "--weights",
                "co2e=x",
            ],
            2,
        ),
        (
            vec![
                "workspace",
                "candidates",
                "--workspace",
                &w,
                "--weights",
                "co2e=0,tonnes=0,score=0,distance=0",
            ],
            2,
        ),
        (
            vec!["workspace", "summary", "--workspace", "/no/such/file.json"],
            1,
        ),
        (vec!["workspace", "summary", "--workspace", "Cargo.toml"], 1),
    ] {
        let (got, _, err) = cli(&args);
        assert_eq!(got, code, "{args:?}: {err}");
        assert!(!err.is_empty(), "{args:?} says why");
    }
}

#[test]
fn the_summary_takes_partner_indicators_and_reports_bad_series() {
    let dir = std::env::temp_dir().join(format!("kt-indicators-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("indicators.json");
    std::fs::write(
        &file,
        r#"[{"id": "cmur", "name": {"fi": "Kiertotalousaste", "en": "Circular material use rate"},
             "unit": "%", "source": "Tilastokeskus", "values": [{"year": 2022, "value": 2.4}]},
            {"id": "nosource", "name": {"fi": "Ilman lähdettä"}, "unit": "%",
             "values": [{"year": 2022, "value": 1.0}]}]"#,
    )
    .expect("write");
    let path = file.to_string_lossy().to_string();
    let (code, out, err) = cli(&[
        "workspace",
        "summary",
        "--workspace",
        &workshop(),
        "--indicators",
        &path,
    ]);
    assert_eq!(code, 0, "{err}");
    let summary = json(&out);
    let ids: Vec<&str> = summary["indicators"]
        .as_array()
        .expect("indicators")
        .iter()
        .filter_map(|i| i["id"].as_str())
        .collect();
    assert_eq!(ids, ["cmur"]);
    assert!(
        err.contains("indicators.json") && err.contains("source"),
        "{err}"
    );
    // Not JSON: the command fails and says which file.
    std::fs::write(&file, "not json").expect("write");
    let (code, _, err) = cli(&[
        "workspace",
        "summary",
        "--workspace",
        &workshop(),
        "--indicators",
        &path,
    ]);
    assert_ne!(code, 0);
    assert!(err.contains("indicators.json"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}
