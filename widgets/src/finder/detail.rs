//! One listing opened: its details, its ranked matches with the core's explanation per factor,
//! and the estimated impact of each exchange with the sources of the factors.

use super::format;
use super::i18n::Strings;
use kiertokit::Lang;
use kiertokit::directory::{Expert, Need, match_experts};
use kiertokit::matching::{EwcLabels, Listing, ListingKind, Match, Status};
use leptos::prelude::*;
use std::sync::Arc;

/// How many fitting experts an opened listing shows.
const EXPERTS_SHOWN: usize = 3;

pub fn kind_label(kind: ListingKind, s: &Strings) -> (&'static str, &'static str) {
    match kind {
        ListingKind::Offer => (s.offer, "kt-badge kt-offer"),
        ListingKind::Seek => (s.seek, "kt-badge kt-seek"),
    }
}

pub fn status_label(status: Status, s: &Strings) -> &'static str {
    match status {
        Status::Open => s.open_status,
        Status::Closed => s.closed_status,
    }
}

/// The full listing as a description list; the waste code gains its label when `labels` arrive.
pub fn listing_facts(
    l: &Listing,
    labels: RwSignal<Option<Arc<EwcLabels>>>,
    lang: Lang,
    s: &'static Strings,
) -> impl IntoView + use<> {
    let (kind, kind_class) = kind_label(l.kind, s);
    let mut rows: Vec<(&'static str, String)> = vec![
        (s.category_label, format::category_name(&l.category, lang)),
        (s.draft_quantity, format::quantity(&l.quantity, lang)),
        (
            s.recurrence,
            format::recurrence(l.recurrence, lang).to_owned(),
        ),
        (s.municipality_label, format::place(&l.municipality, lang)),
    ];
    let ewc = l.ewc.clone();
    if let Some(o) = &l.organisation {
        rows.push((s.organisation, o.clone()));
    }
    if l.hazardous {
        rows.push((s.hazardous, s.yes.to_owned()));
    }
    if l.available_from.is_some() || l.available_until.is_some() {
        rows.push((
            s.available,
            format!(
                "{} – {}",
                l.available_from.clone().unwrap_or_default(),
                l.available_until.clone().unwrap_or_default()
            ),
        ));
    }
    let quality = [
        l.quality_class.clone().unwrap_or_default(),
        l.quality_notes.clone(),
    ]
    .into_iter()
    .filter(|q| !q.is_empty())
    .collect::<Vec<_>>()
    .join(": ");
    if !quality.is_empty() {
        rows.push((s.quality, quality));
    }
    let status = status_label(l.status, s);
    view! {
        <p class="kt-meta">
            <span class=kind_class>{kind}</span>
            " · " {status}
        </p>
        <p class="kt-desc">{l.description.clone()}</p>
        <dl class="kt-facts">
            {rows
                .into_iter()
                .map(|(k, v)| view! { <div><dt>{k}</dt><dd>{v}</dd></div> })
                .collect_view()}
            {ewc.map(|code| view! {
                <div>
                    <dt>{s.ewc}</dt>
                    // With its label, in English (tagged) where the list has no translation.
                    {move || {
                        let (v, tag) = labels
                            .with(|l| crate::i18n::ewc_with_label(&code, l.as_deref(), lang));
                        view! { <dd lang=tag>{v}</dd> }
                    }}
                </div>
            })}
        </dl>
    }
}

/// The impact block of one exchange; every unknown total is written out as unknown.
fn impact_view(
    offer: &Listing,
    seek: &Listing,
    m: &Match,
    lang: Lang,
    s: &'static Strings,
) -> AnyView {
    match format::exchange_impact(offer, seek, m.distance_km) {
        Ok((r, factors, piece_kg)) => {
            let co2 = format::estimate(
                &r.co2e_avoided_kg,
                "kg CO2e",
                lang,
                s.unknown,
                s.not_applicable,
            );
            // The exchanged mass stays in use; virgin material saved is the displaced production.
            let kept = format!(
                "{}\u{a0}t",
                crate::shared::format::number(
                    r.quantity_t,
                    if r.quantity_t < 10.0 { 1 } else { 0 },
                    lang
                )
            );
            let virgin =
                format::estimate(&r.virgin_saved_t, "t", lang, s.unknown, s.not_applicable);
            let eur = format::estimate(&r.euros_saved, "€", lang, s.unknown, s.not_applicable);
            // Which factors are missing, said in the UI language (uncoded reasons stay English).
            let pieces = piece_kg.map(|kg| {
                let kg = crate::shared::format::number(kg, 0, lang);
                view! { <p class="kt-hint">{s.impact_piece_mass.replace("{kg}", &kg)}</p> }
            });
            let reason = crate::i18n::impact::unknown_reason(
                &[&r.co2e_avoided_kg, &r.virgin_saved_t, &r.euros_saved],
                lang,
            )
            .map(
                |said| view! { <p class="kt-hint kt-impact-reason" lang=said.lang>{said.text}</p> },
            );
            let sources = r
                .factors_used
                .iter()
                .map(|id| {
                    // The cited source is English: tagged so screen readers switch voice.
                    let text = factors.get(id).map(|f| {
                        format!("{} ({}, {}, {})", f.source, f.year, f.geography, f.licence)
                    });
                    view! { <li><code>{id.clone()}</code> {text.map(|t| view! { ": " <span lang="en">{t}</span> })}</li> }
                })
                .collect_view();
            view! {
                <div class="kt-impact">
                    <h6 class="kt-minor">{s.impact_heading}</h6>
                    <dl class="kt-facts">
                        <div><dt>{s.co2e}</dt><dd class="kt-impact-co2">{co2}</dd></div>
                        <div><dt>{s.tonnes_kept}</dt><dd class="kt-impact-t">{kept}</dd></div>
                        <div><dt>{s.virgin_saved}</dt><dd class="kt-impact-virgin">{virgin}</dd></div>
                        <div><dt>{s.euros}</dt><dd class="kt-impact-eur">{eur}</dd></div>
                    </dl>
                    {reason}
                    {pieces}
                    <p class="kt-hint">{s.impact_assumption}</p>
                    <details class="kt-sources">
                        <summary>{s.sources}</summary>
                        <ul>{sources}</ul>
                    </details>
                </div>
            }
            .into_any()
        }
        Err(reason) => {
            let (reason, said_in) = match reason {
                format::Unavailable::NotMass => (s.impact_not_mass.to_owned(), None),
                format::Unavailable::Incomparable => (s.impact_incomparable.to_owned(), None),
                format::Unavailable::UnknownMaterial => {
                    (s.impact_unknown_material.to_owned(), None)
                }
                format::Unavailable::Engine(text) => (text, Some("en")),
            };
            view! {
                <div class="kt-impact">
                    <h6 class="kt-minor">{s.impact_heading}</h6>
                    <p>
                        {s.impact_unavailable} ": " {s.unknown} " ("
                        <span lang=said_in>{reason}</span>
                        ")"
                    </p>
                </div>
            }
            .into_any()
        }
    }
}

