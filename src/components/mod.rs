//! One component per file; each renders props and reports intents as callbacks.

mod diagnostics;
mod duration;
mod input_panel;
mod job_view;
mod state_table;
mod timeline_bar;

pub use diagnostics::DiagnosticList;
pub use duration::Duration;
pub use input_panel::InputPanel;
pub use job_view::{JobView, JobViewProps};
pub use state_table::StateTable;
pub use timeline_bar::{state_class, TimelineBar};
