"""``webnova deploy``: the infrastructure of a platform's environments on the owner's cloud.

- ``plan``: what must change, why, and what it costs — read by label selector, compared,
  priced, like ``terraform plan``; it changes nothing. ``--out FILE`` keeps the plan.
- ``apply PLAN``: apply a kept plan — refused if the cloud changed since it was made; governed
  (``deploy.apply``; production needs the owner's approval, bound to the plan's hash).
- ``resume``: go on after an interrupted console or a failed step (retry).
- ``status``, ``history``, ``drift``: where an environment stands, what was applied, what
  changed outside the console.
- ``rollback [--to N]``: plan back to an earlier applied state and apply it (governed).
- ``destroy``: delete the environment (governed ``deploy.destroy``, always approved by the
  owner); volumes only with ``--delete-data`` and a second confirmation.

Exit codes: 0 done, 1 failed, 2 usage error, 3 waiting for an owner's approval,
4 a step failed (retry with ``resume`` or roll back), 5 cancelled between steps.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from app.atomic_files import atomic_text_file
from app.cli.context import chosen_entry, open_console, opened_workspace
from app.cli.governance_cmds import report_waiting
from app.cli.output import EXIT_OK, CliError, emit, emit_json, emit_table
from app.domain.bidi import strip_isolation
from app.domain.cloud.model import CloudSpecError

Option = Callable[[argparse.ArgumentParser], None]
EXIT_STEP_FAILED = 4
EXIT_CANCELLED = 5


def register(commands: Any, workspace_option: Option, json_option: Option) -> None:
    group = commands.add_parser(
        "deploy", help="plan, apply and watch a platform's environments on the owner's cloud",
        description="Infrastructure of a platform's environments on the owner's cloud account. "
        "Exit codes: 0 done, 1 failed, 2 usage error, 3 waiting for approval, 4 a step failed "
        "(retry with 'resume' or roll back), 5 cancelled.")
    actions = group.add_subparsers(dest="action", metavar="ACTION", required=True)

    def command(name: str, help_text: str, description: str,
                environment: bool = True) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = actions.add_parser(name, help=help_text,
                                                        description=description)
        workspace_option(p)
        json_option(p)
        p.set_defaults(handler=deploy_command)
        if environment:
            p.add_argument("platform", help="the blueprint's key")
            p.add_argument("--env", required=True, help="the environment (e.g. staging, production)")
        return p

    p = command("plan", "what would change, why, and what it costs (reads only)",
                "Read the environment's resources by label, compare them with the desired "
                "ones and price the difference. Nothing is changed.")
    p.add_argument("--account", required=True, help="the cloud account (see 'webnova cloud list')")
    p.add_argument("--location", help="a Hetzner location (default: the environment's region)")
    p.add_argument("--db-server-type", help="the database server's type (default: the app's)")
    p.add_argument("--volume-gb", type=int, help="the database volume's size (default 10)")
    p.add_argument("--ssh-from", action="append", default=[], metavar="CIDR",
                   help="a network that may reach SSH (repeat; none: SSH is closed)")
    p.add_argument("--out", type=Path, help="keep the plan in this file (to apply it later)")

    p = command("apply", "apply a plan kept with 'deploy plan --out' (governed)",
                "Make the plan again against the cloud as it is now; if it differs, nothing is "
                "applied. Then apply its steps in order, each one journalled. Ctrl+C cancels "
                "between steps.", environment=False)
    p.add_argument("plan_file", metavar="PLAN", type=Path, help="the plan file")
    p.add_argument("--why", default="", help="the reason, shown to approvers")

    p = command("resume", "go on with an interrupted or stopped deployment (retry)",
                "Continue the latest deployment from its journal: done steps are skipped, a step "
                "that may have run is looked up by label before anything is created.")
    p = command("status", "the environment's latest deployment and its servers",
                "The latest deployment, its state and cost, and the servers' host key "
                "fingerprints (known before first contact).")
    p = command("history", "every deployment of the environment", "Every deployment, newest last.")
    p = command("drift", "what changed outside the console since the last apply",
                "Compare the cloud with the last applied state: settings changed elsewhere, "
                "resources deleted, labelled resources the plan does not know. Exit 0 when "
                "clean, 1 when something drifted.")
    p = command("rollback", "go back to an earlier applied state (governed)",
                "Plan from the cloud as it is now back to the desired state of an earlier "
                "applied deployment (default: the one before the latest) and apply it.")
    p.add_argument("--to", type=int, metavar="N", help="the deployment number to go back to")
    p.add_argument("--why", default="", help="the reason, shown to approvers")
    p.add_argument("--out", type=Path, help="also keep the plan in this file")
    p = command("destroy", "delete the environment's resources (governed, always approved)",
                "Delete every resource of the environment. Volumes, which hold the data, are "
                "kept unless --delete-data, which needs a second confirmation.")
    p.add_argument("--delete-data", action="store_true", help="delete the volumes too")
    p.add_argument("--confirm", metavar="PLATFORM/ENV",
                   help="with --delete-data: the second confirmation, without a prompt")
    p.add_argument("--why", default="", help="the reason, shown to approvers")
    p.add_argument("--out", type=Path, help="also keep the plan in this file")


def deploy_command(ns: argparse.Namespace) -> int:
    console = open_console()
    with opened_workspace(console, chosen_entry(console, ns)) as ws:
        try:
            handler = _HANDLERS[ns.action]
            return handler(ws, console, ns)
        except CloudSpecError as exc:
            raise CliError(f"{exc.setting}: {exc.message_en}") from None


# ---------------------------------------------------------------- plan
def _plan(ws: Any, console: Any, ns: argparse.Namespace) -> int:
    from app.bootstrap import BundledCompliance
    from app.domain.cloud.from_blueprint import environment_spec
    from app.domain.cloud.placement import check_placement
    from app.domain.cloud.render import plan_text

    account = ws.cloud.get(ns.account)
    document = ws.blueprints.get_now(ns.platform).document
    overrides: dict[str, Any] = {"ssh_from": tuple(ns.ssh_from)}
    if ns.db_server_type:
        overrides["db_server_type"] = ns.db_server_type
    if ns.volume_gb is not None:
        overrides["volume_gb"] = ns.volume_gb
    spec = environment_spec(document, ns.env, workspace=ws.name, account=account.name,
                            location=ns.location, overrides=overrides)
    check_placement(document, ns.env, spec.location, BundledCompliance())
    deployments = ws.deployments
    priced = deployments.plan(spec)
    doc = deployments.document(priced)
    _keep(ns.out, doc)
    if ns.json:
        emit_json(doc)
    else:
        emit(strip_isolation(plan_text(priced.plan, priced.cost, "en")))
        if ns.out is not None and not priced.plan.empty:
            emit(f"\nplan kept in {ns.out}; apply it with: webnova deploy apply {ns.out}")
    return EXIT_OK


def _keep(path: Path | None, doc: dict[str, Any]) -> None:
    if path is not None:
        with atomic_text_file(path) as handle:
            handle.write(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")


# ---------------------------------------------------------------- apply, resume
@contextmanager
def _cancellable() -> Iterator[threading.Event]:
    """Ctrl+C once: cancel after the step under way; twice: stop now."""
    cancel = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        yield cancel
        return

    def handler(_signum: int, _frame: Any) -> None:
        if cancel.is_set():
            raise KeyboardInterrupt
        cancel.set()
        print("cancelling after the step under way (Ctrl+C again to stop at once)",
              file=sys.stderr, flush=True)

    previous = signal.signal(signal.SIGINT, handler)
    try:
        yield cancel
    finally:
        signal.signal(signal.SIGINT, previous)


def _progress(ns: argparse.Namespace) -> Callable[[Any], None]:
    words = {"started": "…", "done": "done", "adopted": "done (found, made by an earlier try)",
             "failed": "FAILED"}

    def report(r: Any) -> None:
        if ns.json:
            print(json.dumps({"event": "step", "index": r.index, "total": r.total, "step": r.step,
                              "state": r.state, "message": r.message}), flush=True)
            return
        action, kind, name = r.step.split(":", 2)
        tail = f": {r.message}" if r.message else ""
        print(f"[{r.index}/{r.total}] {action} {kind.replace('_', ' ')} {name} "
              f"{words.get(r.state, r.state)}{tail}", flush=True)

    return report


def _finish(ns: argparse.Namespace, result: Any, what: str) -> int:
    from app.domain.cloud.journal import Outcome
    from app.services.approvals import ApprovalRequest

    if isinstance(result, ApprovalRequest):
        return report_waiting(ns, result, "run the same command again once it is approved")
    summary = {"outcome": result.outcome.value if result.outcome else "stopped",
               "done": result.done, "adopted": result.adopted, "failed_step": result.failed_step,
               "error": result.error}
    if ns.json:
        emit_json(summary)
    elif result.outcome is Outcome.APPLIED:
        emit(f"{what}: applied ({result.done} steps done"
             f"{f', {len(result.adopted)} found made already' if result.adopted else ''})")
    elif result.outcome is Outcome.CANCELLED:
        emit(f"{what}: cancelled between steps after {result.done} steps; 'webnova deploy plan' "
             "shows what is left")
    else:
        emit(f"{what}: stopped at step {result.failed_step}: {result.error}\n"
             f"retry: webnova deploy resume {ns.platform if hasattr(ns, 'platform') else 'PLATFORM'} "
             f"--env {getattr(ns, 'env', 'ENV')}   or roll back: webnova deploy rollback …")
    if result.outcome is Outcome.CANCELLED:
        return EXIT_CANCELLED
    return EXIT_OK if result.outcome is Outcome.APPLIED else EXIT_STEP_FAILED


def _read_plan(path: Path) -> dict[str, Any]:
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise CliError(f"cannot read the plan {path}: {exc.strerror or exc}") from None
    except json.JSONDecodeError as exc:
        raise CliError(f"{path} is not a plan: not JSON (line {exc.lineno}, column {exc.colno})") from None
    if not isinstance(doc, dict):
        raise CliError(f"{path} is not a plan: it holds no JSON object")
    return doc


def _run(ws: Any, ns: argparse.Namespace, doc: dict[str, Any], what: str) -> int:
    ws.governance.ensure_owner_now()
    with _cancellable() as cancel:
        result = ws.deployments.apply(doc, ws.current_user, ns.why or "", progress=_progress(ns),
                                      cancel=cancel)
    ns.platform, ns.env = doc["spec"]["platform"], doc["spec"]["environment"]
    return _finish(ns, result, what)


def _apply(ws: Any, console: Any, ns: argparse.Namespace) -> int:
    doc = _read_plan(ns.plan_file)
    return _run(ws, ns, doc, f"{doc.get('kind', 'apply')} {ns.plan_file}")


def _resume(ws: Any, console: Any, ns: argparse.Namespace) -> int:
    ws.governance.ensure_owner_now()
    with _cancellable() as cancel:
        result = ws.deployments.resume(ns.platform, ns.env, ws.current_user,
                                       progress=_progress(ns), cancel=cancel)
    return _finish(ns, result, f"{ns.platform} {ns.env}")


# ---------------------------------------------------------------- status, history, drift
def _status(ws: Any, console: Any, ns: argparse.Namespace) -> int:
    status = ws.deployments.status(ns.platform, ns.env)
    if ns.json:
        emit_json(status)
        return EXIT_OK
    if status["state"] == "never":
        emit(f"{ns.platform} {ns.env}: never deployed")
        return EXIT_OK
    started = datetime.fromisoformat(status["started_at"]).astimezone(UTC)
    emit(f"{ns.platform} {ns.env}: {status['state']} (deployment {status['number']}, "
         f"{status['kind']}, by {status['actor']}, {started:%Y-%m-%d %H:%M} UTC)")
    if status.get("error"):
        emit(f"  stopped at {status['failed_step']}: {status['error']}")
    emit(f"  account {status['account']}, location {status['location']}, "
         f"{status['monthly_after']} {status['currency']} a month (gross)")
    for name, fingerprint in sorted(status["host_keys"].items()):
        emit(f"  host key {name}: {fingerprint}")
    return EXIT_OK


def _history(ws: Any, console: Any, ns: argparse.Namespace) -> int:
    history = ws.deployments.history(ns.platform, ns.env)
    if ns.json:
        emit_json([d.to_json() for d in history])
        return EXIT_OK
    if not history:
        emit(f"{ns.platform} {ns.env}: never deployed")
        return EXIT_OK
    emit_table(["#", "KIND", "STATE", "STEPS", "BY", "STARTED", "PLAN"],
               [[d.number, d.kind, d.state, f"{d.done}/{d.steps}", d.actor,
                 d.started_at.strftime("%Y-%m-%d %H:%M"), d.plan_hash[:12]] for d in history])
    return EXIT_OK


def _drift(ws: Any, console: Any, ns: argparse.Namespace) -> int:
    from app.domain.cloud.drift import drift_text

    drift = ws.deployments.drift(ns.platform, ns.env)
    if ns.json:
        emit_json(drift.to_json())
    else:
        emit(strip_isolation(drift_text(drift, "en")))
    return EXIT_OK if drift.clean else 1


# ---------------------------------------------------------------- rollback, destroy
def _governed_plan(ws: Any, ns: argparse.Namespace, kind: str, **options: Any) -> int:
    from app.domain.cloud.render import plan_text

    deployments = ws.deployments
    spec = deployments.last_spec(ns.platform, ns.env)
    priced = deployments.plan(spec, kind, **options)
    doc = deployments.document(priced, kind, **options)
    _keep(ns.out, doc)
    if not ns.json:
        emit(strip_isolation(plan_text(priced.plan, priced.cost, "en")))
        emit()
    if priced.plan.empty:
        if ns.json:
            emit_json({"outcome": "applied", "done": 0, "adopted": [], "failed_step": None,
                       "error": ""})
        return EXIT_OK
    return _run(ws, ns, doc, f"{kind} {ns.platform} {ns.env}")


def _rollback(ws: Any, console: Any, ns: argparse.Namespace) -> int:
    return _governed_plan(ws, ns, "rollback", to=ns.to)


def _destroy(ws: Any, console: Any, ns: argparse.Namespace) -> int:
    if ns.delete_data:
        expected = f"{ns.platform}/{ns.env}"
        given = ns.confirm
        if given is None and sys.stdin.isatty():
            given = input(f"This deletes the volumes of {expected} and the data on them, for good.\n"
                          f"Type {expected} to confirm: ").strip()
        if given != expected:
            raise CliError(f"--delete-data deletes the data for good and needs a second "
                           f"confirmation: add --confirm {expected}")
    return _governed_plan(ws, ns, "destroy", delete_data=ns.delete_data)


_HANDLERS: dict[str, Callable[[Any, Any, argparse.Namespace], int]] = {
    "plan": _plan, "apply": _apply, "resume": _resume, "status": _status, "history": _history,
    "drift": _drift, "rollback": _rollback, "destroy": _destroy}
