"""Editors: accounts, corrections of inputs' tags kept apart from the parser's, the audit log."""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "editor",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(60), nullable=False, unique=True),
        sa.Column("password_hash", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False))
    op.create_table(
        "correction",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("input_id", sa.String(40), nullable=False),
        sa.Column("field", sa.String(30), nullable=False),
        sa.Column("value", sa.Text),
        sa.Column("set_by", sa.String(60), nullable=False),
        sa.Column("set_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("input_id", "field", name="one_correction_per_field"))
    op.create_index("ix_correction_input_id", "correction", ["input_id"])
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("editor", sa.String(60), nullable=False),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("target", sa.String(300), nullable=False),
        sa.Column("field", sa.String(30)),
        sa.Column("before", sa.Text),
        sa.Column("after", sa.Text),
        sa.Column("had_correction", sa.Boolean, nullable=False),
        sa.Column("note", sa.Text),
        sa.Column("undone_by", sa.Integer))
    op.create_index("ix_audit_log_at", "audit_log", ["at"])


def downgrade() -> None:
    op.drop_table("audit_log")
    op.drop_table("correction")
    op.drop_table("editor")
