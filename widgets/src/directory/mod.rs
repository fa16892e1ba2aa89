//! The directory widget (`directory`, `data-kt-kind="experts|funding|companies"`): search as
//! you type over the core's index, facets with counts, an entry view, and per kind "find an
//! expert for my need", call deadlines with a countdown, `.ics` and the eligibility pre-check,
//! and companies by circular business model.

mod i18n;
mod map;
mod need;
mod precheck;
mod view;

use crate::host::{Config, Host, JsObject, js_string};
use crate::shared::focus::focus_later;
use crate::shared::load::{LoadFailure, fatal};
use i18n::{Strings, strings};
use kiertokit::directory::{
    BusinessModel, Directory, DirectoryQuery, Entries, Kind, Skill, WHOLE_COUNTRY, parse_directory,
};
use kiertokit::matching::{category, find_municipality};
use kiertokit::{Diagnostic, Lang, Severity};
use leptos::prelude::*;
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

/// Delay before the result count is announced, so screen readers are not flooded while typing.
const ANNOUNCE_DELAY: Duration = Duration::from_millis(350);
/// Results per "show more" page.
const PAGE: usize = 20;
/// "Closing soon" means within this many days.
const CLOSING_DAYS: u32 = 14;

/// Directory-specific `data-kt-*` options.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// `data-kt-kind`: `experts` (default), `funding` or `companies`.
    pub kind: Kind,
}

impl Options {
    pub fn from_js(value: &wasm_bindgen::JsValue) -> Options {
        Options {
            kind: js_string(value, "kind")
                .and_then(|k| Kind::parse(&k))
                .unwrap_or(Kind::Experts),
        }
    }
}

#[derive(Clone)]
enum Data {
    Loading,
    Ready(Arc<Directory>),
    Failed(LoadFailure),
}

/// Reads partner text (JSON or CSV); a document that yields nothing usable is a failure.
fn import(text: &str, kind: Kind) -> Result<(Entries, Vec<Diagnostic>), LoadFailure> {
    let (entries, diagnostics) = parse_directory(text, kind).into_parts();
    if entries.is_empty()
        && let Some(failure) = fatal(&diagnostics)
    {
        return Err(failure);
    }
    Ok((entries, diagnostics))
}

/// The facets a kind offers, in the order they are shown.
fn facet_names(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Experts => &["category", "skill", "region", "language"],
        Kind::Funding => &["state", "topic", "organisation_type", "region", "funder"],
        Kind::Companies => &["model", "region", "municipality", "sector"],
    }
}

fn facet_label(name: &str, s: &Strings) -> &'static str {
    match name {
        "category" => s.facet_category,
        "skill" => s.facet_skill,
        "region" => s.facet_region,
        "language" => s.facet_language,
        "state" => s.facet_state,
        "funder" => s.facet_funder,
        "topic" => s.facet_topic,
        "organisation_type" => s.facet_organisation_type,
        "model" => s.facet_model,
        "municipality" => s.facet_municipality,
        _ => s.facet_sector,
    }
}

/// The Swedish name of a region given in Finnish (regions are keyed by their Finnish name).
pub(crate) fn region_name(fi: &str, lang: Lang) -> String {
    kiertokit::matching::region_name(fi, lang).map_or_else(|| fi.to_owned(), str::to_owned)
}

/// A partner id with no translation, made readable (`side-streams` → `side streams`).
fn readable(id: &str) -> String {
    id.replace(['-', '_'], " ")
}

