//! Reading directory files: the versioned JSON format and CSV, each row checked on its own.
//! Bad rows become diagnostics and are skipped; good rows always import.

use super::entry::{Company, Entries, Expert, FundingCall, Kind};
use crate::Code;
use crate::matching::{EwcCode, categories, category, find_municipality};
use crate::scoring::region_of;
use crate::strict;
use crate::vocab::{Diagnostic, Parsed, Text, parse_decimal};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use std::collections::BTreeSet;

/// The JSON format version read and written.
pub const FORMAT_VERSION: u32 = 1;

/// Keys of the envelope `{"version": 1, "kind": "experts", "entries": [...]}`.
const ENVELOPE: [&str; 3] = ["version", "kind", "entries"];

/// A directory entry as the readers see it.
trait Record: DeserializeOwned {
    /// What one row is called in messages.
    const NOUN: &'static str;
    fn id(&self) -> &str;
    /// Checks and tidies the entry; errors mean the row is skipped.
    fn check(&mut self, row: usize, diags: &mut Vec<Diagnostic>);
}

/// Reads a directory from JSON or CSV, whichever `text` looks like; CSV needs the `kind`
/// (JSON names its own, and a JSON file of another kind is refused).
pub fn parse_directory(text: &str, kind: Kind) -> Parsed<Entries> {
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if trimmed.starts_with('{') || trimmed.starts_with('[') {
        let (entries, mut diags) = parse_json(trimmed, Some(kind)).into_parts();
        if entries.kind() != kind {
            diags.push(Diagnostic::error(
                0,
                "kind",
                Code::WrongShape,
                format!(
                    "the file lists {}, not {}",
                    entries.kind().as_str(),
                    kind.as_str()
                ),
            ));
            return Parsed::new(empty(kind), diags);
        }
        Parsed::new(entries, diags)
    } else {
        parse_csv(text, kind)
    }
}

fn empty(kind: Kind) -> Entries {
    match kind {
        Kind::Experts => Entries::Experts(Vec::new()),
        Kind::Funding => Entries::Funding(Vec::new()),
        Kind::Companies => Entries::Companies(Vec::new()),
    }
}

/// Reads `{"version": 1, "kind": …, "entries": [...]}`; a bare array is read as `fallback`.
pub fn parse_json(text: &str, fallback: Option<Kind>) -> Parsed<Entries> {
    let text = text.trim_start_matches('\u{feff}');
    let fallback_kind = fallback.unwrap_or(Kind::Experts);
    let mut diags = Vec::new();
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            diags.push(Diagnostic::error(
                0,
                "",
                Code::NotJson,
                format!("not JSON: {e}"),
            ));
            return Parsed::new(empty(fallback_kind), diags);
        }
    };
    let (kind, rows) = match value {
        Value::Array(rows) => match fallback {
            Some(k) => (k, rows),
            None => {
                diags.push(Diagnostic::error(
                    0,
                    "kind",
                    Code::WrongShape,
                    "a bare array does not say which kind of entries it holds",
                ));
                return Parsed::new(empty(fallback_kind), diags);
            }
        },
        Value::Object(mut top) => {
            for key in top.keys().filter(|k| !ENVELOPE.contains(&k.as_str())) {
                diags.push(strict::unknown_key(0, key, key, &ENVELOPE));
            }
            match top.get("version") {
                Some(v) if v.as_u64() == Some(u64::from(FORMAT_VERSION)) => {}
                Some(v) => {
                    diags.push(
                        Diagnostic::error(
                            0,
                            "version",
                            Code::UnsupportedVersion,
                            format!("version {v} is not supported (this reader reads 1)"),
                        )
                        .with_value(v),
                    );
                    return Parsed::new(empty(fallback_kind), diags);
                }
                None => {
                    diags.push(Diagnostic::error(
                        0,
                        "version",
                        Code::Missing,
                        "`version` is missing",
                    ));
                    return Parsed::new(empty(fallback_kind), diags);
                }
            }
            let kind = match top.get("kind").and_then(Value::as_str) {
                Some(k) => match Kind::parse(k) {
                    Some(k) => k,
                    None => {
                        let known = ["experts", "funding", "companies"];
                        let mut d = Diagnostic::error(
                            0,
                            "kind",
                            Code::UnknownValue,
                            format!("kind `{k}` is not experts, funding or companies"),
                        )
                        .with_value(k);
                        if let Some(s) = strict::closest(k, &known) {
                            d = d.with_suggestion(s);
                        }
                        diags.push(d);
                        return Parsed::new(empty(fallback_kind), diags);
                    }
                },
                None => {
                    diags.push(Diagnostic::error(
                        0,
                        "kind",
                        Code::Missing,
                        "`kind` is missing",
                    ));
                    return Parsed::new(empty(fallback_kind), diags);
                }
            };
            match top.remove("entries") {
                Some(Value::Array(rows)) => (kind, rows),
                _ => {
                    diags.push(Diagnostic::error(
                        0,
                        "entries",
                        Code::WrongShape,
                        "`entries` must be an array",
                    ));
                    return Parsed::new(empty(kind), diags);
                }
            }
        }
        _ => {
            diags.push(Diagnostic::error(
                0,
                "",
                Code::WrongShape,
                "expected a directory object",
            ));
            return Parsed::new(empty(fallback_kind), diags);
        }
    };
    let rows: Vec<(usize, Value)> = rows
        .into_iter()
        .enumerate()
        .map(|(i, v)| (i + 1, v))
        .collect();
    let entries = match kind {
        Kind::Experts => Entries::Experts(read_rows(rows, &mut diags)),
        Kind::Funding => Entries::Funding(read_rows(rows, &mut diags)),
        Kind::Companies => Entries::Companies(read_rows(rows, &mut diags)),
    };
    Parsed::new(entries, diags)
}

