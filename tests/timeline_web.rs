//! The job timeline mounted in headless Chromium with thousands of synthetic
//! jobs: pointer, wheel and key events go through the DOM as a user's would,
//! and what they reach is checked against the pure model's geometry.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use chrono::{DateTime, Duration, Utc};
use tapis_job_profiler::timeline::model::{Intent, TimelineState};
use tapis_job_profiler::timeline::{JobTimeline, JobTimelineProps, TimelineRows};
use tapis_profile::format::{format_duration, format_share};
use tapis_profile::{JobProfile, JobState, Segment};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{
    CanvasRenderingContext2d, Element, HtmlCanvasElement, KeyboardEvent, KeyboardEventInit,
    PointerEvent, PointerEventInit, WheelEvent, WheelEventInit,
};
use yew::AttrValue;

wasm_bindgen_test_configure!(run_in_browser);

const STATES: &[JobState] = JobState::LIFECYCLE;

/// `n` jobs over about a day, eight states each, lengths varying by job; every
/// seventh still running. Built as the core builds them, without an import.
fn profiles(n: usize) -> Vec<JobProfile> {
    let t0: DateTime<Utc> = "2025-05-07T22:13:08Z".parse().unwrap();
    (0..n)
        .map(|i| {
            let mut t = t0 + Duration::seconds((i as i64 * 7_919) % 86_400);
            let open = i % 7 == 0;
            let segments = STATES
                .iter()
                .enumerate()
                .map(|(k, state)| {
                    let seconds = 1 + ((i * 31 + k * 97) % 600) as i64 * (k as i64 + 1);
                    let start = t;
                    t += Duration::seconds(seconds);
                    Segment {
                        state: state.clone(),
                        start,
                        end: t,
                        open: open && k == STATES.len() - 1,
                    }
                })
                .collect();
            JobProfile {
                uuid: Some(format!("uuid-{i:05}").into()),
                name: Some(format!("sweep-{i:05}").into()),
                segments,
                totals: Vec::new(),
                last_state: None,
            }
        })
        .collect()
}

struct Mounted {
    root: Element,
    rows: TimelineRows,
    selected: Rc<RefCell<Vec<AttrValue>>>,
}

impl Mounted {
    fn canvas(&self) -> HtmlCanvasElement {
        self.root
            .query_selector("canvas.tl-canvas")
            .unwrap()
            .expect("a canvas")
            .dyn_into()
            .unwrap()
    }

    fn text(&self, selector: &str) -> String {
        self.root
            .query_selector(selector)
            .unwrap()
            .map(|e| e.text_content().unwrap_or_default())
            .unwrap_or_default()
    }

    /// What `on_select` reported so far.
    fn selected(&self) -> Vec<String> {
        self.selected
            .borrow()
            .iter()
            .map(|id| id.to_string())
            .collect()
    }

    fn count(&self, selector: &str) -> u32 {
        self.root.query_selector_all(selector).unwrap().length()
    }

    /// The model as the component holds it after its first resize and `intents`.
    fn model(&self, intents: &[Intent]) -> TimelineState {
        let width = self.canvas().get_bounding_client_rect().width();
        intents.iter().cloned().fold(
            TimelineState::new(self.rows.clone()).apply(Intent::Resize { width }),
            TimelineState::apply,
        )
    }

    fn pointer(&self, kind: &str, x: f64, y: f64) {
        let rect = self.canvas().get_bounding_client_rect();
        let init = PointerEventInit::new();
        init.set_bubbles(true);
        init.set_cancelable(true);
        init.set_client_x((rect.left() + x).round() as i32);
        init.set_client_y((rect.top() + y).round() as i32);
        init.set_pointer_id(1);
        init.set_is_primary(true);
        let event = PointerEvent::new_with_event_init_dict(kind, &init).unwrap();
        self.canvas().dispatch_event(&event).unwrap();
    }

    fn key(&self, key: &str) {
        let init = KeyboardEventInit::new();
        init.set_key(key);
        init.set_bubbles(true);
        init.set_cancelable(true);
        let event = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
        self.canvas().dispatch_event(&event).unwrap();
    }
}

/// The page's stylesheet (the palette lives there), added once.
fn install_styles() {
    let document = gloo::utils::document();
    if document.get_element_by_id("tjp-style").is_none() {
        let style = document.create_element("style").unwrap();
        style.set_id("tjp-style");
        style.set_text_content(Some(include_str!("../www/style.css")));
        document.head().unwrap().append_child(&style).unwrap();
    }
}

