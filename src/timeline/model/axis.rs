//! The time axis: absolute (dates and clock times, UTC) or aligned at each
//! job's submission (elapsed time), with "nice" ticks a person can read.
//!
//! Ticks fall on round values of the unit in view (every 5 min, every hour, the
//! first of the month) and are spaced so their labels never overlap: the label
//! width is estimated from its length, so this stays pure and testable.

use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};

use super::viewport::TimeRange;

/// What x means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AxisMode {
    /// Wall-clock time (UTC): when things happened, and what overlapped.
    #[default]
    Absolute,
    /// Time since each job's submission: how jobs compare, phase by phase.
    Aligned,
}

/// A labelled position on the axis, in axis time.
#[derive(Debug, Clone, PartialEq)]
pub struct Tick {
    pub t: f64,
    pub label: String,
}

/// Gap between tick labels, in CSS pixels, on top of their own width.
pub const LABEL_GAP_PX: f64 = 18.0;
/// Estimated width of one label character at the axis font (11 px system-ui).
pub const CHAR_PX: f64 = 6.5;
/// Never put ticks closer than this, however short their labels.
pub const MIN_TICK_SPACING_PX: f64 = 64.0;

const MINUTE: f64 = 60.0;
const HOUR: f64 = 3_600.0;
const DAY: f64 = 86_400.0;
/// Days from the epoch (a Thursday) to the first Monday, so weekly ticks fall on Mondays.
const MONDAY: f64 = 4.0 * DAY;
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A distance between ticks.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Step {
    /// A fixed number of seconds, ticks at `phase + k × seconds`.
    Fixed { seconds: f64, phase: f64 },
    /// Calendar months (UTC), ticks on the first of the month.
    Months(u32),
}

impl Step {
    fn seconds(self) -> f64 {
        match self {
            Step::Fixed { seconds, .. } => seconds,
            // The shortest month, so labels never come closer than estimated.
            Step::Months(n) => f64::from(n) * 28.0 * DAY,
        }
    }
}

const fn fixed(seconds: f64) -> Step {
    Step::Fixed {
        seconds,
        phase: 0.0,
    }
}

/// Steps shared by both modes: they divide a day, so they align to midnight UTC.
const SUB_DAY: [Step; 21] = [
    fixed(0.1),
    fixed(0.2),
    fixed(0.5),
    fixed(1.0),
    fixed(2.0),
    fixed(5.0),
    fixed(10.0),
    fixed(15.0),
    fixed(30.0),
    fixed(MINUTE),
    fixed(2.0 * MINUTE),
    fixed(5.0 * MINUTE),
    fixed(10.0 * MINUTE),
    fixed(15.0 * MINUTE),
    fixed(30.0 * MINUTE),
    fixed(HOUR),
    fixed(2.0 * HOUR),
    fixed(3.0 * HOUR),
    fixed(6.0 * HOUR),
    fixed(12.0 * HOUR),
    fixed(DAY),
];

const ABSOLUTE_LONG: [Step; 11] = [
    fixed(2.0 * DAY),
    Step::Fixed {
        seconds: 7.0 * DAY,
        phase: MONDAY,
    },
    Step::Fixed {
        seconds: 14.0 * DAY,
        phase: MONDAY,
    },
    Step::Months(1),
    Step::Months(3),
    Step::Months(6),
    Step::Months(12),
    Step::Months(24),
    Step::Months(60),
    Step::Months(120),
    Step::Months(1200),
];

const ALIGNED_LONG: [Step; 9] = [
    fixed(2.0 * DAY),
    fixed(7.0 * DAY),
    fixed(14.0 * DAY),
    fixed(30.0 * DAY),
    fixed(90.0 * DAY),
    fixed(180.0 * DAY),
    fixed(365.0 * DAY),
    fixed(3_650.0 * DAY),
    fixed(36_500.0 * DAY),
];

