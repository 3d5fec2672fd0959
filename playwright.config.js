// End-to-end tests: the release build in dist/, served on loopback, driven in Debian's
// Chromium (Playwright never downloads a browser here). See e2e/servers.cjs for the origins.
const { defineConfig } = require('@playwright/test');
const { PORT, SUB_PATH, APP, HOST, SUB, TEST_APP } = require('./e2e/servers.cjs');

const server = (args, url) => ({
  command: `node e2e/serve.cjs ${args}`, url, reuseExistingServer: false, timeout: 30_000,
});

module.exports = defineConfig({
  testDir: 'e2e',
  // Builds the Jupyter Book and the MkDocs site with the guide's snippets (e2e/docs-sites/),
  // once per run; a second run with the same inputs only compares a hash.
  globalSetup: './e2e/docs-sites/build.cjs',
  outputDir: 'target/playwright',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: true,
  workers: 2,
  forbidOnly: true,
  reporter: [['list']],
  use: {
    baseURL: APP,
    viewport: { width: 1280, height: 900 },
    launchOptions: {
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
             '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  webServer: [
    server(`dist ${PORT}`, APP),
    server(`. ${PORT + 1}`, `${HOST}e2e/hosts/iframe.html`),
    server(`dist ${PORT + 2} ${SUB_PATH}`, SUB),
    server(`target/test-dist ${PORT + 3}`, TEST_APP),
  ],
});
