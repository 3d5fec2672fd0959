//! Words for what the canvas shows: tooltips, the announcement for screen
//! readers, the visible range. Durations use the core's human units, which
//! never hide hours or days.

use super::axis::{format_instant, AxisMode};
use super::geometry::{origin, Hit};
use super::rows::{Staleness, TimelineRow};
use super::viewport::TimeRange;
use crate::model::transfer_parts::tip_lines;
use crate::model::words::{format_duration, format_share, thousands};

/// A tooltip: a title and term/value lines.
#[derive(Debug, Clone, PartialEq)]
pub struct TipText {
    pub title: String,
    pub lines: Vec<(&'static str, String)>,
}

impl TipText {
    /// The same facts as one sentence, for the screen-reader announcement.
    pub fn sentence(&self) -> String {
        let facts: Vec<String> = self
            .lines
            .iter()
            .map(|(term, value)| format!("{term} {value}"))
            .collect();
        format!("{}: {}.", self.title, facts.join(", "))
    }
}

/// What the tooltip says about `hit`: the visit (state, start, end, duration,
/// share of the job), or the job when no visit is under the point.
pub fn describe(rows: &[TimelineRow], hit: Hit, mode: AxisMode) -> Option<TipText> {
    let row = rows.get(hit.row)?;
    let Some(span) = hit.span.and_then(|k| row.spans().get(k)) else {
        return Some(describe_row(row));
    };
    let seconds = span.seconds();
    let total = row.total_seconds();
    let share = if total > 0.0 { seconds / total } else { 0.0 };
    let mut lines = match span.phase {
        Some(phase) => vec![
            ("Phase", phase.label().to_string()),
            (
                "Holds",
                format!("{}; from the job object, no history", phase.holds()),
            ),
        ],
        None => vec![("State", span.state.name().to_string())],
    };
    lines.push(("Start", format_instant(span.start)));
    if row.stale == Staleness::LeftOut && span.open {
        lines.push(("End", "stale: not measured past its last event".to_string()));
    } else if span.open {
        lines.push(("End", "still in this state".to_string()));
        lines.push(("Duration", format!("{} so far", format_duration(seconds))));
    } else {
        lines.push(("End", format_instant(span.end)));
        lines.push(("Duration", format_duration(seconds)));
    }
    lines.push(("Share of job", format_share(share)));
    if let Some(a) = row.anatomy_of(span) {
        lines.extend(tip_lines(a));
    }
    if mode == AxisMode::Aligned {
        let after = span.start - origin(row, mode);
        lines.push(("After submission", format_duration(after)));
    }
    Some(TipText {
        title: row.label.clone(),
        lines,
    })
}

fn describe_row(row: &TimelineRow) -> TipText {
    let mut lines = vec![("Total", format_duration(row.total_seconds()))];
    if let Some((start, end)) = row.extent() {
        lines.push(("Start", format_instant(start)));
        lines.push(("End", format_instant(end)));
    }
    if row.coarse() {
        lines.push(("Phases", thousands(row.spans().len())));
    } else {
        lines.push(("Visits", thousands(row.spans().len())));
    }
    if let Some(state) = &row.status {
        let stale = if row.stale.is_stale() { " (stale)" } else { "" };
        lines.push(("Last state", format!("{}{stale}", state.name())));
    }
    TipText {
        title: row.label.clone(),
        lines,
    }
}

/// The range on screen in words: `2025-05-07 22:13:01 UTC to 22:18:48 (5 min 47 s)`.
pub fn range_summary(range: TimeRange, mode: AxisMode) -> String {
    let width = format_duration(range.span());
    match mode {
        AxisMode::Absolute => {
            let (a, b) = (format_instant(range.start), format_instant(range.end));
            // Same day: say the date once.
            let b = match (a.split_once(' '), b.split_once(' ')) {
                (Some((day_a, _)), Some((day_b, rest))) if day_a == day_b => {
                    rest.trim_end_matches(" UTC").to_string()
                }
                _ => b,
            };
            format!("{a} to {b} ({width})")
        }
        AxisMode::Aligned => format!(
            "{} to {} after submission ({width})",
            format_duration(range.start),
            format_duration(range.end)
        ),
    }
}

/// Which jobs are on screen: `jobs 17–32 of 2,000` (empty when all are).
pub fn rows_summary(visible: std::ops::Range<usize>, total: usize) -> String {
    if visible.start == 0 && visible.end >= total {
        return String::new();
    }
    jobs_range(visible, total)
}

/// Rows `range` (from 0) of `total`, as the page numbers them: `jobs 1,976–2,000 of 2,000`;
/// `no jobs` when there are none.
pub fn jobs_range(range: std::ops::Range<usize>, total: usize) -> String {
    if total == 0 {
        return "no jobs".to_string();
    }
    format!(
        "jobs {}–{} of {}",
        thousands(range.start + 1),
        thousands(range.end),
        thousands(total)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::model::rows::Span;
    use tapis_profile::JobState;

    fn row() -> TimelineRow {
        let t0 = 1_746_655_988.0;
        TimelineRow::new(
            "u",
            "opensees".into(),
            None,
            vec![
                Span {
                    phase: None,
                    state: JobState::Queued,
                    start: t0,
                    end: t0 + 6_600.0,
                    open: false,
                },
                Span {
                    phase: None,
                    state: JobState::Running,
                    start: t0 + 6_600.0,
                    end: t0 + 9_000.0,
                    open: true,
                },
            ],
        )
    }

    #[test]
    fn a_visit_says_state_times_duration_and_share() {
        let tip = describe(
            &[row()],
            Hit {
                row: 0,
                span: Some(0),
            },
            AxisMode::Aligned,
        )
        .unwrap();
        assert_eq!(tip.title, "opensees");
        assert_eq!(
            tip.lines,
            [
                ("State", "QUEUED".to_string()),
                ("Start", "2025-05-07 22:13:08 UTC".to_string()),
                ("End", "2025-05-08 00:03:08 UTC".to_string()),
                ("Duration", "1 h 50 min".to_string()),
                ("Share of job", "73.3 %".to_string()),
                ("After submission", "0.0 s".to_string()),
            ]
        );
        assert!(tip
            .sentence()
            .starts_with("opensees: State QUEUED, Start 2025-05-07"));
    }

    #[test]
    fn a_transfer_visit_says_its_parts_as_the_core_measured_them() {
        use crate::model::labels::Labels;
        use crate::timeline::model::rows::TimelineRows;
        let import = tapis_profile::import_text("s", crate::model::page_reducer::SAMPLE_HISTORY);
        let report = tapis_profile::analyse(&import, &Default::default());
        let rows = TimelineRows::from_jobs(&report.jobs, &Labels::of(&report.jobs));
        // The tooltip of the sample job's visit to `state`.
        let tip_of = |state: JobState| {
            let k = rows[0].spans().iter().position(|s| s.state == state);
            let hit = Hit { row: 0, span: k };
            describe(&rows, hit, AxisMode::Absolute).unwrap()
        };
        let tip = tip_of(JobState::Archiving);
        let line = |term: &str| {
            tip.lines
                .iter()
                .find(|(t, _)| *t == term)
                .map(|(_, v)| v.clone())
        };
        assert_eq!(line("Waiting").as_deref(), Some("12.4 s (5.8 %)"));
        assert_eq!(line("Copying").as_deref(), Some("2 min 52 s (79.8 %)"));
        assert_eq!(line("Completion lag").as_deref(), Some("31.0 s (14.4 %)"));
        assert_eq!(line("Copied").as_deref(), Some("5,069 files, 150.9 MB"));
        // Other states say nothing of transfers.
        let tip = tip_of(JobState::Running);
        assert!(!tip.lines.iter().any(|(t, _)| *t == "Copying"));
    }

    #[test]
    fn an_open_visit_says_so() {
        let tip = describe(
            &[row()],
            Hit {
                row: 0,
                span: Some(1),
            },
            AxisMode::Absolute,
        )
        .unwrap();
        assert!(tip
            .lines
            .contains(&("End", "still in this state".to_string())));
        assert!(tip
            .lines
            .contains(&("Duration", "40 min so far".to_string())));
    }

    #[test]
    fn the_job_itself_when_no_visit_is_under_the_point() {
        let tip = describe(&[row()], Hit { row: 0, span: None }, AxisMode::Absolute).unwrap();
        assert_eq!(tip.lines[0], ("Total", "2 h 30 min".to_string()));
        assert!(tip.lines.contains(&("Last state", "RUNNING".to_string())));
        assert_eq!(
            describe(&[row()], Hit { row: 3, span: None }, AxisMode::Absolute),
            None
        );
    }

    #[test]
    fn the_rows_on_screen_in_words() {
        assert_eq!(rows_summary(0..1, 1), "");
        assert_eq!(rows_summary(16..33, 2_000), "jobs 17–33 of 2,000");
        assert_eq!(jobs_range(1_975..2_000, 2_000), "jobs 1,976–2,000 of 2,000");
        assert_eq!(jobs_range(0..0, 0), "no jobs");
    }

    #[test]
    fn the_range_in_words() {
        let t0 = 1_746_655_988.0;
        assert_eq!(
            range_summary(TimeRange::new(t0, t0 + 335.0), AxisMode::Absolute),
            "2025-05-07 22:13:08 UTC to 22:18:43 (5 min 35 s)"
        );
        assert_eq!(
            range_summary(TimeRange::new(t0, t0 + 7_200.0), AxisMode::Absolute),
            "2025-05-07 22:13:08 UTC to 2025-05-08 00:13:08 UTC (2 h)"
        );
        assert_eq!(
            range_summary(TimeRange::new(-6.0, 300.0), AxisMode::Aligned),
            "−6.0 s to 5 min after submission (5 min 6 s)"
        );
    }
}
