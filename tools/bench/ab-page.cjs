#!/usr/bin/env node
// A/B of the page's load (P6): two builds of the shipped page, loaded in turn with one file
// through "Choose files…" in fresh tabs, so the machine's load falls on both alike.
//
//   node tools/bench/ab-page.cjs A_DIST B_DIST FILE.json [LOADS]
//
// Prints each load (every task of 50 ms and more from the pick until the main thread has been
// free for a second, as tools/bench/browser.cjs counts P6), then per build the medians: tasks
// over 100 ms, the longest task, total blocking time and time to loaded.
'use strict';
const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');

const [aDir, bDir, file, loads] = process.argv.slice(2);
if (!file) {
  console.error('usage: node tools/bench/ab-page.cjs A_DIST B_DIST FILE.json [LOADS]');
  process.exit(2);
}
const roots = { '/a/': path.resolve(aDir), '/b/': path.resolve(bDir) };
const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm',
};

function serve() {
  const server = http.createServer((req, res) => {
    const url = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const prefix = Object.keys(roots).find((p) => url.startsWith(p));
    const f = prefix && path.join(roots[prefix], url.slice(prefix.length));
    if (!f || !f.startsWith(roots[prefix]) || !fs.existsSync(f) || fs.statSync(f).isDirectory()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': types[path.extname(f)] || 'application/octet-stream', 'cache-control': 'no-store' });
    fs.createReadStream(f).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function load(browser, base, build) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const tab = await context.newPage();
  tab.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  let workers = 0;
  tab.on('worker', () => { workers += 1; });
  await tab.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, ms: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  await tab.goto(`${base}/${build}/index.html`);
  const choose = tab.getByLabel('Choose files…');
  await choose.waitFor({ timeout: 60_000 });
  const t0 = await tab.evaluate(() => performance.now());
  await choose.setInputFiles(path.resolve(file));
  await tab.locator('.inputs li.input:not(.reading)').first().waitFor({ timeout: 600_000 });
  await tab.getByRole('application', { name: /^Job timeline/ }).waitFor({ timeout: 600_000 });
  const t1 = await tab.evaluate(async () => {
    let last = performance.now();
    for (;;) {
      const a = performance.now();
      await new Promise((r) => requestAnimationFrame(() => r()));
      await new Promise((r) => setTimeout(r, 0));
      if (performance.now() - a > 100) last = performance.now();
      if (performance.now() - last > 1000) return last;
    }
  });
  const jobs = await tab.locator('[data-figure="jobs"] .value').textContent();
  const tasks = (await tab.evaluate(() => window.__longTasks)).filter((t) => t.start >= t0 - 1);
  await context.close();
  return {
    jobs, loadMs: Math.round(t1 - t0), tasks: tasks.map((t) => Math.round(t.ms)),
    over100: tasks.filter((t) => t.ms > 100).length,
    longest: Math.round(Math.max(0, ...tasks.map((t) => t.ms))),
    blockingMs: Math.round(tasks.reduce((sum, t) => sum + t.ms - 50, 0)), workers,
  };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

async function main() {
  const server = await serve();
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
           '--disable-sync', '--no-first-run', '--js-flags=--max-old-space-size=8192'],
  });
  const rows = { a: [], b: [] };
  try {
    for (let i = 0; i < Number(loads || 5); i++) {
      for (const build of ['a', 'b']) {
        const row = await load(browser, base, build);
        rows[build].push(row);
        console.log(`${build} ${i}: ${JSON.stringify(row)}`);
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
  for (const build of ['a', 'b']) {
    const r = rows[build];
    const longest = r.map((x) => x.longest);
    console.log(`${build} ${roots[`/${build}/`]}: tasks over 100 ms ${median(r.map((x) => x.over100))}, ` +
                `longest ${median(longest)} ms (${Math.min(...longest)}–${Math.max(...longest)}), ` +
                `blocking ${median(r.map((x) => x.blockingMs))} ms, loaded in ${median(r.map((x) => x.loadMs))} ms (medians of ${r.length})`);
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
