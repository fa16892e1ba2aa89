//! Applications and the eligibility gate.

use super::programme::{Check, Programme, Rule};
use super::time;
use crate::Code;
use crate::vocab::{Diagnostic, Parsed, Text};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One application as the programme sees it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Application {
    /// The application's id, unique within the file.
    pub id: String,
    /// The applicant organisation's name.
    pub organisation: String,
    /// The applicant's organisation type id (`company`, `municipal-organisation`, …).
    pub organisation_type: String,
    /// Finnish business ID (Y-tunnus); used to find reviewers' conflicts of interest.
    #[serde(default)]
    pub business_id: Option<String>,
    /// The applicant's contact e-mail; its domain is compared with reviewers'.
    #[serde(default)]
    pub email: Option<String>,
    /// Partners: co-applicants of a joint application and implementation partners.
    #[serde(default)]
    pub partners: Vec<Partner>,
    #[serde(default)]
    /// Where the applicant is (a region), for regional rules and quotas.
    pub region: Option<String>,
    #[serde(default)]
    /// Theme ids of the project, for theme rules and quotas.
    pub themes: Vec<String>,
    #[serde(default)]
    /// The people named for the project.
    pub team: Vec<TeamMember>,
    #[serde(default)]
    /// Earlier work the application builds on (a programme's prior-work rule reads it).
    pub prior_work: Vec<String>,
    /// Free-form answers: texts, yes/no confirmations.
    #[serde(default)]
    pub answers: BTreeMap<String, serde_json::Value>,
    /// RFC 3339 submission time; late applications fail the `deadline` rule.
    #[serde(default)]
    pub submitted_at: Option<String>,
}

/// A partner: a co-applicant, or an organisation taking part in the implementation only.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Partner {
    /// The partner's name.
    pub organisation: String,
    /// The partner's organisation type id.
    pub organisation_type: String,
    #[serde(default)]
    /// The partner's Finnish business ID (Y-tunnus), for conflicts of interest.
    pub business_id: Option<String>,
    /// `None`: a co-applicant when its type may apply, otherwise an implementation partner.
    #[serde(default)]
    pub role: Option<PartnerRole>,
}

/// What a partner does in the application.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum PartnerRole {
    /// Applies together with the applicant (a joint application).
    CoApplicant,
    /// Takes part in carrying out the measure, without applying.
    Implementation,
}

fn type_listed(list: &[String], t: &str) -> bool {
    list.iter()
        .any(|a| a == "*" || a.eq_ignore_ascii_case(t.trim()))
}

/// The role `partner` has under a call's organisation rule: stated, or inferred — when the call
/// has implementation partners, a type that could not apply can only be implementing.
fn role_under(
    allowed: &[String],
    implementation: Option<&Vec<String>>,
    p: &Partner,
) -> PartnerRole {
    match (implementation, p.role) {
        (None, _) => PartnerRole::CoApplicant,
        (Some(_), Some(r)) => r,
        (Some(_), None) if type_listed(allowed, &p.organisation_type) => PartnerRole::CoApplicant,
        (Some(_), None) => PartnerRole::Implementation,
    }
}

/// The role `partner` has under `programme`'s organisation-type rule.
pub fn partner_role(programme: &Programme, partner: &Partner) -> PartnerRole {
    programme
        .rules
        .iter()
        .find_map(|r| match &r.check {
            Check::OrganisationType {
                allowed,
                implementation_allowed,
            } => Some(role_under(
                allowed,
                implementation_allowed.as_ref(),
                partner,
            )),
            _ => None,
        })
        .unwrap_or(PartnerRole::CoApplicant)
}

/// The co-applicants of `app` under `programme` (implementation partners left out).
pub fn co_applicants<'a>(programme: &Programme, app: &'a Application) -> Vec<&'a Partner> {
    app.partners
        .iter()
        .filter(|p| partner_role(programme, p) == PartnerRole::CoApplicant)
        .collect()
}

/// `app` as a reviewer sees it under blind review: the programme's `blind` fields emptied
/// (partner and team names only; their types and roles stay, as eligibility needs them).
pub fn blinded(programme: &Programme, app: &Application) -> Application {
    let mut a = app.clone();
    for field in &programme.blind {
        match field.as_str() {
            "organisation" => a.organisation.clear(),
            "businessId" => a.business_id = None,
            "email" => a.email = None,
            "partners" => {
                for p in &mut a.partners {
                    p.organisation.clear();
                    p.business_id = None;
                }
            }
            "team" => {
                for m in &mut a.team {
                    m.name.clear();
                }
            }
            "region" => a.region = None,
            other => {
                a.answers.remove(other);
            }
        }
    }
    a
}

