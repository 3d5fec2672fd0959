// Shared test fixtures: a `page` that fails the test if the app logs an error or throws.
const base = require('@playwright/test');
const path = require('node:path');

const test = base.test.extend({
  page: async ({ page }, use) => {
    const errors = [];
    page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
    await use(page);
    base.expect(errors, 'errors in the page console').toEqual([]);
  },
});

/** Where screenshots go (git-ignored); look at them after a run. */
const SHOTS = path.join(__dirname, 'screenshots');

module.exports = { test, expect: base.expect, SHOTS };
