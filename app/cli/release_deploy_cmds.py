"""``webnova release deploy|rollback|status|history``: a built release on an environment's
servers, back to an earlier one, and what was deployed there (the database backups are
``webnova backup``, :mod:`app.cli.backup_cmds`).

``release deploy`` and ``release rollback`` exit codes: 0 deployed (rolled back), 1 failed
(the running release was not touched, or switching back failed too), 2 usage error,
3 waiting for the owner's approval, 4 not healthy and switched back to the release before
(the reason is said); ``rollback`` only: 5 migrations ran since the target release and a
way back must be chosen (``--downgrade`` or ``--restore-backup``; both, and what each
loses, are said).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Callable
from typing import Any

from app.cli.context import chosen_entry, open_console, opened_workspace
from app.cli.governance_cmds import report_waiting
from app.cli.output import (
    EXIT_FAILED,
    EXIT_OK,
    CliError,
    emit,
    emit_json,
    emit_table,
)
from app.domain.cloud.model import CloudSpecError
from app.domain.release.manifest import ReleaseError
from app.services.remote_ports import RemoteError

Option = Callable[[argparse.ArgumentParser], None]
EXIT_SWITCHED_BACK = 4
EXIT_CHOICE_NEEDED = 5


def register_release(actions: Any, workspace_option: Option, json_option: Option) -> None:
    """``deploy``, ``rollback`` and ``history`` under ``webnova release``."""
    def command(name: str, help_text: str, description: str) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = actions.add_parser(name, help=help_text, description=description)
        workspace_option(p)
        json_option(p)
        p.add_argument("platform", help="the blueprint's key")
        p.add_argument("--env", required=True, help="the environment (e.g. staging, production)")
        p.set_defaults(handler=release_deploy_command)
        return p

    p = command("deploy", "put a release on the environment's servers (governed)",
                "Verify the release file, then (governed like 'deploy apply': production waits "
                "for the owner's approval, bound to this release) set the database logins' "
                "passwords, upload, install from the release's wheels, back up the database, "
                "migrate, switch and restart each app server and check health through Caddy; an "
                "unhealthy release is switched back. Exit codes: 0 deployed, 1 failed, 2 usage, "
                "3 waiting for approval, 4 switched back.")
    p.add_argument("--release", type=int, metavar="N", help="the release (default: the latest built)")
    p.add_argument("--reach", action="append", default=[], metavar="SERVER=[USER@]HOST:PORT",
                   help="reach a server over SSH at another address (a tunnel or bastion; repeat)")
    p.add_argument("--why", default="", help="the reason, shown to approvers")
    p.add_argument("--health-seconds", type=float, default=90.0, metavar="SECONDS",
                   help="how long the platform may take to answer its health check (default 90)")
    p = command("rollback", "go back to an earlier release (governed)",
                "Switch the environment back to the release that ran before the current one "
                "(or --to N, a release that ran there and is still installed on every app "
                "server), restart and check health. If migrations ran since, choose: "
                "--downgrade runs the current release's migrations down to release N's "
                "revision (columns and tables added by later releases are dropped with their "
                "data); --restore-backup restores the backup taken before the first deploy "
                "after N (every change written since that backup is lost). Governed like "
                "'release deploy'. Exit codes: 0 rolled back, 1 failed, 2 usage, 3 waiting for "
                "approval, 4 switched back, 5 a way back must be chosen.")
    p.add_argument("--to", type=int, metavar="N",
                   help="the release to go back to (default: the one before the current)")
    way = p.add_mutually_exclusive_group()
    way.add_argument("--downgrade", dest="choice", action="store_const", const="downgrade",
                     help="migrate the database down with the current release's migrations")
    way.add_argument("--restore-backup", dest="choice", action="store_const", const="restore",
                     help="restore the database backup taken before the first deploy after N")
    p.add_argument("--reach", action="append", default=[], metavar="SERVER=[USER@]HOST:PORT",
                   help="reach a server over SSH at another address (a tunnel or bastion; repeat)")
    p.add_argument("--why", default="", help="the reason, shown to approvers")
    p.add_argument("--health-seconds", type=float, default=90.0, metavar="SECONDS",
                   help="how long the platform may take to answer its health check (default 90)")
    command("history", "the releases deployed to the environment",
            "Every release deploy and rollback of the environment, oldest first, with its outcome: "
            "'running' while a live console deploys it, 'interrupted' when its console stopped "
            "(the next deploy settles it).")
    command("status", "where the environment's release stands",
            "The release the environment's servers run per the journal, and the last deploy: "
            "its outcome, or 'running' (a live console deploys it) or 'interrupted' (its "
            "console stopped; the next deploy finishes or undoes the step it was at).")


def release_deploy_command(ns: argparse.Namespace) -> int:
    from app.bootstrap import build_release_rollout

    console = open_console()
    with opened_workspace(console, chosen_entry(console, ns)) as ws:
        try:
            rollout = build_release_rollout(ws)
            if ns.action == "history":
                return _history(rollout.deployer.history(ns.platform, ns.env), ns)
            if ns.action == "status":
                return _status(rollout.deployer.status(ns.platform, ns.env), ns)
            if ns.action == "rollback":
                return _rollback(ws, rollout, ns)
            return _deploy(ws, rollout, ns)
        except CloudSpecError as exc:
            raise CliError(f"{exc.setting}: {exc.message_en}") from None
        except ReleaseError as exc:
            raise CliError(str(exc)) from None
        except RemoteError as exc:
            raise CliError(f"{exc}; the running release was not touched") from None


def _deploy(ws: Any, rollout: Any, ns: argparse.Namespace) -> int:
    from app.services.approvals import ApprovalRequest
    from app.services.release_deploy import DEPLOYED, SWITCHED_BACK
    from app.services.release_targets import parse_reach

    if ns.release is not None and ns.release < 1:
        raise CliError("--release must be a release number of at least 1")
    reach = parse_reach(ns.reach)
    ws.governance.ensure_owner_now()
    result = asyncio.run(rollout.deploy(ns.platform, ns.env, ns.release, reach, ws.current_user,
                                        ns.why, health_seconds=ns.health_seconds,
                                        progress=_progress(ns)))
    if isinstance(result, ApprovalRequest):
        return report_waiting(ns, result, "run the same command again once it is approved")
    if ns.json:
        emit_json({"outcome": result.outcome, "release": result.release,
                   "previous": result.previous, "reason": result.reason, "steps": result.steps,
                   "backup": result.backup, "uploaded": result.uploaded})
    elif result.outcome == DEPLOYED:
        emit(f"{ns.platform} {ns.env}: release {result.release} deployed"
             + (f" (was {result.previous})" if result.previous is not None else ""))
    else:
        emit(f"{ns.platform} {ns.env}: release {result.release} {result.outcome.replace('_', ' ')}: "
             f"{result.reason}")
    if result.outcome == DEPLOYED:
        return EXIT_OK
    return EXIT_SWITCHED_BACK if result.outcome == SWITCHED_BACK else EXIT_FAILED


def _rollback(ws: Any, rollout: Any, ns: argparse.Namespace) -> int:
    from app.services.approvals import ApprovalRequest
    from app.services.release_deploy import DEPLOYED, SWITCHED_BACK, ReleaseDeployError
    from app.services.release_rollback import RollbackChoiceNeededError
    from app.services.release_targets import parse_reach

    if ns.to is not None and ns.to < 1:
        raise CliError("--to must be a release number of at least 1")
    reach = parse_reach(ns.reach)
    ws.governance.ensure_owner_now()
    try:
        result = asyncio.run(rollout.rollback(ns.platform, ns.env, ns.to, ns.choice, reach,
                                              ws.current_user, ns.why,
                                              health_seconds=ns.health_seconds,
                                              progress=_progress(ns)))
    except RollbackChoiceNeededError as exc:
        if ns.json:
            plan = exc.plan
            emit_json({"outcome": "choice_needed", "release": plan.target,
                       "current": plan.current, "revision": plan.revision,
                       "target_revision": plan.target_head, "message": str(exc),
                       "options": [{"choice": c.choice, "en": c.en, "ar": c.ar}
                                   for c in plan.options()]})
        else:
            print(f"webnova: {exc}", file=sys.stderr)
        return EXIT_CHOICE_NEEDED
    except ReleaseDeployError as exc:
        raise CliError(str(exc)) from None
    if isinstance(result, ApprovalRequest):
        return report_waiting(ns, result, "run the same command again once it is approved")
    if ns.json:
        emit_json({"outcome": result.outcome, "release": result.release,
                   "previous": result.previous, "choice": result.choice,
                   "reason": result.reason, "steps": result.steps, "backup": result.backup})
    elif result.outcome == DEPLOYED:
        emit(f"{ns.platform} {ns.env}: rolled back to release {result.release} "
             f"(was {result.previous}; {_WAYS[result.choice]})")
    else:
        emit(f"{ns.platform} {ns.env}: rollback to release {result.release} "
             f"{result.outcome.replace('_', ' ')}: {result.reason}")
    if result.outcome == DEPLOYED:
        return EXIT_OK
    return EXIT_SWITCHED_BACK if result.outcome == SWITCHED_BACK else EXIT_FAILED


_WAYS = {"switch": "no migration ran since, the database was not touched",
         "downgrade": "the database was migrated down",
         "restore": "the database backup was restored"}


def _progress(ns: argparse.Namespace) -> Callable[[Any], None]:
    words = {"started": "…", "done": "done", "failed": "FAILED"}

    def report(r: Any) -> None:
        if ns.json:
            print(json.dumps({"event": "step", "step": r.step, "state": r.state,
                              "message": r.message}), flush=True)
            return
        tail = f": {r.message}" if r.message else ""
        print(f"{r.step.replace(':', ' ', 1)} {words.get(r.state, r.state)}{tail}", flush=True)

    return report


def _history(history: list[dict[str, Any]], ns: argparse.Namespace) -> int:
    if ns.json:
        emit_json(history)
    elif not history:
        emit(f"{ns.platform} {ns.env}: no release deployed")
    else:
        emit_table(["RELEASE", "WAS", "KIND", "OUTCOME", "BY", "AT", "REASON"],
                   [[h["release"], h.get("previous"), _kind(h), h["state"],
                     h.get("by"), h["at"][:16].replace("T", " "), h.get("reason") or ""]
                    for h in history])
    return EXIT_OK


def _kind(entry: dict[str, Any]) -> str:
    if not entry.get("rollback"):
        return "deploy"
    return "rollback" if entry.get("choice") in (None, "switch") else f"rollback ({entry['choice']})"


def _status(status: dict[str, Any], ns: argparse.Namespace) -> int:
    if ns.json:
        emit_json(status)
        return EXIT_OK
    where = f"{ns.platform} {ns.env}"
    last = status["last"]
    if last is None:
        emit(f"{where}: no release deployed")
        return EXIT_OK
    if status["current"] is not None:
        emit(f"{where}: release {status['current']} is current")
    elif status["candidates"]:
        emit(f"{where}: release " + " or ".join(str(c) for c in status["candidates"])
             + " is current (the journal cannot say which until the next deploy settles it)")
    else:
        emit(f"{where}: no release is current")
    emit(f"last deploy: release {last['release']} {status['state'].replace('_', ' ')}, "
         f"{last['at'][:16].replace('T', ' ')} by {last['by']}"
         + (f": {last['reason']}" if last.get("reason") else ""))
    return EXIT_OK
