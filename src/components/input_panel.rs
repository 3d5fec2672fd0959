use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

#[derive(PartialEq, Properties)]
pub struct InputPanelProps {
    /// Current text of the paste box.
    pub draft: AttrValue,
    pub on_edit: Callback<String>,
    pub on_analyse: Callback<()>,
    pub on_sample: Callback<()>,
}

/// Where data comes in: a paste box, "Analyse", and "Load sample data".
#[function_component(InputPanel)]
pub fn input_panel(props: &InputPanelProps) -> Html {
    let oninput = props
        .on_edit
        .reform(|e: InputEvent| e.target_unchecked_into::<HtmlTextAreaElement>().value());
    let onsubmit = props
        .on_analyse
        .reform(|e: SubmitEvent| e.prevent_default());
    let on_sample = props.on_sample.reform(|_: MouseEvent| ());
    html! {
        <form class="input-panel" {onsubmit} aria-label="Job data">
            <label for="paste">{ "Paste a Tapis job history (the API response or its " }
                <code>{ "result" }</code>{ " array)" }</label>
            <textarea id="paste" spellcheck="false" rows="6"
                placeholder={r#"{"result": [{"event": "JOB_NEW_STATUS", "created": "…", "eventDetail": "PENDING", …}], "status": "success"}"#}
                value={props.draft.clone()} {oninput} />
            <div class="actions">
                <button type="submit" class="primary">{ "Analyse" }</button>
                <button type="button" onclick={on_sample}>{ "Load sample data" }</button>
            </div>
        </form>
    }
}