/// A calendar date from `YYYY-MM-DD` or the Finnish `D.M.YYYY`; `None` when not a real date.
pub fn parse_date(s: &str) -> Option<(i32, u32, u32)> {
    let s = s.trim();
    let parts: Vec<&str> = if s.contains('-') {
        s.splitn(3, '-').collect()
    } else {
        let mut v: Vec<&str> = s.trim_end_matches('.').splitn(3, '.').collect();
        v.reverse();
        v
    };
    let [y, m, d] = parts.as_slice() else {
        return None;
    };
    let num = |x: &str| {
        (!x.is_empty() && x.len() <= 4 && x.bytes().all(|b| b.is_ascii_digit()))
            .then(|| x.parse::<u32>().ok())
            .flatten()
    };
    let (y, m, d) = (num(y)?, num(m)?, num(d)?);
    if y < 1000 || !(1..=12).contains(&m) || d == 0 {
        return None;
    }
    (d <= crate::date::days_in_month(i64::from(y), m)).then_some((y as i32, m, d))
}

fn date_answer(v: Option<&serde_json::Value>) -> Option<(i32, u32, u32)> {
    match v {
        Some(serde_json::Value::String(s)) => parse_date(s),
        _ => None,
    }
}

/// A named team member.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TeamMember {
    /// The person's name.
    pub name: String,
    #[serde(default)]
    /// Their role in the project, when given.
    pub role: Option<String>,
    #[serde(default)]
    /// The person responsible for the project.
    pub responsible: bool,
}

/// A failed rule: reason code and its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FailedRule {
    /// The rule's reason code (`deadline`, `prior-work`, …).
    pub code: String,
    /// Why the application fails the rule, in fi/sv/en.
    pub text: Text,
}

/// Reason code used when an application came in after the deadline.
pub const LATE: &str = "deadline";

fn answered(v: Option<&serde_json::Value>) -> bool {
    match v {
        None | Some(serde_json::Value::Null) => false,
        Some(serde_json::Value::String(s)) => !s.trim().is_empty(),
        Some(serde_json::Value::Array(a)) => !a.is_empty(),
        Some(_) => true,
    }
}

fn confirmed(v: Option<&serde_json::Value>) -> bool {
    match v {
        Some(serde_json::Value::Bool(b)) => *b,
        Some(serde_json::Value::String(s)) => matches!(
            crate::strict::fold_case(s.trim()).as_str(),
            "true" | "yes" | "kyllä" | "k" | "ja" | "x" | "1"
        ),
        Some(serde_json::Value::Number(n)) => n.as_f64().is_some_and(|x| x != 0.0),
        _ => false,
    }
}

fn field_filled(app: &Application, field: &str) -> bool {
    match field {
        "organisation" => !app.organisation.trim().is_empty(),
        "region" => app.region.as_deref().is_some_and(|r| !r.trim().is_empty()),
        "themes" => !app.themes.is_empty(),
        "team" => !app.team.is_empty(),
        "priorWork" => !app.prior_work.is_empty(),
        other => answered(app.answers.get(other)),
    }
}

/// Whether `app` passes `rule` of `programme` (whose organisation rule decides partner roles).
pub fn passes(programme: &Programme, rule: &Rule, app: &Application) -> bool {
    match &rule.check {
        Check::OrganisationType {
            allowed,
            implementation_allowed,
        } => {
            let listed = |list: &[String], t: &str| !t.trim().is_empty() && type_listed(list, t);
            listed(allowed, &app.organisation_type)
                && app.partners.iter().all(|p| {
                    match role_under(allowed, implementation_allowed.as_ref(), p) {
                        PartnerRole::CoApplicant => listed(allowed, &p.organisation_type),
                        PartnerRole::Implementation => implementation_allowed
                            .as_deref()
                            .is_some_and(|l| listed(l, &p.organisation_type)),
                    }
                })
        }
        Check::DateBy { field, latest } => {
            match (date_answer(app.answers.get(field)), parse_date(latest)) {
                (Some(given), Some(limit)) => given <= limit,
                _ => false,
            }
        }
        Check::RequiredFields { fields } => fields.iter().all(|f| field_filled(app, f)),
        Check::Team {
            min_members,
            require_responsible,
        } => {
            let named: Vec<&TeamMember> = app
                .team
                .iter()
                .filter(|m| !m.name.trim().is_empty())
                .collect();
            named.len() >= *min_members
                && (!require_responsible || named.iter().any(|m| m.responsible))
        }
        Check::PriorWork {
            accepted,
            allow_other,
        } => app.prior_work.iter().any(|w| {
            !w.trim().is_empty()
                && (*allow_other || accepted.iter().any(|a| a.eq_ignore_ascii_case(w.trim())))
        }),
        Check::Joint {
            allowed,
            max_partners,
        } => {
            let n = co_applicants(programme, app).len();
            n == 0 || (*allowed && max_partners.is_none_or(|m| n <= m))
        }
        Check::Confirmed { field } => confirmed(app.answers.get(field)),
        Check::Region { allowed } => app
            .region
            .as_deref()
            .is_some_and(|r| region_allowed(allowed, r)),
        Check::Topic { allowed } => app
            .themes
            .iter()
            .any(|t| !t.trim().is_empty() && type_listed(allowed, t)),
    }
}

