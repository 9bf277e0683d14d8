#!/usr/bin/env python3
"""Holds N live dashboard viewers open on `backfill serve` (bench/run.sh --serve).

Each viewer is what the page does: one Server-Sent Events stream on /events,
and a GET /api/backfills on every change event. Runs until killed; prints
how many viewers are connected once they all are.
  bench/serve_clients.py PORT N
"""
import http.client
import sys
import threading

port, count = int(sys.argv[1]), int(sys.argv[2])
connected = threading.Semaphore(0)


def viewer():
    stream = http.client.HTTPConnection("127.0.0.1", port)
    stream.request("GET", "/events")
    reply = stream.getresponse()
    api = http.client.HTTPConnection("127.0.0.1", port)
    connected.release()
    while True:
        line = reply.fp.readline()
        if not line:
            return
        if line.startswith(b"event: change"):
            api.request("GET", "/api/backfills")
            api.getresponse().read()


for _ in range(count):
    threading.Thread(target=viewer, daemon=True).start()
for _ in range(count):
    connected.acquire()
print(f"{count} viewers connected", flush=True)
threading.Event().wait()
