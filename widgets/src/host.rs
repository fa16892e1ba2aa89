//! What a widget knows of its host page: configuration, language and events.

use kiertokit::Lang;
use wasm_bindgen::JsValue;
use web_sys::{CustomEvent, CustomEventInit, HtmlElement};

/// Configuration the loader reads from the placeholder's data attributes.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// Resolved by the loader: `data-kt-lang`, nearest `lang`, `<html lang>`, browser.
    pub lang: Option<String>,
    /// Text of an inline `<script type="application/json">` block.
    pub inline_data: Option<String>,
    /// `data-kt-src`: URL of a JSON or CSV file (the loader points `data-kt-sample` at the
    /// package's sample file, so demo data is never inside the module).
    pub src: Option<String>,
}

impl Config {
    /// Reads the loader's config object; anything missing or of the wrong type is left unset.
    pub fn from_js(value: &JsValue) -> Config {
        Config {
            lang: js_string(value, "lang"),
            inline_data: js_string(value, "inlineData"),
            src: js_string(value, "src"),
        }
    }

    pub fn lang(&self) -> Lang {
        self.lang
            .as_deref()
            .and_then(Lang::from_tag)
            .unwrap_or(Lang::Fi)
    }
}

/// `value[key]` when it is a string (read by hand: a serde deserializer here costs kilobytes of wasm).
pub fn js_string(value: &JsValue, key: &str) -> Option<String> {
    if !value.is_object() {
        return None;
    }
    js_sys::Reflect::get(value, &JsValue::from_str(key))
        .ok()?
        .as_string()
}

/// `value[key]` as an on/off flag: an attribute (any text but "false") or a JS value other than
/// `false`, `null` and `undefined`.
pub fn js_flag(value: &JsValue, key: &str) -> bool {
    if !value.is_object() {
        return false;
    }
    match js_sys::Reflect::get(value, &JsValue::from_str(key)) {
        Ok(v) => match v.as_string() {
            Some(text) => text != "false",
            None => !(v.is_undefined() || v.is_null() || v.as_bool() == Some(false)),
        },
        Err(_) => false,
    }
}

/// A plain JS object (event details, stored drafts) built by hand: serde_json and
/// serde_wasm_bindgen would add kilobytes to the finder's module.
pub struct JsObject(js_sys::Object);

impl Default for JsObject {
    fn default() -> JsObject {
        JsObject::new()
    }
}

impl JsObject {
    pub fn new() -> JsObject {
        JsObject(js_sys::Object::new())
    }

    pub fn set(self, key: &str, value: impl Into<JsValue>) -> JsObject {
        let _ = js_sys::Reflect::set(&self.0, &JsValue::from_str(key), &value.into());
        self
    }

    pub fn into_js(self) -> JsValue {
        self.0.into()
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

/// Fetches a same-origin or CORS-enabled text file (partner data, questionnaires), through the
/// loader's `Kiertokit.__fetch` when there is one: it checks the release's own files' integrity.
pub async fn fetch_text(url: &str) -> Result<String, String> {
    use wasm_bindgen::JsCast;
    let loader = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("Kiertokit"))
        .and_then(|k| js_sys::Reflect::get(&k, &JsValue::from_str("__fetch")));
    if let Some(checked) = loader
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
    {
        let started = checked
            .call1(&JsValue::NULL, &JsValue::from_str(url))
            .map_err(|_| "network error".to_owned())?;
        let started = started
            .dyn_into::<js_sys::Promise>()
            .map_err(|_| "network error")?;
        return read_text(started).await;
    }
    let window = web_sys::window().ok_or("no window")?;
    read_text(window.fetch_with_str(url)).await
}

impl Host {
    /// Like [`fetch_text`], but takes over the fetch the loader started for `data-kt-src` while
    /// the module was loading (once: a retry fetches again).
    pub async fn fetch_src(&self, url: &str) -> Result<String, String> {
        match self.take_prefetch(url) {
            Some(early) => read_text(early).await,
            None => fetch_text(url).await,
        }
    }

    fn take_prefetch(&self, url: &str) -> Option<js_sys::Promise> {
        use wasm_bindgen::JsCast;
        let key = JsValue::from_str("__ktPrefetch");
        let early = js_sys::Reflect::get(&self.0, &key).ok()?;
        let _ = js_sys::Reflect::delete_property(self.0.as_ref(), &key);
        let same = js_sys::Reflect::get(&early, &JsValue::from_str("url"))
            .ok()?
            .as_string()?
            == url;
        let response = js_sys::Reflect::get(&early, &JsValue::from_str("response")).ok()?;
        response.dyn_into::<js_sys::Promise>().ok().filter(|_| same)
    }
}

async fn read_text(response: js_sys::Promise) -> Result<String, String> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let response = JsFuture::from(response)
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

/// Which module this is (`config.module`, set by the loader): a panic stops only its widgets.
static MODULE: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// Installs (once) a panic hook that logs the panic message and hands it to the loader
/// (`Kiertokit.__panic`), so that pages learn more than "unreachable" before the module aborts.
pub fn install_panic_hook(config: &JsValue) {
    if let Some(module) = js_sys::Reflect::get(config, &JsValue::from_str("module"))
        .ok()
        .and_then(|m| m.as_string())
    {
        let _ = MODULE.set(module);
    }
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        std::panic::set_hook(Box::new(|info| report_panic(&info.to_string())));
    });
}

/// Logs `message` and calls the loader's `Kiertokit.__panic(message, module)` when there is
/// one; never throws.
pub fn report_panic(message: &str) {
    use wasm_bindgen::JsCast;
    web_sys::console::error_1(&JsValue::from_str(message));
    let global = js_sys::global();
    let loader = js_sys::Reflect::get(&global, &JsValue::from_str("Kiertokit"));
    let Ok(loader) = loader else { return };
    let Ok(hook) = js_sys::Reflect::get(&loader, &JsValue::from_str("__panic")) else {
        return;
    };
    let module = MODULE
        .get()
        .map_or(JsValue::UNDEFINED, |m| JsValue::from_str(m));
    if let Some(f) = hook.dyn_ref::<js_sys::Function>() {
        let _ = f.call2(&loader, &JsValue::from_str(message), &module);
    }
}
