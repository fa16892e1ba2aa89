//! One test per rule of the built-in calls, each quoting the sentence of the call it implements.
//! Quotes read word for word carry `quoteSource`; the rest (issue 19's English renderings, the full
//! call pages not being readable here) stay unverified, and the last test lists exactly which.

use super::*;

fn rule<'a>(p: &'a Programme, code: &str, quote: &str) -> &'a Rule {
    let r = p
        .rules
        .iter()
        .find(|r| r.code == code)
        .unwrap_or_else(|| panic!("{}: no rule `{code}`", p.id));
    assert_eq!(r.basis, Some(Basis::Call), "{code} should be the call's");
    assert_eq!(
        r.quote.as_deref(),
        Some(quote),
        "{code} quotes another sentence"
    );
    r
}

fn codes(p: &Programme, a: &Application) -> Vec<String> {
    check(p, a).into_iter().map(|f| f.code).collect()
}

fn reilu() -> Programme {
    builtin("reilu-kiertotalous-2021").expect("built in")
}

fn reilu_ok() -> Application {
    Application {
        id: "r".into(),
        organisation: "Lahden kaupunki".into(),
        organisation_type: "municipal-organisation".into(),
        answers: [
            ("contactPerson".into(), "Maija".into()),
            ("description".into(), "Tyhjät tilat asukaskäyttöön".into()),
            ("resultsBy".into(), "2022-04-30".into()),
        ]
        .into(),
        submitted_at: Some("2021-11-12T16:15:00+02:00".into()),
        ..Application::default()
    }
}

fn partner(org: &str, t: &str, role: Option<PartnerRole>) -> Partner {
    Partner {
        organisation: org.into(),
        organisation_type: t.into(),
        business_id: None,
        role,
    }
}

#[test]
fn reilu_applicants_are_municipal_or_regional_actors() {
    let p = reilu();
    rule(
        &p,
        "org-type",
        "Applicants are municipal organisations, joint municipal authorities and regional actors (e.g. regional councils and development companies); the implementation may involve associations, companies and other civic actors together with the municipal actor.",
    );
    for t in [
        "municipal-organisation",
        "joint-municipal-authority",
        "regional-actor",
    ] {
        let a = Application {
            organisation_type: t.into(),
            ..reilu_ok()
        };
        assert!(codes(&p, &a).is_empty(), "{t}");
    }
    for t in ["company", "association", ""] {
        let a = Application {
            organisation_type: t.into(),
            ..reilu_ok()
        };
        assert_eq!(codes(&p, &a), ["org-type"], "{t}");
    }
}

#[test]
fn reilu_implementation_may_involve_associations_companies_and_civic_actors() {
    // "the implementation may involve associations, companies and other civic actors together
    // with the municipal actor" — the Etelä-Karjalan liitto sample, with a company, is eligible.
    let p = reilu();
    let mut a = Application {
        organisation: "Etelä-Karjalan liitto".into(),
        organisation_type: "regional-actor".into(),
        partners: vec![partner("Lappeenrannan Energia Oy", "company", None)],
        ..reilu_ok()
    };
    assert!(codes(&p, &a).is_empty());
    a.partners.push(partner(
        "Kierrätysyhdistys ry",
        "association",
        Some(PartnerRole::Implementation),
    ));
    a.partners
        .push(partner("Kylätoimikunta", "village-committee", None));
    assert!(codes(&p, &a).is_empty(), "other civic actors too");
    // Stated as a co-applicant, a company is not an allowed applicant.
    a.partners[0].role = Some(PartnerRole::CoApplicant);
    assert_eq!(codes(&p, &a), ["org-type"]);
}

#[test]
fn reilu_a_project_between_several_municipalities_may_apply() {
    let p = reilu();
    rule(
        &p,
        "joint",
        "A project between several municipalities may apply.",
    );
    let a = Application {
        partners: vec![
            partner("Hollolan kunta", "municipal-organisation", None),
            partner(
                "Päijät-Hämeen liitto",
                "regional-actor",
                Some(PartnerRole::CoApplicant),
            ),
        ],
        ..reilu_ok()
    };
    assert!(codes(&p, &a).is_empty());
    assert_eq!(co_applicants(&p, &a).len(), 2);
}

#[test]
fn reilu_results_must_be_available_by_the_end_of_april_2022() {
    let p = reilu();
    rule(
        &p,
        "results-by",
        "Results of the measure (or a part of it) must be available by the end of April 2022.",
    );
    for ok in ["2022-04-30", "30.4.2022", "2021-12-31"] {
        let mut a = reilu_ok();
        a.answers.insert("resultsBy".into(), ok.into());
        assert!(codes(&p, &a).is_empty(), "{ok}");
    }
    for late in ["2022-05-01", "1.5.2022", "", "huhtikuussa", "2022-04-31"] {
        let mut a = reilu_ok();
        a.answers.insert("resultsBy".into(), late.into());
        assert_eq!(codes(&p, &a), ["results-by"], "{late}");
    }
    let mut a = reilu_ok();
    a.answers.remove("resultsBy");
    assert_eq!(codes(&p, &a), ["results-by"], "unanswered");
}

