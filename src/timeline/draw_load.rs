//! Paints one frame of the load chart exactly as its model says
//! (`model::load::Chart`): the columns' bands in the states' colours (the
//! timeline's `--st-*`), the grid, the peaks, the brushed window and the axis
//! shared with the timeline. Colours are read from CSS at each paint (`draw.rs`'s palette).

use wasm_bindgen::JsValue;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use super::draw::{begin_frame, fit_text, time_axis, Cut, Palette};
use super::model::axis::{context, ticks, AxisMode};
use super::model::geometry::AXIS_HEIGHT;
use super::model::Chart;

/// What to paint over the areas.
pub struct Overlay {
    /// The brushed window (the filter's, or the drag in progress), in canvas x.
    pub window: Option<(f64, f64)>,
    /// The pointer's x: a line there.
    pub pointer: Option<f64>,
    /// The canvas has the keyboard focus: a ring.
    pub focused: bool,
}

pub fn paint_load(
    canvas: &HtmlCanvasElement,
    chart: &Chart,
    overlay: &Overlay,
) -> Result<(), JsValue> {
    let layout = chart.layout;
    let ctx = begin_frame(canvas, layout.width, layout.height)?;
    if layout.plot_width() <= 0.0 {
        return Ok(());
    }
    let mut p = Palette::read(canvas)?;
    let (left, right, base) = (layout.plot_left(), layout.plot_right(), chart.base());

    // The brushed window under everything, so the areas stay readable through it.
    if let Some((x0, x1)) = overlay.window {
        ctx.set_global_alpha(0.16);
        ctx.set_fill_style_str(&p.accent);
        ctx.fill_rect(x0, AXIS_HEIGHT, x1 - x0, base - AXIS_HEIGHT);
        ctx.set_global_alpha(1.0);
    }

    // Grid lines with their counts in the gutter.
    ctx.set_font(&format!("11px {}", p.font));
    ctx.set_text_baseline("middle");
    ctx.set_text_align("right");
    ctx.set_line_width(1.0);
    for n in chart.y_ticks() {
        let y = chart.y_of(n).round() + 0.5;
        ctx.set_stroke_style_str(&p.border);
        ctx.begin_path();
        ctx.move_to(left, y);
        ctx.line_to(right, y);
        ctx.stroke();
        ctx.set_fill_style_str(&p.muted);
        ctx.fill_text(&n.to_string(), left - 6.0, y)?;
    }
    ctx.set_text_align("left");
    ctx.set_fill_style_str(&p.muted);
    ctx.fill_text("jobs", 6.0, chart.y_of(chart.y_max()))?;

    // The areas: one rectangle per band of each column, a state's colour at a time.
    let columns = chart.columns();
    let bands: Vec<_> = columns.iter().map(|c| (c, chart.bands(c))).collect();
    for (k, state) in chart.series.states.iter().enumerate() {
        let colour = p.state(state).to_string();
        ctx.set_fill_style_str(&colour);
        for (c, column) in &bands {
            for band in column.iter().filter(|b| b.state == k) {
                // At least a pixel wide, so a brief burst still shows.
                ctx.fill_rect(c.x, band.y1, c.width.max(1.0), band.y0 - band.y1);
            }
        }
    }

    // Each system and queue's peak: a bracket under the areas, its count above it.
    ctx.set_stroke_style_str(&p.fg);
    ctx.set_fill_style_str(&p.fg);
    ctx.set_text_align("center");
    ctx.set_text_baseline("alphabetic");
    for peak in chart.peaks() {
        let x0 = chart.x_of(peak.from).clamp(left, right);
        let x1 = chart.x_of(peak.to).clamp(left, right).max(x0 + 2.0);
        let y = base + 6.5;
        ctx.begin_path();
        ctx.move_to(x0, base + 2.0);
        ctx.line_to(x0, y);
        ctx.line_to(x1, y);
        ctx.line_to(x1, base + 2.0);
        ctx.stroke();
        let words = format!("▲ {} active on {}", peak.active, peak.system_queue);
        let words = fit_text(&ctx, &words, 220.0, Cut::End)?;
        let half = ctx.measure_text(&words)?.width() / 2.0;
        let x = ((x0 + x1) / 2.0).clamp(left + half, (right - half).max(left + half));
        ctx.fill_text(&words, x, base + 16.0)?;
    }

    if let Some((x0, x1)) = overlay.window {
        ctx.set_stroke_style_str(&p.accent);
        ctx.set_line_width(2.0);
        ctx.begin_path();
        for x in [x0, x1] {
            ctx.move_to(x, AXIS_HEIGHT);
            ctx.line_to(x, base);
        }
        ctx.stroke();
    }
    if let Some(x) = overlay.pointer.filter(|x| (left..=right).contains(x)) {
        ctx.set_stroke_style_str(&p.fg);
        ctx.set_line_width(1.0);
        ctx.begin_path();
        ctx.move_to(x.round() + 0.5, AXIS_HEIGHT);
        ctx.line_to(x.round() + 0.5, base);
        ctx.stroke();
    }

    draw_axis(&ctx, chart, &p)?;
    if overlay.focused {
        ctx.set_stroke_style_str(&p.accent);
        ctx.set_line_width(2.0);
        ctx.stroke_rect(1.0, 1.0, layout.width - 2.0, layout.height - 2.0);
    }
    Ok(())
}

/// The time axis on top, ticked as the timeline's is (the same window, the same ticks).
fn draw_axis(ctx: &CanvasRenderingContext2d, chart: &Chart, p: &Palette) -> Result<(), JsValue> {
    let tick_list = ticks(chart.time, chart.layout.plot_width(), AxisMode::Absolute);
    let note = context(chart.time, AxisMode::Absolute);
    time_axis(
        ctx,
        p,
        chart.layout,
        AXIS_HEIGHT - 0.5,
        &tick_list,
        &|t| chart.x_of(t),
        &note,
    )
}
