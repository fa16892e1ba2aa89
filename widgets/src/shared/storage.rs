//! This browser's localStorage, for drafts and answers. Sandboxed frames and privacy modes may
//! refuse storage: then nothing is kept and nothing fails.

/// The page's localStorage, when the browser allows it.
pub fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The text saved under `key`, if any.
pub fn get(key: &str) -> Option<String> {
    local()?.get_item(key).ok().flatten()
}

/// Saves `value` under `key`; false when storage refused it (full, or not allowed).
pub fn set(key: &str, value: &str) -> bool {
    local().is_some_and(|s| s.set_item(key, value).is_ok())
}

pub fn remove(key: &str) {
    if let Some(s) = local() {
        let _ = s.remove_item(key);
    }
}
