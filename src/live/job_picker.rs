use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use tapis_profile::import::api_response::JobSummary;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::model::schedule::CONCURRENCY_RANGE;

#[derive(PartialEq, Properties)]
pub struct JobPickerProps {
    pub jobs: Rc<Vec<JobSummary>>,
    /// The heading: how many are listed, of how many that matched.
    pub title: AttrValue,
    /// How many are chosen, and still active.
    pub note: AttrValue,
    /// The fetch button's words.
    pub fetch_label: AttrValue,
    pub deselected: Rc<BTreeSet<String>>,
    pub fetched: Rc<BTreeMap<String, Option<String>>>,
    pub failed: Rc<BTreeMap<String, String>>,
    /// How many chosen jobs "Fetch" would fetch (new, changed or live).
    pub to_fetch: usize,
    /// Fetching is possible (connected, nothing running).
    pub enabled: bool,
    pub concurrency: usize,
    pub on_toggle: Callback<String>,
    pub on_choose_all: Callback<bool>,
    pub on_fetch: Callback<()>,
    pub on_refresh: Callback<()>,
    pub on_concurrency: Callback<usize>,
}

/// The listed jobs, each with a tick box (all ticked at first), and "Fetch histories".
#[function_component(JobPicker)]
pub fn job_picker(props: &JobPickerProps) -> Html {
    let all = props.on_choose_all.reform(|_: MouseEvent| true);
    let none = props.on_choose_all.reform(|_: MouseEvent| false);
    let fetch = props.on_fetch.reform(|_: MouseEvent| ());
    let refresh = props.on_refresh.reform(|_: MouseEvent| ());
    let on_concurrency = props.on_concurrency.reform(|e: Event| {
        e.target_unchecked_into::<HtmlSelectElement>()
            .value()
            .parse()
            .unwrap_or(4)
    });
    html! {
        <section class="live-jobs" aria-labelledby="live-jobs-title">
            <h3 id="live-jobs-title">{ props.title.clone() }</h3>
            <p class="live-note">{ props.note.clone() }</p>
            <div class="actions">
                <button type="button" class="primary" onclick={fetch}
                    disabled={!props.enabled || props.to_fetch == 0}>
                    { props.fetch_label.clone() }
                </button>
                <button type="button" onclick={refresh} disabled={!props.enabled || props.fetched.is_empty()}
                    title="List again, then fetch only new, changed and active jobs">
                    { "Refresh" }
                </button>
                <label class="live-concurrency" for="live-concurrency">{ "Requests at once" }
                    <select id="live-concurrency" onchange={on_concurrency}>
                        { for CONCURRENCY_RANGE.map(|n| html! {
                            <option value={n.to_string()} selected={n == props.concurrency}>{ n }</option>
                        }) }
                    </select>
                </label>
            </div>
            <div class="live-choose">
                <button type="button" onclick={all}>{ "Choose all" }</button>
                <button type="button" onclick={none}>{ "Choose none" }</button>
            </div>
            <div class="live-table-wrap" tabindex="0" role="region" aria-label="Listed jobs">
                <table class="live-table">
                    <thead><tr>
                        <th scope="col">{ "Job" }</th>
                        <th scope="col">{ "Status" }</th>
                        <th scope="col">{ "Created (UTC)" }</th>
                        <th scope="col">{ "History" }</th>
                    </tr></thead>
                    <tbody>
                        { for props.jobs.iter().map(|j| row(props, j)) }
                    </tbody>
                </table>
            </div>
        </section>
    }
}

fn row(props: &JobPickerProps, job: &JobSummary) -> Html {
    let uuid = job.uuid.clone();
    let onchange = props.on_toggle.reform(move |_: Event| uuid.clone());
    let id = format!("live-pick-{}", job.uuid);
    let history = if let Some(why) = props.failed.get(&job.uuid) {
        html! { <span class="live-failed" title={why.clone()}>{ "failed" }</span> }
    } else if props.fetched.contains_key(&job.uuid) {
        html! { <span class="live-ok">{ "fetched" }</span> }
    } else {
        html! { <span class="live-muted">{ "—" }</span> }
    };
    let created = job
        .created
        .as_deref()
        .map(|c| c.get(..16).unwrap_or(c).replace('T', " "))
        .unwrap_or_default();
    html! {
        <tr data-uuid={job.uuid.clone()}>
            <td><div class="live-pick">
                <input type="checkbox" {id} checked={!props.deselected.contains(&job.uuid)} {onchange} />
                <label for={format!("live-pick-{}", job.uuid)}>
                    <span class="live-name">{ job.name.as_deref().unwrap_or(&job.uuid) }</span>
                    if let Some(app) = &job.app_id { <span class="live-app">{ app }</span> }
                </label>
            </div></td>
            <td class="nowrap">
                { job.status.as_deref().unwrap_or("?") }
                if job.is_live() { <span class="live-badge" title="Still active: its open state grows">{ "live" }</span> }
            </td>
            <td class="nowrap">{ created }</td>
            <td>{ history }</td>
        </tr>
    }
}
