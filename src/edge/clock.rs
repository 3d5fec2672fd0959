//! "Now", read at the edge, for the page and the live panel alike: the core never reads the
//! clock (its results must be reproducible) and the models are pure, so the time is read here
//! and passed in (an action's `SetClock`, an argument). The browser's clock in wasm, the
//! system's natively, so components also render in the native tests' server renderer.

use chrono::NaiveDateTime;
use tapis_profile::time::Timestamp;

/// The current time, to the millisecond.
pub fn now() -> Timestamp {
    #[cfg(target_arch = "wasm32")]
    {
        // chrono's own clock needs its `wasmbind` feature; the browser's is at hand.
        chrono::DateTime::from_timestamp_millis(now_ms() as i64).unwrap_or_default()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        chrono::Utc::now()
    }
}

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Date::now()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    }
}

/// Seconds since the Unix epoch.
pub fn now_s() -> i64 {
    (now_ms() / 1000.0) as i64
}

/// The user's local time now, for file names.
pub fn local_now() -> NaiveDateTime {
    #[cfg(target_arch = "wasm32")]
    {
        use chrono::NaiveDate;
        let d = js_sys::Date::new_0();
        NaiveDate::from_ymd_opt(d.get_full_year() as i32, d.get_month() + 1, d.get_date())
            .and_then(|day| day.and_hms_opt(d.get_hours(), d.get_minutes(), d.get_seconds()))
            .unwrap_or_default()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        chrono::Local::now().naive_local()
    }
}
