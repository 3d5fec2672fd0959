//! Work done a part a task, so that no task holds the main thread for long
//! (docs/performance.md, P6): each part waits for a task of its own, after whatever the
//! browser has queued (input, paint), and a view's parts stop if the view has moved on.
//!
//! A task of its own is a message, not a timer: browsers hold back a timer set from within
//! a timer's task, five deep or more, to 4 ms, so a chain of zero-delay timers idles ~4 ms a
//! step (200 steps: 836 ms in Chromium, against 6–13 ms as messages; docs/performance.md,
//! P6, the tenth part).

use std::cell::Cell;
use std::future::Future;
use std::panic::Location;

use gloo::timers::future::TimeoutFuture;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::MessageChannel;

use super::marks::mark;

/// Resumes in a task of its own, after what the browser has queued: a message through a
/// channel of its own (none is kept between calls: several apps may share the page,
/// ARCHITECTURE.md). The work that follows is marked with where it resumes ([`mark`]).
#[track_caller]
pub fn yield_task() -> impl Future<Output = ()> {
    resume_at(Location::caller())
}

/// Resumes in a task of its own, marked as resuming `at`.
async fn resume_at(at: &'static Location<'static>) {
    message_to_self().await;
    mark(|| at.to_string());
}

async fn message_to_self() {
    // Posted first: the message waits in port 1's queue until its handler is set, below.
    let posted = MessageChannel::new()
        .ok()
        .filter(|c| c.port2().post_message(&JsValue::NULL).is_ok());
    let Some(channel) = posted else {
        TimeoutFuture::new(0).await; // never seen
        return;
    };
    let port = channel.port1();
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let closing = port.clone();
        let on_message = Closure::once_into_js(move || {
            closing.close();
            let _ = resolve.call0(&JsValue::UNDEFINED);
        });
        port.set_onmessage(Some(on_message.unchecked_ref()));
    });
    let _ = JsFuture::from(promise).await;
}

/// Waits for a task of its own; `false` if the view has gone (`gone`) meanwhile.
#[track_caller]
pub fn next_task(gone: &Cell<bool>) -> impl Future<Output = bool> + '_ {
    let resumed = yield_task();
    async move {
        resumed.await;
        !gone.get()
    }
}

/// Runs `step` a task at a time until it says it is done (`true`); `false` if the view
/// went first.
#[track_caller]
pub fn in_tasks<'a>(
    gone: &'a Cell<bool>,
    mut step: impl FnMut() -> bool + 'a,
) -> impl Future<Output = bool> + 'a {
    let at = Location::caller();
    async move {
        loop {
            resume_at(at).await;
            if gone.get() {
                return false;
            }
            if step() {
                return true;
            }
        }
    }
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use std::cell::RefCell;
    use std::rc::Rc;

    use wasm_bindgen_test::*;
    use yew::platform::spawn_local;

    use super::*;

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    async fn waiters_resume_after_the_task_that_yielded_and_in_order() {
        let order = Rc::new(RefCell::new(Vec::new()));
        for k in 0..3 {
            let order = order.clone();
            spawn_local(async move {
                yield_task().await;
                order.borrow_mut().push(k);
            });
        }
        order.borrow_mut().push(-1); // still this task: none has resumed yet
        for _ in 0..4 {
            yield_task().await;
        }
        assert_eq!(*order.borrow(), vec![-1, 0, 1, 2]);
    }

    #[wasm_bindgen_test]
    async fn steps_stop_when_the_view_has_gone() {
        let gone = Cell::new(false);
        let mut steps = 0;
        let finished = in_tasks(&gone, || {
            steps += 1;
            gone.set(steps == 2);
            false
        })
        .await;
        assert!(!finished);
        assert_eq!(steps, 2);
        let done_at_once = in_tasks(&Cell::new(false), || true).await;
        assert!(done_at_once);
    }
}
