//! What the list of loaded inputs says about each one: its format, what was read
//! from it, and the problems met in it (its own and those found while merging it).

use std::rc::Rc;

use tapis_profile::{Diagnostic, InputFormat, Report, Severity};

use super::page_reducer::{InputId, LoadedInput, ReadStage, Reading};
use super::words::{self, format_duration};
use crate::live::model::api::HISTORY_INPUT_PREFIX;

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

    /// What was read: `JSON · 3 histories · 3 jobs · 36 events · 12.3 kB · read in 1.2 s`
    /// (the time only when it was long enough to notice).
    pub fn meta(&self) -> String {
        let mut meta = vec![self.format.to_string()];
        if self.ids.len() > 1 {
            meta.push(words::count(self.ids.len(), "history"));
        }
        if !self.failed {
            meta.push(words::count(self.jobs, "job"));
            if self.events > 0 {
                meta.push(words::count(self.events, "event"));
            }
        }
        if self.bytes > 0 {
            meta.push(words::bytes(self.bytes as f64));
        }
        if let Some(ms) = self.read_ms.filter(|ms| *ms >= 100.0) {
            meta.push(format!("read in {}", format_duration(ms / 1000.0)));
        }
        meta.join(" · ")
    }

    /// Its problems counted: `1 error, 2 warnings, 3 notes`; empty when there are none.
    pub fn problems(&self) -> String {
        [
            (Severity::Error, "error"),
            (Severity::Warning, "warning"),
            (Severity::Info, "note"),
        ]
        .into_iter()
        .map(|(severity, noun)| (self.count(severity), noun))
        .filter(|(n, _)| *n > 0)
        .map(|(n, noun)| words::count(n, noun))
        .collect::<Vec<_>>()
        .join(", ")
    }
}

/// What is loaded in all: `2 inputs and 1 job`.
pub fn loaded_summary(inputs: usize, jobs: usize) -> String {
    format!(
        "{} and {}",
        words::count(inputs, "input"),
        words::count(jobs, "job")
    )
}

/// A file on its way in, in a word: `waiting…`, `reading…`, `parsing…`.
pub fn stage_word(stage: ReadStage) -> &'static str {
    match stage {
        ReadStage::Waiting => "waiting…",
        ReadStage::Reading => "reading…",
        ReadStage::Parsing => "parsing…",
    }
}

/// `Reading file 2 of 5: big.json (120.0 MB)…` for screen readers; empty when idle.
pub fn reading_progress(reading: &[Reading]) -> String {
    let Some(current) = reading.iter().find(|r| r.stage != ReadStage::Waiting) else {
        return String::new();
    };
    let position = reading.iter().position(|r| r == current).unwrap_or(0) + 1;
    let verb = match current.stage {
        ReadStage::Waiting => "Waiting for",
        ReadStage::Reading => "Reading",
        ReadStage::Parsing => "Parsing",
    };
    format!(
        "{verb} file {position} of {}: {} ({})…",
        reading.len(),
        current.name,
        words::bytes(current.bytes as f64)
    )
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
        assert_eq!(
            rows[0].meta(),
            format!(
                "tapipy print · 1 job · 12 events · {}",
                words::bytes(TAPIPY.len() as f64)
            )
        );
        assert_eq!(rows[0].problems(), "");
        assert_eq!(rows[1].meta(), "JSON · 5 B");
        assert_eq!(rows[1].problems(), "1 error");
        assert_eq!(
            loaded_summary(rows.len(), s.report.jobs.len()),
            "2 inputs and 1 job"
        );
    }

    #[test]
    fn files_on_their_way_are_said_one_at_a_time() {
        let file = |name: &str, stage| Reading {
            batch: 1,
            name: name.into(),
            bytes: 150_000_000,
            stage,
        };
        assert_eq!(reading_progress(&[]), "");
        assert_eq!(
            reading_progress(&[file("a.json", ReadStage::Waiting)]),
            "",
            "nothing is being read yet"
        );
        assert_eq!(
            reading_progress(&[
                file("a.json", ReadStage::Parsing),
                file("b.json", ReadStage::Waiting)
            ]),
            "Parsing file 1 of 2: a.json (150.0 MB)…"
        );
        assert_eq!(stage_word(ReadStage::Reading), "reading…");
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
