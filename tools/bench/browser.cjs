#!/usr/bin/env node
// `./x bench browser`: the in-browser figures, in Debian's headless Chromium (never a
// downloaded browser), on loopback.
//
//   node tools/bench/browser.cjs --site DIR --app DIR --data DIR --files a.json,b.json \
//        --page-files small.json,large.json --out FILE
//
// Serves the bench build of the app (--site: a release build with the `bench` feature),
// the data files and tools/bench/page/, opens the page, and runs:
//   P1  import + analysis ÷ JSON.parse of the same text (page/bench.js), per file;
//   P2, P5, P6  through the real page (--app, the shipped release build), loading each of
//               --page-files with "Choose files…" in a fresh tab: long tasks while it loads,
//               wasm memory once loaded, then timeline zoom/pan step times and DOM elements.
'use strict';
const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const { chromium } = require('playwright-core');

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const site = path.resolve(arg('site', 'target/bench/site'));
const data = path.resolve(arg('data', 'target/bench-data'));
const files = arg('files', '').split(',').filter(Boolean);
// The real page's inputs: a small and a large bundle (P2's 100 and 10,000 jobs; P5, P6 on the large).
const pageFiles = arg('page-files', '').split(',').filter(Boolean);
const app = path.resolve(arg('app', 'dist'));
const out = arg('out', 'target/bench/browser.json');
// P1's rounds per file: at least this many (a quieter A/B than the default 3).
const runs = Number(arg('runs', 3));
const page = path.resolve(__dirname, 'page');

const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json',
};

/** Serves each of `roots` (URL prefix → folder) on loopback, each file gzip -9 compressed
 *  with `compress` when the browser accepts it; resolves to the server. */
function serve(roots, { compress = false } = {}) {
  const gzipped = new Map();
  const server = http.createServer((req, res) => {
    const url = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const prefix = Object.keys(roots).find((p) => url.startsWith(p));
    const file = prefix && path.join(roots[prefix], url.slice(prefix.length));
    if (!file || !file.startsWith(roots[prefix]) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end('not found');
      return;
    }
    const headers = { 'content-type': types[path.extname(file)] || 'application/octet-stream', 'cache-control': 'no-store' };
    if (compress && /\bgzip\b/.test(req.headers['accept-encoding'] || '')) {
      if (!gzipped.has(file)) gzipped.set(file, zlib.gzipSync(fs.readFileSync(file), { level: 9 }));
      res.writeHead(200, { ...headers, 'content-encoding': 'gzip' }).end(gzipped.get(file));
      return;
    }
    res.writeHead(200, headers);
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Debian's headless Chromium (never a downloaded browser), quiet, with room for large files. */
function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
           '--disable-sync', '--no-first-run', '--js-flags=--max-old-space-size=8192'],
  });
}

/** An A/B run: `builds` (a, b: folders of the page) served side by side, then `measure(browser,
 *  base, build)` for each in turn, `loads` rounds, the order swapped every other round so that
 *  neither always runs second; each result printed as `show(result)`. Resolves to each build's results. */
