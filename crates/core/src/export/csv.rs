//! CSV with RFC 4180 quoting (a field is quoted when it holds a comma, a quote
//! or a line break; quotes inside are doubled) and `\n` line ends, which every
//! CSV reader accepts and Unix tools prefer to RFC 4180's CRLF. Cells are safe
//! to open in a spreadsheet: one that would run as a formula is neutralised as
//! OWASP recommends ([`cell`]). Two shapes: one
//! row per job × state, tidy data for pandas, R or a pivot table
//! ([`states_csv`]); and one row per job with every state a column, for reading
//! in a spreadsheet ([`jobs_csv`]).

use crate::job_report::JobReport;
use crate::job_state::{Bucket, JobState};
use crate::report::Report;

/// The columns of [`states_csv`].
pub const STATES_HEADER: [&str; 15] = [
    "uuid",
    "name",
    "appId",
    "appVersion",
    "execSystem",
    "queue",
    "finalStatus",
    "condition",
    "state",
    "bucket",
    "seconds",
    "visits",
    "share",
    "open",
    "stale",
];

/// One row per job and state entered (lifecycle order), with the time summed
/// over visits and its share of the job. A job without history (its states are
/// unknown) still gets one row, with the state columns empty, so every job is in
/// the file.
pub fn states_csv(r: &Report) -> String {
    let mut out = line(STATES_HEADER.iter().map(|s| s.to_string()));
    for j in &r.jobs {
        let job = job_columns(j);
        if j.durations.is_empty() {
            out.push_str(&line(
                job.iter()
                    .cloned()
                    .chain(std::iter::repeat_n(String::new(), 6))
                    .chain([j.stale.is_some().to_string()]),
            ));
            continue;
        }
        for (state, seconds) in j.durations.iter() {
            let share = (j.total_seconds > 0.0).then(|| seconds / j.total_seconds);
            out.push_str(&line(job.iter().cloned().chain([
                state.name().to_string(),
                state.bucket().map_or("", Bucket::key).to_string(),
                num(*seconds),
                j.visits.get(state).copied().unwrap_or(0).to_string(),
                share.map(num).unwrap_or_default(),
                (j.open_state.as_ref() == Some(state)).to_string(),
                j.stale.is_some().to_string(),
            ])));
        }
    }
    out
}

/// How many columns [`job_columns`] gives: the first of [`STATES_HEADER`].
const JOB_COLUMNS: usize = 8;

fn job_columns(j: &JobReport) -> [String; JOB_COLUMNS] {
    let opt = |v: Option<&str>| v.unwrap_or_default().to_string();
    [
        j.uuid.to_string(),
        opt(j.name.as_deref()),
        opt(j.app_id.as_deref()),
        opt(j.app_version.as_deref()),
        opt(j.exec_system.as_deref()),
        opt(j.queue.as_deref()),
        j.final_status
            .as_ref()
            .map(|s| s.name().to_string())
            .unwrap_or_default(),
        opt(j.condition.as_deref()),
    ]
}

