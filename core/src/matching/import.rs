//! Reading listings from partner files: the versioned JSON format and CSV with Finnish,
//! Swedish or English headers. Bad rows become diagnostics; good rows always import.

use super::ewc::check_entry;
use super::geo::find_municipality;
use super::listing::{Coordinates, Listing, ListingKind, Recurrence, Status, day_number};
use super::taxonomy::{categories, category, category_for_ewc};
use super::text::fold;
use crate::Code;
use crate::strict;
use crate::vocab::{Diagnostic, Lang, Parsed, Quantity, Severity, Unit, parse_decimal};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use std::collections::BTreeSet;

/// The JSON format version written by [`to_json`] and accepted by [`parse_json`].
pub const FORMAT_VERSION: u32 = 1;

/// The versioned file: `{"version": 1, "listings": [...]}`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ListingFile {
    /// The format version; [`FORMAT_VERSION`] is the one read and written.
    pub version: u32,
    /// The listings, in file order.
    pub listings: Vec<Listing>,
}

/// Serialises listings in the versioned format.
pub fn to_json(listings: &[Listing]) -> String {
    let file = serde_json::json!({"version": FORMAT_VERSION, "listings": listings});
    serde_json::to_string_pretty(&file).unwrap_or_default()
}

/// Reads JSON (versioned object or bare array), Materiaalitori's listing JSON or CSV,
/// whichever `text` looks like.
pub fn parse_listings(text: &str) -> Parsed<Vec<Listing>> {
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if trimmed.starts_with('{') || trimmed.starts_with('[') {
        if super::materiaalitori::looks_like_materiaalitori(trimmed) {
            return from_materiaalitori(trimmed);
        }
        parse_json(trimmed)
    } else {
        parse_csv(text)
    }
}

/// Reads Materiaalitori's listing JSON and checks the result as any other listings file
/// (EWC codes, dates, places); those later checks count rows in the listings it produced.
pub fn from_materiaalitori(text: &str) -> Parsed<Vec<Listing>> {
    let (listings, mut diags) = super::materiaalitori::parse_materiaalitori(text).into_parts();
    let rows = listings
        .into_iter()
        .enumerate()
        .map(|(i, l)| (i + 1, l, Vec::new()))
        .collect();
    let listings = validate_all(rows, &mut diags);
    Parsed::new(listings, diags)
}

/// The built-in demo listings (fictional companies, real municipalities).
pub fn sample_listings() -> Vec<Listing> {
    parse_json(include_str!("../../data/sample-listings.json")).value
}

/// Reads the versioned JSON format or a bare array; each element is checked on its own.
pub fn parse_json(text: &str) -> Parsed<Vec<Listing>> {
    let mut diags = Vec::new();
    // A well-formed versioned file parses in one typed pass (about twice as fast); anything
    // else takes the row-by-row path below, which says what is wrong where.
    if let Ok(file) = serde_json::from_str::<ListingFile>(text)
        && file.version == FORMAT_VERSION
    {
        let mut rows: Vec<Row> = file
            .listings
            .into_iter()
            .enumerate()
            .map(|(i, l)| (i + 1, l, Vec::new()))
            .collect();
        attach(&mut rows, unknown_keys(text), &mut diags);
        let listings = validate_all(rows, &mut diags);
        return Parsed::new(listings, diags);
    }
    parse_json_rows(text)
}

/// Keys of a listings document that no field reads, as warnings naming the closest known key.
/// Found by walking the document as plain JSON: in the finder's module that costs a fraction of
/// a second, tracking deserializer (the module already reads `Value` for Materiaalitori).
fn unknown_keys(text: &str) -> Vec<Diagnostic> {
    use serde_json::Value;
    let Ok(value) = serde_json::from_str::<Value>(text) else {
        return Vec::new();
    };
    let known = known_keys();
    let (listing, quantity, coordinates) = (
        strict::fields_of::<Listing>(),
        strict::fields_of::<Quantity>(),
        strict::fields_of::<Coordinates>(),
    );
    let mut out = Vec::new();
    let rows: &[Value] = match &value {
        Value::Array(rows) => rows,
        Value::Object(top) => {
            let envelope = strict::fields_of::<ListingFile>();
            for key in top.keys().filter(|k| !envelope.contains(&k.as_str())) {
                out.push(strict::unknown_key(0, key, key, &known));
            }
            top.get("listings")
                .and_then(Value::as_array)
                .map_or(&[], Vec::as_slice)
        }
        _ => &[],
    };
    for (i, row) in rows.iter().enumerate() {
        let Some(fields) = row.as_object() else {
            continue;
        };
        for (key, v) in fields {
            let nested = match key.as_str() {
                "quantity" => quantity,
                "coordinates" => coordinates,
                k if listing.contains(&k) => continue,
                _ => {
                    out.push(strict::unknown_key(i + 1, key, key, &known));
                    continue;
                }
            };
            for inner in v.as_object().into_iter().flat_map(|o| o.keys()) {
                if !nested.contains(&inner.as_str()) {
                    let field = format!("{key}.{inner}");
                    out.push(strict::unknown_key(i + 1, &field, inner, &known));
                }
            }
        }
    }
    out
}

