// Benchmark (not a test) of Live from Tapis: list 500 jobs and fetch their histories from
// the local stand-in tenant with 50 ms latency on every request (CORS preflights included,
// as on a real network), at 1, 4 and 8 requests at once, in headless Chromium, through the
// page as a person would (the loopback build, target/test-dist: the shipped one refuses a
// loopback tenant).
//
// The ideal counts what the browser must do: every history URL is a distinct cross-origin
// GET with a non-simple header (X-Tapis-Token), so each needs its own preflight round trip
// before the GET's (Tapis sends no Access-Control-Max-Age). Ideal fetch =
// ceil(history pages / concurrency) × 2 × latency; the listing's pages go one after another,
// each 2 × latency. Efficiency = ideal / wall (1 is the ideal; the goal is ≥ 0.8 at 4 and 8).
// Also: the mean requests in flight while fetching (from the stand-in's log), and the tail:
// how long after the last answer left the stand-in the page held every history.
//
// `--baseline DIR` runs another build of the app (say, the one before a change) against the
// same stand-in, interleaved with this one at every level: an A/B in one run.
//
// The floor, at every level: the same history GETs (same headers, so the same preflights)
// from a bare loop in the page, `concurrency` at a time, reading each answer as JSON and
// nothing else: what the browser, the machine and the stand-in cost without the app. The
// app's efficiency is bounded by the floor's.
//
// `--http 1.1,2`: the stand-in speaks HTTP/1.1 (plain), HTTP/2 (over TLS with a certificate
// made at start, which this Chromium is told to accept; the stand-in built with `--features
// tls`), or both in turn. Chromium opens at most 6 HTTP/1.1 connections per host, which
// bounds 8 requests at once to 6/8 of the ideal; over HTTP/2 (as Tapis' proxy speaks) all
// share one connection.
//
//   ./x bench live            (builds what is missing first)
//   node bench/live.cjs [--jobs N] [--latency MS] [--concurrency 1,4,8] [--http 1.1,2]
//                       [--app DIR] [--baseline DIR]
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
const APP = path.resolve(ROOT, arg('app', 'target/test-dist'));
const BASELINE = arg('baseline', null) && path.resolve(ROOT, arg('baseline'));
const PROTOCOLS = arg('http', '1.1,2').split(',');
// The HTTP/2 stand-in's certificate is made at its start: this process's own calls to its
// control endpoints (loopback only) accept it, as the benchmark's Chromium does.
if (PROTOCOLS.includes('2')) process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';

const freePort = () => new Promise((resolve) => {
  const s = net.createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
});

/** Mean requests in flight between the first request's start and the last one's end. */
function meanInFlight(log) {
  if (log.length === 0) return 0;
  const start = Math.min(...log.map((r) => r.atMs));
  const end = Math.max(...log.map((r) => r.atMs + r.tookMs));
  return log.reduce((s, r) => s + r.tookMs, 0) / Math.max(1, end - start);
}

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
  const listing = (await standIn.requests()).filter((r) => r.path === '/v3/jobs/search');
  const listPages = listing.filter((r) => r.method === 'GET').length;

  await standIn.clearRequests();
  t0 = Date.now();
  await page.getByRole('button', { name: new RegExp(`^Fetch ${JOBS} histories`) }).click();
  // Done when the page holds them all: one loaded input per history (one row says how many).
  const held = () => Number(document.querySelector('li.input[data-input="tapis:history:*"]')?.dataset.count || 0);
  await page.waitForFunction((n) => Number(document.querySelector('li.input[data-input="tapis:history:*"]')
    ?.dataset.count || 0) === n, JOBS, { polling: 10 });
  const fetchMs = Date.now() - t0;
  const log = (await standIn.requests()).filter((r) => r.path.endsWith('/history'));
  const gets = log.filter((r) => r.method === 'GET');
  const preflights = log.length - gets.length;
  const lastAnswer = Math.max(...log.map((r) => r.atMs + r.tookMs));
  const firstAsk = Math.min(...log.map((r) => r.atMs));
  const tailMs = fetchMs - (lastAnswer - firstAsk);
  const shown = await page.evaluate(held);
  await page.close();

  const idealList = listPages * 2 * LATENCY;
  const idealFetch = Math.ceil(gets.length / concurrency) * 2 * LATENCY;
  return { concurrency, listPages, listMs, idealList, historyPages: gets.length, preflights, fetchMs,
    idealFetch, inFlight: meanInFlight(log), tailMs, shown };
}

