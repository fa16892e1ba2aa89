//! The material-exchange finder: a search box, an announced result count and the listings.

mod i18n;

use crate::host::{Config, Host};
use i18n::strings;
use kiertokit::matching::{Listing, ListingKind, filter, sample_listings};
use kiertokit::{Lang, Quantity};
use leptos::prelude::*;
use std::time::Duration;

/// Delay before the result count is announced, so screen readers are not flooded while typing.
const ANNOUNCE_DELAY: Duration = Duration::from_millis(350);

#[derive(Clone, PartialEq)]
enum Data {
    Loading,
    Ready(Vec<Listing>),
    Failed(String),
}

/// Parses partner JSON: a bare array or `{"version": 1, "listings": [...]}`; bad rows are skipped.
fn parse_listings(text: &str) -> Result<(Vec<Listing>, usize), String> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let rows = match value {
        serde_json::Value::Array(rows) => rows,
        serde_json::Value::Object(mut obj) => match obj.remove("listings") {
            Some(serde_json::Value::Array(rows)) => rows,
            _ => return Err("no `listings` array".into()),
        },
        _ => return Err("expected an array of listings".into()),
    };
    let total = rows.len();
    let listings: Vec<Listing> = rows
        .into_iter()
        .filter_map(|row| serde_json::from_value(row).ok())
        .collect();
    let skipped = total - listings.len();
    Ok((listings, skipped))
}

async fn fetch_text(url: &str) -> Result<String, String> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let window = web_sys::window().ok_or("no window")?;
    let response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|_| "network error".to_owned())?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| "bad response")?;
    if !response.ok() {
        return Err(format!("HTTP {}", response.status()));
    }
    let text = JsFuture::from(response.text().map_err(|_| "unreadable body")?)
        .await
        .map_err(|_| "unreadable body".to_owned())?;
    text.as_string()
        .ok_or_else(|| "body is not text".to_owned())
}

/// Formats an amount the way Finnish and Swedish readers expect (decimal comma).
fn format_quantity(q: &Quantity, lang: Lang) -> String {
    let number = if q.amount.fract() == 0.0 {
        format!("{}", q.amount)
    } else {
        format!("{:.1}", q.amount)
    };
    let number = match lang {
        Lang::Fi | Lang::Sv => number.replace('.', ","),
        Lang::En => number,
    };
    format!("{number} {}", q.unit.symbol())
}

