//! The entries of a directory, one struct per kind: experts, funding calls and companies.

use crate::vocab::{Lang, Text};
use serde::{Deserialize, Serialize};

/// Which list a directory file holds; the widget's `data-kt-kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// People who advise on materials, permits, economics and the like.
    Experts,
    /// Calls for funding applications.
    Funding,
    /// Companies, shown on a map by business model.
    Companies,
}

impl Kind {
    /// Parses `experts`, `funding` or `companies` (singular forms too).
    pub fn parse(s: &str) -> Option<Kind> {
        match s.trim().to_ascii_lowercase().as_str() {
            "experts" | "expert" => Some(Kind::Experts),
            "funding" | "funding-calls" | "funding-call" | "calls" => Some(Kind::Funding),
            "companies" | "company" => Some(Kind::Companies),
            _ => None,
        }
    }

    /// The id used in files and `data-kt-kind`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Experts => "experts",
            Kind::Funding => "funding",
            Kind::Companies => "companies",
        }
    }
}

/// What an expert can help with besides the material itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Skill {
    /// Technical know-how of materials and processes.
    Technical,
    /// Environmental permits and waste law.
    PermitsAndLaw,
    /// Business cases, costs and markets.
    Economics,
    /// Life cycle assessment (LCA).
    Lca,
    /// Transport, storage and collection.
    Logistics,
    /// Product and service design.
    Design,
}

impl Skill {
    /// Every skill, in the order filters list them.
    pub const ALL: [Skill; 6] = [
        Skill::Technical,
        Skill::PermitsAndLaw,
        Skill::Economics,
        Skill::Lca,
        Skill::Logistics,
        Skill::Design,
    ];

    /// The id used in files and URLs (`permits-and-law`).
    pub fn as_str(self) -> &'static str {
        match self {
            Skill::Technical => "technical",
            Skill::PermitsAndLaw => "permits-and-law",
            Skill::Economics => "economics",
            Skill::Lca => "lca",
            Skill::Logistics => "logistics",
            Skill::Design => "design",
        }
    }

    /// Parses the id, a fi/sv/en name or a common short form (`luvat`, `LCA`, `juridik`).
    pub fn parse(s: &str) -> Option<Skill> {
        let f = key(s);
        let f = f.as_str();
        let alias = match f {
            "tekninen" | "tech" => Some(Skill::Technical),
            "luvat" | "juridiikka" | "laki" | "permits" | "law" | "legal" | "juridik" => {
                Some(Skill::PermitsAndLaw)
            }
            "talous" | "ekonomi" => Some(Skill::Economics),
            "lca" | "elinkaariarviointi" | "livscykelanalys" => Some(Skill::Lca),
            "logistiikka" | "logistik" => Some(Skill::Logistics),
            "muotoilu" | "suunnittelu" => Some(Skill::Design),
            _ => None,
        };
        alias.or_else(|| {
            Skill::ALL.into_iter().find(|k| {
                let n = k.name();
                k.as_str() == f
                    || [n.fi, n.sv, n.en]
                        .into_iter()
                        .flatten()
                        .any(|x| key(&x) == f)
            })
        })
    }

    /// The skill's name in Finnish, Swedish and English.
    pub fn name(self) -> Text {
        match self {
            Skill::Technical => Text::new("Tekniikka", "Teknik", "Technical"),
            Skill::PermitsAndLaw => Text::new(
                "Luvat ja juridiikka",
                "Tillstånd och juridik",
                "Permits and law",
            ),
            Skill::Economics => Text::new("Talous", "Ekonomi", "Economics"),
            Skill::Lca => Text::new(
                "Elinkaariarviointi (LCA)",
                "Livscykelanalys (LCA)",
                "Life cycle assessment (LCA)",
            ),
            Skill::Logistics => Text::new("Logistiikka", "Logistik", "Logistics"),
            Skill::Design => Text::new("Muotoilu", "Design", "Design"),
        }
    }
}

/// Sitra's five circular business models.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum BusinessModel {
    /// Renewable, recycled or bio-based inputs.
    CircularSupply,
    /// Recovering value from waste and by-products.
    ResourceRecovery,
    /// Repair, maintenance, upgrading and resale.
    ProductLifeExtension,
    /// Shared use of products and assets.
    SharingPlatform,
    /// Selling the use or the result instead of the product.
    ProductAsAService,
}

