"""barcodes compared as GTIN-14; assets keep the id they were imported with

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

from domain import gtin

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("stock_items", schema=None) as batch_op:
        batch_op.add_column(sa.Column("gtin", sa.String(length=14), nullable=True))
        batch_op.add_column(sa.Column("gtin_alt", sa.String(length=14), nullable=True))
        batch_op.create_index(batch_op.f("ix_stock_items_gtin"), ["gtin"], unique=False)
        batch_op.create_index(batch_op.f("ix_stock_items_gtin_alt"), ["gtin_alt"], unique=False)
    with op.batch_alter_table("assets", schema=None) as batch_op:
        batch_op.add_column(sa.Column("source_id", sa.String(length=64), nullable=True))
        batch_op.create_index(batch_op.f("ix_assets_source_id"), ["source_id"], unique=False)
    bind = op.get_bind()
    rows = bind.execute(sa.text("SELECT id, barcode FROM stock_items WHERE barcode IS NOT NULL")).all()
    for row_id, barcode in rows:
        keys = gtin.keys(barcode)
        if keys:
            bind.execute(
                sa.text("UPDATE stock_items SET gtin = :gtin, gtin_alt = :alt WHERE id = :id"),
                {"gtin": keys[0], "alt": keys[1] if len(keys) > 1 else None, "id": row_id},
            )


def downgrade() -> None:
    with op.batch_alter_table("assets", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_assets_source_id"))
        batch_op.drop_column("source_id")
    with op.batch_alter_table("stock_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_stock_items_gtin_alt"))
        batch_op.drop_index(batch_op.f("ix_stock_items_gtin"))
        batch_op.drop_column("gtin_alt")
        batch_op.drop_column("gtin")
