//! Data quality: what was odd in the inputs and the jobs, and what was done
//! about it, grouped so that two thousand re-ordered histories are one line.
//!
//! Import diagnostics group by severity and `action` (the core writes one action
//! per kind of problem: "events sorted by `created`", "each counted once", …);
//! job warnings group by their words before the first number or detail.

use std::collections::BTreeSet;

use tapis_profile::sort::sort_by;
use tapis_profile::{Diagnostic, Location, Report, Severity};

use super::words;

/// Examples kept per group; the rest are counted.
pub const EXAMPLES: usize = 20;

/// What the group of stale jobs is called.
pub const STALE: &str = "Stale jobs: left in an open state for longer than it can plausibly last";

#[derive(Debug, Clone, PartialEq)]
pub struct Quality {
    /// Most serious first, then the most frequent.
    pub groups: Vec<Group>,
    /// Errors and warnings: the panel opens by itself when there are any.
    pub problems: usize,
    /// Notes and per-job caveats.
    pub notes: usize,
}

impl Quality {
    pub fn serious(&self) -> bool {
        self.problems > 0
    }

    /// The section's one line: `Nothing odd in the data.`, `1 problem to look at, and 3 notes.`
    pub fn summary(&self) -> String {
        let (problems, notes) = (
            words::count(self.problems, "problem"),
            words::count(self.notes, "note"),
        );
        match (self.problems, self.notes) {
            (0, 0) => "Nothing odd in the data.".to_string(),
            (0, _) => format!("No problems; {notes} worth knowing."),
            (_, 0) => format!("{problems} to look at."),
            _ => format!("{problems} to look at, and {notes}."),
        }
    }

    /// What opens the list: `What was odd, and what was done (2 kinds)`.
    pub fn heading(&self) -> String {
        format!(
            "What was odd, and what was done ({})",
            words::count(self.groups.len(), "kind")
        )
    }
}

/// What a severity is called on a badge.
pub fn severity_word(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "Error",
        Severity::Warning => "Warning",
        Severity::Info => "Note",
    }
}

/// One kind of finding.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub severity: Severity,
    /// What it is about, for the group's heading: its first finding's message
    /// (a job warning's first words).
    pub what: String,
    /// What was done about it.
    pub action: String,
    pub count: usize,
    /// Distinct inputs and jobs concerned.
    pub inputs: usize,
    pub jobs: usize,
    /// The first [`EXAMPLES`] findings.
    pub examples: Vec<Finding>,
}

impl Group {
    /// How often and where: `12 times, 12 jobs, 3 inputs` (inputs only when several).
    pub fn scope(&self) -> String {
        let mut scope = vec![words::count(self.count, "time")];
        if self.jobs > 0 {
            scope.push(words::count(self.jobs, "job"));
        }
        if self.inputs > 1 {
            scope.push(words::count(self.inputs, "input"));
        }
        scope.join(", ")
    }

