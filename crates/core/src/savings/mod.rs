//! What following a recommendation would save: seconds of wall time, summed
//! over the jobs it concerns, with a low–high range and one sentence on how it
//! was computed — from the transfer cost model ([`crate::transfer_model`]) and
//! the jobs' own numbers. Where nothing in the data says what a change would
//! buy, the saving is unknown and the reason is given instead of a guess.

use crate::analysis::anatomy::{Anatomy, Direction};
use crate::fast_hash::{FastMap, FastSet};
use crate::format::{count, format_bytes, format_duration, format_share};
use crate::job_report::{named, JobReport};
use crate::job_state::JobState;
pub use crate::rules::EstimatedSavings;
use crate::rules::{
    Recommendation, StagedInputs, MANY_FILES, SMALL_FILE_BYTES, WALLTIME_USED_MAX_SHARE,
};
use crate::sort::{sort_by, sort_by_key, total_order_key};
use crate::stats::{quantile_sorted, share};
use crate::transfer_model::{Fit, TransferModel};
use crate::what_if::WhatIf;

/// A ZIP holds at most this many bytes: the classic ZIP format's 4 GiB limit
/// (larger needs ZIP64, which not every tool reads), so a large transfer
/// becomes a few ZIPs, not one.
pub const ZIP_MAX_BYTES: f64 = 4.0 * 1024.0 * 1024.0 * 1024.0;

/// The saving of one recommendation, or why it cannot be estimated.
pub fn estimate(
    rec: &Recommendation,
    counted: &[&JobReport],
    model: &TransferModel,
    what_if: &WhatIf,
) -> Result<EstimatedSavings, String> {
    // Found only where an estimate reads them (two of them read every job instead).
    let concerned = || named(counted, &rec.jobs);
    match rec.id.as_str() {
        "slow-input-staging" => zip(&concerned(), model, &[Direction::In], |_| true),
        "many-small-files" => zip(&concerned(), model, &Direction::ALL, |a| {
            let (f, b) = (a.files.unwrap_or(0), a.bytes.unwrap_or(0));
            f >= MANY_FILES && share(b as f64, f as f64) < SMALL_FILE_BYTES
        }),
        "slow-archiving" => archive_less(&concerned(), model, what_if.archived_share),
        "repeated-inputs" => keep_in_work(counted),
        "early-failure" => fail_fast(&concerned()),
        "walltime-request" => {
            let over: Vec<&JobReport> = concerned()
                .into_iter()
                .filter(|j| {
                    j.final_status == Some(JobState::Finished)
                        && j.usage
                            .as_ref()
                            .and_then(|u| u.walltime_used_share)
                            .is_some_and(|s| s <= WALLTIME_USED_MAX_SHARE)
                })
                .collect();
            if over.is_empty() {
                return Err("the jobs hit their wall-time limit: they need more time, not less, and what that would save is not in the data".into());
            }
            smaller_requests(&over, counted, "wall time", |j| {
                j.usage.as_ref()?.max_minutes.map(f64::from)
            })
        }
        "long-queue-wait" => smaller_requests(&concerned(), counted, "node-hours", |j| {
            j.usage.as_ref()?.node_hours_requested
        }),
        "blocked-time" => Err("BLOCKED is Tapis recovering from a transient problem and redoing the step; nothing the user changes is known to shorten it".into()),
        other => Err(format!("no estimate is defined for {other}")),
    }
}

/// Every recommendation with its saving (or why not), ordered by saving,
/// largest first; those without one follow, by time at stake.
pub fn attach(
    recs: &mut [Recommendation],
    jobs: &[JobReport],
    model: &TransferModel,
    what_if: &WhatIf,
) {
    let counted: Vec<&JobReport> = jobs.iter().filter(|j| j.counted()).collect();
    for rec in recs.iter_mut() {
        price(rec, &counted, model, what_if);
    }
    order(recs);
}

