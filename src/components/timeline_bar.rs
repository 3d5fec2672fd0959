use tapis_profile::report::JobReport;
use yew::prelude::*;

use crate::model::colours::{phase_class, state_class};
use crate::model::words::format_duration;
use crate::shared::Shared;

#[derive(PartialEq, Properties)]
pub struct TimelineBarProps {
    pub job: Shared<JobReport>,
}

/// One bar for one job, a segment per visit to a state, widths proportional to time;
/// for a job known only from its job object, a paler segment per coarse phase.
/// The bar is one picture to assistive technology (its label); each segment's
/// `title` is for the pointer, and the detail's table says the same in words.
#[function_component(TimelineBar)]
pub fn timeline_bar(props: &TimelineBarProps) -> Html {
    let total = props.job.total_seconds;
    if !props.job.has_history {
        let phases = props.job.coarse.iter().flat_map(|c| &c.segments);
        let count = phases.clone().count();
        let segments = phases.map(|s| {
            let seconds = s.seconds();
            let share = if total > 0.0 { seconds / total } else { 0.0 };
            let label = format!(
                "{}: {}{} ({:.1} %)",
                s.phase.label(),
                format_duration(seconds),
                if s.open { ", still in it" } else { "" },
                share * 100.0
            );
            html! {
                <div class={classes!("segment", "coarse", phase_class(s.phase), s.open.then_some("open"))}
                    style={format!("flex-grow: {seconds}")} title={label} />
            }
        });
        return html! {
            <div class="timeline-bar" role="img"
                aria-label={format!("Coarse timeline of {} across {} phases from the job object", format_duration(total), count)}>
                { for segments }
            </div>
        };
    }
    let segments = props.job.segments.iter().map(|s| {
        let seconds = s.seconds();
        let share = if total > 0.0 { seconds / total } else { 0.0 };
        let label = format!(
            "{}: {}{} ({:.1} %)",
            s.state,
            format_duration(seconds),
            if s.open { ", still in this state" } else { "" },
            share * 100.0
        );
        html! {
            <div class={classes!("segment", state_class(&s.state), s.open.then_some("open"))}
                style={format!("flex-grow: {seconds}")} title={label} />
        }
    });
    html! {
        <div class="timeline-bar" role="img"
            aria-label={format!("Timeline of {} across {} state visits", format_duration(total), props.job.segments.len())}>
            { for segments }
        </div>
    }
}
