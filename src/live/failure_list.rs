use yew::prelude::*;

use crate::model::words;

#[derive(PartialEq, Properties)]
pub struct FailureListProps {
    /// (job UUID, its name, why it failed).
    pub items: Vec<(AttrValue, AttrValue, AttrValue)>,
    /// Retrying is possible (connected).
    pub enabled: bool,
    pub on_retry: Callback<String>,
    pub on_retry_all: Callback<()>,
}

/// Jobs whose history could not be fetched, why, and a way to try again.
#[function_component(FailureList)]
pub fn failure_list(props: &FailureListProps) -> Html {
    if props.items.is_empty() {
        return html! {};
    }
    let all = props.on_retry_all.reform(|_: MouseEvent| ());
    html! {
        <section class="live-failures" aria-labelledby="live-failures-title">
            <h3 id="live-failures-title">
                { format!("{} not fetched", words::count(props.items.len(), "history")) }
            </h3>
            <p class="live-note">{ "Everything else stays on the page. These jobs show their coarse \
                timeline only, until a retry succeeds." }</p>
            <ul>
                { for props.items.iter().map(|(uuid, name, why)| {
                    let key = uuid.to_string();
                    let retry = props.on_retry.reform(move |_: MouseEvent| key.clone());
                    html! {
                        <li data-uuid={uuid.clone()}>
                            <span class="live-name">{ name }</span>
                            <span class="live-why">{ why }</span>
                            <button type="button" onclick={retry} disabled={!props.enabled}
                                aria-label={format!("Retry {name}")}>{ "Retry" }</button>
                        </li>
                    }
                }) }
            </ul>
            if props.items.len() > 1 {
                <button type="button" onclick={all} disabled={!props.enabled}>{ "Retry all" }</button>
            }
        </section>
    }
}