async fn mount(n: usize) -> Mounted {
    install_styles();
    let document = gloo::utils::document();
    let root = document.create_element("div").unwrap();
    root.set_attribute("style", "width: 1000px").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let rows = TimelineRows::from_profiles(&profiles(n));
    let selected = Rc::new(RefCell::new(Vec::new()));
    let props = JobTimelineProps {
        rows: rows.clone(),
        selected: None,
        on_select: {
            let selected = selected.clone();
            yew::Callback::from(move |id: AttrValue| selected.borrow_mut().push(id))
        },
        time: None,
        on_time: yew::Callback::noop(),
    };
    yew::Renderer::<JobTimeline>::with_root_and_props(root.clone(), props).render();
    // The first render, its effects (the canvas measures itself) and the render they cause.
    settle().await;
    Mounted {
        root,
        rows,
        selected,
    }
}

/// Runs yew's scheduler until every render and effect the last event caused is done.
async fn settle() {
    yew::scheduler::flush().await;
}

/// `#56b4e9` as (r, g, b).
fn hex(colour: &str) -> (u8, u8, u8) {
    let c = colour.trim().trim_start_matches('#');
    let byte = |i: usize| u8::from_str_radix(&c[i..i + 2], 16).unwrap();
    (byte(0), byte(2), byte(4))
}

#[wasm_bindgen_test]
async fn the_canvas_paints_each_visit_where_the_model_puts_it() {
    let m = mount(2_000).await;
    let state = m.model(&[]);
    let g = state.geometry();
    let canvas = m.canvas();
    let ctx: CanvasRenderingContext2d = canvas
        .get_context("2d")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    let dpr = gloo::utils::window().device_pixel_ratio();
    let style = gloo::utils::window()
        .get_computed_style(&canvas)
        .unwrap()
        .unwrap();
    let mut checked = 0;
    for row in g.visible_rows().take(6) {
        let (y0, y1) = g.bar(row);
        for cell in g.cells(row).iter().filter(|c| c.width >= 6.0) {
            let span = &m.rows[row].spans()[cell.span];
            if span.open {
                continue;
            }
            let (x, y) = (cell.center() * dpr, (y0 + y1) / 2.0 * dpr);
            let pixel = ctx.get_image_data(x, y, 1.0, 1.0).unwrap().data();
            let want = hex(&style
                .get_property_value(&format!("--st-{}", span.state.name()))
                .unwrap());
            assert_eq!((pixel[0], pixel[1], pixel[2]), want, "row {row} {cell:?}");
            checked += 1;
        }
    }
    assert!(checked >= 6, "{checked} cells checked");
    assert_eq!(m.count(".tl-table tbody tr"), 25, "one page of the table");
    let label = canvas.get_attribute("aria-label").unwrap();
    assert!(label.contains("2,000 jobs"), "{label}");
    let help = canvas.get_attribute("aria-describedby").unwrap();
    assert!(m
        .root
        .query_selector(&format!("#{help} kbd"))
        .unwrap()
        .is_some());
    m.root.remove();
}

#[wasm_bindgen_test]
async fn hovering_a_visit_shows_its_facts() {
    let m = mount(2_000).await;
    let state = m.model(&[]);
    let g = state.geometry();
    let row = 3;
    let cell = g
        .cells(row)
        .into_iter()
        .max_by(|a, b| a.width.total_cmp(&b.width))
        .unwrap();
    let (x, y) = (cell.center(), g.row_top(row) + 12.0);
    m.pointer("pointermove", x, y);
    settle().await;
    let r = &m.rows[row];
    let span = &r.spans()[cell.span];
    let tip = m.text(".tl-tip");
    assert!(tip.contains(&r.label), "{tip}");
    assert!(tip.contains(span.state.name()), "{tip}");
    assert!(tip.contains(&format_duration(span.seconds())), "{tip}");
    let share = format_share(span.seconds() / r.total_seconds());
    assert!(tip.contains(&share), "{tip}");
    m.pointer("pointerleave", x, y);
    settle().await;
    assert_eq!(m.count(".tl-tip"), 0, "the tooltip goes with the pointer");
    m.root.remove();
}

