//! The report as Markdown, for notes, issues and help-desk tickets: where the
//! time went, what is normal, the jobs, the recommendations with their evidence
//! and the guide's advice, and the I/O checklist with verdicts and ticks.
//!
//! Data is shown, never interpreted: every text that comes from the input (job
//! names and UUIDs, messages, evidence, import notes) goes through [`text`] or
//! [`code`], so no renderer (Jupyter, GitHub, MkDocs) runs its HTML, follows its
//! links or breaks a table at its `|`.

use std::fmt::Write;

use crate::checklist::{tally, Verdict};
use crate::format::{count, format_count, format_duration, format_share, short_uuid};
use crate::job_state::{Bucket, JobState};
use crate::model::Ticks;
use crate::report::Report;
use crate::rules::Level;
use crate::stats::{share, Summary};
use crate::time::format_timestamp;

/// Jobs listed one by one; beyond that, the CSV export has them all.
pub const MAX_JOB_ROWS: usize = 50;
/// Jobs named under a recommendation; the rest are counted.
const MAX_NAMED_JOBS: usize = 10;

pub fn markdown(r: &Report, ticks: &Ticks) -> String {
    markdown_with(r, ticks, &[])
}

/// The report with more sections (a comparison of cohorts, the load, the trends:
/// `cohorts.rs`) after the recommendations.
pub fn markdown_with(r: &Report, ticks: &Ticks, sections: &[String]) -> String {
    let mut out = String::from("# Tapis job profile\n\n");
    let t = &r.aggregate.totals;
    let _ = writeln!(
        out,
        "{} read, {} with history{}. Open states measured up to {}.",
        count(r.jobs.len(), "job"),
        format_count(t.with_history as u64),
        if t.coarse > 0 {
            format!(
                ", {} known only from a job object (coarse phases)",
                format_count(t.coarse as u64)
            )
        } else {
            String::new()
        },
        r.as_of
            .as_ref()
            .map_or("each job's last update".to_string(), format_timestamp)
    );
    stale(&mut out, r);
    summary(&mut out, r);
    normal(&mut out, r);
    jobs(&mut out, r);
    section(&mut out, "Goodput and badput", &r.goodput.lines());
    section(&mut out, "Data movement", &r.data_movement.lines());
    recommendations(&mut out, r);
    for section in sections {
        out.push_str(section);
    }
    checklist(&mut out, r, ticks);
    if !r.diagnostics.is_empty() {
        out.push_str("\n## Import notes\n\n");
        for d in &r.diagnostics {
            let _ = writeln!(out, "- {}", text(&d.to_string()));
        }
    }
    out
}

/// The stale jobs, and whether the figures below count them.
fn stale(out: &mut String, r: &Report) {
    let stale: Vec<_> = r.stale().collect();
    if stale.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "\n## Stale jobs\n\n{} left in an open state for longer than it can plausibly last: {}\n",
        count(stale.len(), "job"),
        if r.include_stale {
            "counted in every figure below, measured up to the time above."
        } else {
            "not measured past their last event, and left out of every figure below."
        }
    );
    for j in stale.iter().take(MAX_JOB_ROWS) {
        if let Some(s) = &j.stale {
            let _ = writeln!(
                out,
                "- {} {} — in {} since {} ({}; at most {} is plausible)",
                code(short_uuid(&j.uuid)),
                text(j.name.as_deref().unwrap_or("")),
                text(&s.state.to_string()),
                format_timestamp(&s.since),
                format_duration(s.open_seconds),
                format_duration(s.bound_seconds)
            );
        }
    }
}

fn summary(out: &mut String, r: &Report) {
    let t = &r.aggregate.totals;
    if t.wall_seconds <= 0.0 {
        return;
    }
    let _ = writeln!(
        out,
        "\n## Where the time went\n\n{} of wall time in {}; {} ({}) outside RUNNING.\n",
        format_duration(t.wall_seconds),
        count(t.jobs, "job"),
        format_duration(t.outside_seconds),
        format_share(share(t.outside_seconds, t.wall_seconds))
    );
    out.push_str("| Bucket | Time | Share |\n| --- | ---: | ---: |\n");
    for (bucket, seconds) in t.buckets.iter() {
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            bucket.label(),
            format_duration(*seconds),
            format_share(share(*seconds, t.wall_seconds))
        );
    }
    let unsplit = t.unsplit_seconds();
    if unsplit > 0.0 {
        let _ = writeln!(
            out,
            "| Not split by state | {} | {} |",
            format_duration(unsplit),
            format_share(share(unsplit, t.wall_seconds))
        );
    }
}

