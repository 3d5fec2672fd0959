#!/usr/bin/env node
// The split probe's site (tools/bench/split-probe/run.sh) loaded in headless Chromium, served
// gzip -9: the sample loaded, its timeline and recommendations shown (they are in the lazy
// chunk), no page error; what each file weighed on the wire.
//
//   node tools/bench/split-probe/check.cjs SITE
'use strict';
const path = require('node:path');
const { serve, launchChromium } = require('../browser.cjs');

async function main() {
  const server = await serve({ '/a/': path.resolve(process.argv[2]) }, { compress: true });
  const browser = await launchChromium();
  const errors = [];
  const wire = [];
  try {
    const tab = await browser.newPage();
    tab.on('pageerror', (e) => errors.push(e.message));
    tab.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    tab.on('response', async (r) => {
      const sizes = await r.request().sizes().catch(() => null);
      wire.push(`${r.url().split('/').pop()}: ${sizes ? sizes.responseBodySize : '?'} bytes`);
    });
    const t0 = Date.now();
    await tab.goto(`http://127.0.0.1:${server.address().port}/a/index.html`);
    await tab.getByRole('button', { name: 'Load sample data' }).click({ timeout: 30_000 });
    await tab.getByRole('application', { name: /^Job timeline/ }).waitFor({ timeout: 30_000 });
    const shownMs = Date.now() - t0;
    await tab.getByRole('heading', { name: 'Recommendations' }).first().waitFor({ timeout: 30_000 });
    console.log(`sample's timeline shown ${shownMs} ms after navigation; recommendations shown`);
    console.log(wire.join('\n'));
  } finally {
    await browser.close();
    server.close();
  }
  if (errors.length) {
    console.error(`page errors:\n${errors.join('\n')}`);
    process.exit(1);
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
