//! Recommendations as a rule table (after Princeton's jobstats notes): each rule
//! has a stable id, a severity, a predicate over the analysed jobs, named
//! threshold constants, the evidence it cites from the user's own numbers, the
//! jobs it concerns, and the user guide's advice in the guide's own words.
//! Findings carry the time at stake so a UI can put the costliest first.

mod advice;
mod staged;
mod table;

use serde::{Deserialize, Serialize};

use crate::job_report::JobReport;
use crate::sort::sort_by;
use crate::texts::SharedText;

/// Where the app finds it today; its home is [`crate::format`].
pub use crate::format::format_bytes;
pub use advice::condition_advice;
pub use staged::StagedInputs;
pub use table::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Info,
    Warning,
    Critical,
}

/// A named threshold and its value, shown with the recommendation it decided.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Threshold {
    pub name: String,
    pub value: f64,
    pub unit: String,
}

/// One row of the table.
pub struct Rule {
    pub id: &'static str,
    pub level: Level,
    pub title: &'static str,
    /// Quotes from the user guide (`docs/seed/tapis-job-profiling.md`), verbatim
    /// but for its emphasis markers.
    pub advice: &'static [&'static str],
    /// (constant name, value, unit).
    pub thresholds: &'static [(&'static str, f64, &'static str)],
    /// It can judge a job known only from its job object (coarse phases);
    /// otherwise only jobs with a history.
    pub coarse: bool,
    pub check: fn(&[&JobReport]) -> Option<Finding>,
}

/// What a rule found.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Finding {
    /// Overrides the rule's level (e.g. walltime: over-request is info, hitting the limit a warning).
    pub level: Option<Level>,
    /// UUIDs of the jobs concerned: the reports' own, shared.
    pub jobs: Vec<SharedText>,
    pub evidence: Vec<String>,
    /// Seconds of the user's wall time this is about.
    pub time_at_stake: f64,
    /// Advice that depends on what was found (e.g. per failure condition).
    pub specific_advice: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Recommendation {
    pub id: String,
    pub severity: Level,
    pub title: String,
    /// Sentences citing the user's numbers.
    pub evidence: Vec<String>,
    /// UUIDs of the jobs concerned: the reports' own, shared (20,000 of them at
    /// 10,000 jobs, a copy each before: P5 in docs/performance.md).
    pub jobs: Vec<SharedText>,
    /// The user guide's advice, in its words.
    pub advice: Vec<String>,
    /// Advice specific to what was found (failure conditions), in this tool's words.
    pub specific_advice: Vec<String>,
    pub thresholds: Vec<Threshold>,
    pub time_at_stake_seconds: f64,
    /// What following it would save (`crate::savings`); `null` when that
    /// cannot be estimated, and then `savingsUnknown` says why.
    #[serde(default)]
    pub estimated_savings: Option<EstimatedSavings>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub savings_unknown: Option<String>,
}

/// A recommendation's estimated saving (`crate::savings` computes it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EstimatedSavings {
    /// Wall-time seconds saved, summed over the jobs.
    pub seconds: f64,
    pub low_seconds: f64,
    pub high_seconds: f64,
    /// The jobs the estimate covers.
    pub jobs: usize,
    /// `seconds` ÷ `jobs`.
    pub per_job_seconds: f64,
    /// `seconds` over those jobs' wall time, 0–1.
    pub share_of_wall_time: Option<f64>,
    /// How it was computed, naming its inputs.
    pub basis: String,
}

/// A check that could not judge some of the jobs, and what would let it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Unjudged {
    /// The rule's id and title.
    pub id: String,
    pub title: String,
    /// UUIDs of the jobs it could not judge.
    pub jobs: Vec<SharedText>,
    /// What those jobs lack: `without a history`.
    pub lacking: String,
    /// The data that would let it.
    pub needs: String,
}

/// What a history-only rule needs of a job without one.
pub const NEEDS_HISTORY: &str =
    "their histories (GET /v3/jobs/{uuid}/history; in the page, Live from Tapis → Fetch)";

