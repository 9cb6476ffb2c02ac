"""The `kb` command: checks its input and calls the library, the indexer or the web app."""
from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from functools import wraps

import click
from sqlalchemy.exc import SQLAlchemyError

from cli.norsk import Group, OneOf, Whole
from indexer.errors import IngestError
from indexer.extract import supported_suffixes
from indexer.load import Limits, prepare, report_files, store
from indexer.outline import explain, outline
from kb import budget, fingerprint, users
from kb.audit import COMMAND_LINE
from kb.catalogue import kinds_per_year, reports
from kb.corrections import listing
from kb.config import SETTINGS, Config, ConfigError, load_config
from kb.database import SchemaError, make_engine, session_for, transaction
from kb.database import explain as database_problem
from kb.engine import engine_for
from kb.fields import FIELDS
from kb import meaning
from kb.index import (IndexProblem, check, ensure, open_checked, open_index, read_pointer,
                      ready_to_write, rebuild, update)
from kb.lock import Busy, busy, writing
from kb.search import SORTS, SearchError, SearchRequest, search
from kb.spelling import query_splitter
from kb.storage import REASONS, StorageError, storage_error

STATUS = {"new": "lagt inn", "replaced": "erstattet forrige versjon", "unchanged": "uendret",
          "described": "samme rapport, opplysningene om konferansen er oppdatert"}
_help = {s.name: f"{s.help} [miljøvariabel: {s.env}]" for s in SETTINGS}
CONTEXT = {"help_option_names": ["-h", "--help"]}


def friendly_errors(command):
    """Turn known errors into one line on stderr and exit code 1."""
    @wraps(command)
    def wrapper(*args, **kwargs):
        config = click.get_current_context().obj
        try:
            return command(*args, **kwargs)
        except (IngestError, SearchError, ConfigError, SchemaError, IndexProblem, Busy,
                StorageError, budget.SearchTimeout) as error:
            fail(str(error))
        except users.UserError as error:
            fail(str(error))
        except SQLAlchemyError as error:
            fail(database_problem(error, config))
        except OSError as error:
            if error.errno in REASONS:
                fail(str(storage_error(error, config.data_dir)))
            fail(f"{error.filename or config.data_dir}: {error.strerror or error}.")
    return wrapper


@contextmanager
def database(config: Config) -> Iterator:
    """Yield the database's engine, upgraded to this version's schema; close it afterwards."""
    engine = make_engine(config)
    try:
        yield engine
    finally:
        engine.dispose()


def waiting(config: Config):
    """Return what to say when another process is writing to the same data folder."""
    return lambda: click.echo(f"Venter på at en annen prosess skal bli ferdig med å skrive til "
                              f"{config.data_dir} (høyst {config.lock_seconds:g} sekunder) …",
                              err=True)


def fail(message: str) -> None:
    """Print one line on stderr and exit with status 1."""
    click.echo(f"Feil: {message}", err=True)
    raise SystemExit(1)


def filter_options(command):
    """Add one repeatable option per search filter of kb.fields: --year, --theme, …"""
    for declared in reversed([f for f in FIELDS if f.filter]):
        command = click.option(declared.option, declared.name, multiple=True, metavar="VERDI",
                               help=f"Bare {declared.label.lower()}: {declared.help} "
                                    "Kan gjentas.")(command)
    return command


@click.group(cls=Group, context_settings=CONTEXT,
             help="Innspillsbasen: søk i innspillene fra Regjeringens nasjonale "
                  "integreringskonferanse.")
@click.option("--data-dir", default=None, metavar="MAPPE", help=_help["data_dir"])
@click.option("--database-url", default=None, metavar="URL", help=_help["database_url"])
@click.pass_context
def main(ctx: click.Context, data_dir: str | None, database_url: str | None) -> None:
    try:
        ctx.obj = load_config(data_dir, database_url)
    except ConfigError as error:
        fail(str(error))


@main.command(help=f"Legg inn rapporter: filer eller mapper med rapporter "
                   f"({', '.join(supported_suffixes())}).")
@click.argument("paths", nargs=-1, required=True, metavar="FIL_ELLER_MAPPE...")
@click.option("--year", type=Whole(1990, 2100), default=None,
              help="Konferanseåret, når rapporten ikke sier det selv.")
@click.option("--dry-run", is_flag=True,
              help="Vis hvordan rapporten blir lest (overskrifter og antall), uten å lagre.")