/// One recommendation's saving, or why it has none, over the jobs `counted`.
pub fn price(
    rec: &mut Recommendation,
    counted: &[&JobReport],
    model: &TransferModel,
    what_if: &WhatIf,
) {
    match estimate(rec, counted, model, what_if) {
        Ok(s) => {
            rec.estimated_savings = Some(s);
            rec.savings_unknown = None;
        }
        Err(why) => {
            rec.estimated_savings = None;
            rec.savings_unknown = Some(why);
        }
    }
}

/// Ordered by saving, largest first; those without one follow, by time at stake.
pub fn order(recs: &mut [Recommendation]) {
    sort_by(recs, |a, b| {
        let s = |r: &Recommendation| r.estimated_savings.as_ref().map(|s| s.seconds);
        match (s(a), s(b)) {
            (Some(x), Some(y)) => y.total_cmp(&x),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        }
        .then(b.time_at_stake_seconds.total_cmp(&a.time_at_stake_seconds))
        .then(b.severity.cmp(&a.severity))
    });
}

fn savings(seconds: (f64, f64, f64), jobs: &[&JobReport], basis: String) -> EstimatedSavings {
    let (point, low, high) = seconds;
    let wall: f64 = jobs.iter().map(|j| j.total_seconds).sum();
    EstimatedSavings {
        seconds: point,
        low_seconds: low.min(point),
        high_seconds: high.max(point),
        jobs: jobs.len(),
        per_job_seconds: share(point, jobs.len() as f64),
        share_of_wall_time: (wall > 0.0).then(|| point / wall),
        basis,
    }
}

/// One visit the model can price: its job, fit and numbers.
struct Priced<'a> {
    job: &'a JobReport,
    direction: Direction,
    fit: &'a Fit,
    files: f64,
    bytes: f64,
    copy: f64,
}

/// The visits of `directions` in `jobs` that `keep` and the model prices, and
/// how many such visits it cannot (no copy time, files or bytes).
fn priced<'a>(
    jobs: &[&'a JobReport],
    model: &'a TransferModel,
    directions: &[Direction],
    keep: impl Fn(&Anatomy) -> bool,
) -> (Vec<Priced<'a>>, usize) {
    let (mut out, mut missing) = (Vec::new(), 0);
    for &j in jobs {
        for a in j
            .anatomy
            .iter()
            .filter(|a| directions.contains(&a.direction) && keep(a))
        {
            let fit = model.for_job(a.direction, j.exec_system.as_deref());
            match (a.sample(), fit) {
                (Some((files, bytes, copy)), Some(fit)) => out.push(Priced {
                    job: j,
                    direction: a.direction,
                    fit,
                    files,
                    bytes,
                    copy,
                }),
                _ => missing += 1,
            }
        }
    }
    (out, missing)
}

/// Σ over visits of clamp(predicted now − predicted after, 0, the visit's own
/// copy time), with its range: one sum per set of coefficients.
fn predicted_saving(visits: &[Priced], after: impl Fn(&Priced) -> (f64, f64)) -> (f64, f64, f64) {
    // Visits grouped by fit, so each fit's replicates price all of its visits together.
    let mut by_fit: Vec<(&Fit, Vec<&Priced>)> = Vec::new();
    for v in visits {
        match by_fit.iter_mut().find(|(f, _)| std::ptr::eq(*f, v.fit)) {
            Some((_, vs)) => vs.push(v),
            None => by_fit.push((v.fit, vec![v])),
        }
    }
    let mut total = (0.0, 0.0, 0.0);
    for (fit, vs) in by_fit {
        let (p, l, h) = fit.range_of(|predict| {
            vs.iter()
                .map(|v| {
                    let (f, b) = after(v);
                    (predict(v.files, v.bytes) - predict(f, b)).clamp(0.0, v.copy)
                })
                .sum()
        });
        total = (total.0 + p, total.1 + l, total.2 + h);
    }
    total
}

fn jobs_of<'a>(visits: &[Priced<'a>]) -> Vec<&'a JobReport> {
    let mut seen = FastSet::default();
    visits
        .iter()
        .filter(|v| seen.insert(v.job as *const JobReport))
        .map(|v| v.job)
        .collect()
}

