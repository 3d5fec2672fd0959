// Accessibility: axe-core (npm, pinned in package-lock.json) on every main view of the built
// page — empty, the sample loaded, a job's detail open, two thousand jobs, the live panel open
// with its help, dark mode — must find no violation of any impact. And the skip links: first in
// the Tab order, they take a keyboard user to each section in a few keys.
const { test, expect, SHOTS } = require('./fixtures');
const path = require('node:path');
const { synth } = require('./core.cjs');
const { violations } = require('./axe.cjs');

async function expectAccessible(page, view) {
  expect(await violations(page), `axe violations: ${view}`).toEqual([]);
}

/** Waits until the views rendered after the timeline (each in a task of its own) are in. */
async function allViews(page) {
  await expect(page.locator('section.exports')).toBeVisible();
  await expect(page.locator('section.data-quality')).toBeAttached();
  await expect(page.locator('.later')).toHaveCount(0);
}

const shot = (page, name) => page.screenshot({ path: path.join(SHOTS, name) });

/** A colour scheme, once the colours' transitions (the drop zone's 0.15 s) have ended. */
async function scheme(page, colorScheme) {
  await page.emulateMedia({ colorScheme });
  await expect.poll(() => page.locator('.drop-zone').evaluate((e) => getComputedStyle(e).backgroundColor))
    .toBe(colorScheme === 'dark' ? 'rgb(13, 17, 23)' : 'rgb(255, 255, 255)');
}
const dark = (page) => scheme(page, 'dark');

test('the empty page, the sample and a job\'s detail, light and dark, have no axe violations', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByRole('button', { name: 'Load sample data' })).toBeVisible();
  await expectAccessible(page, 'empty page');

  await page.getByRole('button', { name: 'Load sample data' }).click();
  await allViews(page);
  await expectAccessible(page, 'sample loaded');

  await page.locator('.tl-table tbody tr').first().getByRole('button').click();
  await expect(page.locator('section.job-detail')).toBeVisible();
  await expectAccessible(page, 'a job\'s detail open');

  await dark(page);
  await expectAccessible(page, 'dark mode, a job\'s detail open');
  await page.reload();
  await expect(page.getByRole('button', { name: 'Load sample data' })).toBeVisible();
  await expectAccessible(page, 'dark mode, empty page');
});

test('two thousand jobs have no axe violations', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('./');
  await page.getByLabel('Choose files…').setInputFiles(synth(2000, 7));
  await expect(page.getByRole('application', { name: /^Job timeline, 2,000 jobs\./ })).toBeVisible();
  await allViews(page);
  await expectAccessible(page, '2,000 jobs');
});

test('the live panel, open with its help, has no axe violations', async ({ page }) => {
  await page.goto('./');
  await page.getByText('Live from Tapis').click();
  await page.getByText('How do I get a token?').click();
  await page.getByText('Rather not paste a token?').click();
  await expect(page.getByRole('button', { name: 'Connect' })).toBeVisible();
  await expectAccessible(page, 'live panel open');
  await dark(page);
  await expectAccessible(page, 'dark mode, live panel open');
});

test('skip links come first and take the keyboard to each section', async ({ page }) => {
  await page.goto('./');
  // No sections yet: nothing to skip to.
  await expect(page.getByRole('button', { name: 'Load sample data' })).toBeVisible();
  await expect(page.locator('nav.skip-links')).toHaveCount(0);

  await page.goto('./?sample=1');
  await allViews(page);
  const nav = page.getByRole('navigation', { name: 'Skip to a section' });
  await expect(nav.getByRole('link')).toHaveText(['Overview', 'Job timeline', 'Recommendations',
    'Data movement and goodput', 'What is normal', 'I/O checklist', 'Export', 'Data quality']);
  // Hidden until focused, then shown.
  expect((await nav.boundingBox()).width).toBeLessThanOrEqual(1);
  await page.keyboard.press('Tab');
  await expect(nav.getByRole('link', { name: 'Overview' })).toBeFocused();
  expect((await nav.boundingBox()).width).toBeGreaterThan(200);
  await expectAccessible(page, 'skip links shown');

  // Export: Tab along the links, Enter, and the next Tab is in the export menu.
  let presses = 1;
  while (!(await nav.getByRole('link', { name: 'Export' }).evaluate((a) => a === document.activeElement))) {
    await page.keyboard.press('Tab');
    presses += 1;
    expect(presses).toBeLessThan(10);
  }
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await expect(page.locator('section.exports').getByRole('button', { name: 'Download JSON' })).toBeFocused();
  expect(presses + 2, 'key presses from the top of the page to the first export').toBeLessThanOrEqual(9);

  // Each link lands at its section.
  for (const [name, inside] of [['Recommendations', 'section.recommendations'],
    ['I/O checklist', 'section.checklist'], ['Job timeline', 'section.jobs'], ['What is normal', 'section.normal']]) {
    await nav.getByRole('link', { name }).focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await expect.poll(() => page.evaluate((sel) => document.querySelector(sel).contains(document.activeElement), inside),
      { message: `after ${name}, the focus is in ${inside}` }).toBe(true);
  }

  // As a keyboard user first sees them: at 1280 and 390 px, light and dark.
  for (const [width, colors] of [[1280, 'light'], [390, 'light'], [1280, 'dark'], [390, 'dark']]) {
    await page.setViewportSize({ width, height: 844 });
    await scheme(page, colors);
    await page.evaluate(() => window.scrollTo(0, 0));
    await nav.getByRole('link', { name: 'Overview' }).focus();
    const box = await nav.boundingBox();
    expect(box.width).toBeGreaterThan(200);
    expect(box.x + box.width, `the skip links fit in ${width} px`).toBeLessThanOrEqual(width);
    await shot(page, `skip-links-${width}${colors === 'dark' ? '-dark' : ''}.png`);
  }
});
