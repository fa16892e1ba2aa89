//! Native half of `cargo xtask bench`: a seeded generator of realistic fi/sv/en listings, written
//! to `target/bench/listings-<n>.json` for the Node peer benchmark, and native timings of index
//! build, search and all-pairs matching. Not a test: it only prints figures.
//! Run: `cargo test --release -p kiertokit-tests --test bench -- --ignored --nocapture`.

use kiertokit::matching::{
    Index, Listing, ListingKind, MatchOptions, Query, Recurrence, Status, allocate, categories,
    municipalities, to_json,
};
use kiertokit::vocab::{Quantity, Unit};
use serde_json::Value;
use std::path::PathBuf;
use std::time::Instant;

/// splitmix64: tiny, seeded and identical on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const FI_OFFER: &[&str] = &[
    "{m} tarjolla",
    "{m}, {q}",
    "Ylijäämä: {m}",
    "{m} noudettavissa",
    "Myydään {m}",
];
const FI_SEEK: &[&str] = &[
    "Etsitään {m}",
    "{m} tarvitaan",
    "Ostetaan {m}",
    "Haemme {m}",
];
const SV_OFFER: &[&str] = &["{m} erbjuds", "{m}, {q}", "Överskott: {m}", "{m} att hämta"];
const SV_SEEK: &[&str] = &["Söker {m}", "{m} behövs", "Köper {m}"];
const EN_OFFER: &[&str] = &[
    "{m} available",
    "Surplus {m}",
    "{m}, {q}",
    "{m} for collection",
];
const EN_SEEK: &[&str] = &["Wanted: {m}", "Looking for {m}", "{m} needed"];
const FI_DESC: &[&str] = &[
    "Tarjoamme {m} noin {n}. Nouto {t}, kuljetus sovittavissa.",
    "Teollinen sivuvirta: {m}, {q}. Sijainti {t}.",
    "Purkutyömaalta {m}. Materiaali on lajiteltu ja kuivana katoksessa.",
    "Tarvitsemme {m} jatkuvasti tuotantoon, noin {n} kerrallaan.",
    "Kiertotalouden kumppani hakee {m} {t} lähialueelta.",
];
const SV_DESC: &[&str] = &[
    "Vi erbjuder {m}, cirka {n}. Hämtas i {t}.",
    "Sidoström från industrin: {m}, {q}.",
    "Vi söker {m} för återvinning, ungefär {n} per leverans.",
];
const EN_DESC: &[&str] = &[
    "We offer {m}, about {n}. Collection in {t}.",
    "Industrial side stream: {m}, {q}. Sorted and stored indoors.",
    "We need {m} for our recycling process, roughly {n} per load.",
];
const QUALITY: &[&str] = &[
    "lajiteltu",
    "puhdas",
    "kuiva",
    "sorterad",
    "ren",
    "clean",
    "sorted",
    "käytetty",
    "ehjä",
];

/// `n` deterministic listings: categories, synonyms and EWC codes from the taxonomy, towns from
/// the municipality table, fi/sv/en templates; half offers, half seeks (alternating by `seed`).
fn generate(n: usize, seed: u64) -> Vec<Listing> {
    let mut rng = Rng(seed);
    let cats = categories();
    let towns = municipalities();
    let units = [
        Unit::Tonne,
        Unit::Tonne,
        Unit::Kg,
        Unit::CubicMetre,
        Unit::Piece,
        Unit::SquareMetre,
    ];
    (0..n)
        .map(|i| {
            let c = rng.pick(cats);
            let kind = if rng.chance(0.5) {
                ListingKind::Offer
            } else {
                ListingKind::Seek
            };
            let lang = rng.below(10);
            let town = rng.pick(towns);
            let town_name = if lang >= 7 && !town.sv.is_empty() {
                &town.sv
            } else {
                &town.fi
            };
            let syn = |rng: &mut Rng| {
                let s = rng.pick(&c.synonyms).clone();
                if s.chars().all(|ch| ch.is_uppercase()) {
                    s
                } else {
                    s.to_lowercase()
                }
            };
            let m1 = syn(&mut rng);
            let m2 = syn(&mut rng);
            let q = *rng.pick(QUALITY);
            let unit = *rng.pick(&units);
            let amount = (1 + rng.below(500)) as f64 * if unit == Unit::Kg { 100.0 } else { 1.0 };
            let amount_text = Quantity { amount, unit }.to_string();
            let (titles, descs) = match (lang, kind) {
                (0..=5, ListingKind::Offer) => (FI_OFFER, FI_DESC),
                (0..=5, ListingKind::Seek) => (FI_SEEK, FI_DESC),
                (6..=7, ListingKind::Offer) => (SV_OFFER, SV_DESC),
                (6..=7, ListingKind::Seek) => (SV_SEEK, SV_DESC),
                (_, ListingKind::Offer) => (EN_OFFER, EN_DESC),
                (_, ListingKind::Seek) => (EN_SEEK, EN_DESC),
            };
            let fill = |t: &str, m: &str| {
                t.replace("{m}", m)
                    .replace("{q}", q)
                    .replace("{n}", &amount_text)
                    .replace("{t}", town_name)
            };
            let template = *rng.pick::<&str>(titles);
            let mut title = fill(template, &m1);
            if let Some(first) = title.get(..1) {
                title = first.to_uppercase() + title.get(1..).unwrap_or("");
            }
            let and = [" ja ", " och ", " and "][usize::from(lang >= 6) + usize::from(lang >= 8)];
            let template = *rng.pick::<&str>(descs);
            let description = fill(template, &format!("{m1}{and}{m2}"));
            let mut l = Listing::new(
                &format!("G-{i:06}"),
                kind,
                &title,
                &c.id,
                Quantity { amount, unit },
                town_name,
            );
            l.description = description;
            let entries: Vec<&String> = c.ewc.iter().filter(|e| e.len() == 6).collect();
            if !entries.is_empty() && rng.chance(0.6) {
                l.ewc = Some((*rng.pick(&entries)).clone());
            }
            l.hazardous = c.id == "chemicals" && kind == ListingKind::Offer && rng.chance(0.5);
            l.hazardous_permit = kind == ListingKind::Seek && rng.chance(0.2);
            l.recurrence = *rng.pick(&[
                Recurrence::OneOff,
                Recurrence::OneOff,
                Recurrence::PerYear,
                Recurrence::PerMonth,
                Recurrence::PerWeek,
            ]);
            if rng.chance(0.4) {
                l.max_distance_km = Some((50 + 25 * rng.below(11)) as f64);
            }
            if rng.chance(0.5) {
                let month = 1 + rng.below(12);
                l.available_from = Some(format!("2025-{month:02}-01"));
                if rng.chance(0.6) {
                    l.available_until = Some(format!("2026-{month:02}-28"));
                }
            }
            if rng.chance(0.05) {
                l.status = Status::Closed;
            }
            l.organisation = Some(format!(
                "{} {} Oy",
                rng.pick(&["Kierto", "Ympäristö", "Rakennus", "Teollisuus", "Agri"]),
                town.fi
            ));
            l
        })
        .collect()
}

