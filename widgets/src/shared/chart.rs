//! A horizontal bar chart in SVG, named for screen readers; a chart always has a table beside
//! it that says the same in text.

use crate::shared::format::{readable, with_unit};
use kiertokit::Lang;
use leptos::prelude::*;
use std::collections::BTreeMap;

/// Characters of a label drawn in full; a longer one is cut with "…" (its table says it all).
const LABEL_CHARS: usize = 28;

/// Bars of `rows` — (label, value, value as text) — titled `title`; `id` links the title.
pub fn bars(id: &'static str, title: String, rows: Vec<(String, f64, String)>) -> impl IntoView {
    const BAR: f64 = 28.0;
    let rows: Vec<(String, f64, String)> = rows
        .into_iter()
        .map(|(label, v, t)| (short(&label), v, t))
        .collect();
    // Room for the longest label at about 8 px a character, so that names never overlap bars.
    let longest = rows.iter().map(|r| r.0.chars().count()).max().unwrap_or(0);
    let label_w = (longest as f64 * 8.0 + 8.0).max(56.0);
    let width = label_w + 424.0;
    let max = rows.iter().map(|r| r.1).fold(0.0_f64, f64::max);
    let height = (rows.len() as f64) * (BAR + 8.0) + 8.0;
    let bars = rows
        .into_iter()
        .enumerate()
        .map(|(i, (label, value, text))| {
            let y = 8.0 + i as f64 * (BAR + 8.0);
            let w = if max > 0.0 {
                (value.max(0.0) / max) * (width - label_w - 120.0)
            } else {
                0.0
            };
            view! {
                <g>
                    <text x="0" y=y + BAR * 0.7 class="kt-chart-label">{label}</text>
                    <rect x=label_w y=y width=w.max(1.0) height=BAR class="kt-chart-bar"></rect>
                    <text x=label_w + w + 6.0 y=y + BAR * 0.7 class="kt-chart-label">{text}</text>
                </g>
            }
        })
        .collect_view();
    view! {
        <svg class="kt-chart" viewBox=format!("0 0 {width} {height}") role="img" aria-labelledby=id>
            <title id=id>{title}</title>
            {bars}
        </svg>
    }
}

/// One bar per group of a breakdown (year, region, category, event): its name by `label`, its
/// length and text the group's tonnes; the workbench and the situational picture draw these.
pub fn tonne_rows<F>(
    groups: &BTreeMap<String, F>,
    label: impl Fn(&str) -> String,
    tonnes: impl Fn(&F) -> f64,
    lang: Lang,
) -> Vec<(String, f64, String)> {
    groups
        .iter()
        .map(|(key, figures)| {
            let t = tonnes(figures);
            (label(key), t, with_unit(&readable(t, lang), "t", lang))
        })
        .collect()
}

/// A group's name in a chart or table: the aggregate's "unknown" key in the reader's words
/// (`unknown`), any other key as `name` says it.
pub fn group_label(key: &str, unknown: &str, name: impl Fn(&str) -> String) -> String {
    if key == kiertokit::workspace::UNKNOWN {
        unknown.to_owned()
    } else {
        name(key)
    }
}

fn short(label: &str) -> String {
    if label.chars().count() <= LABEL_CHARS {
        label.to_owned()
    } else {
        let cut: String = label.chars().take(LABEL_CHARS - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn breakdown_rows_name_the_unknown_group_and_say_the_tonnes() {
        let groups = BTreeMap::from([("2024".to_owned(), 12.5), ("unknown".to_owned(), 0.25)]);
        let label = |k: &str| group_label(k, "ei tiedossa", |k| format!("vuosi {k}"));
        let rows = tonne_rows(&groups, label, |t| *t, Lang::Fi);
        assert_eq!(
            rows,
            [
                ("vuosi 2024".to_owned(), 12.5, "12,5\u{a0}t".to_owned()),
                ("ei tiedossa".to_owned(), 0.25, "0,25\u{a0}t".to_owned()),
            ]
        );
    }
}
