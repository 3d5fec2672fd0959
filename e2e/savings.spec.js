// Issue 15 on the page: the Data movement view (anatomy, cost model, one dot per transfer)
// and the goodput section show the native core's numbers — for the real sample job and for
// 2,000 synthetic jobs — and a dot selects its job. Screenshots at 1280 and 390 px, and dark.
const { test, expect, SHOTS } = require('./fixtures');
const core = require('./core.cjs');
const path = require('node:path');

const AS_OF = '2030-01-01T00:00:00Z';
const SAMPLES = path.join(__dirname, '..', 'www', 'samples');

const section = (page, name) => page.locator(`section.${name}`);

/** The seconds (or share) a `<data value>` in `cell` holds. */
async function value(cell) {
  return Number(await cell.locator('data').first().getAttribute('value'));
}

/** The view's numbers equal the report's. */
async function expectTheCoresNumbers(page, r) {
  const dm = section(page, 'data-movement');
  await expect(dm).toBeVisible();
  const dirs = Object.keys(r.dataMovement.anatomy);
  const cell = (part, dir) => dm.locator(`table.dm-anatomy tr[data-part="${part}"] td`).nth(dirs.indexOf(dir));
  for (const [dir, t] of Object.entries(r.dataMovement.anatomy)) {
    await expect(cell('visits', dir)).toHaveText(t.visits.toLocaleString('en-US'));
    const parts = { waiting: t.waitingSeconds, copying: t.copyingSeconds, lag: t.lagSeconds, rest: t.restSeconds, state: t.stateSeconds };
    for (const [part, secs] of Object.entries(parts)) {
      expect(await value(cell(part, dir))).toBeCloseTo(secs, 6);
    }
  }
  const rows = dm.locator('table.dm-model tbody tr');
  await expect(rows).toHaveCount(r.dataMovement.model.length);
  for (const [i, f] of r.dataMovement.model.entries()) {
    const row = rows.nth(i);
    await expect(row).toHaveAttribute('data-direction', f.direction);
    await expect(row).toHaveAttribute('data-system', f.system || '');
    expect(await value(row.locator('td.per-file'))).toBeCloseTo(f.perFileSeconds.value, 9);
    await expect(dm.locator('ul.dm-bases li').nth(i)).toHaveText(f.basis);
  }
  // Every transfer the direction fits rest on is drawn: a dot each, or one dot
  // for the transfers on one spot, counting them; never more than 1,500 dots.
  const transfers = r.dataMovement.model.filter((f) => f.system === null).reduce((s, f) => s + f.transfers, 0);
  await expect(dm.locator('.later')).toHaveCount(0); // placed and drawn, each in a task of its own
  const counts = await dm.locator('circle.dm-dot').evaluateAll((ds) => ds.map((d) => Number(d.dataset.transfers)));
  expect(counts.reduce((s, n) => s + n, 0)).toBe(transfers);
  expect(counts.length).toBeLessThanOrEqual(1500);
  const g = section(page, 'goodput');
  expect(await value(g.locator('.goodput-share'))).toBeCloseTo(r.goodput.share, 9);
  for (const q of r.goodput.queues) {
    const row = g.locator(`tr[data-queue="${q.system}/${q.queue}"]`);
    expect(await value(row)).toBeCloseTo(q.nodeHours, 9);
  }
}

const PARTS = [['waiting', 'Waiting', 'waitingSeconds'], ['copying', 'Copying', 'copyingSeconds'],
  ['lag', 'Completion lag', 'lagSeconds'], ['rest', 'Unexplained', 'restSeconds']];
const DIRECTION_STATE = { in: 'STAGING_INPUTS', out: 'ARCHIVING' };

/** The open job's detail shows each transfer visit's parts as the core's JSON has them. */
async function expectTheDetailsAnatomy(page, job) {
  const detail = page.locator('section.job-detail');
  await expect(detail.locator('.uuid')).toHaveText(job.uuid);
  const visits = detail.locator('figure.anatomy-visit');
  await expect(visits).toHaveCount(job.anatomy.length);
  for (const [i, a] of job.anatomy.entries()) {
    const v = visits.nth(i);
    await expect(v).toHaveAttribute('data-direction', a.direction);
    await expect(v).toHaveAttribute('data-segment', String(a.segment));
    for (const [key, , field] of PARTS) {
      const dd = v.locator(`dd[data-part="${key}"]`);
      if (a[field] === null) await expect(dd).toHaveText('unknown');
      else expect(await value(dd)).toBeCloseTo(a[field], 6);
    }
    const notes = v.locator('ul.anatomy-notes li');
    await expect(notes).toHaveCount(a.notes.length);
    for (const [k, n] of a.notes.entries()) await expect(notes.nth(k)).toHaveText(n);
  }
}

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const canvas = (page) => page.getByRole('application', { name: /^Job timeline, / });
const tooltip = (page) => page.getByRole('tooltip');