#[test]
fn reilu_applications_by_12_november_2021_at_16_15() {
    let p = reilu();
    assert_eq!(p.deadline.local, "2021-11-12T16:15");
    let mut a = reilu_ok();
    a.submitted_at = Some("2021-11-12T14:15:00Z".into());
    assert!(codes(&p, &a).is_empty());
    a.submitted_at = Some("2021-11-12T14:15:01Z".into());
    assert_eq!(codes(&p, &a), [LATE]);
}

#[test]
fn reilu_criteria_are_impact_and_cross_administrative_implementation_and_at_most_ten() {
    // "selection criteria are impact and cross-administrative implementation; at most ten are chosen"
    let p = reilu();
    let ids: Vec<&str> = p.criteria.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["impact", "cross-administrative"]);
    assert!(p.criteria.iter().all(|c| c.basis == Some(Basis::Call)));
    // The call gives no weights: equal weights are the staff's setting.
    assert!(
        p.criteria
            .iter()
            .all(|c| c.weight_basis == Some(Basis::Staff))
    );
    assert_eq!(
        (p.max_selected, p.max_selected_basis),
        (10, Some(Basis::Call))
    );
    let staff = p.rules.iter().find(|r| r.code == "required-fields");
    assert_eq!(staff.and_then(|r| r.basis), Some(Basis::Staff));
}

fn academy() -> Programme {
    builtin("hankinta-akatemia-2023").expect("built in")
}

fn academy_ok() -> Application {
    Application {
        id: "k".into(),
        organisation: "Keravan kaupunki".into(),
        organisation_type: "municipality".into(),
        team: ["Anna", "Mikko", "Liisa"]
            .iter()
            .enumerate()
            .map(|(i, n)| TeamMember {
                name: (*n).into(),
                role: None,
                responsible: i == 0,
            })
            .collect(),
        prior_work: vec!["toimi".into()],
        answers: [
            "leadershipCommitment",
            "interviewsAgreed",
            "pilotCommitment",
            "provideData",
            "canAttend",
            "managementTakesPart",
            "discussionBooked",
        ]
        .into_iter()
        .map(|k| (k.to_owned(), serde_json::Value::Bool(true)))
        .chain([
            ("sectorOrTheme".to_owned(), "Tilapalvelut".into()),
            ("procurementDescription".to_owned(), "Purkukohde".into()),
        ])
        .collect(),
        submitted_at: Some("2023-05-31T23:59:00+03:00".into()),
        ..Application::default()
    }
}

/// Turning `field` to "no" fails exactly `code`.
fn fails_alone(p: &Programme, field: &str, code: &str) {
    let mut a = academy_ok();
    assert!(codes(p, &a).is_empty());
    a.answers.insert(field.into(), false.into());
    assert_eq!(codes(p, &a), [code], "{field}");
}

#[test]
fn academy_applicants_are_public_contracting_entities() {
    let p = academy();
    rule(
        &p,
        "org-type",
        "Kiertotalousakatemiaan voivat hakea kunnat, kuntayhtymät, valtion virastot ja laitokset, seurakunnat ja muut julkiset hankintayksiköt",
    );
    for t in [
        "municipality",
        "joint-municipal-authority",
        "state-agency",
        "parish",
        "public-contracting-entity",
    ] {
        let a = Application {
            organisation_type: t.into(),
            ..academy_ok()
        };
        assert!(codes(&p, &a).is_empty(), "{t}");
    }
    let a = Application {
        organisation_type: "company".into(),
        ..academy_ok()
    };
    assert_eq!(codes(&p, &a), ["org-type"]);
}

const GROUNDWORK: &str = "Osallistujilta edellytetään aiempaa pohjatyötä hankintojen johtamisen kehittämiseksi sekä organisaation ja sen johdon sitoutumista teema-akatemian työskentelyyn.";

#[test]
fn academy_requires_prior_groundwork() {
    let p = academy();
    rule(&p, "prior-work", GROUNDWORK);
    let mut a = academy_ok();
    a.prior_work = vec!["hankintastrategia 2022".into()];
    assert!(
        codes(&p, &a).is_empty(),
        "any groundwork counts, KEINO and TOIMI are examples"
    );
    a.prior_work.clear();
    assert_eq!(codes(&p, &a), ["prior-work"]);
}

#[test]
fn academy_requires_the_commitment_of_the_organisation_and_its_management() {
    let p = academy();
    rule(&p, "leadership", GROUNDWORK);
    fails_alone(&p, "leadershipCommitment", "leadership");
}

