//! The app mounted in a real (headless) Chromium by wasm-bindgen-test-runner:
//! clicks and input events go through the DOM exactly as a user's would.
#![cfg(target_arch = "wasm32")]

use gloo::timers::future::TimeoutFuture;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

async fn mount() -> Element {
    let document = gloo::utils::document();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<tapis_job_profiler::App>::with_root(root.clone()).render();
    settle().await;
    root
}

/// A root element on the page with an app `mount()`ed in it, as `www/embed.js` does.
fn mount_with(options: &str) -> (Element, tapis_job_profiler::embed::MountHandle) {
    let document = gloo::utils::document();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let handle = tapis_job_profiler::embed::mount(root.clone(), options).unwrap();
    (root, handle)
}

/// Lets yew's scheduler run the renders queued by the last event.
async fn settle() {
    TimeoutFuture::new(20).await;
}

fn button(root: &Element, text: &str) -> HtmlElement {
    let buttons = root.query_selector_all("button").unwrap();
    (0..buttons.length())
        .filter_map(|i| buttons.item(i))
        .find(|b| b.text_content().as_deref() == Some(text))
        .unwrap_or_else(|| panic!("no button {text:?}"))
        .dyn_into()
        .unwrap()
}

fn text_of(root: &Element, selector: &str) -> String {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("nothing matches {selector}"))
        .text_content()
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn sample_button_shows_the_profile() {
    let root = mount().await;
    button(&root, "Load sample data").click();
    settle().await;
    let archiving = text_of(&root, r#"tr[data-state="ARCHIVING"]"#);
    assert!(archiving.contains("215.1"), "{archiving}");
    assert!(archiving.contains("64.3 %"), "{archiving}");
    assert_eq!(
        root.query_selector_all(".timeline-bar .segment")
            .unwrap()
            .length(),
        8
    );
    root.remove();
}

#[wasm_bindgen_test]
async fn invalid_paste_shows_where_and_keeps_the_profile() {
    let root = mount().await;
    button(&root, "Load sample data").click();
    settle().await;

    let paste: HtmlTextAreaElement = root
        .query_selector("textarea")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    paste.set_value("[\n {\"event\": oops}\n]");
    paste
        .dispatch_event(&web_sys::InputEvent::new("input").unwrap())
        .unwrap();
    settle().await;
    button(&root, "Analyse").click();
    settle().await;

    let alert = text_of(&root, r#"[role="alert"]"#);
    assert!(alert.contains("line 2, column 12"), "{alert}");
    let total = text_of(&root, r#"tr[data-state="TOTAL"]"#);
    assert!(total.contains("334.7"), "profile was lost: {total}");
    root.remove();
}

/// `mount()` is what `www/embed.js` calls: options as JSON, a handle that unmounts.
#[wasm_bindgen_test]
async fn mount_takes_json_options_and_destroy_empties_the_root() {
    let (root, mut handle) = mount_with(r#"{"embed": true, "sample": true}"#);
    settle().await;
    assert!(root.query_selector("h1").unwrap().is_none(), "embedded");
    let total = text_of(&root, r#"tr[data-state="TOTAL"]"#);
    assert!(total.contains("334.7"), "{total}");

    handle.destroy();
    settle().await;
    assert_eq!(root.child_element_count(), 0);
    handle.destroy(); // twice is harmless
    assert!(tapis_job_profiler::embed::mount(root.clone(), "not json").is_err());
    root.remove();
}

/// The theme a host sets, or the colour behind the app, reaches the root's `data-theme`
/// (what `style.css` keys its palettes on) without a restart; an explicit theme wins.
#[wasm_bindgen_test]
async fn the_theme_follows_the_host_unless_the_option_says_otherwise() {
    let (root, mut handle) = mount_with(r#"{"embed": true, "sample": true}"#);
    settle().await;
    let theme = || {
        root.query_selector(".tjp")
            .unwrap()
            .unwrap()
            .get_attribute("data-theme")
            .unwrap()
    };
    let system = match gloo::utils::window()
        .match_media("(prefers-color-scheme: dark)")
        .unwrap()
        .is_some_and(|q| q.matches())
    {
        true => "dark",
        false => "light",
    };
    assert_eq!(theme(), system, "auto, no host: the system");
    handle.set_host_background("rgb(18, 18, 18)");
    settle().await;
    assert_eq!(theme(), "dark", "auto on a dark page");
    handle.set_host_background("rgb(250, 250, 250)");
    settle().await;
    assert_eq!(theme(), "light", "auto on a light page");
    handle.set_theme("dark");
    settle().await;
    assert_eq!(theme(), "dark", "the option wins over the page");
    handle.set_theme("auto");
    handle.set_host_background("rgba(0, 0, 0, 0)");
    settle().await;
    assert_eq!(theme(), system, "a transparent page says nothing");
    // No restart: the sample is still analysed.
    let total = text_of(&root, r#"tr[data-state="TOTAL"]"#);
    assert!(total.contains("334.7"), "{total}");
    handle.destroy();
    root.remove();
}

/// Compact, each part is a section; `open` chooses which start open.
#[wasm_bindgen_test]
async fn the_open_option_chooses_the_open_sections() {
    let names = |root: &Element| {
        let open = root.query_selector_all("details.fold[open]").unwrap();
        (0..open.length())
            .filter_map(|i| open.item(i))
            .filter_map(|n| n.dyn_into::<Element>().ok())
            .filter_map(|e| e.get_attribute("data-section"))
            .collect::<Vec<_>>()
    };
    let (default, mut a) = mount_with(r#"{"embed": true, "sample": true}"#);
    let (chosen, mut b) =
        mount_with(r#"{"embed": true, "sample": true, "open": "recommendations,data"}"#);
    let (empty, mut c) = mount_with(r#"{"embed": true, "open": "none"}"#);
    let (page, mut d) = mount_with(r#"{"sample": true}"#);
    settle().await;
    TimeoutFuture::new(50).await; // the views after the timeline come a task later
    assert_eq!(names(&default), ["overview", "jobs"]);
    assert_eq!(names(&chosen), ["data", "recommendations"]);
    assert_eq!(names(&empty), ["data"], "no job yet: the data section");
    assert_eq!(
        page.query_selector_all("details.fold").unwrap().length(),
        0,
        "the full layout has no sections"
    );
    assert_eq!(
        default.query_selector_all("details.fold").unwrap().length(),
        10,
        "every part a section, the selected job's detail included (one job: nothing to compare, no load)"
    );
    for (root, handle) in [
        (default, &mut a),
        (chosen, &mut b),
        (empty, &mut c),
        (page, &mut d),
    ] {
        handle.destroy();
        root.remove();
    }
}
