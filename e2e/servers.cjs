// The loopback servers the end-to-end tests use (started by playwright.config.js), all
// serving with e2e/serve.cjs. Four origins, so that hosts are cross-origin to the app:
//   APP   the release build, dist/, at the root (the page as deployed on its own site)
//   SUB   the same dist/ under a sub-path (a GitHub Pages project site, say)
//   HOST  the repository root: the host pages in e2e/hosts/ and the fixtures
//   TEST_APP  the loopback variant of the release build, target/test-dist/ (./x test builds
//         it): the same app, which may also reach a stand-in tenant on loopback
const crypto = require('node:crypto');
const path = require('node:path');

// TJP_E2E_PORT, or a block of four ports derived from this checkout's path, so that runs
// in several checkouts of the repository on one machine (git worktrees) do not collide.
const checkout = crypto.createHash('sha1').update(path.resolve(__dirname, '..')).digest();
const PORT = Number(process.env.TJP_E2E_PORT || 4200 + (checkout.readUInt16BE(0) % 450) * 4);
const SUB_PATH = '/deep/sub/path/';

module.exports = {
  PORT,
  SUB_PATH,
  APP: `http://127.0.0.1:${PORT}/`,
  HOST: `http://127.0.0.1:${PORT + 1}/`,
  SUB: `http://127.0.0.1:${PORT + 2}${SUB_PATH}`,
  TEST_APP: `http://127.0.0.1:${PORT + 3}/`,
};
