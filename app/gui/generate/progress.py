"""One generation as the pane runs it (Qt-free): where the platform goes by default, the
cancel switch, and progress reports turned into one bar across the phases."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from app.domain.codegen.results import GenerationProgress
from app.paths import data_dir

# Share of the bar each phase takes; a dry run has no writing or commit.
WEIGHTS = {"render": 0.55, "compare": 0.25, "write": 0.17, "commit": 0.03}
DRY_RUN_PHASES = ("render", "compare")
CANCELLABLE_PHASES = ("render", "compare")  # writing, once started, completes


def default_output(key: str, lookup: Callable[[str], Path | None] | None) -> Path:
    """Where ``key``'s platform was generated last, else ``<data folder>/platforms/<key>``
    (what ``webnova generate`` chooses without ``--out``)."""
    found = lookup(key) if lookup is not None else None
    return found or data_dir() / "platforms" / key


@dataclass
class GenerationRun:
    """The state of a generation in progress."""

    key: str
    version: int
    out: Path
    dry_run: bool = False
    cancel: threading.Event = field(default_factory=threading.Event)
    last: GenerationProgress | None = None

    @property
    def phases(self) -> tuple[str, ...]:
        return DRY_RUN_PHASES if self.dry_run else tuple(WEIGHTS)

    def report(self, update: GenerationProgress) -> None:
        self.last = update

    @property
    def fraction(self) -> float:
        """How much of the whole generation is done, 0.0 to 1.0."""
        update = self.last
        if update is None or update.phase not in self.phases:
            return 0.0
        phases = self.phases
        total = sum(WEIGHTS[p] for p in phases)
        before = sum(WEIGHTS[p] for p in phases[: phases.index(update.phase)])
        return min(1.0, (before + WEIGHTS[update.phase] * update.fraction) / total)

    @property
    def cancellable(self) -> bool:
        """Cancelling still stops it before anything is written."""
        return not self.cancel.is_set() and (
            self.last is None or self.last.phase in CANCELLABLE_PHASES)

    def request_cancel(self) -> bool:
        if not self.cancellable:
            return False
        self.cancel.set()
        return True
