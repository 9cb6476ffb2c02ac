"""Words and patterns that tell the parts of a report apart, in bokmål and nynorsk.

This is data, not code: a layout of another year that names its parts with
other words gets new entries here, not a new parser.
"""
from __future__ import annotations

import re

# "o" marks a sub-bullet in text saved from Word ("o Barna må …"); no sentence starts so.
BULLET = re.compile(r"^(?P<marker>[-•–—*▪●◦]|o(?=\s+[A-ZÆØÅ«\"]))\s+(?P<text>.*)$")
NUMBERED = re.compile(r"^(?P<number>\d+(?:\.\d+)+\.?|\d+[.)]|[a-zæøå]\))\s+(?P<text>\S.*)$")
# "1 Innledning": a heading numbered without a full stop, as Word's numbered headings come out.
BARE_NUMBERED = re.compile(r"^(?P<number>\d{1,2})\s+(?P<text>[A-ZÆØÅ][^.?!:;]{0,80})$")
# "Spørsmål 1: …", "Spørsmål A: …", "Diskusjonsspørsmål: …"; after one, "B: …?" goes on with
# the next question. A discussion word as the label ("Gruppediskusjon: …?", "Drøfting: …?")
# puts a question only when what follows it is one: "Gruppediskusjon: Arbeid" is a topic.
QUESTION = re.compile(
    r"^(?:(?:\w*spørsmål|spm\.?)\s*(?P<number>\d+|(?-i:[A-ZÆØÅ]))?\s*[:.)–-]"
    r"|\w*(?:diskusjon|drøfting|oppgave|oppgåve|refleksjon)\s*:(?=.*\?\s*$))\s*(?P<text>\S.*)$",
    re.IGNORECASE)
QUESTION_WORDS = 40  # a question standing alone over its inputs is at most this long
NEXT_QUESTION = re.compile(r"^(?P<number>[A-ZÆØÅ]|\d{1,2})\s*[:)]\s+(?P<text>[A-ZÆØÅ].*\?)$")
PROGRAM_ENTRY = re.compile(r"^(?:kl\.?\s*)?\d{1,2}[:.]\d{2}(?:\s*[-–]\s*\d{1,2}[:.]\d{2})?\s+\S",
                           re.IGNORECASE)
CAPTION = re.compile(r"^(?:tabell|figur|diagram|graf)\s+\d+\s*[.:]", re.IGNORECASE)
# What a session is called, alone or as the end of a compound ("Arbeidsgruppe", "Temagruppe",
# "Parallellsesjon"), and what numbers it: 2, II or a capital letter ("Arbeidsgruppe A").
SESSION_UNIT = r"(?:[a-zæøå]*(?:sesjon|gruppe|workshop|verksted|verkstad)|bolk|panel|tema)"
SESSION_NUMBER = r"(?:\d+|[IVX]+|(?-i:[A-ZÆØÅ]))"
SESSION_LABEL = re.compile(
    rf"\b(?P<label>{SESSION_UNIT}\s+{SESSION_NUMBER})\s*[:.–-]\s*(?P<title>.+)$", re.IGNORECASE)
TERMINAL = (".", "?", "!", ":", ";", "»", '"', ")")
# A heading that names a session on its own line: "Sesjon 1: Foreldresamarbeid (KD)",
# "Workshop 2: Helse", "Arbeidsgruppe A: Arbeid", "Parallellsesjon II" (a group of sessions,
# when it has no title).
SESSION_HEADING = re.compile(
    rf"^(?P<label>{SESSION_UNIT}\s+{SESSION_NUMBER})(?:\s*[:.–-]\s*(?P<title>[^.?!]+?))?\s*$",
    re.IGNORECASE)
# A heading that gives a session's unit and title but no number: "Panel: Hva har vi lært?".
UNIT_HEADING = re.compile(
    r"^(?P<unit>panelsamtale|panel|parallellsesjon|sesjon|workshop|verksted|verkstad|bolk)\s*:\s*"
    r"(?P<title>[^.!]{3,}?)\s*$", re.IGNORECASE)
# A heading over several sessions names them in the plural: "Referater fra workshopene",
# "Parallelle sesjoner, første runde", "Panelsamtalene", "2. Workshopane".
SESSION_GROUP = re.compile(
    r"\b(?:parallelle\s+)?(?P<unit>parallellsesjon|sesjon|workshop|bolk|panelsamtal|panel|"
    r"verksted|verkstad)(?:ene|ane|er|ar)\b", re.IGNORECASE)
