//! "My need / my offer": a short form whose matches appear at once. The draft stays in this
//! browser's localStorage under a namespaced, versioned key; nothing is sent anywhere.

use super::detail::match_view;
use super::i18n::Strings;
use crate::host::{Host, JsObject, js_string};
use crate::shared::storage;
use kiertokit::matching::{Index, Listing, ListingKind, Match};
use kiertokit::{Lang, Quantity, Unit};
use leptos::prelude::*;
use std::sync::Arc;
use std::time::Duration;

const VERSION: u32 = 1;
const DRAFT_ID: &str = "kt-draft";
const DEBOUNCE: Duration = Duration::from_millis(150);

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Draft {
    pub kind: String,
    pub category: String,
    pub text: String,
    pub amount: String,
    pub unit: String,
    pub municipality: String,
}

pub fn storage_key(scope: &str) -> String {
    format!("kiertokit:finder:v{VERSION}:draft:{scope}")
}

/// Loads the saved draft: `Ok(None)` when there is none, `Err(())` when it is unreadable.
fn load(key: &str) -> Result<Option<Draft>, ()> {
    let Some(text) = storage::get(key) else {
        return Ok(None);
    };
    // `{"v": 1, "draft": {...}}`, read with the browser's JSON (a serde reader costs kilobytes).
    let stored = js_sys::JSON::parse(&text).map_err(|_| ())?;
    let version = js_sys::Reflect::get(&stored, &"v".into()).map_err(|_| ())?;
    let draft = js_sys::Reflect::get(&stored, &"draft".into()).map_err(|_| ())?;
    if version.as_f64() != Some(f64::from(VERSION)) || !draft.is_object() {
        return Err(());
    }
    let field = |key: &str| js_string(&draft, key).unwrap_or_default();
    Ok(Some(Draft {
        kind: field("kind"),
        category: field("category"),
        text: field("text"),
        amount: field("amount"),
        unit: field("unit"),
        municipality: field("municipality"),
    }))
}

fn save(key: &str, draft: &Draft) {
    let fields = JsObject::new()
        .set("kind", draft.kind.as_str())
        .set("category", draft.category.as_str())
        .set("text", draft.text.as_str())
        .set("amount", draft.amount.as_str())
        .set("unit", draft.unit.as_str())
        .set("municipality", draft.municipality.as_str());
    let stored = JsObject::new()
        .set("v", VERSION)
        .set("draft", fields.into_js());
    if let Ok(text) = js_sys::JSON::stringify(&stored.into_js()) {
        storage::set(key, &String::from(text));
    }
}

fn remove(key: &str) {
    storage::remove(key);
}

/// The draft as a listing the matching engine can rank against, if it says enough.
pub fn to_listing(d: &Draft) -> Option<Listing> {
    if d.category.is_empty() {
        return None;
    }
    let kind = if d.kind == "seek" {
        ListingKind::Seek
    } else {
        ListingKind::Offer
    };
    let amount = d
        .amount
        .trim()
        .replace(',', ".")
        .replace(' ', "")
        .parse::<f64>()
        .ok()
        .filter(|a| a.is_finite() && *a > 0.0)
        .unwrap_or(1.0);
    let unit = Unit::parse(&d.unit).unwrap_or(Unit::Tonne);
    let title = if d.text.trim().is_empty() {
        d.category.clone()
    } else {
        d.text.clone()
    };
    let mut l = Listing::new(
        DRAFT_ID,
        kind,
        &title,
        &d.category,
        Quantity { amount, unit },
        d.municipality.trim(),
    );
    l.description = d.text.clone();
    Some(l)
}

