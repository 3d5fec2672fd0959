//! How the app starts: on its own page, or mounted by a host through `www/embed.js`.
//!
//! The wasm runs `main` (see `main.rs`) as soon as it is initialised, on every page that
//! loads it. So `main` only mounts into the page's own root element, [`PAGE_ROOT_ID`]
//! (present in `index.html` and the single-file build); a documentation page that loads
//! `embed.js` has no such element, and nothing appears until it calls [`mount`].

use wasm_bindgen::prelude::*;
use web_sys::Element;
use yew::AppHandle;

use crate::{App, AppProps};

/// The id of the element `index.html` gives the app.
pub const PAGE_ROOT_ID: &str = "tapis-job-profiler";

/// Mounts the app into the page's root element, with options from the page's query
/// string (`?embed=1&sample=1&tenant=…&data-url=…`); does nothing on other pages, nor
/// in the worker that parses files (`www/worker.js`), which has no page.
pub fn start_page() {
    if web_sys::window().is_none() {
        return;
    }
    let document = gloo::utils::document();
    if let Some(root) = document.get_element_by_id(PAGE_ROOT_ID) {
        let query = gloo::utils::window()
            .location()
            .search()
            .unwrap_or_default();
        yew::Renderer::<App>::with_root_and_props(root, AppProps::from_query(&query)).render();
    }
}

/// Mounts one independent app into `root`. `options` is a JSON object with the fields of
/// [`AppProps`] in camelCase (`{"embed": true, "dataUrl": "job.json"}`); `embed.js` builds
/// it from `mount()` options and element attributes. Each call has its own state, and
/// knows it is a component (it shares the host page's JavaScript realm).
#[wasm_bindgen]
pub fn mount(root: Element, options: &str) -> Result<MountHandle, JsError> {
    let props = AppProps {
        in_component: true,
        ..AppProps::from_json(options)?
    };
    let app = yew::Renderer::<App>::with_root_and_props(root, props).render();
    Ok(MountHandle { app: Some(app) })
}

/// One mounted app; `destroy()` unmounts it and empties its root element.
#[wasm_bindgen]
pub struct MountHandle {
    app: Option<AppHandle<App>>,
}

#[wasm_bindgen]
impl MountHandle {
    /// Unmounts the app. Calling it again does nothing.
    pub fn destroy(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
    }
}
