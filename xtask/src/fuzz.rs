//! `cargo xtask fuzz [--seconds N] [--sanitizer address|none] [--seed] [TARGET...]`.
//!
//! Runs the cargo-fuzz targets in `fuzz/` (entries in `tests/src/fuzz.rs`) on the stable
//! toolchain: `RUSTC_BOOTSTRAP=1` lets stable rustc take cargo-fuzz's `-Z` flags. A crash, hang
//! or out-of-memory input is copied to `tests/fixtures/fuzz-regressions/<target>/`, where the
//! native test `fuzz_regressions` replays it on every `cargo test`.

use crate::root;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Fixtures each target's committed seed corpus (`fuzz/corpus/<target>/`) is copied from by
/// `--seed`; hand-written seeds (share links, EWC codes, dates) live there beside them.
const SEEDS: &[(&str, &[&str])] = &[
    (
        "listings",
        &[
            "tests/fixtures/matching/listings.json",
            "tests/fixtures/matching/partner.csv",
        ],
    ),
    (
        "csv",
        &[
            "tests/fixtures/matching/partner.csv",
            "tests/fixtures/scoring/reilu-2021-reviews.csv",
        ],
    ),
    (
        "reviews",
        &["tests/fixtures/scoring/reilu-2021-reviews.csv"],
    ),
    (
        "applications",
        &["tests/fixtures/scoring/reilu-2021-applications.json"],
    ),
    (
        "programme",
        &[
            "core/data/programmes/hankinta-akatemia-2023.json",
            "core/data/programmes/reilu-kiertotalous-2021.json",
        ],
    ),
    (
        "questionnaire",
        &[
            "core/data/questionnaire.json",
            "tests/fixtures/assessment/questionnaire-invalid.json",
        ],
    ),
    (
        "answers",
        &[
            "tests/fixtures/assessment/answers-complete.json",
            "tests/fixtures/assessment/answers-partial.json",
            "tests/fixtures/assessment/storage-corrupted.txt",
        ],
    ),
    (
        "impact",
        &[
            "tests/fixtures/impact/exchange-wood.input.json",
            "tests/fixtures/impact/exchange-soil.input.json",
            "tests/fixtures/impact/exchange-textiles-unknown.input.json",
            "tests/fixtures/impact/mci-product.input.json",
            "tests/fixtures/impact/cti.input.json",
        ],
    ),
    ("factors", &["core/data/factors.json"]),
    ("workspace", &["tests/fixtures/workspace/workshop.json"]),
];

/// Seconds a single input may take before libFuzzer reports it as a hang.
const HANG_SECONDS: u32 = 10;
/// Memory a run may use before libFuzzer reports the input as out-of-memory.
const RSS_LIMIT_MB: u32 = 2048;

pub fn run(args: &[String]) -> Result<(), String> {
    let mut seconds = 60u32;
    let mut sanitizer = "address".to_owned();
    let mut seed_only = false;
    let mut wanted = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--seconds" => {
                let v = it.next().ok_or("--seconds needs a number")?;
                // libFuzzer reads 0 as "no limit", so 0 is refused like any non-number.
                seconds = v
                    .parse()
                    .ok()
                    .filter(|&s| s > 0)
                    .ok_or_else(|| format!("invalid --seconds `{v}`"))?;
            }
            "--sanitizer" => sanitizer = it.next().ok_or("--sanitizer needs a value")?.clone(),
            "--seed" => seed_only = true,
            s if s.starts_with('-') => return Err(format!("unknown option `{s}`")),
            t => wanted.push(t.to_owned()),
        }
    }
    if seed_only {
        return seed();
    }
    ensure_cargo_fuzz()?;
    let all = targets()?;
    if let Some(bad) = wanted.iter().find(|t| !all.contains(*t)) {
        return Err(format!(
            "unknown fuzz target `{bad}` (have: {})",
            all.join(", ")
        ));
    }
    let targets = if wanted.is_empty() { all } else { wanted };

    // One build for all targets, so each target's N seconds are spent fuzzing.
    crate::run(cargo_fuzz().args(["build", "--sanitizer", &sanitizer]))?;
    let mut failed = Vec::new();
    for t in &targets {
        println!("\n==> fuzz {t} for {seconds} s");
        if let Some(copied) = fuzz_one(t, seconds, &sanitizer)? {
            println!("fuzz {t}: FAILED, input saved as {}", copied.display());
            failed.push(t.clone());
        }
    }
    if failed.is_empty() {
        println!(
            "\nfuzz: {} targets, {seconds} s each, no crash",
            targets.len()
        );
        Ok(())
    } else {
        Err(format!(
            "fuzz targets failed: {} (inputs in tests/fixtures/fuzz-regressions/)",
            failed.join(", ")
        ))
    }
}