/// Puts each diagnostic on its row, or among the file's own when its row was not read.
fn attach(rows: &mut [Row], found: Vec<Diagnostic>, diags: &mut Vec<Diagnostic>) {
    for d in found {
        match rows.iter_mut().find(|r| r.0 == d.row && d.row > 0) {
            Some(row) => row.2.push(d),
            None => diags.push(d),
        }
    }
}

/// A listing with its 1-based row and what its reader already found wrong with it.
type Row = (usize, Listing, Vec<Diagnostic>);

/// Every key a listings file may have, for "did you mean" suggestions.
fn known_keys() -> Vec<&'static str> {
    strict::known(&[
        strict::fields_of::<ListingFile>(),
        strict::fields_of::<Listing>(),
        strict::fields_of::<Quantity>(),
        strict::fields_of::<Coordinates>(),
    ])
}

/// The top level of a versioned file, rows left unread so that each is checked on its own.
#[derive(Deserialize)]
struct Envelope<'a> {
    #[serde(borrow)]
    version: Option<&'a RawValue>,
    #[serde(borrow)]
    listings: Option<&'a RawValue>,
}

/// The row-by-row reading of [`parse_json`]: every element is checked on its own.
///
/// Rows are parsed from their own text with the same deserializer as the typed pass, so the
/// wasm module carries one `Listing` reader, not a second one for `serde_json::Value`.
fn parse_json_rows(text: &str) -> Parsed<Vec<Listing>> {
    let mut diags = Vec::new();
    let not_json = |e: serde_json::Error| {
        vec![Diagnostic::error(
            0,
            "",
            Code::NotJson,
            format!("not valid JSON: {e}"),
        )]
    };
    let items: Vec<&RawValue> = match text.trim_start().as_bytes().first() {
        Some(b'[') => match serde_json::from_str(text) {
            Ok(items) => items,
            Err(e) => return Parsed::new(Vec::new(), not_json(e)),
        },
        Some(b'{') => {
            let envelope: Envelope = match serde_json::from_str(text) {
                Ok(envelope) => envelope,
                Err(e) => return Parsed::new(Vec::new(), not_json(e)),
            };
            match envelope.version.and_then(|v| v.get().parse::<u64>().ok()) {
                Some(v) if v == u64::from(FORMAT_VERSION) => {}
                Some(v) => {
                    diags.push(
                        Diagnostic::error(
                            0,
                            "version",
                            Code::UnsupportedVersion,
                            format!("unsupported format version {v}, expected {FORMAT_VERSION}"),
                        )
                        .with_value(v),
                    );
                    return Parsed::new(Vec::new(), diags);
                }
                None => diags.push(Diagnostic::warning(
                    0,
                    "version",
                    Code::Missing,
                    "missing format version",
                )),
            }
            match envelope
                .listings
                .and_then(|l| serde_json::from_str::<Vec<&RawValue>>(l.get()).ok())
            {
                Some(items) => items,
                None => {
                    diags.push(Diagnostic::error(
                        0,
                        "listings",
                        Code::WrongShape,
                        "expected an array of listings",
                    ));
                    return Parsed::new(Vec::new(), diags);
                }
            }
        }
        _ => {
            // Scalars and garbage: say whether it is JSON at all.
            let (code, message) = match serde_json::from_str::<&RawValue>(text) {
                Ok(_) => (
                    Code::WrongShape,
                    "expected an object or an array".to_owned(),
                ),
                Err(e) => (Code::NotJson, format!("not valid JSON: {e}")),
            };
            return Parsed::new(Vec::new(), vec![Diagnostic::error(0, "", code, message)]);
        }
    };
    let mut listings = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        match serde_json::from_str::<Listing>(item.get()) {
            Ok(l) => listings.push((i + 1, l, Vec::new())),
            Err(e) => diags.push(Diagnostic::error(
                i + 1,
                "",
                Code::RowUnreadable,
                format!("invalid listing: {}", without_position(&e)),
            )),
        }
    }
    attach(&mut listings, unknown_keys(text), &mut diags);
    let listings = validate_all(listings, &mut diags);
    Parsed::new(listings, diags)
}

