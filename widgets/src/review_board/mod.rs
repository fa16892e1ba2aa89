//! The staff's review board: applications and reviews from local files, eligibility, ranking,
//! agreement and flags, adjustable weights, maximum and quotas, and CSV exports.

mod i18n;
mod reviewers;
mod stability;

use crate::host::{Config, Host, fetch_text};
use crate::i18n::{filled, tagged, text_in, text_view};
use crate::shared::browser::{download, read_chosen_file};
use crate::shared::csv::{line as csv_line, sep as csv_sep};
use crate::shared::format::number;
use i18n::{Strings, strings};
use kiertokit::scoring::{
    Application, Basis, Method, Programme, Quota, Report, Review, ScoreOptions, builtin, evaluate,
    parse_applications, parse_programme, parse_reviews,
};
use kiertokit::{Code, Diagnostic, Lang};
use leptos::prelude::*;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::time::Duration;
use wasm_bindgen::JsCast;

const ANNOUNCE_DELAY: Duration = Duration::from_millis(400);
const DEFAULT_PROGRAMME: &str = "reilu-kiertotalous-2021";

/// Widget-specific options from `data-kt-*` attributes.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Options {
    /// `data-kt-programme`: a built-in programme name.
    pub programme: Option<String>,
    /// `data-kt-programme-src`: URL of a programme definition.
    pub programme_src: Option<String>,
    /// `data-kt-applications-src`: URL of the applications JSON.
    pub applications_src: Option<String>,
    /// `data-kt-reviews-src`: URL of the reviews CSV or JSON.
    pub reviews_src: Option<String>,
}

#[derive(Clone, Copy, PartialEq)]
enum Stage {
    Loading,
    Ready,
    Failed,
}

/// Parses a number typed with a point or a decimal comma.
fn parse_number(s: &str) -> Option<f64> {
    s.trim()
        .replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|x| x.is_finite())
}

/// Inline data: `{"programme": name | definition, "applications": [...], "reviews": [...] | "csv"}`.
fn split_inline(text: &str) -> (Option<String>, Option<String>, Option<String>) {
    let Ok(serde_json::Value::Object(mut o)) = serde_json::from_str::<serde_json::Value>(text)
    else {
        return (None, None, None);
    };
    let as_text = |v: Option<serde_json::Value>| match v {
        Some(serde_json::Value::String(s)) => Some(s),
        Some(v) if !v.is_null() => Some(v.to_string()),
        _ => None,
    };
    (
        as_text(o.remove("programme")),
        as_text(o.remove("applications")),
        as_text(o.remove("reviews")),
    )
}

fn resolve_programme(text: &str) -> (Option<Programme>, Vec<Diagnostic>) {
    let t = text.trim();
    if t.starts_with('{') {
        parse_programme(t).into_parts()
    } else {
        (builtin(t), Vec::new())
    }
}

fn fill(template: &str, pairs: &[(&str, String)]) -> String {
    pairs
        .iter()
        .fold(template.to_owned(), |acc, (k, v)| acc.replace(k, v))
}

/// The selected applications in rank order.
fn shortlist_csv(s: &Strings, lang: Lang, p: &Programme, r: &Report) -> String {
    let sep = csv_sep(lang);
    let mut out = String::from("\u{feff}");
    out += &csv_line(
        &[s.rank, "id", s.applicant, s.score, s.decision].map(str::to_owned),
        sep,
    );
    for e in r.ranking.iter().filter(|x| x.selected) {
        let ex = r
            .explanations
            .iter()
            .find(|x| x.application == e.application);
        out += &csv_line(
            &[
                e.rank.to_string(),
                e.application.clone(),
                ex.map(|x| x.organisation.clone()).unwrap_or_default(),
                number(e.score, 3, lang),
                ex.map(|x| x.reason.get(lang).to_owned())
                    .unwrap_or_default(),
            ],
            sep,
        );
    }
    let _ = p;
    out
}

