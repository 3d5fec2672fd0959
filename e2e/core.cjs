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

/**
 * The core's report on `files` (paths relative to `cwd`), open states measured to `asOf`,
 * stale jobs counted too when `includeStale`; `extra`: more options (`--charge-rate …`).
 */
function report(files, { cwd = FIXTURES, asOf, includeStale = false, extra = [] } = {}) {
  const args = [...files, '--format', 'json', ...extra];
  if (asOf) args.push('--as-of', asOf);
  if (includeStale) args.push('--include-stale');
  return JSON.parse(cli(args, cwd));
}

/**
 * `tapis-profile synth --jobs N --seed S [--zombies Z]`, written to a fresh temporary file;
 * zombies are jobs Tapis left in STAGING_INPUTS, QUEUED or ARCHIVING for good.
 */
function synth(jobs, seed, zombies = 0) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tjp-synth-'));
  const file = path.join(dir, `synthetic-${jobs}-${seed}${zombies ? `-z${zombies}` : ''}.json`);
  const args = ['synth', '--jobs', String(jobs), '--seed', String(seed)];
  if (zombies) args.push('--zombies', String(zombies));
  fs.writeFileSync(file, cli(args));
  return file;
}

/** `jobs` synthetic jobs as bundle text (same seed, same jobs). */
function synthText(jobs, seed) {
  return cli(['synth', '--jobs', String(jobs), '--seed', String(seed)]).toString('utf8');
}

/** A sweep of `jobs` synthetic jobs (two app versions, a quota: `synth --sweep`) as bundle text. */
function sweepText(jobs, seed) {
  return cli(['synth', '--sweep', '--jobs', String(jobs), '--seed', String(seed)]).toString('utf8');
}

/** The CLI's comparison (`compare --format json`) of the cohorts `a` and `b` of `text`. */
function compare(text, a, b, asOf = '2030-01-01T00:00:00Z') {
  return JSON.parse(cli(['compare', '--a', a, '--b', b, '-', '--format', 'json', '--as-of', asOf, '-q'], ROOT, text));
}

/** The CLI's `load` or `trends` (`--format json`) of `text`. */
function overTime(command, text, asOf = '2030-01-01T00:00:00Z') {
  return JSON.parse(cli([command, '-', '--format', 'json', '--as-of', asOf, '-q'], ROOT, text));
}

/**
 * The core's report of `text` (read from standard input), open states measured to `asOf`;
 * `extra`: more options (`--charge-rate …`, `--archived-share …`).
 */
function reportOfText(text, asOf = '2030-01-01T00:00:00Z', extra = []) {
  return JSON.parse(cli(['-', '--format', 'json', '--as-of', asOf, '-q', ...extra], ROOT, text));
}

/** The real fixtures the tests drop: every JSON file and tapipy print. */
function fixtureNames() {
  return fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.json') || f.endsWith('.tapipy.txt')).sort();
}

/** `format_duration`: "25.8 s", "3 min 35 s", "1 h 50 min", "3 d 4 h", "1,049 d 2 h". */
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
  const text = d > 0 ? pair(d.toLocaleString('en-US'), 'd', h, 'h') : h > 0 ? pair(h, 'h', m, 'min') : pair(m, 'min', sec, 's');
  return sign + text;
}

/** `format_bytes`: decimal units as storage is sold, "999 B", "79.6 kB", "150.9 MB". */
function formatBytes(b) {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let v = b;
  let u = 0;
  while (v >= 1000 && u < units.length - 1) { v /= 1000; u += 1; }
  return u === 0 ? `${v.toFixed(0)} B` : `${v.toFixed(1)} ${units[u]}`;
}

/** A share as the page writes it ("64.3 %") back to a number, 0–100. */
function percent(text) {
  const m = text.match(/(-?[\d.]+) %/);
  if (!m) throw new Error(`no percentage in ${JSON.stringify(text)}`);
  return Number(m[1]);
}

const sum = (xs) => xs.reduce((a, b) => a + b, 0);

/**
 * The overview's sums over some of a report's jobs, as the core defines them
 * (`analysis::totals::Totals::of`): the jobs counted (a stale job the user did not include
 * is left out), each with its own total, RUNNING, outside RUNNING and buckets — a history's,
 * or a job object's coarse phases'. For the whole report, `report.aggregate.totals` is it.
 */
function totalsOf(jobs) {
  const counted = jobs.filter((j) => !j.stale || j.stale.included);
  const buckets = {};
  for (const j of counted) for (const [b, s] of Object.entries(j.buckets)) buckets[b] = (buckets[b] || 0) + s;
  const withNodes = counted.filter((j) => j.usage && j.usage.nodes != null);
  return {
    jobs: counted.length,
    staleLeftOut: jobs.length - counted.length,
    wallSeconds: sum(counted.map((j) => j.totalSeconds)),
    runningSeconds: sum(counted.map((j) => j.runningSeconds)),
    outsideSeconds: sum(counted.map((j) => j.outsideRunningSeconds)),
    buckets,
    nodeHours: { jobs: withNodes.length, running: sum(withNodes.map((j) => j.usage.nodeHoursRunning || 0)) },
  };
}

module.exports = {
  ROOT, FIXTURES, report, synth, synthText, sweepText, compare, overTime, reportOfText, fixtureNames, formatDuration, formatBytes,
  percent, sum, totalsOf,
};
