use tapis_profile::format::{format_duration, format_share};
use tapis_profile::report::JobReport;
use yew::prelude::*;

use super::{StateTable, TimelineBar};
use crate::shared::Shared;

#[derive(PartialEq, Properties)]
pub struct JobViewProps {
    pub job: Shared<JobReport>,
}

/// One job: a headline saying where the time went, its timeline bar and its table.
#[function_component(JobView)]
pub fn job_view(props: &JobViewProps) -> Html {
    let p = &props.job;
    let title = p.name.clone().unwrap_or_else(|| p.uuid.clone());
    let total = p.total_seconds;
    let outside = p.outside_running_seconds;
    html! {
        <article class="job">
            <header>
                <h2>{ title }</h2>
                <p class="uuid">{ &p.uuid }</p>
                <p class="headline">
                    { format!("{} in total; ", format_duration(total)) }
                    <strong>{ format!("{} ({}) outside RUNNING", format_duration(outside),
                        format_share(if total > 0.0 { outside / total } else { 0.0 })) }</strong>
                    { match &p.final_status {
                        Some(state) => format!("; last state {state}."),
                        None => ".".to_string(),
                    } }
                </p>
            </header>
            <TimelineBar job={p.clone()} />
            <StateTable job={p.clone()} />
        </article>
    }
}
