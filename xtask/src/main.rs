//! Project automation: `cargo xtask demo | build | test | serve | bench | fuzz`.
//!
//! Everything the README promises runs through here so a fresh machine with only Rust (plus
//! Node.js for the browser tests) needs no other setup.

mod bench;
mod build;
mod fuzz;
mod serve;
mod test;

use std::process::ExitCode;

const USAGE: &str = "\
cargo xtask <command>

  demo [--port N]   build the widgets into dist/ and serve the demo on http://127.0.0.1:N (8080)
  build             build dist/ only and print the size line
  serve [--port N]  serve an existing dist/
  test              every check: fmt, clippy (native + wasm32), tests, wasm tests in Chromium, e2e + axe
  bench             search and matching benchmark: native timings, then our wasm vs JS peers in Node
  fuzz [--seconds N] [--sanitizer address|none] [TARGET...]
                    run the cargo-fuzz targets in fuzz/ N s each (60); crash inputs go to
                    tests/fixtures/fuzz-regressions/; `fuzz --seed` refreshes fuzz/corpus/ from fixtures
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("demo") => {
            port(&args).and_then(|p| build::build().and_then(|_| serve::serve_forever(p)))
        }
        Some("build") => build::build().map(|_| ()),
        Some("serve") => port(&args).and_then(serve::serve_forever),
        Some("test") => test::run(),
        Some("bench") => bench::run(),
        Some("fuzz") => fuzz::run(&args[1..]),
        _ => {
            eprint!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

fn port(args: &[String]) -> Result<u16, String> {
    let env_port = std::env::var("KT_PORT").ok();
    let flag = args
        .windows(2)
        .find(|w| w[0] == "--port")
        .map(|w| w[1].clone());
    match flag.or(env_port) {
        Some(p) => p.parse().map_err(|_| format!("invalid port `{p}`")),
        None => Ok(8080),
    }
}

/// The workspace root (xtask lives one folder below it).
pub fn root() -> std::path::PathBuf {
    let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

/// Runs a command in the workspace root, failing with its name when it fails.
pub fn run(cmd: &mut std::process::Command) -> Result<(), String> {
    let shown = format!("{cmd:?}");
    let status = cmd
        .current_dir(root())
        .status()
        .map_err(|e| format!("cannot start {shown}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{shown} failed ({status})"))
    }
}
