//! The width of an element, followed: the timeline's and the load chart's
//! canvases are as wide as their containers.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, ResizeObserver, ResizeObserverEntry};
use yew::prelude::*;

/// Reports `wrap`'s width (CSS pixels) now and whenever it changes.
#[hook]
pub fn use_width(wrap: NodeRef, on_width: Callback<f64>) {
    use_effect_with((), move |_| {
        let observer = wrap.cast::<HtmlElement>().and_then(|el| {
            // Measure now: the observer reports only when the page renders
            // frames, which a hidden tab does not.
            on_width.emit(f64::from(el.client_width()));
            let on_resize = Closure::<dyn Fn(js_sys::Array)>::new(move |entries: js_sys::Array| {
                if let Ok(entry) = entries.get(0).dyn_into::<ResizeObserverEntry>() {
                    on_width.emit(entry.content_rect().width());
                }
            });
            let observer = ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok()?;
            observer.observe(&el);
            Some((observer, on_resize))
        });
        move || {
            if let Some((observer, _closure)) = observer {
                observer.disconnect();
            }
        }
    });
}
