//! The factor dataset: emission, cost and substitution factors with their provenance.

use super::ImpactError;
use crate::Code;
use crate::matching::EwcCode;
use crate::vocab::Diagnostic;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The shipped dataset as `core/build.rs` writes it from `data/factors.json`.
// Published values (WARM's −0.7853) may look like a constant to clippy; they are data.
#[allow(clippy::approx_constant)]
mod shipped {
    use super::{FactorKind, Pathway, Row, Vehicle};
    include!(concat!(env!("OUT_DIR"), "/factors.rs"));
}

/// One shipped factor in the build's tables.
struct Row {
    id: &'static str,
    kind: FactorKind,
    material: &'static str,
    pathway: Option<Pathway>,
    vehicle: Option<Vehicle>,
    value: f64,
    low: Option<f64>,
    high: Option<f64>,
    unit: &'static str,
    includes_substitution: bool,
    source: &'static str,
    version: &'static str,
    year: u16,
    geography: &'static str,
    licence: &'static str,
    verify: bool,
}

/// Each shipped factor's note, table, basis and WARM process, by id. Kept apart so that only
/// programs calling [`Factors::builtin_with_provenance`] carry it (the widgets show none of it).
const PROVENANCE_JSON: &str = include_str!("../../data/factors-provenance.json");

/// Kilograms in one US short ton (2,000 lb × 0.45359237 kg/lb), by definition.
pub const KG_PER_SHORT_TON: f64 = 907.184_74;

/// The material category ids the finder uses.
pub const CATEGORIES: [&str; 13] = [
    "construction",
    "soil",
    "wood",
    "plastics",
    "textiles",
    "food",
    "electronics",
    "metals",
    "paper",
    "glass",
    "ash",
    "chemicals",
    "other",
];

/// A waste-management or use pathway of a material.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Pathway {
    /// Disposal in a landfill.
    Landfill,
    /// Incineration with energy recovery.
    Incineration,
    /// Material recovery: recycling, or use as a secondary raw material (by-product, earthworks).
    Recycling,
    /// Composting (aerobic).
    Composting,
    /// Anaerobic digestion (biogas).
    AnaerobicDigestion,
}

impl Pathway {
    /// Every pathway, in the order forms list them.
    pub const ALL: [Pathway; 5] = [
        Pathway::Landfill,
        Pathway::Incineration,
        Pathway::Recycling,
        Pathway::Composting,
        Pathway::AnaerobicDigestion,
    ];

    /// The pathway as written in data and inputs (`landfill`, …, `anaerobic_digestion`).
    pub fn id(self) -> &'static str {
        match self {
            Pathway::Landfill => "landfill",
            Pathway::Incineration => "incineration",
            Pathway::Recycling => "recycling",
            Pathway::Composting => "composting",
            Pathway::AnaerobicDigestion => "anaerobic_digestion",
        }
    }
}

/// A road vehicle class with a transport factor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Vehicle {
    /// Full trailer combination (täysperävaunuyhdistelmä), long-haul.
    #[default]
    FullTrailer,
    /// Distribution truck (jakeluauto), short urban runs.
    DistributionTruck,
}

impl Vehicle {
    /// The vehicle as written in data and inputs (`full_trailer`, `distribution_truck`).
    pub fn id(self) -> &'static str {
        match self {
            Vehicle::FullTrailer => "full_trailer",
            Vehicle::DistributionTruck => "distribution_truck",
        }
    }
}

/// What a factor quantifies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FactorKind {
    /// Emissions of a waste pathway per mass treated (needs `pathway`).
    Treatment,
    /// Emissions of producing the virgin material that the secondary one displaces.
    Virgin,
    /// Emissions of preparing the secondary material for use.
    SecondaryProcessing,
    /// Emissions per t·km (needs `vehicle`).
    Transport,
    /// Tonnes of virgin material displaced per tonne of secondary material.
    Substitution,
    /// Gate fee of a pathway, excluding taxes (needs `pathway`).
    GateFee,
    /// Tax on a pathway (needs `pathway`); absent means the pathway is untaxed.
    Tax,
}