/// Serialises entries in the versioned format.
pub fn to_json(entries: &Entries) -> String {
    let mut v = serde_json::to_value(entries).unwrap_or(Value::Null);
    if let Value::Object(o) = &mut v {
        o.insert("version".into(), FORMAT_VERSION.into());
    }
    serde_json::to_string_pretty(&v).unwrap_or_default()
}

/// Reads each `(row, value)` as a `T`; unknown keys are warnings, bad or repeated rows errors.
fn read_rows<T: Record>(rows: Vec<(usize, Value)>, diags: &mut Vec<Diagnostic>) -> Vec<T> {
    let known = known_fields::<T>();
    let mut ids = BTreeSet::new();
    let mut out = Vec::new();
    for (row, value) in rows {
        let (mut entry, unknown) = match strict::from_value::<T>(&value) {
            Ok(x) => x,
            Err(e) => {
                diags.push(Diagnostic::error(
                    row,
                    "",
                    Code::RowUnreadable,
                    format!("not {}: {e}", T::NOUN),
                ));
                continue;
            }
        };
        for u in unknown {
            diags.push(strict::unknown_key(row, &u.field(), u.key(), &known));
        }
        let before = diags.len();
        entry.check(row, diags);
        let failed = diags[before..]
            .iter()
            .any(|d| d.severity == crate::Severity::Error);
        if failed {
            continue;
        }
        if !ids.insert(entry.id().to_owned()) {
            diags.push(
                Diagnostic::error(
                    row,
                    "id",
                    Code::Duplicate,
                    format!("id `{}` is repeated; the first one is kept", entry.id()),
                )
                .with_value(entry.id()),
            );
            continue;
        }
        out.push(entry);
    }
    out
}

fn known_fields<T: Record>() -> Vec<&'static str> {
    strict::known(&[strict::fields_of::<T>(), strict::fields_of::<Text>()])
}

/// Errors for an empty required text field.
fn required(row: usize, field: &str, value: &str, diags: &mut Vec<Diagnostic>) {
    if value.trim().is_empty() {
        diags.push(Diagnostic::error(
            row,
            field,
            Code::Missing,
            format!("`{field}` is empty"),
        ));
    }
}

fn required_text(row: usize, field: &str, t: &Text, diags: &mut Vec<Diagnostic>) {
    let any = [&t.fi, &t.sv, &t.en]
        .into_iter()
        .flatten()
        .any(|s| !s.trim().is_empty());
    if !any {
        diags.push(Diagnostic::error(
            row,
            field,
            Code::Missing,
            format!("`{field}` has no text in any language"),
        ));
    }
}

