use tapis_profile::report::Report;
use yew::prelude::*;

use super::Later;
use crate::model::labels::Labels;
use crate::shared::Shared;
use crate::timeline::model::TimeRange;
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

/// The timeline of the jobs shown: their rows made in a task of their own, then the
/// timeline drawn from them in the next (a `Later` of its own, which goes first). At
/// 50,000 jobs the rows are ~90 ms and the timeline's first render ~70 ms: with the
/// page's own derived data they were one task (docs/performance.md, P6).
#[function_component(ShownTimeline)]
pub fn shown_timeline(props: &ShownTimelineProps) -> Html {
    let labels = use_memo(props.report.clone(), |report| Labels::of(&report.jobs));
    let rows = use_memo(
        (props.report.clone(), props.shown.clone(), labels),
        |(report, shown, labels)| TimelineRows::of_shown(&report.jobs, shown, labels),
    );
    html! {
        <Later what="Drawing the timeline">
            <JobTimeline rows={(*rows).clone()} selected={props.selected.clone()}
                on_select={props.on_select.clone()} time={props.time} on_time={props.on_time.clone()} />
        </Later>
    }
}
