//! The experts that fit a need, each with its fit and the core's factors: the same list in the
//! directory's "find an expert" form and in the finder's listing view.

use crate::i18n::experts::{factor_text, strings};
use crate::shared::format::number_in;
use kiertokit::Lang;
use kiertokit::directory::{Expert, ExpertMatch};
use leptos::prelude::*;

/// The first `shown` of `found` as list items (`<li class="kt-expert">`); the caller gives the list.
pub fn expert_items(
    found: &[ExpertMatch],
    experts: &[Expert],
    shown: usize,
    lang: Lang,
) -> impl IntoView + use<> {
    let s = strings(lang);
    found
        .iter()
        .take(shown)
        .filter_map(|m| {
            let e = experts.get(m.index)?;
            let score = s.score.replace("{p}", &number_in(m.score * 100.0, 0, 0, lang));
            // The directory reader keeps only http(s): and mailto: links.
            let contact = e.contact.clone().map(|href| {
                view! {
                    <p class="kt-expert-contact">
                        <a class="kt-link" href=href>{s.contact} <span class="kt-visually-hidden">": " {e.name.clone()}</span></a>
                    </p>
                }
            });
            let factors = m
                .factors
                .iter()
                .map(|f| {
                    let class = if f.met { "kt-expert-met" } else { "kt-expert-unmet" };
                    let state = if f.met { s.met } else { s.not_met };
                    view! { <li class=class>{factor_text(f, lang)} " (" {state} ")"</li> }
                })
                .collect_view();
            Some(view! {
                <li class="kt-expert">
                    <p class="kt-expert-name">{e.name.clone()}</p>
                    {e.organisation.clone().map(|o| view! { <p class="kt-expert-org">{o}</p> })}
                    <p class="kt-expert-score">{score}</p>
                    <ul class="kt-expert-factors">{factors}</ul>
                    {contact}
                </li>
            })
        })
        .collect_view()
}
