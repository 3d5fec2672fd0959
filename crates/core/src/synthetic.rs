//! A seeded generator of realistic synthetic jobs, for benchmarks, property
//! tests and the other engineers' browser tests (`tapis-profile synth`).
//!
//! Shapes follow API.md and the real DesignSafe job: ≈12 events per job (9
//! status changes, a subscription, an input and an archive transfer with a
//! `transferSummary`); submission gap, log-normal stage times with heavy queue
//! tails; about 8 % FAILED (early staging failures, non-zero exits, walltime),
//! 4 % CANCELLED, 3 % BLOCKED and recovered, 2 % still active; apps sharing
//! inputs; some jobs archiving thousands of small files. Same seed, same jobs.
//! On request, some jobs are zombies ([`Config::zombies`]): left by Tapis in
//! STAGING_INPUTS, QUEUED or ARCHIVING for good, as real job lists hold them.
//! Also on request ([`Config::sweep`]): a parameter sweep instead, one app in two
//! versions that stage differently, submitted in bursts against a per-user quota
//! that holds the excess in BLOCKED — what cohort comparison and load over time
//! are for. The default output does not change with it.

use chrono::Duration;

use crate::job_state::JobState;
use crate::model::{Event, EventKind, Job, JobInfo, SharedText, Transfer};
use crate::time::{format_timestamp, parse_timestamp, Timestamp};

pub use crate::rng::Rng;

/// What to generate.
#[derive(Debug, Clone)]
pub struct Config {
    pub jobs: usize,
    pub seed: u64,
    /// When the first job is created; jobs follow every few minutes.
    pub start: Timestamp,
    /// How many of the jobs Tapis left in STAGING_INPUTS, QUEUED or ARCHIVING
    /// for good: their history stops there, their job object says so, and,
    /// like a live Tapis answer, they carry no capture time, so they are
    /// measured up to "now" (which makes them stale months later).
    pub zombies: usize,
    /// A parameter sweep instead of the default mix (`None`: the mix).
    pub sweep: Option<Sweep>,
}

/// A sweep: `opensees-mp-s3` on `frontera / normal`, version 1.2 for the first half
/// of the jobs (inputs as hundreds of files) and 1.3 for the second (inputs as one
/// ZIP, staged faster), `burst` jobs submitted together every day and a half.
#[derive(Debug, Clone, PartialEq)]
pub struct Sweep {
    /// Jobs a user may have active on the queue at once (Tapis' maxJobsPerUser):
    /// a job submitted while that many are goes to BLOCKED until one ends.
    pub quota: usize,
    pub burst: usize,
}

impl Default for Sweep {
    fn default() -> Self {
        Sweep {
            quota: 8,
            burst: 25,
        }
    }
}

/// What a sweep decides of one job.
struct SweepJob {
    version: &'static str,
    /// Inputs zipped into one file.
    zipped: bool,
    /// Its quota slot frees up then: BLOCKED until a little after.
    blocked_until: Option<Timestamp>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            jobs: 100,
            seed: 7,
            start: parse_timestamp("2025-03-01T08:00:00Z").expect("a valid time"),
            zombies: 0,
            sweep: None,
        }
    }
}

/// The states zombies are left in, in turn.
pub const ZOMBIE_STATES: [JobState; 3] = [
    JobState::StagingInputs,
    JobState::Queued,
    JobState::Archiving,
];

struct App {
    id: &'static str,
    version: &'static str,
    nodes: u32,
    cores: u32,
    /// Median RUNNING seconds.
    run: f64,
    max_minutes: u32,
    inputs: &'static [&'static str],
    /// Median files archived; some runs write thousands of small files.
    out_files: f64,
}

