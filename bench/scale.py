"""Scale benchmark: index build rate and search latency at N synthetic inputs vs. SQLite FTS5.

Makes N inputs (seeded) from the sentences of the real 2025 report, read through the
project's own extractor and parser, recombined into new texts with tags spread over
2014–2025 (one conference and one report per year, as kb.models allows). Stores them with
the project's models, indexes them with kb.index.rebuild, then runs a fixed, seeded,
interleaved query mix through kb.search.search beside plain SQLite FTS5 over the same rows
(bm25 top 10 with snippet(), the same ten facets by GROUP BY, each facet with an active
filter counted without that filter, as kb.search does). Prints figures only.

After the searches it replaces one year's inputs (--update-year, 2020) as a re-read report
would, times kb.index.update (only that year's documents written) against the whole build,
and searches again on the updated index. Words only unless --meaning.

Run from the repo root:
    .venv/bin/python bench/scale.py --n 100000 [--queries 300] [--seed 13] [--keep DIR]
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import math
import os
import platform
import random
import resource
import sqlite3
import statistics
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from importlib import resources
from pathlib import Path

import yaml
from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from indexer.extract import extract
from indexer.load import stable_ids
from indexer.parse import parse
from indexer.people import sentences
from indexer.records import Record
from kb.config import Config, load_config
from kb.database import make_engine
from kb import fingerprint
from kb.index import live_dir, manifest, open_index, rebuild, update
from kb.models import Conference, Input, Report
from kb.search import FACETS, SearchRequest, search
from kb.themes import canonical_theme, topics

REPORT = Path(__file__).resolve().parent.parent / "corpus" / "2025-integreringskonferansen.txt"
YEARS = range(2014, 2026)
MARKER = "scale.json"
PER_PAGE = 10
SKIPPED_KINDS = {"program", "figur"}
# Kinds as often as in a typical report (innspill dominate), and sentences per kind.
KINDS = {"innspill": 55, "innlegg": 12, "tale": 10, "panel": 6, "spørsmål": 5,
         "sammendrag": 4, "konferansen": 4, "tema": 2, "tekst": 2}
SENTENCES = {"innspill": (1, 2), "spørsmål": (1, 1), "tema": (1, 2)}
LONG_SENTENCES = (2, 6)
PLACE_SHARE = 0.25  # inputs that name a place: a Zipf tail of rare words
PLACES = (
    "Oslo Bergen Trondheim Stavanger Drammen Kristiansand Fredrikstad Sandnes Tromsø Sarpsborg "
    "Skien Ålesund Sandefjord Haugesund Tønsberg Moss Porsgrunn Bodø Arendal Hamar Larvik "
    "Halden Lillehammer Harstad Molde Kongsberg Gjøvik Horten Grimstad Steinkjer Narvik Elverum "
    "Kongsvinger Alta Notodden Namsos Levanger Verdal Mandal Lillestrøm Lørenskog Asker Bærum "
    "Jessheim Ullensaker Nittedal Askøy Voss Stord Kvinnherad Førde Sogndal Florø Kristiansund "
    "Orkland Stjørdal Malvik Melhus Røros Mosjøen Sandnessjøen Brønnøysund Fauske Vadsø "
    "Hammerfest Kirkenes Finnsnes Lyngen Balsfjord Tynset Ringsaker Brumunddal Raufoss Hønefoss "
    "Jevnaker Nesodden Frogn Drøbak Vestby Råde Askim Mysen Aremark Rjukan Kragerø Risør "
    "Tvedestrand Lillesand Flekkefjord Farsund Egersund Bryne Klepp Sola Randaberg Jørpeland "
    "Sauda Odda Ulvik Eidfjord Vinje Seljord Engerdal Folldal Oppdal Frøya Hitra Vikna Leka "
    "Træna Værøy Moskenes Vågan Svolvær Andøy Karasjok Kautokeino Nesseby Båtsfjord Berlevåg "
    "Gamvik Lebesby Måsøy Hasvik Loppa Kvænangen Nordreisa Skjervøy Kåfjord Storfjord").split()
PLACE_SENTENCES = ("Deltakere fra {} trakk fram dette.", "Et eksempel fra {} ble nevnt.",
                   "Erfaringene fra {} er gode.", "Slik jobber de i {}.")
FIRST_NAMES = ("Anne Kari Ingrid Amina Fatima Sara Maria Nora Leila Hanne Marit Samira Ayan "
               "Ola Per Lars Ali Ahmed Mohammed Jonas Erik Omar Hassan Tor Kjell Yusuf Abdi").split()
LAST_NAMES = ("Hansen Johansen Olsen Larsen Andersen Pedersen Nilsen Kristiansen Jensen Karlsen "
              "Berg Haugen Hagen Ahmed Ali Khan Hussain Mohamed Nguyen Berisha Yilmaz Rahimi "
              "Bakke Dahl Lie Moen Solberg Strand Eriksen Halvorsen").split()
ORGANISATIONS = (
    "Norsk Folkehjelp", "Røde Kors", "MiRA-Senteret", "Antirasistisk Senter", "IMDi", "KS",
    "NAV", "Caritas", "Kirkens Bymisjon", "LIN", "Islamsk Råd Norge", "Somalisk forening",
    "Eritreisk kultursenter", "Polsk forening", "Innvandrernes Landsorganisasjon", "Norsk Tjenestemannslag",
    "Hovedorganisasjonen Virke", "NHO", "LO", "Unio", "Redd Barna", "Leger uten grenser",
    "Frelsesarmeen", "Kvinnenettverket", "Ungdom mot vold", "Minotenk", "Tabanka", "Saman",
    "Multikulturelt Initiativ- og Ressursnettverk", "Norsk studentorganisasjon", "Voksenopplæringen",
    "Oslo kommune", "Bergen kommune", "Trondheim kommune", "Stavanger kommune", "Drammen kommune",
    "Statsforvalteren", "Bufdir", "Husbanken", "Politiet", "Idrettsforbundet", "Frivillighet Norge",
    "Foreldreutvalget for grunnopplæringen", "Utdanningsforbundet", "Norsk Folkehjelp Sanitet",
    "Afrikan Youth in Norway", "JURK", "Juss-Buss", "Seniornett", "Human Rights Service")
CATEGORIES = (
    "Diskriminering og fordommer", "Språk og kommunikasjon", "Godkjenning av utdanning og kompetanse",
    "Nettverk og tilgang til informasjon", "Systemiske og strukturelle barrierer",
    "Psykologiske og sosiale faktorer", "Nettverksbygging og brobygging", "Kompetanseheving og veiledning",
    "Motivasjon og støtte", "Samarbeid og systempåvirkning", "Rekrutteringstiltak",
    "Mentorordninger", "Informasjon og dialog", "Trygghet i nærmiljøet", "Møteplasser",
    "Forebygging", "Foreldrerollen", "Fritidsaktiviteter", "Helsetilbud", "Boligsituasjon",
    "Økonomi og finansiering", "Tillit til myndighetene", "Digitale tjenester", "Ungdomsmedvirkning",
    "Lokalt samarbeid", "Kvalifisering og opplæring", "Arbeidsgivernes ansvar", "Rasisme i hverdagen",
    "Valgdeltakelse", "Representasjon")
QUESTION_FORMS = ("Hva er de største utfordringene når det gjelder {}?",
                  "Hvordan kan frivillige organisasjoner bidra innen {}?",
                  "Hvilke tiltak har vært mest effektive for {}? Hvilke tiltak savnes?",
                  "Hvordan kan kommunen og staten samarbeide om {}?")
SESSION_WORDS = {2014: "Workshop", 2015: "Workshop", 2018: "Sesjon", 2019: "Sesjon",
                 2021: "Parallellsesjon"}  # other years: "Bolk"

# The query mix: each class draws from its own pool; the project's text, then FTS5's MATCH.
COMMON = ("innvandrere", "arbeid", "organisasjoner", "norsk", "frivillige", "kommunen",
          "tiltak", "barn", "offentlig", "nabolag")
PAIRS = (("språk", "arbeid"), ("frivillige", "nabolag"), ("innvandrere", "valg"),
         ("kommunen", "samarbeid"), ("norsk", "opplæring"), ("ungdom", "trygghet"))
PHRASES = ("trygge nabolag", "frivillige organisasjoner", "offentlig sektor",
           "best kvalifiserte", "norsk språk")
PREFIXES = ("språk", "arbeid", "integr", "frivillig", "diskrim")
TYPOS = ("diskriminerring", "introduksjonsprogramet", "rekruttring", "nabolagg", "frivilige")
FILTER_CHOICES = (("year", lambda r: str(r.choice(YEARS))),
                  ("canonical", lambda r: r.choice(("arbeid og kvalifisering", "trygghet og nabolag",
                                                    "språk", "utdanning og skole"))),
                  ("kind", lambda r: r.choice(("innspill", "tale", "innlegg"))))
CLASSES = ("word common", "word rare", "two-word AND", "phrase", "prefix", "typo",
           "filtered", "browse", "browse filtered", "sort by year")
# Tags before the text, so counting them does not step over the text of each row.
FTS_COLUMNS = ("id", "year", "position", "kind", "theme", "session", "question", "category",
               "subcategory", "speaker", "organisation", "canonical", "text")
FTS_FACETS = tuple(name for name in FACETS if name != "topic")  # topic: a table of its own


@dataclass
class Spec:
    """One query of the mix, for both engines."""

    kind: str
    text: str
    match: str | None
    filters: dict[str, list[str]] = field(default_factory=dict)
    sort: str = "relevance"


# --- synthetic inputs -------------------------------------------------------------------

def report_sentences() -> tuple[list[str], list[str]]:
    """Return the report's sentences: those of innspill (short), and those of other text."""
    short, long = [], []
    for record in parse(extract(REPORT)).records:
        if record.kind not in SKIPPED_KINDS:
            (short if record.kind == "innspill" else long).extend(sentences(record.text))
    return short, long


