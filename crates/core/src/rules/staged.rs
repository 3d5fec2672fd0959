//! The input URLs the jobs staged, each distinct URL numbered once, and how
//! often it was staged: what the repeated-inputs rule and its saving both read
//! ("repeated" is staged at least [`REPEATED_INPUT_MIN_JOBS`] times). The URLs
//! are shared texts, so each occurrence is found by its address and each address
//! by its text only once (a few, not one per job and URL: the rule and its saving
//! each read the URLs of 50,000 jobs, in ordered maps by text ~6 and ~20 ms
//! natively, docs/performance.md).

use super::table::REPEATED_INPUT_MIN_JOBS;
use crate::fast_hash::FastMap;
use crate::job_report::JobReport;
use crate::texts::{address, SharedText};

pub struct StagedInputs<'a> {
    /// Each distinct URL, in the order first staged.
    texts: Vec<&'a str>,
    /// How often each was staged (a job that lists a URL twice staged it twice).
    staged: Vec<usize>,
    /// Each address's URL number.
    numbers: FastMap<usize, usize>,
}

impl<'a> StagedInputs<'a> {
    pub fn of(jobs: &[&'a JobReport]) -> StagedInputs<'a> {
        let mut by_text: FastMap<&'a str, usize> = FastMap::default();
        let mut out = StagedInputs {
            texts: Vec::new(),
            staged: Vec::new(),
            numbers: FastMap::default(),
        };
        for url in jobs.iter().flat_map(|j| &j.staged_inputs) {
            let n = match out.numbers.get(&address(url)) {
                Some(&n) => n,
                None => {
                    let n = *by_text.entry(&**url).or_insert_with(|| {
                        out.texts.push(url);
                        out.staged.push(0);
                        out.texts.len() - 1
                    });
                    out.numbers.insert(address(url), n);
                    n
                }
            };
            out.staged[n] += 1;
        }
        out
    }

    /// The number of `url`, one of the given jobs' own.
    pub fn number(&self, url: &SharedText) -> usize {
        self.numbers[&address(url)]
    }

    pub fn text(&self, n: usize) -> &'a str {
        self.texts[n]
    }

    /// How many URLs there are: their numbers are `0..len()`.
    pub fn len(&self) -> usize {
        self.texts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.texts.is_empty()
    }

    pub fn repeated(&self, n: usize) -> bool {
        self.staged[n] >= REPEATED_INPUT_MIN_JOBS
    }

    /// The repeated URLs' numbers, in the order of their texts.
    pub fn repeated_by_text(&self) -> Vec<usize> {
        let mut out: Vec<usize> = (0..self.len()).filter(|&n| self.repeated(n)).collect();
        out.sort_unstable_by_key(|&n| self.texts[n]);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_url_is_one_number_whichever_copy_of_its_text_a_job_holds() {
        let report = crate::test_jobs::synthetic_report(4, 1, 0);
        let shared = SharedText::from("tapis://s/b");
        let mut jobs = report.jobs.clone();
        // Inputs read separately hold their own copies of one text; a job may list a URL twice.
        jobs[0].staged_inputs = vec![shared.clone(), "tapis://s/a".into()];
        jobs[1].staged_inputs = vec!["tapis://s/b".into(), shared.clone()];
        jobs[2].staged_inputs = vec!["tapis://s/a".into()];
        jobs[3].staged_inputs = vec![shared.clone(), "tapis://s/c".into()];
        let refs: Vec<&JobReport> = jobs.iter().collect();
        let inputs = StagedInputs::of(&refs);
        assert_eq!(inputs.len(), 3);
        let b = inputs.number(&shared);
        assert_eq!(inputs.number(&jobs[1].staged_inputs[0]), b);
        assert_eq!(inputs.text(b), "tapis://s/b");
        assert!(inputs.repeated(b), "staged four times, once by a copy");
        let a = inputs.number(&jobs[2].staged_inputs[0]);
        assert_eq!(inputs.number(&jobs[0].staged_inputs[1]), a);
        assert!(!inputs.repeated(a), "staged twice");
        assert_eq!(inputs.repeated_by_text(), vec![b]);
    }
}
