# Loaded by every Python process started with this folder on PYTHONPATH (the tapipy tests and
# the notebook export script they run): a network connection to anything but this machine's
# loopback fails at once, so a test proves that tapipy, its OpenAPI specs included, fetches
# nothing from the internet.
import sys

LOOPBACK = {"127.0.0.1", "::1", "localhost"}


def _only_loopback(event, args):
    if event == "socket.getaddrinfo" and args and str(args[0]) not in LOOPBACK:
        raise ConnectionRefusedError(f"offline test: no network beyond loopback (asked for {args[0]})")
    if event == "socket.connect" and len(args) > 1 and isinstance(args[1], tuple):
        host = str(args[1][0])
        if host not in LOOPBACK:
            raise ConnectionRefusedError(f"offline test: no network beyond loopback ({host})")


sys.addaudithook(_only_loopback)
