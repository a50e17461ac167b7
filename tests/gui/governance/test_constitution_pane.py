"""The Constitution pane: the rules in force as left-to-right YAML, problems named by rule
and setting while typing, and a proposal that waits for approval and is then in force."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from app.domain.governance.actions import CONSTITUTION_CHANGE, ActionDescriptor
from app.gui.formatting import strip_isolation
from app.gui.governance.calls import announce
from app.gui.governance.constitution_pane import ConstitutionPane
from app.gui.governance.texts import describe_action
from app.gui.i18n import LanguageController
from app.gui.qt import Qt
from app.gui.session import WorkspaceSession
from tests.gui.conftest import wait_until
from tests.gui.governance.conftest import host, workspace_of


@pytest.fixture
def pane(session: WorkspaceSession, qtbot: Any) -> Iterator[ConstitutionPane]:
    made = ConstitutionPane(session)
    window = host(qtbot, made)
    wait_until(qtbot, lambda: made.adopted is not None)
    yield made
    made.shutdown()
    window.close()


def replace_text(pane: ConstitutionPane, old: str, new: str) -> None:
    text = pane.editor.toPlainText()
    assert old in text
    pane.editor.setPlainText(text.replace(old, new, 1))


def test_shows_the_constitution_in_force(pane: ConstitutionPane) -> None:
    assert strip_isolation(pane.version.text()) == (
        "Version 0: the default constitution, not yet changed in this workspace.")
    assert "id: user-ban" in pane.editor.toPlainText()
    assert not pane.editor.isReadOnly()
    assert strip_isolation(pane.validation.text()) == "✔ Valid: 11 rules."
    assert pane.editor.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert not pane.propose_button.isEnabled()  # nothing changed yet


def test_a_broken_rule_is_named_while_typing(pane: ConstitutionPane, qtbot: Any) -> None:
    replace_text(pane, "approvers: [ROOT_OWNER]\n    expires_in: 72h",
                 "approvers: [OWNER]\n    expires_in: 72h")
    with qtbot.waitSignal(pane.validated):
        pass
    text = strip_isolation(pane.validation.text())
    assert text.startswith("✖ Problem in rule user-ban, setting approvers (line ")
    assert "unknown role 'OWNER'" in text
    assert pane.validation.objectName() == "fieldError"
    (selection,) = pane.editor.extraSelections()
    line = selection.cursor.block().text()
    assert line.strip() == "approvers: [OWNER]"
    qtbot.keyClicks(pane.why, "Shorter wait")
    assert not pane.propose_button.isEnabled()

    replace_text(pane, "[OWNER]", "[ROOT_OWNER]")
    pane.validate_now()
    assert strip_isolation(pane.validation.text()) == "✔ Valid: 11 rules."
    assert pane.editor.extraSelections() == []


def test_broken_yaml_names_the_line(pane: ConstitutionPane) -> None:
    pane.editor.setPlainText("title: [unclosed\nrules: []\n")
    pane.validate_now()
    assert strip_isolation(pane.validation.text()).startswith("✖ Problem on line ")
    assert "not valid YAML" in pane.validation.text()


def test_proposes_a_change_that_waits_for_approval(
    pane: ConstitutionPane, session: WorkspaceSession, qtbot: Any
) -> None:
    workspace = workspace_of(session)
    replace_text(pane, "expires_in: 72h", "expires_in: 48h")
    pane.validate_now()
    assert not pane.propose_button.isEnabled()  # a proposal says why
    qtbot.keyClicks(pane.why, "Bans should not wait three days")
    assert pane.propose_button.isEnabled()
    with qtbot.waitSignal(pane.proposed) as proposed:
        qtbot.mouseClick(pane.propose_button, Qt.MouseButton.LeftButton)
    outcome = proposed.args[0]
    assert not outcome.adopted
    (request,) = workspace.approvals.pending_now()
    assert request.id == outcome.request_id
    assert strip_isolation(pane.banner.text()) == (
        f"The change is waiting for approval (request {request.id}). It is adopted once the owner "
        "approves it.")
    assert "+    expires_in: 48h" in request.attachments["diff"]

    decided = workspace.governance.decide_now(request.id, "root", True, "Agreed")
    announce(workspace.approvals, decided)  # as the approval dialog does
    wait_until(qtbot, lambda: pane.adopted is not None and pane.adopted.version == 1)
    assert strip_isolation(pane.version.text()) == "Version 1, adopted by root."
    assert strip_isolation(pane.banner.text()) == (
        f"Request {request.id} was approved: the new constitution is in force.")
    assert "expires_in: 48h" in pane.editor.toPlainText()


@pytest.mark.parametrize("console_user", ["admin"])
def test_without_the_permission_it_is_read_only(pane: ConstitutionPane) -> None:
    assert pane.editor.isReadOnly()
    assert not pane.why.isEnabled()
    assert not pane.propose_button.isEnabled()
    assert "Read-only: changing it needs the permission constitution.edit." in strip_isolation(
        pane.version.text())


def test_arabic_mirrors_the_pane_but_not_the_yaml(
    pane: ConstitutionPane, qtbot: Any, languages: LanguageController
) -> None:
    languages.apply("ar")
    wait_until(qtbot, lambda: pane.title.text() == "الدستور")
    assert pane.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert pane.editor.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert pane.propose_button.x() < pane.why.x()  # mirrored: the button is on the left
    replace_text(pane, "quorum: 1", "quorum: 0")
    pane.validate_now()
    text = strip_isolation(pane.validation.text())
    assert "القاعدة production-deploy" in text


def test_a_change_to_the_default_is_not_titled_version_0(languages: LanguageController) -> None:
    def change(base: int) -> ActionDescriptor:
        return ActionDescriptor(CONSTITUTION_CHANGE, "root", "default", subject=f"constitution v{base}",
                                context={"base_version": base})

    assert describe_action(change(0)) == "Change the default constitution"
    assert strip_isolation(describe_action(change(2))) == "Change the constitution (now version 2)"
    languages.apply("ar")
    assert describe_action(change(0)) == "تعديل الدستور الافتراضي"
