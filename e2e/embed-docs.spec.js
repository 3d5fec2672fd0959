// Issue 17: the app embedded in pages built by the real documentation toolchains DesignSafe
// uses, a Jupyter Book (jupyter-book 0.15.1, sphinx-book-theme) and a MkDocs site (MkDocs 1.4,
// mkdocs-tacc), whose pages hold docs/embedding.md's snippets exactly (e2e/docs-sites/,
// built once per run by playwright.config.js's globalSetup) and a stylesheet that sets every
// inherited text property. The sites are served by HOST, the app by SUB: two origins.
const { test, expect, SHOTS } = require('./fixtures');
const fs = require('node:fs');
const path = require('node:path');
const { HOST, SUB } = require('./servers.cjs');
const { snippets } = require('./docs-sites/build.cjs');

const HISTORY = fs.readFileSync(path.join(__dirname, '..',
  'fixtures/tapis/source-ds-history-4dfa35e1-finished-2025.reconstructed.json'), 'utf8');
const DOCS = `${HOST}target/docs-sites/`;
const HOT_PINK = 'rgb(255, 105, 180)'; // e2e/docs-sites/site.css paints every button this colour
const DARK_BG = 'rgb(13, 17, 23)'; // the app's own --bg, light and dark (www/style.css)
const LIGHT_BG = 'rgb(255, 255, 255)';

// sphinx-book-theme's own script says this on a first visit (no mode saved yet).
test.use({ expectedErrors: [/Got invalid theme mode: \. Resetting to auto/] });

/** What the sites' themes load from CDNs: answered empty here (the tests reach no network). */
const OFFSITE = new Set(['cdn.jsdelivr.net', 'load-file.github.io']);

const SITES = {
  'jupyter-book': {
    iframe: 'jupyter-book/iframe.html',
    components: 'jupyter-book/components.html',
    /** The heading docs tools give the id the app's own page uses for its root. */
    heading: '#tapis-job-profiler > h2',
    /** The guide puts the frame in a dropdown: open it. */
    reveal: (page) => page.locator('details.sd-dropdown > summary').click(),
    /** The theme's own light/dark toggle (it cycles light, dark, auto). */
    switchTo: async (page, scheme) => {
      for (let i = 0; i < 3; i += 1) {
        if (await page.evaluate(() => document.documentElement.dataset.theme) === scheme) return;
        await page.locator('button.theme-switch-button:visible').first().click();
      }
      throw new Error(`the book's toggle never reached ${scheme}`);
    },
  },
  mkdocs: {
    iframe: 'mkdocs/iframe/',
    components: 'mkdocs/components/',
    heading: 'h1#tapis-job-profiler',
    reveal: async () => {},
    /** The site's own toggle (on its pages; e2e/docs-sites/site.css has its dark colours). */
    switchTo: async (page, scheme) => {
      const dark = () => page.evaluate(() => document.documentElement.classList.contains('site-dark'));
      if ((await dark()) !== (scheme === 'dark')) await page.locator('#site-theme-toggle').click();
      expect(await dark()).toBe(scheme === 'dark');
    },
  },
};

/** Opens a docs page with the sites' CDN assets answered empty; anything else offsite fails. */
async function open(page, url) {
  const offsite = [];
  await page.context().route((u) => !u.href.startsWith('http://127.0.0.1:'), (route) => {
    const url = new URL(route.request().url());
    offsite.push(url.href);
    if (!OFFSITE.has(url.hostname)) return route.abort();
    const js = url.pathname.endsWith('.js');
    return route.fulfill({ status: 200, contentType: js ? 'text/javascript' : 'text/css',
      body: js ? 'export default function () {}' : '' });
  });
  await page.goto(url);
  return offsite;
}

/** The app's frame in a docs page: the one whose URL is exactly the snippet's, or the sandboxed one. */
function appFrame(page, sandboxed = false) {
  return page.frame({ url: (u) => u.href.startsWith(SUB) && u.search.includes('sample') === sandboxed });
}

