use std::rc::Rc;
use tapis_profile::checklist::NORMAL_MIN_JOBS;
use tapis_profile::report::Report;
use web_sys::HtmlSelectElement;

use yew::prelude::*;

use super::{BucketBar, DistributionPlot, GroupTable, Later, NormalStats, OutlierList};
use crate::insights::normal::{Grouping, NormalModel};
use crate::insights::JobPick;
use crate::model::totals::insight_scope;
use crate::model::words::count;
use crate::shared::Shared;

#[derive(PartialEq, Properties)]
pub struct NormalViewProps {
    pub report: Shared<Report>,
    /// How many jobs the page's filter shows, when a filter is on (this view is about
    /// every job counted, whatever the filter).
    #[prop_or_default]
    pub shown: Option<usize>,
    /// Select these jobs (by UUID): an outlier, or all of them.
    pub on_select_jobs: Callback<JobPick>,
}

/// What is normal across the loaded jobs: where their time went, the median,
/// P90 and longest per state and bucket for all jobs or one group, how each is
/// spread, and the outliers. Which grouping and group are shown is this view's
/// own business (a choice of what to look at, not app state).
#[function_component(NormalView)]
pub fn normal_view(props: &NormalViewProps) -> Html {
    let grouping = use_state(Grouping::default);
    let group = use_state(|| None::<String>);
    let model = use_memo(
        (props.report.clone(), *grouping, (*group).clone()),
        |(report, grouping, group)| NormalModel::new(report, *grouping, group.as_deref()),
    );
    let on_grouping = {
        let (grouping, group) = (grouping.clone(), group.clone());
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
            if let Some(g) = Grouping::from_value(&value) {
                grouping.set(g);
                group.set(None);
            }
        })
    };
    let on_group = {
        let group = group.clone();
        Callback::from(move |e: Event| {
            group.set(Some(e.target_unchecked_into::<HtmlSelectElement>().value()));
        })
    };
    let pick_group = {
        let group = group.clone();
        Callback::from(move |key: String| group.set(Some(key)))
    };
    let m = &*model;
    let which = match &m.group {
        Some(key) => format!("the {} of {key}", count(m.jobs, "job")),
        None => count(m.with_history, "job") + " with history",
    };
    html! {
        <section class="insight normal" aria-labelledby="normal-title">
            <h2 id="normal-title">{ "What is normal" }</h2>
            <p class="lead">
                { format!("For {}. ", insight_scope(props.report.aggregate.jobs, props.report.jobs.len(), props.shown)) }
                { "Per job: the " }<strong>{ "median" }</strong>{ " (half the jobs took less), " }
                <strong>{ "P90" }</strong>{ " (nine in ten took less) and the longest. Medians, not \
                  means: one stuck job cannot drag them." }
                if props.report.aggregate.jobs_with_history < NORMAL_MIN_JOBS {
                    { format!(" With {} with history this is a first look: profile at least \
                        {NORMAL_MIN_JOBS} runs of a workflow to see what is normal for it.",
                        count(props.report.aggregate.jobs_with_history, "job")) }
                }
            </p>
            <div class="normal-controls">
                <span class="control">
                    <label for="normal-grouping">{ "Group jobs by" }</label>
                    <select id="normal-grouping" onchange={on_grouping}>
                        { for Grouping::ALL.iter().map(|g| html! {
                            <option value={g.value()} selected={*g == m.grouping}>{ g.label() }</option>
                        }) }
                    </select>
                </span>
                if !m.groups.is_empty() {
                    <span class="control">
                        <label for="normal-group">{ "Group" }</label>
                        <select id="normal-group" onchange={on_group}>
                            { for m.groups.iter().map(|g| html! {
                                <option value={g.key.clone()} selected={Some(&g.key) == m.group.as_ref()}>
                                    { format!("{} ({})", g.key, count(g.jobs, "job")) }
                                </option>
                            }) }
                        </select>
                    </span>
                }
            </div>
            if m.grouping != Grouping::All && m.groups.is_empty() {
                <p class="empty">{ "No job says which group it belongs to (the job objects were not loaded)." }</p>
            }
            // Drawn in a task of their own after the model, the first time: at 50,000
            // jobs the two together were ~200 ms of one task (docs/performance.md, P6).
            <Later what="The numbers, spreads and outliers">
                <NormalParts model={model.clone()} which={AttrValue::from(which)} on_pick={pick_group}
                    on_select_jobs={props.on_select_jobs.clone()} />
            </Later>
        </section>
    }
}

#[derive(PartialEq, Properties)]
pub struct NormalPartsProps {
    pub model: Rc<NormalModel>,
    /// Whose numbers these are ("the 120 jobs of opensees").
    pub which: AttrValue,
    /// Show this group.
    pub on_pick: Callback<String>,
    /// Select these jobs (by UUID): an outlier, or all of them.
    pub on_select_jobs: Callback<JobPick>,
}

/// What is normal for the jobs chosen: the groups, where their time went, the numbers
/// per state and bucket, their spreads and the outliers.
#[function_component(NormalParts)]
pub fn normal_parts(props: &NormalPartsProps) -> Html {
    let (m, model) = (&*props.model, &props.model);
    html! {
        <>
            if !m.groups.is_empty() {
                <GroupTable model={model.clone()} on_pick={props.on_pick.clone()} />
            }
            if m.rows.is_empty() {
                if m.jobs > 0 {
                    <p class="empty">{ format!("None of {} has a history, so the time per state is unknown.", count(m.jobs, "job")) }</p>
                }
            } else {
                <BucketBar parts={m.bar.clone()} total={m.wall_seconds} jobs={props.which.clone()} />
                <NormalStats model={model.clone()} which={props.which.clone()}
                    on_select_jobs={props.on_select_jobs.clone()} />
                <DistributionPlot model={model.clone()} />
            }
            <OutlierList model={model.clone()} on_select_jobs={props.on_select_jobs.clone()} />
        </>
    }
}
