//! Entry cards and the entry view of each kind.

use super::i18n::{self, Strings, strings};
use super::{readable, region_name};
use crate::host::Host;
use crate::shared::browser::format_date;
use crate::shared::format::{euros, percent};
use kiertokit::directory::{
    CallState, Company, Directory, Entries, Expert, FundingCall, WHOLE_COUNTRY, call_timing, ics,
};
use kiertokit::matching::{category, find_municipality};
use kiertokit::vocab::Text;
use kiertokit::{Lang, scoring};
use leptos::prelude::*;

/// The entry's name (expert, company) or title (call) in `lang`.
pub fn name(d: &Directory, pos: usize, lang: Lang) -> String {
    match d.entries() {
        Entries::Experts(v) => v.get(pos).map(|e| e.name.clone()),
        Entries::Funding(v) => v.get(pos).map(|c| c.title.get(lang).to_owned()),
        Entries::Companies(v) => v.get(pos).map(|c| c.name.clone()),
    }
    .unwrap_or_default()
}

fn municipality_name(m: &str, lang: Lang) -> String {
    find_municipality(m).map_or_else(
        || m.to_owned(),
        |m| {
            if lang == Lang::Sv {
                m.sv.clone()
            } else {
                m.fi.clone()
            }
        },
    )
}

