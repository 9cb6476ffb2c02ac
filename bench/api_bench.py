"""Latency of /api/search on the real server (waitress via `kb serve`) under concurrent clients.

Ingests the bundled corpus into a temporary data folder, starts `kb serve` on a free port
on 127.0.0.1, and sends a fixed number of requests from several client threads: searches
with facets (the product's hot path) and, as a baseline in the same run, a static file
served by the same server. Prints median and p95 latency, throughput, and the ratios.
With --data-dir, serves a base already built there instead (e.g. the 100,000 inputs kept by
`bench/scale.py --keep DIR`), words only.

    .venv/bin/python bench/api_bench.py [--clients 8] [--requests 400] [--threads 16]
                                        [--data-dir DIR] [--json]
"""
from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parent.parent
KB = Path(sys.executable).parent / "kb"
QUERIES = ["språkkrav", "frivillige organisasjoner", "trygge nabolag", '"best kvalifiserte"',
           "diskriminering", "mentor*", "valgdeltakelse", "skole -moskeer", "norskkrav",
           "språkrav", "", "arbeidsliv"]
FILTERS = [{}, {"kind": "innspill"}, {"session": "Bolk 2"}, {"year": "2025"}]
THREADS = 16  # kb serve's default


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(data_dir: str, port: int, threads: int = THREADS,
                 ingest: bool = True) -> subprocess.Popen:
    env = {**os.environ, "KB_DATA_DIR": data_dir}
    if ingest:
        subprocess.run([str(KB), "ingest", str(ROOT / "corpus")], env=env, check=True,
                       capture_output=True)
    else:
        env["KB_EMBEDDER"] = "none"
    server = subprocess.Popen([str(KB), "serve", "--port", str(port), "--threads", str(threads)],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/openapi.json", timeout=1).close()
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("the server did not start")


def urls(base: str, count: int) -> list[str]:
    found = []
    for index in range(count):
        args = {"q": QUERIES[index % len(QUERIES)], **FILTERS[(index // len(QUERIES)) % len(FILTERS)]}
        found.append(f"{base}/api/search?{urllib.parse.urlencode(args)}")
    return found


def fetch(url: str) -> float:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=30) as response:
        response.read()
        if response.status != 200:
            raise RuntimeError(f"{url}: {response.status}")
    return (time.perf_counter() - started) * 1000


def load(targets: list[str], clients: int) -> dict[str, float]:
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        times = sorted(pool.map(fetch, targets))
    elapsed = time.perf_counter() - started
    return {"median_ms": round(median(times), 2),
            "p95_ms": round(times[max(0, int(len(times) * 0.95) - 1)], 2),
            "requests_per_s": round(len(times) / elapsed, 1), "requests": len(times)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8, help="concurrent client threads")
    parser.add_argument("--requests", type=int, default=400, help="requests per measurement")
    parser.add_argument("--threads", type=int, default=THREADS, help="kb serve --threads")
    parser.add_argument("--data-dir", metavar="DIR",
                        help="serve the base already in DIR instead of ingesting the corpus")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    if not 1 <= args.clients <= 64 or not 1 <= args.requests <= 10_000:
        parser.error("--clients 1–64 and --requests 1–10000")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as scratch:
        server = start_server(args.data_dir or scratch, port, args.threads,
                              ingest=not args.data_dir)
        try:
            load(urls(base, 24), 2)  # warm up: word lists, index files, caches
            figures = {
                "search, 1 client": load(urls(base, max(1, args.requests // 4)), 1),
                f"search, {args.clients} clients": load(urls(base, args.requests), args.clients),
                f"static file, {args.clients} clients (baseline)": load(
                    [f"{base}/static/style.css"] * args.requests, args.clients),
            }
        finally:
            server.terminate()
            server.wait(timeout=10)
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    print(f"/api/search on waitress (kb serve, {args.threads} threads), 127.0.0.1; "
          f"{os.cpu_count()} cores; base: {args.data_dir or 'the bundled corpus'}")
    print(f"{'measurement':42} {'median ms':>10} {'p95 ms':>8} {'req/s':>8}")
    for name, row in figures.items():
        print(f"{name:42} {row['median_ms']:10.2f} {row['p95_ms']:8.2f} {row['requests_per_s']:8.1f}")
    search_row = figures[f"search, {args.clients} clients"]
    base_row = figures[f"static file, {args.clients} clients (baseline)"]
    print(f"search / static file: median ×{search_row['median_ms'] / base_row['median_ms']:.1f}, "
          f"p95 ×{search_row['p95_ms'] / base_row['p95_ms']:.1f}, "
          f"throughput ×{search_row['requests_per_s'] / base_row['requests_per_s']:.2f}")


if __name__ == "__main__":
    main()