/** The floor: the same GETs from a bare fetch loop in a fresh page of the app's origin. */
async function floor(browser, app, standIn, concurrency) {
  const uuids = JSON.parse(await standIn.exportBundle()).jobs.map((j) => j.uuid);
  const page = await browser.newPage();
  await page.goto(app);
  await standIn.clearRequests();
  const fetchMs = await page.evaluate(async ({ base, token, uuids, concurrency }) => {
    let next = 0;
    const started = performance.now();
    await Promise.all(Array.from({ length: concurrency }, async () => {
      while (next < uuids.length) {
        const url = `${base}/v3/jobs/${uuids[next++]}/history?limit=100&skip=0`;
        const r = await fetch(url, { headers: { 'X-Tapis-Token': token }, credentials: 'omit',
          cache: 'no-store', referrerPolicy: 'no-referrer' });
        await r.json();
      }
    }));
    return Math.round(performance.now() - started);
  }, { base: standIn.url, token: standIn.token, uuids, concurrency });
  const log = (await standIn.requests()).filter((r) => r.path.endsWith('/history'));
  await page.close();
  const gets = log.filter((r) => r.method === 'GET').length;
  return { fetchMs, gets, preflights: log.length - gets, idealFetch: Math.ceil(gets / concurrency) * 2 * LATENCY,
    inFlight: meanInFlight(log) };
}

(async () => {
  const port = await freePort();
  const builds = [['this build', APP], ...(BASELINE ? [['baseline', BASELINE]] : [])];
  const servers = builds.map(([, dir], i) => spawn(process.execPath,
    [path.join(ROOT, 'e2e', 'serve.cjs'), dir, String(port + i)], { stdio: 'ignore' }));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run',
      ...(PROTOCOLS.includes('2') ? ['--ignore-certificate-errors'] : [])],
  });
  const results = [];
  const standIns = [];
  try {
    const load = require('node:os').loadavg().map((l) => l.toFixed(1)).join(' ');
    console.log(`Live from Tapis: ${JOBS} jobs, ${LATENCY} ms on every request and preflight, headless Chromium (load ${load})`);
    console.log(builds.map(([name, dir]) => `  ${name}: ${path.relative(ROOT, dir)}`).join('\n'));
    console.log('\nHTTP | build      | at once | listing: pages, wall / ideal ms | histories: GETs + preflights, wall / ideal ms = efficiency | in flight | tail ms');
    for (const protocol of PROTOCOLS) {
      const standIn = await startStandIn(['--synthetic', String(JOBS), '--seed', '7', ...(protocol === '2' ? ['--tls'] : [])]);
      standIns.push(standIn);
      await standIn.config({ latencyMs: LATENCY });
      await new Promise((r) => setTimeout(r, 300));
      for (const c of LEVELS) {
        const f = await floor(browser, `http://127.0.0.1:${port}/`, standIn, c);
        results.push({ http: protocol, build: 'floor', concurrency: c, ...f, efficiency: f.idealFetch / f.fetchMs });
        console.log(`${protocol.padEnd(4)} | ${'floor'.padEnd(10)} | ${String(c).padStart(7)} | ${'—'.padStart(24)} | `
          + `${f.gets} + ${f.preflights}, ${f.fetchMs} / ${f.idealFetch} = ${(f.idealFetch / f.fetchMs).toFixed(2)} | `
          + `${f.inFlight.toFixed(1)} | —`);
        for (const [i, [name]] of builds.entries()) {
          const r = await run(browser, `http://127.0.0.1:${port + i}/`, standIn, c);
          if (r.shown !== JOBS) throw new Error(`${name}: only ${r.shown} of ${JOBS} jobs were profiled`);
          results.push({ http: protocol, build: name, ...r, efficiency: r.idealFetch / r.fetchMs });
          console.log(`${protocol.padEnd(4)} | ${name.padEnd(10)} | ${String(c).padStart(7)} | ${String(r.listPages).padStart(2)} pages, ${r.listMs} / ${r.idealList} | `
            + `${r.historyPages} + ${r.preflights}, ${r.fetchMs} / ${r.idealFetch} = ${(r.idealFetch / r.fetchMs).toFixed(2)} | `
            + `${r.inFlight.toFixed(1)} | ${r.tailMs}`);
        }
      }
    }
    console.log('\nEfficiency: ideal / wall, the ideal being ceil(GETs / at once) × 2 × latency (a preflight and a GET per URL).');
    console.log('Over HTTP/1.1 Chromium opens at most 6 connections per host: at 8 at once the preflights and GETs');
    console.log('share 6, which bounds the efficiency there at 6/8 = 0.75. Over HTTP/2 they share one connection.');
    console.log(`JSON: ${JSON.stringify(results)}`);
  } finally {
    await browser.close();
    await Promise.all(standIns.map((s) => s.stop()));
    servers.forEach((s) => s.kill());
  }
})().catch((e) => { console.error(e); process.exit(1); });
