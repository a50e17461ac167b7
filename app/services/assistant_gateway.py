"""Every call to Claude goes through here: the key from the OS keyring, the Governor's
``ai`` rules (token budget) before the call, retries by the SDK's rules (backoff with
jitter, ``retry-after`` up to a minute, ``x-should-retry``), and a usage event after it.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from app.domain.assist.pricing import estimate_tokens
from app.domain.assist.retry import RetryPolicy
from app.domain.errors import WebNovaError
from app.domain.governance.actions import ActionDescriptor, ActorKind, Decision, Outcome
from app.services.ai_usage import UsageLedger, UsageRecord
from app.services.assistant_model import (
    API_KEY_SECRET,
    AssistantModel,
    AssistantSettings,
    ModelConnection,
    ModelError,
    ModelFactory,
    ModelReply,
    ModelRequest,
)
from app.services.assistant_settings import AssistantSettingsStore
from app.services.governance import GovernanceService
from app.services.ports import DatabaseRunner, SecretStore

AI_ACTOR = "ai:claude"


class AssistError(WebNovaError):
    """The request could not be answered; nothing was recorded or changed."""


class AssistDeniedError(WebNovaError):
    """The Governor refused an AI call before it was made (e.g. the token budget)."""

    def __init__(self, decision: Decision) -> None:
        reasons = "; ".join(m.message_en for m in decision.matches) or decision.outcome.value
        super().__init__(f"the AI call was not made: {reasons}")
        self.decision = decision


@dataclass(frozen=True)
class AssistEvent:
    """Progress for the chat pane: ``engine`` (which engine answers), ``text`` (a streamed
    piece of the reply), ``attempt`` (a new try at a valid proposal), ``retry`` (a failed
    call is tried again after ``delay`` seconds: drop the text streamed since the last
    attempt) and ``status`` (a short note)."""

    kind: str
    text: str = ""
    attempt: int = 0
    delay: float | None = None


Listener = Callable[[AssistEvent], None]
Sleep = Callable[[float], Awaitable[None]]
Jitter = Callable[[], float]


def _notify(listener: Listener | None, event: AssistEvent) -> None:
    if listener is not None:
        listener(event)


class ModelGateway:
    def __init__(self, secrets: SecretStore, settings: AssistantSettingsStore,
                 factory: ModelFactory | None, usage: UsageLedger, governance: GovernanceService,
                 runner: DatabaseRunner, tenant_id: str, sleep: Sleep | None = None) -> None:
        self.secrets = secrets
        self.settings_store = settings
        self.factory = factory
        self.usage = usage
        self.governance = governance
        self.runner = runner
        self.tenant_id = tenant_id
        self.sleep: Sleep = sleep or asyncio.sleep
        # a uniform draw in [0, 1) that shortens each backoff by up to a quarter, so
        # clients that failed together do not retry together; not a secret
        self.jitter: Jitter = random.random

    async def settings(self) -> AssistantSettings:
        return await self.runner.run(self.settings_store.get_now)

    async def update_settings(self, actor: str | None, **changes: Any) -> AssistantSettings:
        return await self.runner.run(lambda: self.settings_store.update_now(actor, **changes))

    async def api_key(self) -> str | None:
        return await asyncio.to_thread(self.secrets.get, API_KEY_SECRET)

    async def has_api_key(self) -> bool:
        return bool(await self.api_key())

    async def set_api_key(self, value: str) -> None:
        """Keep the key in the OS keyring (never in the workspace or the settings file)."""
        value = value.strip()
        if not value:
            raise AssistError("the API key is empty")
        await asyncio.to_thread(self.secrets.set, API_KEY_SECRET, value)

    async def clear_api_key(self) -> None:
        await asyncio.to_thread(self.secrets.delete, API_KEY_SECRET)

    async def usage_this_month(self) -> dict[str, Any]:
        return await self.runner.run(self.usage.totals_now)

    async def open(self, settings: AssistantSettings) -> AssistantModel | None:
        """A model client, or None when there is no key (or no client) to make one."""
        if self.factory is None:
            return None
        key = await self.api_key()
        if not key:
            return None
        return self.factory(ModelConnection(key, settings.base_url, settings.timeout_seconds))

    async def check(self, kind: str, proposes: str | None, request: ModelRequest,
                    subject: str) -> int:
        """Ask the Governor before the call; returns the token estimate it allowed."""
        tokens = estimate_tokens(request.size(), request.max_tokens)
        context: dict[str, object] = {"tokens": tokens, "model": request.model}
        if proposes is not None:
            context["proposes"] = proposes
        action = ActionDescriptor(kind, AI_ACTOR, self.tenant_id, subject=subject,
                                  actor_kind=ActorKind.AI, context=context)
        decision = await self.runner.run(lambda: self.governance.check_now(action))
        if decision.outcome is not Outcome.ALLOW:
            raise AssistDeniedError(decision)
        return tokens

    async def call(self, model: AssistantModel, request: ModelRequest, settings: AssistantSettings,
                   *, purpose: str, conversation_id: str | None, actor: str | None,
                   listener: Listener | None = None) -> tuple[ModelReply, UsageRecord]:
        """One call with retries; its usage is recorded before the reply is returned."""
        policy = RetryPolicy(max_retries=settings.max_retries)
        retry = 0
        on_text = None if listener is None else (lambda piece: _notify(listener, AssistEvent("text", piece)))
        while True:
            try:
                reply = await model.complete(request, on_text)
                break
            except ModelError as exc:
                delay = policy.delay(retry, exc.retry_after, self.jitter()) if exc.retryable else None
                if delay is None:
                    raise
                retry += 1
                _notify(listener, AssistEvent("retry", str(exc), retry, delay))
                await self.sleep(delay)
        record = UsageRecord.for_call(reply.model or request.model, reply.input_tokens,
                                      reply.output_tokens, purpose, conversation_id, reply.request_id,
                                      reply.cache_creation_input_tokens, reply.cache_read_input_tokens)
        await self.runner.run(lambda: self.usage.record_now(record, actor))
        return reply, record
