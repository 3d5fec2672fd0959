"""The real tapipy (PyPI, pinned in tools/python-requirements.txt) as a client of the stand-in tenant:
signing in, listing, searching with every attribute and with the app's own select, one job,
and a history longer than a page. What a researcher's notebook does, against the stand-in."""
import json
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

from stand_in import OFFLINE, ROOT, StandIn, app_select

from tapipy.tapis import Tapis  # after stand_in: its specs load with the network closed


class TapipyAgainstTheStandIn(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.stand_in = StandIn("--fixtures", "fixtures/tapis", "--synthetic", "30", "--seed", "5")
        # One job with 230 events: three pages of history.
        cls.long = "4dfa35e1-15cd-48fd-a090-f348544dee1f-007"
        for i in range(218):
            cls.stand_in.call("POST", f"/_stand-in/jobs/{cls.long}/events", {
                "event": "JOB_USER_EVENT", "created": "2025-05-07T22:21:00.000001Z",
                "eventDetail": "DEFAULT", "description": f"note {i}", "transferTaskUuid": None,
                "transferSummary": {}})
        cls.t = Tapis(base_url=cls.stand_in.url, username="testuser", password="not-checked")
        cls.t.get_tokens()

    @classmethod
    def tearDownClass(cls):
        cls.stand_in.stop()

    def test_sign_in_finds_the_tenant_and_decodes_the_token(self):
        self.assertEqual(self.t.tenant_id, "designsafe")
        claims = self.t.access_token.claims
        self.assertEqual((claims["tapis/username"], claims["tapis/tenant_id"]), ("testuser", "designsafe"))
        self.assertGreater(self.t.access_token.expires_in().total_seconds(), 3 * 3600)

    def test_get_job_list_gives_summaries_newest_first(self):
        jobs = self.t.jobs.getJobList(limit=10, orderBy="created(desc)", computeTotal=True)
        self.assertEqual(len(jobs), 10)
        created = [j.created for j in jobs]
        self.assertEqual(created, sorted(created, reverse=True))
        self.assertEqual(set(vars(jobs[0])), {"uuid", "name", "owner", "appId", "created", "status", "condition",
                                              "remoteStarted", "ended", "tenant", "execSystemId",
                                              "archiveSystemId", "appVersion", "lastUpdated"})
        self.assertTrue(all(j.condition is None for j in jobs), "the list query never selects condition")

    def test_search_with_all_attributes_equals_get_job(self):
        jobs = self.t.jobs.getJobSearchList(limit=100, orderBy="created(desc)", select="allAttributes",
                                            listType="MY_JOBS", computeTotal=True)
        self.assertEqual(len(jobs), 34)  # 30 synthetic and 4 real jobs
        for job in jobs[:8] + jobs[-4:]:
            one = self.t.jobs.getJob(jobUuid=job.uuid)
            self.assertEqual(vars(one).keys(), vars(job).keys(), job.uuid)
            self.assertEqual(str(one), str(job), job.uuid)

    def test_search_with_the_apps_select_gives_those_keys_only(self):
        select = app_select()
        jobs = self.t.jobs.getJobSearchList(limit=5, skip=5, orderBy="created(desc)", select=select,
                                            computeTotal=True, _tapis_query_parameters={"status.eq": "FINISHED"})
        self.assertTrue(jobs)
        for job in jobs:
            self.assertEqual(set(vars(job)), set(select.split(",")), job.uuid)
            self.assertEqual(job.status, "FINISHED")
        with self.assertRaises(Exception) as refused:
            self.t.jobs.getJobSearchList(select="uuid,isMpi")
        self.assertIn("isMpi", str(refused.exception))

    def test_history_pages_past_100(self):
        events = []
        while True:
            page = self.t.jobs.getJobHistory(jobUuid=self.long, limit=100, skip=len(events))
            events += page
            if len(page) < 100:
                break
        self.assertEqual(len(events), 230)
        self.assertEqual(events[0].eventDetail, "PENDING")
        self.assertEqual(json.loads(events[0].description)["jobUuid"], self.long)
        self.assertEqual(events[-1].description, "note 217")

    def test_nothing_beyond_loopback_can_be_reached_from_these_tests(self):
        import urllib.request
        for url in ["https://raw.githubusercontent.com/tapis-project/tapipy/prod/tapipy/resources/openapi_v3-jobs.yml",
                    "https://designsafe.tapis.io/v3/jobs/list"]:
            with self.assertRaises(OSError):
                urllib.request.urlopen(url, timeout=5)

    def test_an_unknown_job_is_a_404(self):
        with self.assertRaises(Exception) as missing:
            self.t.jobs.getJob(jobUuid="no-such-job")
        self.assertIn("JOBS_JOB_NOT_FOUND", str(missing.exception))

    def test_the_notebook_export_script_runs_unchanged_but_for_its_tenant(self):
        script = (ROOT / "docs" / "export_tapis_jobs.py").read_text()
        script = script.replace('BASE_URL = "https://designsafe.tapis.io"', f'BASE_URL = "{self.stand_in.url}"')
        with tempfile.TemporaryDirectory() as tmp:
            (Path(tmp) / "export.py").write_text(script)
            run = subprocess.run([sys.executable, "export.py"], cwd=tmp, input="testuser\nsecret\n",
                                 capture_output=True, text=True, timeout=120,
                                 env={"PYTHONPATH": str(OFFLINE), "PATH": "/usr/bin:/bin"})
            self.assertEqual(run.returncode, 0, run.stderr)
            self.assertIn("Wrote 34 jobs to tapis-jobs.json", run.stdout)
            bundle = json.loads((Path(tmp) / "tapis-jobs.json").read_text())
        self.assertEqual(len(bundle["jobs"]), 34)
        lengths = {j["uuid"]: len(j["history"]) for j in bundle["jobs"]}
        self.assertEqual(lengths[self.long], 230)
        self.assertNotIn(self.t.access_token.access_token, json.dumps(bundle))


if __name__ == "__main__":
    unittest.main()
