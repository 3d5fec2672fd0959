/// Runs whenever the wasm is initialised: mounts the app into `index.html`'s root element,
/// and does nothing on a host page that loaded `embed.js` (see `src/embed.rs`).
fn main() {
    tapis_job_profiler::embed::start_page();
}
