//! The overview's numbers for the jobs shown, and its words. The numbers are the core's
//! [`Totals`] (`analysis::totals`): the same definition as the report's
//! `aggregate.totals`, which the CLI and every export print, so with no filter the page
//! and they agree to the microsecond. This module only words them.

pub use tapis_profile::analysis::goodput::Goodput;
pub use tapis_profile::analysis::totals::Totals;
use tapis_profile::report::Report;

use super::words;

/// The overview's totals of the jobs `shown` (indices into the report's jobs). With no
/// filter on, they are every job, and the report's own totals are theirs, to the bit:
/// the first render of 50,000 jobs then makes no pass over them in the order shown (~7
/// ms natively, a cache miss a job; docs/performance.md, P6).
pub fn shown_totals(report: &Report, shown: &[usize], filtered: bool) -> Totals {
    if filtered {
        Totals::of(shown.iter().map(|&i| &report.jobs[i]))
    } else {
        report.aggregate.totals.clone()
    }
}

/// The same definition as the report's goodput (the section, the CLI, the exports), over
/// the jobs `shown` at the report's charge rates; with no filter on, the report's own.
pub fn shown_goodput(report: &Report, shown: &[usize], filtered: bool) -> Goodput {
    if filtered {
        Goodput::of(
            shown.iter().map(|&i| &report.jobs[i]),
            &report.what_if.charge_rates,
        )
    } else {
        report.goodput.clone()
    }
}

/// Which jobs the overview sums, of `all` loaded: `all 12 jobs loaded`, `the one job
/// loaded`, `the 146 filtered jobs of 2,000`.
pub fn scope(t: &Totals, all: usize) -> String {
    let shown = t.jobs + t.stale_left_out;
    match shown {
        _ if shown == all => format!("{} loaded", words::all(all, "job")),
        1 => format!("the one filtered job of {}", words::thousands(all)),
        _ => format!(
            "the {} filtered jobs of {}",
            words::thousands(shown),
            words::thousands(all)
        ),
    }
}

/// Which jobs the insight sections (recommendations, what is normal, the checklist) and
/// the exports count: every job loaded but the stale ones left out, whatever the filter;
/// `shown` is how many the filter shows, when it is on.
/// `all 300 jobs loaded`, `the 293 jobs counted of 300 loaded (7 stale left out) — the
/// filter does not apply here`.
pub fn insight_scope(counted: usize, all: usize, shown: Option<usize>) -> String {
    let mut out = if counted == all {
        format!("{} loaded", words::all(all, "job"))
    } else {
        format!(
            "the {} counted of {} loaded ({} stale left out)",
            words::count(counted, "job"),
            words::thousands(all),
            words::thousands(all - counted)
        )
    };
    match shown.filter(|&n| n < all) {
        Some(1) => out.push_str(", not only the one the filter shows"),
        Some(shown) => out.push_str(&format!(
            ", not only the {} the filter shows",
            words::thousands(shown)
        )),
        None => {}
    }
    out
}

/// Badput in a line: the RUNNING lost to FAILED, CANCELLED and wall-time cuts, in
/// node-hours and SUs (the section says the rest): `Badput: 12.50 node-hours, 18.75
/// SUs`, `Badput: 3.00 node-hours, 1.20 of them in queues without a rate`, `Badput: no
/// RUNNING lost`.
pub fn badput_words(g: &Goodput) -> String {
    let lost = g.lost();
    if lost.running_seconds <= 0.0 {
        return "Badput: no RUNNING lost".to_string();
    }
    if lost.node_hours <= 0.0 {
        return format!(
            "Badput: {} RUNNING lost, node count not known",
            words::format_duration(lost.running_seconds)
        );
    }
    let mut out = format!("Badput: {} node-hours", words::node_hours(lost.node_hours));
    if lost.node_hours > lost.unpriced_node_hours {
        out.push_str(&format!(", {} SUs", words::node_hours(lost.sus)));
    }
    if lost.unpriced_node_hours > 0.0 {
        out.push_str(&format!(
            ", {} of them in queues without a rate",
            words::node_hours(lost.unpriced_node_hours)
        ));
    }
    out
}

/// What is partial about them: `3 with a history · 9 only from a job object · 1 still
/// running or waiting`; empty when every job has a history and none is open.
pub fn caveats(t: &Totals) -> String {
    let mut caveats = Vec::new();
    if t.with_history < t.jobs {
        caveats.push(format!(
            "{} with a history",
            words::thousands(t.with_history)
        ));
    }
    if t.coarse > 0 {
        caveats.push(format!(
            "{} only from a job object",
            words::thousands(t.coarse)
        ));
    }
    if t.open > 0 {
        caveats.push(format!(
            "{} still running or waiting",
            words::thousands(t.open)
        ));
    }
    caveats.join(" · ")
}

