//! The material-exchange finder: search-as-you-type over the core's index, filters with facet
//! counts, an overview map and region chart, an opened listing with explained matches and their
//! impact, and a "my need / my offer" draft whose matches appear at once.

mod detail;
mod draft;
mod format;
mod i18n;
mod map;

use crate::host::{Config, Host, JsObject, js_flag, js_string};
use crate::shared::focus::focus_later;
use crate::shared::load::{LoadFailure, fatal};
use i18n::strings;
use kiertokit::directory::{Entries, Expert, Kind, parse_directory};
use kiertokit::matching::{
    EwcLabels, Index, ListingKind, Match, MatchOptions, Query, SearchResults, categories,
    find_municipality, municipalities, parse_listings, regions,
};
use kiertokit::{Diagnostic, Lang, Severity};
use leptos::prelude::*;
use std::sync::Arc;
use std::time::Duration;

/// Delay before the result count is announced, so screen readers are not flooded while typing.
const ANNOUNCE_DELAY: Duration = Duration::from_millis(350);
/// Results per "show more" page.
const PAGE: usize = 20;
/// Radius choices (km) around a chosen municipality.
const RADII: [u32; 4] = [25, 50, 100, 200];

/// Finder-specific `data-kt-*` options (the loader passes every one as a string).
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// `data-kt-coordinator`: present (any string but "false", or `true`) means closed and
    /// expired listings may be shown.
    pub coordinator: bool,
    /// `data-kt-listing-url`: `https://…/{id}` template of the partner's listing pages.
    pub listing_url: Option<String>,
    /// `data-kt-storage-key`: distinguishes drafts of several finders on one site.
    pub storage_key: Option<String>,
    /// `data-kt-dates-as-of`: the day demo data was written for; its dates move with today.
    pub dates_as_of: Option<String>,
    /// `data-kt-experts-src`: the partner's expert list (the directory's format); an opened
    /// listing then shows the experts that fit it.
    pub experts_src: Option<String>,
    /// `ewcLabels`, set by the loader: `ewc-labels.json` beside it, fetched when a listing with
    /// a waste code first opens (the module carries the codes, not their labels).
    pub ewc_labels: Option<String>,
}

impl Options {
    /// Reads the finder's options from the loader's config object.
    pub fn from_js(value: &wasm_bindgen::JsValue) -> Options {
        Options {
            coordinator: js_flag(value, "coordinator"),
            listing_url: js_string(value, "listingUrl"),
            storage_key: js_string(value, "storageKey"),
            dates_as_of: js_string(value, "datesAsOf"),
            experts_src: js_string(value, "expertsSrc"),
            ewc_labels: js_string(value, "ewcLabels"),
        }
    }
}

#[derive(Clone)]
enum Data {
    Loading,
    Ready(Arc<Index>),
    Failed(LoadFailure),
}

/// Imports partner text (JSON or CSV); a document that yields nothing usable is a failure.
fn import(text: &str) -> Result<(Vec<kiertokit::matching::Listing>, Vec<Diagnostic>), LoadFailure> {
    let (listings, diagnostics) = parse_listings(text).into_parts();
    if listings.is_empty()
        && let Some(failure) = fatal(&diagnostics)
    {
        return Err(failure);
    }
    Ok((listings, diagnostics))
}

/// The partner's expert list, read once at mount when `src` is given: `None` while loading or
/// not configured, an error text when nothing could be read; bad rows are reported and skipped.
fn load_experts(
    src: Option<String>,
    host: &Host,
) -> RwSignal<Option<Result<Arc<Vec<Expert>>, String>>> {
    let experts = RwSignal::new(None);
    let Some(url) = src else {
        return experts;
    };
    let host = host.clone();
    leptos::task::spawn_local(async move {
        let read = host
            .fetch_src(&url)
            .await
            .map(|text| parse_directory(&text, Kind::Experts).into_parts());
        let result = match read {
            Ok((Entries::Experts(list), diags)) => {
                let bad = diags
                    .iter()
                    .filter(|d| d.severity == Severity::Error)
                    .count();
                if bad > 0 {
                    let detail = JsObject::new()
                        .set("kind", "invalid-rows")
                        .set("source", "experts")
                        .set("skipped", bad);
                    host.emit("error", &detail.into_js());
                }
                if list.is_empty() && bad > 0 {
                    Err(format!("{url}: no readable experts"))
                } else {
                    Ok(Arc::new(list))
                }
            }
            Ok(_) => Err(format!("{url}: not an expert list")),
            Err(e) => Err(e),
        };
        if let Err(message) = &result {
            let detail = JsObject::new()
                .set("kind", "load")
                .set("source", "experts")
                .set("message", message.as_str());
            host.emit("error", &detail.into_js());
        }
        experts.set(Some(result));
    });
    experts
}