async function alternate(builds, loads, measure, show) {
  const server = await serve({ '/a/': builds.a, '/b/': builds.b });
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await launchChromium();
  const rows = { a: [], b: [] };
  try {
    for (let i = 0; i < loads; i++) {
      for (const build of i % 2 ? ['b', 'a'] : ['a', 'b']) {
        const row = await measure(browser, base, build);
        rows[build].push(row);
        console.log(`${build} ${i}: ${show(row)}`);
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
  return rows;
}

/** Opens `url` (a build of the page) in a new tab of `context` and loads `file` with "Choose
 *  files…" as a user does (`beforePick(tab)` runs just before the pick), until the main thread
 *  has been free for a second: the tab, the time of the pick and from it to then, the page's
 *  tasks over 50 ms in it and its long animation frames, the jobs the overview counts, and how
 *  many workers the page started. */
async function loadFile(context, url, file, beforePick = async () => {}) {
  const tab = await context.newPage();
  tab.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  // Files from 4 MB on are parsed in a worker (src/edge/parse_worker.rs): count them, so a
  // run where it did not start (and the page parsed) is plain to see.
  const seen = { workers: 0 };
  tab.on('worker', () => { seen.workers += 1; });
  // P6: every long task from the start, with its time, so the load's can be picked out.
  await tab.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, ms: e.duration });
    }).observe({ type: 'longtask', buffered: true });
    // What ran in them (tools/bench/loaf-page.cjs): the long animation frames, with their scripts.
    window.__longFrames = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longFrames.push(e.toJSON());
    }).observe({ type: 'long-animation-frame', buffered: true });
    // Input delay: from a key event's creation to its first handler (the page's own
    // handlers come later, so this is what any of them waits at least).
    window.__inputDelays = [];
    window.addEventListener('keydown', (e) => {
      if (e.key === 'Shift') window.__inputDelays.push({ at: e.timeStamp, ms: performance.now() - e.timeStamp });
    }, true);
  });
  await tab.goto(url);
  const choose = tab.getByLabel('Choose files…');
  await choose.waitFor({ timeout: 60_000 });
  await beforePick(tab);
  const t0 = await tab.evaluate(() => performance.now());
  await choose.setInputFiles(file);
  // A key (Shift: it does nothing on the page) pressed every 100 ms until loaded, as a
  // user waiting would: how long the page takes to answer input while it loads.
  let probing = true;
  const probe = (async () => {
    while (probing) {
      await tab.keyboard.press('Shift');
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  await tab.locator('.inputs li.input:not(.reading)').first().waitFor({ timeout: 600_000 });
  await tab.getByRole('application', { name: /^Job timeline/ }).waitFor({ timeout: 600_000 });
  // Until the main thread has been free for a second (renders and effects after the import).
  const t1 = await tab.evaluate(async () => {
    const idle = () => new Promise((r) => setTimeout(r, 0));
    let last = performance.now();
    for (;;) {
      const a = performance.now();
      await new Promise((r) => requestAnimationFrame(() => r()));
      await idle();
      if (performance.now() - a > 100) last = performance.now();
      if (performance.now() - last > 1000) return last;
    }
  });
  probing = false;
  await probe;
  const jobs = await tab.locator('[data-figure="jobs"] .value').textContent();
  const tasks = (await tab.evaluate(() => window.__longTasks)).filter((t) => t.start >= t0 - 1);
  const frames = (await tab.evaluate(() => window.__longFrames)).filter((f) => f.startTime >= t0 - 1);
  const inputDelays = (await tab.evaluate(() => window.__inputDelays))
    .filter((d) => d.at >= t0 && d.at <= t1).map((d) => d.ms);
  return { tab, t0, loadMs: t1 - t0, tasks, frames, inputDelays, jobs: Number(jobs.replace(/[^0-9]/g, '')), workers: seen.workers };
}

/** P6's figures of a load's tasks: those over 100 ms, and the total blocking time, as
 *  Lighthouse counts it: what every task (all are over 50 ms) held the thread beyond 50 ms.
 *  Unlike P6's count, splitting a task lowers it. */
const longTasks = (tasks) => ({
  longTasks: tasks.filter((t) => t.ms > 100).map((t) => Math.round(t.ms)),
  blockingMs: tasks.reduce((sum, t) => sum + t.ms - 50, 0),
});

/** Loads `file` into the real page (`--app`, the shipped build) the way a user does, with
 *  "Choose files…", and measures while it loads and once it has (P2, P5, P6). */
async function throughPage(browser, base, file) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  let before;
  const { tab, loadMs, tasks, inputDelays, jobs, workers } = await loadFile(context, `${base}/app/index.html`,
    path.join(data, file), async (t) => {
      before = await wasmMemory(t);
    });
  const after = await wasmMemory(tab);
  // P2: zoom, pan and walk down the jobs with the keys, as tests/timeline_web.rs does;
  // each step's time is the key press to the end of the work it causes (render and draw
  // run in the same task's microtasks), so the machine's frame clock does not quantise it.
  const frames = await tab.evaluate(async () => {
    const canvas = document.querySelector('canvas.tl-canvas');
    canvas.focus();
    const keys = ['ArrowDown', '+', 'ArrowRight', 'ArrowDown', '-', 'ArrowLeft'];
    const step = async (key) => {
      const a = performance.now();
      canvas.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
      await new Promise((r) => setTimeout(r, 0));
      return performance.now() - a;
    };
    for (let i = 0; i < 12; i++) await step(keys[i % keys.length]);
    const times = [];
    for (let i = 0; i < 120; i++) {
      times.push(await step(keys[i % keys.length]));
      await new Promise((r) => requestAnimationFrame(() => r()));
    }
    return times;
  });
  const domNodes = await tab.evaluate(() => document.getElementsByTagName('*').length);
  await context.close();
  return {
    file, jobs, bytes: fs.statSync(path.join(data, file)).size,
    loadMs, ...longTasks(tasks), inputDelayMax: Math.max(0, ...inputDelays), inputs: inputDelays.length,
    wasmMemoryBefore: before, wasmMemoryAfter: after,
    frameMs: median(frames), frameP90: frames.sort((a, b) => a - b)[Math.floor(frames.length * 0.9)],
    domNodes, workers,
  };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Bytes of the app's wasm memory (one, shared by the views' part in a split build), from
 *  the glue's own handle on its instance (its default export resolves to the instance's
 *  exports once started), so the page need not expose it. (DevTools' Runtime.queryObjects,
 *  used before, crashes Chromium 156's renderer on a split page.) */
async function wasmMemory(tab) {
  return tab.evaluate(async () => {
    const glue = await import(new URL('tapis-job-profiler.js', document.baseURI).href);
    return (await glue.default()).memory.buffer.byteLength;
  });
}

async function main() {
  const server = await serve({ '/site/': site, '/app/': app, '/data/': data, '/bench/': page });
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await launchChromium();
  const result = { chromium: browser.version(), p1: [], page: [] };
  try {
    // P1's page only when there are files for it (`--files`): the page rows alone need no bench build.
    const tab = await browser.newPage();
    tab.on('pageerror', (e) => console.error(`page error: ${e.message}`));
    if (files.length) {
      await tab.goto(`${base}/bench/bench.html`);
      await tab.waitForFunction(() => window.benchReady === true, null, { timeout: 60_000 });
    }
    for (const file of files) {
      const row = await tab.evaluate(([f, n]) => window.p1(f, { minRuns: n, maxRuns: Math.max(25, n) }), [file, runs]);
      console.error(`  P1 ${file}: JSON.parse ${row.parseMs.toFixed(1)} ms, pipeline ${row.pipelineMs.toFixed(1)} ms, ` +
                    `ratio ${row.ratio.toFixed(2)}, best ${row.bestRatio.toFixed(2)}, floor ${row.floorRatio.toFixed(2)} (${row.ratioMin.toFixed(2)}–${row.ratioMax.toFixed(2)}, ${row.runs} runs); ` +
                    `read ${row.readMs.toFixed(1)} ms, ${row.readRatio.toFixed(2)} (before ${row.readBeforeMs.toFixed(1)} ms, ${row.readBeforeRatio.toFixed(2)}); ` +
                    Object.entries(row.stageMs).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', '));
      result.p1.push(row);
    }
    await tab.close();
    result.page = [];
    for (const file of pageFiles) {
      const row = await throughPage(browser, base, file);
      console.error(`  page ${file}: ${row.jobs} jobs, loaded in ${row.loadMs.toFixed(0)} ms, long tasks ${JSON.stringify(row.longTasks)} (blocking ${row.blockingMs.toFixed(0)} ms), input delay ≤ ${row.inputDelayMax.toFixed(0)} ms, ` +
                    `wasm memory ${row.wasmMemoryAfter} B (${(row.wasmMemoryAfter / row.bytes).toFixed(2)} × input), ` +
                    `frame ${row.frameMs.toFixed(2)} ms (P90 ${row.frameP90.toFixed(2)}), ${row.domNodes} elements, ` +
                    `${row.workers ? 'parsed in a worker' : 'parsed on the page'}`);
      result.page.push(row);
    }
  } finally {
    await browser.close();
    server.close();
  }
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(result, null, 2));
}

module.exports = { serve, launchChromium, alternate, loadFile, longTasks, median };

if (require.main === module) main().catch((e) => { console.error(e); process.exit(1); });
