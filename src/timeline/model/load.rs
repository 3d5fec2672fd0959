//! The load chart's model: the core's load series (`tapis_profile::load`, the
//! one definition the CLI's `load` prints) as stacked columns on the timeline's
//! time axis, its peaks, and the window a drag across it brushes.
//!
//! A frame costs the canvas, not the data: only the steps inside the window are
//! visited (found by bisection), and steps narrower than a pixel merge into one
//! column, drawn as the busiest of them, so a peak never vanishes when zoomed out.

use tapis_profile::load::{Load, Steps};
use tapis_profile::time::Timestamp;
use tapis_profile::JobState;

use super::axis::{format_instant, AxisMode};
use super::describe::range_summary;
use super::geometry::{Layout, AXIS_HEIGHT};
use super::viewport::{Bounds, TimeRange, Viewport};
use crate::model::query::Window;
use crate::model::words::count;

/// The chart's height in CSS pixels, its axis included.
pub const CHART_HEIGHT: f64 = 200.0;
/// Room under the areas for the peaks' marks.
const MARK_ROOM: f64 = 20.0;
/// A drag shorter than this (CSS pixels) is a click, not a brush.
pub const BRUSH_SLOP: f64 = 4.0;
/// Peaks marked on the chart (the table lists them all).
pub const MARKED_PEAKS: usize = 5;

/// UTC seconds of a core timestamp.
fn seconds(t: &tapis_profile::time::Timestamp) -> f64 {
    t.timestamp_micros() as f64 / 1e6
}

/// One system and queue's most active jobs at once, and when.
#[derive(Debug, Clone, PartialEq)]
pub struct PeakMark {
    pub system_queue: String,
    pub active: u32,
    pub from: f64,
    pub to: f64,
}

/// The load series, ready to draw: the load's steps, each a time and a count per state.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadSeries {
    pub states: Vec<JobState>,
    /// The load's own steps, taken from it: a step lasts until the next, and its counts
    /// are stacked in state order as they are drawn (stacked once for all, a copy of
    /// them was ~4.7 MB of the page's memory at 10,000 jobs, P5 in docs/performance.md).
    steps: Steps,
    /// Each step's start (UTC seconds) and its jobs in all: what a frame reads of every
    /// step in the window, made once (read from the steps in each frame, the columns of
    /// 500,000 steps took 19 ms natively against 8.8).
    times: Vec<f64>,
    totals: Vec<u32>,
    /// The most jobs in any state at once: the top of the y axis at any zoom.
    pub most: u32,
    pub peaks: Vec<PeakMark>,
}

impl LoadSeries {
    /// The series of `load`, taking its steps: what the page keeps of them is here.
    pub fn taking(load: &mut Load) -> Self {
        let steps = std::mem::take(&mut load.steps);
        let times = steps.times().iter().map(seconds).collect();
        let totals: Vec<u32> = steps.iter().map(|(_, c)| c.iter().sum()).collect();
        let peaks = load
            .peaks
            .iter()
            .map(|p| PeakMark {
                system_queue: p.system_queue.clone(),
                active: p.active,
                from: seconds(&p.from),
                to: seconds(&p.to),
            })
            .collect();
        LoadSeries {
            states: load.states.clone(),
            steps,
            times,
            most: totals.iter().copied().max().unwrap_or(0),
            totals,
            peaks,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }

    /// How many steps.
    fn len(&self) -> usize {
        self.steps.len()
    }

    /// When step `i` starts (UTC seconds).
    fn time(&self, i: usize) -> f64 {
        self.times[i]
    }

    /// The step holding `t`: the last that starts at or before it, if any.
    fn step_at(&self, t: f64) -> Option<usize> {
        self.times.partition_point(|&s| s <= t).checked_sub(1)
    }

    /// From the first change to the last (where every job has ended), padded as the timeline's.
    pub fn extent(&self) -> Option<TimeRange> {
        let last = self.len().checked_sub(1)?;
        Some(TimeRange::new(self.time(0), self.time(last)).padded())
    }

    /// The jobs in each state at `t` (zero before the first step).
    pub fn counts_at(&self, t: f64) -> Vec<u32> {
        match self.step_at(t) {
            Some(i) => self.steps.counts(i).to_vec(),
            None => vec![0; self.states.len()],
        }
    }

    /// For each state, the most jobs in it at once and when that was first (the core's
    /// [`Load::most_per_state`], of the steps this series took).
    pub fn most_per_state(&self) -> Vec<(JobState, u32, Option<Timestamp>)> {
        self.steps.most_per_state(&self.states)
    }

    /// Jobs in any state during step `i`.
    fn total(&self, i: usize) -> u32 {
        self.totals[i]
    }
}

/// A stretch of the plot drawn with one step's counts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Column {
    pub x: f64,
    pub width: f64,
    pub step: usize,
}

