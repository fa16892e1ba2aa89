//! Rank stability on the board: which selections survive weights moved ±20 %, one reviewer left
//! out and the other ranking method, in plain words from the core.

use kiertokit::Lang;
use kiertokit::scoring::{Stability, Standing};
use leptos::prelude::*;

pub struct Texts {
    pub heading: &'static str,
    pub intro: &'static str,
    /// `{robust}`, `{borderline}`, `{near}`: counts.
    pub summary: &'static str,
    pub caption: &'static str,
    pub applicant: &'static str,
    pub standing: &'static str,
    pub explanation: &'static str,
    pub robust: &'static str,
    pub borderline_in: &'static str,
    pub borderline_out: &'static str,
    pub out: &'static str,
    pub none: &'static str,
}

const FI: Texts = Texts {
    heading: "Valinnan vakaus",
    intro: "Valinta lasketaan uudelleen niin, että kunkin kriteerin painoarvoa muutetaan vuorollaan 20 % alas ja ylös, kunkin arvioijan arviot jätetään vuorollaan pois ja menetelmä vaihdetaan toiseen. Vakaa valinta pysyy samana kaikissa kokeiluissa, rajatapaus ei.",
    summary: "Vakaita valintoja: {robust}. Valittuja rajatapauksia: {borderline}. Valitsematta jääneitä rajatapauksia: {near}.",
    caption: "Valinnan vakaus hakemuksittain",
    applicant: "Hakija",
    standing: "Tulos",
    explanation: "Selitys",
    robust: "Vakaa valinta",
    borderline_in: "Rajatapaus, valittu",
    borderline_out: "Rajatapaus, ei valittu",
    out: "Ei valittu",
    none: "Vakautta ei voi arvioida, kun yhtään hakemusta ei ole pisteytetty.",
};

const SV: Texts = Texts {
    heading: "Hur stabilt urvalet är",
    intro: "Urvalet räknas om så att vikten för varje kriterium i tur och ordning sänks och höjs med 20 %, varje bedömares bedömningar i tur och ordning lämnas bort och den andra metoden används. Ett stabilt val är detsamma i alla försök, ett gränsfall är det inte.",
    summary: "Stabila val: {robust}. Valda gränsfall: {borderline}. Gränsfall som inte valdes: {near}.",
    caption: "Urvalets stabilitet per ansökan",
    applicant: "Sökande",
    standing: "Resultat",
    explanation: "Förklaring",
    robust: "Stabilt val",
    borderline_in: "Gränsfall, vald",
    borderline_out: "Gränsfall, inte vald",
    out: "Inte vald",
    none: "Stabiliteten kan inte bedömas när ingen ansökan har fått poäng.",
};

const EN: Texts = Texts {
    heading: "How stable the selection is",
    intro: "The selection is recomputed with each criterion's weight moved 20 % down and up in turn, with each reviewer's reviews left out in turn, and with the other method. A robust selection is the same in every trial; a borderline one is not.",
    summary: "Robust selections: {robust}. Borderline, selected: {borderline}. Borderline, not selected: {near}.",
    caption: "Selection stability by application",
    applicant: "Applicant",
    standing: "Result",
    explanation: "Explanation",
    robust: "Robust",
    borderline_in: "Borderline, selected",
    borderline_out: "Borderline, not selected",
    out: "Not selected",
    none: "Stability cannot be assessed while no application has been scored.",
};

pub fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::Fi => &FI,
        Lang::Sv => &SV,
        Lang::En => &EN,
    }
}

/// Kebab-case name of a standing, for `data-standing` and CSS.
pub fn standing_key(s: Standing) -> &'static str {
    match s {
        Standing::RobustlySelected => "robust",
        Standing::BorderlineSelected => "borderline-selected",
        Standing::BorderlineOut => "borderline-out",
        Standing::RobustlyOut => "out",
    }
}

fn standing_label(t: &Texts, s: Standing) -> &'static str {
    match s {
        Standing::RobustlySelected => t.robust,
        Standing::BorderlineSelected => t.borderline_in,
        Standing::BorderlineOut => t.borderline_out,
        Standing::RobustlyOut => t.out,
    }
}

