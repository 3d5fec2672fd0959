//! The Jobs API as the live panel uses it (API.md §2–§3): the URLs it asks and what each
//! HTTP status means for a retry. Reading the answers is the core's
//! (`tapis_profile::import::api_response`: only import knows Tapis' field names). Pure:
//! the fetch itself is in `live::http`.

use chrono::NaiveDate;
use tapis_profile::import::api_response::error_message;
use tapis_profile::time::format_date;

use super::schedule::Failure;

/// Tapis' page size for history (`SearchParameters.DEFAULT_LIMIT`). Pages are followed
/// with `skip` until one holds fewer; `limit=-1` is never sent (API.md §2.1).
pub const HISTORY_LIMIT: usize = 100;
/// Jobs per search call: large pages, so a listing of up to [`MAX_JOBS`] takes one or two
/// round trips (each costs a CORS preflight too), not ten. Tapis takes any limit here (the
/// search's SQL `LIMIT`); a page of 500 selected jobs is about half a megabyte.
pub const SEARCH_LIMIT: usize = 500;
/// The most jobs one listing asks for.
pub const MAX_JOBS: usize = 1000;

/// The job fields the core reads (`JobInfo`), so the listing alone gives a coarse profile
/// of every job: API.md §3.3's list plus `owner`, `tenant`, `archiveSystemId`, `notes`
/// (interactive apps) and `fileInputs` (staged inputs). `uuid` comes anyway.
pub const SEARCH_SELECT: &str = "uuid,name,owner,tenant,appId,appVersion,jobType,status,\
condition,lastMessage,created,lastUpdated,ended,remoteSubmitted,remoteStarted,remoteEnded,\
execSystemId,execSystemLogicalQueue,archiveSystemId,nodeCount,coresPerNode,memoryMB,\
maxMinutes,blockedCount,remoteOutcome,remoteResultInfo,notes,fileInputs";

/// Which jobs to list.
#[derive(Debug, Clone, PartialEq)]
pub struct Filters {
    /// Created on or after this day (UTC).
    pub from: Option<NaiveDate>,
    /// Created on or before this day (UTC).
    pub to: Option<NaiveDate>,
    /// Exactly this app id (`opensees-mp-s3`); empty for any.
    pub app: String,
    pub status: StatusFilter,
    /// How many jobs, newest first.
    pub count: usize,
}

