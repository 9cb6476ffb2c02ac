"""Turn a report's blocks into tagged records: pure, no database.

The outline is found from layout and patterns: numbered headings nest by the
depth of their numbers (not their values, which reports get wrong); a heading
whose sub-headings announce a theme, talks, questions or inputs is a bolk;
short lines over bullets are categories, and a category directly over another
is the upper of two levels.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from indexer import vocabulary as vocab
from indexer.blocks import Block, body_lines, build_blocks
from indexer.people import name_in_title, sentences, speaker_and_organisation
from indexer.records import Document, Line, Record


@dataclass
class Parsed:
    """What the parser found: the records, and the lines that were structure."""

    records: list[Record]
    structure: list[Line]
    lines: list[Line]


@dataclass
class Heading:
    block: Block
    title: str
    depth: int
    kind: str | None
    bolk: bool = False
    session: str | None = None


@dataclass
class Context:
    """Where in the report the walk is."""

    headings: list[Heading] = field(default_factory=list)
    question: str | None = None
    question_no: int | None = None
    category: str | None = None
    subcategory: str | None = None
    two_levels: bool = False

    def enter(self, heading: Heading) -> None:
        # A named session also ends an unnumbered top section such as "Program" above it.
        while self.headings and (self.headings[-1].depth >= heading.depth or (
                heading.block.label and self.headings[-1].kind in vocab.SECTION_PROSE_KINDS)):
            self.headings.pop()
        self.headings.append(heading)
        self.set_question(None, None)

    def set_question(self, text: str | None, number: int | None) -> None:
        self.question, self.question_no = text, number
        self.category = self.subcategory = None
        self.two_levels = False

    @property
    def bolk(self) -> Heading | None:
        return next((h for h in reversed(self.headings) if h.bolk), None)

    @property
    def part(self) -> str | None:
        """Return the kind announced by the nearest heading below the bolk, if any."""
        for heading in reversed(self.headings):
            if heading.bolk:
                return None
            if heading.kind in vocab.BOLK_PARTS:
                return heading.kind
        return None


def parse(document: Document) -> Parsed:
    """Parse an extracted document into records."""
    lines = body_lines(document)
    blocks = build_blocks(lines)
    headings = _headings(blocks)
    records: list[Record] = []
    structure: list[Line] = []
    context = Context()
    for index, block in enumerate(blocks):
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if block.type == "heading":
            context.enter(headings[id(block)])
        elif block.type == "question":
            context.set_question(block.text, int(block.number))
        elif block.type == "label":
            _enter_category(context, block, following)
        else:
            records.extend(_records(block, context, blocks))
            continue
        structure.extend(block.lines)
    _align_questions(records)
    return Parsed(records=records, structure=structure, lines=lines)


def _headings(blocks: list[Block]) -> dict[int, Heading]:
    """Find every heading's kind, and which headings are bolks."""
    found = [Heading(b, b.text, b.depth, vocab.section_kind(b.text))
             for b in blocks if b.type == "heading"]
    for index, heading in enumerate(found):
        children = []
        for later in found[index + 1:]:
            if later.depth <= heading.depth:
                break
            if later.depth == heading.depth + 1:
                children.append(later)
        heading.bolk = (heading.block.label is not None or heading.block.led_by is not None
                        or any(child.kind in vocab.BOLK_PARTS for child in children))
    program = [b.text for b in blocks if b.type == "program"]
    bolks = [h for h in found if h.bolk]
    parallel = any(vocab.SESSION_HEADING.match(h.title) for h in found if not h.bolk)
    for ordinal, heading in enumerate(bolks, start=1):
        label = (heading.block.label or _session_label(heading.title, program)
                 or f"{'Sesjon' if parallel else 'Bolk'} {ordinal}")
        by = heading.block.led_by
        heading.session = f"{label} ({by})" if by else label
    return {id(h.block): h for h in found}


def _session_label(title: str, program: list[str]) -> str | None:
    """Find the programme's name for a bolk, such as 'Bolk 1', by its title."""
    wanted = title.casefold().strip()
    for entry in program:
        match = vocab.SESSION_LABEL.search(entry)
        if match and match.group("title").casefold().strip().startswith(wanted[:40]):
            label = match.group("label")
            return label[:1].upper() + label[1:]
    return None