def year_themes(rng: random.Random) -> dict[int, list[str]]:
    """Return each year's session themes: the catalogue's, topped up from the crosswalk."""
    known = yaml.safe_load(resources.files("kb").joinpath("data/conferences.yaml").read_text("utf-8"))
    crosswalk = list(yaml.safe_load(resources.files("kb").joinpath("data/themes.yaml")
                                    .read_text("utf-8"))["crosswalk"])
    themes = {}
    for year in YEARS:
        listed = next((c.get("themes") or [] for c in known if c["year"] == year), [])
        titles = [t.split(" (")[0] for t in listed]
        while len(titles) < 4:
            titles.append(rng.choice([t for t in crosswalk if t not in titles]))
        themes[year] = titles
    return themes


def zipf_weights(count: int) -> list[float]:
    return [1 / rank for rank in range(1, count + 1)]


def make_records(n: int, seed: int, years=YEARS) -> dict[int, list[Record]]:
    """Make n synthetic records, spread over the years, each a mix of report sentences."""
    rng = random.Random(seed)
    short, long = report_sentences()
    themes = year_themes(rng)
    speakers = [f"{a} {b}" for a in FIRST_NAMES for b in LAST_NAMES]
    place_weights = zipf_weights(len(PLACES))
    kinds, kind_weights = list(KINDS), list(KINDS.values())
    by_year: dict[int, list[Record]] = defaultdict(list)
    for _ in range(n):
        year = rng.choice(years)
        kind = rng.choices(kinds, kind_weights)[0]
        low, high = SENTENCES.get(kind, LONG_SENTENCES)
        pool = short if kind in ("innspill", "spørsmål") else long
        text = [rng.choice(pool) for _ in range(rng.randint(low, high))]
        if rng.random() < PLACE_SHARE:
            place = rng.choices(PLACES, place_weights)[0]
            text.insert(rng.randrange(len(text) + 1), rng.choice(PLACE_SENTENCES).format(place))
        by_year[year].append(tag(Record(kind=kind, text=" ".join(text), page=None), year,
                                 themes[year], speakers, rng))
    return by_year


