//! Conflicts of interest: reviewers' own declarations and the hard blocks the data shows
//! (same organisation or business ID, same e-mail domain, a listed partner).

use super::eligibility::Application;
use crate::Code;
use crate::vocab::{Diagnostic, Parsed};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// A reviewer as the assignment and the conflict check see them.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Reviewer {
    /// The reviewer's id, as reviews and declarations name it.
    pub id: String,
    #[serde(default)]
    /// The reviewer's organisation, compared with applicants and partners.
    pub organisation: Option<String>,
    /// Finnish business ID (Y-tunnus) of the reviewer's organisation.
    #[serde(default)]
    pub business_id: Option<String>,
    #[serde(default)]
    /// The reviewer's e-mail, whose domain is compared with the applicant's.
    pub email: Option<String>,
    /// Most applications this reviewer takes; `None` uses the assignment's default.
    #[serde(default)]
    pub max_load: Option<usize>,
}

/// A reviewer's own declaration for one application.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Declaration {
    /// The declaring reviewer's id.
    pub reviewer: String,
    /// The application's id.
    pub application: String,
    /// E.g. `employer`, `family`, `competitor`, `board-member`.
    pub relation: String,
    #[serde(default)]
    /// The reviewer's own words, possibly empty.
    pub reason: String,
}

/// Why a reviewer may not review an application.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum ConflictKind {
    /// The reviewer declared it.
    Declared {
        /// The relation declared (`employer`, `family`, …).
        relation: String,
        /// The reviewer's own words, possibly empty.
        reason: String,
    },
    /// The reviewer works for the applicant or a co-applicant.
    SameOrganisation {
        /// The organisation both name.
        organisation: String,
    },
    /// The reviewer's organisation has the applicant's (or a partner's) business ID.
    SameBusinessId {
        /// The business ID both have.
        business_id: String,
    },
    /// The reviewer's e-mail is in the applicant's own domain.
    SameEmailDomain {
        /// The shared e-mail domain.
        domain: String,
    },
    /// The reviewer's organisation is a listed partner of the application.
    ListedPartner {
        /// The partner organisation.
        organisation: String,
    },
}

/// One blocked (reviewer, application) pair and every reason found for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Conflict {
    /// The reviewer's id.
    pub reviewer: String,
    /// The application's id.
    pub application: String,
    /// Every reason found, in order.
    pub reasons: Vec<ConflictKind>,
}

/// Webmail and ISP domains many unrelated people share: never a sign of a common employer.
const SHARED_DOMAINS: [&str; 12] = [
    "gmail.com",
    "googlemail.com",
    "outlook.com",
    "hotmail.com",
    "live.com",
    "yahoo.com",
    "icloud.com",
    "me.com",
    "protonmail.com",
    "proton.me",
    "elisanet.fi",
    "luukku.com",
];