impl BusinessModel {
    /// Every model, in Sitra's order.
    pub const ALL: [BusinessModel; 5] = [
        BusinessModel::CircularSupply,
        BusinessModel::ResourceRecovery,
        BusinessModel::ProductLifeExtension,
        BusinessModel::SharingPlatform,
        BusinessModel::ProductAsAService,
    ];

    /// The id used in files and URLs (`product-as-a-service`).
    pub fn as_str(self) -> &'static str {
        match self {
            BusinessModel::CircularSupply => "circular-supply",
            BusinessModel::ResourceRecovery => "resource-recovery",
            BusinessModel::ProductLifeExtension => "product-life-extension",
            BusinessModel::SharingPlatform => "sharing-platform",
            BusinessModel::ProductAsAService => "product-as-a-service",
        }
    }

    /// Parses the id or its fi/sv/en name.
    pub fn parse(s: &str) -> Option<BusinessModel> {
        let f = key(s);
        let f = f.as_str();
        BusinessModel::ALL.into_iter().find(|m| {
            let n = m.name();
            m.as_str() == f
                || [n.fi, n.sv, n.en]
                    .into_iter()
                    .flatten()
                    .any(|x| key(&x) == f)
        })
    }

    /// Sitra's names for the model in Finnish and Swedish; in English the names with
    /// Sitra's in brackets where they differ.
    pub fn name(self) -> Text {
        match self {
            BusinessModel::CircularSupply => Text::new(
                "Uusiutuvuus",
                "Förnybarhet",
                "Circular supply (renewability)",
            ),
            BusinessModel::ResourceRecovery => Text::new(
                "Resurssitehokkuus ja kierrätys",
                "Resurseffektivitet och materialåtervinning",
                "Resource recovery (resource efficiency and recycling)",
            ),
            BusinessModel::ProductLifeExtension => Text::new(
                "Tuote-elinkaaren pidentäminen",
                "Förlängd livslängd för produkter",
                "Product life extension",
            ),
            BusinessModel::SharingPlatform => {
                Text::new("Jakamisalustat", "Delningsplattformar", "Sharing platforms")
            }
            BusinessModel::ProductAsAService => Text::new(
                "Tuote palveluna",
                "Produkt som tjänst",
                "Product as a service",
            ),
        }
    }
}

/// Whether the funder has suspended a call before its deadline (funds used up, for example).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CallStatus {
    #[default]
    /// Open for applications within its times.
    Active,
    /// Suspended by the funder; the call counts as closed.
    Suspended,
}

/// One expert of an expert pool.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Expert {
    /// The pool's id for the expert, unique within the file.
    pub id: String,
    /// The expert's name, shown as text.
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// The employer or firm, when given.
    pub organisation: Option<String>,
    #[serde(default)]
    /// What the expert does, in fi/sv/en.
    pub description: Text,
    /// Material category ids from the taxonomy (`wood`, `plastics`, …).
    #[serde(default)]
    pub categories: Vec<String>,
    /// EWC chapters (two digits, `17`) the expert knows.
    #[serde(default)]
    pub ewc_chapters: Vec<String>,
    #[serde(default)]
    /// What the expert can help with besides the material.
    pub skills: Vec<Skill>,
    /// Regions served (Finnish or Swedish names); `*` for the whole of Finland.
    #[serde(default)]
    pub regions: Vec<String>,
    /// Home municipality (Finnish or Swedish name, or code).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub municipality: Option<String>,
    #[serde(default)]
    /// Languages the expert works in.
    pub languages: Vec<Lang>,
    /// An `https:` page or a `mailto:` address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
    /// The entry is invented for demonstrations.
    #[serde(default)]
    pub fictitious: bool,
}