/// One band of a column: a state's jobs, from `y0` (bottom) up to `y1`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Band {
    pub state: usize,
    pub y0: f64,
    pub y1: f64,
}

/// The chart at one width and time window: the one geometry drawing and pointing use.
#[derive(Debug, Clone, Copy)]
pub struct Chart<'a> {
    pub series: &'a LoadSeries,
    pub layout: Layout,
    pub time: TimeRange,
}

impl<'a> Chart<'a> {
    /// A chart `width` pixels wide, its plot where the timeline's is (the same gutter).
    pub fn new(series: &'a LoadSeries, width: f64, time: TimeRange) -> Self {
        let layout = Layout {
            height: CHART_HEIGHT,
            ..Layout::new(width, 1)
        };
        Chart {
            series,
            layout,
            time,
        }
    }

    pub fn x_of(&self, t: f64) -> f64 {
        self.layout.plot_left()
            + (t - self.time.start) / self.time.span() * self.layout.plot_width()
    }

    pub fn t_of(&self, x: f64) -> f64 {
        self.time.start
            + (x - self.layout.plot_left()) / self.layout.plot_width() * self.time.span()
    }

    /// The bottom of the areas (the peaks' marks sit below it).
    pub fn base(&self) -> f64 {
        self.layout.height - MARK_ROOM
    }

    /// The y axis' step: 1, 2 or 5 times a power of ten, about a quarter of the most.
    fn y_step(&self) -> u32 {
        nice_ceiling(self.series.most.max(1).div_ceil(4))
    }

    /// The y axis' top value: the most jobs at once, rounded up to a grid line.
    pub fn y_max(&self) -> u32 {
        let step = self.y_step();
        self.series.most.max(1).div_ceil(step) * step
    }

    pub fn y_of(&self, jobs: u32) -> f64 {
        let top = AXIS_HEIGHT + 4.0;
        self.base() - f64::from(jobs) / f64::from(self.y_max()) * (self.base() - top)
    }

    /// The grid lines' values: 0 to the top, a step apart.
    pub fn y_ticks(&self) -> Vec<u32> {
        (0..=self.y_max()).step_by(self.y_step() as usize).collect()
    }

    /// The columns over the plot, left to right. Steps narrower than a pixel
    /// merge into the column before them while it stays within a pixel, which
    /// then shows the busiest of them.
    pub fn columns(&self) -> Vec<Column> {
        let s = self.series;
        let (left, right) = (self.layout.plot_left(), self.layout.plot_right());
        if s.len() < 2 || self.layout.plot_width() <= 0.0 {
            return Vec::new();
        }
        // The step holding the window's start, then each until the window's end.
        let first = s.step_at(self.time.start).unwrap_or(0);
        let mut out: Vec<Column> = Vec::new();
        for i in first..s.len() - 1 {
            if s.time(i) >= self.time.end {
                break;
            }
            let x0 = self.x_of(s.time(i)).max(left);
            let x1 = self.x_of(s.time(i + 1)).min(right);
            if x1 <= x0 {
                continue;
            }
            if let Some(last) = out.last_mut() {
                let end = last.x + last.width;
                // A narrow step joins the column before it while that stays within a pixel.
                if x1 - x0 < 1.0 && x1.max(end) - last.x <= 1.0 {
                    last.width = x1.max(end) - last.x;
                    if s.total(i) > s.total(last.step) {
                        last.step = i;
                    }
                    continue;
                }
            }
            out.push(Column {
                x: x0,
                width: x1 - x0,
                step: i,
            });
        }
        out
    }

