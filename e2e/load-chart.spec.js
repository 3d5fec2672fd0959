// The load chart on the page: one time axis with the timeline (zooming either moves the
// other, read back from their data attributes), a brushed window that filters the jobs to
// the CLI's `compare --a during=…` cohort (by pointer and by keyboard), cleared again;
// axe finds nothing; screenshots at 1280 and 390 px, light and dark.
const { violations } = require('./axe.cjs');
const { test, expect, SHOTS } = require('./fixtures');
const core = require('./core.cjs');
const { expectTheCli } = require('./views.cjs');
const path = require('node:path');

let SWEEP;
test.beforeAll(() => {
  SWEEP = core.sweepText(120, 5);
});

const chart = (page) => page.locator('section.load .load-chart');
const canvas = (page) => chart(page).locator('canvas.load-canvas');

async function load(page) {
  await page.goto('./');
  await page.getByLabel(/paste Tapis job data/i).fill(SWEEP);
  await page.getByRole('button', { name: 'Analyse' }).click();
  await expect(canvas(page)).toBeVisible();
}

/** A view's window on the shared axis: [start, end] in UTC seconds. */
const windowOf = async (locator) => locator.evaluate((e) => [Number(e.dataset.start), Number(e.dataset.end)]);

/** Every job the timeline's table lists, page by page. */
async function listedJobs(page) {
  const ids = [];
  const next = page.locator('.tl-pages').getByRole('button', { name: 'Next' });
  for (;;) {
    ids.push(...await page.locator('section.timeline tr[data-job]').evaluateAll((rows) => rows.map((r) => r.dataset.job)));
    if (!(await next.isVisible()) || await next.isDisabled()) break;
    await next.click();
  }
  return ids;
}

/** The jobs shown are the CLI's `compare --a <the page's during=…> --b rest` cohort a. */
async function expectTheCliCohort(page) {
  const banner = page.locator('.job-filters .during');
  await expect(banner).toBeVisible();
  const selector = await banner.getAttribute('data-during');
  expect(selector).toMatch(/^during=\d{4}-\d\d-\d\dT[\d:]+Z\.\.\d{4}-\d\d-\d\dT[\d:]+Z$/);
  const c = core.compare(SWEEP, selector, 'rest');
  expect(c.a.jobs).toBeGreaterThan(0);
  expect(c.b.jobs, 'the window leaves some jobs out').toBeGreaterThan(0);
  await expect(page.locator('.tl-count')).toHaveText(`${c.a.jobs} jobs`);
  expect((await listedJobs(page)).sort()).toEqual([...c.a.uuids].sort());
  return c;
}

test('zooming the timeline moves the load chart, and the chart the timeline', async ({ page }) => {
  await load(page);
  const timeline = page.locator('section.timeline .tl-range');
  const before = await windowOf(chart(page));
  expect(before).toEqual(await windowOf(timeline));
  await page.locator('section.timeline').getByRole('button', { name: 'Zoom in' }).click();
  // Each view follows the other a render later: compare once both have settled.
  let zoomed;
  await expect(async () => {
    zoomed = await windowOf(timeline);
    expect(zoomed[1] - zoomed[0]).toBeLessThan(before[1] - before[0]);
    expect(await windowOf(chart(page))).toEqual(zoomed);
  }).toPass();
  // The chart's own keys: zoom in, pan right; the timeline follows.
  await canvas(page).focus();
  await page.keyboard.press('+');
  await page.keyboard.press('ArrowRight');
  await expect(async () => {
    const moved = await windowOf(chart(page));
    expect(moved[1] - moved[0]).toBeLessThan(zoomed[1] - zoomed[0]);
    expect(moved[0]).toBeGreaterThan(zoomed[0]);
    expect(await windowOf(timeline)).toEqual(moved);
  }).toPass();
  // Fit all shows everything again, in both.
  await chart(page).getByRole('button', { name: 'Show all' }).click();
  await expect.poll(() => windowOf(timeline)).toEqual(await windowOf(chart(page)));
});

test('a drag across the chart filters the jobs to the CLI\'s during= cohort; clearing restores', async ({ page }) => {
  await load(page);
  const all = await page.locator('.tl-count').textContent();
  await canvas(page).scrollIntoViewIfNeeded();
  const box = await canvas(page).boundingBox();
  const y = box.y + box.height * 0.6;
  await page.mouse.move(box.x + box.width * 0.45, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.55, y, { steps: 5 });
  await page.mouse.move(box.x + box.width * 0.62, y, { steps: 5 });
  await page.mouse.up();
  const c = await expectTheCliCohort(page);
  // The brushed window against the rest, compared: the CLI's numbers for during=… vs rest.
  const cohorts = page.locator('section.cohorts');
  await cohorts.getByLabel('Compare by').selectOption('shown');
  await expectTheCli(page, c);
  await chart(page).getByRole('button', { name: 'Clear window' }).click();
  await expect(page.locator('.job-filters .during')).toHaveCount(0);
  await expect(page.locator('.tl-count')).toHaveText(all);
});

