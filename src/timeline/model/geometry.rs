//! Where things are on the canvas: rows to y, time to x, and back.
//!
//! Drawing and hit-testing both go through [`Geometry::cells`], so what the
//! pointer finds is exactly what was painted there. `cells` also culls (rows
//! and visits outside the view cost nothing) and simplifies (visits narrower
//! than a pixel are merged), so the work per frame depends on the canvas size,
//! not on how many jobs are loaded.

use std::ops::Range;

use super::axis::AxisMode;
use super::rows::TimelineRow;
use super::viewport::{Bounds, TimeRange, Viewport};

/// Height of one job's row, in CSS pixels.
pub const ROW_HEIGHT: f64 = 24.0;
/// Height of the axis above the rows.
pub const AXIS_HEIGHT: f64 = 28.0;
/// Rows shown at once before the rest scroll: the canvas never outgrows a screen.
pub const MAX_ROWS_SHOWN: usize = 16;
/// Room left of the bars for the job names, as a share of the width...
const GUTTER_SHARE: f64 = 0.22;
/// ...within these limits.
const GUTTER_MIN: f64 = 72.0;
const GUTTER_MAX: f64 = 220.0;
/// Keeps the last bar's end and the last tick label off the right edge.
const RIGHT_PAD: f64 = 12.0;
const BOTTOM_PAD: f64 = 4.0;
/// Vertical space between a row's edge and its bar.
const BAR_INSET: f64 = 4.0;
/// Visits narrower than this are merged with their neighbours.
pub const MIN_CELL_PX: f64 = 1.0;
/// A visit still in progress is never drawn narrower than this, so its
/// hatching (and the fact that the job is not done) stays visible.
pub const OPEN_MIN_PX: f64 = 6.0;

/// The canvas' regions, in CSS pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Layout {
    pub width: f64,
    pub height: f64,
    /// Width of the job-name column left of the bars.
    pub gutter: f64,
}

impl Layout {
    /// The layout for a canvas `width` pixels wide showing `rows` rows: as tall
    /// as the rows, up to [`MAX_ROWS_SHOWN`].
    pub fn new(width: f64, rows: usize) -> Self {
        let width = if width.is_finite() {
            width.max(0.0)
        } else {
            0.0
        };
        let gutter = (width * GUTTER_SHARE)
            .clamp(GUTTER_MIN, GUTTER_MAX)
            .min(width / 2.0);
        let shown = rows.clamp(1, MAX_ROWS_SHOWN) as f64;
        Layout {
            width,
            height: AXIS_HEIGHT + shown * ROW_HEIGHT + BOTTOM_PAD,
            gutter,
        }
    }

    pub fn plot_left(&self) -> f64 {
        self.gutter
    }

    pub fn plot_right(&self) -> f64 {
        (self.width - RIGHT_PAD).max(self.gutter)
    }

    pub fn plot_width(&self) -> f64 {
        self.plot_right() - self.plot_left()
    }

    /// Where the first row starts, below the axis.
    pub fn rows_top(&self) -> f64 {
        AXIS_HEIGHT
    }

    /// Height available to rows.
    pub fn rows_height(&self) -> f64 {
        (self.height - AXIS_HEIGHT - BOTTOM_PAD).max(0.0)
    }
}

/// Earliest start to latest end over all rows, in axis time.
pub fn extent(rows: &[TimelineRow], mode: AxisMode) -> Option<TimeRange> {
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for row in rows {
        if let Some((start, end)) = row.extent() {
            let origin = origin(row, mode);
            lo = lo.min(start - origin);
            hi = hi.max(end - origin);
        }
    }
    (lo <= hi).then(|| TimeRange::new(lo, hi))
}

/// Axis time zero of a row: the epoch on an absolute axis, its submission on an aligned one.
pub fn origin(row: &TimelineRow, mode: AxisMode) -> f64 {
    match mode {
        AxisMode::Absolute => 0.0,
        AxisMode::Aligned => row.submitted,
    }
}

/// How far the view may go for these rows on this canvas.
pub fn bounds(rows: usize, extent: Option<TimeRange>, layout: &Layout) -> Bounds {
    Bounds {
        time: extent.unwrap_or(TimeRange::new(0.0, 0.0)).padded(),
        content_height: rows as f64 * ROW_HEIGHT,
        view_height: layout.rows_height(),
    }
}

