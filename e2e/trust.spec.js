// The page on real, untidy job lists, fact by fact against the CLI's JSON report on the same
// data: jobs Tapis left in an open state for good (stale) are left out of every total until
// the user counts them; jobs known only from their job objects are profiled, drawn and
// counted as their detail says; every section says which jobs it counts; a click shows its
// effect; and the page fits a phone, its tables scrolling in their own boxes.
const { test, expect, SHOTS } = require('./fixtures');
const fs = require('node:fs');
const path = require('node:path');
const core = require('./core.cjs');
const { figure, canvas, detail, drop, fixture, settled, expectOverview } = require('./views.cjs');

const AS_OF = '2026-11-20T12:00:00Z';
const shot = (page, name) => page.screenshot({ path: path.join(SHOTS, name), fullPage: true });
const section = (page, name) => page.locator(`section.${name}`);
const tableRows = (page) => page.locator('.tl-table tbody tr');
const staleGroup = (page) => page.locator('.data-quality .quality-group.warning', { hasText: 'Stale jobs' });

/** The page's text never says "all 1 job" or "these 1 job": plurals come from one place. */
async function expectGoodPlurals(page) {
  const text = await page.locator('main').innerText();
  expect(text).not.toMatch(/\b(all|these|the) 1 (job|jobs)\b/);
  expect(text).not.toMatch(/\b1 jobs\b/);
}

/** The checklist's tally: its parts add up to the items. */
async function expectTallyAddsUp(page) {
  const tally = await section(page, 'checklist').locator('.tally').innerText();
  const n = (re) => Number((tally.match(re) || [0, 0])[1]);
  const items = n(/of (\d+) done/);
  expect(items).toBe(14);
  const parts = n(/^(\d+) of/) + n(/(\d+) needs? attention/) + n(/(\d+) the data cannot judge/)
    + n(/(\d+) unticked by you/);
  expect(parts, tally).toBe(items);
}

/** The element's top comes to lie inside the window (it is brought into view). */
async function expectInView(page, locator) {
  const { height } = page.viewportSize();
  await expect.poll(async () => {
    const box = await locator.boundingBox();
    return box !== null && box.y >= -1 && box.y < height;
  }, { message: 'its top is in view' }).toBe(true);
}

/**
 * Nothing sticks out of the window sideways: every element ends inside it, except inside a
 * box that scrolls on its own (a wide table, a script, the canvas' own clip).
 */
async function expectNothingSticksOut(page) {
  const out = await page.evaluate(() => [...document.querySelectorAll('main *')]
    .filter((e) => !e.closest('.tl-table-wrap, .table-wrap, .live-table-wrap, pre, .later'))
    .filter((e) => e.getClientRects().length > 0)
    .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5)
    .map((e) => `${e.tagName.toLowerCase()}.${e.className} in ${e.closest('section, .data-in')?.className}`));
  expect(out, 'sticks out of the window').toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    'the page scrolls sideways').toBeLessThanOrEqual(0);
}

