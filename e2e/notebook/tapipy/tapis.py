# A stand-in for tapipy's sign-in, so tests can run docs/export_tapis_jobs.py against the
# local Tapis stand-in: same call shapes (Tapis(base_url, username, password), get_tokens(),
# t.access_token.access_token), the stand-in's token from the environment, no network.
import os
import types


class Tapis:
    def __init__(self, base_url, username, password):
        if base_url != os.environ["STAND_IN_URL"]:
            raise ValueError(f"expected the stand-in's URL, got {base_url}")
        self.base_url = base_url
        self.username = username

    def get_tokens(self):
        self.access_token = types.SimpleNamespace(access_token=os.environ["STAND_IN_TOKEN"])
