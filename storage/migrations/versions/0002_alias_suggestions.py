"""alias suggestions

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

import storage.models

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "alias_suggestions",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("words", sa.String(length=200), nullable=False),
        sa.Column("item_type", sa.String(length=8), nullable=False),
        sa.Column("item_key", sa.String(length=64), nullable=False),
        sa.Column("suggested_by", sa.Text(), nullable=False),
        sa.Column("times", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("last_at", storage.models.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alias_suggestions")),
        sa.UniqueConstraint("words", "item_type", "item_key", name="uq_alias_suggestions_words_item"),
    )


def downgrade() -> None:
    op.drop_table("alias_suggestions")
