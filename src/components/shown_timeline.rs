use std::cell::Cell;
use std::rc::Rc;

use tapis_profile::report::Report;
use yew::platform::spawn_local;
use yew::prelude::*;

use super::Later;
use crate::edge::tasks::{in_tasks, next_task};
use crate::model::labels::Labels;
use crate::shared::Shared;
use crate::timeline::model::{RowsMaking, TimeRange};
use crate::timeline::{JobTimeline, TimelineRows};

#[derive(PartialEq, Properties)]
pub struct ShownTimelineProps {
    pub report: Shared<Report>,
    /// The jobs the filters show, in the order shown (indices into the report's jobs).
    pub shown: Shared<Vec<usize>>,
    #[prop_or_default]
    pub selected: Option<AttrValue>,
    pub on_select: Callback<AttrValue>,
    #[prop_or_default]
    pub time: Option<TimeRange>,
    #[prop_or_default]
    pub on_time: Callback<TimeRange>,
}

/// The timeline of the jobs shown: their rows made some thousands a task (the last rows
/// shown until then), then the timeline drawn from them in the next, the first time in a
/// `Later` of its own. At 50,000 jobs the rows were ~80–100 ms and the timeline's first
/// render ~70 ms, with the page's own derived data one task (docs/performance.md, P6).
#[function_component(ShownTimeline)]
pub fn shown_timeline(props: &ShownTimelineProps) -> Html {
    let labels = use_memo(props.report.clone(), |report| Labels::of(&report.jobs));
    let rows = use_state_eq(|| None::<TimelineRows>);
    {
        let rows = rows.clone();
        let deps = (props.report.clone(), props.shown.clone(), labels);
        use_effect_with(deps, move |(report, shown, labels)| {
            let gone = Rc::new(Cell::new(false));
            let done = Callback::from(move |made| rows.set(Some(made)));
            let inputs = (report.clone(), shown.clone(), labels.clone());
            spawn_local(make_rows(inputs, gone.clone(), done));
            move || gone.set(true)
        });
    }
    let Some(rows) = (*rows).clone() else {
        return html! { <p class="later" aria-busy="true">{ "Drawing the timeline…" }</p> };
    };
    html! {
        <Later what="Drawing the timeline">
            <JobTimeline {rows} selected={props.selected.clone()}
                on_select={props.on_select.clone()} time={props.time} on_time={props.on_time.clone()} />
        </Later>
    }
}

/// The rows of the jobs shown, some thousands a task, to `done` unless the view has
/// moved on (`gone`).
async fn make_rows(
    (report, shown, labels): (Shared<Report>, Shared<Vec<usize>>, Rc<Labels>),
    gone: Rc<Cell<bool>>,
    done: Callback<TimelineRows>,
) {
    let mut making = RowsMaking::new(&report.jobs, &shown, &labels);
    if in_tasks(&gone, || making.step()).await && next_task(&gone).await {
        done.emit(making.finish());
    }
}