/**
 * From the keyboard, the timeline's tooltip for each STAGING_INPUTS and ARCHIVING visit of
 * the focused job (the first row) says the same parts as the core's JSON.
 */
async function expectTheTooltipsAnatomy(page, job) {
  const c = canvas(page);
  await c.focus();
  await page.keyboard.press('Home');
  let seen = 0;
  for (let k = 0; k < 40 && seen < job.anatomy.length; k += 1) {
    await page.keyboard.press(']');
    await expect(tooltip(page)).toBeVisible();
    const text = await tooltip(page).innerText();
    const state = text.match(/State\s+(\S+)/);
    const a = job.anatomy[seen];
    if (!state || state[1] !== DIRECTION_STATE[a.direction]) continue;
    await page.screenshot({ path: path.join(SHOTS, `savings-tooltip-${job.uuid.slice(0, 8)}-${a.direction}.png`) });
    for (const [, label, field] of PARTS) {
      const want = a[field] === null ? 'unknown' : `${core.formatDuration(a[field])} (`;
      expect(text, `${label} of visit ${a.segment}`).toMatch(new RegExp(`${label}\\s+${escape(want)}`));
    }
    seen += 1;
  }
  expect(seen).toBe(job.anatomy.length);
}

/** The overview's goodput figure says the report's goodput and badput. */
async function expectTheOverviewsGoodput(page, g) {
  const fig = page.locator('section.overview [data-figure="goodput"]');
  expect(await value(fig)).toBeCloseTo(g.share, 9);
  const lost = ['failed', 'walltime-cut'].map((o) => g.compute[o]);
  const badput = fig.locator('dd.badput');
  expect(Number(await badput.getAttribute('data-node-hours'))).toBeCloseTo(core.sum(lost.map((c) => c.nodeHours)), 6);
  expect(Number(await badput.getAttribute('data-sus'))).toBeCloseTo(core.sum(lost.map((c) => c.sus)), 6);
}

/** Every recommendation's saving on the page is the report's. */
async function expectTheSavings(page, r) {
  for (const rec of r.recommendations) {
    const saving = page.locator(`li.rec[data-rec="${rec.id}"] .saving`);
    if (rec.estimatedSavings === null) {
      await expect(saving).toHaveClass(/unknown/);
      continue;
    }
    expect(await value(saving)).toBeCloseTo(rec.estimatedSavings.seconds, 6);
    expect(Number(await saving.getAttribute('data-low'))).toBeCloseTo(rec.estimatedSavings.lowSeconds, 6);
    expect(Number(await saving.getAttribute('data-high'))).toBeCloseTo(rec.estimatedSavings.highSeconds, 6);
    await expect(saving.locator('.basis')).toHaveText(`How computed: ${rec.estimatedSavings.basis}`);
  }
}

/** Each view this issue changed, at one width and scheme. */
async function shotsOf(page, name, suffix) {
  const views = { 'data-movement': section(page, 'data-movement'), goodput: section(page, 'goodput'),
    overview: section(page, 'overview'), detail: section(page, 'job-detail') };
  for (const [view, el] of Object.entries(views)) {
    if (!(await el.isVisible())) continue;
    await el.scrollIntoViewIfNeeded();
    await el.screenshot({ path: path.join(SHOTS, `${name}-${view}-${suffix}.png`) });
  }
}

