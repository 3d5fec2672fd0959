//! Words and numbers as a person reads them, written one way for every view, the
//! CLI and every export: durations in human units, counts with thousands
//! separated, shares in percent, bytes in decimal units, plurals, shortened text.

/// A duration in human units that never hides the larger ones:
/// `25.8 s`, `3 min 35 s`, `1 h 50 min`, `3 d 4 h`.
pub fn format_duration(seconds: f64) -> String {
    if !seconds.is_finite() {
        return "—".to_string();
    }
    let sign = if seconds < 0.0 { "−" } else { "" };
    let s = seconds.abs();
    if s < 60.0 {
        // One decimal, but never round 59.96 up to "60.0 s".
        let tenths = (s * 10.0).round() / 10.0;
        if tenths < 60.0 {
            return format!("{sign}{tenths:.1} s");
        }
    }
    let whole = s.round() as u64;
    let (d, h, m, sec) = (
        whole / 86_400,
        whole / 3_600 % 24,
        whole / 60 % 60,
        whole % 60,
    );
    let text = if d > 0 {
        // Days are the one unit without a bound: "1,372 d" as counts are written.
        pair_text(&format_count(d), "d", h, "h")
    } else if h > 0 {
        pair(h, "h", m, "min")
    } else {
        pair(m, "min", sec, "s")
    };
    format!("{sign}{text}")
}

fn pair(big: u64, big_unit: &str, small: u64, small_unit: &str) -> String {
    pair_text(&big.to_string(), big_unit, small, small_unit)
}

fn pair_text(big: &str, big_unit: &str, small: u64, small_unit: &str) -> String {
    if small == 0 {
        format!("{big} {big_unit}")
    } else {
        format!("{big} {big_unit} {small} {small_unit}")
    }
}

/// A difference of durations with its sign: `+2 min`, `−25.8 s`, `0.0 s` (never
/// a signed zero).
pub fn format_difference(seconds: f64) -> String {
    if seconds.abs() < 0.05 {
        "0.0 s".to_string()
    } else if seconds > 0.0 {
        format!("+{}", format_duration(seconds))
    } else {
        format_duration(seconds)
    }
}

/// A count with thousands separated, as the page and the reports write it: `1,486`.
pub fn format_count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A count and its noun, the count as [`format_count`] writes it: `1 job`,
/// `24,000 files`, `3 histories`.
pub fn count(n: usize, noun: &str) -> String {
    format!("{} {}", format_count(n as u64), noun_for(n, noun))
}

/// The noun as `n` of them are called: `job` for one, `jobs` for any other
/// number (`history` → `histories`, `process` → `processes`).
pub fn noun_for(n: usize, noun: &str) -> String {
    if n == 1 {
        return noun.to_string();
    }
    let before_y = noun.strip_suffix('y').and_then(|stem| stem.chars().last());
    match before_y {
        Some(c) if !"aeiou".contains(c) => format!("{}ies", &noun[..noun.len() - 1]),
        _ if noun.ends_with(['s', 'x']) || noun.ends_with("ch") || noun.ends_with("sh") => {
            format!("{noun}es")
        }
        _ => format!("{noun}s"),
    }
}

/// Some jobs pointed at: `this job`, `these 146 jobs`.
pub fn these(n: usize, noun: &str) -> String {
    match n {
        1 => format!("this {noun}"),
        _ => format!("these {}", count(n, noun)),
    }
}

/// A whole set: `the job`, `the 146 jobs` (never `the 1 job`).
pub fn the(n: usize, noun: &str) -> String {
    match n {
        1 => format!("the {noun}"),
        _ => format!("the {}", count(n, noun)),
    }
}

/// Every one of a set: `the one job`, `all 2,000 jobs` (never `all 1 job`).
pub fn all(n: usize, noun: &str) -> String {
    match n {
        1 => format!("the one {noun}"),
        _ => format!("all {}", count(n, noun)),
    }
}

/// Bytes in decimal units as storage is sold: `2.9 MB`.
pub fn format_bytes(b: f64) -> String {
    const UNITS: [&str; 5] = ["B", "kB", "MB", "GB", "TB"];
    let mut v = b;
    let mut u = 0;
    while v >= 1000.0 && u < UNITS.len() - 1 {
        v /= 1000.0;
        u += 1;
    }
    if u == 0 {
        format!("{v:.0} B")
    } else {
        format!("{v:.1} {}", UNITS[u])
    }
}

