"""The `kb` command: checks its input and calls the library."""
from __future__ import annotations

import json
import sys
from dataclasses import asdict
from functools import wraps

import click
from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError

from indexer.errors import IngestError
from indexer.extract import supported_suffixes
from indexer.load import prepare, report_files, store
from indexer.outline import explain, outline
from kb.config import SETTINGS, load_config
from kb.database import make_engine, session_for
from kb.index import open_index, rebuild
from kb.models import Conference, Input, Report
from kb.search import SearchError, SearchRequest, query_splitter, search

STATUS = {"new": "lagt inn", "replaced": "erstattet forrige versjon", "unchanged": "uendret"}
_help = {s.name: f"{s.help} [env: {s.env}]" for s in SETTINGS}


def friendly_errors(command):
    """Turn known errors into one line on stderr and exit code 1."""
    @wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except (IngestError, SearchError) as error:
            fail(str(error))
        except SQLAlchemyError as error:
            fail(f"databasen kan ikke brukes ({error.__class__.__name__}). "
                 "Sjekk KB_DATABASE_URL eller KB_DATA_DIR.")
    return wrapper


def fail(message: str) -> None:
    """Print one line on stderr and exit with status 1."""
    click.echo(f"Feil: {message}", err=True)
    raise SystemExit(1)


@click.group(help="Innspillsbasen: search the inputs of the national integration conference.")
@click.option("--data-dir", default=None, help=_help["data_dir"])
@click.option("--database-url", default=None, help=_help["database_url"])
@click.pass_context
def main(ctx: click.Context, data_dir: str | None, database_url: str | None) -> None:
    ctx.obj = load_config(data_dir, database_url)


@main.command(help=f"Ingest report files or folders of reports ({', '.join(supported_suffixes())}).")
@click.argument("paths", nargs=-1, required=True)
@click.option("--year", type=click.IntRange(1990, 2100), default=None,
              help="Conference year, when the report does not say.")
@click.option("--dry-run", is_flag=True, help="Print the outline found; store nothing.")
@click.pass_obj
@friendly_errors
def ingest(config, paths: tuple[str, ...], year: int | None, dry_run: bool) -> None:
    files = report_files(paths)
    with click.progressbar(files, label="Leser rapporter", file=sys.stderr,
                           item_show_func=lambda p: p.name if p else "") as bar:
        prepared = [prepare(path, year) for path in bar]
    if dry_run:
        for item in prepared:
            click.echo(f"{item.path.name} – {item.metadata.year}, {item.document.page_count} sider, "
                       f"{len(item.records)} deler (ikke lagret)")
            click.echo("\n".join("  " + line for line in outline(item.records)))
            click.echo("\n".join("  " + line for line in explain(item.headings, item.warnings)))
        return
    for item in prepared:
        for warning in item.warnings:
            click.echo(f"Advarsel: {item.path.name}: {warning}", err=True)
    engine = make_engine(config)
    outcomes = store(engine, prepared)
    for item, status in outcomes:
        click.echo(f"{item.path.name}: {item.metadata.year}, {len(item.records)} deler – {STATUS[status]}")
    if any(status != "unchanged" for _, status in outcomes) or open_index(config) is None:
        count = rebuild(engine, config)
        click.echo(f"Søkeindeksen er bygget på nytt ({count} deler).")


