#!/usr/bin/env node
// Splits the page's wasm in two (docs/performance.md, P3): the first part, which the page
// loads, and the views of a report (src/components/report_views.rs, feature `split`), fetched
// once the page runs. Runs as a Trunk post_build hook (Trunk.toml), before
// tools/single-file.cjs, on the release builds ./x makes (TJP_SPLIT=1, set with the feature
// and the linker's relocations by ./x's page_release); any other build is left as Trunk made it.
//
// Trunk has no step for this, so the hook redoes the last ones on the wasm cargo linked:
// wasm-split-cli (the split point's code into split_report_views.wasm, and the loader that
// fetches it, __wasm_split.js), wasm-bindgen (--keep-lld-exports: the part imports the
// function table) and wasm-opt -Oz, and writes them over Trunk's glue and wasm. It checks
// what it relies on and fails the build, naming what changed, rather than ship a page that
// cannot load its views.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const NAME = 'tapis-job-profiler';
const PART = 'split_report_views.wasm';
const LOADER = '__wasm_split.js';
const staging = process.env.TRUNK_STAGING_DIR;
if (!staging || process.env.TJP_SPLIT !== '1' || process.env.TRUNK_PROFILE !== 'release') process.exit(0);

function fail(message) {
  console.error(`split: ${message}`);
  process.exit(1);
}
const run = (tool, args) => execFileSync(tool, args, { stdio: ['ignore', 'ignore', 'inherit'] });

const source = process.env.TRUNK_SOURCE_DIR || process.cwd();
const targetDir = process.env.CARGO_TARGET_DIR ? path.resolve(source, process.env.CARGO_TARGET_DIR) : path.join(source, 'target');
const linked = path.join(targetDir, 'wasm32-unknown-unknown', 'wasm-release', `${NAME}.wasm`);
if (!fs.existsSync(linked)) fail(`no linked wasm at ${linked}`);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tjp-split-'));
try {
  const split = path.join(work, 'split');
  run('wasm-split-cli', [linked, split, '--out-name', NAME]);
  for (const f of [`${NAME}.wasm`, PART, LOADER]) {
    if (!fs.existsSync(path.join(split, f))) fail(`wasm-split-cli wrote no ${f} (is the feature \`split\` on?)`);
  }
  const bindgen = path.join(work, 'bindgen');
  run('wasm-bindgen', ['--target', 'web', '--keep-lld-exports', '--no-typescript', '--out-dir', bindgen,
    '--out-name', NAME, path.join(split, `${NAME}.wasm`)]);
  // wasm-opt takes the features each file uses from its target_features section, as for Trunk.
  run('wasm-opt', ['-Oz', path.join(bindgen, `${NAME}_bg.wasm`), '-o', path.join(staging, `${NAME}_bg.wasm`)]);
  run('wasm-opt', ['-Oz', path.join(split, PART), '-o', path.join(staging, PART)]);
  const glue = fs.readFileSync(path.join(bindgen, `${NAME}.js`), 'utf8');
  if (!glue.includes(`from "./${LOADER}"`)) fail(`the glue does not import ./${LOADER}`);
  fs.writeFileSync(path.join(staging, `${NAME}.js`), glue);
  fs.copyFileSync(path.join(split, LOADER), path.join(staging, LOADER));
  const kb = (f) => `${Math.round(fs.statSync(path.join(staging, f)).size / 1024)} KiB`;
  console.log(`split: ${NAME}_bg.wasm ${kb(`${NAME}_bg.wasm`)}, ${PART} ${kb(PART)}`);
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
