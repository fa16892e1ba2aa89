//! A horizontal bar chart in SVG, named for screen readers; a chart always has a table beside
//! it that says the same in text.

use leptos::prelude::*;

/// Bars of `rows` — (label, value, value as text) — titled `title`; `id` links the title.
pub fn bars(id: &'static str, title: String, rows: Vec<(String, f64, String)>) -> impl IntoView {
    const W: f64 = 480.0;
    const BAR: f64 = 28.0;
    const LABEL: f64 = 56.0;
    let max = rows.iter().map(|r| r.1).fold(0.0_f64, f64::max);
    let height = (rows.len() as f64) * (BAR + 8.0) + 8.0;
    let bars = rows
        .into_iter()
        .enumerate()
        .map(|(i, (label, value, text))| {
            let y = 8.0 + i as f64 * (BAR + 8.0);
            let w = if max > 0.0 {
                (value.max(0.0) / max) * (W - LABEL - 120.0)
            } else {
                0.0
            };
            view! {
                <g>
                    <text x="0" y=y + BAR * 0.7 class="kt-chart-label">{label}</text>
                    <rect x=LABEL y=y width=w.max(1.0) height=BAR class="kt-chart-bar"></rect>
                    <text x=LABEL + w + 6.0 y=y + BAR * 0.7 class="kt-chart-label">{text}</text>
                </g>
            }
        })
        .collect_view();
    view! {
        <svg class="kt-chart" viewBox=format!("0 0 {W} {height}") role="img" aria-labelledby=id>
            <title id=id>{title}</title>
            {bars}
        </svg>
    }
}