/// The unit a factor is published in; written and read as its symbol ([`FactorUnit::symbol`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FactorUnit {
    /// Kilograms CO2e per tonne.
    KgCo2ePerTonne,
    /// Kilograms CO2e per kilogram.
    KgCo2ePerKg,
    /// Tonnes CO2e per tonne.
    TCo2ePerTonne,
    /// WARM's unit: metric tonnes CO2e per US short ton.
    MtCo2ePerShortTon,
    /// Grams CO2e per tonne-kilometre.
    GCo2ePerTonneKm,
    /// Kilograms CO2e per tonne-kilometre.
    KgCo2ePerTonneKm,
    /// Euros per tonne.
    EurPerTonne,
    /// Tonnes per tonne (a ratio).
    TonnePerTonne,
}

/// Other spellings read as a unit: `tkm` for `t·km`, `€` for `EUR`.
const UNIT_ALIASES: [(&str, FactorUnit); 3] = [
    ("g CO2e/tkm", FactorUnit::GCo2ePerTonneKm),
    ("kg CO2e/tkm", FactorUnit::KgCo2ePerTonneKm),
    ("€/t", FactorUnit::EurPerTonne),
];

impl Serialize for FactorUnit {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.symbol())
    }
}

impl<'de> Deserialize<'de> for FactorUnit {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = std::borrow::Cow::<str>::deserialize(deserializer)?;
        FactorUnit::parse(&text).ok_or_else(|| {
            let symbols: Vec<&str> = FactorUnit::ALL.iter().map(|u| u.symbol()).collect();
            serde::de::Error::custom(format!(
                "unknown unit `{text}`, expected one of `{}`",
                symbols.join("`, `")
            ))
        })
    }
}

/// Physical dimension of a unit; only units of the same dimension convert into each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    /// Canonical unit kg CO2e/t.
    EmissionPerMass,
    /// Canonical unit kg CO2e/t·km.
    EmissionPerTonneKm,
    /// Canonical unit EUR/t.
    CostPerMass,
    /// Canonical unit t/t.
    Ratio,
}

impl FactorUnit {
    /// Every unit.
    pub const ALL: [FactorUnit; 8] = [
        FactorUnit::KgCo2ePerTonne,
        FactorUnit::KgCo2ePerKg,
        FactorUnit::TCo2ePerTonne,
        FactorUnit::MtCo2ePerShortTon,
        FactorUnit::GCo2ePerTonneKm,
        FactorUnit::KgCo2ePerTonneKm,
        FactorUnit::EurPerTonne,
        FactorUnit::TonnePerTonne,
    ];

    /// The unit with this symbol or one of its aliases (exact spelling).
    pub fn parse(text: &str) -> Option<FactorUnit> {
        FactorUnit::ALL
            .into_iter()
            .find(|u| u.symbol() == text)
            .or_else(|| {
                UNIT_ALIASES
                    .iter()
                    .find(|(a, _)| *a == text)
                    .map(|(_, u)| *u)
            })
    }

    /// The unit as written in the data (`kg CO2e/t`, …).
    pub fn symbol(self) -> &'static str {
        match self {
            FactorUnit::KgCo2ePerTonne => "kg CO2e/t",
            FactorUnit::KgCo2ePerKg => "kg CO2e/kg",
            FactorUnit::TCo2ePerTonne => "t CO2e/t",
            FactorUnit::MtCo2ePerShortTon => "MTCO2E/short ton",
            FactorUnit::GCo2ePerTonneKm => "g CO2e/t·km",
            FactorUnit::KgCo2ePerTonneKm => "kg CO2e/t·km",
            FactorUnit::EurPerTonne => "EUR/t",
            FactorUnit::TonnePerTonne => "t/t",
        }
    }

    /// The physical dimension the unit measures.
    pub fn dimension(self) -> Dimension {
        match self {
            FactorUnit::KgCo2ePerTonne
            | FactorUnit::KgCo2ePerKg
            | FactorUnit::TCo2ePerTonne
            | FactorUnit::MtCo2ePerShortTon => Dimension::EmissionPerMass,
            FactorUnit::GCo2ePerTonneKm | FactorUnit::KgCo2ePerTonneKm => {
                Dimension::EmissionPerTonneKm
            }
            FactorUnit::EurPerTonne => Dimension::CostPerMass,
            FactorUnit::TonnePerTonne => Dimension::Ratio,
        }
    }

    /// Multiplier from this unit to its dimension's canonical unit, derived from definitions.
    pub fn to_canonical(self) -> f64 {
        match self {
            FactorUnit::KgCo2ePerTonne
            | FactorUnit::KgCo2ePerTonneKm
            | FactorUnit::EurPerTonne
            | FactorUnit::TonnePerTonne => 1.0,
            FactorUnit::KgCo2ePerKg | FactorUnit::TCo2ePerTonne => 1000.0,
            // 1000 kg CO2e per short ton, and 1 t = 1000/907.18474 short tons.
            FactorUnit::MtCo2ePerShortTon => 1000.0 * 1000.0 / KG_PER_SHORT_TON,
            FactorUnit::GCo2ePerTonneKm => 0.001,
        }
    }
}

