#!/usr/bin/env node
// A/B of the cold start (P3's companion figure): two builds of the shipped page, each opened
// in turn at `index.html?sample=1` in a fresh browser context (no cache, no compiled code
// kept), timed from the navigation's start until the sample job is analysed and on screen
// (the timeline's canvas is in the page), so the machine's load falls on both alike.
//
//   node tools/bench/ab-sample.cjs A_DIST B_DIST [LOADS]
//
// Prints each load, then per build the median and range, and the wasm's bytes as sent.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { alternate, median } = require('./browser.cjs');

const [aDir, bDir, loads] = process.argv.slice(2);
if (!bDir) {
  console.error('usage: node tools/bench/ab-sample.cjs A_DIST B_DIST [LOADS]');
  process.exit(2);
}
const builds = { a: path.resolve(aDir), b: path.resolve(bDir) };

// Runs before the page's own scripts: notes when the timeline's canvas first appears.
const WATCH = `
  new MutationObserver((_, observer) => {
    if (!window.__sampleShownMs && document.querySelector('canvas.tl-canvas')) {
      window.__sampleShownMs = performance.now();
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
`;

async function load(browser, base, build) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const tab = await context.newPage();
  tab.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  await tab.addInitScript(WATCH);
  await tab.goto(`${base}/${build}/index.html?sample=1`);
  await tab.waitForFunction(() => window.__sampleShownMs > 0, null, { timeout: 60_000 });
  const ms = await tab.evaluate(() => window.__sampleShownMs);
  await context.close();
  return Math.round(ms);
}

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
