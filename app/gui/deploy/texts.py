"""Deploy words in the console's language: resource kinds, plan actions, statuses, the
reasons of steps, money, and what went wrong while planning."""

from __future__ import annotations

import json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from app.domain.cloud.model import CloudSpecError, Kind, rule_key
from app.domain.cloud.plan import Action, Step
from app.domain.cloud.pricing import PricingError
from app.domain.cloud.render import reason as step_reason
from app.domain.numerals import money
from app.domain.redaction import redactor
from app.gui.deploy.environments import EnvironmentRow, EnvironmentStatus, Standing
from app.gui.formatting import fill, isolate, language, ltr
from app.gui.messages import error_text
from app.gui.qt import QCoreApplication

translate = QCoreApplication.translate
HOURLY = Decimal("0.0001")  # hourly prices are fractions of a cent: four places, as Hetzner shows

# A symbol per action, so the kind of change never rests on colour alone; "−" is the minus
# sign (the plan text writes the ASCII hyphen).
MARKS = {Action.CREATE: "+", Action.UPDATE: "~", Action.REPLACE: "−/+", Action.DELETE: "−"}


def kind_name(kind: Kind) -> str:
    return {
        Kind.ssh_key: translate("Deploy", "SSH key"),
        Kind.network: translate("Deploy", "Network"),
        Kind.firewall: translate("Deploy", "Firewall"),
        Kind.primary_ip: translate("Deploy", "Primary IP"),
        Kind.server: translate("Deploy", "Server"),
        Kind.volume: translate("Deploy", "Volume"),
        Kind.load_balancer: translate("Deploy", "Load balancer"),
    }[kind]


def action_name(action: Action) -> str:
    return {
        Action.CREATE: translate("Deploy", "Create"),
        Action.UPDATE: translate("Deploy", "Update in place"),
        Action.REPLACE: translate("Deploy", "Replace"),
        Action.DELETE: translate("Deploy", "Delete"),
    }[action]


def state_name(status: EnvironmentStatus) -> str:
    return {
        EnvironmentStatus.NOT_DEPLOYED: translate("Deploy", "Not deployed"),
        EnvironmentStatus.APPLIED: translate("Deploy", "Applied"),
        EnvironmentStatus.STOPPED: translate("Deploy", "Stopped at a step"),
        EnvironmentStatus.INTERRUPTED: translate("Deploy", "Interrupted"),
        EnvironmentStatus.RUNNING: translate("Deploy", "Being deployed by another console"),
        EnvironmentStatus.CANCELLED: translate("Deploy", "Cancelled"),
        EnvironmentStatus.FAILED: translate("Deploy", "Failed"),
        EnvironmentStatus.ROLLED_BACK: translate("Deploy", "Rolled back"),
        EnvironmentStatus.DESTROYED: translate("Deploy", "Destroyed"),
    }[status]


def status_name(standing: Standing) -> str:
    """Where an environment stands, in words (never colour alone), with its latest
    deployment's number: "Applied (#3)", "Stopped at a step (#2)", "Not deployed"."""
    if standing.status is EnvironmentStatus.NOT_DEPLOYED:
        return state_name(standing.status)
    return fill(translate("Deploy", "%1 (#%2)"), state_name(standing.status), standing.number)


def drift_badge(items: int | None) -> str:
    """The drift column: empty until checked, then "No drift" or "Drifted (n)"."""
    if items is None:
        return ""
    if items == 0:
        return translate("Deploy", "No drift")
    return fill(translate("Deploy", "Drifted (%1)"), items)


def step_words(step_id: str) -> str:
    """A journal step id ("create:server:wn-hub-staging-app-1") as words: "Create Server
    wn-hub-staging-app-1"."""
    action, kind, name = [*step_id.split(":", 2), "", ""][:3]
    try:
        said_action = action_name(Action(action))
        said_kind = kind_name(Kind(kind))
    except ValueError:
        return ltr(step_id)
    # Joined, not isolated one by one: the words give the phrase the language's direction.
    return f"{said_action} {said_kind} {ltr(name)}"


def _rules_by_key(rules: Any) -> dict[tuple[str, str, str], Mapping[str, Any]]:
    """Firewall rules by direction, protocol and port (rules sharing one read as one)."""
    merged: dict[tuple[str, str, str], Mapping[str, Any]] = {}
    for rule in rules if isinstance(rules, list) else []:
        if isinstance(rule, Mapping):
            key = rule_key(rule)
            if key in merged:
                sources = {*(merged[key].get("source_ips") or []), *(rule.get("source_ips") or [])}
                merged[key] = {**merged[key], "source_ips": sorted(sources)}
            else:
                merged[key] = rule
    return merged


