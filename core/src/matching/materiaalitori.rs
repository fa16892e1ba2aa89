//! Materiaalitori's listings (requests for offer, "rfo") read into our [`Listing`]s.
//!
//! The shape followed is the one the public client `solita/ym-mt-client` reads from
//! `/api/rfo` (commit e293c4f, 2020-03-11); the code lists are Materiaalitori's
//! `/api/configurations`. Every mapping decision and diagnostic is listed in
//! `docs/materiaalitori.md`.

use super::geo::find_municipality;
use super::listing::{Coordinates, Listing, ListingKind, Recurrence, Status, day_number};
use super::taxonomy::category_for_ewc;
use crate::Code;
use crate::date::format_day;
use crate::vocab::{Diagnostic, Parsed, Quantity, Unit, parse_decimal};
use serde_json::{Map, Value};
use std::collections::HashSet;

/// Official codes of the 311 municipalities of Materiaalitori's list, three digits each, in
/// order: `M_n` is the n-th (its ids number the 2019 division sorted by official code).
const MT_MUNICIPALITY_CODES: &str = "005009010016018019020035043046047049050051052060061062065069071072074075076077078079081082086090091092097098099102103105106108109111139140142143145146148149151152153165167169170171172176177178179181182186202204205208211213214216217218224226230231232233235236239240241244245249250256257260261263265271272273275276280284285286287288290291295297300301304305309312316317318320322398399400402403405407408410416417418420421422423425426430433434435436438440441444445475478480481483484489491494495498499500503504505507508529531535536538541543545560561562563564576577578580581583584588592593595598599601604607608609611614615616619620623624625626630631635636638678680681683684686687689691694697698700702704707710729732734736738739740742743746747748749751753755758759761762765766768771777778781783785790791831832833834837844845846848849850851853854857858859886887889890892893895905908911915918921922924925927931934935936941946976977980981989992";

/// Municipalities of Materiaalitori's list merged since: (code, name, successor's code, year).
const MERGED: &[(&str, &str, &str, u16)] = &[
    ("099", "Honkajoki", "214", 2021),
    ("588", "Pertunmaa", "507", 2025),
    ("911", "Valtimo", "541", 2020),
];

/// Materiaalitori's regions `R_1`…`R_19` (official codes 01…21 in order): Finnish name and
/// the WGS84 point Materiaalitori gives the region, as (lat, lon).
const MT_REGIONS: &[(&str, f64, f64)] = &[
    ("Uusimaa", 60.28761, 24.74495),
    ("Varsinais-Suomi", 60.39228, 22.33364),
    ("Satakunta", 61.59148, 22.0944),
    ("Kanta-Häme", 60.93876, 24.20239),
    ("Pirkanmaa", 61.71671, 23.70185),
    ("Päijät-Häme", 61.23716, 25.68079),
    ("Kymenlaakso", 60.74633, 27.01551),
    ("Etelä-Karjala", 61.26549, 28.6323),
    ("Etelä-Savo", 61.90355, 27.95704),
    ("Pohjois-Savo", 63.0891, 27.56899),
    ("Pohjois-Karjala", 62.80267, 29.97325),
    ("Keski-Suomi", 62.53162, 25.39292),
    ("Etelä-Pohjanmaa", 62.73915, 23.04816),
    ("Pohjanmaa", 62.94054, 22.16092),
    ("Keski-Pohjanmaa", 63.61662, 23.89548),
    ("Pohjois-Pohjanmaa", 64.95752, 26.76917),
    ("Kainuu", 64.59484, 28.65091),
    ("Lappi", 67.73262, 25.2823),
    ("Ahvenanmaa", 60.23314, 20.25698),
];

