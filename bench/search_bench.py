"""Benchmark: ingest time and search+facets latency of Innspillsbasen vs. plain SQLite FTS5.

Measures, on the bundled corpus/ in fresh temporary data folders:
  * ingest: extract+parse (report_files, prepare), store (SQL database), index (Whoosh rebuild);
  * search: kb.search.search (hits, <mark> snippets, facet counts) for ~20 Norwegian queries;
  * baseline: an FTS5 table (unicode61 remove_diacritics 0) over the same inputs, with bm25
    top 20, snippet() and GROUP BY facet counts, timed the same way; plus hit counts per engine.
Prints plain figures only; nothing is asserted.

Run from the repo root:
    .venv/bin/python bench/search_bench.py [--rounds 30] [--ingest-repeats 5] [--json]
"""
from __future__ import annotations

import argparse
import json
import math
import platform
import re
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from indexer.load import prepare, report_files, store
from kb.config import Config, load_config
from kb.database import make_engine
from kb.index import open_index, rebuild
from kb.models import Input
from kb.search import FACETS, SearchRequest, search

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
WARMUP_ROUNDS = 3
TOP = 20
COLUMNS = ("id", "text", "year", "kind", "theme", "session", "question", "category", "speaker",
           "organisation", "canonical_theme", "position")
# The baseline counts the same facets from its columns; topics are derived at index time from
# kb/data/themes.yaml and have no column, so the baseline counts one facet fewer.
BASELINE_FACETS = {name: {"canonical": "canonical_theme"}.get(name, name)
                   for name in FACETS if name != "topic"}
