use yew::prelude::*;

use crate::components::{DiagnosticList, InputPanel, JobView};
use crate::state::{Action, AppState};

/// The whole page: input on top, diagnostics, then one view per job read.
#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(AppState::default);
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
    html! {
        <>
            <header class="page-header">
                <h1>{ "Tapis Job Profiler" }</h1>
                <p>{ "See where your Tapis jobs spend their time. Everything is computed in this browser; nothing is uploaded." }</p>
            </header>
            <main>
                <InputPanel draft={state.draft.clone()} {on_edit} {on_analyse} {on_sample} />
                <DiagnosticList diagnostics={state.diagnostics.clone()} />
                if let Some(source) = &state.source {
                    <p class="source">{ format!("Showing: {source}") }</p>
                }
                { for state.profiles.iter().map(|p| html! { <JobView profile={p.clone()} /> }) }
            </main>
        </>
    }
}
