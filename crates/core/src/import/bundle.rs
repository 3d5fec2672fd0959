//! The project's own bundle: jobs paired with their histories in one JSON
//! document, in Tapis' own field names so the same readers take it back
//! (`docs/formats.md`). It is what the app exports and `tapis-profile synth`
//! writes; reading a bundle back gives the same jobs.

use serde::Serialize;

use super::records::{BUNDLE_FORMAT, BUNDLE_VERSION};
use crate::model::{Event, EventKind, Job, JobInfo, Transfer};
use crate::time::{format_timestamp, Timestamp};

/// The bundle of `jobs`, compact (for transfer and benchmarks).
pub fn to_bundle(jobs: &[Job]) -> String {
    to_bundle_as_of(jobs, None)
}

/// The bundle of `jobs` as analysed at `as_of`: a job with no capture time of
/// its own is written as captured then, so reading the bundle back later
/// measures its open state exactly as the analysis did.
pub fn to_bundle_as_of(jobs: &[Job], as_of: Option<Timestamp>) -> String {
    serde_json::to_string(&Bundle::of(jobs, as_of)).unwrap_or_default()
}

/// The bundle of `jobs`, indented (for people and diffs).
pub fn to_bundle_pretty(jobs: &[Job]) -> String {
    serde_json::to_string_pretty(&Bundle::of(jobs, None)).unwrap_or_default()
}

#[derive(Serialize)]
struct Bundle<'a> {
    format: &'static str,
    version: u32,
    jobs: Vec<Entry<'a>>,
}

impl<'a> Bundle<'a> {
    fn of(jobs: &'a [Job], as_of: Option<Timestamp>) -> Bundle<'a> {
        Bundle {
            format: BUNDLE_FORMAT,
            version: BUNDLE_VERSION,
            jobs: jobs.iter().map(|j| Entry::of(j, as_of)).collect(),
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Entry<'a> {
    uuid: Option<&'a str>,
    /// The job's id when it has no UUID (the name of the input it came from).
    #[serde(skip_serializing_if = "Option::is_none")]
    label: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    job: Option<JobOut<'a>>,
    history: Vec<EventOut<'a>>,
    /// Open states end here when read back (`Job::captured`).
    #[serde(skip_serializing_if = "Option::is_none")]
    captured_at: Option<String>,
}

impl<'a> Entry<'a> {
    fn of(job: &'a Job, as_of: Option<Timestamp>) -> Entry<'a> {
        let captured = job.measured_until(as_of);
        Entry {
            captured_at: ts(&captured),
            uuid: job.uuid.as_deref(),
            label: job.uuid.is_none().then_some(job.id.as_str()),
            name: job.name.as_deref(),
            job: job
                .info
                .as_ref()
                .map(|i| JobOut::of(job.uuid.as_deref(), i)),
            history: job.events.iter().map(EventOut::of).collect(),
        }
    }
}

fn ts(t: &Option<Timestamp>) -> Option<String> {
    t.as_ref().map(format_timestamp)
}

/// A job object with the fields the analysis uses, under their Tapis names.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JobOut<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    uuid: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    owner: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tenant: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    app_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    app_version: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    job_type: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    condition: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_message: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    created: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_updated: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ended: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    remote_submitted: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    remote_started: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    remote_ended: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    exec_system_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    exec_system_logical_queue: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    archive_system_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    node_count: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cores_per_node: Option<u32>,
    #[serde(rename = "memoryMB", skip_serializing_if = "Option::is_none")]
    memory_mb: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    max_minutes: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    blocked_count: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    remote_outcome: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    remote_result_info: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    notes: Option<NotesOut>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    file_inputs: Vec<FileInputOut<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct NotesOut {
    is_interactive: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct FileInputOut<'a> {
    source_url: &'a str,
}

impl<'a> JobOut<'a> {
    fn of(uuid: Option<&'a str>, i: &'a JobInfo) -> JobOut<'a> {
        JobOut {
            uuid,
            name: i.name.as_deref(),
            owner: i.owner.as_deref(),
            tenant: i.tenant.as_deref(),
            app_id: i.app_id.as_deref(),
            app_version: i.app_version.as_deref(),
            job_type: i.job_type.as_deref(),
            status: i.status.as_ref().map(|s| s.name()),
            condition: i.condition.as_deref(),
            last_message: i.last_message.as_deref(),
            created: ts(&i.created),
            last_updated: ts(&i.last_updated),
            ended: ts(&i.ended),
            remote_submitted: ts(&i.remote_submitted),
            remote_started: ts(&i.remote_started),
            remote_ended: ts(&i.remote_ended),
            exec_system_id: i.exec_system_id.as_deref(),
            exec_system_logical_queue: i.exec_system_logical_queue.as_deref(),
            archive_system_id: i.archive_system_id.as_deref(),
            node_count: i.node_count,
            cores_per_node: i.cores_per_node,
            memory_mb: i.memory_mb,
            max_minutes: i.max_minutes,
            blocked_count: i.blocked_count,
            remote_outcome: i.remote_outcome.as_deref(),
            remote_result_info: i.remote_result_info.as_deref(),
            notes: i.interactive.map(|b| NotesOut { is_interactive: b }),
            file_inputs: i
                .input_urls
                .iter()
                .map(|u| FileInputOut { source_url: u })
                .collect(),
        }
    }
}

/// A history event in today's schema; `message` replaces the `description`
/// JSON string (the entry already names the job).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct EventOut<'a> {
    event: &'a str,
    created: String,
    event_detail: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    transfer_summary: Option<TransferOut<'a>>,
}

impl<'a> EventOut<'a> {
    fn of(e: &'a Event) -> EventOut<'a> {
        EventOut {
            event: e.kind.event_type(),
            created: format_timestamp(&e.created),
            event_detail: match &e.kind {
                EventKind::NewStatus(s) => s.name(),
                EventKind::Other { detail, .. } => detail,
            },
            message: e.message.as_deref(),
            transfer_summary: e.transfer.as_deref().map(TransferOut::of),
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct TransferOut<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    uuid: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    total_bytes_transferred: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    complete_transfers: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    total_transfers: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    created: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_time: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_time: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error_message: Option<&'a str>,
}

impl<'a> TransferOut<'a> {
    fn of(t: &'a Transfer) -> TransferOut<'a> {
        TransferOut {
            uuid: t.uuid.as_deref(),
            status: t.status.as_deref(),
            total_bytes_transferred: t.bytes,
            complete_transfers: t.files_done,
            total_transfers: t.files,
            created: ts(&t.created),
            start_time: ts(&t.start),
            end_time: ts(&t.end),
            error_message: t.error.as_deref(),
        }
    }
}
