"""The constitution: the owner's rules for every action, as a versioned YAML document.

Rule kinds:
- ``deny``: the action is refused, with a reason.
- ``require_approval``: approver roles, quorum, expiry, whether the requester may approve.
- ``budget``: a monthly limit per tenant or platform; exceeding it denies or needs approval.
- ``ai``: what AI may propose and its monthly token budget. AI never approves or applies,
  whatever the constitution says.

Conditions are CEL expressions over ``action`` (kind, actor, actor_kind, tenant_id,
subject, context), compiled once when the document is read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from app.domain.cel_core import compile_expression
from app.domain.governance.users import Role

RULE_KINDS = ("deny", "require_approval", "budget", "ai")
_ID = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,79}$")
_DURATION = re.compile(r"^(\d+)\s*([smhd])$")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


class ConstitutionError(ValueError):
    """A constitution that cannot be adopted; ``where`` names the rule and field."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}" if where else message)
        self.where = where
        self.message = message


@dataclass(frozen=True)
class Text:
    en: str
    ar: str


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str
    description: Text
    when_source: str | None
    when: Any  # compiled CEL program, or None (always)
    # deny
    reason: Text | None = None
    # require_approval (and budget with on_exceed require_approval)
    approvers: tuple[str, ...] = ()
    quorum: int = 1
    expires_in_seconds: int = 86_400
    requester_may_approve: bool = False
    # budget
    scope: str = "tenant"
    limit: Decimal | None = None
    currency: str | None = None
    on_exceed: str = "deny"
    # ai
    may_propose: tuple[str, ...] = ()
    monthly_token_budget: int | None = None

    def applies(self, action: dict[str, Any]) -> bool:
        if self.when is None:
            return True
        result = self.when.execute({"action": action})
        return result is True


@dataclass(frozen=True)
class Constitution:
    title: Text
    rules: tuple[Rule, ...]
    source: str  # the YAML text as adopted

    def rule(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)


def _text(value: Any, where: str, required: bool = True) -> Text | None:
    if value is None and not required:
        return None
    if not isinstance(value, dict) or not all(isinstance(value.get(k), str) and value.get(k, "").strip()
                                              for k in ("en", "ar")):
        raise ConstitutionError(where, "needs both an English ('en') and an Arabic ('ar') text")
    return Text(value["en"].strip(), value["ar"].strip())


def _duration(value: Any, where: str) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    if isinstance(value, str):
        match = _DURATION.match(value.strip())
        if match and int(match.group(1)) > 0:
            return int(match.group(1)) * _UNITS[match.group(2)]
    raise ConstitutionError(where, "must be a positive duration like 3600, '30m', '24h' or '7d'")


