"""The chat: conversations about the chosen blueprint, the transcript with the answer
streaming in, a line saying which engine answered, progress with Cancel, the message box
and "explain this".

Every call runs in the background; cancelling cancels its task, and since a message is
recorded only once it has been answered, a cancelled or failed message leaves the history
as it was (the text goes back into the box).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from app.domain.blueprint.findings import Finding
from app.gui.assist.chat_flow import LiveReply, conversations, lines_of, open_proposal
from app.gui.assist.composer import Composer
from app.gui.assist.conversation_list import ConversationsColumn
from app.gui.assist.proposals import ProposalView, view_from_record_now
from app.gui.assist.texts import answered_by, answering, money, note_text, status_name
from app.gui.assist.tint import tint
from app.gui.assist.transcript import TranscriptView
from app.gui.background import BackgroundOp
from app.gui.formatting import fill, format_number, language
from app.gui.messages import error_text
from app.gui.qt import (
    QAction,
    QEvent,
    QHBoxLayout,
    QKeySequence,
    QLabel,
    QObject,
    QProgressBar,
    QPushButton,
    QSplitter,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)

if TYPE_CHECKING:
    import asyncio

    from app.bootstrap import Workspace
    from app.services.assistant_gateway import AssistEvent
    from app.services.conversations import ConversationEntry


class _Relay(QObject):
    """Brings the orchestrator's progress events to the GUI thread."""

    arrived = Signal(object)


