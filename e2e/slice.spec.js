// The first vertical slice, as a person uses it: paste a real job history, read the
// time per state; paste something broken, read where it is broken, keep the result.
const { test, expect, SHOTS } = require('./fixtures');
const fs = require('node:fs');
const path = require('node:path');

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'tapis',
  'source-ds-history-4dfa35e1-finished-2025.reconstructed.json');
const HISTORY = fs.readFileSync(FIXTURE, 'utf8');

/** Text of a state's row in the time-per-state table, cells joined by " | ". */
async function row(page, state) {
  const cells = page.locator(`table.state-table tr[data-state="${state}"] > *`);
  return (await cells.allInnerTexts()).join(' | ');
}

async function pasteAndAnalyse(page, text) {
  await page.getByLabel(/paste Tapis job data/i).fill(text);
  await page.getByRole('button', { name: 'Analyse' }).click();
}

test.beforeEach(async ({ page }) => {
  await page.goto('./');
  await expect(page.getByRole('heading', { name: 'Tapis Job Profiler' })).toBeVisible();
});

test('pasting the OpenSeesMP history shows where its time went', async ({ page }) => {
  await pasteAndAnalyse(page, HISTORY);
  const archiving = await row(page, 'ARCHIVING');
  expect(archiving).toContain('3 min 35 s');
  expect(archiving).toContain('215.1');
  expect(archiving).toMatch(/64\.\d %/);
  expect(await row(page, 'RUNNING')).toContain('25.8');
  expect(await row(page, 'TOTAL')).toContain('334.7');
  await expect(page.locator('.timeline-bar .segment')).toHaveCount(8);
  await expect(page.locator('.timeline-bar .segment.st-ARCHIVING'))
    .toHaveAttribute('title', /ARCHIVING: 3 min 35 s \(64\.3 %\)/);
  // The widest segment is ARCHIVING, about 64 % of the bar.
  const bar = await page.locator('.timeline-bar').boundingBox();
  const seg = await page.locator('.timeline-bar .segment.st-ARCHIVING').boundingBox();
  expect(seg.width / bar.width).toBeGreaterThan(0.6);
  expect(seg.width / bar.width).toBeLessThan(0.68);
  await page.screenshot({ path: path.join(SHOTS, 'slice-1280.png'), fullPage: true });
});

test('the API envelope and the bare result array give the same profile', async ({ page }) => {
  const envelope = JSON.stringify({ result: JSON.parse(HISTORY), status: 'success', message: 'ok' });
  await pasteAndAnalyse(page, envelope);
  const fromEnvelope = await row(page, 'TOTAL');
  await pasteAndAnalyse(page, HISTORY);
  expect(await row(page, 'TOTAL')).toBe(fromEnvelope);
});

test('invalid JSON says line and column, and the profile on screen stays', async ({ page }) => {
  await page.getByRole('button', { name: 'Load sample data' }).click();
  await expect(page.locator('tr[data-state="ARCHIVING"]')).toContainText('215.1');

  await pasteAndAnalyse(page, '[\n  {"event": "JOB_NEW_STATUS",\n   "created": oops}\n]');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('not valid JSON');
  await expect(alert).toContainText('line 3, column 15');
  await expect(page.locator('tr[data-state="ARCHIVING"]')).toContainText('215.1');
  await expect(page.locator('.timeline-bar .segment')).toHaveCount(8);
  await page.screenshot({ path: path.join(SHOTS, 'bad-json-1280.png'), fullPage: true });
});

test('sample data at phone width', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole('button', { name: 'Load sample data' }).click();
  await expect(page.locator('tr[data-state="RUNNING"]')).toContainText('25.8');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, 'page scrolls sideways at 390 px').toBeLessThanOrEqual(0);
  await page.screenshot({ path: path.join(SHOTS, 'sample-390.png'), fullPage: true });
});