    /// A column's bands, bottom up; states with no job there have none.
    pub fn bands(&self, column: &Column) -> Vec<Band> {
        let mut below = 0;
        let mut out = Vec::new();
        for (k, &count) in self.series.steps.counts(column.step).iter().enumerate() {
            let sum = below + count;
            if sum > below {
                out.push(Band {
                    state: k,
                    y0: self.y_of(below),
                    y1: self.y_of(sum),
                });
            }
            below = sum;
        }
        out
    }

    /// The peaks inside the window, at most [`MARKED_PEAKS`] (the busiest: the core lists them so).
    pub fn peaks(&self) -> impl Iterator<Item = &'a PeakMark> + '_ {
        self.series
            .peaks
            .iter()
            .take(MARKED_PEAKS)
            .filter(|p| self.time.overlaps(p.from, p.to))
    }

    /// Where the pointer at `x` is in time, and what was loaded then, in words.
    pub fn readout(&self, x: f64) -> Option<String> {
        if x < self.layout.plot_left() || x > self.layout.plot_right() {
            return None;
        }
        let t = self.t_of(x);
        Some(moment_words(self.series, t))
    }

    /// The window that `from_x`..`to_x` dragged across, in either direction;
    /// `None` for a click.
    pub fn brush(&self, from_x: f64, to_x: f64) -> Option<TimeRange> {
        if (to_x - from_x).abs() < BRUSH_SLOP {
            return None;
        }
        let clamp = |x: f64| x.clamp(self.layout.plot_left(), self.layout.plot_right());
        let (a, b) = (self.t_of(clamp(from_x)), self.t_of(clamp(to_x)));
        Some(TimeRange::new(a.min(b), a.max(b)))
    }

    /// Where a brushed window sits across the plot (`x0`, `x1`), clipped to it.
    pub fn window_x(&self, window: &Window) -> Option<(f64, f64)> {
        let (from, to) = window.seconds();
        let x0 = self.x_of(from).max(self.layout.plot_left());
        let x1 = self.x_of(to).min(self.layout.plot_right());
        (x1 > x0).then_some((x0, x1))
    }

    /// The bounds the chart's own zoom and pan keep to: the series' extent, or
    /// the window shown when that is wider (the timeline's jobs may reach further).
    pub fn bounds(&self) -> Bounds {
        let extent = self.series.extent().unwrap_or(self.time);
        Bounds {
            time: TimeRange::new(
                extent.start.min(self.time.start),
                extent.end.max(self.time.end),
            ),
            content_height: 0.0,
            view_height: 0.0,
        }
    }

    fn view(&self) -> Viewport {
        Viewport {
            time: self.time,
            scroll: 0.0,
        }
    }

    /// The window after zooming by `factor` around canvas x (the wheel) or the middle.
    pub fn zoomed(&self, factor: f64, x: Option<f64>) -> TimeRange {
        let anchor = x.map_or(self.time.center(), |x| {
            self.t_of(x.max(self.layout.plot_left()))
        });
        self.view().zoom_at(factor, anchor, &self.bounds()).time
    }

    /// The window after panning by a share of its width.
    pub fn panned(&self, share: f64) -> TimeRange {
        self.view()
            .pan(share * self.time.span(), &self.bounds())
            .time
    }

    /// The window that shows the whole series.
    pub fn fitted(&self) -> TimeRange {
        self.series.extent().unwrap_or(self.time)
    }
}

/// What the chart says of moment `t`: when, and how many jobs were in each state.
pub fn moment_words(series: &LoadSeries, t: f64) -> String {
    let counts = series.counts_at(t);
    let parts: Vec<String> = series
        .states
        .iter()
        .zip(&counts)
        .filter(|(_, &c)| c > 0)
        .map(|(s, c)| format!("{c} {}", s.name()))
        .collect();
    let total: u32 = counts.iter().sum();
    let what = if parts.is_empty() {
        "no job in a state".to_string()
    } else {
        format!("{}: {}", count(total as usize, "job"), parts.join(", "))
    };
    format!("{} · {what}", format_instant(t))
}

