"""The README's ``webnova assist`` edit example, offline, through the console script."""

from __future__ import annotations

import json

from tests.assist.test_cli_assist import Cli, cli  # noqa: F401 - the fixture


def test_readme_example_adds_a_pharmacy_entity(cli: Cli) -> None:  # noqa: F811 - the fixture
    assert cli("blueprint", "new", "--template", "healthcare", "--key", "clinic")[0] == 0
    code, out, err = cli("assist", "add a pharmacy entity", "--blueprint", "clinic", "--offline",
                         "--accept", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["status"] == "proposed", data["reply"]
    assert data["proposal"]["validation"]["valid"] is True
    assert data["accepted"]["version"] == 2
    code, out, _ = cli("blueprint", "export", "clinic", "--format", "json")
    assert code == 0
    document = json.loads(out)
    assert "pharmacy" in {e["name"] for e in document["entities"]}


def test_a_field_edit_and_a_tier_through_the_cli(cli: Cli) -> None:  # noqa: F811 - the fixture
    cli("blueprint", "new", "--template", "education", "--key", "uni")
    code, out, err = cli("assist", "أضف حقل الجنسية إلى الطلاب، وأضف باقة فضية بسعر 49 يورو شهريا",
                         "--blueprint", "uni", "--offline", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["intent"]["language"] == "ar"
    assert data["intent"]["edits"] == ["add_field", "add_tier"]
    patch = data["proposal"]["patch"]
    assert any(op["path"].endswith("/fields/-") and op["value"]["name"] == "nationality" for op in patch)
    assert any(op["path"] == "/tiers/-" and op["value"]["key"] == "silver" for op in patch)
