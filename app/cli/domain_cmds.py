"""``webnova domain show|check|apply``: an environment's custom domain, the DNS records the
owner must create (shown, and checked with real DNS queries), the TLS status of the site,
and a changed domain put on the running app servers.

Exit codes: 0 done (``check``: DNS and TLS both good), 1 failed (``check``: a record
missing or wrong, or TLS not good), 2 usage error.
"""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.cli.context import chosen_entry, open_console, opened_workspace
from app.cli.output import EXIT_FAILED, EXIT_OK, CliError, UsageError, emit, emit_json, emit_table
from app.domain.cloud.model import CloudSpecError
from app.services.remote_ports import RemoteError

Option = Callable[[argparse.ArgumentParser], None]
_WHERE = {"load_balancer": "load balancer", "app_servers": "app server"}


def register(commands: Any, workspace_option: Option, json_option: Option) -> None:
    group = commands.add_parser(
        "domain", help="an environment's custom domain: DNS records and TLS status",
        description="The environment's domain (environments[].domain in the blueprint), the DNS "
                    "records the owner creates for it, their check and the site's TLS status.")
    actions = group.add_subparsers(dest="action", metavar="ACTION", required=True)

    def command(name: str, help_text: str, description: str) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = actions.add_parser(name, help=help_text, description=description)
        workspace_option(p)
        json_option(p)
        p.add_argument("platform", help="the blueprint's key")
        p.add_argument("--env", required=True, help="the environment (e.g. staging, production)")
        p.set_defaults(handler=domain_command)
        return p

    command("show", "the domain and the DNS records to create for it",
            "The environment's domain and the records to create at the DNS provider: A (and "
            "AAAA when there is IPv6) pointing at the entry point — the load balancer when the "
            "environment has one, else the app servers, as the cloud account has them now — and "
            "an optional CAA record allowing Let's Encrypt.")
    p = command("check", "resolve the records and read the site's certificate",
                "Resolve each record with a real DNS query and compare it (OK, missing, wrong), "
                "then connect to the domain on port 443 and read its certificate: issuer, "
                "expiry, valid for the name, trusted. Exit codes: 0 DNS and TLS good, 1 not, "
                "2 usage.")
    p.add_argument("--nameserver", metavar="IP[:PORT]",
                   help="ask this nameserver instead of the system's resolver")
    p.add_argument("--reach", metavar="HOST:PORT",
                   help="connect for TLS here instead of the domain on 443 (the domain is still "
                        "sent as SNI)")
    p.add_argument("--ca-file", metavar="FILE",
                   help="trust the authorities in this PEM file instead of the system's")
    p = command("apply", "put the blueprint's domain on the running app servers",
                "Write the Caddyfile for the blueprint's domain to every app server over SSH; "
                "the server checks it with 'caddy validate' and reloads Caddy (a refused file "
                "changes nothing). Run it after changing environments[].domain.")
    p.add_argument("--reach", action="append", default=[], metavar="SERVER=[USER@]HOST:PORT",
                   help="reach a server over SSH at another address (a tunnel or bastion; repeat)")


def domain_command(ns: argparse.Namespace) -> int:
    from app.bootstrap import build_domains
    from app.services.domains import DomainError

    console = open_console()
    with opened_workspace(console, chosen_entry(console, ns)) as ws:
        try:
            domains = build_domains(ws)
            if ns.action == "show":
                return _show(domains.show(ns.platform, ns.env), ns)
            if ns.action == "check":
                return _check(domains, ns)
            return _apply(domains, ws.current_user, ns)
        except CloudSpecError as exc:
            raise CliError(f"{exc.setting}: {exc.message_en}") from None
        except DomainError as exc:
            raise CliError(str(exc)) from None
        except RemoteError as exc:
            raise CliError(f"{exc}; the site was not changed there") from None


def _entry(plan: Any) -> str:
    addresses = ", ".join([*plan.entry.ipv4, *plan.entry.ipv6])
    where = _WHERE[plan.entry.kind] + ("s" if len(plan.entry.names) > 1 else "")
    return f"{where} {', '.join(plan.entry.names)} ({addresses})"


def _show(plan: Any, ns: argparse.Namespace) -> int:
    if ns.json:
        emit_json(plan.plain())
        return EXIT_OK
    title = f"{plan.platform} {plan.environment}"
    emit(f"entry point: {_entry(plan)}")
    if plan.domain is None:
        emit(f"{title}: domain none: the platform is served with the console's internal "
             f"certificate at {plan.internal_url}")
        emit("To use a domain, set environments[].domain in the blueprint, then run "
             f"'webnova domain apply {plan.platform} --env {plan.environment}'.")
        return EXIT_OK
    emit(f"{title}: domain {plan.domain}")
    emit("Create these records at your DNS provider:")
    emit_table(["NAME", "TYPE", "VALUE", ""],
               [[r.name, r.type, v, "optional: only Let's Encrypt may issue" if r.optional else ""]
                for r in plan.records for v in r.values])
    return EXIT_OK


def _check(domains: Any, ns: argparse.Namespace) -> int:
    from app.integrations.dns_lookup import DnsPythonLookup
    from app.integrations.tls_probe import SslTlsProbe
    from app.services.domains import DomainError, parse_address

    try:
        nameserver = parse_address(ns.nameserver, 53, "--nameserver") if ns.nameserver else None
        reach = parse_address(ns.reach, 443, "--reach") if ns.reach else None
    except DomainError as exc:
        raise UsageError(str(exc)) from None
    if ns.ca_file is not None and not Path(ns.ca_file).is_file():
        raise UsageError(f"--ca-file {ns.ca_file}: no such file")
    plan = domains.show(ns.platform, ns.env)
    result = domains.check(plan, DnsPythonLookup(nameserver), SslTlsProbe(), reach, ns.ca_file)
    if ns.json:
        emit_json(result.plain())
        return EXIT_OK if result.good else EXIT_FAILED
    emit(f"{plan.platform} {plan.environment}: domain {plan.domain}, entry point {_entry(plan)}")
    emit_table(["NAME", "TYPE", "EXPECTED", "FOUND", "STATE"],
               [[c.record.name, c.record.type, ", ".join(c.record.values),
                 ", ".join(c.found) or "-", c.describe()] for c in result.records])
    tls, at = result.tls, result.at
    cert = tls.certificate
    emit(f"TLS {tls.domain} at {tls.address}: {tls.describe(at)}")
    if cert is not None:
        emit(f"  issuer: {cert.issuer}")
        emit(f"  not after: {cert.not_after:%Y-%m-%d %H:%M} UTC ({tls.days_left(at)} days left)")
        emit(f"  valid for {tls.domain}: {'yes' if tls.valid_for_name else 'no'}; "
             f"trusted: {'yes' if tls.trusted else 'no'}")
    emit(f"DNS {'good' if result.dns_good else 'NOT good'}, "
         f"TLS {'good' if result.tls_good else 'NOT good'}")
    return EXIT_OK if result.good else EXIT_FAILED


def _apply(domains: Any, actor: str, ns: argparse.Namespace) -> int:
    from app.services.release_targets import parse_reach

    reach = parse_reach(ns.reach)
    done = asyncio.run(domains.apply(ns.platform, ns.env, reach, actor))
    site = domains.site_of(ns.platform, ns.env)
    served = site.domain or "none (Caddy's internal certificate)"
    if ns.json:
        emit_json({"platform": ns.platform, "environment": ns.env, "domain": site.domain,
                   "servers": done})
    else:
        for name in done:
            emit(f"{name}: Caddy serves {served}")
    return EXIT_OK
