//! Realistic jobs for the stand-in from the core's seeded generator
//! (`tapis_profile::synthetic`): job objects as `GET /v3/jobs/{uuid}` returns
//! them and histories as `GET /v3/jobs/{uuid}/history` does (today's schema,
//! `description` a JSON string), so the app meets Tapis' own shapes.

use chrono::{DateTime, Utc};
use serde_json::Value;
use tapis_profile::synthetic::{generate, to_history_envelopes, Config};
use tapis_profile::to_bundle;

use crate::store::{Store, StoredJob};

/// Adds `count` jobs generated from `seed`, the first created at `start`
/// (the generator's fixed default when `None`, so runs are reproducible).
/// Returns how many were added.
pub fn add(store: &mut Store, count: usize, seed: u64, start: Option<DateTime<Utc>>) -> usize {
    let mut config = Config {
        jobs: count,
        seed,
        ..Config::default()
    };
    if let Some(start) = start {
        config.start = start;
    }
    let jobs = generate(&config);
    let bundle: Value = serde_json::from_str(&to_bundle(&jobs)).unwrap_or_default();
    let entries = bundle["jobs"].as_array().cloned().unwrap_or_default();
    let envelopes = to_history_envelopes(&jobs);
    let mut added = 0;
    for (entry, line) in entries.into_iter().zip(envelopes.lines()) {
        let Some(mut job) = entry.get("job").and_then(Value::as_object).cloned() else {
            continue;
        };
        // Tapis sends `fileInputs` as a JSON string of an array (API.md §3.1).
        if let Some(inputs) = job.get("fileInputs").filter(|v| v.is_array()) {
            let text = inputs.to_string();
            job.insert("fileInputs".into(), Value::String(text));
        }
        let history = serde_json::from_str::<Value>(line)
            .ok()
            .and_then(|e| e.get("result").and_then(Value::as_array).cloned())
            .unwrap_or_default();
        store.add(StoredJob { job, history });
        added += 1;
    }
    added
}

/// The start that makes the newest of `count` jobs about an hour old at `now`
/// (jobs are about 3 minutes apart), for demos whose active jobs run now.
pub fn recent_start(count: usize, now: DateTime<Utc>) -> DateTime<Utc> {
    now - chrono::Duration::seconds(count as i64 * 180 + 3600)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jobs_come_with_tapis_shaped_histories_and_read_back_the_same() {
        let mut store = Store::default();
        assert_eq!(add(&mut store, 30, 3, None), 30);
        let job = &store.jobs()[0];
        assert!(job.job["fileInputs"].is_string() || job.job.get("fileInputs").is_none());
        let first = &job.history[0];
        assert_eq!(first["event"], "JOB_NEW_STATUS");
        let description: Value =
            serde_json::from_str(first["description"].as_str().unwrap()).unwrap();
        assert_eq!(description["jobUuid"], job.job["uuid"]);
        // What the stand-in serves is what the generator made: same jobs, same events.
        let expected = generate(&Config {
            jobs: 30,
            seed: 3,
            ..Config::default()
        });
        let served = crate::export(&store);
        let read = tapis_profile::import_text("export", &served);
        assert_eq!(read.jobs.len(), 30);
        for (got, want) in read.jobs.iter().zip(&expected) {
            assert_eq!(got.uuid, want.uuid);
            assert_eq!(got.events, want.events);
        }
    }
}