    /// The findings not shown as examples: `and 980 more like these`, if any.
    pub fn more(&self) -> Option<String> {
        let more = self.count - self.examples.len();
        (more > 0).then(|| format!("and {} more like these", words::thousands(more)))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub input: Option<String>,
    pub job: Option<String>,
    pub location: Option<Location>,
    pub message: String,
}

impl Finding {
    /// Where it was found: `a.json, line 3, column 7 · job 4dfa35e1-…`.
    pub fn place(&self) -> String {
        let mut place = Vec::new();
        if let Some(input) = &self.input {
            place.push(match self.location {
                Some(at) => format!("{input}, line {}, column {}", at.line, at.column),
                None => input.clone(),
            });
        }
        if let Some(job) = &self.job {
            place.push(format!("job {job}"));
        }
        place.join(" · ")
    }
}

/// Groups the report's diagnostics and its jobs' warnings.
pub fn quality(report: &Report) -> Quality {
    let mut builder = Builder::default();
    for d in &report.diagnostics {
        builder.add(
            d.severity,
            diagnostic_kind(d),
            d.message.clone(),
            &d.action,
            Finding {
                input: Some(d.input.clone()),
                job: d.job.clone(),
                location: d.location,
                message: d.message.clone(),
            },
        );
    }
    for job in &report.jobs {
        if let Some(stale) = &job.stale {
            builder.add(
                Severity::Warning,
                STALE.to_string(),
                STALE.to_string(),
                if stale.included {
                    "counted anyway, as you chose: measured up to now"
                } else {
                    "not measured past their last status change, and left out of totals, \
                     statistics and recommendations (the overview can count them)"
                },
                Finding {
                    input: job.inputs.first().map(|name| name.to_string()),
                    job: Some(job.uuid.to_string()),
                    location: None,
                    message: format!(
                        "{}: in {} since {}, {} (at most {} is plausible)",
                        job.name.as_deref().unwrap_or(&job.uuid),
                        stale.state,
                        tapis_profile::time::format_timestamp(&stale.since),
                        words::format_duration(stale.open_seconds),
                        words::format_duration(stale.bound_seconds)
                    ),
                },
            );
        }
        // A stale job's own warning is the group above.
        for warning in job.warnings.iter().filter(|w| !w.starts_with("stale:")) {
            let (what, action) = warning_kind(warning);
            builder.add(
                Severity::Info,
                what.clone(),
                what,
                action,
                Finding {
                    input: job.inputs.first().map(|name| name.to_string()),
                    job: Some(job.uuid.to_string()),
                    location: None,
                    message: warning.clone(),
                },
            );
        }
    }
    builder.finish()
}

/// A diagnostic's kind is its action; an error's is its own message (each says
/// why an input could not be read).
fn diagnostic_kind(d: &Diagnostic) -> String {
    match d.severity {
        Severity::Error => d.message.clone(),
        _ => d.action.clone(),
    }
}

/// A job warning's kind: its words up to the first colon or parenthesis
/// ("still in RUNNING", "no history", "unknown state FOO").
fn warning_kind(warning: &str) -> (String, &'static str) {
    let end = warning.find([':', '(']).unwrap_or(warning.len());
    let what = warning[..end].trim().to_string();
    (what, "noted on the job")
}

#[derive(Default)]
struct Builder {
    /// (kind, group, its inputs, its jobs)
    groups: Vec<(String, Group, BTreeSet<String>, BTreeSet<String>)>,
}

impl Builder {
    fn add(
        &mut self,
        severity: Severity,
        kind: String,
        what: String,
        action: &str,
        finding: Finding,
    ) {
        let at = self
            .groups
            .iter()
            .position(|(k, g, ..)| g.severity == severity && *k == kind);
        let (_, group, inputs, jobs) = match at {
            Some(i) => &mut self.groups[i],
            None => {
                self.groups.push((
                    kind,
                    Group {
                        severity,
                        what,
                        action: action.to_string(),
                        count: 0,
                        inputs: 0,
                        jobs: 0,
                        examples: Vec::new(),
                    },
                    BTreeSet::new(),
                    BTreeSet::new(),
                ));
                self.groups.last_mut().expect("just pushed")
            }
        };
        group.count += 1;
        inputs.extend(finding.input.clone());
        jobs.extend(finding.job.clone());
        if group.examples.len() < EXAMPLES {
            group.examples.push(finding);
        }
    }

