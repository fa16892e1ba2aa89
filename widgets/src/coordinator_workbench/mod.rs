//! The symbiosis coordinator's workbench: a workspace (docs/coordinator.md) autosaved in this
//! browser and saved to / opened from a file; a workshop's listings imported through the core's
//! readers; candidate synergies ranked by priority; statuses, realised exchanges, the follow-up
//! list with ready messages, and the report with its downloads. Nothing leaves the browser.

mod i18n;

use crate::host::{Config, Host, fetch_text, js_string};
use crate::shared::browser::{download, read_chosen_file, today};
use crate::shared::chart::{bars, group_label, tonne_rows};
use crate::shared::csv::{line as csv_line, sep as csv_sep};
use crate::shared::focus::focus_later;
use crate::shared::format::{day, number, readable, with_unit};
use crate::shared::mail::{mailto, plain_address};
use crate::shared::storage;
use i18n::{Strings, strings};
use kiertokit::date::day_number;
use kiertokit::impact::{Estimate, Factors, Vehicle};
use kiertokit::matching::{Recurrence, Status, parse_listings};
use kiertokit::scoring::Method;
use kiertokit::workspace::{
    Aggregate, Candidate, CandidateOptions, Company, DropReason, Event, EventKind, Exchange,
    Figure, Figures, Merged, Note, Period, PriorityWeights, ReportFormat, StatusChange, Synergy,
    SynergyStatus, Workspace, WorkspaceListing, aggregate, apply_survey, candidates,
    default_pathways, merge, parse_survey, parse_workspace, reason_label, render, set_status,
    status_label, summary, to_json, undo_status,
};
use kiertokit::{Diagnostic, Lang, Parsed, Quantity, Unit};
use leptos::prelude::*;
use std::collections::BTreeMap;
use wasm_bindgen::JsValue;

/// Days without a status change after which an open synergy is listed for follow-up, unless
/// `data-kt-follow-up-days` says otherwise (within [`FOLLOW_UP_DAYS`]).
const STALLED_DAYS: i64 = 60;
/// The follow-up thresholds accepted: at least a week (so texts are always plural), at most two years.
const FOLLOW_UP_DAYS: std::ops::RangeInclusive<i64> = 7..=730;
/// Candidates shown at first and added by "show more".
const PAGE: usize = 10;

/// `data-kt-*` options of the workbench.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// `data-kt-key`: names this workbench's save in the browser (several on one site).
    pub key: String,
    /// `data-kt-follow-up-days`: days without a change after which a synergy is followed up.
    pub follow_up_days: i64,
    /// The `data-kt-follow-up-days` given when it was not a whole number in [`FOLLOW_UP_DAYS`].
    pub follow_up_refused: Option<String>,
}

impl Options {
    pub fn from_js(value: &JsValue) -> Options {
        let key = js_string(value, "key")
            .map(|k| k.trim().to_owned())
            .filter(|k| !k.is_empty())
            .unwrap_or_else(|| "default".to_owned());
        // An attribute is a string; a JS option may be a number.
        let days = js_sys::Reflect::get(value, &JsValue::from_str("followUpDays"))
            .ok()
            .filter(|v| !v.is_undefined() && !v.is_null())
            .map(|v| {
                v.as_string()
                    .unwrap_or_else(|| v.as_f64().map(|n| n.to_string()).unwrap_or_default())
            });
        let (follow_up_days, follow_up_refused) = follow_up_days(days.as_deref());
        Options {
            key,
            follow_up_days,
            follow_up_refused,
        }
    }
}

/// The follow-up threshold from `data-kt-follow-up-days`: (days, the text when it was refused).
fn follow_up_days(given: Option<&str>) -> (i64, Option<String>) {
    match given.map(str::trim) {
        None | Some("") => (STALLED_DAYS, None),
        Some(t) => match t.parse::<i64>() {
            Ok(n) if FOLLOW_UP_DAYS.contains(&n) => (n, None),
            _ => (STALLED_DAYS, Some(t.to_owned())),
        },
    }
}

/// Where the workspace lives in localStorage: the current one, the one before the last open
/// or close, and a save that could not be read (kept until the coordinator has looked at it).
#[derive(Debug, Clone)]
struct Keys {
    main: String,
    previous: String,
    damaged: String,
}

impl Keys {
    fn new(key: &str) -> Keys {
        let main = format!("kiertokit:coordinator-workbench:{key}");
        Keys {
            previous: format!("{main}:previous"),
            damaged: format!("{main}:damaged"),
            main,
        }
    }
}

/// A problem as the coordinator reads it: said in the UI language, with an engine's English
/// error text beside it where there is one (empty for coded diagnostics).
#[derive(Debug, Clone, PartialEq)]
struct Problem {
    said: String,
    english: String,
}

fn problems_of(diags: &[Diagnostic], lang: Lang) -> Vec<Problem> {
    diags
        .iter()
        // A coded diagnostic is said whole in the UI language: no English beside it.
        .map(|d| Problem {
            said: crate::i18n::diagnostic(d, lang),
            english: String::new(),
        })
        .collect()
}

/// Everything the sections share; every field is a cheap handle, so the context is `Copy`.
#[derive(Clone, Copy)]
struct Ctx {
    ws: RwSignal<Option<Workspace>>,
    keys: StoredValue<Keys>,
    save_failed: RwSignal<bool>,
    notice: RwSignal<String>,
    problems: RwSignal<Vec<Problem>>,
    has_previous: RwSignal<bool>,
    root: NodeRef<leptos::html::Section>,
    follow_up_days: i64,
    lang: Lang,
    s: &'static Strings,
}

impl Ctx {
    fn store(&self) {
        let json = self.ws.with_untracked(|w| w.as_ref().map(to_json));
        if let Some(json) = json {
            let ok = self.keys.with_value(|k| storage::set(&k.main, &json));
            self.save_failed.set(!ok);
        }
    }

    /// Changes the open workspace and saves it at once (a reload right after loses nothing).
    fn change<R>(&self, f: impl FnOnce(&mut Workspace) -> R) -> Option<R> {
        let out = self.ws.try_update(|w| w.as_mut().map(f)).flatten();
        self.store();
        out
    }

    /// Makes `w` the open workspace; the one it replaces stays restorable.
    fn open(&self, w: Workspace, diags: &[Diagnostic]) {
        self.keep_previous();
        let name = w.name.clone();
        self.ws.set(Some(w));
        self.store();
        self.problems.set(problems_of(diags, self.lang));
        self.say(self.s.opened.replace("{name}", &name));
        focus_later(self.root, ".kt-cw-ws-heading".to_owned());
    }

    fn keep_previous(&self) {
        let kept = self.keys.with_value(|k| match storage::get(&k.main) {
            Some(current) => storage::set(&k.previous, &current),
            None => false,
        });
        if kept {
            self.has_previous.set(true);
        }
    }

    fn say(&self, text: String) {
        self.notice.set(text);
    }

    fn today(&self) -> String {
        today()
    }
}

/// The next free id `prefix` + a two-digit number, after the largest such number in use.
fn next_id<'a>(prefix: &str, used: impl Iterator<Item = &'a str> + Clone) -> String {
    let top = used
        .clone()
        .filter_map(|id| id.strip_prefix(prefix)?.parse::<u64>().ok())
        .max()
        .unwrap_or(0);
    let mut n = top + 1;
    loop {
        let id = format!("{prefix}{n:02}");
        if !used.clone().any(|u| u == id) {
            return id;
        }
        n += 1;
    }
}

fn listing<'a>(w: &'a Workspace, id: &str) -> Option<&'a WorkspaceListing> {
    w.listings.iter().find(|l| l.listing.id == id)
}

fn company_of<'a>(w: &'a Workspace, l: &WorkspaceListing) -> Option<&'a Company> {
    let id = l.company.as_deref()?;
    w.companies.iter().find(|c| c.id == id)
}

/// The lister's name: its company, else the organisation the listing gives.
fn lister(w: &Workspace, l: &WorkspaceListing) -> String {
    company_of(w, l)
        .map(|c| c.name.clone())
        .or_else(|| l.listing.organisation.clone())
        .unwrap_or_default()
}

fn title(w: &Workspace, id: &str) -> String {
    listing(w, id).map_or_else(|| id.to_owned(), |l| l.listing.title.clone())
}

/// Kilograms of CO2e in tonnes from 1,000 kg: (factor, unit).
fn co2e_unit(kg: f64) -> (f64, &'static str) {
    if kg.abs() >= 1000.0 {
        (0.001, "t CO2e")
    } else {
        (1.0, "kg CO2e")
    }
}

fn estimate(e: &Estimate, unit: &str, scale: f64, lang: Lang) -> String {
    match e {
        Estimate::Known { value, .. } => with_unit(&readable(value * scale, lang), unit, lang),
        Estimate::NotApplicable { .. } => with_unit(&readable(0.0, lang), unit, lang),
        Estimate::Unknown { .. } => strings(lang).unknown.to_owned(),
    }
}

fn co2e(e: &Estimate, lang: Lang) -> String {
    let kg = match e {
        Estimate::Known { value, .. } => *value,
        _ => 0.0,
    };
    let (scale, unit) = co2e_unit(kg);
    estimate(e, unit, scale, lang)
}

fn recurrence_name(r: Recurrence, s: &Strings) -> &'static str {
    match r {
        Recurrence::OneOff => s.one_off,
        Recurrence::PerYear => s.per_year,
        Recurrence::PerMonth => s.per_month,
        Recurrence::PerWeek => s.per_week,
    }
}

const RECURRENCES: [(Recurrence, &str); 4] = [
    (Recurrence::OneOff, "one-off"),
    (Recurrence::PerYear, "per-year"),
    (Recurrence::PerMonth, "per-month"),
    (Recurrence::PerWeek, "per-week"),
];

/// The material key the impact engine reads for a listing: its EWC entry when the factors know
/// it, else its category (as the candidates do).
fn material_of(l: &WorkspaceListing, factors: &Factors) -> String {
    l.listing
        .ewc
        .clone()
        .filter(|e| factors.resolve(e).is_ok())
        .unwrap_or_else(|| l.listing.category.clone())
}

