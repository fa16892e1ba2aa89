//! The applicant-side check: eligibility questions, self-ratings against the rubric, time left
//! to the deadline, and a summary to attach to the application. Nothing leaves the browser.

mod i18n;
mod solo;

use crate::host::{Config, Host};
use crate::i18n::{tagged, text_in, text_view};
use crate::shared::browser::{download, format_date, parse_ms};
use crate::shared::format::number;
use crate::shared::storage;
use i18n::{Strings, strings, term};
use kiertokit::Lang;
use kiertokit::scoring::{
    Application, Basis, Check, Now, Partner, PartnerRole, Programme, SelfCheck, SelfCheckRequest,
    TeamMember, builtin, builtin_names, parse_programme, self_check,
};
use leptos::either::{Either, EitherOf3, EitherOf9};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::time::Duration;

/// Delay before the status line is announced, so typing does not flood screen readers.
const ANNOUNCE_DELAY: Duration = Duration::from_millis(400);
/// How often the time left is refreshed.
const TICK: Duration = Duration::from_secs(30);
/// localStorage key: namespaced and versioned; a different shape is simply ignored.
const DRAFT_KEY: &str = "kiertokit:application-check:v1";
/// Organisation types offered besides the allowed ones, so applicants can say what they are.
const OTHER_TYPES: [&str; 3] = ["company", "association", "other"];
/// The `answers` key holding free-text prior work.
const OTHER_WORK: &str = "priorWorkOther";

/// Widget-specific options from `data-kt-*` attributes.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Options {
    /// `data-kt-programme`: built-in programme names (comma-separated) to offer.
    pub programme: Option<String>,
    /// `data-kt-draft`: keep the draft in this browser's localStorage.
    pub draft: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Draft {
    programme: String,
    joint: bool,
    application: Application,
    ratings: BTreeMap<String, Option<f64>>,
}

#[derive(Clone, PartialEq)]
enum Load {
    Loading,
    Ready(Vec<Programme>),
    Failed,
}

fn now_seconds() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

/// The built-ins named in `filter` (all when absent), in the order given.
fn builtins(filter: Option<&str>) -> Vec<Programme> {
    let names: Vec<String> = match filter.map(str::trim).filter(|f| !f.is_empty()) {
        Some(f) => f.split(',').map(|s| s.trim().to_owned()).collect(),
        None => builtin_names().into_iter().map(str::to_owned).collect(),
    };
    names.iter().filter_map(|n| builtin(n)).collect()
}

/// Empty team rows up to the programme's minimum, so the form shows one row per required person.
fn prepare(app: &mut Application, programme: &Programme) {
    for rule in &programme.rules {
        if let Check::Team { min_members, .. } = rule.check {
            while app.team.len() < min_members.min(20) {
                app.team.push(TeamMember::default());
            }
        }
    }
}

/// The application as the engine should see it: alone keeps only implementation partners,
/// other work included.
fn effective(app: &Application, joint: bool) -> Application {
    let mut a = app.clone();
    if !joint {
        a.partners
            .retain(|p| p.role == Some(PartnerRole::Implementation));
    }
    let other = a
        .answers
        .get(OTHER_WORK)
        .and_then(|v| v.as_str())
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned);
    if let Some(o) = other {
        a.prior_work.push(o);
    }
    a.answers.remove(OTHER_WORK);
    a.team.retain(|m| !m.name.trim().is_empty());
    a
}

/// Types offered: the call's applicant types, the common others, then its implementation types.
fn org_types(programme: &Programme) -> Vec<String> {
    let (mut allowed, mut implementing) = (Vec::new(), Vec::new());
    for r in &programme.rules {
        if let Check::OrganisationType {
            allowed: a,
            implementation_allowed: i,
        } = &r.check
        {
            allowed.extend(a.iter().cloned());
            implementing.extend(i.iter().flatten().cloned());
        }
    }
    let mut types: Vec<String> = Vec::new();
    let others = OTHER_TYPES.iter().map(|t| (*t).to_owned());
    for t in allowed.into_iter().chain(others).chain(implementing) {
        if t != "*" && !types.contains(&t) {
            types.push(t);
        }
    }
    types
}

fn label_of(code: &str, lang: Lang) -> String {
    term(code, lang).map_or_else(|| code.to_owned(), str::to_owned)
}

fn deadline_text(s: &Strings, check: &SelfCheck) -> String {
    let date = format_date(parse_ms(&check.deadline.utc), s.locale, true);
    let date = if date.is_empty() {
        check.deadline.local.clone()
    } else {
        date
    };
    if check.deadline.closed {
        s.deadline_closed.replace("{date}", &date)
    } else {
        s.deadline_open
            .replace("{left}", &s.duration(check.deadline.seconds_left))
            .replace("{date}", &date)
    }
}

fn status_text(s: &Strings, check: &SelfCheck) -> String {
    let mut parts = vec![if check.eligible {
        s.status_ok.to_owned()
    } else {
        s.status_failed
            .replace("{n}", &check.failed.len().to_string())
    }];
    if !check.weak.is_empty() {
        parts.push(s.status_weak.replace("{n}", &check.weak.len().to_string()));
    }
    if check.deadline.closed {
        parts.push(s.status_closed.to_owned());
    }
    parts.join(" ")
}

