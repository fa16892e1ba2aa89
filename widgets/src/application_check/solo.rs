//! Implementation partners of a single applicant: calls such as the 2021 coaching let companies
//! and associations take part in the implementation beside one municipal applicant.

use super::{focus_later, label_of};
use crate::application_check::i18n::Strings;
use kiertokit::Lang;
use kiertokit::scoring::{Application, Partner, PartnerRole};
use leptos::prelude::*;

fn is_implementing(p: &Partner) -> bool {
    p.role == Some(PartnerRole::Implementation)
}

/// The rows shown while applying alone: only implementation partners, numbered in order.
fn rows_of(a: &Application) -> Vec<(usize, usize)> {
    a.partners
        .iter()
        .enumerate()
        .filter(|(_, p)| is_implementing(p))
        .enumerate()
        .map(|(pos, (i, _))| (pos, i))
        .collect()
}

pub fn partners(
    s: &'static Strings,
    lang: Lang,
    app: RwSignal<Application>,
    joint: RwSignal<bool>,
    types: Vec<String>,
    max: usize,
) -> impl IntoView {
    view! {
        <Show when=move || !joint.get()>
            <p class="kt-hint" id="kt-ac-solo-hint">{s.solo_partners_hint}</p>
            <For each=move || app.with(rows_of) key=|k| *k
                children={
                    let types = types.clone();
                    move |(pos, i)| {
                        let n = (pos + 1).to_string();
                        let types = types.clone();
                        view! {
                            <fieldset class="kt-fieldset kt-row">
                                <legend>{s.solo_partner.replace("{n}", &n)}</legend>
                                <div class="kt-field">
                                    <label for=format!("kt-ac-s{i}-name")>{s.partner_name}</label>
                                    <input id=format!("kt-ac-s{i}-name") class="kt-input" type="text"
                                        prop:value=move || app.with(|a| a.partners.get(i).map(|p| p.organisation.clone()).unwrap_or_default())
                                        on:input=move |ev| app.update(|a| if let Some(p) = a.partners.get_mut(i) { p.organisation = event_target_value(&ev) }) />
                                </div>
                                <div class="kt-field">
                                    <label for=format!("kt-ac-s{i}-type")>{s.partner_type}</label>
                                    <select id=format!("kt-ac-s{i}-type") class="kt-select"
                                        on:change=move |ev| app.update(|a| if let Some(p) = a.partners.get_mut(i) { p.organisation_type = event_target_value(&ev) })>
                                        <option value="">{s.choose}</option>
                                        {types.iter().map(|t| {
                                            let t1 = t.clone();
                                            view! { <option value=t.clone()
                                                selected=move || app.with(|a| a.partners.get(i).is_some_and(|p| p.organisation_type == t1))>{label_of(t, lang)}</option> }
                                        }).collect_view()}
                                    </select>
                                </div>
                                <button type="button" class="kt-button kt-secondary"
                                    on:click=move |_| app.update(|a| if i < a.partners.len() { a.partners.remove(i); })>
                                    {s.remove} " – " {s.solo_partner.replace("{n}", &n)}
                                </button>
                            </fieldset>
                        }
                    }
                } />
            <button type="button" class="kt-button kt-secondary" aria-describedby="kt-ac-solo-hint"
                disabled=move || app.with(|a| a.partners.len() >= max)
                on:click=move |ev| {
                    let n = app.with_untracked(|a| a.partners.len());
                    if n < max {
                        app.update(|a| a.partners.push(Partner {
                            role: Some(PartnerRole::Implementation),
                            ..Partner::default()
                        }));
                        focus_later(&ev, format!("#kt-ac-s{n}-name"));
                    }
                }>
                {s.add_solo_partner}
            </button>
        </Show>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alone_shows_only_implementation_partners_numbered_from_one() {
        let role = |r| Partner {
            role: r,
            ..Partner::default()
        };
        let a = Application {
            partners: vec![
                role(Some(PartnerRole::CoApplicant)),
                role(Some(PartnerRole::Implementation)),
                role(None),
                role(Some(PartnerRole::Implementation)),
            ],
            ..Application::default()
        };
        assert_eq!(rows_of(&a), [(0, 1), (1, 3)]);
    }
}
