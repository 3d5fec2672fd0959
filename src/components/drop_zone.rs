use web_sys::{FileList, HtmlInputElement};
use yew::prelude::*;

use crate::ids::use_id;

#[derive(PartialEq, Properties)]
pub struct DropZoneProps {
    /// Files dropped or picked, many at once.
    pub on_files: Callback<Vec<web_sys::File>>,
    /// Files are being read.
    #[prop_or_default]
    pub busy: bool,
}

fn files(list: Option<FileList>) -> Vec<web_sys::File> {
    let Some(list) = list else {
        return Vec::new();
    };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// Drop files here, or pick them: a real file input (keyboard and screen readers
/// reach it as a button) inside an area that also takes drops.
#[function_component(DropZone)]
pub fn drop_zone(props: &DropZoneProps) -> Html {
    let input_id = use_id("files");
    // Only the highlight while something is dragged over: view state, not app state.
    let over = use_state(|| false);
    let ondragover = {
        let over = over.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default(); // without it the browser opens the file instead
            over.set(true);
        })
    };
    let ondragleave = {
        let over = over.clone();
        Callback::from(move |_: DragEvent| over.set(false))
    };
    let ondrop = {
        let (over, on_files) = (over.clone(), props.on_files.clone());
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            over.set(false);
            on_files.emit(files(e.data_transfer().and_then(|d| d.files())));
        })
    };
    let onchange = props.on_files.reform(|e: Event| {
        let input: HtmlInputElement = e.target_unchecked_into();
        let picked = files(input.files());
        // The same file picked again must fire `change` again (a refreshed export).
        input.set_value("");
        picked
    });
    html! {
        <div class={classes!("drop-zone", (*over).then_some("over"), props.busy.then_some("busy"))}
            {ondragover} {ondragleave} {ondrop}>
            <p class="drop-title">{ "Drop job files here" }</p>
            <p class="drop-help">{ "Histories, job objects, job lists, exports or notebook prints; as many as you like, any size. They are read in this browser and never uploaded." }</p>
            // Before its label, so CSS can show the input's focus on the label.
            <input id={input_id.clone()} class="file-input" type="file" multiple=true {onchange} />
            <label class="button" for={input_id}>{ "Choose files…" }</label>
        </div>
    }
}
