//! A STAGING_INPUTS or ARCHIVING visit's parts in words: the core's transfer
//! anatomy (`tapis_profile::analysis::anatomy`, one definition), as the job's
//! detail and the timeline's tooltip both say them. A part the summaries do not
//! give is "unknown", never 0 s: the visit's notes say why.

use tapis_profile::analysis::anatomy::Anatomy;

use super::words::{bytes, format_duration, format_share, thousands};

/// One part of a visit: its key (the page's `data-part`), its label, its seconds
/// (`None`: not known).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Part {
    pub key: &'static str,
    pub label: &'static str,
    pub seconds: Option<f64>,
}

impl Part {
    /// `12.4 s`, or `unknown`.
    pub fn value(&self) -> String {
        self.seconds
            .map_or_else(|| "unknown".into(), format_duration)
    }

    /// Its share of the visit (0 when unknown or the visit has no length).
    pub fn share(&self, a: &Anatomy) -> f64 {
        match self.seconds {
            Some(s) if a.state_seconds > 0.0 => s / a.state_seconds,
            _ => 0.0,
        }
    }
}

/// Waiting, copying, completion lag and the unexplained rest, in time order (the
/// rest last: it includes the parts not known).
pub fn parts(a: &Anatomy) -> [Part; 4] {
    [
        Part {
            key: "waiting",
            label: "Waiting",
            seconds: a.waiting_seconds,
        },
        Part {
            key: "copying",
            label: "Copying",
            seconds: a.copying_seconds,
        },
        Part {
            key: "lag",
            label: "Completion lag",
            seconds: a.lag_seconds,
        },
        Part {
            key: "rest",
            label: "Unexplained",
            seconds: Some(a.rest_seconds),
        },
    ]
}

/// What was copied: `5,069 files, 150.9 MB`; `None` when the summaries say neither.
pub fn what_was_copied(a: &Anatomy) -> Option<String> {
    let files = a.files.map(|f| match f {
        1 => "1 file".to_string(),
        f => format!("{} files", thousands(f as usize)),
    });
    let size = a.bytes.map(|b| bytes(b as f64));
    match (files, size) {
        (None, None) => None,
        (f, s) => Some([f, s].into_iter().flatten().collect::<Vec<_>>().join(", ")),
    }
}

/// The tooltip's lines for the visit: each part with its share of the state,
/// what was copied, and the data-quality notes.
pub fn tip_lines(a: &Anatomy) -> Vec<(&'static str, String)> {
    let mut lines: Vec<(&'static str, String)> = parts(a)
        .iter()
        .map(|p| {
            let value = match p.seconds {
                Some(_) => format!("{} ({})", p.value(), format_share(p.share(a))),
                None => p.value(),
            };
            (p.label, value)
        })
        .collect();
    if let Some(copied) = what_was_copied(a) {
        lines.push(("Copied", copied));
    }
    if !a.notes.is_empty() {
        lines.push(("Data quality", a.notes.join("; ")));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::page_reducer::{Action, AppState};
    use tapis_profile::analysis::anatomy::Direction;

    /// The real sample job (fixture 4dfa35e1): its one ARCHIVING visit.
    fn sample_archiving() -> Anatomy {
        let text = include_str!(
            "../../fixtures/tapis/source-ds-history-4dfa35e1-finished-2025.reconstructed.json"
        );
        let s = AppState::default().apply(Action::Import {
            name: "h.json".into(),
            text: text.into(),
        });
        s.report.jobs[0]
            .anatomy
            .iter()
            .find(|a| a.direction == Direction::Out)
            .cloned()
            .expect("an ARCHIVING visit")
    }

    #[test]
    fn the_sample_jobs_archiving_part_by_part() {
        let a = sample_archiving();
        let p = parts(&a);
        assert_eq!(
            p.map(|p| p.value()),
            ["12.4 s", "2 min 52 s", "31.0 s", "0.0 s"]
        );
        let shares: f64 = p.iter().map(|p| p.share(&a)).sum();
        assert!((shares - 1.0).abs() < 1e-9, "the parts fill the state");
        let lines = tip_lines(&a);
        assert_eq!(lines[0].0, "Waiting");
        assert_eq!(lines[1], ("Copying", "2 min 52 s (79.8 %)".to_string()));
        assert_eq!(lines[4], ("Copied", "5,069 files, 150.9 MB".to_string()));
        assert_eq!(lines.len(), 5, "no note on a clean summary");
    }

    #[test]
    fn an_odd_summary_says_unknown_and_why() {
        let a = Anatomy {
            direction: Direction::In,
            segment: 0,
            state_seconds: 120.0,
            waiting_seconds: None,
            copying_seconds: None,
            lag_seconds: Some(10.0),
            rest_seconds: 110.0,
            files: Some(1),
            bytes: None,
            notes: vec!["no startTime, only an endTime".into()],
        };
        let lines = tip_lines(&a);
        assert_eq!(lines[0], ("Waiting", "unknown".to_string()));
        assert_eq!(lines[1], ("Copying", "unknown".to_string()));
        assert_eq!(lines[3], ("Unexplained", "1 min 50 s (91.7 %)".to_string()));
        assert_eq!(lines[4], ("Copied", "1 file".to_string()));
        assert_eq!(
            lines[5],
            ("Data quality", "no startTime, only an endTime".to_string())
        );
        assert_eq!(parts(&a)[0].share(&a), 0.0);
    }
}