/// Ticks for `range` drawn `width` pixels wide: increasing, inside the range,
/// at least [`MIN_TICK_SPACING_PX`] apart and far enough apart for their labels.
pub fn ticks(range: TimeRange, width: f64, mode: AxisMode) -> Vec<Tick> {
    let span = range.span();
    if !(span > 0.0 && span.is_finite() && width > 0.0 && width.is_finite()) {
        return Vec::new();
    }
    let px_per_second = width / span;
    let long: &[Step] = match mode {
        AxisMode::Absolute => &ABSOLUTE_LONG,
        AxisMode::Aligned => &ALIGNED_LONG,
    };
    for &step in SUB_DAY.iter().chain(long) {
        let spacing = step.seconds() * px_per_second;
        if spacing < MIN_TICK_SPACING_PX {
            continue;
        }
        let ticks = ticks_at(range, step, mode);
        let widest = ticks.iter().map(|t| t.label.chars().count()).max();
        if spacing >= widest.unwrap_or(0) as f64 * CHAR_PX + LABEL_GAP_PX {
            return ticks;
        }
    }
    // Wider than a thousand years on screen: a label at each end is all that fits.
    [range.start, range.end]
        .into_iter()
        .map(|t| Tick {
            t,
            label: label(t, fixed(36_500.0 * DAY), mode),
        })
        .collect()
}

fn ticks_at(range: TimeRange, step: Step, mode: AxisMode) -> Vec<Tick> {
    let times: Vec<f64> = match step {
        Step::Fixed { seconds, phase } => {
            let first = ((range.start - phase) / seconds).ceil() as i64;
            let last = ((range.end - phase) / seconds).floor() as i64;
            (first..=last.min(first + 1_000))
                .map(|k| phase + k as f64 * seconds)
                .filter(|&t| range.contains(t))
                .collect()
        }
        Step::Months(n) => month_starts(range, n),
    };
    times
        .into_iter()
        .map(|t| Tick {
            t,
            label: label(t, step, mode),
        })
        .collect()
}

/// Firsts of the month inside `range` whose month number is a multiple of `n`.
fn month_starts(range: TimeRange, n: u32) -> Vec<f64> {
    let Some(start) = utc(range.start) else {
        return Vec::new();
    };
    let n = i64::from(n.max(1));
    let mut index = i64::from(start.year()) * 12 + i64::from(start.month0());
    index = index.div_euclid(n) * n;
    let mut out = Vec::new();
    for _ in 0..1_000 {
        let (year, month0) = (index.div_euclid(12), index.rem_euclid(12));
        let Some(t) = i32::try_from(year)
            .ok()
            .and_then(|y| NaiveDate::from_ymd_opt(y, month0 as u32 + 1, 1))
            .map(|d| d.and_time(chrono::NaiveTime::MIN).and_utc().timestamp() as f64)
        else {
            break;
        };
        if t > range.end {
            break;
        }
        if t >= range.start {
            out.push(t);
        }
        index += n;
    }
    out
}

fn utc(t: f64) -> Option<DateTime<Utc>> {
    if !t.is_finite() {
        return None;
    }
    let ms = (t * 1_000.0).round() as i64;
    DateTime::from_timestamp_millis(ms)
}

fn label(t: f64, step: Step, mode: AxisMode) -> String {
    match mode {
        AxisMode::Absolute => absolute_label(t, step),
        AxisMode::Aligned => elapsed_label(t, step.seconds()),
    }
}

fn absolute_label(t: f64, step: Step) -> String {
    let Some(at) = utc(t) else {
        return String::new();
    };
    let month = MONTHS[at.month0() as usize];
    match step {
        Step::Months(n) if n >= 12 || at.month0() == 0 => at.year().to_string(),
        Step::Months(_) => month.to_string(),
        Step::Fixed { seconds, .. } => {
            let midnight = at.num_seconds_from_midnight() == 0 && at.nanosecond() == 0;
            if seconds >= DAY || midnight {
                format!("{month} {}", at.day())
            } else if seconds >= MINUTE {
                format!("{:02}:{:02}", at.hour(), at.minute())
            } else if seconds >= 1.0 {
                format!("{:02}:{:02}:{:02}", at.hour(), at.minute(), at.second())
            } else {
                format!(
                    "{:02}:{:02}:{:02}.{}",
                    at.hour(),
                    at.minute(),
                    at.second(),
                    at.timestamp_subsec_millis() / 100
                )
            }
        }
    }
}