async function shots(page, name) {
  await shotsOf(page, name, '1280');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shotsOf(page, name, 'dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 390, height: 844 });
  await shotsOf(page, name, '390');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shotsOf(page, name, '390-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  // Nothing sticks out sideways on a phone.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

test('the sample job: its anatomy, per-file model and goodput, as the CLI says', async ({ page }) => {
  const r = core.report(['opensees-mp-4dfa35e1.history.json'], { cwd: SAMPLES });
  await page.goto('./');
  await page.getByRole('button', { name: 'Load sample data' }).click();
  await expectTheCoresNumbers(page, r);
  const dm = section(page, 'data-movement');
  // ARCHIVING: 12.4 s waiting, 2 min 52 s copying 5,069 files, 31.0 s of lag.
  const out = (part) => dm.locator(`table.dm-anatomy tr[data-part="${part}"] td`).nth(1);
  await expect(out('waiting')).toHaveText('12.4 s');
  await expect(out('copying')).toHaveText('2 min 52 s');
  await expect(out('lag')).toHaveText('31.0 s');
  await expect(dm.locator('table.dm-model tr[data-direction="out"] td.per-file')).toContainText('33.9 ms');
  // A dot selects its job.
  await dm.locator('circle.dm-dot.out').click();
  await expect(page.locator('.tl-selected')).toContainText(`Selected: ${r.jobs[0].name}`);
  await expectTheOverviewsGoodput(page, r.goodput);
  await expectTheSavings(page, r);
  // The lone job's detail and the timeline's tooltip: the same parts as the JSON.
  await expectTheDetailsAnatomy(page, r.jobs[0]);
  await expect(page.locator('figure.anatomy-visit[data-direction="out"] dd[data-part="copying"]')).toContainText('2 min 52 s');
  await expectTheTooltipsAnatomy(page, r.jobs[0]);
  await shots(page, 'savings-sample');
});

test('2,000 synthetic jobs: the model per direction and system, and goodput, as the CLI says', async ({ page }) => {
  test.setTimeout(300_000);
  await page.clock.setFixedTime(new Date(AS_OF));
  await page.goto('./');
  const text = core.synthText(2000, 15);
  const r = core.reportOfText(text, AS_OF);
  expect(r.dataMovement.model.some((f) => f.system !== null)).toBe(true);
  await page.getByLabel(/paste Tapis job data/i).fill(text);
  await page.getByRole('button', { name: 'Analyse' }).click();
  await expect(page.getByRole('heading', { name: 'Data movement' })).toBeVisible({ timeout: 60_000 });
  await expectTheCoresNumbers(page, r);
  await expectTheOverviewsGoodput(page, r.goodput);
  // The first job on the timeline, picked from the keyboard: its detail and tooltips.
  await canvas(page).focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('Enter');
  const uuid = await page.locator('section.job-detail .uuid').innerText();
  const job = r.jobs.find((j) => j.uuid === uuid);
  expect(job.anatomy.length).toBeGreaterThan(0);
  await expectTheDetailsAnatomy(page, job);
  await expectTheTooltipsAnatomy(page, job);
  await shots(page, 'savings-2000');
});

test('a charge rate and the archived share edited: the numbers of the CLI run with them, and a JSON export brings them back', async ({ page }) => {
  test.setTimeout(240_000);
  await page.clock.setFixedTime(new Date(AS_OF));
  await page.goto('./');
  const text = core.synthText(2000, 15);
  await page.getByLabel(/paste Tapis job data/i).fill(text);
  await page.getByRole('button', { name: 'Analyse' }).click();
  await expect(page.getByRole('heading', { name: 'Data movement' })).toBeVisible({ timeout: 60_000 });

  const rate = page.getByLabel('SUs per node-hour, stampede3 / skx', { exact: true });
  await expect(rate).toHaveValue('1');
  await rate.fill('2.5');
  // The page renders again while the rate is typed (here the jobs' order changed, the
  // focus left in the field; the page's later parts and its clock do the same): what
  // was typed stays until the field is left.
  const order = page.getByRole('search', { name: 'Sort and filter the jobs' }).getByLabel('Order', { exact: true });
  const orderBy = (value) => order.evaluate((select, v) => {
    select.value = v;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  }, value);
  await orderBy('desc');
  await expect(page.locator('.job-filters')).toBeVisible();
  await expect(rate).toBeFocused();
  await expect(rate).toHaveValue('2.5');
  await rate.press('Tab');
  await orderBy('asc');
  const share = page.getByLabel(/share of today's files and bytes still archived/);
  await share.fill('25');
  await expect(page.locator('.archived-share output')).toHaveText('25 %', { timeout: 60_000 });
  await expect(rate).toHaveValue('2.5');
  await expect(page.locator('tr[data-queue="stampede3/skx"] .whose')).toHaveText('yours');

  const r = core.reportOfText(text, AS_OF, ['--charge-rate', 'stampede3/skx=2.5', '--archived-share', '0.25']);
  expect(r.whatIf.archivedShare).toBe(0.25);
  await expectTheCoresNumbers(page, r);
  await expectTheOverviewsGoodput(page, r.goodput);
  await expectTheSavings(page, r);
  const before = core.reportOfText(text, AS_OF);
  const archiving = (rep) => rep.recommendations.find((x) => x.id === 'slow-archiving').estimatedSavings.seconds;
  expect(archiving(r)).not.toBeCloseTo(archiving(before), 3);
  expect(r.goodput.compute.failed.sus).not.toBeCloseTo(before.goodput.compute.failed.sus, 6);

  // The JSON export keeps them; read into a fresh page, it brings them back.
  const { download } = require('./downloads.cjs');
  const doc = JSON.parse((await download(page, /JSON/)).text);
  expect(doc.report.whatIf.archivedShare).toBe(0.25);
  expect(doc.report.whatIf.chargeRates.find((x) => x.system === 'stampede3' && x.queue === 'skx').suPerNodeHour).toBe(2.5);
  await page.goto('./');
  await page.getByLabel('Choose files…').setInputFiles({
    name: 'export.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc)),
  });
  await expect(page.getByRole('heading', { name: 'Data movement' })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByLabel('SUs per node-hour, stampede3 / skx', { exact: true })).toHaveValue('2.5');
  await expect(page.locator('.archived-share output')).toHaveText('25 %');
  await expectTheOverviewsGoodput(page, r.goodput);
  await expectTheSavings(page, r);
  expect(await page.evaluate(() => Object.keys(localStorage).length)).toBe(0);
});
