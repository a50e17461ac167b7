"""Tearing an environment down (volumes kept unless their data is to go, protection lifted
first), going back to an earlier applied state, and plans and states read back from JSON."""

from __future__ import annotations

import json
from dataclasses import replace
from decimal import Decimal
from typing import Any

import pytest

from app.domain.bidi import strip_isolation
from app.domain.cloud.destroy import destroy_plan, rollback_state
from app.domain.cloud.model import (
    CloudSpecError,
    EnvironmentSpec,
    Kind,
    Resource,
    desired_state,
    resources_from_json,
)
from app.domain.cloud.plan import Action, fingerprint, make_plan
from app.domain.cloud.pricing import plan_cost
from app.domain.cloud.records import plan_from_record, plan_record
from app.domain.cloud.render import plan_text
from tests.unit.test_cloud_plan import PRICING, book_of

SPEC = EnvironmentSpec(workspace="bank", platform="clinic", environment="production",
                       account="main", location="fsn1", app_server_type="cx22", app_servers=2,
                       db_server_type="cx32", volume_gb=50, backups=True, delete_protection=True,
                       ssh_from=("203.0.113.7/32",), ssh_public_key="ssh-ed25519 AAAA test")
ACTUAL = [replace(r, id=str(index)) for index, r in enumerate(desired_state(SPEC), 1)]
VOLUME = "wn-clinic-production-db-data"
DB = "wn-clinic-production-db-1"


def test_destroy_keeps_the_volume_and_deletes_the_rest_dependants_first() -> None:
    plan = destroy_plan(ACTUAL, delete_data=False)
    deletes = [s for s in plan.steps if s.action is Action.DELETE]
    assert {s.name for s in deletes} == {r.name for r in ACTUAL} - {VOLUME}
    assert [s.kind for s in deletes] == [Kind.load_balancer, *[Kind.server] * 3, *[Kind.primary_ip] * 3,
                                         Kind.firewall, Kind.network, Kind.ssh_key]
    assert plan.destroy and plan.kept == (VOLUME,)
    assert [r.name for r in plan.desired] == [VOLUME]  # what is left: the volume, detached
    assert plan.desired[0].spec["server"] is None and plan.desired[0].protected
    # Every protected resource is unprotected by its own step, just before its delete.
    for index, step in enumerate(plan.steps):
        if step.action is Action.UPDATE:
            assert step.cause == "protected" and step.actual is not None and step.actual.protected
            assert [(c.setting, c.before, c.after) for c in step.changes] == [
                ("delete_protection", True, False)]
            after = plan.steps[index + 1]
            assert (after.action, after.name) == (Action.DELETE, step.name)
            assert not step.destroys_data
    assert plan.count(Action.UPDATE) == sum(1 for r in ACTUAL if r.protected and r.name != VOLUME)
    # Servers lose their disks; keys, networks, IPs and the load balancer hold no data.
    assert {s.name for s in deletes if s.destroys_data} == {
        r.name for r in ACTUAL if r.kind is Kind.server}
    db = next(s for s in deletes if s.name == DB)
    assert db.detaches == (VOLUME,)
    assert db.reason == f"the environment is destroyed; deleting it detaches the kept volume {VOLUME}"
    # The price after the teardown is the kept volume's.
    cost = plan_cost(plan, book_of(PRICING))
    assert cost.after.monthly.net == Decimal("0.044") * 50