@main.command(name="search", help="Search the inputs. QUERY supports \"phrases\", -word, OR, prefix*.")
@click.argument("query", nargs=-1)
@click.option("--year", multiple=True, help="Only this year (repeatable).")
@click.option("--theme", multiple=True, help="Only this theme (repeatable).")
@click.option("--session", multiple=True, help="Only this session, e.g. 'Bolk 1'.")
@click.option("--question", multiple=True, help="Only inputs to this question.")
@click.option("--category", multiple=True, help="Only this category.")
@click.option("--kind", multiple=True, help="Only this kind: innspill, innlegg, tale, …")
@click.option("--speaker", multiple=True, help="Only this speaker.")
@click.option("--limit", type=click.IntRange(1, 100), default=10, show_default=True)
@click.option("--page", type=click.IntRange(1, 10_000), default=1, show_default=True)
@click.option("--sort", type=click.Choice(["relevance", "year"]), default="relevance")
@click.option("--no-synonyms", is_flag=True, help="Search only the words as written.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@click.pass_obj
@friendly_errors
def search_command(config, query, year, theme, session, question, category, kind, speaker,
                   limit, page, sort, no_synonyms, as_json) -> None:
    filters = {name: list(values) for name, values in (
        ("year", year), ("theme", theme), ("session", session), ("question", question),
        ("category", category), ("kind", kind), ("speaker", speaker)) if values}
    request = SearchRequest(" ".join(query), filters, page, limit, sort, not no_synonyms)
    result = search(open_index(config), request)
    if as_json:
        click.echo(json.dumps(asdict(result), ensure_ascii=False, indent=2))
        return
    click.echo(f"{result.total} treff for «{result.query}»" if result.query
               else f"{result.total} deler")
    if result.expansions:
        click.echo(f"Søket omfattet også: {', '.join(result.expansions)} (slå av med --no-synonyms)")
    if result.suggestion:
        click.echo(f"Mente du: {result.suggestion}?")
    for hit in result.hits:
        click.echo("")
        click.echo(click.style(_breadcrumb(hit), bold=True))
        click.echo(f"  {hit.text}")


def _breadcrumb(hit) -> str:
    parts = [str(hit.year), hit.session and f"{hit.session} {hit.theme}",
             hit.question_no and f"spørsmål {hit.question_no}", hit.category, hit.subcategory,
             hit.speaker]
    where = " › ".join(p for p in parts if p)
    return f"{where} [{hit.kind}, s. {hit.page}] ({hit.id})"


@main.command(help="Serve the web app with a production WSGI server (waitress).")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=click.IntRange(1, 65535), default=5000, show_default=True)
@click.option("--threads", type=click.IntRange(1, 64), default=8, show_default=True)
@click.pass_obj
@friendly_errors
def serve(config, host: str, port: int, threads: int) -> None:
    from waitress import serve as waitress_serve

    from web import create_app

    app = create_app({"KB_DATA_DIR": str(config.data_dir), "KB_DATABASE_URL": config.database_url})
    query_splitter()  # load the word list now, not on the first search for an unknown word
    click.echo(f"Innspillsbasen kjører på http://{host}:{port}/ (Ctrl+C avslutter)")
    waitress_serve(app, host=host, port=port, threads=threads)


@main.command(help="Rebuild the search index from the database.")
@click.pass_obj
@friendly_errors
def reindex(config) -> None:
    count = rebuild(make_engine(config), config)
    click.echo(f"Søkeindeksen er bygget på nytt ({count} deler).")


@main.command(help="Show what the database holds.")
@click.pass_obj
@friendly_errors
def stats(config) -> None:
    engine = make_engine(config)
    with session_for(engine) as session:
        reports = session.execute(select(Conference.year, Report.file_name, Report.page_count)
                                  .join(Report).order_by(Conference.year)).all()
        kinds = session.execute(select(Input.year, Input.kind, func.count())
                                .group_by(Input.year, Input.kind)).all()
    if not reports:
        click.echo("Databasen er tom. Legg inn rapporter med «kb ingest corpus».")
        return
    for year, file_name, pages in reports:
        per_kind = {kind: count for y, kind, count in kinds if y == year}
        click.echo(f"{year}: {file_name}, {pages} sider, {sum(per_kind.values())} deler")
        click.echo("  " + ", ".join(f"{k}: {n}" for k, n in sorted(per_kind.items())))
    index = open_index(config)
    click.echo(f"Søkeindeks: {index.doc_count() if index else 'ikke bygget'} deler")


if __name__ == "__main__":
    main()
