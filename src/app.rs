use yew::prelude::*;

use std::collections::BTreeMap;

use crate::components::{DiagnosticList, InputPanel, JobView};
use crate::fetch::use_data_url;
use crate::live::LivePanel;
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
    // Live Tapis delivers named inputs (the listing, one per history) and replaces them by
    // name. Until the app holds a list of inputs, they are kept here and analysed as one.
    let live_inputs = use_mut_ref(BTreeMap::<String, String>::new);
    let on_live_import = {
        let state = state.clone();
        Callback::from(move |inputs: Vec<(String, String)>| {
            let mut held = live_inputs.borrow_mut();
            held.extend(inputs);
            let text = held.values().cloned().collect::<Vec<_>>().join("\n");
            state.dispatch(Action::Import {
                name: "Tapis (live)".into(),
                text,
            });
        })
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
                <LivePanel tenant={props.tenant_origin().map(AttrValue::from)}
                    in_component={props.in_component} on_import={on_live_import} />
                <DiagnosticList diagnostics={state.diagnostics.clone()} />
                if let Some(source) = &state.source {
                    <p class="source">{ format!("Showing: {source}") }</p>
                }
                if !rows.is_empty() {
                    <JobTimeline rows={(*rows).clone()} selected={(*selected).clone()} {on_select} />
                }
                // One node however many jobs: Yew matches unkeyed siblings from the end, so a
                // list spliced in here would shift (and remount) every component before it.
                <>{ for state.profiles.iter().map(|p| html! { <JobView profile={p.clone()} /> }) }</>
            </main>
        </div>
    }
}
