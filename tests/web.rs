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
    let document = gloo::utils::document();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let mut handle =
        tapis_job_profiler::embed::mount(root.clone(), r#"{"embed": true, "sample": true}"#)
            .unwrap();
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
