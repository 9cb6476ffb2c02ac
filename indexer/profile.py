"""A report's layout profile: what detection cannot know, from the sidecar or from code.

In the sidecar YAML beside a report:

    profile:
      body_size: 10.5            # the body text's font size (PDF, Word)
      session_label: Sesjon      # what to call sessions the report does not name
      organisations: [parentes, tankestrek, kolon]   # how inputs name who said them
      headings:                  # heading → role; the first rule that matches wins
        Sosial mobilitet: bolk
        Dette sa deltakerne: innspill
        /^Gruppe \\d+$/: kategori   # between slashes: a regular expression

The same profile is made in code with Profile.from_dict(), and
Profile.with_rule() gives a copy with one more rule, tried first.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from indexer.errors import IngestError

# Role names a profile may use (Norwegian, with English aliases) → the role.
ROLES = {
    "tittel": "tittel", "title": "tittel",
    "gruppe": "gruppe", "group": "gruppe",
    "bolk": "bolk", "sesjon": "bolk", "session": "bolk", "workshop": "bolk",
    "tema": "tema", "theme": "tema",
    "innlegg": "innlegg", "talk": "innlegg",
    "spørsmål": "spørsmål", "questions": "spørsmål",
    "innspill": "innspill", "inputs": "innspill",
    "panel": "panel",
    "kategori": "kategori", "category": "kategori",
    "program": "program", "sammendrag": "sammendrag", "tale": "tale", "speech": "tale",
    "avslutning": "avslutning", "konferansen": "konferansen",
    "hopp over": "hopp over", "skip": "hopp over",
    "annet": "annet", "other": "annet",
}
ORGANISATION_FORMS = {"kolon": "kolon", "colon": "kolon", "parentes": "parentes",
                      "parentheses": "parentes", "tankestrek": "tankestrek", "dash": "tankestrek"}
FIELDS = ("headings", "body_size", "session_label", "organisations")
NUMBERING = re.compile(r"^\d+(?:\.\d+)*\.?\s+")


def normal(text: str) -> str:
    """Return heading text as rules compare it: no numbering, no final colon, one case."""
    return " ".join(NUMBERING.sub("", text.strip()).rstrip(":").split()).casefold()


@dataclass(frozen=True)
class Rule:
    """One heading rule: exact text (any case) or a regular expression, and its role."""

    text: str
    role: str
    regex: re.Pattern[str] | None = field(default=None, compare=False)

    def matches(self, heading: str) -> bool:
        if self.regex is not None:
            return bool(self.regex.search(heading.strip()))
        return normal(self.text) == normal(heading)


@dataclass(frozen=True)
class Profile:
    """How a report is laid out, where detection needs help."""

    rules: tuple[Rule, ...] = ()
    body_size: float | None = None
    session_label: str | None = None
    organisations: frozenset[str] = frozenset(ORGANISATION_FORMS.values())

    def rule_for(self, heading: str) -> Rule | None:
        """Return the first rule that matches a heading's text, if any."""
        return next((rule for rule in self.rules if rule.matches(heading)), None)

    def with_rule(self, text: str, role: str) -> Profile:
        """Return a copy with one more heading rule, tried before the others."""
        return replace(self, rules=(make_rule(text, role, "profil"), *self.rules))

    @classmethod
    def from_dict(cls, data: dict | None, where: str = "profil") -> Profile:
        """Build a profile from plain data, as in the sidecar; refuse what it cannot use."""
        data = data or {}
        if not isinstance(data, dict):
            raise IngestError(f"{where}: «profile» må være felt som «headings: …».")
        unknown = sorted(str(key) for key in set(data) - set(FIELDS))
        if unknown:
            raise IngestError(f"{where}: ukjent felt i «profile»: {', '.join(unknown)}. "
                              f"Tillatte felt er {', '.join(FIELDS)}.")
        return cls(rules=_rules(data.get("headings"), where),
                   body_size=_body_size(data.get("body_size"), where),
                   session_label=_session_label(data.get("session_label"), where),
                   organisations=_organisations(data.get("organisations"), where))


def make_rule(text: str, role: str, where: str) -> Rule:
    """Make a rule, checking its role and, between slashes, its regular expression."""
    name = ROLES.get(" ".join(str(role).split()).casefold())
    if name is None:
        raise IngestError(f"{where}: ukjent rolle «{role}» for «{text}». Tillatte roller er "
                          f"{', '.join(sorted(set(ROLES.values())))}.")
    text = str(text)
    if len(text) > 2 and text.startswith("/") and text.endswith("/"):
        try:
            return Rule(text, name, re.compile(text[1:-1], re.IGNORECASE))
        except re.error as error:
            raise IngestError(f"{where}: «{text}» er ikke et gyldig regulært uttrykk "
                              f"({error.msg}).") from error
    return Rule(text, name)


def _rules(headings, where: str) -> tuple[Rule, ...]:
    if headings is None:
        return ()
    if not isinstance(headings, dict):
        raise IngestError(f"{where}: «headings» må være par som «Overskrift: rolle».")
    return tuple(make_rule(text, role, where) for text, role in headings.items())


def _body_size(value, where: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 4 <= value <= 40:
        raise IngestError(f"{where}: «body_size» må være en skriftstørrelse i punkter, som 10.5.")
    return float(value)


def _session_label(value, where: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip() or len(value) > 30:
        raise IngestError(f"{where}: «session_label» må være et ord, som Sesjon eller Workshop.")
    return value.strip()


def _organisations(value, where: str) -> frozenset[str]:
    if value is None:
        return frozenset(ORGANISATION_FORMS.values())
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, list):
        values = [values]
    forms = {ORGANISATION_FORMS.get(str(v).casefold()) for v in values}
    if None in forms:
        raise IngestError(f"{where}: «organisations» kan være {', '.join(sorted(set(ORGANISATION_FORMS.values())))}"
                          " (en liste, eller [] for ingen).")
    return frozenset(forms)
