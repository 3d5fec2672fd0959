//! The jobs the stand-in serves: Tapis job objects with their histories, kept
//! as the JSON Tapis would send, so every endpoint answers in Tapis' own shapes.

use std::collections::HashMap;

use serde_json::{Map, Value};

use crate::job_object;

#[derive(Debug, Clone, PartialEq)]
pub struct StoredJob {
    /// The `GET /v3/jobs/{uuid}` result object.
    pub job: Map<String, Value>,
    /// The history events, in insertion (server) order.
    pub history: Vec<Value>,
}

impl StoredJob {
    pub fn uuid(&self) -> &str {
        self.job
            .get("uuid")
            .and_then(Value::as_str)
            .unwrap_or_default()
    }
}

#[derive(Debug, Default, Clone)]
pub struct Store {
    jobs: Vec<StoredJob>,
    by_uuid: HashMap<String, usize>,
}

impl Store {
    /// Adds a job, replacing any earlier one with the same uuid.
    pub fn add(&mut self, job: StoredJob) {
        let uuid = job.uuid().to_string();
        match self.by_uuid.get(&uuid) {
            Some(&i) => self.jobs[i] = job,
            None => {
                self.by_uuid.insert(uuid, self.jobs.len());
                self.jobs.push(job);
            }
        }
    }

    pub fn get(&self, uuid: &str) -> Option<&StoredJob> {
        self.by_uuid.get(uuid).map(|&i| &self.jobs[i])
    }

    pub fn jobs(&self) -> &[StoredJob] {
        &self.jobs
    }

    pub fn len(&self) -> usize {
        self.jobs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.jobs.is_empty()
    }

    /// Serves every job as `owner`'s in `tenant` (the stand-in plays one user's tenant), as
    /// Tapis writes it: every key of the job object, history times to the microsecond
    /// (`job_object`).
    pub fn serve_as(&mut self, owner: &str, tenant: &str) {
        for (i, stored) in self.jobs.iter_mut().enumerate() {
            stored
                .job
                .insert("owner".into(), Value::String(owner.into()));
            stored
                .job
                .insert("createdby".into(), Value::String(owner.into()));
            stored.job = job_object::complete(&stored.job, i as u64 + 1, tenant);
            for event in &mut stored.history {
                if let Some(Value::String(t)) = event.get_mut("created") {
                    *t = job_object::to_micros(t);
                }
            }
        }
    }

    /// Reads `{"jobs": [{"job": {…}, "history": […]}, …]}` (the shape of the
    /// project's bundle format); jobs without a uuid are refused.
    pub fn add_bundle_text(&mut self, text: &str) -> Result<usize, String> {
        let value: Value = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
        let entries = value
            .get("jobs")
            .and_then(Value::as_array)
            .ok_or("expected an object with a `jobs` array")?;
        let mut added = 0;
        for (i, entry) in entries.iter().enumerate() {
            let job = entry
                .get("job")
                .and_then(Value::as_object)
                .filter(|j| j.get("uuid").and_then(Value::as_str).is_some())
                .ok_or_else(|| format!("jobs[{i}] has no `job` object with a `uuid`"))?;
            let history = entry
                .get("history")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            self.add(StoredJob {
                job: job.clone(),
                history,
            });
            added += 1;
        }
        Ok(added)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_a_bundle_and_replaces_by_uuid() {
        let mut store = Store::default();
        let text = json!({"jobs": [
            {"job": {"uuid": "a", "status": "FINISHED"}, "history": [{"event": "JOB_NEW_STATUS"}]},
            {"job": {"uuid": "a", "status": "FAILED"}},
        ]})
        .to_string();
        assert_eq!(store.add_bundle_text(&text), Ok(2));
        assert_eq!(store.len(), 1);
        assert_eq!(store.get("a").unwrap().job["status"], "FAILED");
        assert!(store.add_bundle_text("{\"jobs\": [{}]}").is_err());
    }
}
