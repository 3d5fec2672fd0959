//! How the app starts: on its own page, or mounted by a host through `www/embed.js`.
//!
//! Nothing starts by itself. The wasm's `main` does nothing, so a page that loads the wasm
//! (a documentation page through `embed.js`, the parse worker) gets no app it did not ask
//! for, whatever ids its headings have. The page's loader (`www/start.js`, and the single
//! file's inline copy of it) calls [`start_page`] with its root element; a host calls
//! [`mount`] (through `embed.js`) per component. Both return a [`MountHandle`].

use wasm_bindgen::prelude::*;
use web_sys::Element;
use yew::AppHandle;

use crate::model::theme::{Scheme, Theme};
use crate::{App, AppProps};

/// Mounts the app into `root`, the page's own element, with options from the page's
/// query string (`?embed=1&sample=1&theme=dark&…`, see `AppProps::from_query`).
#[wasm_bindgen(js_name = startPage)]
pub fn start_page(root: Element, query: &str) -> MountHandle {
    MountHandle::render(root, AppProps::from_query(query))
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
    Ok(MountHandle::render(root, props))
}

/// One mounted app. Its host can change its theme without restarting it (the user's data
/// stays), tell it the colour behind it, and destroy it.
#[wasm_bindgen]
pub struct MountHandle {
    app: Option<AppHandle<App>>,
    props: AppProps,
}

impl MountHandle {
    fn render(root: Element, props: AppProps) -> MountHandle {
        let app = yew::Renderer::<App>::with_root_and_props(root, props.clone()).render();
        MountHandle {
            app: Some(app),
            props,
        }
    }

    fn update(&mut self, props: AppProps) {
        if props == self.props {
            return;
        }
        self.props = props.clone();
        if let Some(app) = self.app.as_mut() {
            app.update(props);
        }
    }
}

#[wasm_bindgen]
impl MountHandle {
    /// Sets the `theme` option (`light`, `dark`, anything else is `auto`).
    #[wasm_bindgen(js_name = setTheme)]
    pub fn set_theme(&mut self, theme: &str) {
        let theme = Theme::parse(theme);
        self.update(AppProps {
            theme,
            ..self.props.clone()
        });
    }

    /// Tells the app the host page's background colour behind it, as `getComputedStyle`
    /// writes it; with `theme: auto` the app turns dark on a dark background. A colour it
    /// cannot read leaves it to the system's preference.
    #[wasm_bindgen(js_name = setHostBackground)]
    pub fn set_host_background(&mut self, colour: &str) {
        let host_scheme = Scheme::of_background(colour);
        self.update(AppProps {
            host_scheme,
            ..self.props.clone()
        });
    }

    /// Unmounts the app. Calling it again does nothing.
    pub fn destroy(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
    }
}
