"""Which files a generation produces, from which template, with what context; and the
migration chain, which grows by one migration each time the schema changes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from app.domain.codegen.lock import BILLING_REQUIREMENTS, RUNTIME_REQUIREMENTS, TEST_REQUIREMENTS
from app.domain.codegen.manifest import Manifest, canonical_json
from app.domain.codegen.migrations import migration_body, summary
from app.domain.codegen.samples import platform_samples
from app.domain.codegen.schema import Schema
from app.domain.codegen.spec import PlatformSpec

MIGRATIONS_DIR = "migrations/versions"
_REVISION = re.compile(r"^(\d{4})_[a-z0-9_]+\.py$")


@dataclass(frozen=True)
class RenderJob:
    """One output file: rendered from ``template`` or, when ``content`` is set, verbatim."""

    path: str
    template: str | None = None
    context: dict[str, Any] = field(default_factory=dict)
    content: str | None = None


@dataclass(frozen=True)
class PreviousGeneration:
    manifest: Manifest
    migration_texts: dict[str, str]  # path -> the generated text of each earlier migration


# (output path, template); "{pkg}" is the platform's package
PLATFORM_FILES: tuple[tuple[str, str], ...] = (
    ("README.md", "project/README.md.j2"),
    ("README.ar.md", "project/README.ar.md.j2"),
    ("pyproject.toml", "project/pyproject.toml.j2"),
    ("Dockerfile", "project/Dockerfile.j2"),
    ("compose.yaml", "project/compose.yaml.j2"),
    ("deploy/cloud-init.yaml", "project/cloud-init.yaml.j2"),
    ("deploy/Caddyfile", "project/Caddyfile.j2"),
    (".env.example", "project/env.example.j2"),
    (".gitignore", "project/gitignore.j2"),
    (".dockerignore", "project/dockerignore.j2"),
    ("alembic.ini", "project/alembic.ini.j2"),
    ("migrations/env.py", "migrations/env.py.j2"),
    ("migrations/script.py.mako", "migrations/script.py.mako.j2"),
    ("{pkg}/__init__.py", "package/__init__.py.j2"),
    ("{pkg}/main.py", "package/main.py.j2"),
    ("{pkg}/settings.py", "package/settings.py.j2"),
    ("{pkg}/db.py", "package/db.py.j2"),
    ("{pkg}/types.py", "package/types.py.j2"),
    ("{pkg}/crypto.py", "package/crypto.py.j2"),
    ("{pkg}/messages.py", "package/messages.py.j2"),
    ("{pkg}/errors.py", "package/errors.py.j2"),
    ("{pkg}/fields.py", "package/fields.py.j2"),
    ("{pkg}/security.py", "package/security.py.j2"),
    ("{pkg}/permissions.py", "package/permissions.py.j2"),
    ("{pkg}/crud.py", "package/crud.py.j2"),
    ("{pkg}/system_models.py", "package/system_models.py.j2"),
    ("{pkg}/auth.py", "package/auth.py.j2"),
    ("{pkg}/lockout.py", "package/lockout.py.j2"),
    ("{pkg}/credentials.py", "package/credentials.py.j2"),
    ("{pkg}/outbox.py", "package/outbox.py.j2"),
    ("{pkg}/metering.py", "package/metering.py.j2"),
    ("{pkg}/docs.py", "package/docs.py.j2"),
    ("{pkg}/static/favicon.svg", "package/static/favicon.svg.j2"),
    ("{pkg}/manage.py", "package/manage.py.j2"),
    ("{pkg}/privacy.py", "package/privacy.py.j2"),
    ("{pkg}/models/__init__.py", "package/models/__init__.py.j2"),
    ("{pkg}/schemas/__init__.py", "package/schemas/__init__.py.j2"),
    ("{pkg}/api/__init__.py", "package/api/__init__.py.j2"),
    ("{pkg}/api/audit_trail.py", "package/api/audit_trail.py.j2"),
    ("tests/conftest.py", "tests/conftest.py.j2"),
    ("tests/platform_checks.py", "tests/platform_checks.py.j2"),
    ("tests/test_auth.py", "tests/test_auth.py.j2"),
    ("tests/test_sign_in_defences.py", "tests/test_sign_in_defences.py.j2"),
    ("tests/test_docs.py", "tests/test_docs.py.j2"),
    ("tests/test_migrations.py", "tests/test_migrations.py.j2"),
    ("tests/test_openapi.py", "tests/test_openapi.py.j2"),
    ("tests/test_exports.py", "tests/test_exports.py.j2"),
    ("tests/privacy_checks.py", "tests/privacy_checks.py.j2"),
    ("tests/test_privacy.py", "tests/test_privacy.py.j2"),
    ("tests/test_tenancy.py", "tests/test_tenancy.py.j2"),
    ("tests/test_metering.py", "tests/test_metering.py.j2"),
)
# Only for platforms with an entity that has a retention period: the daily purge job.
RETENTION_FILES: tuple[tuple[str, str], ...] = (
    ("deploy/retention-purge.service", "project/retention-purge.service.j2"),
    ("deploy/retention-purge.timer", "project/retention-purge.timer.j2"),
)
# Only for platforms that sell their tiers through Stripe (billing.py in the domain).
BILLING_FILES: tuple[tuple[str, str], ...] = (
    ("{pkg}/billing.py", "package/billing.py.j2"),
    ("{pkg}/billing_api.py", "package/billing_api.py.j2"),
    ("tests/test_billing.py", "tests/test_billing.py.j2"),
)
# Third-party files copied unchanged from resources/codegen/vendor (with their licences).
VENDORED_FILES: tuple[tuple[str, str], ...] = tuple(
    (f"{{pkg}}/static/swagger-ui/{name}", f"vendor/swagger-ui/{name}")
    for name in ("swagger-ui-bundle.js", "swagger-ui.css", "LICENSE", "NOTICE", "swagger-ui-bundle.js.LICENSE.txt")
)
VERBATIM_TEMPLATE = "vendor/verbatim.j2"
ENTITY_FILES: tuple[tuple[str, str], ...] = (
    ("{pkg}/models/{module}.py", "package/models/entity.py.j2"),
    ("{pkg}/schemas/{module}.py", "package/schemas/entity.py.j2"),
    ("{pkg}/api/{module}.py", "package/api/entity.py.j2"),
    ("tests/test_{module}.py", "tests/test_entity.py.j2"),
)


def _revision(path: str) -> str:
    match = _REVISION.match(path.rsplit("/", 1)[-1])
    if not match:
        raise ValueError(f"{path} is not a migration of this generator")
    return match.group(1)


def migration_jobs(spec: PlatformSpec, previous: PreviousGeneration | None) -> tuple[list[RenderJob], Schema]:
    """The migration files: the earlier ones as they were generated, plus one more when
    the schema changed since the previous generation."""
    new_schema = spec.schema
    jobs: list[RenderJob] = []
    old_schema = Schema()
    last: str | None = None
    if previous is not None and previous.manifest.package == spec.package:
        for path in previous.manifest.migrations:
            text = previous.migration_texts.get(path)
            if text is None:
                continue
            jobs.append(RenderJob(path, content=text))
            last = _revision(path)
        if jobs:
            old_schema = previous.manifest.schema
    if jobs and old_schema == new_schema:
        return jobs, new_schema
    number = int(last) + 1 if last else 1
    revision = f"{number:04d}"
    slug = summary(old_schema, new_schema)
    upgrade = migration_body(old_schema, new_schema)
    downgrade = migration_body(new_schema, old_schema)
    jobs.append(RenderJob(
        f"{MIGRATIONS_DIR}/{revision}_{slug}.py",
        "migrations/migration.py.j2",
        {"revision": revision, "down_revision": last, "slug": slug,
         "upgrade": upgrade.code(), "downgrade": downgrade.code(),
         "uses_guard": upgrade.uses_guard or downgrade.uses_guard,
         "uses_isolation": upgrade.uses_isolation or downgrade.uses_isolation,
         "uses_billing": upgrade.uses_billing or downgrade.uses_billing},
    ))
    return jobs, new_schema


def render_jobs(spec: PlatformSpec) -> list[RenderJob]:
    """Every file of the platform except the migrations, in a stable order."""
    jobs: list[RenderJob] = []
    samples = platform_samples(spec)
    seedable = sorted(name for name, data in samples.items() if data["seedable"])
    for path, template in PLATFORM_FILES:
        context: dict[str, Any] = {}
        if path == "pyproject.toml":
            dependencies = (*RUNTIME_REQUIREMENTS, *(BILLING_REQUIREMENTS if spec.billing else ()))
            context = {"dependencies": dependencies, "test_dependencies": TEST_REQUIREMENTS}
        elif path in ("tests/test_privacy.py", "tests/test_tenancy.py"):
            context = {"seedable": seedable}
        jobs.append(RenderJob(path.format(pkg=spec.package), template, context))
    if spec.retained:
        jobs.extend(RenderJob(path, template) for path, template in RETENTION_FILES)
    if spec.billing:
        jobs.extend(RenderJob(path.format(pkg=spec.package), template) for path, template in BILLING_FILES)
    for path, source in VENDORED_FILES:
        jobs.append(RenderJob(path.format(pkg=spec.package), VERBATIM_TEMPLATE, {"asset": source}))
    for entity in spec.entities:
        for path, template in ENTITY_FILES:
            jobs.append(RenderJob(path.format(pkg=spec.package, module=entity.module), template,
                                  {"e": entity, "s": samples[entity.name], "seedable": seedable}))
    for entity in spec.entities:
        jobs.append(RenderJob(f"tests/samples/{entity.name}.json",
                              content=canonical_json(samples[entity.name])))
    return jobs


def normalise(text: str) -> str:
    """LF line ends, no trailing spaces, exactly one newline at the end."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    body = "\n".join(line.rstrip() for line in lines).strip("\n")
    return body + "\n" if body else ""
