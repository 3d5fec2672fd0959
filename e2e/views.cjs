// What the page shows, read as a person reads it, for the end-to-end tests to compare with
// the CLI's JSON report on the same data (e2e/core.cjs): dropping files, waiting for them, and
// the views' figures.
const { expect } = require('@playwright/test');
const fs = require('node:fs');
const path = require('node:path');
const { FIXTURES, formatDuration, percent, totalsOf } = require('./core.cjs');

const loaded = (page) => page.locator('.inputs li.input:not(.reading)');
const inputRow = (page, name) => page.locator(`.inputs li[data-input="${name}"]`);
const figure = (page, key) => page.locator(`[data-figure="${key}"]`);
const canvas = (page) => page.getByRole('application', { name: /^Job timeline/ });
const detail = (page) => page.locator('section.job-detail');
const cohorts = (page) => page.locator('section.cohorts');

/** Drops files on the drop zone as the browser does: dragover, then drop with a DataTransfer. */
async function drop(page, files) {
  const payload = files.map((f) => ({ name: f.name, text: f.text }));
  const transfer = await page.evaluateHandle((files) => {
    const dt = new DataTransfer();
    for (const f of files) dt.items.add(new File([f.text], f.name, { type: 'application/json' }));
    return dt;
  }, payload);
  const zone = page.locator('.drop-zone');
  await zone.dispatchEvent('dragover', { dataTransfer: transfer });
  await expect(zone).toHaveClass(/over/);
  await zone.dispatchEvent('drop', { dataTransfer: transfer });
}

const fixture = (name) => ({ name, text: fs.readFileSync(path.join(FIXTURES, name), 'utf8') });

/** Waits until `n` inputs are loaded and nothing is still being read. */
async function settled(page, n) {
  await expect(loaded(page)).toHaveCount(n);
  await expect(page.locator('.inputs li.reading')).toHaveCount(0);
}

/**
 * The overview's figures and bucket lines equal the core's sums: `r.aggregate.totals` for the
 * whole report (the one definition, `analysis::totals`), or the same sums over `r.jobs` when
 * they are some of a report's jobs (a filter): every job counted (a stale job left out
 * unless included), with a history or a job object's coarse phases.
 */
async function expectOverview(page, r) {
  const t = r.aggregate ? r.aggregate.totals : totalsOf(r.jobs);
  await expect(figure(page, 'jobs').locator('.value')).toHaveText(t.jobs.toLocaleString('en-US'));
  await expect(figure(page, 'wall').locator('.value')).toHaveText(formatDuration(t.wallSeconds));
  await expect(figure(page, 'outside').locator('.value')).toHaveText(formatDuration(t.outsideSeconds));
  if (t.wallSeconds > 0) {
    const share = percent(await figure(page, 'outside').locator('.sub').innerText());
    expect(share).toBeCloseTo((100 * t.outsideSeconds) / t.wallSeconds, 1);
  }
  if (t.nodeHours.jobs > 0) {
    const nodeHours = Number((await figure(page, 'node-hours').locator('.value').innerText()).replace(/,/g, ''));
    expect(nodeHours).toBeCloseTo(t.nodeHours.running, 1);
  }
  for (const bucket of ['tapis-overhead', 'data-movement', 'queue-wait', 'compute']) {
    const seconds = t.buckets[bucket] || 0;
    const line = page.locator(`.overview li[data-bucket="${bucket}"]`);
    await expect(line.locator('data')).toHaveText(formatDuration(seconds));
    expect(percent(await line.locator('.share').innerText())).toBeCloseTo((100 * seconds) / t.wallSeconds, 1);
  }
}

/** The seconds a cell's `<data value>` holds, or null for "—". */
async function value(cell) {
  const data = cell.locator('data');
  return (await data.count()) ? Number(await data.getAttribute('value')) : null;
}

/** The table's rows: metric → the numbers and the verdict. */
async function shownRows(page) {
  const out = {};
  for (const row of await cohorts(page).locator('table.cohort-table tbody tr').all()) {
    const cell = (c) => row.locator(`td.${c}`);
    out[await row.getAttribute('data-metric')] = {
      aMedian: await value(cell('a-median')),
      bMedian: await value(cell('b-median')),
      difference: await value(cell('difference')),
      aP90: await value(cell('a-p90')),
      bP90: await value(cell('b-p90')),
      verdict: (await row.getAttribute('class')).replace('verdict-', ''),
    };
  }
  return out;
}

/** Compare cohorts' numbers are the CLI's `compare` JSON, row by row, and so is the ranking of attributes. */
async function expectTheCli(page, cli) {
  // The comparison is worked out a part a task after a choice ("Comparing the cohorts…").
  await expect(cohorts(page).locator('.later')).toHaveCount(0);
  const shown = await shownRows(page);
  expect(Object.keys(shown)).toEqual(cli.rows.map((r) => r.metric));
  for (const r of cli.rows) {
    const s = shown[r.metric];
    const close = (got, want, what) => {
      if (want === null || want === undefined) expect(got, `${r.metric} ${what}`).toBeNull();
      else expect(got, `${r.metric} ${what}`).toBeCloseTo(want, 6);
    };
    close(s.aMedian, r.a && r.a.median, 'A median');
    close(s.bMedian, r.b && r.b.median, 'B median');
    close(s.difference, r.medianDifference, 'difference');
    close(s.aP90, r.a && r.a.p90, 'A P90');
    close(s.bP90, r.b && r.b.p90, 'B P90');
    expect(s.verdict, r.metric).toBe(r.verdict);
  }
  const keys = await cohorts(page).locator('ol.cohort-attributes > li').evaluateAll((li) => li.map((l) => l.dataset.key));
  expect(keys).toEqual(cli.attributes.slice(0, 8).map((a) => a.key));
  await expect(cohorts(page).locator('[data-side="A"]')).toContainText(`${cli.a.jobs} jobs`);
  await expect(cohorts(page).locator('[data-side="B"]')).toContainText(`${cli.b.jobs} jobs`);
}

module.exports = { loaded, inputRow, figure, canvas, detail, drop, fixture, settled, expectOverview, expectTheCli };
