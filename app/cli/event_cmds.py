"""``webnova events append|tail``: write a batch of events in one transaction, read the latest."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Callable
from datetime import UTC
from pathlib import Path
from typing import Any

from app.cli.context import chosen_entry, open_console, opened_workspace
from app.cli.output import CliError, emit, emit_json, emit_table, one_line
from app.domain.errors import WebNovaError
from app.domain.events import RecordedEvent
from app.services.event_log import EventBatchError, parse_event_batch

Option = Callable[[argparse.ArgumentParser], None]
log = logging.getLogger(__name__)
DEFAULT_TAIL = 20
MAX_TAIL = 10_000
MAX_CELL = 48  # the table stays readable; --json has the full values


def register(commands: Any, workspace_option: Option, json_option: Option) -> None:
    group = commands.add_parser("events", help="append events and read the latest ones")
    actions = group.add_subparsers(dest="action", metavar="ACTION", required=True)

    p = actions.add_parser(
        "append",
        help="append a JSON array of events in one transaction (all or nothing)",
        description='FILE holds a JSON array of objects {"stream_id", "type", "tenant_id", '
        '"data", "metadata"?}. The whole array is appended in one transaction: either every '
        "event is stored or none is. Use - to read standard input.",
    )
    p.add_argument("file", metavar="FILE|-", help="JSON file, or - for standard input")
    workspace_option(p)
    json_option(p)
    p.set_defaults(handler=append_events)

    p = actions.add_parser("tail", help="the latest events, oldest first")
    p.add_argument(
        "--limit",
        type=_limit,
        default=DEFAULT_TAIL,
        metavar="N",
        help=f"how many events (default {DEFAULT_TAIL}, at most {MAX_TAIL})",
    )
    workspace_option(p)
    json_option(p)
    p.set_defaults(handler=tail_events)


def _limit(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 1 <= value <= MAX_TAIL:
        raise argparse.ArgumentTypeError(f"use a number from 1 to {MAX_TAIL}")
    return value


def read_source(source: str) -> tuple[str, str]:
    """The text of FILE (or stdin for ``-``) and a name for it in messages."""
    if source == "-":
        name = "standard input"
        buffer = getattr(sys.stdin, "buffer", None)
        if buffer is None:
            return sys.stdin.read(), name
        raw = buffer.read()
    else:
        name = source
        try:
            raw = Path(source).read_bytes()
        except OSError as exc:
            raise CliError(f"cannot read {source}: {exc.strerror or type(exc).__name__}") from None
    try:
        return raw.decode("utf-8-sig"), name
    except UnicodeDecodeError as exc:
        raise CliError(
            f"{name} is not UTF-8 text (at byte offset {exc.start}); nothing was written"
        ) from None


def append_events(ns: argparse.Namespace) -> int:
    text, name = read_source(ns.file)
    try:
        appends = parse_event_batch(text)
    except EventBatchError as exc:
        raise CliError(f"{name}: {exc}; nothing was written") from None
    count = sum(len(a.events) for a in appends)
    console = open_console()
    entry = chosen_entry(console, ns)
    with opened_workspace(console, entry) as workspace:
        log.info("appending %d events in %d streams to %r", count, len(appends), entry.name)
        try:
            recorded = asyncio.run(workspace.events.append_batch(appends))
        except WebNovaError:
            raise
        except Exception as exc:
            log.exception("append to %r failed", entry.name)
            detail = one_line(str(exc)) or type(exc).__name__
            raise CliError(
                f"workspace {entry.name!r} refused the batch ({detail}); nothing was written"
            ) from None
    if ns.json:
        emit_json([event.to_json() for event in recorded])
        return 0
    first = min(e.position for e in recorded)
    last = max(e.position for e in recorded)
    where = f"position {first}" if first == last else f"positions {first}-{last}"
    noun = "event" if len(recorded) == 1 else "events"
    emit(f"appended {len(recorded)} {noun} to workspace {entry.name!r} ({where})")
    return 0


def _time(event: RecordedEvent) -> str:
    return event.recorded_at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")


def tail_events(ns: argparse.Namespace) -> int:
    console = open_console()
    entry = chosen_entry(console, ns)
    with opened_workspace(console, entry) as workspace:
        events = asyncio.run(workspace.events.tail(ns.limit))
    if ns.json:
        emit_json([event.to_json() for event in events])
        return 0
    if not events:
        emit(f"no events in workspace {entry.name!r}")
        return 0
    emit_table(
        ["POSITION", "TIME (UTC)", "TYPE", "STREAM", "TENANT", "ACTOR"],
        [[e.position, _time(e), e.type, e.stream_id, e.tenant_id, e.actor] for e in events],
        max_width=MAX_CELL,
    )
    return 0
