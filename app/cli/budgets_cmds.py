"""``webnova budgets list|set|remove|check``: the owner's budgets, their thresholds and the
crossings recorded (app/services/budgets.py). ``check`` records and prints the thresholds
crossed since the last check; ``usage import`` and ``usage meter`` run it too. Exit codes:
0 done, 1 failed (bad input names what is wrong), 2 usage error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from app.cli.context import chosen_entry, open_console, opened_workspace
from app.cli.output import EXIT_OK, CliError, emit, emit_json, emit_table
from app.domain.costs.budgets import (
    DEFAULT_THRESHOLDS,
    FORECAST,
    BudgetError,
    Crossing,
    parse_thresholds,
)
from app.domain.costs.money import MoneyError
from app.services.budgets import BudgetService, BudgetServiceError, parse_budget

Option = Callable[[argparse.ArgumentParser], None]


def register(commands: Any, workspace_option: Option, json_option: Option) -> None:
    text = "budgets: how much may be spent on what, and the warnings when it is reached"
    group = commands.add_parser("budgets", help=text, description=text.capitalize() + ". Exit "
                                "codes: 0 done, 1 failed (bad input is named), 2 usage error.")
    actions = group.add_subparsers(dest="action", metavar="ACTION", required=True)

    def action(name: str, help_text: str, audited: bool = False) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = actions.add_parser(name, help=help_text,
                                                        description=help_text)
        workspace_option(p)
        json_option(p)
        p.set_defaults(handler=budgets_command, audited=audited)
        return p

    action("list", "every budget with its period's spend, forecast and crossings")
    p = action("set", "set a budget (replacing one of the same name); without a scope it "
                      "covers the whole workspace", audited=True)
    p.add_argument("name", metavar="NAME", help="the budget's name (e.g. hub-production)")
    p.add_argument("--amount", required=True, help="the amount (e.g. 500)")
    p.add_argument("--currency", required=True, help="its currency (ISO 4217, e.g. SAR)")
    for dimension in ("platform", "environment", "tenant", "provider"):
        p.add_argument(f"--{dimension}", metavar="NAME", help=f"only this {dimension}'s usage")
    p.add_argument("--thresholds", default=",".join(map(str, DEFAULT_THRESHOLDS)),
                   help="percentages to warn at (default 50,80,100)")
    p.add_argument("--from", dest="start", metavar="DATE",
                   help="a fixed period's first day (default: every calendar month)")
    p.add_argument("--to", dest="last", metavar="DATE", help="a fixed period's last day")
    p = action("remove", "remove a budget", audited=True)
    p.add_argument("name", metavar="NAME", help="the budget to remove")
    action("check", "record and print the thresholds crossed since the last check",
           audited=True)


def budgets_command(ns: argparse.Namespace) -> int:
    console = open_console()
    with opened_workspace(console, chosen_entry(console, ns)) as ws:
        service: BudgetService = ws.budgets
        try:
            if ns.action == "list":
                return _list(ns, service)
            if ns.action == "check":
                crossed = service.check(ws.current_user)
                if ns.json:
                    emit_json([c.to_json() for c in crossed])
                elif not crossed:
                    emit("no budget threshold newly crossed")
                for crossing in crossed if not ns.json else ():
                    emit(describe(crossing))
                return EXIT_OK
            ws.governance.ensure_owner_now()
            if ns.action == "set":
                return _set(ns, service, ws.current_user)
            service.remove(ns.name, ws.current_user)
            if ns.json:
                emit_json({"removed": ns.name})
            else:
                emit(f"removed budget {ns.name!r}")
            return EXIT_OK
        except (BudgetServiceError, MoneyError) as exc:
            raise CliError(str(exc)) from None


def _set(ns: argparse.Namespace, service: BudgetService, actor: str) -> int:
    try:
        thresholds = list(parse_thresholds(ns.thresholds))
    except BudgetError as exc:
        raise CliError(str(exc)) from None
    scope = {d: getattr(ns, d) for d in ("platform", "environment", "tenant", "provider")
             if getattr(ns, d)}
    fields: dict[str, Any] = {"name": ns.name, "amount": ns.amount, "currency": ns.currency,
                              "scope": scope, "thresholds": thresholds}
    if bool(ns.start) != bool(ns.last):
        raise CliError("a fixed period needs both --from and --to (without them: every month)")
    if ns.start or ns.last:
        fields["period"] = {"from": ns.start, "to": ns.last}
    budget = service.set(parse_budget(fields), actor)
    if ns.json:
        emit_json(budget.to_json())
        return EXIT_OK
    period = "each month" if budget.monthly else budget.period_key(service.today())
    emit(f"budget {budget.name!r}: {budget.amount.amount} {budget.amount.currency} "
         f"{period} for {scope_text(budget.scope)}, warning at "
         f"{', '.join(f'{t}%' for t in budget.thresholds)}")
    return EXIT_OK


def scope_text(scope: dict[str, str] | Any) -> str:
    return ", ".join(f"{k} {v}" for k, v in scope.items()) or "the whole workspace"


def describe(crossing: Crossing) -> str:
    spent = f"{crossing.spent.rounded().amount} {crossing.amount.currency}"
    if crossing.kind == FORECAST:
        return (f"budget {crossing.budget!r} ({crossing.period}): the forecast "
                f"{crossing.forecast.rounded().amount} passes the budget of "
                f"{crossing.amount.amount} {crossing.amount.currency} (spent so far {spent})")
    return (f"budget {crossing.budget!r} ({crossing.period}): {crossing.threshold}% reached, "
            f"{spent} of {crossing.amount.amount} {crossing.amount.currency} spent")


def _list(ns: argparse.Namespace, service: BudgetService) -> int:
    states = service.states()
    if ns.json:
        emit_json([s.to_json() for s in states])
        return EXIT_OK
    if not states:
        emit("no budgets; set one with 'webnova budgets set NAME --amount A --currency C'")
        return EXIT_OK
    emit_table(["NAME", "SCOPE", "PERIOD", "AMOUNT", "SPENT", "FORECAST", "CROSSED"],
               [[s.budget.name, scope_text(s.budget.scope), s.period,
                 f"{s.budget.amount.amount} {s.budget.amount.currency}",
                 f"{s.forecast.spent.rounded().amount} ({s.spent_percent}%)",
                 s.forecast.forecast.rounded().amount,
                 ", ".join(f"{c.threshold}%" + (" forecast" if c.kind == FORECAST else "")
                           for c in s.crossed) or None] for s in states])
    return EXIT_OK


def check_after_usage(ws: Any) -> list[str]:
    """After usage was recorded: record the crossings it caused and say them. A check that
    cannot run (a missing exchange rate, say) says so and leaves the usage recorded."""
    try:
        crossed = ws.budgets.check(ws.current_user)
    except (BudgetServiceError, MoneyError) as exc:
        return [f"note: budgets not checked: {exc}"]
    return [describe(crossing) for crossing in crossed]


def say_after(lines: list[str], json_output: bool) -> None:
    """Crossings after a command's own output (on stderr when stdout carries JSON, and
    notes always)."""
    for line in lines:
        print(line, file=sys.stderr if json_output or line.startswith("note: ") else sys.stdout)
