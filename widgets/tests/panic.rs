//! The panic hook's report in a real headless Chromium: the module hands the panic message to
//! the loader's `Kiertokit.__panic` (the loader's side is checked in the e2e tests).

use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn a_panic_message_reaches_the_loader_and_a_missing_loader_is_harmless() {
    let global = js_sys::global();
    let key = JsValue::from_str("Kiertokit");
    let _ = js_sys::Reflect::delete_property(&global.clone(), &key);
    // Without a loader on the page the report only logs.
    kiertokit_widgets::host::report_panic("first");
    let loader = js_sys::Object::new();
    let seen = js_sys::Array::new();
    let record = js_sys::Function::new_with_args("m", "this.seen.push(m)");
    let _ = js_sys::Reflect::set(&loader, &JsValue::from_str("seen"), &seen);
    let _ = js_sys::Reflect::set(&loader, &JsValue::from_str("__panic"), &record);
    let _ = js_sys::Reflect::set(&global, &key, &loader);
    kiertokit_widgets::host::report_panic("panicked at src/x.rs:1:1: boom");
    assert_eq!(seen.length(), 1);
    assert_eq!(
        seen.get(0).as_string().as_deref(),
        Some("panicked at src/x.rs:1:1: boom")
    );
    let _ = js_sys::Reflect::delete_property(&global, &key);
}
