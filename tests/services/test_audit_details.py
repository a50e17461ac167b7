"""The details behind audit entries, rebuilt from approval streams in a real event store and
shown only when their hash is the entry's."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import Any

from app.domain.governance.audit import GENESIS_HASH, AuditEntry, AuditRecord, seal
from app.services.audit_details import AuditDetails
from tests.services.test_approvals import deploy_request, setup  # noqa: F401  (a fixture)


def entries_of(records: list[AuditRecord]) -> list[AuditEntry]:
    sealed, prev = [], GENESIS_HASH
    for seq, record in enumerate(records, 1):
        entry = seal(record, seq, "2026-11-26T09:00:00.000000+00:00", prev)
        sealed.append(entry)
        prev = entry.hash
    return sealed


def test_each_approval_entry_gets_its_own_details(setup: Any) -> None:  # noqa: F811
    service, users, clock, _signer, audit = setup
    decided = deploy_request(service, users)
    service.decide_now(decided.id, "root", False, "  Not before the audit  ")
    withdrawn = deploy_request(service, users)
    service.withdraw_now(withdrawn.id, "op", "wrong plan")
    expired = deploy_request(service, users)
    clock.now += timedelta(days=2)
    service.expire_due_now()
    details = AuditDetails(service.store, "acme")

    found = {(e.action, e.subject): details.details_now(e) for e in entries_of(audit.records)}
    request = found[("approval.request", decided.id)]
    assert request is not None
    assert (request["id"], request["why"]) == (decided.id, "launch the clinic platform")
    assert request["attachments"] == {"plan": "3 servers in fsn1", "cost": "40 EUR/month"}
    assert found[("approval.reject", decided.id)] == {
        "request": decided.id, "action": request["action"], "why": "launch the clinic platform",
        "decision": "reject", "reason": "Not before the audit"}
    withdrawal = found[("approval.withdraw", withdrawn.id)]
    assert withdrawal is not None
    assert (withdrawal["by"], withdrawal["reason"]) == ("op", "wrong plan")
    assert found[("approval.expired", expired.id)] == {"request": expired.id}
    assert len(found) == 6 and all(found.values())


def test_details_whose_hash_differs_are_not_shown(setup: Any) -> None:  # noqa: F811
    service, users, _clock, _signer, audit = setup
    request = deploy_request(service, users)
    service.decide_now(request.id, "root", True, "fine")
    details = AuditDetails(service.store, "acme")
    first, vote = entries_of(audit.records)
    assert details.details_now(vote) is not None
    assert details.details_now(replace(vote, payload_hash="0" * 64)) is None
    assert details.details_now(replace(first, subject="no-such-request")) is None
    elsewhere = AuditDetails(service.store, "other-tenant")
    assert elsewhere.details_now(vote) is None


def test_an_approved_action_carried_out_gets_the_action_and_its_approval(setup: Any) -> None:  # noqa: F811
    service, users, _clock, _signer, _audit = setup
    request = deploy_request(service, users)
    action = request.action.to_json()
    details = AuditDetails(service.store, "acme")
    for payload in ({"action": action, "approval": request.id}, {"action": action}):
        done = entries_of([AuditRecord("acme", "op", "deploy.apply", "platform:clinic", payload, "done")])[0]
        assert details.details_now(done) == payload
    other = entries_of([AuditRecord("acme", "op", "deploy.apply", "platform:shop",
                                    {"action": action}, "done")])[0]
    assert details.details_now(other) is None  # another subject: not this request's action
