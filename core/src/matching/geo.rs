//! The 308 municipalities of Finland (2025 division) with regions and centre points, and
//! great-circle distances between them.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::OnceLock;

/// Posti/theikkila codes and names with Materiaalitori points; see `data/README.md`. Tab-separated
/// and read by hand, so the wasm module carries no JSON reader for it.
const MUNICIPALITIES_TSV: &str = include_str!("../../data/municipalities.tsv");

/// Mean Earth radius in kilometres, the one radius of every distance (search radius, matching).
pub(crate) const EARTH_RADIUS_KM: f64 = 6371.0;

/// A Finnish municipality: official 3-digit code, names, region (maakunta/landskap), NUTS3
/// code and the WGS84 point of its centre.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Municipality {
    /// The official three-digit municipality code (`091` for Helsinki).
    pub code: String,
    /// The Finnish name.
    pub fi: String,
    /// The Swedish name (the Finnish one where there is no Swedish name).
    pub sv: String,
    #[serde(alias = "maakunta_fi")]
    /// The region (maakunta) in Finnish.
    pub region_fi: String,
    #[serde(alias = "maakunta_sv")]
    /// The region (landskap) in Swedish.
    pub region_sv: String,
    /// The region's NUTS 3 code (`FI1B1`).
    pub nuts3: String,
    /// Latitude of the centre, WGS84 degrees.
    pub lat: f64,
    /// Longitude of the centre, WGS84 degrees.
    pub lon: f64,
}

struct Table {
    all: Vec<Municipality>,
    by_key: HashMap<String, usize>,
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        // Embedded data is checked by the tests; a broken line is left out.
        let all: Vec<Municipality> = MUNICIPALITIES_TSV
            .lines()
            .skip(1)
            .filter_map(parse_row)
            .collect();
        let mut by_key = HashMap::with_capacity(all.len() * 3);
        for (i, m) in all.iter().enumerate() {
            by_key.insert(m.code.clone(), i);
            // Finnish names win over an identical Swedish name of another municipality.
            by_key.entry(fold(&m.fi)).or_insert(i);
        }
        for (i, m) in all.iter().enumerate() {
            by_key.entry(fold(&m.sv)).or_insert(i);
        }
        Table { all, by_key }
    })
}

/// `code, fi, sv, region_fi, region_sv, nuts3, lat, lon`, tab-separated.
fn parse_row(line: &str) -> Option<Municipality> {
    let mut f = line.split('\t').map(str::to_owned);
    let mut next = || f.next();
    Some(Municipality {
        code: next()?,
        fi: next()?,
        sv: next()?,
        region_fi: next()?,
        region_sv: next()?,
        nuts3: next()?,
        lat: next()?.parse().ok()?,
        lon: next()?.parse().ok()?,
    })
}

/// Lower-cases, folds å/ä/ö and other Latin diacritics to ASCII and keeps letters and digits
/// only, so "Mänttä-Vilppula", "mantta vilppula" and "MÄNTTÄ–VILPPULA" meet.
fn fold(s: &str) -> String {
    s.chars()
        .map(crate::strict::fold_char_case)
        .filter_map(|c| match c {
            'á' | 'à' | 'â' | 'ä' | 'å' | 'ã' => Some('a'),
            'é' | 'è' | 'ê' | 'ë' => Some('e'),
            'í' | 'ì' | 'î' | 'ï' => Some('i'),
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' => Some('o'),
            'ú' | 'ù' | 'û' | 'ü' => Some('u'),
            'š' => Some('s'),
            'ž' => Some('z'),
            c if c.is_ascii_alphanumeric() => Some(c),
            _ => None,
        })
        .collect()
}

/// All 308 municipalities, ordered by code.
pub fn municipalities() -> &'static [Municipality] {
    &table().all
}

/// Finds a municipality by its Finnish or Swedish name (case- and diacritic-insensitive:
/// "Vasa", "vaasa", "JYVASKYLA", "Jyväskylä") or by its 3-digit code ("091", also "91").
pub fn find_municipality(name_or_code: &str) -> Option<&'static Municipality> {
    let key = lookup_key(name_or_code)?;
    let t = table();
    t.by_key.get(&key).and_then(|&i| t.all.get(i))
}

