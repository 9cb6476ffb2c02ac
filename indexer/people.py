"""Find who spoke and for whom in a sentence, and split prose into sentences."""
from __future__ import annotations

import re

from indexer import vocabulary as vocab

WORD = re.compile(r"[\w«»()\-–.,:;'’/]+")
NAME_PART = re.compile(r"^[A-ZÆØÅ][a-zæøåéèüöäA-ZÆØÅ]*(?:-[A-ZÆØÅ][a-zæøåéèüöä]+)?$")
SENTENCE_END = re.compile(r"(?<=[.!?»])\s+(?=[«\"(]?[A-ZÆØÅ0-9])")


def speaker_and_organisation(text: str) -> tuple[str | None, str | None]:
    """Return the first person named in the first sentence, and the body they came from."""
    words = first_sentence(text).split()
    for start in range(len(words)):
        name = _name_at(words, start)
        if name:
            count = len(name)
            organisation = _organisation_after(words[start + count:], name[-1])
            return " ".join(name), organisation or _organisation_after_comma(words[start:], name[-1])
    return None, None


def _organisation_after_comma(words: list[str], last_name_word: str) -> str | None:
    """Return the body named right after a comma that ends a name: "Kari Nordmann, KS"."""
    end = next((i for i, word in enumerate(words) if word.rstrip(",.;:") == last_name_word), None)
    if end is None or not words[end].endswith(","):
        return None
    return _organisation_words(words[end + 1:])


def _name_at(words: list[str], start: int) -> list[str] | None:
    """Return two to four capitalised words from start, titles dropped, or None."""
    taken: list[str] = []
    for word in words[start:start + 5]:
        bare = word.rstrip(",.;:")
        if not NAME_PART.match(bare):
            break
        taken.append(bare)
        if bare != word:
            break
    while taken and (taken[0].lower() in vocab.ROLE_WORDS or taken[0].lower().endswith("minister")):
        taken.pop(0)
    if start > 0 and taken and words[start - 1].endswith("-"):
        return None
    return taken[:4] if len(taken) >= 2 else None


def _organisation_after(words: list[str], last_name_word: str) -> str | None:
    """Return the body after 'fra', 'ved' or 'for' that follows a name, if any."""
    for index, word in enumerate(words[:8]):
        if word.lower() in vocab.ORGANISATION_PREPOSITIONS and index + 1 < len(words):
            organisation = _organisation_words(words[index + 1:])
            if organisation:
                return organisation
    return None


def _organisation_words(words: list[str]) -> str | None:
    if not words or not words[0][:1].isupper():
        return None
    taken = [words[0]]
    for word in words[1:]:
        previous = taken[-1]
        if previous.endswith((",", ".", ";", ":")):
            break
        if (word[:1].isupper() or (previous.endswith("-") and word == "og")
                or (previous == "og" and len(taken) > 1 and taken[-2].endswith("-"))
                or (previous.endswith("s") and previous[:1].isupper() and word[:1].islower()
                    and len(taken) == 1)
                or (previous[:1].isupper() and word.rstrip(",.;:").endswith(vocab.ORGANISATION_SUFFIXES))):
            taken.append(word)
            continue
        break
    return " ".join(taken).rstrip(",.;:") or None


def name_in_title(title: str) -> str | None:
    """Return the person named at the end of a heading such as 'Tale ved … Tonje Brenna'."""
    words = title.split()
    for start in range(len(words)):
        name = _name_at(words, start)
        if name and start + len(name) >= len(words) - 0:
            return " ".join(name)
    return None


def first_sentence(text: str) -> str:
    return sentences(text)[0] if text else ""


def sentences(text: str) -> list[str]:
    """Split prose into sentences, keeping abbreviations such as 'f.eks.' whole."""
    pieces: list[str] = []
    start = 0
    for match in SENTENCE_END.finditer(text):
        before = text[start:match.start()]
        last_word = before.rsplit(maxsplit=1)[-1].lower().rstrip(".") if before.strip() else ""
        if last_word in vocab.ABBREVIATIONS or len(last_word) == 1:
            continue
        pieces.append(before.strip())
        start = match.end()
    tail = text[start:].strip()
    if tail:
        pieces.append(tail)
    return pieces


