//! Large files are parsed in a Web Worker, so the page stays responsive (and keeps
//! painting its progress) while the core reads tens of megabytes: a parse is one call
//! that cannot be split, 300–550 ms on the page for 10,000 jobs (docs/performance.md, P6).
//!
//! The worker (`www/worker.js`) runs a second instance of this same wasm, from the
//! module the page compiled (sent with each file, so nothing is downloaded or compiled
//! again). It is handed the `File` (the page never holds its bytes), runs
//! [`read_in_worker`], and posts the records back encoded by `tapis_profile::handoff`; the
//! page decodes them a few thousand jobs per task, which costs a fraction of the parse.
//!
//! Where a worker cannot run (the single-file build on `file://`, a component embedded
//! from another origin, a host's CSP), [`ParseWorker::start`] or [`ParseWorker::read`]
//! fails and the page parses the file itself, as it would without a worker. Each mounted
//! app keeps its own [`WorkerGate`], so one app's failure never changes another's reading
//! (ARCHITECTURE.md, invariant 20).

use std::cell::Cell;
use std::rc::Rc;

use js_sys::{Object, Promise, Reflect, Uint8Array};
use tapis_profile::{handoff, read_bytes, InputRecords};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{File, MessageEvent, Worker, WorkerOptions, WorkerType};

use super::tasks::yield_task;

/// Where `index.html` has the worker's script: next to the page (`embed.js` passes its
/// own URL for it, see [`crate::AppProps::worker_url`]).
pub const DEFAULT_URL: &str = "worker.js";

/// Files from this size on go to the worker. Below it the page parses a file in under
/// ~100 ms (a long task's threshold; ~25 ms per megabyte there, less for larger files),
/// and the worker would only add its start: ~150 ms before the file appears.
pub const FROM_BYTES: f64 = 4e6;

/// Whether one app may still start parse workers: after a worker failed, later batches
/// of the same app parse on the page and do not try again. One per mounted app; clones
/// share it.
#[derive(Clone, Default)]
pub struct WorkerGate {
    failed: Rc<Cell<bool>>,
}

impl WorkerGate {
    /// Says once, for developers, why this app parses files on the page from now on.
    fn give_up(&self, why: &str) {
        if !self.failed.replace(true) {
            gloo::console::warn!(format!(
                "Tapis Job Profiler: parsing files on the page's own thread ({why})"
            ));
        }
    }
}

/// In the worker: reads one file's bytes as the page would (`read_bytes`)
/// and encodes the records for the trip back.
#[wasm_bindgen]
pub fn read_in_worker(name: &str, bytes: Vec<u8>) -> Vec<u8> {
    handoff::encode(&read_bytes(name, &bytes))
}

/// A worker for one batch of files; terminated when dropped, which frees its memory.
pub struct ParseWorker {
    worker: Worker,
    gate: WorkerGate,
}

impl ParseWorker {
    /// Starts the worker at `url`, or `None` where one of this app's failed before or the
    /// browser refuses it here (another origin, `file://`). A script that fails to load is
    /// only known later: [`ParseWorker::read`] then fails.
    pub fn start(url: &str, gate: &WorkerGate) -> Option<ParseWorker> {
        if gate.failed.get() {
            return None;
        }
        let options = WorkerOptions::new();
        options.set_type(WorkerType::Module);
        match Worker::new_with_options(url, &options) {
            Ok(worker) => Some(ParseWorker {
                worker,
                gate: gate.clone(),
            }),
            Err(e) => {
                gate.give_up(&describe(&e));
                None
            }
        }
    }

    /// Reads `file` in the worker: its records, or why the worker could not (the
    /// caller then parses it itself; later batches will not use a worker).
    pub async fn read(&self, file: &File) -> Result<InputRecords, String> {
        let result = self.ask(file).await;
        if let Err(why) = &result {
            self.gate.give_up(why);
        }
        result
    }

    async fn ask(&self, file: &File) -> Result<InputRecords, String> {
        let reply = Promise::new(&mut |resolve, reject| {
            self.worker.set_onmessage(Some(&resolve));
            self.worker.set_onerror(Some(&reject));
            self.worker.set_onmessageerror(Some(&reject));
        });
        // The module this page compiled: the worker instantiates it without a download.
        let message = Object::new();
        Reflect::set(&message, &"module".into(), &wasm_bindgen::module())
            .and_then(|_| Reflect::set(&message, &"file".into(), file))
            .map_err(|e| describe(&e))?;
        self.worker
            .post_message(&message)
            .map_err(|e| describe(&e))?;
        let event: MessageEvent = JsFuture::from(reply)
            .await
            .map_err(|e| describe(&e))?
            .unchecked_into();
        let data = event.data();
        let field = |name: &str| Reflect::get(&data, &name.into()).unwrap_or_default();
        if let Some(error) = field("error").as_string() {
            return Err(error);
        }
        let wire = field("wire")
            .dyn_into::<Uint8Array>()
            .map_err(|_| "the worker's answer holds no records".to_string())?;
        let bytes = copy_in_tasks(&wire).await;
        decode(&bytes)
            .await
            .map_err(|e| format!("its records did not decode: {e}"))
    }
}

/// The worker's answer copied into this module's memory some megabytes a task: at
/// 50,000 jobs the whole copy was ~60 ms of one task on the page (docs/performance.md,
/// P6). Through a small buffer: a zeroed vector of the whole size was a pass of its own
/// (~40 ms), and the copy that skips it is unsafe.
async fn copy_in_tasks(wire: &Uint8Array) -> Vec<u8> {
    const BUFFER: usize = 1 << 20;
    const BUFFERS_PER_TASK: usize = 8;
    let len = wire.length() as usize;
    let mut bytes = Vec::with_capacity(len);
    let mut buffer = vec![0u8; BUFFER.min(len)];
    for k in 0..len.div_ceil(BUFFER) {
        if k > 0 && k % BUFFERS_PER_TASK == 0 {
            yield_task().await;
        }
        let (from, to) = (k * BUFFER, ((k + 1) * BUFFER).min(len));
        let part = &mut buffer[..to - from];
        wire.subarray(from as u32, to as u32).copy_to(part);
        bytes.extend_from_slice(part);
    }
    bytes
}

/// Decodes the worker's records a few thousand jobs per task (10,000 jobs take tens
/// of ms on the page, 50,000 over 100: `handoff::Decoder`), letting the page paint and answer between.
async fn decode(bytes: &[u8]) -> Result<InputRecords, handoff::HandoffError> {
    const JOBS_PER_TASK: usize = 2_000;
    let mut decoder = handoff::Decoder::new(bytes)?;
    while !decoder.step(JOBS_PER_TASK)? {
        yield_task().await;
    }
    decoder.finish()
}

impl Drop for ParseWorker {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}

/// A readable reason from whatever JavaScript threw or rejected with.
fn describe(value: &JsValue) -> String {
    let message = Reflect::get(value, &"message".into())
        .ok()
        .and_then(|m| m.as_string())
        .filter(|m| !m.is_empty());
    message
        .or_else(|| value.as_string())
        .unwrap_or_else(|| "the worker did not start".to_string())
}
