"""``webnova costs report|currency``: what usage cost and earned, priced by the workspace's
price books in the owner's currency (app/services/costs.py).

``report`` prints a table (amounts formatted by Babel for ``--language``: English, or Arabic
with Arabic-Indic digits), ``--json`` plain decimals with the currency, or ``--csv`` for a
finance team: a header row, one row per group and a totals row. Usage that could not be
priced is listed with its reason (never counted as zero). Exit codes: 0 done, 1 failed (a
missing exchange rate names the pair and the day), 2 usage error.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from app.cli.context import chosen_entry, open_console, opened_workspace
from app.cli.output import EXIT_OK, CliError, UsageError, emit, emit_json, emit_table
from app.domain.costs.anthropic import ModelPriceError, parse_date
from app.domain.costs.costing import CostSum
from app.domain.costs.money import MissingRateError, Money, format_money, total
from app.domain.costs.usage import UsageRecordError, month_range
from app.domain.numerals import arabic_digits
from app.services.costs import CostReport
from app.services.price_books import PriceBookServiceError

Option = Callable[[argparse.ArgumentParser], None]
GROUPS = ("platform", "environment", "tenant", "category", "provider")
HEADERS = {
    "en": {"platform": "PLATFORM", "environment": "ENVIRONMENT", "tenant": "TENANT",
           "category": "CATEGORY", "provider": "PROVIDER", "cost": "COST", "revenue": "REVENUE",
           "margin": "MARGIN", "total": "TOTAL", "none": "(none)", "day": "DAY",
           "resource": "RESOURCE", "sku": "SKU", "quantity": "QUANTITY", "reason": "REASON",
           "received": "RECEIVED (STRIPE)"},
    "ar": {"platform": "المنصة", "environment": "البيئة", "tenant": "المستأجر",
           "category": "الفئة", "provider": "المزوّد", "cost": "التكلفة", "revenue": "الإيراد",
           "margin": "الهامش", "total": "الإجمالي", "none": "(بلا)", "day": "اليوم",
           "resource": "المورد", "sku": "الصنف", "quantity": "الكمية", "reason": "السبب",
           "received": "المستلَم (Stripe)"},
}


def register(commands: Any, workspace_option: Option, json_option: Option) -> None:
    text = "what usage cost and earned, priced by the price books in the owner's currency"
    group = commands.add_parser("costs", help=text, description=text.capitalize() + ". Exit "
                                "codes: 0 done, 1 failed, 2 usage error.")
    actions = group.add_subparsers(dest="action", metavar="ACTION", required=True)

    p = actions.add_parser(
        "report", help="cost, revenue and margin of a month or days, by a dimension",
        description="Cost, revenue and margin of a month (--period) or of the days --from to "
        "--to (both included), grouped by --by. Usage that cannot be priced is listed with "
        "its reason and not counted.")
    p.add_argument("--period", metavar="YYYY-MM", help="the month (default: this month, UTC)")
    p.add_argument("--from", dest="start", metavar="DATE", help="the first day (YYYY-MM-DD)")
    p.add_argument("--to", dest="last", metavar="DATE", help="the last day, included")
    p.add_argument("--by", choices=GROUPS, default="platform", help="group by (default platform)")
    p.add_argument("--language", choices=("en", "ar"), default="en",
                   help="the table's language and number format")
    workspace_option(p)
    formats = p.add_mutually_exclusive_group()
    formats.add_argument("--json", action="store_true", help="print the result as JSON")
    formats.add_argument("--csv", action="store_true", help="print CSV for a spreadsheet")
    p.set_defaults(handler=report_costs)

    p = actions.add_parser("currency", help="show or set the owner's currency",
                           description="Without CODE, the owner's currency; with CODE "
                           "(ISO 4217, e.g. SAR) it becomes the currency of costs, budgets "
                           "and reports (each day converted at that day's rate).")
    p.add_argument("code", nargs="?", metavar="CODE", help="the new currency")
    workspace_option(p)
    json_option(p)
    p.set_defaults(handler=currency_command)


def _day(text: str, option: str) -> date:
    try:
        return parse_date(text, option)
    except ModelPriceError as exc:
        raise UsageError(str(exc)) from None


def period_of(ns: argparse.Namespace, today: date) -> tuple[date, date]:
    """``[start, end)`` from --period or --from/--to (this month when neither is given)."""
    if ns.period and (ns.start or ns.last):
        raise UsageError("use --period or --from/--to, not both")
    if ns.start or ns.last:
        if not (ns.start and ns.last):
            raise UsageError("--from and --to go together")
        start, end = _day(ns.start, "--from"), _day(ns.last, "--to") + timedelta(days=1)
        if end <= start:
            raise UsageError(f"--to ({ns.last}) is before --from ({ns.start})")
        return start, end
    try:
        return month_range(ns.period or today.strftime("%Y-%m"))
    except UsageRecordError as exc:
        raise UsageError(f"--period: {exc.message}") from None


def report_costs(ns: argparse.Namespace) -> int:
    console = open_console()
    entry = chosen_entry(console, ns)
    with opened_workspace(console, entry) as workspace:
        service = workspace.costs
        start, end = period_of(ns, service.today())
        try:
            report = service.report(start, end, by=[ns.by])
            received = {p: r.received for p, r in workspace.revenue.received(start, end).items()
                        } if ns.by == "platform" else {}
        except MissingRateError as exc:
            raise CliError(f"{exc}; see 'webnova prices set-rate'") from None
    if ns.json:
        emit_json(with_received(report.to_json(), received))
    elif ns.csv:
        write_csv(report, ns.by, received)
    else:
        print_table(report, ns.by, ns.language, received)
    return EXIT_OK


def with_received(data: dict[str, Any], received: dict[str, Money]) -> dict[str, Any]:
    """The money received at Stripe per platform (``webnova billing revenue``), beside the
    revenue the owner's price models give usage: a platform without Stripe events has none."""
    if received:
        for group in data["groups"]:
            got = received.get(group.get("platform") or "")
            group["received_stripe"] = None if got is None else str(got.rounded().amount)
        data["received_stripe"] = {p: str(m.rounded().amount) for p, m in sorted(received.items())}
    return data