/// What one painted rectangle shows: one visit, or several merged ones.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cell {
    /// Left edge, canvas pixels.
    pub x: f64,
    /// Painted width: at least [`MIN_CELL_PX`] ([`OPEN_MIN_PX`] if open).
    pub width: f64,
    /// The visit whose colour and tooltip the cell shows: the longest it covers.
    pub span: usize,
    /// The visits covered, first and last inclusive.
    pub first: usize,
    pub last: usize,
}

impl Cell {
    pub fn contains(&self, x: f64) -> bool {
        self.x <= x && x <= self.x + self.width
    }

    pub fn center(&self) -> f64 {
        self.x + self.width / 2.0
    }
}

/// The scroll bar in the right margin, when the rows do not all fit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scrollbar {
    /// Left edge and width of the track, canvas pixels.
    pub x: f64,
    pub width: f64,
    /// The thumb's top and height, canvas pixels.
    pub top: f64,
    pub height: f64,
    /// Content pixels scrolled per pixel the thumb moves.
    pub ratio: f64,
}

impl Scrollbar {
    pub fn contains(&self, x: f64) -> bool {
        x >= self.x - 2.0 && x <= self.x + self.width + 2.0
    }
}

/// What is under a point: a row, and the visit painted there if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub row: usize,
    pub span: Option<usize>,
}

/// The canvas for one frame: rows, layout, view and axis mode together.
#[derive(Debug, Clone, Copy)]
pub struct Geometry<'a> {
    pub rows: &'a [TimelineRow],
    pub layout: Layout,
    pub view: Viewport,
    pub mode: AxisMode,
}

