"""Why Claude stopped, and what the console does about it.

``end_turn``, ``stop_sequence`` and ``tool_use`` are complete answers. ``max_tokens`` means
the answer was cut: a tool call's input is then incomplete JSON (half the operations) and is
never read as a proposal; the call is made once more with a larger ``max_tokens`` when the
model allows it and the budget does, otherwise the owner is told the answer was cut.
``refusal`` is the model declining: the owner is told so in their language and nothing is
proposed or repaired. Anything else (``pause_turn``, ``model_context_window_exceeded``, a
reason newer than this console) is an error that names the reason.
"""

from __future__ import annotations

from typing import Any

COMPLETE = frozenset({"end_turn", "stop_sequence", "tool_use"})
CUT = "max_tokens"
REFUSAL = "refusal"
LARGEST_OUTPUT = 32_000  # what every current Claude model may write in one answer


def larger_budget(max_tokens: int) -> int | None:
    """The ``max_tokens`` for the one retry of a cut answer, or None when it cannot grow."""
    larger = min(max_tokens * 2, LARGEST_OUTPUT)
    return larger if larger > max_tokens else None


def cut_message(max_tokens: int, why: str) -> str:
    return (f"Claude's answer was cut off at the {max_tokens}-token limit ({why}), so the "
            "incomplete change was not used and nothing was changed; ask for a smaller change "
            "or raise max_tokens with `webnova ai config --max-tokens`")


def unexpected_message(reason: str | None) -> str:
    return (f"Claude stopped for a reason the console does not handle ({reason or 'none given'}), "
            "so its answer was not used and nothing was changed; try again")


def refusal_message(language: str, details: dict[str, Any] | None) -> str:
    """What the owner reads when Claude declines, in the language of their message."""
    explanation = str((details or {}).get("explanation") or "").strip()
    if language == "ar":
        why = f" (السبب: {explanation})" if explanation else ""
        return (f"امتنع Claude عن هذا الطلب{why}، فلم يُقترح شيء ولم يتغير شيء. "
                "أعد صياغة الطلب، أو استعمل المخطِّط دون اتصال (‎--offline‎).")
    why = f" ({explanation})" if explanation else ""
    return (f"Claude declined this request{why}, so nothing was proposed and nothing changed. "
            "Rephrase it, or use the offline planner (--offline).")