def organisation_at_end(text: str, forms: frozenset[str] = frozenset({"parentes", "tankestrek"})
                        ) -> tuple[str, str | None]:
    """Split "… skiftarbeid. (Somalisk foreldreforening)", "… [Somalisk foreldreforening]" or
    "… – Norsk Folkehjelp" into text and body."""
    for form, pattern in (("parentes", vocab.END_PARENTHESES), ("tankestrek", vocab.END_DASH)):
        match = pattern.match(text) if form in forms else None
        name = match and (match.groupdict().get("bracketed") or match.group("organisation"))
        if match and _names_a_body(match.group("text"), name, form):
            return _with_full_stop(match.group("text").rstrip(" –—-"), text), name.strip()
    return text, None


def _with_full_stop(kept: str, whole: str) -> str:
    """Keep the full stop that ended the sentence after its giver: "… hjemlandet (Forening)."."""
    if whole.endswith(".") and not kept.endswith((".", "!", "?")):
        return kept + "."
    return kept


def _names_a_body(before: str, name: str, form: str) -> bool:
    """Tell whether the words after an input name who gave it rather than go on with it."""
    words = name.split()
    if len(words) > vocab.ORGANISATION_END_WORDS or any(c.isdigit() for c in name):
        return False
    if words[0].rstrip(".").lower() in vocab.ABBREVIATIONS:
        return False
    after_sentence = before.rstrip().endswith((".", "!", "?"))
    proper = all(w[:1].isupper() or w in vocab.NAME_JOINERS for w in words)
    body = any(w.lower().rstrip(".,").endswith(vocab.ORGANISATION_SUFFIXES) for w in words)
    if form == "tankestrek" and len(words) > vocab.ORGANISATION_END_WORDS - 2:
        return False
    return after_sentence or body or (proper and len(words) > 1)


def speaker_in_list(text: str) -> tuple[str | None, str | None]:
    """Return the first person and body of "Statssekretær Kari Nordmann, KD, og …"."""
    if " fra " in text or " ved " in text:
        return speaker_and_organisation(text)
    parts = [p.strip() for p in re.split(r"(?<!-),\s+", text.split(";")[0]) if p.strip()]
    words = parts[0].replace("(", " (").split("(")[0].split() if parts else []
    while words and (words[0].lower() in vocab.ROLE_WORDS or words[0].lower().endswith("minister")):
        words.pop(0)
    name = " ".join(words) if 2 <= len(words) <= 4 and all(NAME_PART.match(w) for w in words) else None
    inside = re.search(r"\((?P<body>[^()]+)\)", parts[0]) if parts else None
    body = inside.group("body") if inside else (parts[1] if len(parts) > 1 else None)
    if body and body.split()[0] in ("og", "og/eller"):
        body = None
    return name, body.rstrip(".") if body else None


def lead_kind(label: str) -> str | None:
    """Tell what opens an input as "Label: …": a person, an organisation or a topic.

    "Kari Nordmann, KS" is a person with the body they came from; a name with an
    organisation's ending, an acronym or several capitalised words is an
    organisation; a phrase of common words ("Skolevei og tilhørighet") or a kind of
    input ("Barriere") is a topic. A single common-looking word ("Språk") may be
    either, so None: the inputs around it decide (see blocks.py).
    """
    if label.casefold() in vocab.INPUT_LABELS:
        return "topic"
    name, body = speaker_in_list(label)
    words = label.split()
    if name and not _has_body_word(name.split()) and (body or words[0].lower() in vocab.ROLE_WORDS):
        return "person"
    if names_a_body(words):
        return "organisation"
    return "topic" if len(words) > 1 else None


def names_a_body(words: list[str]) -> bool:
    """Tell whether words name an organisation: its ending, an acronym, or a proper name."""
    bare = [word.strip(",.;:()") for word in words]
    if _has_body_word(bare):
        return True
    capitalised = [word for word in bare if word[:1].isupper()]
    return len(capitalised) >= 2 and all(word[:1].isupper() or word in vocab.NAME_JOINERS for word in bare)


def _has_body_word(words: list[str]) -> bool:
    """Tell whether a word has an organisation's ending or is an acronym (NAV, IMDi, KS)."""
    return any(word.lower().endswith(vocab.ORGANISATION_SUFFIXES)
               or sum(char.isupper() for char in word) >= 2 for word in words)
