//! The review board's reviewer panel: reviewers and declarations from files, conflicts of
//! interest, the assignment (k per application, load limits), per-reviewer score sheets, and the
//! staff's switch that unblinds blind fields.

use crate::shared::browser::{download, read_chosen_file};
use kiertokit::scoring::{
    Application, AssignmentOptions, Conflict, ConflictKind, Declaration, Programme, Reviewer,
    ShortfallCause, assign, check, find_conflicts, parse_declarations, parse_reviewers,
    reviewer_sheet,
};
use kiertokit::{Code, Diagnostic, Lang};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

pub struct Texts {
    pub heading: &'static str,
    pub intro: &'static str,
    pub reviewers_file: &'static str,
    pub declarations_file: &'static str,
    pub per_application: &'static str,
    pub max_load: &'static str,
    pub max_load_hint: &'static str,
    pub conflicts_caption: &'static str,
    pub no_conflicts: &'static str,
    pub reviewer: &'static str,
    pub application: &'static str,
    pub reason: &'static str,
    pub assignment_caption: &'static str,
    pub load: &'static str,
    pub to_review: &'static str,
    pub sheet: &'static str,
    /// `{r}`: reviewer.
    pub download_sheet: &'static str,
    /// `{k}`: reviewers per application.
    pub all_covered: &'static str,
    pub shortfall_heading: &'static str,
    /// `{a}` application, `{n}` assigned, `{k}` wanted, `{free}` reviewers without a conflict.
    pub shortfall: &'static str,
    pub cause_conflicts: &'static str,
    pub cause_load: &'static str,
    /// `{n}`: reviewers read.
    pub loaded: &'static str,
    /// `{n}`: rows skipped.
    pub skipped: &'static str,
    pub declared: &'static str,
    pub same_organisation: &'static str,
    pub same_business_id: &'static str,
    pub same_domain: &'static str,
    pub listed_partner: &'static str,
    pub unblind: &'static str,
    pub unblind_hint: &'static str,
    pub hidden: &'static str,
    pub downloaded: &'static str,
}

const FI: Texts = Texts {
    heading: "Arvioijat, esteellisyys ja työnjako",
    intro: "Lataa arvioijat ja heidän esteellisyysilmoituksensa. Arvioija on esteellinen, jos hän on ilmoittanut sen tai jos tiedoista näkyy sama organisaatio, Y-tunnus tai sähköpostin verkkotunnus tai hakemuksen kumppani. Esteellisen arvioijan arviot jätetään pois pisteistä ja yhtäpitävyyden laskennasta. Työnjako koskee hakuehdot täyttäviä hakemuksia.",
    reviewers_file: "Arvioijat (JSON)",
    declarations_file: "Esteellisyysilmoitukset (JSON, vapaaehtoinen)",
    per_application: "Arvioijia hakemusta kohden",
    max_load: "Hakemuksia enintään arvioijaa kohden",
    max_load_hint: "Tyhjä: ei ylärajaa. Arvioijan oma enimmäismäärä tiedostossa on etusijalla.",
    conflicts_caption: "Esteellisyydet",
    no_conflicts: "Esteellisyyksiä ei löytynyt.",
    reviewer: "Arvioija",
    application: "Hakemus",
    reason: "Peruste",
    assignment_caption: "Työnjako",
    load: "Hakemuksia",
    to_review: "Arvioitavat hakemukset",
    sheet: "Arviointilomake",
    download_sheet: "Lataa arviointilomake (CSV): {r}",
    all_covered: "Jokainen hakemus sai {k} esteetöntä arvioijaa.",
    shortfall_heading: "Kattamatta jäi",
    shortfall: "{a}: arvioijia {n}/{k}, esteettömiä arvioijia {free}",
    cause_conflicts: "liian vähän esteettömiä arvioijia",
    cause_load: "arvioijien enimmäismäärät ovat täynnä",
    loaded: "Arvioijia: {n}.",
    skipped: "Ohitettuja rivejä: {n}.",
    declared: "ilmoitettu esteellisyys",
    same_organisation: "sama organisaatio",
    same_business_id: "sama Y-tunnus",
    same_domain: "sama sähköpostin verkkotunnus",
    listed_partner: "hakemuksen kumppani",
    unblind: "Näytä sokkoutetut tiedot",
    unblind_hint: "Vain henkilöstölle. Kun valinta ei ole päällä, sokkoutetut tiedot on piilotettu näkymästä ja tiedostoista.",
    hidden: "Piilotettu",
    downloaded: "Arviointilomake on ladattu.",
};

