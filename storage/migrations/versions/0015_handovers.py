"""handovers of an asset from one person to another

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

import storage.models

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    when = storage.models.UTCDateTime(timezone=True)
    op.create_table(
        "handovers",
        sa.Column("id", BIG_ID, nullable=False),
        sa.Column("asset_id", BIG_ID, nullable=False),
        sa.Column("from_person", sa.String(length=100), nullable=False),
        sa.Column("to_person", sa.String(length=100), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", when, nullable=False),
        sa.Column("decided_at", when, nullable=True),
        sa.ForeignKeyConstraint(["asset_id"], ["assets.id"], name=op.f("fk_handovers_asset_id_assets")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_handovers")),
    )
    op.create_index(op.f("ix_handovers_to_person"), "handovers", ["to_person"])


def downgrade() -> None:
    op.drop_table("handovers")
