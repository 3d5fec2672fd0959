//! Tapis Job Profiler, the browser app: Yew components over the `tapis-profile`
//! analysis core. See `ARCHITECTURE.md` for the layers and the entry points.

mod app;
#[cfg(feature = "bench")]
pub mod bench;
pub mod components;
mod edge;
pub mod embed;
pub mod ids;
pub mod insights;
pub mod live;
pub mod model;
pub mod props;
pub mod shared;
pub mod timeline;

pub use app::App;
pub use props::AppProps;
