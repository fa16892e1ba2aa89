//! The self-assessment (KIERTO-kartoitus): one theme per step, answers saved in localStorage on
//! every change, results with a radar chart and table, exports, a share link in the URL fragment
//! and comparison with an earlier result. All scoring is `kiertokit::assessment`.

mod i18n;
mod results;

use crate::host::{Config, Host, js_string};
use crate::i18n::{tagged, text_in, text_view};
use crate::shared::focus::focus_later;
use crate::shared::storage;
use i18n::{Strings, strings};
use kiertokit::assessment::{
    Answer, Answers, QuestionKind, Questionnaire, RecoveryStatus, ScoreOptions, ShareError,
    decode_share, recover_storage, to_storage_kept, visible_questions,
};
use kiertokit::vocab::parse_decimal;
use kiertokit::{Diagnostic, Lang};
use leptos::prelude::*;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Prefix of the URL fragment that carries shared answers.
const SHARE_PREFIX: &str = "#kt-sa=";
/// Step id saved while the results are shown.
const RESULTS_STEP: &str = "results";

/// Widget-specific options from `data-kt-*` attributes or the JS API.
#[derive(Debug, Default)]
pub struct Options {
    /// `data-kt-links`: `{link key: URL}` as JSON text (attribute) or an object (JS API), kept
    /// as JSON text; `Err` when the object cannot be written as JSON.
    pub links: Option<Result<String, String>>,
    /// `data-kt-region`: the partner's region (maakunta, Finnish or Swedish name), for regional
    /// services; the respondent's own answer wins where the questionnaire asks it.
    pub region: Option<String>,
    /// `data-kt-municipality`: written into the listing draft of the hand-off.
    pub municipality: Option<String>,
    /// `data-kt-impact-href`: the page with the impact calculator; the hand-off links there
    /// with a `#kt-impact:` pre-fill.
    pub impact_href: Option<String>,
}

/// The hand-off's settings from the partner page, kept for the results.
#[derive(Clone, Default)]
pub(super) struct HandoffPage {
    pub impact_href: Option<String>,
    pub municipality: String,
}

/// The impact calculator's address with the pre-fill fragment, when the partner's address is
/// a web address or a path (any fragment of its own is replaced; other schemes are refused).
pub(super) fn impact_link(href: &str, fragment: &str) -> Option<String> {
    let href = href.trim();
    let base = href.split('#').next().unwrap_or("");
    let scheme = base.split_once(':').map(|(s, _)| s.to_ascii_lowercase());
    let web = matches!(scheme.as_deref(), Some("https" | "http"));
    let path = scheme.is_none_or(|s| s.contains('/') || s.contains('?'));
    if href.is_empty() || !(web || path) || base.chars().any(char::is_whitespace) {
        return None;
    }
    Some(format!("{base}{fragment}"))
}

impl Options {
    /// Reads the loader's config by hand: serde_wasm_bindgen here costs kilobytes of wasm.
    pub fn from_js(value: &wasm_bindgen::JsValue) -> Options {
        Options {
            links: js_json(value, "links"),
            region: js_string(value, "region"),
            municipality: js_string(value, "municipality"),
            impact_href: js_string(value, "impactHref"),
        }
    }
}

/// `value[key]` as JSON text: a string as it is, any other value through `JSON.stringify`;
/// `None` when unset or null.
fn js_json(value: &wasm_bindgen::JsValue, key: &str) -> Option<Result<String, String>> {
    if !value.is_object() {
        return None;
    }
    let v = js_sys::Reflect::get(value, &wasm_bindgen::JsValue::from_str(key)).ok()?;
    if v.is_undefined() || v.is_null() {
        return None;
    }
    if let Some(text) = v.as_string() {
        return Some(Ok(text));
    }
    Some(
        js_sys::JSON::stringify(&v)
            .ok()
            .and_then(|t| t.as_string())
            .ok_or_else(|| format!("{key} cannot be written as JSON")),
    )
}

fn parse_links(value: Option<&Result<String, String>>) -> Result<BTreeMap<String, String>, String> {
    match value {
        None => Ok(BTreeMap::new()),
        Some(Err(message)) => Err(message.clone()),
        Some(Ok(text)) if text.trim().is_empty() => Ok(BTreeMap::new()),
        Some(Ok(text)) => serde_json::from_str(text).map_err(|e| e.to_string()),
    }
}

#[derive(Clone)]
enum Data {
    Loading,
    Ready(Arc<Questionnaire>, Arc<Vec<Diagnostic>>),
    Failed(String, Arc<Vec<Diagnostic>>),
}

fn current_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Replaces the page URL's fragment (None removes it) without adding a history entry.
fn replace_fragment(fragment: Option<&str>) -> Option<String> {
    let window = web_sys::window()?;
    let location = window.location();
    let base = format!("{}{}", location.pathname().ok()?, location.search().ok()?);
    let url = match fragment {
        Some(f) => format!("{base}{f}"),
        None => base,
    };
    let history = window.history().ok()?;
    history
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
        .ok()?;
    Some(format!("{}{url}", location.origin().ok()?))
}

