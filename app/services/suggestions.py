"""Smart suggestions: a review of a blueprint in four categories (security, performance,
compliance, best practice), each with a score, reasoning and suggestions. The rules always
run; Claude adds its own when a key is set. A suggestion with operations becomes a
proposal on request and is accepted or rejected like any other. Reviews are kept in the
blueprint's conversation stream, so past reviews can be listed.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from app.domain.assist import prompt
from app.domain.assist.patching import FIXED_PATHS, apply_operations
from app.domain.assist.proposal import Proposal, ProposalBase, describe_findings, judge, summarise
from app.domain.assist.review import CATEGORIES, CategoryReview, Suggestion, review
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
from app.services.conversations import PROPOSAL, REVIEW, ConversationLog


@dataclass(frozen=True)
class Review:
    id: str
    blueprint_key: str
    version: int
    engine: str  # "offline" or "claude" (rules plus Claude)
    model: str | None
    categories: tuple[CategoryReview, ...]
    usage: tuple[UsageRecord, ...] = ()
    notes: tuple[str, ...] = ()

    def suggestion(self, suggestion_id: str) -> Suggestion:
        for category in self.categories:
            for item in category.suggestions:
                if item.id == suggestion_id:
                    return item
        raise AssistError(f"review {self.id} has no suggestion {suggestion_id!r}")

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "blueprint": self.blueprint_key, "version": self.version,
                "engine": self.engine, "model": self.model,
                "categories": [c.to_json() for c in self.categories],
                "usage": [u.to_json() for u in self.usage], "notes": list(self.notes)}


@dataclass(frozen=True)
class PastReview:
    id: str
    version: int
    engine: str
    recorded_at: datetime
    actor: str | None
    scores: dict[str, int]
    data: dict[str, Any]


def _claude_suggestions(data: Any) -> dict[str, tuple[int, str, list[Suggestion]]]:
    found: dict[str, tuple[int, str, list[Suggestion]]] = {}
    items = data.get("categories", []) if isinstance(data, dict) else []
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict) or item.get("category") not in CATEGORIES:
            continue
        category = str(item["category"])
        score = max(0, min(100, int(item.get("score", 100))))
        suggestions = []
        for index, raw in enumerate(item.get("suggestions") or []):
            if not isinstance(raw, dict) or not raw.get("title"):
                continue
            raw_ops = raw.get("operations")
            ops: list[dict[str, Any]] = raw_ops if isinstance(raw_ops, list) else []
            title, why = str(raw["title"])[:200], str(raw.get("reasoning", ""))[:2000]
            suggestions.append(Suggestion(f"claude.{category}.{index}", category, title, title,
                                          why, why, 0, tuple(ops), source="claude"))
        found[category] = (score, str(item.get("reasoning", ""))[:2000], suggestions)
    return found


def _merge(rules: list[CategoryReview], claude: dict[str, tuple[int, str, list[Suggestion]]]) -> list[CategoryReview]:
    merged = []
    for category in rules:
        extra = claude.get(category.category)
        if extra is None:
            merged.append(category)
            continue
        score, reasoning, items = extra
        merged.append(replace(category, score=min(category.score, score),
                              reasoning_en=f"{category.reasoning_en} Claude: {reasoning}".strip(),
                              reasoning_ar=f"{category.reasoning_ar} Claude: {reasoning}".strip(),
                              suggestions=(*category.suggestions, *items)))
    return merged


def _from_record(data: dict[str, Any]) -> list[CategoryReview]:
    result = []
    for item in data.get("categories", []):
        suggestions = tuple(
            Suggestion(s["id"], s["category"], s["title"]["en"], s["title"]["ar"],
                       s["reasoning"]["en"], s["reasoning"]["ar"], 0,
                       tuple(s.get("operations", [])), s.get("source", "rules"))
            for s in item.get("suggestions", []))
        result.append(CategoryReview(item["category"], int(item["score"]), item["reasoning"]["en"],
                                     item["reasoning"]["ar"], suggestions))
    return result


class SuggestionService:
    def __init__(self, blueprints: BlueprintService, gateway: ModelGateway,
                 conversations: ConversationLog, console_user: Callable[[], str]) -> None:
        self.blueprints = blueprints
        self.gateway = gateway
        self.conversations = conversations
        self.console_user = console_user
        self.runner = blueprints.runner

    async def review(self, blueprint_key: str, *, offline: bool = False, actor: str | None = None,
                     listener: Listener | None = None) -> Review:
        actor = actor or self.console_user()
        current = await self.runner.run(lambda: self.blueprints.get_now(blueprint_key))
        document = current.document
        _, report = await self.runner.run(lambda: self.blueprints.validate(document))
        result = Review(str(uuid.uuid4()), blueprint_key, current.version, "offline", None,
                        tuple(review(document, report)))
        settings = await self.gateway.settings()
        model = None if offline else await self.gateway.open(settings)
        if model is not None:
            if listener is not None:
                listener(AssistEvent("engine", "claude"))
            offline_text = "\n".join(f"- {c.category}: {c.score}; " + "; ".join(
                s.title_en for s in c.suggestions[:8]) for c in result.categories)
            request = ModelRequest(settings.model, prompt.system_prompt({}), [
                {"role": "user", "content": prompt.review_message(
                    document, describe_findings(report.sorted()), offline_text)}],
                settings.max_tokens, tools=[prompt.REVIEW_TOOL_SPEC],
                tool_choice={"type": "tool", "name": prompt.REVIEW_TOOL})
            try:
                await self.gateway.check("ai.propose", "blueprint.review", request, blueprint_key)
                reply, usage = await self.gateway.call(model, request, settings, purpose="review",
                                                       conversation_id=result.id, actor=actor,
                                                       listener=listener)
                calls = [c for c in reply.tool_calls if c.name == prompt.REVIEW_TOOL]
                claude = _claude_suggestions(calls[0].input) if calls else {}
                result = replace(result, engine="claude", model=reply.model,
                                 categories=tuple(_merge(list(result.categories), claude)),
                                 usage=(usage,))
            except (ModelError, AssistDeniedError) as exc:
                result = replace(result, notes=(f"{exc}; the rule-based review is shown.",))
            finally:
                await model.aclose()
        log, final = self.conversations, result
        await self.runner.run(lambda: log.append_now(blueprint_key, [log.event(REVIEW, final.id, {
            "review_id": final.id, **final.to_json()}, actor)]))
        return result

    async def reviews(self, blueprint_key: str) -> list[PastReview]:
        entries = await self.runner.run(lambda: self.conversations.reviews_now(blueprint_key))
        return [PastReview(str(e.data["review_id"]), int(e.data["version"]), str(e.data["engine"]),
                           e.recorded_at, e.actor,
                           {c["category"]: int(c["score"]) for c in e.data.get("categories", [])},
                           e.data) for e in entries]

    async def propose(self, blueprint_key: str, review_id: str, suggestion_id: str, *,
                      actor: str | None = None) -> Proposal:
        """The suggestion as a proposal on the current version, recorded like any other,
        to be accepted or rejected through the orchestrator."""
        actor = actor or self.console_user()
        past = {r.id: r for r in await self.reviews(blueprint_key)}
        if review_id not in past:
            raise AssistError(f"blueprint {blueprint_key!r} has no review {review_id!r}")
        data = past[review_id].data
        categories = tuple(_from_record(data))
        item = Review(review_id, blueprint_key, past[review_id].version, str(data["engine"]),
                      data.get("model"), categories).suggestion(suggestion_id)
        if not item.operations:
            raise AssistError(f"suggestion {suggestion_id!r} has no change to propose")
        current = await self.runner.run(lambda: self.blueprints.get_now(blueprint_key))
        outcome = apply_operations(current.document, list(item.operations), FIXED_PATHS)
        if outcome.document is None:
            problems = "; ".join(p.describe() for p in outcome.problems)
            raise AssistError(f"the suggestion no longer applies to version {current.version}: {problems}")
        document = outcome.document
        judgement = await self.runner.run(
            lambda: judge(current.document, document, self.blueprints.validate))
        if not judgement.valid:
            raise AssistError("the suggestion would make the blueprint invalid:\n"
                              + describe_findings(judgement.blocking))
        proposal = Proposal(str(uuid.uuid4()), review_id, "offline" if item.source == "rules" else "claude",
                            data.get("model") if item.source == "claude" else None, "modify",
                            ProposalBase("blueprint", key=blueprint_key, version=current.version),
                            current.document, list(item.operations), document,
                            f"{item.title_en}: {item.reasoning_en}", f"{item.title_ar}: {item.reasoning_ar}",
                            judgement.report, summarise(document))
        log = self.conversations
        await self.runner.run(lambda: log.append_now(blueprint_key, [
            log.event(PROPOSAL, review_id, {**proposal.record(), "suggestion": suggestion_id}, actor)]))
        return proposal
