// Issue 5 as a researcher meets it: paste a token, list jobs, fetch their histories from a
// Tapis tenant (the local stand-in, crates/stand-in, one per test) while it fails on purpose;
// refused tokens; cancel; a 401 mid-way; and afterwards no trace of the token anywhere.
// These run on the loopback variant of the release build (TEST_APP, target/test-dist): the
// shipped one (APP, dist/) refuses the stand-in, as e2e/live-refusals.spec.js checks.
const { test, expect, SHOTS } = require('./fixtures');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { HOST, SUB, TEST_APP } = require('./servers.cjs');

const APP = TEST_APP;
test.use({ baseURL: TEST_APP });

const CLI = path.join(__dirname, '..', 'target', 'debug', 'tapis-profile');
// Injected 429/500/401 answers and cut connections are logged by the browser as errors.
test.use({ expectedErrors: [/Failed to load resource/] });

const panel = (page) => page.locator('details.live-panel');
const words = (page) => page.locator('#live-progress-words');
// What the page holds: under "Loaded data", the listing (`tapis:jobs`) and one input per
// job history fetched (`tapis:history:<uuid>`), replaced in place when fetched again; the
// histories share one row, which says how many there are.
const listing = (page) => page.locator('li.input[data-input="tapis:jobs"]');
const historiesRow = (page) => page.locator('li.input[data-input="tapis:history:*"]');
async function historyCount(page) {
  const row = historiesRow(page);
  return (await row.count()) === 0 ? 0 : Number(await row.getAttribute('data-count'));
}
const loadedJobs = (page, n) => expect(page.locator('.loaded-head')).toContainText(` and ${n} jobs`);

/** The panel, from its top, as far as the window shows (an element screenshot of a page with
 * hundreds of jobs waits long for the page to settle). */
async function shot(page, name) {
  await panel(page).evaluate((el) => el.scrollIntoView());
  await page.screenshot({ path: path.join(SHOTS, name) });
}

async function open(page) {
  await page.goto('./');
  await page.locator('details.live-panel > summary').click();
}

async function connect(page, standIn, token = standIn.token) {
  await page.getByLabel('Tenant', { exact: true }).fill(standIn.url);
  await page.getByLabel('Tenant id').fill('designsafe');
  await page.getByLabel('Access token').fill(token);
  await page.getByRole('button', { name: 'Connect' }).click();
}

/** Lists `count` jobs (the panel lists 100 on connecting). */
async function list(page, count) {
  await page.getByLabel('How many (newest first)').fill(String(count));
  await page.getByRole('button', { name: /List (my jobs|again)/ }).click();
  await expect(page.locator('#live-jobs-title')).toHaveText(`${count} jobs`);
}

/** Counts requests to `origin` in flight at once, from the browser's side. */
function watchInFlight(page, origin) {
  const state = { now: 0, max: 0 };
  const done = (r) => { if (r.url().startsWith(origin)) state.now -= 1; };
  page.on('request', (r) => {
    if (r.url().startsWith(origin) && r.method() === 'GET') {
      state.now += 1;
      state.max = Math.max(state.max, state.now);
    }
  });
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  return state;
}

/** Runs the CLI on a bundle: the core's report for the same data. */
function coreReport(bundleText) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tjp-')), 'bundle.json');
  fs.writeFileSync(file, bundleText);
  return JSON.parse(execFileSync(CLI, [file, '--format', 'json'], { maxBuffer: 1 << 28 }));
}

/** Downloads one of the page's exports (the Export section's button `name`): its text. */
async function download(page, name) {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('section.exports').getByRole('button', { name }).click(),
  ]);
  return fs.readFileSync(await file.path(), 'utf8');
}

/** The page's own report (its JSON export), job by job. */
async function pageReport(page) {
  const doc = JSON.parse(await download(page, /JSON/));
  return new Map(doc.report.jobs.map((j) => [j.uuid, j]));
}

