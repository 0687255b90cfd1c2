"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

import storage.models

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "assets",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("tag", sa.String(length=64), nullable=False),
        sa.Column("tag_key", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("category", sa.String(length=100), nullable=True),
        sa.Column("manufacturer", sa.String(length=100), nullable=True),
        sa.Column("model", sa.String(length=100), nullable=True),
        sa.Column("serial", sa.String(length=100), nullable=True),
        sa.Column("cost", sa.Numeric(precision=14, scale=2), nullable=True),
        sa.Column("purchase_date", sa.Date(), nullable=True),
        sa.Column("useful_life_years", sa.Integer(), nullable=True),
        sa.Column("salvage_value", sa.Numeric(precision=14, scale=2), nullable=True),
        sa.Column("depreciation_method", sa.String(length=32), nullable=False),
        sa.Column("condition", sa.String(length=200), nullable=True),
        sa.Column("location", sa.String(length=100), nullable=True),
        sa.Column("department", sa.String(length=100), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("holder", sa.String(length=100), nullable=True),
        sa.Column("due", storage.models.UTCDateTime(timezone=True), nullable=True),
        sa.Column("aliases", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "status IN ('available', 'checked_out', 'maintenance', 'retired')", name=op.f("ck_assets_status")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assets")),
        sa.UniqueConstraint("tag_key", name=op.f("uq_assets_tag_key")),
    )
    with op.batch_alter_table("assets", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_assets_department"), ["department"], unique=False)
        batch_op.create_index(batch_op.f("ix_assets_holder"), ["holder"], unique=False)
        batch_op.create_index("ix_assets_status_due", ["status", "due"], unique=False)

    op.create_table(
        "ledger",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("at", storage.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("item_type", sa.String(length=8), nullable=False),
        sa.Column("item_key", sa.String(length=64), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=True),
        sa.Column("balance", sa.Integer(), nullable=True),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("source", sa.String(length=200), nullable=True),
        sa.Column("reverses", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.ForeignKeyConstraint(["reverses"], ["ledger.id"], name=op.f("fk_ledger_reverses_ledger")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ledger")),
        sa.UniqueConstraint("reverses", name=op.f("uq_ledger_reverses")),
    )
    with op.batch_alter_table("ledger", schema=None) as batch_op:
        batch_op.create_index("ix_ledger_action_id", ["action", "id"], unique=False)
        batch_op.create_index("ix_ledger_actor_id", ["actor", "id"], unique=False)
        batch_op.create_index(batch_op.f("ix_ledger_at"), ["at"], unique=False)
        batch_op.create_index("ix_ledger_item", ["item_type", "item_key", "at"], unique=False)

    op.create_table(
        "stock_items",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("sku", sa.String(length=64), nullable=False),
        sa.Column("sku_key", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("unit", sa.String(length=32), nullable=False),
        sa.Column("packs", sa.String(length=200), nullable=False),
        sa.Column("on_hand", sa.Integer(), nullable=False),
        sa.Column("reorder_point", sa.Integer(), nullable=True),
        sa.Column("reorder_qty", sa.Integer(), nullable=True),
        sa.Column("unit_cost", sa.Numeric(precision=14, scale=2), nullable=True),
        sa.Column("location", sa.String(length=100), nullable=True),
        sa.Column("supplier", sa.String(length=200), nullable=True),
        sa.Column("barcode", sa.String(length=32), nullable=True),
        sa.Column("aliases", sa.Text(), nullable=False),
        sa.CheckConstraint("on_hand >= 0", name=op.f("ck_stock_items_on_hand_not_negative")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stock_items")),
        sa.UniqueConstraint("sku_key", name=op.f("uq_stock_items_sku_key")),
    )
    with op.batch_alter_table("stock_items", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_stock_items_barcode"), ["barcode"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("stock_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_stock_items_barcode"))

    op.drop_table("stock_items")
    with op.batch_alter_table("ledger", schema=None) as batch_op:
        batch_op.drop_index("ix_ledger_item")
        batch_op.drop_index(batch_op.f("ix_ledger_at"))
        batch_op.drop_index("ix_ledger_actor_id")
        batch_op.drop_index("ix_ledger_action_id")

    op.drop_table("ledger")
    with op.batch_alter_table("assets", schema=None) as batch_op:
        batch_op.drop_index("ix_assets_status_due")
        batch_op.drop_index(batch_op.f("ix_assets_holder"))
        batch_op.drop_index(batch_op.f("ix_assets_department"))

    op.drop_table("assets")
