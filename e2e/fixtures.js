// Shared test fixtures: a `page` that fails the test if the app (or a frame in it) logs an
// error or throws, except for errors the test provokes on purpose (`expectedErrors`).
const base = require('@playwright/test');
const path = require('node:path');

const test = base.test.extend({
  /** Console errors this test provokes on purpose (e.g. CSP refusals), as regexps. */
  expectedErrors: [[], { option: true }],
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
