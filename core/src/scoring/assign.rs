//! Reviewer assignment: k reviewers per application within load limits and around conflicts,
//! with loads balanced, as a min-cost flow on the allocation solver of `matching`.

use super::conflicts::{Conflict, Reviewer, blocked};
use super::eligibility::{Application, blinded};
use super::programme::Programme;
use crate::matching::allocate::{Edge, add, min_cost_flow};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Knobs of [`assign`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct AssignmentOptions {
    /// Reviewers wanted per application.
    pub k: usize,
    /// Load limit for reviewers without their own; `None`: no limit.
    pub default_max_load: Option<usize>,
}

impl Default for AssignmentOptions {
    fn default() -> Self {
        AssignmentOptions {
            k: 2,
            default_max_load: None,
        }
    }
}

/// Why an application has fewer than k reviewers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ShortfallCause {
    /// Fewer than k reviewers are free of conflicts with it.
    TooFewWithoutConflict,
    /// Enough reviewers are free of conflicts, but their load limits are used up.
    LoadLimits,
}

/// An application that could not get k reviewers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Shortfall {
    /// The application's id.
    pub application: String,
    /// Reviewers it got.
    pub assigned: usize,
    /// Reviewers still missing to reach k.
    pub missing: usize,
    /// Reviewers with no conflict with this application.
    pub without_conflict: usize,
    /// Why it fell short.
    pub cause: ShortfallCause,
}

/// Who reviews what, the resulting loads and what could not be covered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Assignment {
    /// Reviewers asked per application.
    pub k: usize,
    /// Application id → its reviewers, sorted.
    pub reviewers_of: BTreeMap<String, Vec<String>>,
    /// Reviewer id → number of applications.
    pub loads: BTreeMap<String, usize>,
    /// Applications that got fewer than k reviewers.
    pub shortfalls: Vec<Shortfall>,
}

impl Assignment {
    /// The applications `reviewer` was given, sorted.
    pub fn applications_of(&self, reviewer: &str) -> Vec<&str> {
        self.reviewers_of
            .iter()
            .filter(|(_, rs)| rs.iter().any(|r| r == reviewer))
            .map(|(a, _)| a.as_str())
            .collect()
    }
}

/// Assigns up to `k` reviewers to each application, never one with a conflict, never beyond a
/// reviewer's load limit; covers as many (application, reviewer) slots as possible and, among
/// such assignments, balances loads (each further review costs a reviewer one more).
pub fn assign(
    reviewers: &[Reviewer],
    applications: &[String],
    conflicts: &[Conflict],
    options: &AssignmentOptions,
) -> Assignment {
    let mut apps: Vec<&str> = applications.iter().map(String::as_str).collect();
    crate::sort::sort(&mut apps);
    apps.dedup();
    let mut revs: Vec<&Reviewer> = reviewers.iter().collect();
    crate::sort::sort_by(&mut revs, |a, b| a.id.cmp(&b.id));
    revs.dedup_by(|a, b| a.id == b.id);
    let (n, m) = (apps.len(), revs.len());
    let k = options.k.min(m);
    let (source, sink) = (0, n + m + 1);
    let mut graph: Vec<Vec<usize>> = vec![Vec::new(); n + m + 2];
    let mut edges: Vec<Edge> = Vec::new();
    // Covering a slot must beat any load cost a path can carry (at most n per reviewer).
    let cover = -(2.0 * n as f64 + 2.0);
    for i in 0..n {
        add(&mut graph, &mut edges, source, 1 + i, k as f64, cover);
    }
    let mut pair_edges = Vec::new();
    let mut free = vec![0usize; n];
    for (i, a) in apps.iter().enumerate() {
        for (j, r) in revs.iter().enumerate() {
            if blocked(conflicts, &r.id, a) {
                continue;
            }
            free[i] += 1;
            pair_edges.push((edges.len(), i, j));
            add(&mut graph, &mut edges, 1 + i, 1 + n + j, 1.0, 0.0);
        }
    }
    for (j, r) in revs.iter().enumerate() {
        let limit = r.max_load.or(options.default_max_load).unwrap_or(n).min(n);
        // Convex cost per extra review spreads the load evenly.
        for step in 0..limit {
            add(&mut graph, &mut edges, 1 + n + j, sink, 1.0, step as f64);
        }
    }
    min_cost_flow(&graph, &mut edges, source, sink);
    let mut reviewers_of: BTreeMap<String, Vec<String>> =
        apps.iter().map(|a| ((*a).to_owned(), Vec::new())).collect();
    let mut loads: BTreeMap<String, usize> = revs.iter().map(|r| (r.id.clone(), 0)).collect();
    for (e, i, j) in pair_edges {
        if edges.get(e ^ 1).is_some_and(|x| x.cap > 0.5) {
            let r = &revs[j].id;
            if let Some(v) = reviewers_of.get_mut(apps[i]) {
                v.push(r.clone());
            }
            *loads.entry(r.clone()).or_default() += 1;
        }
    }
    let shortfalls = apps
        .iter()
        .enumerate()
        .filter_map(|(i, a)| {
            let assigned = reviewers_of.get(*a).map_or(0, Vec::len);
            (assigned < options.k).then(|| Shortfall {
                application: (*a).to_owned(),
                assigned,
                missing: options.k - assigned,
                without_conflict: free[i],
                cause: if free[i] < options.k {
                    ShortfallCause::TooFewWithoutConflict
                } else {
                    ShortfallCause::LoadLimits
                },
            })
        })
        .collect();
    Assignment {
        k: options.k,
        reviewers_of,
        loads,
        shortfalls,
    }
}

