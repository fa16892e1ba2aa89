//! Every `#[wasm_bindgen]` export of the module: thin conversions that delegate to widgets.

use crate::host::{Config, Host};
use std::any::Any;
use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

/// A mounted widget; dropping it or calling `unmount` removes the widget and its reactive state.
#[wasm_bindgen]
pub struct Handle {
    mounted: Option<Box<dyn Any>>,
}

#[wasm_bindgen]
impl Handle {
    pub fn unmount(&mut self) {
        self.mounted = None;
    }
}

/// Mounts the material-exchange finder into `container` (inside `host`'s shadow root).
#[cfg(feature = "finder")]
#[wasm_bindgen(js_name = mountMaterialFinder)]
pub fn mount_material_finder(
    container: HtmlElement,
    host: HtmlElement,
    config: JsValue,
) -> Result<Handle, JsError> {
    crate::host::install_panic_hook(&config);
    // Finder-specific data-kt-* keys come from the same object; unknown shapes fall back to defaults.
    let options = crate::finder::Options::from_js(&config);
    let config = Config::from_js(&config);
    let host = Host(host);
    let handle = leptos::mount::mount_to(container, move || {
        crate::finder::finder(config, options, host)
    });
    Ok(Handle {
        mounted: Some(Box::new(handle)),
    })
}

/// Mounts the impact calculator; `factors` (string from `data-kt-factors`, or an array from the
/// JS API) holds partner factor overrides.
#[cfg(feature = "impact-calculator")]
#[wasm_bindgen(js_name = mountImpactCalculator)]
pub fn mount_impact_calculator(
    container: HtmlElement,
    host: HtmlElement,
    config: JsValue,
) -> Result<Handle, JsError> {
    crate::host::install_panic_hook(&config);
    let raw = if config.is_object() {
        js_sys::Reflect::get(&config, &JsValue::from_str("factors")).unwrap_or(JsValue::UNDEFINED)
    } else {
        JsValue::UNDEFINED
    };
    let overrides = if raw.is_undefined() || raw.is_null() {
        None
    } else if let Some(text) = raw.as_string() {
        // The browser's JSON parser: the module carries none.
        Some(match js_sys::JSON::parse(&text) {
            Ok(value) => crate::impact_calculator::read_overrides(value, "data-kt-factors"),
            Err(e) => Err(format!(
                "data-kt-factors: not valid JSON ({})",
                js_sys::Error::from(e).message()
            )),
        })
    } else {
        Some(crate::impact_calculator::read_overrides(raw, "factors"))
    };
    let config = Config::from_js(&config);
    let host = Host(host);
    let handle = leptos::mount::mount_to(container, move || {
        crate::impact_calculator::impact_calculator(config, overrides, host)
    });
    Ok(Handle {
        mounted: Some(Box::new(handle)),
    })
}

/// Mounts the applicant-side application check; `data-kt-programme` restricts the built-ins,
/// inline JSON or `data-kt-src` supplies the partner's own programme definition.
#[cfg(feature = "application-check")]
#[wasm_bindgen(js_name = mountApplicationCheck)]
pub fn mount_application_check(
    container: HtmlElement,
    host: HtmlElement,
    config: JsValue,
) -> Result<Handle, JsError> {
    crate::host::install_panic_hook(&config);
    // Widget-specific keys come from the same object; unknown shapes fall back to defaults.
    let options: crate::application_check::Options =
        serde_wasm_bindgen::from_value(config.clone()).unwrap_or_default();
    let config = Config::from_js(&config);
    let host = Host(host);
    let handle = leptos::mount::mount_to(container, move || {
        crate::application_check::application_check(config, options, host)
    });
    Ok(Handle {
        mounted: Some(Box::new(handle)),
    })
}

/// Mounts the self-assessment; `data-kt-links` (JSON text, or an object from the JS API) points
/// recommendation links at the partner's own pages, inline JSON or `data-kt-src` supplies a
/// partner questionnaire.
#[cfg(feature = "self-assessment")]
#[wasm_bindgen(js_name = mountSelfAssessment)]
pub fn mount_self_assessment(
    container: HtmlElement,
    host: HtmlElement,
    config: JsValue,
) -> Result<Handle, JsError> {
    crate::host::install_panic_hook(&config);
    let options = crate::self_assessment::Options::from_js(&config);
    let config = Config::from_js(&config);
    let host = Host(host);
    let handle = leptos::mount::mount_to(container, move || {
        crate::self_assessment::self_assessment(config, options, host)
    });
    Ok(Handle {
        mounted: Some(Box::new(handle)),
    })
}

/// Mounts the staff's review board; `data-kt-programme`/`-programme-src`, `-applications-src`
/// and `-reviews-src` (or inline JSON) give its data, and local files can be loaded any time.
#[cfg(feature = "review-board")]
#[wasm_bindgen(js_name = mountReviewBoard)]
pub fn mount_review_board(
    container: HtmlElement,
    host: HtmlElement,
    config: JsValue,
) -> Result<Handle, JsError> {
    crate::host::install_panic_hook(&config);
    let options: crate::review_board::Options =
        serde_wasm_bindgen::from_value(config.clone()).unwrap_or_default();
    let config = Config::from_js(&config);
    let host = Host(host);
    let handle = leptos::mount::mount_to(container, move || {
        crate::review_board::review_board(config, options, host)
    });
    Ok(Handle {
        mounted: Some(Box::new(handle)),
    })
}

