//! Instants as Tapis writes them.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};

/// An instant in UTC. Tapis writes RFC 3339 with 0, 3, 6 or 9 fractional digits.
pub type Timestamp = DateTime<Utc>;

/// Reads an RFC 3339 timestamp with any number of fractional digits and either
/// `Z` or a numeric offset; `None` when the text is not one.
pub fn parse_timestamp(text: &str) -> Option<Timestamp> {
    let text = text.trim();
    fast_utc(text.as_bytes()).or_else(|| {
        DateTime::parse_from_rfc3339(text)
            .ok()
            .map(|t| t.with_timezone(&Utc))
    })
}

/// The shape Tapis always writes, `YYYY-MM-DDTHH:MM:SS[.f{1,9}]Z`, read without
/// chrono's general parser (a hot path: every event has one). Anything else,
/// offsets included, falls back to chrono.
fn fast_utc(b: &[u8]) -> Option<Timestamp> {
    if b.len() < 20
        || b[4] != b'-'
        || b[7] != b'-'
        || b[10] != b'T'
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |acc, &c| {
            c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
        })
    };
    let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (hour, minute, second) = (num(11..13)?, num(14..16)?, num(17..19)?);
    let mut nanos = 0u32;
    let mut i = 19;
    if b[i] == b'.' {
        i += 1;
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            if i - start >= 9 {
                return None;
            }
            nanos = nanos * 10 + u32::from(b[i] - b'0');
            i += 1;
        }
        if i == start {
            return None;
        }
        nanos *= 10u32.pow(9 - (i - start) as u32);
    }
    if i + 1 != b.len() || b[i] != b'Z' || second > 59 {
        return None;
    }
    let t = NaiveDate::from_ymd_opt(year as i32, month, day)?
        .and_hms_nano_opt(hour, minute, second, nanos)?;
    Some(t.and_utc())
}

/// RFC 3339 in UTC with `Z` and as many fraction digits as needed (0, 3, 6
/// or 9), as Tapis writes it; [`parse_timestamp`] reads it back exactly.
pub fn format_timestamp(t: &Timestamp) -> String {
    t.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

/// Seconds from `start` to `end` (negative when `end` is earlier), to the microsecond.
///
/// The same number as `(end - start).num_microseconds()`, from Unix seconds and
/// nanoseconds: chrono's `end - start` works through calendar dates, and the
/// analysis takes thousands of these per job list.
pub fn seconds_between(start: Timestamp, end: Timestamp) -> f64 {
    let (s, e) = (start.timestamp_subsec_nanos(), end.timestamp_subsec_nanos());
    if s >= 1_000_000_000 || e >= 1_000_000_000 {
        return chrono_seconds_between(start, end); // a leap second: chrono's rules
    }
    let nanos = (i128::from(end.timestamp()) - i128::from(start.timestamp())) * 1_000_000_000
        + (i128::from(e) - i128::from(s));
    match i64::try_from(nanos / 1_000) {
        Ok(us) => us as f64 / 1e6,
        Err(_) => (nanos / 1_000_000) as f64 / 1e3,
    }
}

fn chrono_seconds_between(start: Timestamp, end: Timestamp) -> f64 {
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
        assert_eq!(parse_timestamp("2025-05-07T22:15:18.Z"), None);
        assert_eq!(parse_timestamp("2025-02-30T22:15:18Z"), None);
        // Both parsers agree wherever the fast one answers.
        for text in [
            "2025-05-07T22:15:18Z",
            "2021-07-21T19:30:04.616Z",
            "2026-02-10T17:18:03.777231186Z",
        ] {
            let chrono = DateTime::parse_from_rfc3339(text)
                .unwrap()
                .with_timezone(&Utc);
            assert_eq!(parse_timestamp(text), Some(chrono), "{text}");
        }
        assert_eq!(parse_timestamp(""), None);
    }

    #[test]
    fn seconds_between_is_chronos_difference() {
        let mut rng = crate::rng::Rng::new(11);
        let at = |rng: &mut crate::rng::Rng| {
            let secs = (rng.next_u64() % 8_000_000_000_000) as i64 - 4_000_000_000_000;
            let nanos = if rng.chance(0.3) {
                0
            } else {
                rng.below(1_000_000_000) as u32
            };
            DateTime::from_timestamp(secs / if rng.chance(0.5) { 1 } else { 1000 }, nanos).unwrap()
        };
        for _ in 0..20_000 {
            let (a, b) = (at(&mut rng), at(&mut rng));
            assert_eq!(
                seconds_between(a, b),
                chrono_seconds_between(a, b),
                "{a} {b}"
            );
            assert_eq!(
                seconds_between(b, a),
                chrono_seconds_between(b, a),
                "{b} {a}"
            );
        }
        let min = DateTime::<Utc>::MIN_UTC;
        let max = DateTime::<Utc>::MAX_UTC;
        assert_eq!(seconds_between(min, max), chrono_seconds_between(min, max));
        assert_eq!(seconds_between(max, min), chrono_seconds_between(max, min));
        let leap = parse_timestamp("2016-12-31T23:59:60.5Z").unwrap();
        let after = parse_timestamp("2017-01-01T00:00:01Z").unwrap();
        assert_eq!(
            seconds_between(leap, after),
            chrono_seconds_between(leap, after)
        );
    }
}
