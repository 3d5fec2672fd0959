"""The SQL in sql/ computes what the analysis core computes.

For three sets of jobs — every real fixture (fixtures/tapis/), the hand-made messy set
(fixtures/messy/: duplicated pages, events out of order and in the same microsecond, BLOCKED
and PAUSED re-entries, open jobs, a terminal-only history, an unknown state, a history split
over two files) and 10,000 synthetic jobs made at test time and roughened here (histories
reversed, events duplicated, times made equal) — the CLI writes the data as Tapis' own tables
(`--format tapis-events`, `tapis-jobs`) and as its rows (`--format ndjson`). DuckDB, and
PostgreSQL when the test can start one, load them with sql/<engine>/load-*.sql and run
sql/events.sql and sql/stats.sql unchanged; every job's seconds, visits and open state per
state, and every group's count, sum, min, median, P90 and max per state, bucket and total,
must equal the core's JSON report (`--format json`) within 1 µs (sums: within 1 µs or 1e-12
of their size, as adding in another order may round otherwise). Which jobs are stale (left in
an open state for longer than it can plausibly last) must agree too, and so must the
statistics with stale jobs left out (the default) and counted (`--include-stale`).

Run by `./x test` (step sql-tests) with the project's venv: python -m unittest discover sql/tests
"""

import contextlib
import glob
import json
import os
import random
import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[2]
SQL = ROOT / "sql"
CLI = Path(os.environ.get("TJP_CLI", ROOT / "target" / "debug" / "tapis-profile"))
# Later than every job of every set, so each open state runs to it.
AS_OF = "2025-04-03T00:00:00Z"
# Before the messy set's open RUNNING started: measured as 0 s, not negative.
EARLY_AS_OF = "2025-04-02T09:10:00Z"
MICROSECOND = 1e-6


def cli(*args):
    quiet = [] if args[0] == "synth" else ["-q"]
    run = subprocess.run([str(CLI), *map(str, args), *quiet], capture_output=True, check=False)
    if run.returncode != 0:
        raise AssertionError(f"tapis-profile {' '.join(map(str, args))}: {run.stderr.decode()}")
    return run.stdout


@contextlib.contextmanager
def working_directory(path):
    before = os.getcwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(before)


class JobSet:
    """One set of inputs in a folder of its own, with everything the CLI writes of it."""

    def __init__(self, name, inputs, folder):
        self.name = name
        self.dir = Path(folder) / name
        self.dir.mkdir()
        self.inputs = [str(p) for p in inputs]
        (self.dir / "job_events.ndjson").write_bytes(cli(*self.inputs, "--format", "tapis-events"))
        (self.dir / "jobs.ndjson").write_bytes(cli(*self.inputs, "--format", "tapis-jobs"))
        self.reports = {}

    def report(self, as_of, include_stale=False):
        key = (as_of, include_stale)
        if key not in self.reports:
            flags = ["--as-of", as_of] + (["--include-stale"] if include_stale else [])
            self.reports[key] = json.loads(cli(*self.inputs, "--format", "json", *flags))
            rows = cli(*self.inputs, "--format", "ndjson", *flags)
            (self.dir / f"job_states-{as_of}-{include_stale}.ndjson").write_bytes(rows)
        return self.reports[key]

    def rows_file(self, as_of, include_stale=False):
        self.report(as_of, include_stale)
        shutil.copy(self.dir / f"job_states-{as_of}-{include_stale}.ndjson",
                    self.dir / "job_states.ndjson")


def sql_time(as_of):
    """An RFC 3339 time as an SQL TIMESTAMP literal (UTC, no zone: as Tapis stores times)."""
    return "TIMESTAMP '" + as_of.replace("T", " ").rstrip("Z") + "'"


# --- What the core says ------------------------------------------------------------------

