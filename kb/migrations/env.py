"""Alembic's environment: run the migrations on the connection kb.database hands over."""
from alembic import context

from kb.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise SystemExit("Migreringene kjøres av kb selv: en base oppgraderes når kb åpner den "
                     "(for eksempel med «kb stats»).")
# Batch mode lets SQLite, which cannot alter a table's columns in place, copy the table instead.
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
