use tapis_profile::format::format_share;
use tapis_profile::JobProfile;
use yew::prelude::*;

use super::{state_class, Duration};

#[derive(PartialEq, Properties)]
pub struct StateTableProps {
    pub profile: JobProfile,
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

/// Time per state in lifecycle order: human units, exact seconds, share, visits.
#[function_component(StateTable)]
pub fn state_table(props: &StateTableProps) -> Html {
    let p = &props.profile;
    let total = p.total_seconds();
    let rows = p.totals.iter().map(|t| {
        html! {
            <tr data-state={t.state.name().to_string()}>
                <th scope="row">
                    <span class="state-name">
                        <span class={classes!("swatch", state_class(&t.state))} />
                        <span>{ breakable(t.state.name()) }</span>
                    </span>
                </th>
                <td><Duration seconds={t.seconds} /></td>
                <td class="num">{ format!("{:.1}", t.seconds) }</td>
                <td class="num">{ format_share(if total > 0.0 { t.seconds / total } else { 0.0 }) }</td>
                <td class="num">{ t.entered }</td>
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
                    <th scope="col" class="num">{ "Seconds" }</th>
                    <th scope="col" class="num">{ "Share" }</th>
                    <th scope="col" class="num">{ "Visits" }</th>
                </tr>
            </thead>
            <tbody>{ for rows }</tbody>
            <tfoot>
                <tr data-state="TOTAL">
                    <th scope="row">{ "Total" }</th>
                    <td><Duration seconds={total} /></td>
                    <td class="num">{ format!("{total:.1}") }</td>
                    <td class="num">{ "100.0 %" }</td>
                    <td />
                </tr>
            </tfoot>
        </table>
    }
}