def tag(record: Record, year: int, themes: list[str], speakers: list[str],
        rng: random.Random) -> Record:
    """Give a record tags as a report of that year would: theme, session, question, …"""
    number = rng.randrange(len(themes))
    if record.kind not in ("tale", "sammendrag", "konferansen") and rng.random() < 0.8:
        record.theme = themes[number]
        record.session = f"{SESSION_WORDS.get(year, 'Bolk')} {number + 1}"
    if record.kind in ("innspill", "spørsmål") and record.theme:
        record.question_no = rng.randrange(len(QUESTION_FORMS)) + 1
        record.question = QUESTION_FORMS[record.question_no - 1].format(record.theme.lower())
    if record.kind == "innspill" and rng.random() < 0.7:
        record.category = rng.choice(CATEGORIES)
        if rng.random() < 0.1:
            record.subcategory = rng.choice(CATEGORIES)
    if record.kind in ("tale", "innlegg", "panel"):
        record.speaker = rng.choice(speakers)
    if record.kind in ("innlegg", "panel") or (record.kind == "innspill" and rng.random() < 0.15):
        record.organisation = rng.choices(ORGANISATIONS, zipf_weights(len(ORGANISATIONS)))[0]
    return record


def store(config: Config, by_year: dict[int, list[Record]]) -> None:
    """Store one conference and report per year, and their inputs, with the project's models."""
    engine = make_engine(config)
    with Session(engine) as session:
        for year in sorted(by_year):
            conference = Conference(year=year, title=f"Integreringskonferansen {year} (syntetisk)")
            report = Report(conference=conference, file_name=f"{year}-syntetisk.txt",
                            sha256=f"{year:064d}", format="text", page_count=1, first_page=1,
                            ingested_at=datetime(2025, 1, 1))
            session.add(report)
            session.flush()
            rows = rows_of(year, report.id, by_year[year])
            for start in range(0, len(rows), 20_000):
                session.execute(insert(Input), rows[start:start + 20_000])
        session.commit()
    engine.dispose()


