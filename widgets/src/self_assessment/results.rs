//! The results page: level and score, radar chart and table, red flags, weakest themes,
//! recommendations, comparison with an imported earlier result, exports and the share link.

use super::i18n::{Strings, number};
use super::{Ctx, HandoffPage, SHARE_PREFIX, impact_link, replace_fragment};
use crate::host::Host;
use crate::i18n::{filled, tagged, text_in, text_view};
use crate::shared::browser::download;
use kiertokit::Lang;
use kiertokit::assessment::{
    Assessment, Comparison, Handoff, HandoffOptions, ModelFit, Recommendation, ScoreOptions,
    ServiceKind, Services, ThemeResult, compare, encode_share, handoff, score_with, to_csv,
    to_json,
};
use kiertokit::vocab::Text;
use leptos::either::Either;
use leptos::prelude::*;
use std::f64::consts::{FRAC_PI_2, TAU};
use std::sync::Arc;
use wasm_bindgen::JsCast;

fn score_text(score: Option<f64>, lang: Lang, s: &Strings) -> String {
    score.map_or_else(|| s.no_score.to_owned(), |v| number(v, lang))
}

fn delta_text(delta: Option<f64>, lang: Lang) -> String {
    match delta {
        Some(d) if d > 0.0 => format!("+{}", number(d, lang)),
        Some(d) => number(d, lang),
        None => "–".to_owned(),
    }
}

/// Only web links become anchors; anything else (e.g. `javascript:`) is dropped.
fn link_view(url: Option<&str>, s: &'static Strings) -> Option<impl IntoView + use<>> {
    let url = url.filter(|u| u.starts_with("https://") || u.starts_with("http://"))?;
    let site = url
        .split("://")
        .nth(1)
        .and_then(|rest| rest.split(['/', '?', '#']).next())
        .unwrap_or(url)
        .trim_start_matches("www.")
        .to_owned();
    Some(view! {
        " "
        <a class="kt-sa-link" href=url.to_owned()>
            {s.read_more}
            ": "
            {site}
        </a>
    })
}

fn radar(themes: &[ThemeResult], lang: Lang, s: &'static Strings) -> impl IntoView + use<> {
    let count = themes.len().max(1);
    let radius = 120.0;
    #[allow(
        clippy::disallowed_methods,
        reason = "chart geometry only: no score or export depends on these floats"
    )]
    let point = move |i: usize, value: f64| {
        let angle = -FRAC_PI_2 + TAU * i as f64 / count as f64;
        let r = value.clamp(0.0, 100.0) / 100.0 * radius;
        (r * angle.cos(), r * angle.sin())
    };
    let polygon = move |values: &[f64]| {
        values
            .iter()
            .enumerate()
            .map(|(i, v)| {
                let (x, y) = point(i, *v);
                format!("{x:.1},{y:.1}")
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    let rings = [20.0, 40.0, 60.0, 80.0, 100.0]
        .into_iter()
        .map(|level| {
            let points = polygon(&vec![level; count]);
            view! { <polygon class="kt-sa-grid" points=points></polygon> }
        })
        .collect_view();
    let axes = (0..count)
        .map(|i| {
            let (x, y) = point(i, 100.0);
            view! { <line class="kt-sa-axis" x1="0" y1="0" x2=format!("{x:.1}") y2=format!("{y:.1}")></line> }
        })
        .collect_view();
    let scores: Vec<f64> = themes.iter().map(|t| t.score.unwrap_or(0.0)).collect();
    let area = polygon(&scores);
    let dots = scores
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let (x, y) = point(i, *v);
            view! { <circle class="kt-sa-dot" cx=format!("{x:.1}") cy=format!("{y:.1}") r="4"></circle> }
        })
        .collect_view();
    let labels = themes
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let (x, y) = point(i, 110.0);
            let anchor = if x > 5.0 {
                "start"
            } else if x < -5.0 {
                "end"
            } else {
                "middle"
            };
            let y = if y < -5.0 {
                y - 2.0
            } else if y > 5.0 {
                y + 12.0
            } else {
                y + 4.0
            };
            let text = format!("{} {}", t.title.get(lang), score_text(t.score, lang, s));
            view! {
                <text class="kt-sa-label" x=format!("{x:.1}") y=format!("{y:.1}") text-anchor=anchor>
                    {text}
                </text>
            }
        })
        .collect_view();
    let description = themes
        .iter()
        .map(|t| format!("{}: {}", t.title.get(lang), score_text(t.score, lang, s)))
        .collect::<Vec<_>>()
        .join("; ");
    view! {
        <svg
            class="kt-sa-radar"
            viewBox="-340 -150 680 300"
            role="img"
            aria-labelledby="kt-sa-radar-title kt-sa-radar-desc"
        >
            <title id="kt-sa-radar-title">{s.chart_title}</title>
            <desc id="kt-sa-radar-desc">{description}</desc>
            {rings}
            {axes}
            <polygon class="kt-sa-area" points=area></polygon>
            {dots}
            {labels}
        </svg>
    }
}

