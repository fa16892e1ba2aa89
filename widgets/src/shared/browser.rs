//! Files in and out of the browser, and dates through `Intl`.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Offers `text` as a file download: Blob → object URL → a temporary `<a download>` click.
/// Nothing leaves the browser.
pub fn download(name: &str, mime: &str, text: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| JsValue::from_str("no document"))?;
    let a: web_sys::HtmlAnchorElement = document.create_element("a")?.unchecked_into();
    a.set_href(&url);
    a.set_download(name);
    // Detached anchors download in current browsers, so the host page's DOM is never touched.
    a.click();
    // Revoke later: revoking at once can cancel the download in some browsers.
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(30),
    );
    Ok(())
}

/// Reads the first file chosen in an `<input type=file>`; `None` when nothing was chosen.
pub async fn read_chosen_file(
    input: web_sys::HtmlInputElement,
) -> Option<Result<(String, String), String>> {
    let file = input.files()?.get(0)?;
    let name = file.name();
    let text = JsFuture::from(file.text())
        .await
        .map_err(|_| "unreadable file".to_owned())
        .and_then(|t| t.as_string().ok_or_else(|| "file is not text".to_owned()));
    Some(text.map(|t| (name, t)))
}

/// A UTC instant (ms) as a long Helsinki date, with the time when `with_time`, in the UI
/// language via `Intl`; empty for an invalid instant.
pub fn format_date(ms: f64, locale: &str, with_time: bool) -> String {
    let options = js_sys::Object::new();
    let mut keys = vec![("dateStyle", "long"), ("timeZone", "Europe/Helsinki")];
    if with_time {
        keys.push(("timeStyle", "short"));
    }
    for (k, v) in keys {
        let _ = js_sys::Reflect::set(&options, &JsValue::from_str(k), &JsValue::from_str(v));
    }
    let date = js_sys::Date::new(&JsValue::from_f64(ms));
    if date.get_time().is_nan() {
        return String::new();
    }
    date.to_locale_string(locale, &options).into()
}

/// Now in UTC seconds (the core never reads a clock; widgets pass this in).
pub fn now_seconds() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

/// An RFC 3339 UTC string as milliseconds; NaN when unparsable.
pub fn parse_ms(utc: &str) -> f64 {
    js_sys::Date::parse(utc)
}

/// Today in Finland as `YYYY-MM-DD` (widgets read the clock; the core never does).
pub fn today() -> String {
    let local = now_seconds() + kiertokit::date::helsinki_offset(now_seconds());
    kiertokit::date::format_day(local.div_euclid(86_400))
}
