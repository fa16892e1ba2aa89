//! Material matching: CLI runs in-process, golden outputs and the relevance evaluation.

use kiertokit::matching::{Index, MatchOptions, Query, filter, parse_listings};
mod common;

use common::cli;
use serde_json::Value;
use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    common::fixture(&format!("matching/{name}"))
}

fn read(name: &str) -> String {
    common::read(&format!("matching/{name}"))
}

fn listings_path() -> String {
    fixture("listings.json").display().to_string()
}

fn ids(json: &Value, key: &str) -> Vec<String> {
    json.as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v.get(key).and_then(Value::as_str).map(str::to_owned))
        .collect()
}

#[test]
fn search_command_returns_ranked_ids_and_scores() {
    let (code, out, err) = cli(&[
        "search",
        "--listings",
        &listings_path(),
        "--query",
        "pallets",
        "--top",
        "5",
    ]);
    assert_eq!(code, 0, "{err}");
    let json: Value = serde_json::from_str(&out).unwrap_or(Value::Null);
    let found = ids(&json, "id");
    assert!(found.len() <= 5 && found.len() >= 3, "{found:?}");
    for want in ["L-002", "L-003", "L-038"] {
        assert!(found.contains(&want.to_owned()), "{found:?}");
    }
    assert!(
        !found.contains(&"L-035".to_owned()),
        "closed listing must be hidden"
    );
    let scores: Vec<f64> = json
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v["score"].as_f64())
        .collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]));
}

#[test]
fn include_closed_shows_closed_listings() {
    let (_, out, _) = cli(&[
        "search",
        "--listings",
        &listings_path(),
        "--query",
        "kuormalava",
        "--include-closed",
    ]);
    let json: Value = serde_json::from_str(&out).unwrap_or(Value::Null);
    assert!(ids(&json, "id").contains(&"L-035".to_owned()));
}

#[test]
fn match_command_lists_explained_pairs_that_respect_hard_constraints() {
    let (code, out, err) = cli(&["match", "--listings", &listings_path()]);
    assert_eq!(code, 0, "{err}");
    let json: Value = serde_json::from_str(&out).unwrap_or(Value::Null);
    let pairs = json.as_array().cloned().unwrap_or_default();
    assert!(pairs.len() >= 10, "{}", pairs.len());
    for p in &pairs {
        let score = p["score"].as_f64().unwrap_or(-1.0);
        assert!((0.0..=1.0).contains(&score));
        assert!(p["factors"].as_array().is_some_and(|f| f.len() >= 5));
        // L-021 is hazardous waste: only L-022 (declares a permit) and L-023 (asks for waste
        // oil, a hazardous entry, without a permit: "check it") may receive it. L-035 is closed.
        if p["offer"] == "L-021" {
            let hazard = p["factors"]
                .as_array()
                .and_then(|f| f.iter().find(|f| f["name"] == "hazard"))
                .map(|f| f["met"].clone());
            match p["seek"].as_str() {
                Some("L-022") => assert_eq!(hazard, Some(Value::Bool(true))),
                Some("L-023") => assert_eq!(hazard, Some(Value::Bool(false))),
                other => panic!("hazardous waste offered to {other:?}"),
            }
        }
        assert_ne!(p["offer"], "L-035");
    }
    assert!(
        pairs
            .iter()
            .any(|p| p["offer"] == "L-006" && p["seek"] == "L-005")
    );
    // `--top K` keeps the best K offers of each seek, best first overall.
    let (_, top, _) = cli(&["match", "--listings", &listings_path(), "--top", "1"]);
    let top: Vec<Value> = serde_json::from_str(&top).unwrap_or_default();
    let mut seeks: Vec<&str> = top.iter().filter_map(|p| p["seek"].as_str()).collect();
    let n = seeks.len();
    seeks.sort_unstable();
    seeks.dedup();
    assert_eq!(seeks.len(), n, "one offer per seek");
    assert!(n >= 5 && n < pairs.len(), "{n} of {}", pairs.len());
    let scores: Vec<f64> = top.iter().filter_map(|p| p["score"].as_f64()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "best first");
}

#[test]
fn allocate_command_reports_flows_and_remainders() {
    let (code, out, err) = cli(&["allocate", "--listings", &listings_path()]);
    assert_eq!(code, 0, "{err}");
    let json: Value = serde_json::from_str(&out).unwrap_or(Value::Null);
    assert!(json["flows"].as_array().is_some_and(|f| !f.is_empty()));
    assert!(json["unallocated_supply"].is_array() && json["unmet_demand"].is_array());
    assert!(json["objective"].as_f64().is_some_and(|o| o > 0.0));
}