/// The Finnish name of the region (maakunta) called `name` in Finnish or Swedish.
fn region_named(name: &str) -> Option<&'static str> {
    let name = name.trim();
    crate::matching::municipalities()
        .iter()
        .find(|m| m.region_fi.eq_ignore_ascii_case(name) || m.region_sv.eq_ignore_ascii_case(name))
        .map(|m| m.region_fi.as_str())
}

/// The Finnish region name of a region or a municipality written in Finnish or Swedish (or a
/// municipality code).
pub fn region_of(place: &str) -> Option<&'static str> {
    region_named(place)
        .or_else(|| crate::matching::find_municipality(place).map(|m| m.region_fi.as_str()))
}

/// Whether `place` lies in one of `allowed`: a region admits its municipalities, a
/// municipality only itself, `*` anywhere.
fn region_allowed(allowed: &[String], place: &str) -> bool {
    let place = place.trim();
    if place.is_empty() {
        return false;
    }
    let given_region = region_of(place);
    let given_municipality = crate::matching::find_municipality(place).map(|m| m.code.as_str());
    allowed.iter().any(|a| {
        let a = a.trim();
        a == "*"
            || a.eq_ignore_ascii_case(place)
            || match region_named(a) {
                Some(r) => given_region == Some(r),
                None => {
                    given_municipality.is_some()
                        && crate::matching::find_municipality(a).map(|m| m.code.as_str())
                            == given_municipality
                }
            }
    })
}

/// Reason code and text of the organisation-type rule that funding calls share.
pub const ORG_TYPE: &str = "org-type";
/// Reason code of the region rule.
pub const REGION: &str = "region";
/// Reason code of the topic rule.
pub const TOPIC: &str = "topic";

/// The standard text of a failed rule with reason code `code` ([`ORG_TYPE`], [`REGION`],
/// [`TOPIC`]); calls without their own wording use it.
pub fn standard_text(code: &str) -> Option<Text> {
    match code {
        ORG_TYPE => Some(Text::new(
            "Hakijan organisaatiotyyppi ei voi hakea tätä rahoitusta.",
            "Sökandens typ av organisation kan inte söka den här finansieringen.",
            "The applicant's type of organisation cannot apply for this funding.",
        )),
        REGION => Some(Text::new(
            "Hakija ei toimi alueella, jolta tätä rahoitusta voi hakea.",
            "Sökanden är inte verksam i ett område där den här finansieringen kan sökas.",
            "The applicant is not in a region this funding is open to.",
        )),
        TOPIC => Some(Text::new(
            "Hankkeen aihe ei kuulu tämän rahoituksen aiheisiin.",
            "Projektets tema hör inte till den här finansieringens teman.",
            "The project's topic is not among this funding's topics.",
        )),
        _ => None,
    }
}

fn late_text() -> Text {
    Text::new(
        "Hakemus saapui määräajan jälkeen.",
        "Ansökan kom in efter sista ansökningsdagen.",
        "The application arrived after the deadline.",
    )
}

/// Every rule `app` fails, in definition order; a submission after the deadline adds `deadline`.
pub fn check(programme: &Programme, app: &Application) -> Vec<FailedRule> {
    let mut failed: Vec<FailedRule> = programme
        .rules
        .iter()
        .filter(|r| !passes(programme, r, app))
        .map(|r| FailedRule {
            code: r.code.clone(),
            text: r.text.clone(),
        })
        .collect();
    let submitted = app.submitted_at.as_deref().map(time::parse_instant);
    if let (Some(Ok(at)), Ok(deadline)) = (submitted, programme.deadline.utc())
        && at > deadline
    {
        failed.push(FailedRule {
            code: LATE.into(),
            text: late_text(),
        });
    }
    failed
}

