"""The editors' area (/redaksjon): reports and drafts, upload, preview and publish, corrections
of an input's tags, and the audit log with undo. Every route needs a signed-in editor."""
from __future__ import annotations

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for

from indexer import drafts
from indexer.errors import IngestError
from kb import audit, editing
from kb.lock import Busy
from kb.storage import StorageError
from kb.catalogue import in_base
from kb.corrections import HIDDEN, NAMES, CorrectionError, label, listing
from kb.fields import BY_NAME
from web import db
from web.auth import editor_required

bp = Blueprint("editors", __name__, url_prefix="/redaksjon")
FORM_FIELDS = ("year", "title", "date", "place", "source", "publisher")


@bp.before_request
@editor_required
def signed_in():
    """Every page of the area needs a signed-in editor (see editor_required)."""


@bp.errorhandler(Busy)
@bp.errorhandler(StorageError)
def cannot_write(error: Exception):
    """Another writer kept the data folder too long, or the disk said no: nothing was
    changed; say so on the overview."""
    flash(f"Endringen ble ikke lagret: {error}", "error")
    return redirect(url_for("editors.overview"))


@bp.get("/")
@bp.get("")
def overview():
    with db.session() as session:
        reports = in_base(session)
        orphans = [entry for entry in listing(session) if entry.text is None]
        latest = audit.entries(session, per_page=5)
    return render_template("editors/overview.html", reports=reports,
                           drafts=drafts.every(db.config()), orphans=orphans, latest=latest)


@bp.get("/last-opp")
def upload_form():
    return render_template("editors/upload.html", values={}, error=None,
                           limit=db.config().upload_limit_mb)


@bp.post("/last-opp")
def upload():
    values = {name: request.form.get(name, "") for name in FORM_FIELDS}
    values["profile"] = request.form.get("profile", "")
    sent = request.files.get("rapport")
    try:
        if sent is None or not sent.filename:
            raise IngestError("Velg rapportfilen du vil laste opp.")
        draft = drafts.create(db.engine(), db.config(), sent.stream, sent.filename,
                              drafts.metadata_of(values), drafts.profile_of(values["profile"]),
                              g.editor)
    except IngestError as error:
        return render_template("editors/upload.html", values=values, error=str(error),
                               limit=db.config().upload_limit_mb), 400
    flash("Rapporten er lastet opp, men ikke publisert. Sjekk hvordan den ble lest.")
    return redirect(url_for("editors.preview", draft_id=draft.id))


def _draft(draft_id: str) -> drafts.Draft:
    draft = drafts.load(db.config(), draft_id)
    if draft is None:
        abort(404, description="Fant ikke den opplastede rapporten. Den kan være publisert "
                               "eller forkastet allerede.")
    return draft


@bp.get("/utkast/<draft_id>")
def preview(draft_id: str):
    draft = _draft(draft_id)
    try:
        found = drafts.preview(db.engine(), draft)
    except IngestError as error:
        return render_template("editors/preview.html", found=None, draft=draft,
                               error=str(error)), 400
    return render_template("editors/preview.html", found=found, draft=draft, error=None)


@bp.post("/utkast/<draft_id>/roller")
def roles(draft_id: str):
    """Give the headings whose role the editor changed a rule each, and read the report again."""
    draft = _draft(draft_id)
    raw = request.form.get("antall", "")
    changed = {}
    for number in range(min(int(raw), 2000) if raw.isdigit() else 0):
        text, role = request.form.get(f"tekst-{number}"), request.form.get(f"rolle-{number}")
        if text and role and role != request.form.get(f"var-{number}"):
            changed[text] = role
    if not changed:
        flash("Ingen roller ble endret.")
        return redirect(url_for("editors.preview", draft_id=draft.id))
    try:
        drafts.with_roles(draft, changed)
        drafts.read(draft)
    except IngestError as error:
        flash(f"Rollene kunne ikke brukes: {error}", "error")
        return redirect(url_for("editors.preview", draft_id=draft.id))
    flash(f"Rapporten er lest på nytt med {len(changed)} "
          f"{'endret rolle' if len(changed) == 1 else 'endrede roller'}.")
    return redirect(url_for("editors.preview", draft_id=draft.id, _anchor="overskrifter"))


