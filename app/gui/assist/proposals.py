"""Proposals as the card shows them, and the owner's decision on one (Qt-free).

A proposal comes straight from an answer (or a suggestion), or is rebuilt from the
conversation history when a past conversation still has one waiting. Accepting goes
through the orchestrator as the person at the console; when the constitution asks for
an approval, ``on_waiting`` hears the request id while the decision is awaited.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from app.domain.assist.patching import apply_operations
from app.domain.assist.proposal import Proposal, ProposalBase
from app.domain.blueprint.diff import SemanticDiff, semantic_diff
from app.domain.blueprint.findings import Finding, Severity
from app.domain.governance.actions import RuleMatch
from app.services.approvals import ApprovalRequest, ApprovalState
from app.services.governance import ActionDeniedError, ApprovalNotGrantedError

if TYPE_CHECKING:
    from app.bootstrap import Workspace
    from app.services.blueprints import BlueprintVersion


@dataclass(frozen=True)
class ProposalView:
    id: str
    stored_under: str | None  # the blueprint whose conversations hold it (None: new platforms)
    key: str  # the blueprint it writes
    creates: bool
    intent: str  # "create" or "modify"
    engine: str
    model: str | None
    summary: dict[str, Any]
    diff: SemanticDiff
    findings: tuple[Finding, ...]
    rationale_en: str
    rationale_ar: str
    base_version: int | None = None

    @classmethod
    def of(cls, proposal: Proposal, stored_under: str | None) -> ProposalView:
        return cls(proposal.id, stored_under, proposal.key, proposal.creates, proposal.intent,
                   proposal.engine, proposal.model, dict(proposal.summary), proposal.diff,
                   tuple(proposal.findings), proposal.rationale_en, proposal.rationale_ar,
                   proposal.base.version)


def finding_from_json(data: dict[str, Any]) -> Finding:
    message = data.get("message") or {}
    remedy = data.get("remediation") or {}
    extra: dict[str, Any] = {k: data[k] for k in ("line", "column") if k in data}
    return Finding(str(data.get("path", "")), str(data.get("code", "")),
                   Severity(data.get("severity", "info")), str(message.get("en", "")),
                   str(message.get("ar", "")), str(data.get("source", "rule")),
                   remedy.get("en"), remedy.get("ar"), extra)


def view_from_record_now(workspace: Workspace, stored_under: str | None,
                         record: dict[str, Any]) -> ProposalView:
    """A recorded proposal with its diff computed again (blocking: run it on the runner)."""
    base = ProposalBase.from_json(record["base"])
    blueprints = workspace.blueprints
    if base.kind == "template":
        before = blueprints.templates.load_template(str(base.template))
        after = dict(record.get("document") or before)
    else:
        before = blueprints.get_now(str(base.key), base.version).document
        outcome = apply_operations(before, record.get("patch", []))
        after = outcome.document if outcome.document is not None else before
    rationale = record.get("rationale") or {}
    return ProposalView(str(record["id"]), stored_under, str(record.get("key") or after.get("key")),
                        base.kind == "template", str(record.get("intent", "modify")),
                        str(record.get("engine", "offline")), record.get("model"),
                        dict(record.get("summary") or {}), semantic_diff(before, after),
                        tuple(finding_from_json(f) for f in record.get("findings", [])),
                        str(rationale.get("en", "")), str(rationale.get("ar", "")), base.version)


@dataclass(frozen=True)
class Decided:
    """How a decision on a proposal ended."""

    kind: str  # accepted, rejected, denied, not_granted
    version: BlueprintVersion | None = None
    approval_id: str | None = None
    reasons: tuple[RuleMatch, ...] = ()
    state: ApprovalState | None = None


def _waits_for(request: ApprovalRequest, proposal_id: str) -> bool:
    return (request.attachments.get("proposal") == proposal_id
            or request.action.context.get("proposal") == proposal_id)


async def accept(workspace: Workspace, view: ProposalView,
                 on_waiting: Callable[[str], None]) -> Decided:
    """Accept as the person at the console; a refusal or an approval not granted is an
    outcome, any other failure is raised."""
    approvals = workspace.approvals
    announced: set[str] = set()

    def watch(request: ApprovalRequest) -> None:
        if request.id in announced or not _waits_for(request, view.id):
            return
        if request.state(approvals.clock()) is ApprovalState.PENDING:
            announced.add(request.id)
            on_waiting(request.id)

    approvals.on_change.append(watch)
    try:
        result = await workspace.orchestrator.accept(
            view.id, blueprint_key=view.stored_under, actor=workspace.current_user)
    except ActionDeniedError as exc:
        return Decided("denied", reasons=exc.decision.matches)
    except ApprovalNotGrantedError as exc:
        return Decided("not_granted", approval_id=exc.request.id, state=exc.state)
    finally:
        if watch in approvals.on_change:
            approvals.on_change.remove(watch)
    return Decided("accepted", result.version, result.approval_id)


async def reject(workspace: Workspace, view: ProposalView) -> Decided:
    await workspace.orchestrator.reject(view.id, blueprint_key=view.stored_under,
                                        actor=workspace.current_user)
    return Decided("rejected")
