//! Instants as Tapis writes them.

use chrono::{DateTime, Datelike, NaiveDate, SecondsFormat, Timelike, Utc};

/// An instant in UTC. Tapis writes RFC 3339 with 0, 3, 6 or 9 fractional digits.
pub type Timestamp = DateTime<Utc>;

/// Reads an RFC 3339 timestamp with any number of fractional digits and either
/// `Z` or a numeric offset; `None` when the text is not one.
pub fn parse_timestamp(text: &str) -> Option<Timestamp> {
    let text = crate::texts::trimmed(text);
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

/// `2025-03-01`: a day as every view, file and query writes it (chrono's `%Y-%m-%d`,
/// written by hand: chrono's strftime machinery is ~30 KB of the page's wasm).
pub fn format_date(d: &impl Datelike) -> String {
    let mut out = String::with_capacity(10);
    push_date(&mut out, d, "-");
    out
}

/// `2025-03-01 08:02`: to the minute (`%Y-%m-%d %H:%M`).
pub fn format_minute<T: Datelike + Timelike>(t: &T) -> String {
    date_and_minute(t, "-", ' ', ":")
}

/// `2025-03-01 08:02:47`: to the second (`%Y-%m-%d %H:%M:%S`; a leap second is `:60`).
pub fn format_second<T: Datelike + Timelike>(t: &T) -> String {
    let mut out = format_minute(t);
    push_seconds(&mut out, t);
    out
}

/// `20250301-0802`: to the minute with no separators but one, for file names
/// (`%Y%m%d-%H%M`).
pub fn format_compact_minute<T: Datelike + Timelike>(t: &T) -> String {
    date_and_minute(t, "", '-', "")
}

/// `2025-03-01T08:02:47.083053Z`: six fraction digits, finer ones cut
/// (`%Y-%m-%dT%H:%M:%S%.6fZ`).
pub fn format_micros(t: &Timestamp) -> String {
    let mut out = date_and_minute(t, "-", 'T', ":");
    push_seconds(&mut out, t);
    let micros = (t.nanosecond() % 1_000_000_000 / 1_000).to_string();
    out.push('.');
    out.extend(std::iter::repeat_n('0', 6 - micros.len()));
    out.push_str(&micros);
    out.push('Z');
    out
}

/// The date as `%Y%m%d` with `separator` between the fields; the year as `%Y` writes
/// it: four digits, a sign outside 0–9999.
fn push_date(out: &mut String, d: &impl Datelike, separator: &str) {
    let year = d.year();
    if (0..=9999).contains(&year) {
        let digits = year.to_string();
        out.extend(std::iter::repeat_n('0', 4 - digits.len()));
        out.push_str(&digits);
    } else {
        let digits = year.unsigned_abs().to_string();
        out.push(if year < 0 { '-' } else { '+' });
        out.extend(std::iter::repeat_n(
            '0',
            4usize.saturating_sub(digits.len()),
        ));
        out.push_str(&digits);
    }
    out.push_str(separator);
    push_two(out, d.month());
    out.push_str(separator);
    push_two(out, d.day());
}

/// The date, `between`, then hours and minutes: what every form above starts with.
fn date_and_minute<T: Datelike + Timelike>(
    t: &T,
    date_separator: &str,
    between: char,
    time_separator: &str,
) -> String {
    let mut out = String::with_capacity(27);
    push_date(&mut out, t, date_separator);
    out.push(between);
    push_two(&mut out, t.hour());
    out.push_str(time_separator);
    push_two(&mut out, t.minute());
    out
}

/// `:47`, or `:60` in a leap second.
fn push_seconds(out: &mut String, t: &impl Timelike) {
    out.push(':');
    push_two(out, t.second() + t.nanosecond() / 1_000_000_000);
}

/// Two digits, zero-padded (every field but the year is under 100).
fn push_two(out: &mut String, n: u32) {
    out.push(char::from(b'0' + (n / 10 % 10) as u8));
    out.push(char::from(b'0' + (n % 10) as u8));
}

/// Reads a day as chrono's `%Y-%m-%d` does (the date inputs, the cohort
/// selectors, Tapis's listing form): optional space before each number, the year
/// signed or up to four digits, month and day one or two digits.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let (year, rest) = year_of(text.trim_start())?;
    let (month, rest) = number(rest.strip_prefix('-')?.trim_start(), 2)?;
    let (day, rest) = number(rest.strip_prefix('-')?.trim_start(), 2)?;
    if !rest.is_empty() {
        return None;
    }
    NaiveDate::from_ymd_opt(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

fn year_of(text: &str) -> Option<(i32, &str)> {
    let (value, rest) = if let Some(digits) = text.strip_prefix('-') {
        let (v, rest) = number(digits, usize::MAX)?;
        (-v, rest)
    } else if let Some(digits) = text.strip_prefix('+') {
        number(digits, usize::MAX)?
    } else {
        number(text, 4)?
    };
    Some((i32::try_from(value).ok()?, rest))
}

/// At least one and at most `max` ASCII digits; `None` on overflow.
fn number(text: &str, max: usize) -> Option<(i64, &str)> {
    let len = text
        .bytes()
        .take(max)
        .take_while(u8::is_ascii_digit)
        .count();
    if len == 0 {
        return None;
    }
    let value = text.as_bytes()[..len].iter().try_fold(0i64, |acc, &c| {
        acc.checked_mul(10)?.checked_add(i64::from(c - b'0'))
    })?;
    Some((value, &text[len..]))
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
    let seconds = end.timestamp() - start.timestamp(); // at most ~1.7e13: no overflow
    if seconds.unsigned_abs() < 9_000_000_000 {
        // Within ~285 years the nanoseconds fit an i64: the same truncating division as
        // below, without 128-bit division (a library call, ~60 instructions).
        let nanos = seconds * 1_000_000_000 + (i64::from(e) - i64::from(s));
        return (nanos / 1_000) as f64 / 1e6;
    }
    let nanos = i128::from(seconds) * 1_000_000_000 + (i128::from(e) - i128::from(s));
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

    /// Instants across the calendar: leap days, years before 0 and after 9999, leap
    /// seconds, every fraction length, with local fields under negative offsets too.
    fn instants() -> Vec<DateTime<Utc>> {
        let mut rng = crate::rng::Rng::new(19);
        let mut out: Vec<DateTime<Utc>> = [
            "2024-02-29T23:59:59.999999999Z",
            "2000-02-29T00:00:00Z",
            "1900-03-01T12:00:00.5Z",
            "2016-12-31T23:59:60.5Z",
            "0000-01-01T00:00:00Z",
            "9999-12-31T23:59:59.000001Z",
        ]
        .iter()
        .map(|s| parse_timestamp(s).unwrap())
        .collect();
        out.extend([DateTime::<Utc>::MIN_UTC, DateTime::<Utc>::MAX_UTC]);
        for _ in 0..20_000 {
            let secs = (rng.next_u64() % 8_000_000_000_000) as i64 - 4_000_000_000_000;
            let secs = secs / [1, 1_000, 100_000][rng.below(3)];
            let nanos = [
                0,
                rng.below(1_000) as u32 * 1_000_000,
                rng.below(1_000_000_000) as u32,
            ][rng.below(3)];
            out.push(DateTime::from_timestamp(secs, nanos).unwrap());
        }
        out
    }

    #[test]
    fn hand_formatting_is_chronos_strftime() {
        use chrono::FixedOffset;
        let offsets = [0, -5 * 3_600, -(9 * 3_600 + 30 * 60), 14 * 3_600];
        for (i, t) in instants().into_iter().enumerate() {
            assert_eq!(format_date(&t), t.format("%Y-%m-%d").to_string());
            assert_eq!(
                format_date(&t.date_naive()),
                t.format("%Y-%m-%d").to_string()
            );
            assert_eq!(format_second(&t), t.format("%Y-%m-%d %H:%M:%S").to_string());
            assert_eq!(
                format_micros(&t),
                t.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
            );
            if t == DateTime::<Utc>::MIN_UTC || t == DateTime::<Utc>::MAX_UTC {
                continue; // no local time past chrono's range
            }
            let offset = FixedOffset::east_opt(offsets[i % offsets.len()]).unwrap();
            let local = t.with_timezone(&offset);
            let naive = local.naive_local();
            assert_eq!(
                format_minute(&local),
                local.format("%Y-%m-%d %H:%M").to_string()
            );
            assert_eq!(
                format_compact_minute(&naive),
                naive.format("%Y%m%d-%H%M").to_string()
            );
            assert_eq!(
                format_second(&naive),
                naive.format("%Y-%m-%d %H:%M:%S").to_string()
            );
        }
    }

    #[test]
    fn reads_dates_as_chronos_parser() {
        let mut texts: Vec<String> = [
            "2025-03-01",
            "2025-3-1",
            " 2025-03-01",
            "2025 -03-01",
            "2025-03-01 ",
            "2024-02-29",
            "2023-02-29",
            "+12025-01-01",
            "-0044-03-15",
            "-44-3-15",
            "12025-01-01",
            "2025-13-01",
            "2025-00-10",
            "2025-01-001",
            "2025/01/01",
            "",
            "-",
            "+",
            "2025-",
            "2025-01-",
            "99999999999999999999-01-01",
            "+99999999999-01-01",
            "٢٠٢٥-01-01",
            "2025-01-01x",
            "\u{3000}2025-01-01",
            "0-1-1",
        ]
        .map(String::from)
        .into();
        let mut rng = crate::rng::Rng::new(3);
        let alphabet = b"0123456789-+ 0123456789";
        for _ in 0..20_000 {
            let len = rng.below(13);
            texts.push(
                (0..len)
                    .map(|_| char::from(alphabet[rng.below(alphabet.len())]))
                    .collect(),
            );
        }
        for t in instants().iter().step_by(7) {
            texts.push(t.format("%Y-%m-%d").to_string());
        }
        for text in &texts {
            assert_eq!(
                parse_date(text),
                NaiveDate::parse_from_str(text, "%Y-%m-%d").ok(),
                "{text:?}"
            );
        }
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
        // Either side of where the 64-bit path ends (9e9 seconds apart).
        let start = DateTime::from_timestamp(-4_000_000_000, 999_999_999).unwrap();
        for apart in [8_999_999_999, 9_000_000_000, 9_000_000_001] {
            let end = DateTime::from_timestamp(-4_000_000_000 + apart, 0).unwrap();
            assert_eq!(
                seconds_between(start, end),
                chrono_seconds_between(start, end)
            );
            assert_eq!(
                seconds_between(end, start),
                chrono_seconds_between(end, start)
            );
        }
        let leap = parse_timestamp("2016-12-31T23:59:60.5Z").unwrap();
        let after = parse_timestamp("2017-01-01T00:00:01Z").unwrap();
        assert_eq!(
            seconds_between(leap, after),
            chrono_seconds_between(leap, after)
        );
    }
}
