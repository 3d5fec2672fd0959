use web_sys::HtmlDialogElement;
use yew::prelude::*;

use crate::ids::use_id;

#[derive(PartialEq, Properties)]
pub struct ClearAllProps {
    /// What would go, in words: "3 inputs and 2,004 jobs".
    pub what: AttrValue,
    pub on_confirm: Callback<()>,
}

/// "Clear all…", asking first in a modal dialog (the browser's own `<dialog>`:
/// focus moves into it and back, Escape cancels, the rest of the page is inert).
#[function_component(ClearAll)]
pub fn clear_all(props: &ClearAllProps) -> Html {
    let dialog = use_node_ref();
    let title_id = use_id("clear-title");
    let text_id = use_id("clear-text");
    let open = {
        let dialog = dialog.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(d) = dialog.cast::<HtmlDialogElement>() {
                let _ = d.show_modal();
            }
        })
    };
    let close = |dialog: NodeRef| {
        if let Some(d) = dialog.cast::<HtmlDialogElement>() {
            d.close();
        }
    };
    let cancel = {
        let dialog = dialog.clone();
        Callback::from(move |_: MouseEvent| close(dialog.clone()))
    };
    let confirm = {
        let (dialog, on_confirm) = (dialog.clone(), props.on_confirm.clone());
        Callback::from(move |_: MouseEvent| {
            close(dialog.clone());
            on_confirm.emit(());
        })
    };
    html! {
        <>
            <button type="button" class="clear-all" onclick={open}>{ "Clear all…" }</button>
            <dialog ref={dialog} class="confirm" aria-labelledby={title_id.clone()}
                aria-describedby={text_id.clone()}>
                <h2 id={title_id}>{ "Clear all loaded data?" }</h2>
                <p id={text_id}>
                    { format!("This removes {} from this page. Your files are not touched, and your checklist ticks stay.", props.what) }
                </p>
                <div class="actions">
                    // First, so it has the focus when the dialog opens: the safe choice.
                    <button type="button" onclick={cancel}>{ "Cancel" }</button>
                    <button type="button" class="danger" onclick={confirm}>{ "Clear all" }</button>
                </div>
            </dialog>
        </>
    }
}