/// `text` cut to `max` characters, "…" marking the cut.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let cut: String = text.chars().take(max).collect();
        format!("{cut}…")
    }
}

/// Text from the data with its control characters written out (`\n`,
/// `\u{1b}`): shown, never acted on, so a job's name cannot break a table's line
/// or send a terminal an escape sequence.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Node-hours or SUs with the precision their size needs: `0.014`, `2.50`,
/// `40.7`, `2,234`.
pub fn format_hours(v: f64) -> String {
    let a = v.abs();
    if !v.is_finite() {
        "—".to_string()
    } else if a >= 1000.0 {
        format!(
            "{}{}",
            if v < 0.0 { "−" } else { "" },
            format_count(a.round() as u64)
        )
    } else if a >= 10.0 {
        format!("{v:.1}")
    } else if a >= 0.1 || a == 0.0 {
        format!("{v:.2}")
    } else {
        format!("{v:.3}")
    }
}

/// A share (0–1) as a percentage with one decimal: `64.3 %`.
pub fn format_share(share: f64) -> String {
    if share.is_finite() {
        format!("{:.1} %", share * 100.0)
    } else {
        "—".to_string()
    }
}

/// The first 8 characters of a UUID (`4dfa35e1`): enough to tell jobs apart on
/// screen. Anything that is not a UUID is kept whole.
pub fn short_uuid(uuid: &str) -> &str {
    if uuid.len() > 8 && uuid.as_bytes()[8] == b'-' {
        &uuid[..8]
    } else {
        uuid
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_written_out() {
        assert_eq!(printable("plain é"), "plain é");
        assert_eq!(
            printable("\u{1b}[31mred\u{1b}[0m a\nb\tc\u{7f}"),
            "\\u{1b}[31mred\\u{1b}[0m a\\nb\\tc\\u{7f}"
        );
    }

    #[test]
    fn durations_read_like_a_person_writes_them() {
        assert_eq!(format_duration(25.832), "25.8 s");
        assert_eq!(format_duration(0.0), "0.0 s");
        assert_eq!(format_duration(59.97), "1 min");
        assert_eq!(format_duration(215.101), "3 min 35 s");
        assert_eq!(format_duration(6_600.0), "1 h 50 min");
        assert_eq!(format_duration(3_600.0), "1 h");
        assert_eq!(
            format_duration(3.0 * 86_400.0 + 4.0 * 3_600.0 + 59.0),
            "3 d 4 h"
        );
        assert_eq!(format_duration(40.0 * 86_400.0), "40 d");
        assert_eq!(format_duration(1_372.0 * 86_400.0 + 3_600.0), "1,372 d 1 h");
        assert_eq!(format_duration(-1_372.0 * 86_400.0), "−1,372 d");
        assert_eq!(format_duration(-2.5), "−2.5 s");
    }

    #[test]
    fn counts_bytes_plurals_and_cuts() {
        assert_eq!(format_count(24_000), "24,000");
        assert_eq!(format_count(999), "999");
        assert_eq!(format_count(1_000_000), "1,000,000");
        assert_eq!(count(1, "job"), "1 job");
        assert_eq!(count(0, "job"), "0 jobs");
        assert_eq!(count(200, "history"), "200 histories");
        assert_eq!(count(2, "retry"), "2 retries");
        assert_eq!(count(2, "day"), "2 days", "a vowel before the y");
        assert_eq!(count(2, "process"), "2 processes");
        assert_eq!(noun_for(1, "core"), "core");
        assert_eq!(
            (these(1, "job"), these(146, "job")),
            ("this job".into(), "these 146 jobs".into())
        );
        assert_eq!(
            (the(1, "job"), the(2_000, "job")),
            ("the job".into(), "the 2,000 jobs".into())
        );
        assert_eq!(
            (all(1, "job"), all(12, "job")),
            ("the one job".into(), "all 12 jobs".into())
        );
        assert_eq!(count(24_000, "file"), "24,000 files");
        assert_eq!(format_bytes(999.0), "999 B");
        assert_eq!(format_bytes(2_900_000.0), "2.9 MB");
        assert_eq!(format_bytes(5e15), "5000.0 TB");
        assert_eq!(shorten("abcdef", 6), "abcdef");
        assert_eq!(shorten("abcdéfg", 5), "abcdé…");
    }

    #[test]
    fn shares_are_percent_with_one_decimal() {
        assert_eq!(format_share(0.642_76), "64.3 %");
        assert_eq!(format_share(1.0), "100.0 %");
        assert_eq!(format_share(f64::NAN), "—");
    }
}
