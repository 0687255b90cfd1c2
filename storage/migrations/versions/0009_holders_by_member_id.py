"""holders by Slack member ID

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01

A person is their member ID: holders recorded by the name the bot knew a
Slack user by become that user's ID (only where the name means exactly one
known user; other names, console users' among them, stay as they are).
The ledger is never rewritten: older entries keep the name, and lookups
of a person's changes match both.
"""

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

ONE_PERSON = "(SELECT count(*) FROM people WHERE lower(people.name) = lower(assets.holder)) = 1"


def upgrade() -> None:
    op.execute(
        "UPDATE assets SET holder = (SELECT slack_id FROM people WHERE lower(people.name) = lower(assets.holder)) "
        f"WHERE holder IS NOT NULL AND {ONE_PERSON}"
    )


def downgrade() -> None:
    op.execute(
        "UPDATE assets SET holder = (SELECT name FROM people WHERE people.slack_id = assets.holder) "
        "WHERE holder IN (SELECT slack_id FROM people)"
    )
