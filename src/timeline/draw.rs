//! Paints one frame of the timeline on a 2D canvas, exactly as the model's
//! geometry says: the same cells the hit-test searches.
//!
//! Colours come from the page's CSS custom properties at draw time (`--st-*`
//! for states, `--fg`, `--muted`, … for the rest), so the palette and dark mode
//! stay in `www/style.css`. The canvas is sized in device pixels for a sharp
//! picture on high-density screens, and drawn in CSS pixels.

use tapis_profile::JobState;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CanvasRenderingContext2d, CssStyleDeclaration, HtmlCanvasElement};

use super::model::axis::{context, ticks};
use super::model::geometry::ROW_HEIGHT;
use super::model::{Cell, Geometry, TimelineState, TipSource};
use crate::model::colours::state_property;

/// Colours read from CSS for one frame.
pub(super) struct Palette {
    style: CssStyleDeclaration,
    pub(super) fg: String,
    pub(super) muted: String,
    pub(super) border: String,
    pub(super) panel: String,
    pub(super) bg: String,
    pub(super) accent: String,
    pub(super) font: String,
    states: Vec<(JobState, String)>,
}

impl Palette {
    pub(super) fn read(canvas: &HtmlCanvasElement) -> Result<Self, JsValue> {
        let style = gloo::utils::window()
            .get_computed_style(canvas)?
            .ok_or_else(|| JsValue::from_str("no computed style"))?;
        let var = |name: &str| {
            style
                .get_property_value(name)
                .map(|v| v.trim().to_string())
                .unwrap_or_default()
        };
        Ok(Palette {
            fg: var("--fg"),
            muted: var("--muted"),
            border: var("--border"),
            panel: var("--panel"),
            bg: var("--bg"),
            accent: var("--accent"),
            font: var("font-family"),
            states: Vec::new(),
            style,
        })
    }

    /// A state's colour, `--st-NAME` (`--st-UNKNOWN` for names Tapis does not define).
    pub(super) fn state(&mut self, state: &JobState) -> &str {
        let at = match self.states.iter().position(|(s, _)| s == state) {
            Some(at) => at,
            None => {
                let colour = self
                    .style
                    .get_property_value(&state_property(state))
                    .map(|v| v.trim().to_string())
                    .unwrap_or_default();
                self.states.push((state.clone(), colour));
                self.states.len() - 1
            }
        };
        &self.states[at].1
    }
}

/// Paints `state` on `canvas`, resizing its backing store to the layout.
pub fn paint(
    canvas: &HtmlCanvasElement,
    state: &TimelineState,
    selected: Option<usize>,
) -> Result<(), JsValue> {
    let layout = state.layout;
    let ctx = begin_frame(canvas, layout.width, layout.height)?;
    if layout.plot_width() <= 0.0 {
        return Ok(());
    }
    let mut palette = Palette::read(canvas)?;
    let g = state.geometry();
    let tick_list = ticks(g.view.time, layout.plot_width(), g.mode);

    // Rows: stripes, selection, names, grid, bars, focus. Clipped below the axis.
    ctx.save();
    ctx.begin_path();
    ctx.rect(
        0.0,
        layout.rows_top(),
        layout.width,
        layout.rows_height() + 4.0,
    );
    ctx.clip();
    for i in g.visible_rows() {
        let top = g.row_top(i);
        if i % 2 == 1 {
            ctx.set_fill_style_str(&palette.panel);
            ctx.fill_rect(0.0, top, layout.width, ROW_HEIGHT);
        }
        if Some(i) == selected {
            ctx.set_global_alpha(0.18);
            ctx.set_fill_style_str(&palette.accent);
            ctx.fill_rect(0.0, top, layout.width, ROW_HEIGHT);
            ctx.set_global_alpha(1.0);
        }
    }
    ctx.set_stroke_style_str(&palette.border);
    ctx.set_line_width(1.0);
    ctx.begin_path();
    for tick in &tick_list {
        let x = g.x_of(tick.t).round() + 0.5;
        ctx.move_to(x, layout.rows_top());
        ctx.line_to(x, layout.height);
    }
    ctx.stroke();
    draw_names(&ctx, &g, &palette, selected)?;
    draw_bars(&ctx, &g, &mut palette)?;
    draw_focus(&ctx, state, &g, &palette);
    ctx.restore();
    draw_scrollbar(&ctx, &g, &palette);

    draw_axis(&ctx, &g, &palette, &tick_list)?;
    Ok(())
}

/// Job names in the gutter, cut with an ellipsis to fit.
fn draw_names(
    ctx: &CanvasRenderingContext2d,
    g: &Geometry,
    palette: &Palette,
    selected: Option<usize>,
) -> Result<(), JsValue> {
    let room = g.layout.gutter - 12.0;
    for i in g.visible_rows() {
        let weight = if Some(i) == selected { "600 " } else { "" };
        ctx.set_font(&format!("{weight}12px {}", palette.font));
        ctx.set_fill_style_str(&palette.fg);
        ctx.set_text_baseline("middle");
        ctx.set_text_align("left");
        let label = fit_text(ctx, &g.rows[i].label, room, Cut::Middle)?;
        ctx.fill_text(&label, 6.0, g.row_top(i) + ROW_HEIGHT / 2.0)?;
    }
    Ok(())
}