/// A facet value as the reader sees it in `lang`.
fn value_label(name: &str, value: &str, lang: Lang, s: &Strings, dir: &Directory) -> String {
    match name {
        "category" => {
            category(value).map_or_else(|| value.to_owned(), |c| c.name.get(lang).to_owned())
        }
        "skill" => {
            Skill::parse(value).map_or_else(|| value.to_owned(), |k| k.name().get(lang).to_owned())
        }
        "region" if value == WHOLE_COUNTRY => s.whole_country.to_owned(),
        "region" => region_name(value, lang),
        "language" => i18n::language(value, lang).to_owned(),
        "state" => i18n::state(value, lang).to_owned(),
        "topic" => i18n::topic(value, lang).map_or_else(|| readable(value), str::to_owned),
        "organisation_type" => {
            i18n::organisation_type(value, lang).map_or_else(|| readable(value), str::to_owned)
        }
        "model" => BusinessModel::parse(value)
            .map_or_else(|| value.to_owned(), |m| m.name().get(lang).to_owned()),
        "municipality" => find_municipality(value).map_or_else(
            || value.to_owned(),
            |m| {
                if lang == Lang::Sv {
                    m.sv.clone()
                } else {
                    m.fi.clone()
                }
            },
        ),
        // A sector is the partner's own text: shown in the reader's language when one has it.
        "sector" => match dir.entries() {
            Entries::Companies(v) => v
                .iter()
                .find(|c| c.sector.get(Lang::Fi).trim() == value)
                .map_or_else(|| value.to_owned(), |c| c.sector.get(lang).to_owned()),
            _ => value.to_owned(),
        },
        _ => value.to_owned(),
    }
}

