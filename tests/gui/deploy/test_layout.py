"""The Deploy pane with a plan on screen, at the console's smallest and a common window
size, in English and Arabic: no text is cut short (buttons, labels, headers, combo boxes)."""

from __future__ import annotations

from typing import Any

from app.gui.deploy.pane import DeployPane
from app.gui.i18n import LanguageController
from app.gui.qt import QApplication
from tests.gui.conftest import wait_until
from tests.gui.deploy.conftest import add_blueprint, add_sandbox, plan, relist
from tests.support.layout import clipped_text

# The window less the navigation column (190 px) and its frame: the room the pane gets.
SIZES = ((834, 560), (1090, 760))


def test_no_text_is_clipped_with_a_plan_on_screen(pane: DeployPane, qtbot: Any,
                                                  languages: LanguageController) -> None:
    add_sandbox(pane, qtbot)
    add_blueprint(pane, qtbot, "enterprise", "hub")
    add_blueprint(pane, qtbot, "healthcare", "clinic")
    relist(pane, qtbot)
    pane.environments.choose("hub", "production")
    plan(pane, qtbot)
    # whether the plan goes to the owner is judged in the background (the constitution, the
    # budgets): measure the button as it ends up, "Request approval" for production
    wait_until(qtbot, lambda: pane.deploying.needs_owner)
    window = pane.window()
    problems: list[str] = []
    for language in ("en", "ar"):
        languages.apply(language)
        for width, height in SIZES:
            window.resize(width, height)
            QApplication.processEvents()
            qtbot.wait(30)
            problems += [f"{language} {width}x{height}: {p}" for p in clipped_text(window)]
    assert not problems, "\n".join(problems)
