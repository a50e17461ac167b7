"""``webnova prices sync|list|rates|set-rate|set-model|define|quote``: the workspace's price
books — Hetzner's price list synced from an account, Anthropic's model prices (shipped, and
the owner's own, dated), the owner's price models for their tenants, and the owner's dated
exchange rates. Exit codes: 0 done, 1 failed (bad input names what is wrong), 2 usage error.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from app.cli.context import chosen_entry, open_console, opened_workspace
from app.cli.output import EXIT_OK, CliError, UsageError, emit, emit_json, emit_table
from app.domain.blueprint.document import parse_document
from app.domain.costs.anthropic import ModelPriceError, parse_date
from app.domain.costs.books import PROVIDERS, Resource
from app.domain.costs.hetzner import HetznerPrices
from app.domain.costs.pricing import PriceModel, Rule
from app.services.price_books import PriceBookService, PriceBookServiceError, Recorded

Option = Callable[[argparse.ArgumentParser], None]


def register(commands: Any, workspace_option: Option, json_option: Option) -> None:
    text = ("the workspace's price books: Hetzner's prices, Claude model prices, the owner's "
            "price models and exchange rates")
    group = commands.add_parser("prices", help=text, description=text.capitalize() + ". Exit "
                                "codes: 0 done, 1 failed (bad input is named), 2 usage error.")
    actions = group.add_subparsers(dest="action", metavar="ACTION", required=True)

    def action(name: str, help_text: str) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = actions.add_parser(name, help=help_text,
                                                        description=help_text)
        workspace_option(p)
        json_option(p)
        p.set_defaults(handler=prices_command)
        return p

    p = action("sync", "read a Hetzner account's price list and keep it, in force from today")
    p.add_argument("--account", required=True, metavar="NAME",
                   help="the cloud account (see 'webnova cloud list')")
    p = action("list", "the prices in force on a day")
    p.add_argument("--provider", choices=PROVIDERS, help="only this price book")
    p.add_argument("--on", metavar="DATE", help="the day (YYYY-MM-DD; default today)")
    action("rates", "the owner's exchange rates")
    p = action("set-rate", "enter an exchange rate: one FROM is worth RATE TO from --date on")
    p.add_argument("base", metavar="FROM", help="the currency converted from (ISO 4217, e.g. EUR)")
    p.add_argument("quote", metavar="TO", help="the currency converted to (e.g. SAR)")
    p.add_argument("rate", metavar="RATE", help="how many TO one FROM is worth (e.g. 4.05)")
    p.add_argument("--date", required=True, metavar="DATE", help="in force from (YYYY-MM-DD)")
    p = action("set-model", "enter the owner's price for a Claude model, in US dollars per "
                            "million tokens, from --date on")
    p.add_argument("model", help="a model id or family (e.g. claude-sonnet-4)")
    for name in ("input", "output", "cache-write", "cache-read"):
        p.add_argument(f"--{name}", required=True, metavar="USD", help=f"{name} price")
    p.add_argument("--date", required=True, metavar="DATE", help="in force from (YYYY-MM-DD)")
    p = action("define", "the owner's price models for their tenants, from a YAML or JSON file "
                         "(replacing the previous set from --date on)")
    p.add_argument("file", type=Path, help="the models: {models: [{name, rule, unit, prices}]}")
    p.add_argument("--date", required=True, metavar="DATE", help="in force from (YYYY-MM-DD)")
    p = action("quote", "what a quantity of a resource costs on a day, in a currency")
    p.add_argument("provider", choices=PROVIDERS, help="whose price book")
    p.add_argument("kind", help="hetzner: server, load_balancer, primary_ip, volume, traffic; "
                                "anthropic: input, output, cache_write, cache_read; owner: -")
    p.add_argument("name", nargs="?", default="",
                   help="server / load balancer type, ipv4 / ipv6, model, or price model")
    p.add_argument("--quantity", required=True,
                   help="hours, TB of traffic over the included, tokens, or the model's unit")
    p.add_argument("--location", default="", help="Hetzner location (e.g. fsn1)")
    p.add_argument("--size-gb", type=int, default=0, help="a volume's size")
    p.add_argument("--country", help="the tenant's country, for the owner's regional prices")
    p.add_argument("--currency", required=True, help="the currency of the answer (e.g. SAR)")
    p.add_argument("--on", metavar="DATE", help="the day (YYYY-MM-DD; default today)")


def _day(text: str | None, option: str, service: PriceBookService) -> date:
    if text is None:
        return service.today()
    try:
        return parse_date(text, option)
    except ModelPriceError as exc:
        raise UsageError(str(exc)) from None


def prices_command(ns: argparse.Namespace) -> int:
    console = open_console()
    with opened_workspace(console, chosen_entry(console, ns)) as ws:
        service = ws.prices
        if ns.action == "list":
            return _list(ns, service.recorded(), service, _day(ns.on, "--on", service))
        if ns.action == "rates":
            rates = service.recorded().rates
            if ns.json:
                emit_json([r.to_json() for r in rates])
            elif not rates:
                emit("no exchange rates; enter one with 'webnova prices set-rate FROM TO RATE "
                     "--date YYYY-MM-DD'")
            else:
                emit_table(["FROM", "TO", "RATE", "IN FORCE FROM"],
                           [[r.base, r.quote, r.rate, r.effective] for r in rates])
            return EXIT_OK
        if ns.action == "quote":
            return _quote(ns, service)
        ws.governance.ensure_owner_now()
        me = ws.current_user
        caller = ws.users.get(me)
        if caller is None or not caller.active:
            raise CliError(f"{me!r} is not an active user of this workspace")
        if ns.action == "sync":
            synced = service.sync_hetzner(ns.account, me)
            count = len(synced.prices.server_types)
            if ns.json:
                emit_json({"account": synced.account, "effective": synced.effective.isoformat(),
                           "currency": synced.prices.currency, "server_prices": count,
                           "load_balancer_prices": len(synced.prices.load_balancer_types)})
            else:
                emit(f"synced Hetzner prices of account {synced.account!r}: {count} server "
                     f"prices by location in {synced.prices.currency}, in force from "
                     f"{synced.effective.isoformat()}")
            return EXIT_OK
        if ns.action == "set-rate":
            rate = service.set_rate(ns.base, ns.quote, ns.rate, ns.date, me)
            if ns.json:
                emit_json(rate.to_json())
            else:
                emit(f"1 {rate.base} = {rate.rate} {rate.quote} from {rate.effective.isoformat()}")
            return EXIT_OK
        if ns.action == "set-model":
            entry = service.set_model_price(ns.model, {
                "input": ns.input, "output": ns.output, "cache_write": ns.cache_write,
                "cache_read": ns.cache_read}, ns.date, me)
            if ns.json:
                emit_json(entry.to_json())
            else:
                emit(f"{entry.model}: {entry.input} in, {entry.output} out, cache write "
                     f"{entry.cache_write}, cache read {entry.cache_read} {entry.currency} per "
                     f"million tokens from {entry.effective.isoformat()}")
            return EXIT_OK
        return _define(ns, service, me)


def _define(ns: argparse.Namespace, service: PriceBookService, actor: str) -> int:
    path: Path = ns.file
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CliError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    parsed = parse_document(raw, "json" if path.suffix.lower() == ".json" else "yaml")
    if parsed.data is None:
        problems = "; ".join(f.message_en for f in parsed.findings)
        raise CliError(f"{path}: {problems}")
    try:
        defined = service.define_models(parsed.data, ns.date, actor)
    except PriceBookServiceError as exc:
        raise CliError(f"{path}: {exc}") from None
    names = ", ".join(m.name for m in defined.models)
    if ns.json:
        emit_json({"effective": defined.effective.isoformat(), "models": names.split(", ")})
    else:
        many = len(defined.models)
        emit(f"defined {many} price {'model' if many == 1 else 'models'} from "
             f"{defined.effective.isoformat()}: {names}")
    return EXIT_OK


def _quote(ns: argparse.Namespace, service: PriceBookService) -> int:
    on = _day(ns.on, "--on", service)
    kind = "" if ns.provider == "owner" else ns.kind
    name = ns.kind if ns.provider == "owner" and not ns.name else ns.name
    resource = Resource(ns.provider, kind, name, ns.location, ns.size_gb, ns.country)
    price = service.books().price(resource, ns.quantity, on, ns.currency)
    if ns.json:
        emit_json({**price.to_json(), "on": on.isoformat()})
    else:
        emit(f"{price.amount} {price.currency} on {on.isoformat()}")
    return EXIT_OK


# ---------------------------------------------------------------- list


def _in_force(recorded: Recorded, on: date) -> tuple[Any, ...]:
    sync = max((s for s in recorded.hetzner if s.effective <= on),
               key=lambda s: s.effective, default=None)
    owner = max((o for o in recorded.owner if o.effective <= on),
                key=lambda o: o.effective, default=None)
    return sync, owner


def hetzner_rows(prices: HetznerPrices, effective: date) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []

    def add(resource: str, name: str, location: str, hourly: Decimal | None,
            monthly: Decimal, unit: str) -> None:
        rows.append({"provider": "hetzner", "resource": resource, "name": name,
                     "location": location, "hourly": None if hourly is None else str(hourly),
                     "monthly": str(monthly), "unit": unit, "currency": prices.currency,
                     "effective": effective.isoformat()})

    for (name, location), price in sorted(prices.server_types.items()):
        add("server", name, location, price.net.hourly.amount, price.net.monthly.amount, "server")
    for (name, location), price in sorted(prices.load_balancer_types.items()):
        add("load_balancer", name, location, price.net.hourly.amount, price.net.monthly.amount,
            "load balancer")
    for (name, location), (net, _gross) in sorted(prices.primary_ips.items()):
        add("primary_ip", name, location, net.hourly.amount, net.monthly.amount, "address")
    add("volume", "", "", None, prices.volume_gb_month[0].amount, "GB")
    return rows


def owner_rows(models: tuple[PriceModel, ...], effective: date) -> list[dict[str, Any]]:
    rows = []
    for model in models:
        for price in model.prices:
            if model.rule is Rule.FLAT:
                shown = str(price.amount)
            elif model.rule is Rule.PER_UNIT:
                shown = f"{price.unit_price} per {model.unit}"
            else:
                shown = "; ".join(f"{'up to ' + str(t.up_to) if t.up_to is not None else 'then'}: "
                                  f"{t.unit_price}" + (f" + {t.flat_fee}" if t.flat_fee else "")
                                  for t in price.tiers)
            rows.append({"provider": "owner", "model": model.name, "rule": model.rule.value,
                         "unit": model.unit, "country": price.country, "currency": price.currency,
                         "price": shown, "effective": effective.isoformat()})
    return rows


def _list(ns: argparse.Namespace, recorded: Recorded, service: PriceBookService, on: date) -> int:
    wanted = [ns.provider] if ns.provider else list(PROVIDERS)
    sync, owner = _in_force(recorded, on)
    entries: list[dict[str, Any]] = []
    if "hetzner" in wanted and sync is not None:
        entries += hetzner_rows(sync.prices, sync.effective)
    if "anthropic" in wanted:
        entries += [{"provider": "anthropic", **e.to_json()}
                    for e in service.books().anthropic.current(on)]
    if "owner" in wanted and owner is not None:
        entries += owner_rows(owner.models, owner.effective)
    if ns.json:
        emit_json(entries)
        return EXIT_OK
    empty = {"hetzner": "no Hetzner prices; sync them with 'webnova prices sync --account NAME'",
             "owner": "no price models of the owner's; define them with 'webnova prices define "
                      "FILE --date YYYY-MM-DD'"}
    for provider in wanted:
        rows = [e for e in entries if e["provider"] == provider]
        if not rows:
            emit(empty.get(provider, f"no {provider} prices in force on {on.isoformat()}"))
        elif provider == "hetzner":
            emit(f"Hetzner (net, {rows[0]['currency']}, in force from {rows[0]['effective']}):")
            emit_table(["RESOURCE", "NAME", "LOCATION", "HOURLY", "MONTHLY", "PER"],
                       [[r["resource"], r["name"] or None, r["location"] or None, r["hourly"],
                         r["monthly"], r["unit"]] for r in rows])
        elif provider == "anthropic":
            emit("Anthropic (USD per million tokens):")
            emit_table(["MODEL", "INPUT", "OUTPUT", "CACHE WRITE", "CACHE READ", "FROM", "SOURCE"],
                       [[r["model"], r["input"], r["output"], r["cache_write"], r["cache_read"],
                         r["effective"], r["source"]] for r in rows])
        else:
            emit(f"The owner's price models (in force from {rows[0]['effective']}):")
            emit_table(["MODEL", "RULE", "COUNTRY", "CURRENCY", "PRICE"],
                       [[r["model"], r["rule"], r["country"] or "default", r["currency"],
                         r["price"]] for r in rows])
    return EXIT_OK
