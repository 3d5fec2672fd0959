//! Which of the page's colours paints a state or a bucket, by name: the CSS classes and
//! custom properties of `www/style.css` (where the palette itself lives, light and dark).
//! One naming for every view: the job's bar and table, the timeline's legend, canvas and
//! picture, the stacked bars and the spread plot.

use tapis_profile::report::Phase;
use tapis_profile::{Bucket, JobState};

use crate::insights::Metric;

/// The name a state's colour goes by: its Tapis name, `UNKNOWN` for names Tapis does not
/// define.
fn state_key(state: &JobState) -> &str {
    if state.is_known() {
        state.name()
    } else {
        "UNKNOWN"
    }
}

/// The CSS class that colours a state: `st-QUEUED`.
pub fn state_class(state: &JobState) -> String {
    format!("st-{}", state_key(state))
}

/// The custom property holding a state's colour: `--st-QUEUED`.
pub fn state_property(state: &JobState) -> String {
    format!("--st-{}", state_key(state))
}

/// The CSS class that colours a coarse phase: its state's when it is one
/// (`st-RUNNING`), else the colour of time in no bucket (`st-UNKNOWN`).
pub fn phase_class(phase: Phase) -> String {
    phase
        .state()
        .map_or_else(|| "st-UNKNOWN".to_string(), |s| state_class(&s))
}

/// The CSS class that colours a bucket (`None`: time in no bucket): `bk-data-movement`.
pub fn bucket_class(bucket: Option<Bucket>) -> String {
    format!("bk-{}", bucket.map_or("unknown", |b| b.key()))
}

/// The CSS colour of a metric of the "what is normal" view: its state's or bucket's, the
/// muted text colour for the total.
pub fn metric_colour(metric: &Metric) -> String {
    match metric {
        Metric::State(s) => format!("var({})", state_property(s)),
        Metric::Bucket(b) => format!("var(--bk-{})", b.key()),
        Metric::Total => "var(--muted)".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STYLE: &str = include_str!("../../www/style.css");

    #[test]
    fn every_state_and_bucket_has_its_class_and_colour_in_the_style_sheet() {
        // The states a job spends time in (a terminal state ends its bar).
        let states = JobState::lifecycle()
            .filter(|s| !s.is_terminal())
            .cloned()
            .chain([JobState::parse("NOT_A_TAPIS_STATE")]);
        for state in states {
            let class = state_class(&state);
            assert!(STYLE.contains(&format!(".{class} ")), "{class}");
            assert!(STYLE.contains(&format!("{}:", state_property(&state))));
        }
        assert_eq!(
            state_class(&JobState::parse("NOT_A_TAPIS_STATE")),
            "st-UNKNOWN"
        );
        for bucket in Bucket::ALL.into_iter().map(Some).chain([None]) {
            let class = bucket_class(bucket);
            assert!(STYLE.contains(&format!(".{class}")), "{class}");
        }
        assert_eq!(
            metric_colour(&Metric::State(JobState::Queued)),
            "var(--st-QUEUED)"
        );
        assert_eq!(metric_colour(&Metric::Total), "var(--muted)");
    }
}
