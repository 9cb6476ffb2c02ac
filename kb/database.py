"""Engine and sessions for the configured database."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from kb.config import Config
from kb.models import Base


# What SQLite says, and what to tell the user.
SQLITE_REASONS = (("disk is full", "disken er full"),
                  ("readonly database", "databasen er skrivebeskyttet (filen eller mappen)"),
                  ("read-only", "databasen er skrivebeskyttet (filen eller mappen)"),
                  ("disk i/o error", "disken svarer ikke som den skal (I/O-feil)"),
                  ("database is locked", "databasen er låst av en annen prosess; prøv igjen"))


def explain(error: SQLAlchemyError, config: Config) -> str:
    """Return one Norwegian line saying why the database could not be used, naming the
    folder when it is the SQLite file's."""
    said = str(getattr(error, "orig", error)).lower()
    for words, reason in SQLITE_REASONS:
        if words in said:
            where = config.data_dir if config.database_url.startswith("sqlite:///") \
                else "databasen"
            return (f"kan ikke skrive i {where}: {reason}. Databasen og søkeindeksen er "
                    "som før.")
    return (f"databasen kan ikke brukes ({error.__class__.__name__}). "
            "Sjekk KB_DATABASE_URL eller KB_DATA_DIR.")


def make_engine(config: Config) -> Engine:
    """Create the engine and the tables if they are missing."""
    if config.database_url.startswith("sqlite:///"):
        config.data_dir.mkdir(parents=True, exist_ok=True)
    engine = create_engine(config.database_url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    Base.metadata.create_all(engine)
    _add_missing_columns(engine)
    return engine


def _add_missing_columns(engine: Engine) -> None:
    """Add columns a newer version declares to tables an older one made (all nullable)."""
    existing = inspect(engine)
    with engine.begin() as connection:
        for table in Base.metadata.sorted_tables:
            have = {column["name"] for column in existing.get_columns(table.name)}
            for column in table.columns:
                if column.name not in have and column.nullable:
                    kind = column.type.compile(dialect=engine.dialect)
                    connection.execute(text(
                        f'ALTER TABLE "{table.name}" ADD COLUMN "{column.name}" {kind}'))


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


@contextmanager
def transaction(engine: Engine) -> Iterator[Session]:
    """Yield a session that commits on success and rolls back on any error."""
    factory = sessionmaker(engine, expire_on_commit=False)
    with factory.begin() as session:
        yield session


def session_for(engine: Engine) -> Session:
    """Open a read session."""
    return Session(engine, expire_on_commit=False)
