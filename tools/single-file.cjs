#!/usr/bin/env node
// Makes the offline single-file build: dist/tapis-job-profiler.html, the whole app (HTML,
// CSS, JS glue and wasm) in one file that works opened from file:// with no network.
//
// Runs as a Trunk post_build hook (Trunk.toml) on release builds, on Trunk's staging dir;
// or by hand: node tools/single-file.cjs [DIST_DIR] [OUT_FILE].
//
// Browsers refuse module scripts and fetches from file://, so the glue becomes an inline
// module and the wasm is passed to its init() as bytes. The page keeps a strict CSP: the
// inline script and style are allowed by their sha256 hashes, nothing else is.
//
// It checks every piece of text it relies on (index.html's loader and CSP, the wasm-bindgen
// glue's shape) and stops with an error naming what changed, so that a Trunk or
// wasm-bindgen upgrade fails the build instead of producing a broken file.
//
// It also writes the CSP's connect-src for the build's variant, for every build (debug
// too): the shipped one reaches the site and Tapis tenants only; a development or test
// build (TJP_LOOPBACK=1, which ./x sets together with the cargo feature loopback-tenants)
// also reaches a stand-in tenant on loopback, in index.html and in the single file.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');

const NAME = 'tapis-job-profiler';
const staging = process.env.TRUNK_STAGING_DIR;
const LOOPBACK = process.env.TJP_LOOPBACK === '1';
/** Where the app may connect besides its own site: Tapis tenants, and loopback in development. */
const TENANTS = ['https://*.tapis.io',
  ...(LOOPBACK ? ['http://127.0.0.1:*', 'http://localhost:*', 'https://127.0.0.1:*', 'https://localhost:*'] : [])].join(' ');
const SHIPPED_CONNECT = "connect-src 'self' https://*.tapis.io;";
if (staging) {
  const page = path.join(staging, 'index.html');
  const text = fs.readFileSync(page, 'utf8');
  if (text.split(SHIPPED_CONNECT).length !== 2) {
    console.error(`single-file: expected "${SHIPPED_CONNECT}" once in index.html's CSP`);
    process.exit(1);
  }
  fs.writeFileSync(page, text.replace(SHIPPED_CONNECT, `connect-src 'self' ${TENANTS};`));
}
if (staging && process.env.TRUNK_PROFILE !== 'release') process.exit(0); // debug: not worth 4 MB
const dist = process.argv[2] || staging || 'dist';
const out = process.argv[3] || path.join(dist, `${NAME}.html`);

function fail(message) {
  console.error(`single-file: ${message}`);
  process.exit(1);
}
/** Replaces the one match of `re` in `text`, failing loudly when there is not exactly one. */
function replaceOnce(text, re, replacement, what) {
  const matches = text.match(new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g'));
  if (!matches || matches.length !== 1) fail(`expected one ${what} in index.html, found ${matches ? matches.length : 0}`);
  return text.replace(re, () => replacement);
}
const sha256 = (text) => `'sha256-${crypto.createHash('sha256').update(text, 'utf8').digest('base64')}'`;
const read = (name) => fs.readFileSync(path.join(dist, name));

// index.html's comments describe the site's files, not this file: drop them.
let html = read('index.html').toString('utf8').replace(/<!--[\s\S]*?-->\s*/g, '');
let glue = read(`${NAME}.js`).toString('utf8');
const wasm = read(`${NAME}_bg.wasm`);
const bytes = (buffer) => `Uint8Array.from(atob('${buffer.toString('base64')}'), (c) => c.charCodeAt(0))`;

// A split build (tools/split.cjs): the glue imports the loader of the views' part, which
// imports the glue back and fetches the part next to it. Here the loader joins the glue's
// module and the part is bytes in it.
const LOADER = '__wasm_split.js';
const importLoader = `import * as import1 from "./${LOADER}"`;
if (glue.includes(importLoader)) {
  let loader = read(LOADER).toString('utf8');
  const importGlue = `import { initSync } from "./${NAME}.js";`;
  if (!loader.startsWith(importGlue)) fail(`${LOADER} does not start with ${importGlue}`);
  loader = loader.slice(importGlue.length);
  const parts = [...loader.matchAll(/fetch\(new URL\("\.\/([\w.-]+\.wasm)", import\.meta\.url\)\)/g)];
  if (parts.length !== 1) fail(`${LOADER} fetches ${parts.length} parts, not one`);
  if (loader.split('WebAssembly.instantiateStreaming(src, imports)').length !== 2) fail(`${LOADER} does not instantiate its part as expected`);
  loader = loader.replace(parts[0][0], `Promise.resolve(${bytes(read(parts[0][1]))})`)
    .replace('WebAssembly.instantiateStreaming(src, imports)', 'WebAssembly.instantiate(await src, imports)');
  const exported = [...loader.matchAll(/^export const (\w+) = /gm)].map((m) => m[1]);
  if (exported.length === 0) fail(`${LOADER} exports nothing`);
  loader = loader.replace(/^export const /gm, 'const ');
  glue = glue.replace(importLoader, `${loader}\nconst import1 = { ${exported.join(', ')} };`);
}

// The wasm-bindgen `--target web` glue: a module with no imports whose default export is
// `__wbg_init` (as `export { …, __wbg_init as default }`), which accepts `{ module_or_path }` (bytes are fine).
if (!/^export \{[^}]*\b__wbg_init as default\b[^}]*\};$/m.test(glue)) fail(`${NAME}.js does not export __wbg_init as default (wasm-bindgen changed?)`);
if (!/async function __wbg_init\(module_or_path\)/.test(glue)) fail(`${NAME}.js has no "async function __wbg_init(module_or_path)"`);
if (/^\s*import\s/m.test(glue)) fail(`${NAME}.js imports other modules (snippets?); they would need inlining too`);
if (/<\/script/i.test(glue)) fail(`${NAME}.js contains "</script", which would end the inline script`);

