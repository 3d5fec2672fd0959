//! What the selected job's detail says, in words: its heading and one-line summary, the
//! timestamps of a job without history, its file transfers, how it ended, what it asked
//! for against what it used, and what is worth knowing. Pure, so every word and every sum
//! (nodes × cores) is tested natively; `components::JobDetail` lays it out.

use tapis_profile::report::{Coarse, Failure, JobReport, TransferFacts, Usage};
use tapis_profile::time::format_timestamp;

use super::query::{system_of, UNKNOWN};
use super::words::{self, format_duration, format_share, share_or_dash};

/// A term and its value, as the detail lists them: `("Files", "24,000")`. Facts the data
/// does not give are left out, never shown empty.
pub type Fact = (&'static str, String);

#[derive(Debug, Clone, PartialEq)]
pub struct JobFacts {
    /// The job's name, else its UUID.
    pub title: String,
    /// App, system and queue, status: `opensees-mp-s3 latest · stampede3 / skx · FINISHED`.
    pub summary: String,
    /// The share of its wall time outside RUNNING: `12.3 %`, `—` when unknown.
    pub outside_share: String,
    /// Left in an open state for longer than it can plausibly last: what, since when,
    /// and what was done about it.
    pub stale: Option<String>,
    /// A job without history: its coarse phases from the job object's timestamps, each
    /// with what it holds (`None`: nothing to measure).
    pub coarse: Option<Vec<Fact>>,
    /// Each direction of file movement, titled (`Inputs staged`, `Outputs archived`).
    pub transfers: Vec<(&'static str, Vec<Fact>)>,
    pub ending: Option<Ending>,
    pub usage: Option<UsageFacts>,
    /// Its warnings and the metrics it is an outlier in.
    pub notes: Vec<String>,
    /// `Read from: a.json, tapis:jobs`.
    pub read_from: String,
}

/// How a FAILED or CANCELLED job ended.
#[derive(Debug, Clone, PartialEq)]
pub struct Ending {
    /// `How it ended: FAILED`.
    pub heading: String,
    /// An interactive app, for which ending FAILED at its walltime is normal.
    pub interactive: bool,
    pub facts: Vec<Fact>,
    /// Its error events' messages, in order.
    pub errors: Vec<String>,
}

/// What the job asked for against what it used.
#[derive(Debug, Clone, PartialEq)]
pub struct UsageFacts {
    /// It stopped at its walltime limit.
    pub hit_walltime: bool,
    pub facts: Vec<Fact>,
}

impl JobFacts {
    pub fn of(j: &JobReport) -> JobFacts {
        let mut summary = Vec::new();
        summary.extend(j.app_label());
        summary.extend(Some(system_of(j)).filter(|s| s != UNKNOWN));
        summary.push(status(j));
        JobFacts {
            title: j.name.as_deref().unwrap_or(&j.uuid).to_string(),
            summary: summary.join(" · "),
            outside_share: share_or_dash(j.outside_running_share),
            stale: j.stale.as_ref().map(|s| {
                format!(
                    "Stale: in {} since {}, {} (it can plausibly last {} at most). {}",
                    s.state,
                    format_timestamp(&s.since),
                    format_duration(s.open_seconds),
                    format_duration(s.bound_seconds),
                    if s.included {
                        "You count it anyway: it is measured up to now and in every total."
                    } else {
                        "Its time stops at its last status change, and it is left out of \
                         totals, statistics and recommendations."
                    }
                )
            }),
            coarse: (!j.has_history)
                .then(|| j.coarse.as_deref().map(coarse))
                .flatten(),
            transfers: [
                ("Inputs staged", &j.transfers.input),
                ("Outputs archived", &j.transfers.archive),
            ]
            .into_iter()
            .filter_map(|(title, t)| t.as_ref().map(|t| (title, transfer(t))))
            .collect(),
            ending: j.failure.as_deref().map(ending),
            usage: j.usage.as_ref().map(usage),
            notes: j
                .warnings
                .iter()
                .filter(|w| !w.starts_with("stale:"))
                .cloned()
                .chain(j.outliers.iter().map(|o| {
                    format!(
                        "{}: {}, against a median of {} over {} of {} (an outlier, score {:.1})",
                        o.metric,
                        format_duration(o.seconds),
                        format_duration(o.group_median),
                        words::count(o.group_size, "job"),
                        o.group,
                        o.score
                    )
                }))
                .collect(),
            read_from: format!("Read from: {}", j.inputs.join(", ")),
        }
    }
}

/// `still in QUEUED`, `FAILED (JOB_EXECUTION_FAILED)`, `FINISHED`, `status unknown`.
fn status(j: &JobReport) -> String {
    match (&j.final_status, &j.open_state) {
        (_, Some(open)) => format!("still in {open}"),
        (Some(s), None) => match &j.condition {
            Some(c) => format!("{s} ({c})"),
            None => s.to_string(),
        },
        (None, None) => "status unknown".into(),
    }
}

/// Only the facts there are.
fn facts<const N: usize>(all: [(&'static str, Option<String>); N]) -> Vec<Fact> {
    all.into_iter()
        .filter_map(|(term, value)| value.map(|v| (term, v)))
        .collect()
}

/// Each phase, what it holds and how long it took, then the total.
fn coarse(c: &Coarse) -> Vec<Fact> {
    c.segments
        .iter()
        .map(|s| {
            let open = if s.open { " so far" } else { "" };
            (
                s.phase.label(),
                format!(
                    "{}{open} ({})",
                    format_duration(s.seconds()),
                    s.phase.holds()
                ),
            )
        })
        .chain(c.total_seconds.map(|t| ("In total", format_duration(t))))
        .collect()
}

fn transfer(t: &TransferFacts) -> Vec<Fact> {
    let share = t.share_of_state.zip(t.state.as_ref()).map(|(s, state)| {
        format!(
            "{} of {state} ({})",
            format_share(s),
            format_duration(t.state_seconds)
        )
    });
    facts([
        ("Files", t.files.map(|f| words::thousands(f as usize))),
        ("Bytes", t.bytes.map(|b| words::bytes(b as f64))),
        ("Per file", t.mean_file_bytes.map(words::bytes)),
        ("Copying", t.copy_seconds.map(format_duration)),
        (
            "Throughput",
            t.bytes_per_second.map(|r| format!("{}/s", words::bytes(r))),
        ),
        ("Waited to start", t.delay_seconds.map(format_duration)),
        ("Copy time is", share),
        (
            "Transfers",
            (t.count > 1).then(|| words::thousands(t.count as usize)),
        ),
        ("Status", t.status.clone()),
        ("Error", t.error.clone()),
    ])
}

fn ending(f: &Failure) -> Ending {
    Ending {
        heading: format!("How it ended: {}", f.status),
        interactive: f.interactive,
        facts: facts([
            ("Condition", f.condition.clone()),
            ("In state", f.failed_in.as_ref().map(|s| s.to_string())),
            (
                "Reached RUNNING",
                f.reached_running
                    .map(|r| if r { "yes" } else { "no" }.to_string()),
            ),
            ("Time to the end", f.seconds_to_failure.map(format_duration)),
            (
                "After RUNNING began",
                f.seconds_after_running.map(format_duration),
            ),
            ("Last message", f.last_message.clone()),
        ]),
        errors: f.error_messages.clone(),
    }
}

fn usage(u: &Usage) -> UsageFacts {
    let node = |n: u32| words::count(n as usize, "node");
    let core = |n: u32| words::count(n as usize, "core");
    let nodes = match (u.nodes, u.cores_per_node) {
        (Some(n), Some(c)) if n > 1 => Some(format!(
            "{} × {} = {}",
            node(n),
            core(c),
            words::count(n as usize * c as usize, "core")
        )),
        (Some(n), Some(c)) => Some(format!("{} × {}", node(n), core(c))),
        (Some(n), None) => Some(node(n)),
        _ => None,
    };
    let running = match (u.walltime_used_share, u.node_hours_running) {
        (Some(s), _) => format!(
            "{} ({} of the walltime)",
            format_duration(u.running_seconds),
            format_share(s)
        ),
        (None, None) if u.nodes.is_some() => "not known (no remoteEnded)".to_string(),
        (None, _) => format_duration(u.running_seconds),
    };
    UsageFacts {
        hit_walltime: u.hit_walltime,
        facts: facts([
            ("Nodes", nodes),
            (
                "Walltime asked",
                u.max_minutes.map(|m| format_duration(f64::from(m) * 60.0)),
            ),
            ("RUNNING", Some(running)),
            (
                "Node-hours asked",
                u.node_hours_requested.map(words::node_hours),
            ),
            (
                "Node-hours in RUNNING",
                u.node_hours_running.map(words::node_hours),
            ),
            (
                "Node-hours outside RUNNING (not charged)",
                u.node_hours_outside_running.map(words::node_hours),
            ),
            (
                "Node-hours lost",
                u.node_hours_lost
                    .filter(|v| *v > 0.0)
                    .map(words::node_hours),
            ),
        ]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::page_reducer::{Action, AppState};

    const JOB: &str = include_str!(
        "../../fixtures/tapis/source-ds-job-4dfa35e1-finished-2025.reconstructed.json"
    );
    const HISTORY: &str = include_str!(
        "../../fixtures/tapis/source-ds-history-4dfa35e1-finished-2025.reconstructed.json"
    );
    const FAILED: &str =
        include_str!("../../fixtures/tapis/source-ds-joblist-failed-2024.reconstructed.json");
    const RUNNING: &str =
        include_str!("../../fixtures/tapis/source-dsportal-job-running-2023.json");

    fn facts_of(inputs: &[&str]) -> Vec<JobFacts> {
        let s = inputs
            .iter()
            .enumerate()
            .fold(AppState::default(), |s, (i, text)| {
                s.apply(Action::Import {
                    name: format!("input {i}"),
                    text: text.to_string(),
                })
            });
        s.report.jobs.iter().map(JobFacts::of).collect()
    }

    fn fact<'a>(facts: &'a [Fact], term: &str) -> Option<&'a str> {
        facts
            .iter()
            .find(|(t, _)| *t == term)
            .map(|(_, v)| v.as_str())
    }

    #[test]
    fn a_job_with_its_object_and_history_says_everything_in_words() {
        let [j] = &facts_of(&[JOB, HISTORY])[..] else {
            panic!("one job")
        };
        assert_eq!(j.title, "opensees-mp-s3-latest_2025-05-07T22:13:08");
        assert_eq!(
            j.summary,
            "opensees-mp-s3 latest · stampede3 / skx-dev · FINISHED (NORMAL_COMPLETION)"
        );
        assert!(j.outside_share.ends_with(" %"), "{}", j.outside_share);
        assert_eq!(j.coarse, None, "a history: no coarse phases");
        let titles: Vec<&str> = j.transfers.iter().map(|(t, _)| *t).collect();
        assert_eq!(titles, ["Inputs staged", "Outputs archived"]);
        let archive = &j.transfers[1].1;
        assert_eq!(fact(archive, "Files"), Some("5,069"));
        assert_eq!(fact(archive, "Bytes"), Some("150.9 MB"));
        assert_eq!(fact(archive, "Status"), Some("COMPLETED"));
        assert_eq!(fact(archive, "Transfers"), None, "one transfer is not said");
        assert!(fact(archive, "Copy time is")
            .unwrap()
            .contains(" of ARCHIVING ("));
        let usage = j.usage.as_ref().expect("the job object asked for nodes");
        assert_eq!(
            fact(&usage.facts, "Nodes"),
            Some("2 nodes × 48 cores = 96 cores")
        );
        assert_eq!(fact(&usage.facts, "Walltime asked"), Some("1 h 40 min"));
        assert_eq!(fact(&usage.facts, "Node-hours asked"), Some("3.33"));
        assert!(!usage.hit_walltime);
        assert_eq!(j.ending, None);
        assert_eq!(j.read_from, "Read from: input 0, input 1");
    }

    #[test]
    fn jobs_without_history_show_their_timestamps_and_how_they_ended() {
        let jobs = facts_of(&[FAILED]);
        assert!(jobs.len() >= 3);
        for j in &jobs {
            let coarse = j.coarse.as_ref().expect("job objects only");
            assert!(fact(coarse, "In total").is_some(), "{}", j.title);
            let ending = j.ending.as_ref().expect("every job here failed");
            assert_eq!(ending.heading, "How it ended: FAILED");
            assert!(j.summary.ends_with(" · FAILED"), "{}", j.summary);
            assert!(j
                .notes
                .iter()
                .any(|n| n.starts_with("no history: only coarse phases")));
        }
        let interactive = jobs
            .iter()
            .find(|j| j.title.starts_with("opensees-interactive"));
        let ending = interactive.and_then(|j| j.ending.as_ref()).unwrap();
        assert!(ending.interactive);
        assert_eq!(fact(&ending.facts, "Reached RUNNING"), Some("yes"));
        let batch = jobs
            .iter()
            .find(|j| j.title.starts_with("opensees-mp-s3"))
            .unwrap();
        let ending = batch.ending.as_ref().unwrap();
        assert_eq!(fact(&ending.facts, "Reached RUNNING"), Some("no"));
        assert_eq!(
            fact(&ending.facts, "Condition"),
            None,
            "not in the data: left out"
        );
    }

    #[test]
    fn one_node_is_not_multiplied_out_and_an_open_job_says_where_it_is() {
        let [j] = &facts_of(&[RUNNING])[..] else {
            panic!("one job")
        };
        assert_eq!(
            j.summary,
            "matlab 9.13.0 · frontera / development · still in RUNNING"
        );
        let usage = j.usage.as_ref().unwrap();
        assert_eq!(fact(&usage.facts, "Nodes"), Some("1 node × 1 core"));

        // The sample while it was RUNNING: its history ends in an open state.
        let events: Vec<serde_json::Value> = serde_json::from_str(HISTORY).unwrap();
        let running = serde_json::to_string(&events[..events.len() - 3]).unwrap();
        let [j] = &facts_of(&[&running])[..] else {
            panic!("one job")
        };
        assert!(j.summary.starts_with("still in "), "{}", j.summary);
    }

    #[test]
    fn outliers_are_said_against_their_group() {
        use tapis_profile::synthetic::{generate, Config};
        use tapis_profile::{analyse, Import, Options};
        let import = Import {
            jobs: generate(&Config {
                jobs: 400,
                ..Config::default()
            }),
            diagnostics: Vec::new(),
        };
        let report = analyse(&import, &Options::default());
        let job = report
            .jobs
            .iter()
            .find(|j| !j.outliers.is_empty())
            .expect("400 synthetic jobs have outliers");
        let facts = JobFacts::of(job);
        let o = &job.outliers[0];
        let note = format!(
            "{}: {}, against a median of {} over {} jobs of {} (an outlier, score {:.1})",
            o.metric,
            format_duration(o.seconds),
            format_duration(o.group_median),
            words::thousands(o.group_size),
            o.group,
            o.score
        );
        assert!(facts.notes.contains(&note), "{:?}", facts.notes);
    }
}
