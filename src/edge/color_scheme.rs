//! The system's colour preference (`prefers-color-scheme: dark`), read at the edge and
//! followed as it changes; `model/theme.rs` decides what to do with it. Natively (the
//! server renderer in tests) there is no system preference: light.

use yew::prelude::*;

const DARK: &str = "(prefers-color-scheme: dark)";

/// Whether the system prefers dark now; the component re-renders when that changes.
#[hook]
pub fn use_prefers_dark() -> bool {
    let dark = use_state_eq(prefers_dark);
    {
        let dark = dark.clone();
        use_effect_with((), move |_| {
            let listener = media_query().map(|query| {
                let dark = dark.clone();
                gloo::events::EventListener::new(&query, "change", move |_| {
                    dark.set(prefers_dark())
                })
            });
            // Read again once listening: a change between the first render and now (the
            // effect can run a task later) came before the listener and was missed.
            dark.set(prefers_dark());
            move || drop(listener)
        });
    }
    *dark
}

fn prefers_dark() -> bool {
    media_query().is_some_and(|query| query.matches())
}

fn media_query() -> Option<web_sys::MediaQueryList> {
    if cfg!(target_arch = "wasm32") {
        web_sys::window()?.match_media(DARK).ok().flatten()
    } else {
        None
    }
}
