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
  // One dot per transfer the direction fits rest on.
  const transfers = r.dataMovement.model.filter((f) => f.system === null).reduce((s, f) => s + f.transfers, 0);
  await expect(dm.locator('circle.dm-dot')).toHaveCount(transfers);
  const g = section(page, 'goodput');
  expect(await value(g.locator('.goodput-share'))).toBeCloseTo(r.goodput.share, 9);
  for (const q of r.goodput.queues) {
    const row = g.locator(`tr[data-queue="${q.system}/${q.queue}"]`);
    expect(await value(row)).toBeCloseTo(q.nodeHours, 9);
  }
}

async function shots(page, name) {
  const dm = section(page, 'data-movement');
  const g = section(page, 'goodput');
  await dm.scrollIntoViewIfNeeded();
  await dm.screenshot({ path: path.join(SHOTS, `${name}-data-movement-1280.png`) });
  await g.screenshot({ path: path.join(SHOTS, `${name}-goodput-1280.png`) });
  await page.emulateMedia({ colorScheme: 'dark' });
  await dm.screenshot({ path: path.join(SHOTS, `${name}-data-movement-dark.png`) });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 390, height: 844 });
  await dm.scrollIntoViewIfNeeded();
  await dm.screenshot({ path: path.join(SHOTS, `${name}-data-movement-390.png`) });
  await g.screenshot({ path: path.join(SHOTS, `${name}-goodput-390.png`) });
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
  await shots(page, 'savings-sample');
});

test('2,000 synthetic jobs: the model per direction and system, and goodput, as the CLI says', async ({ page }) => {
  test.setTimeout(180_000);
  await page.clock.setFixedTime(new Date(AS_OF));
  await page.goto('./');
  const text = core.synthText(2000, 15);
  const r = core.reportOfText(text, AS_OF);
  expect(r.dataMovement.model.some((f) => f.system !== null)).toBe(true);
  await page.getByLabel(/paste Tapis job data/i).fill(text);
  await page.getByRole('button', { name: 'Analyse' }).click();
  await expect(page.getByRole('heading', { name: 'Data movement' })).toBeVisible({ timeout: 60_000 });
  await expectTheCoresNumbers(page, r);
  await shots(page, 'savings-2000');
});
