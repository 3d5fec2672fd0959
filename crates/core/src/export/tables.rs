//! The data in the Jobs service's own table shapes, as newline-delimited JSON,
//! so `sql/events.sql` runs on what this tool reads exactly as on a dump of
//! Tapis' database: `job_events` (one row per history event) and `jobs` (one
//! row per job object). Column names are the database's (tapis-jobs
//! `SqlStatements.java`); times are UTC to the microsecond, as it stores them.
//!
//! Events are written as the inputs gave them, not as the analysis settled
//! them: out of order and with exact duplicates, `id` numbering them in the
//! order the core met them. The SQL orders and de-duplicates them itself, by
//! `created` then `id` — the order the core's stable sort keeps — so a
//! comparison of the two also checks that part.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::ndjson::Lines;
use crate::import::{assemble, InputRecords, JobRecord};
use crate::model::{Event, EventKind, Job};
use crate::time::Timestamp;

/// The columns of Tapis' `job_events` table, in its order.
pub const JOB_EVENTS_COLUMNS: [&str; 8] = [
    "id",
    "event",
    "created",
    "job_uuid",
    "event_detail",
    "oth_uuid",
    "description",
    "tenant",
];

/// One `job_events` row per event of every input, in input order. `job_uuid`
/// is the job the core files the event under (its UUID, else the input's
/// name); `description` is `{"message": …}` when the event has a message (the
/// core keeps no more of it); `oth_uuid` is the transfer's UUID; `tenant` is
/// what the job's job object says. `jobs` are the inputs' assembled jobs.
pub fn job_events_ndjson(inputs: &[InputRecords], jobs: &[Job]) -> String {
    let tenants: HashMap<&str, &str> = jobs
        .iter()
        .filter_map(|j| Some((&*j.id, j.info.as_ref()?.tenant.as_deref()?)))
        .collect();
    let owners = owners(inputs);
    let mut lines = Lines::default();
    let mut id: u64 = 0;
    let records = inputs.iter().flat_map(|input| &input.jobs);
    for (record, owner) in records.zip(&owners) {
        for e in record.events.iter() {
            id += 1;
            let description = e
                .message
                .as_deref()
                .map(|m| serde_json::json!({ "message": m }).to_string());
            lines
                .line()
                .field("id", &id)
                .field("event", e.kind.event_type())
                .field("created", &db_time(&e.created))
                .field("job_uuid", owner)
                .field("event_detail", e.kind.detail())
                .field("oth_uuid", &transfer_uuid(e))
                .field("description", &description)
                .field("tenant", &tenants.get(owner.as_str()))
                .end();
        }
    }
    lines.finish()
}

/// One `jobs` row per job with a job object: the columns of Tapis' `jobs`
/// table that the job object gives (the SQL reads `uuid`, `created`, `status`,
/// `app_id`, `app_version`, `exec_system_id`, `exec_system_logical_queue`).
pub fn jobs_ndjson(jobs: &[Job]) -> String {
    let mut lines = Lines::default();
    for (job, i) in jobs.iter().filter_map(|j| j.info.as_ref().map(|i| (j, i))) {
        let time = |t: Option<Timestamp>| t.as_ref().map(db_time);
        lines
            .line()
            .field("uuid", &job.id)
            .field("name", &i.name)
            .field("owner", &i.owner)
            .field("tenant", &i.tenant)
            .field("status", &i.status.as_ref().map(|s| s.name()))
            .field("condition", &i.condition)
            .field("last_message", &i.last_message)
            .field("created", &time(i.created))
            .field("last_updated", &time(i.last_updated))
            .field("ended", &time(i.ended))
            .field("app_id", &i.app_id)
            .field("app_version", &i.app_version)
            .field("job_type", &i.job_type)
            .field("exec_system_id", &i.exec_system_id)
            .field("exec_system_logical_queue", &i.exec_system_logical_queue)
            .field("archive_system_id", &i.archive_system_id)
            .field("node_count", &i.node_count)
            .field("cores_per_node", &i.cores_per_node)
            .field("memory_mb", &i.memory_mb)
            .field("max_minutes", &i.max_minutes)
            .field("blocked_count", &i.blocked_count)
            .field("remote_outcome", &i.remote_outcome)
            .field("remote_result_info", &i.remote_result_info)
            .field("remote_submitted", &time(i.remote_submitted))
            .field("remote_started", &time(i.remote_started))
            .field("remote_ended", &time(i.remote_ended))
            .end();
    }
    lines.finish()
}

/// UTC with six fraction digits and `Z`: what the database stores (finer
/// digits, which only never-stored times carry, are cut).
fn db_time(t: &Timestamp) -> String {
    crate::time::format_micros(t)
}

