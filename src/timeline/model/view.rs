//! The interactive timeline's state and every way it changes: one `Intent`
//! enum, one pure by-value `apply`. The component turns DOM events into
//! intents (see [`key_action`] for the keyboard map) and draws the result.

use std::ops::Range;

use super::axis::AxisMode;
use super::geometry::{self, Geometry, Hit, Layout, ROW_HEIGHT};
use super::rows::TimelineRows;
use super::viewport::{Bounds, TimeRange, Viewport};

/// Jobs per page of the accessible table: it keeps the DOM the same size
/// whether one job or fifty thousand are loaded.
pub const PAGE_SIZE: usize = 25;
/// One press of `+` or `-` zooms by this factor.
pub const ZOOM_STEP: f64 = 1.5;
/// One press of an arrow pans by this share of the view; with Shift, by half a view.
pub const PAN_STEP: f64 = 0.1;
pub const PAN_STEP_BIG: f64 = 0.5;

/// The keyboard cursor: a job, and one of its visits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Focus {
    pub row: usize,
    pub span: Option<usize>,
}

/// What the tooltip is following.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TipSource {
    #[default]
    None,
    Pointer,
    Keyboard,
}

/// Everything that can happen to the timeline.
#[derive(Debug, Clone, PartialEq)]
pub enum Intent {
    /// New rows (a new import, another sort or filter): fit them. The same jobs
    /// in the same order (re-measured by the clock) keep the view, and a view that
    /// showed everything keeps showing everything as open bars grow.
    SetRows(TimelineRows),
    /// The canvas is now this many CSS pixels wide.
    Resize {
        width: f64,
    },
    /// Zoom by `factor` (> 1 magnifies) around canvas x (the wheel).
    ZoomAt {
        factor: f64,
        x: f64,
    },
    /// Zoom by `factor` around the focused visit, else the middle (keys, buttons).
    Zoom(f64),
    /// Pan by a share of the view's width (keys).
    Pan(f64),
    /// Scroll the rows by CSS pixels (the wheel with Shift).
    Scroll(f64),
    /// The pointer dragged by (dx, dy) CSS pixels: the content follows it.
    Drag {
        dx: f64,
        dy: f64,
    },
    /// Show everything again.
    Fit,
    SetMode(AxisMode),
    /// Move the focus this many rows (negative: up).
    MoveRow(isize),
    /// Move the focus a screenful of rows (negative: up).
    MovePage(isize),
    /// Focus this row (clamped to the last), e.g. Home and End, or a job picked in the table.
    FocusRow(usize),
    /// Move the focus to the previous or next visit in its row.
    MoveSpan(isize),
    /// The pointer is here (canvas CSS pixels), or left.
    Point(Option<(f64, f64)>),
    /// A click (not a drag) here: focus what is under it.
    Click {
        x: f64,
        y: f64,
    },
    /// The canvas gained or lost keyboard focus.
    Focused(bool),
    /// Hide the tooltip (Escape).
    Dismiss,
    /// Show this page of the accessible table.
    Page(usize),
    /// Show this stretch of UTC time (another view on the shared axis moved, the
    /// load chart): taken on an absolute axis, clamped; an aligned one ignores it.
    ShowTime(TimeRange),
}

/// What a key does: change the view, or select the focused job.
#[derive(Debug, Clone, PartialEq)]
pub enum KeyAction {
    Do(Intent),
    Select,
}

/// The modifier keys that matter: Ctrl, Alt or Meta mean "not for us" (so
/// Ctrl + `+` still zooms the page); Shift makes pans bigger.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Modifiers {
    pub shift: bool,
    pub command: bool,
}