test.describe('every real fixture', () => {
  const names = core.fixtureNames();
  let r;
  test.beforeAll(() => { r = core.report(names, { asOf: AS_OF }); });
  test.beforeEach(async ({ page }) => {
    await page.clock.setFixedTime(new Date(AS_OF));
    await page.goto('./');
    await drop(page, names.map(fixture));
    await settled(page, names.length);
  });

  test('stale jobs are left out and named; job objects are counted as their detail says', async ({ page }) => {
    // The 2023 STAGING_INPUTS notification and the 2023 RUNNING job object are stale.
    const stale = r.jobs.filter((j) => j.stale);
    expect(stale.map((j) => j.uuid.slice(0, 8)).sort()).toEqual(['2515bccb', '6d4eb881']);
    expect(r.aggregate.totals.staleLeftOut).toBe(2);
    await expectOverview(page, r);
    // No total is driven by them: the wall time of every job counted is an hour or so.
    expect(r.aggregate.totals.wallSeconds).toBeLessThan(86_400);
    await expect(figure(page, 'wall').locator('.value')).not.toContainText(' d ');
    await expect(page.locator('.overview-stale')).toContainText('2 stale jobs left out');
    // Data quality: a warning naming each, open.
    await expect(staleGroup(page).locator('details')).toHaveJSProperty('open', true);
    for (const j of stale) await expect(staleGroup(page)).toContainText(j.name);
    await expect(staleGroup(page)).toContainText('in STAGING_INPUTS since 2023-02-16T22:59:34');
    // Nothing says 1,388 days of staging: not the recommendations, not what is normal.
    await expect(section(page, 'recommendations').locator('li.rec[data-rec="slow-input-staging"]')).toHaveCount(0);
    await expect(section(page, 'recommendations')).not.toContainText(/\d{3,} d/);
    await expect(section(page, 'normal')).not.toContainText(/\d{3,} d/);
    const ids = await section(page, 'recommendations').locator('li.rec').evaluateAll((els) => els.map((e) => e.dataset.rec));
    expect(ids).toEqual(r.recommendations.map((x) => x.id));

    // Job 41d6ee21, a job object alone: the overview (filtered to it), its detail, the table
    // and the CLI say the same 10 min 27 s.
    const job = r.jobs.find((j) => j.uuid.startsWith('41d6ee21'));
    expect(core.formatDuration(job.totalSeconds)).toBe('10 min 27 s');
    await page.getByRole('searchbox', { name: 'Search' }).fill('41d6ee21');
    await expect(page.locator('.job-filters .count')).toHaveText(`1 of ${r.jobs.length} jobs shown`);
    await expectOverview(page, { jobs: [job] });
    await expect(section(page, 'overview').locator('.section-head')).toContainText(`the one filtered job of ${r.jobs.length}`);
    await expect(tableRows(page).first().locator('td.total')).toHaveText('~10 min 27 s');
    await tableRows(page).first().getByRole('button').click();
    await expect(detail(page).locator('.headline')).toContainText('10 min 27 s in total');
    await expect(detail(page)).toContainText('After RUNNING (remoteEnded → ended)');
    await expect(detail(page)).toContainText('8 min 31 s (ARCHIVING)');
    // The insights say they count every job, not only the one the filter shows.
    await expect(section(page, 'recommendations').locator('.lead')).toContainText(
      `the 14 jobs counted of ${r.jobs.length} loaded (2 stale left out), not only the one the filter shows`);
    await shot(page, 'trust-fixtures-coarse-job-1280.png');
  });

  test('the checklist, the recommendations and the table say what the detail says', async ({ page }) => {
    // Failed job 5753a008 stopped at its walltime: its detail says so, and so does the checklist.
    const failed = r.jobs.find((j) => j.uuid.startsWith('5753a008'));
    expect(failed.usage.hitWalltime).toBe(true);
    const wall = section(page, 'checklist').locator('li[data-item="sanity/wall-time"] .io-why');
    await expect(wall).not.toContainText('did not hit');
    await expect(wall).toContainText('stopped at the wall-time limit');
    await expectTallyAddsUp(page);
    const item = r.checklist.flatMap((s) => s.items).find((i) => i.id === 'sanity/wall-time');
    await expect(wall).toContainText(item.evidence);

    // What the checks cannot judge, and what would let them, as the CLI says.
    const unjudged = section(page, 'recommendations').locator('.unjudged li');
    expect(r.unjudged.length).toBeGreaterThan(0);
    await expect(unjudged.first()).toContainText('without a history');
    await expect(unjudged.first()).toContainText('GET /v3/jobs/{uuid}/history');
    const slow = section(page, 'recommendations').locator('li.rec[data-rec="slow-archiving"]');
    await expect(slow).toContainText('from its job object: remoteEnded to ended');

    // Two jobs of one name are told apart by their short UUIDs.
    const twins = r.jobs.filter((j) => j.name === 'opensees-mp-s3-3.6.0_2024-06-13T18:18:01');
    expect(twins).toHaveLength(2);
    for (const j of twins) {
      await expect(page.locator(`.tl-table tr[data-job="${j.uuid}"] .tl-job-tag`)).toHaveText(`(${j.uuid.slice(0, 8)})`);
    }
    await expect(section(page, 'recommendations').locator('li.rec[data-rec="early-failure"] .stake'))
      .toContainText(`(${twins[0].uuid.slice(0, 8)})`);

    // Each input's size is the bytes read.
    for (const name of names) {
      const bytes = fs.statSync(path.join(core.FIXTURES, name)).size;
      await expect(page.locator(`.inputs li[data-input="${name}"] .input-meta`)).toContainText(core.formatBytes(bytes));
    }
    await expectGoodPlurals(page);
  });
});