test.describe('200 jobs from a tenant that fails', () => {
  test.use({ standInArgs: ['--synthetic', '200', '--seed', '11'] });

  test('every job ends profiled or listed as failed, nothing is lost, the numbers are the core\'s', async ({ page, standIn }) => {
    test.setTimeout(150_000);
    let bundle = JSON.parse(await standIn.exportBundle());
    const uuids = bundle.jobs.map((j) => j.uuid);
    // One job with 142 events: its history takes two pages.
    const long = uuids[0];
    const at = bundle.jobs[0].job.lastUpdated;
    for (let i = 0; i < 130; i++) {
      await standIn.addEvent(long, { event: 'JOB_USER_EVENT', created: at, eventDetail: 'DEFAULT',
        description: `note ${i}`, transferTaskUuid: null, transferSummary: {} });
    }
    const bundleText = await standIn.exportBundle();
    bundle = JSON.parse(bundleText);
    const broken = [uuids[5], uuids[77], uuids[150]];
    await standIn.config({
      latencyMs: 5, jitterMs: 25, seed: 3, brokenJobs: broken, faults: [
        { kind: 'tooManyRequests', rate: 0.08, scope: 'history' },
        { kind: 'serverError', rate: 0.08, scope: 'history' },
        { kind: 'truncated', rate: 0.05, scope: 'history' },
        { kind: 'reset', rate: 0.05, scope: 'history' },
        { kind: 'slow', rate: 0.05, scope: 'history', slowMs: 300 },
        { kind: 'serverError', rate: 0.5, scope: 'search', maxPerPath: 1 },
      ],
    });
    const inFlight = watchInFlight(page, standIn.url);

    await open(page);
    await connect(page, standIn);
    await expect(page.locator('#live-jobs-title')).toHaveText('Your newest 100 of 200 matching jobs');
    await list(page, 200);
    // The listing alone gives every job its coarse profile, at once.
    await expect(listing(page)).toHaveCount(1);
    await loadedJobs(page, 200);
    await expect(historiesRow(page)).toHaveCount(0);

    await page.getByRole('button', { name: 'Fetch 200 histories' }).click();
    await expect(words(page)).toContainText('200 of 200 histories: 197 fetched, 3 failed', { timeout: 120_000 });
    await expect(words(page)).toContainText('retries');

    // The three broken jobs are listed with Tapis' reason; everything else arrived.
    const failures = page.locator('.live-failures li');
    await expect(failures).toHaveCount(3);
    for (const uuid of broken) {
      const item = page.locator(`.live-failures li[data-uuid="${uuid}"]`);
      // Plain words first, then what Tapis said.
      await expect(item.locator('.live-why')).toHaveText(/^[A-Z][^.:]*; gave up after 5 tries\. .*Tapis answered 500: FILES_TRANSFER_NOT_FOUND/);
      await expect(item.locator('.live-why')).not.toContainText('..');
    }
    await expect(page.locator('.live-table .live-ok')).toHaveCount(197);
    await expect.poll(() => historyCount(page)).toBe(197);
    await loadedJobs(page, 200);
    expect(inFlight.max, 'requests in flight at once').toBeLessThanOrEqual(4);
    expect(inFlight.max).toBeGreaterThanOrEqual(2);

    // The page's numbers are the core's for the very data the stand-in serves.
    const report = coreReport(bundleText);
    const shown = await pageReport(page);
    expect([...shown.keys()].sort()).toEqual([...uuids].sort());
    let compared = 0;
    for (const expected of report.jobs) {
      const job = shown.get(expected.uuid);
      expect(expected.hasHistory).toBe(true);
      expect(job.hasHistory, job.uuid).toBe(!broken.includes(job.uuid));
      if (broken.includes(job.uuid)) continue;
      expect(Object.keys(job.durations), job.uuid).toEqual(Object.keys(expected.durations));
      for (const [state, seconds] of Object.entries(expected.durations)) {
        if (state === expected.openState) continue; // measured to different "now"s
        expect(Math.abs(job.durations[state] - seconds), `${job.uuid} ${state}`).toBeLessThanOrEqual(1e-6);
        compared += 1;
      }
      if (expected.terminal) {
        expect(Math.abs(job.totalSeconds - expected.totalSeconds), `${job.uuid} total`).toBeLessThanOrEqual(1e-6);
      }
    }
    expect(compared).toBeGreaterThan(1500);

    // What went over the wire: pages of 100 followed, retried, never limit=-1, no cookies
    // or referrer, the token only as a header.
    const log = await standIn.requests();
    const api = log.filter((r) => r.path.startsWith('/v3/') && r.method === 'GET'); // not CORS preflights
    expect(api.every((r) => r.hasToken && !r.hasCookie && !r.hasReferer && r.origin === new URL(APP).origin)).toBe(true);
    expect(api.some((r) => r.query.includes('limit=-1'))).toBe(false);
    const longPages = api.filter((r) => r.path === `/v3/jobs/${long}/history` && r.status === 200).map((r) => r.query);
    expect(longPages).toEqual(expect.arrayContaining(['limit=100&skip=0', 'limit=100&skip=100']));
    expect(api.filter((r) => [429, 500].includes(r.status)).length).toBeGreaterThan(20);
    const searches = api.filter((r) => r.path === '/v3/jobs/search' && r.status === 200);
    expect(searches.every((r) => r.query.includes('select=uuid,name,') && r.query.includes('orderBy=created(desc)'))).toBe(true);

    await shot(page, 'live-fetched-1280.png');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shot(page, 'live-fetched-dark-1280.png');
  });
});

