//! How to drive the timeline, one click away (and the canvas' description).

use yew::prelude::*;

#[derive(PartialEq, Properties)]
pub struct HelpProps {
    /// The id of the list, which the canvas names as its description.
    pub id: AttrValue,
}

/// `(keys, what they do)`, the same map as `model::view::key_action`.
const KEYS: [(&[&str], &str); 9] = [
    (&["Tab"], "focus the timeline"),
    (&["↑", "↓"], "previous / next job"),
    (&["PgUp", "PgDn", "Home", "End"], "jump through the jobs"),
    (&["[", "]"], "previous / next state of the job"),
    (&["Enter"], "select the job"),
    (&["+", "−"], "zoom in / out (also W / S)"),
    (&["←", "→"], "pan (Shift: further; also A / D)"),
    (&["0"], "show everything"),
    (&["Esc"], "hide the tooltip"),
];

#[function_component(Help)]
pub fn help(props: &HelpProps) -> Html {
    html! {
        <details class="tl-help">
            <summary>{ "Keyboard and mouse" }</summary>
            <ul id={props.id.clone()}>
                { for KEYS.iter().map(|(keys, what)| html! {
                    <li>
                        { for keys.iter().map(|k| html! { <><kbd>{ *k }</kbd>{ " " }</> }) }
                        { *what }
                    </li>
                }) }
                <li>{ "Mouse: wheel zooms at the pointer, drag pans, Shift + wheel scrolls the jobs, click selects." }</li>
            </ul>
        </details>
    }
}
