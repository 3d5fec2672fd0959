//! The attributes a job can be picked or compared by, and each job's value of
//! them, written once: the page's cohort menus, the CLI's `--a`/`--b` selectors
//! and the attribute ranking all read them here.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use crate::fast_hash::FastMap;
use crate::format::format_count;
use crate::job_report::JobReport;
use crate::model::SharedText;
use crate::time::Timestamp;

/// What a job's value is called when its data does not say (the page's filters say the same).
pub const UNKNOWN: &str = "(unknown)";

/// An attribute of a job.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Facet {
    /// The app and its version together, as the page's app filter writes them: `adcirc v55`.
    AppVersion,
    /// The app's id (`appId`).
    App,
    /// The app's version (`appVersion`).
    Version,
    /// The execution system and its queue together: `frontera / normal`.
    SystemQueue,
    /// The execution system (`execSystemId`).
    System,
    /// The logical queue (`execSystemLogicalQueue`).
    Queue,
    /// How the job ended: FINISHED, FAILED, CANCELLED, or the state it is still in.
    Status,
    /// Nodes requested (`nodeCount`).
    Nodes,
    /// Files staged in, as a band of powers of ten (`100-999`).
    InputFiles,
    /// Who submitted it (`owner`).
    Owner,
    /// The ISO week it was submitted in (UTC): `2025-W10`.
    Week,
    /// The month it was submitted in (UTC): `2025-03`.
    Month,
}

impl Facet {
    pub const ALL: [Facet; 12] = [
        Facet::AppVersion,
        Facet::App,
        Facet::Version,
        Facet::SystemQueue,
        Facet::System,
        Facet::Queue,
        Facet::Status,
        Facet::Nodes,
        Facet::InputFiles,
        Facet::Owner,
        Facet::Week,
        Facet::Month,
    ];