def rows_of(year: int, report_id: int, records: list[Record]) -> list[dict]:
    """Return the Input rows of one year's records, in report order."""
    return [dict(id=identifier, report_id=report_id, year=year, position=position,
                 page=position // 8 + 1, **{name: getattr(record, name) for name in (
                     "kind", "theme", "session", "question", "question_no", "category",
                     "subcategory", "speaker", "organisation", "text")})
            for position, (identifier, record) in
            enumerate(zip(stable_ids(year, records), records))]


def replace_year(config: Config, year: int, seed: int) -> dict:
    """Replace one year's inputs with as many new ones, as a re-read report would, and bring
    the index in step with kb.index.update; return the figures."""
    engine = make_engine(config)
    with Session(engine) as session:
        report_id, count = session.execute(
            select(Report.id, func.count(Input.id)).join(Input, Input.report_id == Report.id)
            .join(Conference).where(Conference.year == year).group_by(Report.id)).one()
        since = fingerprint.recorded(session)
        records = make_records(count, seed, years=[year])[year]
        session.execute(delete(Input).where(Input.year == year))
        for start in range(0, len(records), 20_000):
            session.execute(insert(Input), rows_of(year, report_id, records)[start:start + 20_000])
        fingerprint.record(session)
        session.commit()
    ms, total = timed(lambda: update(engine, config, since, years=[year]))
    written = manifest(live_dir(config)).get("updated")
    with open_index(config).reader() as reader:
        segments = len(reader.leaf_readers())
    engine.dispose()
    return {"year": year, "inputs": count, "seconds": ms / 1000, "total": total,
            "written": written, "segments": segments}


# --- SQLite FTS5 baseline -----------------------------------------------------------------

def fts_build(config: Config, path: Path) -> None:
    """Build an FTS5 table over the stored inputs, with canonical themes and topics derived
    the way the index derives them, so the baseline can count the same ten facets."""
    engine = make_engine(config)
    with Session(engine) as session:
        inputs = session.scalars(select(Input).order_by(Input.year, Input.position)).all()
        rows = [(item.id, item.year, item.position, item.kind, item.theme, item.session,
                 item.question, item.category, item.subcategory, item.speaker, item.organisation,
                 item.canonical_theme or canonical_theme(item.theme), item.text)
                for item in inputs]
    engine.dispose()
    db = sqlite3.connect(path)
    db.execute(f"CREATE TABLE input (rowid INTEGER PRIMARY KEY, {', '.join(FTS_COLUMNS)})")
    db.execute("CREATE TABLE topic (rowid INTEGER, topic TEXT)")
    db.execute("CREATE VIRTUAL TABLE fts USING fts5(text, content='input', content_rowid='rowid', "
               "tokenize='unicode61 remove_diacritics 0')")
    db.executemany(f"INSERT INTO input (rowid, {', '.join(FTS_COLUMNS)}) VALUES "
                   f"(?, {', '.join('?' * len(FTS_COLUMNS))})",
                   ((number, *row) for number, row in enumerate(rows, start=1)))
    db.executemany("INSERT INTO topic VALUES (?, ?)", ((number, name) for number, row in
                   enumerate(rows, start=1) for name in topics(row[-1])))
    db.execute("INSERT INTO fts (rowid, text) SELECT rowid, text FROM input")
    db.execute("CREATE INDEX input_order ON input (year DESC, position)")
    db.execute("CREATE INDEX topic_rowid ON topic (rowid)")
    db.commit()
    db.close()


