#!/usr/bin/env python3
"""A minimal registry upstream that serves raw blobs, for fault tests.

It answers `GET /v2/` and `HEAD`/`GET /v2/<name>/blobs/sha256:<hex>` for any
repository name from files named `<hex>` in --blobs DIR, with the true
Content-Length. Misbehaviour on demand:

  --corrupt       every blob body has its first byte flipped: the announced
                  length is right, the bytes do not match the digest
  --rate N        send each body at about N bytes per second (0: unthrottled)

`POST /_control/rate?bps=N` changes the rate while running (tests lift the
throttle after a kill). One line per request goes to --log:
`METHOD PATH STATUS`, written when the answer starts, so a test can see a GET
arrive while its body is still trickling. The bound port is written to
--port-file once the socket listens (poll for it; never sleep).

Usage: blob_upstream.py --blobs DIR --port-file FILE --log FILE [--corrupt] [--rate N]
"""

import argparse
import http.server
import os
import re
import socketserver
import sys
import threading
import time
import urllib.parse

BLOB_PATH = re.compile(r"^/v2/[a-z0-9._/-]+/blobs/sha256:([a-f0-9]{64})$")
CHUNK = 64 * 1024


class State:
    def __init__(self, args):
        self.blobs = args.blobs
        self.corrupt = args.corrupt
        self.rate = args.rate
        self.log_lock = threading.Lock()
        self.log = open(args.log, "a", buffering=1)

    def record(self, method, path, status):
        with self.log_lock:
            self.log.write(f"{method} {path} {status}\n")
            self.log.flush()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "blob-upstream"

    def log_message(self, fmt, *args):  # the --log file is the access log
        pass

    def answer(self, status, body=b"", content_type="application/json"):
        self.server.state.record(self.command, self.path, status)
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Docker-Distribution-API-Version", "registry/2.0")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_POST(self):
        url = urllib.parse.urlsplit(self.path)
        if url.path == "/_control/rate":
            self.server.state.rate = int(urllib.parse.parse_qs(url.query)["bps"][0])
            return self.answer(200, b"{}")
        self.answer(405, b'{"errors":[{"code":"UNSUPPORTED","message":"read-only"}]}')

    def do_HEAD(self):
        self.do_GET()

    def do_GET(self):
        state = self.server.state
        path = urllib.parse.urlsplit(self.path).path
        if path in ("/v2/", "/v2"):
            return self.answer(200, b"{}")
        m = BLOB_PATH.match(path)
        file = os.path.join(state.blobs, m.group(1)) if m else None
        if not file or not os.path.isfile(file):
            return self.answer(404, b'{"errors":[{"code":"BLOB_UNKNOWN","message":"blob unknown"}]}')
        size = os.path.getsize(file)
        state.record(self.command, self.path, 200)
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(size))
        self.send_header("Docker-Content-Digest", "sha256:" + m.group(1))
        self.send_header("Docker-Distribution-API-Version", "registry/2.0")
        self.end_headers()
        if self.command == "HEAD":
            return
        sent = 0
        started = time.monotonic()
        try:
            with open(file, "rb") as f:
                while True:
                    chunk = f.read(CHUNK)
                    if not chunk:
                        break
                    if state.corrupt and sent == 0:
                        chunk = bytes([chunk[0] ^ 0xFF]) + chunk[1:]
                    self.wfile.write(chunk)
                    sent += len(chunk)
                    rate = state.rate
                    if rate > 0:
                        # Throttle: stay behind `rate` bytes per second on average.
                        ahead = sent / rate - (time.monotonic() - started)
                        if ahead > 0:
                            time.sleep(min(ahead, 0.5))
        except (BrokenPipeError, ConnectionResetError):
            pass  # the proxy went away (the kill test does exactly that)


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--blobs", required=True, help="directory of blob files named by their sha256 hex")
    ap.add_argument("--port-file", required=True, help="written with the bound port once listening")
    ap.add_argument("--log", required=True, help="one line per request: METHOD PATH STATUS")
    ap.add_argument("--corrupt", action="store_true", help="flip the first byte of every blob body")
    ap.add_argument("--rate", type=int, default=0, help="body bytes per second (0: unthrottled)")
    args = ap.parse_args()

    server = Server(("127.0.0.1", 0), Handler)
    server.state = State(args)
    tmp = args.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write(f"{server.server_address[1]}\n")
    os.replace(tmp, args.port_file)
    server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