fn normal(out: &mut String, r: &Report) {
    let a = &r.aggregate;
    if a.states.is_empty() {
        return;
    }
    out.push_str("\n## What is normal (per job)\n\n");
    out.push_str("| State or bucket | Jobs | Median | P90 | Max |\n");
    out.push_str("| --- | ---: | ---: | ---: | ---: |\n");
    let row = |out: &mut String, name: &str, s: &Summary| {
        let _ = writeln!(
            out,
            "| {name} | {} | {} | {} | {} |",
            format_count(s.count as u64),
            format_duration(s.median),
            format_duration(s.p90),
            format_duration(s.max)
        );
    };
    for (state, s) in a.states.iter() {
        row(out, &text(state.name()), s);
    }
    for (bucket, s) in a.buckets.iter() {
        row(out, &format!("*{}*", Bucket::label(*bucket)), s);
    }
    if let Some(t) = &a.total {
        row(out, "**Total**", t);
    }
    let outliers: Vec<_> = r.outliers().collect();
    if !outliers.is_empty() {
        let _ = writeln!(
            out,
            "\n{} (median/MAD against the job's own group):\n",
            count(outliers.len(), "outlier")
        );
        for (j, o) in outliers.iter().take(MAX_JOB_ROWS) {
            let _ = writeln!(
                out,
                "- {} {}: {} {} against a median of {} over {} jobs of {}",
                code(short_uuid(&j.uuid)),
                text(j.name.as_deref().unwrap_or("")),
                text(&metric_label(&o.metric)),
                format_duration(o.seconds),
                format_duration(o.group_median),
                format_count(o.group_size as u64),
                text(&o.group)
            );
        }
    }
}

fn jobs(out: &mut String, r: &Report) {
    out.push_str("\n## Jobs\n\n");
    out.push_str("| Job | Status | Total | Outside RUNNING | QUEUED | STAGING_INPUTS | RUNNING | ARCHIVING |\n");
    out.push_str("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for j in r.jobs.iter().take(MAX_JOB_ROWS) {
        let d = |s: JobState| j.state_time_label(&s);
        let _ = writeln!(
            out,
            "| {} {} | {} | {} | {} | {} | {} | {} | {} |",
            code(short_uuid(&j.uuid)),
            text(j.name.as_deref().unwrap_or("")),
            text(&j.status_label()),
            j.total_label(),
            j.outside_running_share.map_or("—".into(), format_share),
            d(JobState::Queued),
            d(JobState::StagingInputs),
            d(JobState::Running),
            d(JobState::Archiving)
        );
    }
    if r.jobs.len() > MAX_JOB_ROWS {
        let _ = writeln!(
            out,
            "\n… and {} more jobs (the CSV export lists them all).",
            format_count((r.jobs.len() - MAX_JOB_ROWS) as u64)
        );
    }
}

/// A heading and its sentences as a list.
fn section(out: &mut String, title: &str, lines: &[String]) {
    let _ = writeln!(out, "\n## {title}\n");
    for l in lines {
        let _ = writeln!(out, "- {}", text(l));
    }
}

fn recommendations(out: &mut String, r: &Report) {
    out.push_str("\n## Recommendations\n");
    if r.recommendations.is_empty() && r.unjudged.is_empty() {
        let _ = writeln!(
            out,
            "\nNothing needs changing: none of the {} checks found anything in these jobs.",
            crate::rules::RULES.len()
        );
    } else if r.recommendations.is_empty() {
        let _ = writeln!(
            out,
            "\nNothing found in what the {} checks could judge.",
            crate::rules::RULES.len()
        );
    }
    for u in &r.unjudged {
        let _ = writeln!(
            out,
            "\n*{}* could not judge {} {}: it needs {}.",
            u.title,
            count(u.jobs.len(), "job"),
            u.lacking,
            u.needs
        );
    }
    for (n, rec) in r.recommendations.iter().enumerate() {
        let level = match rec.severity {
            Level::Critical => "critical",
            Level::Warning => "warning",
            Level::Info => "info",
        };
        let named: Vec<String> = rec
            .jobs
            .iter()
            .take(MAX_NAMED_JOBS)
            .map(|u| code(short_uuid(u)))
            .collect();
        let more = rec.jobs.len().saturating_sub(MAX_NAMED_JOBS);
        let _ = writeln!(
            out,
            "\n### {}. {} ({level})\n\n**{} at stake** in {}: {}{}.\n",
            n + 1,
            rec.title,
            format_duration(rec.time_at_stake_seconds),
            count(rec.jobs.len(), "job"),
            named.join(", "),
            if more > 0 {
                format!(" and {} more", format_count(more as u64))
            } else {
                String::new()
            }
        );
        let _ = writeln!(out, "{}\n", crate::savings::savings_line(rec));
        if let Some(s) = &rec.estimated_savings {
            let _ = writeln!(out, "*How computed:* {}\n", s.basis);
        }
        for e in &rec.evidence {
            let _ = writeln!(out, "- {}", text(e));
        }
        for a in &rec.specific_advice {
            let _ = writeln!(out, "- **{}**", text(a));
        }
        if !rec.advice.is_empty() {
            let quoted: Vec<String> = rec.advice.iter().map(|a| format!("> {a}")).collect();
            let _ = writeln!(out, "\nFrom the user guide:\n\n{}", quoted.join("\n>\n"));
        }
    }
}