def _enter_category(context: Context, block: Block, following: Block | None) -> None:
    if following is not None and following.type == "label":
        context.category, context.subcategory, context.two_levels = block.text, None, True
    elif context.two_levels:
        context.subcategory = block.text
    else:
        context.category, context.subcategory = block.text, None


def _records(block: Block, context: Context, blocks: list[Block]) -> list[Record]:
    tags = _tags(block, context)
    kind = _kind(block, context, blocks)
    if kind == "tekst" and context.bolk is not None:
        # Prose after a section's bullets stands outside its questions and categories.
        context.set_question(None, None)
        tags.update(question=None, question_no=None, category=None, subcategory=None)
    if kind == "innlegg":
        tags["speaker"], tags["organisation"] = speaker_and_organisation(block.text)
    if block.organisation:
        tags["organisation"] = block.organisation
    if kind == "spørsmål" and block.type == "item":
        tags["question"], tags["question_no"] = block.text, int(block.number.rstrip(".").split(".")[-1])
    elif kind == "spørsmål" and block.type == "bullet":
        tags["question"] = block.text
    if kind in ("panel", "innspill") and block.type == "prose":
        return _sentence_records(block, kind, tags)
    return [Record(kind=kind, text=block.text, page=block.page,
                   lines=tuple(line.number for line in block.lines), **tags)]


def _tags(block: Block, context: Context) -> dict:
    top = context.headings[0] if context.headings else None
    bolk = context.bolk
    nearest = context.headings[-1] if context.headings else None
    tags = dict(section=top.title if top else None,
                heading=nearest.title if nearest else None,
                theme=bolk.title if bolk else None,
                session=bolk.session if bolk else None,
                question=context.question, question_no=context.question_no,
                category=context.category, subcategory=context.subcategory,
                speaker=None, organisation=None)
    if top is not None and top.kind == "tale" and not bolk:
        tags["speaker"] = name_in_title(top.title)
    return tags


def _kind(block: Block, context: Context, blocks: list[Block]) -> str:
    if block.type == "program":
        return "program"
    if block.type == "caption":
        return "figur"
    bolk = context.bolk
    if bolk is None:
        top = context.headings[0] if context.headings else None
        kind = top.kind if top else None
        return kind if kind in vocab.SECTION_PROSE_KINDS else "tekst"
    part = context.part
    if block.type in ("bullet", "item", "attributed"):
        return "innspill" if part is None else part
    if part is None:
        return "innspill" if context.question else "tema"
    if part == "innspill" and block.type == "prose" and _section_has_bullets(block, blocks):
        return "tekst"
    return part


def _section_has_bullets(block: Block, blocks: list[Block]) -> bool:
    """Tell whether the heading section around a block lists its inputs as bullets."""
    index = blocks.index(block)
    start = index
    while start > 0 and blocks[start - 1].type != "heading":
        start -= 1
    end = index
    while end + 1 < len(blocks) and blocks[end + 1].type != "heading":
        end += 1
    return any(b.type in ("bullet", "item", "attributed") for b in blocks[start:end + 1])


def _sentence_records(block: Block, kind: str, tags: dict) -> list[Record]:
    """Make one record per sentence, each on the page where it starts."""
    records = []
    offsets = _line_offsets(block)
    cursor = 0
    for sentence in sentences(block.text):
        start = block.text.index(sentence, cursor)
        end = start + len(sentence)
        cursor = end
        covered = tuple(line.number for line, (a, b) in zip(block.lines, offsets)
                        if a < end and b > start)
        page = next(line.page for line, (a, b) in zip(block.lines, offsets) if b > start)
        records.append(Record(kind=kind, text=sentence, page=page, lines=covered, **tags))
    return records


def _line_offsets(block: Block) -> list[tuple[int, int]]:
    offsets, position = [], 0
    for part in block.parts:
        offsets.append((position, position + len(part)))
        position += len(part) + 1
    return offsets


def _align_questions(records: list[Record]) -> None:
    """Tag each listed discussion question with the wording its inputs were filed under."""
    wording = {(r.session, r.question_no): r.question for r in records
               if r.kind == "innspill" and r.question_no is not None}
    for index, record in enumerate(records):
        if record.kind == "spørsmål" and (record.session, record.question_no) in wording:
            records[index] = replace(record, question=wording[(record.session, record.question_no)])
