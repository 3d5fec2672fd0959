//! Tapis' answers to the live panel's requests, read: a page of the job search, a page of a
//! job's history, and the message of an answer that is not a success. Each success comes
//! in Tapis' envelope (`status`, `message`, `result`, `metadata`; API.md §2). The app asks
//! (its URLs and `select` keys are its own); reading what Tapis answered is import's, the
//! one module that knows Tapis' field names (ARCHITECTURE.md, invariant 4).

use serde::Deserialize;

use crate::JobState;

/// A listed job: what the live panel's picker shows and what its "refresh" compares.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct JobSummary {
    pub uuid: String,
    pub name: Option<String>,
    pub app_id: Option<String>,
    pub status: Option<String>,
    pub created: Option<String>,
    pub last_updated: Option<String>,
}

impl JobSummary {
    /// Not yet in FINISHED, FAILED or CANCELLED: its open state still grows.
    pub fn is_live(&self) -> bool {
        self.status
            .as_deref()
            .is_some_and(|s| !JobState::parse(s).is_terminal())
    }
}

/// A search page as read: its jobs (those without a UUID left out), and how many jobs
/// matched in all when Tapis computed it (`computeTotal`).
#[derive(Debug, Clone, PartialEq)]
pub struct SearchPage {
    pub jobs: Vec<JobSummary>,
    pub total: Option<usize>,
}

/// Why a successful (200) answer could not be used: cut short, or not Tapis' envelope.
/// The caller may try again.
#[derive(Debug, Clone, PartialEq)]
pub struct BodyProblem(pub String);

#[derive(Deserialize)]
struct Envelope<T> {
    status: Option<String>,
    message: Option<String>,
    result: Option<T>,
    /// `null` in some answers (a job's status): then absent.
    #[serde(default)]
    metadata: Option<Metadata>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct Metadata {
    record_count: Option<usize>,
    /// `-1` when Tapis did not count.
    total_count: Option<i64>,
}

fn envelope<'a, T: Deserialize<'a>>(text: &'a str) -> Result<Envelope<T>, BodyProblem> {
    let env: Envelope<T> = serde_json::from_str(text).map_err(|e| {
        BodyProblem(if e.is_eof() {
            "the answer was cut short".into()
        } else {
            format!("the answer is not Tapis' JSON ({e})")
        })
    })?;
    if env.status.as_deref() != Some("success") {
        return Err(BodyProblem(format!(
            "Tapis answered “{}”",
            env.message.as_deref().unwrap_or("error")
        )));
    }
    Ok(env)
}

/// Reads a page of `GET /v3/jobs/search` (a 200 answer).
pub fn read_search_page(text: &str) -> Result<SearchPage, BodyProblem> {
    let env: Envelope<Vec<JobSummary>> = envelope(text)?;
    let jobs = env
        .result
        .ok_or_else(|| BodyProblem("the answer has no job list".into()))?;
    Ok(SearchPage {
        jobs: jobs.into_iter().filter(|j| !j.uuid.is_empty()).collect(),
        total: env
            .metadata
            .and_then(|m| m.total_count)
            .and_then(|t| usize::try_from(t).ok()),
    })
}

/// Reads a page of `GET /v3/jobs/{uuid}/history` (a 200 answer): how many events it held.
/// A page as long as the limit asked for means there may be more.
pub fn read_history_page(text: &str) -> Result<usize, BodyProblem> {
    let env: Envelope<Vec<serde::de::IgnoredAny>> = envelope(text)?;
    let events = env
        .result
        .ok_or_else(|| BodyProblem("the answer has no event list".into()))?;
    match env.metadata.and_then(|m| m.record_count) {
        Some(n) if n != events.len() => Err(BodyProblem(format!(
            "the answer says {n} events but holds {}",
            events.len()
        ))),
        _ => Ok(events.len()),
    }
}

/// What an answer's body says went wrong, to quote: Tapis' JSON `message`, or the first
/// line of a plain-text body (as 401s have); at most [`MESSAGE_CHARS`] characters.
pub fn error_message(body: &str) -> Option<String> {
    #[derive(Deserialize)]
    struct Message {
        message: Option<String>,
    }
    let text = match serde_json::from_str::<Message>(body) {
        Ok(m) => m.message?,
        Err(_) => body.lines().find(|l| !l.trim().is_empty())?.to_string(),
    };
    let text = text.trim();
    (!text.is_empty()).then(|| shorten(text, MESSAGE_CHARS))
}

/// The most of a server's message [`error_message`] quotes.
pub const MESSAGE_CHARS: usize = 240;

/// At most `max` characters, with `…` when cut.
fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEARCH_GET: &str =
        include_str!("../../../../fixtures/tapis/source-tapisdocs-search-get-2021.json");
    const SEARCH_SELECT: &str =
        include_str!("../../../../fixtures/tapis/source-tapisdocs-search-post-select-2023.json");
    const HISTORY_PAGE: &str =
        include_str!("../../../../fixtures/tapis/source-tapisdocs-history-finished-2021.json");
    const HISTORY_EVENTS: &str = include_str!(
        "../../../../fixtures/tapis/source-ds-history-4dfa35e1-finished-2025.reconstructed.json"
    );
    const JOB_STATUS: &str =
        include_str!("../../../../fixtures/tapis/source-tapisdocs-jobstatus.json");

