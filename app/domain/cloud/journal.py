"""The journal of one deployment: every step of an apply is an event of the deployment's
stream, so a console that was killed resumes from the log and creates nothing twice.

Events, in order: ``DeploymentStarted`` (the plan's hash, its steps), then per step
``StepStarted`` → ``StepSucceeded`` (the provider's id of what it made) or ``StepFailed``
(the step, the provider's error), and finally ``DeploymentFinished`` (applied, failed,
cancelled or rolled back). :func:`replay` folds them into where the deployment stands; a
step that was started but has no outcome is *uncertain*: before running it again the apply
looks the resource up by its labels and name (it may exist already).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

STARTED = "DeploymentStarted"
STEP_STARTED = "StepStarted"
STEP_SUCCEEDED = "StepSucceeded"
STEP_FAILED = "StepFailed"
FINISHED = "DeploymentFinished"
EVENT_TYPES = (STARTED, STEP_STARTED, STEP_SUCCEEDED, STEP_FAILED, FINISHED)


class Outcome(StrEnum):
    APPLIED = "applied"
    FAILED = "failed"
    CANCELLED = "cancelled"
    ROLLED_BACK = "rolled_back"


class JournalError(ValueError):
    """The events do not tell a deployment's story (a broken or foreign stream)."""


def deployment_stream(tenant_id: str, platform: str, environment: str) -> str:
    return f"deployment:{tenant_id}:{platform}:{environment}"


@dataclass
class Progress:
    """Where the latest deployment of an environment stands."""

    plan_hash: str = ""
    steps: tuple[str, ...] = ()  # step ids ("create:server:wn-…"), in order
    done: dict[str, str] = field(default_factory=dict)  # step id -> provider id ("" if none)
    failed: dict[str, str] = field(default_factory=dict)  # step id -> the provider's error
    started: set[str] = field(default_factory=set)
    outcome: Outcome | None = None

    @property
    def finished(self) -> bool:
        return self.outcome is not None

    @property
    def uncertain(self) -> list[str]:
        """Started, with no outcome recorded: the resource may or may not exist."""
        return [s for s in self.steps if s in self.started and s not in self.done
                and s not in self.failed]

    @property
    def remaining(self) -> list[str]:
        return [s for s in self.steps if s not in self.done]

    @property
    def next_step(self) -> str | None:
        remaining = self.remaining
        return remaining[0] if remaining and not self.finished else None


def step_id(action: str, kind: str, name: str) -> str:
    return f"{action}:{kind}:{name}"


def replay(events: Iterable[tuple[str, Mapping[str, Any]]]) -> Progress:
    """Fold ``(type, data)`` pairs of one deployment stream; a new ``DeploymentStarted``
    begins a new deployment (the previous one must have finished)."""
    progress = Progress()
    for kind, data in events:
        if kind == STARTED:
            if progress.steps and not progress.finished:
                raise JournalError("a deployment started while the previous one was unfinished")
            progress = Progress(plan_hash=str(data["plan_hash"]),
                                steps=tuple(str(s) for s in data["steps"]))
            continue
        if not progress.steps and kind != FINISHED:
            raise JournalError(f"{kind} before any deployment started")
        step = str(data.get("step", ""))
        if kind in (STEP_STARTED, STEP_SUCCEEDED, STEP_FAILED) and step not in progress.steps:
            raise JournalError(f"{kind} names {step!r}, which is not a step of plan "
                               f"{progress.plan_hash[:12]}")
        if kind == STEP_STARTED:
            progress.started.add(step)
            progress.failed.pop(step, None)  # a retry
        elif kind == STEP_SUCCEEDED:
            progress.done[step] = str(data.get("resource_id", ""))
        elif kind == STEP_FAILED:
            progress.failed[step] = str(data.get("error", ""))
        elif kind == FINISHED:
            progress.outcome = Outcome(str(data["outcome"]))
        else:
            raise JournalError(f"unknown deployment event {kind!r}")
    return progress
