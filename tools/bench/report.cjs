#!/usr/bin/env node
// `./x bench`'s report: one line per figure with its goal and pass/miss, from the parts this
// run measured, and the same as JSON in target/bench/latest.json (docs/performance.md).
//
//   node tools/bench/report.cjs --dir target/bench --parts core,browser,size [--load "1.2 0.9 0.7"]
//
// Each part left its raw figures in DIR/<part>.json; a new part adds a `rows` function below.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execSync } = require('node:child_process');

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const dir = arg('dir', 'target/bench');
const parts = arg('parts', 'core,browser,size').split(',').filter(Boolean);

// The bars: issue 19's where it set one (its goals, lower, are in docs/performance.md).
const NATIVE_GOAL = 0.8; // native import + analysis ÷ serde_json::Value (issue 7)
const P1_BAR = 1.0; // import + analysis ÷ JSON.parse in the browser (issue 19; goal 0.8)
const SIZE_BAR_KB = 400; // the page's transfer, gzip (issue 19, P3; goal 300); KB = 1024 bytes

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const gb = (n) => `${(n / 1e9).toFixed(2)} GB`;
const mb = (n) => `${(n / 1e6).toFixed(1)} MB`;
const label = (name) => {
  const [shape, jobs] = name.replace(/\.json$/, '').split('-');
  return `${shape} ${Number(jobs) >= 1000 ? `${Number(jobs) / 1000}k` : jobs}`;
};
const ratioRow = (id, what, ratio, note, bar) => ({
  id, what, goal: `≤ ${bar.toFixed(2)}`, figure: ratio.toFixed(2), pass: ratio <= bar, note,
});

