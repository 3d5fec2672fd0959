// Issue 6 as a person (or a documentation page) meets it: the app embedded on another
// origin by iframe, by mount() and as <tapis-job-profiler>; two components on one page;
// the offline single file from file://; the site under a sub-path; and its CSP.
const { test, expect, SHOTS } = require('./fixtures');
const fs = require('node:fs');
const path = require('node:path');
const { APP, HOST, SUB } = require('./servers.cjs');
const { synth } = require('./core.cjs');

const FIXTURE_PATH = 'fixtures/tapis/source-ds-history-4dfa35e1-finished-2025.reconstructed.json';
const HISTORY = fs.readFileSync(path.join(__dirname, '..', FIXTURE_PATH), 'utf8');
const SINGLE_FILE = path.join(__dirname, '..', 'dist', 'tapis-job-profiler.html');
const HOT_PINK = 'rgb(255, 105, 180)'; // e2e/hosts/host.css paints every button this colour

const archiving = (scope) => scope.locator('tr[data-state="ARCHIVING"]');
const shot = (page, name) => page.screenshot({ path: path.join(SHOTS, name), fullPage: true });

test.describe('iframe on another origin', () => {
  test('shows the compact app and sizes itself through height messages', async ({ page }) => {
    await page.addInitScript(() => {
      window.heightMessages = [];
      addEventListener('message', (e) => window.heightMessages.push({ origin: e.origin, data: e.data }));
    });
    await page.goto(`${HOST}e2e/hosts/iframe.html?app=${encodeURIComponent(APP)}`);
    const iframe = page.locator('iframe.tapis-job-profiler');
    const app = page.frameLocator('iframe.tapis-job-profiler');
    await expect(app.getByRole('button', { name: 'Load sample data' })).toBeVisible();
    await expect(app.locator('h1'), 'no page header when embedded').toHaveCount(0);
    await expect(app.locator('.embed-title')).toContainText('Tapis Job Profiler');

    const frame = page.frame({ url: (u) => u.href.startsWith(APP) });
    const contentHeight = () => frame.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
    const frameHeight = () => iframe.evaluate((f) => f.getBoundingClientRect().height - 2); // 1 px border
    await expect.poll(frameHeight).toBe(await contentHeight());
    const before = await frameHeight();
    // Compact: the ways in (a short paste box) and Live from Tapis' one summary line.
    expect(before).toBeLessThan(500);

    await app.getByRole('button', { name: 'Load sample data' }).click();
    await expect(archiving(app)).toContainText('215.1');
    await expect.poll(frameHeight).toBeGreaterThan(before + 300);
    expect(await frameHeight()).toBe(await contentHeight());
    expect(await frame.evaluate(() => document.documentElement.scrollHeight - innerHeight),
      'the frame shows all of the app: no scroll bar inside').toBeLessThanOrEqual(0);

    const messages = await page.evaluate(() => window.heightMessages);
    expect(messages.length).toBeGreaterThanOrEqual(2);
    for (const m of messages) {
      expect(m.origin).toBe(new URL(APP).origin);
      expect(Object.keys(m.data).sort()).toEqual(['height', 'type']);
      expect(m.data.type).toBe('tapis-job-profiler:height');
      expect(Number.isInteger(m.data.height)).toBe(true);
    }
    await shot(page, 'embed-iframe-1280.png');
  });

  test('works sandboxed (an opaque origin, no storage, nothing the host can script)', async ({ page }) => {
    await page.goto(`${HOST}e2e/hosts/iframe.html?app=${encodeURIComponent(APP)}&q=sample=1&sandbox=1`);
    const app = page.frameLocator('iframe.tapis-job-profiler');
    await expect(archiving(app)).toContainText('215.1');
    // With the sample loaded, the data section (and its Analyse button) is closed.
    const analyse = app.getByRole('button', { name: 'Analyse', includeHidden: true });
    expect(await analyse.evaluate((b) => getComputedStyle(b).backgroundColor), 'style.css applied')
      .toBe('rgb(11, 98, 196)');
    const frame = page.frame({ url: (u) => u.href.startsWith(APP) });
    expect(await frame.evaluate(() => origin)).toBe('null');
    expect(await frame.evaluate(() => { try { return typeof localStorage; } catch { return 'refused'; } }))
      .toBe('refused');
    expect(await page.locator('iframe').evaluate((f) => f.contentDocument)).toBeNull();
    await expect.poll(() => page.locator('iframe').evaluate((f) => f.getBoundingClientRect().height))
      .toBeGreaterThan(700);
  });

  test('fits a 360 px wide page without sideways scrolling', async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 780 });
    await page.goto(`${HOST}e2e/hosts/iframe.html?app=${encodeURIComponent(APP)}&q=sample=1`);
    const app = page.frameLocator('iframe.tapis-job-profiler');
    await expect(archiving(app)).toContainText('215.1');
    const frame = page.frame({ url: (u) => u.href.startsWith(APP) });
    expect(await frame.evaluate(() => document.documentElement.scrollWidth - innerWidth),
      'the app scrolls sideways inside the frame').toBeLessThanOrEqual(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - innerWidth),
      'the host page scrolls sideways').toBeLessThanOrEqual(0);
    await shot(page, 'embed-iframe-360.png');
  });
});