fn diagnostics_view(
    s: &'static Strings,
    diagnostics: &[Diagnostic],
    open: bool,
    lang: Lang,
) -> AnyView {
    if diagnostics.is_empty() {
        return ().into_any();
    }
    view! {
        <details class="kt-sa-diagnostics" open=open>
            <summary>{s.diagnostics_title} " (" {diagnostics.len()} ")"</summary>
            <ul>
                {diagnostics
                    .iter()
                    .map(|d| view! { <li>{crate::i18n::diagnostic(d, lang)}</li> })
                    .collect_view()}
            </ul>
        </details>
    }
    .into_any()
}

pub fn self_assessment(config: Config, options: Options, host: Host) -> impl IntoView {
    let lang = config.lang();
    let region = options.region.clone().filter(|r| !r.trim().is_empty());
    let page = HandoffPage {
        impact_href: options.impact_href.clone(),
        municipality: options.municipality.clone().unwrap_or_default(),
    };
    let s = strings(lang);
    let host = StoredValue::new_local(host);
    let (links, links_ok) = match parse_links(options.links.as_ref()) {
        Ok(links) => (links, true),
        Err(message) => {
            host.with_value(|h| {
                h.emit_json(
                    "error",
                    &serde_json::json!({"kind": "links", "message": message}),
                );
            });
            (BTreeMap::new(), false)
        }
    };
    let data = RwSignal::new(Data::Loading);
    let apply = move |text: Result<String, String>| match text {
        Ok(text) => {
            let (q, diagnostics) = Questionnaire::from_json(&text).into_parts();
            let messages: Vec<String> = diagnostics.iter().map(|d| d.to_string()).collect();
            match q {
                Some(q) => {
                    if !messages.is_empty() {
                        host.with_value(|h| {
                            h.emit_json(
                                "error",
                                &serde_json::json!({"kind": "questionnaire", "diagnostics": messages}),
                            );
                        });
                    }
                    data.set(Data::Ready(Arc::new(q), Arc::new(diagnostics)));
                }
                None => {
                    host.with_value(|h| {
                        h.emit_json(
                            "error",
                            &serde_json::json!({"kind": "questionnaire", "fatal": true, "diagnostics": messages}),
                        );
                    });
                    data.set(Data::Failed(
                        s.load_failed.to_owned(),
                        Arc::new(diagnostics),
                    ));
                }
            }
        }
        Err(reason) => {
            host.with_value(|h| {
                h.emit_json(
                    "error",
                    &serde_json::json!({"kind": "load", "message": reason}),
                );
            });
            data.set(Data::Failed(
                s.load_network.replace("{e}", &reason),
                Arc::new(Vec::new()),
            ));
        }
    };
    if let Some(text) = config.inline_data.clone() {
        apply(Ok(text));
    } else if let Some(url) = config.src.clone() {
        let host = host.get_value();
        leptos::task::spawn_local(async move { apply(host.fetch_src(&url).await) });
    } else {
        // The loader points src at the built-in questionnaire beside it, so it is never compiled in.
        apply(Err("no data-kt-src".to_owned()));
    }

    view! {
        <section class="kt-sa" lang=lang.tag()>
            {move || match data.get() {
                Data::Loading => {
                    view! { <p class="kt-status" role="status">{s.loading}</p> }.into_any()
                }
                Data::Failed(message, diagnostics) => {
                    view! {
                        <div class="kt-error" role="alert">
                            <p>{message}</p>
                            {diagnostics_view(s, &diagnostics, true, lang)}
                        </div>
                    }
                        .into_any()
                }
                Data::Ready(q, diagnostics) => {
                    let options = ScoreOptions {
                        links: links.clone(),
                        region: region.clone(),
                        ..ScoreOptions::default()
                    };
                    wizard(q, diagnostics, options, links_ok, page.clone(), lang, host).into_any()
                }
            }}
        </section>
    }
}

/// One step: a theme that has questions.
#[derive(Clone)]
struct Step {
    id: String,
    /// The theme's title and, when it fell back to another language, that language's tag.
    title: (String, Option<&'static str>),
}

/// A validation error of one question.
#[derive(Clone, PartialEq)]
struct FieldError {
    question: String,
    index: usize,
    text: (String, Option<&'static str>),
    message: &'static str,
}

/// Shared state of one mounted questionnaire; every field is Copy, so closures capture it freely.
#[derive(Clone, Copy)]
struct Ctx {
    q: StoredValue<Arc<Questionnaire>>,
    steps: StoredValue<Vec<Step>>,
    key: StoredValue<String>,
    answers: RwSignal<Answers>,
    /// Answers an earlier questionnaire version had that fit no question now, saved back as is.
    set_aside: StoredValue<BTreeMap<String, serde_json::Value>>,
    /// Text typed into number fields, kept while it does not parse.
    raw: RwSignal<BTreeMap<String, String>>,
    errors: RwSignal<Vec<FieldError>>,
    step: RwSignal<usize>,
    /// Quick check: only the questions marked `quick` are asked; the result is provisional.
    /// Saved with the answers, so a reload keeps the choice.
    quick: RwSignal<bool>,
    root: NodeRef<leptos::html::Div>,
    lang: Lang,
    s: &'static Strings,
}

impl Ctx {
    fn step_id(&self, index: usize) -> String {
        self.steps
            .with_value(|steps| steps.get(index).map(|s| s.id.clone()))
            .unwrap_or_else(|| RESULTS_STEP.to_owned())
    }