fn comparison_view(c: &Comparison, lang: Lang, s: &'static Strings) -> impl IntoView + use<> {
    let rows = c
        .themes
        .iter()
        .map(|t| {
            let (title, title_lang) = text_in(&t.title, lang);
            view! {
                <tr>
                    <th scope="row" lang=title_lang>{title}</th>
                    <td>{score_text(t.before, lang, s)}</td>
                    <td>{score_text(t.after, lang, s)}</td>
                    <td>{delta_text(t.delta, lang)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        {(!c.same_questionnaire).then(|| view! { <p class="kt-notice">{s.other_questionnaire}</p> })}
        <table class="kt-sa-table kt-sa-compare-table">
            <caption>{s.compare_caption}</caption>
            <thead>
                <tr>
                    <th scope="col">{s.col_theme}</th>
                    <th scope="col">{s.col_before}</th>
                    <th scope="col">{s.col_now}</th>
                    <th scope="col">{s.col_change}</th>
                </tr>
            </thead>
            <tbody>
                <tr class="kt-sa-overall-row">
                    <th scope="row">{s.overall}</th>
                    <td>{score_text(c.overall.before, lang, s)}</td>
                    <td>{score_text(c.overall.after, lang, s)}</td>
                    <td>{delta_text(c.overall.delta, lang)}</td>
                </tr>
                {rows}
            </tbody>
        </table>
    }
}

/// The region in the UI language (the registry and the engine name it in Finnish).
fn region_in(fi: &str, lang: Lang) -> String {
    match lang {
        Lang::Sv => kiertokit::matching::regions()
            .into_iter()
            .find(|(f, _)| f == fi)
            .map_or_else(|| fi.to_owned(), |(_, sv)| sv),
        _ => fi.to_owned(),
    }
}

/// The hand-off section: the side stream, a link into the impact calculator, the listing draft.
fn handoff_view(
    h: Handoff,
    page: &HandoffPage,
    lang: Lang,
    s: &'static Strings,
) -> impl IntoView + use<> {
    let stream = &h.side_stream;
    let material = kiertokit::matching::category_name(&stream.category, lang)
        .map_or_else(|| stream.category.clone(), str::to_owned);
    let quantity = stream.tonnes_per_year.map_or_else(
        || "–".to_owned(),
        |t| crate::shared::format::with_unit(&crate::shared::format::readable(t, lang), "t", lang),
    );
    let pathway = stream.pathway.map_or_else(
        || "–".to_owned(),
        |p| crate::i18n::impact::pathway(p, lang).to_owned(),
    );
    let impact = page
        .impact_href
        .as_deref()
        .and_then(|href| impact_link(href, &h.impact.to_fragment()))
        .map(|href| {
            view! {
                <p>
                    <a class="kt-button kt-sa-impact-link" href=href aria-describedby="kt-sa-impact-hint">
                        {s.handoff_impact}
                    </a>
                </p>
                <p class="kt-hint" id="kt-sa-impact-hint">{s.handoff_impact_hint}</p>
            }
        });
    let draft = kiertokit::matching::to_json(std::slice::from_ref(&h.listing));
    let missing = h
        .missing
        .iter()
        .map(|m| match m.as_str() {
            "quantity" => s.handoff_missing_quantity,
            _ => s.handoff_missing_municipality,
        })
        .map(|t| view! { <li>{t}</li> })
        .collect_view();
    let tori = Services::builtin().get("materiaalitori").map(|t| {
        view! {
            <p class="kt-sa-service">
                {s.service} ": " <a class="kt-sa-link" href=t.url.clone()>{t.name.get(lang).to_owned()}</a>
            </p>
        }
    });
    let file_draft = draft.clone();
    view! {
        <section class="kt-sa-section kt-sa-handoff" aria-labelledby="kt-sa-handoff-h">
            <h4 id="kt-sa-handoff-h">{s.handoff_heading}</h4>
            <p>{s.handoff_intro}</p>
            <dl class="kt-sa-handoff-stream">
                <dt>{s.handoff_material}</dt>
                <dd>{material}</dd>
                <dt>{s.handoff_quantity}</dt>
                <dd>{quantity}</dd>
                <dt>{s.handoff_pathway}</dt>
                <dd>{pathway}</dd>
            </dl>
            {impact}
            <h5 class="kt-sa-handoff-listing">{s.handoff_listing_heading}</h5>
            <p>{s.handoff_listing_intro}</p>
            <ul class="kt-sa-handoff-missing">{missing}</ul>
            <div class="kt-sa-buttons">
                <button
                    type="button"
                    class="kt-button kt-secondary kt-sa-listing-download"
                    on:click=move |_| {
                        let _ = download("kiertokit-listing.json", "application/json", &file_draft);
                    }
                >
                    {s.handoff_download}
                </button>
            </div>
            <div class="kt-field">
                <label for="kt-sa-listing">{s.handoff_copy_label}</label>
                <textarea id="kt-sa-listing" class="kt-input kt-sa-listing" readonly rows="8" prop:value=draft></textarea>
            </div>
            {tori}
        </section>
    }
}

pub(super) fn results(
    ctx: Ctx,
    options: &ScoreOptions,
    page: &HandoffPage,
    host: StoredValue<Host, LocalStorage>,
) -> impl IntoView + use<> {
    let (lang, s) = (ctx.lang, ctx.s);
    let handoff_options = HandoffOptions {
        municipality: page.municipality.clone(),
        lang,
    };
    let (assessment, link, hand) = ctx.q.with_value(|q| {
        ctx.answers.with_untracked(|a| {
            (
                score_with(q, a, options),
                encode_share(q, a),
                handoff(q, a, &handoff_options),
            )
        })
    });
    if let Some(d) = assessment.diagnostics.iter().find(|d| d.field == "region") {
        host.with_value(|h| {
            h.emit_json(
                "error",
                &serde_json::json!({"kind": "region", "message": d.message, "suggestion": d.suggestion}),
            );
        });
    }
    let region_note = assessment.profile.region.as_deref().map(|r| {
        let template = match assessment.profile.region_source.as_deref() {
            Some("profile") => s.region_profile,
            _ => s.region_page,
        };
        view! { <p class="kt-hint kt-sa-region">{template.replace("{r}", &region_in(r, lang))}</p> }
    });
    let handoff_section = hand.map(|h| handoff_view(h, page, lang, s));
    let share_url = replace_fragment(Some(&format!("{SHARE_PREFIX}{link}"))).unwrap_or_default();
    host.with_value(|h| {
        h.emit_json(
            "complete",
            &serde_json::json!({
                "questionnaire": {"id": assessment.questionnaire.id, "version": assessment.questionnaire.version},
                "overall": assessment.overall,
                "level": assessment.level.as_ref().map(|l| l.level),
                "levelCapped": assessment.level_capped,
                "completeness": assessment.completeness.progress,
                "themes": assessment.themes.iter().map(|t| serde_json::json!({
                    "id": t.id, "score": t.score, "level": t.level.as_ref().map(|l| l.level)
                })).collect::<Vec<_>>(),
                "redFlags": assessment.red_flags,
                "outcomeScore": assessment.outcome_score,
                "enablerScore": assessment.enabler_score,
                "actions": assessment.actions.iter().map(|x| &x.question).collect::<Vec<_>>(),
            }),
        );
    });
    let a = Arc::new(assessment);
    let comparison: RwSignal<Option<Comparison>> = RwSignal::new(None);
    let import_status = RwSignal::new(String::new());

    let title_of = {
        let a = a.clone();
        move |id: &str| {
            a.themes
                .iter()
                .find(|t| t.id == id)
                .map_or_else(|| (id.to_owned(), None), |t| text_in(&t.title, lang))
        }
    };
    let c = &a.completeness;
    let completeness = s
        .completeness
        .replace("{a}", &c.answered.to_string())
        .replace("{v}", &c.visible.to_string())
        .replace("{d}", &c.dont_know.to_string());
    let level = a.level.as_ref().map(|l| {
        let of = s.level_of.replace("{n}", &l.level.to_string());
        view! { {text_view(&l.name, lang)} " (" {of} ")" }
    });
    // A background theme (weight 0, nothing scored, e.g. the profile) is not a result.
    let scored: Vec<ThemeResult> = a
        .themes
        .iter()
        .filter(|t| t.weight > 0.0 || t.score.is_some())
        .cloned()
        .collect();
    let rows = scored
        .iter()
        .map(|t| {
            let level = t.level.as_ref().map_or(Either::Right("–"), |l| {
                Either::Left(view! { {text_view(&l.name, lang)} " (" {l.level} ")" })
            });
            let (title, title_lang) = text_in(&t.title, lang);
            view! {
                <tr class=if t.red_flag { "kt-sa-flagged" } else { "" }>
                    <th scope="row" lang=title_lang>{title}</th>
                    <td>{score_text(t.score, lang, s)}</td>
                    <td>{level}</td>
                </tr>
            }
        })
        .collect_view();
    let zero_themes: Vec<String> = a
        .themes
        .iter()
        .filter(|t| t.red_flag)
        .map(|t| t.id.clone())
        .collect();
    let red_flags = (!zero_themes.is_empty()).then(|| {
        let items = zero_themes
            .iter()
            .map(|id| {
                let (title, title_lang) = title_of(id);
                view! { <li lang=title_lang>{title}</li> }
            })
            .collect_view();
        view! {
            <section class="kt-sa-section kt-sa-red-flags" aria-labelledby="kt-sa-flags-h">
                <h4 id="kt-sa-flags-h">{s.red_flags_heading}</h4>
                <p>{s.red_flags_intro}</p>
                <ul>{items}</ul>
            </section>
        }
    });
    let weakest = (!a.weakest.is_empty()).then(|| {
        let items = a
            .weakest
            .iter()
            .map(|w| {
                let (title, title_lang) = text_in(&w.title, lang);
                let to_next = match (&w.next_level, w.points_to_next_level) {
                    (Some(next), Some(points)) => Some(filled(
                        &s.points_to_next.replace("{p}", &number(points, lang)),
                        "{name}",
                        text_view(&next.name, lang),
                    )),
                    _ => None,
                };
                let step = w.next_step.as_ref().map(|r| {
                    view! {
                        <p>
                            <strong>{s.next_step} ": "</strong>
                            {text_view(&r.text, lang)}
                            {link_view(r.url.as_deref(), s)}
                        </p>
                    }
                });
                let gain = w.biggest_gain.as_ref().map(|g| {
                    view! { <p class="kt-hint">{s.biggest_gain} ": " {text_view(&g.text, lang)}</p> }
                });
                view! {
                    <li>
                        <p class="kt-sa-weak-title">
                            <strong lang=title_lang>{title}</strong>
                            " – "
                            {number(w.score, lang)}
                            " / 100"
                        </p>
                        {to_next.map(|t| view! { <p>{t}</p> })}
                        {step}
                        {gain}
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="kt-sa-section" aria-labelledby="kt-sa-weak-h">
                <h4 id="kt-sa-weak-h">{s.weakest_heading}</h4>
                <ol class="kt-sa-weakest">{items}</ol>
            </section>
        }
    });
    let recommendations = (!a.recommendations.is_empty()).then(|| {
        let items = a
            .recommendations
            .iter()
            .map(|r| {
                view! {
                    <li>
                        <span class="kt-sa-rec-theme">{tagged(title_of(&r.theme))} ": "</span>
                        {text_view(&r.text, lang)}
                        {link_view(r.url.as_deref(), s)}
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="kt-sa-section" aria-labelledby="kt-sa-recs-h">
                <h4 id="kt-sa-recs-h">{s.recs_heading}</h4>
                <ul class="kt-sa-recs">{items}</ul>
            </section>
        }
    });

    let question_text = |id: &str| {
        ctx.q.with_value(|q| {
            q.questions
                .iter()
                .find(|x| x.id == id)
                .map_or_else(|| Text::new(id, id, id), |x| x.text.clone())
        })
    };
    let service_view = |r: &Recommendation| {
        let label = match r.service.as_ref().map(|x| x.kind) {
            Some(ServiceKind::Funding) => s.funding,
            _ => s.service,
        };
        let name = r.service.as_ref().map(|x| text_in(&x.name, lang));
        let url = r
            .url
            .clone()
            .filter(|u| u.starts_with("https://") || u.starts_with("http://"));
        match (name, url) {
            (Some((name, name_lang)), Some(url)) => Some(
                view! {
                    <p class="kt-sa-service">
                        {label} ": " <a class="kt-sa-link" href=url lang=name_lang>{name}</a>
                    </p>
                }
                .into_any(),
            ),
            (None, Some(url)) => Some(view! { <p>{link_view(Some(&url), s)}</p> }.into_any()),
            _ => None,
        }
    };
    let scores = view! {
        {a.outcome_score.map(|v| view! { <p class="kt-sa-kind-score">{s.outcome_score} ": " <strong>{number(v, lang)} " / 100"</strong></p> })}
        {a.enabler_score.map(|v| view! { <p class="kt-sa-kind-score">{s.enabler_score} ": " <strong>{number(v, lang)} " / 100"</strong></p> })}
    };
    let gate = a.level_gate.as_ref().map(|g| {
        let items = g
            .reasons
            .iter()
            .map(|r| {
                let (x, y) = (
                    r.needed.map_or_else(String::new, |v| number(v, lang)),
                    r.actual.map_or_else(|| "–".to_owned(), |v| number(v, lang)),
                );
                let text = match r.kind.as_str() {
                    "outcomeScore" => {
                        Either::Left(s.gate_outcome.replace("{x}", &x).replace("{y}", &y))
                    }
                    "measured" => {
                        Either::Left(s.gate_measured.replace("{x}", &x).replace("{y}", &y))
                    }
                    _ => Either::Right(filled(
                        s.gate_answer,
                        "{q}",
                        text_view(&question_text(r.question.as_deref().unwrap_or("")), lang),
                    )),
                };
                view! { <li>{text}</li> }
            })
            .collect_view();
        view! {
            <div class="kt-notice kt-sa-gate">
                <p>{s.gate_intro.replace("{n}", &g.score_level.to_string())}</p>
                <ul>{items}</ul>
            </div>
        }
    });
    let plan = (!a.actions.is_empty()).then(|| {
        let items = a
            .actions
            .iter()
            .map(|act| {
                let (act_text, act_lang) = text_in(&act.text, lang);
                let what_if = match (&act.level_after, act.overall_after) {
                    (Some(l), Some(o)) => Some(filled(
                        &s.what_if.replace("{score}", &number(o, lang)),
                        "{name}",
                        text_view(&l.name, lang),
                    )),
                    _ => None,
                };
                let advice = act.recommendation.as_ref().map(|r| {
                    let (advice, advice_lang) = text_in(&r.text, lang);
                    view! {
                        <p lang=advice_lang>{advice}</p>
                        {service_view(r)}
                    }
                });
                view! {
                    <li>
                        <p class="kt-sa-action-title"><strong lang=act_lang>{act_text}</strong></p>
                        {what_if.map(|t| view! { <p class="kt-sa-what-if">{t}</p> })}
                        {advice}
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="kt-sa-section kt-sa-plan" aria-labelledby="kt-sa-plan-h">
                <h4 id="kt-sa-plan-h">{s.plan_heading}</h4>
                <p>{s.plan_intro}</p>
                <ol class="kt-sa-plan-list">{items}</ol>
            </section>
        }
    });
    let practices = (!a.practice_flags.is_empty()).then(|| {
        let items = a
            .practice_flags
            .iter()
            .map(|f| {
                let service = Recommendation {
                    url: f.url.clone(),
                    service: f.service.clone(),
                    ..Recommendation::default()
                };
                view! {
                    <li>
                        {text_view(&f.text, lang)}
                        {service_view(&service)}
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="kt-sa-section kt-sa-red-flags kt-sa-practices" aria-labelledby="kt-sa-practices-h">
                <h4 id="kt-sa-practices-h">{s.practices_heading}</h4>
                <p>{s.practices_intro}</p>
                <ul>{items}</ul>
            </section>
        }
    });
    let gaps = (!a.data_gaps.is_empty()).then(|| {
        let items = a
            .data_gaps
            .iter()
            .map(|g| {
                let (gap, gap_lang) = text_in(&g.text, lang);
                let (how, how_lang) = match text_in(&g.find_out, lang) {
                    (how, _) if how.is_empty() => (s.gap_generic.to_owned(), None),
                    how => how,
                };
                view! {
                    <li>
                        <p class="kt-sa-gap-question" lang=gap_lang>{gap}</p>
                        <p class="kt-hint" lang=how_lang>{how}</p>
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="kt-sa-section kt-sa-gaps" aria-labelledby="kt-sa-gaps-h">
                <h4 id="kt-sa-gaps-h">{s.gaps_heading}</h4>
                <p>{s.gaps_intro}</p>
                <ul>{items}</ul>
            </section>
        }
    });
    let models = (!a.business_models.is_empty()).then(|| {
        let stage_label = |m: &ModelFit| {
            ctx.q.with_value(|q| {
                let question = q
                    .business_models
                    .iter()
                    .find(|b| b.id == m.id)
                    .and_then(|b| q.questions.iter().find(|x| x.id == b.question));
                match (question, m.stage) {
                    (Some(x), Some(stage)) if x.scale_labels.len() == 5 => {
                        text_in(&x.scale_labels[usize::from(stage.min(4))], lang)
                    }
                    (_, Some(stage)) => (stage.to_string(), None),
                    _ => ("–".to_owned(), None),
                }
            })
        };
        let closest = a.business_models.iter().filter(|m| m.closest);
        let any = closest.clone().next().is_some();
        let closest_names = closest
            .enumerate()
            .map(|(i, m)| view! { {(i > 0).then_some(", ")} {text_view(&m.name, lang)} })
            .collect_view();
        let items = a
            .business_models
            .iter()
            .map(|m| {
                let closest = m.closest.then(|| view! { <strong>" (" {s.closest} ")"</strong> });
                let ours = m
                    .our_translation
                    .contains(&lang)
                    .then(|| view! { <span class="kt-hint">" (" {s.our_translation} ")"</span> });
                view! {
                    <li>
                        {text_view(&m.name, lang)}
                        {ours}
                        ": "
                        {tagged(stage_label(m))}
                        {closest}
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="kt-sa-section kt-sa-models" aria-labelledby="kt-sa-models-h">
                <h4 id="kt-sa-models-h">{s.models_heading}</h4>
                {if any {
                    view! { <p>{s.models_intro} " " <strong>{closest_names}</strong></p> }.into_any()
                } else {
                    view! { <p>{s.models_none}</p> }.into_any()
                }}
                <ul>{items}</ul>
            </section>
        }
    });

    let on_import = {
        let a = a.clone();
        move |ev: web_sys::Event| {
            let Some(input) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            else {
                return;
            };
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            let now = a.clone();
            leptos::task::spawn_local(async move {
                let text = wasm_bindgen_futures::JsFuture::from(file.text())
                    .await
                    .ok()
                    .and_then(|v| v.as_string());
                let earlier = text
                    .and_then(|t| serde_json::from_str::<Assessment>(&t).ok())
                    .filter(|e| !e.themes.is_empty());
                match earlier {
                    Some(earlier) => {
                        comparison.set(Some(compare(&earlier, &now)));
                        import_status.set(s.compared.to_owned());
                    }
                    None => {
                        comparison.set(None);
                        import_status.set(s.import_failed.to_owned());
                    }
                }
            });
        }
    };
    let export_json = {
        let a = a.clone();
        move |_| {
            let _ = download(
                &format!("{}.json", s.file_stem),
                "application/json",
                &to_json(&a),
            );
        }
    };
    let export_csv = {
        let a = a.clone();
        move |_| {
            // The byte-order mark makes spreadsheet programs read ä and ö as UTF-8.
            let text = format!("\u{feff}{}", to_csv(&a, lang));
            let _ = download(
                &format!("{}.csv", s.file_stem),
                "text/csv;charset=utf-8",
                &text,
            );
        }
    };

    view! {
        <div class="kt-sa-results">
            <h3 class="kt-sa-step-heading" tabindex="-1">{s.results_heading}</h3>
            <div class="kt-sa-overall">
                <p class="kt-sa-score">
                    <span>{s.overall} ": "</span>
                    <strong class="kt-sa-score-value">{score_text(a.overall, lang, s)} " / 100"</strong>
                </p>
                {level
                    .map(|l| {
                        view! {
                            <p class="kt-sa-level">
                                <span>{s.level} ": "</span>
                                <strong class="kt-sa-level-name">{l}</strong>
                            </p>
                        }
                    })}
                {a.level_capped.then(|| view! { <p class="kt-notice kt-sa-warning">{s.capped}</p> })}
                {gate}
                {scores}
                {a.insufficient_data.then(|| view! { <p class="kt-notice kt-sa-warning">{s.insufficient}</p> })}
                {a.provisional.then(|| view! { <p class="kt-notice">{s.provisional}</p> })}
                <p class="kt-hint">{completeness}</p>
            </div>
            {plan}
            {region_note}
            {handoff_section}
            {practices}
            <div class="kt-sa-chart">
                {(scored.len() >= 3)
                    .then(|| view! { <div class="kt-sa-chart-figure">{radar(&scored, lang, s)}</div> })}
                <table class="kt-sa-table kt-sa-theme-table">
                    <caption>{s.table_caption}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{s.col_theme}</th>
                            <th scope="col">{s.col_score}</th>
                            <th scope="col">{s.col_level}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            {red_flags}
            {gaps}
            {models}
            {weakest}
            {recommendations}
            <section class="kt-sa-section kt-sa-compare" aria-labelledby="kt-sa-compare-h">
                <h4 id="kt-sa-compare-h">{s.compare_heading}</h4>
                <div class="kt-field">
                    <label for="kt-sa-import">{s.import_label}</label>
                    <input
                        id="kt-sa-import"
                        class="kt-sa-file"
                        type="file"
                        accept=".json,application/json"
                        on:change=on_import
                    />
                </div>
                <p class="kt-status" role="status">{move || import_status.get()}</p>
                {move || comparison.get().map(|c| comparison_view(&c, lang, s))}
            </section>
            <section class="kt-sa-section kt-sa-actions" aria-labelledby="kt-sa-save-h">
                <h4 id="kt-sa-save-h">{s.save_heading}</h4>
                <div class="kt-sa-buttons">
                    <button type="button" class="kt-button kt-secondary kt-sa-export-json" on:click=export_json>
                        {s.export_json}
                    </button>
                    <button type="button" class="kt-button kt-secondary kt-sa-export-csv" on:click=export_csv>
                        {s.export_csv}
                    </button>
                    <button
                        type="button"
                        class="kt-button kt-secondary kt-sa-print"
                        on:click=move |_| {
                            if let Some(w) = web_sys::window() {
                                let _ = w.print();
                            }
                        }
                    >
                        {s.print}
                    </button>
                </div>
                <div class="kt-field">
                    <label for="kt-sa-share">{s.share_label}</label>
                    <input
                        id="kt-sa-share"
                        class="kt-input kt-sa-share"
                        type="text"
                        readonly
                        aria-describedby="kt-sa-share-hint"
                        prop:value=share_url
                    />
                    <p class="kt-hint" id="kt-sa-share-hint">{s.share_hint}</p>
                </div>
            </section>
        </div>
    }
}
