"""Each of the five domain templates, end to end: generate the platform, install it into a
fresh virtual environment from its own lock only, run the tests it was generated with,
start it, and call its API over HTTP as two tenants and two roles.

The virtual environments see none of this console's packages: they are created bare, the
platform's requirements-test.lock is installed with hash checking from a folder of wheels
and no package index (as on an air-gapped server), then the platform itself. The folder of
wheels is fetched once (checked against the lock's hashes) and kept between runs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import traceback
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from app.domain.codegen.spec import EntitySpec, PlatformSpec, build_spec
from app.integrations.codegen_templates import JinjaTemplates
from app.integrations.git_repo import open_platform_repository
from app.integrations.keyring_store import KeyringSecretStore, MemoryKeyring
from app.integrations.local_runtime import LocalRuntimeHost, RuntimeStateFiles
from app.integrations.platform_lock import PipLocks
from app.services.codegen import CodegenService
from app.services.runtime import RuntimeService
from app.store.platform_registry import JsonPlatformRegistry
from tests.codegen.conftest import TEMPLATES, blueprint_of, card_paying_document, template_document

PASSWORD = "correct horse battery staple"
CARD_PAYING = "card-paying"  # the financial template with a card-number pattern on its token


@dataclass
class Outcome:
    template: str
    root: Path
    installed_from: str = ""
    tests_code: int | None = None
    tests_output: str = ""
    http_checks: list[str] = field(default_factory=list)
    error: str = ""


def fresh_environment(folder: Path) -> Path:
    """A virtual environment with nothing in it (not even pip: this console's pip installs
    into it with --python)."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(folder)],
                   check=True, capture_output=True, timeout=120)
    return folder / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def install_from_lock(python: Path, root: Path, wheels: Path) -> None:
    """The platform's test lock and then the platform, from ``wheels`` with no index."""
    pip = [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet",
           "--disable-pip-version-check", "--no-index", "--find-links", str(wheels), "--no-deps"]
    locked = run([*pip, "--require-hashes", "-r", "requirements-test.lock"], root)
    assert locked.returncode == 0, locked.stderr + locked.stdout
    platform = run([*pip, "--no-build-isolation", "."], root)
    assert platform.returncode == 0, platform.stderr + platform.stdout


def run(command: list[str], cwd: Path, env: dict[str, str] | None = None,
        timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout,
                          check=False)


def choose(spec: PlatformSpec) -> tuple[EntitySpec, str, str]:
    """An entity without required references that one role may create, read and list
    (in any record of its tenant) and another role may not create."""
    for entity in spec.entities:
        if any(f.required for f in entity.references):
            continue
        full = [r for r, g in entity.grants.items()
                if all(g.get(a) == "all" for a in ("create", "read", "list"))]
        other = [r.name for r in spec.roles if "create" not in entity.grants.get(r.name, {})]
        if full and other:
            return entity, full[0], other[0]
    raise AssertionError(f"{spec.key}: no entity suits the HTTP checks")