    fn save(&self) {
        let step = self.step_id(self.step.get_untracked());
        let text = self.q.with_value(|q| {
            self.set_aside.with_value(|aside| {
                self.answers.with_untracked(|a| {
                    to_storage_kept(q, a, Some(&step), aside, self.quick.get_untracked())
                })
            })
        });
        self.key.with_value(|key| storage::set(key, &text));
    }

    fn set(&self, id: &str, answer: Option<Answer>) {
        self.answers.update(|a| match answer {
            Some(answer) => {
                a.insert(id.to_owned(), answer);
            }
            None => {
                a.remove(id);
            }
        });
        self.errors.update(|e| e.retain(|f| f.question != id));
        self.save();
    }

    /// Whether step `index` has a question to ask now (untracked); results count as one.
    fn has_questions(&self, index: usize) -> bool {
        let theme = self.step_id(index);
        let quick = self.quick.get_untracked();
        self.q.with_value(|q| {
            self.answers.with_untracked(|a| {
                theme == RESULTS_STEP
                    || visible_questions(q, a)
                        .iter()
                        .any(|x| x.theme == theme && (x.quick || !quick))
            })
        })
    }

    /// Visible questions of `theme` as (id, index in the questionnaire); tracks the answers.
    fn visible_in(&self, theme: &str) -> Vec<(String, usize)> {
        let quick = self.quick.get();
        self.q.with_value(|q| {
            self.answers.with(|a| {
                visible_questions(q, a)
                    .into_iter()
                    .filter(|x| x.theme == theme && (x.quick || !quick))
                    .map(|x| {
                        let index = q.questions.iter().position(|y| y.id == x.id).unwrap_or(0);
                        (x.id.clone(), index)
                    })
                    .collect()
            })
        })
    }

