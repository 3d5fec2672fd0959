//! Chrome Trace Event JSON (the "JSON Object Format" of Google's Trace Event
//! Format document), which Perfetto, `chrome://tracing` and speedscope open:
//! one thread ("track") per job in one process, named by metadata events; one
//! complete event (`"ph": "X"`) per visit to a state, `ts` and `dur` in
//! microseconds; other history events (transfers, errors) as instant events.
//! A job known only from its job object has its coarse phases as slices
//! (`cat` their bucket, or `coarse`; `args.coarse` true).
//! Times count from the earliest visit or event (`otherData.origin`), so the numbers stay
//! small and readable; each slice also carries its UTC start.

use serde::Serialize;
use serde_json::{json, Value};

use crate::job_report::JobReport;
use crate::report::Report;
use crate::time::{format_timestamp, Timestamp};

/// The one process every job's track belongs to.
const PID: u32 = 1;

#[derive(Serialize)]
struct Trace {
    #[serde(rename = "traceEvents")]
    trace_events: Vec<TraceEvent>,
    #[serde(rename = "displayTimeUnit")]
    display_time_unit: &'static str,
    #[serde(rename = "otherData")]
    other_data: Value,
}

#[derive(Serialize)]
struct TraceEvent {
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    cat: Option<&'static str>,
    ph: &'static str,
    pid: u32,
    tid: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    ts: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    dur: Option<i64>,
    /// Instant events' scope: `t`, the thread.
    #[serde(skip_serializing_if = "Option::is_none")]
    s: Option<&'static str>,
    args: Value,
}

/// Microseconds from `origin` to `t`.
fn micros(origin: Timestamp, t: Timestamp) -> i64 {
    let d = t - origin;
    d.num_microseconds()
        .unwrap_or_else(|| d.num_milliseconds().saturating_mul(1000))
}

/// What a track is called: the job's name and the start of its UUID.
fn track_name(j: &JobReport) -> String {
    let id = if j.uuid_known {
        j.uuid.get(..8).unwrap_or(&j.uuid)
    } else {
        &j.uuid
    };
    match &j.name {
        Some(name) => format!("{name} ({id})"),
        None => id.to_string(),
    }
}

/// The trace of every job in `r`, in report order (track `tid` = position + 1).
pub fn chrome_trace(r: &Report) -> String {
    let origin = r
        .jobs
        .iter()
        .flat_map(|j| {
            let starts = j.segments.iter().map(|s| s.start);
            let coarse = j
                .coarse
                .iter()
                .flat_map(|c| c.segments.iter().map(|s| s.start));
            starts
                .chain(coarse)
                .chain(j.events.iter().map(|e| e.created))
        })
        .min();
    let mut events = vec![
        meta("process_name", 0, json!({ "name": "Tapis jobs" })),
        meta("process_sort_index", 0, json!({ "sort_index": 0 })),
    ];
    for (i, j) in r.jobs.iter().enumerate() {
        let tid = i as u32 + 1;
        events.push(meta("thread_name", tid, json!({ "name": track_name(j) })));
        events.push(meta("thread_sort_index", tid, json!({ "sort_index": i })));
        let Some(origin) = origin else { continue };
        // Visits to states, then (a job without history) its coarse phases.
        let visits = j.segments.iter().map(|s| {
            let cat = s.state.bucket().map_or("other", |b| b.key());
            (s.state.name(), cat, s.start, s.end, s.open, false)
        });
        let phases = j.coarse.iter().flat_map(|c| &c.segments).map(|s| {
            let cat = s.phase.bucket().map_or("coarse", |b| b.key());
            (s.phase.label(), cat, s.start, s.end, s.open, true)
        });
        for (name, cat, start, end, open, coarse) in visits.chain(phases) {
            let mut args = json!({ "uuid": j.uuid, "start": format_timestamp(&start) });
            if open {
                args["open"] = json!(true);
            }
            if coarse {
                args["coarse"] = json!(true);
            }
            events.push(TraceEvent {
                name: name.to_string(),
                cat: Some(cat),
                ph: "X",
                pid: PID,
                tid,
                ts: Some(micros(origin, start)),
                dur: Some(micros(start, end).max(0)),
                s: None,
                args,
            });
        }
        for e in j.events.iter() {
            let mut args = json!({ "detail": e.detail, "at": format_timestamp(&e.created) });
            if let Some(m) = &e.message {
                args["message"] = json!(m);
            }
            events.push(TraceEvent {
                name: e.event.to_string(),
                cat: Some("event"),
                ph: "i",
                pid: PID,
                tid,
                ts: Some(micros(origin, e.created)),
                dur: None,
                s: Some("t"),
                args,
            });
        }
    }
    let trace = Trace {
        trace_events: events,
        display_time_unit: "ms",
        other_data: json!({
            "producer": "tapis-profile",
            "origin": origin.as_ref().map(format_timestamp),
            "jobs": r.jobs.len(),
        }),
    };
    serde_json::to_string(&trace).unwrap_or_default()
}

fn meta(name: &str, tid: u32, args: Value) -> TraceEvent {
    TraceEvent {
        name: name.to_string(),
        cat: None,
        ph: "M",
        pid: PID,
        tid,
        ts: Some(0),
        dur: None,
        s: None,
        args,
    }
}