impl Dimension {
    /// The unit every value of this dimension is converted to.
    pub fn canonical(self) -> FactorUnit {
        match self {
            Dimension::EmissionPerMass => FactorUnit::KgCo2ePerTonne,
            Dimension::EmissionPerTonneKm => FactorUnit::KgCo2ePerTonneKm,
            Dimension::CostPerMass => FactorUnit::EurPerTonne,
            Dimension::Ratio => FactorUnit::TonnePerTonne,
        }
    }
}

impl FactorKind {
    /// The dimension every factor of this kind must have.
    pub fn dimension(self) -> Dimension {
        match self {
            FactorKind::Treatment | FactorKind::Virgin | FactorKind::SecondaryProcessing => {
                Dimension::EmissionPerMass
            }
            FactorKind::Transport => Dimension::EmissionPerTonneKm,
            FactorKind::Substitution => Dimension::Ratio,
            FactorKind::GateFee | FactorKind::Tax => Dimension::CostPerMass,
        }
    }
}

/// One factor with its provenance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Factor {
    /// Stable id (`warm15.wood.recycling`).
    pub id: String,
    /// What the factor quantifies.
    pub kind: FactorKind,
    /// A material id, a category id, or `*` for every material.
    pub material: String,
    /// The pathway it is for (treatment, gate fee and tax factors).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pathway: Option<Pathway>,
    /// The vehicle it is for (transport factors).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vehicle: Option<Vehicle>,
    /// The central value, in `unit`.
    pub value: f64,
    /// Low end where sources disagree or the value is uncertain.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub low: Option<f64>,
    /// High end where sources disagree or the value is uncertain.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub high: Option<f64>,
    /// The unit the value is published in.
    pub unit: FactorUnit,
    /// A recycling factor that already credits the displaced virgin production (WARM's are).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub includes_substitution: bool,
    /// The publication the value comes from.
    pub source: String,
    /// The version of that publication.
    pub version: String,
    /// The year the value is for.
    pub year: u16,
    /// Where it applies (`FI`, `US`, `EU`).
    pub geography: String,
    /// The licence of the source.
    pub licence: String,
    /// A short note on how to read the value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Where in the source the number sits: table, exhibit, process or section.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<String>,
    /// How the number was obtained: transcribed, derived (and how) or estimated (from what).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
    /// The WARMer v15 process a WARM-derived value is recomputed from (tests/tests/warm15.rs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warm_process: Option<String>,
    /// The value may not apply to the case at hand; every result that uses it says so.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub verify: bool,
}

/// A partner's replacement of a shipped factor's value; the unit must be stated and is checked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FactorOverride {
    /// The id of the shipped factor it replaces.
    pub id: String,
    /// The partner's value, in `unit`.
    pub value: f64,
    /// The unit of `value`, converted and checked against the factor's dimension.
    pub unit: FactorUnit,
    /// Low end of the partner's range.
    #[serde(default)]
    pub low: Option<f64>,
    /// High end of the partner's range.
    #[serde(default)]
    pub high: Option<f64>,
    /// Where the partner's value comes from; defaults to "partner override".
    #[serde(default)]
    pub source: Option<String>,
    /// The year the partner's value is for.
    #[serde(default)]
    pub year: Option<u16>,
    /// The partner's note.
    #[serde(default)]
    pub note: Option<String>,
}