const APPS: &[App] = &[
    App {
        id: "opensees-mp-s3",
        version: "latest",
        nodes: 2,
        cores: 48,
        run: 900.0,
        max_minutes: 120,
        inputs: &[
            "tapis://designsafe.storage.default/user/OpenSees/model",
            "tapis://designsafe.storage.community/ground-motions/set-A",
        ],
        out_files: 3000.0,
    },
    App {
        id: "opensees-sp-s3",
        version: "3.7.0",
        nodes: 1,
        cores: 48,
        run: 300.0,
        max_minutes: 60,
        inputs: &["tapis://designsafe.storage.default/user/OpenSees/sp"],
        out_files: 40.0,
    },
    App {
        id: "adcirc",
        version: "v55",
        nodes: 4,
        cores: 56,
        run: 3600.0,
        max_minutes: 240,
        inputs: &["tapis://designsafe.storage.community/adcirc/mesh-large"],
        out_files: 12.0,
    },
    App {
        id: "matlab-batch",
        version: "r2022b",
        nodes: 1,
        cores: 28,
        run: 600.0,
        max_minutes: 300,
        inputs: &[],
        out_files: 5.0,
    },
    App {
        id: "quofem",
        version: "4.2",
        nodes: 1,
        cores: 56,
        run: 1200.0,
        max_minutes: 480,
        inputs: &[
            "tapis://designsafe.storage.community/ground-motions/set-A",
            "tapis://designsafe.storage.default/user/quofem/case",
        ],
        out_files: 800.0,
    },
];

const SYSTEMS: &[(&str, &[&str])] = &[
    ("stampede3", &["skx", "skx-dev", "icx"]),
    ("frontera", &["normal", "development"]),
    ("ls6", &["normal", "development"]),
];

/// How the job ends.
#[derive(Clone, Copy, PartialEq)]
enum Ending {
    Finished,
    /// Input staging failed (missing path): FAILED in STAGING_INPUTS.
    FailedStaging,
    /// The application exited non-zero: RUNNING → ARCHIVING → FAILED.
    FailedExit,
    /// Killed at walltime: RUNNING → FAILED.
    FailedTimeout,
    CancelledQueued,
    CancelledRunning,
    /// Still active: open in QUEUED or RUNNING.
    Active,
}

fn ending(rng: &mut Rng) -> Ending {
    let x = rng.unit();
    match x {
        _ if x < 0.03 => Ending::FailedStaging,
        _ if x < 0.065 => Ending::FailedExit,
        _ if x < 0.08 => Ending::FailedTimeout,
        _ if x < 0.10 => Ending::CancelledQueued,
        _ if x < 0.12 => Ending::CancelledRunning,
        _ if x < 0.14 => Ending::Active,
        _ => Ending::Finished,
    }
}

/// Generates `config.jobs` jobs, each with a job object and its history.
pub fn generate(config: &Config) -> Vec<Job> {
    let mut rng = Rng::new(config.seed);
    let mut jobs: Vec<Job> = match &config.sweep {
        None => (0..config.jobs)
            .map(|n| {
                let created =
                    config.start + Duration::seconds((n as i64) * 180 + rng.below(120) as i64);
                one_job(&mut rng, n, created, None)
            })
            .collect(),
        Some(sweep) => sweep_jobs(&mut rng, config, sweep),
    };
    // A generator of its own, so the other jobs are the same with or without zombies.
    let mut pick = Rng::new(config.seed.wrapping_add(0x5EED));
    let mut made = 0;
    let mut tries = 0;
    while made < config.zombies.min(jobs.len()) && tries < 100 * config.jobs.max(1) {
        tries += 1;
        let job = &mut jobs[pick.below(config.jobs)];
        let state = &ZOMBIE_STATES[made % ZOMBIE_STATES.len()];
        if job.captured.is_some() && zombify(job, state) {
            made += 1;
        }
    }
    jobs
}

/// Cuts `job`'s history at its first `state` and makes its job object say it is
/// still there; `false` when the job never reached `state`.
fn zombify(job: &mut Job, state: &JobState) -> bool {
    let Some(at) = job
        .events
        .iter()
        .position(|e| e.kind == EventKind::NewStatus(state.clone()))
    else {
        return false;
    };
    let since = job.events[at].created;
    std::sync::Arc::make_mut(&mut job.events).truncate(at + 1);
    job.captured = None;
    if let Some(i) = job.info.as_mut().map(std::sync::Arc::make_mut) {
        let ran = *state == JobState::Archiving;
        i.status = Some(state.clone());
        i.condition = None;
        i.last_message = Some(format!("Job {} is {state}.", job.id).into());
        i.last_updated = Some(since);
        i.ended = None;
        i.remote_ended = if ran { Some(since) } else { None };
        if !ran {
            i.remote_started = None;
        }
    }
    true
}

