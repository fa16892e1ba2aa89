//! Allocation: spread offered quantities over sought ones to maximise the score-weighted
//! matched quantity, as a min-cost flow solved by successive shortest paths (Bellman–Ford,
//! since edge costs are negative scores).

use super::score::{Match, MatchOptions};
use super::search::Index;
use crate::vocab::Unit;
use serde::{Deserialize, Serialize};

/// Flows below this are treated as zero.
const EPS: f64 = 1e-9;

/// Quantity moved from one offer to one seek.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Flow {
    pub offer: String,
    pub seek: String,
    /// In `unit`, over one year for recurring listings.
    pub amount: f64,
    pub unit: String,
    pub score: f64,
}

/// What stays with one listing after allocation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Remainder {
    pub id: String,
    pub amount: f64,
    pub unit: String,
}

/// The allocation, the objective it reached and what stayed unallocated.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Allocation {
    pub flows: Vec<Flow>,
    /// Σ score × amount over the flows.
    pub objective: f64,
    pub unallocated_supply: Vec<Remainder>,
    pub unmet_demand: Vec<Remainder>,
}

struct Edge {
    to: usize,
    cap: f64,
    cost: f64,
}

/// Annual amount in the unit flows are counted in: t (kg, and m³ where the category has a
/// density), else m³, m², m or kpl.
fn base(index: &Index, i: usize) -> Option<(f64, &'static str)> {
    let l = index.listings().get(i)?;
    let density = super::taxonomy::category(&l.category).and_then(|c| c.density_t_per_m3);
    let a = l.quantity.amount * l.recurrence.per_year();
    if !(a.is_finite() && a > 0.0) {
        return None;
    }
    Some(match (l.quantity.unit, density) {
        (Unit::Kg, _) => (a / 1000.0, "t"),
        (Unit::Tonne, _) => (a, "t"),
        (Unit::CubicMetre, Some(d)) => (a * d, "t"),
        (Unit::CubicMetre, None) => (a, "m³"),
        (Unit::SquareMetre, _) => (a, "m²"),
        (Unit::Metre, _) => (a, "m"),
        (Unit::Piece, _) => (a, "kpl"),
    })
}

fn add(
    graph: &mut [Vec<usize>],
    edges: &mut Vec<Edge>,
    from: usize,
    to: usize,
    cap: f64,
    cost: f64,
) {
    if from < graph.len() && to < graph.len() {
        graph[from].push(edges.len());
        edges.push(Edge { to, cap, cost });
        graph[to].push(edges.len());
        edges.push(Edge {
            to: from,
            cap: 0.0,
            cost: -cost,
        });
    }
}

impl Index {
    /// Allocates supply over demand along the matches found with `opts`.
    pub fn allocate(&self, opts: &MatchOptions) -> Allocation {
        allocate(self, &self.all_matches(opts))
    }
}

