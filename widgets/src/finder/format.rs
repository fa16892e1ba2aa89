//! Text formatting for the finder: numbers, quantities, estimates, names in the UI language.

use crate::shared::format::number;
use kiertokit::impact::{self, Estimate, ExchangeImpact, ExchangeInput, Factors, Pathway};
use kiertokit::matching::{
    Factor, Facts, Listing, ListingKind, Recurrence, category, find_municipality,
};
use kiertokit::{Lang, Quantity, Unit};

/// A readable number of decimals for a magnitude.
fn auto(value: f64, lang: Lang) -> String {
    let a = value.abs();
    let decimals = if a >= 100.0 || a.fract() == 0.0 {
        0
    } else if a >= 1.0 {
        1
    } else {
        2
    };
    number(value, decimals, lang)
}

pub fn quantity(q: &Quantity, lang: Lang) -> String {
    let unit = match (q.unit, lang) {
        (Unit::Piece, Lang::Sv) => "st",
        (Unit::Piece, Lang::En) => "pcs",
        (u, _) => u.symbol(),
    };
    format!("{}\u{a0}{unit}", auto(q.amount, lang))
}

/// A percentage with a non-breaking space before the sign, as fi and sv write it.
pub fn percent(value: f64, lang: Lang) -> String {
    match lang {
        Lang::Fi | Lang::Sv => format!("{}\u{a0}%", number(value, 0, lang)),
        Lang::En => format!("{}%", number(value, 0, lang)),
    }
}

/// A material code from the core: a category's name in `lang`, else the EWC code as is.
fn code_name(code: &str, lang: Lang) -> String {
    category(code).map_or_else(|| code.to_owned(), |c| c.name.get(lang).to_owned())
}

pub fn km(value: f64, lang: Lang) -> String {
    format!("{}\u{a0}km", number(value, 0, lang))
}

/// An estimate as "12,3 kg CO2e (10,1–14,5)"; unknown is written out, never shown as 0.
pub fn estimate(e: &Estimate, unit: &str, lang: Lang, unknown: &str, na: &str) -> String {
    match e {
        Estimate::Known { value, low, high } => {
            let main = format!("{}\u{a0}{unit}", auto(*value, lang));
            if (high - low).abs() > f64::EPSILON * value.abs().max(1.0) {
                format!("{main} ({}–{})", auto(*low, lang), auto(*high, lang))
            } else {
                main
            }
        }
        Estimate::Unknown { .. } => unknown.to_owned(),
        Estimate::NotApplicable { .. } => na.to_owned(),
    }
}

pub fn category_name(id: &str, lang: Lang) -> String {
    category(id).map_or_else(|| id.to_owned(), |c| c.name.get(lang).to_owned())
}

/// The municipality in the UI language (Swedish name in a Swedish UI), else as written.
pub fn place(name: &str, lang: Lang) -> String {
    match (find_municipality(name), lang) {
        (Some(m), Lang::Sv) => m.sv.clone(),
        (Some(m), _) => m.fi.clone(),
        (None, _) => name.to_owned(),
    }
}

pub fn region_name(fi: &str, lang: Lang) -> String {
    if lang == Lang::Sv {
        kiertokit::matching::regions()
            .into_iter()
            .find(|(f, _)| f == fi)
            .map_or_else(|| fi.to_owned(), |(_, sv)| sv)
    } else {
        fi.to_owned()
    }
}

pub fn recurrence(r: Recurrence, lang: Lang) -> &'static str {
    match (r, lang) {
        (Recurrence::OneOff, Lang::Fi) => "kertaerä",
        (Recurrence::PerYear, Lang::Fi) => "vuosittain",
        (Recurrence::PerMonth, Lang::Fi) => "kuukausittain",
        (Recurrence::PerWeek, Lang::Fi) => "viikoittain",
        (Recurrence::OneOff, Lang::Sv) => "engångsparti",
        (Recurrence::PerYear, Lang::Sv) => "årligen",
        (Recurrence::PerMonth, Lang::Sv) => "månatligen",
        (Recurrence::PerWeek, Lang::Sv) => "varje vecka",
        (Recurrence::OneOff, Lang::En) => "one-off",
        (Recurrence::PerYear, Lang::En) => "yearly",
        (Recurrence::PerMonth, Lang::En) => "monthly",
        (Recurrence::PerWeek, Lang::En) => "weekly",
    }
}

