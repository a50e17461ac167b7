"""Deciding on one approval request, and the list of requests (Qt-free).

The approval dialog only draws an :class:`ApprovalDecisionFlow` and forwards the owner's
input. The flow refuses a decision without a reason, runs the decision through the
service, names what went wrong when the service refuses (separation of duties, not an
approver, expired, ...), and resolves the future that whoever asked for the decision
awaits. Nothing is decided unless :meth:`ApprovalDecisionFlow.decide` is called with an
explicit approve or reject.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from app.domain.governance.users import User
from app.services.approvals import ApprovalError, ApprovalRequest, ApprovalState
from app.services.governance import ActionDeniedError

# (request id, approver, approve, reason) -> the request after the vote
Decide = Callable[[str, str, bool, str], Awaitable[ApprovalRequest]]
# (request id, requester, reason) -> the withdrawn request
Withdraw = Callable[[str, str, str], Awaitable[ApprovalRequest]]
# Context values shown elsewhere (the constitution text is in the diff attachment).
HIDDEN_CONTEXT = frozenset({"source", "digest"})


def utcnow() -> datetime:
    return datetime.now(UTC)


class DecisionProblem(StrEnum):
    REASON_MISSING = "reason_missing"
    NOT_PENDING = "not_pending"  # already approved or rejected
    EXPIRED = "expired"
    OWN_REQUEST = "own_request"  # separation of duties
    NOT_AN_APPROVER = "not_an_approver"
    NOT_ACTIVE = "not_active"
    ALREADY_VOTED = "already_voted"
    DENIED = "denied"  # the vote counted, but the action was refused when carried out
    FAILED = "failed"  # anything else (a database error, ...)


# Problems that deciding again cannot cure: the dialog stops offering approve / reject.
FINAL_PROBLEMS = frozenset(DecisionProblem) - {DecisionProblem.REASON_MISSING, DecisionProblem.FAILED}


class Phase(StrEnum):
    READY = "ready"
    DECIDING = "deciding"
    DECIDED = "decided"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class DecisionFailure:
    problem: DecisionProblem
    detail: str = ""  # the service's own words
    error: BaseException | None = None
    denials: tuple[tuple[str, str], ...] = ()  # (English, Arabic) reasons of a denial

    @property
    def final(self) -> bool:
        return self.problem in FINAL_PROBLEMS


def classify(exc: BaseException, request: ApprovalRequest, approver: str,
             now: datetime) -> DecisionFailure:
    """Which of the service's refusals this is (the service raises one error class)."""
    if isinstance(exc, ActionDeniedError):
        denials = tuple((m.message_en, m.message_ar) for m in exc.decision.matches)
        return DecisionFailure(DecisionProblem.DENIED, str(exc), exc, denials)
    if not isinstance(exc, ApprovalError):
        return DecisionFailure(DecisionProblem.FAILED, "", exc)
    text = str(exc)
    checks = (
        (DecisionProblem.EXPIRED, "expired" in text or request.state(now) is ApprovalState.EXPIRED),
        (DecisionProblem.ALREADY_VOTED, "already decided on" in text),
        (DecisionProblem.NOT_PENDING, "is already" in text),
        (DecisionProblem.NOT_ACTIVE, "not an active user" in text),
        (DecisionProblem.NOT_AN_APPROVER, "may not decide this" in text),
        (DecisionProblem.OWN_REQUEST, "separation of duties" in text
         or (approver == request.requester and not request.requirement.requester_may_approve)),
        (DecisionProblem.REASON_MISSING, "give a reason" in text),
    )
    problem = next((p for p, hit in checks if hit), DecisionProblem.FAILED)
    return DecisionFailure(problem, text, exc)


def foreseen_problem(request: ApprovalRequest, approver: str, user: User | None,
                     now: datetime) -> DecisionProblem | None:
    """What will stop this approver, known before they try (shown as a hint)."""
    state = request.state(now)
    if state is ApprovalState.EXPIRED:
        return DecisionProblem.EXPIRED
    if state is not ApprovalState.PENDING:
        return DecisionProblem.NOT_PENDING
    if user is not None and not user.active:
        return DecisionProblem.NOT_ACTIVE
    if user is not None and user.role.value not in request.requirement.approver_roles:
        return DecisionProblem.NOT_AN_APPROVER
    if approver == request.requester and not request.requirement.requester_may_approve:
        return DecisionProblem.OWN_REQUEST
    if any(v.approver == approver for v in request.votes):
        return DecisionProblem.ALREADY_VOTED
    return None