/// Materiaalitori's material classifications (`/api/configurations` → `materials`) and our
/// category for each.
const CLASSIFICATIONS: &[(&str, &str)] = &[
    ("puu", "wood"),
    ("maa_ainekset", "soil"),
    ("betoni", "construction"),
    ("tiilet_ja_keramiikka", "construction"),
    ("paperi", "paper"),
    ("kartonki", "paper"),
    ("muovi", "plastics"),
    ("kumi", "plastics"),
    ("metalli", "metals"),
    ("lasi", "glass"),
    ("tekstiili", "textiles"),
    ("elintarvikesivuvirta", "food"),
    ("lanta", "food"),
    ("elainperainen_orgaaninen_materiaali_ei_lanta", "food"),
    ("kasviperainen_orgaaninen_materiaali", "food"),
    ("tuhka", "ash"),
    ("kuona", "ash"),
    ("kayttokelpoiset_huonekalut", "other"),
    ("rakennusosat", "construction"),
];

/// Array keys under which a paged or wrapped response may carry the listings.
const WRAPPERS: &[&str] = &["rfos", "items", "results", "data", "value"];

/// Listing keys that map to our fields.
const RFO_MAPPED: &[&str] = &[
    "id",
    "rfoType",
    "title",
    "created",
    "expires",
    "status",
    "statusName",
    "materials",
    "materialsWanted",
    "regions",
    "company",
];
/// Listing keys deliberately not mapped (contacts, attachments, workflow state, indexes).
const RFO_IGNORED: &[&str] = &[
    "businessId",
    "contact",
    "contactIsPublic",
    "attachments",
    "service",
    "statusDate",
    "statusChangedBy",
    "createdBy",
    "updated",
    "offers",
    "latestTsv",
    "tsvStatus",
    "textIndex",
    "locationIndex",
    "partitionKey",
];
const MATERIAL_MAPPED: &[&str] = &[
    "classification",
    "ewcCode",
    "type",
    "continuity",
    "quantity",
    "location",
    "description",
    "amountDescription",
];
/// Material keys deliberately not mapped (source industry, waste-service flags, privacy).
const MATERIAL_IGNORED: &[&str] = &[
    "industry",
    "isWaste",
    "useTsv",
    "permanent",
    "locationIsPublic",
    "service",
    "materialType",
    "priceInEUR",
];
const QUANTITY_KEYS: &[&str] = &["amount", "unitOfMeasure"];
const LOCATION_MAPPED: &[&str] = &["city", "cityId", "region", "regionId", "coordinates"];
/// Street address and postcode are not mapped: the listing's municipality is what matching uses.
const LOCATION_IGNORED: &[&str] = &[
    "name",
    "address",
    "postalCode",
    "countryCode",
    "coordinatesPoint",
];
const REGION_MAPPED: &[&str] = &["id", "nameFi", "nameSv"];
/// Extra keys of a configuration entry that the client may echo back in `regions`.
const REGION_IGNORED: &[&str] = &[
    "type",
    "coordinates",
    "coordinatesPoint",
    "regionId",
    "regionNameFi",
    "regionNameSv",
    "regionCoordinates",
    "regionCoordinatesPoint",
    "configurationType",
];

/// Whether `text` is Materiaalitori's listing JSON (an array of listings, one listing, or a
/// page object wrapping them) rather than our own listings file.
pub fn looks_like_materiaalitori(text: &str) -> bool {
    // Only a `\u` escape can spell the key other than literally, so most files skip the parse.
    (text.contains("foType") || text.contains("\\u")) && looks_like_parsed(text)
}

/// [`looks_like_materiaalitori`] without the substring pre-check.
fn looks_like_parsed(text: &str) -> bool {
    let Ok(value) = serde_json::from_str::<Value>(text) else {
        return false;
    };
    if let Value::Object(o) = &value
        && (o.contains_key("listings") || o.contains_key("version"))
    {
        return false;
    }
    let Some(items) = items(&value) else {
        return false;
    };
    let objects = || items.iter().filter_map(Value::as_object);
    objects().any(|o| get(o, "rfoType").is_some())
        && !objects().any(|o| o.contains_key("kind") || o.contains_key("category"))
}