test('a job object alone: drawn on its own dates, judged where it can be, the rest said', async ({ page }) => {
  await page.clock.setFixedTime(new Date(AS_OF));
  await page.goto('./');
  const name = 'source-ds-job-41d6ee21-finished-2026.reconstructed.json';
  const r = core.report([name], { asOf: AS_OF });
  await drop(page, [fixture(name)]);
  await settled(page, 1);
  await expectOverview(page, r);
  await expect(section(page, 'overview').locator('.section-head')).toContainText('the one job loaded');
  // The axis is the job's own day, not 1970.
  await expect(page.locator('.tl-range-text')).toContainText('2026-02-10');
  await expect(page.locator('.tl-range-text')).not.toContainText('1970');
  await expect(page.locator('section.timeline .tl-legend')).toContainText('pale: phases from a job object');
  // Judged: slow work after RUNNING, the guide's "fast RUNNING, slow ARCHIVING".
  const rec = section(page, 'recommendations').locator('li.rec[data-rec="slow-archiving"]');
  await expect(rec).toContainText('8 min 31 s at stake');
  await expect(rec.getByRole('button', { name: /concerned by/ })).toHaveText('Select this job');
  // Not judged: said, with what would let it.
  await expect(section(page, 'recommendations')).not.toContainText('Nothing needs changing');
  await expect(section(page, 'recommendations').locator('.unjudged')).toContainText(
    'cannot judge 1 job without a history');
  await expectGoodPlurals(page);
  await detail(page).scrollIntoViewIfNeeded();
  await detail(page).screenshot({ path: path.join(SHOTS, 'trust-job-object-detail-1280.png') });
  await section(page, 'recommendations').screenshot({ path: path.join(SHOTS, 'trust-job-object-recommendations-1280.png') });
});

