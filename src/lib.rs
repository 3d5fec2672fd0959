//! Tapis Job Profiler, the browser app: Yew components over the `tapis-profile`
//! analysis core. See `ARCHITECTURE.md` for the layers and the entry points.

mod app;
pub mod components;
pub mod embed;
mod fetch;
pub mod live;
pub mod props;
pub mod state;
pub mod timeline;

pub use app::App;
pub use props::AppProps;
