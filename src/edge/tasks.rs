//! Work done a part a task, so that no task holds the main thread for long
//! (docs/performance.md, P6): each part waits for a task of its own, after whatever the
//! browser has queued (input, paint), and a view's parts stop if the view has moved on.
//!
//! A task of its own is a message on a channel the page keeps, not a timer: browsers hold
//! back a timer set from within a timer's task, five deep or more, to 4 ms, so a chain of
//! zero-delay timers idles ~4 ms a step (200 steps: 836 ms in Chromium, against 3 ms for as
//! many messages; docs/performance.md, P6, the tenth part).

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;

use gloo::timers::future::TimeoutFuture;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::MessageChannel;

/// A message channel whose every message wakes the next waiter, in order.
struct Channel {
    channel: MessageChannel,
    waiting: std::rc::Rc<RefCell<VecDeque<js_sys::Function>>>,
    _on_message: Closure<dyn FnMut()>,
}

impl Channel {
    fn new() -> Option<Channel> {
        let channel = MessageChannel::new().ok()?;
        let waiting = std::rc::Rc::new(RefCell::new(VecDeque::<js_sys::Function>::new()));
        let queue = waiting.clone();
        let on_message = Closure::<dyn FnMut()>::new(move || {
            let next = queue.borrow_mut().pop_front();
            if let Some(resolve) = next {
                let _ = resolve.call0(&JsValue::UNDEFINED);
            }
        });
        channel
            .port1()
            .set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        Some(Channel {
            channel,
            waiting,
            _on_message: on_message,
        })
    }

    fn post(&self, resolve: js_sys::Function) {
        self.waiting.borrow_mut().push_back(resolve);
        if self.channel.port2().post_message(&JsValue::NULL).is_err() {
            // Never seen: the waiter goes on at once rather than wait for ever.
            if let Some(resolve) = self.waiting.borrow_mut().pop_back() {
                let _ = resolve.call0(&JsValue::UNDEFINED);
            }
        }
    }
}

thread_local! {
    static CHANNEL: Option<Channel> = Channel::new();
}

/// Resumes in a task of its own, after what the browser has queued.
pub async fn yield_task() {
    if !CHANNEL.with(Option::is_some) {
        TimeoutFuture::new(0).await;
        return;
    }
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        CHANNEL.with(|c| {
            if let Some(c) = c {
                c.post(resolve);
            }
        })
    });
    let _ = JsFuture::from(promise).await;
}

/// Waits for a task of its own; `false` if the view has gone (`gone`) meanwhile.
pub async fn next_task(gone: &Cell<bool>) -> bool {
    yield_task().await;
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

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
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
