//! The job object as Tapis serves it today: every key, `null` where the job has no value (Gson's `serializeNulls`), and timestamps at most to the microsecond (the
//! jobs table stores microseconds; API.md §2.5). Jobs loaded from bundles, fixtures or the
//! generator are completed here, once, so every endpoint answers with the same object.
//!
//! The key list is the real 2026 DesignSafe payload's (`fixtures/tapis/
//! source-ds-job-41d6ee21-finished-2026.reconstructed.json`): the spec's `Job` schema
//! (tapipy's `openapi_v3-jobs.yml`) with `isMpi` where the spec says `mpi`, plus
//! `archiveMode` and the two transient fields Gson also writes.

use serde_json::{Map, Value};

/// Every key of a job object (in the order Tapis writes them; `serde_json` here keeps
/// keys sorted, which JSON readers do not mind).
pub const KEYS: [&str; 73] = [
    "id",
    "name",
    "owner",
    "tenant",
    "description",
    "status",
    "condition",
    "lastMessage",
    "created",
    "ended",
    "lastUpdated",
    "uuid",
    "appId",
    "appVersion",
    "archiveOnAppError",
    "archiveMode",
    "dynamicExecSystem",
    "execSystemId",
    "execSystemExecDir",
    "execSystemInputDir",
    "execSystemOutputDir",
    "execSystemLogicalQueue",
    "archiveSystemId",
    "archiveSystemDir",
    "dtnSystemId",
    "dtnSystemInputDir",
    "dtnSystemOutputDir",
    "nodeCount",
    "coresPerNode",
    "memoryMB",
    "maxMinutes",
    "fileInputs",
    "parameterSet",
    "execSystemConstraints",
    "subscriptions",
    "blockedCount",
    "remoteJobId",
    "remoteJobId2",
    "remoteOutcome",
    "remoteResultInfo",
    "remoteQueue",
    "remoteSubmitted",
    "remoteStarted",
    "remoteEnded",
    "remoteSubmitRetries",
    "remoteChecksSuccess",
    "remoteChecksFailed",
    "remoteLastStatusCheck",
    "inputTransactionId",
    "inputCorrelationId",
    "archiveTransactionId",
    "archiveCorrelationId",
    "stageAppTransactionId",
    "stageAppCorrelationId",
    "dtnInputTransactionId",
    "dtnInputCorrelationId",
    "dtnOutputTransactionId",
    "dtnOutputCorrelationId",
    "tapisQueue",
    "visible",
    "createdby",
    "createdbyTenant",
    "tags",
    "jobType",
    "isMpi",
    "mpiCmd",
    "cmdPrefix",
    "sharedAppCtx",
    "sharedAppCtxAttribs",
    "trackingId",
    "notes",
    "_fileInputsSpec",
    "_parameterSetModel",
];

/// Keys of the object that are not columns of the jobs table, so `select` refuses them:
/// Gson's transient fields, and `isMpi`, whose column is `mpi`.
const NOT_COLUMNS: [&str; 3] = ["isMpi", "_fileInputsSpec", "_parameterSetModel"];

/// Columns that `select` accepts although the object never has them as keys (the column
/// `mpi` is serialised as `isMpi`): asking for them gives nothing but the uuid.
const COLUMNS_NOT_KEYS: [&str; 1] = ["mpi"];

/// The timestamps Tapis reads back from its database (microseconds at most).
const TIMES: [&str; 7] = [
    "created",
    "ended",
    "lastUpdated",
    "remoteSubmitted",
    "remoteStarted",
    "remoteEnded",
    "remoteLastStatusCheck",
];

/// May `key` be selected (`select=a,b,c`)? The jobs table's columns, camel-cased, as
/// Jobs' `checkSelectListValidity` checks them.
pub fn is_column(key: &str) -> bool {
    (KEYS.contains(&key) && !NOT_COLUMNS.contains(&key)) || COLUMNS_NOT_KEYS.contains(&key)
}