#[test]
fn csv_input_imports_good_rows_and_reports_bad_rows_on_stderr() {
    let path = fixture("partner.csv").display().to_string();
    let (code, out, err) = cli(&["search", "--listings", &path, "--query", "puujäte"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("row 4") && err.contains("quantity"), "{err}");
    assert!(err.contains("Eiolemassa"), "{err}");
    let json: Value = serde_json::from_str(&out).unwrap_or(Value::Null);
    assert_eq!(ids(&json, "id").first().map(String::as_str), Some("P-1"));
}

#[test]
fn unusable_input_exits_non_zero() {
    let bad = std::env::temp_dir().join("kiertokit-matching-bad.json");
    let _ = std::fs::write(&bad, "{\"version\": 9, \"listings\": []}");
    let (code, _, err) = cli(&[
        "search",
        "--listings",
        &bad.display().to_string(),
        "--query",
        "x",
    ]);
    assert_ne!(code, 0);
    assert!(err.contains("version"), "{err}");
    let (code, _, _) = cli(&["match", "--listings", "/no/such/file.json"]);
    assert_ne!(code, 0);
}

/// Golden output: top search results for a few queries; regenerate with `UPDATE_GOLDEN=1`.
#[test]
fn search_results_match_the_golden_file() {
    let (listings, _) = parse_listings(&read("listings.json")).into_parts();
    let index = Index::new(listings);
    let mut golden = serde_json::Map::new();
    for q in ["jäte", "träpallar", "pakkaus", "scrap metal", "jateoljy"] {
        let r = index.search(&Query {
            limit: 5,
            ..Query::text(q)
        });
        let hits: Vec<Value> = r
            .hits
            .iter()
            .map(|h| serde_json::json!([h.id, h.score]))
            .collect();
        golden.insert(q.to_owned(), hits.into());
    }
    let actual = serde_json::to_string_pretty(&Value::Object(golden)).unwrap_or_default() + "\n";
    common::golden_text("matching/golden-search.json", &actual);
}

// An evaluation metric outside the core: platform float functions are fine here.
#[allow(clippy::disallowed_methods)]
fn dcg(gains: &[f64]) -> f64 {
    gains
        .iter()
        .enumerate()
        .map(|(i, g)| (2f64.powf(*g) - 1.0) / ((i + 2) as f64).log2())
        .sum()
}

/// nDCG@k of a ranked id list against graded labels.
fn ndcg(ranked: &[String], labels: &serde_json::Map<String, Value>, k: usize) -> f64 {
    let gains: Vec<f64> = ranked
        .iter()
        .take(k)
        .map(|id| labels.get(id).and_then(Value::as_f64).unwrap_or(0.0))
        .collect();
    let mut ideal: Vec<f64> = labels.values().filter_map(Value::as_f64).collect();
    ideal.sort_by(|a, b| b.total_cmp(a));
    ideal.truncate(k);
    let best = dcg(&ideal);
    if best == 0.0 { 0.0 } else { dcg(&gains) / best }
}

#[test]
fn relevance_evaluation_beats_the_substring_baseline() {
    let (listings, _) = parse_listings(&read("listings.json")).into_parts();
    let labels: Value = serde_json::from_str(&read("relevance.json")).unwrap_or(Value::Null);
    let index = Index::new(listings.clone());
    let open: Vec<_> = listings
        .iter()
        .filter(|l| l.status == kiertokit::matching::Status::Open)
        .cloned()
        .collect();

    let (mut ours, mut base, mut n) = (0.0, 0.0, 0.0);
    for q in labels["search"].as_array().into_iter().flatten() {
        let text = q["query"].as_str().unwrap_or("");
        let rel = q["relevant"].as_object().cloned().unwrap_or_default();
        let ranked: Vec<String> = index
            .search(&Query {
                limit: 10,
                ..Query::text(text)
            })
            .hits
            .into_iter()
            .map(|h| h.id)
            .collect();
        let baseline: Vec<String> = filter(&open, text)
            .into_iter()
            .map(|l| l.id.clone())
            .collect();
        let (a, b) = (
            ndcg(&ranked, &rel, 10) + 0.0,
            ndcg(&baseline, &rel, 10) + 0.0,
        );
        println!("search {text:<20} nDCG@10 ours {a:.3}  substring {b:.3}");
        ours += a;
        base += b;
        n += 1.0;
    }
    let (search_ours, search_base) = (ours / n, base / n);
    println!(
        "search mean nDCG@10: ours {search_ours:.3}, substring baseline {search_base:.3} ({n} queries)"
    );

    let opts = MatchOptions {
        min_score: 0.0,
        ..MatchOptions::default()
    };
    let (mut ours, mut base, mut n) = (0.0, 0.0, 0.0);
    for m in labels["matches"].as_array().into_iter().flatten() {
        let id = m["listing"].as_str().unwrap_or("");
        let rel = m["relevant"].as_object().cloned().unwrap_or_default();
        let me = listings.iter().find(|l| l.id == id);
        let ranked: Vec<String> = index
            .matches_for_id(id, &opts)
            .into_iter()
            .map(|m| if m.offer == id { m.seek } else { m.offer })
            .collect();
        // Baseline: every open listing of the opposite kind in the same category, by id.
        let baseline: Vec<String> = open
            .iter()
            .filter(|l| me.is_some_and(|me| me.kind != l.kind && me.category == l.category))
            .map(|l| l.id.clone())
            .collect();
        let (a, b) = (ndcg(&ranked, &rel, 5) + 0.0, ndcg(&baseline, &rel, 5) + 0.0);
        println!("match  {id:<20} nDCG@5  ours {a:.3}  same-category {b:.3}");
        ours += a;
        base += b;
        n += 1.0;
    }
    let (match_ours, match_base) = (ours / n, base / n);
    println!(
        "match mean nDCG@5: ours {match_ours:.3}, same-category baseline {match_base:.3} ({n} listings)"
    );

    assert!(
        search_ours >= 0.8 && search_ours > search_base + 0.2,
        "{search_ours} vs {search_base}"
    );
    assert!(
        match_ours >= 0.85 && match_ours >= match_base,
        "{match_ours} vs {match_base}"
    );
}

/// Mean nDCG@10 over a set's search queries and mean nDCG@5 over its match listings, with
/// the five worst queries; `base` selects the plain-substring / same-category baselines.
struct Eval {
    search: f64,
    search_base: f64,
    matches: f64,
    match_base: f64,
    worst: Vec<(f64, String)>,
    worst_matches: Vec<(f64, String)>,
}

fn evaluate_set(listings_file: &str, labels_file: &str) -> Eval {
    let (listings, errors) = parse_listings(&read(listings_file)).into_parts();
    assert!(errors.is_empty(), "{listings_file}: {errors:?}");
    let labels: Value = serde_json::from_str(&read(labels_file)).unwrap_or(Value::Null);
    let index = Index::new(listings.clone());
    let open: Vec<_> = listings
        .iter()
        .filter(|l| l.status == kiertokit::matching::Status::Open)
        .cloned()
        .collect();
    let mut per_query: Vec<(f64, String)> = Vec::new();
    let (mut ours, mut base) = (0.0, 0.0);
    for q in labels["search"].as_array().into_iter().flatten() {
        let text = q["query"].as_str().unwrap_or("");
        let rel = q["relevant"].as_object().cloned().unwrap_or_default();
        let ranked: Vec<String> = index
            .search(&Query {
                limit: 10,
                ..Query::text(text)
            })
            .hits
            .into_iter()
            .map(|h| h.id)
            .collect();
        let baseline: Vec<String> = filter(&open, text)
            .into_iter()
            .map(|l| l.id.clone())
            .collect();
        let a = ndcg(&ranked, &rel, 10) + 0.0;
        ours += a;
        base += ndcg(&baseline, &rel, 10);
        per_query.push((a, text.to_owned()));
    }
    let n = per_query.len().max(1) as f64;
    let opts = MatchOptions {
        min_score: 0.0,
        ..MatchOptions::default()
    };
    let (mut m_ours, mut m_base, mut m) = (0.0, 0.0, 0.0);
    let mut per_match: Vec<(f64, String)> = Vec::new();
    for item in labels["matches"].as_array().into_iter().flatten() {
        let id = item["listing"].as_str().unwrap_or("");
        let rel = item["relevant"].as_object().cloned().unwrap_or_default();
        let me = listings.iter().find(|l| l.id == id);
        let ranked: Vec<String> = index
            .matches_for_id(id, &opts)
            .into_iter()
            .map(|x| if x.offer == id { x.seek } else { x.offer })
            .collect();
        let baseline: Vec<String> = open
            .iter()
            .filter(|l| me.is_some_and(|me| me.kind != l.kind && me.category == l.category))
            .map(|l| l.id.clone())
            .collect();
        let a = ndcg(&ranked, &rel, 5) + 0.0;
        println!("{labels_file}: match {id:<8} nDCG@5 {a:.3}  {ranked:?}");
        per_match.push((a, id.to_owned()));
        m_ours += a;
        m_base += ndcg(&baseline, &rel, 5);
        m += 1.0;
    }
    per_query.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    per_query.truncate(5);
    per_match.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    per_match.truncate(5);
    Eval {
        search: ours / n,
        search_base: base / n,
        matches: m_ours / f64::max(m, 1.0),
        match_base: m_base / f64::max(m, 1.0),
        worst: per_query,
        worst_matches: per_match,
    }
}

/// The tuning set and the two held-out sets of issue 13, reported side by side: the stress
/// set was looked at once while tuning; the fresh set was written afterwards, its labels set
/// before its first run, and is never tuned on.
#[test]
fn held_out_stress_set_is_reported_with_the_tuning_set() {
    for (name, listings, labels) in [
        ("tuning", "listings.json", "relevance.json"),
        (
            "held-out stress",
            "stress-listings.json",
            "stress-relevance.json",
        ),
        (
            "held-out fresh",
            "fresh-listings.json",
            "fresh-relevance.json",
        ),
    ] {
        let e = evaluate_set(listings, labels);
        println!(
            "{name}: search nDCG@10 {:.3} (substring {:.3}), match nDCG@5 {:.3} (same-category {:.3})",
            e.search, e.search_base, e.matches, e.match_base
        );
        for (score, q) in &e.worst {
            println!("{name}: worst query {q:<24} nDCG@10 {score:.3}");
        }
        for (score, id) in &e.worst_matches {
            println!("{name}: worst match {id:<24} nDCG@5 {score:.3}");
        }
        assert!(
            e.search > e.search_base + 0.2,
            "{name}: {} vs {}",
            e.search,
            e.search_base
        );
        // The fresh set once showed matching below this baseline (0.733): hazardous waste never
        // reached seeks that ask for it without declaring a permit. Fixed as a rule, not weights.
        assert!(
            e.matches >= e.match_base,
            "{name}: {} vs {}",
            e.matches,
            e.match_base
        );
    }
}

/// Timings at scale; run with `cargo test --release -p kiertokit-tests --test matching -- --ignored --nocapture`.
#[test]
#[ignore = "timing run, not a test; needs --release"]
fn scale_timings() {
    let (base, _) = parse_listings(&read("listings.json")).into_parts();
    let towns = [
        "Tampere", "Espoo", "Oulu", "Vaasa", "Kuopio", "Turku", "Lahti", "Pori", "Joensuu", "Kotka",
    ];
    let make = |n: usize| -> Vec<kiertokit::matching::Listing> {
        (0..n)
            .map(|i| {
                let mut l = base[i % base.len()].clone();
                l.id = format!("G-{i:06}");
                l.municipality = towns[(i / base.len()) % towns.len()].to_owned();
                l.max_distance_km = None;
                l.status = kiertokit::matching::Status::Open;
                l.title = format!("{} {}", l.title, i % 97);
                l
            })
            .collect()
    };
    let start = std::time::Instant::now();
    let index = Index::new(make(100_000));
    println!("index 100k: {:?}", start.elapsed());
    let queries = [
        "jäte",
        "kuormalavat",
        "träpallar",
        "pallets",
        "pakkaus",
        "betonimurske",
        "scrap metal",
        "jateoljy",
        "kuormal",
        "muovipakkaukset",
    ];
    let mut times: Vec<f64> = Vec::new();
    for _ in 0..5 {
        for q in queries {
            let t = std::time::Instant::now();
            let r = index.search(&Query {
                limit: 10,
                ..Query::text(q)
            });
            times.push(t.elapsed().as_secs_f64() * 1000.0);
            assert!(r.total > 0);
        }
    }
    times.sort_by(f64::total_cmp);
    println!(
        "search 100k: p50 {:.3} ms, p95 {:.3} ms",
        times[times.len() / 2],
        times[times.len() * 95 / 100]
    );
    let mut twenty = make(20_000);
    for (i, l) in twenty.iter_mut().enumerate() {
        l.kind = if i % 2 == 0 {
            kiertokit::matching::ListingKind::Offer
        } else {
            kiertokit::matching::ListingKind::Seek
        };
    }
    let index = Index::new(twenty);
    let t = std::time::Instant::now();
    let m = index.all_matches(&MatchOptions {
        per_listing: Some(10),
        ..MatchOptions::default()
    });
    println!(
        "all pairs 10k offers x 10k seeks: {:?} ({} matches kept)",
        t.elapsed(),
        m.len()
    );
}
