//! The timeline as an SVG picture, for reports and slides: every job (up to
//! [`MAX_SVG_ROWS`]), the whole time range, on an absolute axis, drawn from
//! the same geometry as the canvas ([`Geometry::cells`]), so the picture shows
//! exactly the cells the canvas paints at that width. Colours are given (the
//! app reads them from its CSS, so the picture matches the page).

use std::fmt::Write;

use tapis_profile::JobState;

use super::axis::{context, ticks, AxisMode};
use super::describe::range_summary;
use super::geometry::{bounds, extent, Geometry, Layout, AXIS_HEIGHT, ROW_HEIGHT};
use super::rows::TimelineRow;
use super::viewport::Viewport;
use crate::model::words::{self, format_duration, thousands};

/// Jobs drawn at most: a picture of more is too tall to read (the CSV and the
/// trace have them all).
pub const MAX_SVG_ROWS: usize = 1_000;
/// Width of the picture, in pixels.
pub const SVG_WIDTH: f64 = 1_200.0;
/// Estimated width of one character of a 12 px name (no text measuring here).
const NAME_CHAR_PX: f64 = 6.6;
const LEGEND_ROW: f64 = 20.0;

/// The colours to draw with: CSS colour values.
#[derive(Debug, Clone, PartialEq)]
pub struct SvgPalette {
    pub fg: String,
    pub muted: String,
    pub bg: String,
    pub panel: String,
    pub border: String,
    /// Each state's colour; states not listed get `unknown`.
    pub states: Vec<(JobState, String)>,
    pub unknown: String,
}

impl SvgPalette {
    fn state(&self, state: &JobState) -> &str {
        self.states
            .iter()
            .find(|(s, _)| s == state)
            .map_or(&self.unknown, |(_, c)| c)
    }
}

