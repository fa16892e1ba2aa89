//! The registry of services and funding that recommendations name: one place for names in
//! fi/sv/en, addresses, who each serves and when it was last checked.

use crate::vocab::Text;
use serde::{Deserialize, Serialize};

/// The built-in registry, checked by hand against each service's own pages.
const BUILTIN: &str = include_str!("../../data/services.json");

/// Whether an entry gives advice or money.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ServiceKind {
    #[default]
    /// Advice, guidance or a marketplace.
    Service,
    /// Money: a grant, loan or subsidy route.
    Funding,
}

/// One service or funding route.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Service {
    /// The link key questionnaires use, e.g. `materiaalitori`.
    pub id: String,
    /// The link key this entry answers for when it is not its id: a regional entry
    /// (`elinvoimakeskus-lappi`) stands in for the national one (`elinvoimakeskus`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    #[serde(default)]
    /// Advice or money.
    pub kind: ServiceKind,
    /// The service's name in fi/sv/en.
    pub name: Text,
    /// The service's own page.
    pub url: String,
    /// Who it serves, in a sentence.
    pub serves: Text,
    /// Sector codes (options of the profile's sector question) it fits; empty: every sector.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sectors: Vec<String>,
    /// Size codes it fits; empty: every size.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sizes: Vec<String>,
    /// Regions (maakunta names in Finnish) it serves; empty: the whole country.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub regions: Vec<String>,
    /// Last checked against the service's own pages, `YYYY-MM-DD`.
    pub checked: String,
    /// Where the name and address were checked.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
}

impl Service {
    /// Whether the entry fits a respondent of `sector`, `size` and `region` (unknown fits).
    pub fn fits(&self, sector: Option<&str>, size: Option<&str>, region: Option<&str>) -> bool {
        let ok = |list: &[String], v: Option<&str>| {
            list.is_empty() || v.is_none_or(|v| list.iter().any(|x| x.eq_ignore_ascii_case(v)))
        };
        ok(&self.sectors, sector) && ok(&self.sizes, size) && ok(&self.regions, region)
    }
}

/// A set of services by id.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Services {
    /// The registry file's format version.
    pub version: u32,
    /// Every entry, national and regional.
    pub services: Vec<Service>,
}

/// A service as a recommendation names it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ServiceRef {
    /// The link key the recommendation used.
    pub id: String,
    /// Advice or money.
    pub kind: ServiceKind,
    /// The service's name in fi/sv/en.
    pub name: Text,
    /// Who it serves, in a sentence.
    pub serves: Text,
    /// The region (maakunta in Finnish) that picked this regional entry; `None` for a
    /// national one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
}

impl Services {
    /// The registry shipped with the crate (empty only if the file is broken, which a test checks).
    pub fn builtin() -> Services {
        Services::from_json(BUILTIN).unwrap_or_default()
    }

    /// Parses a registry; ids must be unique and every entry needs an http(s) URL and a date.
    pub fn from_json(text: &str) -> Result<Services, String> {
        let s: Services = serde_json::from_str(text).map_err(|e| e.to_string())?;
        for (i, e) in s.services.iter().enumerate() {
            if s.services[..i].iter().any(|o| o.id == e.id) {
                return Err(format!("duplicate service id `{}`", e.id));
            }
            if !(e.url.starts_with("https://") || e.url.starts_with("http://")) {
                return Err(format!("service `{}` has no web address", e.id));
            }
            if day_number(&e.checked).is_none() {
                return Err(format!("service `{}`: checked is not YYYY-MM-DD", e.id));
            }
        }
        Ok(s)
    }

    /// The entry with this id, if any.
    pub fn get(&self, id: &str) -> Option<&Service> {
        self.services.iter().find(|s| s.id == id)
    }

    /// The entry for link key `key` that fits the respondent: the regional entry serving
    /// `region` when there is one, else the national entry (`id == key`) if it fits.
    pub fn pick(
        &self,
        key: &str,
        sector: Option<&str>,
        size: Option<&str>,
        region: Option<&str>,
    ) -> Option<&Service> {
        let fits = |s: &&Service| s.fits(sector, size, region);
        region
            .and_then(|r| {
                self.services.iter().filter(fits).find(|s| {
                    s.key.as_deref() == Some(key)
                        && s.regions.iter().any(|x| x.eq_ignore_ascii_case(r))
                })
            })
            .or_else(|| self.get(key).filter(fits))
    }

    /// Ids of entries last checked more than 365 days before `today` (`YYYY-MM-DD`), or with a
    /// date that cannot be read or lies in the future.
    pub fn stale(&self, today: &str) -> Vec<String> {
        let Some(now) = day_number(today) else {
            return self.services.iter().map(|s| s.id.clone()).collect();
        };
        self.services
            .iter()
            .filter(|s| day_number(&s.checked).is_none_or(|d| d > now || now - d > 365))
            .map(|s| s.id.clone())
            .collect()
    }
}

/// A region (maakunta/landskap) named in Finnish or Swedish, any case, as its Finnish name;
/// `None` when Finland has no such region.
pub fn region_name(name: &str) -> Option<String> {
    let name = name.trim();
    crate::matching::regions()
        .into_iter()
        .find(|(fi, sv)| fi.eq_ignore_ascii_case(name) || sv.eq_ignore_ascii_case(name))
        .map(|(fi, _)| fi)
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date, `None` when invalid: the one calendar
/// (`crate::date`), trimmed because registry and `today` strings come from hand-edited data.
pub fn day_number(date: &str) -> Option<i64> {
    crate::date::day_number(date.trim())
}
