"""Budget crossings raise a tray notification (or the in-window notice without a tray) in
the console's language, as the live feed brings them from a real budgets check."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest

from app.gui.formatting import strip_isolation
from app.gui.governance.budget_alerts import crossing_text, crossing_title
from app.gui.governance.section import GovernanceSection
from app.gui.i18n import LanguageController
from app.gui.session import WorkspaceSession
from app.services.budgets import parse_budget
from tests.gui.conftest import wait_until
from tests.gui.governance.conftest import workspace_of
from tests.gui.governance.test_approvals_pane import RecordingTray, make_section

TODAY = datetime.now(UTC).date()


@pytest.fixture
def section(session: WorkspaceSession, qtbot: Any) -> Iterator[GovernanceSection]:
    yield from make_section(session, qtbot, tray=True)


@pytest.fixture
def trayless(session: WorkspaceSession, qtbot: Any) -> Iterator[GovernanceSection]:
    yield from make_section(session, qtbot, tray=False)


def overspend(session: WorkspaceSession) -> None:
    """A 10 USD budget and 15 USD of Claude output tokens today, then a check."""
    workspace = workspace_of(session)
    workspace.budgets.set(parse_budget({"name": "all", "amount": "10", "currency": "USD"}),
                          "root")
    workspace.usage.import_text(
        "resource,quantity,period_start,provider,sku\n"
        f"ai.tokens.output,1000000,{TODAY.isoformat()}T00:00:00Z,anthropic,claude-sonnet-4-5\n",
        "csv", "root")
    assert [c.threshold for c in workspace.budgets.check("root")] == [50, 80, 100]


def test_each_crossing_raises_a_tray_notification(section: GovernanceSection,
                                                  session: WorkspaceSession, qtbot: Any) -> None:
    overspend(session)
    wait_until(qtbot, lambda: len(RecordingTray.messages) == 3, 20_000)
    title, text = RecordingTray.messages[0]
    assert title == "Budget warning"
    assert strip_isolation(text) == (f"Budget all ({TODAY:%Y-%m}): 50 percent reached, $15.00 "
                                     "of $10.00 spent")
    assert workspace_of(session).budgets.check("root") == []  # nothing new: no more messages
    qtbot.wait(300)
    assert len(RecordingTray.messages) == 3


def test_without_a_tray_the_window_says_it(trayless: GovernanceSection,
                                           session: WorkspaceSession, qtbot: Any) -> None:
    overspend(session)
    banner = trayless.banner
    assert banner is not None
    wait_until(qtbot, banner.isVisible, 20_000)
    assert strip_isolation(banner.text()).startswith("Budget warning: Budget all (")


def test_the_notification_reads_in_arabic(languages: LanguageController) -> None:
    languages.apply("ar")
    assert crossing_title() == "تحذير الميزانية"
    spent = {"budget": "all", "period": "2026-11", "kind": "spend", "threshold": 80,
             "spent": "96.00", "forecast": "150", "amount": "120", "currency": "SAR"}
    assert strip_isolation(crossing_text(spent)).replace("\xa0", " ") == (
        "الميزانية all (2026-11): بلغ الإنفاق ٨٠ بالمئة، أُنفق ‏٩٦٫٠٠ ر.س.‏ من ‏١٢٠٫٠٠ ر.س.‏")
    forecast = {**spent, "kind": "forecast", "threshold": 100}
    assert "بهذه الوتيرة سيُنفَق ‏١٥٠٫٠٠ ر.س.‏" in strip_isolation(
        crossing_text(forecast)).replace("\xa0", " ")
