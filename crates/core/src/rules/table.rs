//! The rules. Each predicate looks only at [`JobReport`]s, so it is tested with
//! hand-made reports; thresholds are named constants shown with each finding.

use std::collections::BTreeMap;

use super::advice;
use super::{Finding, Level, Rule, StagedInputs};
use crate::fast_hash::FastSet;
use crate::format::{
    count, format_bytes, format_count, format_duration, format_share, short_uuid, shorten,
};
use crate::job_report::{JobReport, TransferFacts};
use crate::job_state::JobState;
use crate::stats::share;
use crate::texts::SharedText;

/// PENDING + QUEUED at least this long …
pub const QUEUE_WAIT_MIN_SECONDS: f64 = 30.0 * 60.0;
/// … and at least this share of the job.
pub const QUEUE_WAIT_MIN_SHARE: f64 = 0.25;
/// STAGING_INPUTS at least this long …
pub const STAGING_MIN_SECONDS: f64 = 120.0;
/// … and at least this share of the job.
pub const STAGING_MIN_SHARE: f64 = 0.20;
/// ARCHIVING at least this long, longer than RUNNING …
pub const ARCHIVING_MIN_SECONDS: f64 = 120.0;
/// … and at least this share of the job.
pub const ARCHIVING_MIN_SHARE: f64 = 0.25;
/// A transfer of at least this many files …
pub const MANY_FILES: u64 = 1000;
/// … averaging less than this per file is "many small files".
pub const SMALL_FILE_BYTES: f64 = 1024.0 * 1024.0;
/// The same input URL staged by at least this many jobs.
pub const REPEATED_INPUT_MIN_JOBS: usize = 3;
/// FAILED within this long of reaching RUNNING (or before it) is an early failure.
pub const EARLY_FAILURE_AFTER_RUNNING_SECONDS: f64 = 300.0;
/// Requests of at least this many minutes …
pub const WALLTIME_MIN_REQUEST_MINUTES: f64 = 60.0;
/// … of which at most this share was used are far more than needed.
pub const WALLTIME_USED_MAX_SHARE: f64 = 0.25;
/// BLOCKED or PAUSED for longer than this.
pub const BLOCKED_MIN_SECONDS: f64 = 0.0;

pub static RULES: &[Rule] = &[
    Rule {
        id: "long-queue-wait",
        level: Level::Warning,
        title: "Long wait in PENDING or QUEUED",
        advice: advice::QUEUE,
        thresholds: &[
            ("QUEUE_WAIT_MIN_SECONDS", QUEUE_WAIT_MIN_SECONDS, "s"),
            ("QUEUE_WAIT_MIN_SHARE", QUEUE_WAIT_MIN_SHARE, "share"),
        ],
        coarse: false,
        check: long_queue_wait,
    },
    Rule {
        id: "slow-input-staging",
        level: Level::Warning,
        title: "Slow input staging",
        advice: advice::STAGING,
        thresholds: &[
            ("STAGING_MIN_SECONDS", STAGING_MIN_SECONDS, "s"),
            ("STAGING_MIN_SHARE", STAGING_MIN_SHARE, "share"),
        ],
        coarse: false,
        check: slow_input_staging,
    },
    Rule {
        id: "slow-archiving",
        level: Level::Warning,
        title: "Fast RUNNING but slow ARCHIVING",
        advice: advice::ARCHIVING,
        thresholds: &[
            ("ARCHIVING_MIN_SECONDS", ARCHIVING_MIN_SECONDS, "s"),
            ("ARCHIVING_MIN_SHARE", ARCHIVING_MIN_SHARE, "share"),
        ],
        coarse: true,
        check: slow_archiving,
    },
    Rule {
        id: "many-small-files",
        level: Level::Warning,
        title: "Many small files transferred",
        advice: advice::SMALL_FILES,
        thresholds: &[
            ("MANY_FILES", MANY_FILES as f64, "files"),
            ("SMALL_FILE_BYTES", SMALL_FILE_BYTES, "bytes"),
        ],
        coarse: false,
        check: many_small_files,
    },
    Rule {
        id: "repeated-inputs",
        level: Level::Info,
        title: "The same inputs staged again and again",
        advice: advice::REPEATED,
        thresholds: &[(
            "REPEATED_INPUT_MIN_JOBS",
            REPEATED_INPUT_MIN_JOBS as f64,
            "jobs",
        )],
        coarse: true,
        check: repeated_inputs,
    },
    Rule {
        id: "early-failure",
        level: Level::Critical,
        title: "Jobs failed before or soon after RUNNING",
        advice: advice::FAILURE,
        thresholds: &[(
            "EARLY_FAILURE_AFTER_RUNNING_SECONDS",
            EARLY_FAILURE_AFTER_RUNNING_SECONDS,
            "s",
        )],
        coarse: true,
        check: early_failure,
    },
    Rule {
        id: "walltime-request",
        level: Level::Info,
        title: "Wall time requested does not match use",
        advice: advice::WALLTIME,
        thresholds: &[
            (
                "WALLTIME_MIN_REQUEST_MINUTES",
                WALLTIME_MIN_REQUEST_MINUTES,
                "min",
            ),
            ("WALLTIME_USED_MAX_SHARE", WALLTIME_USED_MAX_SHARE, "share"),
        ],
        coarse: true,
        check: walltime_request,
    },
    Rule {
        id: "blocked-time",
        level: Level::Warning,
        title: "Time lost in BLOCKED or PAUSED",
        advice: advice::BLOCKED,
        thresholds: &[("BLOCKED_MIN_SECONDS", BLOCKED_MIN_SECONDS, "s")],
        coarse: false,
        check: blocked_time,
    },
];

