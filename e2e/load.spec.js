// Load over time and trends on the page: a sweep that hit its quota, read against the CLI's
// `load` and `trends` JSON (peaks, BLOCKED visits, each period's medians and P90s); axe finds
// nothing; screenshots at 1280 and 390 px, light and dark.
const { violations } = require('./axe.cjs');
const { test, expect, SHOTS } = require('./fixtures');
const core = require('./core.cjs');
const path = require('node:path');

let SWEEP;
test.beforeAll(() => {
  SWEEP = core.sweepText(120, 5);
});

const view = (page) => page.locator('section.load');

async function load(page) {
  await page.goto('./');
  await page.getByLabel(/paste Tapis job data/i).fill(SWEEP);
  await page.getByRole('button', { name: 'Analyse' }).click();
  await expect(page.getByRole('heading', { name: 'Load and trends' })).toBeVisible();
}

test('peaks, BLOCKED visits and trends are the CLI\'s', async ({ page }) => {
  await load(page);
  const v = view(page);
  const l = core.overTime('load', SWEEP);
  const t = core.overTime('trends', SWEEP);
  // Each queue's peak.
  const peaks = await v.locator('table.peak-table tbody tr').evaluateAll((rows) => rows.map((r) => [
    r.dataset.queue, Number(r.querySelector('td.active').textContent)]));
  expect(peaks).toEqual(l.peaks.map((p) => [p.systemQueue, p.active]));
  // The BLOCKED visits, explained: the same jobs, in the same order, with the same counts.
  const visits = await v.locator('table.blocked-table tbody tr').evaluateAll((rows) => rows.map((r) => [
    r.dataset.uuid, Number(r.querySelector('td.active-then').textContent)]));
  expect(visits).toEqual(l.blocked.slice(0, 50).map((b) => [b.uuid, b.activeWhenBlocked]));
  await expect(v.locator('.load-blocked')).toContainText(`${l.blocked.length} visits to BLOCKED`);
  await expect(v.locator('.load-blocked')).toContainText('Spread submissions out over time');
  // Most jobs in each state at once.
  const most = await v.locator('table.state-load-table tbody tr').evaluateAll((rows) => rows.map((r) => [
    r.dataset.loadState, Number(r.querySelector('td.most').textContent)]));
  const counts = l.states.map((s, k) => [s, Math.max(...l.steps.map((step) => step.counts[k]))]);
  expect(most).toEqual(counts);
  // Each period's median and P90 of each series.
  expect(await v.locator('table.trends-table tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.period)))
    .toEqual(t.periods);
  for (const s of t.series) {
    const key = s.systemQueue ? `${s.metric}@${s.systemQueue}` : s.metric;
    const cells = await v.locator(`table.trends-table tbody td[data-series="${key}"]`).evaluateAll((tds) => tds.map((td) => [
      td.dataset.median === undefined ? null : Number(td.dataset.median),
      td.dataset.p90 === undefined ? null : Number(td.dataset.p90)]));
    expect(cells.length, key).toBe(t.periods.length);
    s.points.forEach((p, i) => {
      if (p === null) expect(cells[i], `${key} ${t.periods[i]}`).toEqual([null, null]);
      else {
        expect(cells[i][0], `${key} ${t.periods[i]} median`).toBeCloseTo(p.median, 6);
        expect(cells[i][1], `${key} ${t.periods[i]} P90`).toBeCloseTo(p.p90, 6);
      }
    });
  }
});

for (const scheme of ['light', 'dark']) {
  test(`load and trends at 1280 and 390 px, ${scheme}; axe finds nothing`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await load(page);
    const v = view(page);
    await v.evaluate((s) => s.scrollIntoView());
    await v.screenshot({ path: path.join(SHOTS, `load-${scheme}-1280.png`) });
    const found = await violations(page, 'section.load');
    expect(found).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    const out = await v.evaluate((s) => [s, ...s.querySelectorAll('*')]
      .filter((e) => !e.closest('.table-wrap') && e.getBoundingClientRect().right > window.innerWidth + 0.5)
      .map((e) => `${e.tagName}.${e.className}`));
    expect(out, 'sticks out of the window').toEqual([]);
    await v.locator('.load-blocked').screenshot({ path: path.join(SHOTS, `load-${scheme}-390-blocked.png`) });
  });
}
