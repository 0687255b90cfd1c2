"""secret calendar feed links

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

import storage.models

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    when = storage.models.UTCDateTime(timezone=True)
    op.create_table(
        "calendar_links",
        sa.Column("token", sa.String(length=64), nullable=False),
        sa.Column("owner", sa.String(length=100), nullable=False),
        sa.Column("scope", sa.String(length=16), nullable=False),
        sa.Column("target", sa.String(length=200), nullable=False),
        sa.Column("created_at", when, nullable=False),
        sa.Column("revoked_at", when, nullable=True),
        sa.PrimaryKeyConstraint("token", name=op.f("pk_calendar_links")),
    )
    op.create_index("ix_calendar_links_feed", "calendar_links", ["scope", "target"])


def downgrade() -> None:
    op.drop_table("calendar_links")
