//! `compare`, `load` and `trends` as plain text for a terminal: the Markdown
//! sections' numbers and words (`tapis_profile::export`), in aligned columns.

use std::fmt::Write;

use tapis_profile::cohort::{Comparison, LEVEL};
use tapis_profile::export::{
    interval_words, point_words, shares_words, MAX_ATTRIBUTES, MAX_VISITS,
};
use tapis_profile::format::{count, format_count, format_difference, format_duration, short_uuid};
use tapis_profile::load::{blocked_words, Load};
use tapis_profile::stats::Summary;
use tapis_profile::time::format_timestamp;
use tapis_profile::trends::Trends;

use super::grid;

pub fn comparison(c: &Comparison) -> String {
    let mut out = String::new();
    for (name, side) in [("A", &c.a), ("B", &c.b)] {
        let _ = writeln!(
            out,
            "{name}: {}  ({}, {} with a history)",
            side.selector,
            count(side.jobs, "job"),
            format_count(side.with_history as u64)
        );
    }
    out.push('\n');
    let median =
        |s: &Option<Summary>| s.as_ref().map_or("—".into(), |s| format_duration(s.median));
    let p90 = |s: &Option<Summary>| s.as_ref().map_or("—".into(), |s| format_duration(s.p90));
    let diff = |d: Option<f64>| d.map_or("—".into(), format_difference);
    let mut rows = vec![vec![
        "STATE OR BUCKET".to_string(),
        "A MEDIAN".into(),
        "B MEDIAN".into(),
        "DIFFERENCE".into(),
        format!("{:.0} % INTERVAL", LEVEL * 100.0),
        "A P90".into(),
        "B P90".into(),
        "P90 DIFF".into(),
        "".into(),
    ]];
    for r in &c.rows {
        rows.push(vec![
            r.metric.label(),
            median(&r.a),
            median(&r.b),
            diff(r.median_difference),
            interval_words(r.interval),
            p90(&r.a),
            p90(&r.b),
            diff(r.p90_difference),
            r.verdict.words().to_string(),
        ]);
    }
    out.push_str(&grid(&rows));
    let _ = writeln!(out, "\n{}", c.method);
    if !c.attributes.is_empty() {
        out.push_str(
            "\nAttributes that differ most (total variation distance: 0 alike, 1 no value shared;\nvalues as share of A / of B):\n",
        );
        for a in c.attributes.iter().take(MAX_ATTRIBUTES) {
            let _ = writeln!(out, "  {:.2}  {}: {}", a.score, a.label, shares_words(a));
        }
    }
    out
}

pub fn load(l: &Load) -> String {
    let mut out = format!("{} with a history drawn", count(l.jobs, "job"));
    if l.without_history > 0 {
        let _ = write!(
            out,
            ", {} without one left out",
            format_count(l.without_history as u64)
        );
    }
    out.push_str(".\n\n");
    let mut rows = vec![vec![
        "STATE".to_string(),
        "MOST AT ONCE".into(),
        "FIRST AT".into(),
    ]];
    for (state, most, at) in l.most_per_state() {
        rows.push(vec![
            state.name().to_string(),
            format_count(u64::from(most)),
            at.as_ref().map_or("—".into(), format_timestamp),
        ]);
    }
    out.push_str(&grid(&rows));
    if !l.peaks.is_empty() {
        out.push_str(
            "\nPeak active jobs per system and queue (not ended, not BLOCKED or PAUSED):\n",
        );
        let mut rows = vec![vec![
            "SYSTEM / QUEUE".to_string(),
            "ACTIVE".into(),
            "FROM".into(),
            "UNTIL".into(),
        ]];
        for p in &l.peaks {
            rows.push(vec![
                p.system_queue.clone(),
                format_count(u64::from(p.active)),
                format_timestamp(&p.from),
                format_timestamp(&p.to),
            ]);
        }
        out.push_str(&grid(&rows));
    }
    let words = blocked_words(l);
    if !words.is_empty() {
        out.push_str("\nBLOCKED:\n");
        for w in &words {
            let _ = writeln!(out, "  {w}");
        }
        out.push('\n');
        let mut rows = vec![vec![
            "JOB".to_string(),
            "SYSTEM / QUEUE".into(),
            "FROM".into(),
            "FOR".into(),
            "OTHERS ACTIVE".into(),
            "MOST MEANWHILE".into(),
            "ON SYSTEM".into(),
            "BLOCKED TOGETHER".into(),
            "MESSAGE".into(),
        ]];
        let messages = l.blocked.iter().any(|v| v.message.is_some());
        for v in l.blocked.iter().take(MAX_VISITS) {
            rows.push(vec![
                short_uuid(&v.uuid).to_string(),
                v.system_queue.clone(),
                format_timestamp(&v.from),
                format!(
                    "{}{}",
                    format_duration(v.seconds),
                    if v.open { " (still)" } else { "" }
                ),
                v.active_when_blocked.to_string(),
                v.most_active.to_string(),
                v.active_on_system.to_string(),
                v.blocked_together.to_string(),
                v.message.as_deref().unwrap_or_default().to_string(),
            ]);
        }
        if !messages {
            rows.iter_mut().for_each(|r| {
                r.pop();
            });
        }
        out.push_str(&grid(&rows));
        if l.blocked.len() > MAX_VISITS {
            let _ = writeln!(
                out,
                "…and {} more (--format json has them all).",
                format_count((l.blocked.len() - MAX_VISITS) as u64)
            );
        }
    }
    out
}

pub fn trends(t: &Trends) -> String {
    if t.periods.is_empty() {
        return format!("{}\n", tapis_profile::trends::NO_DATES);
    }
    let mut out = format!(
        "Median / P90 per job, per {} of submission.\n",
        t.period.noun()
    );
    for s in &t.series {
        let _ = writeln!(out, "\n{}:", s.label());
        let mut rows = vec![vec![
            t.period.noun().to_uppercase(),
            "JOBS".into(),
            "MEDIAN / P90".into(),
        ]];
        for (i, period) in t.periods.iter().enumerate() {
            let jobs = s.points[i].as_ref().map_or(0, |p| p.count);
            rows.push(vec![
                period.clone(),
                format_count(jobs as u64),
                point_words(s.points[i].as_ref()),
            ]);
        }
        for line in grid(&rows).lines() {
            let _ = writeln!(out, "  {line}");
        }
    }
    if t.undated > 0 {
        let _ = writeln!(
            out,
            "\n{} without a submission time in no period.",
            count(t.undated, "job")
        );
    }
    out
}
