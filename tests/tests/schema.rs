//! The JSON Schemas and the readers agree: every listings fixture, and every row of them with
//! the mistakes partners make, is read by both. What the schema refuses, the reader reports on
//! that row; what the reader refuses as an error, the schema refuses too.

use kiertokit::Severity;
use kiertokit::matching::parse_listings;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

fn validator(schema: &str) -> jsonschema::Validator {
    let schema = read_json(&repo().join("core/data").join(schema));
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap_or_else(|e| panic!("{schema} does not compile: {e}"))
}

/// The listings files among the fixtures and the shipped data (ours, not Materiaalitori's).
fn listing_files() -> Vec<PathBuf> {
    let mut files = vec![repo().join("core/data/sample-listings.json")];
    for dir in ["tests/fixtures/matching", "demo"] {
        for entry in std::fs::read_dir(repo().join(dir))
            .into_iter()
            .flatten()
            .flatten()
        {
            let path = entry.path();
            let is_listings = path.extension().is_some_and(|e| e == "json")
                && read_json(&path).get("listings").is_some();
            if is_listings {
                files.push(path);
            }
        }
    }
    files
}

/// One row with the mistakes partners make, each as (what, mutated row).
fn mistakes(row: &Value) -> Vec<(&'static str, Value)> {
    let with = |f: &dyn Fn(&mut serde_json::Map<String, Value>)| {
        let mut r = row.clone();
        if let Some(o) = r.as_object_mut() {
            f(o);
        }
        r
    };
    vec![
        ("as written", row.clone()),
        (
            "misspelt key",
            with(&|o| {
                o.insert("max_distance".into(), json!(10));
            }),
        ),
        (
            "date with a time",
            with(&|o| {
                o.insert("available_until".into(), json!("2023-02-28T12:00"));
            }),
        ),
        (
            "signed year",
            with(&|o| {
                o.insert("available_from".into(), json!("+2023-02-01"));
            }),
        ),
        (
            "impossible day",
            with(&|o| {
                o.insert("available_until".into(), json!("2023-02-30"));
            }),
        ),
        (
            "unknown kind",
            with(&|o| {
                o.insert("kind".into(), json!("sideways"));
            }),
        ),
        (
            "negative amount",
            with(&|o| {
                o.insert("quantity".into(), json!({"amount": -1, "unit": "t"}));
            }),
        ),
        (
            "misspelt nested key",
            with(&|o| {
                o.insert(
                    "quantity".into(),
                    json!({"amount": 1, "unit": "t", "amout": 2}),
                );
            }),
        ),
        (
            "blank title",
            with(&|o| {
                o.insert("title".into(), json!("  "));
            }),
        ),
        (
            "no title",
            with(&|o| {
                o.remove("title");
            }),
        ),
        (
            "slashed EWC",
            with(&|o| {
                o.insert("ewc".into(), json!("17/02/01"));
            }),
        ),
        (
            "dashed starred EWC",
            with(&|o| {
                o.insert("ewc".into(), json!("17-06-05*"));
            }),
        ),
        (
            "latitude out of range",
            with(&|o| {
                o.insert("coordinates".into(), json!({"lat": 91, "lon": 24}));
            }),
        ),
        (
            "unknown unit",
            with(&|o| {
                o.insert("quantity".into(), json!({"amount": 1, "unit": "litres"}));
            }),
        ),
    ]
}

