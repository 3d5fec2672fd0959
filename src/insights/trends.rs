//! The trends as small multiples: one panel per series (each bucket, the total,
//! queue wait per system and queue), the median per period as a solid line and
//! the P90 as a dashed one above it, each panel on its own scale from zero. The
//! numbers are the core's (`tapis_profile::trends`, the CLI's `trends`); the
//! table under the panels gives them exactly.

use tapis_profile::trends::{Series, Trends};

use crate::model::words::format_duration;

/// A panel's drawing box (SVG user units); the SVG scales it to the panel's width.
pub const WIDTH: f64 = 300.0;
pub const HEIGHT: f64 = 90.0;
/// Room around the lines, so a dot at an edge is whole.
const PAD: f64 = 6.0;

/// One series drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct TrendPanel {
    /// `queue-wait@frontera / normal`: as the table's `data-series`.
    pub key: String,
    pub label: String,
    /// Runs of consecutive periods with a value: medians and P90s as (x, y).
    pub medians: Vec<Vec<(f64, f64)>>,
    pub p90s: Vec<Vec<(f64, f64)>>,
    /// The panel's top: the largest P90, in words.
    pub top: String,
    /// The last period's median and P90 in words, or why there is none.
    pub latest: String,
}

/// The series' key in the page's markup: `queue-wait` or `queue-wait@frontera / normal`.
pub fn series_key(s: &Series) -> String {
    match &s.system_queue {
        Some(q) => format!("{}@{q}", s.metric.key()),
        None => s.metric.key(),
    }
}

/// A panel per series with at least one value.
pub fn panels(t: &Trends) -> Vec<TrendPanel> {
    t.series
        .iter()
        .filter_map(|s| panel(s, t.periods.len()))
        .collect()
}

fn panel(s: &Series, periods: usize) -> Option<TrendPanel> {
    let top = s.points.iter().flatten().map(|p| p.p90).fold(0.0, f64::max);
    if !s.points.iter().any(Option::is_some) {
        return None;
    }
    let x = |i: usize| match periods {
        0 | 1 => WIDTH / 2.0,
        n => PAD + i as f64 * (WIDTH - 2.0 * PAD) / (n - 1) as f64,
    };
    let y = |v: f64| {
        let share = if top > 0.0 { v / top } else { 0.0 };
        HEIGHT - PAD - share * (HEIGHT - 2.0 * PAD)
    };
    let runs = |value: fn(&tapis_profile::stats::Summary) -> f64| {
        let mut out: Vec<Vec<(f64, f64)>> = Vec::new();
        let mut run: Vec<(f64, f64)> = Vec::new();
        for (i, p) in s.points.iter().enumerate() {
            match p {
                Some(p) => run.push((x(i), y(value(p)))),
                None if !run.is_empty() => out.push(std::mem::take(&mut run)),
                None => {}
            }
        }
        if !run.is_empty() {
            out.push(run);
        }
        out
    };
    let latest = match s.points.last() {
        Some(Some(p)) => format!(
            "last: median {}, P90 {}",
            format_duration(p.median),
            format_duration(p.p90)
        ),
        _ => "no job in the last period".to_string(),
    };
    Some(TrendPanel {
        key: series_key(s),
        label: s.label(),
        medians: runs(|p| p.median),
        p90s: runs(|p| p.p90),
        top: format_duration(top),
        latest,
    })
}

/// SVG `points` of a run: `x,y x,y …`. A lone point is given twice: with round
/// caps its zero-length line draws as a dot.
pub fn svg_points(run: &[(f64, f64)]) -> String {
    let lone = (run.len() == 1).then(|| run[0]);
    run.iter()
        .chain(lone.as_ref())
        .map(|(x, y)| format!("{x:.1},{y:.1}"))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use tapis_profile::stats::Summary;
    use tapis_profile::trends::{trends, Period};

    fn point(median: f64, p90: f64) -> Option<Summary> {
        Some(Summary {
            count: 3,
            sum: median * 3.0,
            min: median / 2.0,
            median,
            p90,
            max: p90,
        })
    }

    fn with(points: Vec<Option<Summary>>) -> Trends {
        let n = points.len();
        Trends {
            period: Period::Week,
            periods: (0..n).map(|i| format!("2025-W{:02}", i + 1)).collect(),
            jobs: vec![3; n],
            series: vec![Series {
                metric: tapis_profile::metric::Metric::Total,
                system_queue: Some("frontera / normal".into()),
                points,
            }],
            ..trends(std::iter::empty())
        }
    }

    #[test]
    fn medians_and_p90s_share_a_scale_up_to_the_largest_p90() {
        let t = with(vec![
            point(10.0, 20.0),
            point(30.0, 40.0),
            None,
            point(5.0, 10.0),
        ]);
        let p = &panels(&t)[0];
        assert_eq!(p.key, "total@frontera / normal");
        // The gap splits the lines; the largest P90 touches the top, zero the bottom.
        assert_eq!(p.medians.len(), 2);
        assert_eq!(p.p90s[0].len(), 2);
        assert_eq!(p.p90s[0][1].1, PAD);
        assert_eq!(
            p.medians[0][0].1,
            HEIGHT - PAD - 0.25 * (HEIGHT - 2.0 * PAD)
        );
        // Periods evenly across, the first and last at the edges.
        assert_eq!(p.medians[0][0].0, PAD);
        assert_eq!(p.medians[1][0].0, WIDTH - PAD);
        assert_eq!(p.top, format_duration(40.0));
        assert!(p.latest.contains(&format_duration(5.0)));
        // A lone point is drawn as a dot: a zero-length line with round caps.
        let dot = format!("{:.1},{:.1}", WIDTH - PAD, p.medians[1][0].1);
        assert_eq!(svg_points(&p.medians[1]), format!("{dot} {dot}"));
    }

    #[test]
    fn one_period_sits_in_the_middle_and_empty_series_are_left_out() {
        let t = with(vec![point(0.0, 0.0)]);
        let p = &panels(&t)[0];
        assert_eq!(p.medians[0], vec![(WIDTH / 2.0, HEIGHT - PAD)]);
        assert!(panels(&with(vec![None, None])).is_empty());
        let gap = &panels(&with(vec![point(1.0, 2.0), None]))[0];
        assert_eq!(gap.latest, "no job in the last period");
    }
}
