"""lendable stock and its loans; warranty and service dates of assets

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

import storage.models

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    when = storage.models.UTCDateTime(timezone=True)
    with op.batch_alter_table("assets", schema=None) as batch_op:
        batch_op.add_column(sa.Column("warranty_until", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("service_interval_months", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("last_service", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("service_due", sa.Date(), nullable=True))
        batch_op.create_index(batch_op.f("ix_assets_warranty_until"), ["warranty_until"])
        batch_op.create_index(batch_op.f("ix_assets_service_due"), ["service_due"])
    with op.batch_alter_table("stock_items", schema=None) as batch_op:
        batch_op.add_column(sa.Column("lendable", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.create_table(
        "stock_loans",
        sa.Column("id", BIG_ID, nullable=False),
        sa.Column("stock_id", BIG_ID, nullable=False),
        sa.Column("holder", sa.String(length=100), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("since", when, nullable=False),
        sa.Column("due", when, nullable=True),
        sa.CheckConstraint("quantity > 0", name=op.f("ck_stock_loans_quantity_positive")),
        sa.ForeignKeyConstraint(
            ["stock_id"], ["stock_items.id"], name=op.f("fk_stock_loans_stock_id_stock_items")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stock_loans")),
        sa.UniqueConstraint("stock_id", "holder", name="uq_stock_loans_stock_holder"),
    )
    op.create_index("ix_stock_loans_holder_lower", "stock_loans", [sa.text("lower(holder)")])
    op.create_index(op.f("ix_stock_loans_due"), "stock_loans", ["due"])
    # what a person holds is asked by any of their keys, in any case ("what does @bob have?")
    op.create_index("ix_assets_holder_lower", "assets", [sa.text("lower(holder)")])


def downgrade() -> None:
    op.drop_index("ix_assets_holder_lower", table_name="assets")
    op.drop_table("stock_loans")
    with op.batch_alter_table("stock_items", schema=None) as batch_op:
        batch_op.drop_column("lendable")
    with op.batch_alter_table("assets", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_assets_service_due"))
        batch_op.drop_index(batch_op.f("ix_assets_warranty_until"))
        batch_op.drop_column("service_due")
        batch_op.drop_column("last_service")
        batch_op.drop_column("service_interval_months")
        batch_op.drop_column("warranty_until")
