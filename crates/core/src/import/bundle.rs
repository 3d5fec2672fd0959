//! The project's own bundle: jobs paired with their histories in one JSON
//! document, in Tapis' own field names so the same readers take it back
//! (`docs/formats.md`). It is what the app exports and `tapis-profile synth`
//! writes; reading a bundle back gives the same jobs.

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use super::dto::{kinds, WireKind};
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
            label: job.uuid.is_none().then_some(&*job.id),
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

/// A job object with the fields the analysis uses, under their Tapis names;
/// the fields no input gave are left out.
struct JobOut<'a> {
    uuid: Option<&'a str>,
    info: &'a JobInfo,
}

impl<'a> JobOut<'a> {
    fn of(uuid: Option<&'a str>, info: &'a JobInfo) -> JobOut<'a> {
        JobOut { uuid, info }
    }
}

/// Writes [`JobOut`] from the job's field list (`job_fields.rs`), in its order.
macro_rules! write_job {
    ([] $( $(#[$doc:meta])* $field:ident: $ty:ty = $name:literal as $kind:ident, )*) => {
        impl Serialize for JobOut<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut map = s.serialize_map(None)?;
                if let Some(uuid) = self.uuid {
                    map.serialize_entry("uuid", uuid)?;
                }
                $(
                    if let Some(v) = <kinds::$kind as WireKind<$ty>>::write(&self.info.$field) {
                        map.serialize_entry($name, &v)?;
                    }
                )*
                map.end()
            }
        }
    };
}

crate::job_fields::job_info_fields!(write_job! {});

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