/// `job` with every key of [`KEYS`]: its own values (timestamps cut to the
/// microsecond), what Tapis fills for every job it creates where the job has none, `null`
/// for the rest. Keys Tapis no longer writes (old payloads' `dtnMountPoint`) are kept.
pub fn complete(job: &Map<String, Value>, id: u64, tenant: &str) -> Map<String, Value> {
    let text = |k: &str| job.get(k).and_then(Value::as_str).unwrap_or_default();
    let (uuid, owner, app, version) = (
        text("uuid"),
        text("owner"),
        text("appId"),
        text("appVersion"),
    );
    let day = text("created").get(..10).unwrap_or("1970-01-01");
    let exec_dir = format!("/scratch/{owner}/tapis/{uuid}");
    let filled = |key: &str| -> Value {
        let s = |v: String| Value::String(v);
        match key {
            "id" => Value::from(id),
            "tenant" | "createdbyTenant" => s(tenant.to_string()),
            "description" => s(format!("{app}-{version} submitted by {owner}@{tenant}")),
            "createdby" => s(owner.to_string()),
            "archiveOnAppError" | "visible" => Value::Bool(true),
            "archiveMode" => s("ALWAYS".into()),
            "dynamicExecSystem" | "isMpi" => Value::Bool(false),
            "execSystemExecDir" | "execSystemInputDir" => s(exec_dir.clone()),
            "execSystemOutputDir" => s(format!("{exec_dir}/output")),
            "archiveSystemDir" => s(format!("/{owner}/tapis-jobs-archive/{day}Z/{uuid}")),
            "fileInputs" | "subscriptions" => s("[]".into()),
            "parameterSet" => s(r#"{"appArgs": [], "containerArgs": [], "schedulerOptions": [], "envVariables": [], "archiveFilter": {"includes": [], "excludes": [], "includeLaunchFiles": true}}"#.into()),
            "blockedCount" | "remoteSubmitRetries" | "remoteChecksSuccess" | "remoteChecksFailed" => Value::from(0),
            "tapisQueue" => s("tapis.jobq.submit.DefaultQueue".into()),
            "jobType" => s("BATCH".into()),
            "sharedAppCtxAttribs" => Value::Array(Vec::new()),
            "notes" => s("{}".into()),
            _ => Value::Null,
        }
    };
    let mut out = Map::new();
    for key in KEYS {
        let value = match job.get(key) {
            Some(Value::String(t)) if TIMES.contains(&key) => Value::String(to_micros(t)),
            Some(v) => v.clone(),
            None => filled(key),
        };
        out.insert(key.to_string(), value);
    }
    for (key, value) in job {
        if !out.contains_key(key) {
            out.insert(key.clone(), value.clone());
        }
    }
    out
}

/// An RFC 3339 instant as Tapis writes one read back from its database: UTC, `Z`, the
/// fraction cut to microseconds and written as `ISO_INSTANT` does (0, 3 or 6 digits).
/// Text that is not an instant is returned as it was.
pub fn to_micros(text: &str) -> String {
    let Ok(t) = chrono::DateTime::parse_from_rfc3339(text) else {
        return text.to_string();
    };
    let t = t.with_timezone(&chrono::Utc);
    let micros = t.timestamp_subsec_micros();
    let base = t.format("%Y-%m-%dT%H:%M:%S");
    if micros == 0 {
        format!("{base}Z")
    } else if micros % 1000 == 0 {
        format!("{base}.{:03}Z", micros / 1000)
    } else {
        format!("{base}.{micros:06}Z")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_bare_job_gets_every_key_in_order_with_nulls_and_defaults() {
        let Value::Object(job) = json!({"uuid": "u-1", "owner": "ana", "appId": "app",
            "appVersion": "1", "status": "RUNNING", "created": "2025-01-02T03:04:05.123456789Z"})
        else {
            unreachable!()
        };
        let full = complete(&job, 7, "designsafe");
        let mut keys: Vec<&str> = full.keys().map(String::as_str).collect();
        let mut want = KEYS.to_vec();
        keys.sort_unstable();
        want.sort_unstable();
        assert_eq!(keys, want);
        assert_eq!(full["id"], 7);
        assert_eq!(full["created"], "2025-01-02T03:04:05.123456Z");
        assert_eq!(full["ended"], Value::Null);
        assert_eq!(full["dtnSystemId"], Value::Null);
        assert_eq!(full["visible"], true);
        assert_eq!(full["createdby"], "ana");
        assert_eq!(full["description"], "app-1 submitted by ana@designsafe");
    }

    #[test]
    fn real_values_stay_and_old_keys_too() {
        let Value::Object(job) =
            json!({"uuid": "u", "tags": null, "dtnMountPoint": null, "notes": {"a": 1}})
        else {
            unreachable!()
        };
        let full = complete(&job, 1, "t");
        assert_eq!(full["tags"], Value::Null, "a real null stays null");
        assert_eq!(full["notes"], json!({"a": 1}));
        assert!(full.contains_key("dtnMountPoint"));
        assert_eq!(full.len(), KEYS.len() + 1);
    }

    #[test]
    fn instants_are_cut_to_microseconds_and_written_as_iso_instant() {
        assert_eq!(
            to_micros("2025-05-07T22:15:20.327744999Z"),
            "2025-05-07T22:15:20.327744Z"
        );
        assert_eq!(
            to_micros("2025-05-07T22:15:20.5Z"),
            "2025-05-07T22:15:20.500Z"
        );
        assert_eq!(
            to_micros("2025-05-07T22:15:20.000000Z"),
            "2025-05-07T22:15:20Z"
        );
        assert_eq!(
            to_micros("2025-05-07T23:15:20+01:00"),
            "2025-05-07T22:15:20Z"
        );
        assert_eq!(to_micros("not a time"), "not a time");
    }

    #[test]
    fn select_takes_the_tables_columns() {
        assert!(is_column("visible") && is_column("tapisQueue") && is_column("mpi"));
        assert!(is_column("archiveMode") && is_column("sharedAppCtxAttribs"));
        assert!(!is_column("isMpi") && !is_column("_fileInputsSpec") && !is_column("bogus"));
    }
}
