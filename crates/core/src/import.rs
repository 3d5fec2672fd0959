//! Reading job history as Tapis serves it. This is the only module that knows
//! the wire format's field names.
//!
//! Accepted today: the `GET /v3/jobs/{uuid}/history` envelope
//! (`{"result": [...], "status": ...}`) and its bare `result` array, in both the
//! current schema (`eventDetail`, JSON descriptions) and the 2021 one (`jobStatus`).

use serde_json::Value;

use crate::model::{Diagnostic, Event, EventKind, Job, Location, Severity};
use crate::state::JobState;
use crate::time::parse_timestamp;

/// What one import produced: the jobs that could be read, and every problem met.
/// Reading never panics and never fails as a whole: an unreadable input yields
/// no jobs and an error diagnostic.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Import {
    pub jobs: Vec<Job>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads one input (`name` is what diagnostics call it, e.g. a file name).
pub fn import_text(name: &str, text: &str) -> Import {
    let mut out = Import::default();
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            out.diagnostics.push(Diagnostic {
                severity: Severity::Error,
                input: name.to_string(),
                location: Some(Location {
                    line: e.line(),
                    column: e.column(),
                }),
                message: format!("not valid JSON: {}", strip_position(&e.to_string())),
            });
            return out;
        }
    };
    let items = match &value {
        Value::Array(items) => items,
        Value::Object(map) => match map.get("result") {
            Some(Value::Array(items)) => items,
            _ => {
                out.diagnostics.push(error(
                    name,
                    "this JSON is an object without a `result` array; expected a job history \
                     (the history API response or its `result` array)",
                ));
                return out;
            }
        },
        _ => {
            out.diagnostics.push(error(
                name,
                "expected a job history: the history API response or its `result` array",
            ));
            return out;
        }
    };

    let mut job = Job::default();
    for (index, item) in items.iter().enumerate() {
        match read_event(item) {
            Ok((event, uuid, job_name)) => {
                job.uuid = job.uuid.or(uuid);
                job.name = job.name.or(job_name);
                job.events.push(event);
            }
            Err(why) => out.diagnostics.push(Diagnostic {
                severity: Severity::Warning,
                input: name.to_string(),
                location: None,
                message: format!("event {} skipped: {why}", index + 1),
            }),
        }
    }
    if job.events.is_empty() {
        out.diagnostics
            .push(error(name, "no job-history events found in this input"));
    } else {
        out.jobs.push(job);
    }
    out
}

type ReadEvent = (Event, Option<String>, Option<String>);

fn read_event(item: &Value) -> Result<ReadEvent, String> {
    let obj = item.as_object().ok_or("not a JSON object")?;
    let event = str_field(obj, "event").ok_or("no `event` field")?;
    let created = str_field(obj, "created").ok_or("no `created` time")?;
    let created =
        parse_timestamp(created).ok_or_else(|| format!("`created` is not a time: {created:?}"))?;
    let description = str_field(obj, "description").unwrap_or_default();
    let described: Option<serde_json::Map<String, Value>> = serde_json::from_str(description).ok();
    let from_description = |key: &str| {
        described
            .as_ref()
            .and_then(|d| d.get(key))
            .and_then(Value::as_str)
            .map(str::to_string)
    };
    // `eventDetail` today, `jobStatus` in 2021 exports.
    let detail = str_field(obj, "eventDetail")
        .or_else(|| str_field(obj, "jobStatus"))
        .map(str::to_string)
        .or_else(|| from_description("newJobStatus"))
        .unwrap_or_default();
    let kind = if event == "JOB_NEW_STATUS" {
        if detail.is_empty() {
            return Err("a status event that names no status".into());
        }
        EventKind::NewStatus(JobState::parse(&detail))
    } else {
        EventKind::Other {
            event: event.to_string(),
            detail,
        }
    };
    let message = from_description("message")
        .or_else(|| (!description.is_empty() && described.is_none()).then(|| description.into()));
    Ok((
        Event {
            kind,
            created,
            message,
        },
        from_description("jobUuid"),
        from_description("jobName"),
    ))
}

fn str_field<'a>(obj: &'a serde_json::Map<String, Value>, key: &str) -> Option<&'a str> {
    obj.get(key).and_then(Value::as_str)
}

fn error(name: &str, message: &str) -> Diagnostic {
    Diagnostic {
        severity: Severity::Error,
        input: name.to_string(),
        location: None,
        message: message.to_string(),
    }
}

/// serde_json appends " at line L column C"; we report the position separately.
fn strip_position(message: &str) -> &str {
    message
        .rfind(" at line ")
        .map_or(message, |at| &message[..at])
}

#[cfg(test)]
mod tests {
    use super::*;

    const EVENT: &str = r#"{"event":"JOB_NEW_STATUS","created":"2025-05-07T22:15:18.083053Z",
        "eventDetail":"PENDING","description":"{\"jobUuid\":\"u-1\",\"jobName\":\"n\",\"message\":\"m\"}"}"#;

    #[test]
    fn reads_the_envelope_and_the_bare_array_alike() {
        let bare = import_text("a", &format!("[{EVENT}]"));
        let envelope = import_text(
            "b",
            &format!(r#"{{"result":[{EVENT}],"status":"success"}}"#),
        );
        assert_eq!(bare.jobs, envelope.jobs);
        assert_eq!(bare.jobs[0].uuid.as_deref(), Some("u-1"));
        assert_eq!(bare.jobs[0].events[0].message.as_deref(), Some("m"));
        assert!(bare.diagnostics.is_empty());
    }

    #[test]
    fn invalid_json_says_where() {
        let out = import_text("paste", "[\n  {\"event\": }\n]");
        assert!(out.jobs.is_empty());
        let d = &out.diagnostics[0];
        assert_eq!(d.severity, Severity::Error);
        assert_eq!(
            d.location,
            Some(Location {
                line: 2,
                column: 13
            })
        );
        assert!(d.message.starts_with("not valid JSON"), "{}", d.message);
        assert!(!d.message.contains("at line"), "{}", d.message);
    }

    #[test]
    fn reads_the_2021_schema() {
        let old = r#"[{"event":"JOB_NEW_STATUS","created":"2021-07-21T19:30:04.616Z",
            "jobStatus":"QUEUED","description":"The job has transitioned to a new status: QUEUED."}]"#;
        let out = import_text("old", old);
        assert_eq!(
            out.jobs[0].events[0].kind,
            EventKind::NewStatus(JobState::Queued)
        );
        assert_eq!(
            out.jobs[0].events[0].message.as_deref(),
            Some("The job has transitioned to a new status: QUEUED.")
        );
    }

    #[test]
    fn skips_bad_events_but_keeps_good_ones() {
        let text = format!(r#"[{EVENT}, {{"event":"JOB_NEW_STATUS","created":"soon"}}, 3]"#);
        let out = import_text("mixed", &text);
        assert_eq!(out.jobs[0].events.len(), 1);
        assert_eq!(out.diagnostics.len(), 2);
        assert!(out
            .diagnostics
            .iter()
            .all(|d| d.severity == Severity::Warning));
    }

    #[test]
    fn wrong_shapes_are_errors_not_panics() {
        for text in ["3", "{}", "{\"result\": 4}", "[]", "\"x\"", ""] {
            let out = import_text("x", text);
            assert!(out.jobs.is_empty(), "{text}");
            assert_eq!(out.diagnostics[0].severity, Severity::Error, "{text}");
        }
    }
}
