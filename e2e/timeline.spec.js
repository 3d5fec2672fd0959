// The job timeline as a person uses it: load the sample, point at a state and read the
// tooltip, drive it from the keyboard, zoom with keys, wheel and buttons, switch the axis,
// and find the same numbers in the accessible table as in the job's own table.
const { test, expect, SHOTS } = require('./fixtures');
const fs = require('node:fs');
const path = require('node:path');

const SAMPLE = JSON.parse(fs.readFileSync(
  path.join(__dirname, '..', 'www', 'samples', 'opensees-mp-4dfa35e1.history.json'), 'utf8'));
const OTHER = fs.readFileSync(
  path.join(__dirname, '..', 'fixtures', 'tapis', 'source-tapisdocs-history-finished-2021.json'), 'utf8');

const canvas = (page) => page.getByRole('application', { name: /^Job timeline, \d+ jobs?\./ });
const range = (page) => page.locator('.tl-range-text');
const tooltip = (page) => page.getByRole('tooltip');

/** Seconds in a range summary's "(… )": "(5 min 48 s)" -> 348. */
function shownSeconds(text) {
  const inner = text.match(/\(([^)]*)\)$/)[1];
  const unit = { d: 86400, h: 3600, min: 60, s: 1 };
  let total = 0;
  for (const [, n, u] of inner.matchAll(/([\d.]+) (d|h|min|s)\b/g)) total += Number(n) * unit[u];
  return total;
}

/**
 * Moves the pointer down the canvas at `share` of its width until a tooltip appears,
 * as a person looks for the bar. Returns the tooltip's text.
 */
async function hoverBar(page, share) {
  await canvas(page).scrollIntoViewIfNeeded();
  const box = await canvas(page).boundingBox();
  for (let y = 2; y < box.height; y += 4) {
    await page.mouse.move(box.x + box.width * share, box.y + y);
    if (await tooltip(page).isVisible()) {
      // Found the row's top edge: settle in the middle of its bar.
      await page.mouse.move(box.x + box.width * share, box.y + y + 10);
      await expect(tooltip(page)).toBeVisible();
      return tooltip(page).innerText();
    }
  }
  throw new Error('no tooltip anywhere down the canvas');
}

test.beforeEach(async ({ page }) => {
  // Minutes after the sample job ran: the job as it was while RUNNING is plausible then (a
  // year later it would be stale, and drawn so).
  await page.clock.setFixedTime(new Date('2025-05-07T22:30:00Z'));
  await page.goto('./');
  await page.getByRole('button', { name: 'Load sample data' }).click();
  await expect(canvas(page)).toBeVisible();
});

test('pointing at a state shows its times, duration and share of the job', async ({ page }) => {
  await expect(page.getByRole('heading', { name: 'Job timeline' })).toBeVisible();
  const legend = page.getByRole('list', { name: 'Colours of the states' });
  await expect(legend).toContainText('STAGING_INPUTS');
  await expect(legend).toContainText('ARCHIVING');

  // ARCHIVING is the last 64 % of the sample job: near the right end of its bar.
  const text = await hoverBar(page, 0.85);
  expect(text).toContain('opensees-mp-s3-latest');
  expect(text).toMatch(/State\s+ARCHIVING/);
  expect(text).toMatch(/Start\s+2025-05-07 22:17:1\d UTC/);
  expect(text).toMatch(/Duration\s+3 min 35 s/);
  expect(text).toMatch(/Share of job\s+64\.3 %/);
  await page.screenshot({ path: path.join(SHOTS, 'timeline-hover-1280.png'), fullPage: true });

  await page.mouse.move(5, 5);
  await expect(tooltip(page)).toHaveCount(0);
});

test('the keyboard reaches every state, zooms, pans and selects', async ({ page }) => {
  // Tab into it from the controls above it.
  await page.getByRole('button', { name: 'Fit all jobs' }).focus();
  await page.keyboard.press('Tab'); // the axis choice
  await page.keyboard.press('Tab');
  await expect(canvas(page)).toBeFocused();
  await expect(page.locator('.tl-hint')).toContainText('Enter select');
  const keys = await canvas(page).getAttribute('aria-describedby');
  expect(keys).toMatch(/^tl-keys-\d+$/);
  await page.getByText('Keyboard and mouse').click();
  await expect(page.locator(`#${keys}`)).toContainText('previous / next job');
  await canvas(page).focus();

  await page.keyboard.press('ArrowDown');
  await expect(tooltip(page)).toContainText('PENDING');
  await expect(page.locator('.tl-hint')).toHaveCount(0);
  const live = page.locator('.tl-canvas-wrap [aria-live]');
  await expect(live).toContainText('State PENDING');
  for (let i = 0; i < 7; i++) await page.keyboard.press(']');
  await expect(tooltip(page)).toContainText('ARCHIVING');
  await expect(tooltip(page)).toContainText('3 min 35 s');

  const whole = await range(page).innerText();
  await page.keyboard.press('+');
  await page.keyboard.press('+');
  await expect(range(page)).not.toHaveText(whole);
  const zoomed = await range(page).innerText();
  expect(shownSeconds(zoomed)).toBeLessThan(shownSeconds(whole) / 2);
  await page.screenshot({ path: path.join(SHOTS, 'timeline-keys-1280.png'), fullPage: true });
  await page.keyboard.press('ArrowLeft');
  await expect(range(page)).not.toHaveText(zoomed);
  await page.keyboard.press('-');
  await page.keyboard.press('0');
  await expect(range(page)).toHaveText(whole);

  await page.keyboard.press('Enter');
  await expect(page.locator('.tl-selected')).toContainText('Selected: opensees-mp-s3-latest');
  await expect(page.locator('.tl-table tr[aria-current="true"]')).toHaveCount(1);
});

