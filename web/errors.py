"""Errors as the user sees them: a Norwegian page for pages, {"error": …} for the API."""
from __future__ import annotations

from flask import Flask, current_app, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from kb.search import SearchError
from web.db import IndexMissing

TITLES = {
    400: "Søket kan ikke kjøres",
    401: "Du er ikke logget inn",
    403: "Ikke tillatt",
    413: "Filen er for stor",
    429: "For mange forsøk",
    404: "Vi finner ikke siden",
    405: "Denne handlingen støttes ikke",
    503: "Søket er ikke klart ennå",
}
MESSAGES = {
    400: "Noe i adressen kan ikke leses. Gå tilbake og prøv igjen.",
    404: "Adressen kan være skrevet feil, eller siden er flyttet. Prøv å søke etter det du lette etter.",
    405: "Siden kan bare leses, ikke sendes skjema til.",
    401: "Logg inn som redaktør for å se denne siden.",
    403: "Du har ikke lov til å gjøre dette. Er du logget inn som redaktør?",
    413: "Filen er større enn det tjenesten tar imot. Del den opp eller spør den som drifter "
         "tjenesten om å øke grensen (KB_UPLOAD_LIMIT_MB).",
    429: "For mange forsøk på kort tid. Vent litt og prøv igjen.",
    500: "Det oppsto en feil hos oss. Prøv igjen om litt. Feilen er ikke din.",
    503: "Søkeindeksen er ikke bygget. Den som drifter tjenesten må kjøre «kb ingest» "
         "eller «kb reindex».",
}


def init_app(app: Flask) -> None:
    """Answer every error in Norwegian, never with a bare 500."""
    app.register_error_handler(SearchError, lambda error: respond(400, str(error)))
    app.register_error_handler(IndexMissing, lambda error: respond(503, MESSAGES[503]))
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected)


def _http_error(error: HTTPException):
    code = error.code or 500
    description = error.description
    if code == 413 and current_app.config.get("MAX_CONTENT_LENGTH"):
        limit = current_app.config["MAX_CONTENT_LENGTH"] // (1024 * 1024)
        return respond(413, f"Filen er større enn {limit} MB, som er det tjenesten tar imot. "
                            "Spør den som drifter tjenesten om å øke grensen "
                            "(KB_UPLOAD_LIMIT_MB).")
    if description == type(error).description:  # Werkzeug's English default
        description = MESSAGES.get(code, MESSAGES[500] if code >= 500 else MESSAGES[400])
    return respond(code, description)


def _unexpected(error: Exception):
    current_app.logger.exception("Uventet feil på %s", request.path)
    return respond(500, MESSAGES[500])


def respond(code: int, message: str):
    """Return an error as JSON for the API and as a page for everyone else."""
    if request.path.startswith("/api/") or request.blueprint == "api":
        return jsonify(error=message), code
    title = TITLES.get(code, "Noe gikk galt")
    return render_template("errors/error.html", code=code, title=title, message=message), code