/// "the input-staging model (…)" for the fits used.
fn model_words(visits: &[Priced]) -> String {
    let mut seen: Vec<&str> = Vec::new();
    for v in visits {
        if !seen.contains(&v.fit.basis.as_str()) {
            seen.push(&v.fit.basis);
        }
    }
    seen.join("; ")
}

fn not_priced(missing: usize) -> String {
    if missing == 0 {
        String::new()
    } else {
        format!(
            " {} without files, bytes and copy time known {} not counted.",
            count(missing, "transfer"),
            if missing == 1 { "is" } else { "are" }
        )
    }
}

/// ZIP the files of each visit: as many ZIPs as [`ZIP_MAX_BYTES`] needs.
fn zip(
    jobs: &[&JobReport],
    model: &TransferModel,
    directions: &[Direction],
    keep: impl Fn(&Anatomy) -> bool,
) -> Result<EstimatedSavings, String> {
    let (visits, missing) = priced(jobs, model, directions, keep);
    if visits.is_empty() {
        return Err(format!(
            "no transfer of these jobs has files, bytes and copy time known{}",
            if model.0.is_empty() {
                ", and no transfer cost model could be fitted"
            } else {
                ""
            }
        ));
    }
    let zips = |v: &Priced| (v.bytes / ZIP_MAX_BYTES).ceil().max(1.0);
    let files: f64 = visits.iter().map(|v| v.files).sum();
    let after: f64 = visits.iter().map(zips).sum();
    let has = |d: Direction| visits.iter().any(|v| v.direction == d);
    let which = match (has(Direction::In), has(Direction::Out)) {
        (true, false) => "inputs",
        (false, true) => "outputs",
        _ => "inputs and outputs",
    };
    let basis = format!(
        "Zipping the {which} of {} ({} files in {} → {} ZIP{} of at most {}): each copy's time predicted before and after by the transfer cost model, the difference held between zero and the copy's own time; zipping and unzipping (which move into RUNNING) not counted. Model: {}.{}",
        count(jobs_of(&visits).len(), "job"),
        crate::format::format_count(files as u64),
        count(visits.len(), "transfer"),
        crate::format::format_count(after as u64),
        if after == 1.0 { "" } else { "s" },
        format_bytes(ZIP_MAX_BYTES),
        model_words(&visits),
        not_priced(missing)
    );
    let total = predicted_saving(&visits, |v| (zips(v), v.bytes));
    Ok(savings(total, &jobs_of(&visits), basis))
}

/// Archive only `share` of today's files and bytes.
fn archive_less(
    jobs: &[&JobReport],
    model: &TransferModel,
    share_kept: f64,
) -> Result<EstimatedSavings, String> {
    let (visits, missing) = priced(jobs, model, &[Direction::Out], |_| true);
    if visits.is_empty() {
        let coarse = jobs.iter().filter(|j| !j.has_history).count();
        return Err(if coarse > 0 {
            format!("{} known only from job objects: without a history there is no archive transfer to price", count(coarse, "job"))
        } else {
            "no archive transfer of these jobs has files, bytes and copy time known".into()
        });
    }
    let basis = format!(
        "Archiving only final outputs, taken as {} of today's files and bytes (an assumption to move: the page's control, the CLI's --archived-share), for {}: each archive copy's time predicted before and after by the transfer cost model, the difference held between zero and the copy's own time. Model: {}.{}",
        format_share(share_kept),
        count(jobs_of(&visits).len(), "job"),
        model_words(&visits),
        not_priced(missing)
    );
    let total = predicted_saving(&visits, |v| (v.files * share_kept, v.bytes * share_kept));
    Ok(savings(total, &jobs_of(&visits), basis))
}