/// A row's error without serde's " at line 1 column N", which counts within the row only.
fn without_position(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(at) if e.line() > 0 => text[..at].to_owned(),
        _ => text,
    }
}

/// Checks rows, dropping those with errors; warnings keep the row.
fn validate_all(rows: Vec<Row>, diags: &mut Vec<Diagnostic>) -> Vec<Listing> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for (row, mut listing, mut mine) in rows {
        mine.extend(normalise(row, &mut listing));
        mine.extend(validate(row, &listing));
        if !seen.insert(listing.id.clone()) {
            mine.push(
                Diagnostic::error(
                    row,
                    "id",
                    Code::Duplicate,
                    format!("duplicate id `{}`", listing.id),
                )
                .with_value(&listing.id),
            );
        }
        let bad = mine.iter().any(|d| d.severity == Severity::Error);
        diags.extend(mine);
        if !bad {
            out.push(listing);
        }
    }
    out
}

/// Puts a row's EWC code in its one stored form (six digits of an entry of the list) and
/// makes the hazard flag agree with the code; what was changed or left out is reported.
fn normalise(row: usize, l: &mut Listing) -> Vec<Diagnostic> {
    let Some(text) = l.ewc.take() else {
        return Vec::new();
    };
    let checked = check_entry(row, "ewc", &text, l.hazardous);
    l.ewc = checked.code.map(|c| c.as_str().to_owned());
    l.hazardous = checked.hazardous;
    checked.diagnostics
}

/// Diagnostics for one listing (`row` is 1-based).
pub fn validate(row: usize, l: &Listing) -> Vec<Diagnostic> {
    let mut d = Vec::new();
    if l.id.trim().is_empty() {
        d.push(Diagnostic::error(row, "id", Code::Missing, "id is empty"));
    }
    if l.title.trim().is_empty() {
        d.push(Diagnostic::error(
            row,
            "title",
            Code::Missing,
            "title is empty",
        ));
    }
    if !(l.quantity.amount.is_finite() && l.quantity.amount >= 0.0) {
        d.push(
            Diagnostic::error(
                row,
                "quantity",
                Code::OutOfRange,
                "amount must be a non-negative number",
            )
            .with_value(l.quantity.amount),
        );
    }
    if category(&l.category).is_none() {
        d.push(
            Diagnostic::warning(
                row,
                "category",
                Code::UnknownValue,
                format!("unknown category `{}`", l.category),
            )
            .with_value(&l.category),
        );
    }
    if let Some(code) = &l.ewc
        && l.ewc_code().is_none()
    {
        d.push(
            Diagnostic::warning(
                row,
                "ewc",
                Code::NotEwcEntry,
                format!("`{code}` is not an entry of the European List of Waste"),
            )
            .with_value(code),
        );
    }
    if find_municipality(&l.municipality).is_none() && l.coordinates.is_none() {
        d.push(
            Diagnostic::warning(
                row,
                "municipality",
                Code::UnknownMunicipality,
                format!(
                    "unknown municipality `{}`; distance cannot be computed",
                    l.municipality
                ),
            )
            .with_value(&l.municipality),
        );
    }
    if let Some(c) = l.coordinates
        && !(c.lat.is_finite() && c.lon.is_finite() && c.lat.abs() <= 90.0 && c.lon.abs() <= 180.0)
    {
        d.push(Diagnostic::error(
            row,
            "coordinates",
            Code::OutOfRange,
            "coordinates out of range",
        ));
    }
    if let Some(km) = l.max_distance_km
        && !(km.is_finite() && km >= 0.0)
    {
        d.push(Diagnostic::error(
            row,
            "max_distance_km",
            Code::OutOfRange,
            "must be a non-negative number",
        ));
    }
    for (field, date) in [
        ("available_from", &l.available_from),
        ("available_until", &l.available_until),
    ] {
        if let Some(s) = date
            && day_number(s).is_none()
        {
            d.push(
                Diagnostic::error(
                    row,
                    field,
                    Code::NotDate,
                    format!("`{s}` is not a YYYY-MM-DD date"),
                )
                .with_value(s),
            );
        }
    }
    if let (Some(a), Some(b)) = (
        l.available_from.as_deref().and_then(day_number),
        l.available_until.as_deref().and_then(day_number),
    ) && b < a
    {
        d.push(Diagnostic::error(
            row,
            "available_until",
            Code::DateOrder,
            "window ends before it starts",
        ));
    }
    d
}

