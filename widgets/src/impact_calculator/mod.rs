//! The impact calculator: a material exchange in, CO2e avoided, virgin material saved and euros
//! saved out, as numbers, a bar chart with a table, and the sources behind every factor.

mod format;
mod i18n;
use crate::i18n::impact as impact_words;

use crate::host::{Config, Host, JsObject};
use crate::i18n::impact::Said;
use crate::shared::format::readable as number;
use format::{co2e_scale, with_unit};
use i18n::{Strings, strings};
use kiertokit::impact::{
    Estimate, ExchangeImpact, ExchangeInput, Factor, FactorKind, FactorOverride, Factors, Missing,
    Pathway, Prefill, Vehicle, exchange, read_prefill,
};
use kiertokit::vocab::{Diagnostic, parse_decimal};
use kiertokit::{Lang, Parsed, Quantity, Unit};
use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;
use std::sync::Arc;
use std::time::Duration;
use wasm_bindgen::JsValue;

/// Delay before the headline is announced and `kt:calculate` sent, so typing is not flooded.
const ANNOUNCE_DELAY: Duration = Duration::from_millis(500);

/// Partner overrides: the JS API's value, or `data-kt-factors`' JSON text as the browser parses
/// it (`what` names the source in errors), read by the core's serde reader straight from the
/// JS value, so the module carries no JSON parser. A misspelt key refuses the overrides (the
/// notice says so) instead of passing silently.
pub fn read_overrides(value: JsValue, what: &str) -> Result<Vec<FactorOverride>, String> {
    use wasm_bindgen::JsCast;
    // serde_wasm_bindgen reads a struct's own fields only, so other keys are looked for here.
    if let Some(list) = value.dyn_ref::<js_sys::Array>() {
        for (i, item) in list.iter().enumerate() {
            let Some(object) = item.dyn_ref::<js_sys::Object>() else {
                continue;
            };
            for key in js_sys::Object::keys(object)
                .iter()
                .filter_map(|k| k.as_string())
            {
                if !FactorOverride::FIELDS.contains(&key.as_str()) {
                    let known = &FactorOverride::FIELDS;
                    let problem = kiertokit::strict::unknown_key(i + 1, &key, &key, known);
                    return Err(format!("{what}: {problem}"));
                }
            }
        }
    }
    let deserializer = serde_wasm_bindgen::Deserializer::from(value);
    checked(kiertokit::strict::deserialize_all(deserializer), what)
}

/// The overrides, or the first unknown key or reading error, prefixed with `what`.
fn checked<E: std::fmt::Display>(
    (list, unknown): (
        Result<Vec<FactorOverride>, E>,
        Vec<kiertokit::strict::Unknown>,
    ),
    what: &str,
) -> Result<Vec<FactorOverride>, String> {
    if let Some(u) = unknown.first() {
        return Err(format!("{what}: {}", u.diagnostic(&FactorOverride::FIELDS)));
    }
    list.map_err(|e| format!("{what}: {e}"))
}

/// The factor set in use: the shipped one with the partner's overrides, or why they failed.
fn factor_set(
    overrides: Option<Result<Vec<FactorOverride>, String>>,
) -> Result<(Arc<Factors>, Option<String>), String> {
    let builtin = Factors::builtin().map_err(|e| e.to_string())?;
    Ok(match overrides {
        None => (Arc::new(builtin.clone()), None),
        Some(Ok(list)) => match builtin.with_overrides(&list) {
            Ok(f) => (Arc::new(f), None),
            Err(e) => (Arc::new(builtin.clone()), Some(e.to_string())),
        },
        Some(Err(e)) => (Arc::new(builtin.clone()), Some(e)),
    })
}

/// What a number field holds: a value, or the message to show next to it.
fn parse_field(text: &str, empty_is_zero: bool, s: &'static Strings) -> Result<f64, &'static str> {
    if empty_is_zero && text.trim().is_empty() {
        return Ok(0.0);
    }
    match parse_decimal(text) {
        None => Err(s.err_number),
        Some(v) if v < 0.0 => Err(s.err_negative),
        Some(v) => Ok(v),
    }
}

/// Emissions of one pathway alone (m·EF), from the factors the exchange used.
fn pathway_emissions(impact: &ExchangeImpact, factors: &Factors, p: Pathway) -> Estimate {
    let hits: Vec<&Factor> = impact
        .factors_used
        .iter()
        .filter_map(|id| factors.get(id))
        .filter(|f| f.kind == FactorKind::Treatment && f.pathway == Some(p))
        .collect();
    let Some(first) = hits.first() else {
        return Estimate::missing(Missing::TreatmentFactor {
            category: impact.category.clone(),
            pathway: p,
        });
    };
    let m = impact.quantity_t;
    let scale = |f: &Factor, v: f64| m * v * f.unit.to_canonical();
    let (mut low, mut high) = (f64::INFINITY, f64::NEG_INFINITY);
    for f in &hits {
        for v in [f.low.unwrap_or(f.value), f.high.unwrap_or(f.value)] {
            low = low.min(scale(f, v));
            high = high.max(scale(f, v));
        }
    }
    Estimate::Known {
        value: scale(first, first.value),
        low,
        high,
    }
}

#[derive(Clone, PartialEq)]
struct Calculation {
    input: ExchangeInput,
    impact: ExchangeImpact,
    /// Baseline, alternative and transport emissions in kg CO2e.
    bars: [Estimate; 3],
    sources: Vec<Factor>,
}

#[derive(Clone, PartialEq)]
enum Outcome {
    Invalid,
    /// The engine's error said in the UI language, its English message and its diagnostics.
    Failed(String, String, Vec<Diagnostic>),
    Done(Box<Calculation>),
}

/// `kt:calculate`'s detail, serialised straight to JS (no `serde_json::Value` in between).
#[derive(serde::Serialize)]
struct CalculateEvent<'a> {
    input: &'a ExchangeInput,
    co2e_avoided_kg: &'a Estimate,
    virgin_saved_t: &'a Estimate,
    euros_saved: &'a Estimate,
    factors_used: &'a [String],
}

