"""``webnova cloud add|list|check|remove``: the owner's cloud accounts.

A token is typed at a prompt or read with ``--token-stdin`` and kept only in the OS keyring;
``--sandbox`` makes an account on a simulated Hetzner Cloud that runs on loopback. Removing
an account is a governed action (``cloud.account_remove``): exit 3 while it waits for approval.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable
from typing import Any

from app.cli.context import chosen_entry, open_console, opened_workspace
from app.cli.governance_cmds import report_submission
from app.cli.output import EXIT_OK, CliError, UsageError, emit, emit_json, emit_table
from app.domain.governance import actions as kinds
from app.domain.governance.actions import ActionDescriptor
from app.domain.redaction import redactor
from app.services.cloud_accounts import CloudAccounts
from app.services.cloud_ports import TokenCheck
from app.services.governance import ActionDeniedError

Option = Callable[[argparse.ArgumentParser], None]
PROVIDERS = ["hetzner"]


def register(commands: Any, workspace_option: Option, json_option: Option) -> None:
    group = commands.add_parser(
        "cloud", help="the owner's cloud accounts (tokens stay in the OS keyring)",
        description="Cloud accounts the console deploys to. Exit codes: 0 done, 1 failed "
        "(a wrong token, an unknown account), 2 usage error, 3 waiting for approval.")
    actions = group.add_subparsers(dest="action", metavar="ACTION", required=True)

    def action(name: str, text: str) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = actions.add_parser(name, help=text, description=text)
        workspace_option(p)
        json_option(p)
        p.set_defaults(handler=cloud_command)
        return p

    p = action("add", "add a cloud account: its token is checked, then kept in the OS keyring")
    p.add_argument("name", help="a short name: letters, digits, '.', '_' or '-'")
    p.add_argument("--provider", required=True, choices=PROVIDERS, help="the cloud provider")
    p.add_argument("--token-stdin", action="store_true", help="read the API token from stdin")
    p.add_argument("--sandbox", action="store_true",
                   help="a simulated account on this machine (no token, nothing is billed)")
    action("list", "the workspace's cloud accounts (never a token)")
    p = action("check", "check an account's token and the rate limit left")
    p.add_argument("name", help="the account's name (see 'webnova cloud list')")
    p = action("remove", "forget an account and its token (governed; the cloud is not touched)")
    p.add_argument("name", help="the account's name (see 'webnova cloud list')")
    p.add_argument("--why", default="", help="why it is removed (shown to approvers, audited)")


def _read_token(ns: argparse.Namespace) -> str | None:
    if ns.sandbox:
        if ns.token_stdin:
            raise UsageError("a sandbox account makes its own token; leave out --token-stdin")
        return None
    if ns.token_stdin:
        buffer = getattr(sys.stdin, "buffer", None)
        text = buffer.read().decode("utf-8") if buffer is not None else sys.stdin.read()
        token = text.strip()
        if not token:
            raise UsageError("--token-stdin was given but standard input holds no token")
    elif sys.stdin is not None and sys.stdin.isatty():
        token = getpass.getpass(f"API token of the {ns.provider} account {ns.name!r}: ").strip()
        if not token:
            raise UsageError("no token was typed; nothing was added")
    else:
        raise UsageError("give the token at the prompt (run on a terminal) or with --token-stdin")
    redactor.register(token)
    return token


def _limit_text(check: TokenCheck) -> str:
    if check.remaining is None:
        return "the provider reports no rate limit"
    full = f", full again at {check.resets_at:%H:%M:%S} UTC" if check.resets_at else ""
    return f"{check.remaining} of {check.rate_limit} requests left this hour{full}"


def _check_json(check: TokenCheck) -> dict[str, Any]:
    return {"token_valid": True, "rate_limit": check.rate_limit, "remaining": check.remaining,
            "resets_at": check.resets_at.isoformat() if check.resets_at else None}


def cloud_command(ns: argparse.Namespace) -> int:
    token = _read_token(ns) if ns.action == "add" else None
    console = open_console()
    with opened_workspace(console, chosen_entry(console, ns)) as ws:
        cloud: CloudAccounts | None = ws.cloud
        if cloud is None:
            raise CliError("this workspace has no cloud accounts service")
        if ns.action == "list":
            accounts = cloud.all()
            if ns.json:
                emit_json([a.to_json() for a in accounts])
            elif not accounts:
                emit("no cloud accounts; add one with 'webnova cloud add NAME --provider hetzner'")
            else:
                emit_table(["NAME", "PROVIDER", "KIND", "ADDED BY", "ADDED AT"],
                           [[a.name, a.provider, "sandbox" if a.sandbox else "account",
                             a.added_by, a.added_at[:19]] for a in accounts])
            return EXIT_OK
        if ns.action == "check":
            account = cloud.get(ns.name)
            check = cloud.check(ns.name)
            if ns.json:
                emit_json({**account.to_json(), **_check_json(check)})
            else:
                emit(f"cloud account {account.name!r} ({account.provider}"
                     f"{', sandbox' if account.sandbox else ''}): token valid; {_limit_text(check)}")
            return EXIT_OK
        ws.governance.ensure_owner_now()
        me = ws.current_user
        caller = ws.users.get(me)
        if caller is None or not caller.active:
            raise CliError(f"{me!r} is not an active user of this workspace")
        if ns.action == "add":
            account, check = cloud.add(ns.name, ns.provider, token, me, sandbox=ns.sandbox)
            if ns.json:
                emit_json({**account.to_json(), **_check_json(check)})
            else:
                where = ("a simulated Hetzner Cloud on this machine, nothing is billed"
                         if account.sandbox else "token checked and kept in the OS keyring")
                emit(f"added cloud account {account.name!r} ({account.provider}): {where}; "
                     f"{_limit_text(check)}")
            return EXIT_OK
        account = cloud.get(ns.name)
        try:
            result = ws.governance.submit_now(ActionDescriptor(
                kinds.CLOUD_ACCOUNT_REMOVE, me, ws.entry.tenant_id, subject=account.name,
                context={"provider": account.provider, "sandbox": account.sandbox}),
                ns.why or f"remove cloud account {account.name}")
        except ActionDeniedError as exc:
            raise CliError(str(exc)) from None
    return report_submission(ns, result, f"removed cloud account {ns.name!r} and its token; "
                                         "nothing in the cloud was touched")
