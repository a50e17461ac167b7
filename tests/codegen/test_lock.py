"""The platform's package lock: its file form, the lock the console ships, and how a
platform keeps its lock until the owner upgrades it."""

from __future__ import annotations

from pathlib import Path

import pytest
from packaging.requirements import Requirement

from app.domain.codegen.lock import (
    BUILD_REQUIREMENTS,
    RUNTIME_LOCK,
    RUNTIME_REQUIREMENTS,
    TEST_LOCK,
    TEST_REQUIREMENTS,
    LockedPackage,
    PlatformLock,
    lock_changes,
    parse_lock,
    render_lock,
    without_billing,
)
from app.domain.codegen.spec import CodegenError, build_spec
from app.integrations.codegen_templates import JinjaTemplates
from app.integrations.git_repo import open_platform_repository
from app.integrations.platform_lock import PipLocks, lock_from_reports, target_options
from app.services.codegen import CodegenService
from tests.codegen.conftest import blueprint_of, card_paying_document, template_document

H1, H2 = "sha256:" + "a" * 64, "sha256:" + "b" * 64


def test_a_lock_reads_back_what_it_wrote() -> None:
    lock = PlatformLock((LockedPackage("Zeta", "1.0", (H2, H1)), LockedPackage("alpha_pkg", "2.1", (H1,))),
                        ("cp311-manylinux_x86_64",))
    text = render_lock(lock, "purpose")
    again = parse_lock(text)
    assert text.index("alpha_pkg==2.1") < text.index("Zeta==1.0")  # sorted by canonical name
    assert again.version_of("alpha-pkg") == "2.1"
    assert again.targets == ("cp311-manylinux_x86_64",)
    assert render_lock(again, "purpose") == text


@pytest.mark.parametrize(("text", "problem"), [
    ("fastapi>=1.0 \\\n    --hash=" + H1, "line 1: 'fastapi>=1.0' is not pinned"),
    ("# header\n\nfastapi==1.0\n", "line 3: fastapi has no --hash"),
    ("fastapi==1.0 --hash=md5:abc\n", "is not a sha256 hash"),
    ("fastapi==1.0 --index-url=x --hash=" + H1, "unexpected '--index-url=x'"),
    (f"a==1 --hash={H1}\nA==2 --hash={H1}\n", "line 2: A is listed twice"),
    ("# nothing\n", "lists no package"),
])
def test_a_broken_lock_is_refused_naming_the_line(text: str, problem: str) -> None:
    with pytest.raises(CodegenError) as caught:
        parse_lock(text, "requirements.lock")
    assert problem in str(caught.value)
    assert "requirements.lock" in str(caught.value)
    # in Arabic the file name reads left to right and the line number is written in Arabic
    assert "\u2066requirements.lock\u2069" in caught.value.message_ar
    if problem.startswith("line 3"):
        assert "السطر ٣" in caught.value.message_ar


def test_changes_name_added_removed_and_moved_packages() -> None:
    old = PlatformLock((LockedPackage("a", "1", (H1,)), LockedPackage("b", "1", (H1,)),
                        LockedPackage("c", "1", (H1,))))
    new = PlatformLock((LockedPackage("a", "1", (H1,)), LockedPackage("b", "2", (H2,)),
                        LockedPackage("d", "1", (H1,))))
    assert [c.describe() for c in lock_changes(old, new)] == ["~ b 1 → 2", "- c 1", "+ d 1"]


def test_pip_reports_make_one_lock_with_every_targets_hashes() -> None:
    def report(digest: str, version: str = "1.0") -> dict[str, object]:
        return {"install": [{"metadata": {"name": "pkg", "version": version},
                             "download_info": {"archive_info": {"hashes": {"sha256": digest}}}}]}

    lock = lock_from_reports([report("a" * 64), report("b" * 64)], ["t1", "t2"])
    assert lock.packages == (LockedPackage("pkg", "1.0", (H1, H2)),)
    with pytest.raises(CodegenError, match=r"resolves to 1\.0 on one target and 2\.0 on t2"):
        lock_from_reports([report("a" * 64), report("b" * 64, "2.0")], ["t1", "t2"])