# What a session is called when the report gives it no name of its own, by the unit word.
SESSION_UNITS = {"parallellsesjon": "Sesjon", "sesjon": "Sesjon", "workshop": "Workshop",
                 "bolk": "Bolk", "panelsamtal": "Panel", "panelsamtale": "Panel", "panel": "Panel",
                 "verksted": "Verksted", "verkstad": "Verkstad"}
UNIT_WORDS = re.compile(r"\b(?P<unit>bolk|sesjon|parallellsesjon|workshop|verksted|verkstad)"
                        r"(?:en|ene|er|ar|ane)?\b", re.IGNORECASE)
DEFAULT_UNIT = "Bolk"
# "Foreldresamarbeid – Kunnskapsdepartementet": the ministry that led a session, named in full.
MINISTRY_AFTER_DASH = re.compile(
    r"\s+[–—-]\s+(?P<ministry>[A-ZÆØÅ][\wæøå]*-?(?:,?\s+(?:og\s+)?[\wæøå]+-?)*?"
    r"(?:departementet|direktoratet))$")
LED_BY = re.compile(r"\s*\((?P<by>[A-ZÆØÅ][\wÆØÅæøå-]{1,12})\)$")  # "(KD)": the ministry leading it
# Unnumbered headings that announce a part, matched against the whole line.
PART_HEADINGS = re.compile(
    r"^(?:\w*innspill|\w*innspel|svar|spørsmål|spørsmåla|spørsmålene|diskusjonsspørsmål|innledning|"
    r"innleiing|innleder|innledere|innleiar|innleiarar|innlegg|tema|oppsummering|sammendrag|samandrag|program|"
    r"programmet|konferanseprogram|panel|panelsamtale|avslutning|referat|hovedpunkter|"
    r"hovudpunkt|momenter|tilbakemeldinger|dette sa deltakerne|dette kom fram|dette kom frem|"
    r"hva deltakerne sa)(?:\s+(?:fra|frå|til|i|om|på|av|for)\s+[^.?!]{1,60})?(?:\s+var)?$",
    re.IGNORECASE)
# "Innspill til spørsmål 2", "Svar på spørsmål 1": the inputs answer question N of the session.
# "Svar på A": the question may be named by its letter alone.
QUESTION_INPUTS = re.compile(
    r"^(?:innspill|innspel|svar|svara)\s+(?:til|på|for)\s+(?:(?:spørsmål|spm\.?)\s*(?P<number>\d+|"
    r"(?-i:[A-ZÆØÅ]))\b|(?P<letter>(?-i:[A-ZÆØÅ]))\s*:?$)", re.IGNORECASE)
# "Somalisk forening: Mange familier …", "Språk: …": an input opened by who gave it or its topic.
ATTRIBUTED = re.compile(
    r"^(?P<label>[A-ZÆØÅ][^:.?!«»]{1,60}?):\s+(?P<text>[A-ZÆØÅ«\"0-9].*)$")
ATTRIBUTION_WORDS = 7
TOPIC_WORDS = 5  # a bullet naming the topic of the sub-bullets under it is this short
LEAD_WORDS = 12  # a lead-in set apart by type (bold "Kari Nordmann, KS:") may be this long
# "[Afghansk kulturforening] Mange familier …": the organisation in brackets before the input.
START_BRACKETS = re.compile(r"^\[(?P<organisation>[A-ZÆØÅ][^\[\]]{1,80})\]\s*(?P<text>\S.*)$")
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
    "ordstyrar": "tekst", "ordleiar": "tekst", "gruppeleiar": "tekst", "fasilitator": "tekst",
    "fasilitatorer": "tekst", "fasilitatorar": "tekst", "prosessleder": "tekst",
    "prosessleiar": "tekst", "samtaleleder": "tekst", "samtaleleiar": "tekst",
}
# A role word may also end a compound ("Gruppeleder", "Verkstadleiar", "Hovedreferent"); the
# line's kind is the role word's.
ROLE_ENDINGS = {
    "leder": "tekst", "ledere": "tekst", "leiar": "tekst", "leiarar": "tekst",
    "referent": "tekst", "referenter": "tekst", "referentar": "tekst", "sekretær": "tekst",
    "sekretærer": "tekst", "ordstyrer": "tekst", "ordstyrar": "tekst", "fasilitator": "tekst",
    "moderator": "tekst", "innleder": "innlegg", "innledere": "innlegg", "innleiar": "innlegg",
    "innleiarar": "innlegg",
}
# "Referent: …", "Til stede: …", and a role with whom it served: "Leder for gruppen: …".
ROLE_LINE = re.compile(
    r"^(?P<label>[A-ZÆØÅ][a-zæøå]+(?: stede| (?:for|fra|frå|i|til|av|på|ved) [a-zæøå]+"
    r"(?: [a-zæøå]+)?)?):\s+(?P<text>\S.*)$")
