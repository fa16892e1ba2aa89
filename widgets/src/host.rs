//! What a widget knows of its host page: configuration, language and events.

use kiertokit::Lang;
use serde::Deserialize;
use wasm_bindgen::JsValue;
use web_sys::{CustomEvent, CustomEventInit, HtmlElement};

/// Configuration the loader reads from the placeholder's data attributes.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Config {
    /// Resolved by the loader: `data-kt-lang`, nearest `lang`, `<html lang>`, browser.
    pub lang: Option<String>,
    /// Text of an inline `<script type="application/json">` block.
    pub inline_data: Option<String>,
    /// `data-kt-src`: URL of a JSON or CSV file.
    pub src: Option<String>,
    /// `data-kt-sample`: use the built-in demo data.
    pub sample: bool,
}

impl Config {
    pub fn lang(&self) -> Lang {
        self.lang
            .as_deref()
            .and_then(Lang::from_tag)
            .unwrap_or(Lang::Fi)
    }
}

/// The element a widget is mounted for; events are dispatched on it.
#[derive(Clone)]
pub struct Host(pub HtmlElement);

impl Host {
    /// Dispatches `kt:<name>` with `detail`, bubbling out of the shadow root.
    pub fn emit(&self, name: &str, detail: &JsValue) {
        let init = CustomEventInit::new();
        init.set_bubbles(true);
        init.set_composed(true);
        init.set_detail(detail);
        if let Ok(event) = CustomEvent::new_with_event_init_dict(&format!("kt:{name}"), &init) {
            let _ = self.0.dispatch_event(&event);
        }
    }

    /// Emits `kt:<name>` with a serialisable detail; serialisation failures send `null`.
    pub fn emit_json<T: serde::Serialize>(&self, name: &str, detail: &T) {
        // JSON-compatible: maps become plain objects, as page scripts expect.
        let serializer = serde_wasm_bindgen::Serializer::json_compatible();
        let value = serde::Serialize::serialize(detail, &serializer).unwrap_or(JsValue::NULL);
        self.emit(name, &value);
    }
}

/// Fetches a same-origin or CORS-enabled text file (partner data, questionnaires).
pub async fn fetch_text(url: &str) -> Result<String, String> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let window = web_sys::window().ok_or("no window")?;
    let response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|_| "network error".to_owned())?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| "bad response")?;
    if !response.ok() {
        return Err(format!("HTTP {}", response.status()));
    }
    let text = JsFuture::from(response.text().map_err(|_| "unreadable body")?)
        .await
        .map_err(|_| "unreadable body".to_owned())?;
    text.as_string()
        .ok_or_else(|| "body is not text".to_owned())
}
