"""Named facts about the stored data as a whole: the fingerprint the search index is checked
against (kb.fingerprint)."""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "state",
        sa.Column("name", sa.String(40), primary_key=True),
        sa.Column("value", sa.Text, nullable=False))


def downgrade() -> None:
    op.drop_table("state")
