//! Impact engine: factors with provenance, exchange impact, aggregation and circularity
//! indicators (MCI, WBCSD CTI, Eurostat CMU, resource productivity).
//!
//! # Exchange impact
//! **What it measures:** CO2e avoided, virgin material saved and euros saved when a material
//! leaves its baseline pathway (e.g. landfill) for an alternative (e.g. recycling by a partner).
//!
//! **Formula** (WARM's rule: a difference of pathways, never one factor × mass):
//! ```text
//! CO2e_avoided = m·(EF_baseline − EF_alternative)
//!              + m·(r·EF_virgin − EF_secondary)      only if the recycling factor does not already credit it
//!              − t·km·EF_transport
//! virgin_saved = m·r
//! €_saved      = m·(fee+tax)_baseline − m·(fee+tax)_alternative + m·(r·p_virgin − p_secondary) − logistics
//! ```
//! With r = 1 the substitution term is the note's m·(EF_virgin − EF_secondary). Every term carries a
//! low–high range; a missing factor makes the term and its totals [`Estimate::Unknown`], never 0.
//!
//! **Example:** 10 kg of desktop computers, landfill (0.02) → recycling (−1.49) MTCO2E/short ton
//! (the published WARM vector; the shipped v15 factors are 0.0203 and −1.4868):
//! 0.01 t × 1.51 × 1102.311311 kg CO2e/t = 16.644901 kg CO2e avoided.
//!
//! **Source:** US EPA WARM documentation (<https://www.epa.gov/warm>); factors in `docs/factors.md`.
//!
//! # Circularity indicators
//! See [`mci`], [`company_mci`], [`cti`], [`circular_material_use`], [`resource_productivity`]
//! and [`targets_2035`]; each is documented in `docs/impact.md` with What it measures / Formula /
//! Example / Source.

mod aggregate;
mod exchange;
mod factors;
mod indicators;
mod prefill;

pub use aggregate::{AggregateImpact, Group, RealisedExchange, Total, aggregate};
pub use exchange::{
    Breakdown, Estimate, ExchangeImpact, ExchangeInput, Inapplicable, Missing, Prices,
    TRANSPORT_NOTE, exchange, tonnes,
};
pub use factors::{
    CATEGORIES, CategoryPathways, Dimension, Factor, FactorData, FactorKind, FactorOverride,
    FactorUnit, Factors, KG_PER_SHORT_TON, Material, Pathway, Resolved, Vehicle,
};
pub use indicators::{
    CompanyMci, Cti, CtiInput, Inflow, MaterialAccounts, Mci, MciInput, Outflow, ProductMci,
    ProductMciInput, Targets2035, TargetsInput, Utility, circular_material_use, company_mci, cti,
    mci, resource_productivity, targets_2035,
};
pub use prefill::{PREFILL_KEYS, PREFILL_MAX_LEN, PREFILL_PREFIX, Prefill, read_prefill};

use crate::vocab::{Code, Diagnostic};

/// Everything that can go wrong in the impact engine.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ImpactError {
    #[error("unit mismatch in {what}: expected {expected}, found {found}")]
    /// A quantity or factor in a unit other than the one the formula needs.
    UnitMismatch {
        /// What had the wrong unit.
        what: String,
        /// The unit needed.
        expected: String,
        /// The unit given.
        found: String,
    },
    #[error("invalid {field}: {reason}")]
    /// An input value that cannot be used.
    InvalidInput {
        /// The field, with its place when known (`p1.quantity`).
        field: String,
        /// What kind of problem it is, for interfaces that say it in their own language.
        code: Code,
        /// What is wrong with it.
        reason: String,
    },
    #[error("unknown material `{0}`: use a category id, a material id or a 6-digit EWC code")]
    /// The material is not a category id, a material id or a known EWC code.
    UnknownMaterial(String),
    #[error("no factor with id `{0}` to override")]
    /// An override names a factor the dataset does not have.
    UnknownFactor(String),
    #[error("invalid factor data: {}", join(.0))]
    /// A factor dataset that does not validate, with every problem found.
    InvalidFactors(Vec<Diagnostic>),
    #[error("{0}")]
    /// A factor dataset that cannot be read as one (the shipped one or one given).
    Data(String),
}

fn join(diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

impl ImpactError {
    /// Prefixes the field with where it occurred, e.g. the product id.
    pub(crate) fn within(self, place: &str) -> ImpactError {
        match self {
            ImpactError::InvalidInput {
                field,
                code,
                reason,
            } => ImpactError::InvalidInput {
                field: format!("{place}.{field}"),
                code,
                reason,
            },
            other => other,
        }
    }

    /// The error as coded diagnostics (row 0), which interfaces word in their own language;
    /// invalid factor data gives its problems one by one. `message` keeps the English text.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        let one = |field: &str, code: Code| Diagnostic::error(0, field, code, self.to_string());
        match self {
            // A partner's override names its factor in `what`; the problem is its unit.
            ImpactError::UnitMismatch { what, found, .. } => {
                let field = if what == "quantity" {
                    "quantity"
                } else {
                    "unit"
                };
                vec![one(field, Code::UnitMismatch).with_value(found)]
            }
            ImpactError::InvalidInput { field, code, .. } => vec![one(field, *code)],
            ImpactError::UnknownMaterial(id) => {
                vec![one("material", Code::UnknownMaterial).with_value(id)]
            }
            ImpactError::UnknownFactor(id) => vec![one("id", Code::UnknownFactor).with_value(id)],
            ImpactError::InvalidFactors(list) => list.clone(),
            ImpactError::Data(_) => vec![one("", Code::WrongShape)],
        }
    }
}

#[cfg(test)]
mod tests;
