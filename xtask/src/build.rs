//! Builds `dist/`: the wasm module for every widget and a finder-only one, their JS glue, loader,
//! CSS, demo pages, laid out as an npm package.

use crate::{root, run};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

const TARGET: &str = "wasm32-unknown-unknown";
const PROFILE: &str = "wasm-release";

/// A wasm module `dist/` ships: its file stem, the `kiertokit-widgets` features it exports, and
/// whether wasm-opt runs its slower, ~1 % smaller pipeline (for the size-budgeted finder module).
struct Module {
    name: &'static str,
    features: Option<&'static str>,
    thorough: bool,
}

/// The full module, and the finder alone: a finder-only page downloads far less (loader.js picks).
const MODULES: [Module; 2] = [
    Module {
        name: "kiertokit",
        features: None,
        thorough: false,
    },
    Module {
        name: "kiertokit-finder",
        features: Some("finder"),
        thorough: true,
    },
];

/// Files a page downloads for a widget from `module` (the size budget covers these).
pub fn page_files(module: &str) -> [String; 4] {
    [
        "loader.js".into(),
        format!("{module}.js"),
        format!("{module}_bg.wasm"),
        "kiertokit.css".into(),
    ]
}

pub fn dist() -> PathBuf {
    root().join("dist")
}

pub fn build() -> Result<PathBuf, String> {
    ensure_wasm_target()?;
    let bindgen = ensure_wasm_bindgen()?;
    // Built beside dist/ and swapped in, so a server running on dist/ never sees it half-written.
    let out = root().join("target").join("dist-staging");
    let _ = fs::remove_dir_all(&out);
    fs::create_dir_all(&out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    for module in &MODULES {
        build_module(module, &bindgen, &out)?;
    }
    write_static_files(&out)?;
    let lines = [
        size_line(&out, "kiertokit-finder")?,
        size_line(&out, "kiertokit")?,
    ];
    let final_dir = dist();
    let _ = fs::remove_dir_all(&final_dir);
    fs::rename(&out, &final_dir).map_err(|e| format!("cannot move the build to dist/: {e}"))?;
    for line in lines {
        println!("{line}");
    }
    Ok(final_dir)
}

fn build_module(module: &Module, bindgen: &Path, out: &Path) -> Result<(), String> {
    let mut cargo = Command::new(cargo());
    cargo
        .args([
            "rustc",
            "-p",
            "kiertokit-widgets",
            "--lib",
            "--profile",
            PROFILE,
        ])
        .args(["--target", TARGET, "--crate-type", "cdylib"]);
    if let Some(features) = module.features {
        cargo.args(["--no-default-features", "--features", features]);
    }
    run(&mut cargo)?;
    let wasm = root()
        .join("target")
        .join(TARGET)
        .join(PROFILE)
        .join("kiertokit_widgets.wasm");
    run(Command::new(bindgen)
        .args(["--target", "web", "--out-name", module.name, "--out-dir"])
        .arg(out)
        .arg(&wasm))?;
    optimise(
        &out.join(format!("{}_bg.wasm", module.name)),
        module.thorough,
    )?;
    let _ = fs::remove_file(out.join(format!("{}_bg.wasm.d.ts", module.name)));
    Ok(())
}

fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())
}

fn ensure_wasm_target() -> Result<(), String> {
    let installed = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).contains(TARGET))
        .unwrap_or(false);
    if !installed {
        println!("xtask: adding the {TARGET} target");
        run(Command::new("rustup").args(["target", "add", TARGET]))?;
    }
    Ok(())
}

/// The `wasm-bindgen` version pinned in Cargo.lock; the CLI must match it exactly.
pub fn locked_wasm_bindgen_version() -> Result<String, String> {
    let lock = fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\""
            && let Some(v) = lines.next().and_then(|l| l.strip_prefix("version = \""))
        {
            return Ok(v.trim_end_matches('"').to_owned());
        }
    }
    Err("wasm-bindgen not found in Cargo.lock".into())
}