const SV: Texts = Texts {
    heading: "Bedömare, jäv och arbetsfördelning",
    intro: "Ladda bedömarna och deras jävsanmälningar. En bedömare är jävig om hen har anmält det eller om uppgifterna visar samma organisation, FO-nummer eller e-postdomän eller en partner i ansökan. En jävig bedömares bedömningar lämnas utanför poängen och beräkningen av samstämmigheten. Arbetsfördelningen gäller ansökningar som uppfyller villkoren.",
    reviewers_file: "Bedömare (JSON)",
    declarations_file: "Jävsanmälningar (JSON, valfritt)",
    per_application: "Bedömare per ansökan",
    max_load: "Högst antal ansökningar per bedömare",
    max_load_hint: "Tomt: ingen gräns. Bedömarens eget högsta antal i filen går före.",
    conflicts_caption: "Jäv",
    no_conflicts: "Inga jäv hittades.",
    reviewer: "Bedömare",
    application: "Ansökan",
    reason: "Grund",
    assignment_caption: "Arbetsfördelning",
    load: "Ansökningar",
    to_review: "Ansökningar att bedöma",
    sheet: "Bedömningsblankett",
    download_sheet: "Ladda ner bedömningsblanketten (CSV): {r}",
    all_covered: "Varje ansökan fick {k} bedömare utan jäv.",
    shortfall_heading: "Blev inte täckt",
    shortfall: "{a}: bedömare {n}/{k}, bedömare utan jäv {free}",
    cause_conflicts: "för få bedömare utan jäv",
    cause_load: "bedömarnas högsta antal är fyllda",
    loaded: "Bedömare: {n}.",
    skipped: "Överhoppade rader: {n}.",
    declared: "anmält jäv",
    same_organisation: "samma organisation",
    same_business_id: "samma FO-nummer",
    same_domain: "samma e-postdomän",
    listed_partner: "partner i ansökan",
    unblind: "Visa dolda uppgifter",
    unblind_hint: "Endast för personalen. När valet inte är på är de dolda uppgifterna borta från vyn och filerna.",
    hidden: "Dold",
    downloaded: "Bedömningsblanketten har laddats ner.",
};

const EN: Texts = Texts {
    heading: "Reviewers, conflicts of interest and assignment",
    intro: "Load the reviewers and their declarations. A reviewer has a conflict of interest when they declared one, or when the data shows the same organisation, business ID or e-mail domain, or a partner in the application. Reviews by a reviewer with a conflict are left out of the scores and the agreement figures. The assignment covers the eligible applications.",
    reviewers_file: "Reviewers (JSON)",
    declarations_file: "Declarations (JSON, optional)",
    per_application: "Reviewers per application",
    max_load: "At most applications per reviewer",
    max_load_hint: "Empty: no limit. A reviewer's own limit in the file comes first.",
    conflicts_caption: "Conflicts of interest",
    no_conflicts: "No conflicts of interest found.",
    reviewer: "Reviewer",
    application: "Application",
    reason: "Reason",
    assignment_caption: "Assignment",
    load: "Applications",
    to_review: "Applications to review",
    sheet: "Score sheet",
    download_sheet: "Download the score sheet (CSV): {r}",
    all_covered: "Every application got {k} reviewers without a conflict.",
    shortfall_heading: "Not covered",
    shortfall: "{a}: reviewers {n}/{k}, reviewers without a conflict {free}",
    cause_conflicts: "too few reviewers without a conflict",
    cause_load: "the reviewers' limits are reached",
    loaded: "Reviewers: {n}.",
    skipped: "Rows skipped: {n}.",
    declared: "declared",
    same_organisation: "same organisation",
    same_business_id: "same business ID",
    same_domain: "same e-mail domain",
    listed_partner: "a partner in the application",
    unblind: "Show blinded fields",
    unblind_hint: "Staff only. While this is off, blinded fields are hidden from the view and the files.",
    hidden: "Hidden",
    downloaded: "The score sheet has been downloaded.",
};

