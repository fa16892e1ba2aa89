//! Moving focus to an element a re-render is about to create.

use leptos::html::ElementType;
use leptos::prelude::{GetUntracked, NodeRef, set_timeout};
use std::time::Duration;
use wasm_bindgen::JsCast;

/// Focuses the first element matching `selector` inside `root` once the DOM has caught up.
pub fn focus_later<E>(root: NodeRef<E>, selector: String)
where
    E: ElementType + 'static,
    E::Output: JsCast + Clone + 'static,
{
    focus_in(
        move || root.get_untracked().map(|r| r.unchecked_into()),
        selector,
    );
}

/// Focuses the first element matching `selector` inside the root `root()` returns, once the DOM
/// has caught up; retried for about a second because rendering can lag on a busy device.
pub fn focus_in(root: impl Fn() -> Option<web_sys::Element> + 'static, selector: String) {
    attempt(std::rc::Rc::new(root), selector, 25);
}

fn attempt(root: std::rc::Rc<dyn Fn() -> Option<web_sys::Element>>, selector: String, left: u32) {
    set_timeout(
        move || {
            let found = root()
                .and_then(|r| r.query_selector(&selector).ok().flatten())
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
            match found {
                Some(el) => {
                    let _ = el.focus();
                }
                None if left > 0 => attempt(root, selector, left - 1),
                None => {}
            }
        },
        Duration::from_millis(40),
    );
}
