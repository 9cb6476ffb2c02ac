"""The schema of the release before migrations: conference, report, input.

Written out as it was, not derived from the models, so later changes to kb/fields.py or
kb/models.py come as migrations of their own. A base made by that release (or an older one)
has the tables already: then only the nullable columns it lacks are added, and every row
stays as it is.
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def tables() -> list[sa.Table]:
    """Return the three tables of that release, with their indexes."""
    meta = sa.MetaData()
    return [
        sa.Table(
            "conference", meta,
            sa.Column("id", sa.Integer, primary_key=True),
            sa.Column("year", sa.Integer, nullable=False, unique=True),
            sa.Column("title", sa.String(300), nullable=False),
            sa.Column("date", sa.String(40)),
            sa.Column("place", sa.String(300)),
            sa.Column("source", sa.Text),
            sa.Column("publisher", sa.String(300)),
            sa.Column("url", sa.Text)),
        sa.Table(
            "report", meta,
            sa.Column("id", sa.Integer, primary_key=True),
            sa.Column("conference_id", sa.Integer, sa.ForeignKey("conference.id"),
                      nullable=False),
            sa.Column("file_name", sa.String(300), nullable=False),
            sa.Column("sha256", sa.String(64), nullable=False, index=True),
            sa.Column("format", sa.String(20), nullable=False),
            sa.Column("page_count", sa.Integer, nullable=False),
            sa.Column("first_page", sa.Integer, nullable=False),
            sa.Column("original", sa.String(100)),
            sa.Column("ingested_at", sa.DateTime, nullable=False),
            sa.UniqueConstraint("conference_id", name="one_report_per_year")),
        sa.Table(
            "input", meta,
            sa.Column("id", sa.String(40), primary_key=True),
            sa.Column("report_id", sa.Integer, sa.ForeignKey("report.id"), nullable=False,
                      index=True),
            sa.Column("year", sa.Integer, nullable=False, index=True),
            sa.Column("canonical_theme", sa.String(200)),
            sa.Column("theme", sa.String(300)),
            sa.Column("session", sa.String(100)),
            sa.Column("question_no", sa.Integer),
            sa.Column("question", sa.Text),
            sa.Column("category", sa.String(300)),
            sa.Column("subcategory", sa.String(300)),
            sa.Column("kind", sa.String(30), nullable=False, index=True),
            sa.Column("speaker", sa.String(200)),
            sa.Column("organisation", sa.String(300)),
            sa.Column("section", sa.String(300)),
            sa.Column("heading", sa.String(300)),
            sa.Column("page", sa.Integer),
            sa.Column("position", sa.Integer, nullable=False),
            sa.Column("text", sa.Text, nullable=False)),
    ]


def upgrade() -> None:
    connection = op.get_bind()
    existing = sa.inspect(connection)
    for table in tables():
        if not existing.has_table(table.name):
            table.create(connection)
            continue
        have = {column["name"] for column in existing.get_columns(table.name)}
        for column in table.columns:
            if column.name not in have and column.nullable:
                op.add_column(table.name, sa.Column(column.name, column.type))


def downgrade() -> None:
    for table in reversed(tables()):
        op.drop_table(table.name)
