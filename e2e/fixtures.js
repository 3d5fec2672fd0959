// Shared test fixtures: a `page` that fails the test if the app (or a frame in it) logs an
// error or throws, except for errors the test provokes on purpose (`expectedErrors`).
const base = require('@playwright/test');
const path = require('node:path');
const { startStandIn } = require('./stand-in.cjs');

const test = base.test.extend({
  /** Console errors this test provokes on purpose (e.g. CSP refusals), as regexps. */
  expectedErrors: [[], { option: true }],
  /** Command-line options of this test's own Tapis stand-in (`standIn`). */
  standInArgs: [['--synthetic', '20', '--seed', '5'], { option: true }],
  /** A Tapis stand-in on loopback for this test alone, stopped afterwards (e2e/stand-in.cjs). */
  standIn: async ({ standInArgs }, use) => {
    const standIn = await startStandIn(standInArgs);
    await use(standIn);
    await standIn.stop();
  },
  page: async ({ page, expectedErrors }, use) => {
    const errors = [];
    page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
    await use(page);
    const unexpected = errors.filter((e) => !expectedErrors.some((re) => re.test(e)));
    base.expect(unexpected, 'errors in the page console').toEqual([]);
  },
});

/** Where screenshots go (git-ignored); look at them after a run. */
const SHOTS = path.join(__dirname, 'screenshots');

module.exports = { test, expect: base.expect, SHOTS };