@click.pass_obj
@friendly_errors
def ingest(config: Config, paths: tuple[str, ...], year: int | None, dry_run: bool) -> None:
    files = report_files(paths)
    with click.progressbar(files, label="Leser rapporter", file=sys.stderr,
                           item_show_func=lambda p: p.name if p else "") as bar:
        prepared = [prepare(path, year, Limits.of(config)) for path in bar]
    if dry_run:
        for item in prepared:
            click.echo(f"{item.path.name} – {item.metadata.year}, {item.document.page_count} sider, "
                       f"{len(item.records)} tekster (ikke lagret)")
            click.echo("\n".join("  " + line for line in outline(item.records)))
            click.echo("\n".join("  " + line for line in explain(item.headings, item.warnings)))
        return
    for item in prepared:
        for warning in item.warnings:
            click.echo(f"Advarsel: {item.path.name}: {warning}", err=True)
    with writing(config, on_wait=waiting(config)):
        ready_to_write(config)  # a folder that cannot take the index: say so before storing
        with database(config) as engine:  # upgrading the schema is writing too
            with session_for(engine) as session:
                since = fingerprint.recorded(session)
            outcomes = store(engine, prepared, config.originals_dir, editor=COMMAND_LINE)
            for item, status in outcomes:
                click.echo(f"{item.path.name}: {item.metadata.year}, {len(item.records)} "
                           f"tekster – {STATUS[status]}")
            changed = sorted({item.metadata.year for item, status in outcomes
                              if status != "unchanged"})
            try:
                if changed:  # only those years' texts are written again, when the index allows
                    count = rebuilt(engine, config, since, changed)
                    done = (f"oppdatert for {', '.join(map(str, changed))} ({count} tekster "
                            "i alt)" if since else f"bygget ({count} tekster)")
                else:  # an earlier ingest may have died before its swap
                    health = check(engine, config)
                    if health.fresh:
                        return
                    if health.state != "missing":
                        click.echo(f"{_sentence(health.message)} Bygger den på nytt.", err=True)
                    done = f"bygget på nytt ({rebuilt(engine, config)} tekster)"
            except StorageError as error:  # the database took the reports: say what is left
                fail(f"{error} Rapportene er lagret, men søkeindeksen er utdatert til "
                     "«kb reindex» har gått.")
            click.echo(f"Søkeindeksen er {done}.")


@main.command(name="search", help="Søk i tekstene. SØK kan ha \"fraser\", -ord, OR, prefiks* "
                                  "og filtre som år:2025.")
@click.argument("query", nargs=-1, metavar="[SØK]...")
@filter_options
@click.option("--limit", type=Whole(1, 100), default=10,
              help="Antall treff å vise (standard 10).")
@click.option("--page", type=Whole(1, 10_000), default=1,
              help="Hvilken side med treff (standard 1).")
@click.option("--sort", type=OneOf(SORTS), default=None,
              help="Rekkefølge: relevance (best først; standard når du søker på ord), year "
                   "(nyeste år først) eller rapport (rapportens rekkefølge; standard uten ord).")
@click.option("--no-synonyms", is_flag=True, help="Søk uten synonymer fra listen over fagord.")
@click.option("--no-correction", is_flag=True,
              help="Ikke rett stavefeil og ikke søk på ord med nesten lik stavemåte.")
@click.option("--no-meaning", is_flag=True,
              help="Ikke søk etter mening; bare treff som inneholder ordene.")
@click.option("--text-only", is_flag=True,
              help="Bare treff der ordene står i selve teksten, ikke bare i overskriftene.")