def test_destroying_the_data_deletes_the_volume_after_the_server_it_is_attached_to() -> None:
    keep = destroy_plan(ACTUAL, delete_data=False)
    plan = destroy_plan(list(reversed(ACTUAL)), delete_data=True)  # order of reading is no matter
    names = [(s.action, s.name) for s in plan.steps]
    assert plan.kept == () and plan.desired == ()
    assert names.index((Action.DELETE, DB)) < names.index((Action.UPDATE, VOLUME)) < names.index(
        (Action.DELETE, VOLUME))
    volume = next(s for s in plan.steps if s.action is Action.DELETE and s.name == VOLUME)
    assert volume.destroys_data and plan.destroys_data
    assert next(s for s in plan.steps if s.name == DB and s.action is Action.DELETE).detaches == ()
    assert plan.hash != keep.hash  # the approval binds which data goes
    assert plan.hash == destroy_plan(ACTUAL, delete_data=True).hash
    unprotected = [replace(r, protected=False) for r in ACTUAL]
    bare = destroy_plan(unprotected, delete_data=True)
    assert bare.count(Action.UPDATE) == 0 and bare.count(Action.DELETE) == len(ACTUAL)


def test_the_destroy_plan_reads_well_in_both_languages() -> None:
    plan = destroy_plan(ACTUAL, delete_data=False)
    english = strip_isolation(plan_text(plan, None, "en")).splitlines()
    assert english[:2] == ["- load balancer wn-clinic-production-lb (the environment is destroyed)",
                           "~ server wn-clinic-production-app-1 (lift delete protection, then delete)"]
    assert "    delete_protection: true → false" in english
    assert (f"- server {DB} (the environment is destroyed; deleting it detaches the kept volume "
            f"{VOLUME})") in english
    assert f"= volume {VOLUME} (kept, with its data)" in english
    assert english[-1] == "Destroy: 6 resources to update, 10 resources to delete; 1 resource kept."
    arabic = strip_isolation(plan_text(plan, None, "ar")).splitlines()
    assert "~ خادم wn-clinic-production-app-1 (رفع حماية الحذف، ثم الحذف)" in arabic
    assert f"- خادم {DB} (إزالة البيئة؛ حذفه يفصل عنه ما يبقى من مجلدات التخزين: {VOLUME})" in arabic
    assert f"= مجلد تخزين {VOLUME} (يبقى ببياناته)" in arabic
    assert arabic[-1] == "الإزالة: ٦ موارد للتحديث، ١٠ موارد للحذف؛ يبقى: مورد واحد."
    everything = strip_isolation(plan_text(destroy_plan(ACTUAL, delete_data=True), None, "en"))
    assert f"- volume {VOLUME} (the environment is destroyed)\n    ! its data is lost" in everything
    assert everything.endswith("Destroy: 7 resources to update, 11 resources to delete.")
    nothing = destroy_plan([], delete_data=True)
    assert plan_text(nothing, None, "en") == "Nothing to destroy: the environment has no resources."
    assert plan_text(nothing, None, "ar") == "لا شيء للإزالة: لا موارد لهذه البيئة."
    only_volume = destroy_plan([r for r in ACTUAL if r.name == VOLUME], delete_data=False)
    assert plan_text(only_volume, None, "en").endswith("Destroy: nothing to delete; 1 resource kept.")


def test_rollback_goes_back_to_the_state_before_the_latest_or_to_deployment_n() -> None:
    first = desired_state(replace(SPEC, app_servers=1))
    second = desired_state(SPEC)
    third = desired_state(replace(SPEC, volume_gb=80))
    history = [first, second, third]
    assert rollback_state(history) == second
    assert rollback_state(history, 1) == first
    assert rollback_state(history, 3) == third  # the latest again, e.g. to undo drift
    for wrong in (0, 4, -1):
        with pytest.raises(CloudSpecError, match=f"there is no deployment {wrong}: choose 1 to 3") as caught:
            rollback_state(history, wrong)
        assert caught.value.setting == "to"
    with pytest.raises(CloudSpecError) as caught:
        rollback_state(history, 9)
    assert "اختر من ١ إلى ٣" in caught.value.message_ar
    with pytest.raises(CloudSpecError, match="applied once"):
        rollback_state([first])
    with pytest.raises(CloudSpecError, match="never applied"):
        rollback_state([])
    with pytest.raises(CloudSpecError, match="never applied"):
        rollback_state([], 1)