pub fn finder(config: Config, host: Host) -> impl IntoView {
    let lang = config.lang();
    let s = strings(lang);
    let data = RwSignal::new(Data::Loading);
    let skipped = RwSignal::new(0usize);
    let query = RwSignal::new(String::new());

    let load = {
        let config = config.clone();
        let host = host.clone();
        move || {
            let apply = {
                let host = host.clone();
                move |result: Result<(Vec<Listing>, usize), String>| match result {
                    Ok((listings, bad)) => {
                        skipped.set(bad);
                        if bad > 0 {
                            host.emit_json(
                                "error",
                                &serde_json::json!({"kind": "invalid-rows", "skipped": bad}),
                            );
                        }
                        host.emit_json("ready", &serde_json::json!({"widget": "material-finder", "listings": listings.len()}));
                        data.set(Data::Ready(listings));
                    }
                    Err(message) => {
                        host.emit_json(
                            "error",
                            &serde_json::json!({"kind": "load", "message": message}),
                        );
                        data.set(Data::Failed(message));
                    }
                }
            };
            if let Some(text) = &config.inline_data {
                apply(parse_listings(text));
            } else if let Some(url) = config.src.clone() {
                data.set(Data::Loading);
                leptos::task::spawn_local(async move {
                    apply(fetch_text(&url).await.and_then(|t| parse_listings(&t)));
                });
            } else if config.sample {
                apply(Ok((sample_listings(), 0)));
            } else {
                apply(Ok((Vec::new(), 0)));
            }
        }
    };
    load();

    let results = Memo::new(move |_| match data.get() {
        Data::Ready(listings) => filter(&listings, &query.get())
            .into_iter()
            .cloned()
            .collect::<Vec<_>>(),
        _ => Vec::new(),
    });

    // The status text lags the results so assistive technology hears one update per pause.
    let announced = RwSignal::new(String::new());
    let generation = StoredValue::new(0u64);
    Effect::new(move |_| {
        let text = match data.get() {
            Data::Loading => s.loading.to_owned(),
            Data::Failed(_) => s.load_failed.to_owned(),
            Data::Ready(_) => s.count(results.get().len()),
        };
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        set_timeout(
            move || {
                if generation.try_get_value() == Some(mine) {
                    announced.set(text);
                }
            },
            ANNOUNCE_DELAY,
        );
    });

    let retry = {
        let load = load.clone();
        move |_| load()
    };

    view! {
        <section class="kt-finder" lang=lang.tag()>
            <h2 class="kt-heading">{s.heading}</h2>
            <div class="kt-field">
                <label for="kt-finder-q">{s.search_label}</label>
                <input
                    id="kt-finder-q"
                    class="kt-input"
                    type="search"
                    autocomplete="off"
                    aria-describedby="kt-finder-hint"
                    prop:value=move || query.get()
                    on:input=move |ev| query.set(event_target_value(&ev))
                />
                <p id="kt-finder-hint" class="kt-hint">{s.search_hint}</p>
            </div>
            <p class="kt-status" role="status" aria-live="polite" aria-atomic="true">
                {move || announced.get()}
            </p>
            <Show when=move || { skipped.get() > 0 }>
                <p class="kt-notice">{s.skipped_rows} " (" {move || skipped.get()} ")"</p>
            </Show>
            <Show when=move || matches!(data.get(), Data::Failed(_))>
                <div class="kt-error" role="alert">
                    <p>{s.load_failed}</p>
                    <button type="button" class="kt-button" on:click=retry.clone()>{s.retry}</button>
                </div>
            </Show>
            <ul class="kt-results">
                <For
                    each=move || results.get()
                    key=|l| l.id.clone()
                    children=move |l| {
                        let kind = match l.kind {
                            ListingKind::Offer => s.offer,
                            ListingKind::Seek => s.seek,
                        };
                        let kind_class = match l.kind {
                            ListingKind::Offer => "kt-badge kt-offer",
                            ListingKind::Seek => "kt-badge kt-seek",
                        };
                        view! {
                            <li class="kt-result">
                                <article>
                                    <h3 class="kt-result-title">{l.title.clone()}</h3>
                                    <p class="kt-meta">
                                        <span class=kind_class>{kind}</span>
                                        " · " {l.category.clone()}
                                        " · " {format_quantity(&l.quantity, lang)}
                                        " · " {l.municipality.clone()}
                                    </p>
                                    <p class="kt-desc">{l.description.clone()}</p>
                                </article>
                            </li>
                        }
                    }
                />
            </ul>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partner_json_keeps_good_rows_and_counts_bad_ones() {
        let text = r#"{"version":1,"listings":[
            {"id":"a","kind":"offer","title":"Puu","category":"wood","quantity":{"amount":1,"unit":"t"},"municipality":"Tampere"},
            {"id":"b","kind":"nonsense"}
        ]}"#;
        let (listings, skipped) = parse_listings(text).expect("valid document");
        assert_eq!(listings.len(), 1);
        assert_eq!(skipped, 1);
        assert!(parse_listings("{not json").is_err());
        assert!(parse_listings("42").is_err());
    }

    #[test]
    fn quantities_use_a_decimal_comma_in_finnish() {
        let q = Quantity {
            amount: 2.5,
            unit: kiertokit::Unit::Tonne,
        };
        assert_eq!(format_quantity(&q, Lang::Fi), "2,5 t");
        assert_eq!(format_quantity(&q, Lang::En), "2.5 t");
    }
}