pub fn coordinator_workbench(config: Config, options: Options, host: Host) -> impl IntoView {
    let lang = config.lang();
    let s = strings(lang);
    let keys = Keys::new(&options.key);
    let ctx = Ctx {
        ws: RwSignal::new(None),
        keys: StoredValue::new(keys.clone()),
        save_failed: RwSignal::new(false),
        notice: RwSignal::new(String::new()),
        problems: RwSignal::new(Vec::new()),
        has_previous: RwSignal::new(storage::get(&keys.previous).is_some()),
        root: NodeRef::new(),
        follow_up_days: options.follow_up_days,
        lang,
        s,
    };
    if let Some(given) = &options.follow_up_refused {
        host.emit_json(
            "error",
            &serde_json::json!({"kind": "config", "message": format!(
                "data-kt-follow-up-days `{given}` is not a whole number of days from {} to {}; {STALLED_DAYS} is used",
                FOLLOW_UP_DAYS.start(), FOLLOW_UP_DAYS.end()
            )}),
        );
    }
    // A save that does not read is kept aside (never overwritten) and offered for download.
    let damaged = RwSignal::new(storage::get(&keys.damaged));
    if let Some(text) = storage::get(&keys.main) {
        match parse_workspace(&text) {
            Ok(Parsed {
                value: w,
                diagnostics: diags,
            }) => {
                ctx.problems.set(problems_of(&diags, lang));
                ctx.ws.set(Some(w));
            }
            Err(e) => {
                storage::set(&keys.damaged, &text);
                storage::remove(&keys.main);
                damaged.set(Some(text));
                ctx.problems.set(vec![Problem {
                    said: s.damaged_save.to_owned(),
                    english: e.to_string(),
                }]);
            }
        }
    }
    // Another tab saved: take its version, so that neither tab writes over the other's work.
    let main = keys.main.clone();
    let listener = window_event_listener(leptos::ev::storage, move |e: web_sys::StorageEvent| {
        if e.key().as_deref() != Some(main.as_str()) {
            return;
        }
        match e.new_value().map(|v| parse_workspace(&v)) {
            Some(Ok(Parsed { value: w, .. })) => {
                ctx.ws.set(Some(w));
                ctx.say(s.other_tab.to_owned());
            }
            Some(Err(_)) => {}
            // Closed in the other tab, which kept it as the previous workspace.
            None => {
                ctx.ws.set(None);
                ctx.has_previous.set(true);
            }
        }
    });
    on_cleanup(move || listener.remove());
    host.emit_json(
        "ready",
        &serde_json::json!({"widget": "coordinator-workbench", "open": ctx.ws.with_untracked(Option::is_some)}),
    );

    let factors = Factors::builtin().ok();
    // Only opening and closing re-render the page; edits update the parts that show them.
    let is_open = Memo::new(move |_| ctx.ws.with(Option::is_some));
    let src = config.src.clone();
    view! {
        <section class="kt-workbench" lang=lang.tag() node_ref=ctx.root>
            <h2 class="kt-heading">{s.heading}</h2>
            <p class="kt-cw-intro">{s.intro}</p>
            <p class="kt-cw-notice" role="status">{move || ctx.notice.get()}</p>
            {move || damaged.get().map(|text| view! {
                <div class="kt-error" role="alert">
                    <p>{s.damaged_save}</p>
                    <button type="button" class="kt-button kt-secondary"
                        on:click=move |_| { let _ = download("damaged-workspace.json", "application/json", &text); }>
                        {s.damaged_download}
                    </button>
                </div>
            })}
            {problem_list(ctx)}
            {move || if is_open.get() {
                match factors {
                    Some(f) => opened(ctx, f).into_any(),
                    None => view! { <p class="kt-error" role="alert" lang="en">"impact factors unavailable"</p> }.into_any(),
                }
            } else {
                start(ctx, src.clone()).into_any()
            }}
        </section>
    }
}

fn problem_list(ctx: Ctx) -> impl IntoView {
    let s = ctx.s;
    let lang = ctx.lang;
    move || {
        let list = ctx.problems.get();
        (!list.is_empty()).then(|| {
            let unreadable = ctx
                .ws
                .with(|w| w.as_ref().is_some_and(|w| !w.unreadable.is_empty()));
            view! {
                <div class="kt-cw-problems">
                    <h3 class="kt-subheading">{s.problems_heading}</h3>
                    {unreadable.then(|| view! { <p>{s.unreadable_kept}</p> })}
                    <ul>
                        {list.into_iter().map(|p| view! {
                            <li>
                                {p.said}
                                {(!p.english.is_empty()).then(|| view! {
                                    " (" {crate::i18n::in_english(lang)} <span lang="en">{p.english}</span> ")"
                                })}
                            </li>
                        }).collect_view()}
                    </ul>
                </div>
            }
        })
    }
}

/// The first screen: a new workspace, a file, the example, or the previous workspace.
fn start(ctx: Ctx, src: Option<String>) -> impl IntoView {
    let s = ctx.s;
    let name = RwSignal::new(s.new_name_default.to_owned());
    let opening = RwSignal::new(false);
    let new_workspace = move |_| {
        let w = Workspace {
            version: 1,
            name: name.get_untracked().trim().to_owned(),
            ..Workspace::default()
        };
        ctx.open(w, &[]);
    };
    let read = move |text: Result<String, String>| {
        opening.set(false);
        match text.and_then(|t| parse_workspace(&t).map_err(|e| e.to_string())) {
            Ok(Parsed {
                value: w,
                diagnostics,
            }) => ctx.open(w, &diagnostics),
            Err(e) => {
                ctx.problems.set(vec![Problem {
                    said: s.open_failed.to_owned(),
                    english: e,
                }]);
                ctx.say(s.open_failed.to_owned());
            }
        }
    };
    let on_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        opening.set(true);
        leptos::task::spawn_local(async move {
            let result = read_chosen_file(input.clone()).await;
            input.set_value("");
            match result {
                Some(r) => read(r.map(|(_, t)| t)),
                None => opening.set(false),
            }
        });
    };
    view! {
        <div class="kt-cw-start">
            <h3 class="kt-subheading">{s.start_heading}</h3>
            <div class="kt-cw-row">
                <div class="kt-field">
                    <label for="kt-cw-new-name">{s.new_name_label}</label>
                    <input id="kt-cw-new-name" class="kt-input" type="text"
                        prop:value=move || name.get()
                        on:input=move |ev| name.set(event_target_value(&ev)) />
                </div>
                <button type="button" class="kt-button" on:click=new_workspace>{s.start_new}</button>
            </div>
            <div class="kt-field">
                <label for="kt-cw-open">{s.open_file}</label>
                <input id="kt-cw-open" class="kt-input" type="file" accept=".json,application/json" on:change=on_file />
            </div>
            <div class="kt-cw-actions">
                {src.map(|url| view! {
                    <button type="button" class="kt-button kt-secondary kt-cw-example"
                        on:click=move |_| {
                            let url = url.clone();
                            opening.set(true);
                            leptos::task::spawn_local(async move { read(fetch_text(&url).await) });
                        }>
                        {s.open_example}
                    </button>
                })}
                {move || ctx.has_previous.get().then(|| view! {
                    <button type="button" class="kt-button kt-secondary" on:click=move |_| restore_previous(ctx)>
                        {s.restore_previous}
                    </button>
                })}
            </div>
            <p role="status">{move || opening.get().then_some(s.opening)}</p>
        </div>
    }
}

fn restore_previous(ctx: Ctx) {
    let text = ctx.keys.with_value(|k| storage::get(&k.previous));
    if let Some(Ok(Parsed {
        value: w,
        diagnostics,
    })) = text.map(|t| parse_workspace(&t))
    {
        ctx.open(w, &diagnostics);
        ctx.say(ctx.s.restored.to_owned());
    }
}

/// Everything shown while a workspace is open.
fn opened(ctx: Ctx, factors: &'static Factors) -> impl IntoView {
    let s = ctx.s;
    let name = move || {
        ctx.ws
            .with(|w| w.as_ref().map(|w| w.name.clone()).unwrap_or_default())
    };
    let counts = move || {
        ctx.ws.with(|w| {
            w.as_ref().map(|w| {
                s.counts
                    .replace("{events}", &w.events.len().to_string())
                    .replace("{companies}", &w.companies.len().to_string())
                    .replace("{listings}", &w.listings.len().to_string())
                    .replace("{synergies}", &w.synergies.len().to_string())
                    .replace("{exchanges}", &w.exchanges.len().to_string())
            })
        })
    };
    let save_file = move |_| {
        if let Some(json) = ctx.ws.with_untracked(|w| w.as_ref().map(to_json)) {
            let _ = download(
                &format!("workspace-{}.json", ctx.today()),
                "application/json",
                &json,
            );
            ctx.say(s.downloaded.to_owned());
        }
    };
    let close = move |_| {
        ctx.keep_previous();
        ctx.keys.with_value(|k| storage::remove(&k.main));
        ctx.problems.set(Vec::new());
        ctx.ws.set(None);
        ctx.say(s.previous_kept.to_owned());
    };
    let selected = RwSignal::new(None::<String>);
    view! {
        <div class="kt-cw-ws">
            <h3 class="kt-subheading kt-cw-ws-heading" tabindex="-1">{name}</h3>
            <p>{counts}</p>
            <p class="kt-hint">{s.autosave_note}</p>
            {move || ctx.save_failed.get().then(|| view! { <p class="kt-error" role="alert">{s.autosave_failed}</p> })}
            <div class="kt-cw-actions">
                <button type="button" class="kt-button" on:click=save_file>{s.save_file}</button>
                <button type="button" class="kt-button kt-secondary" on:click=close>{s.close_workspace}</button>
            </div>
        </div>
        {merge_section(ctx)}
        {import_section(ctx)}
        {candidate_section(ctx, factors, selected)}
        {synergy_section(ctx, factors, selected)}
        {followup_section(ctx)}
        {report_section(ctx, factors)}
    }
}

/// A merge waiting for the coordinator's choices: the other file and, per conflict, whether the
/// merge kept this workspace's version and whether the other file's version is chosen.
#[derive(Clone)]
struct PendingMerge {
    file: String,
    other: Workspace,
    diags: Vec<Diagnostic>,
    merged: Merged,
    kept_mine: Vec<bool>,
    take_theirs: Vec<RwSignal<bool>>,
}

fn pending_merge(
    file: String,
    mine: &Workspace,
    other: Workspace,
    diags: Vec<Diagnostic>,
) -> PendingMerge {
    let merged = merge(mine, &other);
    let kept_mine: Vec<bool> = merged
        .conflicts
        .iter()
        .map(|c| Merged::kept_is_mine(c, mine))
        .collect();
    // The version the merge kept (the later change) is preselected.
    let take_theirs = kept_mine.iter().map(|m| RwSignal::new(!m)).collect();
    PendingMerge {
        file,
        other,
        diags,
        merged,
        kept_mine,
        take_theirs,
    }
}

fn collection_name(c: &str, s: &Strings) -> &'static str {
    match c {
        "events" => s.coll_events,
        "companies" => s.coll_companies,
        "listings" => s.coll_listings,
        "synergies" => s.coll_synergies,
        "exchanges" => s.coll_exchanges,
        "surveys" => s.coll_surveys,
        "notes" => s.coll_notes,
        _ => s.coll_name,
    }
}

/// The fields in which two versions of a row differ: (field, this workspace's, the other's).
fn differences(
    mine: &serde_json::Value,
    theirs: &serde_json::Value,
) -> Vec<(String, String, String)> {
    use serde_json::Value;
    let text = |v: Option<&Value>| match v {
        None | Some(Value::Null) => "–".to_owned(),
        Some(Value::String(t)) => t.clone(),
        Some(v) => v.to_string(),
    };
    match (mine, theirs) {
        (Value::Object(a), Value::Object(b)) => {
            let keys: std::collections::BTreeSet<&String> = a.keys().chain(b.keys()).collect();
            keys.into_iter()
                .filter(|k| a.get(*k) != b.get(*k))
                .map(|k| (k.clone(), text(a.get(k)), text(b.get(k))))
                .collect()
        }
        _ => vec![(String::new(), text(Some(mine)), text(Some(theirs)))],
    }
}