/// The picture of `rows` (in their order), [`SVG_WIDTH`] wide.
pub fn timeline_svg(rows: &[TimelineRow], palette: &SvgPalette) -> String {
    let shown = &rows[..rows.len().min(MAX_SVG_ROWS)];
    let mode = AxisMode::Absolute;
    let base = Layout::new(SVG_WIDTH, shown.len());
    let rows_height = shown.len().max(1) as f64 * ROW_HEIGHT;
    let layout = Layout {
        height: AXIS_HEIGHT + rows_height + 4.0,
        ..base
    };
    let b = bounds(shown.len(), extent(shown, mode), &layout);
    let g = Geometry {
        rows: shown,
        layout,
        view: Viewport::fit(&b),
        mode,
    };
    let states = states_present(shown);
    let any_open = shown
        .iter()
        .any(|r| !r.stale.is_stale() && r.spans().iter().any(|s| s.open));
    let any_coarse = shown.iter().any(TimelineRow::coarse);
    let any_stale = shown.iter().any(|r| r.stale.is_stale());
    let legend_items =
        states.len() + usize::from(any_open) + usize::from(any_coarse) + usize::from(any_stale);
    let legend_top = layout.height + 12.0;
    let per_line = 6;
    let legend_lines = legend_items.div_ceil(per_line).max(1);
    let note_top = legend_top + legend_lines as f64 * LEGEND_ROW + 4.0;
    let height = note_top + 16.0;
    let (w, p) = (SVG_WIDTH, palette);

    let mut out = String::new();
    // What it holds, exactly: all of the rows, or the first MAX_SVG_ROWS of them.
    let which = if shown.len() < rows.len() {
        format!(
            "the first {} of {} jobs",
            thousands(shown.len()),
            thousands(rows.len())
        )
    } else {
        words::all(rows.len(), "job")
    };
    let title = format!(
        "Tapis job timeline: {which}, {}",
        range_summary(g.view.time, mode)
    );
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{height}" viewBox="0 0 {w} {height}" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif" role="img" aria-label="{t}"><title>{t}</title>"#,
        t = escape(&title)
    );
    let _ = write!(
        out,
        r#"<defs><pattern id="open" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="3" height="6" fill="rgba(255,255,255,0.55)"/></pattern><pattern id="stale" width="5" height="5" patternUnits="userSpaceOnUse"><path d="M0 0L5 5M5 0L0 5" stroke="{}" stroke-opacity="0.6" stroke-width="1"/></pattern></defs>"#,
        p.fg
    );
    let _ = write!(
        out,
        r#"<rect width="{w}" height="{height}" fill="{}"/>"#,
        p.bg
    );

    // Stripes, grid, names.
    let tick_list = ticks(g.view.time, layout.plot_width(), mode);
    for i in (1..shown.len()).step_by(2) {
        let _ = write!(
            out,
            r#"<rect x="0" y="{}" width="{w}" height="{ROW_HEIGHT}" fill="{}"/>"#,
            num(g.row_top(i)),
            p.panel
        );
    }
    for tick in &tick_list {
        let x = num(g.x_of(tick.t).round() + 0.5);
        let _ = write!(
            out,
            r#"<line x1="{x}" y1="{}" x2="{x}" y2="{}" stroke="{}" stroke-width="1"/>"#,
            num(layout.rows_top()),
            num(layout.height),
            p.border
        );
    }
    let room = ((layout.gutter - 12.0) / NAME_CHAR_PX).floor().max(3.0) as usize;
    for (i, row) in shown.iter().enumerate() {
        let _ = write!(
            out,
            r#"<text x="6" y="{}" font-size="12" fill="{}" dominant-baseline="middle"><title>{}</title>{}</text>"#,
            num(g.row_top(i) + ROW_HEIGHT / 2.0),
            p.fg,
            escape(&row.label),
            escape(&cut_middle(&row.label, room))
        );
    }

    // Bars: the canvas' cells.
    for (i, row) in shown.iter().enumerate() {
        let (y0, y1) = g.bar(i);
        let cells = g.cells(i);
        for cell in &cells {
            let span = &row.spans()[cell.span];
            let stale = row.stale.is_stale();
            let what = if stale && span.open {
                "stale, not measured past its last event".to_string()
            } else if span.open {
                format!("{} so far", format_duration(span.seconds()))
            } else {
                format_duration(span.seconds())
            };
            // A coarse phase (job object only) is pale and outlined, as on the canvas.
            let (name, pale) = match span.phase {
                Some(phase) => (phase.label(), r#" fill-opacity="0.45" stroke-width="1""#),
                None => (span.state.name(), ""),
            };
            let colour = p.state(&span.state);
            let stroke = if span.phase.is_some() {
                format!(r#" stroke="{colour}""#)
            } else {
                String::new()
            };
            let _ = write!(
                out,
                r#"<rect class="cell" data-state="{s}" x="{}" y="{}" width="{}" height="{}" fill="{colour}"{pale}{stroke}><title>{}: {s}, {what}</title></rect>"#,
                num(cell.x),
                num(y0),
                num(cell.width),
                num(y1 - y0),
                escape(&row.label),
                s = escape(name),
            );
            let pattern = match (stale, span.open) {
                (true, _) => Some("stale"),
                (false, true) => Some("open"),
                (false, false) => None,
            };
            if let Some(pattern) = pattern {
                let _ = write!(
                    out,
                    r#"<rect x="{}" y="{}" width="{}" height="{}" fill="url(#{pattern})"/>"#,
                    num(cell.x),
                    num(y0),
                    num(cell.width),
                    num(y1 - y0)
                );
            }
        }
        for pair in cells.windows(2) {
            if pair[0].width >= 4.0 && pair[1].width >= 4.0 {
                let _ = write!(
                    out,
                    r#"<rect x="{}" y="{}" width="1" height="{}" fill="{}"/>"#,
                    num(pair[1].x),
                    num(y0),
                    num(y1 - y0),
                    p.bg
                );
            }
        }
    }

    // Axis: a background, the base line, tick marks and labels, what the labels leave unsaid.
    let axis = layout.rows_top() - 0.5;
    let _ = write!(
        out,
        r#"<rect width="{w}" height="{}" fill="{}"/><line x1="{}" y1="{axis}" x2="{w}" y2="{axis}" stroke="{}"/>"#,
        num(layout.rows_top()),
        p.bg,
        num(layout.plot_left()),
        p.muted
    );
    for tick in &tick_list {
        let x = g.x_of(tick.t);
        let _ = write!(
            out,
            r#"<line x1="{x}" y1="{}" x2="{x}" y2="{axis}" stroke="{}"/><text x="{x}" y="{}" font-size="11" fill="{}" text-anchor="middle">{}</text>"#,
            num(axis - 5.0),
            p.muted,
            num(axis - 9.0),
            p.fg,
            escape(&tick.label),
            x = num(x.round() + 0.5),
        );
    }
    let _ = write!(
        out,
        r#"<text x="6" y="{}" font-size="11" fill="{}">{}</text>"#,
        num(axis - 9.0),
        p.muted,
        escape(&context(g.view.time, mode))
    );

    // Legend: the states present, and the hatching.
    let item_width = (w - 12.0) / per_line as f64;
    // (label, colour, overlay pattern, pale)
    let mut items: Vec<(String, String, &str, bool)> = states
        .iter()
        .map(|s| (s.name().to_string(), p.state(s).to_string(), "", false))
        .collect();
    let running = p.state(&JobState::Running).to_string();
    if any_open {
        items.push((
            "hatched: still in this state".into(),
            running.clone(),
            "open",
            false,
        ));
    }
    if any_coarse {
        items.push(("pale: from a job object".into(), running.clone(), "", true));
    }
    if any_stale {
        items.push(("cross-hatched: stale".into(), running, "stale", false));
    }
    for (k, (label, colour, pattern, pale)) in items.iter().enumerate() {
        let x = 6.0 + (k % per_line) as f64 * item_width;
        let y = legend_top + (k / per_line) as f64 * LEGEND_ROW;
        let opacity = if *pale { r#" fill-opacity="0.45""# } else { "" };
        let _ = write!(
            out,
            r#"<rect x="{}" y="{}" width="12" height="12" rx="2" fill="{colour}"{opacity}/>"#,
            num(x),
            num(y)
        );
        if !pattern.is_empty() {
            let _ = write!(
                out,
                r#"<rect x="{}" y="{}" width="12" height="12" fill="url(#{pattern})"/>"#,
                num(x),
                num(y)
            );
        }
        let _ = write!(
            out,
            r#"<text x="{}" y="{}" font-size="12" fill="{}">{}</text>"#,
            num(x + 17.0),
            num(y + 10.5),
            p.fg,
            escape(label)
        );
    }
    let note = if rows.len() > shown.len() {
        format!(
            "The first {} of {} jobs. Times in UTC. Made with Tapis Job Profiler.",
            thousands(shown.len()),
            thousands(rows.len())
        )
    } else {
        "Times in UTC. Made with Tapis Job Profiler.".to_string()
    };
    let _ = write!(
        out,
        r#"<text x="6" y="{}" font-size="11" fill="{}">{}</text></svg>"#,
        num(note_top + 10.0),
        p.muted,
        escape(&note)
    );
    out.push('\n');
    out
}

/// States any row visits, in lifecycle order (a coarse phase is no visit).
fn states_present(rows: &[TimelineRow]) -> Vec<JobState> {
    let mut states: Vec<JobState> = Vec::new();
    for span in rows
        .iter()
        .flat_map(|r| r.spans())
        .filter(|s| s.phase.is_none())
    {
        if !states.contains(&span.state) {
            states.push(span.state.clone());
        }
    }
    JobState::sort_in_lifecycle_order(&mut states);
    states
}

/// Two decimals at most: small files, and sub-pixel precision is invisible.
fn num(v: f64) -> String {
    let text = format!("{v:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Text safe in XML content and attributes.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters are not allowed in XML 1.0.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// `text` cut to `room` characters by keeping both ends (`swe…gm7`), as the
/// canvas does: names in a sweep often differ only at the end.
fn cut_middle(text: &str, room: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= room {
        return text.to_string();
    }
    let keep = room.saturating_sub(1);
    let head = keep * 2 / 5;
    let tail = keep - head;
    let mut out: String = chars[..head].iter().collect();
    out.push('…');
    out.extend(&chars[chars.len() - tail..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::model::testing::{synthetic_rows, Rng, LIFECYCLE};

    fn palette() -> SvgPalette {
        SvgPalette {
            fg: "#111".into(),
            muted: "#555".into(),
            bg: "#fff".into(),
            panel: "#eee".into(),
            border: "#ccc".into(),
            states: LIFECYCLE
                .iter()
                .enumerate()
                .map(|(i, s)| (s.clone(), format!("#00000{i}")))
                .collect(),
            unknown: "#999".into(),
        }
    }

    #[test]
    fn one_rect_per_canvas_cell_in_its_states_colour() {
        let rows = synthetic_rows(&mut Rng::new(4), 40);
        let svg = timeline_svg(&rows, &palette());
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(svg.trim_end().ends_with("</svg>"));
        // The same geometry as the picture's: the cells of each row.
        let layout = Layout {
            height: AXIS_HEIGHT + 40.0 * ROW_HEIGHT + 4.0,
            ..Layout::new(SVG_WIDTH, 40)
        };
        let b = bounds(40, extent(&rows, AxisMode::Absolute), &layout);
        let g = Geometry {
            rows: &rows,
            layout,
            view: Viewport::fit(&b),
            mode: AxisMode::Absolute,
        };
        let cells: usize = (0..rows.len()).map(|i| g.cells(i).len()).sum();
        assert_eq!(svg.matches(r#"<rect class="cell""#).count(), cells);
        for (i, (state, colour)) in palette().states.iter().enumerate() {
            let painted = svg
                .matches(&format!(r#"data-state="{}""#, state.name()))
                .count();
            let expected: usize = (0..rows.len())
                .flat_map(|r| g.cells(r).into_iter().map(move |c| (r, c)))
                .filter(|(r, c)| rows[*r].spans()[c.span].state == *state)
                .count();
            assert_eq!(painted, expected, "{state}");
            if expected > 0 {
                assert!(svg.contains(&format!(r##"fill="{colour}""##)), "{i}");
            }
        }
        assert_eq!(svg.matches("<text x=\"6\" y=").count() - 2, rows.len());
    }

    #[test]
    fn names_are_escaped_and_cut_in_the_middle() {
        let mut rows = synthetic_rows(&mut Rng::new(1), 2);
        rows[0].label = "a<b & \"c\" 'd'\u{1}".into();
        rows[1].label = "sweep-000000000000000000000000000000000000000000041-gm7".into();
        let svg = timeline_svg(&rows, &palette());
        assert!(
            svg.contains("a&lt;b &amp; &quot;c&quot; &apos;d&apos; "),
            "{svg}"
        );
        assert!(!svg.contains("a<b"));
        assert!(svg.contains("…"), "a long name is cut");
        assert!(svg.contains("41-gm7</text>"), "its end is kept");
        assert_eq!(cut_middle("short", 10), "short");
        assert_eq!(cut_middle("abcdefghij", 6).chars().count(), 6);
    }

    #[test]
    fn many_jobs_are_capped_and_say_so() {
        let rows = synthetic_rows(&mut Rng::new(2), MAX_SVG_ROWS + 5);
        let svg = timeline_svg(&rows, &palette());
        assert!(svg.contains(&format!(
            "The first {} of {} jobs",
            thousands(MAX_SVG_ROWS),
            thousands(MAX_SVG_ROWS + 5)
        )));
        // Its title says what it holds: the first thousand, not all of them.
        assert!(svg.contains(&format!(
            "<title>Tapis job timeline: the first {} of {} jobs,",
            thousands(MAX_SVG_ROWS),
            thousands(MAX_SVG_ROWS + 5)
        )));
        let all = timeline_svg(&rows[..12], &palette());
        assert!(all.contains("<title>Tapis job timeline: all 12 jobs,"));
        let one = timeline_svg(&rows[..1], &palette());
        assert!(one.contains("<title>Tapis job timeline: the one job,"));
        let empty = timeline_svg(&[], &palette());
        assert!(empty.contains("all 0 jobs") && empty.trim_end().ends_with("</svg>"));
    }
}
