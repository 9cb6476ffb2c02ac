"""Join a report's lines into blocks: headings, questions, labels, bullets, prose.

A heading is known first by its type (a PDF's or Word file's larger or bold
lines, see typography.py), then by the profile, then by its numbers and words.
Wrapped lines are joined from layout alone: a line that starts in lower case,
or follows a full-width line that did not end a sentence, continues the block
above it. Blocks say nothing yet about what part of the report they are in.
"""
from __future__ import annotations

from dataclasses import dataclass, field
import os
import re
from statistics import quantiles

from indexer import vocabulary as vocab
from indexer.leads import lead_in, lead_ins, role_line, split_lead
from indexer.people import organisation_at_end
from indexer.profile import Profile
from indexer.records import PARAGRAPH_BREAK, Document, Line, Style
from indexer.typography import with_heading_levels

FULL_SHARE = 0.8  # a line this share of the usual full width was wrapped by the layout
SHORT_SHARE = 0.6  # a sentence ending a line shorter than this share of it ends its paragraph
PROFILE_DEPTHS = {"tittel": 1, "gruppe": 1, "bolk": 2, "kategori": 4}  # of lines a profile names
INPUT_TYPES = frozenset({"bullet", "item", "attributed"})


@dataclass
class Block:
    """Consecutive lines that form one heading, label, bullet or paragraph."""

    type: str  # heading | question | item | bullet | attributed | role | label | program | caption | prose
    lines: list[Line]
    number: str | None = None
    parts: list[str] = field(default_factory=list)
    level: int | None = None         # depth of an unnumbered heading
    label: str | None = None         # a session heading's name ("Sesjon 1"); a role line's label
    led_by: str | None = None        # the ministry leading a session: "KD" of "… (KD)"
    ministry: str | None = None      # a ministry named in full after a dash: "… – Kulturdepartementet"
    organisation: str | None = None  # who gave an attributed input
    speaker: str | None = None       # the person a lead-in names ("Kari Nordmann, KS: …")
    topic: str | None = None         # the topic a lead-in names ("Språk: …"): its category
    lead: str | None = None          # the lead-in itself, until lead_ins() says what it names
    unit: str | None = None          # a session heading's unit without a number ("Panel: …")
    marker: str | None = None        # a bullet's mark, and a category bullet's ("•" over "o")
    cue: str = "mønster"             # what made a heading: typografi | mønster | profil

    @property
    def text(self) -> str:
        return " ".join(self.parts)

    @property
    def page(self) -> int:
        return self.lines[0].page

    @property
    def depth(self) -> int:
        if self.level is not None:
            return self.level
        return len((self.number or "").rstrip(".").split(".")) if self.number else 0


def body_lines(document: Document, body_size: float | None = None) -> list[Line]:
    """Flatten a document into numbered lines, marking paragraph breaks and headings by type."""
    lines: list[Line] = []
    pending_break = False
    for page in document.pages:
        for index, text in enumerate(page.lines):
            if text == PARAGRAPH_BREAK:
                pending_break = True
                continue
            style = page.styles.get(index) or Style(None)
            lines.append(Line(len(lines), text.strip(), page.number, pending_break,
                              page.levels.get(index), style.size, style.bold, style.italic,
                              style.lead))
            pending_break = False
    return with_heading_levels(lines, body_size)


def full_width(lines: list[Line]) -> int:
    """Return the length from which a line counts as filling the text width."""
    lengths = [len(line.text) for line in lines]
    if len(lengths) < 10:
        return max(lengths, default=0) + 1
    return int(quantiles(lengths, n=10)[-1] * FULL_SHARE)


@dataclass(frozen=True)
class Layout:
    """What every block decision needs to know of the whole document."""

    width: int                  # from this length a line fills the text width
    deepest: int | None         # the deepest heading level set by type, if any
    profile: Profile


