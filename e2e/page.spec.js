// The profiler page as a person uses it: drop or pick many files, read the numbers (they are
// the core's: the CLI's JSON report on the same files), see a bad file's error beside the
// good ones, remove files, clear all (after a question), filter and sort, open a job with the
// keyboard, watch a running job grow, and load two thousand jobs.
const { test, expect, SHOTS } = require('./fixtures');
const fs = require('node:fs');
const path = require('node:path');
const { FIXTURES, report, synth, fixtureNames, formatDuration, sum } = require('./core.cjs');

const AS_OF = '2026-11-20T12:00:00Z';
const SAMPLE = fs.readFileSync(path.join(FIXTURES, 'source-ds-history-4dfa35e1-finished-2025.reconstructed.json'), 'utf8');
const shot = (page, name) => page.screenshot({ path: path.join(SHOTS, name), fullPage: true });

const { loaded, inputRow, figure, canvas, detail, drop, fixture, settled, expectOverview } = require('./views.cjs');

test.describe('with the clock at a known time', () => {
  test.beforeEach(async ({ page }) => {
    // Open states are measured up to "now": the page's and the CLI's must be the same.
    await page.clock.setFixedTime(new Date(AS_OF));
    await page.goto('./');
  });

  test('every real fixture dropped at once: the page shows the core\'s numbers', async ({ page }) => {
    const names = fixtureNames();
    expect(names.length).toBeGreaterThan(10);
    const r = report(names, { asOf: AS_OF });
    await drop(page, names.map(fixture));
    await settled(page, names.length);

    await expectOverview(page, r);
    await expect(page.locator('.job-filters .count')).toHaveText(`All ${r.jobs.length} jobs shown`);
    await expect(canvas(page)).toHaveAccessibleName(new RegExp(`^Job timeline, ${r.jobs.length} jobs\\.`));
    // Each input: what was read from it, as the core says.
    for (const name of names) {
      const jobs = r.jobs.filter((j) => j.inputs.includes(name)).length;
      await expect(inputRow(page, name).locator('.input-meta'))
        .toContainText(`${jobs} job${jobs === 1 ? '' : 's'}`);
    }
    // One input had something to say: its row counts it, the data quality panel lists it.
    const noted = r.diagnostics[0];
    await expect(inputRow(page, noted.input).locator('summary')).toContainText(/1 (warning|note)/);
    // Stale jobs are a warning each (their own warning is that group's line).
    const stale = r.jobs.filter((j) => j.stale).length;
    const problems = r.diagnostics.filter((d) => d.severity !== 'info').length + stale;
    const notes = r.diagnostics.filter((d) => d.severity === 'info').length
      + sum(r.jobs.map((j) => j.warnings.filter((w) => !w.startsWith('stale:')).length));
    const quality = page.locator('.data-quality .section-head');
    if (problems > 0) await expect(quality).toContainText(`${problems} problem`);
    await expect(quality).toContainText(`${notes} note`);
    await shot(page, 'page-fixtures-1280.png');
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - innerWidth),
      'the page scrolls sideways at 390 px').toBeLessThanOrEqual(0);
    await shot(page, 'page-fixtures-390.png');
  });

  test('a bad file among good ones: its error is shown there, the good ones are analysed', async ({ page }) => {
    const good = ['source-ds-joblist-failed-2024.tapipy.txt', 'source-tapisdocs-history-finished-2021.json',
      'source-ds-job-41d6ee21-finished-2026.pydict.txt'];
    const broken = { name: 'broken.json', text: '{"result": [\n  {"event": "JOB_NEW_STATUS",\n   "created": oops}\n]}' };
    // Picked with the file input this time, as the "Choose files…" button does.
    await page.getByLabel('Choose files…').setInputFiles([
      ...good.map((n) => ({ name: n, mimeType: 'text/plain', buffer: Buffer.from(fixture(n).text) })),
      { name: broken.name, mimeType: 'application/json', buffer: Buffer.from(broken.text) },
    ]);
    await settled(page, 4);
    const bad = inputRow(page, 'broken.json');
    await expect(bad).toHaveClass(/failed/);
    await expect(bad.getByRole('alert')).toContainText('not valid JSON');
    await expect(bad.getByRole('alert')).toContainText('line 3, column 15');
    await expectOverview(page, report(good, { asOf: AS_OF }));
    await expect(page.locator('.data-quality .section-head')).toContainText('1 problem to look at');
    await expect(page.locator('.data-quality details.quality-all')).toHaveJSProperty('open', true);
    await shot(page, 'page-bad-file-1280.png');
    await page.setViewportSize({ width: 390, height: 844 });
    await bad.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, 'page-bad-file-390.png') });
    await page.setViewportSize({ width: 1280, height: 900 });

    // Remove the bad one, then a good one: the numbers follow.
    await page.getByRole('button', { name: 'Remove broken.json' }).click();
    await expect(loaded(page)).toHaveCount(3);
    await expect(page.locator('.data-quality .section-head')).toContainText('No problems');
    await page.getByRole('button', { name: `Remove ${good[0]}` }).click();
    await expect(loaded(page)).toHaveCount(2);
    await expectOverview(page, report(good.slice(1), { asOf: AS_OF }));
  });
});