/// Installs `wasm-bindgen-cli` at the locked version unless that exact version is on PATH.
pub fn ensure_wasm_bindgen() -> Result<PathBuf, String> {
    let version = locked_wasm_bindgen_version()?;
    let current = Command::new("wasm-bindgen")
        .arg("--version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default();
    if current != format!("wasm-bindgen {version}") {
        println!(
            "xtask: installing wasm-bindgen-cli {version} (found: {current:?}); takes ~3 minutes once"
        );
        // Without --locked: the CLI's own lockfile pins a crate version the registry no longer serves.
        run(Command::new(cargo()).args(["install", "wasm-bindgen-cli", "--version", &version]))?;
    }
    Ok(PathBuf::from("wasm-bindgen"))
}

/// Path of npm `binaryen`'s wasm-opt, installing the e2e node packages when missing.
pub fn wasm_opt() -> Option<PathBuf> {
    let e2e = root().join("tests").join("e2e");
    let bin = e2e.join("node_modules").join(".bin").join("wasm-opt");
    if !bin.exists() {
        println!(
            "xtask: installing npm packages in tests/e2e (binaryen, playwright-core, axe-core)"
        );
        // `run` works in the workspace root, hence --prefix (npm ci there finds no lockfile).
        if run(Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--prefix"])
            .arg(&e2e))
        .is_err()
        {
            return None;
        }
    }
    bin.exists().then_some(bin)
}

// Never Debian's wasm-opt 108: its output breaks wasm-bindgen's externref table in Chromium.
fn optimise(wasm: &Path, thorough: bool) -> Result<(), String> {
    // Without wasm-opt the product differs from what CI tests (about 50 KB brotli larger).
    let Some(wasm_opt) = wasm_opt() else {
        return Err(
            "npm binaryen (wasm-opt) could not be installed in tests/e2e: \
                    `npm ci --prefix tests/e2e` needs Node.js and npm"
                .into(),
        );
    };
    let optimised = wasm.with_extension("opt.wasm");
    // flatten + rereloop, then -Oz twice: 1 % smaller than -Oz alone, in ~1.7× the time.
    let passes: &[&str] = if thorough {
        &["--flatten", "--rereloop", "-Oz", "-Oz"]
    } else {
        &["-Oz"]
    };
    run(Command::new(wasm_opt)
        .arg(wasm)
        .args(passes)
        .args(["--strip-debug", "--strip-producers"])
        .args([
            "--enable-bulk-memory",
            "--enable-nontrapping-float-to-int",
            "--enable-sign-ext",
        ])
        .args([
            "--enable-mutable-globals",
            "--enable-reference-types",
            "--enable-multivalue",
        ])
        .arg("-o")
        .arg(&optimised))?;
    fs::rename(&optimised, wasm).map_err(|e| format!("cannot replace wasm: {e}"))
}

fn copy(from: &Path, to: &Path) -> Result<(), String> {
    fs::copy(from, to)
        .map(|_| ())
        .map_err(|e| format!("cannot copy {} to {}: {e}", from.display(), to.display()))
}

fn write_static_files(out: &Path) -> Result<(), String> {
    let root = root();
    let loader =
        fs::read_to_string(root.join("widgets/js/loader.js")).map_err(|e| e.to_string())?;
    fs::write(out.join("loader.js"), strip_js_comments(&loader)).map_err(|e| e.to_string())?;
    copy(&root.join("widgets/js/index.d.ts"), &out.join("index.d.ts"))?;
    copy(&root.join("widgets/js/README.md"), &out.join("README.md"))?;
    let mut css =
        fs::read_to_string(root.join("widgets/src/base.css")).map_err(|e| e.to_string())?;
    for widget_css in widget_stylesheets(&root.join("widgets/src"))? {
        css.push('\n');
        css.push_str(&fs::read_to_string(&widget_css).map_err(|e| e.to_string())?);
    }
    fs::write(out.join("kiertokit.css"), minify_css(&css)).map_err(|e| e.to_string())?;
    for entry in fs::read_dir(root.join("demo")).map_err(|e| e.to_string())? {
        let path = entry.map_err(|e| e.to_string())?.path();
        if let Some(name) = path.file_name()
            && path.is_file()
        {
            copy(&path, &out.join(name))?;
        }
    }
    let sample = root.join("core/data/sample-listings.json");
    copy(&sample, &out.join("listings.json"))?;
    copy(&sample, &out.join("sample-listings.json"))?;
    for kind in ["experts", "funding", "companies"] {
        let from = root.join(format!("core/data/directory/{kind}.json"));
        copy(&from, &out.join(format!("sample-{kind}.json")))?;
    }
    let version = env!("CARGO_PKG_VERSION");
    let package = format!(
        r#"{{
  "name": "kiertokit",
  "version": "{version}",
  "description": "Embeddable circular-economy widgets for Finland: material-exchange finder, self-assessment, impact and application tools (Rust + WebAssembly)",
  "license": "MIT OR Apache-2.0",
  "type": "module",
  "main": "kiertokit.js",
  "module": "kiertokit.js",
  "browser": "loader.js",
  "types": "index.d.ts",
  "files": ["loader.js", "kiertokit.js", "kiertokit.d.ts", "kiertokit_bg.wasm", "kiertokit-finder.js", "kiertokit-finder.d.ts", "kiertokit-finder_bg.wasm", "kiertokit.css", "sample-listings.json", "sample-experts.json", "sample-funding.json", "sample-companies.json", "index.d.ts", "README.md"],
  "sideEffects": ["loader.js"],
  "keywords": ["circular-economy", "kiertotalous", "materiaalitori", "webassembly", "widget"]
}}
"#
    );
    fs::write(out.join("package.json"), package).map_err(|e| e.to_string())
}