fn root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map_or(manifest.clone(), PathBuf::from)
}

/// The labelled query texts, used as the timing queries here and in Node.
fn queries() -> Vec<String> {
    let text = std::fs::read_to_string(root().join("tests/fixtures/matching/relevance.json"))
        .unwrap_or_default();
    let v: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
    v["search"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|q| q["query"].as_str().map(str::to_owned))
        .collect()
}

/// On-CPU time of this thread in ms (Linux schedstat), so a busy shared machine can be seen
/// in the figures: wall time minus CPU time is time spent waiting for a core.
fn cpu_ms() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| {
            s.split_whitespace()
                .next()
                .and_then(|n| n.parse::<f64>().ok())
        })
        .map_or(f64::NAN, |ns| ns / 1e6)
}

fn pct(sorted: &[f64], p: usize) -> f64 {
    sorted
        .get((sorted.len() * p / 100).min(sorted.len().saturating_sub(1)))
        .copied()
        .unwrap_or(0.0)
}

#[test]
#[ignore = "benchmark, not a test; run through `cargo xtask bench`"]
fn bench_native() {
    let dir = root().join("target/bench");
    let _ = std::fs::create_dir_all(&dir);
    let queries = queries();
    let _ = std::fs::write(
        dir.join("queries.json"),
        serde_json::to_string(&queries).unwrap_or_default(),
    );
    println!("native (release), {} queries", queries.len());
    // KT_BENCH_ONLY=pairs|search narrows the run while tuning.
    let only = std::env::var("KT_BENCH_ONLY").unwrap_or_default();
    for n in [1_000, 10_000, 100_000] {
        if only == "pairs" {
            break;
        }
        if only == "search100k" && n < 100_000 {
            continue;
        }
        let listings = generate(n, 42);
        let _ = std::fs::write(dir.join(format!("listings-{n}.json")), to_json(&listings));
        let (t, cpu) = (Instant::now(), cpu_ms());
        let index = Index::new(listings);
        let build = t.elapsed().as_secs_f64() * 1000.0;
        let build_cpu = cpu_ms() - cpu;
        let mut times = Vec::new();
        let mut page_times = Vec::new();
        let mut per_query: std::collections::BTreeMap<String, Vec<f64>> = Default::default();
        let mut cpu_total = 0.0;
        let mut hits = 0usize;
        let rounds: usize = std::env::var("KT_BENCH_ROUNDS")
            .ok()
            .and_then(|r| r.parse().ok())
            .unwrap_or(6);
        for round in 0..rounds {
            for q in &queries {
                let query = Query {
                    limit: 10,
                    ..Query::text(q)
                };
                let (t, cpu) = (Instant::now(), cpu_ms());
                let r = index.search(&query);
                if round > 0 {
                    times.push(t.elapsed().as_secs_f64() * 1000.0);
                    cpu_total += cpu_ms() - cpu;
                }
                hits += r.hits.len();
                // The page alone (no total, no facets): what the wasm `SearchIndex` runs.
                let t = Instant::now();
                let page = index.search_hits(&query);
                if round > 0 {
                    let ms = t.elapsed().as_secs_f64() * 1000.0;
                    page_times.push(ms);
                    per_query.entry(q.clone()).or_default().push(ms);
                }
                assert_eq!(page, r.hits, "search_hits differs from search for {q:?}");
            }
        }
        times.sort_by(f64::total_cmp);
        println!(
            "native n={n:>6}: build {build:>8.1} ms ({build_cpu:.1} ms on CPU), query p50 {:.3} ms, p95 {:.3} ms (mean on CPU {:.3} ms; {hits} hits)",
            pct(&times, 50),
            pct(&times, 95),
            cpu_total / times.len().max(1) as f64
        );
        // KT_BENCH_PER_QUERY=1: the page-only time of each query, to find which one got slower.
        if std::env::var_os("KT_BENCH_PER_QUERY").is_some() {
            for (q, mut v) in per_query {
                v.sort_by(f64::total_cmp);
                println!(
                    "native n={n:>6}: search_hits {q:<24} p50 {:.4} ms, p90 {:.4} ms",
                    pct(&v, 50),
                    pct(&v, 90)
                );
            }
        }
        page_times.sort_by(f64::total_cmp);
        println!(
            "native n={n:>6}: search_hits (page only) p50 {:.3} ms, p95 {:.3} ms",
            pct(&page_times, 50),
            pct(&page_times, 95)
        );
    }
    if only.starts_with("search") {
        return;
    }
    // A spreadsheet export with 1,000 empty trailing columns costs what the narrow file costs.
    let narrow: String = std::iter::once("kind;title;quantity;municipality;ewc\n".to_owned())
        .chain((0..5_000).map(|i| format!("offer;Puujäte {i};{i} t;Tampere;17 02 01\n")))
        .collect();
    let pad = ";".repeat(1_000);
    let wide: String = narrow.lines().map(|l| format!("{l}{pad}\n")).collect();
    for (name, text) in [("narrow", &narrow), ("1,000 empty trailing columns", &wide)] {
        let t = Instant::now();
        let (rows, _) = kiertokit::matching::parse_listings(text).into_parts();
        println!(
            "csv import 5,000 rows, {name} ({:.1} MB): {:.1} ms, {} listings",
            text.len() as f64 / 1e6,
            t.elapsed().as_secs_f64() * 1000.0,
            rows.len()
        );
    }
    // National-scale files for the CLI figures (`cargo xtask bench` runs the release binary on
    // them): n offers and n seeks, the 10k set being the one the library figure below uses.
    for (n, seed) in [(10_000, 7), (50_000, 8)] {
        let mut listings = generate(2 * n, seed);
        for (i, l) in listings.iter_mut().enumerate() {
            l.kind = if i % 2 == 0 {
                ListingKind::Offer
            } else {
                ListingKind::Seek
            };
        }
        let _ = std::fs::write(dir.join(format!("national-{n}.json")), to_json(&listings));
    }
    let mut pairs = generate(20_000, 7);
    for (i, l) in pairs.iter_mut().enumerate() {
        l.kind = if i % 2 == 0 {
            ListingKind::Offer
        } else {
            ListingKind::Seek
        };
    }
    let index = Index::new(pairs);
    let opts = MatchOptions {
        today: Some("2025-06-01".into()),
        per_listing: Some(10),
        ..MatchOptions::default()
    };
    let (t, cpu) = (Instant::now(), cpu_ms());
    let m = index.all_matches(&opts);
    println!(
        "native all pairs 10k offers x 10k seeks (top 10 per seek, min score 0.3): {:.1} ms wall, {:.1} ms on CPU, {} matches",
        t.elapsed().as_secs_f64() * 1000.0,
        cpu_ms() - cpu,
        m.len()
    );
    let digest = m.iter().fold(0u64, |h, m| {
        h.wrapping_mul(31).wrapping_add(
            (m.score * 1e6) as u64 ^ (m.offer_index as u64) << 20 ^ m.seek_index as u64,
        )
    });
    println!("native all pairs digest {digest:016x}");
    // Allocation along the all-pairs matches of a smaller set: each augmenting path is one
    // Dijkstra over the whole flow graph.
    let mut small = generate(4_000, 11);
    for (i, l) in small.iter_mut().enumerate() {
        l.kind = if i % 2 == 0 {
            ListingKind::Offer
        } else {
            ListingKind::Seek
        };
    }
    let small = Index::new(small);
    let found = small.all_matches(&opts);
    let (t, cpu) = (Instant::now(), cpu_ms());
    let a = allocate(&small, &found);
    println!(
        "native allocation 2k offers x 2k seeks ({} matches): {:.1} ms wall, {:.1} ms on CPU, {} flows",
        found.len(),
        t.elapsed().as_secs_f64() * 1000.0,
        cpu_ms() - cpu,
        a.flows.len()
    );
}