class ApprovalDecisionFlow:
    """One owner deciding one request."""

    def __init__(self, request: ApprovalRequest, approver: str, decide: Decide,
                 approver_user: User | None = None,
                 clock: Callable[[], datetime] = utcnow, withdraw: Withdraw | None = None) -> None:
        self.request = request
        self._withdraw = withdraw
        self.withdrawn = False
        self.approver = approver
        self.approver_user = approver_user
        self._decide = decide
        self.clock = clock
        self.phase = Phase.READY
        self.failure: DecisionFailure | None = None
        self.result: ApprovalRequest | None = None
        self.approved: bool | None = None  # what was chosen, once decided
        self._waiters: list[asyncio.Future[ApprovalRequest | None]] = []

    # ------------------------------------------------------------------ reading
    @property
    def request_id(self) -> str:
        return self.request.id

    def state(self) -> ApprovalState:
        return (self.result or self.request).state(self.clock())

    def foreseen(self) -> DecisionProblem | None:
        return foreseen_problem(self.request, self.approver, self.approver_user, self.clock())

    @property
    def can_decide(self) -> bool:
        if self.phase is not Phase.READY:
            return False
        if self.request.state(self.clock()) is not ApprovalState.PENDING:
            return False
        return self.failure is None or not self.failure.final

    @property
    def can_withdraw(self) -> bool:
        """The requester may take back their own request while it is pending."""
        return (self._withdraw is not None and self.phase is Phase.READY
                and self.approver == self.request.requester
                and self.request.state(self.clock()) is ApprovalState.PENDING)

    async def withdraw(self, reason: str) -> DecisionFailure | None:
        """Withdraw the request (the reason is optional); None when it is withdrawn."""
        if not self.can_withdraw or self._withdraw is None:
            raise RuntimeError("only the requester may withdraw a pending request")
        self.phase = Phase.DECIDING
        self.failure = None
        try:
            result = await self._withdraw(self.request.id, self.approver, reason.strip())
        except asyncio.CancelledError:
            self.phase = Phase.READY
            raise
        except Exception as exc:
            self.failure = classify(exc, self.request, self.approver, self.clock())
            self.phase = Phase.READY
            return self.failure
        self.withdrawn = True
        self._finish(Phase.DECIDED, result)
        return None

    @property
    def finished(self) -> bool:
        return self.phase in (Phase.DECIDED, Phase.CANCELLED)

    # ------------------------------------------------------------------ deciding
    def check(self, reason: str) -> DecisionFailure | None:
        if not reason.strip():
            return DecisionFailure(DecisionProblem.REASON_MISSING)
        state = self.request.state(self.clock())
        if state is ApprovalState.EXPIRED:
            return DecisionFailure(DecisionProblem.EXPIRED)
        if state is not ApprovalState.PENDING:
            return DecisionFailure(DecisionProblem.NOT_PENDING)
        return None

    async def decide(self, approve: bool, reason: str) -> DecisionFailure | None:
        """Approve or reject with ``reason``; None when the decision was recorded."""
        if self.phase is not Phase.READY:
            raise RuntimeError(f"this decision is {self.phase.value}")
        problem = self.check(reason)
        if problem is not None:
            self.failure = problem
            return problem
        self.phase = Phase.DECIDING
        self.failure = None
        try:
            result = await self._decide(self.request.id, self.approver, approve, reason.strip())
        except asyncio.CancelledError:
            self.phase = Phase.READY
            raise
        except Exception as exc:
            self.failure = classify(exc, self.request, self.approver, self.clock())
            if self.failure.problem is DecisionProblem.DENIED:
                # The vote is recorded; only carrying the action out was refused.
                self.approved = approve
                self._finish(Phase.DECIDED, None)
            else:
                self.phase = Phase.READY
            return self.failure
        self.approved = approve
        self._finish(Phase.DECIDED, result)
        return None

    def cancel(self) -> bool:
        """Close without deciding; False while a decision is under way."""
        if self.phase is Phase.DECIDING:
            return False
        if self.phase is Phase.READY:
            self._finish(Phase.CANCELLED, None)
        return True

    def _finish(self, phase: Phase, result: ApprovalRequest | None) -> None:
        self.phase = phase
        self.result = result
        waiters, self._waiters = self._waiters, []
        for future in waiters:
            if not future.done():
                future.set_result(result)

    async def outcome(self) -> ApprovalRequest | None:
        """The request as decided, or None if the owner closed without deciding (or the
        decided action was refused)."""
        if self.finished:
            return self.result
        future: asyncio.Future[ApprovalRequest | None] = asyncio.get_running_loop().create_future()
        self._waiters.append(future)
        return await future


