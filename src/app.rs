use yew::prelude::*;

use crate::components::{DiagnosticList, InputPanel, JobView};
use crate::fetch::use_data_url;
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
                { for state.profiles.iter().map(|p| html! { <JobView profile={p.clone()} /> }) }
            </main>
        </div>
    }
}
