//! What `./x bench` measures in the browser (feature `bench`; the shipped app is
//! built without it): the pipeline the page runs on an input, called from
//! JavaScript with the same text `JSON.parse` gets in the same page.
//!
//! The text goes in as UTF-8 bytes (`TextEncoder`, then one copy into wasm
//! memory). A `&str` argument costs far more at this size: wasm-bindgen copies
//! it a character at a time in JavaScript (`benchPipelineStr` shows how much).

use std::borrow::Cow;

use tapis_profile::analysis::{analyse, Options};
use tapis_profile::import::utf8_lossy;
use tapis_profile::{assemble, read_input, read_input_itemwise};
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
/// replaced (a bundle's events read as whole items first: `read_input_itemwise`),
/// so both are timed in one run. Returns how many events were read.
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
/// `read_input`, `assemble`, `analyse`, and freeing what they made.
#[wasm_bindgen(js_name = benchStages)]
pub fn bench_stages(bytes: &[u8]) -> Vec<f64> {
    let t0 = now();
    let text: Cow<str> = utf8_lossy(bytes);
    let t1 = now();
    let records = [read_input("bench", &text)];
    let t2 = now();
    let import = assemble(&records);
    let t3 = now();
    let report = analyse(&import, &Options::default());
    let t4 = now();
    drop((report, import, records));
    let t5 = now();
    vec![t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4]
}
