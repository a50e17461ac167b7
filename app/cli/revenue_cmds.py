"""``webnova billing revenue``: what the platforms' tiers earned at Stripe in a month, beside
what they cost (app/services/revenue.py).

New events are read from Stripe first (each connected platform, or ``--platform``), unless
``--offline``; the figures come from what is recorded. Exit codes: 0 done, 1 failed (a refused
key, a missing exchange rate), 2 usage error.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from typing import Any

from app.cli.context import chosen_entry, open_console, opened_workspace
from app.cli.output import EXIT_OK, CliError, UsageError, emit, emit_json, emit_table
from app.domain.billing.revenue import PlatformRevenue
from app.domain.costs.money import MissingRateError, Money, format_money
from app.domain.costs.usage import UsageRecordError, month_range
from app.services.revenue import ReadReport

Option = Callable[[argparse.ArgumentParser], None]


def register(actions: Any, workspace_option: Option, json_option: Option) -> None:
    text = ("MRR, churn, money received and margin per platform and tier in a month, from "
            "Stripe's events (new ones are read first)")
    p: argparse.ArgumentParser = actions.add_parser("revenue", help=text, description=text)
    p.add_argument("--period", metavar="YYYY-MM", help="the month (default: this month, UTC)")
    p.add_argument("--platform", metavar="KEY",
                   help="one platform (default: every platform connected to Stripe)")
    p.add_argument("--offline", action="store_true",
                   help="do not read Stripe; use the events recorded already")
    workspace_option(p)
    json_option(p)
    p.set_defaults(handler=revenue_command)


def _percent(value: Decimal | None) -> str | None:
    return None if value is None else f"{(value * 100).quantize(Decimal('0.1'))}%"


def _money(value: Money | None) -> str | None:
    return None if value is None else format_money(value)


def _text(result: PlatformRevenue, read: ReadReport | None) -> None:
    last = result.end - timedelta(days=1)
    emit(f"platform {result.platform!r}, {result.start.isoformat()} .. {last.isoformat()} "
         f"({result.currency})"
         + (f"; {read.recorded} new Stripe events read" if read is not None else ""))
    rows: list[list[object]] = [
        [t.tier or "(other)", _money(t.mrr), t.paying_at_start, t.paying_at_end, t.cancelled,
         _percent(t.churn), _money(t.received or Money.zero(result.currency))]
        for t in result.tiers]
    rows.append(["TOTAL", _money(result.mrr), sum(t.paying_at_start for t in result.tiers),
                 sum(t.paying_at_end for t in result.tiers),
                 sum(t.cancelled for t in result.tiers), _percent(result.churn),
                 _money(result.received)])
    emit_table(["TIER", "MRR", "AT START", "AT END", "CANCELLED", "CHURN", "RECEIVED"], rows)
    emit(f"received {_money(result.received)} - cost {_money(result.cost)} = margin "
         f"{_money(result.margin)}")
    if result.payouts:
        emit("paid out to the bank: " + ", ".join(_money(m) or "" for _, m in
                                                  sorted(result.payouts.items())))


def revenue_command(ns: argparse.Namespace) -> int:
    console = open_console()
    with opened_workspace(console, chosen_entry(console, ns)) as ws:
        service = ws.revenue
        try:
            start, end = month_range(ns.period or service.clock().strftime("%Y-%m"))
        except UsageRecordError as exc:
            raise UsageError(f"--period: {exc.message}") from None
        platforms = [ns.platform] if ns.platform else service.connected()
        if ns.platform:
            ws.blueprints.get_now(ns.platform)  # an unknown platform is named
        if not platforms:
            raise CliError("no platform is connected to Stripe; run 'webnova billing connect "
                           "--platform KEY' first")
        reads: dict[str, ReadReport] = {}
        results = []
        try:
            for platform in platforms:
                if not ns.offline:
                    reads[platform] = service.read_now(platform)
                results.append(service.report(platform, start, end))
        except MissingRateError as exc:
            raise CliError(f"{exc}; see 'webnova prices set-rate'") from None
    if ns.json:
        emit_json([{**r.to_json(), "read": reads[r.platform].to_json()
                    if r.platform in reads else None} for r in results])
        return EXIT_OK
    for i, result in enumerate(results):
        if i:
            emit()
        _text(result, reads.get(result.platform))
    return EXIT_OK
