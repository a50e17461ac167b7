""""Explain this": any blueprint node, compliance finding or constitution rule, in the
owner's language. The console's own facts always come first; Claude, when available,
turns them into a fuller explanation, streamed. Each explanation joins the blueprint's
conversation history.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from app.domain.assist import explain as facts
from app.domain.assist import prompt
from app.domain.assist.explain import Answer
from app.domain.bidi import ltr
from app.domain.blueprint.compliance import PackCheck
from app.domain.blueprint.findings import Finding, pointer_parts
from app.domain.governance.constitution import Rule
from app.services.ai_usage import UsageRecord
from app.services.assistant_gateway import (
    AssistDeniedError,
    AssistError,
    AssistEvent,
    Listener,
    ModelGateway,
)
from app.services.assistant_model import ModelError, ModelRequest
from app.services.blueprints import BlueprintService
from app.services.conversations import ConversationLog
from app.services.governance import GovernanceService

CheckLookup = Callable[[str], PackCheck | None]


@dataclass(frozen=True)
class Explanation:
    conversation_id: str
    target: str
    engine: str
    model: str | None
    text: str
    facts: Answer
    usage: tuple[UsageRecord, ...] = ()
    notes: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"conversation_id": self.conversation_id, "target": self.target,
                "engine": self.engine, "model": self.model, "text": self.text,
                "facts": {"en": self.facts.en, "ar": self.facts.ar},
                "usage": [u.to_json() for u in self.usage], "notes": list(self.notes)}


def _names(document: dict[str, Any], path: str) -> dict[str, str]:
    parts = pointer_parts(path)
    values = {"blueprint": str(document.get("key", "")), "entity": "…", "field": "…",
              "environment": "…", "country": "…"}
    try:
        if len(parts) >= 2 and parts[0] == "entities":
            entity = document["entities"][int(parts[1])]
            values["entity"] = str(entity.get("name"))
            if len(parts) >= 4 and parts[2] == "fields":
                values["field"] = str(entity["fields"][int(parts[3])].get("name"))
        if len(parts) >= 2 and parts[0] == "environments":
            env = document["environments"][int(parts[1])]
            values["environment"] = str(env.get("name"))
            values["country"] = str(env.get("country") or "?")
    except (KeyError, IndexError, ValueError, TypeError):
        pass
    return values


# What a placeholder stands for when the check is explained in general, not at a place.
_GENERAL = {
    "en": {"entity": "the entity", "field": "the field", "environment": "chosen", "country": "another country"},
    "ar": {"entity": "الكيان", "field": "الحقل", "environment": "التشغيل", "country": "دولة أخرى"},
}


def _check_answer(check: PackCheck, values: dict[str, str]) -> Answer:
    """The check's texts with every placeholder filled: by the names at the place it was
    found, or, for a check explained in general, by words in each language."""
    filled = {lang: {**_GENERAL[lang], **{k: v for k, v in values.items() if v != "…"}}
              for lang in ("en", "ar")}
    en = [t.render(filled["en"])[0] for t in (check.title, check.explanation, check.remediation)]
    ar = [t.render(filled["ar"])[1] for t in (check.title, check.explanation, check.remediation)]
    return Answer(f"{check.id} ({check.framework.value}): {en[0]}\n{en[1]}\nFix: {en[2]}",
                  f"{ltr(check.id)} ({ltr(check.framework.value)}): {ar[0]}\n{ar[1]}\n"
                  f"الحل: {ar[2]}")


def _rule_answer(rule: Rule) -> Answer:
    details = [f"kind {rule.kind}"]
    if rule.when_source:
        details.append(f"applies when {rule.when_source}")
    if rule.approvers:
        details.append(f"approvers {', '.join(rule.approvers)}, quorum {rule.quorum}")
    if rule.limit is not None:
        details.append(f"limit {rule.limit} {rule.currency} a month, on exceeding: {rule.on_exceed}")
    if rule.may_propose:
        details.append(f"AI may propose {', '.join(rule.may_propose)}")
    if rule.monthly_token_budget is not None:
        details.append(f"AI token budget {rule.monthly_token_budget} a month")
    listed = "; ".join(details)
    return Answer(f"Constitution rule {rule.id}: {rule.description.en} ({listed}).",
                  f"قاعدة الدستور {ltr(rule.id)}: {rule.description.ar} ({listed}).")


class Explainer:
    def __init__(self, blueprints: BlueprintService, gateway: ModelGateway,
                 conversations: ConversationLog, governance: GovernanceService,
                 checks: CheckLookup | None, console_user: Callable[[], str]) -> None:
        self.blueprints = blueprints
        self.gateway = gateway
        self.conversations = conversations
        self.governance = governance
        self.checks = checks or (lambda _code: None)
        self.console_user = console_user
        self.runner = blueprints.runner

    def facts_now(self, blueprint_key: str, target: str | Finding) -> tuple[str, Answer]:
        """What the console knows about ``target`` (a JSON Pointer, an entity name, a
        finding, a compliance check id or a constitution rule id)."""
        document = self.blueprints.get_now(blueprint_key).document
        if isinstance(target, Finding):
            check = self.checks(target.code)
            more = None if check is None else _check_answer(check, _names(document, target.path))
            return f"finding {target.code} at {target.path or '/'}", facts.explain_finding(target, more)
        if target == "" or target.startswith("/"):
            try:
                return f"blueprint node {target or '/'}", facts.explain_node(document, target)
            except KeyError:
                raise AssistError(f"blueprint {blueprint_key!r} has nothing at {target!r}") from None
        names = [e.get("name") for e in document.get("entities", [])]
        if target in names:
            return f"entity {target}", facts.explain_node(document, f"/entities/{names.index(target)}")
        for rule in self.governance.constitution_now().constitution.rules:
            if rule.id == target:
                return f"constitution rule {target}", _rule_answer(rule)
        check = self.checks(target)
        if check is not None:
            # Where this blueprint trips it, if it does: the explanation names that place.
            _, report = self.blueprints.validate(document)
            where = next((f.path for f in report.findings if f.code == target), "")
            return f"compliance check {target}", _check_answer(check, _names(document, where))
        raise AssistError(f"nothing called {target!r}: give a JSON Pointer such as /entities/0, "
                          "an entity name, a compliance check id or a constitution rule id")

    async def explain(self, blueprint_key: str, target: str | Finding, *, language: str = "en",
                      offline: bool = False, conversation_id: str | None = None,
                      actor: str | None = None, listener: Listener | None = None) -> Explanation:
        actor = actor or self.console_user()
        conversation_id = conversation_id or str(uuid.uuid4())
        subject, known = await self.runner.run(lambda: self.facts_now(blueprint_key, target))
        label = target.code if isinstance(target, Finding) else (target or "/")
        result = Explanation(conversation_id, label, "offline", None, known.text(language), known)
        settings = await self.gateway.settings()
        model = None if offline else await self.gateway.open(settings)
        if model is not None:
            if listener is not None:
                listener(AssistEvent("engine", "claude"))
            request = ModelRequest(settings.model, self.system_text(), [
                {"role": "user", "content": prompt.explain_message(
                    subject, f"{known.en}\n{known.ar}", language)}], settings.max_tokens)
            try:
                await self.gateway.check("ai.explain", None, request, blueprint_key)
                reply, usage = await self.gateway.call(
                    model, request, settings, purpose="explain", conversation_id=conversation_id,
                    actor=actor, listener=listener)
                result = Explanation(conversation_id, label, "claude", reply.model,
                                     reply.text or known.text(language), known, (usage,))
            except (ModelError, AssistDeniedError) as exc:
                result = Explanation(conversation_id, label, "offline", None, known.text(language),
                                     known, notes=(f"{exc}; the console's own explanation is shown.",))
            finally:
                await model.aclose()
        elif listener is not None:
            listener(AssistEvent("engine", "offline"))
            listener(AssistEvent("text", result.text))
        log = self.conversations
        final = result
        await self.runner.run(lambda: log.append_now(blueprint_key, [
            log.message(conversation_id, "user", f"Explain {subject}", actor, explain=label),
            log.message(conversation_id, "assistant", final.text, actor, engine=final.engine,
                        model=final.model, explain=label)]))
        return result

    def system_text(self) -> str:
        return prompt.SYSTEM.split("The result must satisfy")[0].strip()
