//! Builds `dist/`: the wasm module for every widget and a finder-only one, their JS glue, loader,
//! CSS, demo pages, laid out as an npm package.

use crate::{root, run};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

const TARGET: &str = "wasm32-unknown-unknown";
const PROFILE: &str = "wasm-release";

/// A wasm module `dist/` ships: its file stem, the `kiertokit-widgets` features it exports, the
/// loader names of its widgets, the page budget (KB brotli) of a page with only that widget, and
/// whether wasm-opt runs its slower, ~1 % smaller pipeline.
pub struct Module {
    pub name: &'static str,
    features: Option<&'static str>,
    pub widgets: &'static [&'static str],
    pub budget_kb: Option<f64>,
    thorough: bool,
    /// Files beside the loader that the page fetches for its first render.
    pub data: Data,
}

/// What a single-widget page fetches beside the loader before its first render.
#[derive(Clone, Copy)]
pub enum Data {
    None,
    /// Fetched on every page of the widget: counted in its budget.
    Always(&'static [&'static str]),
    /// Demo data, fetched only with `data-kt-sample` (partners bring their own): printed, not counted.
    Demo(&'static [&'static str]),
}

/// One module per widget (what a single-widget page downloads) and the full one, which a page
/// that mixes widgets downloads when it is smaller than their modules together (loader.js picks).
pub const MODULES: [Module; 10] = [
    Module {
        name: "kiertokit-finder",
        features: Some("finder"),
        widgets: &["material-finder"],
        budget_kb: Some(220.0),
        thorough: true,
        data: Data::Demo(&["sample-listings.json"]),
    },
    Module {
        name: "kiertokit-self-assessment",
        features: Some("self-assessment"),
        widgets: &["self-assessment"],
        budget_kb: Some(160.0),
        thorough: true,
        data: Data::Always(&["questionnaire.json"]),
    },
    Module {
        name: "kiertokit-application-check",
        features: Some("application-check"),
        widgets: &["application-check"],
        budget_kb: Some(150.0),
        thorough: true,
        data: Data::None,
    },
    Module {
        name: "kiertokit-impact-calculator",
        features: Some("impact-calculator"),
        widgets: &["impact-calculator"],
        budget_kb: Some(130.0),
        thorough: true,
        data: Data::None,
    },
    Module {
        name: "kiertokit-review-board",
        features: Some("review-board"),
        widgets: &["review-board"],
        budget_kb: Some(200.0),
        thorough: true,
        data: Data::None,
    },
    Module {
        name: "kiertokit-directory",
        features: Some("directory"),
        widgets: &["directory"],
        budget_kb: Some(200.0),
        thorough: true,
        data: Data::Demo(&["sample-experts.json"]),
    },
    Module {
        name: "kiertokit-closing-survey",
        features: Some("closing-survey"),
        widgets: &["closing-survey"],
        budget_kb: Some(120.0),
        thorough: true,
        data: Data::None,
    },
    Module {
        name: "kiertokit-situational-picture",
        features: Some("situational-picture"),
        widgets: &["situational-picture"],
        budget_kb: Some(120.0),
        thorough: true,
        data: Data::None,
    },
    Module {
        name: "kiertokit-coordinator-workbench",
        features: Some("coordinator-workbench"),
        widgets: &["coordinator-workbench"],
        budget_kb: Some(260.0),
        thorough: true,
        data: Data::None,
    },
    Module {
        name: FULL,
        features: None,
        widgets: &[],
        budget_kb: None,
        thorough: false,
        data: Data::None,
    },
];

/// The cargo feature of each widget, in the order of [`MODULES`].
pub fn widget_features() -> Vec<&'static str> {
    MODULES.iter().filter_map(|m| m.features).collect()
}

/// The module with every widget (and the `SearchIndex` export the node benchmark uses).
pub const FULL: &str = "kiertokit";

/// Where the files partners embed live inside `dist/`: a CDN serves this folder forever.
pub fn versioned() -> String {
    format!("kiertokit/{}", env!("CARGO_PKG_VERSION"))
}

/// Stylesheet of a widget's shadow roots: the base rules and that widget's own.
fn stylesheet(module: &str) -> String {
    format!("{module}.css")
}

/// Files a single-widget page downloads from `module` (the size budget covers these).
pub fn page_files(module: &str) -> [String; 4] {
    let css = if module == FULL {
        stylesheet("kiertokit-finder")
    } else {
        stylesheet(module)
    };
    [
        "loader.js".into(),
        format!("{module}.js"),
        format!("{module}_bg.wasm"),
        css,
    ]
}