pub fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::Fi => &FI,
        Lang::Sv => &SV,
        Lang::En => &EN,
    }
}

/// A conflict's reasons in words, e.g. "sama organisaatio; ilmoitettu esteellisyys: perhe".
pub fn reasons_text(t: &Texts, reasons: &[ConflictKind]) -> String {
    reasons
        .iter()
        .map(|k| match k {
            ConflictKind::Declared { relation, reason } => {
                let detail = [relation.as_str(), reason.as_str()]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(", ");
                if detail.is_empty() {
                    t.declared.to_owned()
                } else {
                    format!("{}: {detail}", t.declared)
                }
            }
            ConflictKind::SameOrganisation { .. } => t.same_organisation.to_owned(),
            ConflictKind::SameBusinessId { business_id } => {
                format!("{} ({business_id})", t.same_business_id)
            }
            ConflictKind::SameEmailDomain { domain } => format!("{} ({domain})", t.same_domain),
            ConflictKind::ListedPartner { organisation } => {
                format!("{} ({organisation})", t.listed_partner)
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// What the board needs back from the panel.
pub struct Panel {
    pub conflicts: Memo<Vec<Conflict>>,
    /// Staff switch: blind fields shown.
    pub unblind: RwSignal<bool>,
    pub view: AnyView,
}

fn input_of(ev: &leptos::ev::Event) -> Option<web_sys::HtmlInputElement> {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
}

/// The panel; `line` renders one CSV row with the board's CSV helper.
pub fn panel(
    lang: Lang,
    programme: RwSignal<Option<Programme>>,
    applications: RwSignal<Vec<Application>>,
    line: fn(&[String], char) -> String,
    sep: char,
) -> Panel {
    let t = texts(lang);
    let reviewers = RwSignal::new(Vec::<Reviewer>::new());
    let declarations = RwSignal::new(Vec::<Declaration>::new());
    let notes = RwSignal::new(Vec::<Diagnostic>::new());
    let k = RwSignal::new(2usize);
    let max_load = RwSignal::new(None::<usize>);
    let unblind = RwSignal::new(false);
    let status = RwSignal::new(String::new());

    let conflicts = Memo::new(move |_| {
        applications.with(|apps| {
            reviewers.with(|r| declarations.with(|d| find_conflicts(r, apps, d).value))
        })
    });
    let assignment = Memo::new(move |_| {
        let p = programme.get()?;
        if reviewers.with(Vec::is_empty) {
            return None;
        }
        let ids: Vec<String> = applications.with(|apps| {
            apps.iter()
                .filter(|a| check(&p, a).is_empty())
                .map(|a| a.id.clone())
                .collect()
        });
        let opts = AssignmentOptions {
            k: k.get(),
            default_max_load: max_load.get(),
        };
        Some(reviewers.with(|r| assign(r, &ids, &conflicts.get(), &opts)))
    });

    let load_file = move |declarations_file: bool| {
        move |ev: leptos::ev::Event| {
            let Some(input) = input_of(&ev) else {
                return;
            };
            leptos::task::spawn_local(async move {
                let Some(result) = read_chosen_file(input).await else {
                    return;
                };
                match result {
                    Ok((_, text)) if declarations_file => {
                        let (list, d) = parse_declarations(&text).into_parts();
                        notes.set(d);
                        declarations.set(list);
                    }
                    Ok((_, text)) => {
                        let (list, d) = parse_reviewers(&text).into_parts();
                        notes.set(d);
                        reviewers.set(list);
                    }
                    Err(e) => notes.set(vec![Diagnostic::error(0, "", Code::FileUnreadable, e)]),
                }
            });
        }
    };

    let sheet = move |reviewer: String| {
        let (Some(p), Some(a)) = (programme.get_untracked(), assignment.get_untracked()) else {
            return;
        };
        // Unblinded by staff: the sheet is written as if the programme blinded nothing.
        let shown = if unblind.get_untracked() {
            Programme {
                blind: Vec::new(),
                ..p.clone()
            }
        } else {
            p.clone()
        };
        let mut rows =
            applications.with_untracked(|apps| reviewer_sheet(&shown, &a, &reviewer, apps));
        if organisation_hidden(&p, unblind.get_untracked()) {
            for row in rows.iter_mut().skip(1) {
                row[2] = t.hidden.to_owned();
            }
        }
        let text: String = rows.iter().map(|row| line(row, sep)).collect();
        let name = format!("{}-{}.csv", p.id, reviewer);
        if download(&name, "text/csv;charset=utf-8", &format!("\u{feff}{text}")).is_ok() {
            status.set(t.downloaded.to_owned());
        }
    };

    let results = move || {
        let Some(a) = assignment.get() else {
            return ().into_any();
        };
        let conflicts_view = conflicts.with(|cs| {
            if cs.is_empty() {
                view! { <p class="kt-rb-no-conflicts">{t.no_conflicts}</p> }.into_any()
            } else {
                let rows = cs
                    .iter()
                    .map(|c| {
                        view! {
                            <tr>
                                <th scope="row">{c.reviewer.clone()}</th>
                                <td>{c.application.clone()}</td>
                                <td>{reasons_text(t, &c.reasons)}</td>
                            </tr>
                        }
                    })
                    .collect_view();
                view! {
                    <div class="kt-table-wrap" role="region" aria-labelledby="kt-rb-conflicts-caption" tabindex="0">
                        <table class="kt-table kt-rb-conflicts">
                            <caption id="kt-rb-conflicts-caption">{t.conflicts_caption}</caption>
                            <thead><tr>
                                <th scope="col">{t.reviewer}</th>
                                <th scope="col">{t.application}</th>
                                <th scope="col">{t.reason}</th>
                            </tr></thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                }
                .into_any()
            }
        });
        let rows = a
            .loads
            .iter()
            .map(|(r, n)| {
                let apps = a.applications_of(r).join(", ");
                let r1 = r.clone();
                view! {
                    <tr data-reviewer=r.clone()>
                        <th scope="row">{r.clone()}</th>
                        <td class="kt-num">{*n}</td>
                        <td>{apps}</td>
                        <td>
                            <button type="button" class="kt-button kt-secondary" disabled=*n == 0
                                on:click=move |_| sheet(r1.clone())>
                                {t.download_sheet.replace("{r}", r)}
                            </button>
                        </td>
                    </tr>
                }
            })
            .collect_view();
        let shortfalls = if a.shortfalls.is_empty() {
            view! { <p class="kt-rb-coverage">{t.all_covered.replace("{k}", &a.k.to_string())}</p> }
                .into_any()
        } else {
            let items = a
                .shortfalls
                .iter()
                .map(|s| {
                    let text = t
                        .shortfall
                        .replace("{a}", &s.application)
                        .replace("{n}", &s.assigned.to_string())
                        .replace("{k}", &a.k.to_string())
                        .replace("{free}", &s.without_conflict.to_string());
                    let cause = match s.cause {
                        ShortfallCause::TooFewWithoutConflict => t.cause_conflicts,
                        ShortfallCause::LoadLimits => t.cause_load,
                    };
                    view! { <li>{format!("{text} – {cause}.")}</li> }
                })
                .collect_view();
            view! {
                <div class="kt-notice kt-rb-coverage">
                    <h4 class="kt-minor">{t.shortfall_heading}</h4>
                    <ul>{items}</ul>
                </div>
            }
            .into_any()
        };
        view! {
            {conflicts_view}
            <div class="kt-table-wrap" role="region" aria-labelledby="kt-rb-assignment-caption" tabindex="0">
                <table class="kt-table kt-rb-assignment">
                    <caption id="kt-rb-assignment-caption">{t.assignment_caption}</caption>
                    <thead><tr>
                        <th scope="col">{t.reviewer}</th>
                        <th scope="col">{t.load}</th>
                        <th scope="col">{t.to_review}</th>
                        <th scope="col">{t.sheet}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            {shortfalls}
        }
        .into_any()
    };

    let set_k = move |ev: leptos::ev::Event| {
        if let Ok(n) = event_target_value(&ev).trim().parse::<usize>()
            && (1..=20).contains(&n)
        {
            k.set(n);
        }
    };
    let set_load = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        if v.trim().is_empty() {
            max_load.set(None);
        } else if let Ok(n) = v.trim().parse::<usize>() {
            max_load.set(Some(n));
        }
    };
    let has_blind = move || programme.with(|p| p.as_ref().is_some_and(|p| !p.blind.is_empty()));
    let view = view! {
        <section class="kt-rb-reviewers" aria-labelledby="kt-rb-reviewers-heading">
            <h3 class="kt-subheading" id="kt-rb-reviewers-heading">{t.heading}</h3>
            <p class="kt-hint">{t.intro}</p>
            <div class="kt-rb-grid">
                <div class="kt-field">
                    <label for="kt-rb-reviewers">{t.reviewers_file}</label>
                    <input id="kt-rb-reviewers" class="kt-input" type="file" accept=".json,application/json"
                        on:change=load_file(false) />
                </div>
                <div class="kt-field">
                    <label for="kt-rb-declarations">{t.declarations_file}</label>
                    <input id="kt-rb-declarations" class="kt-input" type="file" accept=".json,application/json"
                        on:change=load_file(true) />
                </div>
                <div class="kt-field">
                    <label for="kt-rb-k">{t.per_application}</label>
                    <input id="kt-rb-k" class="kt-input" type="number" min="1" max="20" step="1" inputmode="numeric"
                        prop:value=move || k.get_untracked().to_string()
                        on:input=set_k />
                </div>
                <div class="kt-field">
                    <label for="kt-rb-load">{t.max_load}</label>
                    <input id="kt-rb-load" class="kt-input" type="number" min="0" step="1" inputmode="numeric"
                        aria-describedby="kt-rb-load-hint"
                        on:input=set_load />
                    <p class="kt-hint" id="kt-rb-load-hint">{t.max_load_hint}</p>
                </div>
            </div>
            <p class="kt-rb-reviewers-loaded">
                {move || (!reviewers.with(Vec::is_empty)).then(|| t.loaded.replace("{n}", &reviewers.with(Vec::len).to_string()))}
                " "
                {move || (!notes.with(Vec::is_empty)).then(|| {
                    let list = notes.with(|d| d.iter().map(|x| crate::i18n::diagnostic(x, lang)).collect::<Vec<_>>().join("; "));
                    format!("{} {list}", t.skipped.replace("{n}", &notes.with(Vec::len).to_string()))
                })}
            </p>
            <Show when=has_blind>
                <label class="kt-choice">
                    <input type="checkbox" aria-describedby="kt-rb-unblind-hint"
                        prop:checked=move || unblind.get()
                        on:change=move |ev| unblind.set(event_target_checked(&ev)) />
                    <span>{t.unblind}</span>
                </label>
                <p class="kt-hint" id="kt-rb-unblind-hint">{t.unblind_hint}</p>
            </Show>
            {results}
            <p class="kt-hint" role="status">{move || status.get()}</p>
        </section>
    }
    .into_any();
    Panel {
        conflicts,
        unblind,
        view,
    }
}

/// Whether the organisation is hidden now: the programme blinds it and staff have not unblinded.
pub fn organisation_hidden(p: &Programme, unblind: bool) -> bool {
    !unblind && p.blind.iter().any(|f| f == "organisation")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_read_as_words_with_their_details() {
        let t = texts(Lang::Fi);
        let text = reasons_text(
            t,
            &[
                ConflictKind::Declared {
                    relation: "perhe".into(),
                    reason: String::new(),
                },
                ConflictKind::SameEmailDomain {
                    domain: "hsy.fi".into(),
                },
            ],
        );
        assert_eq!(
            text,
            "ilmoitettu esteellisyys: perhe; sama sähköpostin verkkotunnus (hsy.fi)"
        );
    }
}
