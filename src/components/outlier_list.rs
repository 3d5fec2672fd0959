use std::rc::Rc;

use tapis_profile::analysis::aggregate::{
    OUTLIER_MIN_EXCESS_SECONDS, OUTLIER_MIN_GROUP, OUTLIER_SCORE,
};
use yew::prelude::*;

use super::Duration;
use crate::insights::normal::NormalModel;
use crate::insights::JobPick;
use crate::model::words::{count, format_duration, thousands};

/// Outliers listed one by one; the rest are counted (and selectable together).
const MAX_LISTED: usize = 50;

#[derive(PartialEq, Properties)]
pub struct OutlierListProps {
    pub model: Rc<NormalModel>,
    pub on_select_jobs: Callback<JobPick>,
}

/// The jobs far from what is normal for their group, each selectable, and all
/// of them at once.
#[function_component(OutlierList)]
pub fn outlier_list(props: &OutlierListProps) -> Html {
    let m = &props.model;
    let rule = format!(
        "A job is an outlier in a state when it took more than {OUTLIER_SCORE} robust standard \
         deviations (median/MAD) and at least {} longer than the median of its own group (its app \
         and version; for QUEUED, its system and queue), in groups of {OUTLIER_MIN_GROUP} jobs or more.",
        format_duration(OUTLIER_MIN_EXCESS_SECONDS)
    );
    if m.outliers.is_empty() {
        return html! {
            <div class="outliers">
                <h3>{ "Outliers" }</h3>
                <p>{ "None: no job is far from what is normal for its group. " }{ rule }</p>
            </div>
        };
    }
    let jobs = m.outlier_job_count();
    let select_all = {
        let (model, on_select) = (m.clone(), props.on_select_jobs.clone());
        Callback::from(move |_: MouseEvent| {
            on_select.emit(JobPick::new("the outliers", model.outlier_jobs()))
        })
    };
    html! {
        <div class="outliers">
            <h3>{ "Outliers" }</h3>
            <p>{ format!("{} in {}. ", count(m.outliers.len(), "outlier"), count(jobs, "job")) }{ rule }</p>
            <button type="button" onclick={select_all}>
                { format!("Select the {}", count(jobs, "outlier job")) }
            </button>
            <ul class="outlier-items">
                { for m.outliers.iter().take(MAX_LISTED).map(|o| {
                    let onclick = {
                        let (uuid, label, on_select) = (o.uuid.clone(), o.label.clone(), props.on_select_jobs.clone());
                        Callback::from(move |_: MouseEvent| on_select.emit(JobPick::new(label.clone(), vec![uuid.clone()])))
                    };
                    html! {
                        <li data-job={o.uuid.clone()} data-metric={o.metric.key()}>
                            <button type="button" class="link" title={o.uuid.clone()} {onclick}>
                                { &o.label }
                            </button>
                            { format!(" {}: ", o.metric.label()) }
                            <strong><data value={o.seconds.to_string()}><Duration seconds={o.seconds} /></data></strong>
                            { " against a median of " }<Duration seconds={o.group_median} />
                            { format!(" for {} of {}", count(o.group_size, "job"), o.group) }
                        </li>
                    }
                }) }
            </ul>
            if m.outliers.len() > MAX_LISTED {
                <p>{ format!("… and {} more (the JSON export has them all).", thousands(m.outliers.len() - MAX_LISTED)) }</p>
            }
        </div>
    }
}
