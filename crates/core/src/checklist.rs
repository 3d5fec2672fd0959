//! The user guide's "I/O checklist before you submit a Tapis job": its six
//! sections and every item in its words, each with a verdict where the data can
//! judge it (pass / attention) and `unknown` where it cannot.

use serde::{Deserialize, Serialize};

use crate::format::{count, format_bytes, format_count, format_duration, format_share};
use crate::job_report::{JobReport, TransferFacts};
use crate::job_state::JobState;
/// The user's ticks: data the import reads back, so they live in the model.
pub use crate::model::Ticks;
use crate::rules::{Recommendation, MANY_FILES, REPEATED_INPUT_MIN_JOBS};
use crate::stats::share;

/// Jobs with history needed before "what's normal" can be judged.
pub const NORMAL_MIN_JOBS: usize = 5;
/// A transfer of this many files or more would be one ZIP with profit.
pub const ZIP_SUGGEST_FILES: u64 = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Pass,
    Attention,
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChecklistSection {
    pub number: u8,
    pub title: String,
    pub items: Vec<ChecklistItem>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChecklistItem {
    /// Stable id, e.g. `reduce-file-count/fewer-larger-files`.
    pub id: String,
    /// The item in the guide's words (emphasis markers removed).
    pub text: String,
    pub verdict: Verdict,
    pub evidence: Option<String>,
}

/// A section of the guide's checklist: (id, title, [(item id, item text)]).
pub type Section = (
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
);

/// The guide's sections and items, in order.
pub const SECTIONS: [Section; 6] = [
    ("profile-lifecycle", "Profile the full lifecycle", &[
        ("staging-and-archiving", "Did you look at STAGING_INPUTS and ARCHIVING, not just RUNNING?"),
        ("totals-across-jobs", "Are you tracking totals across multiple jobs to see what’s “normal” for your workflow?"),
    ]),
    ("reduce-file-count", "Reduce file count (this is usually #1)", &[
        ("fewer-larger-files", "Can you replace “many small files” with fewer larger files?"),
        ("aggregate-outputs", "Can outputs be aggregated (one CSV/HDF5/JSON per job rather than thousands)?"),
    ]),
    ("common-inputs", "Handle common inputs intelligently", &[
        ("store-once", "Are shared inputs (e.g., ground motions) stored once in Work/scratch instead of re-staged every run?"),
        ("existence-check", "Do you have a simple “existence check” step so jobs fail fast if scratch was cleaned?"),
        ("refresh-scratch", "Do you have a plan to periodically refresh scratch if it’s purged?"),
    ]),
    ("stage-outputs", "Stage outputs strategically", &[
        ("intermediates-in-scratch", "Are you writing bulky intermediates to Work/scratch during RUNNING?"),
        ("archive-essentials", "Are you archiving only final / essential deliverables?"),
        ("post-process-jupyter", "Are you planning to collect/post-process afterwards in Jupyter (since Work is accessible)?"),
    ]),
    ("zips", "Use ZIPs on purpose", &[
        ("zip-inputs", "Do you ZIP inputs (configs, tables, many small files) and unzip on the compute node?"),
        ("zip-outputs", "Do you ZIP outputs (or chunk into multiple ZIPs if very large) before archiving?"),
    ]),
    ("sanity", "Sanity checks", &[
        ("wall-time", "Did you request reasonable wall time so the job doesn’t get killed mid-run (wasting staging cost)?"),
        ("small-logs", "Are logs (stdout/stderr) small and readable (so debugging doesn’t require downloading huge trees)?"),
    ]),
];

impl ChecklistItem {
    /// Whether the item counts as done: the user's tick when there is one, else
    /// the data's verdict (only a pass is done).
    pub fn ticked(&self, ticks: &Ticks) -> bool {
        ticks
            .get(&self.id)
            .copied()
            .unwrap_or(self.verdict == Verdict::Pass)
    }

    /// The user ticked it differently from what the data says.
    pub fn overridden(&self, ticks: &Ticks) -> bool {
        ticks
            .get(&self.id)
            .is_some_and(|&t| t != (self.verdict == Verdict::Pass))
    }
}

/// How far the checklist is done. Every item is in exactly one of `ticked`,
/// `attention`, `unknown` and `unticked`, so they add up to `items`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tally {
    pub items: usize,
    /// Done: passed by the data, or ticked by the user.
    pub ticked: usize,
    /// Of those ticked, how many the user ticked (not the data).
    pub ticked_by_user: usize,
    /// Not done, and the data says they need attention.
    pub attention: usize,
    /// Not done, and the data cannot judge them.
    pub unknown: usize,
    /// Passed by the data, but the user unticked them.
    pub unticked: usize,
}

