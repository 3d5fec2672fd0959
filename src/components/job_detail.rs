use tapis_profile::report::{Failure, JobReport, TransferFacts, Usage};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, ShadowRoot};
use yew::prelude::*;

use super::{BucketBar, Duration, StateTable, TimelineBar};
use crate::ids::use_id;
use crate::insights::normal::bar_parts;
use crate::model::words::{self, format_duration, format_share, thousands};
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
    let title_id = use_id("detail-title");
    // Where the focus was when the user opened the job, to give it back.
    let opener = use_mut_ref(|| None::<HtmlElement>);
    {
        let (heading, opener) = (heading.clone(), opener.clone());
        use_effect_with(props.focus, move |&focus| {
            if focus > 0 {
                if let Some(h) = heading.cast::<HtmlElement>() {
                    *opener.borrow_mut() =
                        focused_near(&h).and_then(|e| e.dyn_into::<HtmlElement>().ok());
                    let _ = h.focus();
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
    let title = j.name.clone().unwrap_or_else(|| j.uuid.clone());
    let mut facts = Vec::new();
    if let Some(app) = j.app_label() {
        facts.push(app);
    }
    match (&j.exec_system, &j.queue) {
        (Some(s), Some(q)) => facts.push(format!("{s} / {q}")),
        (Some(s), None) | (None, Some(s)) => facts.push(s.clone()),
        _ => {}
    }
    let status = match (&j.final_status, &j.open_state) {
        (_, Some(open)) => format!("still in {open}"),
        (Some(s), None) => match &j.condition {
            Some(c) => format!("{s} ({c})"),
            None => s.to_string(),
        },
        (None, None) => "status unknown".into(),
    };
    facts.push(status);
    html! {
        <section class="job-detail" aria-labelledby={title_id.clone()} {onkeydown}>
            <header class="detail-head">
                <div>
                    <h2 id={title_id} ref={heading} tabindex="-1">{ title }</h2>
                    <p class="uuid">{ &j.uuid }</p>
                    <p class="muted">{ facts.join(" · ") }</p>
                </div>
                <button type="button" class="close" {onclick} aria-label="Close the job's detail"
                    title="Close (Esc)">{ "Close" }</button>
            </header>
            if j.has_history {
                <p class="headline">
                    <Duration seconds={j.total_seconds} />{ " in total; " }
                    <strong>
                        <Duration seconds={j.outside_running_seconds} />
                        { format!(" ({}) outside RUNNING", words::share_or_dash(j.outside_running_share)) }
                    </strong>
                </p>
                <TimelineBar job={j.clone()} />
                <StateTable job={j.clone()} />
                <h3>{ "By bucket" }</h3>
                <BucketBar parts={bar_parts(j.buckets.0.iter().copied(), j.total_seconds)}
                    total={j.total_seconds} jobs={AttrValue::from("this job")} />
            } else {
                { coarse(j) }
            }
            { transfers(j) }
            if let Some(f) = &j.failure { { failure(f) } }
            if let Some(u) = &j.usage { { usage(u) } }
            if !j.warnings.is_empty() || !j.outliers.is_empty() {
                <h3>{ "Worth knowing" }</h3>
                <ul class="notes">
                    { for j.warnings.iter().map(|w| html! { <li>{ w }</li> }) }
                    { for j.outliers.iter().map(|o| html! {
                        <li>{ format!("{}: {}, against a median of {} over {} jobs of {} (an outlier, score {:.1})",
                            o.metric, format_duration(o.seconds), format_duration(o.group_median),
                            o.group_size, o.group, o.score) }</li>
                    }) }
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
            <p class="muted inputs-of">{ format!("Read from: {}", j.inputs.join(", ")) }</p>
        </section>
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

/// A term and its value, when there is one.
fn row(term: &str, value: Option<String>) -> Html {
    match value {
        Some(v) => html! { <><dt>{ term.to_string() }</dt><dd>{ v }</dd></> },
        None => html! {},
    }
}

fn coarse(j: &JobReport) -> Html {
    let Some(c) = &j.coarse else {
        return html! { <p>{ "No history and no timestamps: nothing to measure." }</p> };
    };
    html! {
        <>
            <p>{ "No history was loaded for this job, so only its job object's timestamps are known." }</p>
            <dl class="facts">
                { row("Created to running", c.before_running_seconds.map(format_duration)) }
                { row("Running to ended", c.from_running_seconds.map(format_duration)) }
                { row("In total", c.total_seconds.map(format_duration)) }
            </dl>
        </>
    }
}

fn transfers(j: &JobReport) -> Html {
    let (input, archive) = (&j.transfers.input, &j.transfers.archive);
    if input.is_none() && archive.is_none() {
        return html! {};
    }
    html! {
        <>
            <h3>{ "File transfers" }</h3>
            <div class="transfers">
                if let Some(t) = input { { transfer("Inputs staged", t) } }
                if let Some(t) = archive { { transfer("Outputs archived", t) } }
            </div>
        </>
    }
}

fn transfer(title: &str, t: &TransferFacts) -> Html {
    let rate = t.bytes_per_second.map(|r| format!("{}/s", words::bytes(r)));
    let share = t.share_of_state.zip(t.state.as_ref()).map(|(s, state)| {
        format!(
            "{} of {state} ({})",
            format_share(s),
            format_duration(t.state_seconds)
        )
    });
    html! {
        <div class="transfer" data-transfer={title.to_string()}>
            <h4>{ title.to_string() }</h4>
            <dl class="facts">
                { row("Files", t.files.map(|f| thousands(f as usize))) }
                { row("Bytes", t.bytes.map(|b| words::bytes(b as f64))) }
                { row("Per file", t.mean_file_bytes.map(words::bytes)) }
                { row("Copying", t.copy_seconds.map(format_duration)) }
                { row("Throughput", rate) }
                { row("Waited to start", t.delay_seconds.map(format_duration)) }
                { row("Copy time is", share) }
                { row("Transfers", (t.count > 1).then(|| t.count.to_string())) }
                { row("Status", t.status.clone()) }
                { row("Error", t.error.clone()) }
            </dl>
        </div>
    }
}

fn failure(f: &Failure) -> Html {
    let reached = f
        .reached_running
        .map(|r| if r { "yes" } else { "no" }.to_string());
    html! {
        <>
            <h3>{ format!("How it ended: {}", f.status) }</h3>
            if f.interactive {
                <p class="muted">{ "An interactive app: ending FAILED at its walltime is how such a session stops." }</p>
            }
            <dl class="facts">
                { row("Condition", f.condition.clone()) }
                { row("In state", f.failed_in.as_ref().map(|s| s.to_string())) }
                { row("Reached RUNNING", reached) }
                { row("Time to the end", f.seconds_to_failure.map(format_duration)) }
                { row("After RUNNING began", f.seconds_after_running.map(format_duration)) }
                { row("Last message", f.last_message.clone()) }
            </dl>
            if !f.error_messages.is_empty() {
                <h4>{ "Error events" }</h4>
                <ol class="errors">
                    { for f.error_messages.iter().map(|m| html! { <li>{ m }</li> }) }
                </ol>
            }
        </>
    }
}

fn usage(u: &Usage) -> Html {
    let nodes = match (u.nodes, u.cores_per_node) {
        (Some(n), Some(c)) if n > 1 => Some(format!(
            "{} × {} = {}",
            words::count(n as usize, "node"),
            words::count(c as usize, "core"),
            words::count((n * c) as usize, "core")
        )),
        (Some(n), Some(c)) => Some(format!(
            "{} × {}",
            words::count(n as usize, "node"),
            words::count(c as usize, "core")
        )),
        (Some(n), None) => Some(words::count(n as usize, "node")),
        _ => None,
    };
    let walltime = u.max_minutes.map(|m| format_duration(f64::from(m) * 60.0));
    let running = Some(match u.walltime_used_share {
        Some(s) => format!(
            "{} ({} of the walltime)",
            format_duration(u.running_seconds),
            format_share(s)
        ),
        None => format_duration(u.running_seconds),
    });
    let nh = |v: Option<f64>| v.map(|v| format!("{v:.2}"));
    html! {
        <>
            <h3>{ "Requested and used" }</h3>
            if u.hit_walltime {
                <p class="warn-text">{ "It stopped at its walltime limit." }</p>
            }
            <dl class="facts">
                { row("Nodes", nodes) }
                { row("Walltime asked", walltime) }
                { row("RUNNING", running) }
                { row("Node-hours asked", nh(u.node_hours_requested)) }
                { row("Node-hours in RUNNING", nh(u.node_hours_running)) }
                { row("Node-hours outside RUNNING", nh(u.node_hours_outside_running)) }
                { row("Node-hours lost", nh(u.node_hours_lost.filter(|v| *v > 0.0))) }
            </dl>
        </>
    }
}