/// The keyboard map (after Perfetto and speedscope): `+`/`=`/`w` zoom in,
/// `-`/`s` zoom out, `0` fits, `←`/`→`/`a`/`d` pan, `↑`/`↓` move between jobs,
/// PageUp/PageDown/Home/End jump, `[`/`]` move between a job's states,
/// Enter or Space selects, Escape hides the tooltip. Other keys (Tab among
/// them) are left to the browser.
pub fn key_action(key: &str, mods: Modifiers) -> Option<KeyAction> {
    if mods.command {
        return None;
    }
    let pan = if mods.shift { PAN_STEP_BIG } else { PAN_STEP };
    let intent = match key {
        "+" | "=" | "w" | "W" => Intent::Zoom(ZOOM_STEP),
        "-" | "_" | "s" | "S" => Intent::Zoom(1.0 / ZOOM_STEP),
        "0" => Intent::Fit,
        "ArrowLeft" | "a" | "A" => Intent::Pan(-pan),
        "ArrowRight" | "d" | "D" => Intent::Pan(pan),
        "ArrowUp" => Intent::MoveRow(-1),
        "ArrowDown" => Intent::MoveRow(1),
        "PageUp" => Intent::MovePage(-1),
        "PageDown" => Intent::MovePage(1),
        "Home" => Intent::FocusRow(0),
        "End" => Intent::FocusRow(usize::MAX),
        "[" | "," => Intent::MoveSpan(-1),
        "]" | "." => Intent::MoveSpan(1),
        "Escape" => Intent::Dismiss,
        "Enter" | " " => return Some(KeyAction::Select),
        _ => return None,
    };
    Some(KeyAction::Do(intent))
}

/// The tooltip's subject and where it points (canvas CSS pixels).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TipTarget {
    pub hit: Hit,
    pub x: f64,
    pub y: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TimelineState {
    rows: TimelineRows,
    /// The rows' extent in the current axis mode (cached: it is O(rows)).
    extent: Option<TimeRange>,
    pub layout: Layout,
    pub viewport: Viewport,
    pub mode: AxisMode,
    pub focus: Option<Focus>,
    pub pointer: Option<(f64, f64)>,
    pub tip: TipSource,
    /// The canvas has keyboard focus (the focus ring is drawn only then).
    pub has_focus: bool,
    /// The accessible table's page.
    pub page: usize,
    /// How often the shared window moved by this view's own doing (anything but
    /// [`Intent::ShowTime`]): the page is told on each, and never of a window
    /// this view only followed, so two views cannot echo stale windows at each other.
    moves: u64,
}

impl TimelineState {
    /// The rows fitted into a canvas of unknown width (until the first `Resize`).
    pub fn new(rows: TimelineRows) -> Self {
        let mode = AxisMode::default();
        let layout = Layout::new(0.0, rows.len());
        let extent = geometry::extent(&rows, mode);
        let viewport = Viewport::fit(&geometry::bounds(rows.len(), extent, &layout));
        TimelineState {
            rows,
            extent,
            layout,
            viewport,
            mode,
            focus: None,
            pointer: None,
            tip: TipSource::None,
            has_focus: false,
            page: 0,
            moves: 0,
        }
    }

    pub fn rows(&self) -> &TimelineRows {
        &self.rows
    }

    pub fn bounds(&self) -> Bounds {
        geometry::bounds(self.rows.len(), self.extent, &self.layout)
    }