/// Runs every rule over the jobs counted (a stale job left out is judged by
/// none); recommendations come ordered by time at stake, then severity
/// (`crate::savings::attach` then orders them by estimated saving).
pub fn evaluate(jobs: &[JobReport]) -> Vec<Recommendation> {
    let counted: Vec<&JobReport> = jobs.iter().filter(|j| j.counted()).collect();
    let mut out: Vec<Recommendation> = (0..RULES.len())
        .filter_map(|i| judge(i, &counted))
        .collect();
    order(&mut out);
    out
}

/// The `i`th of [`RULES`] over the jobs counted: a recommendation when it finds
/// something. [`evaluate`] is every rule's, then [`order`]; the analysis runs a rule a
/// step (together ~145 ms of one task at 50,000 jobs on the page, docs/performance.md).
pub fn judge(i: usize, counted: &[&JobReport]) -> Option<Recommendation> {
    let rule = RULES.get(i)?;
    (rule.check)(counted).map(|f| recommendation(rule, f))
}

/// Recommendations by time at stake, then severity.
pub fn order(recommendations: &mut [Recommendation]) {
    sort_by(recommendations, |a, b| {
        b.time_at_stake_seconds
            .total_cmp(&a.time_at_stake_seconds)
            .then(b.severity.cmp(&a.severity))
    });
}

/// For each rule that needs a history, the jobs counted that have none; for the
/// rest, the jobs with neither a history nor a coarse profile.
pub fn unjudged(jobs: &[JobReport]) -> Vec<Unjudged> {
    RULES
        .iter()
        .filter_map(|rule| {
            let missing: Vec<SharedText> = jobs
                .iter()
                .filter(|j| j.counted() && !j.has_history)
                .filter(|j| !rule.coarse || j.coarse.is_none())
                .map(|j| j.uuid.clone())
                .collect();
            (!missing.is_empty()).then(|| Unjudged {
                id: rule.id.to_string(),
                title: rule.title.to_string(),
                jobs: missing,
                lacking: if rule.coarse {
                    "with neither a history nor a job object's timestamps".to_string()
                } else {
                    "without a history".to_string()
                },
                needs: if rule.coarse {
                    "their histories, or job objects with their timestamps".to_string()
                } else {
                    NEEDS_HISTORY.to_string()
                },
            })
        })
        .collect()
}

/// The checks that could not judge the same jobs for the same reason, together.
pub struct UnjudgedGroup<'a> {
    /// The rules' ids, in the table's order.
    pub ids: Vec<&'a str>,
    pub jobs: usize,
    pub lacking: &'a str,
    pub needs: &'a str,
}

pub fn unjudged_groups(unjudged: &[Unjudged]) -> Vec<UnjudgedGroup<'_>> {
    let mut out: Vec<(UnjudgedGroup, &[SharedText])> = Vec::new();
    for u in unjudged {
        match out
            .iter_mut()
            .find(|(g, jobs)| *jobs == u.jobs.as_slice() && g.needs == u.needs)
        {
            Some((g, _)) => g.ids.push(&u.id),
            None => out.push((
                UnjudgedGroup {
                    ids: vec![&u.id],
                    jobs: u.jobs.len(),
                    lacking: &u.lacking,
                    needs: &u.needs,
                },
                &u.jobs,
            )),
        }
    }
    out.into_iter().map(|(g, _)| g).collect()
}

fn recommendation(rule: &Rule, f: Finding) -> Recommendation {
    Recommendation {
        id: rule.id.to_string(),
        severity: f.level.unwrap_or(rule.level),
        title: rule.title.to_string(),
        evidence: f.evidence,
        jobs: f.jobs,
        advice: rule.advice.iter().map(|s| s.to_string()).collect(),
        specific_advice: f.specific_advice,
        thresholds: rule
            .thresholds
            .iter()
            .map(|(name, value, unit)| Threshold {
                name: name.to_string(),
                value: *value,
                unit: unit.to_string(),
            })
            .collect(),
        time_at_stake_seconds: f.time_at_stake,
        estimated_savings: None,
        savings_unknown: None,
    }
}

#[cfg(test)]
mod tests;
