"""``webnova billing connect|sync``: a platform's tiers sold through the owner's Stripe account.

The secret key is typed at a prompt, read with ``--key-stdin`` or taken from an environment
variable named with ``--key-from-env`` (never an argument: argv ends up in shell histories
and process lists); it is checked with Stripe and kept in the OS keyring only. ``sync``
exits 3 while a price change waits for the owner's approval.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable
from typing import Any

from app.cli import revenue_cmds
from app.cli.context import chosen_entry, open_console, opened_workspace
from app.cli.output import EXIT_NEEDS_APPROVAL, EXIT_OK, CliError, UsageError, emit, emit_json
from app.domain.plurals import count
from app.domain.redaction import redactor
from app.services.billing import SyncReport
from app.services.governance import ActionDeniedError

Option = Callable[[argparse.ArgumentParser], None]


def register(commands: Any, workspace_option: Option, json_option: Option) -> None:
    group = commands.add_parser(
        "billing", help="sell a platform's tiers through the owner's Stripe account",
        description="A platform's Stripe account: its secret key (kept in the OS keyring) and "
        "the tiers' products and prices. Exit codes: 0 done, 1 failed (a refused key, an "
        "unknown platform), 2 usage error, 3 a price change waits for approval.")
    actions = group.add_subparsers(dest="action", metavar="ACTION", required=True)

    def action(name: str, text: str) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = actions.add_parser(name, help=text, description=text)
        p.add_argument("--platform", required=True, metavar="KEY",
                       help="the platform's blueprint key")
        workspace_option(p)
        json_option(p)
        p.set_defaults(handler=billing_command)
        return p

    p = action("connect", "check a Stripe secret or restricted key and keep it in the OS "
               "keyring; a restricted key's missing permissions are named")
    source = p.add_mutually_exclusive_group()
    source.add_argument("--key-stdin", action="store_true", help="read the key from stdin")
    source.add_argument("--key-from-env", metavar="VAR",
                        help="take the key from the environment variable VAR")
    action("sync", "create or update the Stripe product and price of every tier of the "
           "platform's latest blueprint version (a price change is governed)")
    revenue_cmds.register(actions, workspace_option, json_option)


def _read_key(ns: argparse.Namespace) -> str:
    if ns.key_from_env:
        key = os.environ.get(ns.key_from_env, "").strip()
        if not key:
            raise UsageError(f"the environment variable {ns.key_from_env} is not set or empty")
    elif ns.key_stdin:
        buffer = getattr(sys.stdin, "buffer", None)
        key = (buffer.read().decode("utf-8") if buffer is not None else sys.stdin.read()).strip()
        if not key:
            raise UsageError("--key-stdin was given but standard input holds no key")
    elif sys.stdin is not None and sys.stdin.isatty():
        key = getpass.getpass(f"Stripe secret key of platform {ns.platform!r}: ").strip()
        if not key:
            raise UsageError("no key was typed; nothing was stored")
    else:
        raise UsageError("give the key at the prompt (run on a terminal), with --key-stdin or "
                         "with --key-from-env VAR")
    redactor.register(key)
    return key


def _sync_text(report: SyncReport) -> list[str]:
    def tiers(names: list[str]) -> str:
        return ", ".join(names) or "none"

    lines = [f"synced platform {report.platform!r} (blueprint v{report.blueprint_version}) with "
             f"Stripe: products created: {tiers(report.created_products)}; updated: "
             f"{tiers(report.updated_products)}; prices created: {tiers(report.created_prices)}; "
             f"prices changed: {tiers(report.changed_prices)}; unchanged: {tiers(report.unchanged)}"]
    for waiting in report.waiting:
        lines.append(f"tier {waiting['tier']}: the price change {waiting['old']} → {waiting['new']} "
                     f"(live subscriptions on the old price: "
                     f"{count(waiting['live_subscriptions'], 'subscription')}) waits "
                     f"for approval: request {waiting['approval']} ('webnova approvals show "
                     f"{waiting['approval']}')")
    return lines


def billing_command(ns: argparse.Namespace) -> int:
    key = _read_key(ns) if ns.action == "connect" else None
    console = open_console()
    with opened_workspace(console, chosen_entry(console, ns)) as ws:
        ws.governance.ensure_owner_now()
        me = ws.current_user
        caller = ws.users.get(me)
        if caller is None or not caller.active:
            raise CliError(f"{me!r} is not an active user of this workspace")
        if ns.action == "connect":
            assert key is not None
            check = ws.billing.connect_now(ns.platform, key, me)
            if ns.json:
                emit_json({"platform": ns.platform, "account": check.account_id,
                           "restricted": check.restricted, "livemode": check.livemode,
                           "missing_permissions": list(check.missing)})
            else:
                kind = "restricted key" if check.restricted else "secret key"
                where = f" of account {check.account_id}" if check.account_id else ""
                emit(f"connected platform {ns.platform!r} to Stripe{where} ({kind}, "
                     f"{'live' if check.livemode else 'test'} mode); the key is in the OS keyring")
                if check.missing:
                    emit("the key lacks permissions 'webnova billing sync' needs: "
                         + ", ".join(check.missing))
            return EXIT_OK
        try:
            report = ws.billing.sync_now(ns.platform, me)
        except ActionDeniedError as exc:
            raise CliError(str(exc)) from None
    if ns.json:
        emit_json(report.to_json())
    else:
        for line in _sync_text(report):
            emit(line)
    return EXIT_NEEDS_APPROVAL if report.waiting else EXIT_OK