@bp.post("/utkast/<draft_id>/publiser")
def publish(draft_id: str):
    draft = _draft(draft_id)
    try:
        prepared, status = drafts.publish(db.engine(), db.config(), draft, g.editor,
                                          replace=request.form.get("erstatt") == "ja")
    except IngestError as error:
        flash(str(error), "error")
        return redirect(url_for("editors.preview", draft_id=draft.id, _anchor="publiser"))
    year = prepared.metadata.year
    flash(f"Rapporten fra {year} er publisert med {len(prepared.records)} tekster"
          f"{' og erstattet den som lå inne' if status == 'replaced' else ''}. "
          "Søket viser dem nå.")
    return redirect(url_for("browse.conference", year=year))


@bp.post("/utkast/<draft_id>/forkast")
def discard(draft_id: str):
    draft = _draft(draft_id)
    drafts.discard(db.engine(), draft, g.editor)
    flash("Den opplastede rapporten er forkastet. Ingenting ble lagret i basen.")
    return redirect(url_for("editors.overview"))


@bp.post("/innspill/<input_id>")
def correct(input_id: str):
    """Save the tags an editor set on an input's page."""
    # Each field the form sends is set; the lists (topics, hidden) send an empty value first,
    # so none checked still says «none».
    wanted = {name: request.form.get(name, "") for name in NAMES if name in request.form}
    if "topic" in wanted:
        wanted["topic"] = request.form.getlist("topic")
    if HIDDEN in wanted:
        wanted[HIDDEN] = "ja" if "ja" in request.form.getlist(HIDDEN) else None
    try:
        changes = editing.set_tags(db.engine(), db.config(), input_id, wanted, g.editor)
    except CorrectionError as error:
        flash(str(error), "error")
        return redirect(url_for("inputs.detail", input_id=input_id, _anchor="rett"))
    if changes:
        named = ", ".join(label(c.field).lower() for c in changes)
        flash(f"Lagret: {named}. Søk, filtre, sammenligning og eksport viser det nå.")
    else:
        flash("Ingen merker var endret.")
    return redirect(url_for("inputs.detail", input_id=input_id))


@bp.get("/logg")
def log():
    page = request.args.get("side", "1")
    page = int(page) if page.isdigit() and 0 < int(page) < 100_000 else 1
    with db.session() as session:
        entries = audit.entries(session, page)
        total = audit.count(session)
    return render_template("editors/log.html", entries=entries, page=page,
                           pages=max(1, -(-total // audit.PER_PAGE)), total=total)


@bp.post("/logg/<int:entry_id>/angre")
def undo(entry_id: int):
    try:
        entry = editing.undo_change(db.engine(), db.config(), entry_id, g.editor)
    except CorrectionError as error:
        flash(str(error), "error")
        return redirect(url_for("editors.log"))
    flash(f"Endringen er angret: {label(entry.field).lower()} er tilbake til "
          f"«{entry.after or 'tomt'}».")
    return redirect(url_for("editors.log"))


@bp.get("/rettinger")
def corrections():
    with db.session() as session:
        listed = listing(session)
    return render_template("editors/corrections.html", listed=listed)


@bp.post("/rettinger/<int:correction_id>/fjern")
def remove(correction_id: int):
    try:
        entry = editing.remove_correction(db.engine(), db.config(), correction_id, g.editor)
    except CorrectionError as error:
        flash(str(error), "error")
    else:
        flash(f"Rettingen av {label(entry.field).lower()} er fjernet.")
    return redirect(url_for("editors.corrections"))


@bp.app_template_global()
def correction_label(name: str) -> str:
    return label(name)


@bp.app_template_global()
def action_label(action: str) -> str:
    return audit.ACTIONS.get(action, action)


@bp.app_template_global()
def field_declared(name: str):
    return BY_NAME.get(name)
