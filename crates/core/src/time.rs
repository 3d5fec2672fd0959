//! Instants as Tapis writes them.

use chrono::{DateTime, SecondsFormat, Utc};

/// An instant in UTC. Tapis writes RFC 3339 with 0, 3, 6 or 9 fractional digits.
pub type Timestamp = DateTime<Utc>;

/// Reads an RFC 3339 timestamp with any number of fractional digits and either
/// `Z` or a numeric offset; `None` when the text is not one.
pub fn parse_timestamp(text: &str) -> Option<Timestamp> {
    DateTime::parse_from_rfc3339(text.trim())
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// RFC 3339 in UTC with `Z` and as many fraction digits as needed (0, 3, 6
/// or 9), as Tapis writes it; [`parse_timestamp`] reads it back exactly.
pub fn format_timestamp(t: &Timestamp) -> String {
    t.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

/// Seconds from `start` to `end` (negative when `end` is earlier), to the microsecond.
pub fn seconds_between(start: Timestamp, end: Timestamp) -> f64 {
    let delta = end - start;
    match delta.num_microseconds() {
        Some(us) => us as f64 / 1e6,
        None => delta.num_milliseconds() as f64 / 1e3,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_fraction_length_and_offsets() {
        let base = parse_timestamp("2025-05-07T22:15:18Z").unwrap();
        for (text, micros) in [
            ("2025-05-07T22:15:18.083Z", 83_000),
            ("2025-05-07T22:15:18.083053Z", 83_053),
            ("2025-05-07T22:15:18.083053445Z", 83_053),
            ("2025-05-07T23:15:18.083053+01:00", 83_053),
        ] {
            let t = parse_timestamp(text).unwrap_or_else(|| panic!("{text}"));
            assert_eq!((t - base).num_microseconds(), Some(micros), "{text}");
        }
        assert_eq!(parse_timestamp("yesterday"), None);
        assert_eq!(parse_timestamp(""), None);
    }
}
