"""Innspillsbasen's web app."""
from __future__ import annotations

from flask import Flask


def create_app(test_config: dict | None = None) -> Flask:
    """Create the app; configuration comes from kb.config unless test_config overrides it."""
    from web import api, db

    app = Flask(__name__)
    app.config.from_mapping(KB_DATA_DIR=None, KB_DATABASE_URL=None, JSON_AS_ASCII=False)
    if test_config:
        app.config.update(test_config)
    db.init_app(app)
    app.register_blueprint(api.bp)
    return app
