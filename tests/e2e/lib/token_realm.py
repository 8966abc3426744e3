#!/usr/bin/env python3
"""A registry token realm over TLS for the end-to-end tests.

Token signing (RS256 JWTs that distribution 2.8's `auth: token` accepts) comes
from the unit tests' realm, tests/unit/fixtures/upstream/token_server.py; this
one differs in what an e2e test needs:
  - it serves HTTPS (nsgate refuses to send a credential meant for an https
    upstream to a plain-HTTP realm),
  - anonymous requests are granted nothing, so the registry behind it really
    requires the credential; the one --user gets pull and push on every
    repository (push: so the test can fill the registry through the realm),
  - every request is appended to --log as one JSON line:
    {"path", "service", "scopes", "userAgent", "user", "credentials", "granted"}
    where "credentials" is "none", "accepted" or "rejected" and "user" is the
    user name presented (never the password).

Usage: token_realm.py --dir DIR --tls-cert CRT --tls-key KEY --user NAME:PASSWORD --log FILE
       [--service S] [--issuer I] [--expires-in N]
Writes DIR/token.key and DIR/token.crt (the registry's `rootcertbundle`),
listens on 127.0.0.1 on a free port and prints "PORT <n>".
"""

import argparse
import base64
import importlib.util
import json
import os
import ssl
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURE = os.path.join(HERE, "..", "..", "unit", "fixtures", "upstream", "token_server.py")


def load_issuer():
    spec = importlib.util.spec_from_file_location("nsgate_unit_token_server", FIXTURE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.Issuer


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", required=True)
    parser.add_argument("--tls-cert", required=True)
    parser.add_argument("--tls-key", required=True)
    parser.add_argument("--user", required=True)
    parser.add_argument("--log", required=True)
    parser.add_argument("--service", default="e2e-registry")
    parser.add_argument("--issuer", default="e2e-issuer")
    parser.add_argument("--expires-in", type=int, default=300)
    args = parser.parse_args()
    if ":" not in args.user:
        parser.error("--user must be NAME:PASSWORD")

    issuer = load_issuer()(args.dir, args.service, args.issuer)
    lock = threading.Lock()

    def record(entry):
        with lock, open(args.log, "a") as f:
            f.write(json.dumps(entry) + "\n")

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, fmt, *a):
            pass

        def reply(self, status, body, extra=()):
            data = body.encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            for name, value in extra:
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):
            url = urlsplit(self.path)
            query = parse_qs(url.query)
            entry = {"path": url.path, "service": query.get("service", [""])[0],
                     "scopes": query.get("scope", []), "userAgent": self.headers.get("User-Agent", ""),
                     "user": None, "credentials": "none", "granted": []}
            if url.path != "/token":
                record(entry)
                self.reply(404, "{}")
                return
            authorization = self.headers.get("Authorization", "")
            if authorization.startswith("Basic "):
                try:
                    presented = base64.b64decode(authorization[6:], validate=True).decode()
                except ValueError:
                    presented = ""
                entry["user"] = presented.split(":", 1)[0]
                if presented != args.user:
                    entry["credentials"] = "rejected"
                    record(entry)
                    self.reply(401, json.dumps({"details": "bad credentials"}),
                               extra=[("WWW-Authenticate", 'Basic realm="e2e token realm"')])
                    return
                entry["credentials"] = "accepted"

            access = []
            if entry["credentials"] == "accepted":
                for scope in entry["scopes"]:
                    parts = scope.split(":")
                    if len(parts) != 3 or parts[0] != "repository":
                        continue
                    granted = [a for a in parts[2].split(",") if a in ("pull", "push")]
                    if granted:
                        access.append({"type": "repository", "name": parts[1], "actions": granted})
            entry["granted"] = access
            record(entry)
            token = issuer.issue(entry["user"] or "", access, args.expires_in)
            self.reply(200, json.dumps({"token": token, "expires_in": args.expires_in}))

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(args.tls_cert, args.tls_key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    print("PORT %d" % server.server_address[1], flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
