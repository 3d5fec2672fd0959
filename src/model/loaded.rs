//! What the list of loaded inputs says about each one: its format, what was read
//! from it, and the problems met in it (its own and those found while merging it).

use std::rc::Rc;

use tapis_profile::{Diagnostic, InputFormat, Report, Severity};

use crate::live::model::api::HISTORY_INPUT_PREFIX;
use crate::model::page_reducer::{InputId, LoadedInput};

/// The row that stands for every history fetched from Tapis: hundreds of jobs
/// fetched one by one would otherwise make hundreds of rows.
pub const HISTORIES_ROW: &str = "tapis:history:*";

#[derive(Debug, Clone, PartialEq)]
pub struct InputRow {
    /// The inputs this row stands for: one file, or every history fetched from Tapis.
    pub ids: Vec<InputId>,
    /// The input's name, or [`HISTORIES_ROW`].
    pub name: String,
    pub bytes: usize,
    /// "JSON", "tapipy print", …
    pub format: &'static str,
    /// Jobs this input mentions (several inputs may mention the same job).
    pub jobs: usize,
    pub events: usize,
    pub read_ms: Option<f64>,
    /// Nothing could be read from it.
    pub failed: bool,
    pub diagnostics: Rc<[Diagnostic]>,
}

impl InputRow {
    /// What the list calls it.
    pub fn title(&self) -> String {
        if self.name == HISTORIES_ROW {
            "Job histories from Tapis".to_string()
        } else {
            self.name.clone()
        }
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }
}

/// One row per loaded input, in their order, with the report's diagnostics that
/// name it; the histories fetched from Tapis share one row, where the first was.
pub fn input_rows(inputs: &[LoadedInput], report: &Report) -> Vec<InputRow> {
    let mut rows: Vec<InputRow> = Vec::new();
    // Where the histories' row is, and their problems, gathered once at the end.
    let mut histories: Option<(usize, Vec<Diagnostic>)> = None;
    for row in inputs.iter().map(|input| input_row(input, report)) {
        if !row.name.starts_with(HISTORY_INPUT_PREFIX) {
            rows.push(row);
            continue;
        }
        match &mut histories {
            Some((at, diagnostics)) => {
                diagnostics.extend(row.diagnostics.iter().cloned());
                rows[*at].absorb(row);
            }
            None => {
                histories = Some((rows.len(), row.diagnostics.to_vec()));
                rows.push(InputRow {
                    name: HISTORIES_ROW.to_string(),
                    ..row
                });
            }
        }
    }
    if let Some((at, diagnostics)) = histories {
        rows[at].diagnostics = diagnostics.into();
    }
    rows
}

impl InputRow {
    /// Adds another input to a grouped row (its problems are gathered by the caller).
    fn absorb(&mut self, other: InputRow) {
        self.ids.extend(other.ids);
        self.bytes += other.bytes;
        self.jobs += other.jobs;
        self.events += other.events;
        self.read_ms = None;
        self.failed &= other.failed;
    }
}

fn input_row(input: &LoadedInput, report: &Report) -> InputRow {
    InputRow {
        ids: vec![input.id],
        name: input.name.clone(),
        bytes: input.bytes,
        format: format_label(input.records.format),
        jobs: input.records.jobs.len(),
        events: input.records.event_count(),
        read_ms: input.read_ms,
        failed: !input.records.read_something(),
        diagnostics: report
            .diagnostics
            .iter()
            .filter(|d| d.input == input.name)
            .cloned()
            .collect(),
    }
}

pub fn format_label(format: InputFormat) -> &'static str {
    match format {
        InputFormat::Json => "JSON",
        InputFormat::TapipyText => "tapipy print",
        InputFormat::PythonRepr => "Python dict",
        InputFormat::Unknown => "unknown format",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::page_reducer::{Action, AppState};

    const TAPIPY: &str =
        include_str!("../../fixtures/tapis/source-ds-history-4dfa35e1-finished-2025.tapipy.txt");

    #[test]
    fn each_input_says_what_was_read_and_what_went_wrong() {
        let s = AppState::default()
            .apply(Action::Import {
                name: "notebook.txt".into(),
                text: TAPIPY.into(),
            })
            .apply(Action::Import {
                name: "bad.json".into(),
                text: "[1, 2".into(),
            });
        let rows = input_rows(&s.inputs, &s.report);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].format, "tapipy print");
        assert_eq!((rows[0].jobs, rows[0].events), (1, 12));
        assert!(!rows[0].failed);
        assert_eq!(rows[0].count(Severity::Error), 0);
        assert!(rows[1].failed);
        assert_eq!(rows[1].count(Severity::Error), 1);
        assert_eq!(rows[1].bytes, 5);
        assert!(rows[1].diagnostics.iter().all(|d| d.input == "bad.json"));
    }

    #[test]
    fn histories_fetched_from_tapis_share_one_row_that_removes_them_all() {
        let history = |uuid: &str| Action::Import {
            name: format!("tapis:history:{uuid}"),
            text: format!(
                r#"[{{"event":"JOB_NEW_STATUS","created":"2025-01-01T00:00:00Z","eventDetail":"RUNNING","description":"{{\"jobUuid\":\"{uuid}\"}}"}}]"#
            ),
        };
        let s = AppState::default()
            .apply(history("a"))
            .apply(Action::Import {
                name: "notebook.txt".into(),
                text: TAPIPY.into(),
            })
            .apply(history("b"))
            .apply(history("c"));
        let rows = input_rows(&s.inputs, &s.report);
        let names: Vec<&str> = rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, [HISTORIES_ROW, "notebook.txt"]);
        assert_eq!(rows[0].title(), "Job histories from Tapis");
        assert_eq!((rows[0].ids.len(), rows[0].jobs, rows[0].events), (3, 3, 3));
        assert_eq!(rows[1].ids.len(), 1);

        let s = s.apply(Action::Remove(rows[0].ids.clone()));
        let rows = input_rows(&s.inputs, &s.report);
        assert_eq!(rows.len(), 1);
        assert_eq!(s.report.jobs.len(), 1);
    }
}
