//! Where the page looks: bringing what a click changed into view, so a click far from
//! its effect (a recommendation's "Select these jobs", a job opened from a long table)
//! shows it. The only code that scrolls the page.

use gloo::timers::callback::Timeout;
use web_sys::{
    FocusOptions, HtmlElement, ScrollBehavior, ScrollIntoViewOptions, ScrollLogicalPosition,
};

/// The timeline settles its height a render or two after its rows change, and the
/// browser's scroll anchoring then moves the page: look again after this long.
const SETTLE_MS: u32 = 150;

/// Scrolls `el` into view, the least needed (`nearest`) or to the top of the window
/// (`to_top`), and gives it the focus without scrolling again (it needs `tabindex`);
/// once more when the layout around it has settled.
pub fn bring_into_view(el: &HtmlElement, to_top: bool) {
    scroll_to(el, to_top);
    let focus = FocusOptions::new();
    focus.set_prevent_scroll(true);
    let _ = el.focus_with_options(&focus);
    let el = el.clone();
    Timeout::new(SETTLE_MS, move || {
        if el.is_connected() {
            scroll_to(&el, to_top);
        }
    })
    .forget();
}

fn scroll_to(el: &HtmlElement, to_top: bool) {
    let options = ScrollIntoViewOptions::new();
    options.set_behavior(ScrollBehavior::Auto);
    options.set_block(if to_top {
        ScrollLogicalPosition::Start
    } else {
        ScrollLogicalPosition::Nearest
    });
    el.scroll_into_view_with_scroll_into_view_options(&options);
}