/// `kt:error`'s detail when the engine refuses the inputs.
#[derive(serde::Serialize)]
struct FailedEvent<'a> {
    kind: &'static str,
    message: &'a str,
    diagnostics: &'a [Diagnostic],
}

/// `kt:error`'s detail when the factor data or the partner's overrides cannot be used.
fn factors_error(message: &str) -> JsValue {
    JsObject::new()
        .set("kind", "factors")
        .set("message", message)
        .into_js()
}

#[derive(Clone, Copy)]
enum Measure {
    Co2e,
    Tonnes,
    Euros,
}

/// The main text of an estimate and its detail line (range or reason) with its language.
fn estimate_text(e: &Estimate, measure: Measure, lang: Lang) -> (String, Option<Said>) {
    let s = strings(lang);
    match e {
        Estimate::Known { value, low, high } => {
            let (scale, unit) = match measure {
                Measure::Co2e => co2e_scale(*value),
                Measure::Tonnes => (1.0, "t"),
                Measure::Euros => (1.0, "€"),
            };
            let main = with_unit(value * scale, unit, lang);
            let range = (number(low * scale, lang) != number(high * scale, lang)).then(|| Said {
                text: format!(
                    "{} {} – {}",
                    s.range,
                    number(low * scale, lang),
                    with_unit(high * scale, unit, lang)
                ),
                lang: lang.tag(),
            });
            (main, range)
        }
        Estimate::Unknown { .. } => (
            s.unknown.to_owned(),
            impact_words::unknown_reason(&[e], lang),
        ),
        Estimate::NotApplicable { .. } => (
            s.not_applicable.to_owned(),
            impact_words::inapplicable_reason(e, lang),
        ),
    }
}

fn headline(c: &Calculation, lang: Lang) -> String {
    let s = strings(lang);
    let (co2e, _) = estimate_text(&c.impact.co2e_avoided_kg, Measure::Co2e, lang);
    let (virgin, _) = estimate_text(&c.impact.virgin_saved_t, Measure::Tonnes, lang);
    let (euros, _) = estimate_text(&c.impact.euros_saved, Measure::Euros, lang);
    format!(
        "{}: {co2e}. {}: {virgin}. {}: {euros}.",
        s.co2e_avoided, s.virgin_saved, s.euros_saved
    )
}

/// One headline number: the value large, the range or reason under it.
fn figure(
    label: &'static str,
    e: &Estimate,
    measure: Measure,
    lang: Lang,
) -> impl IntoView + use<> {
    let (main, detail) = estimate_text(e, measure, lang);
    let class = if matches!(e, Estimate::Known { .. }) {
        "kt-ic-figure"
    } else {
        "kt-ic-figure kt-ic-figure-unknown"
    };
    // Uncoded engine reasons stay English; `lang` lets screen readers pronounce them right.
    view! {
        <div class=class>
            <dt>{label}</dt>
            <dd class="kt-ic-figure-value">{main}</dd>
            {detail.map(|d| view! { <dd class="kt-ic-figure-detail" lang=d.lang>{d.text}</dd> })}
        </div>
    }
}