/// One reviewer's score sheet: a header and a row per assigned application and criterion, with
/// the applicant as the reviewer may see it ([`blinded`]: empty while the programme blinds the
/// organisation) and the score left empty; filled in, it reads back with [`super::parse_reviews`].
pub fn reviewer_sheet(
    programme: &Programme,
    assignment: &Assignment,
    reviewer: &str,
    applications: &[Application],
) -> Vec<Vec<String>> {
    let mut rows = vec![
        ["reviewer", "application", "applicant", "criterion", "score"]
            .map(str::to_owned)
            .to_vec(),
    ];
    for a in assignment.applications_of(reviewer) {
        let applicant = applications
            .iter()
            .find(|x| x.id == a)
            .map(|x| blinded(programme, x).organisation)
            .unwrap_or_default();
        for c in &programme.criteria {
            rows.push(vec![
                reviewer.to_owned(),
                a.to_owned(),
                applicant.clone(),
                c.id.clone(),
                String::new(),
            ]);
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::{ConflictKind, builtin, parse_reviews};
    use proptest::prelude::*;

    fn reviewer(id: &str, max: Option<usize>) -> Reviewer {
        Reviewer {
            id: id.into(),
            max_load: max,
            ..Reviewer::default()
        }
    }

    fn conflict(r: &str, a: &str) -> Conflict {
        Conflict {
            reviewer: r.into(),
            application: a.into(),
            reasons: vec![ConflictKind::Declared {
                relation: "employer".into(),
                reason: String::new(),
            }],
        }
    }

    /// Maximum bipartite b-matching by plain augmenting paths (integer capacities): the oracle.
    fn max_cover(
        n: usize,
        m: usize,
        k: usize,
        limits: &[usize],
        allowed: &dyn Fn(usize, usize) -> bool,
    ) -> usize {
        let mut used = vec![vec![false; m]; n];
        let mut app_load = vec![0usize; n];
        let mut rev_load = vec![0usize; m];
        let mut total = 0;
        loop {
            // BFS over (app → reviewer via unused allowed pair, reviewer → app via used pair).
            let mut prev_app: Vec<Option<usize>> = vec![None; m];
            let mut prev_rev: Vec<Option<usize>> = vec![None; n];
            let mut seen_app = vec![false; n];
            let mut queue: std::collections::VecDeque<usize> = (0..n)
                .filter(|&i| app_load[i] < k)
                .inspect(|&i| seen_app[i] = true)
                .collect();
            let mut end = None;
            'bfs: while let Some(i) = queue.pop_front() {
                for j in 0..m {
                    if used[i][j] || !allowed(i, j) || prev_app[j].is_some() {
                        continue;
                    }
                    prev_app[j] = Some(i);
                    if rev_load[j] < limits[j] {
                        end = Some(j);
                        break 'bfs;
                    }
                    for i2 in 0..n {
                        if used[i2][j] && !seen_app[i2] {
                            seen_app[i2] = true;
                            prev_rev[i2] = Some(j);
                            queue.push_back(i2);
                        }
                    }
                }
            }
            let Some(mut j) = end else { return total };
            rev_load[j] += 1;
            loop {
                let i = prev_app[j].expect("path");
                used[i][j] = true;
                match prev_rev[i] {
                    Some(j2) => {
                        used[i][j2] = false;
                        j = j2;
                    }
                    None => {
                        app_load[i] += 1;
                        break;
                    }
                }
            }
            total += 1;
        }
    }

    #[test]
    fn two_reviewers_each_balanced_and_a_conflict_respected() {
        let revs: Vec<Reviewer> = ["R1", "R2", "R3"]
            .iter()
            .map(|r| reviewer(r, None))
            .collect();
        let apps: Vec<String> = (1..=6).map(|i| format!("a{i}")).collect();
        let a = assign(
            &revs,
            &apps,
            &[conflict("R1", "a1")],
            &AssignmentOptions::default(),
        );
        assert!(a.shortfalls.is_empty());
        assert!(a.reviewers_of.values().all(|r| r.len() == 2));
        assert!(!a.reviewers_of["a1"].contains(&"R1".to_owned()));
        assert_eq!(a.loads.values().copied().collect::<Vec<_>>(), [4, 4, 4]);
    }

    #[test]
    fn what_cannot_be_covered_is_reported_with_its_cause() {
        let revs = vec![reviewer("R1", Some(1)), reviewer("R2", None)];
        let apps: Vec<String> = ["a1", "a2", "a3"].map(String::from).to_vec();
        let a = assign(
            &revs,
            &apps,
            &[conflict("R2", "a3")],
            &AssignmentOptions {
                k: 2,
                default_max_load: None,
            },
        );
        let short: Vec<(&str, usize, ShortfallCause)> = a
            .shortfalls
            .iter()
            .map(|s| (s.application.as_str(), s.missing, s.cause))
            .collect();
        // R1 takes one application; a3 has only R1 free of conflicts.
        assert_eq!(a.loads["R1"], 1);
        assert!(short.contains(&(
            "a3",
            if a.reviewers_of["a3"].is_empty() {
                2
            } else {
                1
            },
            ShortfallCause::TooFewWithoutConflict
        )));
        assert_eq!(a.shortfalls.iter().map(|s| s.missing).sum::<usize>(), 6 - 3);
    }

    #[test]
    fn a_filled_sheet_reads_back_as_reviews() {
        let p = builtin("reilu-kiertotalous-2021").expect("built in");
        let revs = vec![reviewer("R1", None)];
        let a = assign(
            &revs,
            &["rk01".into(), "rk02".into()],
            &[],
            &AssignmentOptions {
                k: 1,
                default_max_load: None,
            },
        );
        let apps = [
            Application {
                id: "rk01".into(),
                organisation: "Lahden kaupunki".into(),
                ..Application::default()
            },
            Application {
                id: "rk02".into(),
                organisation: "Porin kaupunki".into(),
                ..Application::default()
            },
        ];
        let sheet = reviewer_sheet(&p, &a, "R1", &apps);
        assert_eq!(sheet.len(), 1 + 2 * p.criteria.len());
        assert_eq!(
            sheet[1][2], "Lahden kaupunki",
            "nothing blind in the built-in call"
        );
        let mut blind = p.clone();
        blind.blind = vec!["organisation".into()];
        let hidden = reviewer_sheet(&blind, &a, "R1", &apps);
        assert!(hidden.iter().skip(1).all(|row| row[2].is_empty()));
        assert_eq!(
            hidden
                .iter()
                .map(|r| [&r[..2], &r[3..]].concat())
                .collect::<Vec<_>>(),
            sheet
                .iter()
                .map(|r| [&r[..2], &r[3..]].concat())
                .collect::<Vec<_>>(),
            "blinding changes only the applicant column"
        );
        let text: String = sheet
            .iter()
            .enumerate()
            .map(|(i, row)| {
                let mut row = row.clone();
                if i > 0 {
                    row[4] = "4".into();
                }
                row.join(",") + "\n"
            })
            .collect();
        let (reviews, d) = parse_reviews(&text).into_parts();
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(reviews.len(), 4);
        assert!(
            reviews
                .iter()
                .all(|r| r.score == Some(4.0) && r.reviewer == "R1")
        );
    }

    proptest! {
        #[test]
        fn assignment_respects_conflicts_k_and_limits_and_covers_all_it_can(
            n in 1usize..9,
            m in 1usize..6,
            k in 1usize..4,
            limits in prop::collection::vec(prop::option::of(0usize..5), 6),
            blocked_bits in prop::collection::vec(any::<bool>(), 54),
            block_rate in 0usize..4,
        ) {
            let revs: Vec<Reviewer> = (0..m).map(|j| reviewer(&format!("R{j}"), limits[j])).collect();
            let apps: Vec<String> = (0..n).map(|i| format!("a{i}")).collect();
            let is_blocked = |i: usize, j: usize| block_rate > 0 && blocked_bits[(i * 6 + j) % 54] && (i + j).is_multiple_of(block_rate);
            let conflicts: Vec<Conflict> = (0..n).flat_map(|i| (0..m).map(move |j| (i, j)))
                .filter(|&(i, j)| is_blocked(i, j))
                .map(|(i, j)| conflict(&format!("R{j}"), &format!("a{i}")))
                .collect();
            let opts = AssignmentOptions { k, default_max_load: None };
            let a = assign(&revs, &apps, &conflicts, &opts);
            let mut covered = 0;
            for (app, rs) in &a.reviewers_of {
                prop_assert!(rs.len() <= k);
                covered += rs.len();
                for r in rs {
                    prop_assert!(!blocked(&conflicts, r, app), "{r} got {app} despite a conflict");
                }
            }
            for r in &revs {
                let load = a.loads[&r.id];
                prop_assert!(load <= r.max_load.unwrap_or(n));
                prop_assert_eq!(load, a.applications_of(&r.id).len());
            }
            // As many slots as any assignment can cover (oracle: plain augmenting paths).
            let caps: Vec<usize> = revs.iter().map(|r| r.max_load.unwrap_or(n).min(n)).collect();
            let best = max_cover(n, m, k, &caps, &|i, j| !is_blocked(i, j));
            prop_assert_eq!(covered, best);
            // Every application gets k whenever that is feasible.
            prop_assert_eq!(a.shortfalls.is_empty(), best == n * k);
            prop_assert_eq!(a.shortfalls.iter().map(|s| s.missing).sum::<usize>(), n * k - covered);
        }

        #[test]
        fn without_limits_or_conflicts_loads_differ_by_at_most_one(n in 1usize..12, m in 1usize..6, k in 1usize..4) {
            let revs: Vec<Reviewer> = (0..m).map(|j| reviewer(&format!("R{j}"), None)).collect();
            let apps: Vec<String> = (0..n).map(|i| format!("a{i}")).collect();
            let a = assign(&revs, &apps, &[], &AssignmentOptions { k, default_max_load: None });
            let (lo, hi) = (a.loads.values().min().copied().unwrap_or(0), a.loads.values().max().copied().unwrap_or(0));
            prop_assert!(hi - lo <= 1, "{:?}", a.loads);
        }
    }
}
