"""``webnova governance ...`` and ``webnova approvals ...``: the constitution, decisions on
actions, and the owner's approvals, headless.

``governance check`` exits 0 when the action is allowed, 1 when it is denied and 3 when it
needs the owner's approval.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.cli.context import chosen_entry, open_console, opened_workspace
from app.cli.output import (
    EXIT_FAILED,
    EXIT_NEEDS_APPROVAL,
    EXIT_OK,
    CliError,
    UsageError,
    emit,
    emit_fields,
    emit_json,
    emit_table,
    note,
)
from app.domain.governance.actions import ActionDescriptor, ActorKind, Decision, Outcome
from app.domain.governance.constitution import ConstitutionError, parse_constitution
from app.domain.plurals import count
from app.services.approvals import ApprovalRequest, ApprovalState
from app.services.governance import ActionDeniedError

Option = Callable[[argparse.ArgumentParser], None]



def register(commands: Any, workspace_option: Option, json_option: Option) -> None:
    group = commands.add_parser("governance", help="the constitution and decisions on actions")
    actions = group.add_subparsers(dest="action", metavar="ACTION", required=True)

    def action(parent: Any, name: str, text: str, handler: Callable[[argparse.Namespace], int]) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = parent.add_parser(name, help=text, description=text)
        workspace_option(p)
        json_option(p)
        p.set_defaults(handler=handler)
        return p

    p = action(actions, "check", "judge an action (exit 0 allow, 1 deny, 3 needs approval)", gov_check)
    p.add_argument("file", metavar="ACTION.json|-",
                   help='{"kind", "actor", "subject"?, "actor_kind"?, "context"?}')
    action(actions, "show", "the constitution in force", gov_show)
    p = action(actions, "propose", "propose a new constitution (adopted under the current one)", gov_propose)
    p.add_argument("file", type=Path, help="the new constitution (YAML)")
    p.add_argument("--why", required=True, help="why it should change (shown to the approvers)")

    group = commands.add_parser("approvals", help="the owner's approval requests")
    approvals = group.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = action(approvals, "list", "approval requests (pending unless --all)", appr_list)
    p.add_argument("--all", action="store_true", help="decided and expired requests too")
    p = action(approvals, "show", "one request in full", appr_show)
    p.add_argument("id", help="the request's id (see 'webnova approvals list')")
    for name, text in (("approve", "approve a request (signed with your key)"),
                       ("reject", "reject a request (signed with your key)")):
        p = action(approvals, name, text, appr_decide)
        p.add_argument("id", help="the request's id (see 'webnova approvals list')")
        p.add_argument("--reason", required=True, help="why: recorded and signed in the audit log")
    p = action(approvals, "withdraw", "withdraw your own pending request", appr_withdraw)
    p.add_argument("id", help="the request's id (see 'webnova approvals list')")
    p.add_argument("--reason", default="", help="why it is withdrawn (recorded in the audit log)")


def read_json(name: str) -> Any:
    import sys

    try:
        text = sys.stdin.read() if name == "-" else Path(name).read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot read {name}: {exc.strerror}") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise CliError(f"{name}: not valid JSON at line {exc.lineno}, column {exc.colno}") from None


def action_from_json(value: Any, tenant_id: str) -> ActionDescriptor:
    if not isinstance(value, dict):
        raise CliError("the action must be a JSON object")
    for key in ("kind", "actor"):
        if not isinstance(value.get(key), str) or not value[key].strip():
            raise CliError(f"action.{key}: required text")
    unknown = sorted(set(value) - {"kind", "actor", "subject", "actor_kind", "context", "tenant_id"})
    if unknown:
        raise CliError(f"action.{unknown[0]}: not a field of an action")
    context = value.get("context", {})
    if not isinstance(context, dict):
        raise CliError("action.context: must be an object")
    try:
        actor_kind = ActorKind(value.get("actor_kind", "user"))
    except ValueError:
        raise CliError("action.actor_kind: must be user, ai or system") from None
    return ActionDescriptor(kind=value["kind"], actor=value["actor"],
                            tenant_id=str(value.get("tenant_id", tenant_id)),
                            subject=str(value.get("subject", "")), actor_kind=actor_kind, context=context)


def print_decision(decision: Decision) -> None:
    emit(f"decision: {decision.outcome.value} (constitution v{decision.constitution_version})")
    for match in decision.matches:
        emit(f"  [{match.kind}] {match.rule_id}: {match.message_en}")
    if decision.approval is not None:
        a = decision.approval
        emit(f"  needs {count(a.quorum, 'approval')} from {', '.join(a.approver_roles)} within "
             f"{a.expires_in_seconds // 3600}h{'' if a.requester_may_approve else '; not by the requester'}")


def gov_check(ns: argparse.Namespace) -> int:
    console = open_console()
    entry = chosen_entry(console, ns)
    action = action_from_json(read_json(ns.file), entry.tenant_id)
    with opened_workspace(console, entry) as ws:
        decision = ws.governance.check_now(action)
    if ns.json:
        emit_json(decision.to_json())
    else:
        print_decision(decision)
    return {Outcome.ALLOW: EXIT_OK, Outcome.DENY: EXIT_FAILED,
            Outcome.NEEDS_APPROVAL: EXIT_NEEDS_APPROVAL}[decision.outcome]


def gov_show(ns: argparse.Namespace) -> int:
    console = open_console()
    with opened_workspace(console, chosen_entry(console, ns)) as ws:
        adopted = ws.governance.constitution_now()
    if ns.json:
        emit_json({"version": adopted.version, "adopted_by": adopted.adopted_by,
                   "source": adopted.constitution.source})
    else:
        # The state goes to stderr: standard output is exactly the text in force, ready to
        # be edited and proposed, and must not carry a line about it into the next version.
        state = "the default, not changed in this workspace" if adopted.version == 0 else \
            f"version {adopted.version}, adopted by {adopted.adopted_by}"
        note(f"constitution: {state}")
        emit(adopted.constitution.source.rstrip())
    return EXIT_OK


def gov_propose(ns: argparse.Namespace) -> int:
    console = open_console()
    try:
        source = ns.file.read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot read {ns.file}: {exc.strerror}") from None
    try:
        parse_constitution(source)
    except ConstitutionError as exc:
        raise CliError(f"{ns.file}: {exc}") from None
    with opened_workspace(console, chosen_entry(console, ns)) as ws:
        result = ws.governance.propose_constitution_now(source, ws.current_user, ns.why)
    return report_submission(ns, result, "the new constitution is in force")


def report_waiting(ns: argparse.Namespace, request: ApprovalRequest, then: str = "") -> int:
    """Say that ``request`` waits for an owner (``then``: what to do once it is approved)."""
    if ns.json:
        emit_json({"state": "pending", "approval": request.id})
    else:
        emit(f"waiting for approval: request {request.id} "
             f"(needs {request.requirement.quorum} from {', '.join(request.requirement.approver_roles)}; "
             f"'webnova approvals show {request.id}')" + (f"; {then}" if then else ""))
    return EXIT_NEEDS_APPROVAL


def report_submission(ns: argparse.Namespace, result: Decision | ApprovalRequest, done: str) -> int:
    if isinstance(result, ApprovalRequest):
        return report_waiting(ns, result)
    if ns.json:
        emit_json({"state": "done", "decision": result.to_json()})
    else:
        emit(done)
    return EXIT_OK


def request_json(request: ApprovalRequest, now: Any) -> dict[str, Any]:
    return {
        "id": request.id, "state": request.state(now).value, "action": request.action.to_json(),
        "why": request.why, "requester": request.requester,
        "requested_at": request.requested_at.isoformat(), "expires_at": request.expires_at.isoformat(),
        "rule": request.requirement.rule_id, "approver_roles": list(request.requirement.approver_roles),
        "quorum": request.requirement.quorum, "approvals": request.approvals,
        "requester_may_approve": request.requirement.requester_may_approve,
        "rules": list(request.rules), "attachments": request.attachments,
        "votes": [{"approver": v.approver, "approve": v.approve, "reason": v.reason,
                   "at": v.at.isoformat(), "key_id": v.key_id, "signature": v.signature}
                  for v in request.votes],
    }


def appr_list(ns: argparse.Namespace) -> int:
    console = open_console()
    with opened_workspace(console, chosen_entry(console, ns)) as ws:
        now = ws.approvals.clock()
        requests = ws.approvals.list_now() if ns.all else ws.approvals.pending_now()
    if ns.json:
        emit_json([request_json(r, now) for r in requests])
    elif not requests:
        emit("no pending approval requests" if not ns.all else "no approval requests")
    else:
        emit_table(["ID", "STATE", "ACTION", "SUBJECT", "REQUESTER", "EXPIRES", "VOTES"],
                   [[r.id, r.state(now).value, r.action.kind, r.action.subject, r.requester,
                     r.expires_at.strftime("%Y-%m-%d %H:%M"), f"{r.approvals}/{r.requirement.quorum}"]
                    for r in requests], max_width=40)
    return EXIT_OK


def appr_show(ns: argparse.Namespace) -> int:
    console = open_console()
    with opened_workspace(console, chosen_entry(console, ns)) as ws:
        request = ws.approvals.get_now(ns.id)
        now = ws.approvals.clock()
    data = request_json(request, now)
    if ns.json:
        emit_json(data)
        return EXIT_OK
    emit_fields([
        ("request", request.id), ("state", data["state"]), ("action", request.action.kind),
        ("subject", request.action.subject), ("requester", request.requester), ("why", request.why),
        ("rule", request.requirement.rule_id),
        ("approvers", f"{request.requirement.quorum} of {', '.join(request.requirement.approver_roles)}"),
        ("expires", request.expires_at.isoformat()),
    ])
    for rule in request.rules:
        emit(f"  {rule['id']}: {rule['en']}")
    for name, value in request.attachments.items():
        emit(f"--- {name}")
        emit(str(value).rstrip())
    for vote in request.votes:
        emit(f"vote: {vote.approver} {'approved' if vote.approve else 'rejected'} ({vote.reason}) "
             f"signed by key {vote.key_id}")
    return EXIT_OK


def appr_decide(ns: argparse.Namespace) -> int:
    console = open_console()
    approve = ns.action == "approve"
    with opened_workspace(console, chosen_entry(console, ns)) as ws:
        try:
            request = ws.governance.decide_now(ns.id, ws.current_user, approve, ns.reason)
        except ActionDeniedError as exc:
            raise CliError(f"approved, but the action is now refused: {exc}") from None
        state = request.state(ws.approvals.clock())
    if ns.json:
        emit_json({"id": request.id, "state": state.value, "approvals": request.approvals})
    elif state is ApprovalState.PENDING:
        emit(f"your vote is recorded; {request.approvals} of {request.requirement.quorum} approvals so far")
    else:
        emit(f"request {request.id} is {state.value}")
    return EXIT_OK


def appr_withdraw(ns: argparse.Namespace) -> int:
    console = open_console()
    with opened_workspace(console, chosen_entry(console, ns)) as ws:
        request = ws.approvals.withdraw_now(ns.id, ws.current_user, ns.reason)
    if ns.json:
        emit_json({"id": request.id, "state": ApprovalState.WITHDRAWN.value})
    else:
        emit(f"request {request.id} is withdrawn; nothing was done")
    return EXIT_OK
