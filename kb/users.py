"""Editors' accounts: names and passwords hashed with Argon2id (argon2-cffi)."""
from __future__ import annotations

import re
from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from kb.audit import now, record
from kb.models import Editor

NAME = re.compile(r"^[\w.@-]{1,60}$")
SHORTEST = 10       # characters; a passphrase of a few words is better still
LONGEST = 1000      # a longer one only makes hashing slow


class UserError(ValueError):
    """An account cannot be made, found or removed; the message says why in Norwegian."""


@lru_cache(maxsize=1)
def hasher() -> PasswordHasher:
    """Return the hasher: argon2-cffi's defaults (Argon2id, RFC 9106's low-memory profile)."""
    return PasswordHasher()


@lru_cache(maxsize=1)
def _stand_in() -> str:
    """Return a hash to check a password against when no such user exists, so the answer
    takes as long as for a real user and tells nothing about who has an account."""
    return hasher().hash("ingen bruker med dette navnet")


def check_name(name: str) -> str:
    """Return a user name as stored, or raise UserError saying what is allowed."""
    name = name.strip()
    if not NAME.match(name):
        raise UserError("brukernavnet kan ha 1–60 bokstaver, sifre og tegnene . _ - @, "
                        "uten mellomrom.")
    return name


def check_password(password: str) -> str:
    if len(password) < SHORTEST:
        raise UserError(f"passordet må ha minst {SHORTEST} tegn.")
    if len(password) > LONGEST:
        raise UserError(f"passordet kan ha høyst {LONGEST} tegn.")
    return password


def add(session: Session, name: str, password: str, by: str) -> Editor:
    """Make an account; refuse a taken name, a bad name or a short password."""
    name = check_name(name)
    check_password(password)
    if find(session, name) is not None:
        raise UserError(f"brukeren «{name}» finnes allerede.")
    editor = Editor(name=name, password_hash=hasher().hash(password), created_at=now())
    session.add(editor)
    record(session, by, "user_add", name)
    return editor


def remove(session: Session, name: str, by: str) -> None:
    """Remove an account; its sign-ins end at their next request."""
    editor = find(session, name)
    if editor is None:
        raise UserError(f"fant ingen bruker «{name}». Se hvem som finnes med «kb user list».")
    session.delete(editor)
    record(session, by, "user_remove", editor.name)


def find(session: Session, name: str) -> Editor | None:
    return session.scalar(select(Editor).where(Editor.name == name.strip()))


def everyone(session: Session) -> list[Editor]:
    return list(session.scalars(select(Editor).order_by(Editor.name)))


def authenticate(session: Session, name: str, password: str) -> Editor | None:
    """Return the editor when name and password match, else None, taking the same work
    either way; a hash made with weaker settings is renewed on success."""
    editor = find(session, name) if NAME.match(name.strip()) and len(password) <= LONGEST \
        else None
    try:
        hasher().verify(editor.password_hash if editor else _stand_in(), password[:LONGEST])
    except (VerificationError, InvalidHashError):
        return None
    if editor is None:
        return None
    if hasher().check_needs_rehash(editor.password_hash):
        editor.password_hash = hasher().hash(password)
    return editor
