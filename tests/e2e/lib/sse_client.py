#!/usr/bin/env python3
"""A small Server-Sent Events client for the end-to-end tests (stdlib only).

Connects to nsgate's GET /admin/v1/events/stream and appends one line per
received event to --out as it arrives (flushed, so a test can poll the file):

    open <status>            once the response headers are in
    id <seq>                 per event, after checking it is well formed
    keepalive                per ": keepalive" comment
    eof                      the server ended the stream
    stopped                  --max-events reached; the client hung up itself

Every event must carry `id:`, `event: request` and a JSON `data:` line whose
"seq" equals the id; anything else is a protocol error (exit 3). Each ended
record is checked as a whole, never a prefix, so a test never counts an event
it did not fully receive.

Exit status: 0 on eof or stopped, 2 when the connection failed or the response
was not an event stream, 3 on a protocol error, 4 on timeout (--timeout bounds
the whole run).
"""

import argparse
import http.client
import json
import socket
import sys
import time
import urllib.parse


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--url", required=True, help="http://host:port/admin/v1/events/stream[?after=N]")
    p.add_argument("--token-file", help="file holding the bearer token")
    p.add_argument("--last-event-id", help="send Last-Event-ID")
    p.add_argument("--max-events", type=int, default=0, help="hang up after this many events (0: never)")
    p.add_argument("--timeout", type=float, default=30.0, help="bound on the whole run, seconds")
    p.add_argument("--out", required=True)
    a = p.parse_args()

    deadline = time.monotonic() + a.timeout
    out = open(a.out, "a", buffering=1)

    def record(line):
        out.write(line + "\n")
        out.flush()

    u = urllib.parse.urlsplit(a.url)
    headers = {"Accept": "text/event-stream"}
    if a.token_file:
        with open(a.token_file) as f:
            headers["Authorization"] = "Bearer " + f.read().strip()
    if a.last_event_id is not None:
        headers["Last-Event-ID"] = a.last_event_id
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=max(0.1, deadline - time.monotonic()))
    try:
        conn.request("GET", u.path + ("?" + u.query if u.query else ""), headers=headers)
        resp = conn.getresponse()
    except OSError as e:
        print(f"sse_client: connect: {e}", file=sys.stderr)
        return 2
    record(f"open {resp.status}")
    ctype = resp.getheader("Content-Type", "")
    if resp.status != 200 or not ctype.startswith("text/event-stream"):
        print(f"sse_client: status {resp.status}, content-type {ctype!r}: {resp.read(2000)!r}", file=sys.stderr)
        return 2

    received = 0
    fields = {}
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            print("sse_client: timeout", file=sys.stderr)
            return 4
        conn.sock.settimeout(remaining)
        try:
            raw = resp.readline(1 << 20)
        except socket.timeout:
            print("sse_client: timeout", file=sys.stderr)
            return 4
        except (http.client.IncompleteRead, OSError) as e:
            # A server cutting a chunked stream short is an end too, not a hang.
            print(f"sse_client: stream ended: {e}", file=sys.stderr)
            record("eof")
            return 0
        if not raw:
            if fields:
                print(f"sse_client: stream ended inside a record: {fields}", file=sys.stderr)
                return 3
            record("eof")
            return 0
        if not raw.endswith(b"\n"):
            # EOF in the middle of a line: an event that never finished.
            print(f"sse_client: truncated line {raw[:80]!r}", file=sys.stderr)
            record("eof")
            return 0
        line = raw.decode("utf-8").rstrip("\r\n")
        if line == "":
            if not fields:
                continue
            if set(fields) != {"id", "event", "data"} or fields["event"] != "request":
                print(f"sse_client: malformed record {fields}", file=sys.stderr)
                return 3
            seq = int(fields["id"])
            data = json.loads(fields["data"])
            if data.get("seq") != seq:
                print(f"sse_client: id {seq} but data.seq {data.get('seq')}", file=sys.stderr)
                return 3
            record(f"id {seq}")
            fields = {}
            received += 1
            if a.max_events and received >= a.max_events:
                record("stopped")
                conn.close()
                return 0
            continue
        if line.startswith(":"):
            if line.strip() == ": keepalive":
                record("keepalive")
            continue
        name, _, value = line.partition(":")
        if value.startswith(" "):
            value = value[1:]
        if name in fields:
            print(f"sse_client: field {name} twice in one record", file=sys.stderr)
            return 3
        fields[name] = value


if __name__ == "__main__":
    sys.exit(main())
