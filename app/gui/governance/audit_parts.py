"""Part of the Audit pane: the status of the latest "Verify chain"."""

from __future__ import annotations

from app.gui.formatting import fill, format_number
from app.gui.governance.audit_flow import ChainCheck
from app.gui.messages import error_text
from app.gui.qt import QEvent, QLabel, Qt, QWidget


class ChainStatusLabel(QLabel):
    """Running, intact (entries and head), broken (the first broken entry and why), or why
    the chain could not be verified; a broken chain is shown as an error."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chainStatus")
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.check = ChainCheck()
        self.retranslate()

    def show_check(self, check: ChainCheck) -> None:
        self.check = check
        broken = check.error is not None or (check.result is not None and not check.result.ok)
        name = "paneError" if broken else "chainStatus"
        if self.objectName() != name:
            self.setObjectName(name)
            self.style().unpolish(self)
            self.style().polish(self)
        self.setText(self.describe())

    def describe(self) -> str:
        check = self.check
        if check.running:
            return self.tr("Verifying every hash and signature of the chain…")
        if check.error is not None:
            return fill(self.tr("The chain could not be verified. %1"), error_text(check.error))
        result = check.result
        if result is None:
            return ""
        if result.ok:
            return fill(self.tr("✔ Chain intact: %Ln entries verified; the head is entry %1 (%2…).",
                                "", result.checked),
                        format_number(result.head_seq), result.head_hash[:12])
        return fill(self.tr("✖ Chain broken at entry %1: %2"),
                    format_number(result.first_broken_seq or 0), result.reason or "")

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Verification status"))
        self.setText(self.describe())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
