//! Replays every committed fuzz input — the seed corpus `fuzz/corpus/<target>/` and the crash
//! inputs `tests/fixtures/fuzz-regressions/<target>/` — through the same entries the fuzzer
//! runs (`kiertokit_tests::fuzz`), so a fixed crash stays fixed without libFuzzer.

use kiertokit_tests::fuzz::{TARGETS, entry};
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// `(target, file)` for every file in the per-target folders under `dir`.
fn inputs(dir: &Path) -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    let Ok(targets) = std::fs::read_dir(dir) else {
        return out;
    };
    for t in targets.filter_map(Result::ok) {
        let name = t.file_name().to_string_lossy().into_owned();
        let files = std::fs::read_dir(t.path()).into_iter().flatten();
        for f in files
            .filter_map(Result::ok)
            .filter(|f| f.file_name() != "README.md")
        {
            out.push((name.clone(), f.path()));
        }
    }
    out.sort();
    out
}

fn replay(dir: &Path) -> usize {
    let all = inputs(dir);
    let mut failures = Vec::new();
    for (target, file) in &all {
        let Some(run) = entry(target) else {
            failures.push(format!(
                "{}: no fuzz entry named `{target}`",
                file.display()
            ));
            continue;
        };
        let data = std::fs::read(file).expect("readable input");
        if let Err(panic) = std::panic::catch_unwind(|| run(&data)) {
            let msg = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_default();
            failures.push(format!("{target} {}: {msg}", file.display()));
        }
    }
    assert!(
        failures.is_empty(),
        "fuzz inputs fail:\n{}",
        failures.join("\n")
    );
    all.len()
}

#[test]
fn seed_corpus_passes_every_invariant() {
    let n = replay(&repo().join("fuzz/corpus"));
    assert!(n >= TARGETS.len(), "only {n} seed inputs");
}

#[test]
fn crash_inputs_found_by_the_fuzzer_stay_fixed() {
    replay(&repo().join("tests/fixtures/fuzz-regressions"));
}

#[test]
fn every_fuzz_target_has_an_entry_and_seeds() {
    let targets = std::fs::read_dir(repo().join("fuzz/fuzz_targets")).expect("fuzz/fuzz_targets");
    let mut names: Vec<String> = targets
        .filter_map(Result::ok)
        .filter_map(|f| {
            let name = f.file_name().to_string_lossy().into_owned();
            name.strip_suffix(".rs").map(str::to_owned)
        })
        .collect();
    names.sort();
    let mut table: Vec<String> = TARGETS.iter().map(|(n, _)| (*n).to_owned()).collect();
    table.sort();
    assert_eq!(
        names, table,
        "fuzz/fuzz_targets/*.rs and fuzz::TARGETS differ"
    );
    for name in &names {
        let seeds = std::fs::read_dir(repo().join("fuzz/corpus").join(name));
        assert!(
            seeds.is_ok_and(|mut d| d.next().is_some()),
            "fuzz/corpus/{name} has no seed"
        );
    }
}
