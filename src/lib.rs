//! Tapis Job Profiler, the browser app: Yew components over the `tapis-profile`
//! analysis core. See `ARCHITECTURE.md` for the layers and the entry points.

mod app;
#[cfg(feature = "bench")]
pub mod bench;
pub mod clock;
pub mod components;
mod download;
pub mod embed;
mod fetch;
mod files;
pub mod ids;
pub mod insights;
pub mod live;
pub mod model;
mod parse_worker;
pub mod props;
#[cfg(test)]
mod purity;
pub mod shared;
pub mod timeline;

pub use app::App;
pub use props::AppProps;