pub fn directory(config: Config, options: Options, host: Host) -> impl IntoView {
    let lang = config.lang();
    let s = strings(lang);
    let kind = options.kind;
    let data = RwSignal::new(Data::Loading);
    let diagnostics: RwSignal<Vec<Diagnostic>> = RwSignal::new(Vec::new());
    let text = RwSignal::new(String::new());
    let filters: RwSignal<BTreeMap<String, String>> = RwSignal::new(BTreeMap::new());
    let pages = RwSignal::new(1usize);
    let selected: RwSignal<Option<usize>> = RwSignal::new(None);
    let now = RwSignal::new(crate::shared::browser::now_seconds());
    let root = NodeRef::<leptos::html::Section>::new();

    // Deadlines count down while the page is open.
    if let Ok(handle) = set_interval_with_handle(
        move || now.set(crate::shared::browser::now_seconds()),
        Duration::from_secs(30),
    ) {
        on_cleanup(move || handle.clear());
    }

    let load = {
        let config = config.clone();
        let host = host.clone();
        move || {
            let apply = {
                let host = host.clone();
                move |result: Result<(Entries, Vec<Diagnostic>), LoadFailure>| match result {
                    Ok((entries, diags)) => {
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
                            .set("widget", "directory")
                            .set("kind", kind.as_str())
                            .set("entries", entries.len());
                        host.emit("ready", &detail.into_js());
                        data.set(Data::Ready(Arc::new(Directory::new(entries))));
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
                apply(import(text, kind));
            } else if let Some(url) = config.src.clone() {
                data.set(Data::Loading);
                let host = host.clone();
                leptos::task::spawn_local(async move {
                    apply(
                        host.fetch_src(&url)
                            .await
                            .map_err(LoadFailure::Fetch)
                            .and_then(|t| import(&t, kind)),
                    );
                });
            } else {
                apply(Ok((parse_directory("[]", kind).value, Vec::new())));
            }
        }
    };
    load();

    let dir = Signal::derive(move || match data.get() {
        Data::Ready(d) => Some(d),
        _ => None,
    });
    let results = Memo::new(move |_| {
        let d = dir.get()?;
        let q = DirectoryQuery {
            text: text.get(),
            filters: filters
                .get()
                .into_iter()
                .filter(|(_, v)| !v.is_empty())
                .map(|(k, v)| (k, vec![v]))
                .collect(),
            now: Some(now.get()),
            closing_within_days: CLOSING_DAYS,
            limit: 0,
            offset: 0,
        };
        Some(d.search(&q))
    });
    let total = Memo::new(move |_| results.with(|r| r.as_ref().map_or(0, |r| r.total)));

    // A new search starts from the first page.
    Effect::new(move |_| {
        let _ = (text.get(), filters.get());
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
                Data::Ready(_) => s.count(n),
            };
            let chosen = JsObject::new();
            let chosen = filters
                .get_untracked()
                .into_iter()
                .fold(chosen, |o, (k, v)| o.set(&k, v));
            let detail = JsObject::new()
                .set("kind", kind.as_str())
                .set("query", text.get_untracked())
                .set("filters", chosen.into_js())
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
        results.with(|r| {
            r.as_ref().map_or_else(Vec::new, |r| {
                r.hits
                    .iter()
                    .take(pages.get() * PAGE)
                    .map(|h| h.index)
                    .collect::<Vec<_>>()
            })
        })
    });
    let has_more = Memo::new(move |_| total.get() > pages.get() * PAGE);
    // Companies on the map: one point per municipality of the current results.
    let points = Memo::new(move |_| {
        let (Some(d), Some(r)) = (dir.get(), results.get()) else {
            return Vec::new();
        };
        let Entries::Companies(list) = d.entries() else {
            return Vec::new();
        };
        let mut counts: BTreeMap<&str, (usize, &kiertokit::matching::Municipality)> =
            BTreeMap::new();
        for h in &r.hits {
            if let Some(m) = list
                .get(h.index)
                .and_then(|c| find_municipality(&c.municipality))
            {
                counts.entry(m.code.as_str()).or_insert((0, m)).0 += 1;
            }
        }
        let mut by_size: Vec<_> = counts.into_values().collect();
        // Larger points first, so a smaller neighbour is drawn on top and stays clickable.
        kiertokit::sort::sort_by(&mut by_size, |a, b| {
            b.0.cmp(&a.0).then_with(|| a.1.code.cmp(&b.1.code))
        });
        by_size
            .into_iter()
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

    let open_entry = {
        let host = host.clone();
        Callback::new(move |pos: usize| {
            let Some(d) = dir.get_untracked() else {
                return;
            };
            let Some(id) = d.entries().id(pos) else {
                return;
            };
            host.emit("select", &JsObject::new().set("id", id).into_js());
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
    let show_more = move |_| {
        let first_new = pages.get_untracked() * PAGE;
        pages.update(|p| *p += 1);
        focus_later(
            root,
            format!(".kt-dir-result:nth-child({}) .kt-open", first_new + 1),
        );
    };
    let retry = {
        let load = load.clone();
        move |_| load()
    };
    let heading = match kind {
        Kind::Experts => s.heading_experts,
        Kind::Funding => s.heading_funding,
        Kind::Companies => s.heading_companies,
    };
    let hint = match kind {
        Kind::Experts => s.hint_experts,
        Kind::Funding => s.hint_funding,
        Kind::Companies => s.hint_companies,
    };

    // One select per facet: "All (n)" and each value with its count, by the name shown.
    let facet_select = move |name: &'static str| {
        let id = format!("kt-dir-f-{name}");
        let options = move || {
            let (Some(d), Some(r)) = (dir.get(), results.get()) else {
                return Vec::new();
            };
            let chosen = filters.with(|f| f.get(name).cloned().unwrap_or_default());
            let mut values: Vec<(String, String, usize)> = r
                .facets
                .get(name)
                .map(|m| {
                    m.iter()
                        .map(|(v, n)| (v.clone(), value_label(name, v, lang, s, &d), *n))
                        .collect()
                })
                .unwrap_or_default();
            if !chosen.is_empty() && !values.iter().any(|v| v.0 == chosen) {
                values.push((chosen.clone(), value_label(name, &chosen, lang, s, &d), 0));
            }
            if name == "state" {
                let order = ["open", "closing-soon", "upcoming", "closed"];
                let rank = |v: &str| order.iter().position(|o| *o == v).unwrap_or(9);
                kiertokit::sort::sort_by(&mut values, |a, b| rank(&a.0).cmp(&rank(&b.0)));
            } else {
                crate::i18n::sort_by_name(&mut values, |v| v.1.as_str());
            }
            values
        };
        let total_all = move || results.with(|r| r.as_ref().map_or(0, |r| r.total));
        view! {
            <div class="kt-field">
                <label for=id.clone()>{facet_label(name, s)}</label>
                <select id=id class="kt-select"
                    prop:value=move || filters.with(|f| f.get(name).cloned().unwrap_or_default())
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        filters.update(|f| { f.insert(name.to_owned(), v); });
                    }>
                    <option value="">{move || {
                        let n = total_all();
                        if filters.with(|f| f.get(name).is_none_or(String::is_empty)) {
                            format!("{} ({n})", s.all)
                        } else {
                            s.all.to_owned()
                        }
                    }}</option>
                    {move || options().into_iter().map(|(value, label, n)| {
                        view! { <option value=value>{format!("{label} ({n})")}</option> }
                    }).collect_view()}
                </select>
            </div>
        }
    };

    view! {
        <section class="kt-directory" lang=lang.tag() node_ref=root>
            <h2 class="kt-heading">{heading}</h2>
            <div class="kt-field">
                <label for="kt-dir-q">{s.search_label}</label>
                <input id="kt-dir-q" class="kt-input" type="search" autocomplete="off"
                    aria-describedby="kt-dir-hint"
                    prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev)) />
                <p id="kt-dir-hint" class="kt-hint">{hint}</p>
            </div>
            <details class="kt-dir-filters" open=true>
                <summary>{s.filters}</summary>
                <div class="kt-dir-grid">
                    {facet_names(kind).iter().map(|n| facet_select(n)).collect_view()}
                </div>
                <button type="button" class="kt-button kt-secondary"
                    on:click=move |_| filters.set(BTreeMap::new())>{s.clear_filters}</button>
            </details>
            <p class="kt-status" role="status" aria-live="polite" aria-atomic="true">
                {move || announced.get()}
            </p>
            {[Severity::Error, Severity::Warning].map(|severity| {
                let title = match severity {
                    Severity::Error => s.skipped_rows,
                    Severity::Warning => s.data_notes,
                };
                let count = move || diagnostics.with(|d| d.iter().filter(|d| d.severity == severity).count());
                view! {
                    <Show when=move || { count() > 0 }>
                        <details class="kt-notice kt-dir-notes">
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
            {(kind == Kind::Experts).then(|| view! { <need::NeedForm dir=dir lang=lang host=host.clone() /> })}
            <Show
                when=move || selected.get().is_some()
                fallback=move || view! {
                    <ul class="kt-dir-results">
                        <For
                            each=move || page_hits.get()
                            key=|i| *i
                            children=move |pos| {
                                let Some(d) = dir.get_untracked() else {
                                    return ().into_any();
                                };
                                view! {
                                    <li class="kt-dir-result" data-kt-ix=pos.to_string()>
                                        {view::card(&d, pos, lang, now)}
                                        <button type="button" class="kt-button kt-secondary kt-open" on:click=move |_| open_entry.run(pos)>
                                            {s.open}
                                            <span class="kt-visually-hidden">": " {view::name(&d, pos, lang)}</span>
                                        </button>
                                    </li>
                                }.into_any()
                            }
                        />
                    </ul>
                    <Show when=move || has_more.get()>
                        <button type="button" class="kt-button kt-more" on:click=show_more>{s.show_more}</button>
                    </Show>
                    {(kind == Kind::Companies).then(|| view! { <map::Map points=points s=s filters=filters /> })}
                }
            >
                {
                    let host = host.clone();
                    move || {
                        let (Some(pos), Some(d)) = (selected.get(), dir.get()) else {
                            return ().into_any();
                        };
                        view! {
                            <section class="kt-detail kt-dir-detail" aria-labelledby="kt-dir-detail-title"
                                on:keydown=move |ev| if ev.key() == "Escape" { close() }>
                                <button type="button" class="kt-button kt-secondary kt-back" on:click=move |_| close()>{"← "}{s.back}</button>
                                <h3 id="kt-dir-detail-title" class="kt-detail-title" tabindex="-1">{view::name(&d, pos, lang)}</h3>
                                {view::detail(&d, pos, lang, now, host.clone())}
                            </section>
                        }.into_any()
                    }
                }
            </Show>
        </section>
    }
}