/// One row per job, every state and bucket a column.
pub fn jobs_csv(r: &Report) -> String {
    let states: Vec<JobState> = JobState::lifecycle()
        .filter(|s| !s.is_terminal())
        .cloned()
        .collect();
    // The job's own columns ([`job_columns`]) open both files.
    let mut header: Vec<String> = STATES_HEADER[..JOB_COLUMNS]
        .iter()
        .chain(&[
            "openState",
            "stale",
            "totalSeconds",
            "runningSeconds",
            "outsideRunningSeconds",
            "outsideRunningShare",
        ])
        .map(|s| s.to_string())
        .collect();
    header.extend(states.iter().map(|s| format!("{}_seconds", s.name())));
    header.extend(Bucket::ALL.iter().map(|b| format!("{}_seconds", b.key())));
    header.extend(
        ["inputFiles", "inputBytes", "archiveFiles", "archiveBytes"]
            .iter()
            .chain(&crate::analysis::anatomy::CSV_COLUMNS)
            .chain(&["warnings"])
            .map(|s| s.to_string()),
    );
    let mut out = line(header);
    let count = |v: Option<u64>| v.map(|v| v.to_string()).unwrap_or_default();
    for j in &r.jobs {
        let mut row: Vec<String> = job_columns(j).into();
        row.push(
            j.open_state
                .as_ref()
                .map(|s| s.name().to_string())
                .unwrap_or_default(),
        );
        row.push(j.stale.is_some().to_string());
        // A job known only from its job object has its totals and the buckets
        // its coarse phases tell; its time per state is unknown.
        if j.has_profile() {
            row.extend([
                num(j.total_seconds),
                num(j.running_seconds),
                num(j.outside_running_seconds),
                j.outside_running_share.map(num).unwrap_or_default(),
            ]);
        } else {
            row.extend(std::iter::repeat_n(String::new(), 4));
        }
        if j.has_history {
            row.extend(states.iter().map(|s| num(j.seconds_in(s))));
        } else {
            row.extend(std::iter::repeat_n(String::new(), states.len()));
        }
        row.extend(
            Bucket::ALL
                .iter()
                .map(|b| j.buckets.get(b).copied().map(num).unwrap_or_default()),
        );
        let (input, archive) = (j.transfers.input.as_ref(), j.transfers.archive.as_ref());
        row.extend([
            count(input.and_then(|t| t.files)),
            count(input.and_then(|t| t.bytes)),
            count(archive.and_then(|t| t.files)),
            count(archive.and_then(|t| t.bytes)),
        ]);
        row.extend(
            crate::analysis::anatomy::csv_values(&j.anatomy)
                .map(|v| v.map(num).unwrap_or_default()),
        );
        row.push(j.warnings.join("; "));
        out.push_str(&line(row));
    }
    out
}

/// Seconds to the microsecond, without trailing zeros: `215.1`, `0.000001`, `12`.
fn num(v: f64) -> String {
    let text = format!("{v:.6}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".to_string()
    } else {
        text.to_string()
    }
}

fn line(cells: impl IntoIterator<Item = String>) -> String {
    let quoted: Vec<String> = cells.into_iter().map(cell).collect();
    quoted.join(",") + "\n"
}

/// One cell as written. Data (a job's name, its last message) is shown, never
/// run: a cell that starts with `=`, `+`, `-` (other than a negative number),
/// `@`, a tab or a carriage return would be a formula to a spreadsheet (OWASP,
/// "CSV Injection"), so it gets a `'` in front and is quoted.
fn cell(c: String) -> String {
    let formula = match c.as_bytes().first() {
        Some(b'=' | b'+' | b'@' | b'\t' | b'\r') => true,
        Some(b'-') => !c.parse::<f64>().is_ok_and(f64::is_finite),
        _ => false,
    };
    if formula {
        format!("\"'{}\"", c.replace('"', "\"\""))
    } else if c.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", c.replace('"', "\"\""))
    } else {
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_only_what_needs_it() {
        assert_eq!(
            line(["a".into(), "b,c".into(), "d\"e".into(), "f\ng".into()]),
            "a,\"b,c\",\"d\"\"e\",\"f\ng\"\n"
        );
    }

    #[test]
    fn cells_a_spreadsheet_would_run_are_neutralised() {
        let row = |c: &str| line([c.to_string()]);
        assert_eq!(
            row("=HYPERLINK(\"http://x\",\"x\")"),
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"x\"\")\"\n"
        );
        for c in ["+1", "-x", "@SUM(A1)", "\tx", "\rx", "-", "-inf", "-1e999"] {
            assert_eq!(row(c), format!("\"'{c}\"\n"), "{c:?}");
        }
        for c in ["-1.5", "-0", "12", "a=b", "x+"] {
            assert_eq!(row(c), format!("{c}\n"), "{c:?}");
        }
    }

    #[test]
    fn numbers_keep_microseconds_and_drop_trailing_zeros() {
        assert_eq!(num(215.1), "215.1");
        assert_eq!(num(12.0), "12");
        assert_eq!(num(0.000001), "0.000001");
        assert_eq!(num(-0.0000001), "0");
    }
}
