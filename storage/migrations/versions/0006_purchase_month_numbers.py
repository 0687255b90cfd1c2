"""purchase month numbers

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("assets", schema=None) as batch_op:
        batch_op.add_column(sa.Column("purchase_month", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("purchase_day", sa.Integer(), nullable=True))
    if op.get_bind().dialect.name == "sqlite":
        year, month, day = (
            "CAST(substr(purchase_date, 1, 4) AS INTEGER)",
            "CAST(substr(purchase_date, 6, 2) AS INTEGER)",
            "CAST(substr(purchase_date, 9, 2) AS INTEGER)",
        )
    else:
        year, month, day = (
            "CAST(extract(year FROM purchase_date) AS INTEGER)",
            "CAST(extract(month FROM purchase_date) AS INTEGER)",
            "CAST(extract(day FROM purchase_date) AS INTEGER)",
        )
    op.execute(
        f"UPDATE assets SET purchase_month = {year} * 12 + {month} - 1, purchase_day = {day} WHERE purchase_date IS NOT NULL"
    )


def downgrade() -> None:
    with op.batch_alter_table("assets", schema=None) as batch_op:
        batch_op.drop_column("purchase_day")
        batch_op.drop_column("purchase_month")
