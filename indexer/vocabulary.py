"""Words and patterns that tell the parts of a report apart, in bokmål and nynorsk.

This is data, not code: a layout of another year that names its parts with
other words gets new entries here, not a new parser.
"""
from __future__ import annotations

import re

BULLET = re.compile(r"^([-•–—*▪●◦])\s+(?P<text>.*)$")
NUMBERED = re.compile(r"^(?P<number>\d+(?:\.\d+)+\.?|\d+[.)]|[a-zæøå]\))\s+(?P<text>\S.*)$")
# "1 Innledning": a heading numbered without a full stop, as Word's numbered headings come out.
BARE_NUMBERED = re.compile(r"^(?P<number>\d{1,2})\s+(?P<text>[A-ZÆØÅ][^.?!:;]{0,80})$")
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
    r"^(?P<label>(?:parallellsesjon|sesjon|bolk|workshop|verksted|verkstad|gruppe|panel)\s+"
    r"(?:\d+|[IVX]+))(?:\s*[:.–-]\s*(?P<title>[^.?!]+?))?\s*$", re.IGNORECASE)
# A heading over several sessions names them in the plural: "Referater fra workshopene",
# "Parallelle sesjoner, første runde", "Panelsamtalene", "2. Workshopane".
SESSION_GROUP = re.compile(
    r"\b(?:parallelle\s+)?(?P<unit>parallellsesjon|sesjon|workshop|bolk|panelsamtal|panel|"
    r"verksted|verkstad)(?:ene|ane|er|ar)\b", re.IGNORECASE)
# What a session is called when the report gives it no name of its own, by the unit word.
SESSION_UNITS = {"parallellsesjon": "Sesjon", "sesjon": "Sesjon", "workshop": "Workshop",
                 "bolk": "Bolk", "panelsamtal": "Panel", "panel": "Panel",
                 "verksted": "Verksted", "verkstad": "Verkstad"}
UNIT_WORDS = re.compile(r"\b(?P<unit>bolk|sesjon|parallellsesjon|workshop|verksted|verkstad)"
                        r"(?:en|ene|er|ar|ane)?\b", re.IGNORECASE)
DEFAULT_UNIT = "Bolk"
LED_BY = re.compile(r"\s*\((?P<by>[A-ZÆØÅ][\wÆØÅæøå-]{1,12})\)$")  # "(KD)": the ministry leading it
# Unnumbered headings that announce a part, matched against the whole line.
PART_HEADINGS = re.compile(
    r"^(?:\w*innspill|\w*innspel|svar|spørsmål|spørsmåla|spørsmålene|diskusjonsspørsmål|innledning|"
    r"innleiing|innledere|innleiarar|innlegg|tema|oppsummering|sammendrag|samandrag|program|"
    r"programmet|konferanseprogram|panel|panelsamtale|avslutning|referat|hovedpunkter|"
    r"hovudpunkt|momenter|tilbakemeldinger|dette sa deltakerne|dette kom fram|dette kom frem|"
    r"hva deltakerne sa)(?:\s+(?:fra|frå|til|i|om|på|av|for)\s+[^.?!]{1,60})?(?:\s+var)?$",
    re.IGNORECASE)
# "Innspill til spørsmål 2", "Svar på spørsmål 1": the inputs answer question N of the session.
QUESTION_INPUTS = re.compile(
    r"^(?:innspill|innspel|svar|svara)\s+(?:til|på|for)\s+spørsmål\s*(?P<number>\d+)",
    re.IGNORECASE)
# "Somalisk forening: Mange familier …" – an input given with the organisation that gave it.
ATTRIBUTED = re.compile(
    r"^(?P<organisation>[A-ZÆØÅ][^:.?!«»]{1,60}?):\s+(?P<text>[A-ZÆØÅ«\"0-9].*)$")
ATTRIBUTION_WORDS = 7
# "Barriere: …", "Løsning: …": the kind of an input, not who gave it; a category of its own.
INPUT_LABELS = frozenset({
    "barriere", "barrierer", "løsning", "løsninger", "tiltak", "utfordring", "utfordringer",
    "forslag", "anbefaling", "anbefalinger", "eksempel", "eksempler", "behov", "hindring",
    "hindringer", "mulighet", "muligheter", "erfaring", "erfaringer", "problem", "kommentar",
    "merknad", "innspill", "innspel", "svar", "konklusjon", "utfordringar", "løysing",
    "løysingar", "døme", "framlegg", "tilrår", "anbefalt",
})
# A sentence of a discussion summary that says who led or wrote it is no input.
SESSION_META = re.compile(
    r"\b(?:ble\s+ledet\s+av|vart\s+leia\s+av|ledet\s+(?:sesjonen|workshopen|møtet|gruppa|"
    r"gruppene|samtalen|panelet)|leia\s+(?:sesjonen|workshopen|møtet)|var\s+(?:ordstyrer|"
    r"møteleder|møteleiar|referent)|(?:ordstyrer|møteleder|møteleiar|referent)\s+var)\b",
    re.IGNORECASE)
