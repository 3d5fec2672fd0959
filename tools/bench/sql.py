#!/usr/bin/env python3
"""`./x bench sql`: facility scale. Makes N synthetic jobs (in shards, as a facility would
export them), then times each step of the two SQL paths and the core alone on the same jobs,
with each process's peak memory (its maximum resident set, from wait4):

  rows path    tapis-profile --format ndjson, shard by shard  ->  DuckDB: sql/duckdb/load-rows.sql,
               sql/stats.sql, the group statistics computed into a table
  events path  tapis-profile --format tapis-events / tapis-jobs  ->  DuckDB: load-events.sql,
               events.sql (the per-state rows), stats.sql, the group statistics
  core alone   tapis-profile --format table on every shard at once (one process, every job)

Writes the figures as JSON (--out) for tools/bench/report.cjs. Standard library only.

  python tools/bench/sql.py --cli target/release/tapis-profile --duckdb DUCKDB --data DIR \\
      --out target/bench/sql.json [--jobs 1000000] [--shard 100000] [--seed 7] [--tag TAG]
"""

import argparse
import json
import os
import resource
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SQL = ROOT / "sql"
AS_OF = "2025-12-01T00:00:00Z"
DUCKDB_MEMORY = "8GB"


def run(argv, stdin=None, stdout=None, cwd=None, memory_cap=None):
    """Runs one process; returns wall seconds, CPU seconds, peak RSS bytes and exit status."""

    def cap():
        if memory_cap:
            resource.setrlimit(resource.RLIMIT_AS, (memory_cap, memory_cap))

    start = time.monotonic()
    child = subprocess.Popen([str(a) for a in argv], stdin=stdin, stdout=stdout,
                             stderr=subprocess.PIPE, cwd=cwd, preexec_fn=cap)
    stderr = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    return {
        "seconds": time.monotonic() - start,
        "cpuSeconds": usage.ru_utime + usage.ru_stime,
        "peakBytes": usage.ru_maxrss * 1024,
        "status": child.returncode,
        "stderr": stderr.decode(errors="replace")[-2000:],
    }


def checked(step, figures):
    if figures["status"] != 0:
        raise SystemExit(f"{step} failed ({figures['status']}): {figures['stderr']}")
    return figures


def steps(name, runs):
    """Several processes one after another, as one step: summed time, the largest peak."""
    return {
        "step": name,
        "processes": len(runs),
        "seconds": sum(r["seconds"] for r in runs),
        "cpuSeconds": sum(r["cpuSeconds"] for r in runs),
        "peakBytes": max(r["peakBytes"] for r in runs),
    }


def log(text):
    print(f"[bench sql] {text}", flush=True)


