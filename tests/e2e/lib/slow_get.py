#!/usr/bin/env python3
"""A deliberately slow HTTP/1.1 GET for the end-to-end tests (stdlib only).

Reads the body at about --rate bytes per second through a small receive
buffer, so the transfer stays in flight on the server for as long as the test
needs (curl --limit-rate lets the kernel's autotuned buffers swallow megabytes
at once). The body goes to --out as it arrives. Once the first body bytes are
written, the line "started" is appended to --out.status; at the end one of
"complete N", "cut N" (the connection ended before Content-Length bytes) or
"timeout N".

Exit status: 0 complete, 1 cut, 2 no 200 answer, 4 timeout.
"""

import argparse
import socket
import sys
import time
import urllib.parse


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--url", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--rate", type=int, default=1 << 20, help="bytes per second")
    p.add_argument("--timeout", type=float, default=60.0)
    a = p.parse_args()

    u = urllib.parse.urlsplit(a.url)
    deadline = time.monotonic() + a.timeout
    status_file = open(a.out + ".status", "w", buffering=1)
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    # Before connect, so the advertised window stays small.
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 32 * 1024)
    s.settimeout(a.timeout)
    s.connect((u.hostname, u.port))
    target = u.path + ("?" + u.query if u.query else "")
    s.sendall(f"GET {target} HTTP/1.1\r\nHost: {u.netloc}\r\nUser-Agent: slow_get\r\nConnection: close\r\n\r\n".encode())

    head = b""
    while b"\r\n\r\n" not in head:
        chunk = s.recv(4096)
        if not chunk:
            print(f"slow_get: no answer: {head[:200]!r}", file=sys.stderr)
            return 2
        head += chunk
    head, _, body = head.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    if lines[0].split()[1] != "200":
        print(f"slow_get: {lines[0]}", file=sys.stderr)
        return 2
    length = None
    for line in lines[1:]:
        name, _, value = line.partition(":")
        if name.strip().lower() == "content-length":
            length = int(value.strip())
    if length is None:
        print("slow_get: no Content-Length", file=sys.stderr)
        return 2

    got = 0
    started = time.monotonic()
    with open(a.out, "wb") as out:
        def take(data):
            nonlocal got
            out.write(data)
            out.flush()
            if got == 0 and data:
                status_file.write("started\n")
            got += len(data)

        take(body)
        while got < length:
            now = time.monotonic()
            if now >= deadline:
                status_file.write(f"timeout {got}\n")
                return 4
            # Pace by the average since the body began.
            ahead = got / a.rate - (now - started)
            if ahead > 0:
                time.sleep(min(ahead, deadline - now))
                continue
            s.settimeout(max(0.1, deadline - now))
            try:
                chunk = s.recv(min(16384, length - got))
            except socket.timeout:
                continue
            except OSError as e:
                print(f"slow_get: {e}", file=sys.stderr)
                chunk = b""
            if not chunk:
                status_file.write(f"cut {got}\n")
                return 1
            take(chunk)
    status_file.write(f"complete {got}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
