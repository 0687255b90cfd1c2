"""kits of assets and stock quantities; bookings made for a kit; the ledger by source

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "kits",
        sa.Column("id", BIG_ID, nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("code_key", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kits")),
        sa.UniqueConstraint("code_key", name=op.f("uq_kits_code_key")),
    )
    op.create_table(
        "kit_members",
        sa.Column("id", BIG_ID, nullable=False),
        sa.Column("kit_id", BIG_ID, nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("item_key", sa.String(length=64), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["kit_id"], ["kits.id"], name=op.f("fk_kit_members_kit_id_kits"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kit_members")),
    )
    op.create_index(op.f("ix_kit_members_kit_id"), "kit_members", ["kit_id"])
    op.create_index(op.f("ix_kit_members_item_key"), "kit_members", ["item_key"])
    with op.batch_alter_table("bookings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("kit", sa.String(length=64), nullable=True))
    op.create_index("ix_ledger_source", "ledger", ["source"])  # was this message acted on already?


def downgrade() -> None:
    op.drop_index("ix_ledger_source", table_name="ledger")
    with op.batch_alter_table("bookings", schema=None) as batch_op:
        batch_op.drop_column("kit")
    op.drop_table("kit_members")
    op.drop_table("kits")
