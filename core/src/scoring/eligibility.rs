//! Applications and the eligibility gate.

use super::programme::{Check, Programme, Rule};
use super::time;
use crate::vocab::{Diagnostic, Text};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One application as the programme sees it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Application {
    pub id: String,
    pub organisation: String,
    pub organisation_type: String,
    /// Co-applicants of a joint application.
    #[serde(default)]
    pub partners: Vec<Partner>,
    #[serde(default)]
    pub region: Option<String>,
    #[serde(default)]
    pub themes: Vec<String>,
    #[serde(default)]
    pub team: Vec<TeamMember>,
    #[serde(default)]
    pub prior_work: Vec<String>,
    /// Free-form answers: texts, yes/no confirmations.
    #[serde(default)]
    pub answers: BTreeMap<String, serde_json::Value>,
    /// RFC 3339 submission time; late applications fail the `deadline` rule.
    #[serde(default)]
    pub submitted_at: Option<String>,
}

/// A co-applicant.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Partner {
    pub organisation: String,
    pub organisation_type: String,
}

/// A named team member.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TeamMember {
    pub name: String,
    #[serde(default)]
    pub role: Option<String>,
    #[serde(default)]
    pub responsible: bool,
}

/// A failed rule: reason code and its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FailedRule {
    pub code: String,
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
            s.trim().to_lowercase().as_str(),
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

/// Whether `app` passes `rule`.
pub fn passes(rule: &Rule, app: &Application) -> bool {
    match &rule.check {
        Check::OrganisationType { allowed } => {
            let ok = |t: &str| allowed.iter().any(|a| a.eq_ignore_ascii_case(t.trim()));
            ok(&app.organisation_type) && app.partners.iter().all(|p| ok(&p.organisation_type))
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
            app.partners.is_empty()
                || (*allowed && max_partners.is_none_or(|m| app.partners.len() <= m))
        }
        Check::Confirmed { field } => confirmed(app.answers.get(field)),
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
        .filter(|r| !passes(r, app))
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
pub fn parse_applications(json: &str) -> (Vec<Application>, Vec<Diagnostic>) {
    let json = json.strip_prefix('\u{feff}').unwrap_or(json);
    let mut diags = Vec::new();
    let value: serde_json::Value = match serde_json::from_str(json) {
        Ok(v) => v,
        Err(e) => {
            return (
                Vec::new(),
                vec![Diagnostic::error(0, "", format!("not JSON: {e}"))],
            );
        }
    };
    let items = match value {
        serde_json::Value::Array(a) => a,
        serde_json::Value::Object(mut o) => match o.remove("applications") {
            Some(serde_json::Value::Array(a)) => a,
            _ => {
                return (
                    Vec::new(),
                    vec![Diagnostic::error(
                        0,
                        "applications",
                        "expected an array of applications",
                    )],
                );
            }
        },
        _ => {
            return (
                Vec::new(),
                vec![Diagnostic::error(
                    0,
                    "",
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
                format!("not an application: {e}"),
            )),
            Ok(a) if a.id.trim().is_empty() => {
                diags.push(Diagnostic::error(row, "id", "application id is empty"))
            }
            Ok(a) if ids.contains(&a.id) => diags.push(Diagnostic::error(
                row,
                "id",
                format!("application id `{}` is repeated", a.id),
            )),
            Ok(a) => {
                if let Some(Err(e)) = a.submitted_at.as_deref().map(time::parse_instant) {
                    diags.push(Diagnostic::warning(row, "submittedAt", e.to_string()));
                }
                ids.insert(a.id.clone());
                apps.push(a)
            }
        }
    }
    (apps, diags)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::builtin;

    fn academy_app() -> Application {
        let answers = [
            "leadershipCommitment",
            "constructionProcurement",
            "willingToShare",
            "canAttend",
            "discussionBooked",
        ]
        .into_iter()
        .map(|k| (k.to_owned(), serde_json::Value::Bool(true)))
        .chain([(
            "procurementDescription".to_owned(),
            "Koulun peruskorjaus".into(),
        )])
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
            }],
            answers: [
                ("contactPerson".into(), "Maija".into()),
                ("description".into(), "Kierrätyskeskus".into()),
            ]
            .into(),
            ..Application::default()
        };
        assert!(check(&p, &a).is_empty());
        a.partners[0].organisation_type = "company".into();
        assert_eq!(check(&p, &a)[0].code, "org-type");
    }

    #[test]
    fn bad_application_rows_are_reported_and_good_ones_kept() {
        let (apps, d) = parse_applications(
            r#"[{"id":"a","organisation":"x","organisationType":"y"},{"id":3},{"id":"a","organisation":"x","organisationType":"y"}]"#,
        );
        assert_eq!(apps.len(), 1);
        assert_eq!(d.iter().map(|x| x.row).collect::<Vec<_>>(), [2, 3]);
        assert!(
            parse_applications("nope").1[0]
                .message
                .starts_with("not JSON")
        );
    }
}