#[test]
fn the_listing_schema_and_the_reader_agree_on_every_fixture_row_and_its_mistakes() {
    let schema = validator("listing.schema.json");
    let files = listing_files();
    assert!(files.len() >= 2, "fixtures found: {files:?}");
    let mut checked = 0;
    for path in &files {
        let file = read_json(path);
        let (_, diags) = parse_listings(&file.to_string()).into_parts();
        let errors = diags.iter().any(|d| d.severity == Severity::Error);
        assert!(
            !errors || !schema.is_valid(&file),
            "{}: the reader refuses what the schema accepts: {diags:?}",
            path.display()
        );
        let rows = file["listings"].as_array().cloned().unwrap_or_default();
        for row in &rows {
            for (what, variant) in mistakes(row) {
                let one = json!({"version": 1, "listings": [variant]});
                let valid = schema.is_valid(&one);
                let (_, diags) = parse_listings(&one.to_string()).into_parts();
                let on_row: Vec<_> = diags.iter().filter(|d| d.row == 1).collect();
                let error = on_row.iter().any(|d| d.severity == Severity::Error);
                let context = format!("{} row {} ({what})", path.display(), row["id"]);
                assert!(
                    valid || !on_row.is_empty(),
                    "{context}: the schema refuses it, the reader is silent"
                );
                assert!(
                    !error || !valid,
                    "{context}: the reader refuses it, the schema accepts it: {on_row:?}"
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 100, "only {checked} rows checked");
}

#[test]
fn the_questionnaire_schema_and_the_reader_agree_on_the_fixtures() {
    let schema = validator("questionnaire.schema.json");
    let mut files = vec![repo().join("core/data/questionnaire.json")];
    for entry in std::fs::read_dir(repo().join("tests/fixtures/assessment"))
        .into_iter()
        .flatten()
        .flatten()
    {
        let path = entry.path();
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        if path.extension().is_some_and(|e| e == "json")
            && text.contains("\"themes\"")
            && text.contains("\"questions\"")
        {
            files.push(path);
        }
    }
    for path in &files {
        let value = read_json(path);
        let (q, diags) =
            kiertokit::assessment::Questionnaire::from_json(&value.to_string()).into_parts();
        let valid = schema.is_valid(&value);
        let errors = q.is_none() || diags.iter().any(|d| d.severity == Severity::Error);
        assert!(
            valid || !diags.is_empty(),
            "{}: schema refuses, reader silent",
            path.display()
        );
        assert!(
            !errors || !valid,
            "{}: reader refuses, schema accepts: {diags:?}",
            path.display()
        );
        // A misspelt top-level key: the schema refuses it and the reader names it.
        let mut misspelt = value.clone();
        if let Some(o) = misspelt.as_object_mut() {
            o.insert("tittle".into(), json!({"fi": "x"}));
        }
        let (_, diags) =
            kiertokit::assessment::Questionnaire::from_json(&misspelt.to_string()).into_parts();
        assert!(
            !schema.is_valid(&misspelt),
            "{}: schema allows unknown keys",
            path.display()
        );
        assert!(
            diags
                .iter()
                .any(|d| d.field == "tittle" && d.suggestion.as_deref() == Some("title")),
            "{}: {diags:?}",
            path.display()
        );
    }
}

#[test]
fn the_summary_schema_holds_what_the_cli_writes_and_the_indicator_reader_agrees() {
    let schema = validator("summary.schema.json");
    let summary = read_json(&repo().join("tests/fixtures/workspace/workshop.summary.json"));
    let errors: Vec<String> = schema
        .iter_errors(&summary)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    // With partner indicators: a good series passes both; the reader's error rows fail the schema.
    let good = json!({"id": "cmur", "name": {"fi": "Kiertotalousaste"}, "unit": "%",
        "source": "Tilastokeskus", "values": [{"year": 2022, "value": 2.4}]});
    let mut with = summary.clone();
    with["indicators"] = json!([good]);
    assert!(schema.is_valid(&with));
    let (read, diags) = kiertokit::workspace::parse_indicators(&with.to_string())
        .expect("json")
        .into_parts();
    assert_eq!((read.len(), diags.len()), (1, 0), "{diags:?}");
    for bad in [
        json!({"id": "x", "name": {"fi": "X"}, "unit": "%", "values": [{"year": 2022, "value": 1}]}),
        json!({"id": "x", "name": {"fi": "X"}, "unit": "%", "source": "S", "values": []}),
        json!({"id": "x", "name": {}, "unit": "%", "source": "S", "values": [{"year": 2022, "value": 1}]}),
    ] {
        with["indicators"] = json!([bad]);
        assert!(!schema.is_valid(&with), "{bad}");
        let (read, diags) = kiertokit::workspace::parse_indicators(&with.to_string())
            .expect("json")
            .into_parts();
        assert!(read.is_empty(), "{bad}");
        assert!(
            diags.iter().any(|d| d.severity == Severity::Error),
            "{bad}: {diags:?}"
        );
    }
}