test.describe('components on another origin', () => {
  async function open(page) {
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`${HOST}e2e/hosts/components.html?app=${encodeURIComponent(SUB)}`);
    await expect(page.locator('body')).toHaveAttribute('data-ready', 'yes');
    return requests;
  }

  test('the element, mount() and render() each show a profile, from files next to embed.js', async ({ page }) => {
    const requests = await open(page);
    const byData = page.locator('#el-data');
    await expect(archiving(byData)).toContainText('215.1');
    await expect(byData.locator('.input-name')).toContainText(FIXTURE_PATH);
    await expect(byData.locator('.tjp')).toHaveAttribute('data-tenant', 'https://designsafe.tapis.io');
    await expect(byData.locator('h1'), 'components are compact by default').toHaveCount(0);
    await expect(archiving(page.locator('#mount-a'))).toContainText('215.1');
    await expect(page.locator('#mount-b h1'), 'embed: false gives the full layout').toHaveCount(1);
    await expect(archiving(page.locator('#widget'))).toContainText('215.1');

    // The host's <base> and CSS do not matter: files come from the app's folder, once.
    // The wasm, and its part with the views of a report (a split build: tools/split.cjs).
    const wasm = requests.filter((u) => u.endsWith('.wasm'));
    expect(wasm).toEqual([`${SUB}tapis-job-profiler_bg.wasm`, `${SUB}split_report_views.wasm`]);
    expect(requests.filter((u) => u.includes('/unrelated/'))).toEqual([]);
    const button = byData.getByRole('button', { name: 'Analyse', includeHidden: true });
    expect(await button.evaluate((b) => getComputedStyle(b).backgroundColor)).not.toBe(HOT_PINK);
    await shot(page, 'embed-components-1280.png');

    // A component follows its own width (container queries), here a phone's.
    await page.setViewportSize({ width: 390, height: 900 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - innerWidth),
      'the page scrolls sideways').toBeLessThanOrEqual(0);
    await byData.screenshot({ path: path.join(SHOTS, 'embed-components-390.png') });
  });

  test('two components on one page are independent', async ({ page }) => {
    await open(page);
    const one = page.locator('#el-data');
    const two = page.locator('#el-empty');
    await expect(archiving(one)).toContainText('215.1');
    await expect(two.locator('.job-detail')).toHaveCount(0);

    // A job's detail takes the focus and gives it back, inside the component's shadow root.
    const job = one.locator('.tl-table tbody tr').first().getByRole('button');
    await job.click();
    await expect(one.locator('.job-detail h2')).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(one.locator('.job-detail')).toHaveCount(0);
    await expect(job).toBeFocused();
    await job.click();
    // Yew may run the focus effect a task after the click (it yields every 16 ms): wait for
    // it, or it can take the focus from the other paste box between the fill's focus and its
    // typing, and the text goes nowhere (CI, 2026-12-06).
    await expect(one.locator('.job-detail h2')).toBeFocused();

    // Each has its own paste box (same id, separate shadow roots) and its own state.
    await two.getByLabel(/paste Tapis job data/i).fill('[{"event": oops}]');
    await expect(two.getByLabel(/paste Tapis job data/i)).toHaveValue('[{"event": oops}]');
    await two.getByRole('button', { name: 'Analyse' }).click();
    await expect(two.getByRole('alert')).toContainText('not valid JSON');
    await expect(one.getByRole('alert')).toHaveCount(0);
    await expect(archiving(one)).toContainText('215.1');

    await two.getByLabel(/paste Tapis job data/i).fill(HISTORY);
    await two.getByRole('button', { name: 'Analyse' }).click();
    await expect(archiving(two)).toContainText('215.1');
    await expect(one.locator('.input-name')).toContainText(FIXTURE_PATH);
    await expect(two.locator('.input-name')).toHaveText(['pasted text']);

    // Taking one away leaves the other working.
    await page.evaluate(() => { window.handles.a.destroy(); window.handles.cleanup(); });
    await expect(page.locator('#mount-a')).toBeEmpty();
    await expect(page.locator('#widget')).toBeEmpty();
    await one.evaluate((el) => el.remove());
    // Compact: with jobs loaded, the data section is one line until opened.
    await two.locator('details[data-section="data"] > summary').click();
    await two.getByRole('button', { name: 'Load sample data' }).click();
    await expect(two.locator('.input-name').last()).toContainText('sample');
    await expect(archiving(page.locator('#mount-b'))).toHaveCount(0);

    // A component destroyed while its data is still on the way: the answer is dropped.
    let answer;
    await page.route('**/slow/history.json', (route) => { answer = route; });
    await page.evaluate(async () => {
      const { mount } = await import(new URL('embed.js', new URLSearchParams(location.search).get('app')).href);
      const slow = mount(document.getElementById('mount-a'), { dataUrl: '/slow/history.json' });
      await slow.ready;
      slow.destroy();
    });
    await expect.poll(() => answer !== undefined).toBe(true);
    await answer.fulfill({ status: 200, contentType: 'application/json', body: HISTORY });
    await expect(page.locator('#mount-a')).toBeEmpty();
    await two.getByRole('button', { name: 'Analyse' }).click();
    await expect(archiving(two)).toContainText('215.1');
  });
});