const rows = {
  core(raw) {
    return raw.inputs.flatMap((r) => {
      const out = [ratioRow('native', `import + analysis ÷ serde_json Value, ${label(r.input)} (${mb(r.bytes)})`,
        r.totalOverValue, `${r.totalMs.toFixed(0)} ms vs ${r.valueMs.toFixed(0)} ms (${raw.clock})`, NATIVE_GOAL)];
      if (r.cliOverValue != null) {
        out.push({ id: 'CLI', what: `tapis-profile --format csv ÷ serde_json Value, ${label(r.input)}`, goal: 'report',
          figure: r.cliOverValue.toFixed(2), pass: null, note: `${r.cliMs.toFixed(0)} ms a run, file to CSV` });
      }
      return out;
    });
  },
  browser(raw) {
    const p1 = raw.p1.flatMap((r) => [
      ratioRow('P1', `import + analysis ÷ JSON.parse, ${label(r.file)} (${mb(r.chars)})`, r.ratio,
        `${r.pipelineMs.toFixed(0)} ms vs ${r.parseMs.toFixed(0)} ms; pairs ${r.ratioMin.toFixed(2)}–${r.ratioMax.toFixed(2)} (${r.runs})`, P1_BAR),
      { id: 'floor', what: `serde_json walking the same bytes ÷ JSON.parse, ${label(r.file)}`, goal: 'report',
        figure: r.floorRatio.toFixed(2), pass: null, note: `${r.floorMs.toFixed(0)} ms: no serde_json reader in wasm is faster` },
      // The least a pipeline could cost: the floor's walk, then the least analysis (each
      // job's time per state, added up), over the same round's JSON.parse (issue 19).
      ...(r.stageMs?.perState == null ? [] : [{ id: 'floor', what: `the floor + each job's time per state ÷ JSON.parse, ${label(r.file)}`, goal: 'report',
        figure: ((r.floorMs + r.stageMs.perState) / r.parseMs).toFixed(2), pass: null,
        note: `${r.stageMs.perState.toFixed(0)} ms the time per state; the analysis ${r.stageMs.analyse.toFixed(0)} ms: jobs ${r.stageMs.jobs.toFixed(0)}, statistics ${r.stageMs.statistics.toFixed(0)}, model ${r.stageMs.model.toFixed(0)}, judging ${r.stageMs.judging.toFixed(0)}` }]),
      // The read alone, against the read it replaced (issue 19), alternated in every round.
      ...(r.readRatio == null ? [] : [{ id: 'read', what: `the read alone ÷ JSON.parse, ${label(r.file)}`, goal: 'report',
        figure: r.readRatio.toFixed(2), pass: null,
        note: `${r.readMs.toFixed(0)} ms; the item-wise read it replaced ${r.readBeforeMs.toFixed(0)} ms (${r.readBeforeRatio.toFixed(2)})` }]),
    ]);
    // P2 and P5 at up to 10,000 jobs; P6 at each size loaded from 10,000 up (the goal names
    // 10,000 and 50,000).
    const page = (raw.page ?? []).filter((p) => p.jobs <= 10000);
    const later = [];
    const small = page[0];
    const large = page[page.length - 1];
    if (page.length >= 2) {
      const r = large.frameMs / small.frameMs;
      later.push({ id: 'P2', what: `timeline zoom/pan step, ${large.jobs} jobs ÷ ${small.jobs} jobs`, goal: '≤ 2',
        figure: r.toFixed(2), pass: r <= 2,
        note: `${large.frameMs.toFixed(2)} ms vs ${small.frameMs.toFixed(2)} ms (medians of 120 steps; P90 ${large.frameP90.toFixed(2)} vs ${small.frameP90.toFixed(2)})` });
      const d = large.domNodes / small.domNodes;
      later.push({ id: 'P2', what: `DOM elements, ${large.jobs} jobs ÷ ${small.jobs} jobs`, goal: 'independent of N',
        figure: d.toFixed(2), pass: d <= 1.1,
        note: `${large.domNodes} vs ${small.domNodes} elements (pass: within 10%)` });
      // Between the ends: where the page's lists reach their caps (50 outliers, 20 examples
      // per kind of problem), the count stops growing.
      for (const mid of page.slice(1, -1)) {
        later.push({ id: 'P2', what: `DOM elements, ${large.jobs} jobs ÷ ${mid.jobs} jobs`, goal: 'report',
          figure: (large.domNodes / mid.domNodes).toFixed(2), pass: null,
          note: `${large.domNodes} vs ${mid.domNodes} elements` });
      }
    }
    if (large) {
      const m = large.wasmMemoryAfter / large.bytes;
      later.push({ id: 'P5', what: `wasm memory after loading ${large.jobs} jobs ÷ input bytes`, goal: '≤ 2',
        figure: m.toFixed(2), pass: m <= 2,
        note: `${mb(large.wasmMemoryAfter)} (${mb(large.wasmMemoryBefore)} before) for ${mb(large.bytes)}` });
    }
    const p6 = (run) => {
      const n = run.longTasks.length;
      later.push({ id: 'P6', what: `main-thread long tasks (> 100 ms) while loading ${run.jobs} jobs`, goal: 'none',
        figure: String(n), pass: n === 0,
        note: `${n ? `${run.longTasks.join(' + ')} ms; ` : ''}` +
          `${run.blockingMs === undefined ? '' : `blocking ${run.blockingMs.toFixed(0)} ms; `}loaded in ${run.loadMs.toFixed(0)} ms` +
          `${run.workers === undefined ? '' : run.workers ? '; parsed in a worker' : '; parsed on the page (no worker)'}` });
      if (run.inputDelayMax !== undefined) {
        later.push({ id: 'P6', what: `longest input delay while loading ${run.jobs} jobs (a key every 100 ms)`,
          goal: '≤ 100 ms', figure: `${run.inputDelayMax.toFixed(0)} ms`, pass: run.inputDelayMax <= 100,
          note: `${run.inputs} keys pressed while it loaded` });
      }
    };
    for (const run of (raw.page ?? []).filter((p) => p.jobs >= 10000)) p6(run);
    return [...p1, ...later];
  },
  sql(raw) {
    const jobs = raw.jobs.toLocaleString('en-US');
    const what = {
      'cli-rows': `CLI rows out (--format ndjson), ${raw.shards} runs`,
      'duckdb-load-rows': 'DuckDB: load the rows (load-rows.sql)',
      'duckdb-stats-from-rows': 'DuckDB: group medians and P90 from the rows (stats.sql)',
      'cli-tapis-tables': `CLI Tapis tables out (tapis-events, tapis-jobs), ${raw.shards} runs each`,
      'duckdb-load-events': 'DuckDB: load job_events and jobs (load-events.sql)',
      'duckdb-events-to-rows': 'DuckDB: per-state rows from job_events (events.sql)',
      'duckdb-stats-from-events': 'DuckDB: group medians and P90 from those rows (stats.sql)',
      'core-alone': 'the core alone (--format table), one process',
    };
    return raw.steps.map((s) => ({
      id: 'SQL', what: `${what[s.step] ?? s.step}, ${jobs} jobs`, goal: 'report',
      figure: s.ok === false ? 'failed' : `${s.seconds.toFixed(1)} s`, pass: s.ok === false ? false : null,
      note: `peak ${gb(s.peakBytes)}${s.processes > 1 ? ' (largest process)' : ''}; CPU ${s.cpuSeconds.toFixed(0)} s` +
        (s.outputBytes ? `; wrote ${gb(s.outputBytes)}` : '') +
        (s.ok === false ? `; capped at ${gb(s.memoryCapBytes)}: ${s.error.trim().split('\n').pop()}` : ''),
    }));
  },
  size(raw) {
    const row = (r, what, goal) => {
      const split = ['wasm', 'js', 'css', 'html'].map((x) => `${x} ${kb(r.kinds[x].gzip9)}`).join(' + ');
      return { id: 'P3', what, goal: goal ? `≤ ${SIZE_BAR_KB} KB` : 'report', figure: kb(r.total.gzip9),
        pass: goal ? r.total.gzip9 <= SIZE_BAR_KB * 1024 : null,
        note: `${split}; brotli ${kb(r.total.brotli)}, raw ${kb(r.total.raw)}` };
    };
    const rows = [row(raw, 'page transfer, gzip -9 (dist/, as shipped)', true)];
    if (raw.linked) rows.push(row(raw.linked, 'the same with the analysis linked (the bench build)', false));
    if (raw.later) {
      rows.push({ id: 'P3', what: "the views' part of the wasm, fetched once the page runs", goal: 'report',
        figure: kb(raw.later.gzip9), pass: null,
        note: `${raw.later.files.join(', ')}; first load and part together ${kb(raw.total.gzip9 + raw.later.gzip9)}` });
    }
    // Beside it, what the page's weight costs a user: its cold start to the sample on screen.
    const cold = (r, over) => ({ id: 'P3', what: `cold start to the sample analysed and shown, ${over}`, goal: 'report',
      figure: `${r.medianMs} ms`, pass: null, note: `median of ${r.loads.length} fresh loads (${r.minMs}–${r.maxMs}); served gzip -9` });
    if (raw.cold) rows.push(cold(raw.cold.loopback, 'loopback'), cold(raw.cold.link, raw.cold.link.label));
    return rows;
  },
};

