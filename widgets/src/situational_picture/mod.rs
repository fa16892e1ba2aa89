//! The situational picture for a network's public page: the public summary JSON of a
//! coordinator's workspace (`kiertokit workspace summary`) as figures with their ranges, a
//! yearly chart with its table, and tables by region and material category, with the sources.

mod i18n;

use crate::host::{Config, Host, JsObject};
use crate::shared::chart::{bars, group_label, tonne_rows};
use crate::shared::format::{day, readable as number};
use i18n::{Strings, strings};
use kiertokit::workspace::{Indicator, PublicFigures, PublicSummary, PublicValue, parse_summary};
use kiertokit::{Diagnostic, Lang, Parsed};
use leptos::prelude::*;
use std::collections::BTreeMap;

#[derive(Clone)]
enum Load {
    Loading,
    Failed(String),
    Ready(Box<(PublicSummary, Vec<Diagnostic>)>),
}

/// Reads the public summary (the core's reader); anything else is refused with a reason.
fn parse(text: &str) -> Result<(PublicSummary, Vec<Diagnostic>), String> {
    parse_summary(text).map(Parsed::into_parts)
}

/// Kilograms of CO2e in tonnes from 1,000 kg: (factor, unit).
fn co2e_unit(kg: f64) -> (f64, &'static str) {
    if kg.abs() >= 1000.0 {
        (0.001, "t CO2e")
    } else {
        (1.0, "kg CO2e")
    }
}

/// A number with its unit, by the one rule of `shared::format`.
fn with_unit(v: f64, unit: &str, lang: Lang) -> String {
    crate::shared::format::with_unit(&number(v, lang), unit, lang)
}

/// One headline figure: the value, its range and the exchanges behind it.
fn figure(
    label: &'static str,
    v: &PublicValue,
    unit: &'static str,
    scale: f64,
    lang: Lang,
) -> impl IntoView {
    let s = strings(lang);
    let range = (number(v.low * scale, lang) != number(v.high * scale, lang)).then(|| {
        format!(
            "{} {} – {}",
            s.range,
            number(v.low * scale, lang),
            with_unit(v.high * scale, unit, lang)
        )
    });
    let behind = if v.unknown > 0 {
        format!(
            "{}: {}, {} {}",
            s.exchanges, v.exchanges, s.unknown_exchanges, v.unknown
        )
    } else {
        format!("{}: {}", s.exchanges, v.exchanges)
    };
    view! {
        <div class="kt-sp-figure">
            <dt>{label}</dt>
            <dd class="kt-sp-value">{with_unit(v.value * scale, unit, lang)}</dd>
            {range.map(|r| view! { <dd>{r}</dd> })}
            <dd class="kt-sp-behind">{behind}</dd>
        </div>
    }
}