test.describe('a large file in a component', () => {
  // 4.7 MB: a file the app parses in a worker where it can start one (src/edge/parse_worker.rs).
  let file;
  test.beforeAll(() => { file = synth(1500, 12); });
  const jobs = (scope) => scope.locator('[data-figure="jobs"] .value');

  test('from another origin, it is parsed on the host page (no worker may start there)', async ({ page }) => {
    const workers = [];
    page.on('worker', (w) => workers.push(w.url()));
    const warnings = [];
    page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
    await page.goto(`${HOST}e2e/hosts/components.html?app=${encodeURIComponent(SUB)}`);
    await expect(page.locator('body')).toHaveAttribute('data-ready', 'yes');
    const empty = page.locator('#el-empty');
    await empty.getByLabel('Choose files…').setInputFiles(file);
    await expect(jobs(empty)).toHaveText('1,500');
    expect(workers).toEqual([]);
    expect(warnings.join('\n')).toContain('parsing files on the page\'s own thread');
  });

  test('from its own origin, it is parsed in the worker next to embed.js', async ({ page }) => {
    const workers = [];
    page.on('worker', (w) => workers.push(w.url()));
    await page.goto(SUB);
    await page.evaluate(async () => {
      const { mount } = await import('./embed.js');
      const host = document.body.appendChild(document.createElement('div'));
      host.id = 'component';
      await mount(host, {}).ready;
    });
    const component = page.locator('#component');
    await component.getByLabel('Choose files…').setInputFiles(file);
    await expect(jobs(component)).toHaveText('1,500');
    expect(workers).toEqual([`${SUB}worker.js`]);
  });
});

test('the single file works from file:// with no network at all', async ({ page, context }) => {
  const requests = [];
  context.on('request', (r) => requests.push(r.url()));
  await context.setOffline(true);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`file://${SINGLE_FILE}`);
  await page.getByLabel(/paste Tapis job data/i).fill(HISTORY);
  await page.getByRole('button', { name: 'Analyse' }).click();
  await expect(archiving(page)).toContainText('215.1');
  await expect(page.locator('tr[data-state="TOTAL"]')).toContainText('334.7');
  await shot(page, 'single-file-390.png');
  // A large file too: no worker runs from file://, so the page parses it itself.
  await page.getByLabel('Choose files…').setInputFiles(synth(1500, 13));
  await expect(page.locator('[data-figure="jobs"] .value')).toHaveText('1,501');
  expect(requests, 'requests besides the file itself').toEqual([`file://${SINGLE_FILE}`]);
});

test('the site works under a sub-path', async ({ page }) => {
  const responses = [];
  page.on('response', (r) => responses.push(`${r.status()} ${r.url()}`));
  await page.goto(SUB);
  await page.getByRole('button', { name: 'Load sample data' }).click();
  await expect(archiving(page)).toContainText('215.1');
  expect(responses.length).toBeGreaterThanOrEqual(5);
  for (const r of responses) expect(r).toMatch(new RegExp(`^200 ${SUB}`));
});