fn norm_name(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// `1234567-8` from any spacing or case; `None` when empty.
fn norm_business_id(s: &str) -> Option<String> {
    let t: String = s
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        // IDs are digits, a hyphen and `FI`: ASCII, so no Unicode case table is needed.
        .to_ascii_uppercase();
    let t = t.strip_prefix("FI").map_or(t.clone(), |rest| {
        // FI12345678 (VAT form) is the business ID without its hyphen.
        if rest.len() == 8 && rest.bytes().all(|b| b.is_ascii_digit()) {
            format!("{}-{}", &rest[..7], &rest[7..])
        } else {
            t.clone()
        }
    });
    (!t.is_empty()).then_some(t)
}

/// The organisation's own domain of an address; `None` for shared webmail domains.
pub fn email_domain(email: &str) -> Option<String> {
    let (_, domain) = email.trim().rsplit_once('@')?;
    let d = domain.trim().trim_end_matches('.').to_lowercase();
    (!d.is_empty() && d.contains('.') && !SHARED_DOMAINS.contains(&d.as_str())).then_some(d)
}

/// Every conflict between `reviewers` and `applications`: declarations first, then what the
/// data shows. Declarations naming an unknown reviewer or application are reported, not used.
pub fn find_conflicts(
    reviewers: &[Reviewer],
    applications: &[Application],
    declarations: &[Declaration],
) -> Parsed<Vec<Conflict>> {
    let mut found: BTreeMap<(String, String), BTreeSet<ConflictKind>> = BTreeMap::new();
    let mut diags = Vec::new();
    let known_r: BTreeSet<&str> = reviewers.iter().map(|r| r.id.as_str()).collect();
    let known_a: BTreeSet<&str> = applications.iter().map(|a| a.id.as_str()).collect();
    for (i, d) in declarations.iter().enumerate() {
        if !known_r.contains(d.reviewer.as_str()) || !known_a.contains(d.application.as_str()) {
            diags.push(Diagnostic::warning(
                i + 1,
                "",
                Code::UnknownValue,
                format!(
                    "declaration names an unknown reviewer `{}` or application `{}`",
                    d.reviewer, d.application
                ),
            ));
            continue;
        }
        found
            .entry((d.reviewer.clone(), d.application.clone()))
            .or_default()
            .insert(ConflictKind::Declared {
                relation: d.relation.trim().to_owned(),
                reason: d.reason.trim().to_owned(),
            });
    }
    for r in reviewers {
        let org = r
            .organisation
            .as_deref()
            .map(norm_name)
            .filter(|o| !o.is_empty());
        let bid = r.business_id.as_deref().and_then(norm_business_id);
        let domain = r.email.as_deref().and_then(email_domain);
        for a in applications {
            let mut kinds = BTreeSet::new();
            if let Some(o) = &org {
                if norm_name(&a.organisation) == *o {
                    kinds.insert(ConflictKind::SameOrganisation {
                        organisation: a.organisation.clone(),
                    });
                }
                for p in &a.partners {
                    if norm_name(&p.organisation) == *o {
                        kinds.insert(ConflictKind::ListedPartner {
                            organisation: p.organisation.clone(),
                        });
                    }
                }
            }
            if let Some(b) = &bid {
                let ids = std::iter::once(a.business_id.as_deref())
                    .chain(a.partners.iter().map(|p| p.business_id.as_deref()));
                if ids.flatten().filter_map(norm_business_id).any(|x| x == *b) {
                    kinds.insert(ConflictKind::SameBusinessId {
                        business_id: b.clone(),
                    });
                }
            }
            if let Some(d) = &domain
                && a.email.as_deref().and_then(email_domain).as_ref() == Some(d)
            {
                kinds.insert(ConflictKind::SameEmailDomain { domain: d.clone() });
            }
            if !kinds.is_empty() {
                found
                    .entry((r.id.clone(), a.id.clone()))
                    .or_default()
                    .extend(kinds);
            }
        }
    }
    let conflicts = found
        .into_iter()
        .map(|((reviewer, application), reasons)| Conflict {
            reviewer,
            application,
            reasons: reasons.into_iter().collect(),
        })
        .collect();
    Parsed::new(conflicts, diags)
}

/// Rows of a JSON array (or of `{"<key>": [...]}`); bad rows are reported and skipped.
fn parse_rows<T: serde::de::DeserializeOwned>(json: &str, key: &str) -> (Vec<T>, Vec<Diagnostic>) {
    let json = json.strip_prefix('\u{feff}').unwrap_or(json);
    let items = match serde_json::from_str::<serde_json::Value>(json) {
        Ok(serde_json::Value::Array(a)) => a,
        Ok(serde_json::Value::Object(mut o)) => match o.remove(key) {
            Some(serde_json::Value::Array(a)) => a,
            _ => {
                return (
                    Vec::new(),
                    vec![Diagnostic::error(
                        0,
                        key,
                        Code::WrongShape,
                        format!("expected an array of {key}"),
                    )],
                );
            }
        },
        Ok(_) => {
            return (
                Vec::new(),
                vec![Diagnostic::error(
                    0,
                    "",
                    Code::WrongShape,
                    format!("expected an array of {key}"),
                )],
            );
        }
        Err(e) => {
            return (
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
    let mut out = Vec::new();
    let mut diags = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        match serde_json::from_value::<T>(item) {
            Ok(x) => out.push(x),
            Err(e) => diags.push(Diagnostic::error(
                i + 1,
                "",
                Code::RowUnreadable,
                format!("skipped: {e}"),
            )),
        }
    }
    (out, diags)
}

/// Reviewers from JSON; rows without an id or with a repeated id are reported and skipped.
pub fn parse_reviewers(json: &str) -> Parsed<Vec<Reviewer>> {
    let (rows, mut diags) = parse_rows::<Reviewer>(json, "reviewers");
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for (i, r) in rows.into_iter().enumerate() {
        if r.id.trim().is_empty() || !seen.insert(r.id.clone()) {
            diags.push(
                Diagnostic::error(
                    i + 1,
                    "id",
                    Code::Duplicate,
                    format!("reviewer id `{}` is empty or repeated", r.id),
                )
                .with_value(&r.id),
            );
        } else {
            out.push(r);
        }
    }
    Parsed::new(out, diags)
}

/// Conflict declarations from JSON.
pub fn parse_declarations(json: &str) -> Parsed<Vec<Declaration>> {
    parse_rows(json, "declarations").into()
}

/// Whether `reviewer` is blocked from `application`.
pub fn blocked(conflicts: &[Conflict], reviewer: &str, application: &str) -> bool {
    conflicts
        .iter()
        .any(|c| c.reviewer == reviewer && c.application == application)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::Partner;

    fn app(id: &str, org: &str) -> Application {
        Application {
            id: id.into(),
            organisation: org.into(),
            organisation_type: "municipal-organisation".into(),
            ..Application::default()
        }
    }

    #[test]
    fn each_kind_of_hard_block_is_found_and_unrelated_pairs_are_not() {
        let mut a1 = app("a1", "Lahden kaupunki");
        a1.email = Some("maija.m@lahti.fi".into());
        a1.business_id = Some("0158319-5".into());
        a1.partners.push(Partner {
            organisation: "Päijät-Hämeen liitto".into(),
            organisation_type: "regional-actor".into(),
            business_id: None,
            role: None,
        });
        let a2 = app("a2", "Oulun kaupunki");
        let reviewers = [
            Reviewer {
                id: "same-org".into(),
                organisation: Some("  lahden   KAUPUNKI ".into()),
                ..Reviewer::default()
            },
            Reviewer {
                id: "same-bid".into(),
                business_id: Some("fi 01583195".into()),
                ..Reviewer::default()
            },
            Reviewer {
                id: "same-domain".into(),
                email: Some("Pekka@LAHTI.FI".into()),
                ..Reviewer::default()
            },
            Reviewer {
                id: "partner".into(),
                organisation: Some("Päijät-Hämeen liitto".into()),
                ..Reviewer::default()
            },
            Reviewer {
                id: "gmail".into(),
                email: Some("x@gmail.com".into()),
                ..Reviewer::default()
            },
        ];
        let mut a2m = a2.clone();
        a2m.email = Some("y@gmail.com".into());
        let (c, d) = find_conflicts(&reviewers, &[a1, a2m], &[]).into_parts();
        assert!(d.is_empty());
        let pairs: Vec<(&str, &str)> = c
            .iter()
            .map(|x| (x.reviewer.as_str(), x.application.as_str()))
            .collect();
        assert_eq!(
            pairs,
            [
                ("partner", "a1"),
                ("same-bid", "a1"),
                ("same-domain", "a1"),
                ("same-org", "a1")
            ]
        );
        assert!(matches!(
            c[0].reasons[0],
            ConflictKind::ListedPartner { .. }
        ));
        assert!(!blocked(&c, "gmail", "a2"), "shared webmail is no conflict");
    }

    #[test]
    fn declarations_are_kept_with_their_reason_and_unknown_names_reported() {
        let apps = [app("a1", "Lahden kaupunki")];
        let reviewers = [Reviewer {
            id: "R1".into(),
            ..Reviewer::default()
        }];
        let decl = [
            Declaration {
                reviewer: "R1".into(),
                application: "a1".into(),
                relation: "family".into(),
                reason: "Sisar on hankkeen yhteyshenkilö".into(),
            },
            Declaration {
                reviewer: "R9".into(),
                application: "a1".into(),
                relation: "employer".into(),
                reason: String::new(),
            },
        ];
        let (c, d) = find_conflicts(&reviewers, &apps, &decl).into_parts();
        assert_eq!(c.len(), 1);
        assert_eq!(
            c[0].reasons,
            [ConflictKind::Declared {
                relation: "family".into(),
                reason: "Sisar on hankkeen yhteyshenkilö".into()
            }]
        );
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].row, 2);
    }

    #[test]
    fn reviewer_files_report_bad_rows_and_keep_good_ones() {
        let (r, d) = parse_reviewers(
            r#"{"reviewers":[{"id":"R1","maxLoad":3},{"id":""},{"id":"R1"},{"id":5}]}"#,
        )
        .into_parts();
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].max_load, Some(3));
        assert_eq!(d.iter().map(|x| x.row).collect::<Vec<_>>(), [4, 2, 3]);
        assert!(!parse_declarations("nope").diagnostics.is_empty());
        let (decl, d) =
            parse_declarations(r#"[{"reviewer":"R1","application":"a1","relation":"family"}]"#)
                .into_parts();
        assert!(d.is_empty() && decl.len() == 1);
    }

    #[test]
    fn domains_and_business_ids_normalise() {
        assert_eq!(email_domain("a@Sub.Kunta.FI."), Some("sub.kunta.fi".into()));
        assert_eq!(email_domain("no-at-sign"), None);
        assert_eq!(email_domain("a@localhost"), None);
        assert_eq!(norm_business_id(" 0158319-5 "), Some("0158319-5".into()));
        assert_eq!(norm_business_id("FI01583195"), Some("0158319-5".into()));
        assert_eq!(norm_business_id("  "), None);
    }
}