def main():
    a = argparse.ArgumentParser()
    a.add_argument("--cli", required=True)
    a.add_argument("--duckdb", required=True)
    a.add_argument("--data", required=True)
    a.add_argument("--out", required=True)
    a.add_argument("--jobs", type=int, default=1_000_000)
    a.add_argument("--shard", type=int, default=100_000)
    a.add_argument("--seed", type=int, default=7)
    a.add_argument("--tag", default="")
    args = a.parse_args()
    cli, duckdb = Path(args.cli).resolve(), Path(args.duckdb).resolve()
    data = Path(args.data).resolve()
    work = data / f"sql-{args.jobs}"
    work.mkdir(parents=True, exist_ok=True)

    shards = []
    for k in range(0, args.jobs, args.shard):
        n = min(args.shard, args.jobs - k)
        f = data / f"shard-{n}-s{args.seed + k}{args.tag}.json"
        if not f.exists() or f.stat().st_size == 0:
            log(f"synthetic data: {n} jobs, seed {args.seed + k}")
            with open(f"{f}.tmp", "wb") as out:
                checked("synth", run([cli, "synth", "--jobs", n, "--seed", args.seed + k], stdout=out))
            os.replace(f"{f}.tmp", f)
        shards.append(f)
    input_bytes = sum(f.stat().st_size for f in shards)
    figures = {"jobs": args.jobs, "shards": len(shards), "inputBytes": input_bytes, "asOf": AS_OF,
               "duckdbMemoryLimit": DUCKDB_MEMORY, "steps": []}

    def cli_to(file, fmt, *more):
        """The CLI once per shard, its output appended to one file."""
        runs = []
        with open(work / file, "wb") as out:
            for f in shards:
                runs.append(checked(fmt, run([cli, f, "-q", "--as-of", AS_OF, "--format", fmt, *more],
                                             stdout=out)))
        return runs

    def duck(db, step, sql_file=None, sql=None):
        # A laptop's share of memory, so the figure holds on one; DuckDB spills past it.
        argv = [duckdb, "-cmd", f"SET memory_limit = '{DUCKDB_MEMORY}'", db] + (["-c", sql] if sql else [])
        stdin = open(sql_file, "rb") if sql_file else None
        try:
            return checked(step, run(argv, stdin=stdin, cwd=work))
        finally:
            if stdin:
                stdin.close()

    def record(name, runs, **extra):
        s = steps(name, runs)
        s.update(extra)
        figures["steps"].append(s)
        log(f"{name}: {s['seconds']:.1f} s, peak {s['peakBytes'] / 1e9:.2f} GB")

    log(f"{args.jobs} jobs in {len(shards)} shards, {input_bytes / 1e9:.2f} GB of bundles")

    # The rows path.
    runs = cli_to("job_states.ndjson", "ndjson")
    record("cli-rows", runs, outputBytes=(work / "job_states.ndjson").stat().st_size)
    db = work / "rows.duckdb"
    db.unlink(missing_ok=True)
    record("duckdb-load-rows", [duck(db, "load rows", SQL / "duckdb" / "load-rows.sql")])
    duck(db, "stats views", SQL / "stats.sql")
    record("duckdb-stats-from-rows",
           [duck(db, "group statistics", sql="CREATE TABLE group_stats AS SELECT * FROM tjp_group_stats")])
    figures["rowsPathDbBytes"] = db.stat().st_size

    # The events path.
    runs = cli_to("job_events.ndjson", "tapis-events") + cli_to("jobs.ndjson", "tapis-jobs")
    record("cli-tapis-tables", runs, outputBytes=(work / "job_events.ndjson").stat().st_size
           + (work / "jobs.ndjson").stat().st_size)
    db = work / "events.duckdb"
    db.unlink(missing_ok=True)
    record("duckdb-load-events", [duck(db, "load events", SQL / "duckdb" / "load-events.sql")])
    t = AS_OF.replace("T", " ").rstrip("Z")
    duck(db, "as of", sql=f"UPDATE tjp_params SET as_of = TIMESTAMP '{t}'")
    record("duckdb-events-to-rows", [duck(db, "events.sql", SQL / "events.sql")])
    duck(db, "stats views", SQL / "stats.sql")
    record("duckdb-stats-from-events",
           [duck(db, "group statistics", sql="CREATE TABLE group_stats AS SELECT * FROM tjp_group_stats")])
    figures["eventsPathDbBytes"] = db.stat().st_size

    # The core alone, every job in one process, capped at what the machine has free so a
    # shortfall is an allocation failure here, not the kernel killing another process.
    available = int(next(line.split()[1] for line in open("/proc/meminfo")
                         if line.startswith("MemAvailable:"))) * 1024
    cap = int(available * 0.9)
    core = run([cli, *shards, "-q", "--as-of", AS_OF, "--format", "table"], stdout=subprocess.DEVNULL,
               memory_cap=cap)
    record("core-alone", [core], memoryCapBytes=cap, ok=core["status"] == 0,
           error=None if core["status"] == 0 else core["stderr"])

    out = subprocess.run([duckdb, work / "rows.duckdb", "-noheader", "-list", "-c",
                          "SELECT jobs FROM tjp_groups WHERE dimension = 'all'"],
                         capture_output=True, check=True)
    figures["jobsCounted"] = int(out.stdout.decode().strip())
    if figures["jobsCounted"] != args.jobs:
        raise SystemExit(f"DuckDB counted {figures['jobsCounted']} jobs, not {args.jobs}")
    Path(args.out).write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
