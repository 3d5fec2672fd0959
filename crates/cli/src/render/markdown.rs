//! Markdown: the report pasted into notes, issues or a help-desk ticket.

use std::fmt::Write;

use tapis_profile::checklist::Verdict;
use tapis_profile::format::{format_duration, format_share};
use tapis_profile::report::Report;
use tapis_profile::JobState;

use super::{short, status};

pub fn render(r: &Report) -> String {
    let mut out = String::from("# Tapis job profile\n\n");
    let _ = writeln!(
        out,
        "{} jobs read, {} with history.\n",
        r.jobs.len(),
        r.aggregate.jobs_with_history
    );
    out.push_str("| Job | Status | Total | Outside RUNNING | QUEUED | STAGING_INPUTS | RUNNING | ARCHIVING |\n");
    out.push_str("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for j in &r.jobs {
        let d = |s: JobState| {
            if j.has_history {
                format_duration(j.seconds_in(&s))
            } else {
                "—".into()
            }
        };
        let _ = writeln!(
            out,
            "| `{}` {} | {} | {} | {} | {} | {} | {} | {} |",
            short(&j.uuid),
            cell(j.name.as_deref().unwrap_or("")),
            status(j),
            if j.has_history {
                format_duration(j.total_seconds)
            } else {
                "—".into()
            },
            j.outside_running_share.map_or("—".into(), format_share),
            d(JobState::Queued),
            d(JobState::StagingInputs),
            d(JobState::Running),
            d(JobState::Archiving)
        );
    }
    out.push_str("\n## Recommendations\n");
    if r.recommendations.is_empty() {
        out.push_str("\nNothing stands out.\n");
    }
    for rec in &r.recommendations {
        let _ = writeln!(
            out,
            "\n### {} (`{}`, {:?})\n\n{} at stake in {} job(s).\n",
            rec.title,
            rec.id,
            rec.severity,
            format_duration(rec.time_at_stake_seconds),
            rec.jobs.len()
        );
        for e in &rec.evidence {
            let _ = writeln!(out, "- {e}");
        }
        for a in &rec.specific_advice {
            let _ = writeln!(out, "- **{a}**");
        }
        out.push('\n');
        for a in &rec.advice {
            let _ = writeln!(out, "> {a}");
        }
    }
    out.push_str("\n## I/O checklist\n");
    for section in &r.checklist {
        let _ = writeln!(out, "\n**{}. {}**\n", section.number, section.title);
        for item in &section.items {
            let mark = match item.verdict {
                Verdict::Pass => "[x]",
                _ => "[ ]",
            };
            let verdict = match item.verdict {
                Verdict::Pass => "pass",
                Verdict::Attention => "**attention**",
                Verdict::Unknown => "unknown",
            };
            let _ = write!(out, "- {mark} {} — {verdict}", item.text);
            match &item.evidence {
                Some(e) if item.verdict != Verdict::Unknown => {
                    let _ = writeln!(out, ": {e}");
                }
                _ => out.push('\n'),
            }
        }
    }
    if !r.diagnostics.is_empty() {
        out.push_str("\n## Import notes\n\n");
        for d in &r.diagnostics {
            let _ = writeln!(out, "- {}", cell(&d.to_string()));
        }
    }
    out
}

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}
