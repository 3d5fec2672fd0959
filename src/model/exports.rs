//! The export menu's model: which downloads it offers and what each says, the file each
//! makes from what is loaded (the core's export functions, the same the CLI writes), and
//! what the page says once the browser took it. Pure; `components::ExportMenu` renders it
//! and the edge saves the file (`edge::download`). The timeline's picture is the one file
//! made at the edge, as it takes the page's colours (`timeline::picture`).

use tapis_profile::checklist::Ticks;
use tapis_profile::export::{chrome_trace, export_document, markdown, states_csv, ExportKind};
use tapis_profile::report::Report;
use tapis_profile::Job;

use super::words;
use crate::timeline::model::svg::MAX_SVG_ROWS;

/// One download the menu offers.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportItem {
    pub kind: ExportKind,
    /// The button: `Download CSV`.
    pub label: &'static str,
    /// What the file holds and what it is for.
    pub hint: String,
    /// The hint's element id (`export-trace-json-hint`), unique per kind.
    pub hint_id: String,
}

/// The downloads, in the menu's order, for a timeline of `jobs` rows.
pub fn export_items(jobs: usize) -> Vec<ExportItem> {
    let picture = if jobs > MAX_SVG_ROWS {
        format!(
            "the first {} of {} jobs",
            words::thousands(MAX_SVG_ROWS),
            words::thousands(jobs)
        )
    } else {
        words::all(jobs, "job")
    };
    ExportKind::ALL
        .into_iter()
        .map(|kind| {
            let (label, hint) = match kind {
                ExportKind::Json => (
                    "Download JSON",
                    "the report and the data it was computed from, with your checklist ticks; \
                     load it here again to pick up where you left off"
                        .to_string(),
                ),
                ExportKind::Csv => (
                    "Download CSV",
                    "one row per job and state, for spreadsheets, pandas or R".to_string(),
                ),
                ExportKind::Markdown => (
                    "Download Markdown report",
                    "where the time went, what is normal, the recommendations and the \
                     checklist, for notes, issues and tickets"
                        .to_string(),
                ),
                ExportKind::Trace => (
                    "Download trace",
                    "Chrome Trace Event JSON, one track per job: open it in Perfetto or \
                     speedscope"
                        .to_string(),
                ),
                ExportKind::Svg => (
                    "Download timeline picture (SVG)",
                    format!("{picture}, in this page's colours"),
                ),
            };
            ExportItem {
                kind,
                label,
                hint,
                hint_id: format!(
                    "export-{}-hint",
                    kind.suffix().trim_start_matches('.').replace('.', "-")
                ),
            }
        })
        .collect()
}

/// The file of `kind` made from the report, the jobs it was computed from and the
/// checklist ticks; `None` for the timeline's picture (made at the edge, in the page's
/// colours). Nothing else goes in, so no file can hold a Tapis token or other app state.
pub fn export_text(
    kind: ExportKind,
    report: &Report,
    jobs: &[Job],
    ticks: &Ticks,
) -> Option<String> {
    match kind {
        ExportKind::Json => Some(export_document(report, jobs, ticks)),
        ExportKind::Csv => Some(states_csv(report)),
        ExportKind::Markdown => Some(markdown(report, ticks)),
        ExportKind::Trace => Some(chrome_trace(report)),
        ExportKind::Svg => None,
    }
}

/// Which jobs the files hold: every job loaded (the stale ones marked, their totals left
/// out unless counted), and the picture the timeline's, `timeline` of them.
pub fn exports_scope(all: usize, stale: usize, timeline: usize) -> String {
    let stale = match stale {
        0 => String::new(),
        n => format!(
            " ({} marked stale, left out of their totals unless counted)",
            words::thousands(n)
        ),
    };
    let picture = if timeline == all {
        "the picture too".to_string()
    } else {
        format!(
            "the picture the {} the timeline shows",
            words::count(timeline, "job")
        )
    };
    format!(
        "The JSON, CSV, Markdown and trace hold {}{stale}; {picture}.",
        words::all(all, "job")
    )
}

/// What the page says after a download: `Saved tapis-profile-….csv (12.3 kB).`, or why
/// it could not (`true`: an error).
pub fn saved_words(name: &str, result: Result<usize, String>) -> (String, bool) {
    match result {
        Ok(bytes) => (
            format!("Saved {name} ({}).", words::bytes(bytes as f64)),
            false,
        ),
        Err(why) => (format!("Could not save {name}: {why}"), true),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::page_reducer::{Action, AppState};

    const HISTORY: &str = include_str!(
        "../../fixtures/tapis/source-ds-history-4dfa35e1-finished-2025.reconstructed.json"
    );

    #[test]
    fn every_file_is_the_cores_and_the_picture_is_left_to_the_edge() {
        let s = AppState::default()
            .apply(Action::Import {
                name: "history.json".into(),
                text: HISTORY.into(),
            })
            .apply(Action::Check {
                item: "io-1".into(),
                checked: true,
            });
        let (r, jobs, ticks) = (&*s.report, &s.import.jobs[..], &*s.checks);
        let text = |kind| export_text(kind, r, jobs, ticks);
        assert_eq!(
            text(ExportKind::Json),
            Some(export_document(r, jobs, ticks))
        );
        assert_eq!(text(ExportKind::Csv), Some(states_csv(r)));
        assert_eq!(text(ExportKind::Markdown), Some(markdown(r, ticks)));
        assert_eq!(text(ExportKind::Trace), Some(chrome_trace(r)));
        assert_eq!(text(ExportKind::Svg), None);
        assert!(
            text(ExportKind::Json).unwrap().contains("\"io-1\""),
            "the ticks go in"
        );
    }

    #[test]
    fn the_menu_offers_every_kind_once_and_says_how_much_the_picture_shows() {
        let items = export_items(1);
        let kinds: Vec<ExportKind> = items.iter().map(|i| i.kind).collect();
        assert_eq!(kinds, ExportKind::ALL);
        let ids: std::collections::BTreeSet<&str> =
            items.iter().map(|i| i.hint_id.as_str()).collect();
        assert_eq!(ids.len(), items.len(), "{ids:?}");
        assert!(ids.contains("export-trace-json-hint"));
        let picture = |jobs| export_items(jobs).pop().unwrap().hint;
        assert_eq!(picture(1), "the one job, in this page's colours");
        assert_eq!(
            picture(MAX_SVG_ROWS),
            "all 1,000 jobs, in this page's colours"
        );
        assert_eq!(
            picture(MAX_SVG_ROWS + 1),
            format!(
                "the first {} of {} jobs, in this page's colours",
                words::thousands(MAX_SVG_ROWS),
                words::thousands(MAX_SVG_ROWS + 1)
            )
        );
    }

    #[test]
    fn the_menu_says_which_jobs_the_files_hold() {
        assert_eq!(
            exports_scope(300, 7, 146),
            "The JSON, CSV, Markdown and trace hold all 300 jobs (7 marked stale, left out of \
             their totals unless counted); the picture the 146 jobs the timeline shows."
        );
        assert_eq!(
            exports_scope(1, 0, 1),
            "The JSON, CSV, Markdown and trace hold the one job; the picture too."
        );
    }

    #[test]
    fn the_page_says_what_was_saved_or_why_not() {
        assert_eq!(
            saved_words("a.csv", Ok(12_300)),
            ("Saved a.csv (12.3 kB).".to_string(), false)
        );
        assert_eq!(
            saved_words("a.svg", Err("blocked".into())),
            ("Could not save a.svg: blocked".to_string(), true)
        );
    }
}
