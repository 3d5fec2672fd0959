#!/usr/bin/env node
// What each long task is while the page loads a file (P6): loads FILE into a build of the
// page with "Choose files…" as tools/bench/ab-page.cjs does, then lists Chromium's long
// animation frames over 50 ms, each with its scripts (what called them: a timer, a message,
// the worker's message) and its rendering (style and layout), and the marks a build with the
// feature `marks` leaves in it (src/edge/marks.rs: each `Later`'s turn, and where in the code
// work done a part a task resumed). A long task is then known by what ran in it, without the
// CPU profiler's cost or a build that keeps the wasm's names (tools/bench/profile-page.cjs).
//
//   node tools/bench/loaf-page.cjs DIST FILE.json [LOADS]
//
// A build with the marks: the page's release build with `--features split,marks`, and
// without `-Zlocation-detail=none` (the marks name files and lines).
'use strict';
const path = require('node:path');
const { serve, launchChromium, loadFile, longTasks } = require('./browser.cjs');

const [dist, file, loads] = process.argv.slice(2);
if (!file) {
  console.error('usage: node tools/bench/loaf-page.cjs DIST FILE.json [LOADS]');
  process.exit(2);
}

/** A long frame in words: when (ms after the pick), how long, its rendering, its scripts and
 *  the marks that fall in it (ms after the frame's start). */
function describe(frame, t0, marks) {
  const end = frame.startTime + frame.duration;
  const render = frame.renderStart ? end - frame.renderStart : 0;
  const lines = [`  +${Math.round(frame.startTime - t0)} ms: ${Math.round(frame.duration)} ms, ` +
    `blocking ${Math.round(frame.blockingDuration)}, rendering ${Math.round(render)}`];
  for (const s of frame.scripts) {
    const forced = s.forcedStyleAndLayoutDuration ? `, forced layout ${Math.round(s.forcedStyleAndLayoutDuration)} ms` : '';
    lines.push(`      script ${Math.round(s.duration)} ms: ${s.invokerType} ${s.invoker}${forced}`);
  }
  for (const m of marks.filter((m) => m.at >= frame.startTime && m.at <= end)) {
    lines.push(`        ${String(Math.round(m.at - frame.startTime)).padStart(4)}  ${m.name.replace(/^.*?\bsrc\//, 'src/')}`);
  }
  return lines.join('\n');
}

async function main() {
  const server = await serve({ '/app/': path.resolve(dist) });
  const browser = await launchChromium();
  try {
    for (let i = 0; i < Number(loads || 1); i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const { tab, t0, loadMs, tasks, frames, jobs } = await loadFile(context,
        `http://127.0.0.1:${server.address().port}/app/index.html`, path.resolve(file));
      const marks = await tab.evaluate(() => performance.getEntriesByType('mark').map((m) => ({ name: m.name, at: m.startTime })));
      await context.close();
      const { blockingMs } = longTasks(tasks);
      console.log(`load ${i}: ${jobs} jobs in ${Math.round(loadMs)} ms, tasks ${JSON.stringify(tasks.map((t) => Math.round(t.ms)))}, ` +
        `blocking ${Math.round(blockingMs)} ms; long frames:`);
      for (const f of frames.filter((f) => f.duration > 50)) console.log(describe(f, t0, marks));
    }
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
