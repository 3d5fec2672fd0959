use tapis_profile::format::{format_duration, format_share};
use tapis_profile::{JobProfile, JobState};
use yew::prelude::*;

use super::{StateTable, TimelineBar};

#[derive(PartialEq, Properties)]
pub struct JobViewProps {
    pub profile: JobProfile,
}

/// One job: a headline saying where the time went, its timeline bar and its table.
#[function_component(JobView)]
pub fn job_view(props: &JobViewProps) -> Html {
    let p = &props.profile;
    let title = p
        .name
        .clone()
        .or_else(|| p.uuid.clone())
        .unwrap_or_else(|| "Job".to_string());
    let total = p.total_seconds();
    let running = p.seconds_in(&JobState::Running);
    let outside = (total - running).max(0.0);
    html! {
        <article class="job">
            <header>
                <h2>{ title }</h2>
                if let Some(uuid) = &p.uuid { <p class="uuid">{ uuid }</p> }
                <p class="headline">
                    { format!("{} in total; ", format_duration(total)) }
                    <strong>{ format!("{} ({}) outside RUNNING", format_duration(outside),
                        format_share(if total > 0.0 { outside / total } else { 0.0 })) }</strong>
                    { match &p.last_state {
                        Some(state) => format!("; last state {state}."),
                        None => ".".to_string(),
                    } }
                </p>
            </header>
            <TimelineBar profile={p.clone()} />
            <StateTable profile={p.clone()} />
        </article>
    }
}