/// "the job" / "3 of 10 jobs".
fn how_many(n: usize, of: usize) -> String {
    if of == 1 {
        "The job".to_string()
    } else {
        format!(
            "{} of {} jobs",
            format_count(n as u64),
            format_count(of as u64)
        )
    }
}

/// Per-job values picked by a predicate, summarised as evidence.
struct Hits<'a> {
    jobs: Vec<(&'a JobReport, f64)>,
}

impl<'a> Hits<'a> {
    fn collect(
        all: &[&'a JobReport],
        pick: impl Fn(&JobReport) -> Option<f64>,
    ) -> Option<Hits<'a>> {
        let jobs: Vec<(&JobReport, f64)> = all
            .iter()
            .filter_map(|&j| pick(j).map(|v| (j, v)))
            .collect();
        (!jobs.is_empty()).then_some(Hits { jobs })
    }

    fn sum(&self) -> f64 {
        self.jobs.iter().map(|(_, v)| v).sum()
    }

    /// The jobs picked, in order.
    fn reports(&self) -> impl Iterator<Item = &'a JobReport> + '_ {
        self.jobs.iter().map(|(j, _)| *j)
    }

    fn uuids(&self) -> Vec<SharedText> {
        self.reports().map(|j| j.uuid.clone()).collect()
    }

    fn worst(&self) -> (&JobReport, f64) {
        self.jobs
            .iter()
            .copied()
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .expect("non-empty")
    }

    /// "median 1 h 20 min, longest 5 h (job 4dfa35e1)".
    fn spread(&self) -> String {
        let v: Vec<f64> = self.jobs.iter().map(|(_, v)| *v).collect();
        let (worst, max) = self.worst();
        if v.len() == 1 {
            format_duration(max)
        } else {
            format!(
                "median {}, longest {} (job {})",
                format_duration(crate::stats::median(&v)),
                format_duration(max),
                short_uuid(&worst.uuid)
            )
        }
    }
}

fn with_history(jobs: &[&JobReport]) -> usize {
    jobs.iter().filter(|j| j.has_history).count()
}

/// Jobs whose time is known at all: a history, or a job object's coarse phases.
fn with_profile(jobs: &[&JobReport]) -> usize {
    jobs.iter().filter(|j| j.has_profile()).count()
}

pub fn long_queue_wait(jobs: &[&JobReport]) -> Option<Finding> {
    let wait = |j: &JobReport| j.seconds_in(&JobState::Pending) + j.seconds_in(&JobState::Queued);
    let hits = Hits::collect(jobs, |j| {
        let w = wait(j);
        (w >= QUEUE_WAIT_MIN_SECONDS && share(w, j.total_seconds) >= QUEUE_WAIT_MIN_SHARE)
            .then_some(w)
    })?;
    let (worst, _) = hits.worst();
    let total: f64 = hits.jobs.iter().map(|(j, _)| j.total_seconds).sum();
    let mut evidence = vec![format!(
        "{} waited in PENDING/QUEUED for {}: {} of their time.",
        how_many(hits.jobs.len(), with_history(jobs)),
        hits.spread(),
        format_share(share(hits.sum(), total))
    )];
    match (&worst.exec_system, &worst.queue) {
        (Some(s), Some(q)) => evidence.push(format!("The longest wait was on {s}, queue {q}.")),
        (Some(s), None) | (None, Some(s)) => evidence.push(format!("The longest wait was on {s}.")),
        (None, None) => {}
    }
    Some(Finding {
        jobs: hits.uuids(),
        time_at_stake: hits.sum(),
        evidence,
        ..Finding::default()
    })
}