def core_jobs(report):
    """uuid -> facts and {state: (seconds, visits, open)}."""
    out = {}
    for j in report["jobs"]:
        states = {
            s: (seconds, j["visits"][s], j["openState"] == s)
            for s, seconds in j["durations"].items()
        }
        out[j["uuid"]] = {
            "hasHistory": j["hasHistory"],
            "stale": j["stale"] is not None,
            "finalStatus": j["finalStatus"],
            "appId": j["appId"],
            "appVersion": j["appVersion"],
            "execSystem": j["execSystem"],
            "queue": j["queue"],
            "states": states,
        }
    return out


def core_groups(report):
    """(dimension, key) -> (jobs, {(kind, metric): summary})."""
    agg = report["aggregate"]

    def metrics(g):
        out = {}
        if g["total"]:
            out[("total", "total")] = g["total"]
        for kind in ("states", "buckets"):
            for metric, summary in g[kind].items():
                out[(kind[:-1], metric)] = summary
        return out

    out = {("all", "(all jobs)"): (agg["jobs"], metrics(agg))}
    for g in agg["groups"]:
        out[(g["by"], g["key"])] = (g["jobs"], metrics(g))
    return out


# --- What the SQL says -------------------------------------------------------------------

STATE_COLUMNS = ["uuid", "state", "seconds", "visits", "open", "stale", "hasHistory",
                 "finalStatus", "appId", "appVersion", "execSystem", "queue"]
STATS_COLUMNS = ["dimension", "group_key", "kind", "metric", "jobs", "sum_seconds",
                 "min_seconds", "median_seconds", "p90_seconds", "max_seconds"]


def sql_jobs(rows):
    out = {}
    for r in rows:
        job = out.setdefault(r["uuid"], {
            "hasHistory": r["hasHistory"],
            "stale": r["stale"],
            "finalStatus": r["finalStatus"],
            "appId": r["appId"],
            "appVersion": r["appVersion"],
            "execSystem": r["execSystem"],
            "queue": r["queue"],
            "states": {},
        })
        if r["state"] is not None:
            job["states"][r["state"]] = (r["seconds"], r["visits"], r["open"])
    return out


def sql_groups(groups, stats):
    out = {(g["dimension"], g["group_key"]): (g["jobs"], {}) for g in groups}
    for s in stats:
        out[(s["dimension"], s["group_key"])][1][(s["kind"], s["metric"])] = {
            "count": s["jobs"], "sum": s["sum_seconds"], "min": s["min_seconds"],
            "median": s["median_seconds"], "p90": s["p90_seconds"], "max": s["max_seconds"],
        }
    return out


# --- Comparing ---------------------------------------------------------------------------

def close(a, b, scale_free=False):
    if a is None or b is None:
        return a is None and b is None
    slack = MICROSECOND
    if scale_free:
        slack = max(slack, 1e-12 * max(abs(a), abs(b)))
    return abs(a - b) <= slack


