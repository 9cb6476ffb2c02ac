"""Errors as the user sees them: a Norwegian page for pages, {"error": …} for the API."""
from __future__ import annotations

from flask import Flask, Response, current_app, jsonify, render_template, request
from werkzeug.exceptions import HTTPException, SecurityError

from kb.budget import SearchTimeout
from kb.index import IndexProblem
from kb.search import SearchError

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
# What a reader is told when the index cannot be used, by IndexProblem.state.
INDEX_MESSAGES = {
    "missing": MESSAGES[503],
    "stale": "Søkeindeksen er utdatert: basen er endret etter at den ble bygget, og søket "
             "ville vist feil treff. Den som drifter tjenesten må kjøre «kb reindex».",
    "broken": "Søkeindeksen er skadet. Den som drifter tjenesten må kjøre «kb reindex».",
}


def init_app(app: Flask) -> None:
    """Answer every error in Norwegian, never with a bare 500."""
    app.register_error_handler(SearchError, lambda error: respond(400, str(error)))
    app.register_error_handler(SearchTimeout, lambda error: respond(503, str(error)))
    app.register_error_handler(IndexProblem, _index_problem)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected)


def status(error: Exception) -> int:
    """Return the status of a search that could not be answered: 503 when it ran out of
    time (the server's limit), 400 when the request itself cannot be read."""
    return 503 if isinstance(error, SearchTimeout) else 400


def _http_error(error: HTTPException):
    if isinstance(error, SecurityError):  # a Host not in KB_TRUSTED_HOSTS: no page can be built
        message = "Denne tjenesten svarer ikke for adressen (vertsnavnet) forespørselen bruker."
        if request.path.startswith("/api/"):
            return jsonify(error=message), 400
        return Response(message, 400, mimetype="text/plain; charset=utf-8")
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


def _index_problem(error: IndexProblem):
    current_app.logger.error("Search index unusable on %s: %s", request.path, error)
    return respond(503, INDEX_MESSAGES[error.state])


def _unexpected(error: Exception):
    current_app.logger.exception("Uventet feil på %s", request.path)
    return respond(500, MESSAGES[500])


def respond(code: int, message: str):
    """Return an error as JSON for the API and as a page for everyone else."""
    if request.path.startswith("/api/") or request.blueprint == "api":
        return jsonify(error=message), code
    title = TITLES.get(code, "Noe gikk galt")
    return render_template("errors/error.html", code=code, title=title, message=message), code
