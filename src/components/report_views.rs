//! Every view of a report (the overview, the filters, the timeline, a job's detail, the views
//! below the timeline) and Live from Tapis, each reached through one function returned by
//! [`report_views`]. In the page's release build (feature `split`) that function is a
//! wasm-split split point: the views' code is a part of the page's wasm of its own, fetched
//! once the page runs, so the first load is the shell, the inputs, the import and the analysis
//! (docs/performance.md, P3). Elsewhere it is an ordinary function.

use yew::prelude::*;

use super::{
    CohortView, CohortViewProps, DataMovementView, DataMovementViewProps, DataQuality,
    DataQualityProps, ExportMenu, ExportMenuProps, GoodputView, GoodputViewProps, IoChecklist,
    IoChecklistProps, JobDetail, JobDetailProps, JobFilters, JobFiltersProps, LiveSlot,
    LiveSlotProps, LoadView, LoadViewProps, NormalView, NormalViewProps, Overview, OverviewProps,
    RecommendationList, RecommendationListProps, ShownTimeline, ShownTimelineProps,
};

/// Each view as a function from its properties to its element (plain functions: calling one
/// needs nothing the first part of the wasm does not have).
#[derive(Clone, Copy)]
pub struct ReportViews {
    pub detail: fn(JobDetailProps) -> Html,
    pub overview: fn(OverviewProps) -> Html,
    pub filters: fn(JobFiltersProps) -> Html,
    pub timeline: fn(ShownTimelineProps) -> Html,
    pub live: fn(LiveSlotProps) -> Html,
    pub recommendations: fn(RecommendationListProps) -> Html,
    pub data_movement: fn(DataMovementViewProps) -> Html,
    pub goodput: fn(GoodputViewProps) -> Html,
    pub normal: fn(NormalViewProps) -> Html,
    pub cohorts: fn(CohortViewProps) -> Html,
    pub load: fn(LoadViewProps) -> Html,
    pub checklist: fn(IoChecklistProps) -> Html,
    pub export: fn(ExportMenuProps) -> Html,
    pub quality: fn(DataQualityProps) -> Html,
}

fn view<C: BaseComponent>(props: C::Properties) -> Html {
    html! { <C ..props /> }
}

fn views() -> ReportViews {
    ReportViews {
        detail: view::<JobDetail>,
        overview: view::<Overview>,
        filters: view::<JobFilters>,
        timeline: view::<ShownTimeline>,
        live: view::<LiveSlot>,
        recommendations: view::<RecommendationList>,
        data_movement: view::<DataMovementView>,
        goodput: view::<GoodputView>,
        normal: view::<NormalView>,
        cohorts: view::<CohortView>,
        load: view::<LoadView>,
        checklist: view::<IoChecklist>,
        export: view::<ExportMenu>,
        quality: view::<DataQuality>,
    }
}

/// The views, their part of the wasm fetched first where it is one of its own.
#[cfg(feature = "split")]
#[wasm_split_helpers::wasm_split(report_views)]
pub fn report_views() -> ReportViews {
    views()
}

/// The views (no part of the wasm to fetch: this build is not split).
#[cfg(not(feature = "split"))]
pub async fn report_views() -> ReportViews {
    views()
}

/// The views where this build has them at once (it is not split: the first render, on the
/// server too, shows them); `None` where [`report_views`] must fetch them first.
pub fn at_once() -> Option<ReportViews> {
    (!cfg!(feature = "split")).then(views)
}