/// Runs one target; on a crash returns where its input was copied.
fn fuzz_one(target: &str, seconds: u32, sanitizer: &str) -> Result<Option<PathBuf>, String> {
    let fuzz = root().join("fuzz");
    // New inputs go to the ignored working corpus; the committed seeds are only read.
    let work = fuzz.join("corpus-full").join(target);
    let seeds = fuzz.join("corpus").join(target);
    let artifacts = fuzz.join("artifacts").join(target);
    for d in [&work, &seeds, &artifacts] {
        std::fs::create_dir_all(d).map_err(|e| format!("{}: {e}", d.display()))?;
    }
    let before = files(&artifacts);
    let mut cmd = cargo_fuzz();
    cmd.args(["run", "--sanitizer", sanitizer, target])
        .arg(&work)
        .arg(&seeds)
        .arg("--")
        .arg(format!("-max_total_time={seconds}"))
        .arg(format!("-timeout={HANG_SECONDS}"))
        .arg(format!("-rss_limit_mb={RSS_LIMIT_MB}"));
    // Tokens the mutator would rarely build byte by byte (field names, extreme numbers).
    let dict = fuzz.join("dicts").join(format!("{target}.dict"));
    if dict.is_file() {
        cmd.arg(format!("-dict={}", dict.display()));
    }
    let status = cmd
        .status()
        .map_err(|e| format!("cannot start cargo fuzz: {e}"))?;
    let found: Vec<PathBuf> = files(&artifacts).difference(&before).cloned().collect();
    if status.success() && found.is_empty() {
        return Ok(None);
    }
    let Some(input) = found.first() else {
        return Err(format!(
            "cargo fuzz run {target} failed ({status}) without an input"
        ));
    };
    let dir = root().join("tests/fixtures/fuzz-regressions").join(target);
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let name = input.file_name().map(PathBuf::from).unwrap_or_default();
    let dest = dir.join(name);
    std::fs::copy(input, &dest).map_err(|e| format!("{}: {e}", dest.display()))?;
    Ok(Some(dest))
}

fn files(dir: &Path) -> BTreeSet<PathBuf> {
    std::fs::read_dir(dir)
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default()
}

/// `cargo fuzz` in `fuzz/` with what it needs on a stable toolchain.
fn cargo_fuzz() -> Command {
    let mut cmd = Command::new("cargo");
    cmd.arg("fuzz")
        .current_dir(root().join("fuzz"))
        // cargo-fuzz passes `-Zsanitizer` and other nightly flags; stable rustc takes them so.
        .env("RUSTC_BOOTSTRAP", "1");
    cmd
}

fn ensure_cargo_fuzz() -> Result<(), String> {
    let have = Command::new("cargo")
        .args(["fuzz", "--version"])
        .output()
        .is_ok_and(|o| o.status.success());
    if have {
        return Ok(());
    }
    println!("cargo-fuzz is missing: installing it (a few minutes)");
    crate::run(Command::new("cargo").args(["install", "cargo-fuzz", "--locked"]))
}

/// The targets `fuzz/Cargo.toml` declares, from `cargo fuzz list`.
fn targets() -> Result<Vec<String>, String> {
    let out = cargo_fuzz()
        .arg("list")
        .output()
        .map_err(|e| format!("cannot start cargo fuzz list: {e}"))?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).into_owned());
    }
    Ok(String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect())
}

/// Copies the fixtures in [`SEEDS`] into the committed seed corpus.
fn seed() -> Result<(), String> {
    let root = root();
    for (target, sources) in SEEDS {
        let dir = root.join("fuzz/corpus").join(target);
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        for src in *sources {
            let from = root.join(src);
            let name = Path::new(src).file_name().unwrap_or_default();
            std::fs::copy(&from, dir.join(name)).map_err(|e| format!("{src}: {e}"))?;
        }
        println!(
            "fuzz/corpus/{target}: {} seed(s) from fixtures",
            sources.len()
        );
    }
    Ok(())
}
