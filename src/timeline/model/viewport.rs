//! What part of the timeline is on screen, and every way it can move.
//!
//! Transitions are pure and by value, and each ends in [`Viewport::clamp`], so
//! no sequence of wheel turns, drags and key presses can leave the data
//! entirely off screen or zoom past what the timestamps can resolve.

/// A stretch of axis time, in seconds: since the epoch on an absolute axis,
/// since submission on an aligned one.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TimeRange {
    pub start: f64,
    pub end: f64,
}

impl TimeRange {
    pub fn new(start: f64, end: f64) -> Self {
        TimeRange { start, end }
    }

    pub fn span(&self) -> f64 {
        self.end - self.start
    }

    pub fn center(&self) -> f64 {
        (self.start + self.end) / 2.0
    }

    pub fn contains(&self, t: f64) -> bool {
        self.start <= t && t <= self.end
    }

    /// Whether `[start, end]` meets this range (touching counts).
    pub fn overlaps(&self, start: f64, end: f64) -> bool {
        start <= self.end && end >= self.start
    }

    /// The data's extent with a margin, so the first and last bars do not touch
    /// the edges; a zero-length extent gets a minute around it.
    pub fn padded(self) -> Self {
        let span = self.span();
        if span < MIN_SPAN {
            let c = self.center();
            return TimeRange::new(c - 30.0, c + 30.0);
        }
        let pad = span * 0.02;
        TimeRange::new(self.start - pad, self.end + pad)
    }
}

/// The narrowest view: Tapis timestamps have milliseconds, but nothing a person
/// acts on happens in under a tenth of a second.
pub const MIN_SPAN: f64 = 0.1;

/// How far the view may go, in time and rows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bounds {
    /// The data's padded extent: the widest view, and the view never leaves it.
    pub time: TimeRange,
    /// Height of all rows together, in CSS pixels.
    pub content_height: f64,
    /// Height of the rows' part of the canvas, in CSS pixels.
    pub view_height: f64,
}

impl Bounds {
    fn max_scroll(&self) -> f64 {
        (self.content_height - self.view_height).max(0.0)
    }
}

/// The visible window: a time range across, a scroll offset down the rows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Viewport {
    pub time: TimeRange,
    /// CSS pixels of rows scrolled past the top.
    pub scroll: f64,
}

impl Viewport {
    /// Everything in time, scrolled to the top.
    pub fn fit(bounds: &Bounds) -> Self {
        Viewport {
            time: bounds.time,
            scroll: 0.0,
        }
    }

    /// Zooms by `factor` (> 1 magnifies) keeping axis time `anchor` where it is
    /// on screen. Zooming in never needs more than the minimum-span limit, so the
    /// anchor stays put exactly; zooming out may then be shifted back inside the
    /// bounds.
    pub fn zoom_at(self, factor: f64, anchor: f64, bounds: &Bounds) -> Self {
        if !(factor.is_finite() && factor > 0.0 && anchor.is_finite()) {
            return self.clamp(bounds);
        }
        let span = self.time.span();
        let new_span = (span / factor).clamp(MIN_SPAN, bounds.time.span().max(MIN_SPAN));
        let k = new_span / span;
        let time = TimeRange::new(
            anchor - (anchor - self.time.start) * k,
            anchor + (self.time.end - anchor) * k,
        );
        Viewport { time, ..self }.clamp(bounds)
    }

    /// Moves the view later by `dt` seconds (earlier when negative).
    pub fn pan(self, dt: f64, bounds: &Bounds) -> Self {
        if !dt.is_finite() {
            return self.clamp(bounds);
        }
        let time = TimeRange::new(self.time.start + dt, self.time.end + dt);
        Viewport { time, ..self }.clamp(bounds)
    }

    /// Scrolls the rows down by `dy` CSS pixels (up when negative).
    pub fn scroll_by(self, dy: f64, bounds: &Bounds) -> Self {
        let scroll = if dy.is_finite() {
            self.scroll + dy
        } else {
            self.scroll
        };
        Viewport { scroll, ..self }.clamp(bounds)
    }