pub fn tally(sections: &[ChecklistSection], ticks: &Ticks) -> Tally {
    let mut t = Tally::default();
    for item in sections.iter().flat_map(|s| &s.items) {
        t.items += 1;
        if item.ticked(ticks) {
            t.ticked += 1;
            if ticks.contains_key(&item.id) && item.verdict != Verdict::Pass {
                t.ticked_by_user += 1;
            }
            continue;
        }
        match item.verdict {
            Verdict::Attention => t.attention += 1,
            Verdict::Unknown => t.unknown += 1,
            Verdict::Pass => t.unticked += 1,
        }
    }
    t
}

impl Tally {
    /// In words, its parts adding up to the whole: `3 of 14 done` and
    /// ` · 7 need attention · 4 the data cannot judge`, then, when any, ` · 1
    /// unticked by you` and ` (2 ticked by you)`.
    pub fn words(&self) -> (String, String) {
        let done = format!(
            "{} of {} done",
            format_count(self.ticked as u64),
            format_count(self.items as u64)
        );
        let mut rest = format!(
            " · {} {} attention · {} the data cannot judge",
            format_count(self.attention as u64),
            if self.attention == 1 { "needs" } else { "need" },
            format_count(self.unknown as u64)
        );
        if self.unticked > 0 {
            rest.push_str(&format!(
                " · {} unticked by you",
                format_count(self.unticked as u64)
            ));
        }
        if self.ticked_by_user > 0 {
            rest.push_str(&format!(
                " · of those done, {} ticked by you",
                format_count(self.ticked_by_user as u64)
            ));
        }
        (done, rest)
    }
}

type Judged = (Verdict, Option<String>);

fn unknown(why: &str) -> Judged {
    (Verdict::Unknown, Some(why.to_string()))
}

/// Judges every item on the jobs counted (a stale job left out is in none).
pub fn evaluate(jobs: &[JobReport], recommendations: &[Recommendation]) -> Vec<ChecklistSection> {
    let fired = |id: &str| recommendations.iter().find(|r| r.id == id);
    let jobs: Vec<&JobReport> = jobs.iter().filter(|j| j.counted()).collect();
    let seen = Seen::of(&jobs);
    SECTIONS
        .iter()
        .enumerate()
        .map(|(n, (section, title, items))| ChecklistSection {
            number: n as u8 + 1,
            title: title.to_string(),
            items: items
                .iter()
                .map(|(id, text)| {
                    let (verdict, evidence) = judge(id, &seen, &fired);
                    ChecklistItem {
                        id: format!("{section}/{id}"),
                        text: text.to_string(),
                        verdict,
                        evidence,
                    }
                })
                .collect(),
        })
        .collect()
}

/// What the items read of the jobs counted, gathered once for all of them: each item
/// gathering its own was ~20 passes over every report (the step with goodput 24 → 16 ms
/// natively at 50,000 jobs, a task of the page's analysis; docs/performance.md, P6).
struct Seen<'a> {
    jobs: &'a [&'a JobReport],
    with_history: Vec<&'a JobReport>,
    inputs: Vec<&'a TransferFacts>,
    archives: Vec<&'a TransferFacts>,
}

impl<'a> Seen<'a> {
    fn of(jobs: &'a [&'a JobReport]) -> Seen<'a> {
        Seen {
            jobs,
            with_history: jobs.iter().copied().filter(|j| j.has_history).collect(),
            inputs: jobs
                .iter()
                .filter_map(|j| j.transfers.input.as_ref())
                .collect(),
            archives: jobs
                .iter()
                .filter_map(|j| j.transfers.archive.as_ref())
                .collect(),
        }
    }
}

