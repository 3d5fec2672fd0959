// Parses large files off the page's main thread (src/edge/parse_worker.rs): a module worker
// running a second instance of the app's own wasm. The page sends the module it has
// already compiled with every file, so the worker neither downloads nor compiles it.
// With it comes a File (a handle: the bytes are read here, never on the page); the
// worker runs the core's `read_input` and posts the records back encoded as bytes
// (crates/core/src/handoff.rs), transferring the buffer rather than copying it.
//
// Any failure is posted as `{ error }`; the page then parses the file itself.
import init, { read_in_worker } from './tapis-job-profiler.js';

let ready;

self.onmessage = async ({ data: { module, file } }) => {
  try {
    ready ??= init({ module_or_path: module });
    // Read the file while the first call instantiates the module.
    const [, bytes] = await Promise.all([ready, file.arrayBuffer()]);
    const wire = read_in_worker(file.name, new Uint8Array(bytes));
    self.postMessage({ wire }, [wire.buffer]);
  } catch (error) {
    self.postMessage({ error: String(error) });
  }
};