    /// The least scroll that shows the rows between `top` and `bottom` (content
    /// pixels); does nothing when they are already in view.
    pub fn scroll_to_show(self, top: f64, bottom: f64, bounds: &Bounds) -> Self {
        let scroll = if top < self.scroll {
            top
        } else if bottom > self.scroll + bounds.view_height {
            bottom - bounds.view_height
        } else {
            self.scroll
        };
        Viewport { scroll, ..self }.clamp(bounds)
    }

    /// The least pan that shows `[start, end]`, centring it when it is wider
    /// than the view.
    pub fn pan_to_show(self, start: f64, end: f64, bounds: &Bounds) -> Self {
        let span = self.time.span();
        let dt = if end - start > span {
            (start + end) / 2.0 - self.time.center()
        } else if start < self.time.start {
            start - self.time.start
        } else if end > self.time.end {
            end - self.time.end
        } else {
            0.0
        };
        self.pan(dt, bounds)
    }

    /// Keeps the span between [`MIN_SPAN`] and the bounds' span, the range inside
    /// the bounds, and the scroll inside the rows.
    pub fn clamp(self, bounds: &Bounds) -> Self {
        let limit = bounds.time;
        let max_span = limit.span().max(MIN_SPAN);
        let (mut start, mut end) = (self.time.start, self.time.end);
        if !(start.is_finite() && end.is_finite() && end > start) {
            (start, end) = (limit.start, limit.end);
        }
        let span = (end - start).clamp(MIN_SPAN, max_span);
        let center = (start + end) / 2.0;
        start = center - span / 2.0;
        if start < limit.start {
            start = limit.start;
        }
        if start + span > limit.end {
            start = limit.end - span;
        }
        let scroll = if self.scroll.is_finite() {
            self.scroll.clamp(0.0, bounds.max_scroll())
        } else {
            0.0
        };
        Viewport {
            time: TimeRange::new(start, start + span),
            scroll,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::model::testing::Rng;

    fn bounds() -> Bounds {
        Bounds {
            time: TimeRange::new(0.0, 10_000.0),
            content_height: 24.0 * 1_000.0,
            view_height: 240.0,
        }
    }

    /// Where `t` sits across the view, 0 at the left edge, 1 at the right.
    fn fraction(v: &Viewport, t: f64) -> f64 {
        (t - v.time.start) / v.time.span()
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-9 * (1.0 + a.abs().max(b.abs()))
    }

    /// A random view inside the bounds, at least a second wide.
    fn random_view(rng: &mut Rng, b: &Bounds) -> Viewport {
        let span = rng.range(1.0, b.time.span());
        let start = rng.range(b.time.start, b.time.end - span);
        Viewport {
            time: TimeRange::new(start, start + span),
            scroll: rng.range(0.0, b.content_height - b.view_height),
        }
    }

    #[test]
    fn zooming_in_keeps_the_anchor_where_it_was() {
        let b = bounds();
        let mut rng = Rng::new(1);
        for _ in 0..2_000 {
            let v = random_view(&mut rng, &b);
            let anchor = rng.range(v.time.start, v.time.end);
            let z = v.zoom_at(rng.range(1.0, 8.0), anchor, &b);
            assert!(
                close(fraction(&v, anchor), fraction(&z, anchor)),
                "{v:?} {z:?}"
            );
            assert!(z.time.span() <= v.time.span());
            assert!(z.time.span() >= MIN_SPAN);
        }
    }

    #[test]
    fn zooming_out_keeps_the_anchor_unless_it_meets_the_bounds() {
        let b = bounds();
        let mut rng = Rng::new(2);
        let mut unclamped = 0;
        for _ in 0..2_000 {
            let v = random_view(&mut rng, &b);
            let anchor = rng.range(v.time.start, v.time.end);
            let z = v.zoom_at(1.0 / rng.range(1.0, 3.0), anchor, &b);
            assert!(b.time.contains(z.time.start) && b.time.contains(z.time.end));
            let touches = close(z.time.start, b.time.start) || close(z.time.end, b.time.end);
            if !touches {
                unclamped += 1;
                assert!(close(fraction(&v, anchor), fraction(&z, anchor)));
            }
        }
        assert!(unclamped > 100, "the property was exercised ({unclamped})");
    }

    #[test]
    fn zoom_and_pan_round_trip() {
        let b = bounds();
        let mut rng = Rng::new(3);
        for _ in 0..2_000 {
            let v = random_view(&mut rng, &b);
            let anchor = rng.range(v.time.start, v.time.end);
            let f = rng.range(1.0, 4.0);
            let back = v.zoom_at(f, anchor, &b).zoom_at(1.0 / f, anchor, &b);
            assert!(close(back.time.start, v.time.start), "{v:?} {back:?}");
            assert!(close(back.time.end, v.time.end));
            let dt = rng.range(-v.time.start + b.time.start, b.time.end - v.time.end);
            let panned = v.pan(dt, &b).pan(-dt, &b);
            assert!(close(panned.time.start, v.time.start), "{v:?} {panned:?}");
            assert!(close(panned.time.end, v.time.end));
        }
    }

    #[test]
    fn transitions_never_leave_the_bounds() {
        let b = bounds();
        let mut rng = Rng::new(4);
        let mut v = Viewport::fit(&b);
        for _ in 0..5_000 {
            v = match rng.below(4) {
                0 => v.zoom_at(rng.range(0.1, 10.0), rng.range(-5e3, 15e3), &b),
                1 => v.pan(rng.range(-2e4, 2e4), &b),
                2 => v.scroll_by(rng.range(-1e5, 1e5), &b),
                _ => v.pan_to_show(rng.range(-10.0, 1e4), rng.range(0.0, 2e4), &b),
            };
            assert!(v.time.start >= b.time.start - 1e-6 && v.time.end <= b.time.end + 1e-6);
            assert!(v.time.span() >= MIN_SPAN - 1e-9);
            assert!(v.scroll >= 0.0 && v.scroll <= b.content_height - b.view_height);
        }
    }

    #[test]
    fn nonsense_input_is_ignored() {
        let b = bounds();
        let v = Viewport::fit(&b);
        assert_eq!(v.zoom_at(f64::NAN, 1.0, &b), v);
        assert_eq!(v.zoom_at(0.0, 1.0, &b), v);
        assert_eq!(v.pan(f64::INFINITY, &b), v);
        assert_eq!(v.scroll_by(f64::NAN, &b), v);
        let broken = Viewport {
            time: TimeRange::new(f64::NAN, 3.0),
            scroll: f64::NAN,
        };
        assert_eq!(broken.clamp(&b), v);
    }

    #[test]
    fn a_tiny_extent_still_gets_a_usable_view() {
        let b = Bounds {
            time: TimeRange::new(100.0, 100.0).padded(),
            content_height: 24.0,
            view_height: 240.0,
        };
        let v = Viewport::fit(&b).zoom_at(1e9, 100.0, &b);
        assert!(close(v.time.span(), MIN_SPAN));
        assert!(v.time.contains(100.0));
        assert_eq!(v.scroll_by(50.0, &b).scroll, 0.0);
    }

    #[test]
    fn scrolling_to_a_row_moves_only_as_far_as_needed() {
        let b = bounds();
        let v = Viewport::fit(&b);
        assert_eq!(v.scroll_to_show(48.0, 72.0, &b).scroll, 0.0);
        assert_eq!(v.scroll_to_show(480.0, 504.0, &b).scroll, 264.0);
        let down = Viewport { scroll: 600.0, ..v };
        assert_eq!(down.scroll_to_show(480.0, 504.0, &b).scroll, 480.0);
    }
}