/// A sweep's jobs in submission order, each taking the quota slot that frees up
/// first (first come, first served, as Tapis' recovery retries them).
fn sweep_jobs(rng: &mut Rng, config: &Config, sweep: &Sweep) -> Vec<Job> {
    let burst = sweep.burst.max(1);
    let mut slots: Vec<Timestamp> = vec![config.start; sweep.quota.max(1)];
    (0..config.jobs)
        .map(|n| {
            let created = config.start
                + Duration::hours(36 * (n / burst) as i64)
                + Duration::seconds(20 * (n % burst) as i64 + rng.below(10) as i64);
            let slot = (0..slots.len())
                .min_by_key(|&i| slots[i])
                .expect("one slot at least");
            let version_2 = n >= config.jobs / 2;
            let shape = SweepJob {
                version: if version_2 { "1.3" } else { "1.2" },
                zipped: version_2,
                blocked_until: (slots[slot] > created).then_some(slots[slot]),
            };
            let job = one_job(rng, n, created, Some(&shape));
            let ended = job
                .events
                .iter()
                .rev()
                .find(|e| matches!(e.kind, EventKind::NewStatus(_)))
                .map_or(created, |e| e.created);
            slots[slot] = ended;
            job
        })
        .collect()
}

fn uuid(rng: &mut Rng) -> String {
    let a = rng.next_u64();
    let b = rng.next_u64();
    format!(
        "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}-007",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xfff,
        (b >> 48) & 0x3fff | 0x8000,
        b & 0xffff_ffff_ffff
    )
}

fn secs(s: f64) -> Duration {
    Duration::microseconds((s.max(0.0) * 1e6) as i64)
}

struct History {
    events: Vec<Event>,
    now: Timestamp,
}

impl History {
    fn wait(&mut self, s: f64) {
        self.now += secs(s);
    }

    /// Status events carry no message in the domain model (see `import::history`).
    fn status(&mut self, state: JobState) {
        self.events.push(Event {
            kind: EventKind::NewStatus(state),
            created: self.now,
            message: None,
            transfer: None,
        });
    }

    fn other(&mut self, event: &str, detail: &str, message: String, transfer: Option<Transfer>) {
        self.events.push(Event {
            kind: EventKind::Other {
                event: event.into(),
                detail: detail.into(),
            },
            created: self.now,
            message: Some(message.into()),
            transfer: transfer.map(std::sync::Arc::new),
        });
    }
}

