"""``webnova users ...``: the people of a workspace, their roles, statuses and permissions.

Changes go through the Governor: what the constitution reserves for the owner's approval
opens a request (exit 3) and happens when it is approved.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from app.cli.context import chosen_entry, open_console, opened_workspace
from app.cli.governance_cmds import report_submission
from app.cli.output import EXIT_OK, CliError, emit_json, emit_table
from app.domain.governance import actions as kinds
from app.domain.governance.actions import ActionDescriptor
from app.domain.governance.users import Permission, Role
from app.services.governance import ActionDeniedError

Option = Callable[[argparse.ArgumentParser], None]
ROLES = [r.value for r in Role if r is not Role.ROOT_OWNER]
PERMISSIONS = [p.value for p in Permission]


def register(commands: Any, workspace_option: Option, json_option: Option) -> None:
    group = commands.add_parser("users", help="people of the workspace: roles, statuses, permissions")
    actions = group.add_subparsers(dest="action", metavar="ACTION", required=True)

    def action(name: str, text: str) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = actions.add_parser(name, help=text, description=text)
        workspace_option(p)
        json_option(p)
        p.set_defaults(handler=users_command)
        return p

    action("list", "every user with role and status")
    p = action("add", "add a user")
    p.add_argument("user_id", help="the user's id (see 'webnova users list')")
    p.add_argument("--name", required=True, help="the person's name as others see it")
    p.add_argument("--role", required=True, choices=ROLES, help="the user's role")
    p = action("role", "change a user's role")
    p.add_argument("user_id", help="the user's id (see 'webnova users list')")
    p.add_argument("role", choices=ROLES, help="the new role")
    for name, text in (("suspend", "suspend a user (their actions are refused)"),
                       ("ban", "ban a user"), ("reactivate", "make a user active again")):
        p = action(name, text)
        p.add_argument("user_id", help="the user's id (see 'webnova users list')")
        p.add_argument("--reason", required=name != "reactivate", help="why (recorded with the status and in the audit log)")
    p = action("permissions", "grant or revoke permissions on top of the role")
    p.add_argument("user_id", help="the user's id (see 'webnova users list')")
    p.add_argument("--grant", action="append", default=[], choices=PERMISSIONS, help="a permission to add (repeat for more)")
    p.add_argument("--revoke", action="append", default=[], choices=PERMISSIONS, help="a permission to take away (repeat for more)")
    p = action("transfer-root", "hand the root owner role to another user")
    p.add_argument("user_id", help="the user's id (see 'webnova users list')")
    p.add_argument("--why", required=True, help="why the root owner changes (shown to the approvers)")
    p = action("rotate-key", "retire a user's signing key; their next decision registers a new one")
    p.add_argument("user_id", help="the user's id (see 'webnova users list')")
    p.add_argument("--why", default="", help="why the key is retired (recorded in the audit log)")
    p = action("revoke-key", "revoke a user's signing key (they sign again after rotate-key)")
    p.add_argument("user_id", help="the user's id (see 'webnova users list')")
    p.add_argument("--reason", required=True, help="why the key is revoked (recorded in the audit log)")


def users_command(ns: argparse.Namespace) -> int:
    console = open_console()
    with opened_workspace(console, chosen_entry(console, ns)) as ws:
        ws.governance.ensure_owner_now()
        me = ws.current_user
        if ns.action == "list":
            users = ws.users.all()
            if ns.json:
                emit_json([{"user_id": u.user_id, "name": u.display_name, "role": u.role.value,
                            "status": u.status.value, "reason": u.status_reason, "set_by": u.status_set_by,
                            "granted": sorted(p.value for p in u.granted),
                            "revoked": sorted(p.value for p in u.revoked)} for u in users])
            else:
                emit_table(["USER", "NAME", "ROLE", "STATUS", "REASON"],
                           [[u.user_id, u.display_name, u.role.value, u.status.value, u.status_reason]
                            for u in users], max_width=40)
            return EXIT_OK
        caller = ws.users.get(me)
        if caller is None or not caller.active:
            raise CliError(f"{me!r} is not an active user of this workspace")
        try:
            kind, context, why = {
                "add": (kinds.USER_ADD, {"display_name": getattr(ns, "name", None),
                                         "role": getattr(ns, "role", None)}, "new user"),
                "permissions": (kinds.USER_PERMISSIONS, {"granted": getattr(ns, "grant", []),
                                                         "revoked": getattr(ns, "revoke", [])},
                                "permissions"),
                "reactivate": (kinds.USER_REACTIVATE, {"reason": getattr(ns, "reason", None)},
                               getattr(ns, "reason", None) or "reactivation"),
                "role": (kinds.USER_ROLE_CHANGE, {"role": getattr(ns, "role", None)}, "role change"),
                "suspend": (kinds.USER_SUSPEND, {"reason": getattr(ns, "reason", None)}, getattr(ns, "reason", "")),
                "ban": (kinds.USER_BAN, {"reason": getattr(ns, "reason", None)}, getattr(ns, "reason", "")),
                "transfer-root": (kinds.ROOT_TRANSFER, {}, getattr(ns, "why", "")),
                "rotate-key": (kinds.USER_KEY_ROTATE, {}, getattr(ns, "why", "") or "key rotation"),
                "revoke-key": (kinds.USER_KEY_REVOKE, {"reason": getattr(ns, "reason", None)},
                               getattr(ns, "reason", "")),
            }[ns.action]
            action = ActionDescriptor(kind, me, ws.entry.tenant_id, subject=ns.user_id, context=context)
            result = ws.governance.submit_now(action, why or ns.action)
        except ActionDeniedError as exc:
            raise CliError(str(exc)) from None
    return report_submission(ns, result, _done_text(ns))


def _done_text(ns: argparse.Namespace) -> str:
    """What was done, said as a person would."""
    who = ns.user_id
    return {
        "add": f"Added user {who} ({getattr(ns, 'role', '')}).",
        "role": f"{who} is now {getattr(ns, 'role', '')}.",
        "suspend": f"Suspended {who}.",
        "ban": f"Banned {who}.",
        "reactivate": f"{who} is active again.",
        "permissions": f"Changed the permissions of {who}.",
        "transfer-root": f"{who} is now the root owner.",
        "rotate-key": f"Retired the signing key of {who}; their next decision registers a new one.",
        "revoke-key": f"Revoked the signing key of {who}.",
    }.get(ns.action, f"Done: {ns.action} {who}.")
