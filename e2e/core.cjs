// The analysis core on the command line (crates/cli), for end-to-end tests that compare what
// the page shows with what the core computes natively: synthetic jobs, and the report of any
// input. Runs `cargo run` (the binary is built by `cargo test --workspace` before the e2e step).
const { execFileSync } = require('node:child_process');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');

function cli(args, input) {
  return execFileSync('cargo', ['run', '-q', '-p', 'tapis-profile-cli', '--', ...args], {
    cwd: ROOT, input, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024,
  });
}

/** `jobs` synthetic jobs as a bundle (same seed, same jobs). */
function synth(jobs, seed) {
  return cli(['synth', '--jobs', String(jobs), '--seed', String(seed)]);
}

/** The core's report of `text`, as `tapis-profile - --format json` prints it. */
function report(text, asOf = '2030-01-01T00:00:00Z') {
  return JSON.parse(cli(['-', '--format', 'json', '--as-of', asOf, '-q'], text));
}

module.exports = { synth, report };
