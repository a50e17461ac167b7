"""``webnova generate`` and ``webnova runtime up|down|status``: a blueprint becomes a
platform folder (a git repository, regenerated without losing edits) that runs locally.

``generate`` exits 0 when every file is written, 1 when files are left in conflict (your
file kept, a ``.conflict`` file beside it) or the blueprint cannot be generated, 2 on
usage errors."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.bootstrap import build_codegen, build_runtime, console_user
from app.cli.context import chosen_entry, open_console, opened_workspace
from app.cli.output import (
    EXIT_FAILED,
    EXIT_NEEDS_APPROVAL,
    EXIT_OK,
    CliError,
    UsageError,
    emit,
    emit_json,
    emit_table,
    note,
)
from app.domain.blueprint.document import MAX_BYTES
from app.domain.codegen.merge import ChangeKind
from app.domain.codegen.results import GenerationResult
from app.domain.codegen.spec import CodegenError
from app.domain.plurals import count
from app.paths import data_dir
from app.services.blueprints import blocking_findings
from app.services.runtime import RuntimeStatus

Option = Callable[[argparse.ArgumentParser], None]
_ORDER = ("added", "changed", "merged", "removed", "conflict", "unchanged")


def register(commands: Any, workspace_option: Option, json_option: Option) -> None:
    p = commands.add_parser(
        "generate",
        help="generate (or regenerate) a blueprint's platform: backend, tests, deployment files",
        description="Generate the platform of a blueprint version into a folder that is a git "
        "repository: one commit per generation. Regenerating keeps your edits (three-way "
        "merge); where your edits and the new generation touch the same lines your file is "
        "kept and a .conflict file is written beside it.",
        epilog="Exit codes: 0 done, 1 files left in conflict or the blueprint cannot be "
        "generated, 2 usage error.",
    )
    p.add_argument("key", metavar="BLUEPRINT", help="a blueprint key in the workspace, or a YAML/JSON file")
    p.add_argument("--out", type=Path, metavar="DIR",
                   help="the platform folder (default: where it was generated last, else "
                   "<data folder>/platforms/<key>)")
    p.add_argument("--version", type=int, metavar="N", help="a blueprint version (default: the latest)")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--dry-run", action="store_true", help="show what would change; write nothing")
    mode.add_argument("--history", action="store_true", help="list the folder's generations")
    mode.add_argument("--rollback", metavar="COMMIT",
                      help="make the folder what a previous generation left (as a new commit)")
    p.add_argument("--force", action="store_true",
                   help="with --rollback: discard changes not yet committed")
    p.add_argument("--diff", action="store_true", help="print the diff of every file that changed")
    p.add_argument("--override-compliance", action="store_true",
                   help="generate although the blueprint fails compliance checks: a governed "
                   "action that needs the owner's approval (exit 3 while it waits); run the "
                   "same command again once approved")
    p.add_argument("--why", default="", help="with --override-compliance: why (shown to the approvers)")
    p.add_argument("--upgrade-lock", action="store_true",
                   help="move the platform's package lock (requirements.lock) to the versions this "
                   "console ships and tested, as a generation of its own; lists what moved")
    p.add_argument("--fetch-wheels", action="store_true",
                   help="after generating, download the wheel of every locked package (checked "
                   "against the lock's hashes) into the platform's wheels/ folder, for servers "
                   "that reach no package index")
    workspace_option(p)
    json_option(p)
    p.set_defaults(handler=generate, audited=True)

    group = commands.add_parser("runtime", help="run a generated platform locally: up, down, status")
    actions = group.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = actions.add_parser(
        "up", help="start a generated platform on a free loopback port with a SQLite database",
        description="Migrate the platform's SQLite database (in its folder), start it with this "
        "console's Python on 127.0.0.1, and wait until /health answers. In the foreground the "
        "log streams here until Ctrl+C stops it; with --detach it keeps running.")
    p.add_argument("target", metavar="PLATFORM", help="a generated folder, or a blueprint key")
    p.add_argument("--detach", action="store_true", help="keep running after this command ends")
    p.add_argument("--port", type=int, help="a port instead of a free one")
    p.add_argument("--timeout", type=float, default=60.0, help="seconds to wait for /health (default 60)")
    json_option(p)
    p.set_defaults(handler=runtime_up, audited=True)
    p = actions.add_parser("down", help="stop a running platform (SIGTERM, then SIGKILL)")
    p.add_argument("target", metavar="PLATFORM", help="a generated folder, or a blueprint key")
    p.add_argument("--grace", type=float, default=10.0, help="seconds before SIGKILL (default 10)")
    json_option(p)
    p.set_defaults(handler=runtime_down, audited=True)
    p = actions.add_parser("status", help="running platforms: URL, state, log")
    p.add_argument("target", metavar="PLATFORM", nargs="?", help="one platform (default: every running one)")
    json_option(p)
    p.set_defaults(handler=runtime_status)


# ------------------------------------------------------------------ generate
def _read_file(name: str) -> bytes:
    with Path(name).open("rb") as handle:
        return handle.read(MAX_BYTES + 1)


def _default_out(key: str, registry_lookup: Callable[[str], Path | None]) -> Path:
    return registry_lookup(key) or data_dir() / "platforms" / key


def generate(ns: argparse.Namespace) -> int:
    ns.audited = False  # a usage error changes nothing
    if ns.force and not ns.rollback:
        raise UsageError("--force goes with --rollback")
    console = open_console()
    with opened_workspace(console, chosen_entry(console, ns)) as ws:
        service = build_codegen(ws.blueprints, None, ws.entry.tenant_id, ws.current_user)
        source = Path(ns.key)
        is_file = ns.key.endswith((".yaml", ".yml", ".json")) or source.is_file()
        if is_file and not source.is_file():
            raise UsageError(f"no such file: {ns.key}")
        if is_file and ns.version is not None:
            raise UsageError("--version goes with a blueprint key, not a file")
        ns.audited = not (ns.history or ns.dry_run)
        registry = service.registry
        lookup = registry.lookup if registry is not None else (lambda _key: None)
        if ns.history or ns.rollback:
            key = source.stem if is_file else ns.key
            out = ns.out or _default_out(key, lookup)
            return _history(service, out, ns) if ns.history else _rollback(service, out, ns)
        if is_file:
            blueprint, report = ws.blueprints.validate_text(_read_file(ns.key))
            blocking = blocking_findings(report)
            if blueprint is None or blocking:
                first = blocking[0].message_en if blocking else "it is not valid"
                raise CliError(f"{ns.key} cannot be generated: {first} "
                               f"(see 'webnova blueprint validate {ns.key}')")
            out = ns.out or _default_out(blueprint.key, lookup)
            result = service.generate_now(blueprint, out, dry_run=ns.dry_run, record=False,
                                          upgrade_lock=ns.upgrade_lock)
        else:
            out = ns.out or _default_out(ns.key, lookup)
            stored = ws.blueprints.get_now(ns.key, ns.version)
            override = _compliance_override(ws, service, stored.blueprint, stored.version, ns)
            if override == "waiting":
                return EXIT_NEEDS_APPROVAL
            result = service.generate_now(stored.blueprint, out, version=stored.version,
                                          dry_run=ns.dry_run, record=False,
                                          upgrade_lock=ns.upgrade_lock, compliance_override=override)
    code = _report(result, ns)
    if ns.fetch_wheels and not ns.dry_run:
        _fetch_wheels(result.root, ns)
    return code


def _compliance_override(ws: Any, service: Any, blueprint: Any, version: int,
                         ns: argparse.Namespace) -> str | None:
    """None when the blueprint passes its checks; the approval (or decision) that lets a
    failing one be generated; "waiting" while the owner has not decided. Refuses otherwise."""
    from app.domain.governance.actions import CODEGEN_COMPLIANCE_OVERRIDE, ActionDescriptor
    from app.services.approvals import ApprovalRequest, ApprovalState
    from app.services.codegen import ComplianceBlockedError

    errors = service.compliance_errors(blueprint)
    if not errors:
        return None
    blocked = ComplianceBlockedError(blueprint.key, version, errors)
    if not ns.override_compliance:
        raise blocked
    if not ns.why.strip():
        raise UsageError("--override-compliance needs --why: the approvers read it")
    subject = f"{blueprint.key}@{version}"
    approved = [r for r in ws.approvals.list_now(ApprovalState.APPROVED)
                if r.action.kind == CODEGEN_COMPLIANCE_OVERRIDE and r.action.subject == subject
                and r.action.context.get("findings") == blocked.codes]
    if approved:
        note(f"generating despite the failed checks: approved in request {approved[-1].id}")
        return str(approved[-1].id)
    action = ActionDescriptor(CODEGEN_COMPLIANCE_OVERRIDE, ws.current_user, ws.entry.tenant_id,
                              subject=subject, context={"findings": blocked.codes})
    result = ws.governance.submit_now(action, ns.why, {"findings": [f.to_json() for f in errors]})
    if isinstance(result, ApprovalRequest):
        emit(f"waiting for approval: request {result.id} to generate {subject} although it fails "
             f"{count(len(errors), 'compliance check')}; run this command again once it is approved")
        return "waiting"
    return "allowed"


def _fetch_wheels(root: Path, ns: argparse.Namespace) -> None:
    from app.domain.codegen.lock import LOCK_FILES
    from app.integrations.platform_lock import PipLocks

    if not ns.json:
        emit(f"fetching the locked wheels into {root / 'wheels'} …")
    wheels = PipLocks().fetch_wheels([root / name for name in LOCK_FILES], root / "wheels")
    if not ns.json:
        emit(f"{count(len(wheels), 'wheel')} in {root / 'wheels'}; install with "
             "pip install --no-index --find-links wheels --require-hashes --no-deps -r requirements.lock")


def _report(result: GenerationResult, ns: argparse.Namespace) -> int:
    code = EXIT_FAILED if result.conflicts else EXIT_OK
    ns.audited = bool(result.commit or result.conflicts)  # a generation that changed nothing
    if ns.json:
        emit_json(result.to_json(with_diffs=ns.diff))
        return code
    counts = result.counts()
    summary = ", ".join(f"{counts[k]} {k}" for k in _ORDER if counts[k])
    version = f" (blueprint version {result.version})" if result.version is not None else ""
    verb = "would generate" if result.dry_run else "generated"
    emit(f"{verb} {result.key}{version} into {result.root}: {count(len(result.files), 'file')} — {summary}")
    first_generation = all(c.kind is ChangeKind.added for c in result.files)
    for change in result.files:
        listed = change.kind is not ChangeKind.unchanged or change.owner_edited
        if first_generation and not ns.diff:
            listed = False
        if listed:
            reason = f"  ({change.reason})" if change.reason else ""
            emit(f"{change.kind.value:<9} {change.path}{reason}")
        if ns.diff and change.diff:
            sys.stdout.write(change.diff)
    for warning in result.warnings:
        note(warning)
    if result.lock_changes:
        emit("package lock upgraded:")
        for moved in result.lock_changes:
            emit(f"  {moved.describe()}")
    if result.commit:
        emit(f"commit {result.commit[:12]}")
    elif not result.dry_run:
        emit("nothing changed; no commit")
    for conflict in result.conflicts:
        where = f"; see {conflict.conflict_file}" if conflict.conflict_file else ""
        note(f"conflict in {conflict.path}: {conflict.reason}{where}")
    if result.conflicts:
        note("resolve each conflict in your file, delete the .conflict file, and generate again")
    return code


def _history(service: Any, out: Path, ns: argparse.Namespace) -> int:
    commits = service.history_now(out)
    if ns.json:
        emit_json([c.to_json() for c in commits])
    elif not commits:
        emit(f"no generations in {out}")
    else:
        emit_table(["COMMIT", "TIME (UTC)", "BY", "BLUEPRINT", "VERSION", "SUMMARY"],
                   [[c.id[:12], c.time.strftime("%Y-%m-%d %H:%M:%S"), c.author, c.blueprint,
                     c.version, c.summary] for c in commits], max_width=60)
    return EXIT_OK


def _rollback(service: Any, out: Path, ns: argparse.Namespace) -> int:
    result = service.rollback_now(out, ns.rollback, force=ns.force)
    if ns.json:
        emit_json({"out": str(result.root), "commit": result.commit, "restored": result.restored,
                   "files": list(result.paths)})
    else:
        emit(f"{result.root} is back at generation {result.restored[:12]} "
             f"({count(len(result.paths), 'file')} restored); commit {result.commit[:12]}")
    return EXIT_OK


# ------------------------------------------------------------------ runtime
def _runtime() -> Any:
    console = open_console()
    return build_runtime(console.secrets, None, "", console_user())


def _status_json(status: RuntimeStatus) -> dict[str, Any]:
    return status.to_json()


def runtime_up(ns: argparse.Namespace) -> int:
    service = _runtime()
    quiet = ns.json or ns.detach

    def show(line: str) -> None:
        if not quiet:
            print(line, flush=True)

    try:
        running = service.up(ns.target, on_log=show, detach=ns.detach, port=ns.port, timeout=ns.timeout)
    except CodegenError as exc:
        raise CliError(str(exc)) from None
    state = running.state
    if ns.json:
        emit_json({"platform": state.key, "state": "running", "url": state.url, "pid": state.pid,
                   "database": state.database, "log_file": state.log_file, "root": state.root})
    else:
        emit(f"{state.key} is running at {state.url} (pid {state.pid}); API documents at "
             f"{state.url}/docs")
    if ns.detach:
        if not ns.json:
            emit(f"log: {state.log_file}; stop it with 'webnova runtime down {state.key}'")
        return EXIT_OK
    if not ns.json:
        emit("Ctrl+C stops it")
    try:
        while True:
            code = running.wait(0.5)
            if code is not None:
                raise CliError(f"{state.key} stopped by itself (exit code {code})")
    except KeyboardInterrupt:
        running.stop()
        if not ns.json:
            emit(f"{state.key} stopped")
    return EXIT_OK


def runtime_down(ns: argparse.Namespace) -> int:
    status = _runtime().down(ns.target, ns.grace)
    if ns.json:
        emit_json(_status_json(status))
    else:
        emit(f"{status.key} is stopped")
    return EXIT_OK


def runtime_status(ns: argparse.Namespace) -> int:
    statuses = _runtime().status(ns.target)
    if ns.json:
        emit_json([_status_json(status) for status in statuses])
    elif not statuses:
        emit("no platform is running")
    else:
        emit_table(["PLATFORM", "STATE", "URL", "PID", "LOG"],
                   [[s.key, s.state, s.url, s.pid, s.log_file] for s in statuses])
    return EXIT_OK