pub fn slow_input_staging(jobs: &[&JobReport]) -> Option<Finding> {
    let hits = Hits::collect(jobs, |j| {
        let s = j.seconds_in(&JobState::StagingInputs);
        (s >= STAGING_MIN_SECONDS && share(s, j.total_seconds) >= STAGING_MIN_SHARE).then_some(s)
    })?;
    let mut evidence = vec![format!(
        "{} spent {} in STAGING_INPUTS, {} of their wall time.",
        how_many(hits.jobs.len(), with_history(jobs)),
        hits.spread(),
        format_share(share(
            hits.sum(),
            hits.jobs.iter().map(|(j, _)| j.total_seconds).sum()
        ))
    )];
    if let Some(t) = hits.worst().0.transfers.input.as_ref() {
        evidence.push(transfer_sentence("Its input transfer", t));
    }
    Some(Finding {
        jobs: hits.uuids(),
        time_at_stake: hits.sum(),
        evidence,
        ..Finding::default()
    })
}

pub fn slow_archiving(jobs: &[&JobReport]) -> Option<Finding> {
    let hits = Hits::collect(jobs, |j| {
        let a = j.archiving_seconds()?;
        (a >= ARCHIVING_MIN_SECONDS
            && a > j.running_seconds
            && share(a, j.total_seconds) >= ARCHIVING_MIN_SHARE)
            .then_some(a)
    })?;
    let (worst, a) = hits.worst();
    // Without a history, ARCHIVING is the job object's remoteEnded → ended.
    let from_object = if worst.has_history {
        ""
    } else {
        " (from its job object: remoteEnded to ended)"
    };
    let mut evidence = vec![if hits.jobs.len() == 1 {
        format!(
            "{} spent {} in ARCHIVING{from_object} ({} of its time) after RUNNING for only {}.",
            how_many(1, with_profile(jobs)),
            format_duration(a),
            format_share(share(a, worst.total_seconds)),
            format_duration(worst.running_seconds)
        )
    } else {
        format!(
            "{} spent longer in ARCHIVING than in RUNNING: {}; job {} archived for {}{from_object} ({} of its time) after RUNNING for {}.",
            how_many(hits.jobs.len(), with_profile(jobs)),
            hits.spread(),
            short_uuid(&worst.uuid),
            format_duration(a),
            format_share(share(a, worst.total_seconds)),
            format_duration(worst.running_seconds)
        )
    }];
    if let Some(t) = worst.transfers.archive.as_ref() {
        evidence.push(transfer_sentence("Its archive transfer", t));
    }
    Some(Finding {
        jobs: hits.uuids(),
        time_at_stake: hits.sum(),
        evidence,
        ..Finding::default()
    })
}

fn transfer_sentence(what: &str, t: &TransferFacts) -> String {
    let mut s = format!(
        "{what} moved {} files, {}",
        t.files.map_or("?".to_string(), format_count),
        t.bytes
            .map_or("? bytes".to_string(), |b| format_bytes(b as f64))
    );
    if let Some(m) = t.mean_file_bytes {
        s.push_str(&format!(" ({} per file)", format_bytes(m)));
    }
    if let Some(c) = t.copy_seconds {
        s.push_str(&format!(", copying for {}", format_duration(c)));
    }
    if let Some(d) = t.delay_seconds {
        s.push_str(&format!(" after waiting {} to start", format_duration(d)));
    }
    s.push('.');
    s
}

pub fn many_small_files(jobs: &[&JobReport]) -> Option<Finding> {
    let small = |t: Option<&TransferFacts>| {
        t.filter(|t| {
            t.files.is_some_and(|f| f >= MANY_FILES)
                && t.mean_file_bytes.is_some_and(|m| m < SMALL_FILE_BYTES)
        })
        .map(|t| t.state_seconds)
    };
    let inputs = Hits::collect(jobs, |j| small(j.transfers.input.as_ref()));
    let outputs = Hits::collect(jobs, |j| small(j.transfers.archive.as_ref()));
    if inputs.is_none() && outputs.is_none() {
        return None;
    }
    let mut f = Finding::default();
    let mut picked: Vec<&JobReport> = Vec::new();
    for (hits, dir, pick) in [
        (
            &inputs,
            "staged in",
            (|j: &JobReport| j.transfers.input.as_ref())
                as fn(&JobReport) -> Option<&TransferFacts>,
        ),
        (&outputs, "archived", |j: &JobReport| {
            j.transfers.archive.as_ref()
        }),
    ] {
        let Some(h) = hits else { continue };
        let files: u64 = h
            .jobs
            .iter()
            .filter_map(|(j, _)| pick(j).and_then(|t| t.files))
            .sum();
        let bytes: u64 = h
            .jobs
            .iter()
            .filter_map(|(j, _)| pick(j).and_then(|t| t.bytes))
            .sum();
        f.evidence.push(format!(
            "{} {dir} {} files of {} on average ({} in all), spending {} in that state.",
            how_many(h.jobs.len(), with_history(jobs)),
            format_count(files),
            format_bytes(share(bytes as f64, files as f64)),
            format_bytes(bytes as f64),
            format_duration(h.sum())
        ));
        f.time_at_stake += h.sum();
        picked.extend(h.reports());
    }
    f.jobs = uuids_once(&picked);
    Some(f)
}

