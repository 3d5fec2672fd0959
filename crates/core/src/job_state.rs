//! The Tapis job lifecycle: the thirteen states the Jobs service emits, and the
//! "bucket" each one belongs to when we ask where a job's wall time went.

use std::fmt;

/// A Tapis v3 job status, in the service's own enum order.
///
/// Names we do not know (an older or newer Tapis, a typo in a hand-made file) are
/// kept as [`JobState::Unknown`] so they are reported, never silently dropped.
///
/// [`JobState::Submission`] is not a Tapis status: it is the gap from the job
/// object's `created` to its first status event (submit-time validation, API.md
/// §6.14), shown as its own segment when the job object is known.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum JobState {
    Submission,
    Pending,
    ProcessingInputs,
    StagingInputs,
    StagingJob,
    SubmittingJob,
    Queued,
    Running,
    Archiving,
    Blocked,
    Paused,
    Finished,
    Cancelled,
    Failed,
    Unknown(Box<str>),
}

/// Where a state's time goes when we split a job into what the user can act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Bucket {
    /// Tapis' own bookkeeping: PENDING, PROCESSING_INPUTS, STAGING_JOB, SUBMITTING_JOB
    /// (and the submission gap before PENDING).
    TapisOverhead,
    /// File transfers: STAGING_INPUTS and ARCHIVING.
    DataMovement,
    /// Waiting in the scheduler's queue: QUEUED.
    QueueWait,
    /// The application itself: RUNNING.
    Compute,
    /// Recovery and suspension: BLOCKED and PAUSED.
    BlockedOrPaused,
}

impl JobState {
    /// Every known state, in Tapis' enum order.
    pub const KNOWN: [JobState; 13] = [
        JobState::Pending,
        JobState::ProcessingInputs,
        JobState::StagingInputs,
        JobState::StagingJob,
        JobState::SubmittingJob,
        JobState::Queued,
        JobState::Running,
        JobState::Archiving,
        JobState::Blocked,
        JobState::Paused,
        JobState::Finished,
        JobState::Cancelled,
        JobState::Failed,
    ];

    /// The states a job passes through on its way to a final state, in order: the first
    /// eight of [`JobState::KNOWN`] (BLOCKED and PAUSED are detours, not steps).
    pub const LIFECYCLE: &'static [JobState] = Self::KNOWN.split_at(8).0;

    /// Reads a status name as Tapis writes it (`"STAGING_INPUTS"`); surrounding
    /// whitespace and letter case are forgiven. `"SUBMISSION"` reads back the
    /// pseudo-state, so reports round-trip.
    pub fn parse(name: &str) -> JobState {
        let name = name.trim();
        // Exactly as Tapis writes it: one match, no search (every status event comes here).
        let exact = match name {
            "PENDING" => Some(JobState::Pending),
            "PROCESSING_INPUTS" => Some(JobState::ProcessingInputs),
            "STAGING_INPUTS" => Some(JobState::StagingInputs),
            "STAGING_JOB" => Some(JobState::StagingJob),
            "SUBMITTING_JOB" => Some(JobState::SubmittingJob),
            "QUEUED" => Some(JobState::Queued),
            "RUNNING" => Some(JobState::Running),
            "ARCHIVING" => Some(JobState::Archiving),
            "BLOCKED" => Some(JobState::Blocked),
            "PAUSED" => Some(JobState::Paused),
            "FINISHED" => Some(JobState::Finished),
            "CANCELLED" => Some(JobState::Cancelled),
            "FAILED" => Some(JobState::Failed),
            _ => None,
        };
        if let Some(known) = exact {
            return known;
        }
        Self::KNOWN
            .iter()
            .chain([&JobState::Submission])
            .find(|s| s.name().eq_ignore_ascii_case(name))
            .cloned()
            .unwrap_or_else(|| JobState::Unknown(name.into()))
    }

    /// A Tapis status or the submission pseudo-state, not an unknown name.
    pub fn is_known(&self) -> bool {
        !matches!(self, JobState::Unknown(_))
    }

    /// The name exactly as Tapis writes it.
    pub fn name(&self) -> &str {
        match self {
            JobState::Submission => "SUBMISSION",
            JobState::Pending => "PENDING",
            JobState::ProcessingInputs => "PROCESSING_INPUTS",
            JobState::StagingInputs => "STAGING_INPUTS",
            JobState::StagingJob => "STAGING_JOB",
            JobState::SubmittingJob => "SUBMITTING_JOB",
            JobState::Queued => "QUEUED",
            JobState::Running => "RUNNING",
            JobState::Archiving => "ARCHIVING",
            JobState::Blocked => "BLOCKED",
            JobState::Paused => "PAUSED",
            JobState::Finished => "FINISHED",
            JobState::Cancelled => "CANCELLED",
            JobState::Failed => "FAILED",
            JobState::Unknown(name) => name,
        }
    }

    /// FINISHED, CANCELLED and FAILED: a job never leaves them, so they have no duration.
    pub fn is_terminal(&self) -> bool {
        matches!(
            self,
            JobState::Finished | JobState::Cancelled | JobState::Failed
        )
    }

    /// The bucket a non-terminal state's time is counted in; `None` for terminal
    /// and unknown states.
    pub fn bucket(&self) -> Option<Bucket> {
        match self {
            JobState::Submission
            | JobState::Pending
            | JobState::ProcessingInputs
            | JobState::StagingJob
            | JobState::SubmittingJob => Some(Bucket::TapisOverhead),
            JobState::StagingInputs | JobState::Archiving => Some(Bucket::DataMovement),
            JobState::Queued => Some(Bucket::QueueWait),
            JobState::Running => Some(Bucket::Compute),
            JobState::Blocked | JobState::Paused => Some(Bucket::BlockedOrPaused),
            JobState::Finished | JobState::Cancelled | JobState::Failed | JobState::Unknown(_) => {
                None
            }
        }
    }

