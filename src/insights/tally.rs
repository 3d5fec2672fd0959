//! The I/O checklist's tally in words, from the core's count (`checklist::tally`, which the
//! Markdown export also writes): how many items are done, how many need attention, how
//! many the data cannot judge, and how many the user ticked.

use tapis_profile::checklist::{tally, ChecklistSection, Ticks, Verdict};

use crate::model::words::thousands;

/// The tally: `9 of 14 done`, then ` · 2 need attention · 3 the data cannot judge · 1
/// ticked by you` (the last only when the user ticked any).
pub fn tally_words(sections: &[ChecklistSection], ticks: &Ticks) -> (String, String) {
    let t = tally(sections, ticks);
    let unknown = sections
        .iter()
        .flat_map(|s| &s.items)
        .filter(|i| i.verdict == Verdict::Unknown)
        .count();
    let done = format!("{} of {} done", thousands(t.ticked), thousands(t.items));
    let mut rest = format!(
        " · {} {} attention · {} the data cannot judge",
        thousands(t.attention),
        if t.attention == 1 { "needs" } else { "need" },
        thousands(unknown)
    );
    if t.ticked_by_user > 0 {
        rest.push_str(&format!(" · {} ticked by you", thousands(t.ticked_by_user)));
    }
    (done, rest)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::page_reducer::{Action, AppState};

    const HISTORY: &str = include_str!(
        "../../fixtures/tapis/source-ds-history-4dfa35e1-finished-2025.reconstructed.json"
    );

    #[test]
    fn the_tally_counts_the_verdicts_and_the_users_ticks() {
        let s = AppState::default().apply(Action::Import {
            name: "h.json".into(),
            text: HISTORY.into(),
        });
        let report = s.report.clone();
        let items: Vec<_> = report.checklist.iter().flat_map(|s| &s.items).collect();
        let count = |v: Verdict| items.iter().filter(|i| i.verdict == v).count();
        let (done, rest) = tally_words(&s.report.checklist, &s.checks);
        assert_eq!(
            done,
            format!("{} of {} done", count(Verdict::Pass), items.len())
        );
        let attention = count(Verdict::Attention);
        let verb = if attention == 1 { "needs" } else { "need" };
        assert_eq!(
            rest,
            format!(
                " · {attention} {verb} attention · {} the data cannot judge",
                count(Verdict::Unknown)
            )
        );
        let unknown = items
            .iter()
            .find(|i| i.verdict == Verdict::Unknown)
            .expect("some item the data cannot judge");
        let s = s.apply(Action::Check {
            item: unknown.id.clone(),
            checked: true,
        });
        let (done, rest) = tally_words(&s.report.checklist, &s.checks);
        assert_eq!(
            done,
            format!("{} of {} done", count(Verdict::Pass) + 1, items.len())
        );
        assert!(rest.ends_with(" · 1 ticked by you"), "{rest}");
    }
}
