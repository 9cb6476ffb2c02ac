"""Give each heading of a report its role, and say why: profile, pattern or typography.

The profile wins; then a heading's own words ("Sesjon 2: …", "Spørsmål til
gruppene", "Referater fra workshopene"); then its place in the outline: a
heading over parts is a session (bolk), so is a heading under a group of
sessions or beside other sessions, and a heading over bullets within a
session is a category. A role from the place gives as its reason what set
the heading apart: its type (typografi) or its number and words (mønster).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from indexer import vocabulary as vocab
from indexer.blocks import Block
from indexer.profile import Profile

PART_ROLES = frozenset(vocab.BOLK_PARTS)
INPUT_BLOCKS = frozenset({"bullet", "item", "attributed", "label"})


@dataclass
class Heading:
    """A heading of the report: where it is, the role it plays, why, and what it holds."""

    text: str
    page: int
    level: int
    role: str | None = None
    reason: str = "typografi"
    records: int = 0
    session: str | None = None        # a bolk's session label, such as "Sesjon 2 (KD)"
    question_no: int | None = None    # "Innspill til spørsmål 2" answers question 2
    unit: str | None = None           # a group's name for its sessions: "Workshop"
    kind: str | None = None           # the kind of text a group's sessions hold, if it says
    block: Block | None = field(default=None, repr=False, compare=False)
    parent: Heading | None = field(default=None, repr=False, compare=False)
    content: Counter = field(default_factory=Counter, repr=False, compare=False)

    def set(self, role: str, reason: str) -> None:
        self.role, self.reason = role, reason

    @property
    def line(self) -> str:
        """Return the heading as written, with a session's label: "Arbeidsgruppe A: Arbeid"."""
        return " ".join(line.text for line in self.block.lines) if self.block else self.text


def find_headings(blocks: list[Block], profile: Profile) -> list[Heading]:
    """Return the report's headings in order, each with its role."""
    headings = _outline(blocks)
    for heading in headings:
        _by_profile(heading, profile)
    _title(headings)
    for heading in headings:
        if heading.role is None:
            _by_words(heading, headings)
    _session_summaries(headings)
    for heading in headings:
        if heading.role is None or heading.role in PART_ROLES and heading.reason != "profil":
            _by_children(heading, headings)
    for heading in headings:
        if heading.role is None:
            _by_place(heading, headings)
    for heading in headings:
        if heading.role in PART_ROLES and _bolk_above(heading) is None:
            heading.role = "annet"  # a part word outside any session names no part
        if heading.role is None:
            heading.set("annet", heading.block.cue)
    return headings


def _outline(blocks: list[Block]) -> list[Heading]:
    """Make the headings, each with its parent and a count of the block types right under it."""
    headings: list[Heading] = []
    for block in blocks:
        if block.type != "heading":
            if headings:
                headings[-1].content[block.type] += 1
            continue
        heading = Heading(block.text, block.page, block.depth, block=block)
        heading.parent = next((h for h in reversed(headings) if h.level < heading.level), None)
        headings.append(heading)
    return headings


def _by_profile(heading: Heading, profile: Profile) -> None:
    rule = profile.rule_for(heading.text) or profile.rule_for(heading.line)
    if rule is not None:
        heading.set(rule.role, "profil")
        _note_words(heading)


def _by_words(heading: Heading, headings: list[Heading]) -> None:
    """Give a role from the heading's own words, as the series names its parts."""
    _note_words(heading)
    block, text = heading.block, heading.text
    if block.label or block.led_by or block.ministry or block.unit:
        heading.set("bolk", "mønster")
    elif heading.unit and _children(heading, headings):
        # "Referater fra workshopene" over the workshops; "Innspel frå workshopane" is a part.
        heading.set("gruppe", "mønster")
    elif kind := vocab.section_kind(text):
        heading.set(kind, "mønster")


def _session_summaries(headings: list[Heading]) -> None:
    """Make "Oppsummering" right under a session, or set below it, the summary of its talk:
    a part of inputs, not a section of the report that ends the session."""
    for previous, heading in zip(headings, headings[1:]):
        if heading.role == "sammendrag" and previous.role == "bolk" and (
                not previous.content or heading.level > previous.level):
            heading.set("innspill", "mønster")
            heading.level, heading.parent = previous.level + 1, previous


def _note_words(heading: Heading) -> None:
    """Note what the words say beyond the role: a group's unit and kind, a question's number."""
    text = heading.text
    if heading.block.unit == "Panel":
        heading.kind = "panel"  # "Panel: …" holds a panel, whatever role it is given
    group = vocab.SESSION_HEADING.match(text)
    if group and not group.group("title"):
        heading.unit = vocab.SESSION_UNITS.get(group.group("label").split()[0].lower(), "Sesjon")
    elif plural := vocab.SESSION_GROUP.search(text):
        heading.unit = vocab.SESSION_UNITS[plural.group("unit").lower()]
        # "Referater fra workshopene" holds inputs, "Panelsamtalene" panels; "Workshopane" says neither.
        rest = (text[:plural.start()] + text[plural.end():]).strip(" ,.:–-")
        heading.kind = "panel" if heading.unit == "Panel" else vocab.section_kind(rest) if rest else None
    if numbered := vocab.QUESTION_INPUTS.match(text):
        heading.question_no = vocab.question_number(numbered.group("number") or numbered.group("letter"))


