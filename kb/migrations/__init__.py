"""Alembic migrations of the database schema; kb.database runs them when it opens a base."""
