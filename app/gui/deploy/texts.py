"""Deploy words in the console's language: resource kinds, plan actions, statuses, the
reasons of steps, money, and what went wrong while planning."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from app.domain.cloud.model import CloudSpecError, Kind
from app.domain.cloud.plan import Action, Step
from app.domain.cloud.pricing import PricingError
from app.domain.cloud.render import reason as step_reason
from app.domain.numerals import money
from app.domain.redaction import redactor
from app.gui.deploy.environments import EnvironmentRow, EnvironmentStatus
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


def status_name(status: EnvironmentStatus) -> str:
    return {EnvironmentStatus.NOT_DEPLOYED: translate("Deploy", "Not deployed")}[status]


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