/// Reads Materiaalitori's listing JSON into our listings. Each material of a listing becomes
/// one listing (`<id>`, `<id>-2`, …); bad items become diagnostics and good ones still import.
pub fn parse_materiaalitori(text: &str) -> Parsed<Vec<Listing>> {
    let mut out = Vec::new();
    let mut diags = Vec::new();
    let value = match serde_json::from_str::<Value>(text) {
        Ok(v) => v,
        Err(e) => {
            diags.push(Diagnostic::error(
                0,
                "",
                Code::NotJson,
                format!("not valid JSON: {e}"),
            ));
            return Parsed::new(out, diags);
        }
    };
    let Some(items) = items(&value) else {
        diags.push(Diagnostic::error(
            0,
            "",
            Code::WrongShape,
            "not Materiaalitori listing JSON: expected an array of listings, one listing \
             or a page object with an array of them",
        ));
        return Parsed::new(out, diags);
    };
    let mut ids = HashSet::new();
    let mut seeks_without_quantity = 0;
    for (i, item) in items.iter().enumerate() {
        let row = i + 1;
        let Some(rfo) = item.as_object() else {
            diags.push(Diagnostic::error(
                row,
                "",
                Code::RowUnreadable,
                "listing is not a JSON object",
            ));
            continue;
        };
        let mut ctx = Ctx {
            row,
            diags: &mut diags,
            seeks_without_quantity: &mut seeks_without_quantity,
        };
        for listing in ctx.rfo(rfo) {
            if ids.insert(listing.id.clone()) {
                out.push(listing);
            } else {
                diags.push(
                    Diagnostic::error(
                        row,
                        "id",
                        Code::Duplicate,
                        format!("duplicate id `{}`; listing skipped", listing.id),
                    )
                    .with_value(&listing.id),
                );
            }
        }
    }
    if seeks_without_quantity > 0 {
        diags.push(Diagnostic::warning(
            0,
            "quantity",
            Code::NoQuantity,
            format!(
                "{seeks_without_quantity} sought material(s) have no quantity (Materiaalitori's \
                 seeking listings carry none); imported as 0 t, so the quantity factor scores 0"
            ),
        ));
    }
    Parsed::new(out, diags)
}

/// The listing objects of a response: an array, one listing, or a page object's array.
fn items(value: &Value) -> Option<&[Value]> {
    match value {
        Value::Array(a) => Some(a),
        Value::Object(o) if get(o, "rfoType").is_some() => Some(std::slice::from_ref(value)),
        Value::Object(o) => WRAPPERS
            .iter()
            .find_map(|k| get(o, k).and_then(Value::as_array))
            .map(Vec::as_slice),
        _ => None,
    }
}

/// A key in the API's camelCase, also accepted in the stored documents' PascalCase; null
/// counts as absent.
fn get<'a>(o: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    let v = o.get(key).or_else(|| {
        let mut c = key.chars();
        let first = c.next()?;
        o.get(&format!("{}{}", first.to_ascii_uppercase(), c.as_str()))
    })?;
    (!v.is_null()).then_some(v)
}

fn camel(key: &str) -> String {
    let mut c = key.chars();
    c.next()
        .map(|f| f.to_ascii_lowercase().to_string() + c.as_str())
        .unwrap_or_default()
}

/// A string value, or a number written as one (ids).
fn text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.trim().to_owned()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn number(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64().filter(|x| x.is_finite()),
        Value::String(s) => parse_decimal(s),
        _ => None,
    }
}

/// Per-item state while reading one listing.
struct Ctx<'a> {
    row: usize,
    diags: &'a mut Vec<Diagnostic>,
    seeks_without_quantity: &'a mut usize,
}

