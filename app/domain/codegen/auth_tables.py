"""The tables behind a generated platform's sign-in: refresh tokens (stored as hashes,
rotated on use, revoked by family), single-use password reset tokens (hashed, expiring),
consecutive sign-in failures per account (for lockout), and the outbox that carries
messages such as reset links to whatever delivers them."""

from __future__ import annotations

from app.domain.codegen.schema import Column, Index, Table

# table -> the SQLAlchemy class that maps it in the generated system_models.py
AUTH_MODELS: dict[str, str] = {
    "auth_refresh_tokens": "RefreshToken",
    "auth_password_resets": "PasswordReset",
    "auth_login_failures": "LoginFailures",
    "outbox_messages": "OutboxMessage",
}


def _id() -> Column:
    return Column("id", "sa.String(36)", "str", False, primary_key=True, family="text")


def _tenant() -> Column:
    return Column("tenant_id", "sa.String(64)", "str", False, family="text")


def _user(table: str) -> Column:
    return Column("user_id", "sa.String(36)", "str", False, foreign_key="platform_users.id",
                  on_delete="CASCADE", fk_name=f"fk_{table}_user_id", family="text")


def _time(name: str, nullable: bool = False) -> Column:
    return Column(name, "t.UTCDateTime()", "dt.datetime", nullable, family="datetime")


def _digest(name: str) -> Column:
    return Column(name, "sa.String(64)", "str", False, family="hashed")


def auth_tables() -> tuple[Table, ...]:
    refresh = Table(
        "auth_refresh_tokens",
        (_id(), _tenant(), _user("auth_refresh_tokens"),
         Column("family_id", "sa.String(36)", "str", False, family="text"),
         _digest("token_hash"), _time("issued_at"), _time("expires_at"),
         _time("rotated_at", True), _time("revoked_at", True)),
        (Index("ix_auth_refresh_tokens_family", ("family_id",)),
         Index("ix_auth_refresh_tokens_user", ("tenant_id", "user_id"))),
    )
    resets = Table(
        "auth_password_resets",
        (_id(), _tenant(), _user("auth_password_resets"), _digest("token_hash"),
         _time("created_at"), _time("expires_at"), _time("used_at", True)),
        (Index("ix_auth_password_resets_user", ("tenant_id", "user_id")),),
    )
    failures = Table(
        "auth_login_failures",
        (Column("account_key", "sa.String(64)", "str", False, primary_key=True, family="hashed"),
         Column("failures", "sa.Integer()", "int", False, server_default="0", family="number"),
         _time("last_failure_at"), _time("locked_until", True)),
    )
    outbox = Table(
        "outbox_messages",
        (_id(), _tenant(),
         Column("recipient", "sa.String(254)", "str", False, family="text"),
         Column("kind", "sa.String(63)", "str", False, family="text"),
         Column("subject", "sa.String(200)", "str", False, family="text"),
         Column("body", "sa.Text()", "str", False, family="text"),
         _time("created_at"), _time("sent_at", True)),
        (Index("ix_outbox_messages_pending", ("sent_at", "created_at")),),
    )
    return refresh, resets, failures, outbox