def _title(headings: list[Heading]) -> None:
    """Make the first heading the report's title when it alone is set in the largest type."""
    typeset = [h for h in headings if h.block.cue == "typografi"]
    if not typeset or typeset[0] is not headings[0] or headings[0].role is not None:
        return  # a report without type, or whose first heading the profile has named
    first = typeset[0]
    if first.level == min(h.level for h in typeset) and sum(h.level == first.level for h in typeset) == 1:
        first.set("tittel", "typografi")
        _subtitles(headings)


def _subtitles(headings: list[Heading]) -> None:
    """Make the dated lines right under the title ("Oslo, 20. oktober 2015") part of it."""
    for previous, heading in zip(headings, headings[1:]):
        if previous.role != "tittel" or not vocab.DATELINE.search(heading.text):
            return
        heading.set("tittel", "mønster")


def _children(heading: Heading, headings: list[Heading]) -> list[Heading]:
    return [h for h in headings if h.parent is heading]


def _by_children(heading: Heading, headings: list[Heading]) -> None:
    """Make a heading over parts (theme, talks, questions, inputs, panel) a session."""
    if any(child.role in PART_ROLES for child in _children(heading, headings)):
        heading.set("bolk", "mønster")


def _by_place(heading: Heading, headings: list[Heading]) -> None:
    """Give a role from the heading's place: under a group, beside sessions, over bullets."""
    parent = heading.parent
    siblings = [h for h in headings if h.parent is parent and h is not heading]
    if parent is not None and parent.role == "gruppe" and _holds_text(heading, headings):
        heading.set("bolk", "mønster")
    elif _bolk_above(heading) is not None:
        if heading.content.keys() & INPUT_BLOCKS or any(
                c.role == "kategori" for c in _children(heading, headings)):
            heading.set("kategori", heading.block.cue)
    elif any(s.role == "bolk" for s in siblings) and _like_a_session(heading, headings, siblings):
        heading.set("bolk", heading.block.cue)
    elif _holds_inputs(heading) and any(_holds_inputs(s) for s in siblings if s.role in (None, "bolk")):
        heading.set("bolk", heading.block.cue)  # headings side by side over inputs are sessions


def _holds_inputs(heading: Heading) -> bool:
    return bool(heading.content.keys() & INPUT_BLOCKS)


def _holds_text(heading: Heading, headings: list[Heading]) -> bool:
    return bool(heading.content) or bool(_children(heading, headings))


def _like_a_session(heading: Heading, headings: list[Heading], siblings: list[Heading]) -> bool:
    """Tell whether a heading beside sessions is one: it holds inputs, or lies between two."""
    if heading.content.keys() & (INPUT_BLOCKS | {"question"}):
        return True
    position = headings.index(heading)
    bolks = [headings.index(s) for s in siblings if s.role == "bolk"]
    return bool(heading.content) and any(b < position for b in bolks) and any(
        b > position for b in bolks)


def _bolk_above(heading: Heading) -> Heading | None:
    parent = heading.parent
    while parent is not None and parent.role != "bolk":
        parent = parent.parent
    return parent


def name_sessions(headings: list[Heading], program: list[str], words: str,
                  profile: Profile) -> None:
    """Give every bolk its session label: its own, the programme's, or unit and order."""
    counts: Counter[str] = Counter()
    default = profile.session_label or _unit_of(words)
    for heading in (h for h in headings if h.role == "bolk"):
        block = heading.block
        label = block.label or _program_label(heading.text, program)
        if label is None:
            group = next((p for p in _ancestors(heading) if p.unit), None)
            unit = block.unit or profile.session_label or (group.unit if group else default)
            label = f"{unit} {counts[unit] + 1}"
        counts[label.rsplit(" ", 1)[0]] += 1
        heading.session = f"{label} ({block.led_by})" if block.led_by else label


def _ancestors(heading: Heading):
    parent = heading.parent
    while parent is not None:
        yield parent
        parent = parent.parent


def _unit_of(words: str) -> str:
    """Return the unit word the report uses most for its sessions (bolk, sesjon, workshop)."""
    found = Counter(vocab.SESSION_UNITS.get(m.group("unit").lower(), vocab.DEFAULT_UNIT)
                    for m in vocab.UNIT_WORDS.finditer(words))
    return found.most_common(1)[0][0] if found else vocab.DEFAULT_UNIT


def _program_label(title: str, program: list[str]) -> str | None:
    """Find the programme's name for a bolk, such as 'Bolk 1', by its title."""
    wanted = title.casefold().strip()
    for entry in program:
        match = vocab.SESSION_LABEL.search(entry)
        if match and match.group("title").casefold().strip().startswith(wanted[:40]):
            label = match.group("label")
            return label[:1].upper() + label[1:]
    return None