fn one_job(rng: &mut Rng, n: usize, created: Timestamp, sweep: Option<&SweepJob>) -> Job {
    let mut app = rng.pick(APPS);
    let (mut system, queues) = *rng.pick(SYSTEMS);
    let mut queue = *rng.pick(queues);
    let mut version = app.version;
    if let Some(s) = sweep {
        (app, system, queue, version) = (&APPS[0], "frontera", "normal", s.version);
    }
    let id = uuid(rng);
    let name = format!("{}-{}_{n:05}", app.id, version);
    let end = match ending(rng) {
        // A sweep's jobs all end, so that each frees its quota slot.
        Ending::Active if sweep.is_some() => Ending::Finished,
        e => e,
    };
    let mut h = History {
        events: Vec::with_capacity(14),
        now: created + secs(rng.lognormal(3.0, 0.3)),
    };
    let mut last: Option<JobState> = None;
    let go = |h: &mut History, s: JobState, last: &mut Option<JobState>| {
        h.status(s.clone());
        *last = Some(s);
    };
    let mut condition = None;
    let mut last_message = "Setting job status to FINISHED.".to_string();

    go(&mut h, JobState::Pending, &mut last);
    if rng.chance(0.8) {
        h.wait(0.08);
        h.other("JOB_SUBSCRIPTION", "ADDED", "A change to the job's subscriptions has occurred.  1 subscription(s) created with job submission.".into(), None);
    }
    h.wait(rng.lognormal(1.0, 0.3));
    if let Some(until) = sweep.and_then(|s| s.blocked_until) {
        // The quota is full: BLOCKED until a slot frees and recovery next retries it.
        go(&mut h, JobState::Blocked, &mut last);
        h.now = h.now.max(until) + secs(rng.lognormal(30.0, 0.5));
        go(&mut h, JobState::Pending, &mut last);
        h.wait(rng.lognormal(1.0, 0.3));
    }
    go(&mut h, JobState::ProcessingInputs, &mut last);
    h.wait(rng.lognormal(1.0, 0.3));
    go(&mut h, JobState::StagingInputs, &mut last);

    // Input transfer: files and bytes from the app's inputs.
    let zipped = sweep.is_some_and(|s| s.zipped);
    let in_files = if app.inputs.is_empty() || zipped {
        1
    } else {
        rng.lognormal(120.0, 1.2).ceil() as u64
    };
    // A sweep's 1.2 stages hundreds of files, its 1.3 one ZIP.
    let in_files = match sweep {
        Some(_) if !zipped => in_files.max(1) * 4,
        _ => in_files,
    };
    let in_bytes = (in_files as f64 * rng.lognormal(30_000.0, 1.5)) as u64;
    let in_delay = rng.lognormal(12.0, 0.5);
    let in_copy = 2.0 + in_files as f64 * rng.lognormal(0.2, 0.4) + in_bytes as f64 / 50e6;
    let staged_ok = end != Ending::FailedStaging;
    let t_created = h.now + secs(0.15);
    let t_start = t_created + secs(in_delay);
    let t_end = t_start + secs(if staged_ok { in_copy } else { in_copy / 3.0 });
    h.now = t_end + secs(rng.lognormal(4.0, 0.3));
    let transfer_uuid = uuid(rng);
    let in_status = if staged_ok { "COMPLETED" } else { "FAILED" };
    h.other(
        "JOB_INPUT_TRANSACTION_ID",
        in_status,
        format!("A request to stage job input files has been submitted. Files service staging transaction {transfer_uuid} in state {in_status} for job {id} in tenant designsafe."),
        Some(Transfer {
            uuid: Some(transfer_uuid.clone()),
            status: Some(in_status.into()),
            bytes: Some(if staged_ok { in_bytes } else { in_bytes / 3 }),
            files: Some(in_files),
            files_done: Some(if staged_ok { in_files } else { in_files / 3 }),
            created: Some(t_created),
            start: Some(t_start),
            end: Some(t_end),
            error: (!staged_ok).then(|| "Path not found: inputDirectory".to_string()),
        }),
    );
    let mut ran = 0.0;
    if end == Ending::FailedStaging {
        h.wait(0.05);
        condition = Some("JOB_UNABLE_TO_STAGE_INPUTS");
        last_message = format!(
            "JOBS_INPUT_STAGING_ERROR Unable to stage inputs for job {id}: path not found."
        );
        h.other("JOB_ERROR_MESSAGE", "FAILED", last_message.clone(), None);
        h.wait(0.02);
        go(&mut h, JobState::Failed, &mut last);
        h.wait(0.03);
        h.other(
            "JOB_ERROR_MESSAGE",
            "FINAL_MESSAGE",
            last_message.clone(),
            None,
        );
    } else {
        h.wait(0.04);
        go(&mut h, JobState::StagingJob, &mut last);
        h.wait(rng.lognormal(20.0, 0.6));
        go(&mut h, JobState::SubmittingJob, &mut last);
        h.wait(rng.lognormal(0.7, 0.3));
        go(&mut h, JobState::Queued, &mut last);
        // Queue waits: mostly minutes, a heavy tail of hours; dev queues are quick.
        let dev = queue.contains("dev");
        let queue_wait = rng.lognormal(if dev { 30.0 } else { 300.0 }, if dev { 0.8 } else { 1.6 });
        if rng.chance(0.03) {
            h.wait(queue_wait / 2.0);
            go(&mut h, JobState::Blocked, &mut last);
            h.wait(rng.lognormal(600.0, 1.0));
            go(&mut h, JobState::Queued, &mut last);
            h.wait(queue_wait / 2.0);
        } else {
            h.wait(queue_wait);
        }
        match end {
            Ending::CancelledQueued => {
                condition = Some("CANCELLED_BY_USER");
                last_message =
                    format!("JOBS_CMD_MSG_RECEIVED Job {id} received a JOB_CANCEL command.");
                go(&mut h, JobState::Cancelled, &mut last);
            }
            Ending::Active if rng.chance(0.5) => {}
            _ => {
                go(&mut h, JobState::Running, &mut last);
                let max = f64::from(app.max_minutes) * 60.0;
                ran = match end {
                    Ending::FailedTimeout => max + rng.lognormal(60.0, 0.5),
                    Ending::FailedExit => rng.lognormal(20.0, 1.0),
                    _ => rng.lognormal(app.run, 0.7).min(max * 0.97),
                };
                h.wait(ran);
                match end {
                    Ending::FailedTimeout => {
                        condition = Some("SCHEDULER_TIMEOUT");
                        last_message = format!("JOBS_USER_APP_FAILURE The user application ({id}) ended with remote status \"TIMEOUT\".");
                        h.other("JOB_ERROR_MESSAGE", "FAILED", last_message.clone(), None);
                        go(&mut h, JobState::Failed, &mut last);
                    }
                    Ending::CancelledRunning => {
                        condition = Some("CANCELLED_BY_USER");
                        last_message = format!(
                            "JOBS_CMD_MSG_RECEIVED Job {id} received a JOB_CANCEL command."
                        );
                        go(&mut h, JobState::Cancelled, &mut last);
                    }
                    Ending::Active => {}
                    _ => {
                        go(&mut h, JobState::Archiving, &mut last);
                        let out_files = if end == Ending::FailedExit {
                            3
                        } else {
                            rng.lognormal(app.out_files, 0.8).ceil() as u64
                        };
                        let out_bytes = (out_files as f64 * rng.lognormal(40_000.0, 1.2)) as u64;
                        let a_created = h.now + secs(1.2);
                        let a_start = a_created + secs(rng.lognormal(10.0, 0.4));
                        let a_end = a_start
                            + secs(
                                1.0 + out_files as f64 * rng.lognormal(0.035, 0.4)
                                    + out_bytes as f64 / 80e6,
                            );
                        h.now = a_end + secs(rng.lognormal(20.0, 0.5));
                        let archive_uuid = uuid(rng);
                        h.other(
                            "JOB_ARCHIVE_TRANSACTION_ID",
                            "COMPLETED",
                            format!("A request to archive job output files has been submitted. Files service archiving transaction {archive_uuid} in state COMPLETED for job {id} in tenant designsafe."),
                            Some(Transfer {
                                uuid: Some(archive_uuid),
                                status: Some("COMPLETED".into()),
                                bytes: Some(out_bytes),
                                files: Some(out_files),
                                files_done: Some(out_files),
                                created: Some(a_created),
                                start: Some(a_start),
                                end: Some(a_end),
                                error: None,
                            }),
                        );
                        h.wait(3.6);
                        if end == Ending::FailedExit {
                            condition = Some("JOB_REMOTE_OUTCOME_ERROR");
                            last_message = format!("JOBS_USER_APP_FAILURE The user application ({id}) ended with remote status \"FAILED\" and returned exit code \"1:0\".");
                            go(&mut h, JobState::Failed, &mut last);
                        } else {
                            condition = Some("NORMAL_COMPLETION");
                            go(&mut h, JobState::Finished, &mut last);
                        }
                    }
                }
            }
        }
    }
    let terminal = last.as_ref().is_some_and(JobState::is_terminal);
    let last_time = h
        .events
        .iter()
        .rev()
        .find(|e| matches!(e.kind, EventKind::NewStatus(_)))
        .map(|e| e.created);
    let first_running = h
        .events
        .iter()
        .find(|e| e.kind == EventKind::NewStatus(JobState::Running))
        .map(|e| e.created);
    let info = JobInfo {
        name: Some(name.as_str().into()),
        owner: Some("researcher".into()),
        tenant: Some("designsafe".into()),
        app_id: Some(app.id.into()),
        app_version: Some(version.into()),
        job_type: Some("BATCH".into()),
        status: last.clone(),
        condition: terminal.then(|| condition.unwrap_or("NORMAL_COMPLETION").into()),
        last_message: Some(
            if terminal {
                last_message
            } else {
                format!("Job {id} is {}.", last.as_ref().map_or("", |s| s.name()))
            }
            .into(),
        ),
        created: Some(created),
        last_updated: last_time,
        ended: terminal
            .then_some(last_time)
            .flatten()
            .map(|t| t - Duration::milliseconds(18)),
        remote_submitted: None,
        remote_started: first_running,
        remote_ended: first_running.filter(|_| terminal).map(|t| t + secs(ran)),
        exec_system_id: Some(system.into()),
        exec_system_logical_queue: Some(queue.into()),
        archive_system_id: Some("designsafe.storage.default".into()),
        node_count: Some(app.nodes),
        cores_per_node: Some(app.cores),
        memory_mb: Some(192_000),
        max_minutes: Some(app.max_minutes),
        blocked_count: Some(
            h.events
                .iter()
                .filter(|e| e.kind == EventKind::NewStatus(JobState::Blocked))
                .count() as u32,
        ),
        remote_outcome: None,
        remote_result_info: None,
        interactive: Some(false),
        input_urls: app.inputs.iter().map(|&s| s.into()).collect(),
    };
    // Captured a few minutes after its last event, as an export made soon after
    // would be: an active job shows a short open state, whenever it is analysed.
    let captured = h
        .events
        .last()
        .map(|e| e.created + secs(300.0 * ((n % 7) + 1) as f64));
    let id = SharedText::from(id);
    Job {
        id: id.clone(),
        uuid: Some(id),
        name: Some(name.into()),
        info: Some(info.into()),
        events: h.events.into(),
        inputs: Vec::new(),
        captured,
    }
}

