//! `cargo xtask bench`: the search and matching benchmark (figures only, nothing asserted).
//!
//! 1. Native (release): the ignored `bench_native` test in `tests/tests/bench.rs` generates
//!    seeded listings (1k, 10k, 100k), writes them to `target/bench/listings-<n>.json`, and
//!    prints index build, query p50/p95 and all-pairs matching of 10k offers × 10k seeks.
//!    Then the release CLI as a user runs it (`match` and `allocate` on n offers × n seeks,
//!    wall time and peak RSS from `/usr/bin/time -v`).
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
    cli_national()?;
    // dist/ must carry the SearchIndex export; an older build lacks it.
    let glue = std::fs::read_to_string(
        crate::build::dist()
            .join(crate::build::versioned())
            .join("kiertokit.js"),
    )
    .unwrap_or_default();
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
            .arg(format!("{}/loader.js", crate::build::versioned()))
            .arg(
                root()
                    .join("target")
                    .join("bench")
                    .join("listings-1000.json"),
            ),
    )
}

/// `kiertokit match` and `allocate` on the national-scale files, through the release binary as
/// a user runs it: wall time and peak RSS from `/usr/bin/time -v`, output to /dev/null.
fn cli_national() -> Result<(), String> {
    let time = std::path::Path::new("/usr/bin/time");
    if !time.exists() {
        println!(
            "cli: /usr/bin/time not found (Debian package `time`): national CLI figures skipped"
        );
        return Ok(());
    }
    crate::run(cargo().args(["build", "--release", "-q", "-p", "kiertokit-cli"]))?;
    let bin = root().join("target/release/kiertokit");
    for n in [10_000, 50_000] {
        let file = root().join(format!("target/bench/national-{n}.json"));
        for (command, extra) in [("match", &["--format", "jsonl"][..]), ("allocate", &[][..])] {
            // `timeout` keeps a slow allocation from holding the run; time -v still sees it.
            let out = Command::new(time)
                .arg("-v")
                .args(["timeout", "600"])
                .arg(&bin)
                .args([command, "--listings"])
                .arg(&file)
                .args(["--today", "2025-06-01", "--diagnostics", "json"])
                .args(extra)
                .stdout(std::process::Stdio::null())
                .output()
                .map_err(|e| format!("cannot run {}: {e}", bin.display()))?;
            let report = String::from_utf8_lossy(&out.stderr);
            let field = |name: &str| {
                report
                    .lines()
                    .find_map(|l| l.trim().strip_prefix(name))
                    .map(|v| v.trim().to_owned())
                    .unwrap_or_else(|| "?".into())
            };
            let rss_mb = field("Maximum resident set size (kbytes):")
                .parse::<f64>()
                .map_or_else(|_| "?".into(), |kb| format!("{:.0} MB", kb / 1024.0));
            let status = if out.status.success() {
                String::new()
            } else {
                format!(" (exit {:?}: stopped or failed)", out.status.code())
            };
            println!(
                "cli {command} {n} offers x {n} seeks (top 10 per seek): wall {}, user {} s, peak RSS {rss_mb}{status}",
                field("Elapsed (wall clock) time (h:mm:ss or m:ss):"),
                field("User time (seconds):"),
            );
        }
    }
    Ok(())
}