    /// Errors of the step; unanswered multiple-choice questions become "none of these".
    fn validate(&self, index: usize) -> Vec<FieldError> {
        let theme = self.step_id(index);
        let q = self.q.get_value();
        let answers = self.answers.get_untracked();
        let raw = self.raw.get_untracked();
        let quick = self.quick.get_untracked();
        let mut errors = Vec::new();
        let mut none_selected = Vec::new();
        for (position, question) in q.questions.iter().enumerate() {
            if question.theme != theme
                || (quick && !question.quick)
                || !visible_questions(&q, &answers)
                    .iter()
                    .any(|v| v.id == question.id)
            {
                continue;
            }
            let answer = answers.get(&question.id);
            let message = match question.kind {
                QuestionKind::Multiple => {
                    if answer.is_none() {
                        none_selected.push(question.id.clone());
                    }
                    None
                }
                QuestionKind::Number => match (answer, raw.get(&question.id)) {
                    (Some(Answer::Number(v)), _) if *v < 0.0 => Some(self.s.err_negative),
                    (Some(Answer::Number(v)), _)
                        if question.unit.as_deref() == Some("%") && *v > 100.0 =>
                    {
                        Some(self.s.err_percent)
                    }
                    (Some(_), _) => None,
                    (None, Some(text)) if !text.trim().is_empty() => Some(self.s.err_invalid),
                    (None, _) => Some(self.s.err_number),
                },
                _ => answer.is_none().then_some(self.s.err_choose),
            };
            if let Some(message) = message {
                errors.push(FieldError {
                    question: question.id.clone(),
                    index: position,
                    text: text_in(&question.text, self.lang),
                    message,
                });
            }
        }
        if errors.is_empty() && !none_selected.is_empty() {
            self.answers.update(|a| {
                for id in none_selected {
                    a.insert(id, Answer::List(Vec::new()));
                }
            });
            self.save();
        }
        errors
    }
}

fn wizard(
    q: Arc<Questionnaire>,
    diagnostics: Arc<Vec<Diagnostic>>,
    options: ScoreOptions,
    links_ok: bool,
    page: HandoffPage,
    lang: Lang,
    host: StoredValue<Host, LocalStorage>,
) -> impl IntoView {
    let s = strings(lang);
    let key = format!("kiertokit:assessment:v1:{}", q.id);
    let steps: Vec<Step> = q
        .themes
        .iter()
        .filter(|t| q.questions.iter().any(|x| x.theme == t.id))
        .map(|t| Step {
            id: t.id.clone(),
            title: text_in(&t.title, lang),
        })
        .collect();
    let n = steps.len();

    // Saved answers first; a share link in the URL wins over them.
    let stored = storage::get(&key).unwrap_or_default();
    let recovered = recover_storage(&q, &stored);
    let set_aside = recovered.set_aside.clone();
    let first_quick = recovered.quick;
    let status = recovered.status;
    let mut notice: Option<(String, bool)> = match status {
        RecoveryStatus::Empty => None,
        RecoveryStatus::Intact => Some((s.resumed.to_owned(), false)),
        RecoveryStatus::Migrated => Some((s.migrated.to_owned(), false)),
        RecoveryStatus::Repaired => Some((
            s.repaired
                .replace("{n}", &recovered.answers.len().to_string()),
            true,
        )),
        RecoveryStatus::Unreadable => Some((s.unreadable.to_owned(), true)),
    };
    if matches!(
        status,
        RecoveryStatus::Repaired | RecoveryStatus::Unreadable
    ) {
        let dropped: Vec<String> = recovered.dropped.iter().map(|d| d.to_string()).collect();
        host.with_value(|h| {
            h.emit_json(
                "error",
                &serde_json::json!({"kind": "storage", "status": status, "dropped": dropped}),
            );
        });
    }
    let mut first_answers = recovered.answers;
    let mut first_step = recovered
        .step
        .and_then(|id| {
            if id == RESULTS_STEP {
                Some(n)
            } else {
                steps.iter().position(|s| s.id == id)
            }
        })
        .unwrap_or(0);
    if let Some(link) = current_hash().strip_prefix(SHARE_PREFIX) {
        match decode_share(&q, link) {
            Ok(shared) => {
                let migrated = shared
                    .diagnostics
                    .iter()
                    .any(|d| d.code == kiertokit::Code::OtherVersion);
                first_answers = shared.answers;
                first_step = n;
                let text = if migrated {
                    s.shared_migrated
                } else {
                    s.shared
                };
                notice = Some((text.to_owned(), false));
            }
            // A link for another questionnaire on the same page belongs to another widget.
            Err(ShareError::WrongQuestionnaire { .. }) => {}
            Err(e) => {
                notice = Some((s.share_invalid.to_owned(), true));
                host.with_value(|h| {
                    h.emit_json(
                        "error",
                        &serde_json::json!({"kind": "share", "message": e.to_string()}),
                    );
                });
            }
        }
    }

    let (title, title_lang) = text_in(&q.title, lang);
    let (intro, intro_lang) = text_in(&q.intro, lang);
    let question_count = q.questions.len();
    let has_quick = q.questions.iter().any(|x| x.quick);
    let q_ref = serde_json::json!({"id": q.id, "version": q.version});
    let ctx = Ctx {
        q: StoredValue::new(q),
        steps: StoredValue::new(steps.clone()),
        key: StoredValue::new(key),
        answers: RwSignal::new(first_answers),
        set_aside: StoredValue::new(set_aside),
        raw: RwSignal::new(BTreeMap::new()),
        errors: RwSignal::new(Vec::new()),
        step: RwSignal::new(first_step.min(n)),
        quick: RwSignal::new(first_quick),
        root: NodeRef::new(),
        lang,
        s,
    };
    let notice = RwSignal::new(notice);
    let confirm = RwSignal::new(false);
    let options = StoredValue::new(options);
    let page = StoredValue::new(page);
    host.with_value(|h| {
        h.emit_json(
            "ready",
            &serde_json::json!({"widget": "self-assessment", "questionnaire": q_ref,
                "questions": question_count, "restored": status}),
        );
    });

    let go = move |index: usize| {
        // Leaving the results: a stale share link in the URL must not override later edits on reload.
        if index < n && current_hash().starts_with(SHARE_PREFIX) {
            replace_fragment(None);
        }
        ctx.errors.set(Vec::new());
        ctx.step.set(index);
        ctx.save();
        let id = ctx.step_id(index);
        host.with_value(|h| h.emit_json("step", &serde_json::json!({"step": id, "index": index})));
        focus_later(ctx.root, ".kt-sa-step-heading".to_owned());
    };
    let next = move || {
        let index = ctx.step.get_untracked();
        let errors = ctx.validate(index);
        if errors.is_empty() {
            // Steps with nothing to ask this respondent (after branching) are passed over.
            let target = (index + 1..n).find(|i| ctx.has_questions(*i)).unwrap_or(n);
            go(target);
        } else {
            ctx.errors.set(errors);
            focus_later(ctx.root, ".kt-sa-summary".to_owned());
        }
    };
    // The previous step that has something to ask; the first step always does.
    let back_from = move |index: usize| {
        (0..index)
            .rev()
            .find(|i| ctx.has_questions(*i))
            .unwrap_or(0)
    };
    let clear = move |_| {
        ctx.key.with_value(|key| storage::remove(key));
        if current_hash().starts_with(SHARE_PREFIX) {
            replace_fragment(None);
        }
        ctx.answers.set(Answers::new());
        ctx.raw.set(BTreeMap::new());
        ctx.errors.set(Vec::new());
        confirm.set(false);
        notice.set(Some((s.cleared.to_owned(), false)));
        ctx.step.set(0);
        host.with_value(|h| {
            h.emit_json(
                "step",
                &serde_json::json!({"step": ctx.step_id(0), "index": 0}),
            );
        });
        focus_later(ctx.root, ".kt-sa-step-heading".to_owned());
    };

    let step_items = steps
        .iter()
        .map(|st| st.title.clone())
        .chain(std::iter::once((s.results_step.to_owned(), None)))
        .enumerate()
        .map(|(i, (title, title_lang))| {
            let current = move || (ctx.step.get() == i).then_some("step");
            let class = move || {
                let now = ctx.step.get();
                if now == i {
                    "kt-sa-step-item kt-sa-current"
                } else if i < now {
                    "kt-sa-step-item kt-sa-done"
                } else {
                    "kt-sa-step-item"
                }
            };
            view! {
                <li class=class aria-current=current>
                    <span class="kt-sa-step-number">{i + 1}</span>
                    <span class="kt-sa-step-title" lang=title_lang>{title}</span>
                </li>
            }
        })
        .collect_view();

    let progress_text = move || {
        s.progress
            .replace("{i}", &(ctx.step.get().min(n) + 1).to_string())
            .replace("{n}", &(n + 1).to_string())
    };

    let body = move || {
        let index = ctx.step.get();
        if index >= n {
            view! {
                <div class="kt-sa-stepbody">
                    {results::results(ctx, &options.get_value(), &page.get_value(), host)}
                    <div class="kt-sa-nav">
                        <button
                            type="button"
                            class="kt-button kt-secondary"
                            on:click=move |_| go(back_from(n))
                        >
                            {s.edit}
                        </button>
                    </div>
                </div>
            }
            .into_any()
        } else {
            step_form(ctx, index, n, move || go(back_from(index)), next).into_any()
        }
    };

    let clear_area = move || {
        if confirm.get() {
            view! {
                <div class="kt-sa-confirm" role="group" aria-labelledby="kt-sa-confirm-q">
                    <p id="kt-sa-confirm-q">{s.clear_question}</p>
                    <div class="kt-sa-buttons">
                        <button type="button" class="kt-button kt-sa-danger" on:click=clear>
                            {s.clear_yes}
                        </button>
                        <button
                            type="button"
                            class="kt-button kt-secondary kt-sa-confirm-no"
                            on:click=move |_| {
                                confirm.set(false);
                                focus_later(ctx.root, ".kt-sa-clear-button".to_owned());
                            }
                        >
                            {s.clear_no}
                        </button>
                    </div>
                </div>
            }
            .into_any()
        } else {
            view! {
                <button
                    type="button"
                    class="kt-button kt-secondary kt-sa-clear-button"
                    on:click=move |_| {
                        confirm.set(true);
                        focus_later(ctx.root, ".kt-sa-confirm-no".to_owned());
                    }
                >
                    {s.clear}
                </button>
            }
            .into_any()
        }
    };

    view! {
        <div class="kt-sa-wizard" node_ref=ctx.root>
            <h2 class="kt-heading" lang=title_lang>{title}</h2>
            {(!intro.is_empty()).then(|| view! { <p class="kt-sa-intro" lang=intro_lang>{intro}</p> })}
            {(!links_ok).then(|| view! { <p class="kt-notice kt-sa-warning">{s.links_invalid}</p> })}
            {diagnostics_view(s, &diagnostics, false, lang)}
            {has_quick
                .then(|| {
                    view! {
                        <div class="kt-sa-quick">
                            <button
                                type="button"
                                class="kt-button kt-secondary kt-sa-quick-toggle"
                                aria-pressed=move || if ctx.quick.get() { "true" } else { "false" }
                                aria-describedby="kt-sa-quick-hint"
                                on:click=move |_| {
                                    ctx.quick.update(|q| *q = !*q);
                                    ctx.errors.set(Vec::new());
                                    if !ctx.has_questions(ctx.step.get_untracked()) {
                                        ctx.step.set(0);
                                    }
                                    ctx.save();
                                }
                            >
                                {s.quick_button}
                            </button>
                            <p class="kt-hint" id="kt-sa-quick-hint">
                                {move || if ctx.quick.get() { s.quick_on } else { s.quick_hint }}
                            </p>
                        </div>
                    }
                })}
            <div class="kt-sa-status" role="status">
                {move || {
                    notice
                        .get()
                        .map(|(text, warning)| {
                            let class = if warning {
                                "kt-notice kt-sa-warning"
                            } else {
                                "kt-notice"
                            };
                            view! { <p class=class>{text}</p> }
                        })
                }}
            </div>
            <ol class="kt-sa-steps" aria-label=s.steps_label>
                {step_items}
            </ol>
            <div class="kt-sa-progress">
                <p id="kt-sa-progress-text" class="kt-sa-progress-text">{progress_text}</p>
                <progress
                    max=n + 1
                    prop:value=move || (ctx.step.get().min(n) + 1) as f64
                    aria-labelledby="kt-sa-progress-text"
                ></progress>
            </div>
            {body}
            <div class="kt-sa-footer">
                <p class="kt-hint">{s.saved_note}</p>
                {clear_area}
            </div>
        </div>
    }
}

fn step_form(
    ctx: Ctx,
    index: usize,
    n: usize,
    back: impl Fn() + Copy + 'static,
    next: impl Fn() + Copy + 'static,
) -> impl IntoView {
    let s = ctx.s;
    let (theme, (title, title_lang)) = ctx
        .steps
        .with_value(|st| st.get(index).map(|x| (x.id.clone(), x.title.clone())))
        .unwrap_or_default();
    let (description, description_lang) = ctx.q.with_value(|q| {
        q.themes
            .iter()
            .find(|t| t.id == theme)
            .map(|t| text_in(&t.description, ctx.lang))
            .unwrap_or_default()
    });
    let visible = {
        let theme = theme.clone();
        Memo::new(move |_| ctx.visible_in(&theme))
    };
    let summary = move || {
        let errors = ctx.errors.get();
        (!errors.is_empty()).then(|| {
            view! {
                <div class="kt-sa-summary" tabindex="-1" role="group" aria-labelledby="kt-sa-summary-title">
                    <h4 id="kt-sa-summary-title" class="kt-sa-summary-title">{s.summary_title}</h4>
                    <ul>
                        {errors
                            .into_iter()
                            .map(|e| {
                                let target = format!("#kt-sa-q{}-0", e.index);
                                let href = target.clone();
                                view! {
                                    <li>
                                        <a
                                            href=href
                                            on:click=move |ev| {
                                                ev.prevent_default();
                                                focus_later(ctx.root, target.clone());
                                            }
                                        >
                                            {tagged(e.text)}
                                            " – "
                                            {e.message}
                                        </a>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </div>
            }
        })
    };
    let last = index + 1 == n;
    view! {
        <form
            class="kt-sa-stepbody"
            novalidate
            on:submit=move |ev| {
                ev.prevent_default();
                next();
            }
        >
            {summary}
            <fieldset class="kt-sa-step">
                <legend class="kt-sa-legend">
                    <h3 class="kt-sa-step-heading" tabindex="-1" lang=title_lang>{title}</h3>
                </legend>
                {(!description.is_empty()).then(|| view! { <p class="kt-hint" lang=description_lang>{description}</p> })}
                <For
                    each=move || visible.get()
                    key=|(id, _)| id.clone()
                    children=move |(_, qi)| question_view(ctx, qi)
                />
                <Show when=move || visible.with(Vec::is_empty)>
                    <p class="kt-notice">{s.no_questions}</p>
                </Show>
            </fieldset>
            <div class="kt-sa-nav">
                {(index > 0)
                    .then(|| {
                        view! {
                            <button
                                type="button"
                                class="kt-button kt-secondary kt-sa-back"
                                on:click=move |_| back()
                            >
                                {s.back}
                            </button>
                        }
                    })}
                <button type="submit" class="kt-button kt-sa-next">
                    {if last { s.to_results } else { s.next }}
                </button>
            </div>
        </form>
    }
}

/// Plain number text for an input field (no rounding, decimal comma in fi/sv).
fn input_number(value: f64, lang: Lang) -> String {
    let text = value.to_string();
    match lang {
        Lang::Fi | Lang::Sv => text.replace('.', ","),
        Lang::En => text,
    }
}

fn question_view(ctx: Ctx, qi: usize) -> AnyView {
    let q = ctx.q.get_value();
    let Some(question) = q.questions.get(qi) else {
        return ().into_any();
    };
    let (lang, s) = (ctx.lang, ctx.s);
    let id = question.id.clone();
    let (text, text_lang) = text_in(&question.text, lang);
    let (help, help_lang) = text_in(&question.help, lang);
    let base = format!("kt-sa-q{qi}");
    let help_id = format!("{base}-help");
    let err_id = format!("{base}-err");
    let extra_hint = (question.kind == QuestionKind::Multiple).then(|| format!("{base}-multi"));
    let error = {
        let id = id.clone();
        Memo::new(move |_| {
            ctx.errors
                .with(|e| e.iter().find(|f| f.question == id).map(|f| f.message))
        })
    };
    let described_by = {
        let (help_id, err_id) = (help_id.clone(), err_id.clone());
        let has_help = !help.is_empty();
        let extra_hint = extra_hint.clone();
        move || {
            let mut ids: Vec<String> = Vec::new();
            if has_help {
                ids.push(help_id.clone());
            }
            if let Some(hint) = &extra_hint {
                ids.push(hint.clone());
            }
            if error.get().is_some() {
                ids.push(err_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let invalid = move || error.get().is_some().then_some("true");
    let help_view = (!help.is_empty())
        .then(|| view! { <p class="kt-hint" id=help_id lang=help_lang>{help}</p> });
    let error_view = move || {
        error.get().map(|m| {
            view! {
                <p class="kt-sa-field-error" id=err_id.clone()>
                    <span class="kt-visually-hidden">{s.error_prefix}</span>
                    {m}
                </p>
            }
        })
    };
    let extra_view =
        extra_hint.map(|hid| view! { <p class="kt-hint" id=hid>{s.multiple_hint}</p> });

    // A figure is asked as its scoring ranges where it can be (an estimate is enough).
    let ranged = question.asked_as_ranges();
    let inputs = match (question.kind, ranged) {
        (QuestionKind::Single | QuestionKind::Scale | QuestionKind::YesNo, _)
        | (QuestionKind::Number, true) => {
            let mut choices: Vec<((String, Option<&str>), Answer)> = match question.kind {
                QuestionKind::Number => question
                    .bands
                    .iter()
                    .map(|b| {
                        let unit = question.unit.as_deref().unwrap_or_default();
                        (
                            range_label(b, unit, lang),
                            Answer::number(b.representative()),
                        )
                    })
                    .collect(),
                QuestionKind::Single => question
                    .options
                    .iter()
                    .map(|o| (text_in(&o.text, lang), Answer::option(&o.id)))
                    .collect(),
                QuestionKind::Scale => (0..5)
                    .map(|i| {
                        let label = match question.scale_labels.get(i) {
                            Some(t) if question.scale_labels.len() == 5 => text_in(t, lang),
                            _ => (i.to_string(), None),
                        };
                        (label, Answer::number(i as f64))
                    })
                    .collect(),
                _ => vec![
                    ((s.yes.to_owned(), None), Answer::yes()),
                    ((s.no.to_owned(), None), Answer::no()),
                ],
            };
            if question.dont_know {
                choices.push(((s.dont_know.to_owned(), None), Answer::dont_know()));
            }
            if question.not_applicable {
                choices.push((
                    (s.not_applicable.to_owned(), None),
                    Answer::not_applicable(),
                ));
            }
            choices
                .into_iter()
                .enumerate()
                .map(|(i, ((label, label_lang), answer))| {
                    let input_id = format!("{base}-{i}");
                    let checked = {
                        let (id, answer) = (id.clone(), answer.clone());
                        let band = ranged.then(|| question.clone());
                        move || {
                            ctx.answers.with(|a| match (a.get(&id), &answer, &band) {
                                // A figure typed before (or shared) shows as its range.
                                (Some(Answer::Number(v)), Answer::Number(r), Some(q)) => {
                                    q.band_of(*v).is_some() && q.band_of(*v) == q.band_of(*r)
                                }
                                (got, _, _) => got == Some(&answer),
                            })
                        }
                    };
                    let id = id.clone();
                    view! {
                        <div class="kt-sa-choice">
                            <input
                                type="radio"
                                id=input_id.clone()
                                name=base.clone()
                                prop:checked=checked
                                aria-invalid=invalid
                                on:change=move |_| ctx.set(&id, Some(answer.clone()))
                            />
                            <label for=input_id lang=label_lang>{label}</label>
                        </div>
                    }
                })
                .collect_view()
                .into_any()
        }
        (QuestionKind::Multiple, _) => {
            let option_ids: Arc<Vec<String>> =
                Arc::new(question.options.iter().map(|o| o.id.clone()).collect());
            let boxes = question
                .options
                .iter()
                .enumerate()
                .map(|(i, o)| {
                    let input_id = format!("{base}-{i}");
                    let oid = o.id.clone();
                    let checked = {
                        let (id, oid) = (id.clone(), oid.clone());
                        move || {
                            ctx.answers.with(|a| {
                                matches!(a.get(&id), Some(Answer::List(l)) if l.contains(&oid))
                            })
                        }
                    };
                    let id = id.clone();
                    let option_ids = option_ids.clone();
                    view! {
                        <div class="kt-sa-choice">
                            <input
                                type="checkbox"
                                id=input_id.clone()
                                name=base.clone()
                                prop:checked=checked
                                aria-invalid=invalid
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    let mut chosen = match ctx.answers.with_untracked(|a| a.get(&id).cloned()) {
                                        Some(Answer::List(list)) => list,
                                        _ => Vec::new(),
                                    };
                                    chosen.retain(|x| x != &oid);
                                    if on {
                                        chosen.push(oid.clone());
                                    }
                                    // Questionnaire order keeps exports and share links stable.
                                    let ordered = option_ids
                                        .iter()
                                        .filter(|x| chosen.contains(x))
                                        .cloned()
                                        .collect();
                                    ctx.set(&id, Some(Answer::List(ordered)));
                                }
                            />
                            <label for=input_id>{text_view(&o.text, lang)}</label>
                        </div>
                    }
                })
                .collect_view();
            // "Don't know" and "not applicable" exclude the options and each other.
            let specials: Vec<(String, Answer)> = [
                (question.dont_know, s.dont_know, Answer::dont_know()),
                (
                    question.not_applicable,
                    s.not_applicable,
                    Answer::not_applicable(),
                ),
            ]
            .into_iter()
            .filter(|(on, _, _)| *on)
            .map(|(_, label, answer)| (label.to_owned(), answer))
            .collect();
            let dont_know = specials
                .into_iter()
                .enumerate()
                .map(|(k, (label, special))| {
                    let input_id = format!("{base}-{}", question.options.len() + k);
                    let checked = {
                        let (id, special) = (id.clone(), special.clone());
                        move || ctx.answers.with(|a| a.get(&id) == Some(&special))
                    };
                    let id = id.clone();
                    view! {
                        <div class="kt-sa-choice kt-sa-dont-know">
                            <input
                                type="checkbox"
                                id=input_id.clone()
                                name=base.clone()
                                prop:checked=checked
                                aria-invalid=invalid
                                on:change=move |ev| {
                                    let answer = event_target_checked(&ev).then(|| special.clone());
                                    ctx.set(&id, answer);
                                }
                            />
                            <label for=input_id>{label}</label>
                        </div>
                    }
                })
                .collect_view();
            view! { {boxes} {dont_know} }.into_any()
        }
        (QuestionKind::Number, false) => {
            let input_id = format!("{base}-0");
            let hint_id = format!("{base}-hint");
            let label = match &question.unit {
                Some(unit) => format!("{} ({})", s.number_label, crate::i18n::unit(unit, lang)),
                None => s.number_label.to_owned(),
            };
            let value = {
                let id = id.clone();
                move || {
                    ctx.raw.with(|r| r.get(&id).cloned()).unwrap_or_else(|| {
                        ctx.answers.with(|a| match a.get(&id) {
                            Some(Answer::Number(v)) => input_number(*v, lang),
                            _ => String::new(),
                        })
                    })
                }
            };
            let on_input = {
                let id = id.clone();
                move |ev| {
                    let text = event_target_value(&ev);
                    let answer = if text.trim().is_empty() {
                        None
                    } else {
                        parse_decimal(&text)
                            .filter(|v| v.is_finite())
                            .map(Answer::number)
                    };
                    ctx.raw.update(|r| {
                        r.insert(id.clone(), text);
                    });
                    ctx.set(&id, answer);
                }
            };
            let specials: Vec<(&str, String, Answer)> = [
                (question.dont_know, "dk", s.dont_know, Answer::dont_know()),
                (
                    question.not_applicable,
                    "na",
                    s.not_applicable,
                    Answer::not_applicable(),
                ),
            ]
            .into_iter()
            .filter(|(on, _, _, _)| *on)
            .map(|(_, suffix, label, answer)| (suffix, label.to_owned(), answer))
            .collect();
            let dont_know = specials
                .into_iter()
                .map(|(suffix, label, special)| {
                    let dk_id = format!("{base}-{suffix}");
                    let checked = {
                        let (id, special) = (id.clone(), special.clone());
                        move || ctx.answers.with(|a| a.get(&id) == Some(&special))
                    };
                    let id = id.clone();
                    view! {
                        <div class="kt-sa-choice kt-sa-dont-know">
                            <input
                                type="checkbox"
                                id=dk_id.clone()
                                prop:checked=checked
                                on:change=move |ev| {
                                    ctx.raw.update(|r| {
                                        r.remove(&id);
                                    });
                                    let answer = event_target_checked(&ev).then(|| special.clone());
                                    ctx.set(&id, answer);
                                }
                            />
                            <label for=dk_id>{label}</label>
                        </div>
                    }
                })
                .collect_view();
            view! {
                <div class="kt-field">
                    <label for=input_id.clone()>{label}</label>
                    <p class="kt-hint" id=hint_id.clone()>{s.number_hint}</p>
                    <input
                        type="text"
                        inputmode="decimal"
                        autocomplete="off"
                        class="kt-input kt-sa-number"
                        id=input_id
                        aria-describedby=hint_id
                        aria-invalid=invalid
                        prop:value=value
                        on:input=on_input
                    />
                </div>
                {dont_know}
            }
            .into_any()
        }
    };

    view! {
        <fieldset class="kt-sa-question" id=base.clone() aria-describedby=described_by>
            <legend class="kt-sa-question-text" lang=text_lang>{text}</legend>
            {help_view}
            {extra_view}
            {error_view}
            <div class="kt-sa-choices">{inputs}</div>
        </fieldset>
    }
    .into_any()
}

/// A scoring band as a choice: its own label where the questionnaire gives one, else
/// "under 5 %", "5–15 %", "50 % or more" in the page's language.
fn range_label(
    b: &kiertokit::assessment::Band,
    unit: &str,
    lang: Lang,
) -> (String, Option<&'static str>) {
    if !b.label.resolve(lang).0.is_empty() {
        return text_in(&b.label, lang);
    }
    let n = |v: f64| crate::shared::format::readable(v, lang);
    let unit = crate::i18n::unit(unit, lang);
    let with_unit = |text: String| {
        if unit.is_empty() {
            text
        } else {
            format!("{text}\u{a0}{unit}")
        }
    };
    let text = match (b.min, b.max, lang) {
        (Some(min), Some(max), _) => with_unit(format!("{}–{}", n(min), n(max))),
        (None, Some(max), Lang::Fi) => format!("alle {}", with_unit(n(max))),
        (None, Some(max), _) => format!("under {}", with_unit(n(max))),
        (Some(min), None, Lang::Fi) => format!("{} tai enemmän", with_unit(n(min))),
        (Some(min), None, Lang::Sv) => format!("{} eller mer", with_unit(n(min))),
        (Some(min), None, Lang::En) => format!("{} or more", with_unit(n(min))),
        (None, None, _) => String::new(),
    };
    (text, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partner_links_come_as_text_or_object_and_bad_text_is_an_error() {
        let text = Ok(r#"{"materiaalitori": "https://example.fi/tori"}"#.to_owned());
        assert_eq!(
            parse_links(Some(&text))
                .ok()
                .and_then(|l| l.get("materiaalitori").cloned()),
            Some("https://example.fi/tori".to_owned())
        );
        assert!(parse_links(Some(&Ok("{nope".to_owned()))).is_err());
        assert!(parse_links(Some(&Ok(r#"{"keino": 1}"#.to_owned()))).is_err());
        assert!(parse_links(Some(&Err("links cannot be written as JSON".to_owned()))).is_err());
        assert_eq!(
            parse_links(Some(&Ok(" ".to_owned()))).map(|l| l.len()),
            Ok(0)
        );
        assert_eq!(parse_links(None).map(|l| l.len()), Ok(0));
    }

    #[test]
    fn the_impact_link_keeps_web_addresses_and_paths_and_refuses_scripts() {
        let f = "#kt-impact:material=wood";
        assert_eq!(
            impact_link("https://partner.example/laskuri#top", f).as_deref(),
            Some("https://partner.example/laskuri#kt-impact:material=wood")
        );
        assert_eq!(
            impact_link("impact.html", f).as_deref(),
            Some("impact.html#kt-impact:material=wood")
        );
        assert_eq!(
            impact_link("/fi/vaikutukset?x=1", f).as_deref(),
            Some("/fi/vaikutukset?x=1#kt-impact:material=wood")
        );
        for bad in [
            "javascript:alert(1)",
            " JavaScript:x",
            "data:text/html,x",
            "",
            "a b.html",
        ] {
            assert_eq!(impact_link(bad, f), None, "{bad}");
        }
    }

    #[test]
    fn numbers_use_a_decimal_comma_in_finnish_and_swedish() {
        assert_eq!(i18n::number(41.06, Lang::Fi), "41,1");
        assert_eq!(i18n::number(60.0, Lang::Sv), "60");
        assert_eq!(i18n::number(-3.25, Lang::En), "-3.3");
        assert_eq!(i18n::number(-3.25, Lang::Fi), "\u{2212}3,3");
        assert_eq!(input_number(12.5, Lang::Fi), "12,5");
    }
}