/// One ranked match of `me` with the explanation table and the impact of the exchange.
pub fn match_view(
    listings: &[Listing],
    me: usize,
    m: &Match,
    lang: Lang,
    s: &'static Strings,
    listing_url: Option<&str>,
) -> AnyView {
    let other_ix = if m.offer_index == me {
        m.seek_index
    } else {
        m.offer_index
    };
    let (Some(other), Some(mine)) = (listings.get(other_ix), listings.get(me)) else {
        return ().into_any();
    };
    let (offer, seek) = format::offer_seek(mine, other);
    let (kind, kind_class) = kind_label(other.kind, s);
    let score = format::percent(m.score * 100.0, lang);
    let distance = m.distance_km.map(|d| format!(" · {}", format::km(d, lang)));
    let link = format::listing_url(listing_url, &other.id).map(|href| {
        view! {
            <p><a class="kt-link" href=href>{s.view_listing} <span class="kt-visually-hidden">": " {other.title.clone()}</span></a></p>
        }
    });
    let rows = m
        .factors
        .iter()
        .map(|f| {
            let met = if f.met { s.met } else { s.not_met };
            let class = if f.met { "kt-met" } else { "kt-unmet" };
            view! {
                <tr>
                    <th scope="row">{s.factor_name(&f.name)}</th>
                    <td class=class>{if f.met { "✓ " } else { "✗ " }}{met}</td>
                    <td>{format::percent(f.value * 100.0, lang)}</td>
                    <td>{format::percent(f.weight * 100.0, lang)}</td>
                    <td>{format::factor_detail(f, lang)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <li class="kt-match">
            <h5 class="kt-match-title">{other.title.clone()}</h5>
            <p class="kt-meta">
                <span class=kind_class>{kind}</span>
                " · " {format::category_name(&other.category, lang)}
                " · " {format::quantity(&other.quantity, lang)}
                " · " {format::place(&other.municipality, lang)}
                {distance}
            </p>
            <p class="kt-score">{s.score} ": " {score}</p>
            <div class="kt-table-wrap">
                <table class="kt-factors">
                    <caption class="kt-visually-hidden">{s.explanation}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{s.factor}</th>
                            <th scope="col">{s.met_heading}</th>
                            <th scope="col">{s.value}</th>
                            <th scope="col">{s.weight}</th>
                            <th scope="col">{s.explanation}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            {impact_view(offer, seek, m, lang, s)}
            {link}
        </li>
    }
    .into_any()
}

/// The experts of the partner's list that fit the listing's material, place and language.
pub fn experts_view(
    l: &Listing,
    list: Result<Arc<Vec<Expert>>, String>,
    lang: Lang,
    s: &'static Strings,
) -> AnyView {
    let body = match list {
        Err(_) => view! { <p class="kt-hint">{s.experts_failed}</p> }.into_any(),
        Ok(experts) => {
            let found = match_experts(&experts, &Need::from_listing(l));
            if found.is_empty() {
                view! { <p>{s.experts_none}</p> }.into_any()
            } else {
                view! {
                    <ol class="kt-experts">
                        {crate::shared::experts::expert_items(&found, &experts, EXPERTS_SHOWN, lang)}
                    </ol>
                }
                .into_any()
            }
        }
    };
    view! {
        <section class="kt-detail-experts" aria-labelledby="kt-experts-title">
            <h4 id="kt-experts-title" class="kt-subheading">{s.experts_heading}</h4>
            {body}
        </section>
    }
    .into_any()
}
