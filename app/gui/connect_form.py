"""Settings' "Connect to PostgreSQL" form: draws :class:`PostgresConnectForm`'s problems
next to their fields and hands a valid request to the workspace session."""

from __future__ import annotations

from collections.abc import Callable

from app.domain.workspace import DEFAULT_TENANT, WorkspaceEntry
from app.gui.connect_flow import FieldProblem, PostgresConnectForm, Problem
from app.gui.formatting import fill
from app.gui.messages import open_failed_text
from app.gui.qt import (
    QEvent,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from app.gui.session import WorkspaceSession

FIELDS = ("name", "url", "password", "tenant")
EXAMPLE_URL = "postgresql://user@host:5432/database"
URL_SHAPE = "postgresql://user@host:port/database"


class ConnectForm(QGroupBox):
    def __init__(self, session: WorkspaceSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("connectForm")
        self._session = session
        self._connecting = ""
        self._reported = ""  # the workspace whose failure the form is showing
        self._message: Callable[[], str] = str
        self._problems: dict[str, FieldProblem] = {}
        self.inputs: dict[str, QLineEdit] = {}
        self.labels: dict[str, QLabel] = {}
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for field in FIELDS:
            edit = QLineEdit(self)
            edit.setObjectName(f"connect_{field}")
            error = QLabel(self)
            error.setObjectName("fieldError")
            error.setWordWrap(True)
            error.hide()
            label = QLabel(self)
            label.setBuddy(edit)
            column = QVBoxLayout()
            column.setSpacing(2)
            column.addWidget(edit)
            column.addWidget(error)
            form.addRow(label, column)
            self.inputs[field], self.errors[field], self.labels[field] = edit, error, label
            edit.textEdited.connect(lambda _text, f=field: self._clear_problem(f))
        self.inputs["password"].setEchoMode(QLineEdit.EchoMode.Password)
        self.inputs["tenant"].setText(DEFAULT_TENANT)
        self.inputs["url"].editingFinished.connect(self._check_url_early)
        self.connect_button = QPushButton(self)
        self.connect_button.setObjectName("connectButton")
        self.connect_button.clicked.connect(self.submit)
        for edit in self.inputs.values():
            edit.returnPressed.connect(self.submit)
        self.status = QLabel(self)
        self.status.setObjectName("connectStatus")
        self.status.setWordWrap(True)
        self.status.hide()
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.connect_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        session.workspace_changed.connect(self._opened)
        session.open_failed.connect(self._failed)
        self.retranslate()

    # ------------------------------------------------------------------ flow
    def _form(self) -> PostgresConnectForm:
        console = self._session.console
        names = frozenset(e.name for e in console.catalog.list()) if console else frozenset()
        return PostgresConnectForm(
            existing_names=names,
            name=self.inputs["name"].text(),
            url=self.inputs["url"].text(),
            password=self.inputs["password"].text(),
            tenant_id=self.inputs["tenant"].text(),
        )

    def submit(self) -> None:
        console = self._session.console
        if self._connecting:
            return
        if console is None:
            self._say(
                "info", lambda: self.tr("The console is still starting; try again in a moment.")
            )
            return
        form = self._form()
        problems = form.problems()
        self._problems = {p.field: p for p in problems}
        self._draw_problems()
        if problems:
            self.inputs[problems[0].field].setFocus()
            self._say("", str)
            return
        request = form.request()
        catalog = console.catalog
        entry = WorkspaceEntry(name=request.name, url=request.url, tenant_id=request.tenant_id)

        def remember() -> None:
            catalog.add(request.name, request.url, request.password, request.tenant_id)

        def forget() -> None:
            catalog.remove(request.name)

        if not self._session.open(entry, prepare=remember, undo=forget):
            self._say(
                "info",
                lambda: self.tr("Another workspace is being opened; try again when it is done."),
            )
            return
        self._connecting = request.name
        self.connect_button.setEnabled(False)
        self._say("info", lambda: fill(self.tr("Connecting to %1…"), request.name))

    def _check_url_early(self) -> None:
        if not self.inputs["url"].text().strip():
            return
        problem = next((p for p in self._form().problems() if p.field == "url"), None)
        self._problems.pop("url", None)
        if problem is not None:
            self._problems["url"] = problem
        self._draw_problems()

    def _opened(self, workspace: object) -> None:
        name = getattr(workspace, "name", "")
        if not self._connecting or name != self._connecting:
            return
        self._connecting = ""
        self.connect_button.setEnabled(True)
        for field in ("name", "url", "password"):
            self.inputs[field].clear()
        self.inputs["tenant"].setText(DEFAULT_TENANT)
        self._say(
            "ok", lambda: fill(self.tr("Connected to %1. It is now the open workspace."), name)
        )

    def _failed(self, name: str, exc: BaseException) -> None:
        if not self._connecting or name != self._connecting:
            return
        self._connecting = ""
        self.connect_button.setEnabled(True)
        still_open = self._session.state.name or None
        self._say("error", lambda: open_failed_text(name, exc, still_open))
        self._reported = name

    def is_reporting(self, name: str) -> bool:
        """Is the form showing (or about to show) why ``name`` did not open, so the window
        need not? True while the form waits for ``name``: whichever hears the failure first."""
        if not self.isVisible():
            return False
        return self._connecting == name or (self.status.isVisible() and self._reported == name)

    # ------------------------------------------------------------------ drawing
    def _clear_problem(self, field: str) -> None:
        if self._problems.pop(field, None) is not None:
            self._draw_problems()

    def _draw_problems(self) -> None:
        for field, label in self.errors.items():
            problem = self._problems.get(field)
            label.setText(self.problem_text(problem) if problem else "")
            label.setVisible(problem is not None)
            self.inputs[field].setAccessibleDescription(label.text())

    def _say(self, kind: str, text: Callable[[], str]) -> None:
        self._message = text
        self._reported = ""
        self.status.setProperty("kind", kind)
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)
        self.status.setText(text())
        self.status.setVisible(bool(kind))

    def problem_text(self, problem: FieldProblem) -> str:
        texts = {
            Problem.NAME_EMPTY: self.tr("Enter a name for the workspace."),
            Problem.NAME_INVALID: self.tr(
                "Use 1 to 40 letters, digits, dots, dashes or underscores, "
                "starting with a letter or digit."
            ),
            Problem.NAME_RESERVED: self.tr(
                "“local” is the built-in workspace; choose another name."
            ),
            Problem.NAME_TAKEN: self.tr("A workspace with this name already exists."),
            Problem.URL_EMPTY: fill(self.tr("Enter the database URL, like %1."), EXAMPLE_URL),
            # the parser's own (English) words add nothing the sentence does not say
            Problem.URL_MALFORMED: fill(
                self.tr("This is not a database URL; expected %1."), URL_SHAPE
            ),
            Problem.URL_NOT_POSTGRES: fill(
                self.tr("Only PostgreSQL can be connected here: %1."), URL_SHAPE
            ),
            Problem.URL_NO_HOST: self.tr("The URL names no host (the server after “@”)."),
            Problem.URL_NO_DATABASE: self.tr(
                "The URL names no database (the part after the last “/”)."
            ),
            Problem.URL_NO_USER: self.tr("The URL names no user (the part before “@”)."),
            Problem.URL_BAD_PORT: self.tr("The port must be a number from 1 to 65535."),
            Problem.TENANT_EMPTY: self.tr("Enter the tenant this console works for."),
            Problem.TENANT_INVALID: self.tr(
                "The tenant must be at most 200 characters, without control characters."
            ),
        }
        return texts[problem.problem]

    def retranslate(self) -> None:
        self.setTitle(self.tr("Connect to PostgreSQL"))
        texts = {
            "name": (self.tr("&Name:"), self.tr("Workspace name"), self.tr("e.g. bank")),
            "url": (self.tr("&URL:"), self.tr("Database URL"), EXAMPLE_URL),
            "password": (
                self.tr("&Password:"),
                self.tr("Database password"),
                self.tr("Kept in the system keyring"),
            ),
            "tenant": (self.tr("&Tenant:"), self.tr("Tenant"),
                       fill(self.tr("e.g. %1"), DEFAULT_TENANT)),
        }
        for field, (label, accessible, placeholder) in texts.items():
            self.labels[field].setText(label)
            self.inputs[field].setAccessibleName(accessible)
            self.inputs[field].setPlaceholderText(placeholder)
        self.connect_button.setText(self.tr("&Connect"))
        self.connect_button.setToolTip(
            self.tr("Check the connection, then switch to this workspace")
        )
        self._draw_problems()
        if self.status.isVisible():
            self.status.setText(self._message())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
