// Hostile and broken input in the page: inputs nested 100,000 deep (a Python repr on the page,
// chosen, dropped or pasted; JSON large enough for the parse worker) are named with where they
// went too deep while the good files beside them load; the injection corpus
// (fixtures/hostile/injection.json) is shown as text on the page, and every download holds it
// as data, never as markup or a formula.
const { test, expect } = require('./fixtures');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { FIXTURES } = require('./core.cjs');
const { download, parseCsv } = require('./downloads.cjs');
const { drop, fixture, inputRow, settled } = require('./views.cjs');

const CORPUS = path.join(__dirname, '..', 'fixtures', 'hostile', 'injection.json');
const GOOD = path.join(FIXTURES, 'source-ds-history-4dfa35e1-finished-2025.reconstructed.json');
/** A Python repr nested `n` deep: `[{'a': [{'a': …}]}]`. */
const deepPython = (n) => `${"[{'a': ".repeat(n)}${'}]'.repeat(n)}`;

function tempFile(name, text) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tjp-hostile-')), name);
  fs.writeFileSync(file, text);
  return file;
}

/** What a spreadsheet would run: a cell starting with = + - @ tab or CR that is not a number. */
const isFormula = (cell) => /^[=+\-@\t\r]/.test(cell) && !Number.isFinite(Number(cell));

test('files nested 100,000 deep are named with where, and the good file beside them loads', async ({ page }) => {
  test.setTimeout(120_000);
  const n = 100_000;
  const python = tempFile('deep.py', deepPython(n));
  // Over 4 MB: read in the parse worker.
  const json = tempFile('deep.json', `${'[{"result": '.repeat(400_000)}null${'}]'.repeat(400_000)}`);
  expect(fs.statSync(json).size).toBeGreaterThan(4 << 20);
  await page.goto('./');
  await page.getByLabel('Choose files…').setInputFiles([python, GOOD, json]);
  await expect(page.locator('.inputs li.reading')).toHaveCount(0);
  await expect(inputRow(page, path.basename(GOOD))).toContainText('1 job');
  await expect(page.locator('.loaded-head')).toContainText('3 inputs and 1 job');
  for (const [name, at] of [['deep.py', 'line 1, column 443'], ['deep.json', 'line 1, column 758']]) {
    const row = inputRow(page, name);
    await expect(row).toContainText('nested deeper than 127 levels');
    await expect(row).toContainText(at);
  }
  await expect(page.locator('section.overview')).toBeVisible();
});

test('dropped and pasted beside good files, a deep text costs only itself and nothing runs', async ({ page }) => {
  test.setTimeout(120_000);
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  await page.goto('./');
  const deep = deepPython(100_000);
  await drop(page, [
    fixture(path.basename(GOOD)),
    { name: 'injection.json', text: fs.readFileSync(CORPUS, 'utf8') },
    { name: 'deep.py', text: deep },
  ]);
  await settled(page, 3);
  await expect(inputRow(page, path.basename(GOOD))).toContainText('1 job');
  await expect(inputRow(page, 'injection.json')).toContainText('4 jobs');
  await expect(inputRow(page, 'deep.py')).toContainText('nested deeper than 127 levels');
  await expect(inputRow(page, 'deep.py')).toContainText('line 1, column 443');
  await expect(page.locator('.loaded-head')).toContainText('3 inputs and 5 jobs');
  // The same text pasted: a notice with where it went too deep; what was loaded stays.
  await page.getByLabel(/paste Tapis job data/i).fill(deep);
  await page.getByRole('button', { name: 'Analyse' }).click();
  const notice = page.getByRole('alert').filter({ hasText: 'Could not read pasted text' });
  await expect(notice).toContainText('(line 1, column 443): nested deeper than 127 levels');
  await settled(page, 3);
  await expect(page.locator('.loaded-head')).toContainText('3 inputs and 5 jobs');
  await expect(page.locator('.tjp img, .tjp script, .tjp b, .tjp i')).toHaveCount(0);
  expect(dialogs, 'no alert ran').toEqual([]);
});