def write_csv(report: CostReport, by: str, received: dict[str, Money] | None = None) -> None:
    out = csv.writer(sys.stdout, lineterminator="\n")
    received = received or {}
    out.writerow([by, "cost", "revenue", "margin", "currency", "unpriced_rows"]
                 + (["received_stripe"] if received else []))

    def line(name: str, s: CostSum) -> list[str]:
        got = received.get(name) if name != "TOTAL" else total(received.values(), report.currency)
        return [name, *(str(m.rounded().amount) for m in (s.cost, s.revenue, s.margin)),
                report.currency, str(s.unpriced)] + (
            [str(got.rounded().amount) if got is not None else ""] if received else [])

    for group in report.groups:
        out.writerow(line(group.dimensions[by], group))
    out.writerow(line("TOTAL", report.total))


def print_table(report: CostReport, by: str, language: str,
                received: dict[str, Money] | None = None) -> None:
    words = HEADERS[language]
    locale = "ar" if language == "ar" else "en"
    received = received or {}

    def money(value: Money | None) -> str | None:
        return None if value is None else format_money(value, locale)

    last = report.end - timedelta(days=1)
    emit(f"{report.start.isoformat()} .. {last.isoformat()} ({report.currency})")
    rows: list[list[object]] = [
        [g.dimensions[by] or words["none"], money(g.cost), money(g.revenue), money(g.margin)]
        for g in report.groups]
    rows.append([words["total"], money(report.total.cost), money(report.total.revenue),
                 money(report.total.margin)])
    headers = [words[by], words["cost"], words["revenue"], words["margin"]]
    if received:  # by platform, and Stripe's events read for some: the real money received
        named = {str(g.dimensions[by]) for g in report.groups}
        rows[-1:-1] = [[p, None, None, None] for p in sorted(received) if p not in named]
        for row in rows[:-1]:
            row.append(money(received.get(str(row[0]))))
        rows[-1].append(money(total(received.values(), report.currency)))
        headers.append(words["received"])
    emit_table(headers, rows)
    if report.unpriced:
        count = len(report.unpriced)
        emit()
        emit(f"not priced, not counted ({count} {'row' if count == 1 else 'rows'}):"
             if language == "en" else f"لم تُسعَّر ولم تُحتسب ({arabic_digits(str(count))}):")
        emit_table([words["day"], words["resource"], words["sku"], words["quantity"],
                    words["reason"]],
                   [[u.day, u.dimensions["resource"], u.dimensions["sku"] or None,
                     f"{u.quantity} {u.dimensions['unit']}", u.why.text(language)]
                    for u in report.unpriced])


def currency_command(ns: argparse.Namespace) -> int:
    console = open_console()
    with opened_workspace(console, chosen_entry(console, ns)) as ws:
        prices = ws.prices
        if ns.code is None:
            code = prices.currency()
        else:
            ws.governance.ensure_owner_now()
            try:
                code = prices.set_currency(ns.code, ws.current_user)
            except PriceBookServiceError as exc:
                raise CliError(str(exc)) from None
    if ns.json:
        emit_json({"currency": code})
    elif ns.code is None:
        emit(f"costs are shown in {code}")
    else:
        emit(f"costs are now shown in {code}")
    return EXIT_OK