def build_blocks(lines: list[Line], profile: Profile | None = None) -> list[Block]:
    """Group lines into blocks."""
    levels = [line.level for line in lines if line.level is not None]
    layout = Layout(full_width(lines), max(levels, default=None), profile or Profile())
    blocks: list[Block] = []
    for index, line in enumerate(lines):
        current = blocks[-1] if blocks else None
        previous = lines[index - 1] if index else None
        if current and not line.breaks_before and _continues(current, previous, line, layout.width):
            current.lines.append(line)
            current.parts.append(line.text)
            if current.type == "heading":
                blocks[-1] = _rejoined(current)
            continue
        following = lines[index + 1] if index + 1 < len(lines) else None
        blocks.append(_start_block(line, following, layout, current))
    blocks = [_as_question(block, previous, following) for previous, block, following
              in zip([None, *blocks[:-1]], blocks, [*blocks[1:], None])]
    lead_ins(blocks, layout.profile)
    return [_with_organisation(block, layout.profile) for block in blocks]


def _as_question(block: Block, previous: Block | None, following: Block | None) -> Block:
    """Make a line that asks a question, directly above the inputs answering it, a question:
    "Hva hindrer innvandrere i å få arbeid?" over bullets, a bold "1. Hva …?" over dash lines."""
    if not _asks(block) or following is None or following.type not in INPUT_TYPES \
            or following.text.endswith("?"):
        return block
    beside = {b.type for b in (previous, following) if b is not None}
    if block.type == "item" and "item" in beside:
        return block  # one of a numbered list: of questions, or of inputs that ask
    number = re.sub(r"\D", "", block.number or "") or None
    return Block("question", block.lines, number, [block.text], cue=block.cue)


def _asks(block: Block) -> bool:
    """Tell whether a block is a question standing alone: a line, numbered or set as a heading,
    ending in a question mark; not a session's heading, nor a heading a profile named."""
    if block.type == "heading" and (block.cue != "typografi" or block.label or block.unit
                                    or block.led_by or block.ministry):
        return False
    return (block.type in ("prose", "item", "heading") and block.text.endswith("?")
            and len(block.text.split()) <= vocab.QUESTION_WORDS)


def _continues(block: Block, previous: Line, line: Line, width: int) -> bool:
    if block.type == "heading" and block.cue == "typografi":
        return line.level is not None and line.level == previous.level  # a wrapped heading
    if block.type in ("heading", "label") or line.level is not None:
        return False
    if block.type == "question" and vocab.NEXT_QUESTION.match(line.text):
        return False  # "B: …?" under "Spørsmål A: …?" is the next question
    if _structural(line):
        return _starts_lower(line.text) and not vocab.BULLET.match(line.text) \
            and block.type != "program" and _is_open(previous, width)
    if block.type == "prose":
        return not _ends_paragraph(previous, line, width)
    if _starts_lower(line.text):
        return True
    if block.type in ("question", "item") and block.text.endswith("?") and line.text.endswith("?"):
        return True
    return _is_open(previous, width)


def _ends_paragraph(previous: Line, line: Line, width: int) -> bool:
    """Tell whether a sentence ending a line also ends its paragraph.

    It does when the line stops well before the margin, or when the next line is a
    title-like line of its own, as in a text file's opening lines: it neither ends a
    sentence nor runs to the margin, as a line going on with the paragraph would.
    """
    if not previous.text.endswith((".", "!", "?")):
        return False
    title_like = len(line.text) < width and not line.text.endswith(vocab.TERMINAL)
    return len(previous.text) < width * SHORT_SHARE or title_like


def _is_open(line: Line, width: int) -> bool:
    """Tell whether a line ran to the margin without ending a sentence."""
    return len(line.text) >= width and not line.text.endswith(vocab.TERMINAL)


def _starts_lower(text: str) -> bool:
    first = text[:1]
    return bool(first) and (first.islower() or not first.isalnum()) and not vocab.BULLET.match(text)


def _structural(line: Line) -> bool:
    text = line.text
    return bool(vocab.BULLET.match(text) or vocab.QUESTION.match(text)
                or vocab.PROGRAM_ENTRY.match(text) or vocab.CAPTION.match(text)
                or vocab.TOC_ENTRY.match(text) or vocab.CONTENTS.match(text)
                or vocab.START_BRACKETS.match(text)
                or _numbered(text) or lead_in(text) or _unnumbered_heading(text)
                or role_line(text) or line.lead)


