#!/usr/bin/env node
// A/B of the page's load (P6): two builds of the shipped page, loaded in turn with one file
// through "Choose files…" in fresh tabs, so the machine's load falls on both alike.
//
//   node tools/bench/ab-page.cjs A_DIST B_DIST FILE.json [LOADS]
//
// Prints each load (its tasks of 50 ms and more from the pick until the main thread has been
// free for a second, as `./x bench` counts P6: tools/bench/browser.cjs), then per build the
// medians: tasks over 100 ms, the longest task, total blocking time, time to loaded, and the
// longest input delay (a key pressed every 100 ms while it loads).
'use strict';
const path = require('node:path');
const { alternate, loadFile, longTasks, median } = require('./browser.cjs');

const [aDir, bDir, file, loads] = process.argv.slice(2);
if (!file) {
  console.error('usage: node tools/bench/ab-page.cjs A_DIST B_DIST FILE.json [LOADS]');
  process.exit(2);
}
const builds = { a: path.resolve(aDir), b: path.resolve(bDir) };

async function load(browser, base, build) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const { loadMs, tasks, inputDelays, jobs, workers } = await loadFile(context, `${base}/${build}/index.html`, path.resolve(file));
  await context.close();
  const ms = tasks.map((t) => Math.round(t.ms));
  const { longTasks: over100, blockingMs } = longTasks(tasks);
  return { jobs, loadMs: Math.round(loadMs), tasks: ms, over100: over100.length,
           longest: Math.max(0, ...ms), blockingMs: Math.round(blockingMs), workers,
           inputDelayMax: Math.round(Math.max(0, ...inputDelays)), inputs: inputDelays.length };
}

async function main() {
  const rows = await alternate(builds, Number(loads || 5), load, JSON.stringify);
  for (const build of ['a', 'b']) {
    const r = rows[build];
    const longest = r.map((x) => x.longest);
    console.log(`${build} ${builds[build]}: tasks over 100 ms ${median(r.map((x) => x.over100))}, ` +
                `longest ${median(longest)} ms (${Math.min(...longest)}–${Math.max(...longest)}), ` +
                `blocking ${median(r.map((x) => x.blockingMs))} ms, loaded in ${median(r.map((x) => x.loadMs))} ms, ` +
                `longest input delay ${median(r.map((x) => x.inputDelayMax))} ms (medians of ${r.length})`);
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