@click.option("--json", "as_json", is_flag=True, help="Skriv svaret som JSON.")
@click.pass_obj
@friendly_errors
def search_command(config: Config, query, limit, page, sort, no_synonyms, no_correction,
                   no_meaning, text_only, as_json, **filters) -> None:
    chosen = {name: list(values) for name, values in filters.items() if values}
    request = SearchRequest(" ".join(query), chosen, page, limit, sort or "relevance",
                            synonyms=not no_synonyms, fuzzy=not no_correction,
                            only_text=text_only, meaning=not no_meaning)
    index = _index(config)
    engine_for(index).columns  # read once per generation, not on the search's time
    with budget.within(config.search_seconds):
        result = search(index, request)
    if as_json:
        click.echo(json.dumps(asdict(result), ensure_ascii=False, indent=2))
        return
    click.echo(f"{result.total} treff for «{result.corrected or result.query}»"
               if result.query else f"{result.total} tekster")
    if result.corrected:
        click.echo(f"Viser treff for «{result.corrected}» (søk etter ordene slik de er skrevet "
                   "med --no-correction)")
    if result.total_text is not None and result.total_text < result.total and not text_only:
        click.echo(f"{result.total_text} i teksten, {result.total - result.total_text} under "
                   "overskrifter som nevner ordet (bare teksten: --text-only)")
    if result.total_meaning:
        click.echo(f"{result.total_meaning} av dem beslektet etter mening, uten ordene "
                   "(slå av med --no-meaning)")
    if result.expansions:
        click.echo(f"Søket omfattet også: {', '.join(result.expansions)} "
                   "(slå av med --no-synonyms)")
    if result.suggestion:
        click.echo(f"Mente du: {result.suggestion}?")
    for hit in result.hits:
        click.echo("")
        related = " – beslektet, inneholder ikke ordene" if "meaning" in hit.matched else ""
        click.echo(click.style(_breadcrumb(hit) + related, bold=True))
        click.echo(f"  {hit.text}")


def _index(config: Config):
    """Return the live index in step with the database, rebuilt first if it was stale or
    broken; fail naming the data folder when there is none."""
    try:
        if read_pointer(config) is None:
            fail(f"fant ingen søkeindeks i {config.data_dir}. Legg inn rapporter med «kb ingest "
                 "corpus», eller pek på en annen base med --data-dir eller KB_DATA_DIR.")
        with database(config) as engine:
            return open_checked(engine, config, {})
    except IndexProblem as problem:
        click.echo(f"{_sentence(str(problem))} Bygger den på nytt.", err=True)
    with database(config) as engine:
        ensure(engine, config, on_wait=waiting(config))
        return open_checked(engine, config, {})


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _breadcrumb(hit) -> str:
    parts = [str(hit.year), hit.session and f"{hit.session} {hit.theme}",
             hit.question_no and f"spørsmål {hit.question_no}", hit.category, hit.subcategory,
             hit.speaker]
    where = " › ".join(p for p in parts if p)
    return f"{where} [{hit.kind}, s. {hit.page}] ({hit.id})"


LOOPBACK = ("127.0.0.1", "localhost", "::1")


def _host(host: str) -> str:
    """Return the host as it goes in an address: [::1] for an IPv6 address."""
    return f"[{host}]" if ":" in host else host


@main.command(help="Start nettløsningen med en WSGI-server for drift (waitress).")
@click.option("--host", default="127.0.0.1", metavar="ADRESSE", help="Adressen å lytte på (standard 127.0.0.1).")
@click.option("--port", type=Whole(1, 65535), default=5000,
              help="Porten å lytte på (standard 5000).")
@click.option("--threads", type=Whole(1, 64), default=16,
              help="Antall forespørsler som kan behandles samtidig (standard 16).")
@click.pass_obj
@friendly_errors
def serve(config: Config, host: str, port: int, threads: int) -> None:
    from waitress import serve as waitress_serve

    from web import create_app

    with database(config) as engine:
        health, count = ensure(engine, config, on_wait=waiting(config))
    if count is not None:
        click.echo(f"{_sentence(health.message)} Den er bygget på nytt ({count} tekster).",
                   err=True)
    app = create_app({"KB_DATA_DIR": str(config.data_dir), "KB_DATABASE_URL": config.database_url,
                      "KB_BASE_URL": config.base_url or f"http://{_host(host)}:{port}"})
    if not config.base_url and host not in LOOPBACK:
        click.echo("Advarsel: KB_BASE_URL er ikke satt, så permalenker, sitater og eksport "
                   f"peker på http://{_host(host)}:{port}. Sett KB_BASE_URL til adressen "
                   "brukerne når tjenesten på.", err=True)
    query_splitter()  # load the word list now, not on the first search for an unknown word
    click.echo(f"Innspillsbasen kjører på http://{host}:{port}/ (Ctrl+C avslutter)")
    waitress_serve(app, host=host, port=port, threads=threads)


@main.command(help="Bygg søkeindeksen på nytt fra databasen.")
@click.pass_obj
@friendly_errors
def reindex(config: Config) -> None:
    with writing(config, on_wait=waiting(config)), database(config) as engine:
        count = rebuilt(engine, config)
    click.echo(f"Søkeindeksen er bygget på nytt ({count} tekster).")


