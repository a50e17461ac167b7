"""Users and owner approvals through the real event store: quorum, expiry, separation of
duties, signatures, and a waiting operation that resumes when the owner decides."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from app.domain.governance.actions import ActionDescriptor, ActorKind, Outcome
from app.domain.governance.audit import signing_bytes
from app.domain.governance.constitution import parse_constitution
from app.domain.governance.governor import Governor, GovernorContext
from app.domain.governance.users import Role, UserStatus
from app.paths import resources_dir
from app.services.approvals import ApprovalError, ApprovalService, ApprovalState
from app.services.runner import SerialRunner
from app.services.users import UserDirectory, UserError
from app.store.engine import create_workspace_engine
from app.store.event_store import SqliteEventStore
from app.store.migrations import upgrade

DEFAULT = (resources_dir() / "constitution" / "default.yaml").read_text(encoding="utf-8")


class Ed25519Signer:
    """A real key pair, as the console holds for its owner."""

    def __init__(self) -> None:
        self.private = Ed25519PrivateKey.generate()
        self.public: Ed25519PublicKey = self.private.public_key()
        self.key_id = "test-key"

    def sign(self, message: bytes) -> str:
        return self.private.sign(message).hex()


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


class Recorder:
    def __init__(self) -> None:
        self.records: list = []  # type: ignore[type-arg]

    def append(self, record) -> None:  # type: ignore[no-untyped-def]
        self.records.append(record)


@pytest.fixture
def setup(tmp_path: Path) -> Iterator[tuple[ApprovalService, UserDirectory, Clock, Ed25519Signer, Recorder]]:
    engine = create_workspace_engine(f"sqlite:///{tmp_path / 'w.sqlite3'}")
    upgrade(engine)
    store = SqliteEventStore(engine)
    users = UserDirectory(store, "acme")
    users.ensure_root_owner("root", "Root Owner")
    users.add("admin", "Admin", Role.ADMIN, by="root")
    users.add("admin2", "Second admin", Role.ADMIN, by="root")
    users.add("op", "Operator", Role.OPERATOR, by="root")
    clock, signer, audit = Clock(), Ed25519Signer(), Recorder()
    runner = SerialRunner("test")
    service = ApprovalService(store, runner, users, lambda _who: signer, audit, "acme", clock)
    try:
        yield service, users, clock, signer, audit
    finally:
        runner.shutdown()
        engine.dispose()


def deploy_request(service: ApprovalService, users: UserDirectory, quorum_source: str = DEFAULT):  # type: ignore[no-untyped-def]
    governor = Governor(parse_constitution(quorum_source), 1, GovernorContext(users=users.lookup()))
    action = ActionDescriptor("deploy.apply", "op", "acme", "platform:clinic", ActorKind.USER,
                              {"environment": "production", "estimated_monthly_cost": 40, "currency": "EUR"})
    decision = governor.evaluate(action)
    assert decision.outcome is Outcome.NEEDS_APPROVAL
    return service.request_now(action, decision, "launch the clinic platform",
                               {"plan": "3 servers in fsn1", "cost": "40 EUR/month"})


def test_root_owner_approves_with_a_verifiable_signature(setup) -> None:  # type: ignore[no-untyped-def]
    service, users, _clock, signer, audit = setup
    request = deploy_request(service, users)
    assert request.state(service.clock()) is ApprovalState.PENDING
    assert [r.id for r in service.pending_now()] == [request.id]
    decided = service.decide_now(request.id, "root", True, "plan reviewed")
    assert decided.closed_state is ApprovalState.APPROVED
    vote = decided.votes[0]
    assert vote.key_id == "test-key"
    signed = audit.records[-1]
    assert (signed.action, signed.outcome, signed.signature) == ("approval.approve", "approve", vote.signature)
    signer.public.verify(bytes.fromhex(vote.signature),
                         signing_bytes("acme", "root", "approval.approve", request.id,
                                       signed.payload_digest, "approve"))
    assert service.pending_now() == []
    with pytest.raises(ApprovalError, match="already approved"):
        service.decide_now(request.id, "root", False, "changed my mind")


def test_separation_of_duties_roles_and_single_vote(setup) -> None:  # type: ignore[no-untyped-def]
    service, users, _clock, _signer, _audit = setup
    request = deploy_request(service, users)
    with pytest.raises(ApprovalError, match="needs ROOT_OWNER"):
        service.decide_now(request.id, "admin", True, "looks fine")
    two_admins = DEFAULT.replace("approvers: [ROOT_OWNER]\n    quorum: 1", "approvers: [ADMIN, OPERATOR]\n    quorum: 2")
    request = deploy_request(service, users, two_admins)
    with pytest.raises(ApprovalError, match="separation of duties"):
        service.decide_now(request.id, "op", True, "my own")
    partial = service.decide_now(request.id, "admin", True, "ok by me")
    assert partial.state(service.clock()) is ApprovalState.PENDING
    assert partial.approvals == 1
    with pytest.raises(ApprovalError, match="already decided"):
        service.decide_now(request.id, "admin", True, "again")
    with pytest.raises(ApprovalError, match="reason"):
        service.decide_now(request.id, "admin2", True, "   ")
    final = service.decide_now(request.id, "admin2", True, "second pair of eyes")
    assert final.closed_state is ApprovalState.APPROVED


def test_a_rejection_closes_the_request(setup) -> None:  # type: ignore[no-untyped-def]
    service, users, _clock, _signer, audit = setup
    request = deploy_request(service, users)
    rejected = service.decide_now(request.id, "root", False, "cost too high")
    assert rejected.closed_state is ApprovalState.REJECTED
    assert audit.records[-1].outcome == "reject"


def test_expired_requests_take_no_votes(setup) -> None:  # type: ignore[no-untyped-def]
    service, users, clock, _signer, audit = setup
    request = deploy_request(service, users)
    clock.now += timedelta(hours=24, seconds=1)
    assert request.state(clock.now) is ApprovalState.EXPIRED
    with pytest.raises(ApprovalError, match="expired"):
        service.decide_now(request.id, "root", True, "too late")
    assert service.get_now(request.id).closed_state is ApprovalState.EXPIRED
    assert audit.records[-1].action == "approval.expired"
    other = deploy_request(service, users)
    clock.now += timedelta(days=2)
    assert service.expire_due_now() == [other.id]


def test_suspended_approver_cannot_decide(setup) -> None:  # type: ignore[no-untyped-def]
    service, users, _clock, _signer, _audit = setup
    two = DEFAULT.replace("approvers: [ROOT_OWNER]\n    quorum: 1", "approvers: [ADMIN]\n    quorum: 1")
    request = deploy_request(service, users, two)
    users.set_status("admin", UserStatus.SUSPENDED, "on leave", by="root")
    with pytest.raises(ApprovalError, match="not an active user"):
        service.decide_now(request.id, "admin", True, "fine")


def test_a_waiting_operation_resumes_when_the_owner_decides(setup) -> None:  # type: ignore[no-untyped-def]
    service, users, _clock, _signer, _audit = setup

    async def scenario() -> tuple[ApprovalState | None, float]:
        request = deploy_request(service, users)
        loop = asyncio.get_running_loop()
        waiting = asyncio.ensure_future(service.wait(request.id, poll_seconds=30))
        await asyncio.sleep(0.05)
        assert not waiting.done()
        started = loop.time()
        await service.decide(request.id, "root", True, "go")
        result = await asyncio.wait_for(waiting, 5)
        return result.closed_state, loop.time() - started

    state, elapsed = asyncio.run(scenario())
    assert state is ApprovalState.APPROVED
    assert elapsed < 1  # resumed by the decision, not by the 30 s poll


def test_user_invariants(setup) -> None:  # type: ignore[no-untyped-def]
    _service, users, _clock, _signer, _audit = setup
    assert users.root_owner().user_id == "root"  # type: ignore[union-attr]
    with pytest.raises(UserError, match="exactly one root owner"):
        users.add("another", "Another", Role.ROOT_OWNER, by="root")
    with pytest.raises(UserError, match="already exists"):
        users.add("op", "Operator again", Role.VIEWER, by="root")
    with pytest.raises(UserError, match="cannot be suspended"):
        users.set_status("root", UserStatus.BANNED, "no", by="admin")
    with pytest.raises(UserError, match="say why"):
        users.set_status("op", UserStatus.BANNED, "", by="root")
    banned = users.set_status("op", UserStatus.BANNED, "leaked data", by="root")
    assert (banned.status, banned.status_reason, banned.status_set_by) == (UserStatus.BANNED, "leaked data", "root")
    with pytest.raises(UserError, match="only the root owner"):
        users.transfer_root("admin", by="admin")
    users.transfer_root("admin", by="root")
    assert users.root_owner().user_id == "admin"  # type: ignore[union-attr]
    assert users.get("root").role is Role.ADMIN  # type: ignore[union-attr]
    assert [u.role for u in users.all()].count(Role.ROOT_OWNER) == 1


def test_the_requester_withdraws_their_own_request_and_the_waiting_operation_ends(setup) -> None:  # type: ignore[no-untyped-def]
    service, users, _clock, _signer, audit = setup

    async def scenario() -> ApprovalState | None:
        request = deploy_request(service, users)
        waiting = asyncio.ensure_future(service.wait(request.id, poll_seconds=30))
        await asyncio.sleep(0.05)
        with pytest.raises(ApprovalError, match="only the requester"):
            await service.withdraw(request.id, "root", "not mine")
        assert not waiting.done()
        await service.withdraw(request.id, "op", "planned for next week instead")
        result = await asyncio.wait_for(waiting, 5)
        return result.closed_state

    assert asyncio.run(scenario()) is ApprovalState.WITHDRAWN
    request = service.list_now()[0]
    events = service.store.read_stream(f"approval:acme:{request.id}")
    assert events[-1].type == "ApprovalWithdrawn"
    assert (events[-1].data["by"], events[-1].data["reason"]) == ("op", "planned for next week instead")
    record = audit.records[-1]
    assert (record.actor, record.action, record.subject, record.outcome) == (
        "op", "approval.withdraw", request.id, "withdrawn")
    assert service.pending_now() == []
    with pytest.raises(ApprovalError, match="already withdrawn"):
        service.withdraw_now(request.id, "op")
    with pytest.raises(ApprovalError, match="already withdrawn"):
        service.decide_now(request.id, "root", True, "too late")
