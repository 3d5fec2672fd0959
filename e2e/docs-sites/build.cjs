// Builds the two documentation sites the embedding tests drive (e2e/embed-docs.spec.js):
// a Jupyter Book (jupyter-book 0.15.1, sphinx-book-theme) and a MkDocs site (MkDocs 1.4,
// mkdocs-tacc's tacc_readthedocs theme), as DesignSafe builds its training books and its
// User Guide, into target/docs-sites/{jupyter-book,mkdocs}/. The HOST server serves them;
// their pages load the app from the SUB server (e2e/servers.cjs), another origin.
//
// Their pages hold the snippets of docs/embedding.md exactly as written there: each snippet
// is a fenced block after a `<!-- snippet: NAME -->` line, and a line `<!-- snippet: NAME -->`
// (or `# snippet: NAME` in YAML) in a page here is replaced by it, with only
// `https://APP-HOST/tapis-job-profiler/` replaced by the app's test URL. Every snippet of the
// guide must be used by a site unless its marker says "not built", and every HTML, Markdown
// or YAML block of the guide must be a snippet, so no advice escapes the test.
//
// Playwright runs this once per test run (playwright.config.js, globalSetup); a second run
// with the same inputs (the guide, these sources, the fixture, the app's URL, the Python
// tools) only compares a hash. The Python tools come from the project's venv, which `./x`
// installs (TJP_TOOLS, as in ./x). Run by hand: node e2e/docs-sites/build.cjs
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { SUB } = require('../servers.cjs');

const ROOT = path.resolve(__dirname, '../..');
const GUIDE = path.join(ROOT, 'docs/embedding.md');
const FIXTURE = path.join(ROOT, 'fixtures/tapis/source-ds-history-4dfa35e1-finished-2025.reconstructed.json');
const OUT = path.join(ROOT, 'target/docs-sites');
const PLACEHOLDER = 'https://APP-HOST/tapis-job-profiler/';
const TOOLS = process.env.TJP_TOOLS
  || path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'tapis-job-profiler/tools');
const VENV = path.join(TOOLS, 'venv');

/** The site folders here, where each one's data file and stylesheet go, and how to build it. */
const SITES = {
  'jupyter-book': {
    data: 'extra/my-job-history.json', // html_extra_path: next to the pages
    css: '_static/site.css', // Jupyter Book adds every _static/*.css to every page
    build: (src, out) => {
      run('jupyter-book', ['build', src, '--warningiserror', '--keep-going', '--quiet']);
      fs.renameSync(path.join(src, '_build/html'), out);
    },
  },
  mkdocs: {
    data: 'docs/components/my-job-history.json', // the components page is components/index.html
    css: 'docs/css/site.css',
    build: (src, out) => run('mkdocs', ['build', '--strict', '--quiet', '-f', path.join(src, 'mkdocs.yml'), '-d', out]),
  },
};

function run(tool, args) {
  const exe = path.join(VENV, 'bin', tool);
  if (!fs.existsSync(exe)) throw new Error(`docs sites: ${exe} is missing; run ./x setup test`);
  try {
    execFileSync(exe, args, { cwd: ROOT, stdio: 'pipe', env: { ...process.env, PYTHONWARNINGS: 'ignore' } });
  } catch (e) {
    throw new Error(`docs sites: ${tool} ${args.join(' ')} failed:\n${e.stdout}\n${e.stderr}`);
  }
}

/**
 * The guide's snippets: name → { text, built }, the text with the app's URL in place of
 * APP-HOST. Fails if an HTML, Markdown or YAML block has no snippet marker.
 */
function snippets(appUrl = SUB) {
  const guide = fs.readFileSync(GUIDE, 'utf8');
  const out = {};
  const block = /(?:<!-- snippet: ([\w-]+)( \(not built[^)]*\))? -->\n)?(`{3,})(\w*)\n([\s\S]*?)\n\3\n/g;
  for (const [, name, notBuilt, , lang, body] of guide.matchAll(block)) {
    if (!name) {
      if (['html', 'md', 'yaml'].includes(lang)) {
        throw new Error(`docs/embedding.md: a ${lang} block without a snippet marker:\n${body}`);
      }
      continue;
    }
    if (out[name]) throw new Error(`docs/embedding.md: two snippets named ${name}`);
    out[name] = { text: body.split(PLACEHOLDER).join(appUrl), built: !notBuilt };
    if (/APP-HOST/.test(out[name].text)) throw new Error(`snippet ${name}: APP-HOST other than ${PLACEHOLDER}`);
  }
  return out;
}

/** Copies `from` to `to`, filling snippet lines in text files; returns the snippets used. */
function fill(from, to, all) {
  const used = new Set();
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const [src, dst] = [path.join(from, entry.name), path.join(to, entry.name)];
    if (entry.isDirectory()) {
      fill(src, dst, all).forEach((n) => used.add(n));
      continue;
    }
    const text = fs.readFileSync(src, 'utf8').replace(/^(?:<!-- snippet: ([\w-]+) -->|# snippet: ([\w-]+))$/gm,
      (_, a, b) => {
        const name = a || b;
        if (!all[name]?.built) throw new Error(`${path.relative(ROOT, src)}: no built snippet named ${name} in the guide`);
        used.add(name);
        return all[name].text;
      });
    fs.writeFileSync(dst, text);
  }
  return used;
}

function fingerprint(appUrl) {
  const hash = crypto.createHash('sha256').update(appUrl);
  const add = (file) => hash.update(file).update(fs.readFileSync(file));
  const walk = (dir) => fs.readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .forEach((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : add(path.join(dir, e.name))));
  [GUIDE, FIXTURE].forEach(add);
  walk(__dirname);
  const tools = path.join(VENV, '.tjp-requirements-sha256');
  if (fs.existsSync(tools)) add(tools);
  return hash.digest('hex');
}

/** Builds both sites unless they are up to date; returns their folders. */
function build(appUrl = SUB) {
  const stamp = path.join(OUT, '.fingerprint');
  const want = fingerprint(appUrl);
  const dirs = Object.fromEntries(Object.keys(SITES).map((name) => [name, path.join(OUT, name)]));
  const fresh = fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === want
    && Object.values(dirs).every((dir) => fs.existsSync(dir));
  if (fresh) return dirs;

  const all = snippets(appUrl);
  const used = new Set();
  fs.rmSync(OUT, { recursive: true, force: true });
  for (const [name, site] of Object.entries(SITES)) {
    const src = path.join(OUT, 'src', name);
    fill(path.join(__dirname, name), src, all).forEach((n) => used.add(n));
    for (const [from, to] of [[FIXTURE, site.data], [path.join(__dirname, 'site.css'), site.css]]) {
      fs.mkdirSync(path.dirname(path.join(src, to)), { recursive: true });
      fs.copyFileSync(from, path.join(src, to));
    }
    site.build(src, dirs[name]);
  }
  const unused = Object.keys(all).filter((n) => all[n].built && !used.has(n));
  if (unused.length) throw new Error(`docs/embedding.md: snippets no site uses: ${unused.join(', ')}`);
  fs.writeFileSync(stamp, want);
  return dirs;
}

/** Playwright's globalSetup (it passes its config, which the build does not need). */
module.exports = () => { build(); };
module.exports.build = build;
module.exports.snippets = snippets;
module.exports.OUT = OUT;

if (require.main === module) {
  const t0 = Date.now();
  const dirs = build();
  console.log(`docs sites in ${Date.now() - t0} ms: ${Object.values(dirs).map((d) => path.relative(ROOT, d)).join(', ')}`);
}
