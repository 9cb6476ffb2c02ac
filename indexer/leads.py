"""What opens an input: a lead-in naming a person, an organisation or a topic.

Reports put who said an input, or what it was about, before it: "Somalisk
forening: …", "Kari Nordmann, KS: …", "Språk: …", "[Testforeningen] …"; a PDF or
Word file may set the lead-in apart in bold or italics. Its words decide what it
names (people.lead_kind); a single common-looking word is read as the lead-ins
beside it are. A line naming people in a role ("Innleder: …") is no lead-in.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from indexer import vocabulary as vocab
from indexer.people import lead_kind, speaker_in_list
from indexer.profile import Profile
from indexer.records import Line

if TYPE_CHECKING:
    from indexer.blocks import Block


def role_line(text: str) -> re.Match | None:
    """Match "Innleder: Kari Nordmann, KD", "Leder for gruppen: Kari Nordmann": people in a
    role, not an organisation's input."""
    match = vocab.ROLE_LINE.match(text)
    if match is None or role_kind(match.group("label")) is None:
        return None
    if match.group("label").lower() in vocab.ROLE_LABELS:
        return match
    # A compound or a role with whom it served is read as one only before a person's name,
    # so that a label that merely ends like a role word does not swallow an input.
    return match if speaker_in_list(match.group("text"))[0] else None


def role_kind(label: str) -> str | None:
    """Return the kind of a line naming people in the role its label gives, or None."""
    label = label.lower()
    word = label.split()[0]
    for known in (label, word):
        if known in vocab.ROLE_LABELS:
            return vocab.ROLE_LABELS[known]
    endings = sorted((e for e in vocab.ROLE_ENDINGS if word.endswith(e)), key=len, reverse=True)
    return vocab.ROLE_ENDINGS[endings[0]] if endings else None


def lead_in(text: str) -> re.Match | None:
    """Match "Label: …" opening an input: a few words before the colon, not a role line."""
    match = vocab.ATTRIBUTED.match(text)
    if match and len(match.group("label").split()) <= vocab.ATTRIBUTION_WORDS and not role_line(text):
        return match
    return None


def split_lead(line: Line, text: str) -> tuple[str, str | None, str | None]:
    """Split an input's lead-in off its text: (text, lead-in, organisation in brackets)."""
    lead = line.lead.rstrip(":–— ") if line.lead and text.startswith(line.lead) else None
    if lead and len(lead.split()) <= vocab.LEAD_WORDS:
        return text[len(line.lead):].strip(), lead, None  # set apart by type: "Språk:" in bold
    if match := vocab.START_BRACKETS.match(text):
        return match.group("text"), None, match.group("organisation").strip()
    if match := lead_in(text):
        return match.group("text"), match.group("label"), None
    return text, None, None


def lead_ins(blocks: list[Block], profile: Profile | None = None) -> None:
    """Say what each input's lead-in names: a person, an organisation or a topic.

    A single common-looking word ("Fritid: …") is read as the inputs beside it are:
    a topic when one of them names a topic or the word recurs, an organisation when
    they name organisations, and a topic when nothing tells. A profile whose
    organisations leave out "kolon" makes every lead-in but a person's a topic.
    """
    by_colon = "kolon" in (profile or Profile()).organisations
    for group in _input_runs(blocks):
        leads = [b.lead for b in group if b.lead]
        kinds = {lead: lead_kind(lead) for lead in leads}
        found = set(kinds.values())
        recurs = len(leads) > len(set(leads))
        default = "organisation" if found & {"organisation", "person"} and not (
            "topic" in found or recurs) else "topic"
        for block in group:
            if block.lead:
                kind = kinds[block.lead] or default
                _name(block, "topic" if kind == "organisation" and not by_colon else kind)


def _input_runs(blocks: list[Block]) -> list[list[Block]]:
    """Group consecutive inputs (bullets, items, attributed lines) between other blocks."""
    runs: list[list[Block]] = [[]]
    for block in blocks:
        if block.type in ("bullet", "item", "attributed"):
            runs[-1].append(block)
        elif runs[-1]:
            runs.append([])
    return [run for run in runs if run]


def _name(block: Block, kind: str) -> None:
    if kind == "person":
        block.speaker, block.organisation = speaker_in_list(block.lead)
    elif kind == "organisation":
        block.organisation = block.lead
    else:
        block.topic = block.lead
