//! "Now" for the panel's edge code: the browser's clock in wasm, the system's natively (so
//! components also render in the server renderer of the native tests). Pure modules take
//! the time as an argument instead.

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
