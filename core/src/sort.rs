//! A stable sort for cold paths that compiles to one copy of the standard sort, not one per
//! element type and comparator: each of those copies adds kilobytes to the wasm module.
//! Hot paths (per-query ranking, all-pairs matching) keep the standard, inlined sorts.

use std::cmp::Ordering;

/// Sorts `v` stably by `cmp`, like `slice::sort_by`.
pub fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    let mut order: Vec<usize> = (0..v.len()).collect();
    sort_positions(&mut order, &mut |a, b| cmp(&v[a], &v[b]));
    permute(v, &mut order);
}

/// Sorts `v` stably by the natural order, like `slice::sort`.
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

// The one instantiation of the standard sort: positions compared through a trait object.
#[inline(never)]
fn sort_positions(order: &mut [usize], cmp: &mut dyn FnMut(usize, usize) -> Ordering) {
    order.sort_by(|&a, &b| cmp(a, b));
}

/// Moves `v[order[i]]` to position `i` by following cycles with swaps.
fn permute<T>(v: &mut [T], order: &mut [usize]) {
    for start in 0..order.len() {
        let mut at = start;
        // Each cycle is walked once; visited positions are marked by pointing at themselves.
        while order[at] != start {
            let next = order[at];
            v.swap(at, next);
            order[at] = at;
            at = next;
        }
        order[at] = at;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_the_standard_stable_sort() {
        // A fixed pseudo-random sequence with many ties, so stability is exercised.
        let mut x: u32 = 12345;
        let data: Vec<(u32, usize)> = (0..500)
            .map(|i| {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
                ((x >> 16) % 37, i)
            })
            .collect();
        let mut ours = data.clone();
        sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
        let mut std = data;
        std.sort_by_key(|a| a.0);
        assert_eq!(ours, std);
    }

    #[test]
    fn sorts_empty_single_and_reversed() {
        let mut empty: Vec<u8> = Vec::new();
        sort(&mut empty);
        assert!(empty.is_empty());
        let mut one = vec!["a"];
        sort(&mut one);
        assert_eq!(one, ["a"]);
        let mut rev: Vec<String> = ["ö", "ä", "b", "a"].iter().map(|s| s.to_string()).collect();
        sort(&mut rev);
        assert_eq!(rev, ["a", "b", "ä", "ö"]);
    }
}
