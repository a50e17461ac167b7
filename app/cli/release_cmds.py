"""``webnova release``: build a platform's release (its wheels, a manifest of their hashes
and the owner's signature), list the releases built, verify a release file.

Exit codes: 0 done (verify: the release is valid), 1 failed or refused (verify names what:
a file's hash, the signature, an unknown or revoked key, a wheel not in the lock), 2 usage.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.bootstrap import build_releases
from app.cli.context import chosen_entry, open_console, opened_workspace
from app.cli.output import EXIT_FAILED, EXIT_OK, CliError, emit, emit_json, emit_table
from app.cli.release_deploy_cmds import register_release
from app.domain.release.manifest import ReleaseError

Option = Callable[[argparse.ArgumentParser], None]


def register(commands: Any, workspace_option: Option, json_option: Option) -> None:
    group = commands.add_parser(
        "release", help="build, list and verify signed releases of a generated platform",
        description="A release is one generation commit of a platform with the wheels it runs "
        "on (built offline from the console's wheel cache), a manifest of every file's SHA-256 "
        "and the owner's signature. Exit codes: 0 done or valid, 1 failed or refused, 2 usage "
        "error.")
    actions = group.add_subparsers(dest="action", metavar="ACTION", required=True)

    def command(name: str, help_text: str, description: str) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = actions.add_parser(name, help=help_text, description=description)
        workspace_option(p)
        json_option(p)
        p.set_defaults(handler=release_command)
        return p

    p = command("build", "build and sign a release of a platform",
                "Build a release of the platform from the generation of blueprint version N "
                "(default: the latest generated one): its own wheel from a clean export of that "
                "commit, the locked wheels for the servers (CPython 3.11, Linux x86_64) from the "
                "console's wheel cache (fetched from the package index only the first time), "
                "the manifest and your signature. Kept under the data folder.")
    p.add_argument("platform", help="the blueprint's key")
    p.add_argument("--version", type=int, metavar="N", help="the blueprint version to release")
    p = command("list", "the releases built of a platform", "Every release of the platform, oldest first.")
    p.add_argument("platform", help="the blueprint's key")
    p = command("verify", "check a release file's hashes, lock and signature",
                "Check every file against the manifest, every wheel against the lock and the "
                "manifest's signature against the workspace's published keys. Exit 0 when "
                "valid, 1 when refused (each problem named).")
    p.add_argument("file", type=Path, metavar="FILE", help="the release file (.tar)")
    register_release(actions, workspace_option, json_option)


def release_command(ns: argparse.Namespace) -> int:
    console = open_console()
    with opened_workspace(console, chosen_entry(console, ns)) as ws:
        releases = build_releases(ws)
        try:
            if ns.action == "build":
                if ns.version is not None and ns.version < 1:
                    raise CliError("--version must be a blueprint version of at least 1")
                ws.governance.ensure_owner_now()  # a new workspace's first user is its root owner
                signer = ws.approvals.signer(ws.current_user)
                built = releases.build_now(ns.platform, signer, ws.current_user, ns.version)
                if ns.json:
                    emit_json(built.to_json())
                else:
                    m = built.manifest
                    emit(f"built release {m.release} of {m.platform} (blueprint version "
                         f"{m.blueprint_version}, commit {m.commit[:12]}, {m.python_target}): "
                         f"{len(m.files)} files, signed by {m.built_by} with key {m.key_id}")
                    emit(f"  {built.path}")
                    emit(f"  manifest sha256 {built.manifest_sha256}")
                return EXIT_OK
            if ns.action == "list":
                summaries = releases.list_now(ns.platform)
                if ns.json:
                    emit_json([s.to_json() for s in summaries])
                elif not summaries:
                    emit(f"{ns.platform}: no releases built")
                else:
                    emit_table(["#", "BLUEPRINT", "COMMIT", "BY", "BUILT", "MANIFEST", "FILE"],
                               [[s.release, s.blueprint_version, s.commit[:12], s.built_by,
                                 s.built_at.strftime("%Y-%m-%d %H:%M"), s.manifest_sha256[:12],
                                 str(s.file) if s.present else f"{s.file} (missing)"] for s in summaries])
                return EXIT_OK
            return _verify(releases, ns)
        except ReleaseError as exc:
            raise CliError(str(exc)) from None


def _verify(releases: Any, ns: argparse.Namespace) -> int:
    result = releases.verify_now(ns.file)
    if ns.json:
        emit_json(result.to_json())
        return EXIT_OK if result.valid else EXIT_FAILED
    m = result.manifest
    if result.valid:
        emit(f"valid: release {m.release} of {m.platform} (blueprint version {m.blueprint_version}, "
             f"commit {m.commit[:12]}, {m.python_target}), {len(m.files)} files, signed by "
             f"{m.built_by} with key {m.key_id}")
        return EXIT_OK
    for problem in result.problems:
        emit(f"  - {problem}")
    more = f" (and {len(result.problems) - 1} more)" if len(result.problems) > 1 else ""
    raise CliError(f"release refused: {result.problems[0]}{more}")
