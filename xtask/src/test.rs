//! `cargo xtask test`: every check the project has, ending with `N passed, N failed`.

use crate::build;
use crate::root;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Command, Stdio};

#[derive(Default)]
struct Tally {
    passed: usize,
    failed: usize,
    failures: Vec<String>,
    steps: Vec<String>,
}

impl Tally {
    fn record(&mut self, step: &str, ok: bool, passed: usize, failed: usize) {
        // A step without countable tests (fmt, clippy) counts as one check.
        let (p, f) = if passed + failed == 0 {
            (usize::from(ok), usize::from(!ok))
        } else {
            (passed, failed)
        };
        let f = if ok { f } else { f.max(1) };
        self.passed += p;
        self.failed += f;
        self.steps
            .push(format!("{step} {}", if ok { "ok" } else { "FAILED" }));
        if !ok {
            self.failures.push(step.to_owned());
        }
    }
}

/// Runs `cmd`, echoing its output, and returns (success, tests passed, tests failed).
fn run_counted(cmd: &mut Command) -> (bool, usize, usize) {
    println!("\n==> {cmd:?}");
    let child = cmd.current_dir(root()).stdout(Stdio::piped()).spawn();
    let Ok(mut child) = child else {
        println!("cannot start {cmd:?}");
        return (false, 0, 0);
    };
    let (mut passed, mut failed) = (0, 0);
    if let Some(out) = child.stdout.take() {
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            println!("{line}");
            let (p, f) = parse_counts(&line);
            passed += p;
            failed += f;
        }
    }
    let ok = child.wait().map(|s| s.success()).unwrap_or(false);
    (ok, passed, failed)
}

/// Reads libtest's `test result: ok. 3 passed; 0 failed;` and node's TAP `# pass 3` / `# fail 0`.
fn parse_counts(line: &str) -> (usize, usize) {
    let number_before = |word: &str| -> usize {
        line.split(';')
            .find_map(|part| {
                part.trim()
                    .strip_suffix(word)
                    .and_then(|n| n.trim().rsplit(' ').next()?.parse().ok())
            })
            .unwrap_or(0)
    };
    if line.starts_with("test result:") {
        return (number_before(" passed"), number_before(" failed"));
    }
    let tap = |prefix: &str| {
        line.strip_prefix(prefix)
            .and_then(|n| n.trim().parse().ok())
            .unwrap_or(0)
    };
    (tap("# pass "), tap("# fail "))
}

/// Names of `widgets/tests/*.rs`, the wasm-bindgen-test files.
fn widget_test_files() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root().join("widgets").join("tests"))
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            e.path()
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
        })
        .collect();
    names.sort();
    names
}

fn chromium() -> Option<PathBuf> {
    let candidates = [
        std::env::var("KT_CHROMIUM").unwrap_or_default(),
        "/usr/bin/chromium".into(),
    ];
    candidates
        .into_iter()
        .filter(|c| !c.is_empty())
        .map(PathBuf::from)
        .find(|p| p.exists())
}

/// Installs cargo-deny once (a few minutes of compiling on a fresh machine) unless present.
fn ensure_cargo_deny() -> bool {
    let present = cargo()
        .args(["deny", "--version"])
        .output()
        .is_ok_and(|o| o.status.success());
    present || crate::run(cargo().args(["install", "cargo-deny", "--locked"])).is_ok()
}

fn cargo() -> Command {
    let mut c = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    // A test run builds ~15 configurations; incremental caches for each would fill small disks.
    if std::env::var_os("CARGO_INCREMENTAL").is_none() {
        c.env("CARGO_INCREMENTAL", "0");
    }
    c
}