/// Header names accepted for each field (lower-case; fi, sv, en).
const COLUMNS: &[(&str, &[&str])] = &[
    ("id", &["id", "tunnus", "nro", "nr", "ilmoitus", "annons"]),
    (
        "kind",
        &["kind", "type", "tyyppi", "laji", "typ", "ilmoitustyyppi"],
    ),
    (
        "title",
        &[
            "title",
            "otsikko",
            "nimi",
            "rubrik",
            "titel",
            "name",
            "material name",
        ],
    ),
    (
        "description",
        &["description", "kuvaus", "beskrivning", "lisätiedot"],
    ),
    (
        "category",
        &[
            "category",
            "kategoria",
            "materiaaliluokka",
            "luokka",
            "kategori",
            "materiaali",
            "material",
        ],
    ),
    (
        "quantity",
        &["quantity", "amount", "määrä", "mängd", "kvantitet", "maara"],
    ),
    ("unit", &["unit", "yksikkö", "enhet", "yksikko"]),
    (
        "municipality",
        &[
            "municipality",
            "kunta",
            "kommun",
            "sijainti",
            "location",
            "paikkakunta",
            "ort",
        ],
    ),
    (
        "ewc",
        &[
            "ewc",
            "ewc code",
            "ewc-koodi",
            "jätekoodi",
            "avfallskod",
            "lwc",
        ],
    ),
    (
        "hazardous",
        &[
            "hazardous",
            "vaarallinen",
            "vaarallinen jäte",
            "farlig",
            "farligt avfall",
        ],
    ),
    (
        "recurrence",
        &[
            "recurrence",
            "toistuvuus",
            "jatkuvuus",
            "frekvens",
            "återkommande",
            "frequency",
        ],
    ),
    ("lat", &["lat", "latitude", "leveysaste"]),
    ("lon", &["lon", "lng", "longitude", "pituusaste"]),
    (
        "max_distance_km",
        &[
            "max_distance_km",
            "max distance km",
            "max distance",
            "maksimietäisyys",
            "max etäisyys km",
            "maxavstånd",
            "max avstånd km",
        ],
    ),
    (
        "available_from",
        &[
            "available_from",
            "from",
            "alkaen",
            "saatavilla alkaen",
            "från",
            "start",
        ],
    ),
    (
        "available_until",
        &[
            "available_until",
            "until",
            "asti",
            "saakka",
            "till",
            "end",
            "päättyy",
        ],
    ),
    (
        "hazardous_permit",
        &[
            "hazardous_permit",
            "permit",
            "lupa",
            "ympäristölupa",
            "tillstånd",
            "miljötillstånd",
        ],
    ),
    (
        "quality_class",
        &[
            "quality_class",
            "quality class",
            "laatuluokka",
            "kvalitetsklass",
        ],
    ),
    (
        "quality_notes",
        &[
            "quality_notes",
            "quality",
            "laatu",
            "laatutiedot",
            "kvalitet",
        ],
    ),
    ("status", &["status", "tila"]),
    (
        "organisation",
        &[
            "organisation",
            "organization",
            "organisaatio",
            "yritys",
            "företag",
            "company",
        ],
    ),
    ("lang", &["lang", "language", "kieli", "språk"]),
];

