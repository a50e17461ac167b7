"""The Backups tab's page: every database backup of the chosen environment (``webnova backup
list``) — when it was taken, what for, before which release, its size, whether the console
recorded it or only the server holds it (the daily ones) or its file is MISSING, and its
latest restore or drill here — with a note when the database server was out of reach (then
the console's own records are shown), the row of controls that act on the chosen backup
(:meth:`ReleasesTab.add_backup_action`), the state line and the step log. It only draws;
:class:`~app.gui.deploy.backup_actions.BackupActions` fills it."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from app.gui.deploy.release_log import ReleaseLog
from app.gui.formatting import fill, format_datetime, format_number, ltr
from app.gui.qt import (
    QAbstractItemView,
    QEvent,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    Qt,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from app.gui.deploy.backup_ops import BackupsView, LastUse
    from app.services.environment_backups import BackupEntry

TAKEN, KIND, SIZE, STATE, LAST, BACKUP_ID = range(6)  # the id (as the CLI names it) last


class BackupsPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("releaseBackups")
        self.note = QLabel(self)
        self.note.setObjectName("backupsNote")
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.hide()
        self.empty = QLabel(self)
        self.empty.setWordWrap(True)
        self.table = QTreeWidget(self)
        self.table.setObjectName("backupTable")
        self.table.setColumnCount(6)
        self.table.setRootIsDecorated(False)
        self.table.setUniformRowHeights(True)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setMinimumHeight(self.table.fontMetrics().height() * 7)
        header = self.table.header()
        header.setStretchLastSection(True)
        for column in range(BACKUP_ID):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.action_row = QHBoxLayout()
        self.action_row.addStretch(1)
        self.message = QLabel(self)
        self.message.setObjectName("backupsMessage")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.log = ReleaseLog(self, lambda: self.tr("Steps of the backup work"))
        self.log.setObjectName("backupsLog")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.note)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addLayout(self.action_row)
        layout.addWidget(self.message)
        layout.addWidget(self.log)
        self.view: BackupsView | None = None
        self.entries: list[BackupEntry] = []
        self.retranslate()

    @property
    def backups(self) -> list[BackupEntry]:
        return self.entries

    def show_view(self, view: BackupsView | None) -> None:
        """The backups read (None: not read yet), the chosen one kept chosen."""
        chosen = self.chosen()
        self.view = view
        self.entries = list(view.entries) if view is not None else []
        self.table.clear()
        for entry in self.entries:
            item = QTreeWidgetItem(self.table)
            item.setData(TAKEN, Qt.ItemDataRole.UserRole, entry.id)
            self._texts(item, entry)
            if chosen is not None and entry.id == chosen.id:
                self.table.setCurrentItem(item)
        self.empty.setVisible(view is not None and not self.entries)
        self.table.setVisible(bool(self.entries))

    def chosen(self) -> BackupEntry | None:
        item = self.table.currentItem()
        index = self.table.indexOfTopLevelItem(item) if item is not None else -1
        return self.entries[index] if 0 <= index < len(self.entries) else None

    def item_of(self, backup_id: str) -> QTreeWidgetItem | None:
        index = next((i for i, e in enumerate(self.entries) if e.id == backup_id), -1)
        return self.table.topLevelItem(index) if index >= 0 else None

    # ------------------------------------------------------------------ words
    def _texts(self, item: QTreeWidgetItem, entry: BackupEntry) -> None:
        item.setText(BACKUP_ID, ltr(entry.id))
        item.setToolTip(BACKUP_ID, fill(self.tr("%1 on %2"), ltr(entry.path), ltr(entry.server)))
        item.setText(TAKEN, self.when(entry.at))
        item.setText(KIND, self.kind_text(entry.kind, entry.release))
        item.setText(SIZE, self.size_text(entry.size) if entry.size is not None else "—")
        item.setText(STATE, self.state_text(entry))
        font = item.font(STATE)
        font.setBold(entry.present is False)
        item.setFont(STATE, font)
        last = self.view.last.get(entry.id) if self.view is not None else None
        item.setText(LAST, self.last_text(last) if last is not None else "")
        item.setToolTip(LAST, fill("%1 — %2", item.text(LAST), last.reason)
                        if last is not None and last.reason else item.text(LAST))
        spoken = fill(self.tr("Backup %1, taken %2, %3, %4, %5"), ltr(entry.id), item.text(TAKEN),
                      item.text(KIND), item.text(SIZE), item.text(STATE))
        if item.text(LAST):
            spoken = " ".join((spoken, item.text(LAST)))
        for column in range(self.table.columnCount()):
            item.setData(column, Qt.ItemDataRole.AccessibleTextRole, spoken)

    def when(self, at: str) -> str:
        try:
            return format_datetime(datetime.fromisoformat(at), "short")
        except ValueError:
            return ltr(at)

    def kind_text(self, kind: str, release: int | None) -> str:
        """What the backup was taken for (and before which release's deploy)."""
        if kind == "before-deploy" and release is not None:
            return fill(self.tr("Before deploying release %1"), release)
        if kind == "before-rollback" and release is not None:
            return fill(self.tr("Before the rollback to release %1"), release)
        return {"before-deploy": self.tr("Before a deploy"),
                "before-rollback": self.tr("Before a rollback"),
                "manual": self.tr("Taken by hand"),
                "scheduled": self.tr("Daily")}.get(kind, ltr(kind))

    def state_text(self, entry: BackupEntry) -> str:
        if entry.present is None:
            return self.tr("Recorded, not checked")
        if not entry.present:
            return self.tr("MISSING on the server")
        return self.tr("Recorded") if entry.recorded else self.tr("On the server only")

    def last_text(self, last: LastUse) -> str:
        when = self.when(last.at)
        if last.event == "drill":
            template = {"match": self.tr("Drill matched %1"),
                        "mismatch": self.tr("Drill found a mismatch %1")}.get(
                last.outcome, self.tr("Drill failed %1"))
        else:
            template = {"restored": self.tr("Restored %1"),
                        "interrupted": self.tr("Restore interrupted %1"),
                        "": self.tr("Restore under way since %1")}.get(
                last.outcome, self.tr("Restore failed %1"))
        return fill(template, when)

    def size_text(self, size: int) -> str:
        if size >= 1024 * 1024:
            return fill(self.tr("%1 MiB"), format_number(round(size / (1024 * 1024), 1)))
        if size >= 1024:
            return fill(self.tr("%1 KiB"), format_number(round(size / 1024, 1)))
        return fill(self.tr("%1 bytes"), size)

    def retranslate(self) -> None:
        self.table.setHeaderLabels([self.tr("Taken"), self.tr("Kind"), self.tr("Size"),
                                    self.tr("On the server"), self.tr("Last restore or drill"),
                                    self.tr("Backup")])
        self.table.setAccessibleName(self.tr("Database backups of the environment"))
        self.empty.setText(self.tr("No backup of this environment's database yet: each "
                                   "release deploy takes one before it migrates, and Back up "
                                   "now takes one at once."))
        self.message.setAccessibleName(self.tr("Backup state"))
        self.show_view(self.view)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
