use tapis_profile::report::Report;
use web_sys::{HtmlElement, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::edge::view::bring_into_view;
use crate::ids::use_id;
use crate::model::query::{
    facets, parse_day, shown_words, Choice, Filter, FilterChange, Sort, SortKey,
};
use crate::model::words::{self, thousands};
use crate::shared::Shared;
use crate::timeline::model::load::window_words;

#[derive(PartialEq, Properties)]
pub struct JobFiltersProps {
    /// The jobs loaded: the values each filter offers, with counts, are theirs.
    pub report: Shared<Report>,
    pub filter: Filter,
    pub sort: Sort,
    /// Jobs shown, and loaded.
    pub shown: usize,
    pub all: usize,
    pub on_filter: Callback<FilterChange>,
    pub on_sort: Callback<Sort>,
}

fn select_value(e: Event) -> String {
    e.target_unchecked_into::<HtmlSelectElement>().value()
}

fn input_value(e: InputEvent) -> String {
    e.target_unchecked_into::<HtmlInputElement>().value()
}

/// Sort and filter the jobs the timeline and its table show: by app, system and
/// queue, final status, submission day and text; how many are shown of how many.
#[function_component(JobFilters)]
pub fn job_filters(props: &JobFiltersProps) -> Html {
    let id = use_id("filters");
    let facets = use_memo(
        (props.report.clone(), props.filter.clone()),
        |(report, filter)| facets(&report.jobs, filter),
    );
    let f = &props.filter;
    // A selection made elsewhere (a recommendation, an outlier) is brought into view and
    // announced here, where the page shows what changed.
    let banner = use_node_ref();
    {
        let banner = banner.clone();
        let marked = f.marked.as_ref().map(|m| (m.label.clone(), m.jobs.len()));
        use_effect_with(marked, move |marked| {
            if marked.as_ref().is_some_and(|(_, n)| *n > 1) {
                if let Some(el) = banner.cast::<HtmlElement>() {
                    bring_into_view(&el, true);
                }
            }
        });
    }
    let field = |name: &str| format!("{id}-{name}");
    let choice_select = |name: &str,
                         label: &str,
                         any: &str,
                         choices: &[Choice],
                         current: &Option<String>,
                         change: fn(Option<String>) -> FilterChange| {
        let onchange = props.on_filter.reform(move |e: Event| {
            let v = select_value(e);
            change((!v.is_empty()).then_some(v))
        });
        let total: usize = choices.iter().map(|c| c.count).sum();
        html! {
            <div class="field">
                <label for={field(name)}>{ label }</label>
                <select id={field(name)} {onchange}>
                    <option value="" selected={current.is_none()}>
                        { format!("{any} ({})", thousands(total)) }
                    </option>
                    { for choices.iter().map(|c| html! {
                        <option value={c.value.clone()} selected={current.as_ref() == Some(&c.value)}>
                            { format!("{} ({})", c.value, thousands(c.count)) }
                        </option>
                    }) }
                </select>
            </div>
        }
    };
    let on_text = props
        .on_filter
        .reform(|e: InputEvent| FilterChange::Text(input_value(e)));
    let (min, max) = facets
        .days
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .unzip();
    let day = |label: &str, value: Option<chrono::NaiveDate>, change: fn(_) -> _| {
        let onchange = props.on_filter.reform(move |e: Event| {
            change(parse_day(
                &e.target_unchecked_into::<HtmlInputElement>().value(),
            ))
        });
        html! {
            <input type="date" aria-label={label.to_string()}
                value={value.map(|d| d.to_string()).unwrap_or_default()}
                min={min.clone()} max={max.clone()} {onchange} />
        }
    };
    let sort = props.sort.clone();
    let on_key = {
        let (on_sort, sort) = (props.on_sort.clone(), sort.clone());
        Callback::from(move |e: Event| {
            if let Some(key) = SortKey::from_key(&select_value(e)) {
                on_sort.emit(Sort {
                    key,
                    ..sort.clone()
                });
            }
        })
    };
    let on_direction = {
        let (on_sort, sort) = (props.on_sort.clone(), sort.clone());
        Callback::from(move |e: Event| {
            on_sort.emit(Sort {
                descending: select_value(e) == "desc",
                ..sort.clone()
            })
        })
    };
    let keys = [SortKey::Submitted, SortKey::Total, SortKey::OutsideShare]
        .into_iter()
        .chain(facets.states.iter().cloned().map(SortKey::State));
    let [up, down] = sort.key.direction_words();
    let count = shown_words(props.shown, props.all);
    let reset = props.on_filter.reform(|_: MouseEvent| FilterChange::Reset);
    let unmark = props
        .on_filter
        .reform(|_: MouseEvent| FilterChange::Mark(None));
    let unwindow = props
        .on_filter
        .reform(|_: MouseEvent| FilterChange::During(None));
    html! {
        <form class="job-filters" role="search" aria-label="Sort and filter the jobs"
            onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
            if let Some(marked) = &f.marked {
                <p class="marked" key={marked.label.clone()} ref={banner} tabindex="-1" role="status">
                    { "Selected: " }<strong>{ &marked.label }</strong>
                    { format!(" — {} shown below", words::count(marked.jobs.len(), "job")) }
                    <button type="button" onclick={unmark}>{ "Clear selection" }</button>
                </p>
            }
            if let Some(w) = &f.during {
                <p class="marked during" role="status" data-during={w.selector()}>
                    { "In a state during " }<strong>{ window_words(w) }</strong>
                    { " (brushed on the load chart)" }
                    <button type="button" onclick={unwindow}>{ "Clear window" }</button>
                </p>
            }
            <div class="fields">
                <div class="field grow">
                    <label for={field("text")}>{ "Search" }</label>
                    <input id={field("text")} type="search" value={f.text.clone()}
                        placeholder="name, UUID or app" oninput={on_text} />
                </div>
                { choice_select("app", "App", "All apps", &facets.apps, &f.app, FilterChange::App) }
                { choice_select("system", "System / queue", "All systems", &facets.systems, &f.system, FilterChange::System) }
                { choice_select("status", "Final status", "Any status", &facets.statuses, &f.status, FilterChange::Status) }
                <fieldset class="field dates">
                    <legend>{ "Submitted (days in UTC)" }</legend>
                    <div class="date-pair">
                        { day("Submitted from", f.from, FilterChange::From) }
                        <span aria-hidden="true">{ "to" }</span>
                        { day("Submitted to", f.to, FilterChange::To) }
                    </div>
                </fieldset>
                <div class="field">
                    <label for={field("sort")}>{ "Sort by" }</label>
                    <select id={field("sort")} onchange={on_key}>
                        { for keys.map(|k| html! {
                            <option value={k.key()} selected={k == sort.key}>{ k.label() }</option>
                        }) }
                    </select>
                </div>
                <div class="field">
                    <label for={field("order")}>{ "Order" }</label>
                    <select id={field("order")} onchange={on_direction}>
                        <option value="asc" selected={!sort.descending}>{ up }</option>
                        <option value="desc" selected={sort.descending}>{ down }</option>
                    </select>
                </div>
            </div>
            <div class="filter-status">
                <p class="count" role="status">{ count }</p>
                if f.is_active() {
                    <button type="button" onclick={reset}>{ "Clear filters" }</button>
                }
            </div>
        </form>
    }
}