@main.command(help="Vis hva databasen og søkeindeksen inneholder.")
@click.pass_obj
@friendly_errors
def stats(config: Config) -> None:
    with database(config) as engine, session_for(engine) as session:
        stored = reports(session)
        kinds = kinds_per_year(session)
        listed = listing(session)
        editors = len(users.everyone(session))
        health = check(engine, config) if stored else None
    if not stored:
        click.echo(f"Databasen er tom ({config.data_dir}). Legg inn rapporter med "
                   "«kb ingest corpus».")
        return
    for year, file_name, pages in stored:
        per_kind = kinds.get(year, {})
        click.echo(f"{year}: {file_name}, {pages} sider, {sum(per_kind.values())} tekster")
        click.echo("  " + ", ".join(f"{k}: {n}" for k, n in sorted(per_kind.items())))
    if not health.fresh and busy(config):
        click.echo("Søkeindeksen bygges nå av en annen prosess (kb ingest eller kb reindex); "
                   "kjør «kb stats» igjen når den er ferdig.")
    else:
        click.echo(_sentence(health.message))
    click.echo(meaning.status(config, open_index(config) if health.fresh else None))
    gone = sum(entry.text is None for entry in listed)
    click.echo(f"Redaktører: {editors}; rettinger for hånd: {len(listed)}"
               + (f", {gone} av dem uten tekst (se /redaksjon/rettinger)" if gone else ""))


def rebuilt(engine, config: Config, since: str | None = None, years: list[int] = ()) -> int:
    """Rebuild the index, or update it for the years given (kb.index.update), with a
    progress bar while a large index is written and while texts are embedded for meaning."""
    bars: dict[str, object] = {}

    def progress(done: int, total: int, step: str) -> None:
        if step not in bars:
            for earlier in bars.values():
                earlier.__exit__(None, None, None)
            bars.clear()
            bars[step] = click.progressbar(length=total, label=STEPS[step], file=sys.stderr)
            bars[step].__enter__()
        bars[step].update(done - bars[step].pos)

    try:
        if years:
            return update(engine, config, since, years=years, progress=progress)
        return rebuild(engine, config, progress)
    finally:
        for bar in bars.values():
            bar.__exit__(None, None, None)


STEPS = {"index": "Skriver søkeindeksen, del for del",
         "vectors": "Beregner vektorer for søk etter mening"}


@main.group(cls=Group, help="Redaktørene som kan logge inn på /redaksjon: legg til, vis, fjern.")
def user() -> None:
    pass


@user.command(name="add", help="Legg til en redaktør. Passordet leses fra standard inn når det "
                               "ikke er en terminal; ellers spørres du to ganger.")
@click.argument("name", metavar="NAVN")
@click.pass_obj
@friendly_errors
def user_add(config: Config, name: str) -> None:
    users.check_name(name)
    password = _password()
    with database(config) as engine, transaction(engine) as session:
        users.add(session, name, password, by=COMMAND_LINE)
    click.echo(f"Redaktøren «{name.strip()}» er lagt til. Logg inn på /logg-inn.")


def at_terminal() -> bool:
    return sys.stdin.isatty()


def _password() -> str:
    """Read a new password: prompted twice at a terminal, else the first line of stdin."""
    if at_terminal():
        password = click.prompt("Passord", hide_input=True, confirmation_prompt=(
            "Gjenta passordet", "Feil: passordene er ikke like. Prøv igjen."), err=True)
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    return users.check_password(password)


@user.command(name="list", help="Vis redaktørene.")
@click.pass_obj
@friendly_errors
def user_list(config: Config) -> None:
    with database(config) as engine, session_for(engine) as session:
        everyone = users.everyone(session)
    if not everyone:
        click.echo("Ingen redaktører ennå. Legg til den første med «kb user add NAVN».")
    for editor in everyone:
        click.echo(f"{editor.name}\t(lagt til {editor.created_at:%d.%m.%Y})")


@user.command(name="remove", help="Fjern en redaktør; innloggingen hennes slutter straks.")
@click.argument("name", metavar="NAVN")
@click.pass_obj
@friendly_errors
def user_remove(config: Config, name: str) -> None:
    with database(config) as engine, transaction(engine) as session:
        users.remove(session, name, by=COMMAND_LINE)
    click.echo(f"Redaktøren «{name.strip()}» er fjernet.")


if __name__ == "__main__":
    main()
