"""Signing in and out (/logg-inn, /logg-ut): the signed session cookie, CSRF on every form,
and a counter that slows down repeated failed sign-ins from one address."""
from __future__ import annotations

from datetime import timedelta
from functools import wraps
from math import ceil

from flask import (Blueprint, Flask, abort, current_app, flash, g, redirect, render_template,
                   request, session, url_for)
from flask_wtf.csrf import CSRFError, CSRFProtect
from werkzeug.middleware.proxy_fix import ProxyFix

from kb import users
from kb.config import secret_key
from kb.database import transaction
from kb.throttle import Throttle
from web import db

bp = Blueprint("auth", __name__)
csrf = CSRFProtect()

SESSION_HOURS = 8
FAILURES = 5          # failed sign-ins from one address …
WINDOW = 15 * 60      # … within this many seconds, and it must wait
WRONG = "Feil brukernavn eller passord."


def init_app(app: Flask) -> None:
    """Sign sessions with the secret key, set the cookie's flags, protect every form."""
    config = db.config()
    app.config.update(
        SECRET_KEY=secret_key(config),
        SESSION_COOKIE_NAME="innspillsbasen",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=config.secure_cookies,
        PERMANENT_SESSION_LIFETIME=timedelta(hours=SESSION_HOURS),
        WTF_CSRF_TIME_LIMIT=None,   # valid as long as the sign-in, which ends after 8 hours
        MAX_CONTENT_LENGTH=config.upload_limit_mb * 1024 * 1024,
    )
    if config.proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=config.proxies, x_proto=config.proxies)
    csrf.init_app(app)
    app.extensions["kb_throttle"] = Throttle(FAILURES, WINDOW)
    app.before_request(_load_editor)
    app.after_request(_private)
    app.context_processor(lambda: {"editor": g.get("editor")})
    app.register_error_handler(CSRFError, _refused)


def _load_editor() -> None:
    """Note who is signed in; a session whose editor was removed ends here."""
    g.editor = None
    name = session.get("editor")
    if name is None:
        return
    with db.session() as reading:
        if users.find(reading, name) is None:
            session.clear()
            return
    g.editor = name


def _private(response):
    """Keep pages shown to a signed-in editor out of shared caches."""
    if g.get("editor"):
        response.headers["Cache-Control"] = "no-store"
    return response


def _refused(error: CSRFError):
    from web.errors import respond
    return respond(403, "Skjemaet kunne ikke godtas fordi det manglet et gyldig skjult "
                        "kontrollfelt. Gå tilbake, last siden på nytt og prøv igjen.")


def editor_required(view):
    """Send anyone not signed in to the sign-in page, and back here afterwards."""
    @wraps(view)
    def wrapped(*args, **kwargs):
        if not g.get("editor"):
            if request.method != "GET":
                abort(403, description="Du må være logget inn som redaktør for å gjøre dette.")
            return redirect(url_for("auth.sign_in", neste=request.full_path.rstrip("?")))
        return view(*args, **kwargs)
    return wrapped


def _next(target: str | None) -> str:
    """Return where to go after signing in: a path on this site, else the editors' area."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return url_for("editors.overview")


@bp.route("/logg-inn", methods=["GET", "POST"])
def sign_in():
    target = request.values.get("neste")
    if request.method == "GET":
        return render_template("auth/sign_in.html", target=target, error=None, name="")
    address = request.remote_addr or "ukjent"
    counter: Throttle = current_app.extensions["kb_throttle"]
    waiting = counter.wait(address)
    if waiting:
        minutes = max(1, ceil(waiting / 60))
        return render_template("auth/sign_in.html", target=target, name="", error=(
            f"For mange mislykkede forsøk fra denne adressen. Vent {minutes} "
            f"{'minutt' if minutes == 1 else 'minutter'} og prøv igjen.")), 429
    name = request.form.get("brukernavn", "")
    with transaction(db.engine()) as writing:
        editor = users.authenticate(writing, name, request.form.get("passord", ""))
        signed_in = editor.name if editor else None
    if signed_in is None:
        counter.failed(address)
        return render_template("auth/sign_in.html", target=target, error=WRONG,
                               name=name[:60]), 401
    counter.succeeded(address)
    session.clear()   # a new session on sign-in: nothing from before carries over
    session.permanent = True
    session["editor"] = signed_in
    flash(f"Du er logget inn som {signed_in}.")
    return redirect(_next(target))


@bp.post("/logg-ut")
def sign_out():
    session.clear()
    flash("Du er logget ut.")
    return redirect(url_for("search.home"))