    /// Its key in a selector (`version=1.3`).
    pub fn key(self) -> &'static str {
        match self {
            Facet::AppVersion => "app-version",
            Facet::App => "app",
            Facet::Version => "version",
            Facet::SystemQueue => "system-queue",
            Facet::System => "system",
            Facet::Queue => "queue",
            Facet::Status => "status",
            Facet::Nodes => "nodes",
            Facet::InputFiles => "input-files",
            Facet::Owner => "owner",
            Facet::Week => "week",
            Facet::Month => "month",
        }
    }

    /// The facet a selector key names: its key, or the Tapis field it reads (`appVersion`).
    pub fn from_key(key: &str) -> Option<Facet> {
        let tapis = match key {
            "appId" => Some(Facet::App),
            "appVersion" => Some(Facet::Version),
            "execSystemId" => Some(Facet::System),
            "execSystemLogicalQueue" => Some(Facet::Queue),
            "nodeCount" => Some(Facet::Nodes),
            "finalStatus" => Some(Facet::Status),
            _ => None,
        };
        tapis.or_else(|| Self::ALL.into_iter().find(|f| f.key() == key))
    }

    /// What a person calls it.
    pub fn label(self) -> &'static str {
        match self {
            Facet::AppVersion => "App and version",
            Facet::App => "App",
            Facet::Version => "App version",
            Facet::SystemQueue => "System and queue",
            Facet::System => "System",
            Facet::Queue => "Queue",
            Facet::Status => "Final status",
            Facet::Nodes => "Nodes",
            Facet::InputFiles => "Input files",
            Facet::Owner => "Owner",
            Facet::Week => "Submission week",
            Facet::Month => "Submission month",
        }
    }

    /// The facets that read the same field, so that comparing cohorts picked by one
    /// of them on another says nothing new (the app and its version; the system and
    /// its queue).
    pub fn family(self) -> &'static [Facet] {
        match self {
            Facet::AppVersion | Facet::App | Facet::Version => {
                &[Facet::AppVersion, Facet::App, Facet::Version]
            }
            Facet::SystemQueue | Facet::System | Facet::Queue => {
                &[Facet::SystemQueue, Facet::System, Facet::Queue]
            }
            Facet::Week | Facet::Month => &[Facet::Week, Facet::Month],
            Facet::Status => &[Facet::Status],
            Facet::Nodes => &[Facet::Nodes],
            Facet::InputFiles => &[Facet::InputFiles],
            Facet::Owner => &[Facet::Owner],
        }
    }

    /// A job's value; [`UNKNOWN`] when its data does not say.
    pub fn value_of(self, j: &JobReport) -> String {
        let text = |t: &Option<SharedText>| t.as_deref().map(String::from);
        let known = match self {
            Facet::AppVersion => j.app_label(),
            Facet::App => text(&j.app_id),
            Facet::Version => text(&j.app_version),
            Facet::SystemQueue => j.system_queue(),
            Facet::System => text(&j.exec_system),
            Facet::Queue => text(&j.queue),
            Facet::Status => j.final_status.as_ref().map(|s| s.name().to_string()),
            Facet::Nodes => j
                .usage
                .as_ref()
                .and_then(|u| u.nodes)
                .map(|n| n.to_string()),
            Facet::InputFiles => j
                .transfers
                .input
                .as_ref()
                .and_then(|t| t.files)
                .map(file_band),
            Facet::Owner => text(&j.owner),
            Facet::Week => j.submitted().map(|t| week(&t)),
            Facet::Month => j.submitted().map(|t| month(&t)),
        };
        known.unwrap_or_else(|| UNKNOWN.to_string())
    }

    /// How many of `jobs` have each value ([`Facet::value_of`]'s). Jobs are told apart
    /// by the fields their value is made of, borrowed, and each value is made once
    /// per such fields: a string made for every job of every facet was ~180 ms of
    /// the cohort view's first render at 50,000 jobs (docs/performance.md, P6).
    pub fn count<'a>(
        self,
        jobs: impl IntoIterator<Item = &'a JobReport>,
    ) -> BTreeMap<String, usize> {
        let mut by_parts: FastMap<Parts, (&JobReport, usize)> = FastMap::default();
        for j in jobs {
            by_parts.entry(self.parts_of(j)).or_insert((j, 0)).1 += 1;
        }
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        for (j, n) in by_parts.into_values() {
            *counts.entry(self.value_of(j)).or_default() += n;
        }
        counts
    }

    /// Whether jobs' values are among `values`, asked once per distinct fields the
    /// value is made of (as [`Facet::count`]): a cohort picked by a string made for
    /// every job was tens of milliseconds at 50,000 jobs.
    pub(crate) fn among<'a>(self, values: &'a [String]) -> impl FnMut(&'a JobReport) -> bool {
        let mut known: FastMap<Parts<'a>, bool> = FastMap::default();
        move |j| {
            *known
                .entry(self.parts_of(j))
                .or_insert_with(|| values.contains(&self.value_of(j)))
        }
    }

    /// What a job's value is made of: jobs with equal parts have equal values.
    fn parts_of(self, j: &JobReport) -> Parts<'_> {
        fn text(a: &Option<SharedText>) -> Option<&str> {
            a.as_deref()
        }
        match self {
            Facet::AppVersion => Parts::Text(text(&j.app_id), text(&j.app_version)),
            Facet::App => Parts::Text(text(&j.app_id), None),
            Facet::Version => Parts::Text(text(&j.app_version), None),
            Facet::SystemQueue => Parts::Text(text(&j.exec_system), text(&j.queue)),
            Facet::System => Parts::Text(text(&j.exec_system), None),
            Facet::Queue => Parts::Text(text(&j.queue), None),
            Facet::Status => Parts::Text(j.final_status.as_ref().map(|s| s.name()), None),
            Facet::Nodes => Parts::Number(j.usage.as_ref().and_then(|u| u.nodes).map(u64::from)),
            Facet::InputFiles => Parts::Number(j.transfers.input.as_ref().and_then(|t| t.files)),
            Facet::Owner => Parts::Text(text(&j.owner), None),
            // Weeks and months are of the UTC date.
            Facet::Week | Facet::Month => Parts::Day(j.submitted().map(|t| t.date_naive())),
        }
    }

    /// Whether its values have an order of their own (sizes, times) rather than
    /// being names: listed in that order, not by share.
    pub fn ordered(self) -> bool {
        matches!(
            self,
            Facet::Nodes | Facet::InputFiles | Facet::Week | Facet::Month
        )
    }

    /// How its values sort: numbers and bands by size, times in time order (their
    /// names do), the rest by name.
    pub fn sort_key(self, value: &str) -> (u64, String) {
        let number = match self {
            Facet::Nodes => value.parse().ok(),
            Facet::InputFiles => value
                .split(['-', '+'])
                .next()
                .and_then(|n| n.replace(',', "").parse().ok()),
            _ => None,
        };
        (number.unwrap_or(u64::MAX), value.to_string())
    }
}