impl FactorOverride {
    /// Its fields as partners write them (readers that are not serde check keys against it).
    pub const FIELDS: [&str; 8] = [
        "id", "value", "unit", "low", "high", "source", "year", "note",
    ];
}

/// A material below a category, e.g. `hdpe` in `plastics`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Material {
    /// Stable id (`hdpe`).
    pub id: String,
    /// The category it belongs to.
    pub category: String,
    /// Its name, in English.
    pub name: String,
}

/// The dataset as stored in JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FactorData {
    /// The dataset's name.
    pub dataset: String,
    /// The dataset's version.
    pub version: String,
    /// Category ids.
    pub categories: Vec<String>,
    /// Materials below the categories.
    pub materials: Vec<Material>,
    /// EWC 6-digit code → material or category id.
    pub ewc: BTreeMap<String, String>,
    /// The factors.
    pub factors: Vec<Factor>,
}

/// A validated factor dataset.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Factors {
    data: FactorData,
}

/// Which material a user's key stands for and where to look for its factors.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resolved {
    /// The category the key resolves to.
    pub category: String,
    /// Most specific first: material ids, then the category, then `*`.
    pub levels: Vec<Vec<String>>,
    /// A note on how the key was read (an EWC code's material, say).
    pub note: Option<String>,
    /// Whether the key was an EWC code marked hazardous (`*`); None when the key was no code.
    #[serde(default)]
    pub hazardous: Option<bool>,
}

/// A factor value in canonical units, with its range and the ids behind it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Found {
    pub value: f64,
    pub low: f64,
    pub high: f64,
    pub ids: Vec<String>,
    pub conversions: Vec<String>,
    pub includes_substitution: bool,
}

/// A category and the pathways that have treatment factors, for a dropdown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryPathways {
    /// The category id.
    pub category: String,
    /// Pathways with a treatment factor for it.
    pub pathways: Vec<Pathway>,
}

static BUILTIN: OnceLock<Result<Factors, String>> = OnceLock::new();
static WITH_PROVENANCE: OnceLock<Result<Factors, String>> = OnceLock::new();

/// The audit fields of one shipped factor, as stored in `factors-provenance.json`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
struct Provenance {
    #[serde(default)]
    note: Option<String>,
    table: String,
    basis: String,
    #[serde(default)]
    warm_process: Option<String>,
}

/// The dataset of the build's tables, as [`Factors::from_json`] would read `data/factors.json`.
fn shipped_data() -> Result<FactorData, String> {
    let owned = |list: &[&str]| list.iter().map(|s| s.to_string()).collect();
    let mut factors = Vec::with_capacity(shipped::FACTORS.len());
    for r in shipped::FACTORS {
        factors.push(Factor {
            id: r.id.into(),
            kind: r.kind,
            material: r.material.into(),
            pathway: r.pathway,
            vehicle: r.vehicle,
            value: r.value,
            low: r.low,
            high: r.high,
            unit: FactorUnit::parse(r.unit)
                .ok_or_else(|| format!("factor `{}` has unknown unit `{}`", r.id, r.unit))?,
            includes_substitution: r.includes_substitution,
            source: r.source.into(),
            version: r.version.into(),
            year: r.year,
            geography: r.geography.into(),
            licence: r.licence.into(),
            note: None,
            table: None,
            basis: None,
            warm_process: None,
            verify: r.verify,
        });
    }
    Ok(FactorData {
        dataset: shipped::DATASET.0.into(),
        version: shipped::DATASET.1.into(),
        categories: owned(shipped::CATEGORIES),
        materials: shipped::MATERIALS
            .iter()
            .map(|&(id, category, name)| Material {
                id: id.into(),
                category: category.into(),
                name: name.into(),
            })
            .collect(),
        ewc: shipped::EWC
            .iter()
            .map(|&(code, id)| (code.into(), id.into()))
            .collect(),
        factors,
    })
}

