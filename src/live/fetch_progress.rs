use yew::prelude::*;

use super::model::panel_reducer::progress_words;
use super::model::schedule::Progress;
use crate::model::words;

#[derive(PartialEq, Properties)]
pub struct FetchProgressProps {
    pub progress: Progress,
    pub running: bool,
    pub stopped: bool,
    pub on_cancel: Callback<()>,
}

/// n / N, failures, retries, time left; "Cancel" while it runs.
#[function_component(FetchProgress)]
pub fn fetch_progress(props: &FetchProgressProps) -> Html {
    let p = &props.progress;
    let words = progress_words(p, props.stopped);
    let on_cancel = props.on_cancel.reform(|_: MouseEvent| ());
    html! {
        <div class="live-progress">
            <progress id="live-progress-bar" max={p.total.max(1).to_string()}
                value={p.finished().to_string()} aria-describedby="live-progress-words" />
            <p id="live-progress-words" class="live-progress-words">{ &words }
                if p.retries > 0 { { format!(" · {}", words::count(p.retries, "retry")) } }
            </p>
            if props.running {
                <button type="button" onclick={on_cancel}>{ "Cancel" }</button>
            }
            // Announced once, when the run is over, not at every tick.
            <p class="visually-hidden" role="status">
                { if props.running { String::new() } else { format!("Fetching over: {words}.") } }
            </p>
        </div>
    }
}