def differences(core, sql, check_jobs):
    """Every way the SQL's answer differs from the core's, in words (empty: equal)."""
    found = []
    if check_jobs:
        cj, sj = core_jobs(core["report"]), sql["jobs"]
        if set(cj) != set(sj):
            found.append(f"jobs only in the core: {sorted(set(cj) - set(sj))[:5]}, "
                         f"only in SQL: {sorted(set(sj) - set(cj))[:5]}")
        for uuid in sorted(set(cj) & set(sj)):
            a, b = cj[uuid], sj[uuid]
            for fact in ("hasHistory", "stale", "finalStatus", "appId", "appVersion", "execSystem",
                         "queue"):
                if a[fact] != b[fact]:
                    found.append(f"{uuid} {fact}: core {a[fact]!r}, SQL {b[fact]!r}")
            if set(a["states"]) != set(b["states"]):
                found.append(f"{uuid} states: core {sorted(a['states'])}, SQL {sorted(b['states'])}")
            for state in set(a["states"]) & set(b["states"]):
                (cs, cv, co), (ss, sv, so) = a["states"][state], b["states"][state]
                if not close(cs, ss) or cv != sv or co != so:
                    found.append(f"{uuid} {state}: core {cs} s, {cv} visits, open {co}; "
                                 f"SQL {ss} s, {sv} visits, open {so}")
    cg, sg = core_groups(core["report"]), sql["groups"]
    if set(cg) != set(sg):
        found.append(f"groups only in the core: {sorted(set(cg) - set(sg))[:5]}, "
                     f"only in SQL: {sorted(set(sg) - set(cg))[:5]}")
    for key in sorted(set(cg) & set(sg)):
        (cn, cm), (sn, sm) = cg[key], sg[key]
        if cn != sn:
            found.append(f"{key}: core {cn} jobs, SQL {sn}")
        if set(cm) != set(sm):
            found.append(f"{key} metrics: only in the core {sorted(set(cm) - set(sm))}, "
                         f"only in SQL {sorted(set(sm) - set(cm))}")
        for metric in set(cm) & set(sm):
            a, b = cm[metric], sm[metric]
            if a["count"] != b["count"]:
                found.append(f"{key} {metric} count: core {a['count']}, SQL {b['count']}")
            for stat in ("sum", "min", "median", "p90", "max"):
                if not close(a[stat], b[stat], scale_free=stat == "sum"):
                    found.append(f"{key} {metric} {stat}: core {a[stat]!r}, SQL {b[stat]!r}")
    return found


# --- Engines -----------------------------------------------------------------------------

class DuckDB:
    name = "DuckDB"

    def events(self, job_set, as_of, include_stale):
        db = duckdb.connect()
        with working_directory(job_set.dir):
            db.execute((SQL / "duckdb" / "load-events.sql").read_text())
        db.execute(f"UPDATE tjp_params SET as_of = {sql_time(as_of)}, include_stale = {include_stale}")
        db.execute((SQL / "events.sql").read_text())
        db.execute((SQL / "stats.sql").read_text())
        return db

    def rows(self, job_set, as_of, include_stale):
        job_set.rows_file(as_of, include_stale)
        db = duckdb.connect()
        with working_directory(job_set.dir):
            db.execute((SQL / "duckdb" / "load-rows.sql").read_text())
        db.execute((SQL / "stats.sql").read_text())
        return db

    def query(self, db, sql, columns):
        return [dict(zip(columns, row)) for row in db.execute(sql).fetchall()]


class Postgres:
    """A throwaway PostgreSQL server on a Unix socket in a temporary folder."""

    name = "PostgreSQL"

    def __init__(self):
        found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
        if not found:
            raise RuntimeError("no PostgreSQL server (Debian package postgresql; ./x setup installs it)")
        self.bin = Path(found[-1]).parent
        self.dir = Path(tempfile.mkdtemp(prefix="tjp-postgres-"))
        self.as_server = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.as_server:
            shutil.chown(self.dir, "postgres")
        self.server([self.bin / "initdb", "-D", self.dir / "data", "-A", "trust", "-U", "postgres",
                     "--no-sync", "-E", "UTF8", "--locale", "C"])
        self.server([self.bin / "pg_ctl", "-D", self.dir / "data", "-l", self.dir / "log", "-w",
                     "-o", f"-k {self.dir} -c listen_addresses='' -c fsync=off", "start"])
        self.databases = 0

    def server(self, args):
        subprocess.run(self.as_server + [str(a) for a in args], check=True, capture_output=True)

    def stop(self):
        subprocess.run(self.as_server + [str(self.bin / "pg_ctl"), "-D", str(self.dir / "data"),
                                         "-m", "fast", "-w", "stop"], capture_output=True)
        shutil.rmtree(self.dir, ignore_errors=True)

    def psql(self, db, *args, cwd=None):
        run = subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", str(self.dir),
                              "-U", "postgres", "-d", db, *map(str, args)],
                             capture_output=True, cwd=cwd, check=False)
        if run.returncode != 0:
            raise AssertionError(f"psql {' '.join(map(str, args))}: {run.stderr.decode()}")
        return run.stdout.decode()

    def new_database(self):
        self.databases += 1
        name = f"case{self.databases}"
        self.psql("postgres", "-c", f"CREATE DATABASE {name}")
        return name

    def events(self, job_set, as_of, include_stale):
        db = self.new_database()
        self.psql(db, "-f", SQL / "postgres" / "load-events.sql", cwd=job_set.dir)
        self.psql(db, "-c", f"UPDATE tjp_params SET as_of = {sql_time(as_of)}, "
                            f"include_stale = {include_stale}")
        self.psql(db, "-f", SQL / "events.sql")
        self.psql(db, "-f", SQL / "stats.sql")
        return db

    def rows(self, job_set, as_of, include_stale):
        job_set.rows_file(as_of, include_stale)
        db = self.new_database()
        self.psql(db, "-f", SQL / "postgres" / "load-rows.sql", cwd=job_set.dir)
        self.psql(db, "-f", SQL / "stats.sql")
        return db

    def query(self, db, sql, columns):
        # PostgreSQL folds unquoted names to lower case: appId comes back as appid.
        text = self.psql(db, "-A", "-t", "-c", f"SELECT COALESCE(json_agg(t), '[]') FROM ({sql}) AS t")
        return [{c: r[c.lower()] for c in columns} for r in json.loads(text)]


