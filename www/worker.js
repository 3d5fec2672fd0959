// Parses large files off the page's main thread (src/parse_worker.rs): a module worker
// running a second instance of the app's own wasm, which the browser has already
// downloaded. It gets a File (a handle: the bytes are read here, never on the page),
// runs the core's `read_input` on it and posts the records back encoded as bytes
// (crates/core/src/wire.rs), transferring the buffer rather than copying it.
//
// Any failure is posted as `{ error }`; the page then parses the file itself.
import init, { read_in_worker } from './tapis-job-profiler.js';

const ready = init({ module_or_path: new URL('tapis-job-profiler_bg.wasm', import.meta.url) });

self.onmessage = async ({ data: { file } }) => {
  try {
    await ready;
    const started = performance.now();
    const wire = read_in_worker(file.name, new Uint8Array(await file.arrayBuffer()));
    self.postMessage({ wire, ms: performance.now() - started }, [wire.buffer]);
  } catch (error) {
    self.postMessage({ error: String(error) });
  }
};
