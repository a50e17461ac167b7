"""Claude's side of a request: tool use with a bounded repair loop.

The model answers in text or with ``propose_blueprint_patch``. A proposal is applied to a
copy of the base and validated (schema, rules, compliance packs); if it fails, the exact
problems go back as an error tool result, at most ``max_attempts`` times. A tool call for
anything else (approve, deploy, apply, ...) is refused, judged by the Governor as an AI
action and reported. Nothing here writes a blueprint.

Why the model stopped is read on every reply (``app.domain.assist.stop_reasons``): an
answer cut at ``max_tokens`` is never a proposal (its tool input is incomplete), a refusal
ends the request without a repair loop, an unknown reason is an error.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from app.domain.assist import prompt, stop_reasons
from app.domain.assist.intents import Intent
from app.domain.assist.patching import FIXED_PATHS, apply_operations
from app.domain.assist.proposal import Validate, describe_findings, judge
from app.domain.blueprint.findings import ValidationReport
from app.domain.governance import actions as kinds
from app.domain.governance.actions import ActionDescriptor, ActorKind
from app.domain.governance.audit import AuditRecord
from app.services.ai_usage import UsageRecord
from app.services.assistant_gateway import (
    AI_ACTOR,
    AssistDeniedError,
    AssistError,
    AssistEvent,
    Listener,
    ModelGateway,
)
from app.services.assistant_model import (
    AssistantModel,
    AssistantSettings,
    ModelReply,
    ModelRequest,
    ToolCall,
)


@dataclass(frozen=True)
class RefusedCall:
    tool: str
    action: str  # the governed action it amounts to
    reason: str

    def to_json(self) -> dict[str, str]:
        return {"tool": self.tool, "action": self.action, "reason": self.reason}


@dataclass
class Base:
    document: dict[str, Any]
    label: str
    new: bool
    template: str | None = None


@dataclass
class ClaudeOutcome:
    status: str = "answered"  # answered, proposed, rejected, refused
    text: str = ""
    operations: list[dict[str, Any]] = field(default_factory=list)
    document: dict[str, Any] | None = None
    report: ValidationReport | None = None
    rationale: str = ""
    intent: str | None = None
    base: Base | None = None
    problems: str = ""
    refused: list[RefusedCall] = field(default_factory=list)
    usage: list[UsageRecord] = field(default_factory=list)
    attempts: int = 0
    model: str | None = None
    refusal: dict[str, Any] | None = None  # the model's stop details when it declined


def _governed_kind(tool: str) -> str:
    name = tool.lower()
    for word, kind in (("approv", kinds.APPROVAL_DECIDE), ("deploy", kinds.DEPLOY),
                       ("destroy", kinds.DESTROY), ("delete", kinds.DESTROY),
                       ("constitution", kinds.CONSTITUTION_CHANGE), ("budget", kinds.BUDGET_RAISE)):
        if word in name:
            return kind
    if any(word in name for word in ("apply", "save", "commit", "accept", "write")):
        return "blueprint.apply"
    return f"ai.tool.{name[:60]}"


class ClaudeProposer:
    def __init__(self, gateway: ModelGateway, validate: Validate,
                 load_template: Callable[[str], dict[str, Any]],
                 schema: Callable[[], dict[str, Any]]) -> None:
        self.gateway = gateway
        self.validate = validate
        self.load_template = load_template
        self._schema = schema
        self._system: str | None = None

    @property
    def system(self) -> str:
        """The system prompt with the blueprint schema, built on first use."""
        if self._system is None:
            self._system = prompt.system_prompt(self._schema())
        return self._system

    async def _refuse(self, call: ToolCall, subject: str) -> RefusedCall:
        kind = _governed_kind(call.name)
        action = ActionDescriptor(kind, AI_ACTOR, self.gateway.tenant_id, subject=subject,
                                  actor_kind=ActorKind.AI, context={"tool": call.name})
        governance = self.gateway.governance
        decision = await self.gateway.runner.run(lambda: governance.governor_now().evaluate(action))
        reasons = "; ".join(m.message_en for m in decision.matches)
        reason = reasons or "the assistant may only propose blueprint changes"
        if governance.audit is not None:
            audit = governance.audit
            record = AuditRecord(self.gateway.tenant_id, AI_ACTOR, "ai.tool_refused", subject,
                                 {"tool": call.name, "action": action.to_json(),
                                  "decision": decision.to_json()}, "refused")
            await self.gateway.runner.run(lambda: audit.append(record))
        return RefusedCall(call.name, kind, reason)

    async def run(self, model: AssistantModel, settings: AssistantSettings, text: str,
                  intent: Intent, base: Base, history: list[tuple[str, str]], *,
                  conversation_id: str, actor: str | None, subject: str,
                  listener: Listener | None) -> ClaudeOutcome:
        out = ClaudeOutcome(base=base, model=settings.model)
        _, base_report = self.validate(base.document)
        messages: list[dict[str, Any]] = [{"role": r, "content": t} for r, t in history]
        if messages and messages[0]["role"] != "user":
            messages = messages[1:]
        messages.append({"role": "user", "content": prompt.request_message(
            text, intent, base.label, base.document, describe_findings(base_report.errors))})
        problems = ""
        for attempt in range(1, settings.max_attempts + 1):
            out.attempts = attempt
            if listener is not None:
                listener(AssistEvent("attempt", attempt=attempt))
            reply = await self._answer(model, settings, messages, subject, conversation_id,
                                       actor, listener, out)
            out.model = reply.model or settings.model
            out.text = reply.text
            if reply.stop_reason == stop_reasons.REFUSAL:
                out.status = "refused"
                out.refusal = reply.stop_details or {"type": "refusal"}
                out.text = stop_reasons.refusal_message(intent.language, reply.stop_details)
                return out
            results: list[dict[str, Any]] = []
            proposals = [c for c in reply.tool_calls if c.name == prompt.PROPOSE_TOOL]
            for call in reply.tool_calls:
                if call.name != prompt.PROPOSE_TOOL:
                    refused = await self._refuse(call, subject)
                    out.refused.append(refused)
                    results.append(_result(call.id, prompt.refused_message(call.name, refused.reason)))
            if not reply.tool_calls:
                out.status = "answered"
                return out
            if proposals:
                call, extra = proposals[0], proposals[1:]
                results += [_result(c.id, "Only the first proposal of a reply is read; send one.")
                            for c in extra]
                problems = self._consider(call, base, out)
                if not problems:
                    out.status = "proposed"
                    return out
                if problems == "rebased":
                    results.append(_result(call.id, prompt.rebase_message(str(base.template), base.document)))
                else:
                    results.append(_result(call.id, prompt.repair_message(
                        problems, attempt, settings.max_attempts)))
            else:
                problems = "the reply only asked for actions the assistant may not take"
            messages = [*messages, {"role": "assistant", "content": reply.content},
                        {"role": "user", "content": results}]
        out.status = "rejected"
        out.problems = problems
        return out

    async def _answer(self, model: AssistantModel, settings: AssistantSettings,
                      messages: list[dict[str, Any]], subject: str, conversation_id: str,
                      actor: str | None, listener: Listener | None,
                      out: ClaudeOutcome) -> ModelReply:
        """One complete reply: a reply cut at ``max_tokens`` is asked for once more with a
        larger limit (if the model and the budget allow), never used as it is."""
        max_tokens, cut_at = settings.max_tokens, 0
        while True:
            request = ModelRequest(settings.model, self.system, messages, max_tokens,
                                   tools=[prompt.PROPOSE_TOOL_SPEC], cache=True)
            try:
                await self.gateway.check(kinds.AI_PROPOSE, "blueprint.patch", request, subject)
            except AssistDeniedError as exc:
                if not cut_at:
                    raise
                raise AssistError(stop_reasons.cut_message(
                    cut_at, f"a longer answer was not allowed: {exc}")) from exc
            reply, usage = await self.gateway.call(model, request, settings, purpose="assist",
                                                   conversation_id=conversation_id, actor=actor,
                                                   listener=listener)
            out.usage.append(usage)
            if reply.stop_reason in stop_reasons.COMPLETE or reply.stop_reason == stop_reasons.REFUSAL:
                return reply
            if reply.stop_reason != stop_reasons.CUT:
                raise AssistError(stop_reasons.unexpected_message(reply.stop_reason))
            larger = None if cut_at else stop_reasons.larger_budget(max_tokens)
            if larger is None:
                raise AssistError(stop_reasons.cut_message(
                    max_tokens, "even after one retry with a larger limit" if cut_at
                    else "the most the model may write"))
            if listener is not None:  # the streamed part is dropped; the answer starts again
                listener(AssistEvent("retry", f"the answer was cut at {max_tokens} tokens; "
                                              f"asking again with {larger}", out.attempts, 0.0))
            max_tokens, cut_at = larger, max_tokens

    def _consider(self, call: ToolCall, base: Base, out: ClaudeOutcome) -> str:
        """Problems with a proposal, "" if it is valid, or "rebased" when the model asked
        for another template (``base`` then holds it)."""
        data = call.input if isinstance(call.input, dict) else {}
        template = data.get("template")
        if base.new and isinstance(template, str) and template != base.template:
            try:
                base.document = self.load_template(template)
            except Exception as exc:
                return f"- template {template!r} cannot be used: {exc}"
            base.template, base.label = template, f"the {template} template, for a new platform"
            return "rebased"
        ops = data.get("operations")
        outcome = apply_operations(base.document, ops, () if base.new else FIXED_PATHS)
        if not outcome.ok or outcome.document is None:
            return "\n".join(f"- {p.describe()}" for p in outcome.problems)
        judgement = judge(base.document, outcome.document, self.validate)
        if not judgement.valid:
            return describe_findings(judgement.blocking)
        out.operations = list(ops or [])
        out.document = outcome.document
        out.report = judgement.report
        out.rationale = str(data.get("rationale", "")).strip()[:2000]
        intent = data.get("intent")
        out.intent = intent if intent in ("create", "modify") else None
        return ""


def _result(tool_use_id: str, text: str) -> dict[str, Any]:
    return {"type": "tool_result", "tool_use_id": tool_use_id, "content": text, "is_error": True}
