// Tapis Job Profiler in an iframe: the host page's side (docs/embedding.md §3). Include it
// once per page, after or before the frames, from the app's site (or a copy of this file):
//
//   <script src="https://APP-HOST/tapis-job-profiler/frame.js" defer></script>
//
// For every <iframe class="tapis-job-profiler"> on the page it
// - sets the frame's height to the app's, which the app posts whenever it changes, borders
//   and padding included where the page sizes boxes with `box-sizing: border-box`, so the
//   frame never shows a scroll bar of its own;
// - answers with the colour of the page behind the frame, so the app's default theme
//   (`auto`) matches the page, light or dark, also after the page's own toggle switched it.
// It reads nothing from the frame but its height, and tells it nothing but that colour.
// A classic script with no exports, so a documentation tool may also load it from its own
// static folder (Jupyter Book's `_static/`, MkDocs' `extra_javascript`). embed.js imports it
// for `backgroundBehind`, which components use too (window.tapisJobProfilerFrame).
(() => {
  if (window.tapisJobProfilerFrame) return; // included twice, or by embed.js and the page
  const FRAMES = 'iframe.tapis-job-profiler';
  const MAX_HEIGHT = 20000;
  const px = (value) => parseFloat(value) || 0;

  /** The colour of the page behind `element`: the nearest background that is not transparent. */
  function backgroundBehind(element) {
    for (let el = element; el; el = el.parentElement ?? el.getRootNode().host) {
      const colour = getComputedStyle(el).backgroundColor;
      if (colour !== 'rgba(0, 0, 0, 0)' && colour !== 'transparent') return colour;
    }
    const scheme = getComputedStyle(document.documentElement).colorScheme;
    const dark = scheme.includes('dark')
      && (!scheme.includes('light') || matchMedia('(prefers-color-scheme: dark)').matches);
    return dark ? 'rgb(0, 0, 0)' : 'rgb(255, 255, 255)'; // the canvas
  }

  window.tapisJobProfilerFrame = { backgroundBehind };

  function tellBackground(frame) {
    const background = backgroundBehind(frame.parentElement);
    frame.contentWindow?.postMessage({ type: 'tapis-job-profiler:background', background }, '*');
  }

  addEventListener('message', (event) => {
    const data = event.data;
    if (!data || data.type !== 'tapis-job-profiler:height' || !(data.height > 0)) return;
    // The frame is known by the window that posted, not by origin: a sandboxed frame's is "null".
    for (const frame of document.querySelectorAll(FRAMES)) {
      if (frame.contentWindow !== event.source) continue;
      const box = getComputedStyle(frame);
      const extra = box.boxSizing !== 'border-box' ? 0 : px(box.borderTopWidth)
        + px(box.borderBottomWidth) + px(box.paddingTop) + px(box.paddingBottom);
      frame.style.height = `${Math.min(Math.ceil(data.height + extra), MAX_HEIGHT)}px`;
      tellBackground(frame);
    }
  });

  // A theme toggle changes an attribute or class of <html> or <body>; the system's
  // preference changes on its own.
  const retell = () => document.querySelectorAll(FRAMES).forEach(tellBackground);
  // Frames already running when this script came tell their height again on hearing from it.
  retell();
  const observer = new MutationObserver(retell);
  const watch = () => {
    for (const el of [document.documentElement, document.body]) {
      if (el) observer.observe(el, { attributes: true });
    }
  };
  watch();
  if (!document.body) addEventListener('DOMContentLoaded', watch, { once: true });
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', retell);
})();