def _numbered(text: str) -> bool:
    match = vocab.NUMBERED.match(text) or vocab.BARE_NUMBERED.match(text)
    return bool(match) and (match.group("text")[:1].isupper() or match.group("text")[:1] in "[«\"")


def _start_block(line: Line, following: Line | None, layout: Layout,
                 current: Block | None = None) -> Block:
    text, width = line.text, layout.width
    if vocab.TOC_ENTRY.match(text) or vocab.CONTENTS.match(text):
        return Block("contents", [line], parts=[text])  # the table of contents
    if line.level is not None:
        return heading(line, text, level=line.level, cue="typografi")
    if _named_by_profile(text, layout.profile):
        return heading(line, text, level=_pattern_level(text, layout), cue="profil")
    if match := vocab.BULLET.match(text):
        if _heads_sub_bullets(match, following):
            return Block("label", [line], parts=[match.group("text")], marker=match.group("marker"))
        block = input_block("bullet", line, match.group("text"))
        block.marker = match.group("marker")
        return block
    if match := vocab.QUESTION.match(text):
        return Block("question", [line], match.group("number"), [match.group("text")])
    if current is not None and current.type == "question" and (match := vocab.NEXT_QUESTION.match(text)):
        return Block("question", [line], match.group("number"), [match.group("text")])
    if vocab.PROGRAM_ENTRY.match(text):
        return Block("program", [line], parts=[text])
    if vocab.CAPTION.match(text):
        return Block("caption", [line], parts=[text])
    if _numbered(text):
        return _numbered_block(line, layout)
    if _unnumbered_heading(text):
        return heading(line, text, level=_pattern_level(text, layout))
    if match := role_line(text):
        return Block("role", [line], parts=[match.group("text")], label=match.group("label"))
    if (block := input_block("attributed", line, text)).lead or block.organisation:
        return block
    if _is_label(line, following, width):
        return Block("label", [line], parts=[text.rstrip(":").strip()])
    return Block("prose", [line], parts=[text])


def _heads_sub_bullets(bullet: re.Match, following: Line | None) -> bool:
    """Tell whether a short bullet without a full stop names the sub-bullets under it:
    "• Språk" over "o Barna må …"."""
    text = bullet.group("text")
    below = vocab.BULLET.match(following.text) if following is not None else None
    return (below is not None and below.group("marker") != bullet.group("marker")
            and len(text.split()) <= vocab.TOPIC_WORDS and not text.endswith(vocab.TERMINAL))


def _numbered_block(line: Line, layout: Layout) -> Block:
    """Make a heading or a list item of a numbered line."""
    match = vocab.NUMBERED.match(line.text) or vocab.BARE_NUMBERED.match(line.text)
    number, rest = match.group("number"), match.group("text")
    # Where type sets the headings apart, a plain "1." line in body type is a list item.
    listed = number.endswith(")") or (layout.deepest is not None and "." not in number.rstrip("."))
    if listed or not _is_heading(rest, len(line.text) >= layout.width):
        return input_block("item", line, rest, number)
    return heading(line, rest, number=number)


def input_block(type: str, line: Line, text: str, number: str | None = None) -> Block:
    """Make an input's block, its lead-in ("Språk: …", "[Forening] …") split off the text."""
    rest, lead, organisation = split_lead(line, text)
    return Block(type, [line], number, [rest], lead=lead, organisation=organisation)


def heading(line: Line, text: str, number: str | None = None, level: int | None = None,
            cue: str = "mønster") -> Block:
    """Make a heading: its number, a session's name and the ministry leading it split off."""
    if number is None and (match := vocab.NUMBERED.match(text) or vocab.BARE_NUMBERED.match(text)):
        number, text = match.group("number"), match.group("text")
    text = text.rstrip(":").strip()
    label = unit = None
    if (match := vocab.SESSION_HEADING.match(text)) and match.group("title"):
        label, text = match.group("label"), match.group("title")
        word, rest = label.split(maxsplit=1)
        label = f"{word.capitalize() if word.isupper() else word[:1].upper() + word[1:]} {rest}"
    elif match := vocab.UNIT_HEADING.match(text):
        unit, text = vocab.SESSION_UNITS[match.group("unit").lower()], match.group("title")
    title, led_by = _led_by(text)
    title, ministry = _ministry(title)
    return Block("heading", [line], number, [_ordinary_case(title)], level=level, label=label,
                 led_by=led_by, ministry=ministry, unit=unit, cue=cue)


