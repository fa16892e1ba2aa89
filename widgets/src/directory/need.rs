//! "Find an expert for my need": material, place, language and skill; the core ranks the
//! experts and explains each factor, shown here in the UI language.

use super::i18n::{self, strings};
use crate::host::{Host, JsObject};
use crate::shared::experts::expert_items;
use kiertokit::Lang;
use kiertokit::directory::{Directory, Entries, Need, Skill, match_experts};
use kiertokit::matching::{categories, find_municipality, municipalities, regions};
use kiertokit::scoring::region_of;
use leptos::prelude::*;
use std::sync::Arc;

/// How many experts the need shows.
const SHOWN: usize = 5;

#[component]
pub fn NeedForm(dir: Signal<Option<Arc<Directory>>>, lang: Lang, host: Host) -> impl IntoView {
    let s = strings(lang);
    let material = RwSignal::new(String::new());
    let place = RwSignal::new(String::new());
    let language = RwSignal::new(String::new());
    let skill = RwSignal::new(String::new());
    let need = Memo::new(move |_| Need {
        category: Some(material.get()).filter(|c| !c.is_empty()),
        ewc: None,
        place: Some(place.get()).filter(|p| !p.trim().is_empty()),
        language: Lang::from_tag(&language.get()),
        skill: Skill::parse(&skill.get()),
    });
    let found = Memo::new(move |_| {
        let d = dir.get()?;
        let n = need.get();
        if n == Need::default() {
            return None;
        }
        let Entries::Experts(list) = d.entries() else {
            return None;
        };
        Some(match_experts(list, &n))
    });
    Effect::new(move |_| {
        if let Some(found) = found.get() {
            let matches: js_sys::Array = found
                .iter()
                .take(SHOWN)
                .map(|m| {
                    JsObject::new()
                        .set("id", m.id.as_str())
                        .set("score", m.score)
                        .into_js()
                })
                .collect();
            let detail = JsObject::new()
                .set("source", "need")
                .set("matches", matches);
            host.emit("match", &detail.into_js());
        }
    });
    let mut cats: Vec<(String, String)> = categories()
        .iter()
        .map(|c| (c.id.clone(), c.name.get(lang).to_owned()))
        .collect();
    crate::i18n::sort_by_name(&mut cats, |c| c.1.as_str());
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
    let mut skills: Vec<(String, String)> = Skill::ALL
        .iter()
        .map(|k| (k.as_str().to_owned(), k.name().get(lang).to_owned()))
        .collect();
    crate::i18n::sort_by_name(&mut skills, |k| k.1.as_str());
    let unknown_place = move || {
        let p = place.get();
        !p.trim().is_empty() && region_of(&p).is_none() && find_municipality(&p).is_none()
    };
    view! {
        <details class="kt-dir-need">
            <summary>{s.need_heading}</summary>
            <p class="kt-hint">{s.need_intro}</p>
            <div class="kt-dir-grid">
                <div class="kt-field">
                    <label for="kt-dir-need-mat">{s.need_material}</label>
                    <select id="kt-dir-need-mat" class="kt-select"
                        prop:value=move || material.get()
                        on:change=move |ev| material.set(event_target_value(&ev))>
                        <option value="">{s.any}</option>
                        {cats.into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                    </select>
                </div>
                <div class="kt-field">
                    <label for="kt-dir-need-place">{s.need_place}</label>
                    <input id="kt-dir-need-place" class="kt-input" type="text" autocomplete="off"
                        list="kt-dir-need-places" aria-describedby="kt-dir-need-place-hint"
                        prop:value=move || place.get()
                        on:change=move |ev| place.set(event_target_value(&ev)) />
                    <datalist id="kt-dir-need-places">
                        {places.into_iter().map(|n| view! { <option value=n></option> }).collect_view()}
                    </datalist>
                    <p id="kt-dir-need-place-hint" class="kt-hint">
                        {move || if unknown_place() { s.unknown_municipality } else { s.precheck_place_hint }}
                    </p>
                </div>
                <div class="kt-field">
                    <label for="kt-dir-need-lang">{s.need_language}</label>
                    <select id="kt-dir-need-lang" class="kt-select"
                        prop:value=move || language.get()
                        on:change=move |ev| language.set(event_target_value(&ev))>
                        <option value="">{s.any}</option>
                        {["fi", "sv", "en"].into_iter().map(|t| view! { <option value=t>{i18n::language(t, lang)}</option> }).collect_view()}
                    </select>
                </div>
                <div class="kt-field">
                    <label for="kt-dir-need-skill">{s.need_skill}</label>
                    <select id="kt-dir-need-skill" class="kt-select"
                        prop:value=move || skill.get()
                        on:change=move |ev| skill.set(event_target_value(&ev))>
                        <option value="">{s.any}</option>
                        {skills.into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                    </select>
                </div>
            </div>
            <div class="kt-dir-need-results" role="status" aria-live="polite">
                {move || match (found.get(), dir.get()) {
                    (None, _) | (_, None) => view! { <p class="kt-hint">{s.need_empty}</p> }.into_any(),
                    (Some(list), _) if list.is_empty() => view! { <p>{s.need_nothing}</p> }.into_any(),
                    (Some(list), Some(d)) => view! {
                        <h3 class="kt-dir-subheading">{s.need_results}</h3>
                        <ol class="kt-experts">
                            {match d.entries() {
                                Entries::Experts(experts) => expert_items(&list, experts, SHOWN, lang).into_any(),
                                _ => ().into_any(),
                            }}
                        </ol>
                    }.into_any(),
                }}
            </div>
        </details>
    }
}