/// Merging another workspace file into this one with the core's merge; conflicts are shown
/// for resolving and nothing changes until the merge is confirmed.
fn merge_section(ctx: Ctx) -> impl IntoView {
    let s = ctx.s;
    let pending = RwSignal::new(None::<PendingMerge>);
    let root = ctx.root;
    let apply = move |p: PendingMerge| {
        let n = p.merged.conflicts.len();
        let take_other: Vec<bool> = p
            .kept_mine
            .iter()
            .zip(&p.take_theirs)
            .map(|(mine, theirs)| *mine == theirs.get_untracked())
            .collect();
        let (w, refused) = p.merged.resolve(&take_other);
        pending.set(None);
        ctx.open(w, &p.diags);
        if !refused.is_empty() {
            let mut problems = problems_of(&p.diags, ctx.lang);
            problems.extend(refused.iter().map(|i| {
                let c = &p.merged.conflicts[*i];
                Problem {
                    said: format!(
                        "{}: {} {}",
                        s.merge_refused,
                        collection_name(&c.collection, s),
                        c.id
                    ),
                    english: String::new(),
                }
            }));
            ctx.problems.set(problems);
        }
        ctx.say(
            s.merged
                .replace("{file}", &p.file)
                .replace("{n}", &n.to_string()),
        );
    };
    let confirm = move |_| {
        let Some(p) = pending.get_untracked() else {
            return;
        };
        // The workspace may have changed (another tab) since the conflicts were worked out.
        let again = ctx
            .ws
            .with_untracked(|w| w.as_ref().map(|w| merge(w, &p.other)));
        match again {
            Some(m) if m.conflicts == p.merged.conflicts => apply(PendingMerge { merged: m, ..p }),
            Some(_) => {
                let fresh = ctx.ws.with_untracked(|w| {
                    w.as_ref()
                        .map(|w| pending_merge(p.file.clone(), w, p.other.clone(), p.diags.clone()))
                });
                pending.set(fresh);
                ctx.say(s.merge_changed.to_owned());
            }
            None => pending.set(None),
        }
    };
    let cancel = move |_| {
        pending.set(None);
        ctx.say(s.merge_cancelled.to_owned());
        focus_later(root, "#kt-cw-merge".to_owned());
    };
    let on_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        leptos::task::spawn_local(async move {
            let result = read_chosen_file(input.clone()).await;
            input.set_value("");
            let Some(result) = result else { return };
            let read = result.and_then(|(name, t)| {
                parse_workspace(&t)
                    .map(|r| (name, r.into_parts()))
                    .map_err(|e| e.to_string())
            });
            match read {
                Err(e) => {
                    ctx.problems.set(vec![Problem {
                        said: s.merge_failed.to_owned(),
                        english: e,
                    }]);
                    ctx.say(s.merge_failed.to_owned());
                }
                Ok((name, (other, diags))) => {
                    let p = ctx.ws.with_untracked(|w| {
                        w.as_ref().map(|w| pending_merge(name, w, other, diags))
                    });
                    let Some(p) = p else { return };
                    if p.merged.conflicts.is_empty() {
                        apply(p);
                    } else {
                        ctx.say(
                            s.merge_conflicts_heading
                                .replace("{n}", &p.merged.conflicts.len().to_string()),
                        );
                        pending.set(Some(p));
                        focus_later(root, "#kt-cw-merge-h".to_owned());
                    }
                }
            }
        });
    };
    let conflicts = move || {
        pending.get().map(|p| {
            let n = p.merged.conflicts.len();
            let rows = p
                .merged
                .conflicts
                .iter()
                .zip(&p.kept_mine)
                .zip(&p.take_theirs)
                .enumerate()
                .map(|(i, ((c, mine_kept), theirs))| {
                    let theirs = *theirs;
                    let (mine, other) = if *mine_kept { (&c.kept, &c.other) } else { (&c.other, &c.kept) };
                    let diffs = differences(mine, other)
                        .into_iter()
                        .map(|(field, a, b)| view! {
                            <tr>
                                <th scope="row"><code>{field}</code></th>
                                <td>{a}</td>
                                <td>{b}</td>
                            </tr>
                        })
                        .collect_view();
                    let legend = format!("{} {}", collection_name(&c.collection, s), c.id);
                    let group = format!("kt-cw-merge-{i}");
                    view! {
                        <fieldset class="kt-fieldset kt-cw-conflict">
                            <legend>{legend.clone()}</legend>
                            <div class="kt-cw-scroll" tabindex="0" role="region" aria-label=legend>
                                <table class="kt-table">
                                    <thead><tr>
                                        <th scope="col">{s.merge_field}</th>
                                        <th scope="col">{s.merge_mine}</th>
                                        <th scope="col">{s.merge_theirs}</th>
                                    </tr></thead>
                                    <tbody>{diffs}</tbody>
                                </table>
                            </div>
                            <div class="kt-cw-choice">
                                <input type="radio" id=format!("{group}-mine") name=group.clone() class="kt-cw-keep-mine"
                                    prop:checked=move || !theirs.get() on:change=move |_| theirs.set(false) />
                                <label for=format!("{group}-mine")>{s.keep_mine}</label>
                            </div>
                            <div class="kt-cw-choice">
                                <input type="radio" id=format!("{group}-theirs") name=group.clone() class="kt-cw-take-theirs"
                                    prop:checked=move || theirs.get() on:change=move |_| theirs.set(true) />
                                <label for=format!("{group}-theirs")>{s.take_theirs}</label>
                            </div>
                        </fieldset>
                    }
                })
                .collect_view();
            view! {
                <div class="kt-cw-editor kt-cw-merge">
                    <h4 class="kt-cw-editor-h" id="kt-cw-merge-h" tabindex="-1">
                        {s.merge_conflicts_heading.replace("{n}", &n.to_string())}
                    </h4>
                    <p>{s.merge_conflicts_intro}</p>
                    {rows}
                    <div class="kt-cw-actions">
                        <button type="button" class="kt-button kt-cw-merge-apply" on:click=confirm>{s.merge_apply}</button>
                        <button type="button" class="kt-button kt-secondary kt-cw-merge-cancel" on:click=cancel>{s.merge_cancel}</button>
                    </div>
                </div>
            }
        })
    };
    view! {
        <div class="kt-field kt-cw-merge-file">
            <label for="kt-cw-merge">{s.merge_file}</label>
            <input id="kt-cw-merge" class="kt-input" type="file" accept=".json,application/json"
                aria-describedby="kt-cw-merge-hint" on:change=on_file />
            <p class="kt-hint" id="kt-cw-merge-hint">{s.merge_hint}</p>
        </div>
        {conflicts}
    }
}

