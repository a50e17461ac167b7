"""Running a generated platform locally: migrated SQLite database in its folder, a free
loopback port, its log streamed, a health check, and a clean stop; state shared between
console processes through files in the data folder."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import httpx
import pytest

from app.integrations.keyring_store import KeyringSecretStore
from app.integrations.local_runtime import LocalRuntimeHost, RuntimeStateFiles
from app.services.codegen import CodegenService
from app.services.runtime import PlatformRuntimeError, RuntimeService
from app.store.platform_registry import JsonPlatformRegistry
from tests.codegen.conftest import blueprint_of, template_document


def runtime() -> RuntimeService:
    return RuntimeService(LocalRuntimeHost(), RuntimeStateFiles(), KeyringSecretStore(),
                          JsonPlatformRegistry())


@pytest.fixture
def platform(codegen: CodegenService, tmp_path: Path) -> Path:
    out = tmp_path / "clinic"
    codegen.generate_now(blueprint_of(template_document("healthcare")), out, version=1)
    return out


def test_up_streams_the_log_answers_and_stops_cleanly(platform: Path) -> None:
    service = runtime()
    lines: list[str] = []
    seen = threading.Event()

    def collect(line: str) -> None:
        lines.append(line)
        if "Uvicorn running on" in line:
            seen.set()

    running = service.up("clinic", on_log=collect, timeout=60)
    try:
        assert running.url.startswith("http://127.0.0.1:")
        health = httpx.get(f"{running.url}/health", timeout=5).json()
        assert health == {"status": "ok", "platform": "clinic", "version": "1.0.0", "database": "ok"}
        assert seen.wait(5), lines
        assert (platform / ".webnova/runtime/platform.sqlite3").is_file()
        [status] = service.status("clinic")
        assert (status.state, status.url, status.pid) == ("running", running.url, running.process.pid)
        with pytest.raises(PlatformRuntimeError, match="already running"):
            service.up(str(platform))
        assert KeyringSecretStore().get("platform/clinic/jwt-secret")
    finally:
        stopped = running.stop(grace=10)
    assert stopped.state == "stopped"
    assert running.process.poll() is not None
    assert service.status() == []
    with pytest.raises(httpx.HTTPError):
        httpx.get(f"{running.url}/health", timeout=2)


def test_detached_platform_is_found_and_stopped_by_another_process(platform: Path) -> None:
    started = runtime().up(str(platform), detach=True, timeout=60)
    try:
        other = runtime()  # as a second `webnova runtime ...` would see it
        [status] = other.status()
        assert status.state == "running"
        assert status.url == started.url
        assert status.log_file
        assert Path(status.log_file).is_file()
        assert other.down("clinic").state == "stopped"
        assert other.status("clinic")[0].state == "stopped"
    finally:
        LocalRuntimeHost().stop(started.state.pid, 5)
        started.process.wait(5)


def test_a_platform_that_fails_to_start_says_why(platform: Path) -> None:
    main = platform / "clinic_api/main.py"
    main.write_text(main.read_text().replace("def create_app(", "raise RuntimeError('broken on purpose')\n\n\ndef create_app("))
    service = runtime()
    with pytest.raises(PlatformRuntimeError, match="exited with code"):
        service.up("clinic", timeout=30)
    assert service.status() == []


def test_unknown_platforms_are_named(tmp_path: Path) -> None:
    with pytest.raises(PlatformRuntimeError, match="webnova generate nothing-here"):
        runtime().up("nothing-here")
    with pytest.raises(PlatformRuntimeError, match="no generated platform"):
        runtime().status(str(tmp_path))


def test_regeneration_migrates_a_database_that_has_data(codegen: CodegenService, platform: Path) -> None:
    """Records made with one blueprint version survive the next version's migration."""
    service = runtime()
    env = service.environment("clinic", platform)

    def manage(*args: str) -> str:
        done = subprocess.run([sys.executable, "-m", "clinic_api.manage", *args], cwd=platform,
                              env={**env, "PLATFORM_USER_PASSWORD": "pw"}, capture_output=True,
                              text=True, check=True, timeout=120)
        return done.stdout

    running = service.up("clinic", timeout=60)
    try:
        manage("create-user", "--tenant", "t1", "--email", "admin@t1.example", "--role", "admin")
        token = manage("token", "--tenant", "t1", "--email", "admin@t1.example").strip()
        headers = {"Authorization": f"Bearer {token}"}
        body = {"name": "North", "code": "NOR-001", "city": "Riyadh", "bed_count": 40}
        created = httpx.post(f"{running.url}/api/v1/facility", json=body, headers=headers, timeout=10)
        assert created.status_code == 201, created.text
    finally:
        running.stop()

    document = template_document("healthcare")
    facility = next(e for e in document["entities"] if e["name"] == "facility")
    facility["fields"] = [f for f in facility["fields"] if f["name"] != "bed_count"] + [
        {"name": "region", "label": {"en": "Region", "ar": "المنطقة"}, "type": "enum",
         "enum_values": ["central", "western"], "required": True},
        {"name": "phone", "label": {"en": "Phone", "ar": "الهاتف"}, "type": "string"},
    ]
    result = codegen.generate_now(blueprint_of(document), platform, version=2)
    assert "migrations/versions/0002_alter_facility.py" in [c.path for c in result.touched]

    running = service.up("clinic", timeout=60)
    try:
        listed = httpx.get(f"{running.url}/api/v1/facility", headers=headers, timeout=10).json()
        [record] = listed["items"]
        assert record["name"] == "North"
        assert record["code"] == "NOR-001"
        assert record["region"] == "central"  # existing rows get the first value
        assert record["phone"] is None
        assert "bed_count" not in record
    finally:
        running.stop()