function sh(cmd) {
  try { return execSync(cmd, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim(); } catch { return null; }
}

const machine = {
  nproc: os.cpus().length,
  cpu: (fs.readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.*)$/m) || [])[1] ?? os.cpus()[0]?.model,
  memoryGB: Math.round(os.totalmem() / 1e9),
  loadAverageAtStart: arg('load', null),
  rustc: sh('rustc --version'),
  node: process.version,
  chromium: null,
};

const all = [];
const raw = {};
for (const part of parts) {
  const file = path.join(dir, `${part}.json`);
  if (!rows[part]) throw new Error(`unknown part ${part}`);
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: the ${part} part did not run`);
  raw[part] = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (raw[part].chromium) machine.chromium = raw[part].chromium;
  all.push(...rows[part](raw[part]));
}

const status = (pass) => (pass === true ? 'pass' : pass === false ? 'MISS' : '—');
const widths = [6, Math.max(...all.map((r) => r.what.length)), 10, 16, 6];
const line = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join('  ');
console.log(`\nTapis Job Profiler benchmark, ${new Date().toISOString()}`);
console.log(`${machine.nproc} × ${machine.cpu}, ${machine.memoryGB} GB; load average at start ${machine.loadAverageAtStart ?? '?'}; ` +
            `${machine.rustc}; Chromium ${machine.chromium ?? '-'}; Node ${machine.node}\n`);
console.log(line(['', 'what', 'goal', 'figure', '']));
for (const r of all) console.log(line([r.id, r.what, r.goal, r.figure, status(r.pass)]) + (r.note ? `  ${r.note}` : ''));
const missed = all.filter((r) => r.pass === false).length;
console.log(`\n${all.filter((r) => r.pass === true).length} met, ${missed} missed, ${all.filter((r) => r.pass === null).length} reported only.`);

const latest = path.join(dir, 'latest.json');
fs.writeFileSync(latest, JSON.stringify({ date: new Date().toISOString(), machine, rows: all, raw }, null, 2));
console.log(`figures: ${latest}`);