/// The UUIDs of `reports`, each once, in order (a job is listed once per input or
/// direction that picked it). Told apart by address when every job has its own
/// UUID (one job per UUID: the same address is the same job), without reading
/// each UUID's bytes — at 50,000 jobs a cache miss each, ~12 ms of the
/// repeated-inputs rule natively; by text otherwise (jobs that name no UUID carry
/// their input's name, which several may share).
pub(super) fn uuids_once(reports: &[&JobReport]) -> Vec<SharedText> {
    let mut out = Vec::new();
    if reports.iter().all(|j| j.uuid_known) {
        let mut seen: FastSet<*const JobReport> = FastSet::default();
        out.extend(
            reports
                .iter()
                .filter(|&&j| seen.insert(j))
                .map(|j| j.uuid.clone()),
        );
    } else {
        let mut seen: FastSet<&str> = FastSet::default();
        out.extend(
            reports
                .iter()
                .filter(|j| seen.insert(&j.uuid))
                .map(|j| j.uuid.clone()),
        );
    }
    out
}

pub fn repeated_inputs(jobs: &[&JobReport]) -> Option<Finding> {
    let inputs = StagedInputs::of(jobs);
    let mut users: Vec<Vec<&JobReport>> = vec![Vec::new(); inputs.len()];
    for &j in jobs {
        for url in &j.staged_inputs {
            let n = inputs.number(url);
            if inputs.repeated(n) {
                users[n].push(j);
            }
        }
    }
    let mut f = Finding::default();
    let mut concerned: Vec<&JobReport> = Vec::new();
    for n in inputs.repeated_by_text() {
        let (url, users) = (inputs.text(n), &users[n]);
        let staging: f64 = users
            .iter()
            .map(|j| j.seconds_in(&JobState::StagingInputs))
            .sum();
        let first = users
            .first()
            .map_or(0.0, |j| j.seconds_in(&JobState::StagingInputs));
        f.evidence.push(format!(
            "{url} was staged by {} jobs, {} of STAGING_INPUTS in all.",
            format_count(users.len() as u64),
            format_duration(staging)
        ));
        f.time_at_stake += staging - first;
        concerned.extend(users);
    }
    f.jobs = uuids_once(&concerned);
    (!f.evidence.is_empty()).then_some(f)
}