impl Default for Filters {
    fn default() -> Self {
        Filters {
            from: None,
            to: None,
            app: String::new(),
            status: StatusFilter::Any,
            count: 100,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusFilter {
    Any,
    Finished,
    Failed,
    Cancelled,
    /// Not yet FINISHED, FAILED or CANCELLED (BLOCKED and PAUSED included).
    Active,
}

impl StatusFilter {
    pub const ALL: [StatusFilter; 5] = [
        StatusFilter::Any,
        StatusFilter::Finished,
        StatusFilter::Failed,
        StatusFilter::Cancelled,
        StatusFilter::Active,
    ];

    pub fn key(self) -> &'static str {
        match self {
            StatusFilter::Any => "any",
            StatusFilter::Finished => "finished",
            StatusFilter::Failed => "failed",
            StatusFilter::Cancelled => "cancelled",
            StatusFilter::Active => "active",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            StatusFilter::Any => "Any status",
            StatusFilter::Finished => "Finished",
            StatusFilter::Failed => "Failed",
            StatusFilter::Cancelled => "Cancelled",
            StatusFilter::Active => "Still active",
        }
    }

    pub fn from_key(key: &str) -> StatusFilter {
        StatusFilter::ALL
            .into_iter()
            .find(|s| s.key() == key)
            .unwrap_or(StatusFilter::Any)
    }

    /// The search filter, as `(attribute.op, value)`.
    fn query(self) -> Option<(&'static str, &'static str)> {
        match self {
            StatusFilter::Any => None,
            StatusFilter::Finished => Some(("status.eq", "FINISHED")),
            StatusFilter::Failed => Some(("status.eq", "FAILED")),
            StatusFilter::Cancelled => Some(("status.eq", "CANCELLED")),
            StatusFilter::Active => Some(("status.nin", "FINISHED,FAILED,CANCELLED")),
        }
    }
}

/// One page of the user's jobs, newest first: `GET /v3/jobs/search` with `select=`
/// the fields the profile needs (API.md §3.3). The first page asks for `computeTotal`
/// ("n of N"); later pages do not (counting costs Tapis a second query each time).
pub fn search_url(base: &str, filters: &Filters, skip: usize, limit: usize) -> String {
    let mut pairs: Vec<(&str, String)> = vec![
        ("listType", "MY_JOBS".into()),
        ("orderBy", "created(desc)".into()),
        ("limit", limit.to_string()),
        ("skip", skip.to_string()),
    ];
    if skip == 0 {
        pairs.push(("computeTotal", "true".into()));
    }
    pairs.push(("select", SEARCH_SELECT.into()));
    if let Some(from) = filters.from {
        pairs.push(("created.gte", format_date(&from)));
    }
    if let Some(day_after) = filters.to.and_then(|to| to.succ_opt()) {
        pairs.push(("created.lt", format_date(&day_after)));
    }
    if !filters.app.trim().is_empty() {
        pairs.push(("appId.eq", filters.app.trim().to_string()));
    }
    if let Some((key, value)) = filters.status.query() {
        pairs.push((key, value.into()));
    }
    let query: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{k}={}", encode(v)))
        .collect();
    format!("{base}/v3/jobs/search?{}", query.join("&"))
}

/// One page of a job's history (`limit` 100, `skip` by 100).
pub fn history_url(base: &str, uuid: &str, skip: usize) -> String {
    format!(
        "{base}/v3/jobs/{}/history?limit={HISTORY_LIMIT}&skip={skip}",
        encode(uuid)
    )
}

/// Percent-encodes all but RFC 3986's unreserved characters and `,()` (which Tapis' own
/// examples write plainly: `orderBy=created(desc)`, `select=uuid,name`).
fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~,()".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// What an HTTP status (with its body) means for the request.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// 2xx: read the body.
    Ok,
    /// 401: the token expired or is invalid. Stop everything and forget it. What Tapis said.
    Unauthorized(String),
    /// 429, 408, 5xx: try again later.
    Retry(Failure),
    /// Any other answer: this job cannot be fetched.
    Fail(Failure),
}

/// Classifies an answer: plain words for a person, then what Tapis said (its JSON
/// `message`, or the first line of a plain-text body, as 401s have) with the status.
pub fn classify(status: u16, body: &str) -> Verdict {
    let detail = match error_message(body) {
        Some(m) => format!("Tapis answered {status}: {m}"),
        None => format!("Tapis answered {status}."),
    };
    let failure = |words: &str, retryable: bool| Failure {
        reason: words.to_string(),
        detail: Some(detail.clone()),
        retryable,
        retry_after_ms: None,
    };
    match status {
        200..=299 => Verdict::Ok,
        401 => Verdict::Unauthorized(detail),
        404 => Verdict::Fail(failure(
            "Tapis has no such job, or hides it from you",
            false,
        )),
        403 => Verdict::Fail(failure("Tapis does not let you read this", false)),
        400 => Verdict::Fail(failure("Tapis refused the request", false)),
        429 => Verdict::Retry(failure("Tapis asked to slow down", true)),
        408 | 425 | 504 => Verdict::Retry(failure("Tapis took too long to answer", true)),
        502 | 503 => Verdict::Retry(failure("Tapis was unavailable", true)),
        500..=599 => Verdict::Retry(failure("Tapis had an internal error", true)),
        _ => Verdict::Fail(failure(
            "Tapis gave an answer this app does not expect",
            false,
        )),
    }
}

/// `Retry-After` in milliseconds from `now_ms`: delay-seconds or an HTTP date. (Browsers
/// hide the header cross-origin unless the server exposes it, which Tapis' proxy does not:
/// then the backoff alone decides.)
pub fn retry_after_ms(value: &str, now_ms: f64) -> Option<f64> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u32>() {
        return Some(f64::from(seconds) * 1000.0);
    }
    let at = chrono::DateTime::parse_from_rfc2822(value).ok()?;
    Some((at.timestamp_millis() as f64 - now_ms).max(0.0))
}

/// The app's input name for the listing, and for one job's history: stable, so a
/// refresh replaces what an earlier fetch delivered.
pub const JOBS_INPUT: &str = "tapis:jobs";

/// What every history input's name starts with (the list of loaded data shows them as one row).
pub const HISTORY_INPUT_PREFIX: &str = "tapis:history:";