fn date(iso: Option<&str>, lang: Lang) -> String {
    iso.map_or_else(|| "…".to_owned(), |d| crate::shared::format::day(d, lang))
}

/// A match factor's compared values in the UI language; the core's English text otherwise.
pub fn factor_detail(f: &Factor, lang: Lang) -> String {
    let pct = |v: f64| percent(v * 100.0, lang);
    let Some(facts) = &f.facts else {
        return f.detail.clone();
    };
    match (facts, lang) {
        (
            Facts::Material {
                offer_code,
                seek_code,
                code,
                text,
            },
            _,
        ) => {
            let (o, s) = (code_name(offer_code, lang), code_name(seek_code, lang));
            let (c, t) = (pct(*code), pct(*text));
            match lang {
                Lang::Fi => {
                    format!("tarjous: {o}, tarve: {s} · koodien vastaavuus {c}, tekstin {t}")
                }
                Lang::Sv => {
                    format!("erbjudande: {o}, behov: {s} · kodernas likhet {c}, textens {t}")
                }
                Lang::En => format!("offer: {o}, need: {s} · code similarity {c}, text {t}"),
            }
        }
        (Facts::Distance { km: d, limit_km }, _) => {
            let (d, l) = (km(*d, lang), km(*limit_km, lang));
            match lang {
                Lang::Fi => format!("{d}, enintään {l}"),
                Lang::Sv => format!("{d} av högst {l}"),
                Lang::En => format!("{d} of at most {l}"),
            }
        }
        (Facts::LocationUnknown, Lang::Fi) => "sijainti ei tiedossa".to_owned(),
        (Facts::LocationUnknown, Lang::Sv) => "platsen är okänd".to_owned(),
        (Facts::LocationUnknown, Lang::En) => "location unknown".to_owned(),
        (
            Facts::Quantity {
                offered,
                sought,
                unit,
            },
            _,
        ) => {
            let (a, b) = (auto(*offered, lang), auto(*sought, lang));
            // A piece count is "kpl" in the data; each language writes its own unit.
            let unit = crate::i18n::unit(unit, lang);
            match lang {
                Lang::Fi => format!("tarjolla {a}\u{a0}{unit}/v, tarve {b}\u{a0}{unit}/v"),
                Lang::Sv => format!("erbjuds {a}\u{a0}{unit}/år, behov {b}\u{a0}{unit}/år"),
                Lang::En => format!("offered {a}\u{a0}{unit}/yr, needed {b}\u{a0}{unit}/yr"),
            }
        }
        (Facts::UnitsNotComparable { offered, sought }, _) => {
            let (a, b) = (quantity(offered, lang), quantity(sought, lang));
            match lang {
                Lang::Fi => format!("{a} ja {b}: yksiköitä ei voi verrata"),
                Lang::Sv => format!("{a} och {b}: enheterna går inte att jämföra"),
                Lang::En => format!("{a} and {b}: units not comparable"),
            }
        }
        (
            Facts::Time {
                offer_from,
                offer_until,
                seek_from,
                seek_until,
            },
            _,
        ) => {
            let span = |from: &Option<String>, until: &Option<String>| {
                format!(
                    "{}–{}",
                    date(from.as_deref(), lang),
                    date(until.as_deref(), lang)
                )
            };
            let (o, s) = (span(offer_from, offer_until), span(seek_from, seek_until));
            match lang {
                Lang::Fi => format!("tarjous: {o}, tarve: {s}"),
                Lang::Sv => format!("erbjudande: {o}, behov: {s}"),
                Lang::En => format!("offer: {o}, need: {s}"),
            }
        }
        (Facts::Recurrence { offer, seek }, _) => {
            let (o, s) = (recurrence(*offer, lang), recurrence(*seek, lang));
            match lang {
                Lang::Fi => format!("tarjous: {o}, tarve: {s}"),
                Lang::Sv => format!("erbjudande: {o}, behov: {s}"),
                Lang::En => format!("offer: {o}, need: {s}"),
            }
        }
        (Facts::HazardPermit, Lang::Fi) => {
            "vaarallista jätettä; vastaanottajalla on lupa".to_owned()
        }
        (Facts::HazardPermit, Lang::Sv) => "farligt avfall; mottagaren har tillstånd".to_owned(),
        (Facts::HazardPermit, Lang::En) => "hazardous waste; the receiver has a permit".to_owned(),
        (Facts::HazardPermitUnchecked, Lang::Fi) => {
            "vaarallista jätettä; vastaanottaja hakee sitä mutta ei ole ilmoittanut lupaa – tarkistakaa lupa".to_owned()
        }
        (Facts::HazardPermitUnchecked, Lang::Sv) => {
            "farligt avfall; mottagaren söker det men har inte angett tillstånd – kontrollera tillståndet".to_owned()
        }
        (Facts::HazardPermitUnchecked, Lang::En) => {
            "hazardous waste; the receiver asks for it but has declared no permit – check the permit".to_owned()
        }
    }
}