def fts_where(spec: Spec, without: str | None = None) -> tuple[str, list]:
    """Return the condition on table input selecting the query's matches, and its arguments."""
    clauses, args = ["1"], []
    if spec.match:
        clauses.append("input.rowid IN (SELECT rowid FROM fts WHERE fts MATCH ?)")
        args.append(spec.match)
    for name, values in spec.filters.items():
        if name != without:
            clauses.append(f"input.{name} IN ({', '.join('?' * len(values))})")
            args.extend(int(v) if name == "year" else v for v in values)
    return " AND ".join(clauses), args


def fts_facets(db: sqlite3.Connection, spec: Spec, names: tuple[str, ...],
               without: str | None = None) -> dict:
    """Count facet values over the matching rows, read once into a materialised CTE."""
    where, args = fts_where(spec, without)
    parts = ["SELECT '', NULL, count(*) FROM m"]
    parts += [f"SELECT '{name}', {name}, count(*) FROM m WHERE {name} IS NOT NULL "
              f"AND {name} != '' GROUP BY {name}" for name in names if name != "topic"]
    if "topic" in names:
        parts.append("SELECT 'topic', topic.topic, count(*) FROM m JOIN topic "
                     "ON topic.rowid = m.rowid GROUP BY topic.topic")
    counts: dict = defaultdict(dict)
    for name, value, count in db.execute(
            f"WITH m AS MATERIALIZED (SELECT rowid, {', '.join(FTS_FACETS)} FROM input "
            f"WHERE {where}) "
            + " UNION ALL ".join(parts), args):
        counts[name][value] = count
    return counts


def fts_search(db: sqlite3.Connection, spec: Spec) -> int:
    """Top 10 with snippets, total and the ten facet counts; return the total."""
    where, args = fts_where(spec)
    order = "bm25(fts)" if spec.match and spec.sort == "relevance" else "input.year DESC, input.position"
    if spec.match:
        db.execute("SELECT input.id, snippet(fts, 0, '<mark>', '</mark>', ' … ', 40) FROM fts "
                   f"JOIN input ON input.rowid = fts.rowid WHERE fts MATCH ? AND {where} "
                   f"ORDER BY {order} LIMIT {PER_PAGE}", [spec.match, *args]).fetchall()
    else:
        db.execute(f"SELECT id, substr(text, 1, 320) FROM input WHERE {where} ORDER BY {order} "
                   f"LIMIT {PER_PAGE}", args).fetchall()
    counts = fts_facets(db, spec, tuple(n for n in FACETS if n not in spec.filters))
    for name in spec.filters:
        fts_facets(db, spec, (name,), without=name)
    return counts[""][None]


# --- the query mix ------------------------------------------------------------------------

def quoted(word: str) -> str:
    return '"' + word + '"'