pub fn run() -> Result<(), String> {
    let mut tally = Tally::default();
    let wasm = "wasm32-unknown-unknown";
    let steps: Vec<(&str, Command)> = vec![
        ("fmt", {
            let mut c = cargo();
            c.args(["fmt", "--all", "--check"]);
            c
        }),
        ("clippy (native)", {
            let mut c = cargo();
            c.args([
                "clippy",
                "--workspace",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ]);
            c
        }),
        ("clippy (wasm32 core)", {
            let mut c = cargo();
            c.args([
                "clippy",
                "-p",
                "kiertokit",
                "--lib",
                "--target",
                wasm,
                "--",
                "-D",
                "warnings",
            ]);
            c
        }),
        ("clippy (wasm32 widgets)", {
            let mut c = cargo();
            c.args([
                "clippy",
                "-p",
                "kiertokit-widgets",
                "--all-targets",
                "--target",
                wasm,
                "--",
                "-D",
                "warnings",
            ]);
            c
        }),
        ("docs", {
            let mut c = cargo();
            c.args(["doc", "--no-deps", "-p", "kiertokit"])
                .env("RUSTDOCFLAGS", "-Dwarnings");
            c
        }),
        ("native tests", {
            let mut c = cargo();
            c.args(["test", "--workspace"]);
            c
        }),
    ];
    let mut steps: Vec<(String, Command)> =
        steps.into_iter().map(|(n, c)| (n.to_owned(), c)).collect();
    // Each widget alone, as its own module is built: no widget may lean on another's code.
    for feature in build::widget_features() {
        let mut c = cargo();
        c.args([
            "clippy",
            "-p",
            "kiertokit-widgets",
            "--lib",
            "--target",
            wasm,
        ])
        .args(["--no-default-features", "--features", feature])
        .args(["--", "-D", "warnings"]);
        steps.insert(4, (format!("clippy (wasm32 {feature} alone)"), c));
    }
    for (name, mut cmd) in steps {
        let (ok, p, f) = run_counted(&mut cmd);
        tally.record(&name, ok, p, f);
    }
    // Licences, bans and sources (deny.toml); advisories need the RustSec database, which
    // these machines cannot fetch, so they are left to a machine with network access.
    if ensure_cargo_deny() {
        // Its metadata needs every platform's crates (windows-sys, …), which builds here never
        // download; without them a fresh machine fails the check.
        if crate::run(cargo().arg("fetch")).is_err() {
            println!("xtask: cargo fetch failed; cargo deny needs every crate of Cargo.lock");
        }
        let (ok, p, f) = run_counted(cargo().args([
            "deny",
            "--offline",
            "check",
            "licenses",
            "bans",
            "sources",
        ]));
        tally.record("cargo deny (licences, bans, sources)", ok, p, f);
    } else {
        tally.record("cargo deny installed", false, 0, 0);
    }

    let in_ci = std::env::var("CI").is_ok_and(|v| v == "true" || v == "1");
    match chromium() {
        None => {
            println!("\nChromium not found: the wasm and browser tests need it.");
            println!(
                "Install it with: sudo apt-get install -y chromium chromium-driver   (or set KT_CHROMIUM)"
            );
            if in_ci {
                tally.record("chromium present", false, 0, 0);
            } else {
                tally
                    .steps
                    .push("browser tests SKIPPED (no Chromium)".into());
            }
        }
        Some(chrome) => browser_tests(&mut tally, &chrome),
    }

    println!("\n{}", tally.steps.join(" · "));
    if !tally.failures.is_empty() {
        println!("failed: {}", tally.failures.join(", "));
    }
    println!("{} passed, {} failed", tally.passed, tally.failed);
    if tally.failed == 0 {
        Ok(())
    } else {
        Err("some checks failed".into())
    }
}

fn browser_tests(tally: &mut Tally, chrome: &std::path::Path) {
    match build::ensure_wasm_bindgen() {
        Ok(_) => {
            let mut c = cargo();
            c.args([
                "test",
                "-p",
                "kiertokit-widgets",
                "--target",
                "wasm32-unknown-unknown",
            ]);
            // Only the browser test files: the lib's plain #[test]s run natively.
            for name in widget_test_files() {
                c.args(["--test", &name]);
            }
            let driver =
                std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
            c.env(
                "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
                "wasm-bindgen-test-runner",
            )
            .env("CHROMEDRIVER", driver);
            let (ok, p, f) = run_counted(&mut c);
            tally.record("wasm tests (Chromium)", ok, p, f);
        }
        Err(e) => {
            println!("{e}");
            tally.record("wasm tests (Chromium)", false, 0, 0);
        }
    }
    let dist = match build::build() {
        Ok(dist) => dist,
        Err(e) => {
            println!("build failed: {e}");
            tally.record("dist build", false, 0, 0);
            return;
        }
    };
    tally.record("dist build", true, 0, 0);
    // dist/ doubles as the npm package partners can install.
    let (ok, _, _) = run_counted(Command::new("npm").args(["pack", "--dry-run", "dist"]));
    tally.record("npm pack dist/", ok, 0, 0);
    if build::wasm_opt().is_none() {
        tally.record("e2e npm packages", false, 0, 0);
        return;
    }
    let base = match crate::serve::serve_background(dist) {
        Ok(url) => url,
        Err(e) => {
            println!("cannot serve dist/: {e}");
            tally.record("e2e server", false, 0, 0);
            return;
        }
    };
    let mut c = Command::new("node");
    c.args([
        "--test",
        "--test-reporter=tap",
        "--test-concurrency=1",
        "tests/e2e/",
    ])
    .env("KT_BASE_URL", &base)
    .env("KT_CHROMIUM", chrome);
    let (ok, p, f) = run_counted(&mut c);
    tally.record("e2e + axe (Chromium)", ok, p, f);
}

#[cfg(test)]
mod tests {
    use super::parse_counts;

    #[test]
    fn libtest_and_tap_summaries_are_counted() {
        assert_eq!(
            parse_counts("test result: ok. 12 passed; 0 failed; 1 ignored; 0 measured"),
            (12, 0)
        );
        assert_eq!(
            parse_counts("test result: FAILED. 3 passed; 2 failed; 0 ignored"),
            (3, 2)
        );
        assert_eq!(parse_counts("# pass 7"), (7, 0));
        assert_eq!(parse_counts("# fail 1"), (0, 1));
        assert_eq!(parse_counts("ok 1 - something"), (0, 0));
    }
}