test.describe('the CSP', () => {
  // One pattern: test.use reads a two-item array as [value, options].
  test.use({ expectedErrors: [
    /violates the (following|document's) Content Security Policy|requires 'Trusted(Script|HTML|ScriptURL)' assignment/] });

  test('lets the app reach Tapis tenants, nothing else (no loopback in the shipped build)', async ({ page }) => {
    const reached = [];
    for (const host of ['https://designsafe.tapis.io/**', 'https://example.org/**', 'https://designsafe.tapis.io.example.org/**']) {
      await page.route(host, (route) => {
        reached.push(route.request().url());
        route.fulfill({ status: 200, headers: { 'access-control-allow-origin': '*' }, body: '{}' });
      });
    }
    await page.goto('./');
    // The shipped build reaches no loopback address: the local stand-in tenant is for the
    // development and test builds (target/test-dist, e2e/live-refusals.spec.js).
    const otherLoopback = `http://127.0.0.2:${new URL(HOST).port}/${FIXTURE_PATH}`;
    const results = await page.evaluate(async (urls) => {
      const violations = [];
      addEventListener('securitypolicyviolation', (e) => violations.push(`${e.effectiveDirective} ${e.blockedURI}`));
      const out = {};
      for (const url of urls) {
        out[url] = await fetch(url).then((r) => `ok ${r.status}`, () => 'blocked');
      }
      // Trusted Types: a string never becomes script or HTML, and only the worker's URL passes.
      const refused = (f) => { try { f(); return 'allowed'; } catch (e) { return e.name; } };
      const sinks = {
        scriptText: refused(() => { document.createElement('script').textContent = 'window.injected = true'; }),
        innerHTML: refused(() => { document.createElement('div').innerHTML = '<img src=x onerror=alert(1)>'; }),
        scriptSrc: refused(() => { document.createElement('script').src = '/evil.js'; }),
        otherWorker: refused(() => new Worker('tapis-job-profiler.js', { type: 'module' }).terminate()),
        ownWorker: refused(() => new Worker('worker.js', { type: 'module' }).terminate()),
      };
      // Without Trusted Types in the way, the inline script itself is refused by script-src.
      const script = document.createElement('script');
      script.appendChild(document.createTextNode('window.injected = true'));
      document.body.append(script);
      await new Promise((r) => setTimeout(r, 50));
      return { out, violations, sinks, injected: window.injected === true };
    }, ['https://designsafe.tapis.io/v3/jobs/list', 'https://example.org/x',
        'https://designsafe.tapis.io.example.org/x', otherLoopback, `${HOST}${FIXTURE_PATH}`]);

    expect(results.out).toEqual({
      'https://designsafe.tapis.io/v3/jobs/list': 'ok 200',
      'https://example.org/x': 'blocked',
      'https://designsafe.tapis.io.example.org/x': 'blocked',
      [otherLoopback]: 'blocked',
      [`${HOST}${FIXTURE_PATH}`]: 'blocked',
    });
    expect(reached, 'only the tenant request left the page').toEqual(['https://designsafe.tapis.io/v3/jobs/list']);
    expect(results.violations).toEqual(expect.arrayContaining([
      'connect-src https://example.org/x', 'connect-src https://designsafe.tapis.io.example.org/x',
      `connect-src ${otherLoopback}`, `connect-src ${HOST}${FIXTURE_PATH}`]));
    expect(results.injected, 'an injected inline script ran').toBe(false);
    expect(results.sinks).toEqual({ scriptText: 'TypeError', innerHTML: 'TypeError', scriptSrc: 'TypeError',
      otherWorker: 'TypeError', ownWorker: 'allowed' });
    expect(results.violations).toEqual(expect.arrayContaining(['require-trusted-types-for trusted-types-sink']));
  });

  test('a data URL on another site is refused, and the app says so', async ({ page }) => {
    const elsewhere = `https://example.org/${FIXTURE_PATH}`;
    await page.goto(`./?data-url=${encodeURIComponent(elsewhere)}`);
    await expect(page.getByRole('alert')).toContainText('could not fetch it');
    await expect(page.locator('.job-detail')).toHaveCount(0);
    await expect(page.locator('.input-name')).toHaveText([elsewhere]);
    await page.getByRole('button', { name: 'Load sample data' }).click();
    await expect(archiving(page)).toContainText('215.1');
  });
});