class ChatPane(QWidget):
    proposal_ready = Signal(object)  # ProposalView
    answered = Signal(object)  # AssistResult or Explanation
    busy_changed = Signal(bool)
    streamed = Signal(str)  # the answer so far, after each piece
    history_loaded = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("assistChat")
        self.workspace: Workspace | None = None
        self.key: str | None = None
        self.offline = False
        self.conversation_id: str | None = None
        self.live = LiveReply()
        self.task: asyncio.Task[None] | None = None
        self._engine_text: Callable[[], str] = str
        self._restore = ""  # the message to put back in the box if it is not answered
        self._mark = 0
        self._relay = _Relay(self)
        self._relay.arrived.connect(self._event)
        self._build()
        self.retranslate()
        self._set_busy(False)

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        self.column = ConversationsColumn(self)
        self.model = self.column.model
        self.conversations_list = self.column.list
        self.column.chosen.connect(self._chosen)
        self.column.new_requested.connect(self.new_conversation)
        self.engine_label = QLabel(self)
        self.engine_label.setObjectName("assistEngine")
        self.engine_label.setWordWrap(True)
        self.transcript = TranscriptView(self)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(8)
        self.progress_label = QLabel(self)
        self.progress_label.setObjectName("assistProgress")
        self.cancel_button = QPushButton(self)
        self.cancel_button.setObjectName("assistCancel")
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.cancel)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.progress_label, 2)
        progress_row.addWidget(self.cancel_button)
        self.composer = Composer(self)
        self.input = self.composer.input
        self.composer.send_requested.connect(lambda: self.send())
        self.composer.explain_requested.connect(self._explain_typed)
        right = QWidget(self)
        chat = QVBoxLayout(right)
        chat.setContentsMargins(0, 0, 0, 0)
        chat.addWidget(self.engine_label)
        chat.addWidget(self.transcript, 1)
        chat.addLayout(progress_row)
        chat.addWidget(self.composer)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.column)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([170, 530])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self.cancel_action = QAction(self)
        self.cancel_action.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.cancel_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.cancel_action.triggered.connect(self.cancel)
        self.addAction(self.cancel_action)
        for before, after in ((self.column.new_button, self.transcript),
                              (self.transcript, self.cancel_button),
                              (self.cancel_button, self.input)):
            QWidget.setTabOrder(before, after)
        self.setFocusProxy(self.input)

    # ------------------------------------------------------------------ context
    @property
    def busy(self) -> bool:
        return self.task is not None

    def set_context(self, workspace: Workspace | None, key: str | None) -> None:
        """Show the conversations about ``key`` (None: about new platforms)."""
        self.cancel()
        self.workspace, self.key = workspace, key
        self.conversation_id = None
        self.transcript.clear_transcript()
        self.model.set_conversations([])
        self._engine_text = str
        self.engine_label.setText("")
        self.reload()

    def reload(self) -> None:
        workspace, key = self.workspace, self.key
        self._update_controls()
        if workspace is None:
            return
        BackgroundOp(self, lambda: workspace.orchestrator.history(key)).success(
            lambda entries: self._history(workspace, key, entries)).failure(
            self._show_failure).run()

    def _history(self, workspace: Workspace, key: str | None,
                 entries: list[ConversationEntry]) -> None:
        if workspace is not self.workspace or key != self.key:
            return
        self.model.set_conversations(conversations(entries))
        self.column.select(self.conversation_id)
        self.history_loaded.emit()

    def new_conversation(self) -> None:
        if self.busy:
            return
        self.conversation_id = None
        self.column.select(None)
        self.transcript.clear_transcript()
        self._engine_text = str
        self.engine_label.setText("")
        self.input.setFocus()

    def _chosen(self, conversation_id: str) -> None:
        if not self.busy:
            self.open_conversation(conversation_id)

    def open_conversation(self, conversation_id: str, with_proposal: bool = True) -> None:
        """Show a past conversation; a proposal it still has open comes back on the card
        (unless ``with_proposal`` is False: the conversation is only drawn again)."""
        workspace, key = self.workspace, self.key
        if workspace is None:
            return
        self.conversation_id = conversation_id

        async def load() -> tuple[list[ConversationEntry], ProposalView | None]:
            entries = await workspace.orchestrator.history(key, conversation_id)
            record = open_proposal(entries, conversation_id)
            view = None
            if record is not None and with_proposal:
                view = await workspace.runner.run(
                    lambda: view_from_record_now(workspace, key, record))
            return entries, view

        def show(found: tuple[list[ConversationEntry], ProposalView | None]) -> None:
            if workspace is not self.workspace or conversation_id != self.conversation_id:
                return
            entries, view = found
            self.transcript.clear_transcript()
            for line in lines_of(entries, conversation_id):
                self.transcript.add_line(line)
            last = next((ln for ln in reversed(lines_of(entries, conversation_id))
                         if ln.role == "assistant"), None)
            if last is not None:
                self._set_engine(lambda: answered_by(last.engine, last.model))
            if view is not None:
                self.proposal_ready.emit(view)

        BackgroundOp(self, load).success(show).failure(self._show_failure).run()

    # ------------------------------------------------------------------ asking
    def send(self, text: str | None = None) -> bool:
        """Send ``text`` (or the box's text) to the assistant; False when nothing was sent."""
        message = (self.input.toPlainText() if text is None else text).strip()
        workspace = self.workspace
        if not message or workspace is None or self.busy:
            return False
        key, conversation_id, offline = self.key, self.conversation_id, self.offline
        self._begin(fill("%1 · %2", workspace.current_user, self.tr("now")), message)
        self._restore = message
        self.input.clear()
        listener = self._relay.arrived.emit
        self._run(lambda: workspace.orchestrator.assist(
            message, blueprint_key=key, conversation_id=conversation_id, offline=offline,
            listener=listener), self._answered)
        return True

    def explain(self, target: str | Finding, label: str | None = None) -> bool:
        """Ask the assistant to explain a blueprint node (JSON Pointer or entity name), a
        finding, a compliance check id or a constitution rule id of the chosen blueprint."""
        workspace, key = self.workspace, self.key
        if workspace is None or key is None or self.busy:
            return False
        shown = label or (target.code if isinstance(target, Finding) else target)
        conversation_id, offline = self.conversation_id, self.offline
        self._begin(fill("%1 · %2", workspace.current_user, self.tr("now")),
                    fill(self.tr("Explain %1"), shown))
        listener = self._relay.arrived.emit
        self._run(lambda: workspace.orchestrator.explainer.explain(
            key, target, language=language(), offline=offline, conversation_id=conversation_id,
            listener=listener), self._explained)
        return True

    def _explain_typed(self, target: str) -> None:
        if self.explain(target):
            self.composer.explain_input.clear()

    def _begin(self, header: str, text: str) -> None:
        self._restore = ""
        self._mark = self.transcript.mark()
        self.transcript.add_message(header, text)
        self.live = LiveReply()
        self.transcript.begin_live(self.tr("Assistant"))
        self.progress_label.setText(self.tr("Thinking…"))
        self._set_engine(lambda: self.tr("Waiting for the answer…"))

    def _run(self, work: Callable[[], Awaitable[Any]], done: Callable[[Any], None]) -> None:
        def finished() -> None:
            self.task = None
            self._set_busy(False)

        self.task = BackgroundOp(self, work).success(done).failure(self._failed).finished(
            finished).run()
        self._set_busy(True)

    def _event(self, event: AssistEvent) -> None:
        if not self.busy:
            return
        if self.live.apply(event):
            self.transcript.drop_live()
        if event.kind == "engine":
            engine = event.text
            self._set_engine(lambda: answering(engine))
        elif event.kind == "text":
            self.transcript.append_live(event.text)
            self.streamed.emit(self.transcript.live_text())
        elif event.kind == "retry":
            delay = event.delay or 0
            self.progress_label.setText(fill(self.tr("Trying again in %1 s (%2)"),
                                             format_number(round(delay, 1)), event.text))
        elif event.kind == "status" and event.text:
            self.progress_label.setText(event.text)
        elif event.kind == "attempt" and event.attempt > 1:
            self.progress_label.setText(fill(self.tr("Attempt %1: asking Claude to correct its "
                                                     "proposal"), format_number(event.attempt)))

    def _answered(self, result: Any) -> None:
        self.transcript.finish_live(result.reply)
        self._set_engine(lambda: answered_by(result.engine, result.model))
        if result.status not in ("proposed", "answered"):
            self.transcript.add_note(status_name(result.status))
        for note in result.notes:
            self.transcript.add_note(note_text(note))
        self._usage(result.usage)
        self.conversation_id = result.conversation_id
        if result.proposal is not None:
            self.proposal_ready.emit(ProposalView.of(result.proposal, result.blueprint_key))
        self.answered.emit(result)
        self.reload()

    def _explained(self, result: Any) -> None:
        self.transcript.finish_live(result.text)
        self._set_engine(lambda: answered_by(result.engine, result.model))
        for note in result.notes:
            self.transcript.add_note(note_text(note))
        self._usage(result.usage)
        self.conversation_id = result.conversation_id
        self.answered.emit(result)
        self.reload()

    def _usage(self, usage: tuple[Any, ...]) -> None:
        if not usage:
            return
        tokens = sum(u.tokens for u in usage)
        cost = sum((u.cost for u in usage if u.cost is not None), start=0)
        self.transcript.add_note(fill(self.tr("Used %Ln tokens (%1)", "", tokens),
                                      money(cost, usage[0].currency)))

    def _failed(self, exc: BaseException) -> None:
        self._undo_message()
        self.transcript.add_note(fill(self.tr("The assistant could not answer; nothing was "
                                              "recorded. %1"), error_text(exc)))
        self._set_engine(lambda: self.tr("No answer"), "error")

    def cancel(self) -> None:
        """Stop the message in flight; nothing of it is recorded."""
        task = self.task
        if task is None:
            return
        self.task = None
        task.cancel()
        self._undo_message()
        self.transcript.add_note(self.tr("Cancelled. Nothing was recorded; your message is "
                                         "back in the box."))
        self._set_engine(lambda: self.tr("Cancelled"))
        self._set_busy(False)

    def _undo_message(self) -> None:
        self.transcript.finish_live(None)
        self.transcript.truncate(self._mark)
        if self._restore and not self.input.toPlainText().strip():
            self.input.setPlainText(self._restore)
        self._restore = ""

    def _show_failure(self, exc: BaseException) -> None:
        self.transcript.add_note(fill(self.tr("The history could not be loaded. %1"),
                                      error_text(exc)))

    # ------------------------------------------------------------------ drawing
    def _set_engine(self, text: Callable[[], str], kind: str = "info") -> None:
        self._engine_text = text
        self.engine_label.setText(text())
        tint(self.engine_label, kind)

    def _set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.progress_label.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.cancel_button.setEnabled(busy)
        self.busy_changed.emit(busy)
        self._update_controls()

    def _update_controls(self) -> None:
        ready = self.workspace is not None and not self.busy
        self.composer.set_ready(ready, ready and self.key is not None)
        self.column.new_button.setEnabled(ready)
        self.conversations_list.setEnabled(not self.busy)

    def retranslate(self) -> None:
        self.cancel_button.setText(self.tr("&Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop this message; nothing is recorded (Esc)"))
        self.cancel_action.setText(self.tr("Cancel"))
        self.progress.setAccessibleName(self.tr("The assistant is working"))
        self.transcript.setAccessibleName(self.tr("Conversation"))
        self.engine_label.setText(self._engine_text())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        if event.type() in (QEvent.Type.LanguageChange, QEvent.Type.PaletteChange) \
                and self.conversation_id is not None and not self.busy:
            # drawn again in the new words and colours
            self.open_conversation(self.conversation_id, with_proposal=False)
        super().changeEvent(event)
