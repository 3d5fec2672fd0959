//! The timeline as a table, for screen readers and for reading exact numbers:
//! one row per job, its time in each state. Paged, so the DOM stays the same
//! size however many jobs are loaded.

use std::ops::Range;
use std::rc::Rc;

use tapis_profile::JobState;
use yew::prelude::*;

use super::model::describe::jobs_range;
use super::model::TimelineRows;
use crate::model::words::{format_duration, thousands};

#[derive(PartialEq, Properties)]
pub struct TableProps {
    pub rows: TimelineRows,
    /// The columns: every state some job visited.
    pub states: Rc<Vec<JobState>>,
    /// The rows on this page.
    pub shown: Range<usize>,
    pub page: usize,
    pub page_count: usize,
    /// The row under the timeline's keyboard focus, and the selected one.
    pub focused: Option<usize>,
    pub selected: Option<usize>,
    pub on_select: Callback<usize>,
    pub on_page: Callback<usize>,
}

#[function_component(Table)]
pub fn table(props: &TableProps) -> Html {
    let which = jobs_range(props.shown.clone(), props.rows.len());
    let rows = props.shown.clone().map(|i| {
        let row = &props.rows[i];
        let per_state = row.seconds_per_state();
        let onclick = props.on_select.reform(move |_: MouseEvent| i);
        let class = classes!(
            (props.focused == Some(i)).then_some("focused"),
            (props.selected == Some(i)).then_some("selected")
        );
        html! {
            <tr data-job={row.id.to_string()} {class}
                aria-current={(props.selected == Some(i)).then_some("true")}>
                <th scope="row">
                    <button type="button" class="tl-job" title={format!("{} ({})", row.label, row.id)} {onclick}>
                        <span class="tl-job-name">{ row.name() }</span>
                        if let Some(tag) = row.tag() {
                            <span class="tl-job-tag">{ format!("({tag})") }</span>
                        }
                    </button>
                </th>
                <td class="last-state">{ row.status.as_ref().map(|s| {
                    if row.stale.is_stale() { format!("{} (stale)", s.name()) } else { s.name().to_string() }
                }).unwrap_or_default() }</td>
                // No visits and no phases: its time is unknown, not zero; coarse phases only: "~".
                <td class="num total">{ match (row.spans().is_empty(), row.coarse()) {
                    (true, _) => "—".to_string(),
                    (false, true) => format!("~{}", format_duration(row.total_seconds())),
                    (false, false) => format_duration(row.total_seconds()),
                } }</td>
                { for props.states.iter().map(|state| {
                    let seconds = per_state.iter().find(|(s, _)| s == state).map(|(_, t)| *t);
                    html! {
                        <td class="num" data-state={state.name().to_string()}>
                            { seconds.map_or("—".to_string(), format_duration) }
                        </td>
                    }
                }) }
            </tr>
        }
    });
    let page = props.page;
    let previous = props
        .on_page
        .reform(move |_: MouseEvent| page.saturating_sub(1));
    let next = props.on_page.reform(move |_: MouseEvent| page + 1);
    html! {
        <div class="tl-table-block">
            <div class="tl-table-wrap">
                <table class="tl-table">
                    <caption>{ format!("Time per state, {which}") }</caption>
                    <thead>
                        <tr>
                            <th scope="col">{ "Job" }</th>
                            <th scope="col">{ "Last state" }</th>
                            <th scope="col" class="num">{ "Total" }</th>
                            { for props.states.iter().map(|s| html! {
                                <th scope="col" class="num">{ s.name().replace('_', "_\u{200b}") }</th>
                            }) }
                        </tr>
                    </thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
            if props.page_count > 1 {
                <nav class="tl-pages" aria-label="Pages of the job table">
                    <button type="button" onclick={previous} disabled={page == 0}>{ "Previous" }</button>
                    <span>{ format!("Page {} of {}", thousands(page + 1), thousands(props.page_count)) }</span>
                    <button type="button" onclick={next} disabled={page + 1 >= props.page_count}>{ "Next" }</button>
                </nav>
            }
        </div>
    }
}
