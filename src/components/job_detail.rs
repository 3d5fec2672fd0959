use tapis_profile::report::JobReport;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, ShadowRoot};
use yew::prelude::*;

use super::{BucketBar, Duration, StateTable, TimelineBar, TransferAnatomy};
use crate::edge::view::bring_into_view;
use crate::ids::use_id;
use crate::insights::normal::bar_parts;
use crate::model::job_facts::{Fact, JobFacts};
use crate::shared::Shared;

#[derive(PartialEq, Properties)]
pub struct JobDetailProps {
    pub job: Shared<JobReport>,
    /// The recommendations that concern this job: (id, title).
    #[prop_or_default]
    pub recommendations: Vec<(AttrValue, AttrValue)>,
    /// Changes each time the user opens a job: the detail then takes the focus
    /// (and gives it back on close). A job opened by itself leaves the focus alone.
    #[prop_or_default]
    pub focus: u32,
    pub on_close: Callback<()>,
}

/// Everything known about one job: where its time went (states, buckets), its
/// file transfers, how it failed, what it asked for against what it used, and
/// what is worth knowing about its data. A side panel on wide screens.
#[function_component(JobDetail)]
pub fn job_detail(props: &JobDetailProps) -> Html {
    let heading = use_node_ref();
    let section = use_node_ref();
    let title_id = use_id("detail-title");
    // Where the focus was when the user opened the job, to give it back.
    let opener = use_mut_ref(|| None::<HtmlElement>);
    {
        let (heading, section, opener) = (heading.clone(), section.clone(), opener.clone());
        use_effect_with(props.focus, move |&focus| {
            if focus > 0 {
                if let Some(h) = heading.cast::<HtmlElement>() {
                    *opener.borrow_mut() =
                        focused_near(&h).and_then(|e| e.dyn_into::<HtmlElement>().ok());
                    // The whole panel in view (as much as fits), then its heading focused.
                    if let Some(s) = section.cast::<HtmlElement>() {
                        s.scroll_into_view_with_bool(false);
                    }
                    bring_into_view(&h, false);
                }
            }
        });
    }
    let close = {
        let (opener, on_close) = (opener.clone(), props.on_close.clone());
        Callback::from(move |()| {
            if let Some(el) = opener.borrow_mut().take().filter(|el| el.is_connected()) {
                let _ = el.focus();
            }
            on_close.emit(());
        })
    };
    let onkeydown = {
        let close = close.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.prevent_default();
                close.emit(());
            }
        })
    };
    let onclick = close.reform(|_: MouseEvent| ());

    let j = &props.job;
    let facts = use_memo(props.job.clone(), |job| JobFacts::of(job));
    html! {
        <section class="job-detail" aria-labelledby={title_id.clone()} {onkeydown} ref={section}>
            <header class="detail-head">
                <div>
                    <h2 id={title_id} ref={heading} tabindex="-1">{ &facts.title }</h2>
                    <p class="uuid">{ &j.uuid }</p>
                    <p class="muted">{ &facts.summary }</p>
                </div>
                <button type="button" class="close" {onclick} aria-label="Close the job's detail"
                    title="Close (Esc)">{ "Close" }</button>
            </header>
            if let Some(stale) = &facts.stale {
                <p class="stale-note" role="note">{ stale }</p>
            }
            if j.has_history {
                { headline(j, &facts.outside_share) }
                <TimelineBar job={j.clone()} />
                <StateTable job={j.clone()} />
                if !j.anatomy.is_empty() {
                    <h3>{ "Inside the transfers" }</h3>
                    <TransferAnatomy visits={j.anatomy.clone()} />
                }
                <h3>{ "By bucket" }</h3>
                <BucketBar parts={bar_parts(j.buckets.0.iter().copied(), j.total_seconds)}
                    total={j.total_seconds} jobs={AttrValue::from("this job")} />
            } else if let Some(coarse) = &facts.coarse {
                { headline(j, &facts.outside_share) }
                <p class="muted">{ "No history was loaded for this job: these coarse phases come from its \
                    job object's timestamps. Its history would give the time in each state." }</p>
                <TimelineBar job={j.clone()} />
                <h3>{ "Phases" }</h3>
                { fact_list(coarse) }
            } else {
                <p>{ "No history and no timestamps: nothing to measure." }</p>
            }
            if !facts.transfers.is_empty() {
                <h3>{ "File transfers" }</h3>
                <div class="transfers">
                    { for facts.transfers.iter().map(|(title, list)| html! {
                        <div class="transfer" data-transfer={*title}>
                            <h4>{ *title }</h4>
                            { fact_list(list) }
                        </div>
                    }) }
                </div>
            }
            if let Some(ending) = &facts.ending {
                <h3>{ &ending.heading }</h3>
                if ending.interactive {
                    <p class="muted">{ "An interactive app: ending FAILED at its walltime is how such a session stops." }</p>
                }
                { fact_list(&ending.facts) }
                if !ending.errors.is_empty() {
                    <h4>{ "Error events" }</h4>
                    <ol class="errors">
                        { for ending.errors.iter().map(|m| html! { <li>{ m }</li> }) }
                    </ol>
                }
            }
            if let Some(usage) = &facts.usage {
                <h3>{ "Requested and used" }</h3>
                if usage.hit_walltime {
                    <p class="warn-text">{ "It stopped at its walltime limit." }</p>
                }
                { fact_list(&usage.facts) }
            }
            if !facts.notes.is_empty() {
                <h3>{ "Worth knowing" }</h3>
                <ul class="notes">
                    { for facts.notes.iter().map(|n| html! { <li>{ n }</li> }) }
                </ul>
            }
            if !props.recommendations.is_empty() {
                <h3>{ "Recommendations concerning this job" }</h3>
                <ul class="recs">
                    { for props.recommendations.iter().map(|(id, title)| html! {
                        <li data-rec={id.clone()}>{ title.clone() }<span class="muted">{ format!(" ({id})") }</span></li>
                    }) }
                </ul>
            }
            <p class="muted inputs-of">{ &facts.read_from }</p>
        </section>
    }
}

/// `5 min 38 s in total; 5 min 12 s (92.4 %) outside RUNNING`: the same for a history and
/// for coarse phases.
fn headline(j: &JobReport, outside_share: &str) -> Html {
    html! {
        <p class="headline">
            <Duration seconds={j.total_seconds} />{ " in total; " }
            <strong>
                <Duration seconds={j.outside_running_seconds} />
                { format!(" ({outside_share}) outside RUNNING") }
            </strong>
        </p>
    }
}

/// The element with the focus in `near`'s tree: inside a component's shadow root the
/// document only knows the host element.
fn focused_near(near: &HtmlElement) -> Option<Element> {
    match near.get_root_node().dyn_into::<ShadowRoot>() {
        Ok(shadow) => shadow.active_element(),
        Err(_) => gloo::utils::document().active_element(),
    }
}

/// Terms and their values.
fn fact_list(facts: &[Fact]) -> Html {
    html! {
        <dl class="facts">
            { for facts.iter().map(|(term, value)| html! { <><dt>{ *term }</dt><dd>{ value }</dd></> }) }
        </dl>
    }
}