def _ordinary_case(title: str) -> str:
    """Write a title set in capitals as a sentence: "FATTIGDOMSBEKJEMPELSE" → "Fattigdomsbekjempelse"."""
    letters = [char for char in title if char.isalpha()]
    if len(letters) < 4 or not all(char.isupper() for char in letters):
        return title
    return title[:1] + title[1:].lower()


def _rejoined(block: Block) -> Block:
    """Read a heading wrapped over lines again as one: "… skole" + "(KD)" leaves the title."""
    text = " ".join(line.text for line in block.lines)
    whole = heading(block.lines[0], text, level=block.level, cue=block.cue)
    whole.lines = block.lines
    return whole


def _pattern_level(text: str, layout: Layout) -> int:
    """Return the depth of a heading found by its words: by its role, or below all typeset ones."""
    if layout.deepest is not None:
        return layout.deepest + 1
    text = text.rstrip(":").strip()
    if rule := layout.profile.rule_for(text):
        return PROFILE_DEPTHS.get(rule.role, 1 if rule.role in vocab.SECTION_PROSE_KINDS else 3)
    if match := vocab.SESSION_HEADING.match(text):
        return 2 if match.group("title") else 1
    return 1 if vocab.section_kind(text) in vocab.SECTION_PROSE_KINDS else 3


def _named_by_profile(text: str, profile: Profile) -> bool:
    """Tell whether the profile names this short line as a heading."""
    return (bool(profile.rules) and len(text) <= 120 and not text.endswith((".", ","))
            and profile.rule_for(text) is not None)


def _with_organisation(block: Block, profile: Profile) -> Block:
    """Move an organisation named at the end of an input out of its text."""
    if block.type not in ("bullet", "item", "attributed") or block.organisation:
        return block
    text, organisation = organisation_at_end(block.text, profile.organisations)
    if organisation and len(block.parts) == 1:
        block.parts = [text]
    elif organisation:
        shared = len(os.path.commonprefix([block.text, text]))
        block.parts = _cut(block.parts, shared)
        block.parts[-1] += text[shared:]  # the full stop kept from after the giver
    block.organisation = organisation
    return block


def _cut(parts: list[str], length: int) -> list[str]:
    """Return the parts (lines) of a text cut to its first length characters."""
    kept, used = [], 0
    for part in parts:
        if used >= length:
            break
        kept.append(part[:length - used].rstrip())
        used += len(part) + 1
    return [part for part in kept if part]


def _unnumbered_heading(text: str) -> re.Match | None:
    text = text.rstrip(":").strip()
    return vocab.SESSION_HEADING.match(text) or vocab.PART_HEADINGS.match(text)


def _led_by(title: str) -> tuple[str, str | None]:
    """Split "Foreldresamarbeid (KD)" into the title and the ministry leading the session."""
    match = vocab.LED_BY.search(title)
    if match:
        return title[:match.start()].strip(), match.group("by")
    return title.strip(), None


def _ministry(title: str) -> tuple[str, str | None]:
    """Split "Foreldresamarbeid – Kunnskapsdepartementet" into the title and the ministry."""
    match = vocab.MINISTRY_AFTER_DASH.search(title)
    if match and match.start() > 0:
        return title[:match.start()].strip(), match.group("ministry")
    return title, None


def _is_heading(title: str, wrapped: bool) -> bool:
    return (not wrapped and "?" not in title and len(title) <= 100
            and not title.endswith((".", ",", ";")))


def _is_label(line: Line, following: Line | None, width: int) -> bool:
    """Tell whether a short line without a full stop heads the bullets below it."""
    text = line.text
    if len(text) >= width or text.endswith((".", "?", "!", ",", ";")) or not text[:1].isupper():
        return False
    if text.endswith(":"):
        return True
    if following is None:
        return False
    nxt = following.text
    return bool(vocab.BULLET.match(nxt)) or (
        nxt[:1].isupper() and nxt.endswith(":") and len(nxt) < width)
