//! Element ids unique in the document, for `for`, `aria-labelledby` and
//! `aria-describedby`: several apps (or timelines) may share one page.

use std::sync::atomic::{AtomicU32, Ordering};

use yew::prelude::*;

/// The one global in the app (see ARCHITECTURE.md, invariant 20): a counter that
/// only hands out distinct numbers, so it couples nothing.
static NEXT: AtomicU32 = AtomicU32::new(1);

/// An id starting with `prefix`, the same for the component's whole life.
#[hook]
pub fn use_id(prefix: &'static str) -> AttrValue {
    (*use_state(|| fresh(prefix))).clone()
}

/// A new id: `prefix-n`.
pub fn fresh(prefix: &str) -> AttrValue {
    AttrValue::from(format!("{prefix}-{}", NEXT.fetch_add(1, Ordering::Relaxed)))
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_id_is_new() {
        let (a, b) = (super::fresh("tl"), super::fresh("tl"));
        assert_ne!(a, b);
        assert!(a.starts_with("tl-") && b.starts_with("tl-"));
    }
}