test.describe('40 jobs, slowly', () => {
  test.use({ standInArgs: ['--synthetic', '40', '--seed', '4'] });

  test('cancel mid-way keeps what arrived, and the rest can be fetched after', async ({ page, standIn }) => {
    test.setTimeout(90_000);
    await page.setViewportSize({ width: 390, height: 844 });
    await standIn.config({ latencyMs: 250 });
    await open(page);
    await connect(page, standIn);
    await expect(page.locator('#live-jobs-title')).toHaveText('40 jobs');
    await page.getByLabel('Requests at once').selectOption('2');
    await page.getByRole('button', { name: 'Fetch 40 histories' }).click();
    // From the moment Fetch is pressed, progress and Cancel are in view, and the button's
    // count stays the run's.
    await expect(page.getByRole('button', { name: 'Cancel' })).toBeInViewport();
    await expect(page.locator('.live-progress progress')).toBeInViewport();
    await expect.poll(() => page.locator('.live-table .live-ok').count()).toBeGreaterThanOrEqual(4);
    await expect(page.locator('.live-jobs .primary')).toHaveText('Fetching 40 histories…');
    await page.locator('.live-table-wrap').scrollIntoViewIfNeeded();
    await page.mouse.wheel(0, 300);
    await expect(page.getByRole('button', { name: 'Cancel' }), 'sticky while the panel is in view').toBeInViewport();
    await page.screenshot({ path: path.join(SHOTS, 'live-fetching-390.png') });
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(words(page)).toContainText('stopped, ');
    const kept = await page.locator('.live-table .live-ok').count();
    expect(kept).toBeGreaterThanOrEqual(4);
    expect(kept).toBeLessThan(40);
    await expect.poll(() => historyCount(page)).toBe(kept);
    await expect(words(page)).toContainText(`${kept} of 40 histories fetched`);
    await expect(words(page)).toContainText(`stopped, ${40 - kept} not fetched`);

    // Nothing more is asked once cancelled (what was in flight is logged as it ends).
    await page.waitForTimeout(600);
    const before = (await standIn.requests()).length;
    await page.waitForTimeout(1_000);
    expect((await standIn.requests()).length).toBe(before);

    // The rest: only the jobs still missing.
    const arrived = await page.locator('.live-table tr:has(.live-ok)').evaluateAll((rows) => rows.map((r) => r.dataset.uuid));
    await standIn.clearRequests();
    // One left (39 arrived before Cancel, under load) is "1 history".
    const rest = `${40 - kept} ${40 - kept === 1 ? 'history' : 'histories'}`;
    await page.getByRole('button', { name: `Fetch ${rest}` }).click();
    await expect(words(page)).toContainText(`${40 - kept} of ${rest}`, { timeout: 60_000 });
    await expect.poll(() => historyCount(page)).toBe(40);
    await loadedJobs(page, 40);
    const asked = (await standIn.requests())
      .filter((r) => r.path.endsWith('/history') && r.method === 'GET')
      .map((r) => r.path.split('/')[3]);
    expect(asked.length).toBe(40 - kept);
    expect(asked.filter((uuid) => arrived.includes(uuid)), 'what arrived is not fetched again').toEqual([]);
    expect(await panel(page).evaluate((el) => Math.max(el.scrollWidth - el.clientWidth,
      el.getBoundingClientRect().right - innerWidth)), 'the panel fits 390 px').toBeLessThanOrEqual(0);
    await shot(page, 'live-fetched-390.png');
  });

  test('a 401 mid-way stops, forgets the token, says so, and keeps what arrived', async ({ page, standIn }) => {
    test.setTimeout(90_000);
    // 500 ms a request, 2 at once: the 40 histories take 10 s, so the 401 is switched on well
    // before the last arrives even on a loaded machine (at 150 ms all 40 once beat it).
    await standIn.config({ latencyMs: 500 });
    await open(page);
    await connect(page, standIn);
    await page.getByLabel('Requests at once').selectOption('2');
    await page.getByRole('button', { name: 'Fetch 40 histories' }).click();
    await expect.poll(() => page.locator('.live-table .live-ok').count()).toBeGreaterThanOrEqual(4);
    await standIn.config({ latencyMs: 500, faults: [{ kind: 'unauthorized', rate: 1, maxPerPath: 0 }] });

    const alert = page.getByRole('alert');
    await expect(alert).toContainText(/^Tapis refused the token \(it expired, was revoked, or is not valid for this tenant\), so it is forgotten\./);
    await expect(alert).toContainText('Tapis answered 401: TAPIS_SECURITY_JWT_INVALID');
    await expect(alert).not.toContainText('..');
    await expect(page.getByLabel('Access token'), 'the connect form is back, empty').toHaveValue('');
    await expect(page.getByLabel('Tenant', { exact: true }), 'the tenant survives the 401').toHaveValue(standIn.url);
    await expect(page.getByLabel('Tenant id')).toHaveValue('designsafe');
    await expect(page.getByRole('button', { name: 'Forget token' })).toHaveCount(0);
    await expect(words(page)).toContainText('stopped, ');
    const kept = await historyCount(page);
    expect(kept).toBeGreaterThanOrEqual(4);
    const log = await standIn.requests();
    const firstRefusal = log.findIndex((r) => r.status === 401);
    expect(log.slice(firstRefusal).filter((r) => r.hasToken).length,
      'at most the requests already in flight got the 401').toBeLessThanOrEqual(2);
    await page.waitForTimeout(800);
    expect((await standIn.requests()).length, 'nothing is sent after the 401').toBe(log.length);

    // A new token fetches the rest.
    await standIn.config({ latencyMs: 0 });
    await connect(page, standIn, await standIn.mint({ user: 'testuser' }));
    await page.getByRole('button', { name: `Fetch ${40 - kept} histories` }).click();
    await expect.poll(() => historyCount(page), { timeout: 30_000 }).toBe(40);
  });
});