    fn finish(self) -> Quality {
        let mut groups: Vec<Group> = self
            .groups
            .into_iter()
            .map(|(_, g, inputs, jobs)| Group {
                inputs: inputs.len(),
                jobs: jobs.len(),
                ..g
            })
            .collect();
        // Severity's order is Error < Warning < Info: most serious first.
        sort_by(&mut groups, |a, b| {
            a.severity.cmp(&b.severity).then(b.count.cmp(&a.count))
        });
        let count = |serious: bool| {
            groups
                .iter()
                .filter(|g| (g.severity != Severity::Info) == serious)
                .map(|g| g.count)
                .sum()
        };
        Quality {
            problems: count(true),
            notes: count(false),
            groups,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tapis_profile::{analyse, import_all, Options};

    const HISTORY: &str = include_str!(
        "../../fixtures/tapis/source-ds-history-4dfa35e1-finished-2025.reconstructed.json"
    );
    const RUNNING: &str =
        include_str!("../../fixtures/tapis/source-dsportal-job-running-2023.json");

    /// The history reversed and with a duplicate: re-ordered and de-duplicated.
    fn shuffled() -> String {
        let mut events: Vec<serde_json::Value> = serde_json::from_str(HISTORY).unwrap();
        events.reverse();
        events.push(events[0].clone());
        serde_json::to_string(&events).unwrap()
    }

    #[test]
    fn findings_are_grouped_counted_and_the_serious_come_first() {
        let shuffled = shuffled();
        let import = import_all([
            ("a.json", shuffled.as_str()),
            ("b.json", "{\"result\": [oops]}"),
            ("c.json", RUNNING),
            ("d.json", "[{\"event\": \"JOB_NEW_STATUS\", \"eventDetail\": \"WARPING\", \"created\": \"2025-01-01T00:00:00Z\", \"jobUuid\": \"u1\"}, {\"event\": \"JOB_NEW_STATUS\", \"eventDetail\": \"FINISHED\", \"created\": \"2025-01-01T00:01:00Z\", \"jobUuid\": \"u1\"}]"),
        ]);
        let report = analyse(&import, &Options::default());
        let q = quality(&report);
        assert!(q.serious());
        assert_eq!(q.groups[0].severity, Severity::Error);
        assert_eq!(q.groups[0].examples[0].input.as_deref(), Some("b.json"));
        assert!(q.groups[0].examples[0].location.is_some());

        let find = |what: &str| {
            q.groups
                .iter()
                .find(|g| g.what.contains(what) || g.action.contains(what))
                .unwrap_or_else(|| panic!("no group {what:?} in {:#?}", q.groups))
        };
        assert_eq!(find("sorted by").count, 1);
        assert_eq!(find("counted once").jobs, 1);
        assert_eq!(
            find("kept as a state of its own").severity,
            Severity::Warning
        );
        assert!(find("kept as a state of its own").what.contains("WARPING"));
        let caveat = find("no history");
        assert_eq!(caveat.severity, Severity::Info);
        assert_eq!(caveat.action, "noted on the job");
        assert_eq!(caveat.examples[0].input.as_deref(), Some("c.json"));

        let total: usize = q.groups.iter().map(|g| g.count).sum();
        let warnings: usize = report.jobs.iter().map(|j| j.warnings.len()).sum();
        assert_eq!(total, report.diagnostics.len() + warnings);
        assert_eq!(q.problems + q.notes, total);
        for pair in q.groups.windows(2) {
            assert!(pair[0].severity <= pair[1].severity);
        }
    }

    #[test]
    fn a_thousand_alike_are_one_group_with_a_few_examples() {
        let report = Report {
            diagnostics: (0..1000)
                .map(|i| {
                    Diagnostic::new(
                        Severity::Info,
                        "big.json",
                        "the history was not in time order",
                    )
                    .job(Some(&format!("job-{i}")))
                    .action("events sorted by `created`")
                })
                .collect(),
            ..analyse(&Default::default(), &Options::default())
        };
        let q = quality(&report);
        assert_eq!(q.groups.len(), 1);
        let g = &q.groups[0];
        assert_eq!((g.count, g.jobs, g.inputs), (1000, 1000, 1));
        assert_eq!(g.examples.len(), EXAMPLES);
        assert!(!q.serious());
        assert_eq!((q.problems, q.notes), (0, 1000));
    }

    #[test]
    fn stale_jobs_are_one_warning_naming_each() {
        const STAGING: &str = include_str!(
            "../../fixtures/tapis/source-dsportal-notification-staging-inputs-2023.json"
        );
        let as_of = tapis_profile::time::parse_timestamp("2026-11-20T12:00:00Z");
        let report = analyse(
            &import_all([("staging.json", STAGING), ("running.json", RUNNING)]),
            &Options::at(as_of),
        );
        let q = quality(&report);
        assert!(q.serious());
        let group = &q.groups[0];
        assert_eq!(
            (group.severity, group.what.as_str()),
            (Severity::Warning, STALE)
        );
        assert_eq!(group.jobs, 2);
        let said: Vec<&str> = group.examples.iter().map(|f| f.message.as_str()).collect();
        assert!(
            said[0].starts_with(
                "matlab-9.13.0_2023-02-16T22: 59: 17: in STAGING_INPUTS since 2023-02-16T22:59:34"
            ),
            "{said:?}"
        );
        assert!(
            said[1].contains(": in RUNNING since 2023-02-16"),
            "{said:?}"
        );
        assert!(
            group.action.contains("left out of totals"),
            "{}",
            group.action
        );
        // Their own warning is not said twice.
        assert!(!q
            .groups
            .iter()
            .any(|g| g.severity == Severity::Info && g.what == "stale"));
    }

    #[test]
    fn clean_data_has_nothing_to_say() {
        let report = analyse(&import_all([("h", HISTORY)]), &Options::default());
        let q = quality(&report);
        assert!(q.groups.is_empty() && !q.serious());
        assert_eq!(q.summary(), "Nothing odd in the data.");
    }

    #[test]
    fn the_section_says_how_much_and_where_in_words() {
        let q = |problems, notes| Quality {
            groups: Vec::new(),
            problems,
            notes,
        };
        assert_eq!(q(0, 3).summary(), "No problems; 3 notes worth knowing.");
        assert_eq!(q(1, 0).summary(), "1 problem to look at.");
        assert_eq!(
            q(2, 1_200).summary(),
            "2 problems to look at, and 1,200 notes."
        );
        let finding = |input: Option<&str>, line: Option<usize>, job: Option<&str>| Finding {
            input: input.map(str::to_string),
            job: job.map(str::to_string),
            location: line.map(|line| Location { line, column: 7 }),
            message: String::new(),
        };
        assert_eq!(
            finding(Some("a.json"), Some(3), Some("u1")).place(),
            "a.json, line 3, column 7 · job u1"
        );
        assert_eq!(finding(None, None, Some("u1")).place(), "job u1");
        let group = Group {
            severity: Severity::Info,
            what: String::new(),
            action: String::new(),
            count: 1000,
            inputs: 2,
            jobs: 1,
            examples: vec![finding(Some("a"), None, None); EXAMPLES],
        };
        assert_eq!(group.scope(), "1,000 times, 1 job, 2 inputs");
        assert_eq!(group.more().as_deref(), Some("and 980 more like these"));
        assert_eq!(
            Quality {
                groups: vec![group],
                problems: 0,
                notes: 1000
            }
            .heading(),
            "What was odd, and what was done (1 kind)"
        );
    }
}