def answer(engine, db, with_jobs):
    out = {
        "groups": sql_groups(
            engine.query(db, "SELECT dimension, group_key, jobs FROM tjp_groups",
                         ["dimension", "group_key", "jobs"]),
            engine.query(db, f"SELECT {', '.join(STATS_COLUMNS)} FROM tjp_group_stats", STATS_COLUMNS),
        )
    }
    if with_jobs:
        out["jobs"] = sql_jobs(engine.query(
            db, f"SELECT {', '.join(STATE_COLUMNS)} FROM tjp_job_states", STATE_COLUMNS))
    return out


# --- The sets ----------------------------------------------------------------------------

def roughen(bundle_text, seed):
    """The synthetic bundle made as messy as real inputs get: no capture time (so open states
    run to the "as of" time, in the core as in SQL), some histories reversed, some events
    given twice, some status changes in the same microsecond as the one before."""
    rng = random.Random(seed)
    bundle = json.loads(bundle_text)
    for job in bundle["jobs"]:
        job.pop("capturedAt", None)
        history = job["history"]
        statuses = [i for i, e in enumerate(history) if e["event"] == "JOB_NEW_STATUS"]
        if rng.random() < 0.05 and len(statuses) > 2:
            i = statuses[rng.randrange(1, len(statuses))]
            before = max(k for k in statuses if k < i)
            history[i]["created"] = history[before]["created"]
        if rng.random() < 0.05:
            history.append(dict(history[rng.choice(statuses)]))
        if rng.random() < 0.10:
            history.reverse()
    return json.dumps(bundle)


class Sets:
    """The three sets, made once for every test."""

    folder = None
    sets = {}

    @classmethod
    def make(cls):
        cls.folder = tempfile.mkdtemp(prefix="tjp-sql-")
        fixtures = sorted(p for p in (ROOT / "fixtures" / "tapis").iterdir()
                          if p.suffix in (".json", ".txt"))
        messy = sorted(p for p in (ROOT / "fixtures" / "messy").iterdir()
                       if p.suffix in (".json", ".ndjson"))
        synthetic = Path(cls.folder) / "synthetic-10000.json"
        synthetic.write_text(roughen(
            cli("synth", "--jobs", 10000, "--seed", 11, "--zombies", 40).decode(), 11))
        cls.sets = {
            "fixtures": JobSet("fixtures", fixtures, cls.folder),
            "messy": JobSet("messy", messy, cls.folder),
            "synthetic": JobSet("synthetic", [synthetic], cls.folder),
        }

    @classmethod
    def clean(cls):
        if cls.folder:
            shutil.rmtree(cls.folder, ignore_errors=True)


