//! One component per file; each renders props and reports intents as callbacks.

mod bucket_bar;
mod diagnostics;
mod distribution_plot;
mod duration;
mod export_menu;
mod group_table;
mod input_panel;
mod io_checklist;
mod job_view;
mod normal_stats;
mod normal_view;
mod outlier_list;
mod recommendation_list;
mod state_table;
mod timeline_bar;

pub use bucket_bar::{bucket_class, BucketBar};
pub use diagnostics::DiagnosticList;
pub use distribution_plot::DistributionPlot;
pub use duration::Duration;
pub use export_menu::{ExportMenu, ExportMenuProps};
pub use group_table::GroupTable;
pub use input_panel::InputPanel;
pub use io_checklist::{IoChecklist, IoChecklistProps};
pub use job_view::{JobView, JobViewProps};
pub use normal_stats::NormalStats;
pub use normal_view::{NormalView, NormalViewProps};
pub use outlier_list::OutlierList;
pub use recommendation_list::{RecommendationList, RecommendationListProps};
pub use state_table::{breakable, StateTable};
pub use timeline_bar::{state_class, TimelineBar};
