"""``webnova usage import|list|meter|pull``: usage records into the ledger, and the daily rollup."""

from __future__ import annotations

import argparse
import asyncio
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.cli.budgets_cmds import check_after_usage, say_after
from app.cli.context import chosen_entry, open_console, opened_workspace
from app.cli.event_cmds import read_source
from app.cli.output import CliError, emit, emit_json, emit_table, note
from app.domain.costs.usage import UsageRecordError, month_range
from app.domain.costs.usage_import import UsageImportError, parse_usage

Option = Callable[[argparse.ArgumentParser], None]
log = logging.getLogger(__name__)
MAX_CELL = 40


def register(commands: Any, workspace_option: Option, json_option: Option) -> None:
    group = commands.add_parser("usage", help="usage records: import them, list the daily rollup")
    actions = group.add_subparsers(dest="action", metavar="ACTION", required=True)

    p = actions.add_parser(
        "import",
        help="import usage records from a CSV or JSON file (all or nothing)",
        description="FILE.csv has a header line of field names; FILE.json holds an array of "
        "objects. Fields: resource, quantity, period_start (ISO 8601 with offset), provider "
        "(anthropic, hetzner, stripe, owner) and optionally period_end, unit and category "
        "(known resources have defaults), platform, environment, tenant, sku, actor, source "
        "(default import). Every row is checked first: a bad row names its line (CSV) or "
        "index (JSON) and field, and then nothing is imported.",
    )
    p.add_argument("file", metavar="FILE", help="a .csv or .json file")
    workspace_option(p)
    json_option(p)
    p.set_defaults(handler=import_usage, audited=True)

    p = actions.add_parser("list", help="daily usage of a month, by platform, environment, "
                           "tenant, category, provider and resource")
    p.add_argument("--period", metavar="YYYY-MM", type=_period, default=None,
                   help="the month (default: this month, UTC)")
    p.add_argument("--platform", metavar="P", default=None, help="only this platform")
    workspace_option(p)
    json_option(p)
    p.set_defaults(handler=list_usage)

    p = actions.add_parser("meter", help="record cloud server-hours, volume GB-months and the "
                           "servers' outgoing traffic for the whole hours that ended since the "
                           "last metering")
    workspace_option(p)
    json_option(p)
    p.set_defaults(handler=meter_usage, audited=True)

    p = actions.add_parser(
        "pull", help="pull the usage a platform's environment counted for its tenants",
        description="Ask the platform (its GET /_webnova/usage, with the environment's metering "
        "token from the keyring) for the usage it counted since the last pull — requests per "
        "tenant and hour, active users per tenant and day, stored GB per tenant and day — and "
        "record it, each page with its cursor in one step, so a pull that stops midway is "
        "finished by the next and nothing is counted twice. The platform is reached through "
        "the proxy on the environment's first app server over SSH, or at --url.")
    p.add_argument("platform", metavar="PLATFORM", help="the blueprint's key")
    p.add_argument("--env", required=True, metavar="ENV", help="the environment (e.g. production)")
    p.add_argument("--reach", action="append", default=[], metavar="SERVER=[USER@]HOST:PORT",
                   help="reach a server over SSH at another address (a tunnel or bastion; repeat)")
    p.add_argument("--url", metavar="URL", default=None,
                   help="ask the platform at this address instead (e.g. https://hub.example.org "
                   "or a platform run on this machine)")
    p.add_argument("--ca", metavar="FILE", default=None,
                   help="with --url: the certificate authority the platform's HTTPS certificate "
                   "is signed by (default: the system's)")
    p.add_argument("--page", type=_page, default=500, metavar="N",
                   help="records per request (default 500)")
    workspace_option(p)
    json_option(p)
    p.set_defaults(handler=pull_usage, audited=True)


def _period(text: str) -> str:
    try:
        month_range(text)
    except UsageRecordError as exc:
        raise argparse.ArgumentTypeError(exc.message) from None
    return text


