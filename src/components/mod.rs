//! One component per file; each renders props and reports intents as callbacks.

mod bucket_bar;
mod clear_all;
mod data_quality;
mod diagnostics;
mod drop_zone;
mod duration;
mod input_list;
mod input_panel;
mod job_detail;
mod job_filters;
mod live_slot;
mod overview;
mod state_table;
mod timeline_bar;

pub use bucket_bar::{bucket_class, BucketBar, BucketBarProps};
pub use clear_all::{ClearAll, ClearAllProps};
pub use data_quality::{DataQuality, DataQualityProps};
pub use diagnostics::{DiagnosticList, DiagnosticListProps};
pub use drop_zone::{DropZone, DropZoneProps};
pub use duration::Duration;
pub use input_list::{InputList, InputListProps};
pub use input_panel::{InputPanel, InputPanelProps};
pub use job_detail::{JobDetail, JobDetailProps};
pub use job_filters::{JobFilters, JobFiltersProps};
pub use live_slot::{LiveSlot, LiveSlotProps};
pub use overview::{format_node_hours, Overview, OverviewProps};
pub use state_table::{StateTable, StateTableProps};
pub use timeline_bar::{state_class, TimelineBar, TimelineBarProps};
