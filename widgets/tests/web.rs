//! Component tests in a real headless Chromium (wasm-bindgen-test).

use kiertokit_widgets::mount_material_finder;
use std::time::Duration;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("a document")
}

fn element(tag: &str) -> HtmlElement {
    document()
        .create_element(tag)
        .expect("element")
        .unchecked_into()
}

/// Polls `probe` every 10 ms until it holds (true) or 5 s pass (false): no fixed sleeps.
async fn until(mut probe: impl FnMut() -> bool) -> bool {
    for _ in 0..500 {
        if probe() {
            return true;
        }
        gloo_timers::future::sleep(Duration::from_millis(10)).await;
    }
    probe()
}

fn config(json: &str) -> JsValue {
    js_sys::JSON::parse(json).expect("valid JSON")
}

fn mounted(config_json: &str) -> (HtmlElement, kiertokit_widgets::Handle) {
    let host = element("div");
    let container = element("div");
    host.append_child(&container).expect("append");
    document()
        .body()
        .expect("body")
        .append_child(&host)
        .expect("append");
    let handle =
        mount_material_finder(container, host.clone(), config(config_json)).expect("mounts");
    (host, handle)
}

/// Config with the demo listings inline (the loader turns `data-kt-sample` into a fetch).
fn with_sample(lang: &str) -> String {
    let sample = include_str!("../../core/data/sample-listings.json");
    serde_json::json!({"lang": lang, "inlineData": sample}).to_string()
}

fn titles(host: &HtmlElement) -> Vec<String> {
    let list = host
        .query_selector_all(".kt-result-title")
        .expect("selector");
    (0..list.length())
        .filter_map(|i| list.item(i).and_then(|n| n.text_content()))
        .collect()
}

#[wasm_bindgen_test]
async fn typing_filters_the_sample_listings() {
    let (host, _handle) = mounted(&with_sample("fi"));
    until(|| titles(&host).len() >= 10).await;
    let all = titles(&host).len();
    assert!(all >= 10, "sample listings render, got {all}");
    let input: HtmlInputElement = host
        .query_selector("input[type=search]")
        .expect("selector")
        .expect("a search box")
        .unchecked_into();
    input.set_value("betoni");
    input
        .dispatch_event(&web_sys::Event::new("input").expect("event"))
        .expect("dispatch");
    // The search is debounced: wait for the filtered list, not for a fixed time.
    until(|| {
        let n = titles(&host).len();
        n > 0 && n < all
    })
    .await;
    let hits = titles(&host);
    assert!(!hits.is_empty() && hits.len() < all, "filtered: {hits:?}");
    let status = host
        .query_selector("[role=status]")
        .expect("selector")
        .expect("status region");
    // The live region is updated after the list, so screen readers hear the settled count.
    until(|| {
        status
            .text_content()
            .unwrap_or_default()
            .contains(&hits.len().to_string())
    })
    .await;
    let text = status.text_content().unwrap_or_default();
    assert!(
        text.contains(&hits.len().to_string()),
        "announced count `{text}` for {}",
        hits.len()
    );
}

#[wasm_bindgen_test]
async fn partner_html_is_rendered_as_text() {
    let data = r#"{"lang":"en","inlineData":"[{\"id\":\"x\",\"kind\":\"offer\",\"title\":\"<img src=x onerror=alert(1)>\",\"description\":\"<script>alert(2)</script>\",\"category\":\"other\",\"quantity\":{\"amount\":1,\"unit\":\"t\"},\"municipality\":\"Turku\"}]"}"#;
    let (host, _handle) = mounted(data);
    assert!(
        until(|| titles(&host).len() == 1).await,
        "the one listing renders"
    );
    assert!(host.query_selector("img").expect("selector").is_none());
    assert!(
        host.query_selector(".kt-desc script")
            .expect("selector")
            .is_none()
    );
    assert_eq!(
        titles(&host),
        vec!["<img src=x onerror=alert(1)>".to_owned()]
    );
}

#[wasm_bindgen_test]
async fn broken_data_shows_an_error_instead_of_panicking() {
    let (host, _handle) = mounted(r#"{"lang":"sv","inlineData":"{not json"}"#);
    until(|| host.query_selector("[role=alert]").ok().flatten().is_some()).await;
    let alert = host
        .query_selector("[role=alert]")
        .expect("selector")
        .expect("an alert");
    assert!(
        alert
            .text_content()
            .unwrap_or_default()
            .contains("Det gick inte")
    );
}

#[wasm_bindgen_test]
async fn unmount_removes_the_widget() {
    let (host, mut handle) = mounted(&with_sample("en"));
    assert!(until(|| !titles(&host).is_empty()).await, "listings render");
    handle.unmount();
    assert!(until(|| titles(&host).is_empty()).await, "unmounted");
}