    #[test]
    fn reads_real_search_pages_with_their_totals() {
        let page = read_search_page(SEARCH_GET).unwrap();
        assert_eq!(page.total, Some(246));
        assert_eq!(page.jobs.len(), 2);
        let first = &page.jobs[0];
        assert_eq!(first.uuid, "79234b2a-0995-4632-956e-b940d10607ba-007");
        assert_eq!(first.name.as_deref(), Some("SyRunSleepSecondsNoIPFiles-2"));
        assert_eq!(
            first.app_id.as_deref(),
            Some("SyRunSleepSecondsNoIPFiles-2")
        );
        assert_eq!(first.status.as_deref(), Some("FINISHED"));
        assert_eq!(first.created.as_deref(), Some("2021-07-20T23:56:02.616Z"));
        assert_eq!(
            first.last_updated.as_deref(),
            Some("2021-07-20T23:56:54.409Z")
        );
        assert!(!first.is_live());

        // A `select`ed search: fewer fields, every job still read.
        let page = read_search_page(SEARCH_SELECT).unwrap();
        assert_eq!(page.total, Some(27_345));
        assert_eq!(page.jobs.len(), 2);
        assert!(page
            .jobs
            .iter()
            .all(|j| !j.uuid.is_empty() && j.created.is_none()));
    }

    #[test]
    fn reads_real_history_pages_and_notices_cut_or_lying_ones() {
        // Tapis' own example: nine events, `recordCount` 9, `totalCount` -1.
        assert_eq!(read_history_page(HISTORY_PAGE), Ok(9));

        let envelope = format!(
            r#"{{"result": {HISTORY_EVENTS}, "status": "success", "message": "ok", "metadata": {{"recordCount": 12, "recordLimit": 100}}}}"#
        );
        assert_eq!(read_history_page(&envelope), Ok(12));
        let cut = &envelope[..envelope.len() / 2];
        assert_eq!(
            read_history_page(cut),
            Err(BodyProblem("the answer was cut short".into()))
        );
        let lying = envelope.replace(r#""recordCount": 12"#, r#""recordCount": 13"#);
        assert_eq!(
            read_history_page(&lying),
            Err(BodyProblem("the answer says 13 events but holds 12".into()))
        );
        let error = r#"{"result": null, "status": "error", "message": "JOBS_X broke"}"#;
        assert_eq!(
            read_history_page(error),
            Err(BodyProblem("Tapis answered “JOBS_X broke”".into()))
        );
        let no_list = r#"{"status": "success", "message": "ok"}"#;
        assert_eq!(
            read_history_page(no_list),
            Err(BodyProblem("the answer has no event list".into()))
        );
    }

    #[test]
    fn an_answer_of_another_shape_is_a_problem_not_a_panic() {
        // A job's status: `metadata` is null, `result` an object, not a list.
        let problem = read_search_page(JOB_STATUS).unwrap_err();
        assert!(
            problem.0.starts_with("the answer is not Tapis' JSON"),
            "{problem:?}"
        );
        assert!(read_history_page(JOB_STATUS).is_err());
        // The history page is no search page (its events have no UUID: none is listed).
        assert_eq!(read_search_page(HISTORY_PAGE).unwrap().jobs, Vec::new());
        for text in ["", "[]", "null", "<html>Bad gateway</html>", "{\"status\":"] {
            assert!(read_search_page(text).is_err(), "{text}");
            assert!(read_history_page(text).is_err(), "{text}");
        }
    }

    #[test]
    fn error_messages_quote_tapis_json_or_the_first_line() {
        let not_found = r#"{"result": {"name": "x"}, "status": "success", "message": "JOBS_JOB_NOT_FOUND Job x not found."}"#;
        assert_eq!(
            error_message(not_found).as_deref(),
            Some("JOBS_JOB_NOT_FOUND Job x not found.")
        );
        assert_eq!(
            error_message("\n  TAPIS_SECURITY_JWT_EXPIRED The JWT expired.\nmore\n").as_deref(),
            Some("TAPIS_SECURITY_JWT_EXPIRED The JWT expired.")
        );
        assert_eq!(error_message(""), None);
        assert_eq!(error_message("{}"), None);
        assert_eq!(error_message(r#"{"message": "  "}"#), None);
        let long = "é".repeat(MESSAGE_CHARS + 10);
        let quoted = error_message(&long).unwrap();
        assert_eq!(quoted.chars().count(), MESSAGE_CHARS + 1);
        assert!(quoted.ends_with('…'));
    }

    #[test]
    fn live_jobs_are_the_not_yet_terminal_ones() {
        let job = |s: &str| JobSummary {
            status: Some(s.into()),
            ..JobSummary::default()
        };
        assert!(job("RUNNING").is_live());
        assert!(job("BLOCKED").is_live());
        assert!(!job("FINISHED").is_live());
        assert!(!job("CANCELLED").is_live());
        assert!(!JobSummary::default().is_live());
    }
}