test('expired, foreign and broken tokens are refused before anything is sent', async ({ page, standIn }) => {
  await open(page);
  const alert = page.getByRole('alert');
  await connect(page, standIn, await standIn.mint({ ttlSeconds: -7200 }));
  await expect(alert).toContainText('This token expired 2 h ago');
  await expect(page.getByLabel('Access token'), 'the refused token is not kept in the field').toHaveValue('');
  await connect(page, standIn, await standIn.mint({ tenant: 'tacc' }));
  await expect(alert).toContainText('This token is for the tenant “tacc”, but the URL above is the tenant “designsafe”');
  await connect(page, standIn, 'my-password');
  await expect(alert).toContainText('This is not a Tapis token');
  await page.getByLabel('Tenant', { exact: true }).fill('http://tapis.example.org');
  await page.getByLabel('Access token').fill(standIn.token);
  await page.getByRole('button', { name: 'Connect' }).click();
  await expect(alert).toContainText('unencrypted');
  const api = (await standIn.requests()).filter((r) => !r.path.startsWith('/_stand-in/'));
  expect(api, 'no request reached the tenant').toEqual([]);
  await panel(page).screenshot({ path: path.join(SHOTS, 'live-refused-1280.png') });
});

test.describe('the real fixtures and some synthetic jobs', () => {
  test.use({ standInArgs: ['--fixtures', 'fixtures/tapis', '--synthetic', '12', '--seed', '2'] });

  test('refresh fetches only what changed; afterwards no trace of the token anywhere', async ({ page, standIn, context }) => {
    const requests = [];
    context.on('request', (r) => requests.push(r));
    await open(page);
    await panel(page).screenshot({ path: path.join(SHOTS, 'live-connect-1280.png') });
    await connect(page, standIn);
    await expect(page.locator('#live-jobs-title')).toHaveText('16 jobs');
    await expect(page.getByLabel('Access token'), 'the field is gone with the token').toHaveCount(0);
    // The real RUNNING job (2023) is marked live.
    const running = '2515bccb-c550-4a2c-90b5-6868ce2a219e-007';
    await expect(page.locator(`tr[data-uuid="${running}"] .live-badge`)).toHaveText('live');
    await page.getByRole('button', { name: 'Fetch 16 histories' }).click();
    await expect(words(page)).toContainText('16 of 16 histories fetched');
    await expect.poll(() => historyCount(page)).toBe(16);
    expect((await pageReport(page)).get('4dfa35e1-15cd-48fd-a090-f348544dee1f-007').durations.ARCHIVING)
      .toBeCloseTo(215.1, 1);

    // The running job moves on; a refresh lists again and fetches only live or changed jobs.
    const terminal = ['FINISHED', 'FAILED', 'CANCELLED'];
    const live = JSON.parse(await standIn.exportBundle()).jobs
      .filter((j) => !terminal.includes(j.job.status)).map((j) => `/v3/jobs/${j.uuid}/history`);
    expect(live).toContain(`/v3/jobs/${running}/history`);
    await standIn.clearRequests();
    for (const [status, created] of [['ARCHIVING', '2023-02-16T22:00:00.000000Z'], ['FINISHED', '2023-02-16T22:05:00.000000Z']]) {
      await standIn.addEvent(running, { event: 'JOB_NEW_STATUS', created, eventDetail: status,
        description: JSON.stringify({ newJobStatus: status, jobUuid: running }), transferTaskUuid: null, transferSummary: {} });
    }
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect(words(page)).toContainText(`${live.length} of ${live.length} histor`);
    const histories = (await standIn.requests())
      .filter((r) => r.path.endsWith('/history') && r.method === 'GET').map((r) => r.path);
    expect(histories.sort()).toEqual(live.sort());
    await expect(page.locator(`tr[data-uuid="${running}"] .live-badge`)).toHaveCount(0);
    // The job's history was replaced in place: one input for it, now FINISHED.
    await expect.poll(() => historyCount(page)).toBe(16);
    expect((await pageReport(page)).get(running).finalStatus).toBe('FINISHED');

    await page.getByRole('button', { name: 'Forget token' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'The token is forgotten' })).toBeVisible();
    const served = JSON.parse(await standIn.exportBundle()).jobs.filter((j) => j.history.length > 0);
    await expect.poll(() => historyCount(page), { message: 'what was fetched stays' }).toBe(16);
    const withHistory = [...(await pageReport(page)).values()].filter((j) => j.hasHistory).map((j) => j.uuid);
    expect(withHistory.sort()).toEqual(served.map((j) => j.uuid).sort());

    // No trace of the token: storage, cookies, the URL, the page, the browser's caches.
    const token = standIn.token;
    const traces = await page.evaluate(async () => ({
      local: JSON.stringify({ ...localStorage }),
      session: JSON.stringify({ ...sessionStorage }),
      cookie: document.cookie,
      url: location.href,
      html: document.documentElement.outerHTML,
      inputs: [...document.querySelectorAll('input, textarea')].map((i) => i.value).join('\n'),
      entries: performance.getEntries().map((e) => e.name).join('\n'),
      databases: JSON.stringify(await indexedDB.databases()),
      caches: JSON.stringify(await caches.keys()),
      history: history.length,
    }));
    for (const [where, text] of Object.entries(traces)) {
      expect(String(text).includes(token), `the token in ${where}`).toBe(false);
      expect(String(text).includes(token.split('.')[1]), `the token's claims in ${where}`).toBe(false);
    }
    expect(traces.local).toBe('{}');
    expect(traces.session).toBe('{}');
    expect(traces.cookie).toBe('');
    expect(traces.url).toBe(APP);
    expect(await context.cookies()).toEqual([]);
    // Nor in any export.
    for (const name of [/JSON/, 'Download CSV', 'Download Markdown report', 'Download trace']) {
      const text = await download(page, name);
      expect(text.includes(token), `the token in the ${name} export`).toBe(false);
      expect(text.includes(token.split('.')[1]), `the token's claims in the ${name} export`).toBe(false);
    }

    // Every request went to the page's own origin (its files) or to the tenant; the token
    // only ever in the X-Tapis-Token header, to the tenant.
    const origins = new Set(requests.map((r) => new URL(r.url()).origin));
    expect([...origins].sort()).toEqual([new URL(APP).origin, standIn.url].sort());
    for (const r of requests) {
      const headers = await r.allHeaders();
      expect(r.url().includes(token)).toBe(false);
      expect(headers.referer, `referer on ${r.url()}`).toBeUndefined();
      const toTenant = r.url().startsWith(`${standIn.url}/v3/`) && r.method() === 'GET';
      expect(headers['x-tapis-token'], r.url()).toEqual(toTenant ? token : undefined);
      for (const [name, value] of Object.entries(headers)) {
        if (name !== 'x-tapis-token') expect(value.includes(token), `${name} on ${r.url()}`).toBe(false);
      }
    }
  });
});

