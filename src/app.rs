use std::rc::Rc;

use yew::prelude::*;

use crate::clock;
use crate::components::{DiagnosticList, InputPanel, JobView};
use crate::fetch::use_data_url;
use crate::props::AppProps;
use crate::query::select;
use crate::shared::Shared;
use crate::state::{Action, AppState};
use crate::timeline::{JobTimeline, TimelineRows};

/// The whole app: input on top, diagnostics, the timeline of the jobs shown, then
/// the selected job. `props` say how it was started (see `props.rs`): full page or
/// embedded, with the sample or data to fetch.
#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let state = use_reducer({
        let sample = props.sample;
        move || {
            let state = AppState::default().apply(Action::SetClock(clock::now()));
            match sample {
                true => state.apply(Action::LoadSample),
                false => state,
            }
        }
    });
    // Every action goes in with the time it happened: imports measure open
    // states up to it (the reducer is pure, so the clock is read here).
    let dispatch = {
        let state = state.clone();
        Callback::from(move |action: Action| {
            state.dispatch(Action::SetClock(clock::now()));
            state.dispatch(action);
        })
    };
    use_data_url(props.data_url.clone(), dispatch.clone());
    let on_edit = dispatch.reform(Action::Edit);
    let on_analyse = dispatch.reform(|()| Action::AnalyseDraft);
    let on_sample = dispatch.reform(|()| Action::LoadSample);
    let on_select = dispatch.reform(|id: AttrValue| Action::Select(Some(id.to_string())));

    let report = Shared::from(state.report.clone());
    let shown = use_memo(
        (report.clone(), state.filter.clone(), state.sort.clone()),
        |(report, filter, sort)| select(&report.jobs, filter, sort),
    );
    let rows = use_memo((report.clone(), shown.clone()), |(report, shown)| {
        TimelineRows::from_jobs(shown.iter().map(|&i| &report.jobs[i]))
    });
    let selected = use_memo((report.clone(), state.selected.clone()), |(report, id)| {
        id.as_ref()
            .and_then(|id| report.job(id))
            .map(|job| Shared(Rc::new(job.clone())))
    });
    let mut diagnostics = state.notices.clone();
    diagnostics.extend(state.report.diagnostics.iter().cloned());
    html! {
        <div class={classes!("tjp", props.embed.then_some("tjp-embed"))}
            data-tenant={props.tenant_origin()}>
            if props.embed {
                <p class="embed-title"><strong>{ "Tapis Job Profiler" }</strong>
                    { " · computed in this browser; nothing is uploaded" }</p>
            } else {
                <header class="page-header">
                    <h1>{ "Tapis Job Profiler" }</h1>
                    <p>{ "See where your Tapis jobs spend their time. Everything is computed in this browser; nothing is uploaded." }</p>
                </header>
            }
            <main>
                <InputPanel draft={state.draft.clone()} {on_edit} {on_analyse} {on_sample} />
                <DiagnosticList {diagnostics} />
                if !rows.is_empty() {
                    <JobTimeline rows={(*rows).clone()}
                        selected={state.selected.clone().map(AttrValue::from)} {on_select} />
                }
                if let Some(job) = (*selected).clone() {
                    <JobView {job} />
                }
            </main>
        </div>
    }
}
