"""The real server (`kb serve`, waitress) under two kinds of load.

--writers: clients search over HTTP while `kb ingest` (the 2025 report and a variant of
it, in turn, so every ingest changes the database) and `kb reindex` run one after the
other for the whole time. Counts every answer: 200, 400, 500, 503 (out of time, or the
index not usable), and errors of the connection. Nothing but 200 is expected.

--heavy: `/api/search?q=språkkravene~9` alone, then a plain search made while eight such
requests run; each timed, in several rounds.

    .venv/bin/python bench/under_load.py --writers [--seconds 120] [--clients 8] [--json]
    .venv/bin/python bench/under_load.py --heavy [--rounds 10] [--json]
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parent.parent
KB = Path(sys.executable).parent / "kb"
REPORT = ROOT / "corpus" / "2025-integreringskonferansen.txt"
QUERIES = ["språkkrav", "frivillige organisasjoner", '"trygge nabolag"', "mentor*", "stive",
           "rigide", "diskriminering -religion", "norskkrav", "språkrav", "", "arbeidsliv",
           "språkkravene~2", "tema:\"Trygge nabolag\" frivillige"]
PAGES = ["/api/search", "/api/search", "/sok", "/api/compare"]
HEAVY = "språkkravene~9"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def reports(folder: Path) -> list[Path]:
    """Return the 2025 report and a variant with one word changed, each with its sidecar."""
    found = []
    for name, change in (("2025-a.txt", None), ("2025-b.txt", ("rigide", "stive"))):
        text = REPORT.read_text("utf-8")
        path = folder / name
        path.write_text(text.replace(*change) if change else text, "utf-8")
        shutil.copy(REPORT.with_suffix(".yaml"), path.with_suffix(".yaml"))
        found.append(path)
    return found


def serve(env: dict, port: int, log: Path) -> subprocess.Popen:
    """Start `kb serve` and wait until it answers; its log goes to a file (a pipe nobody
    reads would stop it when full)."""
    with open(log, "w") as out:
        server = subprocess.Popen([str(KB), "serve", "--port", str(port)],  # its own threads
                                  env=env, stdout=subprocess.DEVNULL, stderr=out)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/openapi.json", timeout=2).close()
            return server
        except OSError:
            if server.poll() is not None:
                raise RuntimeError(f"kb serve stopped: {log.read_text()[-2000:]}")
            time.sleep(0.3)
    server.kill()
    raise RuntimeError("the server did not start")


def tracebacks(log: Path) -> int:
    return log.read_text("utf-8", "replace").count("Traceback")


def get(url: str, timeout: float = 60) -> tuple[int | str, float, str]:
    """Return the status (or the connection's error), the seconds taken, and the body."""
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            body = response.read().decode("utf-8", "replace")
            return response.status, time.perf_counter() - started, body
    except urllib.error.HTTPError as error:
        return error.code, time.perf_counter() - started, error.read().decode("utf-8", "replace")
    except OSError as error:
        return type(error).__name__, time.perf_counter() - started, str(error)


def writers(seconds: float, clients: int, seed: int) -> dict:
    """Search from `clients` threads while ingest and reindex run for `seconds`."""
    codes: Counter = Counter()
    samples: dict[str, str] = {}
    runs: Counter = Counter()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        # Retired generations are deleted at once (the previous one is still kept), so
        # readers meet deletions; the search budget is generous: this is about swaps.
        env = {**os.environ, "KB_DATA_DIR": str(folder / "data"), "KB_LOCK_SECONDS": "120",
               "KB_INDEX_GRACE_SECONDS": "0"}
        env.setdefault("KB_SEARCH_SECONDS", "30")
        first, second = reports(folder)
        subprocess.run([str(KB), "ingest", str(first)], env=env, check=True, capture_output=True)
        port = free_port()
        log = folder / "serve.log"
        server = serve(env, port, log)
        stop = time.monotonic() + seconds
        lock = threading.Lock()

        def client(number: int) -> None:
            mine = random.Random(seed * 100 + number)
            while time.monotonic() < stop:
                path = mine.choice(PAGES)
                url = f"http://127.0.0.1:{port}{path}?" + urllib.parse.urlencode(
                    {"q": mine.choice(QUERIES)})
                status, _, body = get(url)
                key = str(status)
                if status == 503:
                    key = "503 out of time" if "tok for lang tid" in body else "503 index"
                with lock:
                    codes[key] += 1
                    if status != 200:
                        samples.setdefault(key, f"{url}: {body[:200]}")

        threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
        for thread in threads:
            thread.start()
        turn = 0
        try:
            while time.monotonic() < stop:
                args = (["ingest", str((first, second)[(turn // 2) % 2])] if turn % 2 == 0
                        else ["reindex"])
                done = subprocess.run([str(KB), *args], env=env, capture_output=True,
                                      text=True, timeout=600)
                runs[f"{args[0]} exit {done.returncode}"] += 1
                if done.returncode != 0:
                    samples.setdefault(f"kb {args[0]}", done.stderr[-300:])
                turn += 1
        finally:
            for thread in threads:
                thread.join()
            server.terminate()
            server.wait(timeout=30)
        logged = tracebacks(log)
    requests = sum(codes.values())
    return {"seconds": seconds, "clients": clients, "requests": requests,
            "answers": dict(codes), "writer runs": dict(runs),
            "500s": codes.get("500", 0),
            "503s": codes.get("503 index", 0) + codes.get("503 out of time", 0),
            "connection errors": sum(n for k, n in codes.items() if not k[:3].isdigit()),
            "tracebacks in the server's log": logged,
            "examples": samples}


def heavy(rounds: int) -> dict:
    """Time the heavy fuzzy search alone, and a plain search beside eight of them."""
    with tempfile.TemporaryDirectory() as scratch:
        env = {**os.environ, "KB_DATA_DIR": str(Path(scratch) / "data")}
        env.pop("KB_SEARCH_SECONDS", None)  # the real budget (2 s by default)
        subprocess.run([str(KB), "ingest", str(ROOT / "corpus")], env=env, check=True,
                       capture_output=True)
        port = free_port()
        server = serve(env, port, Path(scratch) / "serve.log")
        base = f"http://127.0.0.1:{port}/api/search?"
        heavy_url = base + urllib.parse.urlencode({"q": HEAVY})
        plain_url = base + urllib.parse.urlencode({"q": "språkkrav"})
        try:
            for _ in range(3):
                get(heavy_url), get(plain_url)  # warm up
            alone = [get(heavy_url) for _ in range(rounds)]
            beside, crowd = [], Counter()
            for _ in range(rounds):
                results: list = []
                threads = [threading.Thread(target=lambda: results.append(get(heavy_url)))
                           for _ in range(8)]
                for thread in threads:
                    thread.start()
                time.sleep(0.05)
                beside.append(get(plain_url))
                for thread in threads:
                    thread.join()
                crowd.update(str(status) for status, _, _ in results)
        finally:
            server.terminate()
            server.wait(timeout=30)
    times = sorted(t for _, t, _ in alone)
    plain = sorted(t for _, t, _ in beside)
    return {"rounds": rounds, "cores": os.cpu_count(),
            f"{HEAVY} alone: statuses": dict(Counter(str(s) for s, _, _ in alone)),
            f"{HEAVY} alone: median s": round(median(times), 3),
            f"{HEAVY} alone: max s": round(times[-1], 3),
            "plain beside 8 heavy: statuses": dict(Counter(str(s) for s, _, _ in beside)),
            "plain beside 8 heavy: median s": round(median(plain), 3),
            "plain beside 8 heavy: max s": round(plain[-1], 3),
            "the 8 heavy ones: statuses": dict(crowd)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--writers", action="store_true")
    mode.add_argument("--heavy", action="store_true")
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not (1 <= args.seconds <= 3600 and 1 <= args.clients <= 64 and 1 <= args.rounds <= 100):
        parser.error("--seconds 1–3600, --clients 1–64, --rounds 1–100")
    figures = (writers(args.seconds, args.clients, args.seed) if args.writers
               else heavy(args.rounds))
    if args.json:
        print(json.dumps(figures, ensure_ascii=False, indent=2))
    else:
        for name, value in figures.items():
            print(f"{name}: {value}")


if __name__ == "__main__":
    main()
