//! Words the insight views share: thresholds in their units, lists of jobs by
//! name, counts with their nouns.

use tapis_profile::format::{format_duration, format_share};
use tapis_profile::report::Report;
use tapis_profile::rules::{format_bytes, Threshold};

use super::normal::job_label;

/// `QUEUE_WAIT_MIN_SECONDS = 30 min`, `STAGING_MIN_SHARE = 20.0 %`.
pub fn threshold_text(t: &Threshold) -> String {
    let value = match t.unit.as_str() {
        "s" => format_duration(t.value),
        "min" => format_duration(t.value * 60.0),
        "share" => format_share(t.value),
        "bytes" => format_bytes(t.value),
        unit => format!("{} {unit}", t.value),
    };
    format!("{} = {value}", t.name)
}

/// `3 jobs`, `1 job`.
pub fn count(n: usize, noun: &str) -> String {
    let n_text = tapis_profile::format::format_count(n as u64);
    format!("{n_text} {noun}{}", if n == 1 { "" } else { "s" })
}

/// The names of the first `max` jobs of `uuids` (as `report` knows them), and
/// how many more there are.
pub fn job_names(report: &Report, uuids: &[String], max: usize) -> (Vec<String>, usize) {
    let names = uuids
        .iter()
        .take(max)
        .map(|u| report.job(u).map_or_else(|| u.clone(), job_label))
        .collect();
    (names, uuids.len().saturating_sub(max))
}

/// `a, b and c`; `a, b, c and 4 more`.
pub fn list(names: &[String], more: usize) -> String {
    let mut parts: Vec<String> = names.to_vec();
    if more > 0 {
        parts.push(format!("{more} more"));
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
    fn thresholds_read_in_their_units() {
        let t = |name: &str, value: f64, unit: &str| Threshold {
            name: name.into(),
            value,
            unit: unit.into(),
        };
        assert_eq!(threshold_text(&t("A", 1800.0, "s")), "A = 30 min");
        assert_eq!(threshold_text(&t("B", 0.25, "share")), "B = 25.0 %");
        assert_eq!(threshold_text(&t("C", 60.0, "min")), "C = 1 h");
        assert_eq!(threshold_text(&t("D", 1000.0, "files")), "D = 1000 files");
        assert!(threshold_text(&t("E", 1048576.0, "bytes")).contains("MB"));
    }

    #[test]
    fn lists_read_like_sentences() {
        let names = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(list(&names(&["a"]), 0), "a");
        assert_eq!(list(&names(&["a", "b", "c"]), 0), "a, b and c");
        assert_eq!(list(&names(&["a", "b"]), 4), "a, b and 4 more");
        assert_eq!(count(1, "job"), "1 job");
        assert_eq!(count(2, "job"), "2 jobs");
        assert_eq!(count(2000, "job"), "2,000 jobs");
    }
}