/// Mounts the directory of experts, funding calls or companies (`data-kt-kind`); inline JSON
/// or `data-kt-src` (JSON or CSV) supplies the entries.
#[cfg(feature = "directory")]
#[wasm_bindgen(js_name = mountDirectory)]
pub fn mount_directory(
    container: HtmlElement,
    host: HtmlElement,
    config: JsValue,
) -> Result<Handle, JsError> {
    crate::host::install_panic_hook(&config);
    let options = crate::directory::Options::from_js(&config);
    let config = Config::from_js(&config);
    let host = Host(host);
    let handle = leptos::mount::mount_to(container, move || {
        crate::directory::directory(config, options, host)
    });
    Ok(Handle {
        mounted: Some(Box::new(handle)),
    })
}

/// A listings search index for pages and benchmarks that search without a widget: thin over
/// `kiertokit::matching::Index`.
#[cfg(feature = "search-index")]
#[wasm_bindgen]
pub struct SearchIndex {
    index: kiertokit::matching::Index,
}

#[cfg(feature = "search-index")]
#[wasm_bindgen]
impl SearchIndex {
    /// Builds the index from listings JSON (versioned file or bare array); bad rows are skipped.
    #[wasm_bindgen(constructor)]
    pub fn new(json: &str) -> Result<SearchIndex, JsError> {
        let (listings, diagnostics) = kiertokit::matching::parse_json(json).into_parts();
        if listings.is_empty()
            && let Some(d) = diagnostics.first()
        {
            return Err(JsError::new(&format!(
                "invalid listings ({}): {}",
                d.code.id(),
                d.message
            )));
        }
        Ok(SearchIndex {
            index: kiertokit::matching::Index::new(listings),
        })
    }

    /// Positions (in the input array) of the best `limit` open listings for `query`.
    pub fn search(&self, query: &str, limit: usize) -> Vec<u32> {
        let query = kiertokit::matching::Query {
            limit,
            ..kiertokit::matching::Query::text(query)
        };
        // Only the page is returned, so skip the total and facets (and the postings they need).
        self.index
            .search_hits(&query)
            .iter()
            .filter_map(|h| u32::try_from(h.index).ok())
            .collect()
    }

    /// Number of listings indexed.
    #[wasm_bindgen(getter)]
    pub fn size(&self) -> usize {
        self.index.len()
    }
}

/// Mounts the closing survey for a partner's "close listing" page (`data-kt-listing`, optional
/// `data-kt-synergy`, `data-kt-coordinator`, `data-kt-listing-title`).
#[cfg(feature = "closing-survey")]
#[wasm_bindgen(js_name = mountClosingSurvey)]
pub fn mount_closing_survey(
    container: HtmlElement,
    host: HtmlElement,
    config: JsValue,
) -> Result<Handle, JsError> {
    crate::host::install_panic_hook(&config);
    let options = crate::closing_survey::Options::from_js(&config);
    let config = Config::from_js(&config);
    let host = Host(host);
    let handle = leptos::mount::mount_to(container, move || {
        crate::closing_survey::closing_survey(config, options, host)
    });
    Ok(Handle {
        mounted: Some(Box::new(handle)),
    })
}

/// Mounts the situational picture: the public summary JSON from `data-kt-src` or inline JSON.
#[cfg(feature = "situational-picture")]
#[wasm_bindgen(js_name = mountSituationalPicture)]
pub fn mount_situational_picture(
    container: HtmlElement,
    host: HtmlElement,
    config: JsValue,
) -> Result<Handle, JsError> {
    crate::host::install_panic_hook(&config);
    let config = Config::from_js(&config);
    let host = Host(host);
    let handle = leptos::mount::mount_to(container, move || {
        crate::situational_picture::situational_picture(config, host)
    });
    Ok(Handle {
        mounted: Some(Box::new(handle)),
    })
}

/// Mounts the coordinator's workbench: the workspace autosaved in this browser, opened from and
/// saved to a file; `data-kt-src` names an example workspace the coordinator may open.
#[cfg(feature = "coordinator-workbench")]
#[wasm_bindgen(js_name = mountCoordinatorWorkbench)]
pub fn mount_coordinator_workbench(
    container: HtmlElement,
    host: HtmlElement,
    config: JsValue,
) -> Result<Handle, JsError> {
    crate::host::install_panic_hook(&config);
    let options = crate::coordinator_workbench::Options::from_js(&config);
    let config = Config::from_js(&config);
    let host = Host(host);
    let handle = leptos::mount::mount_to(container, move || {
        crate::coordinator_workbench::coordinator_workbench(config, options, host)
    });
    Ok(Handle {
        mounted: Some(Box::new(handle)),
    })
}
