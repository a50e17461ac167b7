"""Read-only text for code, diffs, conflict reports and logs: monospace, always left to
right (even in the mirrored Arabic window), with diff lines and conflict markers tinted."""

from __future__ import annotations

from app.gui.fonts import monospace_font
from app.gui.generate.kinds import scheme_of
from app.gui.qt import (
    QColor,
    QEvent,
    QPlainTextEdit,
    QSyntaxHighlighter,
    Qt,
    QTextCharFormat,
    QTextDocument,
    QWidget,
)

# (light, dark) text colours of diff and conflict lines
TINTS = {
    "added": ("#1b7f3b", "#6fd08c"),
    "removed": ("#b3261e", "#f28b82"),
    "hunk": ("#174ea6", "#8ab4f8"),
    "marker": ("#8a5a00", "#f2b84b"),
    "header": ("#5b6472", "#aab1bb"),
}
MARKERS = ("<<<<<<<", "=======", ">>>>>>>", "|||||||")
# The Files and Conflicts tabs: a list of files beside a code view, split alike so the two
# tabs' columns line up.
COLUMN_SIZES = (400, 600)


class DiffHighlighter(QSyntaxHighlighter):
    """Tints unified-diff lines (+, -, @@) and merge conflict markers."""

    def __init__(self, document: QTextDocument, scheme: str = "light") -> None:
        super().__init__(document)
        self.formats: dict[str, QTextCharFormat] = {}
        self.set_scheme(scheme)

    def set_scheme(self, scheme: str) -> None:
        self.formats = {}
        for name, (light, dark) in TINTS.items():
            made = QTextCharFormat()
            made.setForeground(QColor(dark if scheme == "dark" else light))
            if name in ("hunk", "marker", "header"):
                made.setFontWeight(600)
            self.formats[name] = made
        self.rehighlight()

    def highlightBlock(self, text: str) -> None:
        kind = line_kind(text)
        if kind:
            self.setFormat(0, len(text), self.formats[kind])


def line_kind(text: str) -> str:
    if text.startswith(MARKERS):
        return "marker"
    if text.startswith(("+++", "---")):
        return "header"
    if text.startswith("@@"):
        return "hunk"
    if text.startswith("+"):
        return "added"
    if text.startswith("-"):
        return "removed"
    return ""


class CodeView(QPlainTextEdit):
    def __init__(self, parent: QWidget | None = None, highlight: bool = True,
                 max_lines: int = 0) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setFont(monospace_font())
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.setTabChangesFocus(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        if max_lines:
            self.setMaximumBlockCount(max_lines)
        # Code reads left to right in either language.
        self.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        option = self.document().defaultTextOption()
        option.setTextDirection(Qt.LayoutDirection.LeftToRight)
        self.document().setDefaultTextOption(option)
        self.highlighter = DiffHighlighter(self.document(), scheme_of(self)) if highlight else None

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange and self.highlighter is not None:
            self.highlighter.set_scheme(scheme_of(self))
        super().changeEvent(event)
