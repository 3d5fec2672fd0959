//! Which jobs make a cohort, as one line of text the page shows and the CLI takes:
//!
//! ```text
//! version=1.3                          one value of one attribute (facet.rs)
//! app=opensees-mp-s3&version=1.2|1.3   conditions joined by &, alternatives by |
//! during=2025-03-01T10:00:00Z..2025-03-01T12:00:00Z   in flight at some moment of a window
//! jobs=4dfa35e1-…|0d3c401b-…           these jobs (the page's selection)
//! all | rest                           every job; every job not in the other cohort
//! ```
//!
//! Only the jobs counted are ever in a cohort (a stale job is left out unless the
//! user counts stale jobs: `JobReport::counted`, the one rule).

use std::collections::BTreeSet;
use std::fmt;

use super::facet::Facet;
use crate::job_report::JobReport;
use crate::time::{format_timestamp, parse_timestamp, Timestamp};

/// One condition a job must meet.
#[derive(Debug, Clone, PartialEq)]
pub enum Condition {
    /// Its value of the facet is one of these.
    Is(Facet, Vec<String>),
    /// In a state (any, not yet ended) at some moment from the first time to the second.
    During(Timestamp, Timestamp),
    /// One of these jobs (by the report's `uuid`).
    Jobs(BTreeSet<String>),
}

/// A cohort's definition.
#[derive(Debug, Clone, PartialEq)]
pub enum Selector {
    /// Every job counted.
    All,
    /// Every job counted that the other cohort does not hold.
    Rest,
    /// The jobs that meet every condition.
    Where(Vec<Condition>),
}

impl Selector {
    /// Reads a selector; the error says what was wrong and what would be right.
    pub fn parse(text: &str) -> Result<Selector, String> {
        let text = text.trim();
        match text {
            "all" => return Ok(Selector::All),
            "rest" => return Ok(Selector::Rest),
            "" => return Err("an empty cohort: give key=value, 'all' or 'rest'".into()),
            _ => {}
        }
        let conditions = text
            .split('&')
            .map(|part| Condition::parse(part.trim()))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Selector::Where(conditions))
    }

    /// Whether a counted job meets the selector's conditions (`All` and `Rest`
    /// are about the whole set: see [`pick`]).
    pub fn matches(&self, j: &JobReport) -> bool {
        match self {
            Selector::All | Selector::Rest => true,
            Selector::Where(conditions) => conditions.iter().all(|c| c.matches(j)),
        }
    }

    /// [`Selector::matches`] as one test for many jobs, a facet's answer found once per
    /// distinct fields its value is made of.
    fn matcher<'a>(&'a self) -> impl FnMut(&'a JobReport) -> bool {
        type Test<'a> = Box<dyn FnMut(&'a JobReport) -> bool + 'a>;
        let mut tests: Vec<Test<'a>> = match self {
            Selector::All | Selector::Rest => Vec::new(),
            Selector::Where(conditions) => conditions
                .iter()
                .map(|c| -> Test<'a> {
                    match c {
                        Condition::Is(facet, values) => Box::new(facet.among(values)),
                        c => Box::new(move |j| c.matches(j)),
                    }
                })
                .collect(),
        };
        move |j| tests.iter_mut().all(|test| test(j))
    }

    /// The facets its conditions read.
    pub fn facets(&self) -> Vec<Facet> {
        match self {
            Selector::Where(conditions) => conditions
                .iter()
                .filter_map(|c| match c {
                    Condition::Is(f, _) => Some(*f),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        }
    }

    /// One value of one facet: how the page makes a selector from its menus.
    pub fn of_value(facet: Facet, value: &str) -> Selector {
        Selector::Where(vec![Condition::Is(facet, vec![value.to_string()])])
    }
}

impl Condition {
    fn parse(part: &str) -> Result<Condition, String> {
        let Some((key, value)) = part.split_once('=') else {
            return Err(format!(
                "{part:?}: expected key=value (keys: {}, during, jobs), 'all' or 'rest'",
                keys()
            ));
        };
        let (key, value) = (key.trim(), value.trim());
        let values: Vec<String> = value
            .split('|')
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
            .collect();
        if values.is_empty() {
            return Err(format!("{key}= needs a value"));
        }
        match key {
            "during" => {
                let window = value.split_once("..").and_then(|(a, b)| {
                    Some((parse_timestamp(a.trim())?, parse_timestamp(b.trim())?))
                });
                match window {
                    Some((from, to)) if from <= to => Ok(Condition::During(from, to)),
                    _ => Err(format!(
                        "during={value}: expected two RFC 3339 times, the earlier first: \
                         during=2025-03-01T10:00:00Z..2025-03-01T12:00:00Z"
                    )),
                }
            }
            "jobs" => Ok(Condition::Jobs(values.into_iter().collect())),
            _ => match Facet::from_key(key) {
                Some(facet) => Ok(Condition::Is(facet, values)),
                None => Err(format!(
                    "unknown key {key:?} (keys: {}, during, jobs)",
                    keys()
                )),
            },
        }
    }

    /// Whether a job meets it (the page's time-window filter asks `During`'s).
    pub fn matches(&self, j: &JobReport) -> bool {
        match self {
            Condition::Is(facet, values) => {
                let v = facet.value_of(j);
                values.contains(&v)
            }
            Condition::Jobs(uuids) => uuids.contains(&*j.uuid),
            Condition::During(from, to) => {
                in_flight(j).is_some_and(|(start, end)| start <= *to && end >= *from)
            }
        }
    }
}

/// When a job was in a state: from its first segment's start to its last one's
/// end (a history's visits, else a job object's coarse phases).
pub fn in_flight(j: &JobReport) -> Option<(Timestamp, Timestamp)> {
    let spans: Vec<(Timestamp, Timestamp)> = if j.segments.is_empty() {
        j.coarse
            .iter()
            .flat_map(|c| c.segments.iter().map(|s| (s.start, s.end)))
            .collect()
    } else {
        j.segments.iter().map(|s| (s.start, s.end)).collect()
    };
    let start = spans.iter().map(|s| s.0).min()?;
    let end = spans.iter().map(|s| s.1).max()?;
    Some((start, end.max(start)))
}

fn keys() -> String {
    Facet::ALL.map(Facet::key).join(", ")
}

impl fmt::Display for Selector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Selector::All => f.write_str("all"),
            Selector::Rest => f.write_str("rest"),
            Selector::Where(conditions) => {
                for (i, c) in conditions.iter().enumerate() {
                    if i > 0 {
                        f.write_str("&")?;
                    }
                    match c {
                        Condition::Is(facet, values) => {
                            write!(f, "{}={}", facet.key(), values.join("|"))?
                        }
                        Condition::During(from, to) => write!(
                            f,
                            "during={}..{}",
                            format_timestamp(from),
                            format_timestamp(to)
                        )?,
                        Condition::Jobs(uuids) => {
                            let list: Vec<&str> = uuids.iter().map(String::as_str).collect();
                            write!(f, "jobs={}", list.join("|"))?
                        }
                    }
                }
                Ok(())
            }
        }
    }
}