fn checklist(out: &mut String, r: &Report, ticks: &Ticks) {
    out.push_str("\n## I/O checklist\n");
    let (done, rest) = tally(&r.checklist, ticks).words();
    let _ = writeln!(out, "\n{done}{rest}.");
    for section in &r.checklist {
        let _ = writeln!(out, "\n**{}. {}**\n", section.number, section.title);
        for item in &section.items {
            let mark = if item.ticked(ticks) { "[x]" } else { "[ ]" };
            let verdict = match item.verdict {
                Verdict::Pass => "pass",
                Verdict::Attention => "**attention**",
                Verdict::Unknown => "unknown",
            };
            let by_hand = if item.overridden(ticks) {
                if item.ticked(ticks) {
                    ", ticked by hand"
                } else {
                    ", unticked by hand"
                }
            } else {
                ""
            };
            let _ = write!(out, "- {mark} {} — {verdict}{by_hand}", item.text);
            match &item.evidence {
                Some(e) if !e.is_empty() => {
                    let _ = writeln!(out, ": {}", text(e));
                }
                _ => out.push('\n'),
            }
        }
    }
}

/// An outlier's metric as people read it: a state's name, a bucket's label, "Total".
fn metric_label(metric: &str) -> String {
    match (Bucket::from_key(metric), metric) {
        (Some(bucket), _) => bucket.label().to_string(),
        (None, "total") => "Total".to_string(),
        (None, state) => state.to_string(),
    }
}

/// Text from the data, shown as it is wherever it lands (a table cell, a list
/// item): HTML's `<`, `>` and `&` as character references, so no renderer takes
/// a tag (`<img onerror=…>`) — not even Python-Markdown, which ignores `\<`;
/// Markdown's own syntax backslash-escaped, so `[x](javascript:…)` is no link,
/// `*`, `_` and `` ` `` no emphasis or code, `|` no new cell; line breaks as
/// spaces, other control characters written out (`format::printable`). An `_`
/// inside a word (`run_2025`) emphasises nothing and stays bare.
pub(super) fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut before = None;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let inside_word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '_' if inside_word(before) && inside_word(chars.peek().copied()) => out.push(c),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            _ if c.is_control() => out.extend(c.escape_default()),
            _ => out.push(c),
        }
        before = Some(c);
    }
    out
}

/// A short UUID as code: as it is when it is one (hex digits and dashes);
/// anything else an input calls a UUID is shown as [`text`].
pub(super) fn code(uuid: &str) -> String {
    if uuid.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
        format!("`{uuid}`")
    } else {
        text(uuid)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_is_shown_never_interpreted() {
        assert_eq!(
            text("=HYPERLINK(\"http://x\",\"x\")<img src=x onerror=alert(1)>"),
            "=HYPERLINK(\"http://x\",\"x\")&lt;img src=x onerror=alert(1)&gt;"
        );
        assert_eq!(
            text("[click](javascript:alert(1)) a|b *c* _d_ `e` \\f &amp;\nnext"),
            "\\[click\\](javascript:alert(1)) a\\|b \\*c\\* \\_d\\_ \\`e\\` \\\\f &amp;amp; next"
        );
        assert_eq!(text("STAGING_INPUTS _x_ a_"), "STAGING_INPUTS \\_x\\_ a\\_");
        assert_eq!(text("\u{1b}[31m"), "\\u{1b}\\[31m");
        assert_eq!(code("4dfa35e1"), "`4dfa35e1`");
        assert_eq!(code("x`<b>"), "x\\`&lt;b&gt;");
    }
}
