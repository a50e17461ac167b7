"""What a rollback says it will cost, and which backup it would restore, without servers."""

from __future__ import annotations

from typing import Any

import pytest

from app.domain.release.rollback import (
    DOWNGRADE,
    RESTORE,
    SWITCH,
    backup_time,
    downgrade_consequence,
    plan_texts,
    restore_consequence,
    revision_of,
)
from app.services.release_deploy import DEPLOYED, FAILED, ReleaseDeployError
from app.services.release_rollback import RollbackChoiceNeededError, RollbackPlan, _backup_after


def entry(release: int, outcome: str | None, backup: str | None = None) -> dict[str, Any]:
    found: dict[str, Any] = {"release": release, "outcome": outcome}
    if backup:
        found["backup"] = {"id": backup, "path": f"/b/{backup}.dump", "release": release}
    return found


def plan(backup: dict[str, Any] | None, revision: str = "b2") -> RollbackPlan:
    return RollbackPlan("hub", "production", 4, 6, "s" * 64, revision, "a1", backup)


def test_alembic_lines_give_their_revision() -> None:
    assert revision_of("3f2a9c1d0b7e (head)") == "3f2a9c1d0b7e"
    assert revision_of("3f2a9c1d0b7e") == "3f2a9c1d0b7e"
    assert revision_of("") == revision_of("  \n") == ""


def test_backup_times_read_as_people_read_them() -> None:
    assert backup_time("20261204T114500Z") == "2026-12-04 11:45:00 UTC"
    assert backup_time("not-a-stamp") == "not-a-stamp"


def test_the_consequences_are_concrete_in_both_languages() -> None:
    down = downgrade_consequence(4, 6, "a1")
    assert "columns and tables added by releases after 4 are dropped with their data" in down.en
    assert "release 6's migrations" in down.en and "a1" in down.en
    assert "بعد 4 مع بياناتها" in down.ar and "الإصدار 6" in down.ar
    assert "(\u2066a1\u2069)" in down.ar  # the revision reads left to right in Arabic
    back = restore_consequence("20261204T114500Z", 5)
    assert "every change written since 2026-12-04 11:45:00 UTC is lost" in back.en
    assert "before release 5 was deployed" in back.en
    assert "يضيع كل تغيير كُتب منذ \u20662026-12-04 11:45:00 UTC\u2069" in back.ar  # isolated LTR
    en, ar = plan_texts("hub", "production", 4, 6, down)
    assert en.startswith("roll hub production back from release 6 to release 4. downgrade:")
    assert ar.startswith("إرجاع hub production من الإصدار 6 إلى الإصدار 4. خفض الترحيل:")
    en, ar = plan_texts("hub", "production", 4, 6, None)
    assert "the database is not touched" in en and "لا تُمسّ قاعدة البيانات" in ar


def test_the_backup_restored_is_the_one_before_the_first_deploy_after_the_target_last_ran() -> None:
    history = [entry(4, DEPLOYED, "d0"), entry(5, DEPLOYED, "d1"), entry(4, DEPLOYED),
               entry(6, FAILED, "d2"), entry(6, DEPLOYED, "d3")]
    found = _backup_after(history, 4)
    assert found is not None and found["id"] == "d2"  # taken while 4 ran, last time it did
    assert _backup_after(history, 5)["id"] == "d2"  # type: ignore[index]
    assert _backup_after(history, 6) is None  # nothing deployed after it
    assert _backup_after(history, 9) is None  # never ran
    assert _backup_after([entry(4, FAILED), entry(5, DEPLOYED, "x")], 4) is None


def test_a_choice_is_needed_only_when_the_revisions_differ_and_restore_needs_a_backup() -> None:
    same = plan(None, revision="a1")
    assert not same.needs_choice and same.consequence(DOWNGRADE) is None
    without = plan(None)
    assert without.needs_choice and [c.choice for c in without.options()] == [DOWNGRADE]
    with pytest.raises(ReleaseDeployError, match="no backup was taken before a deploy after "
                                                 "release 4 of hub production"):
        without.consequence(RESTORE)
    said = str(RollbackChoiceNeededError(without))
    assert "--downgrade — downgrade:" in said and "--restore-backup is not possible" in said
    both = plan({"id": "20261204T114500Z", "path": "/b/x.dump", "release": 5})
    assert [c.choice for c in both.options()] == [DOWNGRADE, RESTORE]
    assert both.consequence(SWITCH) is None
    said = str(RollbackChoiceNeededError(both))
    assert "database is at revision b2, release 4 expects a1" in said
    assert "--restore-backup — restore the backup" in said