/// Where to cut a text that does not fit.
#[derive(Clone, Copy)]
pub(super) enum Cut {
    /// Keep the start: for prose.
    End,
    /// Keep both ends: job names in a sweep often differ only at the end
    /// (`sweep-00041-gm7`), so `swe…gm7` tells rows apart where `sweep-0…` does not.
    Middle,
}

/// `text`, shortened with "…" until it is at most `room` pixels wide.
pub(super) fn fit_text(
    ctx: &CanvasRenderingContext2d,
    text: &str,
    room: f64,
    cut: Cut,
) -> Result<String, JsValue> {
    if ctx.measure_text(text)?.width() <= room {
        return Ok(text.to_string());
    }
    let chars: Vec<char> = text.chars().collect();
    let shorten = |keep: usize| -> String {
        let head = match cut {
            Cut::End => keep,
            Cut::Middle => keep * 2 / 5,
        };
        let tail = keep - head;
        let mut out: String = chars[..head].iter().collect();
        out.push('…');
        out.extend(&chars[chars.len() - tail..]);
        out
    };
    // The most characters that fit, by bisection: measureText is the cost here.
    let (mut lo, mut hi) = (0, chars.len() - 1);
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if ctx.measure_text(&shorten(mid))?.width() <= room {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    Ok(shorten(lo))
}

fn draw_bars(
    ctx: &CanvasRenderingContext2d,
    g: &Geometry,
    palette: &mut Palette,
) -> Result<(), JsValue> {
    let layout = g.layout;
    ctx.save();
    ctx.begin_path();
    ctx.rect(
        layout.plot_left(),
        layout.rows_top(),
        layout.plot_width() + 2.0,
        layout.rows_height() + 4.0,
    );
    ctx.clip();
    for i in g.visible_rows() {
        let (y0, y1) = g.bar(i);
        let spans = g.rows[i].spans();
        let cells = g.cells(i);
        let stale = g.rows[i].stale.is_stale();
        for cell in &cells {
            let span = &spans[cell.span];
            let colour = palette.state(&span.state).to_string();
            ctx.set_fill_style_str(&colour);
            if span.phase.is_some() {
                // A coarse phase (job object only): pale, outlined in its colour.
                ctx.set_global_alpha(0.45);
                ctx.fill_rect(cell.x, y0, cell.width, y1 - y0);
                ctx.set_global_alpha(1.0);
                ctx.set_stroke_style_str(&colour);
                ctx.set_line_width(1.0);
                ctx.stroke_rect(
                    cell.x + 0.5,
                    y0 + 0.5,
                    (cell.width - 1.0).max(0.0),
                    y1 - y0 - 1.0,
                );
            } else {
                ctx.fill_rect(cell.x, y0, cell.width, y1 - y0);
            }
            if stale {
                stripes(ctx, cell, (y0, y1), Some(&palette.fg))?;
            } else if span.open {
                stripes(ctx, cell, (y0, y1), None)?;
            }
        }
        // A hairline between neighbours, so two visits to one state read as two.
        ctx.set_fill_style_str(&palette.bg);
        for pair in cells.windows(2) {
            if pair[1].width >= 4.0 && pair[0].width >= 4.0 {
                ctx.fill_rect(pair[1].x, y0, 1.0, y1 - y0);
            }
        }
    }
    ctx.restore();
    Ok(())
}

/// Stripes over a cell: light diagonals over a visit still in progress (as `.segment.open`
/// in CSS), crossed dark lines over a stale job (its bar stops at its last event).
fn stripes(
    ctx: &CanvasRenderingContext2d,
    cell: &Cell,
    (y0, y1): (f64, f64),
    stale: Option<&str>,
) -> Result<(), JsValue> {
    ctx.save();
    ctx.begin_path();
    ctx.rect(cell.x, y0, cell.width, y1 - y0);
    ctx.clip();
    let (ink, width, step) = match stale {
        Some(ink) => {
            ctx.set_global_alpha(0.6);
            (ink, 1.0, 5.0)
        }
        None => ("rgba(255, 255, 255, 0.55)", 2.5, 6.0),
    };
    ctx.set_stroke_style_str(ink);
    ctx.set_line_width(width);
    ctx.begin_path();
    let height = y1 - y0;
    let mut x = cell.x - height;
    while x < cell.x + cell.width + height {
        ctx.move_to(x, y1);
        ctx.line_to(x + height, y0);
        if stale.is_some() {
            ctx.move_to(x, y0);
            ctx.line_to(x + height, y1);
        }
        x += step;
    }
    ctx.stroke();
    ctx.restore();
    Ok(())
}

/// The keyboard focus (when the canvas has it) and the hovered visit.
fn draw_focus(ctx: &CanvasRenderingContext2d, state: &TimelineState, g: &Geometry, p: &Palette) {
    if let Some(tip) = state
        .tip_target()
        .filter(|_| state.tip == TipSource::Pointer)
    {
        if let Some(cell) = tip.hit.span.and_then(|s| g.cell_of(tip.hit.row, s)) {
            let (y0, y1) = g.bar(tip.hit.row);
            ctx.set_stroke_style_str(&p.fg);
            ctx.set_line_width(1.5);
            ctx.stroke_rect(cell.x - 0.75, y0 - 0.75, cell.width + 1.5, y1 - y0 + 1.5);
        }
    }
    let Some(focus) = state.focus.filter(|_| state.has_focus) else {
        return;
    };
    let top = g.row_top(focus.row);
    ctx.set_stroke_style_str(&p.accent);
    ctx.set_line_width(2.0);
    ctx.stroke_rect(1.0, top + 1.0, g.layout.width - 2.0, ROW_HEIGHT - 2.0);
    if let Some(cell) = focus.span.and_then(|s| g.cell_of(focus.row, s)) {
        let (y0, y1) = g.bar(focus.row);
        ctx.set_line_width(3.0);
        ctx.stroke_rect(cell.x - 1.5, y0 - 1.5, cell.width + 3.0, y1 - y0 + 3.0);
    }
}

/// Where the visible rows sit among all of them (drag it to scroll).
fn draw_scrollbar(ctx: &CanvasRenderingContext2d, g: &Geometry, p: &Palette) {
    let Some(bar) = g.scrollbar() else {
        return;
    };
    let layout = g.layout;
    ctx.set_fill_style_str(&p.panel);
    ctx.fill_rect(bar.x, layout.rows_top(), bar.width, layout.rows_height());
    ctx.set_fill_style_str(&p.muted);
    ctx.fill_rect(bar.x, bar.top, bar.width, bar.height);
}

fn draw_axis(
    ctx: &CanvasRenderingContext2d,
    g: &Geometry,
    p: &Palette,
    tick_list: &[super::model::Tick],
) -> Result<(), JsValue> {
    let layout = g.layout;
    ctx.set_fill_style_str(&p.bg);
    ctx.fill_rect(0.0, 0.0, layout.width, layout.rows_top());
    let note = context(g.view.time, g.mode);
    time_axis(
        ctx,
        p,
        layout,
        layout.rows_top() - 0.5,
        tick_list,
        &|t| g.x_of(t),
        &note,
    )
}

/// A canvas sized to `width` × `height` CSS pixels in device pixels (sharp on
/// high-density screens), cleared, with its context drawing in CSS pixels.
pub(super) fn begin_frame(
    canvas: &HtmlCanvasElement,
    width: f64,
    height: f64,
) -> Result<CanvasRenderingContext2d, JsValue> {
    let dpr = gloo::utils::window().device_pixel_ratio().max(1.0);
    let (w, h) = ((width * dpr).round() as u32, (height * dpr).round() as u32);
    if canvas.width() != w || canvas.height() != h {
        canvas.set_width(w);
        canvas.set_height(h);
    }
    let ctx: CanvasRenderingContext2d = canvas
        .get_context("2d")?
        .ok_or_else(|| JsValue::from_str("no 2d context"))?
        .dyn_into()?;
    ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0)?;
    ctx.clear_rect(0.0, 0.0, width, height);
    Ok(ctx)
}

