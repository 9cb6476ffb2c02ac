"""Join a report's lines into blocks: headings, questions, labels, bullets, prose.

Wrapped lines are joined from layout alone: a line that starts in lower case,
or follows a full-width line that did not end a sentence, continues the block
above it. Blocks say nothing yet about what part of the report they are in.
"""
from __future__ import annotations

from dataclasses import dataclass, field
import re
from statistics import quantiles

from indexer import vocabulary as vocab
from indexer.records import PARAGRAPH_BREAK, Document, Line

FULL_SHARE = 0.8  # a line this share of the usual full width was wrapped by the layout


@dataclass
class Block:
    """Consecutive lines that form one heading, label, bullet or paragraph."""

    type: str  # heading | question | item | bullet | attributed | label | program | caption | prose
    lines: list[Line]
    number: str | None = None
    parts: list[str] = field(default_factory=list)
    level: int | None = None         # depth of an unnumbered heading
    label: str | None = None         # a session heading's name, such as "Sesjon 1"
    led_by: str | None = None        # the ministry leading a session: "KD" of "… (KD)"
    organisation: str | None = None  # who gave an attributed input

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


def body_lines(document: Document) -> list[Line]:
    """Flatten a document into numbered lines, marking paragraph breaks."""
    lines: list[Line] = []
    pending_break = False
    for page in document.pages:
        for index, text in enumerate(page.lines):
            if text == PARAGRAPH_BREAK:
                pending_break = True
                continue
            lines.append(Line(len(lines), text.strip(), page.number, pending_break,
                              page.levels.get(index)))
            pending_break = False
    return lines


def full_width(lines: list[Line]) -> int:
    """Return the length from which a line counts as filling the text width."""
    lengths = [len(line.text) for line in lines]
    if len(lengths) < 10:
        return max(lengths, default=0) + 1
    return int(quantiles(lengths, n=10)[-1] * FULL_SHARE)


def build_blocks(lines: list[Line]) -> list[Block]:
    """Group lines into blocks."""
    width = full_width(lines)
    blocks: list[Block] = []
    for index, line in enumerate(lines):
        current = blocks[-1] if blocks else None
        previous = lines[index - 1] if index else None
        if current and not line.breaks_before and _continues(current, previous, line, width):
            current.lines.append(line)
            current.parts.append(line.text)
            continue
        following = lines[index + 1] if index + 1 < len(lines) else None
        blocks.append(_start_block(line, following, width))
    return blocks


def _continues(block: Block, previous: Line, line: Line, width: int) -> bool:
    if block.type in ("heading", "label") or line.level is not None:
        return False
    if _structural(line):
        return _starts_lower(line.text) and not vocab.BULLET.match(line.text) \
            and block.type != "program" and _is_open(previous, width)
    if block.type == "prose":
        return True
    if _starts_lower(line.text):
        return True
    if block.type in ("question", "item") and block.text.endswith("?") and line.text.endswith("?"):
        return True
    return _is_open(previous, width)


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
                or _numbered(text) or _attributed(text) or _unnumbered_heading(text))


def _numbered(text: str) -> bool:
    match = vocab.NUMBERED.match(text)
    return bool(match) and match.group("text")[:1].isupper()


def _start_block(line: Line, following: Line | None, width: int) -> Block:
    text = line.text
    if line.level is not None:
        return _styled_heading(line)
    if match := vocab.BULLET.match(text):
        attributed = _attributed(match.group("text"))
        if attributed:
            return Block("bullet", [line], parts=[attributed.group("text")],
                         organisation=attributed.group("organisation"))
        return Block("bullet", [line], parts=[match.group("text")])
    if match := vocab.QUESTION.match(text):
        return Block("question", [line], match.group("number"), [match.group("text")])
    if vocab.PROGRAM_ENTRY.match(text):
        return Block("program", [line], parts=[text])
    if vocab.CAPTION.match(text):
        return Block("caption", [line], parts=[text])
    if _numbered(text):
        match = vocab.NUMBERED.match(text)
        kind = "heading" if _is_heading(match.group("text"), len(text) >= width) else "item"
        return Block(kind, [line], match.group("number"), [match.group("text")])
    if heading := _unnumbered_heading(text):
        return heading_block(line, heading)
    if attributed := _attributed(text):
        return Block("attributed", [line], parts=[attributed.group("text")],
                     organisation=attributed.group("organisation"))
    if _is_label(line, following, width):
        return Block("label", [line], parts=[text.rstrip(":").strip()])
    return Block("prose", [line], parts=[text])


def _styled_heading(line: Line) -> Block:
    """Make a heading of a line the format marks as one (a Word heading style)."""
    match = vocab.SESSION_HEADING.match(line.text.rstrip(":").strip())
    block = heading_block(line, match) if match and match.group("title") else None
    if block is None:
        title, led_by = _led_by(line.text.rstrip(":").strip())
        block = Block("heading", [line], parts=[title], led_by=led_by)
    block.level = line.level
    return block


def _unnumbered_heading(text: str) -> re.Match | None:
    text = text.rstrip(":").strip()
    return vocab.SESSION_HEADING.match(text) or vocab.PART_HEADINGS.match(text)


def heading_block(line: Line, match: re.Match) -> Block:
    """Make a heading of a session name or a part word, with the depth its role gives it."""
    groups = match.groupdict()
    if "label" not in groups:
        kind = vocab.section_kind(match.group(0))
        level = 1 if kind in vocab.SECTION_PROSE_KINDS else 3
        return Block("heading", [line], parts=[match.group(0)], level=level)
    label, title = match.group("label"), match.group("title")
    if not title:
        return Block("heading", [line], parts=[label], level=1)
    title, led_by = _led_by(title)
    return Block("heading", [line], parts=[title], level=2,
                 label=label[:1].upper() + label[1:], led_by=led_by)


def _led_by(title: str) -> tuple[str, str | None]:
    """Split "Foreldresamarbeid (KD)" into the title and the ministry leading the session."""
    match = vocab.LED_BY.search(title)
    if match:
        return title[:match.start()].strip(), match.group("by")
    return title.strip(), None


def _attributed(text: str) -> re.Match | None:
    match = vocab.ATTRIBUTED.match(text)
    if match and len(match.group("organisation").split()) <= vocab.ATTRIBUTION_WORDS:
        return match
    return None


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
