//! The job timeline as the page shows it: controls, the canvas, the legend,
//! the keyboard help and the accessible table, around one `TimelineState`.

use std::rc::Rc;

use yew::prelude::*;

use super::canvas::TimelineCanvas;
use super::help::Help;
use super::legend::Legend;
use super::model::describe::rows_summary;
use super::model::{range_summary, Intent, TimeRange, TimelineRows, TimelineState};
use super::table::Table;
use super::toolbar::Toolbar;
use crate::ids::use_id;
use crate::model::words;

#[derive(PartialEq, Properties)]
pub struct JobTimelineProps {
    /// The jobs to show, one row each, in this order (sorting and filtering
    /// happen before: give a new `TimelineRows` and the timeline refits).
    pub rows: TimelineRows,
    /// The selected job's id, highlighted.
    #[prop_or_default]
    pub selected: Option<AttrValue>,
    /// The user picked a job (click, Enter, or its name in the table).
    pub on_select: Callback<AttrValue>,
    /// The UTC window the views on the shared time axis show (the page holds it:
    /// the load chart moves it too); followed on an absolute axis.
    #[prop_or_default]
    pub time: Option<TimeRange>,
    /// The timeline's own window moved (zoom, pan, fit, new rows): tell the others.
    #[prop_or_default]
    pub on_time: Callback<TimeRange>,
}

impl Reducible for TimelineState {
    type Action = Intent;

    fn reduce(self: Rc<Self>, intent: Intent) -> Rc<Self> {
        Rc::new((*self).clone().apply(intent))
    }
}

#[function_component(JobTimeline)]
pub fn job_timeline(props: &JobTimelineProps) -> Html {
    let state = use_reducer_eq(|| TimelineState::new(props.rows.clone()));
    let title_id = use_id("tl-title");
    let help_id = use_id("tl-keys");
    {
        let dispatcher = state.dispatcher();
        let current = state.rows().clone();
        use_effect_with(props.rows.clone(), move |rows| {
            if *rows != current {
                dispatcher.dispatch(Intent::SetRows(rows.clone()));
            }
        });
    }
    // The shared time axis: follow the page's window, and tell the page when this
    // view moved by itself (a window it only followed, clamped or not, is not news).
    {
        let (dispatcher, current) = (state.dispatcher(), (*state).clone());
        use_effect_with(props.time, move |time| {
            if let Some(time) = *time {
                if !current.follows(time) {
                    dispatcher.dispatch(Intent::ShowTime(time));
                }
            }
        });
    }
    {
        // On mount the page hears this view's window only if it has none yet.
        let (on_time, time, told) = (props.on_time.clone(), state.shared_time(), props.time);
        use_effect_with(state.moves(), move |moves| {
            if let Some(time) = time.filter(|_| *moves > 0 || told.is_none()) {
                on_time.emit(time);
            }
        });
    }
    // Derived from the rows the state holds (they trail the props by one render).
    let rows = state.rows().clone();
    let states = use_memo(rows.clone(), |rows| rows.states_present());
    let any_open = *use_memo(rows.clone(), |rows| rows.any_open());
    let any_coarse = *use_memo(rows.clone(), |rows| rows.any_coarse());
    let any_stale = *use_memo(rows.clone(), |rows| rows.any_stale());
    let selected = *use_memo((rows.clone(), props.selected.clone()), |(rows, id)| {
        id.as_ref().and_then(|id| rows.position(id))
    });

    let on_intent = {
        let dispatcher = state.dispatcher();
        Callback::from(move |intent: Intent| dispatcher.dispatch(intent))
    };
    let on_select = {
        let (rows, on_select) = (rows.clone(), props.on_select.clone());
        Callback::from(move |row: usize| {
            if let Some(r) = rows.get(row) {
                on_select.emit(AttrValue::from(r.id.to_string()));
            }
        })
    };
    let on_pick = {
        let (on_select, on_intent) = (on_select.clone(), on_intent.clone());
        Callback::from(move |row: usize| {
            on_intent.emit(Intent::FocusRow(row));
            on_select.emit(row);
        })
    };
    let on_page = on_intent.reform(Intent::Page);

    let jobs = rows.len();
    let rows_on_screen = rows_summary(state.geometry().visible_rows(), jobs);
    let selected_label = selected.map(|i| rows[i].label.clone());
    html! {
        <section class="timeline" aria-labelledby={title_id.clone()}>
            <div class="tl-head">
                <h2 id={title_id}>{ "Job timeline" }</h2>
                <span class="tl-count">
                    { words::count(jobs, "job") }
                </span>
            </div>
            <Toolbar mode={state.mode} on_intent={on_intent.clone()} />
            <p class="tl-range" data-start={state.viewport.time.start.to_string()}
                data-end={state.viewport.time.end.to_string()}>
                { "Showing " }<span class="tl-range-text">{ range_summary(state.viewport.time, state.mode) }</span>
                if !rows_on_screen.is_empty() {
                    { " · " }<span class="tl-rows-text">{ rows_on_screen }</span>
                }
            </p>
            <TimelineCanvas state={(*state).clone()} {selected} on_intent={on_intent.clone()}
                on_select={on_select} help_id={help_id.clone()} />
            <Legend states={states.clone()} {any_open} {any_coarse} {any_stale} />
            <Help id={help_id} />
            <p class="tl-selected" role="status">
                if let Some(label) = selected_label {
                    { "Selected: " }<strong>{ label }</strong>
                }
            </p>
            <Table {rows} {states}
                shown={state.page_rows()} page={state.page} page_count={state.page_count()}
                focused={state.focus.map(|f| f.row)} {selected} on_select={on_pick} {on_page} />
        </section>
    }
}