/// `name` is a trait object: one copy of the table's view code serves all three tables.
fn group_table(
    caption: &'static str,
    key_heading: &'static str,
    rows: &BTreeMap<String, PublicFigures>,
    name: &dyn Fn(&str) -> String,
    lang: Lang,
) -> impl IntoView + use<> {
    let s = strings(lang);
    let rows: Vec<_> = rows
        .iter()
        .map(|(k, f)| {
            let (scale, unit) = co2e_unit(f.co2e_avoided_kg.value);
            let cell = |v: &PublicValue, scale: f64, unit: &str| {
                let mut t = with_unit(v.value * scale, unit, lang);
                if v.unknown > 0 {
                    t.push_str(&format!(" ({} {})", s.unknown_exchanges, v.unknown));
                }
                t
            };
            view! {
                <tr>
                    <th scope="row">{group_label(k, s.unknown_group, name)}</th>
                    <td>{f.synergies.identified}</td>
                    <td>{f.synergies.realised}</td>
                    <td>{f.synergies.dropped}</td>
                    <td>{cell(&f.tonnes, 1.0, "t")}</td>
                    <td>{cell(&f.co2e_avoided_kg, scale, unit)}</td>
                    <td>{cell(&f.euros_saved, 1.0, "€")}</td>
                </tr>
            }
        })
        .collect();
    view! {
        <div class="kt-sp-scroll">
            <table class="kt-table">
                <caption>{caption}</caption>
                <thead><tr>
                    <th scope="col">{key_heading}</th>
                    <th scope="col">{s.col_identified}</th>
                    <th scope="col">{s.col_realised}</th>
                    <th scope="col">{s.col_dropped}</th>
                    <th scope="col">{s.tonnes}</th>
                    <th scope="col">{s.co2e}</th>
                    <th scope="col">{s.euros}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// Bars of tonnes by year; the table after it says the same in text.
fn year_chart(years: &BTreeMap<String, PublicFigures>, lang: Lang) -> impl IntoView {
    let s = strings(lang);
    let label = |k: &str| group_label(k, s.unknown_group, str::to_owned);
    let rows = tonne_rows(years, label, |f| f.tonnes.value, lang);
    bars("kt-sp-chart-title", s.chart_title.to_owned(), rows)
}

fn picture(summary: &PublicSummary, diags: &[Diagnostic], lang: Lang) -> impl IntoView {
    let s = strings(lang);
    let t = &summary.total;
    let (scale, unit) = co2e_unit(t.co2e_avoided_kg.value);
    let period = s
        .period
        .replace("{from}", &day(&summary.from, lang))
        .replace("{to}", &day(&summary.to, lang))
        .replace("{date}", &day(&summary.generated, lang));
    let category = move |k: &str| {
        kiertokit::matching::category_name(k, lang).map_or_else(|| k.to_owned(), str::to_owned)
    };
    // Regions are keyed by their Finnish name; Swedish pages show the Swedish one.
    let region = move |k: &str| {
        kiertokit::matching::region_name(k, lang).map_or_else(|| k.to_owned(), str::to_owned)
    };
    // Many factors share one source: each source once, as the reader needs it.
    let mut seen = std::collections::BTreeSet::new();
    let sources: Vec<_> = summary
        .sources
        .iter()
        .map(|x| {
            format!(
                "{} {} ({}), {} {}",
                x.source, x.version, x.year, s.licence, x.licence
            )
        })
        .filter(|line| seen.insert(line.clone()))
        .map(|line| view! { <li>{line}</li> })
        .collect();
    view! {
        <h2 class="kt-heading">{if summary.name.is_empty() { s.heading.to_owned() } else { format!("{}: {}", s.heading, summary.name) }}</h2>
        <p class="kt-sp-period">{period}</p>
        <dl class="kt-sp-figures">
            <div class="kt-sp-figure">
                <dt>{s.realised}</dt>
                <dd class="kt-sp-value">{t.synergies.realised}</dd>
            </div>
            {figure(s.tonnes, &t.tonnes, "t", 1.0, lang)}
            {figure(s.co2e, &t.co2e_avoided_kg, unit, scale, lang)}
            {figure(s.euros, &t.euros_saved, "€", 1.0, lang)}
        </dl>
        <p class="kt-sp-note">{s.unknown_note}</p>
        <h3 class="kt-subheading">{s.by_year}</h3>
        {year_chart(&summary.by_year, lang)}
        {group_table(s.by_year, s.col_year, &summary.by_year, &|k: &str| k.to_owned(), lang)}
        <h3 class="kt-subheading">{s.by_region}</h3>
        {group_table(s.by_region, s.col_region, &summary.by_region, &region, lang)}
        <h3 class="kt-subheading">{s.by_category}</h3>
        {group_table(s.by_category, s.col_category, &summary.by_category, &category, lang)}
        {indicators(&summary.indicators, diags, lang)}
        <h3 class="kt-subheading">{s.sources}</h3>
        <ul class="kt-sp-sources" lang="en">{sources}</ul>
    }
}

/// The partner's national indicator series, each with its source, its values by year and its
/// target; what the reader left out is listed. Nothing shows when the summary has none.
fn indicators(list: &[Indicator], diags: &[Diagnostic], lang: Lang) -> impl IntoView {
    let s = strings(lang);
    let problems: Vec<_> = diags
        .iter()
        .map(|d| {
            let english = if d.field.is_empty() {
                d.message.clone()
            } else {
                format!("{}: {}", d.field, d.message)
            };
            view! {
                <li>{crate::i18n::diagnostic(d, lang)} " (" {crate::i18n::in_english(lang)} <span lang="en">{english}</span> ")"</li>
            }
        })
        .collect();
    let series: Vec<_> = list
        .iter()
        .map(|ind| {
            let (name, name_lang) = crate::i18n::text_in(&ind.name, lang);
            let caption = format!("{name} ({})", ind.unit);
            let rows: Vec<_> = ind
                .values
                .iter()
                .map(|v| view! {
                    <tr><th scope="row">{v.year}</th><td>{with_unit(v.value, &ind.unit, lang)}</td></tr>
                })
                .collect();
            let target = ind.target.as_ref().map(|t| {
                let said = s
                    .target
                    .replace("{year}", &t.year.to_string())
                    .replace("{value}", &with_unit(t.value, &ind.unit, lang));
                view! { <p>{said} " (" {s.source} ": " {t.source.clone()} ")"</p> }
            });
            // Only a web address becomes a link; anything else stays text.
            let link = ind
                .url
                .clone()
                .filter(|u| u.starts_with("https://") || u.starts_with("http://"))
                .map(|u| view! { " " <a href=u.clone() rel="noopener noreferrer">{u.clone()}</a> });
            let licence = ind.licence.clone().map(|l| format!(", {} {l}", s.licence));
            view! {
                <div class="kt-sp-indicator">
                    <h4 class="kt-sp-indicator-name" lang=name_lang>{name}</h4>
                    <div class="kt-sp-scroll">
                        <table class="kt-table">
                            <caption lang=name_lang>{caption}</caption>
                            <thead><tr>
                                <th scope="col">{s.col_year}</th>
                                <th scope="col">{s.col_value}</th>
                            </tr></thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                    {target}
                    <p class="kt-sp-indicator-source">{s.source} ": " {ind.source.clone()} {licence} {link}</p>
                </div>
            }
        })
        .collect();
    (!list.is_empty() || !problems.is_empty()).then(|| {
        view! {
            <h3 class="kt-subheading">{s.indicators}</h3>
            {(!list.is_empty()).then(|| view! { <p class="kt-sp-note">{s.indicators_note}</p> })}
            {series}
            {(!problems.is_empty()).then(|| view! {
                <div class="kt-sp-problems">
                    <p>{s.indicators_left_out}</p>
                    <ul>{problems}</ul>
                </div>
            })}
        }
    })
}

fn failed(s: &'static Strings, message: String, retry: impl Fn() + 'static) -> impl IntoView {
    view! {
        <div class="kt-error" role="alert">
            <p>{s.load_failed} ": " <span lang="en">{message}</span></p>
            <button type="button" class="kt-button" on:click=move |_| retry()>{s.retry}</button>
        </div>
    }
}

pub fn situational_picture(config: Config, host: Host) -> impl IntoView {
    let lang = config.lang();
    let s = strings(lang);
    let state = RwSignal::new(Load::Loading);
    let ready = {
        let host = host.clone();
        move |result: Result<(PublicSummary, Vec<Diagnostic>), String>| match result {
            Ok((summary, diags)) => {
                // Built by hand: serde_json's `Value` and its serialiser are not in this module.
                let detail = JsObject::new()
                    .set("widget", "situational-picture")
                    .set("to", summary.to.as_str());
                host.emit("ready", &detail.into_js());
                state.set(Load::Ready(Box::new((summary, diags))));
            }
            Err(message) => {
                let detail = JsObject::new()
                    .set("kind", "load")
                    .set("message", message.as_str());
                host.emit("error", &detail.into_js());
                state.set(Load::Failed(message));
            }
        }
    };
    let load = {
        let host = host.clone();
        let config = config.clone();
        let ready = ready.clone();
        move || {
            state.set(Load::Loading);
            if let Some(text) = config.inline_data.clone() {
                ready(parse(&text).map_err(|e| format!("{}: {e}", s.invalid)));
            } else if let Some(url) = config.src.clone() {
                let host = host.clone();
                let ready = ready.clone();
                leptos::task::spawn_local(async move {
                    let result = host
                        .fetch_src(&url)
                        .await
                        .and_then(|t| parse(&t).map_err(|e| format!("{}: {e}", s.invalid)));
                    ready(result);
                });
            } else {
                ready(Err(s.no_data.to_owned()));
            }
        }
    };
    load();
    view! {
        <section class="kt-picture" lang=lang.tag()>
            {move || match state.get() {
                Load::Loading => view! { <p class="kt-sp-loading" role="status">{s.loading}</p> }.into_any(),
                Load::Failed(message) => {
                    let load = load.clone();
                    failed(s, message, load).into_any()
                }
                Load::Ready(ready) => picture(&ready.0, &ready.1, lang).into_any(),
            }}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_public_summary_is_read_and_anything_else_refused() {
        let text = include_str!("../../../tests/fixtures/workspace/workshop.summary.json");
        let (summary, diags) = parse(text).expect("the golden summary reads");
        assert!(diags.is_empty());
        assert_eq!(summary.total.synergies.realised, 15);
        assert!(parse(r#"{"version": 1}"#).is_err());
        let other = text.replace("kiertokit-situational-picture", "something-else");
        assert!(parse(&other).is_err());
        assert_eq!(number(1_517_994.7, Lang::Fi), "1\u{a0}517\u{a0}995");
        assert_eq!(number(-0.0004, Lang::Sv), "0");
        assert_eq!(day("2026-04-14", Lang::Fi), "14.4.2026");
    }
}