test.describe('300 synthetic jobs, 7 of them zombies stuck since March 2025', () => {
  let file;
  let left;
  let counted;
  test.beforeAll(() => {
    file = core.synth(300, 3, 7);
    const at = { cwd: path.dirname(file), asOf: AS_OF };
    left = core.report([path.basename(file)], at);
    counted = core.report([path.basename(file)], { ...at, includeStale: true });
  });
  test.beforeEach(async ({ page }) => {
    await page.clock.setFixedTime(new Date(AS_OF));
    await page.goto('./');
    await page.getByLabel('Choose files…').setInputFiles(file);
    await settled(page, 1);
  });

  test('no view shows a total driven by a stale job, until the user counts them', async ({ page }) => {
    const stale = left.jobs.filter((j) => j.stale);
    expect(stale).toHaveLength(7);
    expect(new Set(stale.map((j) => j.stale.state))).toEqual(new Set(['STAGING_INPUTS', 'QUEUED', 'ARCHIVING']));
    await expectOverview(page, left);
    await expect(page.locator('.overview-stale')).toContainText('7 stale jobs left out');
    for (const j of stale) await expect(staleGroup(page)).toContainText(j.name);
    // What is normal: the longest job is a real one, not a zombie's year and a half.
    const total = section(page, 'normal').locator('table.normal-stats tr[data-metric="total"] td.max data');
    expect(Number(await total.getAttribute('value'))).toBeCloseTo(left.aggregate.total.max, 6);
    expect(left.aggregate.total.max).toBeLessThan(7 * 86_400);
    const ids = await section(page, 'recommendations').locator('li.rec').evaluateAll((els) => els.map((e) => e.dataset.rec));
    expect(ids).toEqual(left.recommendations.map((x) => x.id));
    for (const rec of left.recommendations) {
      const stake = section(page, 'recommendations').locator(`li.rec[data-rec="${rec.id}"] .stake data`);
      if (rec.timeAtStakeSeconds > 0) expect(Number(await stake.getAttribute('value'))).toBeCloseTo(rec.timeAtStakeSeconds, 6);
    }
    await expect(section(page, 'recommendations').locator('.lead')).toContainText('the 293 jobs counted of 300 loaded (7 stale left out)');
    await expectTallyAddsUp(page);
    // The timeline: the zombies stop at their last event, so the axis is March 2025's.
    await expect(page.locator('.tl-range-text')).not.toContainText('2026');
    await expect(page.locator('section.timeline .tl-legend')).toContainText('cross-hatched: stale');
    await page.getByRole('searchbox', { name: 'Search' }).fill(stale[0].uuid);
    await expect(tableRows(page).first().locator('td.last-state')).toHaveText(`${stale[0].stale.state} (stale)`);
    await page.getByRole('searchbox', { name: 'Search' }).fill('');
    await shot(page, 'trust-zombies-1280.png');
    await section(page, 'overview').screenshot({ path: path.join(SHOTS, 'trust-zombies-overview-1280.png') });
    await section(page, 'data-quality').screenshot({ path: path.join(SHOTS, 'trust-zombies-quality-1280.png') });

    // Counted: every view follows the CLI's --include-stale.
    await page.getByLabel('Count the 7 stale jobs too, measured up to now').check();
    await expectOverview(page, counted);
    await expect(page.locator('.overview-stale')).toContainText('7 stale jobs counted');
    await expect(staleGroup(page)).toContainText('counted anyway');
    const countedIds = await section(page, 'recommendations').locator('li.rec').evaluateAll((els) => els.map((e) => e.dataset.rec));
    expect(countedIds).toEqual(counted.recommendations.map((x) => x.id));
    await expect(page.locator('.tl-range-text')).toContainText('2026');
    await page.getByLabel('Count the 7 stale jobs too, measured up to now').uncheck();
    await expectOverview(page, left);

    // The JSON export holds the same report: its totals are the CLI's.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download JSON' }).click(),
    ]);
    const doc = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
    expect(doc.report.aggregate.totals.jobs).toBe(left.aggregate.totals.jobs);
    expect(doc.report.aggregate.totals.wallSeconds).toBeCloseTo(left.aggregate.totals.wallSeconds, 3);
    expect(doc.report.jobs.filter((j) => j.stale).map((j) => j.uuid).sort()).toEqual(stale.map((j) => j.uuid).sort());
  });

  test('a selection shows its effect: a banner in view with a Clear button, the detail in view', async ({ page }) => {
    const rec = left.recommendations.find((x) => x.jobs.length > 1);
    const item = section(page, 'recommendations').locator(`li.rec[data-rec="${rec.id}"]`);
    await item.scrollIntoViewIfNeeded();
    await item.getByRole('button', { name: /concerned by/ }).click();
    const banner = page.locator('.job-filters .marked');
    await expect(banner).toContainText(`Selected: “${rec.title}” — ${rec.jobs.length} jobs shown below`);
    await expect(banner).toBeFocused();
    await expectInView(page, banner);
    await expect(page.locator('.job-filters .count')).toHaveText(`${rec.jobs.length} of 300 jobs shown`);
    await expect(section(page, 'overview').locator('.section-head')).toContainText(`the ${rec.jobs.length} filtered jobs of 300`);
    await page.screenshot({ path: path.join(SHOTS, 'trust-selection-1280.png') });
    await banner.getByRole('button', { name: 'Clear selection' }).click();
    await expect(page.locator('.job-filters .count')).toHaveText('All 300 jobs shown');

    // An outlier's name: that job alone, its detail in view with the focus.
    const outlier = section(page, 'normal').locator('.outlier-items li').first();
    const uuid = await outlier.getAttribute('data-job');
    await outlier.scrollIntoViewIfNeeded();
    await outlier.getByRole('button').click();
    await expect(detail(page).locator('.uuid')).toHaveText(uuid);
    await expect(detail(page).getByRole('heading', { level: 2 })).toBeFocused();
    await expectInView(page, detail(page).getByRole('heading', { level: 2 }));

    // On a phone the detail comes below the timeline: opening a job from far down brings it up.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.locator('.job-filters .marked').getByRole('button', { name: 'Clear selection' }).click();
    await tableRows(page).nth(20).getByRole('button').click();
    await expect(detail(page).getByRole('heading', { level: 2 })).toBeFocused();
    await expectInView(page, detail(page).getByRole('heading', { level: 2 }));
    await page.screenshot({ path: path.join(SHOTS, 'trust-detail-in-view-390.png') });
  });
});