/// The two cohorts' members (indices into `jobs`, in its order), each among the
/// jobs counted. `rest` is every counted job the other does not hold; both cannot
/// be `rest`.
pub fn pick(
    jobs: &[JobReport],
    a: &Selector,
    b: &Selector,
) -> Result<(Vec<usize>, Vec<usize>), String> {
    let counted = || (0..jobs.len()).filter(|&i| jobs[i].counted());
    let members = |s: &Selector| -> Vec<usize> {
        let mut matches = s.matcher();
        counted().filter(|&i| matches(&jobs[i])).collect()
    };
    let rest_of = |other: &[usize]| -> Vec<usize> {
        let mut held = vec![false; jobs.len()];
        for &i in other {
            held[i] = true;
        }
        counted().filter(|&i| !held[i]).collect()
    };
    match (a, b) {
        (Selector::Rest, Selector::Rest) => {
            Err("both cohorts are 'rest': one of them must say which jobs".into())
        }
        (Selector::Rest, b) => {
            let b = members(b);
            Ok((rest_of(&b), b))
        }
        (a, Selector::Rest) => {
            let a = members(a);
            let rest = rest_of(&a);
            Ok((a, rest))
        }
        (a, b) => Ok((members(a), members(b))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selectors_read_and_write_the_same_text() {
        for text in [
            "all",
            "rest",
            "version=1.3",
            "app=opensees-mp-s3&version=1.2|1.3",
            "system-queue=frontera / normal",
            "during=2025-03-01T10:00:00Z..2025-03-01T12:00:00Z",
            "jobs=a|b",
        ] {
            let s = Selector::parse(text).unwrap();
            assert_eq!(s.to_string(), text);
        }
        assert_eq!(
            Selector::parse("appVersion=1.2").unwrap().to_string(),
            "version=1.2",
            "Tapis' field names are read too"
        );
    }

    #[test]
    fn bad_selectors_say_what_is_wrong() {
        let err = |t: &str| Selector::parse(t).unwrap_err();
        assert!(err("").contains("empty"));
        assert!(err("colour=red").contains("unknown key \"colour\""));
        assert!(err("version").contains("key=value"));
        assert!(err("version=").contains("needs a value"));
        assert!(err("during=2025-03-02T00:00:00Z..2025-03-01T00:00:00Z").contains("earlier first"));
    }

    #[test]
    fn picked_members_are_the_jobs_each_selector_matches() {
        let report = crate::test_jobs::synthetic_report(300, 4, 10);
        let jobs = &report.jobs;
        let one_by_one = |s: &Selector| -> Vec<usize> {
            let counted = (0..jobs.len()).filter(|&i| jobs[i].counted());
            counted.filter(|&i| s.matches(&jobs[i])).collect()
        };
        let status = Facet::Status.value_of(&jobs[0]);
        let queue = Facet::SystemQueue.value_of(&jobs[1]);
        let both = format!("status={status}&system-queue={queue}|(unknown)");
        for (a, b) in [
            (format!("status={status}"), "rest".to_string()),
            ("rest".to_string(), both.clone()),
            (both, "all".to_string()),
            (
                "week=1999-W01|2000-W01".to_string(),
                format!("system-queue={queue}"),
            ),
        ] {
            let (a, b) = (Selector::parse(&a).unwrap(), Selector::parse(&b).unwrap());
            let (ia, ib) = pick(jobs, &a, &b).unwrap();
            let counted: Vec<usize> = (0..jobs.len()).filter(|&i| jobs[i].counted()).collect();
            let rest_of = |other: &[usize]| -> Vec<usize> {
                counted
                    .iter()
                    .copied()
                    .filter(|i| !other.contains(i))
                    .collect()
            };
            let (want_a, want_b) = match (&a, &b) {
                (Selector::Rest, b) => (rest_of(&one_by_one(b)), one_by_one(b)),
                (a, Selector::Rest) => (one_by_one(a), rest_of(&one_by_one(a))),
                (a, b) => (one_by_one(a), one_by_one(b)),
            };
            assert_eq!((&ia, &ib), (&want_a, &want_b), "{a} against {b}");
            assert!(!ia.is_empty() || a.to_string().starts_with("week"), "{a}");
        }
    }
}
