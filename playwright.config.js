// End-to-end tests: the release build in dist/, served on loopback, driven in Debian's
// Chromium (Playwright never downloads a browser here).
const { defineConfig } = require('@playwright/test');

const PORT = Number(process.env.TJP_E2E_PORT || 4173);

module.exports = defineConfig({
  testDir: 'e2e',
  outputDir: 'target/playwright',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: true,
  workers: 2,
  forbidOnly: true,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    viewport: { width: 1280, height: 900 },
    launchOptions: {
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
             '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  webServer: {
    command: `node e2e/serve.cjs dist ${PORT}`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: false,
    timeout: 30_000,
  },
});
