//! Tapis Job Profiler, the browser app: Yew components over the `tapis-profile`
//! analysis core. See `ARCHITECTURE.md` for the layers and the entry points.
//!
//! The folders say what is pure: `model/` (the page's reducer, what each view shows, the
//! app's words), `live/model/`, `timeline/model/` and `insights/` name no browser crate and
//! are tested natively; `edge/`, `live/{http,runner}.rs` and `timeline/draw.rs` do the I/O;
//! `components/` and the other files of `live/` and `timeline/` render and dispatch.

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