/// The same jobs as Tapis' history API would serve them: one envelope per job
/// (today's schema, `description` as a JSON string), one per line — what the
/// app holds after fetching every history.
pub fn to_history_envelopes(jobs: &[Job]) -> String {
    use serde_json::json;
    let mut out = String::new();
    for job in jobs {
        let uuid = job.uuid.as_deref().unwrap_or(&job.id);
        let name = job.name.as_deref().unwrap_or("");
        let mut old: Option<&str> = None;
        let events: Vec<serde_json::Value> = job
            .events
            .iter()
            .map(|e| {
                let message = e.message.as_deref().unwrap_or("");
                let description = match &e.kind {
                    EventKind::NewStatus(s) => {
                        let message = match old {
                            Some(o) => format!("The job has transitioned to a new status: {s}. The previous job status was {o}."),
                            None => format!("The job has transitioned to a new status: {s}."),
                        };
                        let d = json!({"newJobStatus": s.name(), "oldJobStatus": old, "jobName": name,
                            "jobUuid": uuid, "jobOwner": "researcher", "message": message});
                        old = Some(s.name());
                        d
                    }
                    EventKind::Other { .. } => json!({"jobName": name, "jobUuid": uuid,
                        "jobOwner": "researcher", "message": message}),
                };
                let summary = match e.transfer.as_deref() {
                    Some(t) => json!({"uuid": t.uuid, "status": t.status,
                        "estimatedTotalBytes": t.bytes, "totalBytesTransferred": t.bytes,
                        "completeTransfers": t.files_done, "totalTransfers": t.files,
                        "created": t.created.as_ref().map(format_timestamp),
                        "startTime": t.start.as_ref().map_or(String::new(), format_timestamp),
                        "endTime": t.end.as_ref().map_or(String::new(), format_timestamp),
                        "errorMessage": t.error}),
                    None => json!({}),
                };
                json!({"event": e.kind.event_type(), "created": format_timestamp(&e.created),
                    "eventDetail": e.kind.detail(), "description": description.to_string(),
                    "transferTaskUuid": e.transfer.as_ref().and_then(|t| t.uuid.clone()),
                    "transferSummary": summary})
            })
            .collect();
        let envelope = json!({"result": events, "status": "success",
            "message": format!("JOBS_HISTORY_RETRIEVED Job {uuid} history retrieved for user researcher tenant designsafe"),
            "version": "1.8.0", "metadata": {"recordCount": job.events.len(), "recordLimit": 100,
            "recordsSkipped": 0, "orderBy": null, "startAfter": null, "totalCount": -1}});
        out.push_str(&envelope.to_string());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{analyse_jobs, Options};
    use crate::import::{import_text, to_bundle};

    #[test]
    fn same_seed_same_jobs_and_about_twelve_events_each() {
        let c = Config {
            jobs: 400,
            ..Config::default()
        };
        let a = generate(&c);
        assert_eq!(a, generate(&c));
        let events: usize = a.iter().map(|j| j.events.len()).sum();
        let mean = events as f64 / a.len() as f64;
        assert!((10.0..14.0).contains(&mean), "{mean}");
        let count = |s: JobState| {
            a.iter()
                .filter(|j| j.final_status() == Some(s.clone()))
                .count()
        };
        let (failed, cancelled) = (count(JobState::Failed), count(JobState::Cancelled));
        assert!((10..70).contains(&failed), "{failed}");
        assert!((4..40).contains(&cancelled), "{cancelled}");
        assert!(a.iter().any(|j| j
            .events
            .iter()
            .any(|e| e.kind == EventKind::NewStatus(JobState::Blocked))));
    }

    #[test]
    fn bundles_and_envelopes_import_back_to_the_same_jobs() {
        let jobs = generate(&Config {
            jobs: 50,
            ..Config::default()
        });
        let from_bundle = import_text("b", &to_bundle(&jobs));
        assert!(
            from_bundle.diagnostics.is_empty(),
            "{:?}",
            from_bundle.diagnostics
        );
        let strip = |js: Vec<Job>| {
            js.into_iter()
                .map(|j| Job {
                    inputs: vec![],
                    ..j
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(strip(from_bundle.jobs), jobs);
        let from_history = import_text("h", &to_history_envelopes(&jobs));
        assert!(
            from_history.diagnostics.is_empty(),
            "{:?}",
            from_history.diagnostics
        );
        for (a, b) in from_history.jobs.iter().zip(&jobs) {
            assert_eq!(a.events, b.events);
        }
        let report = analyse_jobs(&jobs, &Options::default());
        assert!(!report.recommendations.is_empty());
    }

    #[test]
    fn zombies_are_left_in_staging_queued_or_archiving_and_the_rest_are_the_same() {
        let plain = generate(&Config {
            jobs: 300,
            ..Config::default()
        });
        let with = generate(&Config {
            jobs: 300,
            zombies: 7,
            ..Config::default()
        });
        let zombies: Vec<&Job> = with.iter().filter(|j| j.captured.is_none()).collect();
        assert_eq!(zombies.len(), 7);
        for z in &zombies {
            let status = z.info.as_ref().and_then(|i| i.status.clone()).unwrap();
            assert!(ZOMBIE_STATES.contains(&status), "{status}");
            assert_eq!(z.final_status(), Some(status));
            assert_eq!(z.info.as_ref().unwrap().ended, None);
        }
        let same = plain.iter().zip(&with).filter(|(a, b)| a == b).count();
        assert_eq!(same, 300 - 7);
        // A year on, the zombies are stale and the rest are not.
        let report = analyse_jobs(&with, &Options::at(parse_timestamp("2026-03-01T00:00:00Z")));
        let stale: Vec<&str> = report.stale().map(|j| &*j.uuid).collect();
        let ids: Vec<&str> = zombies.iter().map(|j| &*j.id).collect();
        assert_eq!(stale.len(), 7);
        assert!(stale.iter().all(|u| ids.contains(u)));
        assert_eq!(report.aggregate.jobs, 300 - 7);
    }
}
