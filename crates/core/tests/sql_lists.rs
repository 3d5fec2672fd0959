//! The SQL in `sql/` names the states and buckets itself (SQL has no other way to
//! know them): these tests hold those lists to the core's own definitions in
//! `state.rs`, so a change there cannot leave the SQL behind. That the SQL computes
//! what the core computes is proven on data by `sql/tests/test_equality.py`.

use std::path::Path;

use tapis_profile::{Bucket, JobState};

fn sql(file: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../sql")
            .join(file),
    )
    .unwrap()
}

/// The rows of the `VALUES` list of view `name`: its lines that open with `(`,
/// split into cells without quotes.
fn values(text: &str, name: &str) -> Vec<Vec<String>> {
    let start = text
        .find(&format!("CREATE OR REPLACE VIEW {name} AS"))
        .unwrap_or_else(|| panic!("no view {name}"));
    let body = &text[start..];
    let end = body
        .find(") AS t")
        .unwrap_or_else(|| panic!("{name}: no end"));
    body[..end]
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with('('))
        .map(|l| {
            l.trim_start_matches('(')
                .trim_end_matches(',')
                .trim_end_matches(')')
                .split(',')
                .map(|c| c.trim().trim_matches('\'').to_string())
                .collect()
        })
        .collect()
}

#[test]
fn the_sql_states_are_the_cores() {
    let rows = values(&sql("events.sql"), "tjp_state_names");
    let states: Vec<JobState> = JobState::lifecycle().cloned().collect();
    assert_eq!(rows.len(), states.len());
    for (row, state) in rows.iter().zip(&states) {
        let expected = [
            state.name().to_string(),
            state.bucket().map_or("NULL", Bucket::key).to_string(),
            if state.is_terminal() { "TRUE" } else { "FALSE" }.to_string(),
            state.order().to_string(),
        ];
        assert_eq!(row.as_slice(), expected.as_slice(), "{state}");
    }
}

#[test]
fn the_sql_buckets_are_the_cores() {
    let rows = values(&sql("stats.sql"), "tjp_bucket_names");
    let expected: Vec<Vec<String>> = Bucket::ALL
        .iter()
        .map(|b| vec![b.key().to_string(), b.label().to_string()])
        .collect();
    assert_eq!(rows, expected);
}

#[test]
fn the_sql_bounds_on_open_states_are_the_cores() {
    use tapis_profile::analysis::stale::{bound, OTHER_MAX_SECONDS, RUNNING_MARGIN_SECONDS};
    let rows = values(&sql("events.sql"), "tjp_open_bounds");
    let open: Vec<JobState> = JobState::KNOWN
        .into_iter()
        .filter(|s| !s.is_terminal())
        .collect();
    assert_eq!(rows.len(), open.len() + 1, "every open state and '(other)'");
    for (row, state) in rows.iter().zip(&open) {
        let margin = if *state == JobState::Running {
            format!("{RUNNING_MARGIN_SECONDS:.1}")
        } else {
            "NULL".to_string()
        };
        let expected = [
            state.name().to_string(),
            format!("{:.1}", bound(state, None)),
            margin,
        ];
        assert_eq!(row.as_slice(), expected.as_slice(), "{state}");
    }
    // With the job object's maxMinutes, RUNNING's bound is it plus the margin.
    assert_eq!(
        bound(&JobState::Running, Some(90)),
        90.0 * 60.0 + RUNNING_MARGIN_SECONDS
    );
    let other = &rows[open.len()];
    assert_eq!(
        other.as_slice(),
        [
            "(other)".to_string(),
            format!("{OTHER_MAX_SECONDS:.1}"),
            "NULL".to_string()
        ]
    );
    assert_eq!(bound(&JobState::parse("WARPING"), None), OTHER_MAX_SECONDS);
}