/// Listings from a workshop file, tagged with their event and company.
fn import_section(ctx: Ctx) -> impl IntoView {
    let s = ctx.s;
    let lang = ctx.lang;
    let first_event = ctx.ws.with_untracked(|w| {
        w.as_ref()
            .and_then(|w| w.events.last().map(|e| e.id.clone()))
    });
    let event = RwSignal::new(first_event.unwrap_or_else(|| "new".to_owned()));
    let ev_name = RwSignal::new(String::new());
    let ev_kind = RwSignal::new(EventKind::Workshop);
    let ev_date = RwSignal::new(ctx.today());
    let ev_place = RwSignal::new(String::new());
    let error = RwSignal::new(None::<&'static str>);
    let on_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let new_event = (event.get_untracked() == "new").then(|| {
            (
                ev_name.get_untracked().trim().to_owned(),
                ev_date.get_untracked().trim().to_owned(),
                ev_place.get_untracked().trim().to_owned(),
            )
        });
        if let Some((n, d, p)) = &new_event
            && (n.is_empty() || p.is_empty() || day_number(d).is_none())
        {
            error.set(Some(s.err_event));
            input.set_value("");
            focus_later(ctx.root, "#kt-cw-ev-name".to_owned());
            return;
        }
        error.set(None);
        let kind = ev_kind.get_untracked();
        let chosen = event.get_untracked();
        leptos::task::spawn_local(async move {
            let result = read_chosen_file(input.clone()).await;
            input.set_value("");
            let text = match result {
                Some(Ok((_, text))) => text,
                Some(Err(e)) => {
                    ctx.problems.set(vec![Problem {
                        said: s.nothing_imported.to_owned(),
                        english: e,
                    }]);
                    return;
                }
                None => return,
            };
            let (listings, diags) = parse_listings(&text).into_parts();
            let today = ctx.today();
            let added = ctx.change(|w| {
                let event_id = match new_event {
                    Some((name, date, municipality)) => {
                        let id = next_id("e-", w.events.iter().map(|e| e.id.as_str()));
                        w.events.push(Event {
                            id: id.clone(),
                            kind,
                            name,
                            date,
                            municipality,
                            updated: Some(today.clone()),
                        });
                        id
                    }
                    None => chosen,
                };
                import_listings(w, listings, &event_id, &today)
            });
            let mut problems = problems_of(&diags, lang);
            if let Some((n, companies, renamed)) = added {
                for (old, new) in renamed {
                    problems.push(Problem {
                        said: s.renamed.replace("{old}", &old).replace("{new}", &new),
                        english: String::new(),
                    });
                }
                ctx.say(if n == 0 {
                    s.nothing_imported.to_owned()
                } else {
                    s.imported
                        .replace("{listings}", &n.to_string())
                        .replace("{companies}", &companies.to_string())
                });
                event.set(
                    ctx.ws
                        .with_untracked(|w| {
                            w.as_ref()
                                .and_then(|w| w.events.last().map(|e| e.id.clone()))
                        })
                        .unwrap_or_else(|| "new".to_owned()),
                );
            }
            ctx.problems.set(problems);
        });
    };
    let events = move || {
        ctx.ws.with(|w| {
            w.as_ref()
                .map(|w| {
                    w.events
                        .iter()
                        .map(|e| (e.id.clone(), format!("{} ({})", e.name, day(&e.date, lang))))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    let template = move |l: Lang| {
        let name = format!("kiertokit-listings-{}.csv", l.tag());
        let _ = download(
            &name,
            "text/csv;charset=utf-8",
            &format!("\u{feff}{}", i18n::template(l)),
        );
        ctx.say(s.downloaded.to_owned());
    };
    view! {
        <section class="kt-cw-section" aria-labelledby="kt-cw-import-h">
            <h3 class="kt-subheading" id="kt-cw-import-h">{s.import_heading}</h3>
            <p>{s.import_intro}</p>
            <div class="kt-field">
                <label for="kt-cw-event">{s.event_label}</label>
                <select id="kt-cw-event" class="kt-select" on:change=move |ev| event.set(event_target_value(&ev))>
                    {move || events().into_iter().map(|(id, label)| {
                        let selected = event.get() == id;
                        view! { <option value=id selected=selected>{label}</option> }
                    }).collect_view()}
                    <option value="new" selected=move || event.get() == "new">{s.new_event}</option>
                </select>
            </div>
            <fieldset class="kt-fieldset" hidden=move || event.get() != "new">
                <legend>{s.new_event}</legend>
                <div class="kt-cw-row">
                    <div class="kt-field">
                        <label for="kt-cw-ev-name">{s.event_name_label}</label>
                        <input id="kt-cw-ev-name" class="kt-input" type="text"
                            prop:value=move || ev_name.get() on:input=move |e| ev_name.set(event_target_value(&e)) />
                    </div>
                    <div class="kt-field">
                        <label for="kt-cw-ev-kind">{s.event_kind_label}</label>
                        <select id="kt-cw-ev-kind" class="kt-select" on:change=move |e| ev_kind.set(
                            if event_target_value(&e) == "company_visit" { EventKind::CompanyVisit } else { EventKind::Workshop })>
                            <option value="workshop">{s.workshop}</option>
                            <option value="company_visit">{s.company_visit}</option>
                        </select>
                    </div>
                    <div class="kt-field">
                        <label for="kt-cw-ev-date">{s.event_date_label}</label>
                        <input id="kt-cw-ev-date" class="kt-input" type="date"
                            prop:value=move || ev_date.get() on:input=move |e| ev_date.set(event_target_value(&e)) />
                    </div>
                    <div class="kt-field">
                        <label for="kt-cw-ev-place">{s.event_municipality_label}</label>
                        <input id="kt-cw-ev-place" class="kt-input" type="text"
                            prop:value=move || ev_place.get() on:input=move |e| ev_place.set(event_target_value(&e)) />
                    </div>
                </div>
            </fieldset>
            <p class="kt-cw-error" role="alert">{move || error.get()}</p>
            <div class="kt-field">
                <label for="kt-cw-listings">{s.listings_file}</label>
                <input id="kt-cw-listings" class="kt-input" type="file" accept=".csv,.json,text/csv,application/json" on:change=on_file />
            </div>
            <h4 class="kt-cw-minor">{s.template_heading}</h4>
            <div class="kt-cw-actions">
                <button type="button" class="kt-button kt-secondary" on:click=move |_| template(Lang::Fi)>{s.template_fi}</button>
                <button type="button" class="kt-button kt-secondary" on:click=move |_| template(Lang::Sv)>{s.template_sv}</button>
                <button type="button" class="kt-button kt-secondary" on:click=move |_| template(Lang::En)>{s.template_en}</button>
            </div>
        </section>
    }
}

/// Adds `listings` to `w` from event `event`: a taken id gets a free one (returned as
/// (old, new)), listers become companies by organisation name. Returns (listings, new
/// companies, renamed ids).
fn import_listings(
    w: &mut Workspace,
    listings: Vec<kiertokit::matching::Listing>,
    event: &str,
    today: &str,
) -> (usize, usize, Vec<(String, String)>) {
    let mut renamed = Vec::new();
    let mut new_companies = 0;
    let n = listings.len();
    for mut l in listings {
        if w.listings.iter().any(|x| x.listing.id == l.id) {
            let mut k = 2;
            let free = loop {
                let id = format!("{}-{k}", l.id);
                if !w.listings.iter().any(|x| x.listing.id == id) {
                    break id;
                }
                k += 1;
            };
            renamed.push((l.id.clone(), free.clone()));
            l.id = free;
        }
        let company = l
            .organisation
            .as_deref()
            .map(str::trim)
            .filter(|o| !o.is_empty())
            .map(|org| {
                let key = org.to_lowercase();
                match w
                    .companies
                    .iter()
                    .find(|c| c.name.trim().to_lowercase() == key)
                {
                    Some(c) => c.id.clone(),
                    None => {
                        let id = next_id("c-", w.companies.iter().map(|c| c.id.as_str()));
                        w.companies.push(Company {
                            id: id.clone(),
                            name: org.to_owned(),
                            business_id: None,
                            municipality: l.municipality.clone(),
                            contact: None,
                            updated: Some(today.to_owned()),
                        });
                        new_companies += 1;
                        id
                    }
                }
            });
        w.listings.push(WorkspaceListing {
            listing: l,
            event: Some(event.to_owned()),
            company,
            updated: Some(today.to_owned()),
        });
    }
    (n, new_companies, renamed)
}

/// Candidate synergies by priority, each with its explanation and impact; one click adds it.
fn candidate_section(
    ctx: Ctx,
    factors: &'static Factors,
    selected: RwSignal<Option<String>>,
) -> impl IntoView {
    let s = ctx.s;
    let lang = ctx.lang;
    let today = ctx.today();
    let shown = RwSignal::new(PAGE);
    let d = PriorityWeights::default();
    let typed =
        [d.co2e, d.tonnes, d.score, d.distance].map(|v| RwSignal::new(number_input(v, lang)));
    let method = RwSignal::new(Method::WeightedSum);
    // None while a weight does not read as a number ≥ 0 or all are 0.
    let weights = Memo::new(move |_| {
        let read = |i: usize| {
            kiertokit::vocab::parse_decimal(&typed[i].get()).filter(|v| v.is_finite() && *v >= 0.0)
        };
        let w = PriorityWeights {
            co2e: read(0)?,
            tonnes: read(1)?,
            score: read(2)?,
            distance: read(3)?,
        };
        (w.co2e + w.tonnes + w.score + w.distance > 0.0).then_some(w)
    });
    let list = Memo::new(move |_| {
        let Some(weights) = weights.get() else {
            return Vec::new();
        };
        ctx.ws.with(|w| {
            w.as_ref()
                .map(|w| {
                    let mut opts = CandidateOptions {
                        skip_existing: true,
                        method: method.get(),
                        weights,
                        ..CandidateOptions::default()
                    };
                    opts.matching.today = Some(today.clone());
                    candidates(w, factors, &opts).unwrap_or_default()
                })
                .unwrap_or_default()
        })
    });
    let weight_field = move |i: usize, id: &'static str, label: &'static str| {
        view! {
            <div class="kt-field">
                <label for=id>{label}</label>
                <input id=id class="kt-input" type="text" inputmode="decimal"
                    aria-invalid=move || weights.get().is_none().to_string()
                    aria-describedby="kt-cw-weights-hint"
                    prop:value=move || typed[i].get()
                    on:change=move |e| typed[i].set(event_target_value(&e)) />
            </div>
        }
    };
    let add = move |c: &Candidate| {
        let (offer, seek, score, explanation) = (
            c.offer.clone(),
            c.seek.clone(),
            c.score,
            c.explanation.clone(),
        );
        let date = ctx.today();
        let id = ctx.change(|w| {
            let id = next_id("syn-", w.synergies.iter().map(|x| x.id.as_str()));
            w.synergies.push(Synergy {
                id: id.clone(),
                offer,
                seek,
                score,
                explanation,
                history: vec![StatusChange {
                    status: SynergyStatus::Identified,
                    date,
                    reason: None,
                    note: String::new(),
                }],
            });
            id
        });
        if let Some(id) = id {
            ctx.say(s.added.replace("{id}", &id));
            selected.set(Some(id));
            focus_later(ctx.root, "#kt-cw-editor-h".to_owned());
        }
    };
    let cards = move || {
        let all = list.get();
        let n = shown.get().min(all.len());
        ctx.ws.with(|w| {
            let Some(w) = w.as_ref() else {
                return Vec::new();
            };
            all.iter()
                .take(n)
                .enumerate()
                .map(|(i, c)| {
                    let head = format!("kt-cw-cand-{i}");
                    let offer = title(w, &c.offer);
                    let seek = title(w, &c.seek);
                    let who = format!(
                        "{}: {} · {}: {}",
                        s.offer,
                        listing(w, &c.offer).map(|l| lister(w, l)).unwrap_or_default(),
                        s.need,
                        listing(w, &c.seek).map(|l| lister(w, l)).unwrap_or_default()
                    );
                    let c2 = c.clone();
                    let reasons = c
                        .explanation
                        .iter()
                        .map(|f| {
                            view! {
                                <li>
                                    {i18n::factor_name(&f.name, lang)} ": " {crate::shared::format::percent(f.value * 100.0, lang)}
                                    " (" <span lang="en">{f.detail.clone()}</span> ")"
                                </li>
                            }
                        })
                        .collect_view();
                    view! {
                        <li class="kt-cw-card">
                            <h4 class="kt-cw-card-title" id=head.clone()>{format!("{}. {offer} → {seek}", c.rank)}</h4>
                            <p class="kt-cw-who">{who}</p>
                            <dl class="kt-cw-facts">
                                <div><dt>{s.priority}</dt><dd>{number(c.priority, 2, lang)}</dd></div>
                                <div><dt>{s.match_score}</dt><dd>{crate::shared::format::percent(c.score * 100.0, lang)}</dd></div>
                                <div><dt>{s.tonnes_year}</dt><dd>{c.tonnes_per_year.map_or_else(|| s.unknown.to_owned(), |t| with_unit(&readable(t, lang), "t", lang))}</dd></div>
                                <div><dt>{s.co2e_year}</dt><dd>{co2e(&c.co2e_avoided_kg, lang)}</dd></div>
                                <div><dt>{s.euros_year}</dt><dd>{estimate(&c.euros_saved, "€", 1.0, lang)}</dd></div>
                                <div><dt>{s.distance}</dt><dd>{c.distance_km.map_or_else(|| s.unknown.to_owned(), |d| with_unit(&readable(d, lang), "km", lang))}</dd></div>
                            </dl>
                            <details>
                                <summary>{s.why}</summary>
                                <ul>{reasons}</ul>
                            </details>
                            <button type="button" class="kt-button kt-cw-add" aria-describedby=head
                                on:click=move |_| add(&c2)>{s.add_synergy}</button>
                        </li>
                    }
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="kt-cw-section" aria-labelledby="kt-cw-cand-h">
            <h3 class="kt-subheading" id="kt-cw-cand-h">{s.candidates_heading}</h3>
            <p>{s.candidates_intro}</p>
            <details class="kt-cw-weights">
                <summary>{s.weights_legend}</summary>
                <div class="kt-cw-row">
                    {weight_field(0, "kt-cw-w-co2e", s.weight_co2e)}
                    {weight_field(1, "kt-cw-w-tonnes", s.weight_tonnes)}
                    {weight_field(2, "kt-cw-w-score", s.weight_score)}
                    {weight_field(3, "kt-cw-w-distance", s.weight_distance)}
                    <div class="kt-field">
                        <label for="kt-cw-method">{s.method_label}</label>
                        <select id="kt-cw-method" class="kt-select" on:change=move |e| method.set(
                            if event_target_value(&e) == "topsis" { Method::Topsis } else { Method::WeightedSum })>
                            <option value="wsm">{s.method_wsm}</option>
                            <option value="topsis">{s.method_topsis}</option>
                        </select>
                    </div>
                </div>
                <p class="kt-hint" id="kt-cw-weights-hint">{s.weights_hint}</p>
            </details>
            {move || weights.with(Option::is_none).then(|| view! { <p class="kt-cw-error" id="kt-cw-weights-error" role="alert">{s.err_weights}</p> })}
            {move || (weights.with(Option::is_some) && list.with(Vec::is_empty)).then(|| view! { <p>{s.no_candidates}</p> })}
            <ol class="kt-cw-cards">{cards}</ol>
            {move || (list.with(Vec::len) > shown.get()).then(|| view! {
                <button type="button" class="kt-button kt-secondary"
                    on:click=move |_| {
                        let first_new = shown.get_untracked();
                        shown.update(|n| *n += PAGE);
                        focus_later(ctx.root, format!("#kt-cw-cand-{first_new} ~ .kt-cw-add"));
                    }>{s.show_more}</button>
            })}
        </section>
    }
}

/// The synergies, a filter, and the editor of the one being handled.
fn synergy_section(
    ctx: Ctx,
    factors: &'static Factors,
    selected: RwSignal<Option<String>>,
) -> impl IntoView {
    let s = ctx.s;
    let lang = ctx.lang;
    let only_open = RwSignal::new(false);
    // The editor re-renders when its synergy changes (a new status), not on every edit.
    let current = Memo::new(move |_| {
        let id = selected.get()?;
        ctx.ws
            .with(|w| w.as_ref()?.synergies.iter().find(|x| x.id == id).cloned())
    });
    let rows = move || {
        ctx.ws.with(|w| {
            let Some(w) = w.as_ref() else {
                return Vec::new();
            };
            w.synergies
                .iter()
                .filter(|x| !only_open.get() || !matches!(x.status(), SynergyStatus::Realised | SynergyStatus::Dropped))
                .map(|x| {
                    let id = x.id.clone();
                    let date = x.history.last().map(|c| day(&c.date, lang)).unwrap_or_default();
                    view! {
                        <tr>
                            <th scope="row">{x.id.clone()}</th>
                            <td>{title(w, &x.offer)}</td>
                            <td>{title(w, &x.seek)}</td>
                            <td class="kt-cw-status">{status_label(x.status(), lang)}</td>
                            <td>{date}</td>
                            <td>
                                <button type="button" class="kt-button kt-secondary kt-cw-handle"
                                    aria-pressed=move || (selected.get().as_deref() == Some(id.as_str())).to_string()
                                    on:click={
                                        let id = x.id.clone();
                                        move |_| {
                                            selected.set(Some(id.clone()));
                                            focus_later(ctx.root, "#kt-cw-editor-h".to_owned());
                                        }
                                    }>
                                    {s.handle} <span class="kt-visually-hidden">{format!(" {}", x.id)}</span>
                                </button>
                            </td>
                        </tr>
                    }
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="kt-cw-section" aria-labelledby="kt-cw-syn-h">
            <h3 class="kt-subheading" id="kt-cw-syn-h">{s.synergies_heading}</h3>
            {move || ctx.ws.with(|w| w.as_ref().is_some_and(|w| w.synergies.is_empty())).then(|| view! { <p>{s.no_synergies}</p> })}
            <div class="kt-field kt-cw-narrow">
                <label for="kt-cw-filter">{s.filter_label}</label>
                <select id="kt-cw-filter" class="kt-select" on:change=move |e| only_open.set(event_target_value(&e) == "open")>
                    <option value="all">{s.filter_all}</option>
                    <option value="open">{s.filter_open}</option>
                </select>
            </div>
            <div class="kt-cw-scroll" tabindex="0" role="region" aria-label=s.synergies_heading>
                <table class="kt-table kt-cw-synergies">
                    <caption class="kt-visually-hidden">{s.synergies_heading}</caption>
                    <thead><tr>
                        <th scope="col">{s.col_id}</th>
                        <th scope="col">{s.offer}</th>
                        <th scope="col">{s.need}</th>
                        <th scope="col">{s.col_status}</th>
                        <th scope="col">{s.col_date}</th>
                        <th scope="col">{s.col_action}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            {move || current.get().map(|x| editor(ctx, factors, x))}
        </section>
    }
}

/// Status change and exchange forms of one synergy.
fn editor(ctx: Ctx, factors: &'static Factors, syn: Synergy) -> impl IntoView {
    let s = ctx.s;
    let lang = ctx.lang;
    let id = syn.id.clone();
    let (offer, seek, offer_listing) = ctx.ws.with_untracked(|w| match w.as_ref() {
        Some(w) => (
            title(w, &syn.offer),
            title(w, &syn.seek),
            listing(w, &syn.offer).cloned(),
        ),
        None => (syn.offer.clone(), syn.seek.clone(), None),
    });
    let heading = format!("{}: {offer} → {seek}", syn.id);
    let current = syn.status();
    let choices: Vec<SynergyStatus> = SynergyStatus::ALL
        .into_iter()
        .filter(|x| *x != current)
        .collect();
    let status = RwSignal::new(choices[0]);
    let date = RwSignal::new(ctx.today());
    let reason = RwSignal::new(None::<DropReason>);
    let note = RwSignal::new(String::new());
    let error = RwSignal::new(None::<&'static str>);
    let sid = id.clone();
    let save_status = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let st = status.get_untracked();
        let d = date.get_untracked().trim().to_owned();
        if day_number(&d).is_none() {
            error.set(Some(s.err_date));
            focus_later(ctx.root, "#kt-cw-st-date".to_owned());
            return;
        }
        if st == SynergyStatus::Dropped && reason.get_untracked().is_none() {
            error.set(Some(s.err_reason));
            focus_later(ctx.root, "#kt-cw-st-reason".to_owned());
            return;
        }
        let change = StatusChange {
            status: st,
            date: d,
            reason: if st == SynergyStatus::Dropped {
                reason.get_untracked()
            } else {
                None
            },
            note: note.get_untracked().trim().to_owned(),
        };
        match ctx.change(|w| set_status(w, &sid, change)) {
            Some(Ok(())) => {
                error.set(None);
                ctx.say(
                    s.status_changed
                        .replace("{id}", &sid)
                        .replace("{status}", &status_label(st, lang).to_lowercase()),
                );
                focus_later(ctx.root, "#kt-cw-editor-h".to_owned());
            }
            Some(Err(_)) => {
                error.set(Some(s.err_date_order));
                focus_later(ctx.root, "#kt-cw-st-date".to_owned());
            }
            None => {}
        }
    };
    let history = syn
        .history
        .iter()
        .map(|c| {
            let note = (!c.note.is_empty()).then(|| format!(" – {}", c.note));
            view! { <li>{step_line(c, lang)}{note}</li> }
        })
        .collect_view();
    let can_undo = syn.history.len() > 1;
    let uid = id.clone();
    // The step taken back is kept as a dated note about the synergy: nothing vanishes unsaid.
    let undo = move |_| {
        let today = ctx.today();
        let done = ctx.change(|w| {
            let step = undo_status(w, &uid).ok()?;
            let mut line = step_line(&step, lang);
            if !step.note.is_empty() {
                line.push_str(&format!(" – {}", step.note));
            }
            let note_id = next_id("note-", w.notes.iter().map(|n| n.id.as_str()));
            w.notes.push(Note {
                id: note_id,
                date: today,
                about: Some(uid.clone()),
                text: s.undone_note.replace("{step}", &line),
            });
            Some(line)
        });
        if let Some(Some(line)) = done {
            ctx.say(s.step_undone.replace("{id}", &uid).replace("{step}", &line));
            focus_later(ctx.root, "#kt-cw-editor-h".to_owned());
        }
    };
    let recorded = move || {
        ctx.ws.with(|w| {
            w.as_ref()
                .map(|w| {
                    w.exchanges
                        .iter()
                        .filter(|x| x.synergy == syn.id)
                        .map(|x| {
                            let period = match &x.end {
                                Some(end) => format!("{}–{}", day(&x.start, lang), day(end, lang)),
                                None if x.recurrence == Recurrence::OneOff => day(&x.start, lang),
                                None => format!("{}–", day(&x.start, lang)),
                            };
                            format!(
                                "{}: {period}, {} ({})",
                                x.id,
                                with_unit(
                                    &readable(x.quantity.amount, lang),
                                    crate::i18n::unit(x.quantity.unit.symbol(), lang),
                                    lang
                                ),
                                recurrence_name(x.recurrence, s).to_lowercase()
                            )
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    let exchange_form = (current == SynergyStatus::Realised)
        .then(|| exchange_form(ctx, factors, id.clone(), offer_listing));
    let notes = notes_view(ctx, id.clone());
    view! {
        <div class="kt-cw-editor">
            <h4 class="kt-cw-editor-h" id="kt-cw-editor-h" tabindex="-1">{heading}</h4>
            <p>{s.col_status} ": " <strong>{status_label(current, lang)}</strong></p>
            <h5 class="kt-cw-minor">{s.history}</h5>
            <ul class="kt-cw-history">{history}</ul>
            {can_undo.then(|| view! {
                <div class="kt-cw-actions">
                    <button type="button" class="kt-button kt-secondary kt-cw-undo" aria-describedby="kt-cw-undo-hint"
                        on:click=undo>{s.undo_step}</button>
                </div>
                <p class="kt-hint" id="kt-cw-undo-hint">{s.undo_hint}</p>
            })}
            <form class="kt-cw-form" novalidate on:submit=save_status>
                <div class="kt-cw-row">
                    <div class="kt-field">
                        <label for="kt-cw-st-status">{s.new_status}</label>
                        <select id="kt-cw-st-status" class="kt-select" on:change=move |e| {
                            let v = event_target_value(&e);
                            if let Some(x) = SynergyStatus::ALL.into_iter().find(|x| x.id() == v) { status.set(x); }
                        }>
                            {choices.iter().map(|x| view! { <option value=x.id()>{status_label(*x, lang)}</option> }).collect_view()}
                        </select>
                    </div>
                    <div class="kt-field">
                        <label for="kt-cw-st-date">{s.status_date}</label>
                        <input id="kt-cw-st-date" class="kt-input" type="date" prop:value=move || date.get()
                            on:input=move |e| date.set(event_target_value(&e)) />
                    </div>
                    <div class="kt-field" hidden=move || status.get() != SynergyStatus::Dropped>
                        <label for="kt-cw-st-reason">{s.reason_label}</label>
                        <select id="kt-cw-st-reason" class="kt-select" on:change=move |e| {
                            let v = event_target_value(&e);
                            reason.set(DropReason::ALL.into_iter().find(|r| r.id() == v));
                        }>
                            <option value="">"–"</option>
                            {DropReason::ALL.map(|r| view! { <option value=r.id()>{reason_label(r.id(), lang)}</option> }).to_vec()}
                        </select>
                    </div>
                </div>
                <div class="kt-field">
                    <label for="kt-cw-st-note">{s.note_label}</label>
                    <input id="kt-cw-st-note" class="kt-input" type="text" prop:value=move || note.get()
                        on:input=move |e| note.set(event_target_value(&e)) />
                </div>
                <p class="kt-cw-error" role="alert">{move || error.get()}</p>
                <button type="submit" class="kt-button">{s.save_status}</button>
            </form>
            {move || {
                let list = recorded();
                (!list.is_empty()).then(|| view! {
                    <h5 class="kt-cw-minor">{s.exchanges_recorded}</h5>
                    <ul>{list.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul>
                })
            }}
            {notes}
            {exchange_form}
        </div>
    }
}

/// The dated notes about a synergy (an undone step among them) and a form to add one.
fn notes_view(ctx: Ctx, about: String) -> impl IntoView {
    let (s, lang) = (ctx.s, ctx.lang);
    let text = RwSignal::new(String::new());
    let error = RwSignal::new(None::<&'static str>);
    let listed = about.clone();
    let lines = move || {
        ctx.ws.with(|w| {
            let mut notes: Vec<(String, String, String)> = w
                .iter()
                .flat_map(|w| &w.notes)
                .filter(|n| n.about.as_deref() == Some(listed.as_str()))
                .map(|n| (n.date.clone(), n.id.clone(), n.text.clone()))
                .collect();
            notes.sort();
            notes
        })
    };
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = text.get_untracked().trim().to_owned();
        if body.is_empty() {
            error.set(Some(s.err_note_empty));
            focus_later(ctx.root, "#kt-cw-note-text".to_owned());
            return;
        }
        let today = ctx.today();
        let added = ctx.change(|w| {
            let id = next_id("note-", w.notes.iter().map(|n| n.id.as_str()));
            w.notes.push(Note {
                id,
                date: today,
                about: Some(about.clone()),
                text: body,
            });
        });
        if added.is_some() {
            error.set(None);
            text.set(String::new());
            ctx.say(s.note_added.replace("{id}", &about));
        }
    };
    view! {
        <h5 class="kt-cw-minor">{s.notes_heading}</h5>
        {move || {
            let notes = lines();
            if notes.is_empty() {
                view! { <p class="kt-hint">{s.no_notes}</p> }.into_any()
            } else {
                view! {
                    <ul class="kt-cw-notes">
                        {notes.into_iter().map(|(date, _, text)| view! {
                            <li>{format!("{}: ", day(&date, lang))}{text}</li>
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            }
        }}
        <form class="kt-cw-form kt-cw-note-form" novalidate on:submit=add>
            <div class="kt-field">
                <label for="kt-cw-note-text">{s.note_text_label}</label>
                <textarea id="kt-cw-note-text" class="kt-input" rows="2"
                    aria-invalid=move || error.get().is_some().then_some("true")
                    aria-describedby=move || error.get().is_some().then_some("kt-cw-note-err")
                    prop:value=move || text.get()
                    on:input=move |e| text.set(event_target_value(&e))></textarea>
            </div>
            <p class="kt-cw-error" id="kt-cw-note-err" role="alert">{move || error.get()}</p>
            <button type="submit" class="kt-button kt-secondary kt-cw-add-note">{s.add_note}</button>
        </form>
    }
}

/// A status step as one line: its date, status and drop reason.
fn step_line(c: &StatusChange, lang: Lang) -> String {
    let mut line = format!("{}: {}", day(&c.date, lang), status_label(c.status, lang));
    if let Some(r) = c.reason {
        line.push_str(&format!(" ({})", reason_label(r.id(), lang).to_lowercase()));
    }
    line
}

/// The minimal record of a realised exchange: dates, recurrence, quantity, distance; the
/// material and pathways come from the offer (landfill → the best recovery the factors know).
fn exchange_form(
    ctx: Ctx,
    factors: &'static Factors,
    synergy: String,
    offer: Option<WorkspaceListing>,
) -> impl IntoView {
    let s = ctx.s;
    let lang = ctx.lang;
    let material = offer
        .as_ref()
        .map_or_else(|| "other".to_owned(), |l| material_of(l, factors));
    let (baseline, alternative) = default_pathways(&material, factors);
    let start = RwSignal::new(ctx.today());
    let end = RwSignal::new(String::new());
    let recurrence = RwSignal::new(
        offer
            .as_ref()
            .map_or(Recurrence::OneOff, |l| l.listing.recurrence),
    );
    let mass = offer
        .as_ref()
        .map(|l| l.listing.quantity)
        .filter(|q| matches!(q.unit, Unit::Tonne | Unit::Kg));
    let amount = RwSignal::new(
        mass.map(|q| number_input(q.amount, lang))
            .unwrap_or_default(),
    );
    let unit = RwSignal::new(mass.map_or(Unit::Tonne, |q| q.unit));
    let distance = RwSignal::new(String::new());
    let error = RwSignal::new(None::<&'static str>);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let start_day = start.get_untracked().trim().to_owned();
        let end_day = end.get_untracked().trim().to_owned();
        if day_number(&start_day).is_none()
            || (!end_day.is_empty() && day_number(&end_day).is_none())
        {
            error.set(Some(s.err_date));
            focus_later(ctx.root, "#kt-cw-x-start".to_owned());
            return;
        }
        let Some(qty) =
            kiertokit::vocab::parse_decimal(&amount.get_untracked()).filter(|v| *v > 0.0)
        else {
            error.set(Some(s.err_amount));
            focus_later(ctx.root, "#kt-cw-x-amount".to_owned());
            return;
        };
        let km_text = distance.get_untracked();
        let km = if km_text.trim().is_empty() {
            Some(0.0)
        } else {
            kiertokit::vocab::parse_decimal(&km_text).filter(|v| *v >= 0.0)
        };
        let Some(km) = km else {
            error.set(Some(s.err_distance));
            focus_later(ctx.root, "#kt-cw-x-distance".to_owned());
            return;
        };
        error.set(None);
        let today = ctx.today();
        let rec = recurrence.get_untracked();
        let x = Exchange {
            id: String::new(),
            synergy: synergy.clone(),
            start: start_day,
            end: (!end_day.is_empty() && rec != Recurrence::OneOff).then_some(end_day),
            material: material.clone(),
            quantity: Quantity {
                amount: qty,
                unit: unit.get_untracked(),
            },
            recurrence: rec,
            baseline,
            alternative,
            distance_km: km,
            vehicle: Vehicle::default(),
            prices: None,
            logistics_eur: None,
            updated: Some(today),
        };
        let id = ctx.change(|w| {
            let id = next_id("ex-", w.exchanges.iter().map(|e| e.id.as_str()));
            w.exchanges.push(Exchange {
                id: id.clone(),
                ..x
            });
            id
        });
        if let Some(id) = id {
            ctx.say(s.exchange_saved.replace("{id}", &id));
            focus_later(ctx.root, "#kt-cw-editor-h".to_owned());
        }
    };
    view! {
        <form class="kt-cw-form kt-cw-exchange" novalidate on:submit=save>
            <fieldset class="kt-fieldset">
                <legend>{s.exchange_heading}</legend>
                <p class="kt-hint">{s.pathways} ": " {crate::i18n::impact::pathway(baseline, lang)} " → " {crate::i18n::impact::pathway(alternative, lang)}</p>
                <div class="kt-cw-row">
                    <div class="kt-field">
                        <label for="kt-cw-x-start">{s.exchange_start}</label>
                        <input id="kt-cw-x-start" class="kt-input" type="date" prop:value=move || start.get()
                            on:input=move |e| start.set(event_target_value(&e)) />
                    </div>
                    <div class="kt-field">
                        <label for="kt-cw-x-rec">{s.recurrence_label}</label>
                        <select id="kt-cw-x-rec" class="kt-select" on:change=move |e| {
                            let v = event_target_value(&e);
                            if let Some((r, _)) = RECURRENCES.iter().find(|(_, id)| *id == v) { recurrence.set(*r); }
                        }>
                            {RECURRENCES.map(|(r, id)| view! {
                                <option value=id selected=recurrence.get_untracked() == r>{recurrence_name(r, s)}</option>
                            }).to_vec()}
                        </select>
                    </div>
                    <div class="kt-field" hidden=move || recurrence.get() == Recurrence::OneOff>
                        <label for="kt-cw-x-end">{s.exchange_end}</label>
                        <input id="kt-cw-x-end" class="kt-input" type="date" aria-describedby="kt-cw-x-end-hint"
                            prop:value=move || end.get() on:input=move |e| end.set(event_target_value(&e)) />
                        <p class="kt-hint" id="kt-cw-x-end-hint">{s.exchange_end_hint}</p>
                    </div>
                </div>
                <div class="kt-cw-row">
                    <div class="kt-field">
                        <label for="kt-cw-x-amount">{s.amount_label}</label>
                        <input id="kt-cw-x-amount" class="kt-input" type="text" inputmode="decimal"
                            prop:value=move || amount.get() on:input=move |e| amount.set(event_target_value(&e)) />
                    </div>
                    <div class="kt-field">
                        <label for="kt-cw-x-unit">{s.unit_label}</label>
                        <select id="kt-cw-x-unit" class="kt-select" on:change=move |e| unit.set(
                            if event_target_value(&e) == "kg" { Unit::Kg } else { Unit::Tonne })>
                            <option value="t" selected=unit.get_untracked() == Unit::Tonne>"t"</option>
                            <option value="kg" selected=unit.get_untracked() == Unit::Kg>"kg"</option>
                        </select>
                    </div>
                    <div class="kt-field">
                        <label for="kt-cw-x-distance">{s.distance_label}</label>
                        <input id="kt-cw-x-distance" class="kt-input" type="text" inputmode="decimal"
                            prop:value=move || distance.get() on:input=move |e| distance.set(event_target_value(&e)) />
                    </div>
                </div>
                <p class="kt-cw-error" role="alert">{move || error.get()}</p>
                <button type="submit" class="kt-button">{s.save_exchange}</button>
            </fieldset>
        </form>
    }
}

/// A number as the coordinator types it back: decimal comma in fi/sv, no grouping.
fn number_input(v: f64, lang: Lang) -> String {
    let text = format!("{}", (v * 1000.0).round() / 1000.0);
    match lang {
        Lang::En => text,
        _ => text.replace('.', ","),
    }
}

/// One thing to follow up: a listing to ask about and a ready message to its lister.
#[derive(Debug, Clone, PartialEq)]
struct FollowUp {
    why: &'static str,
    synergy: Option<String>,
    title: String,
    lister: String,
    contact: Option<String>,
    email: Option<String>,
    /// The lister's language (its contact's, else the listing's, else Finnish).
    lang: Lang,
    subject: String,
    body: String,
}

/// Closed or expired listings without an outcome, and open synergies without a change for
/// `stalled_days`; each once, oldest concern first as the workspace lists them.
fn follow_ups(w: &Workspace, today: &str, stalled_days: i64, s: &'static Strings) -> Vec<FollowUp> {
    let Some(now) = day_number(today) else {
        return Vec::new();
    };
    let open =
        |x: &Synergy| !matches!(x.status(), SynergyStatus::Realised | SynergyStatus::Dropped);
    let mut wanted: Vec<(&'static str, &WorkspaceListing, Option<String>)> = Vec::new();
    for l in &w.listings {
        let closed = l.listing.status == Status::Closed;
        let expired = l
            .listing
            .available_until
            .as_deref()
            .and_then(day_number)
            .is_some_and(|d| d < now);
        if !(closed || expired) || w.surveys.iter().any(|a| a.listing == l.listing.id) {
            continue;
        }
        let mine: Vec<&Synergy> = w
            .synergies
            .iter()
            .filter(|x| x.offer == l.listing.id || x.seek == l.listing.id)
            .collect();
        if mine.is_empty() || mine.iter().any(|x| open(x)) {
            let synergy = mine.iter().find(|x| open(x)).map(|x| x.id.clone());
            wanted.push((
                if closed { s.why_closed } else { s.why_expired },
                l,
                synergy,
            ));
        }
    }
    // A synergy already asked about through its closed listing is not listed twice.
    let listed: std::collections::BTreeSet<String> =
        wanted.iter().filter_map(|(_, _, x)| x.clone()).collect();
    for x in w
        .synergies
        .iter()
        .filter(|x| open(x) && !listed.contains(&x.id))
    {
        if x.last_day().is_some_and(|d| now - d >= stalled_days)
            && let Some(l) = listing(w, &x.offer)
        {
            wanted.push((s.why_stalled, l, Some(x.id.clone())));
        }
    }
    let mut out = Vec::new();
    let mut asked = std::collections::BTreeSet::new();
    let mut item = |why: &'static str, l: &WorkspaceListing, synergy: Option<String>| {
        if !asked.insert(l.listing.id.clone()) {
            return;
        }
        let company = company_of(w, l);
        let contact = company.and_then(|c| c.contact.clone());
        let lang = contact
            .as_ref()
            .and_then(|c| c.lang)
            .or(l.listing.lang)
            .unwrap_or(Lang::Fi);
        let t = strings(lang);
        let name = contact
            .as_ref()
            .map(|c| c.name.trim().to_owned())
            .filter(|n| !n.is_empty());
        let body = match &name {
            Some(n) => t.mail_body.replace("{name}", n),
            None => t.mail_greeting_no_name.to_owned(),
        }
        .replace("{title}", &l.listing.title);
        out.push(FollowUp {
            why,
            synergy,
            title: l.listing.title.clone(),
            lister: lister(w, l),
            contact: name,
            email: contact
                .as_ref()
                .and_then(|c| c.email.as_deref())
                .and_then(plain_address),
            lang,
            subject: t.mail_subject.replace("{title}", &l.listing.title),
            body,
        });
    };
    for (why, l, synergy) in wanted {
        item(why, l, synergy);
    }
    out
}

fn followup_section(ctx: Ctx) -> impl IntoView {
    let s = ctx.s;
    let lang = ctx.lang;
    // A closing-survey answer (the closing-survey widget's download) moves the synergy it names.
    let on_survey = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        leptos::task::spawn_local(async move {
            let result = read_chosen_file(input.clone()).await;
            input.set_value("");
            let text = match result {
                Some(Ok((_, text))) => text,
                Some(Err(e)) => return survey_failed(ctx, e),
                None => return,
            };
            let (answer, diags) = match parse_survey(&text) {
                Ok(read) => read.into_parts(),
                Err(e) => return survey_failed(ctx, e.to_string()),
            };
            match ctx.change(|w| apply_survey(w, answer)) {
                Some(Ok(applied)) => {
                    ctx.problems.set(problems_of(&diags, lang));
                    ctx.say(
                        match (applied.duplicate, &applied.synergy, applied.status) {
                            (true, _, _) => s.survey_duplicate.to_owned(),
                            (false, Some(id), Some(st)) => s
                                .survey_applied
                                .replace("{id}", id)
                                .replace("{status}", &status_label(st, lang).to_lowercase()),
                            _ => s.survey_stored.to_owned(),
                        },
                    );
                    if let Some(why) = applied.unresolved {
                        ctx.problems.update(|p| {
                            p.push(Problem {
                                said: s.survey_stored.to_owned(),
                                english: why,
                            });
                        });
                    }
                }
                Some(Err(e)) => survey_failed(ctx, e.to_string()),
                None => {}
            }
        });
    };
    let today = ctx.today();
    let items = Memo::new(move |_| {
        ctx.ws.with(|w| {
            w.as_ref()
                .map(|w| follow_ups(w, &today, ctx.follow_up_days, s))
                .unwrap_or_default()
        })
    });
    view! {
        <section class="kt-cw-section" aria-labelledby="kt-cw-fu-h">
            <h3 class="kt-subheading" id="kt-cw-fu-h">{s.followup_heading}</h3>
            <p>{s.followup_intro.replace("{days}", &ctx.follow_up_days.to_string())}</p>
            <div class="kt-field">
                <label for="kt-cw-survey">{s.survey_file}</label>
                <input id="kt-cw-survey" class="kt-input" type="file" accept=".json,application/json" on:change=on_survey />
            </div>
            {move || items.with(Vec::is_empty).then(|| view! { <p>{s.no_followup}</p> })}
            <ul class="kt-cw-followups">
                {move || items.get().into_iter().enumerate().map(|(i, f)| {
                    let head = format!("kt-cw-fu-{i}");
                    let message = format!("{}\n\n{}", f.subject, f.body);
                    let href = f.email.as_deref().map(|e| mailto(e, &f.subject, &f.body));
                    view! {
                        <li class="kt-cw-card">
                            <h4 class="kt-cw-card-title" id=head.clone()>{f.title.clone()}</h4>
                            <p>{f.why}{f.synergy.map(|x| format!(" · {x}"))}</p>
                            <p>{s.contact_label} ": " {f.lister.clone()}{f.contact.map(|c| format!(", {c}"))}</p>
                            {match href {
                                Some(h) => view! { <a class="kt-button kt-secondary" href=h aria-describedby=head>{s.write_mail}</a> }.into_any(),
                                None => view! { <p class="kt-hint">{s.no_email}</p> }.into_any(),
                            }}
                            <details>
                                <summary>{s.message_label}</summary>
                                <pre class="kt-cw-message" lang=f.lang.tag()>{message}</pre>
                            </details>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

/// A region keyed by its Finnish name, in the UI language.
fn region_name(k: &str, lang: Lang) -> String {
    kiertokit::matching::region_name(k, lang).map_or_else(|| k.to_owned(), str::to_owned)
}

fn category_name(k: &str, lang: Lang) -> String {
    kiertokit::matching::category_name(k, lang).map_or_else(|| k.to_owned(), str::to_owned)
}

/// Tonnes kept in use of one breakdown as a bar chart; the table after it says the same.
fn group_chart(
    id: &'static str,
    title: &'static str,
    rows: &BTreeMap<String, Figures>,
    name: impl Fn(&str) -> String,
    lang: Lang,
) -> impl IntoView {
    let label = |k: &str| group_label(k, strings(lang).unknown_group, &name);
    let rows = tonne_rows(rows, label, |f| f.tonnes.total.known, lang);
    view! { <figure class="kt-cw-chart">{bars(id, title.to_owned(), rows)}</figure> }
}

/// Figures of one breakdown (year, region, category or event) as a table.
fn group_table(
    caption: &'static str,
    key_heading: &'static str,
    rows: &BTreeMap<String, Figures>,
    name: impl Fn(&str) -> String,
    lang: Lang,
) -> impl IntoView {
    let s = strings(lang);
    let rows = rows
        .iter()
        .map(|(k, f)| {
            let (sc, u) = co2e_unit(f.co2e_avoided_kg.total.known);
            let key = group_label(k, s.unknown_group, &name);
            view! {
                <tr>
                    <th scope="row">{key}</th>
                    <td>{f.synergies.identified}</td>
                    <td>{f.synergies.realised}</td>
                    <td>{f.synergies.dropped}</td>
                    <td>{with_unit(&readable(f.tonnes.total.known, lang), "t", lang)}</td>
                    <td>{with_unit(&readable(f.co2e_avoided_kg.total.known * sc, lang), u, lang)}</td>
                    <td>{with_unit(&readable(f.euros_saved.total.known, lang), "€", lang)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        // Focusable, so that keyboard users can scroll a table wider than the screen.
        <div class="kt-cw-scroll" tabindex="0" role="region" aria-label=caption>
            <table class="kt-table kt-cw-groups">
                <caption>{caption}</caption>
                <thead><tr>
                    <th scope="col">{key_heading}</th>
                    <th scope="col">{s.identified}</th>
                    <th scope="col">{s.realised}</th>
                    <th scope="col">{s.dropped}</th>
                    <th scope="col">{s.tonnes}</th>
                    <th scope="col">{s.co2e}</th>
                    <th scope="col">{s.euros}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

fn survey_failed(ctx: Ctx, english: String) {
    ctx.problems.set(vec![Problem {
        said: ctx.s.survey_failed.to_owned(),
        english,
    }]);
    ctx.say(ctx.s.survey_failed.to_owned());
}

/// One figure with its range and the exchanges behind it.
fn figure_view(
    label: &'static str,
    f: &Figure,
    unit: &'static str,
    scale: f64,
    lang: Lang,
) -> impl IntoView {
    let s = strings(lang);
    let t = &f.total;
    let value = with_unit(&readable(t.known * scale, lang), unit, lang);
    let range = (readable(t.low * scale, lang) != readable(t.high * scale, lang)).then(|| {
        format!(
            "{} {} – {}",
            s.range,
            readable(t.low * scale, lang),
            with_unit(&readable(t.high * scale, lang), unit, lang)
        )
    });
    let behind = if t.unknown.is_empty() {
        format!("{}: {}", s.exchanges, f.exchanges)
    } else {
        format!(
            "{}: {}, {} {}",
            s.exchanges,
            f.exchanges,
            s.unknown_exchanges,
            t.unknown.len()
        )
    };
    view! {
        <div class="kt-cw-figure">
            <dt>{label}</dt>
            <dd class="kt-cw-value">{value}</dd>
            {range.map(|r| view! { <dd>{r}</dd> })}
            <dd class="kt-hint">{behind}</dd>
        </div>
    }
}

fn count_view(label: &'static str, n: usize) -> impl IntoView {
    view! {
        <div class="kt-cw-figure">
            <dt>{label}</dt>
            <dd class="kt-cw-value">{n}</dd>
        </div>
    }
}

fn synergies_csv(w: &Workspace, lang: Lang) -> String {
    let s = strings(lang);
    let sep = csv_sep(lang);
    let mut out = String::from("\u{feff}");
    out += &csv_line(
        &[
            s.col_id,
            s.offer,
            s.csv_offer_company,
            s.need,
            s.csv_need_company,
            s.csv_score,
            s.col_status,
            s.col_date,
            s.reason_label,
        ]
        .map(str::to_owned),
        sep,
    );
    for x in &w.synergies {
        let side = |id: &str| listing(w, id).map(|l| lister(w, l)).unwrap_or_default();
        let last = x.history.last();
        out += &csv_line(
            &[
                x.id.clone(),
                title(w, &x.offer),
                side(&x.offer),
                title(w, &x.seek),
                side(&x.seek),
                number(x.score, 2, lang),
                status_label(x.status(), lang).to_owned(),
                last.map(|c| c.date.clone()).unwrap_or_default(),
                last.and_then(|c| c.reason)
                    .map(|r| reason_label(r.id(), lang))
                    .unwrap_or_default(),
            ],
            sep,
        );
    }
    out
}

fn exchanges_csv(w: &Workspace, lang: Lang) -> String {
    let s = strings(lang);
    let sep = csv_sep(lang);
    let mut out = String::from("\u{feff}");
    out += &csv_line(
        &[
            s.col_id,
            s.csv_synergy,
            s.exchange_start,
            s.exchange_end,
            s.csv_material,
            s.amount_label,
            s.unit_label,
            s.recurrence_label,
            s.csv_baseline,
            s.csv_alternative,
            s.distance_label,
            s.csv_vehicle,
        ]
        .map(str::to_owned),
        sep,
    );
    for x in &w.exchanges {
        out += &csv_line(
            &[
                x.id.clone(),
                x.synergy.clone(),
                x.start.clone(),
                x.end.clone().unwrap_or_default(),
                x.material.clone(),
                number(x.quantity.amount, 3, lang),
                crate::i18n::unit(x.quantity.unit.symbol(), lang).to_owned(),
                recurrence_name(x.recurrence, s).to_owned(),
                crate::i18n::impact::pathway(x.baseline, lang).to_owned(),
                crate::i18n::impact::pathway(x.alternative, lang).to_owned(),
                number(x.distance_km, 1, lang),
                crate::i18n::impact::vehicle(x.vehicle, lang).to_owned(),
            ],
            sep,
        );
    }
    out
}

#[derive(Debug, Clone, Copy)]
enum Export {
    Synergies,
    Exchanges,
    Summary,
    Report,
}

/// A download of the report: (file name, MIME type, text).
fn export(
    w: &Workspace,
    a: &Aggregate,
    what: Export,
    factors: &Factors,
    lang: Lang,
) -> (String, &'static str, String) {
    let csv = "text/csv;charset=utf-8";
    match what {
        Export::Synergies => ("synergies.csv".into(), csv, synergies_csv(w, lang)),
        Export::Exchanges => ("exchanges.csv".into(), csv, exchanges_csv(w, lang)),
        Export::Summary => {
            let public = summary(&w.name, a, factors, &today());
            let json = serde_json::to_string_pretty(&public).unwrap_or_default();
            ("situational-picture.json".into(), "application/json", json)
        }
        Export::Report => {
            let html = render(w, a, factors, ReportFormat::Html, lang);
            ("report.html".into(), "text/html;charset=utf-8", html)
        }
    }
}

/// Figures for a period (the core's aggregate) and the downloads of the report.
fn report_section(ctx: Ctx, factors: &'static Factors) -> impl IntoView {
    let s = ctx.s;
    let lang = ctx.lang;
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let agg = Memo::new(move |_| {
        let period = Period {
            from: Some(from.get().trim().to_owned()).filter(|d| !d.is_empty()),
            to: Some(to.get().trim().to_owned()).filter(|d| !d.is_empty()),
        };
        ctx.ws.with(|w| {
            w.as_ref()
                .map(|w| aggregate(w, factors, &period).map_err(|e| e.to_string()))
        })
    });
    let get = move |what: Export| {
        let made = ctx.ws.with_untracked(|w| {
            let w = w.as_ref()?;
            agg.with_untracked(|a| {
                a.as_ref()
                    .and_then(|a| a.as_ref().ok())
                    .map(|a| export(w, a, what, factors, lang))
            })
        });
        if let Some((name, mime, text)) = made {
            let _ = download(&name, mime, &text);
            ctx.say(s.downloaded.to_owned());
        }
    };
    let figures = move || {
        agg.get().map(|result| match result {
            Err(e) => view! {
                <p class="kt-error" role="alert">{s.period_error} ": " <span lang="en">{e}</span></p>
            }
            .into_any(),
            Ok(a) => {
                let t = &a.total;
                let (scale, unit) = co2e_unit(t.co2e_avoided_kg.total.known);
                let period = s
                    .period_used
                    .replace("{from}", &day(&a.from, lang))
                    .replace("{to}", &day(&a.to, lang));
                let events: BTreeMap<String, String> = ctx.ws.with_untracked(|w| {
                    w.as_ref()
                        .map(|w| w.events.iter().map(|e| (e.id.clone(), e.name.clone())).collect())
                        .unwrap_or_default()
                });
                view! {
                    <p class="kt-cw-period">{period}</p>
                    <dl class="kt-cw-figures">
                        {count_view(s.identified, t.synergies.identified)}
                        {count_view(s.in_progress, t.synergies.in_progress)}
                        {count_view(s.realised, t.synergies.realised)}
                        {count_view(s.dropped, t.synergies.dropped)}
                        {figure_view(s.tonnes, &t.tonnes, "t", 1.0, lang)}
                        {figure_view(s.co2e, &t.co2e_avoided_kg, unit, scale, lang)}
                        {figure_view(s.euros, &t.euros_saved, "€", 1.0, lang)}
                        {figure_view(s.virgin, &t.virgin_saved_t, "t", 1.0, lang)}
                    </dl>
                    {group_chart("kt-cw-chart-title", s.chart_title, &a.by_year, |k| k.to_owned(), lang)}
                    {group_table(s.by_year, s.col_year, &a.by_year, |k| k.to_owned(), lang)}
                    {group_chart("kt-cw-chart-region", s.chart_region, &a.by_region, |k| region_name(k, lang), lang)}
                    {group_table(s.by_region, s.col_region, &a.by_region, |k| region_name(k, lang), lang)}
                    {group_chart("kt-cw-chart-category", s.chart_category, &a.by_category, |k| category_name(k, lang), lang)}
                    {group_table(s.by_category, s.col_category, &a.by_category, |k| category_name(k, lang), lang)}
                    {group_chart("kt-cw-chart-event", s.chart_event, &a.by_event, |k| events.get(k).cloned().unwrap_or_else(|| k.to_owned()), lang)}
                    {group_table(s.by_event, s.col_event, &a.by_event, |k| events.get(k).cloned().unwrap_or_else(|| k.to_owned()), lang)}
                }
                .into_any()
            }
        })
    };
    view! {
        <section class="kt-cw-section kt-cw-report" aria-labelledby="kt-cw-rep-h">
            <h3 class="kt-subheading" id="kt-cw-rep-h">{s.report_heading}</h3>
            <div class="kt-cw-row">
                <div class="kt-field">
                    <label for="kt-cw-from">{s.period_from}</label>
                    <input id="kt-cw-from" class="kt-input" type="date" aria-describedby="kt-cw-period-hint"
                        prop:value=move || from.get() on:change=move |e| from.set(event_target_value(&e)) />
                </div>
                <div class="kt-field">
                    <label for="kt-cw-to">{s.period_to}</label>
                    <input id="kt-cw-to" class="kt-input" type="date" aria-describedby="kt-cw-period-hint"
                        prop:value=move || to.get() on:change=move |e| to.set(event_target_value(&e)) />
                </div>
            </div>
            <p class="kt-hint" id="kt-cw-period-hint">{s.period_hint}</p>
            {figures}
            <h4 class="kt-cw-minor">{s.downloads}</h4>
            <div class="kt-cw-actions">
                <button type="button" class="kt-button kt-secondary kt-cw-dl-synergies"
                    on:click=move |_| get(Export::Synergies)>{s.download_synergies}</button>
                <button type="button" class="kt-button kt-secondary kt-cw-dl-exchanges"
                    on:click=move |_| get(Export::Exchanges)>{s.download_exchanges}</button>
                <button type="button" class="kt-button kt-secondary kt-cw-dl-summary" aria-describedby="kt-cw-summary-note"
                    on:click=move |_| get(Export::Summary)>{s.download_summary}</button>
                <button type="button" class="kt-button kt-secondary kt-cw-dl-report"
                    on:click=move |_| get(Export::Report)>{s.download_report}</button>
            </div>
            <p class="kt-hint" id="kt-cw-summary-note">{s.summary_note}</p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kiertokit::matching::{ListingKind, parse_csv};

    fn sample() -> Workspace {
        let text = include_str!("../../../demo/coordinator-sample.json");
        let (w, diags) = parse_workspace(text)
            .expect("the demo workspace reads")
            .into_parts();
        assert!(diags.is_empty(), "{diags:?}");
        w
    }

    #[test]
    fn each_language_template_reads_without_a_problem() {
        for lang in [Lang::Fi, Lang::Sv, Lang::En] {
            let (listings, diags) = parse_csv(i18n::template(lang)).into_parts();
            assert!(diags.is_empty(), "{lang:?}: {diags:?}");
            let kinds: Vec<_> = listings.iter().map(|l| l.kind).collect();
            assert_eq!(kinds, [ListingKind::Offer, ListingKind::Seek], "{lang:?}");
            assert_eq!(listings[0].category, "construction", "{lang:?}");
            assert_eq!(listings[1].category, "wood", "{lang:?}");
            assert_eq!(listings[0].ewc.as_deref(), Some("170101"));
            assert!(
                listings
                    .iter()
                    .all(|l| l.organisation.is_some() && l.lang.is_some())
            );
            assert_eq!(listings[1].recurrence, Recurrence::PerMonth);
        }
    }

    #[test]
    fn an_import_renames_taken_ids_and_adds_each_lister_once() {
        let mut w = sample();
        let before = (w.listings.len(), w.companies.len());
        let (mut listings, _) = parse_csv(i18n::template(Lang::Fi)).into_parts();
        listings[0].id = "c01-1".into(); // taken in the sample
        listings[1].organisation = Some(" esimerkki oy (KUVITTEELLINEN) ".into());
        let (n, companies, renamed) = import_listings(&mut w, listings, "e-tre-2025", "2026-01-05");
        assert_eq!(n, 2);
        assert_eq!(
            companies, 1,
            "one new company for two spellings of one name"
        );
        assert_eq!(renamed, vec![("c01-1".to_owned(), "c01-1-2".to_owned())]);
        assert_eq!(w.listings.len(), before.0 + 2);
        assert_eq!(w.companies.len(), before.1 + 1);
        let added = &w.listings[before.0..];
        assert_eq!(added[0].company, added[1].company);
        assert!(
            added
                .iter()
                .all(|l| l.event.as_deref() == Some("e-tre-2025"))
        );
        // The saved workspace reads back without a diagnostic: no dangling reference.
        let (_, diags) = parse_workspace(&to_json(&w)).expect("reads").into_parts();
        assert!(diags.is_empty(), "{diags:?}");
    }

    #[test]
    fn ids_continue_after_the_largest_in_use() {
        let used = ["syn-01", "syn-09", "syn-x", "ex-12"];
        assert_eq!(next_id("syn-", used.iter().copied()), "syn-10");
        assert_eq!(next_id("e-", used.iter().copied()), "e-01");
        let used = ["c-1", "c-02"];
        assert_eq!(next_id("c-", used.iter().copied()), "c-03");
    }

    #[test]
    fn follow_up_lists_closed_listings_and_stalled_synergies_in_the_listers_language() {
        let w = sample();
        let s = strings(Lang::Fi);
        let items = follow_ups(&w, "2026-01-31", STALLED_DAYS, s);
        let closed: Vec<_> = items.iter().filter(|f| f.why == s.why_closed).collect();
        assert_eq!(closed.len(), 1, "{items:?}");
        assert_eq!(closed[0].synergy.as_deref(), Some("syn-16"));
        assert_eq!(closed[0].lang, Lang::Sv);
        assert!(
            closed[0].body.starts_with("Hej Minna"),
            "{}",
            closed[0].body
        );
        assert_eq!(closed[0].email.as_deref(), Some("minna@c15.example.org"));
        let stalled: Vec<_> = items
            .iter()
            .filter(|f| f.why == s.why_stalled)
            .filter_map(|f| f.synergy.clone())
            .collect();
        // Every synergy without an outcome and no change for 60 days, except syn-16 (listed as closed).
        let expected: Vec<_> = w
            .synergies
            .iter()
            .filter(|x| !matches!(x.status(), SynergyStatus::Realised | SynergyStatus::Dropped))
            .map(|x| x.id.clone())
            .filter(|id| id != "syn-16")
            .collect();
        assert!(!expected.is_empty());
        assert_eq!(stalled, expected);
        // A day after the last change nothing is stalled yet.
        let early = follow_ups(&w, "2025-06-11", STALLED_DAYS, s);
        assert!(
            early.iter().all(|f| f.synergy.as_deref() != Some("syn-15")),
            "{early:?}"
        );
        // A longer threshold lists fewer stalled synergies, a shorter one at least as many.
        let count = |days| {
            follow_ups(&w, "2026-01-31", days, s)
                .iter()
                .filter(|f| f.why == s.why_stalled)
                .count()
        };
        assert!(
            count(730) < count(STALLED_DAYS),
            "{} {}",
            count(730),
            count(STALLED_DAYS)
        );
        assert!(count(7) >= count(STALLED_DAYS));
    }

    #[test]
    fn the_follow_up_threshold_is_a_whole_number_of_days_within_bounds() {
        assert_eq!(follow_up_days(None), (STALLED_DAYS, None));
        assert_eq!(follow_up_days(Some(" ")), (STALLED_DAYS, None));
        assert_eq!(follow_up_days(Some("90")), (90, None));
        assert_eq!(follow_up_days(Some("7")), (7, None));
        for bad in ["6", "731", "-5", "30.5", "kuukausi"] {
            assert_eq!(
                follow_up_days(Some(bad)),
                (STALLED_DAYS, Some(bad.to_owned()))
            );
        }
    }

    #[test]
    fn exports_are_formula_safe_and_say_every_synergy_and_exchange() {
        let mut w = sample();
        w.listings[0].listing.title = "=HYPERLINK(\"http://x\")".into();
        let offer = w.listings[0].listing.id.clone();
        w.synergies[0].offer = offer;
        let csv = synergies_csv(&w, Lang::Fi);
        assert!(csv.contains(";\"'=HYPERLINK(\"\"http://x\"\")\";"), "{csv}");
        assert_eq!(csv.lines().count(), w.synergies.len() + 1);
        let csv = exchanges_csv(&w, Lang::En);
        assert_eq!(csv.lines().count(), w.exchanges.len() + 1);
        assert!(csv.starts_with("\u{feff}Id,Synergy,"), "{csv}");
    }
}