/// Keeps a link only when it is `https:`, `http:` or (when `mail`) `mailto:`; others would run
/// script or go nowhere when a page renders them.
fn link(
    row: usize,
    field: &str,
    value: &mut Option<String>,
    mail: bool,
    diags: &mut Vec<Diagnostic>,
) {
    if let Some(v) = value.as_deref() {
        let lower = v.trim().to_ascii_lowercase();
        let ok = lower.starts_with("https://")
            || lower.starts_with("http://")
            || (mail && lower.starts_with("mailto:") && lower.len() > 7);
        if ok {
            *value = Some(v.trim().to_owned());
        } else {
            diags.push(
                Diagnostic::warning(
                    row,
                    field,
                    Code::NotLink,
                    format!(
                        "`{v}` is not an http(s){} link; it was left out",
                        if mail { " or mailto:" } else { "" }
                    ),
                )
                .with_value(v),
            );
            *value = None;
        }
    }
}

/// Drops the regions nobody knows (warning) and reports whether any was dropped.
fn regions(
    row: usize,
    list: &mut Vec<String>,
    diags: &mut Vec<Diagnostic>,
    dropped_is_error: bool,
) {
    list.retain(|r| {
        let ok = r.trim() == "*" || region_of(r).is_some();
        if !ok {
            let msg = format!("`{r}` is not a Finnish region or municipality");
            diags.push(if dropped_is_error {
                Diagnostic::error(row, "regions", Code::UnknownMunicipality, msg).with_value(r)
            } else {
                Diagnostic::warning(
                    row,
                    "regions",
                    Code::UnknownMunicipality,
                    format!("{msg}; it was left out"),
                )
                .with_value(r)
            });
        }
        ok
    });
}

impl Record for Expert {
    const NOUN: &'static str = "an expert";

    fn id(&self) -> &str {
        &self.id
    }

    fn check(&mut self, row: usize, diags: &mut Vec<Diagnostic>) {
        required(row, "id", &self.id, diags);
        required(row, "name", &self.name, diags);
        let ids: Vec<&str> = categories().iter().map(|c| c.id.as_str()).collect();
        self.categories.retain(|c| match category(c) {
            Some(_) => true,
            None => {
                let mut d = Diagnostic::warning(
                    row,
                    "categories",
                    Code::UnknownValue,
                    format!("`{c}` is not a material category; it was left out"),
                )
                .with_value(c);
                if let Some(s) = strict::closest(c, &ids) {
                    d = d.with_suggestion(s);
                }
                diags.push(d);
                false
            }
        });
        for c in &mut self.categories {
            if let Some(k) = category(c) {
                *c = k.id.clone();
            }
        }
        let mut chapters = Vec::new();
        for c in &self.ewc_chapters {
            match EwcCode::parse(c) {
                Ok(w) => {
                    if let Some(ch) = w.code.as_str().get(..2) {
                        chapters.push(ch.to_owned());
                    }
                }
                Err(e) => diags.push(
                    Diagnostic::warning(
                        row,
                        "ewc_chapters",
                        Code::NotEwcEntry,
                        format!("`{c}`: {e}; it was left out"),
                    )
                    .with_value(c),
                ),
            }
        }
        crate::sort::sort(&mut chapters);
        chapters.dedup();
        self.ewc_chapters = chapters;
        regions(row, &mut self.regions, diags, false);
        if let Some(m) = self.municipality.as_deref()
            && find_municipality(m).is_none()
        {
            diags.push(
                Diagnostic::warning(
                    row,
                    "municipality",
                    Code::UnknownMunicipality,
                    format!("`{m}` is not a Finnish municipality; it was left out"),
                )
                .with_value(m),
            );
            self.municipality = None;
        }
        crate::sort::sort(&mut self.skills);
        self.skills.dedup();
        link(row, "contact", &mut self.contact, true, diags);
    }
}

impl Record for FundingCall {
    const NOUN: &'static str = "a funding call";

    fn id(&self) -> &str {
        &self.id
    }

