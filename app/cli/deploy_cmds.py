"""``webnova deploy plan``: what the owner's cloud must change for an environment of a
platform to be as its blueprint and the owner's settings say — read by label selector,
compared, priced — like ``terraform plan``. Planning reads only; it changes nothing.
Exit codes: 0 planned, 1 failed (an unknown platform, account or location, a location the
blueprint's rules forbid), 2 usage error.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from app.atomic_files import atomic_text_file
from app.cli.context import chosen_entry, open_console, opened_workspace
from app.cli.output import EXIT_OK, CliError, emit, emit_json
from app.domain.bidi import strip_isolation
from app.domain.cloud.model import CloudSpecError
from app.integrations.deploy_keys import DeployKeys
from app.services.cloud_accounts import CloudAccounts

Option = Callable[[argparse.ArgumentParser], None]


def register(commands: Any, workspace_option: Option, json_option: Option) -> None:
    group = commands.add_parser(
        "deploy", help="plan a platform environment on the owner's cloud",
        description="Infrastructure of a platform's environments on the owner's cloud account. "
        "Exit codes: 0 planned, 1 failed, 2 usage error.")
    actions = group.add_subparsers(dest="action", metavar="ACTION", required=True)
    p: argparse.ArgumentParser = actions.add_parser(
        "plan", help="what would change, why, and what it costs (reads only)",
        description="Read the environment's resources by label, compare them with the desired "
        "ones and price the difference. Nothing is changed.")
    workspace_option(p)
    json_option(p)
    p.set_defaults(handler=deploy_command)
    p.add_argument("platform", help="the blueprint's key")
    p.add_argument("--env", required=True, help="the environment (e.g. staging, production)")
    p.add_argument("--account", required=True, help="the cloud account (see 'webnova cloud list')")
    p.add_argument("--location", help="a Hetzner location (default: the environment's region)")
    p.add_argument("--db-server-type", help="the database server's type (default: the app's)")
    p.add_argument("--volume-gb", type=int, help="the database volume's size (default 10)")
    p.add_argument("--ssh-from", action="append", default=[], metavar="CIDR",
                   help="a network that may reach SSH (repeat; none: SSH is closed)")
    p.add_argument("--out", type=Path, help="also write the plan as JSON to this file")


def deploy_command(ns: argparse.Namespace) -> int:
    from app.bootstrap import BundledCompliance
    from app.domain.cloud.from_blueprint import environment_spec
    from app.domain.cloud.placement import check_placement
    from app.domain.cloud.render import plan_text
    from app.services.deploy_planning import plan_environment

    console = open_console()
    with opened_workspace(console, chosen_entry(console, ns)) as ws:
        cloud: CloudAccounts | None = ws.cloud
        if cloud is None:
            raise CliError("this workspace has no cloud accounts service")
        account = cloud.get(ns.account)
        document = ws.blueprints.get_now(ns.platform).document
        overrides: dict[str, Any] = {"ssh_from": tuple(ns.ssh_from)}
        if ns.db_server_type:
            overrides["db_server_type"] = ns.db_server_type
        if ns.volume_gb is not None:
            overrides["volume_gb"] = ns.volume_gb
        try:
            spec = environment_spec(document, ns.env, workspace=ws.name, account=account.name,
                                    location=ns.location, overrides=overrides)
            check_placement(document, ns.env, spec.location, BundledCompliance())
        except CloudSpecError as exc:
            raise CliError(f"{exc.setting}: {exc.message_en}") from None
        access = DeployKeys(console.secrets).access_key(spec)  # made when a plan is applied
        if access is not None:
            spec = replace(spec, ssh_public_key=access.openssh)
        with cloud.connect(account.name) as provider:
            priced = plan_environment(provider, spec)
        if ns.out is not None:
            with atomic_text_file(ns.out) as handle:
                handle.write(json.dumps(priced.to_json(), indent=2, ensure_ascii=False) + "\n")
        if ns.json:
            emit_json(priced.to_json())
        else:
            emit(strip_isolation(plan_text(priced.plan, priced.cost, "en")))
    return EXIT_OK
