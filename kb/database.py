"""Engine and sessions for the configured database, upgraded to the current schema on opening."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config as AlembicConfig
from alembic.runtime.migration import MigrationContext
from alembic.util.exc import CommandError
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from kb.config import Config

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


class SchemaError(RuntimeError):
    """The database's schema cannot be brought to this version's; the message says why."""


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
    """Create the engine and bring the database to the current schema (see upgrade)."""
    if config.database_url.startswith("sqlite:///"):
        config.data_dir.mkdir(parents=True, exist_ok=True)
    engine = create_engine(config.database_url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    try:
        upgrade(engine)
    except BaseException:
        engine.dispose()
        raise
    return engine


def _alembic() -> AlembicConfig:
    settings = AlembicConfig()
    settings.set_main_option("script_location", str(MIGRATIONS))
    return settings


def head() -> str:
    """Return the newest schema revision this version of kb knows."""
    return ScriptDirectory.from_config(_alembic()).get_current_head()


def revision(engine: Engine) -> str | None:
    """Return the schema revision of a database; None for an empty one or one made before
    migrations."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine) -> None:
    """Run the migrations a database lacks, in one transaction: an empty one gets every table,
    one made by an earlier release keeps every row and id and gets what is new."""
    current, newest = revision(engine), head()
    if current == newest:
        return
    settings = _alembic()
    if current is not None and not _known(settings, current):
        raise SchemaError(f"databasen er laget av en nyere versjon av Innspillsbasen (skjema "
                          f"{current}, denne versjonen kjenner til {newest}). Oppdater kb.")
    with engine.begin() as connection:
        settings.attributes["connection"] = connection
        command.upgrade(settings, "head")


def _known(settings: AlembicConfig, name: str) -> bool:
    try:
        return ScriptDirectory.from_config(settings).get_revision(name) is not None
    except CommandError:
        return False


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