/// Every application with its eligibility, criterion scores, rank and the reason for the decision.
fn explanations_csv(s: &Strings, lang: Lang, p: &Programme, r: &Report) -> String {
    let sep = csv_sep(lang);
    let mut out = String::from("\u{feff}");
    let mut head: Vec<String> = ["id", s.applicant, s.csv_eligible, s.csv_failed]
        .map(str::to_owned)
        .to_vec();
    head.extend(p.criteria.iter().map(|c| c.name.get(lang).to_owned()));
    head.extend([s.score, s.rank, s.decision, s.reason].map(str::to_owned));
    out += &csv_line(&head, sep);
    for x in &r.explanations {
        let mut row = vec![
            x.application.clone(),
            x.organisation.clone(),
            (if x.eligible { s.yes } else { s.no }).to_owned(),
            x.failed
                .iter()
                .map(|f| f.code.as_str())
                .collect::<Vec<_>>()
                .join(" "),
        ];
        row.extend(p.criteria.iter().map(|c| {
            x.criterion_scores
                .iter()
                .find(|cs| cs.criterion == c.id)
                .and_then(|cs| cs.score)
                .map(|v| number(v, 2, lang))
                .unwrap_or_default()
        }));
        row.push(x.score.map(|v| number(v, 3, lang)).unwrap_or_default());
        row.push(x.rank.map(|v| v.to_string()).unwrap_or_default());
        row.push(
            (if x.selected {
                s.selected
            } else {
                s.not_selected
            })
            .to_owned(),
        );
        row.push(x.reason.get(lang).to_owned());
        out += &csv_line(&row, sep);
    }
    out
}

