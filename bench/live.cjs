// Benchmark (not a test) of Live from Tapis: list 500 jobs and fetch their histories from
// the local stand-in tenant with 50 ms latency on every request, at 1, 4 and 8 requests at
// once, in headless Chromium, through the page as a person would (the release build, dist/).
// Reports wall time against the ideal, as a ratio: for the histories ceil(history pages /
// concurrency) × latency (one page per job unless a history is longer than 100 events), and
// for the whole (listing included) the listing's pages one after another plus that.
//
//   ./x bench live            (builds what is missing first)
//   node bench/live.cjs [--jobs N] [--latency MS] [--concurrency 1,4,8]
const { chromium } = require('@playwright/test');
const { spawn } = require('node:child_process');
const net = require('node:net');
const path = require('node:path');
const { startStandIn } = require('../e2e/stand-in.cjs');

const ROOT = path.join(__dirname, '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const JOBS = Number(arg('jobs', 500));
const LATENCY = Number(arg('latency', 50));
const LEVELS = arg('concurrency', '1,4,8').split(',').map(Number);

const freePort = () => new Promise((resolve) => {
  const s = net.createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
});

async function run(browser, app, standIn, concurrency) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(600_000);
  await page.goto(app);
  await page.locator('details.live-panel > summary').click();
  await page.getByLabel('Tenant', { exact: true }).fill(standIn.url);
  await page.getByLabel('Tenant id').fill('designsafe');
  await page.getByLabel('Access token').fill(standIn.token);
  await page.getByRole('button', { name: 'Connect' }).click();
  await page.locator('#live-jobs-title').waitFor();
  await page.getByLabel('Requests at once').selectOption(String(concurrency));
  await page.getByLabel('How many (newest first)').fill(String(JOBS));
  await standIn.clearRequests();

  let t0 = Date.now();
  await page.getByRole('button', { name: 'List again' }).click();
  await page.locator('#live-jobs-title', { hasText: `${JOBS} jobs` }).waitFor();
  const listMs = Date.now() - t0;
  const listPages = (await standIn.requests()).filter((r) => r.method === 'GET' && r.path === '/v3/jobs/search').length;

  await standIn.clearRequests();
  t0 = Date.now();
  await page.getByRole('button', { name: `Fetch ${JOBS} histories` }).click();
  await page.locator('#live-progress-words', { hasText: `${JOBS} / ${JOBS} histories` }).waitFor();
  // Done when the page holds them all: one loaded input per history (one row says how many).
  const held = () => Number(document.querySelector('li.input[data-input="tapis:history:*"]')?.dataset.count || 0);
  await page.waitForFunction(`(${held})() === ${JOBS}`, null, { polling: 20 });
  const fetchMs = Date.now() - t0;
  const historyPages = (await standIn.requests()).filter((r) => r.method === 'GET' && r.path.endsWith('/history')).length;
  const shown = await page.evaluate(`(${held})()`);
  await page.close();

  const idealList = listPages * LATENCY;
  const idealFetch = Math.ceil(historyPages / concurrency) * LATENCY;
  return { concurrency, listPages, listMs, idealList, historyPages, fetchMs, idealFetch, shown,
    totalMs: listMs + fetchMs, idealTotal: idealList + idealFetch };
}

(async () => {
  const port = await freePort();
  const server = spawn(process.execPath, [path.join(ROOT, 'e2e', 'serve.cjs'), path.join(ROOT, 'dist'), String(port)], { stdio: 'ignore' });
  const standIn = await startStandIn(['--synthetic', String(JOBS), '--seed', '7']);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  try {
    await standIn.config({ latencyMs: LATENCY });
    await new Promise((r) => setTimeout(r, 300));
    console.log(`Live from Tapis: ${JOBS} jobs, ${LATENCY} ms per request, the page's release build in headless Chromium\n`);
    console.log('requests at once | listing: pages, wall / ideal | histories: pages, wall / ideal = ratio | total: wall / ideal = ratio');
    const rows = [];
    for (const c of LEVELS) {
      const r = await run(browser, `http://127.0.0.1:${port}/`, standIn, c);
      rows.push(r);
      if (r.shown !== JOBS) throw new Error(`only ${r.shown} of ${JOBS} jobs were profiled`);
      console.log(`${String(c).padStart(16)} | ${String(r.listPages).padStart(3)} pages, ${r.listMs} / ${r.idealList} ms | `
        + `${r.historyPages} pages, ${r.fetchMs} / ${r.idealFetch} ms = ${(r.fetchMs / r.idealFetch).toFixed(2)} | `
        + `${r.totalMs} / ${r.idealTotal} ms = ${(r.totalMs / r.idealTotal).toFixed(2)}`);
    }
    console.log('\nIdeal: the listing pages one after another, then ceil(history pages / concurrency) × latency.');
    console.log('Chromium opens at most 6 HTTP/1.1 connections per host (the stand-in speaks HTTP/1.1), so 8 at');
    console.log('once cannot reach its ideal. Every history URL also needs a CORS preflight (X-Tapis-Token is');
    console.log('not a simple header); the stand-in answers those at once, without the latency.');
  } finally {
    await browser.close();
    await standIn.stop();
    server.kill();
  }
})().catch((e) => { console.error(e); process.exit(1); });
