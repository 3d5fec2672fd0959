// The token-free path: the notebook script of docs/export-from-notebook.md, run for real
// (Python with the real tapipy from the project's venv, against the local stand-in tenant,
// nothing beyond loopback reachable), writes one file that the CLI and the app both read,
// with every job and every history event.
const { test, expect } = require('./fixtures');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const CLI = path.join(ROOT, 'target', 'debug', 'tapis-profile');
const SCRIPT = fs.readFileSync(path.join(ROOT, 'docs', 'export_tapis_jobs.py'), 'utf8');
const TOOLS = process.env.TJP_TOOLS || path.join(os.homedir(), '.cache', 'tapis-job-profiler', 'tools');
const PYTHON = path.join(TOOLS, 'venv', 'bin', 'python');

test.use({ standInArgs: ['--fixtures', 'fixtures/tapis', '--synthetic', '8', '--seed', '9'] });

test('the export script writes one bundle the CLI and the page read whole', async ({ page, standIn }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tjp-notebook-'));
  fs.writeFileSync(path.join(dir, 'export.py'), SCRIPT.replace('https://designsafe.tapis.io', standIn.url));
  const out = execFileSync(PYTHON, ['export.py'], {
    cwd: dir, input: 'testuser\nnot-used\n', stdio: ['pipe', 'pipe', 'ignore'],
    env: { PATH: process.env.PATH, PYTHONPATH: path.join(ROOT, 'crates', 'stand-in', 'tests', 'python', 'offline') },
  });
  expect(String(out)).toContain('Wrote 12 jobs to tapis-jobs.json');
  const file = path.join(dir, 'tapis-jobs.json');
  const written = fs.readFileSync(file, 'utf8');
  expect(written, 'no token is in the file').not.toMatch(/eyJ[\w-]+\.eyJ/);

  // The same jobs and events as the stand-in's own export, so the same report.
  const served = path.join(dir, 'served.json');
  fs.writeFileSync(served, await standIn.exportBundle());
  const report = (f) => JSON.parse(execFileSync(CLI, [f, '--format', 'json'])).jobs
    .map((j) => [j.uuid, j.finalStatus, j.hasHistory, j.totalSeconds]).sort();
  expect(report(file)).toEqual(report(served));
  const log = (await standIn.requests()).filter((r) => r.path.startsWith('/v3/'));
  expect(log.some((r) => r.query.includes('limit=-1'))).toBe(false);

  // And the page reads it, pasted into the box.
  await page.goto('./');
  await page.getByLabel(/paste Tapis job data/i).fill(written);
  await page.getByRole('button', { name: 'Analyse' }).click();
  await expect(page.locator('.loaded-head')).toContainText('1 input and 12 jobs');
  await expect(page.locator('li.input[data-input="pasted text"]')).toContainText('12 jobs');
  await page.getByLabel('Search').fill('4dfa35e1');
  await page.locator('.tl-table tbody tr').first().getByRole('button').click();
  await expect(page.locator('.job-detail tr[data-state="ARCHIVING"] td').first()).toHaveText('3 min 35 s');
  await expect(page.getByRole('alert')).toHaveCount(0);
});
