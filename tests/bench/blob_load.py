#!/usr/bin/env python3
"""Warm-blob load for tests/bench/proxy_vs_distribution.sh (stdlib only).

Forks --clients processes; each keeps one HTTP/1.1 connection open and GETs
--url back to back until --seconds have passed, then finishes the answer in
flight (so every byte the server sent belongs to a complete answer and the
server's CPU time divides by bytes that count). Bodies are read into one
reused buffer and dropped: the client should cost as little CPU as the kernel
copy allows, since it shares the machine with the server being measured.

Only complete 200 answers of exactly --size bytes count. Prints one JSON
object: per-client and total complete answers and bytes, failures, and
rate_bps = the sum over clients of (complete bytes / that client's time from
its start to the end of its last complete answer), which does not charge the
clients that finished early for the one still draining its last answer.
"""

import argparse
import json
import os
import socket
import sys
import time
import urllib.parse

BUF = 1 << 20


class Failure(Exception):
    pass


def read_head(sock, buf):
    """Read through the header block: (status, Content-Length, body bytes already read, Connection: close)."""
    data = b""
    while b"\r\n\r\n" not in data:
        n = sock.recv_into(buf, BUF)
        if n == 0:
            raise Failure("connection closed before the header block ended")
        data += bytes(buf[:n])
        if b"\r\n\r\n" not in data and len(data) > 65536:
            raise Failure("header block over 64 KiB")
    head, _, rest = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    parts = lines[0].split(" ", 2)
    if len(parts) < 2 or not parts[0].startswith("HTTP/1."):
        raise Failure("bad status line %r" % lines[0][:80])
    status = int(parts[1])
    length = None
    close = False
    for line in lines[1:]:
        name, _, value = line.partition(":")
        name = name.strip().lower()
        if name == "content-length":
            length = int(value.strip())
        elif name == "connection" and value.strip().lower() == "close":
            close = True
        elif name == "transfer-encoding":
            raise Failure("chunked answer: want Content-Length")
    if length is None:
        raise Failure("no Content-Length")
    return status, length, len(rest), close


def client(url, size, seconds, extra_headers, out_fd):
    u = urllib.parse.urlsplit(url)
    target = u.path + ("?" + u.query if u.query else "")
    request = ("GET %s HTTP/1.1\r\nHost: %s\r\nUser-Agent: nsgate-bench\r\n%s\r\n" % (
        target, u.netloc, "".join("%s\r\n" % h for h in extra_headers))).encode()
    buf = bytearray(BUF)
    view = memoryview(buf)
    start = time.monotonic()
    deadline = start + seconds
    last_end = start
    ok = ok_bytes = failed = 0
    why = ""
    sock = None
    while time.monotonic() < deadline:
        try:
            if sock is None:
                sock = socket.create_connection((u.hostname, u.port or 80), timeout=30)
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            sock.sendall(request)
            status, length, got, close = read_head(sock, view)
            remaining = length - got
            while remaining > 0:
                n = sock.recv_into(view, min(BUF, remaining))
                if n == 0:
                    raise Failure("connection closed with %d body bytes missing" % remaining)
                remaining -= n
            if status == 200 and length == size:
                ok += 1
                ok_bytes += length
                last_end = time.monotonic()
            else:
                failed += 1
                why = "status %d, %d bytes" % (status, length)
            if close:
                sock.close()
                sock = None
        except (OSError, Failure, ValueError) as e:
            failed += 1
            why = str(e)
            if sock is not None:
                sock.close()
            sock = None
    if sock is not None:
        sock.close()
    elapsed = last_end - start
    result = {"ok": ok, "bytes": ok_bytes, "failed": failed, "why": why, "seconds": elapsed}
    os.write(out_fd, (json.dumps(result) + "\n").encode())


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--url", required=True)
    p.add_argument("--size", type=int, required=True, help="expected body size; other answers do not count")
    p.add_argument("--clients", type=int, default=4)
    p.add_argument("--seconds", type=float, default=5.0)
    p.add_argument("--header", action="append", default=[])
    a = p.parse_args()

    r, w = os.pipe()
    pids = []
    for _ in range(a.clients):
        pid = os.fork()
        if pid == 0:
            os.close(r)
            code = 0
            try:
                client(a.url, a.size, a.seconds, a.header, w)
            except BaseException as e:  # a child must never return into the parent's loop
                os.write(w, (json.dumps({"ok": 0, "bytes": 0, "failed": 1, "why": repr(e), "seconds": 0}) + "\n").encode())
                code = 1
            os._exit(code)
        pids.append(pid)
    os.close(w)
    with os.fdopen(r) as f:
        lines = f.read().splitlines()
    for pid in pids:
        os.waitpid(pid, 0)
    per = [json.loads(line) for line in lines]
    if len(per) != a.clients:
        print("blob_load: %d of %d clients reported" % (len(per), a.clients), file=sys.stderr)
        return 1
    rate = sum(c["bytes"] / c["seconds"] for c in per if c["seconds"] > 0)
    print(json.dumps({
        "clients": per,
        "ok": sum(c["ok"] for c in per),
        "bytes": sum(c["bytes"] for c in per),
        "failed": sum(c["failed"] for c in per),
        "rate_bps": rate,
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