/// Today as `YYYY-MM-DD` from the browser's clock (the core never reads one).
pub fn today() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    )
}

/// Moves every date of demo `listings` by the days from `as_of` to `today`, so a demo written
/// for one day reads the same on any later day (nothing expires while the demo ages).
pub fn shift_dates(listings: &mut [Listing], as_of: &str, today: &str) {
    use kiertokit::date::{day_number, format_day};
    let (Some(from), Some(to)) = (day_number(as_of), day_number(today)) else {
        return;
    };
    for l in listings {
        for date in [&mut l.available_from, &mut l.available_until]
            .into_iter()
            .flatten()
        {
            if let Some(day) = day_number(date) {
                *date = format_day(day + (to - from));
            }
        }
    }
}

/// The partner's listing page for `id`, when the template is an http(s) URL with `{id}`.
pub fn listing_url(template: Option<&str>, id: &str) -> Option<String> {
    listing_url_with(template, id, |id| js_sys::encode_uri_component(id).into())
}

/// [`listing_url`] with the encoder passed in, so the rule is testable natively.
fn listing_url_with(
    template: Option<&str>,
    id: &str,
    encode: impl Fn(&str) -> String,
) -> Option<String> {
    let t = template?.trim();
    let lower = t.to_ascii_lowercase();
    if !(lower.starts_with("https://") || lower.starts_with("http://")) || !t.contains("{id}") {
        return None;
    }
    Some(t.replace("{id}", &encode(id)))
}

/// Why a match has no impact estimate; the engine's own errors stay as its English text.
#[derive(Debug, Clone, PartialEq)]
pub enum Unavailable {
    /// Neither side's quantity converts to tonnes (pieces, metres, square metres).
    NotMass,
    /// One side converts to tonnes and the other does not: no exchangeable amount.
    Incomparable,
    /// The offer's category and EWC code are not in the factor set.
    UnknownMaterial,
    Engine(String),
}

