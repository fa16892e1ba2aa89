//! The closing survey for a partner's "close listing" page: did the listing lead to an
//! exchange, with whom, how much, and if not, why. The answer goes to the page as `kt:survey`
//! and can be downloaded, copied or e-mailed to the coordinator; the widget sends nothing.

mod i18n;

use crate::host::{Config, Host, js_string};
use crate::shared::browser::{download, today};
use crate::shared::mail::plain_address;
use i18n::{Strings, strings};
use kiertokit::matching::Recurrence;
use kiertokit::vocab::parse_decimal;
use kiertokit::workspace::{DropReason, SurveyAnswer, SurveyOutcome};
use kiertokit::{Lang, Quantity, Unit};
use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::{JsCast, JsValue};

/// `data-kt-*` options of the survey.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// `data-kt-listing`: the id of the listing being closed (required).
    pub listing: Option<String>,
    /// `data-kt-synergy`: the synergy the answer is about, when the page knows it.
    pub synergy: Option<String>,
    /// `data-kt-coordinator`: the coordinator's e-mail address for the mailto link.
    pub coordinator: Option<String>,
    /// `data-kt-listing-title`: the listing's title, shown above the question.
    pub title: Option<String>,
}

impl Options {
    pub fn from_js(value: &JsValue) -> Options {
        let text = |key: &str| js_string(value, key).filter(|s| !s.trim().is_empty());
        Options {
            listing: text("listing").map(|s| s.trim().to_owned()),
            synergy: text("synergy").map(|s| s.trim().to_owned()),
            coordinator: text("coordinator").and_then(|s| plain_address(&s)),
            title: text("listingTitle"),
        }
    }
}

/// An id that stays unique across answers from many pages: listing, time and a random part.
fn answer_id(listing: &str) -> String {
    let random = (js_sys::Math::random() * 1e9) as u64;
    format!("{listing}-{}-{random:09}", js_sys::Date::now() as u64)
}

/// What the amount field holds: nothing, a quantity, or the message to show.
fn parse_amount(text: &str, s: &'static Strings) -> Result<Option<f64>, &'static str> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    match parse_decimal(text) {
        None => Err(s.err_amount),
        Some(v) if v < 0.0 => Err(s.err_negative),
        Some(v) => Ok(Some(v)),
    }
}

/// The answer as a person reads it, for the e-mail body.
fn readable(a: &SurveyAnswer, lang: Lang) -> String {
    let s = strings(lang);
    let mut lines = vec![
        format!("{}: {}", s.listing_label, a.listing),
        format!("{} {}", s.question, i18n::outcome(a.outcome, lang)),
    ];
    if let Some(p) = &a.partner {
        lines.push(format!("{} {p}", s.partner_label));
    }
    if let Some(q) = a.quantity {
        lines.push(format!(
            "{} {} {} ({})",
            s.amount_label,
            q.amount,
            i18n::unit(q.unit, lang),
            i18n::recurrence(a.recurrence, lang).to_lowercase()
        ));
    }
    if let Some(r) = a.reason {
        let q = if a.outcome == SurveyOutcome::Partly {
            s.reason_partly
        } else {
            s.reason_no
        };
        lines.push(format!("{q} {}", i18n::reason(r, lang)));
    }
    if !a.comment.is_empty() {
        lines.push(format!("{}: {}", s.comment_label, a.comment));
    }
    if a.contact_permission {
        lines.push(s.contact_label.to_owned());
    }
    lines.join("\n")
}

fn mailto(address: &str, a: &SurveyAnswer, json: &str, lang: Lang) -> String {
    let subject = strings(lang).mail_subject.replace("{listing}", &a.listing);
    let body = format!("{}\n\n{json}\n", readable(a, lang));
    crate::shared::mail::mailto(address, &subject, &body)
}

/// `navigator.clipboard.writeText(text)`, read by hand (the API needs no web-sys feature then).
async fn copy_text(text: &str) -> Result<(), JsValue> {
    let navigator = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("navigator"))?;
    let clipboard = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard"))?;
    let write: js_sys::Function =
        js_sys::Reflect::get(&clipboard, &JsValue::from_str("writeText"))?.dyn_into()?;
    let promise: js_sys::Promise = write
        .call1(&clipboard, &JsValue::from_str(text))?
        .dyn_into()?;
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .map(|_| ())
}

