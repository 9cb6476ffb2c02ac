"""Crash drill: kill `kb ingest` and `kb reindex` at random points and check that nothing is
lost and nothing is stuck.

A data folder gets the 2025 report; then, over and over, `kb ingest` of the report or of a
variant of it (one word changed, so every ingest changes the database) and `kb reindex` are
started as real processes and killed with SIGKILL after a random delay within the time a
whole run takes. After each kill, and again after the same command has been run to the
end, the drill checks that `kb stats` and `kb search` answer without a traceback, and that
the index matches the database (ids and texts, read directly from SQLite and Whoosh): where
it does not, `kb stats` must say the index is stale or damaged, never that it is in step.
Where each kill landed is read from what it left: the database changed or not, a new
generation swapped in or not, a build left half done.

    .venv/bin/python bench/crash_drill.py [--kills 30] [--seed 14] [--json]
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KB = Path(sys.executable).parent / "kb"
REPORT = ROOT / "corpus" / "2025-integreringskonferansen.txt"
IN_STEP = "i takt med databasen"
NOT_IN_STEP = ("Søkeindeksen er utdatert", "Søkeindeksen er skadet", "Søkeindeksen er ikke bygget",
               "Søkeindeksen bygges nå")


def kb(env: dict, *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([str(KB), *args], env=env, capture_output=True, text=True,
                          timeout=timeout)


def reports(folder: Path) -> list[Path]:
    """Return the 2025 report and a variant with one word changed, each with its sidecar."""
    found = []
    for name, change in (("2025-a.txt", None), ("2025-b.txt", ("rigide", "stive"))):
        text = REPORT.read_text("utf-8")
        if change:
            text = text.replace(*change)
        path = folder / name
        path.write_text(text, "utf-8")
        shutil.copy(REPORT.with_suffix(".yaml"), path.with_suffix(".yaml"))
        found.append(path)
    return found


def database_inputs(data: Path) -> dict[str, str]:
    with sqlite3.connect(f"file:{data / 'innspillsbasen.sqlite'}?mode=ro", uri=True) as db:
        return dict(db.execute("SELECT id, text FROM input"))


def index_inputs(data: Path) -> dict[str, str] | None:
    """Return the live generation's ids and texts, or None when it cannot be read."""
    from whoosh import index as whoosh_index
    try:
        name = (data / "index" / "CURRENT").read_text("ascii").strip()
        with whoosh_index.open_dir(str(data / "index" / name)).searcher() as searcher:
            return {fields["id"]: fields["text"] for fields in searcher.all_stored_fields()}
    except Exception:  # noqa: BLE001 - any failure to read it means: not in step
        return None


def pointer(data: Path) -> str | None:
    try:
        return (data / "index" / "CURRENT").read_text("ascii").strip()
    except OSError:
        return None


def where(before: tuple, data: Path, kind: str) -> str:
    """Say where a kill landed, from what it left behind."""
    database, live = before
    changed = database_inputs(data) != database
    swapped = pointer(data) != live
    half_built = any((data / "index").glob("building-*"))
    if swapped:
        return "after the swap"
    if changed:
        return "after the database commit, before the swap"
    if half_built:
        return "while building the index"
    return "before writing anything" if kind == "ingest" else "before building"


def check(env: dict, data: Path, failures: list, label: str) -> bool:
    """Check that stats and search answer and tell the truth; return whether the index
    matched the database when stats looked."""
    stats = kb(env, "stats")
    in_step = index_inputs(data) == database_inputs(data)
    search = kb(env, "search", "språkkrav")  # repairs a stale index first, saying so
    for name, run in (("stats", stats), ("search", search)):
        if run.returncode != 0 or "Traceback" in run.stdout + run.stderr:
            failures.append(f"{label}: kb {name} exit {run.returncode}: {run.stderr[-300:]}")
    says = next((line for line in stats.stdout.splitlines() if line.startswith("Søkeindeks")),
                "")  # the line on the index (a line on search by meaning may follow)
    if in_step and IN_STEP not in says:
        failures.append(f"{label}: index = database, but stats says {says!r}")
    if not in_step and not any(words in says for words in NOT_IN_STEP):
        failures.append(f"{label}: index ≠ database, but stats says {says!r}")
    return in_step


