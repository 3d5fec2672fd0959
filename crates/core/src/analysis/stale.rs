//! Open states with judgement. A job not yet FINISHED, FAILED or CANCELLED is
//! measured up to "now" (or up to when saved data was captured) only while that
//! is plausible: RUNNING within the job's `maxMinutes` and a margin, every other
//! state within a bound of its own. Past it the job is *stale* — Tapis left it in
//! that state for good (real job lists hold jobs stuck in STAGING_INPUTS, QUEUED
//! or ARCHIVING for months) — and its open state is not measured: the job stops
//! at its last event and is left out of totals, statistics and recommendations
//! unless the user counts it ([`crate::analysis::Options::include_stale`]).
//!
//! Every bound is here, and `sql/events.sql` holds the same table
//! (`tjp_open_bounds`, checked against [`bound`] by `tests/sql_lists.rs`).
//! docs/formats.md, "Stale jobs", gives the reasons for each.

use serde::{Deserialize, Serialize};

use crate::job_state::JobState;
use crate::time::{seconds_between, Timestamp};

const HOUR: f64 = 3_600.0;
const DAY: f64 = 24.0 * HOUR;

/// PENDING, PROCESSING_INPUTS, STAGING_JOB, SUBMITTING_JOB: Tapis' own steps,
/// seconds long in every real history (the longest seen: STAGING_JOB, 42 s).
pub const OVERHEAD_MAX_SECONDS: f64 = DAY;
/// STAGING_INPUTS and ARCHIVING: file transfers. Real ones take seconds to
/// minutes (5,069 files in 3 min 35 s); a terabyte at 50 MB/s takes under 6 h.
pub const TRANSFER_MAX_SECONDS: f64 = 2.0 * DAY;
/// QUEUED: Tapis' monitor gives a queued job up after 3 days (its default
/// queue timeout; the documentation says "indefinitely"): twice that and more.
pub const QUEUED_MAX_SECONDS: f64 = 7.0 * DAY;
/// RUNNING beyond `maxMinutes` by more than this: Tapis' monitor gives up 10
/// minutes after `maxMinutes` and polls every 10 minutes at most.
pub const RUNNING_MARGIN_SECONDS: f64 = HOUR;
/// RUNNING when `maxMinutes` is not known (a history without its job object):
/// longer than any TACC queue's limit (48 h on most, 120 h on the longest).
pub const RUNNING_MAX_SECONDS: f64 = 7.0 * DAY;
/// BLOCKED (recovery), PAUSED, and names Tapis does not define.
pub const OTHER_MAX_SECONDS: f64 = 7.0 * DAY;

/// The longest `state` is believed to stay open; for RUNNING, the job's
/// `maxMinutes` and [`RUNNING_MARGIN_SECONDS`] when the job object gives it.
pub fn bound(state: &JobState, max_minutes: Option<u32>) -> f64 {
    match state {
        JobState::Submission
        | JobState::Pending
        | JobState::ProcessingInputs
        | JobState::StagingJob
        | JobState::SubmittingJob => OVERHEAD_MAX_SECONDS,
        JobState::StagingInputs | JobState::Archiving => TRANSFER_MAX_SECONDS,
        JobState::Queued => QUEUED_MAX_SECONDS,
        JobState::Running => match max_minutes {
            Some(m) if m > 0 => f64::from(m) * 60.0 + RUNNING_MARGIN_SECONDS,
            _ => RUNNING_MAX_SECONDS,
        },
        _ => OTHER_MAX_SECONDS,
    }
}

/// A job left in an open state for longer than its [`bound`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Stale {
    /// The state it was left in.
    pub state: JobState,
    /// When it got there: its last status change (for a job known only from its
    /// job object, the latest of its timestamps).
    pub since: Timestamp,
    /// How long it had been there at the time it is measured to ("as of", or
    /// the capture time of saved data).
    pub open_seconds: f64,
    /// The longest that state is believed ([`bound`]).
    pub bound_seconds: f64,
    /// The user counts it anyway: its open state runs to "as of" like any other
    /// and it is in every total; otherwise it stops at `since` and is left out.
    pub included: bool,
}

/// Whether a job in `state` since `since`, measured up to `until`, is stale.
/// Without a time to measure to (no "as of", no capture time) nothing is judged.
pub fn judge(
    state: &JobState,
    since: Timestamp,
    until: Option<Timestamp>,
    max_minutes: Option<u32>,
    include: bool,
) -> Option<Stale> {
    if state.is_terminal() {
        return None;
    }
    let open_seconds = seconds_between(since, until?);
    let bound_seconds = bound(state, max_minutes);
    (open_seconds > bound_seconds).then(|| Stale {
        state: state.clone(),
        since,
        open_seconds,
        bound_seconds,
        included: include,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::parse_timestamp;

    fn t(s: &str) -> Timestamp {
        parse_timestamp(s).unwrap()
    }

    #[test]
    fn running_is_bounded_by_its_walltime_and_a_margin() {
        let since = t("2025-01-01T00:00:00Z");
        let judge_at =
            |until: &str, max| judge(&JobState::Running, since, Some(t(until)), max, false);
        // 100 minutes asked: stale after 2 h 40 min, not before.
        assert_eq!(judge_at("2025-01-01T02:39:59Z", Some(100)), None);
        let stale = judge_at("2025-01-01T02:40:01Z", Some(100)).unwrap();
        assert_eq!(stale.bound_seconds, 100.0 * 60.0 + RUNNING_MARGIN_SECONDS);
        assert_eq!(stale.open_seconds, 9_601.0);
        assert!(!stale.included);
        // No job object: a week.
        assert_eq!(judge_at("2025-01-07T00:00:00Z", None), None);
        assert!(judge_at("2025-01-08T00:00:01Z", None).is_some());
    }

    #[test]
    fn each_state_has_its_bound_and_nothing_is_judged_without_a_now() {
        let since = t("2023-02-16T22:59:34Z");
        let now = Some(t("2026-01-01T00:00:00Z"));
        for state in JobState::KNOWN.iter().filter(|s| !s.is_terminal()) {
            let stale = judge(state, since, now, Some(60), true).unwrap();
            assert!(stale.included, "{state}");
            assert!(stale.open_seconds > 1_000.0 * DAY, "{state}");
            assert_eq!(judge(state, since, None, Some(60), false), None);
        }
        assert_eq!(judge(&JobState::Finished, since, now, None, false), None);
        assert_eq!(bound(&JobState::StagingInputs, None), 2.0 * DAY);
        assert_eq!(bound(&JobState::Queued, Some(60)), 7.0 * DAY);
        assert_eq!(bound(&JobState::parse("WARPING"), None), OTHER_MAX_SECONDS);
        // A day in PENDING is plausible; a day and a second is not.
        let pending = |until| judge(&JobState::Pending, since, Some(until), None, false);
        assert_eq!(pending(since + chrono::Duration::seconds(86_400)), None);
        assert!(pending(since + chrono::Duration::seconds(86_401)).is_some());
    }
}
