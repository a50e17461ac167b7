"""Part of the Audit pane: one entry in full, beside the table (Enter or double-click on a
row opens it, Escape closes it). Who did what, when, the outcome and the reason in words;
the entry's hashes and signature in the bundled monospace face, each with a Copy button,
and whose key signed it; whether its hash, its link to the entry before it and its signature verify
(checked off the GUI thread); and its details as "JSON pointer: value" lines where the
workspace can rebuild them (their hash must be the entry's)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from app.domain.governance.audit import AuditEntry
from app.domain.governance.audit_check import EntryInspection, LinkState, SignatureState
from app.gui.background import BackgroundOp
from app.gui.fonts import monospace_font
from app.gui.formatting import fill, format_datetime, format_number, isolate, ltr
from app.gui.governance.audit_detail_lines import hex_lines, payload_text, reason_of
from app.gui.governance.audit_texts import action_text, outcome_text
from app.gui.messages import error_text
from app.gui.qt import (
    QAction,
    QApplication,
    QEvent,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QKeySequence,
    QLabel,
    QPushButton,
    QScrollArea,
    QSize,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from app.services.audit_details import AuditDetails

if TYPE_CHECKING:
    from app.bootstrap import Workspace

FIELDS = ("seq", "time", "actor", "action", "outcome", "subject", "reason", "hash", "prev_hash",
          "signature", "key", "hash_check", "link_check", "signature_check", "payload_hash",
          "details")
HEX_FIELDS = ("hash", "prev_hash", "signature", "payload_hash")
SELECTABLE = Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard


class AuditEntryDetail(QFrame):
    loaded = Signal()  # the checks and details of the shown entry arrived (or failed)
    close_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("auditDetail")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.entry: AuditEntry | None = None
        self.inspection: EntryInspection | None = None
        self.details: dict[str, Any] | None = None
        self.error: BaseException | None = None
        self.loading = False
        self._generation = 0
        self._build()
        self.retranslate()

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        self.title = QLabel(self)
        self.title.setObjectName("sectionTitle")
        self.close_button = QPushButton(self)
        self.close_button.setObjectName("auditDetailClose")
        self.close_button.clicked.connect(self.close_requested.emit)
        self.close_action = QAction(self)
        self.close_action.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.close_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.close_action.triggered.connect(self.close_requested.emit)
        self.addAction(self.close_action)
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.close_button)

        self.notice = QLabel(self)
        self.notice.setObjectName("paneError")
        self.notice.setWordWrap(True)
        self.notice.hide()

        body = QWidget()
        body.setObjectName("auditDetailBody")
        form = QFormLayout(body)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.names: dict[str, QLabel] = {}
        self.values: dict[str, QLabel] = {}
        self.copy_buttons: dict[str, QPushButton] = {}
        self.mono = mono = monospace_font()
        for name in FIELDS:
            label, value = QLabel(body), QLabel(body)
            value.setObjectName(f"auditDetail_{name}")
            value.setTextFormat(Qt.TextFormat.PlainText)
            value.setTextInteractionFlags(SELECTABLE)
            value.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            label.setBuddy(value)
            self.names[name], self.values[name] = label, value
            if name in HEX_FIELDS:
                value.setFont(mono)
                copy = QPushButton(body)
                copy.setObjectName(f"auditDetailCopy_{name}")
                copy.clicked.connect(lambda _checked=False, field=name: self.copy(field))
                self.copy_buttons[name] = copy
                row = QHBoxLayout()
                row.addWidget(value)
                row.addWidget(copy, 0, Qt.AlignmentFlag.AlignTop)
                row.addStretch(1)
                form.addRow(label, row)
            else:
                value.setWordWrap(True)
                form.addRow(label, value)
        self.names["details"].setAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignTop)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(body)

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.notice)
        layout.addWidget(self.scroll, 1)

    def sizeHint(self) -> QSize:
        # Wide enough for a hash's line of 32 digits, its Copy button and the labels.
        return QSize(34 * self.fontMetrics().averageCharWidth() + 280, super().sizeHint().height())

    # ------------------------------------------------------------------ loading
    def show_entry(self, workspace: Workspace, entry: AuditEntry) -> None:
        """Show ``entry`` at once; its checks and details follow from the background."""
        self._generation += 1
        generation = self._generation
        self.entry, self.inspection, self.details, self.error = entry, None, None, None
        self.loading = True
        audit = workspace.audit
        details = AuditDetails(workspace.store, workspace.entry.tenant_id)

        def read() -> tuple[EntryInspection | None, dict[str, Any] | None]:
            return audit.inspect(entry.seq), details.details_now(entry)

        BackgroundOp(self, lambda: workspace.runner.run(read)).success(
            lambda result: self._loaded(generation, *result)
        ).failure(lambda exc: self._failed(generation, exc)).run()
        self._draw()

    def _loaded(self, generation: int, inspection: EntryInspection | None,
                details: dict[str, Any] | None) -> None:
        if generation != self._generation:
            return
        self.loading = False
        self.inspection, self.details = inspection, details
        if inspection is not None:
            self.entry = inspection.entry  # as stored now, which is what was checked
        self._draw()
        self.loaded.emit()

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self.loading = False
        self.error = exc
        self._draw()
        self.loaded.emit()

    def clear(self) -> None:
        self._generation += 1
        self.entry, self.inspection, self.details, self.error = None, None, None, None
        self.loading = False
        self._draw()

    def copy(self, name: str) -> None:
        """The value itself, without line breaks or direction marks."""
        value = self.raw_value(name)
        if value:
            QApplication.clipboard().setText(value)

    def raw_value(self, name: str) -> str | None:
        entry = self.entry
        return None if entry is None else {
            "hash": entry.hash, "prev_hash": entry.prev_hash, "signature": entry.signature,
            "payload_hash": entry.payload_hash}.get(name)

    # ------------------------------------------------------------------ drawing
    def _draw(self) -> None:
        entry = self.entry
        if self.error is not None:
            self.notice.setText(fill(self.tr("This entry could not be checked. %1"),
                                     error_text(self.error)))
        self.notice.setVisible(self.error is not None)
        if entry is None:
            self.title.setText(self.tr("Entry details"))
            for value in self.values.values():
                value.setText("")
            for button in self.copy_buttons.values():
                button.hide()
            return
        self.title.setText(fill(self.tr("Entry %1"), format_number(entry.seq)))
        texts = {
            "seq": fill(self.tr("%1 in the chain of tenant %2"),
                        format_number(entry.seq), ltr(entry.tenant_id)),
            "time": format_datetime(entry.recorded_time, "long"),
            "actor": ltr(entry.actor),
            "action": fill(self.tr("%1 (signed code %2)"), action_text(entry.action),
                           ltr(entry.action)),
            "outcome": fill(self.tr("%1 (signed code %2)"), outcome_text(entry.outcome),
                            ltr(entry.outcome)),
            "subject": isolate(entry.subject) if entry.subject else self.tr("None"),
            "reason": self._reason_text(),
            "hash": hex_lines(entry.hash),
            "prev_hash": hex_lines(entry.prev_hash),
            "signature": hex_lines(entry.signature) if entry.signature else self.tr("Not signed"),
            "key": self._key_text(entry),
            "payload_hash": hex_lines(entry.payload_hash),
            "details": self._details_text(),
            **self._check_texts(entry),
        }
        # Every value on the reading side, whatever its own direction (a value isolated
        # left to right would otherwise sit on the left of an Arabic view).
        side = (Qt.AlignmentFlag.AlignRight if self.layoutDirection() == Qt.LayoutDirection.RightToLeft
                else Qt.AlignmentFlag.AlignLeft)
        for name, text in texts.items():
            self.values[name].setText(text)
            self.values[name].setAlignment(side | Qt.AlignmentFlag.AlignAbsolute
                                           | Qt.AlignmentFlag.AlignVCenter)
        self.values["signature"].setFont(self.mono if entry.signature else self.font())
        for name, button in self.copy_buttons.items():
            button.setVisible(bool(self.raw_value(name)))
        self.values["time"].setToolTip(ltr(entry.recorded_at))

    def _pending(self) -> str | None:
        if self.loading:
            return self.tr("Checking…")
        return self.tr("Not known") if self.error is not None else None

    def _reason_text(self) -> str:
        reason = reason_of(self.details)
        if reason is not None:
            return isolate(reason)  # as the person typed it, in its own direction
        return self._pending() or self.tr("None recorded")

    def _details_text(self) -> str:
        if self.details is not None:
            return payload_text(self.details,
                                self.layoutDirection() == Qt.LayoutDirection.RightToLeft)
        return self._pending() or self.tr(
            "The log keeps only the hash of the details, and this workspace holds no record "
            "that matches it.")

    def _key_text(self, entry: AuditEntry) -> str:
        if entry.key_id is None:
            return self.tr("Not signed")
        signer = self.inspection.signer if self.inspection is not None else None
        if signer is not None:
            return fill(self.tr("%1, registered for %2"), ltr(entry.key_id),
                        ltr(signer))
        return self._pending() or fill(self.tr("%1, registered for nobody in this workspace"),
                                       ltr(entry.key_id))

    def _check_texts(self, entry: AuditEntry) -> dict[str, str]:
        pending = self._pending()
        inspection = self.inspection
        if inspection is None:
            gone = self.tr("Does not verify: the log no longer holds this entry")
            text = pending or gone
            return {"hash_check": text, "link_check": text, "signature_check": text}
        check = inspection.check
        previous = format_number(entry.seq - 1)
        link = {
            LinkState.LINKED: self.tr("✔ Verifies: it holds the hash of the entry before it")
            if entry.seq > 1 else self.tr("✔ Verifies: it is the first entry of the chain"),
            LinkState.BROKEN: fill(self.tr("✖ Does not verify: it does not hold the hash of "
                                           "entry %1"), previous),
            LinkState.MISSING: fill(self.tr("✖ Does not verify: entry %1 is missing"), previous),
        }[check.link]
        signer = ltr(inspection.signer or "")
        signature = {
            SignatureState.UNSIGNED: self.tr("Not signed (only the owners' decisions are)"),
            SignatureState.VALID: fill(self.tr("✔ Verifies with the key of %1"), signer),
            SignatureState.INVALID: self.tr("✖ Does not verify: the signature does not match "
                                            "the signed fields"),
            SignatureState.UNKNOWN_KEY: self.tr("✖ Does not verify: this console does not hold "
                                                "or trust the key"),
            SignatureState.WRONG_SIGNER: fill(self.tr("✖ Does not verify: the key was not %1's "
                                                      "to sign with at that time"),
                                              ltr(entry.actor)),
        }[check.signature]
        content = (self.tr("✔ Verifies: its content matches its hash") if check.hash_ok
                   else self.tr("✖ Does not verify: its content does not match its hash "
                                "(edited)"))
        return {"hash_check": content, "link_check": link, "signature_check": signature}

    def retranslate(self) -> None:
        names = {
            "seq": self.tr("Entry:"), "time": self.tr("Time:"), "actor": self.tr("Actor:"),
            "action": self.tr("Action:"), "outcome": self.tr("Outcome:"),
            "subject": self.tr("Subject:"), "reason": self.tr("Reason:"),
            "hash": self.tr("Entry hash:"), "prev_hash": self.tr("Previous hash:"),
            "signature": self.tr("Signature:"), "key": self.tr("Signing key:"),
            "hash_check": self.tr("Content:"), "link_check": self.tr("Chain link:"),
            "signature_check": self.tr("Signature check:"),
            "payload_hash": self.tr("Details hash:"), "details": self.tr("Details:"),
        }
        for name, text in names.items():
            self.names[name].setText(text)
            self.values[name].setAccessibleName(text.rstrip(":"))
        for name, button in self.copy_buttons.items():
            button.setText(self.tr("Copy"))
            button.setAccessibleName(fill(self.tr("Copy %1"), names[name].rstrip(":")))
        self.close_button.setText(self.tr("Close"))
        self.close_button.setToolTip(self.tr("Close the entry details (Esc)"))
        self.setAccessibleName(self.tr("Audit entry details"))
        self._draw()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.LayoutDirectionChange:
            self._draw()
        super().changeEvent(event)
