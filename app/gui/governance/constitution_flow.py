"""Editing the constitution: live validation and the outcome of a proposal (Qt-free).

Every problem :func:`parse_constitution` finds names the rule and the setting; this module
also finds the line of the YAML text it is about, so the editor can mark it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.domain.governance.actions import Decision
from app.domain.governance.constitution import Constitution, ConstitutionError, parse_constitution
from app.services.approvals import ApprovalRequest

_LINE = re.compile(r"^line (\d+)$")
_INDEXED = re.compile(r"^rules\[(\d+)\](?:\.(\w+))?$")


@dataclass(frozen=True)
class Validation:
    ok: bool
    constitution: Constitution | None = None
    where: str = ""  # as the parser names it: "rule user-ban.approvers", "line 4", "title"
    message: str = ""
    rule: str = ""  # the rule's id, when the problem is inside a rule
    setting: str = ""  # the setting inside the rule (or a top-level part)
    line: int | None = None  # 1-based line of the text to mark

    @property
    def rule_count(self) -> int:
        return len(self.constitution.rules) if self.constitution is not None else 0


def validate(source: str) -> Validation:
    try:
        constitution = parse_constitution(source)
    except ConstitutionError as exc:
        rule, setting, line = locate(source, exc.where)
        return Validation(False, None, exc.where, exc.message, rule, setting, line)
    return Validation(True, constitution)


def locate(source: str, where: str) -> tuple[str, str, int | None]:
    """(rule id, setting, line) for a parser's ``where``."""
    lines = source.splitlines()
    match = _LINE.match(where)
    if match:
        return "", "", int(match.group(1))
    match = _INDEXED.match(where)
    if match:
        start = _nth_rule_line(lines, int(match.group(1)))
        setting = match.group(2) or ""
        return "", setting, _setting_line(lines, start, setting) if start else None
    if where.startswith("rule "):
        rest = where[len("rule "):]
        rule, setting = rest, ""
        start = _rule_line(lines, rest)
        if start is None and "." in rest:
            rule, setting = rest.rsplit(".", 1)
            start = _rule_line(lines, rule)
        if start is None:
            return rule, setting, None
        return rule, setting, _setting_line(lines, start, setting)
    if where:
        return "", where, _setting_line(lines, 1, where, top_level=True)
    return "", "", None


def _rule_line(lines: list[str], rule_id: str) -> int | None:
    pattern = re.compile(r"^\s*(?:-\s*)?id:\s*['\"]?" + re.escape(rule_id) + r"['\"]?\s*(?:#.*)?$")
    return next((i + 1 for i, line in enumerate(lines) if pattern.match(line)), None)


def _nth_rule_line(lines: list[str], index: int) -> int | None:
    starts = []
    in_rules = False
    indent: int | None = None
    for i, line in enumerate(lines):
        if re.match(r"^rules\s*:", line):
            in_rules = True
            continue
        if not in_rules:
            continue
        if line.strip() and not line.startswith((" ", "-", "#")):
            break
        stripped = line.lstrip()
        if stripped.startswith("- ") or stripped == "-":
            depth = len(line) - len(stripped)
            if indent is None:
                indent = depth
            if depth == indent:
                starts.append(i + 1)
    return starts[index] if index < len(starts) else None


def _setting_line(lines: list[str], start: int, setting: str, top_level: bool = False) -> int:
    """The line of ``setting:`` within the rule that starts at ``start`` (else ``start``)."""
    if not setting:
        return start
    key = re.compile(r"^\s*(?:-\s*)?" + re.escape(setting) + r"\s*:")
    for i in range(start - 1, len(lines)):
        line = lines[i]
        if i > start - 1 and not top_level and re.match(r"^\s*-\s*id\s*:", line):
            break
        if key.match(line) and (not top_level or not line.startswith(" ")):
            return i + 1
    return start


@dataclass(frozen=True)
class ProposalOutcome:
    adopted: bool  # adopted at once
    request_id: str = ""  # waiting for approval under this request


def outcome_of(result: Decision | ApprovalRequest) -> ProposalOutcome:
    if isinstance(result, ApprovalRequest):
        return ProposalOutcome(False, result.id)
    return ProposalOutcome(True)


@dataclass
class ConstitutionDraft:
    """The text in the editor against the constitution in force."""

    adopted_source: str = ""
    text: str = ""
    validation: Validation | None = None

    def load(self, source: str) -> None:
        self.adopted_source = source
        self.text = source
        self.validation = validate(source)

    def edit(self, text: str) -> Validation:
        self.text = text
        self.validation = validate(text)
        return self.validation

    @property
    def changed(self) -> bool:
        return self.text != self.adopted_source

    def can_propose(self, why: str) -> bool:
        return bool(self.changed and why.strip() and self.validation is not None
                    and self.validation.ok)