/// Reads CSV with `,` or `;`, a BOM, decimal commas and fi/sv/en headers.
pub fn parse_csv(text: &str) -> Parsed<Vec<Listing>> {
    let table = crate::csv::parse(text);
    let mut diags = table.diagnostics.clone();
    // Columns are found once, so a row costs the same whatever the header count.
    let found: Vec<(&str, Option<usize>)> = COLUMNS
        .iter()
        .map(|(f, names)| (*f, table.column(names)))
        .collect();
    let col = |field: &str| {
        found
            .iter()
            .find(|(f, _)| *f == field)
            .and_then(|(_, c)| *c)
    };
    let aliases: Vec<&str> = COLUMNS
        .iter()
        .flat_map(|(_, names)| names.iter().copied())
        .collect();
    for (_, header) in table.unknown_headers(&aliases) {
        diags.push(strict::unknown_column(table.header_line, header, &aliases));
    }
    let mut missing = false;
    for required in ["title", "quantity", "municipality"] {
        if col(required).is_none() {
            missing = true;
            diags.push(Diagnostic::error(
                0,
                required,
                Code::Missing,
                format!("no `{required}` column"),
            ));
        }
    }
    if missing {
        return Parsed::new(Vec::new(), diags);
    }
    let mut rows = Vec::new();
    for rec in &table.rows {
        let get = |field: &str| rec.get(col(field));
        let row = rec.line;
        let mut errs = Vec::new();
        let kind = match parse_kind(get("kind")) {
            Some(k) => k,
            None => {
                errs.push(
                    Diagnostic::error(
                        row,
                        "kind",
                        Code::UnknownValue,
                        format!("`{}` is neither offer nor seek", get("kind")),
                    )
                    .with_value(get("kind")),
                );
                ListingKind::Offer
            }
        };
        let quantity = match parse_quantity(get("quantity"), get("unit")) {
            Ok(q) => q,
            Err(message) => {
                errs.push(Diagnostic::error(row, "quantity", Code::Invalid, message));
                Quantity {
                    amount: 0.0,
                    unit: Unit::Tonne,
                }
            }
        };
        let ewc = Some(get("ewc"))
            .filter(|s| !s.is_empty())
            .map(str::to_owned);
        let category = resolve_category(get("category"), ewc.as_deref());
        if category == "other"
            && !get("category").is_empty()
            && fold(get("category")).trim() != "other"
        {
            errs.push(
                Diagnostic::warning(
                    row,
                    "category",
                    Code::UnknownValue,
                    format!("unknown category `{}`, using `other`", get("category")),
                )
                .with_value(get("category")),
            );
        }
        let mut flag = |field: &str| match parse_bool(get(field)) {
            Some(b) => b,
            None => {
                errs.push(
                    Diagnostic::error(
                        row,
                        field,
                        Code::NotYesNo,
                        format!("`{}` is not yes/no", get(field)),
                    )
                    .with_value(get(field)),
                );
                false
            }
        };
        let hazardous = flag("hazardous");
        let hazardous_permit = flag("hazardous_permit");
        let recurrence = Recurrence::parse(get("recurrence")).unwrap_or_else(|| {
            errs.push(
                Diagnostic::warning(
                    row,
                    "recurrence",
                    Code::UnknownValue,
                    format!("unknown recurrence `{}`, using one-off", get("recurrence")),
                )
                .with_value(get("recurrence")),
            );
            Recurrence::OneOff
        });
        let number = |field: &str, errs: &mut Vec<Diagnostic>| {
            let s = get(field);
            if s.is_empty() {
                return None;
            }
            let v = parse_decimal(s);
            if v.is_none() {
                errs.push(
                    Diagnostic::error(
                        row,
                        field,
                        Code::NotNumber,
                        format!("`{s}` is not a number"),
                    )
                    .with_value(s),
                );
            }
            v
        };
        let coordinates = match (number("lat", &mut errs), number("lon", &mut errs)) {
            (Some(lat), Some(lon)) => Some(Coordinates { lat, lon }),
            _ => None,
        };
        let max_distance_km = number("max_distance_km", &mut errs);
        let status = match fold(get("status")).trim() {
            "" | "open" | "avoin" | "oppen" | "aktiivinen" | "active" => Status::Open,
            "closed" | "suljettu" | "stangd" | "paattynyt" | "avslutad" => Status::Closed,
            other => {
                errs.push(
                    Diagnostic::error(
                        row,
                        "status",
                        Code::UnknownValue,
                        format!("unknown status `{other}`"),
                    )
                    .with_value(other),
                );
                Status::Open
            }
        };
        let text = |field: &str| Some(get(field).to_owned()).filter(|s| !s.is_empty());
        let id = text("id").unwrap_or_else(|| format!("row-{row}"));
        let listing = Listing {
            id,
            kind,
            title: get("title").to_owned(),
            description: get("description").to_owned(),
            category,
            quantity,
            municipality: get("municipality").to_owned(),
            ewc,
            hazardous,
            recurrence,
            coordinates,
            max_distance_km,
            available_from: text("available_from"),
            available_until: text("available_until"),
            hazardous_permit,
            quality_class: text("quality_class"),
            quality_notes: get("quality_notes").to_owned(),
            status,
            organisation: text("organisation"),
            lang: Lang::from_tag(get("lang")),
        };
        if errs.iter().any(|d| d.severity == Severity::Error) {
            diags.extend(errs);
        } else {
            rows.push((row, listing, errs));
        }
    }
    let listings = validate_all(rows, &mut diags);
    Parsed::new(listings, diags)
}