/// Whether [`find_municipality`] finds `name_or_code`, from a table of codes and names only, so
/// a module that only checks a name does not carry the municipalities' regions and points.
pub fn is_municipality(name_or_code: &str) -> bool {
    let Some(key) = lookup_key(name_or_code) else {
        return false;
    };
    super::names::MUNICIPALITY_NAMES
        .iter()
        .any(|&(code, fi, sv)| code == key || fold(fi) == key || fold(sv) == key)
}

/// The key a municipality is looked up by: a 1–3 digit code padded to 3, else the folded name.
fn lookup_key(name_or_code: &str) -> Option<String> {
    let q = name_or_code.trim();
    let key = if !q.is_empty() && q.len() <= 3 && q.bytes().all(|b| b.is_ascii_digit()) {
        format!("{q:0>3}")
    } else {
        fold(q)
    };
    (!key.is_empty()).then_some(key)
}

/// The regions (maakunta, landskap) as distinct (Finnish, Swedish) pairs, sorted by Finnish name.
pub fn regions() -> Vec<(String, String)> {
    // The build writes the table sorted and deduplicated; a test checks it against the file.
    super::names::REGION_NAMES
        .iter()
        .map(|&(fi, sv)| (fi.to_owned(), sv.to_owned()))
        .collect()
}

/// A region keyed by its Finnish name, as a page in `lang` shows it: the Swedish name on Swedish
/// pages, the Finnish one otherwise; `None` if no region has that name. From a table of the 19
/// names, so a module that only shows regions does not carry the municipalities.
pub fn region_name(region_fi: &str, lang: crate::vocab::Lang) -> Option<&'static str> {
    let &(fi, sv) = super::names::REGION_NAMES
        .iter()
        .find(|(fi, _)| *fi == region_fi)?;
    Some(if lang == crate::vocab::Lang::Sv {
        sv
    } else {
        fi
    })
}

