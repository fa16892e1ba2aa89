//! Why partner data could not be loaded: the network said so, or the core's first fatal
//! diagnostic. Either is shown in the UI language, with the network's own words in `lang="en"`.

use kiertokit::{Diagnostic, Lang, Severity};

#[derive(Clone, Debug, PartialEq)]
pub enum LoadFailure {
    /// The fetch failed; the browser's or server's words ("HTTP 404"), not translatable.
    Fetch(String),
    /// The data was read but nothing usable came out: the core's diagnostic.
    Data(Diagnostic),
}

impl LoadFailure {
    /// The detail in the UI language and the BCP 47 tag of the language it is in.
    pub fn said(&self, lang: Lang) -> (String, &'static str) {
        match self {
            LoadFailure::Fetch(m) => (m.clone(), "en"),
            LoadFailure::Data(d) => (crate::i18n::diagnostic(d, lang), lang.tag()),
        }
    }

    /// For the host page's `error` event: the stable code (or `fetch`) and the English text.
    pub fn code_and_message(&self) -> (&'static str, &str) {
        match self {
            LoadFailure::Fetch(m) => ("fetch", m),
            LoadFailure::Data(d) => (d.code.id(), &d.message),
        }
    }
}

/// The import's result when nothing usable came out: the first whole-file error, if any.
pub fn fatal(diagnostics: &[Diagnostic]) -> Option<LoadFailure> {
    diagnostics
        .iter()
        .find(|d| d.row == 0 && d.severity == Severity::Error)
        .cloned()
        .map(LoadFailure::Data)
}