impl Factors {
    /// The shipped dataset, validated on first use.
    pub fn builtin() -> Result<&'static Factors, ImpactError> {
        BUILTIN
            .get_or_init(|| shipped_data().and_then(|d| Factors::new(d).map_err(|e| e.to_string())))
            .as_ref()
            .map_err(|e| ImpactError::Data(e.clone()))
    }

    /// The shipped dataset with every factor's note, table, basis and WARM process: for
    /// documentation, audits and tests. Same values as [`Factors::builtin`].
    pub fn builtin_with_provenance() -> Result<&'static Factors, ImpactError> {
        WITH_PROVENANCE
            .get_or_init(|| {
                let mut data = Factors::builtin().map_err(|e| e.to_string())?.data.clone();
                let mut by_id: BTreeMap<String, Provenance> = serde_json::from_str(PROVENANCE_JSON)
                    .map_err(|e| format!("factor provenance is not valid: {e}"))?;
                for f in &mut data.factors {
                    let p = by_id
                        .remove(&f.id)
                        .ok_or_else(|| format!("factor `{}` has no provenance", f.id))?;
                    f.note = p.note;
                    f.table = Some(p.table);
                    f.basis = Some(p.basis);
                    f.warm_process = p.warm_process;
                }
                if let Some(id) = by_id.keys().next() {
                    return Err(format!("provenance for unknown factor `{id}`"));
                }
                Factors::new(data).map_err(|e| e.to_string())
            })
            .as_ref()
            .map_err(|e| ImpactError::Data(e.clone()))
    }

    /// Parses and validates a dataset in the shape of `core/data/factors.json`.
    pub fn from_json(text: &str) -> Result<Factors, ImpactError> {
        let data: FactorData = serde_json::from_str(text)
            .map_err(|e| ImpactError::Data(format!("factor dataset is not valid: {e}")))?;
        Factors::new(data)
    }

    /// Validates `data`, collecting every problem rather than the first.
    pub fn new(data: FactorData) -> Result<Factors, ImpactError> {
        let mut problems = Vec::new();
        let mut seen = std::collections::BTreeSet::new();
        for (i, f) in data.factors.iter().enumerate() {
            let row = i + 1;
            if !seen.insert(f.id.as_str()) {
                problems.push(
                    Diagnostic::error(
                        row,
                        "id",
                        Code::Duplicate,
                        format!("duplicate factor id `{}`", f.id),
                    )
                    .with_value(&f.id),
                );
            }
            problems.extend(check_factor(f, row));
            let known_material = f.material == "*"
                || data.categories.contains(&f.material)
                || data.materials.iter().any(|m| m.id == f.material);
            if !known_material {
                problems.push(
                    Diagnostic::error(
                        row,
                        "material",
                        Code::UnknownValue,
                        format!("factor `{}` names unknown material `{}`", f.id, f.material),
                    )
                    .with_value(&f.material),
                );
            }
        }
        for (i, m) in data.materials.iter().enumerate() {
            if !data.categories.contains(&m.category) {
                problems.push(
                    Diagnostic::error(
                        i + 1,
                        "category",
                        Code::UnknownValue,
                        format!(
                            "material `{}` names unknown category `{}`",
                            m.id, m.category
                        ),
                    )
                    .with_value(&m.category),
                );
            }
        }
        for (code, target) in &data.ewc {
            let ok =
                data.categories.contains(target) || data.materials.iter().any(|m| &m.id == target);
            let entry =
                EwcCode::parse(code).is_ok_and(|w| w.code.level() == 3 && w.code.as_str() == code);
            if !entry || !ok {
                problems.push(Diagnostic::error(
                    0,
                    "ewc",
                    Code::InvalidSetting, format!(
                        "ewc entry `{code}` → `{target}` is not a 6-digit code mapped to a known id"
                    ),
                ).with_value(code));
            }
        }
        if problems.is_empty() {
            Ok(Factors { data })
        } else {
            Err(ImpactError::InvalidFactors(problems))
        }
    }

    /// The dataset as read.
    pub fn data(&self) -> &FactorData {
        &self.data
    }

    /// Every factor.
    pub fn factors(&self) -> &[Factor] {
        &self.data.factors
    }

    /// The factor with this id.
    pub fn get(&self, id: &str) -> Option<&Factor> {
        self.data.factors.iter().find(|f| f.id == id)
    }

    /// A copy with partner values replacing shipped ones; units must match the factor's dimension.
    pub fn with_overrides(&self, overrides: &[FactorOverride]) -> Result<Factors, ImpactError> {
        let mut data = self.data.clone();
        for o in overrides {
            let Some(f) = data.factors.iter_mut().find(|f| f.id == o.id) else {
                return Err(ImpactError::UnknownFactor(o.id.clone()));
            };
            if o.unit.dimension() != f.kind.dimension() {
                return Err(ImpactError::UnitMismatch {
                    what: format!("override of `{}`", o.id),
                    expected: f.kind.dimension().canonical().symbol().to_owned(),
                    found: o.unit.symbol().to_owned(),
                });
            }
            f.value = o.value;
            f.unit = o.unit;
            f.low = o.low;
            f.high = o.high;
            f.source = o
                .source
                .clone()
                .unwrap_or_else(|| "partner override".to_owned());
            f.version = "override".to_owned();
            f.year = o.year.unwrap_or(f.year);
            f.note = o.note.clone();
            // The shipped provenance no longer describes the partner's number.
            f.table = None;
            f.basis = None;
            f.warm_process = None;
            f.verify = false;
        }
        Factors::new(data)
    }

    /// A copy with extra factors added (new ids only), e.g. a partner's wood factors.
    pub fn with_additional(&self, extra: &[Factor]) -> Result<Factors, ImpactError> {
        let mut data = self.data.clone();
        data.factors.extend(extra.iter().cloned());
        Factors::new(data)
    }

    /// Maps a category id, material id or EWC code (spaces and a trailing `*` allowed).
    pub fn resolve(&self, key: &str) -> Result<Resolved, ImpactError> {
        let key = key.trim();
        if let Ok(written) = EwcCode::parse_shape(key) {
            let entry = match EwcCode::parse(key) {
                Ok(w) if w.code.level() == 3 => w,
                _ => {
                    return Err(ImpactError::InvalidInput {
                        field: "material".to_owned(),
                        code: Code::NotEwcEntry,
                        reason: format!(
                            "EWC `{}` is not an entry of the European List of Waste",
                            written.code.spaced()
                        ),
                    });
                }
            };
            let code = entry.code.as_str().to_owned();
            // Hazardous by the list or by the star the partner typed: never lost.
            let hazardous = entry.code.hazardous() || entry.starred;
            let mut r = match self.data.ewc.get(&code) {
                Some(target) => {
                    let mut r = self.resolve_id(target)?;
                    r.note = Some(format!("EWC {code} is counted as `{target}`"));
                    r
                }
                None => Resolved {
                    category: "other".to_owned(),
                    levels: vec![vec!["other".to_owned()], vec!["*".to_owned()]],
                    note: Some(format!(
                        "EWC {code} is not mapped to a material; counted as `other`"
                    )),
                    hazardous: None,
                },
            };
            r.hazardous = Some(hazardous);
            return Ok(r);
        }
        self.resolve_id(key)
    }

    fn resolve_id(&self, id: &str) -> Result<Resolved, ImpactError> {
        let star = vec!["*".to_owned()];
        if let Some(m) = self.data.materials.iter().find(|m| m.id == id) {
            return Ok(Resolved {
                category: m.category.clone(),
                levels: vec![vec![m.id.clone()], vec![m.category.clone()], star],
                note: None,
                hazardous: None,
            });
        }
        if self.data.categories.iter().any(|c| c == id) {
            let members: Vec<String> = self
                .data
                .materials
                .iter()
                .filter(|m| m.category == id)
                .map(|m| m.id.clone())
                .collect();
            return Ok(Resolved {
                category: id.to_owned(),
                levels: vec![members, vec![id.to_owned()], star],
                note: None,
                hazardous: None,
            });
        }
        Err(ImpactError::UnknownMaterial(id.to_owned()))
    }

    /// The factors of `kind` for `resolved` at the most specific level that has any.
    pub(crate) fn lookup(
        &self,
        resolved: &Resolved,
        kind: FactorKind,
        pathway: Option<Pathway>,
        vehicle: Option<Vehicle>,
    ) -> Option<Found> {
        for level in &resolved.levels {
            let hits: Vec<&Factor> = self
                .data
                .factors
                .iter()
                .filter(|f| {
                    f.kind == kind
                        && level.contains(&f.material)
                        && (pathway.is_none() || f.pathway == pathway)
                        && (vehicle.is_none() || f.vehicle == vehicle)
                })
                .collect();
            if let Some(first) = hits.first() {
                let scale = |f: &Factor, v: f64| v * f.unit.to_canonical();
                let mut found = Found {
                    value: scale(first, first.value),
                    low: f64::INFINITY,
                    high: f64::NEG_INFINITY,
                    ids: Vec::new(),
                    conversions: Vec::new(),
                    includes_substitution: first.includes_substitution,
                };
                for f in hits {
                    found.low = found.low.min(scale(f, f.low.unwrap_or(f.value)));
                    found.high = found.high.max(scale(f, f.high.unwrap_or(f.value)));
                    found.ids.push(f.id.clone());
                    let canonical = f.kind.dimension().canonical();
                    if f.unit != canonical {
                        found.conversions.push(format!(
                            "{}: {} {} = {} {}",
                            f.id,
                            f.value,
                            f.unit.symbol(),
                            scale(f, f.value),
                            canonical.symbol()
                        ));
                    }
                }
                return Some(found);
            }
        }
        None
    }

    /// Pathways with a treatment factor for `material` (a category, material or EWC code).
    pub fn pathways(&self, material: &str) -> Result<Vec<Pathway>, ImpactError> {
        let resolved = self.resolve(material)?;
        Ok(Pathway::ALL
            .into_iter()
            .filter(|p| {
                self.lookup(&resolved, FactorKind::Treatment, Some(*p), None)
                    .is_some()
            })
            .collect())
    }

    /// Every category with its available pathways, in the finder's order.
    pub fn categories(&self) -> Vec<CategoryPathways> {
        self.data
            .categories
            .iter()
            .map(|c| CategoryPathways {
                category: c.clone(),
                pathways: self.pathways(c).unwrap_or_default(),
            })
            .collect()
    }
}