/// Inputs kept in Work are not staged again: every job that staged a URL some
/// earlier job staged saves its input staging. The copy time is the estimate;
/// the whole STAGING_INPUTS visit the most (the wait and lag go too when
/// nothing is staged); the share of its inputs that repeat the least.
fn keep_in_work(counted: &[&JobReport]) -> Result<EstimatedSavings, String> {
    let inputs = StagedInputs::of(counted);
    let mut first_seen = vec![false; inputs.len()];
    let (mut point, mut low, mut high) = (0.0, 0.0, 0.0);
    let (mut jobs, mut untimed) = (Vec::new(), 0);
    for &j in counted {
        // A job's repeats: the repeated URLs an earlier job (or this one, before) staged.
        let mut again = 0;
        for n in j.staged_inputs.iter().map(|url| inputs.number(url)) {
            if inputs.repeated(n) {
                again += usize::from(first_seen[n]);
                first_seen[n] = true;
            }
        }
        if again == 0 {
            continue;
        }
        let staging = j.seconds_in(&JobState::StagingInputs);
        let copy: Option<f64> = j
            .anatomy
            .iter()
            .filter(|a| a.direction == Direction::In)
            .map(|a| a.copying_seconds)
            .sum();
        if !j.has_history {
            untimed += 1;
            continue;
        }
        let own = copy.unwrap_or(staging);
        point += own;
        low += own * share(again as f64, j.staged_inputs.len() as f64);
        high += staging.max(own);
        jobs.push(j);
    }
    if jobs.is_empty() {
        return Err(if untimed > 0 {
            format!(
                "{} that staged repeated inputs {} no history: {} staging time is not known",
                crate::format::the(untimed, "job"),
                if untimed == 1 { "has" } else { "have" },
                if untimed == 1 { "its" } else { "their" }
            )
        } else {
            "no job staged an input an earlier job had staged".into()
        });
    }
    let basis = format!(
        "Keeping the repeated inputs in Work for {} that staged an input an earlier job had staged: each saves its input copy time (its whole STAGING_INPUTS without a timed copy); at most the whole STAGING_INPUTS, at least the share of its inputs that repeat.{}",
        count(jobs.len(), "job"),
        if untimed > 0 { format!(" {} without a history not counted.", count(untimed, "job")) } else { String::new() }
    );
    Ok(savings((point, low, high), &jobs, basis))
}

/// A check before submission would have caught the early failures: at least
/// their staging is saved, at most all their time.
fn fail_fast(jobs: &[&JobReport]) -> Result<EstimatedSavings, String> {
    let timed: Vec<&JobReport> = jobs.iter().copied().filter(|j| j.has_history).collect();
    if timed.is_empty() {
        return Err("the failed jobs have no history: their staging time is not known".into());
    }
    let staging: f64 = timed
        .iter()
        .map(|j| j.seconds_in(&JobState::StagingInputs))
        .sum();
    let all: f64 = timed.iter().map(|j| j.total_seconds).sum();
    let basis = format!(
        "Failing fast (checking inputs and configuration before submitting) for {}: their STAGING_INPUTS time, burned before they failed; at most all their time up to the failure.{}",
        count(timed.len(), "job"),
        match jobs.len() - timed.len() {
            0 => String::new(),
            n => format!(" {} without a history not counted.", count(n, "job")),
        }
    );
    Ok(savings((staging, staging, all), &timed, basis))
}

