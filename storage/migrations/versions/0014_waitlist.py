"""waiting for an asset to come back

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

import storage.models

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    when = storage.models.UTCDateTime(timezone=True)
    op.create_table(
        "waitlist",
        sa.Column("id", BIG_ID, nullable=False),
        sa.Column("asset_id", BIG_ID, nullable=False),
        sa.Column("person", sa.String(length=100), nullable=False),
        sa.Column("request", sa.String(length=32), nullable=False),
        sa.Column("created_at", when, nullable=False),
        sa.Column("closed_at", when, nullable=True),
        sa.ForeignKeyConstraint(["asset_id"], ["assets.id"], name=op.f("fk_waitlist_asset_id_assets")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_waitlist")),
    )
    op.create_index(op.f("ix_waitlist_request"), "waitlist", ["request"])
    op.create_index("ix_waitlist_asset_open", "waitlist", ["asset_id", "closed_at", "created_at"])


def downgrade() -> None:
    op.drop_table("waitlist")