test('clear all asks first, and Escape or Cancel keeps everything', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('button', { name: 'Load sample data' }).click();
  await drop(page, [fixture('source-tapisdocs-history-finished-2021.json')]);
  await settled(page, 2);

  await page.getByRole('button', { name: 'Clear all…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Clear all loaded data?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('2 inputs and 2 jobs');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.screenshot({ path: path.join(SHOTS, 'page-clear-dialog-1280.png') });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: path.join(SHOTS, 'page-clear-dialog-390.png') });
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(loaded(page)).toHaveCount(2);
  await expect(page.getByRole('button', { name: 'Clear all…' })).toBeFocused();

  await page.getByRole('button', { name: 'Clear all…' }).click();
  await dialog.getByRole('button', { name: 'Clear all', exact: true }).click();
  await expect(loaded(page)).toHaveCount(0);
  await expect(page.locator('.loaded-head')).toContainText('nothing yet');
  await expect(page.getByRole('heading', { name: 'Overview' })).toHaveCount(0);
  await expect(canvas(page)).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Loaded data' })).toBeFocused();
});

test.describe('three hundred synthetic jobs', () => {
  // They are submitted from 2025-03-01 08:00 UTC, every three minutes; "now" is that evening.
  const EVENING = '2025-03-01T23:30:00Z';
  let file;
  let r;
  test.beforeAll(() => {
    file = synth(300, 3);
    r = report([file], { cwd: path.dirname(file), asOf: EVENING });
  });
  test.beforeEach(async ({ page }) => {
    await page.clock.setFixedTime(new Date(EVENING));
    await page.goto('./');
    await page.getByLabel('Choose files…').setInputFiles(file);
    await settled(page, 1);
  });

  test('filters count what they show; sorting orders the table', async ({ page }) => {
    const count = page.locator('.job-filters .count');
    await expect(count).toHaveText('All 300 jobs shown');
    const failed = r.jobs.filter((j) => j.finalStatus === 'FAILED');
    await page.getByLabel('Final status').selectOption('FAILED');
    await expect(count).toHaveText(`${failed.length} of 300 jobs shown`);
    await expect(page.getByLabel('Final status').locator('option', { hasText: 'FAILED' }))
      .toHaveText(`FAILED (${failed.length})`);
    await expectOverview(page, { jobs: failed });

    // Longest QUEUED first: the table's first row is the failed job that queued longest.
    await page.getByLabel('Sort by').selectOption('state:QUEUED');
    await page.getByLabel('Order').selectOption('desc');
    const queued = (j) => j.durations.QUEUED ?? 0;
    const longest = [...failed].sort((a, b) => queued(b) - queued(a))[0];
    await expect(page.locator('.tl-table tbody tr').first()).toHaveAttribute('data-job', longest.uuid);

    // An app among the failed ones, then text that names one job.
    const app = `${longest.appId} ${longest.appVersion}`;
    await page.getByLabel('App', { exact: true }).selectOption(app);
    const both = failed.filter((j) => `${j.appId} ${j.appVersion}` === app);
    await expect(count).toHaveText(`${both.length} of 300 jobs shown`);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect(count).toHaveText('All 300 jobs shown');
    await page.getByLabel('Search').fill(longest.uuid.slice(0, 13).toUpperCase());
    await expect(count).toHaveText('1 of 300 jobs shown');
    await expect(page.locator('.tl-table tbody tr')).toHaveCount(1);

    // Submitted from a day on: the synthetic jobs were all submitted on their first day.
    await page.getByRole('button', { name: 'Clear filters' }).click();
    const first = r.jobs[0].segments[0].start.slice(0, 10);
    const next = new Date(Date.parse(`${first}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    expect(r.jobs.every((j) => j.segments[0].start.startsWith(first))).toBe(true);
    await page.getByLabel('Submitted from').fill(next);
    await expect(count).toHaveText('0 of 300 jobs shown');
    await expect(page.getByText('No job matches these filters.')).toBeVisible();
    await page.getByLabel('Submitted from').fill(first);
    await page.getByLabel('Submitted to').fill(first);
    await expect(count).toHaveText('All 300 jobs shown');
    await page.getByLabel('Final status').selectOption('FAILED');
    await shot(page, 'page-filtered-1280.png');
  });

  test('a job opens with the keyboard, shows the core\'s numbers, and Escape returns', async ({ page }) => {
    await canvas(page).focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const job = r.jobs[1]; // sorted by submission: the second job submitted is the second row
    await expect(detail(page).getByRole('heading', { level: 2 })).toBeFocused();
    await expect(detail(page).getByRole('heading', { level: 2 })).toHaveText(job.name ?? job.uuid);
    await expect(detail(page).locator('.uuid')).toHaveText(job.uuid);
    await expect(detail(page).locator('tr[data-state="TOTAL"] td').first()).toHaveText(formatDuration(job.totalSeconds));
    for (const [state, seconds] of Object.entries(job.durations)) {
      await expect(detail(page).locator(`tr[data-state="${state}"] td`).first()).toHaveText(formatDuration(seconds));
    }
    if (job.transfers.archive && job.transfers.archive.files != null) {
      await expect(detail(page).locator('[data-transfer="Outputs archived"]'))
        .toContainText(job.transfers.archive.files.toLocaleString('en-US'));
    }
    const box = await detail(page).boundingBox();
    const timeline = await page.locator('section.timeline').boundingBox();
    expect(box.x, 'a side panel on a wide screen').toBeGreaterThan(timeline.x + timeline.width - 1);
    await shot(page, 'page-detail-1280.png');
    // The README's picture: the overview, the filters, the timeline and the open job.
    await page.setViewportSize({ width: 1280, height: 1000 });
    await page.locator('section.overview').evaluate((el) => el.scrollIntoView());
    await page.screenshot({ path: path.join(SHOTS, 'readme-1280.png') });
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.keyboard.press('Escape');
    await expect(detail(page)).toHaveCount(0);
    await expect(canvas(page)).toBeFocused();

    // From the table too, and on a phone the detail comes below, full width.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.locator('.tl-table tbody tr').nth(4).getByRole('button').focus();
    await page.keyboard.press('Enter');
    await expect(detail(page).getByRole('heading', { level: 2 })).toHaveText(r.jobs[4].name ?? r.jobs[4].uuid);
    await expect(detail(page).getByRole('heading', { level: 2 })).toBeFocused();
    const narrow = await detail(page).boundingBox();
    expect(narrow.width).toBeGreaterThan(340);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - innerWidth)).toBeLessThanOrEqual(0);
    await detail(page).screenshot({ path: path.join(SHOTS, 'page-detail-390.png') });
    await detail(page).getByRole('button', { name: 'Close the job\'s detail' }).click();
    await expect(detail(page)).toHaveCount(0);
    await expect(page.locator('.tl-table tbody tr').nth(4).getByRole('button')).toBeFocused();
  });
});

test('a running job\'s bar grows with the clock', async ({ page }) => {
  await page.clock.install({ time: new Date('2025-05-07T22:18:00Z') });
  await page.goto('./');
  // The sample job while it was RUNNING: its last three events not yet written.
  const events = JSON.parse(SAMPLE);
  await page.getByLabel(/paste Tapis job data/i).fill(JSON.stringify(events.slice(0, -3)));
  await page.getByRole('button', { name: 'Analyse' }).click();
  const running = detail(page).locator('tr[data-state="RUNNING"] td').nth(1);
  await expect(detail(page)).toContainText('still in RUNNING');
  const before = Number(await running.innerText());
  await page.clock.runFor(30_000);
  await expect.poll(async () => Number(await running.innerText())).toBeGreaterThan(before + 20);
  await expect(page.getByText('hatched: still in this state')).toBeVisible();
});

test('two thousand synthetic jobs load, parsed in a worker, and the timeline responds to keys', async ({ page }) => {
  test.setTimeout(120_000);
  const file = synth(2000, 7);
  const r = report([path.basename(file)], { cwd: path.dirname(file), asOf: AS_OF });
  // The file (6 MB) is parsed in a worker running the page's own wasm, which ends with the batch.
  const workers = [];
  page.on('worker', (worker) => {
    const seen = { url: worker.url(), closed: false };
    worker.on('close', () => { seen.closed = true; });
    workers.push(seen);
  });
  await page.clock.setFixedTime(new Date(AS_OF));
  await page.goto('./');
  const started = Date.now();
  await page.getByLabel('Choose files…').setInputFiles(file);
  await settled(page, 1);
  const loadMs = Date.now() - started;
  expect(workers.map((w) => new URL(w.url).pathname.split('/').pop())).toEqual(['worker.js']);
  await expect.poll(() => workers[0].closed, { message: 'the worker is ended once the file is in' }).toBe(true);
  // What came back through the worker is what the core reads from the file.
  await expectOverview(page, r);
  await expect(inputRow(page, path.basename(file)).locator('.input-meta')).toContainText('2,000 jobs');
  await expect(canvas(page)).toHaveAccessibleName(/^Job timeline, 2,000 jobs\./);

  const range = page.locator('.tl-range-text');
  const whole = await range.innerText();
  await canvas(page).focus();
  const t0 = Date.now();
  await page.keyboard.press('+');
  await expect(range).not.toHaveText(whole);
  const zoomMs = Date.now() - t0;
  await page.keyboard.press('End');
  await expect(page.locator('.tl-table')).toContainText('jobs 1,976–2,000 of 2,000');
  await page.keyboard.press('0');
  await expect(range).toHaveText(whole);
  console.log(`2,000 jobs: loaded in ${loadMs} ms, a zoom key answered in ${zoomMs} ms`);
  expect(zoomMs, 'a key press answers within half a second').toBeLessThan(500);
  await shot(page, 'page-2000-1280.png');
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, 'page-2000-390.png');
});

test('where no worker can start, large files are parsed on the page instead', async ({ page }) => {
  const file = synth(1500, 8); // 4.7 MB: large enough for the worker
  const r = report([path.basename(file)], { cwd: path.dirname(file), asOf: AS_OF });
  await page.route('**/worker.js', (route) => route.abort());
  const warnings = [];
  page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  await page.clock.setFixedTime(new Date(AS_OF));
  await page.goto('./');
  await page.getByLabel('Choose files…').setInputFiles(file);
  await settled(page, 1);
  await expectOverview(page, r);
  expect(warnings.join('\n')).toContain('parsing files on the page\'s own thread');
  // Once failed, not tried again: the next file goes straight to the page's parser.
  const workers = [];
  page.on('worker', (worker) => workers.push(worker.url()));
  const second = synth(1500, 9);
  await page.getByLabel('Choose files…').setInputFiles(second);
  await settled(page, 2);
  expect(workers).toEqual([]);
});

test.describe('dark', () => {
  test.use({ colorScheme: 'dark' });
  test('the page follows the system', async ({ page }) => {
    await page.goto('./');
    await page.getByRole('button', { name: 'Load sample data' }).click();
    await expect(detail(page)).toBeVisible();
    await shot(page, 'page-dark-1280.png');
  });
});
