"""The assistant's words in the console's language: engines, intents, statuses, review
categories, regions, money and the notes the service adds to an answer."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from app.gui.blueprints.labels import domain_name, value_name
from app.gui.formatting import fill, isolate, language
from app.gui.qt import QCoreApplication

translate = QCoreApplication.translate


def engine_name(engine: str | None, model: str | None = None) -> str:
    """"Claude (claude-sonnet-4-6)" or "the offline planner"."""
    if engine == "claude":
        if model:
            return fill(translate("Assistant", "Claude (model %1)"), model)
        return "Claude"  # a name, the same in every language
    return translate("Assistant", "the offline planner")


def answered_by(engine: str | None, model: str | None = None) -> str:
    if engine == "claude":
        if model:
            return fill(translate("Assistant", "Answered by Claude, model %1"), model)
        return translate("Assistant", "Answered by Claude")
    return translate("Assistant", "Answered by the offline planner (no data left this computer)")


def answering(engine: str | None) -> str:
    if engine == "claude":
        return translate("Assistant", "Claude is answering…")
    return translate("Assistant", "The offline planner is answering…")


def intent_name(kind: str | None) -> str:
    names = {
        "create": translate("Assistant", "Create a new platform"),
        "modify": translate("Assistant", "Change this blueprint"),
        "explain": translate("Assistant", "Explain"),
        "cost": translate("Assistant", "A question about cost"),
        "compliance": translate("Assistant", "A question about compliance"),
        "deploy": translate("Assistant", "Deploy (handed to the deployment flow)"),
        "unknown": translate("Assistant", "Not understood"),
    }
    return names.get(kind or "", kind or "—")


def status_name(status: str) -> str:
    names = {
        "proposed": translate("Assistant", "Proposed a change"),
        "answered": translate("Assistant", "Answered"),
        "handed_off": translate("Assistant", "Handed to the deployment flow"),
        "rejected": translate("Assistant", "No valid proposal; nothing changed"),
        "denied": translate("Assistant", "Refused by the constitution; nothing changed"),
        "refused": translate("Assistant", "Claude declined the request; nothing changed"),
    }
    return names.get(status, status)


def category_name(category: str) -> str:
    names = {
        "security": translate("Assistant", "Security"),
        "performance": translate("Assistant", "Performance"),
        "compliance": translate("Assistant", "Compliance"),
        "best_practice": translate("Assistant", "Best practice"),
    }
    return names.get(category, category)


def frameworks_text(frameworks: list[str] | tuple[str, ...]) -> str:
    if not frameworks:
        return translate("Assistant", "None declared")
    return translate("Assistant", ", ").join(value_name("compliance", str(f)) for f in frameworks)


def domain_text(domain: str | None) -> str:
    return domain_name(domain) if domain else "—"


def country_name(code: str | None) -> str:
    if not code:
        return ""
    from babel import Locale

    names = Locale.parse(language()).territories
    return str(names.get(code.upper(), code))


def region_text(region: dict[str, Any] | None) -> str:
    """"Hetzner Cloud hel1 (Finland)"; the region code keeps its own direction."""
    region = region or {}
    provider = region.get("provider")
    code = region.get("region")
    if not provider and not code:
        return "—"
    where = " ".join(part for part in (value_name("provider", str(provider)) if provider else "",
                                       isolate(code) if code else "") if part)
    country = country_name(region.get("country"))
    return fill("%1 (%2)", where, country) if country else where


def names_text(names: list[str] | tuple[str, ...]) -> str:
    return translate("Assistant", ", ").join(isolate(n) for n in names) if names else "—"


def money(value: object, currency: str) -> str:
    from app.domain import numerals

    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        number = Decimal(0)
    if number and abs(number) < 1:  # a call costs fractions of a cent: show them
        return numerals.money(number.normalize(), currency, language(), exact=True)
    return numerals.money(number, currency, language())


def note_text(note: str) -> str:
    """The service's notes are English sentences; the ones the console knows are said in
    the active language (with the service's details after them), any other as written."""
    if note == "No Anthropic API key is set, so the offline planner answered.":
        return translate("Assistant", "No Anthropic API key is set, so the offline planner "
                                      "answered.")
    if note == "Turned on the safeguards the compliance checks require.":
        return translate("Assistant", "Turned on the safeguards the compliance checks require.")
    if note.startswith("Deploying is not done by the assistant"):
        return translate("Assistant", "Deploying is not done by the assistant: after accepting, "
                                      "start it from the deployment flow, with the approvals the "
                                      "constitution requires.")
    if note.endswith("the offline planner answered instead."):
        return fill(translate("Assistant", "Claude could not be reached, so the offline planner "
                                           "answered. %1"), note)
    if note.endswith("the rule-based review is shown."):
        return fill(translate("Assistant", "Claude's review could not be made, so the rule-based "
                                           "review is shown. %1"), note)
    if note.startswith("Refused tool call(s)"):
        return fill(translate("Assistant", "The assistant asked for actions it may not take; they "
                                           "were refused. %1"), note)
    return isolate(note)


def local(en: str, ar: str) -> str:
    """The text of a bilingual pair in the active language."""
    return ar if language() == "ar" and ar else en
