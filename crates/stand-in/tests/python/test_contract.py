"""The stand-in against the Jobs API's own contract: tapipy's OpenAPI spec
(tapipy/resources/openapi_v3-jobs.yml). Every answer the app and tapipy read is validated
against its schema; where real Tapis itself departs from the spec, the stand-in does as Tapis
does, and the departure is listed in SPEC_GAPS, each one checked to occur (so the list stays
true) and nothing else allowed to fail."""
import base64
import json
import re
import unittest
from pathlib import Path

import jwt
import tapipy
import yaml
from jsonschema import RefResolver
from openapi_schema_validator import OAS30Validator

from stand_in import StandIn, app_select

SPEC = yaml.safe_load((Path(tapipy.__file__).parent / "resources" / "openapi_v3-jobs.yml").read_text())
SCHEMAS = SPEC["components"]["schemas"]

# Where Tapis' real answers (fixtures/tapis/, API.md) differ from the spec, as (schema,
# property or None, why). The stand-in sends what Tapis sends.
SPEC_GAPS = {
    ("*", "nullable"): "Tapis serialises with Gson's serializeNulls: unset fields are null, "
                       "but no property is declared nullable",
    ("Job", "notes"): "notes is an object in 2026 payloads (a JSON string before)",
    ("Job", "sharedAppCtx"): "a boolean in 2023 payloads (fixtures/tapis/source-dsportal-*)",
    ("Job", "mpi"): "the spec's mpi is sent as isMpi (the Java getter's name)",
    ("RespBasic", "401"): "a 401 from the JWT filter is plain text, not a RespBasic",
}
# Timestamps read back from the jobs table: at most microseconds (API.md §2.5).
DB_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3}|\.\d{6})?Z$")
JOB_TIMES = ["created", "ended", "lastUpdated", "remoteSubmitted", "remoteStarted", "remoteEnded",
             "remoteLastStatusCheck"]


def violations(instance, schema_name):
    """Every way `instance` breaks the spec's schema, as (schema path, message)."""
    validator = OAS30Validator(SCHEMAS[schema_name], resolver=RefResolver.from_schema(SPEC))
    return [(list(e.absolute_path), e.instance, e.message) for e in validator.iter_errors(instance)]


def explained(path, value):
    """The SPEC_GAPS entry that explains one violation (of `value` at `path`), or None."""
    if value is None:
        return ("*", "nullable")
    key = next((p for p in reversed(path) if isinstance(p, str)), None)
    if key in ("notes", "sharedAppCtx") and ("Job", key) in SPEC_GAPS:
        return ("Job", key)
    return None


class TheStandInKeepsTheContract(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.stand_in = StandIn("--fixtures", "fixtures/tapis", "--synthetic", "40", "--seed", "8")
        cls.seen_gaps = set()

    @classmethod
    def tearDownClass(cls):
        cls.stand_in.stop()
        # Every listed gap was met in the answers (the 401 and mpi ones by their own tests).
        missing = set(SPEC_GAPS) - cls.seen_gaps
        assert not missing, f"listed spec gaps never seen: {missing}"

    def answer(self, route, schema_name, status=200):
        code, content_type, text = self.stand_in.get(route)
        self.assertEqual(code, status, text)
        self.assertEqual(content_type, "application/json", route)
        body = json.loads(text)
        for path, value, message in violations(body, schema_name):
            gap = explained(path, value)
            self.assertIsNotNone(gap, f"{route}: {path}: {message}")
            self.seen_gaps.add(gap)
        return body

    def test_every_answer_fits_its_schema_but_for_the_listed_gaps(self):
        listing = self.answer("/v3/jobs/list?limit=100&orderBy=created(desc)", "RespGetJobList")
        self.assertEqual(len(listing["result"]), 44)
        everything = self.answer("/v3/jobs/search?limit=100&select=allAttributes&computeTotal=true",
                                 "RespJobSearchAllAttributes")
        self.assertEqual(everything["metadata"]["totalCount"], 44)
        selected = self.answer(f"/v3/jobs/search?limit=100&select={app_select()}", "RespJobSearchAllAttributes")
        for job in everything["result"]:
            one = self.answer(f"/v3/jobs/{job['uuid']}", "RespGetJob")["result"]
            self.assertEqual(one, job, "the search and the job agree")
            history = self.answer(f"/v3/jobs/{job['uuid']}/history?limit=100&skip=0", "RespJobHistory")
            self.assertEqual(history["metadata"]["totalCount"], -1)
            for event in history["result"]:
                self.assertRegex(event["created"], DB_TIME)
        by_uuid = {j["uuid"]: j for j in everything["result"]}
        for item in selected["result"]:
            full = by_uuid[item["uuid"]]
            self.assertEqual(item, {k: full[k] for k in item}, "a selected key has the job's value")
        missing = self.answer("/v3/jobs/nope", "RespName", status=404)
        self.assertEqual((missing["status"], missing["result"]), ("success", {"name": "nope"}))

    def test_every_key_of_the_spec_is_sent_with_nulls_where_unset(self):
        spec_keys = set(SCHEMAS["Job"]["properties"])
        for job in self.answer("/v3/jobs/search?limit=100&select=allAttributes", "RespJobSearchAllAttributes")["result"]:
            keys = set(job)
            self.assertEqual(spec_keys - keys, {"mpi"}, job["uuid"])
            self.assertIn("isMpi", keys)
            for key in JOB_TIMES:
                if job[key] is not None:
                    self.assertRegex(job[key], DB_TIME, f"{job['uuid']} {key}")
            if job["status"] not in ("FINISHED", "FAILED", "CANCELLED"):
                self.assertIsNone(job["ended"])
        self.seen_gaps.add(("Job", "mpi"))

    def test_select_takes_the_tables_columns_and_refuses_the_rest(self):
        for columns in ["visible,tapisQueue,mpi", "archiveMode,sharedAppCtxAttribs,createdbyTenant"]:
            code, _, text = self.stand_in.get(f"/v3/jobs/search?limit=1&select={columns}")
            self.assertEqual(code, 200, text)
            item = json.loads(text)["result"][0]
            self.assertEqual(set(item), (set(columns.split(",")) - {"mpi"}) | {"uuid"})
        code, _, text = self.stand_in.get("/v3/jobs/search?select=uuid,isMpi")
        self.assertEqual(code, 400)
        self.assertIn("isMpi", json.loads(text)["message"])
        code, _, text = self.stand_in.get("/v3/jobs/search?limit=1&select=id,name")
        self.assertEqual(set(json.loads(text)["result"][0]), {"id", "name"}, "with id, no uuid is added")

    def test_a_refused_token_is_plain_text_and_a_token_is_a_valid_jwt(self):
        code, content_type, text = self.stand_in.get("/v3/jobs/list", token="not-a-jwt")
        self.assertEqual(code, 401)
        self.assertTrue(content_type.startswith("text/plain"))
        with self.assertRaises(ValueError):
            json.loads(text)
        self.seen_gaps.add(("RespBasic", "401"))
        token = self.stand_in.token
        claims = jwt.decode(token, options={"verify_signature": False}, algorithms=["RS256"])
        self.assertEqual(claims["tapis/tenant_id"], "designsafe")
        header, payload, signature = token.split(".")
        self.assertEqual(len(base64.urlsafe_b64decode(signature + "==")), 256)
        self.assertNotIn("=", header + payload + signature)


if __name__ == "__main__":
    unittest.main()