impl Ctx<'_> {
    fn warn(&mut self, field: &str, code: Code, msg: String) {
        self.diags
            .push(Diagnostic::warning(self.row, field, code, msg));
    }

    fn error(&mut self, field: &str, code: Code, msg: String) {
        self.diags
            .push(Diagnostic::error(self.row, field, code, msg));
    }

    fn check_keys(&mut self, o: &Map<String, Value>, at: &str, mapped: &[&str], ignored: &[&str]) {
        for key in o.keys() {
            let k = camel(key);
            if !mapped.contains(&k.as_str()) && !ignored.contains(&k.as_str()) {
                let field = if at.is_empty() {
                    key.clone()
                } else {
                    format!("{at}.{key}")
                };
                self.warn(
                    &field,
                    Code::UnknownKey,
                    format!("unknown field `{key}`; not read"),
                );
            }
        }
    }

    /// An optional string field; a value of another type is reported.
    fn string(&mut self, o: &Map<String, Value>, key: &str, at: &str) -> Option<String> {
        let v = get(o, key)?;
        let s = text(v);
        if s.is_none() {
            self.warn(
                &join(at, key),
                Code::WrongShape,
                format!("`{key}` is not a string; ignored"),
            );
        }
        s.filter(|s| !s.is_empty())
    }

    fn rfo(&mut self, rfo: &Map<String, Value>) -> Vec<Listing> {
        self.check_keys(rfo, "", RFO_MAPPED, RFO_IGNORED);
        let Some(id) = get(rfo, "id").and_then(text).filter(|s| !s.is_empty()) else {
            self.error("id", Code::Missing, "listing has no id; skipped".into());
            return Vec::new();
        };
        let rfo_type = get(rfo, "rfoType").and_then(Value::as_str).unwrap_or("");
        let kind = match rfo_type {
            "offeringWaste" | "offeringMaterial" => ListingKind::Offer,
            "receivingMaterial" => ListingKind::Seek,
            "offeringServices" => {
                self.warn(
                    "rfoType",
                    Code::NotAllowed,
                    format!("`{id}` offers a waste service, not a material; skipped"),
                );
                return Vec::new();
            }
            other => {
                self.error(
                    "rfoType",
                    Code::UnknownValue,
                    format!("`{id}`: unknown listing type `{other}`; skipped"),
                );
                return Vec::new();
            }
        };
        let title = self.string(rfo, "title", "");
        let created = self.date(rfo, "created", false);
        let expires = self.date(rfo, "expires", true);
        let status = match get(rfo, "status")
            .or_else(|| get(rfo, "statusName"))
            .and_then(Value::as_str)
        {
            None | Some("open") => Status::Open,
            Some("closed") => Status::Closed,
            Some(other) => {
                self.warn(
                    "status",
                    Code::UnknownValue,
                    format!("unknown status `{other}`; read as open"),
                );
                Status::Open
            }
        };
        let organisation = get(rfo, "company")
            .and_then(Value::as_object)
            .and_then(|c| get(c, "name"))
            .and_then(text)
            .filter(|s| !s.is_empty());

        let (list_key, place) = match kind {
            ListingKind::Offer => ("materials", None),
            // The client posts a seek's materials as `materials` and reads `materialsWanted`.
            ListingKind::Seek if get(rfo, "materialsWanted").is_none() => {
                ("materials", Some(self.seek_place(rfo)))
            }
            ListingKind::Seek => ("materialsWanted", Some(self.seek_place(rfo))),
        };
        let materials = match get(rfo, list_key) {
            Some(Value::Array(a)) if !a.is_empty() => a,
            Some(Value::Array(_)) | None => {
                self.error(
                    list_key,
                    Code::Empty,
                    format!("`{id}` lists no materials; skipped"),
                );
                return Vec::new();
            }
            Some(_) => {
                self.error(
                    list_key,
                    Code::WrongShape,
                    format!("`{list_key}` is not an array; skipped"),
                );
                return Vec::new();
            }
        };
        let mut out = Vec::new();
        for (j, m) in materials.iter().enumerate() {
            let at = format!("{list_key}[{j}]");
            let Some(m) = m.as_object() else {
                self.error(
                    &at,
                    Code::WrongShape,
                    "material is not a JSON object; skipped".into(),
                );
                continue;
            };
            let lid = if j == 0 {
                id.clone()
            } else {
                format!("{id}-{}", j + 1)
            };
            let head = Head {
                id: &lid,
                kind,
                title: title.as_deref(),
                place: place.as_ref(),
            };
            if let Some(mut l) = self.material(m, &at, head) {
                l.available_from = created.clone();
                l.available_until = expires.clone();
                l.status = status;
                l.organisation = organisation.clone();
                out.push(l);
            }
        }
        out
    }

    /// One material of a listing; `None` when it cannot be used.
    fn material(&mut self, m: &Map<String, Value>, at: &str, head: Head) -> Option<Listing> {
        self.check_keys(m, at, MATERIAL_MAPPED, MATERIAL_IGNORED);
        let classification = self.string(m, "classification", at);
        let ewc = self.ewc(m, at);
        let category = self.category(classification.as_deref(), ewc.as_ref(), at);
        let title = match (head.title, &classification) {
            (Some(t), _) => t.to_owned(),
            (None, Some(c)) => {
                self.warn(
                    "title",
                    Code::Missing,
                    "listing has no title; the classification is used".into(),
                );
                c.replace('_', " ")
            }
            (None, None) => {
                self.error(
                    "title",
                    Code::Missing,
                    format!("`{}` has no title; skipped", head.id),
                );
                return None;
            }
        };
        let quantity = self.quantity(m, at, head.kind)?;
        let place = match head.place {
            Some(p) => p.clone(),
            None => self.offer_place(m, at),
        };
        let mut l = Listing::new(
            head.id,
            head.kind,
            &title,
            category,
            quantity,
            &place.municipality,
        );
        l.coordinates = place.coordinates;
        l.ewc = ewc.as_ref().map(|(digits, _)| digits.clone());
        l.hazardous = self.hazard(m, at, ewc.as_ref().is_some_and(|(_, star)| *star));
        l.recurrence = self.recurrence(m, at);
        let description = self.string(m, "description", at).unwrap_or_default();
        let amount_note = self.string(m, "amountDescription", at);
        l.description = match amount_note {
            Some(n) if description.is_empty() => n,
            Some(n) => format!("{description}\n\n{n}"),
            None => description,
        };
        Some(l)
    }

    /// Our category for a classification; an unknown one falls back to the EWC code's
    /// category, then to `other`.
    fn category(
        &mut self,
        classification: Option<&str>,
        ewc: Option<&(String, bool)>,
        at: &str,
    ) -> &'static str {
        if let Some(c) = classification
            && let Some((_, ours)) = CLASSIFICATIONS.iter().find(|(mt, _)| *mt == c)
        {
            return ours;
        }
        let by_ewc = ewc.and_then(|(d, _)| category_for_ewc(d));
        let field = join(at, "classification");
        let what = match classification {
            Some(c) => format!("unknown classification `{c}`"),
            None => "no classification".to_owned(),
        };
        match by_ewc {
            Some(cat) => {
                self.warn(
                    &field,
                    Code::UnknownValue,
                    format!("{what}; category `{}` taken from the EWC code", cat.id),
                );
                cat.id.as_str()
            }
            None => {
                self.warn(
                    &field,
                    Code::UnknownValue,
                    format!("{what}; category `other` used"),
                );
                "other"
            }
        }
    }

    /// The EWC code as six digits and whether it carried the hazard star.
    fn ewc(&mut self, m: &Map<String, Value>, at: &str) -> Option<(String, bool)> {
        let code = self.string(m, "ewcCode", at)?;
        let star = code.ends_with('*');
        let digits: String = code.chars().filter(char::is_ascii_digit).collect();
        let clean = code
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '.' | '-' | '*'));
        if clean && digits.len() == 6 {
            Some((digits, star))
        } else {
            self.warn(
                &join(at, "ewcCode"),
                Code::NotEwcEntry,
                format!("`{code}` is not a six-digit EWC code; left out"),
            );
            None
        }
    }

    fn hazard(&mut self, m: &Map<String, Value>, at: &str, star: bool) -> bool {
        let field = join(at, "type");
        let dangerous = match get(m, "type").and_then(Value::as_str) {
            Some("dangerous") => true,
            Some("nondangerous") | None => false,
            Some("unknown") => {
                if !star {
                    self.warn(
                        &field,
                        Code::Missing,
                        "hazard not known on Materiaalitori; read as not hazardous".into(),
                    );
                }
                false
            }
            Some(other) => {
                self.warn(
                    &field,
                    Code::UnknownValue,
                    format!("unknown hazard type `{other}`; read as not hazardous"),
                );
                false
            }
        };
        if star && !dangerous && get(m, "type").and_then(Value::as_str) == Some("nondangerous") {
            self.warn(
                &field,
                Code::EwcHazardMark,
                "marked not hazardous but its EWC code has the hazard star; read as hazardous"
                    .into(),
            );
        }
        dangerous || star
    }

    fn recurrence(&mut self, m: &Map<String, Value>, at: &str) -> Recurrence {
        match get(m, "continuity").and_then(Value::as_str) {
            None | Some("onetime") => Recurrence::OneOff,
            // The client asks for the yearly total of a continuous stream.
            Some("continuous") => Recurrence::PerYear,
            Some(other) => {
                self.warn(
                    &join(at, "continuity"),
                    Code::UnknownValue,
                    format!("unknown continuity `{other}`; read as one-off"),
                );
                Recurrence::OneOff
            }
        }
    }

    fn quantity(
        &mut self,
        m: &Map<String, Value>,
        at: &str,
        kind: ListingKind,
    ) -> Option<Quantity> {
        let field = join(at, "quantity");
        let Some(q) = get(m, "quantity") else {
            if kind == ListingKind::Seek {
                *self.seeks_without_quantity += 1;
                return Some(Quantity {
                    amount: 0.0,
                    unit: Unit::Tonne,
                });
            }
            self.error(
                &field,
                Code::Missing,
                "no quantity; material skipped".into(),
            );
            return None;
        };
        let Some(q) = q.as_object() else {
            self.error(
                &field,
                Code::WrongShape,
                "quantity is not an object; material skipped".into(),
            );
            return None;
        };
        self.check_keys(q, &field, QUANTITY_KEYS, &[]);
        let amount = get(q, "amount").and_then(number);
        let unit_text = get(q, "unitOfMeasure").and_then(text);
        let unit = unit_text.as_deref().and_then(Unit::parse);
        match (amount, unit) {
            (Some(a), Some(unit)) if a >= 0.0 => Some(Quantity { amount: a, unit }),
            (Some(a), Some(_)) => {
                self.error(
                    &field,
                    Code::OutOfRange,
                    format!("negative amount {a}; material skipped"),
                );
                None
            }
            (None, _) => {
                self.error(
                    &field,
                    Code::NotNumber,
                    "amount missing or not a number; material skipped".into(),
                );
                None
            }
            (Some(_), None) => {
                let u = unit_text.unwrap_or_default();
                self.error(
                    &join(&field, "unitOfMeasure"),
                    Code::UnknownValue,
                    format!("unknown unit `{u}` (kg, t, m, m2, m3, kpl); material skipped"),
                );
                None
            }
        }
    }

    /// Municipality (and WGS84 point, when given) of an offered material's location.
    fn offer_place(&mut self, m: &Map<String, Value>, at: &str) -> Place {
        let field = join(at, "location");
        let Some(loc) = get(m, "location").and_then(Value::as_object) else {
            self.warn(
                &field,
                Code::Missing,
                "no location; distance cannot be computed".into(),
            );
            return Place::default();
        };
        self.check_keys(loc, &field, LOCATION_MAPPED, LOCATION_IGNORED);
        let coordinates = get(loc, "coordinates").and_then(wgs84);
        let city_id = self.string(loc, "cityId", &field);
        let city = self.string(loc, "city", &field);
        let by_id = city_id
            .as_deref()
            .and_then(|id| self.mt_municipality(id, &field));
        let by_name = city
            .as_deref()
            .and_then(find_municipality)
            .map(|m| m.fi.clone());
        if let (Some(a), Some(b)) = (&by_id, &by_name)
            && a != b
        {
            self.warn(
                &join(&field, "cityId"),
                Code::Invalid,
                format!(
                    "`{}` is {a} but the city is named `{}`; {a} used",
                    city_id.as_deref().unwrap_or_default(),
                    city.as_deref().unwrap_or_default()
                ),
            );
        }
        if let Some(name) = by_id.or(by_name) {
            return Place {
                municipality: name,
                coordinates,
            };
        }
        if let Some(c) = &city {
            self.warn(
                &join(&field, "city"),
                Code::UnknownMunicipality,
                format!("unknown municipality `{c}`"),
            );
            return Place {
                municipality: c.clone(),
                coordinates,
            };
        }
        let region = self.string(loc, "regionId", &field);
        if let Some(r) = region.as_deref().and_then(mt_region) {
            self.warn(
                &field,
                Code::Approximate,
                format!(
                    "no municipality, only the region {}; its centre is used",
                    r.0
                ),
            );
            return Place {
                municipality: r.0.to_owned(),
                coordinates: coordinates.or(Some(Coordinates { lat: r.1, lon: r.2 })),
            };
        }
        self.warn(
            &field,
            Code::Missing,
            "no municipality; distance cannot be computed".into(),
        );
        Place {
            municipality: String::new(),
            coordinates,
        }
    }

    /// The target area of a seeking listing: its first region (a municipality or a region).
    fn seek_place(&mut self, rfo: &Map<String, Value>) -> Place {
        let regions = match get(rfo, "regions") {
            Some(Value::Array(a)) => a.as_slice(),
            Some(_) => {
                self.warn(
                    "regions",
                    Code::WrongShape,
                    "`regions` is not an array; ignored".into(),
                );
                &[]
            }
            None => &[],
        };
        let mut places = Vec::new();
        for (j, r) in regions.iter().enumerate() {
            let at = format!("regions[{j}]");
            let Some(r) = r.as_object() else {
                self.warn(
                    &at,
                    Code::WrongShape,
                    "region is not a JSON object; ignored".into(),
                );
                continue;
            };
            self.check_keys(r, &at, REGION_MAPPED, REGION_IGNORED);
            let id = self.string(r, "id", &at).unwrap_or_default();
            let name = self.string(r, "nameFi", &at);
            if let Some(mun) = self.mt_municipality(&id, &at) {
                places.push((
                    id,
                    Place {
                        municipality: mun,
                        coordinates: None,
                    },
                ));
            } else if let Some((fi, lat, lon)) = mt_region(&id) {
                places.push((
                    id,
                    Place {
                        municipality: (*fi).to_owned(),
                        coordinates: Some(Coordinates {
                            lat: *lat,
                            lon: *lon,
                        }),
                    },
                ));
            } else if let Some(m) = name.as_deref().and_then(find_municipality) {
                places.push((
                    id,
                    Place {
                        municipality: m.fi.clone(),
                        coordinates: None,
                    },
                ));
            } else {
                self.warn(
                    &join(&at, "id"),
                    Code::UnknownMunicipality,
                    format!("unknown region or municipality `{id}`; ignored"),
                );
            }
        }
        let mut places = places.into_iter();
        let Some((first_id, first)) = places.next() else {
            self.warn(
                "regions",
                Code::Missing,
                "no target region; distance cannot be computed".into(),
            );
            return Place::default();
        };
        if first_id.starts_with("R_") {
            self.warn(
                "regions",
                Code::Approximate,
                format!(
                    "target region {}: placed at the region's centre, distances are approximate",
                    first.municipality
                ),
            );
        }
        let rest: Vec<String> = places.map(|(_, p)| p.municipality).collect();
        if !rest.is_empty() {
            self.warn(
                "regions",
                Code::OnlyFirstKept,
                format!(
                    "only the first target area ({}) is kept; also listed: {}",
                    first.municipality,
                    rest.join(", ")
                ),
            );
        }
        first
    }

    /// Our municipality name for a Materiaalitori `M_n` id; a merged one maps to its successor.
    fn mt_municipality(&mut self, id: &str, at: &str) -> Option<String> {
        let code = mt_municipality_code(id)?;
        if let Some((_, old, new, year)) = MERGED.iter().find(|(c, ..)| *c == code) {
            let succ = find_municipality(new)?.fi.clone();
            self.warn(
                at,
                Code::MunicipalityMerged,
                format!("{old} ({id}) merged into {succ} in {year}; {succ} used"),
            );
            return Some(succ);
        }
        find_municipality(code).map(|m| m.fi.clone())
    }

    /// A date as `YYYY-MM-DD` in Finnish local time; an expiry at local midnight ends the day
    /// before.
    fn date(&mut self, rfo: &Map<String, Value>, key: &str, end: bool) -> Option<String> {
        let s = self.string(rfo, key, "")?;
        let d = local_date(&s, end);
        if d.is_none() {
            self.warn(key, Code::NotDate, format!("`{s}` is not a date; left out"));
        }
        d
    }
}

