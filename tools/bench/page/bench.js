// The in-browser half of `./x bench browser` (tools/bench/browser.cjs drives it).
// Loads the app's release wasm built with the `bench` feature (src/bench.rs) from /site/,
// and times, on the same text in the same page, the browser's own JSON.parse against the
// pipeline the page runs (read_input → assemble → analyse), alternating them so both see
// the same machine load. Each starts from the input as the app would hold it: JSON.parse
// from a string, the pipeline from the file's bytes (the app reads files and responses
// with arrayBuffer()), so its time is the copy into wasm memory, the UTF-8 check and the
// pipeline. Encoding a string (what a paste would need) is reported beside it.
import init, { benchFloor, benchPipeline, benchPipelineStr, benchRead, benchStages } from '/site/tapis-job-profiler.js';

const wasm = await init({ module_or_path: '/site/tapis-job-profiler_bg.wasm' });
const encoder = new TextEncoder();

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Median time of `f()` over `n` runs, in ms. */
const time = (n, f) => median(Array.from({ length: n }, () => {
  const a = performance.now();
  f();
  return performance.now() - a;
}));

/** P1 on one data file: medians of alternating runs, and of the per-pair ratios. */
window.p1 = async (file, { minMs = 3000, minRuns = 3, maxRuns = 25 } = {}) => {
  const text = await (await fetch(`/data/${file}`)).text();
  const bytes = encoder.encode(text);
  JSON.parse(text); // warm-up: compile, grow the heap and the wasm memory once
  const jobs = benchPipeline(bytes);
  benchFloor(bytes);
  if (benchRead(bytes, true) !== benchRead(bytes, false)) throw new Error(`${file}: the two reads disagree`);
  const parse = [];
  const pipeline = [];
  const floor = [];
  const ratios = [];
  const floorRatios = [];
  // The read alone (UTF-8 check, read_input, its records freed), and the read it
  // replaced, over JSON.parse of the same round (docs/performance.md, "read prototype").
  const read = [];
  const readBefore = [];
  const readRatios = [];
  const readBeforeRatios = [];
  const start = performance.now();
  while (parse.length < minRuns || (performance.now() - start < minMs && parse.length < maxRuns)) {
    const a = performance.now();
    JSON.parse(text);
    const b = performance.now();
    benchPipeline(bytes);
    const c = performance.now();
    benchFloor(bytes);
    const d = performance.now();
    benchRead(bytes, false);
    const e = performance.now();
    benchRead(bytes, true);
    const f = performance.now();
    read.push(e - d);
    readBefore.push(f - e);
    readRatios.push((e - d) / (b - a));
    readBeforeRatios.push((f - e) / (b - a));
    parse.push(b - a);
    pipeline.push(c - b);
    floor.push(d - c);
    ratios.push((c - b) / (b - a));
    floorRatios.push((d - c) / (b - a));
  }
  // Where the pipeline's time goes (medians of a few runs): encoding and copying the
  // text in, checking its UTF-8, the three stages (the analysis by part), freeing; the
  // least an analysis does (each job's time per state, added up: `perState`); and the
  // same pipeline given the string itself (wasm-bindgen's own string copy).
  const n = Math.min(3, parse.length);
  const stages = Array.from({ length: n }, () => {
    const a = performance.now();
    const bytes = encoder.encode(text);
    const b = performance.now();
    const [utf8, read, assemble, jobs, statistics, model, judging, free, perState] = benchStages(bytes);
    const analyse = jobs + statistics + model + judging;
    const handoff = performance.now() - b - utf8 - read - assemble - analyse - free - perState;
    return { encode: b - a, copy: handoff, utf8, read, assemble, analyse, jobs, statistics, model, judging, free, perState };
  });
  const stageMs = Object.fromEntries(Object.keys(stages[0]).map((k) => [k, median(stages.map((s) => s[k]))]));
  return {
    file,
    jobs,
    chars: text.length,
    runs: parse.length,
    parseMs: median(parse),
    pipelineMs: median(pipeline),
    ratio: median(ratios),
    bestRatio: Math.min(...pipeline) / Math.min(...parse),
    floorMs: median(floor),
    floorRatio: median(floorRatios),
    readMs: median(read),
    readBeforeMs: median(readBefore),
    readRatio: median(readRatios),
    readBeforeRatio: median(readBeforeRatios),
    ratioMin: Math.min(...ratios),
    ratioMax: Math.max(...ratios),
    stageMs,
    stringPipelineMs: time(text.length > 50e6 ? 1 : n, () => benchPipelineStr(text)),
    wasmMemoryBytes: wasm.memory.buffer.byteLength,
  };
};

window.benchReady = true;