pub fn review_board(config: Config, options: Options, host: Host) -> impl IntoView {
    let lang = config.lang();
    let s = strings(lang);
    let stage = RwSignal::new(Stage::Loading);
    let programme = RwSignal::new(None::<Programme>);
    let applications = RwSignal::new(Vec::<Application>::new());
    let reviews = RwSignal::new(Vec::<Review>::new());
    // Import notes per source, so loading one file keeps the other file's notes.
    let app_diags = RwSignal::new(Vec::<Diagnostic>::new());
    let review_diags = RwSignal::new(Vec::<Diagnostic>::new());
    let weights = RwSignal::new(BTreeMap::<String, f64>::new());
    let max_selected = RwSignal::new(1usize);
    let quotas = RwSignal::new(Vec::<Quota>::new());
    let method = RwSignal::new(Method::WeightedSum);
    // Inputs are rewritten only on load and reset, never while someone is typing into them.
    let revision = RwSignal::new(0u32);
    let panel = reviewers::panel(lang, programme, applications, csv_line, csv_sep(lang));
    let (conflicts, unblind) = (panel.conflicts, panel.unblind);
    let hidden = reviewers::texts(lang).hidden;

    let reset = move || {
        if let Some(p) = programme.get_untracked() {
            weights.set(
                p.criteria
                    .iter()
                    .map(|c| (c.id.clone(), c.weight))
                    .collect(),
            );
            max_selected.set(p.max_selected);
            quotas.set(p.quotas.clone());
            method.set(Method::WeightedSum);
            revision.update(|r| *r = r.wrapping_add(1));
        }
    };

    // Bad rows: kept out, listed in the notice and reported once per load as kt:error.
    let report_diags = {
        let host = host.clone();
        move |source: &str, diags: Vec<Diagnostic>| {
            if !diags.is_empty() {
                host.emit_json(
                    "error",
                    &serde_json::json!({"kind": "invalid-rows", "source": source, "diagnostics": diags}),
                );
            }
        }
    };

    {
        let host = host.clone();
        let report_diags = report_diags.clone();
        let (inline_programme, inline_apps, inline_reviews) = config
            .inline_data
            .as_deref()
            .map(split_inline)
            .unwrap_or_default();
        leptos::task::spawn_local(async move {
            let get = async |inline: Option<String>,
                             url: Option<String>|
                   -> Result<Option<String>, String> {
                match (inline, url) {
                    (Some(t), _) => Ok(Some(t)),
                    (None, Some(u)) => fetch_text(&u).await.map(Some),
                    (None, None) => Ok(None),
                }
            };
            let programme_text = match get(inline_programme, options.programme_src.clone()).await {
                Ok(t) => t.unwrap_or_else(|| {
                    options
                        .programme
                        .clone()
                        .unwrap_or_else(|| DEFAULT_PROGRAMME.to_owned())
                }),
                Err(e) => {
                    stage.set(Stage::Failed);
                    host.emit_json("error", &serde_json::json!({"kind": "load", "message": e}));
                    return;
                }
            };
            let (p, pd) = resolve_programme(&programme_text);
            report_diags("programme", pd);
            let Some(p) = p else {
                stage.set(Stage::Failed);
                host.emit_json(
                    "error",
                    &serde_json::json!({"kind": "load", "message": "invalid programme"}),
                );
                return;
            };
            programme.set(Some(p));
            reset();
            let apps = get(inline_apps, options.applications_src.clone()).await;
            let revs = get(inline_reviews, options.reviews_src.clone()).await;
            match (apps, revs) {
                (Ok(a), Ok(r)) => {
                    if let Some(a) = a {
                        let (list, d) = parse_applications(&a).into_parts();
                        report_diags("applications", d.clone());
                        app_diags.set(d);
                        applications.set(list);
                    }
                    if let Some(r) = r {
                        let (list, d) = parse_reviews(&r).into_parts();
                        report_diags("reviews", d.clone());
                        review_diags.set(d);
                        reviews.set(list);
                    }
                    stage.set(Stage::Ready);
                    host.emit_json(
                        "ready",
                        &serde_json::json!({
                            "widget": "review-board",
                            "applications": applications.with_untracked(Vec::len),
                            "reviews": reviews.with_untracked(Vec::len),
                        }),
                    );
                }
                (Err(e), _) | (_, Err(e)) => {
                    stage.set(Stage::Failed);
                    host.emit_json("error", &serde_json::json!({"kind": "load", "message": e}));
                }
            }
        });
    }

    let score_options = Memo::new(move |_| ScoreOptions {
        method: method.get(),
        weights: weights.get(),
        max_selected: Some(max_selected.get()),
        quotas: Some(quotas.get()),
        conflicts: conflicts.get(),
        ..ScoreOptions::default()
    });
    let report = Memo::new(move |_| {
        let p = programme.get()?;
        Some(evaluate(
            &p,
            &applications.get(),
            reviews.get(),
            &score_options.get(),
        ))
    });
    // The same options as the ranking, so the stability speaks of the selection on screen.
    let rank_stability = Memo::new(move |_| {
        let p = programme.get()?;
        (stage.get() == Stage::Ready).then(|| {
            kiertokit::scoring::stability(
                &p,
                &applications.get(),
                &reviews.get(),
                &score_options.get(),
            )
        })
    });
    let applicant_name = move |id: &str| {
        let blind = programme.with(|p| {
            p.as_ref()
                .is_some_and(|p| reviewers::organisation_hidden(p, unblind.get()))
        });
        if blind {
            hidden.to_owned()
        } else {
            applications.with(|a| {
                a.iter()
                    .find(|x| x.id == id)
                    .map(|x| x.organisation.clone())
                    .unwrap_or_default()
            })
        }
    };

    // Diagnostics raised while evaluating (unknown application, n/a not allowed…) join the notice.
    let all_diags = Memo::new(move |_| {
        let mut d = app_diags.get();
        d.extend(review_diags.get());
        if let Some(r) = report.get() {
            d.extend(r.diagnostics.into_iter().filter(|x| x.row > 0));
        }
        d
    });

    let announced = RwSignal::new(String::new());
    let generation = StoredValue::new(0u64);
    {
        let host = host.clone();
        Effect::new(move |previous: Option<Vec<String>>| {
            let text = match (stage.get(), report.get()) {
                (Stage::Loading, _) => s.loading.to_owned(),
                (Stage::Failed, _) => s.load_failed.to_owned(),
                (Stage::Ready, Some(r)) => fill(
                    s.status,
                    &[
                        ("{n}", r.selection.selected.len().to_string()),
                        ("{max}", r.selection.max_selected.to_string()),
                        ("{e}", r.ranking.len().to_string()),
                    ],
                ),
                (Stage::Ready, None) => String::new(),
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
            let selected = report
                .with(|r| r.as_ref().map(|r| r.selection.selected.clone()))
                .unwrap_or_default();
            if stage.get_untracked() == Stage::Ready
                && previous.as_ref().is_some_and(|p| *p != selected)
            {
                host.emit_json(
                    "change",
                    &serde_json::json!({"widget": "review-board", "selected": selected}),
                );
            }
            selected
        });
    }

    let file_input = {
        let report_diags = report_diags.clone();
        move |reviews_file: bool| {
            let report_diags = report_diags.clone();
            move |ev: leptos::ev::Event| {
                let Some(input) = ev
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                else {
                    return;
                };
                let report_diags = report_diags.clone();
                leptos::task::spawn_local(async move {
                    let Some(result) = read_chosen_file(input).await else {
                        return;
                    };
                    match result {
                        Ok((_, text)) => {
                            if reviews_file {
                                let (list, d) = parse_reviews(&text).into_parts();
                                report_diags("reviews", d.clone());
                                review_diags.set(d);
                                reviews.set(list);
                            } else {
                                let (list, d) = parse_applications(&text).into_parts();
                                report_diags("applications", d.clone());
                                app_diags.set(d);
                                applications.set(list);
                            }
                            stage.set(Stage::Ready);
                        }
                        Err(e) => report_diags(
                            "file",
                            vec![Diagnostic::error(0, "", Code::FileUnreadable, e)],
                        ),
                    }
                });
            }
        }
    };

    let export_status = RwSignal::new(String::new());
    let export = {
        let host = host.clone();
        move |explanations: bool| {
            let (Some(p), Some(mut r)) = (programme.get_untracked(), report.get_untracked()) else {
                return;
            };
            // Blind fields stay out of the files too until staff unblind them.
            if reviewers::organisation_hidden(&p, unblind.get_untracked()) {
                for x in &mut r.explanations {
                    x.organisation.clear();
                }
            }
            let (name, text) = if explanations {
                (
                    format!("{}-explanations.csv", p.id),
                    explanations_csv(s, lang, &p, &r),
                )
            } else {
                (
                    format!("{}-shortlist.csv", p.id),
                    shortlist_csv(s, lang, &p, &r),
                )
            };
            match download(&name, "text/csv;charset=utf-8", &text) {
                Ok(()) => export_status.set(s.exported.to_owned()),
                Err(_) => host.emit_json(
                    "error",
                    &serde_json::json!({"kind": "export", "message": "download failed"}),
                ),
            }
        }
    };
    let export_short = export.clone();

    let settings = move || {
        let p = programme.get()?;
        Some(view! {
            <fieldset class="kt-fieldset">
                <legend>{s.settings_legend}</legend>
                <div class="kt-rb-grid">
                    <div class="kt-field">
                        <label for="kt-rb-max">{s.max_selected}</label>
                        <input id="kt-rb-max" class="kt-input" type="number" min="1" step="1" inputmode="numeric"
                            aria-describedby="kt-rb-max-hint"
                            prop:value=move || { revision.get(); max_selected.get_untracked().to_string() }
                            on:input=move |ev| if let Some(n) = parse_number(&event_target_value(&ev)).filter(|n| *n >= 1.0 && *n <= 10_000.0) {
                                max_selected.set(n as usize);
                            } />
                        <p class="kt-hint" id="kt-rb-max-hint">{match p.max_selected_basis {
                            Some(Basis::Staff) => s.max_hint_staff,
                            Some(Basis::Call) => s.max_hint_call,
                            None => s.max_hint_own,
                        }.replace("{n}", &p.max_selected.to_string())}</p>
                    </div>
                    <div class="kt-field">
                        <label for="kt-rb-method">{s.method}</label>
                        <select id="kt-rb-method" class="kt-select"
                            on:change=move |ev| method.set(if event_target_value(&ev) == "topsis" { Method::Topsis } else { Method::WeightedSum })>
                            <option value="weightedSum" selected=move || method.get() == Method::WeightedSum>{s.weighted_sum}</option>
                            <option value="topsis" selected=move || method.get() == Method::Topsis>{s.topsis}</option>
                        </select>
                    </div>
                </div>
                <fieldset class="kt-fieldset">
                    <legend>{s.weights_legend}</legend>
                    <div class="kt-rb-grid">
                    {p.criteria.iter().map(|c| {
                        let id = format!("kt-rb-w-{}", c.id);
                        let hint = format!("{id}-hint");
                        let (c1, c2) = (c.id.clone(), c.id.clone());
                        let (name, name_lang) = text_in(&c.name, lang);
                        view! {
                            <div class="kt-field">
                                <label for=id.clone() lang=name_lang>{name}</label>
                                <input id=id class="kt-input" type="number" min="0" step="0.05" inputmode="decimal"
                                    aria-describedby=hint.clone()
                                    prop:value=move || { revision.get(); weights.with_untracked(|w| w.get(&c1).map(|x| x.to_string()).unwrap_or_default()) }
                                    on:input=move |ev| if let Some(x) = parse_number(&event_target_value(&ev)).filter(|x| *x >= 0.0) {
                                        weights.update(|w| { w.insert(c2.clone(), x); });
                                    } />
                                <p class="kt-hint" id=hint>{if c.weight_basis == Some(Basis::Staff) { s.weight_hint_staff } else { s.weight_hint }.replace("{w}", &number(c.weight, 2, lang))}</p>
                            </div>
                        }
                    }).collect_view()}
                    </div>
                </fieldset>
                {(!p.quotas.is_empty()).then(|| view! {
                    <fieldset class="kt-fieldset">
                        <legend>{s.quotas_legend}</legend>
                        {p.quotas.iter().enumerate().map(|(i, q)| {
                            let (label, label_lang) = match text_in(&q.text, lang) {
                                (text, _) if text.is_empty() => (q.id.clone(), None),
                                label => label,
                            };
                            let bound = move |min: bool| {
                                let id = format!("kt-rb-q{i}-{}", if min { "min" } else { "max" });
                                view! {
                                    <div class="kt-field kt-rb-bound">
                                        <label for=id.clone()>{if min { s.quota_min } else { s.quota_max }}</label>
                                        <input id=id class="kt-input" type="number" min="0" step="1" inputmode="numeric"
                                            prop:value=move || {
                                                revision.get();
                                                quotas.with_untracked(|qs| qs.get(i).and_then(|q| if min { q.min } else { q.max }).map(|n| n.to_string()).unwrap_or_default())
                                            }
                                            on:input=move |ev| {
                                                let v = event_target_value(&ev);
                                                let n = if v.trim().is_empty() { Some(None) } else { parse_number(&v).filter(|n| *n >= 0.0).map(|n| Some(n as usize)) };
                                                if let Some(n) = n {
                                                    quotas.update(|qs| if let Some(q) = qs.get_mut(i) {
                                                        if min { q.min = n } else { q.max = n }
                                                        // A quota with neither bound is meaningless; keep a zero floor instead.
                                                        if q.min.is_none() && q.max.is_none() { q.min = Some(0) }
                                                    });
                                                }
                                            } />
                                    </div>
                                }
                            };
                            view! {
                                <fieldset class="kt-fieldset kt-row">
                                    <legend lang=label_lang>{label}</legend>
                                    <div class="kt-rb-grid">{bound(true)}{bound(false)}</div>
                                </fieldset>
                            }
                        }).collect_view()}
                    </fieldset>
                })}
                <button type="button" class="kt-button kt-secondary" on:click=move |_| reset()>{s.reset}</button>
            </fieldset>
        })
    };

    let tables = move || {
        let (Some(p), Some(r)) = (programme.get(), report.get()) else {
            return None;
        };
        let explanation = |id: &str| r.explanations.iter().find(|x| x.application == id).cloned();
        let crit_cols = p
            .criteria
            .iter()
            .map(|c| {
                let (name, name_lang) = text_in(&c.name, lang);
                view! { <th scope="col" lang=name_lang>{name}</th> }
            })
            .collect_view();
        let rows = r
            .ranking
            .iter()
            .map(|e| {
                let ex = explanation(&e.application);
                let org = if reviewers::organisation_hidden(&p, unblind.get()) {
                    hidden.to_owned()
                } else {
                    ex.as_ref().map(|x| x.organisation.clone()).unwrap_or_default()
                };
                let scores = p
                    .criteria
                    .iter()
                    .map(|c| {
                        let v = ex
                            .as_ref()
                            .and_then(|x| x.criterion_scores.iter().find(|cs| cs.criterion == c.id))
                            .and_then(|cs| cs.score)
                            .map_or_else(|| s.no_value.to_owned(), |v| number(v, 2, lang));
                        view! { <td class="kt-num">{v}</td> }
                    })
                    .collect_view();
                let flags = r
                    .disagreements
                    .iter()
                    .filter(|d| d.application == e.application)
                    .enumerate()
                    .map(|(i, d)| {
                        let name = p.criterion(&d.criterion);
                        let name = name.map_or_else(|| (d.criterion.clone(), None), |c| text_in(&c.name, lang));
                        view! { {if i == 0 { " " } else { ", " }} {tagged(name)} }
                    })
                    .collect::<Vec<_>>();
                let lottery = ex.as_ref().is_some_and(|x| x.decided_by_lottery);
                let flagged = !flags.is_empty();
                let notes = view! {
                    {flagged.then(|| view! { {s.disagreement} {flags} })}
                    {lottery.then(|| view! { {if flagged { ". " } else { "" }} {s.lottery} })}
                };
                let (reason, reason_lang) =
                    ex.as_ref().map(|x| text_in(&x.reason, lang)).unwrap_or_default();
                let row_class = if e.selected { "kt-rb-selected" } else { "" };
                view! {
                    <tr class=row_class data-application=e.application.clone()>
                        <td class="kt-num">{e.rank}</td>
                        <th scope="row">{org} <span class="kt-hint">" (" {e.application.clone()} ")"</span></th>
                        {scores}
                        <td class="kt-num">{number(e.score, 2, lang)}</td>
                        <td><strong>{if e.selected { s.selected } else { s.not_selected }}</strong><br/><span class="kt-hint" lang=reason_lang>{reason}</span></td>
                        <td>{notes}</td>
                    </tr>
                }
            })
            .collect_view();
        let excluded: Vec<_> = r
            .explanations
            .iter()
            .filter(|x| x.rank.is_none())
            .cloned()
            .collect();
        let excluded_rows = excluded
            .iter()
            .map(|x| {
                // The rules the application failed, or the engine's reason when none failed.
                let why = match x.failed.is_empty() {
                    true => vec![text_in(&x.reason, lang)],
                    false => x.failed.iter().map(|f| text_in(&f.text, lang)).collect(),
                };
                let why = why
                    .into_iter()
                    .enumerate()
                    .map(|(i, t)| view! { {(i > 0).then_some(" ")} {tagged(t)} })
                    .collect_view();
                let org = if reviewers::organisation_hidden(&p, unblind.get()) {
                    hidden.to_owned()
                } else {
                    x.organisation.clone()
                };
                view! {
                    <tr data-application=x.application.clone()>
                        <th scope="row">{org} <span class="kt-hint">" (" {x.application.clone()} ")"</span></th>
                        <td>{why}</td>
                    </tr>
                }
            })
            .collect_view();
        let alpha =
            |a: Option<f64>| a.map_or_else(|| s.no_value.to_owned(), |v| number(v, 3, lang));
        let per_criterion = r
            .agreement
            .per_criterion
            .iter()
            .map(|c| {
                let name = p.criterion(&c.criterion);
                let (name, name_lang) =
                    name.map_or_else(|| (c.criterion.clone(), None), |x| text_in(&x.name, lang));
                view! {
                    <tr>
                        <th scope="row" lang=name_lang>{name}</th>
                        <td class="kt-num">{alpha(c.interval)}</td>
                        <td class="kt-num">{alpha(c.ordinal)}</td>
                        <td>{if c.interval.is_none() { s.no_value } else if c.low { s.low } else { s.adequate }}</td>
                    </tr>
                }
            })
            .collect_view();
        let overall = format!(
            "{} {}{}",
            s.alpha_intro,
            alpha(r.agreement.interval),
            if r.agreement.low {
                format!(" – {}", s.low.to_lowercase())
            } else {
                String::new()
            }
        );
        let given_up = (r.selection.score_given_up > 1e-9)
            .then(|| view! { <p>{s.given_up.replace("{x}", &number(r.selection.score_given_up, 2, lang))}</p> });
        let unmet = (!r.selection.unmet_floors.is_empty()).then(|| {
            // The quota's own text, never its internal id.
            let (open, close) = crate::i18n::quote_marks(lang);
            let names = r
                .selection
                .unmet_floors
                .iter()
                .enumerate()
                .map(|(i, id)| {
                    let name = p
                        .quotas
                        .iter()
                        .find(|q| &q.id == id)
                        .map(|q| text_in(&q.text, lang))
                        .filter(|(t, _)| !t.is_empty());
                    let marks = if name.is_some() {
                        (open, close)
                    } else {
                        ("", "")
                    };
                    let name = name.unwrap_or_else(|| (id.clone(), None));
                    view! { {(i > 0).then_some(", ")} {marks.0} {tagged(name)} {marks.1} }
                })
                .collect_view();
            view! { <p class="kt-notice">{filled(s.unmet, "{q}", names)}</p> }
        });
        Some(view! {
            <div class="kt-table-wrap" role="region" aria-labelledby="kt-rb-ranking-caption" tabindex="0">
                <table class="kt-table kt-rb-ranking">
                    <caption id="kt-rb-ranking-caption">{s.ranking_caption}</caption>
                    <thead><tr>
                        <th scope="col">{s.rank}</th>
                        <th scope="col">{s.applicant}</th>
                        {crit_cols}
                        <th scope="col">{s.score}</th>
                        <th scope="col">{s.decision}</th>
                        <th scope="col">{s.notes}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            {given_up}
            {unmet}
            {(!excluded.is_empty()).then(|| view! {
                <div class="kt-table-wrap" role="region" aria-labelledby="kt-rb-excluded-caption" tabindex="0">
                    <table class="kt-table kt-rb-excluded">
                        <caption id="kt-rb-excluded-caption">{s.excluded_caption}</caption>
                        <thead><tr><th scope="col">{s.applicant}</th><th scope="col">{s.reason}</th></tr></thead>
                        <tbody>{excluded_rows}</tbody>
                    </table>
                </div>
            })}
            <h3 class="kt-subheading">{s.agreement_heading}</h3>
            <p class="kt-rb-alpha">{overall}</p>
            <div class="kt-table-wrap" role="region" aria-labelledby="kt-rb-alpha-caption" tabindex="0">
                <table class="kt-table kt-rb-agreement">
                    <caption id="kt-rb-alpha-caption">{s.alpha_caption}</caption>
                    <thead><tr>
                        <th scope="col">{s.criterion}</th>
                        <th scope="col">{s.interval}</th>
                        <th scope="col">{s.ordinal}</th>
                        <th scope="col">{s.assessment}</th>
                    </tr></thead>
                    <tbody>{per_criterion}</tbody>
                </table>
            </div>
        })
    };

    let on_apps = file_input(false);
    let on_reviews = file_input(true);
    view! {
        <section class="kt-review-board" lang=lang.tag() aria-labelledby="kt-rb-heading">
            <h2 class="kt-heading" id="kt-rb-heading">{s.heading}</h2>
            <p>{s.intro}</p>
            <p class="kt-rb-programme">
                <strong>{s.programme} ": "</strong>
                {move || programme.with(|p| p.as_ref().map(|p| text_view(&p.name, lang)))}
            </p>
            <fieldset class="kt-fieldset">
                <legend>{s.data_legend}</legend>
                <div class="kt-rb-grid">
                    <div class="kt-field">
                        <label for="kt-rb-apps">{s.applications_file}</label>
                        <input id="kt-rb-apps" class="kt-input" type="file" accept=".json,application/json" on:change=on_apps />
                    </div>
                    <div class="kt-field">
                        <label for="kt-rb-reviews">{s.reviews_file}</label>
                        <input id="kt-rb-reviews" class="kt-input" type="file" accept=".csv,.json,text/csv,application/json"
                            aria-describedby="kt-rb-files-hint" on:change=on_reviews />
                    </div>
                </div>
                <p class="kt-hint" id="kt-rb-files-hint">{s.files_hint}</p>
                <p class="kt-rb-loaded">{move || (stage.get() == Stage::Ready).then(|| fill(s.loaded, &[
                    ("{a}", applications.with(Vec::len).to_string()),
                    ("{r}", reviews.with(Vec::len).to_string()),
                ]))}</p>
            </fieldset>
            <Show when=move || stage.get() == Stage::Failed>
                <p class="kt-error" role="alert">{s.load_failed}</p>
            </Show>
            <Show when=move || all_diags.with(|d| !d.is_empty())>
                <details class="kt-notice kt-rb-diagnostics">
                    <summary>{move || s.diagnostics.replace("{n}", &all_diags.with(Vec::len).to_string())}</summary>
                    <ul>
                        {move || all_diags.get().into_iter().map(|d| {
                            let lead = crate::i18n::diagnostic(&d, lang);
                            view! { <li>{lead}</li> }
                        }).collect_view()}
                    </ul>
                </details>
            </Show>
            {settings}
            <p class="kt-status" role="status" aria-live="polite" aria-atomic="true">{move || announced.get()}</p>
            {tables}
            {stability::section(lang, rank_stability, applicant_name)}
            <h3 class="kt-subheading">{s.export_heading}</h3>
            <div class="kt-actions">
                <button type="button" class="kt-button" on:click=move |_| export_short(false)>{s.export_shortlist}</button>
                <button type="button" class="kt-button kt-secondary" on:click=move |_| export(true)>{s.export_explanations}</button>
            </div>
            <p class="kt-hint" role="status">{move || export_status.get()}</p>
            {panel.view}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_data_splits_into_programme_applications_and_reviews() {
        let (p, a, r) = split_inline(
            r#"{"programme":"reilu-kiertotalous-2021","applications":[{"id":"a"}],"reviews":"reviewer,application,criterion,score\n"}"#,
        );
        assert_eq!(p.as_deref(), Some("reilu-kiertotalous-2021"));
        assert_eq!(a.as_deref(), Some(r#"[{"id":"a"}]"#));
        assert!(r.is_some_and(|r| r.starts_with("reviewer")));
        assert_eq!(split_inline("not json"), (None, None, None));
        assert_eq!(parse_number("0,35"), Some(0.35));
        assert_eq!(parse_number("x"), None);
    }

    #[test]
    fn explanations_csv_has_a_row_per_application_with_finnish_decimals() {
        let p = builtin(DEFAULT_PROGRAMME).expect("built in");
        let (apps, _) = parse_applications(
            r#"[{"id":"a1","organisation":"Lahden kaupunki","organisationType":"municipal-organisation",
                "answers":{"contactPerson":"M","description":"D","resultsBy":"31.3.2022"}},
               {"id":"a2","organisation":"=HYPERLINK(\"http://x\",\"Firma; Oy\")","organisationType":"company"}]"#,
        )
        .into_parts();
        let (revs, _) = parse_reviews(
            "reviewer,application,criterion,score\nR1,a1,impact,4\nR1,a1,cross-administrative,3\n",
        )
        .into_parts();
        let r = evaluate(&p, &apps, revs, &ScoreOptions::default());
        let csv = explanations_csv(strings(Lang::Fi), Lang::Fi, &p, &r);
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines.len(), 3);
        assert!(lines[1].starts_with("a1;Lahden kaupunki;kyllä;;4,00;3,00;3,500;1;Valittu;"));
        // An applicant's formula is text in the staff's spreadsheet (CSV injection).
        assert!(
            lines[2].starts_with(
                "a2;\"'=HYPERLINK(\"\"http://x\"\",\"\"Firma; Oy\"\")\";ei;org-type results-by required-fields;"
            ),
            "{}",
            lines[2]
        );
        let short = shortlist_csv(strings(Lang::En), Lang::En, &p, &r);
        assert!(short.contains("1,a1,Lahden kaupunki,3.500,"));
    }
}
