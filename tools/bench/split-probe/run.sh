#!/usr/bin/env bash
# P3 probe, not the shipped build (docs/performance.md, "Issue 19, eleventh part"): the page's
# wasm split by wasm-split (wasm_split_helpers + wasm_split_cli_support, as Leptos' #[lazy]) into
# a first module and one lazily loaded chunk holding every view of a report (overview,
# filters, timeline, job detail, the views below it) and Live from Tapis. Applies
# report-views.diff to a scratch worktree of HEAD, builds as the page's release build is
# built (std rebuilt, `wasm-release`) with relocations kept, splits, runs wasm-bindgen
# (--keep-lld-exports: the chunk imports the function table) and wasm-opt -Oz, and prints
# each part's size, gzip -9. Leaves the site in OUT (default target/split-probe/site: the
# shipped dist/ with its loader pointed at the split module), which
# `node tools/bench/split-probe/check.cjs OUT/site` loads in headless Chromium.
#
#   tools/bench/split-probe/run.sh [OUT]      (after ./x has set up the tools and dist/)
#
# report-views.diff was made on 7deb92c: where src/app.rs has moved since, it is made again
# the same way (each report view rendered through the one split function).
set -euo pipefail
ROOT=$(git rev-parse --show-toplevel)
OUT=$(realpath -m "${1:-$ROOT/target/split-probe}")
TOOLS=${TJP_TOOLS:-$HOME/.cache/tapis-job-profiler/tools}
export PATH="$TOOLS/bin:$ROOT/node_modules/.bin:$PATH"
[ -x "$TOOLS/bin/wasm-split-cli" ] || cargo install --quiet --locked --root "$TOOLS" \
  wasm_split_cli_support --version =0.2.4 --features build-binary
[ -f "$ROOT/dist/index.html" ] || { echo "no dist/: run ./x first" >&2; exit 1; }
WT="$OUT/src"
rm -rf "$OUT" && mkdir -p "$OUT"
git -C "$ROOT" worktree add --quiet --detach "$WT" HEAD
trap 'git -C "$ROOT" worktree remove --force "$WT"' EXIT
git -C "$WT" apply "$ROOT/tools/bench/split-probe/report-views.diff"
(cd "$WT" && cargo fetch --quiet --target wasm32-unknown-unknown &&
  env -u TJP_LOOPBACK RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
    RUSTFLAGS="-Zlocation-detail=none -Zunstable-options -Cpanic=immediate-abort -Clink-args=--emit-relocs" \
    CARGO_TARGET_DIR="$ROOT/target/split-probe-build" \
    cargo build --quiet --profile wasm-release --target wasm32-unknown-unknown --bin tapis-job-profiler)
cd "$OUT"
wasm-split-cli "$ROOT/target/split-probe-build/wasm32-unknown-unknown/wasm-release/tapis-job-profiler.wasm" split
wasm-bindgen --target web --keep-lld-exports --out-dir bindgen --out-name main split/main.wasm
FEATURES="--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue"
cp -r "$ROOT/dist" site
wasm-opt -Oz $FEATURES bindgen/main_bg.wasm -o site/main_bg.wasm
wasm-opt -Oz $FEATURES split/split_lower.wasm -o site/split_lower.wasm
cp bindgen/main.js split/__wasm_split.js site/
sed -i "s#'./tapis-job-profiler.js'#'./main.js'#; s#'tapis-job-profiler_bg.wasm'#'main_bg.wasm'#" site/start.js
sed -i 's#"tapis-job-profiler.js"#"main.js"#; s#"tapis-job-profiler_bg.wasm"#"main_bg.wasm"#' site/index.html
# The chunk fetched beside the first module (without it, the sample shows ~50-100 ms later:
# the chunk is asked for only once the first module runs).
sed -i 's#<link rel="preload" href="main_bg.wasm"[^>]*>#&\n    <link rel="preload" href="split_lower.wasm" as="fetch" type="application/wasm" crossorigin />#' site/index.html
rm site/tapis-job-profiler.js site/tapis-job-profiler_bg.wasm site/tapis-job-profiler.html
gz() { gzip -9c "$1" | wc -c; }
# The worker (files from 4 MB on) and the single-file page are not carried over: the probe is
# the page's first screen and the sample.
echo "first module: wasm $(gz site/main_bg.wasm) + js $(gz site/main.js) + loader $(gz site/__wasm_split.js) + start $(gz site/start.js) + css $(gz site/style.css) + html $(gz site/index.html) bytes gzip -9"
echo "lazy chunk:   wasm $(gz site/split_lower.wasm) bytes gzip -9"
echo "shipped:      wasm $(gz "$ROOT/dist/tapis-job-profiler_bg.wasm") + js $(gz "$ROOT/dist/tapis-job-profiler.js") bytes gzip -9"