QUERIES: list[tuple[str, dict[str, list[str]]]] = [(q, {}) for q in (
    "språkkrav", "språkkravene", '"best kvalifiserte"', "hijab", "moske", "diskriminering",
    "frivillige organisasjoner", "trygge nabolag", "NAV", "mentor*", "valgdeltakelse",
    "-fotball skole", "norsk OR språk", "arbeidsliv", "kvalifisering", "rasisme",
    '"norsk språk" opplæring', "introduksjonsprogrammet", "bolig", "")] + [
    ("språk", {"kind": ["innspill"]})]


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (share in 0..1) of a non-empty list."""
    return sorted(values)[max(0, math.ceil(share * len(values)) - 1)]


def summary(values: list[float]) -> dict[str, float]:
    return {"min": min(values), "median": statistics.median(values),
            "p95": percentile(values, 0.95)}


def timed(action: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def ingest(config: Config) -> dict[str, float]:
    """Ingest the corpus into a fresh data folder; return seconds per step."""
    engine = make_engine(config)
    parse_s, prepared = timed(lambda: [prepare(p) for p in report_files([CORPUS])])
    store_s, _ = timed(lambda: store(engine, prepared))
    index_s, _ = timed(lambda: rebuild(engine, config))
    engine.dispose()
    return {"parse": parse_s, "store": store_s, "index": index_s,
            "total": parse_s + store_s + index_s}


def ingest_runs(repeats: int) -> dict[str, dict[str, float]]:
    """Ingest the corpus `repeats` times, each into a fresh temporary data folder."""
    runs = []
    for _ in range(repeats):
        with tempfile.TemporaryDirectory() as folder:
            runs.append(ingest(load_config(data_dir=folder)))
    return {step: summary([run[step] for run in runs]) for step in runs[0]}


def read_rows(config: Config) -> list[tuple]:
    """Return the stored inputs as tuples in COLUMNS order."""
    engine = make_engine(config)
    with Session(engine) as session:
        rows = [tuple(getattr(item, c) for c in COLUMNS)
                for item in session.scalars(select(Input).order_by(Input.year, Input.position))]
    engine.dispose()
    return rows


def fts_build(rows: list[tuple]) -> sqlite3.Connection:
    """Create an in-memory FTS5 table of the texts beside a plain table of their facets."""
    db = sqlite3.connect(":memory:")
    db.execute(f"CREATE TABLE input (rowid INTEGER PRIMARY KEY, {', '.join(COLUMNS)})")
    db.execute("CREATE VIRTUAL TABLE fts USING fts5(text, content='input', content_rowid='rowid', "
               "tokenize='unicode61 remove_diacritics 0')")
    db.executemany(f"INSERT INTO input ({', '.join(COLUMNS)}) VALUES "
                   f"({', '.join('?' * len(COLUMNS))})", rows)
    db.execute("INSERT INTO fts (rowid, text) SELECT rowid, text FROM input")
    db.commit()
    return db


def fts_ingest_runs(rows: list[tuple], repeats: int) -> dict[str, float]:
    runs = [timed(lambda: fts_build(rows)) for _ in range(repeats)]
    for _, db in runs:
        db.close()
    return summary([seconds for seconds, _ in runs])


def fts_match(text: str) -> tuple[str | None, str | None]:
    """Translate a query to FTS5: (words and phrases joined with OR, words to exclude with NOT)."""
    wanted, unwanted = [], []
    for token in re.findall(r'-?"[^"]*"\*?|\S+', text):
        if token in ("OR", "AND"):
            continue
        target = unwanted if token.startswith("-") else wanted
        token = token.lstrip("-+")
        prefix = token.endswith("*")
        words = token.strip('"*')
        if words:
            target.append('"' + words.replace('"', "") + '"' + ("*" if prefix else ""))
    return (" OR ".join(wanted) or None), (" OR ".join(unwanted) or None)


def fts_where(text: str, filters: dict[str, list[str]], without: str | None = None,
              joined: bool = False) -> tuple[str, list]:
    """Return the SQL condition on table input selecting the query's matches, and its arguments;
    joined: the caller already matches fts, so leave the wanted words out."""
    wanted, unwanted = fts_match(text)
    clauses, args = ["1"], []
    if wanted and not joined:
        clauses.append("input.rowid IN (SELECT rowid FROM fts WHERE fts MATCH ?)")
        args.append(wanted)
    if unwanted:
        clauses.append("input.rowid NOT IN (SELECT rowid FROM fts WHERE fts MATCH ?)")
        args.append(unwanted)
    for name, values in filters.items():
        if name != without and values:
            clauses.append(f"input.{name} IN ({', '.join('?' * len(values))})")
            args.extend(values)
    return " AND ".join(clauses), args


def fts_search(db: sqlite3.Connection, text: str, filters: dict[str, list[str]]) -> int:
    """Top hits with snippets and facet counts, like kb.search.search; return the hit count."""
    where, args = fts_where(text, filters)
    wanted, _ = fts_match(text)
    if wanted:
        top_where, top_args = fts_where(text, filters, joined=True)
        db.execute("SELECT input.id, snippet(fts, 0, '<mark>', '</mark>', ' … ', 40) "
                   f"FROM fts JOIN input ON input.rowid = fts.rowid WHERE fts MATCH ? AND "
                   f"{top_where} ORDER BY bm25(fts) LIMIT {TOP}", [wanted, *top_args]).fetchall()
    else:
        db.execute(f"SELECT id, substr(text, 1, 320) FROM input WHERE {where} "
                   f"ORDER BY year DESC, position LIMIT {TOP}", args).fetchall()
    total = db.execute(f"SELECT count(*) FROM input WHERE {where}", args).fetchone()[0]
    for name, column in BASELINE_FACETS.items():
        facet_where, facet_args = fts_where(text, filters, without=name)
        db.execute(f"SELECT {column}, count(*) FROM input WHERE {facet_where} AND {column} "
                   f"IS NOT NULL AND {column} != '' GROUP BY {column} ORDER BY count(*) DESC",
                   facet_args).fetchall()
    return total


def latencies(run: Callable[[str, dict], int], rounds: int
              ) -> tuple[dict[str, list[float]], dict[str, int]]:
    """Time each query over warm-up and measured rounds; return ms per query and hit counts."""
    times: dict[str, list[float]] = {label(q, f): [] for q, f in QUERIES}
    hits: dict[str, int] = {}
    for number in range(WARMUP_ROUNDS + rounds):
        for text, filters in QUERIES:
            seconds, total = timed(lambda: run(text, filters))
            if number >= WARMUP_ROUNDS:
                times[label(text, filters)].append(seconds * 1000)
            hits[label(text, filters)] = total
    return times, hits


def label(text: str, filters: dict[str, list[str]]) -> str:
    shown = text or "(empty: browse all)"
    return shown + "".join(f" [{k}={','.join(v)}]" for k, v in filters.items())


def measure(rounds: int, repeats: int) -> dict:
    ingest_figures = ingest_runs(repeats)
    with tempfile.TemporaryDirectory() as folder:
        config = load_config(data_dir=folder)
        ingest(config)
        rows = read_rows(config)
        index = open_index(config)
        whoosh_ms, whoosh_hits = latencies(
            lambda q, f: search(index, SearchRequest(q, f)).total, rounds)
        index.close()
    db = fts_build(rows)
    fts_ms, fts_hits = latencies(lambda q, f: fts_search(db, q, f), rounds)
    db.close()
    return {
        "machine": {"platform": platform.platform(), "python": sys.version.split()[0],
                    "sqlite": sqlite3.sqlite_version},
        "inputs": len(rows), "rounds": rounds, "ingest_repeats": repeats,
        "ingest_s": ingest_figures, "fts5_ingest_s": fts_ingest_runs(rows, repeats),
        "search_ms": {"whoosh": summary([t for ts in whoosh_ms.values() for t in ts]),
                      "fts5": summary([t for ts in fts_ms.values() for t in ts])},
        "queries": [{"query": name, "whoosh_median_ms": statistics.median(whoosh_ms[name]),
                     "fts5_median_ms": statistics.median(fts_ms[name]),
                     "whoosh_hits": whoosh_hits[name], "fts5_hits": fts_hits[name]}
                    for name in whoosh_ms],
    }


def print_table(fig: dict) -> None:
    m, queries = fig["machine"], fig["queries"]
    print(f"Machine: {m['platform']}, Python {m['python']}, SQLite {m['sqlite']}")
    print(f"Inputs: {fig['inputs']}, rounds: {fig['rounds']}, ingests: {fig['ingest_repeats']}")
    print("\nIngest (s)               min   median      p95")
    f5 = fig["fts5_ingest_s"]
    for step, s in [*fig["ingest_s"].items(), ("fts5 baseline", f5)]:
        print(f"  {step:<20}{s['min']:>7.3f}{s['median']:>9.3f}{s['p95']:>9.3f}")
    print(f"\n{'Search (ms, median)':<42}{'whoosh':>8}{'fts5':>8}{'hits w':>9}{'hits f':>9}")
    for q in queries:
        print(f"  {q['query']:<40}{q['whoosh_median_ms']:>8.2f}{q['fts5_median_ms']:>8.2f}"
              f"{q['whoosh_hits']:>9}{q['fts5_hits']:>9}")
    print(f"  {'total hits':<56}{sum(q['whoosh_hits'] for q in queries):>9}"
          f"{sum(q['fts5_hits'] for q in queries):>9}")
    w, f, ing = fig["search_ms"]["whoosh"], fig["search_ms"]["fts5"], fig["ingest_s"]
    print("\nSummary                       whoosh      fts5   whoosh/fts5")
    for name, a, b in (("search median (ms)", w["median"], f["median"]),
                       ("search p95 (ms)", w["p95"], f["p95"]),
                       ("ingest median (s)", ing["total"]["median"], f5["median"]),
                       ("ingest p95 (s)", ing["total"]["p95"], f5["p95"]),
                       ("index-only median (s)", ing["index"]["median"], f5["median"])):
        print(f"  {name:<23}{a:>9.3f}{b:>10.3f}{(f'{a / b:.1f}x' if b else 'n/a'):>14}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30, help="measured rounds over the query list")
    parser.add_argument("--ingest-repeats", type=int, default=5, help="full ingests to time")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    if args.rounds < 1 or args.ingest_repeats < 1:
        parser.error("--rounds and --ingest-repeats must be at least 1")
    figures = measure(args.rounds, args.ingest_repeats)
    if args.json:
        print(json.dumps(figures, ensure_ascii=False, indent=2))
    else:
        print_table(figures)


if __name__ == "__main__":
    main()