/// One call for funding applications.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FundingCall {
    /// The list's id for the call, unique within the file.
    pub id: String,
    /// Who funds (Business Finland, an ELY centre, a regional council, a foundation …).
    pub funder: String,
    #[serde(default)]
    /// The funding programme the call belongs to, in fi/sv/en.
    pub programme: Text,
    /// The call's name in fi/sv/en.
    pub title: Text,
    #[serde(default)]
    /// What the call funds, in fi/sv/en.
    pub description: Text,
    /// Who may apply (organisation type ids, as in programmes: `company`, `municipality` …);
    /// empty: not stated.
    #[serde(default)]
    pub organisation_types: Vec<String>,
    /// Where applicants must be (regions or municipalities, fi or sv); empty: all of Finland.
    #[serde(default)]
    pub regions: Vec<String>,
    /// Topic ids the call funds; empty: any.
    #[serde(default)]
    pub topics: Vec<String>,
    /// Fewest euros per project.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_min: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// Most euros per project.
    pub amount_max: Option<f64>,
    /// Share of eligible costs funded, in percent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub funding_rate: Option<f64>,
    /// Opening time, Helsinki wall clock `YYYY-MM-DDTHH:MM`; none: already open.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opens: Option<String>,
    /// Deadline, Helsinki wall clock `YYYY-MM-DDTHH:MM`; none: continuous.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// The call's own page (`https:`).
    pub link: Option<String>,
    /// Where the facts were read (a page or document).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// The day (`YYYY-MM-DD`) the facts were last checked against the source.
    pub checked: Option<String>,
    #[serde(default)]
    /// Active, or suspended by the funder.
    pub status: CallStatus,
    /// The entry is an example that partners replace with their own.
    #[serde(default)]
    pub example: bool,
    /// The call is invented for demonstrations (no funder runs it).
    #[serde(default)]
    pub fictitious: bool,
}

/// One company of a company list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Company {
    /// The list's id for the company, unique within the file.
    pub id: String,
    /// The company's name, shown as text.
    pub name: String,
    /// Finnish or Swedish municipality name, or its code; the map point is its centre.
    pub municipality: String,
    #[serde(default)]
    /// The company's sector in fi/sv/en.
    pub sector: Text,
    #[serde(default)]
    /// Sitra's circular business models the company practises.
    pub models: Vec<BusinessModel>,
    #[serde(default)]
    /// What the company does, in fi/sv/en.
    pub description: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// The company's web page (`https:`).
    pub link: Option<String>,
    #[serde(default)]
    /// The entry is invented for demonstrations.
    pub fictitious: bool,
}

impl Company {
    /// The map point: the centre of the company's municipality from the shipped municipality
    /// data, as (latitude, longitude); `None` for an unknown municipality.
    pub fn point(&self) -> Option<(f64, f64)> {
        crate::matching::find_municipality(&self.municipality).map(|m| (m.lat, m.lon))
    }
}

/// The entries of one directory file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "entries", rename_all = "lowercase")]
pub enum Entries {
    /// An expert pool.
    Experts(Vec<Expert>),
    /// Funding calls.
    Funding(Vec<FundingCall>),
    /// A company list.
    Companies(Vec<Company>),
}

impl Entries {
    /// Which kind of list this is.
    pub fn kind(&self) -> Kind {
        match self {
            Entries::Experts(_) => Kind::Experts,
            Entries::Funding(_) => Kind::Funding,
            Entries::Companies(_) => Kind::Companies,
        }
    }

    /// How many entries the list holds.
    pub fn len(&self) -> usize {
        match self {
            Entries::Experts(v) => v.len(),
            Entries::Funding(v) => v.len(),
            Entries::Companies(v) => v.len(),
        }
    }

    /// True when the list holds no entries.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The id of entry `i`.
    pub fn id(&self, i: usize) -> Option<&str> {
        match self {
            Entries::Experts(v) => v.get(i).map(|e| e.id.as_str()),
            Entries::Funding(v) => v.get(i).map(|e| e.id.as_str()),
            Entries::Companies(v) => v.get(i).map(|e| e.id.as_str()),
        }
    }
}

/// Every language's text of `t`, joined (for the search index).
pub(crate) fn all_langs(t: &Text) -> String {
    [&t.fi, &t.sv, &t.en]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Lower-case, diacritics folded, words joined by `-`: how ids and names compare.
pub(crate) fn key(s: &str) -> String {
    crate::matching::text::fold(s)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join("-")
}
