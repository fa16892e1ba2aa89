//! The directory's JSON Schema and its reader agree: every shipped sample and fixture, and each
//! of their rows with the mistakes partners make. What the schema refuses, the reader reports on
//! that row; what the reader refuses as an error, the schema refuses too — except what a schema
//! cannot see (impossible days, times skipped by summer time, unknown places, opening after
//! the deadline), which docs/directory.md lists as the reader's own checks.

use kiertokit::Severity;
use kiertokit::directory::{Kind, parse_directory};
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

fn files() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for dir in ["core/data/directory", "tests/fixtures/directory"] {
        for entry in std::fs::read_dir(repo().join(dir))
            .into_iter()
            .flatten()
            .flatten()
        {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "json") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// One row with the mistakes partners make, each as (what, mutated row).
fn mistakes(kind: &str, row: &Value) -> Vec<(&'static str, Value)> {
    let with = |f: &dyn Fn(&mut serde_json::Map<String, Value>)| {
        let mut r = row.clone();
        if let Some(o) = r.as_object_mut() {
            f(o);
        }
        r
    };
    let mut out = vec![
        ("as written", row.clone()),
        (
            "misspelt key",
            with(&|o| {
                o.insert("descripton".into(), json!({"fi": "x"}));
            }),
        ),
        (
            "blank id",
            with(&|o| {
                o.insert("id".into(), json!(" "));
            }),
        ),
        (
            "no id",
            with(&|o| {
                o.remove("id");
            }),
        ),
        (
            "unknown language key",
            with(&|o| {
                o.insert("description".into(), json!({"se": "x"}));
            }),
        ),
        (
            "script link",
            with(&|o| {
                let key = if o.contains_key("contact") {
                    "contact"
                } else {
                    "link"
                };
                o.insert(key.into(), json!("javascript:alert(1)"));
            }),
        ),
    ];
    match kind {
        "experts" => out.extend([
            (
                "unknown skill",
                with(&|o| {
                    o.insert("skills".into(), json!(["juggling"]));
                }),
            ),
            (
                "language name",
                with(&|o| {
                    o.insert("languages".into(), json!(["finnish"]));
                }),
            ),
        ]),
        "funding" => out.extend([
            (
                "rate over 100",
                with(&|o| {
                    o.insert("funding_rate".into(), json!(120));
                }),
            ),
            (
                "negative amount",
                with(&|o| {
                    o.insert("amount_max".into(), json!(-5));
                }),
            ),
            (
                "deadline as a date only",
                with(&|o| {
                    o.insert("deadline".into(), json!("2026-12-18"));
                }),
            ),
            (
                "unknown status",
                with(&|o| {
                    o.insert("status".into(), json!("paused"));
                }),
            ),
            (
                "checked not a date",
                with(&|o| {
                    o.insert("checked".into(), json!("7.12.2026"));
                }),
            ),
            (
                "no funder",
                with(&|o| {
                    o.remove("funder");
                }),
            ),
        ]),
        _ => out.extend([
            (
                "unknown model",
                with(&|o| {
                    o.insert("models".into(), json!(["circular"]));
                }),
            ),
            (
                "no municipality",
                with(&|o| {
                    o.remove("municipality");
                }),
            ),
        ]),
    }
    out
}

#[test]
fn the_directory_schema_and_the_reader_agree_on_every_sample_row_and_its_mistakes() {
    let schema = jsonschema::options()
        .should_validate_formats(true)
        .build(&read_json(&repo().join("core/data/directory.schema.json")))
        .unwrap_or_else(|e| panic!("the schema does not compile: {e}"));
    let files = files();
    assert!(files.len() >= 3, "files found: {files:?}");
    let mut checked = 0;
    for path in &files {
        let file = read_json(path);
        let kind_name = file["kind"].as_str().unwrap_or_default().to_owned();
        let kind = Kind::parse(&kind_name).expect("a kind");
        let (_, diags) = parse_directory(&file.to_string(), kind).into_parts();
        assert!(
            schema.is_valid(&file) || !diags.is_empty(),
            "{}: the schema refuses it, the reader is silent",
            path.display()
        );
        assert!(
            !diags.iter().any(|d| d.severity == Severity::Error) || !schema.is_valid(&file),
            "{}: the reader refuses what the schema accepts: {diags:?}",
            path.display()
        );
        for row in file["entries"].as_array().cloned().unwrap_or_default() {
            for (what, variant) in mistakes(&kind_name, &row) {
                let one = json!({"version": 1, "kind": kind_name, "entries": [variant]});
                let valid = schema.is_valid(&one);
                let (_, diags) = parse_directory(&one.to_string(), kind).into_parts();
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
                if what == "as written" {
                    assert!(valid, "{context}: a shipped row is invalid");
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 150, "only {checked} rows checked");
}

#[test]
fn the_csv_fixtures_read_as_their_json_twins() {
    for kind in [Kind::Experts, Kind::Funding, Kind::Companies] {
        let dir = repo().join("tests/fixtures/directory");
        let csv = std::fs::read_to_string(dir.join(format!("{}.csv", kind.as_str())))
            .expect("a CSV fixture");
        let json = std::fs::read_to_string(dir.join(format!("{}.json", kind.as_str())))
            .expect("a JSON fixture");
        let (from_csv, csv_diags) = parse_directory(&csv, kind).into_parts();
        let (from_json, json_diags) = parse_directory(&json, kind).into_parts();
        assert!(json_diags.is_empty(), "{kind:?}: {json_diags:?}");
        assert_eq!(from_csv, from_json, "{kind:?}: {csv_diags:?}");
        // The CSV's deliberately bad rows are reported, each on its own line.
        assert!(
            csv_diags.iter().all(|d| d.row > 1),
            "{kind:?}: {csv_diags:?}"
        );
        assert!(!csv_diags.is_empty(), "{kind:?}: no bad row reported");
    }
}