/// Parses applications from a JSON array (or `{"applications": [...]}`); bad entries are reported
/// and skipped, repeated ids keep the first.
pub fn parse_applications(json: &str) -> Parsed<Vec<Application>> {
    let json = json.strip_prefix('\u{feff}').unwrap_or(json);
    let mut diags = Vec::new();
    let value: serde_json::Value = match serde_json::from_str(json) {
        Ok(v) => v,
        Err(e) => {
            return Parsed::new(
                Vec::new(),
                vec![Diagnostic::error(
                    0,
                    "",
                    Code::NotJson,
                    format!("not JSON: {e}"),
                )],
            );
        }
    };
    let items = match value {
        serde_json::Value::Array(a) => a,
        serde_json::Value::Object(mut o) => match o.remove("applications") {
            Some(serde_json::Value::Array(a)) => a,
            _ => {
                return Parsed::new(
                    Vec::new(),
                    vec![Diagnostic::error(
                        0,
                        "applications",
                        Code::WrongShape,
                        "expected an array of applications",
                    )],
                );
            }
        },
        _ => {
            return Parsed::new(
                Vec::new(),
                vec![Diagnostic::error(
                    0,
                    "",
                    Code::WrongShape,
                    "expected an array of applications",
                )],
            );
        }
    };
    let mut apps: Vec<Application> = Vec::new();
    let mut ids = std::collections::HashSet::new();
    let known = crate::strict::known(&[
        crate::strict::fields_of::<Application>(),
        crate::strict::fields_of::<Partner>(),
        crate::strict::fields_of::<TeamMember>(),
    ]);
    for (i, item) in items.into_iter().enumerate() {
        let row = i + 1;
        let parsed = crate::strict::from_value::<Application>(&item).map(|(a, unknown)| {
            for u in unknown {
                diags.push(crate::strict::unknown_key(row, &u.field(), u.key(), &known));
            }
            a
        });
        match parsed {
            Err(e) => diags.push(Diagnostic::error(
                row,
                "",
                Code::RowUnreadable,
                format!("not an application: {e}"),
            )),
            Ok(a) if a.id.trim().is_empty() => {
                diags.push(Diagnostic::error(
                    row,
                    "id",
                    Code::Missing,
                    "application id is empty",
                ));
            }
            Ok(a) if ids.contains(&a.id) => diags.push(
                Diagnostic::error(
                    row,
                    "id",
                    Code::Duplicate,
                    format!("application id `{}` is repeated", a.id),
                )
                .with_value(&a.id),
            ),
            Ok(a) => {
                if let Some(Err(e)) = a.submitted_at.as_deref().map(time::parse_instant) {
                    diags.push(Diagnostic::warning(
                        row,
                        "submittedAt",
                        Code::NotDate,
                        e.to_string(),
                    ));
                }
                ids.insert(a.id.clone());
                apps.push(a);
            }
        }
    }
    Parsed::new(apps, diags)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::builtin;

    fn academy_app() -> Application {
        let answers = [
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
            (
                "procurementDescription".to_owned(),
                "Koulun peruskorjaus".into(),
            ),
            ("sectorOrTheme".to_owned(), "Tilapalvelut".into()),
        ])
        .collect();
        Application {
            id: "a".into(),
            organisation: "Porvoon kaupunki".into(),
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
            prior_work: vec!["keino-academy".into()],
            answers,
            submitted_at: Some("2023-05-31T23:00:00+03:00".into()),
            ..Application::default()
        }
    }

    #[test]
    fn a_complete_academy_application_passes_every_rule() {
        let p = builtin("hankinta-akatemia-2023").expect("built in");
        assert_eq!(check(&p, &academy_app()), vec![]);
    }

    #[test]
    fn each_missing_requirement_reports_its_reason_code() {
        let p = builtin("hankinta-akatemia-2023").expect("built in");
        let mut a = academy_app();
        a.organisation_type = "company".into();
        a.team.truncate(2);
        a.answers.insert("canAttend".into(), "ei".into());
        a.prior_work.clear();
        a.submitted_at = Some("2023-06-01T00:00:30+03:00".into());
        let codes: Vec<String> = check(&p, &a).into_iter().map(|f| f.code).collect();
        assert_eq!(
            codes,
            ["org-type", "prior-work", "attendance", "team", "deadline"]
        );
    }

    #[test]
    fn joint_applications_need_eligible_partners() {
        let p = builtin("reilu-kiertotalous-2021").expect("built in");
        let mut a = Application {
            id: "j".into(),
            organisation: "Lahden kaupunki".into(),
            organisation_type: "municipal-organisation".into(),
            partners: vec![Partner {
                organisation: "Päijät-Hämeen liitto".into(),
                organisation_type: "regional-actor".into(),
                business_id: None,
                role: None,
            }],
            answers: [
                ("contactPerson".into(), "Maija".into()),
                ("description".into(), "Kierrätyskeskus".into()),
                ("resultsBy".into(), "2022-04-30".into()),
            ]
            .into(),
            ..Application::default()
        };
        assert!(check(&p, &a).is_empty());
        // A company cannot apply with the city, but may implement with it.
        a.partners[0].organisation_type = "company".into();
        a.partners[0].role = Some(PartnerRole::CoApplicant);
        assert_eq!(codes(&p, &a), ["org-type"]);
        a.partners[0].role = Some(PartnerRole::Implementation);
        assert!(check(&p, &a).is_empty());
        a.partners[0].role = None;
        assert_eq!(
            partner_role(&p, &a.partners[0]),
            PartnerRole::Implementation
        );
        assert!(check(&p, &a).is_empty());
        // Implementation partners are not co-applicants: not counted as a joint application.
        assert!(co_applicants(&p, &a).is_empty());
        // An implementation partner still needs a stated type.
        a.partners[0].organisation_type = " ".into();
        assert_eq!(codes(&p, &a), ["org-type"]);
    }

    fn codes(p: &Programme, a: &Application) -> Vec<String> {
        check(p, a).into_iter().map(|f| f.code).collect()
    }

    #[test]
    fn without_implementation_partners_every_partner_is_a_co_applicant() {
        let mut p = builtin("reilu-kiertotalous-2021").expect("built in");
        for r in &mut p.rules {
            if let Check::OrganisationType {
                implementation_allowed,
                ..
            } = &mut r.check
            {
                *implementation_allowed = None;
            }
        }
        let partner = Partner {
            organisation: "Yritys Oy".into(),
            organisation_type: "company".into(),
            business_id: None,
            role: Some(PartnerRole::Implementation),
        };
        assert_eq!(partner_role(&p, &partner), PartnerRole::CoApplicant);
    }

    #[test]
    fn blind_fields_are_hidden_and_the_rest_kept() {
        let mut p = builtin("hankinta-akatemia-2023").expect("built in");
        let mut a = academy_app();
        a.email = Some("x@porvoo.fi".into());
        a.partners.push(Partner {
            organisation: "Porvoon Energia Oy".into(),
            organisation_type: "company".into(),
            business_id: Some("1234567-8".into()),
            role: None,
        });
        assert_eq!(blinded(&p, &a), a, "nothing blind by default");
        p.blind = [
            "organisation",
            "email",
            "partners",
            "team",
            "procurementDescription",
        ]
        .map(String::from)
        .to_vec();
        let b = blinded(&p, &a);
        assert!(b.organisation.is_empty() && b.email.is_none());
        assert!(b.partners[0].organisation.is_empty() && b.partners[0].business_id.is_none());
        assert_eq!(b.partners[0].organisation_type, "company");
        assert!(b.team.iter().all(|m| m.name.is_empty()));
        assert_eq!(b.team.iter().filter(|m| m.responsible).count(), 1);
        assert!(!b.answers.contains_key("procurementDescription"));
        assert_eq!(b.answers.len(), a.answers.len() - 1);
        assert_eq!(
            (b.id, b.organisation_type, b.prior_work),
            (a.id, a.organisation_type, a.prior_work)
        );
    }

    #[test]
    fn dates_parse_in_iso_and_finnish_forms_and_impossible_dates_do_not() {
        assert_eq!(parse_date("2022-04-30"), Some((2022, 4, 30)));
        assert_eq!(parse_date(" 30.4.2022 "), Some((2022, 4, 30)));
        assert_eq!(parse_date("29.2.2024"), Some((2024, 2, 29)));
        for bad in [
            "",
            "2022-04-31",
            "29.2.2023",
            "2022-13-01",
            "30.4.",
            "huhtikuu",
            "2022-4",
            "0.1.2022",
            "+1.2.2022",
            "1.2.22",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn bad_application_rows_are_reported_and_good_ones_kept() {
        let (apps, d) = parse_applications(
            r#"[{"id":"a","organisation":"x","organisationType":"y"},{"id":3},{"id":"a","organisation":"x","organisationType":"y"}]"#,
        ).into_parts();
        assert_eq!(apps.len(), 1);
        assert_eq!(d.iter().map(|x| x.row).collect::<Vec<_>>(), [2, 3]);
        assert!(
            parse_applications("nope").diagnostics[0]
                .message
                .starts_with("not JSON")
        );
    }
}
