"""An environment's infrastructure as its blueprint describes it: the location from the
environment's Hetzner region, the app server type and count from its size and replicas,
backups as declared, and delete protection for production. The owner's own settings (the
database server type, volume size, networks that may reach SSH) come on top."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from app.domain.cloud.model import CloudSpecError, EnvironmentSpec


def environment_spec(document: Mapping[str, Any], environment: str, *, workspace: str,
                     account: str, location: str | None = None,
                     overrides: Mapping[str, Any] | None = None) -> EnvironmentSpec:
    """The :class:`EnvironmentSpec` of ``environment`` of the blueprint ``document``.
    ``location`` is required when the blueprint keeps the environment on premises."""
    environments = list(document.get("environments", []))
    found = next((e for e in environments if e.get("name") == environment), None)
    if found is None:
        names = ", ".join(str(e.get("name")) for e in environments) or "none"
        raise CloudSpecError("environment", f"the blueprint has no environment {environment!r} "
                             f"(it has: {names})",
                             f"لا توجد في المخطط بيئة «{environment}» (الموجود: {names})")
    if location is None:
        if found.get("provider") != "hetzner":
            raise CloudSpecError("location", f"the blueprint keeps the {environment} environment "
                                 f"on {found.get('provider')}; name a Hetzner location for it",
                                 f"يضع المخطط بيئة {environment} في {found.get('provider')}؛ "
                                 "سمِّ موقعًا في Hetzner لها")
        location = str(found["region"])
    spec = EnvironmentSpec(
        workspace=workspace, platform=str(document["key"]), environment=environment,
        account=account, location=location, app_server_type=str(found["server_size"]),
        app_servers=int(found.get("replicas", 1)), backups=bool(found.get("backups", False)),
        delete_protection=environment == "production")
    if overrides:
        unknown = sorted(set(overrides) - set(EnvironmentSpec.__dataclass_fields__))
        if unknown:
            raise CloudSpecError(unknown[0], f"no such setting {unknown[0]!r}",
                                 f"لا يوجد إعداد باسم «{unknown[0]}»")
        spec = replace(spec, **dict(overrides))
    spec.check()
    return spec