fn regions_text(list: &[String], lang: Lang, s: &Strings) -> String {
    if list.is_empty() || list.iter().any(|r| r.trim() == WHOLE_COUNTRY) {
        return s.whole_country.to_owned();
    }
    list.iter()
        .map(|r| match scoring::region_of(r) {
            // A region by its name in the reader's language; a municipality as written.
            Some(fi) if find_municipality(r).is_none() => region_name(fi, lang),
            _ => municipality_name(r, lang),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A partner text, tagged with its language when it is not the UI's (screen readers switch voice).
fn text_view(t: &Text, lang: Lang, class: &'static str) -> AnyView {
    let (body, tag) = crate::i18n::text_in(t, lang);
    if body.trim().is_empty() {
        return ().into_any();
    }
    match tag {
        None => view! { <p class=class>{body}</p> }.into_any(),
        Some(tag) => view! { <p class=class lang=tag>{body}</p> }.into_any(),
    }
}

/// A fact whose value is a partner text, tagged when it fell back to another language.
fn text_fact(label: &'static str, t: &Text, lang: Lang) -> Option<impl IntoView + use<>> {
    let (value, tag) = crate::i18n::text_in(t, lang);
    (!value.trim().is_empty())
        .then(|| view! { <div><dt>{label}</dt><dd lang=tag>{value}</dd></div> })
}

fn fact(label: &'static str, value: String) -> impl IntoView {
    view! { <div><dt>{label}</dt><dd>{value}</dd></div> }
}

fn link_fact(label: &'static str, href: String, text: String) -> impl IntoView {
    view! { <div><dt>{label}</dt><dd><a class="kt-dir-link" href=href rel="noopener noreferrer" target="_blank">{text}</a></dd></div> }
}

fn badge(text: String, class: &'static str) -> impl IntoView {
    view! { <span class=class>{text}</span> }
}

/// The result card of entry `pos`.
pub fn card(d: &Directory, pos: usize, lang: Lang, now: RwSignal<i64>) -> AnyView {
    let s = strings(lang);
    match d.entries() {
        Entries::Experts(v) => v.get(pos).map(|e| expert_card(e, lang, s).into_any()),
        Entries::Funding(v) => v
            .get(pos)
            .map(|c| call_card(c.clone(), lang, s, now).into_any()),
        Entries::Companies(v) => v.get(pos).map(|c| company_card(c, lang, s).into_any()),
    }
    .unwrap_or_else(|| ().into_any())
}

fn skills_text(e: &Expert, lang: Lang) -> String {
    e.skills
        .iter()
        .map(|k| k.name().get(lang).to_owned())
        .collect::<Vec<_>>()
        .join(", ")
}

fn expert_card(e: &Expert, lang: Lang, s: &'static Strings) -> impl IntoView {
    let mut meta = Vec::new();
    if let Some(o) = &e.organisation {
        meta.push(o.clone());
    }
    let skills = skills_text(e, lang);
    if !skills.is_empty() {
        meta.push(skills);
    }
    meta.push(regions_text(&e.regions, lang, s));
    let langs: Vec<&str> = e
        .languages
        .iter()
        .map(|l| i18n::language(l.tag(), lang))
        .collect();
    if !langs.is_empty() {
        meta.push(langs.join(", "));
    }
    view! {
        <article>
            <h3 class="kt-result-title">{e.name.clone()}</h3>
            <p class="kt-meta">
                {e.fictitious.then(|| view! { {badge(s.fictitious.to_owned(), "kt-dir-badge")} " · " })}
                {meta.join(" · ")}
            </p>
            {text_view(&e.description, lang, "kt-desc")}
        </article>
    }
}

/// The state badge and deadline line of a call at `now`.
fn call_when(c: &FundingCall, lang: Lang, s: &'static Strings, now: i64) -> (String, String) {
    let t = call_timing(c, now, super::CLOSING_DAYS);
    let state = i18n::state(t.state.as_str(), lang).to_owned();
    let when = match (t.deadline_utc, t.state) {
        (None, _) => s.continuous.to_owned(),
        (Some(d), CallState::Closed) => {
            format!("{}: {}", s.deadline, format_time(d, s.locale, true))
        }
        (Some(d), CallState::Upcoming) => {
            let opens = t
                .opens_utc
                .map_or_else(String::new, |o| format_time(o, s.locale, true));
            format!(
                "{}: {opens} · {}: {}",
                s.opens,
                s.deadline,
                format_time(d, s.locale, true)
            )
        }
        (Some(d), _) => format!(
            "{}: {} · {}",
            s.deadline,
            format_time(d, s.locale, true),
            s.time_left
                .replace("{left}", &s.duration(t.seconds_left.unwrap_or(0)))
        ),
    };
    (state, when)
}

fn state_class(c: &FundingCall, now: i64) -> &'static str {
    match call_timing(c, now, super::CLOSING_DAYS).state {
        CallState::ClosingSoon => "kt-dir-badge kt-dir-closing",
        CallState::Open => "kt-dir-badge kt-dir-open",
        _ => "kt-dir-badge",
    }
}

fn call_card(c: FundingCall, lang: Lang, s: &'static Strings, now: RwSignal<i64>) -> impl IntoView {
    let (title, title_lang) = crate::i18n::text_in(&c.title, lang);
    let funder = c.funder.clone();
    let c2 = c.clone();
    let c3 = c.clone();
    view! {
        <article>
            <h3 class="kt-result-title" lang=title_lang>{title}</h3>
            <p class="kt-meta">
                <span class=move || state_class(&c3, now.get())>{move || call_when(&c2, lang, s, now.get()).0}</span>
                {c.fictitious.then(|| view! { " · " {badge(s.fictitious.to_owned(), "kt-dir-badge")} })}
                " · " {funder}
            </p>
            <p class="kt-meta kt-dir-when">{move || call_when(&c, lang, s, now.get()).1}</p>
        </article>
    }
}

fn models_text(c: &Company, lang: Lang) -> String {
    c.models
        .iter()
        .map(|m| m.name().get(lang).to_owned())
        .collect::<Vec<_>>()
        .join(", ")
}

fn company_card(c: &Company, lang: Lang, s: &'static Strings) -> impl IntoView {
    let meta = [municipality_name(&c.municipality, lang)];
    let (sector, sector_lang) = crate::i18n::text_in(&c.sector, lang);
    let models = models_text(c, lang);
    view! {
        <article>
            <h3 class="kt-result-title">{c.name.clone()}</h3>
            <p class="kt-meta">
                {c.fictitious.then(|| view! { {badge(s.fictitious.to_owned(), "kt-dir-badge")} " · " })}
                {meta.join(" · ")}
                {(!sector.is_empty()).then(|| view! { " · " <span lang=sector_lang>{sector}</span> })}
            </p>
            {(!models.is_empty()).then(|| view! { <p class="kt-meta">{s.facet_model} ": " {models}</p> })}
            {text_view(&c.description, lang, "kt-desc")}
        </article>
    }
}

/// The entry view of entry `pos`.
pub fn detail(d: &Directory, pos: usize, lang: Lang, now: RwSignal<i64>, host: Host) -> AnyView {
    let s = strings(lang);
    match d.entries() {
        Entries::Experts(v) => v.get(pos).map(|e| expert_detail(e, lang, s).into_any()),
        Entries::Funding(v) => v
            .get(pos)
            .map(|c| call_detail(c.clone(), lang, s, now, host).into_any()),
        Entries::Companies(v) => v.get(pos).map(|c| company_detail(c, lang, s).into_any()),
    }
    .unwrap_or_else(|| ().into_any())
}

fn expert_detail(e: &Expert, lang: Lang, s: &'static Strings) -> impl IntoView {
    let cats: Vec<String> = e
        .categories
        .iter()
        .filter_map(|c| category(c))
        .map(|c| c.name.get(lang).to_owned())
        .collect();
    let langs: Vec<&str> = e
        .languages
        .iter()
        .map(|l| i18n::language(l.tag(), lang))
        .collect();
    let contact = e.contact.clone().map(|href| {
        let shown = href.strip_prefix("mailto:").unwrap_or(&href).to_owned();
        link_fact(s.contact, href, shown)
    });
    view! {
        {e.fictitious.then(|| view! { <p>{badge(s.fictitious.to_owned(), "kt-dir-badge")}</p> })}
        {text_view(&e.description, lang, "kt-desc")}
        <dl class="kt-dir-facts">
            {e.organisation.clone().map(|o| fact(s.organisation, o))}
            {(!cats.is_empty()).then(|| fact(s.facet_category, cats.join(", ")))}
            {(!e.ewc_chapters.is_empty()).then(|| fact(s.ewc_chapters, e.ewc_chapters.join(", ")))}
            {(!e.skills.is_empty()).then(|| fact(s.facet_skill, skills_text(e, lang)))}
            {fact(s.facet_region, regions_text(&e.regions, lang, s))}
            {e.municipality.as_deref().map(|m| fact(s.based_in, municipality_name(m, lang)))}
            {(!langs.is_empty()).then(|| fact(s.facet_language, langs.join(", ")))}
            {contact}
        </dl>
    }
}

fn company_detail(c: &Company, lang: Lang, s: &'static Strings) -> impl IntoView {
    let region = find_municipality(&c.municipality).map(|m| region_name(&m.region_fi, lang));
    let models = models_text(c, lang);
    view! {
        {c.fictitious.then(|| view! { <p>{badge(s.fictitious.to_owned(), "kt-dir-badge")}</p> })}
        {text_view(&c.description, lang, "kt-desc")}
        <dl class="kt-dir-facts">
            {fact(s.facet_municipality, municipality_name(&c.municipality, lang))}
            {region.map(|r| fact(s.facet_region, r))}
            {text_fact(s.facet_sector, &c.sector, lang)}
            {(!models.is_empty()).then(|| fact(s.facet_model, models))}
            {c.link.clone().map(|l| link_fact(s.website, l.clone(), l))}
        </dl>
    }
}

fn list_or(list: &[String], label: impl Fn(&str) -> String, s: &Strings) -> String {
    if list.is_empty() {
        s.not_restricted.to_owned()
    } else {
        list.iter().map(|x| label(x)).collect::<Vec<_>>().join(", ")
    }
}

fn amount_text(c: &FundingCall, lang: Lang) -> Option<String> {
    match (c.amount_min, c.amount_max) {
        (Some(a), Some(b)) => Some(format!("{} – {}", euros(a, lang), euros(b, lang))),
        (None, Some(b)) => Some(format!("≤ {}", euros(b, lang))),
        (Some(a), None) => Some(format!("≥ {}", euros(a, lang))),
        (None, None) => None,
    }
}

fn call_detail(
    c: FundingCall,
    lang: Lang,
    s: &'static Strings,
    now: RwSignal<i64>,
    host: Host,
) -> impl IntoView {
    let timing = call_timing(&c, now.get_untracked(), super::CLOSING_DAYS);
    let who = list_or(
        &c.organisation_types,
        |t| i18n::organisation_type(t, lang).map_or_else(|| readable(t), str::to_owned),
        s,
    );
    let topics = list_or(
        &c.topics,
        |t| i18n::topic(t, lang).map_or_else(|| readable(t), str::to_owned),
        s,
    );
    let checked = c
        .checked
        .as_deref()
        .and_then(kiertokit::date::day_number)
        .map(|day| {
            s.checked.replace(
                "{date}",
                &format_time(day * 86_400 + 43_200, s.locale, false),
            )
        });
    let (c1, c2, c3, c4) = (c.clone(), c.clone(), c.clone(), c.clone());
    let download = move |_| {
        if let Some(text) = ics(&c3, lang, crate::shared::browser::now_seconds()) {
            let name: String = c3
                .id
                .chars()
                .map(|ch| {
                    if ch.is_ascii_alphanumeric() || ch == '-' {
                        ch
                    } else {
                        '_'
                    }
                })
                .collect();
            let _ =
                crate::shared::browser::download(&format!("{name}.ics"), "text/calendar", &text);
        }
    };
    view! {
        <p class="kt-meta">
            <span class=move || state_class(&c1, now.get())>{move || call_when(&c2, lang, s, now.get()).0}</span>
            " · " {c.funder.clone()}
        </p>
        <p class="kt-meta kt-dir-when">{move || call_when(&c4, lang, s, now.get()).1}</p>
        {c.example.then(|| view! { <p class="kt-dir-note">{if c.fictitious { s.fictitious } else { s.example_call }}</p> })}
        {text_view(&c.description, lang, "kt-desc")}
        <dl class="kt-dir-facts">
            {text_fact(s.programme, &c.programme, lang)}
            {timing.opens_utc.map(|o| fact(s.opens, format_time(o, s.locale, true)))}
            {fact(s.deadline, timing.deadline_utc.map_or_else(|| s.continuous.to_owned(), |d| format_time(d, s.locale, true)))}
            {amount_text(&c, lang).map(|a| fact(s.amount, a))}
            {c.funding_rate.map(|r| fact(s.funding_rate, percent(r, lang)))}
            {fact(s.who_may_apply, who)}
            {fact(s.facet_region, if c.regions.is_empty() { s.whole_country.to_owned() } else { regions_text(&c.regions, lang, s) })}
            {fact(s.facet_topic, topics)}
            {c.link.clone().map(|l| link_fact(s.call_page, l.clone(), l))}
            {c.source.clone().map(|l| link_fact(s.source, l.clone(), l))}
        </dl>
        {checked.map(|t| view! { <p class="kt-hint">{t}</p> })}
        {(timing.deadline_utc.is_some() && timing.state != CallState::Closed).then(|| view! {
            <div class="kt-field">
                <button type="button" class="kt-button kt-secondary" aria-describedby="kt-dir-ics-hint" on:click=download>{s.add_to_calendar}</button>
                <p id="kt-dir-ics-hint" class="kt-hint">{s.calendar_hint}</p>
            </div>
        })}
        <super::precheck::Precheck call=c.clone() lang=lang host=host />
    }
}

/// A UTC instant in seconds as a Helsinki date (and time), in the UI language.
fn format_time(utc_seconds: i64, locale: &str, with_time: bool) -> String {
    format_date(utc_seconds as f64 * 1000.0, locale, with_time)
}
