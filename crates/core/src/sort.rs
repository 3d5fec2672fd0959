//! Stable sorts that compile once. Each `slice::sort_by` call site with its own element
//! type or comparator brings its own copy of the standard library's sort into the wasm
//! (2–9 KB each; 233 KB over the app's 48 call sites). These sort a list of positions
//! with one comparator type, `&dyn Fn`, and then move the elements into that order, so
//! the sort's code exists once; only the small move is per element type.
//!
//! For lists that are not hot: each comparison is a dynamic call. Hot paths (the events
//! of every job, the statistics' values) keep the standard sorts of their own types.

use std::cmp::Ordering;

/// `v` as an integer that orders as `f64::total_cmp` orders floats (NaN and signed
/// zeros in their place): a sort of these keys is a plain integer sort, several times
/// quicker than one comparing floats by `total_cmp` (the statistics' hot sorts).
pub fn total_order_key(v: f64) -> u64 {
    let bits = v.to_bits();
    bits ^ ((((bits as i64) >> 63) as u64) >> 1) ^ (1 << 63)
}

/// The float [`total_order_key`] was made from.
pub fn from_total_order_key(key: u64) -> f64 {
    let bits = key ^ (1 << 63);
    f64::from_bits(bits ^ ((((bits as i64) >> 63) as u64) >> 1))
}

/// Sorts `items` by `compare`, stably (equal elements keep their order): the same order
/// as `items.sort_by(compare)`.
pub fn sort_by<T>(items: &mut [T], compare: impl Fn(&T, &T) -> Ordering) {
    let order = stable_order(items.len(), &|a, b| compare(&items[a], &items[b]));
    permute(items, order);
}

/// Sorts `items` by the key `key` gives each, stably: the same order as
/// `items.sort_by_key(key)`.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// The positions `0..len` in the order `compare` puts the elements at them, equal ones in
/// their original order. The one monomorphised sort.
fn stable_order(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| compare(a, b));
    order
}

/// Moves `items[order[i]]` to position `i`, in place, by following each cycle of the
/// permutation (a position is marked done by making it map to itself).
fn permute<T>(items: &mut [T], mut order: Vec<usize>) {
    for start in 0..order.len() {
        let mut at = start;
        while order[at] != at {
            let from = order[at];
            order[at] = at;
            if from == start {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Orders exactly as the standard stable sort, ties included (the second field
        /// tells equal keys apart).
        #[test]
        fn sorts_like_the_standard_stable_sort(keys in proptest::collection::vec(0u8..6, 0..200)) {
            let items: Vec<(u8, usize)> = keys.into_iter().enumerate().map(|(i, k)| (k, i)).collect();
            // Odd keys first, then descending: ties are the equal keys.
            let compare = |a: &(u8, usize), b: &(u8, usize)| {
                (a.0 % 2 == 0).cmp(&(b.0 % 2 == 0)).then_with(|| b.0.cmp(&a.0))
            };
            let mut expected = items.clone();
            expected.sort_by(compare);
            let mut got = items.clone();
            sort_by(&mut got, compare);
            prop_assert_eq!(&got, &expected);
            let mut expected = items.clone();
            expected.sort_by_key(|a| a.0);
            let mut got = items;
            sort_by_key(&mut got, |a| a.0);
            prop_assert_eq!(got, expected);
        }

        /// Floats with `total_cmp`, NaN and signed zeros among them, as the views sort them.
        #[test]
        fn sorts_floats_like_the_standard_sort(values in proptest::collection::vec(prop_oneof![
            Just(f64::NAN), Just(-0.0), Just(0.0), -1e6f64..1e6,
        ], 0..100)) {
            let mut expected = values.clone();
            expected.sort_by(|a, b| b.total_cmp(a));
            let mut got = values;
            sort_by(&mut got, |a, b| b.total_cmp(a));
            prop_assert_eq!(
                got.iter().map(|v| v.to_bits()).collect::<Vec<_>>(),
                expected.iter().map(|v| v.to_bits()).collect::<Vec<_>>()
            );
        }

        /// Keys order as `total_cmp` orders the floats, every float's bits included
        /// (NaNs of either sign, infinities, signed zeros), and give the float back.
        #[test]
        fn total_order_keys_order_as_total_cmp(a in any::<u64>(), b in any::<u64>(), near in prop_oneof![
            Just(f64::NAN), Just(-f64::NAN), Just(-0.0), Just(0.0), Just(f64::INFINITY),
            Just(f64::NEG_INFINITY), Just(f64::MIN_POSITIVE), -1e6f64..1e6,
        ]) {
            for (x, y) in [(f64::from_bits(a), f64::from_bits(b)), (near, f64::from_bits(b)), (near, -near)] {
                prop_assert_eq!(total_order_key(x).cmp(&total_order_key(y)), x.total_cmp(&y));
                prop_assert_eq!(from_total_order_key(total_order_key(x)).to_bits(), x.to_bits());
            }
        }
    }

    #[test]
    fn moves_owned_elements_without_losing_any() {
        let mut names: Vec<String> = ["delta", "alpha", "charlie", "bravo", "alpha"]
            .map(String::from)
            .into();
        sort_by(&mut names, |a, b| a.cmp(b));
        assert_eq!(names, ["alpha", "alpha", "bravo", "charlie", "delta"]);
        let mut empty: Vec<String> = Vec::new();
        sort_by_key(&mut empty, |s| s.len());
        assert!(empty.is_empty());
    }
}