# "Innleder: Kari Testesen, KD" names people, not an organisation: label → kind of the line.
ROLE_LABELS = {
    "innleder": "innlegg", "innledere": "innlegg", "innleiar": "innlegg", "innleiarar": "innlegg",
    "foredragsholder": "innlegg", "foredragsholdere": "innlegg",
    "panel": "panel", "panelet": "panel", "panelister": "panel", "paneldeltakere": "panel",
    "ordstyrer": "tekst", "møteleder": "tekst", "møteleiar": "tekst", "moderator": "tekst",
    "referent": "tekst", "gruppeleder": "tekst", "til stede": "tekst",
}
ROLE_LINE = re.compile(r"^(?P<label>[A-ZÆØÅ][a-zæøå]+(?: stede)?):\s+(?P<text>\S.*)$")
# An organisation named at the end of an input: "… (Afghansk kulturforening)", "… – Norsk Folkehjelp".
END_PARENTHESES = re.compile(r"^(?P<text>.*?[^\s(])\s*\((?P<organisation>[A-ZÆØÅ][^()]{1,80})\)\.?$")
END_DASH = re.compile(r"^(?P<text>.*\S)\s+[–—-]\s+(?P<organisation>[A-ZÆØÅ][^.?!:;–—]{1,80}?)\.?$")
ORGANISATION_END_WORDS = 8
# Word endings that mark a name as an organisation's.
ORGANISATION_SUFFIXES = (
    "forening", "foreningen", "foreining", "foreininga", "forbund", "forbundet", "forum",
    "råd", "rådet", "senter", "senteret", "sentret", "nettverk", "nettverket", "organisasjon",
    "organisasjonen", "lag", "laget", "kirke", "kyrkje", "menighet", "moské", "moskeen",
    "stiftelse", "stiftelsen", "allianse", "kommune", "kommunen", "departement",
    "departementet", "direktorat", "direktoratet", "etaten", "ombud", "ombudet", "skole",
    "skolen", "hjelp", "kors", "klubb", "klubben", "gruppe", "gruppa", "gruppen", "institutt",
    "instituttet", "selskap", "selskapet", "union", "unionen", "utvalg", "utvalget",
)
# Small words a name may hold in lower case: "Norges Røde Kors", "Foreningen for …".
NAME_JOINERS = frozenset({"og", "for", "i", "på", "av", "mot", "med", "til", "fra", "frå"})
# Prose right under a session: a talk when it names a person with one of these verbs ...
TALK_VERBS = re.compile(
    r"\b(?:innledet|innleidde|innleia|holdt\s+(?:et\s+)?innlegg|heldt\s+innlegg|snakket\s+om|"
    r"snakka\s+om|fortalte\s+om|fortalde\s+om|presenterte|orienterte|åpnet|opna)\b",
    re.IGNORECASE)
# ... and a summary of the discussion (one input a sentence) when it holds one of these.
DISCUSSION_WORDS = re.compile(
    r"\b(?:deltakerne|deltagerne|deltakarane|gruppene|mente|meinte|foreslo|etterlyste|"
    r"pekt på|peika på|tok opp|ønsket|ønskte|understreket|understreka)\b", re.IGNORECASE)
# Heading words → the kind of the text under the heading. First match wins.
SECTION_KINDS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), kind) for pattern, kind in (
        (QUESTION_INPUTS.pattern, "innspill"),
        (r"sammendrag|samandrag|^oppsummering$|oppsummering av konferansen", "sammendrag"),
        (r"^(?:konferanse|dagens\s+)?program", "program"),
        (r"panel", "panel"),
        (r"spørsmål|spørsmåla|diskusjonsspørsmål", "spørsmål"),
        (r"innledere|innleiarar|innledning|innleiing|innlegg|foredrag", "innlegg"),
        (r"innspill|innspel|gruppediskusjon|gruppearbeid|workshop|referat|hovedpunkt|hovudpunkt|"
         r"momenter|dette sa|kom fram|kom frem|deltakerne|deltakarane|fra gruppene|frå gruppene|"
         r"fra bordene|chat|forslag fra|forslag frå|tilbakemeldinger|synspunkter|diskusjonen",
         "innspill"),
        (r"^tema$|^temaet$|bakgrunn for tema", "tema"),
        (r"^(?:\w+\s+)?tale\b|\btale ved\b|åpningstale|opningstale|innledningstale", "tale"),
        (r"avslutning|avslutningstale|oppsummering ved|veien videre|vegen vidare|"
         r"avsluttende (?:ord|kommentarer|merknader)", "avslutning"),
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