/// A time axis along `base` (the timeline's and the load chart's alike): a line
/// across the plot, a tick and a label for each of `tick_list`, kept on the
/// canvas, and `note` (the date or year the labels leave out) in the gutter.
pub(super) fn time_axis(
    ctx: &CanvasRenderingContext2d,
    p: &Palette,
    layout: super::model::Layout,
    base: f64,
    tick_list: &[super::model::Tick],
    x_of: &dyn Fn(f64) -> f64,
    note: &str,
) -> Result<(), JsValue> {
    ctx.set_stroke_style_str(&p.muted);
    ctx.set_line_width(1.0);
    ctx.begin_path();
    ctx.move_to(layout.plot_left(), base);
    ctx.line_to(layout.width, base);
    for tick in tick_list {
        let x = x_of(tick.t).round() + 0.5;
        ctx.move_to(x, base - 5.0);
        ctx.line_to(x, base);
    }
    ctx.stroke();

    ctx.set_font(&format!("11px {}", p.font));
    ctx.set_fill_style_str(&p.fg);
    ctx.set_text_baseline("alphabetic");
    ctx.set_text_align("center");
    for tick in tick_list {
        // Keep the label on the canvas, even for a tick at the very edge.
        let half = ctx.measure_text(&tick.label)?.width() / 2.0;
        let x = x_of(tick.t).clamp(layout.plot_left() + half, layout.width - half - 1.0);
        ctx.fill_text(&tick.label, x, base - 9.0)?;
    }
    ctx.set_text_align("left");
    ctx.set_fill_style_str(&p.muted);
    let note = fit_text(ctx, note, layout.gutter - 10.0, Cut::End)?;
    ctx.fill_text(&note, 6.0, base - 9.0)?;
    Ok(())
}