#[component]
pub fn DraftForm(
    index: Signal<Option<Arc<Index>>>,
    lang: Lang,
    s: &'static Strings,
    scope: String,
    today: String,
    listing_url: Option<String>,
    host: Host,
) -> impl IntoView {
    let key = storage_key(&scope);
    let (initial, corrupt) = match load(&key) {
        Ok(d) => (d.unwrap_or_default(), false),
        Err(()) => (Draft::default(), true),
    };
    let had_saved = initial != Draft::default();
    let draft = RwSignal::new(initial);
    let corrupt = RwSignal::new(corrupt);
    let saved = RwSignal::new(had_saved);
    // The draft's own index (data + draft) and its matches, recomputed after a short pause.
    let found: RwSignal<Option<(Arc<Index>, Vec<Match>)>> = RwSignal::new(None);
    let generation = StoredValue::new(0u64);
    let first = StoredValue::new(true);
    let listing_url = StoredValue::new(listing_url);

    Effect::new({
        let key = key.clone();
        move |_| {
            let d = draft.get();
            let base = index.get();
            let is_first = first.get_value();
            first.set_value(false);
            if !is_first {
                if d == Draft::default() {
                    remove(&key);
                    saved.set(false);
                } else {
                    save(&key, &d);
                    saved.set(true);
                }
            }
            generation.update_value(|g| *g += 1);
            let mine = generation.get_value();
            let today = today.clone();
            let host = host.clone();
            set_timeout(
                move || {
                    if generation.try_get_value() != Some(mine) {
                        return;
                    }
                    let (Some(base), Some(me)) = (base, to_listing(&d)) else {
                        found.set(None);
                        return;
                    };
                    let mut listings = base.listings().to_vec();
                    listings.push(me);
                    let position = listings.len() - 1;
                    let ix = Index::new(listings);
                    let matches = super::ranked_matches(&ix, position, &today);
                    let detail = JsObject::new()
                        .set("source", "draft")
                        .set("matches", super::match_ids(&ix, position, &matches));
                    host.emit("match", &detail.into_js());
                    found.set(Some((Arc::new(ix), matches)));
                },
                DEBOUNCE,
            );
        }
    });

    let set =
        move |f: fn(&mut Draft, String)| move |ev| draft.update(|d| f(d, event_target_value(&ev)));
    let cats = super::categories_by_name(lang);
    let clear = move |_| {
        draft.set(Draft::default());
        corrupt.set(false);
    };

    view! {
        <section class="kt-draft" aria-labelledby="kt-draft-h">
            <h3 id="kt-draft-h" class="kt-subheading">{s.draft_heading}</h3>
            <p class="kt-hint">{s.draft_intro}</p>
            <Show when=move || corrupt.get()>
                <p class="kt-notice" role="status">{s.draft_corrupt}</p>
            </Show>
            <form class="kt-draft-form" on:submit=|ev| ev.prevent_default()>
                <fieldset class="kt-fieldset">
                    <legend>{s.draft_kind}</legend>
                    <label class="kt-choice">
                        <input type="radio" name="kt-draft-kind" value="offer"
                            prop:checked=move || draft.get().kind != "seek"
                            on:change=move |_| draft.update(|d| d.kind = "offer".into()) />
                        {s.draft_offer}
                    </label>
                    <label class="kt-choice">
                        <input type="radio" name="kt-draft-kind" value="seek"
                            prop:checked=move || draft.get().kind == "seek"
                            on:change=move |_| draft.update(|d| d.kind = "seek".into()) />
                        {s.draft_seek}
                    </label>
                </fieldset>
                <div class="kt-field">
                    <label for="kt-draft-cat">{s.category_label}</label>
                    <select id="kt-draft-cat" class="kt-select"
                        prop:value=move || draft.get().category
                        on:change=set(|d, v| d.category = v)>
                        <option value="">"–"</option>
                        {cats.into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                    </select>
                </div>
                <div class="kt-field">
                    <label for="kt-draft-text">{s.draft_text}</label>
                    <input id="kt-draft-text" class="kt-input" type="text" autocomplete="off"
                        prop:value=move || draft.get().text
                        on:input=set(|d, v| d.text = v) />
                </div>
                <div class="kt-row">
                    <div class="kt-field">
                        <label for="kt-draft-amount">{s.draft_quantity}</label>
                        <input id="kt-draft-amount" class="kt-input" type="text" inputmode="decimal" autocomplete="off"
                            prop:value=move || draft.get().amount
                            on:input=set(|d, v| d.amount = v) />
                    </div>
                    <div class="kt-field">
                        <label for="kt-draft-unit">{s.draft_unit}</label>
                        <select id="kt-draft-unit" class="kt-select"
                            prop:value=move || { let u = draft.get().unit; if u.is_empty() { "t".to_owned() } else { u } }
                            on:change=set(|d, v| d.unit = v)>
                            <option value="t">"t"</option>
                            <option value="kg">"kg"</option>
                            <option value="m3">"m³"</option>
                            <option value="pcs">{if lang == Lang::Fi { "kpl" } else if lang == Lang::Sv { "st" } else { "pcs" }}</option>
                        </select>
                    </div>
                </div>
                <div class="kt-field">
                    <label for="kt-draft-muni">{s.municipality_label}</label>
                    <input id="kt-draft-muni" class="kt-input" type="text" autocomplete="off" list="kt-finder-munis"
                        prop:value=move || draft.get().municipality
                        on:input=set(|d, v| d.municipality = v) />
                </div>
                <button type="button" class="kt-button kt-secondary" on:click=clear>{s.draft_clear}</button>
                <Show when=move || saved.get()>
                    <p class="kt-hint">{s.draft_saved}</p>
                </Show>
            </form>
            <h4 class="kt-subheading">{s.draft_matches}</h4>
            {move || match found.get() {
                None => view! { <p class="kt-hint">{s.draft_empty}</p> }.into_any(),
                Some((_, m)) if m.is_empty() => view! { <p>{s.no_matches}</p> }.into_any(),
                Some((ix, matches)) => {
                    let me = ix.listings().len().saturating_sub(1);
                    let url = listing_url.get_value();
                    view! {
                        <ol class="kt-matches kt-draft-matches">
                            {matches.iter().map(|m| match_view(ix.listings(), me, m, lang, s, url.as_deref())).collect_view()}
                        </ol>
                    }.into_any()
                }
            }}
        </section>
    }
}