    fn check(&mut self, row: usize, diags: &mut Vec<Diagnostic>) {
        required(row, "id", &self.id, diags);
        required(row, "funder", &self.funder, diags);
        required_text(row, "title", &self.title, diags);
        for (field, value) in [("opens", &self.opens), ("deadline", &self.deadline)] {
            if let Some(v) = value
                && let Err(e) = crate::scoring::parse_helsinki(v)
            {
                diags.push(
                    Diagnostic::error(row, field, Code::NotDate, e.to_string()).with_value(v),
                );
            }
        }
        if let (Some(o), Some(d)) = (&self.opens, &self.deadline)
            && let (Ok(o), Ok(d)) = (
                crate::scoring::parse_helsinki(o),
                crate::scoring::parse_helsinki(d),
            )
            && o > d
        {
            diags.push(Diagnostic::error(
                row,
                "opens",
                Code::DateOrder,
                "the call opens after its deadline",
            ));
        }
        for (field, value) in [
            ("amount_min", self.amount_min),
            ("amount_max", self.amount_max),
        ] {
            if value.is_some_and(|v| !v.is_finite() || v < 0.0) {
                diags.push(Diagnostic::error(
                    row,
                    field,
                    Code::OutOfRange,
                    "an amount is a number of euros, 0 or more",
                ));
            }
        }
        if let (Some(a), Some(b)) = (self.amount_min, self.amount_max)
            && a > b
        {
            diags.push(Diagnostic::error(
                row,
                "amount_min",
                Code::OutOfRange,
                "the smallest amount is above the largest",
            ));
        }
        if self
            .funding_rate
            .is_some_and(|r| !r.is_finite() || !(0.0..=100.0).contains(&r))
        {
            diags.push(Diagnostic::error(
                row,
                "funding_rate",
                Code::OutOfRange,
                "the funding rate is a percentage from 0 to 100",
            ));
        }
        // A dropped region would widen who may apply, so an unknown one rejects the call.
        regions(row, &mut self.regions, diags, true);
        link(row, "link", &mut self.link, false, diags);
        link(row, "source", &mut self.source, false, diags);
        if let Some(c) = self.checked.as_deref()
            && crate::date::day_number(c).is_none()
        {
            diags.push(
                Diagnostic::warning(
                    row,
                    "checked",
                    Code::NotDate,
                    format!("`{c}` is not a date (YYYY-MM-DD); it was left out"),
                )
                .with_value(c),
            );
            self.checked = None;
        }
        for list in [&mut self.organisation_types, &mut self.topics] {
            for t in list.iter_mut() {
                *t = t.trim().to_owned();
            }
            list.retain(|t| !t.is_empty());
        }
    }
}

impl Record for Company {
    const NOUN: &'static str = "a company";

    fn id(&self) -> &str {
        &self.id
    }

    fn check(&mut self, row: usize, diags: &mut Vec<Diagnostic>) {
        required(row, "id", &self.id, diags);
        required(row, "name", &self.name, diags);
        if find_municipality(&self.municipality).is_none() {
            diags.push(
                Diagnostic::warning(
                    row,
                    "municipality",
                    Code::UnknownMunicipality,
                    format!(
                        "`{}` is not a Finnish municipality; the company has no map point",
                        self.municipality
                    ),
                )
                .with_value(&self.municipality),
            );
        }
        crate::sort::sort(&mut self.models);
        self.models.dedup();
        link(row, "link", &mut self.link, false, diags);
    }
}

/// How a CSV column becomes a JSON value of the entry.
#[derive(Clone, Copy, PartialEq)]
enum Col {
    Str,
    List,
    Number,
    Flag,
    /// One language of a [`Text`] field: `description_fi`.
    Lang,
}

/// The CSV columns of a kind: header (the JSON field, `_fi`/`_sv`/`_en` for texts) and type.
fn columns(kind: Kind) -> Vec<(String, Col)> {
    let (plain, texts): (&[(&str, Col)], &[&str]) = match kind {
        Kind::Experts => (
            &[
                ("id", Col::Str),
                ("name", Col::Str),
                ("organisation", Col::Str),
                ("categories", Col::List),
                ("ewc_chapters", Col::List),
                ("skills", Col::List),
                ("regions", Col::List),
                ("municipality", Col::Str),
                ("languages", Col::List),
                ("contact", Col::Str),
                ("fictitious", Col::Flag),
            ],
            &["description"],
        ),
        Kind::Funding => (
            &[
                ("id", Col::Str),
                ("funder", Col::Str),
                ("organisation_types", Col::List),
                ("regions", Col::List),
                ("topics", Col::List),
                ("amount_min", Col::Number),
                ("amount_max", Col::Number),
                ("funding_rate", Col::Number),
                ("opens", Col::Str),
                ("deadline", Col::Str),
                ("link", Col::Str),
                ("source", Col::Str),
                ("checked", Col::Str),
                ("status", Col::Str),
                ("example", Col::Flag),
                ("fictitious", Col::Flag),
            ],
            &["programme", "title", "description"],
        ),
        Kind::Companies => (
            &[
                ("id", Col::Str),
                ("name", Col::Str),
                ("municipality", Col::Str),
                ("models", Col::List),
                ("link", Col::Str),
                ("fictitious", Col::Flag),
            ],
            &["sector", "description"],
        ),
    };
    let mut out: Vec<(String, Col)> = plain.iter().map(|(h, c)| ((*h).to_owned(), *c)).collect();
    for t in texts {
        for l in ["fi", "sv", "en"] {
            out.push((format!("{t}_{l}"), Col::Lang));
        }
    }
    out
}

