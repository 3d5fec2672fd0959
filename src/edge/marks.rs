//! The page's work named on the browser's performance timeline (`performance.mark`), so a
//! long task can be told by what ran in it (tools/bench/loaf-page.cjs lists each long
//! frame's marks): each turn of a [`crate::components::Later`] and each resumption of
//! work done a part a task, by where in the code it resumes. Only with the feature `marks`
//! (a build for that tool); otherwise a mark is not even formatted.

/// Marks the timeline with `name()`.
#[cfg(feature = "marks")]
pub fn mark(name: impl FnOnce() -> String) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(&name());
    }
}

/// Marks nothing (a build without the feature `marks`).
#[cfg(not(feature = "marks"))]
#[inline(always)]
pub fn mark(_name: impl FnOnce() -> String) {}
