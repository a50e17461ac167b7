"""Generation words in the console's language: change kinds, phases, the reasons a
generation gives for a file, run states; and the colours and marks of change kinds."""

from __future__ import annotations

from app.domain.codegen.merge import ChangeKind
from app.gui.formatting import language
from app.gui.generate.run_state import Health, PlatformRun, RunState
from app.gui.i18n import RIGHT_TO_LEFT
from app.gui.qt import QCoreApplication

translate = QCoreApplication.translate
RLM = "\u200f"  # right-to-left mark

# The order kinds are listed in: what needs the owner first, then what was written.
KIND_ORDER = (ChangeKind.conflict, ChangeKind.merged, ChangeKind.added, ChangeKind.changed,
              ChangeKind.removed, ChangeKind.unchanged)
# A mark per kind, so colour is never the only cue.
KIND_MARKS = {ChangeKind.added: "+", ChangeKind.changed: "~", ChangeKind.merged: "⇄",
              ChangeKind.removed: "−", ChangeKind.conflict: "!", ChangeKind.unchanged: "·"}
# Colours per kind on light and dark themes.
KIND_COLOURS: dict[ChangeKind, tuple[str, str]] = {
    ChangeKind.added: ("#1b7f3b", "#6fd08c"),
    ChangeKind.changed: ("#174ea6", "#8ab4f8"),
    ChangeKind.merged: ("#6b3fa0", "#c58af9"),
    ChangeKind.removed: ("#8a5a00", "#f2b84b"),
    ChangeKind.conflict: ("#b3261e", "#f28b82"),
    ChangeKind.unchanged: ("#6b7280", "#9aa0a8"),
}


def kind_name(kind: ChangeKind | str) -> str:
    names = {
        ChangeKind.added: translate("Generate", "Added"),
        ChangeKind.changed: translate("Generate", "Changed"),
        ChangeKind.unchanged: translate("Generate", "Unchanged"),
        ChangeKind.removed: translate("Generate", "Removed"),
        ChangeKind.merged: translate("Generate", "Merged"),
        ChangeKind.conflict: translate("Generate", "Conflict"),
    }
    try:
        return names[ChangeKind(kind)]
    except ValueError:
        return str(kind)


def kind_meaning(kind: ChangeKind) -> str:
    """What a kind means, for the legend's tooltips."""
    return {
        ChangeKind.added: translate("Generate", "A new file was written."),
        ChangeKind.changed: translate("Generate", "The generated file changed and was rewritten."),
        ChangeKind.unchanged: translate("Generate", "Nothing changed in this file."),
        ChangeKind.removed: translate("Generate", "The file is no longer generated and was deleted."),
        ChangeKind.merged: translate(
            "Generate", "Your edits were merged with the new generation."),
        ChangeKind.conflict: translate(
            "Generate", "Your edits and the new generation touch the same lines: your file was "
            "kept and needs a decision."),
    }[kind]


def phase_name(phase: str) -> str:
    names = {
        "render": translate("Generate", "Rendering files"),
        "compare": translate("Generate", "Comparing with the folder"),
        "write": translate("Generate", "Writing files"),
        "commit": translate("Generate", "Recording the generation"),
    }
    return names.get(phase, phase)


def reason_text(reason: str) -> str:
    """The generation's reason for a file, in the console's language."""
    reasons = {
        "no longer generated": translate("Generate", "no longer generated"),
        "no longer generated, but you edited it; your copy is kept": translate(
            "Generate", "no longer generated, but you edited it; your copy is kept"),
        "was missing; restored": translate("Generate", "was missing; restored"),
        "matches the generation; the old .conflict file can go": translate(
            "Generate", "matches the generation; the old .conflict file can go"),
        "a file you made has the path of a generated file": translate(
            "Generate", "a file you made has the path of a generated file"),
        "an earlier conflict is not resolved yet": translate(
            "Generate", "an earlier conflict is not resolved yet"),
        "your edits are kept; the generator's output did not change": translate(
            "Generate", "your edits are kept; the generator's output did not change"),
        "your edits and the new generation change the same lines": translate(
            "Generate", "your edits and the new generation change the same lines"),
        "your edits merged with the new generation": translate(
            "Generate", "your edits merged with the new generation"),
    }
    return reasons.get(reason, reason)


def run_state_name(run: PlatformRun) -> str:
    return {
        RunState.STOPPED: translate("Generate", "Stopped"),
        RunState.STARTING: translate("Generate", "Starting…"),
        RunState.RUNNING: translate("Generate", "Running"),
        RunState.STOPPING: translate("Generate", "Stopping…"),
        RunState.FAILED: translate("Generate", "Failed"),
    }[run.state]


def health_name(health: Health) -> str:
    return {
        Health.UNKNOWN: translate("Generate", "Not checked"),
        Health.ANSWERING: translate("Generate", "Answering"),
        Health.NOT_ANSWERING: translate("Generate", "Not answering"),
    }[health]


def reading_order(text: str) -> str:
    """``text`` laid out in the console's reading direction: a line that begins with a
    path would otherwise be laid out left to right in Arabic."""
    return RLM + text if language() in RIGHT_TO_LEFT else text
