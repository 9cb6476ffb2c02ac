"""Tables: a conference per year, the report it published, and the inputs in it; the editors,
their corrections of inputs' tags and the record of every change they made; and named facts
about the stored data as a whole (the fingerprint the search index is checked against)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from kb.fields import IN_DATABASE, Field


class Base(DeclarativeBase):
    pass


class Conference(Base):
    __tablename__ = "conference"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer, unique=True)
    title: Mapped[str] = mapped_column(String(300))
    date: Mapped[str | None] = mapped_column(String(40))
    place: Mapped[str | None] = mapped_column(String(300))
    source: Mapped[str | None] = mapped_column(Text)
    publisher: Mapped[str | None] = mapped_column(String(300))  # who published the report
    url: Mapped[str | None] = mapped_column(Text)              # the report's public address

    reports: Mapped[list[Report]] = relationship(back_populates="conference",
                                                 cascade="all, delete-orphan")


class Report(Base):
    __tablename__ = "report"
    __table_args__ = (UniqueConstraint("conference_id", name="one_report_per_year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conference.id"))
    file_name: Mapped[str] = mapped_column(String(300))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    format: Mapped[str] = mapped_column(String(20))
    page_count: Mapped[int] = mapped_column(Integer)
    first_page: Mapped[int] = mapped_column(Integer, default=1)
    original: Mapped[str | None] = mapped_column(String(100))  # the file kept in the data folder
    ingested_at: Mapped[datetime]

    conference: Mapped[Conference] = relationship(back_populates="reports")
    inputs: Mapped[list[Input]] = relationship(back_populates="report",
                                               cascade="all, delete-orphan",
                                               order_by="Input.position")


class Input(Base):
    """One stored piece of a report: an innspill, a paragraph of a speech, a talk, …

    Its tag columns are those kb.fields declares as stored; see _add_columns below.
    """

    __tablename__ = "input"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("report.id"), index=True)
    report: Mapped[Report] = relationship(back_populates="inputs")


class Editor(Base):
    """A person who may sign in to the editors' area; reading needs no account."""

    __tablename__ = "editor"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime]


class Correction(Base):
    """A tag of an input set by hand, kept apart from what the parser read.

    Keyed by the input's stable id, not a foreign key: a report read again deletes and
    re-creates its inputs, and the correction must outlive that. `value` None empties the
    field; a multi-valued field (topics) holds its values separated by commas.
    """

    __tablename__ = "correction"
    __table_args__ = (UniqueConstraint("input_id", "field", name="one_correction_per_field"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    input_id: Mapped[str] = mapped_column(String(40), index=True)
    field: Mapped[str] = mapped_column(String(30))
    value: Mapped[str | None] = mapped_column(Text)
    set_by: Mapped[str] = mapped_column(String(60))
    set_at: Mapped[datetime]


class AuditEntry(Base):
    """One change an editor made: who, when, what, before → after."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(index=True)
    editor: Mapped[str] = mapped_column(String(60))
    action: Mapped[str] = mapped_column(String(20))
    target: Mapped[str] = mapped_column(String(300))   # an input's id, a year, a user, a file
    field: Mapped[str | None] = mapped_column(String(30))
    before: Mapped[str | None] = mapped_column(Text)
    after: Mapped[str | None] = mapped_column(Text)
    had_correction: Mapped[bool] = mapped_column(Boolean, default=False)  # before the change
    note: Mapped[str | None] = mapped_column(Text)
    undone_by: Mapped[int | None] = mapped_column(Integer)  # the entry that undid this one


class State(Base):
    """A named fact about the stored data as a whole, such as its fingerprint (kb.fingerprint)."""

    __tablename__ = "state"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


def _column(field: Field):
    """Return the database column of a stored field."""
    if field.type is int:
        kind = Integer()
    else:
        kind = String(field.length) if field.length else Text()
    return mapped_column(kind, nullable=not field.required, index=field.indexed)


def _add_columns() -> None:
    for field in IN_DATABASE:
        if field.name != "id":
            setattr(Input, field.stored, _column(field))


_add_columns()