def test_a_state_kept_as_json_reads_back_exactly() -> None:
    written = json.loads(json.dumps([r.record() for r in ACTUAL]))
    read = resources_from_json(written, "applied")
    assert read == ACTUAL and fingerprint(read) == fingerprint(ACTUAL)
    desired = desired_state(SPEC)
    again = resources_from_json(json.loads(json.dumps([r.to_json() for r in desired])))
    assert again == desired and all(r.id is None for r in again)
    assert make_plan(again, ACTUAL).hash == make_plan(desired, ACTUAL).hash


@pytest.mark.parametrize(("change", "where", "words"), [
    ({"kind": "disk"}, "applied[2].kind", "'disk' is not a kind of resource"),
    ({"name": ""}, "applied[2].name", "non-empty text"),
    ({"labels": {"a": 1}}, "applied[2].labels", "must map texts to texts"),
    ({"spec": []}, "applied[2].spec", "is not an object"),
    ({"protected": "yes"}, "applied[2].protected", "true or false"),
    ({"id": 7}, "applied[2].id", "a text or null"),
    ({"colour": "red"}, "applied[2].colour", "not a field of a resource"),
    ({"name": None}, "applied[2].name", "non-empty text"),
])
def test_a_bad_state_names_the_field(change: dict[str, Any], where: str, words: str) -> None:
    written = [r.record() for r in ACTUAL]
    written[2] = {**written[2], **change}
    with pytest.raises(CloudSpecError) as caught:
        resources_from_json(written, "applied")
    assert caught.value.setting == where and words in str(caught.value)
    assert where in caught.value.message_ar
    missing = [r.record() for r in ACTUAL]
    del missing[0]["spec"]
    with pytest.raises(CloudSpecError, match=r"applied\[0\]\.spec: is missing"):
        resources_from_json(missing, "applied")
    with pytest.raises(CloudSpecError, match="applied: is not a list"):
        resources_from_json({"kind": "server"}, "applied")


def test_a_plan_written_to_a_file_reads_back_with_its_hash_and_refuses_edits() -> None:
    wanted = desired_state(SPEC)
    changed = list(ACTUAL)
    changed[6] = replace(changed[6], spec={**changed[6].spec, "server_type": "cx32"})
    changed[-1] = replace(changed[-1], spec={**changed[-1].spec, "location": "nbg1"})
    changed.append(Resource(Kind.server, "stray", dict(changed[0].labels), {}, id="99"))
    for plan in (make_plan(wanted, changed), destroy_plan(ACTUAL, delete_data=False),
                 destroy_plan(ACTUAL, delete_data=True)):
        record = json.loads(json.dumps(plan_record(plan)))
        read = plan_from_record(record)
        assert read == plan and read.hash == plan.hash == record["hash"]
    record = plan_record(destroy_plan(ACTUAL, delete_data=False))
    record["kept"] = []  # the volume quietly added to what goes
    with pytest.raises(CloudSpecError, match=r"plan\.hash: does not match"):
        plan_from_record(record)
    record = plan_record(make_plan(wanted, changed))
    record["steps"][0]["reason"] = "nothing to see"
    with pytest.raises(CloudSpecError, match=r"plan\.hash: does not match"):
        plan_from_record(record)
    record["steps"][1]["action"] = "explode"
    with pytest.raises(CloudSpecError, match=r"plan\.steps\[1\]\.action: 'explode' is not an action"):
        plan_from_record(record)
    record = plan_record(make_plan(wanted, changed))
    record["steps"][0]["kind"] = "disk"
    with pytest.raises(CloudSpecError, match=r"plan\.steps\[0\]\.kind"):
        plan_from_record(record)
    with pytest.raises(CloudSpecError, match=r"plan\.hash: is missing"):
        plan_from_record({"steps": [], "desired": [], "actual": []})