#[wasm_bindgen_test]
async fn keys_move_the_focus_zoom_and_select() {
    let m = mount(2_000).await;
    m.canvas().focus().unwrap();
    for _ in 0..3 {
        m.key("ArrowDown");
        settle().await;
    }
    let said = m.text("[aria-live]");
    assert!(said.starts_with("sweep-00002: State PENDING"), "{said}");
    m.key("]");
    settle().await;
    assert!(m.text(".tl-tip").contains("PROCESSING_INPUTS"));
    m.key("Enter");
    settle().await;
    assert_eq!(m.selected(), ["uuid-00002"]);

    let before = m.text(".tl-range-text");
    m.key("+");
    m.key("+");
    settle().await;
    let zoomed = m.text(".tl-range-text");
    assert_ne!(before, zoomed);
    let expected = m.model(&[
        Intent::MoveRow(1),
        Intent::MoveRow(1),
        Intent::MoveRow(1),
        Intent::MoveSpan(1),
        Intent::Zoom(1.5),
        Intent::Zoom(1.5),
    ]);
    let summary =
        tapis_job_profiler::timeline::model::range_summary(expected.viewport.time, expected.mode);
    assert_eq!(zoomed, summary, "the component did what the model says");
    m.key("0");
    settle().await;
    assert_eq!(m.text(".tl-range-text"), before);

    m.key("End");
    settle().await;
    assert!(m.text(".tl-pages").contains("Page 80 of 80"));
    let last = m
        .root
        .query_selector(".tl-table tr.focused")
        .unwrap()
        .unwrap();
    assert_eq!(
        last.get_attribute("data-job").as_deref(),
        Some("uuid-01999")
    );
    m.root.remove();
}

#[wasm_bindgen_test]
async fn a_click_selects_and_the_wheel_zooms_at_the_pointer() {
    let m = mount(300).await;
    let state = m.model(&[]);
    let g = state.geometry();
    let cell = g
        .cells(5)
        .into_iter()
        .max_by(|a, b| a.width.total_cmp(&b.width))
        .unwrap();
    let (x, y) = (cell.center().round(), (g.row_top(5) + 12.0).round());
    m.pointer("pointerdown", x, y);
    m.pointer("pointerup", x, y);
    settle().await;
    assert_eq!(m.selected(), ["uuid-00005"]);

    let t = g.t_of(x);
    let init = WheelEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_delta_y(-400.0);
    let rect = m.canvas().get_bounding_client_rect();
    init.set_client_x((rect.left() + x) as i32);
    init.set_client_y((rect.top() + y) as i32);
    let wheel = WheelEvent::new_with_event_init_dict("wheel", &init).unwrap();
    m.canvas().dispatch_event(&wheel).unwrap();
    settle().await;
    assert!(wheel.default_prevented(), "the page does not scroll");
    let zoomed = m.model(&[Intent::ZoomAt { factor: 2.0, x }]);
    assert!((zoomed.geometry().t_of(x) - t).abs() < 1e-3, "anchor kept");
    assert_eq!(
        m.text(".tl-range-text"),
        tapis_job_profiler::timeline::model::range_summary(zoomed.viewport.time, zoomed.mode)
    );
    m.root.remove();
}

/// Milliseconds per zoom/pan/scroll step, key press to painted frame, for `steps` steps.
async fn frame_times(m: &Mounted, steps: usize) -> Vec<f64> {
    let performance = gloo::utils::window().performance().unwrap();
    m.canvas().focus().unwrap();
    // Zoom and pan each way, and walk down the jobs (scrolling once past the
    // first screenful): every step changes the view, at either size.
    let keys = [
        "ArrowDown",
        "+",
        "ArrowRight",
        "ArrowDown",
        "-",
        "ArrowLeft",
    ];
    let mut times = Vec::new();
    for i in 0..steps {
        let t = performance.now();
        m.key(keys[i % keys.len()]);
        settle().await;
        times.push(performance.now() - t);
    }
    times
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

/// Issue 7's P2: zoom/pan frame time at 10,000 jobs over 100, and DOM size at both.
/// The two sizes take turns, so warm-up and machine noise fall on both.
#[wasm_bindgen_test]
async fn ten_thousand_jobs_cost_what_a_hundred_do() {
    let small = mount(100).await;
    let large = mount(10_000).await;
    let (small_nodes, large_nodes) = (small.count("*"), large.count("*"));
    frame_times(&small, 12).await;
    frame_times(&large, 12).await;
    let (mut small_ms, mut large_ms) = (Vec::new(), Vec::new());
    for _ in 0..4 {
        small_ms.extend(frame_times(&small, 30).await);
        large_ms.extend(frame_times(&large, 30).await);
    }
    small.root.remove();
    large.root.remove();
    let (small_ms, large_ms) = (median(small_ms), median(large_ms));
    let ratio = large_ms / small_ms.max(0.01);
    gloo::console::log!(format!(
        "timeline frame (median of 120 steps each): 100 jobs {small_ms:.2} ms, 10,000 jobs \
         {large_ms:.2} ms, ratio {ratio:.2}; DOM elements {small_nodes} vs {large_nodes}"
    ));
    assert_eq!(
        small_nodes, large_nodes,
        "DOM size does not grow with the jobs"
    );
    assert!(ratio <= 2.0, "frame time ratio {ratio:.2}");
}
