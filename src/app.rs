use std::rc::Rc;

use tapis_profile::analysis::{analyse, Options};
use yew::prelude::*;

use crate::components::{
    DiagnosticList, ExportMenu, InputPanel, IoChecklist, JobView, NormalView, RecommendationList,
};
use crate::fetch::use_data_url;
use crate::insights::words::{count, job_names, list};
use crate::insights::Shared;
use crate::props::AppProps;
use crate::state::{Action, AppState};
use crate::timeline::{JobTimeline, TimelineRows};

/// The whole app: input on top, diagnostics, the timeline of every job, then one view per job.
/// `props` say how it was started (see `props.rs`): full page or embedded, with the sample or
/// data to fetch.
#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let state = use_reducer({
        let sample = props.sample;
        move || match sample {
            true => AppState::default().apply(Action::LoadSample),
            false => AppState::default(),
        }
    });
    use_data_url(props.data_url.clone(), state.dispatcher());
    let on_edit = {
        let state = state.clone();
        Callback::from(move |text: String| state.dispatch(Action::Edit(text)))
    };
    let on_analyse = {
        let state = state.clone();
        Callback::from(move |()| state.dispatch(Action::AnalyseDraft))
    };
    let on_sample = {
        let state = state.clone();
        Callback::from(move |()| state.dispatch(Action::LoadSample))
    };
    // Rebuilt only when the profiles change, not on every keystroke in the paste box.
    let rows = use_memo(state.profiles.clone(), |p| TimelineRows::from_profiles(p));
    let selected = use_state(|| None::<AttrValue>);
    let on_select = {
        let selected = selected.clone();
        Callback::from(move |id: AttrValue| selected.set(Some(id)))
    };
    // The analysis, once per import. Open states end at each job's last update,
    // as the profiles do.
    let report = use_memo(Shared(state.import.clone()), |import| {
        Rc::new(analyse(import, &Options::default()))
    });
    let report: Rc<_> = (*report).clone();
    // Jobs picked from a recommendation or an outlier: the first is selected on
    // the timeline, all are named under it. Callbacks for the insight views are
    // memoised: a new one on every render (every keystroke in the paste box)
    // would re-render every view.
    let marked = use_state(Vec::<String>::new);
    let on_select_jobs = use_callback(
        (marked.setter(), selected.setter()),
        |jobs: Vec<String>, (marked, selected)| {
            selected.set(jobs.first().map(|j| AttrValue::from(j.clone())));
            marked.set(jobs);
        },
    );
    let on_tick = use_callback(
        state.dispatcher(),
        |(item, ticked): (String, bool), dispatcher| {
            dispatcher.dispatch(Action::Tick { item, ticked })
        },
    );
    let (names, more) = job_names(&report, &marked, 10);
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
                <DiagnosticList diagnostics={state.diagnostics.clone()} />
                if let Some(source) = &state.source {
                    <p class="source">{ format!("Showing: {source}") }</p>
                }
                if !rows.is_empty() {
                    <JobTimeline rows={(*rows).clone()} selected={(*selected).clone()} {on_select} />
                }
                if !report.jobs.is_empty() {
                    <p class="marked" role="status">
                        if !marked.is_empty() {
                            { format!("Selected {}: {}.", count(marked.len(), "job"), list(&names, more)) }
                        }
                    </p>
                    <RecommendationList report={report.clone()} on_select_jobs={on_select_jobs.clone()} />
                    <NormalView report={report.clone()} on_select_jobs={on_select_jobs.clone()} />
                    <IoChecklist report={report.clone()} ticks={state.ticks.clone()} {on_tick} />
                    <ExportMenu report={report.clone()} import={state.import.clone()}
                        ticks={state.ticks.clone()} rows={(*rows).clone()} />
                }
                { for state.profiles.iter().map(|p| html! { <JobView profile={p.clone()} /> }) }
            </main>
        </div>
    }
}