pub fn dist() -> PathBuf {
    root().join("dist")
}

/// The modules this build makes: all of them, or for quicker development builds only those named
/// in `KT_MODULES` (comma-separated module names or widget features, e.g. `finder,kiertokit`).
fn chosen_modules() -> Vec<&'static Module> {
    let Ok(list) = std::env::var("KT_MODULES") else {
        return MODULES.iter().collect();
    };
    let wanted: Vec<&str> = list.split(',').map(str::trim).collect();
    let chosen: Vec<&Module> = MODULES
        .iter()
        .filter(|m| wanted.contains(&m.name) || m.features.is_some_and(|f| wanted.contains(&f)))
        .collect();
    println!(
        "xtask: partial build (KT_MODULES={list}): {} of {} modules; not for release",
        chosen.len(),
        MODULES.len()
    );
    chosen
}

pub fn build() -> Result<PathBuf, String> {
    ensure_wasm_target()?;
    let bindgen = ensure_wasm_bindgen()?;
    // Built beside dist/ and swapped in, so a server running on dist/ never sees it half-written.
    let staging = root().join("target").join("dist-staging");
    let _ = fs::remove_dir_all(&staging);
    let out = staging.join(versioned());
    fs::create_dir_all(&out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    let modules = chosen_modules();
    for module in &modules {
        build_module(module, &bindgen, &out)?;
    }
    write_static_files(&staging, &out)?;
    let mut lines = Vec::new();
    let mut over = Vec::new();
    for module in &modules {
        let (line, fits) = size_line(&out, module)?;
        lines.push(line);
        if !fits {
            over.push(module.name);
        }
    }
    let final_dir = dist();
    let _ = fs::remove_dir_all(&final_dir);
    fs::rename(&staging, &final_dir).map_err(|e| format!("cannot move the build to dist/: {e}"))?;
    for line in lines {
        println!("{line}");
    }
    if over.is_empty() {
        println!("size: every single-widget page is within its budget");
    } else {
        println!("size: OVER BUDGET: {}", over.join(", "));
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
    minify_js(&out.join(format!("{}.js", module.name)), true)
}

/// Minifies a script in place with npm `terser` (the glue about 30 % smaller brotli); `module`
/// for ES modules, whose export names it keeps.
fn minify_js(path: &Path, module: bool) -> Result<(), String> {
    let terser = npm_tool("terser").ok_or(
        "npm terser could not be installed in tests/e2e: `npm ci --prefix tests/e2e` needs Node.js and npm",
    )?;
    let mut cmd = Command::new(terser);
    cmd.arg(path);
    if module {
        cmd.arg("--module");
    }
    run(cmd.args(["--compress", "--mangle", "--output"]).arg(path))
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
    npm_tool("wasm-opt")
}

/// Path of a tool from the e2e node packages (`wasm-opt`, `terser`), installing them when it
/// is missing.
fn npm_tool(name: &str) -> Option<PathBuf> {
    let e2e = root().join("tests").join("e2e");
    let bin = e2e.join("node_modules").join(".bin").join(name);
    if !bin.exists() {
        println!(
            "xtask: installing npm packages in tests/e2e (binaryen, terser, playwright-core, axe-core)"
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

/// Loader, stylesheets, package files and the demo site. `out` is the versioned folder inside
/// `site`; the loader carries the integrity hashes and sizes of what it fetches.
fn write_static_files(site: &Path, out: &Path) -> Result<(), String> {
    let root = root();
    let base_css = read(&root.join("widgets/src/base.css"))?;
    for module in MODULES.iter().filter(|m| m.name != FULL) {
        let dir = module.features.unwrap_or_default().replace('-', "_");
        let own = read(
            &root
                .join("widgets/src")
                .join(&dir)
                .join(format!("{dir}.css")),
        )?;
        let css = minify_css(&format!("{base_css}\n{own}"));
        fs::write(out.join(stylesheet(module.name)), css).map_err(|e| e.to_string())?;
    }
    let sample = root.join("core/data/sample-listings.json");
    copy(&sample, &out.join("sample-listings.json"))?;
    // The finder's waste-code labels, fetched when a listing with a code first opens.
    copy(
        &root.join("core/data/ewc-labels.json"),
        &out.join("ewc-labels.json"),
    )?;
    // The self-assessment's built-in questionnaire: fetched beside the module, not compiled in.
    copy(
        &root.join("core/data/questionnaire.json"),
        &out.join("questionnaire.json"),
    )?;
    // The directory's demo entries per kind (`data-kt-sample` with `data-kt-kind`).
    for kind in ["experts", "funding", "companies"] {
        let from = root.join(format!("core/data/directory/{kind}.json"));
        copy(&from, &out.join(format!("sample-{kind}.json")))?;
    }
    copy(&sample, &site.join("listings.json"))?;
    // The finder's `data-kt-experts-src` on the demo pages.
    copy(
        &root.join("core/data/directory/experts.json"),
        &site.join("experts.json"),
    )?;
    let mut hashes = Vec::new();
    let mut sizes = Vec::new();
    let mut names: Vec<String> = fs::read_dir(out)
        .map_err(|e| e.to_string())?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        // Everything in the versioned folder: modules, styles and the data files beside them.
        .filter(|n| {
            [".js", ".wasm", ".css", ".json"]
                .iter()
                .any(|ext| n.ends_with(ext))
        })
        .collect();
    names.sort();
    for name in &names {
        let bytes = fs::read(out.join(name)).map_err(|e| e.to_string())?;
        hashes.push(format!("{name:?}:{:?}", integrity(&bytes)));
        if let Some(stem) = name.strip_suffix("_bg.wasm") {
            sizes.push(format!("{stem:?}:{}", brotli_len(&bytes)?));
        }
    }
    let loader = strip_js_comments(&read(&root.join("widgets/js/loader.js"))?)
        .replacen(
            "var INTEGRITY = {};",
            &format!("var INTEGRITY = {{{}}};", hashes.join(",")),
            1,
        )
        .replacen(
            "var SIZES = {};",
            &format!("var SIZES = {{{}}};", sizes.join(",")),
            1,
        );
    fs::write(out.join("loader.js"), &loader).map_err(|e| e.to_string())?;
    minify_js(&out.join("loader.js"), false)?;
    let loader_hash = integrity(&fs::read(out.join("loader.js")).map_err(|e| e.to_string())?);
    hashes.push(format!("\"loader.js\":{loader_hash:?}"));
    hashes.sort();
    fs::write(
        out.join("integrity.json"),
        format!("{{\n  {}\n}}\n", hashes.join(",\n  ")),
    )
    .map_err(|e| e.to_string())?;
    println!(
        "integrity: loader.js {loader_hash} (every file: {}/integrity.json)",
        versioned()
    );
    copy(&root.join("widgets/js/index.d.ts"), &out.join("index.d.ts"))?;
    copy(&root.join("widgets/js/README.md"), &out.join("README.md"))?;
    // Demo pages embed the loader exactly as the README tells partners to.
    let tag = format!(
        "src=\"{}/loader.js\" integrity=\"{loader_hash}\" crossorigin=\"anonymous\"",
        versioned()
    );
    for entry in fs::read_dir(root.join("demo")).map_err(|e| e.to_string())? {
        let path = entry.map_err(|e| e.to_string())?.path();
        let Some(name) = path.file_name() else {
            continue;
        };
        if !path.is_file() {
            continue;
        }
        if path.extension().is_some_and(|e| e == "html") {
            let page = read(&path)?.replace("src=\"loader.js\"", &tag);
            fs::write(site.join(name), page).map_err(|e| e.to_string())?;
        } else {
            copy(&path, &site.join(name))?;
        }
    }
    let version = env!("CARGO_PKG_VERSION");
    let dir = versioned();
    let package = format!(
        r#"{{
  "name": "kiertokit",
  "version": "{version}",
  "description": "Embeddable circular-economy widgets for Finland: material search, self-assessment, impact and application tools (Rust + WebAssembly)",
  "license": "MIT OR Apache-2.0",
  "type": "module",
  "main": "{dir}/kiertokit.js",
  "module": "{dir}/kiertokit.js",
  "browser": "{dir}/loader.js",
  "types": "{dir}/index.d.ts",
  "files": ["{dir}/"],
  "sideEffects": ["{dir}/loader.js"],
  "keywords": ["circular-economy", "kiertotalous", "webassembly", "widget"]
}}
"#
    );
    fs::write(site.join("package.json"), package).map_err(|e| e.to_string())
}

fn read(path: &Path) -> Result<String, String> {
    fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// Subresource-integrity value of `bytes` (what `integrity="…"` and `fetch(…, {integrity})` check).
fn integrity(bytes: &[u8]) -> String {
    use base64::Engine;
    use sha2::Digest;
    let digest = sha2::Sha384::digest(bytes);
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
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

fn brotli_len(bytes: &[u8]) -> Result<usize, String> {
    let mut compressed = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut compressed, &params).map_err(|e| e.to_string())?;
    Ok(compressed.len())
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
        br += brotli_len(&bytes)?;
    }
    Ok((raw, gz, br))
}

/// Brotli bytes of `files` in `out`.
fn brotli_of(out: &Path, files: &[&str]) -> Result<usize, String> {
    let mut br = 0;
    for name in files {
        let bytes = fs::read(out.join(name)).map_err(|e| format!("{name}: {e}"))?;
        br += brotli_len(&bytes)?;
    }
    Ok(br)
}

/// The size line of `module`'s page and whether it is within its budget; data the page fetches
/// for its first render is printed beside it and, unless it is demo data, counted in the budget.
pub fn size_line(out: &Path, module: &Module) -> Result<(String, bool), String> {
    let (raw, gz, br) = sizes(out, module.name)?;
    let kb = br as f64 / 1024.0;
    let (total, before, after) = match module.data {
        Data::None => (kb, String::new(), String::new()),
        Data::Always(files) => {
            let data_kb = brotli_of(out, files)? as f64 / 1024.0;
            let total = kb + data_kb;
            let note = format!(
                "; + {data_kb:.1} KB brotli data at first render: {}; {total:.1} KB brotli in all",
                files.join(", ")
            );
            (total, note, String::new())
        }
        Data::Demo(files) => {
            let data_kb = brotli_of(out, files)? as f64 / 1024.0;
            let note = format!(
                "; + {data_kb:.1} KB brotli demo data at first render with data-kt-sample, not counted (partners bring their own): {}",
                files.join(", ")
            );
            (kb, String::new(), note)
        }
    };
    let (page, verdict, fits) = match module.budget_kb {
        Some(budget) if total <= budget => {
            (module.widgets[0], format!("within {budget:.0} KB"), true)
        }
        Some(budget) => (
            module.widgets[0],
            format!("OVER its {budget:.0} KB budget"),
            false,
        ),
        None => ("any widget, full module", "no budget".to_owned(), true),
    };
    Ok((
        format!(
            "size ({page}, wasm-opt ran): {} = {raw} B raw, {gz} B gzip, {br} B brotli ({kb:.1} KB brotli{before}, {verdict}{after})",
            page_files(module.name).join(" + "),
        ),
        fits,
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
    fn first_render_data_counts_in_the_budget_and_demo_data_is_only_printed() {
        let dir = std::env::temp_dir().join(format!("kt-size-line-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        // Bytes brotli cannot shrink, so each file counts about its length.
        let mut seed = 12345u64;
        for (name, len) in [
            ("loader.js", 2000),
            ("m.js", 1000),
            ("m_bg.wasm", 4000),
            ("m.css", 500),
            ("d.json", 3000),
        ] {
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
                    (seed >> 56) as u8
                })
                .collect();
            fs::write(dir.join(name), bytes).unwrap();
        }
        let module = |data| Module {
            name: "m",
            features: Some("m"),
            widgets: &["w"],
            budget_kb: Some(9.0),
            thorough: false,
            data,
        };
        let (line, fits) = size_line(&dir, &module(Data::None)).unwrap();
        assert!(fits && line.ends_with("KB brotli, within 9 KB)"), "{line}");
        let (line, fits) = size_line(&dir, &module(Data::Always(&["d.json"]))).unwrap();
        assert!(!fits, "{line}");
        assert!(
            line.contains("KB brotli data at first render: d.json;"),
            "{line}"
        );
        assert!(
            line.contains("KB brotli in all, OVER its 9 KB budget)"),
            "{line}"
        );
        let (line, fits) = size_line(&dir, &module(Data::Demo(&["d.json"]))).unwrap();
        assert!(fits, "{line}");
        assert!(
            line.contains("within 9 KB; + 2.9 KB brotli demo data"),
            "{line}"
        );
        assert!(line.contains("not counted"), "{line}");
        fs::remove_dir_all(&dir).unwrap();
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