    pub fn geometry(&self) -> Geometry<'_> {
        Geometry {
            rows: &self.rows,
            layout: self.layout,
            view: self.viewport,
            mode: self.mode,
        }
    }

    /// The focused job's id: what Enter selects.
    pub fn focused_id(&self) -> Option<&str> {
        let focus = self.focus?;
        self.rows.get(focus.row).map(|r| &*r.id)
    }

    pub fn page_count(&self) -> usize {
        self.rows.len().div_ceil(PAGE_SIZE).max(1)
    }

    /// The rows on the table's current page.
    pub fn page_rows(&self) -> Range<usize> {
        let start = (self.page * PAGE_SIZE).min(self.rows.len());
        start..(start + PAGE_SIZE).min(self.rows.len())
    }

    /// The window of UTC time on screen, for the views that share the time axis
    /// (`None` on an aligned axis: its seconds are since each job's submission).
    pub fn shared_time(&self) -> Option<TimeRange> {
        (self.mode == AxisMode::Absolute).then_some(self.viewport.time)
    }

    /// Counts the view's own moves of [`Self::shared_time`]; a change is news for the page.
    pub fn moves(&self) -> u64 {
        self.moves
    }

    /// Whether the view is what [`Intent::ShowTime`] of `time` gives: the shared
    /// window followed (as far as this view's bounds allow), so nothing to tell back.
    pub fn follows(&self, time: TimeRange) -> bool {
        let followed = Viewport {
            time,
            ..self.viewport
        }
        .clamp(&self.bounds());
        self.mode != AxisMode::Absolute || followed.time == self.viewport.time
    }

    /// What the tooltip describes and where, if it is showing.
    pub fn tip_target(&self) -> Option<TipTarget> {
        let g = self.geometry();
        match self.tip {
            TipSource::None => None,
            TipSource::Pointer => {
                let (x, y) = self.pointer?;
                let hit = g.hit(x, y)?;
                Some(TipTarget { hit, x, y })
            }
            TipSource::Keyboard => {
                let focus = self.focus?;
                let (_, bottom) = g.bar(focus.row);
                let x = focus
                    .span
                    .and_then(|s| g.cell_of(focus.row, s))
                    .map_or(self.layout.plot_left(), |c| c.center());
                let hit = Hit {
                    row: focus.row,
                    span: focus.span,
                };
                Some(TipTarget { hit, x, y: bottom })
            }
        }
    }

    pub fn apply(self, intent: Intent) -> Self {
        let followed = matches!(intent, Intent::ShowTime(_));
        let before = self.shared_time();
        let mut next = self.step(intent);
        if !followed && next.shared_time() != before {
            next.moves += 1;
        }
        next
    }

    fn step(self, intent: Intent) -> Self {
        let bounds = self.bounds();
        match intent {
            Intent::SetRows(rows) if rows.same_jobs(&self.rows) => {
                let showed_all = self.viewport.time == bounds.time;
                let extent = geometry::extent(&rows, self.mode);
                let this = TimelineState {
                    rows,
                    extent,
                    ..self
                };
                let bounds = this.bounds();
                let time = if showed_all {
                    bounds.time
                } else {
                    this.viewport.time
                };
                let viewport = Viewport {
                    time,
                    ..this.viewport
                };
                this.view(viewport.clamp(&bounds))
            }
            Intent::SetRows(rows) => {
                let focus = self.focus.filter(|f| f.row < rows.len()).map(|f| Focus {
                    span: f.span.filter(|&s| s < rows[f.row].spans().len()),
                    ..f
                });
                let width = self.layout.width;
                let fresh = TimelineState::new(rows);
                TimelineState {
                    mode: self.mode,
                    focus,
                    has_focus: self.has_focus,
                    moves: self.moves,
                    ..fresh
                }
                .with_mode(self.mode)
                .apply(Intent::Resize { width })
            }
            Intent::Resize { width } => {
                let layout = Layout::new(width, self.rows.len());
                // Another width moves everything under a pointer that did not move (a
                // job's detail opened or closed beside the timeline): its tooltip goes.
                let moved = width != self.layout.width;
                let (pointer, tip) = match (moved, self.tip) {
                    (true, TipSource::Pointer) => (None, TipSource::None),
                    (true, tip) => (None, tip),
                    (false, tip) => (self.pointer, tip),
                };
                let this = TimelineState {
                    layout,
                    pointer,
                    tip,
                    ..self
                };
                let viewport = this.viewport.clamp(&this.bounds());
                TimelineState { viewport, ..this }
            }
            Intent::ZoomAt { factor, x } => {
                let anchor = self.geometry().t_of(x.max(self.layout.plot_left()));
                let viewport = self.viewport.zoom_at(factor, anchor, &bounds);
                self.view(viewport)
            }
            Intent::Zoom(factor) => {
                let viewport = self.viewport.zoom_at(factor, self.zoom_anchor(), &bounds);
                self.view(viewport)
            }
            Intent::Pan(share) => {
                let dt = share * self.viewport.time.span();
                let viewport = self.viewport.pan(dt, &bounds);
                self.view(viewport)
            }
            Intent::Scroll(dy) => {
                let viewport = self.viewport.scroll_by(dy, &bounds);
                self.view(viewport)
            }
            Intent::Drag { dx, dy } => {
                let dt = -dx * self.geometry().seconds_per_px();
                let viewport = self.viewport.pan(dt, &bounds).scroll_by(-dy, &bounds);
                self.view(viewport)
            }
            Intent::Fit => {
                let viewport = Viewport {
                    time: bounds.time,
                    ..self.viewport
                };
                self.view(viewport.clamp(&bounds))
            }
            Intent::SetMode(mode) if mode == self.mode => self,
            Intent::SetMode(mode) => self.with_mode(mode),
            Intent::MoveRow(delta) => {
                let row = match self.focus {
                    Some(f) => f.row.saturating_add_signed(delta),
                    None => self.geometry().visible_rows().start,
                };
                self.focus_row(row)
            }
            Intent::MovePage(pages) => {
                let per_page = (self.layout.rows_height() / ROW_HEIGHT).floor().max(1.0) as isize;
                self.apply(Intent::MoveRow(pages.saturating_mul(per_page)))
            }
            Intent::FocusRow(row) => self.focus_row(row),
            Intent::MoveSpan(delta) => self.move_span(delta),
            Intent::Point(pointer) => {
                let tip = match (pointer, self.tip) {
                    (Some(_), _) => TipSource::Pointer,
                    (None, TipSource::Pointer) => TipSource::None,
                    (None, tip) => tip,
                };
                TimelineState {
                    pointer,
                    tip,
                    ..self
                }
            }
            // A click opens the job's detail, which says more than the tooltip (and moves
            // the layout under it): the tooltip goes until the pointer moves again.
            Intent::Click { x, y } => match self.geometry().hit(x, y) {
                Some(hit) => TimelineState {
                    focus: Some(Focus {
                        row: hit.row,
                        span: hit.span,
                    }),
                    page: hit.row / PAGE_SIZE,
                    pointer: Some((x, y)),
                    tip: TipSource::None,
                    ..self
                },
                None => self,
            },
            Intent::Focused(has_focus) => {
                let tip = match self.tip {
                    TipSource::Keyboard if !has_focus => TipSource::None,
                    tip => tip,
                };
                TimelineState {
                    has_focus,
                    tip,
                    ..self
                }
            }
            Intent::Dismiss => TimelineState {
                tip: TipSource::None,
                ..self
            },
            Intent::Page(page) => TimelineState {
                page: page.min(self.page_count() - 1),
                ..self
            },
            Intent::ShowTime(time) if self.mode == AxisMode::Absolute => {
                let viewport = Viewport {
                    time,
                    ..self.viewport
                };
                self.view(viewport.clamp(&bounds))
            }
            Intent::ShowTime(_) => self,
        }
    }

    fn view(self, viewport: Viewport) -> Self {
        TimelineState { viewport, ..self }
    }

    /// Switches the axis and fits the rows in it: the old range means nothing on the new axis.
    fn with_mode(self, mode: AxisMode) -> Self {
        let extent = geometry::extent(&self.rows, mode);
        let this = TimelineState {
            mode,
            extent,
            ..self
        };
        let viewport = Viewport {
            time: this.bounds().time,
            ..this.viewport
        };
        TimelineState { viewport, ..this }
    }

    /// Keyboard zoom keeps the focused visit in place when it is on screen.
    fn zoom_anchor(&self) -> f64 {
        let time = self.viewport.time;
        let g = self.geometry();
        self.focus
            .and_then(|f| Some((f.row, f.span?)))
            .and_then(|(row, span)| g.cell_of(row, span))
            .map(|c| g.t_of(c.center()).clamp(time.start, time.end))
            .unwrap_or(time.center())
    }

    /// Focuses row `row` (clamped), on the visit in the same state as before
    /// when it has one on screen (so ↓ walks down a column of QUEUED), else on
    /// its first visit on screen; scrolls it into view.
    fn focus_row(self, row: usize) -> Self {
        let Some(last) = self.rows.len().checked_sub(1) else {
            return self;
        };
        let row = row.min(last);
        let g = self.geometry();
        let previous = self
            .focus
            .and_then(|f| Some(&self.rows[f.row].spans().get(f.span?)?.state));
        let cells = g.cells(row);
        let spans = self.rows[row].spans();
        let same_state = previous.and_then(|state| {
            cells
                .iter()
                .flat_map(|c| c.first..=c.last)
                .find(|&k| spans[k].state == *state)
        });
        let span = same_state.or_else(|| cells.first().map(|c| c.first));
        let top = row as f64 * ROW_HEIGHT;
        let viewport = self
            .viewport
            .scroll_to_show(top, top + ROW_HEIGHT, &self.bounds());
        TimelineState {
            focus: Some(Focus { row, span }),
            viewport,
            page: row / PAGE_SIZE,
            // The keyboard's tooltip only while the canvas has the focus: a job picked in
            // the table is focused here without one.
            tip: if self.has_focus {
                TipSource::Keyboard
            } else {
                TipSource::None
            },
            ..self
        }
    }

    /// Steps through the focused row's visits, panning each into view.
    fn move_span(self, delta: isize) -> Self {
        let Some(focus) = self.focus else {
            return self.apply(Intent::MoveRow(0));
        };
        let row = &self.rows[focus.row];
        let Some(last) = row.spans().len().checked_sub(1) else {
            return self;
        };
        let span = match focus.span {
            Some(k) => k.saturating_add_signed(delta).min(last),
            None if delta < 0 => last,
            None => 0,
        };
        let origin = geometry::origin(row, self.mode);
        let s = &row.spans()[span];
        let viewport = self
            .viewport
            .pan_to_show(s.start - origin, s.end - origin, &self.bounds());
        TimelineState {
            focus: Some(Focus {
                span: Some(span),
                ..focus
            }),
            viewport,
            tip: TipSource::Keyboard,
            ..self
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::model::rows::{Span, TimelineRow};
    use crate::timeline::model::testing::{synthetic_rows, Rng};

    fn state(n: usize) -> TimelineState {
        let rows = TimelineRows::from(synthetic_rows(&mut Rng::new(5), n));
        TimelineState::new(rows).apply(Intent::Resize { width: 1_000.0 })
    }

    fn widest(
        cells: Vec<crate::timeline::model::geometry::Cell>,
    ) -> crate::timeline::model::geometry::Cell {
        cells
            .into_iter()
            .max_by(|a, b| a.width.total_cmp(&b.width))
            .unwrap()
    }

    /// A key pressed on the canvas (which has the focus, then).
    fn key(state: TimelineState, key: &str) -> TimelineState {
        let state = state.apply(Intent::Focused(true));
        match key_action(key, Modifiers::default()) {
            Some(KeyAction::Do(intent)) => state.apply(intent),
            other => panic!("{key}: {other:?}"),
        }
    }

    #[test]
    fn the_shared_time_axis_is_taken_clamped_and_only_when_absolute() {
        let s = state(50);
        let full = s.bounds().time;
        assert_eq!(s.shared_time(), Some(full));
        let inside = TimeRange::new(full.start + full.span() / 4.0, full.center());
        let shown = s.clone().apply(Intent::ShowTime(inside));
        assert_eq!(shown.shared_time(), Some(inside));
        assert_eq!(shown.viewport.scroll, s.viewport.scroll);
        assert!(shown.follows(inside) && !s.follows(inside));
        // A window reaching past the data is clamped into it, its width kept.
        let late = TimeRange::new(full.end - 10.0, full.end + 90.0);
        let clamped = s.clone().apply(Intent::ShowTime(late)).viewport.time;
        assert!((clamped.span() - 100.0).abs() < 1e-6 && clamped.end <= full.end);
        assert!(s.clone().apply(Intent::ShowTime(late)).follows(late));
        // Zooming moves what the other views are told.
        let zoomed = shown.clone().apply(Intent::Zoom(2.0));
        assert!(zoomed.shared_time().unwrap().span() < inside.span());
        // Seconds since submission are no UTC window: nothing shared, nothing taken.
        let aligned = s.apply(Intent::SetMode(AxisMode::Aligned));
        assert_eq!(aligned.shared_time(), None);
        assert_eq!(aligned.clone().apply(Intent::ShowTime(inside)), aligned);
    }

    #[test]
    fn only_its_own_moves_are_news_for_the_page() {
        // The page is told on each move: a followed window told back would undo a
        // newer one the other view sent meanwhile (the two echoed each other for ever).
        let s = state(50);
        let full = s.bounds().time;
        let inside = TimeRange::new(full.start + full.span() / 4.0, full.center());
        let late = TimeRange::new(full.end - 10.0, full.end + 90.0);
        let followed = s
            .clone()
            .apply(Intent::ShowTime(inside))
            .apply(Intent::ShowTime(late));
        assert_ne!(followed.shared_time(), s.shared_time());
        assert_eq!(
            followed.moves(),
            s.moves(),
            "followed, even clamped, is no news"
        );
        let mut own = followed.clone();
        for intent in [Intent::Zoom(2.0), Intent::Pan(-0.2), Intent::Fit] {
            let before = own.moves();
            own = own.apply(intent.clone());
            assert_eq!(own.moves(), before + 1, "{intent:?}");
        }
        // What leaves the window as it was is no news either.
        assert_eq!(own.clone().apply(Intent::Fit).moves(), own.moves());
        assert_eq!(own.clone().apply(Intent::MoveRow(1)).moves(), own.moves());
        // Other jobs refit the window: news, counted on from where it was.
        let other = own
            .clone()
            .apply(Intent::SetRows(TimelineRows::from(synthetic_rows(
                &mut Rng::new(9),
                7,
            ))));
        assert_eq!(other.moves(), own.moves() + 1);
    }

    #[test]
    fn the_keyboard_map_leaves_browser_shortcuts_alone() {
        let plain = Modifiers::default();
        assert_eq!(
            key_action("+", plain),
            Some(KeyAction::Do(Intent::Zoom(ZOOM_STEP)))
        );
        assert_eq!(key_action("=", plain), key_action("+", plain));
        assert_eq!(key_action("0", plain), Some(KeyAction::Do(Intent::Fit)));
        assert_eq!(key_action("Enter", plain), Some(KeyAction::Select));
        assert_eq!(key_action("Tab", plain), None);
        let ctrl = Modifiers {
            command: true,
            ..plain
        };
        assert_eq!(key_action("+", ctrl), None, "Ctrl + zooms the page");
        let shift = Modifiers {
            shift: true,
            ..plain
        };
        assert_eq!(
            key_action("ArrowRight", shift),
            Some(KeyAction::Do(Intent::Pan(PAN_STEP_BIG)))
        );
    }

    #[test]
    fn plus_then_minus_then_zero_returns_to_the_whole_range() {
        let s = state(100);
        let fitted = s.viewport;
        let zoomed = key(key(s, "+"), "+");
        assert!(zoomed.viewport.time.span() < fitted.time.span() / 2.0);
        let back = key(key(zoomed.clone(), "-"), "-");
        assert!((back.viewport.time.span() - fitted.time.span()).abs() < 1e-6);
        let panned = key(key(zoomed, "ArrowRight"), "0");
        assert_eq!(panned.viewport.time, fitted.time);
    }

    #[test]
    fn arrows_move_the_focus_and_scroll_it_into_view() {
        let mut s = state(1_000);
        s = key(s, "ArrowDown");
        assert_eq!(s.focus.map(|f| f.row), Some(0));
        assert_eq!(s.tip, TipSource::Keyboard);
        for _ in 0..40 {
            s = key(s, "ArrowDown");
        }
        assert_eq!(s.focus.map(|f| f.row), Some(40));
        let g = s.geometry();
        assert!(g.visible_rows().contains(&40));
        assert_eq!(s.page, 1, "the table follows the focus");
        s = key(s, "End");
        assert_eq!(s.focus.map(|f| f.row), Some(999));
        assert_eq!(s.page, 39);
        s = key(key(s, "Home"), "ArrowUp");
        assert_eq!(s.focus.map(|f| f.row), Some(0));
        assert_eq!(s.viewport.scroll, 0.0);
    }

    #[test]
    fn down_keeps_the_same_state_and_brackets_walk_the_visits() {
        let mut s = key(state(50), "ArrowDown");
        s = key(key(key(s, "]"), "]"), "]");
        let focus = s.focus.unwrap();
        assert_eq!(focus.span, Some(3));
        let state_before = s.rows()[0].spans()[3].state.clone();
        s = key(s, "ArrowDown");
        let f = s.focus.unwrap();
        assert_eq!(f.row, 1);
        assert_eq!(s.rows()[1].spans()[f.span.unwrap()].state, state_before);
        s = key(s, "[");
        assert_eq!(s.focus.unwrap().span, Some(f.span.unwrap() - 1));
    }

    #[test]
    fn stepping_to_a_visit_off_screen_pans_to_it() {
        let s = key(state(20), "ArrowDown");
        let zoomed = (0..12).fold(s, |s, _| key(s, "+"));
        let s = (0..8).fold(zoomed, |s, _| key(s, "]"));
        let f = s.focus.unwrap();
        let row = &s.rows()[f.row];
        let span = &row.spans()[f.span.unwrap()];
        assert!(s.viewport.time.overlaps(span.start, span.end), "{s:?}");
        let tip = s.tip_target().unwrap();
        assert_eq!(tip.hit.span, f.span);
    }

    #[test]
    fn the_tooltip_follows_the_pointer_then_the_keys() {
        let s = state(10);
        let g = s.geometry();
        let cell = widest(g.cells(0));
        let y = g.row_top(0) + 12.0;
        let s = s.apply(Intent::Point(Some((cell.center(), y))));
        let tip = s.tip_target().unwrap();
        assert_eq!(
            tip.hit,
            Hit {
                row: 0,
                span: Some(cell.span)
            }
        );
        let s = key(s, "ArrowDown");
        assert_eq!(s.tip, TipSource::Keyboard);
        let s = s.apply(Intent::Point(None));
        assert_eq!(
            s.tip,
            TipSource::Keyboard,
            "leaving with the pointer keeps the key focus tip"
        );
        let s = s.apply(Intent::Focused(false));
        assert_eq!(s.tip_target(), None);
    }

    #[test]
    fn no_tooltip_stays_after_a_click_or_when_the_canvas_changes_width() {
        let s = state(10);
        let g = s.geometry();
        let (cell, y) = (widest(g.cells(0)), g.row_top(0) + 12.0);
        let hover = s.apply(Intent::Point(Some((cell.center(), y))));
        assert!(hover.tip_target().is_some());
        // A click opens the detail: the tooltip goes until the pointer moves.
        let clicked = hover.clone().apply(Intent::Click {
            x: cell.center(),
            y,
        });
        assert_eq!(clicked.tip_target(), None);
        let moved = clicked.apply(Intent::Point(Some((cell.center() + 1.0, y))));
        assert!(moved.tip_target().is_some());
        // The detail opening or closing beside the timeline narrows or widens the canvas.
        let narrower = hover.clone().apply(Intent::Resize { width: 700.0 });
        assert_eq!(narrower.tip_target(), None);
        assert_eq!(narrower.pointer, None);
        // The same width (new rows as the clock ticks) keeps it.
        let same = hover.clone().apply(Intent::Resize { width: 1_000.0 });
        assert_eq!(same.tip_target(), hover.tip_target());
        // A keyboard tip follows the focus, not the pointer: it stays.
        let keys = key(state(10), "ArrowDown").apply(Intent::Resize { width: 700.0 });
        assert_eq!(keys.tip, TipSource::Keyboard);
        // A job picked in the table is focused on the canvas, with no tooltip there.
        let picked = state(10).apply(Intent::FocusRow(3));
        assert_eq!(picked.focus.map(|f| f.row), Some(3));
        assert_eq!(picked.tip_target(), None);
    }

    #[test]
    fn a_click_focuses_what_is_under_it() {
        let s = state(60);
        let g = s.geometry();
        let (cell, y) = (widest(g.cells(3)), g.row_top(3) + 5.0);
        let s = s.apply(Intent::Click {
            x: cell.center(),
            y,
        });
        assert_eq!(
            s.focus,
            Some(Focus {
                row: 3,
                span: Some(cell.span)
            })
        );
        assert_eq!(s.focused_id(), Some("j3"));
    }

    #[test]
    fn drag_moves_the_content_with_the_pointer() {
        let s = key(state(500), "+");
        let before = s.viewport;
        let g = s.geometry();
        let t = g.t_of(500.0);
        let s = s.apply(Intent::Drag {
            dx: 40.0,
            dy: -48.0,
        });
        assert!((s.geometry().t_of(540.0) - t).abs() < 1e-6);
        assert_eq!(s.viewport.scroll, before.scroll + 48.0);
    }

    #[test]
    fn switching_axis_fits_and_the_table_pages_stay_in_range() {
        let s = key(state(60), "+").apply(Intent::SetMode(AxisMode::Aligned));
        assert_eq!(s.viewport.time, s.bounds().time);
        assert!(s.viewport.time.start < 0.0 && s.viewport.time.start > -1e5);
        assert_eq!(s.page_count(), 3);
        let s = s.apply(Intent::Page(7));
        assert_eq!(s.page, 2);
        assert_eq!(s.page_rows(), 50..60);
    }

    #[test]
    fn new_rows_are_fitted_and_a_stale_focus_is_dropped() {
        let s = key(key(state(100), "End"), "+");
        let fewer = TimelineRows::from(synthetic_rows(&mut Rng::new(9), 10));
        let s = s.apply(Intent::SetRows(fewer));
        assert_eq!(s.focus, None);
        assert_eq!(s.viewport.time, s.bounds().time);
        assert_eq!(s.layout.width, 1_000.0);
        let empty = s.apply(Intent::SetRows(TimelineRows::default()));
        let empty = key(key(key(empty, "ArrowDown"), "]"), "+");
        assert_eq!(empty.focus, None);
        assert_eq!(empty.tip_target(), None);
    }

    /// The same jobs with open bars grown, as a clock tick re-measures them.
    fn grown(rows: &TimelineRows, seconds: f64) -> TimelineRows {
        let rows = rows.iter().map(|r| {
            let spans = r
                .spans()
                .iter()
                .map(|s| Span {
                    end: if s.open { s.end + seconds } else { s.end },
                    ..s.clone()
                })
                .collect();
            TimelineRow::new(r.id.clone(), r.label.clone(), Some(r.submitted), spans)
        });
        TimelineRows::from(rows.collect::<Vec<_>>())
    }

    #[test]
    fn re_measured_rows_keep_the_view_and_a_full_view_follows_the_growth() {
        let s = state(100);
        assert!(s.rows().any_open());
        let zoomed = key(key(key(s.clone(), "ArrowDown"), "+"), "ArrowRight");
        let later = zoomed
            .clone()
            .apply(Intent::SetRows(grown(zoomed.rows(), 600.0)));
        assert_eq!(later.viewport, zoomed.viewport, "a zoomed view stays put");
        assert_eq!(later.focus, zoomed.focus);
        assert_ne!(later.rows(), zoomed.rows(), "the new rows are in");

        let later = s.clone().apply(Intent::SetRows(grown(s.rows(), 1e6)));
        assert_eq!(later.viewport.time, later.bounds().time, "still shows all");
        assert!(later.bounds().time.end > s.bounds().time.end);

        let reordered: Vec<TimelineRow> = s.rows().iter().rev().cloned().collect();
        let zoomed = key(s, "+");
        let other = zoomed.apply(Intent::SetRows(TimelineRows::from(reordered)));
        assert_eq!(
            other.viewport.time,
            other.bounds().time,
            "another order refits"
        );
    }
}
