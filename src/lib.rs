//! Tapis Job Profiler, the browser app: Yew components over the `tapis-profile`
//! analysis core. See `ARCHITECTURE.md` for the layers.

mod app;
pub mod components;
pub mod state;
pub mod timeline;

pub use app::App;
