"""The Deploy pane in Arabic: translated and mirrored (the environments move to the right
of the plan), the plan's reasons, amounts and problems said in Arabic, networks kept left to
right; and the catalogue holds every string of the pane."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from app.gui.deploy.costs import AFTER, NOW
from app.gui.deploy.environment_list import STATUS
from app.gui.deploy.pane import DeployPane
from app.gui.deploy.plan_tree import CHANGE, KIND, WHY
from app.gui.formatting import strip_isolation
from app.gui.i18n import LanguageController
from app.gui.qt import QPoint, Qt
from tests.gui.conftest import wait_until
from tests.gui.deploy.conftest import add_blueprint, add_sandbox, plan, relist
from tests.support.catalogue import ARABIC_CATALOGUE, messages, strings_of, translation_texts

RTL = Qt.LayoutDirection.RightToLeft
LTR = Qt.LayoutDirection.LeftToRight
ARABIC = re.compile("[\u0600-\u06ff]")
LATIN_DIGIT = re.compile("[0-9]")


def x_of(pane: DeployPane, widget: Any) -> int:
    return widget.mapTo(pane, QPoint(0, 0)).x()


def test_arabic_mirrors_the_pane_and_says_the_plan_in_arabic(
        pane: DeployPane, qtbot: Any, languages: LanguageController) -> None:
    add_sandbox(pane, qtbot)
    add_blueprint(pane, qtbot, "enterprise", "hub")
    relist(pane, qtbot)
    pane.environments.choose("hub", "staging")
    plan(pane, qtbot)
    assert x_of(pane, pane.environments) < x_of(pane, pane.tree)

    languages.apply("ar")
    wait_until(qtbot, lambda: pane.title.text() == "النشر")
    for widget in (pane, pane.environments, pane.tree, pane.form, pane.costs):
        assert widget.layoutDirection() == RTL, widget
    assert pane.form.ssh_from.layoutDirection() == LTR  # networks read left to right
    wait_until(qtbot, lambda: x_of(pane, pane.environments) > x_of(pane, pane.tree))

    assert pane.environments.items[1].text(STATUS) == "غير منشورة"
    assert pane.environments.headerItem().text(0) == "البيئة"
    first = pane.tree.step_items()[0]
    assert strip_isolation(first.text(CHANGE)) == "+ إنشاء"
    assert first.text(KIND) == "مفتاح SSH"
    assert first.text(WHY) == "غير موجود بعد"  # the domain's Arabic reason
    assert pane.tree.headerItem().text(WHY) == "السبب"
    summary = strip_isolation(pane.summary.text())
    assert summary.startswith("الخطة: ") and "للإنشاء" in summary and not LATIN_DIGIT.search(summary)
    assert "على الحال المطلوبة: لا موارد." in summary
    after = pane.costs.cells[("monthly_net", AFTER)].text()
    assert "€" in after and not LATIN_DIGIT.search(after) and ARABIC.search(after)
    assert "٠٫٠٠" in pane.costs.cells[("monthly_net", NOW)].text()
    assert pane.costs.row_titles["hourly_gross"].text() == "بالساعة، شاملة الضريبة"
    assert pane.plan_button.text() == "&خطة"
    assert ARABIC.search(pane.heading.text())

    pane.form.ssh_from.setText("0.0.0.0/0")  # a problem, in the domain's Arabic words
    assert pane.form.ssh_error.text() == "«0.0.0.0/0» ليست شبكة محددة بصيغة CIDR (لا يُفتح SSH للجميع أبدًا)"
    assert pane.current_plan() is None

    languages.apply("en")
    wait_until(qtbot, lambda: pane.title.text() == "Deploy")
    assert pane.form.ssh_error.text().startswith("'0.0.0.0/0' is not a single network")
    assert pane.environments.items[1].text(STATUS) == "Not deployed"
    wait_until(qtbot, lambda: x_of(pane, pane.environments) < x_of(pane, pane.tree))


def test_the_catalogue_holds_every_string_of_the_pane_in_arabic(tmp_path: Path) -> None:
    found = set(strings_of("deploy", tmp_path))
    assert len(found) > 70
    catalogue = messages(ARABIC_CATALOGUE)
    missing = found - set(catalogue)
    assert not missing, f"add these to translations/webnova_ar.ts: {missing}"
    unfinished = [key for key in found
                  if catalogue[key].find("translation").get("type")  # type: ignore[union-attr]
                  or not all(ARABIC.search(t) for t in translation_texts(catalogue[key]))]
    assert not unfinished, unfinished