/// The brushed window in words, for the filter and the screen reader.
pub fn window_words(window: &Window) -> String {
    let (from, to) = window.seconds();
    range_summary(TimeRange::new(from, to), AxisMode::Absolute)
}

/// The canvas' accessible name.
pub fn chart_label(series: &LoadSeries, time: TimeRange) -> String {
    format!(
        "Jobs in each state over time, stacked: at most {} at once; showing {}. \
         The tables below give the same numbers. Arrow keys pan, plus and minus zoom, \
         0 shows everything, Enter filters the jobs to the window shown, Escape clears it.",
        series.most,
        range_summary(time, AxisMode::Absolute)
    )
}

/// 1, 2 or 5 times a power of ten, at least `n`.
fn nice_ceiling(n: u32) -> u32 {
    let mut p = 1u32;
    loop {
        for m in [1, 2, 5] {
            if m * p >= n {
                return m * p;
            }
        }
        match p.checked_mul(10) {
            Some(next) => p = next,
            None => return n,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tapis_profile::load::{Peak, LOAD_SCHEMA, LOAD_VERSION};
    use tapis_profile::time::parse_timestamp;

    fn at(s: f64) -> tapis_profile::time::Timestamp {
        chrono::DateTime::from_timestamp_micros((s * 1e6) as i64).unwrap()
    }

    /// Two states; counts change at each step.
    fn load(steps: &[(f64, [u32; 2])]) -> Load {
        Load {
            schema: LOAD_SCHEMA.into(),
            version: LOAD_VERSION,
            jobs: 3,
            without_history: 0,
            states: vec![JobState::Queued, JobState::Running],
            steps: Steps::new(
                steps.iter().map(|(t, _)| at(*t)).collect(),
                steps.iter().flat_map(|(_, c)| *c).collect(),
                2,
            ),
            peaks: vec![Peak {
                system_queue: "frontera / normal".into(),
                active: 3,
                from: at(100.0),
                to: at(200.0),
            }],
            blocked: vec![],
        }
    }

    /// Two jobs QUEUED, then one QUEUED and two RUNNING, then none: the tests' usual series.
    fn three_steps() -> LoadSeries {
        LoadSeries::taking(&mut load(&[
            (0.0, [2, 0]),
            (100.0, [1, 2]),
            (200.0, [0, 0]),
        ]))
    }

    #[test]
    fn counts_at_a_moment_are_the_steps() {
        let s = three_steps();
        assert_eq!(s.counts_at(-1.0), vec![0, 0]);
        assert_eq!(s.counts_at(0.0), vec![2, 0]);
        assert_eq!(s.counts_at(150.0), vec![1, 2]);
        assert_eq!(s.counts_at(1e9), vec![0, 0]);
        assert_eq!(s.most, 3);
        assert_eq!(
            moment_words(&s, 150.0).split(" · ").nth(1),
            Some("3 jobs: 1 QUEUED, 2 RUNNING")
        );
    }

    #[test]
    fn bands_stack_in_state_order_up_to_the_total() {
        let s = three_steps();
        let c = Chart::new(&s, 1_000.0, TimeRange::new(0.0, 200.0));
        let cols = c.columns();
        assert_eq!(cols.len(), 2);
        let bands = c.bands(&cols[1]);
        assert_eq!(bands.len(), 2);
        assert_eq!((bands[0].state, bands[1].state), (0, 1));
        assert_eq!(bands[0].y0, c.y_of(0));
        assert_eq!(bands[0].y1, bands[1].y0);
        assert_eq!(bands[1].y1, c.y_of(3));
        // Columns meet edge to edge and fill the plot.
        assert!((cols[0].x - c.layout.plot_left()).abs() < 1e-9);
        assert!((cols[0].x + cols[0].width - cols[1].x).abs() < 1e-9);
        assert!((cols[1].x + cols[1].width - c.layout.plot_right()).abs() < 1e-9);
    }

    #[test]
    fn many_steps_cost_a_column_per_pixel_and_keep_the_peak() {
        // 20,000 steps, one a second; a single second at 50 jobs.
        let steps: Vec<(f64, [u32; 2])> = (0..20_000)
            .map(|i| (f64::from(i), if i == 12_345 { [20, 30] } else { [1, 1] }))
            .collect();
        let s = LoadSeries::taking(&mut load(&steps));
        let c = Chart::new(&s, 800.0, s.extent().unwrap());
        let cols = c.columns();
        assert!(
            cols.len() <= 2 * c.layout.plot_width().ceil() as usize,
            "{}",
            cols.len()
        );
        let busiest = cols.iter().map(|col| s.total(col.step)).max();
        assert_eq!(busiest, Some(50));
        // Zoomed in, only the steps in the window are visited.
        let near = Chart::new(&s, 800.0, TimeRange::new(12_340.0, 12_350.0));
        let cols = near.columns();
        assert_eq!(cols.len(), 10);
        assert_eq!(cols.iter().filter(|c| s.total(c.step) == 50).count(), 1);
    }

    #[test]
    fn a_drag_brushes_a_window_either_way_and_a_click_does_not() {
        let s = three_steps();
        let c = Chart::new(&s, 1_000.0, TimeRange::new(0.0, 200.0));
        let (a, b) = (c.x_of(50.0), c.x_of(150.0));
        let w = c.brush(a, b).unwrap();
        assert!((w.start - 50.0).abs() < 1e-6 && (w.end - 150.0).abs() < 1e-6);
        assert_eq!(c.brush(b, a), Some(w));
        assert_eq!(c.brush(a, a + 1.0), None);
        // Past the plot's edges, the window stops at them.
        let all = c.brush(0.0, 5_000.0).unwrap();
        assert!(all.start.abs() < 1e-6 && (all.end - 200.0).abs() < 1e-6);
    }

    #[test]
    fn zoom_and_pan_keep_the_series_in_view() {
        let s = three_steps();
        let full = s.extent().unwrap();
        let c = Chart::new(&s, 1_000.0, full);
        let z = c.zoomed(2.0, Some(c.x_of(100.0)));
        assert!((z.span() - full.span() / 2.0).abs() < 1e-6);
        let c = Chart::new(&s, 1_000.0, z);
        assert!((c.x_of(100.0) - Chart::new(&s, 1_000.0, full).x_of(100.0)).abs() < 1e-6);
        let p = c.panned(10.0);
        assert!((p.end - full.end).abs() < 1e-6, "{p:?}");
        assert_eq!(c.fitted(), full);
    }

    #[test]
    fn peaks_inside_the_window_are_marked() {
        let s = three_steps();
        let c = Chart::new(&s, 1_000.0, TimeRange::new(0.0, 200.0));
        assert_eq!(c.peaks().count(), 1);
        let c = Chart::new(&s, 1_000.0, TimeRange::new(0.0, 50.0));
        assert_eq!(c.peaks().count(), 0);
    }

    #[test]
    fn the_axis_names_round_numbers() {
        assert_eq!(nice_ceiling(3), 5);
        assert_eq!(nice_ceiling(11), 20);
        assert_eq!(nice_ceiling(200), 200);
        let s = three_steps();
        let c = Chart::new(&s, 1_000.0, TimeRange::new(0.0, 200.0));
        assert_eq!((c.y_max(), c.y_ticks()), (3, vec![0, 1, 2, 3]));
        let big = LoadSeries {
            most: 24,
            ..s.clone()
        };
        let c = Chart::new(&big, 1_000.0, TimeRange::new(0.0, 200.0));
        assert_eq!((c.y_max(), c.y_ticks()), (30, vec![0, 10, 20, 30]));
        assert!(parse_timestamp("2025-03-01T00:00:00Z").is_some());
    }
}