/// The summary as Markdown, in the UI language.
fn markdown(
    s: &Strings,
    lang: Lang,
    p: &Programme,
    app: &Application,
    ratings: &BTreeMap<String, Option<f64>>,
    check: &SelfCheck,
) -> String {
    let mut out = format!("# {}\n\n", s.heading);
    out += &format!(
        "- {}: {} ({}, {})\n",
        s.programme_label,
        p.name.get(lang),
        p.id,
        p.version
    );
    out += &format!("- {}: {}\n", s.organisation, app.organisation.trim());
    out += &format!(
        "- {}: {}\n\n",
        s.created,
        format_date(js_sys::Date::now(), s.locale, true)
    );
    out += &format!("## {}\n\n", s.eligibility_heading);
    if check.eligible {
        out += &format!("{}\n\n", s.eligible_yes);
    } else {
        out += &format!("{}\n\n", s.eligible_no);
        for f in &check.failed {
            out += &format!("- {} ({})\n", f.text.get(lang), f.code);
        }
        out += "\n";
    }
    out += &format!("## {}\n\n", s.rating_heading);
    for c in &p.criteria {
        let rating = match ratings.get(&c.id) {
            Some(Some(x)) => {
                let level = c.levels.iter().find(|l| f64::from(l.score) == *x);
                format!(
                    "{} / 5 – {}",
                    number(*x, 0, lang),
                    level.map_or("", |l| l.descriptor.get(lang))
                )
            }
            Some(None) => s.not_applicable.to_owned(),
            None => "–".to_owned(),
        };
        out += &format!("- {}: {rating}\n", c.name.get(lang));
    }
    if let Some(x) = check.self_score {
        out += &format!("\n{} {} / 5\n", s.self_score, number(x, 1, lang));
    }
    if !check.weak.is_empty() {
        out += &format!("\n### {}\n\n", s.weak_heading);
        for w in &check.weak {
            out += &format!("- {}", w.name.get(lang));
            if let Some(next) = &w.next_level {
                out += &format!(" – {} {}", s.aim_for, next.get(lang));
            }
            out += "\n";
        }
    }
    out += &format!(
        "\n## {}\n\n{}\n",
        s.deadline_heading,
        deadline_text(s, check)
    );
    out
}