fn judge<'r>(id: &str, seen: &Seen, fired: &dyn Fn(&str) -> Option<&'r Recommendation>) -> Judged {
    let Seen {
        jobs,
        with_history,
        inputs,
        archives,
    } = seen;
    let first_evidence = |r: &Recommendation| r.evidence.first().cloned();
    let max_files = |ts: &[&TransferFacts]| ts.iter().filter_map(|t| t.files).max();
    match id {
        "staging-and-archiving" => {
            if with_history.is_empty() {
                return unknown("No history was read, so STAGING_INPUTS and ARCHIVING cannot be shown.");
            }
            let total: f64 = with_history.iter().map(|j| j.total_seconds).sum();
            let moving: f64 = with_history
                .iter()
                .map(|j| j.seconds_in(&JobState::StagingInputs) + j.seconds_in(&JobState::Archiving))
                .sum();
            let running: f64 = with_history.iter().map(|j| j.running_seconds).sum();
            (
                Verdict::Pass,
                Some(format!(
                    "This profile shows them: STAGING_INPUTS and ARCHIVING took {} ({} of the wall time), RUNNING {}.",
                    format_duration(moving),
                    format_share(share(moving, total)),
                    format_duration(running)
                )),
            )
        }
        "totals-across-jobs" => match with_history.len() {
            0 => unknown("No history was read."),
            n if n >= NORMAL_MIN_JOBS => (
                Verdict::Pass,
                Some(format!("{} with history: the medians and P90s across them show what is normal.", count(n, "job"))),
            ),
            n => (
                Verdict::Attention,
                Some(format!(
                    "Only {} with history; profile at least {NORMAL_MIN_JOBS} runs of the workflow to see what is normal.",
                    count(n, "job")
                )),
            ),
        },
        "fewer-larger-files" => match fired("many-small-files") {
            Some(r) => (Verdict::Attention, first_evidence(r)),
            None if inputs.is_empty() && archives.is_empty() => unknown("No transfer summaries were read."),
            None => (
                Verdict::Pass,
                Some(format!("No transfer moved {} or more small files.", format_count(MANY_FILES))),
            ),
        },
        "aggregate-outputs" => match max_files(archives) {
            None => unknown("No archive transfer summaries were read."),
            Some(n) if n >= MANY_FILES => (
                Verdict::Attention,
                Some(format!("A job archived {} files.", format_count(n))),
            ),
            Some(n) => (Verdict::Pass, Some(format!("At most {} archived per job.", count(n as usize, "file")))),
        },
        "store-once" => match fired("repeated-inputs") {
            Some(r) => (Verdict::Attention, first_evidence(r)),
            None => {
                let known = jobs.iter().filter(|j| !j.staged_inputs.is_empty()).count();
                if known >= REPEATED_INPUT_MIN_JOBS {
                    (Verdict::Pass, Some(format!("No input was staged by {REPEATED_INPUT_MIN_JOBS} or more of the {} whose inputs are known.", count(known, "job"))))
                } else {
                    unknown("Needs the job objects (their fileInputs) of several jobs.")
                }
            }
        },
        "existence-check" => match fired("early-failure") {
            Some(r) => (Verdict::Attention, first_evidence(r)),
            None => unknown("Not visible in job data; no early failures were seen."),
        },
        "intermediates-in-scratch" | "archive-essentials" => {
            match fired("slow-archiving").or_else(|| {
                fired("many-small-files").filter(|r| r.evidence.iter().any(|e| e.contains("archived")))
            }) {
                Some(r) => (Verdict::Attention, first_evidence(r)),
                None if archives.is_empty() && with_history.is_empty() => {
                    unknown("No history was read.")
                }
                None => (
                    Verdict::Pass,
                    Some("ARCHIVING is not slow compared with RUNNING.".to_string()),
                ),
            }
        }
        "zip-inputs" => zip_verdict(inputs, "staged in"),
        "zip-outputs" => zip_verdict(archives, "archived"),
        "wall-time" => {
            // The walltime facts of each job's detail (`Usage::hit_walltime`).
            let usage: Vec<_> = jobs.iter().filter_map(|j| j.usage.as_ref().map(|u| (j, u))).collect();
            type Hit<'a> = &'a (&'a &'a JobReport, &'a crate::job_report::Usage);
            let (interactive, hit): (Vec<Hit>, Vec<Hit>) = usage
                .iter()
                .filter(|(_, u)| u.hit_walltime)
                .partition(|(j, _)| j.failure.as_ref().is_some_and(|f| f.interactive));
            let of = |n: usize| match usage.len() {
                1 => "The job".to_string(),
                all => format!("{} of {}", format_count(n as u64), count(all, "job")),
            };
            if usage.is_empty() {
                unknown("Needs job objects (maxMinutes).")
            } else if !hit.is_empty() {
                (
                    Verdict::Attention,
                    Some(format!("{} stopped at the wall-time limit, killed mid-run.", of(hit.len()))),
                )
            } else if !interactive.is_empty() {
                (
                    Verdict::Pass,
                    Some(format!(
                        "{} stopped at the wall-time limit, as an interactive session ends by design; no batch job did.",
                        of(interactive.len())
                    )),
                )
            } else {
                let n = usage.len();
                (
                    Verdict::Pass,
                    Some(if n == 1 {
                        "The job did not hit its wall-time limit.".to_string()
                    } else {
                        format!("None of {} hit its wall-time limit.", count(n, "job"))
                    }),
                )
            }
        }
        "refresh-scratch" | "post-process-jupyter" | "small-logs" => {
            unknown("Job data cannot show this; worth a thought before the next submission.")
        }
        _ => unknown(""),
    }
}

fn zip_verdict(transfers: &[&TransferFacts], dir: &str) -> Judged {
    let most = transfers
        .iter()
        .filter(|t| t.files.is_some())
        .max_by_key(|t| t.files);
    match most {
        None => unknown("No transfer summaries were read."),
        Some(t) if t.files.unwrap_or(0) >= ZIP_SUGGEST_FILES => (
            Verdict::Attention,
            Some(format!(
                "A job {dir} {} files ({}); one ZIP would be one transfer.",
                format_count(t.files.unwrap_or(0)),
                t.bytes
                    .map_or("size unknown".into(), |b| format_bytes(b as f64))
            )),
        ),
        Some(t) => (
            Verdict::Pass,
            Some(format!(
                "At most {} {dir} per job.",
                count(t.files.unwrap_or(0) as usize, "file")
            )),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(id: &str, verdict: Verdict) -> ChecklistItem {
        ChecklistItem {
            id: id.into(),
            text: String::new(),
            verdict,
            evidence: None,
        }
    }

    #[test]
    fn a_tick_overrides_the_verdict_and_no_tick_follows_it() {
        let pass = item("a/pass", Verdict::Pass);
        let attention = item("a/attention", Verdict::Attention);
        let unknown = item("a/unknown", Verdict::Unknown);
        let none = Ticks::new();
        assert!(pass.ticked(&none));
        assert!(!attention.ticked(&none) && !unknown.ticked(&none));
        let ticks: Ticks = [("a/pass".into(), false), ("a/unknown".into(), true)].into();
        assert!(!pass.ticked(&ticks) && pass.overridden(&ticks));
        assert!(unknown.ticked(&ticks) && unknown.overridden(&ticks));
        assert!(!attention.overridden(&ticks));
        let sections = vec![ChecklistSection {
            number: 1,
            title: "t".into(),
            items: vec![pass, attention, unknown],
        }];
        let t = tally(&sections, &ticks);
        assert_eq!(
            t,
            Tally {
                items: 3,
                ticked: 1,
                ticked_by_user: 1,
                attention: 1,
                unknown: 0,
                unticked: 1,
            }
        );
        assert_eq!(t.ticked + t.attention + t.unknown + t.unticked, t.items);
        assert_eq!(
            t.words(),
            (
                "1 of 3 done".to_string(),
                " · 1 needs attention · 0 the data cannot judge · 1 unticked by you · of those done, 1 ticked by you".to_string()
            )
        );
    }

    fn normalise(s: &str) -> String {
        s.replace('*', "")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn every_item_is_the_guides_own_words_and_all_are_there() {
        let seed = normalise(include_str!("../../../docs/seed/tapis-job-profiling.md"));
        let boxes = include_str!("../../../docs/seed/tapis-job-profiling.md")
            .matches("* [ ]")
            .count();
        let items: usize = SECTIONS.iter().map(|(_, _, i)| i.len()).sum();
        assert_eq!(items, boxes);
        for (_, title, items) in SECTIONS {
            assert!(seed.contains(&normalise(title)), "{title}");
            for (_, text) in items {
                assert!(seed.contains(&format!("[ ] {}", normalise(text))), "{text}");
            }
        }
    }
}

#[cfg(test)]
mod walltime_tests {
    use crate::analysis::{analyse, Options};
    use crate::import::import_text;

    const FAILED: &str =
        include_str!("../../../fixtures/tapis/source-dsportal-job-failed-2023.json");

    #[test]
    fn the_walltime_item_uses_the_jobs_own_walltime_facts() {
        // Real job 5753a008: an interactive session that stopped at its 1-minute limit.
        let report = analyse(&import_text("f", FAILED), &Options::default());
        let job = &report.jobs[0];
        let usage = job.usage.as_ref().unwrap();
        assert!(usage.hit_walltime, "its detail says it stopped at walltime");
        let item = report
            .checklist
            .iter()
            .flat_map(|s| &s.items)
            .find(|i| i.id == "sanity/wall-time")
            .unwrap();
        let evidence = item.evidence.as_deref().unwrap();
        assert!(!evidence.contains("did not hit"), "{evidence}");
        assert!(
            evidence.contains("stopped at the wall-time limit"),
            "{evidence}"
        );
        assert!(evidence.contains("interactive"), "{evidence}");
    }
}
