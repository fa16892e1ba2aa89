//! Impact engine through the CLI: golden outputs for every command, the published vectors,
//! and `docs/factors.md` kept in step with the shipped factor dataset.
//!
//! Regenerate goldens and the factor page after a deliberate change: `UPDATE_GOLDEN=1 cargo test
//! -p kiertokit-tests --test impact`, then review the diff.

use kiertokit::impact::{Factor, Factors};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn fixtures() -> PathBuf {
    root().join("tests/fixtures/impact")
}

fn updating() -> bool {
    std::env::var_os("UPDATE_GOLDEN").is_some()
}

/// Runs `kiertokit impact <command> --input <fixture>` in-process.
fn cli(command: &str, fixture: &str) -> (i32, String, String) {
    let input = fixtures().join(format!("{fixture}.input.json"));
    let args: Vec<String> = vec![
        "impact".into(),
        command.into(),
        "--input".into(),
        input.to_string_lossy().into_owned(),
    ];
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = kiertokit_cli::run(&args, &mut out, &mut err);
    (
        code,
        String::from_utf8_lossy(&out).into_owned(),
        String::from_utf8_lossy(&err).into_owned(),
    )
}

/// Compares `actual` with the golden file, or rewrites it under UPDATE_GOLDEN.
fn golden(name: &str, actual: &str) {
    let path = fixtures().join(name);
    if updating() {
        if let Err(e) = std::fs::write(&path, actual) {
            panic!("cannot write {}: {e}", path.display());
        }
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "missing golden {} ({e}); run with UPDATE_GOLDEN=1",
            path.display()
        )
    });
    assert_eq!(actual, expected, "output differs from {}", path.display());
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {text}"))
}

fn number(v: &serde_json::Value, pointer: &str) -> f64 {
    v.pointer(pointer)
        .and_then(serde_json::Value::as_f64)
        .unwrap_or_else(|| panic!("no number at {pointer} in {v}"))
}

const SUCCESSES: [(&str, &str); 10] = [
    ("exchange", "exchange-desktop"),
    ("exchange", "exchange-soil"),
    ("exchange", "exchange-wood"),
    ("exchange", "exchange-textiles-unknown"),
    ("exchange", "exchange-extra-factors"),
    ("mci", "mci-product"),
    ("mci", "mci-company"),
    ("cti", "cti"),
    ("aggregate", "aggregate"),
    ("cmu", "cmu"),
];

const FAILURES: [(&str, &str); 4] = [
    ("exchange", "exchange-volume-error"),
    ("exchange", "exchange-override-unit-error"),
    ("exchange", "exchange-typo-error"),
    ("mci", "mci-error"),
];

#[test]
fn every_command_matches_its_golden_output() {
    for (command, fixture) in SUCCESSES {
        let (code, out, err) = cli(command, fixture);
        assert_eq!(code, 0, "{fixture}: {err}");
        golden(&format!("{fixture}.expected.json"), &out);
    }
}

#[test]
fn bad_inputs_fail_with_a_readable_message() {
    for (command, fixture) in FAILURES {
        let (code, out, err) = cli(command, fixture);
        assert_eq!(code, 1, "{fixture} should fail: {out}");
        assert!(out.is_empty(), "{fixture} wrote to stdout: {out}");
        let last = err.lines().last().unwrap_or_default();
        assert!(last.starts_with("error: "), "{fixture}: {err}");
        let dir = format!("{}/", fixtures().display());
        golden(&format!("{fixture}.expected.txt"), &err.replace(&dir, ""));
    }
}

#[test]
fn missing_input_file_and_unknown_subcommand_are_errors() {
    let (code, _, err) = cli("exchange", "does-not-exist");
    assert_eq!(code, 1);
    assert!(err.contains("cannot read"), "{err}");
    let (code, _, err) = cli("frobnicate", "cti");
    assert_eq!(code, 2, "an unknown subcommand is a usage error");
    assert!(err.contains("unknown impact command"), "{err}");
}

// Source: the WARM v16 desktop-computer vector (10 kg, landfill 0.02 → recycling −1.49 MTCO2E/short ton).
#[test]
fn cli_reproduces_the_warm_desktop_vector() {
    let (_, out, _) = cli("exchange", "exchange-desktop");
    let v = json(&out);
    assert!((number(&v, "/co2e_avoided_kg/value") - 16.644_901).abs() < 1e-6);
}

// Source: EMF MCI methodology vectors (E_C = E_F = 0.8, F_R = C_R = 0.5, X = 2 → 0.751242).
#[test]
fn cli_reproduces_the_mci_vector() {
    let (_, out, _) = cli("mci", "mci-product");
    let v = json(&out);
    assert!((number(&v, "/lfi") - 0.552_795).abs() < 1e-6);
    assert!((number(&v, "/mci") - 0.751_242).abs() < 1e-6);
}

