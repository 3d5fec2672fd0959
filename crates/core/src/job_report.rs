//! What the analysis found about one job: where its time went (per state, per
//! bucket, the timeline), its transfers, failure and usage, and whether it stands
//! out. The rules and the checklist read these facts; the [`crate::report`] holds
//! them with what was made of them.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::analysis::anatomy::Anatomy;
use crate::analysis::stale::Stale;
use crate::fast_hash::{FastMap, FastSet};
use crate::job_state::{Bucket, JobState};
use crate::model::SharedText;
use crate::ordered_map::OrderedMap;
use crate::profile::Segment;
use crate::state_map::StateMap;
use crate::texts::address;
use crate::time::{seconds_between, Timestamp};

/// One job: where its time went and what else is known. Its texts from the job
/// object are the job object's own, shared, not copies (P5 in docs/performance.md).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JobReport {
    /// The job's UUID, or the input's name when no input named one (see `uuidKnown`).
    pub uuid: SharedText,
    pub uuid_known: bool,
    pub name: Option<SharedText>,
    /// Who submitted it (the job object's `owner`): Tapis' per-user quotas count by it.
    #[serde(default)]
    pub owner: Option<SharedText>,
    pub app_id: Option<SharedText>,
    pub app_version: Option<SharedText>,
    pub exec_system: Option<SharedText>,
    pub queue: Option<SharedText>,
    /// The inputs the job was read from.
    pub inputs: Vec<SharedText>,
    /// The last state reached (history first, else the job object).
    pub final_status: Option<JobState>,
    pub condition: Option<SharedText>,
    pub terminal: bool,
    /// The state the job is still in, measured up to the "as of" time.
    pub open_state: Option<JobState>,
    /// Left in its open state for longer than is plausible (`analysis::stale`):
    /// not measured past its last event, and not counted unless `included`.
    /// Boxed, as are `coarse` and `failure`: most jobs have none, and a job's
    /// report is kept for every job (P5 in docs/performance.md).
    pub stale: Option<Box<Stale>>,
    pub has_history: bool,
    /// First status change (or job creation) to the last (or "as of"), seconds;
    /// for a job without history, its coarse profile's total (`coarse`).
    pub total_seconds: f64,
    /// Time in RUNNING (history), or from `remoteStarted` to `remoteEnded`.
    pub running_seconds: f64,
    /// Time known to be outside RUNNING (every other state or phase).
    pub outside_running_seconds: f64,
    /// Outside RUNNING over total, 0–1; `None` for a zero-length job, or when
    /// RUNNING cannot be told from what followed it (a list summary).
    pub outside_running_share: Option<f64>,
    /// Seconds per state, summed over visits, in lifecycle order.
    pub durations: StateMap<f64>,
    /// How many times each state was entered.
    pub visits: StateMap<u32>,
    /// Seconds per bucket (Tapis overhead, data movement, queue wait, compute,
    /// blocked/paused); without history, those its coarse phases tell.
    pub buckets: OrderedMap<Bucket, f64>,
    /// From the job object's timestamps, for a job without history.
    pub coarse: Option<Box<Coarse>>,
    /// The timeline: one segment per visit.
    pub segments: Vec<Segment>,
    /// Non-status events, each attached to the segment it falls in.
    pub events: Vec<PlacedEvent>,
    pub transfers: Transfers,
    /// Each STAGING_INPUTS and ARCHIVING visit part by part (`analysis::anatomy`).
    /// Shared: the page's timeline rows hold it too (a copy each was ~2.5 MB at 10,000
    /// jobs, P5 in docs/performance.md).
    #[serde(default)]
    pub anatomy: Arc<[Anatomy]>,
    pub failure: Option<Box<Failure>>,
    pub usage: Option<Usage>,
    /// `fileInputs[].sourceUrl` from the job object.
    pub staged_inputs: Vec<SharedText>,
    pub outliers: Vec<Outlier>,
    /// Per-job caveats (open state, clamped gaps, missing data).
    pub warnings: Vec<String>,
}

impl JobReport {
    /// Whether the job counts in totals, statistics and recommendations: every
    /// job but a stale one the user did not include.
    pub fn counted(&self) -> bool {
        self.stale.as_ref().is_none_or(|s| s.included)
    }

    /// Whether its time is known at all: a history, or a coarse profile.
    pub fn has_profile(&self) -> bool {
        self.has_history || self.coarse.is_some()
    }