/// The top matches of the listing at `pos`.
pub(crate) fn ranked_matches(ix: &Index, pos: usize, today: &str) -> Vec<Match> {
    ix.matches_for(
        pos,
        &MatchOptions {
            today: Some(today.to_owned()),
            per_listing: Some(10),
            ..MatchOptions::default()
        },
    )
}

/// `[{id, score}]` of the other side of each match, for the `kt:match` event.
pub(crate) fn match_ids(ix: &Index, pos: usize, found: &[Match]) -> js_sys::Array {
    found
        .iter()
        .filter_map(|m| {
            let other = if m.offer_index == pos {
                m.seek_index
            } else {
                m.offer_index
            };
            let l = ix.listings().get(other)?;
            Some(
                JsObject::new()
                    .set("id", l.id.as_str())
                    .set("score", m.score)
                    .into_js(),
            )
        })
        .collect()
}

pub fn finder(config: Config, options: Options, host: Host) -> impl IntoView {
    let lang = config.lang();
    let s = strings(lang);
    let today = format::today();
    let coordinator = options.coordinator;
    let listing_url = options.listing_url.clone();
    let scope = options
        .storage_key
        .clone()
        .or_else(|| Some(host.0.id()).filter(|id| !id.is_empty()))
        .unwrap_or_else(|| "default".to_owned());

    let data = RwSignal::new(Data::Loading);
    let diagnostics: RwSignal<Vec<Diagnostic>> = RwSignal::new(Vec::new());
    let text = RwSignal::new(String::new());
    let kind = RwSignal::new(String::new());
    let category = RwSignal::new(String::new());
    let region = RwSignal::new(String::new());
    let municipality = RwSignal::new(String::new());
    let radius = RwSignal::new(String::new());
    let include_closed = RwSignal::new(false);
    let pages = RwSignal::new(1usize);
    let selected: RwSignal<Option<usize>> = RwSignal::new(None);
    let root = NodeRef::<leptos::html::Section>::new();

    let dates_as_of = options.dates_as_of.clone();
    let load = {
        let config = config.clone();
        let host = host.clone();
        move || {
            let apply = {
                let host = host.clone();
                let dates_as_of = dates_as_of.clone();
                move |result: Result<
                    (Vec<kiertokit::matching::Listing>, Vec<Diagnostic>),
                    LoadFailure,
                >| match result {
                    Ok((mut listings, diags)) => {
                        if let Some(as_of) = &dates_as_of {
                            format::shift_dates(&mut listings, as_of, &format::today());
                        }
                        let bad: Vec<&Diagnostic> = diags
                            .iter()
                            .filter(|d| d.severity == Severity::Error)
                            .collect();
                        if !bad.is_empty() {
                            let rows: js_sys::Array = bad
                                .iter()
                                .map(|d| {
                                    JsObject::new()
                                        .set("row", d.row)
                                        .set("field", d.field.as_str())
                                        .set("code", d.code.id())
                                        .set("message", d.message.as_str())
                                        .into_js()
                                })
                                .collect();
                            let detail = JsObject::new()
                                .set("kind", "invalid-rows")
                                .set("skipped", bad.len())
                                .set("rows", rows);
                            host.emit("error", &detail.into_js());
                        }
                        diagnostics.set(diags);
                        let detail = JsObject::new()
                            .set("widget", "material-finder")
                            .set("listings", listings.len());
                        host.emit("ready", &detail.into_js());
                        // Built once per data load; every search and match reads it.
                        data.set(Data::Ready(Arc::new(Index::new(listings))));
                    }
                    Err(failure) => {
                        let (code, message) = failure.code_and_message();
                        let detail = JsObject::new()
                            .set("kind", "load")
                            .set("code", code)
                            .set("message", message);
                        host.emit("error", &detail.into_js());
                        data.set(Data::Failed(failure));
                    }
                }
            };
            if let Some(text) = &config.inline_data {
                apply(import(text));
            } else if let Some(url) = config.src.clone() {
                data.set(Data::Loading);
                let host = host.clone();
                leptos::task::spawn_local(async move {
                    apply(
                        host.fetch_src(&url)
                            .await
                            .map_err(LoadFailure::Fetch)
                            .and_then(|t| import(&t)),
                    );
                });
            } else {
                apply(Ok((Vec::new(), Vec::new())));
            }
        }
    };
    load();
    let experts = load_experts(options.experts_src.clone(), &host);

    let index = Signal::derive(move || match data.get() {
        Data::Ready(ix) => Some(ix),
        _ => None,
    });

    // The query with one filter left out, so each filter's facet counts show what choosing
    // another value of it would give.
    #[derive(Clone, Copy, PartialEq)]
    enum Without {
        Nothing,
        Kind,
        Category,
        Place,
    }
    let today_q = StoredValue::new(today.clone());
    let query = move |without: Without| -> Query {
        let muni = find_municipality(&municipality.get());
        let km = radius.get().parse::<f64>().ok().filter(|r| *r > 0.0);
        let keep = |w: Without| without != w;
        let nonempty = |v: String| Some(v).filter(|v| !v.is_empty());
        Query {
            text: text.get(),
            kind: match kind.get().as_str() {
                "offer" if keep(Without::Kind) => Some(ListingKind::Offer),
                "seek" if keep(Without::Kind) => Some(ListingKind::Seek),
                _ => None,
            },
            category: nonempty(category.get()).filter(|_| keep(Without::Category)),
            region: nonempty(region.get()).filter(|_| keep(Without::Place)),
            municipality: muni
                .filter(|_| km.is_none() && keep(Without::Place))
                .map(|m| m.fi.clone()),
            near: muni.filter(|_| keep(Without::Place)).map(|m| m.fi.clone()),
            radius_km: km.filter(|_| keep(Without::Place)),
            include_closed: coordinator && include_closed.get(),
            today: Some(today_q.get_value()),
            prefix: true,
            limit: usize::MAX / 4,
            offset: 0,
            ..Query::default()
        }
    };
    let search = move |without: Without| -> Option<SearchResults> {
        let q = query(without);
        index.get().map(|ix| ix.search(&q))
    };
    let results = Memo::new(move |_| search(Without::Nothing));
    // Leaving out a filter that is not set changes nothing: reuse the main results' facets.
    let facets_without = move |without: Without| -> Option<kiertokit::matching::Facets> {
        let unset = match without {
            Without::Nothing => true,
            Without::Kind => kind.with(String::is_empty),
            Without::Category => category.with(String::is_empty),
            Without::Place => {
                region.with(String::is_empty)
                    && municipality.with(String::is_empty)
                    && radius.with(String::is_empty)
            }
        };
        if unset {
            results.with(|r| r.as_ref().map(|r| r.facets.clone()))
        } else {
            search(without).map(|r| r.facets)
        }
    };
    let kind_facets = Memo::new(move |_| facets_without(Without::Kind).map(|f| f.kind));
    let category_facets = Memo::new(move |_| facets_without(Without::Category).map(|f| f.category));
    let place_facets = Memo::new(move |_| facets_without(Without::Place).map(|f| f.region));
    let total = Memo::new(move |_| results.get().map_or(0, |r| r.total));

    // A new search starts from the first page.
    Effect::new(move |_| {
        let _ = (
            text.get(),
            kind.get(),
            category.get(),
            region.get(),
            municipality.get(),
            radius.get(),
            include_closed.get(),
        );
        pages.set(1);
    });

    // The status text and kt:search lag the results: one update per pause in typing.
    let announced = RwSignal::new(String::new());
    let generation = StoredValue::new(0u64);
    {
        let host = host.clone();
        Effect::new(move |_| {
            let state = data.get();
            let n = total.get();
            let shown = match &state {
                Data::Loading => s.loading.to_owned(),
                Data::Failed(_) => s.load_failed.to_owned(),
                Data::Ready(_) => s.count(n, lang),
            };
            let detail = JsObject::new()
                .set("query", text.get_untracked())
                .set("kind", kind.get_untracked())
                .set("category", category.get_untracked())
                .set("region", region.get_untracked())
                .set("municipality", municipality.get_untracked())
                .set("radiusKm", radius.get_untracked().parse::<f64>().ok())
                .set("total", n)
                .into_js();
            let ready = matches!(state, Data::Ready(_));
            generation.update_value(|g| *g += 1);
            let mine = generation.get_value();
            let host = host.clone();
            set_timeout(
                move || {
                    if generation.try_get_value() == Some(mine) {
                        announced.set(shown);
                        if ready {
                            host.emit("search", &detail);
                        }
                    }
                },
                ANNOUNCE_DELAY,
            );
        });
    }

    let page_hits = Memo::new(move |_| {
        results.get().map_or_else(Vec::new, |r| {
            r.hits
                .into_iter()
                .take(pages.get() * PAGE)
                .collect::<Vec<_>>()
        })
    });
    let has_more = Memo::new(move |_| total.get() > pages.get() * PAGE);

    // Results paint first; the map and region chart follow once that frame is on screen.
    let overview = RwSignal::new(false);
    Effect::new(move |_| {
        if index.get().is_some() && !overview.get_untracked() {
            request_animation_frame(move || {
                set_timeout(move || overview.set(true), Duration::ZERO);
            });
        }
    });
    let points = Memo::new(move |_| {
        let (Some(r), Some(ix)) = (results.get(), index.get()) else {
            return Vec::new();
        };
        let mut counts: std::collections::BTreeMap<
            &str,
            (usize, &kiertokit::matching::Municipality),
        > = Default::default();
        for h in &r.hits {
            if let Some(m) = ix
                .listings()
                .get(h.index)
                .and_then(|l| find_municipality(&l.municipality))
            {
                counts.entry(m.code.as_str()).or_insert((0, m)).0 += 1;
            }
        }
        counts
            .into_values()
            .map(|(count, m)| map::Point {
                name: m.fi.clone(),
                label: if lang == Lang::Sv {
                    m.sv.clone()
                } else {
                    m.fi.clone()
                },
                lat: m.lat,
                lon: m.lon,
                count,
            })
            .collect::<Vec<_>>()
    });
    let bars = Memo::new(move |_| {
        place_facets
            .get()
            .unwrap_or_default()
            .into_iter()
            .filter(|(_, n)| *n > 0)
            .map(|(r, count)| map::Bar {
                label: format::region_name(&r, lang),
                region: r,
                count,
            })
            .collect::<Vec<_>>()
    });

    let retry = {
        let load = load.clone();
        move |_| load()
    };

    // The waste codes' labels: the code alone until they arrive, and for good if the fetch fails.
    let ewc_labels: RwSignal<Option<Arc<EwcLabels>>> = RwSignal::new(None);
    let labels_asked = StoredValue::new(false);
    let labels_url = options.ewc_labels.clone();
    let open_listing = {
        let host = host.clone();
        Callback::new(move |pos: usize| {
            let Some(ix) = index.get_untracked() else {
                return;
            };
            let Some(l) = ix.listings().get(pos) else {
                return;
            };
            host.emit(
                "select",
                &JsObject::new().set("id", l.id.as_str()).into_js(),
            );
            if l.ewc.is_some() && !labels_asked.get_value() {
                labels_asked.set_value(true);
                if let Some(url) = labels_url.clone() {
                    leptos::task::spawn_local(async move {
                        if let Ok(text) = crate::host::fetch_text(&url).await {
                            ewc_labels.set(EwcLabels::from_json(&text).map(Arc::new));
                        }
                    });
                }
            }
            selected.set(Some(pos));
            focus_later(root, ".kt-detail-title".to_owned());
        })
    };
    let close = move || {
        if let Some(pos) = selected.get_untracked() {
            selected.set(None);
            focus_later(root, format!("[data-kt-ix=\"{pos}\"] .kt-open"));
        }
    };

    let matches = {
        let host = host.clone();
        let today = today.clone();
        Memo::new(move |_| {
            let (Some(pos), Some(ix)) = (selected.get(), index.get()) else {
                return None;
            };
            let found = ranked_matches(&ix, pos, &today);
            let id = ix.listings().get(pos).map(|l| l.id.clone());
            let detail = JsObject::new()
                .set("source", "listing")
                .set("id", id)
                .set("matches", match_ids(&ix, pos, &found));
            host.emit("match", &detail.into_js());
            Some(found)
        })
    };

    let show_more = move |_| {
        let first_new = pages.get_untracked() * PAGE;
        pages.update(|p| *p += 1);
        focus_later(
            root,
            format!(".kt-result:nth-child({}) .kt-open", first_new + 1),
        );
    };

    let clear_filters = move |_| {
        kind.set(String::new());
        category.set(String::new());
        region.set(String::new());
        municipality.set(String::new());
        radius.set(String::new());
        include_closed.set(false);
    };

    let cats = categories_by_name(lang);
    let mut region_list: Vec<(String, String)> = regions()
        .into_iter()
        .map(|(fi, sv)| {
            let label = if lang == Lang::Sv { sv } else { fi.clone() };
            (fi, label)
        })
        .collect();
    // Ordered by the name the reader sees, in Finnish/Swedish alphabetical order.
    crate::i18n::sort_by_name(&mut region_list, |r| r.1.as_str());
    let mut muni_names: Vec<String> = municipalities()
        .iter()
        .map(|m| {
            if lang == Lang::Sv {
                m.sv.clone()
            } else {
                m.fi.clone()
            }
        })
        .collect();
    crate::i18n::sort_by_name(&mut muni_names, String::as_str);
    let unknown_muni = move || {
        let m = municipality.get();
        !m.trim().is_empty() && find_municipality(&m).is_none()
    };
    let with_count = move |label: String, n: Option<usize>| match n {
        Some(n) => format!("{label} ({n})"),
        None => label,
    };
    let kind_count =
        move |k: &'static str| kind_facets.get().map(|f| f.get(k).copied().unwrap_or(0));
    let kind_radio = move |value: &'static str, label: &'static str| {
        view! {
            <label class="kt-choice">
                <input type="radio" name="kt-finder-kind" value=value
                    prop:checked=move || kind.get() == value
                    on:change=move |_| kind.set(value.to_owned()) />
                {move || {
                    let n = if value.is_empty() {
                        kind_facets.get().map(|f| f.values().sum())
                    } else {
                        kind_count(value)
                    };
                    with_count(label.to_owned(), n)
                }}
            </label>
        }
    };
    let listing_url_detail = StoredValue::new(listing_url.clone());

    view! {
        <section class="kt-finder" lang=lang.tag() node_ref=root>
            <h2 class="kt-heading">{s.heading}</h2>
            <div class="kt-field">
                <label for="kt-finder-q">{s.search_label}</label>
                <input
                    id="kt-finder-q"
                    class="kt-input"
                    type="search"
                    autocomplete="off"
                    aria-describedby="kt-finder-hint"
                    prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))
                />
                <p id="kt-finder-hint" class="kt-hint">{s.search_hint}</p>
            </div>
            <details class="kt-filters" open=true>
                <summary>{s.filters}</summary>
                <div class="kt-filter-grid">
                    <fieldset class="kt-fieldset">
                        <legend>{s.kind_legend}</legend>
                        {kind_radio("", s.all_kinds)}
                        {kind_radio("offer", s.offer)}
                        {kind_radio("seek", s.seek)}
                    </fieldset>
                    <div class="kt-field">
                        <label for="kt-finder-cat">{s.category_label}</label>
                        <select id="kt-finder-cat" class="kt-select"
                            prop:value=move || category.get()
                            on:change=move |ev| category.set(event_target_value(&ev))>
                            <option value="">{s.all_categories}</option>
                            {cats.into_iter().map(|(id, name)| {
                                let key = id.clone();
                                view! {
                                    <option value=id>{move || with_count(name.clone(), Some(category_facets.get().and_then(|f| f.get(&key).copied()).unwrap_or(0)))}</option>
                                }
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="kt-field">
                        <label for="kt-finder-region">{s.region_label}</label>
                        <select id="kt-finder-region" class="kt-select"
                            prop:value=move || region.get()
                            on:change=move |ev| {
                                municipality.set(String::new());
                                region.set(event_target_value(&ev));
                            }>
                            <option value="">{s.all_regions}</option>
                            {region_list.into_iter().map(|(fi, label)| {
                                let key = fi.clone();
                                view! {
                                    <option value=fi>{move || with_count(label.clone(), Some(place_facets.get().and_then(|f| f.get(&key).copied()).unwrap_or(0)))}</option>
                                }
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="kt-field">
                        <label for="kt-finder-muni">{s.municipality_label}</label>
                        <input id="kt-finder-muni" class="kt-input" type="text" autocomplete="off"
                            list="kt-finder-munis" aria-describedby="kt-finder-muni-hint"
                            prop:value=move || municipality.get()
                            on:change=move |ev| {
                                region.set(String::new());
                                municipality.set(event_target_value(&ev));
                            } />
                        <datalist id="kt-finder-munis">
                            // Read only while typing: filled in with the map, after the first results.
                            {move || overview.get().then(|| {
                                muni_names.iter().map(|n| view! { <option value=n.clone()></option> }).collect_view()
                            })}
                        </datalist>
                        <p id="kt-finder-muni-hint" class="kt-hint">
                            {move || if unknown_muni() { s.unknown_municipality } else { s.municipality_hint }}
                        </p>
                    </div>
                    <div class="kt-field">
                        <label for="kt-finder-radius">{s.radius_label}</label>
                        <select id="kt-finder-radius" class="kt-select"
                            prop:value=move || radius.get()
                            on:change=move |ev| radius.set(event_target_value(&ev))>
                            <option value="">{s.radius_exact}</option>
                            {RADII.iter().map(|r| view! { <option value=r.to_string()>{format!("{r}\u{a0}km")}</option> }).collect_view()}
                        </select>
                    </div>
                    {coordinator.then(|| view! {
                        <div class="kt-field kt-check">
                            <input id="kt-finder-closed" type="checkbox"
                                prop:checked=move || include_closed.get()
                                on:change=move |ev| include_closed.set(event_target_checked(&ev)) />
                            <label for="kt-finder-closed">{s.include_closed}</label>
                        </div>
                    })}
                </div>
                <button type="button" class="kt-button kt-secondary" on:click=clear_filters>{s.clear_filters}</button>
            </details>
            <p class="kt-status" role="status" aria-live="polite" aria-atomic="true">
                {move || announced.get()}
            </p>
            // Skipped rows (errors) and notes on kept rows (unknown keys, codes left out).
            {[Severity::Error, Severity::Warning].map(|severity| {
                let (class, title) = match severity {
                    Severity::Error => ("kt-notice kt-skipped", s.skipped_rows),
                    Severity::Warning => ("kt-notice kt-data-notes", s.data_notes),
                };
                let count = move || diagnostics.with(|d| d.iter().filter(|d| d.severity == severity).count());
                view! {
                    <Show when=move || { count() > 0 }>
                        <details class=class>
                            <summary>{title} " (" {count} ")"</summary>
                            <ul>
                                {move || diagnostics.get().into_iter().filter(|d| d.severity == severity).map(|d| {
                                    let lead = crate::i18n::diagnostic(&d, lang);
                                    view! { <li>{lead}</li> }
                                }).collect_view()}
                            </ul>
                        </details>
                    </Show>
                }
            })}
            <Show when=move || matches!(data.get(), Data::Failed(_))>
                <div class="kt-error" role="alert">
                    <p>
                        {s.load_failed}
                        {move || match data.get() {
                            Data::Failed(f) => {
                                let (detail, said_in) = f.said(lang);
                                view! { " (" <span lang=said_in>{detail}</span> ")" }.into_any()
                            }
                            _ => ().into_any(),
                        }}
                    </p>
                    <button type="button" class="kt-button" on:click=retry.clone()>{s.retry}</button>
                </div>
            </Show>
            <Show
                when=move || selected.get().is_some()
                fallback=move || view! {
                    <ul class="kt-results">
                        <For
                            each=move || page_hits.get()
                            // The distance is part of the row: a new centre must re-render it.
                            key=|h| (h.index, h.distance_km.map(f64::to_bits))
                            children=move |h| {
                                let Some(l) = index.get_untracked().and_then(|ix| ix.listings().get(h.index).cloned()) else {
                                    return ().into_any();
                                };
                                let (kind_text, kind_class) = detail::kind_label(l.kind, s);
                                let distance = h.distance_km.map(|d| format!(" · {} {}", s.distance, format::km(d, lang)));
                                let status = detail::status_label(l.status, s);
                                let pos = h.index;
                                view! {
                                    <li class="kt-result" data-kt-ix=pos.to_string()>
                                        <article>
                                            <h3 class="kt-result-title">{l.title.clone()}</h3>
                                            <p class="kt-meta">
                                                <span class=kind_class>{kind_text}</span>
                                                " · " {format::category_name(&l.category, lang)}
                                                " · " {format::quantity(&l.quantity, lang)}
                                                " · " {format::place(&l.municipality, lang)}
                                                {distance}
                                                " · " {status}
                                            </p>
                                            <p class="kt-desc">{l.description.clone()}</p>
                                            <button type="button" class="kt-button kt-secondary kt-open" on:click=move |_| open_listing.run(pos)>
                                                {s.open}
                                                <span class="kt-visually-hidden">": " {l.title.clone()}</span>
                                            </button>
                                        </article>
                                    </li>
                                }.into_any()
                            }
                        />
                    </ul>
                    <Show when=move || has_more.get()>
                        <button type="button" class="kt-button kt-more" on:click=show_more>{s.show_more}</button>
                    </Show>
                    <Show when=move || overview.get()>
                        <map::Overview points=points bars=bars lang=lang s=s region=region municipality=municipality />
                    </Show>
                }
            >
                {move || {
                    let (Some(pos), Some(ix)) = (selected.get(), index.get()) else {
                        return ().into_any();
                    };
                    let Some(l) = ix.listings().get(pos).cloned() else {
                        return ().into_any();
                    };
                    let found = matches.get().unwrap_or_default();
                    let url = listing_url_detail.get_value();
                    let wanted = l.clone();
                    view! {
                        <section class="kt-detail" aria-labelledby="kt-detail-title"
                            on:keydown=move |ev| if ev.key() == "Escape" { close() }>
                            <button type="button" class="kt-button kt-secondary kt-back" on:click=move |_| close()>{"← "}{s.back}</button>
                            <h3 id="kt-detail-title" class="kt-detail-title" tabindex="-1">{l.title.clone()}</h3>
                            {detail::listing_facts(&l, ewc_labels, lang, s)}
                            <h4 class="kt-subheading">{s.matches_heading}</h4>
                            {if found.is_empty() {
                                view! { <p>{s.no_matches}</p> }.into_any()
                            } else {
                                view! {
                                    <ol class="kt-matches">
                                        {found.iter().map(|m| detail::match_view(ix.listings(), pos, m, lang, s, url.as_deref())).collect_view()}
                                    </ol>
                                }.into_any()
                            }}
                            {move || experts.get().map(|list| detail::experts_view(&wanted, list, lang, s))}
                        </section>
                    }.into_any()
                }}
            </Show>
            <draft::DraftForm index=index lang=lang s=s scope=scope today=today.clone() listing_url=listing_url host=host.clone() />
        </section>
    }
}

/// `(id, name)` of every category, by name in `lang`.
fn categories_by_name(lang: Lang) -> Vec<(String, String)> {
    let mut cats: Vec<(String, String)> = categories()
        .iter()
        .map(|c| (c.id.clone(), c.name.get(lang).to_owned()))
        .collect();
    crate::i18n::sort_by_name(&mut cats, |c| c.1.as_str());
    cats
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partner_json_keeps_good_rows_and_reports_bad_ones() {
        let text = r#"{"version":1,"listings":[
            {"id":"a","kind":"offer","title":"Puu","category":"wood","quantity":{"amount":1,"unit":"t"},"municipality":"Tampere"},
            {"id":"b","kind":"nonsense"}
        ]}"#;
        let (listings, diagnostics) = import(text).expect("valid document");
        assert_eq!(listings.len(), 1);
        assert!(diagnostics.iter().any(|d| d.severity == Severity::Error));
        assert!(import("{not json").is_err());
    }
}