fn parse_kind(s: &str) -> Option<ListingKind> {
    let f = fold(s);
    match f.trim() {
        "offer" | "offering" | "supply" | "have" | "tarjous" | "tarjotaan" | "tarjoaa"
        | "tarjonta" | "erbjuder" | "erbjuds" | "erbjudande" | "utbud" => Some(ListingKind::Offer),
        "seek" | "seeking" | "request" | "demand" | "want" | "wanted" | "need" | "haku"
        | "haetaan" | "etsitaan" | "hakee" | "kysynta" | "tarve" | "soker" | "sokes"
        | "efterfragan" | "behov" => Some(ListingKind::Seek),
        _ => None,
    }
}

fn parse_bool(s: &str) -> Option<bool> {
    match fold(s).trim() {
        "" | "false" | "no" | "n" | "0" | "ei" | "nej" | "-" => Some(false),
        "true" | "yes" | "y" | "1" | "x" | "kylla" | "k" | "ja" | "on" => Some(true),
        _ => None,
    }
}

/// `amount` with `unit`, or `"12 t"` in one cell when there is no unit column.
fn parse_quantity(amount: &str, unit: &str) -> Result<Quantity, String> {
    let (amount, unit) = if unit.is_empty() {
        let split = amount
            .char_indices()
            .find(|(_, c)| c.is_alphabetic())
            .map_or(amount.len(), |(i, _)| i);
        (
            amount.get(..split).unwrap_or(""),
            amount.get(split..).unwrap_or(""),
        )
    } else {
        (amount, unit)
    };
    let value = parse_decimal(amount).ok_or(format!("`{amount}` is not a number"))?;
    if value < 0.0 {
        return Err("amount is negative".into());
    }
    let unit = Unit::parse(unit).ok_or(format!("unknown unit `{unit}`"))?;
    Ok(Quantity {
        amount: value,
        unit,
    })
}