    /// Time in ARCHIVING, or (without history) from `remoteEnded` to `ended`:
    /// what the guide's "fast RUNNING, slow ARCHIVING" is about. `None` when
    /// neither is known.
    pub fn archiving_seconds(&self) -> Option<f64> {
        if self.has_history {
            return Some(self.seconds_in(&JobState::Archiving));
        }
        self.coarse
            .as_ref()
            .and_then(|c| c.seconds_in(Phase::AfterRunning))
    }

    /// When the job was submitted: its first segment's start (the job object's
    /// `created` when it was read, else its first status). Unknown without history.
    pub fn submitted(&self) -> Option<Timestamp> {
        self.segments.first().map(|s| s.start)
    }

    pub fn seconds_in(&self, state: &JobState) -> f64 {
        self.durations.get(state).copied().unwrap_or(0.0)
    }

    pub fn bucket_seconds(&self, bucket: Bucket) -> f64 {
        self.buckets.get(&bucket).copied().unwrap_or(0.0)
    }

    /// `RUNNING (open)` for a job still in a state (`(stale)` when it was left
    /// there), else its final status, else `?`.
    pub fn status_label(&self) -> String {
        match (&self.final_status, &self.open_state) {
            (_, Some(open)) if self.stale.is_some() => format!("{open} (stale)"),
            (_, Some(open)) => format!("{open} (open)"),
            (Some(s), None) => s.name().to_string(),
            (None, None) => "?".to_string(),
        }
    }

    /// The job's total in human units: `~10 min 27 s` for coarse phases only,
    /// `—` when its time is not known at all.
    pub fn total_label(&self) -> String {
        match (self.has_history, &self.coarse) {
            (true, _) => crate::format::format_duration(self.total_seconds),
            (false, Some(_)) => format!("~{}", crate::format::format_duration(self.total_seconds)),
            (false, None) => "—".into(),
        }
    }

    /// The time spent in `state`, in human units; "—" when the job has no
    /// history (its time per state is unknown, not zero).
    pub fn state_time_label(&self, state: &JobState) -> String {
        if self.has_history {
            crate::format::format_duration(self.seconds_in(state))
        } else {
            "—".into()
        }
    }

    /// `system / queue` (or whichever of the two is known): how the report groups
    /// queues, the page filters them and cohorts pick them.
    pub fn system_queue(&self) -> Option<String> {
        match (&self.exec_system, &self.queue) {
            // `concat`, not `format!`: one allocation of the right size (the statistics,
            // the load view and the cohorts ask for this of every job).
            (Some(s), Some(q)) => Some([&**s, " / ", &**q].concat()),
            (s, q) => s.as_deref().or(q.as_deref()).map(String::from),
        }
    }

    /// "app version" when both are known.
    pub fn app_label(&self) -> Option<String> {
        self.app_id.as_ref().map(|a| match &self.app_version {
            Some(v) => [&**a, " ", &**v].concat(),
            None => a.to_string(),
        })
    }
}

/// The jobs of `jobs` whose UUID `names` holds, in their order: a
/// recommendation's jobs among those counted. `names` are clones of the jobs'
/// own UUIDs, so they are matched by address first, without reading every
/// UUID's bytes (one cache miss a job, scattered over 50,000 reports: ~10–20 ms
/// a recommendation natively, docs/performance.md). By address is by text when
/// each name is some job's and no two jobs share a UUID, which an import's
/// jobs do not (one job per UUID) unless one has none (its input's name is its
/// UUID then); otherwise, by text.
pub fn named<'a>(jobs: &[&'a JobReport], names: &[SharedText]) -> Vec<&'a JobReport> {
    let mut found: FastMap<usize, bool> = names.iter().map(|n| (address(n), false)).collect();
    let (mut out, mut distinct, mut all_known) = (Vec::new(), 0, true);
    for &j in jobs {
        all_known &= j.uuid_known;
        if let Some(seen) = found.get_mut(&address(&j.uuid)) {
            distinct += usize::from(!*seen);
            *seen = true;
            out.push(j);
        }
    }
    if all_known && distinct == found.len() {
        return out;
    }
    let texts: FastSet<&str> = names.iter().map(|n| &**n).collect();
    jobs.iter()
        .copied()
        .filter(|j| texts.contains(&*j.uuid))
        .collect()
}

/// A coarse profile from the job object's timestamps alone (`created`,
/// `remoteSubmitted`, `remoteStarted`, `remoteEnded`, `ended`):
/// `analysis::coarse`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Coarse {
    /// `created` to `ended` (or "as of"): the phases together.
    pub total_seconds: Option<f64>,
    /// `created` to `remoteStarted`: staging, queue and overhead together.
    pub before_running_seconds: Option<f64>,
    /// `remoteStarted` to `ended`: running and archiving together.
    pub from_running_seconds: Option<f64>,
    /// The phases the timestamps mark, in time order.
    #[serde(default)]
    pub segments: Vec<CoarseSegment>,
    /// What was done about Tapis' known field bugs in this job object.
    #[serde(default)]
    pub notes: Vec<String>,
}