/// Impact of moving the quantity both sides can exchange (the smaller, in tonnes) from
/// landfill to recovery, and the typical mass per piece assumed on the way (kg), if any.
pub fn exchange_impact(
    offer: &Listing,
    seek: &Listing,
    distance_km: Option<f64>,
) -> Result<(ExchangeImpact, &'static Factors, Option<f64>), Unavailable> {
    let engine = |e: kiertokit::impact::ImpactError| Unavailable::Engine(e.to_string());
    let factors = Factors::builtin().map_err(engine)?;
    use kiertokit::matching::MatchingError;
    let exchange = kiertokit::matching::exchangeable(offer, seek).map_err(|e| match e {
        MatchingError::NoMass => Unavailable::NotMass,
        // `exchangeable` refuses only for mass; the EWC errors are listed for completeness.
        MatchingError::Incomparable | MatchingError::MalformedEwc | MatchingError::EwcNotInList => {
            Unavailable::Incomparable
        }
    })?;
    let t = exchange.tonnes;
    let piece_kg = exchange.assumed.first().map(|m| m.kg);
    let material = offer
        .ewc_code()
        .map(|c| c.as_str().to_owned())
        .filter(|e| factors.resolve(e).is_ok())
        .unwrap_or_else(|| offer.category.clone());
    let pathways = factors.pathways(&material).map_err(|e| match e {
        kiertokit::impact::ImpactError::UnknownMaterial(_) => Unavailable::UnknownMaterial,
        e => engine(e),
    })?;
    let alternative = [
        Pathway::Recycling,
        Pathway::Composting,
        Pathway::AnaerobicDigestion,
        Pathway::Incineration,
    ]
    .into_iter()
    .find(|p| pathways.contains(p))
    .unwrap_or(Pathway::Recycling);
    let input = ExchangeInput {
        material,
        quantity: Quantity {
            amount: t,
            unit: Unit::Tonne,
        },
        baseline: Pathway::Landfill,
        alternative,
        distance_km: distance_km.filter(|d| d.is_finite()).unwrap_or(0.0),
        vehicle: Default::default(),
        prices: None,
        logistics_eur: None,
    };
    impact::exchange(&input, factors)
        .map(|r| (r, factors, piece_kg))
        .map_err(engine)
}