/// A category id from an id, a fi/sv/en name or synonym, or the EWC code; `other` otherwise.
fn resolve_category(s: &str, ewc: Option<&str>) -> String {
    let f = fold(s).trim().to_owned();
    if !f.is_empty() {
        if let Some(c) = category(&f) {
            return c.id.clone();
        }
        for c in categories() {
            let names = [&c.name.fi, &c.name.sv, &c.name.en];
            let hit = names
                .iter()
                .flat_map(|n| n.as_deref())
                .chain(c.synonyms.iter().map(String::as_str))
                .any(|n| fold(n).trim() == f);
            if hit {
                return c.id.clone();
            }
        }
    }
    ewc.and_then(category_for_ewc)
        .map_or_else(|| "other".to_owned(), |c| c.id.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_with_finnish_headers_imports_good_rows_and_reports_bad_ones() {
        let csv = "\u{feff}Tunnus;Tyyppi;Otsikko;Kategoria;Määrä;Yksikkö;Kunta;EWC\n\
                   A1;tarjous;Puujäte;wood;12,5;t;Tampere;17 02 01\n\
                   A2;haku;Lavoja;wood;abc;kpl;Nokia;\n\
                   A3;mikä;Lasi;glass;3;t;Espoo;\n\
                   A4;haetaan;Kalvo;plastics;1;t;Eiolemassa;\n";
        let (listings, diags) = parse_listings(csv).into_parts();
        let ids: Vec<&str> = listings.iter().map(|l| l.id.as_str()).collect();
        assert_eq!(ids, vec!["A1", "A4"]);
        assert_eq!(listings[0].quantity.amount, 12.5);
        assert_eq!(listings[0].ewc.as_deref(), Some("170201"));
        assert!(diags.iter().any(|d| d.row == 3 && d.field == "quantity"));
        assert!(diags.iter().any(|d| d.row == 4 && d.field == "kind"));
        assert!(
            diags.iter().any(|d| d.row == 5
                && d.field == "municipality"
                && d.severity == Severity::Warning)
        );
    }

    #[test]
    fn swedish_headers_and_combined_quantity_cell_work() {
        let csv = "Typ,Rubrik,Kategori,Mängd,Kommun\nerbjuder,Träpallar,trä,250 st,Vasa\n";
        let (listings, diags) = parse_listings(csv).into_parts();
        assert_eq!(listings.len(), 1, "{diags:?}");
        assert_eq!(listings[0].quantity.unit, Unit::Piece);
        assert_eq!(listings[0].id, "row-2");
    }

    #[test]
    fn json_accepts_versioned_and_bare_forms_and_rejects_other_versions() {
        let bare = r#"[{"id":"x","kind":"offer","title":"Puu","category":"wood","quantity":{"amount":1,"unit":"t"},"municipality":"Tampere"}]"#;
        let (a, _) = parse_listings(bare).into_parts();
        assert_eq!(a.len(), 1);
        let versioned = format!(r#"{{"version":1,"listings":{bare}}}"#);
        assert_eq!(parse_listings(&versioned).value, a);
        let (none, diags) =
            parse_listings(&format!(r#"{{"version":7,"listings":{bare}}}"#)).into_parts();
        assert!(none.is_empty() && diags[0].severity == Severity::Error);
        assert_eq!(parse_json(&to_json(&a)).value, a);
    }

    #[test]
    fn the_typed_pass_reads_exactly_what_the_row_by_row_path_reads() {
        let sample = include_str!("../../data/sample-listings.json");
        let duplicate = sample.replacen("\"L-003\"", "\"L-002\"", 1);
        let empty_title = sample.replacen("\"Kuormalavoja tarvitaan\"", "\" \"", 1);
        let unknown_category = sample.replacen("\"wood\"", "\"furniture\"", 1);
        for text in [sample, &duplicate, &empty_title, &unknown_category] {
            assert!(serde_json::from_str::<ListingFile>(text).is_ok());
            assert_eq!(parse_json(text), parse_json_rows(text));
        }
        assert!(
            !parse_json(&duplicate).diagnostics.is_empty(),
            "the duplicate id is reported"
        );
    }

    #[test]
    fn one_bad_json_element_does_not_sink_the_rest() {
        let text = r#"[{"id":"x","kind":"offer","title":"Puu","category":"wood","quantity":{"amount":1,"unit":"t"},"municipality":"Tampere"},{"id":"y"}, 5]"#;
        let (l, d) = parse_listings(text).into_parts();
        assert_eq!(l.len(), 1);
        assert_eq!(
            d.iter().filter(|d| d.severity == Severity::Error).count(),
            2
        );
    }

    #[test]
    fn garbage_never_panics() {
        for s in [
            "",
            "{",
            "[",
            "\"",
            "a;b\n\"",
            "{\"version\":1}",
            "null",
            "title;quantity;municipality\n;;\n;-1 t;x",
        ] {
            let _ = parse_listings(s);
        }
    }

    fn one(extra: &str) -> String {
        format!(
            r#"{{"version":1,"listings":[{{"id":"s","kind":"seek","title":"Puuta","category":"wood","quantity":{{"amount":1,"unit":"t"}},"municipality":"Tampere"{extra}}}]}}"#
        )
    }

    #[test]
    fn a_misspelt_key_is_reported_with_the_key_it_was_meant_to_be() {
        for text in [
            one(r#","max_distance":10"#),
            one(r#","max_distance":10"#)
                .replacen("{\"version\":1,\"listings\":", "", 1)
                .trim_end_matches('}')
                .to_owned(),
        ] {
            let (listings, diags) = parse_listings(&text).into_parts();
            assert_eq!(listings.len(), 1, "{text}: {diags:?}");
            let d = diags
                .iter()
                .find(|d| d.field == "max_distance")
                .expect("reported");
            assert_eq!(d.row, 1);
            assert_eq!(d.severity, Severity::Warning);
            assert_eq!(d.suggestion.as_deref(), Some("max_distance_km"));
        }
        let (_, diags) =
            parse_listings(&one(r#","hazardous_permt":true,"quantity2":1"#)).into_parts();
        let permit = diags
            .iter()
            .find(|d| d.field == "hazardous_permt")
            .expect("reported");
        assert_eq!(permit.suggestion.as_deref(), Some("hazardous_permit"));
        let (_, diags) =
            parse_listings(&one("").replace("\"unit\":\"t\"", "\"unit\":\"t\",\"amout\":2"))
                .into_parts();
        assert!(
            diags
                .iter()
                .any(|d| d.field == "quantity.amout" && d.suggestion.as_deref() == Some("amount"))
        );
        let (_, diags) =
            parse_listings(&one("").replace("\"version\":1,", "\"version\":1,\"listing\":[],"))
                .into_parts();
        assert!(
            diags.iter().any(|d| d.row == 0
                && d.field == "listing"
                && d.suggestion.as_deref() == Some("listings")),
            "{diags:?}"
        );
    }

    #[test]
    fn dates_outside_the_schema_form_are_errors() {
        for date in ["2023-02-28T12:00", "+2023-02-01", "2023-02-30", "tomorrow"] {
            let (listings, diags) =
                parse_listings(&one(&format!(r#","available_until":"{date}""#))).into_parts();
            assert!(listings.is_empty(), "{date}");
            assert!(
                diags
                    .iter()
                    .any(|d| d.field == "available_until" && d.severity == Severity::Error)
            );
        }
    }

    #[test]
    fn ewc_codes_are_stored_in_one_form_and_unknown_ones_are_left_out_with_a_word() {
        let (l, d) = parse_listings(&one(r#","ewc":"17-02-01*""#)).into_parts();
        assert_eq!(l[0].ewc.as_deref(), Some("170201"));
        assert!(l[0].hazardous, "the star is kept");
        assert!(
            d.iter().any(|d| d.field == "ewc"),
            "star and list disagree: {d:?}"
        );
        for code in ["999999", "00 00 00", "17 02 99"] {
            let (l, d) = parse_listings(&one(&format!(r#","ewc":"{code}""#))).into_parts();
            assert_eq!(l.len(), 1, "kept without the code");
            assert_eq!(l[0].ewc, None);
            assert!(
                d.iter()
                    .any(|d| d.field == "ewc" && d.message.contains(code)),
                "{code}: {d:?}"
            );
        }
        let (l, _) = parse_listings(&one(r#","ewc":"17 06 05""#)).into_parts();
        assert!(
            l[0].hazardous,
            "a hazardous entry marks the listing hazardous"
        );
    }

    #[test]
    fn csv_reports_unknown_columns_and_unterminated_quotes_and_keeps_the_rest() {
        let csv = "tyyppi;otsikko;määrä;kunta;maksimietaisyys;;;\n\
                   haku;Puu;1 t;Tampere;10;;;\n\
                   haku;\"Lasi;2 t;Espoo;5\n\
                   haku;Muovi;3 t;Nokia;;;\n";
        let (listings, diags) = parse_listings(csv).into_parts();
        let titles: Vec<&str> = listings.iter().map(|l| l.title.as_str()).collect();
        assert_eq!(titles, vec!["Puu", "Muovi"]);
        let column = diags
            .iter()
            .find(|d| d.field == "maksimietaisyys")
            .expect("column reported");
        assert_eq!(column.suggestion.as_deref(), Some("maksimietäisyys"));
        assert!(
            diags
                .iter()
                .any(|d| d.row == 3 && d.message.contains("unterminated quote"))
        );
    }

    #[test]
    fn wide_spreadsheet_exports_read_like_narrow_ones() {
        let narrow =
            "kind,title,quantity,municipality\noffer,Puu,1 t,Tampere\nseek,Lasi,2 t,Espoo\n";
        let pad = ",".repeat(2000);
        let wide: String = narrow.lines().map(|l| format!("{l}{pad}\n")).collect();
        let (listings, diags) = parse_listings(narrow).into_parts();
        assert_eq!(listings.len(), 2, "{diags:?}");
        assert_eq!(parse_listings(&wide), Parsed::new(listings, diags));
    }

    #[test]
    fn the_glossarys_word_for_a_need_reads_as_a_seek_in_every_language() {
        for word in ["tarve", "behov", "need", "Behov"] {
            assert_eq!(parse_kind(word), Some(ListingKind::Seek), "{word}");
        }
        assert_eq!(parse_kind("erbjudande"), Some(ListingKind::Offer));
        assert_eq!(parse_kind("behöver kanske"), None);
    }
}