impl Coarse {
    /// Seconds in `phase`, `None` when the timestamps do not mark it.
    pub fn seconds_in(&self, phase: Phase) -> Option<f64> {
        let mut found = None;
        for s in self.segments.iter().filter(|s| s.phase == phase) {
            *found.get_or_insert(0.0) += s.seconds();
        }
        found
    }
}

/// One phase of a coarse profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CoarseSegment {
    pub phase: Phase,
    pub start: Timestamp,
    pub end: Timestamp,
    /// The job is still in it: `end` is the "as of" time.
    pub open: bool,
}

impl CoarseSegment {
    pub fn seconds(&self) -> f64 {
        seconds_between(self.start, self.end).max(0.0)
    }
}

/// What a stretch between two of a job object's timestamps holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Phase {
    /// `created` → `remoteSubmitted`: input staging and Tapis' own steps.
    Setup,
    /// `remoteSubmitted` → `remoteStarted`: the scheduler's queue.
    Queued,
    /// `created` → `remoteStarted` (no `remoteSubmitted`), or to the end for a
    /// job that never ran: staging, Tapis' steps and the queue together.
    BeforeRunning,
    /// `remoteStarted` → `remoteEnded`: the application.
    Running,
    /// `remoteEnded` → `ended`: archiving, Tapis' last step.
    AfterRunning,
    /// `remoteStarted` → `ended` without `remoteEnded`: RUNNING and archiving.
    FromRunning,
}

impl Phase {
    /// The Tapis state the phase is, when it is one.
    pub fn state(self) -> Option<JobState> {
        match self {
            Phase::Queued => Some(JobState::Queued),
            Phase::Running => Some(JobState::Running),
            Phase::AfterRunning => Some(JobState::Archiving),
            Phase::Setup | Phase::BeforeRunning | Phase::FromRunning => None,
        }
    }

    /// The bucket its time counts in; `None` for a phase that mixes buckets.
    pub fn bucket(self) -> Option<Bucket> {
        self.state().and_then(|s| s.bucket())
    }

    /// Whether its time is RUNNING (`Some(true)`), outside it (`Some(false)`),
    /// or both in unknown parts (`None`).
    pub fn running(self) -> Option<bool> {
        match self {
            Phase::Running => Some(true),
            Phase::FromRunning => None,
            _ => Some(false),
        }
    }

    /// What it is called, with the timestamps that bound it.
    pub fn label(self) -> &'static str {
        match self {
            Phase::Setup => "Before the queue (created → remoteSubmitted)",
            Phase::Queued => "Queued (remoteSubmitted → remoteStarted)",
            Phase::BeforeRunning => "Before RUNNING (from created)",
            Phase::Running => "RUNNING (remoteStarted → remoteEnded)",
            Phase::AfterRunning => "After RUNNING (remoteEnded → ended)",
            Phase::FromRunning => "RUNNING and after (remoteStarted → ended)",
        }
    }

    /// What its time holds, in the states of a history.
    pub fn holds(self) -> &'static str {
        match self {
            Phase::Setup => "staging inputs and Tapis' own steps",
            Phase::Queued => "QUEUED",
            Phase::BeforeRunning => "staging inputs, Tapis' own steps and the queue",
            Phase::Running => "RUNNING",
            Phase::AfterRunning => "ARCHIVING",
            Phase::FromRunning => "RUNNING and ARCHIVING",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlacedEvent {
    pub created: Timestamp,
    pub event: SharedText,
    pub detail: SharedText,
    pub message: Option<SharedText>,
    /// Index into `segments`; `None` before the first or after the last status.
    pub segment: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Transfers {
    /// Input staging (`JOB_INPUT_TRANSACTION_ID`).
    pub input: Option<TransferFacts>,
    /// Archiving (`JOB_ARCHIVE_TRANSACTION_ID`).
    pub archive: Option<TransferFacts>,
}

/// One direction of a job's file movement, from its `transferSummary` (summed
/// when recovery staged more than once).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TransferFacts {
    /// Transfer events seen (more than one after a recovery).
    pub count: u32,
    pub status: Option<String>,
    pub files: Option<u64>,
    pub bytes: Option<u64>,
    pub mean_file_bytes: Option<f64>,
    /// Files' `startTime` to `endTime`.
    pub copy_seconds: Option<f64>,
    pub bytes_per_second: Option<f64>,
    /// Files' `created` to `startTime`: waiting before the copy began.
    pub delay_seconds: Option<f64>,
    /// The state the transfer sits in and the job's time in it.
    pub state: Option<JobState>,
    pub state_seconds: f64,
    /// Copy time over the state's time, 0–1.
    pub share_of_state: Option<f64>,
    pub error: Option<String>,
}

/// How a FAILED or CANCELLED job ended.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Failure {
    pub status: JobState,
    pub condition: Option<String>,
    pub last_message: Option<String>,
    /// `JOB_ERROR_MESSAGE` messages, in order.
    pub error_messages: Vec<String>,
    /// The state the job was in when it failed (from history).
    pub failed_in: Option<JobState>,
    /// Whether the job ever reached RUNNING (history, else `remoteStarted`).
    pub reached_running: Option<bool>,
    /// From job creation (or the first status) to the end.
    pub seconds_to_failure: Option<f64>,
    /// From the first RUNNING to the end.
    pub seconds_after_running: Option<f64>,
    /// A DesignSafe interactive app: ending FAILED at walltime is how it stops.
    pub interactive: bool,
}

