#!/usr/bin/env node
// Where a page load's main-thread time goes (P6): loads FILE into a build of the page with
// "Choose files…" as tools/bench/ab-page.cjs does, under the DevTools CPU profiler, and
// prints the functions with the most self time and, for each long task, the functions that
// ran most within it. Use a build whose wasm keeps its names (Trunk with
// `data-wasm-opt="0"`): wasm-opt drops them.
//
//   node tools/bench/profile-page.cjs DIST FILE.json [OUT.cpuprofile]
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { serve, launchChromium, loadFile, longTasks } = require('./browser.cjs');

const [dist, file, out] = process.argv.slice(2);
if (!file) {
  console.error('usage: node tools/bench/profile-page.cjs DIST FILE.json [OUT.cpuprofile]');
  process.exit(2);
}

/** Calls `visit(nodeId, ms)` for each sample whose time falls in [from, to) (profile µs). */
function eachSample(profile, from, to, visit) {
  let t = profile.startTime;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i];
    t += dt;
    if (t >= from && t < to) visit(id, dt / 1000);
  });
}

/** Self time (ms) per function name over the samples in [from, to). */
function selfTimes(profile, from = -Infinity, to = Infinity) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const ms = new Map();
  eachSample(profile, from, to, (id, dt) => {
    const f = byId.get(id).callFrame;
    const name = f.functionName || `(anonymous ${path.basename(f.url)}:${f.lineNumber})`;
    ms.set(name, (ms.get(name) || 0) + dt);
  });
  return [...ms].sort((a, b) => b[1] - a[1]);
}

/** Total time (ms) per function name, counted once per sample while it is on the stack. */
function totalTimes(profile, from = -Infinity, to = Infinity) {
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const ms = new Map();
  eachSample(profile, from, to, (id, dt) => {
    const seen = new Set();
    for (let n = id; n !== undefined; n = parent.get(n)) {
      const name = byId.get(n).callFrame.functionName;
      if (name && !seen.has(name)) {
        seen.add(name);
        ms.set(name, (ms.get(name) || 0) + dt);
      }
    }
  });
  return [...ms].sort((a, b) => b[1] - a[1]);
}

/** [start, end) in the profile's µs of each run of samples not idle, split at any idle sample. */
function busyStretches(profile) {
  const idle = new Set(profile.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id));
  const out = [];
  let t = profile.startTime;
  let start = null;
  let lastBusy = null;
  profile.samples.forEach((id, i) => {
    t += profile.timeDeltas[i];
    if (idle.has(id)) {
      if (start !== null) {
        out.push([start, lastBusy]);
        start = null;
      }
      return;
    }
    if (start === null) start = t;
    lastBusy = t;
  });
  if (start !== null) out.push([start, lastBusy]);
  return out;
}

/** Frames that are on every stack (the event loop, wasm-bindgen's shims, yew's scheduler). */
const boring = /^\(root\)$|^\(program\)$|^real$|^js-to-wasm|^wasm-to-js|closures|^wasm_bindgen|scheduler|lifecycle|Queue::new|^handleError$|^__wbg/;

const short = (name) => (name.length > 110 ? `${name.slice(0, 107)}…` : name);

async function main() {
  const server = await serve({ '/app/': path.resolve(dist) });
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    let cdp;
    const { tab, loadMs, tasks, jobs } = await loadFile(context, `http://127.0.0.1:${server.address().port}/app/index.html`,
      path.resolve(file), async (page) => {
        cdp = await context.newCDPSession(page);
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
        await cdp.send('Profiler.start');
      });
    const { profile } = await cdp.send('Profiler.stop');
    if (out) fs.writeFileSync(out, JSON.stringify(profile));
    const { blockingMs } = longTasks(tasks);
    console.log(`${jobs} jobs, loaded in ${Math.round(loadMs)} ms, tasks ${JSON.stringify(tasks.map((t) => Math.round(t.ms)))}, blocking ${Math.round(blockingMs)} ms`);
    console.log('\nself time, the whole load (ms):');
    for (const [name, ms] of selfTimes(profile).filter(([n]) => n !== '(idle)' && n !== '(program)').slice(0, 40)) {
      console.log(`  ${ms.toFixed(1).padStart(8)}  ${short(name)}`);
    }
    console.log('\ntotal time (on the stack), the whole load (ms):');
    for (const [name, ms] of totalTimes(profile).slice(0, 60)) console.log(`  ${ms.toFixed(1).padStart(8)}  ${short(name)}`);
    // The load's busy stretches (samples with no idle between them): its long tasks, near
    // enough, each with what ran most in it.
    console.log('\nbusy stretches over 50 ms, and what ran most in each (total time, ms):');
    for (const [from, to] of busyStretches(profile).filter(([a, b]) => b - a > 50_000)) {
      console.log(`  ${((to - from) / 1000).toFixed(0)} ms:`);
      for (const [name, ms] of totalTimes(profile, from, to).filter(([n]) => !boring.test(n)).slice(0, 14)) {
        console.log(`    ${ms.toFixed(1).padStart(8)}  ${short(name)}`);
      }
    }
    await context.close();
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
