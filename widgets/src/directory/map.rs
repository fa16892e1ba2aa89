//! The companies' overview map: an SVG outline of Finland with a point per municipality that
//! has companies in the results; a point sets the municipality filter.

use super::i18n::Strings;
use crate::shared::finland::{FINLAND, project};
use leptos::prelude::*;
use std::collections::BTreeMap;

/// One plotted municipality: its Finnish name (the facet value), label, position and count.
#[derive(Clone, PartialEq)]
pub struct Point {
    pub name: String,
    pub label: String,
    pub lat: f64,
    pub lon: f64,
    pub count: usize,
}

#[component]
pub fn Map(
    points: Memo<Vec<Point>>,
    s: &'static Strings,
    filters: RwSignal<BTreeMap<String, String>>,
) -> impl IntoView {
    view! {
        <figure class="kt-dir-map">
            <svg viewBox="0 0 560 1070" role="img" aria-label=s.map_label class="kt-dir-map-svg">
                <path class="kt-dir-map-land" d=FINLAND />
                <For
                    each=move || points.get()
                    key=|p| (p.name.clone(), p.count)
                    children=move |p| {
                        let (x, y) = project(p.lat, p.lon);
                        let r = 7.0 + (p.count as f64).sqrt() * 5.0;
                        let name = p.name.clone();
                        let chosen = {
                            let name = name.clone();
                            move || filters.with(|f| f.get("municipality") == Some(&name))
                        };
                        view! {
                            // Pointer shortcut; keyboard users have the municipality select.
                            <circle
                                class="kt-dir-point"
                                class:kt-dir-chosen=chosen
                                cx=format!("{x:.0}")
                                cy=format!("{y:.0}")
                                r=format!("{r:.0}")
                                on:click=move |_| filters.update(|f| {
                                    f.insert("municipality".to_owned(), name.clone());
                                })
                            >
                                <title>{format!("{}: {}", p.label, p.count)}</title>
                            </circle>
                        }
                    }
                />
            </svg>
            <figcaption class="kt-hint">{s.map_caption}</figcaption>
        </figure>
    }
}