/// The stale jobs among those shown, in a sentence; empty when there are none.
pub fn stale_words(t: &Totals) -> String {
    match (t.stale_left_out, t.stale_counted) {
        (0, 0) => String::new(),
        (left_out, 0) => format!(
            "{} left out: {} in an open state for longer than it can plausibly last (see Data quality).",
            words::count(left_out, "stale job"),
            if left_out == 1 { "it has been" } else { "each has been" }
        ),
        (_, counted) => format!(
            "{} counted, measured up to now although {} in an open state for longer than it can plausibly last.",
            words::count(counted, "stale job"),
            if counted == 1 { "it has been" } else { "each has been" }
        ),
    }
}

/// The node-hours figure and the lines under it: RUNNING is what an allocation is charged
/// for, the time outside it is not; and, when some jobs do not say how many nodes they
/// used, how many do.
pub fn node_hours_words(t: &Totals) -> (String, String, Option<String>) {
    if t.node_hours.jobs == 0 {
        return (
            "—".into(),
            "node counts unknown (no job objects)".into(),
            None,
        );
    }
    let coverage = (t.node_hours.jobs < t.jobs).then(|| {
        format!(
            "{} of {} give a node count",
            words::thousands(t.node_hours.jobs),
            words::count(t.jobs, "job")
        )
    });
    (
        words::node_hours(t.node_hours.running),
        "in RUNNING, roughly what is charged; nothing is charged outside it".into(),
        coverage,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use tapis_profile::report::NodeHours;
    use tapis_profile::synthetic::{generate, Config};
    use tapis_profile::what_if::ChargeRates;
    use tapis_profile::{analyse, Bucket, Import, Options};

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
    }

    /// Synthetic jobs, `zombies` of them stuck, analysed a month on: the zombies are
    /// stale, the jobs open when captured are not.
    fn a_month_on(jobs: usize, zombies: usize) -> Report {
        let import = Import {
            jobs: generate(&Config {
                jobs,
                zombies,
                ..Config::default()
            }),
            diagnostics: Vec::new(),
        };
        let as_of = tapis_profile::time::parse_timestamp("2025-04-01T00:00:00Z");
        analyse(&import, &Options::at(as_of))
    }

    #[test]
    fn the_set_is_the_reports_own_totals_and_adds_up_with_its_statistics() {
        let r = a_month_on(500, 5);
        let t = Totals::of(&r.jobs);
        let a = &r.aggregate;
        assert_eq!(t, a.totals);
        assert_eq!(t.jobs, a.jobs);
        assert_eq!(t.stale_left_out, 5);
        assert_eq!(t.with_history, a.jobs_with_history);
        assert!(t.open > 0);
        // Every job here has a history: the statistics' sums are the same time.
        assert!(close(t.wall_seconds, a.total.as_ref().unwrap().sum));
        assert!(close(
            t.outside_seconds,
            a.outside_running.as_ref().unwrap().sum
        ));
        assert!(close(t.node_hours.running, a.node_hours.running));
        for (bucket, seconds) in t.buckets.iter() {
            let sum = a.buckets.get(bucket).map_or(0.0, |s| s.sum);
            assert!(close(*seconds, sum), "{bucket:?}: {seconds} vs {sum}");
        }
        assert!(close(t.unsplit_seconds(), 0.0), "buckets cover the time");
        assert_eq!(t.buckets.len(), Bucket::ALL.len());
    }

    #[test]
    fn the_overviews_goodput_is_the_reports_and_badput_says_its_node_hours_and_sus() {
        let import = Import {
            jobs: generate(&Config {
                jobs: 500,
                ..Config::default()
            }),
            diagnostics: Vec::new(),
        };
        let r = analyse(&import, &Options::default());
        let g = Goodput::of(&r.jobs, &r.what_if.charge_rates);
        assert_eq!(
            g, r.goodput,
            "one definition: the overview's is the report's"
        );
        let lost = g.lost();
        assert!(lost.node_hours > 0.0 && lost.sus > 0.0, "{lost:?}");
        let line = badput_words(&g);
        assert!(
            line.starts_with(&format!(
                "Badput: {} node-hours, {} SUs",
                words::node_hours(lost.node_hours),
                words::node_hours(lost.sus)
            )),
            "{line}"
        );
        // No rate for any queue: the node-hours, no SUs.
        let unpriced = Goodput::of(&r.jobs, &ChargeRates(Vec::new()));
        let nh = words::node_hours(lost.node_hours);
        assert_eq!(
            badput_words(&unpriced),
            format!("Badput: {nh} node-hours, {nh} of them in queues without a rate")
        );
        // No job: nothing lost.
        assert_eq!(
            badput_words(&Goodput::of([], &ChargeRates::default())),
            "Badput: no RUNNING lost"
        );
    }

    /// With no filter on, the overview's totals and goodput are the report's; they are
    /// what summing every job in the order shown gives (to rounding), and with a filter
    /// on, the sums over the jobs it shows.
    #[test]
    fn the_totals_of_the_jobs_shown_are_the_reports_with_no_filter() {
        use crate::model::query::{select, Filter, FilterChange, Sort, SortKey};
        let r = a_month_on(400, 4);
        let sort = Sort {
            key: SortKey::Total,
            descending: true,
        };
        let all = select(&r.jobs, &Filter::default(), &sort);
        let t = shown_totals(&r, &all, false);
        assert_eq!(t, r.aggregate.totals);
        let summed = Totals::of(all.iter().map(|&i| &r.jobs[i]));
        assert_eq!(
            (t.jobs, t.open, t.stale_left_out),
            (summed.jobs, summed.open, summed.stale_left_out)
        );
        assert!(close(t.wall_seconds, summed.wall_seconds));
        assert!(close(t.outside_seconds, summed.outside_seconds));
        assert!(close(t.node_hours.running, summed.node_hours.running));
        let g = shown_goodput(&r, &all, false);
        assert_eq!(g, r.goodput);
        let g_summed = Goodput::of(all.iter().map(|&i| &r.jobs[i]), &r.what_if.charge_rates);
        assert!(close(g.lost().node_hours, g_summed.lost().node_hours));
        assert!(close(g.lost().sus, g_summed.lost().sus));
        // A filter on: the sums over the jobs it shows.
        let failed = Filter::default().with(FilterChange::Status(Some("FAILED".into())));
        let some = select(&r.jobs, &failed, &sort);
        assert!(!some.is_empty() && some.len() < all.len());
        let only = |i: &usize| &r.jobs[*i];
        assert_eq!(
            shown_totals(&r, &some, true),
            Totals::of(some.iter().map(only))
        );
        assert_eq!(
            shown_goodput(&r, &some, true),
            Goodput::of(some.iter().map(only), &r.what_if.charge_rates)
        );
    }

    #[test]
    fn the_overview_says_which_jobs_and_what_is_partial() {
        let t = Totals {
            jobs: 2,
            with_history: 1,
            coarse: 1,
            open: 1,
            node_hours: NodeHours {
                jobs: 1,
                running: 2469.51,
                outside_running: 933.7,
                ..NodeHours::default()
            },
            ..Totals::default()
        };
        assert_eq!(scope(&t, 2), "all 2 jobs loaded");
        assert_eq!(scope(&t, 4_000), "the 2 filtered jobs of 4,000");
        assert_eq!(
            caveats(&t),
            "1 with a history · 1 only from a job object · 1 still running or waiting"
        );
        let (value, note, coverage) = node_hours_words(&t);
        assert_eq!(value, "2,469.5");
        assert_eq!(
            note,
            "in RUNNING, roughly what is charged; nothing is charged outside it"
        );
        assert!(
            !note.contains("933.7"),
            "the time outside RUNNING is no charge"
        );
        assert_eq!(coverage.as_deref(), Some("1 of 2 jobs give a node count"));
        let one = Totals {
            jobs: 1,
            with_history: 1,
            ..Totals::default()
        };
        assert_eq!(scope(&one, 1), "the one job loaded");
        assert_eq!(scope(&one, 16), "the one filtered job of 16");
        assert_eq!(
            insight_scope(14, 16, Some(1)),
            "the 14 jobs counted of 16 loaded (2 stale left out), not only the one the filter shows"
        );
        let plain = Totals::of([]);
        assert_eq!(caveats(&plain), "");
        assert_eq!(stale_words(&plain), "");
        assert_eq!(
            node_hours_words(&plain),
            (
                "—".to_string(),
                "node counts unknown (no job objects)".to_string(),
                None
            )
        );
        let stale = Totals {
            jobs: 293,
            stale_left_out: 7,
            ..Totals::default()
        };
        assert_eq!(scope(&stale, 300), "all 300 jobs loaded");
        assert!(stale_words(&stale).starts_with("7 stale jobs left out: each has been"));
        assert_eq!(insight_scope(1, 1, None), "the one job loaded");
        assert_eq!(
            insight_scope(2_000, 2_000, Some(2_000)),
            "all 2,000 jobs loaded"
        );
        assert_eq!(
            insight_scope(293, 300, Some(146)),
            "the 293 jobs counted of 300 loaded (7 stale left out), not only the 146 the filter shows"
        );
    }
}
