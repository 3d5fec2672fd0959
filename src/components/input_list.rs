use web_sys::HtmlElement;
use yew::prelude::*;

use super::{ClearAll, DiagnosticList};
use crate::ids::use_id;
use crate::model::loaded::{loaded_summary, reading_progress, stage_word, InputRow};
use crate::model::page_reducer::{InputId, Reading};
use crate::model::words;
use crate::shared::Shared;

#[derive(PartialEq, Properties)]
pub struct InputListProps {
    pub rows: Shared<Vec<InputRow>>,
    /// Files on their way in.
    pub reading: Vec<Reading>,
    /// Jobs loaded from all inputs together (a job in two inputs counts once).
    pub jobs: usize,
    pub on_remove: Callback<Vec<InputId>>,
    pub on_clear: Callback<()>,
}

/// What is loaded, input by input: what was read from it and what went wrong,
/// with a remove button each; files still being read; "Clear all…".
#[function_component(InputList)]
pub fn input_list(props: &InputListProps) -> Html {
    let heading = use_node_ref();
    let title_id = use_id("loaded-title");
    let on_clear = {
        let (heading, on_clear) = (heading.clone(), props.on_clear.clone());
        // The list empties under the focus: put it on the heading, not nowhere.
        Callback::from(move |()| {
            on_clear.emit(());
            if let Some(h) = heading.cast::<HtmlElement>() {
                let _ = h.focus();
            }
        })
    };
    let inputs = props.rows.len();
    let what = loaded_summary(inputs, props.jobs);
    let progress = reading_progress(&props.reading);
    html! {
        <section class="loaded" aria-labelledby={title_id.clone()}>
            <div class="loaded-head">
                <h2 id={title_id} ref={heading} tabindex="-1">{ "Loaded data" }</h2>
                <span class="muted">
                    { if inputs == 0 { "nothing yet".to_string() } else { what.clone() } }
                </span>
                if inputs > 0 {
                    <ClearAll what={what} on_confirm={on_clear} />
                }
            </div>
            <p class="visually-hidden" role="status">{ progress }</p>
            if inputs > 0 || !props.reading.is_empty() {
                <ul class="inputs">
                    { for props.rows.iter().map(|row| input(row, &props.on_remove)) }
                    { for props.reading.iter().map(reading) }
                </ul>
            }
        </section>
    }
}

fn input(row: &InputRow, on_remove: &Callback<Vec<InputId>>) -> Html {
    let ids = row.ids.clone();
    let onclick = on_remove.reform(move |_: MouseEvent| ids.clone());
    let problems = row.problems();
    html! {
        <li class={classes!("input", row.failed.then_some("failed"))} data-input={row.name.clone()}
            data-count={row.ids.len().to_string()}>
            <div class="input-line">
                <div class="input-main">
                    <span class="input-name">{ row.title() }</span>
                    <span class="input-meta">{ row.meta() }</span>
                </div>
                <button type="button" class="remove" {onclick}
                    aria-label={format!("Remove {}", row.title())}>{ "Remove" }</button>
            </div>
            if row.failed {
                <DiagnosticList diagnostics={row.diagnostics.to_vec()} />
            } else if !problems.is_empty() {
                <details class="input-diagnostics">
                    <summary>{ problems }</summary>
                    <DiagnosticList diagnostics={row.diagnostics.to_vec()} announce={false} />
                </details>
            }
        </li>
    }
}

fn reading(r: &Reading) -> Html {
    html! {
        <li class="input reading" aria-busy="true" data-input={r.name.clone()}>
            <div class="input-line">
                <div class="input-main">
                    <span class="input-name">{ &r.name }</span>
                    <span class="input-meta">
                        { words::bytes(r.bytes as f64) }{ " · " }
                        <span class="spinner" aria-hidden="true" />{ stage_word(r.stage) }
                    </span>
                </div>
            </div>
        </li>
    }
}