pub fn application_check(config: Config, options: Options, host: Host) -> impl IntoView {
    let lang = config.lang();
    let s = strings(lang);
    let load = RwSignal::new(Load::Loading);
    let chosen = RwSignal::new(0usize);
    let app = RwSignal::new(Application::default());
    let joint = RwSignal::new(false);
    let ratings = RwSignal::new(BTreeMap::<String, Option<f64>>::new());
    let now = RwSignal::new(now_seconds());
    let use_draft = options.draft.is_some();

    let programme = Memo::new(move |_| match load.get() {
        Load::Ready(list) => list.get(chosen.get()).cloned(),
        _ => None,
    });

    let ready = {
        let host = host.clone();
        move |result: Result<Vec<Programme>, String>| match result {
            Ok(list) if !list.is_empty() => {
                let draft = use_draft
                    .then(|| {
                        storage::get(DRAFT_KEY).and_then(|t| serde_json::from_str::<Draft>(&t).ok())
                    })
                    .flatten();
                let mut index = 0;
                let mut a = Application::default();
                if let Some(d) = draft
                    && let Some(i) = list.iter().position(|p| p.id == d.programme)
                {
                    index = i;
                    a = d.application;
                    joint.set(d.joint);
                    ratings.set(d.ratings);
                }
                if let Some(p) = list.get(index) {
                    prepare(&mut a, p);
                }
                app.set(a);
                chosen.set(index);
                let ids: Vec<String> = list.iter().map(|p| p.id.clone()).collect();
                load.set(Load::Ready(list));
                host.emit_json(
                    "ready",
                    &serde_json::json!({"widget": "application-check", "programmes": ids}),
                );
            }
            Ok(_) => {
                load.set(Load::Failed);
                host.emit_json(
                    "error",
                    &serde_json::json!({"kind": "load", "message": "no usable programme"}),
                );
            }
            Err(message) => {
                load.set(Load::Failed);
                host.emit_json(
                    "error",
                    &serde_json::json!({"kind": "load", "message": message}),
                );
            }
        }
    };
    let parse_one = {
        let host = host.clone();
        move |text: &str| -> Result<Vec<Programme>, String> {
            let (p, diagnostics) = parse_programme(text).into_parts();
            if !diagnostics.is_empty() {
                host.emit_json(
                    "error",
                    &serde_json::json!({"kind": "programme", "diagnostics": diagnostics}),
                );
            }
            p.map(|p| vec![p])
                .ok_or_else(|| "invalid programme".to_owned())
        }
    };
    if let Some(text) = config.inline_data.as_deref() {
        ready(parse_one(text));
    } else if let Some(url) = config.src.clone() {
        let host = host.clone();
        leptos::task::spawn_local(async move {
            let result = host.fetch_src(&url).await.and_then(|t| parse_one(&t));
            ready(result);
        });
    } else {
        ready(Ok(builtins(options.programme.as_deref())));
    }

    // The clock ticks so the time left stays true while the form is open.
    if let Ok(handle) = set_interval_with_handle(move || now.set(now_seconds()), TICK) {
        on_cleanup(move || handle.clear());
    }

    let check = Memo::new(move |_| {
        let p = programme.get()?;
        let req = SelfCheckRequest {
            application: effective(&app.get(), joint.get()),
            ratings: ratings.get(),
            now: Now::Seconds(now.get()),
            weak_below: None,
        };
        self_check(&p, &req).ok()
    });

    // Announce one concise line per pause; the detailed lists below are not live.
    let announced = RwSignal::new(String::new());
    let generation = StoredValue::new(0u64);
    Effect::new(move |_| {
        let text = check.with(|c| c.as_ref().map(|c| status_text(s, c)).unwrap_or_default());
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

    // The draft follows every keystroke, not just changes in the result.
    if use_draft {
        Effect::new(move |_| {
            let Some(p) = programme.get() else { return };
            let draft = Draft {
                programme: p.id,
                joint: joint.get(),
                application: app.get(),
                ratings: ratings.get(),
            };
            if let Ok(text) = serde_json::to_string(&draft) {
                storage::set(DRAFT_KEY, &text);
            }
        });
    }

    // kt:change whenever the result changes, after the first render.
    {
        let host = host.clone();
        Effect::new(move |previous: Option<()>| {
            let Some(c) = check.get() else { return };
            if previous.is_some() {
                host.emit_json(
                    "change",
                    &serde_json::json!({
                        "widget": "application-check",
                        "programme": c.programme,
                        "eligible": c.eligible,
                        "failed": c.failed.iter().map(|f| f.code.clone()).collect::<Vec<_>>(),
                        "weak": c.weak.iter().map(|w| w.criterion.clone()).collect::<Vec<_>>(),
                        "selfScore": c.self_score,
                        "closed": c.deadline.closed,
                    }),
                );
            }
        });
    }

    let export_status = RwSignal::new(String::new());
    let export = {
        let host = host.clone();
        move |json: bool| {
            let (Some(p), Some(c)) = (programme.get_untracked(), check.get_untracked()) else {
                return;
            };
            let a = effective(&app.get_untracked(), joint.get_untracked());
            let r: BTreeMap<String, Option<f64>> = ratings
                .get_untracked()
                .into_iter()
                .filter(|(k, _)| p.criterion(k).is_some())
                .collect();
            let (name, mime, text) = if json {
                let doc = serde_json::json!({
                    "format": "kiertokit.application-check/1",
                    "programme": p.id, "version": p.version,
                    "createdAt": String::from(js_sys::Date::new_0().to_iso_string()),
                    "application": a, "ratings": r, "result": c,
                });
                let text = serde_json::to_string_pretty(&doc).unwrap_or_default();
                (format!("{}-summary.json", p.id), "application/json", text)
            } else {
                let text = markdown(s, lang, &p, &a, &r, &c);
                (
                    format!("{}-summary.md", p.id),
                    "text/markdown;charset=utf-8",
                    text,
                )
            };
            match download(&name, mime, &text) {
                Ok(()) => export_status.set(s.exported.to_owned()),
                Err(_) => host.emit_json(
                    "error",
                    &serde_json::json!({"kind": "export", "message": "download failed"}),
                ),
            }
        }
    };
    let export_md = export.clone();

    let clear = move |_| {
        storage::remove(DRAFT_KEY);
        let mut a = Application::default();
        if let Some(p) = programme.get_untracked() {
            prepare(&mut a, &p);
        }
        app.set(a);
        joint.set(false);
        ratings.set(BTreeMap::new());
        export_status.set(s.cleared.to_owned());
    };

    let choose_programme = move |ev: leptos::ev::Event| {
        let i: usize = event_target_value(&ev).parse().unwrap_or(0);
        chosen.set(i);
        if let Some(p) = programme.get_untracked() {
            app.update(|a| prepare(a, &p));
        }
    };

    let programme_picker = move || {
        match load.get() {
        Load::Ready(list) if list.len() > 1 => view! {
            <div class="kt-field">
                <label for="kt-ac-programme">{s.programme_label}</label>
                <select id="kt-ac-programme" class="kt-select" on:change=choose_programme
                    prop:value=move || chosen.get().to_string()>
                    {list.iter().enumerate().map(|(i, p)| {
                        let (name, name_lang) = text_in(&p.name, lang);
                        view! { <option value=i.to_string() lang=name_lang selected=move || chosen.get() == i>{name}</option> }
                    }).collect_view()}
                </select>
            </div>
        }
        .into_any(),
        Load::Ready(list) => view! {
            <p class="kt-ac-programme"><strong>{s.programme_label} ": "</strong>
                {list.first().map(|p| text_view(&p.name, lang))}</p>
        }
        .into_any(),
        Load::Loading => ().into_any(),
        Load::Failed => view! { <p class="kt-error" role="alert">{s.load_failed}</p> }.into_any(),
    }
    };

    let form = move || {
        let Some(p) = programme.get() else {
            return ().into_any();
        };
        let total_weight: f64 = p.criteria.iter().map(|c| c.weight.max(0.0)).sum();
        let (description, description_lang) = text_in(&p.description, lang);
        view! {
            <p class="kt-hint" lang=description_lang>{description}</p>
            <form class="kt-ac-form" on:submit=|ev| ev.prevent_default()>
                <h3 class="kt-subheading">{s.eligibility_heading}</h3>
                <div class="kt-field">
                    <label for="kt-ac-org">{s.organisation_name}</label>
                    <input id="kt-ac-org" class="kt-input" type="text" autocomplete="organization"
                        prop:value=move || app.with(|a| a.organisation.clone())
                        on:input=move |ev| app.update(|a| a.organisation = event_target_value(&ev)) />
                </div>
                {p.rules.iter().map(|r| view! {
                    {rule_view(r, &p, s, lang, app, joint)}
                    {(r.basis == Some(Basis::Staff)).then(|| view! { <p class="kt-hint kt-staff">{s.staff_rule}</p> })}
                    {quote_view(r, s, lang)}
                }).collect_view()}
                <h3 class="kt-subheading">{s.rating_heading}</h3>
                <p class="kt-hint">{s.rating_hint}</p>
                {p.criteria.iter().map(|c| {
                    let id = c.id.clone();
                    let share = if total_weight > 0.0 { c.weight.max(0.0) / total_weight * 100.0 } else { 0.0 };
                    let mut weight = s.weight.replace("{w}", &number(share, 0, lang));
                    if c.weight_basis == Some(Basis::Staff) {
                        weight = format!("{weight} ({})", s.staff_setting);
                    }
                    let desc_id = format!("kt-ac-c-{}-desc", c.id);
                    let (description, description_lang) = text_in(&c.description, lang);
                    let desc_ref = desc_id.clone();
                    let levels = c.levels.iter().map(|l| {
                        let (id1, id2) = (id.clone(), id.clone());
                        let score = f64::from(l.score);
                        view! {
                            <label class="kt-choice">
                                <input type="radio" name=format!("kt-ac-c-{id}")
                                    value=l.score.to_string()
                                    prop:checked=move || ratings.with(|r| r.get(&id1) == Some(&Some(score)))
                                    on:change=move |_| ratings.update(|r| { r.insert(id2.clone(), Some(score)); }) />
                                <span class="kt-level"><strong>{l.score}</strong> " – " {text_view(&l.descriptor, lang)}</span>
                            </label>
                        }
                    }).collect_view();
                    let na = c.allow_na.then(|| {
                        let (id1, id2) = (id.clone(), id.clone());
                        view! {
                            <label class="kt-choice">
                                <input type="radio" name=format!("kt-ac-c-{id}") value="na"
                                    prop:checked=move || ratings.with(|r| r.get(&id1) == Some(&None))
                                    on:change=move |_| ratings.update(|r| { r.insert(id2.clone(), None); }) />
                                <span class="kt-level">{s.not_applicable}</span>
                            </label>
                        }
                    });
                    view! {
                        <fieldset class="kt-fieldset" aria-describedby=desc_ref>
                            <legend>{text_view(&c.name, lang)} " (" {weight} ")"</legend>
                            <p class="kt-hint" id=desc_id lang=description_lang>{description}</p>
                            {levels}
                            {na}
                        </fieldset>
                    }
                }).collect_view()}
            </form>
        }
        .into_any()
    };

    let summary = move || {
        let Some(c) = check.get() else {
            return ().into_any();
        };
        let failed = c
            .failed
            .iter()
            .map(|f| {
                let (text, text_lang) = text_in(&f.text, lang);
                view! { <li lang=text_lang>{text}</li> }
            })
            .collect_view();
        let weak = c
            .weak
            .iter()
            .map(|w| {
                let what = match w.rating {
                    Some(x) => {
                        let x = number(x, 0, lang);
                        Either::Left(view! { {x} " / 5 – " {text_view(&w.descriptor, lang)} })
                    }
                    None => Either::Right(s.na_not_allowed),
                };
                let next = w
                    .next_level
                    .as_ref()
                    .map(|n| view! { <br/><span>{s.aim_for} " " {text_view(n, lang)}</span> });
                let (name, name_lang) = text_in(&w.name, lang);
                view! { <li><strong lang=name_lang>{name}</strong> ": " {what} {next}</li> }
            })
            .collect_view();
        let p = programme.get();
        let unrated = c
            .unrated
            .iter()
            .enumerate()
            .map(|(i, id)| {
                let name = p.as_ref().and_then(|p| p.criterion(id));
                let name = name.map_or_else(|| (id.clone(), None), |cr| text_in(&cr.name, lang));
                view! { {(i > 0).then_some(", ")} {tagged(name)} }
            })
            .collect_view();
        let verdict_class = if c.eligible {
            "kt-verdict kt-ok"
        } else {
            "kt-verdict kt-bad"
        };
        let deadline_class = if c.deadline.closed {
            "kt-verdict kt-bad"
        } else {
            "kt-verdict"
        };
        view! {
            <div class=verdict_class>
                <p class="kt-ac-eligibility">
                    <span aria-hidden="true">{if c.eligible { "✓ " } else { "✗ " }}</span>
                    {if c.eligible { s.eligible_yes } else { s.eligible_no }}
                </p>
                {(!c.eligible).then(|| view! { <ul class="kt-ac-failed">{failed}</ul> })}
            </div>
            <h4 class="kt-minor">{s.weak_heading}</h4>
            {if !c.weak.is_empty() {
                EitherOf3::A(view! { <ul class="kt-ac-weak">{weak}</ul> })
            } else if c.unrated.is_empty() {
                EitherOf3::B(view! { <p>{s.weak_none}</p> })
            } else {
                EitherOf3::C(())
            }}
            {(!c.unrated.is_empty()).then(|| view! { <p class="kt-ac-unrated">{s.unrated} " " {unrated}</p> })}
            {c.self_score.map(|x| view! { <p class="kt-ac-score">{s.self_score} " " {number(x, 1, lang)} " / 5"</p> })}
            <h4 class="kt-minor">{s.deadline_heading}</h4>
            <p class=deadline_class><span class="kt-ac-deadline">{deadline_text(s, &c)}</span></p>
        }
        .into_any()
    };

    view! {
        <section class="kt-application-check" lang=lang.tag() aria-labelledby="kt-ac-heading">
            <h2 class="kt-heading" id="kt-ac-heading">{s.heading}</h2>
            <p>{s.intro}</p>
            {programme_picker}
            <div class="kt-ac-layout">
                <div class="kt-ac-main">{form}</div>
                <aside class="kt-ac-summary" aria-labelledby="kt-ac-results">
                    <h3 class="kt-subheading" id="kt-ac-results">{s.results_heading}</h3>
                    <p class="kt-status" role="status" aria-live="polite" aria-atomic="true">
                        {move || announced.get()}
                    </p>
                    {summary}
                    <h4 class="kt-minor">{s.export_heading}</h4>
                    <p class="kt-hint">{s.export_hint}</p>
                    <div class="kt-actions">
                        <button type="button" class="kt-button" on:click=move |_| export_md(false)>{s.export_md}</button>
                        <button type="button" class="kt-button kt-secondary" on:click=move |_| export(true)>{s.export_json}</button>
                    </div>
                    {use_draft.then(|| view! {
                        <p class="kt-hint">{s.draft_hint}</p>
                        <button type="button" class="kt-button kt-secondary" on:click=clear>{s.clear}</button>
                    })}
                    <p class="kt-hint" role="status">{move || export_status.get()}</p>
                </aside>
            </div>
        </section>
    }
}

/// Moves focus to `selector` inside the form of `ev` once the new row has rendered.
fn focus_later(ev: &leptos::ev::MouseEvent, selector: String) {
    use wasm_bindgen::JsCast;
    let form = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|e| e.closest(".kt-ac-form").ok().flatten());
    crate::shared::focus::focus_in(move || form.clone(), selector);
}

/// One eligibility question, shaped by what its rule checks.
fn rule_view(
    rule: &kiertokit::scoring::Rule,
    p: &Programme,
    s: &'static Strings,
    lang: Lang,
    app: RwSignal<Application>,
    joint: RwSignal<bool>,
) -> impl IntoView + use<> {
    let (question, question_lang) = text_in(&rule.question, lang);
    let code = rule.code.clone();
    match &rule.check {
        Check::OrganisationType { .. } => {
            let types = org_types(p);
            EitherOf9::A(view! {
                <fieldset class="kt-fieldset">
                    <legend lang=question_lang>{question}</legend>
                    {types.into_iter().map(|t| {
                        let (t1, t2) = (t.clone(), t.clone());
                        view! {
                            <label class="kt-choice">
                                <input type="radio" name=format!("kt-ac-{code}") value=t.clone()
                                    prop:checked=move || app.with(|a| a.organisation_type == t1)
                                    on:change=move |_| app.update(|a| a.organisation_type = t2.clone()) />
                                <span>{label_of(&t, lang)}</span>
                            </label>
                        }
                    }).collect_view()}
                </fieldset>
            })
        }
        Check::Joint {
            allowed,
            max_partners,
        } => {
            let types = org_types(p);
            let max = max_partners.unwrap_or(10).min(10);
            // The call lets others implement without applying: ask each partner's role.
            let implementing = p.rules.iter().any(|r| {
                matches!(
                    &r.check,
                    Check::OrganisationType {
                        implementation_allowed: Some(_),
                        ..
                    }
                )
            });
            let allowed = *allowed;
            EitherOf9::B(view! {
                <fieldset class="kt-fieldset">
                    <legend lang=question_lang>{question}</legend>
                    <label class="kt-choice">
                        <input type="radio" name=format!("kt-ac-{code}") value="alone"
                            prop:checked=move || !joint.get() on:change=move |_| joint.set(false) />
                        <span>{s.alone}</span>
                    </label>
                    <label class="kt-choice">
                        <input type="radio" name=format!("kt-ac-{code}") value="joint"
                            prop:checked=move || joint.get()
                            on:change=move |_| {
                                joint.set(true);
                                app.update(|a| if a.partners.is_empty() { a.partners.push(Partner::default()) });
                            } />
                        <span>{s.jointly}</span>
                    </label>
                    <Show when=move || joint.get() && allowed>
                        <For each=move || 0..app.with(|a| a.partners.len()) key=|i| *i
                            children={
                                let types = types.clone();
                                move |i| {
                                    let n = (i + 1).to_string();
                                    let types = types.clone();
                                    view! {
                                        <fieldset class="kt-fieldset kt-row">
                                            <legend>{s.partner.replace("{n}", &n)}</legend>
                                            <div class="kt-field">
                                                <label for=format!("kt-ac-p{i}-name")>{s.partner_name}</label>
                                                <input id=format!("kt-ac-p{i}-name") class="kt-input" type="text"
                                                    prop:value=move || app.with(|a| a.partners.get(i).map(|p| p.organisation.clone()).unwrap_or_default())
                                                    on:input=move |ev| app.update(|a| if let Some(p) = a.partners.get_mut(i) { p.organisation = event_target_value(&ev) }) />
                                            </div>
                                            <div class="kt-field">
                                                <label for=format!("kt-ac-p{i}-type")>{s.partner_type}</label>
                                                <select id=format!("kt-ac-p{i}-type") class="kt-select"
                                                    prop:value=move || app.with(|a| a.partners.get(i).map(|p| p.organisation_type.clone()).unwrap_or_default())
                                                    on:change=move |ev| app.update(|a| if let Some(p) = a.partners.get_mut(i) { p.organisation_type = event_target_value(&ev) })>
                                                    <option value="">{s.choose}</option>
                                                    {types.iter().map(|t| {
                                                        let t1 = t.clone();
                                                        view! { <option value=t.clone()
                                                            selected=move || app.with(|a| a.partners.get(i).is_some_and(|p| p.organisation_type == t1))>{label_of(t, lang)}</option> }
                                                    }).collect_view()}
                                                </select>
                                            </div>
                                            {implementing.then(|| view! {
                                                <div class="kt-field">
                                                    <label for=format!("kt-ac-p{i}-role")>{s.partner_role}</label>
                                                    <select id=format!("kt-ac-p{i}-role") class="kt-select"
                                                        on:change=move |ev| {
                                                            let role = match event_target_value(&ev).as_str() {
                                                                "coApplicant" => Some(PartnerRole::CoApplicant),
                                                                "implementation" => Some(PartnerRole::Implementation),
                                                                _ => None,
                                                            };
                                                            app.update(|a| if let Some(p) = a.partners.get_mut(i) { p.role = role });
                                                        }>
                                                        <option value="">{s.choose}</option>
                                                        <option value="coApplicant"
                                                            selected=move || app.with(|a| a.partners.get(i).is_some_and(|p| p.role == Some(PartnerRole::CoApplicant)))>{s.co_applicant}</option>
                                                        <option value="implementation"
                                                            selected=move || app.with(|a| a.partners.get(i).is_some_and(|p| p.role == Some(PartnerRole::Implementation)))>{s.implementation_partner}</option>
                                                    </select>
                                                </div>
                                            })}
                                            <button type="button" class="kt-button kt-secondary"
                                                on:click=move |_| app.update(|a| if i < a.partners.len() { a.partners.remove(i); })>
                                                {s.remove} " – " {s.partner.replace("{n}", &n)}
                                            </button>
                                        </fieldset>
                                    }
                                }
                            } />
                        <button type="button" class="kt-button kt-secondary"
                            disabled=move || app.with(|a| a.partners.len() >= max)
                            on:click=move |ev| {
                                let n = app.with_untracked(|a| a.partners.len());
                                if n < max {
                                    app.update(|a| a.partners.push(Partner::default()));
                                    focus_later(&ev, format!("#kt-ac-p{n}-name"));
                                }
                            }>
                            {s.add_partner}
                        </button>
                    </Show>
                    {implementing.then(|| solo::partners(s, lang, app, joint, org_types(p), max))}
                </fieldset>
            })
        }
        Check::RequiredFields { fields } => {
            let fields = fields.clone();
            EitherOf9::C(view! {
                <fieldset class="kt-fieldset">
                    <legend lang=question_lang>{question}</legend>
                    {fields.into_iter().map(|f| {
                        let id = format!("kt-ac-f-{f}");
                        let label = label_of(&f, lang);
                        let long = f.to_ascii_lowercase().contains("description");
                        let (f1, f2) = (f.clone(), f.clone());
                        let value = move || app.with(|a| match f1.as_str() {
                            "organisation" => a.organisation.clone(),
                            "region" => a.region.clone().unwrap_or_default(),
                            other => a.answers.get(other).and_then(|v| v.as_str()).unwrap_or_default().to_owned(),
                        });
                        let set = move |ev: leptos::ev::Event| {
                            let v = event_target_value(&ev);
                            app.update(|a| match f2.as_str() {
                                "organisation" => a.organisation = v,
                                "region" => a.region = Some(v),
                                other => { a.answers.insert(other.to_owned(), serde_json::Value::String(v)); }
                            });
                        };
                        let input = if long {
                            Either::Left(view! { <textarea id=id.clone() class="kt-input" rows="4" prop:value=value on:input=set></textarea> })
                        } else {
                            Either::Right(view! { <input id=id.clone() class="kt-input" type="text" prop:value=value on:input=set /> })
                        };
                        view! { <div class="kt-field"><label for=id>{label}</label>{input}</div> }
                    }).collect_view()}
                </fieldset>
            })
        }
        Check::Team { min_members, .. } => {
            let hint_id = format!("kt-ac-{code}-hint");
            let hint_ref = hint_id.clone();
            EitherOf9::D(view! {
                <fieldset class="kt-fieldset" aria-describedby=hint_ref>
                    <legend lang=question_lang>{question}</legend>
                    <p class="kt-hint" id=hint_id>{s.team_hint.replace("{n}", &min_members.to_string())}</p>
                    <For each=move || 0..app.with(|a| a.team.len()) key=|i| *i
                        children=move |i| {
                            let n = (i + 1).to_string();
                            view! {
                                <fieldset class="kt-fieldset kt-row">
                                    <legend>{s.member.replace("{n}", &n)}</legend>
                                    <div class="kt-field">
                                        <label for=format!("kt-ac-m{i}-name")>{s.member_name}</label>
                                        <input id=format!("kt-ac-m{i}-name") class="kt-input" type="text" autocomplete="off"
                                            prop:value=move || app.with(|a| a.team.get(i).map(|m| m.name.clone()).unwrap_or_default())
                                            on:input=move |ev| app.update(|a| if let Some(m) = a.team.get_mut(i) { m.name = event_target_value(&ev) }) />
                                    </div>
                                    <div class="kt-field">
                                        <label for=format!("kt-ac-m{i}-role")>{s.member_role}</label>
                                        <input id=format!("kt-ac-m{i}-role") class="kt-input" type="text" autocomplete="off"
                                            prop:value=move || app.with(|a| a.team.get(i).and_then(|m| m.role.clone()).unwrap_or_default())
                                            on:input=move |ev| app.update(|a| if let Some(m) = a.team.get_mut(i) { m.role = Some(event_target_value(&ev)) }) />
                                    </div>
                                    <label class="kt-choice">
                                        <input type="checkbox"
                                            prop:checked=move || app.with(|a| a.team.get(i).is_some_and(|m| m.responsible))
                                            on:change=move |ev| {
                                                let on = event_target_checked(&ev);
                                                app.update(|a| if let Some(m) = a.team.get_mut(i) { m.responsible = on });
                                            } />
                                        <span>{s.responsible}</span>
                                    </label>
                                </fieldset>
                            }
                        } />
                    <button type="button" class="kt-button kt-secondary"
                        disabled=move || app.with(|a| a.team.len() >= 20)
                        on:click=move |ev| {
                            let n = app.with_untracked(|a| a.team.len());
                            if n < 20 {
                                app.update(|a| a.team.push(TeamMember::default()));
                                focus_later(&ev, format!("#kt-ac-m{n}-name"));
                            }
                        }>
                        {s.add_member}
                    </button>
                </fieldset>
            })
        }
        Check::PriorWork {
            accepted,
            allow_other,
        } => {
            let accepted = accepted.clone();
            let other_id = format!("kt-ac-{code}-other");
            EitherOf9::E(view! {
                <fieldset class="kt-fieldset">
                    <legend lang=question_lang>{question}</legend>
                    {accepted.into_iter().map(|w| {
                        let (w1, w2) = (w.clone(), w.clone());
                        view! {
                            <label class="kt-choice">
                                <input type="checkbox" value=w.clone()
                                    prop:checked=move || app.with(|a| a.prior_work.contains(&w1))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        app.update(|a| {
                                            a.prior_work.retain(|x| x != &w2);
                                            if on { a.prior_work.push(w2.clone()); }
                                        });
                                    } />
                                <span>{label_of(&w, lang)}</span>
                            </label>
                        }
                    }).collect_view()}
                    {allow_other.then(|| view! {
                        <div class="kt-field">
                            <label for=other_id.clone()>{s.other_work}</label>
                            <input id=other_id.clone() class="kt-input" type="text"
                                prop:value=move || app.with(|a| a.answers.get(OTHER_WORK).and_then(|v| v.as_str()).unwrap_or_default().to_owned())
                                on:input=move |ev| app.update(|a| { a.answers.insert(OTHER_WORK.to_owned(), serde_json::Value::String(event_target_value(&ev))); }) />
                        </div>
                    })}
                </fieldset>
            })
        }
        Check::Region { allowed } => {
            let id = format!("kt-ac-{code}");
            EitherOf9::F(view! {
                <div class="kt-field">
                    <label for=id.clone() lang=question_lang>{question}</label>
                    <input id=id class="kt-input" type="text" autocomplete="address-level1"
                        prop:value=move || app.with(|a| a.region.clone().unwrap_or_default())
                        on:input=move |ev| app.update(|a| a.region = Some(event_target_value(&ev))) />
                    <p class="kt-hint">{allowed.join(", ")}</p>
                </div>
            })
        }
        Check::Topic { allowed } => {
            let topics = allowed.clone();
            EitherOf9::G(view! {
                <fieldset class="kt-fieldset">
                    <legend lang=question_lang>{question}</legend>
                    {topics.into_iter().map(|t| {
                        let (t1, t2) = (t.clone(), t.clone());
                        view! {
                            <label class="kt-choice">
                                <input type="checkbox" value=t.clone()
                                    prop:checked=move || app.with(|a| a.themes.contains(&t1))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        app.update(|a| {
                                            a.themes.retain(|x| x != &t2);
                                            if on { a.themes.push(t2.clone()); }
                                        });
                                    } />
                                <span>{label_of(&t, lang)}</span>
                            </label>
                        }
                    }).collect_view()}
                </fieldset>
            })
        }
        Check::DateBy { field, .. } => {
            let (f1, f2) = (field.clone(), field.clone());
            let id = format!("kt-ac-{code}");
            let hint = format!("{id}-hint");
            EitherOf9::H(view! {
                <div class="kt-field">
                    <label for=id.clone() lang=question_lang>{question}</label>
                    <input id=id class="kt-input" type="text" autocomplete="off" aria-describedby=hint.clone()
                        prop:value=move || app.with(|a| a.answers.get(&f1).and_then(|v| v.as_str()).unwrap_or_default().to_owned())
                        on:input=move |ev| app.update(|a| { a.answers.insert(f2.clone(), serde_json::Value::String(event_target_value(&ev))); }) />
                    <p class="kt-hint" id=hint>{s.date_hint}</p>
                </div>
            })
        }
        Check::Confirmed { field } => {
            let field = field.clone();
            let (f1, f2, f3, f4) = (field.clone(), field.clone(), field.clone(), field);
            let yes =
                move |a: &Application| a.answers.get(&f1) == Some(&serde_json::Value::Bool(true));
            let no =
                move |a: &Application| a.answers.get(&f2) == Some(&serde_json::Value::Bool(false));
            EitherOf9::I(view! {
                <fieldset class="kt-fieldset kt-inline">
                    <legend lang=question_lang>{question}</legend>
                    <label class="kt-choice">
                        <input type="radio" name=format!("kt-ac-{code}") value="yes"
                            prop:checked=move || app.with(|a| yes(a))
                            on:change=move |_| app.update(|a| { a.answers.insert(f3.clone(), serde_json::Value::Bool(true)); }) />
                        <span>{s.yes}</span>
                    </label>
                    <label class="kt-choice">
                        <input type="radio" name=format!("kt-ac-{code}") value="no"
                            prop:checked=move || app.with(|a| no(a))
                            on:change=move |_| app.update(|a| { a.answers.insert(f4.clone(), serde_json::Value::Bool(false)); }) />
                        <span>{s.no}</span>
                    </label>
                </fieldset>
            })
        }
    }
}