POSTGRES = None


def setUpModule():
    global POSTGRES
    Sets.make()
    POSTGRES = Postgres()


def tearDownModule():
    if POSTGRES:
        POSTGRES.stop()
    Sets.clean()


class Equality:
    """The same checks for each engine."""

    engine = None
    maxDiff = None

    def check(self, name, path, as_of=AS_OF, include_stale=False):
        job_set = Sets.sets[name]
        core = {"report": job_set.report(as_of, include_stale)}
        if path == "events":
            db = self.engine.events(job_set, as_of, include_stale)
        else:
            db = self.engine.rows(job_set, as_of, include_stale)
        # The rows path reads the core's own per-state numbers; its jobs are checked too,
        # which proves the rows carry them, and its groups are the SQL's own statistics.
        found = differences(core, answer(self.engine, db, with_jobs=True), check_jobs=True)
        self.assertEqual(found[:20], [], f"{self.engine.name}, {name}, {path}: "
                                         f"{len(found)} differences")
        return core["report"]

    def test_real_fixtures_from_tapis_tables(self):
        report = self.check("fixtures", "events")
        self.assertGreater(len(report["jobs"]), 10)

    def test_real_fixtures_from_cli_rows(self):
        self.check("fixtures", "rows")

    def test_real_fixtures_stale_jobs_counted(self):
        report = self.check("fixtures", "events", include_stale=True)
        # The 2023 STAGING_INPUTS notification and RUNNING job object are stale either way.
        stale = [j["uuid"][:8] for j in report["jobs"] if j["stale"]]
        self.assertIn("6d4eb881", stale)
        self.assertIn("2515bccb", stale)
        self.assertEqual(report["aggregate"]["jobs"], len(report["jobs"]))

    def test_messy_set_from_tapis_tables(self):
        report = self.check("messy", "events")
        # The set holds what the proof claims: duplicates, disorder, re-entries, an open job.
        said = " ".join(d["message"] for d in report["diagnostics"])
        self.assertIn("exact duplicate", said)
        self.assertIn("not in time order", said)
        visits = [v for j in report["jobs"] for v in j["visits"].values()]
        self.assertGreaterEqual(max(visits), 3)
        self.assertTrue(any(j["openState"] for j in report["jobs"]))

    def test_messy_set_with_open_states_not_yet_started(self):
        report = self.check("messy", "events", as_of=EARLY_AS_OF)
        running = [j for j in report["jobs"] if j["openState"] == "RUNNING"]
        self.assertEqual([j["durations"]["RUNNING"] for j in running], [0.0])

    def test_messy_set_from_cli_rows(self):
        self.check("messy", "rows")

    def test_10000_synthetic_jobs_from_tapis_tables(self):
        report = self.check("synthetic", "events")
        self.assertEqual(len(report["jobs"]), 10000)
        blocked = [j for j in report["jobs"] if "BLOCKED" in j["durations"]]
        self.assertGreater(len(blocked), 50)
        self.assertTrue(any(j["openState"] for j in report["jobs"]))
        # The zombies (and the jobs still active weeks before AS_OF) are stale, left out.
        stale = [j for j in report["jobs"] if j["stale"]]
        self.assertGreaterEqual(len(stale), 40)
        self.assertEqual(report["aggregate"]["jobs"], 10000 - len(stale))

    def test_10000_synthetic_jobs_from_cli_rows(self):
        self.check("synthetic", "rows")

    def test_10000_synthetic_jobs_stale_counted(self):
        report = self.check("synthetic", "rows", include_stale=True)
        self.assertEqual(report["aggregate"]["jobs"], 10000)


class DuckDBEquality(Equality, unittest.TestCase):
    engine = DuckDB()


class PostgresEquality(Equality, unittest.TestCase):
    @property
    def engine(self):
        return POSTGRES


if __name__ == "__main__":
    unittest.main()
