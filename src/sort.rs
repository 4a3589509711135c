//! Stable sorting through one instantiation of the standard library's sort.
//!
//! Every `slice::sort_by` with its own element type and closure compiles a
//! sort of its own (quicksort, drift sort, small sorts: some kilobytes each in
//! the WebAssembly module). These functions sort a list of indices with one
//! comparator type instead, then move the elements into that order: the same
//! result as `sort_by` (stable), for a few hundred bytes per call site.

use std::cmp::Ordering;

/// Sort `v` stably by `cmp`, as [`slice::sort_by`] does.
pub(crate) fn sort_by<T>(v: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let mut order: Vec<usize> = (0..v.len()).collect();
    sort_indices(&mut order, &|a, b| cmp(&v[a], &v[b]));
    permute(v, order);
}

/// Sort `v` stably by `key`, as [`slice::sort_by_key`] does.
pub(crate) fn sort_by_key<T, K: Ord>(v: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// The one instantiation of the standard sort.
#[inline(never)]
fn sort_indices(order: &mut [usize], cmp: &dyn Fn(usize, usize) -> Ordering) {
    order.sort_by(|&a, &b| cmp(a, b));
}

/// Put `v` in `order` (`order[i]`: the index of the element that goes to
/// position `i`), following each cycle of the permutation with swaps.
fn permute<T>(v: &mut [T], mut order: Vec<usize>) {
    const DONE: usize = usize::MAX;
    for start in 0..v.len() {
        if order[start] == DONE {
            continue;
        }
        let mut at = start;
        loop {
            let from = order[at];
            order[at] = DONE;
            if from == start {
                break;
            }
            v.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn the_same_as_the_standard_stable_sort(v in proptest::collection::vec((0u8..5, 0u16..1000), 0..60)) {
            let mut ours = v.clone();
            let mut std = v;
            super::sort_by_key(&mut ours, |x| x.0);
            std.sort_by_key(|x| x.0);
            prop_assert_eq!(ours, std);
        }
    }
}
