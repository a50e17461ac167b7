"""Drift: what changed in an environment outside the console since it was last applied,
item by item, in English and Arabic."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from app.domain.bidi import strip_isolation
from app.domain.cloud.drift import Drift, DriftChange, DriftItem, detect_drift, drift_text
from app.domain.cloud.model import EnvironmentSpec, Kind, Resource, desired_state
from app.domain.cloud.plan import OBSERVED

SPEC = EnvironmentSpec(workspace="bank", platform="clinic", environment="production",
                       account="main", location="fsn1", app_server_type="cx22", app_servers=2,
                       db_server_type="cx32", volume_gb=50, backups=True, delete_protection=True,
                       ssh_from=("203.0.113.7/32",), ssh_public_key="ssh-ed25519 AAAA test",
                       host_keys={"wn-clinic-production-app-1": "SHA256:abc"})
APPLIED = desired_state(SPEC)


def read_back(resources: list[Resource]) -> list[Resource]:
    """As the provider reports them: ids, and only what it can report (no host keys, no
    backups flag, no cloud-init)."""
    return [replace(r, id=str(index), spec={k: v for k, v in r.spec.items()
                                           if k in OBSERVED[r.kind] or k == "format"})
            for index, r in enumerate(resources, 1)]


def named(resources: list[Resource], suffix: str) -> tuple[int, Resource]:
    return next((i, r) for i, r in enumerate(resources) if r.name.endswith(suffix))


def only(drift: Drift, **match: Any) -> DriftItem:
    found = [i for i in drift.items if all(getattr(i, k) == v for k, v in match.items())]
    assert len(found) == 1, (match, drift.items)
    return found[0]


def test_an_environment_as_applied_has_no_drift_whatever_the_provider_cannot_report() -> None:
    drift = detect_drift(APPLIED, read_back(APPLIED))
    assert drift.clean and drift.items == () and drift.resources == 0
    assert drift_text(drift, "en") == "No drift: the environment is as it was last applied."
    assert drift_text(drift, "ar") == "لا انحراف: البيئة كما طُبّقت آخر مرة."
    # the same with the list shuffled: resources are matched by kind and name
    assert detect_drift(APPLIED, list(reversed(read_back(APPLIED)))).clean


def test_a_firewall_edit_names_each_rule_added_removed_or_changed() -> None:
    actual = read_back(APPLIED)
    index, firewall = named(actual, "-fw")
    rules = {rule["port"]: dict(rule) for rule in firewall.spec["rules"]}
    rules["22"]["source_ips"] = ["0.0.0.0/0"]  # SSH opened to everyone
    del rules["443"]
    rules["5432"] = {"direction": "in", "protocol": "tcp", "port": "5432",
                     "source_ips": ["0.0.0.0/0", "::/0"]}
    actual[index] = replace(firewall, spec={"rules": list(rules.values())})
    drift = detect_drift(APPLIED, actual)
    assert not drift.clean and drift.resources == 1
    assert [(i.change, i.what) for i in drift.items] == [
        (DriftChange.CHANGED, "rule tcp 22"), (DriftChange.REMOVED, "rule tcp 443"),
        (DriftChange.ADDED, "rule tcp 5432")]
    ssh = only(drift, what="rule tcp 22")
    assert ssh.before["source_ips"] == ["203.0.113.7/32"] and ssh.after["source_ips"] == ["0.0.0.0/0"]
    assert (ssh.kind, ssh.name, ssh.id) == (Kind.firewall, firewall.name, firewall.id)
    assert ssh.en == ("firewall wn-clinic-production-fw: the rule for tcp 22 was changed to admit "
                      "0.0.0.0/0 instead of 203.0.113.7/32 outside the console.")
    assert strip_isolation(ssh.ar) == (
        "جدار حماية wn-clinic-production-fw: عُدّلت القاعدة الخاصة بـtcp 22 لتسمح بـ0.0.0.0/0 "
        "بدل 203.0.113.7/32 خارج وحدة التحكم.")
    opened = only(drift, what="rule tcp 5432")
    assert opened.before is None and opened.after["port"] == "5432"
    assert "a rule admitting tcp 5432 from 0.0.0.0/0, ::/0 was added" in opened.en
    assert "أُضيفت قاعدة تسمح بـtcp 5432 من 0.0.0.0/0, ::/0" in strip_isolation(opened.ar)
    closed = only(drift, what="rule tcp 443")
    assert closed.after is None and "the rule admitting tcp 443" in closed.en and "was removed" in closed.en
    assert "\u2066tcp 443\u2069" in closed.ar  # the Latin rule stays left to right in Arabic
    # Two rules for one port read as one: the same addresses split in two are no drift.
    split = [dict(r) for r in firewall.spec["rules"] if r["port"] != "80"]
    split += [{"direction": "in", "protocol": "tcp", "port": "80", "source_ips": ["0.0.0.0/0"]},
              {"direction": "in", "protocol": "tcp", "port": "80", "source_ips": ["::/0"]}]
    actual[index] = replace(firewall, spec={"rules": split})
    assert detect_drift(APPLIED, actual).clean


def test_resized_grown_unprotected_and_relabelled_resources_say_before_and_after() -> None:
    actual = read_back(APPLIED)
    app_at, app = named(actual, "-app-1")
    actual[app_at] = replace(app, spec={**app.spec, "server_type": "cx42"}, protected=False,
                             labels={**{k: v for k, v in app.labels.items() if k != "webnova.role"},
                                     "owner": "ops"})
    volume_at, volume = named(actual, "-db-data")
    actual[volume_at] = replace(volume, spec={**volume.spec, "size": 80})
    db_at, db = named(actual, "-db-1")
    actual[db_at] = replace(db, labels={**db.labels, "webnova.role": "cache"})
    drift = detect_drift(APPLIED, actual)
    resized = only(drift, name=app.name, what="server_type")
    assert (resized.change, resized.before, resized.after, resized.id) == (
        DriftChange.CHANGED, "cx22", "cx42", app.id)
    assert resized.en == ("server wn-clinic-production-app-1: server type changed from cx22 to "
                          "cx42 outside the console.")
    assert "تغيّر نوع الخادم من cx22 إلى cx42 خارج وحدة التحكم" in strip_isolation(resized.ar)
    lifted = only(drift, name=app.name, what="delete_protection")
    assert (lifted.before, lifted.after) == (True, False)
    assert "delete protection was lifted outside the console" in lifted.en
    assert "رُفعت حماية الحذف" in lifted.ar
    assert only(drift, name=app.name, what="label owner").change is DriftChange.ADDED
    removed = only(drift, name=app.name, what="label webnova.role")
    assert (removed.change, removed.before, removed.after) == (DriftChange.REMOVED, "app", None)
    relabelled = only(drift, name=db.name, what="label webnova.role")
    assert (relabelled.before, relabelled.after) == ("db", "cache")
    grown = only(drift, name=volume.name, what="size")
    assert (grown.before, grown.after) == (50, 80)
    assert "size changed from 50 GB to 80 GB" in grown.en
    assert "تغيّر الحجم من ٥٠ غيغابايت إلى ٨٠ غيغابايت" in grown.ar  # Arabic digits
    assert drift.resources == 3 and len(drift.items) == 6
    text = strip_isolation(drift_text(drift, "en")).splitlines()
    assert text[0] == "Drift: 6 changes outside the console, in 3 resources."
    assert "~ " + resized.en in text
    arabic = strip_isolation(drift_text(drift, "ar")).splitlines()
    assert arabic[0] == "انحراف: ٦ تغييرات خارج وحدة التحكم، الموارد المعنية: ٣ موارد."


def test_deleted_unknown_duplicate_and_replaced_resources() -> None:
    actual = read_back(APPLIED)
    _, deleted = named(actual, "-app-2")
    actual.remove(deleted)
    _, app = named(actual, "-app-1")
    actual.append(replace(app, id="900"))  # a second server with the app's name
    stray = Resource(Kind.volume, "scratch", dict(app.labels), {"size": 10}, id="901")
    actual.append(stray)
    applied = [replace(r, id="77") if r.name.endswith("-net") else r for r in APPLIED]
    drift = detect_drift(applied, actual)
    gone = only(drift, change=DriftChange.DELETED)
    assert (gone.kind, gone.name, gone.id, gone.after) == (Kind.server, deleted.name, None, None)
    assert gone.before["name"] == deleted.name
    assert gone.en == "server wn-clinic-production-app-2 was deleted outside the console."
    assert strip_isolation(gone.ar) == "تمّ حذف خادم wn-clinic-production-app-2 خارج وحدة التحكم."
    unknown = only(drift, change=DriftChange.UNKNOWN)
    assert (unknown.name, unknown.id, unknown.before) == ("scratch", "901", None)
    assert unknown.en == ("volume scratch (id 901) carries this environment's labels but was "
                          "never applied by the console.")
    assert strip_isolation(unknown.ar) == (
        "مورد يحمل وسوم هذه البيئة ولم تطبّقه وحدة التحكم قط: مجلد تخزين scratch (المعرّف 901).")
    duplicate = only(drift, change=DriftChange.DUPLICATE)
    assert (duplicate.name, duplicate.id) == (app.name, "900")
    assert duplicate.en.endswith("a second resource with this name.")
    # The journal knew the network's id: another network with its name replaced it.
    swapped = only(drift, change=DriftChange.REPLACED)
    assert (swapped.name, swapped.before, swapped.after) == (
        "wn-clinic-production-net", "77", swapped.id)
    text = strip_isolation(drift_text(drift, "en")).splitlines()
    assert text[0] == "Drift: 4 changes outside the console, in 4 resources."
    assert f"- {gone.en}" in text and f"+ {unknown.en}" in text and f"-/+ {swapped.en}" in text
    json_items = drift.to_json()["items"]
    assert {item["change"] for item in json_items} == {"deleted", "unknown", "duplicate", "replaced"}


def test_a_volume_detached_outside_the_console_names_its_server() -> None:
    actual = read_back(APPLIED)
    at, volume = named(actual, "-db-data")
    actual[at] = replace(volume, spec={**volume.spec, "server": None})
    item = only(detect_drift(APPLIED, actual), what="server")
    assert (item.before, item.after) == ("wn-clinic-production-db-1", None)
    assert "detached from server wn-clinic-production-db-1 outside the console" in item.en
    assert "فُصل عن الخادم" in item.ar
