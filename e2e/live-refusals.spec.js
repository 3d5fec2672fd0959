// No token to a host that is not a tenant, whoever's CSP applies: the shipped build (APP,
// dist/) refuses a loopback or foreign tenant in the app itself, on its own page and as a
// component of a page with no CSP at all (as the attack did: the token went out
// there); its CSPs name no loopback. And when a first request meets the page's CSP, CORS or
// no network, it is not retried and the panel says which (the loopback build, TEST_APP).
const { test, expect, SHOTS } = require('./fixtures');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { APP, HOST, SUB, TEST_APP } = require('./servers.cjs');

const ROOT = path.join(__dirname, '..');

/** Fills the connect form in `root` (a page or a component's locator) and presses Connect. */
async function connect(root, url, id, token) {
  await root.getByLabel('Tenant', { exact: true }).fill(url);
  await root.getByLabel('Tenant id').fill(id);
  await root.getByLabel('Access token').fill(token);
  await root.getByRole('button', { name: 'Connect' }).click();
}

/** Every request the page makes that carries a token, by URL. */
function tokensSent(page) {
  const sent = [];
  page.on('request', async (r) => {
    if ((await r.allHeaders())['x-tapis-token']) sent.push(r.url());
  });
  return sent;
}

test('the shipped build refuses the stand-in on its own page, and its CSPs name no loopback', async ({ page, standIn }) => {
  const sent = tokensSent(page);
  await page.goto(APP);
  await page.locator('details.live-panel > summary').click();
  await connect(page, standIn.url, 'designsafe', standIn.token);
  await expect(page.getByRole('alert')).toContainText('This build sends tokens only to Tapis tenants');
  await connect(page, standIn.url.replace('http:', 'https:'), 'designsafe', standIn.token);
  await expect(page.getByRole('alert')).toContainText('This build sends tokens only to Tapis tenants');
  await connect(page, 'https://tapis.example.org', 'designsafe', standIn.token);
  await expect(page.getByRole('alert')).toContainText('nothing is sent');
  expect((await standIn.requests()).filter((r) => r.path.startsWith('/v3/')), 'nothing reached the stand-in').toEqual([]);
  expect(sent).toEqual([]);

  const csp = (html) => /Content-Security-Policy" content="([^"]*)"/.exec(html)[1];
  for (const file of ['index.html', 'tapis-job-profiler.html']) {
    const policy = csp(fs.readFileSync(path.join(ROOT, 'dist', file), 'utf8'));
    expect(policy, `dist/${file}`).toMatch(/connect-src [^;]*https:\/\/\*\.tapis\.io/);
    expect(policy, `dist/${file}`).not.toMatch(/127\.0\.0\.1|localhost/);
  }
  const served = csp(await (await page.request.get(APP)).text());
  expect(served).not.toMatch(/127\.0\.0\.1|localhost/);
  // The test build's CSP does name loopback (the stand-in is its tenant).
  expect(csp(fs.readFileSync(path.join(ROOT, 'target', 'test-dist', 'index.html'), 'utf8')))
    .toMatch(/connect-src 'self' https:\/\/\*\.tapis\.io http:\/\/127\.0\.0\.1:\* http:\/\/localhost:\* https:\/\/127\.0\.0\.1:\* https:\/\/localhost:\*;/);
});

test('as a component of a page with no CSP, the shipped build still sends no token to a foreign host', async ({ page, standIn }) => {
  const sent = tokensSent(page);
  await page.goto(`${HOST}e2e/hosts/components.html?app=${encodeURIComponent(SUB)}`);
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'yes');
  const component = page.locator('#el-empty');
  await component.locator('details.live-panel > summary').click();
  for (const url of [standIn.url, standIn.url.replace('http:', 'https:'), 'https://tapis.example.org']) {
    await component.getByLabel('Tenant', { exact: true }).fill(url);
    await expect(component.locator('#live-url-note')).toContainText(/nothing is sent|only to Tapis tenants/);
    await connect(component, url, 'designsafe', standIn.token);
    await expect(component.getByRole('alert')).toContainText(/nothing is sent|only to Tapis tenants/);
  }
  await expect(component.locator('.live-warning')).toContainText("That page's own scripts can read what is typed here");
  expect((await standIn.requests()).filter((r) => r.path.startsWith('/v3/')), 'nothing reached the stand-in').toEqual([]);
  expect(sent).toEqual([]);
  await component.screenshot({ path: path.join(SHOTS, 'live-component-refused-1280.png') });
});

test.describe('a first request that meets CORS, no network or the host page\'s CSP', () => {
  // The browser logs each refusal as an error: that is the point here.
  test.use({ expectedErrors: [/Failed to load resource|CORS|Content Security Policy|ERR_CONNECTION_REFUSED/] });

  test('is not retried, and the panel says which it was and what to do', async ({ page, standIn }) => {
    const asked = [];
    page.on('request', (r) => asked.push(r.url()));
    await page.goto(TEST_APP);
    await page.locator('details.live-panel > summary').click();

    // CORS: the host-pages server answers, but not a preflight for X-Tapis-Token.
    const cors = HOST.replace(/\/$/, '');
    await connect(page, cors, 'designsafe', standIn.token);
    await expect(page.getByRole('alert')).toContainText(`${cors} answered, but without the CORS headers`);
    await expect(page.getByRole('button', { name: /List (my jobs|again)/ })).toBeEnabled();

    // No network: a port nobody listens on.
    const closed = await new Promise((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
    });
    const nowhere = `http://127.0.0.1:${closed}`;
    await page.getByRole('button', { name: 'Forget token' }).click();
    await connect(page, nowhere, 'designsafe', standIn.token);
    await expect(page.getByRole('alert')).toContainText(`No answer from ${nowhere}`);
    await page.waitForTimeout(1_500); // a retry would have gone out by now (backoff 0.25–0.5 s)
    const tries = (base) => asked.filter((u) => u.startsWith(`${base}/v3/`));
    expect(tries(cors).length, 'one request and one token-free probe').toBeLessThanOrEqual(2);
    expect(tries(nowhere).length, 'one request and one token-free probe').toBeLessThanOrEqual(2);
    await page.locator('details.live-panel').screenshot({ path: path.join(SHOTS, 'live-unreachable-1280.png') });

    // The host page's CSP: the loopback build as a component of a page that allows only
    // the app's own origin (e2e/hosts/strict-csp.html), so the page blocks the stand-in,
    // not the app.
    await page.goto(`${HOST}e2e/hosts/strict-csp.html?app=${encodeURIComponent(TEST_APP)}`);
    await expect(page.locator('body')).toHaveAttribute('data-ready', 'yes');
    const component = page.locator('tapis-job-profiler');
    await component.locator('details.live-panel > summary').click();
    await connect(component, standIn.url, 'designsafe', standIn.token);
    await expect(component.getByRole('alert')).toContainText(`The browser did not let this page connect to ${standIn.url}`);
    expect((await standIn.requests()).filter((r) => r.path.startsWith('/v3/')), 'the CSP stopped it in the browser').toEqual([]);
  });
});