# ---------------------------------------------------------------------- what the dialog shows
@dataclass(frozen=True)
class Attachment:
    kind: str  # "diff", "plan", "cost" or another name the requester chose
    text: str
    amount: Decimal | None = None  # a cost, when it has one
    currency: str | None = None
    right_to_left: bool = False  # the Arabic twin of a text ("plan_ar") reads right to left


def rule_texts(request: ApprovalRequest, language: str) -> list[tuple[str, str]]:
    """(rule id, text in ``language``) for every rule that asked for this approval."""
    key = "ar" if language == "ar" else "en"
    return [(str(r.get("id", "")), str(r.get(key) or r.get("en") or "")) for r in request.rules]


def context_items(request: ApprovalRequest) -> list[tuple[str, str]]:
    items = []
    for key, value in sorted(request.action.context.items()):
        if key in HIDDEN_CONTEXT:
            continue
        text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        items.append((key, text))
    return items


def _cost(value: Any) -> Attachment:
    amount: Any = value
    currency = None
    if isinstance(value, dict):
        amount = value.get("amount", value.get("monthly", value.get("estimated_monthly_cost")))
        currency = value.get("currency")
    try:
        parsed = Decimal(str(amount)) if amount is not None else None
    except InvalidOperation:
        parsed = None
    if parsed is not None and not parsed.is_finite():
        parsed = None
    text = value if isinstance(value, str) else json.dumps(value, indent=2, ensure_ascii=False)
    return Attachment("cost", text, parsed, currency if isinstance(currency, str) else None)


def attachments(request: ApprovalRequest, language: str = "en") -> list[Attachment]:
    """Diff, plan and cost first, in that order, then anything else attached. A text with an
    Arabic twin (``plan`` and ``plan_ar``) is shown once, in the console's language."""
    found = dict(request.attachments)
    twins = {k[:-3] for k in found if k.endswith("_ar") and k[:-3] in found}
    order = ["diff", "plan", "cost", *sorted(k for k in found if k not in ("diff", "plan", "cost")
                                             and not (k.endswith("_ar") and k[:-3] in twins))]
    shown = []
    for kind in order:
        if kind not in found or found[kind] in (None, "", {}, []):
            continue
        value = found[kind]
        arabic = language == "ar" and kind in twins and found[f"{kind}_ar"] not in (None, "")
        if arabic:
            value = found[f"{kind}_ar"]
        if kind == "cost":
            shown.append(_cost(value))
        else:
            text = value if isinstance(value, str) else json.dumps(value, indent=2, ensure_ascii=False)
            shown.append(Attachment(kind, text, right_to_left=arabic))
    return shown


# ---------------------------------------------------------------------- the list of requests
def ordered(requests: Iterable[ApprovalRequest], now: datetime) -> list[ApprovalRequest]:
    """Pending first, soonest to expire first; then the rest, newest first."""
    items = list(requests)
    pending = sorted((r for r in items if r.state(now) is ApprovalState.PENDING),
                     key=lambda r: r.expires_at)
    rest = sorted((r for r in items if r.state(now) is not ApprovalState.PENDING),
                  key=lambda r: r.requested_at, reverse=True)
    return pending + rest


class PendingTracker:
    """Which pending requests are new since the last look (for notifications)."""

    def __init__(self) -> None:
        self._seen: set[str] | None = None  # None: nothing loaded yet

    def update(self, requests: Iterable[ApprovalRequest], now: datetime) -> list[ApprovalRequest]:
        """New pending requests; the first load reports none (they are not news)."""
        items = list(requests)
        ids = {r.id for r in items}
        if self._seen is None:
            self._seen = ids
            return []
        arrived = [r for r in items
                   if r.id not in self._seen and r.state(now) is ApprovalState.PENDING]
        self._seen |= ids
        return arrived

    def reset(self) -> None:
        self._seen = None


def pending_count(requests: Iterable[ApprovalRequest], now: datetime) -> int:
    return sum(1 for r in requests if r.state(now) is ApprovalState.PENDING)
