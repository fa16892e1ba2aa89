//! The English explanation of a match: each factor's values in words, built once per listing
//! (the widgets say the same facts in their own language from `Facts`).

use super::listing::Recurrence;
use super::score::*;
use super::search::{Index, round};
use std::collections::BTreeMap;
/// Explanation text of one listing, built once per listing instead of once per pair.
pub(super) struct Side {
    /// EWC entry, else the category id.
    pub(super) code: String,
    /// Availability window, `from–until` with `…` for an open end.
    pub(super) window: String,
    pub(super) quantity: String,
}

pub(super) fn side(index: &Index, i: usize) -> Side {
    let (l, d) = (index.listings().get(i), index.docs.get(i));
    Side {
        code: d
            .and_then(|d| d.ewc.clone())
            .unwrap_or_else(|| d.map_or(String::new(), |d| d.category.clone())),
        window: l.map_or(String::new(), |l| {
            format!(
                "{}–{}",
                l.available_from.as_deref().unwrap_or("…"),
                l.available_until.as_deref().unwrap_or("…")
            )
        }),
        quantity: l.map_or(String::new(), |l| l.quantity.to_string()),
    }
}

/// Builds explanations for the pairs of one matching run, filling per-listing text on demand.
pub(super) struct Explainer<'a> {
    pub(super) index: &'a Index,
    pub(super) sides: Vec<Option<Side>>,
    /// `{:.2}` renderings by bit pattern: the same few code and text values recur in most pairs.
    pub(super) two: BTreeMap<u64, String>,
}