/// Horizontal bars around a zero line; unknown bars are drawn as text only, never as 0.
fn chart(c: &Calculation, lang: Lang) -> impl IntoView + use<> {
    let s = strings(lang);
    const W: f64 = 600.0;
    const PAD: f64 = 10.0;
    const ROW: f64 = 62.0;
    let labels = [s.row_baseline, s.row_alternative, s.row_transport];
    let classes = [
        "kt-ic-bar kt-ic-baseline",
        "kt-ic-bar kt-ic-alternative",
        "kt-ic-bar kt-ic-transport",
    ];
    let (mut lo, mut hi) = (0.0f64, 0.0f64);
    for b in &c.bars {
        if let Estimate::Known { value, low, high } = b {
            lo = lo.min(*low).min(*value);
            hi = hi.max(*high).max(*value);
        }
    }
    if (hi - lo).abs() < f64::EPSILON {
        hi = lo + 1.0;
    }
    let x = move |v: f64| PAD + (v - lo) / (hi - lo) * (W - 2.0 * PAD);
    let height = ROW * 3.0 + 8.0;
    let text = |e: &Estimate| estimate_text(e, Measure::Co2e, lang).0;
    let desc = s
        .chart_desc
        .replace("{b}", &text(&c.bars[0]))
        .replace("{a}", &text(&c.bars[1]))
        .replace("{t}", &text(&c.bars[2]));
    let rows = c
        .bars
        .iter()
        .enumerate()
        .map(|(i, bar)| {
            let top = 8.0 + ROW * i as f64;
            let label = format!("{}: {}", labels[i], text(bar));
            let shape = match bar {
                Estimate::Known { value, low, high } => {
                    let (a, b) = (x(0.0), x(*value));
                    let whisker = (high > low).then(|| {
                        view! {
                            <line class="kt-ic-whisker" x1=x(*low) x2=x(*high)
                                y1=top + 35.0 y2=top + 35.0 />
                        }
                    });
                    Some(view! {
                        <rect class=classes[i] x=a.min(b) y=top + 24.0
                            width=(b - a).abs().max(1.0) height="22" />
                        {whisker}
                    })
                }
                _ => None,
            };
            view! {
                <g>
                    <text class="kt-ic-label" x=PAD y=top + 14.0>{label}</text>
                    {shape}
                </g>
            }
        })
        .collect_view();
    let zero = x(0.0);
    view! {
        <svg class="kt-ic-chart" viewBox=format!("0 0 {W} {height}") role="img"
            aria-labelledby="kt-impact-chart-title kt-impact-chart-desc">
            <title id="kt-impact-chart-title">{s.chart_title}</title>
            <desc id="kt-impact-chart-desc">{desc}</desc>
            {rows}
            <line class="kt-ic-zero" x1=zero x2=zero y1="20" y2=height />
        </svg>
    }
}