#[test]
fn academy_interviews_key_persons_during_the_application() {
    let p = academy();
    rule(
        &p,
        "interviews",
        "Key persons are interviewed during the application.",
    );
    fails_alone(&p, "interviewsAgreed", "interviews");
}

#[test]
fn academy_requires_commitment_to_the_pilot_procurement_and_to_providing_data() {
    let p = academy();
    let q = "Commitment to the pilot procurement and to providing data.";
    rule(&p, "pilot-procurement", q);
    rule(&p, "data", q);
    fails_alone(&p, "pilotCommitment", "pilot-procurement");
    fails_alone(&p, "provideData", "data");
}

#[test]
fn academy_requires_attendance() {
    let p = academy();
    rule(&p, "attendance", "Attendance.");
    fails_alone(&p, "canAttend", "attendance");
}

#[test]
fn academy_requires_a_named_responsible_person_and_a_multidisciplinary_team_of_three() {
    let p = academy();
    rule(
        &p,
        "team",
        "A named responsible person; a multidisciplinary team of three.",
    );
    let mut a = academy_ok();
    a.team[0].responsible = false;
    assert_eq!(codes(&p, &a), ["team"]);
    let mut a = academy_ok();
    a.team[2].name = " ".into();
    assert_eq!(codes(&p, &a), ["team"], "an unnamed member does not count");
}

#[test]
fn academy_takes_management_plus_one_sector_or_theme() {
    let p = academy();
    let q = "Management plus one sector or theme plus a multidisciplinary team of three.";
    rule(&p, "management", q);
    rule(&p, "sector", q);
    fails_alone(&p, "managementTakesPart", "management");
    let mut a = academy_ok();
    a.answers.insert("sectorOrTheme".into(), "".into());
    assert_eq!(codes(&p, &a), ["sector"]);
}

#[test]
fn academy_application_and_a_booked_discussion_by_31_may_2023() {
    let p = academy();
    rule(
        &p,
        "discussion",
        "Kiertotalousakatemiaan haetaan 31.5. mennessä sekä varaamalla keskusteluaika KEINOn asiantuntijoiden kanssa 31.5.2023 mennessä.",
    );
    fails_alone(&p, "discussionBooked", "discussion");
    let mut a = academy_ok();
    a.submitted_at = Some("2023-06-01T00:00:00+03:00".into());
    assert_eq!(codes(&p, &a), [LATE]);
}

#[test]
fn academy_settings_the_call_does_not_state_are_marked_as_the_staffs() {
    let p = academy();
    assert_eq!(
        (p.max_selected, p.max_selected_basis),
        (8, Some(Basis::Staff))
    );
    assert!(
        p.criteria
            .iter()
            .all(|c| c.weight_basis == Some(Basis::Staff))
    );
    let form = p.rules.iter().find(|r| r.code == "required-fields");
    assert_eq!(form.and_then(|r| r.basis), Some(Basis::Staff));
    // Every rule says whose it is, and every call rule quotes its sentence.
    for r in p.rules.iter().chain(reilu().rules.iter()) {
        assert!(r.basis.is_some(), "{}", r.code);
        assert_eq!(
            r.basis == Some(Basis::Call),
            r.quote.is_some(),
            "{}",
            r.code
        );
    }
}

#[test]
fn a_quote_is_marked_checked_only_with_its_page_and_day_and_the_rest_stay_unverified() {
    let date = |s: &str| {
        s.len() == 10
            && s.bytes().enumerate().all(|(i, b)| {
                if i == 4 || i == 7 {
                    b == b'-'
                } else {
                    b.is_ascii_digit()
                }
            })
    };
    let mut unverified = Vec::new();
    for p in [reilu(), academy()] {
        for r in &p.rules {
            match (&r.quote, &r.quote_source) {
                (Some(_), Some(src)) => {
                    // Checked quotes come from the call's own page, read on a real day.
                    assert_eq!(Some(&src.url), p.source.as_ref(), "{}", r.code);
                    assert!(date(&src.read), "{}: {}", r.code, src.read);
                }
                (Some(_), None) => unverified.push(format!("{} {}", p.id, r.code)),
                (None, Some(_)) => panic!("{}: a source without a quote", r.code),
                (None, None) => {}
            }
        }
    }
    // The English renderings from issue 19: the call pages' full text could not be read here.
    assert_eq!(
        unverified,
        [
            "reilu-kiertotalous-2021 org-type",
            "reilu-kiertotalous-2021 joint",
            "reilu-kiertotalous-2021 results-by",
            "hankinta-akatemia-2023 interviews",
            "hankinta-akatemia-2023 pilot-procurement",
            "hankinta-akatemia-2023 data",
            "hankinta-akatemia-2023 attendance",
            "hankinta-akatemia-2023 team",
            "hankinta-akatemia-2023 management",
            "hankinta-akatemia-2023 sector",
        ]
    );
}
