//! `cargo xtask bench`: the search and matching benchmark (figures only, nothing asserted).
//!
//! 1. Native (release): the ignored `bench_native` test in `tests/tests/bench.rs` generates
//!    seeded listings (1k, 10k, 100k), writes them to `target/bench/listings-<n>.json`, and
//!    prints index build, query p50/p95 and all-pairs matching of 10k offers × 10k seeks.
//! 2. Node: `tests/bench/bench.mjs` runs our wasm search (dist/) and the JS peers in one
//!    process on those files and the labelled queries.
//! 3. `tests/bench/first-results.mjs`: the finder in headless Chromium, from the wasm being
//!    fetched to the first results rendered, with 1,000 listings.

use crate::root;
use std::process::Command;

fn cargo() -> Command {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
}

pub fn run() -> Result<(), String> {
    crate::run(cargo().args([
        "test",
        "--release",
        "-p",
        "kiertokit-tests",
        "--test",
        "bench",
        "--",
        "--ignored",
        "--nocapture",
    ]))?;
    // dist/ must carry the SearchIndex export; an older build lacks it.
    let glue =
        std::fs::read_to_string(crate::build::dist().join("kiertokit.js")).unwrap_or_default();
    if !glue.contains("SearchIndex") {
        crate::build::build()?;
    }
    let bench = root().join("tests").join("bench");
    if !bench.join("node_modules").is_dir() {
        // `run` works in the workspace root, hence --prefix.
        crate::run(
            Command::new("npm")
                .args(["ci", "--no-audit", "--no-fund", "--prefix"])
                .arg(&bench),
        )?;
    }
    crate::run(
        Command::new("node")
            .arg("--expose-gc")
            .arg(bench.join("bench.mjs"))
            .arg(root()),
    )?;
    // 3. The finder in headless Chromium: wasm fetched → first results, 1,000 listings.
    crate::build::wasm_opt(); // installs the e2e packages (playwright-core) when missing
    let base = crate::serve::serve_background(crate::build::dist())?;
    crate::run(
        Command::new("node")
            .arg(bench.join("first-results.mjs"))
            .arg(&base)
            .arg(
                root()
                    .join("target")
                    .join("bench")
                    .join("listings-1000.json"),
            ),
    )
}
