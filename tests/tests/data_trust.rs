//! Messy and large partner data through the CLI as a user runs it: each test is one thing that
//! was seen to go wrong (issue #12) and now must not.

mod common;

use common::cli;
use serde_json::Value;

/// Writes `text` to a fresh file under the system temp folder and returns its path.
fn temp(name: &str, text: &str) -> String {
    let dir = std::env::temp_dir().join(format!("kiertokit-trust-{}", std::process::id()));
    if let Err(e) = std::fs::create_dir_all(&dir) {
        panic!("cannot create {}: {e}", dir.display());
    }
    let path = dir.join(name);
    if let Err(e) = std::fs::write(&path, text) {
        panic!("cannot write {}: {e}", path.display());
    }
    path.display().to_string()
}

fn fixture(path: &str) -> String {
    common::fixture_arg(path)
}

fn listing(id: &str, kind: &str, municipality: &str, extra: &str) -> String {
    format!(
        r#"{{"id":"{id}","kind":"{kind}","title":"Puujäte","category":"wood","quantity":{{"amount":10,"unit":"t"}},"municipality":"{municipality}"{extra}}}"#
    )
}

fn file(listings: &[String]) -> String {
    format!(r#"{{"version":1,"listings":[{}]}}"#, listings.join(","))
}

#[test]
fn match_keeps_the_top_k_per_seek_while_scoring_and_all_streams_every_pair() {
    // Identical offers and seeks: every pair is admissible and ties everywhere.
    let n = 60;
    let mut rows: Vec<String> = (0..n)
        .map(|i| listing(&format!("o{i:03}"), "offer", "Tampere", ""))
        .collect();
    rows.extend((0..n).map(|i| listing(&format!("s{i:03}"), "seek", "Tampere", "")));
    let path = temp("identical.json", &file(&rows));
    let (code, out, err) = cli(&["match", "--listings", &path, "--format", "jsonl"]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or(Value::Null))
        .collect();
    assert_eq!(lines.len(), n * 10, "default: 10 offers per seek");
    assert!(lines.iter().all(|v| v["offer"].is_string()));
    let (_, out, _) = cli(&["match", "--listings", &path, "--top", "3"]);
    let array: Vec<Value> = serde_json::from_str(&out).unwrap_or_default();
    assert_eq!(array.len(), n * 3);
    let (code, out, _) = cli(&["match", "--listings", &path, "--all", "--format", "jsonl"]);
    assert_eq!(code, 0);
    assert_eq!(out.lines().count(), n * n, "--all: every admissible pair");
    let (code, _, err) = cli(&["match", "--listings", &path, "--all", "--top", "3"]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn a_misspelt_hard_constraint_is_reported_with_what_it_was_meant_to_be() {
    // Oulu is some 500 km from Tampere: with `max_distance_km` the pair is excluded.
    let rows = [
        listing("o1", "offer", "Oulu", ""),
        listing("s1", "seek", "Tampere", r#","max_distance":10"#),
    ];
    let path = temp("misspelt.json", &file(&rows));
    let (code, _, err) = cli(&["match", "--listings", &path]);
    assert_eq!(code, 0);
    assert!(
        err.contains("unknown field `max_distance` was ignored; did you mean `max_distance_km`?"),
        "{err}"
    );
    let (_, _, err) = cli(&["match", "--listings", &path, "--diagnostics", "json"]);
    let line: Value = serde_json::from_str(err.lines().next().unwrap_or("")).unwrap_or_default();
    assert_eq!(line["severity"], "warning");
    assert_eq!(line["row"], 2);
    assert_eq!(line["field"], "max_distance");
    assert_eq!(line["suggestion"], "max_distance_km");
    let fixed = [
        listing("o1", "offer", "Oulu", ""),
        listing("s1", "seek", "Tampere", r#","max_distance_km":10"#),
    ];
    let path = temp("fixed.json", &file(&fixed));
    let (_, out, err) = cli(&["match", "--listings", &path]);
    assert_eq!(out.trim(), "[]", "{err}");
}

#[test]
fn an_unterminated_csv_quote_is_reported_at_its_row_and_later_rows_import() {
    let csv = "tyyppi;otsikko;määrä;kunta\n\
               tarjous;Puu;1 t;Tampere\n\
               tarjous;\"Lasi;2 t;Espoo\n\
               haku;Puuta;3 t;Nokia\n";
    let path = temp("open-quote.csv", csv);
    let (code, out, err) = cli(&["search", "--listings", &path, "--query", "puu"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("row 3") && err.contains("unterminated quote"),
        "{err}"
    );
    let hits: Vec<Value> = serde_json::from_str(&out).unwrap_or_default();
    assert_eq!(hits.len(), 2, "both wood rows import: {out}");
}

#[test]
fn wide_spreadsheet_exports_import_like_narrow_ones() {
    let narrow: String = std::iter::once("kind,title,quantity,municipality\n".to_owned())
        .chain((0..500).map(|i| format!("offer,Puu {i},{i} t,Tampere\n")))
        .collect();
    let pad = ",".repeat(2000);
    let wide: String = narrow.lines().map(|l| format!("{l}{pad}\n")).collect();
    let (a, b) = (temp("narrow.csv", &narrow), temp("wide.csv", &wide));
    let run = |p: &str| cli(&["search", "--listings", p, "--query", "puu", "--top", "5"]);
    let (narrow_out, wide_out) = (run(&a), run(&b));
    assert_eq!(narrow_out.0, 0, "{}", narrow_out.2);
    assert_eq!(narrow_out, wide_out);
}

#[test]
fn an_impossible_today_is_a_usage_error() {
    let path = temp("one.json", &file(&[listing("o1", "offer", "Tampere", "")]));
    for today in ["2026-13-01", "tomorrow", "2026-02-30", "+2026-01-01"] {
        let (code, _, err) = cli(&["match", "--listings", &path, "--today", today]);
        assert_eq!(code, 2, "{today}: {err}");
        assert!(err.contains("--today"), "{err}");
    }
    let (code, _, err) = cli(&["match", "--listings", &path, "--today", "2026-12-07"]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn expired_listings_do_not_match_once_today_is_read() {
    let rows = [
        listing(
            "o1",
            "offer",
            "Tampere",
            r#","available_until":"2026-01-31""#,
        ),
        listing("s1", "seek", "Tampere", ""),
    ];
    let path = temp("expired.json", &file(&rows));
    let (_, out, _) = cli(&["match", "--listings", &path, "--today", "2026-12-07"]);
    assert_eq!(out.trim(), "[]");
    let (_, out, _) = cli(&["match", "--listings", &path, "--today", "2026-01-01"]);
    assert_ne!(out.trim(), "[]");
}

#[test]
fn ewc_codes_read_the_same_in_listings_and_in_impact() {
    let rows = [listing("o1", "offer", "Tampere", r#","ewc":"17 02 01*""#)];
    let path = temp("starred.json", &file(&rows));
    let (code, _, err) = cli(&["search", "--listings", &path, "--query", "puu"]);
    assert_eq!(code, 0);
    assert!(
        err.contains("hazard mark"),
        "the star and the list disagree: {err}"
    );
    let unknown = [listing("o1", "offer", "Tampere", r#","ewc":"999999""#)];
    let path = temp("unknown-ewc.json", &file(&unknown));
    let (code, _, err) = cli(&["search", "--listings", &path, "--query", "puu"]);
    assert_eq!(code, 0, "the listing is kept");
    assert!(err.contains("999999"), "{err}");
    for code in ["17-02-01", "17.02.01", "170201", "17 02 01"] {
        let input = format!(
            r#"{{"exchange":{{"material":"{code}","quantity":{{"amount":1,"unit":"t"}},"baseline":"landfill","alternative":"recycling"}}}}"#
        );
        let path = temp("ewc-exchange.json", &input);
        let (status, out, err) = cli(&["impact", "exchange", "--input", &path]);
        assert_eq!(status, 0, "{code}: {err}");
        assert!(out.contains("170201"), "{code}: {out}");
    }
    let input = r#"{"exchange":{"material":"99 99 99","quantity":{"amount":1,"unit":"t"},"baseline":"landfill","alternative":"recycling"}}"#;
    let (status, _, err) = cli(&[
        "impact",
        "exchange",
        "--input",
        &temp("bad-ewc.json", input),
    ]);
    assert_eq!(status, 1);
    assert!(err.contains("not an entry"), "{err}");
}

#[test]
fn unusable_scoring_and_assessment_inputs_exit_1() {
    let apps = fixture("scoring/reilu-2021-applications.json");
    let reviews = fixture("scoring/reilu-2021-reviews.csv");
    let garbage = temp("garbage.json", "{not json");
    for (a, r) in [
        (garbage.as_str(), reviews.as_str()),
        (apps.as_str(), garbage.as_str()),
    ] {
        let (code, out, err) = cli(&[
            "score",
            "--programme",
            "reilu-kiertotalous-2021",
            "--applications",
            a,
            "--reviews",
            r,
        ]);
        assert_eq!(code, 1, "{err}");
        assert!(out.is_empty());
    }
    let answers = fixture("assessment/answers-complete.json");
    for earlier in [temp("empty.json", "{}"), answers.clone()] {
        let (code, _, err) = cli(&[
            "assess",
            "--questionnaire",
            "default",
            "--answers",
            &answers,
            "--compare",
            &earlier,
        ]);
        assert_eq!(code, 1, "{earlier}: {err}");
    }
}

#[test]
fn numbers_at_the_edge_of_f64_are_unknown_or_refused_never_null() {
    let input = r#"{"exchange":{"material":"17 02 01","quantity":{"amount":1e308,"unit":"t"},"baseline":"landfill","alternative":"recycling","prices":{"virgin_eur_per_t":1e308,"secondary_eur_per_t":0},"logistics_eur":1e308}}"#;
    let (code, out, err) = cli(&["impact", "exchange", "--input", &temp("huge.json", input)]);
    assert_eq!(code, 0, "{err}");
    assert!(!out.contains("null"), "{out}");
    assert!(out.contains("out_of_range"), "{out}");
    let one = |mass: &str| {
        format!(
            r#"{{"mass":{mass},"recycled_input":0.5,"recycled_output":0.5,"recycling_efficiency_input":0.8,"recycling_efficiency_output":0.8,"utility":{{"lifetime":2,"lifetime_average":1}}}}"#
        )
    };
    let mci = |mass: &str| {
        let (code, out, err) = cli(&["impact", "mci", "--input", &temp("mci.json", &one(mass))]);
        assert_eq!(code, 0, "{err}");
        let v: Value = serde_json::from_str(&out).unwrap_or_default();
        v["mci"].as_f64().unwrap_or(f64::NAN)
    };
    let base = mci("1");
    for mass in ["1e-300", "1e300", "1e308"] {
        assert!(
            (mci(mass) - base).abs() < 1e-12,
            "MCI does not depend on scale ({mass})"
        );
    }
    let cti = r#"{"inflows":[{"mass":1.5e308,"circular_share":1},{"mass":1.5e308,"circular_share":0}],"outflows":[{"mass":1,"recovery_potential":1,"actual_recovery":1}]}"#;
    let (code, _, err) = cli(&["impact", "cti", "--input", &temp("cti.json", cti)]);
    assert_eq!(code, 1, "total inflow mass is out of range: {err}");
    let cti = r#"{"inflows":[{"mass":1e307,"circular_share":1},{"mass":1e307,"circular_share":0}],"outflows":[{"mass":1e307,"recovery_potential":1,"actual_recovery":1}]}"#;
    let (code, out, err) = cli(&["impact", "cti", "--input", &temp("cti2.json", cti)]);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap_or_default();
    assert_eq!(v["circular_inflow"].as_f64(), Some(0.5));
    let exchange = |id: &str| {
        format!(
            r#"{{"id":"{id}","region":"Pirkanmaa","exchange":{{"material":"wood","quantity":{{"amount":1e308,"unit":"t"}},"baseline":"landfill","alternative":"recycling"}}}}"#
        )
    };
    let agg = format!(r#"{{"exchanges":[{},{}]}}"#, exchange("a"), exchange("b"));
    let (code, out, err) = cli(&["impact", "aggregate", "--input", &temp("agg.json", &agg)]);
    assert_eq!(code, 0, "{err}");
    assert!(!out.contains("null") && !out.contains("inf"), "{out}");
}

#[test]
fn the_readme_documents_every_exit_code() {
    let readme = std::fs::read_to_string(
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../README.md"),
    )
    .unwrap_or_default();
    for row in ["| 0 |", "| 1 |", "| 2 |"] {
        assert!(readme.contains(row), "README exit-code table lacks {row}");
    }
}