#[test]
fn cli_reports_unknown_instead_of_zero() {
    let (_, out, _) = cli("exchange", "exchange-textiles-unknown");
    let v = json(&out);
    assert_eq!(
        v.pointer("/co2e_avoided_kg/status"),
        Some(&"unknown".into())
    );
    // Beside the English reason, a stable code per missing factor for UIs in other languages.
    assert_eq!(
        v.pointer("/co2e_avoided_kg/missing/0"),
        Some(
            &serde_json::json!({"code": "treatment_factor", "category": "textiles", "pathway": "incineration"})
        )
    );
    let (_, out, _) = cli("aggregate", "aggregate");
    let v = json(&out);
    assert_eq!(
        v.pointer("/total/co2e_avoided_kg/unknown"),
        Some(&serde_json::json!(["S-2025-002"]))
    );
}

fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

fn range(f: &Factor) -> String {
    match (f.low, f.high) {
        (None, None) => String::new(),
        (l, h) => format!("{} – {}", l.unwrap_or(f.value), h.unwrap_or(f.value)),
    }
}

/// The factor page, rendered from the shipped dataset.
fn render_factors_md(factors: &Factors) -> String {
    let data = factors.data();
    let mut s = String::new();
    s.push_str("# Shipped impact factors\n\n");
    s.push_str("<!-- Generated from core/data/factors.json by tests/tests/impact.rs; do not edit by hand.\n");
    s.push_str(
        "     Regenerate: UPDATE_GOLDEN=1 cargo test -p kiertokit-tests --test impact -->\n\n",
    );
    s.push_str(&format!(
        "Dataset `{}` version {}, {} factors. Units are converted to kg CO2e/t, kg CO2e/t·km, EUR/t \
         or t/t by their definitions (1 short ton = 907.18474 kg); each result lists the \
         conversions it used. A material with no factor for a pathway gives `unknown`, never 0. \
         Partners can override any value (`overrides`) or add factors (`extra_factors`); see \
         [impact.md](impact.md).\n\n",
        data.dataset,
        data.version,
        data.factors.len()
    ));
    s.push_str("Only sources whose terms allow redistribution are used: US EPA WARM (US public domain), \
                VTT LIPASTO (published unit emissions, attribution), Finnish statutes (public domain) and \
                Kiertokit's own conventions and estimates (MIT OR Apache-2.0). ecoinvent and ICE are never \
                embedded. ÖKOBAUDAT, Agribalyse and CO2data.fi are candidate sources for the gaps below.\n\n");
    s.push_str(
        "## Coverage by category\n\n| category | pathways with a treatment factor |\n|---|---|\n",
    );
    for c in factors.categories() {
        let p: Vec<&str> = c.pathways.iter().map(|p| p.id()).collect();
        let listed = if p.is_empty() {
            "none yet: results are `unknown`".to_owned()
        } else {
            p.join(", ")
        };
        s.push_str(&format!("| {} | {} |\n", c.category, listed));
    }
    s.push_str("\n## Materials\n\n| material | category | name |\n|---|---|---|\n");
    for m in &data.materials {
        s.push_str(&format!(
            "| {} | {} | {} |\n",
            m.id,
            m.category,
            cell(&m.name)
        ));
    }
    s.push_str("\n## EWC codes\n\n| EWC | counted as |\n|---|---|\n");
    for (code, target) in &data.ewc {
        s.push_str(&format!("| {code} | {target} |\n"));
    }
    s.push_str("\n## Factors\n\n| id | kind | material | pathway / vehicle | value | range | unit | source | version | year | geography | licence | note |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for f in &data.factors {
        let kind = serde_json::to_value(f.kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        let pv = f
            .pathway
            .map(|p| p.id())
            .or(f.vehicle.map(|v| v.id()))
            .unwrap_or("");
        let mut note = f.note.clone().unwrap_or_default();
        if f.includes_substitution {
            note = format!("includes the virgin-production credit. {note}");
        }
        s.push_str(&format!(
            "| `{}` | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |\n",
            f.id,
            kind,
            f.material,
            pv,
            f.value,
            range(f),
            f.unit.symbol(),
            cell(&f.source),
            cell(&f.version),
            f.year,
            cell(&f.geography),
            cell(&f.licence),
            cell(note.trim())
        ));
    }
    s
}

#[test]
fn factor_page_lists_every_shipped_factor_and_is_up_to_date() {
    let factors = Factors::builtin().unwrap_or_else(|e| panic!("{e}"));
    let rendered = render_factors_md(factors);
    for f in factors.factors() {
        assert!(
            rendered.contains(&format!("`{}`", f.id)),
            "{} missing",
            f.id
        );
    }
    let path = root().join("docs/factors.md");
    if updating() {
        if let Err(e) = std::fs::write(&path, &rendered) {
            panic!("cannot write {}: {e}", path.display());
        }
        return;
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        on_disk == rendered,
        "docs/factors.md is out of date; run UPDATE_GOLDEN=1 cargo test -p kiertokit-tests --test impact"
    );
}
