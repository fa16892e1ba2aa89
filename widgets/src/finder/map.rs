//! The overview: an SVG map of Finland with listings at municipality points and a per-region
//! bar chart of real buttons. Both set the finder's place filter.

use super::i18n::Strings;
use crate::shared::finland::{FINLAND, project};
use kiertokit::Lang;
use leptos::prelude::*;

/// One plotted point: municipality (Finnish name), position and number of listings.
#[derive(Clone, PartialEq)]
pub struct Point {
    pub name: String,
    pub label: String,
    pub lat: f64,
    pub lon: f64,
    pub count: usize,
}

/// Bar of the region chart: Finnish name (the filter key), label and count.
#[derive(Clone, PartialEq)]
pub struct Bar {
    pub region: String,
    pub label: String,
    pub count: usize,
}

#[component]
pub fn Overview(
    points: Memo<Vec<Point>>,
    bars: Memo<Vec<Bar>>,
    lang: Lang,
    s: &'static Strings,
    /// Currently chosen region (Finnish name), if any.
    region: RwSignal<String>,
    municipality: RwSignal<String>,
) -> impl IntoView {
    let max = Memo::new(move |_| bars.get().iter().map(|b| b.count).max().unwrap_or(1).max(1));
    view! {
        <section class="kt-overview" aria-labelledby="kt-finder-overview">
            <h3 id="kt-finder-overview" class="kt-subheading">{s.overview}</h3>
            <div class="kt-overview-grid">
                <figure class="kt-map">
                    <svg viewBox="0 0 560 1070" role="img" aria-label=s.map_label class="kt-map-svg">
                        <path class="kt-map-land" d=FINLAND />
                        <For
                            each=move || points.get()
                            key=|p| (p.name.clone(), p.count)
                            children=move |p| {
                                let (x, y) = project(p.lat, p.lon);
                                let r = 7.0 + (p.count as f64).sqrt() * 5.0;
                                let name = p.name.clone();
                                let chosen = {
                                    let name = name.clone();
                                    move || municipality.get().eq_ignore_ascii_case(&name)
                                };
                                view! {
                                    // Pointer shortcut; keyboard users have the region buttons and the municipality field.
                                    <circle
                                        class="kt-map-point"
                                        class:kt-chosen=chosen
                                        cx=format!("{x:.0}")
                                        cy=format!("{y:.0}")
                                        r=format!("{r:.0}")
                                        on:click=move |_| {
                                            region.set(String::new());
                                            municipality.set(name.clone());
                                        }
                                    >
                                        <title>{format!("{}: {}", p.label, p.count)}</title>
                                    </circle>
                                }
                            }
                        />
                    </svg>
                    <figcaption class="kt-hint">{s.map_caption}</figcaption>
                </figure>
                <div class="kt-bars">
                    <h4 class="kt-subheading">{s.by_region}</h4>
                    <ul class="kt-bar-list">
                        <For
                            each=move || bars.get()
                            key=|b| (b.region.clone(), b.count)
                            children=move |b| {
                                let key = b.region.clone();
                                let pressed = {
                                    let key = key.clone();
                                    move || (region.get() == key).to_string()
                                };
                                let width = (b.count * 100 / max.get_untracked()).clamp(2, 100);
                                view! {
                                    <li>
                                        <button
                                            type="button"
                                            class="kt-bar"
                                            aria-pressed=pressed
                                            on:click=move |_| {
                                                municipality.set(String::new());
                                                if region.get_untracked() == key {
                                                    region.set(String::new());
                                                } else {
                                                    region.set(key.clone());
                                                }
                                            }
                                        >
                                            <span class="kt-bar-label">{b.label.clone()}</span>
                                            <span class="kt-bar-count">{crate::shared::format::number(b.count as f64, 0, lang)}</span>
                                            <svg class="kt-bar-track" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                                                <rect class="kt-bar-fill" x="0" y="0" height="8" width=width.to_string() />
                                            </svg>
                                        </button>
                                    </li>
                                }
                            }
                        />
                    </ul>
                </div>
            </div>
        </section>
    }
}