/// Elapsed time at tick precision: `0`, `1 min 30 s`, `2 d 6 h`, `1.5 s`.
/// Every non-zero unit from the largest down to the step's own is shown, so
/// neighbouring labels always differ and none hides its hours or days.
pub fn elapsed_label(t: f64, step: f64) -> String {
    if !t.is_finite() {
        return String::new();
    }
    let tenths = (t.abs() * 10.0).round() as u64;
    if tenths == 0 {
        return "0".to_string();
    }
    let sign = if t < 0.0 { "−" } else { "" };
    let (whole, tenth) = (tenths / 10, tenths % 10);
    let smallest = [DAY, HOUR, MINUTE]
        .into_iter()
        .find(|&unit| unit <= step)
        .unwrap_or(1.0);
    let units = [
        (whole / 86_400, "d", DAY),
        (whole / 3_600 % 24, "h", HOUR),
        (whole / 60 % 60, "min", MINUTE),
        (whole % 60, "s", 1.0),
    ];
    let mut parts = Vec::new();
    for (value, unit, size) in units {
        if size < smallest {
            break;
        }
        if size == 1.0 && step < 1.0 && tenth > 0 {
            parts.push(format!("{value}.{tenth} s"));
        } else if value > 0 {
            parts.push(format!("{value} {unit}"));
        }
    }
    if parts.is_empty() {
        // Finer than its step (not a tick): say it plainly.
        parts.push(format!("{:.1} s", t.abs()));
    }
    format!("{sign}{}", parts.join(" "))
}

/// What the tick labels leave unsaid: the date and time zone of an absolute
/// axis, or what t = 0 is on an aligned one.
pub fn context(range: TimeRange, mode: AxisMode) -> String {
    match mode {
        AxisMode::Aligned => "since submission".to_string(),
        AxisMode::Absolute => {
            let (Some(a), Some(b)) = (utc(range.start), utc(range.end)) else {
                return "UTC".to_string();
            };
            if range.span() <= 2.0 * DAY {
                format!("{} UTC", date(&a))
            } else if a.year() == b.year() {
                format!("{} UTC", a.year())
            } else {
                format!("{}–{} UTC", a.year(), b.year())
            }
        }
    }
}

/// An instant as people write it, to the second: `2025-05-07 22:13:08 UTC`.
pub fn format_instant(t: f64) -> String {
    match utc(t) {
        Some(at) => format!(
            "{} {:02}:{:02}:{:02} UTC",
            date(&at),
            at.hour(),
            at.minute(),
            at.second()
        ),
        None => "—".to_string(),
    }
}