pub fn early_failure(jobs: &[&JobReport]) -> Option<Finding> {
    let hits = Hits::collect(jobs, |j| {
        let f = j
            .failure
            .as_ref()
            .filter(|f| f.status == JobState::Failed && !f.interactive)?;
        let early = f.reached_running == Some(false)
            || f.seconds_after_running
                .is_some_and(|s| s <= EARLY_FAILURE_AFTER_RUNNING_SECONDS);
        early.then_some(j.total_seconds)
    })?;
    let before = hits
        .jobs
        .iter()
        .filter(|(j, _)| j.failure.as_ref().and_then(|f| f.reached_running) == Some(false))
        .count();
    let mut evidence = vec![format!(
        "{} FAILED early: {} before reaching RUNNING, {} within {} of it.",
        how_many(hits.jobs.len(), jobs.len()),
        format_count(before as u64),
        format_count((hits.jobs.len() - before) as u64),
        format_duration(EARLY_FAILURE_AFTER_RUNNING_SECONDS)
    )];
    let mut conditions: BTreeMap<String, usize> = BTreeMap::new();
    let mut states: BTreeMap<String, usize> = BTreeMap::new();
    for (j, _) in &hits.jobs {
        let f = j.failure.as_ref().expect("picked for its failure");
        *conditions
            .entry(
                f.condition
                    .clone()
                    .unwrap_or_else(|| "(no condition recorded)".into()),
            )
            .or_default() += 1;
        if let Some(s) = &f.failed_in {
            *states.entry(s.name().to_string()).or_default() += 1;
        }
    }
    let list = |m: &BTreeMap<String, usize>| {
        m.iter()
            .map(|(k, n)| format!("{k} ×{}", format_count(*n as u64)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    evidence.push(format!("Conditions: {}.", list(&conditions)));
    if !states.is_empty() {
        evidence.push(format!("Failed in: {}.", list(&states)));
    }
    if let Some(m) = hits
        .jobs
        .iter()
        .find_map(|(j, _)| j.failure.as_ref().and_then(|f| f.last_message.clone()))
    {
        evidence.push(format!("Last message: {}", shorten(&m, 200)));
    }
    let specific = conditions
        .keys()
        .filter_map(|c| super::condition_advice(c))
        .map(str::to_string)
        .collect();
    Some(Finding {
        jobs: hits.uuids(),
        time_at_stake: hits.sum(),
        evidence,
        specific_advice: specific,
        ..Finding::default()
    })
}

pub fn walltime_request(jobs: &[&JobReport]) -> Option<Finding> {
    let over = Hits::collect(jobs, |j| {
        let u = j.usage.as_ref()?;
        let max = f64::from(u.max_minutes?);
        (j.final_status == Some(JobState::Finished)
            && max >= WALLTIME_MIN_REQUEST_MINUTES
            && u.walltime_used_share
                .is_some_and(|s| s <= WALLTIME_USED_MAX_SHARE))
        .then_some(0.0)
    });
    let hit = Hits::collect(jobs, |j| {
        let u = j.usage.as_ref()?;
        let interactive = j.failure.as_ref().is_some_and(|f| f.interactive);
        (u.hit_walltime && !interactive).then_some(j.total_seconds)
    });
    if over.is_none() && hit.is_none() {
        return None;
    }
    let mut f = Finding::default();
    let mut picked: Vec<&JobReport> = Vec::new();
    if let Some(h) = &over {
        let (j, _) = h.jobs[0];
        let u = j.usage.as_ref().expect("picked for its usage");
        f.evidence.push(format!(
            "{} used at most {} of the wall time requested; e.g. job {} asked for {} and ran {}.",
            how_many(h.jobs.len(), jobs.len()),
            format_share(
                h.jobs
                    .iter()
                    .filter_map(|(j, _)| j.usage.as_ref().and_then(|u| u.walltime_used_share))
                    .fold(0.0, f64::max)
            ),
            short_uuid(&j.uuid),
            format_duration(f64::from(u.max_minutes.unwrap_or(0)) * 60.0),
            format_duration(u.running_seconds)
        ));
        // What a smaller request would save (a shorter queue wait, perhaps) cannot
        // be measured: no time is claimed for over-requests.
        picked.extend(h.reports());
    }
    if let Some(h) = &hit {
        let staging: f64 = h
            .jobs
            .iter()
            .map(|(j, _)| j.seconds_in(&JobState::StagingInputs))
            .sum();
        f.evidence.push(format!(
            "{} hit the wall-time limit and were killed mid-run, wasting {} of staging and {} in all.",
            how_many(h.jobs.len(), jobs.len()),
            format_duration(staging),
            format_duration(h.sum())
        ));
        f.level = Some(Level::Warning);
        f.time_at_stake += h.sum();
        picked.extend(h.reports());
    }
    f.jobs = uuids_once(&picked);
    Some(f)
}

pub fn blocked_time(jobs: &[&JobReport]) -> Option<Finding> {
    let hits = Hits::collect(jobs, |j| {
        let b = j.seconds_in(&JobState::Blocked) + j.seconds_in(&JobState::Paused);
        let entered = j.visits.get(&JobState::Blocked).copied().unwrap_or(0)
            + j.visits.get(&JobState::Paused).copied().unwrap_or(0);
        (entered > 0 && b > BLOCKED_MIN_SECONDS).then_some(b)
    })?;
    let visits: u32 = hits
        .jobs
        .iter()
        .map(|(j, _)| {
            j.visits.get(&JobState::Blocked).copied().unwrap_or(0)
                + j.visits.get(&JobState::Paused).copied().unwrap_or(0)
        })
        .sum();
    Some(Finding {
        jobs: hits.uuids(),
        time_at_stake: hits.sum(),
        evidence: vec![
            format!(
                "{} spent {} in BLOCKED or PAUSED ({}).",
                how_many(hits.jobs.len(), with_history(jobs)),
                hits.spread(),
                count(visits as usize, "time")
            ),
            "Tapis blocks a job while it recovers from a resource constraint, network problem or other transient problem, then redoes the step it was in (Tapis documentation, \"Job Status\").".into(),
        ],
        ..Finding::default()
    })
}