def query_mix(count: int, seed: int) -> list[Spec]:
    """Return count queries, classes interleaved in a seeded order."""
    rng = random.Random(seed + 1)
    rare = PLACES[len(PLACES) * 2 // 3:]
    specs = []
    for number in range(count):
        kind = CLASSES[number % len(CLASSES)] if number < len(CLASSES) else rng.choice(CLASSES)
        specs.append(spec_of(kind, rng, rare))
    return specs


def spec_of(kind: str, rng: random.Random, rare: list[str]) -> Spec:
    """Draw one query of a class from its pool."""
    if kind in ("word common", "sort by year"):
        word = rng.choice(COMMON)
        return Spec(kind, word, quoted(word), sort="year" if kind == "sort by year" else "relevance")
    if kind == "word rare":
        word = rng.choice(rare)
        return Spec(kind, word, quoted(word))
    if kind == "typo":
        word = rng.choice(TYPOS)
        return Spec(kind, word, quoted(word))
    if kind == "two-word AND":
        a, b = rng.choice(PAIRS)
        return Spec(kind, f"{a} AND {b}", f"{quoted(a)} AND {quoted(b)}")
    if kind == "phrase":
        phrase = rng.choice(PHRASES)
        return Spec(kind, quoted(phrase), quoted(phrase))
    if kind == "prefix":
        stem = rng.choice(PREFIXES)
        return Spec(kind, stem + "*", quoted(stem) + "*")
    name, value = rng.choice(FILTER_CHOICES)
    if kind == "browse":
        return Spec(kind, "", None)
    if kind == "browse filtered":
        return Spec(kind, "", None, {name: [value(rng)]})
    base = spec_of(rng.choice(("word common", "phrase", "prefix")), rng, rare)
    return Spec(kind, base.text, base.match, {name: [value(rng)]})


# --- running and reporting ----------------------------------------------------------------

def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (share in 0..1) of a non-empty list."""
    return sorted(values)[max(0, math.ceil(share * len(values)) - 1)]


def timed(action) -> tuple[float, object]:
    start = time.perf_counter()
    result = action()
    return (time.perf_counter() - start) * 1000, result


def run_mix(config: Config, fts_path: Path, specs: list[Spec]) -> dict[str, dict]:
    """Run each query on both engines in turn (order alternating); return ms and hits per class."""
    index = open_index(config)
    db = sqlite3.connect(fts_path)
    engines = {"project": lambda s: search(index, SearchRequest(
                   s.text, s.filters, per_page=PER_PAGE, sort=s.sort)).total,
               "fts5": lambda s: fts_search(db, s)}
    for spec in specs[:len(CLASSES)]:  # warm-up: word lists, caches, page cache
        for run in engines.values():
            run(spec)
    figures: dict[str, dict] = defaultdict(lambda: defaultdict(list))
    for number, spec in enumerate(specs):
        names = list(engines) if number % 2 == 0 else list(engines)[::-1]
        for name in names:
            ms, total = timed(lambda: engines[name](spec))
            figures[spec.kind][name].append(ms)
            figures[spec.kind][name + " hits"].append(total)
    db.close()
    index.close()
    return figures


def calibration_ms() -> float:
    """Time a fixed pure-Python loop: on a shared machine, how fast the CPU was just now."""
    start, total = time.perf_counter(), 0
    for number in range(1_000_000):
        total += number
    return (time.perf_counter() - start) * 1000


def conditions() -> str:
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return f"load average (1, 5, 15 min) {load}; 1M-step Python loop {calibration_ms():.0f} ms"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def folder_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6


def build(config: Config, fts_path: Path, n: int, seed: int) -> dict:
    """Make, store and index n inputs, and build the FTS5 baseline; return the figures."""
    figures = {"n": n, "seed": seed}
    ms, by_year = timed(lambda: make_records(n, seed))
    figures["generate_s"] = ms / 1000
    figures["store_s"] = timed(lambda: store(config, by_year))[0] / 1000
    del by_year
    figures["index_s"] = timed(lambda: rebuild(make_engine(config), config))[0] / 1000
    figures["index_rss_mb"] = peak_rss_mb()
    figures["fts5_s"] = timed(lambda: fts_build(config, fts_path))[0] / 1000
    figures["index_mb"] = folder_mb(live_dir(config))
    figures["fts5_mb"] = fts_path.stat().st_size / 1e6
    return figures


def print_build(fig: dict, reused: bool) -> None:
    n = fig["n"]
    print(f"Build ({'reused from an earlier run' if reused else 'this run'}; n={n:,}, seed={fig['seed']})")
    print(f"  {'step':<28}{'seconds':>9}{'inputs/s':>10}{'size MB':>9}")
    for label, key, size in (("generate (from the report)", "generate_s", None),
                             ("store (SQLAlchemy, bulk)", "store_s", None),
                             ("index (kb.index.rebuild)", "index_s", "index_mb"),
                             ("fts5 (table + facets)", "fts5_s", "fts5_mb")):
        rate = n / fig[key] if key in ("index_s", "fts5_s") else None
        print(f"  {label:<28}{fig[key]:>9.1f}{(f'{rate:,.0f}' if rate else ''):>10}"
              f"{(f'{fig[size]:.0f}' if size else ''):>9}")
    print(f"  peak RSS after the index build: {fig['index_rss_mb']:,.0f} MB")


def print_search(figures: dict[str, dict], count: int) -> None:
    print(f"\nSearch, {count} queries interleaved (ms; top {PER_PAGE} + snippets + 10 facets)")
    print(f"  {'class':<17}{'n':>4}{'proj med':>10}{'p95':>8}{'fts5 med':>10}{'p95':>7}"
          f"{'ratio med':>11}{'p95':>6}{'hits p/f (mean)':>18}")
    overall: dict[str, list[float]] = defaultdict(list)
    for kind in CLASSES:
        row = figures.get(kind)
        if row:
            for name in ("project", "fts5"):
                overall[name] += row[name]
            print_row(kind, row)
    print_row("all", overall)


def print_row(label: str, row: dict) -> None:
    p, f = row["project"], row["fts5"]
    pm, pp, fm, fp = statistics.median(p), percentile(p, .95), statistics.median(f), percentile(f, .95)
    hits = (f"{statistics.mean(row['project hits']):,.0f}/{statistics.mean(row['fts5 hits']):,.0f}"
            if "project hits" in row else "")
    print(f"  {label:<17}{len(p):>4}{pm:>10.1f}{pp:>8.1f}{fm:>10.1f}{fp:>7.1f}"
          f"{pm / fm:>10.0f}x{pp / fp:>5.0f}x{hits:>18}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="synthetic inputs to make")
    parser.add_argument("--queries", type=int, default=300, help="measured queries per engine")
    parser.add_argument("--seed", type=int, default=13, help="seed of inputs and query mix")
    parser.add_argument("--keep", metavar="DIR", help="data folder to keep and reuse: the build "
                        "is skipped when it already holds this n and seed")
    parser.add_argument("--meaning", action="store_true",
                        help="embed the texts for search by meaning too (KB_EMBEDDER; slow: "
                             "0.1–0.2 s per text on two cores)")
    parser.add_argument("--update-year", type=int, default=2020, metavar="YEAR",
                        help="after searching, replace this year's inputs and time "
                             "kb.index.update, then search again (0: skip)")
    parser.add_argument("--skip-build", action="store_true",
                        help="only search the base in --keep DIR, whatever its n")
    args = parser.parse_args()
    if args.n < 1 or args.queries < 1:
        parser.error("--n and --queries must be at least 1")
    if args.skip_build and not (args.keep and (Path(args.keep) / MARKER).exists()):
        parser.error("--skip-build needs --keep DIR with a base built by this script")
    with tempfile.TemporaryDirectory() as scratch:
        measure(Path(args.keep or scratch), args)


def measure(folder: Path, args: argparse.Namespace) -> None:
    """Build (or reuse) the base in folder, run the query mix, print everything."""
    print(f"Machine: {platform.platform()}, Python {platform.python_version()}, "
          f"SQLite {sqlite3.sqlite_version}, {os.cpu_count()} CPUs")
    print(f"At start: {conditions()}")
    folder.mkdir(parents=True, exist_ok=True)
    config, marker = load_config(data_dir=folder), folder / MARKER
    if not args.meaning:
        config = dataclasses.replace(config, embedder="none")
    print(f"Search by meaning: {'on, ' + config.embedder if args.meaning else 'off (words only)'}")
    fts_path = folder / "fts5.sqlite"
    old = json.loads(marker.read_text()) if marker.exists() else None
    reused = bool(old) and (args.skip_build or (old["n"], old["seed"]) == (args.n, args.seed))
    if not reused:
        if old or any(folder.iterdir()):
            raise SystemExit(f"Feil: {folder} holds another base; give an empty or new folder.")
        old = build(config, fts_path, args.n, args.seed)
        marker.write_text(json.dumps(old))
    print_build(old, reused)
    print(f"Before searching: {conditions()}")
    specs = query_mix(args.queries, args.seed)
    print_search(run_mix(config, fts_path, specs), args.queries)
    if args.update_year:
        fig = replace_year(config, args.update_year, args.seed + int(time.time()))
        how = (f"{fig['written']:,} documents written, {fig['segments']} segments"
               if fig["written"] else "rebuilt whole (too many deleted documents, or not in step)")
        print(f"\nReplace the {fig['year']} report ({fig['inputs']:,} of {fig['total']:,} inputs) "
              f"with kb.index.update: {fig['seconds']:.1f} s ({how}); the whole build took "
              f"{old['index_s']:.1f} s: {old['index_s'] / fig['seconds']:.1f}x")
        print("Search after the update (the FTS5 table is not updated):")
        print_search(run_mix(config, fts_path, specs), args.queries)
    print(f"\nPeak RSS of the process: {peak_rss_mb():,.0f} MB")
    print(f"At end: {conditions()}")


if __name__ == "__main__":
    main()
