use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use super::DropZone;
use crate::ids::use_id;

#[derive(PartialEq, Properties)]
pub struct InputPanelProps {
    /// Current text of the paste box.
    pub draft: AttrValue,
    pub on_edit: Callback<String>,
    /// Add what is in the paste box.
    pub on_analyse: Callback<()>,
    pub on_sample: Callback<()>,
    /// Files dropped or picked, many at once.
    pub on_files: Callback<Vec<web_sys::File>>,
    /// Files are being read (the drop zone says so).
    #[prop_or_default]
    pub busy: bool,
    /// The live Tapis connection (see `LiveSlot`), below the other ways in.
    #[prop_or_default]
    pub children: Html,
}

/// Where data comes in: files (drop or pick), a paste box, the sample, and the
/// live connection. Everything added joins what is already loaded.
#[function_component(InputPanel)]
pub fn input_panel(props: &InputPanelProps) -> Html {
    let paste_id = use_id("paste");
    let help_id = use_id("paste-help");
    let oninput = props
        .on_edit
        .reform(|e: InputEvent| e.target_unchecked_into::<HtmlTextAreaElement>().value());
    let onsubmit = props
        .on_analyse
        .reform(|e: SubmitEvent| e.prevent_default());
    let on_sample = props.on_sample.reform(|_: MouseEvent| ());
    html! {
        <div class="input-panel">
            <DropZone on_files={props.on_files.clone()} busy={props.busy} />
            <form class="paste" {onsubmit} aria-label="Paste job data">
                <label for={paste_id.clone()}>{ "Or paste Tapis job data" }</label>
                <p id={help_id.clone()} class="help">
                    { "A job history (" }<code>{ "GET /v3/jobs/{uuid}/history" }</code>
                    { ": the response or its " }<code>{ "result" }</code>{ " array), job objects, \
                       job list or search responses, this tool's bundles and exports, or what \
                       a tapipy notebook prints (" }<code>{ "print(history)" }</code>{ ", " }
                    <code>{ "print(job)" }</code>{ "). NDJSON (one document per line) works too." }
                </p>
                <textarea id={paste_id} spellcheck="false" rows="5" aria-describedby={help_id}
                    placeholder={r#"{"result": [{"event": "JOB_NEW_STATUS", "created": "…", "eventDetail": "PENDING", …}], "status": "success"}"#}
                    value={props.draft.clone()} {oninput} />
                <div class="actions">
                    <button type="submit" class="primary">{ "Analyse" }</button>
                    <button type="button" onclick={on_sample}>{ "Load sample data" }</button>
                </div>
            </form>
            { props.children.clone() }
        </div>
    }
}