def _page(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 5000:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number from 1 to 5000")
    return int(text)


def import_usage(ns: argparse.Namespace) -> int:
    kind = Path(ns.file).suffix.lower().lstrip(".")
    if kind not in ("csv", "json"):
        raise CliError(f"{ns.file}: use a .csv or .json file (the extension says which); "
                       "nothing was imported")
    text, name = read_source(ns.file)
    try:
        records = parse_usage(text, kind)
    except UsageImportError as exc:
        raise CliError(f"{name}: {exc}; nothing was imported") from None
    console = open_console()
    entry = chosen_entry(console, ns)
    with opened_workspace(console, entry) as workspace:
        log.info("importing %d usage records into %r", len(records), entry.name)
        done = workspace.usage.record(records, workspace.current_user)
        crossed = check_after_usage(workspace)
    if ns.json:
        emit_json(done.to_json())
    else:
        noun = "record" if done.count == 1 else "records"
        emit(f"imported {done.count} usage {noun} into workspace {entry.name!r}")
    say_after(crossed, ns.json)
    return 0


def list_usage(ns: argparse.Namespace) -> int:
    console = open_console()
    entry = chosen_entry(console, ns)
    with opened_workspace(console, entry) as workspace:
        rows = workspace.usage.month(ns.period, ns.platform)
    if ns.json:
        emit_json([row.to_json() for row in rows])
        return 0
    if not rows:
        emit(f"no usage in workspace {entry.name!r} for that month")
        return 0
    emit_table(
        ["DAY", "PLATFORM", "ENV", "TENANT", "CATEGORY", "PROVIDER", "RESOURCE", "SKU",
         "QUANTITY", "UNIT", "RECORDS"],
        [[r.day, *(r.dimensions[d] or None for d in
                   ("platform", "environment", "tenant", "category", "provider", "resource",
                    "sku")), r.quantity, r.dimensions["unit"], r.records] for r in rows],
        max_width=MAX_CELL,
    )
    return 0


def meter_usage(ns: argparse.Namespace) -> int:
    console = open_console()
    entry = chosen_entry(console, ns)
    with opened_workspace(console, entry) as workspace:
        done = workspace.usage.meter_cloud(workspace.current_user)
        crossed = check_after_usage(workspace) if done.records else []
    if ns.json:
        emit_json(done.to_json())
    elif done.start is None or done.end is None:
        emit("no cloud usage to record: no whole hour has ended since the last metering")
    else:
        emit(f"recorded {done.records} cloud usage records for {done.start:%Y-%m-%d %H:%M} to "
             f"{done.end:%Y-%m-%d %H:%M} UTC")
        for missed in done.traffic_missed:
            note(f"traffic not read for {missed}; the next metering counts it")
    say_after(crossed, ns.json)
    return 0


def pull_usage(ns: argparse.Namespace) -> int:
    from app.bootstrap import build_usage_feed
    from app.services.platform_usage import UsagePullError
    from app.services.release_targets import ReleaseTargetError, parse_reach

    if ns.url is not None and not ns.url.startswith(("https://", "http://")):
        raise CliError(f"--url {ns.url!r}: give the platform's address with https:// (or http://)")
    if ns.ca is not None and ns.url is None:
        raise CliError("--ca goes with --url (through the app servers the proxy is checked on "
                       "the server itself)")
    console = open_console()
    entry = chosen_entry(console, ns)
    with opened_workspace(console, entry) as workspace:
        try:
            reach = parse_reach(ns.reach)
            feed = build_usage_feed(workspace, console.secrets, ns.platform, ns.env, reach,
                                    ns.url, ns.ca)
        except ReleaseTargetError as exc:
            raise CliError(str(exc)) from None

        async def pull() -> Any:
            try:
                return await workspace.usage.pull_platform(ns.platform, ns.env, feed,
                                                           workspace.current_user, ns.page)
            finally:
                await feed.close()

        try:
            done = asyncio.run(pull())
        except UsagePullError as exc:
            raise CliError(str(exc)) from None
        crossed = check_after_usage(workspace) if done.records else []
    if ns.json:
        emit_json(done.to_json())
    elif not done.records:
        emit(f"no new usage from {ns.platform} {ns.env} since the last pull")
    else:
        noun = "record" if done.records == 1 else "records"
        emit(f"recorded {done.records} usage {noun} from {ns.platform} {ns.env}")
    say_after(crossed, ns.json)
    return 0
