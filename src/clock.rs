//! "Now", read at the edge: the core never reads the clock (it must be reproducible)
//! and the reducer is pure, so the app reads it here and passes it in an action.

use tapis_profile::time::Timestamp;

/// The current time, to the millisecond.
pub fn now() -> Timestamp {
    #[cfg(target_arch = "wasm32")]
    {
        // chrono's own clock needs its `wasmbind` feature; the browser's is at hand.
        let millis = js_sys::Date::now() as i64;
        chrono::DateTime::from_timestamp_millis(millis).unwrap_or_default()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        chrono::Utc::now()
    }
}