/// Finnish and Swedish headers a partner's spreadsheet may use for a field (lower case).
const ALIASES: &[(&str, &[&str])] = &[
    ("id", &["tunnus", "id-tunnus", "beteckning"]),
    ("name", &["nimi", "namn"]),
    ("organisation", &["organisaatio", "organisation"]),
    (
        "categories",
        &[
            "materiaalit",
            "materiaaliluokat",
            "material",
            "materialkategorier",
        ],
    ),
    ("ewc_chapters", &["ewc-luvut", "ewc-kapitel"]),
    (
        "skills",
        &["osaaminen", "asiantuntemus", "kompetens", "sakkunskap"],
    ),
    ("regions", &["maakunnat", "alueet", "landskap", "regioner"]),
    (
        "municipality",
        &["kunta", "kotikunta", "kommun", "hemkommun"],
    ),
    ("languages", &["kielet", "språk"]),
    (
        "contact",
        &["yhteystieto", "yhteystiedot", "kontakt", "kontaktuppgifter"],
    ),
    ("fictitious", &["keksitty", "fiktiv"]),
    ("funder", &["rahoittaja", "finansiär"]),
    (
        "organisation_types",
        &[
            "hakijat",
            "organisaatiotyypit",
            "sökande",
            "organisationstyper",
        ],
    ),
    ("topics", &["aiheet", "teemat", "teman", "ämnen"]),
    (
        "amount_min",
        &["summa_min", "vähimmäissumma", "belopp_min", "minimibelopp"],
    ),
    (
        "amount_max",
        &["summa_max", "enimmäissumma", "belopp_max", "maximibelopp"],
    ),
    (
        "funding_rate",
        &["tukiprosentti", "rahoitusosuus", "stödandel", "stödprocent"],
    ),
    ("opens", &["avautuu", "öppnar"]),
    (
        "deadline",
        &["määräaika", "päättyy", "sista_ansökningsdag", "stänger"],
    ),
    ("link", &["linkki", "verkkosivu", "länk", "webbplats"]),
    ("source", &["lähde", "källa"]),
    ("checked", &["tarkistettu", "kontrollerad"]),
    ("status", &["tila", "läge"]),
    ("example", &["esimerkki", "exempel"]),
    ("models", &["liiketoimintamallit", "affärsmodeller"]),
    ("description", &["kuvaus", "beskrivning"]),
    ("programme", &["ohjelma", "program"]),
    ("title", &["otsikko", "haku", "rubrik", "utlysning"]),
    ("sector", &["toimiala", "bransch"]),
];

/// Every header that means the column `header` (a field, or a text field's `<field>_<lang>`):
/// the field name and its Finnish and Swedish aliases, with the same language suffix.
fn headers_for(header: &str) -> Vec<String> {
    let (field, suffix) = match header.rsplit_once('_') {
        Some((f, l)) if matches!(l, "fi" | "sv" | "en") => (f, format!("_{l}")),
        _ => (header, String::new()),
    };
    let mut out = vec![header.to_owned()];
    if let Some((_, aliases)) = ALIASES.iter().find(|(f, _)| *f == field) {
        out.extend(aliases.iter().map(|a| format!("{a}{suffix}")));
    }
    out
}

fn flag(s: &str) -> Option<bool> {
    match s.trim().to_lowercase().as_str() {
        "" | "false" | "no" | "ei" | "nej" | "0" => Some(false),
        "true" | "yes" | "kyllä" | "k" | "ja" | "x" | "1" => Some(true),
        _ => None,
    }
}