/// The loader without its `//` comment lines and indentation (the `/*! … */` licence stays);
/// the readable source is in widgets/js/.
fn strip_js_comments(js: &str) -> String {
    let mut out = String::with_capacity(js.len());
    for line in js.lines().map(str::trim) {
        if !line.is_empty() && !line.starts_with("//") {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// Drops comments and the whitespace CSS does not need; our stylesheets have no strings or
/// comments containing `{};` that this would break (the browser tests cover the result).
fn minify_css(css: &str) -> String {
    let mut text = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        text.push_str(&rest[..start]);
        rest = rest[start..]
            .find("*/")
            .map_or("", |end| &rest[start + end + 2..]);
    }
    text.push_str(rest);
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = String::with_capacity(collapsed.len());
    for c in collapsed.chars() {
        if matches!(c, '{' | '}' | ';') && out.ends_with(' ') {
            out.pop();
        }
        if c == ' ' && out.ends_with(['{', '}', ';']) {
            continue;
        }
        out.push(c);
    }
    out
}

/// `widgets/src/<widget>/<widget>.css`, in a stable order.
fn widget_stylesheets(src: &Path) -> Result<Vec<PathBuf>, String> {
    let mut found = Vec::new();
    for entry in fs::read_dir(src).map_err(|e| e.to_string())? {
        let dir = entry.map_err(|e| e.to_string())?.path();
        if dir.is_dir() {
            for file in fs::read_dir(&dir).map_err(|e| e.to_string())? {
                let path = file.map_err(|e| e.to_string())?.path();
                if path.extension().is_some_and(|e| e == "css") {
                    found.push(path);
                }
            }
        }
    }
    found.sort();
    Ok(found)
}

/// Raw, gzip and brotli bytes of everything a page downloads for a widget.
pub fn sizes(out: &Path, module: &str) -> Result<(usize, usize, usize), String> {
    let (mut raw, mut gz, mut br) = (0, 0, 0);
    for name in page_files(module) {
        let bytes = fs::read(out.join(&name)).map_err(|e| format!("{name}: {e}"))?;
        raw += bytes.len();
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        enc.write_all(&bytes).map_err(|e| e.to_string())?;
        gz += enc.finish().map_err(|e| e.to_string())?.len();
        let mut compressed = Vec::new();
        let params = brotli::enc::BrotliEncoderParams {
            quality: 11,
            lgwin: 22,
            ..Default::default()
        };
        brotli::BrotliCompress(&mut bytes.as_slice(), &mut compressed, &params)
            .map_err(|e| e.to_string())?;
        br += compressed.len();
    }
    Ok((raw, gz, br))
}

pub fn size_line(out: &Path, module: &str) -> Result<String, String> {
    let (raw, gz, br) = sizes(out, module)?;
    let page = if module == "kiertokit" {
        "any widget"
    } else {
        "finder page"
    };
    Ok(format!(
        "size ({page}): {} = {raw} B raw, {gz} B gzip, {br} B brotli ({:.1} KB brotli)",
        page_files(module).join(" + "),
        br as f64 / 1024.0
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn css_keeps_rules_and_drops_comments_and_spaces() {
        let css = "/* a */\n.kt-a  .kt-b {\n  color: red;\n  margin: 0 1em;\n}\n@media (max-width: 40em) { .kt-c { content: \" (\" attr(href) \")\"; } }\n";
        assert_eq!(
            minify_css(css),
            ".kt-a .kt-b{color: red;margin: 0 1em;}@media (max-width: 40em){.kt-c{content: \" (\" attr(href) \")\";}}"
        );
    }

    #[test]
    fn js_keeps_code_and_the_licence_line() {
        let js =
            "/*! licence */\n(function () {\n  // why\n  var a = \"//not a comment\";\n\n})();\n";
        assert_eq!(
            strip_js_comments(js),
            "/*! licence */\n(function () {\nvar a = \"//not a comment\";\n})();\n"
        );
    }
}