/// `2025-05-07`, without chrono's formatter (it would cost wasm bytes).
fn date(at: &DateTime<Utc>) -> String {
    format!("{:04}-{:02}-{:02}", at.year(), at.month(), at.day())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::model::testing::Rng;

    /// 2025-05-07 22:13:08 UTC, when the sample job started.
    const SAMPLE: f64 = 1_746_655_988.0;

    fn labels(range: TimeRange, width: f64, mode: AxisMode) -> Vec<String> {
        ticks(range, width, mode)
            .into_iter()
            .map(|t| t.label)
            .collect()
    }

    #[test]
    fn ticks_are_increasing_inside_the_range_and_readable() {
        let mut rng = Rng::new(7);
        for _ in 0..3_000 {
            let span = 10f64.powf(rng.range(-1.0, 9.0));
            let start = match rng.below(2) {
                0 => rng.range(-1e6, 1e6),
                _ => rng.range(1.0e9, 2.0e9),
            };
            let range = TimeRange::new(start, start + span);
            let width = rng.range(40.0, 3_000.0);
            let mode = if rng.below(2) == 0 {
                AxisMode::Absolute
            } else {
                AxisMode::Aligned
            };
            let ticks = ticks(range, width, mode);
            assert!(ticks.len() as f64 <= width / MIN_TICK_SPACING_PX + 2.0);
            for pair in ticks.windows(2) {
                let gap = (pair[1].t - pair[0].t) / span * width;
                assert!(pair[0].t < pair[1].t, "{range:?} {ticks:?}");
                let room = pair[0]
                    .label
                    .chars()
                    .count()
                    .max(pair[1].label.chars().count());
                assert!(gap + 1e-6 >= room as f64 * CHAR_PX + LABEL_GAP_PX || ticks.len() == 2);
                assert_ne!(pair[0].label, pair[1].label, "{mode:?} {range:?} {ticks:?}");
            }
            for t in &ticks {
                assert!(range.contains(t.t), "{range:?} {t:?}");
                assert!(!t.label.is_empty());
            }
        }
    }

    #[test]
    fn a_five_minute_job_gets_clock_ticks_every_minute() {
        let range = TimeRange::new(SAMPLE, SAMPLE + 335.0);
        assert_eq!(
            labels(range, 600.0, AxisMode::Absolute),
            ["22:14", "22:15", "22:16", "22:17", "22:18"]
        );
        assert_eq!(context(range, AxisMode::Absolute), "2025-05-07 UTC");
    }

    #[test]
    fn midnight_says_the_date_and_long_ranges_use_the_calendar() {
        let range = TimeRange::new(SAMPLE, SAMPLE + 4.0 * HOUR);
        assert_eq!(
            labels(range, 300.0, AxisMode::Absolute),
            ["23:00", "May 8", "01:00", "02:00"]
        );
        let year = TimeRange::new(SAMPLE - 200.0 * DAY, SAMPLE + 200.0 * DAY);
        let l = labels(year, 1_000.0, AxisMode::Absolute);
        assert!(l.contains(&"2025".to_string()), "{l:?}");
        assert!(l.contains(&"Apr".to_string()), "{l:?}");
        assert_eq!(context(year, AxisMode::Absolute), "2024–2025 UTC");
    }

    #[test]
    fn aligned_ticks_read_as_elapsed_time() {
        let l = labels(TimeRange::new(-10.0, 400.0), 900.0, AxisMode::Aligned);
        assert_eq!(
            l,
            ["0", "1 min", "2 min", "3 min", "4 min", "5 min", "6 min"]
        );
        let l = labels(TimeRange::new(0.0, 3.0 * DAY), 900.0, AxisMode::Aligned);
        assert_eq!(l[..3], ["0", "6 h", "12 h"]);
        assert!(l.contains(&"1 d".to_string()) && l.contains(&"1 d 6 h".to_string()));
        assert_eq!(elapsed_label(90.0, 30.0), "1 min 30 s");
        assert_eq!(elapsed_label(3_630.0, 30.0), "1 h 30 s");
        assert_eq!(elapsed_label(1.5, 0.5), "1.5 s");
        assert_eq!(elapsed_label(-120.0, 60.0), "−2 min");
        assert_eq!(
            context(TimeRange::new(0.0, 1.0), AxisMode::Aligned),
            "since submission"
        );
    }

    #[test]
    fn sub_second_zoom_shows_tenths() {
        let range = TimeRange::new(SAMPLE, SAMPLE + 0.5);
        let l = labels(range, 1_000.0, AxisMode::Absolute);
        assert_eq!(l.first().map(String::as_str), Some("22:13:08.0"));
        assert!(l.contains(&"22:13:08.1".to_string()), "{l:?}");
    }

    #[test]
    fn degenerate_ranges_have_no_ticks() {
        assert!(ticks(TimeRange::new(5.0, 5.0), 800.0, AxisMode::Absolute).is_empty());
        assert!(ticks(TimeRange::new(0.0, 5.0), 0.0, AxisMode::Absolute).is_empty());
        assert!(ticks(TimeRange::new(0.0, f64::NAN), 800.0, AxisMode::Aligned).is_empty());
    }

    #[test]
    fn instants_are_written_in_full() {
        assert_eq!(format_instant(SAMPLE), "2025-05-07 22:13:08 UTC");
        assert_eq!(format_instant(f64::NAN), "—");
    }
}