/// Great-circle distance in kilometres between two (lat, lon) points in degrees.
///
/// Uses `libm` so that native and wasm builds give bit-identical results.
pub fn haversine_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (lat1, lon1) = (a.0.to_radians(), a.1.to_radians());
    let (lat2, lon2) = (b.0.to_radians(), b.1.to_radians());
    let s_lat = libm::sin((lat2 - lat1) / 2.0);
    let s_lon = libm::sin((lon2 - lon1) / 2.0);
    let h = s_lat * s_lat + libm::cos(lat1) * libm::cos(lat2) * s_lon * s_lon;
    // Clamp: rounding can push h a hair above 1 for antipodal points, and asin would give NaN.
    2.0 * EARTH_RADIUS_KM * libm::asin(libm::sqrt(h.clamp(0.0, 1.0)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code_of(q: &str) -> Option<&'static str> {
        find_municipality(q).map(|m| m.code.as_str())
    }

    #[test]
    fn the_region_list_is_the_municipalities_regions() {
        let mut from_file: Vec<(String, String)> = municipalities()
            .iter()
            .map(|m| (m.region_fi.clone(), m.region_sv.clone()))
            .collect();
        crate::sort::sort(&mut from_file);
        from_file.dedup();
        assert_eq!(regions(), from_file);
        assert_eq!(regions().len(), 19);
    }

    #[test]
    fn the_name_table_finds_what_the_full_table_finds() {
        let mut queries = vec![
            String::new(),
            " ".into(),
            "91".into(),
            "0".into(),
            "999".into(),
            "1000".into(),
            "Helsingfors stad".into(),
            "MÄNTTÄ–VILPPULA".into(),
            "mantta vilppula".into(),
            "Stockholm".into(),
        ];
        for m in municipalities() {
            queries.extend([m.code.clone(), m.fi.to_uppercase(), m.sv.to_lowercase()]);
            queries.push(m.code.trim_start_matches('0').to_owned());
            queries.push(format!("{}x", m.fi));
        }
        for q in &queries {
            assert_eq!(is_municipality(q), find_municipality(q).is_some(), "{q:?}");
        }
        assert!(is_municipality("Vasa") && is_municipality("091"));
        assert!(!is_municipality("Stockholm"));
    }

    #[test]
    fn the_region_table_gives_the_municipalities_regions() {
        use crate::vocab::Lang;
        let all = regions();
        assert_eq!(super::super::names::REGION_NAMES.len(), all.len());
        for (fi, sv) in &all {
            assert_eq!(region_name(fi, Lang::Sv), Some(sv.as_str()));
            assert_eq!(region_name(fi, Lang::Fi), Some(fi.as_str()));
            assert_eq!(region_name(fi, Lang::En), Some(fi.as_str()));
        }
        assert_eq!(region_name("Uusimaa", Lang::Sv), Some("Nyland"));
        assert_eq!(region_name("Nyland", Lang::Fi), None);
    }

    #[test]
    fn there_are_308_municipalities_with_unique_codes() {
        let all = municipalities();
        assert_eq!(all.len(), 308);
        let codes: std::collections::HashSet<_> = all.iter().map(|m| &m.code).collect();
        assert_eq!(codes.len(), 308);
        for m in all {
            assert_eq!(m.code.len(), 3);
            assert!(!m.fi.is_empty() && !m.sv.is_empty() && !m.region_fi.is_empty());
            assert!(
                (59.5..70.2).contains(&m.lat) && (19.0..31.7).contains(&m.lon),
                "{}",
                m.fi
            );
        }
    }

    #[test]
    fn finds_by_finnish_and_swedish_names_with_or_without_diacritics() {
        assert_eq!(code_of("Vaasa"), Some("905"));
        assert_eq!(code_of("Vasa"), Some("905"));
        assert_eq!(code_of("vaasa"), Some("905"));
        assert_eq!(code_of("Jyväskylä"), Some("179"));
        assert_eq!(code_of("JYVASKYLA"), Some("179"));
        assert_eq!(code_of("Helsingfors"), Some("091"));
        assert_eq!(code_of("Åbo"), Some("853"));
        assert_eq!(code_of("abo"), Some("853"));
        assert_eq!(code_of("Pargas"), Some("445"));
        assert_eq!(code_of("  tampere "), Some("837"));
        assert_eq!(code_of("Mänttä-Vilppula"), code_of("mantta vilppula"));
        assert!(code_of("Mänttä-Vilppula").is_some());
    }

    #[test]
    fn finds_by_code_with_or_without_leading_zeros() {
        assert_eq!(
            find_municipality("091").map(|m| m.fi.as_str()),
            Some("Helsinki")
        );
        assert_eq!(
            find_municipality("91").map(|m| m.fi.as_str()),
            Some("Helsinki")
        );
        assert_eq!(
            find_municipality("5").map(|m| m.fi.as_str()),
            Some("Alajärvi")
        );
    }

    #[test]
    fn unknown_or_empty_queries_find_nothing() {
        for q in ["", "   ", "Atlantis", "999", "0000", "-", "ääää"] {
            assert!(find_municipality(q).is_none(), "{q}");
        }
    }

    #[test]
    fn every_name_finds_its_own_municipality() {
        for m in municipalities() {
            assert_eq!(
                find_municipality(&m.fi).map(|x| &x.code),
                Some(&m.code),
                "{}",
                m.fi
            );
            assert_eq!(
                find_municipality(&m.sv).map(|x| &x.code),
                Some(&m.code),
                "{}",
                m.sv
            );
            assert_eq!(find_municipality(&m.code).map(|x| &x.code), Some(&m.code));
        }
    }

    #[test]
    fn regions_are_sorted_distinct_and_bilingual() {
        let r = regions();
        assert_eq!(r.len(), 19);
        assert!(r.windows(2).all(|w| w[0] < w[1]));
        assert!(r.contains(&("Pohjanmaa".to_owned(), "Österbotten".to_owned())));
    }

    #[test]
    fn helsinki_to_tampere_is_about_160_km() {
        let h = find_municipality("Helsinki").map(|m| (m.lat, m.lon));
        let t = find_municipality("Tampere").map(|m| (m.lat, m.lon));
        let (Some(h), Some(t)) = (h, t) else {
            panic!("Helsinki and Tampere must exist");
        };
        let d = haversine_km(h, t);
        assert!((150.0..175.0).contains(&d), "{d}");
        assert!((haversine_km((60.1699, 24.9384), (61.4978, 23.7610)) - 160.0).abs() < 5.0);
        assert_eq!(haversine_km(h, h), 0.0);
        assert!((haversine_km((0.0, 0.0), (0.0, 180.0)) - 20015.1).abs() < 1.0);
    }
}
