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

fn config_from(value: JsValue) -> Result<Config, JsError> {
    if value.is_undefined() || value.is_null() {
        return Ok(Config::default());
    }
    serde_wasm_bindgen::from_value(value).map_err(|e| JsError::new(&format!("invalid config: {e}")))
}

/// Mounts the material-exchange finder into `container` (inside `host`'s shadow root).
#[wasm_bindgen(js_name = mountMaterialFinder)]
pub fn mount_material_finder(
    container: HtmlElement,
    host: HtmlElement,
    config: JsValue,
) -> Result<Handle, JsError> {
    let config = config_from(config)?;
    let host = Host(host);
    let handle = leptos::mount::mount_to(container, move || crate::finder::finder(config, host));
    Ok(Handle {
        mounted: Some(Box::new(handle)),
    })
}
