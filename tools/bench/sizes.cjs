#!/usr/bin/env node
// `./x bench size` (P3): what the page transfers, compressed, split into wasm / js / css /
// html: the files index.html loads (with the loader of the views' part, __wasm_split.js, which
// the glue imports), and worker.js, which it loads with the first large file (its wasm is the
// page's, from the browser's cache); not embed.js, which only component hosts load, nor the
// offline single file. The views' part of the wasm (split_report_views.wasm: tools/split.cjs),
// fetched once the page runs, is reported apart, as `later`.
//
//   node tools/bench/sizes.cjs --dist DIR [--linked DIR] --out FILE
//
// --linked: the same for another build (the bench build, which links the analysis the page
// is about to run), reported beside the goal's figure.
//
// gzip at level 9 is the figure the goal is stated in; level 6 (a common server default)
// and brotli (what GitHub Pages and most CDNs send to browsers that accept it) are
// reported beside it.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const dist = path.resolve(arg('dist', 'dist'));
const out = arg('out', 'target/bench/sizes.json');

/** A name ending in `?`: counted where the build has it (a split build). */
const page = {
  wasm: ['tapis-job-profiler_bg.wasm'],
  js: ['tapis-job-profiler.js', 'start.js', 'worker.js', '__wasm_split.js?'],
  css: ['style.css'],
  html: ['index.html'],
};

const LATER = 'split_report_views.wasm';

/** `names` in `dir` (one ending in `?` only where it is), compressed each way, summed. */
function sizes(dir, names) {
  const sum = { raw: 0, gzip9: 0, gzip6: 0, brotli: 0, files: [] };
  for (const entry of names) {
    const name = entry.replace(/\?$/, '');
    const file = path.join(dir, name);
    if (!fs.existsSync(file)) {
      if (entry.endsWith('?')) continue;
      throw new Error(`${file} is missing: build it first (./x bench builds it)`);
    }
    const buf = fs.readFileSync(file);
    sum.files.push(name);
    sum.raw += buf.length;
    sum.gzip9 += zlib.gzipSync(buf, { level: 9 }).length;
    sum.gzip6 += zlib.gzipSync(buf, { level: 6 }).length;
    sum.brotli += zlib.brotliCompressSync(buf, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length },
    }).length;
  }
  return sum;
}

function measure(dir) {
  const result = { dist: dir, kinds: {} };
  for (const [kind, names] of Object.entries(page)) {
    result.kinds[kind] = sizes(dir, names);
  }
  const later = path.join(dir, LATER);
  result.later = fs.existsSync(later) ? sizes(dir, [LATER]) : null;
  result.total = Object.values(result.kinds).reduce(
    (t, k) => ({ raw: t.raw + k.raw, gzip9: t.gzip9 + k.gzip9, gzip6: t.gzip6 + k.gzip6, brotli: t.brotli + k.brotli }),
    { raw: 0, gzip9: 0, gzip6: 0, brotli: 0 },
  );
  return result;
}

const linkedDir = arg('linked', null);
const result = { ...measure(dist), linked: linkedDir ? measure(path.resolve(linkedDir)) : null };
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, JSON.stringify(result, null, 2));
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
for (const r of [result, result.linked].filter(Boolean)) {
  for (const [kind, k] of Object.entries(r.kinds)) {
    console.error(`  P3 ${path.relative(process.cwd(), r.dist)}: ${kind.padEnd(4)} raw ${kb(k.raw).padStart(9)}  gzip ${kb(k.gzip9).padStart(9)}  brotli ${kb(k.brotli).padStart(9)}`);
  }
  if (r.later) console.error(`  P3 ${path.relative(process.cwd(), r.dist)}: the views' part, later: gzip ${kb(r.later.gzip9)}`);
}
