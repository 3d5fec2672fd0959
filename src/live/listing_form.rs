use chrono::NaiveDate;
use tapis_profile::time::{format_date, parse_date};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::model::api::{Filters, StatusFilter, MAX_JOBS};

#[derive(PartialEq, Properties)]
pub struct ListingFormProps {
    pub filters: Filters,
    /// App ids seen in the last listing, offered as suggestions.
    pub apps: Vec<AttrValue>,
    /// Listing is possible (connected, nothing running).
    pub enabled: bool,
    pub listed: bool,
    pub on_change: Callback<Filters>,
    pub on_list: Callback<()>,
}

/// Which jobs to list: created between two days, one app, a status, how many.
#[function_component(ListingForm)]
pub fn listing_form(props: &ListingFormProps) -> Html {
    let f = &props.filters;
    let edit = |change: fn(&mut Filters, String)| {
        let (filters, on_change) = (props.filters.clone(), props.on_change.clone());
        Callback::from(move |e: Event| {
            let mut next = filters.clone();
            change(
                &mut next,
                e.target_unchecked_into::<HtmlInputElement>().value(),
            );
            on_change.emit(next);
        })
    };
    let on_status = {
        let (filters, on_change) = (props.filters.clone(), props.on_change.clone());
        Callback::from(move |e: Event| {
            let key = e.target_unchecked_into::<HtmlSelectElement>().value();
            on_change.emit(Filters {
                status: StatusFilter::from_key(&key),
                ..filters.clone()
            });
        })
    };
    let onsubmit = props.on_list.reform(|e: SubmitEvent| e.prevent_default());
    let day = |d: Option<NaiveDate>| d.map(|d| format_date(&d)).unwrap_or_default();
    html! {
        <form class="live-filters" {onsubmit} aria-label="Which jobs">
            <div class="live-fields">
                <label for="live-from">{ "Created from" }
                    <input id="live-from" type="date" value={day(f.from)}
                        onchange={edit(|f, v| f.from = parse_date(&v))} />
                </label>
                <label for="live-to">{ "to" }
                    <input id="live-to" type="date" value={day(f.to)}
                        onchange={edit(|f, v| f.to = parse_date(&v))} />
                </label>
                <label for="live-app">{ "App id" }
                    <input id="live-app" type="text" list="live-apps" value={f.app.clone()}
                        placeholder="any" autocomplete="off" spellcheck="false"
                        onchange={edit(|f, v| f.app = v.trim().to_string())} />
                </label>
                <datalist id="live-apps">
                    { for props.apps.iter().map(|a| html! { <option value={a.clone()} /> }) }
                </datalist>
                <label for="live-status">{ "Status" }
                    <select id="live-status" onchange={on_status}>
                        { for StatusFilter::ALL.iter().map(|s| html! {
                            <option value={s.key()} selected={*s == f.status}>{ s.label() }</option>
                        }) }
                    </select>
                </label>
                <label for="live-count">{ "How many (newest first)" }
                    <input id="live-count" type="number" min="1" max={MAX_JOBS.to_string()}
                        value={f.count.to_string()}
                        onchange={edit(|f, v| f.count = v.parse::<usize>().unwrap_or(f.count).clamp(1, MAX_JOBS))} />
                </label>
            </div>
            <div class="actions">
                <button type="submit" class={classes!((!props.listed).then_some("primary"))}
                    disabled={!props.enabled}>
                    { if props.listed { "List again" } else { "List my jobs" } }
                </button>
            </div>
        </form>
    }
}
