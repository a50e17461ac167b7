"""The governance dialogs on a small screen (1024×600), in English and Arabic: none is
larger than the screen (the approval dialog of a constitution change used to ask for
860 px), what does not fit scrolls inside the dialog with its buttons in view, no text is
cut, and each is wide enough for its window title."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from app.domain.governance.actions import DEPLOY, ActionDescriptor
from app.gui.governance.approval_dialog import ApprovalDialog
from app.gui.governance.approvals_pane import ApprovalsPane
from app.gui.governance.user_actions import UserChange
from app.gui.governance.users_pane import UsersPane
from app.gui.i18n import LanguageController
from app.gui.qt import QPoint, QRect
from app.gui.screen_fit import (
    NAME_FIELD_WIDTH,
    available_geometry,
    fit_to_screen,
    room,
    title_width,
)
from app.gui.session import WorkspaceSession
from app.services.approvals import ApprovalRequest
from tests.gui.conftest import wait_until
from tests.gui.governance.conftest import ban_request, host, workspace_of
from tests.support.layout import clipped_text, oversized

SMALL_SCREEN = QRect(0, 0, 1024, 600)


@pytest.fixture
def approvals(session: WorkspaceSession, qtbot: Any) -> Iterator[ApprovalsPane]:
    made = ApprovalsPane(session)
    window = host(qtbot, made)
    wait_until(qtbot, lambda: made.watch.loaded)
    yield made
    made.shutdown()
    window.close()


def requests(session: WorkspaceSession) -> list[ApprovalRequest]:
    """A constitution change (with its diff), a deployment (plan and cost) and a ban (no
    attachment)."""
    workspace = workspace_of(session)
    governance = workspace.governance
    change = governance.propose_constitution_now(
        governance.constitution_now().constitution.source.replace(
            "expires_in: 72h", "expires_in: 48h", 1), "root", "Ban decisions should not wait")
    deploy = governance.submit_now(
        ActionDescriptor(DEPLOY, "admin", workspace.entry.tenant_id, "clinic",
                         context={"environment": "production"}),
        "Release 2.4 with the new booking flow",
        {"plan": "\n".join(f"+ server clinic-web-{n} (cx22, fsn1)" for n in range(60)),
         "cost": {"amount": "1250.50", "currency": "EUR"}})
    made = [change, deploy, ban_request(workspace)]
    assert all(isinstance(r, ApprovalRequest) for r in made)
    return made  # type: ignore[return-value]


def open_dialog(pane: ApprovalsPane, qtbot: Any, request: ApprovalRequest) -> ApprovalDialog:
    pane.refresh()
    wait_until(qtbot, lambda: pane.model.row_of(request.id) >= 0)
    pane.select_row(pane.model.row_of(request.id))
    pane.open_selected()
    wait_until(qtbot, lambda: request.id in pane.dialogs and pane.dialogs[request.id].isVisible())
    return pane.dialogs[request.id]


def inside(dialog: Any, widget: Any) -> bool:
    return dialog.rect().contains(QRect(widget.mapTo(dialog, QPoint(0, 0)), widget.size()))


@pytest.mark.parametrize("language", ["en", "ar"])
def test_approval_dialogs_fit_a_small_screen(
    approvals: ApprovalsPane, session: WorkspaceSession, qtbot: Any,
    languages: LanguageController, language: str,
) -> None:
    languages.apply(language)
    for request in requests(session):
        dialog = open_dialog(approvals, qtbot, request)
        # On the screen it opened on, and on a 1024×600 one.
        space = room(available_geometry(dialog))
        assert dialog.width() <= space.width() and dialog.height() <= space.height()
        dialog.fit_to(SMALL_SCREEN)
        qtbot.wait(20)
        assert oversized(dialog, SMALL_SCREEN) is None, oversized(dialog, SMALL_SCREEN)
        for button in (dialog.approve_button, dialog.reject_button, dialog.cancel_button):
            assert inside(dialog, button), button.text()  # the buttons never scroll away
        assert inside(dialog, dialog.scroll)
        assert not clipped_text(dialog), clipped_text(dialog)
        assert dialog.width() >= title_width(dialog, dialog.windowTitle()) or (
            dialog.minimumWidth() >= title_width(dialog, dialog.windowTitle()))
        dialog.reject()


def test_the_reason_can_be_reached_by_scrolling_on_a_very_small_screen(
    approvals: ApprovalsPane, session: WorkspaceSession, qtbot: Any
) -> None:
    change = requests(session)[0]
    dialog = open_dialog(approvals, qtbot, change)
    tiny = QRect(0, 0, 800, 420)
    dialog.fit_to(tiny)
    qtbot.wait(20)
    assert oversized(dialog, tiny) is None, oversized(dialog, tiny)
    dialog.scroll.ensureWidgetVisible(dialog.reason)
    qtbot.wait(20)
    top = dialog.reason.mapTo(dialog.scroll.viewport(), QPoint(0, 0)).y()
    assert 0 <= top < dialog.scroll.viewport().height()
    dialog.reject()


@pytest.fixture
def users(session: WorkspaceSession, qtbot: Any) -> Iterator[UsersPane]:
    made = UsersPane(session)
    window = host(qtbot, made)
    wait_until(qtbot, lambda: made.model.rowCount() == 5)
    yield made
    made.shutdown()
    window.close()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_user_dialogs_fit_and_show_names_and_title_whole(
    users: UsersPane, qtbot: Any, languages: LanguageController, language: str
) -> None:
    languages.apply(language)
    for change, user_id in ((UserChange.ADD, ""), (UserChange.ROLE, "bob"),
                            (UserChange.PERMISSIONS, "bob")):
        if user_id:
            users.select_row(users.model.row_of(user_id))
        users.buttons[change].click()
        dialog = users.dialog
        assert dialog is not None
        wait_until(qtbot, dialog.isVisible)
        fit_to_screen(dialog, None, SMALL_SCREEN)
        qtbot.wait(20)
        assert oversized(dialog, SMALL_SCREEN) is None, oversized(dialog, SMALL_SCREEN)
        assert dialog.width() >= title_width(dialog, dialog.windowTitle()), dialog.windowTitle()
        assert not clipped_text(dialog), clipped_text(dialog)
        if change is UserChange.ADD:
            assert dialog.user_id.width() >= NAME_FIELD_WIDTH
            assert dialog.display_name.width() >= NAME_FIELD_WIDTH
        dialog.reject()
        wait_until(qtbot, lambda d=dialog: not d.isVisible())
