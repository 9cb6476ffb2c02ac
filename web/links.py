"""Addresses that leave the app (permalinks, citations, export links): built from the
trusted base URL (KB_BASE_URL), never from the Host header a client sends."""
from __future__ import annotations

from flask import current_app, url_for

DEFAULT_BASE = "http://localhost"  # without KB_BASE_URL (kb serve sets its own address)


def base_url() -> str:
    return current_app.extensions["kb_config"].base_url or DEFAULT_BASE


def external(endpoint: str, **values) -> str:
    """Return the full address of an endpoint, from the trusted base URL."""
    return base_url() + url_for(endpoint, **values)
