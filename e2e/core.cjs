// What the analysis core says about the same files, for comparing with what the page shows:
// the CLI's JSON report (the same core the app runs), synthetic data, and the core's way of
// writing durations and shares (crates/core/src/format.rs), ported.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const FIXTURES = path.join(ROOT, 'fixtures', 'tapis');

function cli(args, cwd = ROOT, input = undefined) {
  const manifest = path.join(ROOT, 'Cargo.toml');
  return execFileSync('cargo', ['run', '-q', '--manifest-path', manifest, '-p', 'tapis-profile-cli', '--', ...args], {
    cwd, input, maxBuffer: 1 << 30, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'ignore'],
  });
}

/** The core's report on `files` (paths relative to `cwd`), open states measured to `asOf`. */
function report(files, { cwd = FIXTURES, asOf } = {}) {
  const args = [...files, '--format', 'json'];
  if (asOf) args.push('--as-of', asOf);
  return JSON.parse(cli(args, cwd));
}

/** `tapis-profile synth --jobs N --seed S`, written to a fresh temporary file. */
function synth(jobs, seed) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tjp-synth-'));
  const file = path.join(dir, `synthetic-${jobs}-${seed}.json`);
  fs.writeFileSync(file, cli(['synth', '--jobs', String(jobs), '--seed', String(seed)]));
  return file;
}

/** `jobs` synthetic jobs as bundle text (same seed, same jobs). */
function synthText(jobs, seed) {
  return cli(['synth', '--jobs', String(jobs), '--seed', String(seed)]).toString('utf8');
}

/** The core's report of `text` (read from standard input), open states measured to `asOf`. */
function reportOfText(text, asOf = '2030-01-01T00:00:00Z') {
  return JSON.parse(cli(['-', '--format', 'json', '--as-of', asOf, '-q'], ROOT, text));
}

/** The real fixtures the tests drop: every JSON file and tapipy print. */
function fixtureNames() {
  return fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.json') || f.endsWith('.tapipy.txt')).sort();
}

/** `format_duration`: "25.8 s", "3 min 35 s", "1 h 50 min", "3 d 4 h". */
function formatDuration(seconds) {
  if (!Number.isFinite(seconds)) return '—';
  const sign = seconds < 0 ? '−' : '';
  const s = Math.abs(seconds);
  if (s < 60) {
    const tenths = Math.round(s * 10) / 10;
    if (tenths < 60) return `${sign}${tenths.toFixed(1)} s`;
  }
  const whole = Math.round(s);
  const d = Math.floor(whole / 86400), h = Math.floor(whole / 3600) % 24;
  const m = Math.floor(whole / 60) % 60, sec = whole % 60;
  const pair = (big, bu, small, su) => (small === 0 ? `${big} ${bu}` : `${big} ${bu} ${small} ${su}`);
  const text = d > 0 ? pair(d, 'd', h, 'h') : h > 0 ? pair(h, 'h', m, 'min') : pair(m, 'min', sec, 's');
  return sign + text;
}

/** A share as the page writes it ("64.3 %") back to a number, 0–100. */
function percent(text) {
  const m = text.match(/(-?[\d.]+) %/);
  if (!m) throw new Error(`no percentage in ${JSON.stringify(text)}`);
  return Number(m[1]);
}

const sum = (xs) => xs.reduce((a, b) => a + b, 0);

module.exports = {
  ROOT, FIXTURES, report, synth, synthText, reportOfText, fixtureNames, formatDuration, percent, sum,
};