fn transfer_uuid(e: &Event) -> Option<&str> {
    match &e.kind {
        EventKind::Other { .. } => e.transfer.as_ref()?.uuid.as_deref(),
        EventKind::NewStatus(_) => None,
    }
}

/// The job each input record belongs to, record by record across all inputs.
/// `assemble` decides (by UUID, bundle label, or for a record that names no
/// job, the job its input names): it is run here on stand-ins of the records
/// that keep only what it groups by, each with one marker event whose time is
/// the record's number, read back from the jobs it builds. So the grouping is
/// the core's own, not a copy that could drift from it.
fn owners(inputs: &[InputRecords]) -> Vec<String> {
    let marker = |n: usize| Event {
        kind: EventKind::Other {
            event: "".into(),
            detail: "".into(),
        },
        created: DateTime::<Utc>::UNIX_EPOCH + chrono::Duration::microseconds(n as i64),
        message: None,
        transfer: None,
    };
    let mut n = 0;
    let stand_ins: Vec<InputRecords> = inputs
        .iter()
        .map(|input| InputRecords {
            name: input.name.clone(),
            format: input.format,
            jobs: input
                .jobs
                .iter()
                .map(|r| {
                    n += 1;
                    JobRecord {
                        uuid: r.uuid.clone(),
                        label: r.label.clone(),
                        events: vec![marker(n - 1)].into(),
                        ..JobRecord::default()
                    }
                })
                .collect(),
            diagnostics: Vec::new(),
            checklist_ticks: Default::default(),
            what_if: None,
        })
        .collect();
    let mut owners = vec![String::new(); n];
    for job in assemble(&stand_ins).jobs {
        for e in job.events.iter() {
            let k = (e.created - DateTime::<Utc>::UNIX_EPOCH).num_microseconds();
            if let Some(slot) = k.and_then(|k| owners.get_mut(k as usize)) {
                *slot = job.id.to_string();
            }
        }
    }
    owners
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::read_input;

    fn history(events: &[(&str, &str)]) -> String {
        let items: Vec<String> = events
            .iter()
            .map(|(second, state)| {
                format!(
                    r#"{{"event":"JOB_NEW_STATUS","created":"2025-01-01T00:00:0{second}Z","eventDetail":"{state}"}}"#
                )
            })
            .collect();
        format!("[{}]", items.join(","))
    }

    #[test]
    fn events_keep_the_inputs_order_and_duplicates_and_name_the_core_job() {
        // A history that names no job, read beside the job object it belongs to:
        // assemble gives it to the job its input's name names.
        let job = r#"{"uuid":"u-1","tenant":"designsafe","status":"RUNNING","created":"2025-01-01T00:00:00Z"}"#;
        let inputs = [
            read_input(
                "history-of-u-1.json",
                &history(&[("5", "RUNNING"), ("1", "PENDING"), ("1", "PENDING")]),
            ),
            read_input("u-1.json", job),
        ];
        let import = assemble(&inputs);
        let text = job_events_ndjson(&inputs, &import.jobs);
        let rows: Vec<serde_json::Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let cols: Vec<&str> = rows[0]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(cols.len(), JOB_EVENTS_COLUMNS.len());
        let column = |k: &str| -> Vec<String> {
            rows.iter()
                .map(|r| r[k].as_str().map_or(r[k].to_string(), str::to_string))
                .collect()
        };
        assert_eq!(column("id"), ["1", "2", "3"]);
        assert_eq!(column("event_detail"), ["RUNNING", "PENDING", "PENDING"]);
        assert_eq!(column("created")[0], "2025-01-01T00:00:05.000000Z");
        let owner = &import.jobs[0].id;
        assert!(column("job_uuid").iter().all(|u| **u == **owner), "{text}");
        assert_eq!(column("tenant"), ["designsafe"; 3]);
        // The analysis has the same events, settled: sorted, the duplicate dropped.
        assert_eq!(import.jobs[0].events.len(), 2);
    }

    #[test]
    fn jobs_rows_carry_the_job_object_under_tapis_column_names() {
        let job = r#"{"uuid":"u-1","appId":"opensees","appVersion":"3","execSystemId":"frontera","execSystemLogicalQueue":"normal","created":"2025-01-01T00:00:00.5Z","status":"FINISHED"}"#;
        let import = assemble(&[read_input("j.json", job)]);
        let row: serde_json::Value = serde_json::from_str(&jobs_ndjson(&import.jobs)).unwrap();
        assert_eq!(row["uuid"], "u-1");
        assert_eq!(row["app_id"], "opensees");
        assert_eq!(row["exec_system_logical_queue"], "normal");
        assert_eq!(row["created"], "2025-01-01T00:00:00.500000Z");
        assert_eq!(row["status"], "FINISHED");
        assert_eq!(row["ended"], serde_json::Value::Null);
    }
}