/// The one-line count of robust and borderline applications.
pub fn summary(t: &Texts, s: &Stability) -> String {
    let count = |k: Standing| {
        s.applications
            .iter()
            .filter(|a| a.standing == k)
            .count()
            .to_string()
    };
    t.summary
        .replace("{robust}", &count(Standing::RobustlySelected))
        .replace("{borderline}", &count(Standing::BorderlineSelected))
        .replace("{near}", &count(Standing::BorderlineOut))
}

/// The section; `name` gives the applicant's name as the board shows it (blinded or not).
pub fn section(
    lang: Lang,
    stability: Memo<Option<Stability>>,
    name: impl Fn(&str) -> String + Send + Sync + Copy + 'static,
) -> impl IntoView {
    let t = texts(lang);
    let body = move || {
        let Some(s) = stability.get() else {
            return ().into_any();
        };
        if s.applications.is_empty() {
            return view! { <p class="kt-rb-stability-summary">{t.none}</p> }.into_any();
        }
        let rows = s
            .applications
            .iter()
            .map(|a| {
                let (text, text_lang) = crate::i18n::text_in(&a.text, lang);
                view! {
                    <tr data-application=a.application.clone() data-standing=standing_key(a.standing)>
                        <th scope="row">{name(&a.application)} <span class="kt-hint">" (" {a.application.clone()} ")"</span></th>
                        <td><strong>{standing_label(t, a.standing)}</strong></td>
                        <td lang=text_lang>{text}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <p class="kt-rb-stability-summary">{summary(t, &s)}</p>
            <div class="kt-table-wrap" role="region" aria-labelledby="kt-rb-stability-caption" tabindex="0">
                <table class="kt-table kt-rb-stability">
                    <caption id="kt-rb-stability-caption">{t.caption}</caption>
                    <thead><tr>
                        <th scope="col">{t.applicant}</th>
                        <th scope="col">{t.standing}</th>
                        <th scope="col">{t.explanation}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    view! {
        <section class="kt-rb-stability-section" aria-labelledby="kt-rb-stability-heading">
            <h3 class="kt-subheading" id="kt-rb-stability-heading">{t.heading}</h3>
            <p class="kt-hint">{t.intro}</p>
            {body}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kiertokit::scoring::{ScoreOptions, builtin, parse_applications, parse_reviews, stability};

    #[test]
    fn the_summary_counts_each_standing_as_the_core_decided_it() {
        let p = builtin("reilu-kiertotalous-2021").expect("built in");
        let apps_json: Vec<String> = (1..=12)
            .map(|i| {
                format!(
                    r#"{{"id":"a{i}","organisation":"Kunta {i}","organisationType":"municipal-organisation",
                        "answers":{{"contactPerson":"M","description":"D","resultsBy":"31.3.2022"}}}}"#
                )
            })
            .collect();
        let (apps, _) = parse_applications(&format!("[{}]", apps_json.join(","))).into_parts();
        let mut csv = String::from("reviewer,application,criterion,score\n");
        for i in 1..=12 {
            // Two reviewers disagree on the tenth and eleventh, so leaving one out swaps them.
            let (r1, r2) = match i {
                10 => (5, 1),
                11 => (1, 5),
                _ => (if i < 10 { 5 } else { 1 }, if i < 10 { 5 } else { 1 }),
            };
            for c in ["impact", "cross-administrative"] {
                csv += &format!("R1,a{i},{c},{r1}\nR2,a{i},{c},{r2}\n");
            }
        }
        let (revs, _) = parse_reviews(&csv).into_parts();
        let s = stability(&p, &apps, &revs, &ScoreOptions::default());
        let text = summary(texts(Lang::Fi), &s);
        let n = |k| s.applications.iter().filter(|a| a.standing == k).count();
        assert!(n(Standing::BorderlineSelected) + n(Standing::BorderlineOut) > 0);
        assert_eq!(
            text,
            format!(
                "Vakaita valintoja: {}. Valittuja rajatapauksia: {}. Valitsematta jääneitä rajatapauksia: {}.",
                n(Standing::RobustlySelected),
                n(Standing::BorderlineSelected),
                n(Standing::BorderlineOut)
            )
        );
        assert_eq!(standing_key(Standing::BorderlineOut), "borderline-out");
    }
}
