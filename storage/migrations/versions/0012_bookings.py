"""bookings of assets for later

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

import storage.models

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    when = storage.models.UTCDateTime(timezone=True)
    op.create_table(
        "bookings",
        sa.Column("id", BIG_ID, nullable=False),
        sa.Column("asset_id", BIG_ID, nullable=False),
        sa.Column("holder", sa.String(length=100), nullable=False),
        sa.Column("start_at", when, nullable=False),
        sa.Column("end_at", when, nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("booked_by", sa.String(length=100), nullable=False),
        sa.Column("created_at", when, nullable=False),
        sa.Column("reminded_at", when, nullable=True),
        sa.CheckConstraint("end_at > start_at", name=op.f("ck_bookings_ends_after_start")),
        sa.CheckConstraint(
            "status IN ('booked', 'picked_up', 'returned', 'cancelled', 'no_show')",
            name=op.f("ck_bookings_status"),
        ),
        sa.ForeignKeyConstraint(["asset_id"], ["assets.id"], name=op.f("fk_bookings_asset_id_assets")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bookings")),
    )
    op.create_index("ix_bookings_asset_start", "bookings", ["asset_id", "start_at"])
    op.create_index("ix_bookings_status_start", "bookings", ["status", "start_at"])
    op.create_index(op.f("ix_bookings_holder"), "bookings", ["holder"])


def downgrade() -> None:
    op.drop_table("bookings")
