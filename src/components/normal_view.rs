use std::cell::Cell;
use std::rc::Rc;
use tapis_profile::checklist::NORMAL_MIN_JOBS;
use tapis_profile::report::Report;
use web_sys::HtmlSelectElement;

use yew::platform::spawn_local;
use yew::prelude::*;

use super::{BucketBar, DistributionPlot, GroupTable, Later, NormalStats, OutlierList};
use crate::edge::tasks::{in_tasks, next_task};
use crate::insights::normal::{Grouping, Modelling, NormalModel};
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
    // Made a part a task after the view appears, and again when the report or the
    // choice changes (the last model shown until then): at 50,000 jobs it was one
    // task of ~90 ms (docs/performance.md, P6).
    let model = use_state(|| None::<Rc<NormalModel>>);
    {
        let model = model.clone();
        use_effect_with(
            (props.report.clone(), *grouping, (*group).clone()),
            move |(report, grouping, group)| {
                let gone = Rc::new(Cell::new(false));
                let done = Callback::from(move |made| model.set(Some(made)));
                let choice = (*grouping, group.clone());
                spawn_local(model_in_steps(report.clone(), choice, gone.clone(), done));
                move || gone.set(true)
            },
        );
    }
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
    // The groups of the grouping chosen, once its model has come.
    let groups = (*model)
        .as_ref()
        .filter(|m| m.grouping == *grouping && !m.groups.is_empty());
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
                            <option value={g.value()} selected={*g == *grouping}>{ g.label() }</option>
                        }) }
                    </select>
                </span>
                if let Some(m) = groups {
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
            { normal_body((*model).clone(), pick_group, props.on_select_jobs.clone()) }
        </section>
    }
}

/// The view below its controls: the model's parts, or that it is being made.
fn normal_body(
    model: Option<Rc<NormalModel>>,
    on_pick: Callback<String>,
    on_select_jobs: Callback<JobPick>,
) -> Html {
    let Some(model) = model else {
        return html! {
            <p class="later" aria-busy="true">{ "Working out what is normal for these jobs…" }</p>
        };
    };
    let m = &*model;
    let which = match &m.group {
        Some(key) => format!("the {} of {key}", count(m.jobs, "job")),
        None => count(m.with_history, "job") + " with history",
    };
    html! {
        <>
            if m.grouping != Grouping::All && m.groups.is_empty() {
                <p class="empty">{ "No job says which group it belongs to (the job objects were not loaded)." }</p>
            }
            // Drawn in a task of their own after the model, the first time: at 50,000
            // jobs the two together were ~200 ms of one task (docs/performance.md, P6).
            <Later what="The numbers, spreads and outliers">
                <NormalParts model={model.clone()} which={AttrValue::from(which)} {on_pick}
                    {on_select_jobs} />
            </Later>
        </>
    }
}

/// The model of `report`'s jobs for `choice` (a grouping and maybe a group), a part a
/// task, to `done` unless the view has moved on (`gone`).
async fn model_in_steps(
    report: Shared<Report>,
    (grouping, group): (Grouping, Option<String>),
    gone: Rc<Cell<bool>>,
    done: Callback<Rc<NormalModel>>,
) {
    if !next_task(&gone).await {
        return;
    }
    let mut modelling = Modelling::new(&report, grouping, group.as_deref());
    if !in_tasks(&gone, || modelling.step()).await || !next_task(&gone).await {
        return;
    }
    done.emit(Rc::new(modelling.finish()));
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
