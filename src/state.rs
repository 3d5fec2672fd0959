//! The page's state and every way it can change: one `Action` enum, one pure
//! reducer. Components only render this state and dispatch actions.

use std::rc::Rc;

use tapis_profile::checklist::Ticks;
use tapis_profile::export::read_ticks;
use tapis_profile::{import_text, profile, Diagnostic, Import, JobProfile, Severity};
use yew::Reducible;

/// The real OpenSeesMP job behind "Load sample data" (see `www/samples/README.md`).
pub const SAMPLE_NAME: &str = "sample: OpenSeesMP job 4dfa35e1 (DesignSafe, 2025)";
pub const SAMPLE_HISTORY: &str = include_str!("../www/samples/opensees-mp-4dfa35e1.history.json");

#[derive(Debug, Clone, PartialEq, Default)]
pub struct AppState {
    /// What is in the paste box.
    pub draft: String,
    /// The profiles on screen; replaced only by an import that read something.
    pub profiles: Vec<JobProfile>,
    /// The import they were made from (the analysis and the exports read it).
    pub import: Rc<Import>,
    /// Where the profiles on screen came from.
    pub source: Option<String>,
    /// Problems met by the last import (errors and warnings).
    pub diagnostics: Vec<Diagnostic>,
    /// The user's I/O checklist ticks, by item id (restored from a JSON export).
    pub ticks: Rc<Ticks>,
}

pub enum Action {
    /// The paste box changed.
    Edit(String),
    /// Analyse what is in the paste box.
    AnalyseDraft,
    /// Analyse the bundled sample job.
    LoadSample,
    /// Analyse text that came from elsewhere (a fetched `data-url`), under its name.
    Import { name: String, text: String },
    /// Fetching `name` failed; say why and keep what is on screen.
    LoadFailed { name: String, error: String },
    /// The user ticked (`true`) or unticked a checklist item.
    Tick { item: String, ticked: bool },
}

impl AppState {
    pub fn apply(self, action: Action) -> AppState {
        match action {
            Action::Edit(draft) => AppState { draft, ..self },
            Action::AnalyseDraft => {
                let draft = self.draft.clone();
                self.analyse("pasted text", &draft)
            }
            Action::LoadSample => AppState {
                draft: SAMPLE_HISTORY.to_string(),
                ..self.analyse(SAMPLE_NAME, SAMPLE_HISTORY)
            },
            Action::Import { name, text } => self.analyse(&name, &text),
            Action::LoadFailed { name, error } => AppState {
                diagnostics: vec![Diagnostic {
                    severity: Severity::Error,
                    input: name,
                    location: None,
                    job: None,
                    message: error,
                    action: "nothing was loaded from it".to_string(),
                }],
                ..self
            },
            Action::Tick { item, ticked } => {
                let mut ticks = (*self.ticks).clone();
                ticks.insert(item, ticked);
                AppState {
                    ticks: Rc::new(ticks),
                    ..self
                }
            }
        }
    }

    /// Imports `text`; what was on screen stays unless something new was read.
    fn analyse(self, name: &str, text: &str) -> AppState {
        let import = import_text(name, text);
        if import.jobs.is_empty() {
            return AppState {
                diagnostics: import.diagnostics,
                ..self
            };
        }
        // A JSON export brings the ticks it was saved with.
        let ticks = match read_ticks(text) {
            Some(saved) => {
                let mut ticks = (*self.ticks).clone();
                ticks.extend(saved);
                Rc::new(ticks)
            }
            None => self.ticks.clone(),
        };
        AppState {
            profiles: import.jobs.iter().map(|job| profile(job, None)).collect(),
            source: Some(name.to_string()),
            diagnostics: import.diagnostics.clone(),
            import: Rc::new(import),
            ticks,
            ..self
        }
    }

    /// The last import could not read anything.
    pub fn failed(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new((*self).clone().apply(action))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tapis_profile::analysis::{analyse, Options};
    use tapis_profile::export::export_document;
    use tapis_profile::JobState;

    #[test]
    fn ticks_are_kept_across_imports_and_a_json_export_brings_its_own() {
        let s = AppState::default()
            .apply(Action::LoadSample)
            .apply(Action::Tick {
                item: "zips/zip-inputs".into(),
                ticked: true,
            })
            .apply(Action::Tick {
                item: "sanity/small-logs".into(),
                ticked: true,
            });
        let report = analyse(&s.import, &Options::default());
        let saved: Ticks = [("sanity/small-logs".to_string(), false)].into();
        let export = export_document(&report, &s.import.jobs, &saved);

        let again = s.clone().apply(Action::LoadSample);
        assert_eq!(again.ticks, s.ticks, "a plain import keeps the ticks");
        let restored = s.apply(Action::Edit(export)).apply(Action::AnalyseDraft);
        assert!(!restored.failed());
        assert_eq!(restored.profiles.len(), 1);
        let want: Ticks = [
            ("zips/zip-inputs".to_string(), true),
            ("sanity/small-logs".to_string(), false),
        ]
        .into();
        assert_eq!(*restored.ticks, want, "the export's ticks win");
    }

    #[test]
    fn sample_loads_a_full_profile() {
        let s = AppState::default().apply(Action::LoadSample);
        assert_eq!(s.profiles.len(), 1);
        assert_eq!(s.profiles[0].last_state, Some(JobState::Finished));
        assert_eq!(s.source.as_deref(), Some(SAMPLE_NAME));
        assert!(!s.failed());
    }

    #[test]
    fn bad_paste_reports_and_keeps_what_was_on_screen() {
        let loaded = AppState::default().apply(Action::LoadSample);
        let s = loaded
            .clone()
            .apply(Action::Edit("[{\"event\": ]".into()))
            .apply(Action::AnalyseDraft);
        assert!(s.failed());
        assert_eq!(s.profiles, loaded.profiles);
        assert_eq!(s.source, loaded.source);
        assert_eq!(s.diagnostics[0].location.map(|l| l.line), Some(1));
    }

    #[test]
    fn a_good_paste_replaces_the_profile_and_clears_old_errors() {
        let s = AppState::default()
            .apply(Action::Edit("nope".into()))
            .apply(Action::AnalyseDraft)
            .apply(Action::Edit(SAMPLE_HISTORY.into()))
            .apply(Action::AnalyseDraft);
        assert!(!s.failed());
        assert_eq!(s.source.as_deref(), Some("pasted text"));
        assert_eq!(s.profiles.len(), 1);
    }

    #[test]
    fn fetched_text_is_analysed_under_its_name_and_a_failed_fetch_keeps_the_profile() {
        let s = AppState::default().apply(Action::Import {
            name: "jobs/a.json".into(),
            text: SAMPLE_HISTORY.into(),
        });
        assert_eq!(s.source.as_deref(), Some("jobs/a.json"));
        assert!(s.draft.is_empty(), "the paste box is the user's");
        let failed = s.clone().apply(Action::LoadFailed {
            name: "b.json".into(),
            error: "HTTP 404".into(),
        });
        assert!(failed.failed());
        assert_eq!(failed.profiles, s.profiles);
        let d = &failed.diagnostics[0];
        assert_eq!(
            (d.input.as_str(), d.message.as_str()),
            ("b.json", "HTTP 404")
        );
    }
}