def _rule_name(key: tuple[str, str, str]) -> str:
    _direction, protocol, port = key
    return ltr(protocol if port in ("None", "") else f"{protocol} {port}")


def _sources(key: tuple[str, str, str], rule: Mapping[str, Any]) -> str:
    listed = ", ".join(str(s) for s in rule.get("source_ips") or rule.get("destination_ips") or [])
    if not listed:
        return translate("Deploy", "from nowhere")
    if key[0] == "in":
        return fill(translate("Deploy", "from %1"), ltr(listed))
    return fill(translate("Deploy", "to %1 (outbound)"), ltr(listed))


def rule_changes(before: Any, after: Any) -> list[str]:
    """A firewall's rules change, rule by rule: "+ tcp 22 from 203.0.113.0/24",
    "− tcp 5432 from 0.0.0.0/0", "~ tcp 22 from 203.0.113.0/24 → 198.51.100.0/24"."""
    old, new = _rules_by_key(before), _rules_by_key(after)
    lines: list[tuple[tuple[str, str, str], str]] = []
    for key in new.keys() - old.keys():
        lines.append((key, fill("+ %1 %2", _rule_name(key), _sources(key, new[key]))))
    for key in old.keys() - new.keys():
        lines.append((key, fill("− %1 %2", _rule_name(key), _sources(key, old[key]))))
    for key in old.keys() & new.keys():
        was, now = old[key], new[key]
        if dict(was) == dict(now):
            continue
        if was.get("source_ips") != now.get("source_ips"):
            text = fill("~ %1 %2 → %3", _rule_name(key), _sources(key, was),
                        ltr(", ".join(str(s) for s in now.get("source_ips") or [])))
        else:
            text = fill("~ %1: %2", _rule_name(key), change_text(dict(was), dict(now)))
        lines.append((key, text))
    def order(line: tuple[tuple[str, str, str], str]) -> tuple[str, str, int, str]:
        (direction, protocol, port), _text = line
        return direction, protocol, int(port) if port.isdigit() else -1, port

    return [text for _key, text in sorted(lines, key=order)]


def reason(step: Step) -> str:
    """Why the step is in the plan (the domain says it in English and Arabic)."""
    return step_reason(step, "ar" if language() == "ar" else "en")


def value_text(value: Any) -> str:
    """A setting's value as written in the provider's terms, read left to right."""
    if value is None:
        return "—"
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False,
                                                           sort_keys=True)
    return ltr(text) if text else "—"


def change_text(before: Any, after: Any) -> str:
    return fill(translate("Deploy", "from %1 to %2"), value_text(before), value_text(after))


def platform_name(row: EnvironmentRow) -> str:
    return (row.name_ar if language() == "ar" and row.name_ar else row.name_en) or row.platform


def region_text(row: EnvironmentRow) -> str:
    if row.on_hetzner:
        return fill(translate("Deploy", "%1 (Hetzner)"), ltr(row.region))
    if row.provider == "on_premises":
        return fill(translate("Deploy", "%1 (on premises)"), ltr(row.region))
    return fill(translate("Deploy", "%1 (at %2)"), ltr(row.region), ltr(row.provider))


def amount(value: Decimal, currency: str, hourly: bool = False) -> str:
    """An amount in the price list's currency, written the console's way."""
    if hourly:
        return money(value.quantize(HOURLY), currency, language(), exact=True)
    return money(value, currency, language())


def delta(value: Decimal, currency: str, hourly: bool = False) -> str:
    """A change of cost with its sign: "+€12.40", "-€3.00" (Babel's minus), "€0.00"."""
    written = amount(value, currency, hourly)
    return isolate("+" + written) if value > 0 else written


def spec_problem(exc: CloudSpecError) -> str:
    """The domain's own words for a wrong setting, in the console's language."""
    return exc.message_ar if language() == "ar" else exc.message_en


def problem_text(exc: BaseException) -> str:
    """What stopped a plan, never with a token or key in it."""
    if isinstance(exc, CloudSpecError):
        text = fill(translate("Deploy", "The setting %1: %2"), ltr(exc.setting), spec_problem(exc))
    elif isinstance(exc, PricingError):
        text = fill(translate("Deploy", "The price list has no price for part of this plan: %1"),
                    ltr(str(exc)))
    else:
        text = error_text(exc)
    return redactor.redact(text)
