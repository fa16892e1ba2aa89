//! Writes the category, municipality and region names as Rust tables (`$OUT_DIR/names.rs`) from
//! the data files, so modules that only show names carry neither file nor its reader, and the
//! words of the EWC labels for the compound-splitting lexicon, so search does not carry the
//! labels (issue 14), and the shipped impact factors (`factors.rs`).

use std::fmt::Write;

fn main() {
    println!("cargo:rerun-if-changed=data/categories.json");
    println!("cargo:rerun-if-changed=data/municipalities.tsv");
    println!("cargo:rerun-if-changed=data/ewc-labels.json");
    let mut out = String::new();

    let text = std::fs::read_to_string("data/categories.json").expect("data/categories.json");
    let json: serde_json::Value = serde_json::from_str(&text).expect("categories.json is JSON");
    out.push_str(
        "/// `(id, fi, sv, en)` of each category, in the order of `data/categories.json`.\n",
    );
    out.push_str("pub(crate) const CATEGORY_NAMES: &[(&str, &str, &str, &str)] = &[\n");
    for c in json.as_array().expect("categories.json is an array") {
        let field = |path: &[&str]| {
            let mut v = c;
            for key in path {
                v = &v[key];
            }
            v.as_str()
                .expect("category id and names are strings")
                .to_owned()
        };
        let [id, fi, sv, en] = [
            field(&["id"]),
            field(&["name", "fi"]),
            field(&["name", "sv"]),
            field(&["name", "en"]),
        ];
        writeln!(out, "    ({id:?}, {fi:?}, {sv:?}, {en:?}),").expect("write");
    }
    out.push_str("];\n");

    let tsv = std::fs::read_to_string("data/municipalities.tsv").expect("data/municipalities.tsv");
    let mut regions: Vec<(String, String)> = tsv
        .lines()
        .skip(1)
        .filter_map(|line| {
            let f: Vec<&str> = line.split('\t').collect();
            Some((f.get(3)?.to_string(), f.get(4)?.to_string()))
        })
        .collect();
    regions.sort();
    regions.dedup();
    out.push_str(
        "/// `(code, Finnish, Swedish)` of each municipality, from `data/municipalities.tsv`.\n",
    );
    out.push_str("pub(crate) const MUNICIPALITY_NAMES: &[(&str, &str, &str)] = &[\n");
    for line in tsv.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        if let [code, fi, sv, ..] = f[..] {
            writeln!(out, "    ({code:?}, {fi:?}, {sv:?}),").expect("write");
        }
    }
    out.push_str("];\n");
    out.push_str("/// `(Finnish, Swedish)` name of each region, from `data/municipalities.tsv`.\n");
    out.push_str("pub(crate) const REGION_NAMES: &[(&str, &str)] = &[\n");
    for (fi, sv) in regions {
        writeln!(out, "    ({fi:?}, {sv:?}),").expect("write");
    }
    out.push_str("];\n");

    let labels = std::fs::read_to_string("data/ewc-labels.json").expect("data/ewc-labels.json");
    let rows: Vec<Vec<Option<String>>> =
        serde_json::from_str(&labels).expect("ewc-labels.json is an array of rows");
    let mut words: Vec<String> = rows
        .iter()
        .flat_map(|row| row.iter().skip(1).flatten())
        // `text::fold` makes every other character a space, so these are the folded words; the
        // lexicon skips words under 3 bytes and any with a digit (a test checks the result).
        .flat_map(|label| label.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| (!w.is_ascii() || w.len() >= 3) && !w.bytes().any(|b| b.is_ascii_digit()))
        .map(|w| w.chars().flat_map(char::to_lowercase).collect())
        .collect();
    words.sort();
    words.dedup();
    out.push_str(
        "/// The distinct words of every EWC label that can be lexicon words, lower-cased.\n",
    );
    writeln!(
        out,
        "pub(crate) const EWC_LABEL_WORDS: &str = {:?};",
        words.join(" ")
    )
    .expect("write");

    let dir = std::env::var("OUT_DIR").expect("OUT_DIR");
    std::fs::write(format!("{dir}/names.rs"), out).expect("write names.rs");
    std::fs::write(format!("{dir}/factors.rs"), factor_tables()).expect("write factors.rs");
}

