//! Work a view does a part a task, so that no task holds the main thread for long
//! (docs/performance.md, P6): each part waits for a task of its own, after whatever the
//! browser has queued (input, paint), and stops if the view has moved on meanwhile.

use std::cell::Cell;

use gloo::timers::future::TimeoutFuture;

/// Waits for a task of its own; `false` if the view has gone (`gone`) meanwhile.
pub async fn next_task(gone: &Cell<bool>) -> bool {
    TimeoutFuture::new(0).await;
    !gone.get()
}

/// Runs `step` a task at a time until it says it is done (`true`); `false` if the view
/// went first.
pub async fn in_tasks(gone: &Cell<bool>, mut step: impl FnMut() -> bool) -> bool {
    loop {
        if !next_task(gone).await {
            return false;
        }
        if step() {
            return true;
        }
    }
}