test('the injection corpus is text on the page and data in every download', async ({ page }) => {
  const jobs = JSON.parse(fs.readFileSync(CORPUS, 'utf8')).filter((j) => j.status);
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  await page.goto('./');
  await page.getByLabel('Choose files…').setInputFiles(CORPUS);
  await expect(page.locator('.loaded-head')).toContainText('1 input and 4 jobs');
  await expect(page.locator('section.exports')).toBeVisible();
  // Shown as text: no element of the data's own, no script run.
  await expect(page.locator('.tjp img, .tjp script, .tjp b, .tjp i')).toHaveCount(0);
  await page.locator('.tl-table tbody tr').first().getByRole('button').click();
  await expect(page.locator('section.job-detail')).toContainText(jobs[0].name);
  await expect(page.locator('section.job-detail img')).toHaveCount(0);

  // CSV: no cell a spreadsheet would run; each value whole, behind its ' where it needed one.
  const rows = parseCsv((await download(page, 'Download CSV')).text);
  const cells = rows.flat();
  expect(cells.filter(isFormula), 'cells a spreadsheet would run').toEqual([]);
  for (const job of jobs) {
    for (const field of ['name', 'condition', 'appId', 'execSystemId']) {
      const value = job[field].trim();
      expect(cells, `${field} ${JSON.stringify(value)}`).toContain(isFormula(value) ? `'${value}` : value);
    }
  }

  // Markdown: no tag, no link of the data's own; every jobs-table row has its 8 cells.
  const md = (await download(page, 'Download Markdown report')).text;
  for (const markup of ['<img', '<script', '</svg', '<b>', '<i>']) expect(md).not.toContain(markup);
  expect(md).not.toMatch(/[^\\]\]\(javascript:/);
  expect(md).toContain('\\[click\\](javascript:alert(document.domain)) &lt;img src=x onerror=alert(\'msg\')&gt;');
  const jobRows = md.split('\n').filter((l) => /^\| `[ac]0000000`/.test(l));
  expect(jobRows).toHaveLength(4);
  for (const row of jobRows) expect(row.replace(/\\\|/g, '').split('|').length - 2, row).toBe(8);

  // JSON and trace: the values, exactly, as data.
  const doc = JSON.parse((await download(page, /JSON/)).text);
  expect(doc.report.jobs.map((j) => j.name).sort()).toEqual(jobs.map((j) => j.name).sort());
  const trace = JSON.parse((await download(page, 'Download trace')).text);
  const tracks = trace.traceEvents.filter((e) => e.ph === 'M' && e.name === 'thread_name').map((e) => e.args.name);
  for (const job of jobs) expect(tracks.some((t) => t.startsWith(job.name))).toBe(true);

  // The picture: well-formed SVG whose only elements are its own; the names are its text.
  const svg = (await download(page, 'Download timeline picture (SVG)')).text;
  // Parsed in a blank page: the app's own page allows no DOMParser (Trusted Types).
  const blank = await page.context().newPage();
  const parsed = await blank.evaluate((text) => {
    const d = new DOMParser().parseFromString(text, 'image/svg+xml');
    const all = [...d.querySelectorAll('*')];
    return {
      error: d.querySelector('parsererror') !== null,
      elements: [...new Set(all.map((e) => e.localName))].sort(),
      handlers: all.flatMap((e) => [...e.attributes].map((a) => a.name)).filter((a) => a.startsWith('on')),
      text: d.documentElement.textContent,
    };
  }, svg);
  await blank.close();
  expect(parsed.error).toBe(false);
  expect(parsed.elements.filter((e) => !['svg', 'title', 'desc', 'g', 'rect', 'text', 'line', 'path', 'tspan', 'style', 'defs', 'pattern', 'clipPath'].includes(e))).toEqual([]);
  expect(parsed.handlers).toEqual([]);
  for (const job of jobs.slice(0, 3)) expect(parsed.text).toContain(job.name);
  expect(dialogs, 'no alert ran').toEqual([]);
});
