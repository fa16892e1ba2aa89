//! Browser helpers of the directory: a file download, Helsinki dates through `Intl`, numbers.
// TODO(#14): shared — copied from application_check/browser.rs and finder/format.rs.

use kiertokit::Lang;
use wasm_bindgen::{JsCast, JsValue};

/// Offers `text` as a file download: Blob → object URL → a temporary `<a download>` click.
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

/// A UTC instant (seconds) as a Helsinki date and time in the UI language, via `Intl`.
pub fn format_time(utc_seconds: i64, locale: &str, with_time: bool) -> String {
    let options = js_sys::Object::new();
    let mut keys = vec![("dateStyle", "long"), ("timeZone", "Europe/Helsinki")];
    if with_time {
        keys.push(("timeStyle", "short"));
    }
    for (k, v) in keys {
        let _ = js_sys::Reflect::set(&options, &JsValue::from_str(k), &JsValue::from_str(v));
    }
    let date = js_sys::Date::new(&JsValue::from_f64(utc_seconds as f64 * 1000.0));
    if date.get_time().is_nan() {
        return String::new();
    }
    date.to_locale_string(locale, &options).into()
}

/// Now, in UTC seconds (the core never reads a clock; the widget passes this in).
pub fn now() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

/// Whole euros with the grouping of `lang`: a no-break space in fi/sv, a comma in en.
pub fn euros(value: f64, lang: Lang) -> String {
    if !value.is_finite() {
        return "–".to_owned();
    }
    let int = format!("{:.0}", value.abs());
    let group = if lang == Lang::En { ',' } else { '\u{a0}' };
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(group);
        }
        out.push(c);
    }
    match lang {
        Lang::En => format!("€{out}"),
        _ => format!("{out}\u{a0}€"),
    }
}

/// A percentage: decimal comma and a no-break space before % in fi/sv, "50%" in en.
pub fn percent(value: f64, lang: Lang) -> String {
    let text = if (value - value.round()).abs() < 1e-9 {
        format!("{value:.0}")
    } else {
        format!("{value:.1}")
    };
    match lang {
        Lang::En => format!("{text}%"),
        _ => format!("{}\u{a0}%", text.replace('.', ",")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_and_rates_follow_the_language() {
        assert_eq!(euros(70000.0, Lang::Fi), "70\u{a0}000\u{a0}€");
        assert_eq!(euros(1234567.0, Lang::En), "€1,234,567");
        assert_eq!(percent(50.5, Lang::Sv), "50,5\u{a0}%");
        assert_eq!(percent(70.0, Lang::En), "70%");
    }
}
