"""The assistant as a use case: an owner's message in, an answer or a blueprint proposal
out, from Claude or from the offline planner, and the owner's decision on a proposal.

AI proposes; people decide. A proposal becomes a blueprint version only through
``accept``, with the person as the actor, under the same governance as any save, with the
conversation linked in the version's metadata and an audit entry. Everything is async and
reports progress through an optional listener; cancelling the task cancels the call and
leaves the conversation and the blueprint as they were.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from app.domain.assist import explain as offline_answers
from app.domain.assist.intents import ANSWER_KINDS, Intent, IntentKind, analyse
from app.domain.assist.patching import apply_operations
from app.domain.assist.planner import plan_change
from app.domain.assist.proposal import Proposal, ProposalBase, describe_findings, judge, summarise
from app.domain.assist.remediation import fixes_for
from app.domain.blueprint.findings import Finding
from app.domain.blueprint.schema import blueprint_json_schema
from app.domain.plurals import count
from app.services.ai_usage import UsageLedger, UsageRecord
from app.services.assistant_gateway import (
    AssistDeniedError,
    AssistError,
    AssistEvent,
    Listener,
    ModelGateway,
    Sleep,
)
from app.services.assistant_model import ModelError, ModelErrorKind, ModelFactory
from app.services.assistant_settings import AssistantSettingsStore
from app.services.blueprints import BlueprintService
from app.services.claude_proposals import Base, ClaudeOutcome, ClaudeProposer, RefusedCall
from app.services.conversations import PROPOSAL, ConversationEntry, ConversationLog
from app.services.explainer import CheckLookup, Explainer
from app.services.governance import GovernanceService
from app.services.ports import EventStore, SecretStore
from app.services.proposal_decisions import AcceptResult, ProposalDecisions
from app.services.suggestions import SuggestionService

__all__ = ["AcceptResult", "AssistError", "AssistResult", "Orchestrator", "build_orchestrator"]

DEFAULT_TEMPLATE = "enterprise"


@dataclass(frozen=True)
class AssistResult:
    conversation_id: str
    blueprint_key: str | None
    engine: str  # "claude" or "offline"
    model: str | None
    intent: Intent
    status: str  # proposed, answered, handed_off, rejected, denied, refused
    reply: str  # in the language of the owner's message
    proposal: Proposal | None = None
    findings: tuple[Finding, ...] = ()
    usage: tuple[UsageRecord, ...] = ()
    refused: tuple[RefusedCall, ...] = ()
    notes: tuple[str, ...] = ()
    attempts: int = 0
    refusal: dict[str, Any] | None = None  # Claude declined: its stop details

    @property
    def tokens(self) -> int:
        return sum(u.tokens for u in self.usage)

    def to_json(self) -> dict[str, Any]:
        return {
            "conversation_id": self.conversation_id,
            "blueprint": self.blueprint_key,
            "engine": self.engine,
            "model": self.model,
            "status": self.status,
            "intent": self.intent.to_json(),
            "reply": self.reply,
            "proposal": None if self.proposal is None else self.proposal.to_json(),
            "findings": [f.to_json() for f in self.findings],
            "usage": [u.to_json() for u in self.usage],
            "refused": [r.to_json() for r in self.refused],
            "notes": list(self.notes),
            "attempts": self.attempts,
            "refusal": self.refusal,
        }


@dataclass
class _Draft:
    status: str
    reply: str
    engine: str = "offline"
    model: str | None = None
    proposal: Proposal | None = None
    findings: tuple[Finding, ...] = ()
    usage: list[UsageRecord] = field(default_factory=list)
    refused: list[RefusedCall] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    attempts: int = 0
    refusal: dict[str, Any] | None = None


class Orchestrator:
    """The assistant's entry point for the GUI and the CLI. ``explainer`` answers "explain
    this", ``suggestions`` reviews blueprints and ``gateway`` holds the API key, the
    settings and the month's usage."""

    def __init__(self, blueprints: BlueprintService, governance: GovernanceService,
                 gateway: ModelGateway, conversations: ConversationLog,
                 console_user: Callable[[], str], checks: CheckLookup | None = None) -> None:
        self.blueprints = blueprints
        self.gateway = gateway
        self.conversations = conversations
        self.console_user = console_user
        self.runner = blueprints.runner
        self.decisions = ProposalDecisions(blueprints, governance, conversations, gateway.tenant_id)
        self.explainer = Explainer(blueprints, gateway, conversations, governance, checks, console_user)
        self.suggestions = SuggestionService(blueprints, gateway, conversations, console_user)
        self.claude = ClaudeProposer(gateway, blueprints.validate, blueprints.templates.load_template,
                                     blueprint_json_schema)

    # ------------------------------------------------------------ asking
    async def assist(self, text: str, *, blueprint_key: str | None = None,
                     conversation_id: str | None = None, offline: bool = False,
                     actor: str | None = None, listener: Listener | None = None,
                     model_name: str | None = None) -> AssistResult:
        """Answer one message. ``offline`` forces the offline planner; without an API key
        it is used anyway, and the result says which engine answered. ``model_name``
        overrides the configured model for this message."""
        text = text.strip()
        if not text:
            raise AssistError("the message is empty")
        actor = actor or self.console_user()
        conversation_id = conversation_id or str(uuid.uuid4())
        current = None
        if blueprint_key is not None:
            key = blueprint_key
            current = await self.runner.run(lambda: self.blueprints.get_now(key))
        intent = analyse(text, has_blueprint=current is not None)
        settings = await self.gateway.settings()
        if model_name:
            settings = replace(settings, model=model_name)
        model = None
        notes: list[str] = []
        if not offline and intent.kind is not IntentKind.deploy:
            model = await self.gateway.open(settings)
            if model is None:
                notes.append("No Anthropic API key is set, so the offline planner answered.")
        draft: _Draft | None = None
        if model is not None:
            _emit(listener, AssistEvent("engine", "claude"))
            try:
                draft = await self._with_claude(model, settings, text, intent, current,
                                                conversation_id, actor, listener)
            except AssistDeniedError as exc:
                draft = _Draft("denied", str(exc), engine="claude", model=settings.model)
            except ModelError as exc:
                if exc.kind is not ModelErrorKind.connection or not settings.fallback_offline:
                    raise AssistError(f"{exc}; nothing was changed") from exc
                notes.append(f"{exc}; the offline planner answered instead.")
            finally:
                await model.aclose()
        if draft is None:
            _emit(listener, AssistEvent("engine", "offline"))
            draft = await self._offline(text, intent, current, conversation_id)
            if draft.reply:
                _emit(listener, AssistEvent("text", draft.reply))
        if intent.handoff == "deployment":
            notes.append("Deploying is not done by the assistant: after accepting, start it from "
                         "the deployment flow, with the approvals the constitution requires.")
        draft.notes = notes + draft.notes
        result = AssistResult(conversation_id, blueprint_key, draft.engine, draft.model, intent,
                              draft.status, draft.reply, draft.proposal, draft.findings,
                              tuple(draft.usage), tuple(draft.refused), tuple(draft.notes),
                              draft.attempts, draft.refusal)
        if draft.status != "denied":
            await self.runner.run(lambda: self._record(result, text, actor))
        return result

    def _record(self, result: AssistResult, text: str, actor: str) -> None:
        log, cid = self.conversations, result.conversation_id
        events = [log.message(cid, "user", text, actor, intent=result.intent.kind.value)]
        extra: dict[str, Any] = {"engine": result.engine, "model": result.model,
                                 "status": result.status, "intent": result.intent.kind.value}
        if result.proposal is not None:
            extra["proposal_id"] = result.proposal.id
        if result.refused:
            extra["refused"] = [r.to_json() for r in result.refused]
        if result.refusal is not None:
            extra["refusal"] = result.refusal
        events.append(log.message(cid, "assistant", result.reply, actor, **extra))
        if result.proposal is not None:
            events.append(log.event(PROPOSAL, cid, result.proposal.record(), actor))
        log.append_now(result.blueprint_key, events)

    async def _base(self, intent: Intent, current: Any) -> Base:
        if current is not None and intent.kind is not IntentKind.create:
            return Base(current.document, f"blueprint {current.key} version {current.version}",
                        new=False)
        template = intent.domain or DEFAULT_TEMPLATE
        document = await self.runner.run(lambda: self.blueprints.templates.load_template(template))
        return Base(document, f"the {template} template, for a new platform", new=True,
                    template=template)

    async def _with_claude(self, model: Any, settings: Any, text: str, intent: Intent,
                           current: Any, conversation_id: str, actor: str,
                           listener: Listener | None) -> _Draft:
        base = await self._base(intent, current)
        key = None if current is None else current.key
        history = await self.runner.run(lambda: self.conversations.turns_now(key, conversation_id))
        out: ClaudeOutcome = await self.claude.run(
            model, settings, text, intent, base, history, conversation_id=conversation_id,
            actor=actor, subject=key or "new-platform", listener=listener)
        draft = _Draft(out.status, out.text, engine="claude", model=out.model, usage=out.usage,
                       refused=out.refused, attempts=out.attempts, refusal=out.refusal)
        if out.status == "proposed" and out.document is not None and out.report is not None:
            rationale = out.rationale or out.text
            draft.proposal = self._proposal(conversation_id, "claude", out.model,
                                            out.intent or ("create" if base.new else "modify"),
                                            base, current, out.operations, out.document,
                                            rationale, rationale, out.report, intent)
            draft.findings = tuple(out.report.sorted())
            draft.reply = out.text or rationale
        elif out.status == "rejected":
            draft.reply = (
                f"لم يصبح مقترح Claude صالحًا بعد {count(out.attempts, 'attempt', 'ar')}، فرُفض "
                f"ولم يتغير شيء. آخر المشكلات:\n{out.problems}" if intent.language == "ar" else
                f"Claude's proposal was still not valid after {count(out.attempts, 'attempt')}, "
                f"so it was rejected and nothing was changed. Last problems:\n{out.problems}")
        if out.refused:
            refused = ", ".join(f"{r.tool} ({r.reason})" for r in out.refused)
            draft.notes.append(f"Refused tool call(s): {refused}.")
        return draft

    def _proposal(self, conversation_id: str, engine: str, model: str | None, kind: str,
                  base: Base, current: Any, ops: list[dict[str, Any]], document: dict[str, Any],
                  rationale_en: str, rationale_ar: str, report: Any, intent: Intent,
                  entities: list[str] | None = None, roles: list[str] | None = None) -> Proposal:
        ref = (ProposalBase("template", template=base.template) if base.new
               else ProposalBase("blueprint", key=current.key, version=current.version))
        return Proposal(str(uuid.uuid4()), conversation_id, engine, model, kind, ref,
                        base.document, ops, document, rationale_en, rationale_ar, report,
                        summarise(document, entities, roles))

    # ------------------------------------------------------------ offline
    async def _offline(self, text: str, intent: Intent, current: Any,
                       conversation_id: str) -> _Draft:
        lang = intent.language
        if intent.kind is IntentKind.deploy:
            return _Draft("handed_off", offline_answers.DEPLOY_HANDOFF.text(lang))
        if intent.kind is IntentKind.unknown:
            return _Draft("answered", offline_answers.UNKNOWN.text(lang))
        if intent.kind in ANSWER_KINDS:
            if current is None:
                return _Draft("answered", offline_answers.NEEDS_BLUEPRINT.text(lang))
            document = current.document
            if intent.kind is IntentKind.cost:
                return _Draft("answered", offline_answers.cost_answer(document).text(lang))
            _, report = await self.runner.run(lambda: self.blueprints.validate(document))
            if intent.kind is IntentKind.compliance:
                answer = offline_answers.compliance_answer(document, report)
                return _Draft("answered", answer.text(lang), findings=tuple(report.sorted()))
            return _Draft("answered", self._explain_offline(document, intent).text(lang))
        base = await self._base(intent, current)
        plan = plan_change(intent, base.document, new=base.new, owner=self.console_user())
        if not plan.ops:
            return _Draft("answered", "The blueprint already has everything named; nothing to change."
                          if lang == "en" else "المخطط فيه كل ما ذُكر؛ لا شيء يتغير.")
        ops, document = plan.ops, plan.document
        judgement = await self.runner.run(lambda: judge(base.document, document, self.blueprints.validate))
        if not judgement.valid:
            fixes = fixes_for(list(judgement.blocking), document)
            patched = apply_operations(document, fixes) if fixes else None
            if patched is not None and patched.ok and patched.document is not None:
                fixed_doc = patched.document
                second = await self.runner.run(
                    lambda: judge(base.document, fixed_doc, self.blueprints.validate))
                if second.valid:
                    ops, document, judgement = ops + fixes, fixed_doc, second
                    plan.say("Turned on the safeguards the compliance checks require.",
                             "فعّلتُ الضمانات التي تشترطها فحوص الامتثال.")
        if not judgement.valid:
            return _Draft("rejected", "The offline planner could not make a valid proposal:\n"
                          + describe_findings(judgement.blocking), findings=judgement.blocking)
        kind = "create" if base.new else "modify"
        proposal = self._proposal(conversation_id, "offline", None, kind, base, current, ops,
                                  document, "\n".join(plan.rationale_en),
                                  "\n".join(plan.rationale_ar), judgement.report, intent,
                                  plan.entities, plan.roles)
        return _Draft("proposed", proposal.rationale(lang), proposal=proposal,
                      findings=tuple(judgement.report.sorted()))

    @staticmethod
    def _explain_offline(document: dict[str, Any], intent: Intent) -> offline_answers.Answer:
        names = [e.get("name") for e in document.get("entities", [])]
        for entity in intent.entities:
            if entity in names:
                return offline_answers.explain_node(document, f"/entities/{names.index(entity)}")
        return offline_answers.overview(document)

    # ------------------------------------------------------------ deciding
    async def accept(self, proposal_id: str, *, blueprint_key: str | None = None,
                     actor: str | None = None, wait_for_approval: bool = True) -> AcceptResult:
        """Write the proposal as a blueprint version (a new blueprint for a new platform).
        ``actor`` is the person accepting; the assistant never is."""
        return await self.decisions.accept(proposal_id, blueprint_key, actor or self.console_user(),
                                           wait_for_approval)

    async def reject(self, proposal_id: str, *, blueprint_key: str | None = None,
                     actor: str | None = None, reason: str = "") -> None:
        person = actor or self.console_user()
        await self.runner.run(lambda: self.decisions.reject_now(proposal_id, blueprint_key, person, reason))

    # ------------------------------------------------------------ history
    async def history(self, blueprint_key: str | None,
                      conversation_id: str | None = None) -> list[ConversationEntry]:
        return await self.runner.run(lambda: self.conversations.entries_now(blueprint_key, conversation_id))


def _emit(listener: Listener | None, event: AssistEvent) -> None:
    if listener is not None:
        listener(event)


def build_orchestrator(store: EventStore, blueprints: BlueprintService,
                       governance: GovernanceService, secrets: SecretStore,
                       factory: ModelFactory | None, usage: UsageLedger,
                       console_user: Callable[[], str], checks: CheckLookup | None = None,
                       sleep: Sleep | None = None) -> Orchestrator:
    """The assistant for one workspace, on its event store and governance."""
    tenant = blueprints.tenant_id
    gateway = ModelGateway(secrets, AssistantSettingsStore(store, tenant), factory, usage,
                           governance, blueprints.runner, tenant, sleep)
    return Orchestrator(blueprints, governance, gateway, ConversationLog(store, tenant),
                        console_user, checks)
