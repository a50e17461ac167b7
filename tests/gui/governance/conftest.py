"""Fixtures for the governance panes: a local workspace with a root owner and a few users,
opened the way the console opens it, with a chosen person at the console.

``console_user`` (default "root") says who is at the console; override it with
``@pytest.mark.parametrize("console_user", ["admin"])``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.bootstrap import Console, Workspace
from app.domain.governance.actions import USER_BAN, ActionDescriptor
from app.domain.governance.users import Role
from app.gui.i18n import LanguageController
from app.gui.qt import QApplication, QMainWindow, QWidget
from app.gui.session import WorkspaceSession
from app.services.approvals import ApprovalRequest
from tests.gui.conftest import wait_until

PEOPLE = (
    ("admin", "Amal Haddad", Role.ADMIN),
    ("bob", "Bob Stone", Role.OPERATOR),
    ("audrey", "Audrey Lin", Role.AUDITOR),
    ("vera", "Vera Nunes", Role.VIEWER),
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The offscreen platform has no window manager to pass size hints to or raise a window
    with; it says so as a warning, which is not a failure of these panes."""
    here = str(Path(__file__).parent)
    for item in items:
        if str(item.path).startswith(here):
            item.add_marker(pytest.mark.qt_log_ignore(
                "does not support propagateSizeHints", "does not support raise"))


@pytest.fixture
def console_user() -> str:
    return "root"


@pytest.fixture
def seeded(console: Console, monkeypatch: pytest.MonkeyPatch, console_user: str) -> str:
    """The workspace has root (root owner), admin, bob, audrey and vera before the console
    opens it as ``console_user``."""
    monkeypatch.setenv("WEBNOVA_USER", "root")
    workspace = console.open_current()
    try:
        workspace.governance.ensure_owner_now()
        for user_id, name, role in PEOPLE:
            workspace.users.add(user_id, name, role, by="root")
    finally:
        workspace.close()
    monkeypatch.setenv("WEBNOVA_USER", console_user)
    return console_user


@pytest.fixture
def languages(qapp: QApplication) -> Iterator[LanguageController]:
    controller = LanguageController(qapp)
    try:
        yield controller
    finally:
        controller.apply("en")


@pytest.fixture
def session(
    qapp: QApplication, qtbot: Any, aio_loop: asyncio.AbstractEventLoop, console: Console,
    seeded: str,
) -> Iterator[WorkspaceSession]:
    del qapp, aio_loop, seeded
    made = WorkspaceSession(console)
    made.start()
    wait_until(qtbot, lambda: made.workspace is not None, 20_000)
    try:
        yield made
    finally:
        made.close()


def workspace_of(session: WorkspaceSession) -> Workspace:
    assert session.workspace is not None
    return session.workspace


def host(qtbot: Any, pane: QWidget, width: int = 1100, height: int = 700) -> QMainWindow:
    """Show ``pane`` in a window of its own (closed by qtbot after the test)."""
    window = QMainWindow()
    window.resize(width, height)
    window.setCentralWidget(pane)
    qtbot.addWidget(window)
    window.show()
    return window


def ban_request(workspace: Workspace, target: str = "bob", requester: str = "admin",
                why: str = "Posted other customers' records in a public channel") -> ApprovalRequest:
    """A "user.ban" that needs the root owner's approval (requested by ``requester``)."""
    result = workspace.governance.submit_now(
        ActionDescriptor(USER_BAN, requester, workspace.entry.tenant_id, target,
                         context={"reason": "shared customer records"}),
        why,
    )
    assert isinstance(result, ApprovalRequest)
    return result
