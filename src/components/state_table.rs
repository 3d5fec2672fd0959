use tapis_profile::report::JobReport;
use tapis_profile::JobState;
use yew::prelude::*;

use super::Duration;
use crate::model::colours::state_class;
use crate::model::words::format_share;
use crate::shared::Shared;

#[derive(PartialEq, Properties)]
pub struct StateTableProps {
    pub job: Shared<JobReport>,
}

/// A state name that may wrap after its underscores on a narrow screen.
pub fn breakable(name: &str) -> Html {
    let mut parts = name.split_inclusive('_').peekable();
    let mut out = Vec::new();
    while let Some(part) = parts.next() {
        out.push(html! { { part.to_string() } });
        if parts.peek().is_some() {
            out.push(html! { <wbr /> });
        }
    }
    out.into_iter().collect()
}

/// A row's heading: the state's colour and its name.
fn state_cell(state: &JobState) -> Html {
    html! {
        <th scope="row">
            <span class="state-name">
                <span class={classes!("swatch", state_class(state))} />
                <span>{ breakable(state.name()) }</span>
            </span>
        </th>
    }
}

/// Time per state in lifecycle order: human units, exact seconds, share, visits.
#[function_component(StateTable)]
pub fn state_table(props: &StateTableProps) -> Html {
    let job = &props.job;
    let total = job.total_seconds;
    // A stale job left out: its open state is not measured (its time is not 0 s).
    let unmeasured = job.stale.as_ref().filter(|s| !s.included).map(|s| &s.state);
    let rows = job.durations.iter().map(|(state, &seconds)| {
        let visits = job.visits.get(state).copied().unwrap_or(0);
        if unmeasured == Some(state) {
            return html! {
                <tr data-state={state.name().to_string()} class="stale">
                    { state_cell(state) }
                    <td colspan="3">{ "stale: not measured" }</td>
                    <td class="num">{ visits }</td>
                </tr>
            };
        }
        html! {
            <tr data-state={state.name().to_string()}>
                { state_cell(state) }
                <td><Duration {seconds} /></td>
                <td class="num secs">{ format!("{seconds:.1}") }</td>
                <td class="num">{ format_share(if total > 0.0 { seconds / total } else { 0.0 }) }</td>
                <td class="num">{ visits }</td>
            </tr>
        }
    });
    html! {
        <table class="state-table">
            <caption>{ "Time per state" }</caption>
            <thead>
                <tr>
                    <th scope="col">{ "State" }</th>
                    <th scope="col">{ "Time" }</th>
                    <th scope="col" class="num secs">{ "Seconds" }</th>
                    <th scope="col" class="num">{ "Share" }</th>
                    <th scope="col" class="num">{ "Visits" }</th>
                </tr>
            </thead>
            <tbody>{ for rows }</tbody>
            <tfoot>
                <tr data-state="TOTAL">
                    <th scope="row">{ "Total" }</th>
                    <td><Duration seconds={total} /></td>
                    <td class="num secs">{ format!("{total:.1}") }</td>
                    <td class="num">{ "100.0 %" }</td>
                    <td />
                </tr>
            </tfoot>
        </table>
    }
}