/// Reads CSV (`,`, `;` or tab; list cells split on `|`, or on `,`/`;` when they are not the
/// delimiter) with the JSON field names or their Finnish or Swedish names (`ALIASES`) as
/// headers; texts as `<field>_fi`, `_sv`, `_en` (`kuvaus_sv`).
pub fn parse_csv(text: &str, kind: Kind) -> Parsed<Entries> {
    let table = crate::csv::parse(text);
    let mut diags = table.diagnostics.clone();
    let cols = columns(kind);
    let accepted: Vec<Vec<String>> = cols.iter().map(|(h, _)| headers_for(h)).collect();
    let names: Vec<&str> = accepted.iter().flatten().map(String::as_str).collect();
    for (_, h) in table.unknown_headers(&names) {
        diags.push(strict::unknown_column(table.header_line, h, &names));
    }
    let column = |i: usize| {
        let wanted: Vec<&str> = accepted[i].iter().map(String::as_str).collect();
        table.column(&wanted)
    };
    if column(0).is_none() {
        diags.push(Diagnostic::error(
            table.header_line,
            "id",
            Code::Missing,
            "the CSV has no `id` column",
        ));
        return Parsed::new(empty(kind), diags);
    }
    let at: Vec<(Option<usize>, &str, Col)> = cols
        .iter()
        .enumerate()
        .map(|(i, (h, c))| (column(i), h.as_str(), *c))
        .collect();
    let mut rows = Vec::new();
    for rec in &table.rows {
        if rec.fields.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let mut obj = Map::new();
        let mut bad = false;
        for &(col, header, ty) in &at {
            let cell = rec.get(col);
            if cell.is_empty() {
                continue;
            }
            match ty {
                Col::Str => {
                    obj.insert(header.into(), cell.into());
                }
                Col::List => {
                    let items: Vec<Value> = cell
                        .split(['|', ';', ','])
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(|s| Value::String(list_item(header, s)))
                        .collect();
                    obj.insert(header.into(), Value::Array(items));
                }
                Col::Number => match parse_decimal(cell) {
                    Some(n) => {
                        obj.insert(header.into(), n.into());
                    }
                    None => {
                        diags.push(
                            Diagnostic::error(
                                rec.line,
                                header,
                                Code::NotNumber,
                                format!("`{cell}` is not a number"),
                            )
                            .with_value(cell),
                        );
                        bad = true;
                    }
                },
                Col::Flag => match flag(cell) {
                    Some(b) => {
                        obj.insert(header.into(), b.into());
                    }
                    None => {
                        diags.push(
                            Diagnostic::error(
                                rec.line,
                                header,
                                Code::NotYesNo,
                                format!("`{cell}` is not yes or no"),
                            )
                            .with_value(cell),
                        );
                        bad = true;
                    }
                },
                Col::Lang => {
                    if let Some((field, lang)) = header.rsplit_once('_') {
                        let t = obj
                            .entry(field.to_owned())
                            .or_insert_with(|| Value::Object(Map::new()));
                        if let Value::Object(t) = t {
                            t.insert(lang.to_owned(), cell.into());
                        }
                    }
                }
            }
        }
        if !bad {
            rows.push((rec.line, Value::Object(obj)));
        }
    }
    let entries = match kind {
        Kind::Experts => Entries::Experts(read_rows(rows, &mut diags)),
        Kind::Funding => Entries::Funding(read_rows(rows, &mut diags)),
        Kind::Companies => Entries::Companies(read_rows(rows, &mut diags)),
    };
    Parsed::new(entries, diags)
}

/// A list cell's item as the JSON reader wants it: skills, models and languages may be
/// written by name (`LCA`, `Tuote palveluna`, `suomi`).
fn list_item(header: &str, s: &str) -> String {
    match header {
        "skills" => {
            super::entry::Skill::parse(s).map_or_else(|| s.to_owned(), |k| k.as_str().to_owned())
        }
        "models" => super::entry::BusinessModel::parse(s)
            .map_or_else(|| s.to_owned(), |m| m.as_str().to_owned()),
        "languages" => match super::entry::key(s).as_str() {
            "suomi" | "finska" | "finnish" | "fi" => "fi".into(),
            "ruotsi" | "svenska" | "swedish" | "sv" => "sv".into(),
            "englanti" | "engelska" | "english" | "en" => "en".into(),
            _ => s.to_owned(),
        },
        _ => s.to_owned(),
    }
}