def test_targets_select_wheels_for_the_servers() -> None:
    options = target_options("cp311-manylinux_aarch64")
    assert options[options.index("--python-version") + 1] == "3.11"
    assert "manylinux_2_17_aarch64" in options
    assert target_options("native") == []
    with pytest.raises(CodegenError, match="unknown target"):
        target_options("cp311-windows")


def test_the_shipped_lock_satisfies_the_platforms_ranges() -> None:
    texts = PipLocks().shipped()
    runtime, full = parse_lock(texts[RUNTIME_LOCK]), parse_lock(texts[TEST_LOCK], TEST_LOCK)
    for requirement in (*RUNTIME_REQUIREMENTS, *TEST_REQUIREMENTS, *BUILD_REQUIREMENTS):
        parsed = Requirement(requirement)
        version = full.version_of(parsed.name)
        assert version is not None, f"{parsed.name} is not in {TEST_LOCK}"
        assert parsed.specifier.contains(version), f"{parsed.name} {version} is outside {parsed.specifier}"
        if requirement in RUNTIME_REQUIREMENTS:
            assert runtime.version_of(parsed.name) == version
    # the runtime lock is part of the test lock, at the same versions
    assert all(full.version_of(p.name) == p.version for p in runtime.packages)
    assert runtime.names() < full.names()


def test_a_platform_keeps_its_lock_until_it_is_upgraded(tmp_path: Path) -> None:
    shipped = PipLocks().shipped()
    older = tmp_path / "older"
    older.mkdir()
    for name, text in shipped.items():  # an earlier console shipped fastapi one version back
        lock = parse_lock(text, name)
        moved = tuple(LockedPackage(p.name, "0.110.0" if p.name == "fastapi" else p.version, p.hashes)
                      for p in lock.packages)
        (older / name).write_text(render_lock(PlatformLock(moved, lock.targets), "older"))
    out = tmp_path / "bank"
    blueprint = blueprint_of(template_document("financial"))
    first = CodegenService(JinjaTemplates(), open_platform_repository, locks=PipLocks(older))
    first.generate_now(blueprint, out, version=1)
    assert "fastapi==0.110.0" in (out / RUNTIME_LOCK).read_text()

    console = CodegenService(JinjaTemplates(), open_platform_repository, locks=PipLocks())
    again = console.generate_now(blueprint, out, version=1)
    assert again.commit is None and again.lock_changes == ()
    assert "fastapi==0.110.0" in (out / RUNTIME_LOCK).read_text()  # kept: nothing moves by itself

    upgraded = console.generate_now(blueprint, out, version=1, upgrade_lock=True)
    assert upgraded.commit is not None
    assert [c.describe() for c in upgraded.lock_changes] == [
        f"~ fastapi 0.110.0 → {parse_lock(shipped[RUNTIME_LOCK]).version_of('fastapi')}"]
    assert sorted(c.path for c in upgraded.touched) == sorted([RUNTIME_LOCK, TEST_LOCK])
    # the financial template sells nothing through Stripe: its lock is without the billing packages
    assert (out / RUNTIME_LOCK).read_text() == without_billing(shipped[RUNTIME_LOCK])
    assert upgraded.to_json()["lock_changes"][0]["package"] == "fastapi"


def test_card_data_is_neither_sorted_nor_filtered_and_tokens_ignore_card_patterns() -> None:
    spec = build_spec(blueprint_of(card_paying_document()))
    card = spec.entity("card")
    token = next(f for f in card.fields if f.name == "card_token")
    name = next(f for f in card.fields if f.name == "cardholder_name")
    assert token.token and token.pattern is None and "provider_token" in token.input_type
    assert not name.token and "provider_token" not in name.input_type
    for fld in (token, name):
        assert fld.filter is None and not fld.sortable
