//! The matching engine's one error type, as the impact and scoring engines have theirs.

/// Why a fallible matching call gave no answer: reading an EWC code ([`super::EwcCode::parse`])
/// or the mass an offer and a seek can exchange ([`super::exchangeable`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum MatchingError {
    /// Not 2, 4 or 6 digits in pairs (`17 02 01`, `170201`, `17.02.01`, `17-02-01`, `*` after).
    #[error("not an EWC code (six digits such as 17 02 01)")]
    MalformedEwc,
    /// Well-formed, but the list has no such chapter, sub-chapter or entry (`99 99 99`).
    #[error("not in the European List of Waste")]
    EwcNotInList,
    /// Neither side of the pair converts to tonnes.
    #[error("neither quantity converts to tonnes")]
    NoMass,
    /// One side converts to tonnes and the other does not (pieces without a documented
    /// typical mass, metres, square metres): the amounts cannot be compared.
    #[error("one quantity converts to tonnes and the other does not")]
    Incomparable,
}