/// (offer, seek) of a pair, whichever way round they come.
pub fn offer_seek<'a>(a: &'a Listing, b: &'a Listing) -> (&'a Listing, &'a Listing) {
    match a.kind {
        ListingKind::Offer => (a, b),
        ListingKind::Seek => (b, a),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_piece_count_in_a_match_reads_st_in_swedish_and_pcs_in_english() {
        use super::*;
        let f = Factor {
            name: "quantity".into(),
            value: 1.0,
            weight: 0.2,
            met: true,
            detail: "offered 120 kpl/yr, sought 40 kpl/yr".into(),
            facts: Some(Facts::Quantity {
                offered: 120.0,
                sought: 40.0,
                unit: "kpl".into(),
            }),
        };
        let sv = factor_detail(&f, Lang::Sv);
        assert!(sv.contains("st/år") && !sv.contains("kpl"), "{sv}");
        let en = factor_detail(&f, Lang::En);
        assert!(en.contains("pcs/yr") && !en.contains("kpl"), "{en}");
        assert!(factor_detail(&f, Lang::Fi).contains("kpl/v"));
    }

    #[test]
    fn demo_dates_move_with_today_and_bad_dates_stay_as_written() {
        use super::*;
        let mut listings = kiertokit::matching::sample_listings();
        listings[0].available_from = Some("2025-05-31".into());
        listings[0].available_until = Some("2025-06-30".into());
        listings[1].available_until = Some("not a date".into());
        shift_dates(&mut listings, "2025-06-01", "2028-02-28");
        assert_eq!(listings[0].available_from.as_deref(), Some("2028-02-27"));
        assert_eq!(listings[0].available_until.as_deref(), Some("2028-03-28"));
        assert_eq!(listings[1].available_until.as_deref(), Some("not a date"));
        let before = listings.clone();
        shift_dates(&mut listings, "nonsense", "2028-02-28");
        assert_eq!(listings, before);
    }

    #[test]
    fn impact_uses_the_exchangeable_quantity_never_one_side() {
        use super::*;
        let l = |kind, title: &str, cat: &str, amount, unit| {
            Listing::new("x", kind, title, cat, Quantity { amount, unit }, "Tampere")
        };
        let pallets = l(
            ListingKind::Offer,
            "Kuormalavoja",
            "wood",
            250.0,
            Unit::Piece,
        );
        let seek = l(ListingKind::Seek, "Puujätettä", "wood", 100.0, Unit::Tonne);
        let r = exchange_impact(&pallets, &seek, Some(10.0));
        assert_eq!(
            r.as_ref().map(|r| (r.0.quantity_t, r.2)),
            Ok((6.25, Some(25.0)))
        );
        let doors = l(ListingKind::Offer, "Ovia", "wood", 250.0, Unit::Piece);
        assert_eq!(
            exchange_impact(&doors, &seek, None).err(),
            Some(Unavailable::Incomparable)
        );
    }

    #[test]
    fn factor_details_are_said_in_the_ui_language() {
        use super::*;
        let factor = |facts| Factor {
            name: "distance".into(),
            value: 0.5,
            weight: 0.2,
            met: true,
            detail: "42 km of 100 km".into(),
            facts: Some(facts),
        };
        let d = factor(Facts::Distance {
            km: 42.0,
            limit_km: 100.0,
        });
        assert_eq!(
            factor_detail(&d, Lang::Fi),
            "42\u{a0}km, enintään 100\u{a0}km"
        );
        assert_eq!(
            factor_detail(&d, Lang::Sv),
            "42\u{a0}km av högst 100\u{a0}km"
        );
        let t = factor(Facts::Time {
            offer_from: Some("2026-03-01".into()),
            offer_until: None,
            seek_from: None,
            seek_until: Some("2026-12-31".into()),
        });
        assert_eq!(
            factor_detail(&t, Lang::Fi),
            "tarjous: 1.3.2026–…, tarve: …–31.12.2026"
        );
        let bare = Factor { facts: None, ..d };
        assert_eq!(factor_detail(&bare, Lang::Fi), "42 km of 100 km");
    }

    use super::*;

    #[test]
    fn numbers_use_a_decimal_comma_in_finnish_and_swedish() {
        assert_eq!(number(2.5, 1, Lang::Fi), "2,5");
        assert_eq!(number(2.5, 1, Lang::En), "2.5");
        assert_eq!(number(12345.0, 0, Lang::Sv), "12\u{a0}345");
        assert_eq!(number(1234.0, 0, Lang::Fi), "1\u{a0}234");
        assert_eq!(number(-3.0, 0, Lang::Fi), "−3");
        assert_eq!(number(f64::NAN, 0, Lang::Fi), "–");
    }

    #[test]
    fn quantities_use_a_decimal_comma_in_finnish() {
        let q = Quantity {
            amount: 2.5,
            unit: Unit::Tonne,
        };
        // A no-break space keeps the number and its unit on one line.
        assert_eq!(quantity(&q, Lang::Fi), "2,5\u{a0}t");
        assert_eq!(quantity(&q, Lang::En), "2.5\u{a0}t");
        let pieces = Quantity {
            amount: 1200.0,
            unit: Unit::Piece,
        };
        assert_eq!(quantity(&pieces, Lang::Fi), "1\u{a0}200\u{a0}kpl");
        assert_eq!(quantity(&pieces, Lang::Sv), "1\u{a0}200\u{a0}st");
        assert_eq!(quantity(&pieces, Lang::En), "1,200\u{a0}pcs");
    }

    #[test]
    fn only_http_listing_templates_are_used_and_the_id_is_encoded() {
        let enc = |id: &str| id.replace('/', "%2F").replace(' ', "%20");
        assert_eq!(
            listing_url_with(Some("https://x.fi/l/{id}"), "a/b c", enc).as_deref(),
            Some("https://x.fi/l/a%2Fb%20c")
        );
        assert!(listing_url_with(Some("HTTP://x.fi/?id={id}"), "1", enc).is_some());
        assert!(listing_url_with(Some("javascript:alert('{id}')"), "1", enc).is_none());
        assert!(listing_url_with(Some("//x.fi/{id}"), "1", enc).is_none());
        assert!(listing_url_with(Some("https://x.fi/listings"), "1", enc).is_none());
        assert!(listing_url_with(None, "1", enc).is_none());
    }

    #[test]
    fn unknown_estimates_are_never_shown_as_zero() {
        let e = Estimate::unknown("no factor");
        assert_eq!(
            estimate(&e, "kg", Lang::Fi, "ei tiedossa", "–"),
            "ei tiedossa"
        );
    }
}
