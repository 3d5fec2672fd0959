// Starts the app on its own page (index.html), with options from the query string
// (`?embed=1&theme=dark`, see src/props.rs). The wasm starts nothing by itself: this file
// hands it the page's root element (src/embed.rs).
// This is an external module rather than Trunk's inline loader so that the page's CSP
// needs no 'unsafe-inline' (see docs/embedding.md, "Content Security Policy").
import init, { startPage } from './tapis-job-profiler.js';

// The page's CSP requires Trusted Types for script URLs: the one the app needs is its own
// worker, next to this file (src/edge/parse_worker.rs passes its URL as a string).
const WORKER = new URL('worker.js', import.meta.url).href;
globalThis.trustedTypes?.createPolicy('default', {
  createScriptURL(url) {
    if (new URL(url, document.baseURI).href === WORKER) return url;
    throw new TypeError(`Tapis Job Profiler loads no script from ${url}`);
  },
});

await init({ module_or_path: new URL('tapis-job-profiler_bg.wasm', import.meta.url) });
const app = startPage(document.getElementById('tapis-job-profiler'), location.search);

// In an iframe, tell the host page how tall the app is, so it can size the frame, and take
// the colour of the page behind the frame, so `theme=auto` can match it (frame.js, the
// host's side; docs/embedding.md, "Sizing the iframe"). Neither message carries more.
if (window.parent !== window) {
  let last = -1;
  let heard = false;
  addEventListener('message', (event) => {
    const data = event.data;
    if (event.source !== window.parent || data?.type !== 'tapis-job-profiler:background') return;
    app.setHostBackground(String(data.background));
    // The host's frame.js is listening now: it may have missed the height, so once more.
    if (!heard) { heard = true; last = -1; post(); }
  });
  const post = () => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    window.parent.postMessage({ type: 'tapis-job-profiler:height', height }, '*');
  };
  new ResizeObserver(post).observe(document.documentElement);
  post();
}
