//! The comparison of two cohorts, the load over time and the trends as Markdown
//! sections: what `tapis-profile compare --format md` adds to the report, and
//! what `load` and `trends` print as Markdown.

use std::fmt::Write;

use super::markdown::{code, text};
use crate::cohort::{Comparison, LEVEL};
use crate::format::{
    count, format_count, format_difference, format_duration, format_share, short_uuid,
};
use crate::load::{blocked_words, Load};
use crate::stats::Summary;
use crate::time::format_timestamp;
use crate::trends::Trends;

/// A cohort as the user wrote it, as code: nothing in a code span is read as markup
/// but a backtick, and a selector holding one (or a control character: it came
/// from the data) is shown as [`text`].
fn selector(s: &str) -> String {
    if s.chars().any(|c| c == '`' || c.is_control()) {
        text(s)
    } else {
        format!("`{s}`")
    }
}

/// Attributes listed, most different first.
pub const MAX_ATTRIBUTES: usize = 8;
/// BLOCKED visits listed one by one.
pub const MAX_VISITS: usize = 50;

/// `## Comparison`: the two cohorts, each state's and bucket's medians and P90s
/// with the difference and its interval, and the attributes ranked.
pub fn comparison_markdown(c: &Comparison) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "\n## Comparison: A {} against B {}\n",
        selector(&c.a.selector),
        selector(&c.b.selector)
    );
    let _ = writeln!(
        out,
        "A: {} ({} with a history). B: {} ({} with a history).\n",
        count(c.a.jobs, "job"),
        format_count(c.a.with_history as u64),
        count(c.b.jobs, "job"),
        format_count(c.b.with_history as u64)
    );
    let _ = writeln!(
        out,
        "| State or bucket | A median | B median | Difference | {:.0} % interval | A P90 | B P90 | P90 difference | |",
        LEVEL * 100.0
    );
    out.push_str("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
    let median =
        |s: &Option<Summary>| s.as_ref().map_or("—".into(), |s| format_duration(s.median));
    let p90 = |s: &Option<Summary>| s.as_ref().map_or("—".into(), |s| format_duration(s.p90));
    let diff = |d: Option<f64>| d.map_or("—".into(), format_difference);
    for r in &c.rows {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            text(&r.metric.label()),
            median(&r.a),
            median(&r.b),
            diff(r.median_difference),
            interval_words(r.interval),
            p90(&r.a),
            p90(&r.b),
            diff(r.p90_difference),
            r.verdict.words()
        );
    }
    let _ = writeln!(out, "\n{}", c.method);
    if !c.attributes.is_empty() {
        out.push_str(
            "\n### Attributes that differ most\n\nTotal variation distance: 0 when the cohorts are \
             spread over an attribute's values alike, 1 when they share no value.\n\n",
        );
        out.push_str("| Attribute | Score | Values (share of A / of B) |\n| --- | ---: | --- |\n");
        for a in c.attributes.iter().take(MAX_ATTRIBUTES) {
            let _ = writeln!(
                out,
                "| {} | {:.2} | {} |",
                text(&a.label),
                a.score,
                text(&shares_words(a))
            );
        }
    }
    out
}

/// `−1 min 50 s to −1 min 40 s`, or `—`.
pub fn interval_words(interval: Option<(f64, f64)>) -> String {
    interval.map_or("—".into(), |(lo, hi)| {
        format!("{} to {}", format_difference(lo), format_difference(hi))
    })
}

/// `100-999: 62.0 % / 0.0 %; 1-9: 0.0 % / 100.0 %`.
pub fn shares_words(a: &crate::cohort::Attribute) -> String {
    a.values
        .iter()
        .map(|s| format!("{}: {} / {}", s.value, format_share(s.a), format_share(s.b)))
        .collect::<Vec<_>>()
        .join("; ")
}

/// `## Load over time`: the most jobs in each state at once, each system and
/// queue's peak of active jobs, and the BLOCKED visits explained.
pub fn load_markdown(l: &Load) -> String {
    let mut out = String::from("\n## Load over time\n\n");
    let _ = writeln!(
        out,
        "{} with a history drawn{}.\n",
        count(l.jobs, "job"),
        if l.without_history > 0 {
            format!(
                ", {} without one left out",
                format_count(l.without_history as u64)
            )
        } else {
            String::new()
        }
    );
    out.push_str("| State | Most jobs at once | First at |\n| --- | ---: | --- |\n");
    for (state, most, at) in l.most_per_state() {
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            text(state.name()),
            format_count(u64::from(most)),
            at.as_ref().map_or("—".into(), format_timestamp)
        );
    }
    if !l.peaks.is_empty() {
        out.push_str(
            "\nPeak active jobs per system and queue (active as Tapis' quotas count them: not \
             ended, not BLOCKED or PAUSED):\n\n| System and queue | Most active at once | From | Until |\n\
             | --- | ---: | --- | --- |\n",
        );
        for p in &l.peaks {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} |",
                text(&p.system_queue),
                format_count(u64::from(p.active)),
                format_timestamp(&p.from),
                format_timestamp(&p.to)
            );
        }
    }
    let words = blocked_words(l);
    if !words.is_empty() {
        out.push_str("\n### BLOCKED\n\n");
        for w in &words {
            let _ = writeln!(out, "{w}");
        }
        out.push_str(
            "\n| Job | System and queue | From | For | Others active then | Most active meanwhile | On the system then | Blocked together | Message |\n\
             | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | --- |\n",
        );
        for v in l.blocked.iter().take(MAX_VISITS) {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {}{} | {} | {} | {} | {} | {} |",
                code(short_uuid(&v.uuid)),
                text(&v.system_queue),
                format_timestamp(&v.from),
                format_duration(v.seconds),
                if v.open { " (still)" } else { "" },
                v.active_when_blocked,
                v.most_active,
                v.active_on_system,
                v.blocked_together,
                text(v.message.as_deref().unwrap_or(""))
            );
        }
        if l.blocked.len() > MAX_VISITS {
            let _ = writeln!(
                out,
                "\n…and {} more.",
                format_count((l.blocked.len() - MAX_VISITS) as u64)
            );
        }
    }
    out
}

/// `## Trends`: per period, the jobs submitted and each series' median and P90.
pub fn trends_markdown(t: &Trends) -> String {
    let mut out = format!("\n## Trends (per {})\n\n", t.period.noun());
    if t.periods.is_empty() {
        out.push_str(crate::trends::NO_DATES);
        out.push('\n');
        return out;
    }
    out.push_str("Median / P90 per job, by the period the jobs were submitted in.\n\n");
    let _ = write!(out, "| {} | Jobs |", capitalised(t.period.noun()));
    for s in &t.series {
        let _ = write!(out, " {} |", text(&s.label()));
    }
    out.push_str("\n| --- | ---: |");
    out.push_str(&" ---: |".repeat(t.series.len()));
    out.push('\n');
    for (i, period) in t.periods.iter().enumerate() {
        let _ = write!(out, "| {period} | {} |", format_count(t.jobs[i] as u64));
        for s in &t.series {
            let _ = write!(out, " {} |", point_words(s.points[i].as_ref()));
        }
        out.push('\n');
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

/// `1 min 40 s / 3 min`, or `—`.
pub fn point_words(p: Option<&Summary>) -> String {
    p.map_or("—".into(), |p| {
        format!("{} / {}", format_duration(p.median), format_duration(p.p90))
    })
}

fn capitalised(word: &str) -> String {
    let mut c = word.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}
