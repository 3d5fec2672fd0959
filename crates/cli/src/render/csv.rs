//! One row per job, every state and bucket a column: for spreadsheets.

use tapis_profile::report::Report;
use tapis_profile::{Bucket, JobState};

pub fn render(r: &Report) -> String {
    let states: Vec<JobState> = std::iter::once(JobState::Submission)
        .chain(JobState::KNOWN.into_iter().filter(|s| !s.is_terminal()))
        .collect();
    let mut header: Vec<String> = [
        "uuid",
        "name",
        "appId",
        "appVersion",
        "execSystem",
        "queue",
        "finalStatus",
        "condition",
        "openState",
        "totalSeconds",
        "runningSeconds",
        "outsideRunningSeconds",
        "outsideRunningShare",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    header.extend(states.iter().map(|s| format!("{}_seconds", s.name())));
    header.extend(Bucket::ALL.iter().map(|b| format!("{}_seconds", b.key())));
    header.extend(
        [
            "inputFiles",
            "inputBytes",
            "archiveFiles",
            "archiveBytes",
            "warnings",
        ]
        .iter()
        .map(|s| s.to_string()),
    );
    let mut out = line(&header);
    let opt = |v: Option<String>| v.unwrap_or_default();
    let num = |v: f64| {
        format!("{v:.6}")
            .trim_end_matches('0')
            .trim_end_matches('.')
            .to_string()
    };
    for j in &r.jobs {
        let mut row = vec![
            j.uuid.clone(),
            opt(j.name.clone()),
            opt(j.app_id.clone()),
            opt(j.app_version.clone()),
            opt(j.exec_system.clone()),
            opt(j.queue.clone()),
            opt(j.final_status.as_ref().map(|s| s.name().to_string())),
            opt(j.condition.clone()),
            opt(j.open_state.as_ref().map(|s| s.name().to_string())),
        ];
        if j.has_history {
            row.extend([
                num(j.total_seconds),
                num(j.running_seconds),
                num(j.outside_running_seconds),
                opt(j.outside_running_share.map(num)),
            ]);
            row.extend(states.iter().map(|s| num(j.seconds_in(s))));
            row.extend(Bucket::ALL.iter().map(|b| num(j.bucket_seconds(*b))));
        } else {
            row.extend(std::iter::repeat_n(
                String::new(),
                4 + states.len() + Bucket::ALL.len(),
            ));
        }
        let t = &j.transfers;
        row.extend([
            opt(t
                .input
                .as_ref()
                .and_then(|t| t.files)
                .map(|v| v.to_string())),
            opt(t
                .input
                .as_ref()
                .and_then(|t| t.bytes)
                .map(|v| v.to_string())),
            opt(t
                .archive
                .as_ref()
                .and_then(|t| t.files)
                .map(|v| v.to_string())),
            opt(t
                .archive
                .as_ref()
                .and_then(|t| t.bytes)
                .map(|v| v.to_string())),
            j.warnings.join("; "),
        ]);
        out.push_str(&line(&row));
    }
    out
}

fn line(cells: &[String]) -> String {
    let quoted: Vec<String> = cells
        .iter()
        .map(|c| {
            if c.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", c.replace('"', "\"\""))
            } else {
                c.clone()
            }
        })
        .collect();
    quoted.join(",") + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_only_what_needs_it() {
        assert_eq!(
            line(&["a".into(), "b,c".into(), "d\"e".into()]),
            "a,\"b,c\",\"d\"\"e\"\n"
        );
    }
}