/// A count of files as a band of powers of ten: `0`, `1-9`, `10-99`, …, `100,000+`.
pub fn file_band(files: u64) -> String {
    if files == 0 {
        return "0".to_string();
    }
    let mut low = 1u64;
    while low <= files / 10 && low < 100_000 {
        low *= 10;
    }
    if low >= 100_000 {
        return format!("{}+", format_count(low));
    }
    format!("{}-{}", format_count(low), format_count(low * 10 - 1))
}

/// The fields a facet's value is made of, borrowed from a job ([`Facet::count`]).
#[derive(PartialEq, Eq, Hash)]
enum Parts<'a> {
    Text(Option<&'a str>, Option<&'a str>),
    Number(Option<u64>),
    Day(Option<NaiveDate>),
}

/// `2025-W10`: the ISO week (weeks start on Monday; week 1 holds the year's first Thursday).
pub fn week(t: &Timestamp) -> String {
    let w = t.iso_week();
    format!("{}-W{:02}", w.year(), w.week())
}

/// `2025-03`.
pub fn month(t: &Timestamp) -> String {
    format!("{}-{:02}", t.year(), t.month())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::parse_timestamp;

    #[test]
    fn file_counts_fall_in_bands_of_powers_of_ten() {
        let bands: Vec<String> = [0, 1, 9, 10, 99, 100, 5_069, 99_999, 100_000, 3_000_000]
            .into_iter()
            .map(file_band)
            .collect();
        assert_eq!(
            bands,
            [
                "0",
                "1-9",
                "1-9",
                "10-99",
                "10-99",
                "100-999",
                "1,000-9,999",
                "10,000-99,999",
                "100,000+",
                "100,000+"
            ]
        );
        assert!(Facet::InputFiles.sort_key("10-99") < Facet::InputFiles.sort_key("100-999"));
        assert!(Facet::InputFiles.sort_key("1,000-9,999") > Facet::InputFiles.sort_key("100-999"));
        assert!(Facet::Nodes.sort_key("4") < Facet::Nodes.sort_key("16"));
    }

    #[test]
    fn weeks_are_iso_weeks() {
        let t = |s: &str| parse_timestamp(s).unwrap();
        // 2025-03-01 is a Saturday of ISO week 9; Monday 3 March starts week 10.
        assert_eq!(week(&t("2025-03-01T08:00:00Z")), "2025-W09");
        assert_eq!(week(&t("2025-03-03T00:00:00Z")), "2025-W10");
        // 2024-12-30 belongs to 2025's first week.
        assert_eq!(week(&t("2024-12-30T12:00:00Z")), "2025-W01");
        assert_eq!(month(&t("2024-12-30T12:00:00Z")), "2024-12");
    }

    #[test]
    fn keys_and_tapis_names_both_name_a_facet() {
        for f in Facet::ALL {
            assert_eq!(Facet::from_key(f.key()), Some(f));
            assert!(f.family().contains(&f));
        }
        assert_eq!(Facet::from_key("appVersion"), Some(Facet::Version));
        assert_eq!(Facet::from_key("nope"), None);
    }

    #[test]
    fn counted_values_are_each_jobs_value_counted() {
        // Messy synthetic jobs (unknown fields, open and stale jobs), every facet.
        let report = crate::test_jobs::synthetic_report(400, 11, 20);
        for f in Facet::ALL {
            let mut by_job: BTreeMap<String, usize> = BTreeMap::new();
            for j in &report.jobs {
                *by_job.entry(f.value_of(j)).or_default() += 1;
            }
            assert_eq!(f.count(&report.jobs), by_job, "{}", f.key());
            let varied = [
                Facet::AppVersion,
                Facet::SystemQueue,
                Facet::Status,
                Facet::InputFiles,
            ];
            assert!(
                by_job.len() >= 2 || !varied.contains(&f),
                "{}: {by_job:?}",
                f.key()
            );
        }
    }
}
