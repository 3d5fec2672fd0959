use tapis_profile::Severity;
use web_sys::HtmlElement;
use yew::prelude::*;

use super::{ClearAll, DiagnosticList};
use crate::ids::use_id;
use crate::model::loaded::InputRow;
use crate::model::page_reducer::{InputId, ReadStage, Reading};
use crate::model::words::{self, format_duration};
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
    let what = format!(
        "{} and {}",
        words::count(inputs, "input"),
        words::count(props.jobs, "job")
    );
    let progress = progress(&props.reading);
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

/// "Reading 2 of 5 files: big.json (120 MB)…" for screen readers; empty when idle.
fn progress(reading: &[Reading]) -> String {
    let Some(current) = reading.iter().find(|r| r.stage != ReadStage::Waiting) else {
        return String::new();
    };
    let position = reading.iter().position(|r| r == current).unwrap_or(0) + 1;
    format!(
        "{} file {position} of {}: {} ({})…",
        stage_word(current.stage),
        reading.len(),
        current.name,
        words::bytes(current.bytes as f64)
    )
}

fn stage_word(stage: ReadStage) -> &'static str {
    match stage {
        ReadStage::Waiting => "Waiting for",
        ReadStage::Reading => "Reading",
        ReadStage::Parsing => "Parsing",
    }
}

fn input(row: &InputRow, on_remove: &Callback<Vec<InputId>>) -> Html {
    let ids = row.ids.clone();
    let onclick = on_remove.reform(move |_: MouseEvent| ids.clone());
    let mut meta = vec![row.format.to_string()];
    if row.ids.len() > 1 {
        meta.push(words::count(row.ids.len(), "history"));
    }
    if !row.failed {
        meta.push(words::count(row.jobs, "job"));
        if row.events > 0 {
            meta.push(words::count(row.events, "event"));
        }
    }
    if row.bytes > 0 {
        meta.push(words::bytes(row.bytes as f64));
    }
    // Worth saying only when it was long enough to notice.
    if let Some(ms) = row.read_ms.filter(|ms| *ms >= 100.0) {
        meta.push(format!("read in {}", format_duration(ms / 1000.0)));
    }
    let errors = row.count(Severity::Error);
    let warnings = row.count(Severity::Warning);
    let notes = row.count(Severity::Info);
    let mut counts = Vec::new();
    if errors > 0 {
        counts.push(words::count(errors, "error"));
    }
    if warnings > 0 {
        counts.push(words::count(warnings, "warning"));
    }
    if notes > 0 {
        counts.push(words::count(notes, "note"));
    }
    html! {
        <li class={classes!("input", row.failed.then_some("failed"))} data-input={row.name.clone()}
            data-count={row.ids.len().to_string()}>
            <div class="input-line">
                <div class="input-main">
                    <span class="input-name">{ row.title() }</span>
                    <span class="input-meta">{ meta.join(" · ") }</span>
                </div>
                <button type="button" class="remove" {onclick}
                    aria-label={format!("Remove {}", row.title())}>{ "Remove" }</button>
            </div>
            if row.failed {
                <DiagnosticList diagnostics={row.diagnostics.to_vec()} />
            } else if !counts.is_empty() {
                <details class="input-diagnostics">
                    <summary>{ counts.join(", ") }</summary>
                    <DiagnosticList diagnostics={row.diagnostics.to_vec()} announce={false} />
                </details>
            }
        </li>
    }
}

fn reading(r: &Reading) -> Html {
    let word = match r.stage {
        ReadStage::Waiting => "waiting…",
        ReadStage::Reading => "reading…",
        ReadStage::Parsing => "parsing…",
    };
    html! {
        <li class="input reading" aria-busy="true" data-input={r.name.clone()}>
            <div class="input-line">
                <div class="input-main">
                    <span class="input-name">{ &r.name }</span>
                    <span class="input-meta">
                        { words::bytes(r.bytes as f64) }{ " · " }
                        <span class="spinner" aria-hidden="true" />{ word }
                    </span>
                </div>
            </div>
        </li>
    }
}
