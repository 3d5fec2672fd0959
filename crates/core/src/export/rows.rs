//! The report as rows for SQL engines and data frames: newline-delimited JSON,
//! one flat object per line, with the CSV exports' column names and values
//! ([`super::csv`]), typed (numbers, booleans, `null` for unknown) and at full
//! precision. DuckDB, Spark and pandas read it as it is; `sql/stats.sql` runs
//! on the per-state rows (docs/formats.md, "Rows for SQL engines").

use super::ndjson::{Line, Lines};
use crate::job_state::{Bucket, JobState};
use crate::report::{JobReport, Report};
use crate::time::format_timestamp;

/// Which rows [`ndjson_rows`] writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Rows {
    /// One per job × state entered, as the CSV export (`states_csv`), plus
    /// `hasHistory` and `counted`; a job with no state time still has one row,
    /// state columns null.
    #[default]
    State,
    /// One per visit to a state (a timeline segment), with its start and end.
    Visit,
    /// One per job, every state and bucket a column, as `jobs_csv`.
    Job,
}

impl Rows {
    /// The names `--rows` takes.
    pub const NAMES: [&'static str; 3] = ["state", "visit", "job"];

    pub fn parse(name: &str) -> Option<Rows> {
        match name {
            "state" => Some(Rows::State),
            "visit" => Some(Rows::Visit),
            "job" => Some(Rows::Job),
            _ => None,
        }
    }
}

pub fn ndjson_rows(r: &Report, rows: Rows) -> String {
    let mut lines = Lines::default();
    for j in &r.jobs {
        match rows {
            Rows::State => state_rows(&mut lines, j),
            Rows::Visit => visit_rows(&mut lines, j),
            Rows::Job => job_row(&mut lines, j),
        }
    }
    lines.finish()
}

/// The job's own columns, the first eight of every CSV export.
fn job_fields<'l, 'a>(line: &'l mut Line<'a>, j: &JobReport) -> &'l mut Line<'a> {
    line.field("uuid", &j.uuid)
        .field("name", &j.name)
        .field("appId", &j.app_id)
        .field("appVersion", &j.app_version)
        .field("execSystem", &j.exec_system)
        .field("queue", &j.queue)
        .field("finalStatus", &j.final_status.as_ref().map(JobState::name))
        .field("condition", &j.condition)
}

fn state_rows(lines: &mut Lines, j: &JobReport) {
    if j.durations.is_empty() {
        let mut line = lines.line();
        job_fields(&mut line, j);
        for key in ["state", "bucket", "seconds", "visits", "share", "open"] {
            line.field(key, &());
        }
        line.field("stale", &j.stale.is_some())
            .field("hasHistory", &j.has_history)
            .field("counted", &j.counted())
            .end();
        return;
    }
    for (state, seconds) in j.durations.iter() {
        let share = (j.total_seconds > 0.0).then(|| seconds / j.total_seconds);
        let mut line = lines.line();
        job_fields(&mut line, j)
            .field("state", state.name())
            .field("bucket", &state.bucket().map(Bucket::key))
            .field("seconds", seconds)
            .field("visits", &j.visits.get(state).copied().unwrap_or(0))
            .field("share", &share)
            .field("open", &(j.open_state.as_ref() == Some(state)))
            .field("stale", &j.stale.is_some())
            .field("hasHistory", &j.has_history)
            .field("counted", &j.counted())
            .end();
    }
}

fn visit_rows(lines: &mut Lines, j: &JobReport) {
    let mut seen: Vec<(&JobState, u32)> = Vec::new();
    for s in &j.segments {
        let visit = match seen.iter_mut().find(|(state, _)| *state == &s.state) {
            Some((_, n)) => {
                *n += 1;
                *n
            }
            None => {
                seen.push((&s.state, 1));
                1
            }
        };
        let mut line = lines.line();
        job_fields(&mut line, j)
            .field("state", s.state.name())
            .field("bucket", &s.state.bucket().map(Bucket::key))
            .field("visit", &visit)
            .field("started", &format_timestamp(&s.start))
            .field("ended", &format_timestamp(&s.end))
            .field("seconds", &s.seconds())
            .field("open", &s.open)
            .end();
    }
}

fn job_row(lines: &mut Lines, j: &JobReport) {
    let history = |v: f64| j.has_history.then_some(v);
    let profiled = |v: f64| j.has_profile().then_some(v);
    let mut line = lines.line();
    job_fields(&mut line, j)
        .field("openState", &j.open_state.as_ref().map(JobState::name))
        .field("stale", &j.stale.is_some())
        .field("totalSeconds", &profiled(j.total_seconds))
        .field("runningSeconds", &profiled(j.running_seconds))
        .field(
            "outsideRunningSeconds",
            &profiled(j.outside_running_seconds),
        )
        .field("outsideRunningShare", &j.outside_running_share);
    for s in JobState::lifecycle().filter(|s| !s.is_terminal()) {
        line.field(&format!("{}_seconds", s.name()), &history(j.seconds_in(s)));
    }
    for b in Bucket::ALL {
        line.field(&format!("{}_seconds", b.key()), &j.buckets.get(&b));
    }
    let (input, archive) = (j.transfers.input.as_ref(), j.transfers.archive.as_ref());
    line.field("inputFiles", &input.and_then(|t| t.files))
        .field("inputBytes", &input.and_then(|t| t.bytes))
        .field("archiveFiles", &archive.and_then(|t| t.files))
        .field("archiveBytes", &archive.and_then(|t| t.bytes));
    let anatomy = crate::analysis::anatomy::csv_values(&j.anatomy);
    for (name, v) in crate::analysis::anatomy::CSV_COLUMNS.iter().zip(anatomy) {
        line.field(name, &v);
    }
    line.field("warnings", &j.warnings).end();
}