# An organisation named at the end of an input: "… (Afghansk kulturforening)", "… – Norsk Folkehjelp".
# "… skiftarbeid. (Somalisk foreldreforening)" or "… [Somalisk foreldreforening]".
END_PARENTHESES = re.compile(
    r"^(?P<text>.*?[^\s(\[])\s*(?:\((?P<organisation>[A-ZÆØÅ][^()]{1,80})\)"
    r"|\[(?P<bracketed>[A-ZÆØÅ][^\[\]]{1,80})\])\.?$")
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
    "sykehus", "sykehuset", "universitet", "universitetet",
)
# Small words a name may hold in lower case: "Norges Røde Kors", "Foreningen for …".
NAME_JOINERS = frozenset({"og", "for", "i", "på", "av", "mot", "med", "til", "fra", "frå"})
# Prose right under a session: a talk when it names a person with one of these verbs ...
TALK_VERBS = re.compile(
    r"\b(?:innledet|innleidde|innleia|holdt\s+(?:et\s+)?innlegg|heldt\s+innlegg|snakket\s+om|"
    r"snakka\s+om|fortalte\s+om|fortalde\s+om|presenterte|orienterte|åpnet|opna|"
    r"(?:innledning|innleiing|innlegg|foredrag)\s+ved)\b",
    re.IGNORECASE)
# ... and a summary of the discussion (one input a sentence) when it holds one of these.
DISCUSSION_WORDS = re.compile(
    r"\b(?:deltakerne|deltagerne|deltakarane|gruppene|gruppa|mente|meinte|foreslo|etterlyste|"
    r"etterspurte|pekt på|peika på|tok opp|ønsket|ønskte|understreket|understreka|fortalte|"
    r"fortalde|påpekte|påpeikte|samtalen|samtala|diskusjonen|debatten|ordskiftet)\b",
    re.IGNORECASE)
# Heading words → the kind of the text under the heading. First match wins.
SECTION_KINDS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), kind) for pattern, kind in (
        (QUESTION_INPUTS.pattern, "innspill"),
        (r"sammendrag|samandrag|^oppsummering$|oppsummering av konferansen", "sammendrag"),
        (r"^(?:konferanse|dagens\s+)?program", "program"),
        (r"panel", "panel"),
        (r"spørsmål|spørsmåla|diskusjonsspørsmål", "spørsmål"),
        (r"innleder|innleiar|innledning|innleiing|innlegg|foredrag", "innlegg"),
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

# A line of a table of contents: a title, dot leaders, a page number.
TOC_ENTRY = re.compile(r"^(?P<title>\S.*?)\s*(?:[.…·]\s*){4,}(?P<page>\d{1,3})$")
CONTENTS = re.compile(r"^(?:innhold|innhald|innholdsfortegnelse|innhaldsliste)$", re.IGNORECASE)
# A date in a heading under the title ("20. oktober 2015", "oktober 2019") makes it a subtitle.
DATELINE = re.compile(
    r"\b(?:\d{1,2}\.\s*)?(?:januar|februar|mars|april|mai|juni|juli|august|september|oktober|"
    r"november|desember)\s+\d{4}\b", re.IGNORECASE)

# Kinds of heading that make their parent heading a bolk (a block with a theme).
BOLK_PARTS = frozenset({"tema", "innlegg", "spørsmål", "innspill", "panel"})
# Kinds that a top-level section may give its prose; anything else is plain "tekst".
SECTION_PROSE_KINDS = frozenset({"sammendrag", "program", "tale", "konferansen", "avslutning"})

# Titles that stand before a name and are not part of it.
ROLE_WORDS = frozenset({
    "statssekretær", "statsråd", "statsrådet", "seniorrådgiver", "rådgiver", "leder",
    "daglig", "direktør", "konferansier", "ordfører", "professor", "forsker", "generalsekretær",
    "styreleder", "avdelingsdirektør", "ekspedisjonssjef", "politiinspektør", "sjef",
    "rektor", "rådmann", "kommunedirektør", "fylkesdirektør", "seksjonssjef", "prosjektleder",
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


def question_number(token: str) -> int:
    """Return a question's number from its digits or its letter: "2" → 2, "B" → 2."""
    return int(token) if token.isdigit() else ord(token.upper()) - ord("A") + 1