/// Allocates along `matches` (from [`Index::all_matches`]); pairs whose units cannot be
/// compared are skipped. Offer and seek remainders are in each listing's own base unit.
pub fn allocate(index: &Index, matches: &[Match]) -> Allocation {
    let n = index.len();
    let (source, sink) = (n, n + 1);
    let mut graph: Vec<Vec<usize>> = vec![Vec::new(); n + 2];
    let mut edges: Vec<Edge> = Vec::new();
    let mut pair_edges = Vec::new();
    let mut used = vec![false; n];
    for m in matches {
        let (Some(o), Some(s)) = (base(index, m.offer_index), base(index, m.seek_index)) else {
            continue;
        };
        if o.1 != s.1 || m.score <= 0.0 {
            continue;
        }
        let id = edges.len();
        add(
            &mut graph,
            &mut edges,
            m.offer_index,
            m.seek_index,
            f64::INFINITY,
            -m.score,
        );
        pair_edges.push((id, m, o.1));
        if let Some(u) = used.get_mut(m.offer_index) {
            *u = true;
        }
        if let Some(u) = used.get_mut(m.seek_index) {
            *u = true;
        }
    }
    let mut supply_edge = vec![None; n];
    let mut demand_edge = vec![None; n];
    for i in 0..n {
        if !used.get(i).copied().unwrap_or(false) {
            continue;
        }
        let Some((amount, _)) = base(index, i) else {
            continue;
        };
        let is_offer = index
            .listings()
            .get(i)
            .is_some_and(|l| l.kind == super::ListingKind::Offer);
        let id = edges.len();
        if is_offer {
            add(&mut graph, &mut edges, source, i, amount, 0.0);
            supply_edge[i] = Some(id);
        } else {
            add(&mut graph, &mut edges, i, sink, amount, 0.0);
            demand_edge[i] = Some(id);
        }
    }
    // Successive shortest paths; stop when no path with negative cost (positive gain) remains.
    for _ in 0..(4 * edges.len() + 8) {
        let mut dist = vec![f64::INFINITY; n + 2];
        let mut prev: Vec<Option<usize>> = vec![None; n + 2];
        dist[source] = 0.0;
        for _ in 0..(n + 2) {
            let mut changed = false;
            for (u, out) in graph.iter().enumerate() {
                if dist[u] == f64::INFINITY {
                    continue;
                }
                for &e in out {
                    let edge = &edges[e];
                    if edge.cap > EPS && dist[u] + edge.cost < dist[edge.to] - 1e-12 {
                        dist[edge.to] = dist[u] + edge.cost;
                        prev[edge.to] = Some(e);
                        changed = true;
                    }
                }
            }
            if !changed {
                break;
            }
        }
        // Stop once no path gains anything (also when the sink is unreachable: infinity).
        if dist[sink] >= -1e-12 {
            break;
        }
        let mut push = f64::INFINITY;
        let mut v = sink;
        let mut guard = 0;
        while let Some(e) = prev[v] {
            push = push.min(edges[e].cap);
            v = edges[e ^ 1].to;
            guard += 1;
            if v == source || guard > n + 2 {
                break;
            }
        }
        if !(push.is_finite() && push > EPS) {
            break;
        }
        let mut v = sink;
        let mut guard = 0;
        while let Some(e) = prev[v] {
            edges[e].cap -= push;
            edges[e ^ 1].cap += push;
            v = edges[e ^ 1].to;
            guard += 1;
            if v == source || guard > n + 2 {
                break;
            }
        }
    }
    let round = |x: f64| libm::round(x * 1000.0) / 1000.0;
    let mut flows = Vec::new();
    let mut objective = 0.0;
    for (id, m, unit) in &pair_edges {
        let amount = edges.get(id ^ 1).map_or(0.0, |e| e.cap);
        if amount > EPS {
            objective += m.score * amount;
            flows.push(Flow {
                offer: m.offer.clone(),
                seek: m.seek.clone(),
                amount: round(amount),
                unit: (*unit).to_owned(),
                score: m.score,
            });
        }
    }
    flows.sort_by(|a, b| a.offer.cmp(&b.offer).then_with(|| a.seek.cmp(&b.seek)));
    let mut unallocated_supply = Vec::new();
    let mut unmet_demand = Vec::new();
    for (i, l) in index.listings().iter().enumerate() {
        let Some((amount, unit)) = base(index, i) else {
            continue;
        };
        let edge = supply_edge
            .get(i)
            .copied()
            .flatten()
            .or(demand_edge.get(i).copied().flatten());
        let left = edge.and_then(|e| edges.get(e)).map_or(amount, |e| e.cap);
        if l.status != super::Status::Open || left <= EPS {
            continue;
        }
        let r = Remainder {
            id: l.id.clone(),
            amount: round(left),
            unit: unit.to_owned(),
        };
        match l.kind {
            super::ListingKind::Offer => unallocated_supply.push(r),
            super::ListingKind::Seek => unmet_demand.push(r),
        }
    }
    unallocated_supply.sort_by(|a, b| a.id.cmp(&b.id));
    unmet_demand.sort_by(|a, b| a.id.cmp(&b.id));
    Allocation {
        flows,
        objective: round(objective),
        unallocated_supply,
        unmet_demand,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::{Listing, ListingKind};
    use crate::vocab::Quantity;

    fn l(id: &str, kind: ListingKind, amount: f64) -> Listing {
        Listing::new(
            id,
            kind,
            "Betonimurske",
            "construction",
            Quantity {
                amount,
                unit: Unit::Tonne,
            },
            "Espoo",
        )
    }

    #[test]
    fn supply_goes_to_demand_and_the_rest_is_reported() {
        let index = Index::new(vec![
            l("o1", ListingKind::Offer, 100.0),
            l("o2", ListingKind::Offer, 50.0),
            l("s1", ListingKind::Seek, 120.0),
        ]);
        let a = index.allocate(&MatchOptions::default());
        let moved: f64 = a.flows.iter().map(|f| f.amount).sum();
        assert!((moved - 120.0).abs() < 1e-6, "{a:?}");
        let left: f64 = a.unallocated_supply.iter().map(|r| r.amount).sum();
        assert!((left - 30.0).abs() < 1e-6, "{a:?}");
        assert!(a.unmet_demand.is_empty());
    }

    #[test]
    fn better_scored_pairs_get_the_scarce_supply() {
        let mut near = l("s-near", ListingKind::Seek, 100.0);
        near.municipality = "Espoo".into();
        let mut far = l("s-far", ListingKind::Seek, 100.0);
        far.municipality = "Oulu".into();
        let index = Index::new(vec![l("o", ListingKind::Offer, 100.0), near, far]);
        let a = index.allocate(&MatchOptions {
            min_score: 0.0,
            ..MatchOptions::default()
        });
        assert_eq!(a.flows.len(), 1, "{a:?}");
        assert_eq!(a.flows[0].seek, "s-near");
        assert_eq!(a.unmet_demand.len(), 1);
    }
}
