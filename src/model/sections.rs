//! The compact embedded layout: the page's parts as sections a person opens, and which of
//! them start open (the `open` option, `AppProps::open`). On its own page the app shows
//! every part; embedded (`embed`), each is a collapsible section, so that one job fits in
//! about one screen of a documentation page: the overview and the timeline first, the
//! rest one line each until opened.

use serde::Deserialize;

/// A part of the page, in the order it appears.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// The ways data comes in and what is loaded.
    Data,
    Overview,
    /// The filters, the timeline and its table.
    Jobs,
    /// The selected job's detail.
    Job,
    Recommendations,
    /// Transfer anatomy, the cost model and its transfers; goodput and badput.
    DataMovement,
    Normal,
    /// Two cohorts compared.
    Cohorts,
    /// Load over time (BLOCKED explained) and trends.
    Load,
    Checklist,
    Export,
    Quality,
}

impl Section {
    pub const ALL: [Section; 12] = [
        Section::Data,
        Section::Overview,
        Section::Jobs,
        Section::Job,
        Section::Recommendations,
        Section::DataMovement,
        Section::Normal,
        Section::Cohorts,
        Section::Load,
        Section::Checklist,
        Section::Export,
        Section::Quality,
    ];

    /// Its name in the `open` option and in the section's `data-section` attribute.
    pub fn name(self) -> &'static str {
        match self {
            Section::Data => "data",
            Section::Overview => "overview",
            Section::Jobs => "jobs",
            Section::Job => "job",
            Section::Recommendations => "recommendations",
            Section::DataMovement => "data-movement",
            Section::Normal => "normal",
            Section::Cohorts => "cohorts",
            Section::Load => "load",
            Section::Checklist => "checklist",
            Section::Export => "export",
            Section::Quality => "quality",
        }
    }

    /// What its one line says while it is closed.
    pub fn title(self) -> &'static str {
        match self {
            Section::Data => "Data",
            Section::Overview => "Overview",
            Section::Jobs => "Job timeline",
            Section::Job => "Selected job",
            Section::Recommendations => "Recommendations",
            Section::DataMovement => "Data movement and goodput",
            Section::Normal => "What is normal",
            Section::Cohorts => "Compare cohorts",
            Section::Load => "Load and trends",
            Section::Checklist => "I/O checklist",
            Section::Export => "Export",
            Section::Quality => "Data quality",
        }
    }
}

/// Which sections start open: the `open` option, a list of names separated by commas or
/// spaces (`open=overview,jobs,recommendations`), `all` or `none`. Without it, the overview
/// and the timeline. Unknown names are ignored.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(from = "String")]
pub struct OpenSections(Vec<Section>);

impl Default for OpenSections {
    fn default() -> OpenSections {
        OpenSections(vec![Section::Overview, Section::Jobs])
    }
}

impl From<String> for OpenSections {
    fn from(value: String) -> OpenSections {
        OpenSections::parse(&value)
    }
}

impl OpenSections {
    pub fn parse(value: &str) -> OpenSections {
        let names = value
            .split(|c: char| c == ',' || c.is_whitespace())
            .map(|name| name.trim().to_ascii_lowercase())
            .filter(|name| !name.is_empty())
            .collect::<Vec<_>>();
        if names.iter().any(|name| name == "all") {
            return OpenSections(Section::ALL.to_vec());
        }
        let listed = Section::ALL
            .into_iter()
            .filter(|s| names.iter().any(|name| name == s.name()));
        OpenSections(listed.collect())
    }

    /// Whether `section` is open when the page (re)renders with this state. With no job
    /// loaded there is nothing but the data section, so it is open then.
    pub fn starts_open(&self, section: Section, has_jobs: bool) -> bool {
        (section == Section::Data && !has_jobs) || self.0.contains(&section)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_overview_and_the_timeline_by_default() {
        let open = OpenSections::default();
        let shown: Vec<_> = Section::ALL
            .into_iter()
            .filter(|&s| open.starts_open(s, true))
            .collect();
        assert_eq!(shown, [Section::Overview, Section::Jobs]);
    }

    #[test]
    fn the_data_section_is_open_until_there_are_jobs() {
        let open = OpenSections::default();
        assert!(open.starts_open(Section::Data, false));
        assert!(!open.starts_open(Section::Data, true));
        assert!(OpenSections::parse("data").starts_open(Section::Data, true));
    }

    #[test]
    fn lists_all_and_none() {
        let open = OpenSections::parse("Recommendations, checklist  job,nonsense");
        assert_eq!(
            open,
            OpenSections(vec![
                Section::Job,
                Section::Recommendations,
                Section::Checklist
            ])
        );
        assert!(!open.starts_open(Section::Overview, true));
        assert_eq!(
            OpenSections::parse("none,all"),
            OpenSections(Section::ALL.to_vec())
        );
        assert_eq!(OpenSections::parse("none"), OpenSections(vec![]));
        assert_eq!(OpenSections::parse(""), OpenSections(vec![]));
    }

    #[test]
    fn names_are_distinct_and_read_back() {
        for section in Section::ALL {
            assert_eq!(
                OpenSections::parse(section.name()),
                OpenSections(vec![section])
            );
            assert!(!section.title().is_empty());
        }
    }
}
