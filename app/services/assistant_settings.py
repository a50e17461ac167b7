"""The assistant's settings for a workspace (model, gateway URL, limits), as events so a
change is recorded with who made it. The API key is not here: it lives in the OS keyring."""

from __future__ import annotations

from typing import Any

from app.domain.errors import WebNovaError
from app.domain.events import NewEvent
from app.services.assistant_model import AssistantSettings
from app.services.ports import EventStore

SETTINGS_CHANGED = "AssistantSettingsChanged"
LIMITS = {"max_attempts": (1, 10), "max_tokens": (256, 64_000), "max_retries": (0, 10),
          "timeout_seconds": (1, 600)}


class SettingsError(WebNovaError, ValueError):
    pass


def settings_stream(tenant_id: str) -> str:
    return f"assistant-settings:{tenant_id}"


class AssistantSettingsStore:
    def __init__(self, store: EventStore, tenant_id: str) -> None:
        self.store = store
        self.tenant_id = tenant_id

    def get_now(self) -> AssistantSettings:
        events = self.store.read_stream(settings_stream(self.tenant_id))
        if not events:
            return AssistantSettings()
        return AssistantSettings.from_json(events[-1].data)

    def update_now(self, actor: str | None, **changes: Any) -> AssistantSettings:
        current = self.get_now()
        known = set(current.to_json())
        unknown = set(changes) - known
        if unknown:
            raise SettingsError(f"unknown assistant setting(s): {', '.join(sorted(unknown))}")
        for name, (low, high) in LIMITS.items():
            value = changes.get(name)
            if value is not None and not low <= value <= high:
                raise SettingsError(f"{name} must be between {low} and {high}, not {value}")
        model = changes.get("model")
        if model is not None and (not isinstance(model, str) or not model.strip()):
            raise SettingsError("the model name must not be empty")
        base_url = changes.get("base_url")
        if base_url and not str(base_url).startswith(("http://", "https://")):
            raise SettingsError(f"the base URL must start with http:// or https://, not {base_url!r}")
        values: dict[str, Any] = {k: (v or None) if k == "base_url" else v
                                  for k, v in changes.items()}
        updated = AssistantSettings.from_json({**current.to_json(), **values})
        if updated != current:
            version = self.store.stream_version(settings_stream(self.tenant_id))
            self.store.append(settings_stream(self.tenant_id), [NewEvent(
                SETTINGS_CHANGED, self.tenant_id, updated.to_json(), {"actor": actor})], version)
        return updated