/// A smaller request waits as long as the jobs in the same system and queue
/// that asked for less (by `request`): each job saves its QUEUED time less their
/// median wait (range: their upper to lower quartile), where such jobs exist.
fn smaller_requests<'a>(
    jobs: &[&'a JobReport],
    counted: &[&'a JobReport],
    what: &str,
    request: impl Fn(&JobReport) -> Option<f64>,
) -> Result<EstimatedSavings, String> {
    let queue_of = |j: &'a JobReport| Some((j.exec_system.as_deref()?, j.queue.as_deref()?));
    // Each queue's waits with their requests, once, ordered by request (so the waits
    // below a request are a prefix); the quantiles of the waits below each request
    // asked about, once per queue and request.
    let mut by_queue: FastMap<(&str, &str), Vec<(f64, f64)>> = FastMap::default();
    for o in counted
        .iter()
        .filter(|o| o.has_history && o.visits.get(&JobState::Queued).is_some())
    {
        // A request that is not a number is below none (as `<` says), so it is left out.
        if let (Some(q), Some(r)) = (queue_of(o), request(o).filter(|r| !r.is_nan())) {
            by_queue
                .entry(q)
                .or_default()
                .push((r, o.seconds_in(&JobState::Queued)));
        }
    }
    for waits in by_queue.values_mut() {
        sort_by_key(waits, |(r, _)| total_order_key(*r));
    }
    let mut quantiles: FastMap<(&str, &str, u64), Option<[f64; 4]>> = FastMap::default();
    let (mut point, mut low, mut high) = (0.0, 0.0, 0.0);
    let mut covered = Vec::new();
    let mut compared = 0;
    for &j in jobs.iter().filter(|j| j.has_history) {
        let (Some(q), Some(r)) = (queue_of(j), request(j)) else {
            continue;
        };
        let found = *quantiles.entry((q.0, q.1, r.to_bits())).or_insert_with(|| {
            let asked = by_queue.get(&q).map_or(&[][..], Vec::as_slice);
            let below = asked.partition_point(|(x, _)| *x < r);
            let mut waits: Vec<f64> = asked[..below].iter().map(|(_, w)| *w).collect();
            waits.sort_unstable_by(f64::total_cmp);
            (!waits.is_empty()).then(|| {
                [0.25, 0.5, 0.75]
                    .map(|p| quantile_sorted(&waits, p))
                    .into_iter()
                    .chain([waits.len() as f64])
                    .collect::<Vec<f64>>()
                    .try_into()
                    .expect("four")
            })
        });
        let Some([q25, q50, q75, n]) = found else {
            continue;
        };
        compared += n as usize;
        let wait = j.seconds_in(&JobState::Queued);
        let save = |w: f64| (wait - w).max(0.0);
        point += save(q50);
        low += save(q75);
        high += save(q25);
        covered.push(j);
    }
    if covered.is_empty() {
        return Err(format!(
            "no job in the same system and queue asked for less {what}, so what a smaller request would wait is not in the data"
        ));
    }
    let basis = format!(
        "Requesting less {what} for {}: each job's QUEUED time less the median QUEUED time of the jobs in its system and queue that asked for less ({} such waits compared; range: their upper to lower quartile). Queue waits also depend on the system's load, which the data does not show.",
        count(covered.len(), "job"),
        crate::format::format_count(compared as u64)
    );
    Ok(savings((point, low, high), &covered, basis))
}

#[cfg(test)]
mod tests;

impl EstimatedSavings {
    /// "saves 4 min 30 s (3 min – 5 min; 1 min 30 s a job, 12.3 % of their wall
    /// time)": one wording for the CLI, the Markdown report and the page.
    pub fn headline(&self) -> String {
        let range = if self.low_seconds == self.high_seconds {
            "no range".to_string()
        } else {
            format!(
                "{} – {}",
                format_duration(self.low_seconds),
                format_duration(self.high_seconds)
            )
        };
        let per_job = if self.jobs > 1 {
            format!("; {} a job", format_duration(self.per_job_seconds))
        } else {
            String::new()
        };
        let of_wall = self
            .share_of_wall_time
            .map(|s| format!(", {} of their wall time", format_share(s)))
            .unwrap_or_default();
        format!(
            "saves {} ({range}{per_job}{of_wall})",
            format_duration(self.seconds)
        )
    }
}

/// A recommendation's saving in a line: its headline, or why it is unknown.
pub fn savings_line(rec: &Recommendation) -> String {
    match (&rec.estimated_savings, &rec.savings_unknown) {
        (Some(s), _) => format!("Estimated: {}.", s.headline()),
        (None, Some(why)) => format!("Saving not estimated: {why}."),
        (None, None) => "Saving not estimated.".to_string(),
    }
}