fn breakdown_table(c: &Calculation, lang: Lang) -> impl IntoView + use<> {
    let s = strings(lang);
    let rows = [
        (s.row_baseline, c.bars[0].clone()),
        (s.row_alternative, c.bars[1].clone()),
        (s.row_transport, c.bars[2].clone()),
        (
            s.row_substitution,
            c.impact.breakdown.substitution_kg.clone(),
        ),
        (s.row_net, c.impact.co2e_avoided_kg.clone()),
    ];
    let body = rows
        .into_iter()
        .map(|(label, e)| {
            let (main, detail) = estimate_text(&e, Measure::Co2e, lang);
            let (range, range_lang) = match (&e, detail) {
                // The column header already says "range".
                (Estimate::Known { .. }, Some(d)) => (
                    d.text
                        .strip_prefix(s.range)
                        .unwrap_or(&d.text)
                        .trim_start()
                        .to_owned(),
                    d.lang,
                ),
                (_, Some(reason)) => (reason.text, reason.lang),
                (_, None) => (String::new(), lang.tag()),
            };
            view! {
                <tr>
                    <th scope="row">{label}</th>
                    <td>{main}</td>
                    <td lang=range_lang>{range}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="kt-table">
            <caption>{s.table_caption}</caption>
            <thead>
                <tr>
                    <th scope="col">{s.col_item}</th>
                    <th scope="col">{s.col_value}</th>
                    <th scope="col">{s.col_range}</th>
                </tr>
            </thead>
            <tbody>{body}</tbody>
        </table>
    }
}

fn sources(c: &Calculation, lang: Lang) -> impl IntoView + use<> {
    let s = strings(lang);
    let items = c
        .sources
        .iter()
        .map(|f| {
            let text = format!(
                "{} {} ({}, {}), {}",
                f.source,
                f.version,
                f.year,
                f.geography,
                f.unit_text(),
            );
            // Only the cited source is English; the label around it is in the UI language.
            view! {
                <li>
                    <code>{f.id.clone()}</code> ": " <span lang="en">{text}</span> "; "
                    {s.licence} " " <span lang="en">{f.licence.clone()}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <details class="kt-ic-sources">
            <summary>{format!("{} ({})", s.sources, c.sources.len())}</summary>
            <ul>{items}</ul>
        </details>
    }
}

trait UnitText {
    fn unit_text(&self) -> String;
}

impl UnitText for Factor {
    fn unit_text(&self) -> String {
        format!("{} {}", self.value, self.unit.symbol())
    }
}

/// Pathways offered for a material: those with treatment factors, or, when fewer than two
/// have one, also landfill, incineration and recycling so the missing factors can be shown.
fn offered_pathways(material: &str, factors: &Factors) -> Vec<Pathway> {
    const GENERIC: [Pathway; 3] = [Pathway::Landfill, Pathway::Incineration, Pathway::Recycling];
    let with_factors = factors.pathways(material).unwrap_or_default();
    if with_factors.len() >= 2 {
        return with_factors;
    }
    Pathway::ALL
        .into_iter()
        .filter(|p| with_factors.contains(p) || GENERIC.contains(p))
        .collect()
}

fn pathway_choice(material: &str, factors: &Factors) -> (Vec<Pathway>, Pathway, Pathway) {
    let list = offered_pathways(material, factors);
    let base = if list.contains(&Pathway::Landfill) {
        Pathway::Landfill
    } else {
        list.first().copied().unwrap_or(Pathway::Landfill)
    };
    let alt = if base != Pathway::Recycling && list.contains(&Pathway::Recycling) {
        Pathway::Recycling
    } else {
        list.iter().copied().find(|p| *p != base).unwrap_or(base)
    };
    (list, base, alt)
}

/// The form's first values with a link's pre-fill applied; pathways the material does not offer
/// are left at their defaults and reported (in the UI language) with the pre-fill's diagnostics.
struct Start {
    material: String,
    quantity: String,
    unit: Unit,
    baseline: Pathway,
    alternative: Pathway,
    /// Whether a pre-fill was read at all.
    prefilled: bool,
    /// (what the UI says, the core's English message or none).
    problems: Vec<(String, Option<String>)>,
}

fn start(first: String, prefill: Option<Parsed<Prefill>>, factors: &Factors, lang: Lang) -> Start {
    let s = strings(lang);
    let (_, base0, alt0) = pathway_choice(&first, factors);
    let mut out = Start {
        material: first,
        quantity: "10".to_owned(),
        unit: Unit::Tonne,
        baseline: base0,
        alternative: alt0,
        prefilled: prefill.is_some(),
        problems: Vec::new(),
    };
    let Some(Parsed {
        value: p,
        diagnostics: diags,
    }) = prefill
    else {
        return out;
    };
    for d in &diags {
        // Coded: said whole in the UI language.
        out.problems.push((crate::i18n::diagnostic(d, lang), None));
    }
    if let Some(m) = p.material {
        let (_, b, a) = pathway_choice(&m, factors);
        (out.material, out.baseline, out.alternative) = (m, b, a);
    }
    if let Some(q) = p.quantity {
        let text = q.to_string();
        out.quantity = match lang {
            Lang::Fi | Lang::Sv => text.replace('.', ","),
            Lang::En => text,
        };
    }
    if let Some(u) = p.unit {
        out.unit = u;
    }
    let offered = offered_pathways(&out.material, factors);
    let refuse = |p: Pathway| {
        (
            s.prefill_pathway
                .replace("{p}", impact_words::pathway(p, lang)),
            None,
        )
    };
    if let Some(b) = p.baseline {
        if offered.contains(&b) {
            out.baseline = b;
        } else {
            out.problems.push(refuse(b));
        }
    }
    if let Some(a) = p.alternative {
        if offered.contains(&a) && a != out.baseline {
            out.alternative = a;
        } else {
            out.problems.push(refuse(a));
        }
    }
    if out.alternative == out.baseline {
        out.alternative = offered
            .iter()
            .copied()
            .find(|x| *x != out.baseline)
            .unwrap_or(out.alternative);
    }
    out
}

fn current_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

pub fn impact_calculator(
    config: Config,
    overrides: Option<Result<Vec<FactorOverride>, String>>,
    host: Host,
) -> impl IntoView {
    let lang = config.lang();
    let s = strings(lang);
    let has_overrides = overrides.is_some();
    let (factors, override_error) = match factor_set(overrides) {
        Ok(pair) => pair,
        Err(message) => {
            host.emit("error", &factors_error(&message));
            // Either, not AnyView: the root is built once, so no rebuild code is kept for it.
            return Either::Left(view! {
                <section class="kt-impact" lang=lang.tag()>
                    <h2 class="kt-heading">{s.heading}</h2>
                    <p class="kt-error" role="alert">{s.err_calculation} ": " {message}</p>
                </section>
            });
        }
    };
    if let Some(message) = &override_error {
        host.emit("error", &factors_error(message));
    }

    // Dropdown groups: each category (taxonomy name in the UI language) and its materials.
    let groups: Vec<(String, Vec<(String, String)>)> = factors
        .categories()
        .into_iter()
        .map(|c| {
            let name = kiertokit::matching::category_name(&c.category, lang)
                .map_or_else(|| c.category.clone(), str::to_owned);
            // A material with its category's id is the same choice as the category: one entry.
            let materials = &factors.data().materials;
            let same = materials.iter().any(|m| m.id == c.category);
            let general = if same {
                i18n::material(&c.category, lang)
                    .unwrap_or(&name)
                    .to_owned()
            } else {
                s.category_general.replace("{c}", &name)
            };
            let mut options = vec![(c.category.clone(), general)];
            options.extend(
                materials
                    .iter()
                    .filter(|m| m.category == c.category && m.id != c.category)
                    .map(|m| {
                        let label = i18n::material(&m.id, lang).unwrap_or(&m.name).to_owned();
                        (m.id.clone(), label)
                    }),
            );
            (name, options)
        })
        .collect();
    let ready = JsObject::new()
        .set("widget", "impact-calculator")
        .set(
            "materials",
            groups.iter().map(|(_, o)| o.len()).sum::<usize>(),
        )
        .set("overrides", override_error.is_none() && has_overrides);
    host.emit("ready", &ready.into_js());
    let first = if factors.pathways("construction").is_ok() {
        "construction".to_owned()
    } else {
        groups
            .first()
            .and_then(|(_, o)| o.first())
            .map(|(id, _)| id.clone())
            .unwrap_or_default()
    };
    // A link from another page (the self-assessment's hand-off) may pre-fill the form.
    let begin = start(
        first,
        read_prefill(&current_hash(), &factors),
        &factors,
        lang,
    );
    if !begin.problems.is_empty() {
        let messages: js_sys::Array = begin
            .problems
            .iter()
            .map(|(said, english)| JsValue::from_str(english.as_deref().unwrap_or(said)))
            .collect();
        let detail = JsObject::new()
            .set("kind", "prefill")
            .set("diagnostics", messages);
        host.emit("error", &detail.into_js());
    }
    let prefill_view = begin.prefilled.then(|| {
        let problems = (!begin.problems.is_empty()).then(|| {
            let items = begin
                .problems
                .iter()
                .map(|(said, english)| {
                    let english = english.clone().map(|m| {
                        view! { " (" {crate::i18n::in_english(lang)} <span lang="en">{m}</span> ")" }
                    });
                    view! { <li>{said.clone()} {english}</li> }
                })
                .collect_view();
            view! {
                <p>{s.prefill_problems}</p>
                <ul>{items}</ul>
            }
        });
        view! {
            <div class="kt-notice kt-ic-prefill">
                <p>{s.prefilled}</p>
                {problems}
            </div>
        }
    });
    let material = RwSignal::new(begin.material);
    let quantity = RwSignal::new(begin.quantity);
    let unit = RwSignal::new(begin.unit);
    let baseline = RwSignal::new(begin.baseline);
    let alternative = RwSignal::new(begin.alternative);
    let distance = RwSignal::new("25".to_owned());
    let vehicle = RwSignal::new(Vehicle::FullTrailer);

    let pathways = {
        let factors = factors.clone();
        Memo::new(move |_| offered_pathways(&material.get(), &factors))
    };
    let partial = {
        let factors = factors.clone();
        Memo::new(move |_| factors.pathways(&material.get()).unwrap_or_default().len() < 2)
    };
    let quantity_error = Memo::new(move |_| parse_field(&quantity.get(), false, s).err());
    let distance_error = Memo::new(move |_| parse_field(&distance.get(), true, s).err());
    let same_error = Memo::new(move |_| {
        (!pathways.get().is_empty() && baseline.get() == alternative.get())
            .then_some(s.err_same_pathway)
    });

    let outcome = {
        let factors = factors.clone();
        Memo::new(move |_| {
            let (Ok(amount), Ok(distance_km)) = (
                parse_field(&quantity.get(), false, s),
                parse_field(&distance.get(), true, s),
            ) else {
                return Outcome::Invalid;
            };
            if same_error.get().is_some() {
                return Outcome::Invalid;
            }
            let input = ExchangeInput {
                material: material.get(),
                quantity: Quantity {
                    amount,
                    unit: unit.get(),
                },
                baseline: baseline.get(),
                alternative: alternative.get(),
                distance_km,
                vehicle: vehicle.get(),
                prices: None,
                logistics_eur: None,
            };
            match exchange(&input, &factors) {
                Ok(impact) => {
                    let bars = [
                        pathway_emissions(&impact, &factors, input.baseline),
                        pathway_emissions(&impact, &factors, input.alternative),
                        impact.breakdown.transport_kg.clone(),
                    ];
                    let sources = impact
                        .factors_used
                        .iter()
                        .filter_map(|id| factors.get(id).cloned())
                        .collect();
                    Outcome::Done(Box::new(Calculation {
                        input,
                        impact,
                        bars,
                        sources,
                    }))
                }
                Err(e) => {
                    let diagnostics = e.diagnostics();
                    let said = diagnostics.iter().map(|d| crate::i18n::diagnostic(d, lang));
                    let said = said.collect::<Vec<_>>().join("; ");
                    Outcome::Failed(said, e.to_string(), diagnostics)
                }
            }
        })
    };

    // One announcement and one kt:calculate per pause in typing.
    let announced = RwSignal::new(String::new());
    let generation = StoredValue::new(0u64);
    let emitter = host.clone();
    Effect::new(move |_| {
        let current = outcome.get();
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        let host = emitter.clone();
        set_timeout(
            move || {
                if generation.try_get_value() != Some(mine) {
                    return;
                }
                match &current {
                    Outcome::Done(c) => {
                        announced.set(headline(c, lang));
                        host.emit_json(
                            "calculate",
                            &CalculateEvent {
                                input: &c.input,
                                co2e_avoided_kg: &c.impact.co2e_avoided_kg,
                                virgin_saved_t: &c.impact.virgin_saved_t,
                                euros_saved: &c.impact.euros_saved,
                                factors_used: &c.impact.factors_used,
                            },
                        );
                    }
                    Outcome::Invalid => announced.set(s.invalid_status.to_owned()),
                    Outcome::Failed(said, message, diagnostics) => {
                        announced.set(format!("{}: {said}", s.err_calculation));
                        host.emit_json(
                            "error",
                            &FailedEvent {
                                kind: "calculation",
                                message,
                                diagnostics,
                            },
                        );
                    }
                }
            },
            ANNOUNCE_DELAY,
        );
    });

    let on_material = {
        let factors = factors.clone();
        move |ev| {
            let id = event_target_value(&ev);
            let (list, base, alt) = pathway_choice(&id, &factors);
            if !list.contains(&baseline.get_untracked()) {
                baseline.set(base);
            }
            let b = baseline.get_untracked();
            let a = alternative.get_untracked();
            if !list.contains(&a) || a == b {
                alternative.set(if alt != b {
                    alt
                } else {
                    list.iter().copied().find(|p| *p != b).unwrap_or(alt)
                });
            }
            material.set(id);
        }
    };
    let pathway_from = |v: &str| Pathway::ALL.into_iter().find(|p| p.id() == v);

    let material_options = groups
        .into_iter()
        .map(|(name, options)| {
            let options = options
                .into_iter()
                .map(|(id, label)| {
                    let selected_id = id.clone();
                    view! {
                        <option value=id selected=move || material.get() == selected_id>{label}</option>
                    }
                })
                .collect_view();
            view! { <optgroup label=name>{options}</optgroup> }
        })
        .collect_view();
    let pathway_options = move |chosen: RwSignal<Pathway>| {
        move || {
            pathways
                .get()
                .into_iter()
                .map(|p| {
                    view! {
                        <option value=p.id() selected=move || chosen.get() == p>
                            {impact_words::pathway(p, lang)}
                        </option>
                    }
                })
                .collect_view()
        }
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

    Either::Right(view! {
        <section class="kt-impact" lang=lang.tag()>
            <h2 class="kt-heading">{s.heading}</h2>
            <p class="kt-hint kt-ic-intro">{s.intro}</p>
            {override_error.map(|_| view! { <p class="kt-notice">{s.overrides_failed}</p> })}
            {prefill_view}
            <form class="kt-impact-form" novalidate on:submit=|ev| ev.prevent_default()>
                <fieldset class="kt-fieldset">
                    <legend>{s.material_legend}</legend>
                    <div class="kt-field">
                        <label for="kt-impact-material">{s.material_label}</label>
                        <select id="kt-impact-material" class="kt-select" on:change=on_material>
                            {material_options}
                        </select>
                    </div>
                    <div class="kt-ic-row">
                        <div class="kt-field">
                            <label for="kt-impact-quantity">{s.quantity_label}</label>
                            <input id="kt-impact-quantity" class="kt-input" type="text"
                                inputmode="decimal" autocomplete="off"
                                aria-invalid=move || quantity_error.get().is_some().to_string()
                                aria-describedby=described(quantity_error, "kt-impact-quantity-hint", "kt-impact-quantity-error")
                                prop:value=move || quantity.get()
                                on:input=move |ev| quantity.set(event_target_value(&ev)) />
                            <p id="kt-impact-quantity-hint" class="kt-hint">{s.quantity_hint}</p>
                            <p id="kt-impact-quantity-error" class="kt-ic-error">
                                {move || quantity_error.get().unwrap_or_default()}
                            </p>
                        </div>
                        <div class="kt-field">
                            <label for="kt-impact-unit">{s.unit_label}</label>
                            <select id="kt-impact-unit" class="kt-select"
                                on:change=move |ev| unit.set(if event_target_value(&ev) == "kg" { Unit::Kg } else { Unit::Tonne })>
                                <option value="t" selected=move || unit.get() == Unit::Tonne>{s.unit_t}</option>
                                <option value="kg" selected=move || unit.get() == Unit::Kg>{s.unit_kg}</option>
                            </select>
                        </div>
                    </div>
                </fieldset>
                <fieldset class="kt-fieldset">
                    <legend>{s.pathways_legend}</legend>
                    {move || partial.get().then(|| view! { <p class="kt-notice">{s.partial_factors}</p> })}
                    <div class="kt-field">
                        <label for="kt-impact-baseline">{s.baseline_label}</label>
                        <select id="kt-impact-baseline" class="kt-select"
                            on:change=move |ev| if let Some(p) = pathway_from(&event_target_value(&ev)) { baseline.set(p) }>
                            {pathway_options(baseline)}
                        </select>
                    </div>
                    <div class="kt-field">
                        <label for="kt-impact-alternative">{s.alternative_label}</label>
                        <select id="kt-impact-alternative" class="kt-select"
                            aria-invalid=move || same_error.get().is_some().to_string()
                            aria-describedby="kt-impact-alternative-error"
                            on:change=move |ev| if let Some(p) = pathway_from(&event_target_value(&ev)) { alternative.set(p) }>
                            {pathway_options(alternative)}
                        </select>
                        <p id="kt-impact-alternative-error" class="kt-ic-error">
                            {move || same_error.get().unwrap_or_default()}
                        </p>
                    </div>
                </fieldset>
                <fieldset class="kt-fieldset">
                    <legend>{s.transport_legend}</legend>
                    <div class="kt-ic-row">
                        <div class="kt-field">
                            <label for="kt-impact-distance">{s.distance_label}</label>
                            <input id="kt-impact-distance" class="kt-input" type="text"
                                inputmode="decimal" autocomplete="off"
                                aria-invalid=move || distance_error.get().is_some().to_string()
                                aria-describedby=described(distance_error, "kt-impact-distance-hint", "kt-impact-distance-error")
                                prop:value=move || distance.get()
                                on:input=move |ev| distance.set(event_target_value(&ev)) />
                            <p id="kt-impact-distance-hint" class="kt-hint">{s.distance_hint}</p>
                            <p id="kt-impact-distance-error" class="kt-ic-error">
                                {move || distance_error.get().unwrap_or_default()}
                            </p>
                        </div>
                        <div class="kt-field">
                            <label for="kt-impact-vehicle">{s.vehicle_label}</label>
                            <select id="kt-impact-vehicle" class="kt-select"
                                on:change=move |ev| vehicle.set(if event_target_value(&ev) == "distribution_truck" { Vehicle::DistributionTruck } else { Vehicle::FullTrailer })>
                                <option value="full_trailer" selected=move || vehicle.get() == Vehicle::FullTrailer>
                                    {impact_words::vehicle(Vehicle::FullTrailer, lang)}
                                </option>
                                <option value="distribution_truck" selected=move || vehicle.get() == Vehicle::DistributionTruck>
                                    {impact_words::vehicle(Vehicle::DistributionTruck, lang)}
                                </option>
                            </select>
                        </div>
                    </div>
                </fieldset>
            </form>
            <p class="kt-status kt-visually-hidden" role="status" aria-live="polite" aria-atomic="true">
                {move || announced.get()}
            </p>
            <div class="kt-impact-results">
                <h3 class="kt-subheading">{s.results_heading}</h3>
                {move || match outcome.get() {
                    Outcome::Done(c) => EitherOf3::A(view! {
                        <dl class="kt-ic-figures">
                            {figure(s.co2e_avoided, &c.impact.co2e_avoided_kg, Measure::Co2e, lang)}
                            {figure(s.virgin_saved, &c.impact.virgin_saved_t, Measure::Tonnes, lang)}
                            {figure(s.euros_saved, &c.impact.euros_saved, Measure::Euros, lang)}
                        </dl>
                        {chart(&c, lang)}
                        <p class="kt-hint">{s.negative_note}</p>
                        {breakdown_table(&c, lang)}
                        {sources(&c, lang)}
                    }),
                    Outcome::Invalid => EitherOf3::B(view! { <p class="kt-notice">{s.invalid_status}</p> }),
                    Outcome::Failed(said, ..) => EitherOf3::C(view! {
                        <p class="kt-error">{s.err_calculation} ": " {said}</p>
                    }),
                }}
            </div>
        </section>
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn desktop_case_matches_the_shipped_warm_factors_and_keeps_unknown_unknown() {
        let factors = Factors::builtin().expect("shipped data");
        let input = ExchangeInput {
            material: "desktop_computers".into(),
            quantity: Quantity {
                amount: 10.0,
                unit: Unit::Kg,
            },
            baseline: Pathway::Landfill,
            alternative: Pathway::Recycling,
            distance_km: 0.0,
            vehicle: Vehicle::FullTrailer,
            prices: None,
            logistics_eur: None,
        };
        let impact = exchange(&input, factors).expect("valid");
        let kg = impact.co2e_avoided_kg.value().expect("known");
        // 0.01 t × (EF_landfill − EF_recycling), both WARM v15 in MTCO2E/short ton.
        let ef = |id: &str| {
            let f = factors.get(id).expect("shipped factor");
            f.value * f.unit.to_canonical()
        };
        let expected = 0.01
            * (ef("warm15.desktop_computers.landfill") - ef("warm15.desktop_computers.recycling"));
        assert!((kg - expected).abs() < 1e-9, "{kg} {expected}");
        assert_eq!(
            estimate_text(&impact.co2e_avoided_kg, Measure::Co2e, Lang::Fi).0,
            "16,6\u{a0}kg CO2e"
        );
        assert_eq!(
            estimate_text(&impact.virgin_saved_t, Measure::Tonnes, Lang::Fi).0,
            "ei tiedossa"
        );
        let detail = estimate_text(&impact.virgin_saved_t, Measure::Tonnes, Lang::Fi).1;
        assert_eq!(
            detail,
            Some(Said {
                text: "Puuttuvat tiedot (Sähkö- ja elektroniikkalaitteet): neitseellisen \
                       materiaalin korvaussuhde."
                    .into(),
                lang: "fi",
            })
        );
        let base = pathway_emissions(&impact, factors, Pathway::Landfill)
            .value()
            .expect("known");
        let alt = pathway_emissions(&impact, factors, Pathway::Recycling)
            .value()
            .expect("known");
        assert!((base - alt - kg).abs() < 1e-9);
    }

    #[test]
    fn materials_without_factors_still_offer_treatments_so_the_gaps_are_shown() {
        let factors = Factors::builtin().expect("shipped data");
        let generic = vec![Pathway::Landfill, Pathway::Incineration, Pathway::Recycling];
        assert_eq!(offered_pathways("chemicals", factors), generic);
        assert_eq!(offered_pathways("nonsense", factors), generic);
        assert_eq!(
            offered_pathways("desktop_computers", factors),
            vec![Pathway::Landfill, Pathway::Recycling]
        );
        let (_, base, alt) = pathway_choice("chemicals", factors);
        assert_eq!((base, alt), (Pathway::Landfill, Pathway::Recycling));
        // Every generic pathway has a shipped gate fee, so the euros stay known.
        let input = ExchangeInput {
            material: "chemicals".into(),
            quantity: Quantity {
                amount: 1.0,
                unit: Unit::Tonne,
            },
            baseline: base,
            alternative: alt,
            distance_km: 10.0,
            vehicle: Vehicle::FullTrailer,
            prices: None,
            logistics_eur: None,
        };
        let impact = exchange(&input, factors).expect("valid");
        assert!(impact.co2e_avoided_kg.is_unknown());
        assert!(impact.euros_saved.value().is_some());
        let (main, detail) = estimate_text(&impact.co2e_avoided_kg, Measure::Co2e, Lang::Sv);
        assert_eq!(main, "okänd");
        assert_eq!(detail.map(|d| d.lang), Some("sv"));
    }

    #[test]
    fn a_prefill_fills_the_form_and_reports_what_it_could_not_use() {
        let factors = Factors::builtin().expect("shipped data");
        let read = |f: &str| read_prefill(f, factors);
        let b = start(
            "construction".into(),
            read(
                "#kt-impact:material=wood&quantity=12.5&unit=t&baseline=landfill&alternative=recycling",
            ),
            factors,
            Lang::Sv,
        );
        assert!(b.prefilled && b.problems.is_empty());
        assert_eq!(
            (b.material.as_str(), b.quantity.as_str(), b.unit),
            ("wood", "12,5", Unit::Tonne)
        );
        assert_eq!(
            (b.baseline, b.alternative),
            (Pathway::Landfill, Pathway::Recycling)
        );
        // Nothing to read: the usual defaults, no notice.
        let plain = start("construction".into(), read("#kt-sa=1.x"), factors, Lang::Fi);
        assert!(!plain.prefilled);
        assert_eq!(plain.quantity, "10");
        // A misspelt key and a pathway the material lacks are said in the UI language.
        let bad = start(
            "construction".into(),
            read("#kt-impact:materail=wood&material=desktop_computers&baseline=composting"),
            factors,
            Lang::Fi,
        );
        assert_eq!(bad.material, "desktop_computers");
        assert_eq!(bad.baseline, Pathway::Landfill);
        assert_eq!(bad.problems.len(), 2);
        assert!(
            bad.problems[0].0.contains("”materail”") && bad.problems[0].0.contains("”material”")
        );
        assert_eq!(
            bad.problems[1].0,
            "Käsittelyä ”Kompostointi” ei voi valita tälle materiaalille."
        );
        assert_eq!(bad.problems[1].1, None);
    }

    #[test]
    fn bad_fields_and_overrides_are_errors_not_panics() {
        let s = strings(Lang::Fi);
        assert_eq!(parse_field("12,5", false, s), Ok(12.5));
        assert_eq!(parse_field("", true, s), Ok(0.0));
        assert_eq!(parse_field("", false, s), Err(s.err_number));
        assert_eq!(parse_field("-1", false, s), Err(s.err_negative));
        assert_eq!(parse_field("abc", false, s), Err(s.err_number));
        // The browser hands `read_overrides` a JS value; natively serde_json stands in for it.
        let parse = |text: &str| {
            let mut json = serde_json::Deserializer::from_str(text);
            checked(
                kiertokit::strict::deserialize_all(&mut json),
                "data-kt-factors",
            )
        };
        assert!(parse(r#"{"id": "x"}"#).is_err());
        let misspelt = parse(r#"[{"id": "x", "valeu": 1}]"#);
        assert!(misspelt.is_err_and(|e| e.contains("valeu") && e.contains("`value`")));
        let (_, err) = factor_set(Some(parse(r#"[{"id":"nope","value":1,"unit":"EUR/t"}]"#)))
            .expect("builtin");
        assert!(err.is_some());
    }
}
