// Comparing cohorts as a person does: a sweep of two app versions loaded, the versions
// picked (the first choice), then the final statuses, then the jobs the filters show against
// the rest; every number on the page is the CLI's `compare --format json` for the same
// cohorts. By keyboard too; axe finds nothing; screenshots at 1280 and 390 px, light and dark.
const { violations } = require('./axe.cjs');
const { test, expect, SHOTS } = require('./fixtures');
const core = require('./core.cjs');
const { expectTheCli } = require('./views.cjs');
const path = require('node:path');

let SWEEP;
test.beforeAll(() => {
  SWEEP = core.sweepText(120, 5);
});

const view = (page) => page.locator('section.cohorts');

async function load(page) {
  await page.goto('./');
  await page.getByLabel(/paste Tapis job data/i).fill(SWEEP);
  await page.getByRole('button', { name: 'Analyse' }).click();
  await expect(page.getByRole('heading', { name: 'Compare cohorts' })).toBeVisible();
}

test('two versions, two statuses, the jobs shown: the numbers are the CLI\'s', async ({ page }) => {
  await load(page);
  const v = view(page);
  // The first choice: the app's versions in order, 1.2 against 1.3.
  await expect(v.getByLabel('Compare by')).toHaveValue('version');
  await expect(v.getByLabel('A', { exact: true })).toHaveValue('1.2');
  await expect(v.getByLabel('B', { exact: true })).toHaveValue('1.3');
  const versions = core.compare(SWEEP, 'version=1.2', 'version=1.3');
  await expectTheCli(page, versions);
  // 1.3 stages its one ZIP faster, and the page says so.
  const staging = v.locator('tr[data-metric="STAGING_INPUTS"]');
  await expect(staging.locator('td.cohort-verdict')).toHaveText('B is faster');
  expect(versions.attributes[0].key).toBe('input-files');

  // Picking A's value swaps the two.
  await v.getByLabel('A', { exact: true }).selectOption('1.3');
  await expect(v.getByLabel('B', { exact: true })).toHaveValue('1.2');
  await expectTheCli(page, core.compare(SWEEP, 'version=1.3', 'version=1.2'));

  // The finished jobs against the rest.
  await v.getByLabel('Compare by').selectOption('status');
  await v.getByLabel('A', { exact: true }).selectOption('FINISHED');
  await v.getByLabel('B', { exact: true }).selectOption('rest');
  await expectTheCli(page, core.compare(SWEEP, 'status=FINISHED', 'rest'));

  // A's jobs shown in the job list, then compared with the rest as "the jobs the filters show".
  await v.getByLabel('Compare by').selectOption('version');
  await v.getByRole('button', { name: "Show A's jobs" }).click();
  await expect(page.locator('.job-filters .marked')).toContainText('cohort A, app version 1.2 — 60 jobs shown below');
  await v.getByLabel('Compare by').selectOption('shown');
  await expect(v.locator('[data-side="A"]')).toContainText('these 60 jobs the filters show');
  // The same jobs by UUID: picked so, the versions are attributes to rank.
  await expectTheCli(page, core.compare(SWEEP, `jobs=${versions.a.uuids.join('|')}`, 'rest'));
});

test('by keyboard, and axe finds nothing to fix', async ({ page }) => {
  await load(page);
  const v = view(page);
  await v.getByLabel('Compare by').focus();
  // A closed select changes with the arrow keys.
  await page.keyboard.press('Tab');
  await expect(v.getByLabel('A', { exact: true })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(v.getByLabel('A', { exact: true })).toHaveValue('1.3');
  await expect(v.getByLabel('B', { exact: true })).toHaveValue('1.2');
  await v.getByRole('button', { name: "Show B's jobs" }).focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('.job-filters .marked')).toContainText('60 jobs shown below');
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    const found = await violations(page, 'section.cohorts');
    expect(found, scheme).toEqual([]);
  }
});

for (const scheme of ['light', 'dark']) {
  test(`the comparison at 1280 and 390 px, ${scheme}`, async ({ page }) => {
    // Six screenshots of a section taller than the window: headless Chromium lays the whole
    // page out again for each (~5 s of its own work each, measured; the page's code ~15 ms).
    test.slow();
    await page.emulateMedia({ colorScheme: scheme });
    await load(page);
    const v = view(page);
    await v.evaluate((s) => s.scrollIntoView());
    await v.screenshot({ path: path.join(SHOTS, `cohorts-${scheme}-1280.png`) });
    // The README's picture: the choice and the spreads.
    const top = await v.boundingBox();
    const plot = await v.locator('figure.cohort-dist').boundingBox();
    await page.screenshot({ path: path.join(SHOTS, `cohorts-readme-${scheme}.png`),
      clip: { x: top.x, y: top.y, width: top.width, height: plot.y + plot.height - top.y } });
    await page.setViewportSize({ width: 390, height: 844 });
    const out = await v.evaluate((s) => [s, ...s.querySelectorAll('*')]
      .filter((e) => !e.closest('.table-wrap') && e.getBoundingClientRect().right > window.innerWidth + 0.5)
      .map((e) => `${e.tagName}.${e.className.baseVal ?? e.className}`));
    expect(out, 'sticks out of the window').toEqual([]);
    await v.screenshot({ path: path.join(SHOTS, `cohorts-${scheme}-390.png`) });
    // And its parts, each small enough to look at closely.
    for (const [part, selector] of [['plot', 'figure.cohort-dist'], ['table', '.table-wrap'], ['attributes', 'ol.cohort-attributes']]) {
      await v.locator(selector).screenshot({ path: path.join(SHOTS, `cohorts-${scheme}-390-${part}.png`) });
    }
  });
}