/// What was requested against what was used.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Usage {
    pub nodes: Option<u32>,
    pub cores_per_node: Option<u32>,
    pub cores: Option<u32>,
    pub max_minutes: Option<u32>,
    pub running_seconds: f64,
    /// RUNNING over `maxMinutes`, 0–1 (can exceed 1 by the monitor's lag).
    pub walltime_used_share: Option<f64>,
    pub node_hours_requested: Option<f64>,
    /// Nodes × RUNNING: what the allocation is charged, roughly.
    pub node_hours_running: Option<f64>,
    /// Nodes × time outside RUNNING: the job's wall time in node terms, not charged.
    pub node_hours_outside_running: Option<f64>,
    /// Node-hours of RUNNING in a job that ended FAILED or CANCELLED.
    pub node_hours_lost: Option<f64>,
    /// Ended at its walltime limit (condition or RUNNING ≥ `maxMinutes`).
    pub hit_walltime: bool,
}

/// A metric far from its group's median (median/MAD score above the cut).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Outlier {
    /// A state name, a bucket key or `total` (one copy for all the outliers of it).
    pub metric: SharedText,
    pub seconds: f64,
    /// The group compared against (app and version, or system and queue for QUEUED;
    /// one copy for all its outliers).
    pub group: SharedText,
    pub group_size: usize,
    pub group_median: f64,
    pub score: f64,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What [`named`] must give: the jobs whose UUID's text is among the names.
    fn by_text<'a>(jobs: &[&'a JobReport], names: &[SharedText]) -> Vec<&'a JobReport> {
        jobs.iter()
            .copied()
            .filter(|j| names.iter().any(|n| **n == *j.uuid))
            .collect()
    }

    #[test]
    fn the_jobs_named_are_those_whose_uuid_text_is_named_whatever_the_addresses() {
        let report = crate::test_jobs::synthetic_report(30, 5, 3);
        let mut reports = report.jobs.clone();
        // A job without a UUID carries its input's name, which another such job shares.
        let mut nameless = reports[4].clone();
        nameless.uuid_known = false;
        nameless.uuid = SharedText::from("export.json");
        let mut other = nameless.clone();
        other.uuid = SharedText::from("export.json");
        reports.extend([nameless, other]);
        let jobs: Vec<&JobReport> = reports.iter().collect();
        let known = &jobs[..30];
        let picks: [&[usize]; 4] = [&[], &[0, 7, 7, 29], &[3, 1, 2], &[30]];
        for pick in picks {
            let names: Vec<SharedText> = pick.iter().map(|&i| jobs[i].uuid.clone()).collect();
            // The jobs' own texts, copies of them at other addresses, and a name no job has.
            let copies: Vec<SharedText> = names
                .iter()
                .map(|n| SharedText::from(&**n))
                .chain([SharedText::from("no such job")])
                .collect();
            for names in [&names, &copies] {
                for jobs in [known, &jobs[..]] {
                    let got: Vec<&str> = named(jobs, names).iter().map(|j| &*j.uuid).collect();
                    let want: Vec<&str> = by_text(jobs, names).iter().map(|j| &*j.uuid).collect();
                    assert_eq!(got, want, "{pick:?}");
                }
            }
        }
        // Both nameless jobs are named by their shared text.
        let name = [jobs[30].uuid.clone()];
        assert_eq!(named(&jobs, &name).len(), 2);
    }
}
