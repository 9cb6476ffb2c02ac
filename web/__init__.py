"""Innspillsbasen's web app."""
from __future__ import annotations

from flask import Flask


def create_app(test_config: dict | None = None) -> Flask:
    """Create the app; configuration comes from kb.config unless test_config overrides it."""
    from web import (api, auth, browse, compare, db, editors, errors, export, inputs, labels,
                     search, security)

    app = Flask(__name__)
    app.config.from_mapping(KB_DATA_DIR=None, KB_DATABASE_URL=None, JSON_AS_ASCII=False)
    if test_config:
        app.config.update(test_config)
    app.json.ensure_ascii = False
    db.init_app(app)
    labels.init_app(app)
    errors.init_app(app)
    security.init_app(app)
    with app.app_context():
        auth.init_app(app)
    for blueprint in (search.bp, inputs.bp, browse.bp, compare.bp, api.bp, export.bp, auth.bp,
                      editors.bp):
        app.register_blueprint(blueprint)
    return app
