//! The real DesignSafe OpenSeesMP job of 2025-05-07 (see fixtures/tapis/SOURCES.md):
//! its per-state times, checked against the gaps between its status events.

use tapis_profile::{import_text, profile, JobState};

const HISTORY: &str = include_str!(
    "../../../fixtures/tapis/source-ds-history-4dfa35e1-finished-2025.reconstructed.json"
);

#[test]
fn opensees_job_spends_most_of_its_time_archiving() {
    let import = import_text("history.json", HISTORY);
    assert!(import.diagnostics.is_empty(), "{:?}", import.diagnostics);
    let job = &import.jobs[0];
    assert_eq!(
        job.uuid.as_deref(),
        Some("4dfa35e1-15cd-48fd-a090-f348544dee1f-007")
    );
    assert_eq!(job.events.len(), 12);

    let p = profile(job, None);
    let close = |a: f64, b: f64| (a - b).abs() < 1e-6;
    assert!(
        close(p.seconds_in(&JobState::Archiving), 215.100597),
        "{p:?}"
    );
    assert!(close(p.seconds_in(&JobState::Running), 25.832062));
    assert!(close(p.seconds_in(&JobState::StagingInputs), 46.403720));
    assert!(close(p.total_seconds(), 334.653272));
    assert!((p.share_of(&JobState::Archiving) - 0.6428).abs() < 1e-4);
    assert_eq!(p.last_state, Some(JobState::Finished));
    assert_eq!(p.segments.len(), 8);
    assert!(p.segments.iter().all(|s| !s.open));
}