test.describe('the layout fits', () => {
  test.beforeEach(async ({ page }) => {
    await page.clock.setFixedTime(new Date(AS_OF));
    await page.goto('./');
  });

  test('at 390 px no section scrolls the page sideways, the live panel\'s help open too', async ({ page }) => {
    const names = core.fixtureNames();
    await drop(page, names.map(fixture));
    await settled(page, names.length);
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await page.locator('summary', { hasText: 'Live from Tapis' }).click();
      await page.locator('summary', { hasText: 'How do I get a token?' }).click();
      await page.locator('summary', { hasText: 'Rather not paste a token?' }).click();
      await expectNothingSticksOut(page);
      await page.locator('.live-panel').screenshot({ path: path.join(SHOTS, `trust-live-help-${width}.png`) });
      await page.locator('summary', { hasText: 'Live from Tapis' }).click();
      // A job's detail open beside (or below) the timeline.
      await tableRows(page).nth(2).getByRole('button').click();
      await expect(detail(page)).toBeVisible();
      await expectNothingSticksOut(page);
      for (const name of ['overview', 'jobs', 'recommendations', 'normal', 'checklist', 'exports', 'data-quality']) {
        await section(page, name).screenshot({ path: path.join(SHOTS, `trust-${name}-${width}.png`) });
      }
      await detail(page).getByRole('button', { name: 'Close the job\'s detail' }).click();
    }
  });

  test('the table scrolls in its own box, its job column in place; the last state always shows', async ({ page }) => {
    const file = core.synth(300, 3, 7);
    await page.getByLabel('Choose files…').setInputFiles(file);
    await settled(page, 1);
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      // At 1280 with a job's detail open, the table has the least room.
      if (width === 1280) await tableRows(page).first().getByRole('button').click();
      const wrap = page.locator('.tl-table-wrap');
      const job = tableRows(page).first().locator('th[scope="row"]');
      const last = tableRows(page).first().locator('td.last-state');
      const within = async (cell) => {
        const [c, w] = [await cell.boundingBox(), await wrap.boundingBox()];
        return c.x >= w.x - 0.5 && c.x + c.width <= w.x + w.width + 0.5;
      };
      expect(await within(job)).toBe(true);
      expect(await within(last), 'FINISHED is not clipped').toBe(true);
      // No header is cut mid-word: each fits its cell.
      const cut = await page.locator('.tl-table thead th').evaluateAll((ths) => ths
        .filter((th) => th.scrollWidth > th.clientWidth + 1).map((th) => th.textContent));
      expect(cut).toEqual([]);
      await wrap.evaluate((w) => { w.scrollLeft = w.scrollWidth; });
      expect(await within(job), 'the job column stays when the table scrolls').toBe(true);
      const jobBox = await job.boundingBox();
      const wrapBox = await wrap.boundingBox();
      expect(Math.abs(jobBox.x - wrapBox.x)).toBeLessThan(2);
      await page.locator('section.timeline').screenshot({ path: path.join(SHOTS, `trust-table-scrolled-${width}.png`) });
      await wrap.evaluate((w) => { w.scrollLeft = 0; });
    }
  });

  test('no tooltip stays after a click, a Close or a resize', async ({ page }) => {
    await page.getByLabel('Choose files…').setInputFiles(core.synth(60, 4));
    await settled(page, 1);
    const tip = page.getByRole('tooltip');
    /** Across the first rows of the canvas until a bar is under the pointer. */
    const hover = async () => {
      await canvas(page).scrollIntoViewIfNeeded();
      const b = await canvas(page).boundingBox();
      for (let y = 30; y < Math.min(b.height, 120); y += 6) {
        for (let x = b.x + 0.2 * b.width; x < b.x + b.width; x += 0.05 * b.width) {
          await page.mouse.move(x, b.y + y);
          if (await tip.isVisible()) return { x, y: b.y + y };
        }
      }
      throw new Error('no bar under the pointer');
    };
    let at = await hover();
    await page.mouse.click(at.x, at.y);
    await expect(detail(page)).toBeVisible();
    await expect(tip).toHaveCount(0);
    at = await hover();
    await detail(page).getByRole('button', { name: 'Close the job\'s detail' }).click();
    await expect(detail(page)).toHaveCount(0);
    await expect(tip).toHaveCount(0);
    await hover();
    await page.setViewportSize({ width: 900, height: 900 });
    await expect(tip).toHaveCount(0);
  });
});

test.describe('dark', () => {
  test.use({ colorScheme: 'dark' });
  test('stale and coarse jobs read in dark mode too', async ({ page }) => {
    await page.clock.setFixedTime(new Date(AS_OF));
    await page.goto('./');
    const names = core.fixtureNames();
    await drop(page, names.map(fixture));
    await settled(page, names.length);
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      for (const name of ['overview', 'jobs', 'recommendations', 'data-quality']) {
        await section(page, name).screenshot({ path: path.join(SHOTS, `trust-${name}-dark-${width}.png`) });
      }
    }
    await page.getByRole('searchbox', { name: 'Search' }).fill('2515bccb');
    await tableRows(page).first().getByRole('button').click();
    await expect(detail(page).locator('.stale-note')).toContainText('Stale: in RUNNING since');
    await detail(page).screenshot({ path: path.join(SHOTS, 'trust-stale-detail-dark-1280.png') });
  });
});