/** How the frame sits in the page: its content height against the app's, and scroll bars. */
async function fit(page, frameLocator, frame) {
  const outer = await frameLocator.evaluate((f) => {
    const box = getComputedStyle(f);
    const edges = ['borderTopWidth', 'borderBottomWidth', 'paddingTop', 'paddingBottom']
      .reduce((sum, p) => sum + parseFloat(box[p]), 0);
    return { height: f.getBoundingClientRect().height, edges, boxSizing: box.boxSizing };
  });
  const inner = await frame.evaluate(() => ({
    app: Math.ceil(document.documentElement.getBoundingClientRect().height),
    overflowY: document.documentElement.scrollHeight - innerHeight,
    scrollbar: innerWidth - document.documentElement.clientWidth,
  }));
  return { ...outer, ...inner, content: outer.height - outer.edges };
}

/** The app's root in a frame or a component, and what it is painted with. */
const root = (scope) => scope.locator('.tjp');
const theme = (scope) => root(scope).first().getAttribute('data-theme');
const archiving = (scope) => scope.locator('tr[data-state="ARCHIVING"]');

for (const [site, s] of Object.entries(SITES)) {
  test.describe(site, () => {
    test('the pages hold the guide\'s snippets exactly', async ({ request }) => {
      const all = snippets();
      const pages = { iframe: s.iframe, components: s.components };
      const text = {};
      for (const [name, url] of Object.entries(pages)) text[name] = await (await request.get(DOCS + url)).text();
      const html = (name) => all[name].text;
      if (site === 'jupyter-book') {
        // MyST keeps raw HTML as written, inside the dropdown's body.
        const dropdown = html('jupyter-book-dropdown').split('\n').slice(1, -1).join('\n');
        expect(text.iframe).toContain(dropdown);
        expect(text.iframe).toContain(html('iframe-sandboxed'));
      } else {
        expect(text.iframe).toContain(html('mkdocs-iframe'));
        expect(text.iframe).toContain(`<script src="${SUB}frame.js" defer></script>`);
        expect(all['mkdocs-extra-javascript'].text).toContain(`${SUB}frame.js`);
        const index = await (await request.get(`${DOCS}mkdocs/`)).text();
        expect(index).toContain(html('iframe'));
      }
      expect(text.components).toContain(html('mount'));
      // Both Markdown processors wrap the elements (inline HTML) in a paragraph.
      const elements = html('element').split('\n\n');
      expect(text.components).toContain(elements[0]);
      expect(text.components).toContain(`<p>${elements[1]}</p>`);
    });

    test('iframe: the heading stays, the frame fits the app (border-box, no scroll bar), compact, a paste', async ({ page }) => {
      const offsite = await open(page, DOCS + s.iframe);
      await expect(page.locator(s.heading)).toContainText('Tapis Job Profiler');
      await s.reveal(page);
      const iframe = page.locator('iframe.tapis-job-profiler').first();
      const app = page.frameLocator('iframe.tapis-job-profiler').first();
      // A frame out of view is not laid out (Chromium throttles it): its height follows once
      // it is scrolled to, as a reader does.
      await iframe.scrollIntoViewIfNeeded();
      await expect(app.getByRole('button', { name: 'Load sample data' })).toBeVisible();
      const frame = appFrame(page);
      let last;
      const fits = async () => {
        const f = last = await fit(page, iframe, frame);
        return f.boxSizing === 'border-box' && f.edges > 2 && Math.abs(f.content - f.app) < 1
          && f.overflowY <= 0 && f.scrollbar === 0;
      };
      const fitted = async () => {
        try {
          await expect.poll(fits).toBe(true);
        } catch (e) {
          throw new Error(`the frame is not as tall as the app, or scrolls: ${JSON.stringify(last)}`);
        }
      };
      await fitted();
      const heights = {};
      heights.empty1280 = (await fit(page, iframe, frame)).app;
      expect(heights.empty1280).toBeLessThan(500);

      await app.getByRole('button', { name: 'Load sample data' }).click();
      await expect(archiving(app)).toContainText('215.1');
      await expect.poll(async () => (await fit(page, iframe, frame)).app).toBeGreaterThan(heights.empty1280 + 300);
      await fitted();
      // Compact: one job in about one screen (the whole page is 5,415 px here).
      heights.job1280 = (await fit(page, iframe, frame)).app;
      expect(heights.job1280).toBeLessThanOrEqual(960);

      // A section opens, and the frame grows with it; closed again, it shrinks back.
      await app.locator('details[data-section="recommendations"] > summary').click();
      await expect.poll(async () => (await fit(page, iframe, frame)).app).toBeGreaterThan(heights.job1280 + 300);
      await fitted();
      await app.locator('details[data-section="recommendations"] > summary').click();
      await expect.poll(async () => (await fit(page, iframe, frame)).app).toBe(heights.job1280);

      // At 390 px (the whole page is 9,998 px there).
      await page.setViewportSize({ width: 390, height: 844 });
      await fitted();
      heights.job390 = (await fit(page, iframe, frame)).app;
      expect(heights.job390).toBeLessThanOrEqual(1450);
      expect(await frame.evaluate(() => document.documentElement.scrollWidth - innerWidth)).toBeLessThanOrEqual(0);

      // A paste replaces nothing: it is a second input.
      await app.locator('details[data-section="data"] > summary').click();
      await app.getByLabel(/paste Tapis job data/i).fill(HISTORY);
      await app.getByRole('button', { name: 'Analyse' }).click();
      await expect(app.locator('.input-name')).toContainText(['sample', 'pasted text']);
      await fitted();
      test.info().annotations.push({ type: 'iframe heights (px)', description: JSON.stringify(heights) });
      console.log(`${site}: the app's height in the frame, px: ${JSON.stringify(heights)}`);

      if (site === 'jupyter-book') {
        // The sandboxed frame of §3.4 on the same page: the sample, an opaque origin, sized too.
        const sandboxed = page.frameLocator('iframe[sandbox]');
        await expect(archiving(sandboxed)).toContainText('215.1');
        expect(await appFrame(page, true).evaluate(() => origin)).toBe('null');
        // Sized once laid out (scrolled to, as the first frame is) and told its height.
        const box = page.locator('iframe[sandbox]');
        await box.scrollIntoViewIfNeeded();
        await expect.poll(async () => {
          const f = await fit(page, box, appFrame(page, true));
          return Math.abs(f.content - f.app);
        }).toBeLessThan(1);
      }
      expect(offsite.every((u) => OFFSITE.has(new URL(u).hostname)), offsite.join('\n')).toBe(true);
    });

    test('iframe: the site\'s own toggle turns the app dark and back; theme=light holds', async ({ page }) => {
      await open(page, DOCS + s.iframe);
      await s.reveal(page);
      await page.locator('iframe.tapis-job-profiler').first().scrollIntoViewIfNeeded();
      const app = page.frameLocator('iframe.tapis-job-profiler').first();
      await app.getByRole('button', { name: 'Load sample data' }).click();
      await expect(archiving(app)).toContainText('215.1');
      await expect.poll(() => theme(app)).toBe('light');
      const canvas = () => app.locator('canvas.tl-canvas').evaluate((c) => c.toDataURL());
      const lightCanvas = await canvas();
      await shoot(page, site, 'iframe', 'light');

      await s.switchTo(page, 'dark');
      await expect.poll(() => theme(app)).toBe('dark');
      await expect(root(app)).toHaveCSS('background-color', DARK_BG);
      expect(await page.frameLocator('iframe.tapis-job-profiler').first().locator('html')
        .evaluate((h) => getComputedStyle(h).colorScheme)).toBe('dark');
      await expect.poll(canvas, 'the timeline repainted in the dark palette').not.toBe(lightCanvas);
      await shoot(page, site, 'iframe', 'dark');

      await s.switchTo(page, 'light');
      await expect.poll(() => theme(app)).toBe('light');
      await expect(root(app)).toHaveCSS('background-color', LIGHT_BG);

      // The URL parameter fixes it: light on the dark page.
      await s.switchTo(page, 'dark');
      await page.locator('iframe.tapis-job-profiler').first().evaluate((f) => { f.src += '&theme=light&sample=1'; });
      const fixed = page.frameLocator('iframe.tapis-job-profiler').first();
      await expect(archiving(fixed)).toContainText('215.1');
      await expect.poll(() => theme(fixed)).toBe('light');
      await page.waitForTimeout(300); // the page's background message has arrived by now
      expect(await theme(fixed)).toBe('light');
    });

    test('components: the heading stays, host styles stay out, two apps on a page', async ({ page }) => {
      const offsite = await open(page, DOCS + s.components);
      const mounted = page.locator('#profiler');
      const [byData, sample, full] = [0, 1, 2].map((i) => page.locator('tapis-job-profiler').nth(i));
      await expect(archiving(mounted)).toContainText('215.1');
      await expect(archiving(byData)).toContainText('215.1');
      await expect(archiving(sample)).toContainText('215.1');
      await expect(full.locator('h1'), 'embed="false": the full layout').toHaveText('Tapis Job Profiler');
      // The page's own heading keeps its content: loading embed.js mounted nothing into it.
      await expect(page.locator(s.heading)).toContainText('Tapis Job Profiler');
      expect(await page.locator(s.heading).locator('.tjp').count()).toBe(0);
      await expect(byData.locator('.input-name')).toHaveText(['my-job-history.json']);
      // open: ["overview", "jobs", "recommendations"]
      await expect(mounted.locator('details[data-section="recommendations"]')).toHaveAttribute('open');
      await expect(byData.locator('details[data-section="recommendations"]')).not.toHaveAttribute('open');

      // Every inherited text property the site sets stops at the app's root: each app's text
      // is laid out as on the app's own page, whatever the paragraph around it says.
      const hosts = [mounted.locator('.tapis-job-profiler'), byData, sample, full];
      for (const host of hosts) {
        expect(await host.evaluate((h) => getComputedStyle(h).display), 'the element is a block').toBe('block');
        const look = await host.locator('.tjp').evaluate((tjp) => {
          const p = tjp.querySelector('.embed-title, .page-header p');
          const button = tjp.querySelector('button');
          const pick = (el) => {
            const c = getComputedStyle(el);
            return [c.letterSpacing, c.wordSpacing, c.textAlign, c.textIndent, c.textTransform, c.fontStyle,
              c.fontVariantCaps, c.whiteSpace, c.wordBreak, c.textShadow, c.fontFamily.split(',')[0]].join(' | ');
          };
          return { root: pick(tjp), p: pick(p), button: pick(button), line: getComputedStyle(tjp).lineHeight,
            buttonBackground: getComputedStyle(button).backgroundColor };
        });
        const plain = 'normal | 0px | start | 0px | none | normal | normal | normal | normal | none | system-ui';
        expect(look.root).toBe(plain);
        expect(look.p).toBe(plain);
        expect(look.button.replace(' | start |', ' | center |')).toBe(plain.replace(' | start |', ' | center |'));
        expect(look.line).toBe('23.2px');
        expect(look.buttonBackground).not.toBe(HOT_PINK);
      }
      await shoot(page, site, 'components', 'light');

      // Two apps, each its own: a paste in the full one leaves the others as they were.
      await full.getByLabel(/paste Tapis job data/i).fill(HISTORY);
      await full.getByRole('button', { name: 'Analyse' }).click();
      await expect(archiving(full)).toContainText('215.1');
      await expect(full.locator('.input-name')).toHaveText(['pasted text']);
      await expect(byData.locator('.input-name')).toHaveText(['my-job-history.json']);
      await expect(sample.locator('.input-name')).toContainText(['sample']);
      expect(offsite.every((u) => OFFSITE.has(new URL(u).hostname)), offsite.join('\n')).toBe(true);
    });

    test('components: the site\'s toggle turns them dark and back; theme="dark" holds; setTheme in place', async ({ page }) => {
      await open(page, DOCS + s.components);
      const mounted = page.locator('#profiler');
      const [byData, sample] = [0, 1].map((i) => page.locator('tapis-job-profiler').nth(i));
      await expect(archiving(mounted)).toContainText('215.1');
      await expect(archiving(sample)).toContainText('215.1');
      await expect.poll(() => theme(mounted)).toBe('light');
      expect(await theme(byData)).toBe('light');
      expect(await theme(sample), 'theme="dark" on a light page').toBe('dark');

      await s.switchTo(page, 'dark');
      await expect.poll(() => theme(mounted)).toBe('dark');
      await expect.poll(() => theme(byData)).toBe('dark');
      await expect(root(byData)).toHaveCSS('background-color', DARK_BG);
      await shoot(page, site, 'components', 'dark');

      await s.switchTo(page, 'light');
      await expect.poll(() => theme(byData)).toBe('light');
      expect(await theme(sample)).toBe('dark');
      // Changing the attribute switches the element in place: what it shows stays.
      await sample.locator('details[data-section="data"] > summary').click();
      await sample.getByLabel(/paste Tapis job data/i).fill(HISTORY);
      await sample.getByRole('button', { name: 'Analyse' }).click();
      await expect(sample.locator('.input-name')).toContainText(['sample', 'pasted text']);
      await sample.evaluate((el) => el.setAttribute('theme', 'light'));
      await expect.poll(() => theme(sample)).toBe('light');
      await expect(sample.locator('.input-name')).toContainText(['sample', 'pasted text']);
      await sample.evaluate((el) => el.setAttribute('theme', 'auto'));
      await expect.poll(() => theme(sample)).toBe('light');
      await s.switchTo(page, 'dark');
      await expect.poll(() => theme(sample)).toBe('dark');
    });
  });
}