/// The call's own sentence behind a rule, in Finnish as published, and whether it was read word
/// for word from the call's page (with the page and day) or is not yet checked.
fn quote_view(
    r: &kiertokit::scoring::Rule,
    s: &'static Strings,
    lang: Lang,
) -> Option<impl IntoView + use<>> {
    let quote = r.quote.clone()?;
    let checked = match &r.quote_source {
        Some(src) => {
            let said = s
                .quote_checked
                .replace("{day}", &crate::shared::format::day(&src.read, lang));
            Either::Left(
                view! { <p class="kt-hint kt-quote-checked"><a class="kt-link" href=src.url.clone()>{said}</a></p> },
            )
        }
        None => {
            Either::Right(view! { <p class="kt-hint kt-quote-unverified">{s.quote_unverified}</p> })
        }
    };
    Some(view! {
        <details class="kt-ac-quote">
            <summary>{s.call_quote}</summary>
            <blockquote lang="fi">{quote}</blockquote>
            {checked}
        </details>
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alone_drops_partners_and_other_work_counts_as_prior_work() {
        let mut a = Application {
            partners: vec![Partner::default()],
            team: vec![TeamMember::default()],
            ..Application::default()
        };
        a.answers.insert(
            OTHER_WORK.into(),
            serde_json::Value::String(" oma selvitys ".into()),
        );
        let e = effective(&a, false);
        assert!(e.partners.is_empty());
        // Alone, an implementation partner stays: the call allows one beside a single applicant.
        let mut with = a.clone();
        with.partners.push(Partner {
            organisation: "Kiertokapula Oy".into(),
            role: Some(PartnerRole::Implementation),
            ..Partner::default()
        });
        assert_eq!(effective(&with, false).partners.len(), 1);
        assert_eq!(effective(&with, true).partners.len(), 2);
        assert!(e.team.is_empty(), "unnamed rows are not members");
        assert_eq!(e.prior_work, ["oma selvitys"]);
        assert!(!e.answers.contains_key(OTHER_WORK));
        assert_eq!(effective(&a, true).partners.len(), 1);
    }

    #[test]
    fn the_academy_form_starts_with_three_team_rows() {
        let p = builtin("hankinta-akatemia-2023").expect("built in");
        let mut a = Application::default();
        prepare(&mut a, &p);
        assert_eq!(a.team.len(), 3);
        assert_eq!(builtins(Some("reilu-kiertotalous-2021, nope")).len(), 1);
    }
}
