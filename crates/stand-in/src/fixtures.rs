//! Loading real Tapis payloads (the repository's `fixtures/tapis/`) into a store:
//! job objects become jobs, history arrays are attached to the job their
//! events name (`description.jobUuid`).

use std::collections::HashMap;
use std::path::Path;

use serde_json::Value;

use crate::store::{Store, StoredJob};

/// Adds every job object found in `dir`'s `*.json` files, with its history when
/// one is there too. Returns how many jobs were added.
pub fn add_dir(store: &mut Store, dir: &Path) -> std::io::Result<usize> {
    let mut jobs = Vec::new();
    let mut histories: HashMap<String, Vec<Value>> = HashMap::new();
    let mut paths: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    for path in paths {
        let Ok(value) = serde_json::from_str::<Value>(&std::fs::read_to_string(&path)?) else {
            continue;
        };
        let value = match value {
            Value::Object(mut map) if map.contains_key("status") && map.get("result").is_some() => {
                map.remove("result").unwrap_or(Value::Null)
            }
            other => other,
        };
        match value {
            Value::Object(job) if is_job_object(&job) => jobs.push(job),
            Value::Array(events) => {
                for event in events {
                    if let Some(uuid) = event_job_uuid(&event) {
                        histories.entry(uuid).or_default().push(event);
                    }
                }
            }
            _ => {}
        }
    }
    let added = jobs.len();
    for job in jobs {
        let uuid = job
            .get("uuid")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        let history = histories.remove(&uuid).unwrap_or_default();
        store.add(StoredJob { job, history });
    }
    Ok(added)
}

fn is_job_object(job: &serde_json::Map<String, Value>) -> bool {
    ["uuid", "appId", "status", "execSystemId", "maxMinutes"]
        .iter()
        .all(|k| job.contains_key(*k))
}

fn event_job_uuid(event: &Value) -> Option<String> {
    let description = event.get("description")?.as_str()?;
    let parsed: Value = serde_json::from_str(description).ok()?;
    parsed.get("jobUuid")?.as_str().map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_the_real_opensees_job_with_its_history() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/tapis");
        let mut store = Store::default();
        let added = add_dir(&mut store, &dir).unwrap();
        assert!(added >= 4, "{added}");
        let job = store
            .get("4dfa35e1-15cd-48fd-a090-f348544dee1f-007")
            .unwrap();
        assert_eq!(job.history.len(), 12);
        assert_eq!(job.job["appId"], "opensees-mp-s3");
    }
}