/// Problems with one factor; `row` is its 1-based position.
fn check_factor(f: &Factor, row: usize) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut bad = |field: &str, msg: String| {
        out.push(Diagnostic::error(row, field, Code::InvalidSetting, msg));
    };
    if f.id.trim().is_empty() {
        bad("id", "factor id is empty".to_owned());
    }
    if f.unit.dimension() != f.kind.dimension() {
        bad(
            "unit",
            format!(
                "factor `{}` of kind {:?} needs a unit like {}, not {}",
                f.id,
                f.kind,
                f.kind.dimension().canonical().symbol(),
                f.unit.symbol()
            ),
        );
    }
    for (name, v) in [("value", Some(f.value)), ("low", f.low), ("high", f.high)] {
        if v.is_some_and(|v| !v.is_finite()) {
            bad(name, format!("factor `{}` has a non-finite {name}", f.id));
        }
    }
    if f.low.is_some_and(|l| l > f.value) || f.high.is_some_and(|h| h < f.value) {
        bad(
            "low",
            format!("factor `{}` value lies outside its low–high range", f.id),
        );
    }
    let needs_pathway = matches!(
        f.kind,
        FactorKind::Treatment | FactorKind::GateFee | FactorKind::Tax
    );
    if needs_pathway != f.pathway.is_some() {
        bad(
            "pathway",
            format!(
                "factor `{}`: pathway is required exactly for treatment, gate_fee and tax",
                f.id
            ),
        );
    }
    if (f.kind == FactorKind::Transport) != f.vehicle.is_some() {
        bad(
            "vehicle",
            format!(
                "factor `{}`: vehicle is required exactly for transport",
                f.id
            ),
        );
    }
    // Negative transport or substitution would let more transport or less material raise savings.
    let non_negative = matches!(f.kind, FactorKind::Transport | FactorKind::Substitution);
    if non_negative && (f.value < 0.0 || f.low.is_some_and(|l| l < 0.0)) {
        bad("value", format!("factor `{}` must not be negative", f.id));
    }
    for (name, text) in [
        ("source", &f.source),
        ("version", &f.version),
        ("geography", &f.geography),
        ("licence", &f.licence),
    ] {
        if text.trim().is_empty() {
            bad(name, format!("factor `{}` has no {name}", f.id));
        }
    }
    out
}