/// The shipped factor dataset as Rust tables, so the widgets carry neither `factors.json` nor
/// a JSON reader for it; `impact::factors` tests that they read back equal to the file.
fn factor_tables() -> String {
    println!("cargo:rerun-if-changed=data/factors.json");
    let text = std::fs::read_to_string("data/factors.json").expect("data/factors.json");
    let json: serde_json::Value = serde_json::from_str(&text).expect("factors.json is JSON");
    let str_of = |v: &serde_json::Value| v.as_str().expect("a string").to_owned();
    // `rename_all = "snake_case"` in the core: `gate_fee` is `GateFee`.
    let variant = |v: &serde_json::Value| -> String {
        str_of(v)
            .split('_')
            .map(|w| w[..1].to_uppercase() + &w[1..])
            .collect()
    };
    let option = |v: Option<&serde_json::Value>, f: &dyn Fn(&serde_json::Value) -> String| {
        v.map_or("None".to_owned(), |v| format!("Some({})", f(v)))
    };
    let float = |v: &serde_json::Value| format!("{:?}", v.as_f64().expect("a number"));
    let mut out = String::new();
    writeln!(
        out,
        "pub(super) const DATASET: (&str, &str) = ({:?}, {:?});",
        str_of(&json["dataset"]),
        str_of(&json["version"])
    )
    .expect("write");
    let categories: Vec<String> = json["categories"]
        .as_array()
        .expect("categories")
        .iter()
        .map(str_of)
        .collect();
    writeln!(
        out,
        "pub(super) const CATEGORIES: &[&str] = &{categories:?};"
    )
    .expect("write");
    out.push_str("pub(super) const MATERIALS: &[(&str, &str, &str)] = &[\n");
    for m in json["materials"].as_array().expect("materials") {
        let [id, category, name] = ["id", "category", "name"].map(|k| str_of(&m[k]));
        writeln!(out, "    ({id:?}, {category:?}, {name:?}),").expect("write");
    }
    out.push_str("];\npub(super) const EWC: &[(&str, &str)] = &[\n");
    for (code, target) in json["ewc"].as_object().expect("ewc") {
        writeln!(out, "    ({code:?}, {:?}),", str_of(target)).expect("write");
    }
    out.push_str("];\npub(super) const FACTORS: &[Row] = &[\n");
    const KEYS: [&str; 16] = [
        "id",
        "kind",
        "material",
        "pathway",
        "vehicle",
        "value",
        "low",
        "high",
        "unit",
        "includes_substitution",
        "source",
        "version",
        "year",
        "geography",
        "licence",
        "verify",
    ];
    for f in json["factors"].as_array().expect("factors") {
        let f = f.as_object().expect("a factor is an object");
        // A field the tables do not carry would be lost without a word.
        if let Some(key) = f.keys().find(|k| !KEYS.contains(&k.as_str())) {
            panic!("factors.json: `{key}` is not written to the tables; add it to build.rs");
        }
        let flag = |k: &str| f.get(k).is_some_and(|v| v.as_bool().expect("a boolean"));
        writeln!(
            out,
            "    Row {{ id: {:?}, kind: FactorKind::{}, material: {:?}, pathway: {}, \
             vehicle: {}, value: {}, low: {}, high: {}, unit: {:?}, \
             includes_substitution: {}, source: {:?}, version: {:?}, year: {}, \
             geography: {:?}, licence: {:?}, verify: {} }},",
            str_of(&f["id"]),
            variant(&f["kind"]),
            str_of(&f["material"]),
            option(f.get("pathway"), &|v| format!("Pathway::{}", variant(v))),
            option(f.get("vehicle"), &|v| format!("Vehicle::{}", variant(v))),
            float(&f["value"]),
            option(f.get("low"), &float),
            option(f.get("high"), &float),
            str_of(&f["unit"]),
            flag("includes_substitution"),
            str_of(&f["source"]),
            str_of(&f["version"]),
            f["year"].as_u64().expect("a year"),
            str_of(&f["geography"]),
            str_of(&f["licence"]),
            flag("verify"),
        )
        .expect("write");
    }
    out.push_str("];\n");
    out
}