impl<'a> Explainer<'a> {
    pub(super) fn new(index: &'a Index) -> Explainer<'a> {
        Explainer {
            index,
            sides: std::iter::repeat_with(|| None).take(index.len()).collect(),
            two: BTreeMap::new(),
        }
    }

    fn fill(&mut self, i: usize) {
        if let Some(slot) = self.sides.get_mut(i)
            && slot.is_none()
        {
            *slot = Some(side(self.index, i));
        }
    }

    pub(super) fn explain(&mut self, oi: usize, si: usize, e: &Eval, opts: &MatchOptions) -> Match {
        self.fill(oi);
        self.fill(si);
        let Explainer { index, sides, two } = self;
        let empty = Side {
            code: String::new(),
            window: String::new(),
            quantity: String::new(),
        };
        let os = sides.get(oi).and_then(Option::as_ref).unwrap_or(&empty);
        let ss = sides.get(si).and_then(Option::as_ref).unwrap_or(&empty);
        explain(index, oi, si, e, opts, (os, ss), two)
    }
}

/// Appends `x` as `{:.2}` would, through the cache.
pub(super) fn push_two(out: &mut String, two: &mut BTreeMap<u64, String>, x: f64) {
    out.push_str(two.entry(x.to_bits()).or_insert_with(|| format!("{x:.2}")));
}

/// Appends `x` as `{:.0}` would: integer formatting when rounding has no tie to break.
pub(super) fn push_whole(out: &mut String, x: f64) {
    use std::fmt::Write;
    let whole = libm::round(x);
    // Below 2^53 every integer is exact; `{:.0}` and `round` differ only on exact halves.
    if x.is_sign_positive() && x < 9.0e15 && x - libm::floor(x) != 0.5 {
        let _ = write!(out, "{}", whole as u64);
    } else {
        let _ = write!(out, "{x:.0}");
    }
}

/// Appends `x` as `{}` would, with integer formatting for whole numbers (most amounts).
pub(super) fn push_shortest(out: &mut String, x: f64) {
    use std::fmt::Write;
    if x.is_sign_positive() && x < 9.0e15 && x == libm::floor(x) {
        let _ = write!(out, "{}", x as u64);
    } else {
        let _ = write!(out, "{x}");
    }
}

/// `a`, then `sep`, then `b`, in one allocation.
pub(super) fn join(a: &str, sep: &str, b: &str) -> String {
    let mut s = String::with_capacity(a.len() + sep.len() + b.len());
    s.push_str(a);
    s.push_str(sep);
    s.push_str(b);
    s
}

pub(super) fn explain(
    index: &Index,
    oi: usize,
    si: usize,
    e: &Eval,
    opts: &MatchOptions,
    (os, ss): (&Side, &Side),
    two: &mut BTreeMap<u64, String>,
) -> Match {
    let w = opts.weights;
    let total = (w.material + w.distance + w.quantity + w.time + w.recurrence).max(f64::EPSILON);
    let f =
        |name: &str, weight: f64, value: f64, met: bool, detail: String, facts: Option<Facts>| {
            Factor {
                name: name.to_owned(),
                value: round(value),
                weight: round(weight / total),
                met,
                detail,
                facts,
            }
        };
    let listings = index.listings();
    let (o, s) = (listings.get(oi), listings.get(si));
    let hazardous = index.docs.get(oi).is_some_and(|d| d.hazardous);
    let mut factors = Vec::with_capacity(if hazardous { 6 } else { 5 });
    let mut detail = String::with_capacity(os.code.len() + ss.code.len() + 28);
    detail.push_str(&os.code);
    detail.push_str(" vs ");
    detail.push_str(&ss.code);
    detail.push_str(": code ");
    push_two(&mut detail, two, e.material.code);
    detail.push_str(", text ");
    push_two(&mut detail, two, e.material.text);
    factors.push(f(
        "material",
        w.material,
        e.material.value,
        e.material.value >= 0.5,
        detail,
        Some(Facts::Material {
            offer_code: os.code.clone(),
            seek_code: ss.code.clone(),
            code: round(e.material.code),
            text: round(e.material.text),
        }),
    ));
    factors.push(match e.distance {
        Some((km, r)) => f(
            "distance",
            w.distance,
            (1.0 - km / r).clamp(0.0, 1.0),
            km <= r,
            {
                let mut d = String::with_capacity(24);
                push_whole(&mut d, km);
                d.push_str(" km of ");
                push_whole(&mut d, r);
                d.push_str(" km");
                d
            },
            Some(Facts::Distance {
                km: libm::round(km),
                limit_km: libm::round(r),
            }),
        ),
        None => f(
            "distance",
            w.distance,
            0.5,
            false,
            "location unknown".into(),
            Some(Facts::LocationUnknown),
        ),
    });
    factors.push(match e.quantity {
        Some((a, b, unit)) => f(
            "quantity",
            w.quantity,
            ratio(a, b),
            ratio(a, b) >= 0.5,
            {
                let mut d = String::with_capacity(40);
                d.push_str("offered ");
                push_shortest(&mut d, round3(a));
                d.push(' ');
                d.push_str(unit);
                d.push_str("/yr, sought ");
                push_shortest(&mut d, round3(b));
                d.push(' ');
                d.push_str(unit);
                d.push_str("/yr");
                d
            },
            Some(Facts::Quantity {
                offered: round3(a),
                sought: round3(b),
                unit: unit.to_owned(),
            }),
        ),
        None => f(
            "quantity",
            w.quantity,
            0.5,
            false,
            {
                let mut d = join(&os.quantity, " vs ", &ss.quantity);
                d.push_str(": units not comparable");
                d
            },
            o.zip(s).map(|(o, s)| Facts::UnitsNotComparable {
                offered: o.quantity,
                sought: s.quantity,
            }),
        ),
    });
    factors.push(f(
        "time",
        w.time,
        e.time,
        e.time > 0.0,
        join(&os.window, " vs ", &ss.window),
        o.zip(s).map(|(o, s)| Facts::Time {
            offer_from: o.available_from.clone(),
            offer_until: o.available_until.clone(),
            seek_from: s.available_from.clone(),
            seek_until: s.available_until.clone(),
        }),
    ));
    let rec = |l: Option<&super::listing::Listing>| {
        l.map_or("", |l| match l.recurrence {
            Recurrence::OneOff => "one-off",
            Recurrence::PerYear => "per year",
            Recurrence::PerMonth => "per month",
            Recurrence::PerWeek => "per week",
        })
    };
    factors.push(f(
        "recurrence",
        w.recurrence,
        e.recurrence,
        e.recurrence >= 0.8,
        join(rec(o), " vs ", rec(s)),
        o.zip(s).map(|(o, s)| Facts::Recurrence {
            offer: o.recurrence,
            seek: s.recurrence,
        }),
    ));
    if hazardous {
        let declared = s.is_some_and(|l| l.hazardous_permit);
        factors.push(Factor {
            name: "hazard".into(),
            value: if declared { 1.0 } else { 0.5 },
            weight: 0.0,
            met: declared,
            detail: if declared {
                "hazardous waste; the seeker has a permit".into()
            } else {
                "hazardous waste; the seeker asks for it but declares no permit: check it".into()
            },
            facts: Some(if declared {
                Facts::HazardPermit
            } else {
                Facts::HazardPermitUnchecked
            }),
        });
    }
    Match {
        offer: o.map_or(String::new(), |l| l.id.clone()),
        seek: s.map_or(String::new(), |l| l.id.clone()),
        offer_index: oi,
        seek_index: si,
        score: e.score,
        distance_km: e.distance.map(|(km, _)| libm::round(km * 10.0) / 10.0),
        factors,
    }
}

pub(super) fn round3(x: f64) -> f64 {
    libm::round(x * 1000.0) / 1000.0
}
