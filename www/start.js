// Starts the app on its own page (index.html). The wasm's `main` mounts it into
// #tapis-job-profiler with options from the query string (`?embed=1`, see src/props.rs).
// This is an external module rather than Trunk's inline loader so that the page's CSP
// needs no 'unsafe-inline' (see docs/embedding.md, "Content Security Policy").
import init from './tapis-job-profiler.js';

await init({ module_or_path: new URL('tapis-job-profiler_bg.wasm', import.meta.url) });

// In an iframe, tell the host page how tall the app is, so it can size the frame
// (docs/embedding.md, "Sizing the iframe"). The message carries nothing but the height.
if (window.parent !== window) {
  let last = -1;
  const post = () => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    window.parent.postMessage({ type: 'tapis-job-profiler:height', height }, '*');
  };
  new ResizeObserver(post).observe(document.documentElement);
  post();
}
