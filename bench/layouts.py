"""Fidelity on reports of other years: the share of expected tags the parser finds.

Reads every synthetic report in tests/fixtures (the *.pdf.md sources are typeset to
PDFs first, headings told apart by type alone) and compares its pieces with the tags
a reader gave them, in tests/fixtures/expected/*.yaml (written before the parser was
run on the report). Prints per report and in total the share of expected tags found
(year, theme, session, question, category, kind, organisation, page), the
characters of the source that ended up in no piece and no heading (text lost), and
the extra inputs: pieces of a report's own kinds (innspill, spørsmål, innlegg,
panel, tale) that no reader expected, such as a running header read as an input;
only kinds the reader tagged somewhere in that report are judged.

    .venv/bin/python bench/layouts.py [--misses] [--json] [--profiles]

--profiles reads each report with the layout profile an editor wrote for it after a
dry run (tests/fixtures/profiles/, put beside the report as its sidecar).
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
EXPECTED = FIXTURES / "expected"
PROFILES = FIXTURES / "profiles"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from indexer import vocabulary as vocab  # noqa: E402
from indexer.errors import IngestError  # noqa: E402
from indexer.extract import extract  # noqa: E402
from indexer.leads import role_line  # noqa: E402
from indexer.load import prepare  # noqa: E402
from indexer.parse import parse  # noqa: E402
from pdf_render import render_typeset  # noqa: E402

INPUT_KINDS = frozenset({"innspill", "spørsmål", "innlegg", "panel", "tale"})
PUNCTUATION = ",.:;()[]«»"
TAGS = ("year", "theme", "session", "question", "category", "kind", "organisation", "page")
REPORT_SUFFIXES = (".txt", ".pdf", ".docx")
TYPESET = ".pdf.md"
# Words that mark structure rather than carry text: bullets, list and section numbers, and the
# label of a line naming people in a role ("Innleder:"), which goes to the speaker field.
NOISE = re.compile(r"^(?:[-•–—*▪●◦o]|\d+[.)]|[a-zæøå]\)|\d+(?:\.\d+)+\.?|(?:%s):)$"
                   % "|".join(vocab.ROLE_LABELS), re.IGNORECASE)


@dataclass
class Score:
    """How one report came out: tags found of those expected, and text lost."""

    report: str
    found: Counter = field(default_factory=Counter)
    expected: Counter = field(default_factory=Counter)
    lost: int = 0
    extra: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def share(self) -> float:
        total = sum(self.expected.values())
        return sum(self.found.values()) / total if total else 1.0


def build_reports(folder: Path, profiles: bool = False) -> dict[str, Path]:
    """Copy every fixture report into folder, typesetting the *.pdf.md sources; return by name.

    With profiles, the profile written for a report is put beside it as its sidecar.
    """
    reports: dict[str, Path] = {}
    for source in sorted(FIXTURES.iterdir()):
        if source.name.endswith(TYPESET):
            target = folder / source.name[:-len(".md")]
            render_typeset(source.read_text("utf-8"), target)
        elif source.suffix in REPORT_SUFFIXES + (".yaml",):
            target = folder / source.name
            shutil.copy(source, target)
        else:
            continue
        if target.suffix in REPORT_SUFFIXES:
            reports[target.name] = target
            profile = PROFILES / f"{target.stem}.yaml"
            if profiles and profile.exists():
                shutil.copy(profile, target.with_suffix(".yaml"))
    return reports


def expectations() -> dict[str, dict]:
    """Return each report's expected year and pieces (text with its tags), by report name."""
    found: dict[str, dict] = {}
    for path in sorted(EXPECTED.glob("*.yaml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        pieces = []
        for group in data["groups"]:
            for item in group["texts"]:
                piece = dict.fromkeys(TAGS[1:]) | group["tags"]
                piece |= item if isinstance(item, dict) else {"text": item}
                pieces.append(piece)
        names = data["report"] if isinstance(data["report"], list) else [data["report"]]
        for name in names:
            found[name] = {"year": data["year"], "pieces": pieces}
    return found


def normal(text: str | None) -> str | None:
    return " ".join(text.split()) if text else None


def actual(record, year: int | None) -> dict:
    """Return a record's tags in the form of the expectations."""
    category = " › ".join(c for c in (record.category, record.subcategory) if c) or None
    return {"year": year, "theme": record.theme, "session": record.session,
            "question": normal(record.question), "category": category, "kind": record.kind,
            "organisation": record.organisation, "page": record.page}


def score(path: Path, expected: dict) -> Score:
    """Compare the pieces parsed from one report with the expected ones."""
    result = Score(path.name)
    try:
        prepared = prepare(path)
    except IngestError as error:  # a refused report: every tag missed, all its text lost
        result.expected.update({tag: len(expected["pieces"]) for tag in TAGS})
        result.misses.append(str(error))
        result.lost = sum(len(w) for p in extract(path).pages for line in p.lines for w in line.split())
        return result
    unused = list(prepared.records)
    for piece in expected["pieces"]:
        wanted = {tag: piece.get(tag) for tag in TAGS} | {"year": expected["year"]}
        wanted["question"] = normal(wanted["question"])
        result.expected.update(TAGS)
        record = next((r for r in unused if normal(r.text) == normal(piece["text"])), None)
        if record is None:
            result.misses.append(f"ikke funnet: {piece['text'][:70]}")
            continue
        unused.remove(record)
        got = actual(record, prepared.metadata.year)
        for tag in TAGS:
            if got[tag] == wanted[tag]:
                result.found[tag] += 1
            else:
                result.misses.append(f"{tag}: {got[tag]!r} ≠ {wanted[tag]!r} – {piece['text'][:50]}")
    result.lost = lost_characters(path, prepared)
    judged = INPUT_KINDS & {piece["kind"] for piece in expected["pieces"]}
    extra = [r for r in unused if r.kind in judged]
    result.extra = len(extra)
    result.misses += [f"uventet {r.kind}: {r.text[:70]}" for r in extra]
    return result


def lost_characters(path: Path, prepared) -> int:
    """Count the characters of the source's words that are in no piece and no heading."""
    parsed = parse(extract(path), prepared.metadata.profile)
    records = prepared.records
    source = Counter(words(unlabelled(line.text) for line in parsed.lines))
    kept = Counter(words(value for record in records for value in (
        record.text, record.organisation, record.speaker, record.category, record.subcategory)))
    kept.update(words(line.text for line in parsed.structure))
    kept.update(words(line.text for line in getattr(parsed, "skipped", [])))
    return sum(len(word) * count for word, count in (source - kept).items())


def unlabelled(text: str) -> str:
    """Return a line without its question label ("Spørsmål A:", "B:") or the label of a line
    naming people in a role ("Leder for gruppen:"), marks of structure."""
    match = vocab.QUESTION.match(text) or vocab.NEXT_QUESTION.match(text) or role_line(text)
    return match.group("text") if match else text


def words(texts) -> list[str]:
    """Return the words of texts without the punctuation around them, structure marks left out."""
    return [w.strip(PUNCTUATION) for text in texts if text for w in text.split()
            if not NOISE.match(w) and w.strip(PUNCTUATION)]


def measure(profiles: bool = False) -> list[Score]:
    """Score every fixture report that has expectations, with their profiles if asked."""
    wanted = expectations()
    with tempfile.TemporaryDirectory() as folder:
        reports = build_reports(Path(folder), profiles)
        return [score(reports[name], wanted[name]) for name in sorted(wanted) if name in reports]


def total(scores: list[Score]) -> Score:
    whole = Score("totalt")
    for item in scores:
        whole.found.update(item.found)
        whole.expected.update(item.expected)
        whole.lost += item.lost
        whole.extra += item.extra
    return whole


def table(scores: list[Score]) -> list[str]:
    """Return the printed table: per report and in total, then per tag."""
    lines = [f"{'report':48} {'tags':>5} {'found':>6} {'share':>7} {'lost chars':>11} {'extra':>6}"]
    for item in [*scores, total(scores)]:
        lines.append(f"{item.report:48} {sum(item.expected.values()):5d} "
                     f"{sum(item.found.values()):6d} {item.share:7.1%} {item.lost:11d} {item.extra:6d}")
    whole = total(scores)
    lines.append("per tag: " + ", ".join(
        f"{tag} {whole.found[tag] / whole.expected[tag]:.1%}" for tag in TAGS if whole.expected[tag]))
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list every tag not found")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--profiles", action="store_true",
                        help="read each report with the profile written for it, if any")
    args = parser.parse_args()
    scores = measure(args.profiles)
    if args.json:
        print(json.dumps({s.report: {"share": round(s.share, 4), "lost": s.lost, "extra": s.extra}
                          for s in [*scores, total(scores)]}, ensure_ascii=False, indent=2))
        return
    print("\n".join(table(scores)))
    if args.misses:
        for item in scores:
            for miss in item.misses:
                print(f"{item.report}: {miss}")


if __name__ == "__main__":
    main()