pub fn history_input(uuid: &str) -> String {
    format!("{HISTORY_INPUT_PREFIX}{uuid}")
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "https://designsafe.tapis.io";

    fn day(s: &str) -> Option<NaiveDate> {
        tapis_profile::time::parse_date(s)
    }

    #[test]
    fn the_search_url_asks_for_one_page_newest_first_with_the_profiles_fields() {
        let url = search_url(BASE, &Filters::default(), 0, 500);
        assert_eq!(
            url,
            format!(
                "{BASE}/v3/jobs/search?listType=MY_JOBS&orderBy=created(desc)&limit=500&skip=0\
                 &computeTotal=true&select={SEARCH_SELECT}"
            )
        );
        let next = search_url(BASE, &Filters::default(), 500, 500);
        assert!(
            !next.contains("computeTotal"),
            "the total is counted once: {next}"
        );
        for key in [
            "uuid",
            "status",
            "created",
            "lastUpdated",
            "remoteStarted",
            "notes",
        ] {
            assert!(SEARCH_SELECT.split(',').any(|k| k == key), "{key}");
        }
    }

    #[test]
    fn filters_become_search_conditions() {
        let filters = Filters {
            from: day("2025-03-01"),
            to: day("2025-03-31"),
            app: " opensees-mp-s3 ".into(),
            status: StatusFilter::Active,
            count: 50,
        };
        let url = search_url(BASE, &filters, 0, 50);
        assert!(
            url.contains("&created.gte=2025-03-01&created.lt=2025-04-01"),
            "{url}"
        );
        assert!(url.contains("&appId.eq=opensees-mp-s3"), "{url}");
        assert!(
            url.ends_with("&status.nin=FINISHED,FAILED,CANCELLED"),
            "{url}"
        );
        let odd = Filters {
            app: "a b&c=d".into(),
            ..Filters::default()
        };
        assert!(search_url(BASE, &odd, 0, 1).ends_with("&appId.eq=a%20b%26c%3Dd"));
        for s in StatusFilter::ALL {
            assert_eq!(StatusFilter::from_key(s.key()), s);
        }
    }

    #[test]
    fn history_pages_by_100_and_the_uuid_cannot_escape_the_path() {
        assert_eq!(
            history_url(BASE, "4dfa35e1-15cd-48fd-a090-f348544dee1f-007", 100),
            format!("{BASE}/v3/jobs/4dfa35e1-15cd-48fd-a090-f348544dee1f-007/history?limit=100&skip=100")
        );
        assert_eq!(
            history_url(BASE, "../x?y", 0),
            format!("{BASE}/v3/jobs/..%2Fx%3Fy/history?limit=100&skip=0")
        );
    }

    #[test]
    fn statuses_mean_ok_retry_fail_or_stop_in_plain_words_then_what_tapis_said() {
        assert_eq!(classify(200, ""), Verdict::Ok);
        assert_eq!(
            classify(401, "TAPIS_SECURITY_JWT_EXPIRED The JWT expired.\n"),
            Verdict::Unauthorized(
                "Tapis answered 401: TAPIS_SECURITY_JWT_EXPIRED The JWT expired.".into()
            )
        );
        let Verdict::Retry(slow) = classify(429, "Too Many Requests") else {
            panic!()
        };
        assert_eq!(slow.reason, "Tapis asked to slow down");
        assert_eq!(
            slow.detail.as_deref(),
            Some("Tapis answered 429: Too Many Requests")
        );
        for s in [408, 500, 502, 503, 504] {
            assert!(matches!(classify(s, ""), Verdict::Retry(_)), "{s}");
        }
        let not_found = r#"{"result": {"name": "x"}, "status": "success", "message": "JOBS_JOB_NOT_FOUND Job x not found."}"#;
        let Verdict::Fail(gone) = classify(404, not_found) else {
            panic!()
        };
        assert_eq!(gone.reason, "Tapis has no such job, or hides it from you");
        assert_eq!(
            gone.detail.as_deref(),
            Some("Tapis answered 404: JOBS_JOB_NOT_FOUND Job x not found.")
        );
        assert!(!gone.retryable);
        assert!(matches!(classify(400, "{}"), Verdict::Fail(_)));
        let Verdict::Fail(forbidden) = classify(403, "") else {
            panic!()
        };
        assert_eq!(forbidden.detail.as_deref(), Some("Tapis answered 403."));
    }

    #[test]
    fn retry_after_in_seconds_or_as_a_date() {
        assert_eq!(retry_after_ms("2", 0.0), Some(2_000.0));
        assert_eq!(
            retry_after_ms("Wed, 21 Oct 2015 07:28:10 GMT", 1_445_412_480_000.0),
            Some(10_000.0)
        );
        assert_eq!(
            retry_after_ms("Wed, 21 Oct 2015 07:28:10 GMT", 2e12),
            Some(0.0)
        );
        assert_eq!(retry_after_ms("soon", 0.0), None);
        assert_eq!(retry_after_ms("-1", 0.0), None);
    }
}