def _roles(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not value:
        raise ConstitutionError(where, "must list at least one approver role")
    known = {r.value for r in Role}
    for role in value:
        if role not in known:
            raise ConstitutionError(where, f"unknown role {role!r} (roles: {', '.join(sorted(known))})")
    return tuple(value)


def _compile(source: Any, where: str) -> Any:
    if source is None:
        return None
    if not isinstance(source, str) or not source.strip():
        raise ConstitutionError(where, "must be a CEL expression (text)")
    try:
        return compile_expression(source)
    except (ValueError, RuntimeError) as exc:
        first = str(exc).splitlines()[0]
        raise ConstitutionError(where, f"is not a valid CEL expression: {first}") from None


_ALLOWED_KEYS = {
    "deny": {"reason"},
    "require_approval": {"approvers", "quorum", "expires_in", "requester_may_approve"},
    "budget": {"scope", "limit", "currency", "on_exceed", "approvers", "quorum", "expires_in",
               "requester_may_approve"},
    "ai": {"may_propose", "monthly_token_budget"},
}
_COMMON = {"id", "kind", "description", "when"}


def _rule(raw: Any, index: int) -> Rule:
    where = f"rules[{index}]"
    if not isinstance(raw, dict):
        raise ConstitutionError(where, "must be a mapping")
    rule_id = raw.get("id")
    if not isinstance(rule_id, str) or not _ID.match(rule_id):
        raise ConstitutionError(f"{where}.id", "must be lower-case letters, digits, '.', '_' or '-'")
    where = f"rule {rule_id}"
    kind = raw.get("kind")
    if kind not in RULE_KINDS:
        raise ConstitutionError(f"{where}.kind", f"must be one of {', '.join(RULE_KINDS)}")
    unknown = sorted(set(raw) - _COMMON - _ALLOWED_KEYS[kind])
    if unknown:
        raise ConstitutionError(f"{where}.{unknown[0]}", f"is not a setting of a {kind} rule")
    description = _text(raw.get("description"), f"{where}.description")
    assert description is not None
    common: dict[str, Any] = {
        "id": rule_id, "kind": kind, "description": description,
        "when_source": raw.get("when"), "when": _compile(raw.get("when"), f"{where}.when"),
    }
    if kind == "deny":
        return Rule(**common, reason=_text(raw.get("reason"), f"{where}.reason"))
    approval: dict[str, Any] = {}
    if kind == "require_approval" or (kind == "budget" and raw.get("on_exceed") == "require_approval"):
        quorum = raw.get("quorum", 1)
        if not isinstance(quorum, int) or isinstance(quorum, bool) or not 1 <= quorum <= 20:
            raise ConstitutionError(f"{where}.quorum", "must be a whole number from 1 to 20")
        may_self = raw.get("requester_may_approve", False)
        if not isinstance(may_self, bool):
            raise ConstitutionError(f"{where}.requester_may_approve", "must be true or false")
        approval = {
            "approvers": _roles(raw.get("approvers"), f"{where}.approvers"),
            "quorum": quorum,
            "expires_in_seconds": _duration(raw.get("expires_in", "24h"), f"{where}.expires_in"),
            "requester_may_approve": may_self,
        }
    if kind == "require_approval":
        return Rule(**common, **approval)
    if kind == "budget":
        scope = raw.get("scope", "tenant")
        if scope not in ("tenant", "platform"):
            raise ConstitutionError(f"{where}.scope", "must be 'tenant' or 'platform'")
        try:
            limit = Decimal(str(raw.get("limit")))
        except InvalidOperation:
            raise ConstitutionError(f"{where}.limit", "must be an amount like 500 or 1250.50") from None
        if not limit.is_finite() or limit < 0:
            raise ConstitutionError(f"{where}.limit", "must be an amount of at least 0")
        currency = raw.get("currency")
        if not isinstance(currency, str) or not re.match(r"^[A-Z]{3}$", currency):
            raise ConstitutionError(f"{where}.currency", "must be an ISO 4217 code like EUR or SAR")
        on_exceed = raw.get("on_exceed", "deny")
        if on_exceed not in ("deny", "require_approval"):
            raise ConstitutionError(f"{where}.on_exceed", "must be 'deny' or 'require_approval'")
        return Rule(**common, **approval, scope=scope, limit=limit, currency=currency, on_exceed=on_exceed)
    may_propose = raw.get("may_propose", [])
    if not isinstance(may_propose, list) or not all(isinstance(k, str) for k in may_propose):
        raise ConstitutionError(f"{where}.may_propose", "must list action kinds")
    budget = raw.get("monthly_token_budget")
    if budget is not None and (not isinstance(budget, int) or isinstance(budget, bool) or budget < 0):
        raise ConstitutionError(f"{where}.monthly_token_budget", "must be a whole number of tokens")
    return Rule(**common, may_propose=tuple(may_propose), monthly_token_budget=budget)


def parse_constitution(source: str) -> Constitution:
    """Read and check a constitution; every problem names the rule and the setting."""
    import yaml

    try:
        raw = yaml.safe_load(source)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or "unreadable"
        where = f"line {mark.line + 1}" if mark is not None else ""
        raise ConstitutionError(where, f"not valid YAML ({problem})") from None
    if not isinstance(raw, dict):
        raise ConstitutionError("", "a constitution is a mapping with 'title' and 'rules'")
    unknown = sorted(set(raw) - {"title", "rules"})
    if unknown:
        raise ConstitutionError(unknown[0], "is not a part of a constitution")
    title = _text(raw.get("title"), "title")
    assert title is not None
    rules_raw = raw.get("rules")
    if not isinstance(rules_raw, list) or not rules_raw:
        raise ConstitutionError("rules", "must list at least one rule")
    rules = tuple(_rule(item, i) for i, item in enumerate(rules_raw))
    seen: set[str] = set()
    for rule in rules:
        if rule.id in seen:
            raise ConstitutionError(f"rule {rule.id}", "this id is used twice")
        seen.add(rule.id)
    return Constitution(title=title, rules=rules, source=source)
