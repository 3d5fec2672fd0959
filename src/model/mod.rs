//! The page's model: pure Rust, no browser, natively tested. `page_reducer` is everything
//! the page knows and every way it changes (one `Action` enum, one reducer on the core's
//! pipeline); the rest derive what each view shows from it: `query` (which jobs, in what
//! order, the filters' facets), `totals` (the overview's sums), `quality` (the data-quality
//! groups), `loaded` (the list of loaded inputs), `labels` (what each job is called). `app.rs` memoises them; the components
//! render them. `words` is the one home of the words and numbers every view writes;
//! `colours` names the style sheet's colour of each state and bucket. `theme` (light or
//! dark) and `sections` (the compact embedded layout's parts) say how the page is shown.

pub mod colours;
pub mod exports;
pub mod job_facts;
pub mod labels;
pub mod loaded;
pub mod page_reducer;
pub mod quality;
pub mod query;
pub mod sections;
pub mod theme;
pub mod totals;
pub mod transfer_parts;
pub mod words;
