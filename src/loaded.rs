//! What the list of loaded inputs says about each one: its format, what was read
//! from it, and the problems met in it (its own and those found while merging it).

use std::rc::Rc;

use tapis_profile::{Diagnostic, InputFormat, Report, Severity};

use crate::state::{InputId, LoadedInput};

#[derive(Debug, Clone, PartialEq)]
pub struct InputRow {
    pub id: InputId,
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
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }
}

/// One row per loaded input, in their order, with the report's diagnostics that name it.
pub fn input_rows(inputs: &[LoadedInput], report: &Report) -> Vec<InputRow> {
    inputs
        .iter()
        .map(|input| InputRow {
            id: input.id,
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
        })
        .collect()
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
    use crate::state::{Action, AppState};

    const TAPIPY: &str =
        include_str!("../fixtures/tapis/source-ds-history-4dfa35e1-finished-2025.tapipy.txt");

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
}
