"""The governance flows without Qt: deciding a request, the list of requests, user changes,
locating constitution problems, and paging the audit log."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from app.domain.governance.actions import (
    ActionDescriptor,
    ApprovalRequirement,
    Decision,
    Outcome,
    RuleMatch,
)
from app.domain.governance.audit import AuditEntry
from app.domain.governance.users import Permission, Role, User, UserStatus
from app.gui.governance.approval_flow import (
    ApprovalDecisionFlow,
    DecisionProblem,
    PendingTracker,
    Phase,
    attachments,
    classify,
    context_items,
    foreseen_problem,
    ordered,
    pending_count,
    rule_texts,
)
from app.gui.governance.audit_flow import AuditBrowser, ChainCheck
from app.gui.governance.constitution_flow import ConstitutionDraft, locate, outcome_of, validate
from app.gui.governance.user_actions import (
    InputProblem,
    UserChange,
    UserChangeRequest,
    descriptor,
    offer,
    permissions_from_choice,
    problems,
)
from app.services.approvals import ApprovalError, ApprovalRequest, ApprovalState, Vote
from app.services.governance import ActionDeniedError
from app.services.ports import AuditFilter, AuditPage

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
ROOT = User("root", "Root", Role.ROOT_OWNER)
ADMIN = User("admin", "Admin", Role.ADMIN)


def request(rid: str = "r1", requester: str = "admin", hours: int = 72, at: datetime = NOW,
            closed: ApprovalState | None = None, may_self: bool = False,
            attached: dict[str, object] | None = None) -> ApprovalRequest:
    return ApprovalRequest(
        id=rid, tenant_id="t",
        action=ActionDescriptor("user.ban", requester, "t", "bob", context={"reason": "spam"}),
        why="spam", requirement=ApprovalRequirement("user-ban", ("ROOT_OWNER",), 1, hours * 3600, may_self),
        rules=({"id": "user-ban", "kind": "require_approval", "en": "Ban needs root", "ar": "الحظر"},),
        requester=requester, requested_at=at, expires_at=at + timedelta(hours=hours),
        attachments=attached or {}, closed_state=closed,
    )


class Service:
    """Answers like the approval service would."""

    def __init__(self, error: Exception | None = None) -> None:
        self.error = error
        self.calls: list[tuple[str, str, bool, str]] = []

    async def __call__(self, rid: str, approver: str, approve: bool, reason: str) -> ApprovalRequest:
        self.calls.append((rid, approver, approve, reason))
        await asyncio.sleep(0)
        if self.error is not None:
            raise self.error
        return request(rid, closed=ApprovalState.APPROVED if approve else ApprovalState.REJECTED)


def test_a_decision_resolves_the_awaited_future() -> None:
    async def run() -> None:
        service = Service()
        flow = ApprovalDecisionFlow(request(), "root", service, ROOT, clock=lambda: NOW)
        waiting = asyncio.create_task(flow.outcome())
        await asyncio.sleep(0)
        assert not waiting.done()
        assert await flow.decide(True, "  fine  ") is None
        decided = await waiting
        assert decided is not None
        assert decided.closed_state is ApprovalState.APPROVED
        assert service.calls == [("r1", "root", True, "fine")]
        assert flow.phase is Phase.DECIDED
        assert flow.approved is True
        assert await flow.outcome() is decided  # later askers get it at once
        with pytest.raises(RuntimeError):
            await flow.decide(True, "again")

    asyncio.run(run())


def test_no_reason_no_decision_and_cancel_resolves_with_none() -> None:
    async def run() -> None:
        service = Service()
        flow = ApprovalDecisionFlow(request(), "root", service, ROOT, clock=lambda: NOW)
        failure = await flow.decide(True, "   ")
        assert failure is not None
        assert failure.problem is DecisionProblem.REASON_MISSING
        assert not failure.final
        assert flow.can_decide
        assert service.calls == []
        waiting = asyncio.create_task(flow.outcome())
        await asyncio.sleep(0)
        assert flow.cancel()
        assert await waiting is None
        assert flow.phase is Phase.CANCELLED
        assert not flow.can_decide

    asyncio.run(run())


@pytest.mark.parametrize(("message", "problem"), [
    ("request r1 expired at 2026-11-29 09:00 UTC", DecisionProblem.EXPIRED),
    ("request r1 is already approved", DecisionProblem.NOT_PENDING),
    ("'root' has already decided on this request", DecisionProblem.ALREADY_VOTED),
    ("'x' is not an active user and cannot decide", DecisionProblem.NOT_ACTIVE),
    ("'admin' (ADMIN) may not decide this; it needs ROOT_OWNER", DecisionProblem.NOT_AN_APPROVER),
    ("the requester may not decide their own request (separation of duties)",
     DecisionProblem.OWN_REQUEST),
    ("give a reason for the decision", DecisionProblem.REASON_MISSING),
])
def test_the_services_refusals_are_named(message: str, problem: DecisionProblem) -> None:
    failure = classify(ApprovalError(message), request(), "root", NOW)
    assert failure.problem is problem
    assert failure.detail == message


def test_a_denial_after_approval_counts_as_decided() -> None:
    denied = ActionDeniedError(Decision(Outcome.DENY, (RuleMatch("freeze", "deny", "Frozen", "مجمّد"),)))

    async def run() -> None:
        flow = ApprovalDecisionFlow(request(), "root", Service(denied), ROOT, clock=lambda: NOW)
        failure = await flow.decide(True, "ok")
        assert failure is not None
        assert failure.problem is DecisionProblem.DENIED
        assert failure.denials == (("Frozen", "مجمّد"),)
        assert flow.phase is Phase.DECIDED
        assert await flow.outcome() is None

    asyncio.run(run())


def test_an_unexpected_error_can_be_retried() -> None:
    async def run() -> None:
        flow = ApprovalDecisionFlow(request(), "root", Service(OSError("disk")), ROOT, clock=lambda: NOW)
        failure = await flow.decide(False, "no")
        assert failure is not None
        assert failure.problem is DecisionProblem.FAILED
        assert flow.phase is Phase.READY
        assert flow.can_decide

    asyncio.run(run())


def test_foreseen_problems() -> None:
    assert foreseen_problem(request(), "root", ROOT, NOW) is None
    assert foreseen_problem(request(requester="root"), "root", ROOT, NOW) is DecisionProblem.OWN_REQUEST
    assert foreseen_problem(request(requester="root", may_self=True), "root", ROOT, NOW) is None
    assert foreseen_problem(request(), "admin", ADMIN, NOW) is DecisionProblem.NOT_AN_APPROVER
    banned = User("root", "Root", Role.ROOT_OWNER, UserStatus.BANNED)
    assert foreseen_problem(request(), "root", banned, NOW) is DecisionProblem.NOT_ACTIVE
    assert foreseen_problem(request(), "root", ROOT, NOW + timedelta(days=4)) is DecisionProblem.EXPIRED
    voted = ApprovalRequest(**{**request().__dict__, "votes": (
        Vote("root", True, "ok", NOW, "00", "k"),)})
    assert foreseen_problem(voted, "root", ROOT, NOW) is DecisionProblem.ALREADY_VOTED
    assert foreseen_problem(request(closed=ApprovalState.REJECTED), "root", ROOT, NOW) is (
        DecisionProblem.NOT_PENDING)


def test_what_the_dialog_shows() -> None:
    shown = request(attached={"cost": {"amount": "12.5", "currency": "EUR"}, "plan": {"servers": 2},
                              "diff": "", "notes": "see ticket"})
    assert rule_texts(shown, "ar") == [("user-ban", "الحظر")]
    assert rule_texts(shown, "en") == [("user-ban", "Ban needs root")]
    assert context_items(shown) == [("reason", "spam")]
    kinds = [(a.kind, a.amount, a.currency) for a in attachments(shown)]
    assert [k[0] for k in kinds] == ["plan", "cost", "notes"]  # the empty diff is left out
    assert str(kinds[1][1]) == "12.5"
    assert kinds[1][2] == "EUR"


def test_pending_first_and_news_of_arrivals() -> None:
    old = request("old", at=NOW - timedelta(hours=1), closed=ApprovalState.APPROVED)
    soon = request("soon", hours=1)
    later = request("later", hours=50)
    assert [r.id for r in ordered([old, later, soon], NOW)] == ["soon", "later", "old"]
    assert pending_count([old, later, soon], NOW) == 2
    tracker = PendingTracker()
    assert tracker.update([old, soon], NOW) == []  # the first look is not news
    assert [r.id for r in tracker.update([old, soon, later], NOW)] == ["later"]
    assert tracker.update([old, soon, later], NOW) == []


def test_user_changes() -> None:
    ban = UserChangeRequest(UserChange.BAN, "bob")
    assert problems(ban) == [InputProblem.REASON_MISSING]
    action = descriptor(UserChangeRequest(UserChange.BAN, "bob", " spam "), "admin", "t")
    assert (action.kind, action.subject, action.context) == ("user.ban", "bob", {"reason": "spam"})
    role = descriptor(UserChangeRequest(UserChange.ROLE, "bob", "x", Role.AUDITOR), "root", "t")
    assert role.context == {"reason": "x", "role": "AUDITOR"}
    assert problems(UserChangeRequest(UserChange.ADD, " ", display_name="")) == [
        InputProblem.USER_ID_MISSING, InputProblem.NAME_MISSING]
    bob = User("bob", "Bob", Role.OPERATOR)
    assert InputProblem.SAME_ROLE in problems(
        UserChangeRequest(UserChange.ROLE, "bob", "x", Role.OPERATOR), bob)
    granted, revoked = permissions_from_choice(
        Role.VIEWER, {Permission.BLUEPRINT_READ, Permission.EVENTS_READ, Permission.AUDIT_READ})
    assert granted == {Permission.AUDIT_READ}
    assert revoked == {Permission.COSTS_READ}


def test_what_is_offered_to_whom() -> None:
    bob = User("bob", "Bob", Role.OPERATOR)
    assert offer(User("a", "A", Role.AUDITOR), bob).manage is False
    assert offer(None, bob).manage is False
    mine = offer(ROOT, bob)
    assert mine.ban
    assert mine.suspend
    assert mine.root_transfer
    assert not mine.reactivate
    as_admin = offer(ADMIN, bob)
    assert as_admin.ban
    assert not as_admin.root_transfer
    on_root = offer(ADMIN, ROOT)
    assert not (on_root.ban)
    assert not (on_root.suspend)
    assert not (on_root.role)
    assert not (on_root.permissions)
    banned = User("bob", "Bob", Role.OPERATOR, UserStatus.BANNED)
    assert offer(ROOT, banned).reactivate
    assert not offer(ROOT, banned).ban


def test_constitution_problems_are_located() -> None:
    source = ("title:\n  en: T\n  ar: ت\nrules:\n  - id: a.b\n    kind: deny\n    description:\n"
              "      en: x\n      ar: y\n    reason:\n      en: r\n  - id: c\n    kind: deny\n")
    result = validate(source)
    assert not result.ok
    assert (result.rule, result.setting, result.line) == ("a.b", "reason", 10)
    assert locate(source, "rules[1].kind") == ("", "kind", 13)
    assert locate(source, "rule c") == ("c", "", 12)
    assert locate(source, "line 3") == ("", "", 3)
    assert locate(source, "title") == ("", "title", 1)
    draft = ConstitutionDraft()
    draft.load(source)
    assert not draft.changed
    assert not draft.can_propose("why")
    assert outcome_of(Decision(Outcome.ALLOW)).adopted


def test_audit_browser_drops_overtaken_pages() -> None:
    browser = AuditBrowser(page_size=2)
    first = browser.reload()
    second = browser.set_filter(actor="root")
    assert second is not None
    entry = AuditEntry(1, "t", NOW.isoformat(), "root", "a", "s", "h", "done", "0", "h1")
    assert not browser.accept(first, AuditPage([entry], 1, 0))
    assert browser.accept(second, AuditPage([entry], 3, 0, 2))
    assert browser.audit_filter == AuditFilter(actor="root")
    assert browser.shown_range == (1, 1, 3)
    assert browser.can_next
    assert not browser.can_previous
    assert browser.set_filter(actor="root") is None
    check = ChainCheck()
    assert check.start()
    assert not check.start()
    check.failed(OSError("gone"))
    assert not check.running
    assert check.result is None
