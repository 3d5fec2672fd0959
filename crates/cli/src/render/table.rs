//! Plain-text tables for a terminal.

use std::fmt::Write;

use super::grid;

use tapis_profile::checklist::Verdict;
use tapis_profile::format::{
    count, format_count, format_duration, format_share, printable, short_uuid as short,
};
use tapis_profile::report::Report;
use tapis_profile::rules::Level;
use tapis_profile::{Bucket, JobState};

/// Jobs listed individually; beyond that, only the aggregate.
const MAX_JOB_ROWS: usize = 50;

pub fn render(r: &Report) -> String {
    let mut out = String::new();
    let with = r.aggregate.jobs_with_history;
    let t = &r.aggregate.totals;
    let coarse = r
        .jobs
        .iter()
        .filter(|j| !j.has_history && j.coarse.is_some())
        .count();
    let _ = write!(
        out,
        "{} read, {} with history",
        count(r.jobs.len(), "job"),
        format_count(r.jobs.iter().filter(|j| j.has_history).count() as u64)
    );
    if coarse > 0 {
        let _ = write!(
            out,
            ", {} known only from a job object (coarse)",
            format_count(coarse as u64)
        );
    }
    out.push_str(".\n");
    if t.stale_left_out > 0 {
        let _ = writeln!(
            out,
            "{} stale (left in an open state too long): not measured past {} last event and left out below; --include-stale counts {}.",
            count(t.stale_left_out, "job"),
            if t.stale_left_out == 1 { "its" } else { "their" },
            if t.stale_left_out == 1 { "it" } else { "them" }
        );
    } else if t.stale_counted > 0 {
        let _ = writeln!(
            out,
            "{} stale, counted (--include-stale): measured up to now.",
            count(t.stale_counted, "job")
        );
    }
    let _ = writeln!(
        out,
        "Wall time of {} counted: {}; {} outside RUNNING ({}).\n",
        tapis_profile::format::the(t.jobs, "job"),
        format_duration(t.wall_seconds),
        format_duration(t.outside_seconds),
        t.outside_share().map_or("—".into(), format_share)
    );

    let mut rows = vec![vec![
        "JOB".to_string(),
        "STATUS".into(),
        "TOTAL".into(),
        "OUTSIDE RUNNING".into(),
        "QUEUED".into(),
        "STAGING_INPUTS".into(),
        "RUNNING".into(),
        "ARCHIVING".into(),
        "NAME".into(),
    ]];
    for j in r.jobs.iter().take(MAX_JOB_ROWS) {
        let d = |s: JobState| j.state_time_label(&s);
        rows.push(vec![
            short(&j.uuid).to_string(),
            j.status_label(),
            j.total_label(),
            match j.outside_running_share {
                Some(s) => format!(
                    "{} ({})",
                    format_duration(j.outside_running_seconds),
                    format_share(s)
                ),
                None => "—".into(),
            },
            d(JobState::Queued),
            d(JobState::StagingInputs),
            d(JobState::Running),
            d(JobState::Archiving),
            j.name.as_deref().unwrap_or_default().to_string(),
        ]);
    }
    out.push_str(&grid(&rows));
    if r.jobs.len() > MAX_JOB_ROWS {
        let _ = writeln!(
            out,
            "… and {} more jobs (use --format csv for all).",
            format_count((r.jobs.len() - MAX_JOB_ROWS) as u64)
        );
    }

    if with > 1 {
        let _ = writeln!(
            out,
            "\nAcross {} jobs with history:",
            format_count(with as u64)
        );
        let mut rows = vec![vec![
            "STATE / BUCKET".to_string(),
            "JOBS".into(),
            "SUM".into(),
            "MEDIAN".into(),
            "P90".into(),
            "MAX".into(),
        ]];
        let row = |name: String, s: &tapis_profile::stats::Summary| {
            vec![
                name,
                format_count(s.count as u64),
                format_duration(s.sum),
                format_duration(s.median),
                format_duration(s.p90),
                format_duration(s.max),
            ]
        };
        for (state, s) in r.aggregate.states.iter() {
            rows.push(row(state.name().to_string(), s));
        }
        for (b, s) in r.aggregate.buckets.iter() {
            rows.push(row(format!("[{}]", Bucket::label(*b)), s));
        }
        if let Some(t) = &r.aggregate.total {
            rows.push(row("[total]".into(), t));
        }
        out.push_str(&grid(&rows));
    }

    let outliers: Vec<_> = r.outliers().collect();
    if !outliers.is_empty() {
        let _ = writeln!(out, "\nOutliers (against their own group, median/MAD):");
        for (j, o) in outliers.iter().take(20) {
            let _ = writeln!(
                out,
                "  {} {}: {} vs median {} of {} jobs in {}",
                short(&j.uuid),
                o.metric,
                format_duration(o.seconds),
                format_duration(o.group_median),
                format_count(o.group_size as u64),
                printable(&o.group)
            );
        }
    }

    for (title, lines) in [
        ("Goodput and badput:", r.goodput.lines()),
        ("Data movement:", r.data_movement.lines()),
    ] {
        let _ = writeln!(out, "\n{title}");
        for l in lines {
            let _ = writeln!(out, "  {l}");
        }
    }

    if r.recommendations.is_empty() && r.unjudged.is_empty() {
        let _ = writeln!(out, "\nNo recommendations: nothing stands out.");
    } else if r.recommendations.is_empty() {
        let _ = writeln!(out, "\nNo recommendations in what could be judged.");
    } else {
        let _ = writeln!(out, "\nRecommendations (largest estimated saving first):");
    }
    for rec in &r.recommendations {
        let level = match rec.severity {
            Level::Critical => "CRITICAL",
            Level::Warning => "warning",
            Level::Info => "info",
        };
        let _ = writeln!(
            out,
            "\n[{level}] {} — {} ({} at stake, {})",
            rec.id,
            rec.title,
            format_duration(rec.time_at_stake_seconds),
            count(rec.jobs.len(), "job")
        );
        let _ = writeln!(out, "  {}", tapis_profile::savings::savings_line(rec));
        if let Some(s) = &rec.estimated_savings {
            let _ = writeln!(out, "  How computed: {}", s.basis);
        }
        for e in &rec.evidence {
            let _ = writeln!(out, "  {}", printable(e));
        }
        for a in &rec.specific_advice {
            let _ = writeln!(out, "  → {}", printable(a));
        }
        for a in &rec.advice {
            let _ = writeln!(out, "  • {a}");
        }
    }

    for g in tapis_profile::rules::unjudged_groups(&r.unjudged) {
        let _ = writeln!(
            out,
            "\n[cannot judge] {} for {} {}: needs {}.",
            g.ids.join(", "),
            count(g.jobs, "job"),
            g.lacking,
            g.needs
        );
    }

    let _ = writeln!(out, "\nI/O checklist before you submit a Tapis job:");
    for section in &r.checklist {
        let _ = writeln!(out, "{}. {}", section.number, section.title);
        for item in &section.items {
            let mark = match item.verdict {
                Verdict::Pass => "[ok]",
                Verdict::Attention => "[!!]",
                Verdict::Unknown => "[ ?]",
            };
            let _ = writeln!(out, "   {mark} {}", item.text);
            if let (Some(e), false) = (&item.evidence, item.verdict == Verdict::Unknown) {
                let _ = writeln!(out, "        {}", printable(e));
            }
        }
    }
    out
}
