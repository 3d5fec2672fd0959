//! Files the user dropped or picked: read one after another, each parsed by the
//! core as soon as it is read, and added to the state together (one assembly).
//!
//! Parsing runs here, at the edge, rather than in the reducer, so the page can say
//! which file it is on between files; the text of each file is dropped once it is
//! parsed, so only the records stay in memory. Large files are parsed in a Web Worker
//! (`parse_worker.rs`), the others here, between frames: the reducer only ever sees
//! `ReadInput`s. Both decode the bytes the same way (`tapis_profile::read_bytes`).

use gloo::file::{futures::read_as_bytes, Blob};
use gloo::timers::future::TimeoutFuture;
use yew::platform::spawn_local;
use yew::Callback;

use super::clock::now_ms;
use super::parse_worker::{self, ParseWorker, WorkerGate};
use super::prepare::{prepare, Latest};
use super::tasks::yield_task;
use crate::model::page_reducer::{failed_records, Action, ReadInput, ReadStage};

/// Above this size a file gets a frame to show "parsing…" before the core takes
/// the main thread (a few hundred milliseconds per 10 MB).
const SHOW_PARSING_FROM_BYTES: f64 = 1e6;

/// Reads `files` as batch `batch`, reporting each file's stage, then adds them all,
/// assembled and analysed in steps against the `latest` state. Large files go to a
/// worker started from `worker_url` while `workers` (the app's own) allows one.
pub fn read_files(
    files: Vec<web_sys::File>,
    batch: u32,
    worker_url: String,
    workers: WorkerGate,
    latest: Latest,
    dispatch: Callback<Action>,
) {
    if files.is_empty() {
        return;
    }
    dispatch.emit(Action::Reading {
        batch,
        files: files.iter().map(|f| (f.name(), f.size() as u64)).collect(),
    });
    let large = |file: &web_sys::File| file.size() >= parse_worker::FROM_BYTES;
    spawn_local(async move {
        let mut worker = files
            .iter()
            .any(large)
            .then(|| ParseWorker::start(&worker_url, &workers))
            .flatten();
        let mut inputs = Vec::with_capacity(files.len());
        for (index, file) in files.into_iter().enumerate() {
            let stage = |stage| Action::ReadStage {
                batch,
                index,
                stage,
            };
            let started = now_ms();
            let (name, size) = (file.name(), file.size());
            if let Some(parser) = worker.as_ref().filter(|_| large(&file)) {
                // The worker reads the bytes too: the page shows it as one stage.
                dispatch.emit(stage(ReadStage::Parsing));
                match parser.read(&file).await {
                    Ok(records) => {
                        inputs.push(ReadInput {
                            name,
                            bytes: size as usize,
                            records: records.into(),
                            read_ms: Some(now_ms() - started),
                        });
                        continue;
                    }
                    // Said in the console; this file and the rest are parsed here.
                    Err(_) => worker = None,
                }
            }
            dispatch.emit(stage(ReadStage::Reading));
            // Bytes, not text: one copy into wasm memory, where a JavaScript string
            // would be encoded to UTF-8 a character at a time (docs/performance.md).
            let bytes = read_as_bytes(&Blob::from(file)).await;
            dispatch.emit(stage(ReadStage::Parsing));
            // Let the page paint (and take a click) before the parse holds the thread.
            TimeoutFuture::new(if size > SHOW_PARSING_FROM_BYTES {
                20
            } else {
                0
            })
            .await;
            inputs.push(match bytes {
                Ok(bytes) => ReadInput {
                    read_ms: Some(now_ms() - started),
                    ..ReadInput::from_bytes(name, &bytes)
                },
                Err(e) => ReadInput {
                    records: failed_records(&name, format!("the browser could not read it ({e})"))
                        .into(),
                    bytes: size as usize,
                    name,
                    read_ms: None,
                },
            });
        }
        drop(worker);
        // Assembling and analysing in tasks of their own, apart from the parse's and
        // the render's (the browser can paint and take input between them).
        yield_task().await;
        let prepared = prepare(&latest, &inputs).await;
        dispatch.emit(Action::AddRecords {
            batch: Some(batch),
            inputs,
            prepared,
        });
    });
}