// Then start the page as start.js does (the wasm starts nothing by itself, src/embed.rs).
if (!/^export function startPage\(root, query\)/m.test(glue)) fail(`${NAME}.js has no "export function startPage(root, query)"`);
const script = `${glue}\nawait __wbg_init({ module_or_path: ${bytes(wasm)} });\n`
  + "startPage(document.getElementById('tapis-job-profiler'), location.search);\n";

// The stylesheet Trunk wrote (with filehash = false: style.css).
const cssLink = html.match(/<link rel="stylesheet" href="(?:\.\/)?([\w.-]+\.css)"[^>]*>/);
if (!cssLink) fail('no <link rel="stylesheet" href="…css"> in index.html');
const css = read(cssLink[1]).toString('utf8');
if (/<\/style/i.test(css)) fail(`${cssLink[1]} contains "</style"`);

html = replaceOnce(html, /<script type="module" src="start\.js"><\/script>/, `<script type="module">${script}</script>`,
  '<script type="module" src="start.js"></script> (our loader; Trunk.toml has inject_scripts = false)');
html = replaceOnce(html, /<link rel="stylesheet" href="[^"]+\.css"[^>]*>/, `<style>${css}</style>`, 'stylesheet link');
html = replaceOnce(html, /<link rel="modulepreload"[^>]*>/, '', 'modulepreload link');
// With inject_scripts = false, Trunk leaves its (inert) rust link in place.
html = replaceOnce(html, /<link data-trunk rel="rust"[^>]*>/, '', 'Trunk rust link');
html = replaceOnce(html, /<link rel="preload"[^>]*>/, '', 'wasm preload link');
if (/data-trunk|src="[^"]*\.js"|href="[^"]*\.(?:css|js|wasm)"/.test(html.replace(script, ''))) fail('index.html still refers to a file next to it');

// The CSP: same rules as the site's, but the inline script and style allowed by hash and no
// 'self' (a file:// page has nothing of its own to load).
const policy = [
  "default-src 'none'",
  `script-src ${sha256(script)} 'wasm-unsafe-eval'`,
  `style-src ${sha256(css)}`,
  "style-src-attr 'unsafe-inline'",
  `connect-src ${TENANTS}`,
  'img-src data:',
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
html = replaceOnce(html, /<meta http-equiv="Content-Security-Policy" content="[^"]*" \/>/,
  `<meta http-equiv="Content-Security-Policy" content="${policy}" />`, 'CSP <meta>');

html = replaceOnce(html, /<meta charset="utf-8" \/>/,
  '<meta charset="utf-8" />\n    <!-- Tapis Job Profiler, offline single file (tools/single-file.cjs): open it from disk. -->',
  '<meta charset="utf-8" />');

fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, html);
// From Trunk's staging dir the file moves to the dist dir when the build succeeds.
const final = staging && !process.argv[3] ? path.join(process.env.TRUNK_DIST_DIR || dist, path.basename(out)) : out;
console.log(`single-file: ${path.relative(process.cwd(), final)} (${Math.round(html.length / 1024)} KiB)`);
