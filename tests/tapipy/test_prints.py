"""What a notebook prints of a Tapis answer reads as that answer.

Every real fixture (fixtures/tapis/*.json) becomes the result objects the real tapipy returns
for it: tapipy's own `tapipy.tapis.TapisResult`, built as `Operation.__call__` builds them from
a response's `result` (a list of objects gives a list of results; an object, one result). Each
is printed as a notebook prints it (`print(job)`, `print(history)`, `print(jobs)`, one
`print` per item, items with `--` between them), and the CLI must read the print to exactly
what it reads from the same data as JSON: the same jobs and events (the bundle in
`--format export`), the same report, the same diagnostics.

Cases: each fixture as served; the same data with every field that holds JSON text (`notes`,
`parameterSet`, `fileInputs`, `subscriptions`, ...) as the objects Tapis has been turning them
into (2026 jobs have `notes` as an object), nested as deep as they go; and what
`getJobSearchList(select='allAttributes')` returns, the real job objects in one list.

Run by `./x test` (step tapipy-prints) with the project's venv, where `./x` installs tapipy:
python -m unittest discover -s tests/tapipy
"""

import contextlib
import io
import json
import os
import subprocess
import tempfile
import unittest
from pathlib import Path

from tapipy.tapis import TapisResult

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures" / "tapis"
CLI = Path(os.environ.get("TJP_CLI", ROOT / "target" / "debug" / "tapis-profile"))
# Later than every fixture, so open jobs are measured to the same moment both times.
AS_OF = "2026-11-20T12:00:00Z"
# Fields Tapis sends as JSON text that a reader of the text keeps as text.
TEXT_FIELDS = {"description", "data"}


def tapipy_result(result):
    """What tapipy returns for a response whose `result` is `result` (tapipy/tapis.py,
    Operation.__call__): a list of TapisResult, or one."""
    if isinstance(result, list):
        if any(type(item) in TapisResult.PRIMITIVE_TYPES for item in result):
            return TapisResult(result)
        return [TapisResult(**item) for item in result]
    return TapisResult(**result)


def result_of(document):
    """The part of a saved answer tapipy hands over: an envelope's `result`, else all of it."""
    if isinstance(document, dict) and "result" in document and "status" in document:
        return document["result"]
    return document


def objectified(value, key=None):
    """`value` with JSON text turned into the objects and lists it holds, at every depth."""
    if isinstance(value, dict):
        return {k: objectified(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [objectified(v) for v in value]
    if isinstance(value, str) and key not in TEXT_FIELDS and value[:1] in "[{":
        try:
            return objectified(json.loads(value))
        except ValueError:
            return value
    return value


def printed(*values, between=None):
    """What `print` writes for each value, as a notebook cell shows it."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        for i, value in enumerate(values):
            if i and between is not None:
                print(between)
            print(value)
    return out.getvalue()


def cases():
    """(name, data as JSON, print) for every fixture, shape and way of printing."""
    jobs = []
    for path in sorted(FIXTURES.glob("*.json")):
        served = result_of(json.loads(path.read_text()))
        for shape, data in (("served", served), ("objects", objectified(served))):
            name = f"{path.stem}.{shape}"
            result = tapipy_result(data)
            yield f"{name}.print", data, printed(result)
            if isinstance(result, list):
                yield f"{name}.each", data, printed(*result)
                yield f"{name}.dashed", data, printed(*result, between="--")
            if shape == "objects" and isinstance(data, dict) and "appId" in data and "id" in data:
                jobs.append(data)
    # getJobSearchList(select='allAttributes'): the full job objects, in one list.
    yield "search-allAttributes.print", jobs, printed(tapipy_result(jobs))
    yield "search-allAttributes.each", jobs, printed(*tapipy_result(jobs), between="--")


def read(folder, text):
    """The CLI's export of one input (the same name whatever its form: a job without a UUID
    is known by it): its jobs' data, its report, its diagnostics."""
    folder.mkdir()
    (folder / "input").write_text(text)
    out = subprocess.run(
        [str(CLI.resolve()), "input", "--format", "export", "--as-of", AS_OF],
        cwd=folder, capture_output=True, text=True, check=False,
    )
    if out.returncode not in (0, 1):
        raise AssertionError(f"{folder.name}: the CLI failed: {out.stderr}")
    if out.returncode == 1:
        return {"nothing read": out.stderr}
    export = json.loads(out.stdout)
    report = export["report"]
    for job in report["jobs"]:
        job.pop("inputs", None)
    diagnostics = [
        {k: v for k, v in d.items() if k not in ("input", "line", "column")}
        for d in report.pop("diagnostics")
    ]
    return {"bundle": export["bundle"]["jobs"], "report": report, "diagnostics": diagnostics}


class PrintsReadAsTheirData(unittest.TestCase):
    def test_every_fixture_printed_every_way_reads_as_its_json(self):
        all_cases = list(cases())
        self.assertGreater(len(all_cases), 50)
        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            for name, data, text in all_cases:
                with self.subTest(name):
                    want = read(tmp / f"{name}.json", json.dumps(data))
                    got = read(tmp / f"{name}.print", text)
                    self.assertIn("bundle", want, f"{name}: the JSON reads")
                    self.assertEqual(got, want, f"{name}: the print reads otherwise:\n{text[:2000]}")

    def test_the_cases_hold_what_the_issue_named(self):
        """Nested objects several levels deep, `notes` flattened, lists of results."""
        texts = {name: text for name, _, text in cases()}
        job_2026 = texts["source-ds-job-41d6ee21-finished-2026.reconstructed.served.print"]
        self.assertIn("\nnotes: \ncategory: Simulation\n", job_2026)
        self.assertIn("\nisInteractive: False\n", job_2026)
        deep = texts["source-ds-job-4dfa35e1-finished-2025.reconstructed.objects.print"]
        self.assertIn("\nparameterSet: \nappArgs: [\narg: ", deep)
        self.assertIn("\nnotes: \nisHidden: True, \n", texts["source-ds-job-41d6ee21-finished-2026.reconstructed.objects.print"])
        self.assertIn("\ndeliveryTargets: [\ndeliveryAddress: ", deep)
        self.assertTrue(texts["search-allAttributes.print"].startswith("[\n_fileInputsSpec: "))


if __name__ == "__main__":
    unittest.main()