test('two keys before the page renders again both count', async ({ page }) => {
  await load(page);
  const span = ([a, b]) => b - a;
  const whole = span(await windowOf(chart(page)));
  // One zoom, settled: how much a key zooms.
  await canvas(page).focus();
  await page.keyboard.press('+');
  await expect.poll(async () => span(await windowOf(chart(page)))).toBeLessThan(whole);
  const once = span(await windowOf(chart(page))) / whole;
  await chart(page).getByRole('button', { name: 'Show all' }).click();
  await expect.poll(async () => span(await windowOf(chart(page)))).toBe(whole);
  // Two zooms within one task (as a held key can repeat while a large page renders).
  await canvas(page).evaluate((c) => {
    for (let i = 0; i < 2; i++) c.dispatchEvent(new KeyboardEvent('keydown', { key: '+', bubbles: true }));
  });
  await expect.poll(async () => span(await windowOf(chart(page))) / whole).toBeCloseTo(once * once, 6);
});

test('the keyboard sets a window: zoom and pan to it, Enter filters, Escape clears', async ({ page }) => {
  await load(page);
  const all = await page.locator('.tl-count').textContent();
  await canvas(page).focus();
  for (const key of ['+', '+', '+', 'ArrowRight', 'ArrowRight', 'ArrowRight']) await page.keyboard.press(key);
  // Settled: the timeline has followed the chart.
  const timeline = page.locator('section.timeline .tl-range');
  await expect.poll(async () => String(await windowOf(chart(page))) === String(await windowOf(timeline))).toBe(true);
  const [start, end] = await windowOf(chart(page));
  await page.keyboard.press('Enter');
  const c = await expectTheCliCohort(page);
  // The window is the one that was on screen, to the whole second.
  const [from, to] = c.a.selector.slice('during='.length).split('..').map((t) => Date.parse(t) / 1000);
  expect(from).toBe(Math.floor(start));
  expect(to).toBe(Math.ceil(end));
  await canvas(page).focus();
  await page.keyboard.press('Escape');
  await expect(page.locator('.tl-count')).toHaveText(all);
});

test('the trends\' small multiples are the CLI\'s series, the last period in words', async ({ page }) => {
  await load(page);
  const t = core.overTime('trends', SWEEP);
  const drawn = t.series.filter((s) => s.points.some((p) => p !== null));
  const panels = page.locator('section.load .trend-panel');
  expect(await panels.evaluateAll((ps) => ps.map((p) => p.dataset.series)))
    .toEqual(drawn.map((s) => (s.systemQueue ? `${s.metric}@${s.systemQueue}` : s.metric)));
  for (const [i, s] of drawn.entries()) {
    const last = s.points[s.points.length - 1];
    const words = last === null ? 'no job in the last period'
      : `last: median ${core.formatDuration(last.median)}, P90 ${core.formatDuration(last.p90)}`;
    await expect(panels.nth(i).locator('.trend-latest')).toHaveText(words);
  }
  await page.locator('section.load .trend-chart').screenshot({ path: path.join(SHOTS, 'trends-chart-light-1280.png') });
});

for (const scheme of ['light', 'dark']) {
  test(`the load chart at 1280 and 390 px, ${scheme}; axe finds nothing`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await load(page);
    const v = chart(page);
    await v.evaluate((s) => s.scrollIntoView());
    await v.screenshot({ path: path.join(SHOTS, `load-chart-${scheme}-1280.png`) });
    expect(await violations(page, 'section.load')).toEqual([]);
    // Brushed: the window shaded, the filter says so.
    await canvas(page).focus();
    for (const key of ['+', '+', 'Enter']) await page.keyboard.press(key);
    await expect(page.locator('.job-filters .during')).toBeVisible();
    await v.screenshot({ path: path.join(SHOTS, `load-chart-${scheme}-1280-brushed.png`) });
    expect(await violations(page, 'section.load')).toEqual([]);
    expect(await violations(page, '.job-filters')).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    const out = await v.evaluate((s) => [s, ...s.querySelectorAll('*')]
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5)
      .map((e) => `${e.tagName}.${e.className}`));
    expect(out, 'sticks out of the window').toEqual([]);
    await v.screenshot({ path: path.join(SHOTS, `load-chart-${scheme}-390.png`) });
    const trendsOut = await page.locator('section.load .trend-chart').evaluate((s) => [s, ...s.querySelectorAll('*')]
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5)
      .map((e) => `${e.tagName}.${e.className}`));
    expect(trendsOut, 'the trends stick out of the window').toEqual([]);
    await page.locator('section.load .trend-chart').screenshot({ path: path.join(SHOTS, `trends-chart-${scheme}-390.png`) });
  });
}
