"""``--reach SERVER=[USER@]HOST:PORT``: what is accepted, and every bad form named."""

from __future__ import annotations

import subprocess

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.services.release_deploy import shell_value
from app.services.release_targets import Reach, ReleaseTargetError, parse_reach


def test_reach_forms() -> None:
    assert parse_reach(["wn-hub-staging-app-1=127.0.0.1:2222",
                        "wn-hub-staging-db-1=webnova@bastion.example:22",
                        "wn-hub-production-app-2=[::1]:2200"]) == {
        "wn-hub-staging-app-1": Reach("127.0.0.1", 2222),
        "wn-hub-staging-db-1": Reach("bastion.example", 22, "webnova"),
        "wn-hub-production-app-2": Reach("::1", 2200)}


@pytest.mark.parametrize("value", ["app-1", "app-1=host", "app-1=host:0", "app-1=host:70000",
                                   "=host:22", "app-1=host:22; rm -rf /", "app-1=Root@host:22",
                                   "app 1=host:22"])
def test_bad_reach_is_named(value: str) -> None:
    with pytest.raises(ReleaseTargetError, match=r"--reach .*expected SERVER=\[USER@\]HOST:PORT"):
        parse_reach([value])


def test_a_server_reached_twice_is_refused() -> None:
    with pytest.raises(ReleaseTargetError, match="--reach names app-1 twice"):
        parse_reach(["app-1=a:22", "app-1=b:22"])


@given(st.text(max_size=40))
def test_any_text_is_a_reach_or_a_clear_error(value: str) -> None:
    message = ""
    try:
        found = parse_reach([value])
    except ReleaseTargetError as exc:
        found, message = {}, str(exc)
    if found:
        (reach,) = found.values()
        assert 1 <= reach.port <= 65535 and ";" not in reach.host and " " not in reach.host
    else:
        assert message.startswith(f"--reach {value!r}: expected SERVER=[USER@]HOST:PORT")


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
               max_size=30))
def test_a_setting_value_reads_back_the_same_in_a_shell(value: str) -> None:
    done = subprocess.run(["sh", "-c", f"X={shell_value(value)}; printf %s \"$X\""],
                          capture_output=True, check=True)
    assert done.stdout.decode("utf-8", "surrogateescape") == value
