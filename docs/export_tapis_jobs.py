# Export your recent Tapis jobs and their histories to one file Tapis Job Profiler reads.
# Run it in a notebook (DesignSafe's JupyterHub has tapipy). Only tapipy and Python's own
# library: the answers are saved exactly as Tapis sends them.
import getpass, json, urllib.error, urllib.parse, urllib.request
from datetime import datetime, timezone
from tapipy.tapis import Tapis

BASE_URL = "https://designsafe.tapis.io"
JOBS = 100  # how many of your newest jobs

t = Tapis(base_url=BASE_URL, username=input("Username: "), password=getpass.getpass())
t.get_tokens()

def tapis_get(path, **params):
    url = f"{BASE_URL}{path}?{urllib.parse.urlencode(params, safe='(),')}"
    request = urllib.request.Request(url, headers={"X-Tapis-Token": t.access_token.access_token})
    with urllib.request.urlopen(request) as response:
        return json.load(response)["result"]

jobs = tapis_get("/v3/jobs/search", listType="MY_JOBS", orderBy="created(desc)",
                 limit=JOBS, select="allAttributes")
bundle = {"format": "tapis-profile-bundle", "version": 1, "jobs": []}
for job in jobs:
    history = []
    try:
        while True:  # pages of 100 events
            page = tapis_get(f"/v3/jobs/{job['uuid']}/history", limit=100, skip=len(history))
            history += page
            if len(page) < 100:
                break
    except urllib.error.HTTPError as e:
        history = []  # a partial history would mislead: keep the job without one
        print(f"{job['uuid']}: no history (HTTP {e.code}); kept without it")
    bundle["jobs"].append({"uuid": job["uuid"], "job": job, "history": history})

# A job still running now is measured up to now, however much later the file is opened.
bundle["capturedAt"] = datetime.now(timezone.utc).isoformat()
with open("tapis-jobs.json", "w") as f:
    json.dump(bundle, f)
print(f"Wrote {len(bundle['jobs'])} jobs to tapis-jobs.json: open it in Tapis Job Profiler.")