impl Geometry<'_> {
    /// Canvas x of axis time `t`.
    pub fn x_of(&self, t: f64) -> f64 {
        let range = self.view.time;
        self.layout.plot_left() + (t - range.start) / range.span() * self.layout.plot_width()
    }

    /// Axis time at canvas x.
    pub fn t_of(&self, x: f64) -> f64 {
        let range = self.view.time;
        range.start + (x - self.layout.plot_left()) / self.layout.plot_width() * range.span()
    }

    /// Seconds per CSS pixel across the plot.
    pub fn seconds_per_px(&self) -> f64 {
        self.view.time.span() / self.layout.plot_width()
    }

    /// Rows at least partly on screen.
    pub fn visible_rows(&self) -> Range<usize> {
        let first = (self.view.scroll / ROW_HEIGHT).floor().max(0.0) as usize;
        let last = ((self.view.scroll + self.layout.rows_height()) / ROW_HEIGHT).ceil() as usize;
        first.min(self.rows.len())..last.min(self.rows.len())
    }

    /// Canvas y of the top of row `i`.
    pub fn row_top(&self, i: usize) -> f64 {
        self.layout.rows_top() + i as f64 * ROW_HEIGHT - self.view.scroll
    }

    /// Top and bottom of row `i`'s bar.
    pub fn bar(&self, i: usize) -> (f64, f64) {
        let top = self.row_top(i);
        (top + BAR_INSET, top + ROW_HEIGHT - BAR_INSET)
    }

    /// The row drawn at canvas y, if any.
    pub fn row_at(&self, y: f64) -> Option<usize> {
        let rows_top = self.layout.rows_top();
        if !(y >= rows_top && y < rows_top + self.layout.rows_height()) {
            return None;
        }
        let i = ((y - rows_top + self.view.scroll) / ROW_HEIGHT).floor() as usize;
        (i < self.rows.len()).then_some(i)
    }

    /// The rectangles that paint row `i`, left to right (later ones on top).
    ///
    /// Visits outside the view are skipped. A visit at least [`MIN_CELL_PX`]
    /// wide gets its own cell; narrower neighbours are gathered into one cell
    /// until it is that wide, coloured by the longest visit in it. A visit
    /// still in progress always gets its own cell.
    pub fn cells(&self, i: usize) -> Vec<Cell> {
        let Some(row) = self.rows.get(i) else {
            return Vec::new();
        };
        if self.layout.plot_width() <= 0.0 {
            return Vec::new();
        }
        let origin = origin(row, self.mode);
        let (left, right) = (self.layout.plot_left(), self.layout.plot_right());
        let mut cells = Vec::new();
        let mut pending: Option<(Cell, f64)> = None; // a cell being gathered, and its longest visit
        for (k, span) in row.spans().iter().enumerate() {
            let (start, end) = (span.start - origin, span.end - origin);
            if !self.view.time.overlaps(start, end) {
                continue;
            }
            let x0 = self.x_of(start).max(left);
            let x1 = self.x_of(end).min(right);
            let width = (x1 - x0).max(0.0);
            if span.open || width >= MIN_CELL_PX {
                cells.extend(pending.take().map(|(c, _)| c));
                let min = if span.open { OPEN_MIN_PX } else { MIN_CELL_PX };
                cells.push(Cell {
                    x: x0,
                    width: width.max(min),
                    span: k,
                    first: k,
                    last: k,
                });
                continue;
            }
            let seconds = span.seconds();
            match &mut pending {
                Some((cell, longest)) if x0 <= cell.x + cell.width + MIN_CELL_PX => {
                    cell.width = cell.width.max(x1 - cell.x);
                    cell.last = k;
                    if seconds > *longest {
                        (cell.span, *longest) = (k, seconds);
                    }
                }
                _ => {
                    cells.extend(pending.take().map(|(c, _)| c));
                    let cell = Cell {
                        x: x0,
                        width,
                        span: k,
                        first: k,
                        last: k,
                    };
                    pending = Some((cell, seconds));
                }
            }
            if let Some((cell, _)) = pending.filter(|(c, _)| c.width >= MIN_CELL_PX) {
                cells.push(cell);
                pending = None;
            }
        }
        cells.extend(pending.map(|(mut c, _)| {
            c.width = c.width.max(MIN_CELL_PX);
            c
        }));
        for c in cells.iter_mut() {
            c.width = c.width.max(MIN_CELL_PX);
        }
        cells
    }

    /// What is painted at canvas (x, y): the row there, and its topmost cell's
    /// visit. Over the job names, the row alone; over the right margin, nothing. The whole row height counts,
    /// not just the bar, so thin bars are easy to point at.
    pub fn hit(&self, x: f64, y: f64) -> Option<Hit> {
        let row = self.row_at(y)?;
        // Past the plot is the scroll bar's margin: nothing to describe there.
        if !(x >= 0.0 && x <= self.layout.plot_right() + 2.0) {
            return None;
        }
        if x < self.layout.plot_left() {
            return Some(Hit { row, span: None });
        }
        let span = self
            .cells(row)
            .iter()
            .rev()
            .find(|c| c.contains(x))
            .map(|c| c.span);
        Some(Hit { row, span })
    }

    /// The scroll bar, when there are more rows than fit.
    pub fn scrollbar(&self) -> Option<Scrollbar> {
        let content = self.rows.len() as f64 * ROW_HEIGHT;
        let track = self.layout.rows_height();
        if content <= track || track <= 0.0 {
            return None;
        }
        let height = (track * track / content).max(16.0).min(track);
        let ratio = (content - track) / (track - height).max(1.0);
        Some(Scrollbar {
            x: self.layout.width - RIGHT_PAD + 4.0,
            width: RIGHT_PAD - 7.0,
            top: self.layout.rows_top() + self.view.scroll / ratio,
            height,
            ratio,
        })
    }

    /// The cell showing visit `span` of row `row`, if it is on screen.
    pub fn cell_of(&self, row: usize, span: usize) -> Option<Cell> {
        self.cells(row)
            .into_iter()
            .find(|c| c.first <= span && span <= c.last)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::model::rows::Span;
    use crate::timeline::model::testing::{synthetic_rows, Rng};
    use tapis_profile::JobState;

    fn geometry<'a>(rows: &'a [TimelineRow], width: f64, view: Viewport) -> Geometry<'a> {
        Geometry {
            rows,
            layout: Layout::new(width, rows.len()),
            view,
            mode: AxisMode::Absolute,
        }
    }

    /// Random rows seen through a random view, in either axis mode.
    fn random_scene(rng: &mut Rng, rows: &[TimelineRow]) -> (Layout, Viewport, AxisMode) {
        let mode = if rng.below(2) == 0 {
            AxisMode::Absolute
        } else {
            AxisMode::Aligned
        };
        let layout = Layout::new(rng.range(200.0, 2_000.0), rows.len());
        let b = bounds(rows.len(), extent(rows, mode), &layout);
        let zoom = 10f64.powf(rng.range(0.0, 5.0));
        let anchor = rng.range(b.time.start, b.time.end);
        let view = Viewport::fit(&b)
            .zoom_at(zoom, anchor, &b)
            .scroll_by(rng.range(0.0, b.content_height), &b);
        (layout, view, mode)
    }

    #[test]
    fn hit_test_finds_the_visit_drawn_there() {
        let mut rng = Rng::new(11);
        let rows = synthetic_rows(&mut rng, 300);
        let mut checked = 0;
        for _ in 0..300 {
            let (layout, view, mode) = random_scene(&mut rng, &rows);
            let g = Geometry {
                rows: &rows,
                layout,
                view,
                mode,
            };
            for i in g.visible_rows() {
                let y = g.row_top(i) + ROW_HEIGHT / 2.0;
                if g.row_at(y) != Some(i) {
                    continue; // half hidden under the axis or below the last row
                }
                let cells = g.cells(i);
                for (n, c) in cells.iter().enumerate() {
                    // The part of the cell no later (topmost) cell paints over.
                    let end = c.x + c.width;
                    let covered_from = cells[n + 1..]
                        .iter()
                        .map(|d| d.x)
                        .filter(|&x| x < end)
                        .fold(end, f64::min);
                    if covered_from - c.x < 1e-6 {
                        continue;
                    }
                    let x = (c.x + covered_from) / 2.0;
                    if x > layout.plot_right() || x < layout.plot_left() {
                        continue;
                    }
                    let hit = g.hit(x, y).expect("a row is there");
                    assert_eq!(hit.row, i);
                    assert_eq!(hit.span, Some(c.span), "cell {c:?} of {cells:?}");
                    checked += 1;
                }
            }
        }
        assert!(checked > 1_000, "{checked}");
    }

    #[test]
    fn culling_never_drops_a_visible_visit() {
        let mut rng = Rng::new(12);
        let rows = synthetic_rows(&mut rng, 200);
        for _ in 0..300 {
            let (layout, view, mode) = random_scene(&mut rng, &rows);
            let g = Geometry {
                rows: &rows,
                layout,
                view,
                mode,
            };
            let visible = g.visible_rows();
            for (i, row) in rows.iter().enumerate() {
                let top = g.row_top(i);
                let on_screen = top + ROW_HEIGHT > layout.rows_top()
                    && top < layout.rows_top() + layout.rows_height();
                assert_eq!(visible.contains(&i), on_screen, "row {i} {visible:?}");
                if !on_screen {
                    continue;
                }
                let cells = g.cells(i);
                let o = origin(row, mode);
                for (k, s) in row.spans().iter().enumerate() {
                    if view.time.overlaps(s.start - o, s.end - o) {
                        assert!(
                            cells.iter().any(|c| c.first <= k && k <= c.last),
                            "visit {k} of row {i} dropped: {cells:?}"
                        );
                    }
                }
                for c in &cells {
                    assert!(c.width >= MIN_CELL_PX && c.first <= c.span && c.span <= c.last);
                }
            }
        }
    }

    #[test]
    fn many_tiny_visits_cost_at_most_a_cell_per_pixel() {
        let spans: Vec<Span> = (0..100_000)
            .map(|k| Span {
                phase: None,
                state: if k % 2 == 0 {
                    JobState::Queued
                } else {
                    JobState::Running
                },
                start: k as f64,
                end: k as f64 + 1.0,
                open: false,
            })
            .collect();
        let rows = vec![TimelineRow::new("a", "a".into(), None, spans)];
        let layout = Layout::new(600.0, 1);
        let b = bounds(1, extent(&rows, AxisMode::Absolute), &layout);
        let g = geometry(&rows, 600.0, Viewport::fit(&b));
        let cells = g.cells(0);
        assert!(
            cells.len() as f64 <= layout.plot_width() + 1.0,
            "{}",
            cells.len()
        );
        let covered: usize = cells.iter().map(|c| c.last - c.first + 1).sum();
        assert_eq!(covered, 100_000, "every visit is in exactly one cell");
    }

    #[test]
    fn only_rows_on_screen_are_visited() {
        let mut rng = Rng::new(13);
        let rows = synthetic_rows(&mut rng, 10_000);
        let layout = Layout::new(1_000.0, rows.len());
        let b = bounds(rows.len(), extent(&rows, AxisMode::Absolute), &layout);
        let view = Viewport::fit(&b).scroll_by(24.0 * 5_000.0 + 7.0, &b);
        let g = geometry(&rows, 1_000.0, view);
        let visible = g.visible_rows();
        assert_eq!(visible, 5_000..5_017);
        assert_eq!(g.row_at(layout.rows_top() + 1.0), Some(5_000));
        assert_eq!(g.row_at(layout.rows_top() - 1.0), None);
    }

    #[test]
    fn the_scroll_bar_thumb_travels_the_track() {
        let mut rng = Rng::new(15);
        let rows = synthetic_rows(&mut rng, 2_000);
        let layout = Layout::new(800.0, rows.len());
        let b = bounds(rows.len(), extent(&rows, AxisMode::Absolute), &layout);
        let top = geometry(&rows, 800.0, Viewport::fit(&b));
        let bar = top.scrollbar().unwrap();
        assert_eq!(bar.top, layout.rows_top());
        assert!(bar.x > layout.plot_right() && bar.x + bar.width < layout.width);
        let bottom = geometry(&rows, 800.0, Viewport::fit(&b).scroll_by(1e9, &b));
        let end = bottom.scrollbar().unwrap();
        assert!((end.top + end.height - (layout.rows_top() + layout.rows_height())).abs() < 1e-6);
        let few = &rows[..3];
        assert_eq!(geometry(few, 800.0, Viewport::fit(&b)).scrollbar(), None);
    }

    #[test]
    fn an_open_visit_stays_visible_and_is_hit() {
        let spans = vec![
            Span {
                phase: None,
                state: JobState::Queued,
                start: 0.0,
                end: 3_600.0,
                open: false,
            },
            Span {
                phase: None,
                state: JobState::Running,
                start: 3_600.0,
                end: 3_600.0,
                open: true,
            },
        ];
        let rows = vec![TimelineRow::new("a", "a".into(), None, spans)];
        let layout = Layout::new(800.0, 1);
        let b = bounds(1, extent(&rows, AxisMode::Absolute), &layout);
        let g = geometry(&rows, 800.0, Viewport::fit(&b));
        let cells = g.cells(0);
        assert_eq!(cells.len(), 2);
        assert_eq!(cells[1].width, OPEN_MIN_PX);
        let y = g.row_top(0) + 10.0;
        assert_eq!(g.hit(cells[1].center(), y).unwrap().span, Some(1));
        assert_eq!(g.hit(cells[0].x + 5.0, y).unwrap().span, Some(0));
        assert_eq!(
            g.hit(10.0, y),
            Some(Hit { row: 0, span: None }),
            "job names"
        );
        assert_eq!(
            g.hit(g.layout.plot_right() - 1.0, y).unwrap().span,
            None,
            "after the end"
        );
    }

    #[test]
    fn aligned_rows_start_together() {
        let mut rng = Rng::new(14);
        let rows = synthetic_rows(&mut rng, 50);
        let layout = Layout::new(900.0, rows.len());
        let b = bounds(rows.len(), extent(&rows, AxisMode::Aligned), &layout);
        let g = Geometry {
            rows: &rows,
            layout,
            view: Viewport::fit(&b),
            mode: AxisMode::Aligned,
        };
        let starts: Vec<f64> = g.visible_rows().map(|i| g.cells(i)[0].x).collect();
        assert!(
            starts.iter().all(|&x| (x - starts[0]).abs() < 1e-6),
            "{starts:?}"
        );
        assert!((g.x_of(0.0) - starts[0]).abs() < 1e-6);
        assert!((g.t_of(g.x_of(123.0)) - 123.0).abs() < 1e-6);
    }
}
