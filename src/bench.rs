//! What `./x bench` measures in the browser (feature `bench`; the shipped app is
//! built without it): the pipeline the page runs on an input, called from
//! JavaScript with the same text `JSON.parse` gets in the same page.
//!
//! The text goes in as UTF-8 bytes (`TextEncoder`, then one copy into wasm
//! memory). A `&str` argument costs far more at this size: wasm-bindgen copies
//! it a character at a time in JavaScript (`benchPipelineStr` shows how much).

use std::borrow::Cow;

use tapis_profile::analysis::{analyse, Analysis, Options, Phase};
use tapis_profile::import::utf8_lossy;
use tapis_profile::{assemble, profile, read_input, read_input_itemwise, Import, JobState};
use wasm_bindgen::prelude::*;

/// Reads, assembles and analyses one input as the page does (`read_input` →
/// `assemble` → `analyse`); returns how many jobs the report holds, so the work
/// cannot be skipped and the benchmark can check it.
#[wasm_bindgen(js_name = benchPipeline)]
pub fn bench_pipeline(bytes: &[u8]) -> usize {
    pipeline(&utf8_lossy(bytes))
}

/// [`bench_pipeline`] on a JavaScript string, to show what handing it over costs.
#[wasm_bindgen(js_name = benchPipelineStr)]
pub fn bench_pipeline_str(text: &str) -> usize {
    pipeline(text)
}

/// The least any serde_json-based reader can do with these bytes: check the
/// UTF-8 and walk the JSON without keeping anything. What this costs against
/// `JSON.parse` bounds how close the pipeline can get to it.
#[wasm_bindgen(js_name = benchFloor)]
pub fn bench_floor(bytes: &[u8]) -> bool {
    let text = utf8_lossy(bytes);
    serde_json::from_str::<serde::de::IgnoredAny>(&text).is_ok()
}

/// The read alone, its records freed: `read_input`, or with `before` the read it
/// replaced (a bundle's and a history response's events read as whole items first:
/// `read_input_itemwise`), so both are timed in one run. Returns how many events were read.
#[wasm_bindgen(js_name = benchRead)]
pub fn bench_read(bytes: &[u8], before: bool) -> usize {
    let text = utf8_lossy(bytes);
    let records = if before {
        read_input_itemwise("bench", &text)
    } else {
        read_input("bench", &text)
    };
    records.event_count()
}

fn pipeline(text: &str) -> usize {
    let records = [read_input("bench", text)];
    let import = assemble(&records);
    analyse(&import, &Options::default()).jobs.len()
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = performance)]
    fn now() -> f64;
}

/// [`bench_pipeline`] stage by stage: milliseconds checking the UTF-8, in
/// `read_input`, `assemble`, the analysis by [`Phase`] (each job's facts, the statistics
/// across jobs, the transfer model, the rules with savings, goodput and the checklist),
/// and freeing what they made; then the least an analysis does: each job's time per state,
/// added up per state over all jobs ([`per_state_floor`]).
#[wasm_bindgen(js_name = benchStages)]
pub fn bench_stages(bytes: &[u8]) -> Vec<f64> {
    let t0 = now();
    let text: Cow<str> = utf8_lossy(bytes);
    let t1 = now();
    let records = [read_input("bench", &text)];
    let t2 = now();
    let import = assemble(&records);
    let t3 = now();
    let options = Options::default();
    let mut analysis = Analysis::of(&import, &options);
    let phases = [Phase::Jobs, Phase::Statistics, Phase::Model, Phase::Judging];
    let mut by_phase = [0.0; 4];
    loop {
        let k = phases.iter().position(|p| *p == analysis.phase());
        let a = now();
        let done = analysis.step(1_000);
        if let Some(k) = k {
            by_phase[k] += now() - a;
        }
        if done {
            break;
        }
    }
    let a = now();
    let report = analysis.finish();
    by_phase[3] += now() - a;
    let t4 = now();
    let floor = per_state_floor(&import);
    let t5 = now();
    drop((report, import, records));
    let t6 = now();
    let mut out = vec![t1 - t0, t2 - t1, t3 - t2];
    out.extend(by_phase);
    out.extend([t6 - t5, t5 - t4, floor]);
    out
}

/// The least an analysis of these jobs does: each job's time in each state (its
/// history's visits, as the core profiles them), added up per state over all jobs.
/// What a plain tool would compute after `JSON.parse`; returns the seconds in all.
fn per_state_floor(import: &Import) -> f64 {
    // By lifecycle order: the submission gap, then the known states.
    let mut seconds = [0.0; JobState::PLACES];
    for job in &import.jobs {
        for t in profile(job, None).totals {
            if t.state.is_known() {
                seconds[t.state.order()] += t.seconds;
            }
        }
    }
    seconds.iter().sum()
}