test('the theme option as mount() and anywidget keys, and setTheme', async ({ page }) => {
  await open(page, `${DOCS}jupyter-book/intro.html`);
  const themes = await page.evaluate(async (app) => {
    const embed = await import(`${app}embed.js`);
    const host = (id) => document.body.appendChild(Object.assign(document.createElement('div'), { id }));
    const seen = (id) => document.getElementById(id).querySelector('.tapis-job-profiler')
      .shadowRoot.querySelector('.tjp').dataset.theme;
    const settle = () => new Promise((r) => setTimeout(r, 100));
    const out = {};
    const mounted = embed.mount(host('m'), { sample: true, theme: 'dark' });
    await mounted.ready;
    await settle();
    out.mount = seen('m');
    mounted.setTheme('light');
    await settle();
    out.setTheme = seen('m');
    // anywidget: the model's keys, and a change of its theme.
    const values = { sample: true, theme: 'dark' };
    const handlers = {};
    const model = { get: (k) => values[k], on: (e, f) => { handlers[e] = f; }, off: (e) => { delete handlers[e]; } };
    const cleanup = embed.default.render({ model, el: host('w') });
    for (let i = 0; i < 100 && !document.querySelector('#w .tapis-job-profiler')?.shadowRoot.querySelector('.tjp'); i += 1) {
      await settle();
    }
    out.anywidget = seen('w');
    values.theme = 'light';
    handlers['change:theme']();
    await settle();
    out.anywidgetChanged = seen('w');
    cleanup();
    out.unsubscribed = !handlers['change:theme'];
    return out;
  }, SUB);
  expect(themes).toEqual({ mount: 'dark', setTheme: 'light', anywidget: 'dark', anywidgetChanged: 'light', unsubscribed: true });
});

/** Screenshots of a docs page at 1280 and 390 px (the viewport is restored after). */
async function shoot(page, site, kind, scheme) {
  const viewport = page.viewportSize();
  for (const [width, height] of [[1280, 900], [390, 844]]) {
    await page.setViewportSize({ width, height });
    await page.waitForTimeout(300); // the frame's height message, a repaint
    const target = kind === 'iframe' ? page.locator('iframe.tapis-job-profiler').first() : page.locator('#profiler');
    await target.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: path.join(SHOTS, `docs-${site}-${kind}-${scheme}-${width}.png`) });
  }
  await page.setViewportSize(viewport);
}
