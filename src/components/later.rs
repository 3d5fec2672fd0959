use gloo::timers::callback::Timeout;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LaterProps {
    /// What is coming, for the placeholder ("Recommendations").
    pub what: AttrValue,
    pub children: Html,
}

/// Shows its children from the task after it first appears, a placeholder until then.
///
/// The views below the timeline are wrapped in it, each on its own, so the first render
/// of thousands of jobs is several tasks instead of one that holds the main thread for
/// the whole page (docs/performance.md, P6): the overview and the timeline paint first,
/// then each view. Once shown, its children update as any others.
#[function_component(Later)]
pub fn later(props: &LaterProps) -> Html {
    let shown = use_state(|| false);
    {
        let shown = shown.clone();
        use_effect_with((), move |_| {
            let timeout = Timeout::new(0, move || shown.set(true));
            // Unmounted first: no update for a component that is gone.
            move || drop(timeout)
        });
    }
    if *shown {
        props.children.clone()
    } else {
        html! { <p class="later" aria-busy="true">{ format!("{}…", props.what) }</p> }
    }
}
