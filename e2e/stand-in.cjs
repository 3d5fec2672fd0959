// The local Tapis stand-in (crates/stand-in) for end-to-end tests and the live benchmark:
// one process per test, on a free loopback port, so tests that inject faults cannot disturb
// each other. `./x test` builds target/debug/tapis-stand-in first.
const { spawn } = require('node:child_process');
const path = require('node:path');
const fs = require('node:fs');

const ROOT = path.join(__dirname, '..');
const BIN = process.env.TJP_STAND_IN || path.join(ROOT, 'target', 'debug', 'tapis-stand-in');

/**
 * Starts a stand-in: `args` are its command-line options (`--synthetic 200 --seed 3`,
 * `--fixtures fixtures/tapis`, …). Resolves once it listens, with its URL, a 4-hour token
 * and helpers for its control endpoints.
 */
async function startStandIn(args = []) {
  if (!fs.existsSync(BIN)) throw new Error(`${BIN} is missing: cargo build -p tapis-stand-in`);
  const child = spawn(BIN, ['--addr', '127.0.0.1:0', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const { url, token } = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`stand-in did not start: ${out}${stderr}`)), 15_000);
    child.stdout.on('data', (d) => {
      out += d;
      const url = /at (https?:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
      const token = /only\): (\S+)/.exec(out)?.[1];
      if (url && token) { clearTimeout(timer); resolve({ url, token }); }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`stand-in exited ${code}: ${stderr}`)); });
  });
  const call = async (method, route, body) => {
    const r = await fetch(`${url}${route}`, {
      method, headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!r.ok) throw new Error(`${method} ${route}: ${r.status} ${await r.text()}`);
    return r.status === 204 ? null : r.json();
  };
  return {
    url,
    token,
    /** Latency and faults: `{latencyMs, jitterMs, faults: [...], brokenJobs: [...], seed}`. */
    config: (c) => call('PUT', '/_stand-in/config', c),
    /** Every request it saw (never a token: `hasToken` says whether one was sent). */
    requests: () => call('GET', '/_stand-in/requests'),
    clearRequests: () => call('DELETE', '/_stand-in/requests'),
    /** Mints a token: `{user, tenant, ttlSeconds}` (negative for an expired one). */
    mint: async (opts = {}) => (await call('POST', '/_stand-in/token', opts)).token,
    /** Every job it serves, as one bundle (the project's format). */
    exportBundle: async () => {
      const r = await fetch(`${url}/_stand-in/export`);
      return r.text();
    },
    /** Appends a history event to a job (a status event moves the job to that status). */
    addEvent: (uuid, event) => call('POST', `/_stand-in/jobs/${uuid}/events`, event),
    stop: () => new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', resolve);
      child.kill('SIGTERM');
    }),
  };
}

module.exports = { startStandIn };
