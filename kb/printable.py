"""Text without control characters: what may be stored, searched for and exported."""
from __future__ import annotations

import re

# C0 controls but tab, line feed and carriage return; DEL and C1; lone surrogates; the
# two non-characters. Excel refuses them in a cell, and they mean nothing in a report.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def printable(text: str, replacement: str = "") -> str:
    """Return the text with its control characters removed (or replaced)."""
    return CONTROL.sub(replacement, text)


def printable_value(value):
    """Return a value with control characters removed if it is text, else as it is."""
    return printable(value) if isinstance(value, str) else value
