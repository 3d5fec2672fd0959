#!/usr/bin/env node
// A/B of the cold start (P3's companion figure): two builds of the shipped page, each opened
// in turn at `index.html?sample=1` in a fresh browser context (no cache, no compiled code
// kept), timed from the navigation's start until the sample job is analysed and on screen
// (the timeline's canvas is in the page), so the machine's load falls on both alike; served
// as they are, uncompressed (`./x bench`'s cold-start rows, tools/bench/cold.cjs, compress).
//
//   node tools/bench/ab-sample.cjs A_DIST B_DIST [LOADS]
//
// Prints each load, then per build the median and range, and the wasm's bytes as sent.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { alternate, median } = require('./browser.cjs');
const { coldSample } = require('./cold.cjs');

const [aDir, bDir, loads] = process.argv.slice(2);
if (!bDir) {
  console.error('usage: node tools/bench/ab-sample.cjs A_DIST B_DIST [LOADS]');
  process.exit(2);
}
const builds = { a: path.resolve(aDir), b: path.resolve(bDir) };

const load = (browser, base, build) => coldSample(browser, `${base}/${build}/index.html`);

async function main() {
  const rows = await alternate(builds, Number(loads || 8), load, (ms) => `${ms} ms`);
  for (const build of ['a', 'b']) {
    const r = rows[build];
    const wasm = fs.statSync(path.join(builds[build], 'tapis-job-profiler_bg.wasm')).size;
    console.log(`${build} ${builds[build]}: navigation to the sample analysed and shown, cold: ` +
                `median ${median(r)} ms (${Math.min(...r)}–${Math.max(...r)}, ${r.length} loads); ` +
                `wasm ${(wasm / 1024).toFixed(1)} KB raw`);
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