def full_run(env: dict, args: list[str]) -> float:
    started = time.perf_counter()
    done = kb(env, *args)
    if done.returncode != 0:
        raise SystemExit(f"kb {' '.join(args)} failed: {done.stderr}")
    return time.perf_counter() - started


def drill(kills: int, seed: int) -> dict:
    rnd = random.Random(seed)
    figures: dict = {"kills per command": kills, "seed": seed, "cores": os.cpu_count()}
    failures: list[str] = []
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        data = folder / "data"
        env = {**os.environ, "KB_DATA_DIR": str(data), "KB_LOCK_SECONDS": "120",
               "KB_SEARCH_SECONDS": "60"}
        first, second = reports(folder)
        full_run(env, ["ingest", str(first)])
        durations = {"ingest": full_run(env, ["ingest", str(second)]),
                     "reindex": full_run(env, ["reindex"])}
        figures["full run (s)"] = {k: round(v, 2) for k, v in durations.items()}
        trials = Counter()
        phases: dict[str, Counter] = {"ingest": Counter(), "reindex": Counter()}
        stale_after_kill = Counter()
        recent = {kind: [seconds] for kind, seconds in durations.items()}
        started = time.perf_counter()
        number = 0
        while min(trials[f"{kind} killed"] for kind in recent) < kills and number < 6 * kills:
            kind = ("ingest", "reindex")[number % 2]
            number += 1
            if trials[f"{kind} killed"] >= kills:
                continue
            report = (first, second)[(number // 2) % 2]
            args = ["ingest", str(report)] if kind == "ingest" else ["reindex"]
            before = (database_inputs(data), pointer(data))
            # The window follows the time a whole run takes now (the machine's load
            # changes); half the kills fall in its last 60 %, where the writing is.
            window = sorted(recent[kind][-5:])[len(recent[kind][-5:]) // 2]
            delay = rnd.uniform(0, window) if rnd.random() < 0.5 else rnd.uniform(
                0.4 * window, window)
            process = subprocess.Popen([str(KB), *args], env=env, stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL)
            time.sleep(delay)
            if process.poll() is None:
                process.send_signal(signal.SIGKILL)
                trials[f"{kind} killed"] += 1
            else:
                trials[f"{kind} finished before the kill"] += 1
            process.wait()
            landed = where(before, data, kind)
            phases[kind][landed] += 1
            label = f"{kind} #{sum(phases[kind].values())}"
            print(f"{label}: killed {landed}", file=sys.stderr, flush=True)
            if not check(env, data, failures, f"{label} after the kill"):
                stale_after_kill[kind] += 1
            rerun_started = time.perf_counter()
            rerun = kb(env, *args)
            if kind == "reindex" or "lagt inn" in rerun.stdout or "erstattet" in rerun.stdout:
                recent[kind].append(time.perf_counter() - rerun_started)  # a whole run
            if rerun.returncode != 0 or "Traceback" in rerun.stdout + rerun.stderr:
                failures.append(f"{label}: the re-run failed: {rerun.stderr[-300:]}")
            if not check(env, data, failures, f"{label} after the re-run"):
                failures.append(f"{label}: index ≠ database after the re-run")
        figures.update({
            "trials": dict(trials), "where the kills landed": {k: dict(v) for k, v in phases.items()},
            "index behind the database right after a kill (reported by stats)":
                dict(stale_after_kill),
            "failures": len(failures), "failure lines": failures[:20],
            "drill time (s)": round(time.perf_counter() - started, 1)})
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=30, help="kills of each command")
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    if not 1 <= args.kills <= 1000:
        parser.error("--kills 1–1000")
    figures = drill(args.kills, args.seed)
    if args.json:
        print(json.dumps(figures, ensure_ascii=False, indent=2))
    else:
        for name, value in figures.items():
            print(f"{name}: {value}")
    raise SystemExit(1 if figures["failures"] else 0)


if __name__ == "__main__":
    main()
