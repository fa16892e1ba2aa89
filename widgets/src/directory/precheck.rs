//! The funding call's eligibility pre-check: the call's questions, answered here, checked by
//! the core with the scoring engine's rules.

use super::i18n::{self, strings};
use super::readable;
use crate::host::{Host, JsObject};
use kiertokit::Lang;
use kiertokit::directory::{Applicant, FundingCall, call_rules, precheck};
use kiertokit::matching::{municipalities, regions};
use kiertokit::scoring::{ORG_TYPE, REGION};
use leptos::prelude::*;

/// Answer id for "none of the listed" (an organisation type or topic outside the call's).
const OTHER: &str = "other";

#[component]
pub fn Precheck(call: FundingCall, lang: Lang, host: Host) -> impl IntoView {
    let s = strings(lang);
    let rules = call_rules(&call);
    if rules.is_empty() {
        return view! {
            <section class="kt-dir-precheck" aria-labelledby="kt-dir-pre-h">
                <h4 id="kt-dir-pre-h" class="kt-dir-subheading">{s.precheck_heading}</h4>
                <p>{s.precheck_none}</p>
            </section>
        }
        .into_any();
    }
    let org = RwSignal::new(String::new());
    let place = RwSignal::new(String::new());
    let topics: RwSignal<Vec<String>> = RwSignal::new(Vec::new());
    let call = StoredValue::new(call);
    let result = Memo::new(move |_| {
        let applicant = Applicant {
            organisation_type: Some(org.get()).filter(|o| !o.is_empty()),
            place: Some(place.get()).filter(|p| !p.trim().is_empty()),
            topics: topics.get(),
        };
        call.with_value(|c| precheck(c, &applicant))
    });
    Effect::new(move |_| {
        let r = result.get();
        let failed: js_sys::Array = r
            .failed
            .iter()
            .map(|f| wasm_bindgen::JsValue::from_str(&f.code))
            .collect();
        let detail = JsObject::new()
            .set("id", call.with_value(|c| c.id.clone()))
            .set("eligible", r.eligible)
            .set("failed", failed)
            .set("unanswered", r.unanswered.len());
        host.emit("precheck", &detail.into_js());
    });
    let mut places: Vec<String> = regions()
        .into_iter()
        .map(|(fi, sv)| if lang == Lang::Sv { sv } else { fi })
        .chain(municipalities().iter().map(|m| {
            if lang == Lang::Sv {
                m.sv.clone()
            } else {
                m.fi.clone()
            }
        }))
        .collect();
    crate::i18n::sort_by_name(&mut places, String::as_str);
    places.dedup();
    let questions: Vec<(String, String)> = rules
        .iter()
        .map(|r| (r.code.clone(), r.question.get(lang).to_owned()))
        .collect();
    let questions = StoredValue::new(questions);
    let label = move |code: &str| {
        questions.with_value(|q| {
            q.iter()
                .find(|(c, _)| c == code)
                .map(|(_, t)| t.clone())
                .unwrap_or_default()
        })
    };
    let (org_types, call_topics) =
        call.with_value(|c| (c.organisation_types.clone(), c.topics.clone()));
    let has_region = call.with_value(|c| !c.regions.is_empty());
    let org_q = label(ORG_TYPE);
    let place_q = label(REGION);
    let topic_q = label(kiertokit::scoring::TOPIC);
    view! {
        <section class="kt-dir-precheck" aria-labelledby="kt-dir-pre-h">
            <h4 id="kt-dir-pre-h" class="kt-dir-subheading">{s.precheck_heading}</h4>
            <p class="kt-hint">{s.precheck_intro}</p>
            {(!org_types.is_empty()).then(|| {
                let choices: Vec<String> = org_types.iter().cloned().chain([OTHER.to_owned()]).collect();
                view! {
                    <fieldset class="kt-dir-fieldset">
                        <legend>{org_q.clone()}</legend>
                        {choices.into_iter().map(|t| {
                            let (t1, t2) = (t.clone(), t.clone());
                            let text = if t == OTHER {
                                other_label(lang).to_owned()
                            } else {
                                i18n::organisation_type(&t, lang).map_or_else(|| readable(&t), str::to_owned)
                            };
                            view! {
                                <label class="kt-dir-choice">
                                    <input type="radio" name="kt-dir-pre-org" value=t.clone()
                                        prop:checked=move || org.get() == t1
                                        on:change=move |_| org.set(t2.clone()) />
                                    <span>{text}</span>
                                </label>
                            }
                        }).collect_view()}
                    </fieldset>
                }
            })}
            {has_region.then(|| view! {
                <div class="kt-field">
                    <label for="kt-dir-pre-place">{place_q.clone()}</label>
                    <input id="kt-dir-pre-place" class="kt-input" type="text" autocomplete="off"
                        list="kt-dir-pre-places" aria-describedby="kt-dir-pre-place-hint"
                        prop:value=move || place.get()
                        on:change=move |ev| place.set(event_target_value(&ev)) />
                    <datalist id="kt-dir-pre-places">
                        {places.iter().map(|n| view! { <option value=n.clone()></option> }).collect_view()}
                    </datalist>
                    <p id="kt-dir-pre-place-hint" class="kt-hint">{s.precheck_place_hint}</p>
                </div>
            })}
            {(!call_topics.is_empty()).then(|| {
                let choices: Vec<String> = call_topics.iter().cloned().chain([OTHER.to_owned()]).collect();
                view! {
                    <fieldset class="kt-dir-fieldset">
                        <legend>{topic_q.clone()}</legend>
                        {choices.into_iter().map(|t| {
                            let (t1, t2) = (t.clone(), t.clone());
                            let text = if t == OTHER {
                                other_topic_label(lang).to_owned()
                            } else {
                                i18n::topic(&t, lang).map_or_else(|| readable(&t), str::to_owned)
                            };
                            view! {
                                <label class="kt-dir-choice">
                                    <input type="checkbox" value=t.clone()
                                        prop:checked=move || topics.with(|x| x.contains(&t1))
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            topics.update(|x| {
                                                x.retain(|y| y != &t2);
                                                if on { x.push(t2.clone()); }
                                            });
                                        } />
                                    <span>{text}</span>
                                </label>
                            }
                        }).collect_view()}
                    </fieldset>
                }
            })}
            <div class="kt-dir-verdict" role="status" aria-live="polite">
                {move || {
                    let r = result.get();
                    if r.eligible {
                        return view! { <p class="kt-dir-ok">{s.precheck_eligible}</p> }.into_any();
                    }
                    let failed = (!r.failed.is_empty()).then(|| view! {
                        <p class="kt-dir-fail">{s.precheck_failed}</p>
                        <ul>{r.failed.iter().map(|f| view! { <li>{f.text.get(lang).to_owned()}</li> }).collect_view()}</ul>
                    });
                    let open = (!r.unanswered.is_empty()).then(|| {
                        let names: Vec<String> = r.unanswered.iter().map(|code| label(code)).collect();
                        view! {
                            <p>{s.precheck_unanswered}</p>
                            <ul>{names.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
                        }
                    });
                    view! { {failed} {open} }.into_any()
                }}
            </div>
        </section>
    }
    .into_any()
}

fn other_label(lang: Lang) -> &'static str {
    match lang {
        Lang::Fi => i18n::OTHER_ORG[0],
        Lang::Sv => i18n::OTHER_ORG[1],
        Lang::En => i18n::OTHER_ORG[2],
    }
}

fn other_topic_label(lang: Lang) -> &'static str {
    match lang {
        Lang::Fi => i18n::OTHER_TOPIC[0],
        Lang::Sv => i18n::OTHER_TOPIC[1],
        Lang::En => i18n::OTHER_TOPIC[2],
    }
}
