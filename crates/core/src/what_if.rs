//! The user's own assumptions behind "what a change would save": how much of
//! today's output would still be archived if only final outputs were, and what
//! a node-hour costs in each system's queue (service units, SUs). They go into
//! the analysis as an option, come out in the report and the JSON export, and
//! an export read back brings them back (as it does the checklist ticks). The
//! types live in `model` (data the import carries, beneath it); here are their
//! defaults and edits.

use crate::model::{archived_share, valid_rate};
pub use crate::model::{ChargeRate, ChargeRates, WhatIf};

/// "Archive only final outputs", until the user says otherwise: a tenth of the
/// files and bytes still archived. An example to move, not a measurement: the
/// page has a control for it, the CLI `--archived-share`.
pub const DEFAULT_ARCHIVED_SHARE: f64 = 0.1;

impl Default for WhatIf {
    fn default() -> Self {
        WhatIf {
            archived_share: DEFAULT_ARCHIVED_SHARE,
            charge_rates: ChargeRates::default(),
        }
    }
}

impl WhatIf {
    /// The share as given, held within 0–1 (a share outside it means nothing).
    pub fn with_archived_share(self, share: f64) -> WhatIf {
        WhatIf {
            archived_share: archived_share(share).unwrap_or(self.archived_share),
            ..self
        }
    }
}

/// TACC's published charge rates, SUs per node-hour, as each system's user guide
/// lists them ("Production Queues" tables; queue limits and rates are "subject to
/// change without notice"): TACC/TACC-Docs at 13433755c397f0204790e5c52744a06081d1f4ad,
/// `docs/hpc/3stampede/running.md` (Stampede3, table 8), `docs/hpc/frontera/running.md`
/// (Frontera, table 6) and `docs/hpc/6lonestar/running.md` (Lonestar6, table 5),
/// published at docs.tacc.utexas.edu/hpc/{stampede3,frontera,lonestar6}/. The
/// systems are named by their DesignSafe Tapis ids.
pub const TACC_RATES: &[(&str, &str, f64)] = &[
    ("stampede3", "skx", 1.0),
    ("stampede3", "skx-dev", 1.0),
    ("stampede3", "icx", 1.5),
    ("stampede3", "spr", 2.0),
    ("stampede3", "pvc", 3.0),
    ("stampede3", "h100", 4.0),
    ("stampede3", "nvdimm", 4.0),
    ("frontera", "flex", 0.8),
    ("frontera", "development", 1.0),
    ("frontera", "normal", 1.0),
    ("frontera", "large", 1.0),
    ("frontera", "small", 1.0),
    ("frontera", "nvdimm", 2.0),
    ("frontera", "rtx", 3.0),
    ("frontera", "rtx-dev", 3.0),
    ("ls6", "development", 1.0),
    ("ls6", "normal", 1.0),
    ("ls6", "large", 1.0),
    ("ls6", "vm-small", 0.143),
    ("ls6", "gpu-a100-small", 1.5),
    ("ls6", "gpu-a100", 4.0),
    ("ls6", "gpu-a100-dev", 4.0),
    ("ls6", "gpu-h100", 6.0),
];

/// Where [`TACC_RATES`] come from, in a line a person can follow.
pub const TACC_RATES_SOURCE: &str = "TACC's user guides (docs.tacc.utexas.edu: Stampede3, Frontera, Lonestar6 production queues), as published in 2025";

impl Default for ChargeRates {
    fn default() -> Self {
        ChargeRates(
            TACC_RATES
                .iter()
                .map(|(system, queue, rate)| ChargeRate {
                    system: system.to_string(),
                    queue: queue.to_string(),
                    su_per_node_hour: *rate,
                })
                .collect(),
        )
    }
}

impl ChargeRates {
    /// The rate of a system's queue (names compared without case); `None` when
    /// the table has no row for it: its node-hours cannot be priced.
    pub fn rate(&self, system: &str, queue: &str) -> Option<f64> {
        self.0
            .iter()
            .find(|r| r.system.eq_ignore_ascii_case(system) && r.queue.eq_ignore_ascii_case(queue))
            .map(|r| r.su_per_node_hour)
    }

    /// The table with one rate set: the row changed, or added when it is new.
    /// A rate that is not a finite number ≥ 0 removes the row (the queue is
    /// then unpriced).
    pub fn with_rate(mut self, system: &str, queue: &str, rate: f64) -> ChargeRates {
        let at = self.0.iter().position(|r| {
            r.system.eq_ignore_ascii_case(system) && r.queue.eq_ignore_ascii_case(queue)
        });
        let valid = valid_rate(rate);
        match (at, valid) {
            (Some(i), true) => self.0[i].su_per_node_hour = rate,
            (Some(i), false) => {
                self.0.remove(i);
            }
            (None, true) => self.0.push(ChargeRate {
                system: system.to_string(),
                queue: queue.to_string(),
                su_per_node_hour: rate,
            }),
            (None, false) => {}
        }
        self
    }

    /// Whether the queue's rate is TACC's published one (not changed or added by the user).
    pub fn is_default(&self, system: &str, queue: &str) -> bool {
        let published = TACC_RATES
            .iter()
            .find(|(s, q, _)| s.eq_ignore_ascii_case(system) && q.eq_ignore_ascii_case(queue))
            .map(|(_, _, r)| *r);
        published.is_some() && published == self.rate(system, queue)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn taccs_published_rates_are_the_default() {
        let r = ChargeRates::default();
        assert_eq!(r.rate("stampede3", "skx"), Some(1.0));
        assert_eq!(r.rate("Stampede3", "ICX"), Some(1.5), "names without case");
        assert_eq!(r.rate("stampede3", "spr"), Some(2.0));
        assert_eq!(r.rate("stampede3", "pvc"), Some(3.0));
        assert_eq!(r.rate("frontera", "rtx"), Some(3.0));
        assert_eq!(r.rate("ls6", "gpu-a100"), Some(4.0));
        assert_eq!(
            r.rate("wma-exec-01", ""),
            None,
            "an unknown queue is unpriced"
        );
        assert!(r.is_default("stampede3", "skx"));
    }

    #[test]
    fn the_user_changes_adds_and_removes_rates() {
        let r = ChargeRates::default()
            .with_rate("stampede3", "skx", 1.25)
            .with_rate("mycluster", "batch", 0.5)
            .with_rate("frontera", "flex", f64::NAN);
        assert_eq!(r.rate("stampede3", "skx"), Some(1.25));
        assert!(!r.is_default("stampede3", "skx"));
        assert_eq!(r.rate("mycluster", "batch"), Some(0.5));
        assert!(!r.is_default("mycluster", "batch"));
        assert_eq!(r.rate("frontera", "flex"), None);
        assert_eq!(
            r.clone().with_rate("x", "y", -1.0),
            r,
            "no row for a negative rate"
        );
    }

    #[test]
    fn the_archived_share_stays_a_share() {
        let w = WhatIf::default();
        assert_eq!(w.archived_share, DEFAULT_ARCHIVED_SHARE);
        assert_eq!(w.clone().with_archived_share(1.7).archived_share, 1.0);
        assert_eq!(w.clone().with_archived_share(-1.0).archived_share, 0.0);
        assert_eq!(
            w.with_archived_share(f64::NAN).archived_share,
            DEFAULT_ARCHIVED_SHARE
        );
    }
}