struct Head<'a> {
    id: &'a str,
    kind: ListingKind,
    title: Option<&'a str>,
    place: Option<&'a Place>,
}

#[derive(Debug, Clone, Default)]
struct Place {
    municipality: String,
    coordinates: Option<Coordinates>,
}

fn join(at: &str, key: &str) -> String {
    if at.is_empty() {
        key.to_owned()
    } else {
        format!("{at}.{key}")
    }
}

/// The official code of Materiaalitori municipality `M_n`.
fn mt_municipality_code(id: &str) -> Option<&'static str> {
    let n: usize = id.strip_prefix("M_")?.parse().ok()?;
    let start = n.checked_sub(1)?.checked_mul(3)?;
    MT_MUNICIPALITY_CODES.get(start..start + 3)
}

fn mt_region(id: &str) -> Option<&'static (&'static str, f64, f64)> {
    let n: usize = id.strip_prefix("R_")?.parse().ok()?;
    MT_REGIONS.get(n.checked_sub(1)?)
}

/// The WGS84 point among a location's `coordinates` (EUREF-FIN ones are not converted).
fn wgs84(v: &Value) -> Option<Coordinates> {
    v.as_array()?
        .iter()
        .filter_map(Value::as_object)
        .find_map(|c| {
            let ty = get(c, "type").and_then(Value::as_str)?;
            if !ty.eq_ignore_ascii_case("WGS84") {
                return None;
            }
            let lat = get(c, "lat").and_then(number)?;
            let lon = get(c, "lon").and_then(number)?;
            (lat.abs() <= 90.0 && lon.abs() <= 180.0).then_some(Coordinates { lat, lon })
        })
}

/// `YYYY-MM-DD` or an ISO timestamp (zone `Z`, `±HH:MM` or none = Finnish time) as the
/// Finnish local date; with `end`, an instant at local midnight belongs to the day before.
fn local_date(s: &str, end: bool) -> Option<String> {
    const DAY: i64 = 86_400;
    let stamp = crate::date::parse_stamp(s)?;
    if !stamp.has_time {
        return Some(format_day(stamp.day));
    }
    let local = match stamp.utc() {
        Some(utc) => utc + crate::date::helsinki_offset(utc),
        None => stamp.wall_seconds(),
    };
    let exact = local.rem_euclid(DAY) == 0 && !stamp.fraction;
    let local_day = format_day(local.div_euclid(DAY) - i64::from(end && exact));
    // A shift past 9999-12-31 or before 0001-01-01 leaves the range our dates allow.
    day_number(&local_day).map(|_| local_day)
}

#[cfg(test)]
mod tests;
