"""alert log and stock alert state

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

import storage.models

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "alert_log",
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("sent_at", storage.models.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_alert_log")),
    )
    op.create_table(
        "stock_alert_state",
        sa.Column("sku_key", sa.String(length=64), nullable=False),
        sa.Column("crossed", sa.Boolean(), nullable=False),
        sa.Column("ordered_at", storage.models.UTCDateTime(timezone=True), nullable=True),
        sa.Column("snoozed_until", storage.models.UTCDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("sku_key", name=op.f("pk_stock_alert_state")),
    )


def downgrade() -> None:
    op.drop_table("stock_alert_state")
    op.drop_table("alert_log")
