//! What the analysis found about one job: where its time went (per state, per
//! bucket, the timeline), its transfers, failure and usage, and whether it stands
//! out. The rules and the checklist read these facts; the [`crate::report`] holds
//! them with what was made of them.

use serde::{Deserialize, Serialize};

use crate::job_state::{Bucket, JobState};
use crate::ordered_map::OrderedMap;
use crate::profile::Segment;
use crate::time::Timestamp;

/// One job: where its time went and what else is known.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JobReport {
    /// The job's UUID, or the input's name when no input named one (see `uuidKnown`).
    pub uuid: String,
    pub uuid_known: bool,
    pub name: Option<String>,
    pub app_id: Option<String>,
    pub app_version: Option<String>,
    pub exec_system: Option<String>,
    pub queue: Option<String>,
    /// The inputs the job was read from.
    pub inputs: Vec<String>,
    /// The last state reached (history first, else the job object).
    pub final_status: Option<JobState>,
    pub condition: Option<String>,
    pub terminal: bool,
    /// The state the job is still in, measured up to the "as of" time.
    pub open_state: Option<JobState>,
    pub has_history: bool,
    /// First status change (or job creation) to the last (or "as of"), seconds.
    pub total_seconds: f64,
    pub running_seconds: f64,
    pub outside_running_seconds: f64,
    /// Outside RUNNING over total, 0–1; `None` for a zero-length job.
    pub outside_running_share: Option<f64>,
    /// Seconds per state, summed over visits, in lifecycle order.
    pub durations: OrderedMap<JobState, f64>,
    /// How many times each state was entered.
    pub visits: OrderedMap<JobState, u32>,
    /// Seconds per bucket (Tapis overhead, data movement, queue wait, compute, blocked/paused).
    pub buckets: OrderedMap<Bucket, f64>,
    /// From the job object alone, for jobs without history (list/search items).
    pub coarse: Option<Coarse>,
    /// The timeline: one segment per visit.
    pub segments: Vec<Segment>,
    /// Non-status events, each attached to the segment it falls in.
    pub events: Vec<PlacedEvent>,
    pub transfers: Transfers,
    pub failure: Option<Failure>,
    pub usage: Option<Usage>,
    /// `fileInputs[].sourceUrl` from the job object.
    pub staged_inputs: Vec<String>,
    pub outliers: Vec<Outlier>,
    /// Per-job caveats (open state, clamped gaps, missing data).
    pub warnings: Vec<String>,
}

impl JobReport {
    pub fn seconds_in(&self, state: &JobState) -> f64 {
        self.durations.get(state).copied().unwrap_or(0.0)
    }

    pub fn bucket_seconds(&self, bucket: Bucket) -> f64 {
        self.buckets.get(&bucket).copied().unwrap_or(0.0)
    }

    /// `RUNNING (open)` for a job still in a state, else its final status, else `?`.
    pub fn status_label(&self) -> String {
        match (&self.final_status, &self.open_state) {
            (_, Some(open)) => format!("{open} (open)"),
            (Some(s), None) => s.name().to_string(),
            (None, None) => "?".to_string(),
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

    /// "app version" when both are known.
    pub fn app_label(&self) -> Option<String> {
        self.app_id.as_ref().map(|a| match &self.app_version {
            Some(v) => format!("{a} {v}"),
            None => a.clone(),
        })
    }
}

/// Phases from the job object's timestamps alone (`created`, `remoteStarted`, `ended`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Coarse {
    /// `created` to `ended` (or "as of").
    pub total_seconds: Option<f64>,
    /// `created` to `remoteStarted`: staging, queue and overhead together.
    pub before_running_seconds: Option<f64>,
    /// `remoteStarted` to `ended`: running and archiving together.
    pub from_running_seconds: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlacedEvent {
    pub created: Timestamp,
    pub event: String,
    pub detail: String,
    pub message: Option<String>,
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
    /// A state name, a bucket key or `total`.
    pub metric: String,
    pub seconds: f64,
    /// The group compared against (app and version, or system and queue for QUEUED).
    pub group: String,
    pub group_size: usize,
    pub group_median: f64,
    pub score: f64,
}
