//! What the integration tests share: fixture paths, the CLI run in-process, and one golden-file
//! rule (`UPDATE_GOLDEN=1 cargo test -p kiertokit-tests` rewrites, then review the diff).
// Each test binary includes this module and uses a part of it.
#![allow(dead_code)]

use serde_json::Value;
use std::path::PathBuf;

/// `tests/fixtures/<rel>`.
pub fn fixture(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(rel)
}

/// `tests/fixtures/<rel>` as a command-line argument.
pub fn fixture_arg(rel: &str) -> String {
    fixture(rel).display().to_string()
}

/// The fixture's text; a missing fixture fails the test instead of reading as empty.
pub fn read(rel: &str) -> String {
    let path = fixture(rel);
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("missing fixture {}: {e}", path.display()))
}

/// Runs the CLI in-process: (exit code, stdout, stderr).
pub fn cli(args: &[&str]) -> (i32, String, String) {
    let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = kiertokit_cli::run(&args, &mut out, &mut err);
    (
        code,
        String::from_utf8_lossy(&out).into_owned(),
        String::from_utf8_lossy(&err).into_owned(),
    )
}

/// Whether this run rewrites golden files (`UPDATE_GOLDEN=1`).
pub fn updating() -> bool {
    std::env::var_os("UPDATE_GOLDEN").is_some()
}

/// Compares `actual` with the golden text file `rel`, or rewrites it under `UPDATE_GOLDEN`.
pub fn golden_text(rel: &str, actual: &str) {
    let path = fixture(rel);
    if updating() {
        std::fs::write(&path, actual)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "missing golden {} ({e}); run with UPDATE_GOLDEN=1",
            path.display()
        )
    });
    assert_eq!(
        actual,
        expected,
        "output differs from {}; rerun with UPDATE_GOLDEN=1 if intended",
        path.display()
    );
}

/// Compares `actual` with the golden JSON file `rel` as values (key order and spacing aside),
/// or rewrites it pretty-printed under `UPDATE_GOLDEN`.
pub fn golden_json(rel: &str, actual: &Value) {
    let path = fixture(rel);
    if updating() {
        let text = serde_json::to_string_pretty(actual).expect("serialisable") + "\n";
        std::fs::write(&path, text)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
        return;
    }
    let expected: Value = serde_json::from_str(&read(rel))
        .unwrap_or_else(|e| panic!("golden {} is not JSON: {e}", path.display()));
    assert_eq!(
        actual,
        &expected,
        "output differs from {}; rerun with UPDATE_GOLDEN=1 if intended",
        path.display()
    );
}