test('wheel zooms at the pointer, drag pans, buttons do the same', async ({ page }) => {
  const whole = await range(page).innerText();
  await canvas(page).scrollIntoViewIfNeeded();
  const box = await canvas(page).boundingBox();
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height - 10);
  await page.mouse.wheel(0, -600);
  await expect(range(page)).not.toHaveText(whole);
  const zoomed = await range(page).innerText();
  expect(shownSeconds(zoomed)).toBeLessThan(shownSeconds(whole));

  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height - 10, { steps: 5 });
  await page.mouse.up();
  await expect(range(page)).not.toHaveText(zoomed);
  expect(shownSeconds(await range(page).innerText())).toBeCloseTo(shownSeconds(zoomed), 0);

  await page.getByRole('button', { name: 'Fit all jobs' }).click();
  await expect(range(page)).toHaveText(whole);
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await expect(range(page)).not.toHaveText(whole);
});

test('aligned at submission, the axis counts from the job\'s start', async ({ page }) => {
  await page.getByLabel('Since submission').check();
  await expect(range(page)).toContainText('after submission');
  await expect(range(page)).toContainText(/^−\d/);
  const text = await hoverBar(page, 0.85);
  // ARCHIVING began 119.6 s after the job's first status.
  expect(text).toMatch(/After submission\s+2 min/);
  // The element, not the full page: resizing the page for a full-page shot can move the pointer.
  await page.locator('section.timeline').screenshot({ path: path.join(SHOTS, 'timeline-aligned-1280.png') });
});

test('a new import refits the timeline; a job still running is hatched', async ({ page }) => {
  const whole = await range(page).innerText();
  await expect(page.getByText('hatched: still in this state')).toHaveCount(0);
  // Another job, four years earlier: the view widens to hold both.
  await page.getByLabel(/paste Tapis job data/i).fill(OTHER);
  await page.getByRole('button', { name: 'Analyse' }).click();
  await expect(range(page)).not.toHaveText(whole);
  await expect(page.locator('.tl-table tbody tr')).toHaveCount(2);
  // The sample job as it looked while it was RUNNING: its last three events not yet written.
  // (It replaces the finished one: the same job, in the same place.)
  await page.getByRole('button', { name: /^Remove sample/ }).click();
  const running = SAMPLE.result ? SAMPLE.result.slice(0, -3) : SAMPLE.slice(0, -3);
  await page.getByLabel(/paste Tapis job data/i).fill(JSON.stringify(running));
  await page.getByRole('button', { name: 'Analyse' }).click();
  await expect(page.getByText('hatched: still in this state')).toBeVisible();
  await expect(page.locator('.tl-table tbody tr').last().locator('td.last-state')).toHaveText('RUNNING');
  await canvas(page).focus();
  await page.keyboard.press('End'); // the running job, submitted last
  for (let i = 0; i < 6; i++) await page.keyboard.press(']');
  await expect(tooltip(page)).toContainText('RUNNING');
  await expect(tooltip(page)).toContainText('still in this state');
  await expect(tooltip(page)).toContainText('so far');
});

test('the accessible table gives the same time per state as the job view', async ({ page }) => {
  const row = page.locator('.tl-table tbody tr');
  await expect(row).toHaveCount(1);
  await expect(row.locator('td.last-state')).toHaveText('FINISHED');
  await expect(row.getByRole('button')).toHaveText(/opensees-mp-s3-latest/);
  const states = await page.locator('table.state-table tbody tr').evaluateAll(
    (trs) => trs.map((tr) => tr.getAttribute('data-state')));
  expect(states.length).toBe(8);
  for (const state of states) {
    const inJob = await page.locator(`table.state-table tr[data-state="${state}"] td`).first().innerText();
    const inTimeline = await row.locator(`td[data-state="${state}"]`).innerText();
    expect(inTimeline.replace(/\s+/g, ' '), state).toBe(inJob.replace(/\s+/g, ' '));
  }
  await row.getByRole('button').click();
  await expect(page.locator('.tl-selected')).toContainText('Selected:');
});

test('at phone width the timeline fits and its tooltip spans the canvas', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(canvas(page)).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, 'page scrolls sideways at 390 px').toBeLessThanOrEqual(0);
  await hoverBar(page, 0.8);
  const tip = await tooltip(page).boundingBox();
  const box = await canvas(page).boundingBox();
  expect(tip.x).toBeGreaterThanOrEqual(box.x);
  expect(tip.x + tip.width).toBeLessThanOrEqual(box.x + box.width + 1);
  await page.screenshot({ path: path.join(SHOTS, 'timeline-390.png'), fullPage: true });
});

test.describe('dark', () => {
  test.use({ colorScheme: 'dark' });
  test('the palette follows the system', async ({ page }) => {
    const bg = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--bg').trim());
    expect(bg).toBe('#0d1117');
    await hoverBar(page, 0.5);
    await page.locator('section.timeline').screenshot({ path: path.join(SHOTS, 'timeline-dark-1280.png') });
  });
});
