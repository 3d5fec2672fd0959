#!/usr/bin/env node
// Where a wasm file's bytes go: code size per function, summed per crate, from a build that
// still has its name section (cargo's target/wasm32-unknown-unknown/wasm-release/*.wasm for the page, before
// wasm-bindgen and wasm-opt). The totals are before wasm-opt, so read them as shares.
//
//   node tools/wasm-sizes.cjs FILE.wasm [--top N] [--grep TEXT]
'use strict';
const fs = require('fs');

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
if (!file) {
  console.error('usage: node tools/wasm-sizes.cjs FILE.wasm [--top N] [--grep TEXT]');
  process.exit(2);
}
const top = Number(opt('--top', 40));
const grep = opt('--grep', null);
const buf = fs.readFileSync(file);

let pos = 8;
function uleb() {
  let result = 0, shift = 0, byte;
  do {
    byte = buf[pos++];
    result += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return result;
}
function name() {
  const len = uleb();
  const s = buf.toString('utf8', pos, pos + len);
  pos += len;
  return s;
}

let imported = 0;
const bodies = []; // size of each defined function's body
const names = new Map(); // function index -> name
const sections = [];
while (pos < buf.length) {
  const id = buf[pos++];
  const size = uleb();
  const start = pos;
  const end = start + size;
  let label = `section ${id}`;
  if (id === 0) {
    const custom = name();
    label = `custom "${custom}"`;
    if (custom === 'name') {
      while (pos < end) {
        const sub = buf[pos++];
        const subSize = uleb();
        const subEnd = pos + subSize;
        if (sub === 1) {
          for (let n = uleb(); n > 0; n--) names.set(uleb(), name());
        }
        pos = subEnd;
      }
    }
  } else if (id === 2) {
    label = 'import';
    for (let n = uleb(); n > 0; n--) {
      name();
      name();
      const kind = buf[pos++];
      if (kind === 0) { uleb(); imported++; }
      else if (kind === 1) { pos++; const f = uleb(); uleb(); if (f & 1) uleb(); }
      else if (kind === 2) { const f = uleb(); uleb(); if (f & 1) uleb(); }
      else if (kind === 3) { pos += 2; }
      else { uleb(); }
    }
  } else if (id === 10) {
    label = 'code';
    for (let n = uleb(); n > 0; n--) {
      const s = uleb();
      bodies.push(s);
      pos += s;
    }
  } else if (id === 11) {
    label = 'data';
  }
  sections.push([label, size]);
  pos = end;
}

// Rust's legacy mangling (`_ZN…E`), enough to read: path segments joined by `::`, the
// `$LT$`-style escapes undone, the hash dropped. v0 symbols (`_R…`, the prebuilt std) keep
// their mangled form; their crate is the first `<len><name>` after a crate hash.
function demangle(symbol) {
  if (!symbol.startsWith('_ZN')) return symbol;
  const parts = [];
  let i = 3;
  while (i < symbol.length && symbol[i] !== 'E') {
    const m = symbol.slice(i).match(/^(\d+)/);
    if (!m) break;
    i += m[1].length;
    parts.push(symbol.slice(i, i + Number(m[1])));
    i += Number(m[1]);
  }
  if (parts.length && /^h[0-9a-f]{16}$/.test(parts[parts.length - 1])) parts.pop();
  const escapes = { SP: '@', BP: '*', RF: '&', LT: '<', GT: '>', LP: '(', RP: ')', C: ',' };
  return parts
    .join('::')
    .replace(/\$([A-Z]{1,2})\$/g, (all, e) => escapes[e] ?? all)
    .replace(/\$u([0-9a-f]+)\$/g, (_, hex) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/\.\./g, '::')
    .replace(/^_</, '<');
}

// A crate's name from a demangled symbol: the first path segment, skipping `<impl …`.
function crateOf(symbol) {
  if (symbol.startsWith('_R')) {
    const m = symbol.match(/Cs[0-9a-zA-Z]+_(\d+)([a-z_][a-z0-9_]*)/);
    return m ? m[2].slice(0, Number(m[1])) : '(std)';
  }
  const m = symbol.replace(/^[<&*\s]+/, '').replace(/^(mut|dyn|impl)\s+/, '').match(/^([A-Za-z_][A-Za-z0-9_]*)::/);
  return m ? m[1] : '(other)';
}

const rows = bodies.map((size, i) => ({ size, name: demangle(names.get(i + imported) || `func ${i + imported}`) }));
const total = rows.reduce((s, r) => s + r.size, 0);
const byCrate = new Map();
for (const r of rows) {
  const c = crateOf(r.name);
  byCrate.set(c, (byCrate.get(c) || 0) + r.size);
}
const pct = (n) => `${((100 * n) / total).toFixed(1).padStart(5)} %`;
console.log(`${file}: ${buf.length} bytes; code ${total} bytes in ${rows.length} functions`);
console.log('\nsections:');
for (const [label, size] of sections) console.log(`  ${String(size).padStart(9)}  ${label}`);
console.log('\ncode by crate:');
for (const [c, size] of [...byCrate].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
  console.log(`  ${String(size).padStart(9)} ${pct(size)}  ${c}`);
}
const shown = rows.filter((r) => !grep || r.name.includes(grep)).sort((a, b) => b.size - a.size);
console.log(`\nlargest functions${grep ? ` matching "${grep}"` : ''}:`);
for (const r of shown.slice(0, top)) console.log(`  ${String(r.size).padStart(9)} ${pct(r.size)}  ${r.name.slice(0, 150)}`);