test('a component of another page warns that the page can read the token; the page and iframe do not', async ({ page }) => {
  await page.goto(`${HOST}e2e/hosts/components.html?app=${encodeURIComponent(SUB)}`);
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'yes');
  const component = page.locator('#el-empty');
  await component.locator('details.live-panel > summary').click();
  await expect(component.locator('.live-warning')).toContainText("That page's own scripts can read what is typed here");
  await component.screenshot({ path: path.join(SHOTS, 'live-component-warning-1280.png') });
  await page.goto(APP);
  await page.locator('details.live-panel > summary').click();
  await expect(page.getByLabel('Access token')).toBeVisible();
  await expect(page.locator('.live-warning')).toHaveCount(0);
});

test('a tenant the page was opened for is the default; a host outside tapis.io is refused before anything is sent', async ({ page }) => {
  await page.goto('./?tenant=https%3A%2F%2Ftacc.tapis.io');
  await page.locator('details.live-panel > summary').click();
  await expect(page.getByLabel('Tenant', { exact: true })).toHaveValue('https://tacc.tapis.io');
  await expect(page.getByLabel('Tenant id')).toHaveCount(0);
  await expect(page.locator('#live-url-note')).toHaveText('A Tapis tenant: the token goes to https://tacc.tapis.io only (tenant “tacc”).');
  await page.getByLabel('Tenant', { exact: true }).fill('https://tapis.example.edu');
  await expect(page.getByLabel('Tenant id')).toBeVisible();
  await expect(page.locator('#live-url-note')).toContainText('This app sends a token only to a Tapis tenant at https://<tenant>.tapis.io');
  await page.getByText('How do I get a token?').click();
  await expect(panel(page).locator('pre').first()).toContainText('Tapis(base_url="https://tapis.example.edu"');
});

test('the token field is no password field in a form: nothing for a password manager to save', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await open(page);
  const field = page.getByLabel('Access token');
  expect(await panel(page).evaluate((el) => el.scrollWidth - el.clientWidth), 'the form fits 390 px').toBeLessThanOrEqual(0);
  await panel(page).screenshot({ path: path.join(SHOTS, 'live-connect-390.png') });
  await page.emulateMedia({ colorScheme: 'dark' });
  await panel(page).screenshot({ path: path.join(SHOTS, 'live-connect-dark-390.png') });
  expect(await field.evaluate((el) => [el.tagName, el.getAttribute('autocomplete'), el.closest('form')]))
    .toEqual(['TEXTAREA', 'off', null]);
  await expect(page.locator('input[type=password]')).toHaveCount(0);
  expect(await field.evaluate((el) => getComputedStyle(el).webkitTextSecurity), 'masked on screen').toBe('disc');
  // Enter connects (no form to submit): a refused token says why, and the field is emptied.
  await field.fill('hunter2');
  await field.press('Enter');
  await expect(page.getByRole('alert')).toContainText('This is not a Tapis token');
  await expect(field).toHaveValue('');
});
