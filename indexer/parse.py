"""Turn a report's blocks into tagged records: pure, no database.

Headings come from type, the profile, numbers and words (blocks.py); each gets
a role (roles.py): a session (bolk) with its theme, a part of a session (theme,
talks, questions, inputs, panel), a category, or a section of the report.
The walk below tags every other block with the headings above it: short lines
over bullets are categories too, and one directly over another is the upper of
two levels. A report with headings but no inputs is kept as text, with a warning.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from indexer import vocabulary as vocab
from indexer.blocks import Block, body_lines, build_blocks
from indexer.leads import role_kind
from indexer.people import (name_in_title, sentences, speaker_and_organisation,
                            speaker_in_list)
from indexer.profile import Profile
from indexer.records import Document, Line, Record
from indexer.roles import PART_ROLES, Heading, find_headings, name_sessions

REPORT_KINDS = frozenset({"innspill", "innlegg", "panel", "tale", "spørsmål"})


@dataclass
class Parsed:
    """What the parser found: the records, the headings with their roles, and what to check."""

    records: list[Record]
    structure: list[Line]
    lines: list[Line]
    headings: list[Heading] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    skipped: list[Line] = field(default_factory=list)  # text under headings the profile skips


@dataclass
class Context:
    """Where in the report the walk is."""

    headings: list[Heading] = field(default_factory=list)
    question: str | None = None
    question_no: int | None = None
    category: str | None = None
    subcategory: str | None = None
    two_levels: bool = False
    marker: str | None = None  # the bullet mark of a category given as a bullet ("• Språk")
    listed: list[tuple[str, int | None]] = field(default_factory=list)  # the bolk's questions

    def enter(self, heading: Heading) -> None:
        ends_bolk = heading.role in vocab.SECTION_PROSE_KINDS and self.bolk is not None
        while self.headings and self.headings[-1].role != "tittel" and (
                self.headings[-1].level >= heading.level or ends_bolk
                or (heading.role == "bolk" and self.headings[-1].role in vocab.SECTION_PROSE_KINDS)):
            self.headings.pop()
        self.headings.append(heading)
        if heading.role == "bolk":
            self.listed = []
        if heading.role == "kategori":
            self._enter_category_heading()
        elif heading.question_no is not None:
            self.set_question(*self._listed_question(heading.question_no))
        else:
            self.set_question(None, None)

    def _enter_category_heading(self) -> None:
        names = [h.text for h in self.headings if h.role == "kategori"]
        self.category, self.subcategory = names[0], (names[1] if len(names) > 1 else None)
        self.two_levels = False

    def _listed_question(self, number: int) -> tuple[str, int]:
        by_number = [text for text, no in self.listed if no == number]
        if by_number:
            return by_number[0], number
        if number <= len(self.listed):
            return self.listed[number - 1][0], number
        return f"Spørsmål {number}", number

    def set_question(self, text: str | None, number: int | None) -> None:
        self.question, self.question_no = text, number
        self.category = self.subcategory = self.marker = None
        self.two_levels = False

    @property
    def bolk(self) -> Heading | None:
        return next((h for h in reversed(self.headings) if h.role == "bolk"), None)

    @property
    def top(self) -> Heading | None:
        return next((h for h in self.headings if h.role != "tittel"), None)

    @property
    def skipping(self) -> bool:
        return any(h.role == "hopp over" for h in self.headings)

    @property
    def part(self) -> str | None:
        """Return the kind announced by the nearest part heading below the bolk, if any."""
        for heading in reversed(self.headings):
            if heading.role == "bolk":
                return None
            if heading.role in PART_ROLES:
                return heading.role
        return None

    @property
    def group_kind(self) -> str | None:
        """Return the kind of text a group of sessions holds, as its heading says."""
        bolk = self.bolk
        if bolk is not None and bolk.kind:
            return bolk.kind  # "Panel: …" holds a panel
        above = self.headings[:self.headings.index(bolk)] if bolk else []
        return next((h.kind for h in reversed(above) if h.role == "gruppe" and h.kind), None)


def parse(document: Document, profile: Profile | None = None) -> Parsed:
    """Parse an extracted document into records, by the profile where one is given."""
    profile = profile or Profile()
    lines = body_lines(document, profile.body_size)
    blocks = build_blocks(lines, profile)
    headings = find_headings(blocks, profile)
    name_sessions(headings, [b.text for b in blocks if b.type == "program"],
                  " ".join(line.text for line in lines), profile)
    parsed = Parsed(records=[], structure=[], lines=lines, headings=headings)
    _walk(blocks, {id(h.block): h for h in headings}, parsed)
    _align_questions(parsed.records)
    _answer_the_only_question(parsed.records)
    parsed.warnings = warnings(parsed, profile)
    return parsed


def _walk(blocks: list[Block], headings: dict[int, Heading], parsed: Parsed) -> None:
    """Tag every block with where it stands; headings, questions and labels are structure."""
    context = Context()
    for index, block in enumerate(blocks):
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if block.type == "heading":
            context.enter(headings[id(block)])
        elif context.skipping:
            parsed.skipped.extend(block.lines)
            continue
        elif block.type == "question":
            if record := _question(block, context, _lists_questions(blocks, index)):
                parsed.records.append(record)
                continue
        elif block.type == "label":
            _enter_category(context, block, following)
        elif block.type == "contents":
            pass  # a line of the table of contents: structure, not text of the report
        else:
            if block.marker and block.marker == context.marker:
                context.set_question(context.question, context.question_no)  # "•" after "• Språk"'s "o"s
            records = _records(block, context, blocks)
            parsed.records.extend(records)
            for heading in context.headings:
                heading.records += len(records)
            continue
        parsed.structure.extend(block.lines)


def _lists_questions(blocks: list[Block], index: int) -> bool:
    """Tell whether a "Spørsmål A: …" line is one of a list put to the groups, not a heading
    over the inputs that answer it: the questions are followed by a heading, not by inputs."""
    following = next((b for b in blocks[index + 1:] if b.type != "question"), None)
    return following is None or following.type == "heading"


def _question(block: Block, context: Context, in_list: bool) -> Record | None:
    """Take in a "Spørsmål 2: …" line: a record of the question unless the session listed it
    before; a question heading the inputs below it also becomes the one they answer."""
    number = vocab.question_number(block.number) if block.number else len(context.listed) + 1
    known = any(no == number or text == block.text for text, no in context.listed)
    record = None
    if not known:
        context.listed.append((block.text, number))
        tags = _tags(block, context) | {"question": block.text, "question_no": number}
        record = Record(kind="spørsmål", text=block.text, page=block.page,
                        lines=tuple(line.number for line in block.lines), **tags)
    if not in_list:
        context.set_question(block.text, number)
    return record


def _enter_category(context: Context, block: Block, following: Block | None) -> None:
    context.marker = block.marker
    if following is not None and following.type == "label":
        context.category, context.subcategory, context.two_levels = block.text, None, True
    elif context.two_levels or (context.category and context.headings
                                and context.headings[-1].role == "kategori"):
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
    if block.type == "role":
        tags["speaker"], tags["organisation"] = speaker_in_list(block.text)
    elif kind == "innlegg":
        tags["speaker"], tags["organisation"] = speaker_and_organisation(block.text)
    if block.organisation:
        tags["organisation"] = block.organisation
    if block.speaker:
        tags["speaker"] = block.speaker
    if block.topic:
        tags = _typed_category(tags, block.topic)
    if kind in ("panel", "innspill", "spørsmål") and block.type == "prose" or (
            kind in ("panel", "innspill") and block.type == "attributed"):
        records = _sentence_records(block, kind, tags)
    else:
        records = [Record(kind=kind, text=block.text, page=block.page,
                          lines=tuple(line.number for line in block.lines), **tags)]
    if kind == "spørsmål":
        records = [_listed(record, block, context) for record in records]
    return records


def _listed(record: Record, block: Block, context: Context) -> Record:
    """Tag a listed question with itself and its number, and note it for the session."""
    number = len(context.listed) + 1
    if block.type == "item" and (digits := block.number.rstrip(".)").split(".")[-1]).isdigit():
        number = int(digits)
    context.listed.append((record.text, number))
    return replace(record, question=record.text, question_no=number)


def _typed_category(tags: dict, label: str) -> dict:
    """File "Barriere: …" under its kind: the category, or below the category there is."""
    if tags["category"] is None:
        return tags | {"category": label}
    return tags | {"subcategory": tags["subcategory"] or label}


def _tags(block: Block, context: Context) -> dict:
    top = context.top
    bolk = context.bolk
    nearest = context.headings[-1] if context.headings else None
    tags = dict(section=top.text if top else None,
                heading=nearest.text if nearest else None,
                theme=bolk.text if bolk else None,
                session=bolk.session if bolk else None,
                question=context.question, question_no=context.question_no,
                category=context.category, subcategory=context.subcategory,
                speaker=None, organisation=None)
    if top is not None and top.role == "tale" and not bolk:
        tags["speaker"] = name_in_title(top.text)
    return tags


def _kind(block: Block, context: Context, blocks: list[Block]) -> str:
    if block.type == "program":
        return "program"
    if block.type == "caption":
        return "figur"
    if block.type == "role":
        return role_kind(block.label)
    bolk = context.bolk
    if bolk is None:
        top = context.top
        kind = top.role if top else None
        return kind if kind in vocab.SECTION_PROSE_KINDS else "tekst"
    part = context.part
    if block.type in ("bullet", "item", "attributed"):
        return part or context.group_kind or "innspill"
    if part is None:
        return _kind_of_session_prose(block.text, context)
    if part == "innspill" and block.type == "prose" and _section_has_bullets(block, blocks) \
            and not vocab.DISCUSSION_WORDS.search(block.text):
        return "tekst"  # an introduction to the bullets, unless it tells what was said
    return part


def _kind_of_session_prose(text: str, context: Context) -> str:
    """Tell a talk, a summary of the discussion and an introduction of the theme apart."""
    if vocab.TALK_VERBS.search(text) and speaker_and_organisation(text)[0]:
        return "innlegg"
    if context.group_kind:
        return context.group_kind
    if context.question or vocab.DISCUSSION_WORDS.search(text):
        return "innspill"
    if vocab.SESSION_META.search(text):
        return "tekst"  # who led the session says nothing of its theme
    return "tema"


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
        told = "tekst" if kind == "innspill" and vocab.SESSION_META.search(sentence) else kind
        records.append(Record(kind=told, text=sentence, page=page, lines=covered, **tags))
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


def _answer_the_only_question(records: list[Record]) -> None:
    """Tag a session's inputs with its question when the session put only one."""
    asked: dict[str | None, list[Record]] = {}
    for record in records:
        if record.kind == "spørsmål" and record.session:
            asked.setdefault(record.session, []).append(record)
    for index, record in enumerate(records):
        questions = asked.get(record.session, [])
        if record.kind == "innspill" and record.question is None and len(questions) == 1:
            records[index] = replace(record, question=questions[0].question,
                                     question_no=questions[0].question_no)


def warnings(parsed: Parsed, profile: Profile) -> list[str]:
    """Say, in Norwegian, what the parser could not find and how a profile fixes it."""
    found: list[str] = []
    kinds = {r.kind for r in parsed.records}
    if parsed.records and not kinds & REPORT_KINDS:
        found.append("Fant ingen innspill, spørsmål, innlegg eller taler; teksten er lagret som "
                     "«tekst» under overskriftene. Se rollene med «kb ingest --dry-run» og angi "
                     "dem i en profil i sidefilen (profile: headings: {\"Overskrift\": bolk}).")
    elif "innspill" in kinds and not any(h.role == "bolk" for h in parsed.headings):
        found.append("Fant ingen sesjoner eller bolker, så innspillene har verken tema eller "
                     "sesjon. Angi sesjonenes overskrifter i en profil (profile: headings: "
                     "{\"Overskrift\": bolk}).")
    for rule in profile.rules:
        # A session heading's text is its title; the rule may name the whole line ("Gruppe A: …").
        if not any(rule.matches(h.text) or rule.matches(h.line) for h in parsed.headings):
            found.append(f"Profilregelen «{rule.text}: {rule.role}» traff ingen overskrift.")
    return found
