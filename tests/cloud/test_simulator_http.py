"""The simulator answers as Hetzner's API does: authentication, errors, pagination, label
selectors, rate limits, actions over time, locks, faults and the sandbox's state file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.integrations.hetzner_sim import HetznerSimulator
from app.integrations.hetzner_sim.labels import SelectorError, parse_selector
from tests.cloud.conftest import TOKEN, FakeClock

KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJ3w6E2y0m8n7m3o8Kq7Yl3uYxQy8V0A8b7c6d5e4f3g"


_HTTP: list[httpx.Client] = []


@pytest.fixture(autouse=True, scope="module")
def _http() -> Iterator[None]:
    with httpx.Client(timeout=10) as http:
        _HTTP.append(http)
        yield
        _HTTP.clear()


def call(sim: HetznerSimulator, method: str, path: str, token: str = TOKEN,
         **kwargs: Any) -> httpx.Response:
    return _HTTP[0].request(method, sim.url + path, headers={"Authorization": f"Bearer {token}"},
                            **kwargs)


def network(sim: HetznerSimulator, name: str, **labels: str) -> httpx.Response:
    return call(sim, "POST", "/networks", json={"name": name, "ip_range": "10.0.0.0/16",
                                                "labels": labels})


def test_a_wrong_token_is_401_unauthorized(sim: HetznerSimulator) -> None:
    answer = call(sim, "GET", "/servers", token="not-the-token")
    assert answer.status_code == 401
    assert answer.json()["error"]["code"] == "unauthorized"
    assert httpx.get(sim.url + "/servers", timeout=10).status_code == 401
    assert call(sim, "GET", "/servers").status_code == 200


def test_lists_paginate_25_by_default_and_at_most_50(sim: HetznerSimulator) -> None:
    for i in range(60):
        assert network(sim, f"net-{i}").status_code == 201
    first = call(sim, "GET", "/networks").json()
    assert len(first["networks"]) == 25
    assert first["meta"]["pagination"] == {"page": 1, "per_page": 25, "previous_page": None,
                                           "next_page": 2, "last_page": 3, "total_entries": 60}
    big = call(sim, "GET", "/networks", params={"per_page": 500, "page": 2}).json()
    assert len(big["networks"]) == 10
    assert big["meta"]["pagination"]["per_page"] == 50
    assert big["meta"]["pagination"]["next_page"] is None
    assert big["meta"]["pagination"]["previous_page"] == 1
    bad = call(sim, "GET", "/networks", params={"page": "zero"})
    assert bad.status_code == 422
    assert bad.json()["error"]["details"]["fields"][0]["name"] == "page"


def test_label_selectors_filter_lists(sim: HetznerSimulator) -> None:
    network(sim, "a", env="staging", tier="web")
    network(sim, "b", env="production", tier="web")
    network(sim, "c", env="staging")

    def names(selector: str) -> list[str]:
        answer = call(sim, "GET", "/networks", params={"label_selector": selector})
        assert answer.status_code == 200, answer.text
        return [n["name"] for n in answer.json()["networks"]]

    assert names("env=staging") == ["a", "c"]
    assert names("env=staging,tier") == ["a"]
    assert names("env==production") == ["b"]
    assert names("env!=staging") == ["b"]
    assert names("!tier") == ["c"]
    assert names("env in (staging, production),tier=web") == ["a", "b"]
    assert names("env notin (staging)") == ["b"]
    bad = call(sim, "GET", "/networks", params={"label_selector": "env=,="})
    assert bad.status_code == 422
    assert bad.json()["error"]["code"] == "invalid_input"


@pytest.mark.parametrize("selector", ["", "a,,b", "a in ()", "=x", "a=b=c d"])
def test_unreadable_selectors_are_refused(selector: str) -> None:
    with pytest.raises(SelectorError):
        parse_selector(selector)


def test_duplicate_names_are_409_uniqueness_error(sim: HetznerSimulator) -> None:
    assert network(sim, "private").status_code == 201
    again = network(sim, "private")
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "uniqueness_error"
    call(sim, "POST", "/ssh_keys", json={"name": "k1", "public_key": KEY})
    same_key = call(sim, "POST", "/ssh_keys", json={"name": "k2", "public_key": KEY})
    assert same_key.status_code == 409


@pytest.mark.parametrize(("path", "body", "field"), [
    ("/networks", {"name": "n", "ip_range": "8.8.8.0/24"}, "ip_range"),
    ("/networks", {"ip_range": "10.0.0.0/8"}, "name"),
    ("/servers", {"name": "s", "server_type": "cx99", "image": "ubuntu-24.04"}, "server_type"),
    ("/servers", {"name": "s", "server_type": "cx22", "image": "ubuntu-24.04", "location": "ash"},
     "server_type"),
    ("/servers", {"name": "bad name!", "server_type": "cx22", "image": "debian-12"}, "name"),
    ("/volumes", {"name": "v", "size": 5, "location": "fsn1"}, "size"),
    ("/firewalls", {"name": "f", "rules": [{"direction": "in", "protocol": "tcp",
                                            "source_ips": ["0.0.0.0/0"]}]}, "rules[0].port"),
    ("/ssh_keys", {"name": "k", "public_key": "not a key"}, "public_key"),
    ("/networks", {"name": "n", "ip_range": "10.0.0.0/16", "labels": {"a": 1}}, "labels"),
])
def test_bad_input_is_422_naming_the_field(sim: HetznerSimulator, path: str, body: dict[str, Any],
                                           field: str) -> None:
    answer = call(sim, "POST", path, json=body)
    assert answer.status_code == 422, answer.text
    error = answer.json()["error"]
    assert error["code"] == "invalid_input"
    assert error["details"]["fields"][0]["name"] == field
    assert sim.state.resources["servers"] == {}


def test_every_answer_carries_rate_limit_headers_and_429_when_spent(clock: FakeClock) -> None:
    with HetznerSimulator(TOKEN, rate_limit=3, clock=clock) as sim:
        answers = [call(sim, "GET", "/locations") for _ in range(4)]
        assert [a.status_code for a in answers] == [200, 200, 200, 429]
        assert [a.headers["RateLimit-Remaining"] for a in answers] == ["2", "1", "0", "0"]
        assert answers[0].headers["RateLimit-Limit"] == "3"
        assert int(answers[3].headers["RateLimit-Reset"]) == int(clock.now) + 3
        assert answers[3].json()["error"]["code"] == "rate_limit_exceeded"
        clock.advance(1)  # one request a second comes back
        assert call(sim, "GET", "/locations").status_code == 200


def test_actions_run_over_time_and_lock_their_resource(clock: FakeClock) -> None:
    with HetznerSimulator(TOKEN, action_delay=30, clock=clock) as sim:
        created = call(sim, "POST", "/volumes", json={"name": "data", "size": 10, "location": "nbg1"})
        volume, action = created.json()["volume"], created.json()["action"]
        assert (volume["status"], action["status"]) == ("creating", "running")
        locked = call(sim, "POST", f"/volumes/{volume['id']}/actions/resize", json={"size": 20})
        assert locked.status_code == 423
        assert locked.json()["error"]["code"] == "locked"
        assert call(sim, "DELETE", f"/volumes/{volume['id']}").status_code == 423
        clock.advance(15)
        halfway = call(sim, "GET", f"/actions/{action['id']}").json()["action"]
        assert (halfway["status"], halfway["progress"]) == ("running", 50)
        clock.advance(16)
        done = call(sim, "GET", f"/actions/{action['id']}").json()["action"]
        assert (done["status"], done["progress"]) == ("success", 100)
        assert call(sim, "GET", f"/volumes/{volume['id']}").json()["volume"]["status"] == "available"
        assert call(sim, "DELETE", f"/volumes/{volume['id']}").status_code == 204


def test_injected_faults_answer_in_order_then_stop(sim: HetznerSimulator) -> None:
    sim.faults.fail_next(2, 429)
    sim.faults.fail_next(1, 503)
    sim.faults.fail_next(1, 423)
    codes = [call(sim, "GET", "/servers") for _ in range(5)]
    assert [c.status_code for c in codes] == [429, 429, 503, 423, 200]
    assert [c.json().get("error", {}).get("code") for c in codes[:4]] == [
        "rate_limit_exceeded", "rate_limit_exceeded", "unavailable", "locked"]


def test_an_injected_action_failure_ends_in_error(sim: HetznerSimulator) -> None:
    sim.faults.fail_actions(1)
    created = call(sim, "POST", "/volumes", json={"name": "data", "size": 10, "location": "fsn1"})
    action = call(sim, "GET", f"/actions/{created.json()['action']['id']}").json()["action"]
    assert action["status"] == "error"
    assert action["error"]["code"] == "action_failed"
    assert call(sim, "GET", f"/volumes/{created.json()['volume']['id']}").json()["volume"]["status"] == "creating"


def test_slow_actions_take_their_own_time(clock: FakeClock) -> None:
    with HetznerSimulator(TOKEN, clock=clock) as sim:
        sim.faults.slow_next_actions(1, 120)
        slow = call(sim, "POST", "/volumes", json={"name": "a", "size": 10, "location": "fsn1"}).json()
        fast = call(sim, "POST", "/volumes", json={"name": "b", "size": 10, "location": "fsn1"}).json()
        assert slow["action"]["status"] == "running"
        assert fast["action"]["status"] == "success"
        clock.advance(121)
        assert call(sim, "GET", f"/actions/{slow['action']['id']}").json()["action"]["status"] == "success"


def test_protected_resources_are_not_deleted(sim: HetznerSimulator) -> None:
    created = network(sim, "keep").json()["network"]
    protect = call(sim, "POST", f"/networks/{created['id']}/actions/change_protection",
                   json={"delete": True})
    assert protect.status_code == 201
    refused = call(sim, "DELETE", f"/networks/{created['id']}")
    assert refused.status_code == 423  # Hetzner's status for the code "protected"
    assert refused.json()["error"]["code"] == "protected"


def test_the_sandbox_state_survives_a_restart(tmp_path: Path) -> None:
    state = tmp_path / "sim.json"
    with HetznerSimulator(TOKEN, state_file=state) as sim:
        network(sim, "kept", env="demo")
        call(sim, "POST", "/servers", json={"name": "web", "server_type": "cpx11",
                                            "image": "debian-12", "user_data": "#cloud-config"})
    assert state.stat().st_mode & 0o777 == 0o600
    with HetznerSimulator(TOKEN, state_file=state) as again:
        assert [n["name"] for n in call(again, "GET", "/networks").json()["networks"]] == ["kept"]
        servers = call(again, "GET", "/servers").json()["servers"]
        assert [s["name"] for s in servers] == ["web"]
        assert "_user_data" not in servers[0]  # what the simulator keeps for itself stays inside
        assert network(again, "next").json()["network"]["id"] > servers[0]["id"]


def test_a_damaged_state_file_is_named(tmp_path: Path) -> None:
    state = tmp_path / "sim.json"
    state.write_text("{not json")
    with pytest.raises(ValueError, match=r"sim\.json"):
        HetznerSimulator(TOKEN, state_file=state)


def test_unknown_paths_and_ids_are_404(sim: HetznerSimulator) -> None:
    assert call(sim, "GET", "/servers/424242").json()["error"]["code"] == "not_found"
    assert call(sim, "GET", "/nothing").status_code == 404
    assert call(sim, "POST", "/servers/1/actions/explode", json={}).status_code == 404


def test_a_running_action_keeps_running_across_a_restart(tmp_path: Path, clock: FakeClock) -> None:
    state = tmp_path / "sim.json"
    with HetznerSimulator(TOKEN, state_file=state, action_delay=60, clock=clock) as sim:
        made = call(sim, "POST", "/volumes", json={"name": "v", "size": 10, "location": "fsn1"}).json()
    with HetznerSimulator(TOKEN, state_file=state, clock=clock) as again:
        path = f"/actions/{made['action']['id']}"
        assert call(again, "GET", path).json()["action"]["status"] == "running"
        clock.advance(61)
        assert call(again, "GET", path).json()["action"]["status"] == "success"
        assert call(again, "GET", f"/volumes/{made['volume']['id']}").json()["volume"]["status"] == "available"


def test_a_request_that_fails_half_way_changes_nothing(sim: HetznerSimulator) -> None:
    net = network(sim, "private").json()["network"]
    before = call(sim, "GET", "/primary_ips").json()["primary_ips"]
    twice = call(sim, "POST", "/servers", json={"name": "web", "server_type": "cx22",
                                                "image": "debian-12", "networks": [net["id"], net["id"]]})
    assert twice.status_code == 422
    assert call(sim, "GET", "/servers").json()["servers"] == []
    assert call(sim, "GET", "/primary_ips").json()["primary_ips"] == before
    assert call(sim, "GET", f"/networks/{net['id']}").json()["network"]["servers"] == []


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_any_selector_text_is_read_or_refused_clearly(text: str) -> None:
    problem = ""
    try:
        matches = parse_selector(text)
    except SelectorError as exc:
        problem = str(exc)
        assert problem
    if not problem:
        assert matches({"env": "staging"}) in (True, False)