def http_checks(outcome: Outcome, spec: PlatformSpec, python: Path, service: RuntimeService) -> None:
    entity, writer_role, reader_role = choose(spec)
    sample = json.loads((outcome.root / f"tests/samples/{entity.name}.json").read_text())["valid"][0]
    env = service.environment(spec.key, outcome.root)
    script = (
        "import sys\n"
        f"from {spec.package}.manage import main\n"
        "for tenant, email, role in [a.split(':') for a in sys.argv[1:]]:\n"
        "    assert main(['create-user', '--tenant', tenant, '--email', email, '--role', role]) == 0\n"
    )
    users = [f"tenant-a:writer@a.example:{writer_role}", f"tenant-b:writer@b.example:{writer_role}",
             f"tenant-a:other@a.example:{reader_role}"]
    env_with_password = {**env, "PLATFORM_USER_PASSWORD": PASSWORD}
    migrated = run([str(python), "-m", "alembic", "-c", "alembic.ini", "upgrade", "head"], outcome.root, env)
    assert migrated.returncode == 0, migrated.stderr
    created = run([str(python), "-c", script, *users], outcome.root, env_with_password)
    assert created.returncode == 0, created.stderr

    running = service.up(str(outcome.root), timeout=90)
    try:
        base, route = running.url, f"{running.url}{entity.route}"

        def sign_in(tenant: str, email: str) -> dict[str, str]:
            response = httpx.post(f"{base}/api/v1/auth/token", timeout=10,
                                  json={"tenant": tenant, "email": email, "password": PASSWORD})
            assert response.status_code == 200, response.text
            return {"Authorization": f"Bearer {response.json()['access_token']}"}

        writer_a = sign_in("tenant-a", "writer@a.example")
        writer_b = sign_in("tenant-b", "writer@b.example")
        other_a = sign_in("tenant-a", "other@a.example")

        created_a = httpx.post(route, json=sample, headers=writer_a, timeout=10)
        assert created_a.status_code == 201, created_a.text
        record_id = created_a.json()["id"]
        outcome.http_checks.append(f"{writer_role}@tenant-a created {entity.name}")
        assert httpx.get(f"{route}/{record_id}", headers=writer_a, timeout=10).status_code == 200

        hidden = httpx.get(f"{route}/{record_id}", headers=writer_b, timeout=10)
        assert hidden.status_code == 404
        assert hidden.json()["error"]["code"] == "record.not_found"
        assert httpx.get(route, headers=writer_b, timeout=10).json()["total"] == 0
        outcome.http_checks.append("tenant-b cannot see tenant-a's record (404) nor list it")

        refused = httpx.post(route, json=sample, timeout=10, headers={**other_a, "Accept-Language": "ar"})
        assert refused.status_code == 403, refused.text
        error = refused.json()["error"]
        assert error["code"] == "permission.denied"
        assert error["message"] == error["message_ar"]
        outcome.http_checks.append(f"{reader_role} may not create {entity.name} (403, Arabic message)")

        same_values = httpx.post(route, json=sample, headers=writer_b, timeout=10)
        assert same_values.status_code == 201, same_values.text
        listed = httpx.get(route, headers=writer_a, timeout=10).json()
        assert [item["id"] for item in listed["items"]] == [record_id]
        outcome.http_checks.append("each tenant lists only its own records")

        suspend = run([str(python), "-m", f"{spec.package}.manage", "set-status", "--tenant", "tenant-b",
                       "--email", "writer@b.example", "--status", "suspended"], outcome.root, env)
        assert suspend.returncode == 0, suspend.stderr
        refused_user = httpx.get(f"{base}/api/v1/auth/me", headers=writer_b, timeout=10)
        assert refused_user.status_code == 403
        assert refused_user.json()["error"]["code"] == "user.suspended"
        outcome.http_checks.append("a suspended user's token is refused (403)")
        document = httpx.get(f"{base}/openapi.json", timeout=10).json()
        assert entity.route in document["paths"]
    finally:
        running.stop()


def pipeline(template: str, work: Path, service: RuntimeService, codegen: CodegenService,
             wheels: Path) -> Outcome:
    outcome = Outcome(template, work / template)
    try:
        document = card_paying_document() if template == CARD_PAYING else template_document(template)
        blueprint = blueprint_of(document)
        spec = build_spec(blueprint)
        codegen.generate_now(blueprint, outcome.root, version=1)
        python = fresh_environment(work / f"venv-{template}")
        install_from_lock(python, outcome.root, wheels)
        where = run([str(python), "-P", "-c", f"import {spec.package}; print({spec.package}.__file__)"],
                    outcome.root)
        outcome.installed_from = where.stdout.strip()
        tests = run([str(python), "-P", "-m", "pytest", "-p", "no:cacheprovider", "-x"], outcome.root,
                    {**os.environ, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"})
        outcome.tests_code = tests.returncode
        outcome.tests_output = tests.stdout[-3000:] + tests.stderr[-2000:]
        http_checks(outcome, spec, python, service)
    except Exception:
        outcome.error = traceback.format_exc()
    return outcome


def test_every_template_and_a_card_paying_blueprint_end_to_end(tmp_path: Path, console_home: Path, locked_wheels: Path) -> None:
    """One test for all six, run three at a time, so a parallel test runner does not
    repeat the work; the failure message names every template that failed and why."""
    registry = JsonPlatformRegistry(console_home / "platforms.json")
    codegen = CodegenService(JinjaTemplates(), open_platform_repository, registry, locks=PipLocks())
    secrets = KeyringSecretStore(backend=MemoryKeyring())
    with ThreadPoolExecutor(max_workers=3) as pool:
        futures = [
            pool.submit(pipeline, template, tmp_path,
                        RuntimeService(LocalRuntimeHost(), RuntimeStateFiles(tmp_path / f"runtime-{template}"),
                                       secrets, registry),
                        codegen, locked_wheels)
            for template in (*TEMPLATES, CARD_PAYING)
        ]
        outcomes = [future.result() for future in futures]
    problems = []
    for outcome in outcomes:
        if outcome.error:
            problems.append(f"{outcome.template}: {outcome.error}")
        elif outcome.tests_code != 0 or " passed" not in outcome.tests_output:
            problems.append(f"{outcome.template}: generated tests failed\n{outcome.tests_output}")
        elif "/venv-" not in outcome.installed_from:
            problems.append(f"{outcome.template}: imported from {outcome.installed_from}, not the venv")
        elif len(outcome.http_checks) != 5:
            problems.append(f"{outcome.template}: HTTP checks {outcome.http_checks}")
    assert not problems, "\n\n".join(problems)
