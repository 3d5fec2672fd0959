//! Every word and number the app writes for a person, in one place: counts with their nouns
//! (`2,000 jobs`, `1 history`), thousands, bytes, node-hours, thresholds in their units, lists
//! of names. It builds on the core's `format` (durations, shares, counts, bytes), which the
//! CLI and the exports use too, so a number reads the same on the page, in a tooltip, in the
//! timeline's picture and in a report. Views and models take their words from here, never
//! from their own helpers.

use tapis_profile::rules::Threshold;

/// Counts with their nouns (`1 job`, `2,000 jobs`, `3 histories`) and the phrases built
/// on them (`these 146 jobs`, `the job`, `all 12 jobs`): the core's, which the CLI and the
/// exports write too.
pub use tapis_profile::format::{
    all, count, format_duration, format_share, noun_for, short_uuid, the, these,
};

/// A moment to the second, UTC (the column or caption says so): `2025-03-01 08:02:47`.
pub fn moment(t: &tapis_profile::time::Timestamp) -> String {
    tapis_profile::time::format_second(t)
}

/// A count with thousands separated: `12,345`.
pub fn thousands(n: usize) -> String {
    tapis_profile::format::format_count(n as u64)
}

/// A size in bytes, in decimal units: `512 B`, `4.2 MB`.
pub fn bytes(b: f64) -> String {
    tapis_profile::rules::format_bytes(b)
}

/// A share (0–1) as a percentage (`64.3 %`), or `—` when it is unknown.
pub fn share_or_dash(share: Option<f64>) -> String {
    share.map_or_else(|| "—".to_string(), format_share)
}

/// Node-hours with a precision that suits their size, thousands separated: `0.42`,
/// `12.5`, `2,469.5`.
pub fn node_hours(v: f64) -> String {
    if v < 10.0 {
        return format!("{v:.2}");
    }
    let text = format!("{v:.1}");
    match text.split_once('.') {
        Some((whole, tenths)) => match whole.parse::<usize>() {
            Ok(n) => format!("{}.{tenths}", thousands(n)),
            Err(_) => text,
        },
        None => text,
    }
}

/// A rule's threshold in its unit: `QUEUE_WAIT_MIN_SECONDS = 30 min`,
/// `STAGING_MIN_SHARE = 20.0 %`, `MANY_FILES = 1,000 files`.
pub fn threshold(t: &Threshold) -> String {
    let value = match t.unit.as_str() {
        "s" => format_duration(t.value),
        "min" => format_duration(t.value * 60.0),
        "share" => format_share(t.value),
        "bytes" => bytes(t.value),
        unit if t.value.fract() == 0.0 && (0.0..1e15).contains(&t.value) => {
            format!("{} {unit}", thousands(t.value as usize))
        }
        unit => format!("{} {unit}", t.value),
    };
    format!("{} = {value}", t.name)
}

/// Names as a sentence says them: `a, b and c`; `a, b and 4 more`.
pub fn list(names: &[String], more: usize) -> String {
    let mut parts: Vec<String> = names.to_vec();
    if more > 0 {
        parts.push(format!("{} more", thousands(more)));
    }
    match parts.len() {
        0 => String::new(),
        1 => parts.remove(0),
        n => format!("{} and {}", parts[..n - 1].join(", "), parts[n - 1]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_separate_thousands_and_agree_with_their_nouns() {
        assert_eq!(count(1, "job"), "1 job");
        assert_eq!(count(24_000, "file"), "24,000 files");
        assert_eq!(count(1, "history"), "1 history");
        assert_eq!(count(3, "outlier job"), "3 outlier jobs");
        assert_eq!(these(1, "job"), "this job");
        assert_eq!(all(1, "job"), "the one job");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn node_hours_read_at_any_size() {
        assert_eq!(node_hours(0.4234), "0.42");
        assert_eq!(node_hours(12.46), "12.5");
        assert_eq!(node_hours(2469.51), "2,469.5");
        assert_eq!(node_hours(1_234_567.0), "1,234,567.0");
    }

    #[test]
    fn thresholds_read_in_their_units() {
        let t = |name: &str, value: f64, unit: &str| Threshold {
            name: name.into(),
            value,
            unit: unit.into(),
        };
        assert_eq!(threshold(&t("A", 1800.0, "s")), "A = 30 min");
        assert_eq!(threshold(&t("B", 0.25, "share")), "B = 25.0 %");
        assert_eq!(threshold(&t("C", 60.0, "min")), "C = 1 h");
        assert_eq!(threshold(&t("D", 1000.0, "files")), "D = 1,000 files");
        assert_eq!(threshold(&t("E", 1_048_576.0, "bytes")), "E = 1.0 MB");
        assert_eq!(threshold(&t("F", 1.5, "x")), "F = 1.5 x");
    }

    #[test]
    fn lists_read_like_sentences() {
        let names = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(list(&names(&[]), 0), "");
        assert_eq!(list(&names(&["a"]), 0), "a");
        assert_eq!(list(&names(&["a", "b", "c"]), 0), "a, b and c");
        assert_eq!(list(&names(&["a", "b"]), 4), "a, b and 4 more");
        assert_eq!(list(&names(&["a"]), 1_500), "a and 1,500 more");
    }

    #[test]
    fn unknown_shares_are_a_dash() {
        assert_eq!(share_or_dash(Some(0.5)), "50.0 %");
        assert_eq!(share_or_dash(None), "—");
    }
}