    /// Sorts states as a person reads a job: by [`JobState::order`], unknown states by
    /// name. One home for the order every table and legend lists states in.
    pub fn sort_in_lifecycle_order(states: &mut [JobState]) {
        crate::sort::sort_by(states, |a, b| {
            a.order().cmp(&b.order()).then_with(|| a.cmp(b))
        });
    }

    /// How many places [`JobState::order`] gives the submission gap and the known states
    /// (an unknown state's place is this one): the length of an array indexed by it.
    pub const PLACES: usize = Self::KNOWN.len() + 1;

    /// The submission gap and the known states in lifecycle order, each at its
    /// [`JobState::order`].
    pub fn lifecycle() -> impl Iterator<Item = &'static JobState> {
        std::iter::once(&JobState::Submission).chain(&Self::KNOWN)
    }

    /// Position in the lifecycle, for sorting tables the way a person reads a job:
    /// the submission gap first, unknown states last.
    pub fn order(&self) -> usize {
        match self {
            JobState::Submission => 0,
            JobState::Pending => 1,
            JobState::ProcessingInputs => 2,
            JobState::StagingInputs => 3,
            JobState::StagingJob => 4,
            JobState::SubmittingJob => 5,
            JobState::Queued => 6,
            JobState::Running => 7,
            JobState::Archiving => 8,
            JobState::Blocked => 9,
            JobState::Paused => 10,
            JobState::Finished => 11,
            JobState::Cancelled => 12,
            JobState::Failed => 13,
            JobState::Unknown(_) => Self::PLACES,
        }
    }
}

impl fmt::Display for JobState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Bucket {
    pub const ALL: [Bucket; 5] = [
        Bucket::TapisOverhead,
        Bucket::DataMovement,
        Bucket::QueueWait,
        Bucket::Compute,
        Bucket::BlockedOrPaused,
    ];

    /// The stable key used in reports (`tapis-overhead`, `data-movement`, …).
    pub fn key(self) -> &'static str {
        match self {
            Bucket::TapisOverhead => "tapis-overhead",
            Bucket::DataMovement => "data-movement",
            Bucket::QueueWait => "queue-wait",
            Bucket::Compute => "compute",
            Bucket::BlockedOrPaused => "blocked-paused",
        }
    }

    pub fn from_key(key: &str) -> Option<Bucket> {
        Self::ALL.into_iter().find(|b| b.key() == key)
    }

    /// A label a researcher understands.
    pub fn label(self) -> &'static str {
        match self {
            Bucket::TapisOverhead => "Tapis overhead",
            Bucket::DataMovement => "Data movement",
            Bucket::QueueWait => "Queue wait",
            Bucket::Compute => "Compute",
            Bucket::BlockedOrPaused => "Blocked / paused",
        }
    }
}

impl serde::Serialize for JobState {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

impl<'de> serde::Deserialize<'de> for JobState {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = std::borrow::Cow::<str>::deserialize(d)?;
        Ok(JobState::parse(&name))
    }
}

impl serde::Serialize for Bucket {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.key())
    }
}

impl<'de> serde::Deserialize<'de> for Bucket {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let key = std::borrow::Cow::<str>::deserialize(d)?;
        Bucket::from_key(&key)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown bucket {key:?}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_known_name_back_to_itself() {
        for state in JobState::KNOWN {
            assert_eq!(JobState::parse(state.name()), state);
        }
        assert_eq!(JobState::parse("SUBMISSION"), JobState::Submission);
        assert!(JobState::Submission.order() < JobState::Pending.order());
        assert!(JobState::Failed.order() < JobState::parse("X").order());
    }

    #[test]
    fn order_is_the_position_in_the_lifecycle() {
        for (i, state) in JobState::KNOWN.iter().enumerate() {
            assert_eq!(state.order(), i + 1, "{state}");
        }
        assert_eq!(JobState::Submission.order(), 0);
    }

    #[test]
    fn the_lifecycle_is_pending_to_archiving_without_detours() {
        assert_eq!(JobState::LIFECYCLE.first(), Some(&JobState::Pending));
        assert_eq!(JobState::LIFECYCLE.last(), Some(&JobState::Archiving));
        for state in JobState::LIFECYCLE {
            assert!(!state.is_terminal(), "{state}");
            assert_ne!(state.bucket(), Some(Bucket::BlockedOrPaused), "{state}");
        }
    }

    #[test]
    fn forgives_case_and_whitespace_but_keeps_unknown_names() {
        assert_eq!(JobState::parse(" running\n"), JobState::Running);
        assert_eq!(
            JobState::parse("ARCHIVED"),
            JobState::Unknown("ARCHIVED".into())
        );
        assert_eq!(JobState::parse("ARCHIVED").name(), "ARCHIVED");
    }

    #[test]
    fn buckets_follow_the_user_guide() {
        assert_eq!(JobState::StagingInputs.bucket(), Some(Bucket::DataMovement));
        assert_eq!(JobState::Archiving.bucket(), Some(Bucket::DataMovement));
        assert_eq!(JobState::Queued.bucket(), Some(Bucket::QueueWait));
        assert_eq!(JobState::Running.bucket(), Some(Bucket::Compute));
        assert_eq!(
            JobState::SubmittingJob.bucket(),
            Some(Bucket::TapisOverhead)
        );
        assert_eq!(JobState::Blocked.bucket(), Some(Bucket::BlockedOrPaused));
        assert_eq!(JobState::Finished.bucket(), None);
    }
}
