#!/usr/bin/env node
// `./x bench browser`: the in-browser figures, in Debian's headless Chromium (never a
// downloaded browser), on loopback.
//
//   node tools/bench/browser.cjs --site DIR --data DIR --files a.json,b.json --out FILE
//
// Serves the bench build of the app (--site: a release build with the `bench` feature),
// the data files and tools/bench/page/, opens the page, and runs:
//   P1  import + analysis ÷ JSON.parse of the same text (page/bench.js), per file;
//   P2, P5, P6  not yet: phase 2 measures them through the real page (hooks below).
'use strict';
const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const site = path.resolve(arg('site', 'target/bench/site'));
const data = path.resolve(arg('data', 'target/bench-data'));
const files = arg('files', '').split(',').filter(Boolean);
const out = arg('out', 'target/bench/browser.json');
const page = path.resolve(__dirname, 'page');

const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json',
};
const roots = { '/site/': site, '/data/': data, '/bench/': page };

function serve() {
  const server = http.createServer((req, res) => {
    const url = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const prefix = Object.keys(roots).find((p) => url.startsWith(p));
    const file = prefix && path.join(roots[prefix], url.slice(prefix.length));
    if (!file || !file.startsWith(roots[prefix]) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': types[path.extname(file)] || 'application/octet-stream', 'cache-control': 'no-store' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// Phase 2 hooks: each measures through the real page once multi-file loading (issue 4) and
// the import worker exist, and returns the same shape as P1's rows. Until then they say so.
const phase2 = (what) => ({ status: 'not measured yet', why: `phase 2: ${what} through the real page` });
/** P2: fleet-timeline zoom/pan frame time at 10k jobs ÷ at 100, and the DOM node count at
 *  both (method: tests/timeline_web.rs, frames timed between two requestAnimationFrame). */
async function p2(/* page */) { return phase2('zoom/pan frame time and DOM nodes at 100 and 10,000 jobs'); }
/** P5: wasm memory after loading 10k jobs (memory.buffer.byteLength) ÷ input bytes. */
async function p5(/* page */) { return phase2('wasm memory after loading 10,000 jobs'); }
/** P6: main-thread long tasks (> 100 ms, PerformanceObserver "longtask") while loading 10k jobs. */
async function p6(/* page */) { return phase2('long tasks while the page loads 10,000 jobs'); }

async function main() {
  const server = await serve();
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
           '--disable-sync', '--no-first-run', '--js-flags=--max-old-space-size=8192'],
  });
  const result = { chromium: browser.version(), p1: [], p2: null, p5: null, p6: null };
  try {
    const tab = await browser.newPage();
    tab.on('pageerror', (e) => console.error(`page error: ${e.message}`));
    await tab.goto(`${base}/bench/bench.html`);
    await tab.waitForFunction(() => window.benchReady === true, null, { timeout: 60_000 });
    for (const file of files) {
      const row = await tab.evaluate((f) => window.p1(f), file);
      console.error(`  P1 ${file}: JSON.parse ${row.parseMs.toFixed(1)} ms, pipeline ${row.pipelineMs.toFixed(1)} ms, ` +
                    `ratio ${row.ratio.toFixed(2)}, best ${row.bestRatio.toFixed(2)}, floor ${row.floorRatio.toFixed(2)} (${row.ratioMin.toFixed(2)}–${row.ratioMax.toFixed(2)}, ${row.runs} runs); ` +
                    Object.entries(row.stageMs).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', '));
      result.p1.push(row);
    }
    result.p2 = await p2(tab);
    result.p5 = await p5(tab);
    result.p6 = await p6(tab);
  } finally {
    await browser.close();
    server.close();
  }
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(result, null, 2));
}

main().catch((e) => { console.error(e); process.exit(1); });
