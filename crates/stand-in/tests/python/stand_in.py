"""The stand-in tenant (crates/stand-in) for the Python tests: started on a free loopback port,
with the network beyond loopback closed to this process (offline/sitecustomize.py, also
imported here, for `python -m unittest` runs that did not set PYTHONPATH)."""
import json
import os
import re
import subprocess
import sys
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[3]
OFFLINE = HERE / "offline"
sys.path.insert(0, str(OFFLINE))
import sitecustomize  # noqa: E402,F401  (the loopback-only guard)

BIN = Path(os.environ.get("TJP_STAND_IN", ROOT / "target" / "debug" / "tapis-stand-in"))


class StandIn:
    """A running stand-in: `url`, `token`, and its control endpoints."""

    def __init__(self, *args):
        if not BIN.exists():
            raise RuntimeError(f"{BIN} is missing: cargo build -p tapis-stand-in")
        self.proc = subprocess.Popen([str(BIN), "--addr", "127.0.0.1:0", *args], cwd=ROOT,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        out = ""
        while not (re.search(r"at (http://\S+)", out) and "only): " in out):
            line = self.proc.stdout.readline()
            if not line:
                raise RuntimeError(f"the stand-in did not start: {out}{self.proc.stderr.read()}")
            out += line
        self.url = re.search(r"at (http://127\.0\.0\.1:\d+)", out).group(1)
        self.token = re.search(r"only\): (\S+)", out).group(1)

    def call(self, method, route, body=None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(f"{self.url}{route}", data=data, method=method,
                                         headers={"content-type": "application/json"})
        with urllib.request.urlopen(request) as response:
            text = response.read()
            return json.loads(text) if text else None

    def get(self, route, token=None):
        """(status, content type, body text) of a GET as a client sends it."""
        request = urllib.request.Request(f"{self.url}{route}",
                                         headers={"X-Tapis-Token": token or self.token})
        try:
            with urllib.request.urlopen(request) as response:
                return response.status, response.headers.get("content-type"), response.read().decode()
        except urllib.error.HTTPError as e:
            return e.code, e.headers.get("content-type"), e.read().decode()

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=10)
        self.proc.stdout.close()
        self.proc.stderr.close()


def app_select():
    """The app's own `select` list (src/live/model/api.rs, SEARCH_SELECT)."""
    text = (ROOT / "src" / "live" / "model" / "api.rs").read_text()
    body = re.search(r'pub const SEARCH_SELECT: &str = "(.*?)";', text, re.S).group(1)
    return re.sub(r"\\\n\s*", "", body)