/// Moves focus to `selector` in the widget once it has rendered.
fn focus_later(root: NodeRef<leptos::html::Section>, selector: &'static str) {
    set_timeout(
        move || {
            if let Some(section) = root.get_untracked()
                && let Ok(Some(el)) = section.query_selector(selector)
                && let Ok(el) = el.dyn_into::<web_sys::HtmlElement>()
            {
                let _ = el.focus();
            }
        },
        Duration::from_millis(30),
    );
}

const OUTCOMES: [(SurveyOutcome, &str); 3] = [
    (SurveyOutcome::Yes, "yes"),
    (SurveyOutcome::Partly, "partly"),
    (SurveyOutcome::No, "no"),
];
const UNITS: [(Unit, &str); 4] = [
    (Unit::Tonne, "t"),
    (Unit::Kg, "kg"),
    (Unit::CubicMetre, "m3"),
    (Unit::Piece, "pcs"),
];
const RECURRENCES: [(Recurrence, &str); 4] = [
    (Recurrence::OneOff, "one-off"),
    (Recurrence::PerYear, "per-year"),
    (Recurrence::PerMonth, "per-month"),
    (Recurrence::PerWeek, "per-week"),
];

pub fn closing_survey(config: Config, options: Options, host: Host) -> impl IntoView {
    let lang = config.lang();
    let s = strings(lang);
    let Some(listing) = options.listing.clone() else {
        host.emit_json(
            "error",
            &serde_json::json!({"kind": "config", "message": "data-kt-listing is missing"}),
        );
        return view! {
            <section class="kt-survey" lang=lang.tag()>
                <p class="kt-error" role="alert">{s.no_listing}</p>
            </section>
        }
        .into_any();
    };
    host.emit_json(
        "ready",
        &serde_json::json!({"widget": "closing-survey", "listing": listing}),
    );
    let root = NodeRef::<leptos::html::Section>::new();
    let outcome = RwSignal::new(None::<SurveyOutcome>);
    let partner = RwSignal::new(String::new());
    let amount = RwSignal::new(String::new());
    let unit = RwSignal::new(Unit::Tonne);
    let recurrence = RwSignal::new(Recurrence::OneOff);
    let reason = RwSignal::new(None::<DropReason>);
    let contact = RwSignal::new(false);
    let comment = RwSignal::new(String::new());
    let tried = RwSignal::new(false);
    let done = RwSignal::new(None::<(SurveyAnswer, String)>);
    let copy_status = RwSignal::new(None::<&'static str>);

    let outcome_error =
        Memo::new(move |_| (tried.get() && outcome.get().is_none()).then_some(s.err_outcome));
    let amount_error = Memo::new(move |_| parse_amount(&amount.get(), s).err());
    let exchanged = move || {
        matches!(
            outcome.get(),
            Some(SurveyOutcome::Yes | SurveyOutcome::Partly)
        )
    };
    let asks_reason = move || {
        matches!(
            outcome.get(),
            Some(SurveyOutcome::No | SurveyOutcome::Partly)
        )
    };

    let submit = {
        let host = host.clone();
        let listing = listing.clone();
        let synergy = options.synergy.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            tried.set(true);
            let Some(o) = outcome.get_untracked() else {
                focus_later(root, "input[name=kt-cs-outcome]");
                return;
            };
            let wants_amount = matches!(o, SurveyOutcome::Yes | SurveyOutcome::Partly);
            let quantity = if wants_amount {
                match parse_amount(&amount.get_untracked(), s) {
                    Ok(v) => v.map(|amount| Quantity {
                        amount,
                        unit: unit.get_untracked(),
                    }),
                    Err(_) => {
                        focus_later(root, "#kt-cs-amount");
                        return;
                    }
                }
            } else {
                None
            };
            let text = |v: String| Some(v.trim().to_owned()).filter(|t| !t.is_empty());
            let answer = SurveyAnswer {
                id: answer_id(&listing),
                listing: listing.clone(),
                synergy: synergy.clone(),
                outcome: o,
                partner: if wants_amount {
                    text(partner.get_untracked())
                } else {
                    None
                },
                quantity,
                recurrence: if quantity.is_some() {
                    recurrence.get_untracked()
                } else {
                    Recurrence::OneOff
                },
                reason: if o == SurveyOutcome::Yes {
                    None
                } else {
                    reason.get_untracked()
                },
                contact_permission: contact.get_untracked(),
                date: today(),
                comment: comment.get_untracked().trim().to_owned(),
                lang: Some(lang),
            };
            let json = serde_json::to_string_pretty(&answer).unwrap_or_default();
            host.emit_json("survey", &answer);
            copy_status.set(None);
            done.set(Some((answer, json)));
            focus_later(root, ".kt-cs-done-heading");
        }
    };

    let coordinator = options.coordinator.clone();
    let done_view = move || {
        done.get().map(|(answer, json)| {
            let name = format!("kysely-{}.json", answer.listing.replace(['/', '\\'], "_"));
            let for_download = json.clone();
            let for_copy = json.clone();
            let mail = coordinator
                .as_deref()
                .map(|address| mailto(address, &answer, &json, lang));
            view! {
                <div class="kt-cs-done">
                    <h3 class="kt-subheading kt-cs-done-heading" tabindex="-1">{s.done_heading}</h3>
                    <p>{s.done_text}</p>
                    <div class="kt-cs-actions">
                        <button type="button" class="kt-button"
                            on:click=move |_| { let _ = download(&name, "application/json", &for_download); }>
                            {s.download}
                        </button>
                        <button type="button" class="kt-button kt-secondary"
                            on:click=move |_| {
                                let text = for_copy.clone();
                                leptos::task::spawn_local(async move {
                                    copy_status.set(Some(match copy_text(&text).await {
                                        Ok(()) => s.copied,
                                        Err(_) => s.copy_failed,
                                    }));
                                });
                            }>
                            {s.copy}
                        </button>
                        {mail.map(|href| view! { <a class="kt-button kt-secondary" href=href>{s.mail}</a> })}
                        <button type="button" class="kt-button kt-secondary"
                            on:click=move |_| { done.set(None); focus_later(root, "input[name=kt-cs-outcome]"); }>
                            {s.edit}
                        </button>
                    </div>
                    <p class="kt-cs-copy-status" role="status">{move || copy_status.get()}</p>
                    <div class="kt-field">
                        <label for="kt-cs-json">{s.answer_label}</label>
                        <textarea id="kt-cs-json" class="kt-input kt-cs-json" readonly rows="8" prop:value=json></textarea>
                    </div>
                </div>
            }
        })
    };

    let described = |error: Memo<Option<&'static str>>, hint: &'static str, err: &'static str| {
        move || {
            if error.get().is_some() {
                format!("{hint} {err}")
            } else {
                hint.to_owned()
            }
        }
    };

    view! {
        <section class="kt-survey" lang=lang.tag() node_ref=root>
            <h2 class="kt-heading">{s.heading}</h2>
            <p class="kt-cs-intro">{s.intro}</p>
            {options.title.clone().map(|t| view! { <p class="kt-cs-listing"><strong>{s.listing_label} ": "</strong>{t}</p> })}
            <form class="kt-cs-form" novalidate on:submit=submit hidden=move || done.get().is_some()>
                <fieldset class="kt-fieldset" aria-describedby="kt-cs-outcome-error">
                    <legend>{s.question}</legend>
                    {OUTCOMES.map(|(o, id)| view! {
                        <label class="kt-cs-choice">
                            <input type="radio" name="kt-cs-outcome" value=id
                                prop:checked=move || outcome.get() == Some(o)
                                on:change=move |_| outcome.set(Some(o)) />
                            {i18n::outcome(o, lang)}
                        </label>
                    }).to_vec()}
                    <p id="kt-cs-outcome-error" class="kt-cs-error">{move || outcome_error.get()}</p>
                </fieldset>
                <div class="kt-cs-exchange" hidden=move || !exchanged()>
                    <div class="kt-field">
                        <label for="kt-cs-partner">{s.partner_label}</label>
                        <input id="kt-cs-partner" class="kt-input" type="text" autocomplete="organization"
                            prop:value=move || partner.get()
                            on:input=move |ev| partner.set(event_target_value(&ev)) />
                    </div>
                    <div class="kt-cs-row">
                        <div class="kt-field">
                            <label for="kt-cs-amount">{s.amount_label}</label>
                            <input id="kt-cs-amount" class="kt-input" type="text" inputmode="decimal"
                                aria-invalid=move || (tried.get() && amount_error.get().is_some()).to_string()
                                aria-describedby=described(amount_error, "kt-cs-amount-hint", "kt-cs-amount-error")
                                prop:value=move || amount.get()
                                on:input=move |ev| amount.set(event_target_value(&ev)) />
                            <p id="kt-cs-amount-hint" class="kt-cs-hint">{s.amount_hint}</p>
                            <p id="kt-cs-amount-error" class="kt-cs-error">{move || if tried.get() { amount_error.get() } else { None }}</p>
                        </div>
                        <div class="kt-field">
                            <label for="kt-cs-unit">{s.unit_label}</label>
                            <select id="kt-cs-unit" class="kt-select"
                                on:change=move |ev| {
                                    let v = event_target_value(&ev);
                                    if let Some((u, _)) = UNITS.iter().find(|(_, id)| *id == v) { unit.set(*u) }
                                }>
                                {UNITS.map(|(u, id)| view! { <option value=id selected=u == Unit::Tonne>{i18n::unit(u, lang)}</option> }).to_vec()}
                            </select>
                        </div>
                        <div class="kt-field">
                            <label for="kt-cs-recurrence">{s.recurrence_label}</label>
                            <select id="kt-cs-recurrence" class="kt-select"
                                on:change=move |ev| {
                                    let v = event_target_value(&ev);
                                    if let Some((r, _)) = RECURRENCES.iter().find(|(_, id)| *id == v) { recurrence.set(*r) }
                                }>
                                {RECURRENCES.map(|(r, id)| view! { <option value=id selected=r == Recurrence::OneOff>{i18n::recurrence(r, lang)}</option> }).to_vec()}
                            </select>
                        </div>
                    </div>
                </div>
                <fieldset class="kt-fieldset" hidden=move || !asks_reason()>
                    <legend>{move || if outcome.get() == Some(SurveyOutcome::Partly) { s.reason_partly } else { s.reason_no }}</legend>
                    {DropReason::ALL.map(|r| view! {
                        <label class="kt-cs-choice">
                            <input type="radio" name="kt-cs-reason" value=r.id()
                                prop:checked=move || reason.get() == Some(r)
                                on:change=move |_| reason.set(Some(r)) />
                            {i18n::reason(r, lang)}
                        </label>
                    }).to_vec()}
                </fieldset>
                <div class="kt-field">
                    <label for="kt-cs-comment">{s.comment_label}</label>
                    <textarea id="kt-cs-comment" class="kt-input" rows="3"
                        prop:value=move || comment.get()
                        on:input=move |ev| comment.set(event_target_value(&ev))></textarea>
                </div>
                <label class="kt-cs-choice">
                    <input type="checkbox" prop:checked=move || contact.get()
                        on:change=move |ev| contact.set(event_target_checked(&ev)) />
                    {s.contact_label}
                </label>
                <p class="kt-cs-error" role="alert">
                    {move || (tried.get() && (outcome.get().is_none() || (exchanged() && amount_error.get().is_some()))).then_some(s.err_summary)}
                </p>
                <button type="submit" class="kt-button">{s.confirm}</button>
            </form>
            {done_view}
        </section>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_optional_decimal_commas_and_never_negative() {
        let s = strings(Lang::Fi);
        assert_eq!(parse_amount("  ", s), Ok(None));
        assert_eq!(parse_amount("12,5", s), Ok(Some(12.5)));
        assert_eq!(parse_amount("1 200", s), Ok(Some(1200.0)));
        assert_eq!(parse_amount("-1", s), Err(s.err_negative));
        assert_eq!(parse_amount("tolv", s), Err(s.err_amount));
    }
}
