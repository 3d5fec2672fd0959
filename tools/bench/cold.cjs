#!/usr/bin/env node
// `./x bench size`'s companion to P3: the cold start, from the navigation's start until the
// sample job is analysed and its timeline on screen (`index.html?sample=1` in a fresh browser
// context: no cache, no compiled code kept). The page is served gzip-compressed (level 9, the
// figure P3 states), once over loopback and once over an emulated link (Chromium's network
// throttling: LINK below), where what the page weighs shows.
//
//   node tools/bench/cold.cjs --dist DIR [--loads N] --into FILE
//
// --into: a JSON file (sizes.cjs's) the figures are added to, as `cold`.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { launchChromium, median, serve } = require('./browser.cjs');

/** The emulated link: a home or campus connection seen from a laptop on Wi-Fi. */
const LINK = { label: '20 Mbit/s, 40 ms round trip', downMbit: 20, upMbit: 5, latencyMs: 40 };

// Runs before the page's own scripts: notes when the timeline's canvas first appears.
const WATCH = `
  new MutationObserver((_, observer) => {
    if (!window.__sampleShownMs && document.querySelector('canvas.tl-canvas')) {
      window.__sampleShownMs = performance.now();
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
`;

/** Opens `url` (a build's index.html) cold, with `?sample=1`, over `link` (none: as served);
 *  resolves to the milliseconds from the navigation's start until the sample is on screen. */
async function coldSample(browser, url, link = null) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const tab = await context.newPage();
  tab.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  if (link) {
    const cdp = await context.newCDPSession(tab);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false, latency: link.latencyMs,
      downloadThroughput: (link.downMbit * 1e6) / 8, uploadThroughput: (link.upMbit * 1e6) / 8,
    });
  }
  await tab.addInitScript(WATCH);
  await tab.goto(`${url}?sample=1`);
  await tab.waitForFunction(() => window.__sampleShownMs > 0, null, { timeout: 120_000 });
  const ms = await tab.evaluate(() => window.__sampleShownMs);
  await context.close();
  return Math.round(ms);
}

const summary = (ms) => ({ loads: ms, medianMs: median(ms), minMs: Math.min(...ms), maxMs: Math.max(...ms) });

async function main() {
  const arg = (name, dflt) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? process.argv[i + 1] : dflt;
  };
  const dist = path.resolve(arg('dist', 'dist'));
  const loads = Number(arg('loads', 5));
  const into = arg('into', null);
  const server = await serve({ '/': dist }, { compress: true });
  const url = `http://127.0.0.1:${server.address().port}/index.html`;
  const browser = await launchChromium();
  const rows = { loopback: [], link: [] };
  try {
    await coldSample(browser, url); // the machine's first Chromium start-up, not counted
    for (let i = 0; i < loads; i++) {
      rows.loopback.push(await coldSample(browser, url));
      rows.link.push(await coldSample(browser, url, LINK));
    }
  } finally {
    await browser.close();
    server.close();
  }
  const cold = { loopback: summary(rows.loopback), link: { ...summary(rows.link), ...LINK } };
  for (const [k, r] of Object.entries(cold)) {
    console.error(`  P3 cold start to the sample shown, ${k === 'link' ? LINK.label : 'loopback'}: ` +
                  `median ${r.medianMs} ms (${r.minMs}–${r.maxMs}, ${r.loads.length} loads)`);
  }
  if (into) {
    const sizes = fs.existsSync(into) ? JSON.parse(fs.readFileSync(into, 'utf8')) : {};
    fs.writeFileSync(into, JSON.stringify({ ...sizes, cold }, null, 2));
  }
}

module.exports = { coldSample };

if (require.main === module) main().catch((e) => { console.error(e); process.exit(1); });
