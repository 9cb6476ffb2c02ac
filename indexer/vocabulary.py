"""Words and patterns that tell the parts of a report apart, in bokmål and nynorsk.

This is data, not code: a layout of another year that names its parts with
other words gets new entries here, not a new parser.
"""
from __future__ import annotations

import re

BULLET = re.compile(r"^([-•–—*▪●◦])\s+(?P<text>.*)$")
NUMBERED = re.compile(r"^(?P<number>\d+(?:\.\d+)+\.?|\d+\.)\s+(?P<text>\S.*)$")
QUESTION = re.compile(r"^(?:spørsmål|spm\.?)\s*(?P<number>\d+)\s*[:.)–-]\s*(?P<text>.*)$",
                      re.IGNORECASE)
PROGRAM_ENTRY = re.compile(r"^(?:kl\.?\s*)?\d{1,2}[:.]\d{2}(?:\s*[-–]\s*\d{1,2}[:.]\d{2})?\s+\S",
                           re.IGNORECASE)
CAPTION = re.compile(r"^(?:tabell|figur|diagram|graf)\s+\d+\s*[.:]", re.IGNORECASE)
SESSION_LABEL = re.compile(
    r"\b(?P<label>(?:bolk|sesjon|parallellsesjon|workshop)\s+(?:\d+|[IVX]+))\s*[:.–-]\s*(?P<title>.+)$",
    re.IGNORECASE)
TERMINAL = (".", "?", "!", ":", ";", "»", '"', ")")
# A heading that names a session on its own line: "Sesjon 1: Foreldresamarbeid (KD)",
# "Workshop 2: Helse", "Parallellsesjon II" (a group of sessions, when it has no title).
SESSION_HEADING = re.compile(
    r"^(?P<label>(?:parallellsesjon|sesjon|bolk|workshop|gruppe)\s+(?:\d+|[IVX]+))"
    r"(?:\s*[:.–-]\s*(?P<title>[^.?!]+?))?\s*$", re.IGNORECASE)
LED_BY = re.compile(r"\s*\((?P<by>[A-ZÆØÅ][\wÆØÅæøå-]{1,12})\)$")  # "(KD)": the ministry leading it
# Unnumbered headings that announce a part, matched against the whole line.
PART_HEADINGS = re.compile(
    r"^(?:innspill|innspel|spørsmål|spørsmåla|innledning|innleiing|innledere|innleiarar|"
    r"innlegg|tema|oppsummering|sammendrag|samandrag|program|programmet|konferanseprogram|"
    r"panel|panelsamtale|avslutning)(?:\s+(?:fra|frå|til|i|om)\s+[^.?!]{1,60})?$",
    re.IGNORECASE)
# "Somalisk forening: Mange familier …" – an input given with the organisation that gave it.
ATTRIBUTED = re.compile(
    r"^(?P<organisation>[A-ZÆØÅ][^:.?!«»]{1,60}?):\s+(?P<text>[A-ZÆØÅ«\"0-9].*)$")
ATTRIBUTION_WORDS = 7

# Heading words → the kind of the text under the heading. First match wins.
SECTION_KINDS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), kind) for pattern, kind in (
        (r"sammendrag|samandrag|^oppsummering$|oppsummering av konferansen", "sammendrag"),
        (r"program", "program"),
        (r"panel", "panel"),
        (r"spørsmål|spørsmåla|diskusjonsspørsmål", "spørsmål"),
        (r"innledere|innleiarar|innledning|innleiing|innlegg|foredrag", "innlegg"),
        (r"innspill|innspel|gruppediskusjon|gruppearbeid|workshop", "innspill"),
        (r"^tema$|^temaet$|bakgrunn for tema", "tema"),
        (r"^(?:\w+\s+)?tale\b|\btale ved\b|åpningstale|opningstale|innledningstale", "tale"),
        (r"avslutning|avslutningstale|oppsummering ved", "avslutning"),
        (r"\bkonferansen\b|om konferansen", "konferansen"),
    ))

# Kinds of heading that make their parent heading a bolk (a block with a theme).
BOLK_PARTS = frozenset({"tema", "innlegg", "spørsmål", "innspill", "panel"})
# Kinds that a top-level section may give its prose; anything else is plain "tekst".
SECTION_PROSE_KINDS = frozenset({"sammendrag", "program", "tale", "konferansen", "avslutning"})

# Titles that stand before a name and are not part of it.
ROLE_WORDS = frozenset({
    "statssekretær", "statsråd", "statsrådet", "seniorrådgiver", "rådgiver", "leder",
    "daglig", "direktør", "konferansier", "ordfører", "professor", "forsker", "generalsekretær",
    "styreleder", "avdelingsdirektør", "ekspedisjonssjef", "politiinspektør", "sjef",
})
ORGANISATION_PREPOSITIONS = frozenset({"fra", "ved", "i", "for", "frå"})

# Abbreviations after which a full stop does not end a sentence.
ABBREVIATIONS = frozenset({
    "f.eks", "bl.a", "o.l", "ev", "evt", "dvs", "mv", "m.v", "osv", "nr", "kl", "ca", "jf",
    "pga", "ift", "mht", "t.o.m", "f.o.m", "etc", "inkl", "ekskl", "st", "prof", "dr",
})


def section_kind(title: str) -> str | None:
    """Return the kind of text a heading announces, or None when it says nothing."""
    for pattern, kind in SECTION_KINDS:
        if pattern.search(title.strip()):
            return kind
    return None
